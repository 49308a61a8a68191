//! Conformance with GS1's Syntax Engine: every engine row of
//! `gs1/vectors/vectors-public.tsv` whose input is bracketed AI syntax
//! (`ai`), an FNC1 message (`raw`) or scan data (`scan`). The engine's
//! outputs are rebuilt from this crate's API and compared; rows that differ
//! on purpose are listed, with reasons, in `tests/known-differences.tsv`.

mod common;

use common::vectors::{Row, known_differences, read_tsv};
use serialkit_gs1::scan::{Carrier, ScanContent, ScanData};
use serialkit_gs1::{ElementString, Errors, Fnc1Notation, Options};

/// What the engine reports for a row.
#[derive(Debug, PartialEq)]
enum Outcome {
    Ok {
        element_string: Vec<u8>,
        bracketed: String,
        hri: String,
        scan_data: Option<Vec<u8>>,
        sym: String,
    },
    Err {
        kind: String,
        /// Linter error and its markup `(AI)before|bad|after`, as spans.
        lint: Option<(String, usize, usize)>,
    },
}

fn options(row: &Row) -> Options {
    let mut o = Options::default();
    for opt in row.get("options").split(';') {
        match opt {
            "req=0" => o = o.check_requisites(false),
            "unknown=1" => o = o.permit_unknown_ais(true),
            _ => {}
        }
    }
    o
}

fn option_value<'r>(row: &'r Row, key: &str) -> Option<&'r str> {
    row.get("options")
        .split(';')
        .find_map(|o| o.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
}

fn carrier(name: &str) -> Option<Carrier> {
    Some(match name {
        "DM" => Carrier::DataMatrix,
        "QR" => Carrier::Qr,
        "DotCode" => Carrier::DotCode,
        "GS1_128_CCA" | "GS1_128_CCC" => Carrier::Gs1_128,
        "DataBarExpanded" => Carrier::DataBarExpanded,
        "DataBarOmni" => Carrier::DataBarOmni,
        "DataBarLimited" => Carrier::DataBarLimited,
        "EAN13" => Carrier::Ean13,
        "EAN8" => Carrier::Ean8,
        "UPCA" => Carrier::UpcA,
        "UPCE" => Carrier::UpcE,
        _ => return None,
    })
}

fn gs1_ok(es: &ElementString<'_>, sym: Option<&str>) -> Outcome {
    Outcome::Ok {
        element_string: es.to_message(Fnc1Notation::Caret).into_bytes(),
        bracketed: es.to_bracketed(),
        hri: es.hri().join("|"),
        scan_data: sym.and_then(carrier).and_then(|c| c.scan_data(es)),
        sym: sym.unwrap_or("NONE").to_owned(),
    }
}

/// The engine's first error, from our list of errors. The linter markup is
/// turned into a span of the input by locating "AI + text before" in it.
fn first_error(e: &Errors, input: &[u8]) -> Outcome {
    let first = e.first().expect("an error list is never empty");
    let lint = first
        .kind
        .lint()
        .map(|k| (k.code().to_owned(), first.span.start, first.span.end));
    let _ = input;
    Outcome::Err {
        kind: first.kind.code().to_owned(),
        lint,
    }
}

/// Plain (non-GS1) data in the engine's notation: a leading run of
/// backslashes before `^` escapes the caret.
fn engine_plain_notation(data: &[u8]) -> Vec<u8> {
    let bs = data.iter().take_while(|&&b| b == b'\\').count();
    if data.get(bs) == Some(&b'^') {
        let mut v = vec![b'\\'];
        v.extend_from_slice(data);
        v
    } else {
        data.to_vec()
    }
}

