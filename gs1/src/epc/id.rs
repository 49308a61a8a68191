//! EPC pure identities (`urn:epc:id:…`), the EPC class of a batch
//! (`urn:epc:class:lgtin:…`) and EPC ID patterns (`urn:epc:idpat:…`).

use core::fmt;
use core::str::FromStr;

use super::error::{EpcError, EpcErrorKind};
use super::field::{Charset, Field, parse_component, uri_string, write_escaped};
use super::scheme::{Kind, Scheme};

/// The most components any scheme has (ITIP).
pub(crate) const MAX_PARTS: usize = 5;

/// An EPC pure identity: a scheme and its components (unescaped).
///
/// ```
/// use serialkit_gs1::epc::Epc;
/// let epc: Epc = "urn:epc:id:sgtin:0614141.712345.32a%2Fb".parse()?;
/// assert_eq!(epc.parts()[2].as_str(), "32a/b");
/// assert_eq!(epc.to_string(), "urn:epc:id:sgtin:0614141.712345.32a%2Fb");
/// # Ok::<(), serialkit_gs1::epc::EpcError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Epc {
    scheme: Scheme,
    parts: [Field; MAX_PARTS],
    n: u8,
}

/// How a component is checked: [`check`] or [`check_shape`].
type Check = fn(Kind, &Field, usize, &'static str) -> Result<(), EpcError>;

/// The characters a component of `kind` may hold.
fn charset(kind: Kind) -> Charset {
    match kind {
        Kind::Gcp | Kind::RefDigits(_) | Kind::Digits(_) | Kind::Integer => Charset::Digits,
        Kind::Text(cs, ..) | Kind::TextAfterGcp(cs, ..) => cs,
    }
}

/// Checks one component value against its kind; `gcp` is the company
/// prefix length where the scheme has one.
fn check(kind: Kind, f: &Field, gcp: usize, name: &'static str) -> Result<(), EpcError> {
    check_shape(kind, f, gcp, name)?;
    let cs = charset(kind);
    if f.as_bytes().iter().all(|&b| cs.allows(b)) {
        Ok(())
    } else {
        Err(EpcError::new(EpcErrorKind::BadCharacter { field: name }))
    }
}

/// [`check`] but for the characters: the length of the component and the
/// leading zero of an integer.
fn check_shape(kind: Kind, f: &Field, gcp: usize, name: &'static str) -> Result<(), EpcError> {
    let bad = || EpcError::new(EpcErrorKind::BadComponent { field: name });
    let ok = match kind {
        Kind::Gcp => {
            if !(6..=12).contains(&f.len()) {
                return Err(EpcError::new(EpcErrorKind::BadCompanyPrefix));
            }
            true
        }
        Kind::RefDigits(total) => gcp <= usize::from(total) && f.len() == usize::from(total) - gcp,
        Kind::Digits(n) => f.len() == usize::from(n),
        Kind::Integer => {
            let b = f.as_bytes();
            !(b.is_empty() || b.len() > 20 || (b.len() > 1 && b[0] == b'0'))
        }
        Kind::Text(_, min, max) => (usize::from(min)..=usize::from(max)).contains(&f.len()),
        Kind::TextAfterGcp(_, min, total) => {
            f.len() >= usize::from(min) && f.len() + gcp <= usize::from(total)
        }
    };
    if ok { Ok(()) } else { Err(bad()) }
}

/// ISO 6346 container code: owner code (3 letters), category (`U`, `J`
/// or `Z`), 6 digits and a check digit over the ten before it (letters
/// valued 10–38 skipping multiples of 11, weights 2⁰…2⁹, sum mod 11 mod 10).
fn bic_is_valid(c: &[u8]) -> bool {
    if c.len() != 11
        || !c[..3].iter().all(u8::is_ascii_uppercase)
        || !matches!(c[3], b'U' | b'J' | b'Z')
        || !c[4..].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let value = |b: u8| -> u32 {
        if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            // A=10, then every letter one more, skipping 11, 22 and 33.
            let mut v = 10 + u32::from(b - b'A');
            v += (v - 1) / 10;
            v
        }
    };
    let sum: u32 = c[..10]
        .iter()
        .enumerate()
        .map(|(i, &b)| value(b) << i)
        .sum();
    sum % 11 % 10 == u32::from(c[10] - b'0')
}

