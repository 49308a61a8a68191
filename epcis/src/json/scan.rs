//! A pull scanner over JSON bytes from any `Read`: it walks the document
//! skeleton (objects, keys, arrays) and hands out the bytes of complete
//! values, which serde_json then parses. serde_json has no pull API for the
//! elements of a nested array; this is what makes the reader streaming.
//! Memory holds the current value plus one read chunk, unless the caller
//! pins the buffer to rewind.

use crate::error::{Error, Location, Problem};
use std::cell::Cell;
use std::io::Read;

const CHUNK: usize = 64 * 1024;

pub(crate) struct Scanner<R> {
    reader: R,
    /// Zero-initialised storage; `buf[..end]` holds the bytes read.
    /// Reading straight into the spare tail (rather than into a stack
    /// chunk that is zeroed and then appended) saves a memset and a copy
    /// of every input byte: 4% of the reader's instructions (callgrind).
    buf: Vec<u8>,
    end: usize,
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
    /// When it has, the offset in the value of its first number: the
    /// number texts are collected from there on (see [`Self::number_part`]).
    first_number: usize,
    /// The last position resolved to a line: (buffer position, newlines
    /// before it counted from the start, offset of its line's start).
    /// Positions asked for move forward, so each is counted from the last
    /// rather than from the start of the buffer.
    line_memo: Cell<(usize, u32, u64)>,
}

/// [`SPAN_CLASS`] bit of the bytes that open or close strings, objects and
/// arrays.
pub(crate) const STRUCTURE: u8 = 1;
/// [`SPAN_CLASS`] bit of the bytes that start or continue a number.
pub(crate) const NUMBER: u8 = 2;
/// [`SPAN_CLASS`] bit of a newline, after which [`find_class`] looks for
/// indentation.
const NEWLINE: u8 = 4;

/// What each byte means to [`Scanner::value_span`] inside a container.
const SPAN_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = STRUCTURE;
    t[b'{' as usize] = STRUCTURE;
    t[b'}' as usize] = STRUCTURE;
    t[b'[' as usize] = STRUCTURE;
    t[b']' as usize] = STRUCTURE;
    t[b'-' as usize] = NUMBER;
    t[b'\n' as usize] = NEWLINE;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = NUMBER;
        d += 1;
    }
    t
};

/// The index of the first byte of `bytes` whose [`SPAN_CLASS`] meets
/// `mask`.
#[inline]
pub(crate) fn find_class(bytes: &[u8], mask: u8) -> Option<usize> {
    let mut k = 0;
    loop {
        k += bytes[k..]
            .iter()
            .position(|&b| SPAN_CLASS[b as usize] & (mask | NEWLINE) != 0)?;
        if SPAN_CLASS[bytes[k] as usize] & mask != 0 {
            return Some(k);
        }
        // Pretty-printed JSON indents each line with a run of spaces, most
        // of the bytes between values: after a newline they are passed
        // over eight at a time. That took 8% off the span scan, half of
        // what the byte-by-byte search between values cost (callgrind).
        k += 1;
        while let Some(chunk) = bytes
            .get(k..k + 8)
            .and_then(|c| <&[u8; 8]>::try_from(c).ok())
        {
            if chunk != b"        " {
                break;
            }
            k += 8;
        }
    }
}

/// How many consumed bytes are kept before they are dropped from the
/// buffer: dropping moves the unread rest, which per event cost as much
/// as scanning it.
const KEEP_CONSUMED: usize = CHUNK;

/// The least free space a read is made into: below it, consumed bytes are
/// dropped or the storage grows.
const MIN_READ: usize = 4 * 1024;

impl<R: Read> Scanner<R> {
    pub(crate) fn new(reader: R) -> Self {
        Scanner {
            reader,
            buf: Vec::new(),
            end: 0,
            pos: 0,
            eof: false,
            base: 0,
            base_line: 0,
            base_line_start: 0,
            pinned: false,
            last_had_number: false,
            first_number: 0,
            line_memo: Cell::new((0, 0, 0)),
        }
    }

