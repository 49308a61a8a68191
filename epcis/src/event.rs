//! The EPCIS 2.0 event model: five event types sharing their *when*, *where*
//! and *why* fields, each with its own *what*.

use crate::epc::{Epc, Uri};
use crate::ext::{Extension, QName};
use crate::time::{TimeZoneOffset, Timestamp};
use crate::vocab::{
    BizStep, BizTransactionType, Component, Disposition, ErrorReason, MeasurementType,
    SensorAlertType, SourceDestType,
};
use std::fmt;
use std::str::FromStr;

/// Why a value does not fit its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// Not `ADD`, `OBSERVE` or `DELETE`.
    #[error("`{0}` is not an action (ADD, OBSERVE, DELETE)")]
    Action(String),
    /// Not a decimal number.
    #[error("`{0}` is not a decimal number")]
    Decimal(String),
    /// Not a boolean.
    #[error("`{0}` is not a boolean (true, false, 1, 0)")]
    Boolean(String),
}

/// The `action` of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The objects are added (commissioned, aggregated, associated…).
    Add,
    /// The objects are observed.
    Observe,
    /// The objects are removed (decommissioned, disaggregated…).
    Delete,
}

impl Action {
    /// `ADD`, `OBSERVE` or `DELETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "ADD",
            Action::Observe => "OBSERVE",
            Action::Delete => "DELETE",
        }
    }
}

impl FromStr for Action {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ADD" => Ok(Action::Add),
            "OBSERVE" => Ok(Action::Observe),
            "DELETE" => Ok(Action::Delete),
            _ => Err(ValueError::Action(s.to_owned())),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A decimal number as written (`200`, `26.0`, `1.5E3`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Checks the `xsd:decimal`/JSON-number syntax and keeps the text.
    pub fn new(text: impl Into<String>) -> Result<Self, ValueError> {
        let text = text.into();
        if is_number(&text) {
            Ok(Decimal(text))
        } else {
            Err(ValueError::Decimal(text))
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a double.
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// `[+-]?digits[.digits][(e|E)[+-]digits]`, also `.5` and `5.`.
pub(crate) fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - f;
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return false;
        }
    }
    i == b.len()
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Decimal {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::new(s)
    }
}

/// Reads an `xsd:boolean`.
pub(crate) fn parse_bool(s: &str) -> Result<bool, ValueError> {
    match s {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ValueError::Boolean(s.to_owned())),
    }
}

/// A class-level quantity: how much of an EPC class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityElement {
    /// The class (`urn:epc:class:lgtin:…`, `urn:epc:idpat:sgtin:…`, a Digital Link).
    pub epc_class: Epc,
    /// The quantity; absent means "unknown quantity".
    pub quantity: Option<Decimal>,
    /// UN/ECE Rec 20 unit code; absent means a count of instances.
    pub uom: Option<String>,
}

/// A `readPoint` or `bizLocation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The location identifier (SGLN, Digital Link, `geo:` URI…).
    pub id: Uri,
    /// Extension fields inside the location.
    pub extensions: Vec<Extension>,
}

impl Location {
    /// A location without extensions.
    pub fn new(id: Uri) -> Self {
        Location {
            id,
            extensions: Vec::new(),
        }
    }
}

/// A business transaction reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BizTransaction {
    /// The type (`po`, `desadv`, …), optional.
    pub transaction_type: Option<BizTransactionType>,
    /// The transaction identifier.
    pub id: Uri,
}

/// A source or destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDest {
    /// Its type (`owning_party`, `possessing_party`, `location`, …).
    pub kind: SourceDestType,
    /// The party or location.
    pub id: Uri,
}

/// `persistentDisposition`: dispositions set and unset by the event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersistentDisposition {
    /// Dispositions that now apply.
    pub set: Vec<Disposition>,
    /// Dispositions that no longer apply.
    pub unset: Vec<Disposition>,
}

/// An error declaration: the event is declared erroneous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDeclaration {
    /// When the error was declared.
    pub declaration_time: Timestamp,
    /// Why (`did_not_occur`, `incorrect_data`, …).
    pub reason: Option<ErrorReason>,
    /// Events that correct this one.
    pub corrective_event_ids: Vec<Uri>,
    /// Extension fields.
    pub extensions: Vec<Extension>,
}

/// Metadata shared by the reports of a sensor element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SensorMetadata {
    /// When the measurement was taken.
    pub time: Option<Timestamp>,
    /// Start of the measurement interval.
    pub start_time: Option<Timestamp>,
    /// End of the measurement interval.
    pub end_time: Option<Timestamp>,
    /// The sensor device.
    pub device_id: Option<Uri>,
    /// Device metadata reference.
    pub device_metadata: Option<Uri>,
    /// Raw data reference.
    pub raw_data: Option<Uri>,
    /// Data processing method.
    pub data_processing_method: Option<Uri>,
    /// Business rules reference.
    pub biz_rules: Option<Uri>,
    /// Extension attributes/fields.
    pub extensions: Vec<Extension>,
}

