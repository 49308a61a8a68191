//! `serialkit`: every serialkit capability from the shell.
//!
//! Each command prints JSON on stdout (one object per input line in `-`
//! mode) and exits with 0 on success, 1 when an input was rejected and 2 on
//! a usage error.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod decode;
mod encode;
mod gs1;
mod input;
mod serial;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// serialkit: product serialization from the shell.
#[derive(Parser)]
#[command(name = "serialkit", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// GS1 element strings: parse, validate, convert, lint.
    #[command(subcommand)]
    Gs1(gs1::Gs1Command),
    /// Encode data as a barcode symbol (PNG, SVG, JSON modules, terminal).
    #[command(subcommand)]
    Encode(encode::EncodeCommand),
    /// Decode a barcode image; print what a scanner would transmit.
    Decode(decode::DecodeArgs),
    /// Serial pools: create, allocate, verify, report.
    #[command(subcommand)]
    Serial(serial::SerialCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Gs1(c) => gs1::run(c),
        Command::Encode(c) => encode::run(c),
        Command::Decode(a) => decode::run(a),
        Command::Serial(c) => serial::run(c).map_err(std::io::Error::other),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("serialkit: {e}");
            ExitCode::from(2)
        }
    }
}
