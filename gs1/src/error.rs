//! Errors of element-string, scan-data and HRI parsing and of message
//! validation: what is wrong, which AI, and where in the input.

use core::fmt;
use core::ops::Range;

use crate::ai::Ai;
use crate::lint::LintErrorKind;
use crate::symbology_id::SymbologyIdentifier;

/// What is wrong with a message.
///
/// [`ErrorKind::code`] gives the name GS1's Syntax Engine uses for the same
/// condition, which the CLI prints and tests compare against.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bracketed syntax is broken: a `(` or `)` is missing, or an AI has no
    /// value at the end of the input.
    AiParseFailed,
    /// The AI is not in the dictionary (and unknown AIs are not permitted),
    /// or is not two to four digits.
    UnknownAi,
    /// The value is shorter than the AI's minimum length.
    ValueTooShort,
    /// The value is longer than the AI's maximum length.
    ValueTooLong,
    /// A `^` inside a value, which would be read as FNC1.
    IllegalCaret,
    /// A component failed a linter of the dictionary.
    Lint(LintErrorKind),
    /// A component of the value is shorter than its minimum length.
    ComponentTooShort,
    /// A variable-length value runs past its maximum without a separator.
    ValueRunsOn,
    /// An AI is followed directly by a separator or the end: no value.
    EmptyValue,
    /// The message has no element strings at all.
    EmptyMessage,
    /// Unbracketed data does not start with a known AI.
    NoAiForPrefix,
    /// Unbracketed GS1 data does not begin with FNC1.
    MissingFnc1InFirstPosition,
    /// Two AIs that must not appear together (`ex=`).
    InvalidAiPair {
        /// The other AI of the pair.
        other: Ai,
    },
    /// None of the alternatives of a `req=` rule is present.
    RequiredAisMissing {
        /// The rule as the dictionary writes it, e.g. `01,02,8006`.
        rule: String,
    },
    /// An AI appears twice with different values.
    RepeatedAiDiffers {
        /// Span of the first occurrence.
        first: Range<usize>,
    },
    /// A digital signature (8030) with a key that lacks its serial component.
    SerialNotPresent,
    /// Scan data does not start with a `]` symbology identifier.
    MissingSymbologyIdentifier,
    /// A symbology identifier this library does not process.
    UnsupportedSymbologyIdentifier,
    /// EAN/UPC scan data is too short.
    PrimaryDataTooShort,
    /// EAN/UPC scan data is too long.
    PrimaryDataTooLong,
    /// EAN/UPC scan data contains a non-digit.
    PrimaryDataNotNumeric,
    /// EAN/UPC scan data has a wrong check digit.
    PrimaryCheckDigitIncorrect,
    /// An EAN/UPC add-on is not 2 or 5 digits long.
    AddOnLength,
    /// An add-on follows a symbol that may not carry one: the GS1 General
    /// Specifications allow add-ons with EAN-13, UPC-A and UPC-E only.
    AddOnNotPermitted,
    /// Scan data whose symbology identifier (or data) says the symbol holds
    /// no GS1 element strings: a plain-mode symbol, an add-on read on its
    /// own, an ITF symbol that is not an ITF-14.
    NotGs1Content {
        /// The symbology identifier that was read.
        id: SymbologyIdentifier,
    },
    /// An HRI line is not of the form `(AI) value`.
    HriSyntax,
    /// The input is not valid for this kind of input (e.g. not UTF-8 where
    /// text is needed).
    InvalidInput,
    /// The input is not UTF-8 text where text is needed (bracketed AI
    /// syntax, HRI, a URI).
    NotUtf8,
    /// The input is empty.
    EmptyInput,
    /// The input is none of the forms GS1 data comes in: bracketed AI
    /// syntax, an FNC1 message, scan data, HRI lines or a Digital Link URI.
    UnrecognisedInput,
    /// A Digital Link URI holds a character that no URI may contain.
    UriIllegalCharacter,
    /// A Digital Link URI does not start with `http://` or `https://` (or
    /// their all-uppercase forms).
    UriIllegalScheme,
    /// A Digital Link URI has no domain, or no path after it.
    UriMissingDomainOrPath,
    /// The domain of a Digital Link URI holds a character a host name cannot.
    DomainIllegalCharacter,
    /// No `/AI/value` pair with a primary-key AI ends the URI's path.
    NoDlPrimaryKey,
    /// A Digital Link path element that should hold an AI value is empty.
    EmptyPathValue,
    /// A percent-decoded Digital Link path value contains NUL (`%00`).
    NulInPathValue,
    /// A numeric query parameter name that is not a known AI.
    UnknownAiInQuery,
    /// A query parameter for an AI has an empty value.
    EmptyQueryValue,
    /// A percent-decoded query value contains NUL (`%00`).
    NulInQueryValue,
    /// The AIs in the Digital Link path are not the primary key followed by
    /// its qualifiers in an order the dictionary's `dlpkey=` allows.
    InvalidKeyQualifierSequence,
    /// An AI appears twice in a Digital Link URI.
    DuplicateAi,
    /// An AI that may not be a Digital Link data attribute (query parameter).
    NotDlDataAttribute,
    /// A query AI that is a key qualifier of the path's key: it belongs in
    /// the path.
    AiBelongsInPath,
    /// A Digital Link URI needs a primary key AI, and the element string has
    /// none.
    NoPrimaryKeyForDl,
}

