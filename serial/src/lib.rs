//! Serial-number allocation for GS1 serialization.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod alphabet;
mod error;
mod format;
mod key;
pub mod permutation;
mod serial;

pub use alphabet::{
    Alphabet, CSET_39, CSET_64, CSET_82, LOOKALIKES, NUMERIC, UPPER_ALPHANUMERIC, is_serial_char,
};
pub use error::{FormatError, PoolError, RankError, SerialError, StoreError};
pub use format::{FormatSpec, MAX_AI21_LEN, SerialFormat, SerialFormatBuilder, SerialLength};
pub use key::SerialKey;
pub use permutation::{CipherKind, FeistelPermutation, Ff1Permutation, IndexPermutation};
pub use serial::{MAX_SERIAL_LEN, Serial};
