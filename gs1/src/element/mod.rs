//! GS1 element strings: a sequence of Application Identifiers with their
//! values, parsed from bracketed AI syntax or an FNC1 barcode message,
//! validated against the dictionary, and rendered back in every form.
//!
//! Parsing borrows the input: values are slices of it except where the
//! bracketed form escaped a `(`. [`ElementString::into_owned`] detaches the
//! result from the input.

mod bracketed;
mod hri;
pub(crate) mod message;
mod render;
#[cfg(test)]
pub(crate) mod test_gen;
pub(crate) mod validate;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::ai::{Ai, AiSpec};
use crate::error::{Error, ErrorKind, Errors};

pub use render::Fnc1Notation;

/// Options of parsing and validation. The defaults are the strict ones.
///
/// ```
/// use serialkit_gs1::{ElementString, Options};
/// // (10) alone lacks the GTIN it qualifies: rejected by default...
/// assert!(ElementString::parse("(10)ABC", &Options::default()).is_err());
/// // ...accepted when `req=` checks are switched off.
/// assert!(ElementString::parse("(10)ABC", &Options::default().check_requisites(false)).is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Enforce the dictionary's `req=` rules (default: yes).
    pub requisites: bool,
    /// Accept AIs the dictionary does not define, as CSET 82 values of the
    /// length their prefix implies (default: no).
    pub unknown_ais: bool,
    /// Digital Link: accept a zero-suppressed GTIN-8, GTIN-12 or GTIN-13 as
    /// the value of (01) and pad it to 14 digits (default: no; the URI
    /// syntax standard asks for the 14-digit form).
    pub zero_suppressed_gtin: bool,
    /// Digital Link: let unknown AIs (when [`Options::unknown_ais`] permits
    /// them at all) be data attributes in the query string (default: no).
    pub unknown_ais_as_dl_attributes: bool,
    /// Digital Link: read the deprecated convenience alphas of early
    /// Digital Link versions (`/gtin/…`, `/ser/…`, `/sscc/…`) in the path as
    /// their AIs (default: no; see [`crate::dl`]).
    pub convenience_alphas: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            requisites: true,
            unknown_ais: false,
            zero_suppressed_gtin: false,
            unknown_ais_as_dl_attributes: false,
            convenience_alphas: false,
        }
    }
}

impl Options {
    /// Sets whether `req=` rules are enforced.
    pub fn check_requisites(mut self, on: bool) -> Self {
        self.requisites = on;
        self
    }

    /// Sets whether unknown AIs are accepted.
    pub fn permit_unknown_ais(mut self, on: bool) -> Self {
        self.unknown_ais = on;
        self
    }

    /// Sets whether a Digital Link may carry a zero-suppressed GTIN in (01).
    pub fn permit_zero_suppressed_gtin(mut self, on: bool) -> Self {
        self.zero_suppressed_gtin = on;
        self
    }

    /// Sets whether unknown AIs may be Digital Link data attributes.
    pub fn permit_unknown_ais_as_dl_attributes(mut self, on: bool) -> Self {
        self.unknown_ais_as_dl_attributes = on;
        self
    }

    /// Sets whether a Digital Link path may name AIs by their deprecated
    /// convenience alphas (`/gtin/…`).
    pub fn permit_convenience_alphas(mut self, on: bool) -> Self {
        self.convenience_alphas = on;
        self
    }
}

/// One element string: an AI and its value. Two elements are equal when
/// their AIs and values are, wherever they came from.
#[derive(Clone)]
pub struct Element<'a> {
    ai: Ai,
    spec: &'static AiSpec,
    value: Cow<'a, str>,
    span: Range<usize>,
    value_start: usize,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({}){:?}@{}", self.ai, self.value, self.span.start)
    }
}

impl PartialEq for Element<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.ai == other.ai && self.value == other.value
    }
}

impl Eq for Element<'_> {}

impl<'a> Element<'a> {
    /// The Application Identifier.
    pub fn ai(&self) -> Ai {
        self.ai
    }

