//! Streaming JSON-LD writer.

use crate::document::*;
use crate::error::Error;
use crate::event::*;
use crate::ext::{ExtValue, Extension, QName};
use crate::vocab::VocabForm;
use crate::write::{VocabStyle, WriteOptions};
use std::io::Write;

/// Low-level emitter: commas, indentation, escaping.
struct Out<W> {
    w: W,
    pretty: bool,
    first: Vec<bool>,
}

impl<W: Write> Out<W> {
    fn nl(&mut self) -> std::io::Result<()> {
        if self.pretty {
            self.w.write_all(b"\n")?;
            for _ in 0..self.first.len() {
                self.w.write_all(b"  ")?;
            }
        }
        Ok(())
    }

    fn sep(&mut self) -> std::io::Result<()> {
        if let Some(f) = self.first.last_mut() {
            if *f {
                *f = false;
            } else {
                self.w.write_all(b",")?;
            }
            self.nl()?;
        }
        Ok(())
    }

    fn open(&mut self, c: u8) -> std::io::Result<()> {
        self.w.write_all(&[c])?;
        self.first.push(true);
        Ok(())
    }

    fn close(&mut self, c: u8) -> std::io::Result<()> {
        let empty = self.first.pop().unwrap_or(true);
        if !empty {
            self.nl()?;
        }
        self.w.write_all(&[c])
    }

    fn key(&mut self, k: &str) -> std::io::Result<()> {
        self.sep()?;
        self.string(k)?;
        self.w.write_all(if self.pretty { b": " } else { b":" })
    }

    fn string(&mut self, s: &str) -> std::io::Result<()> {
        // Fast path: nothing to escape.
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.w.write_all(b"\"")?;
            self.w.write_all(s.as_bytes())?;
            return self.w.write_all(b"\"");
        }
        serde_json::to_writer(&mut self.w, s).map_err(std::io::Error::other)
    }

    fn elem_string(&mut self, s: &str) -> std::io::Result<()> {
        self.sep()?;
        self.string(s)
    }

    fn field(&mut self, k: &str, v: &str) -> std::io::Result<()> {
        self.key(k)?;
        self.string(v)
    }

    fn raw_field(&mut self, k: &str, raw: &str) -> std::io::Result<()> {
        self.key(k)?;
        self.w.write_all(raw.as_bytes())
    }
}

/// Whether `s` is a number token JSON accepts as is.
fn json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(c) if c.is_ascii_digit() => {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

/// A number written as a JSON token, normalising spellings JSON rejects (`+5`, `.5`, `007`).
fn number_token(s: &str) -> String {
    if json_number(s) {
        s.to_owned()
    } else {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => super::de::float_text(v),
            _ => format!("\"{s}\""),
        }
    }
}

/// JSON text of an extension value, keys in their order.
pub(crate) fn ext_value_text(v: &ExtValue, out: &mut String) {
    match v {
        ExtValue::Text(s) => out.push_str(&serde_json::Value::String(s.clone()).to_string()),
        ExtValue::Number(n) => out.push_str(&number_token(n)),
        ExtValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExtValue::Null => out.push_str("null"),
        ExtValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ext_value_text(item, out);
            }
            out.push(']');
        }
        ExtValue::Object(fields) => {
            out.push('{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(f.name.prefixed()).to_string());
                out.push(':');
                ext_value_text(&f.value, out);
            }
            out.push('}');
        }
    }
}

pub(crate) fn ext_value_to_json(v: &ExtValue) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        ExtValue::Text(s) => J::String(s.clone()),
        ExtValue::Number(n) => {
            serde_json::from_str(&number_token(n)).unwrap_or(J::String(n.clone()))
        }
        ExtValue::Bool(b) => J::Bool(*b),
        ExtValue::Null => J::Null,
        ExtValue::Array(items) => J::Array(items.iter().map(ext_value_to_json).collect()),
        ExtValue::Object(fields) => {
            let mut m = serde_json::Map::new();
            for f in fields {
                m.insert(f.name.prefixed(), ext_value_to_json(&f.value));
            }
            J::Object(m)
        }
    }
}

/// Prefixes declared for the document, to know which extension names need
/// an event-level `@context`.
#[derive(Default, Clone)]
struct Declared(Vec<(String, String)>);

impl Declared {
    fn has(&self, q: &QName) -> bool {
        match (&q.prefix, &q.namespace) {
            (Some(p), Some(ns)) => self
                .0
                .iter()
                .rev()
                .find(|(k, _)| k == p)
                .is_some_and(|(_, v)| v == ns),
            _ => true,
        }
    }
}

