//! EPCIS 2.0 JSON-LD on arbitrary bytes: never panics, whatever reads also
//! writes (a write failure after a successful read is a bug), and is stable
//! through the write: `read(write(read(x))) == read(x)`, and writing again
//! gives the same bytes. Every event read also hashes (CBV 2.0 event hash)
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_epcis::{Format, Message, WriteOptions, read_message, write_message};

/// Hashes every event of `message` (the hash must not panic on any event
/// that reads).
fn hash_every_event(message: &Message) {
    let events: Vec<&serialkit_epcis::Event> = match message {
        Message::Document(d) => d.events.iter().collect(),
        Message::Event { event, .. } => vec![&**event],
        _ => Vec::new(),
    };
    for e in events {
        std::hint::black_box(serialkit_epcis::hash::event_hash(e));
    }
}

fuzz_target!(|data: &[u8]| {
    if serialkit_epcis::stream::detect(data) != Some(serialkit_epcis::stream::InputFormat::Json) {
        return;
    }
    let Ok(first) = read_message(data) else {
        return;
    };
    // Whatever reads has a CBV 2.0 event hash: hashing never panics.
    hash_every_event(&first);
    let written = write_message(&first, Format::JsonLd, WriteOptions::default())
        .unwrap_or_else(|e| panic!("read but cannot be written as JSON-LD: {e}"));
    let second = read_message(&written[..]).expect("written JSON-LD reads back");
    assert_eq!(
        second,
        first,
        "model changed through a write:\n{}",
        String::from_utf8_lossy(&written)
    );
    let again =
        write_message(&second, Format::JsonLd, WriteOptions::default()).expect("writes again");
    assert_eq!(again, written, "writing is not stable");
});
