//! `serialkit gs1 …`: parse any GS1 input to every other form, and run a
//! single linter.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::Serialize;
use serialkit_gs1::dl::{DigitalLink, is_digital_link};
use serialkit_gs1::lint::Linter;
use serialkit_gs1::scan::{ScanContent, ScanData};
use serialkit_gs1::{ElementString, Error, ErrorKind, Errors, Fnc1Notation, Options};

use crate::input::for_each_input;

/// GS1 subcommands.
#[derive(Subcommand)]
pub enum Gs1Command {
    /// Parse and validate GS1 data; print every form as JSON.
    ///
    /// The input kind is detected: `(` or `[` bracketed AI syntax; `^` or GS
    /// first = FNC1 message; `]` = scan data with symbology identifier;
    /// `http://`/`https://` = GS1 Digital Link; `(AI) value` lines = HRI.
    Parse(ParseArgs),
    /// Run one linter of the GS1 Barcode Syntax Dictionary on one component
    /// value.
    Lint(LintArgs),
    /// Convert between GS1 keys and EPC identifiers (Tag Data Standard):
    /// element string, Digital Link URI, EPC pure identity URI, tag URI or
    /// hex in; every form out as JSON.
    Epc(crate::gs1_epc::EpcArgs),
}

/// Arguments of `gs1 parse`.
#[derive(Args)]
pub struct ParseArgs {
    /// The input, or `-` to read one input per line from stdin.
    pub input: String,
    /// Skip the dictionary's `req=` checks (required partner AIs).
    #[arg(long)]
    pub no_req: bool,
    /// Permit AIs that the dictionary does not define.
    #[arg(long)]
    pub unknown_ai: bool,
    /// Stem for the Digital Link URI output: an absolute http(s) URL, with
    /// an optional path, and no query or fragment.
    #[arg(long, value_name = "URL", default_value = "https://id.gs1.org", value_parser = parse_dl_stem)]
    pub dl_stem: DlStem,
    /// Accept GTIN-8/12/13 (zero-suppressed) in a Digital Link `/01/` path.
    #[arg(long)]
    pub zero_suppressed_gtin: bool,
}

/// Arguments of `gs1 lint`.
#[derive(Args)]
pub struct LintArgs {
    /// Linter name as the dictionary spells it, e.g. `csum`, `yymmd0`.
    #[arg(value_parser = parse_linter)]
    pub linter: Linter,
    /// The component value, or `-` to read one value per line from stdin.
    pub input: String,
}

/// A Digital Link stem that a URI can be built on: `http://` or `https://`
/// (all lower or all upper case, as GS1 Digital Link allows), a host, an
/// optional path; no query and no fragment, which would swallow the
/// `/AI/value` path written after the stem.
#[derive(Clone, Debug)]
pub struct DlStem(String);

/// Why a `--dl-stem` value cannot be a Digital Link stem.
#[derive(Debug)]
pub enum DlStemError {
    /// Not `http://` or `https://`.
    Scheme,
    /// A `?` query part.
    Query(usize),
    /// A `#` fragment.
    Fragment(usize),
    /// Rejected by the Digital Link parser once a key is added: no host, or a
    /// character a URI or host name cannot hold.
    Uri(Error),
}

impl std::fmt::Display for DlStemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DlStemError::Scheme => f.write_str(
                "a Digital Link stem is an absolute URL starting with http:// or https://",
            ),
            DlStemError::Query(at) => {
                write!(f, "a Digital Link stem has no query ('?' at byte {at})")
            }
            DlStemError::Fragment(at) => {
                write!(f, "a Digital Link stem has no fragment ('#' at byte {at})")
            }
            DlStemError::Uri(e) => write!(f, "not a usable Digital Link stem: {e}"),
        }
    }
}

impl std::error::Error for DlStemError {}

impl DlStem {
    /// The stem as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for DlStem {
    type Err = DlStemError;

