//! Which AIM symbology identifier (ISO/IEC 15424) a reader transmits for a
//! DataMatrix ECC 200 symbol, read off its data codewords:
//!
//! | identifier | FNC1 | ECI |
//! |---|---|---|
//! | `]d1` | none in the positions below | no |
//! | `]d2` | first position, or fifth after a Structured Append header (GS1) | no |
//! | `]d3` | second position (sixth after Structured Append), after one letter or a digit pair (AIM application indicator) | no |
//! | `]d4`, `]d5`, `]d6` | as `]d1`, `]d2`, `]d3` | an ECI designator anywhere in the data |
//!
//! Positions count codewords: an ECI designator written before the FNC1
//! pushes it out of the first position, and it then reads as a field
//! separator (GS), not as the GS1 flag. That is why GS1 data with an ECI
//! puts FNC1 first and the ECI after it, and why the ECI modifier (+3) is a
//! property of the whole data stream, found by walking its encodation
//! modes: a codeword 241 is an ECI designator only in ASCII mode.

use super::encode;
use crate::grid::SymbologyIdentifier;

/// The identifier for `data` (the data codewords, padding included).
pub(crate) fn identifier(data: &[u8]) -> SymbologyIdentifier {
    let first = if data.first() == Some(&encode::STRUCTURED_APPEND) {
        4
    } else {
        0
    };
    let is_fnc1 = |i: usize| data.get(i) == Some(&encode::FNC1);
    // One ASCII letter (codeword = byte + 1) or a digit pair (130–229).
    let application_indicator = |i: usize| {
        data.get(i)
            .is_some_and(|&c| matches!(c, 66..=91 | 98..=123 | 130..=229))
    };
    let fnc1 = if is_fnc1(first) {
        Fnc1::First
    } else if application_indicator(first) && is_fnc1(first + 1) {
        Fnc1::Second
    } else {
        Fnc1::None
    };
    let eci = has_eci(data);
    match (fnc1, eci) {
        (Fnc1::None, false) => SymbologyIdentifier::DATA_MATRIX,
        (Fnc1::First, false) => SymbologyIdentifier::DATA_MATRIX_GS1,
        (Fnc1::Second, false) => SymbologyIdentifier::DATA_MATRIX_AIM,
        (Fnc1::None, true) => SymbologyIdentifier::DATA_MATRIX_ECI,
        (Fnc1::First, true) => SymbologyIdentifier::DATA_MATRIX_GS1_ECI,
        (Fnc1::Second, true) => DATA_MATRIX_AIM_ECI,
    }
}

/// `]d6`: FNC1 in second (or sixth) position, with ECI.
const DATA_MATRIX_AIM_ECI: SymbologyIdentifier = match SymbologyIdentifier::from_bytes(*b"]d6") {
    Some(id) => id,
    None => SymbologyIdentifier::DATA_MATRIX_ECI,
};

#[derive(Clone, Copy)]
enum Fnc1 {
    None,
    First,
    Second,
}

/// Whether an ECI designator (241 in ASCII mode) occurs in `data`, walking
/// the encodation modes as a reader does; codewords a reader would reject
/// end the walk.
fn has_eci(data: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&cw) = data.get(i) {
        i += 1;
        match cw {
            encode::PAD => return false,
            encode::ECI => return true,
            encode::UPPER_SHIFT => i += 1,
            encode::LATCH_C40 | encode::LATCH_TEXT | encode::LATCH_X12 => {
                // Pairs of codewords until an unlatch, or until one codeword
                // is left (read in ASCII).
                while data.len().saturating_sub(i) >= 2 {
                    if data[i] == encode::UNLATCH {
                        i += 1;
                        break;
                    }
                    i += 2;
                }
            }
            encode::LATCH_EDIFACT => i = skip_edifact(data, i),
            encode::LATCH_BASE256 => i = skip_base256(data, i),
            _ => {}
        }
    }
    false
}

/// The codeword index after an EDIFACT segment starting at `start`: groups
/// of four 6-bit values until the unlatch value 31 (the rest of its byte is
/// padding), or until two or fewer codewords are left at a group boundary.
fn skip_edifact(data: &[u8], start: usize) -> usize {
    let mut bit = start * 8;
    loop {
        if data.len().saturating_sub(bit.div_ceil(8)) <= 2 {
            return bit.div_ceil(8);
        }
        for _ in 0..4 {
            let mut value = 0u8;
            for _ in 0..6 {
                let Some(&byte) = data.get(bit / 8) else {
                    return data.len();
                };
                value = (value << 1) | ((byte >> (7 - bit % 8)) & 1);
                bit += 1;
            }
            if value == 31 {
                return bit.div_ceil(8);
            }
        }
    }
}

