//! Typed views of AI values: what a programmer needs from the digits —
//! dates and date-times, measures with their unit and decimal point,
//! amounts with or without currency, percentages, countries, coordinates,
//! GTINs flagged as restricted circulation numbers —
//! decoded from an [`Element`] without touching its text
//! ([`Element::value`] still gives it exactly).
//!
//! The type of a value follows from the dictionary: measure and amount AIs
//! by number (the last digit of 310n–369n and 390n–395n places the decimal
//! point), everything else by the linters of its components (`yymmdd` +
//! `hhmi` is a date-time, `latitude` + `longitude` a coordinate, `iso3166`
//! a country, …).
//!
//! ```
//! use chrono::NaiveDate;
//! use serialkit_gs1::{ElementString, Options, value::{AiValue, Unit}};
//! let es = ElementString::parse(
//!     "(01)09521234543213(3103)001250(17)261200(3932)9781299",
//!     &Options::default(),
//! )?;
//! let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
//! let e = &es.elements()[1];
//! let AiValue::Measure { quantity, unit } = e.typed(today) else { panic!() };
//! assert_eq!((quantity.to_string().as_str(), unit), ("1.250", Unit::Kilogram));
//! assert_eq!(es.elements()[2].typed(today), AiValue::Date(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
//! let AiValue::Amount { amount, currency } = es.elements()[3].typed(today) else { panic!() };
//! assert_eq!((amount.to_string().as_str(), currency.map(|c| c.code())), ("12.99", Some(978)));
//! # Ok::<(), serialkit_gs1::Errors>(())
//! ```

mod decimal;
mod rcn;
mod unit;

use core::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::date;
use crate::element::Element;
use crate::element::validate::split_components;
use crate::ident::Gtin;
use crate::lint::Linter;

pub use decimal::Decimal;
pub use rcn::{Rcn, RcnError, RcnRegion, RcnUsage, VariableMeasure};
pub use unit::Unit;

/// An ISO 4217 numeric currency code, as AIs 391n and 393n carry it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Currency(u16);

impl Currency {
    /// The numeric code, e.g. 978 for the euro.
    pub const fn code(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

/// A country: an ISO 3166-1 numeric code (`999` where the dictionary allows
/// "unknown") or an alpha-2 code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Country {
    /// ISO 3166-1 numeric, e.g. 276 for Germany.
    Numeric(u16),
    /// ISO 3166-1 alpha-2, e.g. `*b"DE"`.
    Alpha2([u8; 2]),
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Country::Numeric(n) => write!(f, "{n:03}"),
            Country::Alpha2([a, b]) => write!(f, "{}{}", char::from(*a), char::from(*b)),
        }
    }
}

/// Up to five countries, as AIs 423 and 425 list them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Countries {
    codes: [u16; 5],
    len: u8,
}

impl Countries {
    /// The countries, in order.
    pub fn iter(&self) -> impl Iterator<Item = Country> + '_ {
        self.codes[..usize::from(self.len)]
            .iter()
            .map(|&c| Country::Numeric(c))
    }

    /// How many countries.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether there are none (never for a valid value).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What an AI's value means, decoded.
