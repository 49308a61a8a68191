//! GS1 Digital Link URIs (URI Syntax 1.6): AIs carried in a web address.
//!
//! `https://example.com/01/09521234543213/10/ABC?17=261231` names a GTIN (the
//! primary key) with its batch (a key qualifier, in the path) and an expiry
//! date (a data attribute, in the query). [`DigitalLink::parse`] reads such a
//! URI under any stem into an [`ElementString`] that is validated exactly as
//! any other element string (linters, `req=`, `ex=`);
//! [`ElementString::to_digital_link`] writes the canonical URI back under
//! any stem.
//!
//! ```
//! use serialkit_gs1::{Options, dl::{DigitalLink, CANONICAL_STEM}};
//! let dl = DigitalLink::parse(
//!     "https://example.com/shop/01/09521234543213/10/AB%2FC?17=261231&utm=qr",
//!     &Options::default(),
//! )?;
//! assert_eq!(dl.stem(), "https://example.com/shop");
//! assert_eq!(dl.element_string().to_string(), "(01)09521234543213(10)AB/C(17)261231");
//! assert_eq!(dl.ignored_query().as_deref(), Some("utm=qr"));
//! assert_eq!(
//!     dl.to_canonical(CANONICAL_STEM)?,
//!     "https://id.gs1.org/01/09521234543213/10/AB%2FC?17=261231"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod generate;
mod keys;
mod parse;
mod percent;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::element::{Element, ElementString, Options};
use crate::error::{Error, Errors};

pub use generate::{CANONICAL_STEM, QueryOrder};

/// Whether `input` is meant as a Digital Link URI: it starts with `http://`
/// or `https://`, all lower case or all upper case (as GS1's engine decides;
/// a mixed-case scheme is plain data).
pub fn is_digital_link(input: &[u8]) -> bool {
    parse::scheme_len(input).is_some()
}

/// A parsed GS1 Digital Link URI: its element string, its stem and the
/// query parameters that were not GS1 AIs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigitalLink<'a> {
    uri: Cow<'a, str>,
    es: ElementString<'a>,
    stem: Range<usize>,
    path_len: usize,
    ignored: Vec<Range<usize>>,
}

/// A [`DigitalLink`] that owns its text.
pub type OwnedDigitalLink = DigitalLink<'static>;

impl<'a> DigitalLink<'a> {
    /// Parses a Digital Link URI under any stem. The primary key is the
    /// rightmost `/AI/value` pair of the path whose AI is a key; the pairs
    /// after it are its qualifiers, in the order the dictionary's `dlpkey`
    /// permits. Query parameters named by an AI are data attributes; others
    /// are kept aside ([`DigitalLink::ignored_query`]). `%XX` is decoded
    /// everywhere, `+` means a space in the query only, and a fragment is
    /// ignored. With [`Options::zero_suppressed_gtin`], (01) may hold a
    /// GTIN-8, -12 or -13; with [`Options::convenience_alphas`], path
    /// segments may name AIs by the short names early versions of the
    /// standard had (`/gtin/`, `/ser/`, `/lot/`, `/sscc/`, …; GS1's engine
    /// reads the same set behind the same kind of switch).
    ///
    /// Errors carry byte spans in `uri`. URI structure problems are reported
    /// alone; the AIs are then validated like any element string, with
    /// every problem reported.
    pub fn parse(uri: &'a str, options: &Options) -> Result<DigitalLink<'a>, Errors> {
        Self::parse_at(uri, options, 0)
    }

    /// [`DigitalLink::parse`] with every span shifted by `base` (the URI's
    /// offset in a larger input, such as scan data).
    pub(crate) fn parse_at(
        uri: &'a str,
        options: &Options,
        base: usize,
    ) -> Result<DigitalLink<'a>, Errors> {
        let found = parse::parse(uri, options, base)?;
        Ok(DigitalLink {
            uri: Cow::Borrowed(uri),
            es: found.es,
            stem: found.stem,
            path_len: found.path_len,
            ignored: found.ignored,
        })
    }

