//! DataMatrix error correction: Reed–Solomon per interleaved block
//! (ISO/IEC 16022 §5.7) and the two codeword layouts of 144×144.

use super::symbol_size::{EC_BLOCK_DEGREES, SymbolSize};
use std::sync::OnceLock;

use crate::reed_solomon::{DATA_MATRIX_FIELD, ReedSolomon, TableEncoder};

/// How the check codewords of the ten blocks of a 144×144 symbol are
/// interleaved. Every other size has a single layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Layout144 {
    /// The layout most readers (zxing, zxing-cpp, libdmtx, commercial
    /// scanners) decode, and what zint and libdmtx write: the check
    /// codewords of blocks 9 and 10 come first in each round, before those of
    /// blocks 1–8.
    #[default]
    Readers,
    /// ISO/IEC 16022 §5.7 read literally: check codewords interleaved in
    /// block order like everywhere else. Few readers decode it.
    Iso,
}

/// One encoder per distinct block degree, built on first use: the
/// generator polynomial's product table (256 × degree bytes) turns each data
/// codeword into one table row XORed into the remainder, instead of a
/// field multiplication per check codeword.
static ENCODERS: [OnceLock<TableEncoder>; EC_BLOCK_DEGREES.len()] =
    [const { OnceLock::new() }; EC_BLOCK_DEGREES.len()];

fn encoder(degree: usize) -> &'static TableEncoder {
    // The table holds every degree a symbol size uses (checked by a test).
    let i = EC_BLOCK_DEGREES
        .iter()
        .position(|&d| d == degree)
        .unwrap_or(0);
    ENCODERS[i].get_or_init(|| {
        TableEncoder::new(&ReedSolomon::new(
            &DATA_MATRIX_FIELD,
            EC_BLOCK_DEGREES[i],
            1,
        ))
    })
}

/// Largest data block (144×144: 156 codewords).
const MAX_BLOCK_DATA: usize = 175;

/// Fills `codewords[data_len..]` with the check codewords of
/// `codewords[..data_len]` for `size`. `codewords` must hold exactly
/// data + check codewords of the size.
pub(crate) fn append_check_codewords(size: SymbolSize, codewords: &mut [u8], layout: Layout144) {
    let data_len = size.data_codewords();
    debug_assert_eq!(codewords.len(), data_len + size.ec_codewords());
    let blocks = size.blocks();
    let degree = size.ec_codewords() / blocks;
    let rs = encoder(degree);
    let skew = blocks == 10 && layout == Layout144::Readers;
    let mut block_data = [0u8; MAX_BLOCK_DATA];
    let mut check = [0u8; 68];
    for b in 0..blocks {
        // Block b holds every `blocks`-th data codeword starting at b.
        let mut len = 0;
        for &cw in codewords[b..data_len].iter().step_by(blocks) {
            block_data[len] = cw;
            len += 1;
        }
        let check = &mut check[..degree];
        rs.encode(&block_data[..len], check);
        // The check codewords interleave the same way, into slot `slot`.
        let slot = if skew {
            if b < 8 { b + 2 } else { b - 8 }
        } else {
            b
        };
        for (k, &c) in check.iter().enumerate() {
            codewords[data_len + slot + k * blocks] = c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_has_a_generator() {
        for s in SymbolSize::all() {
            let degree = s.ec_codewords() / s.blocks();
            assert!(EC_BLOCK_DEGREES.contains(&degree), "{s}");
            assert_eq!(encoder(degree).degree(), degree);
            assert!(s.data_codewords().div_ceil(s.blocks()) <= MAX_BLOCK_DATA);
        }
    }

    #[test]
    fn iso_example_123456() {
        // ISO/IEC 16022 worked example: "123456" in a 10×10 symbol.
        let size = SymbolSize::from_dimensions(10, 10).unwrap();
        let mut cw = [142, 164, 186, 0, 0, 0, 0, 0];
        append_check_codewords(size, &mut cw, Layout144::Readers);
        assert_eq!(cw, [142, 164, 186, 114, 25, 5, 88, 102]);
    }
}
