//! The drafts kept in this browser: what each is, when it was saved, how far
//! it has come; open or delete (with undo).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::{applicant, progress, validate};
use crate::store::clock;
use crate::store::drafts::{self, SavedDraft};
use crate::ui::use_app_state;

/// The list of drafts on the home screen.
#[component]
pub fn DraftList() -> impl IntoView {
    let state = use_app_state();
    let (loaded, load_errors) = drafts::load_all();
    let list = RwSignal::new(loaded);
    let deleted = RwSignal::new(None::<SavedDraft>);
    let error = RwSignal::new((!load_errors.is_empty()).then(|| {
        load_errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("；")
    }));
    let today = clock::today();

    let remove = move |id: String| {
        let mut taken = None;
        list.update(|l| {
            if let Some(i) = l.iter().position(|s| s.draft.id == id) {
                taken = Some(l.remove(i));
            }
        });
        drafts::delete(&id);
        deleted.set(taken);
    };
    let undo = move |_| {
        if let Some(saved) = deleted.get_untracked() {
            match drafts::save(&saved.draft, saved.saved_at) {
                Ok(()) => {
                    list.update(|l| {
                        l.push(saved);
                        l.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
                    });
                    deleted.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };

    let rows = move || {
        let campaign = state.campaign.get();
        list.get()
            .into_iter()
            .map(|saved| {
                let d = &saved.draft;
                let category = campaign.category(&d.category);
                let kind = category.map_or_else(|| d.category.clone(), |c| c.short.clone());
                let who = applicant(&campaign, d).unwrap_or("（未填写名称）").to_owned();
                let findings = validate(&campaign, d, today);
                let p = progress(&campaign, d, &findings);
                let id = d.id.clone();
                let delete_label = format!("删除草稿：{who}");
                let href = format!("/fill/{id}");
                view! {
                    <li class="draft" data-testid="draft">
                        <div class="draft-main">
                            <span class="tag">{kind}</span>
                            <A href=href attr:class="draft-name">{who}</A>
                        </div>
                        <div class="draft-meta">
                            <span>{format!("保存于 {}", clock::date_time(saved.saved_at))}</span>
                            <span class="progress" title="必填项完成情况">
                                <progress max=p.total.to_string() value=p.done.to_string()></progress>
                                {format!("{}/{} 必填项", p.done, p.total)}
                            </span>
                            <button
                                type="button"
                                class="link danger"
                                aria-label=delete_label
                                on:click=move |_| remove(id.clone())
                            >
                                "删除"
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        {move || {
            deleted
                .get()
                .map(|_| {
                    view! {
                        <p class="notice notice-warn undo" role="status">
                            "草稿已删除。"
                            <button type="button" class="link" on:click=undo>
                                "撤销"
                            </button>
                        </p>
                    }
                })
        }}
        <Show
            when=move || !list.with(Vec::is_empty)
            fallback=|| view! { <p class="empty" data-testid="drafts-empty">"还没有草稿。选择上面的类别开始填写。"</p> }
        >
            <ul class="draft-list" data-testid="draft-list">{rows}</ul>
        </Show>
    }
}
