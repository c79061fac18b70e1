//! The campaign definition an organiser picked, kept in localStorage so it
//! survives a reload, and reading a picked file with a bounded size.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::JsFuture;

use super::StoreError;
use crate::campaign;

const KEY: &str = "shenbao.v1.campaign";

/// A campaign file picked by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickedCampaign {
    /// The file's name, shown so the user knows which definition is active.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The picked campaign, if any.
pub fn load() -> Option<PickedCampaign> {
    LocalStorage::get(KEY).ok()
}

/// Keeps a picked campaign.
pub fn save(picked: &PickedCampaign) -> Result<(), StoreError> {
    LocalStorage::set(KEY, picked).map_err(StoreError::from)
}

/// Goes back to the built-in campaign.
pub fn clear() {
    LocalStorage::delete(KEY);
}

/// Reads a picked file as text, refusing one larger than the campaign
/// limit before reading a byte of it.
pub async fn read_text(file: &web_sys::File) -> Result<String, StoreError> {
    let len = file.size();
    if len > campaign::MAX_BYTES as f64 {
        return Err(StoreError::TooLarge {
            len: len as u64,
            max: campaign::MAX_BYTES,
        });
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
    text.as_string()
        .ok_or_else(|| StoreError::Browser("文件内容不是文本".to_owned()))
}
