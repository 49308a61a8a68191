//! `serialkit encode datamatrix|qr|microqr|rmqr|code128 …`: data or a GS1
//! message to a symbol, written as PNG or SVG, printed as JSON modules, or
//! shown in the terminal.
//!
//! Every symbology takes the same input, GS1, module size, quiet zone,
//! output and `--json` options; the JSON has the same shape for all
//! (`symbology`, `rows`, `cols`, `data_codewords`, `modules`, …) plus
//! symbology-specific keys (`version`, `ecc`, `mask` for the QR family,
//! `width_modules` for Code 128).
//!
//! One JSON object per input, for DataMatrix:
//! `{"ok":true,"symbology":"datamatrix","rows":R,"cols":C,"data_codewords":N,"symbology_identifier":"]d2","file":"x.png","modules":["1010…",…]}`
//! where `file` appears only with `-o` and `modules` (rows top to bottom,
//! `1` = dark, no quiet zone) only with `--json`. With neither `--json` nor
//! `-o` the symbol is shown in the terminal instead. A rejected input
//! prints `{"ok":false,"error":"…"}`.
//!
//! Module size and quiet zone are bounded here ([`MAX_QUIET_ZONE`],
//! [`MAX_MODULE_PX`], [`MAX_DPI`], [`MAX_X_DIM_MM`]) so that a typo is a
//! usage error, not a multi-gigabyte image; the renderers enforce their own
//! pixel budget on top.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use serde_json::{Map, Value, json};
use serialkit_gs1::{ElementString, Fnc1Notation, Options as Gs1Options};
use serialkit_symbology::code128::{self, Code128};
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy, SymbolSize};
use serialkit_symbology::qr::micro::{self, MicroQr, MicroVersion};
use serialkit_symbology::qr::rmqr::{self, Rmqr, RmqrSize};
use serialkit_symbology::qr::{self, EccLevel, Mask, QrCode, Version, VersionPolicy};
use serialkit_symbology::render::png::{ModuleScale, RasterOptions, to_png, write_png};
use serialkit_symbology::render::svg::{SvgOptions, SvgSize, to_svg};
use serialkit_symbology::render::text;
use serialkit_symbology::{Eci, ModuleGrid, Segment};

use crate::input::for_each_input;

/// Largest `--quiet-zone`, in modules.
pub const MAX_QUIET_ZONE: u32 = 1000;
/// Largest `--module-px`.
pub const MAX_MODULE_PX: u32 = 1000;
/// Largest `--dpi`.
pub const MAX_DPI: u32 = 10_000;
/// Largest `--x-dim-mm`.
pub const MAX_X_DIM_MM: f64 = 100.0;

/// A whole number in `min..=max`, for the size options.
fn bounded(s: &str, what: &str, min: u32, max: u32) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{what} must be a whole number from {min} to {max}")),
    }
}

fn parse_quiet_zone(s: &str) -> Result<u32, String> {
    bounded(s, "the quiet zone (modules)", 0, MAX_QUIET_ZONE)
}

fn parse_module_px(s: &str) -> Result<u32, String> {
    bounded(s, "the module size (pixels)", 1, MAX_MODULE_PX)
}

fn parse_dpi(s: &str) -> Result<u32, String> {
    bounded(s, "the resolution (dpi)", 1, MAX_DPI)
}

fn parse_x_dim_mm(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(mm) if mm.is_finite() && mm > 0.0 && mm <= MAX_X_DIM_MM => Ok(mm),
        _ => Err(format!(
            "the X-dimension must be a number of millimetres above 0 and at most {MAX_X_DIM_MM}"
        )),
    }
}

