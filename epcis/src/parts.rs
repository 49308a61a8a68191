//! Event fields gathered in any order (JSON keys, XML elements inside
//! extension wrappers), then checked against the event type.

use crate::epc::{Epc, Uri};
use crate::error::Problem;
use crate::event::*;
use crate::ext::{Extension, QName};
use crate::time::{TimeZoneOffset, Timestamp};
use crate::vocab::{BizStep, Disposition};

#[derive(Default)]
pub(crate) struct EventParts {
    pub(crate) event_time: Option<Timestamp>,
    pub(crate) event_time_zone_offset: Option<TimeZoneOffset>,
    pub(crate) record_time: Option<Timestamp>,
    pub(crate) event_id: Option<Uri>,
    pub(crate) certification_info: Vec<Uri>,
    pub(crate) error_declaration: Option<ErrorDeclaration>,
    pub(crate) action: Option<Action>,
    pub(crate) parent_id: Option<Epc>,
    pub(crate) epc_list: Option<Vec<Epc>>,
    pub(crate) quantity_list: Option<Vec<QuantityElement>>,
    pub(crate) child_epcs: Option<Vec<Epc>>,
    pub(crate) child_quantity_list: Option<Vec<QuantityElement>>,
    pub(crate) input_epc_list: Option<Vec<Epc>>,
    pub(crate) input_quantity_list: Option<Vec<QuantityElement>>,
    pub(crate) output_epc_list: Option<Vec<Epc>>,
    pub(crate) output_quantity_list: Option<Vec<QuantityElement>>,
    pub(crate) transformation_id: Option<Uri>,
    pub(crate) ilmd: Option<Ilmd>,
    pub(crate) biz_step: Option<BizStep>,
    pub(crate) disposition: Option<Disposition>,
    pub(crate) persistent_disposition: Option<PersistentDisposition>,
    pub(crate) read_point: Option<Location>,
    pub(crate) biz_location: Option<Location>,
    pub(crate) biz_transactions: Option<Vec<BizTransaction>>,
    pub(crate) sources: Option<Vec<SourceDest>>,
    pub(crate) destinations: Option<Vec<SourceDest>>,
    pub(crate) sensor_elements: Option<Vec<SensorElement>>,
    pub(crate) extensions: Vec<Extension>,
    /// EPCIS 1.x `QuantityEvent`: `epcClass` and `quantity`.
    pub(crate) legacy_epc_class: Option<Epc>,
    pub(crate) legacy_quantity: Option<Decimal>,
}

fn reject<T>(field: &str, v: &Option<T>) -> Result<(), Problem> {
    if v.is_some() {
        return Err(Problem::UnexpectedField(field.to_owned()));
    }
    Ok(())
}

