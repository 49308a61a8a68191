//! Builders for the common line events, filling the mandatory fields and
//! the CBV business step, disposition and action each step implies.
//!
//! ```
//! use chrono::{FixedOffset, TimeZone};
//! use serialkit_epcis::builder::LineEvent;
//! use serialkit_epcis::vocab::BizStep;
//!
//! let at = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2024, 3, 1, 9, 30, 0).unwrap();
//! let event = LineEvent::commissioning(at)
//!     .epc("urn:epc:id:sgtin:4012345.011111.1001").unwrap()
//!     .read_point("urn:epc:id:sgln:4012345.00001.0").unwrap()
//!     .build()
//!     .unwrap();
//! assert_eq!(event.common.biz_step, Some(BizStep::COMMISSIONING));
//! assert_eq!(event.common.event_time_zone_offset.as_str(), "+01:00");
//! ```

use crate::epc::{Epc, IntoEpc, IntoUri, Uri, UriError};
use crate::event::*;
use crate::ext::Extension;
use crate::time::{TimeZoneOffset, Timestamp};
use crate::vocab::{BizStep, BizTransactionType, Disposition, SourceDestType};
use chrono::{DateTime, FixedOffset};

/// Why a line event cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// An identifier is not a URI.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// A field the step requires is missing.
    #[error("{step}: {what} is required")]
    Missing {
        /// The business step.
        step: &'static str,
        /// What is missing.
        what: &'static str,
    },
    /// Instance/lot master data describes objects as they are
    /// commissioned: EPCIS allows `ilmd` with action ADD only, and of the
    /// line events only commissioning has it.
    #[error("{step}: ILMD is only for commissioning (an ObjectEvent with action ADD)")]
    IlmdNotAllowed {
        /// The business step.
        step: &'static str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Commissioning,
    Packing,
    Unpacking,
    Shipping,
    Receiving,
    Decommissioning,
    Destroying,
}

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::Commissioning => "commissioning",
            Step::Packing => "packing",
            Step::Unpacking => "unpacking",
            Step::Shipping => "shipping",
            Step::Receiving => "receiving",
            Step::Decommissioning => "decommissioning",
            Step::Destroying => "destroying",
        }
    }
}

/// A line event under construction.
#[derive(Debug, Clone)]
pub struct LineEvent {
    step: Step,
    at: DateTime<FixedOffset>,
    epcs: Vec<Epc>,
    quantities: Vec<QuantityElement>,
    parent: Option<Epc>,
    read_point: Option<Uri>,
    biz_location: Option<Uri>,
    transactions: Vec<BizTransaction>,
    sources: Vec<SourceDest>,
    destinations: Vec<SourceDest>,
    ilmd: Vec<Extension>,
    event_id: Option<Uri>,
}

impl LineEvent {
    fn new(step: Step, at: DateTime<FixedOffset>) -> Self {
        LineEvent {
            step,
            at,
            epcs: Vec::new(),
            quantities: Vec::new(),
            parent: None,
            read_point: None,
            biz_location: None,
            transactions: Vec::new(),
            sources: Vec::new(),
            destinations: Vec::new(),
            ilmd: Vec::new(),
            event_id: None,
        }
    }

