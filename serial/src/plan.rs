//! The reservation planner every store runs inside its transaction: given
//! the definition and the regions' state, which ranges to grant.

use crate::definition::PoolDefinition;
use crate::region::RegionKind;
use crate::store::RegionState;

/// One granted range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grant {
    pub region: u32,
    pub epoch: Option<u32>,
    pub start: u64,
    pub end: u64,
    /// Taken from a returned range rather than the counter.
    pub from_free: bool,
}

/// Serials a region can still lease.
fn available(capacity: u64, state: &RegionState) -> u64 {
    let free: u64 = state.free.iter().map(|(a, b)| b - a).sum();
    capacity.saturating_sub(state.next) + free
}

fn capacity(def: &PoolDefinition, number: u32, state: &RegionState) -> u64 {
    match def.region(number).and_then(|r| r.capacity()) {
        Some(c) => c,
        None => state.imported,
    }
}

/// Serials the pool can still lease.
pub(crate) fn remaining(def: &PoolDefinition, states: &[RegionState]) -> u64 {
    def.regions()
        .iter()
        .filter(|r| !r.is_retired())
        .map(|r| {
            let s = states
                .iter()
                .find(|s| s.region == r.number())
                .cloned()
                .unwrap_or_default();
            available(capacity(def, r.number(), &s), &s)
        })
        .fold(0u64, u64::saturating_add)
}

/// Grants up to `count` indices: regions in allocation order, retired ones
/// skipped, and within a region returned ranges (lowest first) before the
/// counter.
pub(crate) fn plan(def: &PoolDefinition, states: &[RegionState], count: u64) -> Vec<Grant> {
    let mut want = count;
    let mut grants = Vec::new();
    for r in def.regions() {
        if want == 0 {
            break;
        }
        if r.is_retired() {
            continue;
        }
        let state = states
            .iter()
            .find(|s| s.region == r.number())
            .cloned()
            .unwrap_or_default();
        let epoch = match r.kind() {
            RegionKind::Random { epoch, .. } => Some(*epoch),
            _ => None,
        };
        for &(a, b) in &state.free {
            if want == 0 {
                break;
            }
            let take = (b - a).min(want);
            grants.push(Grant {
                region: r.number(),
                epoch,
                start: a,
                end: a + take,
                from_free: true,
            });
            want -= take;
        }
        let cap = capacity(def, r.number(), &state);
        let take = cap.saturating_sub(state.next).min(want);
        if take > 0 {
            grants.push(Grant {
                region: r.number(),
                epoch,
                start: state.next,
                end: state.next + take,
                from_free: false,
            });
            want -= take;
        }
    }
    grants
}

/// Applies grants to region states (what the store then writes).
pub(crate) fn apply(states: &mut Vec<RegionState>, grants: &[Grant]) {
    for g in grants {
        let idx = match states.iter().position(|s| s.region == g.region) {
            Some(i) => i,
            None => {
                states.push(RegionState {
                    region: g.region,
                    ..RegionState::default()
                });
                states.len() - 1
            }
        };
        let s = &mut states[idx];
        if g.from_free {
            if let Some(f) = s.free.iter_mut().find(|f| f.0 == g.start) {
                f.0 = g.end;
            }
            s.free.retain(|f| f.0 < f.1);
        } else {
            s.next = g.end;
        }
    }
}

/// Adds a returned range to a region's free list, merging neighbours.
pub(crate) fn add_free(free: &mut Vec<(u64, u64)>, range: (u64, u64)) {
    if range.0 >= range.1 {
        return;
    }
    free.push(range);
    free.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(free.len());
    for &(a, b) in free.iter() {
        match merged.last_mut() {
            Some(last) if last.1 >= a => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    *free = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Alphabet, GuessPolicy, PoolDefinition, RegionSize, SerialFormat, SerialKey};

    fn def() -> PoolDefinition {
        let f = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(4)
            .build()
            .unwrap();
        PoolDefinition::builder("p", "gtin:09521234543213".parse().unwrap(), f)
            .policy(GuessPolicy::NotRequired)
            .random_region(&SerialKey::from_bytes([1; 32]), RegionSize::Exact(100))
            .sequential_region(RegionSize::Exact(50))
            .build()
            .unwrap()
    }

    #[test]
    fn spills_over_regions_and_reuses_returns() {
        let d = def();
        let mut st = vec![RegionState {
            region: 1,
            next: 90,
            imported: 0,
            free: vec![(10, 15)],
        }];
        assert_eq!(remaining(&d, &st), 10 + 5 + 50);
        let g = plan(&d, &st, 30);
        assert_eq!(
            g.iter()
                .map(|g| (g.region, g.start, g.end))
                .collect::<Vec<_>>(),
            vec![(1, 10, 15), (1, 90, 100), (2, 0, 15)]
        );
        apply(&mut st, &g);
        assert_eq!(remaining(&d, &st), 35);
        let g = plan(&d, &st, 1000);
        assert_eq!(g.iter().map(|g| g.end - g.start).sum::<u64>(), 35);
    }

    #[test]
    fn free_ranges_merge() {
        let mut f = vec![(10, 20)];
        add_free(&mut f, (20, 25));
        add_free(&mut f, (0, 5));
        add_free(&mut f, (7, 7));
        assert_eq!(f, vec![(0, 5), (10, 25)]);
    }
}
