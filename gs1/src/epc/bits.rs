//! Bit-level reading and writing of EPC binary encodings (MSB first), on a
//! fixed buffer so that encoding and decoding allocate nothing.

use bitvec::prelude::*;

use super::error::{EpcError, EpcErrorKind};

/// The largest EPC binary encoding handled, in bytes (1024 bits: a `+`
/// scheme tag with AIDC data; the fixed schemes need at most 256).
pub(crate) const MAX_BYTES: usize = 128;

/// An EPC binary encoding: its bits, and the bytes of its 16-bit-word
/// padded form (the EPC memory bank content).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct EncodedEpc {
    bytes: [u8; MAX_BYTES],
    bits: u16,
}

impl EncodedEpc {
    /// A 96-bit encoding from the low 96 bits of `word` (the first bit of
    /// the encoding in bit 95).
    #[inline]
    pub(crate) fn from_word96(word: u128) -> EncodedEpc {
        let mut bytes = [0u8; MAX_BYTES];
        bytes[..12].copy_from_slice(&word.to_be_bytes()[4..]);
        EncodedEpc { bytes, bits: 96 }
    }

    /// Number of meaningful bits (e.g. 96, 198).
    pub fn bit_len(&self) -> usize {
        usize::from(self.bits)
    }

    /// The bytes, padded with zero bits to a whole number of 16-bit words.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..padded_bytes(self.bit_len())]
    }

    /// Upper-case hex of [`EncodedEpc::as_bytes`].
    pub fn to_hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        // Written as bytes into a buffer of the final size, then one UTF-8
        // check (a `char` push per digit cost several times as much).
        let mut hex = vec![0u8; self.as_bytes().len() * 2];
        for (pair, &b) in hex.chunks_exact_mut(2).zip(self.as_bytes()) {
            pair[0] = HEX[usize::from(b >> 4)];
            pair[1] = HEX[usize::from(b & 15)];
        }
        super::field::uri_string(hex)
    }
}

/// Bytes of the 16-bit-word padded form of `bits` bits.
pub(crate) const fn padded_bytes(bits: usize) -> usize {
    bits.div_ceil(16) * 2
}

/// A sink of MSB-first bit fields.
pub(crate) trait BitWrite {
    /// Appends the low `n` bits of `v` (n ≤ 64); `v` must fit.
    fn put(&mut self, v: u64, n: usize, field: &'static str) -> Result<(), EpcError>;
    /// Appends `n` zero bits.
    fn zeros(&mut self, n: usize);
    /// The encoding written.
    fn finish(self) -> EncodedEpc;
}

/// A source of MSB-first bit fields.
pub(crate) trait BitRead {
    /// Reads `n` bits (n ≤ 64) as an unsigned number.
    fn take(&mut self, n: usize) -> Result<u64, EpcError>;
    /// Bits read so far.
    fn pos(&self) -> usize;
    /// Total bits available.
    fn len(&self) -> usize;
    /// Checks that every bit from here to the end is zero.
    fn rest_is_zero(&self) -> Result<(), EpcError>;
}

/// A 96-bit encoding held in one integer: every field of the 96-bit
/// schemes is a shift and a mask, which makes SGTIN-96 and its kin the fast
/// path. Longer encodings go through [`Writer`] and [`Reader`] (bitvec).
pub(crate) struct Word96 {
    acc: u128,
    pos: usize,
}

impl Word96 {
    pub(crate) fn new() -> Word96 {
        Word96 { acc: 0, pos: 0 }
    }

    /// The 12 bytes of a 96-bit encoding.
    pub(crate) fn from_bytes(b: &[u8; 12]) -> Word96 {
        let mut full = [0u8; 16];
        full[4..].copy_from_slice(b);
        Word96 {
            acc: u128::from_be_bytes(full),
            pos: 0,
        }
    }
}

impl BitWrite for Word96 {
    #[inline]
    fn put(&mut self, v: u64, n: usize, field: &'static str) -> Result<(), EpcError> {
        if (n < 64 && v >> n != 0) || self.pos + n > 96 {
            return Err(EpcError::new(EpcErrorKind::NotEncodable { field }));
        }
        self.pos += n;
        self.acc |= u128::from(v) << (96 - self.pos);
        Ok(())
    }

    #[inline]
    fn zeros(&mut self, n: usize) {
        self.pos = (self.pos + n).min(96);
    }

    #[inline]
    fn finish(self) -> EncodedEpc {
        let mut bytes = [0u8; MAX_BYTES];
        bytes[..12].copy_from_slice(&self.acc.to_be_bytes()[4..]);
        EncodedEpc {
            bytes,
            bits: self.pos as u16,
        }
    }
}

impl BitRead for Word96 {
    #[inline]
    fn take(&mut self, n: usize) -> Result<u64, EpcError> {
        if self.pos + n > 96 {
            return Err(EpcError::at(EpcErrorKind::Truncated, self.pos));
        }
        self.pos += n;
        let mask = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
        Ok((self.acc >> (96 - self.pos)) as u64 & mask)
    }

