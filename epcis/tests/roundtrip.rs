//! Lossless round trips over every valid document of the corpus.

mod common;

use serialkit_epcis::stream::{InputFormat, detect};
use serialkit_epcis::{Format, Message, WriteOptions, read_message, write_message};

fn same_format(bytes: &[u8], v12: bool) -> Format {
    match detect(bytes) {
        Some(InputFormat::Json) => Format::JsonLd,
        _ if v12 => Format::Xml12,
        _ => Format::Xml,
    }
}

fn is_12(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]);
    head.contains("urn:epcglobal:epcis:xsd:1") || head.contains("schemaVersion=\"1.")
}

#[test]
fn same_format_round_trip() {
    let Some(dir) = common::epcis_data("epcis round trip") else {
        return;
    };
    let mut pass = 0;
    let mut failures = Vec::new();
    let mut files: Vec<_> = common::public_docs(&dir)
        .into_iter()
        .filter(|d| d.valid)
        .map(|d| (d.path, d.rel))
        .collect();
    for sub in [
        "eventhash/ralphtro/examples",
        "eventhash/ralphtro/expected_equal",
        "eventhash/gs1-identical-hash",
    ] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("xml" | "json" | "jsonld")
            ) {
                let rel = p.strip_prefix(&dir).unwrap().display().to_string();
                files.push((p, rel));
            }
        }
    }
    files.sort();
    for (path, rel) in &files {
        let bytes = std::fs::read(path).unwrap();
        let first = match read_message(&bytes[..]) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{rel}: read: {e}"));
                continue;
            }
        };
        // The same dialect: 1.x when the root is in an EPCIS 1.x namespace.
        let v12 = match &first {
            Message::Document(d) => d
                .head
                .xml_root
                .as_ref()
                .and_then(|q| q.namespace.as_deref())
                .is_some_and(|u| u.ends_with(":1")),
            _ => is_12(&bytes),
        };
        let format = same_format(&bytes, v12);
        let written = match write_message(&first, format, WriteOptions::default()) {
            Ok(w) => w,
            Err(e) => {
                failures.push(format!("{rel}: write: {e}"));
                continue;
            }
        };
        match read_message(&written[..]) {
            Ok(second) if second == first => pass += 1,
            Ok(second) => failures.push(format!(
                "{rel}: model changed: {}",
                first_difference(&summary(&first), &summary(&second))
            )),
            Err(e) => failures.push(format!(
                "{rel}: re-read: {e}\n{}",
                String::from_utf8_lossy(&written)
            )),
        }
    }
    println!("epcis same-format round trips: {pass}/{} pass", files.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn summary(m: &Message) -> String {
    format!("{m:#?}")
}

/// The first differing lines of two debug dumps, with a little context.
fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let i = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    let from = i.saturating_sub(3);
    format!(
        "\n  before: {}\n  after:  {}",
        la[from..(i + 3).min(la.len())].join("\n          "),
        lb[from..(i + 3).min(lb.len())].join("\n          ")
    )
}
