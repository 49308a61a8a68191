//! The 48 DataMatrix ECC 200 symbol sizes: 24 square and 6 rectangular
//! (ISO/IEC 16022 table 7) and the 18 rectangular extensions (DMRE,
//! ISO/IEC 21471), with their data regions and codeword budgets.
//!
//! The table is checked against `shared/data/symbology/datamatrix-sizes.tsv`
//! by the `datamatrix_sizes` test.

use std::fmt;
use std::str::FromStr;

/// The family a size belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// One of the 24 square ISO/IEC 16022 sizes.
    Square,
    /// One of the 6 rectangular ISO/IEC 16022 sizes.
    Rectangular,
    /// One of the 18 rectangular extensions of ISO/IEC 21471 (DMRE).
    Dmre,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub rows: u8,
    pub cols: u8,
    pub shape: Shape,
    pub region_rows: u8,
    pub region_cols: u8,
    pub data_codewords: u16,
    pub ec_codewords: u16,
    pub blocks: u8,
}

impl Spec {
    #[allow(clippy::too_many_arguments)]
    const fn new(
        rows: u8,
        cols: u8,
        shape: Shape,
        region_rows: u8,
        region_cols: u8,
        data_codewords: u16,
        ec_codewords: u16,
        blocks: u8,
    ) -> Self {
        Spec {
            rows,
            cols,
            shape,
            region_rows,
            region_cols,
            data_codewords,
            ec_codewords,
            blocks,
        }
    }
}

/// ISO order: squares by size, then rectangles, then DMRE (ISO/IEC 21471
/// table order). `SymbolSize` indexes this table.
pub(crate) static SPECS: [Spec; 48] = [
    Spec::new(10, 10, Shape::Square, 8, 8, 3, 5, 1),
    Spec::new(12, 12, Shape::Square, 10, 10, 5, 7, 1),
    Spec::new(14, 14, Shape::Square, 12, 12, 8, 10, 1),
    Spec::new(16, 16, Shape::Square, 14, 14, 12, 12, 1),
    Spec::new(18, 18, Shape::Square, 16, 16, 18, 14, 1),
    Spec::new(20, 20, Shape::Square, 18, 18, 22, 18, 1),
    Spec::new(22, 22, Shape::Square, 20, 20, 30, 20, 1),
    Spec::new(24, 24, Shape::Square, 22, 22, 36, 24, 1),
    Spec::new(26, 26, Shape::Square, 24, 24, 44, 28, 1),
    Spec::new(32, 32, Shape::Square, 14, 14, 62, 36, 1),
    Spec::new(36, 36, Shape::Square, 16, 16, 86, 42, 1),
    Spec::new(40, 40, Shape::Square, 18, 18, 114, 48, 1),
    Spec::new(44, 44, Shape::Square, 20, 20, 144, 56, 1),
    Spec::new(48, 48, Shape::Square, 22, 22, 174, 68, 1),
    Spec::new(52, 52, Shape::Square, 24, 24, 204, 84, 2),
    Spec::new(64, 64, Shape::Square, 14, 14, 280, 112, 2),
    Spec::new(72, 72, Shape::Square, 16, 16, 368, 144, 4),
    Spec::new(80, 80, Shape::Square, 18, 18, 456, 192, 4),
    Spec::new(88, 88, Shape::Square, 20, 20, 576, 224, 4),
    Spec::new(96, 96, Shape::Square, 22, 22, 696, 272, 4),
    Spec::new(104, 104, Shape::Square, 24, 24, 816, 336, 6),
    Spec::new(120, 120, Shape::Square, 18, 18, 1050, 408, 6),
    Spec::new(132, 132, Shape::Square, 20, 20, 1304, 496, 8),
    Spec::new(144, 144, Shape::Square, 22, 22, 1558, 620, 10),
    Spec::new(8, 18, Shape::Rectangular, 6, 16, 5, 7, 1),
    Spec::new(8, 32, Shape::Rectangular, 6, 14, 10, 11, 1),
    Spec::new(12, 26, Shape::Rectangular, 10, 24, 16, 14, 1),
    Spec::new(12, 36, Shape::Rectangular, 10, 16, 22, 18, 1),
    Spec::new(16, 36, Shape::Rectangular, 14, 16, 32, 24, 1),
    Spec::new(16, 48, Shape::Rectangular, 14, 22, 49, 28, 1),
    Spec::new(8, 48, Shape::Dmre, 6, 22, 18, 15, 1),
    Spec::new(8, 64, Shape::Dmre, 6, 14, 24, 18, 1),
    Spec::new(8, 80, Shape::Dmre, 6, 18, 32, 22, 1),
    Spec::new(20, 36, Shape::Dmre, 18, 16, 44, 28, 1),
    Spec::new(8, 96, Shape::Dmre, 6, 22, 38, 28, 1),
    Spec::new(12, 64, Shape::Dmre, 10, 14, 43, 27, 1),
    Spec::new(20, 44, Shape::Dmre, 18, 20, 56, 34, 1),
    Spec::new(8, 120, Shape::Dmre, 6, 18, 49, 32, 1),
    Spec::new(16, 64, Shape::Dmre, 14, 14, 62, 36, 1),
    Spec::new(26, 40, Shape::Dmre, 24, 18, 70, 38, 1),
    Spec::new(12, 88, Shape::Dmre, 10, 20, 64, 36, 1),
    Spec::new(22, 48, Shape::Dmre, 20, 22, 72, 38, 1),
    Spec::new(8, 144, Shape::Dmre, 6, 22, 63, 36, 1),
    Spec::new(24, 48, Shape::Dmre, 22, 22, 80, 41, 1),
    Spec::new(26, 48, Shape::Dmre, 24, 22, 90, 42, 1),
    Spec::new(20, 64, Shape::Dmre, 18, 14, 84, 42, 1),
    Spec::new(24, 64, Shape::Dmre, 22, 14, 108, 46, 1),
    Spec::new(26, 64, Shape::Dmre, 24, 14, 118, 50, 1),
];