/// Symbologies `encode` produces.
#[derive(Subcommand)]
pub enum EncodeCommand {
    /// GS1 DataMatrix / DataMatrix ECC 200 with the smallest symbol.
    Datamatrix(DatamatrixArgs),
    /// QR Code (ISO/IEC 18004), GS1 QR Code with --gs1.
    Qr(QrArgs),
    /// Micro QR Code, M1 to M4.
    Microqr(MicroQrArgs),
    /// Rectangular Micro QR Code (rMQR, ISO/IEC 23941).
    Rmqr(RmqrArgs),
    /// Code 128, GS1-128 with --gs1.
    Code128(Code128Args),
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
    /// Pixels per module (1-1000).
    #[arg(long, value_name = "N", conflicts_with = "x_dim_mm", value_parser = parse_module_px)]
    pub module_px: Option<u32>,
    /// X-dimension in millimetres (with --dpi); snapped to whole pixels.
    #[arg(long, value_name = "F", requires = "dpi", value_parser = parse_x_dim_mm)]
    pub x_dim_mm: Option<f64>,
    /// Printer resolution for --x-dim-mm (1-10000).
    #[arg(long, value_name = "N", requires = "x_dim_mm", value_parser = parse_dpi)]
    pub dpi: Option<u32>,
    /// Quiet zone in modules, 0-1000 (default: 1, as GS1 specifies for
    /// DataMatrix).
    #[arg(long, value_name = "N", value_parser = parse_quiet_zone)]
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
    /// Only with `--json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    modules: Option<Vec<String>>,
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

/// Runs an encode subcommand. A reader that stops reading (`| head`)
/// ends the command quietly, with success, as it ends `cat`.
pub fn run(cmd: EncodeCommand) -> std::io::Result<ExitCode> {
    let result = match cmd {
        EncodeCommand::Datamatrix(args) => run_datamatrix(args),
        other => run_family(other),
    };
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn run_datamatrix(args: DatamatrixArgs) -> std::io::Result<ExitCode> {
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
                to_svg(
                    &grid,
                    &SvgOptions {
                        size,
                        quiet_zone: None,
                        background: true,
                    },
                )
                .map_err(|e| e.to_string())
                .and_then(|svg| std::fs::write(path, svg).map_err(|e| e.to_string()))
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
        return match text::half_blocks(&grid) {
            Ok(view) => (view.trim_end_matches('\n').to_owned(), true),
            Err(e) => error_json(e),
        };
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
        modules: args
            .json
            .then(|| text::rows(&grid).lines().map(str::to_owned).collect()),
    };
    (serde_json::to_string(&body).unwrap_or_default(), true)
}

/// Options every symbology shares.
#[derive(Args)]
pub struct CommonArgs {
    /// DATA is GS1: a bracketed element string (`(01)…` or `[01]…`) or a
    /// `^` FNC1 message; it is validated against the AI dictionary.
    #[arg(long)]
    gs1: bool,
    /// Module size in pixels (PNG) or user units (SVG), 1-1000.
    #[arg(long, value_name = "N", conflicts_with = "x_dim_mm", value_parser = parse_module_px)]
    module_px: Option<u32>,
    /// X-dimension in millimetres (PNG needs --dpi; pixels are snapped to
    /// a whole number per module).
    #[arg(long, value_name = "F", value_parser = parse_x_dim_mm)]
    x_dim_mm: Option<f64>,
    /// Printer resolution for --x-dim-mm (1-10000).
    #[arg(long, value_name = "N", value_parser = parse_dpi)]
    dpi: Option<u32>,
    /// Quiet zone in modules, 0-1000 (default: the symbology's).
    #[arg(long, value_name = "N", value_parser = parse_quiet_zone)]
    quiet_zone: Option<u32>,
    /// Write the symbol to FILE.png or FILE.svg (with `-` input, one file
    /// per line: FILE-1.png, FILE-2.png, …).
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print the module rows in the JSON.
    #[arg(long)]
    json: bool,
    /// The data, or `-` to read one input per line from stdin.
    data: String,
}

/// QR Code options.
#[derive(Args)]
#[command(disable_version_flag = true)]
pub struct QrArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Error correction level L, M, Q or H.
    #[arg(long, default_value = "M")]
    ecc: EccLevel,
    /// Exactly this version (1-40).
    #[arg(long, value_name = "N", conflicts_with = "min_version")]
    version: Option<Version>,
    /// The smallest version at least this large.
    #[arg(long, value_name = "N")]
    min_version: Option<Version>,
    /// A fixed mask 0-7 instead of the lowest-penalty one.
    #[arg(long, value_name = "N")]
    mask: Option<Mask>,
    /// Raise the level as far as the data still fits the version.
    #[arg(long)]
    boost_ecc: bool,
    /// DATA is GS1 data (element string, `^` message or Digital Link):
    /// encode its canonical GS1 Digital Link URI in a plain QR Code.
    #[arg(long, conflicts_with = "gs1")]
    gs1_dl: bool,
    /// Stem of the Digital Link URI for --gs1-dl.
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://id.gs1.org",
        requires = "gs1_dl"
    )]
    dl_stem: String,
}

