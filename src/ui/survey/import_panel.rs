//! 导入文件: a CSV or XLSX file (问卷星 exports included) → which column
//! holds what (guessed, editable) → a preview with every unreadable row and
//! cell named → the import, all or nothing.

use std::sync::Arc;

use leptos::prelude::*;

use super::use_survey;
use crate::store::{files, tools};
use crate::survey::grid::{cell_text, Column};
use crate::survey::import::{guess_mapping, import, is_legacy_encoded, preview, FileKind, Limits};
use crate::survey::{ImportError, Mapping, NumberScale, Response, Table};
use crate::ui::dom::picked_files;

/// A file read and waiting for its mapping to be confirmed.
#[derive(Clone)]
struct Loaded {
    name: String,
    table: Arc<Table>,
}

/// Sets one column of a mapping.
type SetColumn = Arc<dyn Fn(&mut Mapping, Option<usize>) + Send + Sync>;

/// How many preview rows are shown.
const PREVIEW_ROWS: usize = 5;
/// How many problems are listed before “还有 N 处”.
const SHOWN_PROBLEMS: usize = 100;

/// Reads a picked file into a table: checked here (extension, size,
/// encoding), parsed by the tools module.
async fn read_file(file: &web_sys::File) -> Result<Table, String> {
    let name = file.name();
    let kind = FileKind::from_name(&name).map_err(|e| e.to_string())?;
    let max = Limits::default().max_file_bytes;
    let size = file.size() as usize;
    if size > max {
        return Err(ImportError::TooLarge { bytes: size, max }.to_string());
    }
    let mut bytes = files::bytes(file).await.map_err(|e| e.to_string())?;
    // Excel and 问卷星 save CSV as GBK on Chinese Windows: the browser
    // decodes it (no tables shipped in this module) to UTF-8 first.
    if is_legacy_encoded(&bytes, kind) {
        bytes = decode_gb18030(&bytes)
            .ok_or_else(|| ImportError::NotUtf8.to_string())?
            .into_bytes();
    }
    tools::survey_table(&bytes, &name).await
}

