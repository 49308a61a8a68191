//! [`MemoryStore`]: a lease store in memory, for tests and examples.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::fault::{ArmFault, FaultPoint};
use super::{
    ImportedSerial, LeaseId, LeaseRecord, LeaseStore, RegionState, Reservation, ReserveRequest,
    UnusedTail, space,
};
use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{PoolError, StoreError};
use crate::lifecycle::SerialState;
use crate::plan;

#[derive(Debug, Clone, Default)]
struct PoolState {
    def: Option<PoolDefinition>,
    regions: Vec<RegionState>,
    leases: Vec<LeaseRecord>,
    imported: HashMap<u32, Vec<ImportedSerial>>,
    imported_at: HashMap<String, (u32, u64)>,
    transitions: HashMap<LeaseId, Vec<(u64, u64, SerialState)>>,
}

#[derive(Debug, Default)]
struct State {
    pools: HashMap<String, PoolState>,
    next_lease: LeaseId,
}

/// A lease store in memory. Clones share the same state, so threads can each
/// hold one. Every write works on a copy of the pool's state and swaps it in
/// at the end, so a failure half-way leaves nothing behind.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    state: Arc<Mutex<State>>,
    fault: Option<FaultPoint>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, State>, StoreError> {
        self.state
            .lock()
            .map_err(|_| StoreError::Backend("memory store poisoned by a panic".into()))
    }

    fn fault(&mut self, at: FaultPoint) -> Result<(), StoreError> {
        if self.take_fault(at) {
            return Err(StoreError::Injected(at.name()));
        }
        Ok(())
    }
}

impl MemoryStore {
    fn take_fault(&mut self, at: FaultPoint) -> bool {
        let armed = self.fault == Some(at);
        if armed {
            self.fault = None;
        }
        armed
    }
}

impl ArmFault for MemoryStore {
    fn arm_fault(&mut self, point: FaultPoint) {
        self.fault = Some(point);
    }
}

/// The definitions of the other pools of `def`'s family.
fn neighbours(state: &State, def: &PoolDefinition) -> Vec<PoolDefinition> {
    let family = def.scope().product().family();
    state
        .pools
        .values()
        .filter_map(|p| p.def.as_ref())
        .filter(|d| d.name() != def.name() && d.scope().product().family() == family)
        .cloned()
        .collect()
}

/// `(pool, serial)` of every serial imported for `def`'s product code.
fn imported_in_space(state: &State, def: &PoolDefinition) -> Vec<(String, String)> {
    let space = def.scope().product().space_key();
    state
        .pools
        .iter()
        .filter(|(_, p)| {
            p.def
                .as_ref()
                .is_some_and(|d| d.scope().product().space_key() == space)
        })
        .flat_map(|(name, p)| p.imported_at.keys().map(|s| (name.clone(), s.clone())))
        .collect()
}

fn pool<'a>(state: &'a State, name: &str) -> Result<&'a PoolState, StoreError> {
    state
        .pools
        .get(name)
        .filter(|p| p.def.is_some())
        .ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))
}

impl LeaseStore for MemoryStore {
    fn create_pool(&mut self, def: &PoolDefinition) -> Result<PoolDefinition, PoolError> {
        let mut st = self.lock()?;
        if st.pools.contains_key(def.name()) {
            return Err(StoreError::AlreadyExists(format!("pool {:?}", def.name())).into());
        }
        let others = neighbours(&st, def);
        let placed = space::place(def, &others, &mut || Ok(imported_in_space(&st, def)))?;
        st.pools.insert(
            def.name().to_owned(),
            PoolState {
                def: Some(placed.clone()),
                ..PoolState::default()
            },
        );
        Ok(placed)
    }

