//! Structural and vocabulary validation, natively: the rules of the EPCIS
//! 2.0 XSDs and JSON Schema (required fields, value types, cardinalities,
//! enumerations, element order, action values per event type, quantity and
//! UOM forms, sensor report rules) and of the CBV (closed CBV vocabularies).
//!
//! Every finding carries its location: line and column in XML, a JSON
//! Pointer (and line/column) in JSON. Validation goes on after an event
//! that cannot be read, so a document's problems are all reported (up to
//! [`ValidateOptions::max_errors`]). In XML, the XSD content models are
//! checked for EPCIS 1.2 (its `extension`/`baseExtension` wrappers) and 2.0
//! (whose wrappers hold only elements of other namespaces), element order
//! included; [`ValidateOptions::lenient_order`] makes order findings
//! warnings.
//!
//! ```
//! use serialkit_epcis::validate::validate;
//! use serialkit_epcis::Location;
//! let doc = br#"{"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
//!   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
//!   "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z",
//!     "eventTimeZoneOffset": "+00:00", "action": "OBSERVE", "epcList": [],
//!     "bizStep": "painting"}]}}"#;
//! let report = validate(&doc[..]);
//! assert!(!report.is_valid());
//! let Location::Json { pointer, .. } = &report.diagnostics[0].location else { panic!() };
//! assert_eq!(pointer, "/epcisBody/eventList/0/bizStep");
//! ```

use crate::document::*;
use crate::error::{Diagnostic, Location, Problem};
use crate::event::*;
use crate::ext::Extension;
use crate::stream::{EventReader, InputFormat};
use std::io::Read;

/// How to validate.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// Report XML elements out of their XSD sequence order as warnings
    /// instead of errors. The XSDs define every event as an `xsd:sequence`,
    /// so order is a rule by default; some producers (and some documents of
    /// the OpenEPCIS test corpus labelled valid) shuffle the fields.
    pub lenient_order: bool,
    /// Stop after this many errors (a final diagnostic says so).
    pub max_errors: usize,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            lenient_order: false,
            max_errors: 1000,
        }
    }
}

impl ValidateOptions {
    /// Sets [`ValidateOptions::lenient_order`].
    pub fn lenient_order(mut self, on: bool) -> Self {
        self.lenient_order = on;
        self
    }

    /// Sets [`ValidateOptions::max_errors`].
    pub fn max_errors(mut self, n: usize) -> Self {
        self.max_errors = n;
        self
    }
}

/// The outcome of validating one input.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Errors, in document order. Empty when valid.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings that do not make the input invalid under the options used
    /// (element order under [`ValidateOptions::lenient_order`]).
    pub warnings: Vec<Diagnostic>,
    /// Events met, those that could not be read included.
    pub events: usize,
}

impl Report {
    /// Whether no error was found.
    pub fn is_valid(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// Collects findings under the options: warnings apart, errors bounded.
struct Sink<'o> {
    report: Report,
    options: &'o ValidateOptions,
    full: bool,
}

impl Sink<'_> {
    fn push(&mut self, d: Diagnostic) {
        if self.options.lenient_order && matches!(d.problem, Problem::Order { .. }) {
            self.report.warnings.push(d);
        } else if !self.full {
            if self.report.diagnostics.len() == self.options.max_errors {
                self.full = true;
                self.report.diagnostics.push(Diagnostic {
                    location: d.location,
                    problem: Problem::Rule(format!(
                        "stopped after {} errors; the rest of the input was not checked",
                        self.options.max_errors
                    )),
                });
            } else {
                self.report.diagnostics.push(d);
            }
        }
    }

    fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }
}

/// Reads and validates an EPCIS input (JSON-LD or XML, 2.0 or 1.2),
/// streaming: memory stays bounded by the largest event. Every problem is
/// reported, each with its location: an event that cannot be read is
/// reported and reading goes on with the next one.
pub fn validate(input: impl Read) -> Report {
    validate_with(input, &ValidateOptions::default())
}

