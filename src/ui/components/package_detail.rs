//! One opened package in full: the verdict (as a chain for a forwarding
//! package), who signed and when they say, the form checked again against
//! the reviewer's campaign, every file with safe previews, the form itself
//! read-only in its printed layout, and the forwarding form.

use leptos::prelude::*;

use crate::model::sniff::{human_size, sniff, SNIFF_LEN};
use crate::package::{form_draft, Report};
use crate::render::{footer_html, form_body, print_code, qr_svg, Footer};
use crate::store::{download, files, tools};
use crate::ui::components::ForwardForm;
use crate::ui::screens::{status_class, Item, OpenedFiles};
use crate::ui::state::use_app_state;

/// An attachment shown inline: its name and a `blob:` URL of an image.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    path: String,
    name: String,
    url: Option<String>,
    note: Option<String>,
}

/// The whole file of the `number`th opened package, read again from disk.
pub async fn package_bytes(
    opened: OpenedFiles,
    number: usize,
) -> Result<js_sys::Uint8Array, String> {
    let file = opened
        .with_value(|f| {
            f.iter()
                .rev()
                .find(|(n, _)| *n == number)
                .map(|(_, f)| f.clone())
        })
        .ok_or("这个申报包是之前打开的记录，文件不在本页：请再次打开该文件")?;
    files::array(&file)
        .await
        .map_err(|e| format!("无法再次读取文件（是否已被移动或删除？）：{e}"))
}

/// The bytes of one file of the `number`th opened package, checked against
/// its manifest.
async fn entry_bytes(
    opened: OpenedFiles,
    number: usize,
    path: &str,
) -> Result<js_sys::Uint8Array, String> {
    tools::package_entry(&package_bytes(opened, number).await?, path).await
}

