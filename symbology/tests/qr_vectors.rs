//! QR Code rows of `shared/data/symbology/vectors.tsv` (zint's test suite,
//! re-run against zint 2.16), plus the ISO/IEC 18004 Annex I example:
//!
//! 1. Encodation: the version is never larger than zint's; the data
//!    codewords equal zint's unless `qr-known-differences.tsv` lists the row
//!    with the reason (a tie between equally short segmentations).
//! 2. Symbol construction: the data codewords read out of the published
//!    module matrix (format information, unmasking, de-interleaving)
//!    rebuild exactly that matrix through our Reed–Solomon, placement and
//!    masking; with our automatic mask choice the matrix matches too unless
//!    listed.
mod common;

use std::collections::BTreeMap;

use serialkit_symbology::qr::{self, EccLevel, Mask, Options, QrCode, Version, VersionPolicy};
use serialkit_symbology::render::text;
use serialkit_symbology::{Eci, ModuleGrid, Segment};
use sha2::{Digest, Sha256};

struct Vector {
    name: String,
    gs1: Option<String>,
    data: Vec<u8>,
    eci: Option<u32>,
    options: Options,
    size: usize,
    codewords: Option<(usize, Vec<u8>)>,
    modules: Option<String>,
    modules_sha256: String,
}

fn parse(dir: &std::path::Path) -> Vec<Vector> {
    let (header, rows) = common::read_tsv(&dir.join("vectors.tsv"));
    let mut out = Vec::new();
    for cells in &rows {
        let row = common::Row {
            header: &header,
            cells,
        };
        if row.get("symbology") != "QRCODE" {
            continue;
        }
        let mode = row.get("input_mode");
        let raw = common::unescape_c(row.get("data_escaped"));
        let (data, eci) = match String::from_utf8(raw.clone()) {
            // zint converts UTF-8 input to ISO/IEC 8859-1 when it can, else
            // it switches to ECI 26 (UTF-8).
            Ok(s) if s.chars().all(|c| (c as u32) < 256) => {
                (s.chars().map(|c| c as u8).collect(), None)
            }
            _ => (raw, Some(26)),
        };
        let gs1 = mode
            .contains("GS1_MODE")
            .then(|| common::bracketed_to_caret(&String::from_utf8_lossy(&data)));
        let mut options = Options::default();
        match row.get("option_1") {
            "1" => options.ecc = EccLevel::L,
            "2" => options.ecc = EccLevel::M,
            "3" => options.ecc = EccLevel::Q,
            "4" => options.ecc = EccLevel::H,
            _ => {
                // zint's default: level L raised as far as the version allows.
                options.ecc = EccLevel::L;
                options.boost_ecc = true;
            }
        }
        if let Ok(v) = row.get("option_2").parse::<u8>() {
            if let Some(v) = Version::new(v) {
                options.version = VersionPolicy::Fixed(v);
            }
        }
        if let Ok(o3) = row.get("option_3").parse::<i32>() {
            if o3 >= 256 {
                options.mask = Mask::new(((o3 >> 8) - 1) as u8);
            }
        }
        let expected = row.get("expected");
        let kind = row.get("expected_kind");
        let (count, list) = match expected
            .strip_prefix('(')
            .filter(|_| !expected.starts_with("(see"))
        {
            Some(rest) => {
                let (n, l) = rest.split_once(") ").expect("(N) list");
                (Some(n.parse::<usize>().unwrap()), l)
            }
            None => (None, expected),
        };
        let (codewords, modules) = if kind.starts_with("data_codewords_hex") {
            let list = list.trim_start_matches("Warning ").trim();
            let cw: Vec<u8> = list
                .split(' ')
                .map(|h| u8::from_str_radix(h, 16).expect("hex"))
                .collect();
            (Some((count.unwrap_or(cw.len()), cw)), None)
        } else if expected.starts_with("(see modules_sha256") {
            (None, None)
        } else {
            (None, Some(expected.to_owned()))
        };
        out.push(Vector {
            name: format!("{}/{}", row.get("test_function"), row.get("test_index")),
            gs1,
            data,
            eci,
            options,
            size: row.get("expected_width").parse().unwrap(),
            codewords,
            modules,
            modules_sha256: row.get("modules_sha256").to_owned(),
        });
    }
    out
}

fn module_string(grid: &ModuleGrid) -> String {
    text::rows(grid).replace('\n', "")
}

fn known_differences() -> BTreeMap<String, String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/qr-known-differences.tsv"
    );
    std::fs::read_to_string(path)
        .expect("known differences file")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (name, reason) = l.split_once('\t').expect("name<TAB>reason");
            (name.to_owned(), reason.to_owned())
        })
        .collect()
}

