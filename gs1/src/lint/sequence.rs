//! Position in a series: `pieceoftotal` (`PPTT`, equal widths) and
//! `posinseqslash` (`<pos>/<end>`).

use super::cset::require_digits;
use super::error::{LintError, LintErrorKind, fail};

/// `pieceoftotal`: an even number of digits, the first half the piece
/// number, the second half the total; neither zero, piece ≤ total.
pub(crate) fn pieceoftotal(value: &[u8]) -> Result<(), LintError> {
    let len = value.len();
    if len == 0 || len % 2 != 0 {
        return fail(LintErrorKind::InvalidLengthForPieceOfTotal, 0, len);
    }
    require_digits(value)?;
    let (piece, total) = value.split_at(len / 2);
    if piece.iter().all(|&b| b == b'0') {
        return fail(LintErrorKind::ZeroPieceNumber, 0, len / 2);
    }
    if total.iter().all(|&b| b == b'0') {
        return fail(LintErrorKind::ZeroTotalPieces, len / 2, len / 2);
    }
    // Equal widths: digit strings compare like their numbers.
    if piece > total {
        return fail(LintErrorKind::PieceNumberExceedsTotal, 0, len);
    }
    Ok(())
}

/// `posinseqslash`: `<pos>/<end>`, both non-empty digit strings without a
/// leading zero (so neither is zero), pos ≤ end.
pub(crate) fn posinseqslash(value: &[u8]) -> Result<(), LintError> {
    let len = value.len();
    let malformed = || fail(LintErrorKind::PositionInSequenceMalformed, 0, len);
    let slash = value
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(len);
    if slash == 0 || slash + 1 >= len || value[slash] != b'/' {
        return malformed();
    }
    let (pos, end) = (&value[..slash], &value[slash + 1..]);
    if !end.iter().all(u8::is_ascii_digit) {
        return malformed();
    }
    if pos[0] == b'0' {
        return fail(LintErrorKind::IllegalZeroPrefix, 0, pos.len());
    }
    if end[0] == b'0' {
        return fail(LintErrorKind::IllegalZeroPrefix, slash + 1, end.len());
    }
    // No leading zeros: a longer number is larger; equal lengths compare
    // digit by digit.
    if pos.len() > end.len() || (pos.len() == end.len() && pos > end) {
        return fail(LintErrorKind::PositionExceedsEnd, 0, len);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn piece_of_total() {
        for ok in [&b"11"[..], b"13", b"0103", b"998999", b"999999"] {
            assert_eq!(span(pieceoftotal(ok)), None, "{ok:?}");
        }
        assert_eq!(
            span(pieceoftotal(b"")),
            Some((InvalidLengthForPieceOfTotal, 0, 0))
        );
        assert_eq!(
            span(pieceoftotal(b"111")),
            Some((InvalidLengthForPieceOfTotal, 0, 3))
        );
        assert_eq!(
            span(pieceoftotal(b"55x55555")),
            Some((NonDigitCharacter, 2, 3))
        );
        assert_eq!(span(pieceoftotal(b"0001")), Some((ZeroPieceNumber, 0, 2)));
        assert_eq!(span(pieceoftotal(b"0000")), Some((ZeroPieceNumber, 0, 2)));
        assert_eq!(span(pieceoftotal(b"001000")), Some((ZeroTotalPieces, 3, 6)));
        assert_eq!(
            span(pieceoftotal(b"1009")),
            Some((PieceNumberExceedsTotal, 0, 4))
        );
    }

    #[test]
    fn position_in_sequence() {
        for ok in [&b"1/1"[..], b"9/10", b"1/100", b"999/999"] {
            assert_eq!(span(posinseqslash(ok)), None, "{ok:?}");
        }
        for bad in [
            &b""[..],
            b"/",
            b"1",
            b"x",
            b"1/",
            b"x/",
            b"1//",
            b"/1",
            b"//",
            b"1//2",
            b"x/y",
        ] {
            assert_eq!(
                span(posinseqslash(bad)),
                Some((PositionInSequenceMalformed, 0, bad.len())),
                "{bad:?}"
            );
        }
        assert_eq!(
            span(posinseqslash(b"1/\xB9")),
            Some((PositionInSequenceMalformed, 0, 3))
        );
        assert_eq!(span(posinseqslash(b"0/1")), Some((IllegalZeroPrefix, 0, 1)));
        assert_eq!(
            span(posinseqslash(b"01/02")),
            Some((IllegalZeroPrefix, 0, 2))
        );
        assert_eq!(
            span(posinseqslash(b"1/02")),
            Some((IllegalZeroPrefix, 2, 4))
        );
        assert_eq!(
            span(posinseqslash(b"10/9")),
            Some((PositionExceedsEnd, 0, 4))
        );
        assert_eq!(
            span(posinseqslash(b"999/998")),
            Some((PositionExceedsEnd, 0, 7))
        );
    }
}
