//! serde visitors that build the model straight from JSON-LD, tracking the
//! JSON Pointer of every value for diagnostics.

use super::scan::{NUMBER, STRUCTURE, find_class};
use crate::document::*;
use crate::epc::{Epc, Uri};
use crate::error::Problem;
use crate::event::*;
use crate::ext::{ExtValue, Extension, QName};
use crate::parts::EventParts;
use crate::time::{TimeZoneOffset, Timestamp};
use crate::vocab::*;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

pub(crate) enum Seg {
    /// A key, by its range in [`Path::keys`].
    Key(std::ops::Range<usize>),
    Idx(usize),
}

/// The path to the value being read. Its keys share one buffer: a key is
/// pushed for every field read, and a `String` each cost an allocation.
#[derive(Default)]
struct Path {
    segs: Vec<Seg>,
    keys: String,
}

impl Path {
    /// The segments of JSON Pointer `base`; a segment that reads as a
    /// number is an index.
    fn parse(base: &str) -> Self {
        let mut path = Path::default();
        for seg in base.split('/').skip(1) {
            // Most segments have no escape: unescaping them would copy twice.
            let seg: Cow<'_, str> = if seg.contains('~') {
                Cow::Owned(seg.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(seg)
            };
            match seg.parse::<usize>() {
                Ok(i) => path.segs.push(Seg::Idx(i)),
                Err(_) => path.push_key(&seg),
            }
        }
        path
    }

    fn push_key(&mut self, k: &str) {
        let start = self.keys.len();
        self.keys.push_str(k);
        self.segs.push(Seg::Key(start..self.keys.len()));
    }

    fn pop(&mut self) {
        if let Some(Seg::Key(r)) = self.segs.pop() {
            self.keys.truncate(r.start);
        }
    }
}

/// The parsed path of an event list, lent to the context of each of its
/// events: building it from the element's pointer text for every event
/// (split, unescape, try each segment as a number, two allocations) was
/// about 3% of the reader's instructions.
pub(crate) struct ListPath {
    path: Path,
    segs: usize,
    keys: usize,
}

impl ListPath {
    pub(crate) fn new(list_pointer: &str) -> Self {
        let path = Path::parse(list_pointer);
        ListPath {
            segs: path.segs.len(),
            keys: path.keys.len(),
            path,
        }
    }
}

/// Shared state of one parse: the current path, the failure that stopped
/// it, collected non-fatal diagnostics, the prefixes in scope and the
/// texts of the numbers in the parsed bytes.
pub(crate) struct Cx {
    path: RefCell<Path>,
    pub(crate) failure: RefCell<Option<(String, Problem)>>,
    pub(crate) diags: RefCell<Vec<(String, Problem)>>,
    pub(crate) prefixes: RefCell<Vec<(String, String)>>,
    numbers: RefCell<NumberTexts>,
}

/// The number tokens of the bytes being parsed, in document order.
///
/// serde_json hands numbers to visitors as `u64`, `i64` or `f64`, which
/// loses their spelling (`1.50E+2`) and, past 2^53, their digits. serde
/// visits every value in document order (nothing here skips a value), so
/// the n-th number visited is the n-th number token of the input: the
/// visitors take the token's text from here. Each text is checked against
/// the value serde parsed, so a mismatch can never attach a wrong text.
#[derive(Default)]
struct NumberTexts {
    texts: Vec<String>,
    next: usize,
}

