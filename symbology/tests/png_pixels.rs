//! The PNG writer packs 1-bit rows straight from the module grid (runs of
//! dark modules cleared a byte at a time, rows copied down): these tests
//! hold it against the simple per-pixel renderer `to_luma` on random grids,
//! module sizes and quiet zones (row widths that are and are not multiples
//! of 8 pixels, runs crossing 64-module words), and read real symbols back
//! from the PNG bytes.
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serialkit_symbology::render::png::{RasterOptions, to_luma, to_png};
use serialkit_symbology::{ModuleGrid, SymbologyIdentifier};

fn grid(width: usize, height: usize, bits: &[bool]) -> ModuleGrid {
    let mut g = ModuleGrid::new(width, height, 0, SymbologyIdentifier::DATA_MATRIX);
    for y in 0..height {
        for x in 0..width {
            g.set(x, y, bits[(y * width + x) % bits.len()]);
        }
    }
    g
}

#[test]
fn png_pixels_equal_to_luma() {
    // A fixed seed: CI runs are reproducible.
    let mut runner = TestRunner::new(Config {
        cases: 400,
        rng_seed: RngSeed::Fixed(0x5eed_b175),
        ..Config::default()
    });
    let strategy = (
        1usize..150,
        1usize..12,
        prop::collection::vec(any::<bool>(), 1..400),
        0u32..5,
        1u32..12,
    );
    let checked = std::cell::Cell::new(0);
    runner
        .run(&strategy, |(width, height, bits, quiet, px)| {
            let g = grid(width, height, &bits);
            let options = RasterOptions {
                quiet_zone: Some(quiet),
                ..RasterOptions::pixels(px)
            };
            let png = to_png(&g, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let decoded = image::load_from_memory(&png)
                .map_err(|e| TestCaseError::fail(e.to_string()))?
                .into_luma8();
            let want = to_luma(&g, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(decoded, want, "{}x{} q{} px{}", width, height, quiet, px);
            checked.set(checked.get() + 1);
            Ok(())
        })
        .unwrap();
    println!("png pixels equal to_luma: {} random grids", checked.get());
    // Dark everywhere and light everywhere, at widths around a byte.
    for width in [1, 7, 8, 9, 63, 64, 65, 128] {
        for bit in [false, true] {
            let g = grid(width, 3, &[bit]);
            for px in [1, 3, 8] {
                let options = RasterOptions::pixels(px);
                let png = to_png(&g, &options).unwrap();
                let decoded = image::load_from_memory(&png).unwrap().into_luma8();
                assert_eq!(
                    decoded,
                    to_luma(&g, &options).unwrap(),
                    "{width} {bit} {px}"
                );
            }
        }
    }
}

/// Symbols of every symbology written as PNG and decoded from those bytes
/// by rxing (through `image`), at several module sizes.
#[cfg(feature = "verify")]
#[test]
fn png_bytes_decode_back() {
    use serialkit_symbology::code128::{Code128, Options as C128Options};
    use serialkit_symbology::datamatrix::{DataMatrix, Options as DmOptions};
    use serialkit_symbology::qr::{Options as QrOptions, QrCode};
    use serialkit_symbology::verify::decode_luma;

    let pharma = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
    let symbols: Vec<(&str, ModuleGrid, &[u8])> = vec![
        (
            "datamatrix",
            DataMatrix::encode_gs1(pharma, &DmOptions::default())
                .unwrap()
                .into_grid(),
            b"0109506007518506172903151",
        ),
        (
            "qr",
            QrCode::encode_gs1(pharma, &QrOptions::default())
                .unwrap()
                .into_grid(),
            b"0109506007518506172903151",
        ),
        (
            "code128",
            Code128::encode_gs1("^010952123454321310ABCD12345678", &C128Options::default())
                .unwrap()
                .into_grid(),
            b"010952123454321310ABCD12345678",
        ),
    ];
    let mut decoded_count = 0;
    for (what, grid, prefix) in &symbols {
        for px in [1, 2, 3, 5, 10] {
            let png = to_png(grid, &RasterOptions::pixels(px)).unwrap();
            let img = image::load_from_memory(&png).unwrap().into_luma8();
            let d = decode_luma(img.as_raw(), img.width(), img.height())
                .unwrap_or_else(|e| panic!("{what} at {px} px: {e}"));
            assert_eq!(
                d.symbology_identifier,
                Some(grid.symbology_identifier()),
                "{what} at {px} px"
            );
            assert!(
                d.text.as_bytes().starts_with(prefix),
                "{what} at {px} px: {:?}",
                d.text
            );
            decoded_count += 1;
        }
    }
    println!("png bytes decoded back by rxing: {decoded_count}");
}
