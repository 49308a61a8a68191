//! The module grid every symbology produces and every renderer consumes.

use std::borrow::Cow;
use std::fmt;

use bitvec::prelude::*;

pub use serialkit_gs1::symbology_id::{SymbologyIdentifier, SymbologyIdentifierError};

/// A rectangle of dark and light modules, row-major with row 0 at the top,
/// plus what a renderer and a reader need to know about it: the quiet zone
/// the symbology requires around it and the symbology identifier the
/// symbol scans as.
///
/// The quiet zone is not stored as modules: renderers add it.
///
/// A linear symbol's rows are all the same: its grid stores the one row
/// and repeats it (every accessor answers as if each row were stored;
/// setting a module stores the rows separately from then on).
#[derive(Clone)]
pub struct ModuleGrid {
    width: usize,
    height: usize,
    /// `height` rows, or one row standing for every row when `repeated`.
    modules: BitVec<u64, Lsb0>,
    repeated: bool,
    quiet_zone: u32,
    symbology_identifier: SymbologyIdentifier,
}

/// Grids are equal when they have the same modules, quiet zone and
/// identifier, however their rows are stored.
impl PartialEq for ModuleGrid {
    fn eq(&self, other: &Self) -> bool {
        self.width == other.width
            && self.height == other.height
            && self.quiet_zone == other.quiet_zone
            && self.symbology_identifier == other.symbology_identifier
            && self.rows().eq(other.rows())
    }
}

impl Eq for ModuleGrid {}

impl ModuleGrid {
    /// An all-light grid.
    pub fn new(
        width: usize,
        height: usize,
        quiet_zone: u32,
        symbology_identifier: SymbologyIdentifier,
    ) -> Self {
        Self {
            width,
            height,
            modules: bitvec![u64, Lsb0; 0; width * height],
            repeated: false,
            quiet_zone,
            symbology_identifier,
        }
    }

    /// A grid of `height` copies of one row, given as words holding one
    /// module per bit (bit x of the words is column x, bits past the width
    /// ignored): linear symbols, stored as the one row.
    ///
    /// # Panics
    /// When `words` holds fewer than `width` bits (caller misuse inside the
    /// crate).
    pub(crate) fn repeated_row(
        width: usize,
        height: usize,
        mut words: Vec<u64>,
        quiet_zone: u32,
        symbology_identifier: SymbologyIdentifier,
    ) -> Self {
        assert!(
            words.len() * 64 >= width,
            "{width} modules in {} words",
            words.len()
        );
        words.truncate(width.div_ceil(64));
        let mut modules = BitVec::from_vec(words);
        modules.truncate(width);
        Self {
            width,
            height,
            modules,
            repeated: true,
            quiet_zone,
            symbology_identifier,
        }
    }

    /// The stored row that row `y` reads.
    #[inline]
    fn stored_row(&self, y: usize) -> usize {
        if self.repeated { 0 } else { y }
    }

    /// Stores every row separately (before modules are set one by one).
    fn store_every_row(&mut self) {
        if !self.repeated {
            return;
        }
        let mut all = BitVec::with_capacity(self.width * self.height);
        for _ in 0..self.height {
            all.extend_from_bitslice(&self.modules);
        }
        self.modules = all;
        self.repeated = false;
    }

    /// Number of module columns (without quiet zone).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of module rows (without quiet zone).
    pub fn height(&self) -> usize {
        self.height
    }

    /// Width of the quiet zone, in modules, on every side.
    pub fn quiet_zone(&self) -> u32 {
        self.quiet_zone
    }

    /// Changes the quiet zone renderers add (e.g. a printer's label design
    /// provides its own margin).
    pub fn set_quiet_zone(&mut self, modules: u32) {
        self.quiet_zone = modules;
    }

    /// The symbology identifier a reader reports for this symbol.
    pub fn symbology_identifier(&self) -> SymbologyIdentifier {
        self.symbology_identifier
    }