impl ErrorKind {
    /// The GS1 Syntax Engine's name for the condition (without its
    /// `gs1_encoder_e` prefix).
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::AiParseFailed => "AI_PARSE_FAILED",
            ErrorKind::UnknownAi => "AI_UNRECOGNISED",
            ErrorKind::ValueTooShort => "AI_VALUE_IS_TOO_SHORT",
            ErrorKind::ValueTooLong => "AI_VALUE_IS_TOO_LONG",
            ErrorKind::IllegalCaret => "AI_CONTAINS_ILLEGAL_CARAT_CHARACTER",
            ErrorKind::Lint(_) => "AI_LINTER_ERROR",
            ErrorKind::ComponentTooShort => "AI_DATA_HAS_INCORRECT_LENGTH",
            ErrorKind::ValueRunsOn => "AI_DATA_IS_TOO_LONG",
            ErrorKind::EmptyValue => "AI_DATA_IS_EMPTY",
            ErrorKind::EmptyMessage => "AI_DATA_EMPTY",
            ErrorKind::NoAiForPrefix => "NO_AI_FOR_PREFIX",
            ErrorKind::MissingFnc1InFirstPosition => "MISSING_FNC1_IN_FIRST_POSITION",
            ErrorKind::InvalidAiPair { .. } => "INVALID_AI_PAIRS",
            ErrorKind::RequiredAisMissing { .. } => "REQUIRED_AIS_NOT_SATISFIED",
            ErrorKind::RepeatedAiDiffers { .. } => "INSTANCES_OF_AI_HAVE_DIFFERENT_VALUES",
            ErrorKind::SerialNotPresent => "SERIAL_NOT_PRESENT",
            ErrorKind::MissingSymbologyIdentifier => "MISSING_SYMBOLOGY_IDENTIFIER",
            ErrorKind::UnsupportedSymbologyIdentifier => "UNSUPPORTED_SYMBOLOGY_IDENTIFIER",
            ErrorKind::PrimaryDataTooShort => "PRIMARY_SCAN_DATA_IS_TOO_SHORT",
            ErrorKind::PrimaryDataTooLong => "PRIMARY_MESSAGE_IS_TOO_LONG",
            ErrorKind::PrimaryDataNotNumeric => "PRIMARY_MESSAGE_MAY_ONLY_CONTAIN_DIGITS",
            ErrorKind::PrimaryCheckDigitIncorrect => "PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT",
            // The remaining kinds have no counterpart in the Syntax Engine:
            // names in its style.
            ErrorKind::AddOnLength => "ADD_ON_IS_NOT_2_OR_5_DIGITS",
            ErrorKind::AddOnNotPermitted => "ADD_ON_NOT_PERMITTED_WITH_THIS_SYMBOL",
            ErrorKind::NotGs1Content { .. } => "SCAN_DATA_IS_NOT_GS1_CONTENT",
            ErrorKind::HriSyntax => "HRI_PARSE_FAILED",
            ErrorKind::InvalidInput => "INVALID_INPUT",
            ErrorKind::NotUtf8 => "INPUT_IS_NOT_UTF8",
            ErrorKind::EmptyInput => "EMPTY_INPUT",
            ErrorKind::UnrecognisedInput => "UNRECOGNISED_INPUT",
            ErrorKind::UriIllegalCharacter => "URI_CONTAINS_ILLEGAL_CHARACTERS",
            ErrorKind::UriIllegalScheme => "URI_CONTAINS_ILLEGAL_SCHEME",
            ErrorKind::UriMissingDomainOrPath => "URI_MISSING_DOMAIN_AND_PATH_INFO",
            ErrorKind::DomainIllegalCharacter => "DOMAIN_CONTAINS_ILLEGAL_CHARACTERS",
            ErrorKind::NoDlPrimaryKey => "NO_GS1_DL_KEYS_FOUND_IN_PATH_INFO",
            ErrorKind::EmptyPathValue => "AI_VALUE_PATH_ELEMENT_IS_EMPTY",
            ErrorKind::NulInPathValue => "DECODED_AI_FROM_DL_PATH_INFO_CONTAINS_ILLEGAL_NULL",
            ErrorKind::UnknownAiInQuery => "UNKNOWN_AI_IN_QUERY_PARAMS",
            ErrorKind::EmptyQueryValue => "AI_VALUE_QUERY_ELEMENT_IN_EMPTY",
            ErrorKind::NulInQueryValue => {
                "DECODED_AI_VALUE_FROM_QUERY_PARAMS_CONTAINS_ILLEGAL_NULL"
            }
            ErrorKind::InvalidKeyQualifierSequence => "INVALID_KEY_QUALIFIER_SEQUENCE",
            ErrorKind::DuplicateAi => "DUPLICATE_AI",
            ErrorKind::NotDlDataAttribute => "AI_IS_NOT_VALID_DATA_ATTRIBUTE",
            ErrorKind::AiBelongsInPath => "AI_SHOULD_BE_IN_PATH_INFO",
            ErrorKind::NoPrimaryKeyForDl => "CANNOT_CREATE_DL_URI_WITHOUT_PRIMARY_KEY_AI",
        }
    }

    /// The linter's error, when the kind is [`ErrorKind::Lint`].
    pub fn lint(&self) -> Option<LintErrorKind> {
        match self {
            ErrorKind::Lint(k) => Some(*k),
            _ => None,
        }
    }
}

