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

/// rxing 0.9.3 cannot parse a GS1 QR Code with a literal `%`; decode
/// falls back to serialkit's QR reader (rxing's detector and sampler, then
/// Reed-Solomon and the bit-stream parser) and says so.
#[test]
fn decode_reads_gs1_qr_with_a_literal_percent() {
    let dir = tempfile::tempdir().unwrap();
    for sym in ["qr", "rmqr"] {
        let path = dir.path().join(format!("{sym}.png"));
        let p = path.to_str().unwrap();
        let (v, ok) = run(&["encode", sym, "--gs1", "-o", p, "(01)09521234543213(10)A%B"]);
        assert!(ok, "{v}");
        let (v, ok) = run(&["decode", p]);
        assert!(ok, "{sym}: {v}");
        assert_eq!(v["symbology"], sym);
        assert_eq!(v["symbology_identifier"], "]Q3");
        assert_eq!(v["text"], "010952123454321310A%B");
        assert_eq!(v["gs1"], "(01)09521234543213(10)A%B");
        assert!(
            v["decoded_by"] == "rxing" || v["decoded_by"] == "serialkit_qr",
            "{v}"
        );
    }
}

#[test]
fn outputs_other_than_png_and_svg_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for sym in ["qr", "microqr", "rmqr", "code128"] {
        for ext in ["jpg", "PNGX", "txt"] {
            let path = dir.path().join(format!("{sym}.{ext}"));
            let (v, ok) = run(&["encode", sym, "-o", path.to_str().unwrap(), "12345"]);
            assert!(!ok, "{sym}.{ext}: {v}");
            assert!(
                v["error"]
                    .as_str()
                    .unwrap()
                    .ends_with("output file must end in .png or .svg"),
                "{v}"
            );
            assert!(!path.exists(), "{sym}.{ext} written");
        }
    }
}

#[test]
fn no_data_and_bad_options_are_clear_errors() {
    for sym in ["qr", "microqr", "rmqr", "code128"] {
        let (v, ok) = run(&["encode", sym, ""]);
        assert!(!ok);
        assert_eq!(v["error"], "no data to encode", "{sym}");
    }
    let (v, ok) = run(&["encode", "code128", "--json", "--x-dots", "0", "ABC"]);
    assert!(!ok);
    assert_eq!(v["error"], "the X-dimension must be at least 1 dot");
    let (v, ok) = run(&[
        "encode",
        "code128",
        "--json",
        "--x-dots",
        "2",
        "--bar-width-reduction",
        "2",
        "ABC",
    ]);
    assert!(!ok);
    assert_eq!(
        v["error"],
        "bar width reduction of 2 dots must be less than the X-dimension of 2 dots"
    );
    let (v, ok) = run(&["encode", "microqr", "--version", "M3", "--ecc", "Q", "123"]);
    assert!(!ok);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .starts_with("Micro QR M3 has no level Q: M1 has error detection only (L)"),
        "{v}"
    );
}

/// The --json keys of the QR family: `version` is a string ("3", "M3",
/// "R11x43"), `ecc` a letter, `mask` a number (not for rMQR, which has one
/// fixed mask).
#[test]
fn qr_family_json_keys() {
    for (sym, data, version, mask) in [
        ("qr", "HELLO", "1", true),
        ("microqr", "HELLO", "M2", true),
        ("rmqr", "HELLO", "R11x27", false),
    ] {
        let (v, ok) = run(&["encode", sym, "--json", data]);
        assert!(ok, "{v}");
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = vec![
            "cols",
            "data_codewords",
            "ecc",
            "modules",
            "ok",
            "rows",
            "symbology",
            "symbology_identifier",
            "version",
        ];
        if mask {
            want.push("mask");
            want.sort_unstable();
        }
        assert_eq!(keys, want, "{sym}");
        assert_eq!(v["version"], version, "{sym}");
    }
}

#[test]
fn hri_in_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let data = "(01)09521234543213(17)261231(10)ABC";
    // One pixel per module: the text is wider than the symbol; the image
    // is widened instead of clipping it, and still decodes.
    let png = dir.path().join("h.png");
    let (v, ok) = run(&[
        "encode",
        "code128",
        "--gs1",
        "--hri",
        "--module-px",
        "1",
        "-o",
        png.to_str().unwrap(),
        data,
    ]);
    assert!(ok, "{v}");
    let img = image::open(&png).unwrap().into_luma8();
    let symbol_width = v["cols"].as_u64().unwrap() as u32 + 20;
    assert!(img.width() > symbol_width, "{} px", img.width());
    let (d, ok) = run(&["decode", png.to_str().unwrap()]);
    assert!(ok, "{d}");
    assert_eq!(d["gs1"], data);
    // SVG: the text as a second path, inside the picture.
    let svg = dir.path().join("h.svg");
    let (v, ok) = run(&[
        "encode",
        "code128",
        "--gs1",
        "--hri",
        "-o",
        svg.to_str().unwrap(),
        data,
    ]);
    assert!(ok, "{v}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<path").count(), 2);
    let plain = dir.path().join("p.svg");
    run(&[
        "encode",
        "code128",
        "--gs1",
        "-o",
        plain.to_str().unwrap(),
        data,
    ]);
    assert_eq!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .matches("<path")
            .count(),
        1
    );
}
