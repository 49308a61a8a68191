//! QR Code versions, error correction levels and the block structure of
//! every version × level (ISO/IEC 18004:2015 Table 9), with the alignment
//! pattern positions (Annex E).
//!
//! The block table is held against `shared/data/symbology/qr-capacity.tsv`
//! by the `qr_capacity` integration test.

use std::fmt;
use std::str::FromStr;

/// An error correction level. Recovery capacity: L ≈ 7 %, M ≈ 15 %,
/// Q ≈ 25 %, H ≈ 30 % of the codewords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum EccLevel {
    /// Low, about 7 % recovery.
    L,
    /// Medium, about 15 % recovery (the usual default).
    #[default]
    M,
    /// Quartile, about 25 % recovery.
    Q,
    /// High, about 30 % recovery.
    H,
}

impl EccLevel {
    /// All four levels, lowest first.
    pub const ALL: [EccLevel; 4] = [EccLevel::L, EccLevel::M, EccLevel::Q, EccLevel::H];

    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The two format-information bits of the level (L=01, M=00, Q=11, H=10).
    pub(crate) const fn format_bits(self) -> u16 {
        match self {
            EccLevel::L => 1,
            EccLevel::M => 0,
            EccLevel::Q => 3,
            EccLevel::H => 2,
        }
    }

    /// The next higher level, if any.
    pub const fn higher(self) -> Option<EccLevel> {
        match self {
            EccLevel::L => Some(EccLevel::M),
            EccLevel::M => Some(EccLevel::Q),
            EccLevel::Q => Some(EccLevel::H),
            EccLevel::H => None,
        }
    }
}

impl fmt::Display for EccLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EccLevel::L => "L",
            EccLevel::M => "M",
            EccLevel::Q => "Q",
            EccLevel::H => "H",
        })
    }
}

/// Why a string is not an error correction level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("error correction level must be L, M, Q or H, got {0:?}")]
pub struct EccLevelError(pub String);

impl FromStr for EccLevel {
    type Err = EccLevelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "L" | "l" => Ok(EccLevel::L),
            "M" | "m" => Ok(EccLevel::M),
            "Q" | "q" => Ok(EccLevel::Q),
            "H" | "h" => Ok(EccLevel::H),
            _ => Err(EccLevelError(s.to_owned())),
        }
    }
}

/// A QR Code version, 1 (21×21 modules) to 40 (177×177).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version(pub(crate) u8);

impl Version {
    /// The smallest version.
    pub const MIN: Version = Version(1);
    /// The largest version.
    pub const MAX: Version = Version(40);

    /// Version `n`, or `None` outside 1–40.
    pub const fn new(n: u8) -> Option<Version> {
        if n >= 1 && n <= 40 {
            Some(Version(n))
        } else {
            None
        }
    }

    /// The version number.
    pub const fn number(self) -> u8 {
        self.0
    }

    /// Modules per side: 17 + 4 × version.
    pub const fn size(self) -> usize {
        17 + 4 * self.0 as usize
    }

