//! `versus epcis`: streaming parse to typed events (EPCIS 2.0 XML and
//! JSON-LD) and CBV 2.0 event hashing, on generated documents of realistic
//! pharmaceutical line events (commissioning with ILMD, packing, shipping
//! with business transactions and parties, receiving).
//!
//! Peers: the `epcis-hash` crate (in process; parses the whole document),
//! lxml's `iterparse` (Python; a streaming XML parse without a model), and
//! `serde_json::Value` (an in-memory JSON DOM without a model) as a floor.

use std::hint::black_box;
use std::io::Read;

use serialkit_epcis::Format;
use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::sample::SyntheticDocument;
use serialkit_epcis::stream::EventReader;

use super::external::{Worker, python_worker};
use super::{Contender, Measurement, Settings, compare, peer_missing};

/// Events in the parse workloads.
pub const PARSE_EVENTS: u64 = 100_000;
/// Events serialkit hashes per operation in the hash workloads.
pub const HASH_EVENTS: u64 = 100_000;
/// Events the `epcis-hash` peer hashes per operation: it parses the whole
/// document in memory at about 13,500 events/s, so it gets a tenth of the
/// document and the hash workloads compare time per event.
pub const PEER_HASH_EVENTS: u64 = 10_000;

/// A generated document in `format`.
pub fn document(format: Format, events: u64) -> Vec<u8> {
    let mut out = Vec::new();
    SyntheticDocument::new(format, events, 2024)
        .read_to_end(&mut out)
        .expect("in-memory generation");
    out
}

fn parse_count(bytes: &[u8]) -> u64 {
    let mut r = EventReader::new(bytes).expect("generated document");
    let mut n = 0;
    while let Some(e) = r.next_event().expect("generated document") {
        black_box(&e);
        n += 1;
    }
    n
}

fn lxml(workload: &str, xml: &[u8]) -> Option<Worker> {
    let file =
        std::env::temp_dir().join(format!("serialkit-versus-epcis-{}.xml", std::process::id()));
    if let Err(e) = std::fs::write(&file, xml) {
        peer_missing(workload, "lxml", &e.to_string());
        return None;
    }
    let setup = format!(
        "from lxml import etree\npath = {:?}\ndef parse():\n    n = 0\n    for _, el in etree.iterparse(path, events=('end',), tag=('ObjectEvent', 'AggregationEvent')):\n        n += 1\n        el.clear()\n    return n\nparse()",
        file.to_string_lossy()
    );
    let script = match python_worker("lxml", &setup, "parse()") {
        Ok(p) => p,
        Err(e) => {
            peer_missing(workload, "lxml", &e.to_string());
            return None;
        }
    };
    match Worker::start("python3", &[&script.to_string_lossy()]) {
        Ok(w) => Some(w),
        Err(e) => {
            peer_missing(
                workload,
                "lxml (Python)",
                &format!("{e} (pip install lxml)"),
            );
            None
        }
    }
}

fn peer_hashes_json(bytes: &[u8]) -> usize {
    let v: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    let pre = epcis_hash::canonicalize_json(&v, true).expect("peer hashes the document");
    let mut n = 0;
    for line in pre.lines() {
        black_box(epcis_hash::compute_hash_from_prehash(line));
        n += 1;
    }
    n
}

fn peer_hashes_xml(bytes: &[u8]) -> usize {
    let s = std::str::from_utf8(bytes).expect("UTF-8");
    let pre = epcis_hash::canonicalize_xml(s, true).expect("peer hashes the document");
    let mut n = 0;
    for line in pre.lines() {
        black_box(epcis_hash::compute_hash_from_prehash(line));
        n += 1;
    }
    n
}

fn our_hashes(bytes: &[u8]) -> usize {
    let mut r = EventReader::new(bytes).expect("generated document");
    let options = HashOptions::for_document(r.head());
    let mut n = 0;
    while let Some(e) = r.next_event().expect("generated document") {
        black_box(event_hash_with(&e, &options));
        n += 1;
    }
    n
}

/// A contender whose operation is one event of a document of `events`
/// events: `run` processes the whole document once, and its thread CPU
/// time is divided among the events, so contenders given documents of
/// different lengths compare per event.
fn per_event<'a>(name: &str, events: u64, mut run: impl FnMut() + 'a) -> Contender<'a> {
    Contender::timed(name, move |n| {
        // `n` events: whole documents, at least one.
        let docs = n.div_ceil(events).max(1);
        let t = cpu_time::ThreadTime::now();
        for _ in 0..docs {
            run();
        }
        let per_event = t.elapsed().as_secs_f64() / (docs * events) as f64;
        Some(std::time::Duration::from_secs_f64(per_event * n as f64))
    })
}

