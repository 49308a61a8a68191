//! Reads XML into small element trees (one event, the header, a query) on
//! top of quick-xml's pull parser, with namespace scoping and positions.

use crate::error::{Error, Location, Problem};
use crate::ext::{NamespaceScope, QName};
use quick_xml::events::{BytesStart, Event as XmlEvent};
use std::io::BufRead;

/// How deep an element tree may nest before the input is rejected.
pub(crate) const MAX_DEPTH: usize = 256;

/// Lines seen by the reader, remembering where recent lines start so that
/// positions inside the current event resolve to line and column.
#[derive(Default)]
pub(crate) struct Lines {
    /// Offsets of the most recent newlines (ring).
    recent: std::collections::VecDeque<u64>,
    /// Newlines before the oldest remembered one.
    forgotten: u32,
    /// Bytes scanned so far.
    scanned: u64,
}

const RECENT_LINES: usize = 1 << 14;

impl Lines {
    fn scan(&mut self, bytes: &[u8]) {
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                if self.recent.len() == RECENT_LINES {
                    self.recent.pop_front();
                    self.forgotten += 1;
                }
                self.recent.push_back(self.scanned + i as u64);
            }
        }
        self.scanned += bytes.len() as u64;
    }

    pub(crate) fn line_col(&self, offset: u64) -> (u32, u32) {
        let idx = self.recent.partition_point(|&nl| nl < offset);
        let line = self.forgotten + idx as u32 + 1;
        let start = if idx == 0 {
            if self.forgotten == 0 { 0 } else { offset }
        } else {
            self.recent[idx - 1] + 1
        };
        (line, (offset.saturating_sub(start)) as u32 + 1)
    }
}

/// A `BufRead` that feeds [`Lines`] with what the parser consumes.
pub(crate) struct Tracked<R> {
    inner: R,
    pub(crate) lines: Lines,
}

impl<R: BufRead> std::io::Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let avail = self.inner.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.lines.scan(&buf[..n]);
        }
        self.inner.consume(amt);
    }
}

/// An element with its attributes, trimmed text and children.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) name: QName,
    pub(crate) attrs: Vec<(QName, String)>,
    pub(crate) text: String,
    pub(crate) children: Vec<Node>,
    pub(crate) pos: u64,
}

impl Node {
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.local == local)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) struct XmlSource<R: BufRead> {
    pub(crate) reader: quick_xml::Reader<Tracked<R>>,
    buf: Vec<u8>,
    pub(crate) ns: NamespaceScope,
}

/// A start tag read from the stream.
pub(crate) struct Start {
    pub(crate) name: QName,
    pub(crate) attrs: Vec<(QName, String)>,
    /// `xmlns` declarations on this element.
    pub(crate) decls: Vec<(String, String)>,
    pub(crate) empty: bool,
    pub(crate) pos: u64,
}

pub(crate) enum Tok {
    Start(Start),
    /// An end tag, with the (untrimmed) text that preceded it since the
    /// last child: EPCIS has no mixed content, so this is a leaf's text.
    End(String),
    Eof,
}

impl<R: BufRead> XmlSource<R> {
    pub(crate) fn new(inner: R) -> Self {
        let mut reader = quick_xml::Reader::from_reader(Tracked {
            inner,
            lines: Lines::default(),
        });
        let cfg = reader.config_mut();
        cfg.trim_text(false);
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        XmlSource {
            reader,
            buf: Vec::with_capacity(1024),
            ns: NamespaceScope::default(),
        }
    }

    pub(crate) fn location(&self, offset: u64) -> Location {
        let (line, column) = self.reader.get_ref().lines.line_col(offset);
        Location::Xml {
            offset,
            line,
            column,
        }
    }

    pub(crate) fn error(&self, offset: u64, problem: Problem) -> Error {
        Error::invalid(self.location(offset), problem)
    }

    fn syntax(&self, offset: u64, message: String) -> Error {
        self.error(
            offset,
            Problem::Syntax {
                format: "XML",
                message,
            },
        )
    }

