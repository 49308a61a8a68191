//! `serialkit gs1 epc` as a user runs it: every input kind, the JSON shape,
//! company prefix lengths from a number or GS1's table, schemes and filters.

use assert_cmd::Command;
use serde_json::{Value, json};

fn serialkit() -> Command {
    Command::cargo_bin("serialkit").expect("binary built")
}

fn run_ok(args: &[&str]) -> Value {
    let out = serialkit()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON")
}

const TDS_EXAMPLE: &str = "3074257BF7194E4000001A85";

#[test]
fn every_input_kind_gives_every_form() {
    let want = json!({
        "ok": true,
        "element_string": "^0180614141123458216789",
        "digital_link": "https://id.gs1.org/01/80614141123458/21/6789",
        "epc_uri": "urn:epc:id:sgtin:0614141.812345.6789",
        "tag_uri": "urn:epc:tag:sgtin-96:3.0614141.812345.6789",
        "hex": TDS_EXAMPLE,
    });
    for input in [
        "(01)80614141123458(21)6789",
        "^0180614141123458216789",
        "https://example.com/01/80614141123458/21/6789",
        "urn:epc:id:sgtin:0614141.812345.6789",
    ] {
        assert_eq!(
            run_ok(&["gs1", "epc", "--gcp-length", "7", "--filter", "3", input]),
            want,
            "{input}"
        );
    }
    assert_eq!(
        run_ok(&["gs1", "epc", "urn:epc:tag:sgtin-96:3.0614141.812345.6789"]),
        want
    );
    assert_eq!(run_ok(&["gs1", "epc", TDS_EXAMPLE]), want);
    assert_eq!(run_ok(&["gs1", "epc", &TDS_EXAMPLE.to_lowercase()]), want);
}

#[test]
fn gcp_table_scheme_and_filter() {
    let Some(dir) = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            Some(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
        })
        .filter(|d| d.is_dir())
    else {
        println!(
            "gs1 epc --gcp-table: skipped, shared test data not found (set SERIALKIT_TEST_DATA)"
        );
        return;
    };
    let table = dir.join("epcis/gcpprefixformatlist-2022-04-05.xml");
    let table = table.to_str().expect("UTF-8 path");
    let v = run_ok(&["gs1", "epc", "--gcp-table", table, "(00)040123450000003338"]);
    assert_eq!(v["epc_uri"], "urn:epc:id:sscc:4012345.0000000333");
    assert_eq!(v["tag_uri"], "urn:epc:tag:sscc-96:0.4012345.0000000333");
    let v = run_ok(&[
        "gs1",
        "epc",
        "--gcp-table",
        table,
        "--scheme",
        "sgtin-198",
        "(01)80614141123458(21)6789",
    ]);
    assert_eq!(v["tag_uri"], "urn:epc:tag:sgtin-198:0.0614141.812345.6789");
    let v = run_ok(&[
        "gs1",
        "epc",
        "--gcp-table",
        table,
        "--scheme",
        "sgtin+",
        "--filter",
        "1",
        "(01)80614141123458(21)6789",
    ]);
    assert_eq!(v["tag_uri"], Value::Null);
    let hex = v["hex"].as_str().expect("hex").to_owned();
    // The + tag decodes back to the same keys (its company prefix from the table).
    let back = run_ok(&["gs1", "epc", "--gcp-table", table, &hex]);
    assert_eq!(back["epc_uri"], "urn:epc:id:sgtin:0614141.812345.6789");
    assert_eq!(back["hex"], hex);
    // Other AIs travel in a + tag as AIDC data, and come back.
    let v = run_ok(&[
        "gs1",
        "epc",
        "--gcp-table",
        table,
        "--scheme",
        "sgtin+",
        "(01)80614141123458(21)6789(17)261231(10)LOT1",
    ]);
    let hex = v["hex"].as_str().expect("hex").to_owned();
    let back = run_ok(&["gs1", "epc", "--gcp-table", table, &hex]);
    assert_eq!(
        back["element_string"],
        "^0180614141123458216789^1726123110LOT1"
    );
    assert_eq!(back["hex"], hex);
}

#[test]
fn errors_have_the_parse_shape_and_exit_1() {
    let out = serialkit()
        .args(["gs1", "epc", "-"])
        .write_stdin(&b"(01)80614141123458(21)6789\nurn:epc:id:sgtin:0614141.812345\nFF74257BF7194E4000001A85\n(01)80614141123459\n\xff\n"[..])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0]["errors"][0]["kind"],
        "UNKNOWN_COMPANY_PREFIX_LENGTH"
    );
    assert_eq!(lines[1]["errors"][0]["kind"], "BAD_EPC_COMPONENT");
    assert_eq!(lines[2]["errors"][0]["kind"], "UNKNOWN_EPC_HEADER");
    assert_eq!(lines[3]["errors"][0]["kind"], "INCORRECT_CHECK_DIGIT");
    assert!(
        lines
            .iter()
            .all(|l| l["ok"] == false && l["errors"][0]["span"].is_array())
    );
}
