//! Property tests: every format's rank/unrank is a bijection that keeps the
//! numbering order, and every permutation is a bijection (exhaustive on
//! small domains, sampled on large ones).

use std::collections::HashSet;

use proptest::prelude::*;
use serialkit_serial::{
    Alphabet, FeistelPermutation, Ff1Permutation, IndexPermutation, SerialFormat, SerialKey,
};

fn alphabet() -> impl Strategy<Value = Alphabet> {
    prop_oneof![
        Just(Alphabet::numeric()),
        Just(Alphabet::upper_alphanumeric()),
        Just(Alphabet::upper_alphanumeric().without_lookalikes().unwrap()),
        Just(Alphabet::cset82()),
        Just(Alphabet::cset39()),
        Just(Alphabet::cset64()),
        Just(Alphabet::new("01").unwrap()),
        Just(Alphabet::new("XY0Z").unwrap()),
    ]
}

/// Any valid format: lengths, prefix and leading-zero rule included.
fn format() -> impl Strategy<Value = SerialFormat> {
    (
        alphabet(),
        1u8..=20,
        0u8..=6,
        prop_oneof![Just(""), Just("7"), Just("AB")],
        any::<bool>(),
    )
        .prop_filter_map(
            "format must build",
            |(alphabet, max, spread, prefix, nlz)| {
                let min = max.saturating_sub(spread).max(1);
                SerialFormat::builder(alphabet)
                    .length_range(min, max)
                    .prefix(prefix)
                    .no_leading_zero(nlz)
                    .build()
                    .ok()
            },
        )
}

/// Small formats, small enough to enumerate.
fn small_format() -> impl Strategy<Value = SerialFormat> {
    (alphabet(), 1u8..=3, 0u8..=2, any::<bool>()).prop_filter_map(
        "small",
        |(alphabet, max, spread, nlz)| {
            let min = max.saturating_sub(spread).max(1);
            let f = SerialFormat::builder(alphabet)
                .length_range(min, max)
                .no_leading_zero(nlz)
                .build()
                .ok()?;
            (f.domain_size() <= 8000).then_some(f)
        },
    )
}

