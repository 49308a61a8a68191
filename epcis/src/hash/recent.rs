//! Canonical values of the identifiers that recur from event to event of
//! a document: read points, business locations, sources, destinations,
//! parents.
//!
//! A document comes from one business process at a few sites, so the same
//! few dozen to few hundred locations and parties come back in event after
//! event, and converting one to its canonical Digital Link (reading the EPC
//! URN, computing its check digit) costs ~2,000 instructions (callgrind),
//! where finding it again costs ~200. The cache of the last 8 values that
//! this replaces kept up with one site and its parties but missed whenever
//! a document moved between more sites (1.4 misses per event in the
//! synthetic benchmark, whose events visit a few hundred sites).
//!
//! The table is set-associative, keyed by a hash of the whole value: 256
//! sets of 4 entries, 1,024 values, each replacing the least recently used
//! of its set. That holds the locations and parties of a document with room
//! to spare while one-off values (a pallet's SSCC as parent) pass through
//! without pushing out the values that recur; four ways keep recurring
//! values whose hashes share a set. Its memory stays bounded: values longer
//! than [`MAX_VALUE`] (not identifiers) are not remembered, so the entries
//! and their text take at most ~0.5 MiB per thread that hashes, ~130 KiB
//! for identifiers of usual lengths, allocated once and reused. With half
//! the sets the synthetic benchmark (20,000 events) took ~200 instructions
//! more per event, 1.7% (callgrind).

/// Number of sets, a power of two (`1 << SET_BITS`).
const SET_BITS: u32 = 8;
const SETS: usize = 1 << SET_BITS;
/// Entries per set.
const WAYS: usize = 4;
/// The longest value remembered, in bytes: identifiers are far shorter.
const MAX_VALUE: usize = 200;

/// One remembered value: `text[..split]` canonicalises to `text[split..]`.
struct Entry {
    /// [`key_of`] the value.
    key: u64,
    /// When the entry was last used ([`RecentValues::clock`]).
    used: u32,
    split: usize,
    text: String,
}

/// Recently canonicalised values: `SETS` sets of `WAYS` entries.
#[derive(Default)]
pub(crate) struct RecentValues {
    /// Entry `w` of set `s` at `s * WAYS + w`; allocated on first use.
    entries: Vec<Option<Entry>>,
    /// Counts lookups, to tell the least recently used entry of a set.
    /// Wrapping only makes a replacement choice worse, never a value wrong.
    clock: u32,
}

/// A 64-bit hash of `b` (FxHash): values of one document share long
/// prefixes and differ in a few bytes anywhere, all of which the hash mixes
/// in; its high bits choose the set.
fn key_of(b: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(b);
    h.finish()
}

impl RecentValues {
    /// Appends the canonical form of `value` to `out`: the remembered one,
    /// or what `convert` appends (then remembered). `convert` must append
    /// the same for the same value every time.
    pub(crate) fn canonical(
        &mut self,
        value: &str,
        out: &mut String,
        convert: impl FnOnce(&str, &mut String),
    ) {
        if value.len() > MAX_VALUE {
            convert(value, out);
            return;
        }
        if self.entries.is_empty() {
            self.entries.resize_with(SETS * WAYS, || None);
        }
        self.clock = self.clock.wrapping_add(1);
        let key = key_of(value.as_bytes());
        let set = (key >> (64 - SET_BITS)) as usize;
        let ways = &mut self.entries[set * WAYS..set * WAYS + WAYS];
        for e in ways.iter_mut().flatten() {
            if e.key == key && e.split == value.len() && &e.text[..e.split] == value {
                out.push_str(&e.text[e.split..]);
                e.used = self.clock;
                return;
            }
        }
        let start = out.len();
        convert(value, out);
        // An empty entry, or the least recently used one.
        let mut victim = 0;
        let mut oldest = u64::MAX;
        for (w, e) in ways.iter().enumerate() {
            let used = e.as_ref().map_or(0, |e| u64::from(e.used) + 1);
            if used < oldest {
                (victim, oldest) = (w, used);
            }
        }
        let e = ways[victim].get_or_insert_with(|| Entry {
            key: 0,
            used: 0,
            split: 0,
            text: String::new(),
        });
        e.key = key;
        e.used = self.clock;
        e.text.clear();
        e.text.push_str(value);
        e.text.push_str(&out[start..]);
        e.split = value.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembered values are given back as converted, whatever the mix of
    /// repeats, one-off values and colliding sets.
    #[test]
    fn gives_back_what_was_converted() {
        let convert = |v: &str, out: &mut String| {
            out.push('<');
            out.push_str(v);
            out.push_str(&v.len().to_string());
        };
        let mut rng = crate::test_rng::Rng::new(0x9E37_79B9_7F4A_7C15u64);
        let mut next = move |n: u64| rng.next_u64() % n;
        let mut recent = RecentValues::default();
        let mut hits = 0;
        for i in 0..100_000u64 {
            // Recurring values (more than the table holds), one-off values,
            // empty ones, values that are prefixes of each other and values
            // around the longest remembered.
            let value = match next(4) {
                0 => format!("urn:epc:id:sgln:4012345.{:05}.0", next(300)),
                1 => format!("urn:epc:id:sscc:4012345.{i:010}"),
                2 => "x".repeat(next(20) as usize + [0, 190][next(2) as usize]),
                _ => format!("v{}", next(2_000)),
            };
            let mut want = String::from("id=");
            convert(&value, &mut want);
            let mut out = String::from("id=");
            let mut called = false;
            recent.canonical(&value, &mut out, |v, o| {
                called = true;
                convert(v, o)
            });
            hits += usize::from(!called);
            assert_eq!(out, want, "{value}");
        }
        assert!(hits > 30_000, "{hits}");
    }
}