    fn load_pool(&mut self, name: &str) -> Result<PoolDefinition, StoreError> {
        let st = self.lock()?;
        pool(&st, name)?
            .def
            .clone()
            .ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))
    }

    fn update_pool(
        &mut self,
        name: &str,
        version: u64,
        change: &PoolChange,
    ) -> Result<PoolDefinition, PoolError> {
        let mut st = self.lock()?;
        let stored = pool(&st, name)?
            .def
            .clone()
            .ok_or_else(|| StoreError::NotFound(format!("pool {name:?}")))?;
        let others = neighbours(&st, &stored);
        let next = space::change(&stored, version, change, &others, &mut || {
            Ok(imported_in_space(&st, &stored))
        })?;
        if let Some(p) = st.pools.get_mut(name) {
            p.def = Some(next.clone());
        }
        Ok(next)
    }

    fn reserve(&mut self, req: &ReserveRequest<'_>) -> Result<Reservation, StoreError> {
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut st = self.lock()?;
        let mut p = pool(&st, req.pool)?.clone();
        let def = p
            .def
            .clone()
            .ok_or_else(|| StoreError::NotFound(req.pool.into()))?;
        if def.version() != req.version {
            return Err(StoreError::Refused(format!(
                "pool {:?} changed (version {} → {}): reopen it",
                req.pool,
                req.version,
                def.version()
            )));
        }
        let grants = plan::plan(&def, &p.regions, req.count);
        let mut leases = Vec::with_capacity(grants.len());
        let mut imported = Vec::with_capacity(grants.len());
        let mut next_id = st.next_lease;
        for g in &grants {
            next_id += 1;
            let lease = LeaseRecord {
                id: next_id,
                pool: req.pool.to_owned(),
                region: g.region,
                epoch: g.epoch,
                start: g.start,
                end: g.end,
                reserved_end: g.end,
                holder: req.holder.to_owned(),
                at_ms: req.now_ms,
                returned_at_ms: None,
            };
            p.leases.push(lease.clone());
            leases.push(lease);
            imported.push(match p.imported.get(&g.region) {
                Some(list) => list[g.start as usize..g.end as usize].to_vec(),
                None => Vec::new(),
            });
        }
        if fault_mid {
            // Leases written to the copy, counters not yet: drop the copy.
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        plan::apply(&mut p.regions, &grants);
        let remaining = plan::remaining(&def, &p.regions);
        st.next_lease = next_id;
        st.pools.insert(req.pool.to_owned(), p);
        drop(st);
        self.fault(FaultPoint::AfterCommit)?;
        Ok(Reservation {
            leases,
            imported,
            remaining,
        })
    }

    fn return_unused(&mut self, tail: UnusedTail, now_ms: i64) -> Result<(), StoreError> {
        let (pool_name, lease, from) = (tail.pool(), tail.lease(), tail.from());
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut st = self.lock()?;
        let mut p = pool(&st, pool_name)?.clone();
        let idx = p
            .leases
            .iter()
            .position(|l| l.id == lease)
            .ok_or_else(|| StoreError::NotFound(format!("lease {lease}")))?;
        let rec = p.leases[idx].clone();
        let records = p.transitions.get(&lease).cloned().unwrap_or_default();
        super::refuse_return(&rec, &records, from)?;
        if from == rec.end {
            return Ok(());
        }
        p.leases[idx].end = from;
        p.leases[idx].returned_at_ms = Some(now_ms);
        if fault_mid {
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        let region = match p.regions.iter().position(|s| s.region == rec.region) {
            Some(i) => i,
            None => {
                p.regions.push(RegionState {
                    region: rec.region,
                    ..RegionState::default()
                });
                p.regions.len() - 1
            }
        };
        plan::add_free(&mut p.regions[region].free, (from, rec.end));
        st.pools.insert(pool_name.to_owned(), p);
        drop(st);
        self.fault(FaultPoint::AfterCommit)
    }

    fn region_states(&mut self, pool_name: &str) -> Result<Vec<RegionState>, StoreError> {
        let st = self.lock()?;
        Ok(pool(&st, pool_name)?.regions.clone())
    }

    fn leases(&mut self, pool_name: &str) -> Result<Vec<LeaseRecord>, StoreError> {
        let st = self.lock()?;
        Ok(pool(&st, pool_name)?.leases.clone())
    }

    fn lease_at(
        &mut self,
        pool_name: &str,
        region: u32,
        index: u64,
    ) -> Result<Option<LeaseRecord>, StoreError> {
        let st = self.lock()?;
        Ok(pool(&st, pool_name)?
            .leases
            .iter()
            .find(|l| l.region == region && l.start <= index && index < l.end)
            .cloned())
    }

    fn import(
        &mut self,
        pool_name: &str,
        region: u32,
        serials: &[ImportedSerial],
    ) -> Result<(), StoreError> {
        self.fault(FaultPoint::BeforeWrite)?;
        let fault_mid = self.take_fault(FaultPoint::MidWrite);
        let mut st = self.lock()?;
        let mut p = pool(&st, pool_name)?.clone();
        let def = p
            .def
            .clone()
            .ok_or_else(|| StoreError::NotFound(format!("pool {pool_name:?}")))?;
        let others = neighbours(&st, &def);
        space::check_import(&def, &others, serials).map_err(StoreError::Import)?;
        let space_key = def.scope().product().space_key();
        let holder = |serial: &str| {
            others
                .iter()
                .filter(|o| o.scope().product().space_key() == space_key)
                .find(|o| {
                    st.pools
                        .get(o.name())
                        .is_some_and(|q| q.imported_at.contains_key(serial))
                })
                .map(|o| o.name().to_owned())
        };
        let list = p.imported.entry(region).or_default();
        for (k, s) in serials.iter().enumerate() {
            if p.imported_at.contains_key(&s.serial) {
                return Err(super::duplicate(k, &s.serial, pool_name));
            }
            if let Some(other) = holder(&s.serial) {
                return Err(super::duplicate(k, &s.serial, &other));
            }
            p.imported_at
                .insert(s.serial.clone(), (region, list.len() as u64));
            list.push(s.clone());
        }
        let count = list.len() as u64;
        if fault_mid {
            return Err(StoreError::Injected(FaultPoint::MidWrite.name()));
        }
        match p.regions.iter_mut().find(|s| s.region == region) {
            Some(s) => s.imported = count,
            None => p.regions.push(RegionState {
                region,
                imported: count,
                ..RegionState::default()
            }),
        }
        st.pools.insert(pool_name.to_owned(), p);
        drop(st);
        self.fault(FaultPoint::AfterCommit)
    }

    fn find_imported(
        &mut self,
        pool_name: &str,
        serial: &str,
    ) -> Result<Option<(u32, u64, String)>, StoreError> {
        let st = self.lock()?;
        let p = pool(&st, pool_name)?;
        Ok(p.imported_at.get(serial).and_then(|&(region, pos)| {
            let attrs = p
                .imported
                .get(&region)?
                .get(pos as usize)?
                .attributes
                .clone();
            Some((region, pos, attrs))
        }))
    }

    fn transition(
        &mut self,
        pool_name: &str,
        lease: LeaseId,
        range: (u64, u64),
        to: SerialState,
        _now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut st = self.lock()?;
        let mut p = pool(&st, pool_name)?.clone();
        let rec = p
            .leases
            .iter()
            .find(|l| l.id == lease)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(format!("lease {lease}")))?;
        let records = p.transitions.entry(lease).or_default();
        super::refuse_transition(&rec, records, range, to)?;
        records.push((range.0, range.1, to));
        st.pools.insert(pool_name.to_owned(), p);
        Ok(())
    }

    fn transitions(
        &mut self,
        pool_name: &str,
        lease: LeaseId,
    ) -> Result<Vec<(u64, u64, SerialState)>, StoreError> {
        let st = self.lock()?;
        Ok(pool(&st, pool_name)?
            .transitions
            .get(&lease)
            .cloned()
            .unwrap_or_default())
    }
}
