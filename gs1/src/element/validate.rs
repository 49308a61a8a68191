//! Validation: each value against its AI's components and linters, then
//! the message against the association rules of the dictionary.

use std::ops::Range;

use super::{Element, ElementString, Options, Parsed, err};
use crate::ai::packed::{exact_code, packed_rules, summary_bit};
use crate::ai::{Ai, AiSpec};
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
        crate::lint::cset::check_charset(c.charset, v).map_err(shift)?;
        for l in c.linters {
            l.check(v).map_err(shift)?;
        }
        p += n;
    }
    Ok(())
}

/// Checks one element's value: structure, then linters. Errors carry input
/// spans.
pub(crate) fn check_value(e: &Element<'_>, escapes: &[usize]) -> Option<Error> {
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
///
/// A message whose values the parser checked without finding anything
/// wrong, and which [`associations_clear`] passes, is done here; only the
/// others are handed (moved) to the checks that report.
#[inline]
pub(crate) fn finish<'a>(
    parsed: Parsed<'a>,
    options: &Options,
) -> Result<ElementString<'a>, Errors> {
    if parsed.values_checked
        && parsed.errors.is_empty()
        && associations_clear(&parsed.elements, options)
    {
        return Ok(ElementString::from_parts(parsed.elements, parsed.composite));
    }
    finish_reporting(parsed, options)
}

/// [`finish`] for a message that may have something wrong: one whose
/// values are not checked yet, with an error, or that the pre-check did not
/// pass.
#[inline(never)]
pub(crate) fn finish_reporting<'a>(
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
    // Values the parser checked and found good come here only once the
    // pre-check said no; values checked just now have not been through it.
    if !values_checked && errors.is_empty() && associations_clear(&elements, options) {
        return Ok(ElementString::from_parts(elements, composite));
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

/// An AI pattern (`310n`: `n` matches any digit) in the packed form of
/// [`Ai::code`]: the value to compare and the mask of the positions that
/// must match, which include the padding after the pattern (so a longer AI
/// does not match), plus the byte of the pattern's last position, which
/// must not be padding (so a shorter AI does not match either). A pattern
/// match becomes two masks and a compare.
#[derive(Clone, Copy)]
struct Packed {
    value: u32,
    mask: u32,
    last: u32,
}

impl Packed {
    #[inline]
    fn of(pattern: &str) -> Packed {
        let raw = match *pattern.as_bytes() {
            [a, b] => u32::from_le_bytes([a, b, 0, 0]),
            [a, b, c] => u32::from_le_bytes([a, b, c, 0]),
            [a, b, c, d, ..] => u32::from_le_bytes([a, b, c, d]),
            // No rule of the dictionary names a one-digit pattern.
            _ => {
                return Packed {
                    value: !0,
                    mask: 0,
                    last: 0,
                };
            }
        };
        // Flags the `n` bytes (patterns hold digits, `n` and padding, none
        // of which borrows into a false flag), then spreads each flag over
        // its byte.
        let x = raw ^ 0x6e6e_6e6e;
        let wild = ((x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080) >> 7) * 0xff;
        let len = pattern.len().min(4);
        Packed {
            value: raw & !wild,
            mask: !wild,
            last: 0xff << (8 * (len - 1)),
        }
    }

    #[inline]
    fn matches(self, code: u32) -> bool {
        code & self.mask == self.value && code & self.last != 0
    }
}

/// The elements of a message as the association checks scan them: by
/// packed AI ([`Ai::code`]). A message rarely has more than a dozen
/// elements, and a scan of a few words costs less than building any index.
struct Present<'e, 'a>(&'e [Element<'a>]);

impl Present<'_, '_> {
    /// The index of the first element, other than those whose packed AI is
    /// `except`, that matches `pattern`. An AI never satisfies or violates a
    /// rule of its own, even when it matches the pattern (`3103` with
    /// `ex=310n`).
    #[inline]
    fn find_other(&self, pattern: &'static str, except: u32) -> Option<usize> {
        let pat = Packed::of(pattern);
        self.0.iter().position(|e| {
            let code = e.ai.code();
            code != except && pat.matches(code)
        })
    }

    /// Whether an element before `i` has the same AI as element `i`.
    #[inline]
    fn seen_before(&self, i: usize) -> bool {
        let code = self.0[i].ai.code();
        self.0[..i].iter().any(|e| e.ai.code() == code)
    }

