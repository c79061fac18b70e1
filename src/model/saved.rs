//! A draft as saved in browser storage, with the migrations that read
//! every older layout.
//!
//! | schema | layout |
//! |---|---|
//! | 1 | `{schema, saved_at, draft}` |
//! | 2 | adds `rev` (a counter bumped by every save) and `tab` (who saved), so two tabs never overwrite each other unknowingly |

use std::fmt;

use serde::{Deserialize, Serialize};

use super::draft::Draft;

/// The layout this build writes.
pub const SCHEMA: u32 = 2;

/// A draft with its save record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    /// The layout version.
    pub schema: u32,
    /// When it was saved, ms since the epoch.
    pub saved_at: f64,
    /// Bumped by every save; a writer that finds a revision it did not
    /// write knows someone else saved in between.
    #[serde(default)]
    pub rev: u64,
    /// The tab (browsing context) that saved it.
    #[serde(default)]
    pub tab: String,
    /// The draft.
    pub draft: Draft,
}

/// Why a saved entry could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SavedError {
    /// Written by a newer version of the app.
    Newer {
        /// The schema found.
        found: u32,
    },
    /// Not a saved draft of any known layout.
    Unreadable {
        /// What the parser said.
        detail: String,
    },
}

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Newer { found } => write!(
                f,
                "这份草稿由更新版本的本程序保存（格式 {found}，本版本只认识到 {SCHEMA}）：请使用最新版本打开"
            ),
            Self::Unreadable { detail } => write!(f, "数据无法识别（{detail}）"),
        }
    }
}

impl std::error::Error for SavedError {}

/// Reads a saved entry of any known layout and brings it to [`SCHEMA`].
pub fn read(text: &str) -> Result<SavedDraft, SavedError> {
    let unreadable = |e: serde_json::Error| SavedError::Unreadable {
        detail: e.to_string(),
    };
    #[derive(Deserialize)]
    struct Head {
        schema: u32,
    }
    let head: Head = serde_json::from_str(text).map_err(unreadable)?;
    match head.schema {
        // Schema 1 lacks `rev` and `tab`; their defaults (0, "") mean
        // "nobody has saved since", which is exactly the migration.
        1 | 2 => {
            let mut saved: SavedDraft = serde_json::from_str(text).map_err(unreadable)?;
            saved.schema = SCHEMA;
            Ok(saved)
        }
        found if found > SCHEMA => Err(SavedError::Newer { found }),
        found => Err(SavedError::Unreadable {
            detail: format!("未知的格式 {found}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_1_is_migrated() {
        let v1 = r#"{"schema":1,"saved_at":1316500000000.0,
            "draft":{"id":"a","campaign":"jiangsu-2011","category":"team",
                     "values":{"team_name":"客服班"},"attachments":[]}}"#;
        let saved = read(v1).expect("a v1 save reads");
        assert_eq!(saved.schema, SCHEMA);
        assert_eq!(saved.rev, 0);
        assert_eq!(saved.draft.values.text("team_name"), "客服班");
    }

    #[test]
    fn current_schema_round_trips() {
        let mut d = Draft::new("b", "jiangsu-2011", "individual");
        d.values.set_text("name", "王芳");
        let saved = SavedDraft {
            schema: SCHEMA,
            saved_at: 1.0,
            rev: 7,
            tab: "t1".into(),
            draft: d,
        };
        let text = serde_json::to_string(&saved).expect("serialize");
        assert_eq!(read(&text), Ok(saved));
    }

    #[test]
    fn newer_and_garbage_are_refused_not_guessed() {
        assert_eq!(
            read(r#"{"schema":9,"draft":{}}"#),
            Err(SavedError::Newer { found: 9 })
        );
        assert!(matches!(read("{"), Err(SavedError::Unreadable { .. })));
        assert!(matches!(
            read(r#"{"schema":0}"#),
            Err(SavedError::Unreadable { .. })
        ));
    }
}