    /// Whether the module at column `x`, row `y` is dark. Outside the grid
    /// (e.g. in the quiet zone) every module is light.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.modules[self.stored_row(y) * self.width + x]
    }

    /// Sets the module at column `x`, row `y`.
    ///
    /// # Panics
    /// When the position is outside the grid (caller misuse).
    #[inline]
    pub fn set(&mut self, x: usize, y: usize, dark: bool) {
        assert!(
            x < self.width && y < self.height,
            "module ({x}, {y}) outside the grid"
        );
        self.store_every_row();
        self.modules.set(y * self.width + x, dark);
    }

    /// One row as a bit slice (`true` = dark).
    ///
    /// # Panics
    /// When `y` is not a row of the grid (caller misuse).
    pub fn row(&self, y: usize) -> &BitSlice<u64, Lsb0> {
        assert!(y < self.height, "row {y} outside the grid");
        let r = self.stored_row(y);
        &self.modules[r * self.width..(r + 1) * self.width]
    }

    /// The rows from top to bottom.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &BitSlice<u64, Lsb0>> + '_ {
        (0..self.height).map(move |y| self.row(y))
    }

    /// All modules, row-major: borrowed when every row is stored, built
    /// when the grid repeats one row (linear symbols).
    pub fn modules(&self) -> Cow<'_, BitSlice<u64, Lsb0>> {
        if self.repeated {
            let mut all = BitVec::with_capacity(self.width * self.height);
            for row in self.rows() {
                all.extend_from_bitslice(row);
            }
            Cow::Owned(all)
        } else {
            Cow::Borrowed(&self.modules)
        }
    }

    /// The storage words, for encoders that fill whole patterns at once.
    pub(crate) fn raw_words_mut(&mut self) -> &mut [u64] {
        self.store_every_row();
        self.modules.as_raw_mut_slice()
    }

    /// Stores row `y` from words holding one module per bit, bit x of the
    /// words being column x (any bits past the width are ignored): for
    /// encoders that build rows as machine words.
    pub(crate) fn store_row_words(&mut self, y: usize, words: &[u64]) {
        self.store_every_row();
        let mut bit = y * self.width;
        let mut remaining = self.width;
        let raw = self.modules.as_raw_mut_slice();
        for &word in words {
            if remaining == 0 {
                break;
            }
            let take = remaining.min(64);
            let mask = if take == 64 {
                u64::MAX
            } else {
                (1u64 << take) - 1
            };
            let value = word & mask;
            let (idx, off) = (bit / 64, bit % 64);
            raw[idx] = (raw[idx] & !(mask << off)) | (value << off);
            if off + take > 64 {
                // The rest spills into the next storage word (off > 0 here).
                let spill = off + take - 64;
                let m = (1u64 << spill) - 1;
                raw[idx + 1] = (raw[idx + 1] & !m) | (value >> (64 - off));
            }
            bit += take;
            remaining -= take;
        }
    }

    /// Number of dark modules.
    pub fn dark_count(&self) -> usize {
        let stored = self.modules.count_ones();
        if self.repeated {
            stored * self.height
        } else {
            stored
        }
    }
}

impl fmt::Debug for ModuleGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ModuleGrid {}x{} (rows x cols), quiet zone {}, {}",
            self.height, self.width, self.quiet_zone, self.symbology_identifier
        )?;
        for row in self.rows() {
            for bit in row.iter() {
                f.write_str(if *bit { "1" } else { "0" })?;
            }
            f.write_str("\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_row_words_matches_set() {
        for width in [1usize, 21, 63, 64, 65, 177] {
            let mut a = ModuleGrid::new(width, 5, 0, SymbologyIdentifier::QR);
            let mut b = a.clone();
            let words = [
                0xDEAD_BEEF_0123_4567u64,
                0x89AB_CDEF_F0F0_0F0F,
                0x5555_AAAA_3333_CCCC,
            ];
            for y in 0..5 {
                a.store_row_words(y, &words);
                for x in 0..width {
                    b.set(x, y, words[x / 64] >> (x % 64) & 1 != 0);
                }
            }
            assert_eq!(a, b, "width {width}");
        }
    }

    #[test]
    fn repeated_row_reads_as_every_row_stored() {
        let id = SymbologyIdentifier::CODE_128;
        for (width, height) in [
            (1usize, 1usize),
            (5, 3),
            (64, 2),
            (70, 50),
            (130, 7),
            (57, 0),
        ] {
            let words = [
                0xDEAD_BEEF_0123_4567u64,
                0x89AB_CDEF_F0F0_0F0F,
                0x5555_AAAA_3333_CCCC,
            ];
            let repeated = ModuleGrid::repeated_row(width, height, words.to_vec(), 10, id);
            let mut full = ModuleGrid::new(width, height, 10, id);
            for y in 0..height {
                full.store_row_words(y, &words);
            }
            assert_eq!(repeated, full, "{width}x{height}");
            assert_eq!(repeated.dark_count(), full.dark_count());
            assert_eq!(*repeated.modules(), *full.modules());
            for y in 0..height {
                assert_eq!(repeated.row(y), full.row(y));
                for x in 0..width + 2 {
                    assert_eq!(repeated.get(x, y), full.get(x, y));
                }
            }
            assert!(!repeated.get(0, height));
            // Setting one module changes that module only.
            if height > 1 {
                let (mut a, mut b) = (repeated.clone(), full.clone());
                let flipped = !a.get(width - 1, 1);
                a.set(width - 1, 1, flipped);
                b.set(width - 1, 1, flipped);
                assert_eq!(a, b);
                assert_ne!(a.row(0), a.row(1), "{width}x{height}");
                let mut c = repeated.clone();
                c.raw_words_mut()[0] ^= 1;
                assert_eq!(c.get(0, 0), !repeated.get(0, 0));
                assert_eq!(c.get(0, 1), repeated.get(0, 1));
            }
        }
    }

    #[test]
    fn grid_get_set() {
        let mut g = ModuleGrid::new(3, 2, 1, SymbologyIdentifier::DATA_MATRIX);
        g.set(2, 1, true);
        assert!(g.get(2, 1));
        assert!(!g.get(1, 1));
        assert!(!g.get(5, 5));
        assert_eq!(g.dark_count(), 1);
        assert_eq!(
            g.row(1).iter().map(|b| *b as u8).collect::<Vec<_>>(),
            [0, 0, 1]
        );
    }
}
