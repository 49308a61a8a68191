//! Micro QR Code (ISO/IEC 18004 §6, versions M1–M4): one finder pattern,
//! 11×11 to 17×17 modules, for the smallest marks.
//!
//! ```
//! use serialkit_symbology::qr::micro::{MicroQr, Options};
//!
//! let m = MicroQr::encode_bytes(b"12345", &Options::default())?;
//! assert_eq!(m.version().to_string(), "M1");
//! assert_eq!(m.grid().width(), 11);
//! # Ok::<(), serialkit_symbology::qr::EncodeError>(())
//! ```
//!
//! Micro QR has no ECI, FNC1 or Structured Append; M1 carries digits only
//! and M2 digits and alphanumerics. The data stream of M1 and M3 ends in a
//! 4-bit codeword.

use std::fmt;
use std::str::FromStr;

use super::bits::BitBuffer;
use super::matrix::{self, Canvas, Row};
use super::segment::{Header, Item, Planner};
use super::{EccLevel, EncodeError, Mask, items_from_segments};
use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::input::Segment;

/// A Micro QR version, M1 (11×11) to M4 (17×17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MicroVersion(u8);

impl MicroVersion {
    /// M1: numeric only, error detection only.
    pub const M1: MicroVersion = MicroVersion(1);
    /// M2.
    pub const M2: MicroVersion = MicroVersion(2);
    /// M3.
    pub const M3: MicroVersion = MicroVersion(3);
    /// M4.
    pub const M4: MicroVersion = MicroVersion(4);

    /// `M{n}`, or `None` outside 1–4.
    pub const fn new(n: u8) -> Option<Self> {
        if n >= 1 && n <= 4 {
            Some(Self(n))
        } else {
            None
        }
    }

    /// The version number 1–4.
    pub const fn number(self) -> u8 {
        self.0
    }

    /// Modules per side: 9 + 2 × version.
    pub const fn size(self) -> usize {
        9 + 2 * self.0 as usize
    }

    /// The symbol's capacity at `ecc`, `None` where the combination does
    /// not exist (M1 has error detection only, which counts as L; H never).
    pub fn capacity(self, ecc: EccLevel) -> Option<Capacity> {
        let (data_bits, data_codewords, ec) = match (self.0, ecc) {
            (1, EccLevel::L) => (20, 3, 2),
            (2, EccLevel::L) => (40, 5, 5),
            (2, EccLevel::M) => (32, 4, 6),
            (3, EccLevel::L) => (84, 11, 6),
            (3, EccLevel::M) => (68, 9, 8),
            (4, EccLevel::L) => (128, 16, 8),
            (4, EccLevel::M) => (112, 14, 10),
            (4, EccLevel::Q) => (80, 10, 14),
            _ => return None,
        };
        Some(Capacity {
            data_bits,
            data_codewords,
            ec_codewords: ec,
        })
    }

    /// The symbol number the format information carries (0–7).
    pub(crate) fn symbol_number(self, ecc: EccLevel) -> u16 {
        match (self.0, ecc) {
            (1, _) => 0,
            (2, EccLevel::L) => 1,
            (2, _) => 2,
            (3, EccLevel::L) => 3,
            (3, _) => 4,
            (4, EccLevel::L) => 5,
            (4, EccLevel::M) => 6,
            _ => 7,
        }
    }

    /// Character count indicator lengths for numeric, alphanumeric, byte
    /// and Kanji (ISO/IEC 18004 Table 3); 0 where the version lacks the
    /// mode.
    pub(crate) const fn count_bits(self) -> [u8; 4] {
        let v = self.0 as usize - 1;
        [
            [3, 4, 5, 6][v],
            [0, 3, 4, 5][v],
            [0, 0, 4, 5][v],
            [0, 0, 3, 4][v],
        ]
    }

