//! Error types, split by who is at fault: bad text from outside
//! ([`SerialError`], [`RankError`]), a configuration that cannot work
//! ([`FormatError`], [`PoolError`]), and the storage backend ([`StoreError`]).

use thiserror::Error;

/// Text that is not a serial at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SerialError {
    /// Serials have 1 to 30 characters.
    #[error("a serial has 1 to 30 characters, got {len}")]
    Length {
        /// Length in bytes.
        len: usize,
    },
    /// A character outside GS1 CSET 82.
    #[error("character {ch:?} at byte {at} is in neither GS1 CSET 82 nor CSET 39")]
    Character {
        /// The character.
        ch: char,
        /// Byte offset.
        at: usize,
    },
}

/// A serial that does not belong to a format.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RankError {
    /// The serial does not start with the format's prefix.
    #[error("the serial does not start with the prefix {expected:?}")]
    Prefix {
        /// The prefix.
        expected: String,
    },
    /// Too short or too long.
    #[error("the serial has {len} characters, the format allows {min} to {max}")]
    Length {
        /// Its length.
        len: usize,
        /// Shortest allowed.
        min: usize,
        /// Longest allowed.
        max: usize,
    },
    /// A character outside the alphabet.
    #[error("character {ch:?} at byte {at} is not in the format's alphabet")]
    Symbol {
        /// The character.
        ch: char,
        /// Byte offset.
        at: usize,
    },
    /// Starts with `0` where the format forbids it.
    #[error("the serial starts with 0, which the format forbids")]
    LeadingZero,
}

/// A format (or one of its parts) that cannot be built, or an index outside
/// its numbering.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Bad alphabet.
    #[error("alphabet: {reason}")]
    Alphabet {
        /// Why.
        reason: String,
    },
    /// Bad length settings.
    #[error("length: {reason}")]
    Length {
        /// Why.
        reason: String,
    },
    /// Bad prefix.
    #[error("prefix: {reason}")]
    Prefix {
        /// Why.
        reason: String,
    },
    /// More serials than a `u128` can number.
    #[error("{radix} symbols at length {length} give more serials than a u128 can number")]
    DomainTooLarge {
        /// Alphabet size.
        radix: u32,
        /// Longest body length.
        length: usize,
    },
    /// An index past the end of the numbering (caller misuse).
    #[error("index {index} is outside the format's {domain} serials")]
    IndexOutOfDomain {
        /// The index.
        index: u128,
        /// Domain size.
        domain: u128,
    },
}

/// What went wrong in a [`LeaseStore`](crate::LeaseStore).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database or its transport failed; nothing was reserved.
    #[error("store backend: {0}")]
    Backend(String),
    /// The stored data contradicts itself (e.g. an unreadable pool record).
    #[error("store data is corrupt: {0}")]
    Corrupt(String),
    /// No such pool, lease or list.
    #[error("not found: {0}")]
    NotFound(String),
    /// A name already taken.
    #[error("already exists: {0}")]
    AlreadyExists(String),
    /// A change the store refused: a lifecycle transition that is not
    /// allowed, returning serials already handed out, a duplicate import.
    #[error("refused: {0}")]
    Refused(String),
    /// A fault injected on purpose by a test.
    #[error("injected fault at {0}")]
    Injected(&'static str),
    /// An imported serial the store refused (a duplicate in the product
    /// code, or one a generated region could issue).
    #[error(transparent)]
    Import(ImportError),
}

/// An imported serial that cannot be taken, and where it sits in the import.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("imported serial {serial:?} (position {position} of the import): {kind}")]
pub struct ImportError {
    /// Index of the serial in the slice given to the import (0-based).
    pub position: usize,
    /// The serial as given.
    pub serial: String,
    /// What is wrong with it.
    pub kind: ImportErrorKind,
}

/// Why an imported serial was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportErrorKind {
    /// Not a serial of the pool's key type (AI 21, SSCC serial reference,
    /// GRAI serial component, GIAI asset reference): `span` is the byte
    /// range of the serial at fault.
    #[error("{reason} (bytes {}..{})", span.start, span.end)]
    Scope {
        /// What the key type's rule says.
        reason: String,
        /// Offending bytes of the serial.
        span: std::ops::Range<usize>,
    },
    /// Already imported for the same product code (into this pool or another).
    #[error("already imported into pool {pool:?} of the same product code")]
    Duplicate {
        /// The pool holding it.
        pool: String,
    },
    /// A serial of the format of a pool with generated regions for the same
    /// product code: a generated region could issue it too.
    #[error(
        "pool {pool:?} generates serials of this form for the same product code, so it could be issued twice; \
         generated and imported serials of one product code must differ in form (length, prefix or alphabet)"
    )]
    Generated {
        /// The pool whose format matches.
        pool: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Backend(e.to_string())
    }
}

/// Pool configuration and allocation errors.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PoolError {
    /// Bad format.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// Storage failed; nothing was handed out.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The configuration would let serials be guessed more often than the
    /// policy allows. The message says why and what would satisfy it.
    #[error("{0}")]
    Guessable(String),
    /// A sequential region under a policy that requires unguessable serials:
    /// one issued serial predicts the next.
    #[error(
        "pool {pool:?}: region {region} is sequential, so one issued serial predicts the next \
         (P(guess) = 1 > {limit}); use a keyed random region, or GuessPolicy::NotRequired where guessing does not matter"
    )]
    Predictable {
        /// The pool.
        pool: String,
        /// The sequential region.
        region: u32,
        /// The policy's limit.
        limit: f64,
    },
    /// Another pool of the same product code in the store is in the way:
    /// its serials could coincide with this pool's.
    #[error("pool {pool:?} of the same product code: {reason}")]
    SharedProductCode {
        /// The other pool.
        pool: String,
        /// Why the two cannot both exist as asked.
        reason: String,
    },
    /// An imported serial that cannot be taken.
    #[error(transparent)]
    Import(ImportError),
    /// The serial format does not suit the pool's key type.
    #[error("scope: {0}")]
    Scope(String),
    /// A key that does not match the one the epoch was created with: using
    /// it would hand out serials that collide with earlier ones.
    #[error("key for epoch {epoch} does not match its fingerprint")]
    KeyMismatch {
        /// The epoch.
        epoch: u32,
    },
    /// No key given for an epoch that needs one.
    #[error("no key given for epoch {epoch}")]
    MissingKey {
        /// The epoch.
        epoch: u32,
    },
    /// The serial space has no room left for what was asked.
    #[error("no room: {0}")]
    NoRoom(String),
    /// More serials asked for in one request than the pool allows.
    #[error("request for {requested} serials exceeds the pool's per-request maximum {max}")]
    RequestTooLarge {
        /// Asked for.
        requested: u64,
        /// Allowed.
        max: u64,
    },
    /// Caller misuse of the pool API.
    #[error("misuse: {0}")]
    Misuse(String),
}