/// One sensor report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SensorReport {
    /// Measurement type (`Temperature`, …); required by the JSON schema.
    pub measurement_type: Option<MeasurementType>,
    /// Alarm or error condition.
    pub exception: Option<SensorAlertType>,
    /// The sensor device.
    pub device_id: Option<Uri>,
    /// Device metadata reference.
    pub device_metadata: Option<Uri>,
    /// Raw data reference.
    pub raw_data: Option<Uri>,
    /// Data processing method.
    pub data_processing_method: Option<Uri>,
    /// Business rules reference.
    pub biz_rules: Option<Uri>,
    /// When this report was measured.
    pub time: Option<Timestamp>,
    /// Microorganism measured.
    pub microorganism: Option<Uri>,
    /// Chemical substance measured.
    pub chemical_substance: Option<Uri>,
    /// Coordinate reference system of a positional value.
    pub coordinate_reference_system: Option<Uri>,
    /// The value.
    pub value: Option<Decimal>,
    /// Component of a vector value (`x`, `latitude`, …).
    pub component: Option<Component>,
    /// A string value.
    pub string_value: Option<String>,
    /// A boolean value.
    pub boolean_value: Option<bool>,
    /// A hex-binary value.
    pub hex_binary_value: Option<String>,
    /// A URI value.
    pub uri_value: Option<Uri>,
    /// Minimum over the interval.
    pub min_value: Option<Decimal>,
    /// Maximum over the interval.
    pub max_value: Option<Decimal>,
    /// Mean over the interval.
    pub mean_value: Option<Decimal>,
    /// Standard deviation.
    pub s_dev: Option<Decimal>,
    /// Percentile rank.
    pub perc_rank: Option<Decimal>,
    /// Percentile value.
    pub perc_value: Option<Decimal>,
    /// Unit of measure.
    pub uom: Option<String>,
    /// Extension attributes/fields.
    pub extensions: Vec<Extension>,
}

/// A sensor element: optional metadata and one or more reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SensorElement {
    /// Metadata.
    pub metadata: Option<SensorMetadata>,
    /// The reports.
    pub reports: Vec<SensorReport>,
    /// Extension fields.
    pub extensions: Vec<Extension>,
}

/// Instance/lot master data (`ilmd`) of commissioned objects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ilmd(pub Vec<Extension>);

/// Fields common to all event types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCommon {
    /// When the event took place.
    pub event_time: Timestamp,
    /// The local offset at the place of the event.
    pub event_time_zone_offset: TimeZoneOffset,
    /// When the event was recorded by a repository.
    pub record_time: Option<Timestamp>,
    /// Event identifier (`ni:///sha-256;…`, `urn:uuid:…`).
    pub event_id: Option<Uri>,
    /// Certification references.
    pub certification_info: Vec<Uri>,
    /// Error declaration.
    pub error_declaration: Option<ErrorDeclaration>,
    /// Business step.
    pub biz_step: Option<BizStep>,
    /// Disposition.
    pub disposition: Option<Disposition>,
    /// Persistent disposition.
    pub persistent_disposition: Option<PersistentDisposition>,
    /// Read point.
    pub read_point: Option<Location>,
    /// Business location.
    pub biz_location: Option<Location>,
    /// Business transactions.
    pub biz_transactions: Vec<BizTransaction>,
    /// Sources.
    pub sources: Vec<SourceDest>,
    /// Destinations.
    pub destinations: Vec<SourceDest>,
    /// Sensor data.
    pub sensor_elements: Vec<SensorElement>,
    /// Event-level extension fields, in document order.
    pub extensions: Vec<Extension>,
}

impl EventCommon {
    /// Common fields with just the mandatory time and offset.
    pub fn new(event_time: Timestamp, event_time_zone_offset: TimeZoneOffset) -> Self {
        EventCommon {
            event_time,
            event_time_zone_offset,
            record_time: None,
            event_id: None,
            certification_info: Vec::new(),
            error_declaration: None,
            biz_step: None,
            disposition: None,
            persistent_disposition: None,
            read_point: None,
            biz_location: None,
            biz_transactions: Vec::new(),
            sources: Vec::new(),
            destinations: Vec::new(),
            sensor_elements: Vec::new(),
            extensions: Vec::new(),
        }
    }
}

/// What an `ObjectEvent` is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectEvent {
    /// ADD (commissioning), OBSERVE, DELETE (decommissioning).
    pub action: Action,
    /// Instance-level identifiers.
    pub epc_list: Vec<Epc>,
    /// Class-level quantities.
    pub quantity_list: Vec<QuantityElement>,
    /// Instance/lot master data (only with ADD).
    pub ilmd: Option<Ilmd>,
}

/// What an `AggregationEvent` is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregationEvent {
    /// ADD (packing), OBSERVE, DELETE (unpacking).
    pub action: Action,
    /// The container; required except for OBSERVE.
    pub parent_id: Option<Epc>,
    /// Contained instances.
    pub child_epcs: Vec<Epc>,
    /// Contained quantities.
    pub child_quantity_list: Vec<QuantityElement>,
}

