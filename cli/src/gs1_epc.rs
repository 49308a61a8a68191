//! `serialkit gs1 epc`: convert between GS1 keys (element string, Digital
//! Link URI) and EPC identifiers (pure identity URI, tag URI, hex).

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink, is_digital_link};
use serialkit_gs1::epc::{
    BinaryScheme, CompanyPrefix, Decoded, Epc, EpcError, EpcErrorKind, EpcPattern, GcpLengthTable,
    Lgtin, PlusTag, Tag, decode_any_hex,
};
use serialkit_gs1::scan::{ScanContent, ScanData};
use serialkit_gs1::{ElementString, Errors, Fnc1Notation, Options, OwnedElementString};

use crate::gs1::{as_text, errors_json};
use crate::input::for_each_input;

/// Arguments of `gs1 epc`.
#[derive(Args)]
pub struct EpcArgs {
    /// Element string (bracketed, `^` message or scan data), Digital Link
    /// URI, EPC URI (`urn:epc:id:`, `:tag:`, `:class:lgtin:`, `:idpat:`) or
    /// hex; `-` reads one input per line from stdin.
    pub input: String,
    /// Length of the GS1 Company Prefix of the key (6–12).
    #[arg(long, value_name = "N", conflicts_with = "gcp_table")]
    pub gcp_length: Option<u8>,
    /// GS1's GCP Prefix Format List (XML) to look company prefix lengths up.
    #[arg(long, value_name = "FILE")]
    pub gcp_table: Option<std::path::PathBuf>,
    /// Filter value for the tag encoding (0–7); default: the input tag's,
    /// else 0.
    #[arg(long, value_name = "F")]
    pub filter: Option<u8>,
    /// Binary scheme of the tag encoding, e.g. `sgtin-96`, `sgtin-198`,
    /// `sgtin+`; default: the input tag's, else the shortest that fits.
    #[arg(long, value_name = "SCHEME", value_parser = parse_scheme)]
    pub scheme: Option<BinaryScheme>,
}

fn parse_scheme(s: &str) -> Result<BinaryScheme, String> {
    s.parse().map_err(|_| {
        let names: Vec<&str> = BinaryScheme::ALL.iter().map(|b| b.name()).collect();
        format!("unknown binary scheme; one of: {}", names.join(", "))
    })
}

