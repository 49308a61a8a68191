//! [`SerialFormat`]: which strings are serials of a pool, numbered `0..N`.
//!
//! Serials are numbered shortest first, then in alphabet order, position by
//! position (a mixed-radix number whose most significant digit is the first
//! character). The first character has its own radix when the
//! no-leading-zero rule removes `0` from it. Ranks are `u128`: every GS1
//! serial of up to 20 characters fits, and so does a 30-character GIAI
//! reference in alphabets of up to 19 symbols.

use serde::{Deserialize, Serialize};
use strength_reduce::{StrengthReducedU64, StrengthReducedU128};

use crate::alphabet::{Alphabet, is_serial_char};
use crate::error::{FormatError, RankError};
use crate::serial::{MAX_SERIAL_LEN, Serial};

/// Longest AI 21 serial (GTIN serial number).
pub const MAX_AI21_LEN: usize = 20;

/// How long a serial's variable part (after the prefix) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SerialLength {
    /// Exactly this many characters.
    Fixed(u8),
    /// Any length from `min` to `max` inclusive.
    Variable {
        /// Shortest.
        min: u8,
        /// Longest.
        max: u8,
    },
}

impl SerialLength {
    fn bounds(self) -> (usize, usize) {
        match self {
            Self::Fixed(n) => (usize::from(n), usize::from(n)),
            Self::Variable { min, max } => (usize::from(min), usize::from(max)),
        }
    }
}

/// The stored description of a format, before its checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatSpec {
    /// Symbols in digit order.
    pub alphabet: Alphabet,
    /// Length of the part after the prefix.
    pub length: SerialLength,
    /// Fixed leading characters (may be empty).
    pub prefix: String,
    /// The serial may not start with `0`.
    pub no_leading_zero: bool,
    /// Longest whole serial (prefix included) the key type allows: 20 for
    /// AI 21, 16 for GRAI, 30 − company-prefix length for GIAI.
    pub max_total_len: u8,
}

/// A validated serial format with its numbering.
///
/// ```
/// use serialkit_serial::{Alphabet, SerialFormat};
/// let f = SerialFormat::builder(Alphabet::numeric())
///     .fixed_length(3)
///     .prefix("7")
///     .build()
///     .unwrap();
/// assert_eq!(f.domain_size(), 1000);
/// assert_eq!(f.unrank(42).unwrap().as_str(), "7042");
/// assert_eq!(f.rank("7042").unwrap(), 42);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "FormatSpec", into = "FormatSpec")]
pub struct SerialFormat {
    spec: FormatSpec,
    min_len: usize,
    max_len: usize,
    /// Radix of the first body position (one less when `0` is excluded).
    first_radix: u64,
    /// Digit of `0` in the alphabet when the first position skips it.
    skipped_zero: Option<u32>,
    /// `bucket[i]` = number of serials whose body has length `min_len + i`.
    bucket: Vec<u128>,
    domain: u128,
    /// The prefix padded with zeros to a whole serial buffer, copied as one
    /// fixed-size block rather than a slice of the prefix's length.
    #[serde(skip)]
    template: [u8; MAX_SERIAL_LEN],
    #[serde(skip)]
    digits: Digits,
    /// `first_symbol[d]`: the symbol of the first body position's digit
    /// `d` (the leading-zero rule already applied).
    #[serde(skip)]
    first_symbol: Vec<u8>,
    /// Symbol pairs of the two-digit numbers `0..radix²`.
    #[serde(skip)]
    pairs: Vec<[u8; 2]>,
}

/// Everything else is derived from the spec.
impl PartialEq for SerialFormat {
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}
impl Eq for SerialFormat {}

