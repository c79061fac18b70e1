//! 审阅: the reviewer's workspace. Open one package or hundreds, one at a
//! time (memory holds the largest, not the total); see each verdict in a
//! sortable, filterable table with counts against the quotas; export the
//! table; open a package to read its form, preview its attachments safely
//! and forward it with a signed recommendation.

use leptos::prelude::*;

use crate::model::sniff::human_size;
use crate::package::Report;
use crate::review::{sheet, sort, Filter, Row, SortKey};
use crate::store::{clock, download, files, review_batch, tools};
use crate::ui::components::{PackageDetail, QuotaTable};
use crate::ui::dom::{dropped_files, focus, picked_files};
use crate::ui::state::use_app_state;

/// The largest package the reviewer opens.
const MAX_PACKAGE_BYTES: f64 = 260.0 * 1024.0 * 1024.0;

/// A package opened: its table row and, when it could be read, the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The table row.
    pub row: Row,
    /// The full report.
    pub report: Option<Report>,
}

/// The files opened in this page, with their row numbers; kept as `File`
/// handles, so their bytes stay on disk until a package is read again.
/// Rows kept from an earlier visit have no file until opened again.
pub type OpenedFiles = StoredValue<Vec<(usize, web_sys::File)>, LocalStorage>;

/// The reviewer's screen.
#[component]
pub fn ReviewScreen() -> impl IntoView {
    let state = use_app_state();
    // The table survives a reload; the reports and files do not.
    let items = RwSignal::new(
        review_batch::load()
            .into_iter()
            .map(|row| Item { row, report: None })
            .collect::<Vec<_>>(),
    );
    let opened: OpenedFiles = StoredValue::new_local(Vec::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let cancel = RwSignal::new(false);
    let selected = RwSignal::new(None::<usize>);
    let filter = RwSignal::new(Filter::default());
    let order = RwSignal::new((SortKey::Number, true));
    let notice = RwSignal::new(None::<String>);
    let cleared = RwSignal::new(None::<Vec<Item>>);

    let open_all = move |list: Vec<web_sys::File>| {
        if list.is_empty() || progress.get_untracked().is_some() {
            return;
        }
        let total = list.len();
        cancel.set(false);
        leptos::task::spawn_local(async move {
            let campaign_text = state.campaign_text.get_untracked();
            let today = clock::today().to_string();
            for (i, file) in list.into_iter().enumerate() {
                if cancel.get_untracked() {
                    notice.set(Some(format!(
                        "已停止：打开了 {i} 个，其余 {} 个未打开。",
                        total - i
                    )));
                    break;
                }
                progress.set(Some((i, total)));
                let name = file.name();
                let next = items
                    .with_untracked(|all| all.iter().map(|i| i.row.number).max())
                    .unwrap_or(0)
                    + 1;
                let outcome = if file.size() > MAX_PACKAGE_BYTES {
                    Err(format!(
                        "文件有 {}，超过可打开的上限 {}：请确认这是申报包",
                        human_size(file.size() as u64),
                        human_size(MAX_PACKAGE_BYTES as u64)
                    ))
                } else {
                    // One buffer for the whole batch: memory holds the
                    // largest package, and no garbage piles up.
                    match files::array_reused(&file).await {
                        Ok(bytes) => tools::package_inspect(&bytes, &campaign_text, &today).await,
                        Err(e) => Err(format!("无法读取文件：{e}")),
                    }
                };
                // A package listed from an earlier visit, opened again,
                // takes its old place.
                let earlier = outcome.as_ref().ok().and_then(|r| {
                    items.with_untracked(|all| {
                        all.iter()
                            .find(|i| i.report.is_none() && i.row.sha256 == r.sha256)
                            .map(|i| i.row.number)
                    })
                });
                let number = earlier.unwrap_or(next);
                opened.update_value(|f| f.push((number, file)));
                let item = match outcome {
                    Ok(report) => Item {
                        row: Row::new(number, &name, &report),
                        report: Some(report),
                    },
                    Err(reason) => Item {
                        row: Row::failed(number, &name, &reason),
                        report: None,
                    },
                };
                items.update(
                    |all| match all.iter_mut().find(|i| i.row.number == number) {
                        Some(old) => *old = item,
                        None => all.push(item),
                    },
                );
            }
            progress.set(None);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| open_all(picked_files(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        open_all(dropped_files(&ev));
    };

    // Keep the table on every change.
    Effect::new(move |_| {
        let rows: Vec<Row> = items.with(|all| all.iter().map(|i| i.row.clone()).collect());
        if let Err(e) = review_batch::save(&rows) {
            notice.set(Some(format!(
                "审阅列表未能保存到浏览器（{e}）：刷新页面后需要重新打开这些申报包。"
            )));
        }
    });

    let shown = Memo::new(move |_| {
        let f = filter.get();
        let mut rows: Vec<Row> = items.with(|all| {
            all.iter()
                .map(|i| i.row.clone())
                .filter(|r| f.matches(r))
                .collect()
        });
        let (key, ascending) = order.get();
        sort(&mut rows, key, ascending);
        rows
    });

    let export = move |format: &'static str| {
        let rows = shown.get_untracked();
        let label = state
            .campaign
            .with_untracked(|c| c.review.score_label.clone());
        let table = sheet(&label, &rows);
        let stamp = clock::date_time(clock::now_ms())
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>();
        leptos::task::spawn_local(async move {
            let media = if format == "csv" {
                "text/csv"
            } else {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            };
            let result = tools::table_export(format, &table).await.and_then(|bytes| {
                download::download_array(&bytes, &format!("申报包审阅_{stamp}.{format}"), media)
                    .map_err(|e| e.to_string())
            });
            notice.set(result.err().map(|e| format!("导出失败：{e}")));
        });
    };

    let clear = move |_| {
        let old = items.get_untracked();
        if old.is_empty() {
            return;
        }
        selected.set(None);
        cleared.set(Some(old));
        items.set(Vec::new());
    };
    let undo_clear = move |_| {
        if let Some(old) = cleared.get_untracked() {
            items.set(old);
            cleared.set(None);
        }
    };

    let selected_item = Memo::new(move |_| {
        let n = selected.get()?;
        items.with(|all| all.iter().find(|i| i.row.number == n).cloned())
    });

    view! {
        <section class="screen review" data-testid="screen-review">
            <h1>"审阅申报包"</h1>
            <p class="lead">
                "市质量协会和省创建办在这里打开申报包，核验签名与完整性，阅读申报表和附件，并可签署推荐意见后转发。申报包只在本机打开，不会上传。"
            </p>
            <div
                class="card drop-zone"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <label class="button primary">
                    "打开申报包…"
                    <input
                        type="file"
                        multiple
                        accept=".zip,application/zip"
                        class="visually-hidden"
                        data-testid="open-packages"
                        on:change=on_pick
                    />
                </label>
                <span class="meta">"可一次选择多个（包括转发包），也可把文件拖到这里。"</span>
                {move || {
                    progress
                        .get()
                        .map(|(done, total)| {
                            view! {
                                <div role="status" class="working" data-testid="open-progress">
                                    <progress max=total.to_string() value=done.to_string()></progress>
                                    <span>{format!("正在核验第 {} 个，共 {total} 个……", done + 1)}</span>
                                    <button type="button" on:click=move |_| cancel.set(true)>
                                        "停止"
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
            {move || notice.get().map(|n| view! { <p class="notice notice-warn" role="alert">{n}</p> })}
            {move || {
                cleared
                    .get()
                    .map(|old| {
                        view! {
                            <p class="notice" role="status">
                                {format!("已清空 {} 个申报包。", old.len())}
                                <button type="button" class="link" on:click=undo_clear>
                                    "撤销"
                                </button>
                            </p>
                        }
                    })
            }}
            <Show when=move || items.with(|i| !i.is_empty())>
                <QuotaTable rows=Signal::derive(move || {
                    items.with(|all| all.iter().map(|i| i.row.clone()).collect::<Vec<_>>())
                }) />
                <div class="card batch">
                    <div class="batch-tools">
                        {filters(filter)}
                        <div class="row-actions">
                            <button type="button" on:click=move |_| export("xlsx") data-testid="export-xlsx">
                                "导出 Excel（XLSX）"
                            </button>
                            <button type="button" on:click=move |_| export("csv") data-testid="export-csv">
                                "导出 CSV"
                            </button>
                            <button type="button" class="link danger" on:click=clear>
                                "清空列表"
                            </button>
                        </div>
                    </div>
                    <p class="meta" role="status">
                        {move || {
                            format!(
                                "显示 {} 个，共 {} 个",
                                shown.with(Vec::len),
                                items.with(Vec::len),
                            )
                        }}
                    </p>
                    <div class="table-scroll">
                        <table class="rows batch-table" data-testid="batch-table">
                            <thead>
                                <tr>
                                    {heading(order, SortKey::Number, "序号")}
                                    <th scope="col">"文件名"</th>
                                    {heading(order, SortKey::Status, "核验结果")}
                                    {heading(order, SortKey::Category, "类别")}
                                    {heading(order, SortKey::Route, "报送渠道")}
                                    {heading(order, SortKey::Applicant, "申报单位或个人")}
                                    {move || {
                                        let label = state
                                            .campaign
                                            .with(|c| c.review.score_label.clone());
                                        heading(
                                            order,
                                            SortKey::Score,
                                            if label.is_empty() { "得分".to_owned() } else { label },
                                        )
                                    }}
                                    <th scope="col">"操作"</th>
                                </tr>
                            </thead>
                            <tbody>
                                // Keyed, so opening the 200th package adds one
                                // row instead of drawing all of them again.
                                <For
                                    each=move || shown.get()
                                    key=|r| (r.number, r.sha256.clone(), r.status.clone())
                                    children=move |r| row_view(r, selected)
                                />
                            </tbody>
                        </table>
                    </div>
                </div>
            </Show>
            {move || {
                selected_item
                    .get()
                    .map(|item| {
                        view! {
                            <PackageDetail
                                item=item
                                opened=opened
                                on_close=Callback::new(move |()| {
                                    let was = selected.get_untracked();
                                    selected.set(None);
                                    // Back to the row's button.
                                    if let Some(n) = was {
                                        request_animation_frame(move || focus(&format!("open-{n}")));
                                    }
                                })
                            />
                        }
                    })
            }}
        </section>
    }
}

/// A column heading that sorts the table; a second click reverses.
fn heading(
    order: RwSignal<(SortKey, bool)>,
    key: SortKey,
    label: impl Into<String>,
) -> impl IntoView {
    let label = label.into();
    let aria = move || {
        let (k, asc) = order.get();
        match (k == key, asc) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        }
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button
                type="button"
                class="sort"
                on:click=move |_| {
                    order.update(|(k, asc)| {
                        if *k == key {
                            *asc = !*asc;
                        } else {
                            *k = key;
                            *asc = true;
                        }
                    })
                }
            >
                {label}
                <span aria-hidden="true">
                    {move || match aria() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

/// The filter controls: category, route, status and a search box.
fn filters(filter: RwSignal<Filter>) -> impl IntoView {
    let state = use_app_state();
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|x| f(x, value));
        }
    };
    view! {
        <div class="filters">
            <label>
                "类别 "
                <select data-testid="filter-category" on:change=set(|f, v| f.category = v)>
                    <option value="">"全部"</option>
                    {move || {
                        state
                            .campaign
                            .with(|c| {
                                c.categories
                                    .iter()
                                    .map(|k| view! { <option value=k.id.clone()>{k.short.clone()}</option> })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <label>
                "报送渠道 "
                <select data-testid="filter-route" on:change=set(|f, v| f.route = v)>
                    <option value="">"全部"</option>
                    {move || {
                        state
                            .campaign
                            .with(|c| {
                                c.routes
                                    .iter()
                                    .map(|r| view! { <option value=r.id.clone()>{r.name.clone()}</option> })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <label>
                "核验结果 "
                <select data-testid="filter-status" on:change=set(|f, v| f.status = v)>
                    <option value="">"全部"</option>
                    <option value="valid">"有效（含有警告）"</option>
                    <option value="warnings">"有效（有警告）"</option>
                    <option value="invalid">"无效或无法识别"</option>
                </select>
            </label>
            <label>
                "查找 "
                <input
                    type="search"
                    placeholder="单位、姓名或文件名"
                    data-testid="filter-text"
                    on:input=set(|f, v| f.text = v)
                />
            </label>
        </div>
    }
}

/// The CSS class of a status badge.
pub fn status_class(status: &str) -> &'static str {
    match status {
        "valid" => "status status-valid",
        "valid_with_warnings" => "status status-warn",
        _ => "status status-invalid",
    }
}

fn row_view(r: Row, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let number = r.number;
    let is_selected = move || selected.get() == Some(number);
    view! {
        <tr
            data-testid="package-row"
            data-status=r.status.clone()
            data-number=number.to_string()
            class:selected=is_selected
        >
            <td class="num">{number}</td>
            <td class="file-name">{r.file_name.clone()}</td>
            <td>
                <span class=status_class(&r.status) data-testid="status">{r.status_zh.clone()}</span>
                {(!r.reason.is_empty())
                    .then(|| view! { <p class="reason" data-testid="reason">{r.reason.clone()}</p> })}
                {(r.kind == "forward")
                    .then(|| view! { <p class="meta">{format!("转发包（{}）", r.decision)}</p> })}
            </td>
            <td>{r.category.clone()}</td>
            <td>{r.route.clone()}</td>
            <td>{r.applicant.clone()}</td>
            <td class="score">{r.score.map(|s| s.to_string()).unwrap_or_default()}</td>
            <td>
                <button
                    type="button"
                    data-testid="open-detail"
                    id=format!("open-{number}")
                    aria-pressed=move || is_selected().to_string()
                    on:click=move |_| {
                        selected.set(Some(number));
                        // Keyboard users land on what they opened.
                        request_animation_frame(|| focus("detail-title"));
                    }
                >
                    "查看"
                </button>
            </td>
        </tr>
    }
}
