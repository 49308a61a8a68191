//! Streaming XML writer for EPCIS 2.0 and 1.2.

use crate::document::*;
use crate::error::Error;
use crate::event::*;
use crate::ext::{ExtValue, Extension, QName, XSI_NS};
use crate::vocab::VocabForm;
use crate::write::{VocabStyle, WriteOptions};
use std::borrow::Cow;
use std::io::Write;

/// Which EPCIS XML version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlVersion {
    /// EPCIS 2.0 (`urn:epcglobal:epcis:xsd:2`).
    V2,
    /// EPCIS 1.2 (`urn:epcglobal:epcis:xsd:1`), with 2.0-only content in
    /// the `extension` elements where GS1's mapping puts it.
    V12,
}

fn escape(s: &str, attr: bool) -> Cow<'_, str> {
    if !s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\n' | b'\r' | b'\t'))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Streaming XML writer: head, then events, then [`XmlWriter::finish`].
pub struct XmlWriter<W: Write> {
    w: W,
    version: XmlVersion,
    options: WriteOptions,
    depth: usize,
    head: DocumentHead,
    /// Prefix bindings declared on the root.
    declared: Vec<(String, String)>,
    /// Closing tags after the event list.
    closers: Vec<&'static str>,
    root_tag: String,
    /// `xmlns` attributes for the next event element (a bare event).
    event_decls: Option<String>,
    /// A default namespace the root declares that is not EPCIS's.
    root_default: Option<String>,
}

impl<W: Write> XmlWriter<W> {
    /// Writes the head and opens the event list.
    pub fn new(
        w: W,
        head: &DocumentHead,
        version: XmlVersion,
        options: WriteOptions,
    ) -> Result<Self, Error> {
        let mut x = XmlWriter {
            w,
            version,
            options,
            depth: 0,
            head: head.clone(),
            declared: Vec::new(),
            closers: Vec::new(),
            root_tag: String::new(),
            event_decls: None,
            root_default: None,
        };
        x.write_head()?;
        Ok(x)
    }

    /// Writes a single event element outside a document.
    pub fn write_bare_event(
        w: W,
        event: &Event,
        namespaces: &[crate::ext::Namespace],
        version: XmlVersion,
        options: WriteOptions,
    ) -> Result<W, Error> {
        let mut x = XmlWriter {
            w,
            version,
            options,
            depth: 0,
            head: DocumentHead::new(DocumentKind::Epcis),
            declared: Vec::new(),
            closers: Vec::new(),
            root_tag: String::new(),
            event_decls: None,
            root_default: None,
        };
        x.w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        let mut decls = String::new();
        let mut add = |x: &mut Self, p: &str, u: &str| {
            if !x.declared.iter().any(|(k, _)| k == p) {
                decls.push_str(&format!(" xmlns:{p}=\"{}\"", escape(u, true)));
                x.declared.push((p.to_owned(), u.to_owned()));
            }
        };
        // The EPCIS namespace marks the schema, as on a document's root: a
        // bare event has no `schemaVersion`. Declarations of either EPCIS
        // namespace are kept, bound to the target's.
        let epcis_ns = match version {
            XmlVersion::V2 => EPCIS2_NS,
            XmlVersion::V12 => EPCIS1_NS,
        };
        // Declarations are kept as read; only when the target's EPCIS
        // namespace is not among them is the other version's rebound to it
        // (or, for 1.2, `epcis` declared).
        let has_target = namespaces.iter().any(|n| n.uri == epcis_ns);
        let mut marked = has_target;
        for n in namespaces {
            if !n.prefix.is_empty() {
                if !has_target && matches!(n.uri.as_str(), EPCIS1_NS | EPCIS2_NS) {
                    marked = true;
                    add(&mut x, &n.prefix, epcis_ns);
                } else {
                    add(&mut x, &n.prefix, &n.uri);
                }
            }
        }
        // 2.0 is what a bare event without an EPCIS namespace is read as;
        // 1.2 must say so.
        if !marked && version == XmlVersion::V12 {
            add(&mut x, "epcis", epcis_ns);
        }
        x.event_decls = Some(decls);
        x.write_event(event)?;
        if options.pretty {
            x.w.write_all(b"\n")?;
        }
        x.w.flush()?;
        Ok(x.w)
    }

    fn nl(&mut self) -> std::io::Result<()> {
        if self.options.pretty {
            self.w.write_all(b"\n")?;
            for _ in 0..self.depth {
                self.w.write_all(b"  ")?;
            }
        }
        Ok(())
    }

    fn open(&mut self, tag: &str) -> std::io::Result<()> {
        self.nl()?;
        write!(self.w, "<{tag}>")?;
        self.depth += 1;
        Ok(())
    }

    fn close(&mut self, tag: &str) -> std::io::Result<()> {
        self.depth -= 1;
        self.nl()?;
        write!(self.w, "</{tag}>")
    }

    fn leaf(&mut self, tag: &str, text: &str) -> std::io::Result<()> {
        self.nl()?;
        write!(self.w, "<{tag}>{}</{tag}>", escape(text, false))
    }

    fn ns_of(&self) -> (&'static str, &'static str) {
        match self.version {
            XmlVersion::V2 => (EPCIS2_NS, EPCIS2_QUERY_NS),
            XmlVersion::V12 => (EPCIS1_NS, EPCIS1_QUERY_NS),
        }
    }

