//! Unbracketed barcode messages: FNC1 in first position, then element
//! strings, with FNC1 after every variable-length value that is followed by
//! another element. FNC1 is written `^` or as the GS byte (0x1D); `|` starts
//! the 2D composite part.

use std::borrow::Cow;

use super::validate::{associations_clear, component_extent, finish, finish_reporting, lint_value};
use super::{Element, ElementString, Options, Parsed, err};
use crate::ai::{self, Charset};
use crate::error::{ErrorKind, Errors};
use crate::lint::cset::{first_non_digit, first_outside_cset82};

/// How the message to parse marks FNC1.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// `^` or GS marks FNC1, and the message starts with FNC1 in first
    /// position (the notation of element strings in this crate).
    Explicit,
    /// Scanner output: FNC1 in first position is implied by the symbology
    /// identifier, separators are the GS byte, and `^` is data.
    Transmitted,
}

/// Parses and validates `input`: the element string, or every problem
/// found. Spans are reported relative to `input` plus `base` (the offset of
/// `input` in what the caller was given, e.g. after a symbology
/// identifier). Parsing and validation in one function, so that what the
/// parser found is not moved from one to the other.
///
/// A message of ordinary elements only that meets the association rules
/// (nearly every message) is read by [`clean_run`] and judged by
/// [`associations_clear`], and nothing else runs; any other message goes
/// on through the general loop from where that stopped.
pub(crate) fn parse_validated<'a>(
    input: &'a [u8],
    base: usize,
    options: &Options,
    framing: Framing,
) -> Result<ElementString<'a>, Errors> {
    let (text, start) = begin(input, base, framing)?;
    let mut elements = Vec::with_capacity(8);
    let p = clean_run(
        input,
        text,
        base,
        options,
        framing,
        true,
        &mut elements,
        start,
    );
    let all_read = p == input.len();
    if all_read && associations_clear(&elements, options) {
        return Ok(ElementString::from_parts(elements, None));
    }
    let parsed = general_loop(input, text, base, options, framing, true, elements, p);
    if all_read {
        // Every value is good, and the pre-check already said no.
        return finish_reporting(parsed, options);
    }
    finish(parsed, options)
}

/// Parses `input` without the message-level checks, for a caller that adds
/// to what was found first (spans as for [`parse_validated`]).
pub(crate) fn parse_framed<'a>(
    input: &'a [u8],
    base: usize,
    options: &Options,
    framing: Framing,
) -> Result<Parsed<'a>, Errors> {
    parse_framed_with(input, base, options, framing, true)
}

/// [`parse_framed`], with the fast path of [`clean_element`] on or off (off
/// only in tests, which hold the two against each other).
#[inline]
fn parse_framed_with<'a>(
    input: &'a [u8],
    base: usize,
    options: &Options,
    framing: Framing,
    fast: bool,
) -> Result<Parsed<'a>, Errors> {
    let (text, start) = begin(input, base, framing)?;
    let elements = Vec::with_capacity(8);
    Ok(general_loop(
        input, text, base, options, framing, fast, elements, start,
    ))
}

/// What every parse starts with: the whole input as text when it is UTF-8
/// (one check of the whole input, then values are sliced from it: far
/// cheaper than checking each short value on its own), and where the first
/// element begins, after FNC1 in first position for the explicit framing.
/// A message that cannot hold an element is an error.
#[inline]
fn begin(input: &[u8], base: usize, framing: Framing) -> Result<(Option<&str>, usize), Errors> {
    let start = match framing {
        Framing::Transmitted => 0,
        Framing::Explicit => match input.first() {
            Some(0x1d | b'^') => 1,
            _ => {
                return Err(err(
                    ErrorKind::MissingFnc1InFirstPosition,
                    None,
                    base..base + input.len().min(1),
                )
                .into());
            }
        },
    };
    if input.len() == start {
        return Err(err(ErrorKind::EmptyMessage, None, base..base + start).into());
    }
    Ok((core::str::from_utf8(input).ok(), start))
}

