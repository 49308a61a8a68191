//! Inputs that once broke a property, named after what broke.

use serialkit_epcis::{Format, WriteOptions, read_message, write_message};

fn json_round_trip(input: &str) {
    let first = read_message(input.as_bytes()).expect("reads");
    let written = write_message(&first, Format::JsonLd, WriteOptions::default()).expect("writes");
    assert_eq!(
        read_message(&written[..]).expect("reads back"),
        first,
        "{}",
        String::from_utf8_lossy(&written)
    );
}

#[test]
fn json_trailing_bytes_after_the_root_are_rejected() {
    assert!(read_message(&br#"{"eventType":["ObjectEvent"]} x"#[..]).is_err());
    assert!(
        read_message(&br#"{"type":"EPCISDocument","epcisBody":{"eventList":[]}}}"#[..]).is_err()
    );
}

#[test]
fn json_scalar_followed_by_an_object_is_rejected() {
    let doc = r#"{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"EPCISQueryDocument","schemaVersion":"2.0","epcisBody":{"quEryResults":0{"a":1}}}"#;
    assert!(read_message(doc.as_bytes()).is_err());
}

#[test]
fn json_schema_version_is_kept() {
    json_round_trip(
        r#"{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"EPCISDocument","schemaVersion":"1.0","epcisBody":{"eventList":[]}}"#,
    );
    json_round_trip(
        r#"{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"EPCISDocument","epcisBody":{"eventList":[]}}"#,
    );
}

#[test]
fn json_query_values_keep_key_order_and_objects() {
    json_round_trip(
        r#"{"@context":"x:y","readPoint":{"ex:dock":"3","id":"urn:x:1"},"list":["a",{"ex:b":1}]}"#,
    );
}

#[test]
fn json_keys_after_the_body_are_read() {
    let doc = r#"{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"EPCISDocument","epcisBody":{"eventList":[]},"schemaVersion":"2.0","id":"urn:uuid:1"}"#;
    match read_message(doc.as_bytes()).unwrap() {
        serialkit_epcis::Message::Document(d) => {
            assert_eq!(d.head.id.as_deref(), Some("urn:uuid:1"));
            assert_eq!(d.head.schema_version.as_deref(), Some("2.0"));
        }
        other => panic!("{other:?}"),
    }
    json_round_trip(doc);
}

/// A capture document with numbers JSON doubles cannot hold: beyond 2^53,
/// beyond double precision, and with an exponent.
const PRECISE_NUMBERS: &str = r#"{
  "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://ns.example.com/epcis/"}],
  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
  "epcisBody": {"eventList": [{
    "type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
    "action": "OBSERVE", "epcList": [],
    "quantityList": [
      {"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 12345678901234567891234},
      {"epcClass": "urn:epc:class:lgtin:4012345.012345.998878", "quantity": 0.30000000000000000001, "uom": "KGM"},
      {"epcClass": "urn:epc:class:lgtin:4012345.012345.998879", "quantity": 1.50E+2, "uom": "KGM"}
    ],
    "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"},
    "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 0.30000000000000000001, "uom": "CEL"}]}],
    "ex:big": 12345678901234567891234, "ex:list": [1.50E+2, -0.0, 7]
  }]}
}"#;

const NUMBER_TEXTS: [&str; 6] = [
    "12345678901234567891234",
    "0.30000000000000000001",
    "1.50E+2",
    "-0.0",
    "\"quantity\": 12345678901234567891234",
    "\"ex:big\": 12345678901234567891234",
];

fn quantities(doc: &serialkit_epcis::Document) -> Vec<String> {
    let serialkit_epcis::EventBody::Object(o) = &doc.events[0].body else {
        panic!("an ObjectEvent")
    };
    o.quantity_list
        .iter()
        .map(|q| q.quantity.as_ref().unwrap().as_str().to_owned())
        .collect()
}

#[test]
fn json_numbers_keep_their_text() {
    use serialkit_epcis::{read_document, write_document};
    let doc = read_document(PRECISE_NUMBERS.as_bytes()).unwrap();
    assert_eq!(
        quantities(&doc),
        [
            "12345678901234567891234",
            "0.30000000000000000001",
            "1.50E+2"
        ]
    );
    let e = &doc.events[0];
    let v = e.common.sensor_elements[0].reports[0]
        .value
        .as_ref()
        .unwrap();
    assert_eq!(v.as_str(), "0.30000000000000000001");
    let ext = |name: &str| {
        e.common
            .extensions
            .iter()
            .find(|x| x.name.local == name)
            .unwrap()
            .value
            .clone()
    };
    use serialkit_epcis::ext::ExtValue;
    assert_eq!(
        ext("big"),
        ExtValue::Number("12345678901234567891234".into())
    );
    assert_eq!(
        ext("list"),
        ExtValue::Array(vec![
            ExtValue::Number("1.50E+2".into()),
            ExtValue::Number("-0.0".into()),
            ExtValue::Number("7".into())
        ])
    );
    // read -> write JSON -> read: same model, same texts.
    let pretty = WriteOptions {
        pretty: true,
        ..WriteOptions::default()
    };
    let json = write_document(&doc, Format::JsonLd, pretty).unwrap();
    let json_text = String::from_utf8(json.clone()).unwrap();
    for t in NUMBER_TEXTS {
        assert!(json_text.contains(t), "{t} in {json_text}");
    }
    assert_eq!(read_document(&json[..]).unwrap(), doc);
    // JSON -> XML (2.0 and 1.2) -> JSON keeps them too.
    for format in [Format::Xml, Format::Xml12] {
        let xml = write_document(&doc, format, pretty).unwrap();
        let xml_text = String::from_utf8(xml.clone()).unwrap();
        for t in &NUMBER_TEXTS[..4] {
            assert!(xml_text.contains(t), "{t} in {xml_text}");
        }
        let back = read_document(&xml[..]).unwrap();
        assert_eq!(quantities(&back), quantities(&doc));
        let again = write_document(&back, Format::JsonLd, pretty).unwrap();
        let again = String::from_utf8(again).unwrap();
        for t in NUMBER_TEXTS {
            assert!(again.contains(t), "{t} after {format:?}: {again}");
        }
    }
}

