//! Canonical GS1 Digital Link form of identifiers, as the CBV 2.0 event
//! hash uses it: EPC URNs (pure identity, `lgtin` class, ID patterns) and
//! Digital Link URIs on any domain become `https://id.gs1.org/<AI>/<key>…`
//! at the finest identification level, without query string.
//!
//! EPC URNs are read by `serialkit-gs1` (Tag Data Standard components,
//! character sets and lengths) and their keys get their check digits from
//! it. What stays here is where GS1's reference event-hash implementation
//! (its `dl_normaliser.py`) writes something else than `serialkit-gs1`'s
//! canonical Digital Link, which the hash must follow:
//!
//! - **Spelling of serials and other text components.** The reference
//!   copies the URN component as written and percent-encodes only
//!   `!()*+,:` ([`reference_escape`]); a canonical Digital Link
//!   percent-encodes every character outside `A-Z a-z 0-9 - . _ ~` (`'` and
//!   `;` too) and writes escapes in upper case.
//! - **Which URNs.** Only the schemes the reference handles (not GID,
//!   USDOD, ADI, BIC, IMOVN) and ID patterns with only the last component
//!   `*`; an `sgln` extension is compared as written (`0` means none). The
//!   reference's patterns are looser than the Tag Data Standard in corners
//!   (a GDTI serial of 18-19 characters, or empty): such URNs are not EPCs
//!   for `serialkit-gs1` and keep their text here.
//! - **Digital Link input** is rewritten textually by the reference
//!   ([`digital_link`]): no check digit is verified (the corpus has links
//!   with wrong ones, e.g. `…/414/9521141123452`, which the reference
//!   normalises and `serialkit-gs1`'s parser rejects), the DL 1.1 short
//!   names (`/gtin/`, `/ser/`, …) are mapped, GTIN-8/12/13 are padded, a CPV
//!   is dropped, a lot is dropped when a serial follows, and the result is
//!   kept only in the reference's output syntax. That text rule stays here.

use serialkit_gs1::check_digit::mod10;
use serialkit_gs1::epc::{Epc, EpcPattern, Lgtin, Scheme};

const ID: &str = "https://id.gs1.org/";

/// Appends the canonical Digital Link of `uri` to `out` and returns
/// `true`, or leaves `out` alone and returns `false` when the reference
/// normaliser would leave `uri` as it is.
pub(crate) fn normalise_into(uri: &str, out: &mut String) -> bool {
    let start = out.len();
    // The reference starts by locating the first `.`.
    let done = uri.contains('.')
        && if let Some(rest) = uri.strip_prefix("urn:epc:") {
            if rest.starts_with("id:") {
                pure_identity(uri, out).is_some()
            } else if rest.starts_with("class:lgtin:") {
                lgtin(uri, out).is_some()
            } else if rest.starts_with("idpat:") {
                pattern(uri, out).is_some()
            } else {
                false
            }
        } else if uri.starts_with("http://") || uri.starts_with("https://") {
            match digital_link(uri) {
                Some(dl) => {
                    out.push_str(&dl);
                    true
                }
                None => false,
            }
        } else {
            false
        };
    if !done {
        out.truncate(start);
    }
    done
}

/// [`normalise_into`] for the identifiers of one list, remembering the
/// last pure identity: the EPCs of a list mostly share every component but
/// the last (an SGTIN's company prefix and item reference), so the Digital
/// Link up to the last component is kept, and the next EPC with the same
/// leading text has only its last component checked by `serialkit-gs1`
/// ([`Epc::set_last_part`]) instead of the whole URN parsed again.
///
/// Only for last components of ASCII letters and digits: their URN text is
/// their value (no escapes, nothing [`reference_escape`] changes), so
/// [`Epc::set_last_part`] with that text accepts exactly what parsing the
/// URN accepts, and the link is the kept part followed by the text.
#[derive(Default)]
pub(crate) struct ListNormaliser {
    /// The last converted URN up to its last component: `urn:epc:id:<scheme>:<…>.`.
    urn_prefix: String,
    /// That EPC, when one is kept.
    kept: Option<Epc>,
    /// Its Digital Link without the last component.
    link_prefix: String,
    /// The shape of a last component checked on the kept EPC, and whether
    /// [`Epc::set_last_part`] accepted it (see [`Shape`]).
    checked: Option<(Shape, bool)>,
}

/// What [`Epc::set_last_part`] reads of a last component of ASCII letters
/// and digits: its length (for the component's limits), whether it starts
/// with `0` (an integer's leading zero) and which of digits, upper and
/// lower case letters it has (each character set of the Tag Data Standard
/// takes all or none of each of those). Components of one shape are all
/// accepted or all refused for one kept EPC, and the serials of a list
/// mostly have one shape: checking the shape instead of the component
/// saved ~180 of ~590 instructions per SGTIN (callgrind).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Shape {
    len: usize,
    leading_zero: bool,
    /// Bit 0: a digit, bit 1: an upper case letter, bit 2: a lower case one.
    classes: u8,
}

