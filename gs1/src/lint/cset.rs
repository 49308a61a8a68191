//! The GS1 AI encodable character sets and their linters: `csetnumeric`
//! (component type N), `cset82` (X), `cset39` (Y) and `cset64` (Z).
//!
//! Membership is one lookup in a 256-entry class table, so a byte ≥ 0x80 is
//! simply "not in the set": no UTF-8 decoding happens anywhere.

use super::error::{LintError, LintErrorKind, fail};
use crate::check_digit::CSET82_ORDERED;

const DIGIT: u8 = 1;
const CSET82: u8 = 2;
const CSET39: u8 = 4;
const CSET64: u8 = 8;
/// CSET 82 without `(`, which opens the next AI in bracketed syntax.
const CSET82_UNBRACKETED: u8 = 16;

/// The 39 characters of CSET 39.
const CSET39_CHARS: &[u8; 39] = b"#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// The 64 characters of CSET 64 (file-safe base64, without the `=` pad).
const CSET64_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Byte → set of classes it belongs to.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] |= DIGIT;
        b += 1;
    }
    let mut i = 0;
    while i < CSET82_ORDERED.len() {
        t[CSET82_ORDERED[i] as usize] |= CSET82 | CSET82_UNBRACKETED;
        i += 1;
    }
    t[b'(' as usize] ^= CSET82_UNBRACKETED;
    i = 0;
    while i < CSET39_CHARS.len() {
        t[CSET39_CHARS[i] as usize] |= CSET39;
        i += 1;
    }
    i = 0;
    while i < CSET64_CHARS.len() {
        t[CSET64_CHARS[i] as usize] |= CSET64;
        i += 1;
    }
    t
};

/// Whether `b` is an ASCII digit `0`–`9`.
#[inline]
pub fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Whether `b` is in GS1 AI encodable character set 82.
#[inline]
pub fn is_cset82(b: u8) -> bool {
    CLASS[b as usize] & CSET82 != 0
}

/// Whether `b` is in GS1 AI encodable character set 39.
#[inline]
pub fn is_cset39(b: u8) -> bool {
    CLASS[b as usize] & CSET39 != 0
}

/// Whether `b` is one of the 64 data characters of GS1 AI encodable
/// character set 64 (file-safe base64). The pad character `=` is not.
#[inline]
pub fn is_cset64(b: u8) -> bool {
    CLASS[b as usize] & CSET64 != 0
}

/// Offset of the first byte of `value` outside `class`: four lookups
/// combined per step while all are inside, then one byte at a time.
#[inline]
fn first_outside(value: &[u8], class: u8) -> Option<usize> {
    let mut chunks = value.chunks_exact(4);
    let mut offset = 0;
    for c in &mut chunks {
        let all = CLASS[c[0] as usize]
            & CLASS[c[1] as usize]
            & CLASS[c[2] as usize]
            & CLASS[c[3] as usize];
        if all & class == 0 {
            break;
        }
        offset += 4;
    }
    value[offset..]
        .iter()
        .position(|&b| CLASS[b as usize] & class == 0)
        .map(|i| offset + i)
}

/// Offset of the first byte of `value` outside CSET 82.
#[inline]
pub(crate) fn first_outside_cset82(value: &[u8]) -> Option<usize> {
    first_outside(value, CSET82)
}

/// Offset of the first byte of `value` outside CSET 82 or equal to `(`:
/// where a CSET 82 value in bracketed syntax ends (`[`, the other opening
/// bracket, is outside CSET 82 anyway).
#[inline]
pub(crate) fn first_outside_cset82_or_open(value: &[u8]) -> Option<usize> {
    first_outside(value, CSET82_UNBRACKETED)
}

/// The linter of a component's character set, called directly: every
/// component of every message is checked here, and the full [`Linter`]
/// dispatch is not needed for these four.
///
/// [`Linter`]: super::Linter
#[inline]
pub(crate) fn check_charset(charset: crate::ai::Charset, value: &[u8]) -> Result<(), LintError> {
    use crate::ai::Charset;
    match charset {
        Charset::N => csetnumeric(value),
        Charset::X => cset82(value),
        Charset::Y => cset39(value),
        Charset::Z => cset64(value),
    }
}

