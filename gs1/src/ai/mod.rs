//! The Application Identifier table: every AI of the GS1 Barcode Syntax
//! Dictionary with its components, linters and association rules.
//!
//! The table in `table.rs` matches dictionary release **2026-01-27**
//! ([`DICTIONARY_RELEASE`]); `tests/ai_table.rs` parses the shared copy of
//! the dictionary and fails on any difference, so a new release is adopted by
//! regenerating the table (`gs1/tools/gen_ai_table.py`) and reviewing the diff.
//!
//! Lookup is by array index, not search: an AI of two, three or four digits
//! maps to a slot of a dense index built at compile time.

pub(crate) mod packed;
mod spec;
mod table;

use core::fmt;
use core::str::FromStr;

pub use spec::{AiPattern, AiSpec, Charset, Component, Flags};

/// The GS1 Barcode Syntax Dictionary release the AI table matches.
pub const DICTIONARY_RELEASE: &str = table::DICTIONARY_RELEASE;

/// Every AI definition of the dictionary (ranges such as 3100–3105 expanded),
/// in lexical order of the AI.
pub fn table() -> &'static [AiSpec] {
    table::AI_TABLE
}

/// An Application Identifier: two to four digits. Any such AI can be
/// represented, known to the dictionary or not (see [`Ai::spec`]).
///
/// ```
/// use serialkit_gs1::Ai;
/// let ai: Ai = "3103".parse().unwrap();
/// assert_eq!(ai.spec().unwrap().title, "NET WEIGHT (kg)");
/// assert_eq!(ai.to_string(), "3103");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ai {
    // Zero-padded digits: padding sorts before any digit, so the derived
    // order is the lexical order of the AIs.
    digits: [u8; 4],
    len: u8,
}

/// Error for text that is not two to four digits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("an Application Identifier is two to four digits")]
pub struct InvalidAi;

impl Ai {
    /// Builds an AI from its digits (two to four ASCII digits).
    pub const fn from_digits(digits: &[u8]) -> Result<Ai, InvalidAi> {
        if digits.len() < 2 || digits.len() > 4 {
            return Err(InvalidAi);
        }
        let mut d = [0u8; 4];
        let mut i = 0;
        while i < digits.len() {
            if !digits[i].is_ascii_digit() {
                return Err(InvalidAi);
            }
            d[i] = digits[i];
            i += 1;
        }
        Ok(Ai {
            digits: d,
            len: digits.len() as u8,
        })
    }

    /// The AI's digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The AI's digits as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.digits[..self.len as usize]
    }

    /// The digits packed in a word, zero-padded: two AIs are equal exactly
    /// when their codes and lengths are.
    #[inline]
    pub(crate) const fn code(&self) -> u32 {
        u32::from_le_bytes(self.digits)
    }

    /// Number of digits (2–4).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The dictionary definition, or `None` for an AI the dictionary does
    /// not define.
    pub fn spec(&self) -> Option<&'static AiSpec> {
        known(self.as_bytes())
    }
}

impl fmt::Display for Ai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Ai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ai({})", self.as_str())
    }
}

