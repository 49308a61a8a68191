//! A pull scanner over JSON bytes from any `Read`: it walks the document
//! skeleton (objects, keys, arrays) and hands out the bytes of complete
//! values, which serde_json then parses. serde_json has no pull API for the
//! elements of a nested array; this is what makes the reader streaming.
//! Memory holds the current value plus one read chunk, unless the caller
//! pins the buffer to rewind.

use crate::error::{Error, Location, Problem};
use std::io::Read;

const CHUNK: usize = 64 * 1024;

pub(crate) struct Scanner<R> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// Line (0-based count of newlines) at `buf[0]` and the column origin.
    base_line: u32,
    base_line_start: u64,
    /// While pinned, consumed bytes are kept so the caller can rewind.
    pinned: bool,
    /// Whether the last value spanned has a number outside its strings:
    /// only then are its number texts collected (most events have none).
    pub(crate) last_had_number: bool,
}

impl<R: Read> Scanner<R> {
    pub(crate) fn new(reader: R) -> Self {
        Scanner {
            reader,
            buf: Vec::with_capacity(CHUNK),
            pos: 0,
            eof: false,
            base: 0,
            base_line: 0,
            base_line_start: 0,
            pinned: false,
            last_had_number: false,
        }
    }

    fn fill(&mut self) -> Result<bool, Error> {
        if self.eof {
            return Ok(false);
        }
        if !self.pinned && self.pos > CHUNK && self.pos * 2 > self.buf.len() {
            self.compact();
        }
        let mut chunk = [0u8; 16 * 1024];
        let n = loop {
            match self.reader.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        };
        self.buf.extend_from_slice(&chunk[..n]);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// Drops consumed bytes, keeping line accounting.
    pub(crate) fn compact(&mut self) {
        if self.pinned || self.pos == 0 {
            return;
        }
        let dropped = &self.buf[..self.pos];
        let mut last_nl = None;
        let mut lines = 0u32;
        for (i, &b) in dropped.iter().enumerate() {
            if b == b'\n' {
                lines += 1;
                last_nl = Some(i);
            }
        }
        if let Some(i) = last_nl {
            self.base_line += lines;
            self.base_line_start = self.base + i as u64 + 1;
        }
        self.base += self.pos as u64;
        self.buf.drain(..self.pos);
        self.pos = 0;
    }

    pub(crate) fn pin(&mut self) -> usize {
        self.pinned = true;
        self.pos
    }

    pub(crate) fn rewind(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub(crate) fn unpin(&mut self) {
        self.pinned = false;
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn slice(&self, start: usize, end: usize) -> &[u8] {
        &self.buf[start..end]
    }

    /// Line and column (1-based) of buffer position `p`.
    pub(crate) fn line_col(&self, p: usize) -> (u32, u32) {
        let upto = &self.buf[..p.min(self.buf.len())];
        let mut line = self.base_line;
        let mut line_start = self.base_line_start;
        for (i, &b) in upto.iter().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = self.base + i as u64 + 1;
            }
        }
        (line + 1, (self.base + p as u64 - line_start) as u32 + 1)
    }

    pub(crate) fn location(&self, pointer: &str, p: usize) -> Location {
        let (line, column) = self.line_col(p);
        Location::Json {
            pointer: pointer.to_owned(),
            line: Some(line),
            column: Some(column),
        }
    }

    pub(crate) fn syntax(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::invalid(
            self.location(pointer, self.pos),
            Problem::Syntax {
                format: "JSON",
                message: message.into(),
            },
        )
    }

    pub(crate) fn peek(&mut self) -> Result<Option<u8>, Error> {
        loop {
            if self.pos < self.buf.len() {
                return Ok(Some(self.buf[self.pos]));
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    pub(crate) fn peek_token(&mut self) -> Result<Option<u8>, Error> {
        loop {
            match self.peek()? {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                other => return Ok(other),
            }
        }
    }

    pub(crate) fn expect(&mut self, c: u8, pointer: &str) -> Result<(), Error> {
        match self.peek_token()? {
            Some(b) if b == c => {
                self.pos += 1;
                Ok(())
            }
            Some(b) => Err(self.syntax(
                pointer,
                format!("expected `{}`, found `{}`", c as char, b as char),
            )),
            None => Err(self.syntax(
                pointer,
                format!("expected `{}`, found end of input", c as char),
            )),
        }
    }

    /// After `{` or `,` in an object: the next key, or `None` at `}`.
    pub(crate) fn next_key(
        &mut self,
        first: &mut bool,
        pointer: &str,
    ) -> Result<Option<String>, Error> {
        match self.peek_token()? {
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b',') if !*first => self.pos += 1,
            Some(_) if *first => {}
            Some(b) => {
                return Err(self.syntax(
                    pointer,
                    format!("expected `,` or `}}`, found `{}`", b as char),
                ));
            }
            None => return Err(self.syntax(pointer, "unterminated object")),
        }
        *first = false;
        if self.peek_token()? != Some(b'"') {
            return Err(self.syntax(pointer, "expected a string key"));
        }
        let (s, e) = self.value_span(pointer)?;
        let key: String = serde_json::from_slice(&self.buf[s..e])
            .map_err(|err| self.syntax(pointer, err.to_string()))?;
        self.expect(b':', pointer)?;
        Ok(Some(key))
    }

    /// After `[` or `,` in an array: whether another element follows.
    pub(crate) fn next_element(&mut self, first: &mut bool, pointer: &str) -> Result<bool, Error> {
        match self.peek_token()? {
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b',') if !*first => {
                self.pos += 1;
                *first = false;
                Ok(true)
            }
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(b) => Err(self.syntax(
                pointer,
                format!("expected `,` or `]`, found `{}`", b as char),
            )),
            None => Err(self.syntax(pointer, "unterminated array")),
        }
    }

    /// Consumes one complete value and returns its span in the buffer
    /// (valid until the next call that may read or compact).
    pub(crate) fn value_span(&mut self, pointer: &str) -> Result<(usize, usize), Error> {
        let first = self
            .peek_token()?
            .ok_or_else(|| self.syntax(pointer, "expected a value"))?;
        let mut start = self.pos;
        let mut i = start;
        let mut depth = 0usize;
        let mut in_str = false;
        let scalar = !matches!(first, b'"' | b'{' | b'[');
        let mut number = false;
        loop {
            // Need one byte at `i` (two after a backslash in a string).
            let need = if in_str && i < self.buf.len() && self.buf[i] == b'\\' {
                i + 2
            } else {
                i + 1
            };
            if need > self.buf.len() {
                let rel = i - start;
                // fill() may drop consumed bytes before `self.pos`: keep `start`.
                self.pos = start;
                if !self.fill()? {
                    if scalar && !in_str && i > start {
                        self.pos = start + rel;
                        self.last_had_number = number || first == b'-' || first.is_ascii_digit();
                        return Ok((start, start + rel));
                    }
                    return Err(self.syntax(pointer, "unexpected end of input inside a value"));
                }
                start = self.pos;
                i = start + rel;
                continue;
            }
            let b = self.buf[i];
            if in_str {
                match b {
                    b'\\' => i += 2,
                    b'"' => {
                        in_str = false;
                        i += 1;
                        if depth == 0 {
                            self.pos = i;
                            self.last_had_number = false;
                            return Ok((start, i));
                        }
                    }
                    _ => i += 1,
                }
                continue;
            }
            if scalar && matches!(b, b'{' | b'[' | b'"' | b':') {
                // A scalar ends at any structural character.
                self.pos = i;
                self.last_had_number = first == b'-' || first.is_ascii_digit();
                return Ok((start, i));
            }
            match b {
                b'"' => in_str = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        self.pos = i;
                        self.last_had_number = number;
                        return Ok((start, i));
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.pos = i + 1;
                        self.last_had_number = number;
                        return Ok((start, i + 1));
                    }
                }
                b',' | b' ' | b'\n' | b'\r' | b'\t' if depth == 0 => {
                    self.pos = i;
                    self.last_had_number = number || first == b'-' || first.is_ascii_digit();
                    return Ok((start, i));
                }
                b'-' | b'0'..=b'9' => number = true,
                _ => {}
            }
            i += 1;
        }
    }
}
