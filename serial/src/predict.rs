//! Predictability test kit: can someone who has seen `N` issued serials
//! guess others?
//!
//! A [`Predictor`] sees the ranks of issued serials in issue order and
//! makes guesses; [`score`] counts how many guesses hit serials that were
//! issued but not shown, against the rate a blind guess would reach. A
//! keyed random pool must keep predictors at chance level; a sequential
//! pool (the negative control) falls to them at once.
//!
//! ```
//! use serialkit_serial::predict::{NextInSequence, score};
//! // A sequential issuer: ranks 1000, 1001, …
//! let observed: Vec<u128> = (1000..1100).collect();
//! let hidden: Vec<u128> = (1100..1200).collect();
//! let s = score(&NextInSequence, &observed, &hidden, 1_000_000, 100);
//! assert_eq!(s.hits, 100);
//! assert!(s.hit_rate > 1000.0 * s.chance_rate);
//! ```

use std::collections::HashSet;

use serde::Serialize;

/// Guesses serial ranks from the ranks seen so far.
pub trait Predictor {
    /// Name for reports.
    fn name(&self) -> &'static str;
    /// Up to `guesses` distinct ranks in `[0, domain)`, none of them observed.
    fn predict(&self, observed: &[u128], domain: u128, guesses: usize) -> Vec<u128>;
}

/// Guesses the ranks right after the largest seen (counters, date+counter
/// schemes).
#[derive(Debug, Clone, Copy, Default)]
pub struct NextInSequence;

impl Predictor for NextInSequence {
    fn name(&self) -> &'static str {
        "next-in-sequence"
    }
    fn predict(&self, observed: &[u128], domain: u128, guesses: usize) -> Vec<u128> {
        let Some(&max) = observed.iter().max() else {
            return Vec::new();
        };
        (1..=guesses as u128)
            .map(|k| max + k)
            .filter(|&r| r < domain)
            .collect()
    }
}

/// Finds the commonest step between consecutive serials and continues it
/// from the last one (sequences with a stride).
#[derive(Debug, Clone, Copy, Default)]
pub struct ConstantStep;

impl Predictor for ConstantStep {
    fn name(&self) -> &'static str {
        "constant-step"
    }
    fn predict(&self, observed: &[u128], domain: u128, guesses: usize) -> Vec<u128> {
        let mut steps: std::collections::HashMap<u128, usize> = std::collections::HashMap::new();
        for w in observed.windows(2) {
            *steps
                .entry(w[1].wrapping_sub(w[0]) % domain.max(1))
                .or_default() += 1;
        }
        let Some((&step, _)) = steps
            .iter()
            .max_by_key(|&(s, n)| (*n, std::cmp::Reverse(*s)))
        else {
            return Vec::new();
        };
        let Some(&last) = observed.last() else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(guesses);
        let mut x = last;
        for _ in 0..guesses {
            x = add_mod(x, step, domain);
            out.push(x);
        }
        out
    }
}

/// Fits a linear congruential generator `x' = a·x + c (mod N)` to three
/// consecutive serials and runs it forward (the classic weak "random").
#[derive(Debug, Clone, Copy, Default)]
pub struct Lcg;

impl Predictor for Lcg {
    fn name(&self) -> &'static str {
        "lcg"
    }
    fn predict(&self, observed: &[u128], domain: u128, guesses: usize) -> Vec<u128> {
        // Moduli above 2^126 do not fit the signed arithmetic below.
        if !(2..1 << 126).contains(&domain) || observed.len() < 3 {
            return Vec::new();
        }
        let m = domain;
        // Try successive triples until x1 − x0 is invertible mod N.
        for w in observed.windows(3) {
            let (x0, x1, x2) = (w[0] % m, w[1] % m, w[2] % m);
            let d0 = sub_mod(x1, x0, m);
            let d1 = sub_mod(x2, x1, m);
            let Some(inv) = inverse_mod(d0, m) else {
                continue;
            };
            let a = mul_mod(d1, inv, m);
            let c = sub_mod(x1, mul_mod(a, x0, m), m);
            let Some(&last) = observed.last() else { break };
            let mut x = last % m;
            let mut out = Vec::with_capacity(guesses);
            for _ in 0..guesses {
                x = add_mod(mul_mod(a, x, m), c, m);
                out.push(x);
            }
            return out;
        }
        Vec::new()
    }
}