    fn from_str(s: &str) -> Result<DlStem, DlStemError> {
        if !is_digital_link(s.as_bytes()) {
            return Err(DlStemError::Scheme);
        }
        if let Some(at) = s.find('?') {
            return Err(DlStemError::Query(at));
        }
        if let Some(at) = s.find('#') {
            return Err(DlStemError::Fragment(at));
        }
        // The library's own URI rules decide the rest: the stem must carry a
        // URI that parses, with exactly this stem, once a key is added.
        let stem = s.strip_suffix('/').unwrap_or(s);
        let probe = format!("{stem}/01/09521234543213");
        let options = Options::default();
        match DigitalLink::parse(&probe, &options) {
            Ok(d) if d.stem() == stem => Ok(DlStem(s.to_owned())),
            Ok(_) => Err(DlStemError::Uri(Error::new(
                ErrorKind::UriMissingDomainOrPath,
                None,
                0..s.len(),
            ))),
            Err(e) => Err(DlStemError::Uri(e.first().cloned().unwrap_or_else(|| {
                Error::new(ErrorKind::UriIllegalCharacter, None, 0..s.len())
            }))),
        }
    }
}

fn parse_dl_stem(s: &str) -> Result<DlStem, DlStemError> {
    s.parse()
}

fn parse_linter(s: &str) -> Result<Linter, String> {
    Linter::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Linter::ALL.iter().map(|l| l.name()).collect();
        format!("unknown linter; one of: {}", names.join(", "))
    })
}

/// Runs a GS1 subcommand.
pub fn run(cmd: Gs1Command) -> std::io::Result<ExitCode> {
    let all_ok = match cmd {
        Gs1Command::Parse(args) => {
            let options = Options::default()
                .check_requisites(!args.no_req)
                .permit_unknown_ais(args.unknown_ai)
                .permit_zero_suppressed_gtin(args.zero_suppressed_gtin);
            for_each_input(&args.input, |input| parse_one(input, &options, &args))?
        }
        Gs1Command::Lint(args) => {
            for_each_input(&args.input, |input| lint_one(args.linter, input))?
        }
        Gs1Command::Epc(args) => return crate::gs1_epc::run(&args),
    };
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(Serialize)]
struct AiJson<'a> {
    ai: String,
    value: &'a str,
}

#[derive(Serialize)]
struct ParseOk<'a> {
    ok: bool,
    element_string: String,
    bracketed: String,
    hri: Vec<String>,
    digital_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dl_ignored_query: Option<String>,
    /// The EAN/UPC add-on of scan data, which GS1 gives no AI.
    #[serde(skip_serializing_if = "Option::is_none")]
    add_on: Option<String>,
    ais: Vec<AiJson<'a>>,
}

#[derive(Serialize)]
pub(crate) struct ErrorJson {
    kind: &'static str,
    ai: Option<String>,
    span: [usize; 2],
    message: String,
}

#[derive(Serialize)]
struct ParseErr {
    ok: bool,
    errors: Vec<ErrorJson>,
}

pub(crate) fn error_json(e: &Error) -> ErrorJson {
    ErrorJson {
        // A linter failure names the linter's own error (the more useful
        // detail); other errors use the GS1 Syntax Engine's name.
        kind: match &e.kind {
            ErrorKind::Lint(k) => k.code(),
            k => k.code(),
        },
        ai: e.ai.map(|a| a.to_string()),
        span: [e.span.start, e.span.end],
        message: e.to_string(),
    }
}

pub(crate) fn errors_json(errors: &Errors) -> (String, bool) {
    let body = ParseErr {
        ok: false,
        errors: errors.iter().map(error_json).collect(),
    };
    (serde_json::to_string(&body).unwrap_or_default(), false)
}

/// What the detected input holds, as an element string plus Digital Link
/// details when the input was a URI, and the add-on of EAN/UPC scan data.
struct Parsed<'a> {
    es: ElementString<'a>,
    dl_ignored_query: Option<String>,
    add_on: Option<String>,
}

impl<'a> Parsed<'a> {
    fn plain(es: ElementString<'a>) -> Self {
        Parsed {
            es,
            dl_ignored_query: None,
            add_on: None,
        }
    }
}

fn parse_one(input: &[u8], options: &Options, args: &ParseArgs) -> (String, bool) {
    let parsed = match detect(input, options) {
        Ok(p) => p,
        Err(errors) => return errors_json(&errors),
    };
    let es = &parsed.es;
    let body = ParseOk {
        ok: true,
        element_string: es.to_message(Fnc1Notation::Caret),
        bracketed: es.to_bracketed(),
        hri: es.hri(),
        digital_link: digital_link_of(es, args.dl_stem.as_str()),
        dl_ignored_query: parsed.dl_ignored_query,
        add_on: parsed.add_on,
        ais: es
            .elements()
            .iter()
            .map(|e| AiJson {
                ai: e.ai().to_string(),
                value: e.value(),
            })
            .collect(),
    };
    (serde_json::to_string(&body).unwrap_or_default(), true)
}