/// IMO ship identification number: 7 digits, the last a check digit (the
/// first six weighted 7 down to 2, sum mod 10).
fn imo_is_valid(d: &[u8]) -> bool {
    if d.len() != 7 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d[..6]
        .iter()
        .zip((2..=7).rev())
        .map(|(&b, w)| u32::from(b - b'0') * w)
        .sum();
    sum % 10 == u32::from(d[6] - b'0')
}

impl Epc {
    /// An EPC from its components, unescaped (e.g. `["0614141", "812345",
    /// "6789"]` for an SGTIN), each checked against the scheme.
    pub fn new(scheme: Scheme, parts: &[&str]) -> Result<Epc, EpcError> {
        let comps = scheme.components();
        if parts.len() != comps.len() {
            return Err(EpcError::new(EpcErrorKind::BadComponent {
                field: comps.get(parts.len()).map_or("extra", |c| c.name),
            }));
        }
        let mut epc = Epc {
            scheme,
            parts: [Field::EMPTY; MAX_PARTS],
            n: parts.len() as u8,
        };
        for (i, (p, comp)) in parts.iter().zip(comps).enumerate() {
            epc.parts[i] = Field::from_bytes(p.as_bytes()).ok_or(EpcError::new(
                EpcErrorKind::BadComponent { field: comp.name },
            ))?;
        }
        epc.validate()?;
        Ok(epc)
    }

    /// Replaces the last component by `last` (unescaped), checked as
    /// [`Epc::new`] checks it: the result is that of `Epc::new` with the
    /// other components as they are, without those being checked again. On
    /// error the EPC is left as it was.
    ///
    /// ```
    /// use serialkit_gs1::epc::Epc;
    /// let mut epc: Epc = "urn:epc:id:sgtin:0614141.812345.6789".parse()?;
    /// epc.set_last_part("6790")?;
    /// assert_eq!(epc.to_string(), "urn:epc:id:sgtin:0614141.812345.6790");
    /// assert!(epc.set_last_part("12345678901234567890x").is_err());
    /// # Ok::<(), serialkit_gs1::epc::EpcError>(())
    /// ```
    pub fn set_last_part(&mut self, last: &str) -> Result<(), EpcError> {
        // The EPCs of a list mostly differ only in their serial: checking
        // that one component instead of building the whole EPC again took
        // an SGTIN in the CBV event hash from ~650 to ~220 instructions
        // (callgrind). Each component is checked on its own (against its
        // kind and the company prefix length), so the others stay valid.
        let n = usize::from(self.n);
        if n < 2 {
            // The only component, which BIC and IMO check as a whole.
            *self = Epc::new(self.scheme, &[last])?;
            return Ok(());
        }
        let comp = self.scheme.components()[n - 1];
        let field = Field::from_bytes(last.as_bytes()).ok_or(EpcError::new(
            EpcErrorKind::BadComponent { field: comp.name },
        ))?;
        let gcp = if self.scheme.is_gs1() {
            self.parts[0].len()
        } else {
            0
        };
        check(comp.kind, &field, gcp, comp.name)?;
        self.parts[n - 1] = field;
        Ok(())
    }

    /// An EPC of `scheme` with every component empty, for a decoder to fill
    /// through [`Epc::fields_mut`].
    #[inline]
    pub(crate) fn blank(scheme: Scheme) -> Epc {
        Epc {
            scheme,
            parts: [Field::EMPTY; MAX_PARTS],
            n: scheme.components().len() as u8,
        }
    }

    /// The component slots, for decoders.
    #[inline]
    pub(crate) fn fields_mut(&mut self) -> &mut [Field; MAX_PARTS] {
        &mut self.parts
    }

    /// Whether the components fit the scheme (decoders assert this).
    pub(crate) fn is_valid(&self) -> bool {
        self.validate().is_ok()
    }

