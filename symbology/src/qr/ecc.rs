//! Reed–Solomon check codewords per block and the interleaving of blocks
//! into the final codeword sequence (QR, rMQR; Micro QR has one block).

use std::sync::OnceLock;

use super::version::Blocks;
use crate::reed_solomon::{MAX_DEGREE, QR_FIELD, ReedSolomon, TableEncoder};

/// One encoder per degree, built on first use: generator polynomials and
/// their product tables are the same for every symbol, and building one
/// costs degree² + 255·degree field multiplications.
static ENCODERS: [OnceLock<TableEncoder>; 69] = [const { OnceLock::new() }; 69];

/// The QR-family encoder (field 0x11D, roots α⁰…) with `degree` check
/// codewords.
pub(crate) fn encoder(degree: usize) -> &'static TableEncoder {
    debug_assert!(degree > 0 && degree <= MAX_DEGREE);
    let build = || TableEncoder::new(&ReedSolomon::new(&QR_FIELD, degree, 0));
    match ENCODERS.get(degree) {
        Some(cell) => cell.get_or_init(build),
        // Degrees above 68 never occur in the QR family; build one anyway.
        None => Box::leak(Box::new(build())),
    }
}

/// Appends to `out` the data codewords of `data` interleaved by block,
/// then the check codewords interleaved by block, as ISO/IEC 18004 §7.6
/// places them.
pub(crate) fn interleave(data: &[u8], blocks: Blocks, out: &mut Vec<u8>) {
    debug_assert_eq!(data.len(), blocks.data_codewords());
    let count = blocks.count();
    let ec = blocks.ec_per_block as usize;
    let short = blocks.short_data as usize;
    let rs = encoder(ec);
    // Check codewords of all blocks, block after block.
    let mut check = vec![0u8; count * ec];
    let mut offset = 0;
    for (b, chunk) in check.chunks_mut(ec).enumerate() {
        let len = short + usize::from(b >= blocks.short_blocks as usize);
        rs.encode(&data[offset..offset + len], chunk);
        offset += len;
    }
    out.reserve(data.len() + check.len());
    // Data: column i of every block that has one.
    for i in 0..=short {
        let mut offset = 0;
        for b in 0..count {
            let len = short + usize::from(b >= blocks.short_blocks as usize);
            if i < len {
                out.push(data[offset + i]);
            }
            offset += len;
        }
    }
    for i in 0..ec {
        for b in 0..count {
            out.push(check[b * ec + i]);
        }
    }
}

/// The data codewords of an interleaved codeword sequence, block after
/// block (the inverse of [`interleave`] for the data part).
pub(crate) fn deinterleave_data(codewords: &[u8], blocks: Blocks) -> Vec<u8> {
    let count = blocks.count();
    let short = blocks.short_data as usize;
    let len = |b: usize| short + usize::from(b >= blocks.short_blocks as usize);
    let mut per_block: Vec<Vec<u8>> = (0..count).map(|b| Vec::with_capacity(len(b))).collect();
    let mut k = 0;
    for i in 0..=short {
        for (b, block) in per_block.iter_mut().enumerate() {
            if i < len(b) {
                block.push(codewords.get(k).copied().unwrap_or(0));
                k += 1;
            }
        }
    }
    per_block.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::version::{EccLevel, Version};

    #[test]
    fn version_5q_example() {
        // ISO/IEC 18004 / thonky.com 5-Q layout: 2 blocks of 15 then 2 of 16.
        let blocks = Version::new(5).unwrap().blocks(EccLevel::Q);
        assert_eq!(blocks.count(), 4);
        let data: Vec<u8> = (0..62).collect();
        let mut out = Vec::new();
        interleave(&data, blocks, &mut out);
        assert_eq!(out.len(), 134);
        assert_eq!(&out[..8], [0, 15, 30, 46, 1, 16, 31, 47]);
        // The last data codewords come from the two long blocks only.
        assert_eq!(&out[60..62], [45, 61]);
    }
}
