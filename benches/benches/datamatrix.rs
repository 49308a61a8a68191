//! GS1 DataMatrix: a 49-character pharma element string to a module grid
//! (serialkit against the `datamatrix` crate in the same run), and
//! rendering a 24×24 symbol to PNG at 10 px/module. Each bench checks its
//! output.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::datamatrix::{PHARMA_24X24_CARET, PHARMA_49_CARET, PHARMA_49_GS};
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};
use serialkit_symbology::render::png::{RasterOptions, to_png};

fn encode(c: &mut Criterion) {
    let options = Options::with_size(SizePolicy::Square);
    let mut g = c.benchmark_group("datamatrix/encode gs1 49 chars");
    g.throughput(Throughput::Elements(1));
    g.bench_function("serialkit", |b| {
        b.iter(|| {
            let dm = DataMatrix::encode_gs1(black_box(PHARMA_49_CARET), &options).expect("fits");
            assert_eq!(dm.grid().width(), 22);
            black_box(dm);
        })
    });
    g.bench_function("datamatrix crate 0.3", |b| {
        b.iter(|| {
            let dm = datamatrix::DataMatrix::encode_gs1(
                black_box(PHARMA_49_GS),
                datamatrix::SymbolList::default().enforce_square(),
            )
            .expect("fits");
            assert!(dm.bitmap().width() >= 22);
            black_box(dm);
        })
    });
    g.finish();
}

fn render(c: &mut Criterion) {
    let dm = DataMatrix::encode_gs1(PHARMA_24X24_CARET, &Options::with_size(SizePolicy::Square))
        .expect("fits");
    assert_eq!(dm.grid().width(), 24);
    let options = RasterOptions::pixels(10);
    let mut g = c.benchmark_group("datamatrix/render 24x24 png 10px");
    g.throughput(Throughput::Elements(1));
    g.bench_function("serialkit", |b| {
        b.iter(|| {
            let png = to_png(black_box(dm.grid()), &options).expect("renders");
            assert_eq!(&png[1..4], b"PNG");
            black_box(png);
        })
    });
    g.finish();
}

criterion_group!(benches, encode, render);
criterion_main!(benches);
