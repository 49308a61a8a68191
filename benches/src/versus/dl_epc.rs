//! `versus dl` and `versus epc`: GS1 Digital Link parse and generate, and
//! SGTIN-96 encode and decode. Peers: biip (Python) for Digital Link
//! parsing, and the Rust `gs1` crate (0.1.8) for SGTIN-96 decoding, in the
//! same run. For reference (not run here), `epc-tds` (npm) does 0.17–0.36
//! million EPC conversions a second and `epcpy` 0.07–0.09 million on these
//! machines.

use std::hint::black_box;

use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink};
use serialkit_gs1::epc::{BinaryScheme, Epc, GcpLengthTable, Tag};
use serialkit_gs1::{ElementString, Options};

use super::external::{Worker, python_peer};
use super::{Contender, Measurement, Settings, compare, peer_missing};

/// A Digital Link with key, two qualifiers and a data attribute.
pub const DL_URI: &str =
    "https://id.gs1.org/01/09521234543213/10/ABC1234567/21/SN12345678901234?17=261231";

/// The same AIs as an element string (input of Digital Link generation).
pub const DL_ELEMENT_STRING: &str =
    "(01)09521234543213(17)261231(10)ABC1234567(21)SN12345678901234";

/// The SGTIN-96 of the TDS worked example, as the tag's EPC bank bytes.
pub const SGTIN96: [u8; 12] = [
    0x30, 0x74, 0x25, 0x7B, 0xF7, 0x19, 0x4E, 0x40, 0x00, 0x00, 0x1A, 0x85,
];

/// Its tag URI.
pub const SGTIN96_TAG_URI: &str = "urn:epc:tag:sgtin-96:3.0614141.812345.6789";

fn biip_dl(workload: &str) -> Option<Worker> {
    let setup = format!(
        "from biip.gs1_digital_link_uris import GS1DigitalLinkURI\nuri = \"{DL_URI}\"\nGS1DigitalLinkURI.parse(uri)"
    );
    python_peer(
        workload,
        "biip",
        "biip",
        &setup,
        "GS1DigitalLinkURI.parse(uri)",
    )
}

/// Runs the `dl` or `epc` workloads.
pub fn run(area: &str, settings: Settings) -> Vec<Measurement> {
    let mut out = Vec::new();
    if area == "dl" {
        let options = Options::default();
        {
            let w = "dl/parse+validate";
            let mut cs = vec![Contender::new("serialkit", || {
                let d = DigitalLink::parse(black_box(DL_URI), &options);
                assert_eq!(d.map(|d| d.element_string().len()).ok(), Some(4));
            })];
            if let Some(mut worker) = biip_dl(w) {
                cs.push(Contender::timed("biip (Python)", move |n| worker.run(n)));
            }
            out.extend(compare(w, cs, settings));
        }
        {
            let w = "dl/generate";
            let es = ElementString::parse(DL_ELEMENT_STRING, &options).expect("valid workload");
            let cs = vec![Contender::new("serialkit", || {
                let uri = black_box(&es).to_digital_link(CANONICAL_STEM);
                assert_eq!(uri.map(|u| u.len()).ok(), Some(DL_URI.len()));
            })];
            out.extend(compare(w, cs, settings));
        }
        return out;
    }
    let tag: Tag = SGTIN96_TAG_URI.parse().expect("valid workload");
    {
        let w = "epc/sgtin-96 encode";
        let cs = vec![Contender::new("serialkit", || {
            // Read by reference: the encoded value is a fixed 128-byte
            // buffer (room for the longest `+` scheme), and moving it out of
            // the Result only to read one byte would time a copy, not the
            // encoder.
            let e = black_box(&tag).encode();
            assert_eq!(e.as_ref().map(|e| e.as_bytes()[11]).ok(), Some(0x85));
        })];
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "epc/sgtin-96 decode";
        let cs = vec![
            Contender::new("serialkit", || {
                let t = Tag::decode(black_box(&SGTIN96));
                assert_eq!(
                    t.map(|t| t.binary_scheme()).ok(),
                    Some(BinaryScheme::Sgtin96)
                );
            }),
            Contender::new("gs1 0.1.8 (Rust)", || {
                let t = rust_gs1::epc::decode_binary(black_box(&SGTIN96));
                assert!(t.is_ok());
            }),
        ];
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "epc/sgtin-96 decode → URI";
        let cs = vec![
            Contender::new("serialkit", || {
                let uri = Tag::decode(black_box(&SGTIN96)).map(|t| t.epc().to_uri());
                assert_eq!(uri.map(|u| u.len()).ok(), Some(36));
            }),
            Contender::new("gs1 0.1.8 (Rust)", || {
                let uri = rust_gs1::epc::decode_binary(black_box(&SGTIN96)).map(|t| t.to_uri());
                assert_eq!(uri.map(|u| u.len()).ok(), Some(36));
            }),
        ];
        out.extend(compare(w, cs, settings));
    }
    // The company prefix length lookup, on GS1's list when it is at hand.
    let data = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("../shared/data"));
    match GcpLengthTable::load(data.join("epcis/gcpprefixformatlist-2022-04-05.xml")) {
        Ok(table) => {
            let w = "epc/GCP length lookup (99,839 prefixes)";
            let keys: [&[u8]; 4] = [
                b"0614141123452",
                b"4012345000009",
                b"9501101530003",
                b"0300010123455",
            ];
            let mut i = 0;
            let cs = vec![Contender::new("serialkit", || {
                i = (i + 1) & 3;
                assert!(black_box(&table).gcp_length(black_box(keys[i])).is_some());
            })];
            out.extend(compare(w, cs, settings));
        }
        Err(e) => peer_missing("epc/GCP length lookup", "serialkit", &e.to_string()),
    }
    {
        let w = "epc/element string → SGTIN-96 hex";
        let es = ElementString::parse("(01)80614141123458(21)6789", &Options::default())
            .expect("valid workload");
        let cs = vec![Contender::new("serialkit", || {
            let epc = Epc::from_element_string(
                black_box(&es),
                serialkit_gs1::epc::CompanyPrefix::Length(7),
            );
            let hex = epc
                .and_then(|e| Tag::new(BinaryScheme::Sgtin96, 3, e))
                .and_then(|t| t.encode())
                .map(|e| e.to_hex());
            assert_eq!(hex.map(|h| h.len()).ok(), Some(24));
        })];
        out.extend(compare(w, cs, settings));
    }
    out
}
