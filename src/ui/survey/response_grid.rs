//! 答卷录入: a grid for typing paper questionnaires fast. Digits 1–n pick
//! a level and move on; level names and scores are read too; Enter goes to
//! the next row, arrow keys move between cells; a block copied from a
//! spreadsheet pastes all at once (or not at all). Every edit is saved.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::use_survey;
use crate::survey::grid::{cell_text, column_label, columns, paste, set_cell, Column};
use crate::survey::Response;
use crate::ui::dom::focus;

/// The DOM id of a grid cell.
fn cell_id(row: usize, col: usize) -> String {
    format!("g-{row}-{col}")
}

/// Focuses a cell: at once when it is on the page (so fast typing goes
/// to the right cell), else once the grid has rendered the row just added.
fn focus_later(row: usize, col: usize) {
    let id = cell_id(row, col);
    if document().get_element_by_id(&id).is_some() {
        focus(&id);
    } else {
        request_animation_frame(move || focus(&id));
    }
}

/// The response grid.
#[component]
pub fn ResponseGrid() -> impl IntoView {
    let ctx = use_survey();
    // Cells whose text could not be read: (row, column) → message. The
    // text stays in the cell for the typist to correct.
    let errors = RwSignal::new(BTreeMap::<(usize, usize), String>::new());
    let paste_problems = RwSignal::new(Vec::<String>::new());
    let cols = Memo::new(move |_| columns(&ctx.questionnaire.get()));
    let rows = Memo::new(move |_| ctx.survey.with(|s| s.responses.rows.len()));

    let commit = move |row: usize, col: usize, text: String| -> bool {
        let Some(column) = cols.with_untracked(|c| c.get(col).copied()) else {
            return false;
        };
        let q = ctx.questionnaire.get_untracked();
        let mut outcome = Ok(());
        let unchanged = ctx.survey.with_untracked(|s| {
            s.responses
                .rows
                .get(row)
                .is_some_and(|r| cell_text(&q, r, column) == text.trim())
        }) || (row >= rows.get_untracked() && text.trim().is_empty());
        if !unchanged {
            let mut next = ctx.survey.get_untracked();
            while next.responses.rows.len() <= row {
                next.responses.rows.push(Response::blank(q.items().len()));
            }
            if let Some(r) = next.responses.rows.get_mut(row) {
                outcome = set_cell(&q, r, column, &text);
            }
            if outcome.is_ok() {
                ctx.survey.set(next);
            }
        }
        match outcome {
            Ok(()) => {
                if errors.with_untracked(|e| e.contains_key(&(row, col))) {
                    errors.update(|e| {
                        e.remove(&(row, col));
                    });
                }
                true
            }
            Err(message) => {
                let label = column_label(&q, column);
                errors.update(|e| {
                    e.insert(
                        (row, col),
                        format!("第 {} 行「{label}」：{message}", row + 1),
                    );
                });
                false
            }
        }
    };

    let on_keydown = move |row: usize, col: usize, ev: leptos::ev::KeyboardEvent| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else {
            return;
        };
        let last_col = cols.with_untracked(Vec::len).saturating_sub(1);
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                if commit(row, col, input.value()) {
                    focus_later(row + 1, 0);
                }
            }
            "ArrowDown" => {
                ev.prevent_default();
                if row < rows.get_untracked() {
                    focus_later(row + 1, col);
                }
            }
            "ArrowUp" if row > 0 => {
                ev.prevent_default();
                focus_later(row - 1, col);
            }
            "ArrowLeft" if col > 0 && input.selection_start().ok().flatten() == Some(0) => {
                ev.prevent_default();
                focus_later(row, col - 1);
            }
            "ArrowRight"
                if col < last_col
                    && input.selection_end().ok().flatten()
                        == Some(input.value().encode_utf16().count() as u32) =>
            {
                ev.prevent_default();
                focus_later(row, col + 1);
            }
            _ => {}
        }
    };

    // A single digit that picks a level is the whole answer: take it and
    // move to the next cell, so a row is typed as 1 1 2 1 … Enter.
    let on_input = move |row: usize, col: usize, text: String| {
        let is_item = cols.with_untracked(|c| matches!(c.get(col), Some(Column::Item(_))));
        let levels = ctx.questionnaire.with_untracked(|q| q.levels().len());
        let digit = text
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|d| text.trim().len() == 1 && (1..=levels).contains(d));
        if is_item && digit.is_some() && commit(row, col, text) {
            let last_col = cols.with_untracked(Vec::len).saturating_sub(1);
            if col < last_col {
                focus_later(row, col + 1);
            }
        }
    };

    let on_paste = move |row: usize, col: usize, ev: leptos::ev::ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if !text.contains('\t') && !text.trim_end().contains('\n') {
            return; // one value: the browser pastes it into the cell
        }
        ev.prevent_default();
        let q = ctx.questionnaire.get_untracked();
        let result = ctx
            .survey
            .with_untracked(|s| paste(&q, &s.responses, row, col, &text));
        match result {
            Ok(responses) => {
                let added = responses.rows.len().saturating_sub(rows.get_untracked());
                paste_problems.set(Vec::new());
                ctx.change_with_undo(
                    format!("已粘贴，从第 {} 行起（新增 {added} 行）。", row + 1),
                    |s| s.responses = responses,
                );
            }
            Err(problems) => paste_problems.set(problems.iter().map(ToString::to_string).collect()),
        }
    };

    let delete_row = move |row: usize| {
        errors.set(BTreeMap::new());
        ctx.change_with_undo(format!("已删除第 {} 行。", row + 1), |s| {
            if row < s.responses.rows.len() {
                s.responses.rows.remove(row);
            }
        });
    };

    let header = move || {
        let q = ctx.questionnaire.get();
        cols.get()
            .into_iter()
            .map(|c| {
                let class = match c {
                    Column::Item(_) => "g-item",
                    Column::Text(_) => "g-text",
                };
                view! { <th scope="col" class=class>{column_label(&q, c)}</th> }
            })
            .collect_view()
    };

    // One more row than there are responses: typing into it adds one.
    let row_view = move |row: usize| {
        let cells = move || {
            cols.get()
                .into_iter()
                .enumerate()
                .map(|(col, column)| {
                    let value = move || {
                        let q = ctx.questionnaire.get();
                        ctx.survey.with(|s| {
                            s.responses
                                .rows
                                .get(row)
                                .map(|r| cell_text(&q, r, column))
                                .unwrap_or_default()
                        })
                    };
                    let invalid = move || errors.with(|e| e.contains_key(&(row, col)));
                    let label = move || {
                        format!(
                            "第 {} 行 {}",
                            row + 1,
                            column_label(&ctx.questionnaire.get(), column)
                        )
                    };
                    let class = match column {
                        Column::Item(_) => "g-item",
                        Column::Text(_) => "g-text",
                    };
                    view! {
                        <td class=class>
                            <input
                                id=cell_id(row, col)
                                type="text"
                                autocomplete="off"
                                aria-label=label
                                aria-invalid=move || invalid().then_some("true")
                                class:invalid=invalid
                                prop:value=value
                                on:input=move |ev| on_input(row, col, event_target_value(&ev))
                                on:change=move |ev| {
                                    commit(row, col, event_target_value(&ev));
                                }
                                on:keydown=move |ev| on_keydown(row, col, ev)
                                on:paste=move |ev| on_paste(row, col, ev)
                            />
                        </td>
                    }
                })
                .collect_view()
        };
        let is_new = move || row >= rows.get();
        view! {
            <tr class:new-row=is_new data-testid="grid-row">
                <th scope="row" class="g-number">{row + 1}</th>
                {cells}
                <td class="g-actions">
                    <Show when=move || !is_new()>
                        <button
                            type="button"
                            class="small link danger"
                            aria-label=format!("删除第 {} 行", row + 1)
                            on:click=move |_| delete_row(row)
                        >
                            "删除"
                        </button>
                    </Show>
                </td>
            </tr>
        }
    };

    let hint = move || {
        let q = ctx.questionnaire.get();
        let n = q.levels().len();
        let names = q
            .levels()
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} = {}", i + 1, l.name))
            .collect::<Vec<_>>()
            .join("，");
        format!(
            "数字键 1–{n} 直接选等级并跳到下一格（{names}）；也可输入等级名称或分值。Enter 到下一行，方向键在格间移动；可从 Excel 复制多行多列后粘贴（Ctrl+V）。"
        )
    };

    view! {
        <section class="card survey-card" aria-labelledby="grid-title" data-testid="responses">
            <h2 id="grid-title">"二、录入答卷"</h2>
            <p class="help">{hint}</p>
            <Show when=move || !paste_problems.with(Vec::is_empty)>
                <div class="notice notice-error" role="alert" data-testid="paste-problems">
                    <p>"粘贴的内容有无法识别的单元格，没有粘贴任何内容："</p>
                    <ul>
                        {move || {
                            paste_problems
                                .get()
                                .into_iter()
                                .take(50)
                                .map(|p| view! { <li>{p}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            <Show when=move || !errors.with(BTreeMap::is_empty)>
                <ul class="notice notice-error cell-errors" role="alert" data-testid="cell-errors">
                    {move || {
                        errors.get().into_values().map(|m| view! { <li>{m}</li> }).collect_view()
                    }}
                </ul>
            </Show>
            <div class="grid-scroll">
                <table class="response-grid">
                    <thead>
                        <tr>
                            <th scope="col" class="g-number">"#"</th>
                            {header}
                            <th scope="col" class="g-actions">
                                <span class="visually-hidden">"操作"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || 0..=rows.get() key=|row| *row children=row_view />
                    </tbody>
                </table>
            </div>
        </section>
    }
}
