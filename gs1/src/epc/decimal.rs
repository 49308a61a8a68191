//! Decimal digits to and from integers eight at a time, one digit per byte
//! lane of a machine word (SWAR). The 96-bit fast paths turn 12- and
//! 13-digit numbers into text and back with a handful of multiplications
//! instead of a division or a multiplication per digit.
//!
//! Digit strings are held as integers in little-endian lane order: the
//! first (most significant) digit in the lowest byte, which is how the
//! bytes of a [`super::field::Field`] read as a `u128`.

/// `'0'` in each of eight byte lanes.
pub(crate) const ZEROS8: u64 = 0x3030_3030_3030_3030;

/// The high nibble of each of eight byte lanes.
const HIGH_NIBBLES8: u64 = 0xF0F0_F0F0_F0F0_F0F0;

/// Six in each byte lane: pushes a low nibble above 9 into the high nibble.
const SIXES8: u64 = 0x0606_0606_0606_0606;

/// The digit values (0–9, not ASCII) of `n` < 10⁸, zero padded to eight,
/// the first digit in the lowest byte.
#[inline]
pub(crate) const fn eight_digit_values(n: u32) -> u64 {
    let n = n as u64;
    // Two four-digit halves, the first in the low 32-bit lane.
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // Each lane divided by 100: (x · 10486) >> 20 is exact below 10⁴, and
    // the products (< 2²⁷) stay inside their lanes.
    let q = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let y = q | ((x - q * 100) << 16);
    // Each 16-bit lane divided by 10: (y · 103) >> 10 is exact below 100.
    let q = ((y * 103) >> 10) & 0x000F_000F_000F_000F;
    q | ((y - q * 10) << 8)
}

/// A mask of the lowest `n` byte lanes (n < 8).
#[inline]
pub(crate) const fn low_lanes8(n: usize) -> u64 {
    (1u64 << (8 * n)) - 1
}

/// The value of eight digit values (0–9 each), the first in the lowest
/// byte: pairs, then quadruples, then the whole, each step one
/// multiplication over all lanes.
#[inline]
const fn eight_value(d: u64) -> u32 {
    let d = (d * 10 + (d >> 8)) & 0x00FF_00FF_00FF_00FF;
    let d = (d * 100 + (d >> 16)) & 0x0000_FFFF_0000_FFFF;
    ((d * 10_000 + (d >> 32)) & 0xFFFF_FFFF) as u32
}

/// Whether each of eight ASCII bytes is `'0'`–`'9'`.
#[inline]
pub(crate) const fn all_digits(ascii: u64) -> bool {
    // A digit has high nibble 3, and adding 6 to its low nibble does not
    // carry into it (a carry would stay inside the byte: 3 + 1 < 16).
    ascii & HIGH_NIBBLES8 == ZEROS8 && (ascii + SIXES8) & HIGH_NIBBLES8 == ZEROS8
}

/// The value of eight ASCII bytes, the first in the lowest lane; `None`
/// unless every byte is `'0'`–`'9'`.
#[inline]
pub(crate) const fn parse_eight(ascii: u64) -> Option<u32> {
    if !all_digits(ascii) {
        return None;
    }
    Some(eight_value(ascii - ZEROS8))
}

/// The `len` (1–8) ASCII bytes in the low lanes of `head` moved up to end
/// at the top lane (lanes past `len` fall off), the lanes below them '0'.
#[inline]
pub(crate) const fn right_aligned(head: u64, len: usize) -> u64 {
    let pad = 8 - len;
    (head << (8 * pad)) | (ZEROS8 & low_lanes8(pad))
}

/// The value of the `len` (1–8) ASCII digits in the low lanes of `head`
/// (lanes at and above `len` are ignored), or `None` when one is not a
/// digit.
#[inline]
pub(crate) const fn parse_up_to_eight(head: u64, len: usize) -> Option<u32> {
    parse_eight(right_aligned(head, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(values: u64) -> String {
        values
            .to_le_bytes()
            .iter()
            .map(|&d| char::from(b'0' + d))
            .collect()
    }

    /// Every four-digit half (n = k · 10001 puts k in both halves), and
    /// numbers around powers of ten, against `format!`.
    #[test]
    fn eight_digits_match_format() {
        let check = |n: u32| assert_eq!(text(eight_digit_values(n)), format!("{n:08}"));
        for k in 0..10_000 {
            check(k * 10_001);
        }
        for p in 0..8 {
            let t = 10u32.pow(p);
            for n in t.saturating_sub(3)..t + 3 {
                check(n);
            }
        }
        check(99_999_999);
    }

    #[test]
    fn digits_parse_back() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = seed % 10_000_000_000_000_000;
            let ascii = [n / 100_000_000, n % 100_000_000]
                .map(|half| (eight_digit_values(half as u32) | ZEROS8).to_le_bytes())
                .concat();
            let s = String::from_utf8(ascii.clone()).expect("ASCII");
            assert_eq!(s, format!("{n:016}"));
            let first = u64::from_le_bytes(*ascii.first_chunk::<8>().expect("16 bytes"));
            assert_eq!(parse_eight(first), s[..8].parse().ok());
            // The last `len` digits, followed by bytes that are ignored.
            let len = (seed >> 60) as usize % 8 + 1;
            let mut b = [b'x'; 8];
            b[..len].copy_from_slice(&ascii[16 - len..]);
            let tail = &s[16 - len..];
            assert_eq!(
                parse_up_to_eight(u64::from_le_bytes(b), len),
                tail.parse().ok(),
                "{tail}"
            );
        }
    }

    #[test]
    fn non_digits_are_refused() {
        for bad in [b'/', b':', b'A', b' ', 0, 0x7F, b'0' + 16, b'0' - 16] {
            for at in 0..8 {
                let mut b = [b'5'; 8];
                b[at] = bad;
                assert_eq!(parse_eight(u64::from_le_bytes(b)), None, "{bad} at {at}");
                assert_eq!(parse_up_to_eight(u64::from_le_bytes(b), at + 1), None);
            }
        }
    }
}