/// GB 18030 (a superset of GBK and GB 2312) to text, by the browser's
/// decoder; `None` when the bytes are not valid GB 18030 either.
fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// The import panel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = use_survey();
    let loaded = RwSignal::new(None::<Loaded>);
    let mapping = RwSignal::new(None::<Mapping>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        error.set(None);
        done.set(None);
        loaded.set(None);
        mapping.set(None);
        leptos::task::spawn_local(async move {
            match read_file(&file).await {
                Ok(table) => {
                    let q = ctx.questionnaire.get_untracked();
                    mapping.set(Some(guess_mapping(&table, &q)));
                    loaded.set(Some(Loaded {
                        name: file.name(),
                        table: Arc::new(table),
                    }));
                }
                Err(e) => error.set(Some(format!("“{}”无法读取：{e}", file.name()))),
            }
        });
    };

    let previewed = Memo::new(move |_| {
        let l = loaded.get()?;
        let m = mapping.get()?;
        let q = ctx.questionnaire.get();
        Some(preview(&l.table, &m, &q))
    });
    let ok_rows = move || {
        previewed.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.rows.iter().filter(|r| r.is_ok()).count())
        })
    };
    let answered_rows = move || {
        previewed.with(|p| {
            p.as_ref().map_or(0, |p| {
                p.rows
                    .iter()
                    .filter(|r| r.as_ref().is_ok_and(Response::is_answered))
                    .count()
            })
        })
    };
    let problem_count = move || previewed.with(|p| p.as_ref().map_or(0, |p| p.problems.len()));
    let bad_rows = move || {
        previewed.with(|p| {
            p.as_ref()
                .map_or(0, |p| p.rows.iter().filter(|r| r.is_err()).count())
        })
    };
    let existing = move || ctx.survey.with(|s| s.responses.answered());

    let run_import = move |append: bool| {
        let (Some(l), Some(m)) = (loaded.get_untracked(), mapping.get_untracked()) else {
            return;
        };
        let q = ctx.questionnaire.get_untracked();
        match import(&l.table, &m, &q) {
            Ok(imported) => {
                let count = imported.answered();
                let message = if append {
                    format!("已从“{}”追加 {count} 份答卷。", l.name)
                } else {
                    format!("已从“{}”导入 {count} 份答卷。", l.name)
                };
                ctx.change_with_undo(message.clone(), |s| {
                    let mut rows: Vec<Response> = if append {
                        s.responses
                            .rows
                            .iter()
                            .filter(|r| r.is_answered())
                            .cloned()
                            .collect()
                    } else {
                        Vec::new()
                    };
                    rows.extend(imported.aligned_to(&q).rows);
                    s.responses.item_ids = q.items().iter().map(|i| i.id.clone()).collect();
                    s.responses.rows = rows;
                });
                done.set(Some(message));
                loaded.set(None);
                mapping.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let column_select = move |label: String, current: Option<usize>, set: SetColumn| {
        let headers = loaded
            .with_untracked(|l| l.as_ref().map(|l| l.table.clone()))
            .map(|t| {
                (0..t.headers.len())
                    .map(|i| (i, t.column_name(i)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let options = headers
            .into_iter()
            .map(|(i, name)| {
                view! {
                    <option value=i.to_string() selected=current == Some(i)>
                        {format!("{}. {name}", i + 1)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <tr>
                <th scope="row">{label.clone()}</th>
                <td>
                    <select
                        aria-label=format!("“{label}”所在的列")
                        on:change=move |ev| {
                            let col = event_target_value(&ev).parse::<usize>().ok();
                            mapping.update(|m| {
                                if let Some(m) = m {
                                    set(m, col);
                                }
                            });
                        }
                    >
                        <option value="" selected=current.is_none()>"（文件中没有）"</option>
                        {options}
                    </select>
                </td>
            </tr>
        }
    };

    let mapping_rows = move || {
        let Some(m) = mapping.get() else {
            return ().into_any();
        };
        let q = ctx.questionnaire.get_untracked();
        let items = q
            .items()
            .iter()
            .map(|item| {
                let id = item.id.clone();
                column_select(
                    item.name.clone(),
                    m.column_of(&item.id),
                    Arc::new(move |m: &mut Mapping, col| {
                        match m.items.iter_mut().find(|(i, _)| *i == id) {
                            Some(slot) => slot.1 = col,
                            None => m.items.push((id.clone(), col)),
                        }
                    }),
                )
            })
            .collect_view();
        let texts = view! {
            {column_select("服务日期".into(), m.service_date, Arc::new(|m: &mut Mapping, c| m.service_date = c))}
            {column_select("服务项目".into(), m.service_item, Arc::new(|m: &mut Mapping, c| m.service_item = c))}
            {column_select("联系方式".into(), m.contact, Arc::new(|m: &mut Mapping, c| m.contact = c))}
            {column_select("意见和建议".into(), m.comment, Arc::new(|m: &mut Mapping, c| m.comment = c))}
        };
        let scale = m.numbers;
        let scale_option = move |value: &'static str, s: NumberScale, text: &'static str| {
            view! { <option value=value selected=scale == s>{text}</option> }
        };
        view! {
            <h3>"第 2 步：核对每一列的含义"</h3>
            <table class="mapping" data-testid="import-mapping">
                <tbody>{items} {texts}</tbody>
            </table>
            <label class="inline-field">
                "答案中的数字表示"
                <select on:change=move |ev| {
                    let s = match event_target_value(&ev).as_str() {
                        "best_first" => NumberScale::BestFirst,
                        "worst_first" => NumberScale::WorstFirst,
                        "scores" => NumberScale::Scores,
                        _ => NumberScale::Typed,
                    };
                    mapping.update(|m| {
                        if let Some(m) = m {
                            m.numbers = s;
                        }
                    });
                }>
                    {scale_option("best_first", NumberScale::BestFirst, "选项序号，1 = 最好（问卷星“按选项序号”）")}
                    {scale_option("worst_first", NumberScale::WorstFirst, "选项序号，数字越大越好")}
                    {scale_option("scores", NumberScale::Scores, "分值（如 100、80、60）")}
                    {scale_option("typed", NumberScale::Typed, "序号或分值（自动判断）")}
                </select>
            </label>
        }
        .into_any()
    };

    let preview_view = move || {
        let p = previewed.get()?;
        let q = ctx.questionnaire.get_untracked();
        let cols: Vec<Column> = (0..q.items().len()).map(Column::Item).collect();
        let heads = q
            .items()
            .iter()
            .map(|i| view! { <th scope="col">{i.name.clone()}</th> })
            .collect_view();
        let sample = p
            .rows
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .take(PREVIEW_ROWS)
            .map(|r| {
                let cells = cols
                    .iter()
                    .map(|c| view! { <td>{cell_text(&q, r, *c)}</td> })
                    .collect_view();
                view! { <tr>{cells}<td>{r.service_date.clone()}</td></tr> }
            })
            .collect_view();
        let more = p.problems.len().saturating_sub(SHOWN_PROBLEMS);
        let problems = p
            .problems
            .iter()
            .take(SHOWN_PROBLEMS)
            .map(|c| view! { <li>{c.to_string()}</li> })
            .collect_view();
        let blank = p.blank_rows.len();
        Some(view! {
            <h3>"第 3 步：预览"</h3>
            <p data-testid="import-summary">
                {format!(
                    "可读取 {} 行（其中有效答卷 {} 份）；无法读取 {} 行（{} 个单元格）；空行 {blank} 行已跳过。",
                    ok_rows(),
                    answered_rows(),
                    bad_rows(),
                    problem_count(),
                )}
            </p>
            {(!p.problems.is_empty()).then(|| view! {
                <div class="notice notice-error" role="alert" data-testid="import-problems">
                    <p>"以下单元格无法识别。请在文件中改正后重新选择文件，或调整上面的列对应关系；在全部改正之前不会导入任何一行："</p>
                    <ul>{problems}</ul>
                    {(more > 0).then(|| view! { <p>{format!("还有 {more} 处未列出。")}</p> })}
                </div>
            })}
            <div class="grid-scroll">
                <table class="preview">
                    <thead><tr>{heads}<th scope="col">"服务日期"</th></tr></thead>
                    <tbody>{sample}</tbody>
                </table>
            </div>
        })
    };

    let can_import = move || problem_count() == 0 && answered_rows() > 0;
    view! {
        <section class="card survey-card" aria-labelledby="import-title" data-testid="import">
            <h2 id="import-title">"三、导入问卷星或 Excel 文件"</h2>
            <p class="help">
                "支持 CSV 和 XLSX（含问卷星“按选项文本”“按选项序号”下载的答卷数据）。旧版 .xls 请先在 Excel 中另存为 .xlsx。"
            </p>
            <div class="row-actions">
                <label class="button" for="import-file">"第 1 步：选择文件…"</label>
                <input
                    id="import-file"
                    class="visually-hidden"
                    type="file"
                    accept=".csv,.txt,.tsv,.xlsx,.xlsm"
                    data-testid="import-file"
                    on:change=on_pick
                />
                {move || loaded.get().map(|l| view! { <span class="meta">{l.name}</span> })}
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="notice notice-error" role="alert" data-testid="import-error">{move || error.get()}</p>
            </Show>
            <Show when=move || done.with(Option::is_some)>
                <p class="notice notice-ok" role="status" data-testid="import-done">{move || done.get()}</p>
            </Show>
            {mapping_rows}
            {preview_view}
            <Show when=move || loaded.with(Option::is_some)>
                <div class="row-actions">
                    <button
                        type="button"
                        class="primary"
                        data-testid="import-confirm"
                        disabled=move || !can_import()
                        on:click=move |_| run_import(false)
                    >
                        {move || {
                            if existing() > 0 {
                                format!("替换现有 {} 份，导入 {} 份", existing(), answered_rows())
                            } else {
                                format!("导入 {} 份答卷", answered_rows())
                            }
                        }}
                    </button>
                    <Show when=move || { existing() > 0 }>
                        <button
                            type="button"
                            data-testid="import-append"
                            disabled=move || !can_import()
                            on:click=move |_| run_import(true)
                        >
                            "追加到现有答卷之后"
                        </button>
                    </Show>
                    <button
                        type="button"
                        on:click=move |_| {
                            loaded.set(None);
                            mapping.set(None);
                        }
                    >
                        "取消"
                    </button>
                </div>
            </Show>
        </section>
    }
}
