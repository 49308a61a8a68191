//! Code 128 with its human-readable interpretation (feature `hri`): the
//! text lies under the bars, complete at every module size (the image is
//! widened at one pixel per module rather than clipping it), and the
//! picture still decodes to the same data.
#![cfg(all(feature = "hri", feature = "verify"))]

use serialkit_symbology::code128::{Code128, Options, hri};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::verify::decode_luma;

#[test]
fn hri_band_is_drawn_and_the_symbol_decodes() {
    for (msg, transmitted) in [
        (
            "^010952123454321310ABC^21X",
            "010952123454321310ABC\u{1d}21X",
        ),
        (
            "^01095212345432131726123110ABC",
            "01095212345432131726123110ABC",
        ),
    ] {
        let c = Code128::encode_gs1(msg, &Options::default()).unwrap();
        let text = c.hri_text();
        for px in [1u32, 2, 4] {
            let options = RasterOptions::pixels(px);
            let img = hri::to_luma_with_text(c.grid(), &text, &options).unwrap();
            let bars = to_luma(c.grid(), &options).unwrap();
            // Dark pixels below the bars, in the HRI band, across most of
            // the text's width.
            let band_top = (10 + c.grid().height() as u32) * px;
            let columns_with_ink = (0..img.width())
                .filter(|&x| (band_top..img.height()).any(|y| img.get_pixel(x, y).0[0] == 0))
                .count() as u32;
            assert!(
                columns_with_ink >= text.len() as u32 * 4 * px.min(2) / 2,
                "{msg} at {px} px: {columns_with_ink} columns with ink"
            );
            assert!(img.width() >= bars.width());
            let d = decode_luma(img.as_raw(), img.width(), img.height())
                .unwrap_or_else(|e| panic!("{msg} at {px} px: {e}"));
            assert_eq!(d.text, transmitted, "{msg} at {px} px");
            assert_eq!(
                d.symbology_identifier.unwrap().to_string(),
                "]C1",
                "{msg} at {px} px"
            );
        }
    }
}
