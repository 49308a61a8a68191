//! EPC components held inline (no allocation), the character sets they may
//! use, and the `%`-escapes of EPC URIs.

use core::fmt;

use super::decimal;
use super::error::{EpcError, EpcErrorKind};
use crate::lint::is_cset82;

/// The longest component any scheme has (ADI's original part number).
pub(crate) const MAX_FIELD: usize = 32;

/// One decoded EPC component: ASCII text of at most 32 bytes, stored inline
/// so that decoding a tag allocates nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Field {
    bytes: [u8; MAX_FIELD],
    len: u8,
}

impl Field {
    /// The empty component.
    pub const EMPTY: Field = Field {
        bytes: [0; MAX_FIELD],
        len: 0,
    };

    /// A component from ASCII bytes; `None` when too long or not ASCII.
    pub(crate) fn from_bytes(b: &[u8]) -> Option<Field> {
        if b.len() > MAX_FIELD || !b.is_ascii() {
            return None;
        }
        let mut f = Field::EMPTY;
        f.bytes[..b.len()].copy_from_slice(b);
        f.len = b.len() as u8;
        Some(f)
    }

    /// Appends one ASCII byte; `false` when full.
    #[inline]
    pub(crate) fn push(&mut self, b: u8) -> bool {
        if usize::from(self.len) >= MAX_FIELD || !b.is_ascii() {
            return false;
        }
        self.bytes[usize::from(self.len)] = b;
        self.len += 1;
        true
    }

    /// The digits of `n`, left-padded with zeros to `width` (no padding
    /// when `width` is 0).
    #[inline]
    pub(crate) fn from_number(n: u64, width: usize) -> Field {
        let mut f = Field::EMPTY;
        f.set_number(n, width);
        f
    }

