//! [`PoolDefinition`]: a pool's scope, format, policy and regions, as stored.

use serde::{Deserialize, Serialize};

use crate::error::PoolError;
use crate::format::SerialFormat;
use crate::guess::{GuessPolicy, GuessabilityReport, RegionGuess, capacity_for, random_bound};
use crate::key::SerialKey;
use crate::permutation::{CipherKind, FeistelPermutation, Ff1Permutation, IndexPermutation};
use crate::region::{Region, RegionKind, RegionSize, u128_text};
use crate::scope::Scope;

/// Lease indices are stored as signed 64-bit integers (SQLite, PostgreSQL).
pub(crate) const MAX_CAPACITY: u64 = i64::MAX as u64;

/// Default largest request.
pub const DEFAULT_MAX_PER_REQUEST: u64 = 1_000_000;

/// A pool as it is stored: everything needed to turn lease indices into
/// serials except the keys.
///
/// Built with [`PoolDefinition::builder`], which refuses configurations that
/// break the guessing policy. The builder lays the regions out from rank 0;
/// a store places them after the serials other pools of the same product
/// code already own when the pool is created (see
/// [`store::space`](crate::store::space)), so the stored definition may
/// start further up. Changed only by [`PoolChange`]s
/// ([`rotate_key`](Self::rotate_key), [`add_region`](Self::add_region)),
/// which carve new regions from the unused tail of the product code's
/// serial space and bump [`version`](Self::version) so a store can refuse
/// concurrent changes.
///
/// ```
/// use serialkit_serial::{Alphabet, PoolDefinition, RegionSize, SerialFormat, SerialKey};
/// let format = SerialFormat::builder(Alphabet::upper_alphanumeric()).fixed_length(12).build().unwrap();
/// let key = SerialKey::from_bytes([1; 32]);
/// let def = PoolDefinition::builder("tablets", "gtin:09521234543213".parse().unwrap(), format)
///     .forecast(10_000_000)
///     .random_region(&key, RegionSize::Half)
///     .build()
///     .unwrap();
/// assert!(def.guessability(&[]).satisfied);
///
/// // Eight characters are too few for ten million serials at 1/10,000:
/// let short = SerialFormat::builder(Alphabet::numeric()).fixed_length(8).build().unwrap();
/// let err = PoolDefinition::builder("x", "gtin:09521234543213".parse().unwrap(), short)
///     .forecast(10_000_000)
///     .random_region(&key, RegionSize::Rest)
///     .build()
///     .unwrap_err();
/// assert!(err.to_string().contains("length 11"));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "RawDefinition")]
pub struct PoolDefinition {
    name: String,
    scope: Scope,
    format: SerialFormat,
    policy: GuessPolicy,
    forecast: u64,
    forecast_imported: u64,
    max_per_request: u64,
    low_water: u64,
    regions: Vec<Region>,
    #[serde(with = "u128_text")]
    next_free_rank: u128,
    version: u64,
    /// The builder's region requests in order, so that a store can lay the
    /// regions out again after other pools' serials. Empty once stored.
    #[serde(skip)]
    layout: Vec<(RegionKind, RegionSize)>,
}

/// Equal when stored equal: the builder's layout is not part of the pool.
impl PartialEq for PoolDefinition {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.scope == other.scope
            && self.format == other.format
            && self.policy == other.policy
            && self.forecast == other.forecast
            && self.forecast_imported == other.forecast_imported
            && self.max_per_request == other.max_per_request
            && self.low_water == other.low_water
            && self.regions == other.regions
            && self.next_free_rank == other.next_free_rank
            && self.version == other.version
    }
}

/// A change to a stored pool, applied by the store inside its transaction
/// to the definition it holds (so a change can only extend a pool, never
/// rewrite it): the only ways a pool changes after creation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PoolChange {
    /// A new key epoch: a keyed random region carved from the unused tail,
    /// placed after the existing random regions, which retire.
    RotateKey {
        /// [`SerialKey::fingerprint`] of the new key.
        key_fingerprint: String,
        /// The permutation.
        cipher: CipherKind,
        /// How much of the tail the epoch takes.
        size: RegionSize,
    },
    /// A sequential region appended (refused under a guessing limit).
    AddSequential {
        /// How much of the tail it takes.
        size: RegionSize,
    },
    /// An imported list appended.
    AddImported {
        /// The list's name.
        list: String,
    },
}

