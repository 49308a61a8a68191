//! Regression: rxing 0.9.3 cannot read a GS1 QR Code whose alphanumeric
//! data holds a literal `%` (written `%%`): its bit-stream parser indexes
//! past the end of the text while undoubling (decoded_bit_stream_parser.rs;
//! a panic in one reader, "not found" in the other). Found by the
//! `qr_code128_roundtrip` fuzz target (seed
//! `bug-rxing-gs1-qr-literal-percent`). zxing-cpp reads these symbols as
//! `]Q3`.
//!
//! Verification now falls back to serialkit's own QR reader (rxing's
//! detector and sampler, then `qr::read`: Reed–Solomon and the bit-stream
//! parser) when rxing's parsing fails, and must read the right data.
#![cfg(feature = "verify")]

use serialkit_symbology::qr::micro::{self, MicroQr};
use serialkit_symbology::qr::read::{decode_luma, read_grid};
use serialkit_symbology::qr::rmqr::{self, Rmqr};
use serialkit_symbology::qr::{Options, QrCode};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::verify::{DecodedBy, verify, verify_gs1};
use serialkit_symbology::{ModuleGrid, Segment};

#[test]
fn gs1_qr_with_a_literal_percent_verifies() {
    for msg in ["^010221%10ABC^20XYV", "^10A%B", "^10%%%^21%"] {
        let qr = QrCode::encode_gs1(msg, &Options::default()).expect("encodes");
        let d = verify_gs1(qr.grid(), msg, &RasterOptions::default())
            .unwrap_or_else(|e| panic!("{msg}: {e}"));
        assert_eq!(d.symbology_identifier.unwrap().to_string(), "]Q3");
        // Whoever read it, the data is right (verify compared it); say who.
        println!("{msg}: read by {:?}", d.decoded_by);
        let r = Rmqr::encode_gs1(msg, &rmqr::Options::default()).expect("encodes");
        let d = verify_gs1(r.grid(), msg, &RasterOptions::pixels(4))
            .unwrap_or_else(|e| panic!("rMQR {msg}: {e}"));
        assert_eq!(d.format, "RECTANGULAR_MICRO_QR_CODE");
    }
    // Where rxing fails, the fallback is what read it.
    let qr = QrCode::encode_gs1("^10A%B", &Options::default()).unwrap();
    let d = verify_gs1(qr.grid(), "^10A%B", &RasterOptions::default()).unwrap();
    assert_eq!(d.decoded_by, DecodedBy::SerialkitQr);
}

/// The fallback reads exactly the codewords written, and a wrong symbol
/// family is not accepted in its place.
#[test]
fn fallback_reads_back_the_codewords() {
    let qr = QrCode::encode_gs1("^010221%10ABC^20XYV", &Options::default()).unwrap();
    let read = read_grid(qr.grid()).unwrap();
    assert_eq!(read.data_codewords, qr.data_codewords());
    assert_eq!(read.data.transmitted(), b"010221%10ABC\x1d20XYV");
    let img = to_luma(qr.grid(), &RasterOptions::pixels(3)).unwrap();
    let read = decode_luma(img.as_raw(), img.width(), img.height()).unwrap();
    assert_eq!(read.data_codewords, qr.data_codewords());
    // A Micro QR grid checked as what it is still verifies through rxing.
    let m = MicroQr::encode_bytes(b"12%AB", &micro::Options::default()).unwrap();
    let grid: &ModuleGrid = m.grid();
    verify(grid, &[Segment::Data(b"12%AB")], &RasterOptions::pixels(4)).unwrap();
}