fn run(row: &Row, input: &[u8]) -> Outcome {
    let opts = options(row);
    let sym = option_value(row, "sym");
    match row.get("kind") {
        "ai" => {
            let Ok(text) = std::str::from_utf8(input) else {
                return Outcome::Err {
                    kind: "INVALID_INPUT".into(),
                    lint: None,
                };
            };
            match ElementString::parse_bracketed(text, &opts) {
                Ok(es) => gs1_ok(&es, sym),
                Err(e) => first_error(&e, input),
            }
        }
        "raw" if input.first() == Some(&b'^') => match ElementString::parse_message(input, &opts) {
            Ok(es) => gs1_ok(&es, sym),
            Err(e) => first_error(&e, input),
        },
        "raw" => {
            // Plain data, possibly an EAN/UPC/DataBar primary followed by a
            // GS1 composite after `|`.
            let (primary, composite) = match input.iter().position(|&b| b == b'|') {
                Some(i) => (&input[..i], Some(&input[i + 1..])),
                None => (input, None),
            };
            let bs = primary.iter().take_while(|&&b| b == b'\\').count();
            let mut data = primary.to_vec();
            if primary.get(bs) == Some(&b'^') {
                data.remove(0);
            }
            let cc = match composite.map(|c| ElementString::parse_message(c, &opts)) {
                Some(Err(e)) => return first_error(&e, input),
                Some(Ok(es)) => Some(es),
                None => None,
            };
            let c = sym.and_then(carrier);
            let scan_data = c.and_then(|c| {
                let mut s = c.plain_scan_data(&data)?;
                if let Some(cc) = &cc {
                    if s.starts_with(b"]e0") {
                        s.extend_from_slice(cc.to_message(Fnc1Notation::Gs).as_bytes());
                    } else {
                        s.extend_from_slice(b"|]e0");
                        s.extend_from_slice(cc.to_message(Fnc1Notation::Gs).as_bytes());
                    }
                }
                Some(s)
            });
            Outcome::Ok {
                element_string: input.to_vec(),
                bracketed: cc
                    .as_ref()
                    .map_or("-".into(), |c| format!("|{}", c.to_bracketed())),
                hri: cc.as_ref().map_or("-".into(), |c| c.hri().join("|")),
                scan_data,
                sym: sym.unwrap_or("NONE").to_owned(),
            }
        }
        "scan" => match ScanData::parse(input, &opts) {
            Err(e) => first_error(&e, input),
            Ok(s) => {
                let id = s.symbology_identifier();
                let sym = match (id.code, id.modifier) {
                    (b'd', _) => "DM",
                    (b'Q', _) => "QR",
                    (b'J', _) => "DotCode",
                    (b'e', _) => "DataBarExpanded",
                    (b'C', _) => "GS1_128_CCA",
                    (b'E', b'4') => "EAN8",
                    (b'E', _) => "EAN13",
                    _ => "NONE",
                };
                match s.content() {
                    ScanContent::Gs1(es) => gs1_ok(es, Some(sym)),
                    ScanContent::Plain(p) => Outcome::Ok {
                        element_string: engine_plain_notation(p),
                        bracketed: "-".into(),
                        hri: "-".into(),
                        scan_data: Some(input.to_vec()),
                        sym: sym.into(),
                    },
                    ScanContent::Gtin {
                        digits, composite, ..
                    } => {
                        let mut es = digits.as_bytes().to_vec();
                        if let Some(cc) = composite {
                            es.push(b'|');
                            es.extend_from_slice(cc.to_message(Fnc1Notation::Caret).as_bytes());
                        }
                        Outcome::Ok {
                            element_string: es,
                            bracketed: composite.as_ref().map_or("-".into(), |c| c.to_bracketed()),
                            hri: composite.as_ref().map_or("-".into(), |c| c.hri().join("|")),
                            scan_data: Some(input.to_vec()),
                            sym: sym.into(),
                        }
                    }
                    _ => Outcome::Err {
                        kind: "UNHANDLED_CONTENT".into(),
                        lint: None,
                    },
                }
            }
        },
        _ => unreachable!(),
    }
}