/// Base-radix digit extraction by multiplication.
///
/// For `d = radix^k` and `M = ⌈2^64 / d⌉`, when `x·d < 2^64` the 128-bit
/// product `x·M` holds `⌊x / d⌋` in its high word and, in its low word, the
/// fraction `(x mod d) / d` in 0.64 fixed point with an error below
/// `x < 2^64 / d`. Multiplying that fraction by `radix` (or `radix²`)
/// brings the next digit (pair) of `x mod d` into the high word, most
/// significant first; the error grows by the same factor and stays below
/// one unit of the digits still to come, so every digit is exact (the
/// proof is Lemire, Kaser and Kurz's for remainders by multiplication,
/// "Faster remainder by direct computation", 2019). A digit pair then costs
/// one multiplication instead of a division.
#[derive(Debug, Clone)]
struct Digits {
    radix: u64,
    /// Largest `g` with `radix^g ≤ 2^32`: a remainder below `radix^g`
    /// times `radix^g` fits 64 bits.
    group: usize,
    /// Largest `t` with `radix^(2t+1) ≤ 2^64`: a value below `radix^(t+1)`
    /// yields its quotient and `t` digits from one multiplication.
    tail: usize,
    /// `scale[k] = ⌈2^64 / radix^k⌉` for `1 ≤ k ≤ group`.
    scale: [u64; 33],
    /// Division by `radix^k` for `1 ≤ k ≤ group`, to split a u64 into
    /// groups of digits.
    split: [StrengthReducedU64; 33],
    /// Digits of one `u64` chunk when splitting a `u128` rank.
    chunk_digits: usize,
    /// `radix^chunk_digits`.
    chunk: StrengthReducedU128,
}

impl Default for Digits {
    fn default() -> Self {
        Self::new(2)
    }
}

impl Digits {
    fn new(radix: u64) -> Self {
        let r = u128::from(radix);
        let mut group = 1;
        while r.pow(group as u32 + 1) <= 1 << 32 {
            group += 1;
        }
        let mut tail = 0;
        while r
            .checked_pow(2 * tail as u32 + 3)
            .is_some_and(|p| p <= 1 << 64)
        {
            tail += 1;
        }
        let mut scale = [0u64; 33];
        let mut split = [StrengthReducedU64::new(1); 33];
        for k in 1..=group {
            let d = radix.pow(k as u32);
            scale[k] = u64::MAX / d + 1;
            split[k] = StrengthReducedU64::new(d);
        }
        let mut chunk_digits = 1;
        while r.pow(chunk_digits as u32 + 1) <= u128::from(u64::MAX) {
            chunk_digits += 1;
        }
        Self {
            radix,
            group,
            tail,
            scale,
            split,
            chunk_digits,
            chunk: StrengthReducedU128::new(r.pow(chunk_digits as u32)),
        }
    }
}

/// Builds a [`SerialFormat`].
#[derive(Debug, Clone)]
pub struct SerialFormatBuilder {
    spec: FormatSpec,
}

impl SerialFormatBuilder {
    /// Body of exactly `n` characters.
    pub fn fixed_length(mut self, n: u8) -> Self {
        self.spec.length = SerialLength::Fixed(n);
        self
    }
    /// Body of `min..=max` characters.
    pub fn length_range(mut self, min: u8, max: u8) -> Self {
        self.spec.length = SerialLength::Variable { min, max };
        self
    }
    /// Fixed leading characters.
    pub fn prefix(mut self, prefix: &str) -> Self {
        self.spec.prefix = prefix.to_owned();
        self
    }
    /// Forbid a leading `0`.
    pub fn no_leading_zero(mut self, yes: bool) -> Self {
        self.spec.no_leading_zero = yes;
        self
    }
    /// Longest whole serial allowed by the key type (default 20, AI 21).
    pub fn max_total_len(mut self, n: u8) -> Self {
        self.spec.max_total_len = n;
        self
    }
    /// Checks and builds.
    ///
    /// # Errors
    /// [`FormatError`] saying which setting is wrong.
    pub fn build(self) -> Result<SerialFormat, FormatError> {
        SerialFormat::try_from(self.spec)
    }
}

