//! EPCIS 2.0 JSON-LD on arbitrary bytes: never panics, and whatever reads
//! is stable through a write: `read(write(read(x))) == read(x)`, and
//! writing again gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_epcis::{read_message, write_message, Format, WriteOptions};

fuzz_target!(|data: &[u8]| {
    if serialkit_epcis::stream::detect(data) != Some(serialkit_epcis::stream::InputFormat::Json) {
        return;
    }
    let Ok(first) = read_message(data) else { return };
    let Ok(written) = write_message(&first, Format::JsonLd, WriteOptions::default()) else { return };
    let second = read_message(&written[..]).expect("written JSON-LD reads back");
    assert_eq!(second, first, "model changed through a write:\n{}", String::from_utf8_lossy(&written));
    let again = write_message(&second, Format::JsonLd, WriteOptions::default()).expect("writes again");
    assert_eq!(again, written, "writing is not stable");
});
