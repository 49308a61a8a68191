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

/// The errors of one input line, as `(kind, span)`, each span checked to lie
/// within the input.
fn errors_of(args: &[&str], input: &str) -> Vec<(String, [usize; 2])> {
    let out = serialkit()
        .args(["gs1", "parse"])
        .args(args)
        .arg(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = &json_lines(&out)[0];
    v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let span = [
                e["span"][0].as_u64().unwrap() as usize,
                e["span"][1].as_u64().unwrap() as usize,
            ];
            assert!(
                span[0] <= span[1] && span[1] <= input.len(),
                "span {span:?} outside the {}-byte input {input:?}",
                input.len()
            );
            (e["kind"].as_str().unwrap().to_owned(), span)
        })
        .collect()
}

#[test]
fn ean_upc_composite_errors_point_into_the_scan_data() {
    // (02) may not go with the EAN-13's GTIN: the report names one of the
    // two elements where they are in the 36-byte input.
    let e = errors_of(&["--no-req"], "]E09521234543213|]e00209521234543213");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "INVALID_AI_PAIRS");
    assert!(e[0].1 == [3, 16] || e[0].1 == [20, 36], "{e:?}");
    // (01) again in the composite, with another value: the composite's copy.
    let e = errors_of(&["--no-req"], "]E09521234543213|]e00109521234543220");
    assert_eq!(
        e,
        vec![("INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES".to_owned(), [20, 36])]
    );
    // EAN-8 with (37): (01) and (37) exclude each other.
    let e = errors_of(&["--no-req"], "]E495210001|]e0370");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "INVALID_AI_PAIRS");
    assert!(e[0].1 == [3, 11] || e[0].1 == [15, 18], "{e:?}");
    // With requirements on, the composite's (10) is satisfied by the GTIN.
    let out = serialkit()
        .args(["gs1", "parse", "]E09521234543213|]e010ABC"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json_lines(&out)[0]["bracketed"],
        "(01)09521234543213|(10)ABC"
    );
}

#[test]
fn unrecognised_input_says_what_it_is() {
    let out = serialkit()
        .args(["gs1", "parse", "-"])
        .write_stdin("\n0109521234543213\n]d1HELLO\n]C0abc\nhello world\n]E112\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let first = |i: usize| lines[i]["errors"][0].clone();
    assert_eq!(first(0)["kind"], "EMPTY_INPUT");
    assert_eq!(first(1)["kind"], "MISSING_FNC1_IN_FIRST_POSITION");
    for i in [2, 3] {
        assert_eq!(first(i)["kind"], "SCAN_DATA_IS_NOT_GS1_CONTENT");
        assert_eq!(first(i)["span"], serde_json::json!([0, 3]));
        assert!(
            first(i)["message"].as_str().unwrap().contains("plain mode"),
            "{}",
            first(i)
        );
    }
    assert_eq!(first(4)["kind"], "UNRECOGNISED_INPUT");
    assert!(
        first(4)["message"]
            .as_str()
            .unwrap()
            .starts_with("unrecognised input: expected (AI)"),
        "{}",
        first(4)
    );
    assert_eq!(first(5)["kind"], "SCAN_DATA_IS_NOT_GS1_CONTENT");
    // Not a single "not valid text" among them.
    assert!(!String::from_utf8_lossy(&out).contains("not valid text"));
}

#[test]
fn titled_hri_is_detected() {
    let out = serialkit()
        .args(["gs1", "parse", "-"])
        .write_stdin("GTIN (01) 09521234543213\nNET WEIGHT (kg) (3103) 000525\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["bracketed"], "(01)09521234543213");
    // (3103) alone lacks its GTIN: an HRI validation error, not a detection
    // failure.
    assert_eq!(lines[1]["errors"][0]["kind"], "REQUIRED_AIS_NOT_SATISFIED");
    assert_eq!(lines[1]["errors"][0]["ai"], "3103");
}

#[test]
fn a_length_error_brings_no_requirement_error() {
    let e = errors_of(&[], "(01)123(10)ABC");
    assert_eq!(e, vec![("AI_VALUE_IS_TOO_SHORT".to_owned(), [4, 7])]);
}

#[test]
fn add_ons_are_read_and_printed() {
    let out = serialkit()
        .args(["gs1", "parse", "-"])
        .write_stdin("]E3952123454321312\n]E09521234543213]E254321\n]E09521234543213\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["add_on"], "12");
    assert_eq!(lines[0]["ais"][0]["value"], "09521234543213");
    assert_eq!(lines[1]["add_on"], "54321");
    assert!(lines[2].get("add_on").is_none());
    let e = errors_of(&[], "]E495210001]E112");
    assert_eq!(
        e,
        vec![("ADD_ON_NOT_PERMITTED_WITH_THIS_SYMBOL".to_owned(), [11, 14])]
    );
}

#[test]
fn dl_stem_must_be_an_absolute_http_url() {
    for bad in [
        "notaurl",
        "ftp://example.com",
        "https://example.com/a?x=1",
        "https://example.com/#top",
        "https://",
        "https://exa mple.com",
    ] {
        let out = serialkit()
            .args(["gs1", "parse", "--dl-stem", bad, "(01)09521234543213"])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8_lossy(&out);
        assert!(err.contains("--dl-stem"), "{bad}: {err}");
    }
    for good in [
        "https://example.com",
        "HTTPS://EXAMPLE.COM/",
        "http://a.example/shop/x",
    ] {
        let out = serialkit()
            .args(["gs1", "parse", "--dl-stem", good, "(01)09521234543213"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let uri = json_lines(&out)[0]["digital_link"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            uri,
            format!("{}/01/09521234543213", good.trim_end_matches('/'))
        );
    }
}
