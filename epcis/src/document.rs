//! Documents: `EPCISDocument`, `EPCISQueryDocument`, `EPCISMasterDataDocument`,
//! their header (SBDH, master data, extensions such as the GS1 US DSCSA
//! `gs1ushc` statements), and the other top-level messages found in EPCIS
//! exchanges (bare events, queries, capture jobs).

use crate::event::Event;
use crate::ext::{ExtAttribute, ExtValue, Extension, Namespace, QName};
use crate::time::Timestamp;

/// Namespace of the UN/CEFACT Standard Business Document Header.
pub const SBDH_NS: &str = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
/// EPCIS 2.0 XML namespace.
pub const EPCIS2_NS: &str = "urn:epcglobal:epcis:xsd:2";
/// EPCIS 1.x XML namespace.
pub const EPCIS1_NS: &str = "urn:epcglobal:epcis:xsd:1";
/// EPCIS 2.0 query XML namespace.
pub const EPCIS2_QUERY_NS: &str = "urn:epcglobal:epcis-query:xsd:2";
/// EPCIS 1.x query XML namespace.
pub const EPCIS1_QUERY_NS: &str = "urn:epcglobal:epcis-query:xsd:1";
/// EPCIS 2.0 master data XML namespace.
pub const EPCIS2_MD_NS: &str = "urn:epcglobal:epcis-masterdata:xsd:2";
/// EPCIS 1.x master data XML namespace.
pub const EPCIS1_MD_NS: &str = "urn:epcglobal:epcis-masterdata:xsd:1";
/// GS1 US Healthcare (DSCSA) extension namespace.
pub const GS1USHC_NS: &str = "http://epcis.gs1us.org/hc/ns";
/// The EPCIS 2.0 JSON-LD context.
pub const EPCIS_CONTEXT: &str = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/// The kind of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// `EPCISDocument`: a capture document with an event list.
    Epcis,
    /// `EPCISQueryDocument`: query results or a query (poll) request.
    Query,
    /// `EPCISMasterDataDocument`: a vocabulary list.
    MasterData,
}

impl DocumentKind {
    /// The root element / JSON `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Epcis => "EPCISDocument",
            DocumentKind::Query => "EPCISQueryDocument",
            DocumentKind::MasterData => "EPCISMasterDataDocument",
        }
    }
}

/// A JSON-LD `@context` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextEntry {
    /// A context URL.
    Url(String),
    /// Inline term definitions; terms whose value is a string are namespace
    /// prefixes, other definitions are kept as JSON text.
    Terms(Vec<ContextTerm>),
}

/// One term of an inline context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextTerm {
    /// The term.
    pub term: String,
    /// Its definition: an IRI (a prefix) or other JSON kept as text.
    pub definition: TermDefinition,
}

/// The definition of an inline context term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermDefinition {
    /// A namespace IRI.
    Iri(String),
    /// Any other JSON definition, serialized.
    Json(String),
}

/// A vocabulary attribute: an id and a value (text or structured).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyAttribute {
    /// The attribute id (`urn:epcglobal:cbv:mda#name`, …).
    pub id: String,
    /// The value.
    pub value: ExtValue,
}

/// A vocabulary element: master data of one identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyElement {
    /// The identifier described.
    pub id: String,
    /// Its attributes.
    pub attributes: Vec<VocabularyAttribute>,
    /// Child identifiers.
    pub children: Vec<String>,
}

/// A vocabulary: elements of one vocabulary type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// Vocabulary type (`urn:epcglobal:epcis:vtype:Location`, …).
    pub vocabulary_type: String,
    /// Its elements.
    pub elements: Vec<VocabularyElement>,
}

/// The Standard Business Document Header, kept as the element tree it was
/// read from (children of `sbdh:StandardBusinessDocumentHeader`), with
/// accessors for the fields EPCIS exchanges use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sbdh {
    /// The header's child elements in order.
    pub elements: Vec<Extension>,
}