impl SerialFormat {
    /// Starts a format over `alphabet`: by default variable length 1–20,
    /// no prefix, leading zeros allowed.
    pub fn builder(alphabet: Alphabet) -> SerialFormatBuilder {
        SerialFormatBuilder {
            spec: FormatSpec {
                alphabet,
                length: SerialLength::Variable {
                    min: 1,
                    max: MAX_AI21_LEN as u8,
                },
                prefix: String::new(),
                no_leading_zero: false,
                max_total_len: MAX_AI21_LEN as u8,
            },
        }
    }

    /// The description this format was built from.
    pub fn spec(&self) -> &FormatSpec {
        &self.spec
    }
    /// The alphabet.
    pub fn alphabet(&self) -> &Alphabet {
        &self.spec.alphabet
    }
    /// The prefix.
    pub fn prefix(&self) -> &str {
        &self.spec.prefix
    }
    /// Shortest and longest body length.
    pub fn body_lengths(&self) -> (usize, usize) {
        (self.min_len, self.max_len)
    }

    /// `N`: how many serials the format has.
    pub fn domain_size(&self) -> u128 {
        self.domain
    }

    /// The serial numbered `index`.
    ///
    /// # Errors
    /// [`FormatError::IndexOutOfDomain`] when `index >= domain_size()`.
    #[inline]
    pub fn unrank(&self, index: u128) -> Result<Serial, FormatError> {
        let mut buf = [0u8; MAX_SERIAL_LEN];
        let n = self.unrank_into(index, &mut buf)?;
        Ok(Serial::from_trusted(&buf[..n]))
    }

    /// Writes the serial numbered `index` into `out` (zeros after it),
    /// returning its length.
    ///
    /// # Errors
    /// [`FormatError::IndexOutOfDomain`] when `index >= domain_size()`.
    #[inline]
    pub fn unrank_into(
        &self,
        index: u128,
        out: &mut [u8; MAX_SERIAL_LEN],
    ) -> Result<usize, FormatError> {
        if index >= self.domain {
            return Err(FormatError::IndexOutOfDomain {
                index,
                domain: self.domain,
            });
        }
        let mut v = index;
        let mut body_len = self.min_len;
        for &count in &self.bucket {
            if v < count {
                break;
            }
            v -= count;
            body_len += 1;
        }
        // The prefix and zeros after it in one fixed-size copy.
        *out = self.template;
        let p = self.spec.prefix.len();
        let body = &mut out[p..p + body_len];
        // Every position after the first has the full radix; what is left
        // after them is the first position's digit.
        let first = self.write_symbols(v, &mut body[1..]);
        body[0] = self.first_symbol[first as usize];
        Ok(p + body_len)
    }

    /// Writes the symbols of the `out.len()` least significant base-radix
    /// digits of `v` and returns the quotient left over, which must be
    /// below `radix` (true of every rank: the first position's digit).
    #[inline]
    fn write_symbols(&self, mut v: u128, out: &mut [u8]) -> u64 {
        let d = &self.digits;
        let mut pos = out.len();
        // Peel off whole u64-sized chunks while `v` needs more than 64 bits.
        while v > u128::from(u64::MAX) && pos >= d.chunk_digits {
            let (q, r) = StrengthReducedU128::div_rem(v, d.chunk);
            self.write_u64(r as u64, &mut out[pos - d.chunk_digits..pos]);
            v = q;
            pos -= d.chunk_digits;
        }
        // Now `v < first_radix · radix^pos ≤ radix^chunk_digits`: it fits a
        // u64 (the domain bound guarantees it).
        self.write_u64(v as u64, &mut out[..pos])
    }

