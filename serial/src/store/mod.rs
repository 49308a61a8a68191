//! Durable lease storage.
//!
//! A [`LeaseStore`] reserves index ranges atomically and durably: when
//! [`reserve`](LeaseStore::reserve) returns, the leases are on disk (or in
//! the database's WAL) and no other allocator — thread, process or machine
//! — can be granted an overlapping range. Only then does the caller turn
//! indices into serials. A reservation that fails reserves nothing, and the
//! caller hands out nothing.
//!
//! Pools are created and changed through the store too, which lays their
//! regions out in the serial space of their product code inside the same
//! transaction (see [`space`]): serials stay unique per product code
//! across every pool of a store.
//!
//! The trait is blocking and runtime-free; every time is passed in.
//! Stores: [`SqliteStore`] (the embedded default), `PgStore` (feature
//! `postgres`), [`MemoryStore`] (tests), and [`FaultyStore`], which wraps
//! any of them and fails on purpose.

mod fault;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
pub mod space;
mod sqlite;

pub use fault::{ArmFault, FaultPoint, FaultyStore};
pub use memory::MemoryStore;
#[cfg(feature = "postgres")]
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use serde::{Deserialize, Serialize};

use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{PoolError, StoreError};
use crate::lifecycle::SerialState;

/// Identifies a lease within a store.
pub type LeaseId = i64;

/// One lease: the audit record of a reservation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRecord {
    /// Lease id.
    pub id: LeaseId,
    /// Pool name.
    pub pool: String,
    /// Region number.
    pub region: u32,
    /// Key epoch, for random regions.
    pub epoch: Option<u32>,
    /// First index.
    pub start: u64,
    /// End of the indices that count as leased (moves down when an unused
    /// tail is returned).
    pub end: u64,
    /// End as first reserved.
    pub reserved_end: u64,
    /// Who asked (line, host, operator).
    pub holder: String,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// When an unused tail was returned, if it was.
    pub returned_at_ms: Option<i64>,
}

impl LeaseRecord {
    /// Number of indices leased.
    pub fn len(&self) -> u64 {
        self.end - self.start
    }
    /// Whether nothing is leased (everything was returned).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A serial of an imported list with its opaque attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedSerial {
    /// The serial as issued by the provider.
    pub serial: String,
    /// Whatever the provider attached (crypto key, verification code…),
    /// carried as is.
    pub attributes: String,
}

/// Allocation state of one region.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RegionState {
    /// Region number.
    pub region: u32,
    /// Next index never leased.
    pub next: u64,
    /// Serials imported so far (imported regions).
    pub imported: u64,
    /// Returned ranges, available again, ascending.
    pub free: Vec<(u64, u64)>,
}

/// The never-handed-out tail of a lease: what
/// [`LeaseStore::return_unused`] gives back.
///
/// Only [`Pool::return_unused`](crate::Pool::return_unused) makes one, from
/// a [`Lease`](crate::Lease) it consumes, with the lease's own position: the
/// serials a lease hands out live only in its memory, so the lease is the
/// only witness of where the unused part starts. No other constructor
/// exists, so a caller cannot name a start below what was handed out:
///
/// ```compile_fail
/// // Private fields: a tail cannot be made up.
/// let tail = serialkit_serial::UnusedTail { pool: "p".into(), lease: 1, from: 0 };
/// ```
#[derive(Debug)]
pub struct UnusedTail {
    pool: String,
    lease: LeaseId,
    from: u64,
}

impl UnusedTail {
    pub(crate) fn new(pool: &str, lease: LeaseId, from: u64) -> Self {
        Self {
            pool: pool.to_owned(),
            lease,
            from,
        }
    }
    /// The pool.
    pub fn pool(&self) -> &str {
        &self.pool
    }
    /// The lease.
    pub fn lease(&self) -> LeaseId {
        self.lease
    }
    /// First index never handed out; the tail runs to the lease's end.
    pub fn from(&self) -> u64 {
        self.from
    }
}

/// What a caller asks of [`LeaseStore::reserve`].
#[derive(Debug, Clone, Copy)]
pub struct ReserveRequest<'a> {
    /// Pool name.
    pub pool: &'a str,
    /// Definition version the caller works from; the store refuses a stale one.
    pub version: u64,
    /// Serials wanted (at most the pool's per-request maximum).
    pub count: u64,
    /// Who asks.
    pub holder: &'a str,
    /// Now, in ms since the Unix epoch.
    pub now_ms: i64,
}

/// What [`LeaseStore::reserve`] granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// New leases in allocation order; their lengths sum to what was granted.
    pub leases: Vec<LeaseRecord>,
    /// For each lease of an imported region, its serials; empty otherwise.
    pub imported: Vec<Vec<ImportedSerial>>,
    /// Serials still available in the pool after this reservation.
    pub remaining: u64,
}

/// Durable, atomic lease reservation and the records around it.
pub trait LeaseStore {
    /// Stores a new pool, laid out after the serials the other pools of its
    /// product code own ([`space::place`], in the same transaction), and
    /// returns it as stored.
    ///
    /// # Errors
    /// [`StoreError::AlreadyExists`] when the name is taken;
    /// [`PoolError::SharedProductCode`], [`PoolError::NoRoom`] or
    /// [`PoolError::Guessable`] when the product code's space refuses it.
    fn create_pool(&mut self, def: &PoolDefinition) -> Result<PoolDefinition, PoolError>;

