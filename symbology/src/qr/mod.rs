//! QR Code model 2 (ISO/IEC 18004), Micro QR Code ([`micro`]) and
//! rectangular Micro QR Code ([`rmqr`], ISO/IEC 23941).
//!
//! The pipeline: input → `segment` (the optimal segmentation over
//! numeric, alphanumeric, byte and Kanji modes by dynamic programming,
//! GS1-aware) → terminator and padding → `ecc` (Reed–Solomon per block,
//! interleaving) → `matrix` (function patterns, placement, the eight masks
//! scored on packed row words) → [`ModuleGrid`].
//!
//! ```
//! use serialkit_symbology::qr::{EccLevel, Options, QrCode};
//!
//! // A GS1 pharma message: FNC1 in first position, separators as `%`.
//! let qr = QrCode::encode_gs1("^01095212345432131726123110ABC1234567^21SN12345678901234", &Options::default())?;
//! assert_eq!((qr.version().number(), qr.ecc()), (3, EccLevel::M));
//! assert_eq!(qr.grid().symbology_identifier().to_string(), "]Q3");
//! # Ok::<(), serialkit_symbology::qr::EncodeError>(())
//! ```

pub(crate) mod bits;
pub(crate) mod ecc;
pub(crate) mod matrix;
pub mod micro;
#[cfg(feature = "verify")]
pub mod parse;
#[cfg(feature = "verify")]
pub mod read;
pub mod rmqr;
pub(crate) mod segment;
pub mod version;

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

pub use segment::Mode;
pub use version::{Blocks, EccLevel, EccLevelError, Version, VersionError};

use bits::BitBuffer;
use matrix::{Canvas, Row};
use segment::{Header, Item, Planner};

use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::input::{Gs1Message, Gs1MessageError, Segment};

/// One of the eight data masks (0–7, ISO/IEC 18004 Table 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mask(u8);

impl Mask {
    /// Mask `n`, or `None` above 7.
    pub const fn new(n: u8) -> Option<Mask> {
        if n < 8 { Some(Mask(n)) } else { None }
    }

    /// The mask number (the reference the format information carries).
    pub const fn number(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Mask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a string is not a mask number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mask must be 0-7, got {0:?}")]
pub struct MaskError(pub String);

impl FromStr for Mask {
    type Err = MaskError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<u8>()
            .ok()
            .and_then(Mask::new)
            .ok_or_else(|| MaskError(s.to_owned()))
    }
}

/// Which versions the encoder may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum VersionPolicy {
    /// The smallest version that holds the data.
    #[default]
    Auto,
    /// Exactly this version (an error when the data does not fit).
    Fixed(Version),
    /// The smallest version at least this large (a stable symbol size for
    /// label layouts).
    AtLeast(Version),
}

impl VersionPolicy {
    fn range(self) -> (Version, Version) {
        match self {
            VersionPolicy::Auto => (Version::MIN, Version::MAX),
            VersionPolicy::Fixed(v) => (v, v),
            VersionPolicy::AtLeast(v) => (v, Version::MAX),
        }
    }
}

/// A Structured Append header: symbol `position` of `count` (2–16) whose
/// data concatenates, all carrying the parity (XOR) of the whole message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructuredAppend {
    position: u8,
    count: u8,
    parity: u8,
}

impl StructuredAppend {
    /// Symbol `position` (1-based) of `count`, with the parity byte of the
    /// complete message (see [`StructuredAppend::parity_of`]).
    pub fn new(position: u8, count: u8, parity: u8) -> Result<Self, EncodeError> {
        if !(2..=16).contains(&count) || position == 0 || position > count {
            return Err(EncodeError::StructuredAppend { position, count });
        }
        Ok(Self {
            position,
            count,
            parity,
        })
    }

    /// The parity byte of a message: the XOR of all its bytes.
    pub fn parity_of(message: &[u8]) -> u8 {
        message.iter().fold(0, |a, &b| a ^ b)
    }

    /// 1-based position.
    pub fn position(self) -> u8 {
        self.position
    }

    /// Number of symbols.
    pub fn count(self) -> u8 {
        self.count
    }

    /// The parity byte.
    pub fn parity(self) -> u8 {
        self.parity
    }

    fn write(self, out: &mut BitBuffer) {
        out.push(0b0011, 4);
        out.push((self.position - 1) as u32, 4);
        out.push((self.count - 1) as u32, 4);
        out.push(self.parity as u32, 8);
    }
}

