//! GS1 Barcode Syntax Tests ("linters"): content checks for one component of
//! an Application Identifier value, named as in the GS1 Barcode Syntax
//! Dictionary (`N14,csum,gcppos1` → [`Linter::Csum`], [`Linter::Gcppos1`]).
//!
//! Rules, error codes and error spans are those of GS1's reference linters
//! (`gs1/gs1-syntax-engine`, `src/c-lib/syntax/lint_*.c`) for Barcode Syntax
//! Dictionary release 2026-01-27; `tests/lint_vectors.rs` holds every one
//! against the published test vectors.
//!
//! ```
//! use serialkit_gs1::lint::{LintErrorKind, Linter};
//!
//! assert!(Linter::Csum.check(b"09521234543213").is_ok());
//!
//! let err = Linter::Yymmdd.check(b"250231").unwrap_err();
//! assert_eq!(err.kind, LintErrorKind::IllegalDay);
//! assert_eq!(err.span, 4..6); // the "31"
//! assert_eq!(err.kind.code(), "ILLEGAL_DAY");
//!
//! let linter: Linter = "csumalpha".parse().unwrap();
//! assert_eq!(linter, Linter::Csumalpha);
//! ```
//!
//! # How a component is linted
//!
//! A validator first applies the character-set linter of the component type
//! ([`Linter::for_component_type`]: `N` → `csetnumeric`, `X` → `cset82`,
//! `Y` → `cset39`, `Z` → `cset64`), then the component's own linters in
//! dictionary order, stopping at the first error. The length of the
//! component is the validator's business, not the linters'.
//!
//! Linters work on bytes: a byte ≥ 0x80 is just a byte outside every GS1
//! character set, nothing is decoded and nothing allocates.
//!
//! # GS1 Company Prefix lookups
//!
//! `gcppos1`, `gcppos2` and the company prefixes inside `couponcode` can
//! consult a GCP allocation register through [`GcpLookup`] with
//! [`Linter::check_with_gcp`]. [`Linter::check`] behaves like the reference
//! built without a lookup hook: it only checks that the value is long
//! enough and that the first four digits of the prefix are digits.
//!
//! # Retired linters
//!
//! `hhmm`, `iso3166list`, `key`, `keyoff1`, `mmoptss` and `yymmddhh` are no
//! longer used by the dictionary. The reference keeps them as stubs that
//! accept everything, and so do these ([`Linter::is_retired`]), so that an
//! older dictionary still loads.

mod checksum;
mod code_set;
mod coordinate;
mod coupon;
pub(crate) mod cset;
mod date;
mod digits;
mod enumerated;
mod error;
mod gcp;
mod iban;
mod iso3166;
mod iso4217;
mod mediatype;
mod packagetype;
mod pcenc;
mod sequence;
mod time;

use core::fmt;
use core::str::FromStr;

pub use cset::{is_cset39, is_cset64, is_cset82, is_digit};
pub use error::{LintError, LintErrorKind, UnknownLinter};
pub use gcp::{GCP_MIN_LENGTH, GcpLookup, GcpStatus, NoGcpLookup};

