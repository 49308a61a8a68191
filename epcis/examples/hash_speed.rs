//! Times the event hash over generated events: `hash_speed [events]`.
use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::{Format, sample::SyntheticDocument, stream::EventReader};
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
        let t = std::time::Instant::now();
        for e in &events {
            std::hint::black_box(event_hash_with(e, &options));
        }
        println!(
            "{:.0} events/s",
            events.len() as f64 / t.elapsed().as_secs_f64()
        );
    }
}
