//! GS1 identification keys as types that can only hold valid values.
//!
//! Each key is checked exactly as its Application Identifier's value is (the
//! same components and linters of the dictionary: length, character set,
//! check digit, company-prefix position), so a key accepted here is accepted
//! in an element string and the other way round.

use core::fmt;
use core::ops::Range;
use core::str::FromStr;

use crate::ai;
use crate::check_digit;
use crate::element::validate::{component_extent, lint_value};
use crate::error::ErrorKind;

/// Why a text is not a valid identification key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {key}: {detail} (bytes {}..{})", span.start, span.end)]
pub struct InvalidKey {
    /// Which key type was being parsed, e.g. `"GTIN"`.
    pub key: &'static str,
    /// What is wrong (a length or linter error).
    pub kind: ErrorKind,
    /// Offending bytes of the input.
    pub span: Range<usize>,
    detail: String,
}

impl InvalidKey {
    fn new(key: &'static str, kind: ErrorKind, span: Range<usize>) -> Self {
        let detail = crate::error::Error::new(kind.clone(), None, span.clone()).to_string();
        // Drop the trailing "(bytes a..b)" of the generic message: the span
        // is printed by this error's own format.
        let detail = detail
            .rsplit_once(" (bytes")
            .map_or(detail.clone(), |(d, _)| d.to_owned());
        InvalidKey {
            key,
            kind,
            span,
            detail,
        }
    }
}

/// Validates `s` as the value of AI `ai_code`.
fn check_as_ai(key: &'static str, ai_code: &str, s: &[u8]) -> Result<(), InvalidKey> {
    let spec =
        ai::lookup(ai_code).ok_or_else(|| InvalidKey::new(key, ErrorKind::UnknownAi, 0..0))?;
    if s.len() < spec.min_len() {
        return Err(InvalidKey::new(key, ErrorKind::ValueTooShort, 0..s.len()));
    }
    if s.len() > spec.max_len() {
        return Err(InvalidKey::new(
            key,
            ErrorKind::ValueTooLong,
            spec.max_len()..s.len(),
        ));
    }
    component_extent(spec, s).map_err(|k| InvalidKey::new(key, k, 0..s.len()))?;
    lint_value(spec, s).map_err(|l| InvalidKey::new(key, ErrorKind::Lint(l.kind), l.span))
}

