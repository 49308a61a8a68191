//! [`Pool`]: an opened pool — definition plus keys — that allocates leases
//! from a store and answers "did we issue this?".

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::definition::{PoolChange, PoolDefinition, region_permutation};
use crate::error::{ImportError, ImportErrorKind, PoolError, StoreError};
use crate::format::SerialFormat;
use crate::guess::GuessabilityReport;
use crate::key::SerialKey;
use crate::lifecycle::{SerialState, state_at};
use crate::permutation::{CipherKind, IndexPermutation};
use crate::region::{RegionKind, RegionSize};
use crate::serial::{MAX_SERIAL_LEN, Serial};
use crate::store::{ImportedSerial, LeaseId, LeaseRecord, LeaseStore, ReserveRequest, UnusedTail};

/// Indices turned into serials per batch inside a lease.
const BATCH: usize = 64;

/// An opened pool.
///
/// ```
/// use serialkit_serial::{Alphabet, Pool, PoolDefinition, RegionSize, SerialFormat, SerialKey};
/// use serialkit_serial::store::MemoryStore;
///
/// let key = SerialKey::from_bytes([7; 32]);
/// let format = SerialFormat::builder(Alphabet::upper_alphanumeric()).fixed_length(12).build().unwrap();
/// let def = PoolDefinition::builder("tablets", "gtin:09521234543213".parse().unwrap(), format)
///     .random_region(&key, RegionSize::Half)
///     .build()
///     .unwrap();
/// let mut store = MemoryStore::new();
/// Pool::create(&mut store, &def).unwrap();
///
/// let pool = Pool::open(&mut store, "tablets", &[key]).unwrap();
/// let mut alloc = pool.allocate(&mut store, 3, "line-1", 0).unwrap();
/// let serials: Vec<_> = alloc.leases[0].by_ref().collect();
/// assert_eq!(serials.len(), 3);
/// let v = pool.verify(&mut store, serials[1].as_str()).unwrap();
/// assert!(v.issued());
/// ```
pub struct Pool {
    def: PoolDefinition,
    format: Arc<SerialFormat>,
    perms: HashMap<u32, Arc<dyn IndexPermutation>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("def", &self.def)
            .finish_non_exhaustive()
    }
}

/// The result of [`Pool::allocate`].
#[derive(Debug)]
pub struct Allocation {
    /// Leases in allocation order; iterate each for its serials.
    pub leases: Vec<Lease>,
    /// Serials asked for.
    pub requested: u64,
    /// Serials granted (the leases' lengths added up).
    pub granted: u64,
    /// Fewer granted than asked: the pool ran short.
    pub partial: bool,
    /// Serials left in the pool after this allocation.
    pub remaining: u64,
    /// `remaining` is at or below the pool's low-water threshold.
    pub low_water: bool,
}

impl Allocation {
    /// All serials of all leases, in order.
    pub fn serials(&mut self) -> impl Iterator<Item = Serial> + '_ {
        self.leases.iter_mut().flat_map(|l| l.by_ref())
    }
}

enum Source {
    Random {
        perm: Arc<dyn IndexPermutation>,
        start: u128,
    },
    Sequential {
        start: u128,
    },
    Imported(Vec<ImportedSerial>),
}

/// A durably reserved index range, handing out its serials in memory.
///
/// Serials come out in index order; [`Pool::return_unused`] gives back only
/// the ones not yet handed out, so nothing handed out can be reissued.
pub struct Lease {
    record: LeaseRecord,
    format: Arc<SerialFormat>,
    source: Source,
    next: u64,
}