impl Shape {
    /// The shape of `last`, when it is made of ASCII letters and digits.
    fn of(last: &str) -> Option<Shape> {
        let b = last.as_bytes();
        let mut classes = 0;
        for &c in b {
            classes |= match c {
                b'0'..=b'9' => 1,
                b'A'..=b'Z' => 2,
                b'a'..=b'z' => 4,
                _ => return None,
            };
        }
        Some(Shape {
            len: b.len(),
            leading_zero: b.first() == Some(&b'0'),
            classes,
        })
    }
}

impl ListNormaliser {
    /// [`normalise_into`] of `uri` when it is the kept EPC's leading text
    /// followed by a last component of ASCII letters and digits (`None`
    /// otherwise).
    ///
    /// The kept text holds no CBV URN (`urn:epcglobal:cbv:`, see
    /// [`Self::remember`]) and starts `urn:epc:id:`, and the last component
    /// has no `:`: such a `uri` is also not a CURIE, a CBV URN or a number,
    /// so this is its whole canonical value, and the caller may skip those
    /// checks.
    pub(crate) fn normalise_repeat(&mut self, uri: &str, out: &mut String) -> Option<bool> {
        let kept = self.kept.as_mut()?;
        let last = uri.strip_prefix(self.urn_prefix.as_str())?;
        let shape = Shape::of(last).filter(|s| s.len > 0)?;
        let valid = match self.checked {
            Some((s, valid)) if s == shape => valid,
            _ => {
                let valid = kept.set_last_part(last).is_ok();
                self.checked = Some((shape, valid));
                valid
            }
        };
        if !valid {
            return Some(false);
        }
        out.push_str(&self.link_prefix);
        out.push_str(last);
        Some(true)
    }

    /// [`normalise_into`], through the kept EPC when `uri` shares its
    /// leading components.
    pub(crate) fn normalise_into(&mut self, uri: &str, out: &mut String) -> bool {
        if let Some(converted) = self.normalise_repeat(uri, out) {
            return converted;
        }
        if !(uri.starts_with("urn:epc:id:") && uri.contains('.')) {
            return normalise_into(uri, out);
        }
        let start = out.len();
        match pure_identity(uri, out) {
            Some(epc) => {
                self.remember(uri, epc, start, out);
                true
            }
            None => {
                out.truncate(start);
                false
            }
        }
    }

    /// Keeps `epc` (written from `uri` to `out[start..]`) when its link
    /// ends with its last component as written, for the schemes whose
    /// link does, and `uri` holds no CBV URN.
    fn remember(&mut self, uri: &str, epc: Epc, start: usize, out: &str) {
        if uri.contains("urn:epcglobal:cbv:") {
            return;
        }
        if !matches!(
            epc.scheme(),
            Scheme::Sgtin
                | Scheme::Upui
                | Scheme::Itip
                | Scheme::Grai
                | Scheme::Gdti
                | Scheme::Sgcn
                | Scheme::Giai
                | Scheme::Ginc
        ) {
            return;
        }
        let Some(body) = body(uri) else { return };
        let n = epc.parts().len();
        let last = raw_part(body, n, n - 1);
        if !(2..=5).contains(&n)
            || last.is_empty()
            || !last.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return;
        }
        let Some(link_prefix) = out[start..].strip_suffix(last) else {
            return;
        };
        self.urn_prefix.clear();
        self.urn_prefix.push_str(&uri[..uri.len() - last.len()]);
        self.link_prefix.clear();
        self.link_prefix.push_str(link_prefix);
        self.kept = Some(epc);
        self.checked = None;
    }
}

/// The canonical Digital Link of `uri`, or `None` when the reference
/// normaliser would leave it alone.
#[cfg(test)]
fn normalise(uri: &str) -> Option<String> {
    let mut out = String::new();
    normalise_into(uri, &mut out).then_some(out)
}

