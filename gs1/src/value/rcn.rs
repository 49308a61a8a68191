//! Restricted circulation numbers (RCNs): GTINs whose GS1 Prefix reserves
//! them for use within a geographic region (`02`, `20`–`29`) or within a
//! company (`04`, `40`–`49`, and GTIN-8 starting `0` or `2`), and the
//! variable-measure items (priced or weighed goods) that regions encode in
//! them.
//!
//! Each GS1 Member Organisation defines how a regional RCN-13 carries a
//! price, weight or count, optionally guarded by a price/weight check digit
//! ([`crate::check_digit::price_weight`]). The layouts here are those
//! published by GS1 Denmark, Estonia, Finland, Germany, the UK, Latvia,
//! Lithuania, Norway and Sweden.

use core::fmt;

use super::decimal::Decimal;
use crate::check_digit;
use crate::ident::Gtin;

/// Where an RCN may circulate.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum RcnUsage {
    /// Within a geographic region, with rules set by its GS1 Member
    /// Organisation.
    Geographic,
    /// Within one company, with rules that company sets.
    Company,
}

/// A region whose variable-measure RCN layouts this crate knows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum RcnRegion {
    /// Denmark.
    Denmark,
    /// Estonia.
    Estonia,
    /// Finland.
    Finland,
    /// Germany.
    Germany,
    /// Great Britain.
    GreatBritain,
    /// Latvia.
    Latvia,
    /// Lithuania.
    Lithuania,
    /// Norway.
    Norway,
    /// Sweden.
    Sweden,
}

impl RcnRegion {
    /// Every region, in alphabetical order of name.
    pub const ALL: [RcnRegion; 9] = [
        RcnRegion::Denmark,
        RcnRegion::Estonia,
        RcnRegion::Finland,
        RcnRegion::Germany,
        RcnRegion::GreatBritain,
        RcnRegion::Latvia,
        RcnRegion::Lithuania,
        RcnRegion::Norway,
        RcnRegion::Sweden,
    ];

    /// The region of an ISO 3166-1 alpha-2 code (either case), e.g. `"se"`.
    pub fn from_alpha2(code: &str) -> Option<RcnRegion> {
        RcnRegion::ALL
            .into_iter()
            .find(|r| r.alpha2().eq_ignore_ascii_case(code))
    }

    /// The ISO 3166-1 alpha-2 code, upper case.
    pub const fn alpha2(self) -> &'static str {
        match self {
            RcnRegion::Denmark => "DK",
            RcnRegion::Estonia => "EE",
            RcnRegion::Finland => "FI",
            RcnRegion::Germany => "DE",
            RcnRegion::GreatBritain => "GB",
            RcnRegion::Latvia => "LV",
            RcnRegion::Lithuania => "LT",
            RcnRegion::Norway => "NO",
            RcnRegion::Sweden => "SE",
        }
    }

    /// The ISO 4217 code of the currency prices are in, for the regions
    /// whose layouts carry a price.
    pub const fn currency(self) -> Option<&'static str> {
        match self {
            RcnRegion::Denmark => Some("DKK"),
            RcnRegion::Germany => Some("EUR"),
            RcnRegion::GreatBritain => Some("GBP"),
            RcnRegion::Norway => Some("NOK"),
            RcnRegion::Sweden => Some("SEK"),
            _ => None,
        }
    }

    /// The layout of an RCN-13 starting with `prefix` (its first two
    /// digits) in this region, if the region defines one.
    fn layout(self, prefix: &[u8]) -> Option<Layout> {
        use Measure::*;
        // The positions are of the 12 digits before the GTIN check digit.
        let nordic = |p: &[u8]| -> Option<Layout> {
            Some(match p {
                b"20" => Layout::new(Price, 8, 4, 2, None),
                b"21" => Layout::new(Price, 8, 4, 1, None),
                b"22" => Layout::new(Price, 8, 4, 0, None),
                b"23" => Layout::new(Weight, 8, 4, 3, None),
                b"24" => Layout::new(Weight, 8, 4, 2, None),
                b"25" => Layout::new(Weight, 8, 4, 1, None),
                _ => return None,
            })
        };
        let baltic_finnish = |p: &[u8]| -> Option<Layout> {
            Some(match p {
                b"23" => Layout::new(Weight, 8, 4, 3, None),
                b"24" => Layout::new(Weight, 8, 4, 2, None),
                b"25" => Layout::new(Weight, 8, 4, 1, None),
                _ => return None,
            })
        };
        match self {
            RcnRegion::Sweden | RcnRegion::Norway => nordic(prefix),
            RcnRegion::Estonia | RcnRegion::Finland | RcnRegion::Latvia | RcnRegion::Lithuania => {
                baltic_finnish(prefix)
            }
            RcnRegion::Denmark => Some(match prefix {
                b"21" | b"22" | b"23" | b"24" => Layout::new(Price, 6, 6, 2, None),
                b"26" | b"28" => Layout::new(Weight, 6, 6, 3, None),
                b"27" => Layout::new(Weight, 7, 5, 3, None),
                _ => return None,
            }),
            RcnRegion::Germany => Some(match prefix {
                b"22" | b"23" => Layout::new(Price, 7, 5, 2, Some(6)),
                b"25" | b"26" => Layout::new(Count, 7, 5, 0, Some(6)),
                b"28" | b"29" => Layout::new(Weight, 7, 5, 3, Some(6)),
                _ => return None,
            }),
            RcnRegion::GreatBritain => match prefix {
                b"20" => Some(Layout::new(Price, 8, 4, 2, Some(7))),
                _ => None,
            },
        }
    }
}