/// The application indicator that follows FNC1 in second position: a
/// letter (transmitted as ASCII value + 100) or two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApplicationIndicator(u8);

impl ApplicationIndicator {
    /// A letter `a`–`z` or `A`–`Z`.
    pub fn letter(c: char) -> Option<Self> {
        c.is_ascii_alphabetic().then(|| Self(c as u8 + 100))
    }

    /// Two digits, 00–99.
    pub fn digits(n: u8) -> Option<Self> {
        (n < 100).then_some(Self(n))
    }

    /// The indicator written as `value` in a symbol, if that value is one
    /// (00–99, or a letter + 100).
    pub fn from_value(value: u8) -> Option<Self> {
        match value {
            0..=99 => Some(Self(value)),
            165..=190 | 197..=222 => Some(Self(value)),
            _ => None,
        }
    }

    /// The 8-bit value written in the symbol.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The characters a reader transmits for it after `]Q5`.
    pub fn transmitted(self) -> String {
        if self.0 < 100 {
            format!("{:02}", self.0)
        } else {
            ((self.0 - 100) as char).to_string()
        }
    }
}

/// Encoder options. The default: level M, the smallest version, the mask
/// with the lowest penalty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Error correction level (the minimum when `boost_ecc` is set).
    pub ecc: EccLevel,
    /// Which versions may be chosen.
    pub version: VersionPolicy,
    /// A fixed mask instead of the lowest-penalty one.
    pub mask: Option<Mask>,
    /// Raise the error correction level as far as the data still fits in
    /// the chosen version.
    pub boost_ecc: bool,
    /// Structured Append header.
    pub structured_append: Option<StructuredAppend>,
    /// FNC1 in second position with this application indicator (`]Q5`);
    /// later FNC1 segments are separators as in GS1.
    pub fnc1_second: Option<ApplicationIndicator>,
    /// The data bytes are Shift JIS: Kanji mode may be used for
    /// double-byte characters.
    pub kanji: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            ecc: EccLevel::M,
            version: VersionPolicy::Auto,
            mask: None,
            boost_ecc: false,
            structured_append: None,
            fnc1_second: None,
            kanji: false,
        }
    }
}

impl Options {
    /// Default options at error correction level `ecc`.
    pub fn with_ecc(ecc: EccLevel) -> Self {
        Self {
            ecc,
            ..Self::default()
        }
    }
}

/// Why data could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The data needs more bits than the largest allowed size holds.
    #[error(
        "data needs {needed_bits} bits but {symbol} holds {capacity_bits}: {} bits too many",
        needed_bits - capacity_bits
    )]
    TooLong {
        /// Bits the data needs (optimal segmentation, with headers).
        needed_bits: usize,
        /// Data bits of the largest allowed size at the requested level.
        capacity_bits: usize,
        /// That size, e.g. `40-M`, `M4-L` or `R17x139-H`.
        symbol: String,
    },
    /// The data contains something this symbol cannot represent at all
    /// (e.g. a letter in Micro QR M1, or ECI in Micro QR).
    #[error("{0}")]
    Unrepresentable(String),
    /// Malformed GS1 `^` message.
    #[error("GS1 message: {0}")]
    Gs1(#[from] Gs1MessageError),
    /// An FNC1 separator without FNC1 in first or second position.
    #[error("FNC1 at segment {index} is a separator, but the data has no FNC1 in first position")]
    Fnc1Separator {
        /// Index of the segment.
        index: usize,
    },
    /// FNC1 in first and in second position together.
    #[error("FNC1 in first position (GS1) and in second position exclude each other")]
    Fnc1Both,
    /// A GS1 element string with a 2D composite part.
    #[error("a GS1 composite (2D component) cannot be carried by this symbol")]
    Composite,
    /// Structured Append position/count out of range.
    #[error(
        "structured append: symbol {position} of {count} (count must be 2-16, position 1..=count)"
    )]
    StructuredAppend {
        /// Position given.
        position: u8,
        /// Count given.
        count: u8,
    },
    /// An option this symbol does not support (e.g. level H in Micro QR).
    #[error("{0}")]
    Option(String),
    /// No GS1 Digital Link URI can be made from the element string (e.g.
    /// it has no primary key).
    #[error("GS1 Digital Link: {0}")]
    DigitalLink(String),
    /// No data bytes to encode (only FNC1 or ECI markers, or nothing).
    /// ISO/IEC 18004 does not forbid a symbol whose bit stream is only the
    /// terminator, but such a symbol carries nothing a reader can act on:
    /// it is nearly always an empty field upstream. serialkit refuses it,
    /// as it does for Code 128 (zint and libqrencode refuse it too).
    #[error("no data to encode")]
    Empty,
    /// [`QrCode::from_codewords`] got the wrong number of codewords.
    #[error("{symbol} holds {expected} data codewords, got {got}")]
    CodewordCount {
        /// The size.
        symbol: String,
        /// Its data capacity.
        expected: usize,
        /// Codewords given.
        got: usize,
    },
}

