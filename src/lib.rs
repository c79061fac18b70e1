//! shenbao (申报) fills, checks, signs and reviews applications for the
//! Jiangsu 用户满意服务明星 awards, entirely in the browser.
//!
//! The crate is a library with a thin binary (`src/main.rs`) that mounts
//! [`ui::App`]. Everything that can be plain Rust is plain Rust, tested
//! natively; the `ui` module is the only place that touches the DOM.

pub mod backup;
pub mod campaign;
pub mod model;
pub mod package;
pub mod render;
pub mod store;
#[cfg(feature = "tools")]
pub mod tools;
pub mod ui;
