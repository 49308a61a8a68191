//! [`SqliteStore`]: the embedded default, SQLite in WAL mode with
//! `synchronous = FULL`.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::fault::{ArmFault, FaultPoint};
use super::{
    ImportedSerial, LeaseId, LeaseRecord, LeaseStore, RegionState, Reservation, ReserveRequest,
    UnusedTail, space,
};
use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{PoolError, StoreError};
use crate::lifecycle::SerialState;
use crate::plan;

/// How long a statement waits for another connection's lock before it
/// fails: other processes may hold the write lock for a commit's fsync.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Why the file could not be put in WAL mode with the schema.
enum PrepareError {
    Sqlite(rusqlite::Error),
    NotWal(String),
}

impl From<rusqlite::Error> for PrepareError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

impl From<PrepareError> for StoreError {
    fn from(e: PrepareError) -> Self {
        match e {
            PrepareError::Sqlite(e) => e.into(),
            PrepareError::NotWal(mode) => {
                StoreError::Backend(format!("cannot switch to WAL (journal mode {mode})"))
            }
        }
    }
}

/// `SQLITE_BUSY` or `SQLITE_LOCKED`: another connection holds the lock.
fn is_busy(e: &PrepareError) -> bool {
    matches!(
        e,
        PrepareError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
    )
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS pools (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS regions (
    pool TEXT NOT NULL,
    region INTEGER NOT NULL,
    next INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pool, region)
);
CREATE TABLE IF NOT EXISTS free_ranges (
    pool TEXT NOT NULL,
    region INTEGER NOT NULL,
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    PRIMARY KEY (pool, region, start)
);
CREATE TABLE IF NOT EXISTS leases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pool TEXT NOT NULL,
    region INTEGER NOT NULL,
    epoch INTEGER,
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    reserved_stop INTEGER NOT NULL,
    holder TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    returned_at_ms INTEGER
);
CREATE INDEX IF NOT EXISTS leases_live ON leases (pool, region, start) WHERE stop > start;
CREATE INDEX IF NOT EXISTS leases_by_pool ON leases (pool, id);
CREATE TABLE IF NOT EXISTS imported (
    pool TEXT NOT NULL,
    region INTEGER NOT NULL,
    position INTEGER NOT NULL,
    serial TEXT NOT NULL,
    attributes TEXT NOT NULL,
    PRIMARY KEY (pool, region, position),
    UNIQUE (pool, serial)
);
CREATE TABLE IF NOT EXISTS transitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lease INTEGER NOT NULL,
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    state TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS transitions_by_lease ON transitions (lease, id);
CREATE TABLE IF NOT EXISTS pool_space (
    pool TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    space TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pool_space_family ON pool_space (family);
CREATE INDEX IF NOT EXISTS pool_space_space ON pool_space (space);
CREATE INDEX IF NOT EXISTS imported_by_serial ON imported (serial);
";

/// A lease store in one SQLite file.
///
/// Each instance is one connection; threads and processes open their own
/// and SQLite's write lock (`BEGIN IMMEDIATE`) serialises reservations.
/// Commits are durable when they return (`journal_mode = WAL`,
/// `synchronous = FULL`: the WAL is synced on every commit).
///
/// ```
/// use serialkit_serial::store::SqliteStore;
/// let dir = tempfile::tempdir().unwrap();
/// let store = SqliteStore::open(dir.path().join("serials.sqlite")).unwrap();
/// ```
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    fault: Option<FaultPoint>,
    /// Last parsed definition per pool, reused while its version holds.
    cache: Option<PoolDefinition>,
}

fn u64_of(v: i64) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("negative index {v}")))
}

fn i64_of(v: u64) -> Result<i64, StoreError> {
    i64::try_from(v)
        .map_err(|_| StoreError::Refused(format!("index {v} exceeds the store's range")))
}

fn lease_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(LeaseRecord, [i64; 3])> {
    Ok((
        LeaseRecord {
            id: row.get(0)?,
            pool: row.get(1)?,
            region: row.get(2)?,
            epoch: row.get(3)?,
            start: 0,
            end: 0,
            reserved_end: 0,
            holder: row.get(7)?,
            at_ms: row.get(8)?,
            returned_at_ms: row.get(9)?,
        },
        [row.get(4)?, row.get(5)?, row.get(6)?],
    ))
}

