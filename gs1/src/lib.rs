//! GS1 identification keys, check digits, the Application Identifier table,
//! element strings, scan data, HRI and validation — the bottom of the
//! serialkit crate family, on which symbology, serial allocation and EPCIS
//! build.
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
//! - [`scan`]: scan data with AIM symbology identifiers, and the scan data a
//!   reader transmits for each carrier.
//! - [`date`]: GS1 dates with the century rule and day `00`.
//!
//! Features:
//! - `serde`: `Serialize`/`Deserialize` for keys, AIs and element strings
//!   (as their text forms).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ai;
pub mod check_digit;
pub mod date;
pub mod element;
pub mod error;
pub mod ident;
pub mod lint;
pub mod scan;

pub use ai::{Ai, AiSpec};
pub use element::{Element, ElementString, Fnc1Notation, Options, OwnedElementString};
pub use error::{Error, ErrorKind, Errors};
pub use ident::{Gcn, Gdti, Giai, Ginc, Gln, Grai, Gsin, Gsrn, Gtin, InvalidKey, Sscc};

/// The README's example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;