/// One problem found in a message: what, which AI, and where.
///
/// Built with [`Error::new`] outside this crate, so that fields can be
/// added without breaking callers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    /// What is wrong.
    pub kind: ErrorKind,
    /// The AI concerned, when there is one.
    pub ai: Option<Ai>,
    /// Half-open byte span in the original input of the offending part: the
    /// bad characters for a linter error, the element for an association
    /// error, the AI for an unknown AI.
    pub span: Range<usize>,
}

impl Error {
    /// An error of `kind` about `ai` at `span`.
    pub fn new(kind: ErrorKind, ai: Option<Ai>, span: Range<usize>) -> Error {
        Error { kind, ai, span }
    }

    /// A sentence a line operator understands.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ai) = self.ai {
            write!(f, "AI ({ai}): ")?;
        }
        match &self.kind {
            ErrorKind::AiParseFailed => f.write_str("the bracketed AI syntax is broken"),
            ErrorKind::UnknownAi => f.write_str("not a known Application Identifier"),
            ErrorKind::ValueTooShort => f.write_str("the value is too short"),
            ErrorKind::ValueTooLong => f.write_str("the value is too long"),
            ErrorKind::IllegalCaret => f.write_str("the value contains '^', which means FNC1"),
            ErrorKind::Lint(k) => f.write_str(k.message()),
            ErrorKind::ComponentTooShort => f.write_str("a part of the value has the wrong length"),
            ErrorKind::ValueRunsOn => {
                f.write_str("the value is too long: a separator (FNC1/GS) is missing after it")
            }
            ErrorKind::EmptyValue => f.write_str("the value is empty"),
            ErrorKind::EmptyMessage => f.write_str("the message holds no AI data"),
            ErrorKind::NoAiForPrefix => f.write_str("no known AI starts the data here"),
            ErrorKind::MissingFnc1InFirstPosition => {
                f.write_str("GS1 data must begin with FNC1 in first position (^ or GS)")
            }
            ErrorKind::InvalidAiPair { other } => {
                write!(f, "must not appear together with AI ({other})")
            }
            ErrorKind::RequiredAisMissing { rule } => {
                write!(f, "requires one of these AIs (or groups) with it: {rule}")
            }
            ErrorKind::RepeatedAiDiffers { .. } => {
                f.write_str("appears more than once with different values")
            }
            ErrorKind::SerialNotPresent => {
                f.write_str("a digital signature (8030) needs this key's serial component")
            }
            ErrorKind::MissingSymbologyIdentifier => {
                f.write_str("scan data must start with a symbology identifier such as ]d2")
            }
            ErrorKind::UnsupportedSymbologyIdentifier => {
                f.write_str("unsupported symbology identifier")
            }
            ErrorKind::PrimaryDataTooShort => f.write_str("the EAN/UPC or ITF-14 data is too short"),
            ErrorKind::PrimaryDataTooLong => f.write_str("the EAN/UPC or ITF-14 data is too long"),
            ErrorKind::PrimaryDataNotNumeric => {
                f.write_str("the EAN/UPC or ITF-14 data may only hold digits")
            }
            ErrorKind::PrimaryCheckDigitIncorrect => {
                f.write_str("the EAN/UPC or ITF-14 check digit is incorrect")
            }
            ErrorKind::AddOnLength => f.write_str("an EAN/UPC add-on has 2 or 5 digits"),
            ErrorKind::AddOnNotPermitted => {
                f.write_str("an add-on may follow only EAN-13, UPC-A or UPC-E, not EAN-8")
            }
            ErrorKind::NotGs1Content { id } => {
                write!(f, "scan data {id} is not GS1 content: ")?;
                f.write_str(match (id.symbology(), id.modifier()) {
                    ('E', '1' | '2') => "an EAN/UPC add-on read on its own carries no GTIN",
                    ('I', _) => "only ITF-14 (14 digits) carries GS1 data in ITF",
                    ('d' | 'Q' | 'J' | 'C', _) => {
                        "the symbol was read in plain mode, without FNC1 in first position"
                    }
                    _ => "this symbology identifier does not announce GS1 data",
                })
            }
            ErrorKind::HriSyntax => f.write_str("expected HRI lines of the form \"(AI) value\""),
            ErrorKind::InvalidInput => f.write_str("the input is not valid for this kind of data"),
            ErrorKind::NotUtf8 => f.write_str("the input is not valid UTF-8 text"),
            ErrorKind::EmptyInput => f.write_str("the input is empty"),
            ErrorKind::UnrecognisedInput => f.write_str(
                "unrecognised input: expected (AI)…, [AI]…, ^… or GS… (FNC1 message), ]xx… (scan data), \
                 http(s)://… (Digital Link) or \"(AI) value\" (HRI)",
            ),
            ErrorKind::UriIllegalCharacter => {
                f.write_str("the URI contains a character that a URI may not hold")
            }
            ErrorKind::UriIllegalScheme => {
                f.write_str("a Digital Link URI must start with http:// or https://")
            }
            ErrorKind::UriMissingDomainOrPath => {
                f.write_str("the URI has no domain name or no path after it")
            }
            ErrorKind::DomainIllegalCharacter => {
                f.write_str("the domain name contains a character a host name may not hold")
            }
            ErrorKind::NoDlPrimaryKey => f.write_str(
                "the URI path does not end in a GS1 primary key and its qualifiers (/AI/value)",
            ),
            ErrorKind::EmptyPathValue => f.write_str("the value in the URI path is empty"),
            ErrorKind::NulInPathValue => {
                f.write_str("the value in the URI path decodes to a NUL character (%00)")
            }
            ErrorKind::UnknownAiInQuery => {
                f.write_str("a numeric query parameter is not a known Application Identifier")
            }
            ErrorKind::EmptyQueryValue => f.write_str("the query parameter's value is empty"),
            ErrorKind::NulInQueryValue => {
                f.write_str("the query value decodes to a NUL character (%00)")
            }
            ErrorKind::InvalidKeyQualifierSequence => f.write_str(
                "the AIs in the URI path are not a primary key followed by its qualifiers in the permitted order",
            ),
            ErrorKind::DuplicateAi => f.write_str("appears more than once in the URI"),
            ErrorKind::NotDlDataAttribute => {
                f.write_str("may not be a Digital Link data attribute (query parameter)")
            }
            ErrorKind::AiBelongsInPath => f.write_str(
                "is a qualifier of the primary key and belongs in the URI path, not the query",
            ),
            ErrorKind::NoPrimaryKeyForDl => {
                f.write_str("a Digital Link URI needs a primary key AI such as (01) or (00)")
            }
        }?;
        write!(f, " (bytes {}..{})", self.span.start, self.span.end)
    }
}

impl std::error::Error for Error {}

/// Every problem found in one message, in the order they were found
/// (structure and values first, then associations between AIs). Never
/// empty; built from an [`Error`] with `From` outside this crate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// The first problem found.
    pub fn first(&self) -> Option<&Error> {
        self.0.first()
    }

    /// All problems.
    pub fn iter(&self) -> core::slice::Iter<'_, Error> {
        self.0.iter()
    }

    pub(crate) fn one(e: Error) -> Errors {
        Errors(vec![e])
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Errors {
        Errors::one(e)
    }
}

impl<'a> IntoIterator for &'a Errors {
    type Item = &'a Error;
    type IntoIter = core::slice::Iter<'a, Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