/// The engine's outcome as the row records it.
fn expected(row: &Row, input: &[u8]) -> Outcome {
    if row.get("expect") == "ok" {
        return Outcome::Ok {
            element_string: row.bytes("element_string").unwrap_or_default(),
            bracketed: row.get("bracketed").to_owned(),
            hri: row.get("hri").to_owned(),
            scan_data: row.bytes("scan_data"),
            sym: row.get("sym").to_owned(),
        };
    }
    let lint = match (row.get("linter_error"), row.get("error_markup")) {
        ("-", _) | (_, "-") => None,
        (code, markup) => {
            // "(AI)before|bad|after": find "AI+before" in the input (with
            // brackets for bracketed input) and take the bad part after it.
            let mut parts = markup.splitn(3, '|');
            let head = parts.next().unwrap_or("");
            let bad = parts.next().unwrap_or("");
            let needle: Vec<u8> = if row.get("kind") == "ai" {
                head.as_bytes().to_vec()
            } else {
                head.replace(['(', ')'], "").into_bytes()
            };
            let at = input
                .windows(needle.len().max(1))
                .position(|w| w == needle.as_slice())
                .map_or(usize::MAX, |p| p + needle.len());
            Some((code.to_owned(), at, at.saturating_add(bad.len())))
        }
    };
    Outcome::Err {
        kind: row.get("error_kind").to_owned(),
        lint,
    }
}

/// Whether two FNC1 messages (engine notation) mean the same element
/// strings: the engine echoes its input, including superfluous FNC1s.
fn same_message(ours: &[u8], theirs: &[u8], opts: &Options) -> bool {
    let norm = |m: &[u8]| {
        ElementString::parse_message(m, opts)
            .ok()
            .map(|e| e.to_bracketed())
    };
    ours == theirs || (norm(ours).is_some() && norm(ours) == norm(theirs))
}

fn same_scan(ours: &Option<Vec<u8>>, theirs: &Option<Vec<u8>>, opts: &Options) -> bool {
    match (ours, theirs) {
        (Some(a), Some(b)) if a != b => {
            let norm = |m: &[u8]| ScanData::parse(m, opts).ok().map(|s| format!("{s:?}"));
            norm(a).is_some() && norm(a) == norm(b)
        }
        (a, b) => a == b,
    }
}

fn equivalent(ours: &Outcome, theirs: &Outcome, opts: &Options) -> bool {
    match (ours, theirs) {
        (
            Outcome::Ok {
                element_string: e1,
                bracketed: b1,
                hri: h1,
                scan_data: s1,
                sym: y1,
            },
            Outcome::Ok {
                element_string: e2,
                bracketed: b2,
                hri: h2,
                scan_data: s2,
                sym: y2,
            },
        ) => {
            same_message(e1, e2, opts)
                && b1 == b2
                && h1 == h2
                && same_scan(s1, s2, opts)
                && y1 == y2
        }
        (a, b) => a == b,
    }
}

#[test]
fn engine_message_vectors() {
    let Some(dir) = common::data_dir("GS1 message vectors (ai/raw/scan)") else {
        return;
    };
    let rows = read_tsv(&dir.join("gs1/vectors/vectors-public.tsv"));
    let known = known_differences(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/known-differences.tsv"),
    );
    let (mut total, mut pass, mut listed) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for row in &rows {
        if row.get("oracle") != "engine" || !matches!(row.get("kind"), "ai" | "raw" | "scan") {
            continue;
        }
        total += 1;
        let input = row.bytes("input").unwrap_or_default();
        let ours = run(row, &input);
        let theirs = expected(row, &input);
        let id = row.get("id");
        if equivalent(&ours, &theirs, &options(row)) {
            pass += 1;
            if known.contains_key(id) {
                unexpected.push(format!("{id}: passes but is listed as a known difference"));
            }
        } else if known.contains_key(id) {
            listed += 1;
        } else {
            unexpected.push(format!(
                "{id} [{}] {:?}\n    ours:     {ours:?}\n    expected: {theirs:?}",
                row.get("kind"),
                String::from_utf8_lossy(&input)
            ));
        }
    }
    println!(
        "GS1 message vectors (ai/raw/scan): {pass}/{total} pass ({:.1}%), {listed} known differences",
        100.0 * pass as f64 / total as f64
    );
    assert!(
        unexpected.is_empty(),
        "{} unexpected results:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(pass as f64 >= 0.98 * total as f64, "below the 98% target");
}
