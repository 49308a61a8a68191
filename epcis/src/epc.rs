//! Identifiers carried by events: EPCs (the *what*) and general URIs (the
//! *where*, *why* and references).
//!
//! EPC values stay typed URIs that keep their original text: a pure identity
//! URN (`urn:epc:id:…`), an EPC class URN (`urn:epc:class:…`), an ID pattern
//! (`urn:epc:idpat:…`), a GS1 Digital Link URI, or any other URI. Decoding an
//! EPC into GS1 keys (Tag Data Standard) belongs to `serialkit-gs1`; this
//! module only classifies the spelling and leaves that seam open through
//! [`Epc::kind`] and [`Epc::scheme`].

use std::fmt;
use std::str::FromStr;

/// Why a text is not a URI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    /// The text is empty (after trimming surrounding whitespace).
    #[error("empty URI")]
    Empty,
    /// The text has no `scheme:` prefix.
    #[error("`{0}` has no URI scheme")]
    NoScheme(String),
    /// The text contains whitespace or a control character.
    #[error("`{0}` contains whitespace or a control character")]
    BadCharacter(String),
}

fn check_uri(text: &str) -> Result<(), UriError> {
    if text.is_empty() {
        return Err(UriError::Empty);
    }
    let bytes = text.as_bytes();
    let colon = bytes.iter().position(|&b| b == b':');
    let scheme_ok = match colon {
        Some(0) | None => false,
        Some(i) => {
            bytes[0].is_ascii_alphabetic()
                && bytes[1..i]
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
        }
    };
    if !scheme_ok {
        return Err(UriError::NoScheme(text.to_owned()));
    }
    if bytes.iter().any(|&b| b <= b' ' || b == 0x7f) {
        return Err(UriError::BadCharacter(text.to_owned()));
    }
    Ok(())
}

/// A URI as written in the document (absolute, with a scheme, no whitespace).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uri(String);

impl Uri {
    /// Checks `text` (already trimmed) and keeps it as is.
    pub fn new(text: impl Into<String>) -> Result<Self, UriError> {
        let text = text.into();
        check_uri(&text)?;
        Ok(Uri(text))
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The scheme, e.g. `urn`, `https`, `geo`.
    pub fn scheme(&self) -> &str {
        self.0.split(':').next().unwrap_or_default()
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl FromStr for Uri {
    type Err = UriError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uri::new(s)
    }
}

/// How an [`Epc`] is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EpcKind {
    /// `urn:epc:id:<scheme>:…`, a pure identity EPC URI.
    PureIdentity,
    /// `urn:epc:class:<scheme>:…`, an EPC class URI (e.g. `lgtin`).
    Class,
    /// `urn:epc:idpat:<scheme>:…`, an EPC ID pattern URI.
    IdPattern,
    /// `urn:epc:tag:…` or `urn:epc:raw:…`, tag-level URIs.
    Tag,
    /// A GS1 Digital Link URI (`https://<domain>/01/…`, `/00/…`, …).
    DigitalLink,
    /// Any other URI (private identifier schemes, `urn:uuid:`, …).
    Other,
}

/// The primary-key path segments a GS1 Digital Link URI may start with.
const DL_PRIMARY_KEYS: &[&str] = &[
    "01", "00", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8013",
    "8017", "8018", "gtin", "sscc", "gdti", "gcn", "ginc", "gsin", "gln", "party", "grai", "giai",
    "itip", "cpid", "gmn", "gsrnp", "gsrn",
];

/// An EPC (or EPC class) URI, keeping its original text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Epc(String);

impl Epc {
    /// Checks that `text` is a URI and keeps it as is.
    pub fn new(text: impl Into<String>) -> Result<Self, UriError> {
        let text = text.into();
        check_uri(&text)?;
        Ok(Epc(text))
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Which URI family the value belongs to.
    pub fn kind(&self) -> EpcKind {
        let s = self.0.as_str();
        if let Some(rest) = s.strip_prefix("urn:epc:") {
            if rest.starts_with("id:") {
                EpcKind::PureIdentity
            } else if rest.starts_with("class:") {
                EpcKind::Class
            } else if rest.starts_with("idpat:") {
                EpcKind::IdPattern
            } else if rest.starts_with("tag:") || rest.starts_with("raw:") {
                EpcKind::Tag
            } else {
                EpcKind::Other
            }
        } else if is_digital_link(s) {
            EpcKind::DigitalLink
        } else {
            EpcKind::Other
        }
    }

    /// The EPC scheme of a URN (`sgtin`, `sscc`, `lgtin`, …), or the primary
    /// key segment of a Digital Link (`01`, `00`, `414`, …).
    pub fn scheme(&self) -> Option<&str> {
        let s = self.0.as_str();
        match self.kind() {
            EpcKind::PureIdentity | EpcKind::Class | EpcKind::IdPattern | EpcKind::Tag => {
                s.split(':').nth(3)
            }
            EpcKind::DigitalLink => dl_primary_segment(s),
            EpcKind::Other => None,
        }
    }
}

fn dl_path(s: &str) -> Option<&str> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let slash = rest.find('/')?;
    Some(&rest[slash..])
}

fn dl_primary_segment(s: &str) -> Option<&str> {
    let path = dl_path(s)?;
    let mut segments = path.split('/').filter(|seg| !seg.is_empty());
    // A Digital Link may have a path prefix before the primary key; the key
    // is the first segment from the known list followed by a value.
    loop {
        let seg = segments.next()?;
        let seg = seg.split(['?', '#']).next().unwrap_or(seg);
        if DL_PRIMARY_KEYS.contains(&seg) {
            return segments.next().map(|_| seg);
        }
    }
}

/// Whether `s` looks like a GS1 Digital Link URI (http(s) with a GS1
/// primary key path segment followed by a value).
pub fn is_digital_link(s: &str) -> bool {
    dl_primary_segment(s).is_some()
}

impl fmt::Display for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl FromStr for Epc {
    type Err = UriError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Epc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_schemes() {
        let e: Epc = "urn:epc:id:sgtin:0614141.107346.2018".parse().unwrap();
        assert_eq!(e.kind(), EpcKind::PureIdentity);
        assert_eq!(e.scheme(), Some("sgtin"));
        let c: Epc = "urn:epc:class:lgtin:4012345.012345.998877".parse().unwrap();
        assert_eq!((c.kind(), c.scheme()), (EpcKind::Class, Some("lgtin")));
        let d: Epc = "https://id.gs1.org/01/09521234543213/21/ABC"
            .parse()
            .unwrap();
        assert_eq!((d.kind(), d.scheme()), (EpcKind::DigitalLink, Some("01")));
        let p: Epc = "https://example.com/path/00/106141412345678908"
            .parse()
            .unwrap();
        assert_eq!(p.kind(), EpcKind::DigitalLink);
        assert!(Epc::new("not a uri").is_err());
        assert!(Epc::new("").is_err());
        assert_eq!(Epc::new("urn:uuid:1").unwrap().kind(), EpcKind::Other);
    }
}
