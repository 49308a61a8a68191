//! Streaming JSON-LD reader.

use super::de::{self, Cx, EventSeed, ListPath};
use super::scan::Scanner;
use crate::document::*;
use crate::error::{Diagnostic, Error, Location, Problem};
use crate::event::Event;
use crate::ext::{ExtValue, Extension, QName};
use crate::time::Timestamp;
use serde::de::DeserializeSeed;
use std::io::Read;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Container {
    Root,
    Body,
    QueryResults,
    ResultsBody,
}

struct Open {
    kind: Container,
    pointer: String,
    first: bool,
}

enum State {
    /// Reading keys of the innermost open object.
    Keys,
    /// Inside an event list.
    List {
        first: bool,
        index: usize,
        pointer: String,
        path: ListPath,
    },
    /// A single `epcisBody.event` is next.
    Single {
        pointer: String,
    },
    Done,
}

/// Pull reader over an EPCIS 2.0 JSON / JSON-LD document: the head first,
/// then one event at a time.
///
/// Memory stays bounded by the largest event when `@context` comes before
/// `epcisBody` (as every serializer, including this crate's, writes it).
/// When the context comes after the body, the body is buffered to resolve
/// extension prefixes first.
pub struct JsonReader<R> {
    sc: Scanner<R>,
    head: DocumentHead,
    prefixes: Vec<(String, String)>,
    stack: Vec<Open>,
    state: State,
    /// Root keys after the body were already applied (context look-ahead).
    root_done: bool,
    collect: bool,
    notes: Vec<Diagnostic>,
    last_location: Location,
    other: Option<Message>,
}

fn location(pointer: &str) -> Location {
    Location::Json {
        pointer: pointer.to_owned(),
        line: None,
        column: None,
    }
}

impl<R: Read> JsonReader<R> {
    /// Starts reading: parses everything before the first event.
    pub fn new(reader: R) -> Result<Self, Error> {
        Self::with_options(reader, false)
    }

    pub(crate) fn with_options(reader: R, collect: bool) -> Result<Self, Error> {
        let mut r = JsonReader {
            sc: Scanner::new(reader),
            head: DocumentHead::new(DocumentKind::Epcis),
            prefixes: Vec::new(),
            stack: Vec::new(),
            state: State::Done,
            root_done: false,
            collect,
            notes: Vec::new(),
            last_location: Location::Unknown,
            other: None,
        };
        r.start()?;
        Ok(r)
    }

    /// The document head (complete once all events were read: content
    /// after the event list is added then).
    pub fn head(&self) -> &DocumentHead {
        &self.head
    }

    /// Location of the last event returned.
    pub fn last_location(&self) -> &Location {
        &self.last_location
    }

