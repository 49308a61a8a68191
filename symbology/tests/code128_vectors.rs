//! Code 128 and GS1-128 rows of `shared/data/symbology/vectors.tsv`
//! (zint's test suite, re-run against zint 2.16): symbol values or module
//! rows must match exactly (zint's Code 128 encoder is minimal, and ours
//! breaks ties the same way), the width is never larger, and differences
//! must be listed in `code128-known-differences.tsv` with a reason.
mod common;

use std::collections::BTreeMap;

use serialkit_symbology::code128::{Code128, Options};
use serialkit_symbology::render::text;

fn known_differences() -> BTreeMap<String, String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/code128-known-differences.tsv"
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

#[test]
fn code128_vectors() {
    let Some(dir) = common::data_dir("code128 vectors") else {
        return;
    };
    let (header, rows) = common::read_tsv(&dir.join("vectors.tsv"));
    let known = known_differences();
    let (mut total, mut narrower_or_equal, mut exact) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut seen_known = Vec::new();
    for cells in &rows {
        let row = common::Row {
            header: &header,
            cells,
        };
        let symbology = row.get("symbology");
        if symbology != "CODE128" && symbology != "GS1_128" {
            continue;
        }
        total += 1;
        let name = format!(
            "{}/{}/{}",
            symbology,
            row.get("test_function"),
            row.get("test_index")
        );
        let data = common::unescape_c(row.get("data_escaped"));
        let code = if symbology == "GS1_128" {
            let mut s = String::from_utf8(data).unwrap();
            if row.get("input_mode").contains("GS1PARENS_MODE") {
                s = s.replace('(', "[").replace(')', "]");
            }
            Code128::encode_gs1(&common::bracketed_to_caret(&s), &Options::default())
        } else {
            Code128::encode_bytes(&data, &Options::default())
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let width: usize = row.get("expected_width").parse().unwrap();
        if code.width_modules() <= width {
            narrower_or_equal += 1;
        } else {
            failures.push(format!(
                "{name}: {} modules wide, zint {width}",
                code.width_modules()
            ));
        }
        let expected = row.get("expected");
        let same = if row.get("expected_kind").starts_with("symbol_values") {
            // "(N) v v v": N values in all, the list possibly cut short.
            let (count, list) = match expected.strip_prefix('(') {
                Some(rest) => {
                    let (n, l) = rest.split_once(") ").unwrap();
                    (Some(n.parse::<usize>().unwrap()), l)
                }
                None => (None, expected),
            };
            let values: Vec<u8> = list.split(' ').map(|v| v.parse().unwrap()).collect();
            code.values().len() == count.unwrap_or(values.len())
                && code.values().get(..values.len()) == Some(&values[..])
        } else {
            text::rows(code.grid()).lines().next() == Some(expected)
        };
        if same {
            exact += 1;
            if known.contains_key(&name) {
                failures.push(format!("{name}: listed as a known difference but matches"));
            }
        } else if known.contains_key(&name) {
            seen_known.push(name);
        } else {
            failures.push(format!(
                "{name}: values {:?} differ from zint's {expected}",
                code.values()
            ));
        }
    }
    println!(
        "code128 vectors: {narrower_or_equal}/{total} never wider, {exact}/{total} identical to zint, {} known differences",
        seen_known.len()
    );
    assert!(total >= 39);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
