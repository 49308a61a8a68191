//! GS1 dates (`YYMMDD` in AIs 11–17, 7003, 7006, 7007, 8008, 4324/4325 …)
//! as calendar dates.
//!
//! Two GS1 rules apply (GS1 General Specifications, "Determination of
//! century in dates"):
//! - the century is the one that puts the date within 49 years before and
//!   50 years after the reference year: a two-digit year 51 or more ahead of
//!   the reference year's is in the previous century, one 50 or more behind
//!   it is in the next century;
//! - day `00` (allowed where the dictionary says `yymmd0`) means the last
//!   day of the month.
//!
//! The reference date is an argument, so results do not depend on when a
//! test runs; [`today`] supplies the system date for callers that want it.

use chrono::{Datelike, NaiveDate};

/// Why digits are not a GS1 date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not six (or eight) ASCII digits.
    #[error("a date is YYMMDD: six digits")]
    Format,
    /// Month outside 01–12.
    #[error("month {0:02} does not exist")]
    Month(u32),
    /// Day outside the month (or 00 where not allowed).
    #[error("day {0:02} is not in that month")]
    Day(u32),
}

/// The system's current date (UTC).
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

fn two(d: &[u8]) -> Option<u32> {
    match d {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

/// The full year of two-digit year `yy` by the GS1 century rule, relative to
/// `reference_year`.
pub fn century_year(yy: u32, reference_year: i32) -> i32 {
    let ref_yy = reference_year.rem_euclid(100);
    let century = reference_year - ref_yy;
    let diff = yy as i32 - ref_yy;
    if diff >= 51 {
        century - 100 + yy as i32
    } else if diff <= -50 {
        century + 100 + yy as i32
    } else {
        century + yy as i32
    }
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some(first_next.pred_opt()?.day())
}

fn build(year: i32, month: u32, day: u32, allow_day_zero: bool) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::Month(month));
    }
    let day = if day == 0 && allow_day_zero {
        last_day(year, month).ok_or(DateError::Day(day))?
    } else {
        day
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Day(day))
}

/// Reads `YYMMDD` (day `00` = last day of the month) relative to
/// `reference`.
///
/// ```
/// use chrono::NaiveDate;
/// use serialkit_gs1::date::yymmdd;
/// let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
/// assert_eq!(yymmdd(b"261200", today), Ok(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
/// assert_eq!(yymmdd(b"760101", today), Ok(NaiveDate::from_ymd_opt(2076, 1, 1).unwrap()));
/// assert_eq!(yymmdd(b"770101", today), Ok(NaiveDate::from_ymd_opt(1977, 1, 1).unwrap()));
/// ```
pub fn yymmdd(digits: &[u8], reference: NaiveDate) -> Result<NaiveDate, DateError> {
    if digits.len() != 6 {
        return Err(DateError::Format);
    }
    let (yy, mm, dd) = match (two(&digits[0..2]), two(&digits[2..4]), two(&digits[4..6])) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(DateError::Format),
    };
    build(century_year(yy, reference.year()), mm, dd, true)
}

/// Reads `YYYYMMDD` (day `00` = last day of the month).
pub fn yyyymmdd(digits: &[u8]) -> Result<NaiveDate, DateError> {
    if digits.len() != 8 {
        return Err(DateError::Format);
    }
    let year = match (two(&digits[0..2]), two(&digits[2..4])) {
        (Some(c), Some(y)) => (c * 100 + y) as i32,
        _ => return Err(DateError::Format),
    };
    match (two(&digits[4..6]), two(&digits[6..8])) {
        (Some(m), Some(d)) => build(year, m, d, true),
        _ => Err(DateError::Format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn century_window_follows_gs1() {
        // Reference year 2026: 49 years back to 50 years ahead.
        assert_eq!(century_year(26, 2026), 2026);
        assert_eq!(century_year(76, 2026), 2076);
        assert_eq!(century_year(77, 2026), 1977);
        assert_eq!(century_year(0, 2026), 2000);
        assert_eq!(century_year(99, 2049), 2099);
        assert_eq!(century_year(0, 2051), 2100);
        assert_eq!(century_year(1, 2050), 2001);
    }

    #[test]
    fn day_zero_is_last_day() {
        let r = d(2026, 1, 1);
        assert_eq!(yymmdd(b"240200", r), Ok(d(2024, 2, 29)));
        assert_eq!(yymmdd(b"250200", r), Ok(d(2025, 2, 28)));
        assert_eq!(yymmdd(b"251200", r), Ok(d(2025, 12, 31)));
        assert_eq!(yymmdd(b"251301", r), Err(DateError::Month(13)));
        assert_eq!(yymmdd(b"250230", r), Err(DateError::Day(30)));
        assert_eq!(yymmdd(b"25023", r), Err(DateError::Format));
        assert_eq!(yymmdd(b"2502a0", r), Err(DateError::Format));
        assert_eq!(yyyymmdd(b"20240229"), Ok(d(2024, 2, 29)));
        assert_eq!(yyyymmdd(b"21000229"), Err(DateError::Day(29)));
    }
}