    /// Sets the component to the digits of `n`, left-padded with zeros to
    /// `width` (at most 20 digits). Written in place, two digits at a time:
    /// this is the tag-decoding fast path.
    #[inline]
    pub(crate) fn set_number(&mut self, mut n: u64, width: usize) {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let digits = if n == 0 { 1 } else { n.ilog10() as usize + 1 };
        let len = digits.max(width).min(20);
        self.bytes[..len - digits.min(len)].fill(b'0');
        let mut i = len;
        while n >= 100 && i >= 2 {
            let r = (n % 100) as usize * 2;
            n /= 100;
            i -= 2;
            self.bytes[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
        }
        if n >= 10 && i >= 2 {
            let r = n as usize * 2;
            i -= 2;
            self.bytes[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
        } else if i >= 1 {
            i -= 1;
            self.bytes[i] = b'0' + (n % 10) as u8;
        }
        self.len = len as u8;
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Number of characters.
    #[inline]
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether the component is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of an all-digit component, if it has at most 19 digits.
    #[inline(always)]
    pub(crate) fn number(&self) -> Option<u64> {
        let len = usize::from(self.len);
        // Up to sixteen digits (every company prefix, reference and 96-bit
        // serial): eight lanes at a time.
        if (1..=8).contains(&len) {
            return decimal::parse_up_to_eight(self.word_at(0), len).map(u64::from);
        }
        self.long_number()
    }

    /// [`Field::number`] of more than eight digits (kept out of line so
    /// that the short case inlines).
    #[inline(never)]
    fn long_number(&self) -> Option<u64> {
        let len = usize::from(self.len);
        if (9..=16).contains(&len) {
            let head = decimal::parse_up_to_eight(self.word_at(0), len - 8)?;
            let last = decimal::parse_eight(self.word_at(len - 8))?;
            return Some(u64::from(head) * 100_000_000 + u64::from(last));
        }
        let b = self.as_bytes();
        if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(b.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
    }

    /// Whether the component is 1 to 16 digits (the numeric components of
    /// the GS1 schemes), checked eight at a time.
    #[inline]
    fn is_short_numeric(&self) -> bool {
        match usize::from(self.len) {
            len @ 1..=8 => decimal::all_digits(decimal::right_aligned(self.word_at(0), len)),
            len @ 9..=16 => {
                decimal::all_digits(decimal::right_aligned(self.word_at(0), len - 8))
                    && decimal::all_digits(self.word_at(len - 8))
            }
            _ => false,
        }
    }

    /// The eight bytes from `at` (≤ 24) as one integer, the first byte
    /// lowest (the lanes of [`decimal`]).
    #[inline]
    fn word_at(&self, at: usize) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.bytes[at..at + 8]);
        u64::from_le_bytes(b)
    }

    /// A component of `len` (≤ 16) ASCII bytes held in the low lanes of
    /// `lanes`, the first byte lowest; the lanes from `len` up must be zero.
    #[inline]
    pub(crate) fn from_lanes(lanes: u128, len: usize) -> Field {
        debug_assert!(len <= 16 && lanes.checked_shr(8 * len as u32).unwrap_or(0) == 0);
        debug_assert!(lanes.to_le_bytes().is_ascii());
        let mut f = Field::EMPTY;
        f.bytes[..16].copy_from_slice(&lanes.to_le_bytes());
        f.len = len as u8;
        f
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// The characters a component may hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Charset {
    /// `0`–`9`.
    Digits,
    /// GS1 AI encodable character set 82.
    Cset82,
    /// CPI component/part reference: `0`–`9`, `A`–`Z`, `-`, `#`, `/`.
    Cpi,
    /// ADI (and the 6-bit code): `0`–`9`, `A`–`Z`, `-`, `/`, and `#` (which
    /// only a serial may start with).
    Adi,
    /// `0`–`9`, `A`–`Z` (CAGE/DoDAAC codes, BIC).
    UpperAlnum,
}

impl Charset {
    #[inline]
    pub(crate) fn allows(self, b: u8) -> bool {
        match self {
            Charset::Digits => b.is_ascii_digit(),
            Charset::Cset82 => is_cset82(b),
            Charset::Cpi => {
                b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b'-' | b'#' | b'/')
            }
            Charset::Adi => {
                b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b'-' | b'#' | b'/')
            }
            Charset::UpperAlnum => b.is_ascii_digit() || b.is_ascii_uppercase(),
        }
    }
}

/// Whether an EPC URI must write `b` as a `%`-escape (TDS: `"` `%` `&` `/`
/// `<` `>` `?`, and `#`, which URNs reserve).
#[inline]
pub(crate) const fn must_escape(b: u8) -> bool {
    matches!(b, b'"' | b'%' | b'&' | b'/' | b'<' | b'>' | b'?' | b'#')
}

/// Appends `f` to `out`, escaping what an EPC URI must. URIs are built as
/// bytes (all ASCII) and made a `String` once, by [`uri_string`]: checking
/// each component as UTF-8 on its own cost more than the copying.
pub(crate) fn write_escaped(out: &mut Vec<u8>, f: &Field) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    /// [`must_escape`] as a table, for a scan without a branch per byte.
    static ESCAPE: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = must_escape(b as u8);
            b += 1;
        }
        t
    };
    // Most components need no escape and are copied whole: numeric ones
    // are known so eight bytes at a time, the others by the table.
    if f.is_short_numeric()
        || !f
            .as_bytes()
            .iter()
            .fold(false, |any, &b| any | ESCAPE[usize::from(b)])
    {
        out.extend_from_slice(f.as_bytes());
        return;
    }
    for &b in f.as_bytes() {
        if must_escape(b) {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        } else {
            out.push(b);
        }
    }
}

/// Text built as ASCII bytes (URIs, hex). Components hold only ASCII, so
/// the bytes are always UTF-8; were one not, it would show as U+FFFD, not
/// panic.
pub(crate) fn uri_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Reads a URI component (between `.`s): decodes `%XX`, checks every
/// character against `charset`, and the length against `min..=max`.
/// `base` is the component's offset in the URI, for error positions.
pub(crate) fn parse_component(
    text: &str,
    base: usize,
    charset: Charset,
    min: usize,
    max: usize,
    field: &'static str,
) -> Result<Field, EpcError> {
    // Most components have no escape and only allowed characters: checked
    // in one pass and copied whole, they take ~135 instructions instead of
    // ~210 decoded byte by byte (callgrind, the SGLN and SGTIN URNs of the
    // CBV event hash). Anything else is decoded byte by byte, which also
    // tells where it goes wrong.
    let b = text.as_bytes();
    let clean = match charset {
        Charset::Digits => b.iter().all(u8::is_ascii_digit),
        _ => b.iter().all(|&c| !must_escape(c) && charset.allows(c)),
    };
    if clean && (min..=max).contains(&b.len()) {
        if let Some(f) = Field::from_bytes(b) {
            return Ok(f);
        }
    }
    parse_component_bytewise(text, base, charset, min, max, field)
}