    fn write_head(&mut self) -> Result<(), Error> {
        let head = self.head.clone();
        let (epcis_ns, query_ns) = self.ns_of();
        let md_ns = if self.version == XmlVersion::V2 {
            EPCIS2_MD_NS
        } else {
            EPCIS1_MD_NS
        };
        let (root, prefix, ns): (&str, &str, &str) = match head.kind {
            DocumentKind::Epcis => ("epcis:EPCISDocument", "epcis", epcis_ns),
            DocumentKind::Query => ("epcisq:EPCISQueryDocument", "epcisq", query_ns),
            DocumentKind::MasterData => ("epcismd:EPCISMasterDataDocument", "epcismd", md_ns),
        };
        // Keep the document's own declarations (and its prefix for the root
        // namespace) so that a written document reads back with the same
        // namespaces; add only what is missing.
        // Written in the dialect it was read in, the root keeps its
        // namespace and prefix and every declaration is kept; converted
        // between 1.x and 2.0, the other version's namespaces are dropped.
        let v1 = [EPCIS1_NS, EPCIS1_QUERY_NS, EPCIS1_MD_NS];
        let v2 = [EPCIS2_NS, EPCIS2_QUERY_NS, EPCIS2_MD_NS];
        let target = if self.version == XmlVersion::V2 {
            v2
        } else {
            v1
        };
        let read_root = head
            .xml_root
            .as_ref()
            .filter(|q| q.namespace.as_deref().is_some_and(|u| target.contains(&u)));
        let (ns, prefix): (&str, String) = match read_root {
            Some(q) => (
                q.namespace.as_deref().unwrap_or(ns),
                q.prefix.clone().unwrap_or_default(),
            ),
            None => (
                ns,
                head.namespaces
                    .iter()
                    .find(|n| n.uri == ns && !n.prefix.is_empty())
                    .map(|n| n.prefix.clone())
                    .unwrap_or_else(|| prefix.to_owned()),
            ),
        };
        let family: &[&str] = if read_root.is_some() {
            &[]
        } else if self.version == XmlVersion::V2 {
            &v1
        } else {
            &v2
        };
        let local = root.split(':').nth(1).unwrap_or(root);
        self.root_tag = if prefix.is_empty() {
            local.to_owned()
        } else {
            format!("{prefix}:{local}")
        };
        self.w
            .write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        if self.options.pretty {
            self.w.write_all(b"\n")?;
        }
        write!(self.w, "<{}", self.root_tag)?;
        let mut decls: Vec<(String, String)> = Vec::new();
        if !head
            .namespaces
            .iter()
            .any(|n| n.prefix == prefix && n.uri == ns)
        {
            decls.push((prefix.clone(), ns.to_owned()));
        }
        for n in &head.namespaces {
            let foreign_epcis = family.contains(&n.uri.as_str());
            let clash = n.prefix == prefix && n.uri != ns;
            if !foreign_epcis && !clash {
                decls.push((n.prefix.clone(), n.uri.clone()));
            }
        }
        for c in &head.contexts {
            if let ContextEntry::Terms(terms) = c {
                for t in terms {
                    if let TermDefinition::Iri(iri) = &t.definition {
                        if !t.term.contains(':')
                            && !t.term.starts_with('@')
                            && t.term
                                .chars()
                                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
                        {
                            decls.push((t.term.clone(), iri.clone()));
                        }
                    }
                }
            }
        }
        for (p, u) in decls {
            if self.declared.iter().any(|(q, _)| *q == p) {
                continue;
            }
            if p.is_empty() {
                if !u.starts_with("urn:epcglobal:epcis") {
                    self.root_default = Some(u.clone());
                }
                write!(self.w, " xmlns=\"{}\"", escape(&u, true))?;
            } else {
                write!(self.w, " xmlns:{p}=\"{}\"", escape(&u, true))?;
            }
            self.declared.push((p, u));
        }
        // The version of the other major release is replaced (a
        // conversion); otherwise it is kept as written.
        // In the dialect it was read in, the version is kept as written;
        // otherwise (a conversion, or a document from JSON) it is the
        // target's unless it already names the target's major version.
        let (major, default) = if self.version == XmlVersion::V2 {
            ('2', "2.0")
        } else {
            ('1', "1.2")
        };
        let version = match (read_root.is_some(), head.schema_version.as_deref()) {
            (true, v) => v.map(str::to_owned),
            (false, Some(v)) if v.starts_with(major) => Some(v.to_owned()),
            (false, _) => Some(default.to_owned()),
        };
        if let Some(version) = version {
            write!(self.w, " schemaVersion=\"{}\"", escape(&version, true))?;
        }
        if let Some(t) = &head.creation_date {
            write!(self.w, " creationDate=\"{}\"", escape(t.as_str(), true))?;
        }
        for a in &head.xml_root_attributes {
            if let (Some(p), Some(ns)) = (&a.name.prefix, &a.name.namespace) {
                if !self.declared.iter().any(|(q, _)| q == p) {
                    write!(self.w, " xmlns:{p}=\"{}\"", escape(ns, true))?;
                    self.declared.push((p.clone(), ns.clone()));
                }
            }
            write!(
                self.w,
                " {}=\"{}\"",
                a.name.prefixed(),
                escape(&a.value, true)
            )?;
        }
        self.w.write_all(b">")?;
        self.depth = 1;
        if !head.header.is_empty() {
            if self.root_default.is_some() {
                // The root's default namespace is not EPCIS's: reset it.
                self.nl()?;
                self.w.write_all(b"<EPCISHeader xmlns=\"\">")?;
                self.depth += 1;
            } else {
                self.open("EPCISHeader")?;
            }
            if let Some(sbdh) = &head.header.sbdh {
                let name = QName::new(SBDH_NS, "sbdh", "StandardBusinessDocumentHeader");
                let ext = Extension::new(name, ExtValue::Object(sbdh.elements.clone()));
                self.extension(&ext, None)?;
            }
            if let Some(md) = &head.header.master_data {
                self.open("extension")?;
                self.open("EPCISMasterData")?;
                self.vocabulary_list(md)?;
                self.close("EPCISMasterData")?;
                self.close("extension")?;
            }
            for e in &head.header.extensions {
                self.extension(e, None)?;
            }
            self.close("EPCISHeader")?;
        }
        if self.root_default.is_some() {
            self.nl()?;
            self.w.write_all(b"<EPCISBody xmlns=\"\">")?;
            self.depth += 1;
        } else {
            self.open("EPCISBody")?;
        }
        self.closers.push("EPCISBody");
        match head.kind {
            DocumentKind::Epcis => {
                self.open("EventList")?;
                self.closers.push("EventList");
            }
            DocumentKind::Query => {
                if let Some(poll) = &head.poll {
                    self.open("epcisq:Poll")?;
                    if let Some(n) = &poll.query_name {
                        self.leaf("queryName", n)?;
                    }
                    self.open("params")?;
                    for p in &poll.params {
                        self.open("param")?;
                        self.leaf("name", &p.name)?;
                        match &p.value {
                            QueryValue::Missing => {}
                            QueryValue::Scalar(v) => {
                                self.leaf("value", v.as_text().unwrap_or_default())?
                            }
                            QueryValue::List(items) => {
                                self.nl()?;
                                self.w
                                    .write_all(b"<value xsi:type=\"epcisq:ArrayOfString\">")?;
                                self.depth += 1;
                                for i in items {
                                    self.leaf("string", i)?;
                                }
                                self.close("value")?;
                            }
                        }
                        self.close("param")?;
                    }
                    self.close("params")?;
                    self.close("epcisq:Poll")?;
                } else if head.query_results.is_none() {
                    self.open("EventList")?;
                    self.closers.push("EventList");
                } else {
                    self.open("epcisq:QueryResults")?;
                    let qr = head.query_results.clone().unwrap_or_default();
                    if let Some(n) = &qr.query_name {
                        self.leaf("queryName", n)?;
                    }
                    if let Some(s) = &qr.subscription_id {
                        self.leaf("subscriptionID", s)?;
                    }
                    self.open("resultsBody")?;
                    self.open("EventList")?;
                    self.closers
                        .extend(["epcisq:QueryResults", "resultsBody", "EventList"]);
                }
            }
            DocumentKind::MasterData => {
                self.vocabulary_list(head.vocabularies.as_deref().unwrap_or_default())?;
            }
        }
        Ok(())
    }

