//! Module matrices as packed row words: function patterns, codeword
//! placement, data masks and the mask penalty score.
//!
//! # Penalties on words
//! Choosing a mask means scoring eight candidate symbols, which is where QR
//! encoders spend their time. Every rule of ISO/IEC 18004 §7.8.3 is
//! computed here from row words (bit x of a row word is column x), a whole
//! row or a whole set of columns per operation, never module by module:
//!
//! - N1 (runs of five or more): with `e` marking "module equals its
//!   neighbour", a window of five equal modules is `e & e>>1 & e>>2 & e>>3`;
//!   a run of length L ≥ 5 holds L − 4 windows and scores L − 2, so the
//!   penalty is the window count plus 2 per window that starts a run.
//!   Columns use the same identity with rows in place of shifts.
//! - N2 (2×2 blocks): "equal to the right" ∧ "equal below" ∧ "equal below,
//!   one to the right", counted with `count_ones`.
//! - N3 (1:1:3:1:1 finder-like pattern with four light modules before or
//!   after; outside the symbol counts as light): seven ANDed shifts, once
//!   per occurrence.
//! - N4 (dark proportion): one popcount per row; 10 points per full 5 %
//!   step away from 50 %.

/// Words per row: 3 × 64 bits cover the widest member of the family (QR
/// version 40, 177 modules).
pub(crate) const WORDS: usize = 3;

/// One row of modules, bit x = column x (1 = dark), in `W` words. Every
/// symbol is built in three-word rows; the mask search narrows them to the
/// fewest words its width needs (one for QR versions 1–11), since a
/// version 3 symbol in three words would spend two thirds of every
/// operation on zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row<const W: usize = WORDS>(pub(crate) [u64; W]);

impl<const W: usize> Default for Row<W> {
    fn default() -> Self {
        Row([0; W])
    }
}

impl<const W: usize> Row<W> {
    /// The low `n` bits set.
    pub(crate) const fn ones(n: usize) -> Row<W> {
        let mut w = [0u64; W];
        let mut k = 0;
        while k < W {
            let lo = k * 64;
            w[k] = if n >= lo + 64 {
                u64::MAX
            } else if n > lo {
                (1u64 << (n - lo)) - 1
            } else {
                0
            };
            k += 1;
        }
        Row(w)
    }

    /// The first `W` words of a three-word row (the columns beyond must be
    /// light).
    #[inline]
    pub(crate) fn narrow(wide: Row) -> Row<W> {
        let mut w = [0u64; W];
        w.copy_from_slice(&wide.0[..W]);
        Row(w)
    }

    #[inline]
    pub(crate) fn get(&self, x: usize) -> bool {
        self.0[x / 64] >> (x % 64) & 1 != 0
    }

    #[inline]
    pub(crate) fn set(&mut self, x: usize, dark: bool) {
        let bit = 1u64 << (x % 64);
        if dark {
            self.0[x / 64] |= bit;
        } else {
            self.0[x / 64] &= !bit;
        }
    }

    #[inline]
    fn map2(self, other: Row<W>, f: impl Fn(u64, u64) -> u64) -> Row<W> {
        let mut w = self.0;
        for (a, b) in w.iter_mut().zip(other.0) {
            *a = f(*a, b);
        }
        Row(w)
    }

    #[inline]
    pub(crate) fn and(self, o: Row<W>) -> Row<W> {
        self.map2(o, |a, b| a & b)
    }

    #[inline]
    pub(crate) fn or(self, o: Row<W>) -> Row<W> {
        self.map2(o, |a, b| a | b)
    }

    #[inline]
    pub(crate) fn xor(self, o: Row<W>) -> Row<W> {
        self.map2(o, |a, b| a ^ b)
    }

    #[inline]
    pub(crate) fn and_not(self, o: Row<W>) -> Row<W> {
        self.map2(o, |a, b| a & !b)
    }

    /// Bit x of the result is bit x + k of `self` (toward column 0).
    #[inline]
    pub(crate) fn down(self, k: u32) -> Row<W> {
        debug_assert!(k > 0 && k < 64);
        let w = self.0;
        let mut out = [0u64; W];
        for i in 0..W {
            out[i] = w[i] >> k;
            if i + 1 < W {
                out[i] |= w[i + 1] << (64 - k);
            }
        }
        Row(out)
    }

    /// Bit x of the result is bit x − k of `self` (zeros enter at column 0).
    #[inline]
    pub(crate) fn up(self, k: u32) -> Row<W> {
        debug_assert!(k > 0 && k < 64);
        let w = self.0;
        let mut out = [0u64; W];
        for i in 0..W {
            out[i] = w[i] << k;
            if i > 0 {
                out[i] |= w[i - 1] >> (64 - k);
            }
        }
        Row(out)
    }

