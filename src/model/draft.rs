//! A draft application: its category, values and attached files.

use serde::{Deserialize, Serialize};

use super::values::Values;

/// A file attached to a material slot. The bytes live elsewhere (IndexedDB
/// in the browser); this is what validation and the package need to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The store's key for the bytes.
    pub id: String,
    /// The material slot, e.g. `summary`.
    pub slot: String,
    /// The file name the user picked.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type, as detected from the content.
    pub media_type: String,
}

/// An application being prepared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// A unique id.
    pub id: String,
    /// The campaign it belongs to, e.g. `jiangsu-2011`.
    pub campaign: String,
    /// The category id, e.g. `enterprise`.
    pub category: String,
    /// A name the user gave the draft; lists fall back to the applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the user typed.
    #[serde(default)]
    pub values: Values,
    /// Files attached to material slots.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl Draft {
    /// An empty draft of a category.
    pub fn new(
        id: impl Into<String>,
        campaign: impl Into<String>,
        category: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            campaign: campaign.into(),
            category: category.into(),
            title: None,
            values: Values::new(),
            attachments: Vec::new(),
        }
    }

    /// How many files are attached to a slot.
    pub fn attached(&self, slot: &str) -> usize {
        self.attachments.iter().filter(|a| a.slot == slot).count()
    }
}