impl fmt::Display for RcnRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha2())
    }
}

#[derive(Clone, Copy)]
enum Measure {
    Price,
    Weight,
    Count,
}

/// Where the variable measure sits in the first 12 digits of an RCN-13.
#[derive(Clone, Copy)]
struct Layout {
    measure: Measure,
    value_at: usize,
    value_len: usize,
    decimals: u8,
    check_digit_at: Option<usize>,
}

impl Layout {
    const fn new(
        measure: Measure,
        value_at: usize,
        value_len: usize,
        decimals: u8,
        check_digit_at: Option<usize>,
    ) -> Layout {
        Layout {
            measure,
            value_at,
            value_len,
            decimals,
            check_digit_at,
        }
    }
}

/// The variable measure a regional RCN carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum VariableMeasure {
    /// A price, in the region's currency when it has one.
    Price {
        /// The amount.
        amount: Decimal,
        /// ISO 4217 alphabetic code of the currency.
        currency: Option<&'static str>,
    },
    /// A weight in kilograms.
    Weight(Decimal),
    /// A number of items.
    Count(u32),
}

/// Why an RCN's variable measure could not be read.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RcnError {
    /// The price/weight check digit does not match the measure.
    #[error("price/weight check digit is {found}, the measure's is {expected}")]
    CheckDigit {
        /// The check digit the measure gives.
        expected: u8,
        /// The check digit in the GTIN.
        found: u8,
    },
}

/// A GTIN read as a restricted circulation number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Rcn {
    /// Where it may circulate.
    pub usage: RcnUsage,
    /// The region whose rules were applied, if any.
    pub region: Option<RcnRegion>,
    /// The variable measure, when the region defines a layout for the
    /// prefix.
    pub measure: Option<VariableMeasure>,
}

impl Gtin {
    /// Whether this GTIN is a restricted circulation number, and where it
    /// may circulate. GTIN-14s with an indicator digit other than 0 are
    /// never RCNs.
    ///
    /// ```
    /// use serialkit_gs1::{Gtin, value::RcnUsage};
    /// assert_eq!(Gtin::parse_any("2088060112343")?.rcn_usage(), Some(RcnUsage::Geographic));
    /// assert_eq!(Gtin::parse_any("9521234543213")?.rcn_usage(), None);
    /// # Ok::<(), serialkit_gs1::InvalidKey>(())
    /// ```
    pub fn rcn_usage(&self) -> Option<RcnUsage> {
        let d = self.as_str().as_bytes();
        if d[..6] == *b"000000" {
            // A GTIN-8 in 14-digit form.
            return matches!(d[6], b'0' | b'2').then_some(RcnUsage::Company);
        }
        match d {
            [b'0', b'0', b'2', ..] | [b'0', b'2', ..] => Some(RcnUsage::Geographic),
            [b'0', b'0', b'4', ..] | [b'0', b'4', ..] => Some(RcnUsage::Company),
            _ => None,
        }
    }

