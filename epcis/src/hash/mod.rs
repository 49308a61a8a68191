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
mod recent;

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
    event_hash_with(event, &HashOptions::default())
}

/// The Event Hash ID of `event`.
pub fn event_hash_with(event: &Event, options: &HashOptions) -> String {
    with_prehash(event, options, |prehash, _| hash_prehash(prehash))
}

/// `ni:///sha-256;<hex>?ver=CBV2.0` of a pre-hash string.
pub fn hash_prehash(prehash: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(prehash.as_bytes());
    // The digits written to bytes and appended once: pushing each as a
    // `char` cost ~260 instructions more per event (callgrind).
    let mut hex = [0u8; 64];
    for (pair, b) in hex.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    let mut s = String::with_capacity(14 + 64 + 11);
    s.push_str("ni:///sha-256;");
    s.push_str(std::str::from_utf8(&hex).expect("hex digits are ASCII"));
    s.push_str("?ver=CBV2.0");
    s
}

/// The canonical pre-hash string of `event`.
pub fn prehash(event: &Event, options: &HashOptions) -> String {
    with_prehash(event, options, |prehash, _| prehash.to_owned())
}

/// The pre-hash string cut into its top-level parts (`eventType=…`,
/// `eventTime=…`, `epcList…`, …), for explanations and diffs.
pub fn prehash_parts(event: &Event, options: &HashOptions) -> Vec<String> {
    with_prehash(event, options, |prehash, ends| {
        let mut start = 0;
        ends.iter()
            .map(|&end| {
                let part = prehash[start..end].to_owned();
                start = end;
                part
            })
            .collect()
    })
}

/// Scratch space of the pre-hash computation, kept from one event to the
/// next so that hashing an event allocates only its result.
#[derive(Default)]
struct Scratch {
    /// The pre-hash string being built.
    out: String,
    /// Where each top-level part of `out` ends.
    ends: Vec<usize>,
    /// The items of the list being written, before they are sorted.
    items: Items,
    /// Parts the hash order sorts among themselves at the end.
    tail: Items,
    /// EPC conversion, with its cache of the last EPC.
    epcs: dl::ListNormaliser,
    /// Canonical values of recurring identifiers (locations, parties).
    recent: recent::RecentValues,
    /// The ILMD part being written.
    ilmd_part: String,
    /// The fields of the ILMD, before they are sorted.
    fields: Items,
}

/// Strings written one after the other into one buffer, to be sorted: the
/// reference sorts list items and trailing parts as strings.
#[derive(Default)]
struct Items {
    buf: String,
    /// Where each item ends.
    ends: Vec<usize>,
}

impl Items {
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    /// Ends the item being written.
    fn end(&mut self) {
        self.ends.push(self.buf.len());
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends the items to `out` in sorted order, as one string.
    fn push_sorted(&self, out: &mut String) {
        push_sorted(out, &self.buf, &self.ends);
    }

    /// Appends the items to `out` in sorted order, each a part of its own.
    fn push_sorted_parts(&self, out: &mut String, ends: &mut Vec<usize>) {
        push_sorted_parts(out, ends, &self.buf, &self.ends);
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Builds the pre-hash of `event` in this thread's scratch space and
/// gives `f` the string and where its parts end.
fn with_prehash<R>(event: &Event, options: &HashOptions, f: impl FnOnce(&str, &[usize]) -> R) -> R {
    let run = |sc: &mut Scratch| {
        Builder { options }.write_event(event, sc);
        f(&sc.out, &sc.ends)
    };
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut sc) => run(&mut sc),
        // Only reachable if `f` hashed again on this thread: fresh space.
        Err(_) => run(&mut Scratch::default()),
    })
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
    // Most numbers of events are small integers (quantities), which are
    // their own canonical form: formatting their value again cost ~2,000
    // instructions each (callgrind).
    if is_plain_integer(s) {
        return Some(s.to_owned());
    }
    canon_number_by_value(s)
}

/// Whether `s` is 1 to 15 digits without a leading zero, or `0`: an
/// integer that a double holds exactly and that [`canon_number_by_value`]
/// writes back as it is.
fn is_plain_integer(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=15).contains(&b.len())
        && (b[0] != b'0' || b.len() == 1)
        && b.iter().all(u8::is_ascii_digit)
}

/// [`canon_number`] through the value, as Python prints it.
fn canon_number_by_value(s: &str) -> Option<String> {
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
    canon_impl(s, out, Via::Plain);
}

