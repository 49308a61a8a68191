//! EPC Tag Data Standard conformance: every row of
//! `epcis/tds-vectors.tsv`. Each row's element string is converted to the
//! EPC pure identity URI (with the row's company prefix length), the tag
//! URI and hex (with its binary scheme and filter), and the canonical
//! Digital Link URI; the hex is decoded back and converted to the element
//! string again; the GCP Prefix Format List gives the row's recorded
//! company prefix length. The `adjudication` column is read: where it
//! records the correct answer (`EXPECTED ERROR`, "correct element string
//! is …"), that is what is expected.

mod common;

use common::vectors::{Row, read_tsv};
use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink};
use serialkit_gs1::epc::{
    BinaryScheme, CompanyPrefix, Epc, EpcPattern, GcpLengthTable, Lgtin, Tag,
};
use serialkit_gs1::{ElementString, Options, OwnedElementString};

/// Whether two Digital Link URIs name the same AIs and differ at most in
/// which characters are percent-encoded. The vectors' DL column comes from
/// a normaliser that leaves `'` bare; GS1's engine and Tag Data Translation
/// write `%27`, as this crate does.
fn same_dl(ours: &str, theirs: &str) -> bool {
    if ours == theirs {
        return true;
    }
    let opts = Options::default().check_requisites(false);
    let a = DigitalLink::parse(ours, &opts).map(|d| d.element_string().to_bracketed());
    let b = DigitalLink::parse(theirs, &opts).map(|d| d.element_string().to_bracketed());
    a.is_ok() && a == b
}

fn es(s: &str) -> OwnedElementString {
    ElementString::parse(s, &Options::default().check_requisites(false))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .into_owned()
}