/// [`parse_component`] one byte (or escape) at a time.
fn parse_component_bytewise(
    text: &str,
    base: usize,
    charset: Charset,
    min: usize,
    max: usize,
    field: &'static str,
) -> Result<Field, EpcError> {
    let b = text.as_bytes();
    let mut out = Field::EMPTY;
    let mut i = 0;
    while i < b.len() {
        let (c, step) = if b[i] == b'%' {
            let hex = |x: u8| (x as char).to_digit(16);
            match (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => ((h * 16 + l) as u8, 3),
                _ => return Err(EpcError::at(EpcErrorKind::BadEscape, base + i)),
            }
        } else {
            // A character that must be escaped may not appear bare.
            if must_escape(b[i]) {
                return Err(EpcError::at(EpcErrorKind::BadCharacter { field }, base + i));
            }
            (b[i], 1)
        };
        if !charset.allows(c) {
            let kind = if step == 3 {
                EpcErrorKind::BadEscape
            } else {
                EpcErrorKind::BadCharacter { field }
            };
            return Err(EpcError::at(kind, base + i));
        }
        if !out.push(c) {
            return Err(EpcError::at(EpcErrorKind::BadComponent { field }, base));
        }
        i += step;
    }
    if out.len() < min || out.len() > max {
        return Err(EpcError::at(EpcErrorKind::BadComponent { field }, base));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_escapes() {
        assert_eq!(Field::from_number(42, 5).as_str(), "00042");
        assert_eq!(Field::from_number(0, 0).as_str(), "0");
        assert_eq!(Field::from_number(123456, 3).as_str(), "123456");
        let f = parse_component("32a%2Fb", 0, Charset::Cset82, 1, 20, "serial").unwrap();
        assert_eq!(f.as_str(), "32a/b");
        let mut s = Vec::new();
        write_escaped(&mut s, &f);
        assert_eq!(uri_string(s), "32a%2Fb");
        // Numeric components of every length copy whole; digits followed
        // by a character to escape do not.
        for text in ["7", "0614141", "12345678", "123456789", "0123456789012345"] {
            let mut s = Vec::new();
            write_escaped(&mut s, &Field::from_bytes(text.as_bytes()).unwrap());
            assert_eq!(uri_string(s), text);
        }
        for (text, uri) in [
            ("1234567/", "1234567%2F"),
            ("123456789012#", "123456789012%23"),
        ] {
            let mut s = Vec::new();
            write_escaped(&mut s, &Field::from_bytes(text.as_bytes()).unwrap());
            assert_eq!(uri_string(s), uri);
        }
        assert!(parse_component("a/b", 0, Charset::Cset82, 1, 20, "serial").is_err());
        assert!(parse_component("%2", 0, Charset::Cset82, 1, 20, "serial").is_err());
        assert!(parse_component("%7E", 0, Charset::Cset82, 1, 20, "serial").is_err());
        assert_eq!(
            parse_component("j7'*)", 0, Charset::Cset82, 1, 20, "x")
                .unwrap()
                .as_str(),
            "j7'*)"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// The one-pass path gives what decoding byte by byte gives: the
        /// same component or the same error (kind and offset), for every
        /// character set and length range, with and without escapes.
        #[test]
        fn parse_component_is_bytewise(
            text in proptest::prop_oneof![
                "[0-9]{0,34}",
                "[0-9A-Z#/-]{0,34}",
                "[ -~]{0,34}",
                "([0-9A-Za-z]|%[0-9A-Fa-f]{2}|%.?){0,20}",
                ".{0,8}",
            ],
            charset in proptest::sample::select(vec![
                Charset::Digits,
                Charset::Cset82,
                Charset::Cpi,
                Charset::Adi,
                Charset::UpperAlnum,
            ]),
            min in 0usize..3,
            max in proptest::prop_oneof![0usize..=34, proptest::strategy::Just(MAX_FIELD)],
            base in 0usize..100,
        ) {
            proptest::prop_assert_eq!(
                parse_component(&text, base, charset, min, max, "x"),
                parse_component_bytewise(&text, base, charset, min, max, "x")
            );
        }
    }
}
