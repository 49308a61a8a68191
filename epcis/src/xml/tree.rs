//! Reads XML into small element trees (one event, the header, a query) on
//! top of quick-xml's pull parser, with namespace scoping and positions.

use crate::error::{Error, Location, Problem};
use crate::ext::{NamespaceScope, QName};
use quick_xml::events::{BytesStart, Event as XmlEvent};
use std::io::BufRead;

/// How deep an element tree may nest before the input is rejected.
pub(crate) const MAX_DEPTH: usize = 256;

/// Lines seen by the reader: keeps the most recent input so that positions
/// inside the current event resolve to line and column when asked.
///
/// Recording where every newline is cost about a tenth of the parse (an
/// indented document has a newline every 40 bytes, and each went through
/// a search call and a ring push). Instead the input itself is kept (a
/// copy costs a fraction of a search) with a newline count per block, and
/// a position is resolved by counting the newlines of at most one block,
/// which happens once per event rather than once per line.
#[derive(Default)]
pub(crate) struct Lines {
    /// The most recent input scanned, starting at offset `kept_from`.
    kept: Vec<u8>,
    kept_from: u64,
    /// For each [`BLOCK`] of `kept`: the newlines before it, and the offset
    /// just past the last newline before it (0 when there was none).
    blocks: Vec<(u64, u64)>,
    /// Newlines scanned so far.
    newlines: u64,
    /// The offset just past the last newline scanned (0 when none).
    line_start: u64,
    /// Offset of the first byte not scanned yet (`kept_from + kept.len()`,
    /// kept as a field: the reader compares it on every buffer access).
    scanned: u64,
}

/// How much input [`Lines`] resolves positions in at least, behind the
/// reader's position (an event is normally far smaller).
const KEEP: usize = 1 << 20;
/// Input per newline count: resolving a position counts at most this much.
const BLOCK: usize = 1024;
impl Lines {
    fn scan(&mut self, mut bytes: &[u8]) {
        if self.kept.len() >= 2 * KEEP {
            // Forget the oldest KEEP bytes; at least KEEP stay behind the
            // newest (KEEP is a whole number of blocks).
            self.kept.drain(..KEEP);
            self.blocks.drain(..KEEP / BLOCK);
            self.kept_from += KEEP as u64;
        }
        while !bytes.is_empty() {
            let used = self.kept.len() % BLOCK;
            if used == 0 {
                self.blocks.push((self.newlines, self.line_start));
            }
            let (piece, rest) = bytes.split_at((BLOCK - used).min(bytes.len()));
            let at = self.kept_from + self.kept.len() as u64;
            self.newlines += memchr::memchr_iter(b'\n', piece).count() as u64;
            if let Some(i) = memchr::memrchr(b'\n', piece) {
                self.line_start = at + i as u64 + 1;
            }
            self.kept.extend_from_slice(piece);
            self.scanned += piece.len() as u64;
            bytes = rest;
        }
    }

    pub(crate) fn line_col(&self, offset: u64) -> (u32, u32) {
        let offset = offset.min(self.scanned);
        let to_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let Some(&(forgotten, _)) = self.blocks.first() else {
            return (1, to_u32(offset) + 1);
        };
        if offset < self.kept_from {
            // Older than what is kept: the line is not known any more; the
            // first kept line and column 1 is the nearest honest answer.
            return (to_u32(forgotten + 1), 1);
        }
        let rel = (offset - self.kept_from) as usize;
        let block = rel / BLOCK;
        let (before, block_line_start) = match self.blocks.get(block) {
            Some(&b) => b,
            // `offset` is the end of the input, at a block boundary.
            None => (self.newlines, self.line_start),
        };
        let piece = &self.kept[block * BLOCK..rel];
        let line = before + memchr::memchr_iter(b'\n', piece).count() as u64 + 1;
        let start = match memchr::memrchr(b'\n', piece) {
            Some(i) => self.kept_from + (block * BLOCK + i) as u64 + 1,
            None => block_line_start,
        };
        (to_u32(line), to_u32(offset - start) + 1)
    }
}

/// A quick-xml reader over a borrowed slice of the window.
type SliceReader<'a> = quick_xml::Reader<&'a [u8]>;

