//! `versus <area> [--json] [--quick]`: serialkit against its peers,
//! interleaved in one run. Areas: `gs1` (more as crates land), or `all`.
// Denied, not forbidden: the counting allocator below is the one exception.
#![deny(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serialkit_benches::versus::{self, Measurement, Settings};

/// The system allocator, counting allocations (and reallocations) only
/// while `COUNTING` is on: the allocations-per-symbol pass of `versus
/// datamatrix` turns it on after the timings, which pay one relaxed load
/// per allocation.
struct CountingAllocator;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

impl CountingAllocator {
    #[inline]
    fn count() {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; counting touches only two atomics.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::count();
        // SAFETY: the caller's contract is passed through.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn start_counting() {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
}

fn stop_counting() -> u64 {
    COUNTING.store(false, Ordering::Relaxed);
    ALLOCATIONS.load(Ordering::Relaxed)
}

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
    versus::datamatrix::install_allocation_counter(versus::datamatrix::AllocationCounter {
        start: start_counting,
        stop: stop_counting,
        json,
    });
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
