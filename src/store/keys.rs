//! This browser's signing key: made on first use from the browser's random
//! source, kept in localStorage, and leaving the browser only when the user
//! exports a backup of it.

use super::{clock, tools, StoreError};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "shenbao.v1.signing-key";

/// The key as stored: the secret seed and its public facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredKey {
    /// The 32-byte secret seed, hex. Never shown, never sent.
    pub seed: String,
    /// The public key, hex.
    pub public_key: String,
    /// Its id (first 8 bytes of its SHA-256), hex.
    pub key_id: String,
    /// The fingerprint shown to people, grouped hex.
    pub fingerprint: String,
    /// When it was made, ms since the epoch.
    pub created_at: f64,
}

impl StoredKey {
    /// The seed's bytes; `None` if the stored text is damaged.
    pub fn seed_bytes(&self) -> Option<Vec<u8>> {
        let s = self.seed.as_bytes();
        if s.len() != 64 {
            return None;
        }
        s.chunks(2)
            .map(|pair| {
                let text = std::str::from_utf8(pair).ok()?;
                u8::from_str_radix(text, 16).ok()
            })
            .collect()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key, if this browser has one.
pub fn load() -> Option<StoredKey> {
    LocalStorage::get(KEY).ok()
}

/// The key, made now if this browser has none.
pub async fn load_or_create() -> Result<StoredKey, String> {
    if let Some(k) = load() {
        return Ok(k);
    }
    let mut seed = [0u8; 32];
    let crypto = leptos::prelude::window()
        .crypto()
        .map_err(|_| "浏览器不提供安全随机数，无法生成签名密钥".to_owned())?;
    crypto
        .get_random_values_with_u8_array(&mut seed)
        .map_err(|_| "浏览器不提供安全随机数，无法生成签名密钥".to_owned())?;
    let (public_key, key_id, fingerprint) = tools::key_info(&seed).await?;
    let key = StoredKey {
        seed: hex(&seed),
        public_key,
        key_id,
        fingerprint,
        created_at: clock::now_ms(),
    };
    LocalStorage::set(KEY, &key).map_err(|e| StoreError::from(e).to_string())?;
    Ok(key)
}

/// Replaces this browser's key with one from a key backup file, after
/// checking that its public facts match its seed.
pub async fn import(text: &str) -> Result<StoredKey, String> {
    let key: StoredKey =
        serde_json::from_str(text).map_err(|_| "这不是本程序导出的签名密钥文件".to_owned())?;
    let seed = key
        .seed_bytes()
        .ok_or_else(|| "密钥文件已损坏".to_owned())?;
    let (public_key, _, _) = tools::key_info(&seed).await?;
    if public_key != key.public_key {
        return Err("密钥文件已损坏：公钥与私钥不符".to_owned());
    }
    LocalStorage::set(KEY, &key).map_err(|e| StoreError::from(e).to_string())?;
    Ok(key)
}

/// The key as a backup file's text.
pub fn export(key: &StoredKey) -> String {
    serde_json::to_string_pretty(key).unwrap_or_default()
}
