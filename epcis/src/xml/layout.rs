//! Where each element of an event may stand in EPCIS 1.2 and 2.0 XML: the
//! XSD content models of the event types, their `baseExtension` and
//! `extension` wrappers and their wildcards, checked in validation mode.
//!
//! Reading is lenient (it takes a field wherever a wrapper puts it); this
//! module reports what the XSDs reject:
//!
//! - **Order.** Every event type is an `xsd:sequence`: the standard elements
//!   in their order, then any elements of other namespaces (`##other`).
//! - **EPCIS 1.2 wrappers.** Fields added after 1.0 live in `extension`
//!   (`quantityList`, `sourceList`, `destinationList`, `ilmd`…), `eventID`
//!   and `errorDeclaration` in `baseExtension`, and what 1.2 does not know
//!   (`sensorElementList`, `persistentDisposition`, `certificationInfo`) in
//!   the innermost `extension`, whose content is unqualified (`##local`),
//!   where GS1's 2.0 → 1.2 mapping puts it.
//! - **EPCIS 2.0 wrappers.** All fields are direct children of the event;
//!   `baseExtension` and `extension` hold only elements of other namespaces.

use super::tree::Node;
use crate::error::Problem;
use crate::event::EventType;

/// The XML schema a document follows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Schema {
    /// `urn:epcglobal:epcis:xsd:1` (1.0 to 1.2).
    V12,
    /// `urn:epcglobal:epcis:xsd:2`.
    V2,
}

/// The content model of one element.
#[derive(Clone, Copy)]
enum Content<'s> {
    /// `xsd:sequence` of these elements, then elements of other namespaces
    /// when `other`.
    Seq(&'s [&'static str], bool),
    /// Unqualified elements of any name (`##local`, the 1.2 extension point).
    Local,
    /// Elements of other namespaces only (`##other`, the 2.0 extension point).
    Other,
    /// No schema: a custom event type, or an AssociationEvent in 1.2 (which
    /// has none: GS1's mapping carries it in the event list's innermost
    /// `##local` extension, unvalidated).
    Any,
}

const COMMON_12: &[&str] = &[
    "eventTime",
    "recordTime",
    "eventTimeZoneOffset",
    "baseExtension",
];

const COMMON_2: &[&str] = &[
    "eventTime",
    "recordTime",
    "eventTimeZoneOffset",
    "eventID",
    "errorDeclaration",
    "certificationInfo",
    "baseExtension",
];

/// Fields EPCIS 1.2 does not define: in a 1.2 document they may only stand
/// in a `##local` extension (GS1's mapping).
const ONLY_2: &[&str] = &[
    "certificationInfo",
    "sensorElementList",
    "persistentDisposition",
];

/// Every element name with a place in some event content model.
const FIELDS: &[&str] = &[
    "eventTime",
    "recordTime",
    "eventTimeZoneOffset",
    "eventID",
    "errorDeclaration",
    "certificationInfo",
    "action",
    "parentID",
    "epcList",
    "childEPCs",
    "inputEPCList",
    "outputEPCList",
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputQuantityList",
    "transformationID",
    "bizStep",
    "disposition",
    "persistentDisposition",
    "readPoint",
    "bizLocation",
    "bizTransactionList",
    "sourceList",
    "destinationList",
    "sensorElementList",
    "ilmd",
    "epcClass",
    "quantity",
];

/// The type-specific sequence of an event in 1.2 (`quantity_event` for the
/// 1.0/1.1 `QuantityEvent`).
fn type_12(t: EventType, quantity_event: bool) -> &'static [&'static str] {
    if quantity_event {
        return &[
            "epcClass",
            "quantity",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "extension",
        ];
    }
    match t {
        EventType::Object => &[
            "epcList",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "extension",
        ],
        EventType::Aggregation => &[
            "parentID",
            "childEPCs",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "extension",
        ],
        EventType::Transaction => &[
            "bizTransactionList",
            "parentID",
            "epcList",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "extension",
        ],
        EventType::Transformation => &[
            "inputEPCList",
            "inputQuantityList",
            "outputEPCList",
            "outputQuantityList",
            "transformationID",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "sourceList",
            "destinationList",
            "ilmd",
            "extension",
        ],
        EventType::Association | EventType::Extended => &[],
    }
}

