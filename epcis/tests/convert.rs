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

/// JSON shapes XML cannot give back are reported, each with its field.
#[test]
fn json_to_xml_losses_are_reported() {
    use serialkit_epcis::convert::NoteKind;
    let json = br#"{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.com/"}],
      "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
      "ex:docList": [],
      "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z",
        "eventTimeZoneOffset": "+00:00", "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:4012345.011111.1"],
        "ex:one": ["a"], "ex:none": [], "ex:obj": {}, "ex:nested": [[1, 2], 3], "ex:two": ["a", "b"],
        "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0", "ex:dock": {}}}]}}"#;
    let doc = serialkit_epcis::read_document(&json[..]).unwrap();
    for to in [Format::Xml, Format::Xml12] {
        let (xml, report) = convert(&doc, to, WriteOptions::default()).unwrap();
        let has = |field: &str, kind: NoteKind| {
            report
                .notes
                .iter()
                .any(|n| n.field == field && n.kind == kind)
        };
        assert!(has("ex:docList", NoteKind::Dropped), "{:#?}", report.notes);
        assert!(has("ex:one", NoteKind::Changed));
        assert!(has("ex:none", NoteKind::Dropped));
        assert!(has("ex:obj", NoteKind::Changed));
        assert!(has("ex:nested", NoteKind::Changed));
        assert!(has("ex:dock", NoteKind::Changed));
        assert!(
            !has("ex:two", NoteKind::Changed),
            "two items come back as two"
        );
        // What the notes say is what happens.
        let back = serialkit_epcis::read_document(&xml[..]).unwrap();
        let json_back =
            serialkit_epcis::write_document(&back, Format::JsonLd, WriteOptions::default())
                .unwrap();
        let text = String::from_utf8(json_back).unwrap();
        assert!(text.contains(r#""ex:one": "a""#), "{text}");
        assert!(!text.contains("ex:none"), "{text}");
        assert!(text.contains(r#""ex:obj": """#), "{text}");
        assert!(text.contains(r#""ex:two": ["#), "{text}");
    }
    // JSON-LD to JSON-LD loses nothing.
    let (_, report) = convert(&doc, Format::JsonLd, WriteOptions::default()).unwrap();
    assert!(report.notes.is_empty(), "{:?}", report.notes);
}

/// Root attributes (`xsi:schemaLocation`) survive XML to XML and are
/// reported when JSON-LD drops them; a 1.x `QuantityEvent` read as an
/// `ObjectEvent` is reported by the reader.
#[test]
fn root_attributes_and_quantity_events() {
    use serialkit_epcis::convert::{NoteKind, head_notes};
    use serialkit_epcis::stream::EventReader;
    let xml = br#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="urn:epcglobal:epcis:xsd:1 EPCglobal-epcis-1_2.xsd" schemaVersion="1.2" creationDate="2024-01-01T00:00:00Z">
      <EPCISBody><EventList>
        <QuantityEvent><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
          <epcClass>urn:epc:idpat:sgtin:4012345.011111.*</epcClass><quantity>5</quantity></QuantityEvent>
      </EventList></EPCISBody></epcis:EPCISDocument>"#;
    let mut reader = EventReader::new(&xml[..]).unwrap();
    let _event = reader.next_event().unwrap().unwrap();
    let notes = reader.take_conversion_notes();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].event, notes[0].field.as_str(), notes[0].kind),
        (Some(0), "QuantityEvent", NoteKind::Remapped)
    );
    let doc = serialkit_epcis::read_document(&xml[..]).unwrap();
    assert_eq!(doc.head.xml_root_attributes.len(), 1);
    for to in [Format::Xml12, Format::Xml] {
        let (out, report) = convert(&doc, to, WriteOptions::default()).unwrap();
        assert!(report.notes.is_empty(), "{:?}", report.notes);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                r#"xsi:schemaLocation="urn:epcglobal:epcis:xsd:1 EPCglobal-epcis-1_2.xsd""#
            ),
            "{text}"
        );
        let back = serialkit_epcis::read_document(text.as_bytes()).unwrap();
        assert_eq!(back.head.xml_root_attributes, doc.head.xml_root_attributes);
    }
    let notes = head_notes(&doc.head, Format::JsonLd);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].field.as_str(), notes[0].kind),
        ("xsi:schemaLocation", NoteKind::Dropped)
    );
}
