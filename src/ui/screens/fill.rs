//! 填写: the form editor for one draft.

use leptos::prelude::*;

/// The form editor screen.
#[component]
pub fn FillScreen() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-fill">
            <h1>"填写申报表"</h1>
            <p class="lead">"请先在首页选择申报类别。"</p>
        </section>
    }
}
