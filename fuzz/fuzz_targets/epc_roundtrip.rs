//! EPC binary encodings and URIs on arbitrary bytes: never panics; a tag
//! that decodes encodes back to exactly the same bits; URIs that parse
//! print back to themselves (up to escape spelling) and survive the trip
//! through the GS1 element string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_gs1::epc::{CompanyPrefix, Decoded, Epc, Tag, decode_any, decode_any_hex};

fn check_decoded(d: &Decoded, bytes: &[u8]) {
    let enc = match d {
        Decoded::Tag(t) => t.encode().expect("a decoded tag encodes"),
        Decoded::Plus(p) => p.encode().expect("a decoded + tag encodes"),
        _ => return,
    };
    assert_eq!(
        enc.as_bytes(),
        bytes,
        "decode → encode gives back the same bits"
    );
    if let Decoded::Tag(t) = d {
        let uri = t.to_string();
        let back: Tag = uri.parse().expect("tag URI parses");
        assert_eq!(&back, t, "tag URI round trip");
        check_epc(t.epc());
    }
}

fn check_epc(epc: &Epc) {
    let uri = epc.to_string();
    let back: Epc = uri.parse().expect("EPC URI parses");
    assert_eq!(&back, epc, "pure identity URI round trip");
    if let (Some(gcp), Ok(es)) = (epc.company_prefix(), epc.to_element_string()) {
        let again = Epc::from_element_string(&es, CompanyPrefix::Length(gcp.len() as u8))
            .expect("the element string maps back");
        assert_eq!(&again, epc, "EPC → element string → EPC");
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = decode_any(data) {
        check_decoded(&d, data);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = decode_any_hex(text) {
        let bytes: Vec<u8> = (0..text.len() / 2)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap_or(0))
            .collect();
        check_decoded(&d, &bytes);
    }
    if let Ok(t) = text.parse::<Tag>() {
        let enc = t.encode().expect("a parsed tag encodes");
        let back = Tag::decode(enc.as_bytes()).expect("its encoding decodes");
        assert_eq!(back, t, "tag → bits → tag");
        check_epc(t.epc());
    }
    if let Ok(e) = text.parse::<Epc>() {
        check_epc(&e);
    }
});
