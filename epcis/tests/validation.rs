//! Validation conformance: every valid `public/` document validates, every
//! invalid one is rejected for the reason `validation-expected.tsv` gives.

mod common;

use serialkit_epcis::validate::{ValidateOptions, validate, validate_with};
use std::collections::BTreeMap;

#[test]
fn public_corpus() {
    let Some(dir) = common::epcis_data("epcis validation") else {
        return;
    };
    let expected_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validation-expected.tsv"),
    )
    .unwrap();
    let expected: BTreeMap<&str, (&str, &str)> = expected_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((*c.first()?, (*c.get(1)?, *c.get(2)?)))
        })
        .collect();
    let known_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/validation-known-differences.tsv"),
    )
    .unwrap();
    // file -> whether it validates with the lenient-order option.
    let known_lenient: BTreeMap<&str, bool> = known_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(
                c.len() == 3 && !c[2].is_empty(),
                "{l}: file, lenient outcome, reason"
            );
            (c[0], c[1] == "valid")
        })
        .collect();
    let known: Vec<&str> = known_lenient.keys().copied().collect();
    let lenient = ValidateOptions::default().lenient_order(true);
    let mut lenient_ok = 0;
    let (mut valid_ok, mut valid_total, mut invalid_ok, mut invalid_total) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for doc in common::public_docs(&dir) {
        let bytes = std::fs::read(&doc.path).unwrap();
        let report = validate(&bytes[..]);
        if doc.valid {
            valid_total += 1;
            let listed = known.contains(&doc.rel.as_str());
            if report.is_valid() && listed {
                failures.push(format!(
                    "{} validates now: remove it from validation-known-differences.tsv",
                    doc.rel
                ));
            } else if report.is_valid() {
                valid_ok += 1;
            } else if listed {
                println!(
                    "  known difference: {} rejected ({} errors, first: {})",
                    doc.rel,
                    report.diagnostics.len(),
                    report.diagnostics[0]
                );
                let l = validate_with(&bytes[..], &lenient);
                if l.is_valid() != known_lenient[doc.rel.as_str()] {
                    failures.push(format!(
                        "{}: with lenient order valid = {}, listed {}: {:?}",
                        doc.rel,
                        l.is_valid(),
                        known_lenient[doc.rel.as_str()],
                        l.diagnostics
                    ));
                } else {
                    lenient_ok += 1;
                }
            } else {
                failures.push(format!(
                    "{} (valid) rejected: {}",
                    doc.rel,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        } else {
            invalid_total += 1;
            let Some((code, needle)) = expected.get(doc.rel.as_str()) else {
                failures.push(format!("{}: invalid document without an expected reason in validation-expected.tsv; got {:?}", doc.rel, report.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()));
                continue;
            };
            let hit = report
                .diagnostics
                .iter()
                .any(|d| d.problem.code() == *code && d.to_string().contains(needle));
            if hit {
                invalid_ok += 1;
            } else {
                failures.push(format!(
                    "{}: expected {code} containing `{needle}`, got {:?}",
                    doc.rel,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| format!("[{}] {d}", d.problem.code()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    println!(
        "epcis validation: {valid_ok}/{valid_total} valid documents validate ({} listed known differences, {lenient_ok} as listed with lenient order), {invalid_ok}/{invalid_total} invalid documents rejected for the expected reason",
        known.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every document this crate writes, in each format, validates: the
/// writers put each field where the XSDs (2.0 and 1.2 with its wrappers)
/// and the JSON Schema want it.
#[test]
fn written_documents_validate() {
    use serialkit_epcis::convert::{NoteKind, event_notes};
    use serialkit_epcis::{Format, Message, WriteOptions, read_message, write_message};
    let Some(dir) = common::epcis_data("epcis written documents validate") else {
        return;
    };
    let (mut ok, mut total, mut skipped) = (0, 0, 0);
    let mut failures = Vec::new();
    for doc in common::public_docs(&dir) {
        let bytes = std::fs::read(&doc.path).unwrap();
        if !doc.valid || !validate(&bytes[..]).is_valid() {
            continue;
        }
        let Ok(msg) = read_message(&bytes[..]) else {
            continue;
        };
        // Query bodies are not documents; query results lacking their
        // `queryName` are accepted in XML here but JSON requires it.
        match &msg {
            Message::Document(d) => {
                if d.head
                    .query_results
                    .as_ref()
                    .is_some_and(|q| q.query_name.is_none())
                {
                    continue;
                }
            }
            Message::Event { .. } => {}
            _ => continue,
        }
        for format in [Format::JsonLd, Format::Xml, Format::Xml12] {
            // Content the target cannot hold validly is reported as such.
            let not_valid = |e: &serialkit_epcis::Event| {
                event_notes(0, e, format)
                    .iter()
                    .any(|n| n.kind == NoteKind::NotValid)
            };
            let skip = match &msg {
                Message::Document(d) => d.events.iter().any(not_valid),
                Message::Event { event, .. } => not_valid(event),
                _ => true,
            };
            if skip {
                skipped += 1;
                continue;
            }
            let Ok(out) = write_message(&msg, format, WriteOptions::default()) else {
                continue;
            };
            total += 1;
            let report = validate(&out[..]);
            if report.is_valid() {
                ok += 1;
            } else {
                failures.push(format!(
                    "{} as {format:?}: {}",
                    doc.rel,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        }
    }
    println!(
        "epcis written documents: {ok}/{total} validate ({skipped} outputs with content the target cannot hold validly, reported by the conversion notes, not checked)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn xml_1_2(event: &str) -> String {
    format!(
        r#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2" creationDate="2024-01-01T00:00:00Z"><EPCISBody><EventList>{event}</EventList></EPCISBody></epcis:EPCISDocument>"#
    )
}

fn xml_2_0(event: &str) -> String {
    format!(
        r#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z"><EPCISBody><EventList>{event}</EventList></EPCISBody></epcis:EPCISDocument>"#
    )
}

const HEAD: &str =
    "<eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>";
const EPCS: &str = "<epcList><epc>urn:epc:id:sgtin:4012345.011111.1</epc></epcList>";
const QUANTITIES: &str = "<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.011111.L1</epcClass><quantity>5</quantity></quantityElement></quantityList>";
const SENSORS: &str = r#"<sensorElementList><sensorElement><sensorReport type="Temperature" value="20" uom="CEL"/></sensorElement></sensorElementList>"#;
const PERSISTENT: &str =
    "<persistentDisposition><set>completeness_verified</set></persistentDisposition>";

fn codes(report: &serialkit_epcis::validate::Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("[{}] {d}", d.problem.code()))
        .collect()
}

/// One bad value does not end the report: every event is checked and every
/// problem reported with its location.
#[test]
fn every_error_in_a_document_is_reported() {
    let event = |action: &str, step: &str| {
        format!(
            r#"{{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
               "action": "{action}", "epcList": [], "bizStep": "{step}"}}"#
        )
    };
    let json = format!(
        r#"{{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
          "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
          "epcisBody": {{"eventList": [{}, {}, {}, {}]}}}}"#,
        event("ADDX", "shipping"),
        event("ADD", "commissioning"),
        event("OBSERVE", "painting"),
        event("DELETEX", "shipping"),
    );
    let report = validate(json.as_bytes());
    assert_eq!(report.events, 4);
    let pointers: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| match &d.location {
            serialkit_epcis::Location::Json { pointer, .. } => pointer.clone(),
            other => format!("{other}"),
        })
        .collect();
    assert_eq!(
        pointers,
        [
            "/epcisBody/eventList/0/action",
            "/epcisBody/eventList/2/bizStep",
            "/epcisBody/eventList/3/action"
        ],
        "{:?}",
        codes(&report)
    );

    let bad = format!("<ObjectEvent>{HEAD}{EPCS}<action>ADDX</action></ObjectEvent>");
    let odd = format!(
        "<ObjectEvent>{HEAD}{EPCS}<action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:painting</bizStep></ObjectEvent>"
    );
    let good = format!("<ObjectEvent>{HEAD}{EPCS}<action>ADD</action></ObjectEvent>");
    let xml = xml_2_0(&format!("{bad}\n{good}\n{odd}\n{bad}"));
    let report = validate(xml.as_bytes());
    assert_eq!(report.events, 4);
    let lines: Vec<u32> = report
        .diagnostics
        .iter()
        .map(|d| match d.location {
            serialkit_epcis::Location::Xml { line, .. } => line,
            _ => 0,
        })
        .collect();
    assert_eq!(lines, [1, 3, 4], "{:?}", codes(&report));
    assert_eq!(report.diagnostics[0].problem.code(), "bad-value");
    assert_eq!(
        report.diagnostics[1].problem.code(),
        "non-standard-vocabulary"
    );

    // Bounded: a document of many bad events stops at the limit, and says so.
    let many = xml_2_0(&bad.repeat(30));
    let options = ValidateOptions::default().max_errors(10);
    let report = validate_with(many.as_bytes(), &options);
    assert_eq!(report.diagnostics.len(), 11);
    assert!(
        report.diagnostics[10]
            .to_string()
            .contains("stopped after 10 errors")
    );
}

/// EPCIS 1.2 fields stand where the 1.2 XSD puts them.
#[test]
fn epcis_1_2_wrapper_placement() {
    let valid = xml_1_2(&format!(
        "<ObjectEvent>{HEAD}<baseExtension><eventID>urn:uuid:1</eventID></baseExtension>{EPCS}<action>ADD</action>\
         <extension>{QUANTITIES}<extension>{SENSORS}{PERSISTENT}<certificationInfo>https://example.com/c</certificationInfo></extension></extension></ObjectEvent>"
    ));
    let report = validate(valid.as_bytes());
    assert!(report.is_valid(), "{:?}", codes(&report));
    for (name, event) in [
        (
            "persistentDisposition",
            format!("<ObjectEvent>{HEAD}{EPCS}<action>ADD</action>{PERSISTENT}</ObjectEvent>"),
        ),
        (
            "sensorElementList",
            format!("<ObjectEvent>{HEAD}{EPCS}<action>ADD</action>{SENSORS}</ObjectEvent>"),
        ),
        (
            "quantityList",
            format!("<ObjectEvent>{HEAD}{EPCS}<action>ADD</action>{QUANTITIES}</ObjectEvent>"),
        ),
        (
            "eventID",
            format!(
                "<ObjectEvent>{HEAD}<eventID>urn:uuid:1</eventID>{EPCS}<action>ADD</action></ObjectEvent>"
            ),
        ),
        (
            "quantityList",
            format!(
                "<ObjectEvent>{HEAD}<baseExtension>{QUANTITIES}</baseExtension>{EPCS}<action>ADD</action></ObjectEvent>"
            ),
        ),
        (
            "action",
            format!(
                "<ObjectEvent>{HEAD}{EPCS}<extension><extension><action>ADD</action></extension></extension></ObjectEvent>"
            ),
        ),
        (
            "TransformationEvent",
            format!(
                "<TransformationEvent>{HEAD}<inputEPCList><epc>urn:epc:id:sgtin:4012345.011111.1</epc></inputEPCList><outputEPCList><epc>urn:epc:id:sgtin:4012345.011111.2</epc></outputEPCList></TransformationEvent>"
            ),
        ),
    ] {
        let report = validate(xml_1_2(&event).as_bytes());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.problem.code() == "misplaced"
                    && d.to_string().contains(&format!("`{name}` is misplaced"))),
            "{name}: {:?}",
            codes(&report)
        );
    }
}

/// EPCIS 2.0 has no 1.2 wrappers: `extension` and `baseExtension` hold
/// only elements of other namespaces.
#[test]
fn epcis_2_0_rejects_1_2_wrappers() {
    let ok = xml_2_0(&format!(
        "<ObjectEvent xmlns:ex=\"https://ns.example.com/\">{HEAD}{EPCS}<action>ADD</action>{QUANTITIES}<extension><ex:a>1</ex:a></extension><ex:b>2</ex:b></ObjectEvent>"
    ));
    let report = validate(ok.as_bytes());
    assert!(report.is_valid(), "{:?}", codes(&report));
    for (name, event) in [
        (
            "quantityList",
            format!(
                "<ObjectEvent>{HEAD}{EPCS}<action>ADD</action><extension>{QUANTITIES}</extension></ObjectEvent>"
            ),
        ),
        (
            "eventID",
            format!(
                "<ObjectEvent>{HEAD}<baseExtension><eventID>urn:uuid:1</eventID></baseExtension>{EPCS}<action>ADD</action></ObjectEvent>"
            ),
        ),
    ] {
        let report = validate(xml_2_0(&event).as_bytes());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.problem.code() == "misplaced"
                    && d.to_string().contains(&format!("`{name}` is misplaced"))),
            "{name}: {:?}",
            codes(&report)
        );
    }
}

/// Element order is the XSD's in 1.2 and 2.0 alike; the lenient option
/// turns order findings into warnings.
#[test]
fn element_order_in_both_schemas_and_the_lenient_option() {
    let lenient = ValidateOptions::default().lenient_order(true);
    let shuffled = format!("<ObjectEvent><action>ADD</action>{HEAD}{EPCS}</ObjectEvent>");
    let extension_first = format!(
        "<ObjectEvent xmlns:ex=\"https://ns.example.com/\"><ex:a>1</ex:a>{HEAD}{EPCS}<action>ADD</action></ObjectEvent>"
    );
    for doc in [
        xml_1_2(&shuffled),
        xml_2_0(&shuffled),
        xml_1_2(&extension_first),
        xml_2_0(&extension_first),
    ] {
        let strict = validate(doc.as_bytes());
        assert!(!strict.is_valid());
        assert!(
            strict
                .diagnostics
                .iter()
                .all(|d| d.problem.code() == "order")
        );
        let l = validate_with(doc.as_bytes(), &lenient);
        assert!(l.is_valid(), "{:?}", l.diagnostics);
        assert_eq!(l.warnings.len(), strict.diagnostics.len());
    }
    let Some(dir) = common::epcis_data("epcis lenient order") else {
        return;
    };
    let wrong = std::fs::read(dir.join(
        "public/openepcis/2.0__XML__Capture__Invalid__ObjectEvent_with_wrong_element_order.xml",
    ))
    .unwrap();
    let l = validate_with(&wrong[..], &lenient);
    assert!(l.is_valid());
    assert!(l.warnings.iter().all(|w| w.problem.code() == "order"));
    assert!(
        l.warnings[0]
            .to_string()
            .contains("`eventTime` is out of order")
    );
    assert_eq!(l.warnings.len(), validate(&wrong[..]).diagnostics.len());
}

/// xsd:hexBinary has two digits per octet; a sensor's interval starts
/// before it ends.
#[test]
fn hex_binary_and_sensor_interval() {
    let event = |hex: &str, start: &str, end: &str| {
        xml_2_0(&format!(
            r#"<ObjectEvent>{HEAD}{EPCS}<action>ADD</action><sensorElementList><sensorElement><sensorMetadata startTime="{start}" endTime="{end}"/><sensorReport type="Temperature" hexBinaryValue="{hex}"/></sensorElement></sensorElementList></ObjectEvent>"#
        ))
    };
    let ok =
        validate(event("0A1B", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00+00:30").as_bytes());
    assert!(ok.is_valid(), "{:?}", codes(&ok));
    let odd = validate(event("0A1", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z").as_bytes());
    assert!(
        codes(&odd)
            .iter()
            .any(|c| c.contains("odd number of hex digits")),
        "{:?}",
        codes(&odd)
    );
    let late =
        validate(event("0A", "2024-01-01T02:00:00Z", "2024-01-01T03:00:00+02:00").as_bytes());
    assert!(
        codes(&late)
            .iter()
            .any(|c| c.contains("is after `endTime`")),
        "{:?}",
        codes(&late)
    );
}