/// The type-specific sequence of an event in 2.0.
fn type_2(t: EventType) -> &'static [&'static str] {
    match t {
        EventType::Object => &[
            "epcList",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "quantityList",
            "sourceList",
            "destinationList",
            "sensorElementList",
            "persistentDisposition",
            "ilmd",
            "extension",
        ],
        EventType::Aggregation => &[
            "parentID",
            "childEPCs",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "childQuantityList",
            "sourceList",
            "destinationList",
            "sensorElementList",
            "persistentDisposition",
            "extension",
        ],
        EventType::Transaction => &[
            "bizTransactionList",
            "parentID",
            "epcList",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "quantityList",
            "sourceList",
            "destinationList",
            "sensorElementList",
            "persistentDisposition",
            "extension",
        ],
        EventType::Transformation => &[
            "inputEPCList",
            "inputQuantityList",
            "outputEPCList",
            "outputQuantityList",
            "transformationID",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "sourceList",
            "destinationList",
            "sensorElementList",
            "persistentDisposition",
            "ilmd",
            "extension",
        ],
        EventType::Association => &[
            "parentID",
            "childEPCs",
            "childQuantityList",
            "action",
            "bizStep",
            "disposition",
            "readPoint",
            "bizLocation",
            "bizTransactionList",
            "sourceList",
            "destinationList",
            "sensorElementList",
            "persistentDisposition",
            "extension",
        ],
        EventType::Extended => &[],
    }
}

/// What the event element of type `t` holds directly: the common
/// sequence, then the type's.
fn event_sequence(schema: Schema, t: EventType, quantity_event: bool) -> Vec<&'static str> {
    match schema {
        Schema::V12 => COMMON_12
            .iter()
            .chain(type_12(t, quantity_event))
            .copied()
            .collect(),
        Schema::V2 => COMMON_2.iter().chain(type_2(t)).copied().collect(),
    }
}

/// The content model of the wrapper at `path` (`["extension"]`,
/// `["baseExtension", "extension"]`, …) below the event.
fn wrapper(schema: Schema, t: EventType, quantity_event: bool, path: &[&str]) -> Content<'static> {
    match schema {
        // 2.0 wrappers hold elements of other namespaces only.
        Schema::V2 => Content::Other,
        Schema::V12 => match path {
            ["baseExtension"] => Content::Seq(&["eventID", "errorDeclaration", "extension"], false),
            ["extension"] if !quantity_event => match t {
                EventType::Object => Content::Seq(
                    &[
                        "quantityList",
                        "sourceList",
                        "destinationList",
                        "ilmd",
                        "extension",
                    ],
                    false,
                ),
                EventType::Aggregation => Content::Seq(
                    &[
                        "childQuantityList",
                        "sourceList",
                        "destinationList",
                        "extension",
                    ],
                    false,
                ),
                EventType::Transaction => Content::Seq(
                    &["quantityList", "sourceList", "destinationList", "extension"],
                    false,
                ),
                _ => Content::Local,
            },
            _ => Content::Local,
        },
    }
}

/// How many `extension` wrappers of the event list an event of type `t`
/// stands in: 1.2 lists Object, Aggregation, Quantity and Transaction
/// events directly, TransformationEvent (added in 1.1) in the list's
/// `extension`, and AssociationEvent (2.0) one level deeper, as GS1's
/// mapping does; 2.0 lists them all directly.
pub(crate) fn list_depth(schema: Schema, t: EventType) -> usize {
    match (schema, t) {
        // A type of another namespace: in the list's `##other` extension.
        (Schema::V2, EventType::Extended) => 1,
        (Schema::V2, _) => 0,
        (Schema::V12, EventType::Transformation) => 1,
        (Schema::V12, EventType::Association | EventType::Extended) => 2,
        (Schema::V12, _) => 0,
    }
}

/// A finding at a byte offset.
pub(crate) type Note = (u64, Problem);

fn misplaced(n: &Node, reason: String) -> Note {
    (
        n.pos,
        Problem::Misplaced {
            element: n.name.local().to_owned(),
            reason,
        },
    )
}

/// Where `name` belongs in a 1.2 event of type `t`, for messages.
fn home_12(t: EventType, quantity_event: bool, name: &str) -> &'static str {
    if ONLY_2.contains(&name) {
        return "in the innermost `extension` (EPCIS 1.2 does not define it)";
    }
    if COMMON_12.contains(&name) || type_12(t, quantity_event).contains(&name) {
        return "directly in the event";
    }
    if matches!(name, "eventID" | "errorDeclaration") {
        return "in `baseExtension`";
    }
    if let Content::Seq(names, _) = wrapper(Schema::V12, t, quantity_event, &["extension"]) {
        if names.contains(&name) {
            return "in the event's `extension`";
        }
    }
    "nowhere in this event type"
}

