//! `serialkit encode datamatrix …`: data or a GS1 message to a DataMatrix
//! symbol, written as PNG or SVG, printed as JSON modules, or shown in the
//! terminal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy, SymbolSize};
use serialkit_symbology::render::png::{ModuleScale, RasterOptions, write_png};
use serialkit_symbology::render::svg::{SvgOptions, SvgSize, to_svg};
use serialkit_symbology::render::text;

use crate::input::for_each_input;

/// Symbologies `encode` produces.
#[derive(Subcommand)]
pub enum EncodeCommand {
    /// GS1 DataMatrix / DataMatrix ECC 200 with the smallest symbol.
    Datamatrix(DatamatrixArgs),
}

/// The `--size` choices.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum SizeChoice {
    Auto,
    Square,
    Rect,
    Dmre,
}

fn parse_size(s: &str) -> Result<SizePolicy, String> {
    if let Ok(choice) = SizeChoice::from_str(s, true) {
        return Ok(match choice {
            SizeChoice::Auto => SizePolicy::Auto,
            SizeChoice::Square => SizePolicy::Square,
            SizeChoice::Rect => SizePolicy::Rectangular,
            SizeChoice::Dmre => SizePolicy::Dmre,
        });
    }
    s.parse::<SymbolSize>()
        .map(SizePolicy::Fixed)
        .map_err(|e| format!("{e}; or one of auto, square, rect, dmre"))
}

/// Arguments of `encode datamatrix`.
#[derive(Args)]
pub struct DatamatrixArgs {
    /// The data, or `-` to read one input per line from stdin.
    pub data: String,
    /// DATA is GS1: a bracketed element string `(01)…`/`[01]…`, a `^`
    /// FNC1 message or a GS1 Digital Link URI (encoded as its element
    /// strings). It is validated before encoding.
    #[arg(long)]
    pub gs1: bool,
    /// Size policy: auto (squares and rectangles), square, rect, dmre (all
    /// 48 sizes), or a fixed size RxC such as 16x48.
    #[arg(long, default_value = "auto", value_parser = parse_size)]
    pub size: SizePolicy,
    /// Pixels per module.
    #[arg(long, value_name = "N", conflicts_with = "x_dim_mm")]
    pub module_px: Option<u32>,
    /// X-dimension in millimetres (with --dpi); snapped to whole pixels.
    #[arg(long, value_name = "F", requires = "dpi")]
    pub x_dim_mm: Option<f64>,
    /// Printer resolution for --x-dim-mm.
    #[arg(long, value_name = "N", requires = "x_dim_mm")]
    pub dpi: Option<u32>,
    /// Quiet zone in modules (default: 1, as GS1 specifies for DataMatrix).
    #[arg(long, value_name = "N")]
    pub quiet_zone: Option<u32>,
    /// Write the symbol to FILE.png or FILE.svg (with `-`, FILE-1.png, …).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the module matrix as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct SymbolJson<'a> {
    ok: bool,
    symbology: &'static str,
    rows: usize,
    cols: usize,
    data_codewords: usize,
    symbology_identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    modules: Vec<String>,
}

#[derive(Serialize)]
struct ErrorJson {
    ok: bool,
    error: String,
}

fn error_json(e: impl std::fmt::Display) -> (String, bool) {
    let body = ErrorJson {
        ok: false,
        error: e.to_string(),
    };
    (serde_json::to_string(&body).unwrap_or_default(), false)
}

/// Runs an encode subcommand.
pub fn run(cmd: EncodeCommand) -> std::io::Result<ExitCode> {
    let EncodeCommand::Datamatrix(args) = cmd;
    if matches!(args.module_px, Some(0)) || matches!(args.dpi, Some(0)) {
        eprintln!("serialkit: --module-px and --dpi must be positive");
        return Ok(ExitCode::from(2));
    }
    let scale = match (args.module_px, args.x_dim_mm, args.dpi) {
        (Some(px), _, _) => ModuleScale::Pixels(px),
        (None, Some(mm), Some(dpi)) => ModuleScale::XDimension { mm, dpi },
        _ => ModuleScale::Pixels(10),
    };
    if let Err(e) = scale.pixels() {
        eprintln!("serialkit: {e}");
        return Ok(ExitCode::from(2));
    }
    let many = args.data == "-";
    let mut index = 0usize;
    let all_ok = for_each_input(&args.data, |input| {
        index += 1;
        encode_one(input, &args, scale, many.then_some(index))
    })?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn output_path(base: &Path, index: Option<usize>) -> PathBuf {
    match index {
        None => base.to_path_buf(),
        Some(i) => {
            let stem = base
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = match base.extension() {
                Some(ext) => format!("{stem}-{i}.{}", ext.to_string_lossy()),
                None => format!("{stem}-{i}"),
            };
            base.with_file_name(name)
        }
    }
}

fn encode_one(
    input: &[u8],
    args: &DatamatrixArgs,
    scale: ModuleScale,
    index: Option<usize>,
) -> (String, bool) {
    let options = Options::with_size(args.size);
    let encoded = if args.gs1 {
        let Ok(text) = std::str::from_utf8(input) else {
            return error_json("GS1 input must be ASCII text");
        };
        let es = match ElementString::parse(text, &Gs1Options::default()) {
            Ok(es) => es,
            Err(errors) => {
                let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                return error_json(format!("invalid GS1 data: {}", list.join("; ")));
            }
        };
        DataMatrix::encode_element_string(&es, &options)
    } else {
        DataMatrix::encode_bytes(input, &options)
    };
    let dm = match encoded {
        Ok(dm) => dm,
        Err(e) => return error_json(e),
    };
    let mut grid = dm.grid().clone();
    if let Some(q) = args.quiet_zone {
        grid.set_quiet_zone(q);
    }
    let file = args.output.as_ref().map(|base| output_path(base, index));
    if let Some(path) = &file {
        let written = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => {
                let size = match scale {
                    ModuleScale::XDimension { mm, .. } => SvgSize::XDimensionMm(mm),
                    _ => SvgSize::ModulePx(scale.pixels().unwrap_or(10)),
                };
                let svg = to_svg(
                    &grid,
                    &SvgOptions {
                        size,
                        quiet_zone: None,
                        background: true,
                    },
                );
                std::fs::write(path, svg).map_err(|e| e.to_string())
            }
            Some("png") => std::fs::File::create(path)
                .map_err(|e| e.to_string())
                .and_then(|f| {
                    let raster = RasterOptions {
                        scale,
                        quiet_zone: None,
                    };
                    write_png(&grid, &raster, std::io::BufWriter::new(f)).map_err(|e| e.to_string())
                }),
            _ => Err("output file must end in .png or .svg".to_owned()),
        };
        if let Err(e) = written {
            return error_json(format!("{}: {e}", path.display()));
        }
    }
    if !args.json && file.is_none() {
        // Terminal view: half blocks, then nothing else on the line.
        return (
            text::half_blocks(&grid).trim_end_matches('\n').to_owned(),
            true,
        );
    }
    let file_name = file.as_ref().map(|p| p.to_string_lossy().into_owned());
    let body = SymbolJson {
        ok: true,
        symbology: "datamatrix",
        rows: grid.height(),
        cols: grid.width(),
        data_codewords: dm.data_codewords().len(),
        symbology_identifier: grid.symbology_identifier().to_string(),
        file: file_name.as_deref(),
        modules: if args.json {
            text::rows(&grid).lines().map(str::to_owned).collect()
        } else {
            Vec::new()
        },
    };
    (serde_json::to_string(&body).unwrap_or_default(), true)
}
