//! Module placement (ISO/IEC 16022 Annex F): where each bit of each
//! codeword goes in the mapping matrix, and how the mapping matrix is split
//! into data regions framed by finder and clock patterns.
//!
//! The placement walk depends only on the symbol size, so it runs once per
//! size and is cached as a table (symbol bit index, codeword bit) plus a
//! template holding the fixed patterns. Drawing a symbol is then a copy of
//! the template and one pass over the table: no per-module allocation.

use std::sync::OnceLock;

use super::symbol_size::{SPECS, SymbolSize};
use crate::grid::{ModuleGrid, SymbologyIdentifier};

/// Where one codeword bit lands.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// Row-major module index in the full symbol.
    module: u16,
    /// `codeword index * 8 + bit`, bit 0 being the most significant.
    source: u16,
}

/// The cached geometry of one size.
#[derive(Debug)]
struct Geometry {
    /// Finder/clock patterns and the fixed corner modules, as the raw words
    /// of a row-major bit vector.
    template: Box<[u64]>,
    targets: Box<[Target]>,
}

/// Value of a mapping-matrix cell before it is resolved.
const UNSET: u16 = u16::MAX;
/// A cell the walk never reaches that ISO fixes dark (bottom-right corner).
const FIXED_DARK: u16 = u16::MAX - 1;
/// A cell the walk never reaches that ISO fixes light.
const FIXED_LIGHT: u16 = u16::MAX - 2;

/// The mapping matrix being filled by the Annex F walk.
struct Walk {
    cells: Vec<u16>,
    nr: isize,
    nc: isize,
}

impl Walk {
    fn is_unset(&self, row: isize, col: isize) -> bool {
        self.cells[(row * self.nc + col) as usize] == UNSET
    }

    /// Places bit `bit` (1 = most significant) of codeword `pos` at (row,
    /// col), wrapping coordinates that fall off the matrix as Annex F says.
    fn module(&mut self, mut row: isize, mut col: isize, pos: usize, bit: usize) {
        let (nr, nc) = (self.nr, self.nc);
        if row < 0 {
            row += nr;
            col += 4 - ((nr + 4) % 8);
        }
        if col < 0 {
            col += nc;
            row += 4 - ((nc + 4) % 8);
        }
        // ISO/IEC 21471 Annex E: some DMRE sizes wrap past the bottom too.
        if row >= nr {
            row -= nr;
        }
        self.cells[(row * nc + col) as usize] = (pos * 8 + bit - 1) as u16;
    }

    /// The standard L-shaped "utah" codeword with its bit 8 at (row, col).
    fn utah(&mut self, row: isize, col: isize, pos: usize) {
        self.module(row - 2, col - 2, pos, 1);
        self.module(row - 2, col - 1, pos, 2);
        self.module(row - 1, col - 2, pos, 3);
        self.module(row - 1, col - 1, pos, 4);
        self.module(row - 1, col, pos, 5);
        self.module(row, col - 2, pos, 6);
        self.module(row, col - 1, pos, 7);
        self.module(row, col, pos, 8);
    }

    /// A corner-case codeword given as the (row, col) of bits 1..=8.
    fn corner(&mut self, spots: [(isize, isize); 8], pos: usize) {
        for (bit, (r, c)) in spots.into_iter().enumerate() {
            self.module(r, c, pos, bit + 1);
        }
    }
}

/// The ISO/IEC 16022 Annex F walk over an `nrow` × `ncol` mapping matrix:
/// for every cell, which codeword bit it holds (`index * 8 + bit`, bit 0 =
/// most significant) or a fixed value.
pub(crate) fn mapping_matrix(nrow: usize, ncol: usize) -> Vec<u16> {
    let (nr, nc) = (nrow as isize, ncol as isize);
    let mut w = Walk {
        cells: vec![UNSET; nrow * ncol],
        nr,
        nc,
    };
    let corner1 = [
        (nr - 1, 0),
        (nr - 1, 1),
        (nr - 1, 2),
        (0, nc - 2),
        (0, nc - 1),
        (1, nc - 1),
        (2, nc - 1),
        (3, nc - 1),
    ];
    let corner2 = [
        (nr - 3, 0),
        (nr - 2, 0),
        (nr - 1, 0),
        (0, nc - 4),
        (0, nc - 3),
        (0, nc - 2),
        (0, nc - 1),
        (1, nc - 1),
    ];
    let corner3 = [
        (nr - 3, 0),
        (nr - 2, 0),
        (nr - 1, 0),
        (0, nc - 2),
        (0, nc - 1),
        (1, nc - 1),
        (2, nc - 1),
        (3, nc - 1),
    ];
    let corner4 = [
        (nr - 1, 0),
        (nr - 1, nc - 1),
        (0, nc - 3),
        (0, nc - 2),
        (0, nc - 1),
        (1, nc - 3),
        (1, nc - 2),
        (1, nc - 1),
    ];
    let mut pos = 0usize;
    let (mut row, mut col) = (4isize, 0isize);
    loop {
        if row == nr && col == 0 {
            w.corner(corner1, pos);
            pos += 1;
        }
        if row == nr - 2 && col == 0 && nc % 4 != 0 {
            w.corner(corner2, pos);
            pos += 1;
        }
        if row == nr - 2 && col == 0 && nc % 8 == 4 {
            w.corner(corner3, pos);
            pos += 1;
        }
        if row == nr + 4 && col == 2 && nc % 8 == 0 {
            w.corner(corner4, pos);
            pos += 1;
        }
        // Sweep up and to the right…
        loop {
            if row < nr && col >= 0 && w.is_unset(row, col) {
                w.utah(row, col, pos);
                pos += 1;
            }
            row -= 2;
            col += 2;
            if !(row >= 0 && col < nc) {
                break;
            }
        }
        row += 1;
        col += 3;
        // …then down and to the left.
        loop {
            if row >= 0 && col < nc && w.is_unset(row, col) {
                w.utah(row, col, pos);
                pos += 1;
            }
            row += 2;
            col -= 2;
            if !(row < nr && col >= 0) {
                break;
            }
        }
        row += 3;
        col += 1;
        if !(row < nr || col < nc) {
            break;
        }
    }
    let mut cells = w.cells;
    // Sizes whose matrix is not a multiple of 8 modules leave the
    // bottom-right 2×2 corner unfilled: ISO fixes it as a checkerboard.
    if cells[nrow * ncol - 1] == UNSET {
        cells[nrow * ncol - 1] = FIXED_DARK;
        cells[(nrow - 1) * ncol - 2] = FIXED_DARK;
        cells[nrow * ncol - 2] = FIXED_LIGHT;
        cells[(nrow - 1) * ncol - 1] = FIXED_LIGHT;
    }
    cells
}