impl Sbdh {
    /// A header with version 1.0, one sender and receiver identifier (with
    /// their authority, typically `GS1`), and a document identification of
    /// standard `EPCglobal`, type `Events`, version 1.0.
    pub fn new(
        sender: (&str, &str),
        receiver: (&str, &str),
        instance_identifier: &str,
        created: &Timestamp,
    ) -> Self {
        let q = |l: &str| QName::new(SBDH_NS, "sbdh", l);
        let party = |name: &str, (authority, id): (&str, &str)| {
            let mut ident = Extension::text(q("Identifier"), id);
            ident.attributes.push(crate::ext::ExtAttribute {
                name: QName::local("Authority"),
                value: authority.to_owned(),
            });
            Extension::new(q(name), ExtValue::Object(vec![ident]))
        };
        let doc_id = Extension::new(
            q("DocumentIdentification"),
            ExtValue::Object(vec![
                Extension::text(q("Standard"), "EPCglobal"),
                Extension::text(q("TypeVersion"), "1.0"),
                Extension::text(q("InstanceIdentifier"), instance_identifier),
                Extension::text(q("Type"), "Events"),
                Extension::text(q("CreationDateAndTime"), created.as_str()),
            ]),
        );
        Sbdh {
            elements: vec![
                Extension::text(q("HeaderVersion"), "1.0"),
                party("Sender", sender),
                party("Receiver", receiver),
                doc_id,
            ],
        }
    }

    fn first(&self, local: &str) -> Option<&Extension> {
        self.elements.iter().find(|e| e.name.local == local)
    }

    fn text_of(e: Option<&Extension>) -> Option<&str> {
        e.and_then(|e| e.value.as_text())
    }

    /// `HeaderVersion`.
    pub fn header_version(&self) -> Option<&str> {
        Self::text_of(self.first("HeaderVersion"))
    }

    /// Sender identifiers with their authority.
    pub fn senders(&self) -> Vec<(Option<&str>, &str)> {
        self.parties("Sender")
    }

    /// Receiver identifiers with their authority.
    pub fn receivers(&self) -> Vec<(Option<&str>, &str)> {
        self.parties("Receiver")
    }

    fn parties(&self, local: &str) -> Vec<(Option<&str>, &str)> {
        self.elements
            .iter()
            .filter(|e| e.name.local == local)
            .filter_map(|p| p.child("Identifier"))
            .filter_map(|i| Some((i.attribute("Authority"), i.value.as_text()?)))
            .collect()
    }

    fn doc_id(&self, local: &str) -> Option<&str> {
        Self::text_of(
            self.first("DocumentIdentification")
                .and_then(|d| d.child(local)),
        )
    }

    /// `DocumentIdentification/InstanceIdentifier`.
    pub fn instance_identifier(&self) -> Option<&str> {
        self.doc_id("InstanceIdentifier")
    }

    /// `DocumentIdentification/Type`.
    pub fn document_type(&self) -> Option<&str> {
        self.doc_id("Type")
    }

    /// `DocumentIdentification/Standard`.
    pub fn standard(&self) -> Option<&str> {
        self.doc_id("Standard")
    }

    /// `DocumentIdentification/CreationDateAndTime`.
    pub fn creation_date_and_time(&self) -> Option<&str> {
        self.doc_id("CreationDateAndTime")
    }
}

/// The EPCIS header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// The Standard Business Document Header.
    pub sbdh: Option<Sbdh>,
    /// Master data carried in the header.
    pub master_data: Option<Vec<Vocabulary>>,
    /// Other header content (e.g. the GS1 US `gs1ushc:dscsaTransactionStatement`).
    pub extensions: Vec<Extension>,
}

impl Header {
    /// Whether the header carries nothing.
    pub fn is_empty(&self) -> bool {
        self.sbdh.is_none() && self.master_data.is_none() && self.extensions.is_empty()
    }
}

/// A query parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryValue {
    /// A single value (string, time, number as written).
    Scalar(ExtValue),
    /// A list of strings (`ArrayOfString`).
    List(Vec<String>),
    /// No value (an XML `param` without `value`).
    Missing,
}

/// One query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    /// Parameter name (`EQ_bizStep`, `GE_eventTime`, …).
    pub name: String,
    /// Its value.
    pub value: QueryValue,
}

/// A query (the `Poll` of an XML query document, or a JSON query body).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The query name (`SimpleEventQuery`, `SimpleMasterDataQuery`); JSON
    /// query bodies carry none.
    pub query_name: Option<String>,
    /// The parameters in order.
    pub params: Vec<QueryParam>,
}

/// The body of a document, apart from its events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryResultsInfo {
    /// `queryName` of the results.
    pub query_name: Option<String>,
    /// `subscriptionID` of the results.
    pub subscription_id: Option<String>,
}

