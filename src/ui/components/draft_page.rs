//! The frame of a page that works on one draft, named in its address
//! (`?d=<draft id>`): 填写, 打印 and 调查. It loads the draft, and says what
//! to do when the address names none, or names one that is gone or
//! unreadable.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::model::SavedDraft;
use crate::store::drafts;

/// The draft named in the address, shown by `found`.
#[component]
pub fn DraftPage<V: IntoView + 'static>(
    /// The page's heading when no draft is named.
    title: &'static str,
    /// What to do on 首页 to get here, e.g. 选择申报类别，或打开一份草稿。
    hint: &'static str,
    /// The page with its draft.
    found: fn(SavedDraft) -> V,
) -> impl IntoView {
    let query = use_query_map();
    let id = move || query.with(|q| q.get("d"));
    move || {
        match id() {
        None => view! {
            <h1>{title}</h1>
            <p class="lead">"请先在" <a href="/" rel="external">"首页"</a> {hint}</p>
        }
        .into_any(),
        Some(id) => match drafts::load(&id) {
            Ok(Some(saved)) => found(saved).into_any(),
            Ok(None) => view! {
                <h1>"找不到这份草稿"</h1>
                <p class="lead">
                    "它可能已被删除，或保存在另一个浏览器中。" <a href="/" rel="external">"返回首页"</a>
                </p>
            }
            .into_any(),
            Err(e) => {
                view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any()
            }
        },
    }
    }
}