#[test]
fn xml_numbers_keep_their_text() {
    use serialkit_epcis::{read_document, write_document};
    let xml = r#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
<EPCISBody><EventList><ObjectEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
<epcList/><action>OBSERVE</action>
<quantityList>
<quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>12345678901234567891234</quantity></quantityElement>
<quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998878</epcClass><quantity>0.30000000000000000001</quantity><uom>KGM</uom></quantityElement>
<quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998879</epcClass><quantity>1.50E+2</quantity><uom>KGM</uom></quantityElement>
</quantityList>
</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"#;
    let doc = read_document(xml.as_bytes()).unwrap();
    let want = [
        "12345678901234567891234",
        "0.30000000000000000001",
        "1.50E+2",
    ];
    assert_eq!(quantities(&doc), want);
    let json = write_document(&doc, Format::JsonLd, WriteOptions::default()).unwrap();
    let back = read_document(&json[..]).unwrap();
    assert_eq!(quantities(&back), want);
    assert_eq!(back.events, doc.events);
    let xml2 = write_document(&back, Format::Xml, WriteOptions::default()).unwrap();
    assert_eq!(read_document(&xml2[..]).unwrap().events, doc.events);
}

#[test]
fn precise_numbers_hash_in_the_reference_canonical_form() {
    use serialkit_epcis::hash::{HashOptions, event_hash, prehash};
    use serialkit_epcis::{read_document, write_document};
    let doc = read_document(PRECISE_NUMBERS.as_bytes()).unwrap();
    let pre = prehash(&doc.events[0], &HashOptions::default());
    // The reference reads numbers with Python's float() and drops a
    // trailing `.0`: 1.2345678901234568e22 as an integer, 0.3, 150.
    assert!(pre.contains("quantity=12345678901234567741440"), "{pre}");
    assert!(pre.contains("quantity=0.3uom=KGM"), "{pre}");
    assert!(pre.contains("quantity=150uom=KGM"), "{pre}");
    assert!(pre.contains("value=0.3"), "{pre}");
    for format in [Format::Xml, Format::Xml12] {
        let xml = write_document(&doc, format, WriteOptions::default()).unwrap();
        let back = read_document(&xml[..]).unwrap();
        assert_eq!(event_hash(&back.events[0]), event_hash(&doc.events[0]));
    }
}

#[test]
fn json_numbers_of_a_bare_event_keep_their_text() {
    let event = r#"{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
      "type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
      "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.1", "quantity": 1.50E+2}]}"#;
    let msg = read_message(event.as_bytes()).unwrap();
    let serialkit_epcis::Message::Event { event: e, .. } = &msg else {
        panic!("a bare event")
    };
    let serialkit_epcis::EventBody::Object(o) = &e.body else {
        panic!("an ObjectEvent")
    };
    assert_eq!(
        o.quantity_list[0].quantity.as_ref().unwrap().as_str(),
        "1.50E+2"
    );
    let written = write_message(&msg, Format::JsonLd, WriteOptions::default()).unwrap();
    assert!(String::from_utf8(written).unwrap().contains("1.50E+2"));
}

fn same_format_round_trip(input: &str, format: Format) {
    let first = read_message(input.as_bytes()).expect("reads");
    let written = write_message(&first, format, WriteOptions::default()).expect("writes");
    assert_eq!(
        read_message(&written[..]).expect("reads back"),
        first,
        "{}",
        String::from_utf8_lossy(&written)
    );
}

#[test]
fn xml_capture_job_without_an_epcis_prefix_round_trips() {
    same_format_round_trip(
        r#"<EPCISCaptureJob xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" running="true" captureID="c1"><errors/></EPCISCaptureJob>"#,
        Format::Xml,
    );
}

#[test]
fn xml_bare_events_keep_their_namespaces_and_version() {
    let event = |decl: &str| {
        format!(
            r#"<ObjectEvent{decl}><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><epcList/><action>OBSERVE</action><extension><extension><persistentDisposition><set>urn:epcglobal:cbv:disp:active</set></persistentDisposition></extension></extension></ObjectEvent>"#
        )
    };
    // No EPCIS namespace: read as 2.0, written back without one.
    same_format_round_trip(&event(""), Format::Xml);
    // An EPCIS 1.x namespace: read as 1.2 (its wrappers), written as 1.2.
    same_format_round_trip(
        &event(r#" xmlns:epcis="urn:epcglobal:epcis:xsd:1""#),
        Format::Xml12,
    );
}

#[test]
fn json_capture_job_fields_have_their_types() {
    assert!(read_message(&br#"{"captureID": {"id": "x"}, "running": true}"#[..]).is_err());
    assert!(read_message(&br#"{"captureID": "x", "running": "yes"}"#[..]).is_err());
    json_round_trip(
        r#"{"captureID": "x", "running": true, "errors": [{"status": 400, "title": "bad"}]}"#,
    );
}