    /// The AIs: path elements (key, then qualifiers) first, then the query
    /// attributes in URI order.
    pub fn element_string(&self) -> &ElementString<'a> {
        &self.es
    }

    /// The element string, consuming the link.
    pub fn into_element_string(self) -> ElementString<'a> {
        self.es
    }

    /// The primary key element.
    pub fn primary_key(&self) -> &Element<'a> {
        // A parsed link always has its key first.
        &self.es.elements()[0]
    }

    /// The key qualifiers from the path, in path order.
    pub fn qualifiers(&self) -> &[Element<'a>] {
        &self.es.elements()[1..self.path_len]
    }

    /// The data attributes from the query string, in URI order.
    pub fn attributes(&self) -> &[Element<'a>] {
        &self.es.elements()[self.path_len..]
    }

    /// The URI as given.
    pub fn as_str(&self) -> &str {
        &self.uri
    }

    /// Scheme, domain and any path before the primary key, e.g.
    /// `https://example.com/shop`.
    pub fn stem(&self) -> &str {
        &self.uri[self.stem.clone()]
    }

    /// The query parameters that were not AIs, as given (undecoded), in
    /// order.
    pub fn ignored_query_params(&self) -> impl Iterator<Item = &str> + '_ {
        self.ignored.iter().map(|r| &self.uri[r.clone()])
    }

    /// The non-AI query parameters joined with `&` (`"a=1&b=2"`), or `None`
    /// when there were none.
    pub fn ignored_query(&self) -> Option<String> {
        if self.ignored.is_empty() {
            return None;
        }
        Some(self.ignored_query_params().collect::<Vec<_>>().join("&"))
    }

    /// The canonical URI of the same AIs under `stem`
    /// ([`ElementString::to_digital_link`]). It fails only when the
    /// canonical choice of qualifiers moves a non-attribute AI to the query
    /// (e.g. `/01/…/235/…?10=…`: the canonical path takes (10), and (235)
    /// may not be a query attribute), or when `stem` cannot start a URI.
    pub fn to_canonical(&self, stem: &str) -> Result<String, Error> {
        self.es.to_digital_link(stem)
    }

    /// The canonical link of an element string under `stem`, parsed: the
    /// element string's AIs as a [`DigitalLink`].
    ///
    /// ```
    /// use serialkit_gs1::{DigitalLink, ElementString, Options};
    /// let es = ElementString::parse("(01)09521234543213(21)S1(17)261231", &Options::default())?;
    /// let dl = DigitalLink::from_element_string(&es, "https://example.com")?;
    /// assert_eq!(dl.as_str(), "https://example.com/01/09521234543213/21/S1?17=261231");
    /// assert_eq!(dl.hri(), es.hri());
    /// # Ok::<(), serialkit_gs1::Errors>(())
    /// ```
    pub fn from_element_string(
        es: &ElementString<'_>,
        stem: &str,
    ) -> Result<OwnedDigitalLink, Errors> {
        let uri = es.to_digital_link(stem)?;
        let options = Options::default().check_requisites(false);
        let parsed = DigitalLink::parse(&uri, &options)?;
        Ok(parsed.into_owned())
    }

    /// The bracketed form of the AIs (path first, then query).
    pub fn to_bracketed(&self) -> String {
        self.es.to_bracketed()
    }

    /// The barcode message of the AIs.
    pub fn to_message(&self, fnc1: crate::element::Fnc1Notation) -> String {
        self.es.to_message(fnc1)
    }

    /// HRI lines of the AIs.
    pub fn hri(&self) -> Vec<String> {
        self.es.hri()
    }

    /// Detaches the link from its input.
    pub fn into_owned(self) -> OwnedDigitalLink {
        DigitalLink {
            uri: Cow::Owned(self.uri.into_owned()),
            es: self.es.into_owned(),
            stem: self.stem,
            path_len: self.path_len,
            ignored: self.ignored,
        }
    }
}

/// Displays the URI as given.
impl fmt::Display for DigitalLink<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.uri)
    }
}

/// Parses with the default (strict) options.
impl FromStr for OwnedDigitalLink {
    type Err = Errors;
    fn from_str(s: &str) -> Result<Self, Errors> {
        DigitalLink::parse(s, &Options::default()).map(DigitalLink::into_owned)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DigitalLink<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.uri)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for OwnedDigitalLink {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<DigitalLink<'_>, Errors>) -> String {
        match r {
            Ok(d) => d.element_string().to_string(),
            Err(e) => e.first().map_or("?", |e| e.kind.code()).to_owned(),
        }
    }

    #[test]
    fn reads_path_and_query() {
        let o = Options::default();
        let d = DigitalLink::parse(
            "https://a/b/01/09521234543213/22/V/10/L?17=261231&x=1#f",
            &o,
        )
        .unwrap();
        assert_eq!(d.stem(), "https://a/b");
        assert_eq!(d.primary_key().ai().as_str(), "01");
        assert_eq!(d.qualifiers().len(), 2);
        assert_eq!(d.attributes().len(), 1);
        assert_eq!(d.ignored_query().as_deref(), Some("x=1"));
        assert_eq!(
            codes(DigitalLink::parse(
                "https://a/01/09521234543213/21/S/10/L",
                &o
            )),
            "INVALID_KEY_QUALIFIER_SEQUENCE"
        );
        assert_eq!(
            codes(DigitalLink::parse("https://a/01/09521234543213?10=L", &o)),
            "AI_SHOULD_BE_IN_PATH_INFO"
        );
        assert_eq!(
            codes(DigitalLink::parse("HtTp://a/01/09521234543213", &o)),
            "URI_CONTAINS_ILLEGAL_SCHEME"
        );
    }

    #[test]
    fn spans_point_into_the_uri() {
        let o = Options::default();
        let uri = "https://a/01/09521234543213/10/A%2FB?98=X+Y";
        let e = DigitalLink::parse(uri, &o).unwrap_err();
        let first = e.first().unwrap();
        assert_eq!(first.kind.code(), "AI_LINTER_ERROR");
        assert_eq!(&uri[first.span.clone()], "+");
        let bad = "https://a/01/09521234543214";
        let e = DigitalLink::parse(bad, &o).unwrap_err();
        assert_eq!(&bad[e.first().unwrap().span.clone()], "4");
    }