    /// The value, unescaped.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The AI's dictionary definition (a stand-in with
    /// [`AiSpec::is_unknown`] for an unknown AI that was permitted).
    pub fn spec(&self) -> &'static AiSpec {
        self.spec
    }

    /// Byte span of the whole element (AI and value) in the parsed input.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Byte offset of the value in the parsed input.
    pub fn value_start(&self) -> usize {
        self.value_start
    }

    /// Detaches the element from the input.
    pub fn into_owned(self) -> Element<'static> {
        Element {
            ai: self.ai,
            spec: self.spec,
            value: Cow::Owned(self.value.into_owned()),
            span: self.span,
            value_start: self.value_start,
        }
    }

    /// Maps a byte range of the unescaped value to the input, accounting for
    /// `\(` escapes that were dropped.
    fn input_span(&self, r: Range<usize>, input_escapes: &[usize]) -> Range<usize> {
        let map =
            |i: usize| self.value_start + i + input_escapes.iter().take_while(|&&e| e <= i).count();
        map(r.start)..map(r.end)
    }
}

/// A validated GS1 element string: the AIs of one barcode message in order,
/// optionally split into a linear part and a 2D composite part.
///
/// Construction always validates: every value against its AI's components
/// and linters, and the message against the association rules (`ex=`,
/// `req=`, repeated AIs, digital-signature keys). Every problem found is
/// reported, not only the first.
///
/// ```
/// use serialkit_gs1::{ElementString, Fnc1Notation, Options};
/// let es = ElementString::parse("(01)09521234543213(17)261231(10)ABC123(21)XYZ", &Options::default())?;
/// // FNC1 only where a variable-length value is followed by another element:
/// assert_eq!(es.to_message(Fnc1Notation::Caret), "^01095212345432131726123110ABC123^21XYZ");
/// assert_eq!(es.get("17"), Some("261231"));
/// assert_eq!(es.to_string(), "(01)09521234543213(17)261231(10)ABC123(21)XYZ");
/// # Ok::<(), serialkit_gs1::Errors>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementString<'a> {
    elements: Vec<Element<'a>>,
    composite: Option<usize>,
}

/// An [`ElementString`] that owns its values.
pub type OwnedElementString = ElementString<'static>;

impl<'a> ElementString<'a> {
    /// Parses bracketed AI syntax (`(01)…(10)…`, or `[01]…[10]…`), an FNC1
    /// message (leading `^` or GS) or a GS1 Digital Link URI (`http://…`,
    /// `https://…`), whichever the start of the input says. (A Digital
    /// Link's non-GS1 query parameters are dropped here; parse it with
    /// [`crate::DigitalLink::parse`] to keep them.)
    pub fn parse(input: &'a str, options: &Options) -> Result<ElementString<'a>, Errors> {
        match input.as_bytes().first() {
            Some(b'^') | Some(0x1d) => Self::parse_message(input.as_bytes(), options),
            _ if crate::dl::is_digital_link(input.as_bytes()) => {
                crate::DigitalLink::parse(input, options)
                    .map(crate::DigitalLink::into_element_string)
            }
            _ => Self::parse_bracketed(input, options),
        }
    }

    /// Parses bracketed AI syntax: `(01)09521234543213(10)ABC`. A `(` inside
    /// a value is written `\(`. A `|` before an AI starts the 2D composite
    /// part. Square brackets (`[01]…`) are accepted in place of round ones.
    pub fn parse_bracketed(input: &'a str, options: &Options) -> Result<ElementString<'a>, Errors> {
        bracketed::parse_validated(input, options)
    }

    /// Parses a barcode message: FNC1 in first position (`^` or the GS byte
    /// 0x1D), then element strings with FNC1 (`^` or GS) after each
    /// variable-length value that is not last. `|` starts the 2D composite
    /// part, itself beginning with FNC1.
    pub fn parse_message(input: &'a [u8], options: &Options) -> Result<ElementString<'a>, Errors> {
        message::parse_validated(input, 0, options, message::Framing::Explicit)
    }

    /// Parses HRI lines, one element per line: `(01) 09521234543213`,
    /// optionally preceded by the data title (`GTIN (01) …`). The space
    /// after the AI is optional; the value runs to the end of the line.
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options};
    /// let es = ElementString::parse_hri("(01) 09521234543213\n(10) AB(C)", &Options::default())?;
    /// assert_eq!(es.get("10"), Some("AB(C)"));
    /// assert_eq!(es.hri().join("\n"), "(01) 09521234543213\n(10) AB(C)");
    /// # Ok::<(), serialkit_gs1::Errors>(())
    /// ```
    pub fn parse_hri(text: &'a str, options: &Options) -> Result<ElementString<'a>, Errors> {
        let parsed = hri::parse(text, options)?;
        validate::finish(parsed, options)
    }

    /// Builds an element string from AIs and values, validating it exactly as
    /// parsing does. Spans refer to positions in the bracketed rendering.
    pub fn from_pairs<I, V>(pairs: I, options: &Options) -> Result<OwnedElementString, Errors>
    where
        I: IntoIterator<Item = (Ai, V)>,
        V: Into<String>,
    {
        let mut text = String::new();
        for (ai, v) in pairs {
            let v: String = v.into();
            text.push('(');
            text.push_str(ai.as_str());
            text.push(')');
            text.push_str(&v.replace('(', "\\("));
        }
        ElementString::parse_bracketed(&text, options).map(ElementString::into_owned)
    }

    /// The elements, in message order.
    pub fn elements(&self) -> &[Element<'a>] {
        &self.elements
    }

    /// The value of the first element with this AI.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.elements
            .iter()
            .find(|e| e.ai.as_str() == ai)
            .map(|e| e.value())
    }

    /// Index of the first element of the 2D composite part, if the message
    /// has one.
    pub fn composite_index(&self) -> Option<usize> {
        self.composite
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether there are no elements (never true for a parsed message).
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// Detaches the element string from its input.
    pub fn into_owned(self) -> OwnedElementString {
        ElementString {
            elements: self.elements.into_iter().map(Element::into_owned).collect(),
            composite: self.composite,
        }
    }

    /// The elements, consuming the element string.
    pub(crate) fn into_elements(self) -> Vec<Element<'a>> {
        self.elements
    }

    pub(crate) fn from_parts(elements: Vec<Element<'a>>, composite: Option<usize>) -> Self {
        ElementString {
            elements,
            composite,
        }
    }
}

/// Displays the bracketed form, which [`FromStr`] reads back.
impl fmt::Display for ElementString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_bracketed())
    }
}

