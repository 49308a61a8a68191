//! North American coupon codes: `couponcode` (AI 8110, the original NACC
//! layout) and `couponposoffer` (AI 8112, positive offer file coupons).
//!
//! Both are all-digit strings made of fixed fields and fields whose length
//! is given by a one-digit variable length indicator (VLI). Errors follow
//! the reference conventions:
//! * a field that is entirely missing is reported over the whole value;
//! * a bad indicator or code digit is reported on that digit;
//! * a field cut short is reported from where it starts to the end, or over
//!   the whole value when it starts exactly at the end.

use super::cset::require_digits;
use super::date::yymmdd;
use super::error::{LintError, LintErrorKind, fail};
use super::gcp::{GcpLookup, gcppos1};
use LintErrorKind::*;

/// A read position in an all-digit coupon value.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { data, at: 0 }
    }

    fn remaining(&self) -> usize {
        self.data.len() - self.at
    }

    /// The next digit (without consuming it), if any.
    fn peek(&self) -> Option<u8> {
        self.data.get(self.at).map(|&b| b - b'0')
    }

    /// Consumes the optional-field indicator `tag` if it comes next.
    fn optional(&mut self, tag: u8) -> bool {
        let here = self.peek() == Some(tag);
        self.at += usize::from(here);
        here
    }

    /// A missing field: reported over the whole value.
    fn missing(&self, kind: LintErrorKind) -> LintError {
        LintError::new(kind, 0, self.data.len())
    }

    /// One digit that must satisfy `valid`; returns it.
    fn digit(
        &mut self,
        missing: LintErrorKind,
        invalid: LintErrorKind,
        valid: impl Fn(u8) -> bool,
    ) -> Result<u8, LintError> {
        let d = self.peek().ok_or_else(|| self.missing(missing))?;
        if !valid(d) {
            return Err(LintError::new(invalid, self.at, self.at + 1));
        }
        self.at += 1;
        Ok(d)
    }

    /// A field of `len` digits; returns its start offset.
    fn field(&mut self, len: usize, truncated: LintErrorKind) -> Result<usize, LintError> {
        if self.remaining() < len {
            let start = if self.remaining() == 0 { 0 } else { self.at };
            return Err(LintError::new(truncated, start, self.data.len()));
        }
        let start = self.at;
        self.at += len;
        Ok(start)
    }

    /// A company prefix field of `len` digits, checked with `gcppos1` (only
    /// the lookup can fail: the field is all digits and at least six long).
    fn gcp<G: GcpLookup + ?Sized>(
        &mut self,
        len: usize,
        truncated: LintErrorKind,
        lookup: &G,
    ) -> Result<(), LintError> {
        let start = self.field(len, truncated)?;
        gcppos1(&self.data[start..start + len], lookup)
            .map_err(|e| LintError::new(e.kind, start, start + len))
    }

    /// Everything consumed, or the excess reported.
    fn finish(&self) -> Result<(), LintError> {
        if self.remaining() > 0 {
            return fail(CouponExcessData, self.at, self.remaining());
        }
        Ok(())
    }
}

/// A purchase requirement: VLI `1`–`5`, the requirement, its code (`0`–`4`
/// or `9`) and a three-digit family code.
struct Purchase {
    missing_vli: LintErrorKind,
    invalid_vli: LintErrorKind,
    truncated: LintErrorKind,
    missing_code: LintErrorKind,
    invalid_code: LintErrorKind,
    truncated_family: LintErrorKind,
}

impl Purchase {
    fn read(&self, r: &mut Reader<'_>) -> Result<(), LintError> {
        let vli = r.digit(self.missing_vli, self.invalid_vli, |d| (1..=5).contains(&d))?;
        r.field(usize::from(vli), self.truncated)?;
        r.digit(self.missing_code, self.invalid_code, |d| d <= 4 || d == 9)?;
        r.field(3, self.truncated_family)?;
        Ok(())
    }
}

