//! Exporting drafts with their attachments to a backup file, and importing
//! one: the browser side of [`crate::backup`], which runs in the tools
//! module.

use std::collections::BTreeSet;

use super::{clock, drafts, files, tools, StoreError};
use crate::model::SavedDraft;

/// The app's version, written into backups and packages.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The backup of some drafts (all when `only` is `None`): the file's bytes
/// and a name for it.
pub async fn export(only: Option<&str>) -> Result<(Vec<u8>, String), String> {
    let (all, _) = drafts::load_all();
    let chosen: Vec<SavedDraft> = all
        .into_iter()
        .filter(|s| only.is_none_or(|id| s.draft.id == id))
        .collect();
    if chosen.is_empty() {
        return Err("没有可导出的草稿".to_owned());
    }
    let mut bytes_of = Vec::new();
    for a in chosen.iter().flat_map(|s| s.draft.attachments.iter()) {
        let blob = files::get(&a.id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("附件“{}”在本机找不到，请重新上传后再导出", a.name))?;
        bytes_of.push((
            a.id.clone(),
            files::bytes(&blob).await.map_err(|e| e.to_string())?,
        ));
    }
    let now = clock::now_ms();
    let zip = tools::backup_write(&chosen, bytes_of, now, APP_VERSION).await?;
    let stamp = clock::date_time(now)
        .replace([':', ' '], "")
        .replace('-', "");
    let name = match only {
        Some(id) => format!("shenbao-备份-{id}-{stamp}.zip"),
        None => format!("shenbao-备份-全部-{stamp}.zip"),
    };
    Ok((zip, name))
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    /// Drafts written.
    pub drafts: usize,
    /// Drafts skipped because this browser has a newer save of them.
    pub kept_newer: usize,
    /// Files written.
    pub files: usize,
}

/// Imports a backup. The whole file is checked first; nothing is written
/// unless it is sound.
pub async fn import(bytes: &[u8]) -> Result<Imported, String> {
    let (incoming, blobs) = tools::backup_read(bytes).await?;
    let mut report = Imported::default();
    let mut owner = std::collections::BTreeMap::new();
    for s in &incoming {
        for a in &s.draft.attachments {
            owner.insert(a.id.clone(), (s.draft.id.clone(), a.media_type.clone()));
        }
    }
    // Files first: a draft is only written once every file it names is in.
    for (id, data) in &blobs {
        let (draft, media) = owner.get(id).cloned().unwrap_or_default();
        let blob = files::blob_from(data, &media).map_err(|e| e.to_string())?;
        files::put(id, &draft, &blob)
            .await
            .map_err(|e| e.to_string())?;
        report.files += 1;
    }
    for s in incoming {
        let newer_here =
            matches!(drafts::load(&s.draft.id), Ok(Some(here)) if here.saved_at > s.saved_at);
        if newer_here {
            report.kept_newer += 1;
            continue;
        }
        drafts::put(&s).map_err(|e: StoreError| e.to_string())?;
        report.drafts += 1;
    }
    Ok(report)
}

/// Removes stored files that no draft names (after a deletion's undo has
/// lapsed, or a failed import).
pub async fn sweep_orphans() -> Result<usize, StoreError> {
    let (all, errors) = drafts::load_all();
    if !errors.is_empty() {
        // A draft that cannot be read may still own files: keep everything.
        return Ok(0);
    }
    let keep: BTreeSet<String> = all
        .iter()
        .flat_map(|s| s.draft.attachments.iter().map(|a| a.id.clone()))
        .collect();
    files::sweep(&keep, 10.0 * 60.0 * 1000.0).await
}
