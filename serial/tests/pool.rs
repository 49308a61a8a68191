//! Pool behaviour, run against every store: allocation across regions,
//! partial fulfilment, low water, returns, verification, lifecycle,
//! imported lists, key rotation, the audit trail, and uniqueness per
//! product code across the pools of a store.

mod common;

use std::collections::HashSet;

use common::{
    key1, key2, random_pool, sscc_pool, unique, unique_giai, unique_grai, unique_gtin, unique_sscc,
};
use serialkit_serial::store::{LeaseStore, MemoryStore, SqliteStore};
use serialkit_serial::{
    Alphabet, CipherKind, GuessPolicy, ImportError, ImportErrorKind, ImportedSerial, Pool,
    PoolBuilder, PoolChange, PoolDefinition, PoolError, RegionKind, RegionSize, Scope, Serial,
    SerialFormat, SerialState, StoreError, Verification,
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
    // A serial of the region that was not leased (its index is far beyond
    // the few hundred leased, and almost surely beyond the 1/10,000 of the
    // region that can ever be leased), and text outside the format.
    let region = &pool.definition().regions()[0];
    let unleased = pool
        .definition()
        .format()
        .unrank(region.ranks().start + 123_456_789)
        .unwrap();
    match pool.verify(store, unleased.as_str()).unwrap() {
        Verification::NotIssued { reason } => assert!(
            reason.contains("not been leased") || reason.contains("beyond"),
            "{reason}"
        ),
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
    let mut lease = a.leases.remove(0);
    let id = lease.record().id;
    let s = lease.record().start;
    let serials: Vec<Serial> = lease.by_ref().take(6).collect();
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
    let state = |k: usize, store: &mut S| match pool.verify(store, serials[k].as_str()).unwrap() {
        Verification::Issued { state, .. } => state,
        v => panic!("{v:?}"),
    };
    assert_eq!(state(0, store), SerialState::Commissioned);
    assert_eq!(state(3, store), SerialState::Printed);
    assert_eq!(state(5, store), SerialState::Destroyed);
    // The untouched tail (indices 6..10) goes back.
    assert_eq!(pool.return_unused(store, lease, 6).unwrap(), 4);

    // Serials marked used are not returned, even from a lease that never
    // handed them out itself.
    let mut b = pool.allocate(store, 10, "l", 7).unwrap();
    let lease = b.leases.remove(0);
    let (id, s, len) = (
        lease.record().id,
        lease.record().start,
        lease.record().len(),
    );
    pool.transition(store, id, (s, s + 2), SerialState::Printed, 8)
        .unwrap();
    assert!(matches!(
        pool.return_unused(store, lease, 9),
        Err(PoolError::Store(StoreError::Refused(_)))
    ));
    let rec = store.leases(pool.definition().name()).unwrap();
    assert_eq!(rec.iter().find(|l| l.id == id).unwrap().len(), len);
}

/// A lease whose serials were all handed out returns nothing, and no
/// later allocation repeats them: the store only takes tails the lease
/// vouches for ([`serialkit_serial::UnusedTail`] has no public constructor).
fn returns_only_the_unused_tail<S: LeaseStore>(store: &mut S) {
    let name = unique("tail");
    let pool = random_pool(store, &name);
    let mut a = pool.allocate(store, 100, "l", 0).unwrap();
    let mut lease = a.leases.remove(0);
    let handed: HashSet<Serial> = lease.by_ref().collect();
    assert_eq!(handed.len(), 100);
    assert_eq!(pool.return_unused(store, lease, 1).unwrap(), 0);
    let mut b = pool.allocate(store, 100, "l", 2).unwrap();
    assert!(b.serials().all(|s| !handed.contains(&s)));
}

fn imported_lists<S: LeaseStore>(store: &mut S) {
    let name = unique("import");
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(9)
        .build()
        .unwrap();
    let def = PoolDefinition::builder(&name, unique_gtin(), format)
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
        matches!(&dup, Err(PoolError::Import(ImportError { position: 1, kind: ImportErrorKind::Duplicate { pool }, .. })) if *pool == name),
        "{dup:?}"
    );
    let dup = pool.import(store, 2, &list(&[("RU-C1", "x"), ("RU-C1", "y")]));
    assert!(
        matches!(
            dup,
            Err(PoolError::Import(ImportError {
                position: 1,
                kind: ImportErrorKind::Duplicate { .. },
                ..
            }))
        ),
        "{dup:?}"
    );
    // Serials of the generated format are refused, in the region or not.
    for serial in ["000000005", "000005000"] {
        let r = pool.import(store, 2, &list(&[(serial, "x")]));
        assert!(
            matches!(&r, Err(PoolError::Import(ImportError { kind: ImportErrorKind::Generated { pool }, .. })) if *pool == name),
            "{r:?}"
        );
    }
    assert!(matches!(
        pool.import(store, 1, &list(&[("Z1", "x")])),
        Err(PoolError::Misuse(_))
    ));
    let bad = pool.import(store, 2, &list(&[("OK-1", "x"), ("bad serial", "x")]));
    assert!(
        matches!(&bad, Err(PoolError::Import(ImportError { position: 1, kind: ImportErrorKind::Scope { span, .. }, .. })) if *span == (3..4)),
        "{bad:?}"
    );
    assert!(store.find_imported(&name, "OK-1").unwrap().is_none());

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
    assert!(matches!(
        again.rotate_key(
            store,
            &[key1()],
            &key2(),
            RegionSize::Half,
            CipherKind::Feistel
        ),
        Err(PoolError::Store(StoreError::Refused(_)))
    ));

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

fn numeric(len: u8) -> SerialFormat {
    SerialFormat::builder(Alphabet::numeric())
        .fixed_length(len)
        .build()
        .unwrap()
}

fn alnum(len: u8) -> SerialFormat {
    SerialFormat::builder(Alphabet::upper_alphanumeric())
        .fixed_length(len)
        .build()
        .unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Random,
    Sequential,
}

fn with_region(b: PoolBuilder, kind: Kind, size: RegionSize) -> PoolBuilder {
    match kind {
        Kind::Random => b.random_region(&key1(), size),
        Kind::Sequential => b.sequential_region(size),
    }
}

/// A pool of `scope` with one region, every rank leasable (no guessing
/// limit), every serial obtainable in one request.
fn small_pool<S: LeaseStore>(
    store: &mut S,
    scope: Scope,
    format: SerialFormat,
    kind: Kind,
    size: RegionSize,
) -> Result<Pool, PoolError> {
    let name = unique("shared");
    let b = PoolDefinition::builder(&name, scope, format)
        .policy(GuessPolicy::NotRequired)
        .max_per_request(100_000);
    let def = with_region(b, kind, size).build()?;
    let stored = Pool::create(store, &def)?;
    assert_eq!(stored, store.load_pool(&name).unwrap());
    Pool::open(store, &name, &[key1()])
}

/// Every serial the pool can still lease.
fn drain<S: LeaseStore>(store: &mut S, pool: &Pool) -> Vec<Serial> {
    let mut out = Vec::new();
    loop {
        let mut a = pool.allocate(store, 100_000, "l", 0).unwrap();
        if a.granted == 0 {
            return out;
        }
        out.extend(a.serials());
    }
}

/// Two pools of one GTIN — random or sequential, with or without lots —
/// never share a serial: the second is laid out after the first in the
/// GTIN's serial space. (Before, both numbered from rank 0.)
fn pools_of_one_gtin_never_share_a_serial<S: LeaseStore>(store: &mut S) {
    use Kind::*;
    for (ka, kb) in [
        (Random, Random),
        (Sequential, Sequential),
        (Random, Sequential),
        (Sequential, Random),
    ] {
        for lots in [false, true] {
            let gtin = unique_gtin();
            let (sa, sb) = if lots {
                (
                    gtin.clone().with_lot("L1").unwrap(),
                    gtin.with_lot("L2").unwrap(),
                )
            } else {
                (gtin.clone(), gtin)
            };
            let a = small_pool(store, sa, numeric(4), ka, RegionSize::Half).unwrap();
            let b = small_pool(store, sb, numeric(4), kb, RegionSize::Half).unwrap();
            let (ra, rb) = (
                a.definition().regions()[0].ranks(),
                b.definition().regions()[0].ranks(),
            );
            assert_eq!(
                (ra.clone(), rb.clone()),
                (0..5000, 5000..7500),
                "{ka:?}/{kb:?}"
            );
            let (xa, xb) = (drain(store, &a), drain(store, &b));
            assert_eq!((xa.len(), xb.len()), (5000, 2500));
            let all: HashSet<&Serial> = xa.iter().chain(&xb).collect();
            assert_eq!(
                all.len(),
                7500,
                "{ka:?}/{kb:?} lots {lots}: a serial repeats"
            );
        }
    }
    // A pool that took the whole space leaves no room for another.
    let gtin = unique_gtin();
    small_pool(
        store,
        gtin.clone(),
        numeric(4),
        Kind::Sequential,
        RegionSize::Rest,
    )
    .unwrap();
    let full = small_pool(store, gtin, numeric(4), Kind::Random, RegionSize::Half);
    assert!(matches!(full, Err(PoolError::NoRoom(_))), "{full:?}");
}

/// Pools of one product code with formats that could produce the same
/// text but number it differently are refused; formats that cannot meet
/// (another length, another prefix) each get their own numbering.
fn formats_of_one_product_code<S: LeaseStore>(store: &mut S) {
    let gtin = unique_gtin();
    let kind = Kind::Random;
    small_pool(store, gtin.clone(), alnum(12), kind, RegionSize::Half).unwrap();
    for clash in [
        numeric(12),
        SerialFormat::builder(Alphabet::numeric())
            .fixed_length(11)
            .prefix("7")
            .build()
            .unwrap(),
        SerialFormat::builder(Alphabet::upper_alphanumeric())
            .length_range(10, 14)
            .build()
            .unwrap(),
    ] {
        let r = small_pool(store, gtin.clone(), clash, kind, RegionSize::Half);
        assert!(
            matches!(&r, Err(PoolError::SharedProductCode { reason, .. }) if reason.contains("numbered differently")),
            "{r:?}"
        );
    }
    let other_length =
        small_pool(store, gtin.clone(), numeric(10), kind, RegionSize::Half).unwrap();
    assert_eq!(other_length.definition().regions()[0].ranks().start, 0);
    // Another GTIN is another space: it starts from rank 0 again.
    let other = small_pool(store, unique_gtin(), numeric(12), kind, RegionSize::Half).unwrap();
    assert_eq!(other.definition().regions()[0].ranks().start, 0);

    // SSCC company prefixes that nest would make the same SSCCs.
    let sscc = unique_sscc();
    let serialkit_serial::ProductCode::Sscc { company_prefix, .. } = sscc.product().clone() else {
        unreachable!()
    };
    small_pool(store, sscc, numeric(9), Kind::Sequential, RegionSize::Half).unwrap();
    let longer: Scope = format!("sscc:0+{company_prefix}5").parse().unwrap();
    let r = small_pool(
        store,
        longer,
        numeric(8),
        Kind::Sequential,
        RegionSize::Half,
    );
    assert!(
        matches!(&r, Err(PoolError::SharedProductCode { reason, .. }) if reason.contains("nest")),
        "{r:?}"
    );

    // A GRAI asset type is the same however its 12 digits split.
    let g1 = unique_grai();
    let digits = g1.product().space_key()["grai:".len()..].to_owned();
    let g2: Scope = format!("grai:{}+{}", &digits[..8], &digits[8..])
        .parse()
        .unwrap();
    let a = small_pool(store, g1, numeric(6), Kind::Sequential, RegionSize::Half).unwrap();
    let b = small_pool(store, g2, numeric(6), Kind::Sequential, RegionSize::Half).unwrap();
    assert_eq!(
        a.definition().regions()[0].ranks().end,
        b.definition().regions()[0].ranks().start
    );
}

/// Imported serials can never be generated later: a serial of the form a
/// pool of the product code generates is refused (in its regions or in
/// the unused tail a later epoch would take), and a pool that would
/// generate the form of serials already imported is refused.
fn imports_are_never_generated<S: LeaseStore>(store: &mut S) {
    let list = |v: Vec<String>| {
        v.into_iter()
            .map(|serial| ImportedSerial {
                serial,
                attributes: String::new(),
            })
            .collect::<Vec<_>>()
    };
    let gtin = unique_gtin();
    let name = unique("gen");
    let def = PoolDefinition::builder(&name, gtin.clone(), numeric(9))
        .policy(GuessPolicy::NotRequired)
        .random_region(&key1(), RegionSize::Exact(1000))
        .imported_region("provider")
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    let mut a = Pool::open(store, &name, &[key1()]).unwrap();
    // The audit's probe: 1000 imports in the unused tail, then an epoch of
    // 1000 carved there.
    let tail = list(
        (1000..2000)
            .map(|r| numeric(9).unrank(r).unwrap().to_string())
            .collect(),
    );
    let r = a.import(store, 2, &tail);
    assert!(
        matches!(&r, Err(PoolError::Import(ImportError { position: 0, kind: ImportErrorKind::Generated { pool }, .. })) if *pool == name),
        "{r:?}"
    );
    for t in &tail {
        assert!(store.find_imported(&name, &t.serial).unwrap().is_none());
    }
    // The epoch takes exactly those ranks, and each serial is issued once.
    a.rotate_key(
        store,
        &[key1()],
        &key2(),
        RegionSize::Exact(1000),
        CipherKind::Feistel,
    )
    .unwrap();
    assert_eq!(a.definition().regions()[1].ranks(), 1000..2000);
    let mut x = a.allocate(store, 1000, "l", 0).unwrap();
    let issued: HashSet<Serial> = x.serials().collect();
    assert_eq!(issued.len(), 1000);
    assert!(
        tail.iter()
            .all(|t| issued.contains(&t.serial.parse::<Serial>().unwrap()))
    );

    // A list-only pool of the same GTIN: the generated form is refused
    // there too; ten digits are taken.
    let lists = unique("lists");
    let def = PoolDefinition::builder(&lists, gtin.clone().with_lot("L9").unwrap(), numeric(9))
        .imported_region("customer")
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    let b = Pool::open(store, &lists, &[]).unwrap();
    let r = b.import(store, 1, &list(vec!["000000042".into()]));
    assert!(
        matches!(&r, Err(PoolError::Import(ImportError { kind: ImportErrorKind::Generated { pool }, .. })) if *pool == name),
        "{r:?}"
    );
    let ten = list(
        (0..50)
            .map(|i| format!("{:010}", 7_000_000_000u64 + i))
            .collect(),
    );
    b.import(store, 1, &ten).unwrap();
    // Unique per product code: the same serial into another pool of it.
    let r = a.import(store, 2, &ten[7..8]);
    assert!(
        matches!(&r, Err(PoolError::Import(ImportError { kind: ImportErrorKind::Duplicate { pool }, .. })) if *pool == lists),
        "{r:?}"
    );
    // A pool that would generate ten-digit serials of this GTIN is refused.
    let r = small_pool(
        store,
        gtin.clone(),
        numeric(10),
        Kind::Random,
        RegionSize::Half,
    );
    assert!(
        matches!(&r, Err(PoolError::SharedProductCode { pool, reason }) if *pool == lists && reason.contains("imported")),
        "{r:?}"
    );
    // So is a list-only pool of that form starting to generate.
    let c = unique("lists10");
    let def = PoolDefinition::builder(&c, gtin, numeric(10))
        .policy(GuessPolicy::NotRequired)
        .imported_region("x")
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    let mut c = Pool::open(store, &c, &[]).unwrap();
    let r = c.change(
        store,
        &[],
        &PoolChange::AddSequential {
            size: RegionSize::Half,
        },
    );
    assert!(
        matches!(r, Err(PoolError::SharedProductCode { .. })),
        "{r:?}"
    );
}

/// Imported serials must be serials of the key type, checked by the GS1
/// dictionary's rules; the error says which serial and which bytes.
fn imports_are_checked_against_the_key<S: LeaseStore>(store: &mut S) {
    let one = |serial: &str| {
        vec![
            ImportedSerial {
                serial: "OK1".into(),
                attributes: String::new(),
            },
            ImportedSerial {
                serial: serial.into(),
                attributes: String::new(),
            },
        ]
    };
    let cases: [(Scope, &str, std::ops::Range<usize>); 7] = [
        // AI (21): 1-20 CSET 82.
        (unique_gtin(), &"#".repeat(25), 20..25),
        (unique_gtin(), "ABC#1", 3..4),
        (unique_gtin(), "ABC 1", 3..4),
        // SSCC serial reference: exactly 9 digits after a 7-digit prefix.
        (unique_sscc(), "12345678", 0..8),
        (unique_sscc(), "12345678X", 8..9),
        // GRAI serial component: up to 16 CSET 82.
        (unique_grai(), &"A".repeat(17), 16..17),
        // GIAI: company prefix + reference up to 30.
        (unique_giai(), &"A".repeat(24), 23..24),
    ];
    for (scope, bad, span) in cases {
        let sscc = matches!(scope.product(), serialkit_serial::ProductCode::Sscc { .. });
        let name = unique("scope");
        let format = if sscc { numeric(9) } else { alnum(4) };
        let def = PoolDefinition::builder(&name, scope.clone(), format)
            .imported_region("l")
            .build()
            .unwrap();
        Pool::create(store, &def).unwrap();
        let pool = Pool::open(store, &name, &[]).unwrap();
        let mut batch = one(bad);
        if sscc {
            batch[0].serial = "000000001".into();
        }
        let r = pool.import(store, 1, &batch);
        match r {
            Err(PoolError::Import(ImportError {
                position: 1,
                ref serial,
                kind: ImportErrorKind::Scope { span: ref got, .. },
            })) if serial == bad => assert_eq!(*got, span, "{scope} {bad:?}: {r:?}"),
            _ => panic!("{scope} {bad:?}: {r:?}"),
        }
        pool.import(store, 1, &batch[..1]).unwrap();
    }
}

/// A pool changes only through typed changes the store applies to what it
/// holds: stale changes are refused, policies hold, a rewritten
/// definition has no way in, and earlier regions keep their ranges.
fn pools_change_only_by_extension<S: LeaseStore>(store: &mut S) {
    let name = unique("typed");
    let mut pool = random_pool(store, &name);
    let before = pool.definition().clone();
    let stale = pool.definition().version();
    // Under the EU FMD limit a sequential region is refused.
    let r = pool.change(
        store,
        &[key1()],
        &PoolChange::AddSequential {
            size: RegionSize::Half,
        },
    );
    assert!(matches!(r, Err(PoolError::Predictable { .. })), "{r:?}");
    let r = store.update_pool(
        &name,
        stale,
        &PoolChange::AddImported {
            list: String::new(),
        },
    );
    assert!(matches!(r, Err(PoolError::Misuse(_))), "{r:?}");
    store
        .update_pool(&name, stale, &PoolChange::AddImported { list: "l1".into() })
        .unwrap();
    // The same version again is stale now.
    let r = store.update_pool(&name, stale, &PoolChange::AddImported { list: "l2".into() });
    assert!(
        matches!(r, Err(PoolError::Store(StoreError::Refused(_)))),
        "{r:?}"
    );
    assert!(matches!(
        store.update_pool(
            "no-such-pool",
            1,
            &PoolChange::AddImported { list: "l".into() }
        ),
        Err(PoolError::Store(StoreError::NotFound(_)))
    ));
    // A fresh definition of the same name with another layout cannot
    // replace the stored one.
    let fresh = PoolDefinition::builder(&name, before.scope().clone(), numeric(12))
        .policy(GuessPolicy::NotRequired)
        .sequential_region(RegionSize::Rest)
        .build()
        .unwrap();
    assert!(matches!(
        store.create_pool(&fresh),
        Err(PoolError::Store(StoreError::AlreadyExists(_)))
    ));
    pool = Pool::open(store, &name, &[key1()]).unwrap();
    pool.rotate_key(
        store,
        &[key1()],
        &key2(),
        RegionSize::Half,
        CipherKind::Feistel,
    )
    .unwrap();
    let after = store.load_pool(&name).unwrap();
    assert_eq!(after.version(), before.version() + 2);
    assert_eq!(after.scope(), before.scope());
    assert_eq!(after.format(), before.format());
    let r1 = after.region(1).unwrap();
    assert_eq!(r1.ranks(), before.region(1).unwrap().ranks());
    assert_eq!(r1.capacity(), before.region(1).unwrap().capacity());
    assert!(r1.is_retired());
    let new = after
        .regions()
        .iter()
        .find(|r| r.epoch() == Some(2))
        .unwrap();
    assert!(new.ranks().start >= before.next_free_rank());
    assert!(matches!(
        after.region(2).unwrap().kind(),
        RegionKind::Imported { .. }
    ));
}

/// A serial of a region's range whose index is beyond what any lease can
/// reach was never issued, and the answer says so.
fn verify_beyond_the_lease_range<S: LeaseStore>(store: &mut S) {
    let name = unique("wide");
    let def = PoolDefinition::builder(&name, unique_gtin(), alnum(20))
        .policy(GuessPolicy::NotRequired)
        .sequential_region(RegionSize::Half)
        .build()
        .unwrap();
    Pool::create(store, &def).unwrap();
    let pool = Pool::open(store, &name, &[]).unwrap();
    let region = &pool.definition().regions()[0];
    let near = pool
        .definition()
        .format()
        .unrank(region.ranks().start + 10)
        .unwrap();
    match pool.verify(store, near.as_str()).unwrap() {
        Verification::NotIssued { reason } => {
            assert!(reason.contains("not been leased"), "{reason}")
        }
        v => panic!("{v:?}"),
    }
    let far = region.ranks().start + u128::from(u64::MAX) + 5;
    let serial = pool.definition().format().unrank(far).unwrap();
    match pool.verify(store, serial.as_str()).unwrap() {
        Verification::NotIssued { reason } => {
            assert!(reason.contains("beyond"), "{reason}");
            assert!(
                reason.contains(&(u128::from(u64::MAX) + 5).to_string()),
                "{reason}"
            );
        }
        v => panic!("{v:?}"),
    }
}

macro_rules! suite {
    ($modname:ident, $open:expr) => {
        suite!(@tests $modname, $open, [
            allocate_verify_return,
            regions_partial_low_water,
            lifecycle,
            returns_only_the_unused_tail,
            imported_lists,
            key_rotation,
            audit_trail_is_per_lease,
            pools_of_one_gtin_never_share_a_serial,
            formats_of_one_product_code,
            imports_are_never_generated,
            imports_are_checked_against_the_key,
            pools_change_only_by_extension,
            verify_beyond_the_lease_range,
        ]);
    };
    (@tests $modname:ident, $open:expr, [$($test:ident),* $(,)?]) => {
        mod $modname {
            use super::*;
            $(
                #[test]
                fn $test() {
                    let opened = $open;
                    let Some((mut s, _guard)) = opened else {
                        return;
                    };
                    super::$test(&mut s);
                }
            )*
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
