//! Bracketed AI syntax: `(01)09521234543213(10)ABC`, with `\(` for a
//! literal bracket in a value and `|` before the 2D composite part.

use std::borrow::Cow;

use super::validate::{associations_clear, check_value, finish, finish_reporting};
use super::{Element, ElementString, Options, Parsed, err};
use crate::ai::{self, Ai, Charset};
use crate::error::{ErrorKind, Errors};
use crate::lint::cset::{first_non_digit, first_outside_cset82_or_open};

/// Parses and validates bracketed syntax: the element string, or every
/// problem found. Parsing and validation in one function, so that what the
/// parser found is not moved from one to the other.
///
/// A message of ordinary elements only that meets the association rules
/// (nearly every message) is read by [`clean_run`] and judged by
/// [`associations_clear`], and nothing else runs; any other message goes
/// on through the general loop from where that stopped.
pub(super) fn parse_validated<'a>(
    input: &'a str,
    options: &Options,
) -> Result<ElementString<'a>, Errors> {
    let brackets = brackets(input);
    let mut elements = Vec::with_capacity(8);
    let p = clean_run(input, brackets, true, options, &mut elements, 0);
    let all_read = p == input.len() && !elements.is_empty();
    if all_read && associations_clear(&elements, options) {
        return Ok(ElementString::from_parts(elements, None));
    }
    let parsed = general_loop(input, options, brackets, true, true, elements, p)?;
    if all_read {
        // Every value is good, and the pre-check already said no.
        return finish_reporting(parsed, options);
    }
    finish(parsed, options)
}

/// The brackets of the input: the first character chooses the style; zint
/// writes `[01]`.
fn brackets(input: &str) -> (u8, u8) {
    match input.as_bytes().first() {
        Some(b'[') => (b'[', b']'),
        _ => (b'(', b')'),
    }
}

/// Reads ordinary elements ([`clean_element`]) from `p` on, as many as
/// follow one another, into `elements`; returns where the first other
/// element, the composite separator (when `bar`: the composite part has
/// not begun) or the end of the input lies.
#[inline]
fn clean_run<'a>(
    input: &'a str,
    brackets: (u8, u8),
    bar: bool,
    options: &Options,
    elements: &mut Vec<Element<'a>>,
    mut p: usize,
) -> usize {
    while let Some((ai, spec, value_start, value)) = clean_element(input, p, brackets, bar, options)
    {
        let value_end = value_start + value.len();
        elements.push(Element::new(
            ai,
            spec,
            Cow::Borrowed(value),
            p..value_end,
            value_start,
        ));
        p = value_end;
    }
    p
}

/// The parsing of [`parse_validated`], with the fast path of
/// [`clean_element`] on or off, and with values checked in the parser or
/// left to [`finish`]: tests hold each way against the former one (the
/// general loop, values left to [`finish`]).
#[cfg(test)]
fn parse_with<'a>(
    input: &'a str,
    options: &Options,
    fast: bool,
    check_values: bool,
) -> Result<Parsed<'a>, Errors> {
    let brackets = brackets(input);
    general_loop(input, options, brackets, fast, check_values, Vec::new(), 0)
}