impl std::fmt::Debug for Lease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lease")
            .field("record", &self.record)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl Lease {
    /// The audit record.
    pub fn record(&self) -> &LeaseRecord {
        &self.record
    }
    /// Serials not yet handed out.
    pub fn remaining(&self) -> u64 {
        self.record.end - self.next
    }
    /// Index of the next serial to hand out.
    pub fn position(&self) -> u64 {
        self.next
    }

    fn rank_to_serial(&self, rank: u128) -> Serial {
        let mut buf = [0u8; MAX_SERIAL_LEN];
        // Region ranks lie inside the format's domain by construction.
        let n = self.format.unrank_into(rank, &mut buf).unwrap_or(0);
        Serial::from_trusted(&buf[..n.max(1)])
    }

    fn serial_at(&self, index: u64) -> Option<Serial> {
        match &self.source {
            Source::Random { perm, start } => {
                Some(self.rank_to_serial(start + perm.forward(u128::from(index))))
            }
            Source::Sequential { start } => Some(self.rank_to_serial(start + u128::from(index))),
            Source::Imported(list) => {
                let s = list.get((index - self.record.start) as usize)?;
                s.serial.parse().ok()
            }
        }
    }

    /// The next serial and, for imported lists, its attributes.
    pub fn next_imported(&mut self) -> Option<(String, String)> {
        let Source::Imported(list) = &self.source else {
            return None;
        };
        if self.next >= self.record.end {
            return None;
        }
        let s = list
            .get((self.next.checked_sub(self.record.start)?) as usize)?
            .clone();
        self.next += 1;
        Some((s.serial, s.attributes))
    }

    /// Fills `out` with the next serials; returns how many were written
    /// (fewer at the end of the lease). The fast path: keyed random
    /// serials are computed a batch at a time.
    pub fn fill(&mut self, out: &mut [Serial]) -> usize {
        let n = (out.len() as u64).min(self.remaining()) as usize;
        match &self.source {
            Source::Random { perm, start } => {
                let mut idx = [0u128; BATCH];
                for (c, chunk) in out[..n].chunks_mut(BATCH).enumerate() {
                    let base = self.next + (c * BATCH) as u64;
                    let idx = &mut idx[..chunk.len()];
                    perm.forward_range(u128::from(base), idx);
                    for (slot, &p) in chunk.iter_mut().zip(idx.iter()) {
                        slot.rewrite(|buf| {
                            self.format.unrank_into(start + p, buf).unwrap_or(0).max(1)
                        });
                    }
                }
            }
            Source::Sequential { start } => {
                // Unrank one serial, then write the ones after it that
                // differ only in the last character by changing that byte;
                // a carry (once every radix serials) unranks again.
                let alphabet = self.format.alphabet();
                let mut k = 0;
                while k < n {
                    let rank = start + u128::from(self.next + k as u64);
                    out[k].rewrite(|buf| self.format.unrank_into(rank, buf).unwrap_or(0).max(1));
                    let (run, digit) = self.format.last_symbol_run(out[k].as_bytes());
                    let run = (run as usize).min(n - k - 1);
                    let first = out[k];
                    for (j, slot) in out[k + 1..=k + run].iter_mut().enumerate() {
                        *slot = first;
                        slot.set_last(alphabet.symbol(digit as usize + 1 + j));
                    }
                    k += run + 1;
                }
            }
            Source::Imported(_) => {
                let mut written = 0;
                for slot in out[..n].iter_mut() {
                    match self.serial_at(self.next + written as u64) {
                        Some(s) => *slot = s,
                        None => break,
                    }
                    written += 1;
                }
                self.next += written as u64;
                return written;
            }
        }
        self.next += n as u64;
        n
    }
}

impl Iterator for Lease {
    type Item = Serial;
    fn next(&mut self) -> Option<Serial> {
        if self.next >= self.record.end {
            return None;
        }
        let s = self.serial_at(self.next)?;
        self.next += 1;
        Some(s)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.remaining() as usize;
        (n, Some(n))
    }
}

/// The answer of [`Pool::verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verification {
    /// Issued: from this lease, at this index.
    Issued {
        /// Region number.
        region: u32,
        /// Key epoch (random regions).
        epoch: Option<u32>,
        /// Index within the region.
        index: u64,
        /// The lease.
        lease: LeaseRecord,
        /// Lifecycle state.
        state: SerialState,
        /// Imported attributes, for imported serials.
        attributes: Option<String>,
    },
    /// Not issued (yet, or ever).
    NotIssued {
        /// Why.
        reason: String,
    },
}

impl Verification {
    /// Whether the serial was issued.
    pub fn issued(&self) -> bool {
        matches!(self, Self::Issued { .. })
    }
}

/// Counts, leases and guessability of a pool.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolReport {
    /// Pool name.
    pub pool: String,
    /// Scope text.
    pub scope: String,
    /// Size of the format's serial space.
    pub domain: String,
    /// Definition version.
    pub version: u64,
    /// Leases recorded.
    pub leases: usize,
    /// Serials currently leased (returned tails excluded).
    pub issued: u64,
    /// Serials still available.
    pub remaining: u64,
    /// At or below the low-water threshold.
    pub low_water: bool,
    /// The guessability bound.
    pub guessability: GuessabilityReport,
    /// The audit trail.
    pub lease_records: Vec<LeaseRecord>,
}