self_cell::self_cell!(
    /// The part of the input held in memory, with the quick-xml reader
    /// parsing it. Parsing a borrowed slice instead of through `BufRead`
    /// spares quick-xml's copy of every token into a buffer and its
    /// buffer calls per token (a tenth of the XML parse); the reader
    /// lives with the bytes it borrows, for as long as they stay.
    struct Window {
        owner: Vec<u8>,
        #[covariant]
        dependent: SliceReader,
    }
);

/// A reader of `bytes`, configured as the EPCIS reader needs.
fn slice_reader(bytes: &[u8]) -> SliceReader<'_> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let cfg = reader.config_mut();
    cfg.trim_text(false);
    cfg.expand_empty_elements = false;
    // A window's reader starts inside the document, so end tags are
    // matched here ([`OpenNames`]) rather than by each reader.
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    reader
}

/// The raw names of the open elements, to match end tags against.
#[derive(Default)]
struct OpenNames {
    bytes: Vec<u8>,
    starts: Vec<usize>,
}

impl OpenNames {
    fn push(&mut self, name: &[u8]) {
        self.starts.push(self.bytes.len());
        self.bytes.extend_from_slice(name);
    }

    /// Closes the innermost element with the end tag `name`: the error
    /// quick-xml gives when it checks end tags itself, if they differ.
    fn pop(&mut self, name: &[u8]) -> Result<(), quick_xml::Error> {
        use quick_xml::errors::IllFormedError;
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let Some(start) = self.starts.pop() else {
            return Err(quick_xml::Error::IllFormed(
                IllFormedError::UnmatchedEndTag(text(name)),
            ));
        };
        let expected = &self.bytes[start..];
        let r = if expected == name {
            Ok(())
        } else {
            Err(quick_xml::Error::IllFormed(
                IllFormedError::MismatchedEndTag {
                    expected: text(expected),
                    found: text(name),
                },
            ))
        };
        self.bytes.truncate(start);
        r
    }
}

/// Input read into the window at a time.
const CHUNK: usize = 64 * 1024;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What reading one token from the window gave.
enum Step {
    Tok(Tok),
    /// The window ends before the next token does: read more input, and
    /// parse again from this index of the window.
    More(usize),
    /// A syntax error at this offset.
    Fail(u64, String),
}

/// The names EPCIS itself uses for elements and attributes: read without
/// allocating (most elements of a document are standard).
const STD_NAMES: &[&str] = &[
    "eventTime",
    "recordTime",
    "eventTimeZoneOffset",
    "eventID",
    "errorDeclaration",
    "declarationTime",
    "reason",
    "correctiveEventIDs",
    "correctiveEventID",
    "certificationInfo",
    "baseExtension",
    "extension",
    "action",
    "parentID",
    "epcList",
    "epc",
    "childEPCs",
    "inputEPCList",
    "outputEPCList",
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputQuantityList",
    "quantityElement",
    "epcClass",
    "quantity",
    "uom",
    "transformationID",
    "bizStep",
    "disposition",
    "persistentDisposition",
    "set",
    "unset",
    "readPoint",
    "bizLocation",
    "id",
    "bizTransactionList",
    "bizTransaction",
    "sourceList",
    "source",
    "destinationList",
    "destination",
    "sensorElementList",
    "sensorElement",
    "sensorMetadata",
    "sensorReport",
    "ilmd",
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
    "QuantityEvent",
    "EventList",
    "type",
    "time",
    "startTime",
    "endTime",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "bizRules",
    "exception",
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
];

/// Slots of the [`STD_NAMES`] hash table (a power of two, at least twice
/// the names, so that probe sequences stay short).
const TABLE_SIZE: usize = 256;

/// Where a name's probe sequence starts: its length and three of its bytes.
const fn slot_of(b: &[u8]) -> usize {
    if b.is_empty() {
        return 0;
    }
    (b.len()
        .wrapping_mul(31)
        .wrapping_add((b[0] as usize).wrapping_mul(7))
        .wrapping_add((b[b.len() - 1] as usize).wrapping_mul(131))
        .wrapping_add((b[b.len() / 2] as usize).wrapping_mul(17)))
        & (TABLE_SIZE - 1)
}

