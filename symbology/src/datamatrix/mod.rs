//! DataMatrix ECC 200 (ISO/IEC 16022) with the rectangular extensions
//! (DMRE, ISO/IEC 21471).
//!
//! The pipeline follows the standard: [`encode`](self) turns input into data
//! codewords with a minimal encodation that minimises the final symbol,
//! `ecc` appends Reed–Solomon check codewords per interleaved block,
//! `placement` lays the codeword bits into the data regions, and
//! [`symbol_size`] holds the 48 sizes.
//!
//! ```
//! use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};
//!
//! let dm = DataMatrix::encode_gs1("^01095060075185061729031510P0151511^21WX0Q1PU3AU12", &Options::default())?;
//! assert_eq!(dm.size().to_string(), "22x22");
//! assert_eq!(dm.grid().symbology_identifier().to_string(), "]d2");
//!
//! let square = Options::with_size(SizePolicy::Square);
//! let dm = DataMatrix::encode_bytes(b"Hello, world", &square)?;
//! assert_eq!((dm.grid().width(), dm.grid().height()), (16, 16));
//! # Ok::<(), serialkit_symbology::datamatrix::EncodeError>(())
//! ```

mod ecc;
mod encode;
mod identifier;
mod placement;
pub mod symbol_size;

pub use ecc::Layout144;
pub use symbol_size::{Shape, SymbolSize, SymbolSizeError};

use encode::Item;

use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::input::{Gs1Message, Gs1MessageError, Segment};

/// Which sizes the encoder may choose from. Among the allowed sizes that
/// hold the data it takes the smallest area (then the smaller capacity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SizePolicy {
    /// The 24 square and 6 rectangular ISO/IEC 16022 sizes.
    #[default]
    Auto,
    /// Square sizes only (the pharma default of many specifications).
    Square,
    /// The 6 rectangular ISO/IEC 16022 sizes only.
    Rectangular,
    /// All 48 sizes: squares, rectangles and DMRE.
    Dmre,
    /// Exactly this size.
    Fixed(SymbolSize),
    /// Any size, DMRE included, at most this many module rows high.
    MaxHeight(u16),
}

impl SizePolicy {
    fn allows(self, size: SymbolSize) -> bool {
        match self {
            SizePolicy::Auto => size.shape() != Shape::Dmre,
            SizePolicy::Square => size.shape() == Shape::Square,
            SizePolicy::Rectangular => size.shape() == Shape::Rectangular,
            SizePolicy::Dmre => true,
            SizePolicy::Fixed(fixed) => size == fixed,
            SizePolicy::MaxHeight(rows) => size.rows() <= rows as usize,
        }
    }

    /// The allowed size with the largest data capacity.
    fn largest(self) -> Option<SymbolSize> {
        SymbolSize::all()
            .filter(|&s| self.allows(s))
            .max_by_key(|s| s.data_codewords())
    }

    /// The allowed sizes, smallest area first.
    pub fn sizes(self) -> impl Iterator<Item = SymbolSize> {
        let mut sizes: Vec<SymbolSize> = SymbolSize::all().filter(|&s| self.allows(s)).collect();
        sizes.sort_by_key(|s| (s.area(), s.data_codewords()));
        sizes.into_iter()
    }
}

/// A Structured Append header: this symbol is number `position` of `count`
/// symbols (2–16) whose data concatenates, all carrying the same file id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructuredAppend {
    position: u8,
    count: u8,
    file_id: (u8, u8),
}

impl StructuredAppend {
    /// Symbol `position` (1-based) of `count`; each file id byte is 1–254.
    pub fn new(position: u8, count: u8, file_id: (u8, u8)) -> Result<Self, EncodeError> {
        if !(2..=16).contains(&count) || position == 0 || position > count {
            return Err(EncodeError::StructuredAppend { position, count });
        }
        if !(1..=254).contains(&file_id.0) || !(1..=254).contains(&file_id.1) {
            return Err(EncodeError::FileId { file_id });
        }
        Ok(Self {
            position,
            count,
            file_id,
        })
    }