    #[inline]
    pub(crate) fn count(self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    #[inline]
    pub(crate) fn is_zero(self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }
}

/// A module matrix under construction: dark modules and the modules
/// already taken by function patterns (not available for data).
#[derive(Debug, Clone)]
pub(crate) struct Canvas {
    pub width: usize,
    pub height: usize,
    pub dark: Vec<Row>,
    pub function: Vec<Row>,
}

impl Canvas {
    pub(crate) fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            dark: vec![Row::default(); height],
            function: vec![Row::default(); height],
        }
    }

    /// Marks (x, y) as a function module of colour `dark`.
    #[inline]
    pub(crate) fn put(&mut self, x: usize, y: usize, dark: bool) {
        self.function[y].set(x, true);
        self.dark[y].set(x, dark);
    }

    /// Reserves (x, y) for information written later (format, version).
    #[inline]
    pub(crate) fn reserve(&mut self, x: usize, y: usize) {
        self.function[y].set(x, true);
    }

    #[inline]
    pub(crate) fn is_function(&self, x: usize, y: usize) -> bool {
        self.function[y].get(x)
    }

    /// A 7×7 finder pattern with its top-left corner at (x, y).
    pub(crate) fn finder(&mut self, x: usize, y: usize) {
        for dy in 0..7 {
            for dx in 0..7 {
                let d = (dx as isize - 3).abs().max((dy as isize - 3).abs());
                self.put(x + dx, y + dy, d != 2);
            }
        }
    }

    /// A square pattern of side 2r+1 centred on (cx, cy), dark where the
    /// Chebyshev distance from the centre is even (5×5 alignment pattern:
    /// r = 2; rMQR sub-finder: r = 2 too).
    pub(crate) fn rings(&mut self, cx: usize, cy: usize, r: usize) {
        for dy in 0..=2 * r {
            for dx in 0..=2 * r {
                let d = (dx as isize - r as isize)
                    .abs()
                    .max((dy as isize - r as isize).abs());
                self.put(cx + dx - r, cy + dy - r, d % 2 == 0);
            }
        }
    }

    /// Places the bits of `stream` (first `bits` of them) in the data
    /// modules, two columns at a time from the right, alternately upwards
    /// and downwards; `columns` lists the right column of each pair, in
    /// order. Modules left over (remainder bits) stay light.
    pub(crate) fn place(
        &mut self,
        stream: &super::bits::BitBuffer,
        bits: usize,
        columns: &[usize],
    ) {
        let mut i = 0;
        let mut upward = true;
        for &right in columns {
            for vert in 0..self.height {
                let y = if upward { self.height - 1 - vert } else { vert };
                for x in [right, right.wrapping_sub(1)] {
                    if x >= self.width || self.is_function(x, y) {
                        continue;
                    }
                    if i < bits {
                        if stream.get(i) {
                            self.dark[y].set(x, true);
                        }
                        i += 1;
                    }
                }
            }
            upward = !upward;
        }
    }

    /// The data modules in placement order (see [`Canvas::place`]).
    pub(crate) fn data_positions(&self, columns: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut upward = true;
        for &right in columns {
            for vert in 0..self.height {
                let y = if upward { self.height - 1 - vert } else { vert };
                for x in [right, right.wrapping_sub(1)] {
                    if x < self.width && !self.is_function(x, y) {
                        out.push((x, y));
                    }
                }
            }
            upward = !upward;
        }
        out
    }

    /// Rows where data may go: not function modules, inside the width.
    pub(crate) fn data_region(&self) -> Vec<Row> {
        let all = Row::ones(self.width);
        self.function.iter().map(|f| all.and_not(*f)).collect()
    }
}

/// One of the eight QR data mask patterns (ISO/IEC 18004 Table 10): is
/// module (row i, column j) inverted?
pub(crate) const fn mask_bit(mask: u8, i: usize, j: usize) -> bool {
    match mask {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => (i / 2 + j / 3) % 2 == 0,
        5 => (i * j) % 2 + (i * j) % 3 == 0,
        6 => ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        _ => ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    }
}

/// Every mask pattern repeats every 12 rows (lcm of 2, 3, 4 and 6), so
/// eight masks × twelve row words cover every symbol size.
pub(crate) static MASK_ROWS: [[Row; 12]; 8] = {
    let mut t = [[Row([0; WORDS]); 12]; 8];
    let mut m = 0;
    while m < 8 {
        let mut i = 0;
        while i < 12 {
            let mut j = 0;
            while j < 64 * WORDS {
                if mask_bit(m as u8, i, j) {
                    t[m][i].0[j / 64] |= 1u64 << (j % 64);
                }
                j += 1;
            }
            i += 1;
        }
        m += 1;
    }
    t
};

