//! Quick sanity checks of the public API.
mod common;
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};

#[test]
fn zint_suboptimal_example_fits_22x22() {
    // The example: zint's minimal mode picks 24x24.
    let m = common::bracketed_to_caret("[01]09506007518506[17]290315[10]P0151511[21]WX0Q1PU3AU12");
    assert_eq!(m, "^01095060075185061729031510P0151511^21WX0Q1PU3AU12");
    let dm = DataMatrix::encode_gs1(&m, &Options::with_size(SizePolicy::Square)).unwrap();
    assert_eq!(dm.size().to_string(), "22x22");
    let (text, id) = common::rxing_decode(dm.grid(), 4).unwrap();
    assert_eq!(
        text,
        "01095060075185061729031510P0151511\u{1d}21WX0Q1PU3AU12"
    );
    assert_eq!(id, "]d2");
}