/// The texts of the number tokens outside strings in `json`, in order.
pub(crate) fn number_tokens(json: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                // Skip the string: to the next quote not escaped.
                i += 1;
                while let Some(j) = memchr::memchr2(b'"', b'\\', &json[i..]) {
                    if json[i + j] == b'\\' {
                        i += j + 2;
                    } else {
                        i += j + 1;
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < json.len()
                    && matches!(json[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                out.push(String::from_utf8_lossy(&json[start..i]).into_owned());
            }
            // Bytes up to the next quote, bracket or number are passed over
            // as a run rather than one by one.
            _ => match find_class(&json[i + 1..], STRUCTURE | NUMBER) {
                Some(k) => i += 1 + k,
                None => break,
            },
        }
    }
    out
}

pub(crate) fn escape_pointer(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

impl Cx {
    pub(crate) fn new(base: &str, prefixes: Vec<(String, String)>) -> Self {
        Self::with_path(Path::parse(base), prefixes)
    }

    fn with_path(path: Path, prefixes: Vec<(String, String)>) -> Self {
        Cx {
            path: RefCell::new(path),
            failure: RefCell::new(None),
            diags: RefCell::new(Vec::new()),
            prefixes: RefCell::new(prefixes),
            numbers: RefCell::new(NumberTexts::default()),
        }
    }

    /// The context of element `index` of `list`: the same path as
    /// `Cx::new` of the element's pointer, without parsing that pointer
    /// again (see [`ListPath`]). Give the path back with
    /// [`Cx::return_path`].
    pub(crate) fn in_list(
        list: &mut ListPath,
        index: usize,
        prefixes: Vec<(String, String)>,
    ) -> Self {
        let mut path = std::mem::take(&mut list.path);
        path.segs.push(Seg::Idx(index));
        Self::with_path(path, prefixes)
    }

    /// Hands the path lent by [`Cx::in_list`] back to `list`, cut back to
    /// the list's own segments (a failed parse leaves more on it).
    pub(crate) fn return_path(&self, list: &mut ListPath) {
        let mut path = std::mem::take(&mut *self.path.borrow_mut());
        path.segs.truncate(list.segs);
        path.keys.truncate(list.keys);
        list.path = path;
    }

    /// The texts of the number tokens of the bytes this context parses
    /// (see [`number_tokens`]).
    pub(crate) fn with_numbers(self, texts: Vec<String>) -> Self {
        *self.numbers.borrow_mut() = NumberTexts { texts, next: 0 };
        self
    }

    /// The text of the next number token when it spells `matches`'s value;
    /// otherwise `fallback` (a number not in the token list).
    fn number_text(
        &self,
        matches: impl Fn(&str) -> bool,
        fallback: impl FnOnce() -> String,
    ) -> String {
        let mut n = self.numbers.borrow_mut();
        let next = n.next;
        match n.texts.get_mut(next) {
            Some(t) if matches(t) => {
                n.next += 1;
                std::mem::take(&mut n.texts[next])
            }
            _ => fallback(),
        }
    }

    fn u64_text(&self, v: u64) -> String {
        self.number_text(|t| t.parse::<u64>() == Ok(v), || v.to_string())
    }

    fn i64_text(&self, v: i64) -> String {
        self.number_text(|t| t.parse::<i64>() == Ok(v), || v.to_string())
    }

    fn f64_text(&self, v: f64) -> String {
        self.number_text(|t| t.parse::<f64>() == Ok(v), || float_text(v))
    }

    pub(crate) fn pointer(&self) -> String {
        let mut s = String::new();
        let path = self.path.borrow();
        for seg in &path.segs {
            s.push('/');
            match seg {
                Seg::Key(k) => escape_pointer(&path.keys[k.clone()], &mut s),
                Seg::Idx(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }

    fn push_key(&self, k: &str) {
        self.path.borrow_mut().push_key(k);
    }

    fn push_idx(&self, i: usize) {
        self.path.borrow_mut().segs.push(Seg::Idx(i));
    }

    fn pop(&self) {
        self.path.borrow_mut().pop();
    }

    fn field(&self) -> String {
        let path = self.path.borrow();
        path.segs
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Key(k) => Some(path.keys[k.clone()].to_owned()),
                Seg::Idx(_) => None,
            })
            .unwrap_or_default()
    }

    pub(crate) fn fail<E: de::Error>(&self, problem: Problem) -> E {
        let ptr = self.pointer();
        let msg = format!("{ptr}: {problem}");
        self.failure.borrow_mut().get_or_insert((ptr, problem));
        E::custom(msg)
    }

    /// Records a non-fatal finding at the current path (validation).
    pub(crate) fn note(&self, problem: Problem) {
        self.diags.borrow_mut().push((self.pointer(), problem));
    }

    /// Records a non-fatal finding at the current path plus `key`.
    pub(crate) fn note_at(&self, key: &str, problem: Problem) {
        self.push_key(key);
        self.note(problem);
        self.pop();
    }

    pub(crate) fn qname(&self, key: &str) -> QName {
        match key.split_once(':') {
            Some((p, rest)) if !rest.starts_with("//") => {
                let ns = self
                    .prefixes
                    .borrow()
                    .iter()
                    .rev()
                    .find(|(k, _)| k == p)
                    .map(|(_, v)| v.clone());
                QName {
                    namespace: ns,
                    prefix: Some(p.to_owned()),
                    local: rest.to_owned(),
                }
            }
            _ => QName::local(key),
        }
    }

    fn bad<E: de::Error>(&self, reason: impl fmt::Display) -> E {
        self.fail(Problem::BadValue {
            field: self.field(),
            reason: reason.to_string(),
        })
    }

    fn wrong<E: de::Error>(&self, expected: &'static str) -> E {
        self.fail(Problem::WrongType {
            field: self.field(),
            expected,
        })
    }
}

/// A key, borrowed when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON string.
pub(crate) struct Str<'c>(pub(crate) &'c Cx);

/// Like [`Str`] for a string only looked at: borrowed from the input when
/// it has no escapes, so parsing a time or a code copies nothing.
struct StrRef<'c>(&'c Cx);

impl<'de> DeserializeSeed<'de> for StrRef<'_> {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrRef<'_> {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.wrong("a string"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.wrong("a string"))
    }
}

