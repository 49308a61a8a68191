//! GS1 identification keys, check digits, the Application Identifier table,
//! element strings, scan data, HRI, validation, GS1 Digital Link, typed AI
//! values and EPC identifiers — the bottom of the serialkit crate family, on
//! which symbology, serial allocation and EPCIS build.
//!
//! ```
//! use serialkit_gs1::{ElementString, Fnc1Notation, Gtin, Options};
//!
//! // A pharma pack: GTIN, expiry, batch, serial.
//! let es = ElementString::parse(
//!     "(01)09521234543213(17)261231(10)ABC123(21)SN0001",
//!     &Options::default(),
//! )?;
//! assert_eq!(es.to_message(Fnc1Notation::Caret), "^01095212345432131726123110ABC123^21SN0001");
//! assert_eq!(es.hri()[0], "(01) 09521234543213");
//! let gtin: Gtin = es.get("01").unwrap().parse()?;
//! assert_eq!(gtin.to_gtin13(), Some("9521234543213"));
//!
//! // Every problem is reported, with the AI and the byte span.
//! let errors = ElementString::parse("(01)09521234543214(17)261301", &Options::default()).unwrap_err();
//! assert_eq!(errors.iter().count(), 2);
//! assert_eq!(errors.first().unwrap().kind.code(), "AI_LINTER_ERROR");
//!
//! // The same pack as a GS1 Digital Link, and the serialised GTIN as an
//! // RFID tag (SGTIN-96), given the length of the GS1 Company Prefix.
//! use serialkit_gs1::{DigitalLink, epc::{BinaryScheme, CompanyPrefix, Epc, Tag}};
//! assert_eq!(
//!     es.to_digital_link("https://example.com")?,
//!     "https://example.com/01/09521234543213/10/ABC123/21/SN0001?17=261231"
//! );
//! let dl = DigitalLink::parse("https://example.com/01/09521234543213/21/12345", &Options::default())?;
//! let epc = Epc::from_element_string(dl.element_string(), CompanyPrefix::Length(7))?;
//! assert_eq!(epc.to_string(), "urn:epc:id:sgtin:9521234.054321.12345");
//! let tag = Tag::new(BinaryScheme::Sgtin96, 1, epc)?;
//! assert_eq!(tag.encode()?.to_hex(), "3036452148350C4000003039");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What is here:
//! - [`check_digit`]: GS1 mod-10 check digits and the alphanumeric
//!   check-character pair of AI (8013).
//! - [`ident`]: [`Gtin`], [`Sscc`], [`Gln`], [`Grai`], [`Giai`], [`Gsrn`],
//!   [`Gdti`], [`Gcn`], [`Ginc`], [`Gsin`] — types that only hold valid keys.
//! - [`ai`]: every AI of the GS1 Barcode Syntax Dictionary (release
//!   2026-01-27), with components, linters and association rules.
//! - [`lint`]: every linter the dictionary names, with GS1's error codes and
//!   the offending span.
//! - [`element`]: [`ElementString`]: parse bracketed syntax, FNC1 messages
//!   and HRI; validate; render as message, bracketed form and HRI.
//! - [`dl`]: GS1 Digital Link URIs: [`DigitalLink`] parses any stem into a
//!   validated element string; [`ElementString::to_digital_link`] writes the
//!   canonical URI.
//! - [`scan`]: scan data with AIM symbology identifiers (a Digital Link in
//!   plain 2D scan data is recognised), and the scan data a reader transmits
//!   for each carrier.
//! - [`date`]: GS1 dates with the century rule and day `00`.
//! - [`epc`]: EPC identifiers (Tag Data Standard 2.x): pure identity, class,
//!   pattern and tag URIs, RFID binary encodings (96-bit, variable and `+`
//!   schemes), conversion to and from GS1 keys, and the GS1 Company Prefix
//!   length table.
//! - [`value`]: typed views of AI values ([`value::AiValue`]: dates,
//!   measures with units, amounts with currency, countries, coordinates …)
//!   and restricted circulation numbers with variable-measure decoding.
//!
//! Features:
//! - `serde`: `Serialize`/`Deserialize` for keys, AIs and element strings
//!   (as their text forms).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ai;
pub mod check_digit;
pub mod date;
pub mod dl;
pub mod element;
pub mod epc;
pub mod error;
pub mod ident;
pub mod lint;
pub mod scan;
pub mod symbology_id;
pub mod value;

pub use ai::{Ai, AiSpec};
pub use dl::{DigitalLink, OwnedDigitalLink};
pub use element::{Element, ElementString, Fnc1Notation, Options, OwnedElementString};
pub use error::{Error, ErrorKind, Errors};
pub use ident::{Gcn, Gdti, Giai, Ginc, Gln, Grai, Gsin, Gsrn, Gtin, InvalidKey, Sscc};
pub use symbology_id::SymbologyIdentifier;

/// The README's example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;
