//! Decode-back verification of DataMatrix symbols (`verify` feature):
//! `verify_gs1` and `verify_element_string` accept what was encoded and
//! name the difference when the symbol holds something else.
#![cfg(feature = "verify")]

use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};
use serialkit_symbology::render::png::{ModuleScale, RasterOptions};
use serialkit_symbology::verify::{VerifyError, verify, verify_element_string, verify_gs1};
use serialkit_symbology::{Eci, Segment, SymbologyIdentifier};

const PHARMA: &str = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
const PHARMA_BRACKETED: &str = "(01)09506007518506(17)290315(10)P0151511(21)WX0Q1PU3AU12";

#[test]
fn verify_gs1_accepts_the_message_it_was_encoded_from() {
    for policy in [
        SizePolicy::Square,
        SizePolicy::Rectangular,
        SizePolicy::Dmre,
    ] {
        let dm = DataMatrix::encode_gs1(PHARMA, &Options::with_size(policy)).unwrap();
        for scale in [
            ModuleScale::Pixels(3),
            ModuleScale::XDimension { mm: 0.3, dpi: 300 },
        ] {
            let options = RasterOptions {
                scale,
                quiet_zone: None,
            };
            let decoded = verify_gs1(dm.grid(), PHARMA, &options)
                .unwrap_or_else(|e| panic!("{policy:?} {}: {e}", dm.size()));
            assert_eq!(
                decoded.symbology_identifier,
                Some(SymbologyIdentifier::DATA_MATRIX_GS1)
            );
            assert_eq!(
                decoded.text,
                "01095060075185061729031510P0151511\u{1d}21WX0Q1PU3AU12"
            );
            assert_eq!(decoded.format, "DATA_MATRIX");
        }
    }
}

#[test]
fn verify_gs1_names_the_first_difference() {
    let dm = DataMatrix::encode_gs1(PHARMA, &Options::default()).unwrap();
    let other = "^01095060075185061729031510P0151511^21WX0Q1PU3AU13";
    match verify_gs1(dm.grid(), other, &RasterOptions::pixels(3)) {
        Err(VerifyError::Content { at, .. }) => assert_eq!(at, 48),
        other => panic!("{other:?}"),
    }
    // A plain symbol with the same characters is not GS1.
    let plain = DataMatrix::encode_bytes(
        b"01095060075185061729031510P0151511\x1d21WX0Q1PU3AU12",
        &Options::default(),
    )
    .unwrap();
    match verify_gs1(plain.grid(), PHARMA, &RasterOptions::pixels(3)) {
        Err(VerifyError::Identifier { expected, decoded }) => {
            assert_eq!(expected, SymbologyIdentifier::DATA_MATRIX_GS1);
            assert_eq!(decoded, Some(SymbologyIdentifier::DATA_MATRIX));
        }
        other => panic!("{other:?}"),
    }
    // Malformed GS1 message.
    assert!(matches!(
        verify_gs1(dm.grid(), "01095060075185061", &RasterOptions::pixels(3)),
        Err(VerifyError::Gs1(_))
    ));
    // An unreadable rendering is reported, not a panic.
    assert!(matches!(
        verify_gs1(dm.grid(), PHARMA, &RasterOptions::pixels(0)),
        Err(VerifyError::Render(_))
    ));
}

#[test]
fn verify_element_string_round_trips_through_scan_data() {
    let es = ElementString::parse(PHARMA_BRACKETED, &Gs1Options::default()).unwrap();
    let dm = DataMatrix::encode_element_string(&es, &Options::default()).unwrap();
    assert_eq!(dm.size().to_string(), "22x22");
    let decoded = verify_element_string(dm.grid(), &es, &RasterOptions::pixels(4)).unwrap();
    assert_eq!(
        decoded.symbology_identifier,
        Some(SymbologyIdentifier::DATA_MATRIX_GS1)
    );
    // Another element string: a different serial.
    let other = ElementString::parse(
        "(01)09506007518506(17)290315(10)P0151511(21)OTHER",
        &Gs1Options::default(),
    )
    .unwrap();
    assert!(matches!(
        verify_element_string(dm.grid(), &other, &RasterOptions::pixels(4)),
        Err(VerifyError::Content { .. })
    ));
}

#[test]
fn verify_checks_eci_identifiers() {
    // Latin-1 under ECI 3 and ASCII under ECI 26 (UTF-8): ]d4. (rxing
    // 0.9.3 misreads Base 256 data after an ECI, repeating it in Latin-1,
    // so these texts are ones our encoder writes in ASCII.)
    let latin1 = [b'G', b'r', 0xF6];
    for (eci, bytes, text) in [
        (Eci::LATIN_1, &latin1[..], "Grö"),
        (Eci::UTF_8, b"abc", "abc"),
    ] {
        let segments = [Segment::Eci(eci), Segment::Data(bytes)];
        let dm = DataMatrix::encode(&segments, &Options::default()).unwrap();
        assert_eq!(
            dm.grid().symbology_identifier(),
            SymbologyIdentifier::DATA_MATRIX_ECI
        );
        assert!(!dm.data_codewords().contains(&231), "no Base 256");
        let decoded = verify(dm.grid(), &segments, &RasterOptions::pixels(4)).unwrap();
        assert_eq!(decoded.text, text);
        // Rebuilt from its codewords, the grid reports the same identifier
        // and still verifies.
        let rebuilt = DataMatrix::from_codewords(
            dm.size(),
            dm.data_codewords(),
            serialkit_symbology::datamatrix::Layout144::Readers,
        )
        .unwrap();
        assert_eq!(rebuilt.grid(), dm.grid());
        verify(rebuilt.grid(), &segments, &RasterOptions::pixels(4)).unwrap();
    }
    // GS1 with ECI: FNC1 first, then the designator: ]d5, and verify_gs1
    // accepts it as GS1.
    let segments = [
        Segment::Fnc1,
        Segment::Eci(Eci::LATIN_1),
        Segment::Data(b"10ABC"),
    ];
    let dm = DataMatrix::encode(&segments, &Options::default()).unwrap();
    assert_eq!(
        dm.grid().symbology_identifier(),
        SymbologyIdentifier::DATA_MATRIX_GS1_ECI
    );
    let decoded = verify(dm.grid(), &segments, &RasterOptions::pixels(4)).unwrap();
    assert_eq!(decoded.text, "10ABC");
}