/// Everything in a document except its events: what a streaming reader
/// yields before (and, for trailing content, after) the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHead {
    /// The document kind.
    pub kind: DocumentKind,
    /// `schemaVersion` as written (`2.0`, `1.2`).
    pub schema_version: Option<String>,
    /// `creationDate`.
    pub creation_date: Option<Timestamp>,
    /// JSON `id`.
    pub id: Option<String>,
    /// JSON pseudo-SBDH `sender`.
    pub sender: Option<String>,
    /// JSON pseudo-SBDH `receiver`.
    pub receiver: Option<String>,
    /// JSON pseudo-SBDH `instanceIdentifier`.
    pub instance_identifier: Option<String>,
    /// JSON-LD `@context` entries, in order.
    pub contexts: Vec<ContextEntry>,
    /// XML namespace declarations of the root element, in order.
    pub namespaces: Vec<Namespace>,
    /// The XML root element's name as read (its prefix and namespace), so
    /// that the document written back in its own dialect keeps them.
    pub xml_root: Option<QName>,
    /// Other attributes of the XML root element (`xsi:schemaLocation`, …),
    /// written back to XML; JSON-LD has no place for them.
    pub xml_root_attributes: Vec<ExtAttribute>,
    /// The header.
    pub header: Header,
    /// Query results naming (query documents).
    pub query_results: Option<QueryResultsInfo>,
    /// A poll request (query documents carrying a query instead of results).
    pub poll: Option<Query>,
    /// Body vocabulary list (master data documents, query results).
    pub vocabularies: Option<Vec<Vocabulary>>,
    /// Document-level extensions (elements or JSON keys outside EPCIS).
    pub extensions: Vec<Extension>,
}

impl DocumentHead {
    /// An empty head of kind `kind`.
    pub fn new(kind: DocumentKind) -> Self {
        DocumentHead {
            kind,
            schema_version: None,
            creation_date: None,
            id: None,
            sender: None,
            receiver: None,
            instance_identifier: None,
            contexts: Vec::new(),
            namespaces: Vec::new(),
            xml_root: None,
            xml_root_attributes: Vec::new(),
            header: Header::default(),
            query_results: None,
            poll: None,
            vocabularies: None,
            extensions: Vec::new(),
        }
    }

    /// The namespace a prefix is declared for, in XML namespaces or JSON-LD context terms.
    pub fn namespace_of(&self, prefix: &str) -> Option<&str> {
        self.namespaces
            .iter()
            .find(|n| n.prefix == prefix)
            .map(|n| n.uri.as_str())
            .or_else(|| {
                self.contexts.iter().rev().find_map(|c| match c {
                    ContextEntry::Terms(terms) => terms.iter().find_map(|t| match &t.definition {
                        TermDefinition::Iri(iri) if t.term == prefix => Some(iri.as_str()),
                        _ => None,
                    }),
                    ContextEntry::Url(_) => None,
                })
            })
    }
}

/// A whole document in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Everything but the events.
    pub head: DocumentHead,
    /// The events in document order.
    pub events: Vec<Event>,
}

impl Document {
    /// An `EPCISDocument` of schema version 2.0 with the given creation
    /// date and events, and the standard JSON-LD context.
    pub fn new(creation_date: Timestamp, events: Vec<Event>) -> Self {
        let mut head = DocumentHead::new(DocumentKind::Epcis);
        head.schema_version = Some("2.0".to_owned());
        head.creation_date = Some(creation_date);
        head.contexts = vec![ContextEntry::Url(EPCIS_CONTEXT.to_owned())];
        Document { head, events }
    }
}

/// An error entry of a capture job.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaptureError {
    /// Problem type URI.
    pub error_type: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// HTTP-like status.
    pub status: Option<String>,
    /// Detail.
    pub detail: Option<String>,
    /// Instance URI.
    pub instance: Option<String>,
}

/// The state of an asynchronous capture (`EPCISCaptureJob`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaptureJob {
    /// The capture identifier.
    pub capture_id: Option<String>,
    /// Whether the job is still running.
    pub running: Option<bool>,
    /// Whether the job succeeded.
    pub success: Option<bool>,
    /// `proceed` or `rollback`.
    pub capture_error_behaviour: Option<String>,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Completion time.
    pub finished_at: Option<Timestamp>,
    /// Error file reference.
    pub error_file: Option<String>,
    /// Errors.
    pub errors: Vec<CaptureError>,
    /// Namespace declarations.
    pub namespaces: Vec<Namespace>,
}

/// Anything that can stand at the top of an EPCIS file.
// One message per file: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Message {
    /// A document.
    Document(Document),
    /// A single event outside a document, with the namespaces/context it declares.
    Event {
        /// The event.
        event: Box<Event>,
        /// Its JSON-LD contexts.
        contexts: Vec<ContextEntry>,
        /// Its XML namespace declarations.
        namespaces: Vec<Namespace>,
    },
    /// A query body (JSON `SimpleEventQuery` parameters).
    Query {
        /// The query.
        query: Query,
        /// Its JSON-LD contexts.
        contexts: Vec<ContextEntry>,
    },
    /// A capture job status.
    CaptureJob(CaptureJob),
}
