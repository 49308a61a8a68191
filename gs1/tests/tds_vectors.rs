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

/// The `+` scheme worked examples of the Tag Data Standard (TDS 2.3,
/// Annex E.3, tables 507–548; data toggle 0): scheme, filter, the AIs and
/// the binary as the standard prints it (hex digits of the meaningful bits
/// only; the EPC memory bank holds them zero-padded to 16-bit words). Each
/// is encoded from the AIs, decoded from the hex, and its canonical
/// Digital Link URI is checked where the annex gives one.
#[test]
fn tds_annex_e_plus_examples() {
    use serialkit_gs1::epc::{Decoded, PlusTag, decode_any_hex};
    const EXAMPLES: &[(BinaryScheme, u8, &str, &str, Option<&str>)] = &[
        (
            BinaryScheme::SgtinPlus,
            3,
            "(01)79521141123453(21)32a/b",
            "F73795211411234538566CB0AFC4",
            Some("https://id.gs1.org/01/79521141123453/21/32a%2Fb"),
        ),
        (
            BinaryScheme::DsgtinPlus,
            3,
            "(17)220630(01)79521141123453(21)32a/b",
            "FB342CDE795211411234538566CB0AFC4",
            Some("https://id.gs1.org/01/79521141123453/21/32a%2Fb?17=220630"),
        ),
        (
            BinaryScheme::SsccPlus,
            0,
            "(00)095201234567891235",
            "F90095201234567891235",
            Some("https://id.gs1.org/00/095201234567891235"),
        ),
        (
            BinaryScheme::SglnPlus,
            3,
            "(414)9521141123454(254)32a/b",
            "F2395211411234548566CB0AFC4",
            Some("https://id.gs1.org/414/9521141123454/254/32a%2Fb"),
        ),
        (
            BinaryScheme::GraiPlus,
            3,
            "(8003)0952114112345432a/b",
            "F13095211411234548566CB0AFC4",
            Some("https://id.gs1.org/8003/0952114112345432a%2Fb"),
        ),
        (
            BinaryScheme::GiaiPlus,
            3,
            "(8004)952114132a/b",
            "FA3952114132E83C2BF10",
            Some("https://id.gs1.org/8004/952114132a%2Fb"),
        ),
        (
            BinaryScheme::GsrnPlus,
            3,
            "(8018)952114112345678906",
            "F43952114112345678906",
            Some("https://id.gs1.org/8018/952114112345678906"),
        ),
        (
            BinaryScheme::GsrnpPlus,
            3,
            "(8017)952114112345678906",
            "F53952114112345678906",
            Some("https://id.gs1.org/8017/952114112345678906"),
        ),
        (
            BinaryScheme::GdtiPlus,
            3,
            "(253)95211411234545678",
            "F6395211411234540458B8",
            Some("https://id.gs1.org/253/95211411234545678"),
        ),
        (
            BinaryScheme::CpiPlus,
            3,
            "(8010)95211415PQ7/Z43(8011)12345",
            "F0395211415E87A145BAFB4D19A8C0E4",
            None,
        ),
        (
            BinaryScheme::SgcnPlus,
            3,
            "(255)952114167890904711",
            "F839521141678909509338",
            None,
        ),
        (
            BinaryScheme::ItipPlus,
            3,
            "(8006)095211411234540102(21)rif981",
            "F3309521141123454010266AE27FDF35",
            None,
        ),
    ];
    let mut failures = Vec::new();
    for &(scheme, filter, ais, printed, dl) in EXAMPLES {
        // The memory bank form: the printed hex digits, zero-padded to a
        // whole number of 16-bit words.
        let mut want = printed.to_owned();
        while want.len() % 4 != 0 {
            want.push('0');
        }
        let e = es(ais);
        let check = || -> Result<(), String> {
            let tag = PlusTag::new(scheme, filter, &e).map_err(|e| format!("new: {e}"))?;
            let hex = tag.encode().map_err(|e| format!("encode: {e}"))?.to_hex();
            if hex != want {
                return Err(format!("encodes to {hex}"));
            }
            let Decoded::Plus(back) = decode_any_hex(&want).map_err(|e| format!("decode: {e}"))?
            else {
                return Err("decodes to a fixed scheme".into());
            };
            if back.binary_scheme() != scheme || back.filter() != filter {
                return Err(format!("decodes to {:?}", back.binary_scheme()));
            }
            let mut got: Vec<String> = back
                .element_string()
                .elements()
                .iter()
                .map(|x| format!("({}){}", x.ai(), x.value()))
                .collect();
            let mut expect: Vec<String> = e
                .elements()
                .iter()
                .map(|x| format!("({}){}", x.ai(), x.value()))
                .collect();
            got.sort();
            expect.sort();
            if got != expect {
                return Err(format!("decodes to {}", back.element_string()));
            }
            if let Some(dl) = dl {
                let ours = back
                    .element_string()
                    .to_digital_link(CANONICAL_STEM)
                    .map_err(|e| e.to_string())?;
                if ours != dl {
                    return Err(format!("Digital Link {ours}"));
                }
            }
            Ok(())
        };
        if let Err(why) = check() {
            failures.push(format!("{} {ais}: {why}", scheme.name()));
        }
    }
    println!(
        "TDS 2.3 Annex E.3 + scheme examples: {}/{} pass",
        EXAMPLES.len() - failures.len(),
        EXAMPLES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fixed-scheme worked examples of TDS 2.3 Annex E.3: tag URI and
/// binary (printed hex, zero-padded here to 16-bit words), both ways.
#[test]
fn tds_annex_e_fixed_examples() {
    const EXAMPLES: &[(&str, &str)] = &[
        (
            "urn:epc:tag:sgtin-96:3.95060001343.05.123456789",
            "3066C4409047E140075BCD15",
        ),
        (
            "urn:epc:tag:sgtin-198:3.95060001343.05.32a%2Fb",
            "3666C4409047E159B2C2BF100000000000000000000000000000",
        ),
        (
            "urn:epc:tag:sscc-96:0.952012.03456789123",
            "311BA1B300CE0A6A83000000",
        ),
        (
            "urn:epc:tag:sgln-96:3.9521141.12345.5678",
            "3276451FD46072000000162E",
        ),
        (
            "urn:epc:tag:sgln-195:3.9521141.12345.32a%2Fb",
            "3976451FD46072CD9615F8800000000000000000000000000000",
        ),
        (
            "urn:epc:tag:grai-96:3.9521141.12345.5678",
            "3376451FD40C0E400000162E",
        ),
        (
            "urn:epc:tag:grai-170:3.9521141.12345.32a%2Fb",
            "3776451FD40C0E59B2C2BF1000000000000000000000",
        ),
        (
            "urn:epc:tag:giai-96:3.9521141.5678",
            "3476451FD40000000000162E",
        ),
        (
            "urn:epc:tag:giai-202:3.9521141.32a%2Fb",
            "3876451FD59B2C2BF10000000000000000000000000000000000",
        ),
        (
            "urn:epc:tag:gsrn-96:3.9521141.1234567890",
            "2D76451FD4499602D2000000",
        ),
        (
            "urn:epc:tag:gsrnp-96:3.9521141.1234567890",
            "2E76451FD4499602D2000000",
        ),
        (
            "urn:epc:tag:gdti-96:3.9521141.12345.5678",
            "2C76451FD46072000000162E",
        ),
        (
            "urn:epc:tag:gdti-174:3.9521141.98765.ABCDefgh012345678",
            "3E76451FD7039B061438997367D0C18B266D1AB66EE0",
        ),
        (
            "urn:epc:tag:cpi-96:3.9521141.98765.12345",
            "3C76451FD400C0E680003039",
        ),
        (
            "urn:epc:tag:cpi-var:3.9521141.5PQ7%2FZ43.12345",
            "3D76451FD75411DEF6B4CC00000003039000",
        ),
        (
            "urn:epc:tag:sgcn-96:3.9521141.67890.04711",
            "3F76451FD612640000019907",
        ),
        (
            "urn:epc:tag:gid-96:952056.2718.1414",
            "3500E86F8000A9E000000586",
        ),
        (
            "urn:epc:tag:usdod-96:3.CAGEY.5678",
            "2F320434147455900000162E",
        ),
        (
            "urn:epc:tag:adi-var:3.35962.PQ7VZ4.M37GXB92",
            "3B0E0CF5E76C9047759AD00373DC7602E7200",
        ),
        (
            "urn:epc:tag:itip-110:3.9521141.012345.01.02.981",
            "4076451FD40C0E40820000000F54",
        ),
        (
            "urn:epc:tag:itip-212:3.9521141.012345.01.02.mw133",
            "4176451FD40C0E4082DBDD8B36600000000000000000000000000000",
        ),
    ];
    let mut failures = Vec::new();
    for &(uri, printed) in EXAMPLES {
        let mut want = printed.to_owned();
        while want.len() % 4 != 0 {
            want.push('0');
        }
        let check = || -> Result<(), String> {
            let tag: Tag = uri.parse().map_err(|e| format!("parse: {e}"))?;
            let hex = tag.encode().map_err(|e| format!("encode: {e}"))?.to_hex();
            if hex != want {
                return Err(format!("encodes to {hex}"));
            }
            let back = Tag::decode_hex(&want).map_err(|e| format!("decode: {e}"))?;
            if back.to_string() != uri {
                return Err(format!("decodes to {back}"));
            }
            Ok(())
        };
        if let Err(why) = check() {
            failures.push(format!("{uri}: {why}"));
        }
    }
    println!(
        "TDS 2.3 Annex E.3 fixed-scheme examples: {}/{} pass",
        EXAMPLES.len() - failures.len(),
        EXAMPLES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
