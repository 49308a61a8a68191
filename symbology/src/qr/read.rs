//! Reading QR-family symbols back: module grid → format information →
//! unmasking → codewords → Reed–Solomon error correction → the bit-stream
//! parser ([`super::parse`]).
//!
//! Two entry points:
//! - [`read_grid`] takes a module grid: one of ours, or one sampled from a
//!   picture.
//! - [`decode_luma`] takes a grayscale picture: rxing's QR, Micro QR and
//!   rMQR detectors find and sample the symbol, then [`read_grid`] reads
//!   it. This is the fallback `verify` and `serialkit decode` use when
//!   rxing's own bit-stream parser fails on a symbol it has sampled (rxing
//!   0.9.3 cannot read a GS1 QR Code whose alphanumeric data holds a
//!   literal `%`, which zxing-cpp reads as `]Q3`).
//!
//! Reed–Solomon correction is rxing's decoder (field 0x11D); the format
//! information is corrected by choosing the nearest valid code word (BCH:
//! up to 3 bit errors).
//!
//! ```
//! use serialkit_symbology::qr::read::read_grid;
//! use serialkit_symbology::qr::{Options, QrCode};
//!
//! let qr = QrCode::encode_gs1("^0109521234543213^10A%B", &Options::default())?;
//! let read = read_grid(qr.grid())?;
//! assert_eq!(read.data.transmitted(), b"0109521234543213\x1d10A%B");
//! assert_eq!(read.errors_corrected, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rxing::common::reedsolomon::{PredefinedGenericGF, ReedSolomonDecoder};
use rxing::common::{BitMatrix, DetectorRXingResult, HybridBinarizer};
use rxing::qrcode::cpp_port::detector::{
    DetectPureMQR, DetectPureQR, DetectPureRMQR, FindFinderPatterns, GenerateFinderPatternSets,
    SampleMQR, SampleQR, SampleRMQR,
};
use rxing::{BarcodeFormat, BinaryBitmap, Luma8LuminanceSource};

use super::micro::{MICRO_MASKS, MicroVersion, micro_canvas};
use super::parse::{ParseError, ParsedData, SymbolKind, parse};
use super::rmqr::{self, RmqrSize};
use super::version::Blocks;
use super::{EccLevel, Mask, Version, format_info, matrix, qr_canvas, qr_columns};
use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::verify::{Decoded, DecodedBy};

/// A symbol read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSymbol {
    /// Family member and size.
    pub kind: SymbolKind,
    /// Error correction level from the format information (Micro QR M1,
    /// which only detects errors, reads as L).
    pub ecc: EccLevel,
    /// The data mask (QR Code 0–7, Micro QR 0–3); rMQR has one fixed mask.
    pub mask: Option<Mask>,
    /// Data codewords after error correction, padding included.
    pub data_codewords: Vec<u8>,
    /// Codewords Reed–Solomon corrected.
    pub errors_corrected: usize,
    /// The parsed bit stream.
    pub data: ParsedData,
}

impl ReadSymbol {
    /// The format name rxing uses for this symbol (`QR_CODE`,
    /// `MICRO_QR_CODE`, `RECTANGULAR_MICRO_QR_CODE`).
    pub fn format_name(&self) -> &'static str {
        match self.kind {
            SymbolKind::Qr(_) => "QR_CODE",
            SymbolKind::Micro(_) => "MICRO_QR_CODE",
            SymbolKind::Rmqr(_) => "RECTANGULAR_MICRO_QR_CODE",
        }
    }
}

/// Why a symbol could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// No QR-family symbol has this many rows and columns.
    #[error("{width}x{height} modules is no QR Code, Micro QR or rMQR size")]
    Shape {
        /// Module columns.
        width: usize,
        /// Module rows.
        height: usize,
    },
    /// Neither copy of the format information is within 3 bits of a valid
    /// code word.
    #[error("format information unreadable (more than 3 bits wrong in every copy)")]
    FormatInformation,
    /// The format information names a size other than the grid's.
    #[error("format information says {said}, but the grid is {width}x{height} modules")]
    SizeMismatch {
        /// What the format information names.
        said: String,
        /// Module columns.
        width: usize,
        /// Module rows.
        height: usize,
    },
    /// A Reed–Solomon block has more errors than its check codewords
    /// correct.
    #[error("Reed-Solomon block {block} of {blocks} is uncorrectable")]
    Uncorrectable {
        /// 0-based block index.
        block: usize,
        /// Number of blocks.
        blocks: usize,
    },
    /// The corrected data does not parse.
    #[error("bit stream: {0}")]
    Parse(#[from] ParseError),
    /// No symbol was found in the picture.
    #[error("no QR Code, Micro QR or rMQR symbol found")]
    NotFound,
}

