//! Identifiers carried by events: EPCs (the *what*) and general URIs (the
//! *where*, *why* and references).
//!
//! EPC values keep their original text (documents are written back as
//! read): a pure identity URN (`urn:epc:id:…`), an EPC class URN
//! (`urn:epc:class:…`), an ID pattern (`urn:epc:idpat:…`), a GS1 Digital
//! Link URI, or any other URI. Where the value is a GS1 key, `serialkit-gs1`
//! reads it: [`Epc::to_gs1`], [`Epc::to_lgtin`], [`Epc::to_pattern`] and
//! [`Epc::to_gs1_digital_link`] give its Tag Data Standard or Digital Link
//! form, [`Epc::to_element_string`] its GS1 element string, and
//! [`Epc::to_digital_link`] / [`Epc::to_urn`] convert between the URN and
//! the Digital Link spelling. The other way, `serialkit-gs1` identifiers
//! become EPCs and URIs through `From` ([`IntoEpc`], [`IntoUri`] for the
//! builders).
//!
//! ```
//! use serialkit_epcis::Epc;
//! use serialkit_gs1::epc::CompanyPrefix;
//! let e: Epc = "urn:epc:id:sgtin:0614141.107346.2018".parse().unwrap();
//! let sgtin = e.to_gs1().unwrap();
//! assert_eq!(sgtin.parts()[2].as_str(), "2018");
//! let dl = e.to_digital_link().unwrap();
//! assert_eq!(dl.as_str(), "https://id.gs1.org/01/10614141073464/21/2018");
//! assert_eq!(dl.to_urn(CompanyPrefix::Length(7)), Some(e.clone()));
//! assert_eq!(Epc::from(sgtin), e);
//! ```

use serialkit_gs1::dl::CANONICAL_STEM;
use serialkit_gs1::epc::{CompanyPrefix, EpcPattern, Lgtin};
use serialkit_gs1::{DigitalLink, Gln, Gtin, Options, OwnedDigitalLink, OwnedElementString, Sscc};
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