/// [`validate`] with options.
pub fn validate_with(input: impl Read, options: &ValidateOptions) -> Report {
    let mut sink = Sink {
        report: Report::default(),
        options,
        full: false,
    };
    let mut reader = match EventReader::with_options(input, true) {
        Ok(r) => r,
        Err(e) => {
            sink.push(error_diagnostic(e));
            return sink.report;
        }
    };
    let json = reader.format() == InputFormat::Json;
    if let Some(msg) = reader.take_other() {
        sink.extend(reader.take_notes());
        let mut found = Vec::new();
        match msg {
            Message::Event { event, .. } => {
                sink.report.events = 1;
                let base = if json {
                    Location::Json {
                        pointer: String::new(),
                        line: None,
                        column: None,
                    }
                } else {
                    Location::Xml {
                        offset: 0,
                        line: 1,
                        column: 1,
                    }
                };
                check_event(&event, &base, json, &mut found);
            }
            Message::Query { query, .. } => check_json_query(&query, &mut found),
            Message::CaptureJob(_) | Message::Document(_) => {}
        }
        sink.extend(found);
        return sink.report;
    }
    let mut found = Vec::new();
    while !sink.full {
        let next = reader.next_event();
        sink.extend(reader.take_notes());
        match next {
            Ok(Some(e)) => {
                sink.report.events += 1;
                let base = reader.last_location().clone();
                check_event(&e, &base, json, &mut found);
                sink.extend(found.drain(..));
            }
            Ok(None) => break,
            // The reader goes on after an event it could not read, and
            // returns `None` after an error it cannot recover from.
            Err(e) => {
                sink.report.events += 1;
                sink.push(error_diagnostic(e));
            }
        }
    }
    if !sink.full {
        check_head(reader.head(), json, &mut found);
        sink.extend(found);
    }
    sink.report
}

fn error_diagnostic(e: crate::Error) -> Diagnostic {
    match e {
        crate::Error::Invalid(d) => *d,
        other => Diagnostic {
            location: Location::Unknown,
            problem: Problem::Rule(other.to_string()),
        },
    }
}

fn at(base: &Location, path: &str) -> Location {
    match base {
        Location::Json {
            pointer,
            line,
            column,
        } => Location::Json {
            pointer: format!("{pointer}{path}"),
            line: *line,
            column: *column,
        },
        other => other.clone(),
    }
}

fn push(out: &mut Vec<Diagnostic>, base: &Location, path: &str, problem: Problem) {
    out.push(Diagnostic {
        location: at(base, path),
        problem,
    });
}

fn check_head(head: &DocumentHead, json: bool, out: &mut Vec<Diagnostic>) {
    let root = if json {
        Location::Json {
            pointer: String::new(),
            line: None,
            column: None,
        }
    } else {
        Location::Xml {
            offset: 0,
            line: 1,
            column: 1,
        }
    };
    if let Some(poll) = &head.poll {
        if poll.query_name.as_deref().is_none_or(str::is_empty) {
            push(
                out,
                &root,
                "/EPCISBody/Poll",
                Problem::MissingField("queryName".into()),
            );
        }
        for p in &poll.params {
            if p.value == QueryValue::Missing {
                push(
                    out,
                    &root,
                    "",
                    Problem::MissingField(format!("value of query parameter `{}`", p.name)),
                );
            } else if !is_query_param(&p.name) {
                push(
                    out,
                    &root,
                    "",
                    Problem::UnexpectedField(format!("query parameter `{}`", p.name)),
                );
            }
        }
    }
    if json {
        if let Some(qr) = &head.query_results {
            if qr.query_name.is_none() {
                push(
                    out,
                    &root,
                    "/epcisBody/queryResults",
                    Problem::MissingField("queryName".into()),
                );
            }
        }
    }
    for list in [&head.header.master_data, &head.vocabularies]
        .into_iter()
        .flatten()
    {
        for v in list {
            if v.vocabulary_type.is_empty() {
                push(
                    out,
                    &root,
                    "",
                    Problem::MissingField("vocabulary type".into()),
                );
            }
        }
    }
}

fn check_json_query(q: &Query, out: &mut Vec<Diagnostic>) {
    for p in &q.params {
        if p.name == "@context" {
            continue;
        }
        if !is_query_param(&p.name) {
            out.push(Diagnostic {
                location: Location::Json {
                    pointer: format!("/{}", p.name),
                    line: None,
                    column: None,
                },
                problem: Problem::UnexpectedField(format!("query parameter `{}`", p.name)),
            });
        }
    }
}