    /// The version and level a format information symbol number (0–7)
    /// stands for.
    #[cfg(feature = "verify")]
    pub(crate) const fn from_symbol_number(n: u16) -> Option<(MicroVersion, EccLevel)> {
        Some(match n {
            0 => (MicroVersion::M1, EccLevel::L),
            1 => (MicroVersion::M2, EccLevel::L),
            2 => (MicroVersion::M2, EccLevel::M),
            3 => (MicroVersion::M3, EccLevel::L),
            4 => (MicroVersion::M3, EccLevel::M),
            5 => (MicroVersion::M4, EccLevel::L),
            6 => (MicroVersion::M4, EccLevel::M),
            7 => (MicroVersion::M4, EccLevel::Q),
            _ => return None,
        })
    }

    fn header(self, kanji: bool) -> Header {
        Header {
            indicator_bits: self.0 - 1,
            indicator: [0, 1, 2, 3],
            count_bits: self.count_bits(),
            eci_indicator: None,
            gs1: false,
            kanji,
        }
    }
}

impl fmt::Display for MicroVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "M{}", self.0)
    }
}

/// Why a string is not a Micro QR version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Micro QR version must be M1-M4, got {0:?}")]
pub struct MicroVersionError(pub String);

impl FromStr for MicroVersion {
    type Err = MicroVersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix(['M', 'm'])
            .unwrap_or(s)
            .parse::<u8>()
            .ok()
            .and_then(MicroVersion::new)
            .ok_or_else(|| MicroVersionError(s.to_owned()))
    }
}

/// Data capacity of one Micro QR version and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    /// Data bits (M1 and M3 end in a 4-bit codeword).
    pub data_bits: usize,
    /// Data codewords, the short last one included.
    pub data_codewords: usize,
    /// Error correction codewords.
    pub ec_codewords: usize,
}

/// Micro QR encoder options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Error correction level: L (M1: error detection), M (M2–M4) or Q
    /// (M4 only).
    pub ecc: EccLevel,
    /// `None`: the smallest version that holds the data; otherwise exactly
    /// this version.
    pub version: Option<MicroVersion>,
    /// A fixed mask (0–3) instead of the best-scoring one.
    pub mask: Option<Mask>,
    /// Raise the level as far as the data still fits.
    pub boost_ecc: bool,
    /// The data bytes are Shift JIS: Kanji mode may be used (M3, M4).
    pub kanji: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            ecc: EccLevel::L,
            version: None,
            mask: None,
            boost_ecc: false,
            kanji: false,
        }
    }
}

impl Options {
    /// Default options at level `ecc`.
    pub fn with_ecc(ecc: EccLevel) -> Self {
        Self {
            ecc,
            ..Self::default()
        }
    }
}

/// An encoded Micro QR symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MicroQr {
    version: MicroVersion,
    ecc: EccLevel,
    mask: Mask,
    data: Vec<u8>,
    grid: ModuleGrid,
}

impl MicroQr {
    /// Encodes bytes.
    pub fn encode_bytes(data: &[u8], options: &Options) -> Result<Self, EncodeError> {
        Self::encode(&[Segment::Data(data)], options)
    }

