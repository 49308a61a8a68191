//! Human-readable interpretation as input: one element per line,
//! `(01) 09521234543213`, optionally preceded by its data title
//! (`GTIN (01) 09521234543213`). Values are taken literally to the end of
//! the line, so they need no escapes.

use std::borrow::Cow;

use super::{Element, Options, Parsed, err};
use crate::ai::{self, Ai};
use crate::error::{ErrorKind, Errors};

pub(super) fn parse<'a>(text: &'a str, options: &Options) -> Result<Parsed<'a>, Errors> {
    let mut parsed = Parsed {
        elements: Vec::with_capacity(8),
        escapes: Vec::new(),
        composite: None,
        errors: Vec::new(),
        values_checked: false,
    };
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let line_span = start..start + line.len();
        // The AI is the first bracketed run of digits: data titles contain
        // brackets too ("NET WEIGHT (kg)"), never of digits only.
        let Some((open, close)) = find_ai_brackets(line) else {
            parsed
                .errors
                .push(err(ErrorKind::HriSyntax, None, line_span));
            continue;
        };
        let digits = &line.as_bytes()[open + 1..close];
        let ai = Ai::from_digits(digits).ok();
        let Some(spec) = ai.and_then(|_| ai::resolve_exact(digits, options.unknown_ais)) else {
            parsed.errors.push(err(
                ErrorKind::UnknownAi,
                ai,
                start + open + 1..start + close,
            ));
            continue;
        };
        let Some(ai) = ai else { continue };
        // Text before the AI must be nothing or the AI's own data title.
        let title = line[..open].trim_end();
        if !title.is_empty() && (spec.is_unknown() || title != spec.title) {
            // The value is still read and checked: the AI is clear.
            parsed
                .errors
                .push(err(ErrorKind::HriSyntax, Some(ai), start..start + open));
        }
        let mut v = close + 1;
        if line.as_bytes().get(v) == Some(&b' ') {
            v += 1;
        }
        let value = &line[v..];
        let value_span = start + v..start + line.len();
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
            // The element stays, so that its AI counts as present for
            // `req=` and `ex=`; validation skips its value.
            parsed.errors.push(err(kind, Some(ai), value_span));
        }
        parsed.elements.push(Element::new(
            ai,
            spec,
            Cow::Borrowed(value),
            line_span,
            start + v,
        ));
    }
    if parsed.elements.is_empty() && parsed.errors.is_empty() {
        parsed.errors.push(err(ErrorKind::EmptyMessage, None, 0..0));
    }
    Ok(parsed)
}

/// `(open, close)` byte positions of the first `(` + digits + `)` in `line`.
fn find_ai_brackets(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let mut from = 0;
    while let Some(open) = b[from..].iter().position(|&c| c == b'(').map(|i| from + i) {
        let digits = b[open + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 && b.get(open + 1 + digits) == Some(&b')') {
            return Some((open, open + 1 + digits));
        }
        from = open + 1;
    }
    None
}