impl PoolChange {
    /// A key rotation to `key`.
    pub fn rotate_key(key: &SerialKey, size: RegionSize, cipher: CipherKind) -> Self {
        Self::RotateKey {
            key_fingerprint: key.fingerprint(),
            cipher,
            size,
        }
    }
}

/// The stored form, checked on the way in.
#[derive(Deserialize)]
struct RawDefinition {
    name: String,
    scope: Scope,
    format: SerialFormat,
    policy: GuessPolicy,
    forecast: u64,
    #[serde(default)]
    forecast_imported: u64,
    max_per_request: u64,
    low_water: u64,
    regions: Vec<Region>,
    #[serde(with = "u128_text")]
    next_free_rank: u128,
    version: u64,
}

impl TryFrom<RawDefinition> for PoolDefinition {
    type Error = PoolError;
    fn try_from(r: RawDefinition) -> Result<Self, PoolError> {
        let def = Self {
            name: r.name,
            scope: r.scope,
            format: r.format,
            policy: r.policy,
            forecast: r.forecast,
            forecast_imported: r.forecast_imported,
            max_per_request: r.max_per_request,
            low_water: r.low_water,
            regions: r.regions,
            next_free_rank: r.next_free_rank,
            version: r.version,
            layout: Vec::new(),
        };
        def.check_structure()?;
        Ok(def)
    }
}

/// Builds a [`PoolDefinition`].
#[derive(Debug)]
pub struct PoolBuilder {
    def: PoolDefinition,
    error: Option<PoolError>,
}

impl PoolBuilder {
    /// Guessing policy (default: EU FMD for GTIN scopes, not required for
    /// the others).
    pub fn policy(mut self, policy: GuessPolicy) -> Self {
        self.def.policy = policy;
        self
    }
    /// Serials the pool is expected to issue over its life (default 1,000,000).
    pub fn forecast(mut self, serials: u64) -> Self {
        self.def.forecast = serials;
        self
    }
    /// How many of the forecast serials are expected to come from imported
    /// lists (default 0). Under a guessing limit the random regions must
    /// hold the rest of the forecast; a pool without generated regions
    /// takes all of it from its lists.
    pub fn forecast_imported(mut self, serials: u64) -> Self {
        self.def.forecast_imported = serials;
        self
    }
    /// Largest single request (default [`DEFAULT_MAX_PER_REQUEST`]).
    pub fn max_per_request(mut self, n: u64) -> Self {
        self.def.max_per_request = n;
        self
    }
    /// Report `low_water` when fewer serials than this remain.
    pub fn low_water(mut self, n: u64) -> Self {
        self.def.low_water = n;
        self
    }
    /// Appends a keyed random region (the next key epoch).
    pub fn random_region(self, key: &SerialKey, size: RegionSize) -> Self {
        self.random_region_with(key, size, CipherKind::Feistel)
    }
    /// Appends a keyed random region using `cipher`.
    pub fn random_region_with(
        mut self,
        key: &SerialKey,
        size: RegionSize,
        cipher: CipherKind,
    ) -> Self {
        if self.error.is_none() {
            let epoch = self.def.next_epoch();
            let kind = RegionKind::Random {
                epoch,
                cipher,
                key_fingerprint: key.fingerprint(),
            };
            self.push(kind, size);
        }
        self
    }
    /// Appends a sequential region.
    pub fn sequential_region(mut self, size: RegionSize) -> Self {
        if self.error.is_none() {
            self.push(RegionKind::Sequential, size);
        }
        self
    }
    /// Appends a region served from an imported list.
    pub fn imported_region(mut self, list: &str) -> Self {
        if self.error.is_none() {
            let kind = RegionKind::Imported {
                list: list.to_owned(),
            };
            self.push(kind, RegionSize::Rest);
        }
        self
    }

    fn push(&mut self, kind: RegionKind, size: RegionSize) {
        let done = match &kind {
            RegionKind::Imported { list } => self.def.push_imported(list),
            _ => self.def.carve(kind.clone(), size).map(|_| ()),
        };
        match done {
            Ok(()) => self.def.layout.push((kind, size)),
            Err(e) => self.error = Some(e),
        }
    }
    /// Checks everything, including the guessing policy against the forecast.
    ///
    /// # Errors
    /// The first problem found; [`PoolError::Guessable`] says what length
    /// would satisfy the policy.
    pub fn build(self) -> Result<PoolDefinition, PoolError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let def = self.def;
        def.check_structure()?;
        def.check_policy()?;
        Ok(def)
    }
}