/// Checks the layout of an event element (`node`) of type `t`.
pub(crate) fn check_event(
    node: &Node,
    schema: Schema,
    t: EventType,
    quantity_event: bool,
    out: &mut Vec<Note>,
) {
    let seq = event_sequence(schema, t, quantity_event);
    let content = match (schema, t) {
        // No schema defines a custom type's content.
        (_, EventType::Extended) | (Schema::V12, EventType::Association) => Content::Any,
        _ => Content::Seq(&seq, true),
    };
    let cx = Cx {
        schema,
        t,
        quantity_event,
    };
    check(node, &cx, content, &mut Vec::new(), out);
}

/// The event being checked.
#[derive(Clone, Copy)]
struct Cx {
    schema: Schema,
    t: EventType,
    quantity_event: bool,
}

/// Checks the children of `node` (at `path` below the event) against
/// `content`.
fn check<'n>(
    node: &'n Node,
    cx: &Cx,
    content: Content<'_>,
    path: &mut Vec<&'n str>,
    out: &mut Vec<Note>,
) {
    let Cx {
        schema,
        t,
        quantity_event,
    } = *cx;
    let where_ = if path.is_empty() {
        "the event".to_owned()
    } else {
        format!("`{}`", path.join("/"))
    };
    // Rank and name of the last standard element, and the first element
    // of another namespace (which must come after all standard ones).
    let mut last: Option<(usize, &str)> = None;
    let mut first_other: Option<&str> = None;
    for c in &node.children {
        let local = c.name.local();
        let standard = c.name.std().is_some();
        match content {
            Content::Any => {}
            Content::Seq(names, other) => {
                if !standard {
                    if !other {
                        out.push(misplaced(
                            c,
                            format!("{where_} holds only EPCIS elements (EPCIS 1.2 XSD)"),
                        ));
                    }
                    first_other.get_or_insert(local);
                    continue;
                }
                let Some(rank) = names.iter().position(|&n| n == local) else {
                    if FIELDS.contains(&local) || matches!(local, "extension" | "baseExtension") {
                        let reason = match schema {
                            Schema::V12 => format!(
                                "not allowed in {where_} (EPCIS 1.2 XSD): it belongs {}",
                                home_12(t, quantity_event, local)
                            ),
                            Schema::V2 => format!(
                                "not allowed in {where_} of a {} (EPCIS 2.0 XSD)",
                                t.as_str()
                            ),
                        };
                        out.push(misplaced(c, reason));
                    }
                    // Unknown unqualified names are reported by the reader.
                    continue;
                };
                if let Some(other) = first_other {
                    out.push((
                        c.pos,
                        Problem::Order {
                            found: local.to_owned(),
                            before: other.to_owned(),
                        },
                    ));
                } else if let Some((lr, lname)) = last {
                    if rank < lr {
                        out.push((
                            c.pos,
                            Problem::Order {
                                found: local.to_owned(),
                                before: lname.to_owned(),
                            },
                        ));
                    }
                }
                if last.is_none_or(|(lr, _)| rank > lr) {
                    last = Some((rank, local));
                }
                if matches!(local, "extension" | "baseExtension") {
                    path.push(local);
                    let inner = wrapper(schema, t, quantity_event, path);
                    check(c, cx, inner, path, out);
                    path.pop();
                }
            }
            Content::Local => {
                if !standard {
                    out.push(misplaced(
                        c,
                        format!("{where_} holds only unqualified elements (EPCIS 1.2 XSD)"),
                    ));
                } else if FIELDS.contains(&local) && !ONLY_2.contains(&local) {
                    out.push(misplaced(
                        c,
                        format!(
                            "not allowed in {where_} (EPCIS 1.2 XSD): it belongs {}",
                            home_12(t, quantity_event, local)
                        ),
                    ));
                } else if local == "extension" {
                    path.push(local);
                    check(c, cx, Content::Local, path, out);
                    path.pop();
                }
            }
            Content::Other => {
                if standard {
                    out.push(misplaced(
                        c,
                        format!(
                            "not allowed in {where_}: EPCIS 2.0 extension wrappers hold only elements of other namespaces{}",
                            if FIELDS.contains(&local) {
                                format!(" (`{local}` is a direct child of the event in 2.0)")
                            } else {
                                String::new()
                            }
                        ),
                    ));
                }
            }
        }
    }
}