/// What the input says beyond its data: FNC1 mode and whether ECIs occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Framing {
    pub fnc1_first: bool,
    pub fnc1_second: Option<ApplicationIndicator>,
    pub has_eci: bool,
}

impl Framing {
    /// FNC1 in effect (GS1 or AIM): the `%` rules apply.
    pub(crate) fn gs1_rules(&self) -> bool {
        self.fnc1_first || self.fnc1_second.is_some()
    }

    pub(crate) fn identifier(&self) -> SymbologyIdentifier {
        match (self.fnc1_first, self.fnc1_second.is_some(), self.has_eci) {
            (true, _, false) => SymbologyIdentifier::QR_GS1,
            (true, _, true) => SymbologyIdentifier::QR_GS1_ECI,
            (false, true, false) => SymbologyIdentifier::QR_AIM,
            (false, true, true) => SymbologyIdentifier::QR_AIM_ECI,
            (false, false, true) => SymbologyIdentifier::QR_ECI,
            (false, false, false) => SymbologyIdentifier::QR,
        }
    }
}

/// Flattens segments into items; a leading FNC1 is FNC1 in first position.
pub(crate) fn items_from_segments(
    segments: &[Segment<'_>],
    fnc1_second: Option<ApplicationIndicator>,
) -> Result<(Vec<Item>, Framing), EncodeError> {
    let mut items = Vec::with_capacity(
        segments
            .iter()
            .map(|s| if let Segment::Data(d) = s { d.len() } else { 1 })
            .sum(),
    );
    let mut framing = Framing {
        fnc1_second,
        ..Framing::default()
    };
    for (k, segment) in segments.iter().enumerate() {
        match *segment {
            Segment::Fnc1 if k == 0 => framing.fnc1_first = true,
            Segment::Fnc1 => {
                if !framing.fnc1_first && fnc1_second.is_none() {
                    return Err(EncodeError::Fnc1Separator { index: k });
                }
                items.push(Item::Fnc1);
            }
            Segment::Data(d) => items.extend(d.iter().map(|&b| Item::Byte(b))),
            Segment::Eci(e) => {
                framing.has_eci = true;
                items.push(Item::Eci(e.number()));
            }
        }
    }
    if framing.fnc1_first && fnc1_second.is_some() {
        return Err(EncodeError::Fnc1Both);
    }
    if !items.iter().any(|i| matches!(i, Item::Byte(_))) {
        return Err(EncodeError::Empty);
    }
    Ok((items, framing))
}

/// Items of a GS1 `^` message (the leading `^` is the FNC1 mode).
pub(crate) fn items_from_gs1(message: &str) -> Result<Vec<Item>, EncodeError> {
    let message = Gs1Message::parse(message.as_bytes())?;
    Ok(message.as_bytes()[1..]
        .iter()
        .map(|&b| if b == b'^' { Item::Fnc1 } else { Item::Byte(b) })
        .collect())
}

/// Character count indicator lengths (numeric, alphanumeric, byte, Kanji)
/// per QR version class (ISO/IEC 18004 Table 3).
pub(crate) const QR_COUNT_BITS: [[u8; 4]; 3] = [[10, 9, 8, 8], [12, 11, 16, 10], [14, 13, 16, 12]];

fn qr_header(class: usize, framing: &Framing, kanji: bool) -> Header {
    Header {
        indicator_bits: 4,
        indicator: [0b0001, 0b0010, 0b0100, 0b1000],
        count_bits: QR_COUNT_BITS[class],
        eci_indicator: Some(0b0111),
        gs1: framing.gs1_rules(),
        kanji,
    }
}

/// Terminator, bit padding to the codeword boundary and pad codewords
/// 0xEC 0x11 up to `capacity_bits` (a multiple of 8 here).
pub(crate) fn terminate_and_pad(out: &mut BitBuffer, capacity_bits: usize, terminator: usize) {
    let t = terminator.min(capacity_bits - out.len());
    out.push(0, t as u32);
    let fill = (8 - out.len() % 8) % 8;
    let fill = fill.min(capacity_bits - out.len());
    out.push(0, fill as u32);
    let mut pad = 0xEC;
    while out.len() + 8 <= capacity_bits {
        out.push(pad, 8);
        pad ^= 0xEC ^ 0x11;
    }
    // Micro QR M1 and M3 end in a 4-bit codeword: zeros.
    let rest = capacity_bits - out.len();
    out.push(0, rest as u32);
}

/// An encoded QR Code symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    version: Version,
    ecc: EccLevel,
    mask: Mask,
    data: Vec<u8>,
    codewords: Vec<u8>,
    grid: ModuleGrid,
}

