//! Validation findings: what is wrong or worth a second look, where, and how
//! to fix it.

use serde::{Deserialize, Serialize};

pub use crate::campaign::Severity;

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A field, or a cell of a table field.
    Field {
        /// The field id.
        field: String,
        /// For a table: the 0-based row.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        row: Option<usize>,
        /// For a table: the column id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<String>,
    },
    /// A material slot.
    Material {
        /// The slot id.
        slot: String,
    },
}

impl Target {
    /// A whole field.
    pub fn field(id: &str) -> Self {
        Self::Field {
            field: id.to_owned(),
            row: None,
            column: None,
        }
    }

    /// A table cell.
    pub fn cell(id: &str, row: usize, column: &str) -> Self {
        Self::Field {
            field: id.to_owned(),
            row: Some(row),
            column: Some(column.to_owned()),
        }
    }

    /// The field id, when the target is a field or cell.
    pub fn field_id(&self) -> Option<&str> {
        match self {
            Self::Field { field, .. } => Some(field),
            Self::Material { .. } => None,
        }
    }
}

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Error (blocks a final package) or warning.
    pub severity: Severity,
    /// What it is about.
    pub target: Target,
    /// What is wrong and how to fix it, in Chinese.
    pub message: String,
}

impl Finding {
    /// An error about a target.
    pub fn error(target: Target, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            target,
            message: message.into(),
        }
    }

    /// A warning about a target.
    pub fn warning(target: Target, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            target,
            message: message.into(),
        }
    }

    /// Whether it blocks a final package.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Counts of findings, split by what they are about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Errors about fields.
    pub field_errors: usize,
    /// Warnings about fields.
    pub field_warnings: usize,
    /// Errors about materials.
    pub material_errors: usize,
    /// Warnings about materials.
    pub material_warnings: usize,
}

impl Summary {
    /// Counts a list of findings.
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Self::default();
        for f in findings {
            let slot = match (&f.target, f.severity) {
                (Target::Field { .. }, Severity::Error) => &mut s.field_errors,
                (Target::Field { .. }, Severity::Warning) => &mut s.field_warnings,
                (Target::Material { .. }, Severity::Error) => &mut s.material_errors,
                (Target::Material { .. }, Severity::Warning) => &mut s.material_warnings,
            };
            *slot += 1;
        }
        s
    }

    /// All errors; zero means a final package may be built.
    pub fn errors(&self) -> usize {
        self.field_errors + self.material_errors
    }

    /// All warnings.
    pub fn warnings(&self) -> usize {
        self.field_warnings + self.material_warnings
    }
}
