//! EPCIS: streaming parse to typed events (XML, JSON-LD) and event hashing
//! on generated documents of realistic line events.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::epcis::document;
use serialkit_epcis::Format;
use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::stream::EventReader;

/// Events per document: at least 100,000, as the issue asks of the
/// benchmark (each iteration reads or hashes the whole document, so
/// criterion takes its minimum of samples).
const EVENTS: u64 = 100_000;

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("epcis/stream-parse");
    g.sample_size(10);
    for (name, format) in [("xml", Format::Xml), ("jsonld", Format::JsonLd)] {
        let doc = document(format, EVENTS);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut r = EventReader::new(black_box(&doc[..])).expect("document");
                let mut n = 0;
                while let Some(e) = r.next_event().expect("document") {
                    black_box(e);
                    n += 1;
                }
                assert_eq!(n, EVENTS);
            })
        });
    }
    g.finish();
}

fn hash(c: &mut Criterion) {
    let doc = document(Format::JsonLd, EVENTS);
    let events: Vec<_> = EventReader::new(&doc[..])
        .expect("document")
        .collect::<Result<_, _>>()
        .expect("document");
    let options = HashOptions::default();
    let mut g = c.benchmark_group("epcis/event-hash");
    g.sample_size(10);
    g.throughput(Throughput::Elements(EVENTS));
    g.bench_function("parsed events", |b| {
        b.iter(|| {
            let mut last = String::new();
            for e in &events {
                last = event_hash_with(black_box(e), &options);
            }
            assert!(last.starts_with("ni:///sha-256;"));
        })
    });
    g.finish();
}

criterion_group!(benches, parse, hash);
criterion_main!(benches);
