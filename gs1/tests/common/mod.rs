//! Locating the shared conformance data (`../shared/data` beside the
//! workspace, or `$SERIALKIT_TEST_DATA`).
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;

/// The folder of the shared standards data, or `None` (after printing one
/// line naming the skipped suite) when it is absent outside CI. Under `CI`
/// a missing folder fails the test.
pub mod vectors;

pub fn data_dir(suite: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("SERIALKIT_TEST_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    let why = format!(
        "{suite}: skipped, shared test data not found at {} (set SERIALKIT_TEST_DATA)",
        dir.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{why}; CI is set, so missing conformance data is a failure");
    }
    println!("{why}");
    None
}