    /// Encodes segments (no FNC1, no ECI: Micro QR has neither).
    pub fn encode(segments: &[Segment<'_>], options: &Options) -> Result<Self, EncodeError> {
        let (items, framing) = items_from_segments(segments, None)?;
        if framing.fnc1_first {
            return Err(EncodeError::Unrepresentable(
                "Micro QR has no FNC1 (GS1) mode".into(),
            ));
        }
        if framing.has_eci {
            return Err(EncodeError::Unrepresentable("Micro QR has no ECI".into()));
        }
        if let Some(m) = options.mask {
            if m.number() > 3 {
                return Err(EncodeError::Option(format!(
                    "Micro QR masks are 0-3, got {m}"
                )));
            }
        }
        Self::encode_items(&items, options)
    }

    fn encode_items(items: &[Item], options: &Options) -> Result<Self, EncodeError> {
        let versions: Vec<MicroVersion> = match options.version {
            Some(v) => vec![v],
            None => (1..=4).map(MicroVersion).collect(),
        };
        let unsupported = match options.version {
            Some(v) => v.capacity(options.ecc).is_none(),
            None => options.ecc == EccLevel::H,
        };
        if unsupported {
            let symbol = options
                .version
                .map_or("Micro QR".to_owned(), |v| format!("Micro QR {v}"));
            return Err(EncodeError::Option(format!(
                "{symbol} has no level {}: M1 has error detection only (L), M2 and M3 levels L and M, M4 L, M and Q",
                options.ecc
            )));
        }
        let mut planner = Planner::default();
        let mut needed = None;
        let mut last_capacity = 0;
        for &version in &versions {
            let Some(cap) = version.capacity(options.ecc) else {
                continue;
            };
            last_capacity = cap.data_bits;
            let header = version.header(options.kanji);
            let Some(plan) = planner.plan(items, &header) else {
                continue;
            };
            let mut stream = BitBuffer::with_capacity(cap.data_bits);
            super::segment::write(items, &plan, &header, &mut stream);
            needed = Some(stream.len());
            if stream.len() > cap.data_bits {
                continue;
            }
            let mut ecc = options.ecc;
            if options.boost_ecc {
                while let Some(up) = ecc.higher() {
                    match version.capacity(up) {
                        Some(c) if stream.len() <= c.data_bits => ecc = up,
                        _ => break,
                    }
                }
            }
            let cap = version.capacity(ecc).unwrap_or(cap);
            let terminator = 2 * version.0 as usize + 1;
            super::terminate_and_pad(&mut stream, cap.data_bits, terminator);
            return Ok(Self::finish(version, ecc, stream, options.mask));
        }
        let largest = versions.last().copied().unwrap_or(MicroVersion::M4);
        Err(match needed {
            Some(needed_bits) => EncodeError::TooLong {
                needed_bits,
                capacity_bits: last_capacity,
                symbol: format!("{largest}-{}", options.ecc),
            },
            None => EncodeError::Unrepresentable(format!(
                "the data cannot be represented in Micro QR {largest} at level {}",
                options.ecc
            )),
        })
    }

    fn finish(version: MicroVersion, ecc: EccLevel, stream: BitBuffer, mask: Option<Mask>) -> Self {
        let cap = version.capacity(ecc).unwrap_or(Capacity {
            data_bits: 0,
            data_codewords: 0,
            ec_codewords: 0,
        });
        // Codewords for Reed–Solomon: the 4-bit last codeword of M1/M3
        // keeps its bits in the high nibble, as it is read from the stream.
        let data: Vec<u8> = stream.into_bytes();
        let mut check = vec![0u8; cap.ec_codewords];
        super::ecc::encoder(cap.ec_codewords).encode(&data, &mut check);
        let mut placed = BitBuffer::with_capacity(cap.data_bits + 8 * check.len());
        for i in 0..cap.data_bits {
            placed.push((data[i / 8] >> (7 - i % 8) & 1) as u32, 1);
        }
        for &c in &check {
            placed.push(c as u32, 8);
        }
        let n = version.size();
        let mut canvas = micro_canvas(n);
        let columns: Vec<usize> = (1..n).rev().step_by(2).collect();
        canvas.place(&placed, placed.len(), &columns);
        let (mask, rows) = choose_mask(&canvas, n, version.symbol_number(ecc), mask);
        let grid = matrix::to_grid(&rows, n, 2, SymbologyIdentifier::QR);
        Self {
            version,
            ecc,
            mask,
            data,
            grid,
        }
    }

    /// The version.
    pub fn version(&self) -> MicroVersion {
        self.version
    }

    /// The error correction level (L for M1's error detection).
    pub fn ecc(&self) -> EccLevel {
        self.ecc
    }

    /// The mask applied (0–3).
    pub fn mask(&self) -> Mask {
        self.mask
    }

    /// The data codewords (M1/M3: the last one's 4 bits in its high
    /// nibble).
    pub fn data_codewords(&self) -> &[u8] {
        &self.data
    }

    /// The module grid (quiet zone 2 modules; renderers add it).
    pub fn grid(&self) -> &ModuleGrid {
        &self.grid
    }

    /// The module grid, consuming the symbol.
    pub fn into_grid(self) -> ModuleGrid {
        self.grid
    }
}

pub(crate) fn micro_canvas(n: usize) -> Canvas {
    let mut c = Canvas::new(n, n);
    for i in 0..n {
        c.put(i, 0, i % 2 == 0);
        c.put(0, i, i % 2 == 0);
    }
    c.finder(0, 0);
    for k in 0..8 {
        c.put(7, k, false);
        c.put(k, 7, false);
    }
    for k in 1..9 {
        c.reserve(k, 8);
        c.reserve(8, k);
    }
    c
}

/// The QR mask patterns Micro QR uses, by Micro QR mask number.
pub(crate) const MICRO_MASKS: [u8; 4] = [1, 4, 6, 7];

fn choose_mask(
    canvas: &Canvas,
    n: usize,
    symbol_number: u16,
    fixed: Option<Mask>,
) -> (Mask, Vec<Row>) {
    let region = canvas.data_region();
    let build = |m: u8| -> Vec<Row> {
        let mut rows: Vec<Row> = (0..n)
            .map(|y| {
                let fixed_dark = canvas.dark[y].and(canvas.function[y]);
                let data = canvas.dark[y].and(region[y]);
                fixed_dark.or(matrix::masked_row(
                    data,
                    region[y],
                    MICRO_MASKS[m as usize],
                    y,
                ))
            })
            .collect();
        let bits = matrix::format_bch(symbol_number << 2 | m as u16) ^ 0x4445;
        for i in 0..15 {
            if bits >> i & 1 != 0 {
                let (x, y) = if i >= 7 { (15 - i, 8) } else { (8, i + 1) };
                rows[y].set(x, true);
            }
        }
        rows
    };
    if let Some(m) = fixed {
        return (m, build(m.number()));
    }
    // ISO/IEC 18004 §7.8.3.2: the dark modules along the right and bottom
    // edges (timing patterns excluded); the larger the better.
    let mut best = (0u32, 0u8);
    for m in 0..4u8 {
        let rows = build(m);
        let right = (1..n).filter(|&y| rows[y].get(n - 1)).count() as u32;
        let bottom = (1..n).filter(|&x| rows[n - 1].get(x)).count() as u32;
        let score = if right <= bottom {
            right * 16 + bottom
        } else {
            bottom * 16 + right
        };
        if m == 0 || score > best.0 {
            best = (score, m);
        }
    }
    (Mask(best.1), build(best.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m1_matches_zint() {
        // `zint -b 97 --dump -d 12345` (zint 2.11): M1, mask 2.
        let m = MicroQr::encode_bytes(b"12345", &Options::default()).unwrap();
        assert_eq!((m.version(), m.mask().number()), (MicroVersion::M1, 2));
        let rows: Vec<String> = crate::render::text::rows(m.grid())
            .lines()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            rows,
            [
                "11111110101",
                "10000010110",
                "10111010100",
                "10111010000",
                "10111010111",
                "10000010011",
                "11111110100",
                "00000000011",
                "11001110011",
                "01010001100",
                "11110000011",
            ]
        );
    }

    #[test]
    fn unsupported_levels_are_option_errors() {
        let options = Options {
            ecc: EccLevel::Q,
            version: Some(MicroVersion::M3),
            ..Options::default()
        };
        let e = MicroQr::encode_bytes(b"1", &options).unwrap_err();
        assert!(matches!(e, EncodeError::Option(_)), "{e}");
        assert_eq!(
            e.to_string(),
            "Micro QR M3 has no level Q: M1 has error detection only (L), M2 and M3 levels L and M, M4 L, M and Q"
        );
        let e = MicroQr::encode_bytes(b"1", &Options::with_ecc(EccLevel::H)).unwrap_err();
        assert!(e.to_string().starts_with("Micro QR has no level H"), "{e}");
        // Level M with the version left open skips M1.
        let m = MicroQr::encode_bytes(b"1", &Options::with_ecc(EccLevel::M)).unwrap();
        assert_eq!(m.version(), MicroVersion::M2);
    }

    #[test]
    fn data_modules_hold_the_codewords() {
        for v in 1..=4 {
            let v = MicroVersion(v);
            let n = v.size();
            let c = micro_canvas(n);
            let columns: Vec<usize> = (1..n).rev().step_by(2).collect();
            let cap = v.capacity(EccLevel::L).unwrap();
            assert_eq!(
                c.data_positions(&columns).len(),
                cap.data_bits + 8 * cap.ec_codewords,
                "{v}"
            );
        }
    }
}
