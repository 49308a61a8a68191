//! Rules on the value of a digit string: `nonzero`, `nozeroprefix`, `zero`
//! and `hasnondigit`.

use super::cset::{first_non_digit, require_digits};
use super::error::{LintError, LintErrorKind, fail};

/// `nonzero`: all digits, not all zeros. An empty value counts as zero.
pub(crate) fn nonzero(value: &[u8]) -> Result<(), LintError> {
    require_digits(value)?;
    if value.iter().all(|&b| b == b'0') {
        return fail(LintErrorKind::IllegalZeroValue, 0, value.len());
    }
    Ok(())
}

/// `nozeroprefix`: all digits, not starting with `0` (so `0` itself fails).
/// An empty value passes.
pub(crate) fn nozeroprefix(value: &[u8]) -> Result<(), LintError> {
    require_digits(value)?;
    if value.first() == Some(&b'0') {
        return fail(LintErrorKind::IllegalZeroPrefix, 0, 1);
    }
    Ok(())
}

/// `zero`: one or more `0` and nothing else. Any other value is reported as
/// a whole (no separate non-digit error).
pub(crate) fn zero(value: &[u8]) -> Result<(), LintError> {
    if value.is_empty() || value.iter().any(|&b| b != b'0') {
        return fail(LintErrorKind::NotZero, 0, value.len());
    }
    Ok(())
}

/// `hasnondigit`: at least one byte is not a digit.
pub(crate) fn hasnondigit(value: &[u8]) -> Result<(), LintError> {
    if first_non_digit(value).is_none() {
        return fail(LintErrorKind::RequiresNonDigitCharacter, 0, value.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn rules() {
        assert_eq!(span(nonzero(b"0009")), None);
        assert_eq!(span(nonzero(b"")), Some((IllegalZeroValue, 0, 0)));
        assert_eq!(span(nonzero(b"000")), Some((IllegalZeroValue, 0, 3)));
        assert_eq!(span(nonzero(b"0A0")), Some((NonDigitCharacter, 1, 2)));
        assert_eq!(span(nozeroprefix(b"")), None);
        assert_eq!(span(nozeroprefix(b"10")), None);
        assert_eq!(span(nozeroprefix(b"0")), Some((IllegalZeroPrefix, 0, 1)));
        assert_eq!(span(nozeroprefix(b"012")), Some((IllegalZeroPrefix, 0, 1)));
        assert_eq!(span(nozeroprefix(b"99A9")), Some((NonDigitCharacter, 2, 3)));
        assert_eq!(span(zero(b"000")), None);
        assert_eq!(span(zero(b"")), Some((NotZero, 0, 0)));
        assert_eq!(span(zero(b"0X")), Some((NotZero, 0, 2)));
        assert_eq!(span(hasnondigit(b"12/")), None);
        assert_eq!(span(hasnondigit(b"\x80")), None);
        assert_eq!(
            span(hasnondigit(b"")),
            Some((RequiresNonDigitCharacter, 0, 0))
        );
        assert_eq!(
            span(hasnondigit(b"0123")),
            Some((RequiresNonDigitCharacter, 0, 4))
        );
    }
}