    fn vocabulary_list(&mut self, list: &[Vocabulary]) -> std::io::Result<()> {
        self.open("VocabularyList")?;
        for v in list {
            self.nl()?;
            write!(
                self.w,
                "<Vocabulary type=\"{}\">",
                escape(&v.vocabulary_type, true)
            )?;
            self.depth += 1;
            self.open("VocabularyElementList")?;
            for el in &v.elements {
                self.nl()?;
                write!(
                    self.w,
                    "<VocabularyElement id=\"{}\">",
                    escape(&el.id, true)
                )?;
                self.depth += 1;
                for a in &el.attributes {
                    self.nl()?;
                    match &a.value {
                        ExtValue::Object(children) => {
                            write!(self.w, "<attribute id=\"{}\">", escape(&a.id, true))?;
                            self.depth += 1;
                            for c in children {
                                self.extension(c, None)?;
                            }
                            self.close("attribute")?;
                        }
                        v => write!(
                            self.w,
                            "<attribute id=\"{}\">{}</attribute>",
                            escape(&a.id, true),
                            escape(v.as_text().unwrap_or_default(), false)
                        )?,
                    }
                }
                if !el.children.is_empty() {
                    self.open("children")?;
                    for c in &el.children {
                        self.leaf("id", c)?;
                    }
                    self.close("children")?;
                }
                self.close("VocabularyElement")?;
            }
            self.close("VocabularyElementList")?;
            self.close("Vocabulary")?;
        }
        self.close("VocabularyList")
    }

    /// The `xmlns` attributes an element named `q` needs, given the default
    /// namespace in effect; returns the new default namespace.
    fn ns_attrs(&self, q: &QName, default_ns: Option<&str>, out: &mut String) -> Option<String> {
        match (&q.prefix, &q.namespace) {
            (Some(p), Some(ns)) => {
                if !self.declared.iter().any(|(k, v)| k == p && v == ns) {
                    out.push_str(&format!(" xmlns:{p}=\"{}\"", escape(ns, true)));
                }
                default_ns.map(str::to_owned)
            }
            (None, Some(ns)) => {
                if default_ns != Some(ns.as_str()) {
                    out.push_str(&format!(" xmlns=\"{}\"", escape(ns, true)));
                }
                Some(ns.clone())
            }
            (None, None) => {
                if default_ns.is_some() {
                    out.push_str(" xmlns=\"\"");
                }
                None
            }
            (Some(_), None) => default_ns.map(str::to_owned),
        }
    }

