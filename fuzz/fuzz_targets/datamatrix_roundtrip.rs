//! Arbitrary input → DataMatrix (every size policy, raw bytes with FNC1
//! separators or a GS1 `^` message) → the same data, read two ways: the
//! grid's codewords through the test suite's reference decoder (zxing-cpp's
//! reading rules), and PNG pixels through rxing — data codewords, symbology
//! identifier (`]d2` for GS1, `]d1` otherwise) and text.
//!
//! A GS1 message that is also a valid element string is encoded through
//! `encode_element_string` too, which must give the symbol of its
//! canonical `^` message.
//!
//! Input layout: byte 0 picks the size policy, byte 1 the module size and
//! the input kind, the rest is data (in GS1 kind, `^` marks FNC1 and bytes
//! outside printable ASCII are folded into it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxing::common::HybridBinarizer;
use rxing::{
    BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader,
    RXingResultMetadataType, RXingResultMetadataValue, Reader,
};
use serialkit_gs1::{ElementString, Fnc1Notation, Options as Gs1Options};
use serialkit_symbology::datamatrix::{
    DataMatrix, EncodeError, Options, SizePolicy, SymbolSize, read_codewords,
};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::{Segment, SymbologyIdentifier};

/// The symbology tests' independent codeword decoder.
#[path = "../../symbology/tests/common/reference_decoder.rs"]
#[allow(dead_code)]
mod reference_decoder;

fn policy(b: u8) -> SizePolicy {
    match b % 7 {
        0 => SizePolicy::Auto,
        1 => SizePolicy::Square,
        2 => SizePolicy::Rectangular,
        3 => SizePolicy::Dmre,
        4 => SizePolicy::MaxHeight(8 + (b as u16 >> 3)),
        _ => SizePolicy::Fixed(SymbolSize::all().nth((b as usize >> 3) % 48).unwrap()),
    }
}

/// rxing's text, symbology identifier and data codewords.
fn decode(dm: &DataMatrix, px: u32) -> (String, String, Vec<u8>) {
    let img = to_luma(dm.grid(), &RasterOptions::pixels(px)).expect("renders");
    let (w, h) = img.dimensions();
    let source = Luma8LuminanceSource::new(img.into_raw(), w, h).expect("source");
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some([BarcodeFormat::DATA_MATRIX].into_iter().collect()),
        ..DecodeHints::default()
    };
    let r = MultiFormatReader::default()
        .decode_with_hints(&mut bitmap, &hints)
        .unwrap_or_else(|e| panic!("rxing cannot decode our {} symbol: {e}", dm.size()));
    let id = match r
        .getRXingResultMetadata()
        .get(&RXingResultMetadataType::SYMBOLOGY_IDENTIFIER)
    {
        Some(RXingResultMetadataValue::SymbologyIdentifier(s)) => s.clone(),
        _ => String::new(),
    };
    (r.getText().to_owned(), id, r.getRawBytes().to_vec())
}

/// Checks `dm` against `expected` (the transmitted text, FNC1 separators
/// as GS) read both ways.
fn check(dm: &DataMatrix, gs1: bool, expected: &str, px: u32) {
    let want_id = if gs1 {
        SymbologyIdentifier::DATA_MATRIX_GS1
    } else {
        SymbologyIdentifier::DATA_MATRIX
    };
    assert_eq!(dm.grid().symbology_identifier(), want_id);
    // Placement: the grid reads back to the codewords, and the data
    // codewords decode to exactly the input.
    let (size, codewords) = read_codewords(dm.grid()).expect("our grid reads back");
    assert_eq!(size, dm.size());
    assert_eq!(codewords, dm.codewords());
    let read = reference_decoder::decode(dm.data_codewords()).expect("codewords decode");
    let items: Vec<u16> = expected
        .chars()
        .map(|c| {
            if c == '\u{1d}' {
                reference_decoder::FNC1
            } else {
                c as u16
            }
        })
        .collect();
    assert_eq!(
        (read.fnc1_first, &read.items),
        (gs1, &items),
        "reference decoder"
    );
    // An independent reader on the rendered picture: it must read exactly
    // our data codewords, the identifier, and the text. rxing 0.9.3's text
    // layer is wrong for some data with bytes >= 128 (it loses runs of text
    // around Base 256 fields and re-decodes upper-shifted byte runs as
    // UTF-8 when they are valid UTF-8): there the text is not compared —
    // the reference decoder established it from the very codewords rxing
    // read.
    let (text, id, rxing_codewords) = decode(dm, px);
    assert_eq!(rxing_codewords, dm.data_codewords(), "rxing's codewords");
    // zxing-family readers report ]d2 for an FNC1 separator that lands on
    // codeword 5 of non-GS1 data: the identifier is exact for GS1 data and
    // for data without FNC1.
    if gs1 || !expected.contains('\u{1d}') {
        assert_eq!(id, want_id.to_string(), "rxing's identifier");
    }
    if !expected.chars().any(|c| c as u32 >= 128) {
        assert_eq!(text, expected, "rxing's text");
    }
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 2 {
        return;
    }
    let options = Options::with_size(policy(input[0]));
    let px = 2 + u32::from(input[1] & 3);
    let data = &input[2..];
    if input[1] & 4 != 0 {
        // GS1 `^` message from printable ASCII.
        let text: String = std::iter::once('^')
            .chain(data.iter().map(|&b| {
                if (0x21..0x7F).contains(&b) {
                    b as char
                } else {
                    '^'
                }
            }))
            .collect();
        if serialkit_symbology::Gs1Message::parse(text.as_bytes()).is_err() {
            return;
        }
        let dm = match DataMatrix::encode_gs1(&text, &options) {
            Ok(dm) => dm,
            Err(EncodeError::TooLong { .. } | EncodeError::NoAllowedSize) => return,
            Err(e) => panic!("unexpected error {e}"),
        };
        check(&dm, true, &text[1..].replace('^', "\u{1d}"), px);
        // A valid element string: the same symbol as its canonical message.
        if let Ok(es) = ElementString::parse_message(text.as_bytes(), &Gs1Options::default()) {
            let message = es.to_message(Fnc1Notation::Caret);
            match DataMatrix::encode_element_string(&es, &options) {
                Ok(from_es) => {
                    let direct = DataMatrix::encode_gs1(&message, &options).expect("same data");
                    assert_eq!(from_es, direct, "element string vs its message");
                    if message == text {
                        assert_eq!(from_es, dm, "element string vs the input");
                    }
                    check(&from_es, true, &message[1..].replace('^', "\u{1d}"), px);
                }
                Err(EncodeError::Composite) => assert!(es.composite_index().is_some()),
                Err(EncodeError::TooLong { .. } | EncodeError::NoAllowedSize) => {}
                Err(e) => panic!("unexpected error {e}"),
            }
        }
    } else {
        // Raw bytes; 0x1D marks an FNC1 separator (never first).
        let mut segments = Vec::new();
        let mut expected = String::new();
        for (k, part) in data.split(|&b| b == 0x1d).enumerate() {
            if k > 0 {
                segments.push(Segment::Fnc1);
                expected.push('\u{1d}');
            }
            segments.push(Segment::Data(part));
            expected.extend(part.iter().map(|&b| b as char));
        }
        let dm = match DataMatrix::encode(&segments, &options) {
            Ok(dm) => dm,
            Err(EncodeError::TooLong { .. } | EncodeError::NoAllowedSize) => return,
            Err(e) => panic!("unexpected error {e}"),
        };
        check(&dm, false, &expected, px);
    }
});
