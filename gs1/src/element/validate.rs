//! Validation: each value against its AI's components and linters, then
//! the message against the association rules of the dictionary.

use std::ops::Range;

use super::{Element, ElementString, Options, Parsed, err};
use crate::ai::{Ai, AiPattern, AiSpec};
use crate::error::{Error, ErrorKind, Errors};
use crate::lint::LintError;

/// The most components any AI has (e.g. (423): five country codes).
const MAX_COMPONENTS: usize = 8;

/// Where each present component of a value lies.
pub(crate) struct ComponentSpans {
    /// `(component index, start, end)`; values are at most 90 bytes.
    spans: [(u8, u8, u8); MAX_COMPONENTS],
    len: usize,
}

impl ComponentSpans {
    /// Present components: their index in the AI's definition and span.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.spans[..self.len]
            .iter()
            .map(|&(i, s, e)| (i as usize, s as usize..e as usize))
    }
}

/// Splits `value` into the AI's components, as the reference engine does:
/// each component takes as much as it may (up to its maximum) of what is
/// left; an optional component may be absent only when nothing is left.
/// Returns the spans, or the structural error.
pub(crate) fn split_components(spec: &AiSpec, value: &[u8]) -> Result<ComponentSpans, ErrorKind> {
    if value.is_empty() {
        return Err(ErrorKind::EmptyValue);
    }
    let mut out = ComponentSpans {
        spans: [(0, 0, 0); MAX_COMPONENTS],
        len: 0,
    };
    let mut p = 0usize;
    for (i, c) in spec.components.iter().enumerate().take(MAX_COMPONENTS) {
        let n = (value.len() - p).min(c.max as usize);
        if c.optional && n == 0 {
            continue;
        }
        if n < c.min as usize {
            return Err(ErrorKind::ComponentTooShort);
        }
        // Components never exceed 90 bytes and values never exceed the sum
        // of their components' maxima, which fits a byte for every AI.
        out.spans[out.len] = (i as u8, p.min(255) as u8, (p + n).min(255) as u8);
        out.len += 1;
        p += n;
    }
    Ok(out)
}

/// How many bytes of `value` the AI's components take, by the same rule as
/// [`split_components`], without recording where each lies: the hot path
/// of parsing needs only the extent, then [`lint_value`].
#[inline]
pub(crate) fn component_extent(spec: &AiSpec, value: &[u8]) -> Result<usize, ErrorKind> {
    if value.is_empty() {
        return Err(ErrorKind::EmptyValue);
    }
    let mut p = 0usize;
    for c in spec.components {
        let n = (value.len() - p).min(c.max as usize);
        if c.optional && n == 0 {
            continue;
        }
        if n < c.min as usize {
            return Err(ErrorKind::ComponentTooShort);
        }
        p += n;
    }
    Ok(p)
}

/// The component linters for a value whose extent [`component_extent`]
/// accepted: walks the components again instead of storing their spans.
#[inline]
pub(crate) fn lint_value(spec: &AiSpec, value: &[u8]) -> Result<(), LintError> {
    let mut p = 0usize;
    for c in spec.components {
        let n = (value.len() - p).min(c.max as usize);
        if c.optional && n == 0 {
            continue;
        }
        let v = &value[p..p + n];
        let at = p;
        let shift = move |e: LintError| LintError {
            kind: e.kind,
            span: e.span.start + at..e.span.end + at,
        };
        c.charset.linter().check(v).map_err(shift)?;
        for l in c.linters {
            l.check(v).map_err(shift)?;
        }
        p += n;
    }
    Ok(())
}

/// Checks one element's value: structure, then linters. Errors carry input
/// spans.
fn check_value(e: &Element<'_>, escapes: &[usize]) -> Option<Error> {
    // (escapes: offsets in the unescaped value where a `\\` was dropped)
    let v = e.value.as_bytes();
    if let Err(kind) = component_extent(e.spec, v) {
        let span = e.input_span(0..v.len(), escapes);
        return Some(err(kind, Some(e.ai), span));
    }
    match lint_value(e.spec, v) {
        Ok(()) => None,
        Err(l) => Some(err(
            ErrorKind::Lint(l.kind),
            Some(e.ai),
            e.input_span(l.span, escapes),
        )),
    }
}

/// Whether an error of the element's AI lies in its value.
#[cold]
fn already_reported(errors: &[Error], e: &Element<'_>) -> bool {
    errors
        .iter()
        .any(|x| x.ai == Some(e.ai) && x.span.start >= e.value_start && x.span.end <= e.span.end)
}

/// Errors after which a parser cannot read on: the rest of the input is
/// left unread.
fn stops_reading(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::AiParseFailed
            | ErrorKind::NoAiForPrefix
            | ErrorKind::ValueRunsOn
            | ErrorKind::MissingFnc1InFirstPosition
    )
}