/// Runs `gs1 epc`.
pub fn run(args: &EpcArgs) -> std::io::Result<ExitCode> {
    let table = match &args.gcp_table {
        Some(path) => match GcpLengthTable::load(path) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("serialkit: {e}");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let gcp = match (&table, args.gcp_length) {
        (Some(t), _) => Some(CompanyPrefix::Table(t)),
        (None, Some(n)) => Some(CompanyPrefix::Length(n)),
        (None, None) => None,
    };
    let ok = for_each_input(&args.input, |input| convert_one(input, gcp, args))?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(Serialize)]
struct EpcOk {
    ok: bool,
    element_string: String,
    digital_link: Option<String>,
    epc_uri: String,
    tag_uri: Option<String>,
    hex: Option<String>,
}

#[derive(Serialize)]
struct EpcErrJson {
    kind: &'static str,
    ai: Option<String>,
    span: [usize; 2],
    message: String,
}

#[derive(Serialize)]
struct EpcErr {
    ok: bool,
    errors: Vec<EpcErrJson>,
}

/// Why one input failed: GS1 validation errors or an EPC error.
enum Failure {
    Gs1(Errors),
    Epc(EpcError, usize),
}

impl From<Errors> for Failure {
    fn from(e: Errors) -> Failure {
        Failure::Gs1(e)
    }
}

fn epc_failure(len: usize) -> impl Fn(EpcError) -> Failure {
    move |e| Failure::Epc(e, len)
}

fn convert_one(input: &[u8], gcp: Option<CompanyPrefix<'_>>, args: &EpcArgs) -> (String, bool) {
    match convert(input, gcp, args) {
        Ok(out) => (serde_json::to_string(&out).unwrap_or_default(), true),
        Err(Failure::Gs1(e)) => errors_json(&e),
        Err(Failure::Epc(e, len)) => {
            let span = e.at.map_or([0, len], |a| [a, (a + 1).min(len.max(a + 1))]);
            let body = EpcErr {
                ok: false,
                errors: vec![EpcErrJson {
                    kind: e.kind.code(),
                    ai: None,
                    span,
                    message: e.to_string(),
                }],
            };
            (serde_json::to_string(&body).unwrap_or_default(), false)
        }
    }
}

/// What the input named: an EPC (possibly with its tag), a class or
/// pattern, or GS1 AIs still to be split.
enum Source {
    Epc(Epc, Option<Tag>),
    Plus(PlusTag),
    Class(Lgtin),
    Pattern(EpcPattern),
    Keys(OwnedElementString),
}

fn is_hex(b: &[u8]) -> bool {
    b.len() >= 4 && b.len() % 4 == 0 && b.iter().all(u8::is_ascii_hexdigit)
}

fn read_source(input: &[u8]) -> Result<Source, Failure> {
    let len = input.len();
    let err = epc_failure(len);
    let text = || as_text(input);
    let opts = Options::default();
    Ok(match input {
        _ if input.starts_with(b"urn:epc:tag:") => {
            let t: Tag = text()?.parse().map_err(&err)?;
            Source::Epc(*t.epc(), Some(t))
        }
        _ if input.starts_with(b"urn:epc:id:") => Source::Epc(text()?.parse().map_err(&err)?, None),
        _ if input.starts_with(b"urn:epc:class:") => Source::Class(text()?.parse().map_err(&err)?),
        _ if input.starts_with(b"urn:epc:idpat:") => {
            Source::Pattern(text()?.parse().map_err(&err)?)
        }
        _ if is_digital_link(input) => Source::Keys(
            DigitalLink::parse(text()?, &opts)?
                .into_element_string()
                .into_owned(),
        ),
        [b']', ..] => match ScanData::parse(input, &opts)?.into_content() {
            ScanContent::Gs1(es) => Source::Keys(es.into_owned()),
            ScanContent::DigitalLink(d) => Source::Keys(d.into_element_string().into_owned()),
            ScanContent::Gtin { gtin, .. } => {
                Source::Keys(ElementString::parse(&format!("(01){gtin}"), &opts)?.into_owned())
            }
            _ => {
                return Err(err(EpcError {
                    kind: EpcErrorKind::UnknownScheme,
                    at: Some(0),
                }));
            }
        },
        _ if is_hex(input) => match decode_any_hex(text()?).map_err(&err)? {
            Decoded::Tag(t) => Source::Epc(*t.epc(), Some(t)),
            Decoded::Plus(p) => Source::Plus(p),
            _ => {
                return Err(err(EpcError {
                    kind: EpcErrorKind::UnknownScheme,
                    at: Some(0),
                }));
            }
        },
        _ => Source::Keys(ElementString::parse(text()?, &opts)?.into_owned()),
    })
}

fn convert(input: &[u8], gcp: Option<CompanyPrefix<'_>>, args: &EpcArgs) -> Result<EpcOk, Failure> {
    let err = epc_failure(input.len());
    let need_gcp = || {
        gcp.ok_or(EpcError {
            kind: EpcErrorKind::UnknownCompanyPrefixLength,
            at: None,
        })
    };
    let source = read_source(input)?;
    let (epc, input_tag, plus_es) = match source {
        Source::Epc(epc, tag) => (epc, tag, None),
        Source::Plus(p) => {
            let es = p.element_string().clone();
            let epc = Epc::from_element_string(&es, need_gcp().map_err(&err)?).map_err(&err)?;
            (epc, None, Some((Some(p), es)))
        }
        Source::Keys(es) => {
            let epc = Epc::from_element_string(&es, need_gcp().map_err(&err)?).map_err(&err)?;
            (epc, None, Some((None, es)))
        }
        Source::Class(c) => {
            let es = c.to_element_string().map_err(&err)?;
            return Ok(EpcOk {
                ok: true,
                element_string: es.to_message(Fnc1Notation::Caret),
                digital_link: es.to_digital_link(CANONICAL_STEM).ok(),
                epc_uri: c.to_string(),
                tag_uri: None,
                hex: None,
            });
        }
        Source::Pattern(p) => {
            let es = p.to_element_string().map_err(&err)?;
            return Ok(EpcOk {
                ok: true,
                element_string: es.to_message(Fnc1Notation::Caret),
                digital_link: es.to_digital_link(CANONICAL_STEM).ok(),
                epc_uri: p.to_string(),
                tag_uri: None,
                hex: None,
            });
        }
    };
    let es = epc.to_element_string().map_err(&err)?;
    let filter = args
        .filter
        .or(input_tag.map(|t| t.filter()))
        .or(plus_es
            .as_ref()
            .and_then(|(p, _)| p.as_ref())
            .map(PlusTag::filter))
        .unwrap_or(0);
    let scheme = args
        .scheme
        .or(input_tag.map(|t| t.binary_scheme()))
        .or(plus_es
            .as_ref()
            .and_then(|(p, _)| p.as_ref())
            .map(PlusTag::binary_scheme));
    let (tag_uri, hex) = match scheme {
        Some(s) if s.is_plus() => {
            // A + tag carries the keys as AIs, and every other AI of the
            // input as AIDC data.
            let source_es = plus_es.as_ref().map_or(&es, |(_, e)| e);
            let p = PlusTag::new(s, filter, source_es).map_err(&err)?;
            (None, Some(p.encode().map_err(&err)?.to_hex()))
        }
        Some(s) => {
            let t = Tag::new(s, filter, epc).map_err(&err)?;
            (
                Some(t.to_string()),
                Some(t.encode().map_err(&err)?.to_hex()),
            )
        }
        // Not every EPC has a binary encoding (e.g. PGLN, a GDTI with a
        // 20-digit serial).
        None => match Tag::best(epc, filter) {
            Ok(t) => (
                Some(t.to_string()),
                Some(t.encode().map_err(&err)?.to_hex()),
            ),
            Err(_) => (None, None),
        },
    };
    // The AIs the input carried (all of them, with a + tag's AIDC data),
    // else those of the EPC's key.
    let shown = plus_es.as_ref().map_or(&es, |(_, e)| e);
    Ok(EpcOk {
        ok: true,
        element_string: shown.to_message(Fnc1Notation::Caret),
        digital_link: shown.to_digital_link(CANONICAL_STEM).ok(),
        epc_uri: epc.to_string(),
        tag_uri,
        hex,
    })
}
