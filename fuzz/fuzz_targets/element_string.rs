//! Every element-string input form, on arbitrary bytes: never panics, and
//! whatever parses round-trips — `parse(render(parse(x))) == parse(x)` for
//! the bracketed form, the FNC1 message and the HRI lines, and for scan
//! data of every form (EAN/UPC and ITF-14 GTINs with their add-ons and
//! composites included): `parse(to_bytes(parse(x))) == parse(x)`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_gs1::scan::{Carrier, ScanContent, ScanData};
use serialkit_gs1::{ElementString, Fnc1Notation, Options};

fn check_round_trips(es: &ElementString<'_>, options: &Options) {
    let bracketed = es.to_bracketed();
    let again =
        ElementString::parse_bracketed(&bracketed, options).expect("bracketed output parses");
    assert_eq!(again.to_bracketed(), bracketed, "bracketed round trip");

    // An unknown AI under a prefix with no known AI length cannot be told
    // apart from its value in unbracketed data (the reference engine refuses
    // it there too), so only bracketed and HRI forms round-trip.
    let unbracketed_ok = es.elements().iter().all(|e| {
        !e.spec().is_unknown()
            || serialkit_gs1::ai::ai_length_by_prefix(e.ai().as_bytes()).is_some()
    });
    if unbracketed_ok {
        unbracketed_round_trips(es, options, &bracketed);
    }

    // HRI lines hold no composite marker; compare the elements.
    let hri = es.hri().join("\n");
    let again = ElementString::parse_hri(&hri, options).expect("HRI output parses");
    assert_eq!(again.hri().join("\n"), hri, "HRI round trip");

    let titled = es.hri_with_titles().join("\n");
    let again = ElementString::parse_hri(&titled, options).expect("titled HRI output parses");
    assert_eq!(again.hri().join("\n"), hri, "titled HRI round trip");
}

fn unbracketed_round_trips(es: &ElementString<'_>, options: &Options, bracketed: &str) {
    let message = es.to_message(Fnc1Notation::Caret);
    let again =
        ElementString::parse_message(message.as_bytes(), options).expect("message output parses");
    assert_eq!(again.to_bracketed(), *bracketed, "FNC1 message round trip");

    let gs = es.to_message(Fnc1Notation::Gs);
    let scan = [b"]d2".as_slice(), gs.as_bytes()].concat();
    if es.composite_index().is_none() {
        let s = ScanData::parse(&scan, options).expect("scan output parses");
        let ScanContent::Gs1(again) = s.content() else {
            panic!("GS1 scan content")
        };
        assert_eq!(again.to_bracketed(), *bracketed, "scan data round trip");
    }
}

/// Scan data round-trips through what a reader would transmit, and an
/// EAN/UPC or ITF-14 GTIN also through the scan data its carrier writes for
/// the element string `(01)…|composite`.
fn scan_round_trips(s: &ScanData<'_>, options: &Options) {
    let bytes = s.to_bytes();
    let again = ScanData::parse(&bytes, options).expect("written scan data parses");
    assert_eq!(&again, s, "scan data round trip");

    let ScanContent::Gtin {
        gtin,
        digits,
        composite,
        ..
    } = s.content()
    else {
        return;
    };
    let carrier = match (s.symbology_identifier().as_str(), digits.len()) {
        ("]E4", _) => Carrier::Ean8,
        ("]I1", _) => Carrier::Itf14,
        _ => Carrier::Ean13,
    };
    let es = s
        .clone()
        .into_element_string()
        .expect("a GTIN is GS1 content");
    let written = carrier
        .scan_data(&es)
        .expect("the carrier that was read can carry its own GTIN");
    let again = ScanData::parse(&written, options).expect("carrier scan data parses");
    let ScanContent::Gtin {
        gtin: g2,
        composite: c2,
        ..
    } = again.content()
    else {
        panic!("carrier scan data reads as a GTIN")
    };
    assert_eq!(g2, gtin, "GTIN through the carrier");
    assert_eq!(c2, composite, "composite through the carrier");
}

fuzz_target!(|data: &[u8]| {
    for options in [
        Options::default(),
        Options::default()
            .check_requisites(false)
            .permit_unknown_ais(true),
    ] {
        if let Ok(es) = ElementString::parse_message(data, &options) {
            check_round_trips(&es, &options);
        }
        if let Ok(s) = ScanData::parse(data, &options) {
            scan_round_trips(&s, &options);
            if let ScanContent::Gs1(es) = s.content() {
                check_round_trips(es, &options);
            }
        }
        if let Ok(text) = std::str::from_utf8(data) {
            if let Ok(es) = ElementString::parse_bracketed(text, &options) {
                check_round_trips(&es, &options);
            }
            if let Ok(es) = ElementString::parse_hri(text, &options) {
                check_round_trips(&es, &options);
            }
        }
    }
});
