//! Errors and diagnostics, each with a location: line and column (and byte
//! offset) in XML, a JSON Pointer (and line/column when known) in JSON.

use std::fmt;

/// Where in the input something was found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Location {
    /// Position in an XML document.
    Xml {
        /// Byte offset from the start.
        offset: u64,
        /// 1-based line.
        line: u32,
        /// 1-based column (in bytes).
        column: u32,
    },
    /// Position in a JSON document.
    Json {
        /// RFC 6901 JSON Pointer of the value (`/epcisBody/eventList/0/action`).
        pointer: String,
        /// 1-based line, when known.
        line: Option<u32>,
        /// 1-based column, when known.
        column: Option<u32>,
    },
    /// No position (e.g. an in-memory model).
    #[default]
    Unknown,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Xml { line, column, .. } => write!(f, "line {line}, column {column}"),
            Location::Json {
                pointer,
                line: Some(l),
                column: Some(c),
            } => {
                write!(
                    f,
                    "{} (line {l}, column {c})",
                    if pointer.is_empty() { "/" } else { pointer }
                )
            }
            Location::Json { pointer, .. } => {
                f.write_str(if pointer.is_empty() { "/" } else { pointer })
            }
            Location::Unknown => f.write_str("(unknown location)"),
        }
    }
}

/// What is wrong, independent of where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The input is not well-formed XML/JSON.
    #[error("malformed {format}: {message}")]
    Syntax {
        /// `XML` or `JSON`.
        format: &'static str,
        /// The parser's message.
        message: String,
    },
    /// The root is not an EPCIS document, event, query or capture job.
    #[error("not an EPCIS document: {0}")]
    UnknownRoot(String),
    /// A required field is missing.
    #[error("missing required field `{0}`")]
    MissingField(String),
    /// A field that does not belong here.
    #[error("unexpected field `{0}`")]
    UnexpectedField(String),
    /// A field given twice.
    #[error("field `{0}` given more than once")]
    DuplicateField(String),
    /// A value of the wrong JSON type.
    #[error("`{field}` must be {expected}")]
    WrongType {
        /// The field.
        field: String,
        /// What was expected (`a string`, `a number`, …).
        expected: &'static str,
    },
    /// A value that does not parse.
    #[error("`{field}`: {reason}")]
    BadValue {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
    /// A vocabulary value outside the standard vocabulary.
    #[error("`{field}`: `{value}` is not a standard CBV value")]
    NonStandardVocabulary {
        /// The field.
        field: String,
        /// The value.
        value: String,
    },
    /// A rule of the standard beyond field syntax is broken.
    #[error("{0}")]
    Rule(String),
    /// An element where the XML schema does not allow it (e.g. an EPCIS 1.2
    /// field outside its `extension` wrapper).
    #[error("`{element}` is misplaced: {reason}")]
    Misplaced {
        /// The element.
        element: String,
        /// Where it may stand instead, or why not here.
        reason: String,
    },
    /// An element out of the order the XML schema requires.
    #[error("`{found}` is out of order (expected before `{before}`)")]
    Order {
        /// The misplaced element.
        found: String,
        /// The element it must precede.
        before: String,
    },
}

impl Problem {
    /// A stable short code for the kind of problem (`missing-field`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Syntax { .. } => "syntax",
            Problem::UnknownRoot(_) => "unknown-root",
            Problem::MissingField(_) => "missing-field",
            Problem::UnexpectedField(_) => "unexpected-field",
            Problem::DuplicateField(_) => "duplicate-field",
            Problem::WrongType { .. } => "wrong-type",
            Problem::BadValue { .. } => "bad-value",
            Problem::NonStandardVocabulary { .. } => "non-standard-vocabulary",
            Problem::Rule(_) => "rule",
            Problem::Order { .. } => "order",
            Problem::Misplaced { .. } => "misplaced",
        }
    }
}

/// A problem at a location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct Diagnostic {
    /// Where.
    pub location: Location,
    /// What.
    pub problem: Problem,
}

/// Errors of reading, writing and converting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is malformed or does not follow the EPCIS structure.
    #[error(transparent)]
    Invalid(Box<Diagnostic>),
    /// Reading or writing failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The caller asked for something the target cannot hold (e.g. a poll
    /// query as an EPCIS 1.2 capture document).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

impl Error {
    pub(crate) fn invalid(location: Location, problem: Problem) -> Self {
        Error::Invalid(Box::new(Diagnostic { location, problem }))
    }

    /// The diagnostic of an invalid input.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Error::Invalid(d) => Some(d),
            _ => None,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Invalid(Box::new(d))
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
