//! Browser adapters: the thin layer between the plain-Rust core and the
//! browser's storage, clock and files. Nothing here decides anything; it
//! moves data in and out and turns browser failures into typed errors.

pub mod backup_io;
pub mod campaign_file;
pub mod clock;
pub mod download;
pub mod drafts;
mod error;
pub mod files;
pub mod keys;
pub mod quota;
pub mod review_batch;
pub mod share;
pub mod survey;
pub mod tools;

pub use error::StoreError;
