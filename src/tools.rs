//! The exports of the tools module (`shenbao-tools`), a second WebAssembly
//! module that the app loads on first use of a heavy feature. Each export
//! is a thin wrapper over a pure function of this crate, passing JSON text
//! and bytes; the app side is `store::tools`.
//!
//! Keeping ZIP, SHA-256 and signature code out of the main module is what
//! keeps the first load under its budget.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::backup::{self, Limits};
use crate::model::SavedDraft;

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Writes a backup: `drafts_json` is a JSON array of saved drafts; `ids`
/// and `files` are parallel lists of attachment ids and their bytes.
#[wasm_bindgen]
pub fn backup_write(
    drafts_json: &str,
    ids: Vec<String>,
    files: Vec<Uint8Array>,
    created_at: f64,
    app_version: &str,
) -> Result<Vec<u8>, JsValue> {
    let drafts: Vec<SavedDraft> = serde_json::from_str(drafts_json).map_err(js_err)?;
    let files: Vec<(String, Vec<u8>)> = ids
        .into_iter()
        .zip(files.iter().map(Uint8Array::to_vec))
        .collect();
    backup::write(&drafts, &files, created_at, app_version).map_err(js_err)
}

/// Reads and checks a backup completely. Returns `{drafts_json, ids,
/// files}` or throws the reason (in Chinese) it was refused.
#[wasm_bindgen]
pub fn backup_read(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let b = backup::read(bytes, &Limits::default()).map_err(js_err)?;
    let out = Object::new();
    let drafts_json = serde_json::to_string(&b.drafts).map_err(js_err)?;
    let ids = Array::new();
    let files = Array::new();
    for (id, data) in &b.files {
        ids.push(&JsValue::from_str(id));
        files.push(&Uint8Array::from(data.as_slice()));
    }
    Reflect::set(&out, &"drafts_json".into(), &drafts_json.into())?;
    Reflect::set(&out, &"ids".into(), &ids)?;
    Reflect::set(&out, &"files".into(), &files)?;
    Ok(out.into())
}
