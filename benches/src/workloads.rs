//! Inputs shared by the criterion benches and `versus`, so both measure the
//! same thing.

/// A typical EU FMD / DSCSA pack: GTIN, expiry, batch, serial (bracketed).
pub const PHARMA_BRACKETED: &str = "(01)09521234543213(17)261231(10)ABC1234567(21)SN12345678901234";

/// The same message as a barcode message in `^` notation.
pub const PHARMA_CARET: &str = "^01095212345432131726123110ABC1234567^21SN12345678901234";

/// The same message as scanner output from a GS1 DataMatrix.
pub const PHARMA_SCAN: &[u8] = b"]d201095212345432131726123110ABC1234567\x1d21SN12345678901234";

/// A 30-character GS1-128 message: GTIN and a 12-character batch.
pub const GS1_128_CARET: &str = "^010952123454321310ABCD12345678";

/// The same as GS1 bracketed syntax (for zint).
pub const GS1_128_BRACKETED: &str = "[01]09521234543213[10]ABCD12345678";

/// The pharma message as zint's bracketed syntax.
pub const PHARMA_ZINT: &str = "[01]09521234543213[17]261231[10]ABC1234567[21]SN12345678901234";

/// A message as a reader transmits it: FNC1 separators as GS, no leading
/// FNC1 (what encoders without a GS1 mode are given).
pub fn transmitted(caret: &str) -> String {
    caret[1..].replace('^', "\u{1d}")
}