/// The data modules of `data` (already restricted to the data region)
/// inverted by `mask` where the region allows.
#[inline]
pub(crate) fn masked_row(data: Row, region: Row, mask: u8, y: usize) -> Row {
    data.xor(MASK_ROWS[mask as usize][y % 12].and(region))
}

/// BCH(15,5) remainder for format information (generator 0x537).
pub(crate) const fn format_bch(data5: u16) -> u16 {
    let mut rem = data5 as u32;
    let mut k = 0;
    while k < 10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        k += 1;
    }
    ((data5 as u32) << 10 | (rem & 0x3FF)) as u16
}

/// BCH(18,6) codeword for QR version information and rMQR format
/// information (generator 0x1F25).
pub(crate) const fn bch_18_6(data6: u32) -> u32 {
    let mut rem = data6;
    let mut k = 0;
    while k < 12 {
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
        k += 1;
    }
    data6 << 12 | (rem & 0xFFF)
}

/// The mask penalty N1 + N2 + N3 + N4 of a square QR symbol of side `n`.
pub(crate) fn penalty<const W: usize>(rows: &[Row<W>], n: usize) -> u32 {
    let rows = &rows[..n];
    let full = Row::<W>::ones(n);
    let pairs = Row::<W>::ones(n - 1);
    let mut score = 0u32;
    let mut dark = 0u32;

    // Along rows: N1 and N3, and the dark count for N4.
    for &r in rows {
        dark += r.count();
        // e: bit x set when modules x and x+1 are equal (x < n − 1).
        let e = pairs.and_not(r.xor(r.down(1)));
        score += runs_penalty(e);
        score += 40 * finder_like(r).count();
    }

    // Pairs of rows: N2, and N1 down the columns. v (for rows y, y + 1)
    // has bit x set when (x, y) and (x, y + 1) are equal; a window of five
    // equal modules starting at row y − 3 ends in v[y−3] & … & v[y], and
    // starts a run when v[y−4] is not set (or y − 3 == 0).
    let mut v_hist = [Row::<W>::default(); 4];
    for (y, pair) in rows.windows(2).enumerate() {
        let (r, below) = (pair[0], pair[1]);
        let e = pairs.and_not(r.xor(r.down(1)));
        let v = full.and_not(r.xor(below));
        // 2×2 blocks with top-left at (x, y).
        score += 3 * e.and(v).and(v.down(1)).count();
        // v_hist = [v[y−4], v[y−3], v[y−2], v[y−1]] (empty before row 0).
        let window = v_hist[1].and(v_hist[2]).and(v_hist[3]).and(v);
        if y >= 3 {
            let starts = window.and_not(v_hist[0]);
            score += window.count() + 2 * starts.count();
        }
        v_hist = [v_hist[1], v_hist[2], v_hist[3], v];
    }

    // N3 down the columns: the pattern over rows y..y+6, with the four rows
    // before or after light (outside the symbol is light).
    for (y, w) in rows.windows(7).enumerate() {
        let p = w[0]
            .and_not(w[1])
            .and(w[2])
            .and(w[3])
            .and(w[4])
            .and_not(w[5])
            .and(w[6]);
        if p.is_zero() {
            continue;
        }
        let any = |lines: &[Row<W>]| lines.iter().fold(Row::<W>::default(), |a, &b| a.or(b));
        let before = any(&rows[y.saturating_sub(4)..y]);
        let after = any(&rows[y + 7..(y + 11).min(n)]);
        let light = full.and_not(before).or(full.and_not(after));
        score += 40 * p.and(light).count();
    }

    // N4: 10 points for each full 5 % step away from 50 % dark.
    let total = (n * n) as u32;
    let deviation = (20 * dark).abs_diff(10 * total);
    score += 10 * (deviation / total);
    score
}

/// N1 for one line given its "equal to the next" word `e`.
#[inline]
fn runs_penalty<const W: usize>(e: Row<W>) -> u32 {
    let window = e.and(e.down(1)).and(e.down(2)).and(e.down(3));
    if window.is_zero() {
        return 0;
    }
    let starts = window.and_not(e.up(1));
    window.count() + 2 * starts.count()
}

/// Positions x where 1011101 starts in row `r` with four light modules
/// before or after (outside the row is light).
#[inline]
fn finder_like<const W: usize>(r: Row<W>) -> Row<W> {
    let p = r
        .and_not(r.down(1))
        .and(r.down(2))
        .and(r.down(3))
        .and(r.down(4))
        .and_not(r.down(5))
        .and(r.down(6));
    if p.is_zero() {
        return p;
    }
    let before = r.up(1).or(r.up(2)).or(r.up(3)).or(r.up(4));
    let after = r.down(7).or(r.down(8)).or(r.down(9)).or(r.down(10));
    let all = Row::<W>::ones(64 * W);
    p.and(all.and_not(before).or(all.and_not(after)))
}