impl QrCode {
    /// Encodes bytes (ISO/IEC 8859-1 unless an ECI says otherwise).
    pub fn encode_bytes(data: &[u8], options: &Options) -> Result<Self, EncodeError> {
        Self::encode(&[Segment::Data(data)], options)
    }

    /// Encodes a GS1 message in `^` notation (GS1 QR Code, `]Q3`).
    pub fn encode_gs1(message: &str, options: &Options) -> Result<Self, EncodeError> {
        let items = items_from_gs1(message)?;
        if options.fnc1_second.is_some() {
            return Err(EncodeError::Fnc1Both);
        }
        let framing = Framing {
            fnc1_first: true,
            ..Framing::default()
        };
        Self::encode_items(&items, framing, options)
    }

    /// Encodes a validated GS1 element string (GS1 QR Code, `]Q3`).
    #[cfg(feature = "gs1")]
    pub fn encode_element_string(
        element_string: &serialkit_gs1::ElementString<'_>,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        if element_string.composite_index().is_some() {
            return Err(EncodeError::Composite);
        }
        Self::encode_gs1(
            &element_string.to_message(serialkit_gs1::Fnc1Notation::Caret),
            options,
        )
    }

    /// Encodes the canonical GS1 Digital Link URI of an element string under
    /// `stem` in a plain QR Code (`]Q1`), the form consumer-facing packs use.
    ///
    /// The scheme and host of a URI are case-insensitive, so they are also
    /// tried in upper case, where they fall into the denser alphanumeric
    /// mode; the variant giving the smaller symbol wins (lower case on a
    /// tie). The path and query keep their case.
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options as Gs1Options};
    /// use serialkit_symbology::qr::{Options, QrCode};
    /// let es = ElementString::parse("(01)09521234543213(10)ABC123(21)XYZ", &Gs1Options::default())?;
    /// let qr = QrCode::encode_digital_link(&es, "https://id.gs1.org", &Options::default())?;
    /// assert_eq!(qr.grid().symbology_identifier().to_string(), "]Q1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "gs1")]
    pub fn encode_digital_link(
        element_string: &serialkit_gs1::ElementString<'_>,
        stem: &str,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        let uri = element_string
            .to_digital_link(stem)
            .map_err(|e| EncodeError::DigitalLink(e.to_string()))?;
        let plain = Self::encode_bytes(uri.as_bytes(), options);
        let upper = upper_case_authority(&uri).map(|u| Self::encode_bytes(u.as_bytes(), options));
        match (plain, upper) {
            (Ok(p), Some(Ok(u))) if u.version() < p.version() => Ok(u),
            (Ok(p), _) => Ok(p),
            (Err(_), Some(Ok(u))) => Ok(u),
            (Err(e), _) => Err(e),
        }
    }

    /// Encodes segments. A leading [`Segment::Fnc1`] makes a GS1 QR Code.
    pub fn encode(segments: &[Segment<'_>], options: &Options) -> Result<Self, EncodeError> {
        let (items, framing) = items_from_segments(segments, options.fnc1_second)?;
        Self::encode_items(&items, framing, options)
    }

    fn encode_items(
        items: &[Item],
        framing: Framing,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        let mut prefix = BitBuffer::with_capacity(32);
        if let Some(sa) = options.structured_append {
            sa.write(&mut prefix);
        }
        if framing.fnc1_first {
            prefix.push(0b0101, 4);
        } else if let Some(ai) = framing.fnc1_second {
            prefix.push(0b1001, 4);
            prefix.push(ai.value() as u32, 8);
        }
        let (lo, hi) = options.version.range();
        let ecc = options.ecc;
        let mut planner = Planner::default();
        let mut planned: Option<(usize, Option<segment::Plan>)> = None;
        let mut needed = 0;
        for number in lo.number()..=hi.number() {
            let version = Version(number);
            let class = version.count_class();
            if planned.as_ref().is_none_or(|(c, _)| *c != class) {
                let header = qr_header(class, &framing, options.kanji);
                planned = Some((class, planner.plan(items, &header)));
            }
            let Some((_, Some(plan))) = &planned else {
                return Err(EncodeError::Unrepresentable(
                    "the data cannot be represented in QR Code".into(),
                ));
            };
            needed = prefix.len() + plan.bits;
            if needed > version.data_bits(ecc) {
                continue;
            }
            let header = qr_header(class, &framing, options.kanji);
            let mut stream = BitBuffer::with_capacity(version.data_bits(EccLevel::L));
            for i in 0..prefix.len() {
                stream.push(prefix.get(i) as u32, 1);
            }
            segment::write(items, plan, &header, &mut stream);
            // Splits of over-long segments may have added headers.
            if stream.len() > version.data_bits(ecc) {
                needed = stream.len();
                continue;
            }
            let mut level = ecc;
            if options.boost_ecc {
                while let Some(up) = level.higher() {
                    if stream.len() <= version.data_bits(up) {
                        level = up;
                    } else {
                        break;
                    }
                }
            }
            terminate_and_pad(&mut stream, version.data_bits(level), 4);
            let data = stream.into_bytes();
            return Ok(Self::finish(
                version,
                level,
                data,
                options.mask,
                framing.identifier(),
            ));
        }
        Err(EncodeError::TooLong {
            needed_bits: needed,
            capacity_bits: hi.data_bits(ecc),
            symbol: format!("{hi}-{ecc}"),
        })
    }

    /// Builds the symbol from its data codewords as they are (padding
    /// included): error correction, placement, masking. For tests against
    /// published codeword vectors and callers with their own encodation.
    /// `mask: None` picks the lowest-penalty mask.
    pub fn from_codewords(
        version: Version,
        ecc: EccLevel,
        data_codewords: &[u8],
        mask: Option<Mask>,
    ) -> Result<Self, EncodeError> {
        let expected = version.data_codewords(ecc);
        if data_codewords.len() != expected {
            return Err(EncodeError::CodewordCount {
                symbol: format!("{version}-{ecc}"),
                expected,
                got: data_codewords.len(),
            });
        }
        // The first mode indicator tells whether this is GS1.
        let id = match data_codewords.first().map(|b| b >> 4) {
            Some(0b0101) => SymbologyIdentifier::QR_GS1,
            _ => SymbologyIdentifier::QR,
        };
        Ok(Self::finish(
            version,
            ecc,
            data_codewords.to_vec(),
            mask,
            id,
        ))
    }

    fn finish(
        version: Version,
        ecc: EccLevel,
        data: Vec<u8>,
        mask: Option<Mask>,
        id: SymbologyIdentifier,
    ) -> Self {
        let mut codewords = Vec::with_capacity(version.total_codewords());
        ecc::interleave(&data, version.blocks(ecc), &mut codewords);
        let layout = layout(version);
        // The fewest row words the width needs (see `matrix::Row`).
        let (mask, grid) = match version.size() {
            0..=64 => place_and_mask::<1>(layout, version.size(), ecc, &codewords, mask, id),
            65..=128 => place_and_mask::<2>(layout, version.size(), ecc, &codewords, mask, id),
            _ => place_and_mask::<3>(layout, version.size(), ecc, &codewords, mask, id),
        };
        Self {
            version,
            ecc,
            mask,
            data,
            codewords,
            grid,
        }
    }

    /// The version.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The error correction level (after any boost).
    pub fn ecc(&self) -> EccLevel {
        self.ecc
    }

    /// The mask applied.
    pub fn mask(&self) -> Mask {
        self.mask
    }

    /// The data codewords (padding included), before interleaving.
    pub fn data_codewords(&self) -> &[u8] {
        &self.data
    }

    /// All codewords as placed: data then check codewords, interleaved.
    pub fn codewords(&self) -> &[u8] {
        &self.codewords
    }

    /// The module grid (quiet zone 4 modules; renderers add it).
    pub fn grid(&self) -> &ModuleGrid {
        &self.grid
    }

    /// The module grid, consuming the symbol.
    pub fn into_grid(self) -> ModuleGrid {
        self.grid
    }
}

