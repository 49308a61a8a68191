//! Streaming: results independent of how the input is chunked, and memory
//! bounded independently of document size.

mod common;

use serialkit_epcis::hash::{HashOptions, event_hash_with};
use serialkit_epcis::sample::SyntheticDocument;
use serialkit_epcis::stream::{EventReader, EventWriter};
use serialkit_epcis::{Format, Message, WriteOptions, read_message};
use std::io::Read;

/// A reader handing out at most `n` bytes per call.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn chunking_does_not_matter() {
    let Some(dir) = common::epcis_data("epcis streaming chunks") else {
        return;
    };
    let mut checked = 0;
    for doc in common::public_docs(&dir).into_iter().filter(|d| d.valid) {
        let bytes = std::fs::read(&doc.path).unwrap();
        let whole = read_message(&bytes[..]).unwrap();
        for chunk in [1, 7, 4096] {
            let piecewise = read_message(Trickle(&bytes, chunk)).unwrap();
            assert_eq!(piecewise, whole, "{} read {chunk} bytes at a time", doc.rel);
        }
        checked += 1;
    }
    println!("epcis streaming: {checked} documents read alike in 1-, 7- and 4096-byte chunks");
}

#[test]
fn synthetic_documents_stream_in_both_formats() {
    for format in [Format::JsonLd, Format::Xml, Format::Xml12] {
        let mut reader = EventReader::new(SyntheticDocument::new(format, 400, 42)).unwrap();
        let mut hashes = Vec::new();
        while let Some(e) = reader.next_event().unwrap() {
            hashes.push(event_hash_with(&e, &HashOptions::default()));
        }
        assert_eq!(hashes.len(), 400, "{format:?}");
        // The same events whatever the format.
        let json: Vec<String> = EventReader::new(SyntheticDocument::new(Format::JsonLd, 400, 42))
            .unwrap()
            .map(|e| event_hash_with(&e.unwrap(), &HashOptions::default()))
            .collect();
        assert_eq!(hashes, json, "{format:?}");
    }
}

#[test]
fn streaming_writer_matches_whole_document_writer() {
    let reader = EventReader::new(SyntheticDocument::new(Format::Xml, 300, 9)).unwrap();
    let head = reader.head().clone();
    let events: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
    let mut w =
        EventWriter::new(Vec::new(), &head, Format::JsonLd, WriteOptions::default()).unwrap();
    for e in &events {
        w.write_event(e).unwrap();
    }
    let streamed = w.finish(None).unwrap();
    let whole = serialkit_epcis::write_document(
        &serialkit_epcis::Document { head, events },
        Format::JsonLd,
        WriteOptions::default(),
    )
    .unwrap();
    assert_eq!(streamed, whole);
    assert!(
        matches!(read_message(&streamed[..]).unwrap(), Message::Document(d) if d.events.len() == 300)
    );
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// A 1 GB document (about 1.5 million events) read event by event stays
/// under 64 MB of resident memory. Run alone:
/// `cargo test -p serialkit-epcis --release --test streaming -- --ignored`.
#[test]
#[ignore = "reads 2 GB of generated EPCIS; run with --release"]
fn gigabyte_documents_in_bounded_memory() {
    for format in [Format::Xml, Format::JsonLd] {
        struct Counting<R>(R, std::rc::Rc<std::cell::Cell<u64>>);
        impl<R: Read> Read for Counting<R> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.read(buf)?;
                self.1.set(self.1.get() + n as u64);
                Ok(n)
            }
        }
        let bytes = std::rc::Rc::new(std::cell::Cell::new(0));
        let mut reader = EventReader::new(Counting(
            SyntheticDocument::new(format, 1_600_000, 1),
            bytes.clone(),
        ))
        .unwrap();
        let mut n = 0u64;
        let started = std::time::Instant::now();
        while let Some(e) = reader.next_event().unwrap() {
            std::hint::black_box(&e);
            n += 1;
        }
        let seconds = started.elapsed().as_secs_f64();
        let rss = peak_rss_kib().unwrap_or(0);
        println!(
            "epcis streaming {format:?}: {n} events, {} bytes ({} MB) read in {seconds:.1} s (generated while read), peak RSS {} MiB",
            bytes.get(),
            bytes.get() / 1_000_000,
            rss / 1024
        );
        assert!(bytes.get() > 1_000_000_000, "the document is over 1 GB");
        assert!(rss < 64 * 1024, "peak RSS {rss} KiB");
    }
}