    /// Writes the `out.len()` least significant digits of `x` and returns
    /// the quotient; `x` must be below `radix^(out.len() + 1)`.
    ///
    /// Groups of digits are split off the low end by division until at
    /// most [`Digits::tail`] are left, whose digits and quotient come from
    /// one multiplication (for 12 characters of 0-9A-Z: one division by
    /// 36^6, then two multiplications by scales and six by 36²).
    #[inline]
    fn write_u64(&self, mut x: u64, out: &mut [u8]) -> u64 {
        let d = &self.digits;
        let mut end = out.len();
        while end > d.tail {
            let k = (end - d.tail).min(d.group);
            let (q, r) = StrengthReducedU64::div_rem(x, d.split[k]);
            // r < radix^k ≤ 2^32, so r · radix^k < 2^64.
            self.write_fraction(r.wrapping_mul(d.scale[k]), &mut out[end - k..end]);
            x = q;
            end -= k;
        }
        if end == 0 {
            return x;
        }
        // x < radix^(end+1) and radix^(2·end+1) ≤ 2^64: x · radix^end < 2^64.
        let p = u128::from(x) * u128::from(d.scale[end]);
        self.write_fraction(p as u64, &mut out[..end]);
        (p >> 64) as u64
    }

    /// Writes the `out.len()` digits of the 0.64 fixed-point fraction `c`
    /// (see [`Digits`]), most significant first: one multiplication per
    /// pair of symbols.
    #[inline(always)]
    fn write_fraction(&self, mut c: u64, out: &mut [u8]) {
        let radix = self.digits.radix;
        let mut i = 0;
        if out.len() % 2 == 1 {
            let p = u128::from(c) * u128::from(radix);
            out[0] = self.spec.alphabet.symbol((p >> 64) as usize);
            c = p as u64;
            i = 1;
        }
        while i + 2 <= out.len() {
            let p = u128::from(c) * u128::from(radix * radix);
            out[i..i + 2].copy_from_slice(&self.pairs[(p >> 64) as usize]);
            c = p as u64;
            i += 2;
        }
    }

    /// How many serials after the one in `serial` (as written by
    /// [`unrank_into`](Self::unrank_into), `len` bytes) differ from it only
    /// in the last character, and that character's digit: the sequential
    /// fast path writes those by changing one byte. `(0, 0)` when the last
    /// character is the first body position (its radix differs).
    #[inline]
    pub(crate) fn last_symbol_run(&self, serial: &[u8]) -> (u32, u32) {
        if serial.len() < self.spec.prefix.len() + 2 {
            return (0, 0);
        }
        let radix = self.spec.alphabet.radix();
        match serial.last().and_then(|&b| self.spec.alphabet.digit_of(b)) {
            Some(d) => (radix - 1 - d, d),
            None => (0, 0),
        }
    }

    /// The number of `serial`.
    ///
    /// # Errors
    /// [`RankError`] saying where the text departs from the format.
    pub fn rank(&self, serial: &str) -> Result<u128, RankError> {
        let bytes = serial.as_bytes();
        let prefix = self.spec.prefix.as_bytes();
        if !bytes.starts_with(prefix) {
            return Err(RankError::Prefix {
                expected: self.spec.prefix.clone(),
            });
        }
        let body = &bytes[prefix.len()..];
        if body.len() < self.min_len || body.len() > self.max_len {
            return Err(RankError::Length {
                len: bytes.len(),
                min: prefix.len() + self.min_len,
                max: prefix.len() + self.max_len,
            });
        }
        let radix = u128::from(self.spec.alphabet.radix());
        let mut v: u128 = 0;
        for (i, &b) in body.iter().enumerate() {
            let at = prefix.len() + i;
            let Some(mut d) = self.spec.alphabet.digit_of(b) else {
                let ch = serial[at..].chars().next().unwrap_or_default();
                return Err(RankError::Symbol { ch, at });
            };
            if i == 0 {
                if let Some(zero) = self.skipped_zero {
                    if d == zero {
                        return Err(RankError::LeadingZero);
                    }
                    if d > zero {
                        d -= 1;
                    }
                }
                v = u128::from(d);
            } else {
                // Cannot overflow: the whole domain fits a u128.
                v = v * radix + u128::from(d);
            }
        }
        let shorter: u128 = self.bucket[..body.len() - self.min_len].iter().sum();
        Ok(shorter + v)
    }

