//! EPCIS 2.0 JSON-LD on arbitrary bytes: never panics, whatever reads also
//! writes (a write failure after a successful read is a bug), and is stable
//! through the write: `read(write(read(x))) == read(x)`, and writing again
//! gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_epcis::{Format, WriteOptions, read_message, write_message};

fuzz_target!(|data: &[u8]| {
    if serialkit_epcis::stream::detect(data) != Some(serialkit_epcis::stream::InputFormat::Json) {
        return;
    }
    let Ok(first) = read_message(data) else {
        return;
    };
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
