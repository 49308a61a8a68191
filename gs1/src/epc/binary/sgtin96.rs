//! SGTIN-96, the most common RFID encoding, as one integer: its fields sit
//! at fixed places once the partition is known, so encoding and decoding
//! are shifts, masks and whole-word digit conversion ([`decimal`]) instead
//! of the field-by-field walk of the general coder.
//!
//! Layout (TDS 14.5.1): header 8 bits (0x30), filter 3, partition 3, then
//! company prefix and indicator + item reference in 44 bits split by the
//! partition, then the serial in 38 bits. Results and errors, down to the
//! error's kind and bit offset, are those of the general coder (the tests
//! hold the two against each other).

use super::{EncodedEpc, Epc, EpcError, EpcErrorKind, Field, ITEM, POW10, Scheme, Sgtin96, Tag};
use crate::epc::decimal::{self, ZEROS8, low_lanes8};

/// Bit offsets of the fields after the header, from the top of the word.
const PARTITION_AT: usize = 11;
const GCP_AT: usize = 14;
/// Bits of company prefix and item reference together, and of the serial.
const KEY_BITS: u32 = 44;
const SERIAL_BITS: u32 = 38;

/// The 96 bits of SGTIN-96 with `filter` for `epc`, an SGTIN.
pub(super) fn encode(filter: u8, epc: &Epc) -> Result<EncodedEpc, EpcError> {
    let (gcp, reference, serial) = match epc.parts() {
        [gcp, reference, rest @ ..] => (gcp, reference, rest.first()),
        _ => {
            return Err(EpcError::new(EpcErrorKind::BadComponent {
                field: "company prefix",
            }));
        }
    };
    // The three numbers first, independent of each other so that their
    // conversions overlap; then the checks, in the general coder's order.
    let gcp_value = gcp.number();
    let ref_value = if reference.is_empty() {
        Some(0)
    } else {
        reference.number()
    };
    // No leading zeros: "0" itself is the only serial starting with one.
    let serial_value = serial.map(|f| match f.as_bytes() {
        [b'0', _, ..] => None,
        _ => f.number(),
    });
    // The partition is fixed by the prefix length: 12 digits → 0, … 6 → 6.
    let (pv, row) = 12usize
        .checked_sub(gcp.len())
        .and_then(|pv| Some((pv, *ITEM.get(pv)?)))
        .ok_or(EpcError::new(EpcErrorKind::BadCompanyPrefix))?;
    if filter > 7 {
        return Err(EpcError::new(EpcErrorKind::NotEncodable {
            field: "filter",
        }));
    }
    let gcp_value = gcp_value.ok_or(EpcError::new(EpcErrorKind::BadCompanyPrefix))?;
    if gcp_value >> row.gcp_bits != 0 {
        return Err(EpcError::new(EpcErrorKind::NotEncodable {
            field: "company prefix",
        }));
    }
    let ref_value = ref_value
        .filter(|v| v >> row.ref_bits == 0)
        .ok_or(EpcError::new(EpcErrorKind::NotEncodable {
            field: "reference",
        }))?;
    let serial_value = serial_value
        .ok_or(EpcError::new(EpcErrorKind::BadComponent {
            field: "serial",
        }))?
        .filter(|v| v >> SERIAL_BITS == 0)
        .ok_or(EpcError::new(EpcErrorKind::NotEncodable {
            field: "serial",
        }))?;
    let key = gcp_value << row.ref_bits | ref_value;
    let word = u128::from(Sgtin96.header()) << 88
        | u128::from(filter) << 85
        | (pv as u128) << 82
        | u128::from(key) << SERIAL_BITS
        | u128::from(serial_value);
    Ok(EncodedEpc::from_word96(word))
}

