//! Human-readable interpretation under a linear symbol, drawn with the
//! public-domain `font8x8` bitmap font (crate `font8x8`, MIT; glyphs by
//! Daniel Hepper after the IBM PC BIOS font, released into the public
//! domain) so the output is the same on every platform without a system
//! font.
//!
//! ```
//! use serialkit_symbology::code128::{Code128, Options, hri};
//! use serialkit_symbology::render::png::RasterOptions;
//!
//! let c = Code128::encode_gs1("^010952123454321310ABC", &Options::default()).unwrap();
//! let text = c.hri_text();
//! assert_eq!(text, "(01) 09521234543213 (10) ABC");
//! let img = hri::to_luma_with_text(c.grid(), &text, &RasterOptions::pixels(2)).unwrap();
//! assert_eq!(img.height(), 2 * (50 + 2 * 10));
//! ```

use image::GrayImage;

use crate::grid::ModuleGrid;
use crate::render::RenderError;
use crate::render::png::{RasterOptions, to_luma};

/// Glyph cell of the font, in font pixels.
const CELL: u32 = 8;

/// Renders `grid` like [`to_luma`] and writes `text` centred under the
/// bars: each font pixel is one module wide (scaled down if the text would
/// be wider than the symbol with its quiet zones), with a gap of one
/// module between bars and text.
pub fn to_luma_with_text(
    grid: &ModuleGrid,
    text: &str,
    options: &RasterOptions,
) -> Result<GrayImage, RenderError> {
    let bars = to_luma(grid, options)?;
    let px = options.scale.pixels()?;
    let q = options.quiet_zone.unwrap_or(grid.quiet_zone());
    let chars: Vec<u8> = text
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c as u8
            } else {
                b'?'
            }
        })
        .collect();
    let width = bars.width();
    let mut scale = px;
    while scale > 1 && chars.len() as u32 * CELL * scale > width {
        scale -= 1;
    }
    let text_height = CELL * scale;
    // Text sits right under the bars, inside the bottom quiet zone.
    let bars_bottom = (q as usize + grid.height()) as u32 * px;
    let top = bars_bottom + px;
    let height = (top + text_height + px).max(bars.height());
    crate::render::check_size(
        Some(u64::from(width)),
        Some(u64::from(height)),
        crate::render::Unit::Pixels,
        crate::render::MAX_SIDE_PIXELS,
        crate::render::MAX_PIXELS,
    )?;
    let mut img = GrayImage::from_pixel(width, height, image::Luma([255]));
    image::imageops::replace(&mut img, &bars, 0, 0);
    let text_width = chars.len() as u32 * CELL * scale;
    let left = width.saturating_sub(text_width) / 2;
    for (k, &c) in chars.iter().enumerate() {
        let glyph = font8x8::legacy::BASIC_LEGACY[c as usize];
        for (gy, row) in glyph.iter().enumerate() {
            for gx in 0..CELL {
                if row >> gx & 1 == 0 {
                    continue;
                }
                let x0 = left + (k as u32 * CELL + gx) * scale;
                let y0 = top + gy as u32 * scale;
                for dy in 0..scale {
                    for dx in 0..scale {
                        if x0 + dx < width && y0 + dy < height {
                            img.put_pixel(x0 + dx, y0 + dy, image::Luma([0]));
                        }
                    }
                }
            }
        }
    }
    Ok(img)
}

/// [`to_luma_with_text`] written as PNG.
pub fn to_png_with_text(
    grid: &ModuleGrid,
    text: &str,
    options: &RasterOptions,
) -> Result<Vec<u8>, RenderError> {
    let img = to_luma_with_text(grid, text, options)?;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::L8,
        )
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(out)
}

use image::ImageEncoder;
