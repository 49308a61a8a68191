//! The `serialkit serial` commands as a user runs them: a pool created in a
//! store directory, serials allocated, verified and reported, a guessable
//! pool refused, the key file kept private, pools of one GTIN never
//! sharing a serial, SSCC pools printing SSCCs.

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
    // Each serial with the element string it makes.
    for (s, id) in v["serials"]
        .as_array()
        .unwrap()
        .iter()
        .zip(v["identifiers"].as_array().unwrap())
    {
        assert_eq!(
            id.as_str().unwrap(),
            format!("(01)09521234543213(21){}", s.as_str().unwrap())
        );
    }

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
    // Whole SSCCs, check digit included; verify takes them back.
    let first = lines.lines().next().unwrap().to_owned();
    assert_eq!(first.len(), 18);
    assert!(first.starts_with("09521234"));
    let sscc: serialkit_gs1::Sscc = first.parse().expect("a valid SSCC");
    assert_eq!(sscc.as_str(), first);
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
    assert_eq!(v["verdict"], "issued");
    assert_eq!(v["identifier"].as_str().unwrap(), first);
    let json: Value = serde_json::from_str(&stdout(
        serialkit(dir.path()).args([
            "serial",
            "allocate",
            "pallets",
            "--count",
            "2",
            "--json",
            "--store",
            "st",
            "--key-file",
            key.to_str().unwrap(),
        ]),
        0,
    ))
    .unwrap();
    let reference = json["serials"][1].as_str().unwrap();
    let id = json["identifiers"][1].as_str().unwrap();
    assert_eq!(reference.len(), 9);
    assert_eq!(&id[8..17], reference);
    // Without the key the random pool cannot be opened.
    serialkit(dir.path())
        .args([
            "serial", "allocate", "pallets", "--count", "1", "--store", "st",
        ])
        .assert()
        .code(2);
}

fn allocate(dir: &std::path::Path, pool: &str, n: &str) -> Vec<String> {
    stdout(
        serialkit(dir).args(["serial", "allocate", pool, "--count", n]),
        0,
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

/// The audit's reproduction: two pools of one GTIN in one store, with the
/// same default key, printed the same serials. Now each pool of the GTIN
/// is laid out after the others, whatever the strategies and lots.
#[test]
fn pools_of_one_gtin_never_share_a_serial() {
    for (sa, sb) in [
        ("random", "random"),
        ("sequential", "sequential"),
        ("random", "sequential"),
    ] {
        for lots in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            for (name, strategy, lot) in [("a", sa, "L1"), ("b", sb, "L2")] {
                let scope = if lots {
                    format!("gtin:09521234543213/lot:{lot}")
                } else {
                    "gtin:09521234543213".to_owned()
                };
                let mut args = vec![
                    "serial",
                    "pool",
                    "create",
                    name,
                    "--scope",
                    &scope,
                    "--strategy",
                    strategy,
                ];
                if strategy == "sequential" {
                    args.push("--allow-guessable");
                }
                stdout(serialkit(dir.path()).args(&args), 0);
            }
            let a = allocate(dir.path(), "a", "500");
            let b = allocate(dir.path(), "b", "500");
            let all: std::collections::HashSet<&String> = a.iter().chain(&b).collect();
            assert_eq!(all.len(), 1000, "{sa}/{sb} lots {lots}: a serial repeats");
            if sa == "sequential" && sb == "sequential" {
                // The second pool numbers on after the first's half.
                assert_eq!(a[0], "000000000000");
                assert_eq!(b[0], "I00000000000");
            }
        }
    }
}

/// A second pool of the GTIN whose format could print the first pool's
/// serials differently is refused, and leaves no key file behind.
#[test]
fn clashing_formats_are_refused_without_a_key_file() {
    let dir = tempfile::tempdir().unwrap();
    stdout(
        serialkit(dir.path()).args([
            "serial",
            "pool",
            "create",
            "a",
            "--gtin",
            "09521234543213",
            "--key-file",
            "a.key",
        ]),
        0,
    );
    let out = serialkit(dir.path())
        .args([
            "serial",
            "pool",
            "create",
            "b",
            "--gtin",
            "09521234543213",
            "--alphabet",
            "numeric",
            "--key-file",
            "b.key",
        ])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let msg = String::from_utf8(out).unwrap();
    assert!(msg.contains("pool \"a\""), "{msg}");
    assert!(!dir.path().join("b.key").exists());
    // A numeric format of another length cannot meet the first: accepted.
    stdout(
        serialkit(dir.path()).args([
            "serial",
            "pool",
            "create",
            "b",
            "--gtin",
            "09521234543213",
            "--alphabet",
            "numeric",
            "--length",
            "14",
            "--key-file",
            "b.key",
        ]),
        0,
    );
    assert!(dir.path().join("b.key").exists());
}

/// A sequential GTIN pool is refused in the CLI's terms, and a refused pool
/// writes no key.
#[test]
fn refusals_speak_cli_and_write_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let msg = String::from_utf8(
        serialkit(dir.path())
            .args([
                "serial",
                "pool",
                "create",
                "seq",
                "--gtin",
                "09521234543213",
                "--strategy",
                "sequential",
            ])
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap();
    assert!(msg.contains("--allow-guessable"), "{msg}");
    assert!(!msg.contains("GuessPolicy"), "{msg}");
    serialkit(dir.path())
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
        .code(1);
    assert!(!dir.path().join("serialkit-data/serial.key").exists());
}
