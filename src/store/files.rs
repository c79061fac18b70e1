//! Attachment bytes in IndexedDB: one record per file, `{id, draft, added,
//! blob}`, the Blob stored as is. Never base64, never in localStorage, and
//! never copied into WebAssembly memory to be stored.
//!
//! The IndexedDB calls are a 70-line promise wrapper in `files.js`; a Rust
//! wrapper crate (rexie) did the same for 19 KB more of the gzipped first
//! load, a twentieth of its budget.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::StoreError;

#[wasm_bindgen(module = "/src/store/files.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = putFile)]
    async fn put_file(id: &str, draft: &str, added: f64, blob: &Blob) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = getFile)]
    async fn get_file(id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = deleteFiles)]
    async fn delete_files(ids: Vec<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = listFiles)]
    async fn list_files() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = readReused)]
    async fn read_reused(blob: &Blob) -> Result<JsValue, JsValue>;
}

fn js_error(e: JsValue) -> StoreError {
    let field = |name: &str| {
        Reflect::get(&e, &name.into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default()
    };
    match field("name").as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "SecurityError" | "InvalidStateError" => StoreError::Unavailable,
        name => StoreError::Browser(format!("IndexedDB：{name} {}", field("message"))),
    }
}

/// Stores a file's bytes for a draft.
pub async fn put(id: &str, draft: &str, blob: &Blob) -> Result<(), StoreError> {
    put_file(id, draft, super::clock::now_ms(), blob)
        .await
        .map(drop)
        .map_err(js_error)
}

/// A stored file's bytes as a Blob; `None` when there is none.
pub async fn get(id: &str) -> Result<Option<Blob>, StoreError> {
    let value = get_file(id).await.map_err(js_error)?;
    Ok(value.dyn_into::<Blob>().ok())
}

/// Removes files; missing ones are fine.
pub async fn delete(ids: &[String]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    delete_files(ids.to_vec()).await.map(drop).map_err(js_error)
}

/// Every stored file: its id and when it was stored (ms since the epoch).
async fn list() -> Result<Vec<(String, f64)>, StoreError> {
    let records = Array::from(&list_files().await.map_err(js_error)?);
    Ok(records
        .iter()
        .filter_map(|r| {
            let id = Reflect::get(&r, &"id".into()).ok()?.as_string()?;
            let added = Reflect::get(&r, &"added".into()).ok()?.as_f64()?;
            Some((id, added))
        })
        .collect())
}

/// The ids of every stored file.
pub async fn ids() -> Result<Vec<String>, StoreError> {
    Ok(list().await?.into_iter().map(|(id, _)| id).collect())
}

/// Removes files no draft refers to, if they were stored more than
/// `grace_ms` ago (a file is stored a moment before the draft that names
/// it is saved, possibly in another tab). Returns how many went.
pub async fn sweep(
    keep: &std::collections::BTreeSet<String>,
    grace_ms: f64,
) -> Result<usize, StoreError> {
    let now = super::clock::now_ms();
    let orphans: Vec<String> = list()
        .await?
        .into_iter()
        .filter(|(id, added)| !keep.contains(id) && now - added > grace_ms)
        .map(|(id, _)| id)
        .collect();
    delete(&orphans).await?;
    Ok(orphans.len())
}

/// A Blob's bytes, copied into WebAssembly memory (for hashing, packaging
/// and backups).
pub async fn bytes(blob: &Blob) -> Result<Vec<u8>, StoreError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A Blob's bytes as a JavaScript array, not copied into WebAssembly
/// memory: for handing a file straight to the tools module.
pub async fn array(blob: &Blob) -> Result<Uint8Array, StoreError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer))
}

/// A Blob's bytes in a JavaScript buffer that the next call reuses: for
/// reading many files one after another without leaving one garbage buffer
/// per file. The array is only valid until the next call.
pub async fn array_reused(blob: &Blob) -> Result<Uint8Array, StoreError> {
    let array = read_reused(blob).await.map_err(js_error)?;
    // A view already; `Uint8Array::new` would copy it.
    Ok(array.unchecked_into())
}

/// The first `n` bytes of a Blob, without reading the rest.
pub async fn head(blob: &Blob, n: usize) -> Result<Vec<u8>, StoreError> {
    let end = i32::try_from(n).unwrap_or(i32::MAX);
    let part = blob.slice_with_i32_and_i32(0, end).map_err(js_error)?;
    bytes(&part).await
}

/// A Blob of bytes, with a media type.
pub fn blob_from(bytes: &[u8], media_type: &str) -> Result<Blob, StoreError> {
    let array = Uint8Array::from(bytes);
    let parts = Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)
}
