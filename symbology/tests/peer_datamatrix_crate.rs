//! Differential against the `datamatrix` crate 0.3 (in-process peer): on
//! 5000 random GS1 pharma messages our symbol is never larger, under the
//! square-only, automatic and DMRE policies. (zint, libdmtx and zxing-cpp
//! are compared by `tools/differential_datamatrix.py`.)
mod common;

use common::{Rng, pharma_message};
use datamatrix::SymbolList;
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};

#[test]
fn never_larger_than_the_datamatrix_crate() {
    let mut rng = Rng(0xDA7A_3A7E);
    let cases = 5000;
    let mut smaller = [0usize; 3];
    for _ in 0..cases {
        let msg = pharma_message(&mut rng);
        // The crate takes FNC1 in first position implicitly and GS as
        // separator.
        let gs: Vec<u8> = msg
            .bytes()
            .skip(1)
            .map(|b| if b == b'^' { 0x1d } else { b })
            .collect();
        let peers = [
            (SizePolicy::Square, SymbolList::default().enforce_square()),
            (SizePolicy::Auto, SymbolList::default()),
            (SizePolicy::Dmre, SymbolList::with_extended_rectangles()),
        ];
        for (k, (policy, list)) in peers.into_iter().enumerate() {
            let theirs = datamatrix::DataMatrix::encode_gs1(&gs, list).expect("peer encodes");
            let bitmap = theirs.bitmap();
            let their_area = bitmap.width() * bitmap.height();
            let ours = DataMatrix::encode_gs1(&msg, &Options::with_size(policy))
                .unwrap()
                .size();
            assert!(
                ours.area() <= their_area,
                "{msg}: ours {ours}, datamatrix crate {}x{}",
                bitmap.height(),
                bitmap.width()
            );
            smaller[k] += usize::from(ours.area() < their_area);
        }
    }
    println!(
        "datamatrix crate differential: {cases}/{cases} never larger (smaller: {} square, {} auto, {} dmre)",
        smaller[0], smaller[1], smaller[2]
    );
}
