//! Extensions: content in namespaces other than EPCIS's own, kept with their
//! structure and value types so they survive a round trip.
//!
//! XML and JSON-LD represent them differently: XML has elements, attributes,
//! repeated siblings and `xsi:type`; JSON-LD has objects, arrays, numbers and
//! booleans, with prefixes declared in `@context`. The model is the common
//! ground: an ordered list of named [`Extension`]s whose [`ExtValue`] is text,
//! a number, a boolean, null, nested extensions or an array. XML attributes of
//! an extension element are kept in [`Extension::attributes`]. Numbers and
//! booleans are written to XML with `xsi:type`, and read back as such.

use std::fmt;

/// XML namespace of XML Schema instance attributes (`xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A qualified name: namespace URI (when known), the prefix it was written
/// with, and the local name.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// The namespace URI, `None` for an unqualified name or an undeclared prefix.
    pub namespace: Option<String>,
    /// The prefix as written (`example` in `example:myField`).
    pub prefix: Option<String>,
    /// The local part.
    pub local: String,
}

impl QName {
    /// A name in namespace `namespace` written with `prefix`.
    pub fn new(
        namespace: impl Into<String>,
        prefix: impl Into<String>,
        local: impl Into<String>,
    ) -> Self {
        QName {
            namespace: Some(namespace.into()),
            prefix: Some(prefix.into()),
            local: local.into(),
        }
    }

    /// An unqualified name.
    pub fn local(local: impl Into<String>) -> Self {
        QName {
            namespace: None,
            prefix: None,
            local: local.into(),
        }
    }

    /// `prefix:local`, or `local` without a prefix.
    pub fn prefixed(&self) -> String {
        match &self.prefix {
            Some(p) => format!("{p}:{}", self.local),
            None => self.local.clone(),
        }
    }

    /// Clark notation `{namespace}local` (just `local` without a namespace),
    /// the spelling of extension names in the CBV event hash.
    pub fn clark(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{{{ns}}}{}", self.local),
            None => self.prefixed(),
        }
    }

    /// Whether the name is `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.namespace.as_deref() == Some(ns) && self.local == local
    }
}

impl fmt::Debug for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.clark())
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.prefixed())
    }
}

/// An XML attribute of an extension element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtAttribute {
    /// The attribute name.
    pub name: QName,
    /// The attribute value.
    pub value: String,
}

/// The value of an extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtValue {
    /// Text (an XML element's text, a JSON string).
    Text(String),
    /// A number, as written (JSON number, XML `xsi:type` decimal/integer/double/float).
    Number(String),
    /// A boolean (JSON boolean, XML `xsi:type="xsd:boolean"`).
    Bool(bool),
    /// JSON `null`, XML `xsi:nil="true"`.
    Null,
    /// Nested extensions (a JSON object, an XML element with element children).
    Object(Vec<Extension>),
    /// A JSON array; XML writes it as repeated elements.
    Array(Vec<ExtValue>),
}

impl ExtValue {
    /// The text of a scalar value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            ExtValue::Text(s) | ExtValue::Number(s) => Some(s),
            ExtValue::Bool(true) => Some("true"),
            ExtValue::Bool(false) => Some("false"),
            _ => None,
        }
    }
}

/// One named extension field or element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Its name.
    pub name: QName,
    /// XML attributes (always empty when read from JSON).
    pub attributes: Vec<ExtAttribute>,
    /// Its value.
    pub value: ExtValue,
}

impl Extension {
    /// An extension with a text value.
    pub fn text(name: QName, text: impl Into<String>) -> Self {
        Extension {
            name,
            attributes: Vec::new(),
            value: ExtValue::Text(text.into()),
        }
    }

    /// An extension with any value.
    pub fn new(name: QName, value: ExtValue) -> Self {
        Extension {
            name,
            attributes: Vec::new(),
            value,
        }
    }

    /// The first nested extension with local name `local` (any namespace).
    pub fn child(&self, local: &str) -> Option<&Extension> {
        match &self.value {
            ExtValue::Object(children) => children.iter().find(|c| c.name.local == local),
            _ => None,
        }
    }

    /// The value of the attribute with local name `local`.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name.local == local)
            .map(|a| a.value.as_str())
    }
}

/// A namespace declaration: an XML `xmlns:prefix` or a JSON-LD `@context` term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    /// The prefix (empty for a default namespace).
    pub prefix: String,
    /// The namespace URI.
    pub uri: String,
}

/// Prefix → namespace bindings in scope while reading.
#[derive(Debug, Clone, Default)]
pub(crate) struct NamespaceScope {
    bindings: Vec<(String, String)>,
    marks: Vec<usize>,
}

impl NamespaceScope {
    pub(crate) fn push_scope(&mut self) {
        self.marks.push(self.bindings.len());
    }

    pub(crate) fn pop_scope(&mut self) {
        if let Some(m) = self.marks.pop() {
            self.bindings.truncate(m);
        }
    }

    pub(crate) fn bind(&mut self, prefix: &str, uri: &str) {
        self.bindings.push((prefix.to_owned(), uri.to_owned()));
    }

    /// The namespace bound to `prefix`; `xmlns=""` unbinds the default.
    pub(crate) fn resolve(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
            .filter(|u| !u.is_empty())
    }

    /// Splits `prefix:local` and resolves the prefix; an unprefixed name gets
    /// the default namespace when `use_default` (elements, not attributes).
    pub(crate) fn qname(&self, raw: &str, use_default: bool) -> QName {
        match raw.split_once(':') {
            Some((p, l)) => QName {
                namespace: self.resolve(p).map(str::to_owned),
                prefix: Some(p.to_owned()),
                local: l.to_owned(),
            },
            None => QName {
                namespace: if use_default {
                    self.resolve("").map(str::to_owned)
                } else {
                    None
                },
                prefix: None,
                local: raw.to_owned(),
            },
        }
    }
}
