//! Human-readable interpretation under a linear symbol, drawn with the
//! public-domain `font8x8` bitmap font (crate `font8x8`, MIT; glyphs by
//! Daniel Hepper after the IBM PC BIOS font, released into the public
//! domain) so the output is the same on every platform without a system
//! font — in PNG as pixels, in SVG as paths of the same glyphs.
//!
//! ```
//! use serialkit_symbology::code128::{Code128, Options, hri};
//! use serialkit_symbology::render::png::RasterOptions;
//! use serialkit_symbology::render::svg::SvgOptions;
//!
//! let c = Code128::encode_gs1("^010952123454321310ABC", &Options::default()).unwrap();
//! let text = c.hri_text();
//! assert_eq!(text, "(01) 09521234543213 (10) ABC");
//! let img = hri::to_luma_with_text(c.grid(), &text, &RasterOptions::pixels(2)).unwrap();
//! assert_eq!(img.height(), 2 * (50 + 2 * 10));
//! let svg = hri::to_svg_with_text(c.grid(), &text, &SvgOptions::default()).unwrap();
//! assert_eq!(svg.matches("<path").count(), 2); // bars, then the text
//! ```
//!
//! # Layout: the text is never clipped
//! The text is centred under the bars, one module below them, in the
//! bottom quiet zone (which grows when the text needs more height). A
//! glyph is 8 × 8 font pixels; characters outside printable ASCII are
//! drawn as `?`.
//!
//! - PNG: a font pixel is a square of whole image pixels, as many as a
//!   module is wide when the text fits the image width, fewer otherwise.
//!   When even one image pixel per font pixel is too wide (a 28-character
//!   GS1 HRI at one pixel per module is 224 pixels, the symbol with its
//!   quiet zones 209), the image is widened, one module each side of the
//!   text, and the bars stay centred: the quiet zones only grow.
//! - SVG: a font pixel is one module, or a fraction of one when the text is
//!   wider than the symbol with its quiet zones (vector output scales
//!   without loss), so the width is never changed.

use std::fmt::Write as _;
use std::io::Write;

use image::GrayImage;

use crate::grid::ModuleGrid;
use crate::render::png::{ModuleScale, RasterOptions, pixels_per_metre, to_luma};
use crate::render::svg::{MAX_X_DIMENSION_MM, SvgOptions, SvgSize, millimetres};
use crate::render::{MAX_PIXELS, MAX_SIDE_PIXELS, RenderError, Unit, check_size, padded_modules};

/// Glyph cell of the font, in font pixels.
const CELL: u32 = 8;

