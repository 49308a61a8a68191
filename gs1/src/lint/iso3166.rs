//! ISO 3166-1 country codes: `iso3166` (numeric), `iso3166999` (numeric or
//! `999`) and `iso3166alpha2` (alpha-2).
//!
//! The code lists are those of GS1's reference linters for Barcode Syntax
//! Dictionary release 2026-01-27 (maintained from the ISO 3166 Maintenance
//! Agency's updates).

use super::code_set::{Alpha2Set, NumericSet};
use super::error::{LintError, LintErrorKind, fail};

/// ISO 3166-1 numeric country codes.
static NUMERIC: NumericSet = NumericSet::new(&[
    4, 8, 10, 12, 16, 20, 24, 28, 31, 32, 36, 40, 44, 48, 50, 51, 52, 56, 60, 64, 68, 70, 72, 74,
    76, 84, 86, 90, 92, 96, 100, 104, 108, 112, 116, 120, 124, 132, 136, 140, 144, 148, 152, 156,
    158, 162, 166, 170, 174, 175, 178, 180, 184, 188, 191, 192, 196, 203, 204, 208, 212, 214, 218,
    222, 226, 231, 232, 233, 234, 238, 239, 242, 246, 248, 250, 254, 258, 260, 262, 266, 268, 270,
    275, 276, 288, 292, 296, 300, 304, 308, 312, 316, 320, 324, 328, 332, 334, 336, 340, 344, 348,
    352, 356, 360, 364, 368, 372, 376, 380, 384, 388, 392, 398, 400, 404, 408, 410, 414, 417, 418,
    422, 426, 428, 430, 434, 438, 440, 442, 446, 450, 454, 458, 462, 466, 470, 474, 478, 480, 484,
    492, 496, 498, 499, 500, 504, 508, 512, 516, 520, 524, 528, 531, 533, 534, 535, 540, 548, 554,
    558, 562, 566, 570, 574, 578, 580, 581, 583, 584, 585, 586, 591, 598, 600, 604, 608, 612, 616,
    620, 624, 626, 630, 634, 638, 642, 643, 646, 652, 654, 659, 660, 662, 663, 666, 670, 674, 678,
    682, 686, 688, 690, 694, 702, 703, 704, 705, 706, 710, 716, 724, 728, 729, 732, 740, 744, 748,
    752, 756, 760, 762, 764, 768, 772, 776, 780, 784, 788, 792, 795, 796, 798, 800, 804, 807, 818,
    826, 831, 832, 833, 834, 840, 850, 854, 858, 860, 862, 876, 882, 887, 894,
]);