impl PoolDefinition {
    /// Starts a pool named `name` for `scope`, with serials in `format`.
    pub fn builder(name: &str, scope: Scope, format: SerialFormat) -> PoolBuilder {
        let policy = if scope.guessing_matters() {
            GuessPolicy::eu_fmd()
        } else {
            GuessPolicy::NotRequired
        };
        PoolBuilder {
            def: Self {
                name: name.to_owned(),
                scope,
                format,
                policy,
                forecast: 1_000_000,
                forecast_imported: 0,
                max_per_request: DEFAULT_MAX_PER_REQUEST,
                low_water: 0,
                regions: Vec::new(),
                next_free_rank: 0,
                version: 1,
                layout: Vec::new(),
            },
            error: None,
        }
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }
    /// Format.
    pub fn format(&self) -> &SerialFormat {
        &self.format
    }
    /// Guessing policy.
    pub fn policy(&self) -> GuessPolicy {
        self.policy
    }
    /// Volume forecast.
    pub fn forecast(&self) -> u64 {
        self.forecast
    }
    /// The part of the forecast expected from imported lists.
    pub fn forecast_imported(&self) -> u64 {
        self.forecast_imported
    }
    /// Largest single request.
    pub fn max_per_request(&self) -> u64 {
        self.max_per_request
    }
    /// Low-water threshold.
    pub fn low_water(&self) -> u64 {
        self.low_water
    }
    /// Regions in allocation order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }
    /// A region by number.
    pub fn region(&self, number: u32) -> Option<&Region> {
        self.regions.iter().find(|r| r.number == number)
    }
    /// First rank above every region of this pool when it was last
    /// changed: in a store, later regions start at or after it (and after
    /// every other pool of the product code with the same numbering).
    pub fn next_free_rank(&self) -> u128 {
        self.next_free_rank
    }
    /// Whether the pool has a keyed random or sequential region, i.e.
    /// generates serials of its format (rather than only serving lists).
    pub fn generates(&self) -> bool {
        self.regions
            .iter()
            .any(|r| !matches!(r.kind, RegionKind::Imported { .. }))
    }
    /// Bumped by every change; stores refuse a change made from an old version.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// A new definition with a new key epoch: a random region carved from
    /// the unused tail of the serial space, placed after the existing random
    /// regions in allocation order; the earlier random regions are retired
    /// (their serials still verify with their keys).
    ///
    /// This computes the change locally; [`Pool::rotate_key`](crate::Pool::rotate_key)
    /// has the store apply it, after the serials of every pool of the
    /// product code.
    ///
    /// # Errors
    /// [`PoolError::NoRoom`] when the tail is too small.
    pub fn rotate_key(
        &self,
        key: &SerialKey,
        size: RegionSize,
        cipher: CipherKind,
    ) -> Result<Self, PoolError> {
        self.apply(&PoolChange::rotate_key(key, size, cipher), 0)
    }

    /// A new definition with a sequential or imported region appended
    /// (computed locally, like [`rotate_key`](Self::rotate_key)).
    ///
    /// # Errors
    /// [`PoolError::NoRoom`] or [`PoolError::Guessable`].
    pub fn add_region(&self, kind: RegionKind, size: RegionSize) -> Result<Self, PoolError> {
        let change = match kind {
            RegionKind::Imported { list } => PoolChange::AddImported { list },
            RegionKind::Sequential => PoolChange::AddSequential { size },
            RegionKind::Random { .. } => {
                return Err(PoolError::Misuse("add key epochs with rotate_key".into()));
            }
        };
        self.apply(&change, 0)
    }