fn collect_missing(exts: &[Extension], declared: &Declared, out: &mut Vec<(String, String)>) {
    for e in exts {
        let names = std::iter::once(&e.name).chain(e.attributes.iter().map(|a| &a.name));
        for name in names {
            if !declared.has(name) {
                if let (Some(p), Some(ns)) = (&name.prefix, &name.namespace) {
                    if !out.iter().any(|(k, _)| k == p) {
                        out.push((p.clone(), ns.clone()));
                    }
                }
            }
        }
        collect_value_missing(&e.value, declared, out);
    }
}

/// Prefixes used in the head (header, master data, document extensions)
/// that the document's namespace declarations do not cover.
fn head_missing(head: &DocumentHead, declared: &Declared) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(s) = &head.header.sbdh {
        collect_missing(&s.elements, declared, &mut out);
    }
    collect_missing(&head.header.extensions, declared, &mut out);
    collect_missing(&head.extensions, declared, &mut out);
    for list in [&head.header.master_data, &head.vocabularies]
        .into_iter()
        .flatten()
    {
        for v in list {
            for el in &v.elements {
                for a in &el.attributes {
                    collect_value_missing(&a.value, declared, &mut out);
                }
            }
        }
    }
    out
}

fn collect_value_missing(v: &ExtValue, declared: &Declared, out: &mut Vec<(String, String)>) {
    match v {
        ExtValue::Object(f) => collect_missing(f, declared, out),
        ExtValue::Array(items) => {
            for i in items {
                collect_value_missing(i, declared, out);
            }
        }
        _ => {}
    }
}

/// Streaming JSON-LD writer: head, then events, then [`JsonWriter::finish`].
pub struct JsonWriter<W: Write> {
    out: Out<W>,
    head: DocumentHead,
    options: WriteOptions,
    declared: Declared,
    /// Containers to close after the event list.
    closers: usize,
    /// Contexts to write into the next event (a bare event).
    event_context: Option<Vec<ContextEntry>>,
}

impl<W: Write> JsonWriter<W> {
    /// Writes the head and opens the event list.
    pub fn new(w: W, head: &DocumentHead, options: WriteOptions) -> Result<Self, Error> {
        if head.poll.is_some() {
            return Err(Error::Unsupported(
                "a poll query document has no EPCIS 2.0 JSON form".into(),
            ));
        }
        let mut jw = JsonWriter {
            out: Out {
                w,
                pretty: options.pretty,
                first: Vec::new(),
            },
            head: head.clone(),
            options,
            declared: Declared::default(),
            closers: 0,
            event_context: None,
        };
        jw.write_head()?;
        Ok(jw)
    }

    /// Writes a single event outside a document with `contexts` as its
    /// `@context` (none when empty).
    pub fn write_bare_event(
        w: W,
        event: &Event,
        contexts: &[ContextEntry],
        options: WriteOptions,
    ) -> Result<W, Error> {
        let contexts = contexts.to_vec();
        let mut jw = JsonWriter {
            out: Out {
                w,
                pretty: options.pretty,
                first: Vec::new(),
            },
            head: DocumentHead::new(DocumentKind::Epcis),
            options,
            declared: Declared::default(),
            closers: 0,
            event_context: Some(contexts.clone()),
        };
        for c in &contexts {
            if let ContextEntry::Terms(terms) = c {
                for t in terms {
                    if let TermDefinition::Iri(iri) = &t.definition {
                        jw.declared.0.push((t.term.clone(), iri.clone()));
                    }
                }
            }
        }
        jw.write_event(event)?;
        if options.pretty {
            jw.out.w.write_all(b"\n")?;
        }
        jw.out.w.flush()?;
        Ok(jw.out.w)
    }