    #[inline]
    fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    fn len(&self) -> usize {
        96
    }

    #[inline]
    fn rest_is_zero(&self) -> Result<(), EpcError> {
        let rest = 96 - self.pos.min(96);
        if rest > 0 && self.acc & ((1u128 << rest) - 1) != 0 {
            return Err(EpcError::at(EpcErrorKind::NonZeroPadding, self.pos));
        }
        Ok(())
    }
}

/// Writes fields MSB first.
pub(crate) struct Writer {
    buf: [u8; MAX_BYTES],
    pos: usize,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer {
            buf: [0; MAX_BYTES],
            pos: 0,
        }
    }
}

impl BitWrite for Writer {
    #[inline]
    fn put(&mut self, v: u64, n: usize, field: &'static str) -> Result<(), EpcError> {
        if n < 64 && v >> n != 0 {
            return Err(EpcError::new(EpcErrorKind::NotEncodable { field }));
        }
        if self.pos + n > MAX_BYTES * 8 {
            return Err(EpcError::new(EpcErrorKind::NotEncodable { field }));
        }
        if n > 0 {
            self.buf.view_bits_mut::<Msb0>()[self.pos..self.pos + n].store_be(v);
        }
        self.pos += n;
        Ok(())
    }

    #[inline]
    fn zeros(&mut self, n: usize) {
        self.pos = (self.pos + n).min(MAX_BYTES * 8);
    }

    fn finish(self) -> EncodedEpc {
        EncodedEpc {
            bytes: self.buf,
            bits: self.pos as u16,
        }
    }
}

/// Reads fields MSB first from an EPC's bytes.
pub(crate) struct Reader<'a> {
    bits: &'a BitSlice<u8, Msb0>,
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bits: bytes.view_bits::<Msb0>(),
            pos: 0,
        }
    }
}

impl<'a> Reader<'a> {
    /// A second reader over the same bits, positioned at `at` (for peeking).
    pub(crate) fn new_at(other: &Reader<'a>, at: usize) -> Reader<'a> {
        Reader {
            bits: other.bits,
            pos: at,
        }
    }
}

impl BitRead for Reader<'_> {
    #[inline]
    fn take(&mut self, n: usize) -> Result<u64, EpcError> {
        if self.pos + n > self.bits.len() {
            return Err(EpcError::at(EpcErrorKind::Truncated, self.pos));
        }
        let v = if n == 0 {
            0
        } else {
            self.bits[self.pos..self.pos + n].load_be::<u64>()
        };
        self.pos += n;
        Ok(v)
    }

    fn pos(&self) -> usize {
        self.pos
    }

    fn len(&self) -> usize {
        self.bits.len()
    }

    fn rest_is_zero(&self) -> Result<(), EpcError> {
        if self.bits[self.pos.min(self.bits.len())..].any() {
            return Err(EpcError::at(EpcErrorKind::NonZeroPadding, self.pos));
        }
        Ok(())
    }
}

/// Parses hex (either case) into bytes; the length must be even. Errors
/// carry offsets in hex characters: the first non-hex character, the last
/// character of an odd-length input (it has no partner), or the first
/// character past the longest encoding handled.
pub(crate) fn hex_to_bytes(hex: &str) -> Result<([u8; MAX_BYTES], usize), EpcError> {
    let b = hex.as_bytes();
    if b.is_empty() {
        return Err(EpcError::new(EpcErrorKind::BadHex));
    }
    if let Some(at) = b.iter().position(|c| !c.is_ascii_hexdigit()) {
        return Err(EpcError::at(EpcErrorKind::BadHex, at));
    }
    if b.len() > MAX_BYTES * 2 {
        return Err(EpcError::at(EpcErrorKind::BadHex, MAX_BYTES * 2));
    }
    if b.len() % 2 != 0 {
        return Err(EpcError::at(EpcErrorKind::BadHex, b.len() - 1));
    }
    let mut out = [0u8; MAX_BYTES];
    let nib = |c: u8, at: usize| -> Result<u8, EpcError> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(EpcError::at(EpcErrorKind::BadHex, at)),
        }
    };
    for i in 0..b.len() / 2 {
        out[i] = nib(b[2 * i], 2 * i)? << 4 | nib(b[2 * i + 1], 2 * i + 1)?;
    }
    Ok((out, b.len() / 2))
}

/// An error of decoding the bytes of hex input, with its bit offset turned
/// into the offset of the hex character that holds that bit.
pub(crate) fn at_hex_char(mut e: EpcError) -> EpcError {
    e.at = e.at.map(|bit| bit / 4);
    e
}
