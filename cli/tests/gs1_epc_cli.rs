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

fn run_err(args: &[&str]) -> Value {
    let out = serialkit()
        .args(args)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON")
}

/// EPCs of schemes without a GS1 key have no element string or Digital
/// Link URI, and still every EPC form they have.
#[test]
fn epcs_without_a_gs1_key() {
    // GID-96: TDS 2.3 Annex E.3's worked example.
    let gid = json!({
        "ok": true,
        "element_string": null,
        "digital_link": null,
        "epc_uri": "urn:epc:id:gid:952056.2718.1414",
        "tag_uri": "urn:epc:tag:gid-96:952056.2718.1414",
        "hex": "3500E86F8000A9E000000586",
    });
    for input in [
        "urn:epc:id:gid:952056.2718.1414",
        "urn:epc:tag:gid-96:952056.2718.1414",
        "3500E86F8000A9E000000586",
    ] {
        assert_eq!(run_ok(&["gs1", "epc", input]), gid, "{input}");
    }
    let v = run_ok(&["gs1", "epc", "urn:epc:tag:gid-96:1.2.3"]);
    assert_eq!(v["epc_uri"], "urn:epc:id:gid:1.2.3");
    assert_eq!(v["hex"], "350000001000002000000003");
    assert_eq!(v["element_string"], Value::Null);
    // A GID beyond GID-96's fields has no tag.
    let v = run_ok(&["gs1", "epc", "urn:epc:id:gid:268435456.1.1"]);
    assert_eq!(
        (v["tag_uri"].clone(), v["hex"].clone()),
        (Value::Null, Value::Null)
    );
    // USDOD-96 and ADI-var: TDS 2.3 Annex E.3's worked examples (the
    // ADI-var hex zero-padded to whole 16-bit words).
    for (id, tag, hex) in [
        (
            "urn:epc:id:usdod:CAGEY.5678",
            "urn:epc:tag:usdod-96:3.CAGEY.5678",
            "2F320434147455900000162E",
        ),
        (
            "urn:epc:id:adi:35962.PQ7VZ4.M37GXB92",
            "urn:epc:tag:adi-var:3.35962.PQ7VZ4.M37GXB92",
            "3B0E0CF5E76C9047759AD00373DC7602E7200000",
        ),
    ] {
        let want = json!({
            "ok": true,
            "element_string": null,
            "digital_link": null,
            "epc_uri": id,
            "tag_uri": tag,
            "hex": hex,
        });
        assert_eq!(run_ok(&["gs1", "epc", "--filter", "3", id]), want);
        assert_eq!(run_ok(&["gs1", "epc", tag]), want);
        assert_eq!(run_ok(&["gs1", "epc", hex]), want);
    }
    // BIC and IMOVN have no binary encoding.
    for uri in ["urn:epc:id:bic:CSQU3054383", "urn:epc:id:imovn:9176187"] {
        let v = run_ok(&["gs1", "epc", uri]);
        assert_eq!(
            v,
            json!({
                "ok": true,
                "element_string": null,
                "digital_link": null,
                "epc_uri": uri,
                "tag_uri": null,
                "hex": null,
            })
        );
    }
}

