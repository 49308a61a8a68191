//! EPCIS 2.0 JSON / JSON-LD: a streaming reader and writer.

pub(crate) mod de;
mod read;
mod scan;
pub(crate) mod ser;

pub use read::JsonReader;
pub use ser::JsonWriter;
