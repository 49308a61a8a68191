//! Regression: rxing 0.9.3 underflows an index (decoded_bit_stream_parser.rs)
//! on a GS1 QR Code whose alphanumeric data holds a literal `%`; found by
//! the `qr_code128_roundtrip` fuzz target (seed
//! `bug-rxing-gs1-qr-literal-percent`).
#![cfg(feature = "verify")]

use serialkit_symbology::qr::{Options, QrCode};
use serialkit_symbology::render::png::RasterOptions;

/// rxing 0.9.3 underflows an index on a GS1 QR Code whose alphanumeric data
/// holds a literal `%`; verification reports the decoder's failure instead
/// of panicking (or, where integer overflow wraps, must still not pass a
/// wrong read).
#[test]
fn verification_reports_the_decoder_failure_instead_of_panicking() {
    use serialkit_symbology::verify::{VerifyError, verify_gs1};
    let msg = "^010221%10ABC^20XYV";
    let qr = QrCode::encode_gs1(msg, &Options::default()).expect("encodes");
    match verify_gs1(qr.grid(), msg, &RasterOptions::default()) {
        Ok(_) | Err(VerifyError::DecoderFailed(_)) => {}
        Err(e) => panic!("unexpected: {e}"),
    }
    // Our own reader gives back exactly the codewords written.
    let (.., data) = serialkit_symbology::qr::read_codewords(qr.grid()).expect("reads back");
    assert_eq!(data, qr.data_codewords());
}