    /// 1-based position of this symbol.
    pub fn position(self) -> u8 {
        self.position
    }

    /// Number of symbols in the set.
    pub fn count(self) -> u8 {
        self.count
    }

    /// The two file id codewords.
    pub fn file_id(self) -> (u8, u8) {
        self.file_id
    }

    fn codewords(self) -> [u8; 4] {
        // Upper nibble: position − 1; lower nibble: 17 − count.
        let sequence = ((self.position - 1) << 4) | (17 - self.count);
        [
            encode::STRUCTURED_APPEND,
            sequence,
            self.file_id.0,
            self.file_id.1,
        ]
    }
}

/// Encoder options. `Options::default()` is what pharma labels need: the
/// smallest ISO size, macro headers recognised, the 144×144 layout readers
/// decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Which sizes may be chosen.
    pub size: SizePolicy,
    /// Codeword layout of 144×144 symbols.
    pub layout_144: Layout144,
    /// Structured Append header, for data split over several symbols.
    pub structured_append: Option<StructuredAppend>,
    /// Mark the symbol as reader programming (codeword 234): the reader
    /// configures itself instead of transmitting the data.
    pub reader_programming: bool,
    /// Replace an ISO/IEC 15434 envelope `[)>␞05␝ … ␞␄` (or `06`) around
    /// byte data by the one-codeword Macro 05/06 header.
    pub macro_header: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            size: SizePolicy::Auto,
            layout_144: Layout144::Readers,
            structured_append: None,
            reader_programming: false,
            macro_header: true,
        }
    }
}

impl Options {
    /// Default options with another size policy.
    pub fn with_size(size: SizePolicy) -> Self {
        Self {
            size,
            ..Self::default()
        }
    }
}

/// Why data could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The data needs more codewords than the largest allowed size holds.
    /// (For input beyond any DataMatrix, over 3116 characters, `needed` is
    /// a lower bound.)
    #[error(
        "data needs {needed} data codewords but the largest allowed size {largest} holds {capacity}: {excess} codewords too many",
        excess = needed - capacity
    )]
    TooLong {
        /// Data codewords the data needs (minimal encodation).
        needed: usize,
        /// Data codewords of the largest allowed size.
        capacity: usize,
        /// That size.
        largest: SymbolSize,
    },
    /// The size policy allows no size at all (e.g. a maximum height below 8).
    #[error("the size policy allows no DataMatrix size")]
    NoAllowedSize,
    /// Malformed GS1 `^` message.
    #[error("GS1 message: {0}")]
    Gs1(#[from] Gs1MessageError),
    /// A GS1 element string with a 2D composite part: DataMatrix has none.
    #[error("a GS1 composite (2D component) cannot be carried by DataMatrix")]
    Composite,
    /// FNC1 in first position (GS1) and reader programming exclude each other.
    #[error("reader programming cannot be combined with GS1 (FNC1 in first position)")]
    ReaderProgrammingWithGs1,
    /// Structured Append and reader programming exclude each other.
    #[error("reader programming cannot be combined with Structured Append")]
    ReaderProgrammingWithStructuredAppend,
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
    /// Structured Append file id byte out of range.
    #[error("structured append file id {file_id:?}: each byte must be 1-254")]
    FileId {
        /// File id given.
        file_id: (u8, u8),
    },
    /// [`DataMatrix::from_codewords`] got the wrong number of codewords.
    #[error("{size} holds {expected} data codewords, got {got}")]
    CodewordCount {
        /// The size.
        size: SymbolSize,
        /// Its data capacity.
        expected: usize,
        /// Codewords given.
        got: usize,
    },
}

impl EncodeError {
    /// For [`EncodeError::TooLong`], by how many codewords the data is too
    /// long.
    pub fn excess_codewords(&self) -> Option<usize> {
        match self {
            EncodeError::TooLong {
                needed, capacity, ..
            } => Some(needed - capacity),
            _ => None,
        }
    }
}

