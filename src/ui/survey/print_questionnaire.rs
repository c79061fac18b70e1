//! The blank questionnaire as printed on A4 (附件2), headed with the
//! unit's name: hidden on screen, the only thing printed from this page
//! (style/survey.css).

use leptos::prelude::*;

use super::use_survey;
use crate::survey::form::{subject, unit_name};
use crate::survey::grid::TextField;

/// The printable blank questionnaire.
#[component]
pub fn PrintQuestionnaire() -> impl IntoView {
    let ctx = use_survey();
    let unit = move || ctx.campaign.with(|c| ctx.draft.with(|d| unit_name(c, d)));
    let about = move || ctx.campaign.with(|c| ctx.draft.with(|d| subject(c, d)));
    let heads = move || {
        ctx.questionnaire.with(|q| {
            q.levels()
                .iter()
                .map(|l| view! { <th scope="col">{l.name.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || {
        ctx.questionnaire.with(|q| {
            let boxes = q.levels().len();
            q.items()
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let cells = (0..boxes)
                        .map(|_| view! { <td class="box">"□"</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{format!("{}. {}", i + 1, item.name)}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let lines = TextField::ALL
        .into_iter()
        .map(|f| view! { <p class="line">{f.label()}"："</p> })
        .collect_view();
    view! {
        <section class="print-questionnaire" aria-hidden="true" data-testid="blank-questionnaire">
            <p class="pq-unit" data-testid="pq-unit">{unit}</p>
            <h1>"用户评价调查问卷"</h1>
            <p class="pq-intro">
                {move || {
                    let who = about();
                    let who = if who.is_empty() { "我们".to_owned() } else { format!("“{who}”") };
                    format!(
                        "尊敬的用户：为了解您对{who}服务的评价，改进服务工作，请在每一项相应的方框内打“√”。本问卷不记名，谢谢您的支持！"
                    )
                }}
            </p>
            <table class="pq-table">
                <thead>
                    <tr>
                        <th scope="col">"评价项目"</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {lines}
        </section>
    }
}
