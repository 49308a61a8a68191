//! Streaming XML reader for EPCIS 2.0 and 1.2 (1.0/1.1 `QuantityEvent`
//! included), flattening the 1.x `extension`/`baseExtension` wrappers.

use super::layout::{self, Schema};
use super::tree::{Node, Start, Tok, XmlSource};
use crate::convert::{ConversionNote, NoteKind};
use crate::document::*;
use crate::epc::{Epc, Uri};
use crate::error::{Diagnostic, Error, Location as Loc, Problem};
use crate::event::*;
use crate::ext::{ExtAttribute, ExtValue, Extension, Namespace, QName, XSI_NS};
use crate::parts::EventParts;
use crate::time::{TimeZoneOffset, Timestamp};
use crate::vocab::*;
use std::io::BufRead;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctr {
    Root,
    Body,
    QueryResults,
    ResultsBody,
    EventList,
    /// The event list's `extension` wrappers, with their depth.
    EventListExt(usize),
}

/// Whether `q` names an element of EPCIS itself (unqualified, or in an
/// EPCIS namespace) rather than an extension.
pub(crate) fn is_std(q: &QName) -> bool {
    match q.namespace.as_deref() {
        None => true,
        Some(ns) => matches!(
            ns,
            EPCIS1_NS | EPCIS2_NS | EPCIS1_QUERY_NS | EPCIS2_QUERY_NS | EPCIS1_MD_NS | EPCIS2_MD_NS
        ),
    }
}

/// Pull reader over an EPCIS XML document (2.0 or 1.2): the head first,
/// then one event at a time, in memory bounded by the largest event.
pub struct XmlReader<R: BufRead> {
    src: XmlSource<R>,
    head: DocumentHead,
    v12: bool,
    stack: Vec<Ctr>,
    /// The next event, or why it could not be read.
    pending: Option<Result<Event, Error>>,
    /// The event in `pending` was handed out: read on before the next.
    advance: bool,
    /// A syntax or I/O error ended the input.
    failed: bool,
    collect: bool,
    notes: Vec<Diagnostic>,
    last_location: Loc,
    pending_location: Loc,
    other: Option<Message>,
    /// Events met so far (for conversion notes).
    events_seen: usize,
    /// Where the `QueryResults` element starts (for its missing fields).
    query_results_at: u64,
    conversion_notes: Vec<ConversionNote>,
}

impl<R: BufRead> XmlReader<R> {
    /// Starts reading: parses everything before the first event.
    pub fn new(reader: R) -> Result<Self, Error> {
        Self::with_options(reader, false)
    }

    pub(crate) fn with_options(reader: R, collect: bool) -> Result<Self, Error> {
        let mut r = XmlReader {
            src: XmlSource::new(reader),
            head: DocumentHead::new(DocumentKind::Epcis),
            v12: false,
            stack: Vec::new(),
            pending: None,
            advance: false,
            failed: false,
            collect,
            notes: Vec::new(),
            last_location: Loc::Unknown,
            pending_location: Loc::Unknown,
            other: None,
            events_seen: 0,
            query_results_at: 0,
            conversion_notes: Vec::new(),
        };
        r.start()?;
        Ok(r)
    }

    /// The document head (content after the event list is added once all
    /// events were read).
    pub fn head(&self) -> &DocumentHead {
        &self.head
    }

    /// Whether the document is EPCIS 1.x.
    pub fn is_epcis_1x(&self) -> bool {
        self.v12
    }

    /// Location of the last event returned.
    pub fn last_location(&self) -> &Loc {
        &self.last_location
    }

    /// When the input is not a document (a bare event, a capture job), that message.
    pub fn take_other(&mut self) -> Option<Message> {
        self.other.take()
    }

