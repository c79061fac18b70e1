//! The active campaign: its title, routes and deadlines, and loading an
//! edited definition file (for organisers).

use std::sync::Arc;

use leptos::prelude::*;

use crate::campaign::{self, Campaign, RouteKind};
use crate::store::campaign_file::{self, PickedCampaign};
use crate::ui::dom::picked_files;
use crate::ui::{use_app_state, CampaignSource};

/// Shows the active campaign and lets an organiser swap its definition.
#[component]
pub fn CampaignPanel() -> impl IntoView {
    let state = use_app_state();
    let result = RwSignal::new(None::<Result<String, String>>);

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let outcome = match campaign_file::read_text(&file).await {
                Err(e) => Err(e.to_string()),
                Ok(text) => match Campaign::from_json(&text) {
                    Err(e) => Err(e.to_string()),
                    Ok(c) => {
                        let picked = PickedCampaign {
                            name: name.clone(),
                            text: text.clone(),
                        };
                        let kept = campaign_file::save(&picked)
                            .err()
                            .map(|e| format!("（未能保存到本机，刷新后将恢复内置定义：{e}）"))
                            .unwrap_or_default();
                        let msg = format!("已载入活动定义「{}」，来自文件 {name}{kept}", c.title);
                        state.campaign.set(Arc::new(c));
                        state.campaign_text.set(Arc::from(text));
                        state.source.set(CampaignSource::Picked(name));
                        state.campaign_notice.set(None);
                        Ok(msg)
                    }
                },
            };
            result.set(Some(outcome));
        });
    };
    let restore = move |_| match campaign::builtin() {
        Ok(c) => {
            campaign_file::clear();
            state.campaign.set(Arc::new(c));
            state.campaign_text.set(Arc::from(campaign::BUILTIN_JSON));
            state.source.set(CampaignSource::Builtin);
            result.set(Some(Ok("已恢复内置活动定义。".to_owned())));
        }
        Err(e) => result.set(Some(Err(e.to_string()))),
    };

    let summary = move || {
        let c = state.campaign.get();
        let city = c.routes.iter().find(|r| r.kind == RouteKind::City);
        let industry = c
            .routes
            .iter()
            .find(|r| r.kind == RouteKind::IndustryAssociation);
        view! {
            <h2 data-testid="campaign-title">{c.title.clone()}</h2>
            <p class="meta">{format!("{}　{} 发布", c.document, c.issued)}</p>
            <ul class="route-facts">
                {city
                    .map(|r| {
                        view! {
                            <li>
                                {format!(
                                    "经所在市报送：{} 前交市质量协会，纸质申报表一式 {} 份",
                                    r.deadline,
                                    r.copies,
                                )}
                            </li>
                        }
                    })}
                {industry
                    .map(|r| {
                        view! {
                            <li>
                                {format!(
                                    "省行业协会直接推荐：{} 前交{}（{}），一式 {} 份",
                                    r.deadline,
                                    r.recipient.name,
                                    r.recipient.email,
                                    r.copies,
                                )}
                            </li>
                        }
                    })}
            </ul>
        }
    };
    let source = move || match state.source.get() {
        CampaignSource::Builtin => "当前使用内置活动定义。".to_owned(),
        CampaignSource::Picked(name) => format!("当前使用载入的活动定义文件：{name}"),
    };
    view! {
        <section class="card campaign-panel" data-testid="campaign-panel">
            {summary}
            <details class="organiser">
                <summary>"活动定义（供组织者调整）"</summary>
                <p data-testid="campaign-source">{source}</p>
                <p class="help">
                    "每年的表式、字段、阈值和名额都写在活动定义文件（JSON）中。组织者可以载入修改后的文件试用；出错时会指出文件中的位置。"
                </p>
                <div class="row-actions">
                    <label class="button">
                        "载入活动定义文件…"
                        <input
                            type="file"
                            accept=".json,application/json"
                            class="visually-hidden"
                            data-testid="campaign-file"
                            on:change=on_pick
                        />
                    </label>
                    <Show when=move || state.source.get() != CampaignSource::Builtin>
                        <button type="button" on:click=restore>
                            "恢复内置定义"
                        </button>
                    </Show>
                </div>
            </details>
            {move || {
                state
                    .campaign_notice
                    .get()
                    .map(|n| view! { <p class="notice notice-warn">{n}</p> })
            }}
            {move || {
                result
                    .get()
                    .map(|r| match r {
                        Ok(m) => {
                            view! {
                                <p class="notice notice-ok" role="status" data-testid="campaign-result">
                                    {m}
                                </p>
                            }
                                .into_any()
                        }
                        Err(m) => {
                            view! {
                                <p class="notice notice-error" role="alert" data-testid="campaign-result">
                                    {m}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
