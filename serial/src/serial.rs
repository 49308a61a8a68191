//! [`Serial`]: one serial number as a small inline string.

use std::fmt;
use std::str::FromStr;

use crate::alphabet::is_serial_char;
use crate::error::SerialError;

/// Longest serial any GS1 key allows (GIAI's individual asset reference).
pub const MAX_SERIAL_LEN: usize = 30;

/// A serial: 1 to 30 CSET 82 (or CSET 39) characters, stored inline (no allocation), so
/// that generating one costs no more than computing it.
///
/// It only says the characters are CSET 82; whether it belongs to a pool is
/// [`SerialFormat::rank`](crate::SerialFormat::rank)'s question.
///
/// ```
/// use serialkit_serial::Serial;
/// let s: Serial = "7ABC123".parse().unwrap();
/// assert_eq!(s.as_str(), "7ABC123");
/// assert!("".parse::<Serial>().is_err());
/// ```
#[derive(Clone, Copy)]
pub struct Serial {
    len: u8,
    bytes: [u8; MAX_SERIAL_LEN],
}

impl Serial {
    /// Builds a serial from bytes already known to be CSET 82 (the format
    /// writes only alphabet symbols and a checked prefix).
    pub(crate) fn from_trusted(bytes: &[u8]) -> Self {
        debug_assert!(!bytes.is_empty() && bytes.len() <= MAX_SERIAL_LEN);
        let mut out = [0u8; MAX_SERIAL_LEN];
        out[..bytes.len()].copy_from_slice(bytes);
        Self {
            len: bytes.len() as u8,
            bytes: out,
        }
    }

    /// Overwrites the serial in place with what `write` puts in its buffer
    /// (bytes past the length it returns are ignored): generators write
    /// straight into the caller's slot instead of building a copy.
    #[inline]
    pub(crate) fn rewrite(&mut self, write: impl FnOnce(&mut [u8; MAX_SERIAL_LEN]) -> usize) {
        let len = write(&mut self.bytes);
        debug_assert!((1..=MAX_SERIAL_LEN).contains(&len));
        self.len = len as u8;
    }

    /// Replaces the last character by `b` (a symbol of the serial's
    /// alphabet: the sequential generator counts up in place).
    #[inline]
    pub(crate) fn set_last(&mut self, b: u8) {
        let i = usize::from(self.len).saturating_sub(1);
        self.bytes[i] = b;
    }

    /// The serial's text.
    pub fn as_str(&self) -> &str {
        // Only CSET 82 (ASCII) bytes are ever stored.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The serial's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Number of characters.
    #[allow(clippy::len_without_is_empty)] // a serial is never empty
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }
}

impl FromStr for Serial {
    type Err = SerialError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_SERIAL_LEN {
            return Err(SerialError::Length { len: bytes.len() });
        }
        if let Some((at, _)) = s
            .char_indices()
            .find(|&(_, c)| !c.is_ascii() || !is_serial_char(c as u8))
        {
            let ch = s[at..].chars().next().unwrap_or_default();
            return Err(SerialError::Character { ch, at });
        }
        Ok(Self::from_trusted(bytes))
    }
}

impl PartialEq for Serial {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Serial {}

impl std::hash::Hash for Serial {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialOrd for Serial {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Byte order of the text (not the pool's numbering order).
impl Ord for Serial {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Serial({:?})", self.as_str())
    }
}

impl AsRef<str> for Serial {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_ignore_bytes_past_the_end() {
        let mut a = [b'Z'; MAX_SERIAL_LEN];
        a[..3].copy_from_slice(b"ABC");
        let mut x: Serial = "XYZ".parse().unwrap();
        x.rewrite(|buf| {
            *buf = a;
            3
        });
        let y: Serial = "ABC".parse().unwrap();
        assert_eq!(x, y);
        assert_eq!(x.cmp(&y), std::cmp::Ordering::Equal);
        let set: std::collections::HashSet<Serial> = [x, y].into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn round_trip_and_errors() {
        for s in ["1", "ABC", "!\"%&'()*+,-./:;<=>?_", &"z".repeat(30)] {
            assert_eq!(s.parse::<Serial>().unwrap().to_string(), s);
        }
        assert_eq!(
            "AB CD".parse::<Serial>(),
            Err(SerialError::Character { ch: ' ', at: 2 })
        );
        assert_eq!(
            "Aé".parse::<Serial>(),
            Err(SerialError::Character { ch: 'é', at: 1 })
        );
        assert_eq!(
            "x".repeat(31).parse::<Serial>(),
            Err(SerialError::Length { len: 31 })
        );
    }
}