/// Micro QR options.
#[derive(Args)]
#[command(disable_version_flag = true)]
pub struct MicroQrArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Error correction level L (M1: detection only), M or Q (M4).
    #[arg(long, default_value = "L")]
    ecc: EccLevel,
    /// Exactly this version, M1-M4.
    #[arg(long, value_name = "MN")]
    version: Option<MicroVersion>,
    /// A fixed mask 0-3.
    #[arg(long, value_name = "N")]
    mask: Option<Mask>,
    /// Raise the level as far as the data still fits the version.
    #[arg(long)]
    boost_ecc: bool,
}

/// rMQR options.
#[derive(Args)]
#[command(disable_version_flag = true)]
pub struct RmqrArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Error correction level M or H.
    #[arg(long, default_value = "M")]
    ecc: EccLevel,
    /// Exactly this size, e.g. R11x59.
    #[arg(long, value_name = "RHxW", conflicts_with = "height")]
    version: Option<RmqrSize>,
    /// The narrowest size of this height (7, 9, 11, 13, 15, 17).
    #[arg(long, value_name = "N")]
    height: Option<u8>,
    /// Raise M to H when the data still fits.
    #[arg(long)]
    boost_ecc: bool,
}

/// Code 128 options.
#[derive(Args)]
pub struct Code128Args {
    #[command(flatten)]
    common: CommonArgs,
    /// Bar height in modules.
    #[arg(long, value_name = "N", default_value_t = 50)]
    bar_height: usize,
    /// Draw the human-readable interpretation under the bars (PNG and SVG;
    /// with the embedded bitmap font, never clipped: at small module sizes
    /// the font shrinks, and at one pixel per module a PNG is widened).
    #[arg(long)]
    hri: bool,
    /// Report bar/space widths in printer dots for this X-dimension.
    #[arg(long, value_name = "DOTS")]
    x_dots: Option<u32>,
    /// Make bars this many dots narrower (spaces wider) in those widths.
    #[arg(long, value_name = "DOTS", default_value_t = 0, requires = "x_dots")]
    bar_width_reduction: u32,
    /// Allow GS1-128 messages over the 48-character limit.
    #[arg(long)]
    no_gs1_limit: bool,
}

/// What one encoded symbol reports.
struct Encoded {
    grid: ModuleGrid,
    data_codewords: Option<usize>,
    extra: Map<String, Value>,
    hri: Option<String>,
}

/// The GS1 message (`^` notation) for DATA given with --gs1.
fn gs1_message(data: &[u8]) -> Result<String, String> {
    Ok(gs1_element_string(data)?.to_message(Fnc1Notation::Caret))
}

/// Any GS1 input form, validated.
fn gs1_element_string(data: &[u8]) -> Result<ElementString<'_>, String> {
    let options = Gs1Options::default();
    let text = std::str::from_utf8(data).map_err(|e| format!("input is not UTF-8: {e}"))?;
    match data.first() {
        Some(b'^') | Some(0x1D) => ElementString::parse_message(data, &options),
        _ => ElementString::parse(text, &options),
    }
    .map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Segments for plain data: UTF-8 beyond ASCII gets ECI 26 so readers
/// decode it as UTF-8.
fn plain_segments(data: &[u8]) -> Vec<Segment<'_>> {
    if data.is_ascii() || std::str::from_utf8(data).is_err() {
        vec![Segment::Data(data)]
    } else {
        vec![Segment::Eci(Eci::UTF_8), Segment::Data(data)]
    }
}

fn qr_family(version: String, ecc: EccLevel, mask: Option<Mask>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("version".into(), json!(version));
    m.insert("ecc".into(), json!(ecc.to_string()));
    if let Some(mask) = mask {
        m.insert("mask".into(), json!(mask.number()));
    }
    m
}