/// The codeword index after a Base 256 field whose length field is at
/// `start` (ISO/IEC 16022 §5.2.9: lengths are randomised by position).
fn skip_base256(data: &[u8], start: usize) -> usize {
    let Some(&d1) = data.get(start) else {
        return data.len();
    };
    let d1 = usize::from(unrandomize_255(d1, start + 1));
    let (len, body) = match d1 {
        0 => return data.len(),
        1..=249 => (d1, start + 1),
        _ => {
            let Some(&d2) = data.get(start + 1) else {
                return data.len();
            };
            (
                250 * (d1 - 249) + usize::from(unrandomize_255(d2, start + 2)),
                start + 2,
            )
        }
    };
    body.saturating_add(len).min(data.len())
}

/// Undoes the 255-state randomising of a Base 256 codeword at 1-based
/// `position`.
fn unrandomize_255(value: u8, position: usize) -> u8 {
    let r = (149 * position) % 255 + 1;
    // r <= 255: the difference is taken modulo 256.
    value.wrapping_sub(r as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(data: &[u8]) -> String {
        identifier(data).to_string()
    }

    #[test]
    fn fnc1_positions() {
        assert_eq!(id(&[232, 131, 130]), "]d2");
        assert_eq!(id(&[66, 130, 129]), "]d1");
        // Structured Append, then FNC1: fifth position.
        assert_eq!(id(&[233, 0x1E, 1, 1, 232, 131]), "]d2");
        // FNC1 after one letter ('A' = 66) or a digit pair (130): second.
        assert_eq!(id(&[66, 232, 131]), "]d3");
        assert_eq!(id(&[142, 232, 131]), "]d3");
        assert_eq!(id(&[233, 0x1E, 1, 1, 66, 232, 131]), "]d3");
        // After a punctuation mark ('.' = 47) it is a separator.
        assert_eq!(id(&[47, 232, 131]), "]d1");
        // Later FNC1s are separators.
        assert_eq!(id(&[66, 67, 232, 131]), "]d1");
    }

    #[test]
    fn eci_modifier() {
        // ECI 26 (241, 27), anywhere in ASCII data.
        assert_eq!(id(&[241, 27, 66]), "]d4");
        assert_eq!(id(&[232, 241, 27, 131]), "]d5");
        assert_eq!(id(&[66, 232, 241, 27]), "]d6");
        assert_eq!(id(&[66, 67, 241, 27]), "]d4");
        // An ECI before FNC1 pushes it out of the first position.
        assert_eq!(id(&[241, 27, 232, 131]), "]d4");
        // 241 inside a C40 pair is a value, not an ECI.
        assert_eq!(id(&[230, 241, 27, 254, 66]), "]d1");
        assert_eq!(id(&[230, 241, 27, 254, 241, 4]), "]d4");
        // After the pad, nothing is data.
        assert_eq!(id(&[66, 129, 241]), "]d1");
    }

    #[test]
    fn walks_base256_and_edifact() {
        // Base 256 of one byte 241 (randomised at positions 2 and 3).
        let r = |v: u8, p: usize| v.wrapping_add(((149 * p) % 255 + 1) as u8);
        let base256 = [231, r(1, 2), r(241, 3), 66];
        assert_eq!(id(&base256), "]d1");
        let base256_then_eci = [231, r(1, 2), r(66, 3), 241, 4];
        assert_eq!(id(&base256_then_eci), "]d4");
        // EDIFACT "A" then unlatch (values 1, 31): 000001 011111 + padding,
        // then ASCII ECI 3.
        let edifact = [240, 0b0000_0101, 0b1111_0000, 241, 4, 129, 129];
        assert_eq!(id(&edifact), "]d4");
        // The same bytes read as EDIFACT data when not unlatched.
        let edifact_only = [240, 0b0000_0100, 0b0001_0000, 0b0100_0001, 241, 4];
        assert_eq!(id(&edifact_only), "]d4");
    }
}
