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
use crate::ext::{ExtValue, Extension};
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
    /// Written, but read back as a different value (XML has no arrays and
    /// no empty objects).
    Changed,
    /// Written, but the target's schema does not allow it.
    NotValid,
    /// Read as something else (EPCIS 1.0/1.1 `QuantityEvent`).
    Remapped,
}

/// One finding of a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConversionNote {
    /// The event (0-based), or `None` for the document head.
    pub event: Option<usize>,
    /// The field concerned (an extension by its prefixed name).
    pub field: String,
    /// What happened to it.
    pub kind: NoteKind,
    /// Details, when the kind does not say it all.
    pub detail: Option<String>,
}

impl ConversionNote {
    /// A note without details.
    pub fn new(event: Option<usize>, field: impl Into<String>, kind: NoteKind) -> Self {
        ConversionNote {
            event,
            field: field.into(),
            kind,
            detail: None,
        }
    }

    /// The note with `detail`.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl std::fmt::Display for ConversionNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            NoteKind::Dropped => "has no counterpart in the target format and was dropped",
            NoteKind::Extension => "is written as 1.2 extension content (GS1 mapping)",
            NoteKind::Changed => "is written in a form that reads back differently",
            NoteKind::NotValid => "is written, but the target's schema does not allow it",
            NoteKind::Remapped => "was read in the form GS1's 1.2 -> 2.0 mapping gives it",
        };
        match self.event {
            Some(i) => write!(f, "event {i}: `{}` {what}", self.field)?,
            None => write!(f, "document: `{}` {what}", self.field)?,
        }
        if let Some(d) = &self.detail {
            write!(f, ": {d}")?;
        }
        Ok(())
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
                notes.push(ConversionNote::new(None, field, NoteKind::Dropped));
            }
        }
        ext_shapes(None, &head.extensions, &mut notes);
    } else {
        for a in &head.xml_root_attributes {
            notes.push(
                ConversionNote::new(None, a.name.prefixed(), NoteKind::Dropped)
                    .with_detail("an attribute of the XML root element"),
            );
        }
    }
    notes
}

/// Findings for one event written as `to`.
pub fn event_notes(index: usize, e: &Event, to: Format) -> Vec<ConversionNote> {
    let mut notes = Vec::new();
    let c = &e.common;
    if to != Format::Xml12 {
        // EPCIS 2.0 wants extension fields in a namespace; 1.x `##local`
        // elements have none.
        for x in &c.extensions {
            if x.name.namespace.is_none() && x.name.prefix.is_none() {
                notes.push(
                    ConversionNote::new(Some(index), x.name.local.clone(), NoteKind::NotValid)
                        .with_detail("an extension element without a namespace (EPCIS 1.x `extension` content); EPCIS 2.0 wants extensions in a namespace"),
                );
            }
        }
    }
    if matches!(to, Format::Xml | Format::Xml12) {
        let mut all: Vec<&[Extension]> = vec![&c.extensions];
        for l in [&c.read_point, &c.biz_location].into_iter().flatten() {
            all.push(&l.extensions);
        }
        if let Some(d) = &c.error_declaration {
            all.push(&d.extensions);
        }
        for se in &c.sensor_elements {
            all.push(&se.extensions);
            if let Some(m) = &se.metadata {
                all.push(&m.extensions);
            }
            for r in &se.reports {
                all.push(&r.extensions);
            }
        }
        match &e.body {
            EventBody::Object(o) => all.extend(o.ilmd.as_ref().map(|i| &i.0[..])),
            EventBody::Transformation(t) => all.extend(t.ilmd.as_ref().map(|i| &i.0[..])),
            _ => {}
        }
        for exts in all {
            ext_shapes(Some(index), exts, &mut notes);
        }
    }
    if to != Format::Xml12 {
        return notes;
    }
    let mut note = |field: &str| {
        notes.push(ConversionNote::new(Some(index), field, NoteKind::Extension));
    };
    match &e.body {
        EventBody::Association(_) => note("AssociationEvent"),
        EventBody::Extended(_) => note("custom event type"),
        _ => {}
    }
    if !matches!(e.body, EventBody::Association(_) | EventBody::Extended(_)) {
        if !c.sensor_elements.is_empty() {
            note("sensorElementList");
        }
        if c.persistent_disposition.is_some() {
            note("persistentDisposition");
        }
    }
    if !c.certification_info.is_empty() {
        note("certificationInfo");
    }
    notes
}

/// Notes the JSON shapes XML cannot give back: XML lists by repeating an
/// element, so an empty array disappears and a one-item array reads back
/// as a single value, nested arrays are flattened, and an empty object is
/// an empty element, which reads back as empty text.
fn ext_shapes(event: Option<usize>, exts: &[Extension], notes: &mut Vec<ConversionNote>) {
    fn walk(
        event: Option<usize>,
        name: &str,
        v: &ExtValue,
        in_array: bool,
        notes: &mut Vec<ConversionNote>,
    ) {
        let note = |kind, detail: &str| ConversionNote::new(event, name, kind).with_detail(detail);
        match v {
            ExtValue::Array(_) if in_array => notes.push(note(
                NoteKind::Changed,
                "an array inside an array is flattened into the outer one",
            )),
            ExtValue::Array(items) if items.is_empty() => {
                notes.push(note(NoteKind::Dropped, "an empty array has no XML form"))
            }
            ExtValue::Array(items) => {
                if items.len() == 1 {
                    notes.push(note(
                        NoteKind::Changed,
                        "a one-item array is one XML element, read back as a single value",
                    ));
                }
                for i in items {
                    walk(event, name, i, true, notes);
                }
            }
            ExtValue::Object(fields) if fields.is_empty() => notes.push(note(
                NoteKind::Changed,
                "an empty object is an empty XML element, read back as empty text",
            )),
            ExtValue::Object(fields) => {
                for f in fields {
                    walk(event, &f.name.prefixed(), &f.value, false, notes);
                }
            }
            _ => {}
        }
    }
    for x in exts {
        walk(event, &x.name.prefixed(), &x.value, false, notes);
    }
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
