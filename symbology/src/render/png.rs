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
//!
//! # Physical size
//! A PNG rendered from an X-dimension at a resolution carries that
//! resolution in a `pHYs` chunk (pixels per metre, `round(dpi / 0.0254)`),
//! so that layout and print software place it at its true size. A PNG
//! rendered at a number of pixels per module has no physical size and no
//! `pHYs` chunk.
//!
//! # Limits
//! Images are at most [`MAX_SIDE_PIXELS`] a side and [`MAX_PIXELS`] in all
//! (see [`render`](super)); larger requests fail with
//! [`RenderError::TooLarge`] before anything is allocated.

use std::io::Write;

use bitvec::field::BitField;
use image::GrayImage;

use super::{MAX_PIXELS, MAX_SIDE_PIXELS, RenderError, Unit, check_size, padded_modules};
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

/// Width and height in pixels of `grid` rendered with `options`, within
/// the raster limits.
fn raster_size(grid: &ModuleGrid, options: &RasterOptions) -> Result<(u32, u32), RenderError> {
    let px = u64::from(options.scale.pixels()?);
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone());
    let (w, h) = padded_modules(grid, q)?;
    let (width, height) = check_size(
        w.checked_mul(px),
        h.checked_mul(px),
        Unit::Pixels,
        MAX_SIDE_PIXELS,
        MAX_PIXELS,
    )?;
    // Both at most MAX_SIDE_PIXELS.
    Ok((width as u32, height as u32))
}

/// Renders into 8-bit luma pixels (0 = dark, 255 = light): returns width,
/// height and the pixel buffer, row-major.
fn render_luma(
    grid: &ModuleGrid,
    options: &RasterOptions,
    pixels: &mut Vec<u8>,
) -> Result<(u32, u32), RenderError> {
    let (width, height) = raster_size(grid, options)?;
    // Within the limits checked above, every product below fits usize.
    let px = options.scale.pixels()? as usize;
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone()) as usize;
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
    Ok((width, height))
}

/// Renders `grid` as a grayscale image (dark modules black, the rest white).
pub fn to_luma(grid: &ModuleGrid, options: &RasterOptions) -> Result<GrayImage, RenderError> {
    let mut pixels = Vec::new();
    let (w, h) = render_luma(grid, options, &mut pixels)?;
    GrayImage::from_raw(w, h, pixels).ok_or_else(|| RenderError::Encode("pixel buffer size".into()))
}

/// Pixels per metre of `dpi` dots per inch, rounded: `dpi / 0.0254`.
pub(crate) fn pixels_per_metre(dpi: u32) -> u32 {
    // dpi * 10000 / 254, rounded half up; dpi <= u32::MAX keeps it in u64,
    // and the result (< 40 * dpi) in u32 for every dpi the scale accepts.
    let ppm = (u64::from(dpi) * 10_000 + 127) / 254;
    u32::try_from(ppm).unwrap_or(u32::MAX)
}

/// Renders into PNG scanlines of 1-bit grayscale (bit 1 = light, the
/// leftmost pixel in the most significant bit, `width.div_ceil(8)` bytes a
/// row, unused bits of a row's last byte set): returns width, height and
/// bytes per row.
///
/// Each module row is drawn once, a run of dark modules at a time, and
/// copied down its `px` pixel rows, so the work is per run and per byte,
/// never per pixel.
fn render_packed(
    grid: &ModuleGrid,
    options: &RasterOptions,
    rows: &mut Vec<u8>,
) -> Result<(u32, u32, usize), RenderError> {
    let (width, height) = raster_size(grid, options)?;
    // Within the limits checked above, every product below fits usize.
    let px = options.scale.pixels()? as usize;
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone()) as usize;
    let stride = (width as usize).div_ceil(8);
    rows.clear();
    rows.resize(stride * height as usize, 0xFF);
    let top = q * px;
    for (y, row) in grid.rows().enumerate() {
        let first = (top + y * px) * stride;
        let line = &mut rows[first..first + stride];
        // Dark modules 64 at a time, in runs [start, end) within each word.
        for (c, chunk) in row.chunks(64).enumerate() {
            let mut word: u64 = chunk.load_le();
            while word != 0 {
                let start = word.trailing_zeros() as usize;
                let len = (!(word >> start)).trailing_zeros() as usize;
                let x = q + 64 * c + start;
                clear_bits(line, x * px, (x + len) * px);
                // The run's bits are start..start + len (at most 64 - start).
                let mask = (u64::MAX >> (64 - len)) << start;
                word &= !mask;
            }
        }
        for k in 1..px {
            rows.copy_within(first..first + stride, first + k * stride);
        }
    }
    Ok((width, height, stride))
}

