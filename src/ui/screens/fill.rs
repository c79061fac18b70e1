//! 填写: the form editor for one draft, saved as the user types.

use leptos::prelude::*;

use crate::model::{applicant, Draft, SavedDraft};
use crate::store::{clock, drafts, files, StoreError};
use crate::ui::components::{DraftPage, FormEditor};
use crate::ui::use_app_state;

/// Whether the latest edit is safely stored.
#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    /// Saved at this time (ms since the epoch).
    Saved(f64),
    /// The last save failed; the message says why and what to do.
    Failed(String),
    /// Another tab saved this draft; this one stopped saving.
    Conflict,
}

/// The form editor screen: `/fill/?d=<id>`, or a pointer home without an id.
#[component]
pub fn FillScreen() -> impl IntoView {
    view! {
        <section class="screen" data-testid="screen-fill">
            <DraftPage title="填写申报表" hint="选择申报类别，或打开一份草稿。" found=|saved| view! { <DraftEditor saved=saved /> } />
        </section>
    }
}

/// Edits a loaded draft and saves every change, refusing to overwrite a
/// save made meanwhile by another tab.
#[component]
fn DraftEditor(saved: SavedDraft) -> impl IntoView {
    let state = use_app_state();
    let campaign = Signal::derive(move || state.campaign.get());
    let draft_id = saved.draft.id.clone();
    let draft = RwSignal::new(saved.draft);
    let seen_rev = StoredValue::new(saved.rev);
    let save_state = RwSignal::new(SaveState::Saved(saved.saved_at));
    let read_only = Memo::new(move |_| save_state.get() == SaveState::Conflict);
    let tab = clock::tab_id();

    // Sync the draft to storage on every change after the first run.
    let save_tab = tab.clone();
    Effect::new(move |first_done: Option<()>| {
        draft.with(|d| {
            if first_done.is_none() || read_only.get_untracked() {
                return;
            }
            let now = clock::now_ms();
            save_state.set(
                match drafts::save(d, now, &save_tab, seen_rev.get_value()) {
                    Ok(rev) => {
                        seen_rev.set_value(rev);
                        SaveState::Saved(now)
                    }
                    Err(StoreError::Conflict { .. }) => SaveState::Conflict,
                    Err(e) => SaveState::Failed(e.to_string()),
                },
            );
        });
    });

    // Another tab saving this draft: stop at once rather than at the next
    // keystroke, so the user never types into a copy that cannot be kept.
    let key = drafts::key(&draft_id);
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(key.as_str()) {
            save_state.set(SaveState::Conflict);
        }
    });
    on_cleanup(move || listener.remove());

    let reload = {
        let draft_id = draft_id.clone();
        move |_| match drafts::load(&draft_id) {
            Ok(Some(latest)) => {
                seen_rev.set_value(latest.rev);
                save_state.set(SaveState::Saved(latest.saved_at));
                draft.set(latest.draft);
            }
            Ok(None) => save_state.set(SaveState::Failed(
                "另一个标签页已删除这份草稿。本页内容仍在，可点“用本页内容覆盖”重新保存。"
                    .to_owned(),
            )),
            Err(e) => save_state.set(SaveState::Failed(e.to_string())),
        }
    };
    let overwrite = {
        let draft_id = draft_id.clone();
        move |_| {
            let latest = drafts::load(&draft_id).ok().flatten().map_or(0, |s| s.rev);
            seen_rev.set_value(latest);
            let now = clock::now_ms();
            let result = draft.with_untracked(|d| drafts::save(d, now, &tab, latest));
            save_state.set(match result {
                Ok(rev) => {
                    seen_rev.set_value(rev);
                    SaveState::Saved(now)
                }
                Err(e) => SaveState::Failed(e.to_string()),
            });
        }
    };

    // Attachments whose bytes are gone (site data cleared) are dropped from
    // the draft, and the user is told which to upload again.
    let lost = RwSignal::new(Vec::<String>::new());
    leptos::task::spawn_local(async move {
        let Ok(stored) = files::ids().await else {
            return;
        };
        let missing: Vec<String> = draft.with_untracked(|d| {
            d.attachments
                .iter()
                .filter(|a| !stored.contains(&a.id))
                .map(|a| a.name.clone())
                .collect()
        });
        if !missing.is_empty() {
            draft.update(|d| d.attachments.retain(|a| stored.contains(&a.id)));
            lost.set(missing);
        }
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
        draft.with(|d| display_name(&c, d))
    };
    // Team and individual applicants survey their own customers: the
    // survey page is one link away.
    let print_href = format!("/print/?d={draft_id}");
    let survey_link = move || {
        let category = draft.with(|d| d.category.clone());
        campaign.with(|c| crate::survey::form::needs_survey(c, &category)).then(|| {
            view! {
                <p class="survey-link">
                    <a href=format!("/survey/?d={draft_id}") rel="external" data-testid="open-survey">
                        "用户评价调查：录入或导入答卷、统计、生成分析报告 →"
                    </a>
                </p>
            }
        })
    };
    view! {
        <div class="editor-head">
            <div>
                <h1 data-testid="form-title">{heading}</h1>
                <p class="lead">{who}</p>
                <a class="button" href=print_href rel="external" data-testid="print-link">
                    "打印申报表"
                </a>
            </div>
            <p class="save-state" aria-live="polite" data-testid="save-state">
                {move || match save_state.get() {
                    SaveState::Saved(at) => {
                        view! {
                            <span class="saved">{format!("已保存 {}", clock::time_of_day(at))}</span>
                        }
                            .into_any()
                    }
                    SaveState::Failed(e) => {
                        view! {
                            <span class="save-failed" role="alert">{format!("未保存：{e}")}</span>
                        }
                            .into_any()
                    }
                    SaveState::Conflict => {
                        view! { <span class="save-failed">"已停止保存"</span> }.into_any()
                    }
                }}
            </p>
        </div>
        {survey_link}
        <Show when=move || read_only.get()>
            <div class="notice notice-warn conflict" role="alert" data-testid="conflict">
                <p>
                    "这份草稿已在另一个标签页或窗口中修改。为免互相覆盖，本页已转为只读。"
                </p>
                <div class="row-actions">
                    <button type="button" class="primary" on:click=reload.clone()>
                        "载入最新内容"
                    </button>
                    <button type="button" on:click=overwrite.clone()>
                        "用本页内容覆盖"
                    </button>
                </div>
            </div>
        </Show>
        <Show when=move || !lost.with(Vec::is_empty)>
            <p class="notice notice-warn" role="alert">
                {move || {
                    format!(
                        "以下附件在本机找不到了（可能清理过浏览器数据），已从草稿中移除，请重新上传：{}",
                        lost.get().join("、"),
                    )
                }}
            </p>
        </Show>
        <fieldset class="editor-fieldset" disabled=move || read_only.get()>
            <legend class="visually-hidden">"申报内容"</legend>
            <FormEditor campaign=campaign draft=draft today=clock::today() />
        </fieldset>
    }
}

/// What a draft is called in headings and lists: the name the user gave
/// it, else the applicant, else a placeholder.
pub fn display_name(campaign: &crate::campaign::Campaign, draft: &Draft) -> String {
    draft
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| applicant(campaign, draft).map(str::to_owned))
        .unwrap_or_else(|| "（未填写名称）".to_owned())
}