/// The SGTIN-96 tag in `bytes`, whose header the caller has read (0x30).
pub(super) fn decode(bytes: &[u8; 12]) -> Result<Tag, EpcError> {
    let mut full = [0u8; 16];
    full[4..].copy_from_slice(bytes);
    let word = u128::from_be_bytes(full);
    let filter = (word >> 85) as u8 & 7;
    let pv = (word >> 82) as usize & 7;
    let row = *ITEM
        .get(pv)
        .ok_or(EpcError::at(EpcErrorKind::BadPartition, PARTITION_AT))?;
    let key = (word >> SERIAL_BITS) as u64 & ((1 << KEY_BITS) - 1);
    let gcp_value = key >> row.ref_bits;
    let ref_value = key & ((1 << row.ref_bits) - 1);
    let (gcp_digits, ref_digits) = (usize::from(row.gcp_digits), usize::from(row.ref_digits));
    if gcp_value >= POW10[gcp_digits] {
        return Err(EpcError::at(
            EpcErrorKind::BadBinaryValue {
                field: "company prefix",
            },
            GCP_AT,
        ));
    }
    if ref_value >= POW10[ref_digits] {
        return Err(EpcError::at(
            EpcErrorKind::BadBinaryValue { field: "reference" },
            GCP_AT + usize::from(row.gcp_bits),
        ));
    }
    // Prefix and reference are the 13 digits of one number, each part
    // zero padded to its width: five in the high word (lanes 3–7), eight in
    // the low one.
    let key = gcp_value * POW10[ref_digits] + ref_value;
    let hi = decimal::eight_digit_values((key / 100_000_000) as u32) | ZEROS8;
    let lo = decimal::eight_digit_values((key % 100_000_000) as u32) | ZEROS8;
    // The prefix is those five and the first 1–7 of the low word.
    let split = gcp_digits - 5;
    let gcp = Field::from_lanes(
        u128::from(hi >> 24) | u128::from(lo & low_lanes8(split)) << 40,
        gcp_digits,
    );
    let reference = Field::from_lanes(u128::from(lo >> (8 * split)), ref_digits);
    // The serial (< 2³⁸, twelve digits at most) without leading zeros: the
    // zero lanes at the bottom are the leading zeros ("0" keeps one).
    let serial_value = word as u64 & ((1 << SERIAL_BITS) - 1);
    let lo = decimal::eight_digit_values((serial_value % 100_000_000) as u32);
    let serial = if serial_value < 100_000_000 {
        let leading = (lo.trailing_zeros() as usize / 8).min(7);
        Field::from_lanes(u128::from((lo | ZEROS8) >> (8 * leading)), 8 - leading)
    } else {
        // At most four digits above the low eight, so `leading` ≥ 4.
        let hi = decimal::eight_digit_values((serial_value / 100_000_000) as u32);
        let leading = hi.trailing_zeros() as usize / 8;
        Field::from_lanes(
            u128::from((hi | ZEROS8) >> (8 * leading))
                | u128::from(lo | ZEROS8) << (8 * (8 - leading)),
            16 - leading,
        )
    };
    Ok(Tag {
        scheme: Sgtin96,
        filter,
        epc: Epc::from_decoded_fields(Scheme::Sgtin, &[gcp, reference, serial]),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{
        BinaryScheme, Reader, Word96, Writer, decode_fixed_with, encode_with, padded_bytes,
    };
    use super::*;
    use crate::epc::bits::BitRead;

    /// SGTIN-96 through the general coder on bitvec (the oracle).
    fn bitvec_encode(filter: u8, epc: &Epc) -> Result<EncodedEpc, EpcError> {
        encode_with(Writer::new(), Sgtin96, filter, epc)
    }

    /// SGTIN-96 decoded by the general coder on bitvec, with the checks the
    /// variable-length branch of `decode_fixed` adds.
    fn bitvec_decode(bytes: &[u8; 12]) -> Result<Tag, EpcError> {
        let mut r = Reader::new(bytes);
        let tag = decode_fixed_with(&mut r, Sgtin96)?;
        if padded_bytes(r.pos()) != bytes.len() || !tag.epc.is_valid() {
            return Err(EpcError::new(EpcErrorKind::BadBinaryValue {
                field: "component",
            }));
        }
        Ok(tag)
    }

    /// The general coder's 96-bit integer path (the former fast path).
    fn word96_decode(bytes: &[u8; 12]) -> Result<Tag, EpcError> {
        decode_fixed_with(&mut Word96::from_bytes(bytes), Sgtin96)
    }

    /// A valid SGTIN: prefix length, then prefix, reference and serial
    /// values that fit their digits and bits.
    fn valid_sgtin() -> impl Strategy<Value = (u8, Epc)> {
        (
            6usize..=12,
            any::<u64>(),
            any::<u64>(),
            0u64..1 << 38,
            0u8..=7,
        )
            .prop_map(|(g, gcp, reference, serial, filter)| {
                let r = 13 - g;
                let gcp = format!("{:0g$}", gcp % POW10[g]);
                let reference = format!("{:0r$}", reference % POW10[r]);
                let epc = Epc::new(
                    Scheme::Sgtin,
                    &[gcp.as_str(), reference.as_str(), &serial.to_string()],
                )
                .expect("a valid SGTIN");
                (filter, epc)
            })
    }

    /// The worked example of TDS 2.x section 14.5.1.
    #[test]
    fn tds_example() {
        let epc: Epc = "urn:epc:id:sgtin:0614141.812345.6789".parse().unwrap();
        let enc = encode(3, &epc).unwrap();
        assert_eq!(enc.to_hex(), "3074257BF7194E4000001A85");
        assert_eq!(enc.bit_len(), 96);
        let tag = decode(enc.as_bytes().try_into().unwrap()).unwrap();
        assert_eq!(
            tag.to_string(),
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789"
        );
        assert_eq!(
            tag,
            bitvec_decode(enc.as_bytes().try_into().unwrap()).unwrap()
        );
    }

    /// Serials at the edges of the digit conversion.
    #[test]
    fn serial_edges() {
        for serial in [0u64, 1, 9, 10, 99_999_999, 100_000_000, (1 << 38) - 1] {
            let uri = format!("urn:epc:id:sgtin:0614141.812345.{serial}");
            let epc: Epc = uri.parse().unwrap();
            let enc = encode(0, &epc).unwrap();
            assert_eq!(enc, bitvec_encode(0, &epc).unwrap());
            let tag = decode(enc.as_bytes().try_into().unwrap()).unwrap();
            assert_eq!(tag.epc(), &epc, "{uri}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Valid values: the same bits as the general coder, and back.
        #[test]
        fn valid_values_match_the_general_coder((filter, epc) in valid_sgtin()) {
            let enc = encode(filter, &epc);
            prop_assert_eq!(&enc, &bitvec_encode(filter, &epc));
            let enc = enc.expect("a valid SGTIN encodes");
            let bytes: &[u8; 12] = enc.as_bytes().try_into().expect("96 bits");
            let tag = decode(bytes);
            prop_assert_eq!(&tag, &bitvec_decode(bytes));
            let tag = tag.expect("decodes");
            prop_assert_eq!(tag.epc(), &epc);
            prop_assert_eq!(tag.filter(), filter);
            prop_assert_eq!(tag.binary_scheme(), BinaryScheme::Sgtin96);
        }

        /// Any SGTIN a URI may hold, encodable in SGTIN-96 or not (leading
        /// zeros, serials past 2³⁸, letters, long serials): the same result
        /// or the same error.
        #[test]
        fn any_sgtin_encodes_as_the_general_coder_does(
            g in 6usize..=12,
            digits in "[0-9]{13}",
            serial in prop_oneof![
                "[0-9]{1,20}",
                "[1-9][0-9]{10,12}",
                "[0-9A-Za-z!'()*+,-.:;=_]{1,20}",
            ],
            filter in 0u8..=9,
        ) {
            let epc = Epc::new(Scheme::Sgtin, &[&digits[..g], &digits[g..], &serial])
                .expect("a valid SGTIN");
            prop_assert_eq!(encode(filter, &epc), bitvec_encode(filter, &epc));
        }

        /// Any 96 bits after the SGTIN-96 header: the same tag or the same
        /// error (kind and bit offset) as the general coder on bitvec and
        /// on one integer.
        #[test]
        fn any_bits_decode_as_the_general_coder_does(rest in any::<[u8; 11]>()) {
            let mut bytes = [0x30; 12];
            bytes[1..].copy_from_slice(&rest);
            let tag = decode(&bytes);
            prop_assert_eq!(&tag, &bitvec_decode(&bytes));
            prop_assert_eq!(&tag, &word96_decode(&bytes));
            prop_assert_eq!(&tag, &Tag::decode(&bytes));
            if let Ok(t) = tag {
                let again = t.encode().expect("a decoded tag encodes");
                prop_assert_eq!(again.as_bytes(), &bytes[..]);
            }
        }
    }
}
