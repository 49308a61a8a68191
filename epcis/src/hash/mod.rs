//! CBV 2.0 Event Hash ID: `ni:///sha-256;<hex>?ver=CBV2.0`.
//!
//! The pre-hash string is built the way GS1's reference implementation
//! (RalphTro/epcis-event-hash-generator) computes it, which is what its 39
//! test documents pin down:
//!
//! - fields in the CBV order `eventTime`, `eventTimeZoneOffset`,
//!   `certificationInfo`, `parentID`, `epcList`, `inputEPCList`, `childEPCs`,
//!   the quantity lists, `outputEPCList`, …, `action`, `transformationID`,
//!   `bizStep`, `disposition`, `persistentDisposition`, `readPoint`,
//!   `bizLocation`, `sensorElementList`; then, sorted as strings, everything
//!   else: `bizTransactionList`, `sourceList`, `destinationList`, `ilmd`,
//!   user extensions, and standard fields the order does not name (a sensor
//!   report's `bizRules`). The CBV document lists the business transactions,
//!   sources and destinations right after `bizLocation` and ILMD before the
//!   extensions: [`HashOrder::Documented`] gives that order instead.
//! - `recordTime`, `eventID` and `errorDeclaration` are left out, as are
//!   fields a document lists in an `ignoreFields` extension.
//! - values are canonicalised: times in UTC with milliseconds (half-even
//!   rounding of microseconds, as Python's `round`), CBV URNs, bare words
//!   and `cbv:`/`gs1:` CURIEs as web URIs, numbers without redundant zeros,
//!   and GS1 identifiers (EPC URNs, any Digital Link) as canonical
//!   `https://id.gs1.org/…` links; extension names as `{namespace}local`.
//! - repeated elements are sorted; extensions inside `readPoint`,
//!   `bizLocation` and sensor structures follow that structure's fields when
//!   their namespace ends with `/` (otherwise they fall to the trailing
//!   part, as in the reference).
//!
//! Deliberate differences from the reference implementation, which make
//! the hash depend only on the event and not on its serialization, are
//! listed in `tests/hash-known-differences.tsv`.

mod dl;

use crate::document::DocumentHead;
use crate::event::*;
use crate::ext::{ExtValue, Extension, QName};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Where the business transaction, source and destination lists and ILMD go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum HashOrder {
    /// As GS1's reference implementation computes it (and its test vectors
    /// expect): those lists sorted with the extensions at the end.
    #[default]
    Reference,
    /// As the CBV 2.0 standard documents it: the lists after `bizLocation`,
    /// then `sensorElementList`, `ilmd`, and the extensions.
    Documented,
}

/// Options of the pre-hash computation.
#[derive(Debug, Clone, Default)]
pub struct HashOptions {
    /// Field order.
    pub order: HashOrder,
    /// Extension fields to leave out, in Clark notation (`{ns}local`).
    pub ignore: Vec<String>,
}

impl HashOptions {
    /// Options for the events of a document: honours its `ignoreFields`
    /// extension (a document-level element or key whose local name is
    /// `ignoreFields`, listing extension names).
    pub fn for_document(head: &DocumentHead) -> Self {
        let mut ignore = Vec::new();
        for e in &head.extensions {
            if e.name.local != "ignoreFields" {
                continue;
            }
            match &e.value {
                ExtValue::Array(items) => {
                    for i in items {
                        if let Some(t) = i.as_text() {
                            ignore.push(resolve_name(head, t));
                        }
                    }
                }
                ExtValue::Text(t) if !t.is_empty() => ignore.push(resolve_name(head, t)),
                ExtValue::Object(children) => {
                    ignore.extend(children.iter().map(|c| c.name.clark()))
                }
                _ => {}
            }
        }
        HashOptions {
            order: HashOrder::Reference,
            ignore,
        }
    }
}

fn resolve_name(head: &DocumentHead, name: &str) -> String {
    match name.split_once(':') {
        Some((p, l)) if !l.starts_with("//") => match head.namespace_of(p) {
            Some(ns) => format!("{{{ns}}}{l}"),
            None => name.to_owned(),
        },
        _ => name.to_owned(),
    }
}

