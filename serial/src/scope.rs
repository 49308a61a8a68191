//! [`Scope`]: which product (or logistic unit, or asset type) a pool numbers,
//! and what that key type allows a serial to be.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serialkit_gs1::check_digit::mod10;
use serialkit_gs1::{Giai, Grai, Gtin, InvalidKey, Sscc};

use crate::alphabet::{CSET_82, NUMERIC};
use crate::error::{PoolError, SerialError};
use crate::format::SerialFormat;
use crate::serial::{MAX_SERIAL_LEN, Serial};

/// The key a pool's serials belong to.
///
/// Text form (used by stores and the CLI): `gtin:<14 digits>`,
/// `sscc:<extension digit>+<company prefix>`, `grai:<company prefix>+<asset type>`,
/// `giai:<company prefix>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProductCode {
    /// A trade item: serials are AI 21 (1–20 CSET 82 characters).
    Gtin(Gtin),
    /// Logistic units: the serial is the SSCC's serial reference, all
    /// digits, as long as the company prefix leaves room for.
    Sscc {
        /// Extension digit `0`–`9`.
        extension: u8,
        /// GS1 Company Prefix, 4–12 digits.
        company_prefix: String,
    },
    /// A returnable asset type: serials are the GRAI serial component (1–16
    /// CSET 82 characters).
    Grai {
        /// GS1 Company Prefix.
        company_prefix: String,
        /// Asset type: company prefix + asset type = 12 digits.
        asset_type: String,
    },
    /// Individual assets: serials are the individual asset reference (up to
    /// 30 − company-prefix-length CSET 82 characters).
    Giai {
        /// GS1 Company Prefix.
        company_prefix: String,
    },
}

fn digits(text: &str, what: &str, min: usize, max: usize) -> Result<String, PoolError> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PoolError::Scope(format!(
            "{what} must be {min} to {max} digits, got {text:?}"
        )));
    }
    Ok(text.to_owned())
}

impl ProductCode {
    /// A GTIN-8, -12, -13 or -14 with a correct check digit, kept as GTIN-14.
    ///
    /// # Errors
    /// [`PoolError::Scope`] for a wrong length, a non-digit or a bad check digit.
    pub fn gtin(text: &str) -> Result<Self, PoolError> {
        text.parse::<Gtin>()
            .map(Self::Gtin)
            .map_err(|e| PoolError::Scope(format!("GTIN {text:?}: {e}")))
    }

    /// The SSCC scope of an extension digit and a company prefix.
    ///
    /// # Errors
    /// [`PoolError::Scope`] for an extension above 9 or a bad prefix.
    pub fn sscc(extension: u8, company_prefix: &str) -> Result<Self, PoolError> {
        if extension > 9 {
            return Err(PoolError::Scope(format!(
                "the SSCC extension digit is 0-9, got {extension}"
            )));
        }
        Ok(Self::Sscc {
            extension,
            company_prefix: digits(company_prefix, "a GS1 Company Prefix", 4, 12)?,
        })
    }

    /// A GRAI asset type.
    ///
    /// # Errors
    /// [`PoolError::Scope`] unless prefix and asset type are digits adding up to 12.
    pub fn grai(company_prefix: &str, asset_type: &str) -> Result<Self, PoolError> {
        let company_prefix = digits(company_prefix, "a GS1 Company Prefix", 4, 12)?;
        let asset_type = digits(asset_type, "a GRAI asset type", 0, 8)?;
        if company_prefix.len() + asset_type.len() != 12 {
            return Err(PoolError::Scope(format!(
                "GRAI company prefix + asset type must be 12 digits, got {}",
                company_prefix.len() + asset_type.len()
            )));
        }
        Ok(Self::Grai {
            company_prefix,
            asset_type,
        })
    }

    /// GIAIs of a company prefix.
    ///
    /// # Errors
    /// [`PoolError::Scope`] for a bad prefix.
    pub fn giai(company_prefix: &str) -> Result<Self, PoolError> {
        Ok(Self::Giai {
            company_prefix: digits(company_prefix, "a GS1 Company Prefix", 4, 12)?,
        })
    }

