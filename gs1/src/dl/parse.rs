//! Reading a Digital Link URI into element strings.
//!
//! The steps follow GS1's reference engine so that the same URIs are
//! accepted and the same first error is reported: character and scheme
//! checks, the domain, the path read backwards to the rightmost primary key
//! (anything before it is the stem), the path pairs and query parameters
//! decoded and length-checked, the key-qualifier order, the query attributes
//! (no duplicates, only Digital Link attributes, nothing that belongs in the
//! path), and finally the validation every element string gets.

use std::ops::Range;

use super::keys::is_valid_path;
use super::percent::{self, Part};
use crate::ai::{self, Ai, AiSpec};
use crate::element::validate::finish;
use crate::element::{Element, ElementString, Options, Parsed, err};
use crate::error::{Error, ErrorKind, Errors};

/// What parsing found besides the element string, as ranges of the URI.
pub(crate) struct Found<'a> {
    pub(crate) es: ElementString<'a>,
    /// The stem: scheme, domain and any path before the primary key.
    pub(crate) stem: Range<usize>,
    /// Number of elements that came from the path (key and qualifiers).
    pub(crate) path_len: usize,
    /// Non-GS1 query parameters, raw, in order.
    pub(crate) ignored: Vec<Range<usize>>,
}

/// Characters that may appear anywhere in a URI (RFC 3986 unreserved,
/// reserved, and `%`).
const fn uri_char(b: u8) -> bool {
    percent::is_unreserved(b)
        || matches!(
            b,
            b':' | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
                | b'@'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'%'
        )
}

/// [`uri_char`] as a table: the check runs over every byte of the URI.
static URI_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = uri_char(i as u8);
        i += 1;
    }
    t
};

#[inline]
fn is_uri_char(b: u8) -> bool {
    URI_CHAR[usize::from(b)]
}

/// URI characters that a domain (host and port) may not contain.
const fn is_bad_domain_char(b: u8) -> bool {
    matches!(
        b,
        b'_' | b'~'
            | b'?'
            | b'#'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'%'
    )
}

/// Length of the scheme and `://` when `uri` starts with one a Digital Link
/// may use: `http` or `https`, all lower case or all upper case.
pub(crate) fn scheme_len(uri: &[u8]) -> Option<usize> {
    if uri.starts_with(b"https://") || uri.starts_with(b"HTTPS://") {
        Some(8)
    } else if uri.starts_with(b"http://") || uri.starts_with(b"HTTP://") {
        Some(7)
    } else {
        None
    }
}

/// Checks that `stem` (before its trailing `/` is dropped) can start a
/// Digital Link URI: URI characters only, `http://` or `https://`, a
/// domain that a host may hold, and neither a query nor a fragment, which
/// would swallow the `/AI/value` path written after it. Spans are offsets
/// into `stem`.
pub(crate) fn check_stem(stem: &str) -> Result<(), Error> {
    let b = stem.as_bytes();
    if let Some(p) = b
        .iter()
        .position(|&c| !is_uri_char(c) || c == b'?' || c == b'#')
    {
        let len = stem[p..].chars().next().map_or(1, char::len_utf8);
        return Err(err(ErrorKind::UriIllegalCharacter, None, p..p + len));
    }
    let Some(domain_start) = scheme_len(b) else {
        let end = stem.find("://").map_or(b.len(), |i| i + 3);
        return Err(err(ErrorKind::UriIllegalScheme, None, 0..end));
    };
    let domain_end = b[domain_start..]
        .iter()
        .position(|&c| c == b'/')
        .map_or(b.len(), |i| domain_start + i);
    if domain_end == domain_start {
        return Err(err(ErrorKind::UriMissingDomainOrPath, None, 0..b.len()));
    }
    if let Some(i) = b[domain_start..domain_end]
        .iter()
        .position(|&c| is_bad_domain_char(c))
    {
        let at = domain_start + i;
        return Err(err(ErrorKind::DomainIllegalCharacter, None, at..at + 1));
    }
    Ok(())
}