/// An encoded DataMatrix symbol: its size, codewords and module grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataMatrix {
    size: SymbolSize,
    codewords: Vec<u8>,
    grid: ModuleGrid,
}

/// Data codewords of the largest symbol (144×144).
const MAX_DATA_CODEWORDS: usize = 1558;

const MACRO_05_PREFIX: &[u8] = b"[)>\x1e05\x1d";
const MACRO_06_PREFIX: &[u8] = b"[)>\x1e06\x1d";
const MACRO_SUFFIX: &[u8] = b"\x1e\x04";

impl DataMatrix {
    /// Encodes bytes (ISO/IEC 8859-1 unless an ECI says otherwise).
    pub fn encode_bytes(data: &[u8], options: &Options) -> Result<Self, EncodeError> {
        Self::encode(&[Segment::Data(data)], options)
    }

    /// Encodes a GS1 message in `^` notation: the leading `^` is FNC1 in
    /// first position, every later `^` the FNC1 separator after a
    /// variable-length field (e.g. `^010950600013435210AB12^21X`).
    pub fn encode_gs1(message: &str, options: &Options) -> Result<Self, EncodeError> {
        let message = Gs1Message::parse(message.as_bytes())?;
        let mut items = Vec::with_capacity(message.as_bytes().len());
        items.extend(
            message.as_bytes()[1..]
                .iter()
                .map(|&b| if b == b'^' { Item::Fnc1 } else { Item::Byte(b) }),
        );
        Self::encode_items(&items, true, false, options)
    }

