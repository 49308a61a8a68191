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
