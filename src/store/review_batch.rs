//! The reviewer's table, kept in localStorage so a reload (or tomorrow's
//! session) still lists every package checked. Only the rows are kept; the
//! package files stay where the reviewer saved them and are opened again to
//! read a form or an attachment.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::review::Row;

const KEY: &str = "shenbao.v1.review-batch";

/// This build's layout of the stored table.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    rows: Vec<Row>,
}

/// The rows kept from earlier; empty when none, or when they were written
/// by another version (they are a convenience, not the record).
pub fn load() -> Vec<Row> {
    match LocalStorage::get::<Stored>(KEY) {
        Ok(s) if s.version == VERSION => s.rows,
        _ => Vec::new(),
    }
}

/// Keeps the rows.
pub fn save(rows: &[Row]) -> Result<(), StoreError> {
    if rows.is_empty() {
        LocalStorage::delete(KEY);
        return Ok(());
    }
    LocalStorage::set(
        KEY,
        Stored {
            version: VERSION,
            rows: rows.to_vec(),
        },
    )
    .map_err(StoreError::from)
}
