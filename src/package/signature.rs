//! `manifest.sig`: a signature file in minisign's layout, so that
//! `minisign -V` can check a manifest too.
//!
//! ```text
//! untrusted comment: shenbao package signature, key id <16 hex digits>
//! base64("Ed" || key id (8 bytes) || Ed25519(manifest.json) (64 bytes))
//! trusted comment: <text>
//! base64(Ed25519(signature || trusted comment text) (64 bytes))
//! ```
//!
//! Each line ends in `\n`. `Ed` is minisign's name for a pure Ed25519
//! signature over the message itself (not a BLAKE2b pre-hash). The second
//! signature, minisign's "global signature", covers the first signature and
//! the trusted comment.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::key::{KeyId, PublicKey, SigningKey};
use super::Problem;

/// The largest signature file accepted; the real one is about 300 bytes.
pub(crate) const MAX_BYTES: u64 = 1024;

/// minisign's algorithm tag for pure Ed25519.
const ALGORITHM: &[u8; 2] = b"Ed";

const UNTRUSTED: &str = "untrusted comment: ";
const TRUSTED: &str = "trusted comment: ";

/// A parsed `manifest.sig`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureFile {
    /// The id of the key that signed.
    pub key_id: KeyId,
    /// Ed25519 over the exact bytes of `manifest.json`.
    pub signature: [u8; 64],
    /// Text covered by the global signature.
    pub trusted_comment: String,
    /// Ed25519 over `signature || trusted_comment`.
    pub global_signature: [u8; 64],
}

impl SignatureFile {
    /// Signs a manifest's bytes with a trusted comment (one line).
    pub fn sign(key: &SigningKey, manifest: &[u8], trusted_comment: &str) -> Self {
        let signature = key.sign(manifest);
        let global_signature = key.sign(&global_message(&signature, trusted_comment));
        Self {
            key_id: key.public().key_id(),
            signature,
            trusted_comment: trusted_comment.to_owned(),
            global_signature,
        }
    }

    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut first = Vec::with_capacity(74);
        first.extend_from_slice(ALGORITHM);
        first.extend_from_slice(&self.key_id.0);
        first.extend_from_slice(&self.signature);
        format!(
            "{UNTRUSTED}shenbao package signature, key id {}\n{}\n{TRUSTED}{}\n{}\n",
            self.key_id,
            STANDARD.encode(first),
            self.trusted_comment,
            STANDARD.encode(self.global_signature),
        )
        .into_bytes()
    }

    /// Parses a file, accepting only exactly what [`SignatureFile::encode`]
    /// writes.
    pub fn parse(bytes: &[u8]) -> Result<Self, Problem> {
        let bad = |detail: &'static str| Problem::MalformedSignature { detail };
        if bytes.len() as u64 > MAX_BYTES {
            return Err(bad("文件过大"));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| bad("不是 UTF-8 文本"))?;
        let body = text.strip_suffix('\n').ok_or(bad("最后一行没有换行符"))?;
        let lines: Vec<&str> = body.split('\n').collect();
        let [_untrusted, first, trusted, global] = lines[..] else {
            return Err(bad("应恰好有 4 行"));
        };
        let first = STANDARD
            .decode(first)
            .map_err(|_| bad("第 2 行不是 base64"))?;
        let (algorithm, rest) = first.split_at_checked(2).ok_or(bad("第 2 行过短"))?;
        if algorithm != ALGORITHM {
            return Err(bad("签名算法不是 Ed25519（Ed）"));
        }
        let (key_id, signature) = rest.split_at_checked(8).ok_or(bad("第 2 行过短"))?;
        let key_id: [u8; 8] = key_id.try_into().map_err(|_| bad("第 2 行过短"))?;
        let signature: [u8; 64] = signature.try_into().map_err(|_| bad("第 2 行长度不对"))?;
        let trusted_comment = trusted
            .strip_prefix(TRUSTED)
            .ok_or(bad("第 3 行不是 trusted comment"))?;
        let global_signature: [u8; 64] = STANDARD
            .decode(global)
            .map_err(|_| bad("第 4 行不是 base64"))?
            .try_into()
            .map_err(|_| bad("第 4 行长度不对"))?;
        let parsed = Self {
            key_id: KeyId(key_id),
            signature,
            trusted_comment: trusted_comment.to_owned(),
            global_signature,
        };
        // One file per signature: the untrusted comment and the base64 are
        // pinned, so no byte of the file can change unnoticed.
        if parsed.encode() != bytes {
            return Err(bad("格式与规范写法不一致"));
        }
        Ok(parsed)
    }

    /// Whether both signatures are `key`'s, over `manifest` and over the
    /// trusted comment.
    pub fn verifies(&self, key: &PublicKey, manifest: &[u8]) -> bool {
        key.verifies(manifest, &self.signature)
            && key.verifies(
                &global_message(&self.signature, &self.trusted_comment),
                &self.global_signature,
            )
    }
}

fn global_message(signature: &[u8; 64], trusted_comment: &str) -> Vec<u8> {
    let mut message = Vec::with_capacity(64 + trusted_comment.len());
    message.extend_from_slice(signature);
    message.extend_from_slice(trusted_comment.as_bytes());
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_seed([7; 32])
    }

    #[test]
    fn encode_then_parse_is_identity() {
        let file = SignatureFile::sign(&key(), b"{}", "shenbao format=1");
        let bytes = file.encode();
        assert_eq!(SignatureFile::parse(&bytes), Ok(file.clone()));
        assert!(file.verifies(&key().public(), b"{}"));
        assert!(!file.verifies(&key().public(), b"{ }"));
        let text = String::from_utf8(bytes).expect("ascii");
        assert_eq!(text.lines().count(), 4);
        assert!(text.starts_with("untrusted comment: "));
    }

    #[test]
    fn a_changed_trusted_comment_breaks_the_global_signature() {
        let mut file = SignatureFile::sign(&key(), b"{}", "shenbao format=1");
        file.trusted_comment = "shenbao format=2".to_owned();
        assert!(!file.verifies(&key().public(), b"{}"));
    }

    #[test]
    fn anything_but_the_canonical_layout_is_refused() {
        let good = SignatureFile::sign(&key(), b"{}", "t").encode();
        let text = String::from_utf8(good.clone()).expect("ascii");
        let variants = [
            text.replace('\n', "\r\n"),
            text.trim_end().to_owned(),
            format!("{text}\n"),
            text.replace("untrusted comment: shenbao", "untrusted comment: other"),
            text.replace("trusted comment: t", "trusted: t"),
            text.replacen("\nRW", "\nRU", 1),
            String::new(),
        ];
        for variant in variants {
            assert!(
                SignatureFile::parse(variant.as_bytes()).is_err(),
                "{variant:?}"
            );
        }
        assert!(SignatureFile::parse(&[0xff; 10]).is_err());
        assert!(SignatureFile::parse(&vec![b'a'; 5000]).is_err());
    }

    #[test]
    fn never_panics_on_truncation() {
        let good = SignatureFile::sign(&key(), b"{}", "t").encode();
        for len in 0..good.len() {
            assert!(SignatureFile::parse(&good[..len]).is_err());
        }
    }
}
