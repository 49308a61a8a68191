//! SVG with the whole symbol as one `<path>`: one rectangle per horizontal
//! run of dark modules, in module units, so the geometry is exact at any
//! scale.
//!
//! The document's `width` and `height` are whole user units (pixels) for
//! [`SvgSize::ModulePx`], or millimetres written with four decimals (0.1 µm)
//! and trailing zeros dropped for [`SvgSize::XDimensionMm`]: `3.6mm`, never
//! the `3.5999999999999996mm` a shortest-round-trip float print gives.

use std::fmt::Write;

use super::{RenderError, padded_modules};
use crate::grid::ModuleGrid;

/// Largest X-dimension [`SvgSize::XDimensionMm`] accepts: one metre a module.
pub const MAX_X_DIMENSION_MM: f64 = 1000.0;

/// The unit the SVG's `width`/`height` are given in.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum SvgSize {
    /// Each module this many user units (pixels) wide.
    ModulePx(u32),
    /// Each module this many millimetres wide (the X-dimension).
    XDimensionMm(f64),
}

/// SVG options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvgOptions {
    /// Module size.
    pub size: SvgSize,
    /// Quiet zone in modules; `None` uses the grid's.
    pub quiet_zone: Option<u32>,
    /// Whether to paint the background (light modules and quiet zone) white;
    /// otherwise it stays transparent.
    pub background: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            size: SvgSize::ModulePx(10),
            quiet_zone: None,
            background: true,
        }
    }
}

/// Renders `grid` as a standalone SVG document.
///
/// Fails when the module size is zero pixels, not a positive finite number
/// of millimetres up to [`MAX_X_DIMENSION_MM`], or when the quiet zone makes
/// the symbol larger than [`MAX_SIDE_MODULES`](super::MAX_SIDE_MODULES) a side.
///
/// ```
/// use serialkit_symbology::datamatrix::{DataMatrix, Options};
/// use serialkit_symbology::render::svg::{to_svg, SvgOptions, SvgSize};
/// let dm = DataMatrix::encode_bytes(b"A", &Options::default()).unwrap();
/// let svg = to_svg(dm.grid(), &SvgOptions::default()).unwrap();
/// assert!(svg.starts_with("<svg"));
/// assert_eq!(svg.matches("<path").count(), 1);
/// // 10x10 modules and a quiet zone of 1 on each side, at 0.3 mm.
/// let mm = SvgOptions { size: SvgSize::XDimensionMm(0.3), ..SvgOptions::default() };
/// assert!(to_svg(dm.grid(), &mm).unwrap().contains(r#"width="3.6mm" height="3.6mm""#));
/// ```
pub fn to_svg(grid: &ModuleGrid, options: &SvgOptions) -> Result<String, RenderError> {
    let q32 = options.quiet_zone.unwrap_or(grid.quiet_zone());
    let (w, h) = padded_modules(grid, q32)?;
    let (width, height) = match options.size {
        SvgSize::ModulePx(0) => {
            return Err(RenderError::ModuleSize("0 pixels per module".into()));
        }
        // At most 65535 modules times u32::MAX: no overflow in u64.
        SvgSize::ModulePx(px) => (
            (w * u64::from(px)).to_string(),
            (h * u64::from(px)).to_string(),
        ),
        SvgSize::XDimensionMm(mm) => {
            if !(mm.is_finite() && mm > 0.0 && mm <= MAX_X_DIMENSION_MM) {
                return Err(RenderError::ModuleSize(format!(
                    "an X-dimension of {mm} mm (must be above 0 and at most {MAX_X_DIMENSION_MM})"
                )));
            }
            (millimetres(w as f64 * mm), millimetres(h as f64 * mm))
        }
    };
    // Within MAX_SIDE_MODULES: fits usize.
    let q = q32 as usize;
    let mut s = String::with_capacity(256 + grid.dark_count() * 4);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" viewBox="0 0 {w} {h}" shape-rendering="crispEdges">"#
    );
    if options.background {
        let _ = write!(s, r##"<rect width="{w}" height="{h}" fill="#fff"/>"##);
    }
    s.push_str(r##"<path fill="#000" d=""##);
    for (y, row) in grid.rows().enumerate() {
        let mut x = 0;
        while x < grid.width() {
            if row[x] {
                let start = x;
                while x < grid.width() && row[x] {
                    x += 1;
                }
                let _ = write!(
                    s,
                    "M{} {}h{}v1h-{}z",
                    start + q,
                    y + q,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    s.push_str(r#""/></svg>"#);
    s.push('\n');
    Ok(s)
}

/// `value` with four decimals, trailing zeros (and a bare point) dropped,
/// followed by `mm`.
pub(crate) fn millimetres(value: f64) -> String {
    let mut s = format!("{value:.4}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    s.push_str("mm");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SymbologyIdentifier;

    #[test]
    fn millimetres_have_fixed_precision() {
        assert_eq!(millimetres(12.0 * 0.3), "3.6mm");
        assert_eq!(millimetres(24.0 * 0.255), "6.12mm");
        assert_eq!(millimetres(1.0 / 3.0), "0.3333mm");
        assert_eq!(millimetres(10.0), "10mm");
        assert_eq!(millimetres(0.00004), "0mm");
    }

    #[test]
    fn bad_sizes_are_errors_not_panics() {
        let mut g = ModuleGrid::new(10, 10, 1, SymbologyIdentifier::DATA_MATRIX);
        let with = |size| SvgOptions {
            size,
            ..SvgOptions::default()
        };
        g.set_quiet_zone(4_000_000_000);
        for size in [SvgSize::ModulePx(4_000_000_000), SvgSize::XDimensionMm(0.3)] {
            assert!(matches!(
                to_svg(&g, &with(size)),
                Err(RenderError::TooLarge { .. })
            ));
        }
        g.set_quiet_zone(1);
        for size in [
            SvgSize::ModulePx(0),
            SvgSize::XDimensionMm(f64::NAN),
            SvgSize::XDimensionMm(-1.0),
            SvgSize::XDimensionMm(f64::INFINITY),
            SvgSize::XDimensionMm(1e300),
        ] {
            assert!(matches!(
                to_svg(&g, &with(size)),
                Err(RenderError::ModuleSize(_))
            ));
        }
        let svg = to_svg(&g, &with(SvgSize::ModulePx(4_000_000_000))).unwrap();
        assert!(svg.contains(r#"width="48000000000""#), "{svg}");
    }
}
