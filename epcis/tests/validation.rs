//! Validation conformance: every valid `public/` document validates, every
//! invalid one is rejected for the reason `validation-expected.tsv` gives.

mod common;

use serialkit_epcis::validate::validate;
use std::collections::BTreeMap;

#[test]
fn public_corpus() {
    let Some(dir) = common::epcis_data("epcis validation") else {
        return;
    };
    let expected_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validation-expected.tsv"),
    )
    .unwrap();
    let expected: BTreeMap<&str, (&str, &str)> = expected_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((*c.first()?, (*c.get(1)?, *c.get(2)?)))
        })
        .collect();
    let known_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/validation-known-differences.tsv"),
    )
    .unwrap();
    let known: Vec<&str> = known_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    let (mut valid_ok, mut valid_total, mut invalid_ok, mut invalid_total) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for doc in common::public_docs(&dir) {
        let bytes = std::fs::read(&doc.path).unwrap();
        let report = validate(&bytes[..]);
        if doc.valid {
            valid_total += 1;
            let listed = known.contains(&doc.rel.as_str());
            if report.is_valid() && listed {
                failures.push(format!(
                    "{} validates now: remove it from validation-known-differences.tsv",
                    doc.rel
                ));
            } else if report.is_valid() {
                valid_ok += 1;
            } else if listed {
                println!(
                    "  known difference: {} rejected ({})",
                    doc.rel, report.diagnostics[0]
                );
            } else {
                failures.push(format!(
                    "{} (valid) rejected: {}",
                    doc.rel,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        } else {
            invalid_total += 1;
            let Some((code, needle)) = expected.get(doc.rel.as_str()) else {
                failures.push(format!("{}: invalid document without an expected reason in validation-expected.tsv; got {:?}", doc.rel, report.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()));
                continue;
            };
            let hit = report
                .diagnostics
                .iter()
                .any(|d| d.problem.code() == *code && d.to_string().contains(needle));
            if hit {
                invalid_ok += 1;
            } else {
                failures.push(format!(
                    "{}: expected {code} containing `{needle}`, got {:?}",
                    doc.rel,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| format!("[{}] {d}", d.problem.code()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    println!(
        "epcis validation: {valid_ok}/{valid_total} valid documents validate ({} listed known differences), {invalid_ok}/{invalid_total} invalid documents rejected for the expected reason",
        known.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