/// [`STD_NAMES`] by [`slot_of`], with linear probing; built at compile
/// time. Interning runs for every element and attribute: a linear search
/// through the names cost more than reading the tag.
const STD_TABLE: [Option<&str>; TABLE_SIZE] = {
    let mut table: [Option<&str>; TABLE_SIZE] = [None; TABLE_SIZE];
    let mut i = 0;
    while i < STD_NAMES.len() {
        let mut slot = slot_of(STD_NAMES[i].as_bytes());
        while table[slot].is_some() {
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        table[slot] = Some(STD_NAMES[i]);
        i += 1;
    }
    table
};

fn intern(local: &str) -> Option<&'static str> {
    intern_bytes(local.as_bytes())
}

/// [`intern`] on raw bytes: a standard name is found before its bytes are
/// checked as UTF-8 (they are, when they match).
fn intern_bytes(local: &[u8]) -> Option<&'static str> {
    let mut slot = slot_of(local);
    loop {
        match STD_TABLE[slot] {
            None => return None,
            Some(n) if n.as_bytes() == local => return Some(n),
            Some(_) => slot = (slot + 1) & (TABLE_SIZE - 1),
        }
    }
}

/// An element or attribute name: a standard EPCIS name (no allocation) or
/// any qualified name.
#[derive(Debug, Clone)]
pub(crate) enum NodeName {
    /// A standard name (unprefixed or in an EPCIS namespace).
    Std(&'static str),
    /// Any other name (boxed: a tree node moves several times while an
    /// event is read, and most names are standard).
    Q(Box<QName>),
}

impl NodeName {
    /// The local name when this is an EPCIS name (standard or not).
    pub(crate) fn std(&self) -> Option<&str> {
        match self {
            NodeName::Std(s) => Some(s),
            NodeName::Q(q) => super::read::is_std(q).then_some(q.local.as_str()),
        }
    }

    /// Like [`NodeName::std`], without borrowing the node: standard names
    /// are static, so reading an event's fields copies no name.
    pub(crate) fn std_static(&self) -> Option<std::borrow::Cow<'static, str>> {
        use std::borrow::Cow;
        match self {
            NodeName::Std(s) => Some(Cow::Borrowed(s)),
            NodeName::Q(q) if super::read::is_std(q) => {
                Some(intern(&q.local).map_or_else(|| Cow::Owned(q.local.clone()), Cow::Borrowed))
            }
            NodeName::Q(_) => None,
        }
    }

    pub(crate) fn local(&self) -> &str {
        match self {
            NodeName::Std(s) => s,
            NodeName::Q(q) => &q.local,
        }
    }

    pub(crate) fn namespace(&self) -> Option<&str> {
        match self {
            NodeName::Std(_) => None,
            NodeName::Q(q) => q.namespace.as_deref(),
        }
    }

    pub(crate) fn is_unprefixed(&self) -> bool {
        match self {
            NodeName::Std(_) => true,
            NodeName::Q(q) => q.prefix.is_none(),
        }
    }

    pub(crate) fn qname(&self) -> QName {
        match self {
            NodeName::Std(s) => QName::local(*s),
            NodeName::Q(q) => (**q).clone(),
        }
    }

    pub(crate) fn into_qname(self) -> QName {
        match self {
            NodeName::Std(s) => QName::local(s),
            NodeName::Q(q) => *q,
        }
    }
}

/// An element with its attributes, trimmed text and children.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) name: NodeName,
    pub(crate) attrs: Vec<(NodeName, String)>,
    pub(crate) text: String,
    pub(crate) children: Vec<Node>,
    pub(crate) pos: u64,
}

impl Node {
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.is_unprefixed() && q.local() == local)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) struct XmlSource<R: BufRead> {
    input: R,
    /// The input from offset `base` on, parsed from index `origin` up to
    /// `cut`: the last `<` in it, so that every token before the cut is
    /// complete unless it is markup holding a `<` (a comment, CDATA, a
    /// processing instruction), which then reads as unclosed and is
    /// parsed again with more input.
    window: Window,
    base: u64,
    origin: usize,
    cut: usize,
    /// The input has no more bytes than the window holds.
    eof: bool,
    /// Input read into the window at a time ([`CHUNK`]; less in tests,
    /// which move the window's edges through tricky markup).
    chunk: usize,
    lines: Lines,
    names: OpenNames,
    pub(crate) ns: NamespaceScope,
    /// Scratch for [`XmlSource::subtree`]: the open elements, each with
    /// where its children start in `kids`.
    open: Vec<(Node, usize)>,
    /// Scratch for [`XmlSource::subtree`]: children of the open elements.
    kids: Vec<Node>,
}

