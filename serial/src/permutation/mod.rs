//! Keyed permutations of an index domain `[0, N)`.
//!
//! A keyed random region hands out `start + P(i)` for `i = 0, 1, 2, …`: the
//! serials are unique because `P` is a bijection, unpredictable because `P`
//! is a pseudo-random permutation under a secret key, and a scanned serial
//! maps back to its `i` with `P⁻¹`, which answers "did we issue this?" from
//! the lease table alone.
//!
//! - [`FeistelPermutation`]: the default. An eight-round Feistel network over
//!   `[0, a) × [0, b)` with `a·b ≥ N` and `a·b − N < a` (so cycle walking
//!   is almost never needed), AES-128 as round function, modular addition.
//!   Batches of values go through AES sixteen blocks at a time.
//! - [`Ff1Permutation`]: NIST SP 800-38G FF1 (through the `fpe` crate) over
//!   binary strings, with cycle walking, for deployments that must name a
//!   standard mode.

mod feistel;
mod ff1;

pub use feistel::FeistelPermutation;
pub use ff1::Ff1Permutation;

/// A bijection of `[0, domain())` onto itself.
pub trait IndexPermutation: Send + Sync {
    /// `N`.
    fn domain(&self) -> u128;
    /// `P(index)`. Panics when `index >= domain()` (caller misuse).
    fn forward(&self, index: u128) -> u128;
    /// `P⁻¹(value)`. Panics when `value >= domain()` (caller misuse).
    fn inverse(&self, value: u128) -> u128;
    /// Replaces each element `i` of `values` by `P(i)`; implementations
    /// override it to pipeline the cipher.
    fn forward_batch(&self, values: &mut [u128]) {
        for v in values {
            *v = self.forward(*v);
        }
    }
    /// Writes `P(start + k)` into `out[k]` for every `k`: a lease's
    /// consecutive indices. Panics when the range leaves the domain
    /// (caller misuse). Implementations override it to skip work that
    /// consecutive indices share.
    fn forward_range(&self, start: u128, out: &mut [u128]) {
        for (k, v) in out.iter_mut().enumerate() {
            *v = start + k as u128;
        }
        self.forward_batch(out);
    }
}

/// Which keyed permutation a random region uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum CipherKind {
    /// [`FeistelPermutation`] (AES-128, eight rounds).
    Feistel,
    /// [`Ff1Permutation`] (NIST SP 800-38G FF1 with AES).
    Ff1,
}

impl std::fmt::Display for CipherKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Feistel => "feistel-aes128",
            Self::Ff1 => "ff1-aes128",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SerialKey;

    fn exhaustive(p: &dyn IndexPermutation) {
        let n = p.domain() as usize;
        let mut seen = vec![false; n];
        for i in 0..n as u128 {
            let y = p.forward(i);
            assert!(y < p.domain(), "P({i}) = {y} outside {n}");
            assert!(!seen[y as usize], "P({i}) = {y} repeats");
            seen[y as usize] = true;
            assert_eq!(p.inverse(y), i);
        }
    }

    #[test]
    fn feistel_is_a_bijection_on_small_domains() {
        let key = SerialKey::from_bytes([3; 32]);
        for n in (1..=70u128).chain([97, 100, 255, 256, 257, 1000, 4099, 10_007]) {
            exhaustive(&FeistelPermutation::new(&key, b"tweak", n).unwrap());
        }
    }

    #[test]
    fn ff1_round_trips_without_collisions() {
        let key = SerialKey::from_bytes([4; 32]);
        assert!(Ff1Permutation::new(&key, b"t", 999_999).is_err());
        // 2^20 + 3 points: 21-bit strings, so cycle walking is exercised.
        let p = Ff1Permutation::new(&key, b"t", (1 << 20) + 3).unwrap();
        let mut seen = std::collections::HashSet::new();
        for i in (0..p.domain()).step_by(211) {
            let y = p.forward(i);
            assert!(y < p.domain());
            assert!(seen.insert(y));
            assert_eq!(p.inverse(y), i);
        }
    }

    #[test]
    fn batch_equals_scalar() {
        let key = SerialKey::from_bytes([5; 32]);
        for n in [3u128, 1000, 1 << 40, 10u128.pow(20), u128::MAX / 3] {
            let p = FeistelPermutation::new(&key, b"gtin", n).unwrap();
            let mut batch: Vec<u128> = (0..37).map(|i| (i * 7919) % n).collect();
            let scalar: Vec<u128> = batch.iter().map(|&i| p.forward(i)).collect();
            p.forward_batch(&mut batch);
            assert_eq!(batch, scalar);
        }
    }

    #[test]
    fn range_equals_scalar() {
        // Lengths around the lane count, and starts where the low half
        // wraps to the next high half inside a chunk.
        let key = SerialKey::from_bytes([6; 32]);
        for n in [40u128, 1000, 10u128.pow(9), 1 << 40, 10u128.pow(20)] {
            let p = FeistelPermutation::new(&key, b"gtin", n).unwrap();
            let b = p.b;
            let mut starts = vec![0, n - 40.min(n)];
            if u128::from(b) + 40 <= n {
                starts.extend([u128::from(b) - 3, u128::from(b) * 2 - 17]);
            }
            for start in starts {
                for len in [1usize, 7, 8, 9, 16, 33] {
                    let len = len.min((n - start) as usize);
                    let mut out = vec![0u128; len];
                    p.forward_range(start, &mut out);
                    let want: Vec<u128> = (0..len as u128).map(|k| p.forward(start + k)).collect();
                    assert_eq!(out, want, "n {n}, start {start}, len {len}");
                }
            }
        }
    }

    #[test]
    fn tweak_and_key_change_the_permutation() {
        let k1 = SerialKey::from_bytes([1; 32]);
        let k2 = SerialKey::from_bytes([2; 32]);
        let n = 10u128.pow(12);
        let a = FeistelPermutation::new(&k1, b"A", n).unwrap();
        let b = FeistelPermutation::new(&k1, b"B", n).unwrap();
        let c = FeistelPermutation::new(&k2, b"A", n).unwrap();
        let same_ab = (0..100).filter(|&i| a.forward(i) == b.forward(i)).count();
        let same_ac = (0..100).filter(|&i| a.forward(i) == c.forward(i)).count();
        assert_eq!(same_ab, 0);
        assert_eq!(same_ac, 0);
    }
}
