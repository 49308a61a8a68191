//! Byte-identical output: the renderings of one GS1 DataMatrix (the
//! pharma message, 22×22) are pinned by their SHA-256, so that any change of
//! bytes — a dependency upgrade changing deflate output, float formatting,
//! a renderer tweak — shows up here and is reviewed rather than shipped by
//! accident. Besides the hashes, each output is checked for what it must
//! contain (pixels equal to `to_luma`, the `pHYs` chunk, SVG geometry), so
//! a hash update is only ever a reviewed re-pin of output known to be
//! right.
//!
//! When an intended change alters the bytes, the failure message prints
//! the new hash to pin.

use serialkit_symbology::ModuleGrid;
use serialkit_symbology::code128::{Code128, Options as Code128Options};
use serialkit_symbology::datamatrix::{DataMatrix, Options};
use serialkit_symbology::render::png::{ModuleScale, RasterOptions, to_luma, to_png};
use serialkit_symbology::render::svg::{SvgOptions, SvgSize, to_svg};
use serialkit_symbology::render::text;
use sha2::{Digest, Sha256};

const PHARMA: &str = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";

fn symbol() -> ModuleGrid {
    let dm = DataMatrix::encode_gs1(PHARMA, &Options::default()).unwrap();
    assert_eq!(dm.size().to_string(), "22x22");
    dm.into_grid()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn pinned(what: &str, bytes: &[u8], expected: &str) {
    let got = sha256(bytes);
    assert_eq!(
        got, expected,
        "{what}: output bytes changed; if intended, pin {got}"
    );
}

/// The PNG's chunks as (type, data).
fn chunks(png: &[u8]) -> Vec<([u8; 4], &[u8])> {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let mut out = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[at + 4..at + 8].try_into().unwrap();
        out.push((kind, &png[at + 8..at + 8 + len]));
        at += 12 + len;
    }
    assert_eq!(at, png.len(), "chunks end with the file");
    out
}

// Re-pinned when PNGs became 1-bit grayscale with the Up filter (from 8-bit
// grayscale, unfiltered): the same pixels, an eighth of the data into
// deflate, 12x smaller files. The pixels are still checked against
// `to_luma` below.
#[test]
fn png_is_byte_identical() {
    let grid = symbol();
    let cases = [
        (
            "4 px per module",
            RasterOptions::pixels(4),
            None,
            "e6650a8803c321c565344e71b660dfa83738c761b0ca4884dbddebf4bc69d872",
        ),
        (
            "0.3 mm at 300 dpi",
            RasterOptions {
                scale: ModuleScale::XDimension { mm: 0.3, dpi: 300 },
                quiet_zone: None,
            },
            Some(11811u32),
            "e063e52cf50a1084e3c7b631286693e1143e31e7fa882ee269783aff637b8665",
        ),
    ];
    for (what, options, ppm, hash) in cases {
        let png = to_png(&grid, &options).unwrap();
        // 1-bit grayscale (IHDR: bit depth 1, colour type 0).
        let ihdr = chunks(&png)[0];
        assert_eq!((&ihdr.0, ihdr.1[8], ihdr.1[9]), (b"IHDR", 1, 0), "{what}");
        // The pixels are the raster renderer's.
        let decoded = image::load_from_memory(&png).unwrap().into_luma8();
        assert_eq!(decoded, to_luma(&grid, &options).unwrap(), "{what}");
        // pHYs only when the physical size is known: pixels per metre,
        // unit metre.
        let phys: Vec<&[u8]> = chunks(&png)
            .into_iter()
            .filter(|(k, _)| k == b"pHYs")
            .map(|(_, d)| d)
            .collect();
        match ppm {
            None => assert!(phys.is_empty(), "{what}"),
            Some(ppm) => {
                let mut want = ppm.to_be_bytes().to_vec();
                want.extend(ppm.to_be_bytes());
                want.push(1);
                assert_eq!(phys, [&want[..]], "{what}");
            }
        }
        pinned(what, &png, hash);
    }
    // A row width that is not a whole number of bytes (209 pixels: the
    // last byte of each 1-bit row is part padding).
    let c = Code128::encode_gs1("^010952123454321310ABC", &Code128Options::default()).unwrap();
    let options = RasterOptions::pixels(1);
    let png = to_png(c.grid(), &options).unwrap();
    let decoded = image::load_from_memory(&png).unwrap().into_luma8();
    assert_eq!(decoded.width(), 209);
    assert_eq!(decoded, to_luma(c.grid(), &options).unwrap());
    pinned(
        "Code 128 at 1 px",
        &png,
        "0a9032595f0bd5ea992d1999dfb15515f719386cff20d54091fccd59c74e66af",
    );
}

#[test]
fn svg_is_byte_identical() {
    let grid = symbol();
    let px = to_svg(&grid, &SvgOptions::default()).unwrap();
    assert!(px.contains(r#"width="240" height="240" viewBox="0 0 24 24""#));
    pinned(
        "SVG 10 px",
        px.as_bytes(),
        "eb97ebdbf5c8def0b0af3316bd53c22fbd1ca5ceaf0e5ba2a7357c024a3b0938",
    );
    let mm = SvgOptions {
        size: SvgSize::XDimensionMm(0.255),
        ..SvgOptions::default()
    };
    let mm = to_svg(&grid, &mm).unwrap();
    // 24 modules x 0.255 mm = 6.12 mm (6.1200000000000001 as a float).
    assert!(mm.contains(r#"width="6.12mm" height="6.12mm""#), "{mm}");
    pinned(
        "SVG 0.255 mm",
        mm.as_bytes(),
        "78060e3f8f1e3e2c83be0a54ffecd60f51f98432be7c1afb3d0fd099f9fe65d7",
    );
}

#[test]
fn text_is_byte_identical() {
    let grid = symbol();
    let rows = text::rows(&grid);
    assert_eq!(rows.lines().count(), 22);
    pinned(
        "text rows",
        rows.as_bytes(),
        "9d6c461603ed81c31fa439bcae070f87f55018170fd5846216ac1a0a12931447",
    );
    let blocks = text::half_blocks(&grid).unwrap();
    assert_eq!(blocks.lines().count(), 12);
    pinned(
        "half blocks",
        blocks.as_bytes(),
        "3f216e7bb9d294059d2f5b1ebe45a8c4ccef39691c829036940dfca00d16ef6d",
    );
}
