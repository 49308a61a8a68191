//! The `versus` harness: runs contenders (serialkit and its peers) on the
//! same workload, interleaved in rounds so that machine noise hits all of
//! them alike, and reports the median ns/op of each with its ratio to
//! serialkit.
//!
//! Time is the measuring thread's CPU time, not wall time: on a shared
//! two-core machine a descheduled thread would otherwise be charged for
//! other processes' work. Worker processes measure their own CPU time too.
//!
//! Peers that live outside Rust (Python's biip, Node's bwip-js, …) run in a
//! worker process started once; each round asks the worker to time a batch
//! and report back, so they are measured in the same run, interleaved with
//! the in-process contenders.

pub mod code128;
pub mod datamatrix;
pub mod dl_epc;
pub mod epcis;
pub mod external;
pub mod gs1;
pub mod qr;
pub mod serial;
#[cfg(feature = "zint")]
pub mod zint_native;

use std::time::Duration;

use cpu_time::ThreadTime;

use serde::Serialize;

/// Something measured: a closure that performs `iters` operations and
/// returns how long they took.
pub struct Contender<'a> {
    /// Who is measured, e.g. `"serialkit"`, `"biip (Python)"`.
    pub name: String,
    run: Box<dyn FnMut(u64) -> Option<Duration> + 'a>,
}

impl<'a> Contender<'a> {
    /// An in-process contender: `op` is one operation.
    pub fn new(name: impl Into<String>, mut op: impl FnMut() + 'a) -> Self {
        Contender {
            name: name.into(),
            run: Box::new(move |iters| {
                let t = ThreadTime::now();
                for _ in 0..iters {
                    op();
                }
                Some(t.elapsed())
            }),
        }
    }

    /// A contender that times its own batches (e.g. a worker process).
    /// `None` from `run` means the contender failed and is dropped.
    pub fn timed(name: impl Into<String>, run: impl FnMut(u64) -> Option<Duration> + 'a) -> Self {
        Contender {
            name: name.into(),
            run: Box::new(run),
        }
    }
}

/// One line of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Measurement {
    /// The workload, e.g. `gs1/parse-bracketed`.
    pub workload: String,
    /// The contender.
    pub contender: String,
    /// Median nanoseconds per operation over the rounds.
    pub ns_per_op: f64,
    /// `ns_per_op` of this contender divided by serialkit's: above 1 means
    /// serialkit is faster.
    pub ratio_to_serialkit: f64,
}

/// How long to run.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Interleaved rounds; the median of the rounds is reported.
    pub rounds: usize,
    /// Target time of one contender's batch in one round.
    pub batch: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rounds: 11,
            batch: Duration::from_millis(40),
        }
    }
}

/// Measures every contender on `workload`; the first contender is serialkit
/// and the reference of the ratios.
pub fn compare(
    workload: &str,
    mut contenders: Vec<Contender<'_>>,
    settings: Settings,
) -> Vec<Measurement> {
    // Calibrate each contender's batch size to the target batch time.
    let mut iters = Vec::with_capacity(contenders.len());
    let mut alive = vec![true; contenders.len()];
    for (i, c) in contenders.iter_mut().enumerate() {
        let mut n = 1u64;
        loop {
            match (c.run)(n) {
                Some(d) if d >= settings.batch / 4 || n >= 1 << 40 => {
                    let per = d.as_secs_f64() / n as f64;
                    iters.push(((settings.batch.as_secs_f64() / per.max(1e-12)) as u64).max(1));
                    break;
                }
                Some(_) => n *= 4,
                None => {
                    alive[i] = false;
                    iters.push(0);
                    break;
                }
            }
        }
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); contenders.len()];
    for _ in 0..settings.rounds {
        for (i, c) in contenders.iter_mut().enumerate() {
            if !alive[i] {
                continue;
            }
            match (c.run)(iters[i]) {
                Some(d) => samples[i].push(d.as_nanos() as f64 / iters[i] as f64),
                None => alive[i] = false,
            }
        }
    }
    let medians: Vec<Option<f64>> = samples
        .iter_mut()
        .map(|s| {
            if s.is_empty() {
                return None;
            }
            s.sort_by(f64::total_cmp);
            Some(s[s.len() / 2])
        })
        .collect();
    let base = medians.first().copied().flatten().unwrap_or(f64::NAN);
    contenders
        .iter()
        .zip(medians)
        .filter_map(|(c, m)| {
            m.map(|ns| Measurement {
                workload: workload.to_owned(),
                contender: c.name.clone(),
                ns_per_op: ns,
                ratio_to_serialkit: ns / base,
            })
        })
        .collect()
}

/// Prints measurements as a table (or JSON lines with `json`).
pub fn report(ms: &[Measurement], json: bool) {
    if json {
        for m in ms {
            println!("{}", serde_json::to_string(m).unwrap_or_default());
        }
        return;
    }
    for m in ms {
        let ratio = if m.contender == "serialkit" {
            String::from("(reference)")
        } else if m.ratio_to_serialkit >= 1.0 {
            format!("serialkit {:.1}x faster", m.ratio_to_serialkit)
        } else {
            format!("serialkit {:.2}x slower", 1.0 / m.ratio_to_serialkit)
        };
        println!(
            "{:<32} {:<28} {:>14} ns/op   {}",
            m.workload,
            m.contender,
            format_ns(m.ns_per_op),
            ratio
        );
    }
}

fn format_ns(ns: f64) -> String {
    if ns >= 100.0 {
        format!("{ns:.0}")
    } else {
        format!("{ns:.1}")
    }
}

/// A peer that is not installed or failed to start: say so in one line.
pub fn peer_missing(workload: &str, peer: &str, why: &str) {
    eprintln!("{workload}: peer {peer} skipped: {why}");
}
