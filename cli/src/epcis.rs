//! `serialkit epcis …`: convert, validate, hash and count EPCIS documents,
//! streaming (memory stays bounded by the largest event).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};
use serialkit_epcis::convert::{event_notes, head_notes};
use serialkit_epcis::hash::{HashOptions, HashOrder, explain, hash_prehash, prehash_parts};
use serialkit_epcis::stream::{EventReader, EventWriter};
use serialkit_epcis::validate::{ValidateOptions, validate_with};
use serialkit_epcis::{Format, Location, Message, VocabStyle, WriteOptions, write_message};

/// EPCIS subcommands.
#[derive(Subcommand)]
pub enum EpcisCommand {
    /// Convert between EPCIS 2.0 JSON-LD, 2.0 XML and 1.2 XML; what the
    /// target cannot express is reported on stderr as JSON lines, and so is
    /// an error (exit 1; with `-o`, no output file is left behind).
    Convert(ConvertArgs),
    /// Validate documents; prints one JSON report per input (errors and
    /// warnings, each located) and exits 1 when any is invalid or cannot
    /// be read.
    Validate(ValidateArgs),
    /// CBV 2.0 Event Hash ID of every event, in document order.
    Hash(HashArgs),
    /// Count events by type, business step, action and disposition.
    Stats(InputArg),
}

/// Output formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum Target {
    /// EPCIS 2.0 JSON-LD.
    Jsonld,
    /// EPCIS 2.0 XML.
    Xml,
    /// EPCIS 1.2 XML.
    Xml12,
}

/// Arguments of `epcis convert`.
#[derive(Args)]
pub struct ConvertArgs {
    /// Input file, or `-` for stdin.
    pub input: String,
    /// Target format.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Output file (stdout when absent).
    #[arg(short, long)]
    pub output: Option<String>,
    /// Keep vocabulary spellings as read instead of the target's usual form.
    #[arg(long)]
    pub preserve_vocabulary: bool,
    /// Compact output.
    #[arg(long)]
    pub compact: bool,
}

/// Arguments of `epcis validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// Input files, `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Report XML elements out of their XSD sequence order as warnings
    /// instead of errors (the XSDs make order a rule; some producers
    /// shuffle fields).
    #[arg(long)]
    pub lenient_order: bool,
}

/// Arguments of `epcis hash`.
#[derive(Args)]
pub struct HashArgs {
    /// Input file, or `-` for stdin.
    pub input: String,
    /// Also print each event's pre-hash string and its parts.
    #[arg(long)]
    pub explain: bool,
    /// Show the pre-hash diff between two events, e.g. `--diff 0,3`.
    #[arg(long, value_name = "I,J")]
    pub diff: Option<String>,
    /// Use the field order the CBV standard documents instead of the
    /// reference implementation's.
    #[arg(long)]
    pub documented_order: bool,
}

/// A single input.
#[derive(Args)]
pub struct InputArg {
    /// Input file, or `-` for stdin.
    pub input: String,
}

fn open(path: &str) -> io::Result<Box<dyn Read>> {
    Ok(if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path)?)
    })
}

fn location_json(l: &Location) -> Value {
    match l {
        Location::Xml {
            offset,
            line,
            column,
        } => json!({"line": line, "column": column, "offset": offset}),
        Location::Json {
            pointer,
            line,
            column,
        } => json!({"pointer": pointer, "line": line, "column": column}),
        _ => Value::Null,
    }
}

fn error_json(e: &serialkit_epcis::Error) -> Value {
    match e.diagnostic() {
        Some(d) => {
            json!({"location": location_json(&d.location), "code": d.problem.code(), "message": d.problem.to_string()})
        }
        None => json!({"code": "error", "message": e.to_string()}),
    }
}

/// Runs an EPCIS subcommand.
pub fn run(cmd: EpcisCommand) -> io::Result<ExitCode> {
    match cmd {
        EpcisCommand::Convert(a) => convert(a),
        EpcisCommand::Validate(a) => validate(a),
        EpcisCommand::Hash(a) => hash(a),
        EpcisCommand::Stats(a) => stats(a),
    }
}

fn reject(e: &serialkit_epcis::Error) -> io::Result<ExitCode> {
    println!("{}", json!({"ok": false, "error": error_json(e)}));
    Ok(ExitCode::from(1))
}

/// Why a conversion stopped: the input (or a target limit) or the output.
enum ConvertFailure {
    Epcis(serialkit_epcis::Error),
    Io(io::Error),
}

impl From<serialkit_epcis::Error> for ConvertFailure {
    fn from(e: serialkit_epcis::Error) -> Self {
        ConvertFailure::Epcis(e)
    }
}

