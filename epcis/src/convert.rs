//! Conversion between EPCIS 2.0 JSON-LD, 2.0 XML and 1.2 XML, with a report
//! of what the target cannot express.
//!
//! Reading already maps 1.2 onto the 2.0 model the way GS1's 1.2 → 2.0
//! mapping does (extension wrappers flattened, `QuantityEvent` read as an
//! `ObjectEvent` with action `OBSERVE`). Writing 1.2 follows the mapping
//! back: `TransformationEvent` inside `EventList/extension`,
//! `AssociationEvent` inside `EventList/extension/extension`, `eventID` and
//! `errorDeclaration` in `baseExtension`, and 2.0-only fields
//! (`sensorElementList`, `persistentDisposition`, `certificationInfo`) as
//! unqualified elements of the innermost `extension` — readable again by
//! this crate, but outside what 1.2 software understands. Each such
//! placement is reported.
//!
//! ```
//! use serialkit_epcis::convert::convert;
//! use serialkit_epcis::{read_document, Format, WriteOptions};
//! let json = br#"{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
//!   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
//!   "epcisBody": {"eventList": [{"type": "AssociationEvent", "eventTime": "2024-01-01T00:00:00Z",
//!     "eventTimeZoneOffset": "+00:00", "action": "ADD", "parentID": "urn:epc:id:grai:4012345.55555.1",
//!     "childEPCs": ["urn:epc:id:giai:4000001.1"]}]}}"#;
//! let doc = read_document(&json[..]).unwrap();
//! let (xml, report) = convert(&doc, Format::Xml12, WriteOptions::default()).unwrap();
//! assert!(String::from_utf8(xml).unwrap().contains("<extension>"));
//! assert_eq!(report.notes.len(), 1);
//! ```

use crate::document::{Document, DocumentHead};
use crate::error::Error;
use crate::event::{Event, EventBody};
use crate::write::{Format, WriteOptions};

/// How the target deals with something it cannot express directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoteKind {
    /// Not written at all.
    Dropped,
    /// Written where GS1's mapping puts it, in an `extension` element the
    /// target's schema only knows as open content.
    Extension,
}

/// One finding of a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversionNote {
    /// The event (0-based), or `None` for the document head.
    pub event: Option<usize>,
    /// The field concerned.
    pub field: &'static str,
    /// What happened to it.
    pub kind: NoteKind,
}

impl std::fmt::Display for ConversionNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            NoteKind::Dropped => "has no counterpart in the target format and was dropped",
            NoteKind::Extension => "is written as 1.2 extension content (GS1 mapping)",
        };
        match self.event {
            Some(i) => write!(f, "event {i}: `{}` {what}", self.field),
            None => write!(f, "document: `{}` {what}", self.field),
        }
    }
}

/// What a conversion could not carry over as such.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversionReport {
    /// The findings, head first, then events in order.
    pub notes: Vec<ConversionNote>,
}

/// Findings for the head of a document written as `to`.
pub fn head_notes(head: &DocumentHead, to: Format) -> Vec<ConversionNote> {
    let mut notes = Vec::new();
    if matches!(to, Format::Xml | Format::Xml12) {
        for (field, v) in [
            ("id", &head.id),
            ("sender", &head.sender),
            ("receiver", &head.receiver),
            ("instanceIdentifier", &head.instance_identifier),
        ] {
            if v.is_some() {
                notes.push(ConversionNote {
                    event: None,
                    field,
                    kind: NoteKind::Dropped,
                });
            }
        }
    }
    notes
}

/// Findings for one event written as `to`.
pub fn event_notes(index: usize, e: &Event, to: Format) -> Vec<ConversionNote> {
    let mut notes = Vec::new();
    if to != Format::Xml12 {
        return notes;
    }
    let mut note = |field| {
        notes.push(ConversionNote {
            event: Some(index),
            field,
            kind: NoteKind::Extension,
        })
    };
    match &e.body {
        EventBody::Association(_) => note("AssociationEvent"),
        EventBody::Extended(_) => note("custom event type"),
        _ => {}
    }
    if !matches!(e.body, EventBody::Association(_) | EventBody::Extended(_)) {
        if !e.common.sensor_elements.is_empty() {
            note("sensorElementList");
        }
        if e.common.persistent_disposition.is_some() {
            note("persistentDisposition");
        }
    }
    if !e.common.certification_info.is_empty() {
        note("certificationInfo");
    }
    notes
}

/// Writes `doc` as `to` and reports what the target cannot express.
pub fn convert(
    doc: &Document,
    to: Format,
    options: WriteOptions,
) -> Result<(Vec<u8>, ConversionReport), Error> {
    let mut report = ConversionReport {
        notes: head_notes(&doc.head, to),
    };
    for (i, e) in doc.events.iter().enumerate() {
        report.notes.extend(event_notes(i, e, to));
    }
    let bytes = crate::stream::write_document(doc, to, options)?;
    Ok((bytes, report))
}
