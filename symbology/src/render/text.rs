//! Compact text forms of a module grid.

use super::{MAX_TEXT_CHARS, RenderError, Unit, check_size, padded_modules};
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
///
/// Fails with [`RenderError::TooLarge`] past [`MAX_TEXT_CHARS`] characters
/// (a quiet zone is the caller's to choose, and a terminal view of millions
/// of characters helps nobody).
///
/// ```
/// use serialkit_symbology::datamatrix::{DataMatrix, Options};
/// let dm = DataMatrix::encode_bytes(b"123456", &Options::default()).unwrap();
/// let view = serialkit_symbology::render::text::half_blocks(dm.grid()).unwrap();
/// assert_eq!(view.lines().count(), 6); // 10 rows + 2 quiet rows, two per line
/// ```
pub fn half_blocks(grid: &ModuleGrid) -> Result<String, RenderError> {
    let q = grid.quiet_zone();
    let (w, h) = padded_modules(grid, q)?;
    let lines = h.div_ceil(2);
    check_size(
        Some(w),
        Some(lines),
        Unit::Characters,
        MAX_TEXT_CHARS,
        MAX_TEXT_CHARS,
    )?;
    // Both fit in usize now: at most MAX_TEXT_CHARS characters.
    let (w, h, q) = (w as usize, h as usize, q as usize);
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
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SymbologyIdentifier;

    #[test]
    fn huge_quiet_zones_are_refused_not_allocated() {
        let mut g = ModuleGrid::new(10, 10, 1, SymbologyIdentifier::DATA_MATRIX);
        for q in [100_000, 4_000_000_000, u32::MAX] {
            g.set_quiet_zone(q);
            assert!(
                matches!(half_blocks(&g), Err(RenderError::TooLarge { .. })),
                "quiet zone {q}"
            );
        }
        g.set_quiet_zone(2);
        assert_eq!(half_blocks(&g).unwrap().lines().count(), 7);
    }
}