    /// The next version: `change` applied with new ranks carved at or
    /// after `tail` (the first rank no pool of the product code with this
    /// numbering owns). Existing regions keep their ranges; only a key
    /// rotation retires the random ones.
    ///
    /// # Errors
    /// [`PoolError::NoRoom`], [`PoolError::Guessable`],
    /// [`PoolError::Predictable`], [`PoolError::Misuse`].
    pub fn apply(&self, change: &PoolChange, tail: u128) -> Result<Self, PoolError> {
        let mut next = self.clone();
        next.layout.clear();
        next.next_free_rank = next.next_free_rank.max(tail);
        match change {
            PoolChange::RotateKey {
                key_fingerprint,
                cipher,
                size,
            } => {
                let epoch = next.next_epoch();
                let kind = RegionKind::Random {
                    epoch,
                    cipher: *cipher,
                    key_fingerprint: key_fingerprint.clone(),
                };
                let number = next.carve(kind, *size)?;
                // Move the new region right after the last random one.
                let new = next
                    .regions
                    .pop()
                    .ok_or_else(|| PoolError::Misuse("no region carved".into()))?;
                debug_assert_eq!(new.number, number);
                let at = next
                    .regions
                    .iter()
                    .rposition(|r| matches!(r.kind, RegionKind::Random { .. }))
                    .map_or(0, |i| i + 1);
                for r in &mut next.regions {
                    if matches!(r.kind, RegionKind::Random { .. }) {
                        r.retired = true;
                    }
                }
                next.regions.insert(at, new);
                // A new epoch only ever lowers P(guess): the forecast check
                // is the creator's, but a sequential region never passes.
                next.check_predictable()?;
            }
            PoolChange::AddSequential { size } => {
                next.carve(RegionKind::Sequential, *size)?;
                next.check_policy()?;
            }
            PoolChange::AddImported { list } => {
                next.push_imported(list)?;
                next.check_policy()?;
            }
        }
        next.version += 1;
        next.check_structure()?;
        Ok(next)
    }

    /// The same pool laid out from rank `tail` on: regions that already
    /// start at or after `tail` stay; otherwise the builder's requests are
    /// carved again from `tail` (a `Half` is then half of what is left
    /// there) and the policy is checked again.
    ///
    /// # Errors
    /// [`PoolError::NoRoom`] or [`PoolError::Guessable`] when the rest of
    /// the space cannot hold the pool; [`PoolError::Misuse`] for a stored
    /// definition (no requests to replay) that overlaps the tail.
    pub fn placed_at(&self, tail: u128) -> Result<Self, PoolError> {
        let clear = self
            .regions
            .iter()
            .filter(|r| !matches!(r.kind, RegionKind::Imported { .. }))
            .all(|r| r.start >= tail);
        if clear {
            let mut same = self.clone();
            same.layout.clear();
            return Ok(same);
        }
        if self.layout.is_empty() {
            return Err(PoolError::Misuse(format!(
                "pool {:?}: its regions start below rank {tail}, which other pools of {} own",
                self.name,
                self.scope.product()
            )));
        }
        let mut next = Self {
            regions: Vec::new(),
            next_free_rank: tail,
            layout: Vec::new(),
            ..self.clone()
        };
        for (kind, size) in &self.layout {
            match kind {
                RegionKind::Imported { list } => next.push_imported(list)?,
                _ => {
                    next.carve(kind.clone(), *size)?;
                }
            }
        }
        next.check_structure()?;
        next.check_policy()?;
        Ok(next)
    }

    fn next_epoch(&self) -> u32 {
        1 + self
            .regions
            .iter()
            .filter_map(Region::epoch)
            .max()
            .unwrap_or(0)
    }

    fn next_number(&self) -> u32 {
        1 + self.regions.iter().map(|r| r.number).max().unwrap_or(0)
    }

    /// Takes `size` ranks from the tail for a new region of `kind`.
    fn carve(&mut self, kind: RegionKind, size: RegionSize) -> Result<u32, PoolError> {
        let left = self.format.domain_size() - self.next_free_rank;
        let n = size.of(left);
        if n == 0 || n > left {
            return Err(PoolError::NoRoom(format!(
                "pool {:?}: a region of {n} serials does not fit the {left} left",
                self.name
            )));
        }
        let capacity = match (&kind, self.policy) {
            (RegionKind::Random { .. }, GuessPolicy::AtMost { limit }) => capacity_for(limit, n),
            _ => n,
        };
        let capacity = capacity.min(u128::from(MAX_CAPACITY)) as u64;
        if let RegionKind::Random { cipher, .. } = kind {
            // Refuse what the cipher cannot permute, now rather than at open.
            let key = SerialKey::from_bytes([0; 32]);
            match cipher {
                CipherKind::Feistel => FeistelPermutation::new(&key, b"", n).map(|_| ())?,
                CipherKind::Ff1 => Ff1Permutation::new(&key, b"", n).map(|_| ())?,
            }
        }
        let number = self.next_number();
        self.regions.push(Region {
            number,
            kind,
            start: self.next_free_rank,
            size: n,
            capacity: Some(capacity),
            retired: false,
        });
        self.next_free_rank += n;
        Ok(number)
    }

