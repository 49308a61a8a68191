//! Conformance of `serialkit_gs1::lint` with the GS1 Barcode Syntax Tests
//! vectors (`gs1/vectors/lint-vectors-public.tsv` of the shared data: the
//! reference linters' own unit-test cases, re-verified against the engine).
//!
//! Every row is run; a row passes when the outcome (ok or error), the error
//! code and the error span all agree. A difference fails the test unless
//! `tests/lint-known-differences.tsv` lists the row id with a reason.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::vectors::{self, unescape};
use serialkit_gs1::lint::{LintErrorKind, Linter};

const SUITE: &str = "gs1 lint vectors";

/// Every span `(start, end)` that `markup` (the input with its error span
/// enclosed in `*`) can denote. Usually one; several when the input itself
/// contains `*` next to the span.
fn spans_of(input: &[u8], markup: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if markup.len() != input.len() + 2 {
        return spans;
    }
    for start in 0..=input.len() {
        if markup[..start] != input[..start] || markup[start] != b'*' {
            continue;
        }
        for end in start..=input.len() {
            if markup[start + 1..end + 1] == input[start..end]
                && markup[end + 1] == b'*'
                && markup[end + 2..] == input[end..]
            {
                spans.push((start, end));
            }
        }
    }
    spans
}

/// Row ids whose difference is known and explained.
fn known_differences() -> HashMap<String, String> {
    let known = vectors::known_differences(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint-known-differences.tsv"),
    );
    for (id, reason) in &known {
        assert!(!reason.is_empty(), "known difference {id} has no reason");
    }
    known
}

#[test]
fn lint_vectors() {
    let Some(dir) = common::data_dir(SUITE) else {
        return;
    };
    let path = dir.join("gs1/vectors/lint-vectors-public.tsv");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if std::env::var_os("CI").is_none() => {
            println!("{SUITE}: skipped, cannot read {}: {e}", path.display());
            return;
        }
        Err(e) => panic!("{SUITE}: cannot read {}: {e}", path.display()),
    };
    let known = known_differences();

    let mut total = 0;
    let mut passed = 0;
    let mut failures = Vec::new();
    let mut ids = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 6, "short row: {line}");
        let (id, name, input, expect, code, markup) =
            (cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        ids.push(id.to_string());
        total += 1;

        let Some(linter) = Linter::from_name(name) else {
            failures.push(format!("{id}: unknown linter {name}"));
            continue;
        };
        let input = unescape(input);
        let got = linter.check(&input);

        let verdict = match (expect, &got) {
            ("ok", Ok(())) => Ok(()),
            ("ok", Err(e)) => Err(format!("expected ok, got {} {:?}", e.kind, e.span)),
            ("error", Ok(())) => Err(format!("expected {code} {markup}, got ok")),
            ("error", Err(e)) => {
                let expected_kind = LintErrorKind::from_code(code);
                let spans = spans_of(&input, &unescape(markup));
                if expected_kind != Some(e.kind) {
                    Err(format!("expected {code}, got {}", e.kind))
                } else if !spans.contains(&(e.span.start, e.span.end)) {
                    Err(format!(
                        "{code}: expected span {markup} {spans:?}, got {:?}",
                        e.span
                    ))
                } else {
                    Ok(())
                }
            }
            (other, _) => Err(format!("unknown expectation {other}")),
        };
        match verdict {
            Ok(()) => passed += 1,
            Err(why) if known.contains_key(id) => {
                println!("{id} ({name}): known difference: {why} ({})", known[id]);
            }
            Err(why) => failures.push(format!("{id} ({name}, {:?}): {why}", cols[2])),
        }
    }

    println!("lint vectors: {passed}/{total} pass");
    for id in known.keys() {
        assert!(ids.contains(id), "known difference {id} is not a vector id");
    }
    assert!(total > 0, "no vectors read from {}", path.display());
    assert!(
        failures.is_empty(),
        "{} unexpected differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn markup_spans() {
    assert_eq!(spans_of(b"1234", b"12*3*4"), vec![(2, 3)]);
    assert_eq!(spans_of(b"", b"**"), vec![(0, 0)]);
    assert_eq!(spans_of(b"*", b"***"), vec![(0, 0), (0, 1), (1, 1)]);
    assert_eq!(unescape("{GS}a{x7B}{xFF}"), b"\x1da{\xff");
    assert_eq!(unescape("{EMPTY}"), b"");
}