/// The Event Hash ID of `event` with default options.
pub fn event_hash(event: &Event) -> String {
    hash_prehash(&prehash(event, &HashOptions::default()))
}

/// The Event Hash ID of `event`.
pub fn event_hash_with(event: &Event, options: &HashOptions) -> String {
    hash_prehash(&prehash(event, options))
}

/// `ni:///sha-256;<hex>?ver=CBV2.0` of a pre-hash string.
pub fn hash_prehash(prehash: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(prehash.as_bytes());
    let mut s = String::with_capacity(14 + 64 + 11);
    s.push_str("ni:///sha-256;");
    for b in digest {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s.push_str("?ver=CBV2.0");
    s
}

/// The canonical pre-hash string of `event`.
pub fn prehash(event: &Event, options: &HashOptions) -> String {
    prehash_parts(event, options).concat()
}

/// The pre-hash string cut into its top-level parts (`eventType=…`,
/// `eventTime=…`, `epcList…`, …), for explanations and diffs.
pub fn prehash_parts(event: &Event, options: &HashOptions) -> Vec<String> {
    Builder { options }.event(event)
}

/// Two events' pre-hash parts side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Parts of the first event.
    pub left: Vec<String>,
    /// Parts of the second event.
    pub right: Vec<String>,
    /// The diff: each part marked as common (`' '`), only left (`'-'`) or only right (`'+'`).
    pub diff: Vec<(char, String)>,
}

/// Explains why two events hash differently (or confirms they do not).
pub fn explain(a: &Event, b: &Event, options: &HashOptions) -> Explanation {
    let left = prehash_parts(a, options);
    let right = prehash_parts(b, options);
    let diff = diff_lines(&left, &right);
    Explanation { left, right, diff }
}

