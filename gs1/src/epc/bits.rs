//! Bit-level reading and writing of EPC binary encodings (MSB first), on a
//! fixed buffer so that encoding and decoding allocate nothing.

use bitvec::prelude::*;

use super::error::{EpcError, EpcErrorKind};

/// The largest EPC binary encoding handled, in bytes (256 bits: CPI-var at
/// its longest).
pub(crate) const MAX_BYTES: usize = 32;

/// An EPC binary encoding: its bits, and the bytes of its 16-bit-word
/// padded form (the EPC memory bank content).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct EncodedEpc {
    bytes: [u8; MAX_BYTES],
    bits: u16,
}

impl EncodedEpc {
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
        let mut s = String::with_capacity(self.as_bytes().len() * 2);
        for &b in self.as_bytes() {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 15)]));
        }
        s
    }
}

/// Bytes of the 16-bit-word padded form of `bits` bits.
pub(crate) const fn padded_bytes(bits: usize) -> usize {
    bits.div_ceil(16) * 2
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

    /// Appends the low `n` bits of `v` (n ≤ 64); `v` must fit.
    #[inline]
    pub(crate) fn put(&mut self, v: u64, n: usize, field: &'static str) -> Result<(), EpcError> {
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

    /// Skips `n` zero bits.
    #[inline]
    pub(crate) fn zeros(&mut self, n: usize) {
        self.pos = (self.pos + n).min(MAX_BYTES * 8);
    }

    pub(crate) fn finish(self) -> EncodedEpc {
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

    /// Reads `n` bits (n ≤ 64) as an unsigned number.
    #[inline]
    pub(crate) fn take(&mut self, n: usize) -> Result<u64, EpcError> {
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

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn len(&self) -> usize {
        self.bits.len()
    }

    /// Checks that every bit from here to the end is zero.
    pub(crate) fn rest_is_zero(&self) -> Result<(), EpcError> {
        if self.bits[self.pos.min(self.bits.len())..].any() {
            return Err(EpcError::at(EpcErrorKind::NonZeroPadding, self.pos));
        }
        Ok(())
    }
}

/// Parses hex (either case) into bytes; the length must be even.
pub(crate) fn hex_to_bytes(hex: &str) -> Result<([u8; MAX_BYTES], usize), EpcError> {
    let b = hex.as_bytes();
    if b.is_empty() || b.len() % 2 != 0 || b.len() > MAX_BYTES * 2 {
        return Err(EpcError::at(EpcErrorKind::BadHex, 0));
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
