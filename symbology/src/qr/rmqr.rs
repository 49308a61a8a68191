//! Rectangular Micro QR Code (rMQR, ISO/IEC 23941): 32 sizes from R7x43
//! to R17x139, for narrow print areas (ampoules, vials, cable labels).
//!
//! ```
//! use serialkit_symbology::qr::rmqr::{Options, Rmqr};
//!
//! let r = Rmqr::encode_gs1("^010952123454321310ABC^21X1", &Options::default())?;
//! assert_eq!(r.size().to_string(), "R11x43");
//! assert_eq!(r.grid().symbology_identifier().to_string(), "]Q3");
//! # Ok::<(), serialkit_symbology::qr::EncodeError>(())
//! ```
//!
//! Levels M and H only; one data mask; FNC1 (GS1) and ECI as in QR Code,
//! with 3-bit mode indicators and character counts sized per symbol.

use std::fmt;
use std::str::FromStr;

use super::bits::BitBuffer;
use super::matrix::{self, Canvas, Row};
use super::segment::{Header, Item, Planner};
use super::version::Blocks;
use super::{EccLevel, EncodeError, Framing, items_from_gs1, items_from_segments};
use crate::grid::ModuleGrid;
use crate::input::Segment;

/// One rMQR size: (height, width, total codewords, data codewords at M,
/// at H, blocks at M, at H, count bits numeric/alphanumeric/byte/Kanji),
/// ISO/IEC 23941 Tables 1, 3, 6 and 8.
type SizeRow = (u8, u8, u16, u16, u16, u8, u8, [u8; 4]);

static SIZES: [SizeRow; 32] = [
    (7, 43, 13, 6, 3, 1, 1, [4, 3, 3, 2]),
    (7, 59, 21, 12, 7, 1, 1, [5, 5, 4, 3]),
    (7, 77, 32, 20, 10, 1, 1, [6, 5, 5, 4]),
    (7, 99, 44, 28, 14, 1, 1, [7, 6, 5, 5]),
    (7, 139, 68, 44, 24, 1, 2, [7, 6, 6, 5]),
    (9, 43, 21, 12, 7, 1, 1, [5, 5, 4, 3]),
    (9, 59, 33, 21, 11, 1, 1, [6, 5, 5, 4]),
    (9, 77, 49, 31, 17, 1, 2, [7, 6, 5, 5]),
    (9, 99, 66, 42, 22, 1, 2, [7, 6, 6, 5]),
    (9, 139, 99, 63, 33, 2, 3, [8, 7, 6, 6]),
    (11, 27, 15, 7, 5, 1, 1, [4, 4, 3, 2]),
    (11, 43, 31, 19, 11, 1, 1, [6, 5, 5, 4]),
    (11, 59, 47, 31, 15, 1, 2, [7, 6, 5, 5]),
    (11, 77, 67, 43, 23, 1, 2, [7, 6, 6, 5]),
    (11, 99, 89, 57, 29, 2, 2, [8, 7, 6, 6]),
    (11, 139, 132, 84, 42, 2, 3, [8, 7, 7, 6]),
    (13, 27, 21, 12, 7, 1, 1, [5, 5, 4, 3]),
    (13, 43, 41, 27, 13, 1, 1, [6, 6, 5, 5]),
    (13, 59, 60, 38, 20, 1, 2, [7, 6, 6, 5]),
    (13, 77, 85, 53, 29, 2, 2, [7, 7, 6, 6]),
    (13, 99, 113, 73, 35, 2, 3, [8, 7, 7, 6]),
    (13, 139, 166, 106, 54, 3, 4, [8, 8, 7, 7]),
    (15, 43, 51, 33, 15, 1, 2, [7, 6, 6, 5]),
    (15, 59, 74, 48, 26, 1, 2, [7, 7, 6, 5]),
    (15, 77, 103, 67, 31, 2, 3, [8, 7, 7, 6]),
    (15, 99, 136, 88, 48, 2, 4, [8, 7, 7, 6]),
    (15, 139, 199, 127, 69, 3, 5, [9, 8, 7, 7]),
    (17, 43, 61, 39, 21, 1, 2, [7, 6, 6, 5]),
    (17, 59, 88, 56, 28, 2, 2, [8, 7, 6, 6]),
    (17, 77, 122, 78, 38, 2, 3, [8, 7, 7, 6]),
    (17, 99, 160, 100, 56, 3, 4, [8, 8, 7, 6]),
    (17, 139, 232, 152, 76, 4, 6, [9, 8, 8, 7]),
];

/// Centre columns of the alignment patterns per symbol width (Annex D).
fn alignment_columns(width: usize) -> &'static [usize] {
    match width {
        43 => &[21],
        59 => &[19, 39],
        77 => &[25, 51],
        99 => &[23, 49, 75],
        139 => &[27, 55, 83, 111],
        _ => &[],
    }
}

