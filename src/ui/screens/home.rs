//! 首页: choose a category to start an application, and see the drafts.

use leptos::prelude::*;
use leptos_router::components::A;

/// The start screen.
#[component]
pub fn HomeScreen() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-home">
            <h1>"首页"</h1>
            <p class="lead">
                "选择申报类别开始填写。草稿自动保存在本机，可随时回来继续。"
            </p>
            <h2>"我的草稿"</h2>
            <p class="empty" data-testid="drafts-empty">"还没有草稿。"</p>
            <p>
                <A href="/fill">"开始填写"</A>
            </p>
        </section>
    }
}
