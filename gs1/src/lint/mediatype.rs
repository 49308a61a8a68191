//! `mediatype`: AIDC media type codes (GS1 General Specifications table
//! "AIDC media type values", AI 7241).

use super::error::{LintError, LintErrorKind, fail};

/// `mediatype`: two digits, `01`–`10` (ICCBBA assignments) or `80`–`99`
/// (local or national use). `00` is not used; `11`–`79` are reserved.
pub(crate) fn mediatype(value: &[u8]) -> Result<(), LintError> {
    if let &[a @ b'0'..=b'9', b @ b'0'..=b'9'] = value {
        let n = (a - b'0') * 10 + (b - b'0');
        if matches!(n, 1..=10 | 80..=99) {
            return Ok(());
        }
    }
    fail(LintErrorKind::InvalidMediaType, 0, value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let valid: Vec<u8> = (0..100u8)
            .filter(|n| mediatype(format!("{n:02}").as_bytes()).is_ok())
            .collect();
        let expected: Vec<u8> = (1..=10).chain(80..=99).collect();
        assert_eq!(valid, expected);
        for bad in [&b""[..], b"0", b"000", b"_01", b"01_", b"AA", b"\xFF1"] {
            let e = mediatype(bad).unwrap_err();
            assert_eq!(
                (e.kind, e.span),
                (LintErrorKind::InvalidMediaType, 0..bad.len())
            );
        }
    }
}
