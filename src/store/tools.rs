//! Calls into the lazily loaded tools module (see `crate::tools`): the app
//! side of the boundary. Errors come back as the Chinese text the tools
//! module threw, or a message that the module could not be loaded.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::model::SavedDraft;

#[wasm_bindgen(module = "/src/store/tools.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = backupWrite)]
    async fn backup_write_js(
        drafts_json: &str,
        ids: Vec<String>,
        files: Vec<Uint8Array>,
        created_at: f64,
        app_version: &str,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = backupRead)]
    async fn backup_read_js(bytes: &[u8]) -> Result<JsValue, JsValue>;
}

fn message(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| {
        let detail = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        format!("无法加载本程序的工具模块（{detail}）：请检查网络后刷新页面再试")
    })
}

/// Writes a backup of drafts and their files.
pub async fn backup_write(
    drafts: &[SavedDraft],
    files: Vec<(String, Vec<u8>)>,
    created_at: f64,
    app_version: &str,
) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(drafts).map_err(|e| e.to_string())?;
    let (ids, bytes): (Vec<String>, Vec<Uint8Array>) = files
        .iter()
        .map(|(id, b)| (id.clone(), Uint8Array::from(b.as_slice())))
        .unzip();
    let out = backup_write_js(&json, ids, bytes, created_at, app_version)
        .await
        .map_err(message)?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// Reads and checks a backup; nothing is returned unless all of it is sound.
pub async fn backup_read(
    bytes: &[u8],
) -> Result<(Vec<SavedDraft>, Vec<(String, Vec<u8>)>), String> {
    let out = backup_read_js(bytes).await.map_err(message)?;
    let field = |name: &str| Reflect::get(&out, &name.into()).map_err(message);
    let json = field("drafts_json")?.as_string().unwrap_or_default();
    let drafts: Vec<SavedDraft> = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let ids = Array::from(&field("ids")?);
    let files = Array::from(&field("files")?);
    let pairs = ids
        .iter()
        .zip(files.iter())
        .map(|(id, f)| {
            (
                id.as_string().unwrap_or_default(),
                Uint8Array::new(&f).to_vec(),
            )
        })
        .collect();
    Ok((drafts, pairs))
}