    #[test]
    fn convenience_alphas_only_when_asked() {
        let uri = "https://a/shop/gtin/09521234543213/lot/L%2F1/ser/S1?17=261231";
        assert_eq!(
            codes(DigitalLink::parse(uri, &Options::default())),
            "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"
        );
        let o = Options::default().permit_convenience_alphas(true);
        let d = DigitalLink::parse(uri, &o).unwrap();
        assert_eq!(d.stem(), "https://a/shop");
        assert_eq!(
            d.element_string().to_string(),
            "(01)09521234543213(10)L/1(21)S1(17)261231"
        );
        // The canonical URI names AIs by their numbers.
        assert_eq!(
            d.to_canonical(CANONICAL_STEM).unwrap(),
            "https://id.gs1.org/01/09521234543213/10/L%2F1/21/S1?17=261231"
        );
        assert_eq!(
            codes(DigitalLink::parse("https://a/sscc/106141412345678908", &o)),
            "(00)106141412345678908"
        );
        // Errors point at the segment, and alphas are path-only.
        let bad = "https://a/gtin/09521234543214";
        let e = DigitalLink::parse(bad, &o).unwrap_err();
        assert_eq!(&bad[e.first().unwrap().span.clone()], "4");
        assert_eq!(
            codes(DigitalLink::parse(
                "https://a/01/09521234543213?exp=261231",
                &o
            )),
            "(01)09521234543213"
        );
        // Neither an unknown alpha nor one of the wrong length is an AI.
        assert_eq!(
            codes(DigitalLink::parse("https://a/gtins/09521234543213", &o)),
            "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO"
        );
    }

    #[test]
    fn query_order_is_a_choice() {
        let o = Options::default();
        let es =
            ElementString::parse("(01)09521234543213(99)X(17)261231(10)L(3103)000500", &o).unwrap();
        assert_eq!(
            es.to_digital_link(CANONICAL_STEM).unwrap(),
            "https://id.gs1.org/01/09521234543213/10/L?17=261231&3103=000500&99=X"
        );
        assert_eq!(
            es.to_digital_link_ordered(CANONICAL_STEM, &o, QueryOrder::ElementString)
                .unwrap(),
            "https://id.gs1.org/01/09521234543213/10/L?99=X&17=261231&3103=000500"
        );
    }

    #[test]
    fn stems_are_checked() {
        let o = Options::default();
        let es = ElementString::parse("(01)09521234543213", &o).unwrap();
        for stem in [
            "https://a",
            "https://a/",
            "HTTP://a.b:8080/x/y",
            "http://id.gs1.org/",
        ] {
            let uri = es.to_digital_link(stem).unwrap();
            assert_eq!(
                uri,
                format!("{}/01/09521234543213", stem.trim_end_matches('/'))
            );
            let d = DigitalLink::parse(&uri, &o).unwrap();
            assert_eq!(d.stem(), stem.trim_end_matches('/'));
        }
        for (stem, code, bad) in [
            ("ftp://a", "URI_CONTAINS_ILLEGAL_SCHEME", "ftp://"),
            ("id.gs1.org", "URI_CONTAINS_ILLEGAL_SCHEME", "id.gs1.org"),
            ("", "URI_CONTAINS_ILLEGAL_SCHEME", ""),
            ("https://", "URI_MISSING_DOMAIN_AND_PATH_INFO", "https://"),
            (
                "https:///x",
                "URI_MISSING_DOMAIN_AND_PATH_INFO",
                "https:///x",
            ),
            ("https://a?x=1", "URI_CONTAINS_ILLEGAL_CHARACTERS", "?"),
            ("https://a/b#c", "URI_CONTAINS_ILLEGAL_CHARACTERS", "#"),
            ("https://a b", "URI_CONTAINS_ILLEGAL_CHARACTERS", " "),
            ("https://é", "URI_CONTAINS_ILLEGAL_CHARACTERS", "é"),
            ("https://a_b/x", "DOMAIN_CONTAINS_ILLEGAL_CHARACTERS", "_"),
        ] {
            let e = es.to_digital_link(stem).unwrap_err();
            assert_eq!(e.kind.code(), code, "{stem:?}");
            assert_eq!(&stem[e.span.clone()], bad, "{stem:?}");
        }
    }

    #[test]
    fn zero_suppressed_gtin() {
        let o = Options::default().permit_zero_suppressed_gtin(true);
        let d = DigitalLink::parse("https://a/01/9521234543213", &o).unwrap();
        assert_eq!(d.primary_key().value(), "09521234543213");
        let e = DigitalLink::parse("https://a/01/9521234543214", &o).unwrap_err();
        let s = e.first().unwrap().span.clone();
        assert_eq!(&"https://a/01/9521234543214"[s], "4");
    }
}
