//! Timestamps (`xsd:dateTime`) and time-zone offsets that keep the text they
//! were read from, so that writing a document back reproduces it.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use std::fmt;
use std::str::FromStr;

/// Why a text is not a timestamp or offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid {what}")]
pub struct TimeError {
    what: &'static str,
    text: String,
}

impl TimeError {
    fn new(what: &'static str, text: &str) -> Self {
        TimeError {
            what,
            text: text.to_owned(),
        }
    }
}

/// An instant as written in an EPCIS document: the original text, the
/// parsed instant and the offset it was written with.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    value: DateTime<FixedOffset>,
    has_offset: bool,
}

impl Timestamp {
    /// Parses an `xsd:dateTime` (`2005-04-03T20:33:31.116-06:00`). A missing
    /// offset (allowed by XML Schema) is read as UTC and remembered, see
    /// [`Timestamp::has_offset`].
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let (value, has_offset) =
            parse_datetime(text.as_bytes()).ok_or_else(|| TimeError::new("date-time", text))?;
        Ok(Timestamp {
            text: text.to_owned(),
            value,
            has_offset,
        })
    }

    /// Like [`Timestamp::parse`], keeping `text` without copying it.
    pub fn parse_owned(text: String) -> Result<Self, TimeError> {
        let (value, has_offset) =
            parse_datetime(text.as_bytes()).ok_or_else(|| TimeError::new("date-time", &text))?;
        Ok(Timestamp {
            text,
            value,
            has_offset,
        })
    }

    /// A timestamp for `instant`, written in RFC 3339 with milliseconds in
    /// the given offset.
    pub fn from_datetime(instant: DateTime<FixedOffset>) -> Self {
        let text = instant.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        Timestamp {
            text,
            value: instant,
            has_offset: true,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant with the offset it was written in.
    pub fn value(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }

    /// Whether the text carried an offset (`Z` or `±hh:mm`).
    pub fn has_offset(&self) -> bool {
        self.has_offset
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(s)
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
    }
    Some(v)
}

/// Hand-written `xsd:dateTime` parser: chrono's RFC 3339 parser requires an
/// offset and this runs once per event on the hot path.
fn parse_datetime(b: &[u8]) -> Option<(DateTime<FixedOffset>, bool)> {
    let mut i = 0;
    let neg_year = b.first() == Some(&b'-');
    if neg_year {
        i += 1;
    }
    let year_len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    // chrono's range ends in year 262143; longer years are not dates.
    if !(4..=6).contains(&year_len) {
        return None;
    }
    let year = digits(b, i, year_len)? as i32 * if neg_year { -1 } else { 1 };
    i += year_len;
    if b.get(i) != Some(&b'-') {
        return None;
    }
    let month = digits(b, i + 1, 2)?;
    if b.get(i + 3) != Some(&b'-') {
        return None;
    }
    let day = digits(b, i + 4, 2)?;
    if b.get(i + 6) != Some(&b'T') {
        return None;
    }
    let hour = digits(b, i + 7, 2)?;
    if b.get(i + 9) != Some(&b':') {
        return None;
    }
    let minute = digits(b, i + 10, 2)?;
    // Seconds are required by xsd:dateTime, but `hh:mm` is read leniently
    // as `hh:mm:00` (seen in the wild, e.g. `2006-11-07T13:00Z`).
    let second = if b.get(i + 12) == Some(&b':') {
        let s = digits(b, i + 13, 2)?;
        i += 15;
        s
    } else {
        i += 12;
        0
    };
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return None;
        }
        for _ in n..9 {
            nanos *= 10;
        }
    }
    let (offset_secs, has_offset) = match b.get(i) {
        None => (0, false),
        Some(b'Z') if i + 1 == b.len() => (0, true),
        Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let h = digits(b, i + 1, 2)?;
            let m = digits(b, i + 4, 2)?;
            if h > 14 || m > 59 || (h == 14 && m != 0) {
                return None;
            }
            let s = (h * 3600 + m * 60) as i32;
            (if sign == b'-' { -s } else { s }, true)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    // xsd:dateTime allows 24:00:00 meaning the start of the next day.
    let naive = if hour == 24 && minute == 0 && second == 0 && nanos == 0 {
        NaiveDateTime::new(date.succ_opt()?, NaiveTime::MIN)
    } else {
        NaiveDateTime::new(
            date,
            NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?,
        )
    };
    let offset = FixedOffset::east_opt(offset_secs)?;
    let value = offset.from_local_datetime(&naive).single()?;
    Some((value, has_offset))
}

/// An `eventTimeZoneOffset` such as `+01:00`, keeping its text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TimeZoneOffset {
    text: String,
    minutes: i16,
}

impl TimeZoneOffset {
    /// Parses `±hh:mm` with hours 00–14 (14:00 at most), as the EPCIS schemas require.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let err = || TimeError::new("time zone offset (±hh:mm)", text);
        let b = text.as_bytes();
        if b.len() != 6 || b[3] != b':' {
            return Err(err());
        }
        let sign = match b[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return Err(err()),
        };
        let h = digits(b, 1, 2).ok_or_else(err)?;
        let m = digits(b, 4, 2).ok_or_else(err)?;
        if h > 14 || m > 59 || (h == 14 && m != 0) {
            return Err(err());
        }
        Ok(TimeZoneOffset {
            text: text.to_owned(),
            minutes: sign * (h * 60 + m) as i16,
        })
    }

    /// The offset of `offset`, written `±hh:mm`.
    pub fn from_fixed(offset: FixedOffset) -> Self {
        let secs = offset.local_minus_utc();
        let sign = if secs < 0 { '-' } else { '+' };
        let mins = secs.abs() / 60;
        TimeZoneOffset {
            text: format!("{sign}{:02}:{:02}", mins / 60, mins % 60),
            minutes: (secs / 60) as i16,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Minutes east of UTC.
    pub fn minutes(&self) -> i16 {
        self.minutes
    }
}

impl fmt::Display for TimeZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for TimeZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)
    }
}

impl FromStr for TimeZoneOffset {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimeZoneOffset::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_offset() {
        let t = Timestamp::parse("2005-04-03T20:33:31.116-06:00").unwrap();
        assert_eq!(t.as_str(), "2005-04-03T20:33:31.116-06:00");
        assert_eq!(t.utc().to_rfc3339(), "2005-04-04T02:33:31.116+00:00");
        assert_eq!(t.value().offset().local_minus_utc(), -6 * 3600);
        let z = Timestamp::parse("2022-02-17T11:30:47.0Z").unwrap();
        assert!(z.has_offset());
        let local = Timestamp::parse("2022-02-17T11:30:47").unwrap();
        assert!(!local.has_offset());
        let long = Timestamp::parse("2023-02-02T11:04:03.14159265358Z").unwrap();
        assert_eq!(long.utc().timestamp_subsec_nanos(), 141_592_653);
        for bad in [
            "2005-04-03",
            "2005-13-03T00:00:00Z",
            "2005-04-03T20:33:31+5:00",
            "x",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn offsets() {
        assert_eq!(TimeZoneOffset::parse("-06:00").unwrap().minutes(), -360);
        assert_eq!(TimeZoneOffset::parse("+14:00").unwrap().minutes(), 840);
        assert!(TimeZoneOffset::parse("+14:30").is_err());
        assert!(TimeZoneOffset::parse("01:00").is_err());
        let fixed = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(TimeZoneOffset::from_fixed(fixed).as_str(), "+05:30");
    }
}
