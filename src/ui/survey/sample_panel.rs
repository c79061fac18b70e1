//! 样本: how many responses count, against the notice's sample-size rule
//! for the year's number of service objects.

use leptos::prelude::*;

use super::use_survey;
use crate::survey::SampleStatus;

/// The sample count and the rule's verdict.
#[component]
pub fn SamplePanel() -> impl IntoView {
    let ctx = use_survey();
    let from_form = Memo::new(move |_| {
        ctx.draft.with(|d| {
            d.values
                .filled(crate::survey::stats::FIELD_ANNUAL_CLIENTS)
                .is_some()
        })
    });
    let n = Memo::new(move |_| ctx.stats.with(|s| s.n));
    let verdict = move || {
        let n = u32::try_from(n.get()).unwrap_or(u32::MAX);
        match ctx.annual_clients() {
            Some(pop) => {
                let v = ctx.sample_rule().verdict(pop, n);
                let class = match v.status {
                    SampleStatus::Meets => "notice notice-ok",
                    SampleStatus::MeetsWithNote => "notice notice-warn",
                    SampleStatus::Fails => "notice notice-error",
                };
                view! { <p class=class data-testid="sample-verdict">{v.explanation}</p> }.into_any()
            }
            None => {
                let r = ctx.sample_rule();
                view! {
                    <p class="meta" data-testid="sample-verdict">
                        {format!(
                            "请填写年服务对象数：少于 {} 个应全数调查，否则样本数应在 {}–{} 份之间。",
                            r.everyone_below,
                            r.min,
                            r.max,
                        )}
                    </p>
                }
                    .into_any()
            }
        }
    };
    view! {
        <div class="sample" data-testid="sample">
            <p class="sample-count">
                "有效答卷 " <strong data-testid="stat-n">{move || n.get()}</strong> " 份"
            </p>
            {move || {
                if from_form.get() {
                    view! {
                        <p class="meta">
                            {move || {
                                format!(
                                    "年服务对象数（取自申报表）：{}",
                                    ctx.annual_clients().map(|p| p.to_string()).unwrap_or_default(),
                                )
                            }}
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <label class="inline-field">
                            "年服务对象数"
                            <input
                                type="text"
                                inputmode="numeric"
                                data-testid="annual-clients"
                                prop:value=move || {
                                    ctx.survey.with(|s| s.annual_clients.map(|p| p.to_string()).unwrap_or_default())
                                }
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let parsed = v.trim().parse::<u32>().ok();
                                    ctx.survey.update(|s| s.annual_clients = parsed);
                                }
                            />
                            "个"
                        </label>
                    }
                        .into_any()
                }
            }}
            {verdict}
        </div>
    }
}
