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
