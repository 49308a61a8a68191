//! The `serialkit gs1` commands as a user runs them: JSON shapes, exit
//! codes, stdin line mode, hostile bytes.

use assert_cmd::Command;
use serde_json::Value;

fn serialkit() -> Command {
    Command::cargo_bin("serialkit").expect("binary built")
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn parse_prints_every_form_in_order() {
    let out = serialkit()
        .args(["gs1", "parse", "(01)09521234543213(10)ABC"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.trim_end(),
        r#"{"ok":true,"element_string":"^010952123454321310ABC","bracketed":"(01)09521234543213(10)ABC","hri":["(01) 09521234543213","(10) ABC"],"digital_link":"https://id.gs1.org/01/09521234543213/10/ABC","ais":[{"ai":"01","value":"09521234543213"},{"ai":"10","value":"ABC"}]}"#
    );
}

#[test]
fn parse_reports_all_errors_with_spans_and_exit_1() {
    let out = serialkit()
        .args(["gs1", "parse", "(01)09521234543214(17)261301"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = &json_lines(&out)[0];
    assert_eq!(v["ok"], false);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["kind"], "INCORRECT_CHECK_DIGIT");
    assert_eq!(errors[0]["ai"], "01");
    assert_eq!(errors[0]["span"], serde_json::json!([17, 18]));
    assert_eq!(errors[1]["kind"], "ILLEGAL_MONTH");
    assert_eq!(errors[1]["span"], serde_json::json!([24, 26]));
}

#[test]
fn stdin_mode_detects_each_kind_and_survives_garbage() {
    let input: &[u8] = b"^010952123454321310ABC\x1d17261231\n\
        ]d2010952123454321310ABC\x1d17261231\n\
        \xff\xfe(01\n\
        (01) 09521234543213\n\
        ]E05901234123457\n\
        [01]09521234543213[10]ABC\n\
        \n";
    let out = serialkit()
        .args(["gs1", "parse", "-"])
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0]["bracketed"], "(01)09521234543213(10)ABC(17)261231");
    assert_eq!(lines[1]["bracketed"], "(01)09521234543213(10)ABC(17)261231");
    assert_eq!(lines[2]["ok"], false);
    assert_eq!(lines[3]["element_string"], "^0109521234543213");
    assert_eq!(lines[4]["ais"][0]["value"], "05901234123457");
    assert_eq!(lines[5]["hri"][1], "(10) ABC");
    assert_eq!(lines[6]["ok"], false);
}

#[test]
fn parse_options_relax_checks() {
    serialkit()
        .args(["gs1", "parse", "(10)ABC"])
        .assert()
        .code(1);
    serialkit()
        .args(["gs1", "parse", "--no-req", "(10)ABC"])
        .assert()
        .success();
    serialkit()
        .args(["gs1", "parse", "--no-req", "(89)ABC"])
        .assert()
        .code(1);
    serialkit()
        .args(["gs1", "parse", "--no-req", "--unknown-ai", "(89)ABC"])
        .assert()
        .success();
}

#[test]
fn lint_runs_one_linter() {
    serialkit()
        .args(["gs1", "lint", "csum", "09521234543213"])
        .assert()
        .success()
        .stdout("{\"ok\":true}\n");
    let out = serialkit()
        .args(["gs1", "lint", "yymmd0", "261301"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = &json_lines(&out)[0];
    assert_eq!(v["kind"], "ILLEGAL_MONTH");
    assert_eq!(v["span"], serde_json::json!([2, 4]));
    serialkit()
        .args(["gs1", "lint", "no-such-linter", "1"])
        .assert()
        .code(2);
    let out = serialkit()
        .args(["gs1", "lint", "cset82", "-"])
        .write_stdin(&b"ABC\n\xc3\xa9\n"[..])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["kind"], "INVALID_CSET82_CHARACTER");
}

#[test]
fn parse_reads_digital_link_and_reports_ignored_query() {
    let out = serialkit()
        .args([
            "gs1",
            "parse",
            "https://example.com/shop/01/09521234543213/10/AB%2FC?17=261231&utm=qr&x",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = &json_lines(&out)[0];
    assert_eq!(v["bracketed"], "(01)09521234543213(10)AB/C(17)261231");
    assert_eq!(
        v["digital_link"],
        "https://id.gs1.org/01/09521234543213/10/AB%2FC?17=261231"
    );
    assert_eq!(v["dl_ignored_query"], "utm=qr&x");
    // A stem of one's own, and no ignored parameters: the key is absent.
    let out = serialkit()
        .args([
            "gs1",
            "parse",
            "--dl-stem",
            "https://example.com/",
            "(00)106141411234567897",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = &json_lines(&out)[0];
    assert_eq!(
        v["digital_link"],
        "https://example.com/00/106141411234567897"
    );
    assert!(v.get("dl_ignored_query").is_none());
    // A Digital Link in plain QR scan data; a bad qualifier order.
    let out = serialkit()
        .args(["gs1", "parse", "-"])
        .write_stdin("]Q1https://id.gs1.org/01/09521234543213/21/ABC\nhttps://id.gs1.org/01/09521234543213/21/S/10/L\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["bracketed"], "(01)09521234543213(21)ABC");
    assert_eq!(
        lines[1]["errors"][0]["kind"],
        "INVALID_KEY_QUALIFIER_SEQUENCE"
    );
    // Zero-suppressed GTINs only when asked for.
    serialkit()
        .args(["gs1", "parse", "https://a/01/9521234543213"])
        .assert()
        .code(1);
    serialkit()
        .args([
            "gs1",
            "parse",
            "--zero-suppressed-gtin",
            "https://a/01/9521234543213",
        ])
        .assert()
        .success();
}