/// The element string the adjudication says is right, else the column's.
fn expected_element_string(row: &Row) -> String {
    let adj = row.get("adjudication");
    adj.split("correct element string is ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or(row.get("gs1_element_string"))
        .to_owned()
}

fn check_row(row: &Row, table: &GcpLengthTable, notes: &mut Vec<String>) -> Result<(), String> {
    let id = row.get("case_id");
    let gcp: u8 = row.get("gcp_length").parse().map_err(|_| "gcp_length")?;
    let pure = row.get("epc_pure_identity_uri");
    let dl = row.get("gs1_digital_link_uri_canonical");
    let binary = row.get("binary_scheme");
    let expect_error = row.get("adjudication").starts_with("EXPECTED ERROR");

    // The GCP table's answer, where the row records one.
    if let Some(n) = row
        .get("gcp_length_per_gcpprefixformatlist_2022_04_05")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse::<u8>().ok())
    {
        let key = row.get("gs1_element_string");
        let digits: String = key.chars().filter(char::is_ascii_digit).collect();
        // Skip the AI and any indicator/extension/padding digit before the prefix.
        let (ai_len, skip) = match key.get(1..key.find(')').unwrap_or(1)).unwrap_or("") {
            "01" | "00" | "8006" => (key.find(')').unwrap_or(0) - 1, 1),
            "8003" => (4, 1),
            a => (a.len(), 0),
        };
        let got = table.gcp_length(&digits.as_bytes()[(ai_len + skip).min(digits.len())..]);
        if got != Some(n) {
            return Err(format!("GCP table gives {got:?}, the row records {n}"));
        }
    }

    if binary == "none" {
        if pure.starts_with("urn:epc:class:lgtin:") {
            let c: Lgtin = pure.parse().map_err(|e| format!("{pure}: {e}"))?;
            let from = Lgtin::from_element_string(
                &es(row.get("gs1_element_string")),
                CompanyPrefix::Length(gcp),
            )
            .map_err(|e| e.to_string())?;
            if from != c || c.to_string() != pure {
                return Err(format!("class URI {from} vs {pure}"));
            }
            let e = c.to_element_string().map_err(|e| e.to_string())?;
            let d = e
                .to_digital_link(CANONICAL_STEM)
                .map_err(|e| e.to_string())?;
            return if same_dl(&d, dl) {
                Ok(())
            } else {
                Err(format!("DL {d}"))
            };
        }
        if pure.starts_with("urn:epc:idpat:") {
            let p: EpcPattern = pure.parse().map_err(|e| format!("{pure}: {e}"))?;
            if p.to_string() != pure {
                return Err(format!("pattern prints as {p}"));
            }
            let e = p.to_element_string().map_err(|e| e.to_string())?;
            let d = e
                .to_digital_link(CANONICAL_STEM)
                .map_err(|e| e.to_string())?;
            return if same_dl(&d, dl) {
                Ok(())
            } else {
                Err(format!("DL {d}"))
            };
        }
    }

    let element = es(row.get("gs1_element_string"));
    let epc = Epc::from_element_string(&element, CompanyPrefix::Length(gcp))
        .map_err(|e| format!("element string → EPC: {e}"))?;
    if epc.to_string() != pure {
        return Err(format!("EPC URI {epc}"));
    }
    let parsed: Epc = pure.parse().map_err(|e| format!("{pure}: {e}"))?;
    if parsed != epc {
        return Err("the URI parses to a different EPC".into());
    }
    let back = epc.to_element_string().map_err(|e| e.to_string())?;
    let want = expected_element_string(row);
    if back.to_string() != want {
        return Err(format!("EPC → element string {back}, expected {want}"));
    }
    let d = back
        .to_digital_link(CANONICAL_STEM)
        .map_err(|e| e.to_string())?;
    if !same_dl(&d, dl) {
        return Err(format!("DL {d}"));
    }
    if d != dl {
        notes.push(format!(
            "{id}: DL differs only in percent-encoding: ours {d}, vector {dl}"
        ));
    }

    if binary == "none" {
        return Ok(());
    }
    let scheme: BinaryScheme = binary.parse().map_err(|e| format!("{binary}: {e}"))?;
    let filter: u8 = row.get("filter").parse().map_err(|_| "filter")?;
    let tag = Tag::new(scheme, filter, epc);
    if expect_error {
        return match tag {
            Err(_) => Ok(()),
            Ok(t) => Err(format!("expected an error, got {t}")),
        };
    }
    let tag = tag.map_err(|e| format!("tag: {e}"))?;
    if tag.to_string() != row.get("epc_tag_uri") {
        return Err(format!("tag URI {tag}"));
    }
    let parsed: Tag = row
        .get("epc_tag_uri")
        .parse()
        .map_err(|e| format!("tag URI parse: {e}"))?;
    if parsed != tag {
        return Err("tag URI parses to a different tag".into());
    }
    let hex = tag.encode().map_err(|e| format!("encode: {e}"))?.to_hex();
    if !hex.eq_ignore_ascii_case(row.get("hex")) {
        return Err(format!("hex {hex}"));
    }
    let decoded = Tag::decode_hex(row.get("hex")).map_err(|e| format!("decode: {e}"))?;
    if decoded != tag {
        return Err(format!("hex decodes to {decoded}"));
    }
    Ok(())
}

#[test]
fn tds_vectors() {
    let Some(dir) = common::data_dir("EPC TDS vectors") else {
        return;
    };
    let rows = read_tsv(&dir.join("epcis/tds-vectors.tsv"));
    let table = GcpLengthTable::load(dir.join("epcis/gcpprefixformatlist-2022-04-05.xml"))
        .expect("the GCP prefix format list loads");
    assert_eq!(table.len(), 99_839);
    let mut failures = Vec::new();
    let mut notes = Vec::new();
    for row in &rows {
        if let Err(e) = check_row(row, &table, &mut notes) {
            failures.push(format!("{}: {e}", row.get("case_id")));
        }
    }
    println!(
        "EPC TDS vectors: {}/{} pass",
        rows.len() - failures.len(),
        rows.len()
    );
    for n in &notes {
        println!("  note: {n}");
    }
    assert!(!rows.is_empty());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
