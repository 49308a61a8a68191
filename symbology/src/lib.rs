//! Barcode symbols for product serialization: GS1 DataMatrix ECC 200, QR
//! Code (with Micro QR and rMQR) and Code 128 / GS1-128, each with an
//! encoder that picks the smallest symbol, rendered to PNG, SVG or text,
//! and checked by decoding it back.
//!
//! ```
//! use serialkit_symbology::datamatrix::{DataMatrix, Options};
//! use serialkit_symbology::render::text;
//!
//! // FNC1 in first position, then (01) GTIN, (17) expiry, (10) batch, (21) serial.
//! let dm = DataMatrix::encode_gs1("^01095060075185061729031510P0151511^21WX0Q1PU3AU12", &Options::default())?;
//! assert_eq!(dm.size().to_string(), "22x22");
//! let rows = text::rows(dm.grid());
//! assert_eq!(rows.lines().count(), 22);
//! # Ok::<(), serialkit_symbology::datamatrix::EncodeError>(())
//! ```
//!
//! The same message as GS1 QR Code and GS1-128:
//!
//! ```
//! use serialkit_symbology::code128::{self, Code128};
//! use serialkit_symbology::qr::{self, QrCode};
//!
//! let msg = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
//! let qr = QrCode::encode_gs1(msg, &qr::Options::default())?;
//! assert_eq!(qr.version().number(), 3);
//! let gs1_128 = Code128::encode_gs1("^010950600751850617290315", &code128::Options::default())?;
//! assert_eq!(gs1_128.hri_text(), "(01) 09506007518506 (17) 290315");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate is a pipeline: input ([`Segment`]s of bytes, FNC1 and ECI, or
//! a GS1 `^` message) → a symbology's encoder (`datamatrix`: encodation →
//! [`reed_solomon`] → placement; [`qr`] (with Micro QR and rMQR): optimal
//! segmentation → Reed–Solomon → placement and masking; [`code128`]:
//! minimal code-set switching) → a [`ModuleGrid`] → a renderer in
//! [`render`] → optionally `verify`, which decodes the rendering with
//! `rxing` and compares.
//!
//! # Features
//! - `gs1` (default): encode `serialkit_gs1` element strings directly.
//! - `png` (default): raster rendering through `image` (PNG and every other
//!   format `image` writes).
//! - `verify`: decode-back verification with `rxing`.
//! - `hri`: human-readable text under Code 128 symbols, drawn with an
//!   embedded public-domain bitmap font.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod code128;
pub mod datamatrix;
pub mod grid;
pub mod input;
pub mod qr;
pub mod reed_solomon;
pub mod render;

pub use grid::{ModuleGrid, SymbologyIdentifier};
pub use input::{Eci, Gs1Message, Segment};
#[cfg(feature = "verify")]
pub mod verify;
