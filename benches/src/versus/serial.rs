//! `versus serial`: serial generation inside a lease and durable lease
//! reservation.
//!
//! - keyed random: 12 characters of 0-9A-Z from a lease of a keyed random
//!   region (AES Feistel permutation + unranking), against the `fpe`
//!   crate's FF1 (NIST SP 800-38G, AES-128) permuting the same 36^12
//!   domain as radix-36 numeral strings, index by index;
//! - sequential: the same format from a sequential region (no peer: the
//!   reference is the 100 M/s target);
//! - durable reservation: one `allocate` on a SQLite store (WAL,
//!   synchronous FULL), against a bare `INSERT` + `COMMIT` in the same mode
//!   — the floor any durable reservation pays on this disk. Timed on the
//!   wall clock, since waiting for the disk is the cost.
//!
//! Every contender checks its output as it goes: the last serial of each
//! chunk is mapped back to its index (the pool's inverse permutation or
//! rank, FF1's decryption), and each reservation must be granted in full
//! right after the previous one.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aes::Aes128;
use cpu_time::ThreadTime;
use fpe::ff1::{FF1, FlexibleNumeralString};
use serialkit_serial::store::{MemoryStore, SqliteStore};
use serialkit_serial::{
    Alphabet, GuessPolicy, Lease, Pool, PoolDefinition, RegionSize, Serial, SerialFormat, SerialKey,
};

use super::{Contender, Measurement, Settings, compare};

/// Serials per `fill` call inside a lease.
pub const CHUNK: usize = 1024;

/// The benchmark format: 12 characters of 0-9A-Z.
pub fn format() -> SerialFormat {
    SerialFormat::builder(Alphabet::upper_alphanumeric())
        .fixed_length(12)
        .build()
        .expect("valid format")
}

fn key() -> SerialKey {
    SerialKey::from_bytes([0x5e; 32])
}

/// A lease of `n` serials from a pool with one region of the given kind,
/// held in memory, and the pool (to check serials against).
pub fn lease(random: bool, n: u64) -> (Pool, Lease) {
    let mut store = MemoryStore::new();
    let builder = PoolDefinition::builder(
        "bench",
        "gtin:09521234543213".parse().expect("gtin"),
        format(),
    )
    .policy(GuessPolicy::NotRequired)
    .max_per_request(n);
    let def = if random {
        builder.random_region(&key(), RegionSize::Rest)
    } else {
        builder.sequential_region(RegionSize::Rest)
    }
    .build()
    .expect("valid pool");
    Pool::create(&mut store, &def).expect("create");
    let pool = Pool::open(&mut store, "bench", &[key()]).expect("open");
    let mut a = pool.allocate(&mut store, n, "bench", 0).expect("allocate");
    let lease = a.leases.remove(0);
    (pool, lease)
}

/// Checks that `serial` is the one the pool issues at `index` of its
/// first region (one inverse permutation or rank: cheap next to a chunk).
pub fn check_serial(pool: &Pool, serial: &Serial, index: u64) {
    assert_eq!(serial.len(), 12);
    assert_eq!(
        pool.locate(serial.as_str()).expect("key given"),
        Some((1, index)),
        "{serial} is not the serial of index {index}"
    );
}

/// The FF1 peer: index → FF1 over 12 radix-36 numerals → serial text.
pub struct Ff1Peer {
    ff1: FF1<Aes128>,
    alphabet: Alphabet,
}

impl Default for Ff1Peer {
    fn default() -> Self {
        Self::new()
    }
}

impl Ff1Peer {
    /// FF1 with a fixed key.
    pub fn new() -> Self {
        Ff1Peer {
            ff1: FF1::<Aes128>::new(&[0x5e; 16], 36).expect("radix 36"),
            alphabet: Alphabet::upper_alphanumeric(),
        }
    }

    /// The index a serial came from (FF1 decryption): the peer's output
    /// check.
    pub fn index_of(&self, serial: &[u8; 12]) -> u64 {
        let digits: Vec<u16> = serial
            .iter()
            .map(|&c| {
                self.alphabet
                    .digit_of(c)
                    .and_then(|d| u16::try_from(d).ok())
                    .expect("a radix-36 symbol")
            })
            .collect();
        let out = self
            .ff1
            .decrypt(b"09521234543213", &FlexibleNumeralString::from(digits))
            .expect("valid numeral string");
        let digits: Vec<u16> = out.into();
        digits.iter().fold(0, |v, &d| v * 36 + u64::from(d))
    }

    /// The serial of `index`.
    pub fn serial(&self, index: u64) -> [u8; 12] {
        let mut digits = vec![0u16; 12];
        let mut v = index;
        for d in digits.iter_mut().rev() {
            *d = (v % 36) as u16;
            v /= 36;
        }
        let out = self
            .ff1
            .encrypt(b"09521234543213", &FlexibleNumeralString::from(digits))
            .expect("valid numeral string");
        let digits: Vec<u16> = out.into();
        let mut s = [0u8; 12];
        for (c, d) in s.iter_mut().zip(digits) {
            *c = self.alphabet.symbol(usize::from(d));
        }
        s
    }
}

