//! 审阅: open packages (one or many), verify each in the tools module, and
//! show the verdict, the signer, and every file's check.

use leptos::prelude::*;

use crate::model::sniff::human_size;
use crate::package::Report;
use crate::store::{files, tools};
use crate::ui::dom::{dropped_files, picked_files};

/// The largest package the reviewer opens.
const MAX_PACKAGE_BYTES: f64 = 512.0 * 1024.0 * 1024.0;

/// A package the reviewer opened: its file name and what verification said.
#[derive(Debug, Clone, PartialEq)]
struct Opened {
    name: String,
    outcome: Result<Report, String>,
}

/// The reviewer's screen.
#[component]
pub fn ReviewScreen() -> impl IntoView {
    let opened = RwSignal::new(Vec::<Opened>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);

    // One package at a time: memory holds the largest, not the total.
    let open_all = move |list: Vec<web_sys::File>| {
        let total = list.len();
        leptos::task::spawn_local(async move {
            for (i, file) in list.into_iter().enumerate() {
                progress.set(Some((i, total)));
                let name = file.name();
                let outcome = if file.size() > MAX_PACKAGE_BYTES {
                    Err(format!(
                        "文件有 {}，超过可打开的上限 {}",
                        human_size(file.size() as u64),
                        human_size(MAX_PACKAGE_BYTES as u64)
                    ))
                } else {
                    match files::bytes(&file).await {
                        Ok(bytes) => tools::package_verify(&bytes).await,
                        Err(e) => Err(e.to_string()),
                    }
                };
                opened.update(|o| o.push(Opened { name, outcome }));
            }
            progress.set(None);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| open_all(picked_files(&ev));
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        open_all(dropped_files(&ev));
    };

    view! {
        <section class="screen" data-testid="screen-review">
            <h1>"审阅申报包"</h1>
            <p class="lead">
                "市质量协会和省创建办在这里打开申报包，核验签名与完整性，阅读申报表和附件。申报包只在本机打开，不会上传。"
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
                <span class="meta">"可一次选择多个，也可把文件拖到这里。"</span>
                {move || {
                    progress
                        .get()
                        .map(|(done, total)| {
                            view! {
                                <div role="status" class="working">
                                    <progress max=total.to_string() value=done.to_string()></progress>
                                    <span>{format!("正在核验第 {} 个，共 {total} 个……", done + 1)}</span>
                                </div>
                            }
                        })
                }}
            </div>
            <ul class="reports">
                {move || opened.get().into_iter().map(report_view).collect_view()}
            </ul>
        </section>
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "valid" => "status status-valid",
        "valid_with_warnings" => "status status-warn",
        _ => "status status-invalid",
    }
}

fn report_view(o: Opened) -> impl IntoView {
    let body = match o.outcome {
        Err(e) => view! {
            <p class="notice notice-error">{format!("无法核验：{e}")}</p>
        }
        .into_any(),
        Ok(r) => {
            let meta = [
                ("申报类别", r.category.clone()),
                ("申报单位或个人", r.applicant.clone()),
                ("报送渠道", r.route.clone()),
                ("签名者自报的生成时间", r.created_at.clone()),
                ("签名密钥指纹", r.fingerprint.clone()),
                ("文件 SHA-256", Some(r.sha256.clone())),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> }))
            .collect_view();
            let problems = r
                .problems
                .iter()
                .map(|(code, msg)| view! { <li data-code=code.clone()>{msg.clone()}</li> })
                .collect_view();
            let warnings = r
                .warnings
                .iter()
                .map(|w| view! { <li>{w.clone()}</li> })
                .collect_view();
            let rows = r
                .entries
                .iter()
                .map(|e| {
                    let ok = e.problem.is_none();
                    view! {
                        <tr class:bad=!ok data-path=e.path.clone()>
                            <td class="mono">{e.path.clone()}</td>
                            <td>{e.original_name.clone().unwrap_or_default()}</td>
                            <td>{human_size(e.size)}</td>
                            <td class="mono">{e.sha256.clone().unwrap_or_default()}</td>
                            <td>{e.problem.clone().unwrap_or_else(|| "一致".to_owned())}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p>
                    <span class=status_class(&r.status) data-testid="status">{r.status_zh.clone()}</span>
                </p>
                <ul class="problems" data-testid="problems">{problems}</ul>
                <dl class="report-meta">{meta}</dl>
                {(!r.warnings.is_empty())
                    .then(|| {
                        view! {
                            <h3>"申报时的提醒"</h3>
                            <ul class="warnings">{warnings}</ul>
                        }
                    })}
                <div class="table-scroll">
                    <table class="rows entries">
                        <thead>
                            <tr>
                                <th scope="col">"包内路径"</th>
                                <th scope="col">"原文件名"</th>
                                <th scope="col">"大小"</th>
                                <th scope="col">"SHA-256"</th>
                                <th scope="col">"核验"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <li class="card report" data-testid="report">
            <h2 class="report-name">{o.name}</h2>
            {body}
        </li>
    }
}