/// One of the 32 rMQR sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RmqrSize(u8);

impl RmqrSize {
    /// All 32 sizes, R7x43 first (the order of the format information's
    /// size index).
    pub fn all() -> impl Iterator<Item = RmqrSize> {
        (0..32).map(RmqrSize)
    }

    /// The size `R{height}x{width}`, if it exists.
    pub fn new(height: usize, width: usize) -> Option<RmqrSize> {
        Self::all().find(|s| s.height() == height && s.width() == width)
    }

    fn row(self) -> &'static SizeRow {
        &SIZES[self.0 as usize]
    }

    /// Module rows.
    pub fn height(self) -> usize {
        self.row().0 as usize
    }

    /// Module columns.
    pub fn width(self) -> usize {
        self.row().1 as usize
    }

    /// The size index (0–31) the format information carries.
    pub fn index(self) -> u8 {
        self.0
    }

    /// Total codewords.
    pub fn total_codewords(self) -> usize {
        self.row().2 as usize
    }

    /// Data codewords at `ecc` (M or H; `None` otherwise).
    pub fn data_codewords(self, ecc: EccLevel) -> Option<usize> {
        match ecc {
            EccLevel::M => Some(self.row().3 as usize),
            EccLevel::H => Some(self.row().4 as usize),
            _ => None,
        }
    }

    /// Character count indicator lengths for numeric, alphanumeric, byte
    /// and Kanji (ISO/IEC 23941 Table 3).
    pub(crate) fn count_bits(self) -> [u8; 4] {
        self.row().7
    }

    pub(crate) fn blocks(self, ecc: EccLevel) -> Blocks {
        let r = self.row();
        let (data, count) = if ecc == EccLevel::H {
            (r.4, r.6)
        } else {
            (r.3, r.5)
        };
        Blocks::split(r.2 as usize, data as usize, count as usize)
    }

    fn header(self, framing: &Framing, kanji: bool) -> Header {
        Header {
            indicator_bits: 3,
            indicator: [0b001, 0b010, 0b011, 0b100],
            count_bits: self.count_bits(),
            eci_indicator: Some(0b111),
            gs1: framing.gs1_rules(),
            kanji,
        }
    }
}

impl fmt::Display for RmqrSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}x{}", self.height(), self.width())
    }
}

/// Why a string is not an rMQR size.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an rMQR size (R7x43 … R17x139): {0:?}")]
pub struct RmqrSizeError(pub String);

impl FromStr for RmqrSize {
    type Err = RmqrSizeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || RmqrSizeError(s.to_owned());
        let body = s.strip_prefix(['R', 'r']).unwrap_or(s);
        let (h, w) = body.split_once(['x', 'X']).ok_or_else(err)?;
        let h = h.parse().map_err(|_| err())?;
        let w = w.parse().map_err(|_| err())?;
        RmqrSize::new(h, w).ok_or_else(err)
    }
}

/// Which sizes the encoder may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SizePolicy {
    /// The smallest area that holds the data.
    #[default]
    Auto,
    /// Exactly this size.
    Fixed(RmqrSize),
    /// The narrowest size of exactly this height (7, 9, 11, 13, 15, 17).
    Height(u8),
    /// The smallest area at most this many modules high.
    MaxHeight(u8),
}

impl SizePolicy {
    fn allows(self, s: RmqrSize) -> bool {
        match self {
            SizePolicy::Auto => true,
            SizePolicy::Fixed(f) => s == f,
            SizePolicy::Height(h) => s.height() == h as usize,
            SizePolicy::MaxHeight(h) => s.height() <= h as usize,
        }
    }
}

/// rMQR encoder options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Error correction level: M (default) or H.
    pub ecc: EccLevel,
    /// Which sizes may be chosen.
    pub size: SizePolicy,
    /// Raise M to H when the data still fits.
    pub boost_ecc: bool,
    /// The data bytes are Shift JIS: Kanji mode may be used.
    pub kanji: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            ecc: EccLevel::M,
            size: SizePolicy::Auto,
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

/// An encoded rMQR symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rmqr {
    size: RmqrSize,
    ecc: EccLevel,
    data: Vec<u8>,
    codewords: Vec<u8>,
    grid: ModuleGrid,
}

impl Rmqr {
    /// Encodes bytes.
    pub fn encode_bytes(data: &[u8], options: &Options) -> Result<Self, EncodeError> {
        Self::encode(&[Segment::Data(data)], options)
    }

