//! Drafts in localStorage (through gloo-storage), one key per draft under a
//! versioned namespace, so that one damaged entry never hides the others.
//!
//! Every save states the revision it last saw; if the stored revision is
//! different, another tab saved in between and the save is refused
//! ([`StoreError::Conflict`]) instead of silently overwriting.

use gloo_storage::{LocalStorage, Storage};

use super::StoreError;
use crate::model::saved::{self, SavedDraft, SCHEMA};
use crate::model::Draft;

/// The key prefix of a saved draft: `shenbao.v1.draft.<id>`.
pub const PREFIX: &str = "shenbao.v1.draft.";

/// The storage key of a draft.
pub fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

fn raw_get(key: &str) -> Result<Option<String>, StoreError> {
    LocalStorage::raw()
        .get_item(key)
        .map_err(|_| StoreError::Unavailable)
}

/// Saves a draft as tab `tab`, which last saw revision `seen` (0 for a
/// draft it created). Returns the new revision.
pub fn save(draft: &Draft, now: f64, tab: &str, seen: u64) -> Result<u64, StoreError> {
    let key = key(&draft.id);
    let stored = match raw_get(&key)? {
        Some(text) => Some(saved::read(&text).map_err(|e| StoreError::Corrupt {
            key: key.clone(),
            detail: e.to_string(),
        })?),
        None => None,
    };
    match &stored {
        Some(s) if s.rev != seen => {
            return Err(StoreError::Conflict {
                saved_at: s.saved_at,
            })
        }
        None if seen != 0 => return Err(StoreError::Conflict { saved_at: now }),
        _ => {}
    }
    let rev = seen + 1;
    put(&SavedDraft {
        schema: SCHEMA,
        saved_at: now,
        rev,
        tab: tab.to_owned(),
        draft: draft.clone(),
    })?;
    Ok(rev)
}

/// Writes a saved draft as it is (restoring a deletion, importing).
pub fn put(saved: &SavedDraft) -> Result<(), StoreError> {
    LocalStorage::set(key(&saved.draft.id), saved).map_err(StoreError::from)
}

/// Reads one draft; `Ok(None)` when there is none with this id.
pub fn load(id: &str) -> Result<Option<SavedDraft>, StoreError> {
    let key = key(id);
    let Some(text) = raw_get(&key)? else {
        return Ok(None);
    };
    saved::read(&text)
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

/// Removes a draft's entry (its files are removed by the caller).
pub fn delete(id: &str) {
    LocalStorage::delete(key(id));
}
