//! Conversion between EPCs and GS1 keys in element strings (and so Digital
//! Link URIs). Going from a key to an EPC needs the length of its GS1
//! Company Prefix: given, or looked up in a [`GcpLengthTable`].

use super::error::{EpcError, EpcErrorKind};
use super::field::Field;
use super::gcp::GcpLengthTable;
use super::id::{Epc, EpcPattern, Lgtin, MAX_PARTS};
use super::scheme::Scheme;
use crate::ai::Ai;
use crate::check_digit;
use crate::element::{ElementString, Options, OwnedElementString};

/// Where the GS1 Company Prefix length of a key comes from.
#[derive(Clone, Copy, Debug)]
pub enum CompanyPrefix<'a> {
    /// A known length (6–12).
    Length(u8),
    /// Looked up by longest prefix in GS1's list.
    Table(&'a GcpLengthTable),
}

impl CompanyPrefix<'_> {
    /// The company prefix length of a key whose prefix starts at `digits`.
    fn length(&self, digits: &[u8]) -> Result<usize, EpcError> {
        let n = match self {
            CompanyPrefix::Length(n) => Some(*n),
            CompanyPrefix::Table(t) => t.gcp_length(digits),
        };
        match n {
            Some(n @ 6..=12) => Ok(usize::from(n)),
            Some(_) => Err(EpcError::new(EpcErrorKind::BadCompanyPrefix)),
            None => Err(EpcError::new(EpcErrorKind::UnknownCompanyPrefixLength)),
        }
    }
}

/// `body` followed by its mod-10 check digit.
fn with_check_digit(body: &str) -> Result<String, EpcError> {
    let cd = check_digit::mod10(body.as_bytes())
        .ok_or(EpcError::new(EpcErrorKind::InvalidKey(body.to_owned())))?;
    let mut s = String::with_capacity(body.len() + 1);
    s.push_str(body);
    s.push(char::from(cd));
    Ok(s)
}

