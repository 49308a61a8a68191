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
    /// Stem for the Digital Link URI output.
    #[arg(long, value_name = "URL", default_value = "https://id.gs1.org")]
    pub dl_stem: String,
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
/// details when the input was a URI.
struct Parsed<'a> {
    es: ElementString<'a>,
    dl_ignored_query: Option<String>,
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
        digital_link: digital_link_of(es, &args.dl_stem),
        dl_ignored_query: parsed.dl_ignored_query,
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
        Errors(vec![Error::new(ErrorKind::InvalidInput, None, at..at + 1)])
    })
}

fn is_hri(input: &[u8]) -> bool {
    // "(AI) value": a bracketed AI followed by a space.
    match input.iter().position(|&b| b == b')') {
        Some(close) => input.first() == Some(&b'(') && input.get(close + 1) == Some(&b' '),
        None => false,
    }
}

fn detect<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    let plain = |es| Parsed {
        es,
        dl_ignored_query: None,
    };
    match input.first() {
        Some(b'^') | Some(0x1d) => ElementString::parse_message(input, options).map(plain),
        Some(b']') => from_scan(input, options),
        Some(b'(') if is_hri(input) => {
            ElementString::parse_hri(as_text(input)?, options).map(plain)
        }
        Some(b'(') | Some(b'[') => {
            ElementString::parse_bracketed(as_text(input)?, options).map(plain)
        }
        _ if is_digital_link(input) => parse_digital_link(input, options),
        _ => Err(Errors(vec![Error::new(
            ErrorKind::InvalidInput,
            None,
            0..input.len().min(1),
        )])),
    }
}

fn from_scan<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    let scan = ScanData::parse(input, options)?;
    match scan.into_content() {
        ScanContent::Gs1(es) => Ok(Parsed {
            es,
            dl_ignored_query: None,
        }),
        ScanContent::Gtin {
            gtin, composite, ..
        } => {
            let mut text = format!("(01){gtin}");
            if let Some(cc) = composite {
                text.push('|');
                text.push_str(&cc.to_bracketed());
            }
            let es = ElementString::parse_bracketed(&text, options)?.into_owned();
            Ok(Parsed {
                es,
                dl_ignored_query: None,
            })
        }
        // A Digital Link in plain 2D scan data is parsed by ScanData itself
        // (spans already count from the start of the scan data).
        ScanContent::DigitalLink(d) => Ok(Parsed {
            dl_ignored_query: d.ignored_query(),
            es: d.into_element_string(),
        }),
        _ => Err(Errors(vec![Error::new(
            ErrorKind::InvalidInput,
            None,
            0..3,
        )])),
    }
}

/// GS1 Digital Link input (`http://` or `https://`, all lower or all upper
/// case): the AIs of path and query, plus the non-GS1 query parameters.
fn parse_digital_link<'a>(input: &'a [u8], options: &Options) -> Result<Parsed<'a>, Errors> {
    let d = DigitalLink::parse(as_text(input)?, options)?;
    Ok(Parsed {
        dl_ignored_query: d.ignored_query(),
        es: d.into_element_string(),
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
