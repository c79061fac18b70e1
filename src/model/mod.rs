//! Drafts, their values and the validation findings: plain Rust, no DOM.

pub mod checks;
pub mod date;
mod draft;
mod finding;
pub mod saved;
pub mod sniff;
mod validate;
mod values;

pub use date::Date;
pub use draft::{Attachment, Draft};
pub use finding::{Finding, Summary, Target};
pub use saved::SavedDraft;
pub use validate::{applicant, is_shown, progress, validate, Progress};
pub use values::{Row, Value, Values};