/// Parses bracketed syntax or an FNC1 message with the default (strict)
/// options.
impl FromStr for OwnedElementString {
    type Err = Errors;
    fn from_str(s: &str) -> Result<Self, Errors> {
        ElementString::parse(s, &Options::default()).map(ElementString::into_owned)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ElementString<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_bracketed())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for OwnedElementString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// An element located by a parser, before message-level validation.
pub(crate) struct Parsed<'a> {
    pub(crate) elements: Vec<Element<'a>>,
    /// `(element index, offset in the unescaped value)` of every escape
    /// character the parser dropped; empty for almost every message.
    pub(crate) escapes: Vec<(usize, usize)>,
    pub(crate) composite: Option<usize>,
    /// Errors found while locating elements; validation continues with the
    /// elements that could be delimited.
    pub(crate) errors: Vec<Error>,
    /// Whether the parser already ran the component validation (the
    /// unbracketed parser must, to know where a value ends).
    pub(crate) values_checked: bool,
}

impl<'a> Element<'a> {
    pub(crate) fn new(
        ai: Ai,
        spec: &'static AiSpec,
        value: Cow<'a, str>,
        span: Range<usize>,
        value_start: usize,
    ) -> Self {
        Element {
            ai,
            spec,
            value,
            span,
            value_start,
        }
    }
}

pub(crate) fn err(kind: ErrorKind, ai: Option<Ai>, span: Range<usize>) -> Error {
    Error::new(kind, ai, span)
}