const FIRST_PURCHASE: Purchase = Purchase {
    missing_vli: CouponMissingFirstPurchaseRequirementVli,
    invalid_vli: CouponInvalidFirstPurchaseRequirementLength,
    truncated: CouponTruncatedFirstPurchaseRequirement,
    missing_code: CouponMissingFirstPurchaseRequirementCode,
    invalid_code: CouponInvalidFirstPurchaseRequirementCode,
    truncated_family: CouponTruncatedFirstPurchaseFamilyCode,
};

const SECOND_PURCHASE: Purchase = Purchase {
    missing_vli: CouponMissingSecondPurchaseRequirementVli,
    invalid_vli: CouponInvalidSecondPurchaseRequirementLength,
    truncated: CouponTruncatedSecondPurchaseRequirement,
    missing_code: CouponMissingSecondPurchaseRequirementCode,
    invalid_code: CouponInvalidSecondPurchaseRequirementCode,
    truncated_family: CouponTruncatedSecondPurchaseFamilyCode,
};

const THIRD_PURCHASE: Purchase = Purchase {
    missing_vli: CouponMissingThirdPurchaseRequirementVli,
    invalid_vli: CouponInvalidThirdPurchaseRequirementLength,
    truncated: CouponTruncatedThirdPurchaseRequirement,
    missing_code: CouponMissingThirdPurchaseRequirementCode,
    invalid_code: CouponInvalidThirdPurchaseRequirementCode,
    truncated_family: CouponTruncatedThirdPurchaseFamilyCode,
};

/// The company prefix of an additional purchase: VLI `0`–`6` (length VLI + 6)
/// or `9` (no prefix: same company as the primary one).
fn purchase_gcp<G: GcpLookup + ?Sized>(
    r: &mut Reader<'_>,
    kinds: [LintErrorKind; 3],
    lookup: &G,
) -> Result<(), LintError> {
    let [missing, invalid, truncated] = kinds;
    let vli = r.digit(missing, invalid, |d| d <= 6 || d == 9)?;
    if vli != 9 {
        r.gcp(usize::from(vli) + 6, truncated, lookup)?;
    }
    Ok(())
}

/// A coupon date: six digits that pass `yymmdd`; returns its start offset.
fn coupon_date(
    r: &mut Reader<'_>,
    too_short: LintErrorKind,
    invalid: LintErrorKind,
) -> Result<usize, LintError> {
    let start = r.field(6, too_short)?;
    yymmdd(&r.data[start..start + 6]).map_err(|_| LintError::new(invalid, start, start + 6))?;
    Ok(start)
}

