//! Valid packages per category against the campaign's quotas (province
//! totals, and per route where the organiser set them).

use leptos::prelude::*;

use crate::review::{quotas, Row};
use crate::ui::state::use_app_state;

/// The quota summary of the batch.
#[component]
pub fn QuotaTable(
    /// The batch's rows.
    rows: Signal<Vec<Row>>,
) -> impl IntoView {
    let state = use_app_state();
    let lines = move || state.campaign.with(|c| rows.with(|r| quotas(c, r)));
    view! {
        <details class="card quotas" open>
            <summary>"名额对照（按有效申报包计，同一文件只计一次）"</summary>
            <div class="table-scroll">
                <table class="rows" data-testid="quota-table">
                    <thead>
                        <tr>
                            <th scope="col">"范围"</th>
                            <th scope="col">"类别"</th>
                            <th scope="col">"有效申报包"</th>
                            <th scope="col">"名额"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            lines()
                                .into_iter()
                                .map(|l| {
                                    let over = l.over();
                                    view! {
                                        <tr class:over={over > 0}>
                                            <td>{l.scope.clone()}</td>
                                            <td>{l.category.clone()}</td>
                                            <td>{l.valid}</td>
                                            <td>
                                                {l.quota.map_or("未设".to_owned(), |q| q.to_string())}
                                                {(over > 0).then(|| format!("（超出 {over}）"))}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
