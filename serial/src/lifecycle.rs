//! The lifecycle of a serial once leased, and which transitions are allowed.
//!
//! ```text
//! allocated ─► encoded ─► printed ─► commissioned
//!     │           │          │            │
//!     ├───────────┴──────────┴────────────┴──► destroyed
//!     └──► returned   (only by returning a lease's unused tail)
//! ```
//!
//! Stores keep transitions as index ranges of a lease, so a batch printed in
//! one go is one record: the trail grows with leases and batches, not with
//! serials.

use serde::{Deserialize, Serialize};

/// Where a leased serial is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SerialState {
    /// Leased to a line; may have been handed out.
    Allocated,
    /// Encoded into a symbol or tag.
    Encoded,
    /// Printed on a label or pack.
    Printed,
    /// Commissioned (EPCIS): in the supply chain.
    Commissioned,
    /// Never handed out and given back to the pool.
    Returned,
    /// Voided: will never be used (damaged label, destroyed pack).
    Destroyed,
}

impl SerialState {
    /// Whether `self → to` is allowed through
    /// [`Pool::transition`](crate::Pool::transition). `Returned` is reached
    /// only by [`Pool::return_unused`](crate::Pool::return_unused).
    pub fn can_become(self, to: SerialState) -> bool {
        use SerialState::*;
        matches!(
            (self, to),
            (Allocated, Encoded | Printed | Destroyed)
                | (Encoded, Printed | Commissioned | Destroyed)
                | (Printed, Commissioned | Destroyed)
                | (Commissioned, Destroyed)
        )
    }

    /// Stable text form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allocated => "allocated",
            Self::Encoded => "encoded",
            Self::Printed => "printed",
            Self::Commissioned => "commissioned",
            Self::Returned => "returned",
            Self::Destroyed => "destroyed",
        }
    }

    /// Parses [`as_str`](Self::as_str).
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "allocated" => Self::Allocated,
            "encoded" => Self::Encoded,
            "printed" => Self::Printed,
            "commissioned" => Self::Commissioned,
            "returned" => Self::Returned,
            "destroyed" => Self::Destroyed,
            _ => return None,
        })
    }
}

/// The states present in `[start, end)` given a lease's transition records
/// in the order they were made (`(start, end, state)`); unrecorded indices
/// are `Allocated`.
pub(crate) fn states_in(
    records: &[(u64, u64, SerialState)],
    start: u64,
    end: u64,
) -> Vec<SerialState> {
    // Paint the records over the range, later ones on top.
    let mut segments = vec![(start, end, SerialState::Allocated)];
    for &(a, b, s) in records {
        let (a, b) = (a.max(start), b.min(end));
        if a >= b {
            continue;
        }
        let mut next = Vec::with_capacity(segments.len() + 2);
        for (x, y, t) in segments {
            if y <= a || x >= b {
                next.push((x, y, t));
                continue;
            }
            if x < a {
                next.push((x, a, t));
            }
            if y > b {
                next.push((b, y, t));
            }
        }
        next.push((a, b, s));
        segments = next;
    }
    let mut states: Vec<SerialState> = segments.into_iter().map(|(_, _, s)| s).collect();
    states.sort_by_key(|s| s.as_str());
    states.dedup();
    states
}

/// Checks a transition of `[start, end)` to `to` against the records.
pub(crate) fn check_transition(
    records: &[(u64, u64, SerialState)],
    start: u64,
    end: u64,
    to: SerialState,
) -> Result<(), String> {
    for s in states_in(records, start, end) {
        if !s.can_become(to) {
            return Err(format!(
                "serials {start}..{end} include {} ones, which cannot become {}",
                s.as_str(),
                to.as_str()
            ));
        }
    }
    Ok(())
}

/// The state of one index.
pub(crate) fn state_at(records: &[(u64, u64, SerialState)], index: u64) -> SerialState {
    records
        .iter()
        .rev()
        .find(|&&(a, b, _)| a <= index && index < b)
        .map_or(SerialState::Allocated, |&(_, _, s)| s)
}

#[cfg(test)]
mod tests {
    use super::SerialState::*;
    use super::*;

    #[test]
    fn transitions() {
        assert!(Allocated.can_become(Printed));
        assert!(Printed.can_become(Commissioned));
        assert!(!Commissioned.can_become(Printed));
        assert!(!Allocated.can_become(Returned));
        assert!(!Destroyed.can_become(Allocated));
        assert!(!Returned.can_become(Printed));
        for s in [
            Allocated,
            Encoded,
            Printed,
            Commissioned,
            Returned,
            Destroyed,
        ] {
            assert_eq!(SerialState::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn painting() {
        let recs = [(0, 10, Printed), (5, 7, Commissioned), (8, 9, Destroyed)];
        assert_eq!(states_in(&recs, 0, 5), vec![Printed]);
        let mut all = states_in(&recs, 0, 12);
        all.sort_by_key(|s| *s as u8);
        assert_eq!(all, vec![Allocated, Printed, Commissioned, Destroyed]);
        assert_eq!(state_at(&recs, 6), Commissioned);
        assert_eq!(state_at(&recs, 11), Allocated);
        assert!(check_transition(&recs, 5, 7, Destroyed).is_ok());
        assert!(check_transition(&recs, 0, 10, Commissioned).is_err());
    }
}
