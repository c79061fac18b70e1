//! Attachment bytes in IndexedDB (through rexie): one record per file,
//! `{id, draft, blob}`, the Blob stored as is. Never base64, never in
//! localStorage, and never copied into WebAssembly memory to be stored.

use js_sys::{Object, Reflect, Uint8Array};
use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::StoreError;

const DB: &str = "shenbao";
const VERSION: u32 = 1;
const FILES: &str = "files";

fn db_error(e: rexie::Error) -> StoreError {
    // rexie reports IndexedDB's DOMException names in its debug text.
    let text = format!("{e:?}");
    if text.contains("QuotaExceeded") {
        StoreError::QuotaExceeded
    } else {
        StoreError::Browser(format!("IndexedDB：{e}"))
    }
}

fn js_error(e: JsValue) -> StoreError {
    let name = Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StoreError::QuotaExceeded
    } else {
        StoreError::Browser(format!("{name} {e:?}"))
    }
}

async fn open() -> Result<Rexie, StoreError> {
    Rexie::builder(DB)
        .version(VERSION)
        .add_object_store(ObjectStore::new(FILES).key_path("id"))
        .build()
        .await
        .map_err(db_error)
}

/// Stores a file's bytes for a draft.
pub async fn put(id: &str, draft: &str, blob: &Blob) -> Result<(), StoreError> {
    let record = Object::new();
    for (key, value) in [
        ("id", JsValue::from_str(id)),
        ("draft", JsValue::from_str(draft)),
        ("added", JsValue::from_f64(super::clock::now_ms())),
        ("blob", blob.into()),
    ] {
        Reflect::set(&record, &key.into(), &value).map_err(js_error)?;
    }
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadWrite)
        .map_err(db_error)?;
    let store = tx.store(FILES).map_err(db_error)?;
    store.put(&record, None).await.map_err(db_error)?;
    tx.done().await.map_err(db_error)?;
    Ok(())
}

/// A stored file's bytes as a Blob; `None` when there is none.
pub async fn get(id: &str) -> Result<Option<Blob>, StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadOnly)
        .map_err(db_error)?;
    let store = tx.store(FILES).map_err(db_error)?;
    let Some(record) = store.get(id.into()).await.map_err(db_error)? else {
        return Ok(None);
    };
    let blob = Reflect::get(&record, &"blob".into()).map_err(js_error)?;
    Ok(blob.dyn_into::<Blob>().ok())
}

/// Removes files; missing ones are fine.
pub async fn delete(ids: &[String]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadWrite)
        .map_err(db_error)?;
    let store = tx.store(FILES).map_err(db_error)?;
    for id in ids {
        store.delete(id.as_str().into()).await.map_err(db_error)?;
    }
    tx.done().await.map_err(db_error)?;
    Ok(())
}

/// The ids of every stored file.
pub async fn ids() -> Result<Vec<String>, StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadOnly)
        .map_err(db_error)?;
    let store = tx.store(FILES).map_err(db_error)?;
    let keys = store.get_all_keys(None, None).await.map_err(db_error)?;
    Ok(keys.into_iter().filter_map(|k| k.as_string()).collect())
}

/// Removes files no draft refers to, if they were stored more than
/// `grace_ms` ago (a file is stored a moment before the draft that names
/// it is saved, possibly in another tab). Returns how many went.
pub async fn sweep(
    keep: &std::collections::BTreeSet<String>,
    grace_ms: f64,
) -> Result<usize, StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadOnly)
        .map_err(db_error)?;
    let store = tx.store(FILES).map_err(db_error)?;
    let records = store.get_all(None, None).await.map_err(db_error)?;
    let now = super::clock::now_ms();
    let orphans: Vec<String> = records
        .iter()
        .filter_map(|r| {
            let id = Reflect::get(r, &"id".into()).ok()?.as_string()?;
            let added = Reflect::get(r, &"added".into())
                .ok()
                .and_then(|a| a.as_f64())
                .unwrap_or(0.0);
            (!keep.contains(&id) && now - added > grace_ms).then_some(id)
        })
        .collect();
    drop(tx);
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

/// The first `n` bytes of a Blob, without reading the rest.
pub async fn head(blob: &Blob, n: usize) -> Result<Vec<u8>, StoreError> {
    let part = blob.slice_with_i32_and_i32(0, n as i32).map_err(js_error)?;
    bytes(&part).await
}

/// A Blob of bytes, with a media type.
pub fn blob_from(bytes: &[u8], media_type: &str) -> Result<Blob, StoreError> {
    let array = Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)
}
