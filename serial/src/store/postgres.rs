//! [`PgStore`]: a PostgreSQL lease store for pools shared by many lines
//! and sites.

use postgres::{Client, GenericClient, NoTls, Row, Transaction};

use super::fault::{ArmFault, FaultPoint};
use super::{
    ImportedSerial, LeaseId, LeaseRecord, LeaseStore, RegionState, Reservation, ReserveRequest,
    UnusedTail, space,
};
use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{PoolError, StoreError};
use crate::lifecycle::SerialState;
use crate::plan;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS serial_pools (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL,
    definition TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS serial_regions (
    pool TEXT NOT NULL REFERENCES serial_pools (name),
    region BIGINT NOT NULL,
    next BIGINT NOT NULL DEFAULT 0,
    imported BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (pool, region)
);
CREATE TABLE IF NOT EXISTS serial_free_ranges (
    pool TEXT NOT NULL REFERENCES serial_pools (name),
    region BIGINT NOT NULL,
    start BIGINT NOT NULL,
    stop BIGINT NOT NULL,
    PRIMARY KEY (pool, region, start)
);
CREATE TABLE IF NOT EXISTS serial_leases (
    id BIGSERIAL PRIMARY KEY,
    pool TEXT NOT NULL REFERENCES serial_pools (name),
    region BIGINT NOT NULL,
    epoch BIGINT,
    start BIGINT NOT NULL,
    stop BIGINT NOT NULL,
    reserved_stop BIGINT NOT NULL,
    holder TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    returned_at_ms BIGINT
);
CREATE INDEX IF NOT EXISTS serial_leases_live ON serial_leases (pool, region, start) WHERE stop > start;
CREATE INDEX IF NOT EXISTS serial_leases_by_pool ON serial_leases (pool, id);
CREATE TABLE IF NOT EXISTS serial_imported (
    pool TEXT NOT NULL REFERENCES serial_pools (name),
    region BIGINT NOT NULL,
    position BIGINT NOT NULL,
    serial TEXT NOT NULL,
    attributes TEXT NOT NULL,
    PRIMARY KEY (pool, region, position),
    UNIQUE (pool, serial)
);
CREATE TABLE IF NOT EXISTS serial_transitions (
    id BIGSERIAL PRIMARY KEY,
    lease BIGINT NOT NULL REFERENCES serial_leases (id),
    start BIGINT NOT NULL,
    stop BIGINT NOT NULL,
    state TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS serial_transitions_by_lease ON serial_transitions (lease, id);
CREATE TABLE IF NOT EXISTS serial_pool_space (
    pool TEXT PRIMARY KEY REFERENCES serial_pools (name),
    family TEXT NOT NULL,
    space TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS serial_pool_space_family ON serial_pool_space (family);
CREATE INDEX IF NOT EXISTS serial_pool_space_space ON serial_pool_space (space);
CREATE INDEX IF NOT EXISTS serial_imported_by_serial ON serial_imported (serial);
";

/// Advisory lock class of a product-code family: creating, changing and
/// importing into pools of one family take it for their transaction, so
/// the space rules see every other pool of the family as it is.
const FAMILY_LOCK: i32 = 7_343_520;

/// A lease store in a PostgreSQL database (tables prefixed `serial_`).
///
/// Every write locks the pool's row (`SELECT … FOR UPDATE`) in its
/// transaction, so allocators on different machines are serialised per pool
/// and can never be granted overlapping ranges. Commits are durable under
/// PostgreSQL's default `synchronous_commit = on`.
pub struct PgStore {
    client: Client,
    fault: Option<FaultPoint>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        Self::Backend(e.to_string())
    }
}

fn u64_of(v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("negative index {v}")))
}

fn i64_of(v: u64) -> Result<i64, StoreError> {
    i64::try_from(v)
        .map_err(|_| StoreError::Refused(format!("index {v} exceeds the store's range")))
}

fn region_of(v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("region number {v}")))
}

const LEASE_COLUMNS: &str =
    "id, pool, region, epoch, start, stop, reserved_stop, holder, at_ms, returned_at_ms";

fn lease_of(row: &Row) -> Result<LeaseRecord, StoreError> {
    let epoch: Option<i64> = row.try_get(3)?;
    Ok(LeaseRecord {
        id: row.try_get(0)?,
        pool: row.try_get(1)?,
        region: region_of(row.try_get(2)?)?,
        epoch: epoch.map(region_of).transpose()?,
        start: u64_of(row.try_get(4)?)?,
        end: u64_of(row.try_get(5)?)?,
        reserved_end: u64_of(row.try_get(6)?)?,
        holder: row.try_get(7)?,
        at_ms: row.try_get(8)?,
        returned_at_ms: row.try_get(9)?,
    })
}

