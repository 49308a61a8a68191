//! AES-128 Feistel network over `[0, a) × [0, b)` with cycle walking.

use aes::cipher::BlockCipherEncrypt;
use aes::{Aes128, Block};

use super::IndexPermutation;
use crate::error::FormatError;
use crate::key::SerialKey;

/// Rounds: eight, as FF3-1 (SP 800-38G Rev. 1) uses; more than Patarin's
/// bounds need against adaptive chosen-plaintext/ciphertext attacks for
/// halves of the sizes serial domains have, and an even count brings the
/// halves back to their own ranges.
const ROUNDS: u8 = 8;
/// Lanes pushed through AES together (the AES-NI backend pipelines eight
/// blocks; two such groups keep the modular arithmetic overlapped with it).
const LANES: usize = 16;

/// A keyed pseudo-random permutation of `[0, N)` for any `1 ≤ N < 2^128`.
///
/// The domain is split as `a = ⌈√N⌉`, `b = ⌈N / a⌉`. Round `i` adds
/// `F_i(right)` to the left half modulo its range (`a` on even rounds, `b`
/// on odd ones) and swaps the halves. `F_i` is AES-128 under a key derived
/// from the serial key, the tweak (the pool's product code) and `N`, and its
/// 128-bit output is scaled to the modulus (bias ≤ 2⁻⁶⁴). Values that land in
/// `[N, a·b)` are fed through again (cycle walking); fewer than `a` of the
/// `a·b` points lie there, so walks are rare.
///
/// ```
/// use serialkit_serial::{FeistelPermutation, IndexPermutation, SerialKey};
/// let p = FeistelPermutation::new(&SerialKey::from_bytes([9; 32]), b"09521234543213", 1_000_000).unwrap();
/// let y = p.forward(42);
/// assert!(y < 1_000_000);
/// assert_eq!(p.inverse(y), 42);
/// ```
pub struct FeistelPermutation {
    cipher: Aes128,
    domain: u128,
    a: u64,
    pub(super) b: u64,
}

impl FeistelPermutation {
    /// The permutation of `[0, domain)` for `key` and `tweak`.
    ///
    /// # Errors
    /// [`FormatError::IndexOutOfDomain`] for an empty domain, and
    /// [`FormatError::DomainTooLarge`] when a half would not fit 64 bits
    /// (domains above `(2^64 − 1)^2`).
    pub fn new(key: &SerialKey, tweak: &[u8], domain: u128) -> Result<Self, FormatError> {
        if domain == 0 {
            return Err(FormatError::IndexOutOfDomain { index: 0, domain });
        }
        // Below four points a 2×2 grid keeps both halves non-trivial.
        let (a, b) = if domain < 4 {
            (2u128, 2u128)
        } else {
            let a = domain.isqrt() + u128::from(domain.isqrt().pow(2) != domain);
            (a, domain.div_ceil(a))
        };
        let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) else {
            return Err(FormatError::DomainTooLarge {
                radix: 2,
                length: 128,
            });
        };
        let mut context = Vec::with_capacity(tweak.len() + 16);
        context.extend_from_slice(&domain.to_le_bytes());
        context.extend_from_slice(tweak);
        Ok(Self {
            cipher: key.derive_cipher("serialkit-serial/feistel-aes128/v1", &context),
            domain,
            a,
            b,
        })
    }

    #[inline(always)]
    fn block(round: u8, half: u64) -> Block {
        // Bytes 0-7: the half; byte 8: the round number; the rest zero.
        Block::from((u128::from(half) | u128::from(round) << 64).to_le_bytes())
    }

    /// Scales a 128-bit AES output to `[0, m)`: `⌊X·m / 2^128⌋`.
    #[inline(always)]
    fn scale(block: &Block, m: u64) -> u64 {
        let x = u128::from_le_bytes((*block).into());
        let lo = (x as u64 as u128 * m as u128) >> 64;
        let t = (x >> 64) * m as u128 + lo;
        (t >> 64) as u64
    }

    /// `(x + f) mod m` for `x, f < m`, as `x − (m − f)` with `m` added
    /// back on a borrow: no branch on a comparison whose outcome is a coin
    /// toss (the F output is pseudo-random), which a branch would
    /// mispredict half the time in every round.
    #[inline(always)]
    fn add_mod(x: u64, f: u64, m: u64) -> u64 {
        let (d, borrow) = x.overflowing_sub(m - f);
        d.wrapping_add(m & 0u64.wrapping_sub(u64::from(borrow)))
    }

    #[inline(always)]
    fn modulus(&self, round: u8) -> u64 {
        if round % 2 == 0 { self.a } else { self.b }
    }

    /// One pass of the network over `[0, a·b)`.
    fn encrypt_once(&self, v: u128) -> u128 {
        let (mut l, mut r) = (
            (v / u128::from(self.b)) as u64,
            (v % u128::from(self.b)) as u64,
        );
        for round in 0..ROUNDS {
            let m = self.modulus(round);
            let mut block = Self::block(round, r);
            self.cipher.encrypt_block(&mut block);
            let new_r = Self::add_mod(l, Self::scale(&block, m), m);
            l = r;
            r = new_r;
        }
        u128::from(l) * u128::from(self.b) + u128::from(r)
    }

    fn decrypt_once(&self, v: u128) -> u128 {
        let (mut l, mut r) = (
            (v / u128::from(self.b)) as u64,
            (v % u128::from(self.b)) as u64,
        );
        for round in (0..ROUNDS).rev() {
            let m = self.modulus(round);
            let mut block = Self::block(round, l);
            self.cipher.encrypt_block(&mut block);
            let f = Self::scale(&block, m);
            let old_l = Self::add_mod(r, m - f, m);
            r = l;
            l = old_l;
        }
        u128::from(l) * u128::from(self.b) + u128::from(r)
    }

    /// [`LANES`] halves through the network together, `encrypt_once`
    /// lane by lane (the property tests hold them equal). The round
    /// function of every lane goes through AES in one call, so the AES-NI
    /// backend pipelines the blocks; the left half is updated in place and
    /// the halves' roles swap each round, so nothing is copied.
    #[inline]
    fn encrypt_lanes(&self, l: &mut [u64; LANES], r: &mut [u64; LANES]) {
        let mut blocks = [Block::default(); LANES];
        let (mut left, mut right) = (l, r);
        for round in 0..ROUNDS {
            let m = self.modulus(round);
            for (block, &half) in blocks.iter_mut().zip(right.iter()) {
                *block = Self::block(round, half);
            }
            self.cipher.encrypt_blocks(&mut blocks);
            for (x, block) in left.iter_mut().zip(&blocks) {
                *x = Self::add_mod(*x, Self::scale(block, m), m);
            }
            std::mem::swap(&mut left, &mut right);
        }
        // An even number of rounds: `left` is `l` again.
    }

    /// Joins the halves of each lane into `out` (as many as it holds),
    /// walking the rare values that land outside the domain.
    #[inline]
    fn join(&self, l: &[u64; LANES], r: &[u64; LANES], out: &mut [u128]) {
        let b = u128::from(self.b);
        for ((v, &x), &y) in out.iter_mut().zip(l).zip(r) {
            let mut z = u128::from(x) * b + u128::from(y);
            while z >= self.domain {
                z = self.encrypt_once(z);
            }
            *v = z;
        }
    }
}