/// The reference's spelling of a URN component in a Digital Link: as
/// written in the URN, with `!()*+,:` percent-encoded.
fn reference_escape(out: &mut String, raw: &str) {
    if !raw
        .bytes()
        .any(|b| matches!(b, b'!' | b'(' | b')' | b'*' | b'+' | b',' | b':'))
    {
        out.push_str(raw);
        return;
    }
    for c in raw.chars() {
        match c {
            '!' => out.push_str("%21"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '*' => out.push_str("%2A"),
            '+' => out.push_str("%2B"),
            ',' => out.push_str("%2C"),
            ':' => out.push_str("%3A"),
            c => out.push(c),
        }
    }
}

/// Component `i` of `n` of a URN body as written (escapes kept), split as
/// the Tag Data Standard splits them: at dots, the last one taking the rest.
fn raw_part(body: &str, n: usize, i: usize) -> &str {
    raw_parts(body, n).get(i).copied().unwrap_or_default()
}

/// The `n` (at most 5) components of a URN body as written, as
/// [`raw_part`] splits them (`""` for those missing).
fn raw_parts(body: &str, n: usize) -> [&str; 5] {
    let mut parts = [""; 5];
    let mut rest = Some(body);
    for (i, part) in parts.iter_mut().enumerate().take(n) {
        let Some(r) = rest else { break };
        if i + 1 == n {
            *part = r;
        } else {
            // A plain scan: bodies are a few dozen bytes, shorter than what
            // a vectorised search pays to set up.
            match r.bytes().position(|b| b == b'.') {
                Some(d) => {
                    *part = &r[..d];
                    rest = Some(&r[d + 1..]);
                }
                None => {
                    *part = r;
                    rest = None;
                }
            }
        }
    }
    parts
}

/// The URN body after `urn:epc:<kind>:<scheme>:`.
fn body(uri: &str) -> Option<&str> {
    // `urn:epc:` is followed by the kind, the scheme and the body.
    let b = uri.as_bytes();
    let kind_end = 8 + b.get(8..)?.iter().position(|&c| c == b':')?;
    let scheme_end = kind_end + 1 + b[kind_end + 1..].iter().position(|&c| c == b':')?;
    uri.get(scheme_end + 1..)
}

/// Appends the digits of `parts` and their check digit, when they are
/// `len` digits: a GS1 key body (the EPC's components are already checked).
fn push_key(out: &mut String, parts: &[&str], len: usize) -> Option<()> {
    let start = out.len();
    for p in parts {
        out.push_str(p);
    }
    let cd = mod10(&out.as_bytes()[start..]).filter(|_| out.len() - start == len)?;
    out.push(char::from(cd));
    Some(())
}

/// GTIN-14 of a company prefix and an indicator + item reference.
fn push_gtin(out: &mut String, cp: &str, item: &str) -> Option<()> {
    let (indicator, rest) = item.split_at_checked(1)?;
    push_key(out, &[indicator, cp, rest], 13)
}

/// Appends the link of a pure identity URN (or part of it: the caller
/// truncates on `None`) and returns the EPC read.
fn pure_identity(uri: &str, out: &mut String) -> Option<Epc> {
    let epc: Epc = uri.parse().ok()?;
    let parts = epc.parts();
    let written = raw_parts(body(uri)?, parts.len());
    let raw = |i: usize| written[i];
    // A component written without escapes is its value: taken from the URN
    // it needs no UTF-8 check again (`Field::as_str`, ~110 instructions
    // each by callgrind).
    let p = |i: usize| {
        if written[i].bytes().any(|b| b == b'%') {
            parts[i].as_str()
        } else {
            written[i]
        }
    };
    out.push_str(ID);
    match epc.scheme() {
        Scheme::Sgtin => {
            out.push_str("01/");
            push_gtin(out, p(0), p(1))?;
            out.push_str("/21/");
            reference_escape(out, raw(2));
        }
        Scheme::Upui => {
            out.push_str("01/");
            push_gtin(out, p(0), p(1))?;
            out.push_str("/235/");
            reference_escape(out, raw(2));
        }
        Scheme::Itip => {
            out.push_str("8006/");
            push_gtin(out, p(0), p(1))?;
            out.push_str(p(2));
            out.push_str(p(3));
            out.push_str("/21/");
            reference_escape(out, raw(4));
        }
        Scheme::Sscc => {
            let (extension, rest) = p(1).split_at_checked(1)?;
            out.push_str("00/");
            push_key(out, &[extension, p(0), rest], 17)?;
        }
        Scheme::Sgln | Scheme::Pgln => {
            out.push_str(if epc.scheme() == Scheme::Sgln {
                "414/"
            } else {
                "417/"
            });
            push_key(out, &[p(0), p(1)], 12)?;
            // The reference compares the extension as written.
            if epc.scheme() == Scheme::Sgln && raw(2) != "0" {
                out.push_str("/254/");
                reference_escape(out, raw(2));
            }
        }
        Scheme::Gsrn | Scheme::Gsrnp => {
            out.push_str(if epc.scheme() == Scheme::Gsrn {
                "8018/"
            } else {
                "8017/"
            });
            push_key(out, &[p(0), p(1)], 17)?;
        }
        Scheme::Gsin => {
            out.push_str("402/");
            push_key(out, &[p(0), p(1)], 16)?;
        }
        Scheme::Grai => {
            out.push_str("8003/0");
            push_key(out, &[p(0), p(1)], 12)?;
            reference_escape(out, raw(2));
        }
        Scheme::Gdti | Scheme::Sgcn => {
            out.push_str(if epc.scheme() == Scheme::Gdti {
                "253/"
            } else {
                "255/"
            });
            push_key(out, &[p(0), p(1)], 12)?;
            reference_escape(out, raw(2));
        }
        Scheme::Giai | Scheme::Ginc => {
            out.push_str(if epc.scheme() == Scheme::Giai {
                "8004/"
            } else {
                "401/"
            });
            out.push_str(p(0));
            reference_escape(out, raw(1));
        }
        Scheme::Cpi => {
            out.push_str("8010/");
            out.push_str(p(0));
            reference_escape(out, raw(1));
            out.push_str("/8011/");
            out.push_str(p(2));
        }
        _ => return None,
    }
    Some(epc)
}

fn lgtin(uri: &str, out: &mut String) -> Option<()> {
    let class: Lgtin = uri.parse().ok()?;
    let lot = raw_part(body(uri)?, 3, 2);
    out.push_str(ID);
    out.push_str("01/");
    push_gtin(out, class.company_prefix(), class.item_reference())?;
    out.push_str("/10/");
    reference_escape(out, lot);
    Some(())
}

/// ID patterns naming a class: every component but the last given.
fn pattern(uri: &str, out: &mut String) -> Option<()> {
    let pat: EpcPattern = uri.parse().ok()?;
    let g: Vec<&str> = pat.given().iter().map(|f| f.as_str()).collect();
    // Only the last component may be `*`.
    if !uri.ends_with(".*") || pat.to_string().matches('*').count() != 1 {
        return None;
    }
    let n = g.len() + 1;
    let body = body(uri)?;
    out.push_str(ID);
    match pat.scheme() {
        Scheme::Sgtin | Scheme::Upui => {
            out.push_str("01/");
            push_gtin(out, g[0], g[1])?;
        }
        Scheme::Itip => {
            out.push_str("8006/");
            push_gtin(out, g[0], g[1])?;
            out.push_str(g[2]);
            out.push_str(g[3]);
        }
        Scheme::Grai => {
            out.push_str("8003/0");
            push_key(out, &[g[0], g[1]], 12)?;
        }
        Scheme::Gdti | Scheme::Sgcn => {
            out.push_str(if pat.scheme() == Scheme::Gdti {
                "253/"
            } else {
                "255/"
            });
            push_key(out, &[g[0], g[1]], 12)?;
        }
        Scheme::Cpi => {
            out.push_str("8010/");
            out.push_str(g[0]);
            reference_escape(out, raw_part(body, n, 1));
        }
        _ => return None,
    }
    Some(())
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` starts with `n` ASCII digits. Checked on bytes: slicing the
/// text at `n` would panic when a character straddles that byte (an
/// `https://…/01/123é…` value), and after `n` ASCII bytes `n` is a
/// character boundary, so `&s[n..]` is safe once this holds.
fn digits_first(s: &str, n: usize) -> bool {
    s.as_bytes()
        .get(..n)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
}

const DL_KEYS: &[&str] = &[
    "01", "gtin", "8006", "itip", "8010", "cpid", "414", "gln", "417", "party", "8017", "gsrnp",
    "8018", "gsrn", "255", "gcn", "00", "sscc", "253", "gdti", "401", "ginc", "402", "gsin",
    "8003", "grai", "8004", "giai",
];

/// Characters a Digital Link value may hold to count as canonical.
fn dl_value_char(c: u8) -> bool {
    matches!(c, 0x22 | 0x27 | 0x2D | 0x2E | 0x30..=0x39 | 0x3B..=0x3F | 0x41..=0x5A | 0x5F | 0x61..=0x7A)
}

fn dl_value(s: &str, max: usize) -> bool {
    s.len() <= max && s.bytes().all(dl_value_char)
}

fn digits_n(s: &str, n: usize) -> bool {
    s.len() == n && all_digits(s)
}

/// The reference's textual normalisation of a Digital Link URI (see the
/// module documentation for why it is not `serialkit-gs1`'s parser).
/// What [`recognised`] needs at least: a segment after a key's segment
/// that starts with four digits. Most http(s) values are not Digital
/// Links (CBV web URIs such as `https://ref.gs1.org/cbv/BizStep-…`, which
/// every event read from EPCIS XML has): ruling them out here spares the
/// search for each key (a pattern built per key), which cost 33k
/// instructions per value.
fn may_be_recognised(path: &str) -> bool {
    path.split('/')
        .skip(2)
        .any(|v| v.len() >= 5 && digits_first(v, 4))
}

/// Whether a Digital Link path holds `/<key>/` followed by at least four
/// digits and one more character (non-overlapping occurrences, as the
/// reference searches).
fn recognised(path: &str) -> bool {
    DL_KEYS.iter().any(|k| {
        let pat = format!("/{k}/");
        path.match_indices(&pat).any(|(i, _)| {
            let v = &path[i + pat.len()..];
            let v = v.split('/').next().unwrap_or("");
            v.len() >= 5 && digits_first(v, 4)
        })
    })
}

fn digital_link(uri: &str) -> Option<String> {
    // Recognise: an http(s) URI whose path holds `/<key>/` followed by at
    // least four digits and one more character.
    let after_scheme = uri.split_once("://").map(|(_, r)| r)?;
    let path_start = after_scheme.find('/')?;
    let path_and_more = &after_scheme[path_start..];
    let path = path_and_more.split(['?', '#']).next().unwrap_or("");
    if !(may_be_recognised(path) && recognised(path)) {
        return None;
    }
    let mut u = match uri.find('?') {
        Some(i) => uri[..i].to_owned(),
        None => uri.to_owned(),
    };
    for (short, ai) in [
        ("/gtin/", "/01/"),
        ("/itip/", "/8006/"),
        ("/cpid/", "/8010/"),
        ("/gln/", "/414/"),
        ("/party/", "/417/"),
        ("/gsrnp/", "/8017/"),
        ("/gsrn/", "/8018/"),
        ("/gcn/", "/255/"),
        ("/sscc/", "/00/"),
        ("/gdti/", "/253/"),
        ("/ginc/", "/401/"),
        ("/gsin/", "/402/"),
        ("/grai/", "/8003/"),
        ("/giai/", "/8004/"),
        ("/cpv/", "/22/"),
        ("/lot/", "/10/"),
        ("/ser/", "/21/"),
    ] {
        u = u.replace(short, ai);
    }
    const PRIMARY: &[&str] = &[
        "01", "8006", "8010", "414", "417", "8017", "8018", "255", "00", "253", "401", "402",
        "8003", "8004",
    ];
    let canonical = u.strip_prefix(ID).is_some_and(|rest| {
        let mut it = rest.splitn(3, '/');
        let key = it.next().unwrap_or("");
        let value = it.next().unwrap_or("");
        PRIMARY.contains(&key) && value.len() >= 5 && digits_first(value, 4)
    });
    if !canonical {
        for key in [
            "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
            "8017", "8018",
        ] {
            if let Some(i) = u.find(&format!("/{key}/")) {
                u = format!("https://id.gs1.org{}", &u[i..]);
                break;
            }
        }
    }
    // GTIN-8/12/13 padded to 14 digits.
    if let Some(rest) = u.strip_prefix("https://id.gs1.org/01/") {
        let lead = rest.bytes().take_while(u8::is_ascii_digit).count();
        let pad = match lead {
            14.. => 0,
            13 => 1,
            12 => 2,
            8..=11 => 6,
            _ => 0,
        };
        if pad > 0 {
            u = u.replace("/01/", &format!("/01/{}", "0".repeat(pad)));
        }
    }
    // Drop a CPV (AI 22) after the GTIN/ITIP.
    if let Some(i) = u.find("/22/") {
        let (before, after) = (&u[..i], &u[i + 4..]);
        let keyed = (before.len() == "https://id.gs1.org/01/".len() + 14
            && before.starts_with("https://id.gs1.org/01/")
            && all_digits(&before[22..]))
            || (before.len() == "https://id.gs1.org/8006/".len() + 18
                && before.starts_with("https://id.gs1.org/8006/")
                && all_digits(&before[24..]));
        if keyed && after.len() <= 20 && after.bytes().all(dl_value_char) {
            u = before.to_owned();
        } else if keyed && after.bytes().all(|c| c == b'/' || dl_value_char(c)) {
            if let Some(j) = after.find('/') {
                u = format!("{before}{}", &after[j..]);
            }
        }
    }
    // Finest level only: a serial makes the lot redundant.
    for (prefix, key_len) in [
        ("https://id.gs1.org/01/", 14usize),
        ("https://id.gs1.org/8006/", 18),
    ] {
        if let Some(rest) = u.strip_prefix(prefix) {
            let parts: Vec<&str> = rest.split('/').collect();
            if let [key, "10", lot, "21", serial] = parts.as_slice() {
                if digits_n(key, key_len) && dl_value(lot, 20) && dl_value(serial, 20) {
                    u = format!("{prefix}{key}/21/{serial}");
                }
            }
        }
    }
    valid_canonical(&u).then_some(u)
}

fn valid_canonical(u: &str) -> bool {
    let Some(rest) = u.strip_prefix(ID) else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["00", k] => digits_n(k, 18),
        ["01", k] => digits_n(k, 14),
        ["01", k, "21" | "10", v] => digits_n(k, 14) && dl_value(v, 20),
        ["01", k, "235", v] => digits_n(k, 14) && dl_value(v, 28),
        ["253", k] => digits_first(k, 13) && dl_value(&k[13..], 17),
        ["255", k] => k.len() >= 13 && k.len() <= 25 && all_digits(k),
        ["401", k] => dl_value(k, 30),
        ["402", k] => digits_n(k, 17),
        ["414", k] | ["417", k] => digits_n(k, 13),
        ["414", k, "254", v] => digits_n(k, 13) && dl_value(v, 20),
        ["8003", k] => digits_first(k, 14) && dl_value(&k[14..], 16),
        ["8004", k] => dl_value(k, 30),
        ["8006", k] => digits_n(k, 18),
        ["8006", k, "21" | "10", v] => digits_n(k, 18) && dl_value(v, 20),
        ["8017", k] | ["8018", k] => digits_n(k, 18),
        [.., "8011", s] if s.len() <= 12 && all_digits(s) => {
            // `8010/<cpid, may contain '/'>/8011/<serial>`
            let inner = &rest[..rest.len() - s.len() - "/8011/".len()];
            inner.strip_prefix("8010/").is_some_and(cpid_chars)
        }
        ["8010", ..] => rest.strip_prefix("8010/").is_some_and(cpid_chars),
        _ => false,
    }
}

fn cpid_chars(s: &str) -> bool {
    s.len() <= 30
        && s.bytes()
            .all(|c| matches!(c, 0x23 | 0x2D | 0x2F | 0x30..=0x39 | 0x41..=0x5A))
}

#[cfg(test)]
mod tests {
    use super::{ListNormaliser, may_be_recognised, normalise, recognised};
    use std::str::FromStr;

    #[test]
    fn the_prefilter_keeps_every_recognised_path() {
        // Random paths of key segments, digit runs and other text:
        // whatever the key search recognises passes the prefilter.
        let pieces = [
            "",
            "01",
            "gtin",
            "414",
            "8003",
            "253",
            "1234",
            "12345",
            "0123456789012",
            "x",
            "é",
            "cbv",
            "1234é",
        ];
        let mut rng = crate::test_rng::Rng::new(0x2545_f491_4f6c_dd1du64);
        let mut next = move || rng.next_u64();
        let mut recognised_paths = 0;
        for _ in 0..50_000 {
            let mut path = String::new();
            for _ in 0..(next() % 6 + 1) {
                path.push('/');
                path.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            if recognised(&path) {
                recognised_paths += 1;
                assert!(may_be_recognised(&path), "{path}");
            }
        }
        assert!(recognised_paths > 1_000, "{recognised_paths}");
    }

    #[test]
    fn non_ascii_values_after_keys_do_not_panic() {
        // A character straddling the fourth (or 13th, 14th) byte of a value
        // once made the digit checks slice inside it.
        for uri in [
            "https://example.org/01/123é45",
            "https://example.org/01/123é45/21/x",
            "https://example.org/253/123456789012é",
            "https://example.org/8003/1234567890123é",
            "https://id.gs1.org/253/123456789012é",
            "https://id.gs1.org/01/0é",
            "https://example.org/cbv/BizStep-é",
        ] {
            assert_eq!(normalise(uri), None, "{uri}");
        }
    }

    /// The list normaliser writes what converting each identifier alone
    /// writes, whatever came before it: shared leading components with
    /// valid, invalid, escaped, dotted, empty and overlong last components.
    #[test]
    fn list_normaliser_equals_one_by_one() {
        let mut list = vec![
            "urn:epc:id:sgtin:0614141.107346.2018",
            "urn:epc:id:sgtin:0614141.107346.2019",
            "urn:epc:id:sgtin:0614141.107346.A",
            "urn:epc:id:sgtin:0614141.107346.",
            "urn:epc:id:sgtin:0614141.107346.x%2Fy",
            "urn:epc:id:sgtin:0614141.107346.12345678901234567890",
            "urn:epc:id:sgtin:0614141.107346.123456789012345678901",
            "urn:epc:id:sgtin:0614141.107346.a.b",
            "urn:epc:id:sgtin:0614141.107346.(7)",
            "urn:epc:id:sgtin:0614141.107346.z",
            "urn:epc:id:sgtin:0614141.10734.5",
            "urn:epc:id:sgtin:0614141.1073466.5",
            "urn:epc:id:sgtin:0614141.107346.2018",
            "urn:epc:id:sscc:4012345.3111111111",
            "urn:epc:id:sgtin:0614141.107346.77",
            "https://id.gs1.org/01/10614141073464/21/77",
            "urn:epc:id:giai:4012345.ABC345",
            "urn:epc:id:giai:4012345.ABC3456789012345678901234",
            "urn:epc:id:giai:4012345.ABC34567890123456789012",
            "urn:epc:id:giai:4012345.abc",
            "urn:epc:id:grai:4012345.00022.334455",
            "urn:epc:id:grai:4012345.00022.1234567890123456",
            "urn:epc:id:grai:4012345.00022.12345678901234567",
            "urn:epc:id:gdti:4012345.00009.PO4711",
            "urn:epc:id:gdti:4012345.00009.PO4712",
            "urn:epc:id:sgcn:4012345.00009.123",
            "urn:epc:id:sgcn:4012345.00009.0123",
            "urn:epc:id:sgcn:4012345.00009.A1",
            "urn:epc:id:itip:4012345.011111.01.02.987",
            "urn:epc:id:itip:4012345.011111.01.02.988",
            "urn:epc:id:upui:1234567.098765.51qIgY",
            "urn:epc:id:upui:1234567.098765.51qIgZ",
            "urn:epc:id:ginc:0614141.xyz47",
            "urn:epc:id:ginc:0614141.xyz48",
            "urn:epc:id:sgln:4012345.00005.0",
            "urn:epc:id:sgln:4012345.00005.122",
            "urn:epc:id:sgln:4012345.00005.0",
            "urn:epc:id:cpi:0614141.11111111111111-A.1234",
            "urn:epc:id:cpi:0614141.11111111111111-A.1235",
            "urn:epc:class:lgtin:4012345.012345.Lot987",
            "urn:epc:class:lgtin:4012345.012345.Lot988",
            "urn:epc:id:sgtin:0614141.107346.2018",
            "urn:uuid:123",
            "urn:epc:id:sgtin:0614141.107346.2020",
        ];
        // And every prefix of an SGTIN URN after a valid one.
        let full = "urn:epc:id:sgtin:0614141.107346.2018";
        let cut: Vec<String> = (0..full.len()).map(|i| full[..i].to_owned()).collect();
        for c in &cut {
            list.push(full);
            list.push(c);
        }
        let mut norm = ListNormaliser::default();
        for uri in &list {
            let mut out = String::from("epc=");
            let done = norm.normalise_into(uri, &mut out);
            let want = normalise(uri);
            assert_eq!(done.then(|| out[4..].to_owned()), want, "{uri}");
            assert_eq!(out.len() == 4, want.is_none(), "{uri}");
        }
    }

    /// [`Epc::set_last_part`] accepts all or none of the last components
    /// of one [`Shape`](super::Shape), for every scheme the normaliser
    /// keeps and several company prefix lengths: what lets the normaliser
    /// check a shape once. Random components of ASCII letters and digits,
    /// lengths 1 to 40, with and without leading zeros and each mix of
    /// digits and letter cases.
    #[test]
    fn shape_decides_set_last_part() {
        use serialkit_gs1::epc::Epc;
        let kept = [
            "urn:epc:id:sgtin:0614141.107346.2018",
            "urn:epc:id:sgtin:061414112345.0.1",
            "urn:epc:id:sgtin:061414.1073461.1",
            "urn:epc:id:upui:1234567.098765.51qIgY",
            "urn:epc:id:itip:4012345.011111.01.02.987",
            "urn:epc:id:grai:4012345.00022.334455",
            "urn:epc:id:grai:401234567890..1",
            "urn:epc:id:gdti:4012345.00009.PO4711",
            "urn:epc:id:sgcn:4012345.00009.123",
            "urn:epc:id:giai:4012345.ABC345",
            "urn:epc:id:giai:401234567890.A",
            "urn:epc:id:ginc:0614141.xyz47",
            "urn:epc:id:ginc:061414.x",
        ];
        const CLASSES: [&[u8]; 3] = [
            b"0123456789",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            b"abcdefghijklmnopqrstuvwxyz",
        ];
        let mut rng = crate::test_rng::Rng::new(0x9E37_79B9_7F4A_7C15u64);
        let mut next = move |n: usize| rng.below(n);
        for uri in kept {
            let epc: Epc = uri.parse().expect(uri);
            let mut seen = std::collections::HashMap::new();
            for _ in 0..20_000 {
                let len = 1 + next(40);
                let mix = 1 + next(7);
                let mut last = String::new();
                if next(3) == 0 {
                    last.push('0');
                }
                while last.len() < len {
                    let class = next(3);
                    if mix & (1 << class) != 0 {
                        let chars = CLASSES[class];
                        last.push(char::from(chars[next(chars.len())]));
                    }
                }
                let shape = super::Shape::of(&last).expect("letters and digits");
                let valid = epc.clone().set_last_part(&last).is_ok();
                let first = *seen.entry(shape).or_insert(valid);
                assert_eq!(valid, first, "{uri} {last} {shape:?}");
            }
            // Both outcomes occur for each kept EPC.
            assert!(
                seen.values().any(|&v| v) && seen.values().any(|&v| !v),
                "{uri}"
            );
        }
    }

    /// Components as written split once as they were split one at a time
    /// (by dot positions), for bodies with too few, too many, leading,
    /// trailing and doubled dots.
    #[test]
    fn raw_parts_like_one_at_a_time() {
        fn by_dots(body: &str, n: usize, i: usize) -> &str {
            let mut dots = body
                .bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'.').then_some(i));
            let start = if i == 0 {
                0
            } else {
                match dots.nth(i - 1) {
                    Some(d) => d + 1,
                    None => return "",
                }
            };
            let end = if i + 1 == n {
                body.len()
            } else {
                dots.next().unwrap_or(body.len())
            };
            body.get(start..end).unwrap_or_default()
        }
        for body in [
            "",
            ".",
            "..",
            "a",
            "a.",
            ".a",
            "a.b",
            "a..b",
            "0614141.107346.2018",
            "0614141.107346.a.b.c",
            "4012345.011111.01.02.987",
            "4012345.011111.01",
            "x%2F.y%2E.z.",
        ] {
            for n in 1..=5 {
                let parts = super::raw_parts(body, n);
                for (i, part) in parts.into_iter().enumerate() {
                    let want = if i < n { by_dots(body, n, i) } else { "" };
                    assert_eq!(part, want, "{body} {n} {i}");
                    assert_eq!(super::raw_part(body, n, i), want, "{body} {n} {i}");
                }
            }
        }
    }

    #[test]
    fn urns_and_links() {
        let cases = [
            (
                "urn:epc:id:sgtin:0614141.107346.2018",
                "https://id.gs1.org/01/10614141073464/21/2018",
            ),
            (
                "urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()",
                "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29",
            ),
            (
                "urn:epc:id:sgtin:415056789012.0.987654",
                "https://id.gs1.org/01/04150567890128/21/987654",
            ),
            (
                "urn:epc:id:sscc:4012345.3111111111",
                "https://id.gs1.org/00/340123451111111111",
            ),
            (
                "urn:epc:id:sgln:4012345.00005.0",
                "https://id.gs1.org/414/4012345000054",
            ),
            (
                "urn:epc:id:sgln:4012345.00005.122",
                "https://id.gs1.org/414/4012345000054/254/122",
            ),
            (
                "urn:epc:id:grai:4012345.00022.334455",
                "https://id.gs1.org/8003/04012345000221334455",
            ),
            (
                "urn:epc:id:giai:4012345.ABC345",
                "https://id.gs1.org/8004/4012345ABC345",
            ),
            (
                "urn:epc:id:gsrn:4012345.0000006765",
                "https://id.gs1.org/8018/401234500000067657",
            ),
            (
                "urn:epc:id:gdti:4012345.00009.PO-4711",
                "https://id.gs1.org/253/4012345000092PO-4711",
            ),
            (
                "urn:epc:id:gdti:987659999999..9",
                "https://id.gs1.org/253/98765999999929",
            ),
            (
                "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
                "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234",
            ),
            (
                "urn:epc:id:ginc:0614141.xyz47%2F11",
                "https://id.gs1.org/401/0614141xyz47%2F11",
            ),
            (
                "urn:epc:id:gsin:4012345.222333444",
                "https://id.gs1.org/402/40123452223334442",
            ),
            (
                "urn:epc:id:itip:4012345.011111.01.02.987",
                "https://id.gs1.org/8006/040123451111180102/21/987",
            ),
            (
                "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
                "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB",
            ),
            (
                "urn:epc:id:pgln:999999999999.",
                "https://id.gs1.org/417/9999999999994",
            ),
            (
                "urn:epc:class:lgtin:4012345.012345.Lot987",
                "https://id.gs1.org/01/04012345123456/10/Lot987",
            ),
            (
                "urn:epc:idpat:sgtin:4054739.099914.*",
                "https://id.gs1.org/01/04054739999148",
            ),
            (
                "https://example.com/gtin/09780345418913/21/765tz?abc=211121",
                "https://id.gs1.org/01/09780345418913/21/765tz",
            ),
            (
                "https://id.gs1.de/01/04012345999990/21/XYZ-1234",
                "https://id.gs1.org/01/04012345999990/21/XYZ-1234",
            ),
            (
                "https://example.org/8004/401234599999",
                "https://id.gs1.org/8004/401234599999",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(normalise(input).as_deref(), Some(want), "{input}");
        }
        // The reference's spellings, where a canonical Digital Link differs:
        // URN escapes kept as written (lower case too), `'` and `;` literal,
        // only `!()*+,:` encoded.
        let quirky = "urn:epc:id:sgtin:0614141.812345.a'b;c%2f!";
        assert_eq!(
            normalise(quirky).as_deref(),
            Some("https://id.gs1.org/01/80614141123458/21/a'b;c%2f%21")
        );
        let gs1_dl = serialkit_gs1::epc::Epc::from_str(quirky)
            .unwrap()
            .to_element_string()
            .unwrap()
            .to_digital_link(serialkit_gs1::dl::CANONICAL_STEM)
            .unwrap();
        assert_eq!(
            gs1_dl,
            "https://id.gs1.org/01/80614141123458/21/a%27b%3Bc%2F%21"
        );
        // Links are rewritten as text: a wrong check digit (the GLN
        // 9521141123452 should end in 4) is kept, as the reference does.
        assert_eq!(
            normalise("https://example.com/414/9521141123452").as_deref(),
            Some("https://id.gs1.org/414/9521141123452")
        );
        assert!(
            serialkit_gs1::DigitalLink::parse(
                "https://example.com/414/9521141123452",
                &serialkit_gs1::Options::default()
            )
            .is_err()
        );
        for keep in [
            "urn:uuid:123",
            "geo:47.5,11.1",
            "https://example.com/no/key",
            "urn:epc:id:sscc:1.2",
        ] {
            assert_eq!(normalise(keep), None, "{keep}");
        }
    }
}
