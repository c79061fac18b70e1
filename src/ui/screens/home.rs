//! 首页: the campaign, choosing a category to start, and the drafts.

use leptos::prelude::*;

use crate::ui::components::{CampaignPanel, CategoryPicker, DraftList};

/// The start screen.
#[component]
pub fn HomeScreen() -> impl IntoView {
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
        </section>
    }
}
