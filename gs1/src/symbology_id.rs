//! AIM symbology identifiers (ISO/IEC 15424): the `]d2` a scanner puts in
//! front of what it read. Shared by scan-data parsing here and by the
//! symbols `serialkit-symbology` produces.

use core::fmt;
use core::str::FromStr;

/// An AIM symbology identifier such as `]d2`: what a scanner prefixes to the
/// data it transmits, telling the host which symbology and options it read.
///
/// An open code table: any well-formed identifier parses (`]`, a symbology
/// letter, a modifier character), with named constants for the ones this
/// crate produces.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SymbologyIdentifier([u8; 3]);

impl SymbologyIdentifier {
    /// DataMatrix ECC 200.
    pub const DATA_MATRIX: Self = Self(*b"]d1");
    /// DataMatrix ECC 200 with FNC1 in first position: GS1 DataMatrix.
    pub const DATA_MATRIX_GS1: Self = Self(*b"]d2");
    /// DataMatrix ECC 200 with FNC1 in second position (AIM application).
    pub const DATA_MATRIX_AIM: Self = Self(*b"]d3");
    /// DataMatrix ECC 200 with ECI protocol.
    pub const DATA_MATRIX_ECI: Self = Self(*b"]d4");
    /// DataMatrix ECC 200 with FNC1 in first position and ECI protocol.
    pub const DATA_MATRIX_GS1_ECI: Self = Self(*b"]d5");
    /// QR Code model 2.
    pub const QR: Self = Self(*b"]Q1");
    /// GS1 QR Code (FNC1 in first position).
    pub const QR_GS1: Self = Self(*b"]Q3");
    /// QR Code with ECI protocol.
    pub const QR_ECI: Self = Self(*b"]Q2");
    /// GS1 QR Code with ECI protocol.
    pub const QR_GS1_ECI: Self = Self(*b"]Q4");
    /// QR Code with FNC1 in second position (AIM application).
    pub const QR_AIM: Self = Self(*b"]Q5");
    /// QR Code with FNC1 in second position and ECI protocol.
    pub const QR_AIM_ECI: Self = Self(*b"]Q6");
    /// Code 128 with FNC1 in second position (AIM application).
    pub const CODE_128_AIM: Self = Self(*b"]C2");
    /// Code 128.
    pub const CODE_128: Self = Self(*b"]C0");
    /// GS1-128 (FNC1 in first position).
    pub const GS1_128: Self = Self(*b"]C1");
    /// GS1 DataBar and GS1 Composite (always GS1 data).
    pub const GS1_DATABAR: Self = Self(*b"]e0");
    /// DotCode.
    pub const DOTCODE: Self = Self(*b"]J0");
    /// GS1 DotCode (FNC1 in first position).
    pub const DOTCODE_GS1: Self = Self(*b"]J1");
    /// EAN-13 and UPC-A (and UPC-E, transmitted in EAN-13 form).
    pub const EAN_13: Self = Self(*b"]E0");
    /// A two-digit EAN/UPC add-on transmitted on its own (or as a packet
    /// after `]E0`).
    pub const EAN_ADD_ON_2: Self = Self(*b"]E1");
    /// A five-digit EAN/UPC add-on transmitted on its own (or as a packet
    /// after `]E0`).
    pub const EAN_ADD_ON_5: Self = Self(*b"]E2");
    /// EAN-13, UPC-A or UPC-E and its 2- or 5-digit add-on in one packet.
    pub const EAN_13_ADD_ON: Self = Self(*b"]E3");
    /// EAN-8.
    pub const EAN_8: Self = Self(*b"]E4");
    /// ITF-14 (Interleaved 2 of 5 with check digit).
    pub const ITF_14: Self = Self(*b"]I1");

    /// The identifier from its three bytes, if well formed: `]`, an ASCII
    /// letter, an ASCII letter or digit.
    pub const fn from_bytes(b: [u8; 3]) -> Option<Self> {
        if b[0] == b']' && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphanumeric() {
            Some(Self(b))
        } else {
            None
        }
    }

    /// The symbology code letter (`d` for DataMatrix).
    pub const fn symbology(self) -> char {
        self.0[1] as char
    }

    /// The modifier character (`2` in `]d2`).
    pub const fn modifier(self) -> char {
        self.0[2] as char
    }

    /// The three ASCII bytes, e.g. `b"]d2"`.
    pub const fn as_bytes(&self) -> &[u8; 3] {
        &self.0
    }

    /// The identifier as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored (checked by `FromStr` and the constants).
        core::str::from_utf8(&self.0).unwrap_or("]??")
    }
}

impl fmt::Display for SymbologyIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for SymbologyIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SymbologyIdentifier({})", self.as_str())
    }
}

/// Why a string is not a symbology identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SymbologyIdentifierError {
    /// Not exactly three bytes.
    #[error("a symbology identifier has 3 characters, got {0}")]
    Length(usize),
    /// The first character is not `]`.
    #[error("a symbology identifier starts with ']'")]
    MissingFlag,
    /// The symbology code is not an ASCII letter.
    #[error("symbology code at byte 1 must be an ASCII letter")]
    Code,
    /// The modifier is not an ASCII digit or letter.
    #[error("modifier at byte 2 must be an ASCII digit or letter")]
    Modifier,
}

impl FromStr for SymbologyIdentifier {
    type Err = SymbologyIdentifierError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() != 3 {
            return Err(SymbologyIdentifierError::Length(b.len()));
        }
        if b[0] != b']' {
            return Err(SymbologyIdentifierError::MissingFlag);
        }
        if !b[1].is_ascii_alphabetic() {
            return Err(SymbologyIdentifierError::Code);
        }
        if !b[2].is_ascii_alphanumeric() {
            return Err(SymbologyIdentifierError::Modifier);
        }
        Ok(Self([b[0], b[1], b[2]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for s in ["]d2", "]Q3", "]C1", "]e0", "]E4", "]I1", "]X9"] {
            let id: SymbologyIdentifier = s.parse().unwrap();
            assert_eq!(id.to_string(), s);
        }
        assert_eq!("]d2".parse(), Ok(SymbologyIdentifier::DATA_MATRIX_GS1));
        assert_eq!(
            "d2".parse::<SymbologyIdentifier>(),
            Err(SymbologyIdentifierError::Length(2))
        );
        assert_eq!(
            "[d2".parse::<SymbologyIdentifier>(),
            Err(SymbologyIdentifierError::MissingFlag)
        );
        assert_eq!(
            "]22".parse::<SymbologyIdentifier>(),
            Err(SymbologyIdentifierError::Code)
        );
        assert_eq!(
            "]d-".parse::<SymbologyIdentifier>(),
            Err(SymbologyIdentifierError::Modifier)
        );
        assert_eq!(SymbologyIdentifier::from_bytes(*b"]\xff0"), None);
        assert_eq!(SymbologyIdentifier::GS1_128.symbology(), 'C');
        assert_eq!(SymbologyIdentifier::GS1_128.modifier(), '1');
    }
}
