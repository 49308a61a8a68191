//! Conversions across formats over the corpus.

mod common;

use serialkit_epcis::convert::convert;
use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::{Document, Format, Message, WriteOptions, read_message};

fn documents(dir: &std::path::Path) -> Vec<(String, Document)> {
    common::public_docs(dir)
        .into_iter()
        .filter(|d| d.valid)
        .filter_map(
            |d| match read_message(&std::fs::read(&d.path).unwrap()[..]).ok()? {
                Message::Document(doc) if doc.head.poll.is_none() => Some((d.rel, doc)),
                _ => None,
            },
        )
        .collect()
}

/// XML ⇄ JSON-LD ⇄ XML keeps the head (SBDH, master data, header
/// extensions) and the events' hashes; JSON ⇄ XML ⇄ JSON likewise.
#[test]
fn cross_format_round_trips() {
    let Some(dir) = common::epcis_data("epcis conversions") else {
        return;
    };
    let mut failures = Vec::new();
    let (mut docs, mut with_header) = (0, 0);
    for (rel, doc) in documents(&dir) {
        let is_12 = doc
            .head
            .schema_version
            .as_deref()
            .is_some_and(|v| v.starts_with('1'));
        let from_json = !doc.head.contexts.is_empty();
        let (a, b) = if from_json {
            (Format::Xml, Format::JsonLd)
        } else {
            (
                Format::JsonLd,
                if is_12 { Format::Xml12 } else { Format::Xml },
            )
        };
        let step = |d: &Document, f: Format| -> Result<Document, String> {
            let (bytes, _) = convert(d, f, WriteOptions::default()).map_err(|e| e.to_string())?;
            serialkit_epcis::read_document(&bytes[..])
                .map_err(|e| format!("{e}\n{}", String::from_utf8_lossy(&bytes)))
        };
        let back = match step(&doc, a).and_then(|d| step(&d, b)) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{rel}: {e}"));
                continue;
            }
        };
        docs += 1;
        if !doc.head.header.is_empty() {
            with_header += 1;
        }
        if back.head.header != doc.head.header {
            failures.push(format!(
                "{rel}: header changed\n{:#?}\n{:#?}",
                doc.head.header, back.head.header
            ));
        }
        if back.head.vocabularies != doc.head.vocabularies {
            failures.push(format!("{rel}: body vocabularies changed"));
        }
        let opts = HashOptions::for_document(&doc.head);
        let h1: Vec<String> = doc
            .events
            .iter()
            .map(|e| event_hash_with(e, &opts))
            .collect();
        let h2: Vec<String> = back
            .events
            .iter()
            .map(|e| event_hash_with(e, &opts))
            .collect();
        if h1 != h2 {
            for (x, y) in doc.events.iter().zip(&back.events) {
                let ex = serialkit_epcis::hash::explain(x, y, &opts);
                let d: Vec<String> = ex
                    .diff
                    .iter()
                    .filter(|(c, _)| *c != ' ')
                    .map(|(c, s)| format!("{c}{s}"))
                    .collect();
                if !d.is_empty() {
                    failures.push(format!("{rel}: event hash changed:\n  {}", d.join("\n  ")));
                }
            }
        }
    }
    println!(
        "epcis cross-format round trips: {docs} documents ({with_header} with a header) keep header, master data and event hashes"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The events as JSON-LD with standard vocabulary as bare words: equal for
/// equal content, whether a repeated extension came as a JSON array or as
/// repeated XML elements.
fn normalised(doc: &Document) -> String {
    let head = serialkit_epcis::DocumentHead::new(serialkit_epcis::DocumentKind::Epcis);
    let d = Document {
        head,
        events: doc.events.clone(),
    };
    let opts = WriteOptions {
        pretty: true,
        vocab: serialkit_epcis::VocabStyle::Natural,
    };
    String::from_utf8(serialkit_epcis::write_document(&d, Format::JsonLd, opts).unwrap()).unwrap()
}

/// 2.0 → 1.2 → 2.0 keeps every event (2.0-only fields travel in extensions).
#[test]
fn through_epcis_1_2() {
    let Some(dir) = common::epcis_data("epcis 1.2 conversion") else {
        return;
    };
    let mut failures = Vec::new();
    let (mut docs, mut notes) = (0, 0);
    for (rel, doc) in documents(&dir) {
        let (bytes, report) = match convert(&doc, Format::Xml12, WriteOptions::default()) {
            Ok(x) => x,
            Err(e) => {
                failures.push(format!("{rel}: {e}"));
                continue;
            }
        };
        notes += report.notes.len();
        match serialkit_epcis::read_document(&bytes[..]) {
            Ok(back) if normalised(&back) == normalised(&doc) => docs += 1,
            Ok(back) => failures.push(format!(
                "{rel}: events changed through 1.2:\n{}\n{}",
                normalised(&doc),
                normalised(&back)
            )),
            Err(e) => failures.push(format!("{rel}: {e}")),
        }
    }
    println!(
        "epcis 2.0 -> 1.2 -> 2.0: {docs} documents keep their events ({notes} conversion notes)"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
