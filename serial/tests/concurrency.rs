//! Concurrency: 4 processes × 8 threads, each thread with its own store
//! connection, allocate from one pool — one SQLite file, and separately one
//! PostgreSQL database — until over a million serials are out. Not one
//! repeats, and the leases tile the index space without overlap. And 8
//! connections creating pools of one GTIN at once get regions that tile
//! the GTIN's serial space.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{key1, random_pool, unique, unique_gtin};
use serialkit_serial::store::{LeaseStore, SqliteStore};
use serialkit_serial::{Alphabet, GuessPolicy, Pool, PoolDefinition, RegionSize, SerialFormat};

const PROCESSES: usize = 4;
const THREADS: usize = 8;
/// Serials each thread draws: 4 × 8 × 32,000 = 1,024,000.
const PER_THREAD: u64 = 32_000;
/// Lease size: small enough that the 32 workers contend on every reservation.
const LEASE: u64 = 500;

const ENV_SQLITE: &str = "SERIALKIT_CONC_SQLITE";
const ENV_PG: &str = "SERIALKIT_CONC_PG";
const ENV_POOL: &str = "SERIALKIT_CONC_POOL";
const ENV_OUT: &str = "SERIALKIT_CONC_OUT";

fn worker<S: LeaseStore>(mut store: S, pool_name: &str, out: &Path, tag: &str) {
    let pool = Pool::open(&mut store, pool_name, &[key1()]).unwrap();
    let mut ranks: Vec<u8> = Vec::with_capacity(PER_THREAD as usize * 16);
    let format = pool.definition().format().clone();
    let mut left = PER_THREAD;
    while left > 0 {
        let mut a = pool.allocate(&mut store, left.min(LEASE), tag, 0).unwrap();
        assert!(!a.partial);
        for s in a.serials() {
            ranks.extend_from_slice(&format.rank(s.as_str()).unwrap().to_le_bytes());
        }
        left -= a.granted;
    }
    std::fs::write(out.join(format!("{tag}.bin")), ranks).unwrap();
}

/// A child process: eight threads, each with its own connection.
#[test]
#[ignore = "child process of the concurrency tests"]
fn concurrency_child() {
    let (Ok(pool), Ok(out)) = (std::env::var(ENV_POOL), std::env::var(ENV_OUT)) else {
        return;
    };
    let out = PathBuf::from(out);
    let sqlite = std::env::var(ENV_SQLITE).ok();
    let pg = std::env::var(ENV_PG).ok();
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let (pool, out, sqlite, pg) = (&pool, &out, &sqlite, &pg);
            scope.spawn(move || {
                let tag = format!("p{}-t{t}", std::process::id());
                if let Some(path) = sqlite {
                    worker(SqliteStore::open(path).unwrap(), pool, out, &tag);
                }
                #[cfg(feature = "postgres")]
                if let Some(url) = pg {
                    worker(
                        serialkit_serial::store::PgStore::connect(url).unwrap(),
                        pool,
                        out,
                        &tag,
                    );
                }
                let _ = pg;
            });
        }
    });
}

fn run(label: &str, env: (&str, String), pool: &str, mut store: impl LeaseStore) {
    let out = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "concurrency_child",
                    "--ignored",
                    "--test-threads=1",
                    "-q",
                ])
                .env(env.0, &env.1)
                .env(ENV_POOL, pool)
                .env(ENV_OUT, out.path())
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "{label}: a child failed");
    }
    let elapsed = started.elapsed();
    let mut ranks: Vec<u128> = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        ranks.extend(
            bytes
                .chunks_exact(16)
                .map(|c| u128::from_le_bytes(c.try_into().unwrap())),
        );
        files += 1;
    }
    assert_eq!(files, PROCESSES * THREADS);
    let total = ranks.len();
    assert_eq!(total as u64, PROCESSES as u64 * THREADS as u64 * PER_THREAD);
    ranks.sort_unstable();
    ranks.dedup();
    assert_eq!(
        ranks.len(),
        total,
        "{label}: {} duplicates",
        total - ranks.len()
    );
    // The leases tile [0, issued) without gaps or overlaps.
    let mut leases: Vec<(u64, u64)> = store
        .leases(pool)
        .unwrap()
        .iter()
        .map(|l| (l.start, l.end))
        .collect();
    leases.sort_unstable();
    let mut at = 0;
    for (a, b) in &leases {
        assert_eq!(*a, at, "{label}: gap or overlap at {a}");
        at = *b;
    }
    assert_eq!(at as usize, total);
    println!(
        "{label} concurrency: {PROCESSES} processes x {THREADS} threads, {total} serials in {} leases, 0 duplicates, {:.1}s",
        leases.len(),
        elapsed.as_secs_f64()
    );
}

