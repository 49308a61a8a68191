//! A failed reservation hands out nothing: writes fail before, half-way
//! through (a torn write inside the transaction) and after the commit (a
//! lost acknowledgement), on every store; afterwards allocation goes on
//! without ever repeating a serial.

mod common;

use std::collections::HashSet;

use common::{random_pool, unique};
use serialkit_serial::store::{
    ArmFault, FaultPoint, FaultyStore, LeaseStore, MemoryStore, SqliteStore,
};
use serialkit_serial::{ImportedSerial, PoolError, Serial, StoreError};

const POINTS: [FaultPoint; 3] = [
    FaultPoint::BeforeWrite,
    FaultPoint::MidWrite,
    FaultPoint::AfterCommit,
];

fn reservation_faults<S: LeaseStore + ArmFault>(mut fresh: impl FnMut() -> S) {
    for point in POINTS {
        let name = unique(point.name());
        // Writes 0, 1, 2 succeed; 3 fails at `point`; then more succeed.
        let mut store = FaultyStore::new(fresh(), vec![(3, point)]);
        let pool = random_pool(&mut store, &name);
        let mut issued: HashSet<Serial> = HashSet::new();
        for _ in 0..3 {
            let mut a = pool.allocate(&mut store, 50, "l", 0).unwrap();
            assert!(a.serials().all(|s| issued.insert(s)));
        }
        let leases_before = store.leases(&name).unwrap();
        let states_before = store.region_states(&name).unwrap();
        let failed = pool.allocate(&mut store, 50, "l", 0);
        assert!(
            matches!(failed, Err(PoolError::Store(StoreError::Injected(p))) if p == point.name()),
            "{point:?}: {failed:?}"
        );
        let leases_after = store.leases(&name).unwrap();
        match point {
            FaultPoint::AfterCommit => {
                // Durable but unacknowledged: one more lease, wasted.
                assert_eq!(leases_after.len(), leases_before.len() + 1);
            }
            _ => {
                assert_eq!(leases_after, leases_before, "{point:?} left a lease behind");
                assert_eq!(store.region_states(&name).unwrap(), states_before);
            }
        }
        for _ in 0..3 {
            let mut a = pool.allocate(&mut store, 50, "l", 0).unwrap();
            assert!(
                a.serials().all(|s| issued.insert(s)),
                "{point:?}: a serial repeated"
            );
        }
        assert_eq!(issued.len(), 300);
        // Nothing leased overlaps.
        let mut ranges: Vec<(u64, u64)> = store
            .leases(&name)
            .unwrap()
            .iter()
            .map(|l| (l.start, l.reserved_end))
            .collect();
        ranges.sort_unstable();
        assert!(ranges.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}

fn return_and_import_faults<S: LeaseStore + ArmFault>(inner: S) {
    use serialkit_serial::{Alphabet, GuessPolicy, Pool, PoolDefinition, RegionSize, SerialFormat};
    let name = unique("ret");
    let mut store = FaultyStore::new(inner, Vec::new());
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(9)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(&name, common::unique_gtin(), format)
        .policy(GuessPolicy::NotRequired)
        .random_region(&common::key1(), RegionSize::Exact(1000))
        .imported_region("list")
        .build()
        .unwrap();
    Pool::create(&mut store, &def).unwrap();
    let pool = Pool::open(&mut store, &name, &[common::key1()]).unwrap();

    // Return of an unused tail torn half-way: the lease keeps its range.
    let mut a = pool.allocate(&mut store, 100, "l", 0).unwrap();
    let mut lease = a.leases.remove(0);
    let handed: Vec<Serial> = lease.by_ref().take(10).collect();
    let id = lease.record().id;
    store.fail_write(store.writes(), FaultPoint::MidWrite);
    assert!(pool.return_unused(&mut store, lease, 1).is_err());
    let rec = store
        .leases(&name)
        .unwrap()
        .into_iter()
        .find(|l| l.id == id)
        .unwrap();
    assert_eq!(rec.len(), 100);
    let b = pool.allocate(&mut store, 10, "l", 0).unwrap();
    assert_eq!(
        b.leases[0].record().start,
        100,
        "a torn return must not free anything"
    );
    assert!(
        handed
            .iter()
            .all(|s| pool.verify(&mut store, s.as_str()).unwrap().issued())
    );

    // Import torn half-way: nothing imported.
    let list: Vec<ImportedSerial> = (0..10)
        .map(|i| ImportedSerial {
            serial: format!("L{i}"),
            attributes: format!("code-{i}"),
        })
        .collect();
    store.fail_write(store.writes(), FaultPoint::MidWrite);
    assert!(pool.import(&mut store, 2, &list).is_err());
    assert!(store.find_imported(&name, "L0").unwrap().is_none());
    pool.import(&mut store, 2, &list).unwrap();
    assert!(store.find_imported(&name, "L9").unwrap().is_some());
}

#[test]
fn memory_store_faults() {
    reservation_faults(MemoryStore::new);
    return_and_import_faults(MemoryStore::new());
}

#[test]
fn sqlite_store_faults() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    reservation_faults(|| {
        n += 1;
        SqliteStore::open(dir.path().join(format!("a{n}.sqlite"))).unwrap()
    });
    return_and_import_faults(SqliteStore::open(dir.path().join("b.sqlite")).unwrap());
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_store_faults() {
    let Some(url) = common::pg_url("fault tests") else {
        return;
    };
    let connect = || serialkit_serial::store::PgStore::connect(&url).unwrap();
    reservation_faults(connect);
    return_and_import_faults(connect());
}