    /// The shortest fixed body length, in this alphabet with these rules,
    /// whose domain is at least `needed`; `None` when no allowed length is.
    pub fn length_for_domain(&self, needed: u128) -> Option<usize> {
        let room = usize::from(self.spec.max_total_len) - self.spec.prefix.len();
        (1..=room).find(|&len| {
            let radix = u128::from(self.spec.alphabet.radix());
            radix
                .checked_pow(len as u32 - 1)
                .and_then(|p| p.checked_mul(u128::from(self.first_radix)))
                .is_none_or(|n| n >= needed)
        })
    }
}

impl TryFrom<FormatSpec> for SerialFormat {
    type Error = FormatError;

    fn try_from(spec: FormatSpec) -> Result<Self, FormatError> {
        let max_total = usize::from(spec.max_total_len);
        if max_total == 0 || max_total > MAX_SERIAL_LEN {
            return Err(FormatError::Length {
                reason: format!("the key type's serial limit must be 1..=30, got {max_total}"),
            });
        }
        let (min_len, max_len) = spec.length.bounds();
        if min_len == 0 || min_len > max_len {
            return Err(FormatError::Length {
                reason: format!("body length range {min_len}..={max_len} is empty or starts at 0"),
            });
        }
        if let Some((at, c)) = spec
            .prefix
            .char_indices()
            .find(|&(_, c)| !c.is_ascii() || !is_serial_char(c as u8))
        {
            return Err(FormatError::Prefix {
                reason: format!("character {c:?} at {at} is in neither GS1 CSET 82 nor CSET 39"),
            });
        }
        if spec.prefix.len() + max_len > max_total {
            return Err(FormatError::Length {
                reason: format!(
                    "prefix ({}) + body ({max_len}) is longer than the {max_total} characters the key allows",
                    spec.prefix.len()
                ),
            });
        }
        let radix = u64::from(spec.alphabet.radix());
        let mut skipped_zero = None;
        let mut first_radix = radix;
        if spec.no_leading_zero {
            if spec.prefix.starts_with('0') {
                return Err(FormatError::Prefix {
                    reason: "the prefix starts with 0 but leading zeros are forbidden".into(),
                });
            }
            if spec.prefix.is_empty() {
                if let Some(zero) = spec.alphabet.digit_of(b'0') {
                    skipped_zero = Some(zero);
                    first_radix -= 1;
                }
            }
        }
        let mut bucket = Vec::with_capacity(max_len - min_len + 1);
        let mut domain: u128 = 0;
        let too_large = || FormatError::DomainTooLarge {
            radix: radix as u32,
            length: max_len,
        };
        for len in min_len..=max_len {
            let count = u128::from(radix)
                .checked_pow(len as u32 - 1)
                .and_then(|p| p.checked_mul(u128::from(first_radix)))
                .ok_or_else(too_large)?;
            domain = domain.checked_add(count).ok_or_else(too_large)?;
            bucket.push(count);
        }
        let alphabet = &spec.alphabet;
        let pairs = (0..radix * radix)
            .map(|n| {
                [
                    alphabet.symbol((n / radix) as usize),
                    alphabet.symbol((n % radix) as usize),
                ]
            })
            .collect();
        let first_symbol = (0..first_radix as u32)
            .map(|d| {
                let skip = skipped_zero.is_some_and(|zero| d >= zero);
                alphabet.symbol((d + u32::from(skip)) as usize)
            })
            .collect();
        let mut template = [0u8; MAX_SERIAL_LEN];
        template[..spec.prefix.len()].copy_from_slice(spec.prefix.as_bytes());
        Ok(Self {
            digits: Digits::new(radix),
            template,
            first_symbol,
            pairs,
            spec,
            min_len,
            max_len,
            first_radix,
            skipped_zero,
            bucket,
            domain,
        })
    }
}