/// Eight connections create pools of one GTIN at the same moment: each
/// store transaction places its pool after the others', so the regions
/// tile the GTIN's space (no overlap, no gap).
fn concurrent_creates<S: LeaseStore>(label: &str, open: impl Fn() -> S + Sync) {
    const POOLS: u128 = 8;
    let gtin = unique_gtin();
    let names: Vec<String> = (0..POOLS).map(|i| unique(&format!("create-{i}"))).collect();
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(9)
        .build()
        .unwrap();
    let barrier = std::sync::Barrier::new(names.len());
    std::thread::scope(|scope| {
        for name in &names {
            let (open, gtin, format, barrier) = (&open, &gtin, &format, &barrier);
            scope.spawn(move || {
                // Opening is part of the race too; a failure waits for the
                // others at the barrier before it fails the test, so no
                // thread is left waiting for it forever.
                let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(open));
                let def = PoolDefinition::builder(name, gtin.clone(), format.clone())
                    .policy(GuessPolicy::NotRequired)
                    .sequential_region(RegionSize::Exact(1000))
                    .build()
                    .unwrap();
                barrier.wait();
                let mut store = opened.unwrap_or_else(|p| std::panic::resume_unwind(p));
                Pool::create(&mut store, &def).unwrap();
            });
        }
    });
    let mut store = open();
    let mut ranges: Vec<_> = names
        .iter()
        .map(|n| store.load_pool(n).unwrap().regions()[0].ranks())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut at = 0;
    for r in &ranges {
        assert_eq!(
            r.start, at,
            "{label}: pools overlap or leave a gap at rank {at}"
        );
        at = r.end;
    }
    assert_eq!(at, POOLS * 1000);
    println!(
        "{label} concurrent creates: {POOLS} pools of one GTIN from {POOLS} connections tile ranks 0..{at}"
    );
}

#[test]
fn sqlite_concurrent_creates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("creates.sqlite");
    concurrent_creates("sqlite", || SqliteStore::open(&path).unwrap());
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_concurrent_creates() {
    let Some(url) = common::pg_url("concurrency tests") else {
        return;
    };
    concurrent_creates("postgres", || {
        serialkit_serial::store::PgStore::connect(&url).unwrap()
    });
}

#[test]
fn sqlite_4_processes_8_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conc.sqlite");
    let mut store = SqliteStore::open(&path).unwrap();
    random_pool(&mut store, "conc");
    run(
        "sqlite",
        (ENV_SQLITE, path.display().to_string()),
        "conc",
        store,
    );
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_4_processes_8_threads() {
    let Some(url) = common::pg_url("concurrency tests") else {
        return;
    };
    let mut store = serialkit_serial::store::PgStore::connect(&url).unwrap();
    let pool = unique("conc");
    random_pool(&mut store, &pool);
    run("postgres", (ENV_PG, url), &pool, store);
}

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_suite_needs_the_feature() {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run serialkit-serial's tests with --features postgres"
    );
    let _ = unique;
    println!("concurrency tests: PostgreSQL suite skipped (feature `postgres` off)");
}
