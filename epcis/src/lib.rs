//! EPCIS 2.0 and 1.2 documents: the event model, JSON-LD and XML reading and
//! writing (in memory or streaming), conversion between them, validation,
//! and the CBV 2.0 Event Hash ID.
//!
//! ```
//! use serialkit_epcis::{read_document, write_document, Format, WriteOptions};
//!
//! let json = br#"{
//!   "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
//!   "type": "EPCISDocument", "schemaVersion": "2.0",
//!   "creationDate": "2024-01-01T10:00:00Z",
//!   "epcisBody": {"eventList": [{
//!     "type": "ObjectEvent", "eventTime": "2024-01-01T11:00:00+01:00",
//!     "eventTimeZoneOffset": "+01:00", "action": "ADD",
//!     "epcList": ["urn:epc:id:sgtin:4012345.011111.1001"],
//!     "bizStep": "commissioning", "disposition": "active",
//!     "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"}
//!   }]}
//! }"#;
//! let doc = read_document(&json[..]).unwrap();
//! assert_eq!(doc.events.len(), 1);
//!
//! // Same document as EPCIS 2.0 XML: vocabulary bare words become URNs.
//! let xml = write_document(&doc, Format::Xml, WriteOptions::default()).unwrap();
//! let xml = String::from_utf8(xml).unwrap();
//! assert!(xml.contains("<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"));
//! let again = read_document(xml.as_bytes()).unwrap();
//! assert_eq!(again.events, doc.events);
//! ```
//!
//! Features: none; everything is always built. Streaming readers keep memory
//! bounded by the largest event ([`json::JsonReader`], [`xml::XmlReader`],
//! [`stream::EventReader`]); writers stream too.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod builder;
pub mod convert;
pub mod document;
pub mod epc;
pub mod error;
pub mod event;
pub mod ext;
pub mod hash;
pub mod json;
mod parts;
pub mod sample;
pub mod stream;
#[cfg(test)]
mod test_rng;
pub mod time;
pub mod validate;
pub mod vocab;
mod vocab_table;
pub mod write;
pub mod xml;

pub use document::{Document, DocumentHead, DocumentKind, Message};
pub use epc::{Epc, IntoEpc, IntoUri, Uri};
pub use error::{Diagnostic, Error, Location, Problem};
pub use event::{Action, Event, EventBody, EventType};
pub use stream::{read_document, read_message, write_document, write_message};
pub use write::{Format, VocabStyle, WriteOptions};