/// The deprecated convenience alphas of Digital Link 1.0 and 1.1 (which
/// later versions dropped) and the AIs they name, sorted by alpha: the set
/// GS1's Syntax Engine reads when told to.
const CONVENIENCE_ALPHAS: [(&[u8], &str); 22] = [
    (b"cpid", "8010"),
    (b"cpsn", "8011"),
    (b"cpv", "22"),
    (b"gcn", "255"),
    (b"gdti", "253"),
    (b"giai", "8004"),
    (b"ginc", "401"),
    (b"gln", "414"),
    (b"glnx", "254"),
    (b"gmn", "8013"),
    (b"grai", "8003"),
    (b"gsin", "402"),
    (b"gsrn", "8018"),
    (b"gsrnp", "8017"),
    (b"gtin", "01"),
    (b"itip", "8006"),
    (b"lot", "10"),
    (b"party", "417"),
    (b"refno", "8020"),
    (b"ser", "21"),
    (b"srin", "8019"),
    (b"sscc", "00"),
];

/// The AI a path segment names: its digits, or with
/// [`Options::convenience_alphas`] a convenience alpha (3 to 5 characters,
/// the first not a digit, as the engine tells them apart).
fn path_ai(seg: &[u8], options: &Options) -> Option<&'static AiSpec> {
    let alpha =
        options.convenience_alphas && (3..=5).contains(&seg.len()) && !seg[0].is_ascii_digit();
    if alpha {
        if let Ok(i) = CONVENIENCE_ALPHAS.binary_search_by(|(a, _)| (*a).cmp(seg)) {
            return ai::lookup(CONVENIENCE_ALPHAS[i].1);
        }
    }
    ai::resolve_exact(seg, options.unknown_ais)
}

/// A value from the path or query, decoded and checked for length.
struct Value<'a> {
    element: Element<'a>,
    dropped: Vec<usize>,
}

/// Decodes and checks one `AI` + value pair. `ai_span` and `raw` locate the
/// AI and the raw value in the URI; `base` shifts reported spans.
fn value<'a>(
    uri: &'a str,
    spec: &'static AiSpec,
    ai_span: Range<usize>,
    raw: Range<usize>,
    part: Part,
    options: &Options,
    base: usize,
) -> Result<Value<'a>, Error> {
    // A known AI is the dictionary's (the path may have named it by a
    // convenience alpha); an unknown one is the digits the URI gave.
    let ai = if spec.is_unknown() {
        Ai::from_digits(uri[ai_span.clone()].as_bytes()).ok()
    } else {
        Ai::from_digits(spec.ai.as_bytes()).ok()
    };
    let whole = base + ai_span.start..base + raw.end;
    let value_span = base + raw.start..base + raw.end;
    if raw.is_empty() {
        let kind = match part {
            Part::Path => ErrorKind::EmptyPathValue,
            Part::Query => ErrorKind::EmptyQueryValue,
        };
        return Err(err(kind, ai, whole));
    }
    let Some(ai) = ai else {
        return Err(err(
            ErrorKind::UnknownAi,
            None,
            base + ai_span.start..base + ai_span.end,
        ));
    };
    let decoded = percent::decode(&uri[raw.clone()], part).map_err(|nul| {
        let kind = match part {
            Part::Path => ErrorKind::NulInPathValue,
            Part::Query => ErrorKind::NulInQueryValue,
        };
        let at = base + raw.start + nul.at;
        err(kind, Some(ai), at..at + 3)
    })?;
    let mut value = decoded.value;
    let mut dropped = decoded.dropped;
    let mut value_start = base + raw.start;
    // A GTIN-8/12/13 in (01), when permitted, is padded to 14 digits; the
    // padding sits before the value's first byte in span terms.
    if options.zero_suppressed_gtin && spec.ai == "01" && matches!(value.len(), 8 | 12 | 13) {
        let pad = 14 - value.len();
        let mut v = "0".repeat(pad);
        v.push_str(&value);
        value = v.into();
        dropped.iter_mut().for_each(|d| *d += pad);
        value_start = value_start.saturating_sub(pad);
    }
    let kind = if value.len() < spec.min_len() {
        Some(ErrorKind::ValueTooShort)
    } else if value.len() > spec.max_len() {
        Some(ErrorKind::ValueTooLong)
    } else if value.contains('^') {
        Some(ErrorKind::IllegalCaret)
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(err(kind, Some(ai), value_span));
    }
    Ok(Value {
        element: Element::new(ai, spec, value, whole, value_start),
        dropped,
    })
}