/// The numbering order: shorter first, then by digit values.
fn order_key(f: &SerialFormat, s: &str) -> (usize, Vec<u32>) {
    let body = &s.as_bytes()[f.prefix().len()..];
    (
        body.len(),
        body.iter()
            .map(|&b| f.alphabet().digit_of(b).unwrap())
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rank_inverts_unrank(f in format(), picks in prop::collection::vec(any::<u128>(), 32)) {
        let n = f.domain_size();
        for p in picks.into_iter().chain([0, n - 1]) {
            let i = p % n;
            let s = f.unrank(i).unwrap();
            prop_assert_eq!(f.rank(s.as_str()).unwrap(), i, "serial {}", s);
            prop_assert!(s.as_str().starts_with(f.prefix()));
            if f.spec().no_leading_zero {
                prop_assert!(!s.as_str().starts_with('0'));
            }
        }
        prop_assert!(f.unrank(n).is_err());
    }

    #[test]
    fn unrank_inverts_rank(f in format(), digits in prop::collection::vec(any::<u16>(), 20), len_pick in any::<u8>()) {
        // Build a valid serial directly from the alphabet.
        let (min, max) = f.body_lengths();
        let len = min + usize::from(len_pick) % (max - min + 1);
        let a = f.alphabet();
        let mut s = f.prefix().to_string();
        for (k, d) in digits.iter().take(len).enumerate() {
            let mut sym = a.symbol(usize::from(*d) % a.len());
            if k == 0 && f.prefix().is_empty() && f.spec().no_leading_zero && sym == b'0' {
                sym = a.symbol((usize::from(*d) + 1) % a.len());
                if sym == b'0' { sym = a.symbol((usize::from(*d) + 2) % a.len()); }
            }
            s.push(char::from(sym));
        }
        let r = f.rank(&s).unwrap();
        let back = f.unrank(r).unwrap();
        prop_assert_eq!(back.as_str(), s.as_str());
    }

    #[test]
    fn small_formats_enumerate_in_order(f in small_format()) {
        let n = f.domain_size();
        let mut prev: Option<(usize, Vec<u32>)> = None;
        for i in 0..n {
            let s = f.unrank(i).unwrap();
            let key = order_key(&f, s.as_str());
            if let Some(p) = &prev {
                prop_assert!(p < &key, "{} not after previous", s);
            }
            prop_assert_eq!(f.rank(s.as_str()).unwrap(), i);
            prev = Some(key);
        }
    }

    #[test]
    fn feistel_small_domains_exhaustive(n in 1u128..3000, seed in any::<[u8; 32]>(), tweak in any::<Vec<u8>>()) {
        let p = FeistelPermutation::new(&SerialKey::from_bytes(seed), &tweak, n).unwrap();
        let mut seen = vec![false; n as usize];
        for i in 0..n {
            let y = p.forward(i);
            prop_assert!(y < n);
            prop_assert!(!seen[y as usize]);
            seen[y as usize] = true;
            prop_assert_eq!(p.inverse(y), i);
        }
    }

    #[test]
    fn feistel_large_domains_sampled(n in 3000u128.., seed in any::<[u8; 32]>(), picks in prop::collection::vec(any::<u128>(), 64)) {
        let p = FeistelPermutation::new(&SerialKey::from_bytes(seed), b"t", n);
        // Domains above (2^64 - 1)^2 have halves wider than 64 bits.
        let Ok(p) = p else { return Ok(()); };
        let xs: Vec<u128> = picks.iter().map(|x| x % n).collect::<HashSet<_>>().into_iter().collect();
        let mut ys = xs.clone();
        p.forward_batch(&mut ys);
        let distinct: HashSet<u128> = ys.iter().copied().collect();
        prop_assert_eq!(distinct.len(), xs.len());
        for (x, y) in xs.iter().zip(&ys) {
            prop_assert!(*y < n);
            prop_assert_eq!(p.forward(*x), *y);
            prop_assert_eq!(p.inverse(*y), *x);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn ff1_sampled(n in 1_000_000u128.., seed in any::<[u8; 32]>(), picks in prop::collection::vec(any::<u128>(), 16)) {
        let p = Ff1Permutation::new(&SerialKey::from_bytes(seed), b"gtin", n).unwrap();
        for x in picks.into_iter().map(|x| x % n) {
            let y = p.forward(x);
            prop_assert!(y < n);
            prop_assert_eq!(p.inverse(y), x);
        }
    }
}

#[test]
fn feistel_exhaustive_on_a_two_million_domain() {
    // 2^21 - 3: halves 1449 x 1448 with a few points to walk around.
    let n: u128 = (1 << 21) - 3;
    let p = FeistelPermutation::new(&SerialKey::from_bytes([9; 32]), b"exhaustive", n).unwrap();
    let mut seen = vec![0u64; (n as usize).div_ceil(64)];
    let mut batch = [0u128; 256];
    let mut i = 0u128;
    while i < n {
        let m = ((n - i) as usize).min(batch.len());
        for (k, b) in batch[..m].iter_mut().enumerate() {
            *b = i + k as u128;
        }
        p.forward_batch(&mut batch[..m]);
        for &y in &batch[..m] {
            assert!(y < n);
            let (w, bit) = ((y / 64) as usize, y % 64);
            assert_eq!(seen[w] >> bit & 1, 0, "{y} hit twice");
            seen[w] |= 1 << bit;
        }
        i += m as u128;
    }
}

/// A sequential lease writes the serials after the first by changing the
/// last character where it can: whatever the format and however the
/// caller cuts its buffer, the serials are the format's, rank after rank.
fn sequential_lease_matches_unrank(f: SerialFormat, chunks: &[usize]) {
    use serialkit_serial::store::MemoryStore;
    use serialkit_serial::{GuessPolicy, Pool, PoolDefinition, RegionSize, Serial};
    let mut store = MemoryStore::new();
    let count = f.domain_size().min(5000) as u64;
    // A GTIN takes CSET 82 serials only: other alphabets are left out.
    let Ok(def) = PoolDefinition::builder("seq", "gtin:09521234543213".parse().unwrap(), f.clone())
        .policy(GuessPolicy::NotRequired)
        .max_per_request(count)
        .sequential_region(RegionSize::Rest)
        .build()
    else {
        return;
    };
    Pool::create(&mut store, &def).unwrap();
    let pool = Pool::open(&mut store, "seq", &[]).unwrap();
    let mut a = pool.allocate(&mut store, count, "t", 0).unwrap();
    let start = def.regions()[0].ranks().start;
    let mut got = Vec::new();
    let mut buf = vec!["0".parse::<Serial>().unwrap(); 64];
    for lease in &mut a.leases {
        let mut k = 0;
        loop {
            let n = chunks[k % chunks.len()].clamp(1, 64);
            k += 1;
            let written = lease.fill(&mut buf[..n]);
            got.extend_from_slice(&buf[..written]);
            if written < n {
                break;
            }
        }
    }
    let want: Vec<Serial> = (0..count as u128)
        .map(|i| f.unrank(start + i).unwrap())
        .collect();
    assert_eq!(got, want);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sequential_leases_write_the_format_in_order(f in format(), chunks in prop::collection::vec(1usize..64, 1..5)) {
        sequential_lease_matches_unrank(f, &chunks);
    }

    #[test]
    fn sequential_leases_of_small_formats(f in small_format(), chunks in prop::collection::vec(1usize..64, 1..5)) {
        sequential_lease_matches_unrank(f, &chunks);
    }
}
