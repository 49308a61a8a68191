//! Serial alphabets: the ordered symbol sets a serial is written in.
//!
//! The order of the symbols is the order of the digits in the mixed-radix
//! numbering of [`SerialFormat`](crate::SerialFormat): symbol `k` is digit `k`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FormatError;

/// GS1 character set 82 (GS1 General Specifications, figure 7.11-1), in
/// ASCII order. Every GS1 serial (AI 21, GRAI, GIAI) is written in it.
pub const CSET_82: &str =
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
/// GS1 character set 39: digits, upper-case letters, `#`, `-` and `/`.
/// `#` is outside CSET 82, so GS1 keys' serials use it without `#`.
pub const CSET_39: &str = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// GS1 character set 64 (the URL- and file-safe base64 symbols), without the
/// `=` padding character, which only ever ends a string.
pub const CSET_64: &str = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
/// Decimal digits.
pub const NUMERIC: &str = "0123456789";
/// Digits and upper-case letters.
pub const UPPER_ALPHANUMERIC: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Characters that people misread for one another on labels: zero and
/// the letter O, one and the letters I and L (both cases).
pub const LOOKALIKES: &str = "0O1ILilo";

/// Whether `b` may appear in a serial: GS1 CSET 82, plus `#` from CSET 39.
///
/// `#` is not valid in GS1 keys (AI 21, GRAI, GIAI use CSET 82 only): pool
/// scopes for those keys refuse alphabets and prefixes that contain it.
pub fn is_serial_char(b: u8) -> bool {
    b == b'#' || CSET_82.as_bytes().contains(&b)
}

/// Marks a byte as absent from the alphabet in the reverse table.
const NOT_IN_ALPHABET: u8 = u8::MAX;

/// An ordered set of at least two distinct characters from GS1 CSET 82 or
/// CSET 39 (see [`is_serial_char`]).
///
/// ```
/// use serialkit_serial::Alphabet;
/// let a = Alphabet::upper_alphanumeric().without_lookalikes().unwrap();
/// assert_eq!(a.len(), 31);
/// assert_eq!(a.symbol(0), b'2');
/// assert_eq!(a.digit_of(b'Z'), Some(30));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Alphabet {
    symbols: Vec<u8>,
    /// `digits[byte]` is the digit of `byte`, or [`NOT_IN_ALPHABET`].
    digits: [u8; 128],
}

impl Alphabet {
    /// Builds an alphabet from its symbols in digit order.
    ///
    /// # Errors
    /// [`FormatError::Alphabet`] when a symbol is outside CSET 82, repeats, or
    /// there are fewer than two symbols.
    pub fn new(symbols: &str) -> Result<Self, FormatError> {
        let mut digits = [NOT_IN_ALPHABET; 128];
        let bytes = symbols.as_bytes();
        if bytes.len() < 2 {
            return Err(FormatError::Alphabet {
                reason: format!("an alphabet needs at least 2 symbols, got {}", bytes.len()),
            });
        }
        for (i, &b) in bytes.iter().enumerate() {
            if !is_serial_char(b) {
                return Err(FormatError::Alphabet {
                    reason: format!(
                        "symbol {:?} at position {i} is in neither GS1 CSET 82 nor CSET 39",
                        char::from(b)
                    ),
                });
            }
            if digits[usize::from(b)] != NOT_IN_ALPHABET {
                return Err(FormatError::Alphabet {
                    reason: format!("symbol {:?} appears twice", char::from(b)),
                });
            }
            // At most 82 symbols, so the digit fits a byte.
            digits[usize::from(b)] = i as u8;
        }
        Ok(Self {
            symbols: bytes.to_vec(),
            digits,
        })
    }

    fn known(symbols: &str) -> Self {
        match Self::new(symbols) {
            Ok(a) => a,
            // The built-in tables are constants checked by the tests.
            Err(_) => unreachable!("built-in alphabet {symbols:?} is valid"),
        }
    }

    /// GS1 CSET 82.
    pub fn cset82() -> Self {
        Self::known(CSET_82)
    }
    /// GS1 CSET 39.
    pub fn cset39() -> Self {
        Self::known(CSET_39)
    }
    /// GS1 CSET 64 without padding.
    pub fn cset64() -> Self {
        Self::known(CSET_64)
    }
    /// `0`–`9`.
    pub fn numeric() -> Self {
        Self::known(NUMERIC)
    }
    /// `0`–`9` and `A`–`Z`.
    pub fn upper_alphanumeric() -> Self {
        Self::known(UPPER_ALPHANUMERIC)
    }

