//! Format detection, the format-independent pull reader, and whole-document
//! reading and writing.

use crate::document::*;
use crate::error::{Diagnostic, Error, Location, Problem};
use crate::event::Event;
use crate::json::{JsonReader, JsonWriter};
use crate::write::{Format, WriteOptions};
use crate::xml::{XmlReader, XmlVersion, XmlWriter};
use std::io::{BufRead, BufReader, Read, Write};

/// The serialization of an input, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON / JSON-LD.
    Json,
    /// XML (EPCIS 2.0 or 1.x).
    Xml,
}

/// Detects JSON or XML from the first non-blank byte (after a UTF-8 BOM).
pub fn detect(bytes: &[u8]) -> Option<InputFormat> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace())? {
        b'<' => Some(InputFormat::Xml),
        b'{' | b'[' => Some(InputFormat::Json),
        _ => None,
    }
}

/// A pull reader over JSON-LD or XML: the head first, then one event at a
/// time, in memory bounded by the largest event.
// One reader per input: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum EventReader<R: Read> {
    /// JSON-LD input.
    Json(JsonReader<BufReader<R>>),
    /// XML input.
    Xml(XmlReader<BufReader<R>>),
}

impl<R: Read> EventReader<R> {
    /// Detects the format and reads the head.
    pub fn new(reader: R) -> Result<Self, Error> {
        Self::with_options(reader, false)
    }

    pub(crate) fn with_options(reader: R, collect: bool) -> Result<Self, Error> {
        let mut br = BufReader::with_capacity(64 * 1024, reader);
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let mut bom = 0;
        let format = loop {
            let buf = br.fill_buf()?;
            let Some(&first) = buf.first() else {
                return Err(Error::invalid(
                    Location::Unknown,
                    Problem::Syntax {
                        format: "input",
                        message: "empty input".into(),
                    },
                ));
            };
            // Skip a UTF-8 byte-order mark and leading blanks byte by byte:
            // the input may arrive in pieces of any size.
            if bom < BOM.len() && first == BOM[bom] {
                bom += 1;
                br.consume(1);
                continue;
            }
            bom = BOM.len();
            if first.is_ascii_whitespace() {
                br.consume(1);
                continue;
            }
            match detect(&[first]) {
                Some(f) => break f,
                None => {
                    return Err(Error::invalid(
                        Location::Unknown,
                        Problem::UnknownRoot("neither JSON nor XML".into()),
                    ));
                }
            }
        };
        Ok(match format {
            InputFormat::Json => EventReader::Json(JsonReader::with_options(br, collect)?),
            InputFormat::Xml => EventReader::Xml(XmlReader::with_options(br, collect)?),
        })
    }

    /// The input format.
    pub fn format(&self) -> InputFormat {
        match self {
            EventReader::Json(_) => InputFormat::Json,
            EventReader::Xml(_) => InputFormat::Xml,
        }
    }

    /// The document head.
    pub fn head(&self) -> &DocumentHead {
        match self {
            EventReader::Json(r) => r.head(),
            EventReader::Xml(r) => r.head(),
        }
    }

    /// The next event, or `None` after the last one.
    pub fn next_event(&mut self) -> Result<Option<Event>, Error> {
        match self {
            EventReader::Json(r) => r.next_event(),
            EventReader::Xml(r) => r.next_event(),
        }
    }

    /// Where the last event returned starts.
    pub fn last_location(&self) -> &Location {
        match self {
            EventReader::Json(r) => r.last_location(),
            EventReader::Xml(r) => r.last_location(),
        }
    }

    /// The message when the input is not a document.
    pub fn take_other(&mut self) -> Option<Message> {
        match self {
            EventReader::Json(r) => r.take_other(),
            EventReader::Xml(r) => r.take_other(),
        }
    }

    pub(crate) fn take_notes(&mut self) -> Vec<Diagnostic> {
        match self {
            EventReader::Json(r) => r.take_notes(),
            EventReader::Xml(r) => r.take_notes(),
        }
    }