    /// Builds from fields a binary decoder read to the scheme's shape.
    #[inline]
    pub(crate) fn from_decoded_fields(scheme: Scheme, fields: &[Field]) -> Epc {
        let mut epc = Epc {
            scheme,
            parts: [Field::EMPTY; MAX_PARTS],
            n: fields.len() as u8,
        };
        epc.parts[..fields.len()].copy_from_slice(fields);
        debug_assert!(epc.validate().is_ok(), "decoder produced {epc:?}");
        epc
    }

    fn validate(&self) -> Result<(), EpcError> {
        self.validate_with(check)
    }

    /// [`Epc::validate`], each component checked by `check`.
    fn validate_with(&self, check: Check) -> Result<(), EpcError> {
        // Codes with check characters of their own standards.
        let checked = match self.scheme {
            Scheme::Bic => bic_is_valid(self.parts[0].as_bytes()),
            Scheme::Imovn => imo_is_valid(self.parts[0].as_bytes()),
            _ => true,
        };
        if !checked {
            let field = self.scheme.components()[0].name;
            return Err(EpcError::new(EpcErrorKind::BadComponent { field }));
        }
        let comps = self.scheme.components();
        if usize::from(self.n) != comps.len() {
            return Err(EpcError::new(EpcErrorKind::BadComponent { field: "count" }));
        }
        let gcp = if self.scheme.is_gs1() {
            self.parts[0].len()
        } else {
            0
        };
        for (f, comp) in self.parts.iter().zip(comps) {
            check(comp.kind, f, gcp, comp.name)?;
        }
        Ok(())
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The components, unescaped.
    pub fn parts(&self) -> &[Field] {
        &self.parts[..usize::from(self.n)]
    }

    /// The GS1 Company Prefix, for schemes that carry a GS1 key.
    pub fn company_prefix(&self) -> Option<&str> {
        self.scheme.is_gs1().then(|| self.parts[0].as_str())
    }

    /// Parses the body after `urn:epc:id:<scheme>:`; `base` is its offset
    /// in the whole input.
    pub(crate) fn parse_body(scheme: Scheme, body: &str, base: usize) -> Result<Epc, EpcError> {
        // Reading a component checks its characters against its kind's set
        // (`parse_component` with `charset`), so validation checks only
        // the shapes: checking the characters again was ~130 of the ~930
        // instructions of parsing an SGLN or SGTIN URN (callgrind).
        Epc::parse_body_with(scheme, body, base, check_shape)
    }

    /// [`Epc::parse_body`], the components read then checked by `check`.
    fn parse_body_with(
        scheme: Scheme,
        body: &str,
        base: usize,
        check: Check,
    ) -> Result<Epc, EpcError> {
        let comps = scheme.components();
        let mut epc = Epc {
            scheme,
            parts: [Field::EMPTY; MAX_PARTS],
            n: comps.len() as u8,
        };
        let mut rest = body;
        let mut at = base;
        for (i, comp) in comps.iter().enumerate() {
            // The last component takes the rest, dots included.
            let (text, next) = if i + 1 == comps.len() {
                (rest, "")
            } else {
                match rest.split_once('.') {
                    Some((t, n)) => (t, n),
                    None => {
                        return Err(EpcError::at(
                            EpcErrorKind::BadComponent { field: comp.name },
                            at + rest.len(),
                        ));
                    }
                }
            };
            let cs = charset(comp.kind);
            epc.parts[i] = parse_component(text, at, cs, 0, super::field::MAX_FIELD, comp.name)?;
            at += text.len() + 1;
            rest = next;
        }
        epc.validate_with(check).map_err(|mut e| {
            e.at = e.at.or(Some(base));
            e
        })?;
        Ok(epc)
    }

    /// Appends the URI body (components, escaped, joined by `.`).
    pub(crate) fn write_body(&self, out: &mut Vec<u8>) {
        for (i, p) in self.parts().iter().enumerate() {
            if i > 0 {
                out.push(b'.');
            }
            write_escaped(out, p);
        }
    }

    /// The pure identity URI, `urn:epc:id:<scheme>:<body>`.
    pub fn to_uri(&self) -> String {
        let mut s = Vec::with_capacity(64);
        s.extend_from_slice(b"urn:epc:id:");
        s.extend_from_slice(self.scheme.name().as_bytes());
        s.push(b':');
        self.write_body(&mut s);
        uri_string(s)
    }
}

impl fmt::Display for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_uri())
    }
}