impl EventParts {
    /// Builds the event of type `type_name` (standard name, or a custom
    /// type's qualified name for `Extended`).
    pub(crate) fn finish(
        self,
        event_type: Option<EventType>,
        custom: Option<QName>,
    ) -> Result<Event, Problem> {
        let p = self;
        let event_time = p
            .event_time
            .ok_or_else(|| Problem::MissingField("eventTime".into()))?;
        let offset = p
            .event_time_zone_offset
            .ok_or_else(|| Problem::MissingField("eventTimeZoneOffset".into()))?;
        let common = EventCommon {
            event_time,
            event_time_zone_offset: offset,
            record_time: p.record_time,
            event_id: p.event_id,
            certification_info: p.certification_info,
            error_declaration: p.error_declaration,
            biz_step: p.biz_step,
            disposition: p.disposition,
            persistent_disposition: p.persistent_disposition,
            read_point: p.read_point,
            biz_location: p.biz_location,
            biz_transactions: p.biz_transactions.unwrap_or_default(),
            sources: p.sources.unwrap_or_default(),
            destinations: p.destinations.unwrap_or_default(),
            sensor_elements: p.sensor_elements.unwrap_or_default(),
            extensions: p.extensions,
        };
        let action = || {
            p.action
                .ok_or_else(|| Problem::MissingField("action".into()))
        };
        let body = match event_type {
            Some(EventType::Object) if p.legacy_epc_class.is_some() => {
                // EPCIS 1.0/1.1 QuantityEvent, read as the ObjectEvent with
                // action OBSERVE that GS1's 1.2 -> 2.0 mapping produces.
                let epc_class = p
                    .legacy_epc_class
                    .ok_or_else(|| Problem::MissingField("epcClass".into()))?;
                EventBody::Object(ObjectEvent {
                    action: Action::Observe,
                    epc_list: Vec::new(),
                    quantity_list: vec![QuantityElement {
                        epc_class,
                        quantity: p.legacy_quantity,
                        uom: None,
                    }],
                    ilmd: None,
                })
            }
            Some(EventType::Object) => {
                for (f, v) in [
                    ("parentID", p.parent_id.is_some()),
                    ("childEPCs", p.child_epcs.is_some()),
                    ("childQuantityList", p.child_quantity_list.is_some()),
                    ("inputEPCList", p.input_epc_list.is_some()),
                    ("inputQuantityList", p.input_quantity_list.is_some()),
                    ("outputEPCList", p.output_epc_list.is_some()),
                    ("outputQuantityList", p.output_quantity_list.is_some()),
                    ("transformationID", p.transformation_id.is_some()),
                ] {
                    if v {
                        return Err(Problem::UnexpectedField(f.into()));
                    }
                }
                EventBody::Object(ObjectEvent {
                    action: action()?,
                    epc_list: p.epc_list.unwrap_or_default(),
                    quantity_list: p.quantity_list.unwrap_or_default(),
                    ilmd: p.ilmd,
                })
            }
            Some(t @ (EventType::Aggregation | EventType::Association)) => {
                reject("epcList", &p.epc_list)?;
                reject("quantityList", &p.quantity_list)?;
                reject("ilmd", &p.ilmd)?;
                reject("inputEPCList", &p.input_epc_list)?;
                reject("inputQuantityList", &p.input_quantity_list)?;
                reject("outputEPCList", &p.output_epc_list)?;
                reject("outputQuantityList", &p.output_quantity_list)?;
                reject("transformationID", &p.transformation_id)?;
                let action = action()?;
                let child_epcs = p.child_epcs.unwrap_or_default();
                let child_quantity_list = p.child_quantity_list.unwrap_or_default();
                if t == EventType::Aggregation {
                    EventBody::Aggregation(AggregationEvent {
                        action,
                        parent_id: p.parent_id,
                        child_epcs,
                        child_quantity_list,
                    })
                } else {
                    let parent_id = p
                        .parent_id
                        .ok_or_else(|| Problem::MissingField("parentID".into()))?;
                    EventBody::Association(AssociationEvent {
                        action,
                        parent_id,
                        child_epcs,
                        child_quantity_list,
                    })
                }
            }
            Some(EventType::Transaction) => {
                reject("childEPCs", &p.child_epcs)?;
                reject("childQuantityList", &p.child_quantity_list)?;
                reject("ilmd", &p.ilmd)?;
                reject("inputEPCList", &p.input_epc_list)?;
                reject("inputQuantityList", &p.input_quantity_list)?;
                reject("outputEPCList", &p.output_epc_list)?;
                reject("outputQuantityList", &p.output_quantity_list)?;
                reject("transformationID", &p.transformation_id)?;
                EventBody::Transaction(TransactionEvent {
                    action: action()?,
                    parent_id: p.parent_id,
                    epc_list: p.epc_list.unwrap_or_default(),
                    quantity_list: p.quantity_list.unwrap_or_default(),
                })
            }
            Some(EventType::Transformation) => {
                reject("action", &p.action)?;
                reject("parentID", &p.parent_id)?;
                reject("epcList", &p.epc_list)?;
                reject("quantityList", &p.quantity_list)?;
                reject("childEPCs", &p.child_epcs)?;
                reject("childQuantityList", &p.child_quantity_list)?;
                EventBody::Transformation(TransformationEvent {
                    input_epc_list: p.input_epc_list.unwrap_or_default(),
                    input_quantity_list: p.input_quantity_list.unwrap_or_default(),
                    output_epc_list: p.output_epc_list.unwrap_or_default(),
                    output_quantity_list: p.output_quantity_list.unwrap_or_default(),
                    transformation_id: p.transformation_id,
                    ilmd: p.ilmd,
                })
            }
            Some(EventType::Extended) | None => {
                for (f, v) in [
                    ("action", p.action.is_some()),
                    ("parentID", p.parent_id.is_some()),
                    ("epcList", p.epc_list.is_some()),
                    ("quantityList", p.quantity_list.is_some()),
                    ("childEPCs", p.child_epcs.is_some()),
                    ("childQuantityList", p.child_quantity_list.is_some()),
                    ("inputEPCList", p.input_epc_list.is_some()),
                    ("inputQuantityList", p.input_quantity_list.is_some()),
                    ("outputEPCList", p.output_epc_list.is_some()),
                    ("outputQuantityList", p.output_quantity_list.is_some()),
                    ("transformationID", p.transformation_id.is_some()),
                    ("ilmd", p.ilmd.is_some()),
                ] {
                    if v {
                        return Err(Problem::UnexpectedField(f.into()));
                    }
                }
                EventBody::Extended(custom.ok_or_else(|| Problem::MissingField("type".into()))?)
            }
        };
        Ok(Event { common, body })
    }
}
