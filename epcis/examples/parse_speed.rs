//! Times streaming parse of a generated document: `parse_speed xml|jsonld [events]`.
use serialkit_epcis::{Format, sample::SyntheticDocument, stream::EventReader};
use std::io::Read;
fn main() {
    let fmt = std::env::args().nth(1).unwrap_or_else(|| "xml".into());
    let n: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let format = if fmt == "xml" {
        Format::Xml
    } else {
        Format::JsonLd
    };
    let mut doc = Vec::new();
    SyntheticDocument::new(format, n, 2024)
        .read_to_end(&mut doc)
        .expect("generate");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut r = EventReader::new(&doc[..]).expect("doc");
        let mut c = 0;
        while let Some(e) = r.next_event().expect("doc") {
            std::hint::black_box(e);
            c += 1;
        }
        let s = t.elapsed().as_secs_f64();
        println!("{fmt}: {c} events, {:.1} MB/s", doc.len() as f64 / s / 1e6);
    }
}
