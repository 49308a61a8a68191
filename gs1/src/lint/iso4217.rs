//! `iso4217`: ISO 4217 numeric currency codes.
//!
//! The code list is that of GS1's reference linters for Barcode Syntax
//! Dictionary release 2026-01-27 (maintained from the ISO 4217 Maintenance
//! Agency's list).

use super::code_set::NumericSet;
use super::error::{LintError, LintErrorKind, fail};

/// ISO 4217 numeric currency codes.
static NUMERIC: NumericSet = NumericSet::new(&[
    8, 12, 32, 36, 44, 48, 50, 51, 52, 60, 64, 68, 72, 84, 90, 96, 104, 108, 116, 124, 132, 136,
    144, 152, 156, 170, 174, 188, 192, 203, 208, 214, 222, 230, 232, 238, 242, 262, 270, 292, 320,
    324, 328, 332, 340, 344, 348, 352, 356, 360, 364, 368, 376, 388, 392, 396, 398, 400, 404, 408,
    410, 414, 417, 418, 422, 426, 430, 434, 446, 454, 458, 462, 480, 484, 496, 498, 504, 512, 516,
    524, 532, 533, 548, 554, 558, 566, 578, 586, 590, 598, 600, 604, 608, 634, 643, 646, 654, 682,
    690, 702, 704, 706, 710, 728, 748, 752, 756, 760, 764, 776, 780, 784, 788, 800, 807, 818, 826,
    834, 840, 858, 860, 882, 886, 901, 924, 925, 926, 927, 928, 929, 930, 933, 934, 936, 938, 940,
    941, 943, 944, 946, 947, 948, 949, 950, 951, 952, 953, 955, 956, 957, 958, 959, 960, 961, 962,
    963, 964, 965, 967, 968, 969, 970, 971, 972, 973, 975, 976, 977, 978, 979, 980, 981, 984, 985,
    986, 990, 994, 997, 999,
]);

/// `iso4217`: a three-digit ISO 4217 numeric currency code.
pub(crate) fn iso4217(value: &[u8]) -> Result<(), LintError> {
    if NUMERIC.contains(value) {
        return Ok(());
    }
    fail(LintErrorKind::NotIso4217, 0, value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            (0..1000u16).filter(|&n| NUMERIC.contains_number(n)).count(),
            179
        );
        assert!(iso4217(b"978").is_ok());
        assert!(iso4217(b"840").is_ok());
        assert!(iso4217(b"999").is_ok());
        for bad in [&b""[..], b"000", b"97", b"9780", b"A78", b"\x80\x80\x80"] {
            let e = iso4217(bad).unwrap_err();
            assert_eq!((e.kind, e.span), (LintErrorKind::NotIso4217, 0..bad.len()));
        }
    }
}