#[derive(Clone, Copy, PartialEq, Debug)]
#[non_exhaustive]
pub enum AiValue<'a> {
    /// A value with no further structure (identifiers, batch numbers, …):
    /// the text itself.
    Text(&'a str),
    /// A GTIN (01, 02), flagged when it is a restricted circulation number
    /// (GS1 Prefix `02`, `20`–`29`: within a region; `04`, `40`–`49` and
    /// GTIN-8s starting `0` or `2`: within a company). A region's
    /// variable-measure layouts (price, weight, count) need the region:
    /// [`Element::rcn`].
    Gtin {
        /// The GTIN.
        gtin: Gtin,
        /// Where it may circulate, when it is an RCN.
        rcn: Option<RcnUsage>,
    },
    /// A count of items (AIs 30, 37) or points (8111).
    Count(u64),
    /// A date (`YYMMDD` with the century rule and day `00` resolved, or
    /// `YYYYMMDD`).
    Date(NaiveDate),
    /// A date with a time of day (7003, 4324, 4325, 7011, 7251, 8008).
    DateTime(NaiveDateTime),
    /// A period between two dates (7007 with both dates).
    DateRange(NaiveDate, NaiveDate),
    /// A measure with its unit (310n–369n, temperatures 4330–4333).
    Measure {
        /// The quantity, with the decimals the AI implies.
        quantity: Decimal,
        /// The unit the AI names.
        unit: Unit,
    },
    /// An amount of money (390n–393n, and the price per unit of measure
    /// 395n), in the currency given when the AI carries one (391n, 393n).
    Amount {
        /// The amount, with the decimals the AI implies.
        amount: Decimal,
        /// The ISO 4217 currency, when the AI carries one.
        currency: Option<Currency>,
    },
    /// A percentage (394n).
    Percentage(Decimal),
    /// A country (422, 424, 426; alpha-2 in 4307, 4317).
    Country(Country),
    /// A list of countries (423, 425).
    Countries(Countries),
    /// A country followed by text: a postal code (421) or an approval
    /// number (7030–7039).
    CountryAndText {
        /// The country.
        country: Country,
        /// The text after the country code.
        text: &'a str,
    },
    /// WGS 84 coordinates in degrees (4309).
    Coordinates {
        /// Latitude, −90 to 90.
        latitude: f64,
        /// Longitude, −180 to 180.
        longitude: f64,
    },
    /// A trade item that is one piece of a set (8006, 8026).
    PieceOfTotal {
        /// The GTIN of the whole.
        gtin: &'a str,
        /// This piece's number.
        piece: u8,
        /// How many pieces make the whole.
        total: u8,
    },
}

fn number(d: &[u8]) -> Option<u64> {
    if d.is_empty() || d.len() > 18 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(d.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')))
}

fn two_digits(d: &[u8]) -> Option<u32> {
    (d.len() == 2).then_some(())?;
    number(d).map(|n| n as u32)
}

impl<'a> Element<'a> {
    /// The value decoded by type. Two-digit years are placed by GS1's
    /// century rule relative to `reference` (usually today's date,
    /// [`crate::date::today`]). Values the type does not fit (which a
    /// validated element never has) come back as [`AiValue::Text`].
    pub fn typed(&self, reference: NaiveDate) -> AiValue<'_> {
        typed(self, reference).unwrap_or(AiValue::Text(self.value()))
    }

    /// For a GTIN element (01, 02): the GTIN read as a restricted
    /// circulation number under `region`'s rules ([`Gtin::rcn`]) — `None`
    /// when it is no RCN, else where it may circulate and the variable
    /// measure the region's layout puts in it (an error when the layout's
    /// price/weight check digit does not match). `None` for other AIs.
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options, value::{RcnRegion, VariableMeasure}};
    /// let es = ElementString::parse("(01)02088060112343", &Options::default())?;
    /// let rcn = es.elements()[0].rcn(Some(RcnRegion::Sweden)).unwrap()?;
    /// let Some(VariableMeasure::Price { amount, currency }) = rcn.measure else { panic!() };
    /// assert_eq!((amount.to_string().as_str(), currency), ("12.34", Some("SEK")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rcn(&self, region: Option<RcnRegion>) -> Option<Result<Rcn, RcnError>> {
        if !matches!(self.ai().as_str(), "01" | "02") {
            return None;
        }
        Gtin::parse_any(self.value()).ok()?.rcn(region)
    }
}

fn typed<'e>(e: &'e Element<'_>, reference: NaiveDate) -> Option<AiValue<'e>> {
    let ai_code = e.ai();
    let ai = ai_code.as_bytes();
    let v = e.value().as_bytes();
    let last = |n: u8| n.wrapping_sub(b'0');
    if ai.len() == 4 {
        let scale = last(ai[3]);
        match &ai[..3] {
            b"390" | b"392" => {
                return Some(AiValue::Amount {
                    amount: Decimal::from_digits(v, scale)?,
                    currency: None,
                });
            }
            b"391" | b"393" => {
                return Some(AiValue::Amount {
                    amount: Decimal::from_digits(v.get(3..)?, scale)?,
                    currency: Some(Currency(number(v.get(..3)?)? as u16)),
                });
            }
            b"394" => return Some(AiValue::Percentage(Decimal::from_digits(v, scale)?)),
            b"395" => {
                return Some(AiValue::Amount {
                    amount: Decimal::from_digits(v, scale)?,
                    currency: None,
                });
            }
            b"433" if ai[3] <= b'3' => {
                // Hundredths of a degree, with an optional trailing '-'.
                let (digits, negative) = match v.split_last() {
                    Some((b'-', rest)) => (rest, true),
                    _ => (v, false),
                };
                let t = Decimal::from_digits(digits, 2)?;
                return Some(AiValue::Measure {
                    quantity: if negative { t.negated() } else { t },
                    unit: if ai[3] % 2 == 0 {
                        Unit::Fahrenheit
                    } else {
                        Unit::Celsius
                    },
                });
            }
            p if (&b"310"[..]..=&b"369"[..]).contains(&p) => {
                if let Some(unit) = unit::measure_unit(p) {
                    return Some(AiValue::Measure {
                        quantity: Decimal::from_digits(v, scale)?,
                        unit,
                    });
                }
            }
            _ => {}
        }
    }
    if matches!(ai, b"30" | b"37" | b"8111") {
        return Some(AiValue::Count(number(v)?));
    }
    if matches!(ai, b"01" | b"02") {
        let gtin = Gtin::parse_any(e.value()).ok()?;
        return Some(AiValue::Gtin {
            gtin,
            rcn: gtin.rcn_usage(),
        });
    }
    by_linters(e, reference)
}

