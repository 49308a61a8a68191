//! EPCIS XML (2.0 and 1.2) on arbitrary bytes: never panics, whatever reads
//! also writes (a write failure after a successful read is a bug), and is
//! stable through a write in the same version:
//! `read(write(read(x))) == read(x)`, and writing again gives the same bytes.
//! Every event read also hashes (CBV 2.0 event hash) without panicking.
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
    if serialkit_epcis::stream::detect(data) != Some(serialkit_epcis::stream::InputFormat::Xml) {
        return;
    }
    let Ok(first) = read_message(data) else {
        return;
    };
    // Whatever reads has a CBV 2.0 event hash: hashing never panics.
    hash_every_event(&first);
    // Same dialect as the input: 1.x when the root is in an EPCIS 1.x
    // namespace. A poll exists only in EPCIS 2.0 XML: a 1.x document with
    // one is converted, and then keeps its poll and events.
    let (v12, converted) = match &first {
        Message::Document(d) => {
            let v1 = d
                .head
                .xml_root
                .as_ref()
                .and_then(|q| q.namespace.as_deref())
                .is_some_and(|u| u.ends_with(":1"));
            (v1 && d.head.poll.is_none(), v1 && d.head.poll.is_some())
        }
        // A bare event is 1.x when it declares an EPCIS 1.x namespace and
        // no 2.0 one (as the reader decides).
        Message::Event { namespaces, .. } => {
            let declares = |u: &str| namespaces.iter().any(|n| n.uri == u);
            (
                declares("urn:epcglobal:epcis:xsd:1") && !declares("urn:epcglobal:epcis:xsd:2"),
                false,
            )
        }
        _ => (false, false),
    };
    let format = if v12 { Format::Xml12 } else { Format::Xml };
    let written = write_message(&first, format, WriteOptions::default())
        .unwrap_or_else(|e| panic!("read but cannot be written as {format:?}: {e}"));
    let second = read_message(&written[..]).expect("written XML reads back");
    if converted {
        let (Message::Document(a), Message::Document(b)) = (&first, &second) else {
            panic!("a document stays a document")
        };
        assert_eq!(
            (&a.head.poll, &a.events),
            (&b.head.poll, &b.events),
            "poll or events changed:\n{}",
            String::from_utf8_lossy(&written)
        );
        return;
    }
    assert_eq!(
        second,
        first,
        "model changed through a write:\n{}",
        String::from_utf8_lossy(&written)
    );
    let again = write_message(&second, format, WriteOptions::default()).expect("writes again");
    assert_eq!(again, written, "writing is not stable");
});
