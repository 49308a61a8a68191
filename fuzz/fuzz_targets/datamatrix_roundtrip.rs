//! Arbitrary input → DataMatrix (every size policy, raw bytes with FNC1
//! separators or a GS1 `^` message) → PNG pixels → rxing → the same data.
//!
//! Input layout: byte 0 picks the size policy, byte 1 the module size and
//! the input kind, the rest is data (in GS1 kind, `^` marks FNC1 and bytes
//! outside printable ASCII are folded into it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxing::common::HybridBinarizer;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader, Reader};
use serialkit_symbology::Segment;
use serialkit_symbology::datamatrix::{DataMatrix, EncodeError, Options, SizePolicy, SymbolSize};
use serialkit_symbology::render::png::{RasterOptions, to_luma};

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

fn decode(dm: &DataMatrix, px: u32) -> String {
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
    r.getText().to_owned()
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 2 {
        return;
    }
    let options = Options::with_size(policy(input[0]));
    let px = 2 + u32::from(input[1] & 3);
    let data = &input[2..];
    let (result, expected) = if input[1] & 4 != 0 {
        // GS1 `^` message from printable ASCII.
        let text: String = std::iter::once('^')
            .chain(data.iter().map(|&b| if (0x21..0x7F).contains(&b) { b as char } else { '^' }))
            .collect();
        match serialkit_symbology::Gs1Message::parse(text.as_bytes()) {
            Ok(_) => (DataMatrix::encode_gs1(&text, &options), text[1..].replace('^', "\u{1d}")),
            Err(_) => return,
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
        (DataMatrix::encode(&segments, &options), expected)
    };
    let dm = match result {
        Ok(dm) => dm,
        Err(EncodeError::TooLong { .. } | EncodeError::NoAllowedSize) => return,
        Err(e) => panic!("unexpected error {e}"),
    };
    let decoded = decode(&dm, px);
    // rxing 0.9.3 loses the text after a Base 256 segment when a byte >= 128
    // or an FNC1 follows it (zxing-cpp and libdmtx read these symbols; see
    // symbology/tests/roundtrip.rs): accept that one known truncation.
    let rxing_truncation = decoded.len() < expected.len()
        && expected.starts_with(&decoded)
        && expected.chars().any(|c| c as u32 >= 128);
    assert!(decoded == expected || rxing_truncation, "decoded {decoded:?}, expected {expected:?}");
});