#[test]
fn filters_are_checked() {
    // No scheme has filters beyond 63: a usage error.
    let out = serialkit()
        .args([
            "gs1",
            "epc",
            "--filter",
            "64",
            "urn:epc:id:sgtin:0614141.812345.6789",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("--filter"));
    // GS1 schemes have 3-bit filters; USDOD-96 4 bits, ADI-var 6 bits.
    for (filter, uri) in [
        ("9", "urn:epc:id:sgtin:0614141.812345.6789"),
        ("9", "(01)80614141123458(21)6789"),
        ("16", "urn:epc:id:usdod:CAGEY.5678"),
    ] {
        let e = run_err(&["gs1", "epc", "--gcp-length", "7", "--filter", filter, uri]);
        assert_eq!(e["errors"][0]["kind"], "BAD_FILTER", "{uri}");
    }
    let v = run_ok(&[
        "gs1",
        "epc",
        "--filter",
        "15",
        "urn:epc:id:usdod:CAGEY.5678",
    ]);
    assert_eq!(v["tag_uri"], "urn:epc:tag:usdod-96:15.CAGEY.5678");
    // A filter for an EPC without a binary scheme changes nothing; a class
    // has no tag to filter, and asking for one is an error.
    let v = run_ok(&[
        "gs1",
        "epc",
        "--filter",
        "1",
        "urn:epc:id:pgln:1234567.89012",
    ]);
    assert_eq!(v["tag_uri"], Value::Null);
    let e = run_err(&[
        "gs1",
        "epc",
        "--filter",
        "1",
        "urn:epc:class:lgtin:4012345.012345.998877",
    ]);
    assert_eq!(e["errors"][0]["kind"], "NO_BINARY_SCHEME");
    let e = run_err(&[
        "gs1",
        "epc",
        "--scheme",
        "sgtin-96",
        "urn:epc:id:pgln:1234567.89012",
    ]);
    assert_eq!(e["errors"][0]["kind"], "UNKNOWN_EPC_SCHEME");
}

#[test]
fn hex_errors_have_character_spans() {
    let span = |input: &str| {
        let e = run_err(&["gs1", "epc", input]);
        (
            e["errors"][0]["kind"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            e["errors"][0]["span"].clone(),
        )
    };
    // An SGTIN+ that ends after its filter: the GTIN is missing at the end.
    assert_eq!(span("F700"), ("TRUNCATED_EPC".into(), json!([4, 4])));
    // Odd length: the last character has no partner.
    assert_eq!(
        span("3074257BF7194E4000001A8"),
        ("BAD_HEX".into(), json!([22, 23]))
    );
    // Too short for its scheme (SGTIN-96): the error is at the end.
    assert_eq!(span("307425"), ("BAD_HEX".into(), json!([6, 6])));
    // The reserved partition value is in the third character.
    assert_eq!(
        span("307C257BF7194E4000001A85"),
        ("BAD_PARTITION".into(), json!([2, 3]))
    );
    // One character too many for SGTIN-96.
    assert_eq!(
        span("3074257BF7194E4000001A850000"),
        ("BAD_HEX".into(), json!([24, 25]))
    );
}

#[test]
fn batches_give_the_class_and_dl_may_be_zero_suppressed() {
    let v = run_ok(&[
        "gs1",
        "epc",
        "--gcp-length",
        "7",
        "(01)80614141123458(10)LOT1",
    ]);
    assert_eq!(
        v,
        json!({
            "ok": true,
            "element_string": "^018061414112345810LOT1",
            "digital_link": "https://id.gs1.org/01/80614141123458/10/LOT1",
            "epc_uri": "urn:epc:class:lgtin:0614141.812345.LOT1",
            "tag_uri": null,
            "hex": null,
        })
    );
    // A tag was asked for: a class has none.
    let e = run_err(&[
        "gs1",
        "epc",
        "--gcp-length",
        "7",
        "--scheme",
        "sgtin-198",
        "(01)80614141123458(10)LOT1",
    ]);
    assert_eq!(e["errors"][0]["kind"], "NO_BINARY_SCHEME");
    let uri = "https://example.com/01/9521234543213/21/6789";
    let e = run_err(&["gs1", "epc", "--gcp-length", "7", uri]);
    assert_eq!(e["errors"][0]["kind"], "AI_VALUE_IS_TOO_SHORT");
    let v = run_ok(&[
        "gs1",
        "epc",
        "--gcp-length",
        "7",
        "--zero-suppressed-gtin",
        uri,
    ]);
    assert_eq!(v["epc_uri"], "urn:epc:id:sgtin:9521234.054321.6789");
    assert_eq!(
        v["digital_link"],
        "https://id.gs1.org/01/09521234543213/21/6789"
    );
}