    fn contexts(&self) -> Vec<ContextEntry> {
        if !self.head.contexts.is_empty() {
            return self.head.contexts.clone();
        }
        if self.head.namespaces.is_empty() {
            // Read from JSON without a context (invalid, kept as it was).
            return Vec::new();
        }
        // From XML: the standard context plus the extension namespaces.
        let mut terms = Vec::new();
        for ns in &self.head.namespaces {
            let skip = ns.prefix.is_empty()
                || matches!(
                    ns.uri.as_str(),
                    EPCIS1_NS
                        | EPCIS2_NS
                        | EPCIS1_QUERY_NS
                        | EPCIS2_QUERY_NS
                        | EPCIS1_MD_NS
                        | EPCIS2_MD_NS
                )
                || matches!(
                    ns.prefix.as_str(),
                    "xml" | "epcis" | "epcisq" | "type" | "id"
                );
            if !skip && !terms.iter().any(|t: &ContextTerm| t.term == ns.prefix) {
                terms.push(ContextTerm {
                    term: ns.prefix.clone(),
                    definition: TermDefinition::Iri(ns.uri.clone()),
                });
            }
        }
        let declared = Declared(
            terms
                .iter()
                .filter_map(|t| match &t.definition {
                    TermDefinition::Iri(i) => Some((t.term.clone(), i.clone())),
                    TermDefinition::Json(_) => None,
                })
                .collect(),
        );
        for (term, iri) in head_missing(&self.head, &declared) {
            terms.push(ContextTerm {
                term,
                definition: TermDefinition::Iri(iri),
            });
        }
        let mut out = vec![ContextEntry::Url(EPCIS_CONTEXT.to_owned())];
        if !terms.is_empty() {
            out.push(ContextEntry::Terms(terms));
        }
        out
    }

    fn write_context(&mut self, contexts: &[ContextEntry]) -> std::io::Result<()> {
        let single_url = matches!(contexts, [ContextEntry::Url(_)]);
        self.out.key("@context")?;
        if !single_url {
            self.out.open(b'[')?;
        }
        if let [ContextEntry::Url(u)] = contexts {
            return self.out.string(u);
        }
        for c in contexts {
            match c {
                ContextEntry::Url(u) => self.out.elem_string(u)?,
                ContextEntry::Terms(terms) => {
                    self.out.sep()?;
                    self.out.open(b'{')?;
                    for t in terms {
                        match &t.definition {
                            TermDefinition::Iri(iri) => self.out.field(&t.term, iri)?,
                            TermDefinition::Json(j) => self.out.raw_field(&t.term, j)?,
                        }
                    }
                    self.out.close(b'}')?;
                }
            }
        }
        if !single_url {
            self.out.close(b']')?;
        }
        Ok(())
    }

    fn write_head(&mut self) -> Result<(), Error> {
        let contexts = self.contexts();
        for c in &contexts {
            if let ContextEntry::Terms(terms) = c {
                for t in terms {
                    if let TermDefinition::Iri(iri) = &t.definition {
                        self.declared.0.push((t.term.clone(), iri.clone()));
                    }
                }
            }
        }
        let head = self.head.clone();
        self.out.open(b'{')?;
        if !contexts.is_empty() {
            self.write_context(&contexts)?;
        }
        let kind = match head.kind {
            DocumentKind::MasterData => "EPCISMasterDataDocument",
            k => k.as_str(),
        };
        self.out.field("type", kind)?;
        // A 1.x XML document becomes 2.0; otherwise the version is kept.
        let from_xml = !head.namespaces.is_empty();
        match head.schema_version.as_deref() {
            Some(v) if from_xml && v.starts_with('1') => self.out.field("schemaVersion", "2.0")?,
            Some(v) => self.out.field("schemaVersion", v)?,
            None if from_xml => self.out.field("schemaVersion", "2.0")?,
            None => {}
        }
        if let Some(t) = &head.creation_date {
            self.out.field("creationDate", t.as_str())?;
        }
        for (k, v) in [
            ("id", &head.id),
            ("instanceIdentifier", &head.instance_identifier),
            ("sender", &head.sender),
            ("receiver", &head.receiver),
        ] {
            if let Some(v) = v {
                self.out.field(k, v)?;
            }
        }
        if !head.header.is_empty() {
            self.out.key("epcisHeader")?;
            self.out.open(b'{')?;
            if let Some(sbdh) = &head.header.sbdh {
                let name = QName::new(SBDH_NS, "sbdh", "StandardBusinessDocumentHeader");
                self.out.key(&self.json_name(&name))?;
                self.tree_object(&sbdh.elements)?;
            }
            if let Some(md) = &head.header.master_data {
                self.out.key("epcisMasterData")?;
                self.out.open(b'{')?;
                self.out.key("vocabularyList")?;
                self.vocabularies(md)?;
                self.out.close(b'}')?;
            }
            let exts = head.header.extensions.clone();
            self.extension_fields(&exts)?;
            self.out.close(b'}')?;
        }
        self.extension_fields(&head.extensions)?;
        self.out.key("epcisBody")?;
        self.out.open(b'{')?;
        self.closers = 1;
        match head.kind {
            DocumentKind::Query if head.query_results.is_some() => {
                self.out.key("queryResults")?;
                self.out.open(b'{')?;
                let qr = head.query_results.clone().unwrap_or_default();
                if let Some(n) = &qr.query_name {
                    self.out.field("queryName", n)?;
                }
                if let Some(s) = &qr.subscription_id {
                    self.out.field("subscriptionID", s)?;
                }
                self.out.key("resultsBody")?;
                self.out.open(b'{')?;
                self.closers = 3;
                self.out.key("eventList")?;
                self.out.open(b'[')?;
            }
            DocumentKind::MasterData => {
                self.out.key("vocabularyList")?;
                self.vocabularies(head.vocabularies.as_deref().unwrap_or_default())?;
                self.closers = 1;
                // Events are not allowed; an empty list keeps `write_event` simple.
                self.out.key("eventList")?;
                self.out.open(b'[')?;
            }
            DocumentKind::Epcis | DocumentKind::Query => {
                self.out.key("eventList")?;
                self.out.open(b'[')?;
            }
        }
        Ok(())
    }

