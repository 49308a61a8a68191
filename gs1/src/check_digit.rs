//! GS1 check digits: the mod-10 check digit of numeric keys and the
//! alphanumeric check-character pair of AI (8013) and (8014).
//!
//! Both algorithms come from the GS1 General Specifications ("Check digit
//! calculations", "Check character calculation (for alphanumeric keys)").

/// The 82 characters of GS1 AI encodable character set 82, in the order
/// that gives each its value in the check-character-pair algorithm.
pub(crate) const CSET82_ORDERED: &[u8; 82] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/// The 32 characters a check-character pair is drawn from, in value order.
pub(crate) const CSET32: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// The first prime weights of the check-character-pair algorithm: one per
/// data character, the rightmost data character weighted by 2.
const PRIMES: [u16; 97] = [
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
    197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307,
    311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421,
    431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
];

/// Maximum number of data characters (excluding the pair) that
/// [`check_pair`] supports: one prime weight per character.
pub const MAX_CHECK_PAIR_DATA_LEN: usize = PRIMES.len();

/// Computes the GS1 mod-10 check digit for `digits`, the key without its
/// check digit (ASCII `0`–`9`). Returns `None` when a byte is not a digit.
///
/// ```
/// assert_eq!(serialkit_gs1::check_digit::mod10(b"0952123454321"), Some(b'3'));
/// ```
#[inline]
pub fn mod10(digits: &[u8]) -> Option<u8> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = ONES << 7;
    const ZEROS: u64 = 0x30 * ONES;
    // Weights alternate 3, 1, 3, … starting from the rightmost data digit.
    // Eight digits at a time from the right (every key is checked on every
    // parse): in a little-endian word of eight digits the odd bytes are the
    // ones of weight 3; each half is summed by one multiplication.
    let weigh = |x: u64| -> Option<u64> {
        if (x.wrapping_sub(ZEROS) | x.wrapping_add(0x46 * ONES)) & HIGHS != 0 {
            return None;
        }
        let d = x - ZEROS;
        let heavy = (d >> 8) & 0x00ff_00ff_00ff_00ff;
        let light = d & 0x00ff_00ff_00ff_00ff;
        Some((heavy.wrapping_mul(ONES) >> 56) * 3 + (light.wrapping_mul(ONES) >> 56))
    };
    let word = |eight: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(eight);
        u64::from_le_bytes(w)
    };
    let mut sum = 0u64;
    let mut rest = digits;
    while let Some(split) = rest.len().checked_sub(8) {
        let (head, chunk) = rest.split_at(split);
        sum += weigh(word(chunk))?;
        rest = head;
    }
    // The one to seven leftmost digits, as one more word whose last byte
    // is the rightmost of them (weight 3 again: whole words keep the
    // parity), padded with `0` digits in front, which weigh nothing.
    let r = rest.len();
    if r > 0 {
        let padded = match digits.get(..8) {
            // A long key: the first eight digits, shifted so that those
            // already summed fall off the top.
            Some(first) => (word(first) << (8 * (8 - r))) | (ZEROS >> (8 * r)),
            None => crate::lint::cset::word_padded(rest, b'0') << (8 * (8 - r)) | ZEROS >> (8 * r),
        };
        sum += weigh(padded)?;
    }
    Some(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// Whether `key` (all digits, the last one being the check digit) carries a
/// correct GS1 mod-10 check digit. Empty input is not valid.
///
/// ```
/// assert!(serialkit_gs1::check_digit::is_valid_mod10(b"09521234543213"));
/// assert!(!serialkit_gs1::check_digit::is_valid_mod10(b"09521234543214"));
/// ```
#[inline]
pub fn is_valid_mod10(key: &[u8]) -> bool {
    match key.split_last() {
        Some((&last, body)) => mod10(body) == Some(last),
        None => false,
    }
}

/// Value of a CSET 82 character in the check-pair algorithm.
#[inline]
pub(crate) fn cset82_value(b: u8) -> Option<u16> {
    CSET82_VALUE[b as usize].checked_sub(1).map(u16::from)
}

/// Byte → 1 + position in [`CSET82_ORDERED`], 0 when not in CSET 82.
static CSET82_VALUE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < CSET82_ORDERED.len() {
        t[CSET82_ORDERED[i] as usize] = i as u8 + 1;
        i += 1;
    }
    t
};

/// Computes the two check characters for `data` (CSET 82 characters, without
/// the pair). Returns `None` when a character is outside CSET 82 or the data
/// is longer than [`MAX_CHECK_PAIR_DATA_LEN`].
///
/// ```
/// assert_eq!(serialkit_gs1::check_digit::check_pair(b"1987654Ad4X4bL5ttr2310c"), Some(*b"2K"));
/// ```
pub fn check_pair(data: &[u8]) -> Option<[u8; 2]> {
    if data.len() > PRIMES.len() {
        return None;
    }
    let mut sum = 0u32;
    // The rightmost data character takes the smallest prime (2).
    for (&b, &p) in data.iter().rev().zip(PRIMES.iter()) {
        sum += u32::from(cset82_value(b)?) * u32::from(p);
    }
    let sum = (sum % 1021) as usize;
    Some([CSET32[sum >> 5], CSET32[sum & 31]])
}

