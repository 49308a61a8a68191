//! Parse + full validation of a pharma message in its three input forms,
//! and of the same message with a wrong check digit.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::workloads::{PHARMA_BRACKETED, PHARMA_CARET, PHARMA_SCAN};
use serialkit_gs1::scan::{ScanContent, ScanData};
use serialkit_gs1::{ElementString, Options};

fn parse_validate(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("gs1/parse+validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("bracketed", |b| {
        b.iter(|| {
            let es = ElementString::parse_bracketed(black_box(PHARMA_BRACKETED), &options)
                .expect("valid");
            assert_eq!(es.len(), 4);
        })
    });
    g.bench_function("fnc1", |b| {
        b.iter(|| {
            let es = ElementString::parse_message(black_box(PHARMA_CARET.as_bytes()), &options)
                .expect("valid");
            assert_eq!(es.len(), 4);
        })
    });
    g.bench_function("scan", |b| {
        b.iter(|| {
            let s = ScanData::parse(black_box(PHARMA_SCAN), &options).expect("valid");
            let ScanContent::Gs1(es) = s.content() else {
                panic!("GS1 DataMatrix scan data holds element strings")
            };
            assert_eq!(es.len(), 4);
        })
    });
    g.finish();
}

/// A message that fails validation: the fast paths take valid messages
/// only, so this keeps the general code (and error reporting) in view.
fn invalid(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("gs1/parse+validate invalid");
    g.throughput(Throughput::Elements(1));
    let wrong_check_digit = PHARMA_CARET.replacen("3213", "3214", 1);
    g.bench_function("fnc1 wrong check digit", |b| {
        b.iter(|| {
            let errors =
                ElementString::parse_message(black_box(wrong_check_digit.as_bytes()), &options)
                    .expect_err("wrong check digit");
            assert_eq!(errors.0[0].kind.code(), "AI_LINTER_ERROR");
        })
    });
    g.finish();
}

criterion_group!(benches, parse_validate, invalid);
criterion_main!(benches);