    /// JSON key for a name: prefixed when a prefix exists.
    fn json_name(&self, q: &QName) -> String {
        q.prefixed()
    }

    fn vocabularies(&mut self, list: &[Vocabulary]) -> std::io::Result<()> {
        self.out.open(b'[')?;
        for v in list {
            self.out.sep()?;
            self.out.open(b'{')?;
            self.out.field("type", &v.vocabulary_type)?;
            self.out.key("vocabularyElementList")?;
            self.out.open(b'[')?;
            for el in &v.elements {
                self.out.sep()?;
                self.out.open(b'{')?;
                self.out.field("id", &el.id)?;
                if !el.attributes.is_empty() {
                    self.out.key("attributes")?;
                    self.out.open(b'[')?;
                    for a in &el.attributes {
                        self.out.sep()?;
                        self.out.open(b'{')?;
                        self.out.field("id", &a.id)?;
                        self.out.key("attribute")?;
                        self.ext_value(&a.value)?;
                        self.out.close(b'}')?;
                    }
                    self.out.close(b']')?;
                }
                if !el.children.is_empty() {
                    self.out.key("children")?;
                    self.out.open(b'[')?;
                    for c in &el.children {
                        self.out.elem_string(c)?;
                    }
                    self.out.close(b']')?;
                }
                self.out.close(b'}')?;
            }
            self.out.close(b']')?;
            self.out.close(b'}')?;
        }
        self.out.close(b']')
    }

    /// An XML element tree as JSON (SBDH): attributes as `@name`, text next
    /// to attributes as `#text`, repeated elements as arrays.
    fn tree_object(&mut self, elements: &[Extension]) -> std::io::Result<()> {
        self.out.open(b'{')?;
        let mut done = vec![false; elements.len()];
        for i in 0..elements.len() {
            if done[i] {
                continue;
            }
            let same: Vec<usize> = (i..elements.len())
                .filter(|&j| elements[j].name == elements[i].name)
                .collect();
            self.out.key(&elements[i].name.prefixed())?;
            if same.len() > 1 {
                self.out.open(b'[')?;
                for &j in &same {
                    done[j] = true;
                    self.out.sep()?;
                    self.tree_value(&elements[j])?;
                }
                self.out.close(b']')?;
            } else {
                done[i] = true;
                self.tree_value(&elements[i])?;
            }
        }
        self.out.close(b'}')
    }

    fn tree_value(&mut self, e: &Extension) -> std::io::Result<()> {
        if e.attributes.is_empty() {
            return match &e.value {
                ExtValue::Object(children) => self.tree_object(children),
                v => self.ext_value(v),
            };
        }
        self.out.open(b'{')?;
        for a in &e.attributes {
            self.out
                .field(&format!("@{}", a.name.prefixed()), &a.value)?;
        }
        match &e.value {
            ExtValue::Object(children) => {
                // Inline the children after the attributes.
                let mut done = vec![false; children.len()];
                for i in 0..children.len() {
                    if done[i] {
                        continue;
                    }
                    let same: Vec<usize> = (i..children.len())
                        .filter(|&j| children[j].name == children[i].name)
                        .collect();
                    self.out.key(&children[i].name.prefixed())?;
                    if same.len() > 1 {
                        self.out.open(b'[')?;
                        for &j in &same {
                            done[j] = true;
                            self.out.sep()?;
                            self.tree_value(&children[j])?;
                        }
                        self.out.close(b']')?;
                    } else {
                        done[i] = true;
                        self.tree_value(&children[i])?;
                    }
                }
            }
            v => {
                self.out.key("#text")?;
                self.ext_value(v)?;
            }
        }
        self.out.close(b'}')
    }