/// Offset of the first byte of `value` that is not a digit.
///
/// Numeric components are linted on every message, so this tests eight
/// bytes at a time: in each byte, `b - 0x30` sets the high bit when
/// `b < 0x30` or `b ≥ 0xB0`, and `b + 0x46` sets it when `0x3A ≤ b < 0xBA`.
/// Borrows and carries only leave a byte that is itself not a digit, so the
/// lowest flagged byte is exactly the first non-digit.
#[inline]
pub(crate) fn first_non_digit(value: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    let flags = |word: [u8; 8]| {
        let x = u64::from_le_bytes(word);
        (x.wrapping_sub(0x30 * ONES) | x.wrapping_add(0x46 * ONES)) & (0x80 * ONES)
    };
    let mut chunks = value.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let f = flags(word);
        if f != 0 {
            return Some(offset + f.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    // The last one to seven bytes as one more word: the last eight bytes
    // of a long value (those before the tail are digits, so the lowest flag
    // is in the tail), or a short value padded with digits.
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    let (word, at) = match value.len().checked_sub(8) {
        Some(start) => (value[start..].try_into().ok()?, start),
        None => (word_padded(rest, b'0').to_le_bytes(), offset),
    };
    match flags(word) {
        0 => None,
        f => Some(at + f.trailing_zeros() as usize / 8),
    }
}

/// The bytes of `short` (at most eight) as a little-endian word, the bytes
/// after them set to `pad`. Two overlapping loads instead of a copy into a
/// buffer: the copy of a variable length became a call to `memcpy`.
#[inline]
pub(crate) fn word_padded(short: &[u8], pad: u8) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    let n = short.len();
    let loaded = match n {
        0 => return ONES * u64::from(pad),
        1..=3 => {
            u64::from(short[0])
                | u64::from(short[n / 2]) << (8 * (n / 2))
                | u64::from(short[n - 1]) << (8 * (n - 1))
        }
        4..=7 => {
            let lo = u32::from_le_bytes([short[0], short[1], short[2], short[3]]);
            let hi = u32::from_le_bytes([short[n - 4], short[n - 3], short[n - 2], short[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        _ => return u64::from_le_bytes(short[..8].try_into().unwrap_or([pad; 8])),
    };
    // Bytes `n..8` are still zero.
    loaded | (ONES * u64::from(pad)) << (8 * n)
}

/// `Err(NON_DIGIT_CHARACTER)` at the first non-digit of `value`.
#[inline]
pub(crate) fn require_digits(value: &[u8]) -> Result<(), LintError> {
    match first_non_digit(value) {
        Some(pos) => fail(LintErrorKind::NonDigitCharacter, pos, 1),
        None => Ok(()),
    }
}

/// `csetnumeric`: every byte is a digit (component type N).
pub(crate) fn csetnumeric(value: &[u8]) -> Result<(), LintError> {
    require_digits(value)
}

/// `cset82`: every byte is in CSET 82 (component type X).
pub(crate) fn cset82(value: &[u8]) -> Result<(), LintError> {
    match first_outside(value, CSET82) {
        Some(pos) => fail(LintErrorKind::InvalidCset82Character, pos, 1),
        None => Ok(()),
    }
}

/// `cset39`: every byte is in CSET 39 (component type Y).
pub(crate) fn cset39(value: &[u8]) -> Result<(), LintError> {
    match first_outside(value, CSET39) {
        Some(pos) => fail(LintErrorKind::InvalidCset39Character, pos, 1),
        None => Ok(()),
    }
}

/// `cset64`: file-safe base64 with optional `=` padding (component type Z).
///
/// Padding is optional, but when present there are at most two `=` and the
/// whole value (padding included) has a length that is a multiple of 3; the
/// padding error spans the `=` run. Otherwise the first byte before the
/// padding that is not a CSET 64 character is reported.
pub(crate) fn cset64(value: &[u8]) -> Result<(), LintError> {
    let data_len = value.len() - value.iter().rev().take_while(|&&b| b == b'=').count();
    let pads = value.len() - data_len;
    if pads > 2 || (pads > 0 && value.len() % 3 != 0) {
        return fail(LintErrorKind::InvalidCset64Padding, data_len, pads);
    }
    match first_outside(&value[..data_len], CSET64) {
        Some(pos) => fail(LintErrorKind::InvalidCset64Character, pos, 1),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;

    #[test]
    fn set_sizes_match_their_names() {
        let count = |f: fn(u8) -> bool| (0..=255u8).filter(|&b| f(b)).count();
        assert_eq!(count(is_digit), 10);
        assert_eq!(count(is_cset82), 82);
        assert_eq!(count(is_cset39), 39);
        assert_eq!(count(is_cset64), 64);
        // CSET 39 and CSET 64 are subsets of CSET 82 except '#' (39 only).
        assert!((0..=255u8).filter(|&b| is_cset64(b)).all(is_cset82));
        assert!(!is_cset82(b'#') && is_cset39(b'#'));
        assert!((0x80..=0xFF).all(|b| !is_cset82(b) && !is_cset39(b) && !is_cset64(b)));
        for b in 0..=255u8 {
            let unbracketed = first_outside_cset82_or_open(&[b]).is_none();
            assert_eq!(unbracketed, is_cset82(b) && b != b'(', "{b}");
        }
    }

    #[test]
    fn word_at_a_time_digit_scan_matches_bytewise() {
        // Every byte value at every position of a 19-byte run of digits,
        // plus pairs of bad bytes, against the obvious byte loop.
        let naive = |v: &[u8]| v.iter().position(|b| !b.is_ascii_digit());
        let base = *b"0123456789012345678";
        for pos in 0..base.len() {
            for b in 0..=255u8 {
                let mut v = base;
                v[pos] = b;
                assert_eq!(first_non_digit(&v), naive(&v), "{v:?}");
                for later in pos + 1..base.len() {
                    let mut w = v;
                    w[later] = b.wrapping_add(0x80);
                    assert_eq!(first_non_digit(&w), naive(&w), "{w:?}");
                }
            }
        }
        assert_eq!(first_non_digit(b""), None);
    }

    #[test]
    fn padded_words_hold_the_bytes_then_the_pad() {
        let bytes = *b"\x01\x82\x03\xf4\x05\x06\x07\x88\x09";
        for n in 0..=9 {
            for pad in [0u8, b'0', 0xff] {
                let mut want = [pad; 8];
                let m = n.min(8);
                want[..m].copy_from_slice(&bytes[..m]);
                assert_eq!(word_padded(&bytes[..n], pad).to_le_bytes(), want, "{n}");
            }
        }
    }

    #[test]
    fn charset_linters_report_first_bad_byte() {
        use LintErrorKind::*;
        assert_eq!(span(csetnumeric(b"")), None);
        assert_eq!(span(csetnumeric(b"12a4")), Some((NonDigitCharacter, 2, 3)));
        assert_eq!(span(cset82(b"AB C")), Some((InvalidCset82Character, 2, 3)));
        assert_eq!(
            span(cset82(b"ok\xC3\xA9")),
            Some((InvalidCset82Character, 2, 3))
        );
        assert_eq!(span(cset82(b"!\"%&'()*+,-./:;<=>?_z")), None);
        assert_eq!(span(cset39(b"AB-#/09")), None);
        assert_eq!(span(cset39(b"ABc")), Some((InvalidCset39Character, 2, 3)));
    }

    #[test]
    fn cset64_padding_rules() {
        use LintErrorKind::*;
        for ok in [&b""[..], b"123", b"12", b"12=", b"1==", b"AZaz09-_"] {
            assert_eq!(span(cset64(ok)), None, "{ok:?}");
        }
        assert_eq!(span(cset64(b"===")), Some((InvalidCset64Padding, 0, 3)));
        assert_eq!(span(cset64(b"123=")), Some((InvalidCset64Padding, 3, 4)));
        assert_eq!(span(cset64(b"12====")), Some((InvalidCset64Padding, 2, 6)));
        assert_eq!(span(cset64(b"=23")), Some((InvalidCset64Character, 0, 1)));
        assert_eq!(span(cset64(b"AB C")), Some((InvalidCset64Character, 2, 3)));
    }
}