/// `couponcode`: the North American Coupon Code of AI (8110).
///
/// Primary GCP (VLI `0`–`6`), offer code (6), save value (VLI `1`–`5`),
/// first purchase requirement, then the optional fields in order: `1`
/// additional rules + second purchase, `2` third purchase, `3` expiration
/// date, `4` start date (not after the expiration date), `5` serial number
/// (VLI + 6), `6` retailer GCP/GLN (VLI `1`–`7`, + 6), `9` miscellaneous
/// (save value code, applies-to-item, store coupon flag, don't-multiply
/// flag). The company prefixes go through [`gcppos1`] with `lookup`.
pub(crate) fn couponcode<G: GcpLookup + ?Sized>(value: &[u8], lookup: &G) -> Result<(), LintError> {
    require_digits(value)?;
    let mut r = Reader::new(value);

    let vli = r.digit(CouponMissingGcpVli, CouponInvalidGcpLength, |d| d <= 6)?;
    r.gcp(usize::from(vli) + 6, CouponTruncatedGcp, lookup)?;
    r.field(6, CouponTruncatedOfferCode)?;
    let vli = r.digit(
        CouponMissingSaveValueVli,
        CouponInvalidSaveValueLength,
        |d| (1..=5).contains(&d),
    )?;
    r.field(usize::from(vli), CouponTruncatedSaveValue)?;
    FIRST_PURCHASE.read(&mut r)?;

    if r.optional(1) {
        r.digit(
            CouponMissingAdditionalPurchaseRulesCode,
            CouponInvalidAdditionalPurchaseRulesCode,
            |d| d <= 3,
        )?;
        SECOND_PURCHASE.read(&mut r)?;
        let kinds = [
            CouponMissingSecondPurchaseGcpVli,
            CouponInvalidSecondPurchaseGcpLength,
            CouponTruncatedSecondPurchaseGcp,
        ];
        purchase_gcp(&mut r, kinds, lookup)?;
    }

    if r.optional(2) {
        THIRD_PURCHASE.read(&mut r)?;
        let kinds = [
            CouponMissingThirdPurchaseGcpVli,
            CouponInvalidThirdPurchaseGcpLength,
            CouponTruncatedThirdPurchaseGcp,
        ];
        purchase_gcp(&mut r, kinds, lookup)?;
    }

    let mut expiration = None;
    if r.optional(3) {
        let at = coupon_date(
            &mut r,
            CouponTooShortForExpirationDate,
            CouponInvalidExpirationDate,
        )?;
        expiration = Some(at);
    }

    if r.optional(4) {
        let start = coupon_date(&mut r, CouponTooShortForStartDate, CouponInvalidStartDate)?;
        // The reference compares the YYMMDD digits as they stand (no century
        // window) and reports from the expiration indicator `3` to the end
        // of the start date.
        if let Some(exp) = expiration {
            if value[start..start + 6] > value[exp..exp + 6] {
                return fail(CouponExpirationBeforeStart, exp - 1, 14);
            }
        }
    }

    if r.optional(5) {
        let d = r
            .peek()
            .ok_or_else(|| r.missing(CouponMissingSerialNumberVli))?;
        r.at += 1;
        r.field(usize::from(d) + 6, CouponTruncatedSerialNumber)?;
    }

    if r.optional(6) {
        let vli = r.digit(
            CouponMissingRetailerGcpOrGlnVli,
            CouponInvalidRetailerGcpOrGlnLength,
            |d| (1..=7).contains(&d),
        )?;
        r.gcp(
            usize::from(vli) + 6,
            CouponTruncatedRetailerGcpOrGln,
            lookup,
        )?;
    }

    if r.optional(9) {
        r.digit(
            CouponMissingSaveValueCode,
            CouponInvalidSaveValueCode,
            |d| matches!(d, 0 | 1 | 2 | 5 | 6),
        )?;
        r.digit(
            CouponMissingSaveValueAppliesToItem,
            CouponInvalidSaveValueAppliesToItem,
            |d| d <= 2,
        )?;
        r.digit(
            CouponMissingStoreCouponFlag,
            CouponMissingStoreCouponFlag,
            |_| true,
        )?;
        r.digit(
            CouponMissingDontMultiplyFlag,
            CouponInvalidDontMultiplyFlag,
            |d| d <= 1,
        )?;
    }

    r.finish()
}

/// `couponposoffer`: the positive offer file coupon of AI (8112).
///
/// Format code (`0` or `1`), funder ID (VLI `0`–`6`, + 6), offer code (6),
/// serial number (VLI + 6), and nothing after it.
pub(crate) fn couponposoffer(value: &[u8]) -> Result<(), LintError> {
    require_digits(value)?;
    let mut r = Reader::new(value);
    r.digit(CouponMissingFormatCode, CouponInvalidFormatCode, |d| d <= 1)?;
    let vli = r.digit(CouponMissingFunderVli, CouponInvalidFunderLength, |d| {
        d <= 6
    })?;
    r.field(usize::from(vli) + 6, CouponTruncatedFunder)?;
    r.field(6, CouponTruncatedOfferCode)?;
    let d = r
        .peek()
        .ok_or_else(|| r.missing(CouponMissingSerialNumberVli))?;
    r.at += 1;
    r.field(usize::from(d) + 6, CouponTruncatedSerialNumber)?;
    r.finish()
}

#[cfg(test)]
mod tests {
    use super::super::gcp::{GcpStatus, NoGcpLookup};
    use super::*;
    use crate::lint::test_support::span;

