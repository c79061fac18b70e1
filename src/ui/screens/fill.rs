//! 填写: the form editor for one draft, saved as the user types.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::model::{applicant, Draft};
use crate::store::{clock, drafts};
use crate::ui::components::FormEditor;
use crate::ui::use_app_state;

/// Whether the latest edit is safely stored.
#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    /// Saved at this time (ms since the epoch).
    Saved(f64),
    /// The last save failed; the message says why and what to do.
    Failed(String),
}

/// The form editor screen: `/fill/:id`, or a pointer home without an id.
#[component]
pub fn FillScreen() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id"));
    view! {
        <section class="screen" data-testid="screen-fill">
            {move || match id() {
                None => {
                    view! {
                        <h1>"填写申报表"</h1>
                        <p class="lead">
                            "请先在" <A href="/">"首页"</A> "选择申报类别，或打开一份草稿。"
                        </p>
                    }
                        .into_any()
                }
                Some(id) => match drafts::load(&id) {
                    Ok(Some(saved)) => view! { <DraftEditor draft=saved.draft saved_at=saved.saved_at /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <h1>"找不到这份草稿"</h1>
                            <p class="lead">
                                "它可能已被删除，或保存在另一个浏览器中。" <A href="/">"返回首页"</A>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                },
            }}
        </section>
    }
}

/// Edits a loaded draft and saves every change.
#[component]
fn DraftEditor(draft: Draft, saved_at: f64) -> impl IntoView {
    let state = use_app_state();
    let campaign = Signal::derive(move || state.campaign.get());
    let draft = RwSignal::new(draft);
    let save_state = RwSignal::new(SaveState::Saved(saved_at));

    // Sync the draft to storage on every change after the first run.
    Effect::new(move |first_done: Option<()>| {
        draft.with(|d| {
            if first_done.is_some() {
                let now = clock::now_ms();
                save_state.set(match drafts::save(d, now) {
                    Ok(()) => SaveState::Saved(now),
                    Err(e) => SaveState::Failed(e.to_string()),
                });
            }
        });
    });

    let heading = move || {
        let c = campaign.get();
        let category = draft.with(|d| d.category.clone());
        let form = c.category(&category).and_then(|cat| c.form(&cat.form));
        form.map(|f| format!("{} {}", f.number, f.title))
            .unwrap_or_else(|| "申报表".to_owned())
    };
    let who = move || {
        let c = campaign.get();
        draft.with(|d| applicant(&c, d).map(str::to_owned))
    };
    view! {
        <div class="editor-head">
            <div>
                <h1 data-testid="form-title">{heading}</h1>
                <p class="lead">{move || who().unwrap_or_else(|| "新草稿".to_owned())}</p>
            </div>
            <p class="save-state" aria-live="polite" data-testid="save-state">
                {move || match save_state.get() {
                    SaveState::Saved(at) => {
                        view! { <span class="saved">{format!("已保存 {}", clock::time_of_day(at))}</span> }
                            .into_any()
                    }
                    SaveState::Failed(e) => {
                        view! { <span class="save-failed" role="alert">{format!("未保存：{e}")}</span> }
                            .into_any()
                    }
                }}
            </p>
        </div>
        <FormEditor campaign=campaign draft=draft today=clock::today() />
    }
}