/// Parses `uri`; every span is reported relative to `uri` plus `base`.
pub(crate) fn parse<'a>(uri: &'a str, options: &Options, base: usize) -> Result<Found<'a>, Errors> {
    let b = uri.as_bytes();
    let fail = |kind: ErrorKind, ai: Option<Ai>, span: Range<usize>| -> Errors {
        Errors::from(err(kind, ai, base + span.start..base + span.end))
    };
    if let Some(p) = b.iter().position(|&c| !is_uri_char(c)) {
        let len = uri[p..].chars().next().map_or(1, char::len_utf8);
        return Err(fail(ErrorKind::UriIllegalCharacter, None, p..p + len));
    }
    let Some(domain_start) = scheme_len(b) else {
        let end = uri.find("://").map_or(b.len(), |i| i + 3);
        return Err(fail(ErrorKind::UriIllegalScheme, None, 0..end));
    };
    let path_start = match b[domain_start..].iter().position(|&c| c == b'/') {
        Some(0) | None => {
            return Err(fail(ErrorKind::UriMissingDomainOrPath, None, 0..b.len()));
        }
        Some(i) => domain_start + i,
    };
    if let Some(i) = b[domain_start..path_start]
        .iter()
        .position(|&c| is_bad_domain_char(c))
    {
        let at = domain_start + i;
        return Err(fail(ErrorKind::DomainIllegalCharacter, None, at..at + 1));
    }
    // The fragment ends the data; the query ends the path.
    let data_end = b[path_start..]
        .iter()
        .position(|&c| c == b'#')
        .map_or(b.len(), |i| path_start + i);
    let (path_end, query) = match b[path_start..data_end].iter().position(|&c| c == b'?') {
        Some(i) => (path_start + i, Some(path_start + i + 1..data_end)),
        None => (data_end, None),
    };

    // Walk back over "/AI/value" pairs from the end of the path to the
    // rightmost primary key; stop at the first segment that is not an AI.
    // Segments are found with reverse searches, so nothing is collected.
    let resolve = |r: &Range<usize>| path_ai(&b[r.clone()], options);
    let last_slash = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .rposition(|&c| c == b'/')
            .map(|i| from + i)
    };
    let mut key_start = None;
    let mut end = path_end;
    while let Some(value_slash) = last_slash(path_start, end) {
        // The AI segment needs a '/' before it (the path's first is one).
        let Some(ai_slash) = last_slash(path_start, value_slash) else {
            break;
        };
        let Some(spec) = resolve(&(ai_slash + 1..value_slash)) else {
            break;
        };
        if spec.dl_primary_key.is_some() {
            key_start = Some(ai_slash + 1);
            break;
        }
        end = ai_slash;
    }
    let Some(key_start) = key_start else {
        return Err(fail(ErrorKind::NoDlPrimaryKey, None, path_start..path_end));
    };

    let mut elements: Vec<Element<'a>> = Vec::with_capacity(8);
    let mut escapes: Vec<(usize, usize)> = Vec::new();
    // From the key on, the segments are AI/value pairs (the walk above
    // stepped over whole pairs).
    let mut at = key_start;
    while at < path_end {
        let next = |from: usize| {
            b[from..path_end]
                .iter()
                .position(|&c| c == b'/')
                .map_or(path_end, |i| from + i)
        };
        let ai_end = next(at);
        let ai_seg = at..ai_end;
        let val_seg = (ai_end + 1).min(path_end)..next((ai_end + 1).min(path_end));
        let Some(spec) = resolve(&ai_seg) else {
            return Err(fail(ErrorKind::NoDlPrimaryKey, None, path_start..path_end));
        };
        let v = value(
            uri,
            spec,
            ai_seg,
            val_seg.clone(),
            Part::Path,
            options,
            base,
        )?;
        let index = elements.len();
        escapes.extend(v.dropped.into_iter().map(|at| (index, at)));
        elements.push(v.element);
        at = val_seg.end + 1;
    }
    let path_len = elements.len();

    let mut ignored = Vec::new();
    if let Some(q) = query {
        let mut p = q.start;
        while p < q.end {
            let end = b[p..q.end]
                .iter()
                .position(|&c| c == b'&')
                .map_or(q.end, |i| p + i);
            let param = p..end;
            p = end + 1;
            if param.is_empty() {
                continue;
            }
            let Some(eq) = b[param.clone()].iter().position(|&c| c == b'=') else {
                ignored.push(param);
                continue;
            };
            let name = param.start..param.start + eq;
            if !b[name.clone()].iter().all(u8::is_ascii_digit) {
                ignored.push(param);
                continue;
            }
            // Query parameters are named by digits only.
            let Some(spec) = ai::resolve_exact(&b[name.clone()], options.unknown_ais) else {
                return Err(fail(
                    ErrorKind::UnknownAiInQuery,
                    Ai::from_digits(&b[name.clone()]).ok(),
                    name,
                ));
            };
            let raw = name.end + 1..param.end;
            let v = value(uri, spec, name, raw, Part::Query, options, base)?;
            let index = elements.len();
            escapes.extend(v.dropped.into_iter().map(|at| (index, at)));
            elements.push(v.element);
        }
    }

    check_path_and_attributes(&elements, path_len, options)?;

    let parsed = Parsed {
        elements,
        escapes,
        composite: None,
        errors: Vec::new(),
        values_checked: false,
    };
    let es = finish(parsed, options)?;
    let key_slash = key_start - 1;
    Ok(Found {
        es,
        stem: 0..key_slash,
        path_len,
        ignored,
    })
}

