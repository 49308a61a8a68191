//! EPCIS XML (2.0 and 1.2) on arbitrary bytes: never panics, and whatever
//! reads is stable through a write in the same version:
//! `read(write(read(x))) == read(x)`, and writing again gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_epcis::{read_message, write_message, Format, Message, WriteOptions};

fuzz_target!(|data: &[u8]| {
    if serialkit_epcis::stream::detect(data) != Some(serialkit_epcis::stream::InputFormat::Xml) {
        return;
    }
    let Ok(first) = read_message(data) else { return };
    // Same dialect as the input: 1.x when the root is in an EPCIS 1.x namespace.
    let v12 = match &first {
        Message::Document(d) => d.head.xml_root.as_ref().and_then(|q| q.namespace.as_deref()).is_some_and(|u| u.ends_with(":1")),
        _ => false,
    };
    let format = if v12 { Format::Xml12 } else { Format::Xml };
    let Ok(written) = write_message(&first, format, WriteOptions::default()) else { return };
    let second = read_message(&written[..]).expect("written XML reads back");
    assert_eq!(second, first, "model changed through a write:\n{}", String::from_utf8_lossy(&written));
    let again = write_message(&second, format, WriteOptions::default()).expect("writes again");
    assert_eq!(again, written, "writing is not stable");
});