    /// Encodes a validated GS1 element string (FNC1 in first position, FNC1
    /// after variable-length values that are not last).
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options as Gs1Options};
    /// use serialkit_symbology::datamatrix::{DataMatrix, Options};
    /// let es = ElementString::parse("(01)09506007518506(17)290315(10)P0151511(21)WX0Q1PU3AU12", &Gs1Options::default())?;
    /// let dm = DataMatrix::encode_element_string(&es, &Options::default())?;
    /// assert_eq!(dm.size().to_string(), "22x22");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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

    /// Encodes a sequence of segments. A leading [`Segment::Fnc1`] makes the
    /// symbol GS1 DataMatrix (`]d2`).
    pub fn encode(segments: &[Segment<'_>], options: &Options) -> Result<Self, EncodeError> {
        let mut items = Vec::with_capacity(
            segments
                .iter()
                .map(|s| if let Segment::Data(d) = s { d.len() } else { 1 })
                .sum(),
        );
        let mut fnc1_first = false;
        let mut has_eci = false;
        for (k, segment) in segments.iter().enumerate() {
            match *segment {
                Segment::Fnc1 if k == 0 => fnc1_first = true,
                Segment::Fnc1 => items.push(Item::Fnc1),
                Segment::Data(d) => items.extend(d.iter().map(|&b| Item::Byte(b))),
                Segment::Eci(e) => {
                    has_eci = true;
                    items.push(Item::Eci(e.number()));
                }
            }
        }
        Self::encode_items(&items, fnc1_first, has_eci, options)
    }

    fn encode_items(
        items: &[Item],
        fnc1_first: bool,
        has_eci: bool,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        let mut header = [0u8; 6];
        let mut header_len = 0;
        let mut push = |cw: u8| {
            header[header_len] = cw;
            header_len += 1;
        };
        if options.reader_programming {
            if fnc1_first {
                return Err(EncodeError::ReaderProgrammingWithGs1);
            }
            if options.structured_append.is_some() {
                return Err(EncodeError::ReaderProgrammingWithStructuredAppend);
            }
        }
        if let Some(sa) = options.structured_append {
            for cw in sa.codewords() {
                push(cw);
            }
        }
        if options.reader_programming {
            push(encode::READER_PROGRAMMING);
        }
        let mut items = items;
        if fnc1_first {
            push(encode::FNC1);
        } else if options.macro_header {
            if let Some(inner) = macro_body(items) {
                push(inner.0);
                items = inner.1;
            }
        }
        let header = &header[..header_len];
        // No encodation packs more than two characters (a digit pair) into
        // a codeword: far longer input cannot fit any size, and the search
        // tables need not be built for it.
        let at_least = header_len + items.len().div_ceil(2);
        if at_least > MAX_DATA_CODEWORDS {
            let largest = options.size.largest().ok_or(EncodeError::NoAllowedSize)?;
            return Err(EncodeError::TooLong {
                needed: at_least,
                capacity: largest.data_codewords(),
                largest,
            });
        }
        let plan = encode::plan(items, header);
        // Smallest allowed area (then capacity) that fits; no allocation.
        let key = |s: SymbolSize| (s.area(), s.data_codewords());
        let mut largest: Option<SymbolSize> = None;
        let mut chosen: Option<SymbolSize> = None;
        for size in SymbolSize::all().filter(|&s| options.size.allows(s)) {
            if largest.is_none_or(|l| size.data_codewords() > l.data_codewords()) {
                largest = Some(size);
            }
            if plan.fits(size) && chosen.is_none_or(|c| key(size) < key(c)) {
                chosen = Some(size);
            }
        }
        let Some(size) = chosen else {
            return Err(match largest {
                None => EncodeError::NoAllowedSize,
                Some(l) => EncodeError::TooLong {
                    needed: plan.min_codewords(),
                    capacity: l.data_codewords(),
                    largest: l,
                },
            });
        };
        let mut codewords = Vec::with_capacity(size.data_codewords() + size.ec_codewords());
        encode::write(&plan, size.data_codewords(), &mut codewords);
        debug_assert_eq!(codewords.len(), size.data_codewords());
        let identifier = match (fnc1_first, has_eci) {
            (true, false) => SymbologyIdentifier::DATA_MATRIX_GS1,
            (true, true) => SymbologyIdentifier::DATA_MATRIX_GS1_ECI,
            (false, true) => SymbologyIdentifier::DATA_MATRIX_ECI,
            (false, false) => SymbologyIdentifier::DATA_MATRIX,
        };
        Ok(Self::finish(
            size,
            codewords,
            options.layout_144,
            identifier,
        ))
    }

    /// Splits `data` over `count` symbols (2–16) linked by Structured
    /// Append with `file_id`: a reader that supports it reassembles the data
    /// in order. The data is cut into `count` nearly equal byte runs; each
    /// symbol gets the smallest size the policy allows.
    ///
    /// ```
    /// use serialkit_symbology::datamatrix::{DataMatrix, Options};
    /// let parts = DataMatrix::encode_structured_append(&[b'x'; 300], 3, (17, 42), &Options::default())?;
    /// assert_eq!(parts.len(), 3);
    /// assert_eq!(&parts[1].data_codewords()[..4], &[233, 0x1E, 17, 42]);
    /// # Ok::<(), serialkit_symbology::datamatrix::EncodeError>(())
    /// ```
    pub fn encode_structured_append(
        data: &[u8],
        count: u8,
        file_id: (u8, u8),
        options: &Options,
    ) -> Result<Vec<Self>, EncodeError> {
        // Validates count and file id before any work.
        StructuredAppend::new(1, count, file_id)?;
        let n = count as usize;
        let mut symbols = Vec::with_capacity(n);
        let mut start = 0;
        for k in 0..n {
            let end = start + (data.len() - start) / (n - k);
            let mut opts = *options;
            opts.structured_append = Some(StructuredAppend::new(k as u8 + 1, count, file_id)?);
            symbols.push(Self::encode_bytes(&data[start..end], &opts)?);
            start = end;
        }
        Ok(symbols)
    }

    /// Builds the symbol of `size` from its data codewords as they are (no
    /// padding added): check codewords, placement, patterns. For tests
    /// against published codeword vectors and for callers with their own
    /// encodation.
    ///
    /// The grid's symbology identifier is the one a reader reports for
    /// these codewords (ISO/IEC 15424): `]d2` for FNC1 in first position
    /// (fifth after a Structured Append header), `]d3` for FNC1 in second
    /// (sixth) position after a letter or digit pair, plus 3 (`]d4`–`]d6`)
    /// when an ECI designator occurs in the data.
    ///
    /// ```
    /// use serialkit_symbology::datamatrix::{DataMatrix, Layout144, SymbolSize};
    /// let size: SymbolSize = "10x10".parse()?;
    /// // FNC1 in first position, then the ECI designator 26 (UTF-8).
    /// let dm = DataMatrix::from_codewords(size, &[232, 241, 27], Layout144::Readers)?;
    /// assert_eq!(dm.grid().symbology_identifier().to_string(), "]d5");
    /// // The other way round the FNC1 is a separator, not the GS1 flag.
    /// let dm = DataMatrix::from_codewords(size, &[241, 27, 232], Layout144::Readers)?;
    /// assert_eq!(dm.grid().symbology_identifier().to_string(), "]d4");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_codewords(
        size: SymbolSize,
        data_codewords: &[u8],
        layout_144: Layout144,
    ) -> Result<Self, EncodeError> {
        if data_codewords.len() != size.data_codewords() {
            return Err(EncodeError::CodewordCount {
                size,
                expected: size.data_codewords(),
                got: data_codewords.len(),
            });
        }
        let mut codewords = Vec::with_capacity(size.data_codewords() + size.ec_codewords());
        codewords.extend_from_slice(data_codewords);
        // What a reader reports for these codewords: FNC1 in first/fifth
        // or second/sixth position, ECI anywhere (see `identifier`).
        let identifier = identifier::identifier(data_codewords);
        Ok(Self::finish(size, codewords, layout_144, identifier))
    }

    fn finish(
        size: SymbolSize,
        mut codewords: Vec<u8>,
        layout: Layout144,
        identifier: SymbologyIdentifier,
    ) -> Self {
        codewords.resize(size.data_codewords() + size.ec_codewords(), 0);
        ecc::append_check_codewords(size, &mut codewords, layout);
        let grid = placement::draw(size, &codewords, identifier);
        Self {
            size,
            codewords,
            grid,
        }
    }

    /// The chosen size.
    pub fn size(&self) -> SymbolSize {
        self.size
    }

    /// Data codewords (with padding) followed by check codewords.
    pub fn codewords(&self) -> &[u8] {
        &self.codewords
    }

    /// The data codewords, padding included.
    pub fn data_codewords(&self) -> &[u8] {
        &self.codewords[..self.size.data_codewords()]
    }

    /// The check codewords, interleaved as placed.
    pub fn check_codewords(&self) -> &[u8] {
        &self.codewords[self.size.data_codewords()..]
    }

    /// The module grid (quiet zone: 1 module, as GS1 specifies for
    /// DataMatrix; renderers add it).
    pub fn grid(&self) -> &ModuleGrid {
        &self.grid
    }

    /// The module grid, consuming the symbol.
    pub fn into_grid(self) -> ModuleGrid {
        self.grid
    }
}

