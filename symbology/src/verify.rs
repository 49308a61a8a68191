//! Decode-back verification: render a grid, decode the picture with
//! `rxing` (an independent decoder), and compare what a scanner would
//! transmit — symbology identifier and data — with what was meant.
//!
//! This catches encoder bugs and renderer mistakes before a label is
//! printed; it does not grade print quality (ISO/IEC 15415).
//!
//! ```
//! use serialkit_symbology::datamatrix::{DataMatrix, Options};
//! use serialkit_symbology::render::png::RasterOptions;
//! use serialkit_symbology::verify::verify_gs1;
//!
//! let msg = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
//! let dm = DataMatrix::encode_gs1(msg, &Options::default()).unwrap();
//! let decoded = verify_gs1(dm.grid(), msg, &RasterOptions::pixels(4)).unwrap();
//! assert_eq!(decoded.symbology_identifier.unwrap().to_string(), "]d2");
//! ```

use std::collections::HashSet;

use rxing::{
    BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader,
    RXingResultMetadataType, RXingResultMetadataValue, Reader, common::HybridBinarizer,
};

use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::input::{Eci, Gs1Message, Gs1MessageError, Segment};
use crate::render::RenderError;
use crate::render::png::{RasterOptions, to_luma};

/// What the decoder read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The symbology identifier the decoder reports (e.g. `]d2`).
    pub symbology_identifier: Option<SymbologyIdentifier>,
    /// The transmitted data as text (FNC1 separators as GS, 0x1D).
    pub text: String,
    /// Which symbology was found.
    pub format: String,
    /// Which decoder read it.
    pub decoded_by: DecodedBy,
}

/// Which decoder produced a [`Decoded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodedBy {
    /// rxing, from detection to text.
    Rxing,
    /// rxing's QR-family detector and sampler, then serialkit's own reader
    /// ([`crate::qr::read`]: Reed–Solomon, bit-stream parser). Used only
    /// when rxing samples a QR Code, Micro QR or rMQR but its own
    /// bit-stream parsing fails (rxing 0.9.3 fails on a GS1 QR Code with a
    /// literal `%`).
    SerialkitQr,
}

