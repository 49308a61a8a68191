//! `shared/data/symbology/size-table.tsv`: for 22 representative GS1 inputs,
//! our symbol is never larger than any peer's under the same size policy.
mod common;

use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy, SymbolSize};

/// Which of our policies each peer column corresponds to.
const COLUMNS: [(&str, SizePolicy); 12] = [
    ("zint_dm_auto", SizePolicy::Auto),
    ("zint_dm_square", SizePolicy::Square),
    ("zint_dm_auto_with_dmre", SizePolicy::Dmre),
    ("zint_dm_fast_auto", SizePolicy::Auto),
    ("zint_dm_fast_square", SizePolicy::Square),
    ("datamatrix_crate_auto", SizePolicy::Auto),
    ("datamatrix_crate_square", SizePolicy::Square),
    ("datamatrix_crate_auto_with_dmre", SizePolicy::Dmre),
    ("rxing_dm_gs1_compact_auto", SizePolicy::Auto),
    ("rxing_dm_gs1_compact_square", SizePolicy::Square),
    ("bwipjs_gs1datamatrix_square", SizePolicy::Square),
    ("bwipjs_gs1datamatrixrectangular", SizePolicy::Rectangular),
];

#[test]
fn never_larger_than_any_peer() {
    let Some(dir) = common::data_dir("datamatrix size table") else {
        return;
    };
    let (header, rows) = common::read_tsv(&dir.join("size-table.tsv"));
    let mut comparisons = 0;
    let mut smaller = 0;
    for cells in &rows {
        let row = common::Row {
            header: &header,
            cells,
        };
        let message = common::bracketed_to_caret(row.get("input_bracketed_ai"));
        for (column, policy) in COLUMNS {
            let peer = row.get(column);
            // PANIC: the peer crashed; ERR: the peer found no size (for
            // rectangles, the data does not fit 16x48).
            if peer == "PANIC" || peer.starts_with("ERR") || peer.is_empty() {
                continue;
            }
            let peer: SymbolSize = peer
                .parse()
                .unwrap_or_else(|e| panic!("{column}: {peer}: {e}"));
            let ours = DataMatrix::encode_gs1(&message, &Options::with_size(policy))
                .unwrap()
                .size();
            assert!(
                ours.area() <= peer.area(),
                "{}: {column} chose {peer}, ours {ours} ({policy:?})",
                row.get("case")
            );
            comparisons += 1;
            smaller += usize::from(ours.area() < peer.area());
        }
    }
    println!(
        "datamatrix size table: {comparisons}/{comparisons} never larger than the peer ({smaller} smaller)"
    );
}
