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
    /// Filter value for the tag encoding (0–7; USDOD-96 0–15, ADI-var
    /// 0–63; GID-96 has none); default: the input tag's, else 0.
    #[arg(long, value_name = "F", value_parser = clap::value_parser!(u8).range(0..=63))]
    pub filter: Option<u8>,
    /// Binary scheme of the tag encoding, e.g. `sgtin-96`, `sgtin-198`,
    /// `sgtin+`; default: the input tag's, else the shortest that fits.
    #[arg(long, value_name = "SCHEME", value_parser = parse_scheme)]
    pub scheme: Option<BinaryScheme>,
    /// Accept GTIN-8/12/13 (zero-suppressed) in a Digital Link `/01/` path.
    #[arg(long)]
    pub zero_suppressed_gtin: bool,
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

/// Every form of one input. EPCs of schemes without a GS1 key (GID,
/// USDOD, ADI, BIC, IMOVN) have no element string or Digital Link URI;
/// classes, patterns and EPCs without a binary scheme have no tag URI or
/// hex.
#[derive(Serialize)]
struct EpcOk {
    ok: bool,
    element_string: Option<String>,
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
            // The character at the error's offset, or the whole input; an
            // offset at the end (input too short) is an empty span there.
            let span = e.at.map_or([0, len], |a| {
                let a = a.min(len);
                [a, (a + 1).min(len)]
            });
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

/// Whether the input is meant as hex: nothing but hex digits. No other
/// input kind can look so (element strings start with `(`, `[`, `^` or
/// GS; URIs with a scheme; scan data with `]`), so a wrong length is
/// reported as bad hex, not as a failed element string.
fn is_hex(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_hexdigit)
}

fn read_source(input: &[u8], opts: &Options) -> Result<Source, Failure> {
    let len = input.len();
    let err = epc_failure(len);
    let text = || as_text(input);
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
            DigitalLink::parse(text()?, opts)?
                .into_element_string()
                .into_owned(),
        ),
        [b']', ..] => match ScanData::parse(input, opts)?.into_content() {
            ScanContent::Gs1(es) => Source::Keys(es.into_owned()),
            ScanContent::DigitalLink(d) => Source::Keys(d.into_element_string().into_owned()),
            ScanContent::Gtin { gtin, .. } => {
                Source::Keys(ElementString::parse(&format!("(01){gtin}"), opts)?.into_owned())
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
        _ => Source::Keys(ElementString::parse(text()?, opts)?.into_owned()),
    })
}

/// The output for an EPC class or ID pattern: its key as an element
/// string and Digital Link URI; no tag (a class names no single object).
fn class_or_pattern(
    uri: String,
    es: Result<OwnedElementString, EpcError>,
    args: &EpcArgs,
    err: impl Fn(EpcError) -> Failure,
) -> Result<EpcOk, Failure> {
    if args.scheme.is_some() || args.filter.is_some() {
        // A tag was asked for, and there is none to give.
        return Err(err(EpcError {
            kind: EpcErrorKind::NoBinaryScheme,
            at: None,
        }));
    }
    let es = es.map_err(&err)?;
    Ok(EpcOk {
        ok: true,
        element_string: Some(es.to_message(Fnc1Notation::Caret)),
        digital_link: es.to_digital_link(CANONICAL_STEM).ok(),
        epc_uri: uri,
        tag_uri: None,
        hex: None,
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
    let opts = Options::default().permit_zero_suppressed_gtin(args.zero_suppressed_gtin);
    let source = read_source(input, &opts)?;
    let (epc, input_tag, plus_es) = match source {
        Source::Epc(epc, tag) => (epc, tag, None),
        Source::Plus(p) => {
            let es = p.element_string().clone();
            let epc = Epc::from_element_string(&es, need_gcp().map_err(&err)?).map_err(&err)?;
            (epc, None, Some((Some(p), es)))
        }
        Source::Keys(es) => {
            let gcp = need_gcp().map_err(&err)?;
            match Epc::from_element_string(&es, gcp) {
                Ok(epc) => (epc, None, Some((None, es))),
                // A GTIN with a batch and no serial: the batch's EPC class.
                Err(e) if e.kind == EpcErrorKind::NoEpcForKey => {
                    return match Lgtin::from_element_string(&es, gcp) {
                        Ok(c) => class_or_pattern(c.to_string(), Ok(es), args, &err),
                        Err(_) => Err(err(e)),
                    };
                }
                Err(e) => return Err(err(e)),
            }
        }
        Source::Class(c) => {
            return class_or_pattern(c.to_string(), c.to_element_string(), args, &err);
        }
        Source::Pattern(p) => {
            return class_or_pattern(p.to_string(), p.to_element_string(), args, &err);
        }
    };
    // Schemes without a GS1 key (GID, USDOD, ADI, BIC, IMOVN) have no
    // element string; for the others, failing to make one is an error.
    let es = if epc.scheme().is_gs1() {
        Some(epc.to_element_string().map_err(&err)?)
    } else {
        None
    };
    let plus_in = plus_es.as_ref().and_then(|(p, _)| p.as_ref());
    let filter = args
        .filter
        .or(input_tag.map(|t| t.filter()))
        .or(plus_in.map(PlusTag::filter))
        .unwrap_or(0);
    let scheme = args
        .scheme
        .or(input_tag.map(|t| t.binary_scheme()))
        .or(plus_in.map(PlusTag::binary_scheme));
    // The AIs the input carried (all of them, with a + tag's AIDC data),
    // else those of the EPC's key.
    let shown = plus_es.as_ref().map(|(_, e)| e).or(es.as_ref());
    let (tag_uri, hex) = match scheme {
        Some(s) if s.is_plus() => {
            // A + tag carries the keys as AIs, and every other AI of the
            // input as AIDC data.
            let source_es = shown.ok_or(err(EpcError {
                kind: EpcErrorKind::UnknownScheme,
                at: None,
            }))?;
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
        None => match Tag::best(epc, filter) {
            Ok(t) => (
                Some(t.to_string()),
                Some(t.encode().map_err(&err)?.to_hex()),
            ),
            // Not every EPC has a binary encoding (PGLN, GINC, BIC, …), and
            // some values fit none of their scheme's (a CPI serial with a
            // leading zero): no tag, and that is no error. Anything else is.
            Err(e)
                if matches!(
                    e.kind,
                    EpcErrorKind::NoBinaryScheme | EpcErrorKind::NotEncodable { .. }
                ) =>
            {
                (None, None)
            }
            Err(e) => return Err(err(e)),
        },
    };
    Ok(EpcOk {
        ok: true,
        element_string: shown.map(|e| e.to_message(Fnc1Notation::Caret)),
        digital_link: shown.and_then(|e| e.to_digital_link(CANONICAL_STEM).ok()),
        epc_uri: epc.to_string(),
        tag_uri,
        hex,
    })
}