    fn push_imported(&mut self, list: &str) -> Result<(), PoolError> {
        if list.is_empty() {
            return Err(PoolError::Misuse("an imported list needs a name".into()));
        }
        if self
            .regions
            .iter()
            .any(|r| matches!(&r.kind, RegionKind::Imported { list: l } if l == list))
        {
            return Err(PoolError::Misuse(format!(
                "list {list:?} is already a region"
            )));
        }
        let number = self.next_number();
        self.regions.push(Region {
            number,
            kind: RegionKind::Imported {
                list: list.to_owned(),
            },
            start: 0,
            size: 0,
            capacity: None,
            retired: false,
        });
        Ok(())
    }

    /// Invariants every stored definition must hold: generated regions have
    /// disjoint rank ranges below `next_free_rank`, unique numbers and
    /// epochs, and the format suits the scope.
    fn check_structure(&self) -> Result<(), PoolError> {
        if self.name.is_empty() || self.name.len() > 200 {
            return Err(PoolError::Misuse("a pool name has 1 to 200 bytes".into()));
        }
        self.scope.check_format(&self.format)?;
        if self.next_free_rank > self.format.domain_size() {
            return Err(PoolError::Misuse(
                "serial space overflows the format".into(),
            ));
        }
        if self.max_per_request == 0 {
            return Err(PoolError::Misuse(
                "the per-request maximum must be at least 1".into(),
            ));
        }
        let mut ranges: Vec<(u128, u128)> = Vec::new();
        let mut numbers = std::collections::HashSet::new();
        let mut epochs = std::collections::HashSet::new();
        for r in &self.regions {
            if !numbers.insert(r.number) {
                return Err(PoolError::Misuse(format!(
                    "region {} appears twice",
                    r.number
                )));
            }
            if let Some(e) = r.epoch() {
                if !epochs.insert(e) {
                    return Err(PoolError::Misuse(format!("key epoch {e} appears twice")));
                }
            }
            if !matches!(r.kind, RegionKind::Imported { .. }) {
                let end = r
                    .start
                    .checked_add(r.size)
                    .filter(|&e| e <= self.next_free_rank);
                match end {
                    Some(end) if r.size > 0 => ranges.push((r.start, end)),
                    _ => {
                        return Err(PoolError::Misuse(format!(
                            "region {} has a bad range",
                            r.number
                        )));
                    }
                }
                if r.capacity.is_none_or(|c| u128::from(c) > r.size) {
                    return Err(PoolError::Misuse(format!(
                        "region {} has a bad capacity",
                        r.number
                    )));
                }
            }
        }
        ranges.sort_unstable();
        if ranges.windows(2).any(|w| w[0].1 > w[1].0) {
            return Err(PoolError::Misuse("regions overlap".into()));
        }
        Ok(())
    }

    /// Under an `AtMost` policy, no sequential region.
    fn check_predictable(&self) -> Result<(), PoolError> {
        let GuessPolicy::AtMost { limit } = self.policy else {
            return Ok(());
        };
        match self
            .regions
            .iter()
            .find(|r| r.kind == RegionKind::Sequential)
        {
            Some(r) => Err(PoolError::Predictable {
                pool: self.name.clone(),
                region: r.number,
                limit,
            }),
            None => Ok(()),
        }
    }