impl ReadError {
    /// How far reading got: when several candidate symbols fail, the
    /// error of the one that got furthest is the informative one.
    fn progress(&self) -> u8 {
        match self {
            ReadError::NotFound => 0,
            ReadError::Shape { .. } => 1,
            ReadError::FormatInformation => 2,
            ReadError::SizeMismatch { .. } => 3,
            ReadError::Uncorrectable { .. } => 4,
            ReadError::Parse(_) => 5,
        }
    }
}

/// Reads a QR Code, Micro QR or rMQR symbol from its module grid (no quiet
/// zone; the grid's symbology identifier is ignored). A square grid whose
/// format information is unreadable is tried mirrored (transposed) too.
pub fn read_grid(grid: &ModuleGrid) -> Result<ReadSymbol, ReadError> {
    let (w, h) = (grid.width(), grid.height());
    let get = |x: usize, y: usize| grid.get(x, y);
    let first = read_modules(w, h, &get);
    if w == h && matches!(first, Err(ReadError::FormatInformation)) {
        let mirrored = |x: usize, y: usize| grid.get(y, x);
        if let Ok(read) = read_modules(w, h, &mirrored) {
            return Ok(read);
        }
    }
    first
}

fn read_modules(
    w: usize,
    h: usize,
    get: &dyn Fn(usize, usize) -> bool,
) -> Result<ReadSymbol, ReadError> {
    if w == h && w >= 21 && (w - 17) % 4 == 0 {
        if let Some(v) = Version::new(((w - 17) / 4) as u8) {
            return read_qr(v, get);
        }
    }
    if w == h && (11..=17).contains(&w) && w % 2 == 1 {
        return read_micro(w, get);
    }
    if w != h {
        return read_rmqr(w, h, get);
    }
    Err(ReadError::Shape {
        width: w,
        height: h,
    })
}

/// The candidate whose code word is nearest to `raw` over all copies, if
/// within 3 bits (BCH(15,5) and BCH(18,6) both correct 3).
fn nearest<T: Copy>(candidates: impl Iterator<Item = (T, Vec<u32>)>, raw: &[u32]) -> Option<T> {
    let mut best: Option<(u32, T)> = None;
    for (value, codes) in candidates {
        let d = codes
            .iter()
            .zip(raw)
            .map(|(c, r)| (c ^ r).count_ones())
            .min()
            .unwrap_or(u32::MAX);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, value));
        }
    }
    best.filter(|(d, _)| *d <= 3).map(|(_, v)| v)
}

/// Bits at `positions` (masked modules XOR `mask(x, y)`), packed into
/// bytes most significant first: `data_bits` bits into whole bytes (a
/// short last codeword keeps its bits high), then `rest_bits` into more
/// bytes.
fn read_bits(
    get: &dyn Fn(usize, usize) -> bool,
    positions: &[(usize, usize)],
    mask: &dyn Fn(usize, usize) -> bool,
    data_bits: usize,
    rest_bits: usize,
) -> Vec<u8> {
    let data_bytes = data_bits.div_ceil(8);
    let mut out = vec![0u8; data_bytes + rest_bits / 8];
    for (i, &(x, y)) in positions.iter().take(data_bits + rest_bits).enumerate() {
        if get(x, y) ^ mask(x, y) {
            let (byte, bit) = if i < data_bits {
                (i / 8, i % 8)
            } else {
                (data_bytes + (i - data_bits) / 8, (i - data_bits) % 8)
            };
            out[byte] |= 0x80 >> bit;
        }
    }
    out
}

