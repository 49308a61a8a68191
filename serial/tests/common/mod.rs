//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serialkit_serial::{
    Alphabet, GuessPolicy, Pool, PoolDefinition, RegionSize, Scope, SerialFormat, SerialKey,
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

/// A number no earlier call, run or process used (up to `modulus`).
fn unique_number(modulus: u64) -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let seed = nanos ^ u64::from(std::process::id()).rotate_left(40);
    // splitmix64 of the seed and a per-process counter.
    let mut z = seed.wrapping_add(
        NEXT.fetch_add(1, Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % modulus
}

/// A GTIN scope of its own: serials are unique per product code across
/// every pool of a store, and the PostgreSQL test database outlives runs,
/// so tests that must not meet other tests' pools take a fresh GTIN.
pub fn unique_gtin() -> Scope {
    let body = format!("0{:012}", unique_number(1_000_000_000_000));
    let gtin = serialkit_gs1::Gtin::from_body(&body).unwrap();
    format!("gtin:{gtin}").parse().unwrap()
}

/// An SSCC scope with a 7-digit company prefix of its own (all test
/// prefixes have 7 digits, so none extends another).
pub fn unique_sscc() -> Scope {
    format!("sscc:0+{:07}", unique_number(10_000_000))
        .parse()
        .unwrap()
}

/// A GRAI asset type of its own (7-digit company prefix + 5-digit type).
pub fn unique_grai() -> Scope {
    let d = format!("{:012}", unique_number(1_000_000_000_000));
    format!("grai:{}+{}", &d[..7], &d[7..]).parse().unwrap()
}

/// A GIAI company prefix of its own (7 digits, like every test prefix).
pub fn unique_giai() -> Scope {
    format!("giai:{:07}", unique_number(10_000_000))
        .parse()
        .unwrap()
}

/// A GTIN pool of 12 upper-alphanumeric characters, one keyed random epoch,
/// for a GTIN of its own.
pub fn random_pool<S: LeaseStore>(store: &mut S, name: &str) -> Pool {
    let format = SerialFormat::builder(Alphabet::upper_alphanumeric())
        .fixed_length(12)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(name, unique_gtin(), format)
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
    let def = PoolDefinition::builder(name, unique_sscc(), format)
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
