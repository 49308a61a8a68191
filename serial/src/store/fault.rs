//! [`FaultyStore`]: wraps a store and fails its writes at chosen points.

use super::{
    ImportedSerial, LeaseId, LeaseRecord, LeaseStore, RegionState, Reservation, ReserveRequest,
    UnusedTail,
};
use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{PoolError, StoreError};
use crate::lifecycle::SerialState;

/// Where a write fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaultPoint {
    /// Before anything is written: the store is never reached.
    BeforeWrite,
    /// Half-way: the lease rows are written inside the transaction but the
    /// region counters are not (a torn write). The store must roll back.
    MidWrite,
    /// After the commit: the reservation is durable but the caller only
    /// sees an error (a lost acknowledgement). The leased range is wasted,
    /// never reissued.
    AfterCommit,
}

impl FaultPoint {
    /// Stable name.
    pub fn name(self) -> &'static str {
        match self {
            Self::BeforeWrite => "before-write",
            Self::MidWrite => "mid-write",
            Self::AfterCommit => "after-commit",
        }
    }
}

/// A store that can fail its next write at a point inside its own
/// transaction.
pub trait ArmFault {
    /// Makes the next write (reserve, return, import) fail at `point`.
    fn arm_fault(&mut self, point: FaultPoint);
}

/// Wraps a store and makes chosen writes fail: `schedule` lists, for the
/// n-th write call (counting from 0), where it fails.
///
/// ```
/// use serialkit_serial::store::{FaultPoint, FaultyStore, MemoryStore};
/// let store = FaultyStore::new(MemoryStore::new(), vec![(0, FaultPoint::MidWrite)]);
/// assert_eq!(store.writes(), 0);
/// ```
#[derive(Debug)]
pub struct FaultyStore<S> {
    inner: S,
    schedule: Vec<(u64, FaultPoint)>,
    writes: u64,
}

impl<S: LeaseStore + ArmFault> FaultyStore<S> {
    /// Wraps `inner`.
    pub fn new(inner: S, schedule: Vec<(u64, FaultPoint)>) -> Self {
        Self {
            inner,
            schedule,
            writes: 0,
        }
    }
    /// Write calls seen so far.
    pub fn writes(&self) -> u64 {
        self.writes
    }
    /// Adds a fault for write number `n`.
    pub fn fail_write(&mut self, n: u64, point: FaultPoint) {
        self.schedule.push((n, point));
    }
    /// The wrapped store.
    pub fn inner(&mut self) -> &mut S {
        &mut self.inner
    }

    fn arm(&mut self) {
        let n = self.writes;
        self.writes += 1;
        if let Some(&(_, point)) = self.schedule.iter().find(|(w, _)| *w == n) {
            self.inner.arm_fault(point);
        }
    }
}

impl<S: LeaseStore + ArmFault> LeaseStore for FaultyStore<S> {
    fn create_pool(&mut self, def: &PoolDefinition) -> Result<PoolDefinition, PoolError> {
        self.inner.create_pool(def)
    }
    fn load_pool(&mut self, name: &str) -> Result<PoolDefinition, StoreError> {
        self.inner.load_pool(name)
    }
    fn update_pool(
        &mut self,
        pool: &str,
        version: u64,
        change: &PoolChange,
    ) -> Result<PoolDefinition, PoolError> {
        self.inner.update_pool(pool, version, change)
    }
    fn reserve(&mut self, request: &ReserveRequest<'_>) -> Result<Reservation, StoreError> {
        self.arm();
        self.inner.reserve(request)
    }
    fn return_unused(&mut self, tail: UnusedTail, now_ms: i64) -> Result<(), StoreError> {
        self.arm();
        self.inner.return_unused(tail, now_ms)
    }
    fn region_states(&mut self, pool: &str) -> Result<Vec<RegionState>, StoreError> {
        self.inner.region_states(pool)
    }
    fn leases(&mut self, pool: &str) -> Result<Vec<LeaseRecord>, StoreError> {
        self.inner.leases(pool)
    }
    fn lease_at(
        &mut self,
        pool: &str,
        region: u32,
        index: u64,
    ) -> Result<Option<LeaseRecord>, StoreError> {
        self.inner.lease_at(pool, region, index)
    }
    fn import(
        &mut self,
        pool: &str,
        region: u32,
        serials: &[ImportedSerial],
    ) -> Result<(), StoreError> {
        self.arm();
        self.inner.import(pool, region, serials)
    }
    fn find_imported(
        &mut self,
        pool: &str,
        serial: &str,
    ) -> Result<Option<(u32, u64, String)>, StoreError> {
        self.inner.find_imported(pool, serial)
    }
    fn transition(
        &mut self,
        pool: &str,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.inner.transition(pool, lease, range, to, now_ms)
    }
    fn transitions(
        &mut self,
        pool: &str,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        self.inner.transitions(pool, lease)
    }
}