impl fmt::Debug for Epc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Epc({})", self.to_uri())
    }
}

impl FromStr for Epc {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<Epc, EpcError> {
        let rest = s
            .strip_prefix("urn:epc:id:")
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, 0))?;
        let (name, body) = rest
            .split_once(':')
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, 11))?;
        let scheme: Scheme = name
            .parse()
            .map_err(|_| EpcError::at(EpcErrorKind::UnknownScheme, 11))?;
        Epc::parse_body(scheme, body, 12 + name.len())
    }
}

/// An EPC class: a GTIN with a batch/lot (`urn:epc:class:lgtin:…`).
///
/// ```
/// use serialkit_gs1::epc::Lgtin;
/// let c: Lgtin = "urn:epc:class:lgtin:4012345.012345.998877".parse()?;
/// assert_eq!(c.lot(), "998877");
/// # Ok::<(), serialkit_gs1::epc::EpcError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Lgtin {
    company_prefix: Field,
    item_reference: Field,
    lot: Field,
}

impl Lgtin {
    /// A class from its components (unescaped).
    pub fn new(company_prefix: &str, item_reference: &str, lot: &str) -> Result<Lgtin, EpcError> {
        // Same components as an SGTIN, with the lot where the serial is.
        let e = Epc::new(Scheme::Sgtin, &[company_prefix, item_reference, lot])?;
        Ok(Lgtin {
            company_prefix: e.parts[0],
            item_reference: e.parts[1],
            lot: e.parts[2],
        })
    }

    /// The GS1 Company Prefix.
    pub fn company_prefix(&self) -> &str {
        self.company_prefix.as_str()
    }

    /// Indicator digit and item reference.
    pub fn item_reference(&self) -> &str {
        self.item_reference.as_str()
    }

    /// The batch/lot.
    pub fn lot(&self) -> &str {
        self.lot.as_str()
    }

    /// The SGTIN-shaped EPC with the lot in the serial's place (for key
    /// arithmetic shared with SGTINs).
    pub(crate) fn as_sgtin(&self) -> Epc {
        let mut e = Epc {
            scheme: Scheme::Sgtin,
            parts: [Field::EMPTY; MAX_PARTS],
            n: 3,
        };
        e.parts[0] = self.company_prefix;
        e.parts[1] = self.item_reference;
        e.parts[2] = self.lot;
        e
    }
}

impl fmt::Display for Lgtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = b"urn:epc:class:lgtin:".to_vec();
        self.as_sgtin().write_body(&mut s);
        f.write_str(&uri_string(s))
    }
}

impl FromStr for Lgtin {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<Lgtin, EpcError> {
        const P: &str = "urn:epc:class:lgtin:";
        let body = s
            .strip_prefix(P)
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, 0))?;
        let e = Epc::parse_body(Scheme::Sgtin, body, P.len())?;
        Ok(Lgtin {
            company_prefix: e.parts[0],
            item_reference: e.parts[1],
            lot: e.parts[2],
        })
    }
}

/// An EPC ID pattern (`urn:epc:idpat:sgtin:0614141.812345.*`): leading
/// components given, the rest `*` (any).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct EpcPattern {
    scheme: Scheme,
    parts: [Field; MAX_PARTS],
    /// How many leading components are given.
    given: u8,
}

impl EpcPattern {
    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The given components (the rest are `*`).
    pub fn given(&self) -> &[Field] {
        &self.parts[..usize::from(self.given)]
    }

    /// Whether `epc` matches the pattern.
    pub fn matches(&self, epc: &Epc) -> bool {
        epc.scheme() == self.scheme && epc.parts().starts_with(self.given())
    }
}

impl fmt::Display for EpcPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = format!("urn:epc:idpat:{}:", self.scheme).into_bytes();
        let n = self.scheme.components().len();
        for i in 0..n {
            if i > 0 {
                s.push(b'.');
            }
            if i < usize::from(self.given) {
                write_escaped(&mut s, &self.parts[i]);
            } else {
                s.push(b'*');
            }
        }
        f.write_str(&uri_string(s))
    }
}