    /// Under an `AtMost` policy: no sequential region, and the random
    /// regions' capacity covers the part of the forecast that is not
    /// expected from imported lists (all of it unless
    /// [`PoolBuilder::forecast_imported`] says otherwise; none of it for a
    /// pool that only serves lists).
    fn check_policy(&self) -> Result<(), PoolError> {
        let GuessPolicy::AtMost { limit } = self.policy else {
            return Ok(());
        };
        self.check_predictable()?;
        let capacity: u128 = self
            .regions
            .iter()
            .filter(|r| matches!(r.kind, RegionKind::Random { .. }) && !r.retired)
            .filter_map(|r| r.capacity.map(u128::from))
            .sum();
        let generated = if self.generates() {
            self.forecast.saturating_sub(self.forecast_imported)
        } else {
            0
        };
        if capacity < u128::from(generated) {
            let random_domain: u128 = self
                .regions
                .iter()
                .filter(|r| matches!(r.kind, RegionKind::Random { .. }) && !r.retired)
                .map(|r| r.size)
                .sum();
            // The random regions take this share of the whole domain; the
            // format must grow until that share holds forecast / limit.
            let share = if self.format.domain_size() == 0 {
                1.0
            } else {
                (random_domain as f64 / self.format.domain_size() as f64).max(f64::MIN_POSITIVE)
            };
            let needed = (generated as f64 / limit / share).ceil();
            let needed = if needed >= u128::MAX as f64 {
                u128::MAX
            } else {
                needed as u128
            };
            // Random regions could grow into the unused tail of the space.
            let room = self.format.domain_size() - self.next_free_rank + random_domain;
            let min_random = (generated as f64 / limit).ceil();
            let advice = match self.format.length_for_domain(needed) {
                // The format is long enough: the random regions are too
                // small a part of it (a fixed size, or a shared space).
                _ if min_random <= room as f64 => format!(
                    "random regions of at least {min_random:.0} ranks in all would satisfy it"
                ),
                Some(len) => format!(
                    "a fixed length {} (alphabet of {} symbols{}) would satisfy it",
                    self.format.prefix().len() + len,
                    self.format.alphabet().len(),
                    if self.format.prefix().is_empty() {
                        String::new()
                    } else {
                        format!(", prefix {:?} included", self.format.prefix())
                    }
                ),
                None => format!(
                    "no length up to {} does: use a larger alphabet or a smaller forecast",
                    self.scope.max_serial_len()
                ),
            };
            let bound = random_bound(u128::from(generated), random_domain);
            let what = if generated == self.forecast {
                format!("the forecast {generated} serials")
            } else {
                format!(
                    "{generated} serials (the forecast {} less {} expected from imported lists)",
                    self.forecast, self.forecast_imported
                )
            };
            return Err(PoolError::Guessable(format!(
                "pool {:?}: issuing {what} from {} random serials gives P(guess) <= {:.3e} > {limit}; \
                 it needs a random space of {needed} serials (random regions take {:.0}% of the format's space): {advice}",
                self.name,
                random_domain,
                bound,
                share * 100.0
            )));
        }
        Ok(())
    }

    /// The guessability report, given how many indices each region has
    /// leased (`(region number, issued)`; missing regions count as 0).
    pub fn guessability(&self, issued: &[(u32, u64)]) -> GuessabilityReport {
        let issued_in = |n: u32| issued.iter().find(|(r, _)| *r == n).map_or(0, |(_, q)| *q);
        let mut regions = Vec::new();
        let mut bound_now: f64 = 0.0;
        let mut bound_at_forecast: f64 = 0.0;
        let mut left = u128::from(self.forecast);
        for r in &self.regions {
            let q = issued_in(r.number);
            let (kind, now, full, at_forecast) = match r.kind {
                RegionKind::Random { .. } => {
                    let cap = u128::from(r.capacity.unwrap_or(0));
                    let take = if r.retired {
                        u128::from(q)
                    } else {
                        left.min(cap).max(u128::from(q))
                    };
                    left = left.saturating_sub(take);
                    (
                        "random",
                        random_bound(u128::from(q), r.size),
                        random_bound(cap, r.size),
                        random_bound(take, r.size),
                    )
                }
                RegionKind::Sequential => {
                    let cap = u128::from(r.capacity.unwrap_or(0));
                    let take = left.min(cap).max(u128::from(q));
                    left = left.saturating_sub(take);
                    let b = |n: u128| if n > 0 { 1.0 } else { 0.0 };
                    ("sequential", b(u128::from(q)), 1.0, b(take))
                }
                // Whoever issued the list answers for its randomness.
                RegionKind::Imported { .. } => ("imported", 0.0, 0.0, 0.0),
            };
            bound_now = bound_now.max(now);
            bound_at_forecast = bound_at_forecast.max(at_forecast);
            regions.push(RegionGuess {
                region: r.number,
                kind: kind.into(),
                domain: r.size.to_string(),
                issued: q,
                capacity: r.capacity,
                bound_now: now,
                bound_at_capacity: full,
            });
        }
        let limit = self.policy.limit();
        GuessabilityReport {
            limit,
            forecast: self.forecast,
            regions,
            bound_now,
            bound_at_forecast,
            satisfied: limit.is_none_or(|l| bound_at_forecast <= l),
        }
    }

