//! `versus datamatrix`: a GS1 pharma message (49-character element string)
//! to a DataMatrix module grid, square sizes. In-process peers: the
//! `datamatrix` crate 0.3 and rxing 0.9; zint (minimal and `--fast`) through
//! its Python binding `zint-bindings` in a worker process. Also: rendering
//! a 24×24 symbol to PNG at 10 px/module.
//!
//! After the timed rounds, a separate pass counts heap allocations per
//! symbol of every in-process contender, when the `versus` binary has
//! installed its counting allocator ([`install_allocation_counter`]): the
//! count is off during the timings, so they are not distorted.

use std::hint::black_box;
use std::sync::OnceLock;

use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};
use serialkit_symbology::render::png::{RasterOptions, to_png};

use super::external::{Worker, python_peer};
use super::{Contender, Measurement, Settings, compare, peer_missing};

/// The example: zint's minimal mode picks 24×24, 22×22 suffices.
pub const PHARMA_49_BRACKETED: &str = "[01]09506007518506[17]290315[10]P0151511[21]WX0Q1PU3AU12";
/// The same as a `^` message.
pub const PHARMA_49_CARET: &str = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
/// The same with GS as separator and no leading FNC1 (the `datamatrix`
/// crate's input form).
pub const PHARMA_49_GS: &[u8] = b"01095060075185061729031510P0151511\x1d21WX0Q1PU3AU12";
/// A message that needs 24×24.
pub const PHARMA_24X24_CARET: &str = "^01095212345432131726123110ABC1234567^21SN12345678901234";

fn zint(workload: &str, fast: bool) -> Option<Worker> {
    let mode = if fast {
        "zint.InputMode.GS1 | zint.InputMode.FAST"
    } else {
        "zint.InputMode.GS1"
    };
    let setup = format!(
        "import zint\nsym = zint.Symbol()\nsym.symbology = zint.Symbology.DATAMATRIX\nsym.input_mode = {mode}\nsym.option_3 = 100\nsym.encode(\"{PHARMA_49_BRACKETED}\")"
    );
    let name = if fast {
        "zint --fast (Python binding)"
    } else {
        "zint (Python binding)"
    };
    python_peer(
        workload,
        name,
        "zint-bindings",
        &setup,
        &format!("sym.encode(\"{PHARMA_49_BRACKETED}\")"),
    )
}

fn rxing_gs1(data: &str) -> Option<rxing::common::BitMatrix> {
    use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};
    let hints = EncodeHints {
        Gs1Format: Some(true),
        ..EncodeHints::default()
    };
    MultiFormatWriter
        .encode_with_hints(data, &BarcodeFormat::DATA_MATRIX, 0, 0, &hints)
        .ok()
}

/// How the `versus` binary counts heap allocations: its global allocator
/// counts allocations and reallocations while counting is on.
#[derive(Clone, Copy, Debug)]
pub struct AllocationCounter {
    /// Resets the count and turns counting on.
    pub start: fn(),
    /// Turns counting off and returns the count since `start`.
    pub stop: fn() -> u64,
    /// Print the counts as JSON lines (the binary's `--json`).
    pub json: bool,
}

static COUNTER: OnceLock<AllocationCounter> = OnceLock::new();

/// Installs the counter the allocation pass uses (once; later calls are
/// ignored).
pub fn install_allocation_counter(counter: AllocationCounter) {
    let _ = COUNTER.set(counter);
}

/// Heap allocations per call of `op`, averaged over `calls` calls (after
/// one warm-up call that fills caches such as the placement tables).
fn allocations_per_call(counter: &AllocationCounter, calls: u64, mut op: impl FnMut()) -> f64 {
    op();
    (counter.start)();
    for _ in 0..calls {
        op();
    }
    (counter.stop)() as f64 / calls as f64
}

/// Prints one allocation line, in the report's table or JSON form.
fn report_allocations(counter: &AllocationCounter, workload: &str, contender: &str, per: f64) {
    if counter.json {
        println!(
            "{}",
            serde_json::json!({
                "workload": workload,
                "contender": contender,
                "allocations_per_op": per,
            })
        );
    } else {
        println!("{workload:<32} {contender:<28} {per:>14.1} allocations/op");
    }
}

