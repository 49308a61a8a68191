//! `gcppos1` / `gcppos2`: the value starts (at its first or second byte)
//! with a GS1 Company Prefix, and the hook for a GCP lookup service.
//!
//! Without a lookup service the reference linters can only check what every
//! GCP has in common: at least four digits. [`GcpLookup`] plugs in a real
//! allocation register (a GS1 GEPIR mirror, a local list of licensed
//! prefixes, …) the way the reference's `GS1_LINTER_CUSTOM_GCP_LOOKUP` hook
//! does. The same hook is consulted by `couponcode` for the company prefixes
//! inside a coupon.

use super::error::{LintError, LintErrorKind, fail};

/// The shortest GS1 Company Prefix has four digits.
pub const GCP_MIN_LENGTH: usize = 4;

/// Answer of a [`GcpLookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GcpStatus {
    /// The data starts with an allocated GCP (or should be treated as such,
    /// e.g. to fail open while the service is down).
    Valid,
    /// The data does not start with an allocated GCP.
    Invalid,
    /// The lookup service is unavailable and the lint must fail (fail
    /// closed).
    Offline,
}

/// A GS1 Company Prefix lookup service, called by the GCP-checking linters
/// once the basic checks (length, leading digits) have passed.
///
/// `data` starts where the GCP must start and runs to the end of the field
/// that may contain it: the rest of the component for `gcppos1`/`gcppos2`,
/// exactly the company-prefix field for the prefixes inside a coupon. It is
/// at least [`GCP_MIN_LENGTH`] bytes and its first four bytes are digits.
///
/// Implemented for every `Fn(&[u8]) -> GcpStatus`.
pub trait GcpLookup {
    /// Whether `data` starts with an allocated GS1 Company Prefix.
    fn lookup(&self, data: &[u8]) -> GcpStatus;
}

impl<F: Fn(&[u8]) -> GcpStatus + ?Sized> GcpLookup for F {
    #[inline]
    fn lookup(&self, data: &[u8]) -> GcpStatus {
        self(data)
    }
}

/// No lookup service: every candidate that passes the basic checks is
/// accepted, exactly as the reference linters behave without a hook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoGcpLookup;

impl GcpLookup for NoGcpLookup {
    #[inline]
    fn lookup(&self, _data: &[u8]) -> GcpStatus {
        GcpStatus::Valid
    }
}

/// `gcppos1`: `value` starts with a GCP.
///
/// Shorter than four bytes: `TOO_SHORT_FOR_GCP` over the whole value; a
/// non-digit among the first four: `INVALID_GCP_PREFIX` at that byte; then
/// the lookup, whose refusal is reported as an empty span at 0 (the
/// reference does not know how long the rejected prefix is).
pub(crate) fn gcppos1<G: GcpLookup + ?Sized>(value: &[u8], gcp: &G) -> Result<(), LintError> {
    if value.len() < GCP_MIN_LENGTH {
        return fail(LintErrorKind::TooShortForGcp, 0, value.len());
    }
    if let Some(pos) = value[..GCP_MIN_LENGTH]
        .iter()
        .position(|b| !b.is_ascii_digit())
    {
        return fail(LintErrorKind::InvalidGcpPrefix, pos, 1);
    }
    match gcp.lookup(value) {
        GcpStatus::Valid => Ok(()),
        GcpStatus::Invalid => fail(LintErrorKind::InvalidGcpPrefix, 0, 0),
        GcpStatus::Offline => fail(LintErrorKind::GcpDatasourceOffline, 0, 0),
    }
}

/// `gcppos2`: `value` starts with a GCP from its second byte (the first is,
/// e.g., an indicator digit).
pub(crate) fn gcppos2<G: GcpLookup + ?Sized>(value: &[u8], gcp: &G) -> Result<(), LintError> {
    match value.split_first() {
        Some((_, rest)) if !rest.is_empty() => gcppos1(rest, gcp).map_err(|e| e.shifted(1)),
        _ => fail(LintErrorKind::TooShortForGcp, 0, value.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::span;
    use LintErrorKind::*;

    #[test]
    fn gcppos1_without_lookup() {
        let no = &NoGcpLookup;
        assert_eq!(span(gcppos1(b"01234", no)), None);
        assert_eq!(span(gcppos1(b"0123", no)), None);
        assert_eq!(span(gcppos1(b"0123A", no)), None);
        assert_eq!(span(gcppos1(b"", no)), Some((TooShortForGcp, 0, 0)));
        assert_eq!(span(gcppos1(b"012", no)), Some((TooShortForGcp, 0, 3)));
        assert_eq!(span(gcppos1(b"012AA", no)), Some((InvalidGcpPrefix, 3, 4)));
        assert_eq!(span(gcppos1(b"A12AA", no)), Some((InvalidGcpPrefix, 0, 1)));
    }

    #[test]
    fn gcppos2_without_lookup() {
        let no = &NoGcpLookup;
        assert_eq!(span(gcppos2(b"I0123", no)), None);
        assert_eq!(span(gcppos2(b"", no)), Some((TooShortForGcp, 0, 0)));
        assert_eq!(span(gcppos2(b"I", no)), Some((TooShortForGcp, 0, 1)));
        assert_eq!(span(gcppos2(b"I0", no)), Some((TooShortForGcp, 1, 2)));
        assert_eq!(span(gcppos2(b"I012", no)), Some((TooShortForGcp, 1, 4)));
        assert_eq!(span(gcppos2(b"I01A3", no)), Some((InvalidGcpPrefix, 3, 4)));
    }

    #[test]
    fn lookup_hook_is_consulted_after_basic_checks() {
        let invalid = |_: &[u8]| GcpStatus::Invalid;
        let offline = |_: &[u8]| GcpStatus::Offline;
        let seen = std::cell::Cell::new(0usize);
        let counting = |d: &[u8]| {
            seen.set(d.len());
            GcpStatus::Valid
        };
        assert_eq!(
            span(gcppos1(b"95012345", &invalid)),
            Some((InvalidGcpPrefix, 0, 0))
        );
        assert_eq!(
            span(gcppos1(b"95012345", &offline)),
            Some((GcpDatasourceOffline, 0, 0))
        );
        assert_eq!(
            span(gcppos2(b"195012345", &invalid)),
            Some((InvalidGcpPrefix, 1, 1))
        );
        // Basic checks come first: the hook is not asked about "012".
        assert_eq!(
            span(gcppos1(b"012", &invalid)),
            Some((TooShortForGcp, 0, 3))
        );
        assert_eq!(span(gcppos2(b"1950123", &counting)), None);
        assert_eq!(seen.get(), 6);
    }
}
