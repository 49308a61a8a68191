//! Date linters: `yymmdd`, `yymmd0`, `yyyymmdd`, `yyyymmd0`.
//!
//! The `d0` variants also accept day `00` ("day not specified"). Two-digit
//! years are placed in a century only to decide leap years; the reference
//! uses a fixed window (YY ≥ 72 → 19YY, else 20YY) in which a year is a leap
//! year exactly when YY is divisible by 4 (1900 is outside the window and
//! 2000 is a leap year).

use super::cset::require_digits;
use super::error::{LintError, LintErrorKind, fail};

/// Days in each month of a common year.
const DAYS_IN_MONTH: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Value of two ASCII digits.
#[inline]
pub(crate) fn two_digits(d: &[u8]) -> u8 {
    (d[0] - b'0') * 10 + (d[1] - b'0')
}

#[inline]
fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Checks the `MMDD` digits at `at..at + 4` of `value` for `year`, allowing
/// day `00` (the caller decides whether `00` is acceptable).
#[inline]
fn month_and_day(value: &[u8], at: usize, year: u32) -> Result<(), LintError> {
    let month = two_digits(&value[at..]);
    if !(1..=12).contains(&month) {
        return fail(LintErrorKind::IllegalMonth, at, 2);
    }
    let max_day = if month == 2 && is_leap(year) {
        29
    } else {
        DAYS_IN_MONTH[usize::from(month - 1)]
    };
    if two_digits(&value[at + 2..]) > max_day {
        return fail(LintErrorKind::IllegalDay, at + 2, 2);
    }
    Ok(())
}

/// Length (`DATE_TOO_SHORT` / `DATE_TOO_LONG` over the whole value), then
/// digits.
#[inline]
fn shape(value: &[u8], len: usize) -> Result<(), LintError> {
    if value.len() != len {
        let kind = if value.len() < len {
            LintErrorKind::DateTooShort
        } else {
            LintErrorKind::DateTooLong
        };
        return fail(kind, 0, value.len());
    }
    require_digits(value)
}

/// `yymmd0`: `YYMMDD`, day `00` allowed.
pub(crate) fn yymmd0(value: &[u8]) -> Result<(), LintError> {
    shape(value, 6)?;
    yymmd0_of_six_digits(value)
}

/// `yymmd0` once the shape is known good: six bytes, all digits (the
/// parser's numeric fast path has just checked them).
#[inline]
pub(crate) fn yymmd0_of_six_digits(value: &[u8]) -> Result<(), LintError> {
    let yy = u32::from(two_digits(value));
    let year = if yy >= 72 { 1900 + yy } else { 2000 + yy };
    month_and_day(value, 2, year)
}

/// `yymmdd`: `YYMMDD`, a real day.
pub(crate) fn yymmdd(value: &[u8]) -> Result<(), LintError> {
    shape(value, 6)?;
    yymmdd_of_six_digits(value)
}

/// `yymmdd` once the shape is known good, like [`yymmd0_of_six_digits`].
#[inline]
pub(crate) fn yymmdd_of_six_digits(value: &[u8]) -> Result<(), LintError> {
    yymmd0_of_six_digits(value)?;
    if &value[4..6] == b"00" {
        return fail(LintErrorKind::IllegalDay, 4, 2);
    }
    Ok(())
}

/// `yyyymmd0`: `YYYYMMDD`, day `00` allowed.
pub(crate) fn yyyymmd0(value: &[u8]) -> Result<(), LintError> {
    shape(value, 8)?;
    let year = u32::from(two_digits(value)) * 100 + u32::from(two_digits(&value[2..]));
    month_and_day(value, 4, year)
}

/// `yyyymmdd`: `YYYYMMDD`, a real day.
pub(crate) fn yyyymmdd(value: &[u8]) -> Result<(), LintError> {
    yyyymmd0(value)?;
    if &value[6..8] == b"00" {
        return fail(LintErrorKind::IllegalDay, 6, 2);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn six_digit_dates() {
        for ok in [
            &b"000229"[..],
            b"240229",
            b"960229",
            b"721231",
            b"710101",
            b"200131",
        ] {
            assert_eq!(span(yymmdd(ok)), None, "{ok:?}");
            assert_eq!(span(yymmd0(ok)), None, "{ok:?}");
        }
        assert_eq!(span(yymmd0(b"200600")), None);
        assert_eq!(span(yymmdd(b"200600")), Some((IllegalDay, 4, 6)));
        assert_eq!(span(yymmdd(b"210229")), Some((IllegalDay, 4, 6)));
        assert_eq!(span(yymmdd(b"200010")), Some((IllegalMonth, 2, 4)));
        assert_eq!(span(yymmdd(b"201310")), Some((IllegalMonth, 2, 4)));
        assert_eq!(span(yymmdd(b"200431")), Some((IllegalDay, 4, 6)));
        assert_eq!(span(yymmdd(b"")), Some((DateTooShort, 0, 0)));
        assert_eq!(span(yymmdd(b"11111")), Some((DateTooShort, 0, 5)));
        assert_eq!(span(yymmdd(b"11111111")), Some((DateTooLong, 0, 8)));
        assert_eq!(span(yymmdd(b"20013x")), Some((NonDigitCharacter, 5, 6)));
        assert_eq!(span(yymmd0(b"2001\xE91")), Some((NonDigitCharacter, 4, 5)));
    }

    #[test]
    fn eight_digit_dates() {
        for ok in [
            &b"20000229"[..],
            b"19960229",
            b"24000229",
            b"20200131",
            b"00010101",
        ] {
            assert_eq!(span(yyyymmdd(ok)), None, "{ok:?}");
        }
        assert_eq!(span(yyyymmd0(b"20200600")), None);
        assert_eq!(span(yyyymmdd(b"20200600")), Some((IllegalDay, 6, 8)));
        assert_eq!(span(yyyymmd0(b"21000229")), Some((IllegalDay, 6, 8)));
        assert_eq!(span(yyyymmd0(b"19000229")), Some((IllegalDay, 6, 8)));
        assert_eq!(span(yyyymmd0(b"20209910")), Some((IllegalMonth, 4, 6)));
        assert_eq!(span(yyyymmd0(b"1111111")), Some((DateTooShort, 0, 7)));
        assert_eq!(span(yyyymmd0(b"111111111")), Some((DateTooLong, 0, 9)));
        assert_eq!(span(yyyymmd0(b"2020013x")), Some((NonDigitCharacter, 7, 8)));
    }
}
