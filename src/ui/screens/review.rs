//! 审阅: where reviewers open, verify and read application packages.

use leptos::prelude::*;

/// The reviewer's screen.
#[component]
pub fn ReviewScreen() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-review">
            <h1>"审阅申报包"</h1>
            <p class="lead">
                "市质量协会和省创建办在这里打开申报包，核验签名与完整性，阅读申报表和附件。"
            </p>
        </section>
    }
}
