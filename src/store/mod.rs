//! Browser adapters: the thin layer between the plain-Rust core and the
//! browser's storage, clock and files. Nothing here decides anything; it
//! moves data in and out and turns browser failures into typed errors.

pub mod campaign_file;
pub mod clock;
pub mod drafts;
mod error;

pub use error::StoreError;
