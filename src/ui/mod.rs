//! The Leptos user interface: the app shell, its screens and shared widgets.
//! Every string a user sees is Simplified Chinese.

mod app;
pub mod components;
mod dom;
pub mod screens;
mod state;
pub mod survey;

pub use app::{FillApp, HomeApp, Page, PrintApp, ReviewApp, SurveyApp};
pub use state::{
    provide_home_drafts, use_app_state, use_home_drafts, AppState, CampaignSource, HomeDrafts,
};