/// The parse loop from `p` on, after the elements already read: the
/// composite separator, ordinary elements by [`clean_run`] (when `fast`)
/// and any other by [`general_element`], which records every error.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn general_loop<'a>(
    input: &'a [u8],
    text: Option<&'a str>,
    base: usize,
    options: &Options,
    framing: Framing,
    fast: bool,
    elements: Vec<Element<'a>>,
    mut p: usize,
) -> Parsed<'a> {
    let is_fnc1 = |b: u8| b == 0x1d || (b == b'^' && framing == Framing::Explicit);
    let mut parsed = Parsed {
        elements,
        escapes: Vec::new(),
        composite: None,
        errors: Vec::new(),
        values_checked: true,
    };
    while p < input.len() {
        if input[p] == b'|' && parsed.composite.is_none() && !parsed.elements.is_empty() {
            // The composite part begins with its own FNC1 in first position.
            if framing == Framing::Explicit && !input.get(p + 1).copied().is_some_and(is_fnc1) {
                parsed.errors.push(err(
                    ErrorKind::MissingFnc1InFirstPosition,
                    None,
                    base + p..base + p + 1,
                ));
                break;
            }
            parsed.composite = Some(parsed.elements.len());
            let at = p;
            p += if framing == Framing::Explicit { 2 } else { 1 };
            if p >= input.len() {
                parsed
                    .errors
                    .push(err(ErrorKind::EmptyMessage, None, base + at..base + p));
            }
            continue;
        }
        if fast {
            let at = p;
            p = clean_run(
                input,
                text,
                base,
                options,
                framing,
                parsed.composite.is_none(),
                &mut parsed.elements,
                p,
            );
            if p != at {
                continue;
            }
        }
        match general_element(input, text, base, options, framing, &mut parsed, p) {
            Some(next) => p = next,
            None => break,
        }
    }
    parsed
}

/// Reads ordinary elements ([`clean_element`]) from `p` on, as many as
/// follow one another, into `elements`; returns where the first other
/// element, the composite separator or the end of the input lies. A loop
/// of its own, holding only what it needs: a message of ordinary elements
/// (nearly every message) is read here in one call.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn clean_run<'a>(
    input: &'a [u8],
    text: Option<&'a str>,
    base: usize,
    options: &Options,
    framing: Framing,
    bar: bool,
    elements: &mut Vec<Element<'a>>,
    mut p: usize,
) -> usize {
    let caret = framing == Framing::Explicit;
    while p < input.len() && !(bar && input[p] == b'|') {
        let Some((spec, ai, value_end)) = clean_element(input, p, options, caret, bar) else {
            break;
        };
        let value_start = p + ai.len();
        let value = match text.and_then(|t| t.get(value_start..value_end)) {
            Some(s) => Cow::Borrowed(s),
            None => {
                Cow::Owned(String::from_utf8_lossy(&input[value_start..value_end]).into_owned())
            }
        };
        elements.push(Element::new(
            ai,
            spec,
            value,
            base + p..base + value_end,
            base + value_start,
        ));
        p = value_end;
        // Skip one FNC1, including a superfluous one after a value of
        // predefined length.
        if p < input.len() && (input[p] == 0x1d || (caret && input[p] == b'^')) {
            p += 1;
        }
    }
    p
}

/// One element read by the general rules, at `p`: any AI, any value,
/// every error recorded in `parsed`. Returns where reading goes on, or
/// `None` when it cannot. Kept out of [`general_loop`] and [`clean_run`] so
/// that their loops keep their values in registers.
#[inline(never)]
fn general_element<'a>(
    input: &'a [u8],
    text: Option<&'a str>,
    base: usize,
    options: &Options,
    framing: Framing,
    parsed: &mut Parsed<'a>,
    p: usize,
) -> Option<usize> {
    let is_fnc1 = |b: u8| b == 0x1d || (b == b'^' && framing == Framing::Explicit);
    let skip_fnc1 = |at: usize| {
        if at < input.len() && is_fnc1(input[at]) {
            at + 1
        } else {
            at
        }
    };
    let Some((spec, ai)) = ai::resolve_prefix(&input[p..], options.unknown_ais) else {
        let end = (p + 4).min(input.len());
        parsed
            .errors
            .push(err(ErrorKind::NoAiForPrefix, None, base + p..base + end));
        return None;
    };
    let value_start = p + ai.len();
    // The value may run up to the next FNC1 (or composite separator),
    // and never beyond the AI's maximum length: looking one byte past it
    // is enough to tell a run-on value from a terminated one.
    let window_end = (value_start + spec.max_len() + 1).min(input.len());
    let limit = value_start
        + find_stop(
            &input[value_start..],
            window_end - value_start,
            framing == Framing::Explicit,
            parsed.composite.is_none(),
        );
    let chunk = &input[value_start..limit];
    let consumed = match component_extent(spec, chunk) {
        Ok(n) => n,
        Err(kind) => {
            // Too short or empty: the chunk ended at a separator or the
            // end (a chunk cut at the window is long enough for every
            // component), so the value is delimited. Keep its AI as
            // present for the association checks and read on after it.
            parsed
                .errors
                .push(err(kind, Some(ai), base + value_start..base + limit));
            parsed.elements.push(failed_element(
                ai,
                spec,
                input,
                text,
                base,
                p..limit,
                value_start,
            ));
            return Some(skip_fnc1(limit));
        }
    };
    let value_end = value_start + consumed;
    if spec.fnc1_required() && value_end != limit {
        parsed.errors.push(err(
            ErrorKind::ValueRunsOn,
            Some(ai),
            base + value_start..base + limit,
        ));
        // Where the value should end is unknown: reading stops, with the
        // AI still counted as present.
        parsed.elements.push(failed_element(
            ai,
            spec,
            input,
            text,
            base,
            p..limit,
            value_start,
        ));
        return None;
    }
    let raw = &input[value_start..value_end];
    if let Err(l) = lint_value(spec, raw) {
        parsed.errors.push(err(
            ErrorKind::Lint(l.kind),
            Some(ai),
            base + value_start + l.span.start..base + value_start + l.span.end,
        ));
    }
    // Values that passed their character-set linter are ASCII; a value
    // that did not is kept (lossily) only so association checks still
    // see its AI.
    let value = match text.and_then(|t| t.get(value_start..value_end)) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(String::from_utf8_lossy(raw).into_owned()),
    };
    parsed.elements.push(Element::new(
        ai,
        spec,
        value,
        base + p..base + value_end,
        base + value_start,
    ));
    // Skip one FNC1, including a superfluous one after a value of
    // predefined length.
    Some(skip_fnc1(value_end))
}

