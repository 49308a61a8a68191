//! Arbitrary input → DataMatrix (every size policy, raw bytes with FNC1
//! separators or a GS1 `^` message) → the same data, read two ways: the
//! grid's codewords through the test suite's reference decoder (zxing-cpp's
//! reading rules), and PNG pixels through rxing.
//!
//! Input layout: byte 0 picks the size policy, byte 1 the module size and
//! the input kind, the rest is data (in GS1 kind, `^` marks FNC1 and bytes
//! outside printable ASCII are folded into it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxing::common::HybridBinarizer;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader, Reader};
use serialkit_symbology::Segment;
use serialkit_symbology::datamatrix::{
    DataMatrix, EncodeError, Options, SizePolicy, SymbolSize, read_codewords,
};

/// The symbology tests' independent codeword decoder.
#[path = "../../symbology/tests/common/reference_decoder.rs"]
#[allow(dead_code)]
mod reference_decoder;
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
    let gs1 = input[1] & 4 != 0;
    let (result, expected) = if gs1 {
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
    // Placement: the grid reads back to the codewords, and the data
    // codewords decode to exactly the input.
    let (size, codewords) = read_codewords(dm.grid()).expect("our grid reads back");
    assert_eq!(size, dm.size());
    assert_eq!(codewords, dm.codewords());
    let items: Vec<u16> = expected
        .chars()
        .map(|c| if c == '\u{1d}' { reference_decoder::FNC1 } else { c as u16 })
        .collect();
    let read = reference_decoder::decode(dm.data_codewords()).expect("codewords decode");
    let mut read_items = read.items;
    if read.fnc1_first {
        read_items.insert(0, reference_decoder::FNC1);
    }
    let mut want = items;
    if gs1 {
        want.insert(0, reference_decoder::FNC1);
    }
    assert_eq!(read_items, want, "reference decoder");
    // An independent reader on the rendered picture. rxing 0.9.3 misreads
    // Base 256 segments next to bytes >= 128 or FNC1 (dropping text before
    // or after them; zxing-cpp and libdmtx read these symbols): there the
    // reference decoder above is the check.
    let decoded = decode(&dm, px);
    let rxing_base256_bug = expected.chars().any(|c| c as u32 >= 128);
    assert!(decoded == expected || rxing_base256_bug, "decoded {decoded:?}, expected {expected:?}");
});
