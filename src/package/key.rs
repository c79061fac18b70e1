//! Ed25519 keys: the applicant's signing key, the public key a package
//! names, and the short ids and fingerprints people compare.
//!
//! A key is made from 32 seed bytes passed in; where they come from (the
//! browser's random source, a backup) is the caller's business.

use std::fmt;

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{grouped_hex, hex, parse_hex, sha256};

/// A secret key that signs packages. Its `Debug` shows only the key id.
#[derive(Clone)]
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// The key made from a 32-byte seed (an RFC 8032 private key).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The seed, for a backup; [`SigningKey::from_seed`] restores it.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public half, which packages name.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            bytes: self.0.verifying_key().to_bytes(),
        }
    }

    /// The Ed25519 signature of a message.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({})", self.public().key_id())
    }
}

/// An Ed25519 public key, as the 32 bytes of RFC 8032.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey {
    /// The encoded point.
    pub bytes: [u8; 32],
}

impl PublicKey {
    /// The short id a signature file carries: the first 8 bytes of the
    /// SHA-256 of the key.
    pub fn key_id(&self) -> KeyId {
        let digest = sha256(&self.bytes);
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[..8]);
        KeyId(id)
    }

    /// What people compare by eye: the first 16 bytes of the SHA-256 of the
    /// key, as uppercase hex in groups of four (`3F2A 9C01 …`, eight
    /// groups). The first four groups are the key id.
    pub fn fingerprint(&self) -> String {
        grouped_hex(&sha256(&self.bytes)[..16])
    }

    /// Whether `signature` is this key's strict (RFC 8032 §5.1.7, no
    /// malleable or small-order encodings) signature of `message`.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(&self.bytes) else {
            return false;
        };
        key.verify_strict(message, &Signature::from_bytes(signature))
            .is_ok()
    }

    /// Whether the bytes decode to a curve point that is not of small
    /// order, i.e. could have made a signature at all.
    pub(crate) fn is_usable(&self) -> bool {
        VerifyingKey::from_bytes(&self.bytes).is_ok_and(|k| !k.is_weak())
    }
}

impl fmt::Display for PublicKey {
    /// Lowercase hex, as the manifest writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(&self.bytes))
    }
}

/// The 8-byte id of a public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 8]);

impl fmt::Display for KeyId {
    /// Lowercase hex, as the manifest writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(&self.0))
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex(&self.bytes))
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_hex(&text)
            .map(|bytes| Self { bytes })
            .ok_or_else(|| serde::de::Error::custom("expected 64 lowercase hex digits"))
    }
}

impl Serialize for KeyId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for KeyId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_hex(&text)
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom("expected 16 lowercase hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8032 §7.1, TEST 1.
    const RFC_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const RFC_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const RFC_SIGNATURE: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
                                 5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    fn rfc_key() -> SigningKey {
        SigningKey::from_seed(parse_hex(RFC_SEED).expect("hex"))
    }

    #[test]
    fn rfc8032_test_1() {
        let key = rfc_key();
        assert_eq!(key.public().to_string(), RFC_PUBLIC);
        let signature = key.sign(b"");
        assert_eq!(hex(&signature), RFC_SIGNATURE);
        assert!(key.public().verifies(b"", &signature));
        assert!(!key.public().verifies(b"x", &signature));
    }

    #[test]
    fn key_id_and_fingerprint_come_from_the_sha256_of_the_key() {
        let public = rfc_key().public();
        let digest = hex(&sha256(&public.bytes));
        assert_eq!(public.key_id().to_string(), digest[..16]);
        let fingerprint = public.fingerprint();
        assert_eq!(fingerprint.len(), 8 * 4 + 7);
        assert_eq!(
            fingerprint.replace(' ', ""),
            digest[..32].to_ascii_uppercase()
        );
    }

    #[test]
    fn seed_round_trips_and_debug_hides_it() {
        let key = rfc_key();
        assert_eq!(hex(&key.to_bytes()), RFC_SEED);
        let shown = format!("{key:?}");
        assert!(!shown.contains(&RFC_SEED[..8]), "{shown}");
        assert!(shown.contains(&key.public().key_id().to_string()));
    }

    #[test]
    fn small_order_keys_are_unusable() {
        // The identity point: every signature "verifies" under weak checks.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let weak = PublicKey { bytes: identity };
        assert!(!weak.is_usable());
        assert!(rfc_key().public().is_usable());
    }
}
