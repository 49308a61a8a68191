//! GS1 identifiers, check digits, the Application Identifier table, element
//! strings, scan data, HRI and validation.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod check_digit;
pub mod lint;