/// Defines [`Linter`], its dictionary names and `ALL` from one table.
macro_rules! linters {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)+) => {
        /// A GS1 linter, as named in the GS1 Barcode Syntax Dictionary.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Linter {
            $($(#[$doc])* $variant,)+
        }

        impl Linter {
            /// Every linter of the reference set, in alphabetical order of
            /// name.
            pub const ALL: &'static [Linter] = &[$(Linter::$variant,)+];

            /// The dictionary spelling of this linter, e.g. `"csumalpha"`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Linter::$variant => $name,)+
                }
            }

            /// The linter named `name` in the dictionary (exact, lower
            /// case), if it exists.
            pub fn from_name(name: &str) -> Option<Linter> {
                match name {
                    $($name => Some(Linter::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

linters! {
    /// North American coupon code of AI (8110).
    Couponcode => "couponcode",
    /// Positive offer file coupon code of AI (8112).
    Couponposoffer => "couponposoffer",
    /// GS1 AI encodable character set 39 (component type Y).
    Cset39 => "cset39",
    /// GS1 AI encodable character set 64, file-safe base64 with optional
    /// `=` padding (component type Z).
    Cset64 => "cset64",
    /// GS1 AI encodable character set 82 (component type X).
    Cset82 => "cset82",
    /// Digits only (component type N).
    Csetnumeric => "csetnumeric",
    /// Ends with a correct GS1 mod-10 check digit.
    Csum => "csum",
    /// Ends with a correct alphanumeric check-character pair.
    Csumalpha => "csumalpha",
    /// Starts with a GS1 Company Prefix.
    Gcppos1 => "gcppos1",
    /// Starts with a GS1 Company Prefix at its second character.
    Gcppos2 => "gcppos2",
    /// Contains at least one non-digit.
    Hasnondigit => "hasnondigit",
    /// An hour, `00`–`23`.
    Hh => "hh",
    /// Hour and minute, `HHMI`.
    Hhmi => "hhmi",
    /// Retired (hour and minute, replaced by `hhmi`); accepts everything.
    Hhmm => "hhmm",
    /// Hyphens only.
    Hyphen => "hyphen",
    /// An IBAN.
    Iban => "iban",
    /// An Importer Index character (EU 2018/574 tobacco traceability).
    Importeridx => "importeridx",
    /// An ISO 3166-1 numeric country code.
    Iso3166 => "iso3166",
    /// An ISO 3166-1 numeric country code or `999`.
    Iso3166999 => "iso3166999",
    /// An ISO 3166-1 alpha-2 country code.
    Iso3166alpha2 => "iso3166alpha2",
    /// Retired (list of ISO 3166 numeric codes); accepts everything.
    Iso3166list => "iso3166list",
    /// An ISO 4217 numeric currency code.
    Iso4217 => "iso4217",
    /// An ISO/IEC 5218 biological sex code.
    Iso5218 => "iso5218",
    /// Retired (GS1 key with company prefix); accepts everything.
    Key => "key",
    /// Retired (GS1 key at offset 1); accepts everything.
    Keyoff1 => "keyoff1",
    /// A ten-digit latitude, `0000000000`–`1800000000`.
    Latitude => "latitude",
    /// A ten-digit longitude, `0000000000`–`3600000000`.
    Longitude => "longitude",
    /// An AIDC media type code.
    Mediatype => "mediatype",
    /// A minute, `00`–`59`.
    Mi => "mi",
    /// Retired (minutes with optional seconds); accepts everything.
    Mmoptss => "mmoptss",
    /// Digits, not all zero.
    Nonzero => "nonzero",
    /// Digits, no leading zero.
    Nozeroprefix => "nozeroprefix",
    /// A PackageTypeCode.
    Packagetype => "packagetype",
    /// Valid percent-encoding.
    Pcenc => "pcenc",
    /// Piece number and total of equal width, `PPTT`.
    Pieceoftotal => "pieceoftotal",
    /// Position in a sequence, `<pos>/<end>`.
    Posinseqslash => "posinseqslash",
    /// A second, `00`–`59`.
    Ss => "ss",
    /// A winding direction, `0`, `1` or `9`.
    Winding => "winding",
    /// `0` or `1`.
    Yesno => "yesno",
    /// A date `YYMMDD`, day `00` allowed.
    Yymmd0 => "yymmd0",
    /// A date `YYMMDD`.
    Yymmdd => "yymmdd",
    /// Retired (date with hour); accepts everything.
    Yymmddhh => "yymmddhh",
    /// A date `YYYYMMDD`, day `00` allowed.
    Yyyymmd0 => "yyyymmd0",
    /// A date `YYYYMMDD`.
    Yyyymmdd => "yyyymmdd",
    /// Zeros only.
    Zero => "zero",
}

impl Linter {
    /// Lints `value`, the bytes of one AI component, without a GS1 Company
    /// Prefix lookup service.
    #[inline]
    pub fn check(self, value: &[u8]) -> Result<(), LintError> {
        self.run(value, &NoGcpLookup)
    }

    /// Lints `value` like [`check`](Self::check), asking `lookup` whether
    /// company prefixes are allocated (for `gcppos1`, `gcppos2` and the
    /// prefixes inside `couponcode`; other linters ignore it).
    #[inline]
    pub fn check_with_gcp(self, value: &[u8], lookup: &dyn GcpLookup) -> Result<(), LintError> {
        self.run(value, lookup)
    }

    /// [`Linter::check`] of a value the caller has already found to be all
    /// digits (its `csetnumeric` check passed), as the parser's fast path
    /// has: the same answer, without the digit checks and the dispatch that
    /// the common linters of numeric components (`csum`, `gcppos1`,
    /// `gcppos2`, `yymmd0`, `yymmdd`) would repeat. Any other linter, or a
    /// value of a length on which these would fail, goes through
    /// [`Linter::check`].
    #[inline]
    pub(crate) fn check_numeric(self, value: &[u8]) -> Result<(), LintError> {
        debug_assert!(cset::first_non_digit(value).is_none());
        match self {
            // Without a lookup service a GCP is four digits (at the first
            // or second byte): the length is all that is left to check.
            Linter::Gcppos1 if value.len() >= GCP_MIN_LENGTH => Ok(()),
            Linter::Gcppos2 if value.len() > GCP_MIN_LENGTH => Ok(()),
            Linter::Csum => checksum::csum(value),
            Linter::Yymmd0 if value.len() == 6 => date::yymmd0_of_six_digits(value),
            Linter::Yymmdd if value.len() == 6 => date::yymmdd_of_six_digits(value),
            _ => self.check(value),
        }
    }

    /// The character-set linter of a dictionary component type: `N`, `X`,
    /// `Y` or `Z`.
    pub const fn for_component_type(cset: u8) -> Option<Linter> {
        match cset {
            b'N' => Some(Linter::Csetnumeric),
            b'X' => Some(Linter::Cset82),
            b'Y' => Some(Linter::Cset39),
            b'Z' => Some(Linter::Cset64),
            _ => None,
        }
    }

    /// Whether this linter consults a [`GcpLookup`].
    pub const fn uses_gcp_lookup(self) -> bool {
        matches!(self, Linter::Gcppos1 | Linter::Gcppos2 | Linter::Couponcode)
    }

    /// Whether the reference retired this linter (it accepts everything).
    pub const fn is_retired(self) -> bool {
        matches!(
            self,
            Linter::Hhmm
                | Linter::Iso3166list
                | Linter::Key
                | Linter::Keyoff1
                | Linter::Mmoptss
                | Linter::Yymmddhh
        )
    }

    /// One dispatch for both entry points; generic so that [`check`]
    /// compiles the lookup away. Never inlined: inlined into a loop over a
    /// component's linters, the bodies of all linters made the caller
    /// spill registers for every one of them on each element.
    ///
    /// [`check`]: Self::check
    #[inline(never)]
    fn run<G: GcpLookup + ?Sized>(self, value: &[u8], gcp: &G) -> Result<(), LintError> {
        use Linter::*;
        match self {
            Couponcode => coupon::couponcode(value, gcp),
            Couponposoffer => coupon::couponposoffer(value),
            Cset39 => cset::cset39(value),
            Cset64 => cset::cset64(value),
            Cset82 => cset::cset82(value),
            Csetnumeric => cset::csetnumeric(value),
            Csum => checksum::csum(value),
            Csumalpha => checksum::csumalpha(value),
            Gcppos1 => gcp::gcppos1(value, gcp),
            Gcppos2 => gcp::gcppos2(value, gcp),
            Hasnondigit => digits::hasnondigit(value),
            Hh => time::hh(value),
            Hhmi => time::hhmi(value),
            Hyphen => enumerated::hyphen(value),
            Iban => iban::iban(value),
            Importeridx => enumerated::importeridx(value),
            Iso3166 => iso3166::iso3166(value),
            Iso3166999 => iso3166::iso3166999(value),
            Iso3166alpha2 => iso3166::iso3166alpha2(value),
            Iso4217 => iso4217::iso4217(value),
            Iso5218 => enumerated::iso5218(value),
            Latitude => coordinate::latitude(value),
            Longitude => coordinate::longitude(value),
            Mediatype => mediatype::mediatype(value),
            Mi => time::mi(value),
            Nonzero => digits::nonzero(value),
            Nozeroprefix => digits::nozeroprefix(value),
            Packagetype => packagetype::packagetype(value),
            Pcenc => pcenc::pcenc(value),
            Pieceoftotal => sequence::pieceoftotal(value),
            Posinseqslash => sequence::posinseqslash(value),
            Ss => time::ss(value),
            Winding => enumerated::winding(value),
            Yesno => enumerated::yesno(value),
            Yymmd0 => date::yymmd0(value),
            Yymmdd => date::yymmdd(value),
            Yyyymmd0 => date::yyyymmd0(value),
            Yyyymmdd => date::yyyymmdd(value),
            Zero => digits::zero(value),
            Hhmm | Iso3166list | Key | Keyoff1 | Mmoptss | Yymmddhh => Ok(()),
        }
    }
}

impl fmt::Display for Linter {
    /// Writes the dictionary name, e.g. `csumalpha`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Linter {
    type Err = UnknownLinter;

    /// Parses a dictionary name, e.g. `"csumalpha"`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Linter::from_name(s).ok_or(UnknownLinter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_sorted() {
        assert_eq!(Linter::ALL.len(), 45);
        for &l in Linter::ALL {
            assert_eq!(Linter::from_name(l.name()), Some(l));
            assert_eq!(l.to_string().parse::<Linter>(), Ok(l));
        }
        assert!(Linter::ALL.windows(2).all(|w| w[0].name() < w[1].name()));
        assert_eq!("CSUM".parse::<Linter>(), Err(UnknownLinter));
        assert_eq!(Linter::from_name(""), None);
    }

    #[test]
    fn component_types() {
        assert_eq!(Linter::for_component_type(b'N'), Some(Linter::Csetnumeric));
        assert_eq!(Linter::for_component_type(b'Z'), Some(Linter::Cset64));
        assert_eq!(Linter::for_component_type(b'n'), None);
    }

    #[test]
    fn retired_linters_accept_everything() {
        let retired: Vec<_> = Linter::ALL.iter().filter(|l| l.is_retired()).collect();
        assert_eq!(retired.len(), 6);
        for l in retired {
            assert!(l.check(b"").is_ok() && l.check(b"\xFFanything").is_ok());
        }
    }

    /// A small deterministic generator (xorshift) so the test needs no
    /// dependency and always sees the same inputs.
    fn bytes(seed: &mut u64, max_len: usize) -> Vec<u8> {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let len = (next() % (max_len as u64 + 1)) as usize;
        let alphabet = b"0123456789%/=-ABZaz \x1d\x80\xff";
        (0..len)
            .map(|_| {
                let r = next();
                if r % 4 == 0 {
                    r as u8
                } else {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                }
            })
            .collect()
    }

    #[test]
    fn any_bytes_give_an_answer_with_an_in_bounds_span() {
        let mut seed = 0x5EED_1234_ABCD_0001;
        let lookups: [&dyn GcpLookup; 3] = [
            &NoGcpLookup,
            &|_: &[u8]| GcpStatus::Invalid,
            &|_: &[u8]| GcpStatus::Offline,
        ];
        for round in 0..3000 {
            let value = bytes(&mut seed, if round % 3 == 0 { 120 } else { 16 });
            for &l in Linter::ALL {
                for lookup in lookups {
                    if let Err(e) = l.check_with_gcp(&value, lookup) {
                        assert!(
                            e.span.start <= e.span.end && e.span.end <= value.len(),
                            "{l}: {e:?} on {value:?}"
                        );
                    }
                }
                assert_eq!(l.check(&value), l.check_with_gcp(&value, &NoGcpLookup));
            }
        }
    }

    /// The shortcut for values known to be digits against the full
    /// linters, on every linter and digit strings of every length up to
    /// 20, with dates and check digits right often enough to pass.
    #[test]
    fn check_numeric_agrees_with_check_on_digits() {
        let mut seed = 0xD161_7500_0000_0001u64;
        for round in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = round % 21;
            let mut value: Vec<u8> = (0..len)
                .map(|i| b'0' + ((seed >> (i % 16 * 4)) % 10) as u8)
                .collect();
            if round % 3 == 0 && len == 6 {
                // A plausible date: month 01-12, day 00-31.
                value[2] = b'0' + (seed % 2) as u8;
                value[3] = b'1' + (seed >> 8) as u8 % 2;
                value[4] = b'0' + (seed >> 16) as u8 % 4;
            }
            if round % 2 == 0 && len > 1 {
                value[len - 1] = crate::check_digit::mod10(&value[..len - 1]).unwrap_or(b'0');
            }
            for &l in Linter::ALL {
                assert_eq!(l.check_numeric(&value), l.check(&value), "{l} {value:?}");
            }
        }
    }

    #[test]
    fn long_inputs_do_not_panic() {
        let long = vec![b'9'; 10_000];
        for &l in Linter::ALL {
            let _ = l.check(&long);
            let _ = l.check(&long[..99]);
        }
    }
}

/// Helpers shared by the linters' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{LintError, LintErrorKind};

    /// A lint result as `(kind, start, end)`, `None` when it passed.
    pub(crate) fn span(r: Result<(), LintError>) -> Option<(LintErrorKind, usize, usize)> {
        r.err().map(|e| (e.kind, e.span.start, e.span.end))
    }
}