/// The AI, its definition and the end of its value, for an element at `p`
/// that the general loop of [`parse_framed`] would accept without any
/// error, found in one pass over the value; `None` for anything else (the
/// general loop then reads the element again from `p` and reports what is
/// wrong). `caret` and `bar` are the stop bytes in force, as for
/// [`find_stop`].
///
/// Only AIs of one numeric (N) or CSET 82 (X) component, the shape of
/// nearly every AI, take this path. Neither character set holds a byte
/// that ends a value (GS, `^`, `|`), so the first byte outside the set
/// decides: the value ends there if it is a stop byte (or the input ends),
/// and any other byte is an error for the general loop. That one scan does
/// the work of the stop search, [`component_extent`] and the character-set
/// linter together; the component's own linters follow, on values known
/// to be digits for N.
#[inline]
fn clean_element(
    input: &[u8],
    p: usize,
    options: &Options,
    caret: bool,
    bar: bool,
) -> Option<(&'static ai::AiSpec, ai::Ai, usize)> {
    let (spec, ai) = ai::resolve_prefix(&input[p..], options.unknown_ais)?;
    let [c] = spec.components else {
        return None;
    };
    let value_start = p + ai.len();
    let rest = input.get(value_start..)?;
    let is_stop = |b: u8| b == 0x1d || (caret && b == b'^') || (bar && b == b'|');
    let max = usize::from(c.max);
    let len = match c.charset {
        Charset::N => {
            let k = rest.len().min(max);
            match first_non_digit(&rest[..k]) {
                // A value of the maximum length with more input after it:
                // an AI that needs FNC1 needs it right there.
                None if k < rest.len() && spec.fnc1_required() && !is_stop(rest[k]) => {
                    return None;
                }
                None => k,
                Some(j) if is_stop(rest[j]) => j,
                Some(_) => return None,
            }
        }
        Charset::X => {
            // Up to one byte past the maximum, like the stop search.
            let window = rest.len().min(max + 1);
            match first_outside_cset82(&rest[..window]) {
                None if window > max => {
                    // No stop within the maximum: a run-on value, unless
                    // the AI has a predefined length (it then simply ends).
                    if spec.fnc1_required() {
                        return None;
                    }
                    max
                }
                None => window,
                Some(j) if is_stop(rest[j]) => j,
                Some(_) => return None,
            }
        }
        Charset::Y | Charset::Z => return None,
    };
    if c.optional || len == 0 || len < usize::from(c.min) {
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
    Some((spec, ai, value_start + len))
}

/// An element whose value failed its structure check (an error is already
/// recorded): kept so that its AI counts as present for `req=` and `ex=`.
/// Off the hot path.
#[cold]
fn failed_element<'a>(
    ai: crate::ai::Ai,
    spec: &'static crate::ai::AiSpec,
    input: &'a [u8],
    text: Option<&'a str>,
    base: usize,
    element: core::ops::Range<usize>,
    value_start: usize,
) -> Element<'a> {
    let value = match text.and_then(|t| t.get(value_start..element.end)) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(String::from_utf8_lossy(&input[value_start..element.end]).into_owned()),
    };
    Element::new(
        ai,
        spec,
        value,
        base + element.start..base + element.end,
        base + value_start,
    )
}