/// What a `TransactionEvent` is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionEvent {
    /// ADD, OBSERVE, DELETE association with the business transactions.
    pub action: Action,
    /// Optional parent container.
    pub parent_id: Option<Epc>,
    /// Instances.
    pub epc_list: Vec<Epc>,
    /// Quantities.
    pub quantity_list: Vec<QuantityElement>,
}

/// What a `TransformationEvent` is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransformationEvent {
    /// Input instances.
    pub input_epc_list: Vec<Epc>,
    /// Input quantities.
    pub input_quantity_list: Vec<QuantityElement>,
    /// Output instances.
    pub output_epc_list: Vec<Epc>,
    /// Output quantities.
    pub output_quantity_list: Vec<QuantityElement>,
    /// Links transformations that span several events.
    pub transformation_id: Option<Uri>,
    /// Master data of the outputs.
    pub ilmd: Option<Ilmd>,
}

/// What an `AssociationEvent` is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationEvent {
    /// ADD, OBSERVE, DELETE.
    pub action: Action,
    /// The object others are associated with.
    pub parent_id: Epc,
    /// Associated instances.
    pub child_epcs: Vec<Epc>,
    /// Associated quantities.
    pub child_quantity_list: Vec<QuantityElement>,
}

/// The type-specific part of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventBody {
    /// `ObjectEvent`.
    Object(ObjectEvent),
    /// `AggregationEvent`.
    Aggregation(AggregationEvent),
    /// `TransactionEvent`.
    Transaction(TransactionEvent),
    /// `TransformationEvent`.
    Transformation(TransformationEvent),
    /// `AssociationEvent`.
    Association(AssociationEvent),
    /// An event of a type defined outside EPCIS (its fields are extensions).
    Extended(QName),
}

/// The type of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EventType {
    /// `ObjectEvent`.
    Object,
    /// `AggregationEvent`.
    Aggregation,
    /// `TransactionEvent`.
    Transaction,
    /// `TransformationEvent`.
    Transformation,
    /// `AssociationEvent`.
    Association,
    /// A custom event type.
    Extended,
}

impl EventType {
    /// The type name (`ObjectEvent`, …; `ExtendedEvent` for custom types).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Object => "ObjectEvent",
            EventType::Aggregation => "AggregationEvent",
            EventType::Transaction => "TransactionEvent",
            EventType::Transformation => "TransformationEvent",
            EventType::Association => "AssociationEvent",
            EventType::Extended => "ExtendedEvent",
        }
    }

    /// The standard type named `name`.
    pub fn from_name(name: &str) -> Option<EventType> {
        Some(match name {
            "ObjectEvent" => EventType::Object,
            "AggregationEvent" => EventType::Aggregation,
            "TransactionEvent" => EventType::Transaction,
            "TransformationEvent" => EventType::Transformation,
            "AssociationEvent" => EventType::Association,
            _ => return None,
        })
    }
}

/// An EPCIS event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When, where, why, and extensions.
    pub common: EventCommon,
    /// What, by event type.
    pub body: EventBody,
}

impl Event {
    /// The event type.
    pub fn event_type(&self) -> EventType {
        match self.body {
            EventBody::Object(_) => EventType::Object,
            EventBody::Aggregation(_) => EventType::Aggregation,
            EventBody::Transaction(_) => EventType::Transaction,
            EventBody::Transformation(_) => EventType::Transformation,
            EventBody::Association(_) => EventType::Association,
            EventBody::Extended(_) => EventType::Extended,
        }
    }

    /// The type name as written in documents (`ObjectEvent`, or the custom
    /// type's prefixed name).
    pub fn type_name(&self) -> String {
        match &self.body {
            EventBody::Extended(q) => q.prefixed(),
            _ => self.event_type().as_str().to_owned(),
        }
    }

    /// The action, for the types that have one.
    pub fn action(&self) -> Option<Action> {
        match &self.body {
            EventBody::Object(e) => Some(e.action),
            EventBody::Aggregation(e) => Some(e.action),
            EventBody::Transaction(e) => Some(e.action),
            EventBody::Association(e) => Some(e.action),
            EventBody::Transformation(_) | EventBody::Extended(_) => None,
        }
    }

    /// Every EPC the event names (parent, lists, children, inputs, outputs).
    pub fn epcs(&self) -> Vec<&Epc> {
        let mut out = Vec::new();
        match &self.body {
            EventBody::Object(e) => out.extend(&e.epc_list),
            EventBody::Aggregation(e) => {
                out.extend(&e.parent_id);
                out.extend(&e.child_epcs);
            }
            EventBody::Transaction(e) => {
                out.extend(&e.parent_id);
                out.extend(&e.epc_list);
            }
            EventBody::Transformation(e) => {
                out.extend(&e.input_epc_list);
                out.extend(&e.output_epc_list);
            }
            EventBody::Association(e) => {
                out.push(&e.parent_id);
                out.extend(&e.child_epcs);
            }
            EventBody::Extended(_) => {}
        }
        out
    }
}