    fn ext_value(&mut self, v: &ExtValue) -> std::io::Result<()> {
        match v {
            ExtValue::Text(s) => self.out.string(s),
            ExtValue::Number(n) => self.out.w.write_all(number_token(n).as_bytes()),
            ExtValue::Bool(b) => self.out.w.write_all(if *b { b"true" } else { b"false" }),
            ExtValue::Null => self.out.w.write_all(b"null"),
            ExtValue::Array(items) => {
                self.out.open(b'[')?;
                for i in items {
                    self.out.sep()?;
                    self.ext_value(i)?;
                }
                self.out.close(b']')
            }
            ExtValue::Object(fields) => {
                self.out.open(b'{')?;
                self.extension_fields(fields)?;
                self.out.close(b'}')
            }
        }
    }

    /// Extension fields; repeated names (XML repeated elements) become one array.
    fn extension_fields(&mut self, fields: &[Extension]) -> std::io::Result<()> {
        let mut done = vec![false; fields.len()];
        for i in 0..fields.len() {
            if done[i] {
                continue;
            }
            let f = &fields[i];
            let same: Vec<usize> = (i..fields.len())
                .filter(|&j| fields[j].name == f.name)
                .collect();
            self.out.key(&self.json_name(&f.name))?;
            if same.len() > 1 {
                self.out.open(b'[')?;
                for &j in &same {
                    done[j] = true;
                    self.out.sep()?;
                    self.ext_with_attributes(&fields[j])?;
                }
                self.out.close(b']')?;
            } else {
                done[i] = true;
                self.ext_with_attributes(f)?;
            }
        }
        Ok(())
    }

    fn ext_with_attributes(&mut self, e: &Extension) -> std::io::Result<()> {
        if e.attributes.is_empty() {
            return self.ext_value(&e.value);
        }
        self.out.open(b'{')?;
        for a in &e.attributes {
            let key = if a.name.prefix.is_some() {
                a.name.prefixed()
            } else {
                format!("@{}", a.name.local)
            };
            self.out.field(&key, &a.value)?;
        }
        match &e.value {
            ExtValue::Object(fields) => self.extension_fields(fields)?,
            ExtValue::Text(t) if t.is_empty() => {}
            v => {
                self.out.key("#text")?;
                self.ext_value(v)?;
            }
        }
        self.out.close(b'}')
    }