/// A start tag read from the stream.
pub(crate) struct Start {
    pub(crate) name: NodeName,
    pub(crate) attrs: Vec<(NodeName, String)>,
    /// `xmlns` declarations on this element.
    pub(crate) decls: Vec<(String, String)>,
    pub(crate) empty: bool,
    pub(crate) pos: u64,
}

pub(crate) enum Tok {
    Start(Start),
    /// An end tag, with the text that preceded it since the last child
    /// (leading blanks dropped, trailing ones kept): EPCIS has no mixed
    /// content, so this is a leaf's text.
    End(String),
    Eof,
}

/// Reads a start tag: binds its `xmlns` declarations and names its element
/// and attributes.
fn start_tag(
    ns: &mut NamespaceScope,
    decoder: quick_xml::encoding::Decoder,
    e: &BytesStart<'_>,
    empty: bool,
    pos: u64,
) -> Result<Start, String> {
    ns.push_scope();
    let mut decls = Vec::new();
    let mut raw_attrs: Vec<(&[u8], String)> = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.into_inner();
        let value = a
            .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
            .map_err(|err| err.to_string())?
            .into_owned();
        if key == b"xmlns" {
            decls.push((String::new(), value));
        } else if let Some(p) = key.strip_prefix(b"xmlns:") {
            decls.push((
                std::str::from_utf8(p)
                    .map_err(|err| err.to_string())?
                    .to_owned(),
                value,
            ));
        } else {
            raw_attrs.push((key, value));
        }
    }
    for (p, u) in &decls {
        ns.bind(p, u);
    }
    let raw_bytes = e.name().into_inner();
    // An unprefixed standard name needs neither the UTF-8 nor the character
    // check (it passes both): most elements of a document take this path.
    let name = match intern_bytes(raw_bytes) {
        Some(s) if is_standard(ns, "") => Some(NodeName::Std(s)),
        _ => None,
    };
    let name = match name {
        Some(name) => name,
        None => checked_element_name(ns, raw_bytes)?,
    };
    let mut attrs = Vec::with_capacity(raw_attrs.len());
    for (k, v) in raw_attrs {
        let k = std::str::from_utf8(k).map_err(|err| err.to_string())?;
        if k.is_empty()
            || k.bytes()
                .any(|b| b <= b' ' || matches!(b, b'<' | b'>' | b'=' | b'"' | b'\'' | b'/'))
        {
            return Err(format!("`{k}` is not an attribute name"));
        }
        let name = match (k.contains(':'), intern(k)) {
            (false, Some(s)) => NodeName::Std(s),
            _ => NodeName::Q(Box::new(ns.qname(k, false))),
        };
        attrs.push((name, v));
    }
    if empty {
        ns.pop_scope();
    }
    Ok(Start {
        name,
        attrs,
        decls,
        empty,
        pos,
    })
}

/// The name of an element that is not an unprefixed standard one, after
/// checking that it is UTF-8 and a name.
fn checked_element_name(ns: &NamespaceScope, raw_bytes: &[u8]) -> Result<NodeName, String> {
    let raw = std::str::from_utf8(raw_bytes).map_err(|err| err.to_string())?;
    if raw.is_empty()
        || raw
            .bytes()
            .any(|b| b <= b' ' || matches!(b, b'<' | b'>' | b'=' | b'"' | b'\'' | b'/' | b'&'))
    {
        return Err(format!("`{raw}` is not an element name"));
    }
    Ok(element_name(ns, raw))
}

/// Whether a standard local name under `prefix` names an EPCIS element.
fn is_standard(ns: &NamespaceScope, prefix: &str) -> bool {
    match ns.resolve(prefix) {
        None => prefix.is_empty(),
        Some(u) => matches!(
            u,
            crate::document::EPCIS1_NS
                | crate::document::EPCIS2_NS
                | crate::document::EPCIS1_QUERY_NS
                | crate::document::EPCIS2_QUERY_NS
        ),
    }
}

fn element_name(ns: &NamespaceScope, raw: &str) -> NodeName {
    let (prefix, local) = match raw.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", raw),
    };
    if let Some(s) = intern(local) {
        if is_standard(ns, prefix) {
            return NodeName::Std(s);
        }
    }
    NodeName::Q(Box::new(ns.qname(raw, true)))
}

