//! Pool behaviour, run against every store: allocation across regions,
//! partial fulfilment, low water, returns, verification, lifecycle,
//! imported lists, key rotation and the audit trail.

mod common;

use std::collections::HashSet;

use common::{key1, key2, random_pool, sscc_pool, unique};
use serialkit_serial::store::{LeaseStore, MemoryStore, SqliteStore};
use serialkit_serial::{
    Alphabet, CipherKind, GuessPolicy, ImportedSerial, Pool, PoolDefinition, PoolError, RegionSize,
    Serial, SerialFormat, SerialState, StoreError, Verification,
};

fn allocate_verify_return<S: LeaseStore>(store: &mut S) {
    let name = unique("verify");
    let pool = random_pool(store, &name);
    let mut a = pool.allocate(store, 100, "line-1", 1000).unwrap();
    assert_eq!((a.requested, a.granted, a.partial), (100, 100, false));
    let serials: Vec<Serial> = a.serials().collect();
    assert_eq!(serials.iter().collect::<HashSet<_>>().len(), 100);
    let lease_id = a.leases[0].record().id;
    for s in &serials {
        match pool.verify(store, s.as_str()).unwrap() {
            Verification::Issued {
                lease,
                state,
                epoch,
                ..
            } => {
                assert_eq!(lease.id, lease_id);
                assert_eq!(lease.holder, "line-1");
                assert_eq!(state, SerialState::Allocated);
                assert_eq!(epoch, Some(1));
            }
            v => panic!("{s} not issued: {v:?}"),
        }
    }
    // A serial of the region that was not leased (its index is almost
    // surely far beyond the few hundred leased), and text outside the format.
    let region = &pool.definition().regions()[0];
    let unleased = pool
        .definition()
        .format()
        .unrank(region.ranks().start + 123_456_789)
        .unwrap();
    match pool.verify(store, unleased.as_str()).unwrap() {
        Verification::NotIssued { reason } => {
            assert!(reason.contains("not been leased"), "{reason}")
        }
        v => panic!("{v:?}"),
    }
    for bad in ["", "abc", "TOO-LONG-SERIAL-XX", "0000000000000"] {
        assert!(!pool.verify(store, bad).unwrap().issued(), "{bad}");
    }

    // Hand out 30 of a lease, return the rest; the rest is reissued, the 30 never.
    let mut a = pool.allocate(store, 100, "line-2", 2000).unwrap();
    let mut lease = a.leases.remove(0);
    let handed: Vec<Serial> = lease.by_ref().take(30).collect();
    let first_id = lease.record().id;
    assert_eq!(pool.return_unused(store, lease, 2001).unwrap(), 70);
    let mut b = pool.allocate(store, 70, "line-3", 2002).unwrap();
    let reissued: Vec<Serial> = b.serials().collect();
    assert_eq!(reissued.len(), 70);
    assert!(reissued.iter().all(|s| !handed.contains(s)));
    for s in &handed {
        let Verification::Issued { lease, .. } = pool.verify(store, s.as_str()).unwrap() else {
            panic!("{s} lost");
        };
        assert_eq!(lease.id, first_id);
        assert_eq!(lease.len(), 30);
        assert!(lease.returned_at_ms.is_some());
    }
    let Verification::Issued { lease, .. } = pool.verify(store, reissued[0].as_str()).unwrap()
    else {
        panic!("reissued serial not found");
    };
    assert_eq!(lease.holder, "line-3");
}

fn regions_partial_low_water<S: LeaseStore>(store: &mut S) {
    let name = unique("partial");
    let pool = sscc_pool(store, &name, 30, 20, 40, 20);
    assert!(matches!(
        pool.allocate(store, 41, "l", 0),
        Err(PoolError::RequestTooLarge {
            requested: 41,
            max: 40
        })
    ));
    let mut a = pool.allocate(store, 40, "l", 0).unwrap();
    assert_eq!(
        (a.granted, a.partial, a.remaining, a.low_water),
        (40, false, 10, true)
    );
    // The random region (30) first, then the sequential overflow.
    assert_eq!(a.leases.len(), 2);
    assert_eq!(a.leases[0].record().len(), 30);
    assert_eq!(a.leases[1].record().len(), 10);
    let all: Vec<Serial> = a.serials().collect();
    let ranks: Vec<u128> = all
        .iter()
        .map(|s| pool.definition().format().rank(s.as_str()).unwrap())
        .collect();
    assert!(ranks[..30].iter().all(|&r| r < 30));
    assert_eq!(ranks[30..], (30..40).collect::<Vec<u128>>());
    // SSCCs come with their check digit.
    let sscc = pool.definition().scope().sscc(&all[35]).unwrap();
    assert_eq!(sscc.as_str().len(), 18);
    let b = pool.allocate(store, 40, "l", 0).unwrap();
    assert_eq!((b.granted, b.partial, b.remaining), (10, true, 0));
    let c = pool.allocate(store, 1, "l", 0).unwrap();
    assert_eq!((c.granted, c.partial, c.leases.len()), (0, true, 0));
}