/// The characters drawn: printable ASCII, anything else as `?`.
fn glyph_codes(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Horizontal runs of set font pixels of glyph row `gy` of character `c`:
/// (first column, length).
fn glyph_runs(c: u8, gy: usize) -> impl Iterator<Item = (u32, u32)> {
    let row = font8x8::legacy::BASIC_LEGACY[c as usize][gy];
    let mut x = 0u32;
    std::iter::from_fn(move || {
        while x < CELL && row >> x & 1 == 0 {
            x += 1;
        }
        if x >= CELL {
            return None;
        }
        let start = x;
        while x < CELL && row >> x & 1 != 0 {
            x += 1;
        }
        Some((start, x - start))
    })
}

/// Renders `grid` like [`to_luma`] and writes `text` centred under the
/// bars (see the module docs for the layout; the text is never clipped).
pub fn to_luma_with_text(
    grid: &ModuleGrid,
    text: &str,
    options: &RasterOptions,
) -> Result<GrayImage, RenderError> {
    let bars = to_luma(grid, options)?;
    let px = u64::from(options.scale.pixels()?);
    let q = u64::from(options.quiet_zone.unwrap_or(grid.quiet_zone()));
    let chars = glyph_codes(text);
    let text_width = |scale: u64| chars.len() as u64 * u64::from(CELL) * scale;
    let (bars_w, bars_h) = (u64::from(bars.width()), u64::from(bars.height()));
    // The largest font pixel up to a module that leaves a module of margin
    // each side; at one pixel, widen the image when even that is too wide.
    let mut scale = px;
    while scale > 1 && text_width(scale) + 2 * px > bars_w {
        scale -= 1;
    }
    let width = bars_w.max(text_width(scale) + 2 * px);
    // Text one module under the bars; a module of margin below it.
    let top = (q + grid.height() as u64) * px + px;
    let height = bars_h.max(top + u64::from(CELL) * scale + px);
    let (width, height) = check_size(
        Some(width),
        Some(height),
        Unit::Pixels,
        MAX_SIDE_PIXELS,
        MAX_PIXELS,
    )?;
    // Within MAX_SIDE_PIXELS: every value below fits u32.
    let (width, height) = (width as u32, height as u32);
    let mut img = GrayImage::from_pixel(width, height, image::Luma([255]));
    image::imageops::replace(&mut img, &bars, i64::from((width - bars.width()) / 2), 0);
    let (scale, top) = (scale as u32, top as u32);
    let left = (width - text_width(u64::from(scale)) as u32) / 2;
    for (k, &c) in chars.iter().enumerate() {
        for gy in 0..CELL as usize {
            for (gx, len) in glyph_runs(c, gy) {
                let x0 = left + (k as u32 * CELL + gx) * scale;
                let y0 = top + gy as u32 * scale;
                for y in y0..y0 + scale {
                    for x in x0..x0 + len * scale {
                        img.put_pixel(x, y, image::Luma([0]));
                    }
                }
            }
        }
    }
    Ok(img)
}

/// [`to_luma_with_text`] written as PNG (8-bit grayscale, unfiltered, with
/// a `pHYs` chunk when the scale is an X-dimension at a resolution, as
/// [`crate::render::png::write_png`] writes one).
pub fn write_png_with_text<W: Write>(
    grid: &ModuleGrid,
    text: &str,
    options: &RasterOptions,
    out: W,
) -> Result<(), RenderError> {
    let img = to_luma_with_text(grid, text, options)?;
    let encode = |e: png::EncodingError| RenderError::Encode(e.to_string());
    let mut encoder = png::Encoder::new(out, img.width(), img.height());
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::NoFilter);
    if let ModuleScale::XDimension { dpi, .. } = options.scale {
        let ppm = pixels_per_metre(dpi);
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(img.as_raw()).map_err(encode)?;
    writer.finish().map_err(encode)
}

/// [`write_png_with_text`] into a byte vector.
pub fn to_png_with_text(
    grid: &ModuleGrid,
    text: &str,
    options: &RasterOptions,
) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    write_png_with_text(grid, text, options, &mut out)?;
    Ok(out)
}

