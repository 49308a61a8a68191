//! `serialkit encode qr|microqr|rmqr|code128` and `serialkit decode`.
use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (Value, bool) {
    let out = Command::cargo_bin("serialkit")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    (
        serde_json::from_str(line.lines().next().unwrap()).unwrap(),
        out.status.success(),
    )
}

#[test]
fn qr_json_shape() {
    let (v, ok) = run(&[
        "encode",
        "qr",
        "--gs1",
        "--json",
        "--ecc",
        "M",
        "(01)09521234543213(17)261231(10)ABC1234567(21)SN12345678901234",
    ]);
    assert!(ok);
    assert_eq!(v["symbology"], "qr");
    assert_eq!(v["version"], "3");
    assert_eq!(v["ecc"], "M");
    assert!(v["mask"].as_u64().unwrap() < 8);
    assert_eq!(v["rows"], 29);
    assert_eq!(v["modules"].as_array().unwrap().len(), 29);
    assert_eq!(v["symbology_identifier"], "]Q3");
}

#[test]
fn code128_json_shape_and_print_widths() {
    let (v, ok) = run(&[
        "encode",
        "code128",
        "--gs1",
        "--json",
        "--x-dots",
        "3",
        "--bar-width-reduction",
        "1",
        "(01)09521234543213(10)ABC",
    ]);
    assert!(ok);
    assert_eq!(v["width_modules"], 189);
    assert_eq!(v["modules"].as_array().unwrap().len(), 1);
    assert_eq!(v["modules"][0].as_str().unwrap().len(), 189);
    assert_eq!(v["hri"], "(01) 09521234543213 (10) ABC");
    let widths = v["print_widths_dots"].as_array().unwrap();
    assert_eq!(widths[0], 5); // a 2-module bar: 6 dots minus 1
}

#[test]
fn gs1_128_limit_is_an_error() {
    let (v, ok) = run(&[
        "encode",
        "code128",
        "--gs1",
        "(01)09521234543213(10)ABCDEFGHIJKLMNOPQRST(21)ABCDEFGHIJKLMNOPQRST",
    ]);
    assert!(!ok);
    assert!(v["error"].as_str().unwrap().contains("48"));
}

#[test]
fn encode_then_decode() {
    let dir = tempfile::tempdir().unwrap();
    for (sym, data, id) in [
        ("qr", "(01)09521234543213(10)ABC", "]Q3"),
        ("rmqr", "(01)09521234543213(10)ABC", "]Q3"),
        ("code128", "(01)09521234543213(10)ABC", "]C1"),
    ] {
        let path = dir.path().join(format!("{sym}.png"));
        let p = path.to_str().unwrap();
        let (_, ok) = run(&["encode", sym, "--gs1", "--module-px", "4", "-o", p, data]);
        assert!(ok);
        let (v, ok) = run(&["decode", p]);
        assert!(ok, "{v}");
        assert_eq!(v["symbology_identifier"], id);
        assert_eq!(v["gs1"], "(01)09521234543213(10)ABC");
    }
    let path = dir.path().join("m.png");
    let p = path.to_str().unwrap();
    let (v, ok) = run(&[
        "encode",
        "microqr",
        "--module-px",
        "4",
        "-o",
        p,
        "HELLO 123",
    ]);
    assert!(ok);
    assert_eq!(v["version"], "M3");
    let (v, _) = run(&["decode", p]);
    assert_eq!(v["text"], "HELLO 123");
    assert_eq!(v["symbology"], "microqr");
}
