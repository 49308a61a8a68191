//! `pcenc`: correct percent-encoding (RFC 3986 section 2.1).

use super::error::{LintError, LintErrorKind, fail};

/// `pcenc`: every `%` is followed by two hexadecimal digits (either case).
///
/// A `%` with fewer than two bytes after it is reported from the `%` to the
/// end; otherwise the `%` and its two bytes are reported.
pub(crate) fn pcenc(value: &[u8]) -> Result<(), LintError> {
    let mut from = 0;
    while let Some(offset) = value[from..].iter().position(|&b| b == b'%') {
        let at = from + offset;
        let rest = value.len() - at;
        if rest < 3 {
            return fail(LintErrorKind::InvalidPercentSequence, at, rest);
        }
        if !(value[at + 1].is_ascii_hexdigit() && value[at + 2].is_ascii_hexdigit()) {
            return fail(LintErrorKind::InvalidPercentSequence, at, 3);
        }
        from = at + 3;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(r: Result<(), LintError>) -> Option<(usize, usize)> {
        r.err().map(|e| (e.span.start, e.span.end))
    }

    #[test]
    fn sequences() {
        for ok in [
            &b""[..],
            b"A",
            b"%00",
            b"%fF",
            b"ABC%20XYZ",
            b"%25%25",
            b"\xE9",
        ] {
            assert_eq!(span(pcenc(ok)), None, "{ok:?}");
        }
        assert_eq!(span(pcenc(b"%")), Some((0, 1)));
        assert_eq!(span(pcenc(b"ABC%g")), Some((3, 5)));
        assert_eq!(span(pcenc(b"ABC%gXYZ")), Some((3, 6)));
        assert_eq!(span(pcenc(b"%20%2")), Some((3, 5)));
        assert_eq!(span(pcenc(b"%\xC3\xA9")), Some((0, 3)));
    }
}