/// A coordinate in module units with four decimals, trailing zeros
/// dropped: the same bytes on every platform.
fn num(v: f64) -> String {
    let mut s = format!("{v:.4}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    s
}

/// Renders `grid` as SVG with `text` under the bars as paths of the
/// embedded font (see the module docs for the layout; the text is never
/// clipped). Sizes and errors as [`crate::render::svg::to_svg`].
pub fn to_svg_with_text(
    grid: &ModuleGrid,
    text: &str,
    options: &SvgOptions,
) -> Result<String, RenderError> {
    let q32 = options.quiet_zone.unwrap_or(grid.quiet_zone());
    let (w, h) = padded_modules(grid, q32)?;
    let chars = glyph_codes(text);
    // Font pixel size in modules: one, or less when the text is wider than
    // the symbol with its quiet zones.
    let text_modules = (chars.len() as u64 * u64::from(CELL)) as f64;
    let f = if text_modules > w as f64 {
        w as f64 / text_modules
    } else {
        1.0
    };
    let q = q32 as usize;
    let top = (q + grid.height() + 1) as f64;
    let height = (h as f64).max(top + f64::from(CELL) * f + 1.0);
    let (width_attr, height_attr) = match options.size {
        SvgSize::ModulePx(0) => {
            return Err(RenderError::ModuleSize("0 pixels per module".into()));
        }
        SvgSize::ModulePx(px) => (num(w as f64 * f64::from(px)), num(height * f64::from(px))),
        SvgSize::XDimensionMm(mm) => {
            if !(mm.is_finite() && mm > 0.0 && mm <= MAX_X_DIMENSION_MM) {
                return Err(RenderError::ModuleSize(format!(
                    "an X-dimension of {mm} mm (must be above 0 and at most {MAX_X_DIMENSION_MM})"
                )));
            }
            (millimetres(w as f64 * mm), millimetres(height * mm))
        }
    };
    let mut s = String::with_capacity(512 + grid.dark_count() * 4 + chars.len() * 256);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width_attr}" height="{height_attr}" viewBox="0 0 {w} {}" shape-rendering="crispEdges">"#,
        num(height)
    );
    if options.background {
        let _ = write!(
            s,
            r##"<rect width="{w}" height="{}" fill="#fff"/>"##,
            num(height)
        );
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
                let run = x - start;
                let _ = write!(s, "M{} {}h{run}v1h-{run}z", start + q, y + q);
            } else {
                x += 1;
            }
        }
    }
    s.push_str(r#""/>"#);
    let left = (w as f64 - text_modules * f) / 2.0;
    s.push_str(r##"<path fill="#000" d=""##);
    for (k, &c) in chars.iter().enumerate() {
        for gy in 0..CELL as usize {
            for (gx, len) in glyph_runs(c, gy) {
                let x0 = left + f64::from(k as u32 * CELL + gx) * f;
                let y0 = top + gy as f64 * f;
                let run = num(f64::from(len) * f);
                let _ = write!(s, "M{} {}h{run}v{}h-{run}z", num(x0), num(y0), num(f));
            }
        }
    }
    s.push_str(r#""/></svg>"#);
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code128::{Code128, Options};

    const GS1: &str = "^01095212345432131726123110ABC";

    /// Set font pixels of `text`: what a complete rendering at scale 1 holds.
    fn glyph_pixels(text: &str) -> usize {
        glyph_codes(text)
            .iter()
            .map(|&c| {
                font8x8::legacy::BASIC_LEGACY[c as usize]
                    .iter()
                    .map(|r| r.count_ones() as usize)
                    .sum::<usize>()
            })
            .sum()
    }

    #[test]
    fn text_is_never_clipped() {
        let c = Code128::encode_gs1(GS1, &Options::default()).unwrap();
        let text = c.hri_text();
        assert_eq!(text, "(01) 09521234543213 (17) 261231 (10) ABC");
        for px in [1u32, 2, 3] {
            let img = to_luma_with_text(c.grid(), &text, &RasterOptions::pixels(px)).unwrap();
            let bars = to_luma(c.grid(), &RasterOptions::pixels(px)).unwrap();
            // The band under the bars holds every font pixel of the text.
            let band_top = (10 + c.grid().height() as u32) * px;
            let dark = (band_top..img.height())
                .flat_map(|y| (0..img.width()).map(move |x| (x, y)))
                .filter(|&(x, y)| img.get_pixel(x, y).0[0] == 0)
                .count();
            // Every font pixel drawn as a full square of scale x scale.
            let area = dark / glyph_pixels(&text);
            let scale = (1..=px as usize).find(|s| s * s == area);
            assert!(
                dark % glyph_pixels(&text) == 0 && scale.is_some(),
                "{px}: {dark}"
            );
            // Nothing touches the edges.
            for y in 0..img.height() {
                assert_eq!(img.get_pixel(0, y).0[0], 255);
                assert_eq!(img.get_pixel(img.width() - 1, y).0[0], 255);
            }
            // The bars are there, centred, unchanged.
            let dx = (img.width() - bars.width()) / 2;
            for y in 0..bars.height().min(band_top) {
                for x in 0..bars.width() {
                    assert_eq!(img.get_pixel(x + dx, y), bars.get_pixel(x, y));
                }
            }
            if px == 1 {
                // 40 characters: 320 pixels and a margin, wider than the
                // symbol with its quiet zones.
                assert!(bars.width() < 322);
                assert_eq!(img.width(), 322);
            }
        }
    }

    #[test]
    fn svg_text_stays_inside() {
        let c = Code128::encode_gs1(GS1, &Options::default()).unwrap();
        let svg = to_svg_with_text(c.grid(), &c.hri_text(), &SvgOptions::default()).unwrap();
        let text_path = svg.split("<path").nth(2).unwrap();
        let moves = text_path.matches('M').count();
        assert!(moves > 100, "{moves} runs");
        let view: Vec<f64> = svg
            .split("viewBox=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        for m in text_path.split('M').skip(1) {
            let mut it = m.split(['h', ' ']);
            let x: f64 = it.next().unwrap().parse().unwrap();
            let y: f64 = it.next().unwrap().parse().unwrap();
            assert!(x >= 0.0 && x < view[2] && y > 50.0 && y < view[3], "{m}");
        }
        let mm = SvgOptions {
            size: SvgSize::XDimensionMm(0.25),
            ..SvgOptions::default()
        };
        assert!(
            to_svg_with_text(c.grid(), "A", &mm)
                .unwrap()
                .contains("mm\"")
        );
        let zero = SvgOptions {
            size: SvgSize::ModulePx(0),
            ..SvgOptions::default()
        };
        assert!(matches!(
            to_svg_with_text(c.grid(), "A", &zero),
            Err(RenderError::ModuleSize(_))
        ));
    }
}
