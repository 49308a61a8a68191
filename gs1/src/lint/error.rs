//! What a linter reports: the kind of problem and where it is.

use core::fmt;
use core::ops::Range;

/// A problem found by a [`Linter`](super::Linter) in one AI component.
///
/// `span` is a half-open range of byte offsets into the linted value; it may
/// be empty (for example when the value itself is empty, or when the problem
/// is reported at a position rather than over characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} (bytes {}..{})", kind.message(), span.start, span.end)]
pub struct LintError {
    /// What is wrong.
    pub kind: LintErrorKind,
    /// The offending bytes, as offsets into the linted value.
    pub span: Range<usize>,
}

impl LintError {
    /// An error of `kind` over `start..end`.
    #[inline]
    pub const fn new(kind: LintErrorKind, start: usize, end: usize) -> Self {
        LintError {
            kind,
            span: start..end,
        }
    }

    /// The same error with its span moved right by `offset` bytes, for a
    /// linter that delegates to another one on a suffix of its value.
    #[inline]
    pub(crate) fn shifted(self, offset: usize) -> Self {
        LintError::new(self.kind, self.span.start + offset, self.span.end + offset)
    }
}

/// `Err` of `kind` over `start..start + len`: the shape in which the reference
/// linters report errors (position and length).
#[inline]
pub(crate) const fn fail(kind: LintErrorKind, start: usize, len: usize) -> Result<(), LintError> {
    Err(LintError::new(kind, start, start + len))
}