fn lifecycle<S: LeaseStore>(store: &mut S) {
    let name = unique("life");
    let pool = random_pool(store, &name);
    let mut a = pool.allocate(store, 10, "l", 0).unwrap();
    let lease = a.leases.remove(0);
    let id = lease.record().id;
    let s = lease.record().start;
    let serials: Vec<Serial> = lease.collect();
    pool.transition(store, id, (s, s + 5), SerialState::Printed, 1)
        .unwrap();
    pool.transition(store, id, (s, s + 3), SerialState::Commissioned, 2)
        .unwrap();
    let refused = pool.transition(store, id, (s + 3, s + 5), SerialState::Encoded, 3);
    assert!(
        matches!(refused, Err(PoolError::Store(StoreError::Refused(_)))),
        "{refused:?}"
    );
    assert!(
        pool.transition(store, id, (s, s + 5), SerialState::Returned, 3)
            .is_err()
    );
    assert!(
        pool.transition(store, id, (s + 8, s + 11), SerialState::Printed, 3)
            .is_err()
    );
    pool.transition(store, id, (s + 4, s + 6), SerialState::Destroyed, 4)
        .unwrap();
    // Used serials cannot be returned.
    assert!(store.return_unused(&name, id, s + 4, 5).is_err());
    let state = |k: usize, store: &mut S| match pool.verify(store, serials[k].as_str()).unwrap() {
        Verification::Issued { state, .. } => state,
        v => panic!("{v:?}"),
    };
    assert_eq!(state(0, store), SerialState::Commissioned);
    assert_eq!(state(3, store), SerialState::Printed);
    assert_eq!(state(5, store), SerialState::Destroyed);
    assert_eq!(state(9, store), SerialState::Allocated);
    // Unused, untouched tail: returnable.
    store.return_unused(&name, id, s + 6, 6).unwrap();
}

fn imported_lists<S: LeaseStore>(store: &mut S) {
    let name = unique("import");
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(9)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(&name, "gtin:09521234543213".parse().unwrap(), format)
        .policy(GuessPolicy::NotRequired)
        .random_region(&key1(), RegionSize::Exact(1000))
        .imported_region("order-17")
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    let pool = Pool::open(store, &name, &[key1()]).unwrap();
    let list = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(s, a)| ImportedSerial {
                serial: s.to_string(),
                attributes: a.to_string(),
            })
            .collect::<Vec<_>>()
    };
    let five = list(&[
        ("RU-A1", "crypto=aa"),
        ("RU-A2", "crypto=bb"),
        ("RU-A3", "crypto=cc"),
        ("RU-A4", "crypto=dd"),
        ("RU-A5", "crypto=ee"),
    ]);
    pool.import(store, 2, &five).unwrap();
    // A batch with one duplicate imports nothing.
    let dup = pool.import(store, 2, &list(&[("RU-B1", "x"), ("RU-A3", "y")]));
    assert!(
        matches!(dup, Err(PoolError::Store(StoreError::Refused(_)))),
        "{dup:?}"
    );
    // Serials in a generated region's range are refused.
    assert!(pool.import(store, 2, &list(&[("000000005", "x")])).is_err());
    assert!(pool.import(store, 1, &list(&[("Z1", "x")])).is_err());
    assert!(
        pool.import(store, 2, &list(&[("bad serial", "x")]))
            .is_err()
    );

    // The random region (1000) is used up first.
    let a = pool.allocate(store, 1000, "l", 0).unwrap();
    assert_eq!(a.granted, 1000);
    let mut a = pool.allocate(store, 3, "l", 0).unwrap();
    let got: Vec<(String, String)> = std::iter::from_fn(|| a.leases[0].next_imported()).collect();
    assert_eq!(
        got,
        vec![
            ("RU-A1".into(), "crypto=aa".into()),
            ("RU-A2".into(), "crypto=bb".into()),
            ("RU-A3".into(), "crypto=cc".into())
        ]
    );
    let mut b = pool.allocate(store, 5, "l", 0).unwrap();
    assert_eq!((b.granted, b.partial), (2, true));
    let rest: Vec<Serial> = b.serials().collect();
    assert_eq!(
        rest.iter().map(Serial::as_str).collect::<Vec<_>>(),
        ["RU-A4", "RU-A5"]
    );
    match pool.verify(store, "RU-A2").unwrap() {
        Verification::Issued {
            attributes, region, ..
        } => {
            assert_eq!(attributes.as_deref(), Some("crypto=bb"));
            assert_eq!(region, 2);
        }
        v => panic!("{v:?}"),
    }
    assert!(!pool.verify(store, "RU-B1").unwrap().issued());
}

