//! Times the event hash over generated events: `hash_speed [events]`.
//!
//! Prints events per second of wall-clock time and of the thread's CPU time
//! (from `/proc/thread-self/schedstat` where available), which a busy
//! machine disturbs less.
use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::{Format, sample::SyntheticDocument, stream::EventReader};

/// Nanoseconds this thread has run on a CPU, when the kernel says.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let events: Vec<_> = EventReader::new(SyntheticDocument::new(Format::JsonLd, n, 2024))
        .expect("doc")
        .collect::<Result<_, _>>()
        .expect("doc");
    let options = HashOptions::default();
    for _ in 0..5 {
        let cpu = cpu_ns();
        let t = std::time::Instant::now();
        for e in &events {
            std::hint::black_box(event_hash_with(e, &options));
        }
        let wall = t.elapsed().as_secs_f64();
        let per_s = |secs: f64| events.len() as f64 / secs;
        match (cpu, cpu_ns()) {
            (Some(a), Some(b)) => println!(
                "{:.0} events/s ({:.0} events/s of CPU time)",
                per_s(wall),
                per_s((b - a) as f64 / 1e9)
            ),
            _ => println!("{:.0} events/s", per_s(wall)),
        }
    }
}
