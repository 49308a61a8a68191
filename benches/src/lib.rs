//! Benchmarks of serialkit against its peers.
//!
//! Two entry points share the workloads defined here:
//! - `cargo bench -p serialkit-benches` runs the criterion benches
//!   (`benches/*.rs`), one file per area, each with `Throughput` set and its
//!   output checked;
//! - `cargo run --release -p serialkit-benches --bin versus -- <area>
//!   [--json]` runs serialkit and every peer that installs here interleaved
//!   in one run and prints ns/op and ratios ([`versus`]).
// Unsafe code is denied everywhere but in `versus::zint_native`, the one
// FFI call into libzint that the `zint` feature needs.
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod versus;
pub mod workloads;