fn add_mod(a: u128, b: u128, m: u128) -> u128 {
    if m == 0 {
        return a.wrapping_add(b);
    }
    let (a, b) = (a % m, b % m);
    if a >= m - b { a - (m - b) } else { a + b }
}

fn sub_mod(a: u128, b: u128, m: u128) -> u128 {
    let (a, b) = (a % m, b % m);
    if a >= b { a - b } else { m - (b - a) }
}

fn mul_mod(a: u128, b: u128, m: u128) -> u128 {
    // Double-and-add: no 256-bit product needed.
    let (mut a, mut b, mut r) = (a % m, b % m, 0u128);
    while b > 0 {
        if b & 1 == 1 {
            r = add_mod(r, a, m);
        }
        a = add_mod(a, a, m);
        b >>= 1;
    }
    r
}

fn inverse_mod(a: u128, m: u128) -> Option<u128> {
    // Extended Euclid on i128 (m < 2^126 keeps every value in range).
    let (mut r0, mut r1) = (m as i128, (a % m) as i128);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    if r0 != 1 {
        return None;
    }
    Some(t0.rem_euclid(m as i128) as u128)
}

/// How a predictor did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Predictor name.
    pub predictor: &'static str,
    /// Distinct new guesses made.
    pub guesses: usize,
    /// Guesses that were issued but not shown.
    pub hits: usize,
    /// `hits / guesses`.
    pub hit_rate: f64,
    /// What a blind guess among the unseen ranks would reach:
    /// `|hidden| / (domain − |observed|)`.
    pub chance_rate: f64,
}

impl Score {
    /// Whether the hits are within `sigmas` standard deviations of what
    /// blind guessing would give (binomial).
    pub fn at_chance(&self, sigmas: f64) -> bool {
        let n = self.guesses as f64;
        let expected = n * self.chance_rate;
        let sd = (n * self.chance_rate * (1.0 - self.chance_rate))
            .sqrt()
            .max(1.0);
        (self.hits as f64) <= expected + sigmas * sd
    }
}

/// Scores `predictor`: it sees `observed` (ranks in issue order) and makes
/// `guesses` guesses, counted against `hidden` (issued, not shown).
pub fn score(
    predictor: &dyn Predictor,
    observed: &[u128],
    hidden: &[u128],
    domain: u128,
    guesses: usize,
) -> Score {
    let seen: HashSet<u128> = observed.iter().copied().collect();
    let hidden: HashSet<u128> = hidden.iter().copied().collect();
    let mut made: HashSet<u128> = HashSet::new();
    for g in predictor.predict(observed, domain, guesses) {
        if g < domain && !seen.contains(&g) {
            made.insert(g);
        }
    }
    let hits = made.iter().filter(|g| hidden.contains(g)).count();
    let unseen = domain.saturating_sub(seen.len() as u128).max(1);
    Score {
        predictor: predictor.name(),
        guesses: made.len(),
        hits,
        hit_rate: if made.is_empty() {
            0.0
        } else {
            hits as f64 / made.len() as f64
        },
        chance_rate: hidden.len() as f64 / unseen as f64,
    }
}

/// The three built-in predictors.
pub fn all_predictors() -> [&'static dyn Predictor; 3] {
    [&NextInSequence, &ConstantStep, &Lcg]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcg_recovers_a_real_lcg() {
        let (a, c, m) = (1_103_515_245u128, 12_345u128, 1u128 << 31);
        let mut x = 42u128;
        let seq: Vec<u128> = (0..200)
            .map(|_| {
                x = (a * x + c) % m;
                x
            })
            .collect();
        let s = score(&Lcg, &seq[..100], &seq[100..], m, 100);
        assert_eq!(s.hits, 100);
    }

    #[test]
    fn modular_helpers() {
        assert_eq!(inverse_mod(3, 7), Some(5));
        assert_eq!(inverse_mod(2, 8), None);
        assert_eq!(
            mul_mod(u128::MAX / 3, 5, (1 << 125) + 7),
            (u128::MAX / 3 % ((1 << 125) + 7)) * 5 % ((1 << 125) + 7)
        );
        assert_eq!(add_mod(9, 5, 10), 4);
        assert_eq!(sub_mod(3, 5, 10), 8);
    }

    #[test]
    fn constant_step_follows_a_stride() {
        let seq: Vec<u128> = (0..50).map(|i| 7 + 13 * i).collect();
        let s = score(&ConstantStep, &seq[..25], &seq[25..], 10_000, 25);
        assert_eq!(s.hits, 25);
    }
}