    /// Loads a pool's definition.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    fn load_pool(&mut self, name: &str) -> Result<PoolDefinition, StoreError>;

    /// Applies `change` (a key rotation, a new region) to the stored
    /// definition, carving after the product code's tail
    /// ([`space::change`], in the same transaction), and returns the new
    /// version. Refused unless the stored version is `version`, so two
    /// concurrent changes cannot both apply. A change can only add regions
    /// and retire random ones: a pool cannot be rewritten.
    ///
    /// # Errors
    /// [`StoreError::Refused`] for a stale version; what [`space::change`]
    /// refuses.
    fn update_pool(
        &mut self,
        pool: &str,
        version: u64,
        change: &PoolChange,
    ) -> Result<PoolDefinition, PoolError>;

    /// Atomically grants up to `count` indices from the pool's regions in
    /// allocation order (returned ranges first within a region) and records
    /// the leases durably. Grants fewer when the pool runs short.
    ///
    /// # Errors
    /// Any failure means nothing was reserved.
    fn reserve(&mut self, request: &ReserveRequest<'_>) -> Result<Reservation, StoreError>;

    /// Gives back a lease's unused tail (indices `tail.from()..end`, none
    /// of which was handed out); they become available again.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when the start is outside the lease or a
    /// serial in the tail has moved past `allocated`.
    fn return_unused(&mut self, tail: UnusedTail, now_ms: i64) -> Result<(), StoreError>;

    /// Allocation state of every region of the pool.
    ///
    /// # Errors
    /// Backend failures.
    fn region_states(&mut self, pool: &str) -> Result<Vec<RegionState>, StoreError>;

    /// The audit trail: every lease of the pool, oldest first.
    ///
    /// # Errors
    /// Backend failures.
    fn leases(&mut self, pool: &str) -> Result<Vec<LeaseRecord>, StoreError>;

    /// The lease whose leased indices contain `index` in `region`.
    ///
    /// # Errors
    /// Backend failures.
    fn lease_at(
        &mut self,
        pool: &str,
        region: u32,
        index: u64,
    ) -> Result<Option<LeaseRecord>, StoreError>;

    /// Appends serials to an imported region's list. All or nothing.
    /// Inside the transaction, every serial must be new to the pool's
    /// product code (every pool of it) and pass [`space::check_import`].
    ///
    /// # Errors
    /// [`StoreError::Import`] naming the first serial refused and why.
    fn import(
        &mut self,
        pool: &str,
        region: u32,
        serials: &[ImportedSerial],
    ) -> Result<(), StoreError>;

    /// Where an imported serial sits: `(region, position, attributes)`.
    ///
    /// # Errors
    /// Backend failures.
    fn find_imported(
        &mut self,
        pool: &str,
        serial: &str,
    ) -> Result<Option<(u32, u64, String)>, StoreError>;

    /// Moves indices `start..end` of a lease to `to`, if every one of them
    /// may make that transition.
    ///
    /// # Errors
    /// [`StoreError::Refused`] for a forbidden transition or a range outside
    /// the lease.
    fn transition(
        &mut self,
        pool: &str,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    /// The lifecycle records of a lease in the order made.
    ///
    /// # Errors
    /// Backend failures.
    fn transitions(
        &mut self,
        pool: &str,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError>;
}

pub(crate) fn refuse_transition(
    lease: &LeaseRecord,
    records: &[(u64, u64, SerialState)],
    (start, end): (u64, u64),
    to: SerialState,
) -> Result<(), StoreError> {
    if to == SerialState::Returned {
        return Err(StoreError::Refused(
            "serials are returned with return_unused".into(),
        ));
    }
    if start >= end || start < lease.start || end > lease.end {
        return Err(StoreError::Refused(format!(
            "range {start}..{end} is not inside lease {} ({}..{})",
            lease.id, lease.start, lease.end
        )));
    }
    crate::lifecycle::check_transition(records, start, end, to).map_err(StoreError::Refused)
}

/// The refusal of an imported serial already held by `pool`.
pub(crate) fn duplicate(position: usize, serial: &str, pool: &str) -> StoreError {
    StoreError::Import(crate::error::ImportError {
        position,
        serial: serial.to_owned(),
        kind: crate::error::ImportErrorKind::Duplicate {
            pool: pool.to_owned(),
        },
    })
}

pub(crate) fn refuse_return(
    lease: &LeaseRecord,
    records: &[(u64, u64, SerialState)],
    from: u64,
) -> Result<(), StoreError> {
    if from < lease.start || from > lease.end {
        return Err(StoreError::Refused(format!(
            "index {from} is outside lease {} ({}..{})",
            lease.id, lease.start, lease.end
        )));
    }
    let states = crate::lifecycle::states_in(records, from, lease.end);
    if from < lease.end && states != [SerialState::Allocated] {
        return Err(StoreError::Refused(format!(
            "lease {} indices {from}..{} include serials already used",
            lease.id, lease.end
        )));
    }
    Ok(())
}
