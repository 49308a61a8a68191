//! Regression: user-chosen quiet zones and module sizes overflowed or
//! exhausted memory in the renderers (`render/text.rs` multiplied past
//! `usize`, a quiet zone of 100000 asked for ~60 GB of text, `svg.rs`
//! overflowed `modules × px`, and PNG allowed 65535² pixels). Every
//! renderer now refuses such requests with `RenderError::TooLarge`.

use serialkit_symbology::datamatrix::{DataMatrix, Options};
use serialkit_symbology::render::png::{RasterOptions, to_png};
use serialkit_symbology::render::svg::{SvgOptions, SvgSize, to_svg};
use serialkit_symbology::render::{MAX_PIXELS, RenderError, text};

fn too_large<T: std::fmt::Debug>(r: Result<T, RenderError>) -> bool {
    matches!(r, Err(RenderError::TooLarge { .. }))
}

#[test]
fn bug_render_size_overflow() {
    let dm = DataMatrix::encode_bytes(b"X", &Options::default()).unwrap();
    for q in [100_000u32, 4_000_000_000, u32::MAX] {
        let mut grid = dm.grid().clone();
        grid.set_quiet_zone(q);
        assert!(too_large(text::half_blocks(&grid)), "text, quiet zone {q}");
        for size in [SvgSize::ModulePx(4_000_000_000), SvgSize::XDimensionMm(0.5)] {
            let o = SvgOptions {
                size,
                ..SvgOptions::default()
            };
            assert!(too_large(to_svg(&grid, &o)), "svg {size:?}, quiet zone {q}");
        }
        for px in [1, 4_000_000_000] {
            assert!(
                too_large(to_png(&grid, &RasterOptions::pixels(px))),
                "png {px} px, quiet zone {q}"
            );
        }
    }
    // The pixel budget: 12x12 modules at 683 px is 8196² > 2^26 pixels.
    let e = to_png(dm.grid(), &RasterOptions::pixels(683)).unwrap_err();
    assert!(
        matches!(e, RenderError::TooLarge { width: 8196, height: 8196, max_total, .. } if max_total == MAX_PIXELS),
        "{e:?}"
    );
}