fn encode_qr(args: &QrArgs, data: &[u8]) -> Result<Encoded, String> {
    let mut options = qr::Options::with_ecc(args.ecc);
    options.version = match (args.version, args.min_version) {
        (Some(v), _) => VersionPolicy::Fixed(v),
        (None, Some(v)) => VersionPolicy::AtLeast(v),
        (None, None) => VersionPolicy::Auto,
    };
    options.mask = args.mask;
    options.boost_ecc = args.boost_ecc;
    let qr = if args.gs1_dl {
        QrCode::encode_digital_link(&gs1_element_string(data)?, &args.dl_stem, &options)
    } else if args.common.gs1 {
        QrCode::encode_gs1(&gs1_message(data)?, &options)
    } else {
        QrCode::encode(&plain_segments(data), &options)
    }
    .map_err(|e| e.to_string())?;
    Ok(Encoded {
        data_codewords: Some(qr.data_codewords().len()),
        extra: qr_family(qr.version().to_string(), qr.ecc(), Some(qr.mask())),
        grid: qr.into_grid(),
        hri: None,
    })
}

fn encode_microqr(args: &MicroQrArgs, data: &[u8]) -> Result<Encoded, String> {
    if args.common.gs1 {
        return Err("Micro QR has no GS1 (FNC1) mode".into());
    }
    let mut options = micro::Options::with_ecc(args.ecc);
    options.version = args.version;
    options.mask = args.mask;
    options.boost_ecc = args.boost_ecc;
    let m = MicroQr::encode_bytes(data, &options).map_err(|e| e.to_string())?;
    Ok(Encoded {
        data_codewords: Some(m.data_codewords().len()),
        extra: qr_family(m.version().to_string(), m.ecc(), Some(m.mask())),
        grid: m.into_grid(),
        hri: None,
    })
}

fn encode_rmqr(args: &RmqrArgs, data: &[u8]) -> Result<Encoded, String> {
    let mut options = rmqr::Options::with_ecc(args.ecc);
    options.size = match (args.version, args.height) {
        (Some(s), _) => rmqr::SizePolicy::Fixed(s),
        (None, Some(h)) => rmqr::SizePolicy::Height(h),
        (None, None) => rmqr::SizePolicy::Auto,
    };
    options.boost_ecc = args.boost_ecc;
    let r = if args.common.gs1 {
        Rmqr::encode_gs1(&gs1_message(data)?, &options)
    } else {
        Rmqr::encode(&plain_segments(data), &options)
    }
    .map_err(|e| e.to_string())?;
    Ok(Encoded {
        data_codewords: Some(r.data_codewords().len()),
        extra: qr_family(r.size().to_string(), r.ecc(), None),
        grid: r.into_grid(),
        hri: None,
    })
}

fn encode_code128(args: &Code128Args, data: &[u8]) -> Result<Encoded, String> {
    let mut options = code128::Options::default();
    options.height = args.bar_height.max(1);
    options.gs1_length_limit = !args.no_gs1_limit;
    let c = if args.common.gs1 {
        Code128::encode_gs1(&gs1_message(data)?, &options)
    } else {
        Code128::encode_bytes(data, &options)
    }
    .map_err(|e| e.to_string())?;
    let mut extra = Map::new();
    extra.insert("width_modules".into(), json!(c.width_modules()));
    extra.insert("values".into(), json!(c.values()));
    extra.insert("hri".into(), json!(c.hri_text()));
    if let Some(x) = args.x_dots {
        let widths = c
            .print_widths(x, args.bar_width_reduction)
            .map_err(|e| e.to_string())?;
        extra.insert("print_widths_dots".into(), json!(widths));
    }
    Ok(Encoded {
        data_codewords: None,
        hri: args.hri.then(|| c.hri_text()),
        extra,
        grid: c.into_grid(),
    })
}