/// SimpleEventQuery / SimpleMasterDataQuery parameter names (EPCIS 2.0
/// query schema): fixed names, and families with a field or UOM suffix.
pub fn is_query_param(name: &str) -> bool {
    const FIXED: &[&str] = &[
        "eventType",
        "GE_eventTime",
        "LT_eventTime",
        "GE_recordTime",
        "LT_recordTime",
        "EQ_action",
        "EQ_bizStep",
        "EQ_disposition",
        "EQ_persistentDisposition_set",
        "EQ_persistentDisposition_unset",
        "EQ_quantity",
        "GT_quantity",
        "GE_quantity",
        "LT_quantity",
        "LE_quantity",
        "EQ_readPoint",
        "WD_readPoint",
        "EQ_bizLocation",
        "WD_bizLocation",
        "EQ_transformationID",
        "MATCH_epc",
        "MATCH_parentID",
        "MATCH_inputEPC",
        "MATCH_outputEPC",
        "MATCH_anyEPC",
        "MATCH_epcClass",
        "MATCH_inputEPCClass",
        "MATCH_outputEPCClass",
        "MATCH_anyEPCClass",
        "EQ_eventID",
        "EXISTS_errorDeclaration",
        "GE_errorDeclaration_Time",
        "LT_errorDeclaration_Time",
        "GE_errorDeclarationTime",
        "LT_errorDeclarationTime",
        "EQ_errorReason",
        "EQ_correctiveEventID",
        "orderBy",
        "orderDirection",
        "eventCountLimit",
        "maxEventCount",
        "EXISTS_sensorElementList",
        "GE_time",
        "LT_time",
        "GE_startTime",
        "LT_startTime",
        "GE_endTime",
        "LT_endTime",
        "EQ_type",
        "EQ_deviceID",
        "EQ_dataProcessingMethod",
        "EQ_microorganism",
        "EQ_chemicalSubstance",
        "EQ_bizRules",
        "EQ_stringValue",
        "EQ_booleanValue",
        "EQ_hexBinaryValue",
        "EQ_uriValue",
        "GE_percRank",
        "LT_percRank",
        "GT_percRank",
        "LE_percRank",
        "EQ_exception",
        "EQ_deviceMetadata",
        "EQ_rawData",
        "EQ_component",
        "EQ_coordinateReferenceSystem",
        "vocabularyName",
        "includeAttributes",
        "includeChildren",
        "attributeNames",
        "EQ_name",
        "WD_name",
        "HASATTR",
        "maxElementCount",
        "EQ_userID",
    ];
    if FIXED.contains(&name) {
        return true;
    }
    let lower_word = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    for family in ["EQ_bizTransaction_", "EQ_source_", "EQ_destination_"] {
        if let Some(rest) = name.strip_prefix(family) {
            return rest.len() > 1 && lower_word(rest);
        }
    }
    // `<OP>_<field>` where the field is a namespaced extension (`ns:name`).
    let curie = |s: &str| {
        s.split_once(':').is_some_and(|(p, l)| {
            p.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && p.chars().all(|c| c.is_ascii_alphanumeric())
                && !l.is_empty()
                && l.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
    };
    for op in ["EQ_", "GT_", "GE_", "LT_", "LE_", "EXISTS_", "HASATTR_"] {
        if let Some(rest) = name.strip_prefix(op) {
            for inner in [
                "INNER_ILMD_",
                "ILMD_",
                "INNER_ERROR_DECLARATION_",
                "ERROR_DECLARATION_",
                "INNER_",
                "SENSORELEMENT_",
                "readPoint_",
                "INNER_readPoint_",
                "bizLocation_",
                "INNER_bizLocation_",
                "",
            ] {
                if let Some(field) = rest.strip_prefix(inner) {
                    if curie(field) {
                        return true;
                    }
                }
            }
            // Sensor values and quantities with a UOM suffix.
            for measure in [
                "value_",
                "minValue_",
                "maxValue_",
                "meanValue_",
                "sDev_",
                "percValue_",
                "quantity_",
            ] {
                if let Some(uom) = rest.strip_prefix(measure) {
                    return (2..=4).contains(&uom.len())
                        && uom
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                }
            }
            if let Some(attr) = rest.strip_prefix("ATTR_") {
                return attr
                    .split_once('_')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
            }
        }
    }
    false
}

/// A vocabulary value to check: field name, text, standard?, CBV-prefixed?
struct Vocab<'a>(&'a str, &'a str, bool, bool);

fn vocab_check(out: &mut Vec<Diagnostic>, base: &Location, path: &str, v: Vocab<'_>, json: bool) {
    let Vocab(field, text, standard, cbv_prefixed) = v;
    let bare = !text.contains(':');
    if (json && bare && !standard) || cbv_prefixed {
        push(
            out,
            base,
            path,
            Problem::NonStandardVocabulary {
                field: field.to_owned(),
                value: text.to_owned(),
            },
        );
    }
}

fn uom_ok(u: &str) -> bool {
    (2..=3).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn quantities(out: &mut Vec<Diagnostic>, base: &Location, name: &str, list: &[QuantityElement]) {
    for (i, q) in list.iter().enumerate() {
        if let Some(u) = &q.uom {
            if !uom_ok(u) {
                push(
                    out,
                    base,
                    &format!("/{name}/{i}/uom"),
                    Problem::BadValue {
                        field: "uom".into(),
                        reason: format!(
                            "`{u}` is not a UN/ECE Rec 20 code (2-3 upper-case letters or digits)"
                        ),
                    },
                );
            }
            if q.quantity.is_none() {
                push(
                    out,
                    base,
                    &format!("/{name}/{i}"),
                    Problem::Rule("`uom` without `quantity`".into()),
                );
            }
        }
    }
}

fn ext_names(out: &mut Vec<Diagnostic>, base: &Location, path: &str, exts: &[Extension]) {
    for e in exts {
        if e.name.namespace.is_none() && e.name.prefix.is_none() && !e.name.local.contains("://") {
            push(
                out,
                base,
                &format!("{path}/{}", e.name.local),
                Problem::Rule(format!(
                    "`{}` is not in a namespace (extension fields must be)",
                    e.name.local
                )),
            );
        }
    }
}

fn time_offset(
    out: &mut Vec<Diagnostic>,
    base: &Location,
    path: &str,
    t: &crate::time::Timestamp,
    json: bool,
) {
    if json && !t.has_offset() {
        push(
            out,
            base,
            path,
            Problem::BadValue {
                field: path.rsplit('/').next().unwrap_or(path).to_owned(),
                reason: format!("`{t}` has no time-zone offset"),
            },
        );
    }
}

/// Checks one event; `base` locates the event.
pub fn check_event(e: &Event, base: &Location, json: bool, out: &mut Vec<Diagnostic>) {
    let c = &e.common;
    time_offset(out, base, "/eventTime", &c.event_time, json);
    if let Some(t) = &c.record_time {
        time_offset(out, base, "/recordTime", t, json);
    }
    if let Some(b) = &c.biz_step {
        vocab_check(
            out,
            base,
            "/bizStep",
            Vocab(
                "bizStep",
                b.as_str(),
                b.is_standard(),
                b.is_non_standard_cbv(),
            ),
            json,
        );
    }
    if let Some(d) = &c.disposition {
        vocab_check(
            out,
            base,
            "/disposition",
            Vocab(
                "disposition",
                d.as_str(),
                d.is_standard(),
                d.is_non_standard_cbv(),
            ),
            json,
        );
    }
    if let Some(pd) = &c.persistent_disposition {
        if pd.set.is_empty() && pd.unset.is_empty() {
            push(
                out,
                base,
                "/persistentDisposition",
                Problem::Rule("`persistentDisposition` needs `set` or `unset`".into()),
            );
        }
        for (k, list) in [("set", &pd.set), ("unset", &pd.unset)] {
            for (i, d) in list.iter().enumerate() {
                vocab_check(
                    out,
                    base,
                    &format!("/persistentDisposition/{k}/{i}"),
                    Vocab(k, d.as_str(), d.is_standard(), d.is_non_standard_cbv()),
                    json,
                );
            }
        }
    }
    if let Some(d) = &c.error_declaration {
        time_offset(
            out,
            base,
            "/errorDeclaration/declarationTime",
            &d.declaration_time,
            json,
        );
        if let Some(r) = &d.reason {
            vocab_check(
                out,
                base,
                "/errorDeclaration/reason",
                Vocab(
                    "reason",
                    r.as_str(),
                    r.is_standard(),
                    r.is_non_standard_cbv(),
                ),
                json,
            );
        }
    }
    for (i, bt) in c.biz_transactions.iter().enumerate() {
        if let Some(t) = &bt.transaction_type {
            vocab_check(
                out,
                base,
                &format!("/bizTransactionList/{i}/type"),
                Vocab("type", t.as_str(), t.is_standard(), t.is_non_standard_cbv()),
                json,
            );
        }
    }
    for (list, name) in [
        (&c.sources, "sourceList"),
        (&c.destinations, "destinationList"),
    ] {
        for (i, sd) in list.iter().enumerate() {
            vocab_check(
                out,
                base,
                &format!("/{name}/{i}/type"),
                Vocab(
                    "type",
                    sd.kind.as_str(),
                    sd.kind.is_standard(),
                    sd.kind.is_non_standard_cbv(),
                ),
                json,
            );
        }
    }
    for (i, se) in c.sensor_elements.iter().enumerate() {
        if let Some(md) = &se.metadata {
            if let (Some(start), Some(end)) = (&md.start_time, &md.end_time) {
                if start.utc() > end.utc() {
                    push(
                        out,
                        base,
                        &format!("/sensorElementList/{i}/sensorMetadata/startTime"),
                        Problem::Rule(format!(
                            "sensor metadata `startTime` {start} is after `endTime` {end}"
                        )),
                    );
                }
            }
        }
        if se.reports.is_empty() {
            push(
                out,
                base,
                &format!("/sensorElementList/{i}"),
                Problem::MissingField("sensorReport".into()),
            );
        }
        for (j, r) in se.reports.iter().enumerate() {
            let p = format!("/sensorElementList/{i}/sensorReport/{j}");
            if json && r.measurement_type.is_none() && r.exception.is_none() {
                push(out, base, &p, Problem::MissingField("type".into()));
            }
            if let Some(h) = &r.hex_binary_value {
                // xsd:hexBinary: pairs of hex digits, one pair per octet.
                let reason = if h.is_empty() || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(format!("`{h}` is not hexadecimal"))
                } else if h.len() % 2 == 1 {
                    Some(format!(
                        "`{h}` has an odd number of hex digits (two per octet)"
                    ))
                } else {
                    None
                };
                if let Some(reason) = reason {
                    push(
                        out,
                        base,
                        &format!("{p}/hexBinaryValue"),
                        Problem::BadValue {
                            field: "hexBinaryValue".into(),
                            reason,
                        },
                    );
                }
            }
            for t in [&r.time].into_iter().flatten() {
                time_offset(out, base, &format!("{p}/time"), t, json);
            }
        }
    }
    match &e.body {
        EventBody::Object(o) => {
            quantities(out, base, "quantityList", &o.quantity_list);
            if let Some(ilmd) = &o.ilmd {
                ext_names(out, base, "/ilmd", &ilmd.0);
            }
        }
        EventBody::Aggregation(a) => {
            quantities(out, base, "childQuantityList", &a.child_quantity_list);
            if a.parent_id.is_none() && a.action != Action::Observe {
                push(
                    out,
                    base,
                    "/parentID",
                    Problem::Rule(format!(
                        "`parentID` is required when the action is {}",
                        a.action
                    )),
                );
            }
        }
        EventBody::Association(a) => {
            quantities(out, base, "childQuantityList", &a.child_quantity_list)
        }
        EventBody::Transaction(t) => {
            quantities(out, base, "quantityList", &t.quantity_list);
            if c.biz_transactions.is_empty() {
                push(
                    out,
                    base,
                    "/bizTransactionList",
                    Problem::MissingField("bizTransactionList".into()),
                );
            }
        }
        EventBody::Transformation(t) => {
            quantities(out, base, "inputQuantityList", &t.input_quantity_list);
            quantities(out, base, "outputQuantityList", &t.output_quantity_list);
            if let Some(ilmd) = &t.ilmd {
                ext_names(out, base, "/ilmd", &ilmd.0);
            }
        }
        EventBody::Extended(_) => {}
    }
}
