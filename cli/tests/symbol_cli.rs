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

/// Runs `serialkit` with `args`; returns exit code, stdout and stderr.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = serialkit().args(args).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bug_quiet_zone_overflow_in_text_view() {
    // Overflowed `(w * 3 + 1) * h` in render/text.rs before the limits.
    let (code, _, err) = run(&["encode", "datamatrix", "--quiet-zone", "4000000000", "X"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("quiet zone") && err.contains("0 to 1000"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bug_quiet_zone_allocates_gigabytes() {
    // Tried to allocate ~60 GB for the terminal view.
    let (code, _, err) = run(&["encode", "datamatrix", "--quiet-zone", "100000", "X"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--quiet-zone"), "{err}");
    // The largest quiet zone allowed still renders (as a refusal or a view,
    // never a panic).
    let (code, out, err) = run(&["encode", "datamatrix", "--quiet-zone", "1000", "X"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1005);
}

#[test]
fn bug_svg_size_overflow() {
    // Overflowed `w * px` in render/svg.rs.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("x.svg");
    let svg = svg.to_str().unwrap();
    for (q, px) in [
        ("4000000000", "4000000000"),
        ("1", "4000000000"),
        ("4000000000", "1"),
    ] {
        let (code, _, err) = run(&[
            "encode",
            "datamatrix",
            "--quiet-zone",
            q,
            "--module-px",
            px,
            "-o",
            svg,
            "X",
        ]);
        assert_eq!(code, Some(2), "{q} {px}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The largest accepted values give an SVG (its size does not grow with
    // the quiet zone).
    let (code, out, err) = run(&[
        "encode",
        "datamatrix",
        "--quiet-zone",
        "1000",
        "--module-px",
        "1000",
        "-o",
        svg,
        "X",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json(out.as_bytes())["file"], svg);
    let text = std::fs::read_to_string(svg).unwrap();
    assert!(text.contains(r#"width="2010000" height="2010000""#));
}

#[test]
fn bug_png_pixel_budget() {
    // 65535 x 65535 was allowed: 4 GB of pixels. The budget is 2^26.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("big.png");
    let png_arg = png.to_str().unwrap();
    let (code, out, _) = run(&[
        "encode",
        "datamatrix",
        "--module-px",
        "1000",
        "-o",
        png_arg,
        "X",
    ]);
    assert_eq!(code, Some(1));
    let v = json(out.as_bytes());
    assert_eq!(v["ok"], false);
    let error = v["error"].as_str().unwrap();
    assert!(
        error.contains("12000x12000 pixels is too large") && error.contains("67108864"),
        "{error}"
    );
    assert!(!png.exists() || std::fs::metadata(&png).unwrap().len() == 0);
    // Other bad sizes are usage errors with the accepted range.
    for args in [
        &["--module-px", "0"][..],
        &["--module-px", "1001"],
        &["--x-dim-mm", "nan", "--dpi", "300"],
        &["--x-dim-mm=-1", "--dpi", "300"],
        &["--x-dim-mm", "0.3", "--dpi", "0"],
        &["--x-dim-mm", "0.3", "--dpi", "4000000000"],
    ] {
        let mut all = vec!["encode", "datamatrix", "-o", png_arg];
        all.extend_from_slice(args);
        all.push("X");
        let (code, _, err) = run(&all);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("must be"), "{args:?}: {err}");
    }
}

/// Runs `serialkit` with its stdout a pipe that is closed before it writes.
fn run_with_closed_stdout(args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("serialkit"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // Close the read end of stdout first: every write then fails with EPIPE.
    drop(child.stdout.take());
    if let Some(mut input) = child.stdin.take() {
        // The child may already have exited; a failed write is fine.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().expect("waits");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bug_decode_broken_pipe() {
    // `serialkit decode x.png | head -c0` panicked in println!.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("dm.png");
    let png = png.to_str().unwrap();
    serialkit()
        .args(["encode", "datamatrix", "-o", png, "serialkit"])
        .assert()
        .success();
    let (code, err) = run_with_closed_stdout(&["decode", png], b"");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn bug_encode_broken_pipe() {
    let lines: String = (0..2000).map(|i| format!("{i:08}\n")).collect();
    for args in [
        &["encode", "datamatrix", "--json", "-"][..],
        &["encode", "datamatrix", "-"],
        &["encode", "datamatrix", "X"],
    ] {
        let (code, err) = run_with_closed_stdout(args, lines.as_bytes());
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

fn sorted_keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort_unstable();
    k
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = keys.iter().map(|&s| s.to_owned()).collect();
    k.sort_unstable();
    k
}

#[test]
fn json_shape_with_and_without_modules() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("dm.png");
    let png = png.to_str().unwrap();
    let base = [
        "ok",
        "symbology",
        "rows",
        "cols",
        "data_codewords",
        "symbology_identifier",
    ];
    // -o without --json: what was written, no module rows.
    let (code, out, _) = run(&[
        "encode",
        "datamatrix",
        "--gs1",
        "-o",
        png,
        "(01)09506000134352",
    ]);
    assert_eq!(code, Some(0));
    let v = json(out.as_bytes());
    assert_eq!(sorted_keys(&v), sorted(&[&base[..], &["file"]].concat()));
    assert_eq!(v["file"], png);
    assert_eq!(v["symbology_identifier"], "]d2");
    // --json with -o: everything.
    let (_, out, _) = run(&["encode", "datamatrix", "--json", "-o", png, "X"]);
    let v = json(out.as_bytes());
    assert_eq!(
        sorted_keys(&v),
        sorted(&[&base[..], &["file", "modules"]].concat())
    );
    // --json alone: no file.
    let (_, out, _) = run(&["encode", "datamatrix", "--json", "X"]);
    let v = json(out.as_bytes());
    assert_eq!(sorted_keys(&v), sorted(&[&base[..], &["modules"]].concat()));
    assert_eq!(v["modules"].as_array().unwrap().len(), 10);
}
