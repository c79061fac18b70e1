//! Drafts in localStorage (through gloo-storage), one key per draft under a
//! versioned namespace, so that one damaged entry never hides the others.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::model::Draft;

/// The key prefix of a saved draft: `shenbao.v1.draft.<id>`.
pub const PREFIX: &str = "shenbao.v1.draft.";

/// The layout of a saved draft; bumped when it changes, with a migration.
pub const SCHEMA: u32 = 1;

/// A draft as kept in storage, with when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    /// The layout version, [`SCHEMA`] when written by this build.
    pub schema: u32,
    /// When it was saved, ms since the epoch.
    pub saved_at: f64,
    /// The draft.
    pub draft: Draft,
}

#[derive(Serialize)]
struct SavedRef<'a> {
    schema: u32,
    saved_at: f64,
    draft: &'a Draft,
}

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// Saves a draft, stamped with `now`.
pub fn save(draft: &Draft, now: f64) -> Result<(), StoreError> {
    let saved = SavedRef {
        schema: SCHEMA,
        saved_at: now,
        draft,
    };
    LocalStorage::set(key(&draft.id), saved).map_err(StoreError::from)
}

/// Reads one draft; `Ok(None)` when there is none with this id.
pub fn load(id: &str) -> Result<Option<SavedDraft>, StoreError> {
    let key = key(id);
    let raw = LocalStorage::raw();
    let Some(text) = raw.get_item(&key).map_err(|_| StoreError::Unavailable)? else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::Corrupt {
            key,
            detail: e.to_string(),
        })
}

/// Every saved draft, newest first, and the entries that could not be read
/// (left in storage untouched).
pub fn load_all() -> (Vec<SavedDraft>, Vec<StoreError>) {
    let raw = LocalStorage::raw();
    let len = raw.length().unwrap_or(0);
    let ids: Vec<String> = (0..len)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_owned))
        .collect();
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        match load(&id) {
            Ok(Some(d)) => drafts.push(d),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    (drafts, errors)
}

/// Removes a draft.
pub fn delete(id: &str) {
    LocalStorage::delete(key(id));
}