impl ElementString<'_> {
    /// The date in the first element with AI `ai`, when its value starts
    /// with a `YYMMDD` date (AIs 11–17, 7003, 7006, 7007, 8008, 4324 …),
    /// resolved with the GS1 century rule relative to `reference`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use serialkit_gs1::{ElementString, Options};
    /// let es = ElementString::parse("(01)09521234543213(17)261200", &Options::default())?;
    /// let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    /// assert_eq!(es.date("17", today), Some(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
    /// # Ok::<(), serialkit_gs1::Errors>(())
    /// ```
    pub fn date(&self, ai: &str, reference: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        let e = self.elements.iter().find(|e| e.ai.as_str() == ai)?;
        let first = e.spec.components.first()?;
        let is_date = first
            .linters
            .iter()
            .any(|l| matches!(l, crate::lint::Linter::Yymmdd | crate::lint::Linter::Yymmd0));
        if !is_date {
            return None;
        }
        crate::date::yymmdd(e.value.as_bytes().get(..6)?, reference).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<ElementString<'_>, Errors>) -> Vec<(String, Option<String>)> {
        r.expect_err("rejected")
            .iter()
            .map(|e| (e.kind.code().to_owned(), e.ai.map(|a| a.to_string())))
            .collect()
    }

    fn one(code: &str, ai: &str) -> Vec<(String, Option<String>)> {
        vec![(code.to_owned(), Some(ai.to_owned()))]
    }

    #[test]
    fn an_invalid_value_still_counts_as_present() {
        let o = Options::default();
        // Length errors, like linter errors, leave the AI present: (10)'s
        // requirement of (01) is met.
        for r in [
            ElementString::parse_bracketed("(01)123(10)ABC", &o),
            ElementString::parse_hri("(01) 123\n(10) ABC", &o),
            ElementString::parse_hri("GTIN (01) 123\nBATCH/LOT (10) ABC", &o),
            ElementString::parse_message(b"^10ABC^0112", &o),
        ] {
            let c = codes(r);
            assert_eq!(c.len(), 1, "{c:?}");
            assert_eq!(c[0].1.as_deref(), Some("01"), "{c:?}");
        }
        assert_eq!(
            codes(ElementString::parse_bracketed(
                "(01)09521234543214(10)ABC",
                &o
            )),
            one("AI_LINTER_ERROR", "01")
        );
        // ...and for `ex=`: (01) and (02) may not go together.
        let c = codes(ElementString::parse_bracketed(
            "(01)123(02)09521234543213(37)1",
            &o,
        ));
        assert!(
            c.contains(&("INVALID_AI_PAIRS".into(), Some("01".into()))),
            "{c:?}"
        );
        // A wrong title is reported, and the value is still checked.
        let c = codes(ElementString::parse_hri(
            "BATCH (10) ABC\nGTIN (01) 09521234543214",
            &o,
        ));
        assert_eq!(c[0], ("HRI_PARSE_FAILED".to_owned(), Some("10".to_owned())));
        assert_eq!(c[1], ("AI_LINTER_ERROR".to_owned(), Some("01".to_owned())));
        assert_eq!(c.len(), 2, "{c:?}");
    }

    #[test]
    fn unbracketed_parsing_reads_on_after_a_delimited_bad_value() {
        let o = Options::default();
        // (17) is too short but ends at FNC1: (01) after it is read, and
        // meets (10)'s requirement.
        assert_eq!(
            codes(ElementString::parse_message(
                b"^10ABC^1712^0109521234543213",
                &o
            )),
            one("AI_DATA_HAS_INCORRECT_LENGTH", "17")
        );
        // Nothing left unread: the missing (01) is reported too.
        assert_eq!(
            codes(ElementString::parse_message(b"^10ABC^1712", &o)),
            vec![
                (
                    "AI_DATA_HAS_INCORRECT_LENGTH".to_owned(),
                    Some("17".to_owned())
                ),
                (
                    "REQUIRED_AIS_NOT_SATISFIED".to_owned(),
                    Some("10".to_owned())
                ),
                (
                    "REQUIRED_AIS_NOT_SATISFIED".to_owned(),
                    Some("17".to_owned())
                ),
            ]
        );
        // A serial running past its maximum: where it ends is unknown, the
        // rest is unread, and requirements are not judged on a guess.
        assert_eq!(
            codes(ElementString::parse_message(
                b"^10ABC^21ABCDEFGHIJKLMNOPQRSTU0109521234543213",
                &o
            )),
            one("AI_DATA_IS_TOO_LONG", "21")
        );
    }

    #[test]
    fn hri_titles_round_trip_even_with_brackets_in_titles() {
        let o = Options::default();
        let es = ElementString::parse("(01)09521234543213(3103)000525(3922)4711", &o).unwrap();
        let titled = es.hri_with_titles().join("\n");
        assert!(titled.contains("NET WEIGHT (kg) (3103) 000525"));
        let again = ElementString::parse_hri(&titled, &o).unwrap();
        // Equality is by content, not by where the values were in the input.
        assert_eq!(again, es);
        assert_eq!(again.to_bracketed(), es.to_bracketed());
    }
}