    fn extension(&mut self, e: &Extension, default_ns: Option<&str>) -> std::io::Result<()> {
        if let ExtValue::Array(items) = &e.value {
            for i in items {
                let one = Extension {
                    name: e.name.clone(),
                    attributes: e.attributes.clone(),
                    value: i.clone(),
                };
                self.extension(&one, default_ns)?;
            }
            return Ok(());
        }
        let tag = e.name.prefixed();
        let mut attrs = String::new();
        let inner_default = self.ns_attrs(&e.name, default_ns, &mut attrs);
        for a in &e.attributes {
            if let (Some(p), Some(ns)) = (&a.name.prefix, &a.name.namespace) {
                if !self.declared.iter().any(|(k, v)| k == p && v == ns)
                    && !attrs.contains(&format!("xmlns:{p}="))
                {
                    attrs.push_str(&format!(" xmlns:{p}=\"{}\"", escape(ns, true)));
                }
            }
            attrs.push_str(&format!(
                " {}=\"{}\"",
                a.name.prefixed(),
                escape(&a.value, true)
            ));
        }
        let xsi = if self.declared.iter().any(|(k, v)| k == "xsi" && v == XSI_NS) {
            ""
        } else {
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        };
        self.nl()?;
        match &e.value {
            ExtValue::Text(t) => {
                if t.is_empty() {
                    write!(self.w, "<{tag}{attrs}/>")
                } else {
                    write!(self.w, "<{tag}{attrs}>{}</{tag}>", escape(t, false))
                }
            }
            ExtValue::Number(n) => {
                let ty = if n.contains(['.', 'e', 'E']) {
                    "xsd:decimal"
                } else {
                    "xsd:integer"
                };
                let ty = if n.contains(['e', 'E']) {
                    "xsd:double"
                } else {
                    ty
                };
                write!(
                    self.w,
                    "<{tag}{attrs}{xsi} xsi:type=\"{ty}\">{}</{tag}>",
                    escape(n, false)
                )
            }
            ExtValue::Bool(b) => write!(
                self.w,
                "<{tag}{attrs}{xsi} xsi:type=\"xsd:boolean\">{b}</{tag}>"
            ),
            ExtValue::Null => write!(self.w, "<{tag}{attrs}{xsi} xsi:nil=\"true\"/>"),
            ExtValue::Object(children) => {
                // JSON `@name` keys are attributes, `#text` is text.
                let mut attr_text = String::new();
                let mut text = None;
                let mut elements = Vec::new();
                for c in children {
                    if c.name.prefix.is_none()
                        && c.name.local.starts_with('@')
                        && c.value.as_text().is_some()
                    {
                        attr_text.push_str(&format!(
                            " {}=\"{}\"",
                            &c.name.local[1..],
                            escape(c.value.as_text().unwrap_or_default(), true)
                        ));
                    } else if c.name.namespace.as_deref() == Some(XSI_NS)
                        && matches!(c.name.local.as_str(), "type" | "nil")
                        && c.attributes.is_empty()
                        && matches!(c.value, ExtValue::Text(_))
                    {
                        // `xsi:type`/`xsi:nil` keys from JSON are XML attributes.
                        if !self.declared.iter().any(|(k, v)| k == "xsi" && v == XSI_NS)
                            && !attrs.contains("xmlns:xsi=")
                            && !attr_text.contains("xmlns:xsi=")
                        {
                            attr_text.push_str(&format!(" xmlns:xsi=\"{XSI_NS}\""));
                        }
                        attr_text.push_str(&format!(
                            " xsi:{}=\"{}\"",
                            c.name.local,
                            escape(c.value.as_text().unwrap_or_default(), true)
                        ));
                    } else if c.name.prefix.is_none() && c.name.local == "#text" {
                        text = c.value.as_text();
                    } else {
                        elements.push(c);
                    }
                }
                if elements.is_empty() {
                    return match text {
                        Some(t) => write!(
                            self.w,
                            "<{tag}{attrs}{attr_text}>{}</{tag}>",
                            escape(t, false)
                        ),
                        None => write!(self.w, "<{tag}{attrs}{attr_text}/>"),
                    };
                }
                write!(self.w, "<{tag}{attrs}{attr_text}>")?;
                self.depth += 1;
                for c in elements {
                    self.extension(c, inner_default.as_deref())?;
                }
                self.close(&tag)
            }
            ExtValue::Array(_) => Ok(()),
        }
    }