impl From<io::Error> for ConvertFailure {
    fn from(e: io::Error) -> Self {
        ConvertFailure::Io(e)
    }
}

fn convert(a: ConvertArgs) -> io::Result<ExitCode> {
    let format = match a.to {
        Target::Jsonld => Format::JsonLd,
        Target::Xml => Format::Xml,
        Target::Xml12 => Format::Xml12,
    };
    let options = WriteOptions {
        pretty: !a.compact,
        vocab: if a.preserve_vocabulary {
            VocabStyle::Preserve
        } else {
            VocabStyle::Natural
        },
    };
    let result = match &a.output {
        // Into a temporary file beside the target, renamed only once the
        // whole document is written: a failed conversion leaves no partial
        // output behind.
        Some(path) => {
            let target = std::path::Path::new(path);
            let mut tmp_name = target.file_name().unwrap_or_default().to_owned();
            tmp_name.push(format!(".{}.tmp", std::process::id()));
            let tmp = target.with_file_name(tmp_name);
            let written = File::create(&tmp)
                .map_err(ConvertFailure::Io)
                .and_then(|f| convert_into(&a.input, f, format, options));
            match written.and_then(|()| std::fs::rename(&tmp, target).map_err(ConvertFailure::Io)) {
                Ok(()) => Ok(()),
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Err(e)
                }
            }
        }
        // Standard output streams: what was written before an error stays
        // written, and the error goes to standard error.
        None => convert_into(&a.input, io::stdout().lock(), format, options),
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(failure) => {
            let error = match &failure {
                ConvertFailure::Epcis(e) => error_json(e),
                ConvertFailure::Io(e) => json!({"code": "io", "message": e.to_string()}),
            };
            eprintln!("{}", json!({"ok": false, "error": error}));
            Ok(ExitCode::from(1))
        }
    }
}

/// Converts `input` into `out`; conversion notes go to standard error.
fn convert_into(
    input: &str,
    out: impl Write,
    format: Format,
    options: WriteOptions,
) -> Result<(), ConvertFailure> {
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    let mut reader = EventReader::new(open(input)?)?;
    let mut stderr = io::stderr().lock();
    if let Some(msg) = reader.take_other() {
        let bytes = write_message(&msg, format, options)?;
        if let Message::Event { event, .. } = &msg {
            for n in event_notes(0, event, format) {
                writeln!(stderr, "{}", json!({"note": n.to_string()}))?;
            }
        }
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(());
    }
    for n in head_notes(reader.head(), format) {
        writeln!(stderr, "{}", json!({"note": n.to_string()}))?;
    }
    let mut writer = EventWriter::new(out, reader.head(), format, options)?;
    let mut i = 0;
    while let Some(e) = reader.next_event()? {
        // What reading changed (a 1.x QuantityEvent), then what writing will.
        for n in reader
            .take_conversion_notes()
            .into_iter()
            .chain(event_notes(i, &e, format))
        {
            writeln!(stderr, "{}", json!({"note": n.to_string()}))?;
        }
        writer.write_event(&e)?;
        i += 1;
    }
    let mut out = writer.finish(Some(reader.head()))?;
    out.flush()?;
    Ok(())
}

fn diagnostic_json(d: &serialkit_epcis::Diagnostic) -> Value {
    json!({"location": location_json(&d.location), "code": d.problem.code(), "message": d.problem.to_string()})
}