macro_rules! digits_key {
    ($(#[$doc:meta])* $name:ident, $len:literal, $ai:literal, $label:literal) => {
        digits_key!($(#[$doc])* $name, $len, $ai, $label, custom_from_str);

        impl FromStr for $name {
            type Err = InvalidKey;
            fn from_str(s: &str) -> Result<Self, InvalidKey> {
                Self::from_bytes(s.as_bytes())
            }
        }
    };
    ($(#[$doc:meta])* $name:ident, $len:literal, $ai:literal, $label:literal, custom_from_str) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Number of digits, including the check digit.
            pub const LEN: usize = $len;

            /// The digits, including the check digit.
            pub fn as_str(&self) -> &str {
                // Only ASCII digits are stored.
                core::str::from_utf8(&self.0).unwrap_or_default()
            }

            /// The check digit (last digit), as a number.
            pub fn check_digit(&self) -> u8 {
                self.0[$len - 1] - b'0'
            }

            /// Builds the key from its digits without the check digit,
            /// computing the check digit.
            pub fn from_body(body: &str) -> Result<Self, InvalidKey> {
                if body.len() != $len - 1 {
                    return Err(InvalidKey::new($label, if body.len() < $len - 1 { ErrorKind::ValueTooShort } else { ErrorKind::ValueTooLong }, 0..body.len()));
                }
                let cd = check_digit::mod10(body.as_bytes()).ok_or_else(|| {
                    let p = body.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(0);
                    InvalidKey::new($label, ErrorKind::Lint(crate::lint::LintErrorKind::NonDigitCharacter), p..p + 1)
                })?;
                let mut full = [0u8; $len];
                full[..$len - 1].copy_from_slice(body.as_bytes());
                full[$len - 1] = cd;
                Self::from_bytes(&full)
            }

            fn from_bytes(s: &[u8]) -> Result<Self, InvalidKey> {
                check_as_ai($label, $ai, s)?;
                let mut d = [0u8; $len];
                d.copy_from_slice(s);
                Ok($name(d))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        serde_via_str!($name);
    };
}

macro_rules! text_key {
    ($(#[$doc:meta])* $name:ident, $ai:literal, $label:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// The key as written in its AI value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidKey;
            fn from_str(s: &str) -> Result<Self, InvalidKey> {
                check_as_ai($label, $ai, s.as_bytes())?;
                Ok($name(s.into()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), &self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        serde_via_str!($name);
    };
}

macro_rules! serde_via_str {
    ($name:ident) => {
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

digits_key!(
    /// Global Trade Item Number, held in its 14-digit form (AI 01).
    ///
    /// [`FromStr`] accepts GTIN-8, GTIN-12, GTIN-13 and GTIN-14 and pads
    /// with leading zeros; [`Display`](fmt::Display) writes 14 digits.
    ///
    /// ```
    /// use serialkit_gs1::Gtin;
    /// let g: Gtin = "9521234543213".parse()?;
    /// assert_eq!(g.to_string(), "09521234543213");
    /// assert_eq!(g.to_string().parse::<Gtin>()?, g);
    /// assert!("09521234543214".parse::<Gtin>().is_err()); // check digit
    /// # Ok::<(), serialkit_gs1::InvalidKey>(())
    /// ```
    Gtin, 14, "01", "GTIN", custom_from_str
);
digits_key!(
    /// Serial Shipping Container Code, 18 digits (AI 00).
    Sscc, 18, "00", "SSCC"
);
digits_key!(
    /// Global Location Number, 13 digits (AI 414).
    Gln, 13, "414", "GLN"
);
digits_key!(
    /// Global Service Relation Number, 18 digits (AI 8017/8018).
    Gsrn, 18, "8018", "GSRN"
);
digits_key!(
    /// Global Shipment Identification Number, 17 digits (AI 402).
    Gsin, 17, "402", "GSIN"
);
text_key!(
    /// Global Returnable Asset Identifier as the value of AI (8003): a
    /// padding `0`, 13 digits with check digit, optional serial (≤ 16 CSET 82).
    Grai, "8003", "GRAI"
);
text_key!(
    /// Global Individual Asset Identifier (AI 8004): up to 30 CSET 82
    /// characters starting with a GS1 Company Prefix.
    Giai, "8004", "GIAI"
);
text_key!(
    /// Global Document Type Identifier (AI 253): 13 digits with check digit,
    /// optional serial (≤ 17 CSET 82).
    Gdti, "253", "GDTI"
);
text_key!(
    /// Global Coupon Number (AI 255): 13 digits with check digit, optional
    /// serial (≤ 12 digits).
    Gcn, "255", "GCN"
);
text_key!(
    /// Global Identification Number for Consignment (AI 401): up to 30
    /// CSET 82 characters starting with a GS1 Company Prefix.
    Ginc, "401", "GINC"
);

impl Gtin {
    /// Parses a GTIN-8, -12, -13 or -14 and normalises it to 14 digits.
    pub fn parse_any(s: &str) -> Result<Gtin, InvalidKey> {
        let b = s.as_bytes();
        match b.len() {
            8 | 12 | 13 | 14 => {
                let mut d = [b'0'; 14];
                d[14 - b.len()..].copy_from_slice(b);
                Gtin::from_bytes(&d).map_err(|mut e| {
                    let shift = 14 - b.len();
                    e.span = e.span.start.saturating_sub(shift)..e.span.end.saturating_sub(shift);
                    e
                })
            }
            n => Err(InvalidKey::new(
                "GTIN",
                if n < 14 {
                    ErrorKind::ValueTooShort
                } else {
                    ErrorKind::ValueTooLong
                },
                0..n,
            )),
        }
    }

    /// The indicator digit (first of the 14), or the packaging level of a
    /// GTIN-14.
    pub fn indicator(&self) -> u8 {
        self.0[0] - b'0'
    }

    /// The GTIN-13 form when the indicator digit is 0.
    pub fn to_gtin13(&self) -> Option<&str> {
        (self.0[0] == b'0').then(|| &self.as_str()[1..])
    }

    /// The GTIN-12 (UPC-A) form when the first two digits are 0.
    pub fn to_gtin12(&self) -> Option<&str> {
        self.as_str().strip_prefix("00")
    }

    /// The GTIN-8 form when the first six digits are 0.
    pub fn to_gtin8(&self) -> Option<&str> {
        self.as_str().strip_prefix("000000")
    }

    /// Whether the GTIN is a Restricted Circulation Number (GS1 prefixes 02
    /// and 20–29 of its GTIN-13 form, and 0–7 of GTIN-8 "velocity codes" are
    /// not included): numbers for use inside a company or a country, e.g.
    /// variable-measure items.
    pub fn is_restricted_circulation(&self) -> bool {
        match self.to_gtin13() {
            Some(g13) if self.to_gtin8().is_none() => {
                let b = g13.as_bytes();
                (b[0] == b'0' && b[1] == b'2') || b[0] == b'2'
            }
            _ => false,
        }
    }
}

impl FromStr for Gtin {
    type Err = InvalidKey;
    fn from_str(s: &str) -> Result<Self, InvalidKey> {
        Gtin::parse_any(s)
    }
}

impl Sscc {
    /// Builds an SSCC from its extension digit, GS1 Company Prefix and
    /// serial reference (which together fill 17 digits), computing the check
    /// digit.
    ///
    /// ```
    /// use serialkit_gs1::Sscc;
    /// let s = Sscc::from_parts(3, "0614141", 123456789)?;
    /// assert_eq!(s.to_string(), "306141411234567891");
    /// # Ok::<(), serialkit_gs1::InvalidKey>(())
    /// ```
    pub fn from_parts(
        extension: u8,
        company_prefix: &str,
        serial_reference: u64,
    ) -> Result<Sscc, InvalidKey> {
        let width = 16usize.saturating_sub(company_prefix.len());
        let body = format!(
            "{}{company_prefix}{serial_reference:0width$}",
            extension % 10
        );
        if extension > 9 || company_prefix.len() < 4 || company_prefix.len() > 12 {
            return Err(InvalidKey::new(
                "SSCC",
                ErrorKind::InvalidInput,
                0..body.len().min(1),
            ));
        }
        Sscc::from_body(&body)
    }

    /// The extension digit.
    pub fn extension(&self) -> u8 {
        self.0[0] - b'0'
    }
}

macro_rules! from_parts_numeric {
    ($name:ident) => {
        impl $name {
            /// Builds the key from a GS1 Company Prefix and a reference that
            /// together fill the digits before the check digit.
            pub fn from_parts(company_prefix: &str, reference: u64) -> Result<$name, InvalidKey> {
                let width = ($name::LEN - 1).saturating_sub(company_prefix.len());
                $name::from_body(&format!("{company_prefix}{reference:0width$}"))
            }
        }
    };
}
from_parts_numeric!(Gln);
from_parts_numeric!(Gsrn);
from_parts_numeric!(Gsin);

impl Grai {
    /// The 13-digit asset type (without the padding zero).
    pub fn asset_type(&self) -> &str {
        &self.0[1..14]
    }

    /// The serial component, if any.
    pub fn serial(&self) -> Option<&str> {
        self.0.get(14..).filter(|s| !s.is_empty())
    }
}

impl Gdti {
    /// The 13-digit document type.
    pub fn document_type(&self) -> &str {
        &self.0[..13]
    }

    /// The serial component, if any.
    pub fn serial(&self) -> Option<&str> {
        self.0.get(13..).filter(|s| !s.is_empty())
    }
}

impl Gcn {
    /// The 13-digit coupon type.
    pub fn coupon_type(&self) -> &str {
        &self.0[..13]
    }

    /// The serial component, if any.
    pub fn serial(&self) -> Option<&str> {
        self.0.get(13..).filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtin_forms_normalise_and_round_trip() {
        for s in [
            "09521234543213",
            "9521234543213",
            "95210001",
            "614141123452",
        ] {
            let g: Gtin = s.parse().unwrap();
            assert_eq!(g.to_string().len(), 14);
            assert_eq!(g.to_string().parse::<Gtin>().unwrap(), g);
        }
        assert_eq!(
            "95210001".parse::<Gtin>().unwrap().to_gtin8(),
            Some("95210001")
        );
        let e = "0952123454321X".parse::<Gtin>().unwrap_err();
        assert_eq!(e.span, 13..14);
        assert!("123".parse::<Gtin>().is_err());
        assert!(
            "2112345678900"
                .parse::<Gtin>()
                .unwrap()
                .is_restricted_circulation()
        );
        assert!(
            !"09521234543213"
                .parse::<Gtin>()
                .unwrap()
                .is_restricted_circulation()
        );
    }

    #[test]
    fn keys_check_like_their_ai() {
        assert!("106141411234567897".parse::<Sscc>().is_ok());
        assert!("106141411234567890".parse::<Sscc>().is_err());
        assert!("9521234000013".parse::<Gln>().is_ok());
        assert!("0952123400001300A1".parse::<Grai>().is_ok());
        assert_eq!(
            "0952123400001300A1".parse::<Grai>().unwrap().serial(),
            Some("00A1")
        );
        assert!("1952123400001300A1".parse::<Grai>().is_err());
        assert!("1234567890128X".parse::<Gdti>().is_ok());
        assert!("12345678901280".parse::<Gcn>().is_ok());
        assert!("12345678901280X".parse::<Gcn>().is_err());
        assert!("01234567890".parse::<Giai>().is_ok());
        assert!("12345678901234560".parse::<Gsin>().is_ok());
        assert!("123456789012345675".parse::<Gsrn>().is_ok());
        assert_eq!(
            Gln::from_parts("9521234", 1).unwrap().to_string(),
            "9521234000013"
        );
    }
}
