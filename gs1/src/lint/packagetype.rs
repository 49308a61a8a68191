//! `packagetype`: PackageTypeCode values (UN/ECE Recommendation 21 codes
//! extended by GS1), as in AI (7041).
//!
//! The list is that of GS1's reference linters for Barcode Syntax
//! Dictionary release 2026-01-27 (the GS1 PackageTypeCode code list).

use super::error::{LintError, LintErrorKind, fail};

/// Valid codes, in byte-wise lexicographic order.
const CODES: &[&[u8]] = &[
    b"1A", b"1B", b"1D", b"1F", b"1G", b"1W", b"200", b"201", b"202", b"203", b"204", b"205",
    b"206", b"210", b"211", b"212", b"2C", b"3A", b"3H", b"43", b"44", b"4A", b"4B", b"4C", b"4D",
    b"4F", b"4G", b"4H", b"5H", b"5L", b"5M", b"6H", b"6P", b"7A", b"7B", b"8", b"8A", b"8B",
    b"8C", b"9", b"AA", b"AB", b"AC", b"AD", b"AF", b"AG", b"AH", b"AI", b"AJ", b"AL", b"AM",
    b"AP", b"APE", b"AT", b"AV", b"B4", b"BB", b"BC", b"BD", b"BE", b"BF", b"BG", b"BGE", b"BH",
    b"BI", b"BJ", b"BK", b"BL", b"BM", b"BME", b"BN", b"BO", b"BP", b"BQ", b"BR", b"BRI", b"BS",
    b"BT", b"BU", b"BV", b"BW", b"BX", b"BY", b"BZ", b"CA", b"CB", b"CBL", b"CC", b"CCE", b"CD",
    b"CE", b"CF", b"CG", b"CH", b"CI", b"CJ", b"CK", b"CL", b"CM", b"CN", b"CO", b"CP", b"CQ",
    b"CR", b"CS", b"CT", b"CU", b"CV", b"CW", b"CX", b"CY", b"CZ", b"DA", b"DB", b"DC", b"DG",
    b"DH", b"DI", b"DJ", b"DK", b"DL", b"DM", b"DN", b"DP", b"DPE", b"DR", b"DS", b"DT", b"DU",
    b"DV", b"DW", b"DX", b"DY", b"E1", b"E2", b"E3", b"EC", b"ED", b"EE", b"EF", b"EG", b"EH",
    b"EI", b"EN", b"FB", b"FC", b"FD", b"FE", b"FI", b"FL", b"FO", b"FOB", b"FP", b"FPE", b"FR",
    b"FT", b"FW", b"FX", b"GB", b"GI", b"GL", b"GR", b"GU", b"GY", b"GZ", b"HA", b"HB", b"HC",
    b"HG", b"HN", b"HR", b"IA", b"IB", b"IC", b"ID", b"IE", b"IF", b"IG", b"IH", b"IK", b"IL",
    b"IN", b"IZ", b"JB", b"JC", b"JG", b"JR", b"JT", b"JY", b"KG", b"KI", b"LAB", b"LE", b"LG",
    b"LT", b"LU", b"LV", b"LZ", b"MA", b"MB", b"MC", b"ME", b"MPE", b"MR", b"MS", b"MT", b"MW",
    b"MX", b"NA", b"NE", b"NF", b"NG", b"NS", b"NT", b"NU", b"NV", b"OA", b"OB", b"OC", b"OD",
    b"OE", b"OF", b"OK", b"OPE", b"OT", b"OU", b"P2", b"PA", b"PAE", b"PB", b"PC", b"PD", b"PE",
    b"PF", b"PG", b"PH", b"PI", b"PJ", b"PK", b"PL", b"PLP", b"PN", b"PO", b"POP", b"PP", b"PPE",
    b"PR", b"PT", b"PU", b"PUE", b"PV", b"PX", b"PY", b"PZ", b"QA", b"QB", b"QC", b"QD", b"QF",
    b"QG", b"QH", b"QJ", b"QK", b"QL", b"QM", b"QN", b"QP", b"QQ", b"QR", b"QS", b"RB1", b"RB2",
    b"RB3", b"RCB", b"RD", b"RG", b"RJ", b"RK", b"RL", b"RO", b"RT", b"RZ", b"S1", b"SA", b"SB",
    b"SC", b"SD", b"SE", b"SEC", b"SH", b"SI", b"SK", b"SL", b"SM", b"SO", b"SP", b"SS", b"ST",
    b"STL", b"SU", b"SV", b"SW", b"SX", b"SY", b"SZ", b"T1", b"TB", b"TC", b"TD", b"TE", b"TEV",
    b"TG", b"THE", b"TI", b"TK", b"TL", b"TN", b"TO", b"TR", b"TRE", b"TS", b"TT", b"TTE", b"TU",
    b"TV", b"TW", b"TWE", b"TY", b"TZ", b"UC", b"UN", b"UUE", b"VA", b"VG", b"VI", b"VK", b"VL",
    b"VN", b"VO", b"VP", b"VQ", b"VR", b"VS", b"VY", b"WA", b"WB", b"WC", b"WD", b"WF", b"WG",
    b"WH", b"WJ", b"WK", b"WL", b"WM", b"WN", b"WP", b"WQ", b"WR", b"WRP", b"WS", b"WT", b"WU",
    b"WV", b"WW", b"WX", b"WY", b"WZ", b"X11", b"X12", b"X15", b"X16", b"X17", b"X18", b"X19",
    b"X20", b"X3", b"XA", b"XB", b"XC", b"XD", b"XF", b"XG", b"XH", b"XJ", b"XK", b"YA", b"YB",
    b"YC", b"YD", b"YF", b"YG", b"YH", b"YJ", b"YK", b"YL", b"YM", b"YN", b"YP", b"YQ", b"YR",
    b"YS", b"YT", b"YV", b"YW", b"YX", b"YY", b"YZ", b"ZA", b"ZB", b"ZC", b"ZD", b"ZF", b"ZG",
    b"ZH", b"ZJ", b"ZK", b"ZL", b"ZM", b"ZN", b"ZP", b"ZQ", b"ZR", b"ZS", b"ZT", b"ZU", b"ZV",
    b"ZW", b"ZX", b"ZY", b"ZZ",
];

