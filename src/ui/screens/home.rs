//! 首页: the campaign, choosing a category to start, the drafts, and where
//! they are kept.

use leptos::prelude::*;

use crate::store::backup_io;
use crate::ui::components::{CampaignPanel, CategoryPicker, DraftList, StoragePanel};
use crate::ui::provide_home_drafts;

/// The start screen.
#[component]
pub fn HomeScreen() -> impl IntoView {
    provide_home_drafts();
    // Files whose draft is gone (deleted, its undo lapsed) are removed here.
    leptos::task::spawn_local(async {
        if let Err(e) = backup_io::sweep_orphans().await {
            leptos::logging::warn!("sweeping unused attachments failed: {e}");
        }
    });
    view! {
        <section class="screen" data-testid="screen-home">
            <h1>"首页"</h1>
            <p class="lead">
                "选择申报类别开始填写。草稿自动保存在本机浏览器中，可随时回来继续。"
            </p>
            <CampaignPanel />
            <h2>"新建申报"</h2>
            <CategoryPicker />
            <h2>"我的草稿"</h2>
            <DraftList />
            <StoragePanel />
        </section>
    }
}
