//! [`SerialKey`]: the secret behind keyed random serials, and what is derived
//! from it.

use std::fmt;

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use aes::{Aes128, Aes256, Block};
use sha2::{Digest, Sha256};

/// A 256-bit secret key for keyed random regions.
///
/// It never sits in a store: stores keep its [`fingerprint`](Self::fingerprint)
/// so that a wrong key is refused instead of producing colliding serials.
/// `Debug` does not print the key.
#[derive(Clone, PartialEq, Eq)]
pub struct SerialKey([u8; 32]);

impl SerialKey {
    /// The key with these bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A fresh key from the operating system's random source.
    ///
    /// # Errors
    /// The OS error when no randomness is available.
    pub fn generate() -> Result<Self, std::io::Error> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Self(k))
    }

    /// Parses 64 hexadecimal digits (surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Option<Self> {
        let t = text.trim().as_bytes();
        if t.len() != 64 {
            return None;
        }
        let mut k = [0u8; 32];
        for (i, pair) in t.chunks_exact(2).enumerate() {
            let hi = char::from(pair[0]).to_digit(16)?;
            let lo = char::from(pair[1]).to_digit(16)?;
            k[i] = (hi * 16 + lo) as u8;
        }
        Some(Self(k))
    }

    /// The key as 64 lower-case hexadecimal digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The key's raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn prf(&self, label: &str, context: &[u8]) -> [u8; 16] {
        // AES-256 under the key, applied to a hash of the context, is a PRF
        // of the context: derived keys for different contexts are
        // independent, and none reveals the key.
        let mut h = Sha256::new();
        h.update(label.as_bytes());
        h.update((context.len() as u64).to_le_bytes());
        h.update(context);
        let digest = h.finalize();
        let mut block = Block::default();
        block.copy_from_slice(&digest[..16]);
        Aes256::new(&self.0.into()).encrypt_block(&mut block);
        block.into()
    }

    /// The AES-128 key of one permutation, bound to its purpose and context
    /// (cipher, tweak, domain).
    pub(crate) fn derive_cipher(&self, label: &str, context: &[u8]) -> Aes128 {
        Aes128::new(&self.prf(label, context).into())
    }

    /// The derived key bytes for cipher implementations that take raw keys.
    pub(crate) fn derive_bytes(&self, label: &str, context: &[u8]) -> [u8; 16] {
        self.prf(label, context)
    }

    /// A public 16-hex-digit identifier of the key: stores keep it to refuse
    /// a different key for an existing epoch.
    pub fn fingerprint(&self) -> String {
        let out = self.prf("serialkit-serial/fingerprint/v1", b"");
        let digest = Sha256::digest(out);
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for SerialKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SerialKey(fingerprint {})", self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_fingerprint() {
        let k = SerialKey::from_bytes([7; 32]);
        assert_eq!(SerialKey::from_hex(&k.to_hex()), Some(k.clone()));
        assert_eq!(SerialKey::from_hex("zz"), None);
        assert_eq!(SerialKey::from_hex(&"g".repeat(64)), None);
        assert_eq!(k.fingerprint().len(), 16);
        assert_ne!(
            k.fingerprint(),
            SerialKey::from_bytes([8; 32]).fingerprint()
        );
        assert!(!format!("{k:?}").contains("0707"));
    }

    #[test]
    fn derivation_depends_on_label_and_context() {
        let k = SerialKey::from_bytes([1; 32]);
        let a = k.derive_bytes("x", b"ctx");
        assert_eq!(a, k.derive_bytes("x", b"ctx"));
        assert_ne!(a, k.derive_bytes("y", b"ctx"));
        assert_ne!(a, k.derive_bytes("x", b"ctx2"));
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(
            SerialKey::generate().unwrap(),
            SerialKey::generate().unwrap()
        );
    }
}