    /// The serial space this code's pools share in a store. Two codes have
    /// the same space exactly when their serials complete the same
    /// identifiers: a GRAI asset type is the same whichever way its 12
    /// digits split into company prefix and asset type.
    ///
    /// ```
    /// use serialkit_serial::ProductCode;
    /// let a: ProductCode = "grai:9521234+00001".parse().unwrap();
    /// let b: ProductCode = "grai:95212340+0001".parse().unwrap();
    /// assert_eq!(a.space_key(), b.space_key());
    /// ```
    pub fn space_key(&self) -> String {
        match self {
            Self::Gtin(g) => format!("gtin:{g}"),
            Self::Sscc {
                extension,
                company_prefix,
            } => format!("sscc:{extension}+{company_prefix}"),
            Self::Grai {
                company_prefix,
                asset_type,
            } => format!("grai:{company_prefix}{asset_type}"),
            Self::Giai { company_prefix } => format!("giai:{company_prefix}"),
        }
    }

    /// The codes whose identifiers could meet: equal to the space for GTIN
    /// and GRAI, and every SSCC of one extension digit or every GIAI for
    /// SSCC and GIAI, where a company prefix that extends another
    /// (`9521234` and `95212345`) would make the same identifiers from
    /// different serials. GS1 never issues such a pair; a store refuses it.
    pub fn family(&self) -> String {
        match self {
            Self::Sscc { extension, .. } => format!("sscc:{extension}"),
            Self::Giai { .. } => "giai".to_owned(),
            _ => self.space_key(),
        }
    }

    /// The company prefix that the serial directly follows (SSCC, GIAI).
    pub(crate) fn nesting_prefix(&self) -> Option<&str> {
        match self {
            Self::Sscc { company_prefix, .. } | Self::Giai { company_prefix } => {
                Some(company_prefix)
            }
            _ => None,
        }
    }
}

/// Why a text cannot be the serial of a key type, and which bytes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SerialProblem {
    pub reason: String,
    pub span: std::ops::Range<usize>,
}

/// The message of a GS1 error kind without the span the generic message
/// appends (the span printed is the serial's own).
fn gs1_message(kind: &serialkit_gs1::ErrorKind) -> String {
    let text = serialkit_gs1::Error::new(kind.clone(), None, 0..0).to_string();
    text.rsplit_once(" (bytes")
        .map_or(text.clone(), |(m, _)| m.to_owned())
}

/// Maps a key-level error onto the serial that ends the key at `offset`.
fn key_problem(e: &InvalidKey, key: &str, offset: usize, serial_len: usize) -> SerialProblem {
    let map = |i: usize| i.saturating_sub(offset).min(serial_len);
    let mut span = map(e.span.start)..map(e.span.end);
    if span.is_empty() && e.span.end <= offset {
        // A length error spans the whole key: the serial is what is wrong.
        span = 0..serial_len;
    }
    SerialProblem {
        reason: format!(
            "{} {key} it completes is invalid: {}",
            e.key,
            gs1_message(&e.kind)
        ),
        span,
    }
}

/// Checks `value` as the value of the single-component AI `ai` with the
/// dictionary's length limits and linters.
fn check_ai_value(ai: &str, value: &str) -> Result<(), SerialProblem> {
    let Some(spec) = serialkit_gs1::ai::lookup(ai) else {
        return Err(SerialProblem {
            reason: format!("AI ({ai}) is not in the GS1 dictionary"),
            span: 0..value.len(),
        });
    };
    let bytes = value.as_bytes();
    let (min, max) = (spec.min_len(), spec.max_len());
    if bytes.len() < min || bytes.len() > max {
        return Err(SerialProblem {
            reason: format!(
                "AI ({ai}) takes {min} to {max} characters, this has {}",
                bytes.len()
            ),
            span: max.min(bytes.len())..bytes.len(),
        });
    }
    // Components in order: every one but the last has its maximum length
    // (the dictionary makes only the last variable).
    let mut at = 0;
    for (i, c) in spec.components.iter().enumerate() {
        let len = if i + 1 == spec.components.len() {
            bytes.len() - at
        } else {
            usize::from(c.max).min(bytes.len() - at)
        };
        let part = &bytes[at..at + len];
        for linter in std::iter::once(c.charset.linter()).chain(c.linters.iter().copied()) {
            linter.check(part).map_err(|e| SerialProblem {
                reason: format!("AI ({ai}): {}", e.kind.message()),
                span: at + e.span.start..at + e.span.end,
            })?;
        }
        at += len;
    }
    Ok(())
}

