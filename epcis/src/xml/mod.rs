//! EPCIS XML (2.0 and 1.2): a streaming reader and writer.

mod layout;
mod read;
pub(crate) mod tree;
mod write;

pub use read::XmlReader;
pub use write::{XmlVersion, XmlWriter};
