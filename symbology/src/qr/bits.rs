//! A growable big-endian bit buffer: the QR family writes its data bit
//! stream most significant bit first into 8-bit codewords.

/// Bits appended most significant first, packed into bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BitBuffer {
    bytes: Vec<u8>,
    len: usize,
}

impl BitBuffer {
    pub(crate) fn with_capacity(bits: usize) -> Self {
        Self {
            bytes: Vec::with_capacity(bits.div_ceil(8)),
            len: 0,
        }
    }

    /// Number of bits written.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends the low `count` bits of `value`, most significant first.
    pub(crate) fn push(&mut self, value: u32, count: u32) {
        debug_assert!(count <= 32);
        debug_assert!(count == 32 || value >> count == 0);
        for k in (0..count).rev() {
            let bit = (value >> k) & 1;
            if self.len % 8 == 0 {
                self.bytes.push(0);
            }
            if bit != 0 {
                let last = self.bytes.len() - 1;
                self.bytes[last] |= 0x80 >> (self.len % 8);
            }
            self.len += 1;
        }
    }

    /// Appends whole bytes (the buffer must be byte-aligned).
    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) {
        if self.len % 8 == 0 {
            self.bytes.extend_from_slice(bytes);
            self.len += 8 * bytes.len();
        } else {
            for &b in bytes {
                self.push(b as u32, 8);
            }
        }
    }

    /// Bit `i` (0 = first written).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> bool {
        self.bytes[i / 8] & (0x80 >> (i % 8)) != 0
    }

    /// The packed bytes (the last one zero-padded).
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_msb_first() {
        let mut b = BitBuffer::default();
        b.push(0b0001, 4);
        b.push(8, 10);
        b.push(0x1F, 5);
        assert_eq!(b.len(), 19);
        assert_eq!(b.bytes(), [0x10, 0x23, 0xE0]);
        assert!(b.get(3));
        assert!(!b.get(4));
    }
}
