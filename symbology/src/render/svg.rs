//! SVG with the whole symbol as one `<path>`: one rectangle per horizontal
//! run of dark modules, in module units, so the geometry is exact at any
//! scale.

use std::fmt::Write;

use crate::grid::ModuleGrid;

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
/// ```
/// use serialkit_symbology::datamatrix::{DataMatrix, Options};
/// use serialkit_symbology::render::svg::{to_svg, SvgOptions};
/// let dm = DataMatrix::encode_bytes(b"A", &Options::default()).unwrap();
/// let svg = to_svg(dm.grid(), &SvgOptions::default());
/// assert!(svg.starts_with("<svg"));
/// assert_eq!(svg.matches("<path").count(), 1);
/// ```
pub fn to_svg(grid: &ModuleGrid, options: &SvgOptions) -> String {
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone()) as usize;
    let (w, h) = (grid.width() + 2 * q, grid.height() + 2 * q);
    let (width, height) = match options.size {
        SvgSize::ModulePx(px) => (
            format!("{}", w as u64 * px as u64),
            format!("{}", h as u64 * px as u64),
        ),
        SvgSize::XDimensionMm(mm) => (
            format!("{}mm", w as f64 * mm),
            format!("{}mm", h as f64 * mm),
        ),
    };
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
    s
}