/// Reads version, error correction level, mask and data codewords out of
/// a QR Code module grid by reversing masking, placement and interleaving:
/// a diagnostic for grids that came from elsewhere (a vector, another
/// encoder). `None` when the grid is not a QR size or neither copy of the
/// format information is intact. No error correction is attempted.
pub fn read_codewords(grid: &ModuleGrid) -> Option<(Version, EccLevel, Mask, Vec<u8>)> {
    let n = grid.width();
    if grid.height() != n || n < 21 || (n - 17) % 4 != 0 {
        return None;
    }
    let version = Version::new(((n - 17) / 4) as u8)?;
    let (_, pos) = format_info(n, EccLevel::M, 0);
    let mut found = None;
    'copies: for copy in 0..2 {
        let mut raw = 0u16;
        for i in 0..15 {
            let (x, y) = pos[copy * 15 + i];
            if grid.get(x as usize, y as usize) {
                raw |= 1 << i;
            }
        }
        for ecc in EccLevel::ALL {
            for m in 0..8 {
                if format_info(n, ecc, m).0 == raw {
                    found = Some((ecc, m));
                    break 'copies;
                }
            }
        }
    }
    let (ecc, mask) = found?;
    let canvas = qr_canvas(version);
    let mut codewords = vec![0u8; version.total_codewords()];
    for (i, (x, y)) in canvas
        .data_positions(&qr_columns(n))
        .into_iter()
        .take(codewords.len() * 8)
        .enumerate()
    {
        if grid.get(x, y) ^ matrix::mask_bit(mask, y, x) {
            codewords[i / 8] |= 0x80 >> (i % 8);
        }
    }
    let data = ecc::deinterleave_data(&codewords, version.blocks(ecc));
    Some((version, ecc, Mask(mask), data))
}