/// ISO 3166-1 alpha-2 country codes.
pub(crate) static ALPHA2: Alpha2Set = Alpha2Set::new(&[
    *b"AD", *b"AE", *b"AF", *b"AG", *b"AI", *b"AL", *b"AM", *b"AO", *b"AQ", *b"AR", *b"AS", *b"AT",
    *b"AU", *b"AW", *b"AX", *b"AZ", *b"BA", *b"BB", *b"BD", *b"BE", *b"BF", *b"BG", *b"BH", *b"BI",
    *b"BJ", *b"BL", *b"BM", *b"BN", *b"BO", *b"BQ", *b"BR", *b"BS", *b"BT", *b"BV", *b"BW", *b"BY",
    *b"BZ", *b"CA", *b"CC", *b"CD", *b"CF", *b"CG", *b"CH", *b"CI", *b"CK", *b"CL", *b"CM", *b"CN",
    *b"CO", *b"CR", *b"CU", *b"CV", *b"CW", *b"CX", *b"CY", *b"CZ", *b"DE", *b"DJ", *b"DK", *b"DM",
    *b"DO", *b"DZ", *b"EC", *b"EE", *b"EG", *b"EH", *b"ER", *b"ES", *b"ET", *b"FI", *b"FJ", *b"FK",
    *b"FM", *b"FO", *b"FR", *b"GA", *b"GB", *b"GD", *b"GE", *b"GF", *b"GG", *b"GH", *b"GI", *b"GL",
    *b"GM", *b"GN", *b"GP", *b"GQ", *b"GR", *b"GS", *b"GT", *b"GU", *b"GW", *b"GY", *b"HK", *b"HM",
    *b"HN", *b"HR", *b"HT", *b"HU", *b"ID", *b"IE", *b"IL", *b"IM", *b"IN", *b"IO", *b"IQ", *b"IR",
    *b"IS", *b"IT", *b"JE", *b"JM", *b"JO", *b"JP", *b"KE", *b"KG", *b"KH", *b"KI", *b"KM", *b"KN",
    *b"KP", *b"KR", *b"KW", *b"KY", *b"KZ", *b"LA", *b"LB", *b"LC", *b"LI", *b"LK", *b"LR", *b"LS",
    *b"LT", *b"LU", *b"LV", *b"LY", *b"MA", *b"MC", *b"MD", *b"ME", *b"MF", *b"MG", *b"MH", *b"MK",
    *b"ML", *b"MM", *b"MN", *b"MO", *b"MP", *b"MQ", *b"MR", *b"MS", *b"MT", *b"MU", *b"MV", *b"MW",
    *b"MX", *b"MY", *b"MZ", *b"NA", *b"NC", *b"NE", *b"NF", *b"NG", *b"NI", *b"NL", *b"NO", *b"NP",
    *b"NR", *b"NU", *b"NZ", *b"OM", *b"PA", *b"PE", *b"PF", *b"PG", *b"PH", *b"PK", *b"PL", *b"PM",
    *b"PN", *b"PR", *b"PS", *b"PT", *b"PW", *b"PY", *b"QA", *b"RE", *b"RO", *b"RS", *b"RU", *b"RW",
    *b"SA", *b"SB", *b"SC", *b"SD", *b"SE", *b"SG", *b"SH", *b"SI", *b"SJ", *b"SK", *b"SL", *b"SM",
    *b"SN", *b"SO", *b"SR", *b"SS", *b"ST", *b"SV", *b"SX", *b"SY", *b"SZ", *b"TC", *b"TD", *b"TF",
    *b"TG", *b"TH", *b"TJ", *b"TK", *b"TL", *b"TM", *b"TN", *b"TO", *b"TR", *b"TT", *b"TV", *b"TW",
    *b"TZ", *b"UA", *b"UG", *b"UM", *b"US", *b"UY", *b"UZ", *b"VA", *b"VC", *b"VE", *b"VG", *b"VI",
    *b"VN", *b"VU", *b"WF", *b"WS", *b"YE", *b"YT", *b"ZA", *b"ZM", *b"ZW",
]);

/// `iso3166`: a three-digit ISO 3166-1 numeric country code.
pub(crate) fn iso3166(value: &[u8]) -> Result<(), LintError> {
    if NUMERIC.contains(value) {
        return Ok(());
    }
    fail(LintErrorKind::NotIso3166, 0, value.len())
}

/// `iso3166999`: a three-digit ISO 3166-1 numeric country code, or `999`.
pub(crate) fn iso3166999(value: &[u8]) -> Result<(), LintError> {
    if value == b"999" || NUMERIC.contains(value) {
        return Ok(());
    }
    fail(LintErrorKind::NotIso3166Or999, 0, value.len())
}

/// `iso3166alpha2`: a two-letter ISO 3166-1 alpha-2 country code.
pub(crate) fn iso3166alpha2(value: &[u8]) -> Result<(), LintError> {
    if ALPHA2.contains(value) {
        return Ok(());
    }
    fail(LintErrorKind::NotIso3166Alpha2, 0, value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_sizes() {
        assert_eq!(
            (0..1000u16).filter(|&n| NUMERIC.contains_number(n)).count(),
            249
        );
        assert_eq!(ALPHA2.len(), 249);
    }

    #[test]
    fn lookups() {
        assert!(iso3166(b"004").is_ok());
        assert!(iso3166(b"894").is_ok());
        assert!(iso3166(b"999").is_err());
        assert!(iso3166999(b"999").is_ok());
        assert!(iso3166999(b"998").is_err());
        for bad in [
            &b""[..],
            b"0",
            b"0000",
            b"_894",
            b"894_",
            b"AAA",
            b"\xFF\xFF\xFF",
        ] {
            let e = iso3166(bad).unwrap_err();
            assert_eq!((e.kind, e.span), (LintErrorKind::NotIso3166, 0..bad.len()));
        }
        assert!(iso3166alpha2(b"DE").is_ok());
        assert!(iso3166alpha2(b"ZW").is_ok());
        for bad in [&b""[..], b"A", b"AA", b"de", b"DEU", b"_AD", b"\xC3\x84"] {
            let e = iso3166alpha2(bad).unwrap_err();
            assert_eq!(
                (e.kind, e.span),
                (LintErrorKind::NotIso3166Alpha2, 0..bad.len())
            );
        }
    }
}
