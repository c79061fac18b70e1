//! The recommendation opinion (推荐意见) on a valid package, signed with this
//! browser's key into a forwarding package for the province.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::package::{Decision, Opinion};
use crate::store::backup_io::APP_VERSION;
use crate::store::{clock, download, keys, tools};
use crate::ui::components::package_detail::package_bytes;
use crate::ui::screens::OpenedFiles;

/// Where the reviewer's organisation and name are remembered.
const REVIEWER_KEY: &str = "shenbao.v1.reviewer";

/// The longest opinion, as the format allows.
const MAX_CHARS: usize = crate::package::MAX_OPINION_CHARS;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Reviewer {
    organisation: String,
    reviewer: String,
}

/// The forwarding form of the `number`th opened package.
#[component]
pub fn ForwardForm(
    /// The package's row number.
    number: usize,
    /// The name it was opened from.
    file_name: String,
    /// The files opened.
    opened: OpenedFiles,
) -> impl IntoView {
    let saved: Reviewer = LocalStorage::get(REVIEWER_KEY).unwrap_or_default();
    let organisation = RwSignal::new(saved.organisation);
    let reviewer = RwSignal::new(saved.reviewer);
    let text = RwSignal::new(String::new());
    let decision = RwSignal::new(Decision::Recommend);
    let working = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let chars = move || text.with(|t| t.chars().count());

    let build = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if working.get_untracked() {
            return;
        }
        let opinion = Opinion {
            decision: decision.get_untracked(),
            organisation: organisation.get_untracked().trim().to_owned(),
            reviewer: reviewer.get_untracked().trim().to_owned(),
            text: text.get_untracked().trim().to_owned(),
        };
        if let Some(problem) = opinion.problem() {
            outcome.set(Some(Err(problem.to_owned())));
            return;
        }
        let _ = LocalStorage::set(
            REVIEWER_KEY,
            Reviewer {
                organisation: opinion.organisation.clone(),
                reviewer: opinion.reviewer.clone(),
            },
        );
        let stem = file_name
            .strip_suffix(".zip")
            .unwrap_or(&file_name)
            .to_owned();
        working.set(true);
        outcome.set(None);
        leptos::task::spawn_local(async move {
            let result = async {
                let key = keys::load_or_create().await?;
                let seed = key
                    .seed_bytes()
                    .ok_or("本机的签名密钥已损坏：请在首页导入密钥备份")?;
                let package = package_bytes(opened, number).await?;
                let bytes = tools::forward_build(
                    &package,
                    &format!("{stem}.zip"),
                    &opinion,
                    &seed,
                    clock::now_ms(),
                    APP_VERSION,
                )
                .await?;
                let name = format!("{stem}_推荐转发.zip");
                download::download_array(&bytes, &name, "application/zip")
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>(format!(
                    "已生成并下载转发包「{name}」，由本机密钥签名（指纹 {}）。",
                    key.fingerprint
                ))
            }
            .await;
            working.set(false);
            outcome.set(Some(result));
        });
    };

    view! {
        <form class="forward" data-testid="forward-form" on:submit=build>
            <h3>"推荐意见与转发"</h3>
            <p class="meta">
                "转发包内含原申报包（一字节不改）和您的推荐意见，由本机的签名密钥签名。省创建办打开后可同时核验申报单位和推荐单位的签名。"
            </p>
            <fieldset class="decision">
                <legend>"意见"</legend>
                <label>
                    <input
                        type="radio"
                        name="decision"
                        checked=move || decision.get() == Decision::Recommend
                        on:change=move |_| decision.set(Decision::Recommend)
                    />
                    "推荐"
                </label>
                <label>
                    <input
                        type="radio"
                        name="decision"
                        checked=move || decision.get() == Decision::NotRecommend
                        on:change=move |_| decision.set(Decision::NotRecommend)
                    />
                    "不推荐"
                </label>
            </fieldset>
            <div class="fields">
                <div class="field">
                    <label for="forward-organisation">"推荐单位"</label>
                    <input
                        id="forward-organisation"
                        data-testid="forward-organisation"
                        prop:value=move || organisation.get()
                        on:input=move |ev| organisation.set(event_target_value(&ev))
                        placeholder="如：常州市质量协会"
                    />
                </div>
                <div class="field">
                    <label for="forward-reviewer">"审核人"</label>
                    <input
                        id="forward-reviewer"
                        data-testid="forward-reviewer"
                        prop:value=move || reviewer.get()
                        on:input=move |ev| reviewer.set(event_target_value(&ev))
                    />
                </div>
                <div class="field field-wide">
                    <label for="forward-text">"推荐意见"</label>
                    <textarea
                        id="forward-text"
                        data-testid="forward-text"
                        rows="5"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                    <p class="counter" class:over=move || { chars() > MAX_CHARS }>
                        {move || format!("{} / {MAX_CHARS} 字", chars())}
                    </p>
                </div>
            </div>
            <button type="submit" class="primary" disabled=move || working.get() data-testid="forward-build">
                {move || if working.get() { "正在生成……" } else { "签名并下载转发包" }}
            </button>
            {move || {
                outcome
                    .get()
                    .map(|o| match o {
                        Ok(m) => view! { <p class="notice notice-ok" role="status" data-testid="forward-done">{m}</p> }.into_any(),
                        Err(e) => view! { <p class="notice notice-error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </form>
    }
}
