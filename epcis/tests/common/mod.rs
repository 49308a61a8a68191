//! Locating the shared test corpus.
#![allow(dead_code)]

use std::path::PathBuf;

/// The EPCIS corpus folder, or `None` (after printing why) when it is
/// missing outside CI. In CI a missing corpus is a failure.
pub fn epcis_data(suite: &str) -> Option<PathBuf> {
    let base = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let dir = base.join("epcis");
    if dir.join("README.md").exists() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{suite}: EPCIS corpus missing at {}", dir.display());
    }
    println!(
        "{suite}: skipped, EPCIS corpus not found at {}",
        dir.display()
    );
    None
}

/// One row of MANIFEST.tsv for a `public/` file.
pub struct PublicDoc {
    pub path: PathBuf,
    pub rel: String,
    pub format: String,
    pub kind: String,
    pub valid: bool,
}

pub fn public_docs(dir: &std::path::Path) -> Vec<PublicDoc> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut out = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 9 || cols[0] != "public" {
            continue;
        }
        out.push(PublicDoc {
            path: dir.join(cols[1]),
            rel: cols[1].to_owned(),
            format: cols[5].to_owned(),
            kind: cols[7].to_owned(),
            valid: cols[8] == "valid",
        });
    }
    out
}
