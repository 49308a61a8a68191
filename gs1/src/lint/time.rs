//! Time-of-day linters: `hh`, `mi`, `ss` and `hhmi`.

use super::cset::require_digits;
use super::date::two_digits;
use super::error::{LintError, LintErrorKind, fail};

/// One two-digit field: length (whole value), digits, then range.
#[inline]
fn two_digit_field(
    value: &[u8],
    too_short: LintErrorKind,
    too_long: LintErrorKind,
    max: u8,
    illegal: LintErrorKind,
) -> Result<(), LintError> {
    if value.len() != 2 {
        let kind = if value.len() < 2 { too_short } else { too_long };
        return fail(kind, 0, value.len());
    }
    require_digits(value)?;
    if two_digits(value) > max {
        return fail(illegal, 0, 2);
    }
    Ok(())
}

/// `hh`: an hour `00`–`23`.
pub(crate) fn hh(value: &[u8]) -> Result<(), LintError> {
    use LintErrorKind::*;
    two_digit_field(value, HourTooShort, HourTooLong, 23, IllegalHour)
}

/// `mi`: a minute `00`–`59`.
pub(crate) fn mi(value: &[u8]) -> Result<(), LintError> {
    use LintErrorKind::*;
    two_digit_field(value, MinuteTooShort, MinuteTooLong, 59, IllegalMinute)
}

/// `ss`: a second `00`–`59`.
pub(crate) fn ss(value: &[u8]) -> Result<(), LintError> {
    use LintErrorKind::*;
    two_digit_field(value, SecondTooShort, SecondTooLong, 59, IllegalSecond)
}

/// `hhmi`: `HHMI`, hour then minute.
pub(crate) fn hhmi(value: &[u8]) -> Result<(), LintError> {
    if value.len() != 4 {
        let kind = if value.len() < 4 {
            LintErrorKind::HourWithMinuteTooShort
        } else {
            LintErrorKind::HourWithMinuteTooLong
        };
        return fail(kind, 0, value.len());
    }
    hh(&value[..2])?;
    mi(&value[2..]).map_err(|e| e.shifted(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn fields() {
        assert_eq!(span(hh(b"00")), None);
        assert_eq!(span(hh(b"23")), None);
        assert_eq!(span(hh(b"24")), Some((IllegalHour, 0, 2)));
        assert_eq!(span(hh(b"0x")), Some((NonDigitCharacter, 1, 2)));
        assert_eq!(span(hh(b"")), Some((HourTooShort, 0, 0)));
        assert_eq!(span(hh(b"111")), Some((HourTooLong, 0, 3)));
        assert_eq!(span(mi(b"59")), None);
        assert_eq!(span(mi(b"60")), Some((IllegalMinute, 0, 2)));
        assert_eq!(span(mi(b"1")), Some((MinuteTooShort, 0, 1)));
        assert_eq!(span(mi(b"111")), Some((MinuteTooLong, 0, 3)));
        assert_eq!(span(ss(b"59")), None);
        assert_eq!(span(ss(b"60")), Some((IllegalSecond, 0, 2)));
        assert_eq!(span(ss(b"\xFF\xFF")), Some((NonDigitCharacter, 0, 1)));
    }

    #[test]
    fn hour_and_minute() {
        assert_eq!(span(hhmi(b"2359")), None);
        assert_eq!(span(hhmi(b"2400")), Some((IllegalHour, 0, 2)));
        assert_eq!(span(hhmi(b"0060")), Some((IllegalMinute, 2, 4)));
        assert_eq!(span(hhmi(b"000x")), Some((NonDigitCharacter, 3, 4)));
        assert_eq!(span(hhmi(b"111")), Some((HourWithMinuteTooShort, 0, 3)));
        assert_eq!(span(hhmi(b"11111")), Some((HourWithMinuteTooLong, 0, 5)));
    }
}
