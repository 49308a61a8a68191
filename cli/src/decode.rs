//! `serialkit decode FILE`: read a barcode image (any format `image`
//! reads), decode it with rxing, and print what a scanner would transmit.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::verify::{DecodedBy, decode_luma};

/// Arguments of `decode`.
#[derive(Args)]
pub struct DecodeArgs {
    /// The image file.
    pub file: PathBuf,
}

#[derive(Serialize)]
struct DecodeJson {
    ok: bool,
    symbology: String,
    symbology_identifier: Option<String>,
    text: String,
    /// The bracketed element string when the symbol is GS1 and valid.
    gs1: Option<String>,
    /// `rxing`, or `serialkit_qr` when rxing sampled a QR-family symbol but
    /// could not parse its data and serialkit's own reader did.
    decoded_by: &'static str,
}

#[derive(Serialize)]
struct DecodeErr {
    ok: bool,
    error: String,
}

fn symbology_name(format: &str) -> String {
    match format {
        "DATA_MATRIX" => "datamatrix".to_owned(),
        "QR_CODE" => "qr".to_owned(),
        "MICRO_QR_CODE" => "microqr".to_owned(),
        "RECTANGULAR_MICRO_QR_CODE" => "rmqr".to_owned(),
        "CODE_128" => "code128".to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

/// Runs `decode`. A reader that stops reading (`| head`) ends the command
/// quietly, with success; other write errors are reported.
pub fn run(args: DecodeArgs) -> std::io::Result<ExitCode> {
    let (json, ok) = decode_file(&args);
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{json}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn decode_file(args: &DecodeArgs) -> (String, bool) {
    let fail = |e: String| {
        (
            serde_json::to_string(&DecodeErr {
                ok: false,
                error: e,
            })
            .unwrap_or_default(),
            false,
        )
    };
    let image = match image::ImageReader::open(&args.file)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())
        .and_then(|r| r.decode().map_err(|e| e.to_string()))
    {
        Ok(img) => img.into_luma8(),
        Err(e) => return fail(format!("{}: {e}", args.file.display())),
    };
    let (w, h) = image.dimensions();
    let decoded = match decode_luma(image.as_raw(), w, h) {
        Ok(d) => d,
        Err(e) => return fail(e.to_string()),
    };
    let id = decoded.symbology_identifier.map(|i| i.to_string());
    let is_gs1 = matches!(
        id.as_deref(),
        Some("]d2" | "]d5" | "]Q3" | "]Q4" | "]C1" | "]e0")
    );
    let gs1 = is_gs1
        .then(|| {
            let mut scanned = String::from("\u{1d}");
            scanned.push_str(&decoded.text);
            ElementString::parse_message(scanned.as_bytes(), &Gs1Options::default())
                .ok()
                .map(|es| es.to_bracketed())
        })
        .flatten()
        // A GS1 Digital Link URI in a plain symbol carries GS1 data too.
        .or_else(|| {
            let text = decoded.text.as_str();
            serialkit_gs1::dl::is_digital_link(text.as_bytes())
                .then(|| ElementString::parse(text, &Gs1Options::default()).ok())
                .flatten()
                .map(|es| es.to_bracketed())
        });
    let body = DecodeJson {
        ok: true,
        symbology: symbology_name(&decoded.format),
        symbology_identifier: id,
        text: decoded.text,
        gs1,
        decoded_by: match decoded.decoded_by {
            DecodedBy::SerialkitQr => "serialkit_qr",
            _ => "rxing",
        },
    };
    (serde_json::to_string(&body).unwrap_or_default(), true)
}
