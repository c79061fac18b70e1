//! The screen for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

/// Shown when no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-not-found">
            <h1>"找不到这个页面"</h1>
            <p>
                "地址可能有误。" <A href="/">"返回首页"</A>
            </p>
        </section>
    }
}