/// Longest-common-subsequence diff of two part lists.
fn diff_lines(a: &[String], b: &[String]) -> Vec<(char, String)> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((' ', a[i].clone()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(('-', a[i].clone()));
            i += 1;
        } else {
            out.push(('+', b[j].clone()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|s| ('-', s.clone())));
    out.extend(b[j..].iter().map(|s| ('+', s.clone())));
    out
}

// ---------------------------------------------------------------- values

/// Python's `str(float)` spelling of a non-integral double.
fn python_float(v: f64) -> String {
    let a = v.abs();
    if (1e-4..1e16).contains(&a) {
        return v.to_string();
    }
    // Shortest round-trip digits, Python's exponent style (`1e-05`).
    let s = format!("{v:e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// Whether Python's `float()` would parse `s` (finite values only: the
/// reference keeps `nan` as text and fails on infinities).
fn python_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    if !crate::event::is_number(t) {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Numbers without redundant zeros or signs (`26.0` → `26`, `+5` → `5`).
fn canon_number(s: &str) -> Option<String> {
    let v = python_number(s)?;
    Some(if v == v.trunc() {
        if v == 0.0 {
            "0".to_owned()
        } else {
            format!("{v:.0}")
        }
    } else {
        python_float(v)
    })
}

const CBV_URNS: [(&str, &str); 5] = [
    (
        "urn:epcglobal:cbv:bizstep:",
        "https://ref.gs1.org/cbv/BizStep-",
    ),
    ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
    ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
    ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
    ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
];

/// The reference's value canonicalisation: CURIE prefixes `gs1:`/`cbv:`,
/// CBV URNs, numbers, GS1 identifiers.
fn canon(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 24);
    canon_into(s, &mut out);
    out
}

/// [`canon`], appended to `out`.
fn canon_into(s: &str, out: &mut String) {
    canon_impl(s, out, None);
}

/// [`canon_into`] for an item of a list, GS1 identifiers through the
/// list's normaliser.
fn canon_list_item(s: &str, out: &mut String, list: &mut dl::ListNormaliser) {
    canon_impl(s, out, Some(list));
}

fn canon_impl(s: &str, out: &mut String, list: Option<&mut dl::ListNormaliser>) {
    let mut t: std::borrow::Cow<'_, str> = if let Some(r) = s.strip_prefix("gs1:") {
        format!("https://gs1.org/voc/{r}").into()
    } else if let Some(r) = s.strip_prefix("cbv:") {
        format!("https://ref.gs1.org/cbv/{r}").into()
    } else {
        s.into()
    };
    if memchr::memmem::find(t.as_bytes(), b"urn:epcglobal:cbv:").is_some() {
        let mut owned = t.into_owned();
        for (urn, web) in CBV_URNS {
            if owned.contains(urn) {
                owned = owned.replace(urn, web);
            }
        }
        t = owned.into();
    }
    if let Some(n) = canon_number(&t) {
        out.push_str(&n);
    } else {
        let done = match list {
            Some(list) => list.normalise_into(&t, out),
            None => dl::normalise_into(&t, out),
        };
        if !done {
            out.push_str(&t);
        }
    }
}

/// `name=<canonical value>` (just `name` when the value is empty), built
/// in one string: the hash writes one per identifier.
fn field_canon(name: &str, value: &str) -> String {
    let mut s = String::with_capacity(name.len() + value.len() + 25);
    s.push_str(name);
    s.push('=');
    canon_into(value, &mut s);
    if s.len() == name.len() + 1 {
        s.pop();
    }
    s
}

/// Appends the items of `items` (item `i` ends at `ends[i]`) in sorted
/// order: equal to sorting them as strings and concatenating them.
fn push_sorted(out: &mut String, items: &str, ends: &[usize]) {
    let item = |i: usize| &items[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
    if (1..ends.len()).all(|i| item(i - 1) <= item(i)) {
        out.push_str(items);
        return;
    }
    let mut order: Vec<usize> = (0..ends.len()).collect();
    order.sort_unstable_by(|&a, &b| item(a).cmp(item(b)));
    for i in order {
        out.push_str(item(i));
    }
}

/// A vocabulary value: standard bare words take the vocabulary's web URI
/// prefix (the reference expands them through the JSON-LD context, which
/// knows only the standard terms; other bare words stay as they are).
fn canon_vocab(text: &str, web_prefix: &str, standard: bool) -> String {
    let mut out = String::with_capacity(web_prefix.len() + text.len());
    canon_vocab_into(text, web_prefix, standard, &mut out);
    out
}

/// [`canon_vocab`], appended to `out`.
fn canon_vocab_into(text: &str, web_prefix: &str, standard: bool, out: &mut String) {
    if standard && !text.contains(':') && !text.contains('/') {
        out.push_str(web_prefix);
        out.push_str(text);
    } else {
        canon_into(text, out);
    }
}

/// UTC with milliseconds; microseconds rounded half to even.
fn canon_time(t: &crate::time::Timestamp) -> String {
    let utc = t.utc();
    let micros = utc.timestamp_subsec_nanos() / 1000;
    let (mut ms, rem) = (micros / 1000, micros % 1000);
    if rem > 500 || (rem == 500 && ms % 2 == 1) {
        ms += 1;
    }
    let base = utc.with_nanosecond(0).unwrap_or(utc);
    let base = if ms == 1000 {
        base + chrono::Duration::seconds(1)
    } else {
        base
    };
    let ms = ms % 1000;
    // Written by hand: chrono's strftime parses its pattern on every call.
    let y = base.year();
    let mut out = String::with_capacity(24);
    if (0..=9999).contains(&y) {
        push_digits(&mut out, y as u32, 4);
    } else {
        let _ = write!(out, "{y:04}");
    }
    for (sep, v) in [
        ('-', base.month()),
        ('-', base.day()),
        ('T', base.hour()),
        (':', base.minute()),
        (':', base.second()),
    ] {
        out.push(sep);
        push_digits(&mut out, v, 2);
    }
    out.push('.');
    push_digits(&mut out, ms, 3);
    out.push('Z');
    out
}

/// Appends `v` with exactly `width` digits (zero-padded).
fn push_digits(out: &mut String, v: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    let mut v = v % (div * 10);
    while div > 0 {
        out.push(char::from(b'0' + (v / div) as u8));
        v %= div;
        div /= 10;
    }
}

use chrono::{Datelike, Timelike};

fn field(name: &str, value: &str) -> String {
    let mut s = String::with_capacity(name.len() + value.len() + 1);
    s.push_str(name);
    if !value.is_empty() {
        s.push('=');
        s.push_str(value);
    }
    s
}

// ---------------------------------------------------------------- structure

/// A node of the generic (extension / left-over) part.
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn render(&self) -> String {
        let mut s = field(&self.name, &self.text);
        s.push_str(&render_all(&self.children));
        s
    }
}

fn render_all(nodes: &[Node]) -> String {
    let mut parts: Vec<String> = nodes.iter().map(Node::render).collect();
    parts.sort();
    parts.concat()
}

struct Builder<'o> {
    options: &'o HashOptions,
}

impl Builder<'_> {
    fn ignored(&self, q: &QName) -> bool {
        if q.prefix.is_none() && q.namespace.is_none() && q.local == "comment" {
            return true;
        }
        if q.prefix.as_deref() == Some("rdfs") && q.local == "comment" {
            return true;
        }
        !self.options.ignore.is_empty() && self.options.ignore.contains(&q.clark())
    }

    fn ext_nodes(&self, exts: &[Extension]) -> Vec<Node> {
        let mut out = Vec::new();
        for e in exts {
            if !self.ignored(&e.name) {
                self.ext_node(&e.name.clark(), &e.attributes, &e.value, &mut out);
            }
        }
        out
    }

    fn ext_node(
        &self,
        name: &str,
        attrs: &[crate::ext::ExtAttribute],
        v: &ExtValue,
        out: &mut Vec<Node>,
    ) {
        // XML Schema instance annotations (`xsi:type`) are type information,
        // not content: the same field hashes alike with or without them.
        let mut children: Vec<Node> = attrs
            .iter()
            .filter(|a| a.name.namespace.as_deref() != Some(crate::ext::XSI_NS))
            .map(|a| Node {
                name: a.name.clark(),
                text: canon(&a.value),
                children: Vec::new(),
            })
            .collect();
        let text = match v {
            ExtValue::Text(t) | ExtValue::Number(t) => canon(t.trim()),
            ExtValue::Bool(b) => b.to_string(),
            ExtValue::Null => String::new(),
            ExtValue::Object(fields) => {
                // The JSON form of an XML element: `#text` is its text,
                // `@name` an attribute.
                let mut text = String::new();
                let mut rest = Vec::with_capacity(fields.len());
                for f in fields {
                    if f.name.prefix.is_none() && f.name.local == "#text" {
                        text = f
                            .value
                            .as_text()
                            .map(|t| canon(t.trim()))
                            .unwrap_or_default();
                    } else if f.name.namespace.as_deref() != Some(crate::ext::XSI_NS) {
                        rest.push(f.clone());
                    }
                }
                for n in self.ext_nodes(&rest) {
                    let name = n
                        .name
                        .strip_prefix('@')
                        .map(str::to_owned)
                        .unwrap_or(n.name);
                    children.push(Node { name, ..n });
                }
                text
            }
            ExtValue::Array(items) => {
                for i in items {
                    self.ext_node(name, attrs, i, out);
                }
                return;
            }
        };
        out.push(Node {
            name: name.to_owned(),
            text,
            children,
        });
    }

    /// Extensions of a nested structure: those the reference gathers right
    /// after the structure's fields, and those it leaves for the tail.
    fn split_nested<'e>(
        &self,
        exts: &'e [Extension],
        field_count: usize,
    ) -> (Vec<&'e Extension>, Vec<&'e Extension>) {
        let total = field_count + exts.len();
        let blocked = exts.iter().any(|e| {
            let c = e.name.clark();
            c.contains("eventTime") || c.contains("action")
        });
        exts.iter()
            .filter(|e| !self.ignored(&e.name))
            .partition(|e| {
                let c = e.name.clark();
                total > 1 && !blocked && c.contains('{') && c.contains("/}")
            })
    }

    fn nested_ext(&self, exts: &[&Extension]) -> String {
        let owned: Vec<Extension> = exts.iter().map(|e| (*e).clone()).collect();
        render_all(&self.ext_nodes(&owned))
    }

    fn epc_list(&self, name: &str, list: &[crate::epc::Epc]) -> Option<String> {
        if list.is_empty() {
            return None;
        }
        // The items are written one after the other into one string and
        // sorted as slices of it (lists are mostly in order already).
        let mut items = String::with_capacity(list.len() * 56);
        let mut ends = Vec::with_capacity(list.len());
        let mut norm = dl::ListNormaliser::default();
        for e in list {
            let start = items.len();
            items.push_str("epc=");
            canon_list_item(e.as_str(), &mut items, &mut norm);
            if items.len() == start + 4 {
                items.pop();
            }
            ends.push(items.len());
        }
        let mut s = String::with_capacity(name.len() + items.len());
        s.push_str(name);
        push_sorted(&mut s, &items, &ends);
        Some(s)
    }

    fn quantity_list(&self, name: &str, list: &[QuantityElement]) -> Option<String> {
        let mut vals: Vec<String> = list
            .iter()
            .map(|q| {
                let mut s = String::from("quantityElement");
                s.push_str(&field_canon("epcClass", q.epc_class.as_str()));
                if let Some(n) = &q.quantity {
                    s.push_str(&field("quantity", &canon(n.as_str())));
                }
                if let Some(u) = &q.uom {
                    s.push_str(&field("uom", &canon(u)));
                }
                s
            })
            .collect();
        if vals.is_empty() {
            return None;
        }
        vals.sort();
        Some(format!("{name}{}", vals.concat()))
    }

    fn location(&self, name: &str, l: &Location, rest: &mut Vec<Node>) -> String {
        let (gathered, left) = self.split_nested(&l.extensions, 1);
        if !left.is_empty() {
            let owned: Vec<Extension> = left.into_iter().cloned().collect();
            rest.push(Node {
                name: name.to_owned(),
                text: String::new(),
                children: self.ext_nodes(&owned),
            });
        }
        let mut s = String::with_capacity(name.len() + l.id.as_str().len() + 32);
        s.push_str(name);
        s.push_str("id=");
        canon_into(l.id.as_str(), &mut s);
        if gathered.is_empty() {
            return s;
        }
        s.push_str(&self.nested_ext(&gathered));
        s
    }

    fn biz_transactions(&self, list: &[BizTransaction]) -> Option<String> {
        if list.is_empty() {
            return None;
        }
        let mut vals: Vec<String> = list
            .iter()
            .map(|bt| {
                let mut s = String::with_capacity(96);
                if let Some(t) = &bt.transaction_type {
                    s.push_str("type=");
                    canon_vocab_into(
                        t.as_str(),
                        "https://ref.gs1.org/cbv/BTT-",
                        t.is_standard(),
                        &mut s,
                    );
                    if s.len() == "type=".len() {
                        s.clear();
                        s.push_str("type");
                    }
                }
                s.push_str(&field_canon("bizTransaction", bt.id.as_str()));
                s
            })
            .collect();
        vals.sort();
        Some(format!("bizTransactionList{}", vals.concat()))
    }

    fn source_dest(&self, name: &str, inner: &str, list: &[SourceDest]) -> Option<String> {
        if list.is_empty() {
            return None;
        }
        let mut vals: Vec<String> = list
            .iter()
            .map(|sd| {
                let mut s = String::with_capacity(96);
                s.push_str("type=");
                canon_vocab_into(
                    sd.kind.as_str(),
                    "https://ref.gs1.org/cbv/SDT-",
                    sd.kind.is_standard(),
                    &mut s,
                );
                if s.len() == "type=".len() {
                    s.pop();
                }
                s.push_str(&field_canon(inner, sd.id.as_str()));
                s
            })
            .collect();
        vals.sort();
        Some(format!("{name}{}", vals.concat()))
    }

    fn sensor_elements(&self, list: &[SensorElement], rest: &mut Vec<Node>) -> Option<String> {
        let mut elements = Vec::new();
        let mut left_elements = Vec::new();
        for se in list {
            let mut left_children = Vec::new();
            let mut s = String::from("sensorElement");
            if let Some(m) = &se.metadata {
                let mut f = Vec::new();
                for (k, t) in [
                    ("time", &m.time),
                    ("startTime", &m.start_time),
                    ("endTime", &m.end_time),
                ] {
                    if let Some(t) = t {
                        f.push(field(k, &canon_time(t)));
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
                        f.push(field(k, &canon(u.as_str())));
                    }
                }
                let (gathered, left) = self.split_nested(&m.extensions, f.len());
                if !left.is_empty() {
                    let owned: Vec<Extension> = left.into_iter().cloned().collect();
                    left_children.push(Node {
                        name: "sensorMetadata".into(),
                        text: String::new(),
                        children: self.ext_nodes(&owned),
                    });
                }
                let body = format!("{}{}", f.concat(), self.nested_ext(&gathered));
                if !body.is_empty() {
                    s.push_str("sensorMetadata");
                    s.push_str(&body);
                }
            }
            let mut reports = Vec::new();
            for r in &se.reports {
                let mut f = Vec::new();
                if let Some(t) = &r.measurement_type {
                    f.push(field(
                        "type",
                        &canon_vocab(t.as_str(), "https://gs1.org/voc/", t.is_standard()),
                    ));
                }
                if let Some(t) = &r.exception {
                    f.push(field(
                        "exception",
                        &canon_vocab(t.as_str(), "https://gs1.org/voc/", t.is_standard()),
                    ));
                }
                for (k, u) in [
                    ("deviceID", &r.device_id),
                    ("deviceMetadata", &r.device_metadata),
                    ("rawData", &r.raw_data),
                    ("dataProcessingMethod", &r.data_processing_method),
                ] {
                    if let Some(u) = u {
                        f.push(field(k, &canon(u.as_str())));
                    }
                }
                if let Some(t) = &r.time {
                    f.push(field("time", &canon_time(t)));
                }
                for (k, u) in [
                    ("microorganism", &r.microorganism),
                    ("chemicalSubstance", &r.chemical_substance),
                ] {
                    if let Some(u) = u {
                        f.push(field(k, &canon(u.as_str())));
                    }
                }
                if let Some(v) = &r.value {
                    f.push(field("value", &canon(v.as_str())));
                }
                if let Some(c) = &r.component {
                    f.push(field(
                        "component",
                        &canon_vocab(c.as_str(), "https://ref.gs1.org/cbv/Comp-", c.is_standard()),
                    ));
                }
                if let Some(v) = &r.string_value {
                    f.push(field("stringValue", &canon(v)));
                }
                if let Some(b) = r.boolean_value {
                    f.push(field("booleanValue", if b { "true" } else { "false" }));
                }
                if let Some(v) = &r.hex_binary_value {
                    f.push(field("hexBinaryValue", &canon(v)));
                }
                if let Some(u) = &r.uri_value {
                    f.push(field("uriValue", &canon(u.as_str())));
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
                        f.push(field(k, &canon(v.as_str())));
                    }
                }
                if let Some(u) = &r.uom {
                    f.push(field("uom", &canon(u)));
                }
                if let Some(u) = &r.coordinate_reference_system {
                    f.push(field("coordinateReferenceSystem", &canon(u.as_str())));
                }
                // `bizRules` is not in the reference's report order: it is
                // left for the tail, like extensions it does not gather.
                let own = f.len() + usize::from(r.biz_rules.is_some());
                let (gathered, left) = self.split_nested(&r.extensions, own);
                let mut left_nodes = Vec::new();
                if let Some(u) = &r.biz_rules {
                    left_nodes.push(Node {
                        name: "bizRules".into(),
                        text: canon(u.as_str()),
                        children: Vec::new(),
                    });
                }
                let owned: Vec<Extension> = left.into_iter().cloned().collect();
                left_nodes.extend(self.ext_nodes(&owned));
                if !left_nodes.is_empty() {
                    left_children.push(Node {
                        name: "sensorReport".into(),
                        text: String::new(),
                        children: left_nodes,
                    });
                }
                let body = format!("{}{}", f.concat(), self.nested_ext(&gathered));
                if !body.is_empty() {
                    reports.push(format!("sensorReport{body}"));
                }
            }
            reports.sort();
            s.push_str(&reports.concat());
            let own = usize::from(se.metadata.is_some()) + se.reports.len();
            let (gathered, left) = self.split_nested(&se.extensions, own);
            s.push_str(&self.nested_ext(&gathered));
            let owned: Vec<Extension> = left.into_iter().cloned().collect();
            left_children.extend(self.ext_nodes(&owned));
            if !left_children.is_empty() {
                left_elements.push(Node {
                    name: "sensorElement".into(),
                    text: String::new(),
                    children: left_children,
                });
            }
            if s.len() > "sensorElement".len() {
                elements.push(s);
            }
        }
        if !left_elements.is_empty() {
            rest.push(Node {
                name: "sensorElementList".into(),
                text: String::new(),
                children: left_elements,
            });
        }
        if elements.is_empty() {
            return None;
        }
        elements.sort();
        Some(format!("sensorElementList{}", elements.concat()))
    }

    fn event(&self, e: &Event) -> Vec<String> {
        let c = &e.common;
        let mut parts = Vec::new();
        let type_name = match &e.body {
            EventBody::Extended(q) => q.clark(),
            _ => e.event_type().as_str().to_owned(),
        };
        parts.push(field("eventType", &type_name));
        parts.push(field("eventTime", &canon_time(&c.event_time)));
        parts.push(field(
            "eventTimeZoneOffset",
            &canon(c.event_time_zone_offset.as_str()),
        ));
        let mut certs: Vec<String> = c
            .certification_info
            .iter()
            .map(|u| field("certificationInfo", &canon(u.as_str())))
            .collect();
        certs.sort();
        if !certs.is_empty() {
            parts.push(certs.concat());
        }
        let (mut parent, mut epc_list, mut input_epcs, mut child_epcs) = (None, None, None, None);
        let (mut quantity_list, mut child_quantities, mut input_quantities) = (None, None, None);
        let (mut output_epcs, mut output_quantities, mut action, mut transformation_id) =
            (None, None, None, None);
        let mut ilmd = None;
        match &e.body {
            EventBody::Object(o) => {
                epc_list = self.epc_list("epcList", &o.epc_list);
                quantity_list = self.quantity_list("quantityList", &o.quantity_list);
                action = Some(o.action);
                ilmd = o.ilmd.as_ref();
            }
            EventBody::Aggregation(a) => {
                parent = a.parent_id.as_ref();
                child_epcs = self.epc_list("childEPCs", &a.child_epcs);
                child_quantities = self.quantity_list("childQuantityList", &a.child_quantity_list);
                action = Some(a.action);
            }
            EventBody::Association(a) => {
                parent = Some(&a.parent_id);
                child_epcs = self.epc_list("childEPCs", &a.child_epcs);
                child_quantities = self.quantity_list("childQuantityList", &a.child_quantity_list);
                action = Some(a.action);
            }
            EventBody::Transaction(t) => {
                parent = t.parent_id.as_ref();
                epc_list = self.epc_list("epcList", &t.epc_list);
                quantity_list = self.quantity_list("quantityList", &t.quantity_list);
                action = Some(t.action);
            }
            EventBody::Transformation(t) => {
                input_epcs = self.epc_list("inputEPCList", &t.input_epc_list);
                input_quantities = self.quantity_list("inputQuantityList", &t.input_quantity_list);
                output_epcs = self.epc_list("outputEPCList", &t.output_epc_list);
                output_quantities =
                    self.quantity_list("outputQuantityList", &t.output_quantity_list);
                transformation_id = t
                    .transformation_id
                    .as_ref()
                    .map(|u| field("transformationID", &canon(u.as_str())));
                ilmd = t.ilmd.as_ref();
            }
            EventBody::Extended(_) => {}
        }
        if let Some(p) = parent {
            parts.push(field("parentID", &canon(p.as_str())));
        }
        parts.extend(epc_list);
        parts.extend(input_epcs);
        parts.extend(child_epcs);
        parts.extend(quantity_list);
        parts.extend(child_quantities);
        parts.extend(input_quantities);
        parts.extend(output_epcs);
        parts.extend(output_quantities);
        if let Some(a) = action {
            parts.push(field("action", a.as_str()));
        }
        parts.extend(transformation_id);
        if let Some(b) = &c.biz_step {
            parts.push(field(
                "bizStep",
                &canon_vocab(
                    b.as_str(),
                    "https://ref.gs1.org/cbv/BizStep-",
                    b.is_standard(),
                ),
            ));
        }
        if let Some(d) = &c.disposition {
            parts.push(field(
                "disposition",
                &canon_vocab(d.as_str(), "https://ref.gs1.org/cbv/Disp-", d.is_standard()),
            ));
        }
        if let Some(pd) = &c.persistent_disposition {
            let mut set: Vec<String> = pd
                .set
                .iter()
                .map(|d| {
                    field(
                        "set",
                        &canon_vocab(d.as_str(), "https://ref.gs1.org/cbv/Disp-", d.is_standard()),
                    )
                })
                .collect();
            let mut unset: Vec<String> = pd
                .unset
                .iter()
                .map(|d| {
                    field(
                        "unset",
                        &canon_vocab(d.as_str(), "https://ref.gs1.org/cbv/Disp-", d.is_standard()),
                    )
                })
                .collect();
            set.sort();
            unset.sort();
            if !set.is_empty() || !unset.is_empty() {
                parts.push(format!(
                    "persistentDisposition{}{}",
                    set.concat(),
                    unset.concat()
                ));
            }
        }
        let mut rest: Vec<Node> = Vec::new();
        if let Some(l) = &c.read_point {
            parts.push(self.location("readPoint", l, &mut rest));
        }
        if let Some(l) = &c.biz_location {
            parts.push(self.location("bizLocation", l, &mut rest));
        }
        let lists: Vec<String> = [
            self.biz_transactions(&c.biz_transactions),
            self.source_dest("sourceList", "source", &c.sources),
            self.source_dest("destinationList", "destination", &c.destinations),
        ]
        .into_iter()
        .flatten()
        .collect();
        let sensors = self.sensor_elements(&c.sensor_elements, &mut rest);
        let ilmd_part = ilmd
            .map(|i| format!("ilmd{}", render_all(&self.ext_nodes(&i.0))))
            .filter(|s| s.len() > 4);
        let mut tail: Vec<String> = rest.iter().map(Node::render).collect();
        let mut extensions: Vec<String> = self
            .ext_nodes(&c.extensions)
            .iter()
            .map(Node::render)
            .collect();
        match self.options.order {
            HashOrder::Reference => {
                parts.extend(sensors);
                tail.extend(lists);
                tail.extend(ilmd_part);
                tail.extend(extensions);
                tail.sort();
                parts.extend(tail);
            }
            HashOrder::Documented => {
                parts.extend(lists);
                parts.extend(sensors);
                parts.extend(ilmd_part);
                extensions.extend(tail);
                extensions.sort();
                parts.extend(extensions);
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_like_python() {
        assert_eq!(canon_number("26.0").as_deref(), Some("26"));
        assert_eq!(canon_number("200.5").as_deref(), Some("200.5"));
        assert_eq!(canon_number("+05").as_deref(), Some("5"));
        assert_eq!(canon_number("0.00001").as_deref(), Some("1e-05"));
        assert_eq!(
            canon_number("1e20").as_deref(),
            Some("100000000000000000000")
        );
        assert_eq!(canon_number("-0.0").as_deref(), Some("0"));
        assert_eq!(canon_number("abc"), None);
        assert_eq!(canon_number("nan"), None);
        assert_eq!(canon_number("12a"), None);
    }

    #[test]
    fn times_round_half_even() {
        let t = |s: &str| canon_time(&crate::time::Timestamp::parse(s).unwrap());
        assert_eq!(
            t("2023-02-02T12:04:03.1415+01:00"),
            "2023-02-02T11:04:03.142Z"
        );
        assert_eq!(
            t("2023-02-02T12:04:03.1405+01:00"),
            "2023-02-02T11:04:03.140Z"
        );
        assert_eq!(
            t("2023-02-02T12:04:03.1415001Z"),
            "2023-02-02T12:04:03.142Z"
        );
        assert_eq!(t("2019-10-21T14:58:56+02:00"), "2019-10-21T12:58:56.000Z");
        assert_eq!(t("2019-10-21T14:58:56.9999Z"), "2019-10-21T14:58:57.000Z");
    }
}