fn build(pairs: Vec<(&str, String)>) -> Result<OwnedElementString, EpcError> {
    let pairs = pairs
        .into_iter()
        .map(|(a, v)| {
            a.parse::<Ai>()
                .map(|a| (a, v))
                .map_err(|e| EpcError::new(EpcErrorKind::InvalidKey(e.to_string())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    ElementString::from_pairs(pairs, &Options::default().check_requisites(false))
        .map_err(|e| EpcError::new(EpcErrorKind::InvalidKey(e.to_string())))
}

/// GTIN-14 from company prefix and indicator + item reference.
fn gtin(gcp: &Field, item: &Field) -> Result<String, EpcError> {
    let item = item.as_str();
    let body = format!(
        "{}{}{}",
        &item[..1.min(item.len())],
        gcp,
        item.get(1..).unwrap_or("")
    );
    with_check_digit(&body)
}

impl Epc {
    /// The GS1 element string of the key this EPC carries, e.g.
    /// `(01)…(21)…` for an SGTIN. EPCs of non-GS1 schemes (GID, USDOD, ADI,
    /// BIC, IMOVN) have none.
    ///
    /// ```
    /// use serialkit_gs1::epc::Epc;
    /// let epc: Epc = "urn:epc:id:sscc:0614141.1234567890".parse()?;
    /// assert_eq!(epc.to_element_string()?.to_string(), "(00)106141412345678908");
    /// # Ok::<(), serialkit_gs1::epc::EpcError>(())
    /// ```
    pub fn to_element_string(&self) -> Result<OwnedElementString, EpcError> {
        let p = self.parts();
        let s = |i: usize| p[i].as_str().to_owned();
        let key12 = |i: usize| with_check_digit(&format!("{}{}", p[0], p[i]));
        let pairs = match self.scheme() {
            Scheme::Sgtin => vec![("01", gtin(&p[0], &p[1])?), ("21", s(2))],
            Scheme::Upui => vec![("01", gtin(&p[0], &p[1])?), ("235", s(2))],
            Scheme::Sscc | Scheme::Gsrn | Scheme::Gsrnp => {
                let key = if self.scheme() == Scheme::Sscc {
                    gtin(&p[0], &p[1])?
                } else {
                    with_check_digit(&format!("{}{}", p[0], p[1]))?
                };
                let a = match self.scheme() {
                    Scheme::Sscc => "00",
                    Scheme::Gsrn => "8018",
                    _ => "8017",
                };
                vec![(a, key)]
            }
            Scheme::Sgln => {
                let mut v = vec![("414", key12(1)?)];
                // Extension "0" is the GLN itself, without extension.
                if p[2].as_str() != "0" {
                    v.push(("254", s(2)));
                }
                v
            }
            Scheme::Pgln => vec![("417", key12(1)?)],
            Scheme::Grai => vec![("8003", format!("0{}{}", key12(1)?, p[2]))],
            Scheme::Gdti => vec![("253", format!("{}{}", key12(1)?, p[2]))],
            Scheme::Sgcn => vec![("255", format!("{}{}", key12(1)?, p[2]))],
            Scheme::Giai => vec![("8004", format!("{}{}", p[0], p[1]))],
            Scheme::Ginc => vec![("401", format!("{}{}", p[0], p[1]))],
            Scheme::Gsin => vec![("402", with_check_digit(&format!("{}{}", p[0], p[1]))?)],
            Scheme::Cpi => vec![("8010", format!("{}{}", p[0], p[1])), ("8011", s(2))],
            Scheme::Itip => vec![
                ("8006", format!("{}{}{}", gtin(&p[0], &p[1])?, p[2], p[3])),
                ("21", s(4)),
            ],
            _ => return Err(EpcError::new(EpcErrorKind::NoEpcForKey)),
        };
        build(pairs)
    }

    /// The EPC of the first key in `es` that has one: (01)+(21) SGTIN,
    /// (01)+(235) UPUI, (00) SSCC, (414) SGLN (with (254) as extension, else
    /// `0`), (8003) GRAI (with serial), (8004) GIAI, (8018) GSRN, (8017)
    /// GSRNP, (253) GDTI (with serial), (8010)+(8011) CPI, (255) SGCN (with
    /// serial), (401) GINC, (402) GSIN, (8006)+(21) ITIP, (417) PGLN.
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options, epc::{CompanyPrefix, Epc}};
    /// let es = ElementString::parse("(01)80614141123458(21)6789", &Options::default())?;
    /// let epc = Epc::from_element_string(&es, CompanyPrefix::Length(7))?;
    /// assert_eq!(epc.to_string(), "urn:epc:id:sgtin:0614141.812345.6789");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_element_string(
        es: &ElementString<'_>,
        gcp: CompanyPrefix<'_>,
    ) -> Result<Epc, EpcError> {
        for e in es.elements() {
            let v = e.value();
            let d = v.as_bytes();
            let r = match e.ai().as_str() {
                "01" => {
                    if let Some(serial) = es.get("21") {
                        Some(split_gtin(Scheme::Sgtin, v, gcp, &[serial]))
                    } else {
                        es.get("235")
                            .map(|tpx| split_gtin(Scheme::Upui, v, gcp, &[tpx]))
                    }
                }
                "00" => Some(split_from(Scheme::Sscc, v, 1, 17, gcp, &[], true)),
                "414" => {
                    let ext = es.get("254").unwrap_or("0");
                    Some(split_from(Scheme::Sgln, v, 0, 12, gcp, &[ext], false))
                }
                "417" => Some(split_from(Scheme::Pgln, v, 0, 12, gcp, &[], false)),
                "8003" if d.len() > 14 => Some(split_from(
                    Scheme::Grai,
                    &v[..14],
                    1,
                    13,
                    gcp,
                    &[&v[14..]],
                    false,
                )),
                "253" if d.len() > 13 => Some(split_from(
                    Scheme::Gdti,
                    &v[..13],
                    0,
                    12,
                    gcp,
                    &[&v[13..]],
                    false,
                )),
                "255" if d.len() > 13 => Some(split_from(
                    Scheme::Sgcn,
                    &v[..13],
                    0,
                    12,
                    gcp,
                    &[&v[13..]],
                    false,
                )),
                "8018" => Some(split_from(Scheme::Gsrn, v, 0, 17, gcp, &[], false)),
                "8017" => Some(split_from(Scheme::Gsrnp, v, 0, 17, gcp, &[], false)),
                "402" => Some(split_from(Scheme::Gsin, v, 0, 16, gcp, &[], false)),
                "8004" => Some(split_text(Scheme::Giai, v, gcp, &[])),
                "401" => Some(split_text(Scheme::Ginc, v, gcp, &[])),
                "8010" => es
                    .get("8011")
                    .map(|serial| split_text(Scheme::Cpi, v, gcp, &[serial])),
                "8006" => es.get("21").map(|serial| {
                    let g = &v[..14.min(v.len())];
                    let (piece, total) = (v.get(14..16).unwrap_or(""), v.get(16..18).unwrap_or(""));
                    split_gtin(Scheme::Itip, g, gcp, &[piece, total, serial])
                }),
                _ => None,
            };
            if let Some(r) = r {
                return r;
            }
        }
        Err(EpcError::new(EpcErrorKind::NoEpcForKey))
    }
}

/// Splits a 14-digit GTIN into company prefix and indicator + item
/// reference, then appends `rest`.
fn split_gtin(
    scheme: Scheme,
    gtin: &str,
    gcp: CompanyPrefix<'_>,
    rest: &[&str],
) -> Result<Epc, EpcError> {
    split_from(scheme, gtin, 1, 13, gcp, rest, true)
}

/// Splits a numeric key whose company prefix starts at `start`: prefix,
/// then (the digit before `start`, when `lead` is set, and) the digits up to
/// `end` (the check digit excluded).
fn split_from(
    scheme: Scheme,
    key: &str,
    start: usize,
    end: usize,
    gcp: CompanyPrefix<'_>,
    rest: &[&str],
    lead: bool,
) -> Result<Epc, EpcError> {
    let bad = || EpcError::new(EpcErrorKind::InvalidKey(key.to_owned()));
    if key.len() < end || !key.is_char_boundary(start) {
        return Err(bad());
    }
    let l = gcp.length(&key.as_bytes()[start..])?;
    if start + l > end {
        return Err(EpcError::new(EpcErrorKind::BadCompanyPrefix));
    }
    let prefix = &key[start..start + l];
    let after = &key[start + l..end];
    // The reference with its leading digit, on the stack (keys are short).
    let mut buf = [0u8; 32];
    let reference = if lead {
        let (lead, n) = (&key[..start], start + after.len());
        let to = buf.get_mut(..n).ok_or_else(bad)?;
        to[..start].copy_from_slice(lead.as_bytes());
        to[start..].copy_from_slice(after.as_bytes());
        core::str::from_utf8(to).map_err(|_| bad())?
    } else {
        after
    };
    new_epc(scheme, prefix, reference, rest)
}

/// [`Epc::new`] of two leading components and `rest`, gathered on the stack.
fn new_epc(scheme: Scheme, first: &str, second: &str, rest: &[&str]) -> Result<Epc, EpcError> {
    let mut parts = [""; MAX_PARTS];
    let n = 2 + rest.len();
    if n > MAX_PARTS {
        // More than any scheme has: Epc::new names the extra one.
        let mut parts = vec![first, second];
        parts.extend_from_slice(rest);
        return Epc::new(scheme, &parts);
    }
    parts[0] = first;
    parts[1] = second;
    parts[2..n].copy_from_slice(rest);
    Epc::new(scheme, &parts[..n])
}

/// Splits an alphanumeric key (GIAI, GINC, CPI) after its company prefix.
fn split_text(
    scheme: Scheme,
    key: &str,
    gcp: CompanyPrefix<'_>,
    rest: &[&str],
) -> Result<Epc, EpcError> {
    let l = gcp.length(key.as_bytes())?;
    if key.len() <= l || !key.is_char_boundary(l) {
        return Err(EpcError::new(EpcErrorKind::InvalidKey(key.to_owned())));
    }
    new_epc(scheme, &key[..l], &key[l..], rest)
}

impl EpcPattern {
    /// The GS1 key a class-level pattern names, when the pattern gives
    /// everything but the serial: `urn:epc:idpat:sgtin:4012345.012345.*`
    /// is the GTIN `(01)04012345123456`; likewise GRAI, GDTI and SGCN
    /// patterns without serial (the keys without their serial component).
    pub fn to_element_string(&self) -> Result<OwnedElementString, EpcError> {
        let g = self.given();
        let key12 = || with_check_digit(&format!("{}{}", g[0], g[1]));
        let pair = match (self.scheme(), g.len()) {
            (Scheme::Sgtin, 2) => ("01", gtin(&g[0], &g[1])?),
            (Scheme::Grai, 2) => ("8003", format!("0{}", key12()?)),
            (Scheme::Gdti, 2) => ("253", key12()?),
            (Scheme::Sgcn, 2) => ("255", key12()?),
            _ => return Err(EpcError::new(EpcErrorKind::NoEpcForKey)),
        };
        build(vec![pair])
    }
}

impl Lgtin {
    /// `(01)…(10)…`.
    pub fn to_element_string(&self) -> Result<OwnedElementString, EpcError> {
        let s = self.as_sgtin();
        build(vec![
            ("01", gtin(&s.parts()[0], &s.parts()[1])?),
            ("10", self.lot().to_owned()),
        ])
    }

    /// The class of the (01) and (10) in `es`.
    pub fn from_element_string(
        es: &ElementString<'_>,
        gcp: CompanyPrefix<'_>,
    ) -> Result<Lgtin, EpcError> {
        let (Some(g), Some(lot)) = (es.get("01"), es.get("10")) else {
            return Err(EpcError::new(EpcErrorKind::NoEpcForKey));
        };
        let e = split_gtin(Scheme::Sgtin, g, gcp, &[lot])?;
        Lgtin::new(
            e.parts()[0].as_str(),
            e.parts()[1].as_str(),
            e.parts()[2].as_str(),
        )
    }
}
