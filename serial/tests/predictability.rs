//! The predictability kit against real pools: predictors that see half of
//! the issued serials must stay at chance level on the keyed random
//! strategy, and must succeed on the sequential one (the negative control
//! that shows the kit can tell).

mod common;

use common::key1;
use serialkit_serial::predict::{all_predictors, score};
use serialkit_serial::store::MemoryStore;
use serialkit_serial::{Alphabet, GuessPolicy, Pool, PoolDefinition, RegionSize, SerialFormat};

/// Six digits: a domain small enough that chance-level hits are
/// measurable (about 1 guess in 100 lands on a hidden serial by luck).
fn issued_ranks(random: bool) -> (Vec<u128>, u128) {
    let mut store = MemoryStore::new();
    let format = SerialFormat::builder(Alphabet::numeric())
        .fixed_length(6)
        .build()
        .unwrap();
    let builder =
        PoolDefinition::builder("p", "gtin:09521234543213".parse().unwrap(), format.clone())
            .policy(GuessPolicy::NotRequired);
    let def = if random {
        builder.random_region(&key1(), RegionSize::Rest)
    } else {
        builder.sequential_region(RegionSize::Rest)
    }
    .build()
    .unwrap();
    Pool::create(&mut store, &def).unwrap();
    let pool = Pool::open(&mut store, "p", &[key1()]).unwrap();
    let mut ranks = Vec::new();
    // Many small leases, as lines would draw them.
    for _ in 0..40 {
        let mut a = pool.allocate(&mut store, 500, "line", 0).unwrap();
        ranks.extend(a.serials().map(|s| format.rank(s.as_str()).unwrap()));
    }
    (ranks, format.domain_size())
}

#[test]
fn keyed_random_defeats_predictors() {
    let (ranks, domain) = issued_ranks(true);
    let (observed, hidden) = ranks.split_at(10_000);
    for p in all_predictors() {
        let s = score(p, observed, hidden, domain, 10_000);
        println!(
            "predictability keyed/{}: {} hits of {} guesses, rate {:.4} vs chance {:.4}",
            s.predictor, s.hits, s.guesses, s.hit_rate, s.chance_rate
        );
        assert!(s.at_chance(6.0), "{s:?}");
    }
}

#[test]
fn sequential_falls_to_predictors() {
    let (ranks, domain) = issued_ranks(false);
    let (observed, hidden) = ranks.split_at(10_000);
    for p in all_predictors() {
        let s = score(p, observed, hidden, domain, 10_000);
        println!(
            "predictability sequential/{}: {} hits of {} guesses, rate {:.4} vs chance {:.4}",
            s.predictor, s.hits, s.guesses, s.hit_rate, s.chance_rate
        );
        assert!(s.hit_rate > 0.99, "{s:?}");
        assert!(!s.at_chance(6.0));
    }
}
