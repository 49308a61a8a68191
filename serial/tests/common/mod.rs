//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

use serialkit_serial::{
    Alphabet, GuessPolicy, Pool, PoolDefinition, RegionSize, SerialFormat, SerialKey,
    store::LeaseStore,
};

/// A fixed test key (epoch 1).
pub fn key1() -> SerialKey {
    SerialKey::from_bytes([0x11; 32])
}

/// A second fixed test key (epoch 2).
pub fn key2() -> SerialKey {
    SerialKey::from_bytes([0x22; 32])
}

/// A name no earlier run used (PostgreSQL databases outlive test runs).
pub fn unique(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{name}-{}-{nanos}", std::process::id())
}

/// A GTIN pool of 12 upper-alphanumeric characters, one keyed random epoch.
pub fn random_pool<S: LeaseStore>(store: &mut S, name: &str) -> Pool {
    let format = SerialFormat::builder(Alphabet::upper_alphanumeric())
        .fixed_length(12)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(name, "gtin:09521234543213".parse().unwrap(), format)
        .forecast(10_000_000)
        .max_per_request(1_000_000)
        .random_region(&key1(), RegionSize::Half)
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    Pool::open(store, name, &[key1()]).unwrap()
}

/// An SSCC pool (company prefix 9521234, 9-digit references): a keyed
/// random region of `random` references, then a sequential overflow of
/// `sequential`.
pub fn sscc_pool<S: LeaseStore>(
    store: &mut S,
    name: &str,
    random: u128,
    sequential: u128,
    max: u64,
    low: u64,
) -> Pool {
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(9)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(name, "sscc:0+9521234".parse().unwrap(), format)
        .policy(GuessPolicy::NotRequired)
        .max_per_request(max)
        .low_water(low)
        .random_region(&key1(), RegionSize::Exact(random))
        .sequential_region(RegionSize::Exact(sequential))
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    Pool::open(store, name, &[key1()]).unwrap()
}

/// The PostgreSQL URL, or `None` after printing one line saying the suite
/// was skipped. Under CI a missing URL is a failure.
pub fn pg_url(suite: &str) -> Option<String> {
    match std::env::var("SERIALKIT_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{suite}: SERIALKIT_PG_URL is not set but CI is; run `eval \"$(bash serial/ci/postgres.sh)\"` first"
            );
            // One line per test binary, however many tests ask.
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                println!("{suite}: PostgreSQL suite skipped (SERIALKIT_PG_URL not set)")
            });
            None
        }
    }
}

/// A small deterministic generator for test choices.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