/// Why verification failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Rendering failed.
    #[error("render: {0}")]
    Render(#[from] RenderError),
    /// The decoder found no symbol.
    #[error("no symbol decoded: {0}")]
    NotDecoded(String),
    /// Decoded data differs from the expected data.
    #[error("decoded data differs at character {at}: expected {expected:?}, decoded {decoded:?}")]
    Content {
        /// Expected transmitted text.
        expected: String,
        /// Decoded text.
        decoded: String,
        /// First differing character index.
        at: usize,
    },
    /// Decoded symbology identifier differs.
    #[error("symbology identifier: expected {expected}, decoded {decoded:?}")]
    Identifier {
        /// Expected identifier.
        expected: SymbologyIdentifier,
        /// Decoded one (if any).
        decoded: Option<SymbologyIdentifier>,
    },
    /// The expected data uses an ECI this verifier cannot map to text.
    #[error("cannot verify data under {0}: only ECI 3 (Latin-1), 26 (UTF-8) and 899 (binary)")]
    UnsupportedEci(Eci),
    /// The decoded data is not the same GS1 element string.
    #[error("GS1 element string: {0}")]
    ElementString(String),
    /// The expected GS1 message is malformed.
    #[error("GS1 message: {0}")]
    Gs1(#[from] Gs1MessageError),
    /// The decoder itself failed (panicked) on the picture: a defect of the
    /// decoder, reported instead of taking the caller down. rxing 0.9.3, for
    /// one, underflows an index on a GS1 QR Code whose alphanumeric data
    /// holds a literal `%` (`decoded_bit_stream_parser.rs`).
    #[error("the decoder failed: {0}")]
    DecoderFailed(String),
}

/// Decodes a grayscale picture (0 = black) with rxing, looking for any
/// supported symbology.
pub fn decode_luma(pixels: &[u8], width: u32, height: u32) -> Result<Decoded, VerifyError> {
    let first = decode_luma_as(pixels, width, height, None, false)?;
    // A GS1-128 symbol: read it again so that FNC1 separators come out as
    // GS (see `decode_luma_as`).
    if first.symbology_identifier == Some(SymbologyIdentifier::GS1_128) {
        return decode_luma_as(pixels, width, height, Some(BarcodeFormat::CODE_128), true);
    }
    Ok(first)
}

fn decode_luma_as(
    pixels: &[u8],
    width: u32,
    height: u32,
    format: Option<BarcodeFormat>,
    assume_gs1: bool,
) -> Result<Decoded, VerifyError> {
    let qr_family = match format {
        None => true,
        Some(f) => crate::qr::read::FORMATS.contains(&f),
    };
    match decode_luma_rxing(pixels, width, height, format, assume_gs1) {
        Err(e @ (VerifyError::NotDecoded(_) | VerifyError::DecoderFailed(_))) if qr_family => {
            crate::qr::read::decode_luma_as_text(pixels, width, height, format).ok_or(e)
        }
        other => other,
    }
}

fn decode_luma_rxing(
    pixels: &[u8],
    width: u32,
    height: u32,
    format: Option<BarcodeFormat>,
    assume_gs1: bool,
) -> Result<Decoded, VerifyError> {
    let source = Luma8LuminanceSource::new(pixels.to_vec(), width, height)
        .map_err(|e| VerifyError::NotDecoded(e.to_string()))?;
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let mut hints = DecodeHints {
        TryHarder: Some(true),
        ..DecodeHints::default()
    };
    if let Some(f) = format {
        hints.PossibleFormats = Some(HashSet::from([f]));
    }
    // rxing's Code 128 reader drops FNC1 separators unless told the symbol
    // is GS1; then it writes them as GS and prefixes "]C1" to the text.
    if assume_gs1 {
        hints.AssumeGs1 = Some(true);
    }
    // The decoder is third-party code fed pictures of arbitrary symbols:
    // one of its panics must not become ours.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        MultiFormatReader::default().decode_with_hints(&mut bitmap, &hints)
    }))
    .map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        VerifyError::DecoderFailed(why)
    })?;
    let result = decoded.map_err(|e| VerifyError::NotDecoded(e.to_string()))?;
    let symbology_identifier = result
        .getRXingResultMetadata()
        .get(&RXingResultMetadataType::SYMBOLOGY_IDENTIFIER)
        .and_then(|v| match v {
            RXingResultMetadataValue::SymbologyIdentifier(s) => s.parse().ok(),
            _ => None,
        });
    let text = result.getText();
    // It also runs the check character through its code-set switch, so a
    // check value of 102 (FNC1) comes out as a trailing GS, which a GS1
    // message can never end with.
    let text = if assume_gs1 {
        let t = text.strip_prefix("]C1").unwrap_or(text);
        t.strip_suffix('\u{1d}').unwrap_or(t)
    } else {
        text
    };
    Ok(Decoded {
        symbology_identifier,
        text: text.to_owned(),
        format: format!("{:?}", result.getBarcodeFormat()),
        decoded_by: DecodedBy::Rxing,
    })
}