/// Right columns of the two-module-wide placement columns, right to left,
/// skipping the vertical timing pattern in column 6.
pub(crate) fn qr_columns(n: usize) -> Vec<usize> {
    let mut cols = Vec::with_capacity(n / 2);
    let mut right = n as isize - 1;
    while right >= 1 {
        if right == 6 {
            right = 5;
        }
        cols.push(right as usize);
        right -= 2;
    }
    cols
}

/// Function patterns of a QR version, with the format information areas
/// reserved and the version information drawn.
pub(crate) fn qr_canvas(version: Version) -> Canvas {
    let n = version.size();
    let mut c = Canvas::new(n, n);
    for i in 0..n {
        c.put(6, i, i % 2 == 0);
        c.put(i, 6, i % 2 == 0);
    }
    for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)] {
        c.finder(x, y);
    }
    for k in 0..8 {
        // Separators.
        c.put(7, k, false);
        c.put(k, 7, false);
        c.put(n - 8, k, false);
        c.put(n - 1 - k, 7, false);
        c.put(k, n - 8, false);
        c.put(7, n - 1 - k, false);
    }
    let (pos, count) = version.alignment_positions();
    let pos = &pos[..count];
    for (i, &cy) in pos.iter().enumerate() {
        for (j, &cx) in pos.iter().enumerate() {
            let corner = (i == 0 && (j == 0 || j == count - 1)) || (i == count - 1 && j == 0);
            if !corner {
                c.rings(cx as usize, cy as usize, 2);
            }
        }
    }
    for i in 0..9 {
        c.reserve(8, i);
        c.reserve(i, 8);
    }
    for i in 0..8 {
        c.reserve(n - 1 - i, 8);
        c.reserve(8, n - 1 - i);
    }
    c.put(8, n - 8, true);
    if version.number() >= 7 {
        let bits = matrix::bch_18_6(version.number() as u32);
        for i in 0..18 {
            let bit = bits >> i & 1 != 0;
            let (a, b) = (n - 11 + i % 3, i / 3);
            c.put(a, b, bit);
            c.put(b, a, bit);
        }
    }
    c
}

/// The 15 format information bits for `ecc` and `mask`, and where both
/// copies go: bit i at `positions[i]` and `positions[15 + i]`.
pub(crate) fn format_info(n: usize, ecc: EccLevel, mask: u8) -> (u16, [(u8, u8); 30]) {
    let bits = format_bits(ecc, mask);
    let mut p = [(0u8, 0u8); 30];
    for (i, slot) in p.iter_mut().take(15).enumerate() {
        *slot = match i {
            0..=5 => (8, i),
            6 => (8, 7),
            7 => (8, 8),
            8 => (7, 8),
            _ => (14 - i, 8),
        }
        .into_u8();
    }
    for i in 0..15 {
        p[15 + i] = if i < 8 {
            (n - 1 - i, 8)
        } else {
            (8, n - 15 + i)
        }
        .into_u8();
    }
    (bits, p)
}