/// Runs the datamatrix workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let mut out = Vec::new();
    {
        let w = "datamatrix/gs1 49 chars -> grid (square)";
        let options = Options::with_size(SizePolicy::Square);
        let rxing_input = PHARMA_49_GS.iter().map(|&b| b as char).collect::<String>();
        let rxing_ok =
            std::panic::catch_unwind(|| rxing_gs1(&rxing_input).is_some()).unwrap_or(false);
        let mut cs = vec![
            Contender::new("serialkit", || {
                let dm =
                    DataMatrix::encode_gs1(black_box(PHARMA_49_CARET), &options).expect("fits");
                assert_eq!(dm.grid().width(), 22);
                black_box(dm);
            }),
            Contender::new("datamatrix crate 0.3", || {
                let dm = datamatrix::DataMatrix::encode_gs1(
                    black_box(PHARMA_49_GS),
                    datamatrix::SymbolList::default().enforce_square(),
                )
                .expect("fits");
                black_box(dm.bitmap());
            }),
        ];
        if rxing_ok {
            cs.push(Contender::new("rxing 0.9", || {
                black_box(rxing_gs1(black_box(&rxing_input)));
            }));
        } else {
            peer_missing(
                w,
                "rxing 0.9",
                "its GS1 DataMatrix writer failed on this message",
            );
        }
        let mut workers: Vec<(String, Worker)> = Vec::new();
        for fast in [false, true] {
            if let Some(worker) = zint(w, fast) {
                let name = if fast {
                    "zint --fast (Python binding)"
                } else {
                    "zint (Python binding)"
                };
                workers.push((name.to_owned(), worker));
            }
        }
        for (name, mut worker) in workers {
            cs.push(Contender::timed(name, move |n| worker.run(n)));
        }
        #[cfg(feature = "zint")]
        for (name, mode) in [
            ("zint (libzint, minimal)", super::zint_native::GS1_MODE),
            (
                "zint --fast (libzint)",
                super::zint_native::GS1_MODE | super::zint_native::FAST_MODE,
            ),
        ] {
            let job = super::zint_native::Job {
                symbology: super::zint_native::DATA_MATRIX,
                input_mode: mode,
                option_1: 0,
                option_2: 0,
                option_3: super::zint_native::DM_SQUARE,
            };
            cs.extend(super::zint_native::contender(
                name,
                job,
                PHARMA_49_BRACKETED,
            ));
        }
        out.extend(compare(w, cs, settings));
        if let Some(counter) = COUNTER.get() {
            let serialkit = allocations_per_call(counter, 1000, || {
                black_box(DataMatrix::encode_gs1(black_box(PHARMA_49_CARET), &options).ok());
            });
            report_allocations(counter, w, "serialkit", serialkit);
            let peer = allocations_per_call(counter, 100, || {
                let dm = datamatrix::DataMatrix::encode_gs1(
                    black_box(PHARMA_49_GS),
                    datamatrix::SymbolList::default().enforce_square(),
                );
                black_box(dm.map(|d| d.bitmap()).ok());
            });
            report_allocations(counter, w, "datamatrix crate 0.3", peer);
            if rxing_ok {
                let peer = allocations_per_call(counter, 20, || {
                    black_box(rxing_gs1(black_box(&rxing_input)));
                });
                report_allocations(counter, w, "rxing 0.9", peer);
            }
        }
    }
    {
        let w = "datamatrix/render 24x24 png 10px";
        let dm =
            DataMatrix::encode_gs1(PHARMA_24X24_CARET, &Options::with_size(SizePolicy::Square))
                .expect("fits");
        let options = RasterOptions::pixels(10);
        let cs = vec![Contender::new("serialkit", || {
            let png = to_png(black_box(dm.grid()), &options).expect("renders");
            black_box(png);
        })];
        out.extend(compare(w, cs, settings));
        if let Some(counter) = COUNTER.get() {
            let per = allocations_per_call(counter, 200, || {
                black_box(to_png(black_box(dm.grid()), &options).ok());
            });
            report_allocations(counter, w, "serialkit", per);
        }
    }
    out
}