impl Pool {
    /// Stores a new pool and returns it as stored: its regions are laid
    /// out after the serials every other pool of the same product code in
    /// the store owns (see [`store::space`](crate::store::space)), so the
    /// ranks may differ from `def`'s.
    ///
    /// # Errors
    /// [`PoolError::Store`], e.g. when the name is taken;
    /// [`PoolError::SharedProductCode`] when another pool of the product
    /// code uses an incompatible format; [`PoolError::NoRoom`] or
    /// [`PoolError::Guessable`] when what is left of the product code's
    /// space cannot hold the pool.
    pub fn create<S: LeaseStore + ?Sized>(
        store: &mut S,
        def: &PoolDefinition,
    ) -> Result<PoolDefinition, PoolError> {
        store.create_pool(def)
    }

    /// Opens a pool with `keys` (any order; matched by fingerprint). Every
    /// active random region needs its key; retired ones only to verify.
    ///
    /// # Errors
    /// [`PoolError::MissingKey`] for an active epoch without its key.
    pub fn open<S: LeaseStore + ?Sized>(
        store: &mut S,
        name: &str,
        keys: &[SerialKey],
    ) -> Result<Self, PoolError> {
        let def = store.load_pool(name)?;
        Self::from_definition(def, keys)
    }

    /// Builds the runtime pool from a definition (no store access).
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn from_definition(def: PoolDefinition, keys: &[SerialKey]) -> Result<Self, PoolError> {
        let mut perms: HashMap<u32, Arc<dyn IndexPermutation>> = HashMap::new();
        for r in def.regions() {
            if let RegionKind::Random {
                epoch,
                key_fingerprint,
                ..
            } = r.kind()
            {
                match keys.iter().find(|k| &k.fingerprint() == key_fingerprint) {
                    Some(k) => {
                        perms.insert(r.number(), Arc::from(region_permutation(&def, r, k)?));
                    }
                    None if r.is_retired() => {}
                    None => return Err(PoolError::MissingKey { epoch: *epoch }),
                }
            }
        }
        Ok(Self {
            format: Arc::new(def.format().clone()),
            def,
            perms,
        })
    }

    /// The definition.
    pub fn definition(&self) -> &PoolDefinition {
        &self.def
    }

    /// Reserves up to `count` serials durably and returns leases to draw
    /// them from. Fewer are granted (`partial`) when the pool runs short.
    ///
    /// # Errors
    /// [`PoolError::RequestTooLarge`] above the per-request maximum;
    /// [`PoolError::Store`] when the reservation failed, in which case
    /// nothing was reserved and nothing is handed out.
    pub fn allocate<S: LeaseStore + ?Sized>(
        &self,
        store: &mut S,
        count: u64,
        holder: &str,
        now_ms: i64,
    ) -> Result<Allocation, PoolError> {
        if count > self.def.max_per_request() {
            return Err(PoolError::RequestTooLarge {
                requested: count,
                max: self.def.max_per_request(),
            });
        }
        let reservation = store.reserve(&ReserveRequest {
            pool: self.def.name(),
            version: self.def.version(),
            count,
            holder,
            now_ms,
        })?;
        let mut leases = Vec::with_capacity(reservation.leases.len());
        let mut granted = 0;
        for (record, imported) in reservation.leases.into_iter().zip(reservation.imported) {
            granted += record.len();
            leases.push(self.lease_from(record, imported)?);
        }
        Ok(Allocation {
            leases,
            requested: count,
            granted,
            partial: granted < count,
            remaining: reservation.remaining,
            low_water: reservation.remaining <= self.def.low_water(),
        })
    }