impl IndexPermutation for FeistelPermutation {
    fn domain(&self) -> u128 {
        self.domain
    }

    fn forward(&self, index: u128) -> u128 {
        assert!(
            index < self.domain,
            "index {index} outside domain {}",
            self.domain
        );
        let mut y = self.encrypt_once(index);
        while y >= self.domain {
            y = self.encrypt_once(y);
        }
        y
    }

    fn inverse(&self, value: u128) -> u128 {
        assert!(
            value < self.domain,
            "value {value} outside domain {}",
            self.domain
        );
        let mut x = self.decrypt_once(value);
        while x >= self.domain {
            x = self.decrypt_once(x);
        }
        x
    }

    fn forward_batch(&self, values: &mut [u128]) {
        for v in values.iter() {
            assert!(*v < self.domain, "index {v} outside domain {}", self.domain);
        }
        let b = u128::from(self.b);
        for chunk in values.chunks_mut(LANES) {
            // Lanes past the end of a short chunk run on zeros, unread.
            let (mut l, mut r) = ([0u64; LANES], [0u64; LANES]);
            for (k, &v) in chunk.iter().enumerate() {
                l[k] = (v / b) as u64;
                r[k] = (v % b) as u64;
            }
            self.encrypt_lanes(&mut l, &mut r);
            self.join(&l, &r, chunk);
        }
    }

    /// Consecutive indices: one division for the halves of the first,
    /// the others counted up from it.
    fn forward_range(&self, start: u128, out: &mut [u128]) {
        let end = start.checked_add(out.len() as u128);
        assert!(
            end.is_some_and(|e| e <= self.domain),
            "indices {start}+{} outside domain {}",
            out.len(),
            self.domain
        );
        let b = u128::from(self.b);
        let (mut hi, mut lo) = ((start / b) as u64, (start % b) as u64);
        for chunk in out.chunks_mut(LANES) {
            let (mut l, mut r) = ([0u64; LANES], [0u64; LANES]);
            for k in 0..chunk.len() {
                (l[k], r[k]) = (hi, lo);
                lo += 1;
                if lo == self.b {
                    (hi, lo) = (hi + 1, 0);
                }
            }
            self.encrypt_lanes(&mut l, &mut r);
            self.join(&l, &r, chunk);
        }
    }
}

impl std::fmt::Debug for FeistelPermutation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeistelPermutation")
            .field("domain", &self.domain)
            .field("a", &self.a)
            .field("b", &self.b)
            .finish_non_exhaustive()
    }
}
