//! GS1 Digital Link parse and generate; SGTIN-96 encode and decode; GCP
//! length lookup.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::dl_epc::{DL_ELEMENT_STRING, DL_URI, SGTIN96, SGTIN96_TAG_URI};
use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink};
use serialkit_gs1::epc::{BinaryScheme, Tag};
use serialkit_gs1::{ElementString, Options};

fn digital_link(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("gs1/digital-link");
    g.throughput(Throughput::Elements(1));
    g.bench_function("parse+validate", |b| {
        b.iter(|| {
            let d = DigitalLink::parse(black_box(DL_URI), &options).expect("valid");
            assert_eq!(d.element_string().len(), 4);
        })
    });
    let es = ElementString::parse(DL_ELEMENT_STRING, &options).expect("valid");
    g.bench_function("generate", |b| {
        b.iter(|| {
            let uri = black_box(&es)
                .to_digital_link(CANONICAL_STEM)
                .expect("has a key");
            assert_eq!(uri.len(), DL_URI.len());
        })
    });
    g.finish();
}

fn epc(c: &mut Criterion) {
    let tag: Tag = SGTIN96_TAG_URI.parse().expect("valid");
    let mut g = c.benchmark_group("gs1/epc");
    g.throughput(Throughput::Elements(1));
    g.bench_function("sgtin-96 encode", |b| {
        b.iter(|| {
            let e = black_box(&tag).encode().expect("encodable");
            assert_eq!(e.as_bytes(), SGTIN96);
        })
    });
    g.bench_function("sgtin-96 decode", |b| {
        b.iter(|| {
            let t = Tag::decode(black_box(&SGTIN96)).expect("valid");
            assert_eq!(t.binary_scheme(), BinaryScheme::Sgtin96);
        })
    });
    g.finish();
}

criterion_group!(benches, digital_link, epc);
criterion_main!(benches);
