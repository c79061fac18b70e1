//! shenbao (申报) fills, checks, signs and reviews applications for the
//! Jiangsu 用户满意服务明星 awards, entirely in the browser.
//!
//! The crate is a library with thin binaries, one per page, that mount
//! [`ui::HomeApp`], [`ui::FillApp`] and [`ui::ReviewApp`], and a fourth,
//! the tools module, loaded on demand ([`tools`], with the `tools`
//! feature). Everything that can be plain Rust is plain Rust, tested
//! natively; `ui` and `store` are the only places that touch the browser.

pub mod backup;
pub mod campaign;
pub mod model;
pub mod package;
pub mod render;
pub mod review;
pub mod sheet;
pub mod store;
pub mod survey;
#[cfg(feature = "tools")]
pub mod tools;
pub mod ui;