/// The type a value's component linters give it.
fn by_linters<'e>(e: &'e Element<'_>, reference: NaiveDate) -> Option<AiValue<'e>> {
    let spec = e.spec();
    let v = e.value().as_bytes();
    let comps = split_components(spec, v).ok()?;
    // (linters, text) of each present component.
    let mut parts: [(&[Linter], &[u8]); 8] = [(&[], &[]); 8];
    let mut n = 0;
    for (i, span) in comps.iter() {
        parts[n] = (spec.components[i].linters, &v[span]);
        n += 1;
    }
    let parts = &parts[..n];
    let has = |i: usize, l: Linter| parts.get(i).is_some_and(|p| p.0.contains(&l));
    let text = |i: usize| parts.get(i).map(|p| p.1);

    if has(0, Linter::Yymmdd) || has(0, Linter::Yymmd0) {
        let d = date::yymmdd(text(0)?, reference).ok()?;
        return with_time(d, &parts[1..]);
    }
    if has(0, Linter::Yyyymmdd) || has(0, Linter::Yyyymmd0) {
        let d = date::yyyymmdd(text(0)?).ok()?;
        return with_time(d, &parts[1..]);
    }
    if has(0, Linter::Latitude) && has(1, Linter::Longitude) {
        let lat = number(text(0)?)? as f64 / 1e7 - 90.0;
        let lon = number(text(1)?)? as f64 / 1e7 - 180.0;
        return Some(AiValue::Coordinates {
            latitude: lat,
            longitude: lon,
        });
    }
    if has(0, Linter::Iso3166alpha2) {
        let t = text(0)?;
        return Some(AiValue::Country(Country::Alpha2([*t.first()?, *t.get(1)?])));
    }
    if has(0, Linter::Iso3166) || has(0, Linter::Iso3166999) {
        let country = Country::Numeric(number(text(0)?)? as u16);
        if parts.len() == 1 {
            return Some(AiValue::Country(country));
        }
        if parts.iter().all(|p| p.0.contains(&Linter::Iso3166)) {
            let mut list = Countries {
                codes: [0; 5],
                len: 0,
            };
            for p in parts.iter().take(5) {
                list.codes[usize::from(list.len)] = number(p.1)? as u16;
                list.len += 1;
            }
            return Some(AiValue::Countries(list));
        }
        let rest = core::str::from_utf8(v.get(3..)?).ok()?;
        return Some(AiValue::CountryAndText {
            country,
            text: rest,
        });
    }
    if has(1, Linter::Pieceoftotal) {
        let pt = text(1)?;
        return Some(AiValue::PieceOfTotal {
            gtin: core::str::from_utf8(text(0)?).ok()?,
            piece: number(pt.get(..2)?)? as u8,
            total: number(pt.get(2..)?)? as u8,
        });
    }
    None
}

