//! Compile-time bit sets for code lists whose codes map onto small integers:
//! three-digit numeric codes (0–999) and two-letter codes (AA–ZZ).

/// A set of three-digit numeric codes `000`–`999`, one bit each.
pub(crate) struct NumericSet([u64; 16]);

impl NumericSet {
    /// The set of `codes` (each below 1000).
    pub(crate) const fn new(codes: &[u16]) -> Self {
        let mut bits = [0u64; 16];
        let mut i = 0;
        while i < codes.len() {
            let n = codes[i] as usize;
            assert!(n < 1000, "numeric code out of range");
            bits[n / 64] |= 1 << (n % 64);
            i += 1;
        }
        NumericSet(bits)
    }

    /// Whether `n` is in the set.
    #[inline]
    pub(crate) fn contains_number(&self, n: u16) -> bool {
        let n = usize::from(n);
        n < 1000 && self.0[n / 64] & (1 << (n % 64)) != 0
    }

    /// Whether `value` is exactly three digits naming a code in the set.
    #[inline]
    pub(crate) fn contains(&self, value: &[u8]) -> bool {
        let &[a, b, c] = value else { return false };
        let (a, b, c) = (
            a.wrapping_sub(b'0'),
            b.wrapping_sub(b'0'),
            c.wrapping_sub(b'0'),
        );
        if a > 9 || b > 9 || c > 9 {
            return false;
        }
        self.contains_number(u16::from(a) * 100 + u16::from(b) * 10 + u16::from(c))
    }
}

/// A set of two-letter codes `AA`–`ZZ` (upper case), one bit each.
pub(crate) struct Alpha2Set([u64; 11]);

impl Alpha2Set {
    /// The set of `codes` (each two upper-case letters).
    pub(crate) const fn new(codes: &[[u8; 2]]) -> Self {
        let mut bits = [0u64; 11];
        let mut i = 0;
        while i < codes.len() {
            let [a, b] = codes[i];
            assert!(
                a.is_ascii_uppercase() && b.is_ascii_uppercase(),
                "not an alpha-2 code"
            );
            let n = (a - b'A') as usize * 26 + (b - b'A') as usize;
            bits[n / 64] |= 1 << (n % 64);
            i += 1;
        }
        Alpha2Set(bits)
    }

    /// Whether `value` is exactly two upper-case letters naming a code in
    /// the set.
    #[inline]
    pub(crate) fn contains(&self, value: &[u8]) -> bool {
        let &[a, b] = value else { return false };
        let (a, b) = (a.wrapping_sub(b'A'), b.wrapping_sub(b'A'));
        if a > 25 || b > 25 {
            return false;
        }
        let n = usize::from(a) * 26 + usize::from(b);
        self.0[n / 64] & (1 << (n % 64)) != 0
    }

    /// Number of codes in the set.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}