    /// Non-fatal findings collected while reading in validation mode.
    pub(crate) fn take_notes(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.notes)
    }

    /// When the input is not a document (a bare event, a query, a capture
    /// job), that message.
    pub fn take_other(&mut self) -> Option<Message> {
        self.other.take()
    }

    fn note(&mut self, pointer: &str, problem: Problem) {
        if self.collect {
            self.notes.push(Diagnostic {
                location: location(pointer),
                problem,
            });
        }
    }

    fn cx(&self, pointer: &str) -> Cx {
        Cx::new(pointer, self.prefixes.clone())
    }

    /// Converts a serde failure into a located error.
    fn failed(&self, cx: Cx, err: serde_json::Error, start: usize, pointer: &str) -> Error {
        if let Some((ptr, problem)) = cx.failure.into_inner() {
            let (line, column) = self.sc.line_col(start);
            return Error::invalid(
                Location::Json {
                    pointer: ptr,
                    line: Some(line),
                    column: Some(column),
                },
                problem,
            );
        }
        // serde reports line/column within the slice.
        let (l0, c0) = self.sc.line_col(start);
        let (line, column) = if err.line() <= 1 {
            (l0, c0 + err.column() as u32 - 1)
        } else {
            (l0 + err.line() as u32 - 1, err.column() as u32)
        };
        Error::invalid(
            Location::Json {
                pointer: pointer.to_owned(),
                line: Some(line),
                column: Some(column),
            },
            Problem::Syntax {
                format: "JSON",
                message: err.to_string(),
            },
        )
    }

    fn ext_value(&mut self, start: usize, end: usize, pointer: &str) -> Result<ExtValue, Error> {
        let cx = self
            .cx(pointer)
            .with_numbers(de::number_tokens(self.sc.slice(start, end)));
        let mut d = serde_json::Deserializer::from_slice(self.sc.slice(start, end));
        match de::Ext(&cx)
            .deserialize(&mut d)
            .and_then(|v| d.end().map(|()| v))
        {
            Ok(v) => Ok(v),
            Err(e) => Err(self.failed(cx, e, start, pointer)),
        }
    }

    fn start(&mut self) -> Result<(), Error> {
        let root_start = self.sc.pin();
        match self.sc.peek_token()? {
            Some(b'{') => {}
            Some(_) => {
                return Err(Error::invalid(
                    self.sc.location("", self.sc.position()),
                    Problem::UnknownRoot("the top-level value is not an object".into()),
                ));
            }
            None => {
                return Err(Error::invalid(
                    self.sc.location("", 0),
                    Problem::Syntax {
                        format: "JSON",
                        message: "empty input".into(),
                    },
                ));
            }
        }
        let root_start = root_start.max(self.sc.position());
        self.sc.expect(b'{', "")?;
        let mut first = true;
        let mut keys: Vec<(String, usize, usize)> = Vec::new();
        let mut body_at: Option<usize> = None;
        let mut seen_context = false;
        let mut lookahead = false;
        while let Some(k) = self.sc.next_key(&mut first, "")? {
            if k == "epcisBody" && body_at.is_none() {
                let at = self.sc.position();
                if seen_context {
                    body_at = Some(at);
                    break;
                }
                // Look ahead past the body for `@context`.
                let _ = self.sc.value_span("/epcisBody")?;
                lookahead = true;
                body_at = Some(at);
                continue;
            }
            if k == "@context" {
                seen_context = true;
            }
            let (s, e) = self.sc.value_span(&ptr_key("", &k))?;
            keys.push((k, s, e));
        }
        let Some(body_at) = body_at else {
            // Not a document: the whole root is in the buffer.
            let end = self.sc.position();
            self.expect_end()?;
            return self.other_root(root_start, end, &keys);
        };
        self.root_done = lookahead;
        // `@context` first, so prefixes resolve.
        keys.sort_by_key(|(k, _, _)| k != "@context");
        for (k, s, e) in &keys {
            self.apply_root_key(k, *s, *e)?;
        }
        self.finish_head_checks();
        self.sc.rewind(body_at);
        self.sc.unpin();
        self.stack.push(Open {
            kind: Container::Root,
            pointer: String::new(),
            first: false,
        });
        self.open_object(Container::Body, "/epcisBody".into())?;
        self.state = State::Keys;
        Ok(())
    }

    /// Only whitespace may follow the top-level value.
    fn expect_end(&mut self) -> Result<(), Error> {
        match self.sc.peek_token()? {
            None => Ok(()),
            Some(b) => Err(self.sc.syntax(
                "",
                format!("unexpected `{}` after the top-level value", b as char),
            )),
        }
    }

    fn finish_head_checks(&mut self) {
        if self.collect {
            if self.head.contexts.is_empty() {
                self.note("", Problem::MissingField("@context".into()));
            }
            if self.head.kind == DocumentKind::Epcis {
                if self.head.schema_version.is_none() {
                    self.note("", Problem::MissingField("schemaVersion".into()));
                }
                if self.head.creation_date.is_none() {
                    self.note("", Problem::MissingField("creationDate".into()));
                }
            }
        }
    }

    fn open_object(&mut self, kind: Container, pointer: String) -> Result<(), Error> {
        self.sc.expect(b'{', &pointer)?;
        self.stack.push(Open {
            kind,
            pointer,
            first: true,
        });
        Ok(())
    }

    fn apply_root_key(&mut self, k: &str, s: usize, e: usize) -> Result<(), Error> {
        let pointer = ptr_key("", k);
        let v = self.ext_value(s, e, &pointer)?;
        let text = |v: &ExtValue| v.as_text().map(str::to_owned);
        match k {
            "@context" => {
                let cx = self.cx("");
                self.head.contexts = de::read_context(&cx, &v);
                self.prefixes = cx.prefixes.into_inner();
            }
            "type" => match v.as_text() {
                Some("EPCISDocument") => self.head.kind = DocumentKind::Epcis,
                Some("EPCISQueryDocument") => self.head.kind = DocumentKind::Query,
                Some("EPCISMasterDataDocument") => self.head.kind = DocumentKind::MasterData,
                other => {
                    return Err(Error::invalid(
                        location(&pointer),
                        Problem::BadValue {
                            field: "type".into(),
                            reason: format!("`{}` is not a document type", other.unwrap_or("?")),
                        },
                    ));
                }
            },
            "schemaVersion" => self.head.schema_version = text(&v),
            "creationDate" => {
                let t = text(&v).ok_or_else(|| {
                    Error::invalid(
                        location(&pointer),
                        Problem::WrongType {
                            field: k.into(),
                            expected: "a string",
                        },
                    )
                })?;
                self.head.creation_date = Some(Timestamp::parse(&t).map_err(|e| {
                    Error::invalid(
                        location(&pointer),
                        Problem::BadValue {
                            field: k.into(),
                            reason: e.to_string(),
                        },
                    )
                })?);
            }
            "id" => self.head.id = text(&v),
            "sender" => self.head.sender = text(&v),
            "receiver" => self.head.receiver = text(&v),
            "instanceIdentifier" => self.head.instance_identifier = text(&v),
            "epcisHeader" => self.head.header = self.header(v, &pointer)?,
            _ => {
                let cx = self.cx("");
                let name = cx.qname(k);
                if name.prefix.is_none() {
                    self.note(&pointer, Problem::UnexpectedField(k.to_owned()));
                }
                if self.head.extensions.iter().any(|x| x.name == name) {
                    return Err(Error::invalid(
                        location(&pointer),
                        Problem::DuplicateField(k.to_owned()),
                    ));
                }
                self.head.extensions.push(Extension::new(name, v));
            }
        }
        Ok(())
    }

    fn header(&mut self, v: ExtValue, pointer: &str) -> Result<Header, Error> {
        let ExtValue::Object(fields) = v else {
            return Err(Error::invalid(
                location(pointer),
                Problem::WrongType {
                    field: "epcisHeader".into(),
                    expected: "an object",
                },
            ));
        };
        let mut h = Header::default();
        for f in fields {
            if f.name.prefix.is_none() && f.name.local == "epcisMasterData" {
                let p = format!("{pointer}/epcisMasterData");
                let cx = self.cx(&p);
                let mut list = None;
                if let ExtValue::Object(md) = f.value {
                    for m in md {
                        if m.name.local == "vocabularyList" {
                            de::push_key(&cx, "vocabularyList");
                            list = Some(de::vocabularies(&cx, m.value));
                            de::pop(&cx);
                        }
                    }
                }
                match list {
                    Some(Ok(v)) => h.master_data = Some(v),
                    Some(Err(())) => {
                        let (ptr, problem) = cx
                            .failure
                            .into_inner()
                            .unwrap_or((p, Problem::Rule("bad master data".into())));
                        return Err(Error::invalid(location(&ptr), problem));
                    }
                    None => h.master_data = Some(Vec::new()),
                }
            } else if f.name.local == "StandardBusinessDocumentHeader"
                && (f.name.namespace.as_deref() == Some(SBDH_NS)
                    || f.name.prefix.as_deref() == Some("sbdh"))
            {
                let elements = match f.value {
                    ExtValue::Object(els) => from_json_tree(els),
                    _ => Vec::new(),
                };
                h.sbdh = Some(Sbdh { elements });
            } else {
                h.extensions.push(f);
            }
        }
        Ok(h)
    }

    fn other_root(
        &mut self,
        start: usize,
        end: usize,
        keys: &[(String, usize, usize)],
    ) -> Result<(), Error> {
        let type_name = keys
            .iter()
            .find(|(k, _, _)| k == "type")
            .map(|(_, s, e)| (*s, *e));
        let type_text = match type_name {
            Some((s, e)) => serde_json::from_slice::<String>(self.sc.slice(s, e)).ok(),
            None => None,
        };
        let has = |name: &str| keys.iter().any(|(k, _, _)| k == name);
        if type_text.is_some()
            && (has("eventTime")
                || has("action")
                || type_text.as_deref().is_some_and(|t| t.ends_with("Event")))
        {
            let cx = self
                .cx("")
                .with_numbers(de::number_tokens(self.sc.slice(start, end)));
            // Bind the event's own context first.
            if let Some((_, s, e)) = keys.iter().find(|(k, _, _)| k == "@context") {
                // Its own parse context: the event's number texts are for
                // the event parse below.
                if let Ok(v) = de::context_value(&self.cx(""), self.sc.slice(*s, *e)) {
                    let _ = de::read_context(&cx, &v);
                }
            }
            let mut d = serde_json::Deserializer::from_slice(self.sc.slice(start, end));
            match EventSeed(&cx)
                .deserialize(&mut d)
                .and_then(|v| d.end().map(|()| v))
            {
                Ok((event, contexts)) => {
                    if contexts.is_empty() {
                        self.note("", Problem::MissingField("@context".into()));
                    }
                    self.other = Some(Message::Event {
                        event: Box::new(event),
                        contexts,
                        namespaces: Vec::new(),
                    });
                    Ok(())
                }
                Err(e) => Err(self.failed(cx, e, start, "")),
            }
        } else if has("captureID") || has("running") {
            let v = self.ext_value(start, end, "")?;
            self.other = Some(Message::CaptureJob(capture_job_from_json(v)?));
            Ok(())
        } else if type_text.is_none() {
            let v = self.ext_value(start, end, "")?;
            let fields = match v {
                ExtValue::Object(f) => f,
                _ => unreachable_object()?,
            };
            let mut contexts = Vec::new();
            let mut query = Query::default();
            for f in fields {
                let name = f.name.prefixed();
                if name == "@context" {
                    let cx = self.cx("");
                    contexts = de::read_context(&cx, &f.value);
                } else if name == "queryName" {
                    query.query_name = f.value.as_text().map(str::to_owned);
                } else {
                    let value = match f.value {
                        ExtValue::Array(items)
                            if items.iter().all(|i| matches!(i, ExtValue::Text(_))) =>
                        {
                            QueryValue::List(
                                items
                                    .into_iter()
                                    .filter_map(|i| i.as_text().map(str::to_owned))
                                    .collect(),
                            )
                        }
                        other => QueryValue::Scalar(other),
                    };
                    query.params.push(QueryParam { name, value });
                }
            }
            self.other = Some(Message::Query { query, contexts });
            Ok(())
        } else {
            Err(Error::invalid(
                location("/type"),
                Problem::UnknownRoot(format!(
                    "unknown top-level type `{}`",
                    type_text.unwrap_or_default()
                )),
            ))
        }
    }

    /// The next event, or `None` after the last one.
    ///
    /// An error confined to one event (a value or field that does not fit
    /// the model) is returned for that event, and the next call goes on with
    /// the following one. After a syntax or I/O error outside an event, the
    /// next call returns `None`.
    pub fn next_event(&mut self) -> Result<Option<Event>, Error> {
        loop {
            // A failure below leaves `Done`: reading stops there.
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(None),
                State::Single { pointer } => {
                    let (s, e) = self.sc.value_span(&pointer)?;
                    self.state = State::Keys;
                    let cx = Cx::new(&pointer, std::mem::take(&mut self.prefixes));
                    return self.parse_event(s, e, pointer, cx, None).map(Some);
                }
                State::List {
                    mut first,
                    index,
                    pointer,
                    mut path,
                } => {
                    if self.sc.next_element(&mut first, &pointer)? {
                        let p = element_pointer(&pointer, index);
                        let (s, e) = self.sc.value_span(&p)?;
                        let cx = Cx::in_list(&mut path, index, std::mem::take(&mut self.prefixes));
                        let r = self.parse_event(s, e, p, cx, Some(&mut path));
                        self.sc.compact_if_large();
                        self.state = State::List {
                            first,
                            index: index + 1,
                            pointer,
                            path,
                        };
                        return r.map(Some);
                    }
                    self.state = State::Keys;
                }
                State::Keys => {
                    if !self.step_keys()? {
                        self.state = State::Done;
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Reads the next key of the innermost object; false when the root closed.
    fn step_keys(&mut self) -> Result<bool, Error> {
        let Some(top) = self.stack.last_mut() else {
            return Ok(false);
        };
        let kind = top.kind;
        let pointer = top.pointer.clone();
        let mut first = top.first;
        let key = self.sc.next_key(&mut first, &pointer)?;
        if let Some(top) = self.stack.last_mut() {
            top.first = first;
        }
        let Some(k) = key else {
            self.stack.pop();
            if self.stack.is_empty() {
                self.expect_end()?;
                return Ok(false);
            }
            self.state = State::Keys;
            return Ok(true);
        };
        let p = ptr_key(&pointer, &k);
        match (kind, k.as_str()) {
            (Container::Body, "eventList") | (Container::ResultsBody, "eventList") => {
                self.sc.expect(b'[', &p)?;
                self.state = State::List {
                    first: true,
                    index: 0,
                    path: ListPath::new(&p),
                    pointer: p,
                };
            }
            (Container::Body, "event") => self.state = State::Single { pointer: p },
            (Container::Body, "queryResults") => {
                self.head.kind = DocumentKind::Query;
                self.head
                    .query_results
                    .get_or_insert_with(QueryResultsInfo::default);
                self.open_object(Container::QueryResults, p)?;
                self.state = State::Keys;
            }
            (Container::QueryResults, "resultsBody") => {
                self.open_object(Container::ResultsBody, p)?;
                self.state = State::Keys;
            }
            (Container::QueryResults, "queryName" | "subscriptionID") => {
                let (s, e) = self.sc.value_span(&p)?;
                let v = self.ext_value(s, e, &p)?;
                let t = v.as_text().map(str::to_owned);
                let info = self
                    .head
                    .query_results
                    .get_or_insert_with(QueryResultsInfo::default);
                if k == "queryName" {
                    info.query_name = t;
                } else {
                    info.subscription_id = t;
                }
                self.state = State::Keys;
            }
            (Container::ResultsBody | Container::Body, "vocabularyList") => {
                let (s, e) = self.sc.value_span(&p)?;
                let v = self.ext_value(s, e, &p)?;
                let cx = self.cx(&p);
                match de::vocabularies(&cx, v) {
                    Ok(list) => self.head.vocabularies = Some(list),
                    Err(()) => {
                        let (ptr, problem) = cx
                            .failure
                            .into_inner()
                            .unwrap_or((p, Problem::Rule("bad vocabulary list".into())));
                        return Err(Error::invalid(location(&ptr), problem));
                    }
                }
                self.state = State::Keys;
            }
            (Container::Root, _) => {
                let (s, e) = self.sc.value_span(&p)?;
                if !self.root_done && k != "epcisBody" {
                    self.apply_root_key(&k, s, e)?;
                }
                self.state = State::Keys;
            }
            _ => {
                let (s, e) = self.sc.value_span(&p)?;
                let v = self.ext_value(s, e, &p)?;
                let cx = self.cx("");
                let name = cx.qname(&k);
                if name.prefix.is_none() {
                    // Inside the body only EPCIS keys and namespaced
                    // extensions may appear.
                    return Err(Error::invalid(
                        location(&p),
                        Problem::UnexpectedField(k.clone()),
                    ));
                }
                if self.head.extensions.iter().any(|x| x.name == name) {
                    return Err(Error::invalid(
                        location(&p),
                        Problem::DuplicateField(k.clone()),
                    ));
                }
                self.head.extensions.push(Extension::new(name, v));
                self.state = State::Keys;
            }
        }
        Ok(true)
    }

    /// Builds the event whose bytes are `s..e` of the buffer with `cx`,
    /// a context at `pointer` holding the document's prefixes (taken from
    /// `self.prefixes`; they come back here). A context lent a list's path
    /// gives it back to `list`.
    fn parse_event(
        &mut self,
        s: usize,
        e: usize,
        pointer: String,
        mut cx: Cx,
        list: Option<&mut ListPath>,
    ) -> Result<Event, Error> {
        // The document's prefixes are lent to the event rather than copied
        // for each one; an event's own `@context` only appends to them, and
        // what it appended is dropped when they come back.
        let document_prefixes = cx.prefixes.borrow().len();
        if self.sc.last_had_number {
            cx = cx.with_numbers(de::number_tokens(self.sc.number_part(s, e)));
        }
        let bytes = self.sc.slice(s, e);
        // serde_json checks each string of a byte slice for UTF-8 on its
        // own (a tenth of the event parse was those checks); input known
        // to be UTF-8 is read as text instead, checked once, at a sixth of
        // that cost. Both readers give the same values and errors for
        // UTF-8 input; other input takes the byte path, whose error is the
        // one reported.
        let r = match std::str::from_utf8(bytes) {
            Ok(text) => read_event(&cx, serde_json::Deserializer::from_str(text)),
            Err(_) => read_event(&cx, serde_json::Deserializer::from_slice(bytes)),
        };
        let mut prefixes = std::mem::take(&mut *cx.prefixes.borrow_mut());
        prefixes.truncate(document_prefixes);
        self.prefixes = prefixes;
        if let Some(list) = list {
            cx.return_path(list);
        }
        let (line, column) = self.sc.line_col(s);
        // Findings noted before a failure are kept: validation reports them too.
        if self.collect {
            for (ptr, problem) in cx.diags.take() {
                self.notes.push(Diagnostic {
                    location: location(&ptr),
                    problem,
                });
            }
        }
        let r = match r {
            Ok((ev, _contexts)) => Ok(ev),
            Err(err) => Err(self.failed(cx, err, s, &pointer)),
        };
        self.last_location = Location::Json {
            pointer,
            line: Some(line),
            column: Some(column),
        };
        r
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
}

/// Parses one event from `d`, which must hold nothing else.
fn read_event<'de, R: serde_json::de::Read<'de>>(
    cx: &Cx,
    mut d: serde_json::Deserializer<R>,
) -> Result<(Event, Vec<ContextEntry>), serde_json::Error> {
    EventSeed(cx)
        .deserialize(&mut d)
        .and_then(|v| d.end().map(|()| v))
}

/// `{list}/{index}`: the pointer of a list element. Written by hand: the
/// formatting machinery cost a thousand instructions per event.
fn element_pointer(list: &str, index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(list.len() + 1 + digits.len() - at);
    s.push_str(list);
    s.push('/');
    s.extend(digits[at..].iter().map(|&d| char::from(d)));
    s
}

fn unreachable_object() -> Result<Vec<Extension>, Error> {
    Err(Error::invalid(
        location(""),
        Problem::UnknownRoot("not an object".into()),
    ))
}

pub(crate) fn ptr_key(base: &str, key: &str) -> String {
    let mut s = String::with_capacity(base.len() + key.len() + 1);
    s.push_str(base);
    s.push('/');
    de::escape_pointer(key, &mut s);
    s
}

/// JSON form of an XML element tree (SBDH): keys are elements, an object
/// with `#text` carries text next to attributes.
pub(crate) fn from_json_tree(fields: Vec<Extension>) -> Vec<Extension> {
    fields.into_iter().flat_map(from_json_field).collect()
}

fn from_json_field(e: Extension) -> Vec<Extension> {
    match e.value {
        ExtValue::Array(items) => items
            .into_iter()
            .flat_map(|v| from_json_field(Extension::new(e.name.clone(), v)))
            .collect(),
        ExtValue::Object(children) => {
            let mut attributes = Vec::new();
            let mut text = None;
            let mut elements = Vec::new();
            for c in children {
                if let Some(a) = c
                    .name
                    .local
                    .strip_prefix('@')
                    .filter(|_| c.name.prefix.is_none())
                {
                    attributes.push(crate::ext::ExtAttribute {
                        name: QName::local(a),
                        value: c.value.as_text().unwrap_or_default().to_owned(),
                    });
                } else if c.name.local == "#text" && c.name.prefix.is_none() {
                    text = c.value.as_text().map(str::to_owned);
                } else {
                    elements.extend(from_json_field(c));
                }
            }
            let value = match text {
                Some(t) if elements.is_empty() => ExtValue::Text(t),
                _ => ExtValue::Object(elements),
            };
            vec![Extension {
                name: e.name,
                attributes,
                value,
            }]
        }
        other => vec![Extension {
            name: e.name,
            attributes: e.attributes,
            value: other,
        }],
    }
}

/// A capture job status; its fields must have their JSON types (a job
/// whose `captureID` is an object would not be one when written back).
fn capture_job_from_json(v: ExtValue) -> Result<CaptureJob, Error> {
    let wrong = |field: &str, expected: &'static str| {
        Error::invalid(
            location(&ptr_key("", field)),
            Problem::WrongType {
                field: field.to_owned(),
                expected,
            },
        )
    };
    let text = |f: &Extension| -> Result<String, Error> {
        match &f.value {
            ExtValue::Text(t) => Ok(t.clone()),
            _ => Err(wrong(&f.name.prefixed(), "a string")),
        }
    };
    let boolean = |f: &Extension| -> Result<bool, Error> {
        match f.value {
            ExtValue::Bool(b) => Ok(b),
            _ => Err(wrong(&f.name.prefixed(), "a boolean")),
        }
    };
    let time = |f: &Extension| -> Result<Timestamp, Error> {
        Timestamp::parse(&text(f)?).map_err(|e| {
            Error::invalid(
                location(&ptr_key("", &f.name.prefixed())),
                Problem::BadValue {
                    field: f.name.prefixed(),
                    reason: e.to_string(),
                },
            )
        })
    };
    let mut job = CaptureJob::default();
    if let ExtValue::Object(fields) = v {
        for f in fields {
            match f.name.prefixed().as_str() {
                "captureID" => job.capture_id = Some(text(&f)?),
                "running" => job.running = Some(boolean(&f)?),
                "success" => job.success = Some(boolean(&f)?),
                "captureErrorBehaviour" => job.capture_error_behaviour = Some(text(&f)?),
                "createdAt" => job.created_at = Some(time(&f)?),
                "finishedAt" => job.finished_at = Some(time(&f)?),
                "errorFile" => job.error_file = Some(text(&f)?),
                "errors" => {
                    let ExtValue::Array(items) = f.value else {
                        return Err(wrong("errors", "an array"));
                    };
                    for i in items {
                        let mut err = CaptureError::default();
                        let ExtValue::Object(ef) = i else {
                            return Err(wrong("errors", "an array of objects"));
                        };
                        for x in ef {
                            let slot = match x.name.prefixed().as_str() {
                                "type" => &mut err.error_type,
                                "title" => &mut err.title,
                                "status" => &mut err.status,
                                "detail" => &mut err.detail,
                                "instance" => &mut err.instance,
                                _ => continue,
                            };
                            // `status` is an HTTP code, often a number.
                            *slot = Some(match &x.value {
                                ExtValue::Text(t) | ExtValue::Number(t) => t.clone(),
                                _ => return Err(wrong(&x.name.prefixed(), "a string")),
                            });
                        }
                        job.errors.push(err);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(job)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_pointers_are_formatted_pointers() {
        for list in ["", "/epcisBody/eventList", "/a~1b/x~0"] {
            for index in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
                assert_eq!(element_pointer(list, index), format!("{list}/{index}"));
            }
        }
    }

    #[test]
    fn list_paths_are_parsed_pointers() {
        for list in ["", "/epcisBody/eventList", "/a~1b/x~0/7/q"] {
            let mut path = ListPath::new(list);
            // A path lent and given back serves the next element alike,
            // also after a parse that left segments on it.
            for index in [0, 1, 12, 3] {
                let pointer = element_pointer(list, index);
                let cx = Cx::in_list(&mut path, index, Vec::new());
                assert_eq!(cx.pointer(), Cx::new(&pointer, Vec::new()).pointer());
                de::push_key(&cx, "left/over");
                cx.return_path(&mut path);
            }
        }
    }

    /// serde_json's text reader, used for UTF-8 events, must report what
    /// its byte reader reports: values, model failures and syntax errors
    /// with their positions.
    #[test]
    fn text_and_byte_readers_agree() {
        let events = [
            r#"{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z",
                "eventTimeZoneOffset": "+00:00", "action": "ADD",
                "epcList": ["urn:epc:id:sgtin:0614141.107346.2018"],
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 1.50E+2}],
                "ex:note": {"ex:é\u00e9": "\"quoted\" \\ ünïcode"}}"#,
            r#"{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "action": "ADDX"}"#,
            r#"{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z",
                "action": "ADD", "epcList": ["urn:epc:id:sgtin:0614141.107346.2018",]}"#,
            "{\"type\": \"ObjectEvent\",\n \"eventTime\": \"2024-01-01T00:00:00Z\" \"action\"}",
            r#"{"type": "ObjectEvent", "eventTime": "\ud800"}"#,
            r#"{"type": "ObjectEvent"} trailing"#,
            r#"{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "bad\q": 1}"#,
        ];
        for event in events {
            let run = |text: bool| {
                let cx = Cx::new("/epcisBody/eventList/0", Vec::new())
                    .with_numbers(de::number_tokens(event.as_bytes()));
                let r = if text {
                    read_event(&cx, serde_json::Deserializer::from_str(event))
                } else {
                    read_event(&cx, serde_json::Deserializer::from_slice(event.as_bytes()))
                };
                let r = match r {
                    Ok(v) => format!("{v:?}"),
                    Err(e) => format!("error {e} at {}:{}", e.line(), e.column()),
                };
                (r, format!("{:?}", cx.failure.into_inner()))
            };
            assert_eq!(run(true), run(false), "{event}");
        }
    }
}
