//! The Leptos user interface: the app shell, its screens and shared widgets.
//! Every string a user sees is Simplified Chinese.

mod app;
pub mod screens;

pub use app::App;
