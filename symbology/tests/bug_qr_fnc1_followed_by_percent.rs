//! Regression, found by the segmentation oracle (tests/qr_segmentation_oracle.rs):
//! under FNC1 an alphanumeric FNC1 is `%` and a literal `%` is `%%`, and
//! readers undouble from the left. The encoder wrote an FNC1 followed by a
//! literal `%` as `%%%` (read back as `%` then GS) and two FNC1s as `%%`
//! (read back as one literal `%`). After an FNC1 such an item now opens a
//! new alphanumeric segment (readers undouble per segment) or goes to byte
//! mode, whichever is shorter.
#![cfg(feature = "verify")]

use serialkit_symbology::Segment;
use serialkit_symbology::qr::parse::{SymbolKind, parse};
use serialkit_symbology::qr::rmqr::{self, Rmqr};
use serialkit_symbology::qr::{ApplicationIndicator, Options, QrCode};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::verify::{decode_luma, verify_gs1};

#[test]
fn fnc1_then_percent_reads_back() {
    for msg in ["^10A^%B", "^10ABC^%%^%", "^%^%%%"] {
        let qr = QrCode::encode_gs1(msg, &Options::default()).unwrap();
        let p = parse(SymbolKind::Qr(qr.version()), qr.ecc(), qr.data_codewords()).unwrap();
        let want: Vec<u8> = msg[1..]
            .bytes()
            .map(|b| if b == b'^' { 0x1D } else { b })
            .collect();
        assert_eq!(p.transmitted(), want, "{msg}");
        verify_gs1(qr.grid(), msg, &RasterOptions::pixels(4))
            .unwrap_or_else(|e| panic!("{msg}: {e}"));
        let r = Rmqr::encode_gs1(msg, &rmqr::Options::default()).unwrap();
        let p = parse(SymbolKind::Rmqr(r.size()), r.ecc(), r.data_codewords()).unwrap();
        assert_eq!(p.transmitted(), want, "rMQR {msg}");
    }
    // Two separators in a row under FNC1 in second position.
    let mut options = Options::default();
    options.fnc1_second = ApplicationIndicator::letter('Z');
    let segments = [
        Segment::Data(b"AB"),
        Segment::Fnc1,
        Segment::Fnc1,
        Segment::Data(b"%C"),
    ];
    let qr = QrCode::encode(&segments, &options).unwrap();
    let p = parse(SymbolKind::Qr(qr.version()), qr.ecc(), qr.data_codewords()).unwrap();
    assert_eq!(p.transmitted(), b"ZAB\x1d\x1d%C");
    // A reader transmits the application indicator first.
    let img = to_luma(qr.grid(), &RasterOptions::pixels(4)).unwrap();
    let decoded = decode_luma(img.as_raw(), img.width(), img.height()).unwrap();
    assert_eq!(decoded.text, "ZAB\u{1d}\u{1d}%C");
    assert_eq!(decoded.symbology_identifier.unwrap().to_string(), "]Q5");
}
