//! Bracketed AI syntax: `(01)09521234543213(10)ABC`, with `\(` for a
//! literal bracket in a value and `|` before the 2D composite part.

use std::borrow::Cow;

use super::{Element, Options, Parsed, err};
use crate::ai::{self, Ai};
use crate::error::{ErrorKind, Errors};

pub(super) fn parse<'a>(input: &'a str, options: &Options) -> Result<Parsed<'a>, Errors> {
    let bytes = input.as_bytes();
    // The first character chooses the bracket style; zint writes `[01]`.
    let (open, close) = match bytes.first() {
        Some(b'[') => (b'[', b']'),
        _ => (b'(', b')'),
    };
    let mut parsed = Parsed {
        elements: Vec::with_capacity(8),
        escapes: Vec::new(),
        composite: None,
        errors: Vec::new(),
        values_checked: false,
    };
    let mut p = 0;
    while p < bytes.len() {
        if bytes[p] == b'|' && parsed.composite.is_none() && !parsed.elements.is_empty() {
            parsed.composite = Some(parsed.elements.len());
            p += 1;
            continue;
        }
        if bytes[p] != open {
            parsed
                .errors
                .push(err(ErrorKind::AiParseFailed, None, p..p + 1));
            break;
        }
        let ai_start = p + 1;
        let Some(close_at) = memchr(close, &bytes[ai_start..]).map(|i| ai_start + i) else {
            parsed
                .errors
                .push(err(ErrorKind::AiParseFailed, None, p..bytes.len()));
            break;
        };
        let ai_digits = &bytes[ai_start..close_at];
        let value_start = close_at + 1;
        if value_start >= bytes.len() {
            parsed.errors.push(err(
                ErrorKind::AiParseFailed,
                Ai::from_digits(ai_digits).ok(),
                p..bytes.len(),
            ));
            break;
        }
        // The value runs to the next unescaped opening bracket, or to a `|`
        // that starts the composite part.
        let mut escapes = Vec::new();
        let mut caret = false;
        let mut q = value_start;
        while q < bytes.len() {
            let b = bytes[q];
            caret |= b == b'^';
            if b == open {
                if q > value_start && bytes[q - 1] == b'\\' {
                    escapes.push(q - 1 - value_start - escapes.len());
                } else {
                    break;
                }
            } else if b == b'|' && parsed.composite.is_none() && bytes.get(q + 1) == Some(&open) {
                break;
            }
            q += 1;
        }
        let value_end = q;
        p = q;
        let element_span = ai_start - 1..value_end;

        let ai = Ai::from_digits(ai_digits).ok();
        let spec = match ai.and_then(|_| ai::resolve_exact(ai_digits, options.unknown_ais)) {
            Some(spec) => spec,
            None => {
                parsed
                    .errors
                    .push(err(ErrorKind::UnknownAi, ai, ai_start..close_at));
                continue;
            }
        };
        let Some(ai) = ai else { continue };
        let raw = &input[value_start..value_end];
        let value: Cow<'a, str> = if escapes.is_empty() {
            Cow::Borrowed(raw)
        } else {
            let mut v = String::with_capacity(raw.len());
            let mut last = 0;
            let mut at = 0;
            while let Some(i) = raw[at..].find(char::from(open)).map(|i| at + i) {
                if i > 0 && raw.as_bytes()[i - 1] == b'\\' {
                    v.push_str(&raw[last..i - 1]);
                    v.push(char::from(open));
                    last = i + 1;
                }
                at = i + 1;
            }
            v.push_str(&raw[last..]);
            Cow::Owned(v)
        };
        // Length and FNC1-confusion checks come before linting: a check-digit
        // complaint about a value of the wrong length helps nobody.
        let len = value.len();
        let kind = if len < spec.min_len() {
            Some(ErrorKind::ValueTooShort)
        } else if len > spec.max_len() {
            Some(ErrorKind::ValueTooLong)
        } else if caret {
            Some(ErrorKind::IllegalCaret)
        } else {
            None
        };
        if let Some(kind) = kind {
            parsed
                .errors
                .push(err(kind, Some(ai), value_start..value_end));
            // The element stays, so that its AI counts as present for
            // `req=` and `ex=`; validation skips its value.
        }
        let index = parsed.elements.len();
        parsed
            .escapes
            .extend(escapes.into_iter().map(|at| (index, at)));
        parsed
            .elements
            .push(Element::new(ai, spec, value, element_span, value_start));
    }
    if parsed.elements.is_empty() && parsed.errors.is_empty() {
        parsed.errors.push(err(ErrorKind::EmptyMessage, None, 0..0));
    }
    Ok(parsed)
}

#[inline]
pub(crate) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}