/// Splits interleaved codewords into blocks (data then check codewords),
/// corrects each, and returns the data codewords block after block with
/// the number of corrections.
fn correct_blocks(codewords: &[u8], blocks: Blocks) -> Result<(Vec<u8>, usize), ReadError> {
    let count = blocks.count();
    let short = blocks.short_data as usize;
    let ec = blocks.ec_per_block as usize;
    let len = |b: usize| short + usize::from(b >= blocks.short_blocks as usize);
    let mut per_block: Vec<Vec<u8>> = (0..count)
        .map(|b| Vec::with_capacity(len(b) + ec))
        .collect();
    let mut next = codewords.iter().copied();
    for i in 0..=short {
        for (b, block) in per_block.iter_mut().enumerate() {
            if i < len(b) {
                block.push(next.next().unwrap_or(0));
            }
        }
    }
    for _ in 0..ec {
        for block in per_block.iter_mut() {
            block.push(next.next().unwrap_or(0));
        }
    }
    let mut data = Vec::with_capacity(blocks.data_codewords());
    let mut corrected = 0;
    for (b, block) in per_block.iter_mut().enumerate() {
        corrected += correct(block, ec).map_err(|()| ReadError::Uncorrectable {
            block: b,
            blocks: count,
        })?;
        data.extend_from_slice(&block[..len(b)]);
    }
    Ok((data, corrected))
}

/// Reed–Solomon-corrects one block (data then `ec` check codewords) in
/// place with rxing's decoder.
fn correct(block: &mut [u8], ec: usize) -> Result<usize, ()> {
    let rs = ReedSolomonDecoder::new(PredefinedGenericGF::QrCodeField256.into());
    rs.decode(block, ec as i32).map_err(|_| ())
}

fn read_qr(version: Version, get: &dyn Fn(usize, usize) -> bool) -> Result<ReadSymbol, ReadError> {
    let n = version.size();
    let (_, pos) = format_info(n, EccLevel::M, 0);
    let raw: Vec<u32> = (0..2)
        .map(|copy| {
            (0..15).fold(0u32, |acc, i| {
                let (x, y) = pos[copy * 15 + i];
                acc | u32::from(get(x as usize, y as usize)) << i
            })
        })
        .collect();
    let candidates = EccLevel::ALL.into_iter().flat_map(|ecc| {
        (0..8u8).map(move |m| {
            let code = u32::from(format_info(n, ecc, m).0);
            ((ecc, m), vec![code, code])
        })
    });
    let (ecc, mask) = nearest(candidates, &raw).ok_or(ReadError::FormatInformation)?;
    let canvas = qr_canvas(version);
    let positions = canvas.data_positions(&qr_columns(n));
    let total = version.total_codewords();
    let codewords = read_bits(
        get,
        &positions,
        &|x, y| matrix::mask_bit(mask, y, x),
        8 * total,
        0,
    );
    let (data_codewords, errors_corrected) = correct_blocks(&codewords, version.blocks(ecc))?;
    let kind = SymbolKind::Qr(version);
    let data = parse(kind, ecc, &data_codewords)?;
    Ok(ReadSymbol {
        kind,
        ecc,
        mask: Mask::new(mask),
        data_codewords,
        errors_corrected,
        data,
    })
}

/// Micro QR format information: bit i at (8, i + 1) for i < 7, else at
/// (15 − i, 8), masked with 0x4445 (ISO/IEC 18004 §7.9.2).
fn micro_format_position(i: usize) -> (usize, usize) {
    if i < 7 { (8, i + 1) } else { (15 - i, 8) }
}

fn read_micro(n: usize, get: &dyn Fn(usize, usize) -> bool) -> Result<ReadSymbol, ReadError> {
    let raw = (0..15).fold(0u32, |acc, i| {
        let (x, y) = micro_format_position(i);
        acc | u32::from(get(x, y)) << i
    });
    let candidates = (0..8u16).flat_map(|symbol| {
        (0..4u16).map(move |m| {
            let code = u32::from(matrix::format_bch(symbol << 2 | m) ^ 0x4445);
            ((symbol, m as u8), vec![code])
        })
    });
    let (symbol, mask) = nearest(candidates, &[raw]).ok_or(ReadError::FormatInformation)?;
    let (version, ecc) =
        MicroVersion::from_symbol_number(symbol).ok_or(ReadError::FormatInformation)?;
    if version.size() != n {
        return Err(ReadError::SizeMismatch {
            said: version.to_string(),
            width: n,
            height: n,
        });
    }
    let cap = version.capacity(ecc).ok_or(ReadError::FormatInformation)?;
    let canvas = micro_canvas(n);
    let columns: Vec<usize> = (1..n).rev().step_by(2).collect();
    let positions = canvas.data_positions(&columns);
    let pattern = MICRO_MASKS[mask as usize];
    let mut codewords = read_bits(
        get,
        &positions,
        &|x, y| matrix::mask_bit(pattern, y, x),
        cap.data_bits,
        8 * cap.ec_codewords,
    );
    let errors_corrected =
        correct(&mut codewords, cap.ec_codewords).map_err(|()| ReadError::Uncorrectable {
            block: 0,
            blocks: 1,
        })?;
    codewords.truncate(cap.data_codewords);
    let kind = SymbolKind::Micro(version);
    let data = parse(kind, ecc, &codewords)?;
    Ok(ReadSymbol {
        kind,
        ecc,
        mask: Mask::new(mask),
        data_codewords: codewords,
        errors_corrected,
        data,
    })
}