    fn start_tag(&mut self, e: &BytesStart<'_>, empty: bool, pos: u64) -> Result<Start, Error> {
        self.ns.push_scope();
        let mut decls = Vec::new();
        let mut raw_attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.syntax(pos, err.to_string()))?;
            let key = std::str::from_utf8(a.key.as_ref())
                .map_err(|err| self.syntax(pos, err.to_string()))?
                .to_owned();
            let value = a
                .decoded_and_normalized_value(
                    quick_xml::XmlVersion::Implicit1_0,
                    self.reader.decoder(),
                )
                .map_err(|err| self.syntax(pos, err.to_string()))?
                .into_owned();
            if key == "xmlns" {
                decls.push((String::new(), value));
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                decls.push((p.to_owned(), value));
            } else {
                raw_attrs.push((key, value));
            }
        }
        for (p, u) in &decls {
            self.ns.bind(p, u);
        }
        let raw = std::str::from_utf8(e.name().as_ref())
            .map_err(|err| self.syntax(pos, err.to_string()))?
            .to_owned();
        let name = self.ns.qname(&raw, true);
        let attrs = raw_attrs
            .into_iter()
            .map(|(k, v)| (self.ns.qname(&k, false), v))
            .collect();
        if empty {
            self.ns.pop_scope();
        }
        Ok(Start {
            name,
            attrs,
            decls,
            empty,
            pos,
        })
    }

    /// The next start tag, end tag (with its text), or end of input.
    pub(crate) fn next(&mut self) -> Result<Tok, Error> {
        enum Step {
            Start(BytesStart<'static>, bool),
            End,
            Text(String),
            Eof,
            Skip,
        }
        let mut text = String::new();
        loop {
            let pos = self.reader.buffer_position();
            self.buf.clear();
            let step: Result<Step, String> = match self.reader.read_event_into(&mut self.buf) {
                Err(e) => Err(e.to_string()),
                Ok(XmlEvent::Start(e)) => Ok(Step::Start(e.into_owned(), false)),
                Ok(XmlEvent::Empty(e)) => Ok(Step::Start(e.into_owned(), true)),
                Ok(XmlEvent::End(_)) => Ok(Step::End),
                Ok(XmlEvent::Text(t)) => t
                    .decode()
                    .map(|s| Step::Text(s.into_owned()))
                    .map_err(|e| e.to_string()),
                Ok(XmlEvent::CData(t)) => t
                    .decode()
                    .map(|s| Step::Text(s.into_owned()))
                    .map_err(|e| e.to_string()),
                Ok(XmlEvent::GeneralRef(r)) => match r.resolve_char_ref() {
                    Ok(Some(c)) => Ok(Step::Text(c.to_string())),
                    Ok(None) => match r.decode() {
                        Ok(name) => match &*name {
                            "lt" => Ok(Step::Text("<".into())),
                            "gt" => Ok(Step::Text(">".into())),
                            "amp" => Ok(Step::Text("&".into())),
                            "apos" => Ok(Step::Text("'".into())),
                            "quot" => Ok(Step::Text("\"".into())),
                            other => Err(format!("unknown entity `&{other};`")),
                        },
                        Err(e) => Err(e.to_string()),
                    },
                    Err(e) => Err(e.to_string()),
                },
                Ok(XmlEvent::Eof) => Ok(Step::Eof),
                Ok(_) => Ok(Step::Skip),
            };
            match step {
                Err(message) => {
                    let at = self.reader.error_position().max(pos);
                    return Err(self.syntax(at, message));
                }
                Ok(Step::Start(e, empty)) => {
                    // Text before a child element is dropped: EPCIS has no mixed content.
                    return Ok(Tok::Start(self.start_tag(&e, empty, pos)?));
                }
                Ok(Step::End) => {
                    self.ns.pop_scope();
                    return Ok(Tok::End(text));
                }
                Ok(Step::Text(t)) => text.push_str(&t),
                Ok(Step::Eof) => return Ok(Tok::Eof),
                Ok(Step::Skip) => {}
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
        let mut stack = vec![root];
        loop {
            match self.next()? {
                Tok::Start(s) => {
                    if stack.len() >= MAX_DEPTH {
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
                        if let Some(top) = stack.last_mut() {
                            top.children.push(node);
                        }
                    } else {
                        stack.push(node);
                    }
                }
                Tok::End(text) => {
                    let Some(mut node) = stack.pop() else { break };
                    if node.children.is_empty() {
                        node.text = text.trim().to_owned();
                    }
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => return Ok(node),
                    }
                }
                Tok::Eof => {
                    let pos = self.reader.buffer_position();
                    return Err(
                        self.syntax(pos, "unexpected end of input inside an element".into())
                    );
                }
            }
        }
        let pos = self.reader.buffer_position();
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
                    let pos = self.reader.buffer_position();
                    return Err(self.syntax(pos, "unexpected end of input".into()));
                }
            }
        }
    }
}
