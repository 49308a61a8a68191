//! Symbology-neutral input: data bytes interleaved with FNC1 and ECI
//! markers, and the GS1 `^` notation that maps onto them.

use std::fmt;

/// An Extended Channel Interpretation number (0–999999), telling the reader
/// how to interpret the bytes that follow (e.g. 26 = UTF-8).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Eci(u32);

impl Eci {
    /// ISO/IEC 8859-1 (Latin-1), the default interpretation.
    pub const LATIN_1: Eci = Eci(3);
    /// UTF-8.
    pub const UTF_8: Eci = Eci(26);
    /// Binary (bytes with no character interpretation).
    pub const BINARY: Eci = Eci(899);
    /// Largest assignable ECI number.
    pub const MAX: u32 = 999_999;

    /// The ECI with this number, or `None` above 999999.
    pub const fn new(number: u32) -> Option<Eci> {
        if number <= Self::MAX {
            Some(Eci(number))
        } else {
            None
        }
    }

    /// The ECI number.
    pub const fn number(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Eci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\\{:06}", self.0)
    }
}

impl fmt::Debug for Eci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Eci({})", self.0)
    }
}

/// One piece of symbol input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Data bytes.
    Data(&'a [u8]),
    /// Function 1. As the very first segment it marks GS1 (or AIM) data:
    /// "FNC1 in first position"; later it is the GS1 field separator, which
    /// readers transmit as ASCII GS (0x1D).
    Fnc1,
    /// An ECI designator applying to the data that follows.
    Eci(Eci),
}

/// The character GS1 `^` notation uses for FNC1.
pub const GS1_FNC1_CHAR: u8 = b'^';

/// Why a GS1 `^` message is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Gs1MessageError {
    /// The message does not start with `^` (FNC1 in first position).
    #[error("a GS1 message starts with '^' (FNC1 in first position)")]
    MissingLeadingFnc1,
    /// Nothing follows the leading `^`.
    #[error("GS1 message has no data after the leading '^'")]
    Empty,
    /// Two `^` in a row, or a `^` at the end: an empty field.
    #[error("empty field: '^' at byte {at} is not followed by data")]
    EmptyField {
        /// Byte offset of the offending `^`.
        at: usize,
    },
    /// A byte outside the printable ASCII range GS1 data uses.
    #[error("byte 0x{byte:02X} at offset {at} cannot occur in GS1 data (printable ASCII only)")]
    Character {
        /// The byte.
        byte: u8,
        /// Its offset in the message.
        at: usize,
    },
}

/// A GS1 message in `^` notation, checked for shape: a leading `^`, then
/// fields of printable ASCII separated by `^`. This is the symbol-level view
/// (FNC1 positions); AI-level validation belongs to `serialkit-gs1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gs1Message<'a> {
    text: &'a [u8],
}

impl<'a> Gs1Message<'a> {
    /// Checks `text` (e.g. `^010950600013435221ABC^10X`).
    pub fn parse(text: &'a [u8]) -> Result<Self, Gs1MessageError> {
        if text.first() != Some(&GS1_FNC1_CHAR) {
            return Err(Gs1MessageError::MissingLeadingFnc1);
        }
        if text.len() == 1 {
            return Err(Gs1MessageError::Empty);
        }
        let mut previous_caret = true;
        for (at, &byte) in text.iter().enumerate().skip(1) {
            if byte == GS1_FNC1_CHAR {
                if previous_caret {
                    return Err(Gs1MessageError::EmptyField { at: at - 1 });
                }
                previous_caret = true;
            } else if !(0x20..0x7F).contains(&byte) {
                return Err(Gs1MessageError::Character { byte, at });
            } else {
                previous_caret = false;
            }
        }
        if previous_caret {
            return Err(Gs1MessageError::EmptyField { at: text.len() - 1 });
        }
        Ok(Self { text })
    }

    /// The message text including the leading `^`.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.text
    }

    /// The message as segments: FNC1, field, FNC1, field, …
    pub fn segments(&self) -> impl Iterator<Item = Segment<'a>> + 'a {
        self.text[1..]
            .split(|&b| b == GS1_FNC1_CHAR)
            .flat_map(|field| [Segment::Fnc1, Segment::Data(field)])
    }

    /// The data as a reader transmits it after the `]d2`/`]Q3`/`]C1`
    /// identifier: separators become GS (0x1D).
    pub fn transmitted(&self) -> Vec<u8> {
        self.text[1..]
            .iter()
            .map(|&b| if b == GS1_FNC1_CHAR { 0x1D } else { b })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gs1_message_segments() {
        let m = Gs1Message::parse(b"^0109506000134352^10AB").unwrap();
        let segs: Vec<_> = m.segments().collect();
        assert_eq!(
            segs,
            [
                Segment::Fnc1,
                Segment::Data(b"0109506000134352"),
                Segment::Fnc1,
                Segment::Data(b"10AB")
            ]
        );
        assert_eq!(m.transmitted(), b"0109506000134352\x1d10AB");
    }

    #[test]
    fn gs1_message_errors() {
        assert_eq!(
            Gs1Message::parse(b"01"),
            Err(Gs1MessageError::MissingLeadingFnc1)
        );
        assert_eq!(Gs1Message::parse(b"^"), Err(Gs1MessageError::Empty));
        assert_eq!(
            Gs1Message::parse(b"^01^^10"),
            Err(Gs1MessageError::EmptyField { at: 3 })
        );
        assert_eq!(
            Gs1Message::parse(b"^01^"),
            Err(Gs1MessageError::EmptyField { at: 3 })
        );
        assert_eq!(
            Gs1Message::parse(b"^01\x1d"),
            Err(Gs1MessageError::Character { byte: 0x1d, at: 3 })
        );
    }

    #[test]
    fn eci_range() {
        assert_eq!(Eci::new(26), Some(Eci::UTF_8));
        assert_eq!(Eci::new(1_000_000), None);
        assert_eq!(Eci::UTF_8.to_string(), "\\000026");
    }
}
