//! `serialkit decode FILE…`: read a symbol from an image and report what a
//! scanner transmits, with the GS1 element string when it is GS1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::{Value, json};
use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::verify::decode_luma;

/// Arguments of `decode`.
#[derive(Args)]
pub struct DecodeArgs {
    /// Image files (PNG).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// The short symbology name for rxing's format name.
fn symbology_name(format: &str) -> &str {
    match format {
        "QR_CODE" => "qr",
        "MICRO_QR_CODE" => "microqr",
        "RECTANGULAR_MICRO_QR_CODE" => "rmqr",
        "CODE_128" => "code128",
        "DATA_MATRIX" => "datamatrix",
        other => other,
    }
}

fn decode_one(path: &PathBuf) -> (Value, bool) {
    let image = match image::open(path) {
        Ok(i) => i.to_luma8(),
        Err(e) => {
            return (
                json!({"ok": false, "file": path.display().to_string(), "error": e.to_string()}),
                false,
            );
        }
    };
    match decode_luma(image.as_raw(), image.width(), image.height()) {
        Ok(d) => {
            let id = d.symbology_identifier.map(|i| i.to_string());
            // FNC1 in first position: ]C1, ]d2, ]Q3, ]e0 and their ECI forms.
            let gs1 = matches!(
                id.as_deref(),
                Some("]C1" | "]d2" | "]Q3" | "]Q4" | "]d5" | "]e0")
            )
            .then(|| {
                let scanned = format!("\u{1d}{}", d.text);
                ElementString::parse_message(scanned.as_bytes(), &Gs1Options::default())
                    .ok()
                    .map(|es| es.to_bracketed())
            })
            .flatten();
            (
                json!({
                    "ok": true,
                    "file": path.display().to_string(),
                    "symbology": symbology_name(&d.format),
                    "symbology_identifier": id,
                    "text": d.text,
                    "gs1": gs1,
                }),
                true,
            )
        }
        Err(e) => (
            json!({"ok": false, "file": path.display().to_string(), "error": e.to_string()}),
            false,
        ),
    }
}

/// Runs `decode`.
pub fn run(args: DecodeArgs) -> std::io::Result<ExitCode> {
    let mut all_ok = true;
    for f in &args.files {
        let (v, ok) = decode_one(f);
        all_ok &= ok;
        println!("{v}");
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