/// The 15 format information bits for `ecc` and `mask` (BCH code, masked
/// with 0x5412).
fn format_bits(ecc: EccLevel, mask: u8) -> u16 {
    matrix::format_bch(ecc.format_bits() << 3 | mask as u16) ^ 0x5412
}

trait IntoU8Pair {
    fn into_u8(self) -> (u8, u8);
}

impl IntoU8Pair for (usize, usize) {
    fn into_u8(self) -> (u8, u8) {
        (self.0 as u8, self.1 as u8)
    }
}

/// What the matrix of a QR version is before any data: the function
/// patterns (format information areas light), the data region, and the
/// data modules in placement order. It is the same for every symbol of the
/// version, so it is built once per version, on first use.
#[derive(Debug)]
struct Layout {
    /// Dark function modules.
    fixed_dark: Vec<Row>,
    /// Modules that carry data (masks apply here only).
    region: Vec<Row>,
    /// The data modules in placement order (ISO/IEC 18004 §7.7.3), as
    /// `y << 8 | x`.
    order: Vec<u16>,
}

static LAYOUTS: [OnceLock<Layout>; 40] = [const { OnceLock::new() }; 40];

fn layout(version: Version) -> &'static Layout {
    LAYOUTS[usize::from(version.number() - 1)].get_or_init(|| {
        let n = version.size();
        let canvas = qr_canvas(version);
        let fixed_dark = (canvas.dark.iter().zip(&canvas.function))
            .map(|(d, f)| d.and(*f))
            .collect();
        let order = (canvas.data_positions(&qr_columns(n)).into_iter())
            .map(|(x, y)| (y << 8 | x) as u16)
            .collect();
        Layout {
            fixed_dark,
            region: canvas.data_region(),
            order,
        }
    })
}

/// Places `codewords` in rows of `W` words, applies each allowed mask,
/// writes its format information, scores it, and returns the chosen mask
/// with the final grid.
fn place_and_mask<const W: usize>(
    layout: &Layout,
    n: usize,
    ecc: EccLevel,
    codewords: &[u8],
    fixed: Option<Mask>,
    id: SymbologyIdentifier,
) -> (Mask, ModuleGrid) {
    // Version 40 is 177 modules a side; rows past `n` stay unused.
    let mut data = [Row::<W>::default(); 177];
    // Modules left over after the last codeword (remainder bits) stay light.
    for (&cw, at) in codewords.iter().zip(layout.order.chunks_exact(8)) {
        for (k, &p) in at.iter().enumerate() {
            let (y, x) = (usize::from(p >> 8), usize::from(p & 0xFF));
            data[y].0[x / 64] |= u64::from(cw >> (7 - k) & 1) << (x % 64);
        }
    }
    let (_, format_positions) = format_info(n, ecc, 0);
    let mut rows = [Row::<W>::default(); 177];
    let build = |mask: u8, rows: &mut [Row<W>]| {
        let pattern = &matrix::MASK_ROWS[usize::from(mask)];
        for (y, row) in rows.iter_mut().enumerate() {
            let region = Row::narrow(layout.region[y]);
            let flip = Row::narrow(pattern[y % 12]).and(region);
            *row = Row::narrow(layout.fixed_dark[y]).or(data[y].xor(flip));
        }
        let bits = format_bits(ecc, mask);
        for (i, &(x, y)) in format_positions.iter().enumerate() {
            if bits >> (i % 15) & 1 != 0 {
                rows[usize::from(y)].set(usize::from(x), true);
            }
        }
    };
    let rows = &mut rows[..n];
    let mask = match fixed {
        Some(m) => m.0,
        None => {
            let mut best = (u32::MAX, 0u8);
            for m in 0..8 {
                build(m, rows);
                let p = matrix::penalty(rows, n);
                if p < best.0 {
                    best = (p, m);
                }
            }
            best.1
        }
    };
    build(mask, rows);
    (Mask(mask), matrix::to_grid(rows, n, 4, id))
}

