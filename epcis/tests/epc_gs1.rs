//! EPCs as `serialkit-gs1` reads them, held against the Tag Data Standard
//! vectors of `tds-vectors.tsv`: URN → element string and canonical
//! Digital Link, and Digital Link → URN with the recorded company prefix
//! length.

mod common;

use serialkit_epcis::Epc;
use serialkit_gs1::epc::CompanyPrefix;

/// Vectors whose recorded column differs from `serialkit-gs1` for a
/// reason, with the weaker property held instead: both spellings name the
/// same element string.
const KNOWN: &[(&str, &str)] = &[
    (
        "sgln96-no-extension",
        "the element string column is epcpy's `(254)0`; the vector's own adjudication says extension 0 means a GLN without AI 254, which serialkit-gs1 writes",
    ),
    (
        "upui",
        "the Digital Link column is the event-hash normaliser's spelling, which leaves `'` literal; serialkit-gs1 percent-encodes every character outside the URI unreserved set (`%27`), as GS1's syntax engine does",
    ),
];

#[test]
fn tds_vectors() {
    let Some(dir) = common::epcis_data("epcis EPCs through serialkit-gs1") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("tds-vectors.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c_case, c_gcp, c_es, c_urn, c_dl) = (
        col("case_id"),
        col("gcp_length"),
        col("gs1_element_string"),
        col("epc_pure_identity_uri"),
        col("gs1_digital_link_uri_canonical"),
    );
    let (mut rows, mut es_ok, mut dl_ok, mut urn_ok, mut known) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        let case = c[c_case];
        rows += 1;
        let urn: Epc = c[c_urn].parse().unwrap();
        let dl: Epc = c[c_dl].parse().unwrap();
        let gcp: u8 = c[c_gcp].parse().unwrap();
        if let Some((_, why)) = KNOWN.iter().find(|(k, _)| *k == case) {
            let (a, b) = (urn.to_element_string(), dl.to_element_string());
            assert!(a.is_some() && a == b, "{case}: {a:?} {b:?}");
            assert_eq!(
                urn.to_digital_link().and_then(|d| d.to_element_string()),
                a,
                "{case}"
            );
            println!("  known difference: {case}: {why}");
            known += 1;
            continue;
        }
        // The URN and the Digital Link name the same key.
        let want_es = c[c_es];
        match urn.to_element_string() {
            Some(es) if es.to_string() == want_es => es_ok += 1,
            _ if want_es.starts_with("n/a") => {
                // No element string recorded (an ID pattern): both sides agree.
                if urn.to_element_string() == dl.to_element_string() {
                    es_ok += 1;
                } else {
                    failures.push(format!("{case}: pattern and link name different keys"));
                }
            }
            other => failures.push(format!(
                "{case}: element string {:?}, want {want_es}",
                other.map(|e| e.to_string())
            )),
        }
        match urn.to_digital_link() {
            Some(got) if got == dl => dl_ok += 1,
            other => failures.push(format!("{case}: Digital Link {other:?}, want {dl}")),
        }
        // Back to the URN (an ID pattern has no Digital Link of its own).
        if urn.to_pattern().is_some() {
            urn_ok += 1;
            continue;
        }
        match dl.to_urn(CompanyPrefix::Length(gcp)) {
            Some(got) if got == urn || got.to_gs1() == urn.to_gs1() && got.to_gs1().is_some() => {
                urn_ok += 1
            }
            other => failures.push(format!("{case}: URN {other:?}, want {urn}")),
        }
    }
    println!(
        "epcis EPCs through serialkit-gs1: {rows} TDS vectors, {es_ok} element strings, {dl_ok} Digital Links, {urn_ok} URNs back as recorded ({known} listed differences)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kinds_of_values() {
    let class: Epc = "urn:epc:class:lgtin:4012345.012345.998877".parse().unwrap();
    assert_eq!(class.to_lgtin().unwrap().lot(), "998877");
    assert!(class.to_gs1().is_none());
    let pattern: Epc = "urn:epc:idpat:sgtin:4012345.012345.*".parse().unwrap();
    assert_eq!(pattern.to_pattern().unwrap().given().len(), 2);
    let link: Epc = "https://example.com/01/09521234543213/21/ABC?x=1"
        .parse()
        .unwrap();
    let dl = link.to_gs1_digital_link().unwrap();
    assert_eq!(dl.primary_key().value(), "09521234543213");
    assert_eq!(
        link.to_digital_link().unwrap().as_str(),
        "https://id.gs1.org/01/09521234543213/21/ABC"
    );
    // Not GS1 keys.
    for other in [
        "urn:uuid:1",
        "https://example.com/no/key",
        "urn:epc:id:sgtin:1.2",
    ] {
        let e: Epc = other.parse().unwrap();
        assert!(e.to_element_string().is_none(), "{other}");
        assert!(e.to_digital_link().is_none(), "{other}");
    }
    // From serialkit-gs1 identifiers.
    let sscc: serialkit_gs1::Sscc = "106141412345678908".parse().unwrap();
    assert_eq!(
        Epc::from(sscc).as_str(),
        "https://id.gs1.org/00/106141412345678908"
    );
    let gln: serialkit_gs1::Gln = "0614141123452".parse().unwrap();
    assert_eq!(
        serialkit_epcis::Uri::from(gln).as_str(),
        "https://id.gs1.org/414/0614141123452"
    );
}
