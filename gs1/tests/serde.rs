//! With the `serde` feature, keys, AIs and element strings serialise as
//! their text forms and deserialise through the same validation.
#![cfg(feature = "serde")]

use serialkit_gs1::{Ai, Gtin, OwnedElementString, Sscc};

#[test]
fn keys_serialise_as_text_and_validate_on_the_way_in() {
    let g: Gtin = "9521234543213".parse().unwrap();
    assert_eq!(serde_json::to_string(&g).unwrap(), "\"09521234543213\"");
    let back: Gtin = serde_json::from_str("\"09521234543213\"").unwrap();
    assert_eq!(back, g);
    assert!(serde_json::from_str::<Gtin>("\"09521234543214\"").is_err());
    assert!(serde_json::from_str::<Sscc>("\"106141411234567897\"").is_ok());
    let ai: Ai = serde_json::from_str("\"8030\"").unwrap();
    assert_eq!(ai.to_string(), "8030");
}

#[test]
fn element_strings_serialise_bracketed() {
    let es: OwnedElementString = "(01)09521234543213(10)ABC".parse().unwrap();
    let json = serde_json::to_string(&es).unwrap();
    assert_eq!(json, "\"(01)09521234543213(10)ABC\"");
    let back: OwnedElementString = serde_json::from_str(&json).unwrap();
    assert_eq!(back, es);
    assert!(serde_json::from_str::<OwnedElementString>("\"(01)09521234543214\"").is_err());
}

#[test]
fn digital_links_and_epcs_serialise_as_uris() {
    use serialkit_gs1::OwnedDigitalLink;
    use serialkit_gs1::epc::{Epc, Tag};
    let uri = "https://example.com/01/09521234543213/21/S1?x=1";
    let d: OwnedDigitalLink = uri.parse().unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{uri}\""));
    let back: OwnedDigitalLink = serde_json::from_str(&format!("\"{uri}\"")).unwrap();
    assert_eq!(back, d);
    let e: Epc = serde_json::from_str("\"urn:epc:id:sgtin:0614141.812345.6789\"").unwrap();
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        "\"urn:epc:id:sgtin:0614141.812345.6789\""
    );
    let t: Tag = serde_json::from_str("\"urn:epc:tag:sgtin-96:3.0614141.812345.6789\"").unwrap();
    assert_eq!(t.epc(), &e);
    assert!(serde_json::from_str::<Epc>("\"urn:epc:id:sgtin:0614141.81234.6789\"").is_err());
}
