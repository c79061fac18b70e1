//! The screen for an address the app does not know.

use leptos::prelude::*;

/// Shown when no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-not-found">
            <h1>"找不到这个页面"</h1>
            <p>
                "地址可能有误。" <a href="/" rel="external">"返回首页"</a>
            </p>
        </section>
    }
}
