//! GS1 Digital Link on arbitrary bytes: never panics, and whatever parses
//! is stable through its element string — the canonical URI of the parsed
//! AIs parses back to the same AIs, and canonicalising again gives the same
//! URI.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_gs1::Options;
use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink};

fn sorted_pairs(d: &DigitalLink<'_>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = d
        .element_string()
        .elements()
        .iter()
        .map(|e| (e.ai().to_string(), e.value().to_owned()))
        .collect();
    v.sort();
    v
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [
        Options::default(),
        Options::default()
            .check_requisites(false)
            .permit_unknown_ais(true)
            .permit_unknown_ais_as_dl_attributes(true)
            .permit_zero_suppressed_gtin(true)
            .permit_convenience_alphas(true),
    ] {
        let Ok(d) = DigitalLink::parse(text, &options) else {
            continue;
        };
        // Not every parsed link has a canonical form: the canonical choice
        // of qualifiers may move an AI that is no data attribute to the query.
        let Ok(uri) = d
            .element_string()
            .to_digital_link_with(CANONICAL_STEM, &options)
        else {
            continue;
        };
        let again = DigitalLink::parse(&uri, &options).expect("a canonical URI parses");
        assert_eq!(
            sorted_pairs(&again),
            sorted_pairs(&d),
            "same AIs after the round trip"
        );
        assert!(again.ignored_query().is_none());
        let uri2 = again
            .element_string()
            .to_digital_link_with(CANONICAL_STEM, &options)
            .expect("canonical again");
        assert_eq!(uri2, uri, "canonical form is stable");
        // The element string forms carry the same AIs.
        let bracketed = again.element_string().to_bracketed();
        let es = serialkit_gs1::ElementString::parse_bracketed(&bracketed, &options)
            .expect("bracketed output parses");
        assert_eq!(
            es.to_digital_link_with(CANONICAL_STEM, &options).ok(),
            Some(uri)
        );
    }
});