/// [`canon_into`] for an item of a list, GS1 identifiers through the
/// list's normaliser.
fn canon_list_item(s: &str, out: &mut String, list: &mut dl::ListNormaliser) {
    // Most EPCs of a list differ from the one before only in their last
    // component, which the normaliser converts alone; such a value is
    // neither a CURIE, a CBV URN nor a number (see
    // `ListNormaliser::normalise_repeat`), and skipping those checks saves
    // ~200 of ~600 instructions per EPC (callgrind).
    match list.normalise_repeat(s, out) {
        Some(true) => {}
        Some(false) => out.push_str(s),
        None => canon_impl(s, out, Via::List(list)),
    }
}

/// [`canon_into`] for a value that recurs between events (a location, a
/// party, a parent), looked up among the recently canonicalised values
/// first.
fn canon_single(s: &str, out: &mut String, recent: &mut recent::RecentValues) {
    recent.canonical(s, out, canon_into);
}

/// How [`canon_impl`] converts GS1 identifiers (all ways give the same).
enum Via<'a> {
    Plain,
    List(&'a mut dl::ListNormaliser),
}

fn canon_impl(s: &str, out: &mut String, via: Via<'_>) {
    let mut t: std::borrow::Cow<'_, str> = if let Some(r) = s.strip_prefix("gs1:") {
        format!("https://gs1.org/voc/{r}").into()
    } else if let Some(r) = s.strip_prefix("cbv:") {
        format!("https://ref.gs1.org/cbv/{r}").into()
    } else {
        s.into()
    };
    if let Some(first) = find_cbv_urn(t.as_bytes(), 0) {
        t = replace_cbv_urns(&t, first).into();
    }
    if let Some(n) = canon_number(&t) {
        out.push_str(&n);
    } else {
        let done = match via {
            Via::Plain => dl::normalise_into(&t, out),
            Via::List(list) => list.normalise_into(&t, out),
        };
        if !done {
            out.push_str(&t);
        }
    }
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
/// `bare_standard` says whether `text` is one (`is_bare_standard`: a
/// standard value without `:` or `/`, in one set lookup).
fn canon_vocab(text: &str, web_prefix: &str, bare_standard: bool) -> String {
    let mut out = String::with_capacity(web_prefix.len() + text.len());
    canon_vocab_into(text, web_prefix, bare_standard, &mut out);
    out
}

/// [`canon_vocab`], appended to `out`.
fn canon_vocab_into(text: &str, web_prefix: &str, bare_standard: bool, out: &mut String) {
    if bare_standard {
        out.push_str(web_prefix);
        out.push_str(text);
    } else {
        canon_into(text, out);
    }
}

/// UTC with milliseconds; microseconds rounded half to even.
fn canon_time(t: &crate::time::Timestamp) -> String {
    let mut out = String::with_capacity(24);
    push_time(&mut out, t);
    out
}

/// [`canon_time`], appended to `out`.
fn push_time(out: &mut String, t: &crate::time::Timestamp) {
    // The fields of the UTC time read from its naive form: through the
    // `DateTime`, each of them applied the (zero) offset again.
    let utc = t.utc().naive_utc();
    let micros = utc.nanosecond() / 1000;
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
    if (0..=9999).contains(&y) {
        push_digits(out, y as u32, 4);
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
        push_digits(out, v, 2);
    }
    out.push('.');
    push_digits(out, ms, 3);
    out.push('Z');
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

/// `name=<value>` (just `name` when the value is empty), appended.
fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    if !value.is_empty() {
        out.push('=');
        out.push_str(value);
    }
}

/// [`clark`], appended to `out`.
fn push_clark(out: &mut String, q: &QName) {
    match (&q.namespace, &q.prefix) {
        (Some(ns), _) => {
            out.push('{');
            out.push_str(ns);
            out.push('}');
        }
        (None, Some(p)) => {
            out.push_str(p);
            out.push(':');
        }
        (None, None) => {}
    }
    out.push_str(&q.local);
}

/// [`QName::clark`], built without the formatting machinery (every
/// extension field of every event names itself this way).
fn clark(q: &QName) -> String {
    match (&q.namespace, &q.prefix) {
        (Some(ns), _) => {
            let mut s = String::with_capacity(ns.len() + q.local.len() + 2);
            s.push('{');
            s.push_str(ns);
            s.push('}');
            s.push_str(&q.local);
            s
        }
        (None, Some(p)) => {
            let mut s = String::with_capacity(p.len() + q.local.len() + 1);
            s.push_str(p);
            s.push(':');
            s.push_str(&q.local);
            s
        }
        (None, None) => q.local.clone(),
    }
}

