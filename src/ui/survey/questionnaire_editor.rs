//! 问卷: the items and the rating scale of this application's
//! questionnaire, editable (add, remove, reorder items; names, weights,
//! scores, which levels count as satisfied), with undo for removals.

use leptos::prelude::*;

use super::use_survey;
use crate::survey::{fmt_number, parse_decimal, Questionnaire, QuestionnaireError};

/// The questionnaire editor.
#[component]
pub fn QuestionnaireEditor() -> impl IntoView {
    let ctx = use_survey();
    let error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());

    // Every edit goes through the questionnaire's own checks; a refused one
    // changes nothing and says why. Responses are re-aligned so the grid's
    // columns follow the items.
    let edit = move |change: &dyn Fn(&mut Questionnaire) -> Result<(), QuestionnaireError>| {
        let mut q = ctx.questionnaire.get_untracked();
        match change(&mut q) {
            Ok(()) => {
                error.set(None);
                ctx.survey.update(|s| {
                    s.responses = s.responses.aligned_to(&q);
                    s.questionnaire = q;
                });
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let add = move || {
        let name = new_name.get_untracked();
        edit(&|q| q.add_item(&name).map(drop));
        if error.get_untracked().is_none() {
            new_name.set(String::new());
        }
    };
    let remove = move |id: String, name: String| {
        let mut q = ctx.questionnaire.get_untracked();
        match q.remove_item(&id) {
            Ok(_) => {
                error.set(None);
                ctx.change_with_undo(format!("已删除题目“{name}”。"), |s| {
                    s.responses = s.responses.aligned_to(&q);
                    s.questionnaire = q;
                });
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let reset = move |_| {
        let defaults = ctx
            .campaign
            .with_untracked(|c| Questionnaire::from_defaults(&c.survey));
        match defaults {
            Ok(q) => ctx.change_with_undo(
                "已恢复为活动定义中的默认问卷。".to_owned(),
                |s| {
                    s.responses = s.responses.aligned_to(&q);
                    s.questionnaire = q;
                },
            ),
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let items = move || {
        let q = ctx.questionnaire.get();
        let count = q.items().len();
        q.items()
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (id1, id2, id3, id4, id5) = (
                    item.id.clone(),
                    item.id.clone(),
                    item.id.clone(),
                    item.id.clone(),
                    item.id.clone(),
                );
                let name = item.name.clone();
                view! {
                    <li class="q-item" data-testid=format!("q-item-{}", item.id)>
                        <span class="q-number">{i + 1}"."</span>
                        <input
                            type="text"
                            class="q-name"
                            aria-label=format!("第 {} 题名称", i + 1)
                            prop:value=item.name.clone()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                edit(&|q| q.rename_item(&id1, &v));
                            }
                        />
                        <label class="q-weight">
                            "权重"
                            <input
                                type="text"
                                inputmode="decimal"
                                prop:value=fmt_number(item.weight)
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    match parse_decimal(v.trim()) {
                                        Some(w) => edit(&|q| q.set_weight(&id2, w)),
                                        None => error.set(Some(format!("权重“{v}”不是数字：请填 0 或正数，如 1、1.5"))),
                                    }
                                }
                            />
                        </label>
                        <button
                            type="button"
                            class="small"
                            disabled=i == 0
                            aria-label=format!("上移第 {} 题", i + 1)
                            on:click=move |_| edit(&|q| q.move_item(&id3, i.saturating_sub(1)))
                        >
                            "↑"
                        </button>
                        <button
                            type="button"
                            class="small"
                            disabled=i + 1 == count
                            aria-label=format!("下移第 {} 题", i + 1)
                            on:click=move |_| edit(&|q| q.move_item(&id4, i + 1))
                        >
                            "↓"
                        </button>
                        <button
                            type="button"
                            class="small danger"
                            aria-label=format!("删除第 {} 题", i + 1)
                            on:click=move |_| remove(id5.clone(), name.clone())
                        >
                            "删除"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let levels = move || {
        let q = ctx.questionnaire.get();
        q.levels()
            .iter()
            .enumerate()
            .map(|(i, level)| {
                view! {
                    <tr>
                        <td>{i + 1}</td>
                        <td>
                            <input
                                type="text"
                                aria-label=format!("第 {} 级名称", i + 1)
                                prop:value=level.name.clone()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(&|q| q.rename_level(i, &v));
                                }
                            />
                        </td>
                        <td>
                            <input
                                type="text"
                                inputmode="decimal"
                                class="score"
                                aria-label=format!("“{}”的分值", level.name)
                                prop:value=fmt_number(level.score)
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    match parse_decimal(v.trim()) {
                                        Some(s) => edit(&|q| q.set_score(i, s)),
                                        None => error.set(Some(format!("分值“{v}”不是数字：请填 0–100 之间的数"))),
                                    }
                                }
                            />
                        </td>
                        <td>
                            <input
                                type="checkbox"
                                aria-label=format!("“{}”计为满意", level.name)
                                prop:checked=level.satisfied
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(&|q| q.set_satisfied(i, on));
                                }
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let answered = move || ctx.survey.with(|s| s.responses.answered());
    view! {
        <section class="card survey-card" aria-labelledby="q-title" data-testid="questionnaire">
            <h2 id="q-title">"一、调查问卷"</h2>
            <p class="help">
                "默认题目和五级评价来自活动定义（附件2）。可增删、调整顺序，修改权重和分值；已录入的答卷按等级保存，修改分值后自动重新计分。"
            </p>
            <Show when=move || error.with(Option::is_some)>
                <p class="notice notice-error" role="alert">{move || error.get()}</p>
            </Show>
            <ol class="q-items">{items}</ol>
            <div class="row-actions">
                <label class="visually-hidden" for="q-new">"新题目名称"</label>
                <input
                    id="q-new"
                    type="text"
                    placeholder="新题目，如：收费合理性"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            add();
                        }
                    }
                />
                <button type="button" on:click=move |_| add()>"添加题目"</button>
                <button type="button" on:click=reset>"恢复默认问卷"</button>
            </div>
            <h3>"评价等级（从好到差）"</h3>
            <table class="levels">
                <thead>
                    <tr>
                        <th scope="col">"序号"</th>
                        <th scope="col">"等级"</th>
                        <th scope="col">"分值"</th>
                        <th scope="col">"计为满意"</th>
                    </tr>
                </thead>
                <tbody>{levels}</tbody>
            </table>
            <div class="row-actions">
                <button
                    type="button"
                    data-testid="print-questionnaire"
                    on:click=move |_| {
                        let _ = window().print();
                    }
                >
                    "打印空白问卷（A4）"
                </button>
                <span class="meta">
                    {move || format!("已有 {} 份有效答卷。", answered())}
                </span>
            </div>
        </section>
    }
}