    /// All versions, smallest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Version> {
        (1..=40).map(Version)
    }

    /// Which character-count-length class the version is in: 0 for 1–9,
    /// 1 for 10–26, 2 for 27–40.
    pub(crate) const fn count_class(self) -> usize {
        if self.0 < 10 {
            0
        } else if self.0 < 27 {
            1
        } else {
            2
        }
    }

    /// Block structure at `ecc`.
    pub fn blocks(self, ecc: EccLevel) -> Blocks {
        BLOCKS[self.0 as usize - 1][ecc.index()]
    }

    /// Total codewords (data + error correction).
    pub fn total_codewords(self) -> usize {
        let modules = self.size() * self.size();
        let function = self.function_module_count();
        (modules - function) / 8
    }

    /// Data codewords at `ecc`.
    pub fn data_codewords(self, ecc: EccLevel) -> usize {
        self.blocks(ecc).data_codewords()
    }

    /// Data bits at `ecc` (= 8 × data codewords).
    pub fn data_bits(self, ecc: EccLevel) -> usize {
        8 * self.data_codewords(ecc)
    }

    /// Remainder bits after the last codeword (0, 3, 4 or 7).
    pub fn remainder_bits(self) -> usize {
        let modules = self.size() * self.size();
        (modules - self.function_module_count()) % 8
    }

    /// Modules taken by function patterns, format and version information.
    fn function_module_count(self) -> usize {
        let v = self.0 as usize;
        let n = self.size();
        // Finders with separators (3 × 64), timing (2 × (n − 16)), format
        // information (31, with the dark module).
        let mut count = 192 + 2 * (n - 16) + 31;
        if v >= 2 {
            let k = v / 7 + 2;
            // k² alignment patterns minus the 3 under finders, 25 modules each,
            // minus their overlap with the timing patterns (2 × (k − 2) × 5).
            count += 25 * (k * k - 3) - 10 * (k - 2);
        }
        if v >= 7 {
            count += 36;
        }
        count
    }

    /// Centre coordinates of the alignment patterns along one axis
    /// (ISO/IEC 18004 Annex E); empty for version 1.
    pub(crate) fn alignment_positions(self) -> ([u8; 7], usize) {
        let v = self.0 as usize;
        let mut out = [0u8; 7];
        if v == 1 {
            return (out, 0);
        }
        let count = v / 7 + 2;
        // The positions are evenly spaced (an even step) from the last one,
        // size − 7, back towards 6; version 32 is the one exception to the
        // rounding rule.
        let step = if v == 32 {
            26
        } else {
            (v * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        };
        out[0] = 6;
        let mut pos = self.size() - 7;
        for slot in out[1..count].iter_mut().rev() {
            *slot = pos as u8;
            pos = pos.saturating_sub(step);
        }
        (out, count)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a string is not a QR version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("QR version must be 1-40, got {0:?}")]
pub struct VersionError(pub String);

impl FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<u8>()
            .ok()
            .and_then(Version::new)
            .ok_or_else(|| VersionError(s.to_owned()))
    }
}

/// How the codewords of one symbol are split into Reed–Solomon blocks:
/// `short_blocks` blocks of `short_data` data codewords, then `long_blocks`
/// blocks of one more, each with `ec_per_block` check codewords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks {
    /// Check codewords per block.
    pub ec_per_block: u16,
    /// Blocks in the first group.
    pub short_blocks: u16,
    /// Data codewords per block of the first group.
    pub short_data: u16,
    /// Blocks in the second group (one data codeword longer).
    pub long_blocks: u16,
}

impl Blocks {
    /// The layout of `data` data codewords over `blocks` blocks of a
    /// symbol with `total` codewords (the rMQR and Micro QR tables give
    /// only these three numbers).
    #[allow(dead_code)] // used by rMQR
    pub(crate) const fn split(total: usize, data: usize, blocks: usize) -> Blocks {
        let ec = (total - data) / blocks;
        let short_data = data / blocks;
        let long = data % blocks;
        Blocks {
            ec_per_block: ec as u16,
            short_blocks: (blocks - long) as u16,
            short_data: short_data as u16,
            long_blocks: long as u16,
        }
    }

    /// Number of blocks.
    pub const fn count(&self) -> usize {
        (self.short_blocks + self.long_blocks) as usize
    }

    /// Data codewords in all blocks.
    pub const fn data_codewords(&self) -> usize {
        self.short_blocks as usize * self.short_data as usize
            + self.long_blocks as usize * (self.short_data as usize + 1)
    }

    /// Check codewords in all blocks.
    pub const fn ec_codewords(&self) -> usize {
        self.count() * self.ec_per_block as usize
    }
}

const fn b(ec_per_block: u16, short_blocks: u16, short_data: u16, long_blocks: u16) -> Blocks {
    Blocks {
        ec_per_block,
        short_blocks,
        short_data,
        long_blocks,
    }
}