/// The details of an opened package.
#[component]
pub fn PackageDetail(
    /// The package.
    item: Item,
    /// The files opened, to read this one again.
    opened: OpenedFiles,
    /// Closes the details.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let number = item.row.number;
    let preview = RwSignal::new(None::<Preview>);
    let message = RwSignal::new(None::<String>);
    let revoke = move || {
        if let Some(url) = preview.get_untracked().and_then(|p| p.url) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    };
    on_cleanup(revoke);

    let show = move |path: String, name: String| {
        leptos::task::spawn_local(async move {
            revoke();
            let shown = match entry_bytes(opened, number, &path).await {
                Err(e) => Preview {
                    path,
                    name,
                    url: None,
                    note: Some(e),
                },
                Ok(bytes) => {
                    let head = bytes.subarray(0, SNIFF_LEN as u32).to_vec();
                    match sniff(&head) {
                        // Raster images only, typed by their content: an
                        // <img> of a blob: URL runs nothing.
                        Some(kind) if kind.is_image() => Preview {
                            path,
                            name,
                            url: image_url(&bytes, kind.media_type("")),
                            note: None,
                        },
                        kind => Preview {
                            path,
                            name,
                            url: None,
                            note: Some(format!(
                                "{}不在页面中打开（为安全起见，只有图片可直接预览）：请点“下载”，用相应软件查看。",
                                kind.map_or("这种文件".to_owned(), |k| k.name_zh().to_owned())
                            )),
                        },
                    }
                }
            };
            preview.set(Some(shown));
        });
    };
    let save = move |path: String, name: String| {
        leptos::task::spawn_local(async move {
            let result = entry_bytes(opened, number, &path).await.and_then(|bytes| {
                // Saved, never shown: an HTML or SVG file is not opened in
                // this origin.
                download::download_array(&bytes, &name, "application/octet-stream")
                    .map_err(|e| e.to_string())
            });
            message.set(result.err().map(|e| format!("下载失败：{e}")));
        });
    };

    let Item { row, report } = item;
    let is_open = opened.with_value(|f| f.iter().any(|(n, _)| *n == number));
    let body = match report {
        None if !is_open => view! {
            <p class="notice" data-testid="detail-problem">
                {format!(
                    "这是之前打开的记录（{}）。要阅读申报表和附件，请用“打开申报包…”再次打开文件「{}」，它会回到这一行。",
                    row.status_zh,
                    row.file_name,
                )}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="notice notice-error" data-testid="detail-problem">{format!("无法核验：{}", row.reason)}</p>
        }
        .into_any(),
        Some(r) => {
            let form_html = form_draft(&r)
                .map(|draft| state.campaign.with_untracked(|c| form_body(c, &draft)));
            let can_forward = r.kind == "package"
                && matches!(r.status.as_str(), "valid" | "valid_with_warnings");
            let entries = entries_view(&r, show, save);
            // The same codes as at the foot of the printed form, to match
            // the stamped paper with this package.
            let form_sha256 = r
                .entries
                .iter()
                .find(|e| e.path == "form.json")
                .and_then(|e| e.sha256.clone())
                .unwrap_or_default();
            let fingerprint = r.fingerprint.clone().unwrap_or_default();
            let codes = footer_html(
                &Footer {
                    fingerprint: fingerprint.clone(),
                    digest: r.form_digest.clone().unwrap_or_default(),
                },
                &print_code(&fingerprint, &form_sha256)
                    .map(|c| qr_svg(&c))
                    .unwrap_or_default(),
            );
            view! {
                {verdict(&r)}
                {meta(&r)}
                {revalidation(&r)}
                <h3>"包内文件"</h3>
                {entries}
                {move || message.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                {move || preview.get().map(preview_view)}
                {form_html
                    .map(|html| {
                        view! {
                            <h3>"申报表"</h3>
                            <p class="meta">
                                "以下按打印版式显示申报表内容（只读）。表下的签名公钥指纹、表单数据摘要和二维码应与盖章纸质件每页页脚上的一致。"
                            </p>
                            <div class="paper-view" data-testid="form-view" inner_html=html></div>
                            <div class="paper-view" data-testid="print-codes" inner_html=codes></div>
                        }
                    })}
                {can_forward
                    .then(|| view! { <ForwardForm number=number file_name=row.file_name.clone() opened=opened /> })}
            }
            .into_any()
        }
    };

    view! {
        <article
            class="card detail"
            data-testid="package-detail"
            aria-labelledby="detail-title"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="detail-head">
                <h2 id="detail-title" class="report-name" tabindex="-1">{format!("{number}. {}", row.file_name)}</h2>
                <button type="button" on:click=move |_| on_close.run(()) aria-keyshortcuts="Escape">
                    "关闭"
                </button>
            </div>
            {body}
        </article>
    }
}

/// A `blob:` URL for image bytes of a known raster type.
fn image_url(bytes: &js_sys::Uint8Array, media_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn preview_view(p: Preview) -> impl IntoView {
    view! {
        <figure class="preview" data-testid="preview" data-path=p.path.clone()>
            {p.url.map(|url| view! { <img src=url alt=p.name.clone() /> })}
            {p.note.map(|n| view! { <p class="notice" data-testid="preview-note">{n}</p> })}
            <figcaption>{p.name.clone()}</figcaption>
        </figure>
    }
}

/// The verdict: a status, and for a forwarding package the two links.
fn verdict(r: &Report) -> impl IntoView {
    let problems = |list: &[(String, String)]| {
        list.iter()
            .map(|(code, msg)| view! { <li data-code=code.clone()>{msg.clone()}</li> })
            .collect_view()
    };
    let chain = r.forward.as_ref().map(|f| {
        view! {
            <ol class="chain" data-testid="chain">
                <li data-testid="link-applicant" data-status=f.inner_status.clone()>
                    <span class=status_class(&f.inner_status)>{f.inner_status_zh.clone()}</span>
                    " 申报单位的签名（申报包）　指纹 "
                    <span class="mono">{r.fingerprint.clone().unwrap_or_default()}</span>
                    <ul class="problems">{problems(&f.inner_problems)}</ul>
                </li>
                <li data-testid="link-recommender" data-status=f.status.clone()>
                    <span class=status_class(&f.status)>{f.status_zh.clone()}</span>
                    {format!(" 推荐单位的签名（{}）　指纹 ", f.organisation)}
                    <span class="mono">{f.fingerprint.clone()}</span>
                    <ul class="problems">{problems(&f.problems)}</ul>
                </li>
            </ol>
            <div class="opinion-view" data-testid="opinion">
                <h3>{format!("推荐意见：{}", f.decision_zh)}</h3>
                <p class="opinion-text">{f.text.clone()}</p>
                <p class="meta">
                    {format!(
                        "{}　审核人：{}　推荐单位自报的签署时间：{}　原文件名：{}",
                        f.organisation,
                        f.reviewer,
                        f.created_at,
                        f.file_name,
                    )}
                </p>
            </div>
        }
    });
    let own = r.forward.is_none().then(
        || view! { <ul class="problems" data-testid="problems">{problems(&r.problems)}</ul> },
    );
    view! {
        <p>
            <span class=status_class(&r.status) data-testid="detail-status">{r.status_zh.clone()}</span>
        </p>
        {chain}
        {own}
    }
}

fn meta(r: &Report) -> impl IntoView {
    let rows = [
        ("申报类别", r.category.clone()),
        ("申报单位或个人", r.applicant.clone()),
        ("报送渠道", r.route.clone()),
        (
            "生成时间",
            r.created_at
                .clone()
                .map(|t| format!("{t}（签名者电脑自报的时间，未经证实）")),
        ),
        ("签名公钥指纹", r.fingerprint.clone()),
        ("表单数据摘要", r.form_digest.clone()),
        ("活动", r.campaign.clone()),
        ("文件 SHA-256", Some(r.sha256.clone())),
        ("文件大小", Some(human_size(r.size))),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> }))
    .collect_view();
    let warnings = r
        .warnings
        .iter()
        .map(|w| view! { <li>{w.clone()}</li> })
        .collect_view();
    view! {
        <dl class="report-meta">{rows}</dl>
        {(!r.warnings.is_empty())
            .then(|| {
                view! {
                    <h3>"申报时记录的提醒"</h3>
                    <ul class="warnings">{warnings}</ul>
                }
            })}
    }
}

