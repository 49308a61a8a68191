//! The deterministic generator of this crate's randomized tests (it has no
//! proptest): xorshift64, so that a failing case repeats from its seed.

/// A xorshift64 generator.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator starting from `seed` (not zero).
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (not zero).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