/// The length of the value at the start of `rest`, at most `window`: the
/// offset of the first byte that ends a value (GS, `^` when `caret` marks
/// FNC1, `|` when `bar` because the composite part has not begun), or
/// `window` when none comes first. Eight bytes at a time, reading whole words
/// past the window while the input lasts (cheaper than a byte loop for the
/// tail): values are mostly 6 to 20 bytes long, and a byte-at-a-time search
/// was the largest cost of parsing.
#[inline]
fn find_stop(rest: &[u8], window: usize, caret: bool, bar: bool) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = ONES << 7;
    // Flags the bytes of `w` equal to `b` (the lowest flag is exact; a flag
    // above a true match may be spurious, and only the lowest is used).
    let equal = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut offset = 0;
    while offset < window {
        let Some(chunk) = rest.get(offset..offset + 8) else {
            break;
        };
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let mut flags = equal(w, 0x1d);
        if caret {
            flags |= equal(w, b'^');
        }
        if bar {
            flags |= equal(w, b'|');
        }
        if flags != 0 {
            return (offset + flags.trailing_zeros() as usize / 8).min(window);
        }
        offset += 8;
    }
    let is_stop = |b: u8| b == 0x1d || (caret && b == b'^') || (bar && b == b'|');
    let end = window.min(rest.len());
    rest.get(offset..end)
        .and_then(|tail| tail.iter().position(|&b| is_stop(b)))
        .map_or(window, |i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::{Framing, find_stop, finish, parse_framed_with, parse_validated};
    use crate::element::Options;
    use crate::element::test_gen::{Rng, element, outcome};
    use crate::error::{Error, Errors};

    /// What a parse found, in a comparable form: every element's AI,
    /// definition, value and spans, then the errors.
    type Found = (
        Vec<(String, String, String, usize, usize)>,
        Option<usize>,
        Vec<Error>,
    );

    fn found(r: Result<super::Parsed<'_>, Errors>) -> Result<Found, Errors> {
        r.map(|p| {
            let elements = p
                .elements
                .iter()
                .map(|e| {
                    let spec = format!("{}/{:?}", e.spec.ai, e.spec.components);
                    (
                        e.ai.to_string(),
                        spec,
                        e.value.to_string(),
                        e.span.start,
                        e.span.end,
                    )
                })
                .collect();
            assert!(p.escapes.is_empty() && p.values_checked);
            (elements, p.composite, p.errors)
        })
    }

    /// The fast path for ordinary elements against the general loop alone
    /// (the naive oracle), on messages of real AIs with every kind of
    /// damage, in both framings, with and without unknown AIs.
    #[test]
    fn fast_path_agrees_with_the_general_loop() {
        let mut rng = Rng(0x0dd_ba11_c0ff_ee00);
        let mut clean = 0;
        let rounds = 40_000;
        for round in 0..rounds {
            let transmitted = round % 2 == 1;
            let fnc1 = if transmitted || rng.chance(30) {
                0x1d
            } else {
                b'^'
            };
            let mut input = Vec::new();
            if !transmitted {
                input.push(fnc1);
            }
            let damage = rng.chance(70);
            for _ in 0..1 + rng.below(5) {
                element(&mut rng, fnc1, damage, &mut input);
            }
            let framing = if transmitted {
                Framing::Transmitted
            } else {
                Framing::Explicit
            };
            let options = Options::default()
                .permit_unknown_ais(rng.chance(20))
                .check_requisites(rng.chance(70));
            let fast = found(parse_framed_with(&input, 3, &options, framing, true));
            let slow = found(parse_framed_with(&input, 3, &options, framing, false));
            let text = String::from_utf8_lossy(&input);
            assert_eq!(fast, slow, "{text:?}");
            // The whole of it, with the shortcut for valid messages,
            // against the general loop and the reporting checks.
            let general = parse_framed_with(&input, 3, &options, framing, false)
                .and_then(|p| finish(p, &options));
            let validated = parse_validated(&input, 3, &options, framing);
            assert_eq!(outcome(validated), outcome(general), "{text:?}");
            clean += usize::from(matches!(&fast, Ok((_, _, e)) if e.is_empty()));
        }
        // Enough messages without a single error for the fast path to
        // have carried whole messages, not only their first elements.
        assert!(clean > rounds / 10, "{clean} clean messages");
    }

    #[test]
    fn find_stop_matches_a_byte_loop() {
        let alphabet = [b'0', b'A', b'^', 0x1d, b'|', 0x1c, 0x9d, b'~'];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let window: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (i % 21 * 3)) & 7) as usize])
                .collect();
            for (caret, bar) in [(false, false), (true, false), (false, true), (true, true)] {
                for limit in [0, 1, 7, 8, 9, 15, 21, 50] {
                    let naive = window
                        .iter()
                        .take(limit)
                        .position(|&b| b == 0x1d || (caret && b == b'^') || (bar && b == b'|'))
                        .unwrap_or(limit);
                    assert_eq!(find_stop(&window, limit, caret, bar), naive, "{window:?}");
                }
            }
        }
    }
}