    /// Commissioning: `ObjectEvent`, action ADD, disposition `active`.
    pub fn commissioning(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Commissioning, at)
    }

    /// Packing into a parent: `AggregationEvent`, action ADD, disposition `in_progress`.
    pub fn packing(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Packing, at)
    }

    /// Unpacking a parent: `AggregationEvent`, action DELETE, disposition `in_progress`.
    pub fn unpacking(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Unpacking, at)
    }

    /// Shipping: `ObjectEvent`, action OBSERVE, disposition `in_transit`.
    pub fn shipping(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Shipping, at)
    }

    /// Receiving: `ObjectEvent`, action OBSERVE, disposition `in_progress`.
    pub fn receiving(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Receiving, at)
    }

    /// Decommissioning: `ObjectEvent`, action DELETE, disposition `inactive`.
    pub fn decommissioning(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Decommissioning, at)
    }

    /// Destroying: `ObjectEvent`, action DELETE, disposition `destroyed`.
    pub fn destroying(at: DateTime<FixedOffset>) -> Self {
        Self::new(Step::Destroying, at)
    }

    /// Adds an EPC (children for packing): a URN or Digital Link as text,
    /// or a `serialkit-gs1` identifier (an SGTIN [`serialkit_gs1::epc::Epc`],
    /// an [`serialkit_gs1::Sscc`], …).
    pub fn epc(mut self, epc: impl IntoEpc) -> Result<Self, BuildError> {
        self.epcs.push(epc.into_epc()?);
        Ok(self)
    }

    /// Adds EPCs.
    pub fn epcs<E: IntoEpc>(
        mut self,
        epcs: impl IntoIterator<Item = E>,
    ) -> Result<Self, BuildError> {
        for e in epcs {
            self.epcs.push(e.into_epc()?);
        }
        Ok(self)
    }

    /// Adds a class-level quantity (the class as text, an
    /// [`serialkit_gs1::epc::Lgtin`], a [`serialkit_gs1::Gtin`], …).
    pub fn quantity(
        mut self,
        epc_class: impl IntoEpc,
        quantity: Decimal,
        uom: Option<&str>,
    ) -> Result<Self, BuildError> {
        self.quantities.push(QuantityElement {
            epc_class: epc_class.into_epc()?,
            quantity: Some(quantity),
            uom: uom.map(str::to_owned),
        });
        Ok(self)
    }

    /// The parent container (packing, unpacking).
    pub fn parent(mut self, parent: impl IntoEpc) -> Result<Self, BuildError> {
        self.parent = Some(parent.into_epc()?);
        Ok(self)
    }

    /// The read point (text, an SGLN [`serialkit_gs1::epc::Epc`] or a
    /// [`serialkit_gs1::Gln`]).
    pub fn read_point(mut self, id: impl IntoUri) -> Result<Self, BuildError> {
        self.read_point = Some(id.into_uri()?);
        Ok(self)
    }

    /// The business location.
    pub fn biz_location(mut self, id: impl IntoUri) -> Result<Self, BuildError> {
        self.biz_location = Some(id.into_uri()?);
        Ok(self)
    }

    /// A business transaction (`po`, `desadv`, `inv`, …).
    pub fn biz_transaction(
        mut self,
        kind: BizTransactionType,
        id: impl IntoUri,
    ) -> Result<Self, BuildError> {
        self.transactions.push(BizTransaction {
            transaction_type: Some(kind),
            id: id.into_uri()?,
        });
        Ok(self)
    }

    /// A source (e.g. the shipping party for a transfer of custody).
    pub fn source(mut self, kind: SourceDestType, id: impl IntoUri) -> Result<Self, BuildError> {
        self.sources.push(SourceDest {
            kind,
            id: id.into_uri()?,
        });
        Ok(self)
    }

    /// A destination.
    pub fn destination(
        mut self,
        kind: SourceDestType,
        id: impl IntoUri,
    ) -> Result<Self, BuildError> {
        self.destinations.push(SourceDest {
            kind,
            id: id.into_uri()?,
        });
        Ok(self)
    }

    /// An ILMD field, e.g. `cbvmda:lotNumber`. Only commissioning takes
    /// ILMD: [`LineEvent::build`] fails for the other steps.
    pub fn ilmd(mut self, field: Extension) -> Self {
        self.ilmd.push(field);
        self
    }

    /// An event identifier.
    pub fn event_id(mut self, id: impl IntoUri) -> Result<Self, BuildError> {
        self.event_id = Some(id.into_uri()?);
        Ok(self)
    }

    /// Checks the step's mandatory content and builds the event.
    pub fn build(self) -> Result<Event, BuildError> {
        let step = self.step.name();
        let missing = |what| BuildError::Missing { step, what };
        if self.epcs.is_empty() && self.quantities.is_empty() {
            return Err(missing("at least one EPC or quantity"));
        }
        if self.read_point.is_none() {
            return Err(missing("a read point"));
        }
        if !self.ilmd.is_empty() && self.step != Step::Commissioning {
            return Err(BuildError::IlmdNotAllowed { step });
        }
        let (biz_step, disposition) = match self.step {
            Step::Commissioning => (BizStep::COMMISSIONING, Disposition::ACTIVE),
            Step::Packing => (BizStep::PACKING, Disposition::IN_PROGRESS),
            Step::Unpacking => (BizStep::UNPACKING, Disposition::IN_PROGRESS),
            Step::Shipping => (BizStep::SHIPPING, Disposition::IN_TRANSIT),
            Step::Receiving => (BizStep::RECEIVING, Disposition::IN_PROGRESS),
            Step::Decommissioning => (BizStep::DECOMMISSIONING, Disposition::INACTIVE),
            Step::Destroying => (BizStep::DESTROYING, Disposition::DESTROYED),
        };
        let mut common = EventCommon::new(
            Timestamp::from_datetime(self.at),
            TimeZoneOffset::from_fixed(*self.at.offset()),
        );
        common.event_id = self.event_id;
        common.biz_step = Some(biz_step);
        common.disposition = Some(disposition);
        common.read_point = self.read_point.map(Location::new);
        common.biz_location = self.biz_location.map(Location::new);
        common.biz_transactions = self.transactions;
        common.sources = self.sources;
        common.destinations = self.destinations;
        let body = match self.step {
            Step::Packing | Step::Unpacking => {
                let parent = self.parent.ok_or_else(|| missing("a parent"))?;
                EventBody::Aggregation(AggregationEvent {
                    action: if self.step == Step::Packing {
                        Action::Add
                    } else {
                        Action::Delete
                    },
                    parent_id: Some(parent),
                    child_epcs: self.epcs,
                    child_quantity_list: self.quantities,
                })
            }
            step => {
                let action = match step {
                    Step::Commissioning => Action::Add,
                    Step::Shipping | Step::Receiving => Action::Observe,
                    _ => Action::Delete,
                };
                // Checked above: only commissioning has ILMD.
                let ilmd = (!self.ilmd.is_empty()).then_some(Ilmd(self.ilmd));
                EventBody::Object(ObjectEvent {
                    action,
                    epc_list: self.epcs,
                    quantity_list: self.quantities,
                    ilmd,
                })
            }
        };
        Ok(Event { common, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ext::QName;
    use chrono::TimeZone;

    fn at() -> DateTime<FixedOffset> {
        FixedOffset::west_opt(5 * 3600)
            .unwrap()
            .with_ymd_and_hms(2023, 3, 27, 6, 45, 16)
            .unwrap()
    }

    #[test]
    fn each_step_fills_its_fields() {
        let rp = "urn:epc:id:sgln:030001.111111.0";
        let lot = Extension::text(
            QName::new("urn:epcglobal:cbv:mda", "cbvmda", "lotNumber"),
            "A123",
        );
        let c = LineEvent::commissioning(at())
            .epc("urn:epc:id:sgtin:030001.0012345.11")
            .unwrap()
            .read_point(rp)
            .unwrap()
            .ilmd(lot)
            .build()
            .unwrap();
        assert_eq!(c.action(), Some(Action::Add));
        assert_eq!(
            c.common.event_time.as_str(),
            "2023-03-27T06:45:16.000-05:00"
        );
        assert!(matches!(&c.body, EventBody::Object(o) if o.ilmd.is_some()));
        let p = LineEvent::packing(at())
            .parent("urn:epc:id:sscc:030001.41234567890")
            .unwrap()
            .epc("urn:epc:id:sgtin:030001.1012345.110")
            .unwrap()
            .read_point(rp)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            (p.event_type(), p.action()),
            (EventType::Aggregation, Some(Action::Add))
        );
        let s = LineEvent::shipping(at())
            .epc("urn:epc:id:sscc:030001.41234567890")
            .unwrap()
            .read_point(rp)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(s.common.disposition, Some(Disposition::IN_TRANSIT));
        let d = LineEvent::destroying(at())
            .epc("urn:epc:id:sgtin:030001.0012345.11")
            .unwrap()
            .read_point(rp)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            (d.action(), d.common.biz_step.clone()),
            (Some(Action::Delete), Some(BizStep::DESTROYING))
        );
        assert!(
            LineEvent::packing(at())
                .epc("urn:epc:id:sgtin:030001.1012345.110")
                .unwrap()
                .read_point(rp)
                .unwrap()
                .build()
                .is_err()
        );
        assert!(
            LineEvent::receiving(at())
                .read_point(rp)
                .unwrap()
                .build()
                .is_err()
        );
        assert!(LineEvent::receiving(at()).epc("not a uri").is_err());
    }

    /// One event of each step, with what the step needs.
    fn every_step() -> Vec<(&'static str, LineEvent)> {
        let rp = "urn:epc:id:sgln:030001.111111.0";
        let item = "urn:epc:id:sgtin:030001.0012345.11";
        let case = "urn:epc:id:sscc:030001.41234567890";
        let steps = [
            ("commissioning", LineEvent::commissioning(at())),
            ("packing", LineEvent::packing(at())),
            ("unpacking", LineEvent::unpacking(at())),
            ("shipping", LineEvent::shipping(at())),
            ("receiving", LineEvent::receiving(at())),
            ("decommissioning", LineEvent::decommissioning(at())),
            ("destroying", LineEvent::destroying(at())),
        ];
        steps
            .into_iter()
            .map(|(name, b)| {
                let b = b.epc(item).unwrap().read_point(rp).unwrap();
                let b = if matches!(name, "packing" | "unpacking") {
                    b.parent(case).unwrap()
                } else {
                    b
                };
                (name, b)
            })
            .collect()
    }

    /// Every step's event validates, alone and in a document written in
    /// each format.
    #[test]
    fn every_step_validates() {
        use crate::document::{Document, DocumentHead, DocumentKind};
        use crate::write::{Format, WriteOptions};
        let mut events = Vec::new();
        for (name, b) in every_step() {
            let e = b.build().unwrap();
            assert_eq!(
                e.common.biz_step.as_ref().map(|b| b.as_str()),
                Some(name),
                "{name}"
            );
            let mut out = Vec::new();
            crate::validate::check_event(&e, &crate::Location::Unknown, true, &mut out);
            assert!(out.is_empty(), "{name}: {out:?}");
            events.push(e);
        }
        let mut head = DocumentHead::new(DocumentKind::Epcis);
        head.schema_version = Some("2.0".into());
        head.creation_date = Timestamp::parse("2024-01-01T00:00:00Z").ok();
        head.contexts = vec![crate::document::ContextEntry::Url(
            crate::document::EPCIS_CONTEXT.into(),
        )];
        let doc = Document { head, events };
        for format in [Format::JsonLd, Format::Xml, Format::Xml12] {
            let bytes =
                crate::stream::write_document(&doc, format, WriteOptions::default()).unwrap();
            let report = crate::validate::validate(&bytes[..]);
            assert!(report.is_valid(), "{format:?}: {:?}", report.diagnostics);
            assert_eq!(report.events, 7);
        }
    }

    /// ILMD belongs to commissioning; elsewhere the builder refuses it
    /// instead of dropping it.
    #[test]
    fn ilmd_is_only_for_commissioning() {
        let lot = || {
            Extension::text(
                QName::new("urn:epcglobal:cbv:mda", "cbvmda", "lotNumber"),
                "A123",
            )
        };
        for (name, b) in every_step() {
            let r = b.ilmd(lot()).build();
            if name == "commissioning" {
                let e = r.unwrap();
                assert!(
                    matches!(&e.body, EventBody::Object(o) if o.ilmd.as_ref().is_some_and(|i| i.0.len() == 1))
                );
            } else {
                assert_eq!(r.unwrap_err(), BuildError::IlmdNotAllowed { step: name });
            }
        }
    }

    /// `serialkit-gs1` identifiers go in as they are.
    #[test]
    fn builders_take_gs1_identifiers() {
        use serialkit_gs1::epc::{Epc as Sgtin, Lgtin};
        let sgtin: Sgtin = "urn:epc:id:sgtin:030001.0012345.11".parse().unwrap();
        let sgln: Sgtin = "urn:epc:id:sgln:030001.111111.0".parse().unwrap();
        let sscc: serialkit_gs1::Sscc = "403000112345678901".parse().unwrap();
        let gln: serialkit_gs1::Gln = "0300011111116".parse().unwrap();
        let class: Lgtin = "urn:epc:class:lgtin:030001.0012345.L1".parse().unwrap();
        let e = LineEvent::packing(at())
            .parent(sscc)
            .unwrap()
            .epc(sgtin)
            .unwrap()
            .epcs([&sgtin])
            .unwrap()
            .quantity(class, Decimal::new("5").unwrap(), None)
            .unwrap()
            .read_point(sgln)
            .unwrap()
            .biz_location(gln)
            .unwrap()
            .build()
            .unwrap();
        let EventBody::Aggregation(a) = &e.body else {
            panic!("packing is an AggregationEvent")
        };
        assert_eq!(
            a.parent_id.as_ref().unwrap().as_str(),
            "https://id.gs1.org/00/403000112345678901"
        );
        assert_eq!(
            a.child_epcs[0].as_str(),
            "urn:epc:id:sgtin:030001.0012345.11"
        );
        assert_eq!(a.child_epcs[0].to_gs1(), Some(sgtin));
        assert_eq!(
            a.child_quantity_list[0].epc_class.as_str(),
            "urn:epc:class:lgtin:030001.0012345.L1"
        );
        assert_eq!(
            e.common.read_point.as_ref().unwrap().id.as_str(),
            "urn:epc:id:sgln:030001.111111.0"
        );
        assert_eq!(
            e.common.biz_location.as_ref().unwrap().id.as_str(),
            "https://id.gs1.org/414/0300011111116"
        );
    }
}
