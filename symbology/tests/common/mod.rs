//! Helpers shared by the integration tests: where the standards data lives,
//! TSV reading, zint's escapes and GS1 bracket notation, and decoding with
//! rxing.
#![allow(dead_code)]

use std::path::PathBuf;

use image::GrayImage;
use serialkit_symbology::ModuleGrid;
use serialkit_symbology::render::png::{RasterOptions, to_luma};

/// `SERIALKIT_TEST_DATA/symbology`, or `None` (after printing why) when the
/// folder is missing outside CI. In CI a missing folder fails the test.
pub fn data_dir(suite: &str) -> Option<PathBuf> {
    let root = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let dir = root.join("symbology");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{suite}: test data folder {} is missing (CI is set)",
            dir.display()
        );
    }
    println!(
        "{suite}: skipped, test data folder {} is missing",
        dir.display()
    );
    None
}

/// Rows of a TSV file with a header line, as (header, rows).
pub fn read_tsv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let header: Vec<String> = lines
        .next()
        .unwrap_or_default()
        .split('\t')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// A TSV row addressed by column name.
pub struct Row<'a> {
    pub header: &'a [String],
    pub cells: &'a [String],
}

impl Row<'_> {
    pub fn get(&self, column: &str) -> &str {
        let i = self
            .header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Undoes C escapes as they appear in zint's test sources (`\xHH`, `\\`,
/// `\r`, `\n`, `\t`, `\"`).
pub fn unescape_c(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'x' if i + 3 < b.len() => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 4;
                    continue;
                }
                b'\\' => out.push(b'\\'),
                b'r' => out.push(b'\r'),
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'"' => out.push(b'"'),
                other => {
                    out.push(b'\\');
                    out.push(other);
                }
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// zint's ESCAPE_MODE sequences (`\R` RS, `\G` GS, `\E` EOT, `\\`).
pub fn unescape_zint(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let c = match b[i + 1] {
                b'R' => 0x1e,
                b'G' => 0x1d,
                b'E' => 0x04,
                b'\\' => b'\\',
                other => panic!("unsupported zint escape \\{}", other as char),
            };
            out.push(c);
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// First two digits of the AIs whose element has a predefined length (GS1
/// General Specifications, "predefined length" table): no FNC1 follows them.
const PREDEFINED: [&str; 22] = [
    "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "31",
    "32", "33", "34", "35", "36", "41",
];

/// `[01]0950…[10]AB` → `^0109506…^10AB`-style `^` notation: FNC1 first, and
/// after every element whose AI has no predefined length when another
/// element follows.
pub fn bracketed_to_caret(s: &str) -> String {
    let mut out = String::from("^");
    let mut rest = s;
    let mut need_separator = false;
    while let Some(open) = rest.strip_prefix('[') {
        let close = open.find(']').expect("closing bracket");
        let ai = &open[..close];
        let after = &open[close + 1..];
        let end = after.find('[').unwrap_or(after.len());
        if need_separator {
            out.push('^');
        }
        out.push_str(ai);
        out.push_str(&after[..end]);
        need_separator = !PREDEFINED.contains(&&ai[..2]);
        rest = &after[end..];
    }
    assert!(rest.is_empty(), "trailing text in {s}");
    out
}

/// Decoded text and symbology identifier, through rxing.
pub fn rxing_decode(grid: &ModuleGrid, px: u32) -> Result<(String, String), String> {
    rxing_read(grid, px).map(|r| (r.text, r.identifier))
}

/// What rxing read from a DataMatrix picture.
pub struct RxingRead {
    pub text: String,
    pub identifier: String,
    /// The data codewords rxing read (after its error correction).
    pub codewords: Vec<u8>,
}

/// Renders `grid` at `px` pixels per module and reads it with rxing.
pub fn rxing_read(grid: &ModuleGrid, px: u32) -> Result<RxingRead, String> {
    let img: GrayImage = to_luma(grid, &RasterOptions::pixels(px)).map_err(|e| e.to_string())?;
    rxing_read_image(&img)
}

pub fn rxing_decode_image(img: &GrayImage) -> Result<(String, String), String> {
    rxing_read_image(img).map(|r| (r.text, r.identifier))
}

pub fn rxing_read_image(img: &GrayImage) -> Result<RxingRead, String> {
    use rxing::{
        BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader,
        RXingResultMetadataType, RXingResultMetadataValue, Reader, common::HybridBinarizer,
    };
    let (w, h) = img.dimensions();
    let source =
        Luma8LuminanceSource::new(img.as_raw().clone(), w, h).map_err(|e| e.to_string())?;
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some([BarcodeFormat::DATA_MATRIX].into_iter().collect()),
        ..DecodeHints::default()
    };
    let r = MultiFormatReader::default()
        .decode_with_hints(&mut bitmap, &hints)
        .map_err(|e| e.to_string())?;
    let id = match r
        .getRXingResultMetadata()
        .get(&RXingResultMetadataType::SYMBOLOGY_IDENTIFIER)
    {
        Some(RXingResultMetadataValue::SymbologyIdentifier(s)) => s.clone(),
        _ => String::new(),
    };
    Ok(RxingRead {
        text: r.getText().to_owned(),
        identifier: id,
        codewords: r.getRawBytes().to_vec(),
    })
}

/// Latin-1 text of bytes (what rxing returns for data without ECI).
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// xorshift64*: small, deterministic, good enough to spread test inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const CSET82: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const SERIAL_STYLES: [&[u8]; 4] = [
    b"0123456789",
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    CSET82,
    b"abcdefghijklmnopqrstuvwxyz0123456789",
];

fn random_field(rng: &mut Rng, max: usize) -> String {
    let style = rng.pick(&SERIAL_STYLES);
    let len = 1 + rng.below(max);
    (0..len)
        .map(|_| style[rng.below(style.len())] as char)
        .collect()
}

/// `^01…17…10…^21…` with a valid GTIN check digit, in a random AI order.
pub fn pharma_message(rng: &mut Rng) -> String {
    let mut gtin: String = (0..13)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let check = serialkit_gs1::check_digit::mod10(gtin.as_bytes()).unwrap() as char;
    gtin.push(check);
    let expiry = format!(
        "{:02}{:02}{:02}",
        24 + rng.below(10),
        1 + rng.below(12),
        rng.below(29)
    );
    let fixed = [format!("01{gtin}"), format!("17{expiry}")];
    let variable = [
        format!("10{}", random_field(rng, 20)),
        format!("21{}", random_field(rng, 20)),
    ];
    // Fixed-length elements need no separator; variable ones do unless last.
    let mut parts: Vec<(String, bool)> = fixed
        .into_iter()
        .map(|f| (f, false))
        .chain(variable.into_iter().map(|v| (v, true)))
        .collect();
    if rng.below(2) == 0 {
        parts.swap(1, 2);
    }
    let mut msg = String::from("^");
    let n = parts.len();
    for (i, (p, variable)) in parts.into_iter().enumerate() {
        msg.push_str(&p);
        if variable && i + 1 < n {
            msg.push('^');
        }
    }
    msg
}
pub mod reference_decoder;