impl FromStr for EpcPattern {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<EpcPattern, EpcError> {
        const P: &str = "urn:epc:idpat:";
        let rest = s
            .strip_prefix(P)
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, 0))?;
        let (name, body) = rest
            .split_once(':')
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, P.len()))?;
        let scheme: Scheme = name
            .parse()
            .map_err(|_| EpcError::at(EpcErrorKind::UnknownScheme, P.len()))?;
        let comps = scheme.components();
        let base = P.len() + name.len() + 1;
        let pieces: Vec<&str> = body.splitn(comps.len(), '.').collect();
        if pieces.len() != comps.len() {
            return Err(EpcError::at(
                EpcErrorKind::BadComponent { field: "pattern" },
                base,
            ));
        }
        let given = pieces.iter().take_while(|p| **p != "*").count();
        if pieces[given..].iter().any(|p| *p != "*") {
            return Err(EpcError::at(
                EpcErrorKind::BadComponent { field: "pattern" },
                base,
            ));
        }
        let mut pat = EpcPattern {
            scheme,
            parts: [Field::EMPTY; MAX_PARTS],
            given: given as u8,
        };
        let gcp = if scheme.is_gs1() { pieces[0].len() } else { 0 };
        let mut at = base;
        for i in 0..given {
            let comp = comps[i];
            let cs = charset(comp.kind);
            let f = parse_component(pieces[i], at, cs, 0, super::field::MAX_FIELD, comp.name)?;
            check(comp.kind, &f, gcp, comp.name).map_err(|mut e| {
                e.at = Some(at);
                e
            })?;
            pat.parts[i] = f;
            at += pieces[i].len() + 1;
        }
        Ok(pat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scheme_parses_and_prints() {
        for uri in [
            "urn:epc:id:sgtin:0614141.112345.400",
            "urn:epc:id:sscc:0614141.1234567890",
            "urn:epc:id:sgln:0614141.12345.0",
            "urn:epc:id:grai:0614141.12345.400",
            "urn:epc:id:giai:0614141.12345400",
            "urn:epc:id:gsrn:0614141.1234567890",
            "urn:epc:id:gsrnp:0614141.1234567890",
            "urn:epc:id:gdti:0614141.12345.400",
            "urn:epc:id:cpi:0614141.123ABC.123456789",
            "urn:epc:id:sgcn:4012345.67890.04711",
            "urn:epc:id:ginc:0614141.xyz47%2F11",
            "urn:epc:id:gsin:0614141.123456789",
            "urn:epc:id:itip:4012345.012345.01.02.987",
            "urn:epc:id:upui:1234567.089456.51qIgY)%3C%26Jp3*j7'SDB",
            "urn:epc:id:pgln:1234567.89012",
            "urn:epc:id:gid:95100000.12345.400",
            "urn:epc:id:usdod:2S194.12345678901",
            "urn:epc:id:adi:2S194.12345A1B2C3D4E5F6G7H8.%23A1-B2-C3",
            "urn:epc:id:bic:CSQU3054383",
            "urn:epc:id:imovn:9176187",
        ] {
            let e: Epc = uri.parse().unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert_eq!(e.to_string(), uri);
        }
        for bad in [
            "urn:epc:id:sgtin:0614141.11234.400",
            "urn:epc:id:sgtin:06141.1123456.400",
            "urn:epc:id:sgtin:0614141.112345.a/b",
            "urn:epc:id:sgtin:0614141.112345.%2",
            "urn:epc:id:sgtin:0614141.112345",
            "urn:epc:id:nope:1.2",
            "urn:epc:id:gid:01.2.3",
            "urn:epc:id:cpi:0614141.abc.1",
            "urn:epc:id:bic:CSQU3054384",
            "urn:epc:id:bic:CSQA3054383",
            "urn:epc:id:imovn:9176188",
        ] {
            assert!(bad.parse::<Epc>().is_err(), "{bad}");
        }
    }

    #[test]
    fn patterns() {
        let p: EpcPattern = "urn:epc:idpat:sgtin:0614141.112345.*".parse().unwrap();
        let e: Epc = "urn:epc:id:sgtin:0614141.112345.400".parse().unwrap();
        assert!(p.matches(&e));
        let all: EpcPattern = "urn:epc:idpat:sgtin:*.*.*".parse().unwrap();
        assert!(all.matches(&e));
        assert!(
            "urn:epc:idpat:sgtin:*.112345.*"
                .parse::<EpcPattern>()
                .is_err()
        );
        assert_eq!(p.to_string(), "urn:epc:idpat:sgtin:0614141.112345.*");
    }

    /// A valid EPC of every scheme: components built for their kinds from
    /// `digits` and the first `k` (or the fewest allowed) of the six
    /// characters of `text`, with a company prefix of `g` digits.
    fn valid_epc(scheme: Scheme, g: usize, digits: &str, text: &str, k: usize) -> Epc {
        let mut at = 0;
        let mut take = |n: usize| {
            let s = digits[at..at + n].to_owned();
            at += n;
            s
        };
        let parts: Vec<String> = match scheme {
            Scheme::Bic => vec!["CSQU3054383".to_owned()],
            Scheme::Imovn => vec!["9176187".to_owned()],
            _ => scheme
                .components()
                .iter()
                .map(|comp| match comp.kind {
                    Kind::Gcp => take(g),
                    Kind::RefDigits(total) => take(usize::from(total) - g),
                    Kind::Digits(n) => take(usize::from(n)),
                    Kind::Integer => format!("1{}", take(3)),
                    Kind::Text(Charset::Digits, ..) => take(k.max(1)),
                    Kind::Text(_, min, _) | Kind::TextAfterGcp(_, min, _) => {
                        text[..k.max(usize::from(min))].to_owned()
                    }
                })
                .collect(),
        };
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        Epc::new(scheme, &parts).unwrap_or_else(|e| panic!("{scheme} {parts:?}: {e}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Parsing checks the shapes only after reading the components:
        /// the same EPC or the same error (kind and offset) as checking
        /// their characters again, for bodies of any scheme.
        #[test]
        fn parse_body_is_parse_then_check(
            scheme in proptest::sample::select(Scheme::ALL.to_vec()),
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[0-9]{0,14}",
                    "[0-9]{6,12}",
                    "0[0-9]{0,3}",
                    "[0-9A-Za-z%/#*-]{0,12}",
                    "[A-Z]{3}[UJZ][0-9]{7}",
                    "[ -~]{0,8}",
                ],
                1..=6,
            ),
            base in 0usize..40,
        ) {
            let body = parts.join(".");
            proptest::prop_assert_eq!(
                Epc::parse_body(scheme, &body, base),
                Epc::parse_body_with(scheme, &body, base, check)
            );
        }

        /// Replacing the last component gives what building the EPC anew
        /// gives: the same EPC or the same error, for every scheme, company
        /// prefix length and last component, valid or not (empty, too long,
        /// leading zeros, characters outside the set, non-ASCII).
        #[test]
        fn set_last_part_is_new_with_that_part(
            scheme in proptest::sample::select(Scheme::ALL.to_vec()),
            g in 6usize..=12,
            digits in "[0-9]{40}",
            text in "[0-9A-Z]{6}",
            k in 0usize..=6,
            last in proptest::prop_oneof![
                "[0-9]{0,34}",
                "[1-9][0-9]{0,21}",
                "0[0-9]{0,3}",
                "[0-9A-Za-z]{0,34}",
                "[ -~]{0,34}",
                "[A-Z]{3}[UJZ][0-9]{7}",
                "[0-9A-Z#/-]{0,32}",
                ".{0,8}",
            ],
        ) {
            let base = valid_epc(scheme, g, &digits, &text, k);
            let mut parts: Vec<&str> = base.parts().iter().map(Field::as_str).collect();
            *parts.last_mut().expect("a component") = &last;
            let mut epc = base;
            let set = epc.set_last_part(&last);
            let new = Epc::new(scheme, &parts);
            proptest::prop_assert_eq!(set.clone().map(|()| epc), new.clone());
            if set.is_err() {
                proptest::prop_assert_eq!(epc, base);
            }
        }
    }
}