impl From<SerialFormat> for FormatSpec {
    fn from(f: SerialFormat) -> Self {
        f.spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(f: &SerialFormat) -> Vec<String> {
        (0..f.domain_size())
            .map(|i| f.unrank(i).unwrap().to_string())
            .collect()
    }

    #[test]
    fn numeric_variable_is_shortest_first() {
        let f = SerialFormat::builder(Alphabet::numeric())
            .length_range(1, 2)
            .build()
            .unwrap();
        let v = all(&f);
        assert_eq!(v.len(), 110);
        assert_eq!(&v[..3], ["0", "1", "2"]);
        assert_eq!(&v[10..13], ["00", "01", "02"]);
        assert_eq!(v[109], "99");
    }

    #[test]
    fn no_leading_zero_skips_zero_first() {
        let f = SerialFormat::builder(Alphabet::numeric())
            .length_range(1, 3)
            .no_leading_zero(true)
            .build()
            .unwrap();
        assert_eq!(f.domain_size(), 9 + 90 + 900);
        let v = all(&f);
        assert_eq!(v[0], "1");
        assert_eq!(v[9], "10");
        assert_eq!(v.last().unwrap(), "999");
        assert!(v.iter().all(|s| !s.starts_with('0')));
        assert_eq!(f.rank("012"), Err(RankError::LeadingZero));
    }

    #[test]
    fn prefix_and_errors() {
        let f = SerialFormat::builder(Alphabet::upper_alphanumeric())
            .fixed_length(4)
            .prefix("7")
            .build()
            .unwrap();
        assert_eq!(
            f.rank("8ABC"),
            Err(RankError::Prefix {
                expected: "7".into()
            })
        );
        assert_eq!(
            f.rank("7AB"),
            Err(RankError::Length {
                len: 3,
                min: 5,
                max: 5
            })
        );
        assert_eq!(f.rank("7AbCD"), Err(RankError::Symbol { ch: 'b', at: 2 }));
        assert_eq!(f.rank("7ZZZZ").unwrap(), 36u128.pow(4) - 1);
    }

    #[test]
    fn bad_formats() {
        let b = || SerialFormat::builder(Alphabet::numeric());
        assert!(b().fixed_length(0).build().is_err());
        assert!(b().length_range(5, 4).build().is_err());
        assert!(b().fixed_length(20).prefix("7").build().is_err());
        assert!(b().prefix("0").no_leading_zero(true).build().is_err());
        assert!(b().prefix("A B").build().is_err());
        assert!(b().max_total_len(31).build().is_err());
        // 82^30 does not fit a u128.
        assert!(matches!(
            SerialFormat::builder(Alphabet::cset82())
                .fixed_length(30)
                .max_total_len(30)
                .build(),
            Err(FormatError::DomainTooLarge { .. })
        ));
    }

    #[test]
    fn widest_ai21_domain_fits() {
        let f = SerialFormat::builder(Alphabet::cset82()).build().unwrap();
        let last = f.domain_size() - 1;
        let s = f.unrank(last).unwrap();
        assert_eq!(s.as_str(), "z".repeat(20));
        assert_eq!(f.rank(s.as_str()).unwrap(), last);
        assert!(f.unrank(f.domain_size()).is_err());
    }

    #[test]
    fn length_for_domain() {
        let f = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(4)
            .build()
            .unwrap();
        assert_eq!(f.length_for_domain(10_000), Some(4));
        assert_eq!(f.length_for_domain(10_001), Some(5));
        assert_eq!(f.length_for_domain(10u128.pow(21)), None);
    }

    #[test]
    fn serde_round_trip_revalidates() {
        let f = SerialFormat::builder(Alphabet::cset39())
            .length_range(3, 8)
            .prefix("X")
            .no_leading_zero(true)
            .build()
            .unwrap();
        let json = serde_json::to_string(&f).unwrap();
        let back: SerialFormat = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
        let bad = json.replace("\"X\"", "\"X Y\"");
        assert!(serde_json::from_str::<SerialFormat>(&bad).is_err());
    }
}