/// Whether `key` ends with the correct check-character pair for the
/// characters before it.
///
/// ```
/// assert!(serialkit_gs1::check_digit::is_valid_check_pair(b"1987654Ad4X4bL5ttr2310c2K"));
/// ```
pub fn is_valid_check_pair(key: &[u8]) -> bool {
    if key.len() < 2 {
        return false;
    }
    let (data, pair) = key.split_at(key.len() - 2);
    check_pair(data).is_some_and(|p| p == pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod10_matches_a_digit_loop() {
        let naive = |digits: &[u8]| -> Option<u8> {
            let mut sum = 0u32;
            for (i, &b) in digits.iter().rev().enumerate() {
                if !b.is_ascii_digit() {
                    return None;
                }
                sum += u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 };
            }
            Some(b'0' + ((10 - sum % 10) % 10) as u8)
        };
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..50_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let mut digits: Vec<u8> = (0..len)
                .map(|i| b'0' + ((state >> (i % 16 * 4)) % 10) as u8)
                .collect();
            if state % 5 == 0 && len > 0 {
                // Bytes just outside the digits, and far outside.
                let at = (state >> 40) as usize % len;
                digits[at] = [b'/', b':', 0x00, 0xb0, 0xff][(state >> 50) as usize % 5];
            }
            assert_eq!(mod10(&digits), naive(&digits), "{digits:?}");
        }
    }

    #[test]
    fn mod10_known_keys() {
        assert_eq!(mod10(b"0952123454321"), Some(b'3'));
        assert_eq!(mod10(b"12345678901234567"), Some(b'5'));
        assert_eq!(mod10(b""), Some(b'0'));
        assert_eq!(mod10(b"12a"), None);
        assert!(is_valid_mod10(b"123456789012345675"));
        assert!(!is_valid_mod10(b""));
        assert!(!is_valid_mod10(b"1x"));
    }

    #[test]
    fn check_pair_reference_examples() {
        // Examples from the GS1 General Specifications and the reference linter tests.
        for ok in [
            &b"22"[..],
            b"!22",
            b"12345678901234567890123NT",
            b"12345_ABCDEFGHIJKLMCP",
            b"12345_0123456789:;<=>?62",
            b"00000!HV",
            b"99999zzzzzzzzzzzzzzzzzzT2",
        ] {
            assert!(is_valid_check_pair(ok), "{}", String::from_utf8_lossy(ok));
        }
        assert!(!is_valid_check_pair(b"33"));
        assert!(!is_valid_check_pair(b"2"));
        assert_eq!(check_pair(b" "), None);
    }
}

/// The weighting functions of the price/weight check digit (GS1 General
/// Specifications, "Check digit calculation for price/weight fields"): the
/// digit is multiplied by 2, 3 or 5, and the product reduced to one digit.
mod price_weight {
    /// `2-`: units digit minus tens digit of 2·d, mod 10.
    pub(super) const fn two_minus(d: u8) -> u8 {
        let p = d * 2;
        (p % 10 + 10 - p / 10) % 10
    }
    /// `3`: units digit of 3·d.
    pub(super) const fn three(d: u8) -> u8 {
        d * 3 % 10
    }
    /// `5+`: units digit plus tens digit of 5·d.
    pub(super) const fn five_plus(d: u8) -> u8 {
        let p = d * 5;
        (p % 10 + p / 10) % 10
    }
    /// `5-`: units digit minus tens digit of 5·d, mod 10.
    pub(super) const fn five_minus(d: u8) -> u8 {
        let p = d * 5;
        (p % 10 + 10 - p / 10) % 10
    }
}

/// The check digit of a four- or five-digit price or weight field in a
/// variable-measure GTIN-13 (restricted circulation number), as a number.
/// `None` for another length or a non-digit.
///
/// ```
/// use serialkit_gs1::check_digit::price_weight;
/// assert_eq!(price_weight(b"2875"), Some(9));
/// assert_eq!(price_weight(b"14685"), Some(6));
/// ```
pub fn price_weight(digits: &[u8]) -> Option<u8> {
    use price_weight::{five_minus, five_plus, three, two_minus};
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let d = |i: usize| digits[i] - b'0';
    match digits.len() {
        4 => {
            let sum = u32::from(two_minus(d(0)))
                + u32::from(two_minus(d(1)))
                + u32::from(three(d(2)))
                + u32::from(five_minus(d(3)));
            Some((sum * 3 % 10) as u8)
        }
        5 => {
            let sum = u32::from(five_plus(d(0)))
                + u32::from(two_minus(d(1)))
                + u32::from(five_minus(d(2)))
                + u32::from(five_plus(d(3)))
                + u32::from(two_minus(d(4)));
            let r = ((10 - sum % 10) % 10) as u8;
            // The check digit is the digit whose 5- weight equals r.
            (0..10).find(|&c| five_minus(c) == r)
        }
        _ => None,
    }
}

#[cfg(test)]
mod price_weight_tests {
    use super::*;

    #[test]
    fn weight_tables() {
        let t = |f: fn(u8) -> u8| (0..10).map(f).collect::<Vec<_>>();
        assert_eq!(t(price_weight::two_minus), [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]);
        assert_eq!(t(price_weight::three), [0, 3, 6, 9, 2, 5, 8, 1, 4, 7]);
        assert_eq!(t(price_weight::five_plus), [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]);
        assert_eq!(t(price_weight::five_minus), [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]);
        assert_eq!(price_weight(b"123"), None);
        assert_eq!(price_weight(b"12a4"), None);
    }
}
