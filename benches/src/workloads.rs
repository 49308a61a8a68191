//! Inputs shared by the criterion benches and `versus`, so both measure the
//! same thing.

/// A typical EU FMD / DSCSA pack: GTIN, expiry, batch, serial (bracketed).
pub const PHARMA_BRACKETED: &str = "(01)09521234543213(17)261231(10)ABC1234567(21)SN12345678901234";

/// The same message as a barcode message in `^` notation.
pub const PHARMA_CARET: &str = "^01095212345432131726123110ABC1234567^21SN12345678901234";

/// The same message as scanner output from a GS1 DataMatrix.
pub const PHARMA_SCAN: &[u8] = b"]d201095212345432131726123110ABC1234567\x1d21SN12345678901234";