/// Clears pixels `start..end` (non-empty) of a 1-bit row, most significant
/// bit first.
fn clear_bits(line: &mut [u8], start: usize, end: usize) {
    let (first, last) = (start / 8, (end - 1) / 8);
    // From `start` to the end of its byte; from its byte's start to `end - 1`.
    let head = 0xFFu8 >> (start % 8);
    let tail = 0xFFu8 << (7 - (end - 1) % 8);
    if first == last {
        line[first] &= !(head & tail);
    } else {
        line[first] &= !head;
        line[first + 1..last].fill(0);
        line[last] &= !tail;
    }
}

/// Writes `grid` as a PNG: 1-bit grayscale (what barcode tools commonly
/// write; every reader takes it, and it carries an eighth of the data of
/// 8-bit gray into deflate), fast deflate, every row filtered with `Up`
/// (the rows of a module row repeat, so all but its first become zeros,
/// which the fast deflate codes as runs), with a `pHYs` chunk when the
/// scale is an X-dimension at a resolution.
pub fn write_png<W: Write>(
    grid: &ModuleGrid,
    options: &RasterOptions,
    out: W,
) -> Result<(), RenderError> {
    let mut rows = Vec::new();
    let (w, h, _) = render_packed(grid, options, &mut rows)?;
    let encode = |e: png::EncodingError| RenderError::Encode(e.to_string());
    let mut encoder = png::Encoder::new(out, w, h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Up);
    if let ModuleScale::XDimension { dpi, .. } = options.scale {
        let ppm = pixels_per_metre(dpi);
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(&rows).map_err(encode)?;
    writer.finish().map_err(encode)
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

    #[test]
    fn pixels_per_metre_rounds() {
        assert_eq!(pixels_per_metre(300), 11811); // 11811.02
        assert_eq!(pixels_per_metre(600), 23622);
        assert_eq!(pixels_per_metre(203), 7992); // 7992.13
        assert_eq!(pixels_per_metre(254), 10000);
    }

    #[test]
    fn oversized_images_are_refused_before_allocating() {
        use crate::SymbologyIdentifier;
        let mut g = ModuleGrid::new(10, 10, 1, SymbologyIdentifier::DATA_MATRIX);
        // 65535 px a side but 4 gigapixels: over the pixel budget.
        g.set_quiet_zone(0);
        let o = RasterOptions::pixels(6553);
        assert!(matches!(
            to_png(&g, &o),
            Err(RenderError::TooLarge {
                width: 65530,
                height: 65530,
                ..
            })
        ));
        for (q, px) in [
            (4_000_000_000, 1),
            (100_000, 1),
            (u32::MAX, u32::MAX),
            (1, 4_000_000_000),
        ] {
            g.set_quiet_zone(q);
            assert!(
                matches!(
                    to_png(&g, &RasterOptions::pixels(px)),
                    Err(RenderError::TooLarge { .. })
                ),
                "quiet zone {q}, {px} px"
            );
        }
        // 8192 x 8192 is exactly the budget.
        g.set_quiet_zone(0);
        assert_eq!(
            raster_size(&g, &RasterOptions::pixels(819)),
            Ok((8190, 8190))
        );
    }
}