/// Copies rows into a module grid.
pub(crate) fn to_grid<const W: usize>(
    rows: &[Row<W>],
    width: usize,
    quiet_zone: u32,
    id: crate::grid::SymbologyIdentifier,
) -> crate::grid::ModuleGrid {
    let mut grid = crate::grid::ModuleGrid::new(width, rows.len(), quiet_zone, id);
    for (y, r) in rows.iter().enumerate() {
        grid.store_row_words(y, &r.0);
    }
    grid
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)] // index loops mirror the standard's text
mod tests {
    use super::*;

    /// Module-by-module penalty, the textbook way, as the oracle.
    fn naive_penalty(m: &[Vec<bool>]) -> u32 {
        let n = m.len();
        let mut score = 0;
        let line = |get: &dyn Fn(usize) -> bool| {
            let mut s = 0;
            let mut run = 1;
            for k in 1..=n {
                if k < n && get(k) == get(k - 1) {
                    run += 1;
                } else {
                    if run >= 5 {
                        s += run - 2;
                    }
                    run = 1;
                }
            }
            let light = |k: isize| k < 0 || k >= n as isize || !get(k as usize);
            for k in 0..=(n - 7) {
                let pat = [true, false, true, true, true, false, true];
                if (0..7).all(|d| get(k + d) == pat[d]) {
                    let before = (1..=4).all(|d| light(k as isize - d));
                    let after = (7..=10).all(|d| light(k as isize + d));
                    if before || after {
                        s += 40;
                    }
                }
            }
            s
        };
        for y in 0..n {
            score += line(&|x| m[y][x]);
        }
        for x in 0..n {
            score += line(&|y| m[y][x]);
        }
        for y in 0..n - 1 {
            for x in 0..n - 1 {
                let c = m[y][x];
                if m[y][x + 1] == c && m[y + 1][x] == c && m[y + 1][x + 1] == c {
                    score += 3;
                }
            }
        }
        let dark: usize = m.iter().map(|r| r.iter().filter(|b| **b).count()).sum();
        let total = n * n;
        score += 10 * ((20 * dark).abs_diff(10 * total) / total);
        score as u32
    }

    #[test]
    fn penalty_matches_naive() {
        let mut state = 0x1234_5678_9abc_def0u64;
        for &n in &[21usize, 25, 29, 57, 65, 101, 177] {
            for density in [1u64, 4, 8, 12, 15] {
                let mut m = vec![vec![false; n]; n];
                let mut rows = vec![Row::<WORDS>::default(); n];
                for y in 0..n {
                    for x in 0..n {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        let dark = state % 16 < density;
                        m[y][x] = dark;
                        rows[y].set(x, dark);
                    }
                }
                // Some structure: long runs and finder-like patterns.
                for x in 0..n.min(30) {
                    m[3][x] = true;
                    rows[3].set(x, true);
                }
                for (k, &b) in [true, false, true, true, true, false, true]
                    .iter()
                    .enumerate()
                {
                    m[k + 5][2] = b;
                    rows[k + 5].set(2, b);
                    m[10][k + 8] = b;
                    rows[10].set(k + 8, b);
                }
                let expected = naive_penalty(&m);
                assert_eq!(penalty(&rows, n), expected, "n={n} density={density}");
                // The narrow rows the mask search uses give the same.
                if n <= 64 {
                    let narrow: Vec<Row<1>> = rows.iter().map(|r| Row::narrow(*r)).collect();
                    assert_eq!(penalty(&narrow, n), expected, "n={n}, one word");
                }
                if n <= 128 {
                    let narrow: Vec<Row<2>> = rows.iter().map(|r| Row::narrow(*r)).collect();
                    assert_eq!(penalty(&narrow, n), expected, "n={n}, two words");
                }
            }
        }
    }

    #[test]
    fn bch_codes() {
        // Format information for M, mask 5 (ISO/IEC 18004 Annex C):
        // 100000011001110 before XOR 0x5412.
        assert_eq!(format_bch(0b00101) ^ 0x5412, 0x40CE);
        // Version 7 information: 000111110010010100.
        assert_eq!(bch_18_6(7), 0x07C94);
    }

    #[test]
    fn shifts() {
        let mut r = Row::<WORDS>::default();
        r.set(63, true);
        r.set(64, true);
        r.set(130, true);
        let d = r.down(1);
        assert!(d.get(62) && d.get(63) && d.get(129));
        let u = r.up(2);
        assert!(u.get(65) && u.get(66) && u.get(132));
    }
}
