//! GS1 Digital Link in a plain QR Code: the symbol scans as `]Q1` with the
//! canonical URI, which parses back to the same element strings, and the
//! case-insensitive scheme and host are upper-cased only when that gives a
//! smaller symbol.
#![cfg(all(feature = "gs1", feature = "verify"))]

use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::qr::{EccLevel, Options, QrCode};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::verify::decode_luma;

fn messages() -> Vec<String> {
    let mut out = Vec::new();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let alnum = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
    for _ in 0..60 {
        let body: String = (0..12).map(|_| char::from(b'0' + next(10) as u8)).collect();
        let cd = serialkit_gs1::check_digit::mod10(format!("0{body}").as_bytes()).unwrap_or(b'0');
        let lot: String = (0..1 + next(15))
            .map(|_| char::from(alnum[next(alnum.len() as u64) as usize]))
            .collect();
        let serial: String = (0..1 + next(20))
            .map(|_| char::from(alnum[next(alnum.len() as u64) as usize]))
            .collect();
        out.push(format!(
            "(01)0{body}{}(17)2{}1231(10){lot}(21){serial}",
            char::from(cd),
            next(10)
        ));
    }
    out
}

#[test]
fn digital_link_qr_scans_back_to_the_same_element_string() {
    let gs1 = Gs1Options::default();
    let mut upper_won = 0;
    for (i, m) in messages().iter().enumerate() {
        let es = ElementString::parse(m, &gs1).expect("valid message");
        let stem = if i % 2 == 0 {
            "https://id.gs1.org"
        } else {
            "https://brand.example.com/products"
        };
        for ecc in [EccLevel::L, EccLevel::M, EccLevel::Q, EccLevel::H] {
            let options = Options::with_ecc(ecc);
            let qr = QrCode::encode_digital_link(&es, stem, &options).expect("fits");
            // Never larger than either spelling of the URI alone.
            let uri = es.to_digital_link(stem).expect("has a primary key");
            let lower = QrCode::encode_bytes(uri.as_bytes(), &options).expect("fits");
            assert!(qr.version() <= lower.version(), "{m} at {ecc:?}");
            if qr.version() < lower.version() {
                upper_won += 1;
            }
            let image = to_luma(qr.grid(), &RasterOptions::default()).expect("renders");
            let (w, h) = image.dimensions();
            let decoded = decode_luma(image.as_raw(), w, h).expect("decodes");
            assert_eq!(
                decoded
                    .symbology_identifier
                    .map(|i| i.to_string())
                    .as_deref(),
                Some("]Q1")
            );
            assert!(
                decoded.text.eq_ignore_ascii_case(&uri),
                "{} vs {uri}",
                decoded.text
            );
            // A link puts the key and qualifiers in the path and the rest in
            // the query: the same elements, in link order.
            let back = ElementString::parse(&decoded.text, &gs1).expect("scanned URI parses");
            let sorted = |e: &ElementString<'_>| {
                let mut v: Vec<String> = e.hri();
                v.sort();
                v
            };
            assert_eq!(sorted(&back), sorted(&es), "{m}");
        }
    }
    println!(
        "Digital Link QR: 240 symbols scanned back; upper-case scheme/host gave a smaller symbol in {upper_won}"
    );
}

#[test]
fn no_primary_key_no_link() {
    let es =
        ElementString::parse("(10)ABC", &Gs1Options::default().check_requisites(false)).unwrap();
    assert!(QrCode::encode_digital_link(&es, "https://id.gs1.org", &Options::default()).is_err());
}
