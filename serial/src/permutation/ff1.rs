//! NIST SP 800-38G FF1 over binary numeral strings, with cycle walking.

use aes::Aes128;
use fpe::ff1::{FF1, FlexibleNumeralString};

use super::IndexPermutation;
use crate::error::FormatError;
use crate::key::SerialKey;

/// SP 800-38G Rev. 1 requires `radix^minlen ≥ 1,000,000`: twenty bits.
const MIN_BITS: u32 = 20;

/// FF1 (AES-128) as a permutation of `[0, N)`, `10^6 ≤ N < 2^128`.
///
/// Indices are written as `⌈log2 N⌉`-bit strings (most significant bit
/// first, at least 20 bits), encrypted with the pool's product code as FF1
/// tweak, and re-encrypted while the result is `≥ N` (fewer than two passes
/// on average). About a thousand times slower than
/// [`FeistelPermutation`](super::FeistelPermutation); use it where a named
/// standard mode is required.
pub struct Ff1Permutation {
    ff1: FF1<Aes128>,
    tweak: Vec<u8>,
    domain: u128,
    bits: u32,
}

impl Ff1Permutation {
    /// FF1 over `[0, domain)`.
    ///
    /// # Errors
    /// [`FormatError::Length`] when the domain is below the 10^6 points FF1
    /// allows.
    pub fn new(key: &SerialKey, tweak: &[u8], domain: u128) -> Result<Self, FormatError> {
        if domain < 1_000_000 {
            return Err(FormatError::Length {
                reason: format!(
                    "FF1 needs a domain of at least 1,000,000 serials (SP 800-38G), this one has {domain}"
                ),
            });
        }
        let bits = (128 - (domain - 1).leading_zeros()).max(MIN_BITS);
        let mut context = Vec::with_capacity(tweak.len() + 16);
        context.extend_from_slice(&domain.to_le_bytes());
        context.extend_from_slice(tweak);
        let raw = key.derive_bytes("serialkit-serial/ff1-aes128/v1", &context);
        let ff1 = FF1::<Aes128>::new(&raw, 2).map_err(|e| FormatError::Length {
            reason: format!("FF1 setup: {e:?}"),
        })?;
        let p = Self {
            ff1,
            tweak: tweak.to_vec(),
            domain,
            bits,
        };
        // Exercise both directions once so that the per-value calls below
        // cannot meet a length or radix error later.
        p.pass(0, true).ok_or_else(|| FormatError::Length {
            reason: "FF1 refused the numeral length".into(),
        })?;
        p.pass(0, false).ok_or_else(|| FormatError::Length {
            reason: "FF1 refused the numeral length".into(),
        })?;
        Ok(p)
    }

    fn pass(&self, v: u128, encrypt: bool) -> Option<u128> {
        let numerals: Vec<u16> = (0..self.bits)
            .rev()
            .map(|i| ((v >> i) & 1) as u16)
            .collect();
        let ns = FlexibleNumeralString::from(numerals);
        let out = if encrypt {
            self.ff1.encrypt(&self.tweak, &ns)
        } else {
            self.ff1.decrypt(&self.tweak, &ns)
        }
        .ok()?;
        let bits: Vec<u16> = out.into();
        Some(
            bits.iter()
                .fold(0u128, |acc, &b| (acc << 1) | u128::from(b)),
        )
    }

    fn walk(&self, v: u128, encrypt: bool) -> u128 {
        let mut y = v;
        loop {
            // The length was checked in `new`, so FF1 cannot refuse here.
            y = self.pass(y, encrypt).unwrap_or(y);
            if y < self.domain {
                return y;
            }
        }
    }
}

impl IndexPermutation for Ff1Permutation {
    fn domain(&self) -> u128 {
        self.domain
    }
    fn forward(&self, index: u128) -> u128 {
        assert!(
            index < self.domain,
            "index {index} outside domain {}",
            self.domain
        );
        self.walk(index, true)
    }
    fn inverse(&self, value: u128) -> u128 {
        assert!(
            value < self.domain,
            "value {value} outside domain {}",
            self.domain
        );
        self.walk(value, false)
    }
}

impl std::fmt::Debug for Ff1Permutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ff1Permutation")
            .field("domain", &self.domain)
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}
