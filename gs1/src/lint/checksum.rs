//! `csum` (GS1 mod-10 check digit) and `csumalpha` (alphanumeric
//! check-character pair), on top of [`crate::check_digit`].

use super::cset::{first_non_digit, is_cset82};
use super::error::{LintError, LintErrorKind, fail};
use crate::check_digit::{MAX_CHECK_PAIR_DATA_LEN, check_pair, mod10};

/// `csum`: the last digit is the mod-10 check digit of the ones before it.
#[inline]
pub(crate) fn csum(value: &[u8]) -> Result<(), LintError> {
    let Some((&check, body)) = value.split_last() else {
        return fail(LintErrorKind::TooShortForCheckDigit, 0, 0);
    };
    // `mod10` checks the body's digits as it goes, and a computed check
    // digit is a digit: a match proves the whole value numeric, so the
    // separate search for a non-digit runs only on failure (every GTIN of
    // every parsed message passes here).
    if mod10(body) == Some(check) {
        return Ok(());
    }
    match first_non_digit(value) {
        Some(pos) => fail(LintErrorKind::NonDigitCharacter, pos, 1),
        None => fail(LintErrorKind::IncorrectCheckDigit, value.len() - 1, 1),
    }
}

/// `csumalpha`: the last two characters are the check-character pair of the
/// CSET 82 characters before them.
///
/// The reference supports up to 97 data characters (one prime weight each);
/// longer values are reported as too long for the implementation.
pub(crate) fn csumalpha(value: &[u8]) -> Result<(), LintError> {
    let len = value.len();
    if len > MAX_CHECK_PAIR_DATA_LEN + 2 {
        return fail(LintErrorKind::TooLongForCheckPairImplementation, 0, len);
    }
    if len < 2 {
        return fail(LintErrorKind::TooShortForCheckPair, 0, len);
    }
    let (data, pair) = value.split_at(len - 2);
    if let Some(pos) = data.iter().position(|&b| !is_cset82(b)) {
        return fail(LintErrorKind::InvalidCset82Character, pos, 1);
    }
    // Data is CSET 82 and short enough, so `check_pair` always answers.
    if check_pair(data).as_ref().map(<[u8; 2]>::as_slice) != Some(pair) {
        return fail(LintErrorKind::IncorrectCheckPair, len - 2, 2);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn csum_cases() {
        assert_eq!(span(csum(b"")), Some((TooShortForCheckDigit, 0, 0)));
        assert_eq!(span(csum(b"0")), None);
        assert_eq!(span(csum(b"5")), Some((IncorrectCheckDigit, 0, 1)));
        assert_eq!(span(csum(b"09521234543213")), None);
        assert_eq!(
            span(csum(b"09521234543214")),
            Some((IncorrectCheckDigit, 13, 14))
        );
        assert_eq!(span(csum(b" 23")), Some((NonDigitCharacter, 0, 1)));
        assert_eq!(span(csum(b"12x")), Some((NonDigitCharacter, 2, 3)));
        assert_eq!(span(csum(b"1\xFF3")), Some((NonDigitCharacter, 1, 2)));
    }

    #[test]
    fn csumalpha_cases() {
        assert_eq!(span(csumalpha(b"")), Some((TooShortForCheckPair, 0, 0)));
        assert_eq!(span(csumalpha(b"2")), Some((TooShortForCheckPair, 0, 1)));
        assert_eq!(span(csumalpha(b"22")), None);
        assert_eq!(span(csumalpha(b"33")), Some((IncorrectCheckPair, 0, 2)));
        assert_eq!(span(csumalpha(b"1987654Ad4X4bL5ttr2310c2K")), None);
        assert_eq!(
            span(csumalpha(b"1234567890123456789012 NT")),
            Some((InvalidCset82Character, 22, 23))
        );
        // The pair itself is compared, not checked against CSET 32.
        assert_eq!(
            span(csumalpha(b"12345678901234567890123 T")),
            Some((IncorrectCheckPair, 23, 25))
        );
        let max = [b'z'; 99];
        assert_ne!(
            span(csumalpha(&max)).map(|e| e.0),
            Some(TooLongForCheckPairImplementation)
        );
        let over = [b'1'; 100];
        assert_eq!(
            span(csumalpha(&over)),
            Some((TooLongForCheckPairImplementation, 0, 100))
        );
    }
}
