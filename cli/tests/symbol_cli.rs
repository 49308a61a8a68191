//! `serialkit encode datamatrix` and `serialkit decode` as a user runs them.

use assert_cmd::Command;
use serde_json::Value;

fn serialkit() -> Command {
    Command::cargo_bin("serialkit").expect("binary built")
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("JSON")
}

#[test]
fn encode_json_modules_then_decode_png() {
    let dir = std::env::temp_dir().join(format!("serialkit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("dm.png");
    let out = serialkit()
        .args([
            "encode",
            "datamatrix",
            "--gs1",
            "--size",
            "square",
            "--json",
            "-o",
        ])
        .arg(&png)
        .arg("(01)09506007518506(17)290315(10)P0151511(21)WX0Q1PU3AU12")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["symbology"], "datamatrix");
    assert_eq!(
        (v["rows"].as_u64(), v["cols"].as_u64()),
        (Some(22), Some(22))
    );
    assert_eq!(v["data_codewords"], 30);
    let modules = v["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 22);
    assert_eq!(modules[0], "1010101010101010101010");
    assert_eq!(modules[21], "1111111111111111111111");

    let out = serialkit()
        .arg("decode")
        .arg(&png)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["ok"], true);
    assert_eq!(v["symbology_identifier"], "]d2");
    assert_eq!(
        v["gs1"],
        "(01)09506007518506(17)290315(10)P0151511(21)WX0Q1PU3AU12"
    );
    assert_eq!(
        v["text"],
        "01095060075185061729031510P0151511\u{1d}21WX0Q1PU3AU12"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn encode_errors_say_by_how_much() {
    let out = serialkit()
        .args([
            "encode",
            "datamatrix",
            "--size",
            "10x10",
            "--json",
            "12345678901234567890",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["ok"], false);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("7 codewords too many")
    );
    // Bad GS1 data is rejected before encoding.
    serialkit()
        .args(["encode", "datamatrix", "--gs1", "(01)09506000134353"])
        .assert()
        .code(1);
    // A Digital Link URI is GS1 data too: encoded as its element strings.
    let out = serialkit()
        .args([
            "encode",
            "datamatrix",
            "--gs1",
            "--json",
            "https://id.gs1.org/01/09521234543213/10/ABC?17=261231",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["rows"], 18);
    // Bad size is a usage error.
    serialkit()
        .args(["encode", "datamatrix", "--size", "13x13", "x"])
        .assert()
        .code(2);
}

#[test]
fn stdin_mode_encodes_each_line() {
    let out = serialkit()
        .args(["encode", "datamatrix", "--json", "-"])
        .write_stdin("123456\nHello, world\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["rows"], 10);
    assert_eq!(lines[1]["cols"], 32);
}

#[test]
fn decode_reports_unreadable_files() {
    let out = serialkit()
        .args(["decode", "/nonexistent.png"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["ok"], false);
}

#[test]
fn qr_gs1_dl_encodes_the_canonical_link_and_decode_reads_it_as_gs1() {
    let dir = std::env::temp_dir().join(format!("serialkit-qr-dl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("dl.png");
    let out = serialkit()
        .args([
            "encode",
            "qr",
            "--gs1-dl",
            "--dl-stem",
            "https://example.com",
            "-o",
        ])
        .arg(&png)
        .args(["--json", "(01)09521234543213(17)261231(10)ABC123"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["symbology_identifier"], "]Q1");
    let out = serialkit()
        .arg("decode")
        .arg(&png)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .eq_ignore_ascii_case("https://example.com/01/09521234543213/10/ABC123?17=261231")
    );
    assert_eq!(v["gs1"], "(01)09521234543213(10)ABC123(17)261231");
    // --dl-stem only with --gs1-dl; --gs1-dl and --gs1 exclude each other.
    serialkit()
        .args(["encode", "qr", "--gs1", "--gs1-dl", "(01)09521234543213"])
        .assert()
        .code(2);
    let _ = std::fs::remove_dir_all(&dir);
}