pub(crate) fn as_text(input: &[u8]) -> Result<&str, Errors> {
    std::str::from_utf8(input).map_err(|e| {
        let at = e.valid_up_to();
        Errors::from(Error::new(ErrorKind::NotUtf8, None, at..at + 1))
    })
}

/// Whether the first line is HRI: `(AI) value`, or with the data title in
/// front, `TITLE (AI) value` — a title starts with a letter and the AI is
/// the first bracketed run of digits followed by a space.
fn is_hri(input: &[u8]) -> bool {
    let line = input.split(|&b| b == b'\n').next().unwrap_or_default();
    let Some(first) = line.first() else {
        return false;
    };
    if *first != b'(' && !first.is_ascii_alphabetic() {
        return false;
    }
    let mut from = 0;
    while let Some(open) = line[from..]
        .iter()
        .position(|&b| b == b'(')
        .map(|i| from + i)
    {
        let digits = line[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 0 && line.get(open + 1 + digits) == Some(&b')') {
            // Untitled HRI needs the space to differ from bracketed syntax.
            return open > 0 || line.get(open + 2 + digits) == Some(&b' ');
        }
        from = open + 1;
    }
    false
}

fn one(kind: ErrorKind, span: std::ops::Range<usize>) -> Errors {
    Errors::from(Error::new(kind, None, span))
}

fn detect<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    match input.first() {
        None => Err(one(ErrorKind::EmptyInput, 0..0)),
        Some(b'^') | Some(0x1d) => ElementString::parse_message(input, options).map(Parsed::plain),
        Some(b']') => from_scan(input, options),
        _ if is_digital_link(input) => parse_digital_link(input, options),
        _ if is_hri(input) => ElementString::parse_hri(as_text(input)?, options).map(Parsed::plain),
        Some(b'(') | Some(b'[') => {
            ElementString::parse_bracketed(as_text(input)?, options).map(Parsed::plain)
        }
        // Digits first: element strings that lack the FNC1 (`^` or GS) that
        // marks GS1 data.
        Some(b'0'..=b'9') => Err(one(ErrorKind::MissingFnc1InFirstPosition, 0..1)),
        _ => Err(one(ErrorKind::UnrecognisedInput, 0..input.len())),
    }
}

fn from_scan<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    let scan = ScanData::parse(input, options)?;
    let (dl_ignored_query, add_on) = match scan.content() {
        ScanContent::DigitalLink(d) => (d.ignored_query(), None),
        ScanContent::Gtin { add_on, .. } => (None, add_on.map(|a| a.to_string())),
        _ => (None, None),
    };
    // EAN/UPC and ITF-14 GTINs become (01) spanning their digits in the
    // scan data; composite elements keep their own spans.
    Ok(Parsed {
        es: scan.into_element_string()?,
        dl_ignored_query,
        add_on,
    })
}

/// GS1 Digital Link input (`http://` or `https://`, all lower or all upper
/// case): the AIs of path and query, plus the non-GS1 query parameters.
fn parse_digital_link<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    let d = DigitalLink::parse(as_text(input)?, options)?;
    Ok(Parsed {
        dl_ignored_query: d.ignored_query(),
        es: d.into_element_string(),
        add_on: None,
    })
}

/// The canonical Digital Link URI of a message with a primary key (`None`
/// without one, or when an AI may not be a Digital Link attribute).
fn digital_link_of(es: &ElementString<'_>, stem: &str) -> Option<String> {
    es.to_digital_link(stem).ok()
}

#[derive(Serialize)]
struct LintOk {
    ok: bool,
}

#[derive(Serialize)]
struct LintErr {
    ok: bool,
    kind: &'static str,
    span: [usize; 2],
    message: &'static str,
}

fn lint_one(linter: Linter, input: &[u8]) -> (String, bool) {
    match linter.check(input) {
        Ok(()) => (
            serde_json::to_string(&LintOk { ok: true }).unwrap_or_default(),
            true,
        ),
        Err(e) => {
            let body = LintErr {
                ok: false,
                kind: e.kind.code(),
                span: [e.span.start, e.span.end],
                message: e.kind.message(),
            };
            (serde_json::to_string(&body).unwrap_or_default(), false)
        }
    }
}