/// The parse loop from `p` on, after the elements already read: the
/// composite separator, ordinary elements by [`clean_run`] (when `fast`)
/// and any other by the general rules, which record every error.
///
/// Values checked here (`check_values`) have their errors kept apart, to
/// follow the parser's own: the order in which [`finish`] reports them.
#[inline(never)]
fn general_loop<'a>(
    input: &'a str,
    options: &Options,
    (open, close): (u8, u8),
    fast: bool,
    check_values: bool,
    elements: Vec<Element<'a>>,
    mut p: usize,
) -> Result<Parsed<'a>, Errors> {
    let bytes = input.as_bytes();
    let mut parsed = Parsed {
        elements,
        escapes: Vec::new(),
        composite: None,
        errors: Vec::new(),
        values_checked: check_values,
    };
    let mut value_errors = Vec::new();
    while p < bytes.len() {
        if bytes[p] == b'|' && parsed.composite.is_none() && !parsed.elements.is_empty() {
            parsed.composite = Some(parsed.elements.len());
            p += 1;
            continue;
        }
        if fast && check_values {
            let at = p;
            let bar = parsed.composite.is_none();
            p = clean_run(input, (open, close), bar, options, &mut parsed.elements, p);
            if p != at {
                continue;
            }
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
        let element = Element::new(ai, spec, value, element_span, value_start);
        if let Some(kind) = kind {
            parsed
                .errors
                .push(err(kind, Some(ai), value_start..value_end));
            // The element stays, so that its AI counts as present for
            // `req=` and `ex=`; its value is not checked further.
        } else if check_values {
            value_errors.extend(check_value(&element, &escapes));
        }
        let index = parsed.elements.len();
        parsed
            .escapes
            .extend(escapes.into_iter().map(|at| (index, at)));
        parsed.elements.push(element);
    }
    if parsed.elements.is_empty() && parsed.errors.is_empty() {
        parsed.errors.push(err(ErrorKind::EmptyMessage, None, 0..0));
    }
    parsed.errors.append(&mut value_errors);
    Ok(parsed)
}

/// The AI, its definition and the extent of its value, for an element at
/// `p` (an opening bracket) that [`general_loop`] would accept
/// and whose value passes every check; `None` for anything else (the
/// general loop then reads the element again from `p` and reports what is
/// wrong). `open` and `close` are the brackets in use; `bar` whether a `|`
/// before an opening bracket may still start the composite part.
///
/// Only AIs of one numeric (N) or CSET 82 (X) component take this path.
/// One scan finds where the value ends and checks its characters: the
/// first byte outside the character set (for CSET 82, or `(`) must be the
/// end of the input, an opening bracket or a `|` that starts the composite
/// part. Neither set holds `\`, so the value holds no escape, nor `^`.
#[inline]
fn clean_element<'a>(
    input: &'a str,
    p: usize,
    (open, close): (u8, u8),
    bar: bool,
    options: &Options,
) -> Option<(Ai, &'static ai::AiSpec, usize, &'a str)> {
    let bytes = input.as_bytes();
    if bytes.get(p) != Some(&open) {
        return None;
    }
    let ai_start = p + 1;
    let (spec, ai) = ai::resolve_bracketed(bytes.get(ai_start..)?, close, options.unknown_ais)?;
    let digits = ai.len();
    let [c] = spec.components else {
        return None;
    };
    let value_start = ai_start + digits + 1;
    let rest = bytes.get(value_start..)?;
    let stop = match c.charset {
        Charset::N => first_non_digit(rest),
        Charset::X => first_outside_cset82_or_open(rest),
        Charset::Y | Charset::Z => return None,
    };
    let len = match stop {
        None => rest.len(),
        Some(j) if rest[j] == open => j,
        Some(j) if bar && rest[j] == b'|' && rest.get(j + 1) == Some(&open) => j,
        Some(_) => return None,
    };
    if c.optional || len == 0 || len < usize::from(c.min) || len > usize::from(c.max) {
        return None;
    }
    let value = &rest[..len];
    match c.charset {
        Charset::N => {
            for l in c.linters {
                l.check_numeric(value).ok()?;
            }
        }
        _ => {
            for l in c.linters {
                l.check(value).ok()?;
            }
        }
    }
    // The bytes around the value are ASCII (a bracket before it, a bracket,
    // `|` or the end after it): always a slice of the text.
    Some((
        ai,
        spec,
        value_start,
        input.get(value_start..value_start + len)?,
    ))
}