    fn code(v: &[u8]) -> Option<(LintErrorKind, usize, usize)> {
        span(couponcode(v, &NoGcpLookup))
    }

    #[test]
    fn couponcode_mandatory_fields() {
        assert_eq!(code(b"012345612345611110123"), None);
        assert_eq!(
            code(b"a12345612345611110123"),
            Some((NonDigitCharacter, 0, 1))
        );
        assert_eq!(code(b""), Some((CouponMissingGcpVli, 0, 0)));
        assert_eq!(code(b"01"), Some((CouponTruncatedGcp, 1, 2)));
        assert_eq!(code(b"0"), Some((CouponTruncatedGcp, 0, 1)));
        assert_eq!(code(b"0123456"), Some((CouponTruncatedOfferCode, 0, 7)));
        assert_eq!(
            code(b"71234567890123"),
            Some((CouponInvalidGcpLength, 0, 1))
        );
        assert_eq!(code(b"01234561"), Some((CouponTruncatedOfferCode, 7, 8)));
        assert_eq!(
            code(b"0123456123456"),
            Some((CouponMissingSaveValueVli, 0, 13))
        );
        assert_eq!(
            code(b"01234561234560"),
            Some((CouponInvalidSaveValueLength, 13, 14))
        );
        assert_eq!(
            code(b"012345612345621"),
            Some((CouponTruncatedSaveValue, 14, 15))
        );
        assert_eq!(
            code(b"0123456123456111"),
            Some((CouponTruncatedFirstPurchaseRequirement, 0, 16))
        );
        assert_eq!(
            code(b"01234561234561111"),
            Some((CouponMissingFirstPurchaseRequirementCode, 0, 17))
        );
        assert_eq!(
            code(b"012345612345611115"),
            Some((CouponInvalidFirstPurchaseRequirementCode, 17, 18))
        );
    }

    #[test]
    fn couponcode_optional_fields() {
        let base = b"012345612345611110123";
        let with = |tail: &[u8]| {
            let mut v = base.to_vec();
            v.extend_from_slice(tail);
            code(&v)
        };
        let n = base.len();
        assert_eq!(
            with(b"1"),
            Some((CouponMissingAdditionalPurchaseRulesCode, 0, n + 1))
        );
        assert_eq!(
            with(b"14"),
            Some((CouponInvalidAdditionalPurchaseRulesCode, n + 1, n + 2))
        );
        assert_eq!(
            with(b"1011000"),
            Some((CouponTruncatedSecondPurchaseFamilyCode, n + 5, n + 7))
        );
        assert_eq!(
            with(b"10110000"),
            Some((CouponMissingSecondPurchaseGcpVli, 0, n + 8))
        );
        assert_eq!(with(b"101100009"), None);
        assert_eq!(with(b"101100000123456"), None);
        assert_eq!(
            with(b"10110000012345"),
            Some((CouponTruncatedSecondPurchaseGcp, n + 9, n + 14))
        );
        assert_eq!(
            with(b"101100007"),
            Some((CouponInvalidSecondPurchaseGcpLength, n + 8, n + 9))
        );
        assert_eq!(with(b"21100009"), None);
        assert_eq!(with(b"3251231"), None);
        assert_eq!(
            with(b"3251232"),
            Some((CouponInvalidExpirationDate, n + 1, n + 7))
        );
        assert_eq!(
            with(b"325123"),
            Some((CouponTooShortForExpirationDate, n + 1, n + 6))
        );
        assert_eq!(
            with(b"3"),
            Some((CouponTooShortForExpirationDate, 0, n + 1))
        );
        assert_eq!(with(b"32512314250101"), None);
        assert_eq!(
            with(b"32501014251231"),
            Some((CouponExpirationBeforeStart, n, n + 14))
        );
        assert_eq!(with(b"4251231"), None);
        assert_eq!(with(b"5"), Some((CouponMissingSerialNumberVli, 0, n + 1)));
        assert_eq!(with(b"50123456"), None);
        assert_eq!(
            with(b"6"),
            Some((CouponMissingRetailerGcpOrGlnVli, 0, n + 1))
        );
        assert_eq!(
            with(b"60"),
            Some((CouponInvalidRetailerGcpOrGlnLength, n + 1, n + 2))
        );
        assert_eq!(with(b"611234567"), None);
        assert_eq!(with(b"9"), Some((CouponMissingSaveValueCode, 0, n + 1)));
        assert_eq!(
            with(b"93"),
            Some((CouponInvalidSaveValueCode, n + 1, n + 2))
        );
        assert_eq!(
            with(b"903"),
            Some((CouponInvalidSaveValueAppliesToItem, n + 2, n + 3))
        );
        assert_eq!(
            with(b"90"),
            Some((CouponMissingSaveValueAppliesToItem, 0, n + 2))
        );
        assert_eq!(with(b"900"), Some((CouponMissingStoreCouponFlag, 0, n + 3)));
        assert_eq!(
            with(b"9000"),
            Some((CouponMissingDontMultiplyFlag, 0, n + 4))
        );
        assert_eq!(
            with(b"90002"),
            Some((CouponInvalidDontMultiplyFlag, n + 4, n + 5))
        );
        assert_eq!(with(b"90001"), None);
        assert_eq!(with(b"900017"), Some((CouponExcessData, n + 5, n + 6)));
        // Optional fields only in ascending order.
        assert_eq!(
            with(b"900013251231"),
            Some((CouponExcessData, n + 5, n + 12))
        );
    }