/// The text a reader transmits for `segments` (after the symbology
/// identifier), assuming Latin-1 unless an ECI says otherwise.
fn expected_text(segments: &[Segment<'_>]) -> Result<String, VerifyError> {
    let mut text = String::new();
    let mut eci = Eci::LATIN_1;
    for (k, segment) in segments.iter().enumerate() {
        match *segment {
            Segment::Fnc1 if k == 0 => {}
            Segment::Fnc1 => text.push('\u{1d}'),
            Segment::Eci(e) => eci = e,
            Segment::Data(bytes) => match eci.number() {
                3 | 899 => text.extend(bytes.iter().map(|&b| b as char)),
                26 => text.push_str(&String::from_utf8_lossy(bytes)),
                _ => return Err(VerifyError::UnsupportedEci(eci)),
            },
        }
    }
    Ok(text)
}

/// Renders `grid`, decodes it, and checks identifier and content against
/// `expected` (the segments the symbol was encoded from).
pub fn verify(
    grid: &ModuleGrid,
    expected: &[Segment<'_>],
    options: &RasterOptions,
) -> Result<Decoded, VerifyError> {
    let text = expected_text(expected)?;
    let image = to_luma(grid, options)?;
    let (w, h) = image.dimensions();
    let format = match grid.symbology_identifier().symbology() {
        'd' => Some(BarcodeFormat::DATA_MATRIX),
        // Micro QR and rMQR scan as ]Q too; the grid's shape tells them apart.
        'Q' if grid.width() != grid.height() => Some(BarcodeFormat::RECTANGULAR_MICRO_QR_CODE),
        'Q' if grid.width() < 21 => Some(BarcodeFormat::MICRO_QR_CODE),
        'Q' => Some(BarcodeFormat::QR_CODE),
        'C' => Some(BarcodeFormat::CODE_128),
        _ => None,
    };
    let gs1_128 = grid.symbology_identifier() == SymbologyIdentifier::GS1_128;
    let decoded = decode_luma_as(image.as_raw(), w, h, format, gs1_128)?;
    if decoded.text != text {
        let at = decoded
            .text
            .chars()
            .zip(text.chars())
            .take_while(|(a, b)| a == b)
            .count();
        return Err(VerifyError::Content {
            expected: text,
            decoded: decoded.text,
            at,
        });
    }
    let expected_id = grid.symbology_identifier();
    if decoded.symbology_identifier != Some(expected_id) {
        return Err(VerifyError::Identifier {
            expected: expected_id,
            decoded: decoded.symbology_identifier,
        });
    }
    Ok(decoded)
}

/// [`verify`] for a GS1 message in `^` notation: the symbol must scan as
/// GS1 (`]d2`, `]Q3` or `]C1`) with the same element string.
pub fn verify_gs1(
    grid: &ModuleGrid,
    message: &str,
    options: &RasterOptions,
) -> Result<Decoded, VerifyError> {
    let message = Gs1Message::parse(message.as_bytes())?;
    let segments: Vec<Segment<'_>> = message.segments().collect();
    let decoded = verify(grid, &segments, options)?;
    // `verify` holds the decoded identifier to the grid's own; a grid that
    // is not GS1 (the same characters with GS instead of FNC1) would pass
    // that and still not be read as GS1 data by a scanner.
    let gs1 = |id: SymbologyIdentifier| {
        matches!(
            (id.symbology(), id.modifier()),
            ('d', '2' | '5') | ('Q', '3' | '4') | ('C', '1') | ('e', '0')
        )
    };
    if !decoded.symbology_identifier.is_some_and(gs1) {
        let expected = match grid.symbology_identifier().symbology() {
            'Q' => SymbologyIdentifier::QR_GS1,
            'C' => SymbologyIdentifier::GS1_128,
            _ => SymbologyIdentifier::DATA_MATRIX_GS1,
        };
        return Err(VerifyError::Identifier {
            expected,
            decoded: decoded.symbology_identifier,
        });
    }
    Ok(decoded)
}

/// [`verify`] for a validated GS1 element string: the decoded data must
/// parse back (as scan data after `]d2`) to the same element string.
#[cfg(feature = "gs1")]
pub fn verify_element_string(
    grid: &ModuleGrid,
    element_string: &serialkit_gs1::ElementString<'_>,
    options: &RasterOptions,
) -> Result<Decoded, VerifyError> {
    let message = element_string.to_message(serialkit_gs1::Fnc1Notation::Caret);
    let decoded = verify_gs1(grid, &message, options)?;
    // FNC1 in first position travels as the identifier; put it back as GS.
    let mut scanned = String::with_capacity(decoded.text.len() + 1);
    scanned.push('\u{1d}');
    scanned.push_str(&decoded.text);
    let reparsed = serialkit_gs1::ElementString::parse_message(
        scanned.as_bytes(),
        &serialkit_gs1::Options::default(),
    )
    .map_err(|e| VerifyError::ElementString(e.to_string()))?;
    if reparsed.to_bracketed() != element_string.to_bracketed() {
        return Err(VerifyError::ElementString(format!(
            "decoded {} instead of {}",
            reparsed.to_bracketed(),
            element_string.to_bracketed()
        )));
    }
    Ok(decoded)
}