impl PgStore {
    /// Connects with a libpq-style URL (`postgresql://user@127.0.0.1/db`)
    /// and creates the tables if needed.
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls)?;
        // Concurrent first connections may race on CREATE TABLE IF NOT
        // EXISTS; an advisory lock makes the setup one at a time.
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock(7343519)", &[])?;
        tx.batch_execute(SCHEMA)?;
        // Pools created before product-code spaces were kept.
        for row in tx.query(
            "SELECT name, definition FROM serial_pools WHERE name NOT IN (SELECT pool FROM serial_pool_space)",
            &[],
        )? {
            let name: String = row.try_get(0)?;
            let text: String = row.try_get(1)?;
            let def = PoolDefinition::from_json(&text)
                .map_err(|e| StoreError::Corrupt(format!("pool {name:?}: {e}")))?;
            Self::file_space(&mut tx, &def)?;
        }
        tx.commit()?;
        Ok(Self {
            client,
            fault: None,
        })
    }

    fn file_space(tx: &mut Transaction<'_>, def: &PoolDefinition) -> Result<(), StoreError> {
        let product = def.scope().product();
        tx.execute(
            "INSERT INTO serial_pool_space (pool, family, space) VALUES ($1, $2, $3)",
            &[&def.name(), &product.family(), &product.space_key()],
        )?;
        Ok(())
    }

    /// Takes the family's advisory lock for the transaction.
    fn lock_family(tx: &mut Transaction<'_>, def_family: &str) -> Result<(), StoreError> {
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&FAMILY_LOCK, &def_family],
        )?;
        Ok(())
    }

    /// The other pools of `def`'s family.
    fn neighbours(
        tx: &mut Transaction<'_>,
        def: &PoolDefinition,
    ) -> Result<Vec<PoolDefinition>, StoreError> {
        let mut out = Vec::new();
        for row in tx.query(
            "SELECT p.definition FROM serial_pools p JOIN serial_pool_space s ON s.pool = p.name
             WHERE s.family = $1 AND p.name <> $2",
            &[&def.scope().product().family(), &def.name()],
        )? {
            let text: String = row.try_get(0)?;
            out.push(
                PoolDefinition::from_json(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            );
        }
        Ok(out)
    }

    /// `(pool, serial)` of every serial imported for `def`'s product code.
    fn imported_in_space(
        tx: &mut Transaction<'_>,
        def: &PoolDefinition,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut out = Vec::new();
        for row in tx.query(
            "SELECT i.pool, i.serial FROM serial_imported i JOIN serial_pool_space s ON s.pool = i.pool
             WHERE s.space = $1",
            &[&def.scope().product().space_key()],
        )? {
            out.push((row.try_get(0)?, row.try_get(1)?));
        }
        Ok(out)
    }

    fn fault(&mut self, at: FaultPoint) -> Result<(), StoreError> {
        if self.fault == Some(at) {
            self.fault = None;
            return Err(StoreError::Injected(at.name()));
        }
        Ok(())
    }

    fn take_fault(&mut self, at: FaultPoint) -> bool {
        let armed = self.fault == Some(at);
        if armed {
            self.fault = None;
        }
        armed
    }

    /// Locks the pool row for the transaction and returns its definition.
    fn lock_pool(tx: &mut Transaction<'_>, name: &str) -> Result<PoolDefinition, StoreError> {
        let row = tx
            .query_opt(
                "SELECT version, definition FROM serial_pools WHERE name = $1 FOR UPDATE",
                &[&name],
            )?
            .ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))?;
        let version: i64 = row.try_get(0)?;
        let text: String = row.try_get(1)?;
        let def =
            PoolDefinition::from_json(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if def.version() as i64 != version {
            return Err(StoreError::Corrupt(format!(
                "pool {name:?}: version column disagrees with definition"
            )));
        }
        Ok(def)
    }

    fn states(c: &mut impl GenericClient, pool: &str) -> Result<Vec<RegionState>, StoreError> {
        let mut states = Vec::new();
        for row in c.query(
            "SELECT region, next, imported FROM serial_regions WHERE pool = $1 ORDER BY region",
            &[&pool],
        )? {
            states.push(RegionState {
                region: region_of(row.try_get(0)?)?,
                next: u64_of(row.try_get(1)?)?,
                imported: u64_of(row.try_get(2)?)?,
                free: Vec::new(),
            });
        }
        for row in c.query(
            "SELECT region, start, stop FROM serial_free_ranges WHERE pool = $1 ORDER BY region, start",
            &[&pool],
        )? {
            let region = region_of(row.try_get(0)?)?;
            let range = (u64_of(row.try_get(1)?)?, u64_of(row.try_get(2)?)?);
            match states.iter_mut().find(|s| s.region == region) {
                Some(s) => s.free.push(range),
                None => states.push(RegionState {
                    region,
                    free: vec![range],
                    ..RegionState::default()
                }),
            }
        }
        Ok(states)
    }

    fn write_states(
        tx: &mut Transaction<'_>,
        pool: &str,
        states: &[RegionState],
    ) -> Result<(), StoreError> {
        for s in states {
            tx.execute(
                "INSERT INTO serial_regions (pool, region, next, imported) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (pool, region) DO UPDATE SET next = excluded.next, imported = excluded.imported",
                &[&pool, &i64::from(s.region), &i64_of(s.next)?, &i64_of(s.imported)?],
            )?;
        }
        tx.execute("DELETE FROM serial_free_ranges WHERE pool = $1", &[&pool])?;
        for s in states {
            for &(a, b) in &s.free {
                tx.execute(
                    "INSERT INTO serial_free_ranges (pool, region, start, stop) VALUES ($1, $2, $3, $4)",
                    &[&pool, &i64::from(s.region), &i64_of(a)?, &i64_of(b)?],
                )?;
            }
        }
        Ok(())
    }

    fn lease(
        c: &mut impl GenericClient,
        pool: &str,
        id: LeaseId,
    ) -> Result<LeaseRecord, StoreError> {
        let sql = format!("SELECT {LEASE_COLUMNS} FROM serial_leases WHERE pool = $1 AND id = $2");
        let row = c
            .query_opt(sql.as_str(), &[&pool, &id])?
            .ok_or_else(|| StoreError::NotFound(format!("lease {id}")))?;
        lease_of(&row)
    }

    fn records(
        c: &mut impl GenericClient,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        let mut out = Vec::new();
        for row in c.query(
            "SELECT start, stop, state FROM serial_transitions WHERE lease = $1 ORDER BY id",
            &[&lease],
        )? {
            let s: String = row.try_get(2)?;
            let state = SerialState::parse(&s)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown state {s:?}")))?;
            out.push((u64_of(row.try_get(0)?)?, u64_of(row.try_get(1)?)?, state));
        }
        Ok(out)
    }
}