fn validate(a: ValidateArgs) -> io::Result<ExitCode> {
    let options = ValidateOptions::default().lenient_order(a.lenient_order);
    let mut all_ok = true;
    let mut out = io::stdout().lock();
    for input in &a.inputs {
        // An input that cannot be opened gets a report of its own; the
        // others are still validated.
        let report = match open(input) {
            Ok(r) => {
                let report = validate_with(r, &options);
                let diags: Vec<Value> = report.diagnostics.iter().map(diagnostic_json).collect();
                let warnings: Vec<Value> = report.warnings.iter().map(diagnostic_json).collect();
                json!({"input": input, "valid": report.is_valid(), "events": report.events, "diagnostics": diags, "warnings": warnings})
            }
            Err(e) => json!({
                "input": input,
                "valid": false,
                "events": 0,
                "diagnostics": [{"location": null, "code": "io", "message": format!("cannot read `{input}`: {e}")}],
            }),
        };
        all_ok &= report["valid"] == true;
        writeln!(out, "{report}")?;
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn hash(a: HashArgs) -> io::Result<ExitCode> {
    let mut reader = match EventReader::new(open(&a.input)?) {
        Ok(r) => r,
        Err(e) => return reject(&e),
    };
    // A bare event is the whole input: it is hashed below, with default
    // options (no document-level `ignoreFields`).
    let bare = reader.take_other();
    let mut options = match &bare {
        Some(_) => HashOptions::default(),
        None => HashOptions::for_document(reader.head()),
    };
    if a.documented_order {
        options.order = HashOrder::Documented;
    }
    let wanted: Option<(usize, usize)> = match &a.diff {
        Some(s) => match s
            .split_once(',')
            .and_then(|(x, y)| Some((x.trim().parse().ok()?, y.trim().parse().ok()?)))
        {
            Some(p) => Some(p),
            None => {
                eprintln!("serialkit: --diff takes two event indexes, e.g. `--diff 0,3`");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut kept = Vec::new();
    let mut index = 0usize;
    let mut process = |e: serialkit_epcis::Event, out: &mut dyn Write| -> io::Result<()> {
        let parts = prehash_parts(&e, &options);
        let pre = parts.concat();
        let id = hash_prehash(&pre);
        if a.explain {
            writeln!(
                out,
                "{}",
                json!({"index": index, "hash": id, "prehash": pre, "parts": parts})
            )?;
        } else if wanted.is_none() {
            writeln!(out, "{}", json!({"index": index, "hash": id}))?;
        }
        if let Some((x, y)) = wanted {
            if index == x || index == y {
                kept.push((index, e));
            }
        }
        index += 1;
        Ok(())
    };
    if let Some(Message::Event { event, .. }) = bare {
        process(*event, &mut out)?;
    }
    loop {
        match reader.next_event() {
            Ok(Some(e)) => process(e, &mut out)?,
            Ok(None) => break,
            Err(e) => {
                out.flush()?;
                return reject(&e);
            }
        }
    }
    if let Some((x, y)) = wanted {
        let find = |i| kept.iter().find(|(k, _)| *k == i).map(|(_, e)| e);
        match (find(x), find(y)) {
            (Some(ex), Some(ey)) => {
                let ex = explain(ex, ey, &options);
                let diff: Vec<String> = ex.diff.iter().map(|(c, s)| format!("{c} {s}")).collect();
                let same = ex.left == ex.right;
                writeln!(
                    out,
                    "{}",
                    json!({"events": [x, y], "equal": same, "diff": diff})
                )?;
            }
            _ => {
                out.flush()?;
                eprintln!(
                    "serialkit: the document has no event {} ",
                    if find(x).is_none() { x } else { y }
                );
                return Ok(ExitCode::from(2));
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn stats(a: InputArg) -> io::Result<ExitCode> {
    let mut reader = match EventReader::new(open(&a.input)?) {
        Ok(r) => r,
        Err(e) => return reject(&e),
    };
    let mut events = 0u64;
    let mut epcs = 0u64;
    let mut by_type: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_step: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_action: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_disposition: BTreeMap<String, u64> = BTreeMap::new();
    let mut count = |e: &serialkit_epcis::Event| {
        events += 1;
        epcs += e.epcs().len() as u64;
        *by_type.entry(e.type_name()).or_default() += 1;
        let step = e.common.biz_step.as_ref().map_or("(none)".to_owned(), |b| {
            b.standard_word().unwrap_or(b.as_str()).to_owned()
        });
        *by_step.entry(step).or_default() += 1;
        *by_action
            .entry(e.action().map_or("(none)", |a| a.as_str()).to_owned())
            .or_default() += 1;
        let disp = e
            .common
            .disposition
            .as_ref()
            .map_or("(none)".to_owned(), |d| {
                d.standard_word().unwrap_or(d.as_str()).to_owned()
            });
        *by_disposition.entry(disp).or_default() += 1;
    };
    // The root is a document, or a bare event, query or capture job.
    let root = match reader.take_other() {
        Some(Message::Event { event, .. }) => {
            count(&event);
            event.type_name()
        }
        Some(Message::Query { .. }) => "Query".to_owned(),
        Some(Message::CaptureJob(_)) => "EPCISCaptureJob".to_owned(),
        Some(Message::Document(d)) => d.head.kind.as_str().to_owned(),
        Some(_) => "unknown".to_owned(),
        None => reader.head().kind.as_str().to_owned(),
    };
    loop {
        match reader.next_event() {
            Ok(Some(e)) => count(&e),
            Ok(None) => break,
            Err(e) => return reject(&e),
        }
    }
    let head = reader.head();
    println!(
        "{}",
        json!({
            "document": root,
            "schemaVersion": head.schema_version,
            "events": events,
            "epcs": epcs,
            "byType": by_type,
            "byBizStep": by_step,
            "byAction": by_action,
            "byDisposition": by_disposition,
        })
    );
    Ok(ExitCode::SUCCESS)
}
