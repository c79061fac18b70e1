//! App-wide state, provided once by the shell: the active campaign and
//! where it came from.

use std::sync::Arc;

use leptos::prelude::*;

use crate::campaign::Campaign;
use crate::model::SavedDraft;
use crate::store::{campaign_file, drafts};

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
    /// The text of its definition file (its SHA-256 goes into packages).
    pub campaign_text: RwSignal<Arc<str>>,
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
    let builtin_text: Arc<str> = Arc::from(crate::campaign::BUILTIN_JSON);
    let (campaign, source, text) = match campaign_file::load() {
        None => (builtin, CampaignSource::Builtin, builtin_text),
        Some(picked) => match Campaign::from_json(&picked.text) {
            Ok(c) => (
                c,
                CampaignSource::Picked(picked.name),
                Arc::from(picked.text),
            ),
            Err(e) => {
                notice = Some(format!(
                    "之前载入的活动定义文件「{}」无法使用，已改用内置定义：{e}",
                    picked.name
                ));
                (builtin, CampaignSource::Builtin, builtin_text)
            }
        },
    };
    let state = AppState {
        campaign: RwSignal::new(Arc::new(campaign)),
        campaign_text: RwSignal::new(text),
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

/// The drafts listed on the home screen, shared by its panels so that an
/// import or a rename shows at once.
#[derive(Clone, Copy)]
pub struct HomeDrafts {
    /// The saved drafts, newest first.
    pub list: RwSignal<Vec<SavedDraft>>,
    /// Entries that could not be read, as one message.
    pub load_errors: RwSignal<Option<String>>,
}

impl HomeDrafts {
    /// Reads the drafts from storage again.
    pub fn reload(&self) {
        let (list, errors) = drafts::load_all();
        self.list.set(list);
        self.load_errors.set((!errors.is_empty()).then(|| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；")
        }));
    }
}

/// Provides [`HomeDrafts`], loaded from storage.
pub fn provide_home_drafts() -> HomeDrafts {
    let home = HomeDrafts {
        list: RwSignal::new(Vec::new()),
        load_errors: RwSignal::new(None),
    };
    home.reload();
    provide_context(home);
    home
}

/// The home screen's drafts.
pub fn use_home_drafts() -> HomeDrafts {
    expect_context::<HomeDrafts>()
}
