//! Serial generation inside a lease (keyed random, sequential) against the
//! `fpe` crate's FF1, and one durable lease reservation on SQLite.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::serial::{CHUNK, Ff1Peer, check_serial, lease, sqlite_pool};
use serialkit_serial::{Lease, Serial};

fn generation(c: &mut Criterion) {
    let blank: Serial = "X".parse().expect("serial");
    let mut g = c.benchmark_group("serial/generate");
    g.throughput(Throughput::Elements(CHUNK as u64));
    let (pool, mut random) = lease(true, 1 << 40);
    let mut buf = vec![blank; CHUNK];
    g.bench_function("keyed-random 12 alnum", |b| {
        b.iter(|| {
            let at = Lease::position(&random);
            assert_eq!(random.fill(&mut buf), CHUNK);
            check_serial(&pool, &buf[CHUNK - 1], at + CHUNK as u64 - 1);
            black_box(&buf);
        })
    });
    let (pool, mut sequential) = lease(false, 1 << 40);
    g.bench_function("sequential 12 alnum", |b| {
        b.iter(|| {
            let at = Lease::position(&sequential);
            assert_eq!(sequential.fill(&mut buf), CHUNK);
            check_serial(&pool, &buf[CHUNK - 1], at + CHUNK as u64 - 1);
            black_box(&buf);
        })
    });
    let peer = Ff1Peer::new();
    let mut next = 0u64;
    g.bench_function("fpe FF1 12 alnum", |b| {
        b.iter(|| {
            let mut last = [0u8; 12];
            for _ in 0..CHUNK {
                last = peer.serial(next);
                next += 1;
            }
            assert_eq!(peer.index_of(&last), next - 1);
            black_box(&last);
        })
    });
    g.finish();
}

fn reservation(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, pool) = sqlite_pool(dir.path());
    let mut g = c.benchmark_group("serial/reserve");
    g.throughput(Throughput::Elements(1));
    g.sample_size(20);
    g.bench_function("sqlite wal full, 1000 serials", |b| {
        b.iter(|| {
            let a = pool
                .allocate(&mut store, 1000, "bench", 0)
                .expect("reserved");
            assert_eq!(a.granted, 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, generation, reservation);
criterion_main!(benches);