/// Whether any byte is a space, a C0 control or DEL. Every value read is
/// checked and almost all pass: blocks of 16 bytes are folded without an
/// early exit, which compiles to vector compares.
fn has_space_or_control(bytes: &[u8]) -> bool {
    let bad = |b: u8| (b <= b' ') | (b == 0x7f);
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |acc, &b| acc | bad(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| bad(b))
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
    if has_space_or_control(bytes) {
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

impl Epc {
    /// The EPC pure identity of a `urn:epc:id:` URN, read by
    /// `serialkit-gs1` (every Tag Data Standard scheme); `None` for other
    /// spellings or an invalid URN.
    pub fn to_gs1(&self) -> Option<serialkit_gs1::epc::Epc> {
        match self.kind() {
            EpcKind::PureIdentity => self.0.parse().ok(),
            _ => None,
        }
    }

    /// The class of a `urn:epc:class:lgtin:` URN (a GTIN with a lot).
    pub fn to_lgtin(&self) -> Option<Lgtin> {
        match self.kind() {
            EpcKind::Class => self.0.parse().ok(),
            _ => None,
        }
    }

    /// The ID pattern of a `urn:epc:idpat:` URN.
    pub fn to_pattern(&self) -> Option<EpcPattern> {
        match self.kind() {
            EpcKind::IdPattern => self.0.parse().ok(),
            _ => None,
        }
    }

    /// The GS1 Digital Link of an `http(s)` value, read by `serialkit-gs1`
    /// (GTIN-8/12/13 accepted and padded, `req=` rules not applied: an EPC
    /// names a key, not a complete product label).
    pub fn to_gs1_digital_link(&self) -> Option<OwnedDigitalLink> {
        if self.kind() != EpcKind::DigitalLink {
            return None;
        }
        let options = Options::default()
            .check_requisites(false)
            .permit_zero_suppressed_gtin(true);
        DigitalLink::parse(&self.0, &options)
            .ok()
            .map(DigitalLink::into_owned)
    }

    /// The GS1 key (and qualifiers) as an element string, e.g.
    /// `(01)10614141073464(21)2018`: from a pure identity, an `lgtin`
    /// class, an ID pattern naming a class, or a Digital Link.
    pub fn to_element_string(&self) -> Option<OwnedElementString> {
        match self.kind() {
            EpcKind::PureIdentity => self.to_gs1()?.to_element_string().ok(),
            EpcKind::Class => self.to_lgtin()?.to_element_string().ok(),
            EpcKind::IdPattern => self.to_pattern()?.to_element_string().ok(),
            EpcKind::DigitalLink => Some(self.to_gs1_digital_link()?.into_element_string()),
            _ => None,
        }
    }

    /// The same identifier as a canonical GS1 Digital Link URI
    /// (`https://id.gs1.org/…`, the key's AIs in their canonical order).
    /// A Digital Link on another domain is moved to `id.gs1.org`.
    pub fn to_digital_link(&self) -> Option<Epc> {
        let uri = self
            .to_element_string()?
            .to_digital_link(CANONICAL_STEM)
            .ok()?;
        Epc::new(uri).ok()
    }

    /// The same identifier as an EPC URN: a Digital Link of a serialised
    /// key becomes its pure identity, a GTIN with a lot (and no serial) its
    /// `lgtin` class. The GS1 Company Prefix length, which a Digital Link
    /// does not carry, comes from `gcp`. A URN is returned as it is.
    pub fn to_urn(&self, gcp: CompanyPrefix<'_>) -> Option<Epc> {
        match self.kind() {
            EpcKind::PureIdentity | EpcKind::Class | EpcKind::IdPattern => Some(self.clone()),
            EpcKind::DigitalLink => {
                let es = self.to_element_string()?;
                if es.get("10").is_some() && es.get("21").is_none() {
                    return Some(Lgtin::from_element_string(&es, gcp).ok()?.into());
                }
                Some(
                    serialkit_gs1::epc::Epc::from_element_string(&es, gcp)
                        .ok()?
                        .into(),
                )
            }
            _ => None,
        }
    }
}

/// The pure identity URN.
impl From<serialkit_gs1::epc::Epc> for Epc {
    fn from(e: serialkit_gs1::epc::Epc) -> Self {
        Epc(e.to_uri())
    }
}

/// The pure identity URN.
impl From<&serialkit_gs1::epc::Epc> for Epc {
    fn from(e: &serialkit_gs1::epc::Epc) -> Self {
        Epc(e.to_uri())
    }
}

/// The `urn:epc:class:lgtin:` URN.
impl From<Lgtin> for Epc {
    fn from(c: Lgtin) -> Self {
        Epc(c.to_string())
    }
}

/// The `urn:epc:idpat:` URN.
impl From<EpcPattern> for Epc {
    fn from(p: EpcPattern) -> Self {
        Epc(p.to_string())
    }
}

/// The Digital Link as given.
impl From<OwnedDigitalLink> for Epc {
    fn from(dl: OwnedDigitalLink) -> Self {
        Epc(dl.as_str().to_owned())
    }
}

/// An SSCC as its canonical Digital Link (`https://id.gs1.org/00/…`): an
/// SSCC without its company prefix length has no EPC URN.
impl From<Sscc> for Epc {
    fn from(s: Sscc) -> Self {
        Epc(format!("{CANONICAL_STEM}/00/{s}"))
    }
}

/// A GTIN (a class of trade items, e.g. for a quantity) as its canonical
/// Digital Link (`https://id.gs1.org/01/…`).
impl From<Gtin> for Epc {
    fn from(g: Gtin) -> Self {
        Epc(format!("{CANONICAL_STEM}/01/{g}"))
    }
}

/// An EPC URN (an `sgln` read point, a `pgln` party) as a URI.
impl From<serialkit_gs1::epc::Epc> for Uri {
    fn from(e: serialkit_gs1::epc::Epc) -> Self {
        Uri(e.to_uri())
    }
}

/// A GLN (a location or party) as its canonical Digital Link
/// (`https://id.gs1.org/414/…`).
impl From<Gln> for Uri {
    fn from(g: Gln) -> Self {
        Uri(format!("{CANONICAL_STEM}/414/{g}"))
    }
}

impl From<Epc> for Uri {
    fn from(e: Epc) -> Self {
        Uri(e.0)
    }
}

/// What a builder takes as an EPC: text (checked to be a URI) or a
/// `serialkit-gs1` identifier.
pub trait IntoEpc {
    /// The EPC.
    fn into_epc(self) -> Result<Epc, UriError>;
}

impl IntoEpc for &str {
    fn into_epc(self) -> Result<Epc, UriError> {
        Epc::new(self)
    }
}

impl IntoEpc for &String {
    fn into_epc(self) -> Result<Epc, UriError> {
        Epc::new(self.as_str())
    }
}

impl IntoEpc for String {
    fn into_epc(self) -> Result<Epc, UriError> {
        Epc::new(self)
    }
}

impl IntoEpc for &Epc {
    fn into_epc(self) -> Result<Epc, UriError> {
        Ok(self.clone())
    }
}

macro_rules! into_epc_from {
    ($($t:ty),*) => {$(
        impl IntoEpc for $t {
            fn into_epc(self) -> Result<Epc, UriError> {
                Ok(Epc::from(self))
            }
        }
    )*};
}

into_epc_from!(
    Epc,
    serialkit_gs1::epc::Epc,
    &serialkit_gs1::epc::Epc,
    Lgtin,
    EpcPattern,
    OwnedDigitalLink,
    Sscc,
    Gtin
);

/// What a builder takes as a URI (a location, a party, a transaction):
/// text (checked) or a `serialkit-gs1` identifier.
pub trait IntoUri {
    /// The URI.
    fn into_uri(self) -> Result<Uri, UriError>;
}

impl IntoUri for &str {
    fn into_uri(self) -> Result<Uri, UriError> {
        Uri::new(self)
    }
}

impl IntoUri for &String {
    fn into_uri(self) -> Result<Uri, UriError> {
        Uri::new(self.as_str())
    }
}

impl IntoUri for String {
    fn into_uri(self) -> Result<Uri, UriError> {
        Uri::new(self)
    }
}

impl IntoUri for Uri {
    fn into_uri(self) -> Result<Uri, UriError> {
        Ok(self)
    }
}

impl IntoUri for &Uri {
    fn into_uri(self) -> Result<Uri, UriError> {
        Ok(self.clone())
    }
}

impl IntoUri for serialkit_gs1::epc::Epc {
    fn into_uri(self) -> Result<Uri, UriError> {
        Ok(Uri::from(self))
    }
}

impl IntoUri for Gln {
    fn into_uri(self) -> Result<Uri, UriError> {
        Ok(Uri::from(self))
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

    #[test]
    fn space_or_control_found_anywhere() {
        // Every position in blocks and the remainder, every byte value:
        // the same answer as looking at each byte.
        for len in [0usize, 1, 15, 16, 17, 33, 40] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    v[at] = b;
                    let want = v.iter().any(|&c| c <= b' ' || c == 0x7f);
                    assert_eq!(has_space_or_control(&v), want, "{len} {at} {b}");
                }
            }
        }
    }

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