/// Defines [`LintErrorKind`] with its reference code and its message from one
/// table, so the three can never drift apart.
macro_rules! lint_error_kinds {
    ($($(#[$doc:meta])* $variant:ident => $code:literal, $message:literal;)+) => {
        /// The kinds of problem the GS1 linters report: one per `GS1_LINTER_*`
        /// return code of GS1's reference linters (codes the reference
        /// retired are not listed).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum LintErrorKind {
            $($(#[$doc])* $variant,)+
        }

        impl LintErrorKind {
            /// Every kind, in the order of the reference return codes.
            pub const ALL: &'static [LintErrorKind] = &[$(LintErrorKind::$variant,)+];

            /// The reference name of this kind without its `GS1_LINTER_`
            /// prefix, e.g. `"NON_DIGIT_CHARACTER"`.
            pub const fn code(self) -> &'static str {
                match self {
                    $(LintErrorKind::$variant => $code,)+
                }
            }

            /// A short sentence describing the problem for a line operator.
            pub const fn message(self) -> &'static str {
                match self {
                    $(LintErrorKind::$variant => $message,)+
                }
            }

            /// The kind whose [`code`](Self::code) is `code`, if any.
            pub fn from_code(code: &str) -> Option<LintErrorKind> {
                match code {
                    $($code => Some(LintErrorKind::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

lint_error_kinds! {
    /// A character other than `0`–`9` where only digits are allowed.
    NonDigitCharacter => "NON_DIGIT_CHARACTER",
        "Only digits 0-9 are allowed here.";
    /// A character outside GS1 AI encodable character set 82.
    InvalidCset82Character => "INVALID_CSET82_CHARACTER",
        "This character is not allowed in GS1 data (character set 82).";
    /// A character outside GS1 AI encodable character set 39.
    InvalidCset39Character => "INVALID_CSET39_CHARACTER",
        "Only upper-case letters, digits, '#', '-' and '/' are allowed here (character set 39).";
    /// A character outside the 32 characters of a check-character pair.
    InvalidCset32Character => "INVALID_CSET32_CHARACTER",
        "This character cannot be a check character (character set 32).";
    /// The mod-10 check digit does not match the data.
    IncorrectCheckDigit => "INCORRECT_CHECK_DIGIT",
        "The check digit is wrong.";
    /// No room for a check digit.
    TooShortForCheckDigit => "TOO_SHORT_FOR_CHECK_DIGIT",
        "The value is too short to carry a check digit.";
    /// The two check characters do not match the data.
    IncorrectCheckPair => "INCORRECT_CHECK_PAIR",
        "The two check characters are wrong.";
    /// No room for a check-character pair.
    TooShortForCheckPair => "TOO_SHORT_FOR_CHECK_PAIR",
        "The value is too short to carry two check characters.";
    /// Longer than the check-pair algorithm supports (97 data characters).
    TooLongForCheckPairImplementation => "TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION",
        "The value is too long for the check-character calculation.";
    /// The GS1 Company Prefix lookup service did not answer.
    GcpDatasourceOffline => "GCP_DATASOURCE_OFFLINE",
        "The GS1 Company Prefix could not be checked: the lookup service is offline.";
    /// The value does not start with a valid GS1 Company Prefix.
    InvalidGcpPrefix => "INVALID_GCP_PREFIX",
        "This is not a valid GS1 Company Prefix.";
    /// An Importer Index must be exactly one character.
    ImporterIdxMustBeOneCharacter => "IMPORTER_IDX_MUST_BE_ONE_CHARACTER",
        "The importer index must be exactly one character.";
    /// A character that cannot be an Importer Index.
    InvalidImportIdxCharacter => "INVALID_IMPORT_IDX_CHARACTER",
        "The importer index must be a letter, a digit, '-' or '_'.";
    /// The value is zero where it must not be.
    IllegalZeroValue => "ILLEGAL_ZERO_VALUE",
        "The value must not be zero.";
    /// The value must be zero.
    NotZero => "NOT_ZERO",
        "The value must be zero.";
    /// A leading zero where none is allowed.
    IllegalZeroPrefix => "ILLEGAL_ZERO_PREFIX",
        "The number must not start with 0.";
    /// The value must be `0` or `1`.
    NotZeroOrOne => "NOT_ZERO_OR_ONE",
        "The value must be 0 or 1.";
    /// The winding direction must be `0`, `1` or `9`.
    InvalidWindingDirection => "INVALID_WINDING_DIRECTION",
        "The winding direction must be 0, 1 or 9.";
    /// Not an ISO 3166 numeric country code.
    NotIso3166 => "NOT_ISO3166",
        "This is not a valid three-digit ISO 3166 country code.";
    /// Neither an ISO 3166 numeric country code nor `999`.
    NotIso3166Or999 => "NOT_ISO3166_OR_999",
        "This is not a valid three-digit ISO 3166 country code or 999.";
    /// Not an ISO 3166 alpha-2 country code.
    NotIso3166Alpha2 => "NOT_ISO3166_ALPHA2",
        "This is not a valid two-letter ISO 3166 country code.";
    /// Not an ISO 4217 numeric currency code.
    NotIso4217 => "NOT_ISO4217",
        "This is not a valid three-digit ISO 4217 currency code.";
    /// Too short for an IBAN.
    IbanTooShort => "IBAN_TOO_SHORT",
        "The IBAN is too short.";
    /// A character that cannot occur in an IBAN.
    InvalidIbanCharacter => "INVALID_IBAN_CHARACTER",
        "The IBAN may contain only digits and upper-case letters.";
    /// The IBAN does not start with an ISO 3166 alpha-2 country code.
    IllegalIbanCountryCode => "ILLEGAL_IBAN_COUNTRY_CODE",
        "The IBAN must start with a valid two-letter country code.";
    /// The IBAN check digits do not match.
    IncorrectIbanChecksum => "INCORRECT_IBAN_CHECKSUM",
        "The IBAN check digits are wrong.";
    /// Too short for a date.
    DateTooShort => "DATE_TOO_SHORT",
        "The date is too short.";
    /// Too long for a date.
    DateTooLong => "DATE_TOO_LONG",
        "The date is too long.";
    /// Too short for HHMI.
    HourWithMinuteTooShort => "HOUR_WITH_MINUTE_TOO_SHORT",
        "The time is too short; it must be HHMM.";
    /// Too long for HHMI.
    HourWithMinuteTooLong => "HOUR_WITH_MINUTE_TOO_LONG",
        "The time is too long; it must be HHMM.";
    /// The month is not `01`–`12`.
    IllegalMonth => "ILLEGAL_MONTH",
        "The month must be 01 to 12.";
    /// The day does not exist in that month.
    IllegalDay => "ILLEGAL_DAY",
        "This day does not exist in that month.";
    /// The hour is not `00`–`23`.
    IllegalHour => "ILLEGAL_HOUR",
        "The hour must be 00 to 23.";
    /// The minute is not `00`–`59`.
    IllegalMinute => "ILLEGAL_MINUTE",
        "The minutes must be 00 to 59.";
    /// The second is not `00`–`59`.
    IllegalSecond => "ILLEGAL_SECOND",
        "The seconds must be 00 to 59.";
    /// A piece-of-total value must split into two equal halves.
    InvalidLengthForPieceOfTotal => "INVALID_LENGTH_FOR_PIECE_OF_TOTAL",
        "Piece and total must have the same number of digits.";
    /// The piece number is zero.
    ZeroPieceNumber => "ZERO_PIECE_NUMBER",
        "The piece number must not be zero.";
    /// The total number of pieces is zero.
    ZeroTotalPieces => "ZERO_TOTAL_PIECES",
        "The total number of pieces must not be zero.";
    /// The piece number is larger than the total.
    PieceNumberExceedsTotal => "PIECE_NUMBER_EXCEEDS_TOTAL",
        "The piece number is larger than the total number of pieces.";
    /// A `%` not followed by two hexadecimal digits.
    InvalidPercentSequence => "INVALID_PERCENT_SEQUENCE",
        "A '%' must be followed by two hexadecimal digits.";
    /// Coupon: no Format Code.
    CouponMissingFormatCode => "COUPON_MISSING_FORMAT_CODE",
        "Coupon: the format code is missing.";
    /// Coupon: Format Code not `0` or `1`.
    CouponInvalidFormatCode => "COUPON_INVALID_FORMAT_CODE",
        "Coupon: the format code must be 0 or 1.";
    /// Coupon: no Funder length indicator.
    CouponMissingFunderVli => "COUPON_MISSING_FUNDER_VLI",
        "Coupon: the funder length digit is missing.";
    /// Coupon: Funder length indicator not `0`–`6`.
    CouponInvalidFunderLength => "COUPON_INVALID_FUNDER_LENGTH",
        "Coupon: the funder length digit must be 0 to 6.";
    /// Coupon: Funder shorter than its length indicator says.
    CouponTruncatedFunder => "COUPON_TRUNCATED_FUNDER",
        "Coupon: the funder ID is shorter than its length digit says.";
    /// Coupon: Offer Code shorter than six digits.
    CouponTruncatedOfferCode => "COUPON_TRUNCATED_OFFER_CODE",
        "Coupon: the offer code must have six digits.";
    /// Coupon: no Serial Number length indicator.
    CouponMissingSerialNumberVli => "COUPON_MISSING_SERIAL_NUMBER_VLI",
        "Coupon: the serial number length digit is missing.";
    /// Coupon: Serial Number shorter than its length indicator says.
    CouponTruncatedSerialNumber => "COUPON_TRUNCATED_SERIAL_NUMBER",
        "Coupon: the serial number is shorter than its length digit says.";
    /// Coupon: no primary GS1 Company Prefix length indicator.
    CouponMissingGcpVli => "COUPON_MISSING_GCP_VLI",
        "Coupon: the company prefix length digit is missing.";
    /// Coupon: primary GCP length indicator not `0`–`6`.
    CouponInvalidGcpLength => "COUPON_INVALID_GCP_LENGTH",
        "Coupon: the company prefix length digit must be 0 to 6.";
    /// Coupon: primary GCP shorter than its length indicator says.
    CouponTruncatedGcp => "COUPON_TRUNCATED_GCP",
        "Coupon: the company prefix is shorter than its length digit says.";
    /// Coupon: no Save Value length indicator.
    CouponMissingSaveValueVli => "COUPON_MISSING_SAVE_VALUE_VLI",
        "Coupon: the save value length digit is missing.";
    /// Coupon: Save Value length indicator not `1`–`5`.
    CouponInvalidSaveValueLength => "COUPON_INVALID_SAVE_VALUE_LENGTH",
        "Coupon: the save value length digit must be 1 to 5.";
    /// Coupon: Save Value shorter than its length indicator says.
    CouponTruncatedSaveValue => "COUPON_TRUNCATED_SAVE_VALUE",
        "Coupon: the save value is shorter than its length digit says.";
    /// Coupon: no first purchase Requirement length indicator.
    CouponMissingFirstPurchaseRequirementVli => "COUPON_MISSING_1ST_PURCHASE_REQUIREMENT_VLI",
        "Coupon: the first purchase requirement length digit is missing.";
    /// Coupon: first purchase Requirement length indicator not `1`–`5`.
    CouponInvalidFirstPurchaseRequirementLength => "COUPON_INVALID_1ST_PURCHASE_REQUIREMENT_LENGTH",
        "Coupon: the first purchase requirement length digit must be 1 to 5.";
    /// Coupon: first purchase Requirement shorter than its length indicator says.
    CouponTruncatedFirstPurchaseRequirement => "COUPON_TRUNCATED_1ST_PURCHASE_REQUIREMENT",
        "Coupon: the first purchase requirement is shorter than its length digit says.";
    /// Coupon: no first purchase Requirement Code.
    CouponMissingFirstPurchaseRequirementCode => "COUPON_MISSING_1ST_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the first purchase requirement code is missing.";
    /// Coupon: first purchase Requirement Code not `0`–`4` or `9`.
    CouponInvalidFirstPurchaseRequirementCode => "COUPON_INVALID_1ST_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the first purchase requirement code must be 0 to 4 or 9.";
    /// Coupon: first purchase Family Code shorter than three digits.
    CouponTruncatedFirstPurchaseFamilyCode => "COUPON_TRUNCATED_1ST_PURCHASE_FAMILY_CODE",
        "Coupon: the first purchase family code must have three digits.";
    /// Coupon: no Additional Purchase Rules Code.
    CouponMissingAdditionalPurchaseRulesCode => "COUPON_MISSING_ADDITIONAL_PURCHASE_RULES_CODE",
        "Coupon: the additional purchase rules code is missing.";
    /// Coupon: Additional Purchase Rules Code not `0`–`3`.
    CouponInvalidAdditionalPurchaseRulesCode => "COUPON_INVALID_ADDITIONAL_PURCHASE_RULES_CODE",
        "Coupon: the additional purchase rules code must be 0 to 3.";
    /// Coupon: no second purchase Requirement length indicator.
    CouponMissingSecondPurchaseRequirementVli => "COUPON_MISSING_2ND_PURCHASE_REQUIREMENT_VLI",
        "Coupon: the second purchase requirement length digit is missing.";
    /// Coupon: second purchase Requirement length indicator not `1`–`5`.
    CouponInvalidSecondPurchaseRequirementLength => "COUPON_INVALID_2ND_PURCHASE_REQUIREMENT_LENGTH",
        "Coupon: the second purchase requirement length digit must be 1 to 5.";
    /// Coupon: second purchase Requirement shorter than its length indicator says.
    CouponTruncatedSecondPurchaseRequirement => "COUPON_TRUNCATED_2ND_PURCHASE_REQUIREMENT",
        "Coupon: the second purchase requirement is shorter than its length digit says.";
    /// Coupon: no second purchase Requirement Code.
    CouponMissingSecondPurchaseRequirementCode => "COUPON_MISSING_2ND_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the second purchase requirement code is missing.";
    /// Coupon: second purchase Requirement Code not `0`–`4` or `9`.
    CouponInvalidSecondPurchaseRequirementCode => "COUPON_INVALID_2ND_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the second purchase requirement code must be 0 to 4 or 9.";
    /// Coupon: second purchase Family Code shorter than three digits.
    CouponTruncatedSecondPurchaseFamilyCode => "COUPON_TRUNCATED_2ND_PURCHASE_FAMILY_CODE",
        "Coupon: the second purchase family code must have three digits.";
    /// Coupon: no second purchase GCP length indicator.
    CouponMissingSecondPurchaseGcpVli => "COUPON_MISSING_2ND_PURCHASE_GCP_VLI",
        "Coupon: the second purchase company prefix length digit is missing.";
    /// Coupon: second purchase GCP length indicator not `0`–`6` or `9`.
    CouponInvalidSecondPurchaseGcpLength => "COUPON_INVALID_2ND_PURCHASE_GCP_LENGTH",
        "Coupon: the second purchase company prefix length digit must be 0 to 6 or 9.";
    /// Coupon: second purchase GCP shorter than its length indicator says.
    CouponTruncatedSecondPurchaseGcp => "COUPON_TRUNCATED_2ND_PURCHASE_GCP",
        "Coupon: the second purchase company prefix is shorter than its length digit says.";
    /// Coupon: no third purchase Requirement length indicator.
    CouponMissingThirdPurchaseRequirementVli => "COUPON_MISSING_3RD_PURCHASE_REQUIREMENT_VLI",
        "Coupon: the third purchase requirement length digit is missing.";
    /// Coupon: third purchase Requirement length indicator not `1`–`5`.
    CouponInvalidThirdPurchaseRequirementLength => "COUPON_INVALID_3RD_PURCHASE_REQUIREMENT_LENGTH",
        "Coupon: the third purchase requirement length digit must be 1 to 5.";
    /// Coupon: third purchase Requirement shorter than its length indicator says.
    CouponTruncatedThirdPurchaseRequirement => "COUPON_TRUNCATED_3RD_PURCHASE_REQUIREMENT",
        "Coupon: the third purchase requirement is shorter than its length digit says.";
    /// Coupon: no third purchase Requirement Code.
    CouponMissingThirdPurchaseRequirementCode => "COUPON_MISSING_3RD_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the third purchase requirement code is missing.";
    /// Coupon: third purchase Requirement Code not `0`–`4` or `9`.
    CouponInvalidThirdPurchaseRequirementCode => "COUPON_INVALID_3RD_PURCHASE_REQUIREMENT_CODE",
        "Coupon: the third purchase requirement code must be 0 to 4 or 9.";
    /// Coupon: third purchase Family Code shorter than three digits.
    CouponTruncatedThirdPurchaseFamilyCode => "COUPON_TRUNCATED_3RD_PURCHASE_FAMILY_CODE",
        "Coupon: the third purchase family code must have three digits.";
    /// Coupon: no third purchase GCP length indicator.
    CouponMissingThirdPurchaseGcpVli => "COUPON_MISSING_3RD_PURCHASE_GCP_VLI",
        "Coupon: the third purchase company prefix length digit is missing.";
    /// Coupon: third purchase GCP length indicator not `0`–`6` or `9`.
    CouponInvalidThirdPurchaseGcpLength => "COUPON_INVALID_3RD_PURCHASE_GCP_LENGTH",
        "Coupon: the third purchase company prefix length digit must be 0 to 6 or 9.";
    /// Coupon: third purchase GCP shorter than its length indicator says.
    CouponTruncatedThirdPurchaseGcp => "COUPON_TRUNCATED_3RD_PURCHASE_GCP",
        "Coupon: the third purchase company prefix is shorter than its length digit says.";
    /// Coupon: expiration date shorter than YYMMDD.
    CouponTooShortForExpirationDate => "COUPON_TOO_SHORT_FOR_EXPIRATION_DATE",
        "Coupon: the expiration date must have six digits (YYMMDD).";
    /// Coupon: expiration date is not a valid date. (The reference code is
    /// spelt `EXIPIRATION`.)
    CouponInvalidExpirationDate => "COUPON_INVALID_EXIPIRATION_DATE",
        "Coupon: the expiration date is not a valid date.";
    /// Coupon: start date shorter than YYMMDD.
    CouponTooShortForStartDate => "COUPON_TOO_SHORT_FOR_START_DATE",
        "Coupon: the start date must have six digits (YYMMDD).";
    /// Coupon: start date is not a valid date.
    CouponInvalidStartDate => "COUPON_INVALID_START_DATE",
        "Coupon: the start date is not a valid date.";
    /// Coupon: expiration date before start date.
    CouponExpirationBeforeStart => "COUPON_EXPIRATION_BEFORE_START",
        "Coupon: the expiration date is before the start date.";
    /// Coupon: no Retailer GCP/GLN length indicator.
    CouponMissingRetailerGcpOrGlnVli => "COUPON_MISSING_RETAILER_GCP_OR_GLN_VLI",
        "Coupon: the retailer company prefix or GLN length digit is missing.";
    /// Coupon: Retailer GCP/GLN length indicator not `1`–`7`.
    CouponInvalidRetailerGcpOrGlnLength => "COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH",
        "Coupon: the retailer company prefix or GLN length digit must be 1 to 7.";
    /// Coupon: Retailer GCP/GLN shorter than its length indicator says.
    CouponTruncatedRetailerGcpOrGln => "COUPON_TRUNCATED_RETAILER_GCP_OR_GLN",
        "Coupon: the retailer company prefix or GLN is shorter than its length digit says.";
    /// Coupon: no Save Value Code.
    CouponMissingSaveValueCode => "COUPON_MISSING_SAVE_VALUE_CODE",
        "Coupon: the save value code is missing.";
    /// Coupon: Save Value Code not `0`, `1`, `2`, `5` or `6`.
    CouponInvalidSaveValueCode => "COUPON_INVALID_SAVE_VALUE_CODE",
        "Coupon: the save value code must be 0, 1, 2, 5 or 6.";
    /// Coupon: no Save Value Applies to Item.
    CouponMissingSaveValueAppliesToItem => "COUPON_MISSING_SAVE_VALUE_APPLIES_TO_ITEM",
        "Coupon: the save-value-applies-to-item digit is missing.";
    /// Coupon: Save Value Applies to Item not `0`–`2`.
    CouponInvalidSaveValueAppliesToItem => "COUPON_INVALID_SAVE_VALUE_APPLIES_TO_ITEM",
        "Coupon: the save-value-applies-to-item digit must be 0 to 2.";
    /// Coupon: no Store Coupon Flag.
    CouponMissingStoreCouponFlag => "COUPON_MISSING_STORE_COUPON_FLAG",
        "Coupon: the store coupon flag is missing.";
    /// Coupon: no Don't Multiply Flag.
    CouponMissingDontMultiplyFlag => "COUPON_MISSING_DONT_MULTIPLY_FLAG",
        "Coupon: the don't-multiply flag is missing.";
    /// Coupon: Don't Multiply Flag not `0` or `1`.
    CouponInvalidDontMultiplyFlag => "COUPON_INVALID_DONT_MULTIPLY_FLAG",
        "Coupon: the don't-multiply flag must be 0 or 1.";
    /// Coupon: data left over after the recognised optional fields.
    CouponExcessData => "COUPON_EXCESS_DATA",
        "Coupon: there is unexpected data after the last field.";
    /// Latitude above `1800000000`.
    InvalidLatitude => "INVALID_LATITUDE",
        "The latitude must be 0000000000 to 1800000000.";
    /// Longitude above `3600000000`.
    InvalidLongitude => "INVALID_LONGITUDE",
        "The longitude must be 0000000000 to 3600000000.";
    /// Not an AIDC media type code.
    InvalidMediaType => "INVALID_MEDIA_TYPE",
        "This is not a valid AIDC media type.";
    /// A latitude must have ten digits.
    LatitudeInvalidLength => "LATITUDE_INVALID_LENGTH",
        "The latitude must have ten digits.";
    /// A longitude must have ten digits.
    LongitudeInvalidLength => "LONGITUDE_INVALID_LENGTH",
        "The longitude must have ten digits.";
    /// A character outside file-safe base64 (CSET 64).
    InvalidCset64Character => "INVALID_CSET64_CHARACTER",
        "Only letters, digits, '-' and '_' are allowed here (character set 64).";
    /// Wrong number of `=` padding characters.
    InvalidCset64Padding => "INVALID_CSET64_PADDING",
        "The '=' padding at the end is wrong.";
    /// Only hyphens are allowed.
    NotHyphen => "NOT_HYPHEN",
        "The value must consist of hyphens ('-') only.";
    /// Not an ISO/IEC 5218 biological sex code.
    InvalidBiologicalSexCode => "INVALID_BIOLOGICAL_SEX_CODE",
        "The biological sex code must be 0, 1, 2 or 9.";
    /// Not of the form `<pos>/<end>`.
    PositionInSequenceMalformed => "POSITION_IN_SEQUENCE_MALFORMED",
        "The value must have the form position/end, e.g. 1/3.";
    /// Position after the end of the sequence.
    PositionExceedsEnd => "POSITION_EXCEEDS_END",
        "The position is larger than the end of the sequence.";
    /// At least one character must not be a digit.
    RequiresNonDigitCharacter => "REQUIRES_NON_DIGIT_CHARACTER",
        "The value must not consist of digits only.";
    /// Too short for HH.
    HourTooShort => "HOUR_TOO_SHORT",
        "The hour must have two digits.";
    /// Too long for HH.
    HourTooLong => "HOUR_TOO_LONG",
        "The hour must have two digits.";
    /// Too short for MI.
    MinuteTooShort => "MINUTE_TOO_SHORT",
        "The minutes must have two digits.";
    /// Too long for MI.
    MinuteTooLong => "MINUTE_TOO_LONG",
        "The minutes must have two digits.";
    /// Too short for SS.
    SecondTooShort => "SECOND_TOO_SHORT",
        "The seconds must have two digits.";
    /// Too long for SS.
    SecondTooLong => "SECOND_TOO_LONG",
        "The seconds must have two digits.";
    /// Not a PackageTypeCode.
    InvalidPackageType => "INVALID_PACKAGE_TYPE",
        "This is not a valid package type code.";
    /// Shorter than the shortest GS1 Company Prefix.
    TooShortForGcp => "TOO_SHORT_FOR_GCP",
        "The value is too short to start with a GS1 Company Prefix.";
    /// Too long for an IBAN.
    IbanTooLong => "IBAN_TOO_LONG",
        "The IBAN is too long (at most 34 characters).";
}

impl fmt::Display for LintErrorKind {
    /// Writes the reference code, e.g. `NON_DIGIT_CHARACTER`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The name given to [`Linter::from_str`](super::Linter) is not a linter of
/// the reference set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown GS1 linter name")]
pub struct UnknownLinter;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &kind in LintErrorKind::ALL {
            assert!(seen.insert(kind.code()), "duplicate code {}", kind.code());
            assert_eq!(LintErrorKind::from_code(kind.code()), Some(kind));
            assert!(!kind.message().is_empty());
            assert_eq!(kind.to_string(), kind.code());
        }
        assert_eq!(LintErrorKind::from_code("OK"), None);
    }

    #[test]
    fn display_names_message_and_span() {
        let e = LintError::new(LintErrorKind::IncorrectCheckDigit, 13, 14);
        assert_eq!(e.to_string(), "The check digit is wrong. (bytes 13..14)");
        assert_eq!(e.clone().shifted(2).span, 15..16);
    }
}