    /// Encodes a GS1 message in `^` notation (`]Q3`).
    pub fn encode_gs1(message: &str, options: &Options) -> Result<Self, EncodeError> {
        let items = items_from_gs1(message)?;
        let framing = Framing {
            fnc1_first: true,
            ..Framing::default()
        };
        Self::encode_items(&items, framing, options)
    }

    /// Encodes segments; a leading [`Segment::Fnc1`] makes it GS1.
    pub fn encode(segments: &[Segment<'_>], options: &Options) -> Result<Self, EncodeError> {
        let (items, framing) = items_from_segments(segments, None)?;
        Self::encode_items(&items, framing, options)
    }

    fn encode_items(
        items: &[Item],
        framing: Framing,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        if !matches!(options.ecc, EccLevel::M | EccLevel::H) {
            return Err(EncodeError::Option(format!(
                "rMQR has levels M and H only, got {}",
                options.ecc
            )));
        }
        let mut sizes: Vec<RmqrSize> = RmqrSize::all()
            .filter(|&s| options.size.allows(s))
            .collect();
        sizes.sort_by_key(|s| (s.height() * s.width(), s.index()));
        if matches!(options.size, SizePolicy::Height(_)) {
            sizes.sort_by_key(|s| s.width());
        }
        let mut planner = Planner::default();
        let mut needed = 0;
        let mut largest: Option<RmqrSize> = None;
        for &size in &sizes {
            let cap = 8 * size.data_codewords(options.ecc).unwrap_or(0);
            if largest.is_none_or(|l| cap > 8 * l.data_codewords(options.ecc).unwrap_or(0)) {
                largest = Some(size);
            }
            let header = size.header(&framing, options.kanji);
            let Some(plan) = planner.plan(items, &header) else {
                continue;
            };
            let mut stream = BitBuffer::with_capacity(cap);
            if framing.fnc1_first {
                stream.push(0b101, 3);
            }
            super::segment::write(items, &plan, &header, &mut stream);
            needed = stream.len();
            if stream.len() > cap {
                continue;
            }
            let mut ecc = options.ecc;
            if options.boost_ecc && ecc == EccLevel::M {
                if let Some(h) = size.data_codewords(EccLevel::H) {
                    if stream.len() <= 8 * h {
                        ecc = EccLevel::H;
                    }
                }
            }
            let cap = 8 * size.data_codewords(ecc).unwrap_or(0);
            super::terminate_and_pad(&mut stream, cap, 3);
            return Ok(Self::finish(size, ecc, stream.into_bytes(), framing));
        }
        let Some(largest) = largest else {
            return Err(EncodeError::Option(
                "the size policy allows no rMQR size".into(),
            ));
        };
        Err(EncodeError::TooLong {
            needed_bits: needed,
            capacity_bits: 8 * largest.data_codewords(options.ecc).unwrap_or(0),
            symbol: format!("{largest}-{}", options.ecc),
        })
    }

    fn finish(size: RmqrSize, ecc: EccLevel, data: Vec<u8>, framing: Framing) -> Self {
        let mut codewords = Vec::with_capacity(size.total_codewords());
        super::ecc::interleave(&data, size.blocks(ecc), &mut codewords);
        let (h, w) = (size.height(), size.width());
        let mut canvas = rmqr_canvas(size);
        let mut stream = BitBuffer::with_capacity(codewords.len() * 8);
        stream.push_bytes(&codewords);
        let columns: Vec<usize> = (1..=w - 2).rev().step_by(2).collect();
        canvas.place(&stream, codewords.len() * 8, &columns);
        let region = canvas.data_region();
        let mut rows: Vec<Row> = (0..h)
            .map(|y| {
                let fixed = canvas.dark[y].and(canvas.function[y]);
                let data = canvas.dark[y].and(region[y]);
                fixed.or(matrix::masked_row(data, region[y], 4, y))
            })
            .collect();
        let (left, right) = format_info(size, ecc);
        for (bits, positions) in [(left, left_positions()), (right, right_positions(h, w))] {
            for (i, &(x, y)) in positions.iter().enumerate() {
                if bits >> i & 1 != 0 {
                    rows[y].set(x, true);
                }
            }
        }
        let grid = matrix::to_grid(&rows, w, 2, framing.identifier());
        Self {
            size,
            ecc,
            data,
            codewords,
            grid,
        }
    }

    /// The size.
    pub fn size(&self) -> RmqrSize {
        self.size
    }

    /// The error correction level (M or H).
    pub fn ecc(&self) -> EccLevel {
        self.ecc
    }

    /// The data codewords, padding included.
    pub fn data_codewords(&self) -> &[u8] {
        &self.data
    }

    /// All codewords as placed (interleaved).
    pub fn codewords(&self) -> &[u8] {
        &self.codewords
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

/// Format information: 6 bits (level, size index) with BCH(18,6), masked
/// differently beside the finder and beside the sub-finder.
pub(crate) fn format_info(size: RmqrSize, ecc: EccLevel) -> (u32, u32) {
    let data = u32::from(ecc == EccLevel::H) << 5 | size.index() as u32;
    let code = matrix::bch_18_6(data);
    (code ^ 0x1FAB2, code ^ 0x20A7B)
}

/// Bit i of the finder-side format information: a 3×5 block right of the
/// finder, column by column, then three modules down the next column.
pub(crate) fn left_positions() -> [(usize, usize); 18] {
    let mut p = [(0, 0); 18];
    for (i, slot) in p.iter_mut().enumerate() {
        *slot = if i < 15 {
            (8 + i / 5, 1 + i % 5)
        } else {
            (11, i - 14)
        };
    }
    p
}

/// Bit i of the sub-finder-side format information: a 3×5 block left of
/// the sub-finder, then three modules along its top edge.
pub(crate) fn right_positions(h: usize, w: usize) -> [(usize, usize); 18] {
    let mut p = [(0, 0); 18];
    for (i, slot) in p.iter_mut().enumerate() {
        *slot = if i < 15 {
            (w - 8 + i / 5, h - 6 + i % 5)
        } else {
            (w - 5 + (i - 15), h - 6)
        };
    }
    p
}

pub(crate) fn rmqr_canvas(size: RmqrSize) -> Canvas {
    let (h, w) = (size.height(), size.width());
    let mut c = Canvas::new(w, h);
    // Timing patterns along all four edges.
    for x in 0..w {
        c.put(x, 0, x % 2 == 0);
        c.put(x, h - 1, x % 2 == 0);
    }
    for y in 0..h {
        c.put(0, y, y % 2 == 0);
        c.put(w - 1, y, y % 2 == 0);
    }
    c.finder(0, 0);
    // Sub-finder pattern (5×5) in the bottom-right corner.
    c.rings(w - 3, h - 3, 2);
    // Corner finder patterns: bottom left and top right.
    c.put(0, h - 2, true);
    c.put(1, h - 2, false);
    c.put(1, h - 1, true);
    c.put(w - 2, 0, true);
    c.put(w - 2, 1, false);
    c.put(w - 1, 1, true);
    // Separator right of the finder, and below it when there is room.
    for y in 0..7 {
        c.put(7, y, false);
    }
    if h > 7 {
        for x in 0..8 {
            c.put(x, 7, false);
        }
    }
    // Alignment patterns (3×3, top and bottom) joined by vertical timing.
    for &cx in alignment_columns(w) {
        for y in 0..h {
            c.put(cx, y, y % 2 == 0);
        }
        for (dx, y) in [
            (0, 1),
            (0, 2),
            (2, 1),
            (2, 2),
            (0, h - 3),
            (0, h - 2),
            (2, h - 3),
            (2, h - 2),
        ] {
            c.put(cx + dx - 1, y, true);
        }
    }
    for (x, y) in left_positions().into_iter().chain(right_positions(h, w)) {
        c.reserve(x, y);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_information_matches_the_standard_tables() {
        // ISO/IEC 23941 Annex C: size index 0/1 at M and size index 0 at H.
        let r7x43 = RmqrSize(0);
        let r7x59 = RmqrSize(1);
        assert_eq!(format_info(r7x43, EccLevel::M), (0x1FAB2, 0x20A7B));
        assert_eq!(format_info(r7x59, EccLevel::M), (0x1E597, 0x2155E));
        assert_eq!(format_info(r7x43, EccLevel::H), (0x3F367, 0x003AE));
        assert_eq!(format_info(RmqrSize(31), EccLevel::H), (0x20137, 0x1F1FE));
    }

    #[test]
    fn sizes_parse_and_print() {
        for s in RmqrSize::all() {
            assert_eq!(s.to_string().parse::<RmqrSize>(), Ok(s));
            assert_eq!(
                s.blocks(EccLevel::M).data_codewords() + s.blocks(EccLevel::M).ec_codewords(),
                s.total_codewords()
            );
            assert_eq!(
                s.blocks(EccLevel::H).data_codewords() + s.blocks(EccLevel::H).ec_codewords(),
                s.total_codewords()
            );
        }
        assert!("R8x43".parse::<RmqrSize>().is_err());
    }

    #[test]
    fn data_modules_hold_the_codewords() {
        for s in RmqrSize::all() {
            let c = rmqr_canvas(s);
            let columns: Vec<usize> = (1..=s.width() - 2).rev().step_by(2).collect();
            let modules = c.data_positions(&columns).len();
            assert!(
                modules >= 8 * s.total_codewords() && modules < 8 * s.total_codewords() + 8,
                "{s}: {modules} data modules for {} codewords",
                s.total_codewords()
            );
        }
    }
}