/// Completes parsing: value checks (unless the parser did them), then
/// association checks, then the verdict. Elements whose values failed in
/// the parser count as present for the association checks, like those that
/// failed a linter.
pub(crate) fn finish<'a>(
    parsed: Parsed<'a>,
    options: &Options,
) -> Result<ElementString<'a>, Errors> {
    let Parsed {
        elements,
        escapes,
        composite,
        mut errors,
        values_checked,
    } = parsed;
    if !values_checked {
        let mut own = Vec::new();
        for (i, e) in elements.iter().enumerate() {
            // A value its parser already found wrong (length, `^`) is kept
            // only so that its AI counts as present: one error is enough.
            if !errors.is_empty() && already_reported(&errors, e) {
                continue;
            }
            own.clear();
            own.extend(escapes.iter().filter(|&&(j, _)| j == i).map(|&(_, at)| at));
            if let Some(x) = check_value(e, &own) {
                errors.push(x);
            }
        }
    }
    if errors.iter().any(|x| stops_reading(&x.kind)) {
        // Part of the input was never read, and an AI that a `req=` rule
        // asks for may be there: requirements are not judged.
        let relaxed = options.clone().check_requisites(false);
        check_associations(&elements, &relaxed, &mut errors);
    } else {
        check_associations(&elements, options, &mut errors);
    }
    if errors.is_empty() {
        Ok(ElementString::from_parts(elements, composite))
    } else {
        Err(Errors(errors))
    }
}

/// Two-digit AI prefixes present in a message, as a bit set: most patterns
/// of `ex=` and `req=` rules name AIs that are absent, and the set rules
/// them out without scanning the elements.
struct Prefixes([bool; 100]);

impl Prefixes {
    fn of(elements: &[Element<'_>]) -> Prefixes {
        let mut seen = [false; 100];
        for e in elements {
            if let Some(p) = Self::index(e.ai.as_bytes()) {
                seen[p] = true;
            }
        }
        Prefixes(seen)
    }

    #[inline]
    fn index(digits: &[u8]) -> Option<usize> {
        match digits {
            [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some(((a - b'0') * 10 + (b - b'0')) as usize),
            _ => None,
        }
    }

    #[inline]
    fn may_match(&self, pattern: &str) -> bool {
        // Patterns with a wildcard in the first two places match any prefix.
        Self::index(pattern.as_bytes()).is_none_or(|p| self.0[p])
    }
}

/// The first element, other than those with AI `except`, that matches
/// `pattern`. An AI never satisfies or violates a rule of its own, even when
/// it matches the pattern (`3103` with `ex=310n`).
#[inline]
fn find_other<'e, 'a>(
    elements: &'e [Element<'a>],
    present: &Prefixes,
    pattern: &'static str,
    except: Ai,
) -> Option<&'e Element<'a>> {
    if !present.may_match(pattern) {
        return None;
    }
    let pat = AiPattern(pattern);
    elements
        .iter()
        .find(|e| e.ai != except && pat.matches_bytes(e.ai.as_bytes()))
}

/// The association checks, in the reference engine's order: mutually
/// exclusive AIs, required AIs, repeated AIs, digital-signature keys.
pub(crate) fn check_associations(
    elements: &[Element<'_>],
    options: &Options,
    errors: &mut Vec<Error>,
) {
    let present = Prefixes::of(elements);
    // ex=
    let mut reported_pairs: Vec<(Ai, Ai)> = Vec::new();
    for e in elements {
        for pat in e.spec.ex {
            if let Some(other) = find_other(elements, &present, pat, e.ai) {
                let pair = (e.ai, other.ai);
                if reported_pairs
                    .iter()
                    .any(|&(a, b)| (a, b) == pair || (b, a) == pair)
                {
                    continue;
                }
                reported_pairs.push(pair);
                errors.push(err(
                    ErrorKind::InvalidAiPair { other: other.ai },
                    Some(e.ai),
                    e.span.clone(),
                ));
            }
        }
    }
    // req=
    if options.requisites {
        for (i, e) in elements.iter().enumerate() {
            // A repeated AI's rules were already checked at its first occurrence.
            if elements[..i].iter().any(|p| p.ai == e.ai) {
                continue;
            }
            for rule in e.spec.req {
                let satisfied = rule.iter().any(|group| {
                    group
                        .iter()
                        .all(|pat| find_other(elements, &present, pat, e.ai).is_some())
                });
                if !satisfied {
                    errors.push(err(
                        ErrorKind::RequiredAisMissing {
                            rule: rule
                                .iter()
                                .map(|g| g.join("+"))
                                .collect::<Vec<_>>()
                                .join(","),
                        },
                        Some(e.ai),
                        e.span.clone(),
                    ));
                }
            }
        }
    }
    // Repeated AIs must agree: one report per AI, at its first differing copy.
    for (i, first) in elements.iter().enumerate() {
        if elements[..i].iter().any(|p| p.ai == first.ai) {
            continue;
        }
        if let Some(diff) = elements[i + 1..]
            .iter()
            .find(|e| e.ai == first.ai && e.value != first.value)
        {
            errors.push(err(
                ErrorKind::RepeatedAiDiffers {
                    first: first.span.clone(),
                },
                Some(diff.ai),
                diff.span.clone(),
            ));
        }
    }
    // A digital signature needs keys that carry their serial component.
    if elements.iter().any(|e| e.ai.as_bytes() == b"8030") {
        for e in elements {
            if matches!(e.ai.as_bytes(), b"253" | b"255" | b"8003")
                && e.value.len() == e.spec.min_len()
            {
                errors.push(err(ErrorKind::SerialNotPresent, Some(e.ai), e.span.clone()));
            }
        }
    }
}