fn read_rmqr(
    w: usize,
    h: usize,
    get: &dyn Fn(usize, usize) -> bool,
) -> Result<ReadSymbol, ReadError> {
    if RmqrSize::new(h, w).is_none() {
        return Err(ReadError::Shape {
            width: w,
            height: h,
        });
    }
    let raw: Vec<u32> = [rmqr::left_positions(), rmqr::right_positions(h, w)]
        .iter()
        .map(|positions| {
            positions
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, &(x, y))| acc | u32::from(get(x, y)) << i)
        })
        .collect();
    let candidates = RmqrSize::all().flat_map(|size| {
        [EccLevel::M, EccLevel::H].map(|ecc| {
            let (left, right) = rmqr::format_info(size, ecc);
            ((size, ecc), vec![left, right])
        })
    });
    let (size, ecc) = nearest(candidates, &raw).ok_or(ReadError::FormatInformation)?;
    if (size.width(), size.height()) != (w, h) {
        return Err(ReadError::SizeMismatch {
            said: size.to_string(),
            width: w,
            height: h,
        });
    }
    let canvas = rmqr::rmqr_canvas(size);
    let columns: Vec<usize> = (1..=w - 2).rev().step_by(2).collect();
    let positions = canvas.data_positions(&columns);
    let codewords = read_bits(
        get,
        &positions,
        // rMQR's one data mask is QR pattern 4 (ISO/IEC 23941 §7.8.2).
        &|x, y| matrix::mask_bit(4, y, x),
        8 * size.total_codewords(),
        0,
    );
    let (data_codewords, errors_corrected) = correct_blocks(&codewords, size.blocks(ecc))?;
    let kind = SymbolKind::Rmqr(size);
    let data = parse(kind, ecc, &data_codewords)?;
    Ok(ReadSymbol {
        kind,
        ecc,
        mask: None,
        data_codewords,
        errors_corrected,
        data,
    })
}

/// The rxing formats of the QR family.
pub(crate) const FORMATS: [BarcodeFormat; 3] = [
    BarcodeFormat::QR_CODE,
    BarcodeFormat::MICRO_QR_CODE,
    BarcodeFormat::RECTANGULAR_MICRO_QR_CODE,
];

/// [`decode_luma`] as `verify` reports it, when the symbol is of `format`
/// (any QR-family member for `None`) and its data has text.
pub(crate) fn decode_luma_as_text(
    pixels: &[u8],
    width: u32,
    height: u32,
    format: Option<BarcodeFormat>,
) -> Option<Decoded> {
    let read = decode_luma(pixels, width, height).ok()?;
    let name = read.format_name();
    if format.is_some_and(|f| format!("{f:?}") != name) {
        return None;
    }
    Some(Decoded {
        symbology_identifier: Some(read.data.symbology_identifier()),
        text: read.data.text().ok()?,
        format: name.to_owned(),
        decoded_by: DecodedBy::SerialkitQr,
    })
}

/// `f()`, or `None` when it panics: rxing's detectors are third-party code
/// fed arbitrary pictures, and one of their panics must not become ours.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// A sampled bit matrix as a module grid.
fn to_grid(bits: &BitMatrix) -> ModuleGrid {
    let (w, h) = (bits.width() as usize, bits.height() as usize);
    let mut grid = ModuleGrid::new(w, h, 0, SymbologyIdentifier::QR);
    for y in 0..h {
        for x in 0..w {
            if bits.get(x as u32, y as u32) {
                grid.set(x, y, true);
            }
        }
    }
    grid
}