fn encode(v: &Vector) -> QrCode {
    match (&v.gs1, v.eci) {
        (Some(m), _) => QrCode::encode_gs1(m, &v.options),
        (None, Some(e)) => QrCode::encode(
            &[Segment::Eci(Eci::new(e).unwrap()), Segment::Data(&v.data)],
            &v.options,
        ),
        (None, None) => QrCode::encode_bytes(&v.data, &v.options),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", v.name))
}

#[test]
fn qr_vectors() {
    let Some(dir) = common::data_dir("qr vectors") else {
        return;
    };
    let vectors = parse(&dir);
    assert!(
        vectors.len() >= 30,
        "expected the QR rows, got {}",
        vectors.len()
    );
    let known = known_differences();
    let mut seen_known = Vec::new();
    let (mut size_ok, mut exact, mut rebuilt, mut rebuild_total) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for v in &vectors {
        let qr = encode(v);
        let n = qr.grid().width();
        if n > v.size {
            failures.push(format!("{}: our size {n} > zint's {}", v.name, v.size));
            continue;
        }
        size_ok += 1;
        // What zint published, as text.
        let expected_modules = v.modules.clone();
        let same = match (&v.codewords, &expected_modules) {
            (Some((count, list)), _) => {
                let ours = qr.data_codewords();
                ours.len() == *count && ours[..list.len()] == list[..]
            }
            (None, Some(m)) => module_string(qr.grid()) == *m,
            (None, None) => {
                let hash: String = Sha256::digest(module_string(qr.grid()).as_bytes())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                hash == v.modules_sha256
            }
        };
        if same {
            exact += 1;
            if known.contains_key(&v.name) {
                failures.push(format!(
                    "{}: listed as a known difference but matches",
                    v.name
                ));
            }
        } else if known.contains_key(&v.name) {
            seen_known.push(v.name.clone());
        } else {
            failures.push(format!(
                "{}: differs from zint: ours {:02X?} (v{} {} mask {})",
                v.name,
                qr.data_codewords(),
                qr.version(),
                qr.ecc(),
                qr.mask()
            ));
        }
        // Rebuild the published matrix from its own codewords.
        if let Some(m) = &expected_modules {
            rebuild_total += 1;
            let grid = grid_from_string(m, v.size);
            let (version, ecc, mask, data) = qr::read_codewords(&grid)
                .unwrap_or_else(|| panic!("{}: cannot read zint's matrix", v.name));
            let again = QrCode::from_codewords(version, ecc, &data, Some(mask)).unwrap();
            if module_string(again.grid()) == *m {
                rebuilt += 1;
            } else {
                failures.push(format!("{}: rebuilt matrix differs", v.name));
            }
        }
    }
    println!(
        "qr vectors: {size_ok}/{} never larger, {exact}/{} identical to zint, {rebuilt}/{rebuild_total} matrices rebuilt exactly, {} known differences",
        vectors.len(),
        vectors.len(),
        seen_known.len()
    );
    for k in known.keys() {
        if !seen_known.contains(k) && !failures.iter().any(|f| f.starts_with(k.as_str())) {
            assert!(
                vectors.iter().any(|v| &v.name == k),
                "known difference {k} names no vector"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn grid_from_string(m: &str, n: usize) -> ModuleGrid {
    let mut g = ModuleGrid::new(n, n, 4, serialkit_symbology::SymbologyIdentifier::QR);
    for (i, c) in m.bytes().enumerate() {
        if c == b'1' {
            g.set(i % n, i / n, true);
        }
    }
    g
}

/// ISO/IEC 18004 Annex I: "01234567" as 1-M: data and check codewords and
/// mask 010 exactly as the standard's worked example.
#[test]
fn annex_i_worked_example() {
    let mut opts = Options::with_ecc(EccLevel::M);
    opts.version = VersionPolicy::Fixed(Version::new(1).unwrap());
    let qr = QrCode::encode_bytes(b"01234567", &opts).unwrap();
    let data = [
        0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC,
        0x11,
    ];
    let check = [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55];
    assert_eq!(qr.data_codewords(), data);
    assert_eq!(&qr.codewords()[16..], check);
    assert_eq!(qr.mask().number(), 0b010);
    // Annex I figure I.2 (as zint's test suite transcribes it, row
    // test_qr_encode/7 of vectors.tsv).
    let expected = "\
111111100101101111111\
100000100111101000001\
101110101000001011101\
101110101100001011101\
101110101011101011101\
100000101000101000001\
111111101010101111111\
000000001001100000000\
101111100100101111100\
000101011010100101100\
001000110101010011111\
000010000100000111100\
000111111001010010000\
000000001011111001100\
111111100110101100000\
100000101011111000101\
101110101000100101100\
101110101100100100000\
101110101011010010100\
100000100000000110110\
111111101111010010100";
    assert_eq!(text::rows(qr.grid()).replace('\n', ""), expected);
    let (version, ecc, mask, read) = qr::read_codewords(qr.grid()).unwrap();
    assert_eq!((version.number(), ecc, mask.number()), (1, EccLevel::M, 2));
    assert_eq!(read, data);
}