/// Every code packed into a `u32` (bytes big-endian, padded with zeros on
/// the right), which orders exactly like the byte strings: a binary search
/// compares integers instead of slices.
static KEYS: [u32; CODES.len()] = {
    let mut keys = [0u32; CODES.len()];
    let mut i = 0;
    while i < CODES.len() {
        keys[i] = match key(CODES[i]) {
            Some(k) => k,
            None => panic!("package type code longer than three bytes"),
        };
        i += 1;
    }
    keys
};

/// The packed key of a code of one to three bytes.
const fn key(code: &[u8]) -> Option<u32> {
    match *code {
        [a] => Some((a as u32) << 16),
        [a, b] => Some((a as u32) << 16 | (b as u32) << 8),
        [a, b, c] => Some((a as u32) << 16 | (b as u32) << 8 | c as u32),
        _ => None,
    }
}

/// `packagetype`: a PackageTypeCode.
pub(crate) fn packagetype(value: &[u8]) -> Result<(), LintError> {
    // Codes contain no NUL byte, so a value with one can never match; the
    // zero padding of the key must not make "1\0" look like "1".
    if !value.contains(&0) && key(value).is_some_and(|k| KEYS.binary_search(&k).is_ok()) {
        return Ok(());
    }
    fail(LintErrorKind::InvalidPackageType, 0, value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_strictly_increasing() {
        assert_eq!(CODES.len(), 431);
        assert!(KEYS.windows(2).all(|w| w[0] < w[1]));
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn lookups() {
        for &code in CODES {
            assert!(packagetype(code).is_ok(), "{code:?}");
        }
        for bad in [
            &b""[..],
            b"0",
            b"00",
            b"0000",
            b"_9",
            b"9_",
            b"1A_",
            b"8\0",
            b"\xFF",
        ] {
            let e = packagetype(bad).unwrap_err();
            assert_eq!(
                (e.kind, e.span),
                (LintErrorKind::InvalidPackageType, 0..bad.len())
            );
        }
    }
}