    #[test]
    fn couponcode_consults_gcp_lookup() {
        let calls = std::cell::RefCell::new(Vec::new());
        let record = |d: &[u8]| {
            calls.borrow_mut().push(d.to_vec());
            GcpStatus::Valid
        };
        let v = b"012345612345611110123101100000123456611234567";
        assert_eq!(span(couponcode(v, &record)), None);
        assert_eq!(
            *calls.borrow(),
            vec![b"123456".to_vec(), b"123456".to_vec(), b"1234567".to_vec()]
        );
        let invalid = |_: &[u8]| GcpStatus::Invalid;
        assert_eq!(
            span(couponcode(v, &invalid)),
            Some((InvalidGcpPrefix, 1, 7))
        );
        let offline = |_: &[u8]| GcpStatus::Offline;
        assert_eq!(
            span(couponcode(v, &offline)),
            Some((GcpDatasourceOffline, 1, 7))
        );
    }

    #[test]
    fn couponposoffer_fields() {
        let p = |v: &[u8]| span(couponposoffer(v));
        assert_eq!(p(b"001234561234560123456"), None);
        assert_eq!(p(b"061234567890121234569123456789012345"), None);
        assert_eq!(p(b""), Some((CouponMissingFormatCode, 0, 0)));
        assert_eq!(p(b"2"), Some((CouponInvalidFormatCode, 0, 1)));
        assert_eq!(p(b"0"), Some((CouponMissingFunderVli, 0, 1)));
        assert_eq!(p(b"07"), Some((CouponInvalidFunderLength, 1, 2)));
        assert_eq!(p(b"00"), Some((CouponTruncatedFunder, 0, 2)));
        assert_eq!(p(b"001"), Some((CouponTruncatedFunder, 2, 3)));
        assert_eq!(p(b"00123456"), Some((CouponTruncatedOfferCode, 0, 8)));
        assert_eq!(
            p(b"00123456123456"),
            Some((CouponMissingSerialNumberVli, 0, 14))
        );
        assert_eq!(
            p(b"001234561234560"),
            Some((CouponTruncatedSerialNumber, 0, 15))
        );
        assert_eq!(
            p(b"0012345612345601"),
            Some((CouponTruncatedSerialNumber, 15, 16))
        );
        assert_eq!(
            p(b"0012345612345601234567"),
            Some((CouponExcessData, 21, 22))
        );
        assert_eq!(
            p(b"0012345612345601234\xFF6"),
            Some((NonDigitCharacter, 19, 20))
        );
    }
}