    fn fill(&mut self) -> Result<bool, Error> {
        if self.eof {
            return Ok(false);
        }
        if self.buf.len() - self.end < MIN_READ {
            // Dropping consumed bytes is cheap once they are at least
            // half of what is held; otherwise the storage grows.
            if !self.pinned && self.pos * 2 > self.end {
                self.compact();
            }
            if self.buf.len() - self.end < MIN_READ {
                let len = (self.buf.len() * 2).max(self.end + CHUNK);
                self.buf.resize(len, 0);
            }
        }
        let limit = self.buf.len().min(self.end + CHUNK);
        let n = loop {
            match self.reader.read(&mut self.buf[self.end..limit]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        };
        self.end += n;
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
        let (line, line_start) = self.line_at(self.pos);
        self.base_line = line;
        self.base_line_start = line_start;
        self.base += self.pos as u64;
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        self.line_memo
            .set((0, self.base_line, self.base_line_start));
    }

    /// Drops consumed bytes once they are many: memory stays bounded by
    /// the current value, one read chunk and [`KEEP_CONSUMED`].
    pub(crate) fn compact_if_large(&mut self) {
        if self.pos > KEEP_CONSUMED {
            self.compact();
        }
    }

    /// Newlines before buffer position `p` (counted from the start of the
    /// document) and the offset where `p`'s line starts.
    fn line_at(&self, p: usize) -> (u32, u64) {
        let p = p.min(self.end);
        let (from, mut line, mut line_start) = match self.line_memo.get() {
            (m, line, start) if m <= p => (m, line, start),
            _ => (0, self.base_line, self.base_line_start),
        };
        let span = &self.buf[from..p];
        if let Some(last) = memchr::memrchr(b'\n', span) {
            line += memchr::memchr_iter(b'\n', span).count() as u32;
            line_start = self.base + (from + last) as u64 + 1;
        }
        self.line_memo.set((p, line, line_start));
        (line, line_start)
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

    /// The part of the last value spanned, `start..end`, from its first
    /// number outside strings on (empty when it has none): the same number
    /// tokens as the whole value, found without reading its start again.
    /// The numbers of a quantity event are near its end: reading all of
    /// it again for them cost 4,000 instructions per event, this 1,750.
    pub(crate) fn number_part(&self, start: usize, end: usize) -> &[u8] {
        if self.last_had_number {
            &self.buf[start + self.first_number..end]
        } else {
            &[]
        }
    }

    pub(crate) fn slice(&self, start: usize, end: usize) -> &[u8] {
        &self.buf[start..end]
    }

    /// Line and column (1-based) of buffer position `p`.
    pub(crate) fn line_col(&self, p: usize) -> (u32, u32) {
        let (line, line_start) = self.line_at(p);
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
            if self.pos < self.end {
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
            let need = if in_str && i < self.end && self.buf[i] == b'\\' {
                i + 2
            } else {
                i + 1
            };
            if need > self.end {
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
            if in_str {
                // The string's plain bytes are skipped in one search; what
                // ends the search is a quote or an escape.
                let Some(k) = memchr::memchr2(b'"', b'\\', &self.buf[i..self.end]) else {
                    i = self.end;
                    continue;
                };
                i += k;
                if self.buf[i] == b'\\' {
                    // An escape is skipped whole once both of its bytes
                    // are in the buffer; otherwise the check above reads on.
                    if i + 2 <= self.end {
                        i += 2;
                    }
                    continue;
                }
                in_str = false;
                i += 1;
                if depth == 0 {
                    self.pos = i;
                    self.last_had_number = false;
                    return Ok((start, i));
                }
                continue;
            }
            if depth > 0 {
                // Inside an object or array, only brackets, quotes and (until
                // one is seen) number characters matter: whitespace, keys'
                // colons, commas and literals are skipped in a tight loop.
                let mask = if number {
                    STRUCTURE
                } else {
                    STRUCTURE | NUMBER
                };
                match find_class(&self.buf[i..self.end], mask) {
                    Some(k) => i += k,
                    None => {
                        i = self.end;
                        continue;
                    }
                }
            }
            let b = self.buf[i];
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
                b'-' | b'0'..=b'9' if !number => {
                    self.first_number = i - start;
                    number = true;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::de::number_tokens;

    /// A reader handing out at most `.1` bytes a call.
    struct Chunks<'a>(&'a [u8], usize);

    impl Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Line and column by counting from the start of the document.
    fn counted(doc: &[u8], p: usize) -> (u32, u32) {
        let before = &doc[..p];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line + 1, (p - start) as u32 + 1)
    }

    const VALUES: &[&str] = &[
        r#""plain""#,
        r#""esc\"aped\\""#,
        r#""\\""#,
        r#""a\nb\u00e9""#,
        "{\"k\": [1, -2.5e3,\n \"x\\\"]\"], \"o\": {\"\": \"}\"}}",
        "[[], {}, \"\\\\\\\"\", 7]",
        "-12",
        "true",
        "null",
        "\"\"",
    ];

    fn document() -> String {
        format!("[\n  {}\n]\n", VALUES.join(",\n  "))
    }

    #[test]
    fn value_spans_do_not_depend_on_chunking() {
        let doc = document();
        for chunk in [1, 2, 3, 7, 4096] {
            let mut sc = Scanner::new(Chunks(doc.as_bytes(), chunk));
            sc.expect(b'[', "").unwrap();
            let mut first = true;
            let mut got = Vec::new();
            while sc.next_element(&mut first, "").unwrap() {
                let (s, e) = sc.value_span("").unwrap();
                assert_eq!(
                    number_tokens(sc.number_part(s, e)),
                    number_tokens(sc.slice(s, e))
                );
                got.push(String::from_utf8(sc.slice(s, e).to_vec()).unwrap());
                sc.compact_if_large();
            }
            assert_eq!(got, VALUES, "chunk {chunk}");
        }
    }

    /// A deterministic xorshift stream for the randomized tests below.
    fn xorshift(mut x: u32) -> impl FnMut() -> u32 {
        move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        }
    }

    #[test]
    fn find_class_equals_a_byte_by_byte_search() {
        // Mostly spaces and newlines, so that runs of every length meet
        // every other class at every offset.
        const ALPHABET: &[u8] = b"          \n\n\n\"{}[]-0a:,\t\r";
        let mut next = xorshift(0x2545_f491);
        for round in 0..4000 {
            let len = (next() % 80) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| ALPHABET[next() as usize % ALPHABET.len()])
                .collect();
            for mask in [STRUCTURE, STRUCTURE | NUMBER, NUMBER] {
                let expected = bytes
                    .iter()
                    .position(|&b| SPAN_CLASS[b as usize] & mask != 0);
                assert_eq!(
                    find_class(&bytes, mask),
                    expected,
                    "round {round}, mask {mask}: {:?}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
    }

    #[test]
    fn long_documents_span_alike_at_every_chunk_size() {
        // Enough values, indented, for the buffer to drop consumed bytes
        // and to grow (a value larger than the first storage) while read.
        let mut values: Vec<String> = Vec::new();
        let mut next = xorshift(0x9e37_79b9);
        for i in 0..3000 {
            let v = VALUES[next() as usize % VALUES.len()];
            let indent = " ".repeat((next() % 20) as usize);
            values.push(format!(
                "{{\n{indent}\"k{i}\": {v},\n{indent}  \"n\": [{i}]}}"
            ));
        }
        values.push(format!("\"{}\"", "x".repeat(200_000)));
        let doc = format!("[\n  {}\n]\n", values.join(",\n          "));
        for chunk in [1, 7, 4096, 100_000] {
            let mut sc = Scanner::new(Chunks(doc.as_bytes(), chunk));
            sc.expect(b'[', "").unwrap();
            let mut first = true;
            let mut got = 0;
            while sc.next_element(&mut first, "").unwrap() {
                let (s, e) = sc.value_span("").unwrap();
                let text = std::str::from_utf8(sc.slice(s, e)).unwrap();
                // The number texts of a span are those of its number part.
                assert_eq!(
                    number_tokens(sc.number_part(s, e)),
                    number_tokens(text.as_bytes())
                );
                assert_eq!(text, values[got], "chunk {chunk}, value {got}");
                if got % 97 == 0 || got + 1 == values.len() {
                    let at = doc.find(&values[got]).unwrap();
                    assert_eq!(sc.line_col(s), counted(doc.as_bytes(), at));
                }
                got += 1;
                sc.compact_if_large();
            }
            assert_eq!(got, values.len(), "chunk {chunk}");
            assert!(sc.buf.len() < 1 << 20, "storage {}", sc.buf.len());
        }
    }

    #[test]
    fn unterminated_string_after_an_escape_is_an_error() {
        for doc in [&b"\"ab\\"[..], b"\"ab\\\"", b"[\"a"] {
            for chunk in [1, 2, 4096] {
                let mut sc = Scanner::new(Chunks(doc, chunk));
                assert!(sc.value_span("").is_err(), "{doc:?} chunk {chunk}");
            }
        }
    }

    #[test]
    fn line_col_equals_counting_from_the_start() {
        let doc = document().repeat(3);
        let bytes = doc.as_bytes();
        let mut sc = Scanner::new(Chunks(bytes, 5));
        sc.pin();
        while sc.fill().unwrap() {}
        // Positions forward, backward and repeated, as errors and events
        // ask for them: each answer as if counted from the start.
        let mut x = 0x9e37_79b9_u32;
        let mut positions: Vec<usize> = (0..=bytes.len()).step_by(3).collect();
        for _ in 0..500 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            positions.push(x as usize % (bytes.len() + 1));
        }
        for p in positions {
            assert_eq!(sc.line_col(p), counted(bytes, p), "position {p}");
        }
        // After dropping consumed bytes, positions are buffer positions.
        sc.unpin();
        sc.pos = bytes.len() / 2;
        let dropped = sc.pos;
        sc.compact();
        for p in 0..=bytes.len() - dropped {
            assert_eq!(
                sc.line_col(p),
                counted(bytes, dropped + p),
                "after compact {p}"
            );
        }
    }
}