impl fmt::Display for ProductCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Gtin(g) => write!(f, "gtin:{g}"),
            Self::Sscc {
                extension,
                company_prefix,
            } => write!(f, "sscc:{extension}+{company_prefix}"),
            Self::Grai {
                company_prefix,
                asset_type,
            } => write!(f, "grai:{company_prefix}+{asset_type}"),
            Self::Giai { company_prefix } => write!(f, "giai:{company_prefix}"),
        }
    }
}

impl FromStr for ProductCode {
    type Err = PoolError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PoolError::Scope(format!("unknown product code {s:?}"));
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        match kind {
            "gtin" => Self::gtin(rest),
            "sscc" => {
                let (ext, gcp) = rest.split_once('+').ok_or_else(bad)?;
                let ext: u8 = ext.parse().map_err(|_| bad())?;
                Self::sscc(ext, gcp)
            }
            "grai" => {
                let (gcp, at) = rest.split_once('+').ok_or_else(bad)?;
                Self::grai(gcp, at)
            }
            "giai" => Self::giai(rest),
            _ => Err(bad()),
        }
    }
}

/// A pool's scope: a product code and, optionally, a lot (AI 10).
///
/// ```
/// use serialkit_serial::Scope;
/// let s: Scope = "gtin:09521234543213/lot:L42".parse().unwrap();
/// assert_eq!(s.to_string(), "gtin:09521234543213/lot:L42");
/// let sscc: Scope = "sscc:0+9521234".parse().unwrap();
/// let serial = "000000042".parse().unwrap();
/// assert_eq!(sscc.identifier(&serial).unwrap(), "095212340000000426");
/// assert_eq!(sscc.sscc(&serial).unwrap().check_digit(), 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Scope {
    product: ProductCode,
    lot: Option<String>,
}

impl Scope {
    /// A scope without a lot.
    pub fn new(product: ProductCode) -> Self {
        Self { product, lot: None }
    }

    /// The same scope for one lot (1–20 CSET 82 characters).
    ///
    /// # Errors
    /// [`PoolError::Scope`] for a bad lot, or a lot on an SSCC/GRAI/GIAI scope.
    pub fn with_lot(self, lot: &str) -> Result<Self, PoolError> {
        if !matches!(self.product, ProductCode::Gtin(_)) {
            return Err(PoolError::Scope("only GTIN scopes have lots".into()));
        }
        if lot.is_empty() || lot.len() > 20 || !lot.bytes().all(|b| CSET_82.as_bytes().contains(&b))
        {
            return Err(PoolError::Scope(format!(
                "a lot is 1 to 20 CSET 82 characters, got {lot:?}"
            )));
        }
        Ok(Self {
            product: self.product,
            lot: Some(lot.to_owned()),
        })
    }

    /// The product code.
    pub fn product(&self) -> &ProductCode {
        &self.product
    }

    /// The lot, if any.
    pub fn lot(&self) -> Option<&str> {
        self.lot.as_deref()
    }

    /// Whether the EU FMD / GS1 guidance on guessable serials applies by
    /// default (trade items); logistic units and assets need not be random.
    pub fn guessing_matters(&self) -> bool {
        matches!(self.product, ProductCode::Gtin(_))
    }

    /// Longest serial the key type allows.
    pub fn max_serial_len(&self) -> usize {
        match &self.product {
            ProductCode::Gtin(_) => 20,
            ProductCode::Sscc { company_prefix, .. } => 16 - company_prefix.len(),
            ProductCode::Grai { .. } => 16,
            ProductCode::Giai { company_prefix } => 30 - company_prefix.len(),
        }
    }