fn finish_lease((mut l, [s, e, r]): (LeaseRecord, [i64; 3])) -> Result<LeaseRecord, StoreError> {
    l.start = u64_of(s)?;
    l.end = u64_of(e)?;
    l.reserved_end = u64_of(r)?;
    Ok(l)
}

const LEASE_COLUMNS: &str =
    "id, pool, region, epoch, start, stop, reserved_stop, holder, at_ms, returned_at_ms";

impl SqliteStore {
    /// Opens (creating if needed) the store at `path`.
    ///
    /// # Errors
    /// [`StoreError::Backend`] when the file cannot be opened or set up.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// A private in-memory database (WAL does not apply).
    ///
    /// # Errors
    /// [`StoreError::Backend`].
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Self, StoreError> {
        // Other processes may hold the write lock for a commit's fsync.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Self::prepare_file(&conn)?;
        let mut store = Self {
            conn,
            fault: None,
            cache: None,
        };
        store.index_spaces()?;
        Ok(store)
    }

    /// WAL mode, `synchronous = FULL` and the schema, retried while the
    /// file is busy. Several connections opening one new file at once race
    /// for the switch to WAL and for the first write of the schema, and
    /// SQLite answers some of those races with `SQLITE_BUSY` at once, without
    /// calling the busy handler (a journal-mode change, a WAL file being
    /// recovered). Waiting here, up to the same bound as the busy handler's,
    /// makes opening a store as patient as every other statement.
    fn prepare_file(conn: &Connection) -> Result<(), StoreError> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let mut pause = Duration::from_millis(1);
        loop {
            match Self::prepare_file_once(conn) {
                Ok(()) => return Ok(()),
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn prepare_file_once(conn: &Connection) -> Result<(), PrepareError> {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if mode != "wal" && mode != "memory" {
            return Err(PrepareError::NotWal(mode));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(())
    }

    /// Files pools created before product-code spaces were kept (stores
    /// written by earlier versions) under their family and space.
    fn index_spaces(&mut self) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let missing: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT name, definition FROM pools WHERE name NOT IN (SELECT pool FROM pool_space)",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (name, text) in missing {
            let def = PoolDefinition::from_json(&text)
                .map_err(|e| StoreError::Corrupt(format!("pool {name:?}: {e}")))?;
            Self::file_space(&tx, &def)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn file_space(conn: &Connection, def: &PoolDefinition) -> Result<(), StoreError> {
        let product = def.scope().product();
        conn.execute(
            "INSERT INTO pool_space (pool, family, space) VALUES (?1, ?2, ?3)",
            params![def.name(), product.family(), product.space_key()],
        )?;
        Ok(())
    }

    /// The other pools of `def`'s family.
    fn neighbours(
        conn: &Connection,
        def: &PoolDefinition,
    ) -> Result<Vec<PoolDefinition>, StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT p.definition FROM pools p JOIN pool_space s ON s.pool = p.name
             WHERE s.family = ?1 AND p.name <> ?2",
        )?;
        let rows = stmt.query_map(params![def.scope().product().family(), def.name()], |r| {
            r.get::<_, String>(0)
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(
                PoolDefinition::from_json(&row?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            );
        }
        Ok(out)
    }

    /// `(pool, serial)` of every serial imported for `def`'s product code.
    fn imported_in_space(
        conn: &Connection,
        def: &PoolDefinition,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT i.pool, i.serial FROM imported i JOIN pool_space s ON s.pool = i.pool WHERE s.space = ?1",
        )?;
        let rows = stmt.query_map([def.scope().product().space_key()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn fault(&mut self, at: FaultPoint) -> Result<(), StoreError> {
        if self.fault == Some(at) {
            self.fault = None;
            return Err(StoreError::Injected(at.name()));
        }
        Ok(())
    }

    fn definition(
        conn: &Connection,
        cache: &mut Option<PoolDefinition>,
        name: &str,
    ) -> Result<PoolDefinition, StoreError> {
        let (version, text): (i64, Option<String>) = {
            let version: Option<i64> = conn
                .query_row("SELECT version FROM pools WHERE name = ?1", [name], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(version) = version else {
                return Err(StoreError::NotFound(format!("pool {name:?}")));
            };
            match cache {
                Some(d) if d.name() == name && d.version() as i64 == version => {
                    return Ok(d.clone());
                }
                _ => (
                    version,
                    conn.query_row(
                        "SELECT definition FROM pools WHERE name = ?1",
                        [name],
                        |r| r.get(0),
                    )
                    .optional()?,
                ),
            }
        };
        let text = text.ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))?;
        let def =
            PoolDefinition::from_json(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if def.version() as i64 != version {
            return Err(StoreError::Corrupt(format!(
                "pool {name:?}: version column disagrees with definition"
            )));
        }
        *cache = Some(def.clone());
        Ok(def)
    }

    fn states(conn: &Connection, pool: &str) -> Result<Vec<RegionState>, StoreError> {
        let mut states = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT region, next, imported FROM regions WHERE pool = ?1 ORDER BY region",
        )?;
        let rows = stmt.query_map([pool], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (region, next, imported) = row?;
            states.push(RegionState {
                region,
                next: u64_of(next)?,
                imported: u64_of(imported)?,
                free: Vec::new(),
            });
        }
        let mut stmt = conn.prepare_cached(
            "SELECT region, start, stop FROM free_ranges WHERE pool = ?1 ORDER BY region, start",
        )?;
        let rows = stmt.query_map([pool], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (region, a, b) = row?;
            let range = (u64_of(a)?, u64_of(b)?);
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
        conn: &Connection,
        pool: &str,
        states: &[RegionState],
    ) -> Result<(), StoreError> {
        let mut up = conn.prepare_cached(
            "INSERT INTO regions (pool, region, next, imported) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (pool, region) DO UPDATE SET next = excluded.next, imported = excluded.imported",
        )?;
        for s in states {
            up.execute(params![
                pool,
                s.region,
                i64_of(s.next)?,
                i64_of(s.imported)?
            ])?;
        }
        conn.prepare_cached("DELETE FROM free_ranges WHERE pool = ?1")?
            .execute([pool])?;
        let mut ins = conn.prepare_cached(
            "INSERT INTO free_ranges (pool, region, start, stop) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for s in states {
            for &(a, b) in &s.free {
                ins.execute(params![pool, s.region, i64_of(a)?, i64_of(b)?])?;
            }
        }
        Ok(())
    }

    fn lease(conn: &Connection, pool: &str, id: LeaseId) -> Result<LeaseRecord, StoreError> {
        let sql = format!("SELECT {LEASE_COLUMNS} FROM leases WHERE pool = ?1 AND id = ?2");
        let row = conn
            .query_row(&sql, params![pool, id], lease_from_row)
            .optional()?;
        finish_lease(row.ok_or_else(|| StoreError::NotFound(format!("lease {id}")))?)
    }

    fn records(
        conn: &Connection,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT start, stop, state FROM transitions WHERE lease = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([lease], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (a, b, s) = row?;
            let state = SerialState::parse(&s)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown state {s:?}")))?;
            out.push((u64_of(a)?, u64_of(b)?, state));
        }
        Ok(out)
    }
}

impl ArmFault for SqliteStore {
    fn arm_fault(&mut self, point: FaultPoint) {
        self.fault = Some(point);
    }
}

impl LeaseStore for SqliteStore {
    fn create_pool(&mut self, def: &PoolDefinition) -> Result<PoolDefinition, PoolError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let exists: Option<i64> = tx
            .query_row("SELECT 1 FROM pools WHERE name = ?1", [def.name()], |r| {
                r.get(0)
            })
            .optional()
            .map_err(StoreError::from)?;
        if exists.is_some() {
            return Err(StoreError::AlreadyExists(format!("pool {:?}", def.name())).into());
        }
        let others = Self::neighbours(&tx, def)?;
        let placed = space::place(def, &others, &mut || Self::imported_in_space(&tx, def))?;
        tx.execute(
            "INSERT INTO pools (name, version, definition) VALUES (?1, ?2, ?3)",
            params![placed.name(), placed.version() as i64, placed.to_json()],
        )
        .map_err(StoreError::from)?;
        Self::file_space(&tx, &placed)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(placed)
    }

    fn load_pool(&mut self, name: &str) -> Result<PoolDefinition, StoreError> {
        Self::definition(&self.conn, &mut self.cache, name)
    }

    fn update_pool(
        &mut self,
        name: &str,
        version: u64,
        change: &PoolChange,
    ) -> Result<PoolDefinition, PoolError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let stored = Self::definition(&tx, &mut self.cache, name)?;
        let others = Self::neighbours(&tx, &stored)?;
        let next = space::change(&stored, version, change, &others, &mut || {
            Self::imported_in_space(&tx, &stored)
        })?;
        // The write lock is held since BEGIN IMMEDIATE: the version read
        // above is still the stored one.
        tx.execute(
            "UPDATE pools SET version = ?1, definition = ?2 WHERE name = ?3 AND version = ?4",
            params![
                next.version() as i64,
                next.to_json(),
                name,
                stored.version() as i64
            ],
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(next)
    }

    fn reserve(&mut self, req: &ReserveRequest<'_>) -> Result<Reservation, StoreError> {
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.fault == Some(FaultPoint::MidWrite);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let def = Self::definition(&tx, &mut self.cache, req.pool)?;
        if def.version() != req.version {
            return Err(StoreError::Refused(format!(
                "pool {:?} changed (version {} → {}): reopen it",
                req.pool,
                req.version,
                def.version()
            )));
        }
        let mut states = Self::states(&tx, req.pool)?;
        let grants = plan::plan(&def, &states, req.count);
        let mut leases = Vec::with_capacity(grants.len());
        let mut imported = Vec::with_capacity(grants.len());
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO leases (pool, region, epoch, start, stop, reserved_stop, holder, at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
            )?;
            let mut list = tx.prepare_cached(
                "SELECT serial, attributes FROM imported WHERE pool = ?1 AND region = ?2 AND position >= ?3 AND position < ?4
                 ORDER BY position",
            )?;
            for g in &grants {
                ins.execute(params![
                    req.pool,
                    g.region,
                    g.epoch,
                    i64_of(g.start)?,
                    i64_of(g.end)?,
                    req.holder,
                    req.now_ms
                ])?;
                let id = tx.last_insert_rowid();
                leases.push(LeaseRecord {
                    id,
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
                let is_imported = def.region(g.region).is_some_and(|r| r.capacity().is_none());
                let mut serials = Vec::new();
                if is_imported {
                    let rows = list.query_map(
                        params![req.pool, g.region, i64_of(g.start)?, i64_of(g.end)?],
                        |r| {
                            Ok(ImportedSerial {
                                serial: r.get(0)?,
                                attributes: r.get(1)?,
                            })
                        },
                    )?;
                    for row in rows {
                        serials.push(row?);
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
        }
        if fault_mid {
            // Lease rows written, counters not: dropping the transaction
            // rolls both back.
            self.fault = None;
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        plan::apply(&mut states, &grants);
        Self::write_states(&tx, req.pool, &states)?;
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
        let fault_mid = self.fault == Some(FaultPoint::MidWrite);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rec = Self::lease(&tx, pool, lease)?;
        let records = Self::records(&tx, lease)?;
        super::refuse_return(&rec, &records, from)?;
        if from == rec.end {
            return Ok(());
        }
        tx.execute(
            "UPDATE leases SET stop = ?1, returned_at_ms = ?2 WHERE id = ?3",
            params![i64_of(from)?, now_ms, lease],
        )?;
        if fault_mid {
            self.fault = None;
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        let mut states = Self::states(&tx, pool)?;
        match states.iter_mut().find(|s| s.region == rec.region) {
            Some(s) => plan::add_free(&mut s.free, (from, rec.end)),
            None => states.push(RegionState {
                region: rec.region,
                free: vec![(from, rec.end)],
                ..RegionState::default()
            }),
        }
        Self::write_states(&tx, pool, &states)?;
        tx.commit()?;
        self.fault(FaultPoint::AfterCommit)
    }

    fn region_states(&mut self, pool: &str) -> Result<Vec<RegionState>, StoreError> {
        Self::definition(&self.conn, &mut self.cache, pool)?;
        Self::states(&self.conn, pool)
    }

    fn leases(&mut self, pool: &str) -> Result<Vec<LeaseRecord>, StoreError> {
        let sql = format!("SELECT {LEASE_COLUMNS} FROM leases WHERE pool = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([pool], lease_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(finish_lease(row?)?);
        }
        Ok(out)
    }

    fn lease_at(
        &mut self,
        pool: &str,
        region: u32,
        index: u64,
    ) -> Result<Option<LeaseRecord>, StoreError> {
        // Live (non-empty) leases of a region never overlap, so the one with
        // the greatest start at or below `index` is the only candidate.
        let sql = format!(
            "SELECT {LEASE_COLUMNS} FROM leases WHERE pool = ?1 AND region = ?2 AND start <= ?3 AND stop > start
             ORDER BY start DESC LIMIT 1"
        );
        let row = self
            .conn
            .query_row(&sql, params![pool, region, i64_of(index)?], lease_from_row)
            .optional()?;
        match row {
            Some(row) => {
                let l = finish_lease(row)?;
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
        let fault_mid = self.fault == Some(FaultPoint::MidWrite);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let def = Self::definition(&tx, &mut self.cache, pool)?;
        let others = Self::neighbours(&tx, &def)?;
        space::check_import(&def, &others, serials).map_err(StoreError::Import)?;
        let mut states = Self::states(&tx, pool)?;
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
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO imported (pool, region, position, serial, attributes) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            // Unique per product code: any pool of the space (this batch's
            // earlier rows included, the transaction sees them).
            let mut holder = tx.prepare_cached(
                "SELECT i.pool FROM imported i JOIN pool_space s ON s.pool = i.pool
                 WHERE i.serial = ?1 AND s.space = ?2 LIMIT 1",
            )?;
            let space_key = def.scope().product().space_key();
            for (k, s) in serials.iter().enumerate() {
                let held: Option<String> = holder
                    .query_row(params![s.serial, space_key], |r| r.get(0))
                    .optional()?;
                if let Some(other) = held {
                    return Err(super::duplicate(k, &s.serial, &other));
                }
                match ins.execute(params![
                    pool,
                    region,
                    i64_of(position)?,
                    s.serial,
                    s.attributes
                ]) {
                    Ok(_) => {}
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        return Err(super::duplicate(k, &s.serial, pool));
                    }
                    Err(e) => return Err(e.into()),
                }
                position += 1;
                if fault_mid && k + 1 == serials.len() / 2 {
                    self.fault = None;
                    return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
                }
            }
        }
        states[at].imported = position;
        Self::write_states(&tx, pool, &states)?;
        tx.commit()?;
        self.fault(FaultPoint::AfterCommit)
    }

    fn find_imported(
        &mut self,
        pool: &str,
        serial: &str,
    ) -> Result<Option<(u32, u64, String)>, StoreError> {
        let row: Option<(u32, i64, String)> = self
            .conn
            .query_row(
                "SELECT region, position, attributes FROM imported WHERE pool = ?1 AND serial = ?2",
                params![pool, serial],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(r, p, a)| Ok((r, u64_of(p)?, a))).transpose()
    }

    fn transition(
        &mut self,
        pool: &str,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rec = Self::lease(&tx, pool, lease)?;
        let records = Self::records(&tx, lease)?;
        super::refuse_transition(&rec, &records, range, to)?;
        tx.execute(
            "INSERT INTO transitions (lease, start, stop, state, at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![lease, i64_of(range.0)?, i64_of(range.1)?, to.as_str(), now_ms],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn transitions(
        &mut self,
        pool: &str,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        Self::lease(&self.conn, pool, lease)?;
        Self::records(&self.conn, lease)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Alphabet, GuessPolicy, RegionSize, SerialFormat};

    fn def(name: &str) -> PoolDefinition {
        let f = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(6)
            .build()
            .unwrap();
        PoolDefinition::builder(name, "gtin:09521234543213".parse().unwrap(), f)
            .policy(GuessPolicy::NotRequired)
            .sequential_region(RegionSize::Exact(100))
            .build()
            .unwrap()
    }

    /// The durability the crate docs promise: the WAL is synced on every
    /// commit (`synchronous = FULL` is 2), on every connection.
    #[test]
    fn wal_with_synchronous_full() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("s.sqlite")).unwrap();
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
        // WAL is a property of the file: another connection sees it too.
        let raw = Connection::open(dir.path().join("s.sqlite")).unwrap();
        let mode: String = raw
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    /// A store written before product-code spaces were kept gets its pools
    /// filed on open, so new pools of the same GTIN are laid out after them.
    #[test]
    fn old_stores_are_filed_under_their_product_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let mut store = SqliteStore::open(&path).unwrap();
            store.create_pool(&def("old")).unwrap();
            // What an earlier version left: no filing.
            store.conn.execute("DELETE FROM pool_space", []).unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        let filed: String = store
            .conn
            .query_row("SELECT space FROM pool_space WHERE pool = 'old'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(filed, "gtin:09521234543213");
        let new = store.create_pool(&def("new")).unwrap();
        assert_eq!(new.regions()[0].ranks(), 100..200);
    }
}