impl FromStr for Ai {
    type Err = InvalidAi;
    fn from_str(s: &str) -> Result<Ai, InvalidAi> {
        Ai::from_digits(s.as_bytes())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ai {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ai {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ai, D::Error> {
        let s = <&str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The definition of a known AI given as text, e.g. `lookup("01")`.
pub fn lookup(ai: &str) -> Option<&'static AiSpec> {
    known(ai.as_bytes())
}

/// Dense slot of a 2–4 digit AI: 2-digit AIs take 0..100, 3-digit AIs
/// 100..1100 and 4-digit AIs 1100..11100, so no two AIs share a slot.
const fn slot(digits: &[u8]) -> Option<usize> {
    let (base, len) = match digits.len() {
        2 => (0, 2),
        3 => (100, 3),
        4 => (1100, 4),
        _ => return None,
    };
    let mut n = 0usize;
    let mut i = 0;
    while i < len {
        let d = digits[i].wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + d as usize;
        i += 1;
    }
    Some(base + n)
}

const NO_ENTRY: u16 = u16::MAX;
const SLOTS: usize = 11100;

/// Slot → index into the table, built at compile time.
static INDEX: [u16; SLOTS] = {
    let mut index = [NO_ENTRY; SLOTS];
    let t = table::AI_TABLE;
    let mut i = 0;
    while i < t.len() {
        match slot(t[i].ai.as_bytes()) {
            Some(s) => index[s] = i as u16,
            None => panic!("AI table entry is not 2-4 digits"),
        }
        i += 1;
    }
    index
};

/// Two-digit prefix → length of the AIs the dictionary defines under it
/// (0 when it defines none). GS1 keeps this consistent: all AIs sharing a
/// prefix have the same length, which is what lets unbracketed data be split.
static AI_LENGTH_BY_PREFIX: [u8; 100] = {
    let mut lens = [0u8; 100];
    let t = table::AI_TABLE;
    let mut i = 0;
    while i < t.len() {
        let b = t[i].ai.as_bytes();
        let p = ((b[0] - b'0') * 10 + (b[1] - b'0')) as usize;
        if lens[p] != 0 && lens[p] as usize != b.len() {
            panic!("AIs sharing a two-digit prefix have different lengths");
        }
        lens[p] = b.len() as u8;
        i += 1;
    }
    lens
};

/// The GS1 General Specifications' list of AI prefixes whose element
/// strings have a predefined length (no FNC1 needed), with that value
/// length. Consulted only for AIs the dictionary does not define.
const fn predefined_value_length(prefix: usize) -> u8 {
    match prefix {
        0 => 18,
        1..=3 => 14,
        4 => 16,
        11..=19 => 6,
        20 => 2,
        31..=36 => 6,
        41 => 13,
        _ => 0,
    }
}

#[inline]
fn known(digits: &[u8]) -> Option<&'static AiSpec> {
    let s = slot(digits)?;
    match INDEX[s] {
        NO_ENTRY => None,
        i => table::AI_TABLE.get(i as usize),
    }
}

#[inline]
fn prefix_of(digits: &[u8]) -> Option<usize> {
    match digits {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some(((a - b'0') * 10 + (b - b'0')) as usize),
        _ => None,
    }
}

/// Length of the AIs under the two-digit prefix of `digits`, if the
/// dictionary defines any.
pub fn ai_length_by_prefix(digits: &[u8]) -> Option<usize> {
    match AI_LENGTH_BY_PREFIX[prefix_of(digits)?] {
        0 => None,
        n => Some(n as usize),
    }
}

/// A stand-in definition: one CSET 82 component of `min..=max` characters.
macro_rules! unknown_spec {
    ($min:literal, $max:literal, $flags:expr) => {
        AiSpec {
            ai: "",
            flags: $flags,
            components: &[Component {
                charset: Charset::X,
                min: $min,
                max: $max,
                optional: false,
                linters: &[],
            }],
            req: &[],
            ex: &[],
            dl_primary_key: None,
            title: "UNKNOWN",
        }
    };
}

/// Stand-ins for AIs the dictionary does not define: any CSET 82 value of
/// 1–90 characters, or the fixed length its prefix predefines.
static UNKNOWN_VARIABLE: AiSpec = unknown_spec!(1, 90, Flags::NONE);
static UNKNOWN_FIXED_2: AiSpec = unknown_spec!(2, 2, Flags::PREDEFINED_LENGTH);
static UNKNOWN_FIXED_6: AiSpec = unknown_spec!(6, 6, Flags::PREDEFINED_LENGTH);
static UNKNOWN_FIXED_13: AiSpec = unknown_spec!(13, 13, Flags::PREDEFINED_LENGTH);
static UNKNOWN_FIXED_14: AiSpec = unknown_spec!(14, 14, Flags::PREDEFINED_LENGTH);
static UNKNOWN_FIXED_16: AiSpec = unknown_spec!(16, 16, Flags::PREDEFINED_LENGTH);
static UNKNOWN_FIXED_18: AiSpec = unknown_spec!(18, 18, Flags::PREDEFINED_LENGTH);

/// The stand-in definition for an unknown AI of `ai_len` digits under
/// `prefix`. `None` when the prefix's AI length is not known.
fn vivify(prefix: usize, ai_len: usize) -> &'static AiSpec {
    match (ai_len, predefined_value_length(prefix)) {
        (2, 2) => &UNKNOWN_FIXED_2,
        (2, 14) => &UNKNOWN_FIXED_14,
        (2, 16) => &UNKNOWN_FIXED_16,
        (2, 18) => &UNKNOWN_FIXED_18,
        (3, 13) => &UNKNOWN_FIXED_13,
        (4, 6) => &UNKNOWN_FIXED_6,
        _ => &UNKNOWN_VARIABLE,
    }
}

/// Resolves an AI whose extent is known (bracketed input, HRI, Digital Link
/// path): the dictionary entry, or with `permit_unknown` a stand-in, unless
/// the AI contradicts the dictionary's AI length for its prefix (e.g. `011`
/// or `800`, which would be ambiguous in unbracketed data).
pub(crate) fn resolve_exact(digits: &[u8], permit_unknown: bool) -> Option<&'static AiSpec> {
    if let Some(spec) = known(digits) {
        return Some(spec);
    }
    if !permit_unknown || !(2..=4).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let prefix = prefix_of(digits)?;
    match AI_LENGTH_BY_PREFIX[prefix] as usize {
        0 => Some(&UNKNOWN_VARIABLE),
        n if n == digits.len() => Some(vivify(prefix, n)),
        _ => None,
    }
}

/// Resolves the AI of bracketed syntax at the start of `data` (just after
/// the opening bracket): two to four digits and then `close`, resolved as
/// [`resolve_exact`] does. The digits are read once, straight into the
/// slot of the dense index, as for [`resolve_prefix`]: every element of
/// every bracketed message passes here.
#[inline]
pub(crate) fn resolve_bracketed(
    data: &[u8],
    close: u8,
    permit_unknown: bool,
) -> Option<(&'static AiSpec, Ai)> {
    let digit = |i: usize| {
        let d = data.get(i)?.wrapping_sub(b'0');
        (d <= 9).then_some(d)
    };
    let mut number = usize::from(digit(0)?) * 10 + usize::from(digit(1)?);
    let mut len = 2;
    while len < 4 {
        match digit(len) {
            Some(d) => number = number * 10 + usize::from(d),
            None => break,
        }
        len += 1;
    }
    if data.get(len) != Some(&close) {
        return None;
    }
    let mut digits = [0u8; 4];
    digits[..len].copy_from_slice(&data[..len]);
    let ai = Ai {
        digits,
        len: len as u8,
    };
    let slot = match len {
        2 => number,
        3 => 100 + number,
        _ => 1100 + number,
    };
    match INDEX[slot] {
        NO_ENTRY => resolve_exact(ai.as_bytes(), permit_unknown).map(|spec| (spec, ai)),
        i => Some((table::AI_TABLE.get(usize::from(i))?, ai)),
    }
}

/// Resolves the AI at the start of unbracketed data: the AI and its
/// definition. Unknown AIs are only accepted (with `permit_unknown`) under a
/// prefix whose AI length the dictionary fixes; otherwise the AI cannot be
/// told apart from its value.
///
/// Every element of every message passes here, so the digits are read
/// once: the two-digit prefix gives the AI's length, the remaining digits
/// complete the slot of the dense index.
#[inline]
pub(crate) fn resolve_prefix(data: &[u8], permit_unknown: bool) -> Option<(&'static AiSpec, Ai)> {
    let digit = |b: u8| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then_some(d)
    };
    let (a, b) = match *data {
        [a, b, ..] => (a, b),
        _ => return None,
    };
    let prefix = usize::from(digit(a)? * 10 + digit(b)?);
    let (ai, slot) = match AI_LENGTH_BY_PREFIX[prefix] {
        2 => (
            Ai {
                digits: [a, b, 0, 0],
                len: 2,
            },
            prefix,
        ),
        3 => {
            let c = *data.get(2)?;
            let slot = 100 + prefix * 10 + usize::from(digit(c)?);
            (
                Ai {
                    digits: [a, b, c, 0],
                    len: 3,
                },
                slot,
            )
        }
        4 => {
            let (c, d) = match *data {
                [_, _, c, d, ..] => (c, d),
                _ => return None,
            };
            let slot = 1100 + prefix * 100 + usize::from(digit(c)?) * 10 + usize::from(digit(d)?);
            (
                Ai {
                    digits: [a, b, c, d],
                    len: 4,
                },
                slot,
            )
        }
        _ => return None,
    };
    match INDEX[slot] {
        NO_ENTRY if permit_unknown => Some((vivify(prefix, ai.len()), ai)),
        NO_ENTRY => None,
        i => Some((table::AI_TABLE.get(usize::from(i))?, ai)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_the_reference_rules() {
        assert_eq!(resolve_exact(b"01", false).map(|s| s.ai), Some("01"));
        assert!(resolve_exact(b"2345", false).is_none());
        assert!(resolve_exact(b"37123"[..3].as_ref(), false).is_none());
        assert!(resolve_exact(b"011", true).is_none());
        assert!(resolve_exact(b"800", true).is_none());
        assert!(resolve_exact(b"80", true).is_none());
        assert!(resolve_exact(b"399", true).is_none());
        assert!(resolve_exact(b"3999", true).is_some_and(|s| s.is_unknown() && s.fnc1_required()));
        assert!(resolve_exact(b"2367", true).is_none());
        assert!(resolve_exact(b"236", true).is_some_and(|s| s.fnc1_required()));
        assert!(resolve_exact(b"4199", true).is_none());
        assert!(
            resolve_exact(b"419", true).is_some_and(|s| !s.fnc1_required() && s.max_len() == 13)
        );
        assert!(resolve_exact(b"89", true).is_some_and(|s| s.is_unknown()));
        assert_eq!(
            resolve_prefix(b"011234", false).map(|(s, ai)| (s.ai, ai.len())),
            Some(("01", 2))
        );
        assert_eq!(
            resolve_prefix(b"8012", false).map(|(s, ai)| (s.ai, ai.len())),
            Some(("8012", 4))
        );
        assert!(resolve_prefix(b"234567", false).is_none());
        assert_eq!(
            resolve_prefix(b"235XXX", false).map(|(s, _)| s.ai),
            Some("235")
        );
        assert!(resolve_prefix(b"8900ABC", true).is_none());
        // Bracketed: the digits up to the closing bracket, as resolve_exact.
        for text in [
            &b"01)"[..],
            b"8012]",
            b"235)",
            b"89)",
            b"3999)",
            b"011)",
            b"800)",
            b"12345)",
            b"1)",
            b"01",
            b"0A)",
            b"01]",
        ] {
            for unknown in [false, true] {
                let close = if text.contains(&b']') { b']' } else { b')' };
                let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
                let expected = match text.get(digits) {
                    Some(&b) if b == close && (2..=4).contains(&digits) => {
                        resolve_exact(&text[..digits], unknown).map(|s| (s.ai, digits))
                    }
                    _ => None,
                };
                let got = resolve_bracketed(text, close, unknown).map(|(s, ai)| (s.ai, ai.len()));
                assert_eq!(got, expected, "{text:?} {unknown}");
            }
        }
        assert_eq!(
            resolve_prefix(b"236ABC", true).map(|(_, ai)| ai.len()),
            Some(3)
        );
    }

    #[test]
    fn ai_type_orders_lexically() {
        let a: Ai = "01".parse().unwrap();
        let b: Ai = "010".parse().unwrap_or(a);
        assert!(a <= b);
        assert!("1".parse::<Ai>().is_err());
        assert!("12345".parse::<Ai>().is_err());
        assert!("1a".parse::<Ai>().is_err());
        let x: Ai = "8010".parse().unwrap();
        let y: Ai = "90".parse().unwrap();
        assert!(x < y);
    }
}