/// Block structure per version (index 0 = version 1) and level (L, M, Q, H):
/// ISO/IEC 18004:2015 Table 9.
static BLOCKS: [[Blocks; 4]; 40] = [
    [
        b(7, 1, 19, 0),
        b(10, 1, 16, 0),
        b(13, 1, 13, 0),
        b(17, 1, 9, 0),
    ], // 1
    [
        b(10, 1, 34, 0),
        b(16, 1, 28, 0),
        b(22, 1, 22, 0),
        b(28, 1, 16, 0),
    ], // 2
    [
        b(15, 1, 55, 0),
        b(26, 1, 44, 0),
        b(18, 2, 17, 0),
        b(22, 2, 13, 0),
    ], // 3
    [
        b(20, 1, 80, 0),
        b(18, 2, 32, 0),
        b(26, 2, 24, 0),
        b(16, 4, 9, 0),
    ], // 4
    [
        b(26, 1, 108, 0),
        b(24, 2, 43, 0),
        b(18, 2, 15, 2),
        b(22, 2, 11, 2),
    ], // 5
    [
        b(18, 2, 68, 0),
        b(16, 4, 27, 0),
        b(24, 4, 19, 0),
        b(28, 4, 15, 0),
    ], // 6
    [
        b(20, 2, 78, 0),
        b(18, 4, 31, 0),
        b(18, 2, 14, 4),
        b(26, 4, 13, 1),
    ], // 7
    [
        b(24, 2, 97, 0),
        b(22, 2, 38, 2),
        b(22, 4, 18, 2),
        b(26, 4, 14, 2),
    ], // 8
    [
        b(30, 2, 116, 0),
        b(22, 3, 36, 2),
        b(20, 4, 16, 4),
        b(24, 4, 12, 4),
    ], // 9
    [
        b(18, 2, 68, 2),
        b(26, 4, 43, 1),
        b(24, 6, 19, 2),
        b(28, 6, 15, 2),
    ], // 10
    [
        b(20, 4, 81, 0),
        b(30, 1, 50, 4),
        b(28, 4, 22, 4),
        b(24, 3, 12, 8),
    ], // 11
    [
        b(24, 2, 92, 2),
        b(22, 6, 36, 2),
        b(26, 4, 20, 6),
        b(28, 7, 14, 4),
    ], // 12
    [
        b(26, 4, 107, 0),
        b(22, 8, 37, 1),
        b(24, 8, 20, 4),
        b(22, 12, 11, 4),
    ], // 13
    [
        b(30, 3, 115, 1),
        b(24, 4, 40, 5),
        b(20, 11, 16, 5),
        b(24, 11, 12, 5),
    ], // 14
    [
        b(22, 5, 87, 1),
        b(24, 5, 41, 5),
        b(30, 5, 24, 7),
        b(24, 11, 12, 7),
    ], // 15
    [
        b(24, 5, 98, 1),
        b(28, 7, 45, 3),
        b(24, 15, 19, 2),
        b(30, 3, 15, 13),
    ], // 16
    [
        b(28, 1, 107, 5),
        b(28, 10, 46, 1),
        b(28, 1, 22, 15),
        b(28, 2, 14, 17),
    ], // 17
    [
        b(30, 5, 120, 1),
        b(26, 9, 43, 4),
        b(28, 17, 22, 1),
        b(28, 2, 14, 19),
    ], // 18
    [
        b(28, 3, 113, 4),
        b(26, 3, 44, 11),
        b(26, 17, 21, 4),
        b(26, 9, 13, 16),
    ], // 19
    [
        b(28, 3, 107, 5),
        b(26, 3, 41, 13),
        b(30, 15, 24, 5),
        b(28, 15, 15, 10),
    ], // 20
    [
        b(28, 4, 116, 4),
        b(26, 17, 42, 0),
        b(28, 17, 22, 6),
        b(30, 19, 16, 6),
    ], // 21
    [
        b(28, 2, 111, 7),
        b(28, 17, 46, 0),
        b(30, 7, 24, 16),
        b(24, 34, 13, 0),
    ], // 22
    [
        b(30, 4, 121, 5),
        b(28, 4, 47, 14),
        b(30, 11, 24, 14),
        b(30, 16, 15, 14),
    ], // 23
    [
        b(30, 6, 117, 4),
        b(28, 6, 45, 14),
        b(30, 11, 24, 16),
        b(30, 30, 16, 2),
    ], // 24
    [
        b(26, 8, 106, 4),
        b(28, 8, 47, 13),
        b(30, 7, 24, 22),
        b(30, 22, 15, 13),
    ], // 25
    [
        b(28, 10, 114, 2),
        b(28, 19, 46, 4),
        b(28, 28, 22, 6),
        b(30, 33, 16, 4),
    ], // 26
    [
        b(30, 8, 122, 4),
        b(28, 22, 45, 3),
        b(30, 8, 23, 26),
        b(30, 12, 15, 28),
    ], // 27
    [
        b(30, 3, 117, 10),
        b(28, 3, 45, 23),
        b(30, 4, 24, 31),
        b(30, 11, 15, 31),
    ], // 28
    [
        b(30, 7, 116, 7),
        b(28, 21, 45, 7),
        b(30, 1, 23, 37),
        b(30, 19, 15, 26),
    ], // 29
    [
        b(30, 5, 115, 10),
        b(28, 19, 47, 10),
        b(30, 15, 24, 25),
        b(30, 23, 15, 25),
    ], // 30
    [
        b(30, 13, 115, 3),
        b(28, 2, 46, 29),
        b(30, 42, 24, 1),
        b(30, 23, 15, 28),
    ], // 31
    [
        b(30, 17, 115, 0),
        b(28, 10, 46, 23),
        b(30, 10, 24, 35),
        b(30, 19, 15, 35),
    ], // 32
    [
        b(30, 17, 115, 1),
        b(28, 14, 46, 21),
        b(30, 29, 24, 19),
        b(30, 11, 15, 46),
    ], // 33
    [
        b(30, 13, 115, 6),
        b(28, 14, 46, 23),
        b(30, 44, 24, 7),
        b(30, 59, 16, 1),
    ], // 34
    [
        b(30, 12, 121, 7),
        b(28, 12, 47, 26),
        b(30, 39, 24, 14),
        b(30, 22, 15, 41),
    ], // 35
    [
        b(30, 6, 121, 14),
        b(28, 6, 47, 34),
        b(30, 46, 24, 10),
        b(30, 2, 15, 64),
    ], // 36
    [
        b(30, 17, 122, 4),
        b(28, 29, 46, 14),
        b(30, 49, 24, 10),
        b(30, 24, 15, 46),
    ], // 37
    [
        b(30, 4, 122, 18),
        b(28, 13, 46, 32),
        b(30, 48, 24, 14),
        b(30, 42, 15, 32),
    ], // 38
    [
        b(30, 20, 117, 4),
        b(28, 40, 47, 7),
        b(30, 43, 24, 22),
        b(30, 10, 15, 67),
    ], // 39
    [
        b(30, 19, 118, 6),
        b(28, 18, 47, 31),
        b(30, 34, 24, 34),
        b(30, 20, 15, 61),
    ], // 40
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_consistent() {
        for v in Version::all() {
            for ecc in EccLevel::ALL {
                let b = v.blocks(ecc);
                assert_eq!(
                    b.data_codewords() + b.ec_codewords(),
                    v.total_codewords(),
                    "version {v} {ecc}"
                );
            }
        }
        assert_eq!(Version::new(1).unwrap().total_codewords(), 26);
        assert_eq!(Version::new(40).unwrap().total_codewords(), 3706);
        assert_eq!(Version::new(2).unwrap().remainder_bits(), 7);
        assert_eq!(Version::new(14).unwrap().remainder_bits(), 3);
    }

    #[test]
    fn alignment_positions() {
        let v = |n| {
            let (p, k) = Version::new(n).unwrap().alignment_positions();
            p[..k].to_vec()
        };
        assert_eq!(v(1), []);
        assert_eq!(v(2), [6, 18]);
        assert_eq!(v(7), [6, 22, 38]);
        assert_eq!(v(32), [6, 34, 60, 86, 112, 138]);
        assert_eq!(v(36), [6, 24, 50, 76, 102, 128, 154]);
        assert_eq!(v(40), [6, 30, 58, 86, 114, 142, 170]);
    }
}