/// A date, possibly followed by a time (`hhmi`, or `hh` [`mi` [`ss`]]) or
/// by a second date (a range).
fn with_time<'e>(d: NaiveDate, rest: &[(&[Linter], &[u8])]) -> Option<AiValue<'e>> {
    let Some(&(linters, t)) = rest.first() else {
        return Some(AiValue::Date(d));
    };
    if linters.contains(&Linter::Yymmdd) || linters.contains(&Linter::Yymmd0) {
        let end = date::yymmdd(t, d).ok()?;
        return Some(AiValue::DateRange(d, end));
    }
    let (h, m, s) = if linters.contains(&Linter::Hhmi) {
        (two_digits(t.get(..2)?)?, two_digits(t.get(2..4)?)?, 0)
    } else if linters.contains(&Linter::Hh) {
        let m = rest.get(1).map_or(Some(0), |p| two_digits(p.1))?;
        let s = rest.get(2).map_or(Some(0), |p| two_digits(p.1))?;
        (two_digits(t)?, m, s)
    } else {
        return Some(AiValue::Date(d));
    };
    let time = NaiveTime::from_hms_opt(h, m, s)?;
    Some(AiValue::DateTime(d.and_time(time)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ElementString, Options};

    fn typed_all(s: &str) -> Vec<String> {
        let es = ElementString::parse(s, &Options::default().check_requisites(false)).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        es.elements()
            .iter()
            .map(|e| format!("{:?}", e.typed(today)))
            .collect()
    }

    #[test]
    fn gtins_and_rcns() {
        // (01), (02) and (8006) may not share an element string.
        let all = [
            "(01)09521234543213",
            "(02)02088060112343",
            "(8006)095212345432130102",
        ]
        .map(|s| ElementString::parse(s, &Options::default().check_requisites(false)).unwrap());
        let e = |i: usize| &all[i].elements()[0];
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let [a, b, c] = [0, 1, 2].map(|i| e(i).typed(today));
        assert_eq!(
            a,
            AiValue::Gtin {
                gtin: "09521234543213".parse().unwrap(),
                rcn: None
            }
        );
        assert_eq!(
            b,
            AiValue::Gtin {
                gtin: "02088060112343".parse().unwrap(),
                rcn: Some(RcnUsage::Geographic)
            }
        );
        assert!(matches!(c, AiValue::PieceOfTotal { .. }));
        assert_eq!(e(0).rcn(Some(RcnRegion::Sweden)), None);
        assert_eq!(e(2).rcn(Some(RcnRegion::Sweden)), None);
        let rcn = e(1).rcn(Some(RcnRegion::Sweden)).unwrap().unwrap();
        assert_eq!(
            rcn.measure,
            Some(VariableMeasure::Price {
                amount: Decimal::new(1234, 2),
                currency: Some("SEK")
            })
        );
    }

    #[test]
    fn dates_and_times() {
        let t = typed_all(
            "(7003)2612311530(8008)26010214(7007)260101260131(7250)19800229(4324)2601000800",
        );
        assert_eq!(t[0], "DateTime(2026-12-31T15:30:00)");
        assert_eq!(t[1], "DateTime(2026-01-02T14:00:00)");
        assert_eq!(t[2], "DateRange(2026-01-01, 2026-01-31)");
        assert_eq!(t[3], "Date(1980-02-29)");
        assert_eq!(t[4], "DateTime(2026-01-31T08:00:00)");
        let t = typed_all("(8008)0001021415");
        assert_eq!(t[0], "DateTime(2000-01-02T14:15:00)");
    }

    #[test]
    fn numbers_and_places() {
        let t = typed_all(
            "(3302)023456(3912)7101230(3940)0010(30)12(4331)001250-(422)276(423)276040(421)276D-10115(4309)13000000002130000000(4317)DE(8006)095212345432130102",
        );
        assert_eq!(
            t[0],
            "Measure { quantity: Decimal { mantissa: 23456, scale: 2 }, unit: Kilogram }"
        );
        assert_eq!(
            t[1],
            "Amount { amount: Decimal { mantissa: 1230, scale: 2 }, currency: Some(Currency(710)) }"
        );
        assert_eq!(t[2], "Percentage(Decimal { mantissa: 10, scale: 0 })");
        assert_eq!(t[3], "Count(12)");
        assert_eq!(
            t[4],
            "Measure { quantity: Decimal { mantissa: -1250, scale: 2 }, unit: Celsius }"
        );
        assert_eq!(t[5], "Country(Numeric(276))");
        assert!(t[6].starts_with("Countries(Countries { codes: [276, 40, 0, 0, 0], len: 2 })"));
        assert_eq!(
            t[7],
            "CountryAndText { country: Numeric(276), text: \"D-10115\" }"
        );
        assert_eq!(t[8], "Coordinates { latitude: 40.0, longitude: 33.0 }");
        assert_eq!(t[9], "Country(Alpha2([68, 69]))");
        assert_eq!(
            t[10],
            "PieceOfTotal { gtin: \"09521234543213\", piece: 1, total: 2 }"
        );
    }
}
