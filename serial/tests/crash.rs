//! Crash test: a child process allocates from a SQLite store in a loop,
//! writing each serial to stdout only after its lease is durable, and is
//! killed with SIGKILL at 200+ random moments (during start-up, inside
//! reservations, while handing out, while returning unused tails). Across
//! all restarts no serial is ever handed out twice, and every one verifies
//! as issued afterwards.

mod common;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Rng, key1, random_pool};
use serialkit_serial::Pool;
use serialkit_serial::store::SqliteStore;

const KILLS: usize = 220;
const POOL: &str = "crash";
const CHILD_ENV: &str = "SERIALKIT_CRASH_STORE";

/// The child's body (run by the parent through this test binary; without
/// the environment variable it does nothing).
#[test]
#[ignore = "child process of sigkill_never_reissues"]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut store = SqliteStore::open(&path).unwrap();
    let pool = Pool::open(&mut store, POOL, &[key1()]).unwrap();
    let mut rng = Rng::new(u64::from(std::process::id()) * 0x9E37_79B9);
    let holder = format!("child-{}", std::process::id());
    let mut out = std::io::stdout().lock();
    loop {
        let n = 1 + rng.below(400);
        let allocation = pool.allocate(&mut store, n, &holder, 0).unwrap();
        for mut lease in allocation.leases {
            // Sometimes hand out only part and return the rest.
            let partly = rng.below(4) == 0;
            let take = if partly {
                lease.remaining() / 2
            } else {
                lease.remaining()
            };
            let mut text = String::new();
            for s in lease.by_ref().take(take as usize) {
                text.push_str(s.as_str());
                text.push('\n');
            }
            // Handed out = written to the parent.
            out.write_all(text.as_bytes()).unwrap();
            out.flush().unwrap();
            if partly {
                pool.return_unused(&mut store, lease, 0).unwrap();
            }
        }
    }
}

#[test]
fn sigkill_never_reissues() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.sqlite");
    let mut store = SqliteStore::open(&path).unwrap();
    let pool = random_pool(&mut store, POOL);
    drop(store);

    let exe = std::env::current_exe().unwrap();
    let format = pool.definition().format().clone();
    let mut seen: HashSet<String> = HashSet::new();
    let mut rng = Rng::new(20_261_125);
    let mut productive = 0;
    let started = Instant::now();
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
                "-q",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        // Kill at a random moment: some during start-up, most mid-work.
        std::thread::sleep(Duration::from_micros(rng.below(80_000)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let output = reader.join().unwrap();
        let text = String::from_utf8_lossy(&output);
        // A line cut by the kill was not fully handed out: drop it.
        let complete = match text.rfind('\n') {
            Some(end) => &text[..end],
            None => "",
        };
        let mut got = 0;
        for line in complete.lines().filter(|l| format.rank(l).is_ok()) {
            assert!(
                seen.insert(line.to_owned()),
                "kill {kill}: serial {line} handed out twice"
            );
            got += 1;
        }
        if got > 0 {
            productive += 1;
        }
    }
    println!(
        "crash test: {KILLS} SIGKILLs ({productive} mid-work), {} serials, none repeated, {:.1}s",
        seen.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        productive > KILLS / 4,
        "too few kills landed after work began: {productive}"
    );

    // The store is intact and every serial handed out is on record.
    let mut store = SqliteStore::open(&path).unwrap();
    let pool = Pool::open(&mut store, POOL, &[key1()]).unwrap();
    for (i, s) in seen.iter().enumerate() {
        if i % 61 == 0 {
            assert!(
                pool.verify(&mut store, s).unwrap().issued(),
                "{s} not on record"
            );
        }
    }
    let check: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