    /// A format that fits the key type: for SSCC the all-digit serial
    /// reference of exactly the length left, for the others `base` with the
    /// key type's length limit.
    ///
    /// # Errors
    /// [`PoolError::Scope`] when `base` cannot fit the key type.
    pub fn check_format(&self, format: &SerialFormat) -> Result<(), PoolError> {
        let max = self.max_serial_len();
        let (_, longest) = format.body_lengths();
        let total = format.prefix().len() + longest;
        if total > max {
            return Err(PoolError::Scope(format!(
                "{} allows serials of at most {max} characters, the format makes up to {total}",
                self.product
            )));
        }
        if !format.alphabet().is_cset82()
            || !format
                .prefix()
                .bytes()
                .all(|b| CSET_82.as_bytes().contains(&b))
        {
            return Err(PoolError::Scope(
                "GS1 keys take CSET 82 serials: drop '#' from the alphabet and prefix".into(),
            ));
        }
        if let ProductCode::Sscc { .. } = self.product {
            let (shortest, _) = format.body_lengths();
            if format.alphabet().as_str() != NUMERIC || shortest != longest || total != max {
                return Err(PoolError::Scope(format!(
                    "an SSCC serial reference is exactly {max} digits (alphabet 0-9, fixed length, prefix included)"
                )));
            }
        }
        Ok(())
    }

    /// Checks that `serial` is a serial of this key type — AI (21) for a
    /// GTIN (1–20 CSET 82 characters), an SSCC serial reference of exactly
    /// the digits the company prefix leaves, a GRAI serial component, a
    /// GIAI individual asset reference — by the GS1 dictionary's rules
    /// (serialkit-gs1's AI table, linters and key types).
    pub(crate) fn check_serial(&self, serial: &str) -> Result<Serial, SerialProblem> {
        let parsed: Serial = serial.parse().map_err(|e: SerialError| {
            let span = match e {
                SerialError::Length { len } => MAX_SERIAL_LEN.min(len)..len,
                SerialError::Character { ch, at } => at..at + ch.len_utf8(),
            };
            SerialProblem {
                reason: e.to_string(),
                span,
            }
        })?;
        let n = serial.len();
        match &self.product {
            ProductCode::Gtin(_) => check_ai_value("21", serial)?,
            ProductCode::Sscc {
                extension,
                company_prefix,
            } => {
                let body = format!("{extension}{company_prefix}{serial}");
                Sscc::from_body(&body)
                    .map_err(|e| key_problem(&e, &body, 1 + company_prefix.len(), n))?;
            }
            ProductCode::Grai {
                company_prefix,
                asset_type,
            } => {
                let head = format!("0{company_prefix}{asset_type}");
                let check = mod10(head.as_bytes()).map_or('0', char::from);
                let key = format!("{head}{check}{serial}");
                key.parse::<Grai>()
                    .map_err(|e| key_problem(&e, &key, head.len() + 1, n))?;
            }
            ProductCode::Giai { company_prefix } => {
                let key = format!("{company_prefix}{serial}");
                key.parse::<Giai>()
                    .map_err(|e| key_problem(&e, &key, company_prefix.len(), n))?;
            }
        }
        Ok(parsed)
    }