/// Draws `n` serials from `lease` in chunks, checking the last of each
/// against the pool.
fn drain(pool: &Pool, lease: &mut Lease, buf: &mut [Serial], n: u64) {
    let mut left = n as usize;
    while left > 0 {
        let k = left.min(buf.len());
        let at = Lease::position(lease);
        let got = lease.fill(&mut buf[..k]);
        assert_eq!(got, k, "lease ran out");
        check_serial(pool, &buf[k - 1], at + k as u64 - 1);
        left -= k;
    }
}

/// A fresh SQLite store (WAL, synchronous FULL) with a keyed random pool.
pub fn sqlite_pool(dir: &std::path::Path) -> (SqliteStore, Pool) {
    let mut store = SqliteStore::open(dir.join("bench.sqlite")).expect("open store");
    let def = PoolDefinition::builder(
        "bench",
        "gtin:09521234543213".parse().expect("gtin"),
        format(),
    )
    .random_region(&key(), RegionSize::Half)
    .build()
    .expect("valid pool");
    Pool::create(&mut store, &def).expect("create");
    let pool = Pool::open(&mut store, "bench", &[key()]).expect("open");
    (store, pool)
}

/// Runs the serial workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let mut out = Vec::new();
    let blank: Serial = "X".parse().expect("serial");

    {
        let w = "serial/keyed-random 12 alnum";
        // Large enough for every batch of every round.
        let (pool, mut lease) = lease(true, 1 << 40);
        let mut buf = vec![blank; CHUNK];
        let peer = Ff1Peer::new();
        let mut next = 0u64;
        let cs = vec![
            Contender::timed("serialkit", move |n| {
                let t = ThreadTime::now();
                drain(&pool, &mut lease, &mut buf, n);
                Some(t.elapsed())
            }),
            Contender::timed("fpe FF1 (AES-128)", move |n| {
                let t = ThreadTime::now();
                let mut last = [0u8; 12];
                for _ in 0..n {
                    last = black_box(peer.serial(next));
                    next += 1;
                }
                if n > 0 {
                    assert_eq!(
                        peer.index_of(&last),
                        next - 1,
                        "FF1 output does not decrypt"
                    );
                }
                Some(t.elapsed())
            }),
        ];
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "serial/sequential 12 alnum";
        let (pool, mut lease) = lease(false, 1 << 40);
        let mut buf = vec![blank; CHUNK];
        let cs = vec![Contender::timed("serialkit", move |n| {
            let t = ThreadTime::now();
            drain(&pool, &mut lease, &mut buf, n);
            Some(t.elapsed())
        })];
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "serial/durable reservation (SQLite WAL FULL, wall)";
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut store, pool) = sqlite_pool(dir.path());
        let mut end = 0u64;
        let raw = rusqlite::Connection::open(dir.path().join("raw.sqlite")).expect("open raw");
        raw.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .expect("wal");
        raw.pragma_update(None, "synchronous", "FULL")
            .expect("full");
        raw.execute_batch("CREATE TABLE t (a INTEGER, b INTEGER)")
            .expect("table");
        let mut raw = raw;
        let cs = vec![
            Contender::timed("serialkit", move |n| {
                let t = Instant::now();
                for _ in 0..n {
                    let a = pool.allocate(&mut store, 1000, "bench", 0).ok()?;
                    // Granted in full, as one lease right after the last.
                    assert_eq!((a.granted, a.leases.len()), (1000, 1));
                    let r = a.leases[0].record();
                    assert_eq!((r.start, r.end), (end, end + 1000));
                    end = r.end;
                }
                Some(t.elapsed())
            }),
            Contender::timed("bare INSERT+COMMIT (floor)", move |n| {
                let t = Instant::now();
                for i in 0..n {
                    let tx = raw.transaction().ok()?;
                    tx.execute("INSERT INTO t VALUES (?1, ?1)", [i as i64])
                        .ok()?;
                    tx.commit().ok()?;
                }
                Some(t.elapsed())
            }),
        ];
        // Disk waits are long: fewer, shorter batches.
        let s = Settings {
            rounds: settings.rounds.min(7),
            batch: settings.batch.min(Duration::from_millis(40)),
        };
        out.extend(compare(w, cs, s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks the contenders run are right (a few chunks, not a
    /// measurement): serials map back to their indices, FF1 decrypts.
    #[test]
    fn contenders_check_their_output() {
        let blank: Serial = "X".parse().expect("serial");
        let mut buf = vec![blank; CHUNK];
        for random in [true, false] {
            let (pool, mut lease) = lease(random, 4 * CHUNK as u64);
            drain(&pool, &mut lease, &mut buf, 3 * CHUNK as u64 + 5);
            assert_eq!(lease.position(), 3 * CHUNK as u64 + 5);
        }
        let peer = Ff1Peer::new();
        for i in [0, 1, 36, 1 << 40] {
            assert_eq!(peer.index_of(&peer.serial(i)), i);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut store, pool) = sqlite_pool(dir.path());
        let a = pool.allocate(&mut store, 1000, "t", 0).expect("reserved");
        assert_eq!((a.leases[0].record().start, a.granted), (0, 1000));
    }
}