fn build_geometry(size: SymbolSize) -> Geometry {
    let (rows, cols) = (size.rows(), size.cols());
    let (rr, rc) = (size.region_rows(), size.region_cols());
    let (mrows, mcols) = (size.mapping_rows(), size.mapping_cols());
    let mut template = vec![0u64; (rows * cols).div_ceil(64)];
    let set = |t: &mut Vec<u64>, x: usize, y: usize| {
        let i = y * cols + x;
        t[i / 64] |= 1 << (i % 64);
    };
    // Each region is framed: solid left column and bottom row (the "L"
    // finder), alternating top row and right column (the clock track).
    for ry in 0..size.regions_vertical() {
        for rx in 0..size.regions_horizontal() {
            let (x0, y0) = (rx * (rc + 2), ry * (rr + 2));
            let (w, h) = (rc + 2, rr + 2);
            for dx in 0..w {
                set(&mut template, x0 + dx, y0 + h - 1);
                if dx % 2 == 0 {
                    set(&mut template, x0 + dx, y0);
                }
            }
            for dy in 0..h {
                set(&mut template, x0, y0 + dy);
                if dy % 2 == 1 {
                    set(&mut template, x0 + w - 1, y0 + dy);
                }
            }
        }
    }
    let cells = mapping_matrix(mrows, mcols);
    let mut targets = Vec::with_capacity(cells.len());
    for (i, &cell) in cells.iter().enumerate() {
        let (mr, mc) = (i / mcols, i % mcols);
        // Mapping cell → symbol module, skipping the patterns between regions.
        let y = (mr / rr) * (rr + 2) + 1 + mr % rr;
        let x = (mc / rc) * (rc + 2) + 1 + mc % rc;
        match cell {
            FIXED_DARK => set(&mut template, x, y),
            FIXED_LIGHT | UNSET => {}
            source => targets.push(Target {
                module: (y * cols + x) as u16,
                source,
            }),
        }
    }
    // Codeword order makes the drawing loop walk the codewords sequentially.
    targets.sort_unstable_by_key(|t| t.source);
    Geometry {
        template: template.into_boxed_slice(),
        targets: targets.into_boxed_slice(),
    }
}

fn geometry(size: SymbolSize) -> &'static Geometry {
    static CACHE: [OnceLock<Geometry>; SPECS.len()] = [const { OnceLock::new() }; SPECS.len()];
    CACHE[size.index()].get_or_init(|| build_geometry(size))
}

/// Draws the symbol of `size` holding `codewords` (data then check
/// codewords, exactly `data_codewords + ec_codewords` of them).
pub(crate) fn draw(
    size: SymbolSize,
    codewords: &[u8],
    identifier: SymbologyIdentifier,
) -> ModuleGrid {
    debug_assert_eq!(codewords.len(), size.data_codewords() + size.ec_codewords());
    let geometry = geometry(size);
    let mut grid = ModuleGrid::new(size.cols(), size.rows(), 1, identifier);
    let raw = grid.raw_words_mut();
    raw.copy_from_slice(&geometry.template);
    for t in geometry.targets.iter() {
        let cw = codewords[(t.source >> 3) as usize];
        if cw & (0x80 >> (t.source & 7)) != 0 {
            let m = t.module as usize;
            raw[m / 64] |= 1 << (m % 64);
        }
    }
    grid
}

/// Reads the codewords (data then check) back out of a symbol's modules:
/// the inverse of [`draw`]. `None` when the grid's dimensions are not a
/// DataMatrix size.
pub(crate) fn read(grid: &ModuleGrid) -> Option<(SymbolSize, Vec<u8>)> {
    let size = SymbolSize::from_dimensions(grid.height(), grid.width())?;
    let geometry = geometry(size);
    let mut codewords = vec![0u8; size.data_codewords() + size.ec_codewords()];
    let modules = grid.modules();
    for t in geometry.targets.iter() {
        if modules[t.module as usize] {
            codewords[(t.source >> 3) as usize] |= 0x80 >> (t.source & 7);
        }
    }
    Some((size, codewords))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_codeword_bit_placed_once() {
        for size in SymbolSize::all() {
            let g = geometry(size);
            let total = size.data_codewords() + size.ec_codewords();
            assert_eq!(g.targets.len(), total * 8, "{size}");
            let mut seen = vec![false; total * 8];
            for t in g.targets.iter() {
                assert!(!seen[t.source as usize]);
                seen[t.source as usize] = true;
            }
        }
    }
}