    /// What reading changed that a conversion should report (an EPCIS
    /// 1.0/1.1 `QuantityEvent` read as an `ObjectEvent`), since the last
    /// call; see also [`crate::convert::event_notes`].
    pub fn take_conversion_notes(&mut self) -> Vec<crate::convert::ConversionNote> {
        match self {
            EventReader::Json(_) => Vec::new(),
            EventReader::Xml(r) => r.take_conversion_notes(),
        }
    }

    /// Whether the input is EPCIS 1.x XML.
    pub fn is_epcis_1x(&self) -> bool {
        matches!(self, EventReader::Xml(r) if r.is_epcis_1x())
    }
}

impl<R: Read> Iterator for EventReader<R> {
    type Item = Result<Event, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_event().transpose()
    }
}

/// Reads any EPCIS top-level message (document, bare event, query, capture job).
pub fn read_message(reader: impl Read) -> Result<Message, Error> {
    let mut r = EventReader::new(reader)?;
    if let Some(m) = r.take_other() {
        return Ok(m);
    }
    let mut events = Vec::new();
    while let Some(e) = r.next_event()? {
        events.push(e);
    }
    Ok(Message::Document(Document {
        head: r.head().clone(),
        events,
    }))
}

/// Reads a document (JSON-LD or XML, detected); a bare event is an error.
pub fn read_document(reader: impl Read) -> Result<Document, Error> {
    match read_message(reader)? {
        Message::Document(d) => Ok(d),
        _ => Err(Error::invalid(
            Location::Unknown,
            Problem::UnknownRoot("not an EPCIS document".into()),
        )),
    }
}

/// Streaming writer over any output format.
pub enum EventWriter<W: Write> {
    /// JSON-LD output.
    Json(JsonWriter<W>),
    /// XML output.
    Xml(XmlWriter<W>),
}

impl<W: Write> EventWriter<W> {
    /// Writes `head` in `format` and opens the event list.
    pub fn new(
        w: W,
        head: &DocumentHead,
        format: Format,
        options: WriteOptions,
    ) -> Result<Self, Error> {
        Ok(match format {
            Format::JsonLd => EventWriter::Json(JsonWriter::new(w, head, options)?),
            Format::Xml => EventWriter::Xml(XmlWriter::new(w, head, XmlVersion::V2, options)?),
            Format::Xml12 => {
                if head.poll.is_some() {
                    return Err(Error::Unsupported(
                        "poll queries are written as EPCIS 2.0 XML only".into(),
                    ));
                }
                EventWriter::Xml(XmlWriter::new(w, head, XmlVersion::V12, options)?)
            }
        })
    }

    /// Writes one event.
    pub fn write_event(&mut self, e: &Event) -> Result<(), Error> {
        match self {
            EventWriter::Json(w) => w.write_event(e),
            EventWriter::Xml(w) => w.write_event(e),
        }
    }

    /// Closes the document; `tail` is the head as completed after reading
    /// all events (trailing vocabulary lists, extensions).
    pub fn finish(self, tail: Option<&DocumentHead>) -> Result<W, Error> {
        match self {
            EventWriter::Json(w) => w.finish(tail),
            EventWriter::Xml(w) => w.finish(tail),
        }
    }
}

/// Writes a document into `w`.
pub fn write_document_to<W: Write>(
    w: W,
    doc: &Document,
    format: Format,
    options: WriteOptions,
) -> Result<W, Error> {
    let mut ew = EventWriter::new(w, &doc.head, format, options)?;
    for e in &doc.events {
        ew.write_event(e)?;
    }
    ew.finish(None)
}

/// Writes a document into a byte vector.
pub fn write_document(
    doc: &Document,
    format: Format,
    options: WriteOptions,
) -> Result<Vec<u8>, Error> {
    write_document_to(Vec::new(), doc, format, options)
}

