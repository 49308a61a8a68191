//! Compact text forms of a module grid.

use crate::grid::ModuleGrid;

/// One line per module row, `1` = dark and `0` = light, no quiet zone:
/// the form published test vectors use.
///
/// ```
/// use serialkit_symbology::datamatrix::{DataMatrix, Options};
/// let dm = DataMatrix::encode_bytes(b"123456", &Options::default()).unwrap();
/// let text = serialkit_symbology::render::text::rows(dm.grid());
/// assert_eq!(text.lines().next(), Some("1010101010"));
/// ```
pub fn rows(grid: &ModuleGrid) -> String {
    let mut s = String::with_capacity((grid.width() + 1) * grid.height());
    for row in grid.rows() {
        s.extend(row.iter().map(|b| if *b { '1' } else { '0' }));
        s.push('\n');
    }
    s
}

/// Two module rows per line with Unicode half blocks (`█`, `▀`, `▄`, space),
/// dark on light, quiet zone included: a symbol a terminal can show and a
/// phone can scan when the terminal has dark text on a light background.
pub fn half_blocks(grid: &ModuleGrid) -> String {
    let q = grid.quiet_zone() as usize;
    let (w, h) = (grid.width() + 2 * q, grid.height() + 2 * q);
    let dark = |x: usize, y: usize| x >= q && y >= q && grid.get(x - q, y - q);
    let mut s = String::with_capacity((w * 3 + 1) * h.div_ceil(2));
    for y in (0..h).step_by(2) {
        for x in 0..w {
            s.push(match (dark(x, y), y + 1 < h && dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        s.push('\n');
    }
    s
}
