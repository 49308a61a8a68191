//! The `serialkit epcis` commands as a user runs them.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn serialkit() -> Command {
    Command::cargo_bin("serialkit").expect("binary built")
}

fn corpus() -> Option<PathBuf> {
    let base = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let dir = base.join("epcis");
    if dir.join("README.md").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "EPCIS corpus missing at {}",
        dir.display()
    );
    println!(
        "epcis cli: skipped, EPCIS corpus not found at {}",
        dir.display()
    );
    None
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn hash_prints_one_id_per_event_matching_the_reference() {
    let Some(d) = corpus() else { return };
    let ex = d.join("eventhash/ralphtro/examples/epcisDocWithVariousEventTypes.xml");
    let expected = std::fs::read_to_string(ex.with_extension("hashes")).unwrap();
    let out = serialkit()
        .args(["epcis", "hash"])
        .arg(&ex)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let got: Vec<String> = json_lines(&out)
        .iter()
        .map(|v| v["hash"].as_str().unwrap().to_owned())
        .collect();
    let want: Vec<String> = expected.lines().map(str::to_owned).collect();
    assert_eq!(got, want);
}

#[test]
fn hash_explain_and_diff() {
    let Some(d) = corpus() else { return };
    let f = d.join("eventhash/ralphtro/examples/persistentDisposition.jsonld");
    let out = serialkit()
        .args(["epcis", "hash", "--explain"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert!(
        lines[0]["prehash"]
            .as_str()
            .unwrap()
            .starts_with("eventType=ObjectEvent")
    );
    let out = serialkit()
        .args(["epcis", "hash", "--diff", "0,1"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let diff = &json_lines(&out)[0];
    assert_eq!(diff["equal"], false);
    assert!(diff["diff"].as_array().unwrap().iter().any(|l| {
        l.as_str()
            .unwrap()
            .starts_with("- persistentDispositionset=")
    }));
}

#[test]
fn validate_exits_1_with_located_diagnostics() {
    let Some(d) = corpus() else { return };
    let bad = d
        .join("public/openepcis/2.0__XML__Capture__Invalid__ObjectEvent_with_near_miss_action.xml");
    let good = d.join("public/gs1/XML__Example_9.6.1-ObjectEvent-2020_06_18a.xml");
    let out = serialkit()
        .args(["epcis", "validate"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let reports = json_lines(&out);
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[1]["valid"], false);
    let diag = &reports[1]["diagnostics"][0];
    assert_eq!(diag["location"]["line"], 13);
    assert_eq!(diag["code"], "bad-value");
    serialkit()
        .args(["epcis", "validate"])
        .arg(&good)
        .assert()
        .success();
}

#[test]
fn convert_from_stdin_to_each_format_and_back() {
    let Some(d) = corpus() else { return };
    let src = std::fs::read(
        d.join("public/openepcis/1.2__XML__Capture__Documents__GS1_US_Pharma_Example_2_2_1_1.xml"),
    )
    .unwrap();
    let json = serialkit()
        .args(["epcis", "convert", "-", "--to", "jsonld"])
        .write_stdin(src.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(json.clone()).unwrap();
    assert!(
        text.contains("\"sbdh:StandardBusinessDocumentHeader\""),
        "SBDH kept"
    );
    assert!(
        text.contains("\"bizStep\": \"commissioning\""),
        "bare words in JSON-LD"
    );
    assert!(
        text.contains("gs1ushc:dscsaTransactionStatement"),
        "DSCSA header extension kept"
    );
    let xml = serialkit()
        .args(["epcis", "convert", "-", "--to", "xml12"])
        .write_stdin(json)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let a = serialkit()
        .args(["epcis", "hash", "-"])
        .write_stdin(src)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let b = serialkit()
        .args(["epcis", "hash", "-"])
        .write_stdin(xml)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(a, b, "same events after XML 1.2 -> JSON-LD -> XML 1.2");
}

#[test]
fn stats_counts_streamed_events() {
    let Some(d) = corpus() else { return };
    let out = serialkit()
        .args(["epcis", "stats"])
        .arg(d.join(
            "public/openepcis/1.2__XML__Capture__Documents__GS1_US_Pharma_Example_2_2_1_1.xml",
        ))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = &json_lines(&out)[0];
    assert_eq!(s["events"], 8);
    assert_eq!(s["byType"]["AggregationEvent"], 4);
    assert_eq!(s["byBizStep"]["packing"], 4);
}

#[test]
fn unreadable_input_is_rejected_not_panicked() {
    let out = serialkit()
        .args(["epcis", "hash", "-"])
        .write_stdin("<epcis:EPCISDocument")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_lines(&out)[0]["ok"], false);
    serialkit()
        .args(["epcis", "stats", "-"])
        .write_stdin("not epcis")
        .assert()
        .code(1);
}

#[test]
fn hash_of_a_bare_event() {
    let Some(d) = corpus() else { return };
    let f = d.join("public/openepcis/2.0__XML__Capture__Events__AggregationEvent.xml");
    let bytes = std::fs::read(&f).unwrap();
    let serialkit_epcis::Message::Event { event, .. } =
        serialkit_epcis::read_message(&bytes[..]).unwrap()
    else {
        panic!("a bare event");
    };
    let want = serialkit_epcis::hash::event_hash(&event);
    let out = serialkit()
        .args(["epcis", "hash"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "one hash for the one event");
    assert_eq!(lines[0]["index"], 0);
    assert_eq!(lines[0]["hash"], want.as_str());
    let out = serialkit()
        .args(["epcis", "hash", "--explain"])
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        json_lines(&out)[0]["prehash"]
            .as_str()
            .unwrap()
            .starts_with("eventType=AggregationEvent")
    );
}

/// A JSON-LD document whose second event cannot be read.
const BAD_SECOND_EVENT: &str = r#"{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
  "epcisBody": {"eventList": [
    {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "ADD", "epcList": ["urn:epc:id:sgtin:4012345.011111.1"]},
    {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "ADDX", "epcList": []}
  ]}}"#;

#[test]
fn convert_errors_go_to_stderr_and_leave_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.xml");
    let out = serialkit()
        .args(["epcis", "convert", "-", "--to", "xml", "-o"])
        .arg(&target)
        .write_stdin(BAD_SECOND_EVENT)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = json_lines(&out.stderr);
    let last = err.last().unwrap();
    assert_eq!(last["ok"], false);
    assert_eq!(last["error"]["code"], "bad-value");
    assert_eq!(
        last["error"]["location"]["pointer"],
        "/epcisBody/eventList/1/action"
    );
    assert!(!target.exists(), "no partial output");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );

    // To stdout the document streams: the error is on stderr, not mixed in.
    let out = serialkit()
        .args(["epcis", "convert", "-", "--to", "xml"])
        .write_stdin(BAD_SECOND_EVENT)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("<?xml"), "{stdout}");
    assert!(!stdout.contains("\"ok\""), "{stdout}");
    assert_eq!(json_lines(&out.stderr).last().unwrap()["ok"], false);

    // A good conversion replaces the target in one step.
    let good = BAD_SECOND_EVENT.replace("ADDX", "ADD");
    std::fs::write(&target, "old").unwrap();
    serialkit()
        .args(["epcis", "convert", "-", "--to", "xml", "-o"])
        .arg(&target)
        .write_stdin(good)
        .assert()
        .success();
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("<action>ADD</action>"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn validate_reports_an_unreadable_input_and_goes_on() {
    let Some(d) = corpus() else { return };
    let good = d.join("public/gs1/XML__Example_9.6.1-ObjectEvent-2020_06_18a.xml");
    let out = serialkit()
        .args(["epcis", "validate"])
        .arg(&good)
        .arg("/nonexistent/missing.xml")
        .arg(&good)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0]["valid"], true);
    assert_eq!(reports[1]["input"], "/nonexistent/missing.xml");
    assert_eq!(reports[1]["valid"], false);
    assert_eq!(reports[1]["diagnostics"][0]["code"], "io");
    assert_eq!(reports[2]["valid"], true);
}

#[test]
fn validate_lenient_order() {
    let Some(d) = corpus() else { return };
    let jumbled = d.join("public/openepcis/2.0__XML__Capture__Documents__JumbledFieldsOrder.xml");
    serialkit()
        .args(["epcis", "validate"])
        .arg(&jumbled)
        .assert()
        .code(1);
    let out = serialkit()
        .args(["epcis", "validate", "--lenient-order"])
        .arg(&jumbled)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r = &json_lines(&out)[0];
    assert_eq!(r["valid"], true);
    assert_eq!(r["warnings"][0]["code"], "order");
}

#[test]
fn stats_names_the_real_root() {
    let Some(d) = corpus() else { return };
    let out = serialkit()
        .args(["epcis", "stats"])
        .arg(d.join("public/openepcis/2.0__XML__Capture__Events__AggregationEvent.xml"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = &json_lines(&out)[0];
    assert_eq!(s["document"], "AggregationEvent");
    assert_eq!(s["events"], 1);
    let out = serialkit()
        .args(["epcis", "stats"])
        .arg(d.join(
            "public/openepcis/1.2__XML__Capture__Documents__GS1_US_Pharma_Example_2_2_1_1.xml",
        ))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_lines(&out)[0]["document"], "EPCISDocument");
}