fn revalidation(r: &Report) -> impl IntoView {
    let again = r.revalidation.clone()?;
    let list = |items: Vec<String>| {
        items
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view()
    };
    let same = again.added.is_empty() && again.gone.is_empty();
    Some(view! {
        <section class="revalidation" data-testid="revalidation">
            <h3>"按当前活动定义重新检查"</h3>
            {(!again.same_campaign)
                .then(|| {
                    view! {
                        <p class="notice notice-warn">
                            "您载入的活动定义与申报单位填写时所用的不同，以下按您的定义检查。"
                        </p>
                    }
                })}
            <p>{format!("错误 {} 处，警告 {} 处。", again.errors, again.warnings)}</p>
            {same.then(|| view! { <p class="notice notice-ok">"与申报包记录的检查结果一致。"</p> })}
            {(!again.added.is_empty())
                .then(|| {
                    view! {
                        <p>"申报包没有记录、现在发现的："</p>
                        <ul class="added" data-testid="revalidation-added">{list(again.added)}</ul>
                    }
                })}
            {(!again.gone.is_empty())
                .then(|| {
                    view! {
                        <p>"申报包记录了、现在不再出现的："</p>
                        <ul class="gone">{list(again.gone)}</ul>
                    }
                })}
        </section>
    })
}

fn entries_view(
    r: &Report,
    show: impl Fn(String, String) + Copy + 'static,
    save: impl Fn(String, String) + Copy + 'static,
) -> impl IntoView {
    let rows = r
        .entries
        .iter()
        .map(|e| {
            let ok = e.problem.is_none();
            let path = e.path.clone();
            let name = e
                .original_name
                .clone()
                .unwrap_or_else(|| e.path.rsplit('/').next().unwrap_or_default().to_owned());
            let is_attachment = e.path.starts_with("attachments/");
            let (p1, n1, p2, n2) = (path.clone(), name.clone(), path.clone(), name.clone());
            view! {
                <tr class:bad=!ok data-path=path.clone()>
                    <td class="mono">{path.clone()}</td>
                    <td>{e.original_name.clone().unwrap_or_default()}</td>
                    <td>{human_size(e.size)}</td>
                    <td class="mono">{e.sha256.clone().unwrap_or_default()}</td>
                    <td>{e.problem.clone().unwrap_or_else(|| "一致".to_owned())}</td>
                    <td class="entry-actions">
                        {(ok && is_attachment)
                            .then(|| {
                                view! {
                                    <button type="button" data-testid="preview-entry" on:click=move |_| show(p1.clone(), n1.clone())>
                                        "预览"
                                    </button>
                                }
                            })}
                        {ok
                            .then(|| {
                                view! {
                                    <button type="button" data-testid="download-entry" on:click=move |_| save(p2.clone(), n2.clone())>
                                        "下载"
                                    </button>
                                }
                            })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="rows entries">
                <thead>
                    <tr>
                        <th scope="col">"包内路径"</th>
                        <th scope="col">"原文件名"</th>
                        <th scope="col">"大小"</th>
                        <th scope="col">"SHA-256"</th>
                        <th scope="col">"核验"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