    /// Whether an element after `i` has the same AI as element `i`.
    #[inline]
    fn seen_after(&self, i: usize) -> bool {
        let code = self.0[i].ai.code();
        self.0[i + 1..].iter().any(|e| e.ai.code() == code)
    }
}

/// Whether [`check_associations`] would find nothing wrong: the same rules
/// as a yes/no question, which stops at the first doubt. The checks that
/// report errors run only when this says no, so that a valid message (the
/// common case) pays for no error bookkeeping. It also says no, leaving the
/// verdict to [`check_associations`], for a message with a digital
/// signature (8030).
///
/// Most of it is answered from the rules packed at compile time
/// ([`crate::ai::packed`]): a 64-bit summary of the AIs present rules out
/// the `ex=` AIs, and finding the first alternative of a `req=` rule meets
/// it. The patterns themselves are read only where those cannot decide.
#[inline]
pub(crate) fn associations_clear(elements: &[Element<'_>], options: &Options) -> bool {
    let mut summary = 0u64;
    let mut maybe_repeated = false;
    for e in elements {
        let code = e.ai.code();
        if code == u32::from_le_bytes(*b"8030") {
            return false;
        }
        maybe_repeated |= summary & summary_bit(code) != 0;
        summary |= summary_bit(code);
    }
    // Two elements of one AI must agree; comparing every later copy with
    // each element covers every pair.
    if maybe_repeated
        && elements.iter().enumerate().any(|(i, e)| {
            elements[i + 1..]
                .iter()
                .any(|o| o.ai == e.ai && o.value != e.value)
        })
    {
        return false;
    }
    let present = Present(elements);
    // Whether an element other than those of AI `except` matches `pattern`.
    let found = |pattern: &'static str, except: u32| match exact_code(pattern) {
        0 => present.find_other(pattern, except).is_some(),
        code if summary & summary_bit(code) == 0 || code == except => false,
        code => elements.iter().any(|e| e.ai.code() == code),
    };
    // An element's rules as its definition writes them.
    let ex_met = |e: &Element<'_>| !e.spec.ex.iter().any(|&pat| found(pat, e.ai.code()));
    let rule_met = |e: &Element<'_>, rule: &&'static [&'static [&'static str]]| {
        rule.iter()
            .any(|group| group.iter().all(|&pat| found(pat, e.ai.code())))
    };
    for e in elements {
        let code = e.ai.code();
        let Some(packed) = packed_rules(e.spec) else {
            // Not a table entry: the stand-in of an unknown AI, which has
            // no rules; any other definition is left to the full checks.
            if e.spec.ex.is_empty() && e.spec.req.is_empty() {
                continue;
            }
            return false;
        };
        if (packed.ex_wild || summary & packed.ex_bits != 0) && !ex_met(e) {
            return false;
        }
        // A repeated AI's rules were checked at its first occurrence, and
        // checking them again finds the same.
        if !options.requisites {
            continue;
        }
        for (rule, &first) in e.spec.req.iter().zip(&packed.req_first) {
            let met = first != 0
                && first != code
                && summary & summary_bit(first) != 0
                && elements.iter().any(|o| o.ai.code() == first);
            if !met && !rule_met(e, rule) {
                return false;
            }
        }
    }
    true
}