impl<R: BufRead> XmlSource<R> {
    pub(crate) fn new(input: R) -> Self {
        XmlSource {
            input,
            window: Window::new(Vec::new(), |b| slice_reader(b)),
            base: 0,
            origin: 0,
            cut: 0,
            eof: false,
            chunk: CHUNK,
            lines: Lines::default(),
            names: OpenNames::default(),
            ns: NamespaceScope::default(),
            open: Vec::new(),
            kids: Vec::new(),
        }
    }

    /// Offset of the next token in the input.
    pub(crate) fn position(&self) -> u64 {
        self.base + self.origin as u64 + self.window.borrow_dependent().buffer_position()
    }

    pub(crate) fn location(&self, offset: u64) -> Location {
        let (line, column) = self.lines.line_col(offset);
        Location::Xml {
            offset,
            line,
            column,
        }
    }

    /// Drops the window before index `resume` and reads input until a
    /// token can complete in it (a `<` after its first byte) or the input
    /// ends.
    fn refill(&mut self, resume: usize) -> Result<(), Error> {
        let empty = Window::new(Vec::new(), |b| slice_reader(b));
        let mut bytes = std::mem::replace(&mut self.window, empty).into_owner();
        bytes.drain(..resume);
        self.base += resume as u64;
        let mut cut = 0;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let at = self.base + bytes.len() as u64;
                    self.window = Window::new(bytes, |b| slice_reader(b));
                    return Err(self.syntax(at, quick_xml::Error::from(e).to_string()));
                }
            };
            if chunk.is_empty() {
                self.eof = true;
                cut = bytes.len();
                break;
            }
            // An in-memory input hands out all of itself: take a chunk,
            // so that memory stays bounded by the largest token.
            let n = chunk.len().min(self.chunk);
            self.lines.scan(&chunk[..n]);
            let searched = bytes.len().max(1);
            bytes.extend_from_slice(&chunk[..n]);
            self.input.consume(n);
            if let Some(i) = memchr::memrchr(b'<', &bytes[searched..]) {
                cut = searched + i;
            }
            if cut > 0 && bytes.len() >= self.chunk {
                break;
            }
        }
        // A reader drops a byte order mark where it starts without
        // counting it in its positions: the document's own is skipped here
        // instead (with any repeats, text before the root). Every later
        // window starts where a token could not complete, at markup.
        let mut origin = 0;
        if self.base == 0 {
            while bytes[origin..cut].starts_with(BOM) {
                origin += BOM.len();
            }
        }
        self.origin = origin;
        self.cut = cut;
        self.window = Window::new(bytes, |b| slice_reader(&b[origin..cut]));
        Ok(())
    }

    pub(crate) fn error(&self, offset: u64, problem: Problem) -> Error {
        Error::invalid(self.location(offset), problem)
    }

    pub(crate) fn syntax(&self, offset: u64, message: String) -> Error {
        self.error(
            offset,
            Problem::Syntax {
                format: "XML",
                message,
            },
        )
    }

    /// The next start tag, end tag (with its text), or end of input.
    pub(crate) fn next(&mut self) -> Result<Tok, Error> {
        let mut text = String::new();
        loop {
            let base = self.base + self.origin as u64;
            let XmlSource {
                window,
                ns,
                names,
                eof,
                origin,
                cut,
                ..
            } = self;
            let (eof, origin, cut) = (*eof, *origin, *cut);
            let step = window.with_dependent_mut(|_, reader| {
                loop {
                    let rel = reader.buffer_position();
                    let pos = base + rel;
                    let decoder = reader.decoder();
                    let step: Result<Option<Tok>, String> = match reader.read_event() {
                        // Markup the window's end cut short (it read to
                        // the end): parse it again with more input. Other
                        // syntax errors are the document's.
                        Ok(XmlEvent::Eof) if !eof => return Step::More(origin + rel as usize),
                        Err(quick_xml::Error::Syntax(_))
                            if !eof && origin + reader.buffer_position() as usize >= cut =>
                        {
                            return Step::More(origin + rel as usize);
                        }
                        Err(e) => Err(e.to_string()),
                        Ok(XmlEvent::Start(e)) => {
                            names.push(e.name().into_inner());
                            start_tag(ns, decoder, &e, false, pos).map(|s| Some(Tok::Start(s)))
                        }
                        Ok(XmlEvent::Empty(e)) => {
                            start_tag(ns, decoder, &e, true, pos).map(|s| Some(Tok::Start(s)))
                        }
                        Ok(XmlEvent::End(e)) => match names.pop(e.name().into_inner()) {
                            Ok(()) => {
                                ns.pop_scope();
                                Ok(Some(Tok::End(std::mem::take(&mut text))))
                            }
                            // At the end tag's `<`, as quick-xml reports it.
                            Err(err) => return Step::Fail(pos, err.to_string()),
                        },
                        Ok(XmlEvent::Text(t)) => {
                            // Leading blanks are trimmed from a leaf's text
                            // anyway: not keeping them spares an allocation
                            // for the indentation before every tag, and
                            // skipping ASCII ones as bytes spares decoding
                            // it (other Unicode blanks are trimmed after
                            // decoding). The reader decodes UTF-8 only
                            // (quick-xml without its `encoding` feature), so
                            // ASCII bytes are characters.
                            let raw: &[u8] = &t;
                            let rest = if text.is_empty() {
                                raw.trim_ascii_start()
                            } else {
                                raw
                            };
                            if rest.is_empty() {
                                Ok(None)
                            } else {
                                match decoder.decode(rest) {
                                    Ok(s) => {
                                        if text.is_empty() {
                                            // One allocation of the exact size.
                                            text = s.trim_start().to_owned();
                                        } else {
                                            text.push_str(&s);
                                        }
                                        Ok(None)
                                    }
                                    // The whole text's error, for its offsets.
                                    Err(e) => Err(t.decode().err().unwrap_or(e).to_string()),
                                }
                            }
                        }
                        Ok(XmlEvent::CData(t)) => t
                            .decode()
                            .map(|s| {
                                text.push_str(&s);
                                None
                            })
                            .map_err(|e| e.to_string()),
                        Ok(XmlEvent::GeneralRef(r)) => match r.resolve_char_ref() {
                            Ok(Some(c)) => {
                                text.push(c);
                                Ok(None)
                            }
                            Ok(None) => match r.decode() {
                                Ok(name) => {
                                    let c = match &*name {
                                        "lt" => Some('<'),
                                        "gt" => Some('>'),
                                        "amp" => Some('&'),
                                        "apos" => Some('\''),
                                        "quot" => Some('"'),
                                        _ => None,
                                    };
                                    match c {
                                        Some(c) => {
                                            text.push(c);
                                            Ok(None)
                                        }
                                        None => Err(format!("unknown entity `&{name};`")),
                                    }
                                }
                                Err(e) => Err(e.to_string()),
                            },
                            Err(e) => Err(e.to_string()),
                        },
                        Ok(XmlEvent::Eof) => Ok(Some(Tok::Eof)),
                        Ok(_) => Ok(None),
                    };
                    match step {
                        Ok(Some(tok)) => return Step::Tok(tok),
                        Ok(None) => {}
                        Err(message) => {
                            let at = base + reader.error_position().max(rel);
                            return Step::Fail(at, message);
                        }
                    }
                }
            });
            match step {
                Step::Tok(tok) => return Ok(tok),
                Step::More(resume) => self.refill(resume)?,
                Step::Fail(at, message) => return Err(self.syntax(at, message)),
            }
        }
    }
}

