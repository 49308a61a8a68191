//! The module grid every symbology produces and every renderer consumes.

use std::fmt;

use bitvec::prelude::*;

pub use serialkit_gs1::symbology_id::{SymbologyIdentifier, SymbologyIdentifierError};

/// A rectangle of dark and light modules, row-major with row 0 at the top,
/// plus what a renderer and a reader need to know about it: the quiet zone
/// the symbology requires around it and the symbology identifier the
/// symbol scans as.
///
/// The quiet zone is not stored as modules: renderers add it.
#[derive(Clone, PartialEq, Eq)]
pub struct ModuleGrid {
    width: usize,
    height: usize,
    modules: BitVec<u64, Lsb0>,
    quiet_zone: u32,
    symbology_identifier: SymbologyIdentifier,
}

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
            quiet_zone,
            symbology_identifier,
        }
    }

    /// A grid from its storage words, row-major, bit i of word k being
    /// module 64k + i (bits past the last module light): for encoders that
    /// build the whole grid as machine words.
    ///
    /// # Panics
    /// When `words` does not hold exactly `width * height` modules (caller
    /// misuse inside the crate).
    pub(crate) fn from_words(
        width: usize,
        height: usize,
        words: Vec<u64>,
        quiet_zone: u32,
        symbology_identifier: SymbologyIdentifier,
    ) -> Self {
        let len = width * height;
        assert_eq!(
            words.len(),
            len.div_ceil(64),
            "storage words for {len} modules"
        );
        debug_assert!(len % 64 == 0 || words[len / 64] >> (len % 64) == 0);
        let mut modules = BitVec::from_vec(words);
        modules.truncate(len);
        Self {
            width,
            height,
            modules,
            quiet_zone,
            symbology_identifier,
        }
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
        x < self.width && y < self.height && self.modules[y * self.width + x]
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
        self.modules.set(y * self.width + x, dark);
    }

    /// One row as a bit slice (`true` = dark).
    pub fn row(&self, y: usize) -> &BitSlice<u64, Lsb0> {
        &self.modules[y * self.width..(y + 1) * self.width]
    }

    /// The rows from top to bottom.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &BitSlice<u64, Lsb0>> + '_ {
        (0..self.height).map(move |y| self.row(y))
    }

    /// All modules, row-major.
    pub fn modules(&self) -> &BitSlice<u64, Lsb0> {
        &self.modules
    }

    /// The storage words, for encoders that fill whole patterns at once.
    pub(crate) fn raw_words_mut(&mut self) -> &mut [u64] {
        self.modules.as_raw_mut_slice()
    }

    /// Stores row `y` from words holding one module per bit, bit x of the
    /// words being column x (any bits past the width are ignored): for
    /// encoders that build rows as machine words.
    pub(crate) fn store_row_words(&mut self, y: usize, words: &[u64]) {
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
        self.modules.count_ones()
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