fn key_rotation<S: LeaseStore>(store: &mut S) {
    let name = unique("rotate");
    let mut pool = random_pool(store, &name);
    let stale = Pool::open(store, &name, &[key1()]).unwrap();
    let mut a = pool.allocate(store, 500, "l", 0).unwrap();
    let epoch1: Vec<Serial> = a.serials().collect();
    pool.rotate_key(
        store,
        &[key1()],
        &key2(),
        RegionSize::Half,
        CipherKind::Feistel,
    )
    .unwrap();
    // An allocator still on the old definition is refused, not misled.
    assert!(matches!(
        stale.allocate(store, 1, "old", 0),
        Err(PoolError::Store(StoreError::Refused(_)))
    ));
    // A second rotation from the stale definition is refused too.
    assert!(matches!(
        Pool::open(store, &name, &[key1(), key2()]).map(|_| ()),
        Ok(())
    ));
    let mut again = Pool::from_definition(stale.definition().clone(), &[key1()]).unwrap();
    assert!(
        again
            .rotate_key(
                store,
                &[key1()],
                &key2(),
                RegionSize::Half,
                CipherKind::Feistel
            )
            .is_err()
    );

    let mut b = pool.allocate(store, 500, "l", 0).unwrap();
    assert!(b.leases.iter().all(|l| l.record().epoch == Some(2)));
    let epoch2: Vec<Serial> = b.serials().collect();
    let r1 = pool
        .definition()
        .regions()
        .iter()
        .find(|r| r.epoch() == Some(1))
        .unwrap()
        .ranks();
    let r2 = pool
        .definition()
        .regions()
        .iter()
        .find(|r| r.epoch() == Some(2))
        .unwrap()
        .ranks();
    let format = pool.definition().format();
    assert!(
        epoch1
            .iter()
            .all(|s| r1.contains(&format.rank(s.as_str()).unwrap()))
    );
    assert!(
        epoch2
            .iter()
            .all(|s| r2.contains(&format.rank(s.as_str()).unwrap()))
    );
    // Both epochs verify.
    assert!(pool.verify(store, epoch1[7].as_str()).unwrap().issued());
    assert!(pool.verify(store, epoch2[7].as_str()).unwrap().issued());
    // The active epoch's key is required; a retired one only to verify.
    assert!(matches!(
        Pool::open(store, &name, &[key1()]),
        Err(PoolError::MissingKey { epoch: 2 })
    ));
    let without_old = Pool::open(store, &name, &[key2()]).unwrap();
    assert!(matches!(
        without_old.verify(store, epoch1[0].as_str()),
        Err(PoolError::MissingKey { epoch: 1 })
    ));
}

fn audit_trail_is_per_lease<S: LeaseStore>(store: &mut S) {
    let name = unique("audit");
    let pool = random_pool(store, &name);
    for i in 0..10 {
        pool.allocate(store, 1000, &format!("line-{i}"), i).unwrap();
    }
    let report = pool.report(store).unwrap();
    assert_eq!(report.leases, 10);
    assert_eq!(report.issued, 10_000);
    assert_eq!(report.lease_records.len(), 10);
    assert_eq!(report.lease_records[3].holder, "line-3");
    assert!(report.guessability.satisfied);
    assert!(report.guessability.bound_now < 1e-10);
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"lease_records\""));
}

macro_rules! suite {
    ($modname:ident, $open:expr) => {
        mod $modname {
            use super::*;
            #[test]
            fn allocate_verify_return() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::allocate_verify_return(&mut s);
            }
            #[test]
            fn regions_partial_low_water() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::regions_partial_low_water(&mut s);
            }
            #[test]
            fn lifecycle() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::lifecycle(&mut s);
            }
            #[test]
            fn imported_lists() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::imported_lists(&mut s);
            }
            #[test]
            fn key_rotation() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::key_rotation(&mut s);
            }
            #[test]
            fn audit_trail_is_per_lease() {
                let opened = $open;
                let Some((mut s, _guard)) = opened else {
                    return;
                };
                super::audit_trail_is_per_lease(&mut s);
            }
        }
    };
}

suite!(memory, Some((MemoryStore::new(), ())));
suite!(sqlite, {
    let dir = tempfile::tempdir().unwrap();
    Some((SqliteStore::open(dir.path().join("s.sqlite")).unwrap(), dir))
});
#[cfg(feature = "postgres")]
suite!(
    postgres,
    common::pg_url("pool tests")
        .map(|url| (serialkit_serial::store::PgStore::connect(&url).unwrap(), ()))
);

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_suite_needs_the_feature() {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run serialkit-serial's tests with --features postgres"
    );
    println!("pool tests: PostgreSQL suite skipped (feature `postgres` off)");
}