    /// Serialises for a store.
    pub fn to_json(&self) -> String {
        // A definition is plain data: serialising it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses and checks a stored definition.
    ///
    /// # Errors
    /// [`PoolError::Misuse`] describing the first defect.
    pub fn from_json(text: &str) -> Result<Self, PoolError> {
        serde_json::from_str(text)
            .map_err(|e| PoolError::Misuse(format!("stored pool definition: {e}")))
    }
}

/// Builds the permutation of a random region.
pub(crate) fn region_permutation(
    def: &PoolDefinition,
    region: &Region,
    key: &SerialKey,
) -> Result<Box<dyn IndexPermutation>, PoolError> {
    let RegionKind::Random {
        epoch,
        cipher,
        ref key_fingerprint,
    } = region.kind
    else {
        return Err(PoolError::Misuse("not a random region".into()));
    };
    if key.fingerprint() != *key_fingerprint {
        return Err(PoolError::KeyMismatch { epoch });
    }
    // The tweak binds the permutation to the scope and the epoch.
    let mut tweak = def.scope.tweak();
    tweak.extend_from_slice(format!("#epoch:{epoch}").as_bytes());
    Ok(match cipher {
        CipherKind::Feistel => Box::new(FeistelPermutation::new(key, &tweak, region.size)?),
        CipherKind::Ff1 => Box::new(Ff1Permutation::new(key, &tweak, region.size)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alphabet;

    fn gtin() -> Scope {
        "gtin:09521234543213".parse().unwrap()
    }
    fn alnum(len: u8) -> SerialFormat {
        SerialFormat::builder(Alphabet::upper_alphanumeric())
            .fixed_length(len)
            .build()
            .unwrap()
    }

    #[test]
    fn refuses_guessable_and_says_what_length_works() {
        let key = SerialKey::from_bytes([1; 32]);
        let err = PoolDefinition::builder("p", gtin(), alnum(6))
            .forecast(1_000_000)
            .random_region(&key, RegionSize::Rest)
            .build()
            .unwrap_err();
        // 10^10 serials needed: 36^7 = 7.8e10.
        let msg = err.to_string();
        assert!(msg.contains("fixed length 7"), "{msg}");
        assert!(msg.contains("P(guess)"), "{msg}");
        let err = PoolDefinition::builder("p", gtin(), alnum(12))
            .random_region(&key, RegionSize::Half)
            .sequential_region(RegionSize::Rest)
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("sequential"));
    }

    fn ok_capacity(def: &PoolDefinition) -> u64 {
        def.regions()[0].capacity().unwrap()
    }

    /// An imported region no longer waives the forecast check: the random
    /// regions must hold what is not declared to come from lists.
    #[test]
    fn imported_region_does_not_skip_the_forecast_check() {
        let key = SerialKey::from_bytes([1; 32]);
        let num = |len| {
            SerialFormat::builder(Alphabet::numeric())
                .fixed_length(len)
                .build()
                .unwrap()
        };
        // 10^6 random ranks hold 100 serials at 1/10,000.
        let small = || {
            PoolDefinition::builder("p", gtin(), num(9))
                .forecast(1_000_000)
                .random_region(&key, RegionSize::Exact(1_000_000))
                .imported_region("provider")
        };
        let err = small().build().unwrap_err();
        assert!(matches!(err, PoolError::Guessable(_)), "{err}");
        assert!(err.to_string().contains("forecast 1000000"), "{err}");
        let err = small().forecast_imported(990_000).build().unwrap_err();
        assert!(err.to_string().contains("less 990000"), "{err}");
        assert!(err.to_string().contains("at least"), "{err}");
        let cap = ok_capacity(&small().forecast_imported(999_999).build().unwrap());
        let ok = small().forecast_imported(1_000_000 - cap).build().unwrap();
        assert_eq!(ok.forecast_imported(), 1_000_000 - cap);
        // A pool that only serves lists generates nothing to bound.
        PoolDefinition::builder("l", gtin(), num(9))
            .forecast(1_000_000)
            .imported_region("provider")
            .build()
            .unwrap();
        // Stored without the field (earlier versions): 0.
        let json = ok
            .to_json()
            .replace(&format!(",\"forecast_imported\":{}", 1_000_000 - cap), "");
        assert!(!json.contains("forecast_imported"));
        assert_eq!(
            PoolDefinition::from_json(&json)
                .unwrap()
                .forecast_imported(),
            0
        );
    }

    /// A sequential region under a guessing limit is its own error, so a
    /// front end can say what its users should do.
    #[test]
    fn sequential_under_a_limit_is_predictable() {
        let err = PoolDefinition::builder("p", gtin(), alnum(12))
            .sequential_region(RegionSize::Half)
            .build()
            .unwrap_err();
        assert!(
            matches!(err, PoolError::Predictable { region: 1, limit, .. } if limit == crate::EU_FMD_LIMIT),
            "{err}"
        );
    }

    /// Placing a built pool after other pools' ranks carves its requests
    /// again from there; a stored definition cannot be moved.
    #[test]
    fn placement_after_a_tail() {
        let key = SerialKey::from_bytes([1; 32]);
        let def = PoolDefinition::builder("p", gtin(), alnum(10))
            .random_region(&key, RegionSize::Half)
            .imported_region("l")
            .build()
            .unwrap();
        let d = alnum(10).domain_size();
        assert_eq!(def.placed_at(0).unwrap(), def);
        let placed = def.placed_at(d / 2).unwrap();
        assert_eq!(placed.regions()[0].ranks(), d / 2..d / 2 + d / 4);
        assert_eq!(placed.regions()[1].kind(), def.regions()[1].kind());
        let stored = PoolDefinition::from_json(&def.to_json()).unwrap();
        assert!(matches!(stored.placed_at(1), Err(PoolError::Misuse(_))));
        assert!(matches!(def.placed_at(d), Err(PoolError::NoRoom(_))));
    }

    #[test]
    fn epochs_carve_disjoint_tail_ranges() {
        let k1 = SerialKey::from_bytes([1; 32]);
        let k2 = SerialKey::from_bytes([2; 32]);
        let def = PoolDefinition::builder("p", gtin(), alnum(10))
            .random_region(&k1, RegionSize::Half)
            .build()
            .unwrap();
        let d2 = def
            .rotate_key(&k2, RegionSize::Half, CipherKind::Feistel)
            .unwrap();
        assert_eq!(d2.version(), def.version() + 1);
        let r = d2.regions();
        assert_eq!(r.len(), 2);
        assert!(r[0].is_retired() && !r[1].is_retired());
        assert_eq!(r[0].ranks().end, r[1].ranks().start);
        assert_eq!(r[1].epoch(), Some(2));
        // Round trip through JSON keeps and re-checks everything.
        let back = PoolDefinition::from_json(&d2.to_json()).unwrap();
        assert_eq!(back, d2);
        // A tampered definition with overlapping ranges is refused.
        let bad = d2.to_json().replacen(
            &format!("\"start\":\"{}\"", r[1].ranks().start),
            "\"start\":\"5\"",
            1,
        );
        assert!(PoolDefinition::from_json(&bad).is_err());
        // Rest leaves nothing for another epoch.
        let full = d2
            .rotate_key(&k1, RegionSize::Rest, CipherKind::Feistel)
            .unwrap();
        assert!(matches!(
            full.rotate_key(&k2, RegionSize::Half, CipherKind::Feistel),
            Err(PoolError::NoRoom(_))
        ));
    }

    #[test]
    fn wrong_key_is_refused() {
        let k1 = SerialKey::from_bytes([1; 32]);
        let def = PoolDefinition::builder("p", gtin(), alnum(10))
            .random_region(&k1, RegionSize::Half)
            .build()
            .unwrap();
        let region = &def.regions()[0];
        assert!(region_permutation(&def, region, &k1).is_ok());
        assert!(matches!(
            region_permutation(&def, region, &SerialKey::from_bytes([2; 32])),
            Err(PoolError::KeyMismatch { epoch: 1 })
        ));
    }

    #[test]
    fn report_bounds() {
        let key = SerialKey::from_bytes([1; 32]);
        let def = PoolDefinition::builder("p", gtin(), alnum(10))
            .forecast(1000)
            .random_region(&key, RegionSize::Half)
            .build()
            .unwrap();
        let rep = def.guessability(&[(1, 500)]);
        assert!(rep.satisfied);
        assert!(rep.bound_now > 0.0 && rep.bound_now < 1e-10);
        let full = rep.regions[0].bound_at_capacity;
        assert!(full <= 1e-4 && full > 0.999e-4, "{full}");
        let sscc = PoolDefinition::builder(
            "s",
            "sscc:0+9521234".parse().unwrap(),
            SerialFormat::builder(Alphabet::numeric())
                .fixed_length(9)
                .build()
                .unwrap(),
        )
        .sequential_region(RegionSize::Rest)
        .build()
        .unwrap();
        let rep = sscc.guessability(&[(1, 1)]);
        assert_eq!(rep.bound_now, 1.0);
        assert!(rep.satisfied);
    }
}
