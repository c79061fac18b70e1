//! A repeating table field such as 获得荣誉: rows of cells, add a row,
//! remove a row with undo.

use std::sync::Arc;

use leptos::prelude::*;

use super::field_input::FieldMessages;
use super::use_editor;
use crate::campaign::{Field, FieldType};
use crate::model::{Row, Target};
use crate::ui::dom::{cell_dom_id, field_dom_id, focus};

/// A removed row, kept so the removal can be undone.
#[derive(Clone)]
struct Removed {
    index: usize,
    row: Row,
}

/// The editor for a table field.
#[component]
pub fn TableInput(
    /// The table's definition (its `columns`).
    field: Arc<Field>,
) -> impl IntoView {
    let ctx = use_editor();
    let id = field.id.clone();
    let count = {
        let id = id.clone();
        Memo::new(move |_| ctx.draft.with(|d| d.values.rows(&id).len()))
    };
    let removed = RwSignal::new(None::<Removed>);
    let add = {
        let id = id.clone();
        move |_| {
            let mut index = 0;
            ctx.draft.update(|d| index = d.values.add_row(&id));
            removed.set(None);
            if let Some(first) = field_first_column(&ctx, &id) {
                // Focus the new row's first cell once it is rendered.
                let cell = cell_dom_id(&id, index, &first);
                request_animation_frame(move || focus(&cell));
            }
        }
    };
    let undo = {
        let id = id.clone();
        move |_| {
            if let Some(r) = removed.get_untracked() {
                let cell = field_first_column(&ctx, &id).map(|c| cell_dom_id(&id, r.index, &c));
                ctx.draft
                    .update(|d| d.values.insert_row(&id, r.index, r.row));
                removed.set(None);
                if let Some(cell) = cell {
                    request_animation_frame(move || focus(&cell));
                }
            }
        }
    };
    let table_findings = ctx.shown_findings(field_dom_id(&id), Target::field(&id));
    let columns = field.columns.clone();
    let header = columns
        .iter()
        .map(|c| {
            view! {
                <th scope="col">
                    {c.label.clone()}
                    {c.required.then(|| view! { <span class="req" title="必填">"*"</span> })}
                </th>
            }
        })
        .collect_view();
    let rows = {
        let id = id.clone();
        let columns = columns.clone();
        let label = field.label.clone();
        move || {
            (0..count.get())
                .map(|row| {
                    view! {
                        <TableRow
                            table=id.clone()
                            label=label.clone()
                            row=row
                            columns=columns.clone()
                            removed=removed
                        />
                    }
                })
                .collect_view()
        }
    };
    let title_id = format!("t-{id}");
    let msg_id = format!("e-{id}");
    view! {
        <div class="field field-wide table-field" data-field=id.clone()>
            <p class="table-title" id=title_id.clone()>
                {field.label.clone()}
                {field.required.then(|| view! { <span class="req" title="必填">"*"</span> })}
            </p>
            {(!field.help.is_empty()).then(|| view! { <p class="help">{field.help.clone()}</p> })}
            <div class="table-scroll">
                <table class="rows" aria-labelledby=title_id>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"序号"</th>
                            {header}
                            <th scope="col" class="actions">
                                <span class="visually-hidden">"操作"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || count.get() == 0>
                <p class="empty">"还没有填写。没有可不填。"</p>
            </Show>
            <div class="table-actions">
                <button type="button" id=field_dom_id(&id) on:click=add>
                    "＋ 添加一行"
                </button>
                {move || {
                    removed
                        .get()
                        .map(|r| {
                            view! {
                                <span class="undo" role="status">
                                    {format!("已删除第 {} 行。", r.index + 1)}
                                    <button type="button" class="link" on:click=undo.clone()>
                                        "撤销"
                                    </button>
                                </span>
                            }
                        })
                }}
            </div>
            <FieldMessages id=msg_id findings=table_findings.into() />
        </div>
    }
}

fn field_first_column(ctx: &super::EditorContext, table: &str) -> Option<String> {
    ctx.campaign.with_untracked(|c| {
        c.sections
            .iter()
            .flat_map(|s| s.fields.iter())
            .find(|f| f.id == table)
            .and_then(|f| f.columns.first())
            .map(|c| c.id.clone())
    })
}

/// One row of a table: a cell per column and a remove button.
#[component]
fn TableRow(
    /// The table field id.
    table: String,
    /// The table's label, for accessible names.
    label: String,
    /// The 0-based row.
    row: usize,
    /// The columns.
    columns: Vec<Field>,
    /// Where a removed row is kept for undo.
    removed: RwSignal<Option<Removed>>,
) -> impl IntoView {
    let ctx = use_editor();
    let cells = columns
        .into_iter()
        .map(|col| {
            let dom_id = cell_dom_id(&table, row, &col.id);
            let msg_id = format!("e-{dom_id}");
            let target = Target::cell(&table, row, &col.id);
            let value = {
                let (table, col) = (table.clone(), col.id.clone());
                Memo::new(move |_| {
                    ctx.draft.with(|d| {
                        d.values
                            .rows(&table)
                            .get(row)
                            .and_then(|r| r.get(&col))
                            .cloned()
                            .unwrap_or_default()
                    })
                })
            };
            let findings = ctx.shown_findings(dom_id.clone(), target);
            let invalid = move || {
                findings
                    .with(|f| f.iter().any(|f| f.is_error()))
                    .then_some("true")
            };
            let set = {
                let (table, col) = (table.clone(), col.id.clone());
                move |ev| {
                    let v = event_target_value(&ev);
                    ctx.draft
                        .update(|d| d.values.set_cell(&table, row, &col, v));
                }
            };
            let leave = {
                let dom_id = dom_id.clone();
                move |_| ctx.touch(&dom_id)
            };
            let mode = if col.kind == FieldType::Year {
                "numeric"
            } else {
                "text"
            };
            let aria_label = format!("{label}第 {} 行{}", row + 1, col.label);
            view! {
                <td>
                    <input
                        id=dom_id
                        type="text"
                        inputmode=mode
                        aria-label=aria_label
                        aria-required=col.required.then_some("true")
                        aria-invalid=invalid
                        aria-describedby=msg_id.clone()
                        placeholder=col.placeholder.clone()
                        prop:value=move || value.get()
                        on:input=set
                        on:blur=leave
                    />
                    <FieldMessages id=msg_id findings=findings.into() />
                </td>
            }
        })
        .collect_view();
    let remove = {
        let table = table.clone();
        move |_| {
            let mut taken = None;
            ctx.draft
                .update(|d| taken = d.values.remove_row(&table, row));
            removed.set(taken.map(|r| Removed { index: row, row: r }));
        }
    };
    view! {
        <tr>
            <td class="num">{row + 1}</td>
            {cells}
            <td class="actions">
                <button
                    type="button"
                    class="link danger"
                    aria-label=format!("删除{label}第 {} 行", row + 1)
                    on:click=remove
                >
                    "删除"
                </button>
            </td>
        </tr>
    }
}