    fn lease_from(
        &self,
        record: LeaseRecord,
        imported: Vec<ImportedSerial>,
    ) -> Result<Lease, PoolError> {
        let region = self.def.region(record.region).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "lease {} names unknown region {}",
                record.id, record.region
            ))
        })?;
        let source = match region.kind() {
            RegionKind::Random { epoch, .. } => Source::Random {
                perm: self
                    .perms
                    .get(&region.number())
                    .cloned()
                    .ok_or(PoolError::MissingKey { epoch: *epoch })?,
                start: region.ranks().start,
            },
            RegionKind::Sequential => Source::Sequential {
                start: region.ranks().start,
            },
            RegionKind::Imported { .. } => Source::Imported(imported),
        };
        Ok(Lease {
            next: record.start,
            record,
            format: Arc::clone(&self.format),
            source,
        })
    }

    /// Gives back the serials of `lease` not yet handed out; returns how
    /// many. Taking the lease by value makes returning a handed-out serial
    /// impossible to write.
    ///
    /// # Errors
    /// [`PoolError::Store`]; on failure the tail stays leased (wasted, never
    /// reissued).
    pub fn return_unused<S: LeaseStore + ?Sized>(
        &self,
        store: &mut S,
        lease: Lease,
        now_ms: i64,
    ) -> Result<u64, PoolError> {
        let n = lease.remaining();
        store.return_unused(
            UnusedTail::new(self.def.name(), lease.record.id, lease.next),
            now_ms,
        )?;
        Ok(n)
    }

    /// Records a lifecycle transition for serials `range` (indices) of a lease.
    ///
    /// # Errors
    /// [`PoolError::Store`] with [`StoreError::Refused`] for a forbidden transition.
    pub fn transition<S: LeaseStore + ?Sized>(
        &self,
        store: &mut S,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        now_ms: i64,
    ) -> Result<(), PoolError> {
        store.transition(self.def.name(), lease, range, to, now_ms)?;
        Ok(())
    }

    /// Where `serial` sits: its region and index, when it is in a generated
    /// region's range (`Ok(None)` otherwise).
    ///
    /// # Errors
    /// [`PoolError::MissingKey`] when the region's key was not given.
    /// (`Ok(None)` too when its index is beyond any lease, which hold
    /// `u64` indices.)
    pub fn locate(&self, serial: &str) -> Result<Option<(u32, u64)>, PoolError> {
        Ok(self
            .locate_index(serial)?
            .and_then(|(r, i)| u64::try_from(i).ok().map(|i| (r, i))))
    }

    /// Region and index of a serial of a generated region, the index
    /// unbounded.
    fn locate_index(&self, serial: &str) -> Result<Option<(u32, u128)>, PoolError> {
        let Ok(rank) = self.format.rank(serial) else {
            return Ok(None);
        };
        for r in self.def.regions() {
            if !r.ranks().contains(&rank) {
                continue;
            }
            let offset = rank - r.ranks().start;
            let index = match r.kind() {
                RegionKind::Random { epoch, .. } => {
                    let perm = self
                        .perms
                        .get(&r.number())
                        .ok_or(PoolError::MissingKey { epoch: *epoch })?;
                    perm.inverse(offset)
                }
                RegionKind::Sequential => offset,
                RegionKind::Imported { .. } => continue,
            };
            return Ok(Some((r.number(), index)));
        }
        Ok(None)
    }

    /// Was `serial` issued, and from which lease? Generated serials are
    /// mapped back to their index (no table of serials is needed);
    /// imported ones are looked up.
    ///
    /// # Errors
    /// [`PoolError::Store`] or [`PoolError::MissingKey`].
    pub fn verify<S: LeaseStore + ?Sized>(
        &self,
        store: &mut S,
        serial: &str,
    ) -> Result<Verification, PoolError> {
        let not = |reason: String| Ok(Verification::NotIssued { reason });
        let (region, index, attributes) = match self.locate_index(serial)? {
            Some((region, index)) => {
                // Leases only reach the region's capacity (a u64): a serial
                // of the region's range above it was never issued.
                let capacity = self.def.region(region).and_then(|r| r.capacity());
                match u64::try_from(index) {
                    Ok(i) if capacity.is_none_or(|c| i < c) => (region, i, None),
                    _ => {
                        return not(format!(
                            "region {region} index {index} is beyond the {} indices the region can ever lease",
                            capacity.unwrap_or(0)
                        ));
                    }
                }
            }
            None => match store.find_imported(self.def.name(), serial)? {
                Some((region, position, attrs)) => (region, position, Some(attrs)),
                None => {
                    return match self.format.rank(serial) {
                        Err(e) => not(format!("not a serial of this pool's format: {e}")),
                        Ok(_) => not("outside every region of the pool".into()),
                    };
                }
            },
        };
        let Some(lease) = store.lease_at(self.def.name(), region, index)? else {
            return not(format!("region {region} index {index} has not been leased"));
        };
        let records = store.transitions(self.def.name(), lease.id)?;
        Ok(Verification::Issued {
            region,
            epoch: self.def.region(region).and_then(|r| r.epoch()),
            index,
            state: state_at(&records, index),
            lease,
            attributes,
        })
    }

    /// Counts, the audit trail and the guessability bound.
    ///
    /// # Errors
    /// [`PoolError::Store`].
    pub fn report<S: LeaseStore + ?Sized>(&self, store: &mut S) -> Result<PoolReport, PoolError> {
        let leases = store.leases(self.def.name())?;
        let states = store.region_states(self.def.name())?;
        let mut per_region: Vec<(u32, u64)> = Vec::new();
        for l in &leases {
            match per_region.iter_mut().find(|(r, _)| *r == l.region) {
                Some((_, n)) => *n += l.len(),
                None => per_region.push((l.region, l.len())),
            }
        }
        let remaining = crate::plan::remaining(&self.def, &states);
        Ok(PoolReport {
            pool: self.def.name().to_owned(),
            scope: self.def.scope().to_string(),
            domain: self.def.format().domain_size().to_string(),
            version: self.def.version(),
            leases: leases.len(),
            issued: per_region.iter().map(|(_, n)| n).sum(),
            remaining,
            low_water: remaining <= self.def.low_water(),
            guessability: self.def.guessability(&per_region),
            lease_records: leases,
        })
    }

    /// Starts a new key epoch (see [`PoolDefinition::rotate_key`]): the
    /// store carves it after every serial of the product code and stores
    /// it; the pool is reopened with `keys` plus `new_key`.
    ///
    /// # Errors
    /// [`PoolError::NoRoom`], or [`PoolError::Store`] when another process
    /// changed the pool first.
    pub fn rotate_key<S: LeaseStore + ?Sized>(
        &mut self,
        store: &mut S,
        keys: &[SerialKey],
        new_key: &SerialKey,
        size: RegionSize,
        cipher: CipherKind,
    ) -> Result<(), PoolError> {
        let mut all = keys.to_vec();
        all.push(new_key.clone());
        self.change(store, &all, &PoolChange::rotate_key(new_key, size, cipher))
    }

    /// Has the store apply `change` to the pool (see
    /// [`LeaseStore::update_pool`]) and reopens it with `keys`.
    ///
    /// # Errors
    /// [`PoolError::NoRoom`], [`PoolError::Guessable`],
    /// [`PoolError::Predictable`], or [`PoolError::Store`] when another
    /// process changed the pool first.
    pub fn change<S: LeaseStore + ?Sized>(
        &mut self,
        store: &mut S,
        keys: &[SerialKey],
        change: &PoolChange,
    ) -> Result<(), PoolError> {
        let next = store.update_pool(self.def.name(), self.def.version(), change)?;
        *self = Self::from_definition(next, keys)?;
        Ok(())
    }

    /// Imports serials into an imported region's list. All or nothing.
    ///
    /// Each serial must be a serial of the pool's key type (for a GTIN, AI
    /// (21): 1–20 CSET 82 characters; for an SSCC, a serial reference of
    /// exactly the digits the company prefix leaves; GRAI and GIAI by their
    /// AIs), new to the product code, and of a form no pool of the product
    /// code generates (see [`store::space`](crate::store::space)), so it
    /// can never be issued twice.
    ///
    /// # Errors
    /// [`PoolError::Misuse`] for a region that is not an imported list;
    /// [`PoolError::Import`] naming the first serial refused, its position
    /// and why.
    pub fn import<S: LeaseStore + ?Sized>(
        &self,
        store: &mut S,
        region: u32,
        serials: &[ImportedSerial],
    ) -> Result<(), PoolError> {
        match self.def.region(region).map(|r| r.kind()) {
            Some(RegionKind::Imported { .. }) => {}
            _ => {
                return Err(PoolError::Misuse(format!(
                    "region {region} is not an imported list"
                )));
            }
        }
        let scope = self.def.scope();
        for (position, s) in serials.iter().enumerate() {
            scope.check_serial(&s.serial).map_err(|p| {
                PoolError::Import(ImportError {
                    position,
                    serial: s.serial.clone(),
                    kind: ImportErrorKind::Scope {
                        reason: p.reason,
                        span: p.span,
                    },
                })
            })?;
        }
        match store.import(self.def.name(), region, serials) {
            Err(StoreError::Import(e)) => Err(PoolError::Import(e)),
            other => Ok(other?),
        }
    }
}
