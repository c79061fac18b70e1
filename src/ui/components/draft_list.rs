//! The drafts kept in this browser: what each is, when it was saved, how far
//! it has come; open, rename, duplicate, export or delete (with undo).

use leptos::prelude::*;

use crate::model::{progress, validate, Attachment, SavedDraft};
use crate::store::{backup_io, clock, download, drafts, files};
use crate::ui::screens::display_name;
use crate::ui::{use_app_state, use_home_drafts};

/// The list of drafts on the home screen.
#[component]
pub fn DraftList() -> impl IntoView {
    let state = use_app_state();
    let home = use_home_drafts();
    let deleted = RwSignal::new(None::<SavedDraft>);
    let message = RwSignal::new(None::<Result<String, String>>);
    let today = clock::today();

    let remove = move |id: String| {
        let mut taken = None;
        home.list.update(|l| {
            if let Some(i) = l.iter().position(|s| s.draft.id == id) {
                taken = Some(l.remove(i));
            }
        });
        // The files stay until the undo has lapsed: the next visit's sweep
        // removes those no draft names.
        drafts::delete(&id);
        deleted.set(taken);
    };
    let undo = move |_| {
        if let Some(saved) = deleted.get_untracked() {
            match drafts::put(&saved) {
                Ok(()) => {
                    deleted.set(None);
                    home.reload();
                }
                Err(e) => message.set(Some(Err(e.to_string()))),
            }
        }
    };
    let duplicate = move |id: String, name: String| {
        leptos::task::spawn_local(async move {
            message.set(Some(
                duplicate_draft(&id, &name)
                    .await
                    .map(|()| "已复制草稿。".to_owned()),
            ));
            home.reload();
        });
    };
    let export = move |id: String| {
        leptos::task::spawn_local(async move {
            let outcome = match backup_io::export(Some(&id)).await {
                Ok((bytes, name)) => download::download(&bytes, &name, "application/zip")
                    .map(|()| format!("已导出备份文件 {name}"))
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            message.set(Some(outcome));
        });
    };

    let rows = move || {
        let campaign = state.campaign.get();
        home.list
            .get()
            .into_iter()
            .map(|saved| {
                let d = &saved.draft;
                let kind = campaign
                    .category(&d.category)
                    .map_or_else(|| d.category.clone(), |c| c.short.clone());
                let name = display_name(&campaign, d);
                let findings = validate(&campaign, d, today);
                let p = progress(&campaign, d, &findings);
                let files = d.attachments.len();
                let id = d.id.clone();
                view! {
                    <li class="draft" data-testid="draft">
                        <div class="draft-main">
                            <span class="tag">{kind}</span>
                            <DraftName saved=saved.clone() name=name.clone() />
                        </div>
                        <div class="draft-meta">
                            <span>{format!("保存于 {}", clock::date_time(saved.saved_at))}</span>
                            <span class="progress" title="必填项完成情况">
                                <progress max=p.total.to_string() value=p.done.to_string()></progress>
                                {format!("{}/{} 必填项", p.done, p.total)}
                            </span>
                            <span>{format!("{files} 个附件")}</span>
                        </div>
                        <div class="draft-actions row-actions">
                            <button type="button" class="link" on:click={
                                let (id, name) = (id.clone(), name.clone());
                                move |_| duplicate(id.clone(), name.clone())
                            }>"复制"</button>
                            <button type="button" class="link" on:click={
                                let id = id.clone();
                                move |_| export(id.clone())
                            }>"导出备份"</button>
                            <button
                                type="button"
                                class="link danger"
                                aria-label=format!("删除草稿：{name}")
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
        {move || {
            message
                .get()
                .map(|m| match m {
                    Ok(t) => view! { <p class="notice notice-ok" role="status">{t}</p> }.into_any(),
                    Err(t) => view! { <p class="notice notice-error" role="alert">{t}</p> }.into_any(),
                })
        }}
        {move || home.load_errors.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
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
            when=move || !home.list.with(Vec::is_empty)
            fallback=|| {
                view! {
                    <p class="empty" data-testid="drafts-empty">
                        "还没有草稿。选择上面的类别开始填写。"
                    </p>
                }
            }
        >
            <ul class="draft-list" data-testid="draft-list">{rows}</ul>
        </Show>
    }
}

/// A draft's name: a link to open it, and renaming in place (Enter saves,
/// Escape cancels).
#[component]
fn DraftName(saved: SavedDraft, name: String) -> impl IntoView {
    let home = use_home_drafts();
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let href = format!("/fill/?d={}", saved.draft.id);
    let initial = saved.draft.title.clone().unwrap_or_else(|| name.clone());
    let saved = StoredValue::new(saved);
    let commit = move |text: String| {
        let mut s = saved.get_value();
        let text = text.trim().to_owned();
        s.draft.title = (!text.is_empty()).then_some(text);
        match drafts::save(&s.draft, clock::now_ms(), &clock::tab_id(), s.rev) {
            Ok(_) => {
                editing.set(false);
                home.reload();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let input_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if editing.get() {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });
    view! {
        <Show
            when=move || editing.get()
            fallback={
                let (href, name) = (href.clone(), name.clone());
                move || {
                    let (href, name) = (href.clone(), name.clone());
                    view! {
                        <a href=href rel="external" class="draft-name">{name}</a>
                        <button type="button" class="link" on:click=move |_| editing.set(true)>
                            "重命名"
                        </button>
                    }
                }
            }
        >
            <input
                class="rename"
                aria-label="草稿名称（留空则使用单位或姓名）"
                value=initial.clone()
                node_ref=input_ref
                on:keydown=move |ev| match ev.key().as_str() {
                    "Enter" => commit(event_target_value(&ev)),
                    "Escape" => editing.set(false),
                    _ => {}
                }
                on:blur=move |ev| commit(event_target_value(&ev))
            />
        </Show>
        {move || error.get().map(|e| view! { <span class="save-failed" role="alert">{e}</span> })}
    }
}

/// Copies a draft and its files under new ids, named after the original.
async fn duplicate_draft(id: &str, name: &str) -> Result<(), String> {
    let saved = drafts::load(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "草稿已不存在".to_owned())?;
    let mut copy = saved.draft.clone();
    copy.id = clock::new_id();
    copy.title = Some(format!("{name}（副本）"));
    let mut attachments = Vec::with_capacity(copy.attachments.len());
    for a in &copy.attachments {
        let blob = files::get(&a.id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("附件“{}”在本机找不到", a.name))?;
        let new_id = clock::new_id();
        files::put(&new_id, &copy.id, &blob)
            .await
            .map_err(|e| e.to_string())?;
        attachments.push(Attachment {
            id: new_id,
            ..a.clone()
        });
    }
    copy.attachments = attachments;
    drafts::save(&copy, clock::now_ms(), &clock::tab_id(), 0)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