impl<R: BufRead> XmlSource<R> {
    /// Reads the rest of the element opened by `start` into a tree.
    pub(crate) fn subtree(&mut self, start: Start) -> Result<Node, Error> {
        let root = Node {
            name: start.name,
            attrs: start.attrs,
            text: String::new(),
            children: Vec::new(),
            pos: start.pos,
        };
        if start.empty {
            return Ok(root);
        }
        // The scratch stacks are lent out while the tree is read and kept
        // for the next one (a failed read just leaves fresh ones).
        let mut open = std::mem::take(&mut self.open);
        let mut kids = std::mem::take(&mut self.kids);
        open.clear();
        kids.clear();
        open.push((root, 0));
        let r = self.read_tree(&mut open, &mut kids);
        self.open = open;
        self.kids = kids;
        r
    }

    /// Reads elements until the first of `open` closes. Children wait in
    /// `kids` until their parent closes, then move into a vector of their
    /// exact number: growing each parent's vector a child at a time cost
    /// several reallocations per event.
    fn read_tree(
        &mut self,
        open: &mut Vec<(Node, usize)>,
        kids: &mut Vec<Node>,
    ) -> Result<Node, Error> {
        loop {
            match self.next()? {
                Tok::Start(s) => {
                    if open.len() >= MAX_DEPTH {
                        return Err(self.error(
                            s.pos,
                            Problem::Rule(format!("elements nested deeper than {MAX_DEPTH}")),
                        ));
                    }
                    let node = Node {
                        name: s.name,
                        attrs: s.attrs,
                        text: String::new(),
                        children: Vec::new(),
                        pos: s.pos,
                    };
                    if s.empty {
                        kids.push(node);
                    } else {
                        open.push((node, kids.len()));
                    }
                }
                Tok::End(text) => {
                    let Some((mut node, first_kid)) = open.pop() else {
                        break;
                    };
                    if kids.len() == first_kid {
                        node.text = trim_owned(text);
                    } else {
                        node.children = kids.drain(first_kid..).collect();
                    }
                    if open.is_empty() {
                        return Ok(node);
                    }
                    kids.push(node);
                }
                Tok::Eof => {
                    let pos = self.position();
                    return Err(
                        self.syntax(pos, "unexpected end of input inside an element".into())
                    );
                }
            }
        }
        let pos = self.position();
        Err(self.syntax(pos, "unbalanced elements".into()))
    }

