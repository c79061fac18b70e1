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
use crate::campaign::Campaign;
use crate::model::{validate, Date, Draft, SavedDraft};
use crate::package::{self, PackageInput, SigningKey};

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

/// The public half of a signing key made from `seed` (32 bytes):
/// `{public_key, key_id, fingerprint}`, hex and grouped hex.
#[wasm_bindgen]
pub fn key_info(seed: &[u8]) -> Result<JsValue, JsValue> {
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| js_err("签名密钥应为 32 字节"))?;
    let public = SigningKey::from_seed(seed).public();
    let out = Object::new();
    Reflect::set(
        &out,
        &"public_key".into(),
        &package::hex(&public.bytes).into(),
    )?;
    Reflect::set(
        &out,
        &"key_id".into(),
        &package::hex(&public.key_id().0).into(),
    )?;
    Reflect::set(&out, &"fingerprint".into(), &public.fingerprint().into())?;
    Ok(out.into())
}

/// Builds and signs the package of a draft. The campaign definition comes
/// as its file's text (its SHA-256 goes into the manifest); validation is
/// run again here, for `today`, so the findings signed are exactly those of
/// these bytes. Returns `{bytes, sha256, fingerprint, file_name}`.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn package_build(
    campaign_json: &str,
    draft_json: &str,
    ids: Vec<String>,
    files: Vec<Uint8Array>,
    seed: &[u8],
    created_at_ms: f64,
    today: &str,
    app_version: &str,
) -> Result<JsValue, JsValue> {
    let campaign = Campaign::from_json(campaign_json).map_err(js_err)?;
    let draft: Draft = serde_json::from_str(draft_json).map_err(js_err)?;
    let today = Date::parse(today).ok_or_else(|| js_err("日期无效"))?;
    let findings = validate(&campaign, &draft, today);
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| js_err("签名密钥应为 32 字节"))?;
    let key = SigningKey::from_seed(seed);
    let bytes: Vec<(String, Vec<u8>)> = ids
        .into_iter()
        .zip(files.iter().map(Uint8Array::to_vec))
        .collect();
    let mut pairs = Vec::with_capacity(draft.attachments.len());
    for a in &draft.attachments {
        let data = bytes
            .iter()
            .find(|(id, _)| *id == a.id)
            .map(|(_, b)| b.as_slice())
            .ok_or_else(|| js_err(format!("附件“{}”的内容没有读到", a.name)))?;
        pairs.push((a, data));
    }
    let input = PackageInput {
        campaign: &campaign,
        campaign_sha256: package::sha256(campaign_json.as_bytes()),
        draft: &draft,
        files: &pairs,
        findings: &findings,
        app_version,
    };
    let written = package::write(&input, &key, created_at_ms as i64).map_err(js_err)?;
    let out = Object::new();
    Reflect::set(
        &out,
        &"bytes".into(),
        &Uint8Array::from(written.bytes.as_slice()),
    )?;
    Reflect::set(
        &out,
        &"sha256".into(),
        &package::hex(&written.sha256).into(),
    )?;
    Reflect::set(
        &out,
        &"fingerprint".into(),
        &key.public().fingerprint().into(),
    )?;
    let name = package::file_name(&campaign, &draft, created_at_ms as i64);
    Reflect::set(&out, &"file_name".into(), &name.into())?;
    Ok(out.into())
}

/// Reads a survey file (CSV or XLSX, by `name`'s extension) into its table,
/// as JSON text ([`crate::survey::Table`]); throws the reason in Chinese.
/// Here rather than in the survey page because the CSV, XML and ZIP
/// readers would put that page over its size budget.
#[wasm_bindgen]
pub fn survey_table(bytes: &[u8], name: &str) -> Result<String, JsValue> {
    use crate::survey::{parse_table, FileKind};
    let kind = FileKind::from_name(name).map_err(js_err)?;
    let table = parse_table(bytes, kind).map_err(js_err)?;
    serde_json::to_string(&table).map_err(js_err)
}

/// Verifies a package and returns its report as JSON text
/// ([`package::Report`]). Never throws for bad bytes: the report says why.
#[wasm_bindgen]
pub fn package_verify(bytes: &[u8]) -> Result<String, JsValue> {
    let report = package::report(bytes, &package::Limits::default());
    serde_json::to_string(&report).map_err(js_err)
}
