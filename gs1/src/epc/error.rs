//! Errors of EPC URI parsing, binary encoding and decoding, and conversion
//! between EPCs and GS1 keys.

use core::fmt;

/// What is wrong, and where: the offset in the input, when the problem is
/// at one place (`None`: the input as a whole, e.g. a value that no
/// binary scheme can carry).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}{}", at.map(|a| format!(" (at {a})")).unwrap_or_default())]
pub struct EpcError {
    /// What is wrong.
    pub kind: EpcErrorKind,
    /// Where, in the units of the input: bytes of a URI; hex characters of
    /// hex input ([`crate::epc::Tag::decode_hex`],
    /// [`crate::epc::decode_any_hex`]); bits of a binary encoding given as
    /// bytes ([`crate::epc::Tag::decode`], [`crate::epc::decode_any`]).
    pub at: Option<usize>,
}

impl EpcError {
    pub(crate) fn new(kind: EpcErrorKind) -> EpcError {
        EpcError { kind, at: None }
    }

    pub(crate) fn at(kind: EpcErrorKind, at: usize) -> EpcError {
        EpcError { kind, at: Some(at) }
    }
}

/// The kinds of EPC errors, by who is at fault: malformed input, a value
/// the chosen encoding cannot carry, or missing information.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EpcErrorKind {
    /// The URI does not start with `urn:epc:id:`, `urn:epc:tag:`,
    /// `urn:epc:class:` or `urn:epc:idpat:` and a known scheme.
    UnknownScheme,
    /// A URI component is missing, extra, or of the wrong length.
    BadComponent {
        /// Which component (e.g. `"serial"`).
        field: &'static str,
    },
    /// A character not allowed in this component.
    BadCharacter {
        /// Which component.
        field: &'static str,
    },
    /// A `%` escape that is malformed or decodes to a character the
    /// component may not hold.
    BadEscape,
    /// The GS1 Company Prefix is not 6 to 12 digits.
    BadCompanyPrefix,
    /// A filter value outside the scheme's range.
    BadFilter,
    /// The value does not fit the binary scheme (e.g. a serial above 2³⁸−1
    /// or with leading zeros in SGTIN-96; too many characters).
    NotEncodable {
        /// Which component.
        field: &'static str,
    },
    /// Hex input that is not hexadecimal, or of a length no scheme has.
    BadHex,
    /// The binary header names no scheme this library decodes.
    UnknownHeader(u8),
    /// The binary data is shorter than its scheme needs.
    Truncated,
    /// Padding or unused bits are not zero.
    NonZeroPadding,
    /// A reserved partition value (7) or a value field out of range.
    BadPartition,
    /// A field decodes to something its scheme forbids (a 7-bit character
    /// outside CSET 82, a numeric value with more digits than the field
    /// has, …).
    BadBinaryValue {
        /// Which component.
        field: &'static str,
    },
    /// The GS1 Company Prefix length of a key is unknown (not given, and
    /// not in the table).
    UnknownCompanyPrefixLength,
    /// The element string has no key that maps to an EPC scheme (or lacks
    /// the serial component the scheme needs).
    NoEpcForKey,
    /// The EPC's scheme has no binary encoding (e.g. PGLN, GINC, BIC), so
    /// it has no tag URI or hex form.
    NoBinaryScheme,
    /// The key value is not valid for its AI.
    InvalidKey(String),
}

impl EpcErrorKind {
    /// A stable upper-case code for the kind, e.g. `"NOT_ENCODABLE"`, for
    /// JSON output and tests.
    pub fn code(&self) -> &'static str {
        match self {
            EpcErrorKind::UnknownScheme => "UNKNOWN_EPC_SCHEME",
            EpcErrorKind::BadComponent { .. } => "BAD_EPC_COMPONENT",
            EpcErrorKind::BadCharacter { .. } => "BAD_EPC_CHARACTER",
            EpcErrorKind::BadEscape => "BAD_URI_ESCAPE",
            EpcErrorKind::BadCompanyPrefix => "BAD_COMPANY_PREFIX",
            EpcErrorKind::BadFilter => "BAD_FILTER",
            EpcErrorKind::NotEncodable { .. } => "NOT_ENCODABLE",
            EpcErrorKind::BadHex => "BAD_HEX",
            EpcErrorKind::UnknownHeader(_) => "UNKNOWN_EPC_HEADER",
            EpcErrorKind::Truncated => "TRUNCATED_EPC",
            EpcErrorKind::NonZeroPadding => "NON_ZERO_PADDING",
            EpcErrorKind::BadPartition => "BAD_PARTITION",
            EpcErrorKind::BadBinaryValue { .. } => "BAD_BINARY_VALUE",
            EpcErrorKind::UnknownCompanyPrefixLength => "UNKNOWN_COMPANY_PREFIX_LENGTH",
            EpcErrorKind::NoEpcForKey => "NO_EPC_FOR_KEY",
            EpcErrorKind::NoBinaryScheme => "NO_BINARY_SCHEME",
            EpcErrorKind::InvalidKey(_) => "INVALID_KEY",
        }
    }
}

impl fmt::Display for EpcErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EpcErrorKind::UnknownScheme => f.write_str("not an EPC URI of a known scheme"),
            EpcErrorKind::BadComponent { field } => {
                write!(
                    f,
                    "the {field} component is missing or has the wrong length"
                )
            }
            EpcErrorKind::BadCharacter { field } => {
                write!(f, "the {field} component holds a character it may not")
            }
            EpcErrorKind::BadEscape => f.write_str("malformed or disallowed %-escape"),
            EpcErrorKind::BadCompanyPrefix => {
                f.write_str("the GS1 Company Prefix must be 6 to 12 digits")
            }
            EpcErrorKind::BadFilter => f.write_str("filter value out of range"),
            EpcErrorKind::NotEncodable { field } => {
                write!(f, "the {field} cannot be carried by this binary scheme")
            }
            EpcErrorKind::BadHex => f.write_str("not a hexadecimal EPC of a valid length"),
            EpcErrorKind::UnknownHeader(h) => write!(f, "unknown EPC header 0x{h:02X}"),
            EpcErrorKind::Truncated => f.write_str("the binary EPC is too short"),
            EpcErrorKind::NonZeroPadding => f.write_str("padding bits are not zero"),
            EpcErrorKind::BadPartition => f.write_str("invalid partition value"),
            EpcErrorKind::BadBinaryValue { field } => {
                write!(f, "the {field} field holds an invalid value")
            }
            EpcErrorKind::UnknownCompanyPrefixLength => {
                f.write_str("the GS1 Company Prefix length of this key is unknown")
            }
            EpcErrorKind::NoEpcForKey => {
                f.write_str("no EPC scheme for the keys in this element string")
            }
            EpcErrorKind::NoBinaryScheme => {
                f.write_str("this EPC scheme has no binary (tag) encoding")
            }
            EpcErrorKind::InvalidKey(why) => write!(f, "invalid GS1 key: {why}"),
        }
    }
}