fn write_output(enc: &Encoded, common: &CommonArgs, path: &Path) -> Result<(), String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("svg") => {
            let size = match common.x_dim_mm {
                Some(mm) => SvgSize::XDimensionMm(mm),
                None => SvgSize::ModulePx(common.module_px.unwrap_or(10)),
            };
            let o = SvgOptions {
                size,
                quiet_zone: common.quiet_zone,
                ..SvgOptions::default()
            };
            match &enc.hri {
                Some(text) => {
                    serialkit_symbology::code128::hri::to_svg_with_text(&enc.grid, text, &o)
                }
                None => to_svg(&enc.grid, &o),
            }
            .map_err(|e| e.to_string())?
            .into_bytes()
        }
        Some("png") => {
            let scale = match (common.x_dim_mm, common.dpi) {
                (Some(mm), Some(dpi)) => ModuleScale::XDimension { mm, dpi },
                (Some(_), None) => return Err("--x-dim-mm needs --dpi for raster output".into()),
                _ => ModuleScale::Pixels(common.module_px.unwrap_or(10)),
            };
            let options = RasterOptions {
                scale,
                quiet_zone: common.quiet_zone,
            };
            match &enc.hri {
                Some(text) => {
                    serialkit_symbology::code128::hri::to_png_with_text(&enc.grid, text, &options)
                }
                None => to_png(&enc.grid, &options),
            }
            .map_err(|e| e.to_string())?
        }
        // As for DataMatrix: no guessing a format from a misspelt name.
        _ => {
            return Err(format!(
                "{}: output file must end in .png or .svg",
                path.display()
            ));
        }
    };
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn describe(name: &str, enc: &Encoded, common: &CommonArgs, path: Option<&Path>) -> Value {
    let mut m = Map::new();
    m.insert("ok".into(), json!(true));
    m.insert("symbology".into(), json!(name));
    m.insert("rows".into(), json!(enc.grid.height()));
    m.insert("cols".into(), json!(enc.grid.width()));
    if let Some(n) = enc.data_codewords {
        m.insert("data_codewords".into(), json!(n));
    }
    m.insert(
        "symbology_identifier".into(),
        json!(enc.grid.symbology_identifier().to_string()),
    );
    for (k, v) in &enc.extra {
        m.insert(k.clone(), v.clone());
    }
    if let Some(p) = path {
        m.insert("file".into(), json!(p.display().to_string()));
    }
    if common.json {
        let rows: Vec<String> = if name == "code128" {
            // A linear symbol is one row of modules.
            text::rows(&enc.grid)
                .lines()
                .take(1)
                .map(str::to_owned)
                .collect()
        } else {
            text::rows(&enc.grid).lines().map(str::to_owned).collect()
        };
        m.insert("modules".into(), json!(rows));
    }
    Value::Object(m)
}

/// Runs `encode` for the QR family and Code 128.
fn run_family(cmd: EncodeCommand) -> std::io::Result<ExitCode> {
    let (name, common): (&str, &CommonArgs) = match &cmd {
        EncodeCommand::Qr(a) => ("qr", &a.common),
        EncodeCommand::Microqr(a) => ("microqr", &a.common),
        EncodeCommand::Rmqr(a) => ("rmqr", &a.common),
        EncodeCommand::Code128(a) => ("code128", &a.common),
        EncodeCommand::Datamatrix(_) => return Ok(ExitCode::from(2)),
    };
    let many = common.data == "-";
    let mut index = 0;
    let all_ok = for_each_input(&common.data, |data| {
        index += 1;
        let encoded = match &cmd {
            EncodeCommand::Qr(a) => encode_qr(a, data),
            EncodeCommand::Microqr(a) => encode_microqr(a, data),
            EncodeCommand::Rmqr(a) => encode_rmqr(a, data),
            EncodeCommand::Code128(a) => encode_code128(a, data),
            EncodeCommand::Datamatrix(_) => Err("unreachable".to_owned()),
        };
        let result = encoded.and_then(|enc| {
            let path = common
                .output
                .as_deref()
                .map(|p| output_path(p, many.then_some(index)));
            if let Some(p) = &path {
                write_output(&enc, common, p)?;
            }
            if !common.json && path.is_none() {
                // As for DataMatrix: without --json or a file, show it.
                let view = text::half_blocks(&enc.grid).map_err(|e| e.to_string())?;
                return Ok(Value::String(view.trim_end_matches('\n').to_owned()));
            }
            Ok(describe(name, &enc, common, path.as_deref()))
        });
        match result {
            Ok(Value::String(view)) => (view, true),
            Ok(v) => (v.to_string(), true),
            Err(e) => (json!({"ok": false, "error": e}).to_string(), false),
        }
    })?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
