//! App-wide state, provided once by the shell: the active campaign and
//! where it came from.

use std::sync::Arc;

use leptos::prelude::*;

use crate::campaign::Campaign;
use crate::store::campaign_file;

/// Where the active campaign definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignSource {
    /// The file built into this version.
    Builtin,
    /// A file the user picked, by name.
    Picked(String),
}

/// The state every screen can read.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The active campaign.
    pub campaign: RwSignal<Arc<Campaign>>,
    /// Where it came from.
    pub source: RwSignal<CampaignSource>,
    /// A message for the user about the campaign (e.g. a stored file that
    /// no longer loads).
    pub campaign_notice: RwSignal<Option<String>>,
}

/// Provides [`AppState`] with the built-in campaign, or the one the user
/// picked earlier if it still loads.
pub fn provide_app_state(builtin: Campaign) -> AppState {
    let mut notice = None;
    let (campaign, source) = match campaign_file::load() {
        None => (builtin, CampaignSource::Builtin),
        Some(picked) => match Campaign::from_json(&picked.text) {
            Ok(c) => (c, CampaignSource::Picked(picked.name)),
            Err(e) => {
                notice = Some(format!(
                    "之前载入的活动定义文件「{}」无法使用，已改用内置定义：{e}",
                    picked.name
                ));
                (builtin, CampaignSource::Builtin)
            }
        },
    };
    let state = AppState {
        campaign: RwSignal::new(Arc::new(campaign)),
        source: RwSignal::new(source),
        campaign_notice: RwSignal::new(notice),
    };
    provide_context(state);
    state
}

/// The app state provided by the shell.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
