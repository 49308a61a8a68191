//! Serial-number allocation for GS1 serialization: formats, keyed
//! non-repeating random serials, pools and crash-safe leases.
//!
//! A serial issued twice, or one an outsider can guess, defeats
//! serialization. This crate numbers a pool's serials (`0..N` in a
//! [`SerialFormat`]), splits the space into [regions](Region) — keyed random
//! (a secret permutation of the region), sequential, or imported lists —
//! and hands them out in **leases**: index ranges reserved durably in a
//! [`LeaseStore`] *before* any serial of them is used. A line then draws
//! serials from its lease in memory at full speed. Only counters and
//! leases are stored, never the serials themselves: a scanned serial is
//! mapped back to its index (the permutation is invertible) to answer
//! "did we issue this, and to whom?".
//!
//! ```
//! use serialkit_serial::{Alphabet, Pool, PoolDefinition, RegionSize, SerialFormat, SerialKey};
//! use serialkit_serial::store::SqliteStore;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = SqliteStore::open(dir.path().join("serials.sqlite")).unwrap();
//! let key = SerialKey::from_bytes([42; 32]); // use SerialKey::generate() in production
//!
//! // 12 characters of 0-9A-Z without look-alikes: 31^12 serials.
//! let format = SerialFormat::builder(Alphabet::upper_alphanumeric().without_lookalikes().unwrap())
//!     .fixed_length(12)
//!     .build()
//!     .unwrap();
//! let def = PoolDefinition::builder("tablets-20mg", "gtin:09521234543213".parse().unwrap(), format)
//!     .forecast(50_000_000)
//!     .random_region(&key, RegionSize::Half) // key epoch 1; later epochs take the rest
//!     .build()?; // refused if P(guess) could exceed 1/10,000
//! Pool::create(&mut store, &def)?;
//!
//! let pool = Pool::open(&mut store, "tablets-20mg", &[key])?;
//! let mut allocation = pool.allocate(&mut store, 1000, "line-3", 1_700_000_000_000)?;
//! let first = allocation.serials().next().unwrap();
//! assert_eq!(first.len(), 12);
//! assert!(pool.verify(&mut store, first.as_str())?.issued());
//! # Ok::<(), serialkit_serial::PoolError>(())
//! ```
//!
//! # Guarantees
//! - **Unique per product code.** GS1 and EU FMD want a serial unique per
//!   GTIN (per SSCC company prefix, GRAI asset type, GIAI company prefix),
//!   not per lot. In a store, the serial space belongs to the product
//!   code: every pool of it — one per product, or one per lot, as the
//!   line prefers — gets its regions laid out after the ranks the others
//!   own, in the store transaction that creates or changes it
//!   ([`store::space`]). Pools of one code share a format's numbering or
//!   use formats that cannot produce each other's serials.
//! - **Unique in a pool.** Regions own disjoint rank ranges carved from the
//!   unused tail of the space; a key epoch is a new region, so rotating
//!   keys cannot reuse earlier output. A stored pool only changes by
//!   [`PoolChange`]s the store applies to what it holds, which add regions
//!   and never move one. Leases within a region never overlap (the store
//!   grants them in one transaction), and returned ranges are only the
//!   never-handed-out tails of leases ([`UnusedTail`] has no public
//!   constructor: only a consumed [`Lease`] vouches for one).
//! - **Imported serials stay imported.** They must be serials of the key
//!   type (AI 21 for a GTIN, and so on, by serialkit-gs1's AI table), new
//!   to the product code, and of a form no pool of the code generates: no
//!   later epoch, region or pool can issue one again.
//! - **Crash-safe.** A lease is durable before its first serial exists; a
//!   crash loses at most the unused rest of a lease, never reissues.
//! - **Unguessable.** Under [`GuessPolicy::AtMost`] a random region leases
//!   at most `limit × size` serials, so P(guess) ≤ limit by construction.
//!
//! # Modules
//! - [`store`]: the [`LeaseStore`] trait, SQLite (default), PostgreSQL,
//!   in-memory and fault-injecting stores.
//! - [`permutation`]: the keyed permutations (AES Feistel, FF1).
//! - [`predict`]: the predictability test kit (can `N` issued serials
//!   predict others?).
//!
//! # Features
//! - `postgres`: [`store::PgStore`], a PostgreSQL lease store (blocking
//!   `postgres` client) for pools shared by lines and sites.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod alphabet;
mod definition;
mod error;
mod format;
mod guess;
mod key;
mod lifecycle;
pub mod permutation;
mod plan;
mod pool;
pub mod predict;
mod region;
mod scope;
mod serial;
pub mod store;

pub use alphabet::{
    Alphabet, CSET_39, CSET_64, CSET_82, LOOKALIKES, NUMERIC, UPPER_ALPHANUMERIC, is_serial_char,
};
pub use definition::{DEFAULT_MAX_PER_REQUEST, PoolBuilder, PoolChange, PoolDefinition};
pub use error::{
    FormatError, ImportError, ImportErrorKind, PoolError, RankError, SerialError, StoreError,
};
pub use format::{FormatSpec, MAX_AI21_LEN, SerialFormat, SerialFormatBuilder, SerialLength};
pub use guess::{
    EU_FMD_LIMIT, GuessPolicy, GuessabilityReport, RegionGuess, capacity_for, random_bound,
};
pub use key::SerialKey;
pub use lifecycle::SerialState;
pub use permutation::{CipherKind, FeistelPermutation, Ff1Permutation, IndexPermutation};
pub use pool::{Allocation, Lease, Pool, PoolReport, Verification};
pub use region::{Region, RegionKind, RegionSize};
pub use scope::{ProductCode, Scope};
pub use serial::{MAX_SERIAL_LEN, Serial};
pub use store::{
    ImportedSerial, LeaseId, LeaseRecord, LeaseStore, RegionState, Reservation, ReserveRequest,
    UnusedTail,
};

/// The README's example, compiled and run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
