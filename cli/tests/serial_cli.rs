//! The `serialkit serial` commands as a user runs them: a pool created in a
//! store directory, serials allocated, verified and reported, a guessable
//! pool refused, the key file kept private.

use assert_cmd::Command;
use serde_json::Value;

fn serialkit(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("serialkit").expect("binary built");
    c.current_dir(dir);
    c
}

fn stdout(c: &mut Command, code: i32) -> String {
    String::from_utf8(c.assert().code(code).get_output().stdout.clone()).unwrap()
}

#[test]
fn create_allocate_verify_report() {
    let dir = tempfile::tempdir().unwrap();
    let created = stdout(
        serialkit(dir.path()).args([
            "serial",
            "pool",
            "create",
            "tablets",
            "--gtin",
            "09521234543213",
        ]),
        0,
    );
    let v: Value = serde_json::from_str(&created).unwrap();
    assert_eq!(v["scope"], "gtin:09521234543213");
    assert_eq!(v["guessability"]["satisfied"], true);

    let key = dir.path().join("serialkit-data/serial.key");
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let lines = stdout(
        serialkit(dir.path()).args(["serial", "allocate", "tablets", "--count", "20"]),
        0,
    );
    let serials: Vec<&str> = lines.lines().collect();
    assert_eq!(serials.len(), 20);
    assert!(serials.iter().all(|s| s.len() == 12));
    let unique: std::collections::HashSet<_> = serials.iter().collect();
    assert_eq!(unique.len(), 20);

    let verified = stdout(
        serialkit(dir.path()).args(["serial", "verify", "tablets", serials[7]]),
        0,
    );
    let v: Value = serde_json::from_str(&verified).unwrap();
    assert_eq!(v["verdict"], "issued");
    assert_eq!(v["index"], 7);
    assert_eq!(
        v["identifier"],
        format!("(01)09521234543213(21){}", serials[7])
    );
    let not = stdout(
        serialkit(dir.path()).args(["serial", "verify", "tablets", "NOT-A-SERIAL"]),
        1,
    );
    assert!(not.contains("not_issued"));

    let json = stdout(
        serialkit(dir.path()).args(["serial", "allocate", "tablets", "--count", "3", "--json"]),
        0,
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["granted"], 3);
    assert_eq!(v["serials"].as_array().unwrap().len(), 3);

    let report = stdout(
        serialkit(dir.path()).args(["serial", "report", "tablets"]),
        0,
    );
    let v: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["issued"], 23);
    assert_eq!(v["leases"], 2);
    assert!(v["guessability"]["bound_now"].as_f64().unwrap() < 1e-10);
}

#[test]
fn guessable_pool_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let out = serialkit(dir.path())
        .args([
            "serial",
            "pool",
            "create",
            "weak",
            "--gtin",
            "09521234543213",
            "--alphabet",
            "numeric",
            "--length",
            "8",
            "--forecast",
            "10000000",
        ])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let msg = String::from_utf8(out).unwrap();
    assert!(msg.contains("P(guess)"), "{msg}");
    assert!(msg.contains("fixed length 12"), "{msg}");
}

#[test]
fn sscc_pool_with_explicit_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("k.hex");
    stdout(
        serialkit(dir.path()).args([
            "serial",
            "pool",
            "create",
            "pallets",
            "--scope",
            "sscc:0+9521234",
            "--allow-guessable",
            "--key-file",
            key.to_str().unwrap(),
            "--store",
            "st",
        ]),
        0,
    );
    assert!(key.exists());
    assert!(!dir.path().join("st/serial.key").exists());
    let lines = stdout(
        serialkit(dir.path()).args([
            "serial",
            "allocate",
            "pallets",
            "--count",
            "2",
            "--store",
            "st",
            "--key-file",
            key.to_str().unwrap(),
        ]),
        0,
    );
    let first = lines.lines().next().unwrap().to_owned();
    assert_eq!(first.len(), 9);
    let v: Value = serde_json::from_str(&stdout(
        serialkit(dir.path()).args([
            "serial",
            "verify",
            "pallets",
            &first,
            "--store",
            "st",
            "--key-file",
            key.to_str().unwrap(),
        ]),
        0,
    ))
    .unwrap();
    let sscc = v["identifier"].as_str().unwrap();
    assert_eq!(sscc.len(), 18);
    assert!(sscc.starts_with("09521234"));
    // Without the key the random pool cannot be opened.
    serialkit(dir.path())
        .args([
            "serial", "allocate", "pallets", "--count", "1", "--store", "st",
        ])
        .assert()
        .code(2);
}
