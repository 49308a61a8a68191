//! `latitude` and `longitude`: ten-digit WGS 84 coordinates, as in AI (4309)
//! (offset so that they need no sign).

use super::cset::require_digits;
use super::error::{LintError, LintErrorKind, fail};

/// Ten digits whose value does not exceed `max`.
#[inline]
fn ten_digits_at_most(
    value: &[u8],
    max: u64,
    bad_length: LintErrorKind,
    out_of_range: LintErrorKind,
) -> Result<(), LintError> {
    if value.len() != 10 {
        return fail(bad_length, 0, value.len());
    }
    require_digits(value)?;
    let n = value
        .iter()
        .fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'));
    if n > max {
        return fail(out_of_range, 0, 10);
    }
    Ok(())
}

/// `latitude`: `0000000000`–`1800000000` (latitude + 90°, in 10⁻⁷ degrees).
pub(crate) fn latitude(value: &[u8]) -> Result<(), LintError> {
    use LintErrorKind::*;
    ten_digits_at_most(value, 1_800_000_000, LatitudeInvalidLength, InvalidLatitude)
}

/// `longitude`: `0000000000`–`3600000000` (longitude + 180°, in 10⁻⁷ degrees).
pub(crate) fn longitude(value: &[u8]) -> Result<(), LintError> {
    use LintErrorKind::*;
    ten_digits_at_most(
        value,
        3_600_000_000,
        LongitudeInvalidLength,
        InvalidLongitude,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn ranges() {
        assert_eq!(span(latitude(b"1800000000")), None);
        assert_eq!(
            span(latitude(b"1800000001")),
            Some((InvalidLatitude, 0, 10))
        );
        assert_eq!(
            span(latitude(b"9999999999")),
            Some((InvalidLatitude, 0, 10))
        );
        assert_eq!(
            span(latitude(b"027908584")),
            Some((LatitudeInvalidLength, 0, 9))
        );
        assert_eq!(
            span(latitude(b"02790858x8")),
            Some((NonDigitCharacter, 8, 9))
        );
        assert_eq!(span(longitude(b"3600000000")), None);
        assert_eq!(
            span(longitude(b"3600000001")),
            Some((InvalidLongitude, 0, 10))
        );
        assert_eq!(span(longitude(b"")), Some((LongitudeInvalidLength, 0, 0)));
    }
}
