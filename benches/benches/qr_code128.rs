//! QR Code and GS1-128 encoding against in-process peers: the `qrcode`
//! crate, `fast_qr` and rxing for QR; `barcoders` and rxing for Code 128.
//! Each bench checks its output (version 3 = 29 modules; widths).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::{code128, qr};
use serialkit_benches::workloads::{GS1_128_CARET, PHARMA_CARET, transmitted};

fn qr_encode(c: &mut Criterion) {
    let plain = transmitted(PHARMA_CARET);
    let mut g = c.benchmark_group("qr/gs1 pharma v3-M grid");
    g.throughput(Throughput::Elements(1));
    g.bench_function("serialkit", |b| {
        b.iter(|| assert_eq!(qr::serialkit(black_box(PHARMA_CARET)), 29))
    });
    g.bench_function("qrcode", |b| {
        b.iter(|| assert!(qr::qrcode_crate(black_box(plain.as_bytes())) >= 29))
    });
    g.bench_function("fast_qr", |b| {
        b.iter(|| assert!(qr::fast_qr(black_box(plain.as_bytes())) >= 29))
    });
    g.bench_function("rxing", |b| {
        b.iter(|| assert!(qr::rxing(black_box(&plain)) >= 29))
    });
    g.finish();
}

fn code128_encode(c: &mut Criterion) {
    let rxing_text = format!("ñ{}", transmitted(GS1_128_CARET).replace('\u{1d}', "ñ"));
    let mut g = c.benchmark_group("code128/gs1-128 30 chars");
    g.throughput(Throughput::Elements(1));
    g.bench_function("serialkit", |b| {
        b.iter(|| assert_eq!(code128::serialkit(black_box(GS1_128_CARET)), 255))
    });
    g.bench_function("barcoders", |b| {
        b.iter(|| assert!(code128::barcoders(black_box(code128::BARCODERS_INPUT)) > 0))
    });
    g.bench_function("rxing", |b| {
        b.iter(|| assert!(code128::rxing(black_box(&rxing_text)) > 0))
    });
    g.finish();
}

criterion_group!(benches, qr_encode, code128_encode);
criterion_main!(benches);
