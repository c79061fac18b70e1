//! The exports of the tools module (`shenbao-tools`), a second WebAssembly
//! module that the app loads on first use of a heavy feature. Each export
//! is a thin wrapper over a pure function of this crate, passing JSON text
//! and bytes; the app side is `store::tools`.
//!
//! Keeping ZIP, SHA-256 and signature code out of the main module is what
//! keeps the first load under its budget.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::backup::{self, Limits};
use crate::campaign::Campaign;
use crate::model::{validate, Date, Draft, SavedDraft};
use crate::package::{self, PackageInput, SigningKey};

/// A campaign definition's text, parsed, and the text's SHA-256.
type ParsedCampaign = (String, Rc<Campaign>, [u8; 32]);

thread_local! {
    /// The campaign last given, parsed, with the SHA-256 of its text: a
    /// reviewer's batch passes the same definition for every package, and
    /// parsing and checking it each time was work done hundreds of times.
    static CAMPAIGN: RefCell<Option<ParsedCampaign>> = const { RefCell::new(None) };
}

/// The campaign of a definition's text, and the text's SHA-256; parsed once
/// while the text stays the same.
fn campaign_of(json: &str) -> Result<(Rc<Campaign>, [u8; 32]), JsValue> {
    CAMPAIGN.with(|cache| {
        if let Some((text, campaign, sha)) = cache.borrow().as_ref() {
            if text == json {
                return Ok((Rc::clone(campaign), *sha));
            }
        }
        let campaign = Rc::new(Campaign::from_json(json).map_err(js_err)?);
        let sha = package::sha256(json.as_bytes());
        *cache.borrow_mut() = Some((json.to_owned(), Rc::clone(&campaign), sha));
        Ok((campaign, sha))
    })
}

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
pub async fn package_build(
    campaign_json: String,
    draft_json: String,
    ids: Vec<String>,
    files: Vec<Uint8Array>,
    seed: Vec<u8>,
    created_at_ms: f64,
    today: String,
    app_version: String,
) -> Result<JsValue, JsValue> {
    let (campaign, campaign_sha256) = campaign_of(&campaign_json)?;
    let draft: Draft = serde_json::from_str(&draft_json).map_err(js_err)?;
    let today = Date::parse(&today).ok_or_else(|| js_err("日期无效"))?;
    let findings = validate(&campaign, &draft, today);
    let seed: [u8; 32] = seed
        .as_slice()
        .try_into()
        .map_err(|_| js_err("签名密钥应为 32 字节"))?;
    let key = SigningKey::from_seed(seed);
    // The attachments' SHA-256 by WebCrypto, all at once, while their bytes
    // are still only in JavaScript.
    let digests = web_digests(files.iter().map(|f| f.as_ref())).await;
    let known: Vec<(&str, [u8; 32])> = digests
        .iter()
        .flat_map(|d| ids.iter().map(String::as_str).zip(d.iter().copied()))
        .collect();
    let bytes: Vec<(&str, Vec<u8>)> = ids
        .iter()
        .map(String::as_str)
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
        campaign_sha256,
        draft: &draft,
        files: &pairs,
        findings: &findings,
        app_version: &app_version,
    };
    let (written, _) =
        package::write_with_digests(&input, &key, created_at_ms as i64, &known).map_err(js_err)?;
    drop(bytes);
    let written = Uint8Array::from(written.as_slice());
    let sha256 = match web_digests(std::iter::once(written.as_ref())).await {
        Some(d) => d.first().copied().unwrap_or_default(),
        None => package::sha256(&written.to_vec()),
    };
    let out = Object::new();
    Reflect::set(&out, &"bytes".into(), &written)?;
    Reflect::set(&out, &"sha256".into(), &package::hex(&sha256).into())?;
    Reflect::set(
        &out,
        &"fingerprint".into(),
        &key.public().fingerprint().into(),
    )?;
    let name = package::file_name(&campaign, &draft, created_at_ms as i64);
    Reflect::set(&out, &"file_name".into(), &name.into())?;
    Ok(out.into())
}

/// SHA-256 of each buffer by WebCrypto (the CPU's SHA instructions, off the
/// WebAssembly thread, all requested at once); `None` where WebCrypto is
/// missing or fails, and the caller hashes itself.
async fn web_digests<'a>(buffers: impl Iterator<Item = &'a JsValue>) -> Option<Vec<[u8; 32]>> {
    use wasm_bindgen::JsCast;
    // `globalThis.crypto`: a window's, a worker's, or Node's.
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    if crypto.is_undefined() || crypto.is_null() {
        return None;
    }
    let subtle = crypto.unchecked_into::<web_sys::Crypto>().subtle();
    let jobs = Array::new();
    for buffer in buffers {
        let job = subtle
            .digest_with_str_and_buffer_source("SHA-256", buffer.unchecked_ref())
            .ok()?;
        jobs.push(&job);
    }
    let done = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&jobs))
        .await
        .ok()?;
    Array::from(&done)
        .iter()
        .map(|d| Uint8Array::new(&d).to_vec().try_into().ok())
        .collect()
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