#[inline]
pub(crate) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::{finish, parse_with};
    use crate::element::test_gen::{Rng, element, outcome};
    use crate::element::{ElementString, Options};

    /// A random message of the framed generator, rewritten in bracketed
    /// syntax: each element's AI in brackets (`(`/`)` or `[`/`]`), `(` in
    /// values escaped most of the time, FNC1 dropped, now and then a stray
    /// byte where a bracket belongs.
    fn bracketed(rng: &mut Rng) -> String {
        let square = rng.chance(20);
        let (open, close) = if square { ('[', ']') } else { ('(', ')') };
        let mut out = String::new();
        let damage = rng.chance(70);
        for _ in 0..1 + rng.below(5) {
            let mut raw = Vec::new();
            let ai_len = element(rng, b'^', damage, &mut raw);
            let text = String::from_utf8_lossy(&raw).into_owned();
            let text = text.trim_end_matches('^');
            let bar = text.ends_with('|');
            let text = text.trim_end_matches('|');
            // Sometimes a shorter or longer AI than the generator wrote.
            let ai_len = match rng.below(if damage { 10 } else { 1 }) {
                1 => ai_len.saturating_sub(1),
                2 => ai_len + 1,
                _ => ai_len,
            };
            let cut = (0..=ai_len.min(text.len()))
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let (ai, value) = text.split_at(cut);
            if damage && rng.chance(3) {
                // Something else where the opening bracket belongs.
                out.push(['X', '{', '0', '|', ')', ']', '(', '['][rng.below(8)]);
            } else {
                out.push(open);
            }
            out.push_str(ai);
            if !(damage && rng.chance(3)) {
                out.push(close);
            }
            for ch in value.chars() {
                if ch == open && rng.chance(80) {
                    out.push('\\');
                }
                out.push(ch);
            }
            if bar {
                out.push('|');
            }
        }
        out
    }

    /// Regression: the fast path once took whatever byte began an element
    /// for its opening bracket, and read `03140)127629` as (3140).
    #[test]
    fn an_element_begins_with_the_opening_bracket() {
        let o = Options::default();
        for (input, at) in [("03140)127629", 0), ("X01)09521234543213", 0)] {
            let errors = ElementString::parse_bracketed(input, &o).expect_err(input);
            let first = &errors.0[0];
            assert_eq!(first.kind.code(), "AI_PARSE_FAILED", "{input}: {errors:?}");
            assert_eq!(first.span.start, at, "{input}: {errors:?}");
        }
    }

    /// Nothing at all is an empty message, not an empty element string.
    #[test]
    fn empty_input_is_an_empty_message() {
        let errors = ElementString::parse_bracketed("", &Options::default()).expect_err("empty");
        assert_eq!(errors.0.len(), 1, "{errors:?}");
        assert_eq!(errors.0[0].kind.code(), "AI_DATA_EMPTY");
        assert_eq!(errors.0[0].span, 0..0);
    }

    /// The fast path, and checking values in the parser, against the
    /// general loop that left values to the message-level checks (the
    /// former parser): the same elements, spans and errors in the same
    /// order.
    #[test]
    fn fast_path_agrees_with_the_general_loop() {
        let mut rng = Rng(0xb4ac_4e7e_d0d0_0001);
        let mut clean = 0;
        let rounds = 40_000;
        for _ in 0..rounds {
            let input = bracketed(&mut rng);
            let options = Options::default()
                .permit_unknown_ais(rng.chance(20))
                .check_requisites(rng.chance(70));
            let run = |fast, check| {
                outcome(parse_with(&input, &options, fast, check).and_then(|p| finish(p, &options)))
            };
            let former = run(false, false);
            assert_eq!(run(true, true), former, "{input:?}");
            assert_eq!(run(false, true), former, "{input:?}");
            // The whole of it, with the shortcut for valid messages.
            let validated = outcome(super::parse_validated(&input, &options));
            assert_eq!(validated, former, "{input:?}");
            let parsed = parse_with(&input, &options, true, true);
            clean += usize::from(parsed.is_ok_and(|p| p.errors.is_empty()));
        }
        // Enough messages whose every value is good for the fast path to
        // have carried whole messages, not only their first elements.
        assert!(clean > rounds / 10, "{clean} messages with good values");
    }
}