/// Where `b` contains `urn:epcglobal:cbv:` first from `from` on: looked
/// for at each `u`, which most values have few of (cheaper than a substring
/// search set up for every value).
fn find_cbv_urn(b: &[u8], from: usize) -> Option<usize> {
    const URN: &[u8] = b"urn:epcglobal:cbv:";
    let b = b.get(from..)?;
    memchr::memchr_iter(b'u', b)
        .find(|&i| b[i..].starts_with(URN))
        .map(|i| from + i)
}

/// `s` with the URNs of [`CBV_URNS`] replaced by their web URIs, in one
/// pass from `first`, the first `urn:epcglobal:cbv:` of `s`.
///
/// The reference replaces each URN prefix in turn, which gives the same:
/// the prefixes start with `urn:epcglobal:cbv:`, whose only `u` is its
/// first character, so their occurrences do not overlap; and a web URI,
/// without `u`, cannot start one, nor can one run into it (its first
/// character, `h`, is in no URN prefix). One pass instead of a search per
/// prefix and a copy per replacement saved ~600 of ~1,400 instructions per
/// business transaction ID written as a CBV URN (callgrind).
fn replace_cbv_urns(s: &str, first: usize) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    // `s[..written]` is in `out`.
    let mut written = 0;
    let mut at = Some(first);
    while let Some(i) = at {
        let next = match CBV_URNS.iter().find(|(urn, _)| s[i..].starts_with(urn)) {
            Some((urn, web)) => {
                out.push_str(&s[written..i]);
                out.push_str(web);
                written = i + urn.len();
                written
            }
            // Another CBV URN: left as it is.
            None => i + 1,
        };
        at = find_cbv_urn(s.as_bytes(), next);
    }
    out.push_str(&s[written..]);
    out
}

/// `name=<canonical value>` (just `name` when the value is empty), appended.
fn push_field_canon(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push('=');
    let at = out.len();
    canon_into(value, out);
    if out.len() == at {
        out.pop();
    }
}

/// [`push_field_canon`] of a value that recurs between events ([`canon_single`]).
fn push_field_single(out: &mut String, name: &str, value: &str, recent: &mut recent::RecentValues) {
    out.push_str(name);
    out.push('=');
    let at = out.len();
    canon_single(value, out, recent);
    if out.len() == at {
        out.pop();
    }
}

/// `name=<canon_vocab value>` (just `name` when empty), appended.
fn push_field_vocab(
    out: &mut String,
    name: &str,
    text: &str,
    web_prefix: &str,
    bare_standard: bool,
) {
    out.push_str(name);
    out.push('=');
    let at = out.len();
    canon_vocab_into(text, web_prefix, bare_standard, out);
    if out.len() == at {
        out.pop();
    }
}

/// [`push_sorted`] of whole parts: each item becomes a part of its own,
/// its end recorded in `ends`.
fn push_sorted_parts(out: &mut String, ends: &mut Vec<usize>, items: &str, item_ends: &[usize]) {
    let item = |i: usize| &items[if i == 0 { 0 } else { item_ends[i - 1] }..item_ends[i]];
    let mut order: Vec<usize> = (0..item_ends.len()).collect();
    order.sort_by(|&a, &b| item(a).cmp(item(b)));
    for i in order {
        out.push_str(item(i));
        ends.push(out.len());
    }
}

// ---------------------------------------------------------------- structure

/// A node of the generic (extension / left-over) part.
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    /// [`Node::render`], appended to `out`.
    fn render_into(&self, out: &mut String) {
        push_field(out, &self.name, &self.text);
        if !self.children.is_empty() {
            push_rendered(out, &self.children);
        }
    }
}

/// [`render_all`], appended to `out`.
fn push_rendered(out: &mut String, nodes: &[Node]) {
    let mut items = Items::default();
    for n in nodes {
        n.render_into(&mut items.buf);
        items.end();
    }
    items.push_sorted(out);
}

