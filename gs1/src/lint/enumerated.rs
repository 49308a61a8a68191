//! Small enumerated values: `yesno`, `winding`, `iso5218`, `hyphen` and
//! `importeridx`. Anything else is reported over the whole value.

use super::cset::is_cset64;
use super::error::{LintError, LintErrorKind, fail};

/// `Ok` when `value` is one byte from `allowed`, else `kind` over the value.
#[inline]
fn one_of(value: &[u8], allowed: &[u8], kind: LintErrorKind) -> Result<(), LintError> {
    match value {
        [b] if allowed.contains(b) => Ok(()),
        _ => fail(kind, 0, value.len()),
    }
}

/// `yesno`: `0` or `1`.
pub(crate) fn yesno(value: &[u8]) -> Result<(), LintError> {
    one_of(value, b"01", LintErrorKind::NotZeroOrOne)
}

/// `winding`: winding direction `0`, `1` or `9`.
pub(crate) fn winding(value: &[u8]) -> Result<(), LintError> {
    one_of(value, b"019", LintErrorKind::InvalidWindingDirection)
}

/// `iso5218`: ISO/IEC 5218 biological sex: `0` (not known), `1` (male),
/// `2` (female) or `9` (not applicable).
pub(crate) fn iso5218(value: &[u8]) -> Result<(), LintError> {
    one_of(value, b"0129", LintErrorKind::InvalidBiologicalSexCode)
}

/// `hyphen`: one or more `-` and nothing else.
pub(crate) fn hyphen(value: &[u8]) -> Result<(), LintError> {
    if value.is_empty() || value.iter().any(|&b| b != b'-') {
        return fail(LintErrorKind::NotHyphen, 0, value.len());
    }
    Ok(())
}

/// `importeridx`: one character from `-`, `0`–`9`, `A`–`Z`, `_`, `a`–`z`
/// (the Importer Index of EU 2018/574 facility and machine IDs, which is
/// exactly the CSET 64 alphabet).
pub(crate) fn importeridx(value: &[u8]) -> Result<(), LintError> {
    match value {
        [b] if is_cset64(*b) => Ok(()),
        [_] => fail(LintErrorKind::InvalidImportIdxCharacter, 0, 1),
        _ => fail(LintErrorKind::ImporterIdxMustBeOneCharacter, 0, value.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn values() {
        let accepted = |f: fn(&[u8]) -> Result<(), LintError>| -> Vec<u8> {
            (0..=255u8).filter(|&b| f(&[b]).is_ok()).collect()
        };
        assert_eq!(accepted(yesno), b"01");
        assert_eq!(accepted(winding), b"019");
        assert_eq!(accepted(iso5218), b"0129");
        assert_eq!(accepted(hyphen), b"-");
        assert_eq!(accepted(importeridx).len(), 64);
        assert_eq!(span(yesno(b"")), Some((NotZeroOrOne, 0, 0)));
        assert_eq!(span(winding(b"01")), Some((InvalidWindingDirection, 0, 2)));
        assert_eq!(span(iso5218(b":")), Some((InvalidBiologicalSexCode, 0, 1)));
        assert_eq!(span(hyphen(b"")), Some((NotHyphen, 0, 0)));
        assert_eq!(span(hyphen(b"--")), None);
        assert_eq!(span(hyphen(b"-X-")), Some((NotHyphen, 0, 3)));
        assert_eq!(
            span(importeridx(b"")),
            Some((ImporterIdxMustBeOneCharacter, 0, 0))
        );
        assert_eq!(
            span(importeridx(b"AA")),
            Some((ImporterIdxMustBeOneCharacter, 0, 2))
        );
        assert_eq!(
            span(importeridx(b"=")),
            Some((InvalidImportIdxCharacter, 0, 1))
        );
        assert_eq!(
            span(importeridx(b"\xC0")),
            Some((InvalidImportIdxCharacter, 0, 1))
        );
    }
}
