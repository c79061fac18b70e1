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

    #[wasm_bindgen(catch, js_name = keyInfo)]
    async fn key_info_js(seed: &[u8]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = packageBuild)]
    #[allow(clippy::too_many_arguments)]
    async fn package_build_js(
        campaign_json: &str,
        draft_json: &str,
        ids: Vec<String>,
        files: Vec<Uint8Array>,
        seed: &[u8],
        created_at: f64,
        today: &str,
        app_version: &str,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = packageInspect)]
    async fn package_inspect_js(
        bytes: &Uint8Array,
        campaign_json: &str,
        today: &str,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = packageEntry)]
    async fn package_entry_js(bytes: &Uint8Array, path: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = forwardBuild)]
    async fn forward_build_js(
        bytes: &Uint8Array,
        file_name: &str,
        opinion_json: &str,
        seed: &[u8],
        created_at: f64,
        app_version: &str,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = tableExport)]
    async fn table_export_js(format: &str, sheet_json: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = surveyTable)]
    async fn survey_table_js(bytes: &[u8], name: &str) -> Result<JsValue, JsValue>;
}

fn text(value: &JsValue, name: &str) -> String {
    Reflect::get(value, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The public half of a key: `(public_key, key_id, fingerprint)`.
pub async fn key_info(seed: &[u8]) -> Result<(String, String, String), String> {
    let out = key_info_js(seed).await.map_err(message)?;
    Ok((
        text(&out, "public_key"),
        text(&out, "key_id"),
        text(&out, "fingerprint"),
    ))
}

/// A package built: its bytes, SHA-256 (hex), the signer's fingerprint and
/// the file name to save it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The package file.
    pub bytes: Vec<u8>,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// `2011_<类别>_<单位或姓名>_<日期>.zip`.
    pub file_name: String,
}

/// What `package_build` needs besides the files.
pub struct BuildInput<'a> {
    /// The campaign definition's text.
    pub campaign_json: &'a str,
    /// The draft.
    pub draft: &'a crate::model::Draft,
    /// The signing key's seed.
    pub seed: &'a [u8],
    /// The signer's clock, ms since the epoch.
    pub created_at: f64,
    /// Today, `YYYY-MM-DD`, for the deadline rules.
    pub today: &'a str,
    /// This app's version.
    pub app_version: &'a str,
}

/// Builds and signs a package in the tools module.
pub async fn package_build(
    input: BuildInput<'_>,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Built, String> {
    let draft_json = serde_json::to_string(input.draft).map_err(|e| e.to_string())?;
    let (ids, bytes): (Vec<String>, Vec<Uint8Array>) = files
        .iter()
        .map(|(id, b)| (id.clone(), Uint8Array::from(b.as_slice())))
        .unzip();
    let out = package_build_js(
        input.campaign_json,
        &draft_json,
        ids,
        bytes,
        input.seed,
        input.created_at,
        input.today,
        input.app_version,
    )
    .await
    .map_err(message)?;
    let bytes = Reflect::get(&out, &"bytes".into()).map_err(message)?;
    Ok(Built {
        bytes: Uint8Array::new(&bytes).to_vec(),
        sha256: text(&out, "sha256"),
        fingerprint: text(&out, "fingerprint"),
        file_name: text(&out, "file_name"),
    })
}

/// Opens a package or forwarding package (its bytes left in JavaScript)
/// and reports on it, validating the form again against `campaign_json`.
pub async fn package_inspect(
    bytes: &Uint8Array,
    campaign_json: &str,
    today: &str,
) -> Result<crate::package::Report, String> {
    let json = package_inspect_js(bytes, campaign_json, today)
        .await
        .map_err(message)?;
    serde_json::from_str(&json.as_string().unwrap_or_default()).map_err(|e| e.to_string())
}

/// One file of a package, checked against its manifest, as a JavaScript
/// array (for a Blob, without a copy into this module's memory).
pub async fn package_entry(bytes: &Uint8Array, path: &str) -> Result<Uint8Array, String> {
    let out = package_entry_js(bytes, path).await.map_err(message)?;
    Ok(Uint8Array::new(&out))
}

/// Makes a forwarding package signed with `seed`.
pub async fn forward_build(
    bytes: &Uint8Array,
    file_name: &str,
    opinion: &crate::package::Opinion,
    seed: &[u8],
    created_at: f64,
    app_version: &str,
) -> Result<Uint8Array, String> {
    let json = serde_json::to_string(opinion).map_err(|e| e.to_string())?;
    let out = forward_build_js(bytes, file_name, &json, seed, created_at, app_version)
        .await
        .map_err(message)?;
    Ok(Uint8Array::new(&out))
}

/// A table as `csv` or `xlsx` bytes.
pub async fn table_export(format: &str, sheet: &crate::sheet::Sheet) -> Result<Uint8Array, String> {
    let json = serde_json::to_string(sheet).map_err(|e| e.to_string())?;
    let out = table_export_js(format, &json).await.map_err(message)?;
    Ok(Uint8Array::new(&out))
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

/// Reads a survey file (CSV or XLSX, by the extension of `name`) into its
/// table in the tools module; the error is the Chinese reason.
pub async fn survey_table(bytes: &[u8], name: &str) -> Result<crate::survey::Table, String> {
    let json = survey_table_js(bytes, name).await.map_err(message)?;
    serde_json::from_str(&json.as_string().unwrap_or_default()).map_err(|e| e.to_string())
}