/// The checks between the URI's structure and its AIs: the path must be a
/// key followed by permitted qualifiers in order; each query AI must be new,
/// a permitted data attribute, and not a qualifier that belongs in the path.
fn check_path_and_attributes(
    elements: &[Element<'_>],
    path_len: usize,
    options: &Options,
) -> Result<(), Errors> {
    // No key has more than three qualifiers, so a longer path is invalid and
    // the checks below work in fixed arrays.
    const MAX_PATH: usize = 8;
    let key = elements[0].spec();
    let invalid = || {
        let span = elements[0].span().start..elements[path_len - 1].span().end;
        Errors::from(err(ErrorKind::InvalidKeyQualifierSequence, None, span))
    };
    if path_len > MAX_PATH {
        return Err(invalid());
    }
    let mut path_buf = [""; MAX_PATH];
    for (slot, e) in path_buf.iter_mut().zip(&elements[..path_len]) {
        *slot = e.spec().ai;
    }
    let quals = &path_buf[1..path_len];
    if !is_valid_path(key, quals) {
        return Err(invalid());
    }
    let mut trial = [""; MAX_PATH];
    for (i, e) in elements.iter().enumerate().skip(path_len) {
        if elements[..i].iter().any(|p| p.ai() == e.ai()) {
            return Err(err(ErrorKind::DuplicateAi, Some(e.ai()), e.span()).into());
        }
        if !is_dl_attribute(e.spec(), options) {
            return Err(err(ErrorKind::NotDlDataAttribute, Some(e.ai()), e.span()).into());
        }
        for at in 0..path_len {
            // The qualifiers with this AI inserted at `at`.
            trial[..at].copy_from_slice(&quals[..at]);
            trial[at] = e.spec().ai;
            trial[at + 1..path_len].copy_from_slice(&quals[at..]);
            if is_valid_path(key, &trial[..path_len]) {
                return Err(err(ErrorKind::AiBelongsInPath, Some(e.ai()), e.span()).into());
            }
        }
    }
    Ok(())
}

/// Whether an AI may be a data attribute (query parameter) of a Digital
/// Link.
pub(crate) fn is_dl_attribute(spec: &AiSpec, options: &Options) -> bool {
    spec.is_dl_data_attribute() || (spec.is_unknown() && options.unknown_ais_as_dl_attributes)
}
