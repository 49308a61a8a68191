//! `versus <area> [--json] [--quick]`: serialkit against its peers,
//! interleaved in one run. Areas: `gs1` (more as crates land), or `all`.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use serialkit_benches::versus::{self, Measurement, Settings};

fn run_area(area: &str, settings: Settings) -> Option<Vec<Measurement>> {
    Some(match area {
        "gs1" => versus::gs1::run(settings),
        "dl" | "epc" => versus::dl_epc::run(area, settings),
        "datamatrix" => versus::datamatrix::run(settings),
        "serial" => versus::serial::run(settings),
        "epcis" => versus::epcis::run(settings),
        "qr" => versus::qr::run(settings),
        "code128" => versus::code128::run(settings),
        _ => return None,
    })
}

const AREAS: &[&str] = &[
    "gs1",
    "serial",
    "datamatrix",
    "qr",
    "code128",
    "dl",
    "epc",
    "epcis",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let quick = args.iter().any(|a| a == "--quick");
    let areas: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    if areas.is_empty() {
        eprintln!("usage: versus <{}|all> [--json] [--quick]", AREAS.join("|"));
        return ExitCode::from(2);
    }
    let settings = if quick {
        Settings {
            rounds: 3,
            batch: std::time::Duration::from_millis(5),
        }
    } else {
        Settings::default()
    };
    let list: Vec<&str> = if areas == ["all"] {
        AREAS.to_vec()
    } else {
        areas
    };
    for area in list {
        match run_area(area, settings) {
            Some(ms) => versus::report(&ms, json),
            None => {
                eprintln!("versus: unknown area {area}; one of {}", AREAS.join(", "));
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