    /// The same alphabet without the characters in `excluded`.
    ///
    /// # Errors
    /// [`FormatError::Alphabet`] when fewer than two symbols remain.
    pub fn without(&self, excluded: &str) -> Result<Self, FormatError> {
        let kept: String = self
            .symbols
            .iter()
            .filter(|b| !excluded.as_bytes().contains(b))
            .map(|&b| char::from(b))
            .collect();
        Self::new(&kept)
    }

    /// The same alphabet without [`LOOKALIKES`].
    ///
    /// # Errors
    /// [`FormatError::Alphabet`] when fewer than two symbols remain.
    pub fn without_lookalikes(&self) -> Result<Self, FormatError> {
        self.without(LOOKALIKES)
    }

    /// Number of symbols (the radix).
    #[allow(clippy::len_without_is_empty)] // never empty: at least two symbols
    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    /// The radix as an integer.
    pub fn radix(&self) -> u32 {
        self.symbols.len() as u32
    }

    /// Symbols in digit order.
    pub fn as_str(&self) -> &str {
        // Only CSET 82 (ASCII) bytes are ever stored.
        std::str::from_utf8(&self.symbols).unwrap_or_default()
    }

    /// The symbol of digit `d`. Panics when `d >= len()` (caller misuse).
    #[inline]
    pub fn symbol(&self, d: usize) -> u8 {
        self.symbols[d]
    }

    /// The digit of `symbol`, or `None` when it is not in the alphabet.
    #[inline]
    pub fn digit_of(&self, symbol: u8) -> Option<u32> {
        match self.digits.get(usize::from(symbol)) {
            Some(&d) if d != NOT_IN_ALPHABET => Some(u32::from(d)),
            _ => None,
        }
    }

    /// Whether every symbol is in GS1 CSET 82 (the set of GS1 keys' serials).
    pub fn is_cset82(&self) -> bool {
        self.symbols.iter().all(|b| CSET_82.as_bytes().contains(b))
    }

    /// Whether the alphabet contains `symbol`.
    pub fn contains(&self, symbol: u8) -> bool {
        self.digit_of(symbol).is_some()
    }
}

impl fmt::Debug for Alphabet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Alphabet({:?})", self.as_str())
    }
}

impl fmt::Display for Alphabet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Alphabet {
    type Error = FormatError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl From<Alphabet> for String {
    fn from(a: Alphabet) -> Self {
        a.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_sizes() {
        assert_eq!(Alphabet::cset82().len(), 82);
        assert_eq!(Alphabet::cset39().len(), 39);
        assert_eq!(Alphabet::cset64().len(), 64);
        assert_eq!(Alphabet::numeric().len(), 10);
        assert_eq!(Alphabet::upper_alphanumeric().len(), 36);
    }

    #[test]
    fn cset82_is_ascii_ordered() {
        assert!(CSET_82.as_bytes().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn rejects_bad_alphabets() {
        assert!(Alphabet::new("A").is_err());
        assert!(Alphabet::new("AA").is_err());
        assert!(Alphabet::new("A B").is_err());
        assert!(Alphabet::new("AB$").is_err());
        assert!(!Alphabet::cset39().is_cset82());
        assert!(Alphabet::cset39().without("#").unwrap().is_cset82());
        assert!(Alphabet::new("é1").is_err());
        assert!(Alphabet::numeric().without("012345678").is_err());
    }

    #[test]
    fn lookalikes_removed() {
        let a = Alphabet::cset82().without_lookalikes().unwrap();
        assert_eq!(a.len(), 82 - LOOKALIKES.len());
        for b in LOOKALIKES.bytes() {
            assert!(!a.contains(b));
        }
    }

    #[test]
    fn digits_invert_symbols() {
        let a = Alphabet::cset64();
        for d in 0..a.len() {
            assert_eq!(a.digit_of(a.symbol(d)), Some(d as u32));
        }
        assert_eq!(a.digit_of(b'!'), None);
        assert_eq!(a.digit_of(200), None);
    }
}