/// Writes any message.
pub fn write_message(
    msg: &Message,
    format: Format,
    options: WriteOptions,
) -> Result<Vec<u8>, Error> {
    match msg {
        Message::Document(d) => write_document(d, format, options),
        Message::Event {
            event,
            contexts,
            namespaces,
        } => match format {
            Format::JsonLd => {
                // From XML: the standard context and the XML prefixes.
                let generated;
                let contexts = if contexts.is_empty() && !namespaces.is_empty() {
                    let terms: Vec<ContextTerm> = namespaces
                        .iter()
                        .filter(|n| {
                            !n.prefix.is_empty() && !n.uri.starts_with("urn:epcglobal:epcis")
                        })
                        .map(|n| ContextTerm {
                            term: n.prefix.clone(),
                            definition: TermDefinition::Iri(n.uri.clone()),
                        })
                        .collect();
                    generated = if terms.is_empty() {
                        vec![ContextEntry::Url(EPCIS_CONTEXT.to_owned())]
                    } else {
                        vec![
                            ContextEntry::Url(EPCIS_CONTEXT.to_owned()),
                            ContextEntry::Terms(terms),
                        ]
                    };
                    &generated[..]
                } else {
                    contexts
                };
                JsonWriter::write_bare_event(Vec::new(), event, contexts, options)
            }
            Format::Xml => {
                XmlWriter::write_bare_event(Vec::new(), event, namespaces, XmlVersion::V2, options)
            }
            Format::Xml12 => {
                XmlWriter::write_bare_event(Vec::new(), event, namespaces, XmlVersion::V12, options)
            }
        },
        Message::Query { query, contexts } => match format {
            Format::JsonLd => Ok(query_json(query, contexts)),
            _ => {
                let mut head = DocumentHead::new(DocumentKind::Query);
                head.poll = Some(query.clone());
                write_document(
                    &Document {
                        head,
                        events: Vec::new(),
                    },
                    format,
                    options,
                )
            }
        },
        Message::CaptureJob(job) => Ok(match format {
            Format::JsonLd => capture_job_json(job),
            _ => capture_job_xml(job),
        }),
    }
}

fn query_json(q: &Query, contexts: &[ContextEntry]) -> Vec<u8> {
    use crate::json::ser::ext_value_text;
    let quote = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    // Parameters keep their order, so the object is written by hand.
    let mut fields: Vec<(String, String)> = Vec::new();
    if !contexts.is_empty() {
        let mut c = String::new();
        if let [ContextEntry::Url(u)] = contexts {
            c.push_str(&quote(u));
        } else {
            c.push('[');
            for (i, e) in contexts.iter().enumerate() {
                if i > 0 {
                    c.push(',');
                }
                match e {
                    ContextEntry::Url(u) => c.push_str(&quote(u)),
                    ContextEntry::Terms(terms) => {
                        c.push('{');
                        for (j, t) in terms.iter().enumerate() {
                            if j > 0 {
                                c.push(',');
                            }
                            c.push_str(&quote(&t.term));
                            c.push(':');
                            match &t.definition {
                                TermDefinition::Iri(iri) => c.push_str(&quote(iri)),
                                TermDefinition::Json(j) => c.push_str(j),
                            }
                        }
                        c.push('}');
                    }
                }
            }
            c.push(']');
        }
        fields.push(("@context".into(), c));
    }
    if let Some(n) = &q.query_name {
        fields.push(("queryName".into(), quote(n)));
    }
    for p in &q.params {
        let mut v = String::new();
        match &p.value {
            QueryValue::List(items) => {
                v.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        v.push(',');
                    }
                    v.push_str(&quote(item));
                }
                v.push(']');
            }
            QueryValue::Scalar(x) => ext_value_text(x, &mut v),
            QueryValue::Missing => v.push_str("null"),
        }
        fields.push((p.name.clone(), v));
    }
    let mut out = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n  ");
        out.push_str(&quote(k));
        out.push_str(": ");
        out.push_str(v);
    }
    out.push_str("\n}\n");
    out.into_bytes()
}

