//! 统计结果: n, per item the mean score, distribution and satisfaction
//! rate, the overall index (weighted mean), the overall satisfaction rate,
//! Cronbach's α and the weakest items, with the report's bar chart.

use leptos::prelude::*;

use super::{use_survey, SamplePanel};
use crate::survey::chart::mean_bars;
use crate::survey::fmt_fixed;
use crate::survey::stats::alpha_reading;

fn score(x: Option<f64>) -> String {
    x.map(|x| fmt_fixed(x, 2)).unwrap_or_else(|| "—".to_owned())
}

fn rate(x: Option<f64>) -> String {
    x.map(|x| format!("{}%", fmt_fixed(x * 100.0, 1)))
        .unwrap_or_else(|| "—".to_owned())
}

/// The figures of the survey.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let ctx = use_survey();
    let level_heads = move || {
        ctx.stats.with(|s| {
            s.levels
                .iter()
                .map(|l| view! { <th scope="col" class="num">{l.name.clone()}</th> })
                .collect_view()
        })
    };
    let item_rows = move || {
        ctx.stats.with(|s| {
            s.items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let weak = s.weakest.contains(&i);
                    let dist = item
                        .distribution
                        .iter()
                        .map(|c| view! { <td class="num">{*c}</td> })
                        .collect_view();
                    view! {
                        <tr class:weak=weak data-testid=format!("item-{}", item.id)>
                            <th scope="row">{item.name.clone()}</th>
                            <td class="num">{crate::survey::fmt_number(item.weight)}</td>
                            <td class="num">{item.answered}</td>
                            {dist}
                            <td class="num" data-testid="mean">{score(item.mean)}</td>
                            <td class="num" data-testid="rate">{rate(item.satisfaction_rate)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let weakest = move || {
        ctx.stats.with(|s| {
            s.weakest_items()
                .map(|i| {
                    format!(
                        "{}（平均分 {}，满意率 {}）",
                        i.name,
                        score(i.mean),
                        rate(i.satisfaction_rate)
                    )
                })
                .collect::<Vec<_>>()
                .join("；")
        })
    };
    let alpha = move || {
        ctx.stats.with(|s| match s.alpha {
            Some(a) => format!(
                "{}（{}；按 {} 份全部作答的答卷计算）",
                fmt_fixed(a, 3),
                alpha_reading(a),
                s.complete
            ),
            None => format!(
                "无法计算（需要至少 2 份全部作答且有差异的答卷，现有 {} 份全部作答）",
                s.complete
            ),
        })
    };
    let chart = move || ctx.stats.with(mean_bars);
    view! {
        <section class="card survey-card" aria-labelledby="stats-title" data-testid="stats">
            <h2 id="stats-title">"四、统计结果"</h2>
            <SamplePanel />
            <dl class="figures">
                <div>
                    <dt>"综合满意度指数（加权平均分）"</dt>
                    <dd data-testid="stat-index">{move || ctx.stats.with(|s| score(s.overall_index))}</dd>
                </div>
                <div>
                    <dt>"总体满意率（很满意 + 满意）"</dt>
                    <dd data-testid="stat-rate">{move || ctx.stats.with(|s| rate(s.satisfaction_rate()))}</dd>
                </div>
                <div>
                    <dt>"信度 Cronbach's α"</dt>
                    <dd data-testid="stat-alpha">{alpha}</dd>
                </div>
            </dl>
            <div class="grid-scroll">
                <table class="item-stats">
                    <thead>
                        <tr>
                            <th scope="col">"题目"</th>
                            <th scope="col" class="num">"权重"</th>
                            <th scope="col" class="num">"作答"</th>
                            {level_heads}
                            <th scope="col" class="num">"平均分"</th>
                            <th scope="col" class="num">"满意率"</th>
                        </tr>
                    </thead>
                    <tbody>{item_rows}</tbody>
                </table>
            </div>
            <p data-testid="weakest">
                "相对薄弱的题目：" {move || {
                    let w = weakest();
                    if w.is_empty() { "（暂无答卷）".to_owned() } else { w }
                }}
            </p>
            <div class="chart" inner_html=chart></div>
        </section>
    }
}