    fn vocab<'a>(
        &self,
        value: &'a str,
        standard: Option<&'static str>,
        urn: Option<Cow<'a, str>>,
        web: Cow<'a, str>,
    ) -> Cow<'a, str> {
        let natural = match urn {
            Some(u) => u,
            None => web,
        };
        match (self.options.vocab, standard) {
            (VocabStyle::Natural, Some(_)) => natural,
            // XML has no bare words.
            (VocabStyle::Preserve, Some(w)) if w == value => natural,
            _ => Cow::Borrowed(value),
        }
    }

    fn epc_list(&mut self, tag: &str, list: &[crate::epc::Epc]) -> std::io::Result<()> {
        if list.is_empty() {
            self.nl()?;
            return write!(self.w, "<{tag}/>");
        }
        self.open(tag)?;
        for e in list {
            self.leaf("epc", e.as_str())?;
        }
        self.close(tag)
    }

    fn quantity_list(&mut self, tag: &str, list: &[QuantityElement]) -> std::io::Result<()> {
        self.open(tag)?;
        for q in list {
            self.open("quantityElement")?;
            self.leaf("epcClass", q.epc_class.as_str())?;
            if let Some(n) = &q.quantity {
                self.leaf("quantity", n.as_str())?;
            }
            if let Some(u) = &q.uom {
                self.leaf("uom", u)?;
            }
            self.close("quantityElement")?;
        }
        self.close(tag)
    }

    fn location(&mut self, tag: &str, l: &Location) -> std::io::Result<()> {
        self.open(tag)?;
        self.leaf("id", l.id.as_str())?;
        for e in &l.extensions {
            self.extension(e, None)?;
        }
        self.close(tag)
    }

    fn biz_transactions(&mut self, list: &[BizTransaction]) -> std::io::Result<()> {
        self.open("bizTransactionList")?;
        for bt in list {
            self.nl()?;
            match &bt.transaction_type {
                Some(t) => {
                    let v = self.vocab(
                        t.as_str(),
                        t.standard_word(),
                        Some(t.to_form(VocabForm::Urn)),
                        t.to_form(VocabForm::WebUri),
                    );
                    write!(
                        self.w,
                        "<bizTransaction type=\"{}\">{}</bizTransaction>",
                        escape(&v, true),
                        escape(bt.id.as_str(), false)
                    )?;
                }
                None => write!(
                    self.w,
                    "<bizTransaction>{}</bizTransaction>",
                    escape(bt.id.as_str(), false)
                )?,
            }
        }
        self.close("bizTransactionList")
    }

    fn source_dest(
        &mut self,
        list_tag: &str,
        tag: &str,
        list: &[SourceDest],
    ) -> std::io::Result<()> {
        self.open(list_tag)?;
        for sd in list {
            self.nl()?;
            let k = &sd.kind;
            let v = self.vocab(
                k.as_str(),
                k.standard_word(),
                Some(k.to_form(VocabForm::Urn)),
                k.to_form(VocabForm::WebUri),
            );
            write!(
                self.w,
                "<{tag} type=\"{}\">{}</{tag}>",
                escape(&v, true),
                escape(sd.id.as_str(), false)
            )?;
        }
        self.close(list_tag)
    }

    fn persistent_disposition(&mut self, pd: &PersistentDisposition) -> std::io::Result<()> {
        self.open("persistentDisposition")?;
        for (tag, list) in [("unset", &pd.unset), ("set", &pd.set)] {
            for d in list {
                let v = self.vocab(
                    d.as_str(),
                    d.standard_word(),
                    Some(d.to_form(VocabForm::Urn)),
                    d.to_form(VocabForm::WebUri),
                );
                self.leaf(tag, &v)?;
            }
        }
        self.close("persistentDisposition")
    }

    fn error_declaration(&mut self, d: &ErrorDeclaration) -> std::io::Result<()> {
        self.open("errorDeclaration")?;
        self.leaf("declarationTime", d.declaration_time.as_str())?;
        if let Some(r) = &d.reason {
            let v = self.vocab(
                r.as_str(),
                r.standard_word(),
                Some(r.to_form(VocabForm::Urn)),
                r.to_form(VocabForm::WebUri),
            );
            self.leaf("reason", &v)?;
        }
        if !d.corrective_event_ids.is_empty() {
            self.open("correctiveEventIDs")?;
            for id in &d.corrective_event_ids {
                self.leaf("correctiveEventID", id.as_str())?;
            }
            self.close("correctiveEventIDs")?;
        }
        for e in &d.extensions {
            self.extension(e, None)?;
        }
        self.close("errorDeclaration")
    }

    fn attr(&mut self, out: &mut String, name: &str, v: &str) {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape(v, true));
        out.push('"');
    }

    fn sensor_elements(&mut self, list: &[SensorElement]) -> std::io::Result<()> {
        self.open("sensorElementList")?;
        for se in list {
            self.open("sensorElement")?;
            if let Some(m) = &se.metadata {
                let mut a = String::new();
                for (k, t) in [
                    ("time", &m.time),
                    ("startTime", &m.start_time),
                    ("endTime", &m.end_time),
                ] {
                    if let Some(t) = t {
                        self.attr(&mut a, k, t.as_str());
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
                        self.attr(&mut a, k, u.as_str());
                    }
                }
                let children = self.ext_attrs(&m.extensions, &mut a);
                self.element_with("sensorMetadata", &a, &children)?;
            }
            for r in &se.reports {
                let mut a = String::new();
                if let Some(t) = &r.measurement_type {
                    let v = self.vocab(
                        t.as_str(),
                        t.standard_word(),
                        None,
                        t.to_form(VocabForm::WebUri),
                    );
                    self.attr(&mut a, "type", &v);
                }
                if let Some(t) = &r.exception {
                    let v = self.vocab(
                        t.as_str(),
                        t.standard_word(),
                        None,
                        t.to_form(VocabForm::WebUri),
                    );
                    self.attr(&mut a, "exception", &v);
                }
                for (k, u) in [
                    ("deviceID", &r.device_id),
                    ("deviceMetadata", &r.device_metadata),
                    ("rawData", &r.raw_data),
                    ("dataProcessingMethod", &r.data_processing_method),
                    ("bizRules", &r.biz_rules),
                ] {
                    if let Some(u) = u {
                        self.attr(&mut a, k, u.as_str());
                    }
                }
                if let Some(t) = &r.time {
                    self.attr(&mut a, "time", t.as_str());
                }
                for (k, u) in [
                    ("microorganism", &r.microorganism),
                    ("chemicalSubstance", &r.chemical_substance),
                    ("coordinateReferenceSystem", &r.coordinate_reference_system),
                ] {
                    if let Some(u) = u {
                        self.attr(&mut a, k, u.as_str());
                    }
                }
                if let Some(v) = &r.value {
                    self.attr(&mut a, "value", v.as_str());
                }
                if let Some(c) = &r.component {
                    let v = self.vocab(
                        c.as_str(),
                        c.standard_word(),
                        None,
                        c.to_form(VocabForm::WebUri),
                    );
                    self.attr(&mut a, "component", &v);
                }
                if let Some(s) = &r.string_value {
                    self.attr(&mut a, "stringValue", s);
                }
                if let Some(b) = r.boolean_value {
                    self.attr(&mut a, "booleanValue", if b { "true" } else { "false" });
                }
                if let Some(s) = &r.hex_binary_value {
                    self.attr(&mut a, "hexBinaryValue", s);
                }
                if let Some(u) = &r.uri_value {
                    self.attr(&mut a, "uriValue", u.as_str());
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
                        self.attr(&mut a, k, v.as_str());
                    }
                }
                if let Some(u) = &r.uom {
                    self.attr(&mut a, "uom", u);
                }
                let children = self.ext_attrs(&r.extensions, &mut a);
                self.element_with("sensorReport", &a, &children)?;
            }
            for e in &se.extensions {
                self.extension(e, None)?;
            }
            self.close("sensorElement")?;
        }
        self.close("sensorElementList")
    }

    /// Text-valued extensions become attributes; returns the others.
    fn ext_attrs<'e>(&mut self, exts: &'e [Extension], a: &mut String) -> Vec<&'e Extension> {
        let mut rest = Vec::new();
        for e in exts {
            match (&e.value, e.attributes.is_empty(), &e.name.prefix) {
                (ExtValue::Text(t), true, None) if e.name.namespace.is_none() => {
                    self.attr(a, &e.name.local, t);
                }
                (ExtValue::Text(t), true, Some(p)) => {
                    if let Some(ns) = &e.name.namespace {
                        if !self.declared.iter().any(|(k, v)| k == p && v == ns)
                            && !a.contains(&format!("xmlns:{p}="))
                        {
                            a.push_str(&format!(" xmlns:{p}=\"{}\"", escape(ns, true)));
                        }
                    }
                    self.attr(a, &e.name.prefixed(), t);
                }
                _ => rest.push(e),
            }
        }
        rest
    }

    fn element_with(
        &mut self,
        tag: &str,
        attrs: &str,
        children: &[&Extension],
    ) -> std::io::Result<()> {
        self.nl()?;
        if children.is_empty() {
            return write!(self.w, "<{tag}{attrs}/>");
        }
        write!(self.w, "<{tag}{attrs}>")?;
        self.depth += 1;
        for c in children {
            self.extension(c, None)?;
        }
        self.close(tag)
    }

    /// Writes one event.
    pub fn write_event(&mut self, e: &Event) -> Result<(), Error> {
        match self.version {
            XmlVersion::V2 => self.event_v2(e)?,
            XmlVersion::V12 => self.event_v12(e)?,
        }
        Ok(())
    }

    fn common_head(&mut self, c: &EventCommon) -> std::io::Result<()> {
        self.leaf("eventTime", c.event_time.as_str())?;
        if let Some(t) = &c.record_time {
            self.leaf("recordTime", t.as_str())?;
        }
        self.leaf("eventTimeZoneOffset", c.event_time_zone_offset.as_str())
    }

    fn why_where(&mut self, c: &EventCommon, with_transactions: bool) -> std::io::Result<()> {
        if let Some(b) = &c.biz_step {
            let v = self.vocab(
                b.as_str(),
                b.standard_word(),
                Some(b.to_form(VocabForm::Urn)),
                b.to_form(VocabForm::WebUri),
            );
            self.leaf("bizStep", &v)?;
        }
        if let Some(d) = &c.disposition {
            let v = self.vocab(
                d.as_str(),
                d.standard_word(),
                Some(d.to_form(VocabForm::Urn)),
                d.to_form(VocabForm::WebUri),
            );
            self.leaf("disposition", &v)?;
        }
        if let Some(l) = &c.read_point {
            self.location("readPoint", l)?;
        }
        if let Some(l) = &c.biz_location {
            self.location("bizLocation", l)?;
        }
        if with_transactions && !c.biz_transactions.is_empty() {
            self.biz_transactions(&c.biz_transactions)?;
        }
        Ok(())
    }

    fn sources_destinations(&mut self, c: &EventCommon) -> std::io::Result<()> {
        if !c.sources.is_empty() {
            self.source_dest("sourceList", "source", &c.sources)?;
        }
        if !c.destinations.is_empty() {
            self.source_dest("destinationList", "destination", &c.destinations)?;
        }
        Ok(())
    }

    fn sensors_persistent(&mut self, c: &EventCommon) -> std::io::Result<()> {
        if !c.sensor_elements.is_empty() {
            self.sensor_elements(&c.sensor_elements)?;
        }
        if let Some(pd) = &c.persistent_disposition {
            self.persistent_disposition(pd)?;
        }
        Ok(())
    }

    fn ilmd(&mut self, i: &Ilmd) -> std::io::Result<()> {
        self.open("ilmd")?;
        for e in &i.0 {
            self.extension(e, None)?;
        }
        self.close("ilmd")
    }

    fn open_event(&mut self, e: &Event) -> std::io::Result<String> {
        let tag = e.type_name();
        let mut attrs = self.event_decls.take().unwrap_or_default();
        if let EventBody::Extended(q) = &e.body {
            self.ns_attrs(q, None, &mut attrs);
        }
        self.nl()?;
        write!(self.w, "<{tag}{attrs}>")?;
        self.depth += 1;
        Ok(tag)
    }

    fn event_v2(&mut self, e: &Event) -> std::io::Result<()> {
        // The 2.0 event list names the standard types; others (in their own
        // namespace) go in its `extension` (`##other`).
        if matches!(e.body, EventBody::Extended(_)) && self.event_decls.is_none() {
            self.open("extension")?;
            self.event_v2_element(e)?;
            return self.close("extension");
        }
        self.event_v2_element(e)
    }

    fn event_v2_element(&mut self, e: &Event) -> std::io::Result<()> {
        let c = &e.common;
        let tag = self.open_event(e)?;
        self.common_head(c)?;
        if let Some(id) = &c.event_id {
            self.leaf("eventID", id.as_str())?;
        }
        if let Some(d) = &c.error_declaration {
            self.error_declaration(d)?;
        }
        for ci in &c.certification_info {
            self.leaf("certificationInfo", ci.as_str())?;
        }
        match &e.body {
            EventBody::Object(o) => {
                self.epc_list("epcList", &o.epc_list)?;
                self.leaf("action", o.action.as_str())?;
                self.why_where(c, true)?;
                if !o.quantity_list.is_empty() {
                    self.quantity_list("quantityList", &o.quantity_list)?;
                }
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
                if let Some(i) = &o.ilmd {
                    self.ilmd(i)?;
                }
            }
            EventBody::Aggregation(a) => {
                if let Some(p) = &a.parent_id {
                    self.leaf("parentID", p.as_str())?;
                }
                self.epc_list("childEPCs", &a.child_epcs)?;
                self.leaf("action", a.action.as_str())?;
                self.why_where(c, true)?;
                if !a.child_quantity_list.is_empty() {
                    self.quantity_list("childQuantityList", &a.child_quantity_list)?;
                }
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
            EventBody::Transaction(t) => {
                self.biz_transactions(&c.biz_transactions)?;
                if let Some(p) = &t.parent_id {
                    self.leaf("parentID", p.as_str())?;
                }
                self.epc_list("epcList", &t.epc_list)?;
                self.leaf("action", t.action.as_str())?;
                self.why_where(c, false)?;
                if !t.quantity_list.is_empty() {
                    self.quantity_list("quantityList", &t.quantity_list)?;
                }
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
            EventBody::Transformation(t) => {
                self.transformation_what(t)?;
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
                if let Some(i) = &t.ilmd {
                    self.ilmd(i)?;
                }
            }
            EventBody::Association(a) => {
                self.leaf("parentID", a.parent_id.as_str())?;
                if !a.child_epcs.is_empty() {
                    self.epc_list("childEPCs", &a.child_epcs)?;
                }
                if !a.child_quantity_list.is_empty() {
                    self.quantity_list("childQuantityList", &a.child_quantity_list)?;
                }
                self.leaf("action", a.action.as_str())?;
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
            EventBody::Extended(_) => {
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
        }
        for x in &c.extensions {
            self.extension(x, None)?;
        }
        self.close(&tag)
    }

    fn transformation_what(&mut self, t: &TransformationEvent) -> std::io::Result<()> {
        if !t.input_epc_list.is_empty() {
            self.epc_list("inputEPCList", &t.input_epc_list)?;
        }
        if !t.input_quantity_list.is_empty() {
            self.quantity_list("inputQuantityList", &t.input_quantity_list)?;
        }
        if !t.output_epc_list.is_empty() {
            self.epc_list("outputEPCList", &t.output_epc_list)?;
        }
        if !t.output_quantity_list.is_empty() {
            self.quantity_list("outputQuantityList", &t.output_quantity_list)?;
        }
        if let Some(id) = &t.transformation_id {
            self.leaf("transformationID", id.as_str())?;
        }
        Ok(())
    }

    fn base_extension_v12(&mut self, c: &EventCommon) -> std::io::Result<()> {
        if c.event_id.is_none() && c.error_declaration.is_none() && c.certification_info.is_empty()
        {
            return Ok(());
        }
        self.open("baseExtension")?;
        if let Some(id) = &c.event_id {
            self.leaf("eventID", id.as_str())?;
        }
        if let Some(d) = &c.error_declaration {
            self.error_declaration(d)?;
        }
        if !c.certification_info.is_empty() {
            self.open("extension")?;
            for ci in &c.certification_info {
                self.leaf("certificationInfo", ci.as_str())?;
            }
            self.close("extension")?;
        }
        self.close("baseExtension")
    }

    /// 2.0-only content and unqualified extension elements, in the
    /// innermost `extension` (`##local` elements).
    fn inner_extension_v12(&mut self, c: &EventCommon) -> std::io::Result<()> {
        if !has_inner_v12(c) {
            return Ok(());
        }
        self.open("extension")?;
        self.sensors_persistent(c)?;
        for x in c.extensions.iter().filter(|x| unqualified(x)) {
            self.extension(x, None)?;
        }
        self.close("extension")
    }

    fn event_v12(&mut self, e: &Event) -> std::io::Result<()> {
        let c = &e.common;
        // A bare event has no event list, and so no list wrappers.
        let bare = self.event_decls.is_some();
        let wrappers: &[&str] = match &e.body {
            _ if bare => &[],
            EventBody::Transformation(_) => &["extension"],
            EventBody::Association(_) | EventBody::Extended(_) => &["extension", "extension"],
            _ => &[],
        };
        for w in wrappers {
            self.open(w)?;
        }
        let tag = self.open_event(e)?;
        self.common_head(c)?;
        self.base_extension_v12(c)?;
        let has_sd = !c.sources.is_empty() || !c.destinations.is_empty();
        let has_inner = has_inner_v12(c);
        // Unqualified extension elements go in the innermost extension of
        // the types that have one (`##local`).
        let local_inside = !matches!(e.body, EventBody::Association(_) | EventBody::Extended(_));
        match &e.body {
            EventBody::Object(o) => {
                self.epc_list("epcList", &o.epc_list)?;
                self.leaf("action", o.action.as_str())?;
                self.why_where(c, true)?;
                if !o.quantity_list.is_empty() || has_sd || o.ilmd.is_some() || has_inner {
                    self.open("extension")?;
                    if !o.quantity_list.is_empty() {
                        self.quantity_list("quantityList", &o.quantity_list)?;
                    }
                    self.sources_destinations(c)?;
                    if let Some(i) = &o.ilmd {
                        self.ilmd(i)?;
                    }
                    self.inner_extension_v12(c)?;
                    self.close("extension")?;
                }
            }
            EventBody::Aggregation(a) => {
                if let Some(p) = &a.parent_id {
                    self.leaf("parentID", p.as_str())?;
                }
                self.epc_list("childEPCs", &a.child_epcs)?;
                self.leaf("action", a.action.as_str())?;
                self.why_where(c, true)?;
                if !a.child_quantity_list.is_empty() || has_sd || has_inner {
                    self.open("extension")?;
                    if !a.child_quantity_list.is_empty() {
                        self.quantity_list("childQuantityList", &a.child_quantity_list)?;
                    }
                    self.sources_destinations(c)?;
                    self.inner_extension_v12(c)?;
                    self.close("extension")?;
                }
            }
            EventBody::Transaction(t) => {
                self.biz_transactions(&c.biz_transactions)?;
                if let Some(p) = &t.parent_id {
                    self.leaf("parentID", p.as_str())?;
                }
                self.epc_list("epcList", &t.epc_list)?;
                self.leaf("action", t.action.as_str())?;
                self.why_where(c, false)?;
                if !t.quantity_list.is_empty() || has_sd || has_inner {
                    self.open("extension")?;
                    if !t.quantity_list.is_empty() {
                        self.quantity_list("quantityList", &t.quantity_list)?;
                    }
                    self.sources_destinations(c)?;
                    self.inner_extension_v12(c)?;
                    self.close("extension")?;
                }
            }
            EventBody::Transformation(t) => {
                self.transformation_what(t)?;
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                if let Some(i) = &t.ilmd {
                    self.ilmd(i)?;
                }
                self.inner_extension_v12(c)?;
            }
            EventBody::Association(a) => {
                self.leaf("parentID", a.parent_id.as_str())?;
                if !a.child_epcs.is_empty() {
                    self.epc_list("childEPCs", &a.child_epcs)?;
                }
                if !a.child_quantity_list.is_empty() {
                    self.quantity_list("childQuantityList", &a.child_quantity_list)?;
                }
                self.leaf("action", a.action.as_str())?;
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
            EventBody::Extended(_) => {
                self.why_where(c, true)?;
                self.sources_destinations(c)?;
                self.sensors_persistent(c)?;
            }
        }
        for x in &c.extensions {
            if !(local_inside && unqualified(x)) {
                self.extension(x, None)?;
            }
        }
        self.close(&tag)?;
        for w in wrappers.iter().rev() {
            self.close(w)?;
        }
        Ok(())
    }

    /// Closes the event list and the document; `tail` carries content a
    /// streaming reader learned after the events.
    pub fn finish(mut self, tail: Option<&DocumentHead>) -> Result<W, Error> {
        let closers = std::mem::take(&mut self.closers);
        let vocab = tail
            .and_then(|t| t.vocabularies.clone())
            .or_else(|| self.head.vocabularies.clone());
        let mut vocab_written = self.head.kind == DocumentKind::MasterData;
        for c in closers.iter().rev() {
            if *c == "resultsBody" || (*c == "EPCISBody" && !vocab_written) {
                if let Some(v) = &vocab {
                    self.vocabulary_list(v)?;
                }
                vocab_written = true;
            }
            self.close(c)?;
        }
        let exts = tail
            .map(|t| t.extensions.clone())
            .unwrap_or_else(|| self.head.extensions.clone());
        let root_default = self.root_default.clone();
        for e in &exts {
            self.extension(e, root_default.as_deref())?;
        }
        self.depth = 0;
        self.nl()?;
        write!(self.w, "</{}>", self.root_tag)?;
        if self.options.pretty {
            self.w.write_all(b"\n")?;
        }
        self.w.flush()?;
        Ok(self.w)
    }
}

/// An extension element without a namespace (1.x `##local` content).
fn unqualified(x: &Extension) -> bool {
    x.name.namespace.is_none() && x.name.prefix.is_none()
}

/// Whether a 1.2 event needs its innermost `extension`: 2.0-only fields or
/// unqualified extension elements.
fn has_inner_v12(c: &EventCommon) -> bool {
    !c.sensor_elements.is_empty()
        || c.persistent_disposition.is_some()
        || c.extensions.iter().any(unqualified)
}