/// Verifies a package or a forwarding package and returns its report as
/// JSON text ([`package::Report`]). Never throws for bad bytes: the report
/// says why. Hashing is done by WebCrypto where the browser has it.
#[wasm_bindgen]
pub async fn package_verify(bytes: Uint8Array) -> Result<String, JsValue> {
    let data = bytes.to_vec();
    let limits = package::Limits::default();
    let known = known_digests(&bytes, &data, &limits).await;
    let report = package::inspect(&data, &limits, None, known);
    serde_json::to_string(&report).map_err(js_err)
}

/// The SHA-256 digests of the whole file and of its stored entries' data,
/// computed by WebCrypto (SHA instructions of the CPU, off the WebAssembly
/// thread, all requested at once); `None` where WebCrypto is missing or
/// the bytes do not open as a package, and the verifier hashes itself.
async fn known_digests(
    js: &Uint8Array,
    data: &[u8],
    limits: &package::Limits,
) -> Option<package::KnownDigests> {
    if package::is_forward(data) {
        return None;
    }
    let ranges = package::open(data, limits).ok()?.stored_ranges();
    let mut parts = vec![JsValue::from(js.clone())];
    for &(start, end) in &ranges {
        let part = js.subarray(u32::try_from(start).ok()?, u32::try_from(end).ok()?);
        parts.push(part.into());
    }
    let digests = web_digests(parts.iter()).await?;
    let (file, parts) = digests.split_first()?;
    Some(package::KnownDigests {
        file: Some(*file),
        ranges: ranges.into_iter().zip(parts.iter().copied()).collect(),
    })
}

/// Opens a package or a forwarding package and reports on it as JSON text
/// ([`package::Report`]), scoring and validating the form again against
/// the reviewer's campaign (its file's text) for `today`. Never throws for
/// bad package bytes: the report says why.
#[wasm_bindgen]
pub async fn package_inspect(
    bytes: Uint8Array,
    campaign_json: String,
    today: String,
) -> Result<String, JsValue> {
    let (campaign, campaign_sha256) = campaign_of(&campaign_json)?;
    let today = Date::parse(&today).ok_or_else(|| js_err("日期无效"))?;
    let against = package::Against {
        campaign: &campaign,
        campaign_sha256,
        today,
    };
    let data = bytes.to_vec();
    let limits = package::Limits::default();
    let known = known_digests(&bytes, &data, &limits).await;
    let report = package::inspect(&data, &limits, Some(against), known);
    serde_json::to_string(&report).map_err(js_err)
}

/// One file of a package (or of the package inside a forwarding package),
/// checked against the manifest's SHA-256. Throws the reason in Chinese.
#[wasm_bindgen]
pub fn package_entry(bytes: &[u8], path: &str) -> Result<Vec<u8>, JsValue> {
    let limits = package::Limits::default();
    let inner = if package::is_forward(bytes) {
        let v = package::verify_forward(bytes, &limits).map_err(js_err)?;
        let (start, end) = v.inner_range;
        bytes.get(start..end).unwrap_or_default()
    } else {
        bytes
    };
    let opened = package::open(inner, &limits).map_err(js_err)?;
    opened.read(path).map_err(js_err)
}

/// Makes a forwarding package: `package` unchanged, with the opinion
/// (JSON of [`package::Opinion`]), signed with the reviewer's key.
#[wasm_bindgen]
pub fn forward_build(
    package_bytes: &[u8],
    file_name: &str,
    opinion_json: &str,
    seed: &[u8],
    created_at_ms: f64,
    app_version: &str,
) -> Result<Vec<u8>, JsValue> {
    let opinion: package::Opinion = serde_json::from_str(opinion_json).map_err(js_err)?;
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| js_err("签名密钥应为 32 字节"))?;
    let key = SigningKey::from_seed(seed);
    package::write_forward(
        package_bytes,
        file_name,
        &opinion,
        &key,
        created_at_ms as i64,
        app_version,
    )
    .map_err(js_err)
}

/// A table (JSON of [`crate::sheet::Sheet`]) as `csv` (UTF-8 with BOM) or
/// `xlsx` bytes.
#[wasm_bindgen]
pub fn table_export(format: &str, sheet_json: &str) -> Result<Vec<u8>, JsValue> {
    let sheet: crate::sheet::Sheet = serde_json::from_str(sheet_json).map_err(js_err)?;
    match format {
        "csv" => Ok(crate::sheet::csv(&sheet)),
        "xlsx" => crate::sheet::xlsx(&sheet).map_err(js_err),
        other => Err(js_err(format!("不支持的表格格式「{other}」"))),
    }
}