    /// Reads this GTIN as a restricted circulation number under `region`'s
    /// rules: `None` when it is not an RCN; the variable measure when the
    /// region defines a layout for its prefix (and the price/weight check
    /// digit, where the layout has one, is right).
    ///
    /// ```
    /// use serialkit_gs1::{Gtin, value::{RcnRegion, VariableMeasure}};
    /// let rcn = Gtin::parse_any("2088060112343")?.rcn(Some(RcnRegion::Sweden)).unwrap()?;
    /// let Some(VariableMeasure::Price { amount, currency }) = rcn.measure else { panic!() };
    /// assert_eq!((amount.to_string().as_str(), currency), ("12.34", Some("SEK")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rcn(&self, region: Option<RcnRegion>) -> Option<Result<Rcn, RcnError>> {
        let usage = self.rcn_usage()?;
        let mut rcn = Rcn {
            usage,
            region: None,
            measure: None,
        };
        // Company RCNs follow each company's own rules.
        let (RcnUsage::Geographic, Some(region)) = (usage, region) else {
            return Some(Ok(rcn));
        };
        rcn.region = Some(region);
        // The GTIN-13 digits (the indicator digit is 0 for an RCN-13).
        let g13 = &self.as_str().as_bytes()[1..];
        let Some(layout) = region.layout(&g13[..2]) else {
            return Some(Ok(rcn));
        };
        let value = &g13[layout.value_at..layout.value_at + layout.value_len];
        if let Some(at) = layout.check_digit_at {
            let expected = check_digit::price_weight(value)?;
            let found = g13[at] - b'0';
            if expected != found {
                return Some(Err(RcnError::CheckDigit { expected, found }));
            }
        }
        let number = Decimal::from_digits(value, layout.decimals)?;
        rcn.measure = Some(match layout.measure {
            Measure::Price => VariableMeasure::Price {
                amount: number,
                currency: region.currency(),
            },
            Measure::Weight => VariableMeasure::Weight(number),
            Measure::Count => VariableMeasure::Count(u32::try_from(number.mantissa()).ok()?),
        });
        Some(Ok(rcn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rcn(body13: &str, region: RcnRegion) -> Option<VariableMeasure> {
        let g = Gtin::from_body(&format!("0{body13}")).unwrap();
        g.rcn(Some(region)).unwrap().unwrap().measure
    }

    #[test]
    fn baltic_and_finnish_weights() {
        for r in [
            RcnRegion::Finland,
            RcnRegion::Latvia,
            RcnRegion::Lithuania,
            RcnRegion::Estonia,
        ] {
            assert_eq!(
                rcn("241234560123", r),
                Some(VariableMeasure::Weight(Decimal::new(123, 2)))
            );
            assert_eq!(rcn("201234560123", r), None);
        }
    }

    #[test]
    fn check_digit_guards_the_measure() {
        // Germany 28: weight in the last five digits, check digit before it.
        let good = rcn("281111106870", RcnRegion::Germany);
        assert_eq!(good, Some(VariableMeasure::Weight(Decimal::new(6870, 3))));
        let g = Gtin::from_body("0281111206870").unwrap();
        assert_eq!(
            g.rcn(Some(RcnRegion::Germany)),
            Some(Err(RcnError::CheckDigit {
                expected: 1,
                found: 2
            }))
        );
        // Company RCNs are never decoded.
        let c = Gtin::from_body("0401234567890").unwrap();
        assert_eq!(
            c.rcn(Some(RcnRegion::Sweden)).unwrap().unwrap().usage,
            RcnUsage::Company
        );
        assert_eq!(
            Gtin::from_body("0000000234567").unwrap().rcn_usage(),
            Some(RcnUsage::Company)
        );
        assert_eq!(RcnRegion::from_alpha2("lv"), Some(RcnRegion::Latvia));
    }
}