    fn vocab<'a>(
        &self,
        value: &'a str,
        standard: Option<(&'static str, VocabForm)>,
    ) -> std::borrow::Cow<'a, str> {
        match (self.options.vocab, standard) {
            (VocabStyle::Natural, Some((w, _))) => std::borrow::Cow::Owned(w.to_owned()),
            _ => std::borrow::Cow::Borrowed(value),
        }
    }

    fn epcs(&mut self, key: &str, list: &[crate::epc::Epc]) -> std::io::Result<()> {
        self.out.key(key)?;
        self.out.open(b'[')?;
        for e in list {
            self.out.elem_string(e.as_str())?;
        }
        self.out.close(b']')
    }

    fn quantities(&mut self, key: &str, list: &[QuantityElement]) -> std::io::Result<()> {
        self.out.key(key)?;
        self.out.open(b'[')?;
        for q in list {
            self.out.sep()?;
            self.out.open(b'{')?;
            self.out.field("epcClass", q.epc_class.as_str())?;
            if let Some(n) = &q.quantity {
                self.out.raw_field("quantity", &number_token(n.as_str()))?;
            }
            if let Some(u) = &q.uom {
                self.out.field("uom", u)?;
            }
            self.out.close(b'}')?;
        }
        self.out.close(b']')
    }

    fn location(&mut self, key: &str, l: &Location) -> std::io::Result<()> {
        self.out.key(key)?;
        self.out.open(b'{')?;
        self.out.field("id", l.id.as_str())?;
        self.extension_fields(&l.extensions)?;
        self.out.close(b'}')
    }

    /// Writes one event.
    pub fn write_event(&mut self, e: &Event) -> Result<(), Error> {
        let c = &e.common;
        self.out.sep()?;
        self.out.open(b'{')?;
        // Extension prefixes the document does not declare.
        let mut missing = Vec::new();
        collect_missing(&c.extensions, &self.declared, &mut missing);
        for l in [&c.read_point, &c.biz_location].into_iter().flatten() {
            collect_missing(&l.extensions, &self.declared, &mut missing);
        }
        if let Some(d) = &c.error_declaration {
            collect_missing(&d.extensions, &self.declared, &mut missing);
        }
        for s in &c.sensor_elements {
            collect_missing(&s.extensions, &self.declared, &mut missing);
            if let Some(m) = &s.metadata {
                collect_missing(&m.extensions, &self.declared, &mut missing);
            }
            for r in &s.reports {
                collect_missing(&r.extensions, &self.declared, &mut missing);
            }
        }
        if let EventBody::Object(ObjectEvent { ilmd: Some(i), .. })
        | EventBody::Transformation(TransformationEvent { ilmd: Some(i), .. }) = &e.body
        {
            collect_missing(&i.0, &self.declared, &mut missing);
        }
        if let EventBody::Extended(q) = &e.body {
            if !self.declared.has(q) {
                if let (Some(p), Some(ns)) = (&q.prefix, &q.namespace) {
                    missing.push((p.clone(), ns.clone()));
                }
            }
        }
        if let Some(mut ctx) = self.event_context.take() {
            if !missing.is_empty() {
                let terms = missing
                    .drain(..)
                    .map(|(term, iri)| ContextTerm {
                        term,
                        definition: TermDefinition::Iri(iri),
                    })
                    .collect();
                ctx.push(ContextEntry::Terms(terms));
            }
            if !ctx.is_empty() {
                self.write_context(&ctx)?;
            }
        }
        if !missing.is_empty() {
            let terms = missing
                .into_iter()
                .map(|(term, iri)| ContextTerm {
                    term,
                    definition: TermDefinition::Iri(iri),
                })
                .collect();
            self.write_context(&[ContextEntry::Terms(terms)])?;
        }
        self.out.field("type", &e.type_name())?;
        self.out.field("eventTime", c.event_time.as_str())?;
        self.out
            .field("eventTimeZoneOffset", c.event_time_zone_offset.as_str())?;
        if let Some(t) = &c.record_time {
            self.out.field("recordTime", t.as_str())?;
        }
        if let Some(id) = &c.event_id {
            self.out.field("eventID", id.as_str())?;
        }
        match c.certification_info.as_slice() {
            [] => {}
            [one] => self.out.field("certificationInfo", one.as_str())?,
            many => {
                self.out.key("certificationInfo")?;
                self.out.open(b'[')?;
                for u in many {
                    self.out.elem_string(u.as_str())?;
                }
                self.out.close(b']')?;
            }
        }
        if let Some(d) = &c.error_declaration {
            self.out.key("errorDeclaration")?;
            self.out.open(b'{')?;
            self.out
                .field("declarationTime", d.declaration_time.as_str())?;
            if let Some(r) = &d.reason {
                let v = self.vocab(r.as_str(), r.standard_word().map(|w| (w, r.form())));
                self.out.field("reason", &v)?;
            }
            if !d.corrective_event_ids.is_empty() {
                self.out.key("correctiveEventIDs")?;
                self.out.open(b'[')?;
                for id in &d.corrective_event_ids {
                    self.out.elem_string(id.as_str())?;
                }
                self.out.close(b']')?;
            }
            self.extension_fields(&d.extensions)?;
            self.out.close(b'}')?;
        }
        match &e.body {
            EventBody::Object(o) => {
                if !o.epc_list.is_empty() || o.quantity_list.is_empty() {
                    self.epcs("epcList", &o.epc_list)?;
                }
                self.out.field("action", o.action.as_str())?;
                if !o.quantity_list.is_empty() {
                    self.quantities("quantityList", &o.quantity_list)?;
                }
            }
            EventBody::Aggregation(a) => {
                if let Some(p) = &a.parent_id {
                    self.out.field("parentID", p.as_str())?;
                }
                if !a.child_epcs.is_empty() {
                    self.epcs("childEPCs", &a.child_epcs)?;
                }
                self.out.field("action", a.action.as_str())?;
                if !a.child_quantity_list.is_empty() {
                    self.quantities("childQuantityList", &a.child_quantity_list)?;
                }
            }
            EventBody::Association(a) => {
                self.out.field("parentID", a.parent_id.as_str())?;
                if !a.child_epcs.is_empty() {
                    self.epcs("childEPCs", &a.child_epcs)?;
                }
                self.out.field("action", a.action.as_str())?;
                if !a.child_quantity_list.is_empty() {
                    self.quantities("childQuantityList", &a.child_quantity_list)?;
                }
            }
            EventBody::Transaction(t) => {
                if let Some(p) = &t.parent_id {
                    self.out.field("parentID", p.as_str())?;
                }
                if !t.epc_list.is_empty() || t.quantity_list.is_empty() {
                    self.epcs("epcList", &t.epc_list)?;
                }
                self.out.field("action", t.action.as_str())?;
                if !t.quantity_list.is_empty() {
                    self.quantities("quantityList", &t.quantity_list)?;
                }
            }
            EventBody::Transformation(t) => {
                if !t.input_epc_list.is_empty() {
                    self.epcs("inputEPCList", &t.input_epc_list)?;
                }
                if !t.input_quantity_list.is_empty() {
                    self.quantities("inputQuantityList", &t.input_quantity_list)?;
                }
                if !t.output_epc_list.is_empty() {
                    self.epcs("outputEPCList", &t.output_epc_list)?;
                }
                if !t.output_quantity_list.is_empty() {
                    self.quantities("outputQuantityList", &t.output_quantity_list)?;
                }
                if let Some(id) = &t.transformation_id {
                    self.out.field("transformationID", id.as_str())?;
                }
            }
            EventBody::Extended(_) => {}
        }
        if let Some(b) = &c.biz_step {
            let v = self.vocab(b.as_str(), b.standard_word().map(|w| (w, b.form())));
            self.out.field("bizStep", &v)?;
        }
        if let Some(d) = &c.disposition {
            let v = self.vocab(d.as_str(), d.standard_word().map(|w| (w, d.form())));
            self.out.field("disposition", &v)?;
        }
        if let Some(pd) = &c.persistent_disposition {
            self.out.key("persistentDisposition")?;
            self.out.open(b'{')?;
            for (k, list) in [("set", &pd.set), ("unset", &pd.unset)] {
                if !list.is_empty() {
                    self.out.key(k)?;
                    self.out.open(b'[')?;
                    for d in list {
                        let v = self.vocab(d.as_str(), d.standard_word().map(|w| (w, d.form())));
                        self.out.elem_string(&v)?;
                    }
                    self.out.close(b']')?;
                }
            }
            self.out.close(b'}')?;
        }
        if let Some(l) = &c.read_point {
            self.location("readPoint", l)?;
        }
        if let Some(l) = &c.biz_location {
            self.location("bizLocation", l)?;
        }
        if !c.biz_transactions.is_empty() {
            self.out.key("bizTransactionList")?;
            self.out.open(b'[')?;
            for bt in &c.biz_transactions {
                self.out.sep()?;
                self.out.open(b'{')?;
                if let Some(t) = &bt.transaction_type {
                    let v = self.vocab(t.as_str(), t.standard_word().map(|w| (w, t.form())));
                    self.out.field("type", &v)?;
                }
                self.out.field("bizTransaction", bt.id.as_str())?;
                self.out.close(b'}')?;
            }
            self.out.close(b']')?;
        }
        for (key, inner, list) in [
            ("sourceList", "source", &c.sources),
            ("destinationList", "destination", &c.destinations),
        ] {
            if !list.is_empty() {
                self.out.key(key)?;
                self.out.open(b'[')?;
                for sd in list {
                    self.out.sep()?;
                    self.out.open(b'{')?;
                    let v = self.vocab(
                        sd.kind.as_str(),
                        sd.kind.standard_word().map(|w| (w, sd.kind.form())),
                    );
                    self.out.field("type", &v)?;
                    self.out.field(inner, sd.id.as_str())?;
                    self.out.close(b'}')?;
                }
                self.out.close(b']')?;
            }
        }
        if !c.sensor_elements.is_empty() {
            self.out.key("sensorElementList")?;
            self.out.open(b'[')?;
            for se in &c.sensor_elements {
                self.sensor_element(se)?;
            }
            self.out.close(b']')?;
        }
        if let EventBody::Object(ObjectEvent { ilmd: Some(i), .. })
        | EventBody::Transformation(TransformationEvent { ilmd: Some(i), .. }) = &e.body
        {
            self.out.key("ilmd")?;
            self.out.open(b'{')?;
            self.extension_fields(&i.0)?;
            self.out.close(b'}')?;
        }
        self.extension_fields(&c.extensions)?;
        self.out.close(b'}')?;
        Ok(())
    }

    fn sensor_element(&mut self, se: &SensorElement) -> std::io::Result<()> {
        self.out.sep()?;
        self.out.open(b'{')?;
        if let Some(m) = &se.metadata {
            self.out.key("sensorMetadata")?;
            self.out.open(b'{')?;
            for (k, t) in [
                ("time", &m.time),
                ("startTime", &m.start_time),
                ("endTime", &m.end_time),
            ] {
                if let Some(t) = t {
                    self.out.field(k, t.as_str())?;
                }
            }
            for (k, u) in [
                ("deviceID", &m.device_id),
                ("deviceMetadata", &m.device_metadata),
                ("rawData", &m.raw_data),
                ("dataProcessingMethod", &m.data_processing_method),
                ("bizRules", &m.biz_rules),
            ] {
                if let Some(u) = u {
                    self.out.field(k, u.as_str())?;
                }
            }
            self.extension_fields(&m.extensions)?;
            self.out.close(b'}')?;
        }
        self.out.key("sensorReport")?;
        self.out.open(b'[')?;
        for r in &se.reports {
            self.out.sep()?;
            self.out.open(b'{')?;
            if let Some(t) = &r.measurement_type {
                let v = self.vocab(t.as_str(), t.standard_word().map(|w| (w, t.form())));
                self.out.field("type", &v)?;
            }
            if let Some(t) = &r.exception {
                let v = self.vocab(t.as_str(), t.standard_word().map(|w| (w, t.form())));
                self.out.field("exception", &v)?;
            }
            for (k, u) in [
                ("deviceID", &r.device_id),
                ("deviceMetadata", &r.device_metadata),
                ("rawData", &r.raw_data),
                ("dataProcessingMethod", &r.data_processing_method),
                ("bizRules", &r.biz_rules),
            ] {
                if let Some(u) = u {
                    self.out.field(k, u.as_str())?;
                }
            }
            if let Some(t) = &r.time {
                self.out.field("time", t.as_str())?;
            }
            for (k, u) in [
                ("microorganism", &r.microorganism),
                ("chemicalSubstance", &r.chemical_substance),
                ("coordinateReferenceSystem", &r.coordinate_reference_system),
            ] {
                if let Some(u) = u {
                    self.out.field(k, u.as_str())?;
                }
            }
            if let Some(v) = &r.value {
                self.out.raw_field("value", &number_token(v.as_str()))?;
            }
            if let Some(c) = &r.component {
                let v = self.vocab(c.as_str(), c.standard_word().map(|w| (w, c.form())));
                self.out.field("component", &v)?;
            }
            if let Some(s) = &r.string_value {
                self.out.field("stringValue", s)?;
            }
            if let Some(b) = r.boolean_value {
                self.out
                    .raw_field("booleanValue", if b { "true" } else { "false" })?;
            }
            if let Some(s) = &r.hex_binary_value {
                self.out.field("hexBinaryValue", s)?;
            }
            if let Some(u) = &r.uri_value {
                self.out.field("uriValue", u.as_str())?;
            }
            for (k, v) in [
                ("minValue", &r.min_value),
                ("maxValue", &r.max_value),
                ("meanValue", &r.mean_value),
                ("sDev", &r.s_dev),
                ("percRank", &r.perc_rank),
                ("percValue", &r.perc_value),
            ] {
                if let Some(v) = v {
                    self.out.raw_field(k, &number_token(v.as_str()))?;
                }
            }
            if let Some(u) = &r.uom {
                self.out.field("uom", u)?;
            }
            self.extension_fields(&r.extensions)?;
            self.out.close(b'}')?;
        }
        self.out.close(b']')?;
        self.extension_fields(&se.extensions)?;
        self.out.close(b'}')
    }

    /// Closes the event list and the document; `tail` carries content that
    /// a streaming reader only learned after the events (query results'
    /// vocabulary list).
    pub fn finish(mut self, tail: Option<&DocumentHead>) -> Result<W, Error> {
        self.out.close(b']')?;
        if self.head.kind != DocumentKind::MasterData {
            let vocab = tail
                .and_then(|t| t.vocabularies.clone())
                .or_else(|| self.head.vocabularies.clone());
            if let Some(v) = vocab {
                self.out.key("vocabularyList")?;
                self.vocabularies(&v)?;
            }
        }
        for _ in 0..self.closers {
            self.out.close(b'}')?;
        }
        self.out.close(b'}')?;
        if self.options.pretty {
            self.out.w.write_all(b"\n")?;
        }
        self.out.w.flush()?;
        Ok(self.out.w)
    }
}
