//! Guessability: how likely an outsider who knows the format is to hit a
//! serial that was issued.
//!
//! For a keyed random region of `D` ranks of which `q` are issued, a guess
//! drawn from the region hits an issued serial with probability `q / D`;
//! knowing other issued serials does not help beyond the permutation's
//! distinguishing advantage, which we bound by the round functions' bias
//! (`rounds · q / 2^64`: each scaled AES output is at most `2^-64` from
//! uniform) plus the AES PRF term (`q² / 2^128`). A sequential region is
//! predictable from one serial: its bound is 1 once anything is issued.
//! EU FMD (Delegated Regulation 2016/161, Art. 4) asks for less than
//! 1/10,000.
//!
//! Under [`GuessPolicy::AtMost`] a random region's lease capacity is capped
//! at `⌊D · limit⌋`, so the bound holds by construction, and the pool's
//! volume forecast must fit the capacity of its random regions.

use serde::{Deserialize, Serialize};

/// The EU FMD limit: a serial may be guessed with probability below 1/10,000.
pub const EU_FMD_LIMIT: f64 = 1e-4;

/// Feistel rounds counted in the advantage bound.
const ROUNDS: f64 = 8.0;

/// Whether, and how strictly, a pool must resist guessing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
#[non_exhaustive]
pub enum GuessPolicy {
    /// P(guess) must stay at or below `limit`: sequential regions are
    /// refused and random regions are capped.
    AtMost {
        /// The limit, e.g. [`EU_FMD_LIMIT`].
        limit: f64,
    },
    /// Not required (logistic units, assets); still reported.
    NotRequired,
}

impl GuessPolicy {
    /// The EU FMD policy.
    pub fn eu_fmd() -> Self {
        Self::AtMost {
            limit: EU_FMD_LIMIT,
        }
    }
    /// The limit, if any.
    pub fn limit(&self) -> Option<f64> {
        match *self {
            Self::AtMost { limit } => Some(limit),
            Self::NotRequired => None,
        }
    }
}

/// The bound for `issued` serials out of a random region of `domain` ranks.
pub fn random_bound(issued: u128, domain: u128) -> f64 {
    if domain == 0 {
        return 1.0;
    }
    let q = issued as f64;
    let advantage = ROUNDS * q / 2f64.powi(64) + q * q / 2f64.powi(128);
    (q / domain as f64 + advantage).min(1.0)
}

/// The most serials a random region of `domain` ranks may issue while
/// [`random_bound`] stays at or below `limit`.
pub fn capacity_for(limit: f64, domain: u128) -> u128 {
    if domain == 0 || limit <= 0.0 {
        return 0;
    }
    let per_serial = 1.0 / domain as f64 + ROUNDS / 2f64.powi(64);
    let mut cap = (limit / per_serial * (1.0 - 1e-9)).floor();
    if cap >= domain as f64 {
        cap = domain as f64;
    }
    let mut cap = cap as u128;
    // Float rounding (and the tiny quadratic term) may leave us a hair
    // over: step down until the bound holds.
    while cap > 0 && random_bound(cap, domain) > limit {
        cap -= 1 + cap / 1_000_000;
    }
    cap
}

/// One region's line in a [`GuessabilityReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionGuess {
    /// Region number.
    pub region: u32,
    /// `random`, `sequential` or `imported`.
    pub kind: String,
    /// Ranks in the region (0 for imported lists).
    pub domain: String,
    /// Indices leased so far.
    pub issued: u64,
    /// Lease capacity.
    pub capacity: Option<u64>,
    /// Bound now.
    pub bound_now: f64,
    /// Bound once the region is full.
    pub bound_at_capacity: f64,
}

/// P(guess) per region and for the pool, against the policy and forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuessabilityReport {
    /// Policy limit, if any.
    pub limit: Option<f64>,
    /// Serials the pool is expected to issue over its life.
    pub forecast: u64,
    /// Per region.
    pub regions: Vec<RegionGuess>,
    /// The pool's bound now: the largest region bound.
    pub bound_now: f64,
    /// The bound once `forecast` serials are issued in region order.
    pub bound_at_forecast: f64,
    /// Whether the bound at forecast is within the limit.
    pub satisfied: bool,
}