/// Finds QR-family symbols in a grayscale picture (0 = black) with rxing's
/// detectors and samplers, and reads the first one [`read_grid`] can read.
/// A panic inside the detectors counts as "not found".
pub fn decode_luma(pixels: &[u8], width: u32, height: u32) -> Result<ReadSymbol, ReadError> {
    let source = Luma8LuminanceSource::new(pixels.to_vec(), width, height)
        .map_err(|_| ReadError::NotFound)?;
    let bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let image = guarded(|| bitmap.get_black_matrix().clone()).ok_or(ReadError::NotFound)?;
    let mut best = ReadError::NotFound;
    let mut attempt = |sampled: Option<BitMatrix>| -> Option<ReadSymbol> {
        let grid = to_grid(&sampled?);
        match read_grid(&grid) {
            Ok(read) => Some(read),
            Err(e) => {
                if e.progress() > best.progress() {
                    best = e;
                }
                None
            }
        }
    };
    // Pure symbols first (our own renderings), then a full search.
    for detect in [DetectPureQR, DetectPureMQR, DetectPureRMQR] {
        let sampled = guarded(|| detect(&image).ok().map(|r| r.getBits().clone())).flatten();
        if let Some(read) = attempt(sampled) {
            return Ok(read);
        }
    }
    let mut patterns = guarded(|| FindFinderPatterns(&image, true, 0)).unwrap_or_default();
    let sets = guarded(|| GenerateFinderPatternSets(&mut patterns.clone())).unwrap_or_default();
    for set in &sets {
        let sampled = guarded(|| SampleQR(&image, set).ok().map(|r| r.getBits().clone())).flatten();
        if let Some(read) = attempt(sampled) {
            return Ok(read);
        }
    }
    for fp in patterns.drain(..) {
        for sample in [SampleMQR, SampleRMQR] {
            let sampled =
                guarded(|| sample(&image, fp).ok().map(|r| r.getBits().clone())).flatten();
            if let Some(read) = attempt(sampled) {
                return Ok(read);
            }
        }
    }
    Err(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Segment;
    use crate::qr::micro::{self, MicroQr};
    use crate::qr::rmqr::Rmqr;
    use crate::qr::{Options, QrCode};
    use crate::render::png::{RasterOptions, to_luma};

    #[test]
    fn reads_every_family_member_back() {
        let qr = QrCode::encode_bytes(b"serialkit 123", &Options::default()).unwrap();
        let r = read_grid(qr.grid()).unwrap();
        assert_eq!(r.data_codewords, qr.data_codewords());
        assert_eq!((r.ecc, r.mask), (qr.ecc(), Some(qr.mask())));
        for data in [&b"12345"[..], b"AB12", b"hello!", b"HELLO WORLD 1234567"] {
            let m = MicroQr::encode_bytes(data, &micro::Options::default()).unwrap();
            let r = read_grid(m.grid()).unwrap();
            assert_eq!(r.kind, SymbolKind::Micro(m.version()));
            assert_eq!(r.data.transmitted(), data);
        }
        let r = Rmqr::encode(&[Segment::Data(b"R11x43?")], &Default::default()).unwrap();
        let back = read_grid(r.grid()).unwrap();
        assert_eq!(back.kind, SymbolKind::Rmqr(r.size()));
        assert_eq!(back.data.transmitted(), b"R11x43?");
    }

    #[test]
    fn corrects_errors_and_format_damage() {
        let qr = QrCode::encode_bytes(b"error correction", &Options::default()).unwrap();
        let mut grid = qr.grid().clone();
        let n = grid.width();
        // Two format information bits of the first copy, and a burst of
        // data modules in the bottom-right corner (the first codewords).
        let corner = [(1, 1), (2, 1), (1, 2), (2, 2), (1, 3)].map(|(dx, dy)| (n - dx, n - dy));
        for (x, y) in [(8, 0), (8, 1)].into_iter().chain(corner) {
            grid.set(x, y, !grid.get(x, y));
        }
        let r = read_grid(&grid).unwrap();
        assert_eq!(r.data.transmitted(), b"error correction");
        assert!(r.errors_corrected >= 1);
    }

    #[test]
    fn decodes_a_picture_rxing_cannot() {
        // rxing 0.9.3 fails on a literal % in GS1 alphanumeric data.
        let qr = QrCode::encode_gs1("^10A%B", &Options::default()).unwrap();
        let img = to_luma(qr.grid(), &RasterOptions::pixels(4)).unwrap();
        let r = decode_luma(img.as_raw(), img.width(), img.height()).unwrap();
        assert_eq!(r.data.symbology_identifier().to_string(), "]Q3");
        assert_eq!(r.data.text().unwrap(), "10A%B");
        let blank = vec![255u8; 100 * 100];
        assert_eq!(decode_luma(&blank, 100, 100), Err(ReadError::NotFound));
    }
}