    /// Bytes that bind a keyed permutation to this scope (its tweak).
    pub fn tweak(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// The SSCC a serial reference makes (SSCC scopes).
    pub fn sscc(&self, serial: &Serial) -> Option<Sscc> {
        match &self.product {
            ProductCode::Sscc {
                extension,
                company_prefix,
            } => Sscc::from_body(&format!("{extension}{company_prefix}{serial}")).ok(),
            _ => None,
        }
    }

    /// The GRAI a serial component makes (GRAI scopes).
    pub fn grai(&self, serial: &Serial) -> Option<Grai> {
        match &self.product {
            ProductCode::Grai {
                company_prefix,
                asset_type,
            } => {
                let body = format!("0{company_prefix}{asset_type}");
                let check = char::from(mod10(body.as_bytes())?);
                format!("{body}{check}{serial}").parse().ok()
            }
            _ => None,
        }
    }

    /// The GIAI an individual asset reference makes (GIAI scopes).
    pub fn giai(&self, serial: &Serial) -> Option<Giai> {
        match &self.product {
            ProductCode::Giai { company_prefix } => {
                format!("{company_prefix}{serial}").parse().ok()
            }
            _ => None,
        }
    }

    /// The full identifier a serial makes in this scope: the GS1 element
    /// string `(01)…[(10)…](21)…` for a GTIN, the 18-digit SSCC with its
    /// check digit, the GRAI (14 digits + serial), or the GIAI. `None` when
    /// the serial does not fit the key (a format the scope did not check).
    pub fn identifier(&self, serial: &Serial) -> Option<String> {
        match &self.product {
            ProductCode::Gtin(g) => Some(match &self.lot {
                Some(lot) => format!("(01){g}(10){lot}(21){serial}"),
                None => format!("(01){g}(21){serial}"),
            }),
            ProductCode::Sscc { .. } => self.sscc(serial).map(|s| s.to_string()),
            ProductCode::Grai { .. } => self.grai(serial).map(|g| g.to_string()),
            ProductCode::Giai { .. } => self.giai(serial).map(|g| g.to_string()),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.product)?;
        if let Some(lot) = &self.lot {
            write!(f, "/lot:{lot}")?;
        }
        Ok(())
    }
}

impl FromStr for Scope {
    type Err = PoolError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once("/lot:") {
            Some((p, lot)) => Self::new(p.parse()?).with_lot(lot),
            None => Ok(Self::new(s.parse()?)),
        }
    }
}

impl TryFrom<String> for Scope {
    type Error = PoolError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Scope> for String {
    fn from(s: Scope) -> Self {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alphabet;

    #[test]
    fn parse_display_round_trip() {
        for s in [
            "gtin:09521234543213",
            "gtin:09521234543213/lot:ABC-1",
            "sscc:3+952123456",
            "grai:9521234+00001",
            "giai:9521234",
        ] {
            assert_eq!(s.parse::<Scope>().unwrap().to_string(), s);
        }
        assert_eq!(
            "gtin:9521234543213".parse::<Scope>().unwrap().to_string(),
            "gtin:09521234543213"
        );
        for bad in [
            "gtin:09521234543214",
            "gtin:0952123454321x",
            "sscc:10+9521234",
            "sscc:1+95",
            "grai:9521234+1",
            "giai:95x",
            "ean:1",
            "nothing",
            "sscc:0+9521234/lot:A",
            "gtin:09521234543213/lot:",
        ] {
            assert!(bad.parse::<Scope>().is_err(), "{bad}");
        }
    }

    #[test]
    fn sscc_identifier_has_check_digit() {
        let s: Scope = "sscc:1+0614141".parse().unwrap();
        let serial: Serial = "123456789".parse().unwrap();
        let id = s.identifier(&serial).unwrap();
        assert_eq!(id.len(), 18);
        let grai: Scope = "grai:9521234+00001".parse().unwrap();
        let g = grai.grai(&"A1".parse().unwrap()).unwrap();
        assert_eq!(g.serial(), Some("A1"));
        let giai: Scope = "giai:9521234".parse().unwrap();
        assert_eq!(
            giai.giai(&"X-9".parse().unwrap()).unwrap().to_string(),
            "9521234X-9"
        );
        // The GS1 General Specifications example SSCC.
        assert_eq!(id, "106141411234567897");
    }

    #[test]
    fn format_checks() {
        let sscc: Scope = "sscc:0+9521234".parse().unwrap();
        let good = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(9)
            .build()
            .unwrap();
        assert!(sscc.check_format(&good).is_ok());
        let short = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(8)
            .build()
            .unwrap();
        assert!(sscc.check_format(&short).is_err());
        let gtin: Scope = "gtin:09521234543213".parse().unwrap();
        let c39 = SerialFormat::builder(Alphabet::cset39())
            .fixed_length(8)
            .build()
            .unwrap();
        assert!(gtin.check_format(&c39).is_err());
        let grai: Scope = "grai:9521234+00001".parse().unwrap();
        let long = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(17)
            .max_total_len(30)
            .build()
            .unwrap();
        assert!(grai.check_format(&long).is_err());
        let giai: Scope = "giai:9521234".parse().unwrap();
        let ok = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(23)
            .max_total_len(30)
            .build()
            .unwrap();
        assert!(giai.check_format(&ok).is_ok());
    }
}
