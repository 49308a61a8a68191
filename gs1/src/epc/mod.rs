//! EPC identifiers of the GS1 EPC Tag Data Standard (TDS 2.x): pure
//! identity URIs for every scheme, the `lgtin` class and ID patterns, tag
//! URIs, the binary encodings of RFID tags (96-bit, variable-length and the
//! TDS 2.0 `+` schemes), and conversion to and from GS1 keys in element
//! strings and Digital Link URIs.
//!
//! Going from a GS1 key to an EPC splits the key at the end of its GS1
//! Company Prefix, whose length is either given or looked up in GS1's GCP
//! Prefix Format List ([`GcpLengthTable`], loaded at run time).
//!
//! ```
//! use serialkit_gs1::{ElementString, Options};
//! use serialkit_gs1::epc::{BinaryScheme, CompanyPrefix, Epc, Tag};
//! let es = ElementString::parse("(01)80614141123458(21)6789", &Options::default())?;
//! let epc = Epc::from_element_string(&es, CompanyPrefix::Length(7))?;
//! let tag = Tag::new(BinaryScheme::Sgtin96, 3, epc)?;
//! assert_eq!(tag.to_string(), "urn:epc:tag:sgtin-96:3.0614141.812345.6789");
//! assert_eq!(tag.encode()?.to_hex(), "3074257BF7194E4000001A85");
//! let back = Tag::decode_hex("3074257BF7194E4000001A85")?;
//! assert_eq!(back.epc().to_element_string()?.to_string(), "(01)80614141123458(21)6789");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Components are held inline, so decoding and encoding a tag allocate
//! nothing; only rendering URIs and element strings does.

mod binary;
mod bits;
mod decimal;
mod error;
mod field;
mod gcp;
mod gs1;
mod id;
mod plus;
mod scheme;

pub use binary::{BinaryScheme, Decoded, Tag, decode_any, decode_any_hex};
pub use bits::EncodedEpc;
pub use error::{EpcError, EpcErrorKind};
pub use field::Field;
pub use gcp::{GcpLengthTable, GcpTableError};
pub use gs1::CompanyPrefix;
pub use id::{Epc, EpcPattern, Lgtin};
pub use plus::PlusTag;
pub use scheme::Scheme;

/// `Serialize`/`Deserialize` as the URI text, for every URI-shaped type.
#[cfg(feature = "serde")]
mod serde_impls {
    use super::{Epc, EpcPattern, Lgtin, Tag};

    macro_rules! as_text {
        ($($t:ty),*) => {$(
            impl serde::Serialize for $t {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_str(self)
                }
            }

            impl<'de> serde::Deserialize<'de> for $t {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                    s.parse().map_err(serde::de::Error::custom)
                }
            }
        )*};
    }

    as_text!(Epc, Tag, Lgtin, EpcPattern);
}
