//! Regions: the parts of a pool's serial space, each with its own way of
//! turning lease indices into serials.
//!
//! Every generated region (keyed random or sequential) owns a rank range of
//! the pool's [`SerialFormat`](crate::SerialFormat) that no other region —
//! of this pool or of any other pool of the same product code in the
//! store — touches. Ranges are only ever carved from the unused tail of
//! the product code's space (see [`store::space`](crate::store::space)),
//! so a new key epoch cannot reach into an earlier one's output: the
//! serials of two epochs are disjoint whatever the keys are. There is no
//! constructor that takes a range.

use serde::{Deserialize, Serialize};

use crate::permutation::CipherKind;

/// How a region turns lease index `i` into a serial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegionKind {
    /// `start + P_key(i)`: a keyed random permutation of the region.
    Random {
        /// Key epoch number (1, 2, …), one per random region.
        epoch: u32,
        /// The permutation.
        cipher: CipherKind,
        /// [`SerialKey::fingerprint`](crate::SerialKey::fingerprint) of the
        /// epoch's key.
        key_fingerprint: String,
    },
    /// `start + i`.
    Sequential,
    /// The `i`-th serial of a list imported into the store.
    Imported {
        /// Name of the list (e.g. the code provider's order number).
        list: String,
    },
}

/// One region of a pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub(crate) number: u32,
    pub(crate) kind: RegionKind,
    /// First rank of the region's range (generated regions).
    #[serde(with = "u128_text")]
    pub(crate) start: u128,
    /// Length of the rank range (generated regions); 0 for imported ones.
    #[serde(with = "u128_text")]
    pub(crate) size: u128,
    /// How many indices may be leased; `None` for imported lists, whose
    /// capacity is the number of serials imported so far.
    pub(crate) capacity: Option<u64>,
    /// A retired region leases nothing more; its serials still verify.
    pub(crate) retired: bool,
}

impl Region {
    /// Region number, unique in the pool (leases name it).
    pub fn number(&self) -> u32 {
        self.number
    }
    /// Kind.
    pub fn kind(&self) -> &RegionKind {
        &self.kind
    }
    /// Rank range `[start, start + size)` in the pool's format.
    pub fn ranks(&self) -> std::ops::Range<u128> {
        self.start..self.start + self.size
    }
    /// Indices that may be leased (`None`: as many as imported).
    pub fn capacity(&self) -> Option<u64> {
        self.capacity
    }
    /// Whether the region is closed for new leases.
    pub fn is_retired(&self) -> bool {
        self.retired
    }
    /// The key epoch, for random regions.
    pub fn epoch(&self) -> Option<u32> {
        match self.kind {
            RegionKind::Random { epoch, .. } => Some(epoch),
            _ => None,
        }
    }
}

/// How much of the remaining serial space a new region takes. "What is
/// left" is what the pools of the product code have not taken yet: a
/// second pool of a GTIN asking for `Half` gets half of what the first
/// left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionSize {
    /// Exactly this many ranks.
    Exact(u128),
    /// `num/den` of what is left (rounded down).
    Fraction {
        /// Numerator.
        num: u64,
        /// Denominator.
        den: u64,
    },
    /// Half of what is left: leaves room for later key epochs and later
    /// pools (lots) of the product code.
    Half,
    /// All that is left: no later epoch, region or pool of the product code
    /// can be added.
    Rest,
}

impl RegionSize {
    pub(crate) fn of(self, left: u128) -> u128 {
        match self {
            Self::Exact(n) => n,
            Self::Fraction { num, den } if den > 0 && num <= den => {
                // left / den * num + (left % den) * num / den, without overflow.
                let (q, r) = (left / u128::from(den), left % u128::from(den));
                q * u128::from(num) + r * u128::from(num) / u128::from(den)
            }
            Self::Fraction { .. } => 0,
            Self::Half => left / 2,
            Self::Rest => left,
        }
    }
}

/// Decimal text for `u128` fields, which JSON numbers cannot carry exactly.
pub(crate) mod u128_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(RegionSize::Half.of(11), 5);
        assert_eq!(RegionSize::Rest.of(11), 11);
        assert_eq!(RegionSize::Exact(3).of(11), 3);
        assert_eq!(
            RegionSize::Fraction { num: 2, den: 3 }.of(u128::MAX),
            u128::MAX / 3 * 2
        );
        assert_eq!(RegionSize::Fraction { num: 4, den: 3 }.of(9), 0);
        assert_eq!(RegionSize::Fraction { num: 1, den: 0 }.of(9), 0);
    }
}
