//! `iban`: International Bank Account Number (ISO 13616-1).

use super::error::{LintError, LintErrorKind, fail};
use super::iso3166::ALPHA2;

/// Values of ten characters or fewer are too short to be an IBAN.
const IBAN_MIN_EXCLUSIVE: usize = 10;
/// The longest IBAN has 34 characters.
const IBAN_MAX_LENGTH: usize = 34;

/// Value of an IBAN character (`0`–`9` → 0–9, `A`–`Z` → 10–35).
#[inline]
fn value_of(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        _ => None,
    }
}

/// `iban`: country code, length, character set and the mod-97 check.
///
/// Order of checks (as in the reference): fewer than four characters; the
/// first two are not an ISO 3166 alpha-2 code; longer than 34; ten
/// characters or fewer; then the characters are read in checksum order
/// (from the fifth to the end, then the first four) and the first one that
/// is not `0`–`9`/`A`–`Z` is reported; a wrong checksum is reported on the
/// two check digits.
pub(crate) fn iban(value: &[u8]) -> Result<(), LintError> {
    let len = value.len();
    if len < 4 {
        return fail(LintErrorKind::IbanTooShort, 0, len);
    }
    if !ALPHA2.contains(&value[..2]) {
        return fail(LintErrorKind::IllegalIbanCountryCode, 0, 2);
    }
    if len > IBAN_MAX_LENGTH {
        return fail(LintErrorKind::IbanTooLong, 0, len);
    }
    if len <= IBAN_MIN_EXCLUSIVE {
        return fail(LintErrorKind::IbanTooShort, 0, len);
    }
    // The check moves the first four characters to the end and reads
    // letters as two-digit numbers; the whole must be 1 mod 97.
    let mut sum = 0u32;
    for pos in (4..len).chain(0..4) {
        let Some(v) = value_of(value[pos]) else {
            return fail(LintErrorKind::InvalidIbanCharacter, pos, 1);
        };
        sum = (sum * if v < 10 { 10 } else { 100 } + v) % 97;
    }
    if sum != 1 {
        return fail(LintErrorKind::IncorrectIbanChecksum, 2, 2);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn iban_cases() {
        for ok in [
            &b"GB98MIDL07009312345678"[..],
            b"DE91100000000123456789",
            b"MT90MALT011000012345MTLCAST001SABC",
            b"GR9608100010000001234567890",
        ] {
            assert_eq!(span(iban(ok)), None, "{ok:?}");
        }
        assert_eq!(span(iban(b"")), Some((IbanTooShort, 0, 0)));
        assert_eq!(span(iban(b"BE7")), Some((IbanTooShort, 0, 3)));
        assert_eq!(span(iban(b"BE71")), Some((IbanTooShort, 0, 4)));
        assert_eq!(
            span(iban(b"XX361234567890")),
            Some((IllegalIbanCountryCode, 0, 2))
        );
        assert_eq!(
            span(iban(b"gb98MIDL07009312345678")),
            Some((IllegalIbanCountryCode, 0, 2))
        );
        assert_eq!(
            span(iban(b"BE71096123456760")),
            Some((IncorrectIbanChecksum, 2, 4))
        );
        let long = b"MTXXMALT011000012345MTLCAST001SABCD";
        assert_eq!(span(iban(long)), Some((IbanTooLong, 0, 35)));
        assert_eq!(
            span(iban(b"LC14BOSLxx3456789012345678901230")),
            Some((InvalidIbanCharacter, 8, 9))
        );
        // Characters 3 and 4 are read last.
        assert_eq!(
            span(iban(b"GB9\xFFMIDL07009312345678")),
            Some((InvalidIbanCharacter, 3, 4))
        );
    }
}