    pub(crate) fn take_notes(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.notes)
    }

    /// What reading changed that a conversion should report (an EPCIS
    /// 1.0/1.1 `QuantityEvent` read as an `ObjectEvent`), since the last call.
    pub fn take_conversion_notes(&mut self) -> Vec<ConversionNote> {
        std::mem::take(&mut self.conversion_notes)
    }

    fn note(&mut self, pos: u64, problem: Problem) {
        if self.collect {
            let location = self.src.location(pos);
            self.notes.push(Diagnostic { location, problem });
        }
    }

    fn start(&mut self) -> Result<(), Error> {
        let root = loop {
            match self.src.next()? {
                Tok::Start(s) => break s,
                Tok::End(_) => continue,
                Tok::Eof => {
                    return Err(self.src.error(
                        0,
                        Problem::Syntax {
                            format: "XML",
                            message: "no root element".into(),
                        },
                    ));
                }
            }
        };
        let ns = root.name.namespace().unwrap_or_default().to_owned();
        let local = root.name.local().to_owned();
        let namespaces: Vec<Namespace> = root
            .decls
            .iter()
            .map(|(p, u)| Namespace {
                prefix: p.clone(),
                uri: u.clone(),
            })
            .collect();
        let kind = match (local.as_str(), ns.as_str()) {
            ("EPCISDocument", EPCIS1_NS | EPCIS2_NS) => DocumentKind::Epcis,
            ("EPCISQueryDocument", EPCIS1_QUERY_NS | EPCIS2_QUERY_NS) => DocumentKind::Query,
            ("EPCISMasterDataDocument", EPCIS1_MD_NS | EPCIS2_MD_NS) => DocumentKind::MasterData,
            ("EPCISCaptureJob", _) => {
                let pos = root.pos;
                let node = self.src.subtree(root)?;
                let mut job = capture_job(&node).map_err(|p| self.src.error(pos, p))?;
                job.namespaces = namespaces;
                self.other = Some(Message::CaptureJob(job));
                return Ok(());
            }
            (name, _) if EventType::from_name(name).is_some() || name == "QuantityEvent" => {
                // A bare event has no `schemaVersion`: its namespace, or
                // the EPCIS namespace it declares, tells 1.2 from 2.0.
                let declares = |u: &str| namespaces.iter().any(|n| n.uri == u);
                self.v12 = ns == EPCIS1_NS || (declares(EPCIS1_NS) && !declares(EPCIS2_NS));
                let node = self.src.subtree(root)?;
                let event = self.event(node)?;
                self.other = Some(Message::Event {
                    event: Box::new(event),
                    contexts: Vec::new(),
                    namespaces,
                });
                return Ok(());
            }
            _ if root.name.std().is_none() && !root.empty => {
                // An element of another namespace is an event of a custom
                // type when it has an event time.
                let pos = root.pos;
                let clark = root.name.qname().clark();
                let node = self.src.subtree(root)?;
                if !is_custom_event(&node) {
                    return Err(self
                        .src
                        .error(pos, Problem::UnknownRoot(format!("root element `{clark}`"))));
                }
                let event = self.event(node)?;
                self.other = Some(Message::Event {
                    event: Box::new(event),
                    contexts: Vec::new(),
                    namespaces,
                });
                return Ok(());
            }
            _ => {
                return Err(self.src.error(
                    root.pos,
                    Problem::UnknownRoot(format!("root element `{}`", root.name.qname().clark())),
                ));
            }
        };
        self.head.kind = kind;
        self.head.namespaces = namespaces;
        self.head.xml_root = Some(root.name.qname());
        self.head.schema_version = root
            .attrs
            .iter()
            .find(|(q, _)| q.is_unprefixed() && q.local() == "schemaVersion")
            .map(|(_, v)| v.clone());
        self.head.xml_root_attributes = root
            .attrs
            .iter()
            .filter(|(q, _)| {
                !(q.is_unprefixed() && matches!(q.local(), "schemaVersion" | "creationDate"))
            })
            .map(|(q, v)| ExtAttribute {
                name: q.qname(),
                value: v.clone(),
            })
            .collect();
        self.v12 = matches!(ns.as_str(), EPCIS1_NS | EPCIS1_QUERY_NS | EPCIS1_MD_NS)
            || self
                .head
                .schema_version
                .as_deref()
                .is_some_and(|v| v.starts_with('1'));
        if let Some((_, v)) = root
            .attrs
            .iter()
            .find(|(q, _)| q.is_unprefixed() && q.local() == "creationDate")
        {
            self.head.creation_date = Some(Timestamp::parse(v).map_err(|e| {
                self.src.error(
                    root.pos,
                    Problem::BadValue {
                        field: "creationDate".into(),
                        reason: e.to_string(),
                    },
                )
            })?);
        } else {
            self.note(root.pos, Problem::MissingField("creationDate".into()));
        }
        if self.head.schema_version.is_none() {
            self.note(root.pos, Problem::MissingField("schemaVersion".into()));
        }
        if root.empty {
            return Ok(());
        }
        self.stack.push(Ctr::Root);
        self.pump()
    }

    /// Advances to the next event (stored in `pending`) or the end.
    fn pump(&mut self) -> Result<(), Error> {
        while let Some(&top) = self.stack.last() {
            match self.src.next()? {
                Tok::End(_) => {
                    if self.stack.pop() == Some(Ctr::QueryResults) {
                        self.query_results_closed();
                    }
                }
                Tok::Eof => {
                    let pos = self.src.position();
                    return Err(self.src.error(
                        pos,
                        Problem::Syntax {
                            format: "XML",
                            message: "unexpected end of input".into(),
                        },
                    ));
                }
                Tok::Start(s) => {
                    let local = s.name.std_static();
                    match (top, local.as_deref()) {
                        (Ctr::Root, Some("EPCISHeader")) => {
                            let node = self.src.subtree(s)?;
                            self.head.header = self.header(node)?;
                        }
                        (Ctr::Root, Some("EPCISBody")) => self.enter(s, Ctr::Body),
                        (Ctr::Body, Some("EventList")) | (Ctr::ResultsBody, Some("EventList")) => {
                            self.enter(s, Ctr::EventList)
                        }
                        (Ctr::Body, Some("QueryResults")) => {
                            self.head
                                .query_results
                                .get_or_insert_with(QueryResultsInfo::default);
                            self.query_results_at = s.pos;
                            if s.empty {
                                self.query_results_closed();
                            }
                            self.enter(s, Ctr::QueryResults);
                        }
                        (Ctr::Body, Some("Poll")) => {
                            let node = self.src.subtree(s)?;
                            self.head.poll = Some(poll(&node));
                        }
                        (Ctr::Body | Ctr::ResultsBody, Some("VocabularyList")) => {
                            let node = self.src.subtree(s)?;
                            let list =
                                vocabularies(&node).map_err(|(pos, p)| self.src.error(pos, p))?;
                            self.head.vocabularies = Some(list);
                        }
                        (
                            Ctr::QueryResults | Ctr::Body | Ctr::Root,
                            Some(name @ ("queryName" | "subscriptionID")),
                        ) => {
                            let name = name.to_owned();
                            let node = self.src.subtree(s)?;
                            let info = self
                                .head
                                .query_results
                                .get_or_insert_with(QueryResultsInfo::default);
                            if name == "queryName" {
                                info.query_name = Some(node.text);
                            } else {
                                info.subscription_id = Some(node.text);
                            }
                        }
                        (Ctr::QueryResults | Ctr::Body | Ctr::Root, Some("resultsBody")) => {
                            self.head
                                .query_results
                                .get_or_insert_with(QueryResultsInfo::default);
                            self.enter(s, Ctr::ResultsBody);
                        }
                        (Ctr::EventList, Some("extension")) => self.enter(s, Ctr::EventListExt(1)),
                        (Ctr::EventListExt(depth), Some("extension")) => {
                            self.enter(s, Ctr::EventListExt(depth + 1))
                        }
                        (Ctr::EventList | Ctr::EventListExt(_), Some(name))
                            if EventType::from_name(name).is_some() || name == "QuantityEvent" =>
                        {
                            let depth = match top {
                                Ctr::EventListExt(d) => d,
                                _ => 0,
                            };
                            let pos = s.pos;
                            let node = self.src.subtree(s)?;
                            if self.collect {
                                self.check_list_depth(&node, depth);
                            }
                            // An event that does not fit the model is
                            // handed out as an error; reading goes on after
                            // it (its whole element was read).
                            self.pending = Some(self.event(node));
                            self.pending_location = self.src.location(pos);
                            return Ok(());
                        }
                        (Ctr::EventList | Ctr::EventListExt(_), None) => {
                            let depth = match top {
                                Ctr::EventListExt(d) => d,
                                _ => 0,
                            };
                            let pos = s.pos;
                            let node = self.src.subtree(s)?;
                            if is_custom_event(&node) {
                                if self.collect {
                                    self.check_list_depth(&node, depth);
                                }
                                self.pending = Some(self.event(node));
                                self.pending_location = self.src.location(pos);
                                return Ok(());
                            }
                            self.head.extensions.push(node_to_ext(node));
                        }
                        (Ctr::Root | Ctr::Body, Some("extension")) => {
                            let node = self.src.subtree(s)?;
                            self.head
                                .extensions
                                .extend(node.children.into_iter().map(node_to_ext));
                        }
                        (_, Some(_)) => {
                            let pos = s.pos;
                            let name = s.name.local().to_owned();
                            self.src.skip(&s)?;
                            self.note(pos, Problem::UnexpectedField(name));
                        }
                        (_, None) => {
                            let node = self.src.subtree(s)?;
                            self.head.extensions.push(node_to_ext(node));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Notes a `QueryResults` element without its `queryName` (required
    /// by the 1.2 and 2.0 query XSDs) once the element has closed.
    fn query_results_closed(&mut self) {
        let missing = (self.head.query_results.as_ref()).is_some_and(|q| q.query_name.is_none());
        if missing {
            self.note(
                self.query_results_at,
                Problem::MissingField("queryName".into()),
            );
        }
    }

    fn enter(&mut self, s: Start, ctr: Ctr) {
        if !s.empty {
            self.stack.push(ctr);
        }
    }

    /// The next event, or `None` after the last one.
    ///
    /// An error confined to one event (a value or field that does not fit
    /// the model) is returned for that event, and the next call goes on with
    /// the following one. After a syntax or I/O error, the next call
    /// returns `None`.
    pub fn next_event(&mut self) -> Result<Option<Event>, Error> {
        if self.failed {
            return Ok(None);
        }
        if std::mem::take(&mut self.advance) {
            if let Err(e) = self.pump() {
                self.failed = true;
                return Err(e);
            }
        }
        match self.pending.take() {
            Some(r) => {
                self.last_location = std::mem::take(&mut self.pending_location);
                self.advance = true;
                r.map(Some)
            }
            None => Ok(None),
        }
    }

    /// Notes an event standing in the wrong number of event-list
    /// `extension` wrappers for its type and schema.
    fn check_list_depth(&mut self, node: &Node, depth: usize) {
        let local = node.name.local();
        let t = if node.name.std().is_none() {
            EventType::Extended
        } else {
            EventType::from_name(local).unwrap_or(EventType::Object)
        };
        let want = layout::list_depth(self.schema(), t);
        if depth != want {
            let reason = match (self.v12, want) {
                (false, _) => "EPCIS 2.0 lists every event directly in `EventList`".to_owned(),
                (true, 0) => format!("EPCIS 1.2 lists a {local} directly in `EventList`"),
                (true, 1) => format!("EPCIS 1.2 lists a {local} in `EventList/extension`"),
                (true, _) => format!(
                    "EPCIS 1.2 has no {local}: GS1's mapping lists it in `EventList/extension/extension`"
                ),
            };
            self.note(
                node.pos,
                Problem::Misplaced {
                    element: local.to_owned(),
                    reason,
                },
            );
        }
    }

    fn schema(&self) -> Schema {
        if self.v12 { Schema::V12 } else { Schema::V2 }
    }

    /// Reads the remaining events and returns the whole document.
    pub fn into_document(mut self) -> Result<Document, Error> {
        let mut events = Vec::new();
        while let Some(e) = self.next_event()? {
            events.push(e);
        }
        Ok(Document {
            head: self.head,
            events,
        })
    }

    fn header(&mut self, node: Node) -> Result<Header, Error> {
        let mut h = Header::default();
        let mut queue: Vec<Node> = node.children;
        queue.reverse();
        while let Some(c) = queue.pop() {
            if c.name.namespace() == Some(SBDH_NS)
                && c.name.local() == "StandardBusinessDocumentHeader"
            {
                h.sbdh = Some(Sbdh {
                    elements: c.children.into_iter().map(node_to_ext).collect(),
                });
            } else if c.name.std() == Some("extension") {
                for cc in c.children.into_iter().rev() {
                    queue.push(cc);
                }
            } else if c.name.std() == Some("EPCISMasterData") {
                let mut list = Vec::new();
                for v in c
                    .children
                    .iter()
                    .filter(|v| v.name.std() == Some("VocabularyList"))
                {
                    list.extend(vocabularies(v).map_err(|(pos, p)| self.src.error(pos, p))?);
                }
                h.master_data = Some(list);
            } else {
                h.extensions.push(node_to_ext(c));
            }
        }
        Ok(h)
    }

    fn event(&mut self, node: Node) -> Result<Event, Error> {
        let local = node.name.local();
        let legacy = local == "QuantityEvent";
        let custom = node.name.std().is_none().then(|| node.name.qname());
        let event_type = if legacy {
            Some(EventType::Object)
        } else if custom.is_some() {
            Some(EventType::Extended)
        } else {
            EventType::from_name(local)
        };
        let index = self.events_seen;
        self.events_seen += 1;
        if legacy {
            self.conversion_notes.push(
                ConversionNote::new(Some(index), "QuantityEvent", NoteKind::Remapped)
                    .with_detail("an ObjectEvent with action OBSERVE and its epcClass and quantity as one quantityList entry"),
            );
        }
        let mut notes = Vec::new();
        if self.collect {
            if let Some(t) = event_type {
                layout::check_event(&node, self.schema(), t, legacy, &mut notes);
            }
        }
        let r = build_event(node, event_type, custom, &mut notes);
        for (pos, p) in notes {
            self.note(pos, p);
        }
        r.map_err(|(pos, p)| self.src.error(pos, p))
    }
}

type Fail = (u64, Problem);

fn bad(pos: u64, field: &str, reason: impl std::fmt::Display) -> Fail {
    (
        pos,
        Problem::BadValue {
            field: field.to_owned(),
            reason: reason.to_string(),
        },
    )
}

fn text_of<T, E: std::fmt::Display>(
    n: &Node,
    f: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, Fail> {
    f(&n.text).map_err(|e| bad(n.pos, n.name.local(), e))
}

/// Like [`text_of`], moving the text out of the node instead of copying it.
fn take_text<T, E: std::fmt::Display>(
    n: &mut Node,
    f: impl FnOnce(String) -> Result<T, E>,
) -> Result<T, Fail> {
    let text = std::mem::take(&mut n.text);
    f(text).map_err(|e| bad(n.pos, n.name.local(), e))
}

fn set<T>(slot: &mut Option<T>, v: T, n: &Node) -> Result<(), Fail> {
    if slot.is_some() {
        return Err((n.pos, Problem::DuplicateField(n.name.local().to_owned())));
    }
    *slot = Some(v);
    Ok(())
}

/// Whether an element of another namespace is an event of a custom type
/// (it has an event time).
fn is_custom_event(node: &Node) -> bool {
    node.name.std().is_none()
        && node
            .children
            .iter()
            .any(|c| c.name.std() == Some("eventTime"))
}

/// Children with `extension`/`baseExtension` wrappers replaced by their content.
fn flatten(children: Vec<Node>, out: &mut Vec<(Node, bool)>, wrapped: bool) {
    for c in children {
        if matches!(c.name.std(), Some("extension" | "baseExtension")) {
            flatten(c.children, out, true);
        } else {
            out.push((c, wrapped));
        }
    }
}

fn epcs(n: Node) -> Result<Vec<Epc>, Fail> {
    let mut out = Vec::with_capacity(n.children.len());
    for c in n.children {
        if c.name.std() != Some("epc") {
            return Err((c.pos, Problem::UnexpectedField(c.name.local().to_owned())));
        }
        let pos = c.pos;
        out.push(Epc::new(c.text).map_err(|e| bad(pos, "epc", e))?);
    }
    Ok(out)
}

fn quantities(n: Node) -> Result<Vec<QuantityElement>, Fail> {
    let mut out = Vec::new();
    for q in n.children {
        if q.name.std() != Some("quantityElement") {
            return Err((q.pos, Problem::UnexpectedField(q.name.local().to_owned())));
        }
        let (mut class, mut quantity, mut uom) = (None, None, None);
        for mut f in q.children {
            match f.name.std() {
                Some("epcClass") => class = Some(take_text(&mut f, |s: String| Epc::new(s))?),
                // `quantity` is nillable: empty means unknown.
                Some("quantity") if f.text.is_empty() => {}
                Some("quantity") => quantity = Some(text_of(&f, |s| Decimal::new(s))?),
                Some("uom") => uom = Some(f.text),
                _ => return Err((f.pos, Problem::UnexpectedField(f.name.local().to_owned()))),
            }
        }
        let epc_class = class.ok_or((q.pos, Problem::MissingField("epcClass".into())))?;
        out.push(QuantityElement {
            epc_class,
            quantity,
            uom,
        });
    }
    Ok(out)
}

fn location(n: Node) -> Result<Location, Fail> {
    let pos = n.pos;
    let mut id = None;
    let mut extensions = Vec::new();
    let mut flat = Vec::new();
    flatten(n.children, &mut flat, false);
    for (mut c, _) in flat {
        if c.name.std() == Some("id") {
            id = Some(take_text(&mut c, |s: String| Uri::new(s))?);
        } else {
            extensions.push(node_to_ext(c));
        }
    }
    Ok(Location {
        id: id.ok_or((pos, Problem::MissingField("id".into())))?,
        extensions,
    })
}

fn source_dest(n: Node, inner: &str) -> Result<Vec<SourceDest>, Fail> {
    let mut out = Vec::new();
    for mut c in n.children {
        if c.name.std() != Some(inner) {
            return Err((c.pos, Problem::UnexpectedField(c.name.local().to_owned())));
        }
        let t = c
            .attr("type")
            .ok_or((c.pos, Problem::MissingField("type".into())))?;
        let kind = SourceDestType::new(t).map_err(|e| bad(c.pos, "type", e))?;
        out.push(SourceDest {
            kind,
            id: take_text(&mut c, Uri::new)?,
        });
    }
    Ok(out)
}

fn opt_attr<T, E: std::fmt::Display>(
    n: &Node,
    name: &str,
    f: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, Fail> {
    match n.attr(name) {
        Some(v) => f(v).map(Some).map_err(|e| bad(n.pos, name, e)),
        None => Ok(None),
    }
}

fn ext_attrs(n: &Node, known: &[&str]) -> Vec<Extension> {
    n.attrs
        .iter()
        .filter(|(q, _)| !(q.is_unprefixed() && known.contains(&q.local())))
        .filter(|(q, _)| q.namespace() != Some(XSI_NS))
        .map(|(q, v)| Extension::text(q.qname(), v.clone()))
        .collect()
}

const METADATA_ATTRS: &[&str] = &[
    "time",
    "startTime",
    "endTime",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "bizRules",
];
const REPORT_ATTRS: &[&str] = &[
    "type",
    "exception",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "bizRules",
    "time",
    "microorganism",
    "chemicalSubstance",
    "coordinateReferenceSystem",
    "value",
    "component",
    "stringValue",
    "booleanValue",
    "hexBinaryValue",
    "uriValue",
    "minValue",
    "maxValue",
    "meanValue",
    "sDev",
    "percRank",
    "percValue",
    "uom",
];

fn sensor_elements(n: Node) -> Result<Vec<SensorElement>, Fail> {
    let mut out = Vec::new();
    let mut flat = Vec::new();
    flatten(n.children, &mut flat, false);
    for (se, _) in flat {
        if se.name.std() != Some("sensorElement") {
            return Err((se.pos, Problem::UnexpectedField(se.name.local().to_owned())));
        }
        let mut el = SensorElement::default();
        let mut children = Vec::new();
        flatten(se.children, &mut children, false);
        for (c, _) in children {
            match c.name.std() {
                Some("sensorMetadata") => {
                    let t = |s: &str| Timestamp::parse(s);
                    let u = |s: &str| Uri::new(s);
                    let mut md = SensorMetadata {
                        time: opt_attr(&c, "time", t)?,
                        start_time: opt_attr(&c, "startTime", t)?,
                        end_time: opt_attr(&c, "endTime", t)?,
                        device_id: opt_attr(&c, "deviceID", u)?,
                        device_metadata: opt_attr(&c, "deviceMetadata", u)?,
                        raw_data: opt_attr(&c, "rawData", u)?,
                        data_processing_method: opt_attr(&c, "dataProcessingMethod", u)?,
                        biz_rules: opt_attr(&c, "bizRules", u)?,
                        extensions: ext_attrs(&c, METADATA_ATTRS),
                    };
                    md.extensions
                        .extend(c.children.into_iter().map(node_to_ext));
                    el.metadata = Some(md);
                }
                Some("sensorReport") => {
                    let t = |s: &str| Timestamp::parse(s);
                    let u = |s: &str| Uri::new(s);
                    let d = |s: &str| Decimal::new(s);
                    let mut r = SensorReport {
                        measurement_type: opt_attr(&c, "type", |s| MeasurementType::new(s))?,
                        exception: opt_attr(&c, "exception", |s| SensorAlertType::new(s))?,
                        device_id: opt_attr(&c, "deviceID", u)?,
                        device_metadata: opt_attr(&c, "deviceMetadata", u)?,
                        raw_data: opt_attr(&c, "rawData", u)?,
                        data_processing_method: opt_attr(&c, "dataProcessingMethod", u)?,
                        biz_rules: opt_attr(&c, "bizRules", u)?,
                        time: opt_attr(&c, "time", t)?,
                        microorganism: opt_attr(&c, "microorganism", u)?,
                        chemical_substance: opt_attr(&c, "chemicalSubstance", u)?,
                        coordinate_reference_system: opt_attr(&c, "coordinateReferenceSystem", u)?,
                        value: opt_attr(&c, "value", d)?,
                        component: opt_attr(&c, "component", |s| Component::new(s))?,
                        string_value: c.attr("stringValue").map(str::to_owned),
                        boolean_value: opt_attr(&c, "booleanValue", parse_bool)?,
                        hex_binary_value: c.attr("hexBinaryValue").map(str::to_owned),
                        uri_value: opt_attr(&c, "uriValue", u)?,
                        min_value: opt_attr(&c, "minValue", d)?,
                        max_value: opt_attr(&c, "maxValue", d)?,
                        mean_value: opt_attr(&c, "meanValue", d)?,
                        s_dev: opt_attr(&c, "sDev", d)?,
                        perc_rank: opt_attr(&c, "percRank", d)?,
                        perc_value: opt_attr(&c, "percValue", d)?,
                        uom: c.attr("uom").map(str::to_owned),
                        extensions: ext_attrs(&c, REPORT_ATTRS),
                    };
                    r.extensions.extend(c.children.into_iter().map(node_to_ext));
                    el.reports.push(r);
                }
                _ => el.extensions.push(node_to_ext(c)),
            }
        }
        out.push(el);
    }
    Ok(out)
}

fn error_declaration(n: Node) -> Result<ErrorDeclaration, Fail> {
    let pos = n.pos;
    let (mut time, mut reason, mut ids, mut extensions) = (None, None, Vec::new(), Vec::new());
    let mut flat = Vec::new();
    flatten(n.children, &mut flat, false);
    for (c, _) in flat {
        match c.name.std() {
            Some("declarationTime") => time = Some(text_of(&c, Timestamp::parse)?),
            Some("reason") => reason = Some(text_of(&c, |s| ErrorReason::new(s))?),
            Some("correctiveEventIDs") => {
                for id in c.children {
                    ids.push(text_of(&id, |s| Uri::new(s))?);
                }
            }
            _ => extensions.push(node_to_ext(c)),
        }
    }
    Ok(ErrorDeclaration {
        declaration_time: time.ok_or((pos, Problem::MissingField("declarationTime".into())))?,
        reason,
        corrective_event_ids: ids,
        extensions,
    })
}

pub(crate) fn build_event(
    node: Node,
    event_type: Option<EventType>,
    custom: Option<QName>,
    notes: &mut Vec<Fail>,
) -> Result<Event, Fail> {
    let pos = node.pos;
    let mut p = EventParts::default();
    let mut flat = Vec::with_capacity(node.children.len());
    flatten(node.children, &mut flat, false);
    for (mut c, wrapped) in flat {
        let Some(local) = c.name.std_static() else {
            p.extensions.push(node_to_ext(c));
            continue;
        };
        match &*local {
            "eventTime" => set(
                &mut p.event_time,
                take_text(&mut c, Timestamp::parse_owned)?,
                &c,
            )?,
            "recordTime" => set(
                &mut p.record_time,
                take_text(&mut c, Timestamp::parse_owned)?,
                &c,
            )?,
            "eventTimeZoneOffset" => set(
                &mut p.event_time_zone_offset,
                text_of(&c, TimeZoneOffset::parse)?,
                &c,
            )?,
            "eventID" => set(
                &mut p.event_id,
                take_text(&mut c, |s: String| Uri::new(s))?,
                &c,
            )?,
            "certificationInfo" => p.certification_info.push(text_of(&c, |s| Uri::new(s))?),
            "errorDeclaration" => {
                if p.error_declaration.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.error_declaration = Some(error_declaration(c)?);
            }
            "action" => set(&mut p.action, text_of(&c, |s| s.parse::<Action>())?, &c)?,
            "parentID" => set(
                &mut p.parent_id,
                take_text(&mut c, |s: String| Epc::new(s))?,
                &c,
            )?,
            "epcList" => {
                let pos = c.pos;
                let v = epcs(c)?;
                if p.epc_list.replace(v).is_some() {
                    return Err((pos, Problem::DuplicateField(local.into_owned())));
                }
            }
            "childEPCs" | "inputEPCList" | "outputEPCList" => {
                let pos = c.pos;
                let v = epcs(c)?;
                let slot = match &*local {
                    "childEPCs" => &mut p.child_epcs,
                    "inputEPCList" => &mut p.input_epc_list,
                    _ => &mut p.output_epc_list,
                };
                if slot.replace(v).is_some() {
                    return Err((pos, Problem::DuplicateField(local.into_owned())));
                }
            }
            "quantityList" | "childQuantityList" | "inputQuantityList" | "outputQuantityList" => {
                let pos = c.pos;
                let v = quantities(c)?;
                let slot = match &*local {
                    "quantityList" => &mut p.quantity_list,
                    "childQuantityList" => &mut p.child_quantity_list,
                    "inputQuantityList" => &mut p.input_quantity_list,
                    _ => &mut p.output_quantity_list,
                };
                if slot.replace(v).is_some() {
                    return Err((pos, Problem::DuplicateField(local.into_owned())));
                }
            }
            "transformationID" => set(
                &mut p.transformation_id,
                take_text(&mut c, |s: String| Uri::new(s))?,
                &c,
            )?,
            "bizStep" => set(
                &mut p.biz_step,
                take_text(&mut c, |s: String| BizStep::new(s))?,
                &c,
            )?,
            "disposition" => set(
                &mut p.disposition,
                take_text(&mut c, |s: String| Disposition::new(s))?,
                &c,
            )?,
            "persistentDisposition" => {
                let mut pd = PersistentDisposition::default();
                for d in &c.children {
                    let v = text_of(d, |s| Disposition::new(s))?;
                    match d.name.std() {
                        Some("set") => pd.set.push(v),
                        Some("unset") => pd.unset.push(v),
                        _ => {
                            return Err((
                                d.pos,
                                Problem::UnexpectedField(d.name.local().to_owned()),
                            ));
                        }
                    }
                }
                set(&mut p.persistent_disposition, pd, &c)?;
            }
            "readPoint" => {
                if p.read_point.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.read_point = Some(location(c)?);
            }
            "bizLocation" => {
                if p.biz_location.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.biz_location = Some(location(c)?);
            }
            "bizTransactionList" => {
                let mut list = Vec::new();
                for mut bt in std::mem::take(&mut c.children) {
                    if bt.name.std() != Some("bizTransaction") {
                        return Err((bt.pos, Problem::UnexpectedField(bt.name.local().to_owned())));
                    }
                    let transaction_type = opt_attr(&bt, "type", |s| BizTransactionType::new(s))?;
                    list.push(BizTransaction {
                        transaction_type,
                        id: take_text(&mut bt, Uri::new)?,
                    });
                }
                set(&mut p.biz_transactions, list, &c)?;
            }
            "sourceList" => {
                if p.sources.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.sources = Some(source_dest(c, "source")?);
            }
            "destinationList" => {
                if p.destinations.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.destinations = Some(source_dest(c, "destination")?);
            }
            "sensorElementList" => {
                if p.sensor_elements.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                p.sensor_elements = Some(sensor_elements(c)?);
            }
            "ilmd" => {
                let mut flat = Vec::new();
                if p.ilmd.is_some() {
                    return Err((c.pos, Problem::DuplicateField(local.into_owned())));
                }
                flatten(c.children, &mut flat, false);
                p.ilmd = Some(Ilmd(
                    flat.into_iter().map(|(n, _)| node_to_ext(n)).collect(),
                ));
            }
            "epcClass" if event_type == Some(EventType::Object) => {
                set(&mut p.legacy_epc_class, text_of(&c, |s| Epc::new(s))?, &c)?;
            }
            "quantity" if event_type == Some(EventType::Object) => {
                set(
                    &mut p.legacy_quantity,
                    text_of(&c, |s| Decimal::new(s))?,
                    &c,
                )?;
            }
            _ => {
                // Unqualified elements are extension content inside the 1.x
                // `extension` wrappers (`##local`); elsewhere they are unknown.
                if !wrapped {
                    notes.push((c.pos, Problem::UnexpectedField(local.clone().into_owned())));
                }
                p.extensions.push(node_to_ext(c));
            }
        }
    }
    if p.legacy_quantity.is_some() && p.legacy_epc_class.is_none() {
        return Err((pos, Problem::MissingField("epcClass".into())));
    }
    p.finish(event_type, custom)
        .map_err(|problem| (pos, problem))
}

/// An extension element as the model keeps it: `xsi:type` numbers and
/// booleans become typed values, `xsi:nil` becomes null.
pub(crate) fn node_to_ext(n: Node) -> Extension {
    let mut xsi_type = None;
    let mut nil = false;
    let mut attributes = Vec::new();
    for (q, v) in n.attrs {
        if q.namespace() == Some(XSI_NS) && q.local() == "type" {
            xsi_type = Some(v);
        } else if q.namespace() == Some(XSI_NS) && q.local() == "nil" && v == "true" {
            nil = true;
        } else {
            attributes.push(ExtAttribute {
                name: q.into_qname(),
                value: v,
            });
        }
    }
    let value = if !n.children.is_empty() {
        ExtValue::Object(n.children.into_iter().map(node_to_ext).collect())
    } else if nil {
        ExtValue::Null
    } else {
        let local_type = xsi_type
            .as_deref()
            .map(|t| t.rsplit(':').next().unwrap_or(t));
        match local_type {
            Some(
                "decimal" | "integer" | "int" | "long" | "short" | "byte" | "double" | "float"
                | "nonNegativeInteger" | "positiveInteger" | "unsignedInt" | "unsignedLong",
            ) if is_number(&n.text) => ExtValue::Number(n.text),
            Some("boolean") if matches!(n.text.as_str(), "true" | "false") => {
                ExtValue::Bool(n.text == "true")
            }
            Some("string") | None => ExtValue::Text(n.text),
            Some(_) => {
                // Other declared types are kept as the attribute they came in.
                if let Some(t) = xsi_type {
                    attributes.push(ExtAttribute {
                        name: QName::new(XSI_NS, "xsi", "type"),
                        value: t,
                    });
                }
                ExtValue::Text(n.text)
            }
        }
    };
    Extension {
        name: n.name.into_qname(),
        attributes,
        value,
    }
}

fn vocabularies(n: &Node) -> Result<Vec<Vocabulary>, Fail> {
    let mut out = Vec::new();
    for v in &n.children {
        if v.name.std() != Some("Vocabulary") {
            continue;
        }
        let vocabulary_type = v
            .attr("type")
            .ok_or((v.pos, Problem::MissingField("type".into())))?
            .to_owned();
        let mut elements = Vec::new();
        for list in v
            .children
            .iter()
            .filter(|c| c.name.std() == Some("VocabularyElementList"))
        {
            for el in &list.children {
                let id = el
                    .attr("id")
                    .ok_or((el.pos, Problem::MissingField("id".into())))?
                    .to_owned();
                let mut attributes = Vec::new();
                let mut children = Vec::new();
                for a in &el.children {
                    match a.name.std() {
                        Some("attribute") => {
                            let aid = a
                                .attr("id")
                                .ok_or((a.pos, Problem::MissingField("id".into())))?
                                .to_owned();
                            let value = if a.children.is_empty() {
                                ExtValue::Text(a.text.clone())
                            } else {
                                ExtValue::Object(
                                    a.children.iter().cloned().map(node_to_ext).collect(),
                                )
                            };
                            attributes.push(VocabularyAttribute { id: aid, value });
                        }
                        Some("children") => {
                            children.extend(a.children.iter().map(|c| c.text.clone()))
                        }
                        _ => {}
                    }
                }
                elements.push(VocabularyElement {
                    id,
                    attributes,
                    children,
                });
            }
        }
        out.push(Vocabulary {
            vocabulary_type,
            elements,
        });
    }
    Ok(out)
}

fn poll(n: &Node) -> Query {
    let mut q = Query::default();
    for c in &n.children {
        match c.name.local() {
            "queryName" => q.query_name = Some(c.text.clone()),
            "params" => {
                for p in &c.children {
                    let name = p
                        .children
                        .iter()
                        .find(|x| x.name.local() == "name")
                        .map(|x| x.text.clone())
                        .unwrap_or_default();
                    let value = match p.children.iter().find(|x| x.name.local() == "value") {
                        None => QueryValue::Missing,
                        Some(v) if !v.children.is_empty() => {
                            QueryValue::List(v.children.iter().map(|s| s.text.clone()).collect())
                        }
                        Some(v) => QueryValue::Scalar(ExtValue::Text(v.text.clone())),
                    };
                    q.params.push(QueryParam { name, value });
                }
            }
            _ => {}
        }
    }
    q
}

fn capture_job(n: &Node) -> Result<CaptureJob, Problem> {
    let mut job = CaptureJob {
        capture_id: n.attr("captureID").map(str::to_owned),
        running: n.attr("running").map(|v| v == "true"),
        success: n.attr("success").map(|v| v == "true"),
        ..CaptureJob::default()
    };
    for c in &n.children {
        let t = || {
            Timestamp::parse(&c.text).map_err(|e| Problem::BadValue {
                field: c.name.local().to_owned(),
                reason: e.to_string(),
            })
        };
        match c.name.local() {
            "captureErrorBehaviour" => job.capture_error_behaviour = Some(c.text.clone()),
            "createdAt" => job.created_at = Some(t()?),
            "finishedAt" => job.finished_at = Some(t()?),
            "errorFile" => job.error_file = Some(c.text.clone()),
            "errors" => {
                for e in &c.children {
                    let mut err = CaptureError::default();
                    for f in &e.children {
                        let v = Some(f.text.clone());
                        match f.name.local() {
                            "type" => err.error_type = v,
                            "title" => err.title = v,
                            "status" => err.status = v,
                            "detail" => err.detail = v,
                            "instance" => err.instance = v,
                            _ => {}
                        }
                    }
                    job.errors.push(err);
                }
            }
            _ => {}
        }
    }
    Ok(job)
}