impl ArmFault for PgStore {
    fn arm_fault(&mut self, point: FaultPoint) {
        self.fault = Some(point);
    }
}

impl LeaseStore for PgStore {
    fn create_pool(&mut self, def: &PoolDefinition) -> Result<PoolDefinition, PoolError> {
        let mut tx = self.client.transaction().map_err(StoreError::from)?;
        Self::lock_family(&mut tx, &def.scope().product().family())?;
        let others = Self::neighbours(&mut tx, def)?;
        let placed = {
            let tx = &mut tx;
            space::place(def, &others, &mut || Self::imported_in_space(tx, def))?
        };
        let n = tx
            .execute(
                "INSERT INTO serial_pools (name, version, definition) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                &[&placed.name(), &(placed.version() as i64), &placed.to_json()],
            )
            .map_err(StoreError::from)?;
        if n == 0 {
            return Err(StoreError::AlreadyExists(format!("pool {:?}", def.name())).into());
        }
        Self::file_space(&mut tx, &placed)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(placed)
    }

    fn load_pool(&mut self, name: &str) -> Result<PoolDefinition, StoreError> {
        let row = self
            .client
            .query_opt(
                "SELECT definition FROM serial_pools WHERE name = $1",
                &[&name],
            )?
            .ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))?;
        let text: String = row.try_get(0)?;
        PoolDefinition::from_json(&text).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    fn update_pool(
        &mut self,
        name: &str,
        version: u64,
        change: &PoolChange,
    ) -> Result<PoolDefinition, PoolError> {
        let mut tx = self.client.transaction().map_err(StoreError::from)?;
        // The pool row, then its family: the order every writer takes them in.
        let stored = Self::lock_pool(&mut tx, name)?;
        Self::lock_family(&mut tx, &stored.scope().product().family())?;
        let others = Self::neighbours(&mut tx, &stored)?;
        let next = {
            let tx = &mut tx;
            space::change(&stored, version, change, &others, &mut || {
                Self::imported_in_space(tx, &stored)
            })?
        };
        tx.execute(
            "UPDATE serial_pools SET version = $1, definition = $2 WHERE name = $3 AND version = $4",
            &[&(next.version() as i64), &next.to_json(), &name, &(stored.version() as i64)],
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(next)
    }

    fn reserve(&mut self, req: &ReserveRequest<'_>) -> Result<Reservation, StoreError> {
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut tx = self.client.transaction()?;
        let def = Self::lock_pool(&mut tx, req.pool)?;
        if def.version() != req.version {
            return Err(StoreError::Refused(format!(
                "pool {:?} changed (version {} → {}): reopen it",
                req.pool,
                req.version,
                def.version()
            )));
        }
        let mut states = Self::states(&mut tx, req.pool)?;
        let grants = plan::plan(&def, &states, req.count);
        let mut leases = Vec::with_capacity(grants.len());
        let mut imported = Vec::with_capacity(grants.len());
        for g in &grants {
            let epoch = g.epoch.map(i64::from);
            let row = tx.query_one(
                "INSERT INTO serial_leases (pool, region, epoch, start, stop, reserved_stop, holder, at_ms)
                 VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id",
                &[
                    &req.pool,
                    &i64::from(g.region),
                    &epoch,
                    &i64_of(g.start)?,
                    &i64_of(g.end)?,
                    &req.holder,
                    &req.now_ms,
                ],
            )?;
            leases.push(LeaseRecord {
                id: row.try_get(0)?,
                pool: req.pool.to_owned(),
                region: g.region,
                epoch: g.epoch,
                start: g.start,
                end: g.end,
                reserved_end: g.end,
                holder: req.holder.to_owned(),
                at_ms: req.now_ms,
                returned_at_ms: None,
            });
            let mut serials = Vec::new();
            if def.region(g.region).is_some_and(|r| r.capacity().is_none()) {
                for row in tx.query(
                    "SELECT serial, attributes FROM serial_imported
                     WHERE pool = $1 AND region = $2 AND position >= $3 AND position < $4 ORDER BY position",
                    &[&req.pool, &i64::from(g.region), &i64_of(g.start)?, &i64_of(g.end)?],
                )? {
                    serials.push(ImportedSerial {
                        serial: row.try_get(0)?,
                        attributes: row.try_get(1)?,
                    });
                }
                if serials.len() as u64 != g.end - g.start {
                    return Err(StoreError::Corrupt(format!(
                        "imported list of region {} has gaps",
                        g.region
                    )));
                }
            }
            imported.push(serials);
        }
        if fault_mid {
            // Dropping the transaction rolls the lease rows back.
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        plan::apply(&mut states, &grants);
        Self::write_states(&mut tx, req.pool, &states)?;
        let remaining = plan::remaining(&def, &states);
        tx.commit()?;
        self.fault(FaultPoint::AfterCommit)?;
        Ok(Reservation {
            leases,
            imported,
            remaining,
        })
    }

    fn return_unused(&mut self, tail: UnusedTail, now_ms: i64) -> Result<(), StoreError> {
        let (pool, lease, from) = (tail.pool(), tail.lease(), tail.from());
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut tx = self.client.transaction()?;
        Self::lock_pool(&mut tx, pool)?;
        let rec = Self::lease(&mut tx, pool, lease)?;
        let records = Self::records(&mut tx, lease)?;
        super::refuse_return(&rec, &records, from)?;
        if from == rec.end {
            return Ok(());
        }
        tx.execute(
            "UPDATE serial_leases SET stop = $1, returned_at_ms = $2 WHERE id = $3",
            &[&i64_of(from)?, &now_ms, &lease],
        )?;
        if fault_mid {
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        let mut states = Self::states(&mut tx, pool)?;
        match states.iter_mut().find(|s| s.region == rec.region) {
            Some(s) => plan::add_free(&mut s.free, (from, rec.end)),
            None => states.push(RegionState {
                region: rec.region,
                free: vec![(from, rec.end)],
                ..RegionState::default()
            }),
        }
        Self::write_states(&mut tx, pool, &states)?;
        tx.commit()?;
        self.fault(FaultPoint::AfterCommit)
    }

    fn region_states(&mut self, pool: &str) -> Result<Vec<RegionState>, StoreError> {
        Self::states(&mut self.client, pool)
    }

    fn leases(&mut self, pool: &str) -> Result<Vec<LeaseRecord>, StoreError> {
        let sql = format!("SELECT {LEASE_COLUMNS} FROM serial_leases WHERE pool = $1 ORDER BY id");
        self.client
            .query(sql.as_str(), &[&pool])?
            .iter()
            .map(lease_of)
            .collect()
    }

    fn lease_at(
        &mut self,
        pool: &str,
        region: u32,
        index: u64,
    ) -> Result<Option<LeaseRecord>, StoreError> {
        let sql = format!(
            "SELECT {LEASE_COLUMNS} FROM serial_leases WHERE pool = $1 AND region = $2 AND start <= $3 AND stop > start
             ORDER BY start DESC LIMIT 1"
        );
        match self
            .client
            .query_opt(sql.as_str(), &[&pool, &i64::from(region), &i64_of(index)?])?
        {
            Some(row) => {
                let l = lease_of(&row)?;
                Ok((index < l.end).then_some(l))
            }
            None => Ok(None),
        }
    }

    fn import(
        &mut self,
        pool: &str,
        region: u32,
        serials: &[ImportedSerial],
    ) -> Result<(), StoreError> {
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut tx = self.client.transaction()?;
        let def = Self::lock_pool(&mut tx, pool)?;
        Self::lock_family(&mut tx, &def.scope().product().family())?;
        let others = Self::neighbours(&mut tx, &def)?;
        space::check_import(&def, &others, serials).map_err(StoreError::Import)?;
        let space_key = def.scope().product().space_key();
        let mut states = Self::states(&mut tx, pool)?;
        let at = match states.iter().position(|s| s.region == region) {
            Some(i) => i,
            None => {
                states.push(RegionState {
                    region,
                    ..RegionState::default()
                });
                states.len() - 1
            }
        };
        let mut position = states[at].imported;
        let holder = tx.prepare(
            "SELECT i.pool FROM serial_imported i JOIN serial_pool_space s ON s.pool = i.pool
             WHERE i.serial = $1 AND s.space = $2 LIMIT 1",
        )?;
        for (k, s) in serials.iter().enumerate() {
            // Unique per product code: any pool of the space, this batch's
            // earlier rows included.
            if let Some(row) = tx.query_opt(&holder, &[&s.serial, &space_key])? {
                let other: String = row.try_get(0)?;
                return Err(super::duplicate(k, &s.serial, &other));
            }
            let n = tx.execute(
                "INSERT INTO serial_imported (pool, region, position, serial, attributes) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT DO NOTHING",
                &[&pool, &i64::from(region), &i64_of(position)?, &s.serial, &s.attributes],
            )?;
            if n != 1 {
                return Err(super::duplicate(k, &s.serial, pool));
            }
            position += 1;
            if fault_mid && k + 1 == serials.len() / 2 {
                return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
            }
        }
        states[at].imported = position;
        Self::write_states(&mut tx, pool, &states)?;
        tx.commit()?;
        self.fault(FaultPoint::AfterCommit)
    }

    fn find_imported(
        &mut self,
        pool: &str,
        serial: &str,
    ) -> Result<Option<(u32, u64, String)>, StoreError> {
        match self.client.query_opt(
            "SELECT region, position, attributes FROM serial_imported WHERE pool = $1 AND serial = $2",
            &[&pool, &serial],
        )? {
            Some(row) => Ok(Some((
                region_of(row.try_get(0)?)?,
                u64_of(row.try_get(1)?)?,
                row.try_get(2)?,
            ))),
            None => Ok(None),
        }
    }

    fn transition(
        &mut self,
        pool: &str,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        Self::lock_pool(&mut tx, pool)?;
        let rec = Self::lease(&mut tx, pool, lease)?;
        let records = Self::records(&mut tx, lease)?;
        super::refuse_transition(&rec, &records, range, to)?;
        tx.execute(
            "INSERT INTO serial_transitions (lease, start, stop, state, at_ms) VALUES ($1, $2, $3, $4, $5)",
            &[&lease, &i64_of(range.0)?, &i64_of(range.1)?, &to.as_str(), &now_ms],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn transitions(
        &mut self,
        pool: &str,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        Self::lease(&mut self.client, pool, lease)?;
        Self::records(&mut self.client, lease)
    }
}
