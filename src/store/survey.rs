//! A draft's survey (questionnaire, responses, report text) in localStorage
//! through gloo-storage, one versioned key per draft beside the draft's
//! own: `shenbao.v1.survey.<draft id>`. Only the survey page writes it.

use gloo_storage::{LocalStorage, Storage};

use super::StoreError;
use crate::survey::saved::{self, SavedSurvey};

/// The key prefix of a saved survey.
pub const PREFIX: &str = "shenbao.v1.survey.";

/// The storage key of a draft's survey.
pub fn key(draft_id: &str) -> String {
    format!("{PREFIX}{draft_id}")
}

/// Reads a draft's survey; `Ok(None)` when it has none yet. A damaged
/// entry is reported and left untouched.
pub fn load(draft_id: &str) -> Result<Option<SavedSurvey>, StoreError> {
    let key = key(draft_id);
    let text = LocalStorage::raw()
        .get_item(&key)
        .map_err(|_| StoreError::Unavailable)?;
    let Some(text) = text else {
        return Ok(None);
    };
    saved::read(&text)
        .map(Some)
        .map_err(|e| StoreError::Corrupt {
            key,
            detail: e.to_string(),
        })
}

/// Saves a draft's survey.
pub fn save(draft_id: &str, survey: &SavedSurvey) -> Result<(), StoreError> {
    LocalStorage::set(key(draft_id), survey).map_err(StoreError::from)
}