impl<'de> DeserializeSeed<'de> for Str<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Str<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Err(self.0.wrong("a string"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(self.0.wrong("a string"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(self.0.wrong("a string"))
    }
}

/// The text of a double whose spelling is unknown (a number that is not in
/// the token list): `26.0` must not come back as `26`.
pub(crate) fn float_text(v: f64) -> String {
    let s = v.to_string();
    if v.is_finite() && !s.contains(['.', 'e', 'E']) {
        format!("{s}.0")
    } else {
        s
    }
}

/// A JSON number, as text.
struct Num<'c>(&'c Cx);

impl<'de> DeserializeSeed<'de> for Num<'_> {
    type Value = Decimal;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Num<'_> {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Decimal::new(self.0.u64_text(v)).map_err(|e| self.0.bad(e))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Decimal::new(self.0.i64_text(v)).map_err(|e| self.0.bad(e))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Decimal::new(self.0.f64_text(v)).map_err(|e| self.0.bad(e))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Decimal, E> {
        Err(self.0.wrong("a number"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Decimal, E> {
        Err(self.0.wrong("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Decimal, E> {
        Err(self.0.wrong("a number"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Decimal, A::Error> {
        Err(self.0.wrong("a number"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Decimal, A::Error> {
        Err(self.0.wrong("a number"))
    }
}

/// A JSON boolean.
struct Bool<'c>(&'c Cx);

impl<'de> DeserializeSeed<'de> for Bool<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bool<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Err(self.0.wrong("a boolean"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Err(self.0.wrong("a boolean"))
    }
}

/// An extension value of any shape.
pub(crate) struct Ext<'c>(pub(crate) &'c Cx);

impl<'de> DeserializeSeed<'de> for Ext<'_> {
    type Value = ExtValue;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ExtValue, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Ext<'_> {
    type Value = ExtValue;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<ExtValue, E> {
        Ok(ExtValue::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<ExtValue, E> {
        Ok(ExtValue::Text(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ExtValue, E> {
        Ok(ExtValue::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(self.0.u64_text(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(self.0.i64_text(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(self.0.f64_text(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<ExtValue, E> {
        Ok(ExtValue::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ExtValue, A::Error> {
        let mut items = Vec::new();
        loop {
            self.0.push_idx(items.len());
            let item = seq.next_element_seed(Ext(self.0));
            self.0.pop();
            match item? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        Ok(ExtValue::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtValue, A::Error> {
        let mut fields: Vec<Extension> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            self.0.push_key(&k);
            // Repeated names are XML's way to list; in JSON they are an
            // error (the list is an array).
            if keys.iter().any(|x| *x == *k) {
                let e = self.0.fail(Problem::DuplicateField(k.to_string()));
                self.0.pop();
                return Err(e);
            }
            let v = map.next_value_seed(Ext(self.0));
            self.0.pop();
            keys.push(k.to_string());
            fields.push(Extension::new(self.0.qname(&k), v?));
        }
        Ok(ExtValue::Object(fields))
    }
}

/// Reads `seed` for the value under `key`, tracking the path.
fn value<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    cx: &Cx,
    map: &mut A,
    key: &str,
    seed: S,
) -> Result<S::Value, A::Error> {
    cx.push_key(key);
    let v = map.next_value_seed(seed);
    cx.pop();
    v
}

fn str_value<'de, A: MapAccess<'de>>(cx: &Cx, map: &mut A, key: &str) -> Result<String, A::Error> {
    value(cx, map, key, Str(cx))
}

/// Parses a string field with `parse`, turning errors into bad-value diagnostics.
fn parsed<'de, A: MapAccess<'de>, T, F: fmt::Display>(
    cx: &Cx,
    map: &mut A,
    key: &str,
    parse: impl FnOnce(&str) -> Result<T, F>,
) -> Result<T, A::Error> {
    cx.push_key(key);
    let r = map
        .next_value_seed(StrRef(cx))
        .and_then(|s| parse(&s).map_err(|e| cx.bad(e)));
    cx.pop();
    r
}

/// Like [`parsed`] for values kept as read: `parse` takes the string
/// itself rather than a copy.
fn parsed_owned<'de, A: MapAccess<'de>, T, F: fmt::Display>(
    cx: &Cx,
    map: &mut A,
    key: &str,
    parse: impl FnOnce(String) -> Result<T, F>,
) -> Result<T, A::Error> {
    cx.push_key(key);
    let r = map
        .next_value_seed(Str(cx))
        .and_then(|s| parse(s).map_err(|e| cx.bad(e)));
    cx.pop();
    r
}

/// A list whose elements are read by `F`.
struct List<'c, F>(&'c Cx, F);

impl<'de, T, F> DeserializeSeed<'de> for List<'_, F>
where
    F: Fn(&Cx, String) -> Result<T, String>,
{
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T, F> Visitor<'de> for List<'_, F>
where
    F: Fn(&Cx, String) -> Result<T, String>,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        loop {
            self.0.push_idx(out.len());
            let item = seq.next_element_seed(Str(self.0));
            let r = match item {
                Ok(Some(s)) => match (self.1)(self.0, s) {
                    Ok(v) => {
                        out.push(v);
                        Ok(true)
                    }
                    Err(e) => Err(self.0.bad(e)),
                },
                Ok(None) => Ok(false),
                Err(e) => Err(e),
            };
            self.0.pop();
            if !r? {
                break;
            }
        }
        Ok(out)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<T>, A::Error> {
        Err(self.0.wrong("an array"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
}

fn epc(_: &Cx, s: String) -> Result<Epc, String> {
    Epc::new(s).map_err(|e| e.to_string())
}

fn disposition(_: &Cx, s: &str) -> Result<Disposition, String> {
    Disposition::new(s).map_err(|e| e.to_string())
}

/// A list of objects, each read by a map visitor built with `make`.
struct ObjList<'c, F>(&'c Cx, F);

impl<'de, T, F> DeserializeSeed<'de> for ObjList<'_, F>
where
    F: Fn(&Cx) -> Obj<'_, T>,
{
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T, F> Visitor<'de> for ObjList<'_, F>
where
    F: Fn(&Cx) -> Obj<'_, T>,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        loop {
            self.0.push_idx(out.len());
            let item = seq.next_element_seed((self.1)(self.0));
            self.0.pop();
            match item? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<T>, A::Error> {
        Err(self.0.wrong("an array"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Err(self.0.wrong("an array"))
    }
}

type ObjFn<'c, T> = for<'a> fn(&'c Cx, &mut dyn ErasedMap<'a>) -> Result<T, ()>;

/// Object reader: a field callback over a type-erased map.
pub(crate) struct Obj<'c, T> {
    cx: &'c Cx,
    what: &'static str,
    read: ObjFn<'c, T>,
}

/// `MapAccess` without its type parameters, so object readers are plain functions.
pub(crate) trait ErasedMap<'de> {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, ()>;
    fn str(&mut self, cx: &Cx, key: &str) -> Result<String, ()>;
    fn num(&mut self, cx: &Cx, key: &str) -> Result<Decimal, ()>;
    fn boolean(&mut self, cx: &Cx, key: &str) -> Result<bool, ()>;
    fn ext(&mut self, cx: &Cx, key: &str) -> Result<ExtValue, ()>;
    fn strings(&mut self, cx: &Cx, key: &str) -> Result<Vec<String>, ()>;
    fn objects_sensor_reports(&mut self, cx: &Cx, key: &str) -> Result<Vec<SensorReport>, ()>;
    fn object_sensor_metadata(&mut self, cx: &Cx, key: &str) -> Result<SensorMetadata, ()>;
}

struct Erased<'m, A> {
    map: &'m mut A,
    err: Option<String>,
}

impl<'de, A: MapAccess<'de>> Erased<'_, A> {
    fn keep<T>(&mut self, r: Result<T, A::Error>) -> Result<T, ()> {
        r.map_err(|e| {
            self.err = Some(e.to_string());
        })
    }
}

impl<'de, A: MapAccess<'de>> ErasedMap<'de> for Erased<'_, A> {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, ()> {
        let r = self.map.next_key::<Key<'de>>().map(|k| k.map(|k| k.0));
        self.keep(r)
    }
    fn str(&mut self, cx: &Cx, key: &str) -> Result<String, ()> {
        let r = str_value(cx, self.map, key);
        self.keep(r)
    }
    fn num(&mut self, cx: &Cx, key: &str) -> Result<Decimal, ()> {
        let r = value(cx, self.map, key, Num(cx));
        self.keep(r)
    }
    fn boolean(&mut self, cx: &Cx, key: &str) -> Result<bool, ()> {
        let r = value(cx, self.map, key, Bool(cx));
        self.keep(r)
    }
    fn ext(&mut self, cx: &Cx, key: &str) -> Result<ExtValue, ()> {
        let r = value(cx, self.map, key, Ext(cx));
        self.keep(r)
    }
    fn strings(&mut self, cx: &Cx, key: &str) -> Result<Vec<String>, ()> {
        let r = value(
            cx,
            self.map,
            key,
            List(cx, |_: &Cx, s: String| Ok::<_, String>(s)),
        );
        self.keep(r)
    }
    fn objects_sensor_reports(&mut self, cx: &Cx, key: &str) -> Result<Vec<SensorReport>, ()> {
        let r = value(cx, self.map, key, ObjList(cx, sensor_report_obj));
        self.keep(r)
    }
    fn object_sensor_metadata(&mut self, cx: &Cx, key: &str) -> Result<SensorMetadata, ()> {
        let r = value(cx, self.map, key, sensor_metadata_obj(cx));
        self.keep(r)
    }
}

impl<'de, T> DeserializeSeed<'de> for Obj<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T> Visitor<'de> for Obj<'_, T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut erased = Erased {
            map: &mut map,
            err: None,
        };
        match (self.read)(self.cx, &mut erased) {
            Ok(v) => Ok(v),
            Err(()) => Err(de::Error::custom(erased.err.unwrap_or_else(|| {
                self.cx
                    .failure
                    .borrow()
                    .as_ref()
                    .map(|(p, e)| format!("{p}: {e}"))
                    .unwrap_or_default()
            }))),
        }
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<T, E> {
        Err(self.cx.wrong("an object"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.cx.wrong("an object"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<T, E> {
        Err(self.cx.wrong("an object"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(self.cx.wrong("an object"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<T, E> {
        Err(self.cx.wrong("an object"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(self.cx.wrong("an object"))
    }
}

/// Fails the parse with `problem` at the current path (plus `key`).
fn fail_at(cx: &Cx, key: Option<&str>, problem: Problem) -> Result<(), ()> {
    if let Some(k) = key {
        cx.push_key(k);
    }
    let _: serde_json::Error = cx.fail(problem);
    if key.is_some() {
        cx.pop();
    }
    Err(())
}

fn conv<T, E: fmt::Display>(cx: &Cx, key: &str, r: Result<T, E>) -> Result<T, ()> {
    r.map_err(|e| {
        let _ = fail_at(
            cx,
            Some(key),
            Problem::BadValue {
                field: key.to_owned(),
                reason: e.to_string(),
            },
        );
    })
}

fn require<T>(cx: &Cx, v: Option<T>, field: &str) -> Result<T, ()> {
    match v {
        Some(v) => Ok(v),
        None => {
            fail_at(cx, None, Problem::MissingField(field.to_owned()))?;
            Err(())
        }
    }
}

pub(crate) fn quantity_obj(cx: &Cx) -> Obj<'_, QuantityElement> {
    Obj {
        cx,
        what: "a quantity element",
        read: |cx, m| {
            let (mut class, mut quantity, mut uom) = (None, None, None);
            while let Some(k) = m.key()? {
                match &*k {
                    "epcClass" => class = Some(conv(cx, &k, Epc::new(m.str(cx, &k)?))?),
                    "quantity" => quantity = Some(m.num(cx, &k)?),
                    "uom" => uom = Some(m.str(cx, &k)?),
                    other => {
                        m.ext(cx, other)?;
                        fail_at(cx, Some(other), Problem::UnexpectedField(other.to_owned()))?;
                    }
                }
            }
            Ok(QuantityElement {
                epc_class: require(cx, class, "epcClass")?,
                quantity,
                uom,
            })
        },
    }
}

fn location_obj(cx: &Cx) -> Obj<'_, Location> {
    Obj {
        cx,
        what: "a location object",
        read: |cx, m| {
            let mut id = None;
            let mut extensions = Vec::new();
            while let Some(k) = m.key()? {
                match &*k {
                    "id" => id = Some(conv(cx, "id", Uri::new(m.str(cx, &k)?))?),
                    other => {
                        let v = m.ext(cx, other)?;
                        push_unique(cx, &mut extensions, other, v)?;
                    }
                }
            }
            Ok(Location {
                id: require(cx, id, "id")?,
                extensions,
            })
        },
    }
}

fn biz_transaction_obj(cx: &Cx) -> Obj<'_, BizTransaction> {
    Obj {
        cx,
        what: "a business transaction",
        read: |cx, m| {
            let (mut t, mut id) = (None, None);
            while let Some(k) = m.key()? {
                match &*k {
                    "type" => t = Some(conv(cx, "type", BizTransactionType::new(m.str(cx, &k)?))?),
                    "bizTransaction" => {
                        id = Some(conv(cx, "bizTransaction", Uri::new(m.str(cx, &k)?))?)
                    }
                    other => {
                        m.ext(cx, other)?;
                        fail_at(cx, Some(other), Problem::UnexpectedField(other.to_owned()))?;
                    }
                }
            }
            Ok(BizTransaction {
                transaction_type: t,
                id: require(cx, id, "bizTransaction")?,
            })
        },
    }
}

fn source_obj(cx: &Cx) -> Obj<'_, SourceDest> {
    source_dest_obj(cx, "source")
}

fn destination_obj(cx: &Cx) -> Obj<'_, SourceDest> {
    source_dest_obj(cx, "destination")
}

fn source_dest_obj<'c>(cx: &'c Cx, field: &'static str) -> Obj<'c, SourceDest> {
    fn read(cx: &Cx, m: &mut dyn ErasedMap<'_>, field: &str) -> Result<SourceDest, ()> {
        let (mut t, mut id) = (None, None);
        while let Some(k) = m.key()? {
            if &*k == "type" {
                t = Some(conv(cx, "type", SourceDestType::new(m.str(cx, &k)?))?);
            } else if &*k == field {
                id = Some(conv(cx, field, Uri::new(m.str(cx, &k)?))?);
            } else {
                m.ext(cx, &k)?;
                fail_at(cx, Some(&k), Problem::UnexpectedField(k.to_string()))?;
            }
        }
        Ok(SourceDest {
            kind: require(cx, t, "type")?,
            id: require(cx, id, field)?,
        })
    }
    if field == "source" {
        Obj {
            cx,
            what: "a source",
            read: |cx, m| read(cx, m, "source"),
        }
    } else {
        Obj {
            cx,
            what: "a destination",
            read: |cx, m| read(cx, m, "destination"),
        }
    }
}

fn persistent_disposition_obj(cx: &Cx) -> Obj<'_, PersistentDisposition> {
    Obj {
        cx,
        what: "a persistent disposition",
        read: |cx, m| {
            let mut pd = PersistentDisposition::default();
            while let Some(k) = m.key()? {
                match &*k {
                    "set" | "unset" => {
                        let vals = m.strings(cx, &k)?;
                        let mut out = Vec::new();
                        for v in vals {
                            out.push(conv(cx, &k, disposition(cx, &v))?);
                        }
                        if &*k == "set" {
                            pd.set = out;
                        } else {
                            pd.unset = out;
                        }
                    }
                    other => {
                        m.ext(cx, other)?;
                        fail_at(cx, Some(other), Problem::UnexpectedField(other.to_owned()))?;
                    }
                }
            }
            Ok(pd)
        },
    }
}

pub(crate) fn error_declaration_obj(cx: &Cx) -> Obj<'_, ErrorDeclaration> {
    Obj {
        cx,
        what: "an error declaration",
        read: |cx, m| {
            let (mut time, mut reason, mut ids, mut extensions) =
                (None, None, Vec::new(), Vec::new());
            while let Some(k) = m.key()? {
                match &*k {
                    "declarationTime" => {
                        time = Some(conv(cx, &k, Timestamp::parse(&m.str(cx, &k)?))?)
                    }
                    "reason" => reason = Some(conv(cx, &k, ErrorReason::new(m.str(cx, &k)?))?),
                    "correctiveEventIDs" => {
                        for s in m.strings(cx, &k)? {
                            ids.push(conv(cx, &k, Uri::new(s))?);
                        }
                    }
                    other => {
                        let v = m.ext(cx, other)?;
                        push_unique(cx, &mut extensions, other, v)?;
                    }
                }
            }
            Ok(ErrorDeclaration {
                declaration_time: require(cx, time, "declarationTime")?,
                reason,
                corrective_event_ids: ids,
                extensions,
            })
        },
    }
}

fn opt_uri(cx: &Cx, m: &mut dyn ErasedMap<'_>, k: &str) -> Result<Option<Uri>, ()> {
    Ok(Some(conv(cx, k, Uri::new(m.str(cx, k)?))?))
}

fn opt_time(cx: &Cx, m: &mut dyn ErasedMap<'_>, k: &str) -> Result<Option<Timestamp>, ()> {
    Ok(Some(conv(cx, k, Timestamp::parse(&m.str(cx, k)?))?))
}

pub(crate) fn sensor_metadata_obj(cx: &Cx) -> Obj<'_, SensorMetadata> {
    Obj {
        cx,
        what: "sensor metadata",
        read: |cx, m| {
            let mut md = SensorMetadata::default();
            while let Some(k) = m.key()? {
                match &*k {
                    "time" => md.time = opt_time(cx, m, &k)?,
                    "startTime" => md.start_time = opt_time(cx, m, &k)?,
                    "endTime" => md.end_time = opt_time(cx, m, &k)?,
                    "deviceID" => md.device_id = opt_uri(cx, m, &k)?,
                    "deviceMetadata" => md.device_metadata = opt_uri(cx, m, &k)?,
                    "rawData" => md.raw_data = opt_uri(cx, m, &k)?,
                    "dataProcessingMethod" => md.data_processing_method = opt_uri(cx, m, &k)?,
                    "bizRules" => md.biz_rules = opt_uri(cx, m, &k)?,
                    other => {
                        let v = m.ext(cx, other)?;
                        push_unique(cx, &mut md.extensions, other, v)?;
                    }
                }
            }
            Ok(md)
        },
    }
}

pub(crate) fn sensor_report_obj(cx: &Cx) -> Obj<'_, SensorReport> {
    Obj {
        cx,
        what: "a sensor report",
        read: |cx, m| {
            let mut r = SensorReport::default();
            while let Some(k) = m.key()? {
                match &*k {
                    "type" => {
                        r.measurement_type =
                            Some(conv(cx, &k, MeasurementType::new(m.str(cx, &k)?))?)
                    }
                    "exception" => {
                        r.exception = Some(conv(cx, &k, SensorAlertType::new(m.str(cx, &k)?))?)
                    }
                    "deviceID" => r.device_id = opt_uri(cx, m, &k)?,
                    "deviceMetadata" => r.device_metadata = opt_uri(cx, m, &k)?,
                    "rawData" => r.raw_data = opt_uri(cx, m, &k)?,
                    "dataProcessingMethod" => r.data_processing_method = opt_uri(cx, m, &k)?,
                    "bizRules" => r.biz_rules = opt_uri(cx, m, &k)?,
                    "time" => r.time = opt_time(cx, m, &k)?,
                    "microorganism" => r.microorganism = opt_uri(cx, m, &k)?,
                    "chemicalSubstance" => r.chemical_substance = opt_uri(cx, m, &k)?,
                    "coordinateReferenceSystem" => {
                        r.coordinate_reference_system = opt_uri(cx, m, &k)?
                    }
                    "value" => r.value = Some(m.num(cx, &k)?),
                    "component" => {
                        r.component = Some(conv(cx, &k, Component::new(m.str(cx, &k)?))?)
                    }
                    "stringValue" => r.string_value = Some(m.str(cx, &k)?),
                    "booleanValue" => r.boolean_value = Some(m.boolean(cx, &k)?),
                    "hexBinaryValue" => r.hex_binary_value = Some(m.str(cx, &k)?),
                    "uriValue" => r.uri_value = opt_uri(cx, m, &k)?,
                    "minValue" => r.min_value = Some(m.num(cx, &k)?),
                    "maxValue" => r.max_value = Some(m.num(cx, &k)?),
                    "meanValue" => r.mean_value = Some(m.num(cx, &k)?),
                    "sDev" => r.s_dev = Some(m.num(cx, &k)?),
                    "percRank" => r.perc_rank = Some(m.num(cx, &k)?),
                    "percValue" => r.perc_value = Some(m.num(cx, &k)?),
                    "uom" => r.uom = Some(m.str(cx, &k)?),
                    other => {
                        let v = m.ext(cx, other)?;
                        push_unique(cx, &mut r.extensions, other, v)?;
                    }
                }
            }
            Ok(r)
        },
    }
}

fn sensor_element_obj(cx: &Cx) -> Obj<'_, SensorElement> {
    Obj {
        cx,
        what: "a sensor element",
        read: |cx, m| {
            let mut se = SensorElement::default();
            while let Some(k) = m.key()? {
                match &*k {
                    "sensorMetadata" => se.metadata = Some(m.object_sensor_metadata(cx, &k)?),
                    "sensorReport" => se.reports = m.objects_sensor_reports(cx, &k)?,
                    other => {
                        let v = m.ext(cx, other)?;
                        push_unique(cx, &mut se.extensions, other, v)?;
                    }
                }
            }
            Ok(se)
        },
    }
}

fn ext_object(v: ExtValue) -> Vec<Extension> {
    match v {
        ExtValue::Object(fields) => fields,
        _ => Vec::new(),
    }
}

/// Reads the `@context` value into entries and binds its prefixes.
pub(crate) fn read_context(cx: &Cx, v: &ExtValue) -> Vec<ContextEntry> {
    fn entry(cx: &Cx, v: &ExtValue, out: &mut Vec<ContextEntry>) {
        match v {
            ExtValue::Text(url) => out.push(ContextEntry::Url(url.clone())),
            ExtValue::Object(terms) => {
                let mut list = Vec::new();
                for t in terms {
                    let term = t.name.prefixed();
                    let definition = match &t.value {
                        ExtValue::Text(iri) => {
                            cx.prefixes.borrow_mut().push((term.clone(), iri.clone()));
                            TermDefinition::Iri(iri.clone())
                        }
                        other => TermDefinition::Json(
                            crate::json::ser::ext_value_to_json(other).to_string(),
                        ),
                    };
                    list.push(ContextTerm { term, definition });
                }
                out.push(ContextEntry::Terms(list));
            }
            ExtValue::Array(items) => {
                for i in items {
                    entry(cx, i, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    entry(cx, v, &mut out);
    out
}

/// Reads the raw `@context` JSON (keys unresolved) as an [`ExtValue`].
pub(crate) fn context_value(cx: &Cx, bytes: &[u8]) -> Result<ExtValue, serde_json::Error> {
    let mut d = serde_json::Deserializer::from_slice(bytes);
    let v = Ext(cx).deserialize(&mut d)?;
    d.end()?;
    Ok(v)
}

/// An event object. Returns the event and the contexts it declared itself.
pub(crate) struct EventSeed<'c>(pub(crate) &'c Cx);

impl<'de> DeserializeSeed<'de> for EventSeed<'_> {
    type Value = (Event, Vec<ContextEntry>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventSeed<'_> {
    type Value = (Event, Vec<ContextEntry>);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event object")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(self.0.wrong("an object"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.wrong("an object"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let cx = self.0;
        let mut p = EventParts::default();
        let mut type_name: Option<String> = None;
        let mut contexts = Vec::new();
        let mut pending_ext: Vec<(String, ExtValue)> = Vec::new();
        macro_rules! once {
            ($slot:expr, $k:expr, $v:expr) => {{
                if $slot.is_some() {
                    cx.push_key($k);
                    let e = cx.fail(Problem::DuplicateField($k.to_owned()));
                    cx.pop();
                    return Err(e);
                }
                $slot = Some($v);
            }};
        }
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            let k: &str = &k;
            match k {
                "type" => once!(type_name, k, str_value(cx, &mut map, k)?),
                "@context" => {
                    let v = value(cx, &mut map, k, Ext(cx))?;
                    contexts = read_context(cx, &v);
                }
                "eventTime" => once!(p.event_time, k, parsed(cx, &mut map, k, Timestamp::parse)?),
                "recordTime" => once!(p.record_time, k, parsed(cx, &mut map, k, Timestamp::parse)?),
                "eventTimeZoneOffset" => {
                    once!(
                        p.event_time_zone_offset,
                        k,
                        parsed(cx, &mut map, k, TimeZoneOffset::parse)?
                    )
                }
                "eventID" => once!(p.event_id, k, parsed_owned(cx, &mut map, k, Uri::new)?),
                "certificationInfo" => {
                    let v = value(cx, &mut map, k, Ext(cx))?;
                    cx.push_key(k);
                    let list = match v {
                        ExtValue::Text(s) => vec![s],
                        ExtValue::Array(items) => {
                            let mut out = Vec::new();
                            for i in items {
                                match i {
                                    ExtValue::Text(s) => out.push(s),
                                    _ => {
                                        let e = cx.wrong("a URI or an array of URIs");
                                        cx.pop();
                                        return Err(e);
                                    }
                                }
                            }
                            out
                        }
                        _ => {
                            let e = cx.wrong("a URI or an array of URIs");
                            cx.pop();
                            return Err(e);
                        }
                    };
                    for s in list {
                        match Uri::new(s) {
                            Ok(u) => p.certification_info.push(u),
                            Err(e) => {
                                let e = cx.bad(e);
                                cx.pop();
                                return Err(e);
                            }
                        }
                    }
                    cx.pop();
                }
                "errorDeclaration" => once!(
                    p.error_declaration,
                    k,
                    value(cx, &mut map, k, error_declaration_obj(cx))?
                ),
                "action" => once!(
                    p.action,
                    k,
                    parsed(cx, &mut map, k, |s| s.parse::<Action>())?
                ),
                "parentID" => once!(p.parent_id, k, parsed_owned(cx, &mut map, k, Epc::new)?),
                "epcList" => once!(p.epc_list, k, value(cx, &mut map, k, List(cx, epc))?),
                "childEPCs" => once!(p.child_epcs, k, value(cx, &mut map, k, List(cx, epc))?),
                "inputEPCList" => {
                    once!(p.input_epc_list, k, value(cx, &mut map, k, List(cx, epc))?)
                }
                "outputEPCList" => {
                    once!(p.output_epc_list, k, value(cx, &mut map, k, List(cx, epc))?)
                }
                "quantityList" => once!(
                    p.quantity_list,
                    k,
                    value(cx, &mut map, k, ObjList(cx, quantity_obj))?
                ),
                "childQuantityList" => {
                    once!(
                        p.child_quantity_list,
                        k,
                        value(cx, &mut map, k, ObjList(cx, quantity_obj))?
                    )
                }
                "inputQuantityList" => {
                    once!(
                        p.input_quantity_list,
                        k,
                        value(cx, &mut map, k, ObjList(cx, quantity_obj))?
                    )
                }
                "outputQuantityList" => {
                    once!(
                        p.output_quantity_list,
                        k,
                        value(cx, &mut map, k, ObjList(cx, quantity_obj))?
                    )
                }
                "transformationID" => once!(
                    p.transformation_id,
                    k,
                    parsed_owned(cx, &mut map, k, Uri::new)?
                ),
                "bizStep" => once!(p.biz_step, k, parsed_owned(cx, &mut map, k, BizStep::new)?),
                "disposition" => once!(
                    p.disposition,
                    k,
                    parsed_owned(cx, &mut map, k, Disposition::new)?
                ),
                "persistentDisposition" => {
                    once!(
                        p.persistent_disposition,
                        k,
                        value(cx, &mut map, k, persistent_disposition_obj(cx))?
                    )
                }
                "readPoint" => once!(p.read_point, k, value(cx, &mut map, k, location_obj(cx))?),
                "bizLocation" => {
                    once!(p.biz_location, k, value(cx, &mut map, k, location_obj(cx))?)
                }
                "bizTransactionList" => {
                    once!(
                        p.biz_transactions,
                        k,
                        value(cx, &mut map, k, ObjList(cx, biz_transaction_obj))?
                    )
                }
                "sourceList" => once!(
                    p.sources,
                    k,
                    value(cx, &mut map, k, ObjList(cx, source_obj))?
                ),
                "destinationList" => once!(
                    p.destinations,
                    k,
                    value(cx, &mut map, k, ObjList(cx, destination_obj))?
                ),
                "sensorElementList" => {
                    once!(
                        p.sensor_elements,
                        k,
                        value(cx, &mut map, k, ObjList(cx, sensor_element_obj))?
                    )
                }
                "ilmd" => {
                    let v = value(cx, &mut map, k, Ext(cx))?;
                    if !matches!(v, ExtValue::Object(_)) {
                        cx.push_key(k);
                        let e = cx.wrong("an object");
                        cx.pop();
                        return Err(e);
                    }
                    once!(p.ilmd, k, Ilmd(ext_object(v)))
                }
                other => {
                    if pending_ext.iter().any(|(k, _)| k == other) {
                        cx.push_key(other);
                        let e = cx.fail(Problem::DuplicateField(other.to_owned()));
                        cx.pop();
                        return Err(e);
                    }
                    let v = value(cx, &mut map, other, Ext(cx))?;
                    pending_ext.push((other.to_owned(), v));
                }
            }
        }
        // Keys are resolved after the whole object so that an event-level
        // `@context` applies to keys written before it.
        for (k, _) in &pending_ext {
            if !k.contains(':') && !matches!(k.as_str(), "comment") {
                cx.note_at(k, Problem::UnexpectedField(k.clone()));
            }
        }
        json_presence_rules(cx, type_name.as_deref(), &p);
        for (k, v) in pending_ext {
            p.extensions
                .push(Extension::new(cx.qname(&k), resolve_value(cx, v)));
        }
        if let Some(ilmd) = &mut p.ilmd {
            let fields = std::mem::take(&mut ilmd.0);
            ilmd.0 = fields.into_iter().map(|e| resolve_ext(cx, e)).collect();
        }
        let (event_type, custom) = match type_name.as_deref() {
            Some(t) => match EventType::from_name(t) {
                Some(et) => (Some(et), None),
                None => (Some(EventType::Extended), Some(cx.qname(t))),
            },
            None => {
                return Err(cx.fail(Problem::MissingField("type".into())));
            }
        };
        match p.finish(event_type, custom) {
            Ok(ev) => Ok((ev, contexts)),
            Err(problem) => Err(cx.fail(problem)),
        }
    }
}

/// Adds an extension field, failing on a repeated name (JSON lists are arrays).
fn push_unique(cx: &Cx, exts: &mut Vec<Extension>, key: &str, v: ExtValue) -> Result<(), ()> {
    let name = cx.qname(key);
    if exts.iter().any(|e| e.name == name) {
        return fail_at(cx, Some(key), Problem::DuplicateField(key.to_owned()));
    }
    exts.push(Extension::new(name, v));
    Ok(())
}

/// JSON Schema rules about which lists must be present (the model keeps
/// lists, not whether an empty list was written).
fn json_presence_rules(cx: &Cx, type_name: Option<&str>, p: &EventParts) {
    let has = |l: &Option<Vec<Epc>>| l.is_some();
    let non_empty_q = |l: &Option<Vec<QuantityElement>>| l.as_ref().is_some_and(|v| !v.is_empty());
    let non_empty_e = |l: &Option<Vec<Epc>>| l.as_ref().is_some_and(|v| !v.is_empty());
    match type_name {
        Some("ObjectEvent") => {
            let sensors =
                p.sensor_elements.as_ref().is_some_and(|v| !v.is_empty()) && p.read_point.is_some();
            let what = has(&p.epc_list) || non_empty_q(&p.quantity_list) || sensors;
            if !what {
                cx.note(Problem::Rule(
                    "an ObjectEvent needs `epcList`, a non-empty `quantityList`, or sensor data with a `readPoint`".into(),
                ));
            }
        }
        Some("AggregationEvent" | "AssociationEvent")
            if !non_empty_e(&p.child_epcs)
                && !non_empty_q(&p.child_quantity_list)
                && p.action != Some(Action::Delete) =>
        {
            cx.note(Problem::Rule(
                "`childEPCs` or `childQuantityList` must be non-empty unless the action is DELETE"
                    .into(),
            ));
        }
        Some("TransformationEvent") => {
            let input = non_empty_e(&p.input_epc_list) || non_empty_q(&p.input_quantity_list);
            let output = non_empty_e(&p.output_epc_list) || non_empty_q(&p.output_quantity_list);
            if !(input && output) && !(p.transformation_id.is_some() && (input || output)) {
                cx.note(Problem::Rule(
                    "a TransformationEvent needs inputs and outputs, or a transformationID with inputs or outputs".into(),
                ));
            }
        }
        _ => {}
    }
}

/// Re-resolves the names of an extension tree against the current prefixes.
fn resolve_ext(cx: &Cx, e: Extension) -> Extension {
    let name = if e.name.namespace.is_none() {
        cx.qname(&e.name.prefixed())
    } else {
        e.name
    };
    Extension {
        name,
        attributes: e.attributes,
        value: resolve_value(cx, e.value),
    }
}

fn resolve_value(cx: &Cx, v: ExtValue) -> ExtValue {
    match v {
        ExtValue::Object(fields) => {
            ExtValue::Object(fields.into_iter().map(|e| resolve_ext(cx, e)).collect())
        }
        ExtValue::Array(items) => {
            ExtValue::Array(items.into_iter().map(|i| resolve_value(cx, i)).collect())
        }
        other => other,
    }
}

/// Reads master data `vocabularyList` from an extension value.
pub(crate) fn vocabularies(cx: &Cx, v: ExtValue) -> Result<Vec<Vocabulary>, ()> {
    let ExtValue::Array(items) = v else {
        return fail_at(
            cx,
            None,
            Problem::WrongType {
                field: "vocabularyList".into(),
                expected: "an array",
            },
        )
        .map(|_| Vec::new());
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        cx.push_idx(i);
        let fields = ext_object(item);
        let mut vocabulary_type = None;
        let mut elements = Vec::new();
        for f in fields {
            match f.name.prefixed().as_str() {
                "type" => vocabulary_type = f.value.as_text().map(str::to_owned),
                "vocabularyElementList" => {
                    if let ExtValue::Array(els) = f.value {
                        for el in els {
                            let mut id = None;
                            let mut attributes = Vec::new();
                            let mut children = Vec::new();
                            for ef in ext_object(el) {
                                match ef.name.prefixed().as_str() {
                                    "id" => id = ef.value.as_text().map(str::to_owned),
                                    "attributes" => {
                                        if let ExtValue::Array(attrs) = ef.value {
                                            for a in attrs {
                                                let mut aid = None;
                                                let mut aval = ExtValue::Text(String::new());
                                                for af in ext_object(a) {
                                                    match af.name.prefixed().as_str() {
                                                        "id" => {
                                                            aid = af
                                                                .value
                                                                .as_text()
                                                                .map(str::to_owned)
                                                        }
                                                        "attribute" => {
                                                            aval = resolve_value(cx, af.value)
                                                        }
                                                        _ => {}
                                                    }
                                                }
                                                if let Some(id) = aid {
                                                    attributes.push(VocabularyAttribute {
                                                        id,
                                                        value: aval,
                                                    });
                                                }
                                            }
                                        }
                                    }
                                    "children" => {
                                        if let ExtValue::Array(ch) = ef.value {
                                            children = ch
                                                .iter()
                                                .filter_map(|c| c.as_text().map(str::to_owned))
                                                .collect();
                                        }
                                    }
                                    _ => {}
                                }
                            }
                            match id {
                                Some(id) => elements.push(VocabularyElement {
                                    id,
                                    attributes,
                                    children,
                                }),
                                None => {
                                    fail_at(
                                        cx,
                                        Some("vocabularyElementList"),
                                        Problem::MissingField("id".into()),
                                    )?;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let vt = require(cx, vocabulary_type, "type");
        cx.pop();
        out.push(Vocabulary {
            vocabulary_type: vt?,
            elements,
        });
    }
    Ok(out)
}

pub(crate) fn push_key(cx: &Cx, k: &str) {
    cx.push_key(k);
}

pub(crate) fn pop(cx: &Cx) {
    cx.pop();
}
