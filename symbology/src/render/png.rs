//! Raster rendering through the `image` crate: a grayscale image with square
//! modules of a whole number of pixels, written as PNG or any format
//! `image` supports.
//!
//! # Pixel snapping
//! Modules must all be the same whole number of pixels or a reader sees
//! uneven bars. An X-dimension in millimetres at a printer resolution is
//! therefore snapped to `round(mm × dpi / 25.4)` pixels (halves round up),
//! and at least 1; [`ModuleScale::pixels`] reports the result, and
//! [`ModuleScale::effective_mm`] the X-dimension actually printed.

use std::io::Write;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, GrayImage, ImageEncoder};

use super::RenderError;
use crate::grid::ModuleGrid;

/// How large one module is.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum ModuleScale {
    /// This many pixels per module.
    Pixels(u32),
    /// An X-dimension in millimetres at a resolution in dots per inch.
    XDimension {
        /// Module width in mm (GS1 DataMatrix on healthcare items: 0.255–0.615 mm).
        mm: f64,
        /// Printer resolution.
        dpi: u32,
    },
}

impl ModuleScale {
    /// Pixels per module after snapping (see the module docs).
    pub fn pixels(self) -> Result<u32, RenderError> {
        match self {
            ModuleScale::Pixels(0) => Err(RenderError::ModuleSize("0 pixels per module".into())),
            ModuleScale::Pixels(px) => Ok(px),
            ModuleScale::XDimension { mm, dpi } => {
                if !(mm.is_finite() && mm > 0.0) || dpi == 0 {
                    return Err(RenderError::ModuleSize(format!("{mm} mm at {dpi} dpi")));
                }
                let exact = mm * dpi as f64 / 25.4;
                if exact > 65535.0 {
                    return Err(RenderError::ModuleSize(format!("{mm} mm at {dpi} dpi")));
                }
                Ok((exact + 0.5).floor().max(1.0) as u32)
            }
        }
    }

    /// The X-dimension in mm the snapped pixel size gives, when the scale
    /// was given in mm.
    pub fn effective_mm(self) -> Option<f64> {
        match self {
            ModuleScale::XDimension { dpi, .. } => {
                self.pixels().ok().map(|px| px as f64 * 25.4 / dpi as f64)
            }
            ModuleScale::Pixels(_) => None,
        }
    }
}

/// Raster options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RasterOptions {
    /// Module size.
    pub scale: ModuleScale,
    /// Quiet zone in modules; `None` uses the grid's.
    pub quiet_zone: Option<u32>,
}

impl Default for RasterOptions {
    fn default() -> Self {
        Self {
            scale: ModuleScale::Pixels(10),
            quiet_zone: None,
        }
    }
}

impl RasterOptions {
    /// `px` pixels per module, the grid's quiet zone.
    pub fn pixels(px: u32) -> Self {
        Self {
            scale: ModuleScale::Pixels(px),
            quiet_zone: None,
        }
    }
}

/// Renders into 8-bit luma pixels (0 = dark, 255 = light): returns width,
/// height and the pixel buffer, row-major.
fn render_luma(
    grid: &ModuleGrid,
    options: &RasterOptions,
    pixels: &mut Vec<u8>,
) -> Result<(u32, u32), RenderError> {
    let px = options.scale.pixels()? as usize;
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone()) as usize;
    let width = (grid.width() + 2 * q) as u64 * px as u64;
    let height = (grid.height() + 2 * q) as u64 * px as u64;
    if width > 65535 || height > 65535 {
        return Err(RenderError::TooLarge { width, height });
    }
    let (w, h) = (width as usize, height as usize);
    pixels.clear();
    pixels.resize(w * h, 255);
    let top = q * px;
    for (y, row) in grid.rows().enumerate() {
        // Draw one pixel row of this module row, then copy it down.
        let first = (top + y * px) * w;
        let line = &mut pixels[first..first + w];
        for x in row.iter_ones() {
            let start = (q + x) * px;
            line[start..start + px].fill(0);
        }
        for k in 1..px {
            pixels.copy_within(first..first + w, first + k * w);
        }
    }
    Ok((width as u32, height as u32))
}

/// Renders `grid` as a grayscale image (dark modules black, the rest white).
pub fn to_luma(grid: &ModuleGrid, options: &RasterOptions) -> Result<GrayImage, RenderError> {
    let mut pixels = Vec::new();
    let (w, h) = render_luma(grid, options, &mut pixels)?;
    GrayImage::from_raw(w, h, pixels).ok_or_else(|| RenderError::Encode("pixel buffer size".into()))
}

/// Writes `grid` as a PNG (8-bit grayscale, fast deflate, no filter: the
/// image is mostly long runs, which deflate handles without filtering).
pub fn write_png<W: Write>(
    grid: &ModuleGrid,
    options: &RasterOptions,
    out: W,
) -> Result<(), RenderError> {
    let mut pixels = Vec::new();
    let (w, h) = render_luma(grid, options, &mut pixels)?;
    PngEncoder::new_with_quality(out, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, w, h, ExtendedColorType::L8)
        .map_err(|e| RenderError::Encode(e.to_string()))
}

/// The PNG file as bytes.
///
/// ```
/// use serialkit_symbology::datamatrix::{DataMatrix, Options};
/// use serialkit_symbology::render::png::{to_png, RasterOptions};
/// let dm = DataMatrix::encode_bytes(b"serialkit", &Options::default()).unwrap();
/// let png = to_png(dm.grid(), &RasterOptions::pixels(10)).unwrap();
/// assert_eq!(&png[1..4], b"PNG");
/// ```
pub fn to_png(grid: &ModuleGrid, options: &RasterOptions) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    write_png(grid, options, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_dimension_snapping() {
        let s = ModuleScale::XDimension { mm: 0.3, dpi: 300 };
        assert_eq!(s.pixels(), Ok(4)); // 3.54 px
        let s = ModuleScale::XDimension {
            mm: 0.381,
            dpi: 200,
        };
        assert_eq!(s.pixels(), Ok(3)); // 3.0 px
        assert_eq!(
            ModuleScale::XDimension { mm: 0.01, dpi: 100 }.pixels(),
            Ok(1)
        );
        assert!(
            ModuleScale::XDimension {
                mm: f64::NAN,
                dpi: 300
            }
            .pixels()
            .is_err()
        );
        assert!(ModuleScale::Pixels(0).pixels().is_err());
    }
}