/// The distinct numbers of check codewords per interleaved block.
pub(crate) const EC_BLOCK_DEGREES: [usize; 25] = [
    5, 7, 10, 11, 12, 14, 15, 18, 20, 22, 24, 27, 28, 32, 34, 36, 38, 41, 42, 46, 48, 50, 56, 62,
    68,
];

/// One of the 48 DataMatrix ECC 200 sizes. Parses from and prints as
/// `RxC` (rows × columns, e.g. `12x26`), the notation readers report.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SymbolSize(u8);

impl SymbolSize {
    /// Every size in ISO order: 24 squares, 6 rectangles, 18 DMRE.
    pub fn all() -> impl ExactSizeIterator<Item = SymbolSize> + Clone {
        (0..SPECS.len() as u8).map(SymbolSize)
    }

    /// The size with `rows` × `cols` modules, if DataMatrix has one.
    pub fn from_dimensions(rows: usize, cols: usize) -> Option<SymbolSize> {
        SymbolSize::all().find(|s| s.rows() == rows && s.cols() == cols)
    }

    #[inline]
    pub(crate) fn spec(self) -> &'static Spec {
        &SPECS[self.0 as usize]
    }

    /// Position in ISO order (0 = 10×10).
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// Module rows, finder and clock patterns included, quiet zone excluded.
    pub fn rows(self) -> usize {
        self.spec().rows as usize
    }

    /// Module columns, finder and clock patterns included, quiet zone excluded.
    pub fn cols(self) -> usize {
        self.spec().cols as usize
    }

    /// Square, rectangular or DMRE.
    pub fn shape(self) -> Shape {
        self.spec().shape
    }

    /// Area in modules (the measure "smallest symbol" minimises).
    pub fn area(self) -> usize {
        self.rows() * self.cols()
    }

    /// Data codewords the symbol carries.
    pub fn data_codewords(self) -> usize {
        self.spec().data_codewords as usize
    }

    /// Error-correction codewords, all blocks together.
    pub fn ec_codewords(self) -> usize {
        self.spec().ec_codewords as usize
    }

    /// Number of interleaved Reed–Solomon blocks.
    pub fn blocks(self) -> usize {
        self.spec().blocks as usize
    }

    /// Rows of one data region (inside its finder and clock patterns).
    pub fn region_rows(self) -> usize {
        self.spec().region_rows as usize
    }

    /// Columns of one data region.
    pub fn region_cols(self) -> usize {
        self.spec().region_cols as usize
    }

    /// Data regions stacked vertically.
    pub fn regions_vertical(self) -> usize {
        self.rows() / (self.region_rows() + 2)
    }

    /// Data regions side by side.
    pub fn regions_horizontal(self) -> usize {
        self.cols() / (self.region_cols() + 2)
    }

    /// Rows of the mapping matrix (all data regions without their patterns).
    pub fn mapping_rows(self) -> usize {
        self.regions_vertical() * self.region_rows()
    }

    /// Columns of the mapping matrix.
    pub fn mapping_cols(self) -> usize {
        self.regions_horizontal() * self.region_cols()
    }
}

impl fmt::Display for SymbolSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.rows(), self.cols())
    }
}

impl fmt::Debug for SymbolSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SymbolSize({}x{})", self.rows(), self.cols())
    }
}

/// Why a string does not name a DataMatrix size.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SymbolSizeError {
    /// Not of the form `RxC` with two decimal numbers.
    #[error("expected ROWSxCOLS, e.g. 12x26")]
    Syntax,
    /// Well-formed, but DataMatrix has no such size.
    #[error("DataMatrix has no {rows}x{cols} size")]
    NoSuchSize {
        /// Rows asked for.
        rows: usize,
        /// Columns asked for.
        cols: usize,
    },
}

impl FromStr for SymbolSize {
    type Err = SymbolSizeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (r, c) = s.split_once(['x', 'X']).ok_or(SymbolSizeError::Syntax)?;
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(r) || !digits(c) {
            return Err(SymbolSizeError::Syntax);
        }
        let rows: usize = r.parse().map_err(|_| SymbolSizeError::Syntax)?;
        let cols: usize = c.parse().map_err(|_| SymbolSizeError::Syntax)?;
        SymbolSize::from_dimensions(rows, cols).ok_or(SymbolSizeError::NoSuchSize { rows, cols })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        for s in SymbolSize::all() {
            assert_eq!(s.to_string().parse::<SymbolSize>(), Ok(s));
            assert_eq!(
                s.mapping_rows() * s.mapping_cols() / 8,
                s.data_codewords() + s.ec_codewords()
            );
            assert_eq!(s.ec_codewords() % s.blocks(), 0);
        }
        assert_eq!(
            "13x13".parse::<SymbolSize>(),
            Err(SymbolSizeError::NoSuchSize { rows: 13, cols: 13 })
        );
        assert_eq!("13".parse::<SymbolSize>(), Err(SymbolSizeError::Syntax));
        assert_eq!("x13".parse::<SymbolSize>(), Err(SymbolSizeError::Syntax));
    }
}