fn render_all(nodes: &[Node]) -> String {
    let mut s = String::new();
    push_rendered(&mut s, nodes);
    s
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

    /// Appends to `items` the rendering of each node [`Self::ext_nodes`]
    /// makes of `exts`, each an item of its own.
    ///
    /// An extension with a plain value and no attributes (most of them: an
    /// ILMD lot number, an expiry date) is written directly, as its node
    /// renders: building the nodes, their Clark names, canonical texts and
    /// renderings each in a string of their own cost ~1,000 instructions
    /// per event of the synthetic benchmark, a quarter of whose events
    /// have two ILMD fields (callgrind). Others go through their nodes.
    fn render_exts(&self, exts: &[Extension], items: &mut Items) {
        let mut nodes = Vec::new();
        for e in exts {
            if self.ignored(&e.name) {
                continue;
            }
            let plain = !matches!(e.value, ExtValue::Object(_) | ExtValue::Array(_))
                && e.attributes
                    .iter()
                    .all(|a| a.name.namespace.as_deref() == Some(crate::ext::XSI_NS));
            if !plain {
                nodes.clear();
                self.ext_node(&clark(&e.name), &e.attributes, &e.value, &mut nodes);
                for n in &nodes {
                    n.render_into(&mut items.buf);
                    items.end();
                }
                continue;
            }
            let b = &mut items.buf;
            push_clark(b, &e.name);
            b.push('=');
            let at = b.len();
            match &e.value {
                ExtValue::Text(t) | ExtValue::Number(t) => canon_into(t.trim(), b),
                ExtValue::Bool(v) => b.push_str(if *v { "true" } else { "false" }),
                _ => {}
            }
            if b.len() == at {
                b.pop();
            }
            items.end();
        }
    }

    fn ext_nodes(&self, exts: &[Extension]) -> Vec<Node> {
        let mut out = Vec::new();
        for e in exts {
            if !self.ignored(&e.name) {
                self.ext_node(&clark(&e.name), &e.attributes, &e.value, &mut out);
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
                name: clark(&a.name),
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

    /// `name` and its EPCs, sorted; nothing when the list is empty.
    fn write_epc_list(
        name: &str,
        list: &[crate::epc::Epc],
        out: &mut String,
        items: &mut Items,
        epcs: &mut dl::ListNormaliser,
    ) -> bool {
        if list.is_empty() {
            return false;
        }
        items.clear();
        for e in list {
            let start = items.buf.len();
            items.buf.push_str("epc=");
            canon_list_item(e.as_str(), &mut items.buf, epcs);
            if items.buf.len() == start + 4 {
                items.buf.pop();
            }
            items.end();
        }
        out.push_str(name);
        items.push_sorted(out);
        true
    }

    /// `name` and its quantity elements, sorted; nothing when empty.
    fn write_quantity_list(
        name: &str,
        list: &[QuantityElement],
        out: &mut String,
        items: &mut Items,
        epcs: &mut dl::ListNormaliser,
    ) -> bool {
        if list.is_empty() {
            return false;
        }
        items.clear();
        for q in list {
            let b = &mut items.buf;
            let start = b.len();
            b.push_str("quantityElementepcClass=");
            canon_list_item(q.epc_class.as_str(), b, epcs);
            if b.len() == start + "quantityElementepcClass=".len() {
                b.pop();
            }
            if let Some(n) = &q.quantity {
                push_field_canon(b, "quantity", n.as_str());
            }
            if let Some(u) = &q.uom {
                push_field_canon(b, "uom", u);
            }
            items.end();
        }
        out.push_str(name);
        items.push_sorted(out);
        true
    }

    fn write_location(
        &self,
        name: &str,
        l: &Location,
        rest: &mut Vec<Node>,
        out: &mut String,
        recent: &mut recent::RecentValues,
    ) {
        let (gathered, left) = self.split_nested(&l.extensions, 1);
        if !left.is_empty() {
            let owned: Vec<Extension> = left.into_iter().cloned().collect();
            rest.push(Node {
                name: name.to_owned(),
                text: String::new(),
                children: self.ext_nodes(&owned),
            });
        }
        out.push_str(name);
        out.push_str("id=");
        canon_single(l.id.as_str(), out, recent);
        if !gathered.is_empty() {
            out.push_str(&self.nested_ext(&gathered));
        }
    }

    fn write_biz_transactions(
        list: &[BizTransaction],
        out: &mut String,
        items: &mut Items,
    ) -> bool {
        if list.is_empty() {
            return false;
        }
        items.clear();
        for bt in list {
            let s = &mut items.buf;
            if let Some(t) = &bt.transaction_type {
                push_field_vocab(
                    s,
                    "type",
                    t.as_str(),
                    "https://ref.gs1.org/cbv/BTT-",
                    t.is_bare_standard(),
                );
            }
            push_field_canon(s, "bizTransaction", bt.id.as_str());
            items.end();
        }
        out.push_str("bizTransactionList");
        items.push_sorted(out);
        true
    }

    fn write_source_dest(
        name: &str,
        inner: &str,
        list: &[SourceDest],
        out: &mut String,
        items: &mut Items,
        recent: &mut recent::RecentValues,
    ) -> bool {
        if list.is_empty() {
            return false;
        }
        items.clear();
        for sd in list {
            let s = &mut items.buf;
            push_field_vocab(
                s,
                "type",
                sd.kind.as_str(),
                "https://ref.gs1.org/cbv/SDT-",
                sd.kind.is_bare_standard(),
            );
            push_field_single(s, inner, sd.id.as_str(), recent);
            items.end();
        }
        out.push_str(name);
        items.push_sorted(out);
        true
    }

    /// The business transaction, source and destination lists, each a
    /// part of `out` (ends in `ends`).
    fn write_lists(
        c: &EventCommon,
        out: &mut String,
        ends: &mut Vec<usize>,
        items: &mut Items,
        recent: &mut recent::RecentValues,
    ) {
        if Self::write_biz_transactions(&c.biz_transactions, out, items) {
            ends.push(out.len());
        }
        for (name, inner, list) in [
            ("sourceList", "source", &c.sources),
            ("destinationList", "destination", &c.destinations),
        ] {
            if Self::write_source_dest(name, inner, list, out, items, recent) {
                ends.push(out.len());
            }
        }
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
                        &canon_vocab(t.as_str(), "https://gs1.org/voc/", t.is_bare_standard()),
                    ));
                }
                if let Some(t) = &r.exception {
                    f.push(field(
                        "exception",
                        &canon_vocab(t.as_str(), "https://gs1.org/voc/", t.is_bare_standard()),
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
                        &canon_vocab(
                            c.as_str(),
                            "https://ref.gs1.org/cbv/Comp-",
                            c.is_bare_standard(),
                        ),
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

    /// Writes the pre-hash of `e` into `sc.out`, its parts ending at `sc.ends`.
    fn write_event(&self, e: &Event, sc: &mut Scratch) {
        let Scratch {
            out,
            ends,
            items,
            tail,
            epcs,
            recent,
            ilmd_part,
            fields,
        } = sc;
        out.clear();
        ends.clear();
        let c = &e.common;
        match &e.body {
            EventBody::Extended(q) => push_field(out, "eventType", &q.clark()),
            _ => push_field(out, "eventType", e.event_type().as_str()),
        }
        ends.push(out.len());
        out.push_str("eventTime=");
        push_time(out, &c.event_time);
        ends.push(out.len());
        push_field_canon(
            out,
            "eventTimeZoneOffset",
            c.event_time_zone_offset.as_str(),
        );
        ends.push(out.len());
        if !c.certification_info.is_empty() {
            items.clear();
            for u in &c.certification_info {
                push_field_canon(&mut items.buf, "certificationInfo", u.as_str());
                items.end();
            }
            items.push_sorted(out);
            ends.push(out.len());
        }
        let none: &[crate::epc::Epc] = &[];
        let no_quantities: &[QuantityElement] = &[];
        let mut parent = None;
        let (mut epc_list, mut input_epcs, mut child_epcs, mut output_epcs) =
            (none, none, none, none);
        let (mut quantity_list, mut child_quantities, mut input_quantities, mut output_quantities) =
            (no_quantities, no_quantities, no_quantities, no_quantities);
        let (mut action, mut transformation_id, mut ilmd) = (None, None, None);
        match &e.body {
            EventBody::Object(o) => {
                epc_list = &o.epc_list;
                quantity_list = &o.quantity_list;
                action = Some(o.action);
                ilmd = o.ilmd.as_ref();
            }
            EventBody::Aggregation(a) => {
                parent = a.parent_id.as_ref();
                child_epcs = &a.child_epcs;
                child_quantities = &a.child_quantity_list;
                action = Some(a.action);
            }
            EventBody::Association(a) => {
                parent = Some(&a.parent_id);
                child_epcs = &a.child_epcs;
                child_quantities = &a.child_quantity_list;
                action = Some(a.action);
            }
            EventBody::Transaction(t) => {
                parent = t.parent_id.as_ref();
                epc_list = &t.epc_list;
                quantity_list = &t.quantity_list;
                action = Some(t.action);
            }
            EventBody::Transformation(t) => {
                input_epcs = &t.input_epc_list;
                input_quantities = &t.input_quantity_list;
                output_epcs = &t.output_epc_list;
                output_quantities = &t.output_quantity_list;
                transformation_id = t.transformation_id.as_ref();
                ilmd = t.ilmd.as_ref();
            }
            EventBody::Extended(_) => {}
        }
        if let Some(p) = parent {
            push_field_single(out, "parentID", p.as_str(), recent);
            ends.push(out.len());
        }
        for (name, list) in [
            ("epcList", epc_list),
            ("inputEPCList", input_epcs),
            ("childEPCs", child_epcs),
        ] {
            if Self::write_epc_list(name, list, out, items, epcs) {
                ends.push(out.len());
            }
        }
        for (name, list) in [
            ("quantityList", quantity_list),
            ("childQuantityList", child_quantities),
            ("inputQuantityList", input_quantities),
        ] {
            if Self::write_quantity_list(name, list, out, items, epcs) {
                ends.push(out.len());
            }
        }
        if Self::write_epc_list("outputEPCList", output_epcs, out, items, epcs) {
            ends.push(out.len());
        }
        if Self::write_quantity_list("outputQuantityList", output_quantities, out, items, epcs) {
            ends.push(out.len());
        }
        if let Some(a) = action {
            push_field(out, "action", a.as_str());
            ends.push(out.len());
        }
        if let Some(u) = transformation_id {
            push_field_canon(out, "transformationID", u.as_str());
            ends.push(out.len());
        }
        if let Some(b) = &c.biz_step {
            push_field_vocab(
                out,
                "bizStep",
                b.as_str(),
                "https://ref.gs1.org/cbv/BizStep-",
                b.is_bare_standard(),
            );
            ends.push(out.len());
        }
        if let Some(d) = &c.disposition {
            push_field_vocab(
                out,
                "disposition",
                d.as_str(),
                "https://ref.gs1.org/cbv/Disp-",
                d.is_bare_standard(),
            );
            ends.push(out.len());
        }
        if let Some(pd) = &c.persistent_disposition {
            if !pd.set.is_empty() || !pd.unset.is_empty() {
                out.push_str("persistentDisposition");
                for (name, list) in [("set", &pd.set), ("unset", &pd.unset)] {
                    items.clear();
                    for d in list {
                        push_field_vocab(
                            &mut items.buf,
                            name,
                            d.as_str(),
                            "https://ref.gs1.org/cbv/Disp-",
                            d.is_bare_standard(),
                        );
                        items.end();
                    }
                    items.push_sorted(out);
                }
                ends.push(out.len());
            }
        }
        let mut rest: Vec<Node> = Vec::new();
        if let Some(l) = &c.read_point {
            self.write_location("readPoint", l, &mut rest, out, recent);
            ends.push(out.len());
        }
        if let Some(l) = &c.biz_location {
            self.write_location("bizLocation", l, &mut rest, out, recent);
            ends.push(out.len());
        }
        let sensors = self.sensor_elements(&c.sensor_elements, &mut rest);
        // `ilmd` and its fields sorted, when there is more than `ilmd`.
        ilmd_part.clear();
        if let Some(i) = ilmd {
            fields.clear();
            self.render_exts(&i.0, fields);
            ilmd_part.push_str("ilmd");
            fields.push_sorted(ilmd_part);
            if ilmd_part.len() == "ilmd".len() {
                ilmd_part.clear();
            }
        }
        let ilmd_part = (!ilmd_part.is_empty()).then_some(ilmd_part.as_str());
        tail.clear();
        for n in &rest {
            n.render_into(&mut tail.buf);
            tail.end();
        }
        match self.options.order {
            HashOrder::Reference => {
                if let Some(s) = sensors {
                    out.push_str(&s);
                    ends.push(out.len());
                }
                Self::write_lists(c, &mut tail.buf, &mut tail.ends, items, recent);
                if let Some(s) = ilmd_part {
                    tail.buf.push_str(s);
                    tail.end();
                }
            }
            HashOrder::Documented => {
                Self::write_lists(c, out, ends, items, recent);
                if let Some(s) = sensors {
                    out.push_str(&s);
                    ends.push(out.len());
                }
                if let Some(s) = ilmd_part {
                    out.push_str(s);
                    ends.push(out.len());
                }
            }
        }
        self.render_exts(&c.extensions, tail);
        if !tail.is_empty() {
            tail.push_sorted_parts(out, ends);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clark_names_like_qname() {
        let name = |namespace: Option<&str>, prefix: Option<&str>, local: &str| QName {
            namespace: namespace.map(str::to_owned),
            prefix: prefix.map(str::to_owned),
            local: local.to_owned(),
        };
        let names = [
            name(Some("https://ex.com/"), Some("ex"), "x"),
            name(None, Some("ex"), "x"),
            name(None, None, "x"),
            name(Some("urn:x"), None, "y"),
        ];
        for q in names {
            assert_eq!(clark(&q), q.clark());
        }
    }

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
        // Integers written as they are, around the length limit and with
        // leading zeros, as their value prints.
        let mut rng = crate::test_rng::Rng::new(0x2545_F491_4F6C_DD1D);
        for i in 0..100_000u64 {
            let seed = rng.next_u64();
            let digits = (seed % 18) as u32;
            for s in [
                i.to_string(),
                (seed % 10u64.pow(digits)).to_string(),
                format!("{:0w$}", seed % 1000, w = (i % 5) as usize),
                format!("{:017}", seed % 10u64.pow(17)),
            ] {
                let by_value = canon_number_by_value(&s);
                assert_eq!(canon_number(&s), by_value, "{s}");
                if is_plain_integer(&s) {
                    assert_eq!(by_value.as_deref(), Some(s.as_str()), "{s}");
                }
            }
        }
    }

    /// CBV URNs replaced in one pass as the reference replaces each prefix
    /// in turn, in values made of URN pieces in any order.
    #[test]
    fn cbv_urns_like_the_reference() {
        let reference = |s: &str| {
            let mut owned = s.to_owned();
            for (urn, web) in CBV_URNS {
                if owned.contains(urn) {
                    owned = owned.replace(urn, web);
                }
            }
            owned
        };
        let pieces = [
            "urn:epcglobal:cbv:",
            "bizstep:",
            "disp:",
            "btt:",
            "sdt:",
            "er:",
            "bt:",
            "urn:",
            "u",
            "x",
            ":",
            "https://ref.gs1.org/cbv/",
        ];
        let mut rng = crate::test_rng::Rng::new(0x9E37_79B9_7F4A_7C15u64);
        let mut next = move |n: usize| rng.below(n);
        for _ in 0..50_000 {
            let mut s = String::new();
            for _ in 0..next(9) {
                s.push_str(pieces[next(pieces.len())]);
            }
            let want = reference(&s);
            let got = match find_cbv_urn(s.as_bytes(), 0) {
                Some(first) => replace_cbv_urns(&s, first),
                None => s.clone(),
            };
            assert_eq!(got, want, "{s}");
        }
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

    /// Extensions written directly render as their nodes do: plain and
    /// nested values, with and without (XSI) attributes, arrays, ignored
    /// and comment names, values that canonicalise to nothing.
    #[test]
    fn extensions_render_like_nodes() {
        use crate::ext::ExtAttribute;
        let mut rng = crate::test_rng::Rng::new(0x2545_F491_4F6C_DD1Du64);
        let mut next = move |n: usize| rng.below(n);
        let names = [
            QName::new("https://ex.com/", "ex", "a"),
            QName::new("https://ex.com/", "ex", "b"),
            QName::new("urn:x", "x", "c"),
            QName::local("comment"),
            QName::local("#text"),
            QName::local("@id"),
            QName {
                namespace: None,
                prefix: Some("rdfs".into()),
                local: "comment".into(),
            },
            QName {
                namespace: None,
                prefix: Some("p".into()),
                local: "d".into(),
            },
            QName::local(""),
            QName::new(crate::ext::XSI_NS, "xsi", "type"),
        ];
        let texts = [
            "",
            " ",
            "L1234",
            " 26.0 ",
            "12",
            "gs1:Thing",
            "urn:epcglobal:cbv:disp:active",
            "urn:epc:id:sgtin:0614141.107346.2018",
            "2027-03-31",
        ];
        fn value(
            next: &mut impl FnMut(usize) -> usize,
            texts: &[&str],
            names: &[QName],
            depth: u32,
        ) -> ExtValue {
            match next(if depth > 2 { 4 } else { 6 }) {
                0 => ExtValue::Text(texts[next(texts.len())].to_owned()),
                1 => ExtValue::Number(texts[next(texts.len())].to_owned()),
                2 => ExtValue::Bool(next(2) == 0),
                3 => ExtValue::Null,
                4 => ExtValue::Object(
                    (0..next(4))
                        .map(|_| extension(next, texts, names, depth + 1))
                        .collect(),
                ),
                _ => ExtValue::Array(
                    (0..next(4))
                        .map(|_| value(next, texts, names, depth + 1))
                        .collect(),
                ),
            }
        }
        fn extension(
            next: &mut impl FnMut(usize) -> usize,
            texts: &[&str],
            names: &[QName],
            depth: u32,
        ) -> Extension {
            let mut e = Extension::new(
                names[next(names.len())].clone(),
                value(next, texts, names, depth),
            );
            for _ in 0..[0, 0, 0, 1, 2][next(5)] {
                e.attributes.push(ExtAttribute {
                    name: names[next(names.len())].clone(),
                    value: texts[next(texts.len())].to_owned(),
                });
            }
            e
        }
        for ignore in [vec![], vec!["{https://ex.com/}b".to_owned()]] {
            let options = HashOptions {
                order: HashOrder::Reference,
                ignore,
            };
            let builder = Builder { options: &options };
            for _ in 0..5_000 {
                let exts: Vec<Extension> = (0..next(5))
                    .map(|_| extension(&mut next, &texts, &names, 0))
                    .collect();
                let mut items = Items::default();
                builder.render_exts(&exts, &mut items);
                let mut want = Items::default();
                for n in builder.ext_nodes(&exts) {
                    n.render_into(&mut want.buf);
                    want.end();
                }
                assert_eq!(items.buf, want.buf);
                assert_eq!(items.ends, want.ends);
            }
        }
    }

    /// Values through the recent-value table canonicalise as each value
    /// alone does: locations, parties and one-off parents, more distinct
    /// ones than the table holds, between CURIEs, CBV URNs and numbers.
    #[test]
    fn single_values_like_canon() {
        let pool = [
            "urn:epc:id:sgln:4012345.00005.0",
            "urn:epc:id:sgln:4012345.00005.122",
            "urn:epc:id:pgln:0614141.00777",
            "urn:epc:id:sgln:0614141.00777.0 ",
            "https://example.com/414/9521141123452",
            "urn:epcglobal:cbv:sdt:owning_party",
            "gs1:Thing",
            "cbv:SDT-location",
            "26.0",
            "",
            "urn:uuid:123",
        ];
        let mut rng = crate::test_rng::Rng::new(0x2545_F491_4F6C_DD1Du64);
        let mut next = move |n: u64| rng.next_u64() % n;
        let mut recent = recent::RecentValues::default();
        for i in 0..20_000u64 {
            let value = match next(5) {
                0 => pool[next(pool.len() as u64) as usize].to_owned(),
                1 => format!("urn:epc:id:sgln:0614141.{:05}.0", next(700)),
                2 => format!("urn:epc:id:pgln:4012345.{:05}", next(50)),
                3 => format!("urn:epc:id:sscc:4012345.{:010}", 1_000_000 + i),
                _ => format!("urn:epc:id:sgln:95211411234.{}.{}", next(3), next(30)),
            };
            let mut out = String::from("id=");
            canon_single(&value, &mut out, &mut recent);
            assert_eq!(out[3..], canon(&value), "{value}");
        }
    }

    /// List items through the normaliser's shortcut canonicalise as each
    /// value alone does, whatever came before: EPCs sharing leading
    /// components with valid, invalid, empty and overlong last components,
    /// between CURIEs, CBV URNs, numbers and other schemes.
    #[test]
    fn list_items_like_single_values() {
        let pool = [
            "urn:epc:id:sgtin:0614141.107346.2018",
            "urn:epc:id:sgtin:0614141.107346.",
            "urn:epc:id:sgtin:0614141.107346.x%2Fy",
            "urn:epc:id:sgtin:0614141.107346.2018 ",
            "urn:epc:id:sgtin:0614141.107346.urn:epcglobal:cbv:bizstep:x",
            "urn:epc:id:sgtin:0614141.10734.5",
            "urn:epc:id:sscc:4012345.3111111111",
            "urn:epc:id:giai:4012345.ABC345",
            "urn:epc:id:grai:4012345.00022.334455",
            "urn:epc:id:sgcn:4012345.00009.123",
            "urn:epc:id:itip:4012345.011111.01.02.987",
            "urn:epc:class:lgtin:4012345.012345.Lot987",
            "urn:epc:idpat:sgtin:4054739.099914.*",
            "https://id.gs1.org/01/10614141073464/21/77",
            "urn:epcglobal:cbv:disp:active",
            "gs1:Thing",
            "cbv:Disp-active",
            "12",
            " +5",
            "urn:uuid:123",
        ];
        let prefixes = [
            "urn:epc:id:sgtin:0614141.107346.",
            "urn:epc:id:sgtin:4012345.011111.",
            "urn:epc:id:grai:4012345.00022.",
            "urn:epc:id:sgcn:4012345.00009.",
            "urn:epc:id:giai:4012345.",
            "urn:epc:id:itip:4012345.011111.01.02.",
            "urn:epc:id:upui:1234567.098765.",
            "urn:epc:class:lgtin:4012345.012345.",
        ];
        const ALNUM: &[u8] = b"0123456789AZaz";
        let mut rng = crate::test_rng::Rng::new(0x9E37_79B9_7F4A_7C15u64);
        let mut next = move |n: usize| rng.below(n);
        let mut list = dl::ListNormaliser::default();
        let mut prefix = prefixes[0];
        for _ in 0..20_000 {
            let value = if next(4) == 0 {
                pool[next(pool.len())].to_owned()
            } else {
                if next(4) == 0 {
                    prefix = prefixes[next(prefixes.len())];
                }
                let mut v = prefix.to_owned();
                // Lengths 0 to 30 around every limit (12, 16, 17, 20, 28).
                for _ in 0..next(31) {
                    v.push(char::from(ALNUM[next(ALNUM.len())]));
                }
                v
            };
            let mut out = String::from("epc=");
            canon_list_item(&value, &mut out, &mut list);
            assert_eq!(out[4..], canon(&value), "{value}");
        }
    }
}