fn capture_job_json(job: &CaptureJob) -> Vec<u8> {
    use serde_json::{Map, Value, json};
    let mut m = Map::new();
    let s = |v: &Option<String>| v.clone().map(Value::String);
    for (k, v) in [
        ("captureID", s(&job.capture_id)),
        ("captureErrorBehaviour", s(&job.capture_error_behaviour)),
        ("errorFile", s(&job.error_file)),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    }
    if let Some(b) = job.running {
        m.insert("running".into(), Value::Bool(b));
    }
    if let Some(b) = job.success {
        m.insert("success".into(), Value::Bool(b));
    }
    if let Some(t) = &job.created_at {
        m.insert("createdAt".into(), Value::String(t.as_str().into()));
    }
    if let Some(t) = &job.finished_at {
        m.insert("finishedAt".into(), Value::String(t.as_str().into()));
    }
    let errors: Vec<Value> = job
        .errors
        .iter()
        .map(|e| {
            let mut o = Map::new();
            for (k, v) in [
                ("type", &e.error_type),
                ("title", &e.title),
                ("status", &e.status),
                ("detail", &e.detail),
                ("instance", &e.instance),
            ] {
                if let Some(v) = v {
                    o.insert(k.into(), json!(v));
                }
            }
            Value::Object(o)
        })
        .collect();
    m.insert("errors".into(), Value::Array(errors));
    let mut out = serde_json::to_vec_pretty(&Value::Object(m)).unwrap_or_default();
    out.push(b'\n');
    out
}

fn capture_job_xml(job: &CaptureJob) -> Vec<u8> {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    // The root keeps the spelling it was read with: prefixed when the job
    // declares `epcis`, else unprefixed (its namespaces are written back
    // as they were, so nothing is added).
    let root = if job.namespaces.iter().any(|n| n.prefix == "epcis") {
        "epcis:EPCISCaptureJob"
    } else {
        "EPCISCaptureJob"
    };
    let mut s = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root}");
    for n in &job.namespaces {
        if n.prefix.is_empty() {
            s.push_str(&format!(" xmlns=\"{}\"", esc(&n.uri)));
        } else {
            s.push_str(&format!(" xmlns:{}=\"{}\"", n.prefix, esc(&n.uri)));
        }
    }
    if let Some(b) = job.running {
        s.push_str(&format!(" running=\"{b}\""));
    }
    if let Some(b) = job.success {
        s.push_str(&format!(" success=\"{b}\""));
    }
    if let Some(id) = &job.capture_id {
        s.push_str(&format!(" captureID=\"{}\"", esc(id)));
    }
    s.push_str(">\n");
    if let Some(v) = &job.capture_error_behaviour {
        s.push_str(&format!(
            "  <captureErrorBehaviour>{}</captureErrorBehaviour>\n",
            esc(v)
        ));
    }
    if let Some(t) = &job.created_at {
        s.push_str(&format!("  <createdAt>{}</createdAt>\n", esc(t.as_str())));
    }
    if let Some(t) = &job.finished_at {
        s.push_str(&format!("  <finishedAt>{}</finishedAt>\n", esc(t.as_str())));
    }
    if let Some(v) = &job.error_file {
        s.push_str(&format!("  <errorFile>{}</errorFile>\n", esc(v)));
    }
    s.push_str("  <errors>\n");
    for e in &job.errors {
        s.push_str("    <error>\n");
        for (k, v) in [
            ("type", &e.error_type),
            ("title", &e.title),
            ("status", &e.status),
            ("detail", &e.detail),
            ("instance", &e.instance),
        ] {
            if let Some(v) = v {
                s.push_str(&format!("      <{k}>{}</{k}>\n", esc(v)));
            }
        }
        s.push_str("    </error>\n");
    }
    s.push_str(&format!("  </errors>\n</{root}>\n"));
    s.into_bytes()
}