fn throughput(ms: &[Measurement], bytes: usize, events: u64) {
    for m in ms {
        let secs = m.ns_per_op / 1e9;
        eprintln!(
            "{:<40} {:<36} {:>8.1} MB/s {:>12.0} events/s",
            m.workload,
            m.contender,
            bytes as f64 / secs / 1e6,
            events as f64 / secs
        );
    }
}

/// Runs the EPCIS workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let mut out = Vec::new();
    let xml = document(Format::Xml, PARSE_EVENTS);
    let json = document(Format::JsonLd, PARSE_EVENTS);
    assert_eq!(parse_count(&xml), PARSE_EVENTS);
    assert_eq!(parse_count(&json), PARSE_EVENTS);

    {
        let w = "epcis/stream-parse xml (100k events)";
        let mut cs = vec![Contender::new("serialkit", || {
            assert_eq!(parse_count(black_box(&xml)), PARSE_EVENTS);
        })];
        if let Some(mut worker) = lxml(w, &xml) {
            cs.push(Contender::timed(
                "lxml iterparse (Python, no model)",
                move |n| worker.run(n),
            ));
        }
        let ms = compare(w, cs, settings);
        throughput(&ms, xml.len(), PARSE_EVENTS);
        out.extend(ms);
    }
    {
        let w = "epcis/stream-parse jsonld (100k events)";
        let cs = vec![
            Contender::new("serialkit", || {
                assert_eq!(parse_count(black_box(&json)), PARSE_EVENTS);
            }),
            Contender::new("serde_json::Value (DOM, no model)", || {
                let v: serde_json::Value = serde_json::from_slice(black_box(&json)).expect("JSON");
                black_box(v);
            }),
        ];
        let ms = compare(w, cs, settings);
        throughput(&ms, json.len(), PARSE_EVENTS);
        out.extend(ms);
    }
    let xml_hash = document(Format::Xml, HASH_EVENTS);
    let json_hash = document(Format::JsonLd, HASH_EVENTS);
    let xml_peer = document(Format::Xml, PEER_HASH_EVENTS);
    let json_peer = document(Format::JsonLd, PEER_HASH_EVENTS);
    assert_eq!(peer_hashes_json(&json_peer), PEER_HASH_EVENTS as usize);
    assert_eq!(peer_hashes_xml(&xml_peer), PEER_HASH_EVENTS as usize);
    for (w, ours, theirs, peer) in [
        (
            "epcis/parse+hash xml (per event; 100k-event document, peer 10k)",
            &xml_hash,
            &xml_peer,
            peer_hashes_xml as fn(&[u8]) -> usize,
        ),
        (
            "epcis/parse+hash jsonld (per event; 100k-event document, peer 10k)",
            &json_hash,
            &json_peer,
            peer_hashes_json,
        ),
    ] {
        let cs = vec![
            per_event("serialkit", HASH_EVENTS, || {
                assert_eq!(our_hashes(black_box(ours)), HASH_EVENTS as usize);
            }),
            per_event("epcis-hash 0.2", PEER_HASH_EVENTS, || {
                assert_eq!(peer(black_box(theirs)), PEER_HASH_EVENTS as usize);
            }),
        ];
        let ms = compare(w, cs, settings);
        // One operation is one event: bytes per event of serialkit's document.
        throughput(&ms, ours.len() / HASH_EVENTS as usize, 1);
        out.extend(ms);
    }
    {
        let w = "epcis/hash parsed events (100k events)";
        let events: Vec<_> = EventReader::new(&json_hash[..])
            .expect("doc")
            .collect::<Result<_, _>>()
            .expect("doc");
        assert_eq!(events.len() as u64, HASH_EVENTS);
        let options = HashOptions::default();
        let cs = vec![Contender::new("serialkit", || {
            for e in &events {
                black_box(event_hash_with(black_box(e), &options));
            }
        })];
        let ms = compare(w, cs, settings);
        throughput(&ms, json_hash.len(), HASH_EVENTS);
        out.extend(ms);
    }
    out
}