/// Reads the codewords (data, then check codewords as interleaved) out of a
/// DataMatrix module grid, by reversing the placement: a diagnostic for
/// grids that came from elsewhere (a vector, another encoder). Returns
/// `None` when the grid's dimensions are not a DataMatrix size. Finder
/// patterns are not checked and no error correction is attempted.
pub fn read_codewords(grid: &ModuleGrid) -> Option<(SymbolSize, Vec<u8>)> {
    placement::read(grid)
}

/// The macro header codeword and the data inside an ISO/IEC 15434
/// `[)>␞05␝…␞␄` / `06` envelope, if `items` is exactly that.
fn macro_body(items: &[Item]) -> Option<(u8, &[Item])> {
    let n = items.len();
    let prefix_len = MACRO_05_PREFIX.len();
    if n < prefix_len + MACRO_SUFFIX.len() {
        return None;
    }
    let matches = |slice: &[Item], pattern: &[u8]| {
        slice
            .iter()
            .zip(pattern)
            .all(|(it, &b)| *it == Item::Byte(b))
    };
    let suffix_ok = matches(&items[n - MACRO_SUFFIX.len()..], MACRO_SUFFIX);
    if !suffix_ok {
        return None;
    }
    let body = &items[prefix_len..n - MACRO_SUFFIX.len()];
    if matches(&items[..prefix_len], MACRO_05_PREFIX) {
        Some((encode::MACRO_05, body))
    } else if matches(&items[..prefix_len], MACRO_06_PREFIX) {
        Some((encode::MACRO_06, body))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Eci;

    fn data(dm: &DataMatrix) -> &[u8] {
        dm.data_codewords()
    }

    #[test]
    fn headers() {
        let o = Options::default();
        // Macro 05: the envelope becomes one codeword.
        let dm = DataMatrix::encode_bytes(b"[)>\x1e05\x1dA\x1e\x04", &o).unwrap();
        assert_eq!(&data(&dm)[..2], &[236, b'A' + 1]);
        let dm = DataMatrix::encode_bytes(b"[)>\x1e06\x1dA\x1e\x04", &o).unwrap();
        assert_eq!(data(&dm)[0], 237);
        let mut off = o;
        off.macro_header = false;
        let dm = DataMatrix::encode_bytes(b"[)>\x1e05\x1dA\x1e\x04", &off).unwrap();
        assert_ne!(data(&dm)[0], 236);
        // Reader programming.
        let mut rp = o;
        rp.reader_programming = true;
        let dm = DataMatrix::encode_bytes(b"A", &rp).unwrap();
        assert_eq!(&data(&dm)[..2], &[234, b'A' + 1]);
        assert_eq!(
            DataMatrix::encode_gs1("^01", &rp),
            Err(EncodeError::ReaderProgrammingWithGs1)
        );
        // Structured append: position 2 of 3.
        let mut sa = o;
        sa.structured_append = Some(StructuredAppend::new(2, 3, (1, 254)).unwrap());
        let dm = DataMatrix::encode_bytes(b"A", &sa).unwrap();
        assert_eq!(&data(&dm)[..5], &[233, (1 << 4) | 14, 1, 254, b'A' + 1]);
        assert!(StructuredAppend::new(0, 3, (1, 1)).is_err());
        assert!(StructuredAppend::new(2, 17, (1, 1)).is_err());
        assert!(StructuredAppend::new(1, 2, (0, 1)).is_err());
        // ECI: 241 then the number, in one to three codewords.
        for (eci, cws) in [
            (3, &[241u8, 4][..]),
            (127, &[241, 128, 1]),
            (810_899, &[241, 204, 81, 5]),
        ] {
            let dm = DataMatrix::encode(
                &[Segment::Eci(Eci::new(eci).unwrap()), Segment::Data(b"A")],
                &o,
            )
            .unwrap();
            assert_eq!(&data(&dm)[..cws.len()], cws, "ECI {eci}");
            assert_eq!(
                dm.grid().symbology_identifier(),
                SymbologyIdentifier::DATA_MATRIX_ECI
            );
        }
        // GS1: FNC1 first.
        let dm = DataMatrix::encode_gs1("^0109506000134352", &o).unwrap();
        assert_eq!(data(&dm)[0], 232);
        assert_eq!(
            dm.grid().symbology_identifier(),
            SymbologyIdentifier::DATA_MATRIX_GS1
        );
    }

    #[test]
    fn from_codewords_reports_the_encoders_identifier() {
        let eci = Segment::Eci(Eci::UTF_8);
        let cases: [(&[Segment<'_>], Option<StructuredAppend>, &str); 8] = [
            (
                &[Segment::Fnc1, Segment::Data(b"0109506000134352")],
                None,
                "]d2",
            ),
            (
                &[Segment::Fnc1, eci, Segment::Data(b"10\xc3\xa9")],
                None,
                "]d5",
            ),
            (&[eci, Segment::Data(b"\xc3\xa9")], None, "]d4"),
            (
                &[Segment::Data(b"AB"), eci, Segment::Data(b"\xc3\xa9")],
                None,
                "]d4",
            ),
            (
                &[Segment::Data(b"A"), Segment::Fnc1, Segment::Data(b"B")],
                None,
                "]d1",
            ),
            (&[Segment::Data(b"ABCDEFGH")], None, "]d1"),
            (
                &[Segment::Fnc1, Segment::Data(b"10ABC")],
                StructuredAppend::new(2, 3, (7, 9)).ok(),
                "]d2",
            ),
            (
                &[Segment::Data(b"ABC"), Segment::Fnc1, Segment::Data(b"D")],
                StructuredAppend::new(1, 2, (7, 9)).ok(),
                "]d1",
            ),
        ];
        for (segments, sa, want) in cases {
            let o = Options {
                structured_append: sa,
                ..Options::default()
            };
            let dm = DataMatrix::encode(segments, &o).unwrap();
            assert_eq!(
                dm.grid().symbology_identifier().to_string(),
                want,
                "{segments:?}"
            );
            let rebuilt =
                DataMatrix::from_codewords(dm.size(), dm.data_codewords(), Layout144::Readers)
                    .unwrap();
            assert_eq!(rebuilt, dm, "{segments:?}");
        }
    }

    #[test]
    fn errors_say_by_how_much() {
        let e = DataMatrix::encode_bytes(
            &[b'1'; 20],
            &Options::with_size(SizePolicy::Fixed("10x10".parse().unwrap())),
        )
        .unwrap_err();
        assert_eq!(e.excess_codewords(), Some(7));
        assert!(e.to_string().contains("7 codewords too many"), "{e}");
        let e = DataMatrix::encode_bytes(&[0xFF; 2000], &Options::default()).unwrap_err();
        assert!(
            matches!(e, EncodeError::TooLong { largest, .. } if largest.to_string() == "144x144")
        );
        assert_eq!(
            DataMatrix::encode_bytes(b"A", &Options::with_size(SizePolicy::MaxHeight(7))),
            Err(EncodeError::NoAllowedSize)
        );
        assert!(matches!(
            DataMatrix::encode_gs1("01", &Options::default()),
            Err(EncodeError::Gs1(_))
        ));
    }

    #[test]
    fn size_policies() {
        let data = b"0123456789ABCDEFGHIJ";
        let pick = |p| {
            DataMatrix::encode_bytes(data, &Options::with_size(p))
                .unwrap()
                .size()
        };
        assert_eq!(pick(SizePolicy::Square).shape(), Shape::Square);
        assert_eq!(pick(SizePolicy::Rectangular).shape(), Shape::Rectangular);
        assert!(pick(SizePolicy::MaxHeight(8)).rows() <= 8);
        let fixed: SymbolSize = "26x26".parse().unwrap();
        assert_eq!(pick(SizePolicy::Fixed(fixed)), fixed);
        assert!(pick(SizePolicy::Dmre).area() <= pick(SizePolicy::Auto).area());
    }

    #[test]
    fn long_base256_uses_two_length_bytes() {
        // 300 bytes >= 128 force Base 256 with a two-byte length field.
        let bytes: Vec<u8> = (0..300u32).map(|i| 128 + (i % 128) as u8).collect();
        let dm = DataMatrix::encode_bytes(&bytes, &Options::default()).unwrap();
        assert_eq!(data(&dm)[0], 231);
        assert!(dm.size().data_codewords() >= 303);
    }
}