    /// Skips the rest of the element opened by `start`.
    pub(crate) fn skip(&mut self, start: &Start) -> Result<(), Error> {
        if start.empty {
            return Ok(());
        }
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Tok::Start(s) if !s.empty => depth += 1,
                Tok::Start(_) => {}
                Tok::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Tok::Eof => {
                    let pos = self.position();
                    return Err(self.syntax(pos, "unexpected end of input".into()));
                }
            }
        }
    }
}

/// Trims surrounding whitespace without a new allocation.
fn trim_owned(mut s: String) -> String {
    // Most texts start and end with a printable ASCII byte, which no
    // whitespace (ASCII or Unicode) begins or ends with: nothing to trim.
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
    if printable(s.as_bytes().first()) && printable(s.as_bytes().last()) {
        return s;
    }
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_every_standard_name_and_nothing_else() {
        for &n in STD_NAMES {
            assert_eq!(intern(n), Some(n));
            // A name differing in one byte or in length is not standard.
            for other in [
                format!("{n}x"),
                n[..n.len() - 1].to_owned(),
                n.to_uppercase(),
            ] {
                let want = STD_NAMES.iter().find(|&&s| s == other).copied();
                assert_eq!(intern(&other), want, "{other}");
            }
        }
        assert_eq!(intern(""), None);
        assert_eq!(intern("lotNumber"), None);
    }

    #[test]
    fn trim_owned_equals_trim() {
        // Every combination of ends: printable ASCII, ASCII and Unicode
        // blanks, other non-ASCII characters, control characters.
        let ends = [
            "", "a", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2003}",
            "\u{3000}", "é", "\u{7f}", "\u{1}", "~", "!",
        ];
        for a in ends {
            for mid in ["", "x", "x y", " \u{2003} "] {
                for b in ends {
                    let s = format!("{a}{mid}{b}");
                    assert_eq!(trim_owned(s.clone()), s.trim(), "{s:?}");
                }
            }
        }
    }

    /// Line and column of every offset of `input` (and of its end), by
    /// counting from the start.
    fn naive_line_cols(input: &[u8]) -> Vec<(u32, u32)> {
        let (mut line, mut start) = (1, 0);
        let mut out = Vec::with_capacity(input.len() + 1);
        for (i, &b) in input.iter().enumerate() {
            out.push((line, (i - start) as u32 + 1));
            if b == b'\n' {
                line += 1;
                start = i + 1;
            }
        }
        out.push((line, (input.len() - start) as u32 + 1));
        out
    }

    #[test]
    fn lines_equal_counting_from_the_start() {
        // Inputs with dense, sparse and no newlines, scanned in random
        // pieces, some longer than a block and some crossing the point
        // where old input is forgotten; every kept offset resolves as
        // counting from the start does.
        let mut rng = crate::test_rng::Rng::new(0x9e37_79b9_7f4a_7c15u64);
        let mut next = move || rng.next_u64();
        for (len, every) in [
            (10_000, 3),
            (50_000, 40),
            (20_000, 5_000),
            (9_000, 0),
            (3 * KEEP, 37),
        ] {
            let input: Vec<u8> = (0..len)
                .map(|_| {
                    if every > 0 && next() % every == 0 {
                        b'\n'
                    } else {
                        b'a'
                    }
                })
                .collect();
            let want = naive_line_cols(&input);
            let mut lines = Lines::default();
            let mut at = 0;
            while at < input.len() {
                let piece = (next() % 9_000) as usize + 1;
                let end = (at + piece).min(input.len());
                lines.scan(&input[at..end]);
                at = end;
                for _ in 0..20 {
                    let back = (next() % (KEEP as u64)) as usize;
                    let offset = at.saturating_sub(back);
                    assert_eq!(
                        lines.line_col(offset as u64),
                        want[offset],
                        "offset {offset} of {len}"
                    );
                }
                assert_eq!(lines.line_col(at as u64), want[at]);
            }
        }
    }

    /// Everything the source reads from `doc` (tokens with their
    /// positions, or the error and its location), with windows of
    /// `chunk` bytes.
    fn tokens(doc: &str, chunk: usize) -> Vec<String> {
        let mut src = XmlSource::new(doc.as_bytes());
        src.chunk = chunk;
        let mut out = Vec::new();
        loop {
            match src.next() {
                Ok(Tok::Start(s)) => out.push(format!(
                    "start {:?} {:?} {:?} empty={} at {} {:?}",
                    s.name,
                    s.attrs,
                    s.decls,
                    s.empty,
                    s.pos,
                    src.location(s.pos)
                )),
                Ok(Tok::End(text)) => out.push(format!("end {text:?} next at {}", src.position())),
                Ok(Tok::Eof) => {
                    out.push("eof".into());
                    return out;
                }
                Err(e) => {
                    out.push(format!("error {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn corpus_documents_read_alike_in_small_windows() {
        // Every XML document of the EPCIS corpus (valid and invalid), read
        // in windows of a few sizes, gives what one window gives.
        let base = std::env::var_os("SERIALKIT_TEST_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data")
            })
            .join("epcis");
        let mut dirs = vec![base];
        let mut docs = 0;
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "xml") {
                    let doc = std::fs::read_to_string(&path).expect("corpus XML is UTF-8");
                    let whole = tokens(&doc, CHUNK);
                    for chunk in [1, 7, 64, 1000] {
                        assert_eq!(
                            tokens(&doc, chunk),
                            whole,
                            "{} in windows of {chunk}",
                            path.display()
                        );
                    }
                    docs += 1;
                }
            }
        }
        println!(
            "xml windows: {docs} corpus documents read alike in windows of 1, 7, 64 and 1000 bytes"
        );
    }

    #[test]
    fn windows_do_not_change_what_is_read() {
        // Markup that may hold `<` (comments, CDATA, processing
        // instructions, a doctype), references, attributes, a BOM, long
        // text, and ill-formed input, cut by windows of every small size:
        // what is read equals reading in one window.
        let long = "x".repeat(300);
        let docs = [
            "\u{feff}<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" k=\"v&amp;w\">\n  <b>one &lt; two &#x41;</b>\n  <!-- a < b -->\n  <c><![CDATA[x < y]]> z</c>\n  <?pi a < b?>\n  <d/>\n</a>\n".to_owned(),
            format!("<!DOCTYPE a [<!ENTITY e \"v\">]><a><b>{long}</b><b>\u{feff}{long}</b></a>"),
            "<a><b>text</c></a>".to_owned(),
            "<a><b>text</b></a></a>".to_owned(),
            "<a><!-- never closed <b/></a>".to_owned(),
            "<a><b k=\"unclosed><c/></b></a>".to_owned(),
            "<a>&unknown;</a>".to_owned(),
            "<a><!x></a><b/>".to_owned(),
            "<a>\n<b>\u{e9}t\u{e9}</b>\n</a".to_owned(),
        ];
        for doc in &docs {
            let whole = tokens(doc, CHUNK);
            for chunk in 1..=40 {
                assert_eq!(tokens(doc, chunk), whole, "{doc:?} in windows of {chunk}");
            }
        }
    }
}
