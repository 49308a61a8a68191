//! `serialkit gs1 …`: parse any GS1 input to every other form, and run a
//! single linter.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::Serialize;
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
                .permit_unknown_ais(args.unknown_ai);
            for_each_input(&args.input, |input| parse_one(input, &options, &args))?
        }
        Gs1Command::Lint(args) => {
            for_each_input(&args.input, |input| lint_one(args.linter, input))?
        }
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
struct ErrorJson {
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

fn error_json(e: &Error) -> ErrorJson {
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

fn errors_json(errors: &Errors) -> (String, bool) {
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
    let parsed = match detect(input, options, args) {
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

fn as_text(input: &[u8]) -> Result<&str, Errors> {
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

fn detect<'a>(input: &'a [u8], options: &Options, args: &ParseArgs) -> Result<Parsed<'a>, Errors> {
    let plain = |es| Parsed {
        es,
        dl_ignored_query: None,
    };
    match input.first() {
        Some(b'^') | Some(0x1d) => ElementString::parse_message(input, options).map(plain),
        Some(b']') => from_scan(input, options, args),
        Some(b'(') if is_hri(input) => {
            ElementString::parse_hri(as_text(input)?, options).map(plain)
        }
        Some(b'(') | Some(b'[') => {
            ElementString::parse_bracketed(as_text(input)?, options).map(plain)
        }
        _ if input.starts_with(b"http://") || input.starts_with(b"https://") => {
            parse_digital_link(input, options, args)
        }
        _ => Err(Errors(vec![Error::new(
            ErrorKind::InvalidInput,
            None,
            0..input.len().min(1),
        )])),
    }
}

fn from_scan<'a>(
    input: &'a [u8],
    options: &Options,
    args: &ParseArgs,
) -> Result<Parsed<'a>, Errors> {
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
        ScanContent::Plain(data)
            if data.starts_with(b"http://") || data.starts_with(b"https://") =>
        {
            parse_digital_link(data, options, args).map_err(|e| shift(e, 3))
        }
        _ => Err(Errors(vec![Error::new(
            ErrorKind::InvalidInput,
            None,
            0..3,
        )])),
    }
}

fn shift(mut e: Errors, by: usize) -> Errors {
    for x in &mut e.0 {
        x.span = x.span.start + by..x.span.end + by;
    }
    e
}

/// GS1 Digital Link input. Digital Link support is being added to
/// serialkit-gs1; until it lands this reports a clear error.
fn parse_digital_link<'a>(
    input: &'a [u8],
    _options: &Options,
    _args: &ParseArgs,
) -> Result<Parsed<'a>, Errors> {
    Err(Errors(vec![Error::new(
        ErrorKind::InvalidInput,
        None,
        0..input.len(),
    )]))
}

/// The canonical Digital Link URI of a message with a primary key.
fn digital_link_of(_es: &ElementString<'_>, _stem: &str) -> Option<String> {
    None
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