/// The association checks, in the reference engine's order: mutually
/// exclusive AIs, required AIs, repeated AIs, digital-signature keys.
pub(crate) fn check_associations(
    elements: &[Element<'_>],
    options: &Options,
    errors: &mut Vec<Error>,
) {
    let present = Present(elements);
    // ex=
    let mut reported_pairs: Vec<(Ai, Ai)> = Vec::new();
    for e in elements {
        for pat in e.spec.ex {
            if let Some(j) = present.find_other(pat, e.ai.code()) {
                let other = &elements[j];
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
            if e.spec.req.is_empty() || present.seen_before(i) {
                continue;
            }
            for rule in e.spec.req {
                let satisfied = rule.iter().any(|group| {
                    group
                        .iter()
                        .all(|pat| present.find_other(pat, e.ai.code()).is_some())
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
        if !present.seen_after(i) || present.seen_before(i) {
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
    if present.find_other("8030", 0).is_some() {
        for e in elements {
            if matches!(e.ai.as_bytes(), b"253" | b"255" | b"8003")
                && e.value.len() == e.spec.min_len()
            {
                errors.push(err(ErrorKind::SerialNotPresent, Some(e.ai), e.span.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{associations_clear, check_associations};
    use crate::ai::{self, Ai};
    use crate::element::test_gen::Rng;
    use crate::element::{Element, Options};

    /// The yes/no pre-check against the checks that report: it says yes
    /// exactly when they find nothing (a message with a digital signature
    /// aside, which it always leaves to them), on random sets of AIs drawn
    /// from those that association rules name, with repeats that agree or
    /// not.
    #[test]
    fn pre_check_agrees_with_the_reporting_checks() {
        let table = ai::table();
        // Every AI with a rule, and every AI a rule names (a pattern such
        // as `310n` stands for each AI it matches).
        let named: Vec<&str> = table
            .iter()
            .flat_map(|s| {
                let req = s.req.iter().flat_map(|r| r.iter().flat_map(|g| g.iter()));
                s.ex.iter().chain(req)
            })
            .copied()
            .collect();
        let pool: Vec<_> = table
            .iter()
            .filter(|s| {
                !s.ex.is_empty()
                    || !s.req.is_empty()
                    || named.iter().any(|p| crate::ai::AiPattern(p).matches(s.ai))
            })
            .collect();
        assert!(pool.len() > 100);
        let values = ["1", "A", "095212345432", "0952123454321"];
        let mut rng = Rng(0x5eed_a550_c1a7_e5ed);
        let (mut yes, mut no) = (0, 0);
        for round in 0..60_000 {
            let n = 1 + rng.below(6);
            let elements: Vec<Element<'static>> = (0..n)
                .map(|i| {
                    let spec = pool[rng.below(pool.len())];
                    let ai: Ai = spec.ai.parse().expect("table AI");
                    let value = values[rng.below(values.len())];
                    Element::new(
                        ai,
                        spec,
                        Cow::Borrowed(value),
                        i * 10..i * 10 + 8,
                        i * 10 + 2,
                    )
                })
                .collect();
            let elements = if round % 3 == 0 && n > 1 {
                // Repeats are rare in random draws from a large pool:
                // make one.
                let mut e = elements;
                let copy = e[0].clone();
                e.push(copy);
                if rng.chance(50) {
                    let last = e.len() - 1;
                    e[last].value = Cow::Borrowed("different");
                }
                e
            } else {
                elements
            };
            let options = Options::default().check_requisites(rng.chance(70));
            let mut errors = Vec::new();
            check_associations(&elements, &options, &mut errors);
            let signed = elements.iter().any(|e| e.ai.as_str() == "8030");
            let clear = associations_clear(&elements, &options);
            assert_eq!(
                clear,
                errors.is_empty() && !signed,
                "{elements:?}: {errors:?}"
            );
            if clear {
                yes += 1;
            } else {
                no += 1;
            }
        }
        // Both answers are common, or the test would prove little.
        assert!(yes > 5_000 && no > 5_000, "{yes} yes, {no} no");
    }

    /// No AI of the dictionary names itself in a rule, but the rule that an
    /// AI never satisfies or violates its own rules holds all the same; the
    /// pre-check leaves a definition outside the table to the full checks.
    #[test]
    fn an_ai_never_meets_its_own_rules() {
        use crate::ai::{AiSpec, Charset, Component, Flags};
        static SELF_NAMED: AiSpec = AiSpec {
            ai: "99",
            flags: Flags::NONE,
            components: &[Component::new(Charset::X, 1, 90, false, &[])],
            req: &[&[&["99"]]],
            ex: &["99"],
            dl_primary_key: None,
            title: "INTERNAL",
        };
        let ai: Ai = "99".parse().expect("AI");
        let e = |at: usize| Element::new(ai, &SELF_NAMED, Cow::Borrowed("A"), at..at + 3, at + 2);
        let elements = [e(0), e(3)];
        for requisites in [true, false] {
            let options = Options::default().check_requisites(requisites);
            let mut errors = Vec::new();
            check_associations(&elements, &options, &mut errors);
            assert_eq!(errors.len(), usize::from(requisites), "{errors:?}");
            // A definition outside the table is left to the full checks.
            assert!(!associations_clear(&elements, &options));
        }
    }
}