/// `uri` with its scheme and host (the case-insensitive parts) in upper
/// case, or `None` when that changes nothing.
#[cfg(feature = "gs1")]
fn upper_case_authority(uri: &str) -> Option<String> {
    let after_scheme = uri.find("://")? + 3;
    let host_end = uri[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(uri.len(), |i| after_scheme + i);
    let head = uri[..host_end].to_ascii_uppercase();
    (head != uri[..host_end]).then(|| format!("{head}{}", &uri[host_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text;

    #[test]
    fn annex_i_example() {
        // ISO/IEC 18004 Annex I: "01234567", 1-M, mask 010.
        let opts = Options {
            ecc: EccLevel::M,
            version: VersionPolicy::Fixed(Version::new(1).unwrap()),
            ..Options::default()
        };
        let qr = QrCode::encode_bytes(b"01234567", &opts).unwrap();
        assert_eq!(
            qr.data_codewords(),
            [
                0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
                0xEC, 0x11
            ]
        );
        assert_eq!(
            &qr.codewords()[16..],
            [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        );
        assert_eq!(qr.mask().number(), 2);
        assert_eq!(text::rows(qr.grid()).lines().count(), 21);
    }

    #[test]
    fn fnc1_second_position_header() {
        let opts = Options {
            fnc1_second: ApplicationIndicator::letter('a'),
            ..Options::default()
        };
        let qr = QrCode::encode_bytes(b"12345", &opts).unwrap();
        // 1001, then 'a' + 100 = 197 = 0xC5, then numeric mode 0001.
        assert_eq!(qr.data_codewords()[0], 0x9C);
        assert_eq!(qr.data_codewords()[1] >> 4, 0x5);
        assert_eq!(qr.grid().symbology_identifier().to_string(), "]Q5");
        let opts2 = Options {
            fnc1_second: ApplicationIndicator::digits(37),
            ..Options::default()
        };
        let qr = QrCode::encode(
            &[Segment::Data(b"AB"), Segment::Fnc1, Segment::Data(b"CD")],
            &opts2,
        )
        .unwrap();
        assert_eq!(qr.data_codewords()[0], 0x92); // 1001 0010 (37 = 0x25)
        assert!(matches!(
            QrCode::encode(&[Segment::Data(b"AB"), Segment::Fnc1], &Options::default()),
            Err(EncodeError::Fnc1Separator { index: 1 })
        ));
    }

    #[test]
    fn structured_append_and_eci_headers() {
        let opts = Options {
            structured_append: Some(StructuredAppend::new(2, 3, 0x5A).unwrap()),
            ..Options::default()
        };
        let qr = QrCode::encode_bytes(b"1", &opts).unwrap();
        // 0011 0001 0010 01011010 then numeric.
        assert_eq!(&qr.data_codewords()[..3], [0x31, 0x25, 0xA1]);
        let qr = QrCode::encode(
            &[
                Segment::Eci(crate::Eci::new(20000).unwrap()),
                Segment::Data(b"1"),
            ],
            &Options::default(),
        )
        .unwrap();
        // 0111 110 000100111000100000 (24-bit designator for 20000).
        assert_eq!(qr.data_codewords()[0], 0x7C);
        assert_eq!(qr.grid().symbology_identifier().to_string(), "]Q2");
        assert!(StructuredAppend::new(0, 3, 0).is_err());
        assert!(StructuredAppend::new(4, 3, 0).is_err());
    }

    #[test]
    fn version_policies_and_boost() {
        let v = |n| Version::new(n).unwrap();
        let mut opts = Options {
            version: VersionPolicy::AtLeast(v(5)),
            ..Options::default()
        };
        assert_eq!(QrCode::encode_bytes(b"1", &opts).unwrap().version(), v(5));
        opts.version = VersionPolicy::Fixed(v(1));
        let err = QrCode::encode_bytes(&[b'a'; 40], &opts).unwrap_err();
        assert!(matches!(err, EncodeError::TooLong { .. }), "{err}");
        let mut opts = Options::with_ecc(EccLevel::L);
        opts.boost_ecc = true;
        assert_eq!(
            QrCode::encode_bytes(b"1", &opts).unwrap().ecc(),
            EccLevel::H
        );
    }

    #[test]
    fn no_data_is_an_error() {
        let o = Options::default();
        assert_eq!(QrCode::encode_bytes(b"", &o), Err(EncodeError::Empty));
        assert_eq!(
            QrCode::encode(&[Segment::Fnc1], &o),
            Err(EncodeError::Empty)
        );
        assert_eq!(
            QrCode::encode(&[Segment::Eci(crate::Eci::UTF_8)], &o),
            Err(EncodeError::Empty)
        );
        assert_eq!(
            micro::MicroQr::encode_bytes(b"", &micro::Options::default()),
            Err(EncodeError::Empty)
        );
        assert_eq!(
            rmqr::Rmqr::encode_bytes(b"", &rmqr::Options::default()),
            Err(EncodeError::Empty)
        );
    }

    #[test]
    fn columns_skip_timing() {
        assert_eq!(qr_columns(21), [20, 18, 16, 14, 12, 10, 8, 5, 3, 1]);
    }
}
