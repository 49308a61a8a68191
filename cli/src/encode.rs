//! `serialkit encode <symbology> …`: data or GS1 element strings to a
//! symbol, written as PNG or SVG and described as JSON.
//!
//! Every symbology shares [`CommonArgs`] (input, GS1 mode, module size,
//! quiet zone, output file, `--json`) and adds its own options; the JSON
//! has the same shape for all (`symbology`, `rows`, `cols`,
//! `data_codewords`, `modules`) plus symbology-specific keys (`version`,
//! `ecc`, `mask` for the QR family, `width_modules` for Code 128).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};
use serialkit_gs1::{ElementString, Fnc1Notation, Options as Gs1Options};
use serialkit_symbology::code128::{self, Code128};
use serialkit_symbology::qr::micro::{self, MicroQr, MicroVersion};
use serialkit_symbology::qr::rmqr::{self, Rmqr, RmqrSize};
use serialkit_symbology::qr::{self, EccLevel, Mask, QrCode, Version, VersionPolicy};
use serialkit_symbology::render::png::{ModuleScale, RasterOptions, to_png};
use serialkit_symbology::render::svg::{SvgOptions, SvgSize, to_svg};
use serialkit_symbology::render::text;
use serialkit_symbology::{Eci, ModuleGrid, Segment};

use crate::input::for_each_input;

/// Arguments of `encode`.
#[derive(Args)]
pub struct EncodeArgs {
    #[command(subcommand)]
    symbology: Symbology,
}

/// The symbologies `encode` writes.
#[derive(Subcommand)]
enum Symbology {
    /// QR Code (ISO/IEC 18004), GS1 QR Code with --gs1.
    Qr(QrArgs),
    /// Micro QR Code, M1 to M4.
    Microqr(MicroQrArgs),
    /// Rectangular Micro QR Code (rMQR, ISO/IEC 23941).
    Rmqr(RmqrArgs),
    /// Code 128, GS1-128 with --gs1.
    Code128(Code128Args),
}

/// Options every symbology shares.
#[derive(Args)]
pub struct CommonArgs {
    /// DATA is GS1: a bracketed element string (`(01)…` or `[01]…`) or a
    /// `^` FNC1 message; it is validated against the AI dictionary.
    #[arg(long)]
    gs1: bool,
    /// Module size in pixels (PNG) or user units (SVG).
    #[arg(long, value_name = "N", conflicts_with = "x_dim_mm")]
    module_px: Option<u32>,
    /// X-dimension in millimetres (PNG needs --dpi; pixels are snapped to
    /// a whole number per module).
    #[arg(long, value_name = "F")]
    x_dim_mm: Option<f64>,
    /// Printer resolution for --x-dim-mm.
    #[arg(long, value_name = "N")]
    dpi: Option<u32>,
    /// Quiet zone in modules (default: the symbology's).
    #[arg(long, value_name = "N")]
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
struct QrArgs {
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
}

/// Micro QR options.
#[derive(Args)]
#[command(disable_version_flag = true)]
struct MicroQrArgs {
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
struct RmqrArgs {
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
struct Code128Args {
    #[command(flatten)]
    common: CommonArgs,
    /// Bar height in modules.
    #[arg(long, value_name = "N", default_value_t = 50)]
    bar_height: usize,
    /// Print the human-readable interpretation under the bars (PNG).
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
    let options = Gs1Options::default();
    let text = std::str::from_utf8(data).map_err(|e| format!("input is not UTF-8: {e}"))?;
    let es = match data.first() {
        Some(b'^') | Some(0x1D) => ElementString::parse_message(data, &options),
        _ => ElementString::parse(text, &options),
    }
    .map_err(|errors| {
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    Ok(es.to_message(Fnc1Notation::Caret))
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
    let qr = if args.common.gs1 {
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

fn output_path(base: &Path, index: Option<usize>) -> PathBuf {
    match index {
        None => base.to_path_buf(),
        Some(i) => {
            let stem = base
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let ext = base
                .extension()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            base.with_file_name(format!("{stem}-{i}.{ext}"))
        }
    }
}

fn write_output(enc: &Encoded, common: &CommonArgs, path: &Path) -> Result<(), String> {
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let bytes = if svg {
        let size = match common.x_dim_mm {
            Some(mm) => SvgSize::XDimensionMm(mm),
            None => SvgSize::ModulePx(common.module_px.unwrap_or(10)),
        };
        let o = SvgOptions {
            size,
            quiet_zone: common.quiet_zone,
            ..SvgOptions::default()
        };
        to_svg(&enc.grid, &o).into_bytes()
    } else {
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
        m.insert("output".into(), json!(p.display().to_string()));
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

/// Runs `encode`.
pub fn run(args: EncodeArgs) -> std::io::Result<ExitCode> {
    let (name, common): (&str, &CommonArgs) = match &args.symbology {
        Symbology::Qr(a) => ("qr", &a.common),
        Symbology::Microqr(a) => ("microqr", &a.common),
        Symbology::Rmqr(a) => ("rmqr", &a.common),
        Symbology::Code128(a) => ("code128", &a.common),
    };
    let many = common.data == "-";
    let mut index = 0;
    let all_ok = for_each_input(&common.data, |data| {
        index += 1;
        let encoded = match &args.symbology {
            Symbology::Qr(a) => encode_qr(a, data),
            Symbology::Microqr(a) => encode_microqr(a, data),
            Symbology::Rmqr(a) => encode_rmqr(a, data),
            Symbology::Code128(a) => encode_code128(a, data),
        };
        let result = encoded.and_then(|enc| {
            let path = common
                .output
                .as_deref()
                .map(|p| output_path(p, many.then_some(index)));
            if let Some(p) = &path {
                write_output(&enc, common, p)?;
            }
            Ok(describe(name, &enc, common, path.as_deref()))
        });
        match result {
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
