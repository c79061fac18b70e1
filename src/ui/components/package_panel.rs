//! 生成申报包: build, sign and download the package of a draft that has no
//! errors, then send it by email. The work runs in the tools module.

use leptos::prelude::*;

use super::use_editor;
use crate::campaign::RouteKind;
use crate::model::sniff::human_size;
use crate::model::{applicant, Summary};
use crate::store::backup_io::APP_VERSION;
use crate::store::tools::{self, BuildInput, Built};
use crate::store::{clock, download, files, keys, share};
use crate::ui::dom::picked_files;
use crate::ui::use_app_state;

/// Where packaging is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Working {
        step: String,
        done: usize,
        total: usize,
    },
    Done(Built),
    Failed(String),
}

/// Groups hex in fours, as fingerprints are shown.
fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The package panel of the editor.
#[component]
pub fn PackagePanel() -> impl IntoView {
    let ctx = use_editor();
    let state = use_app_state();
    let stage = RwSignal::new(Stage::Idle);
    let key = RwSignal::new(keys::load());
    let key_message = RwSignal::new(None::<Result<String, String>>);
    let errors = Memo::new(move |_| ctx.findings.with(|f| Summary::of(f).errors()));

    let build = move |_: leptos::ev::MouseEvent| {
        let draft = ctx.draft.get_untracked();
        let campaign_text = state.campaign_text.get_untracked();
        leptos::task::spawn_local(async move {
            let total = draft.attachments.len() + 1;
            let progress = |step: &str, done: usize| {
                stage.set(Stage::Working {
                    step: step.to_owned(),
                    done,
                    total,
                })
            };
            progress("准备签名密钥……", 0);
            let outcome = async {
                let k = keys::load_or_create().await?;
                key.set(Some(k.clone()));
                let seed = k.seed_bytes().ok_or("本机签名密钥已损坏，请导入密钥备份")?;
                let mut data = Vec::with_capacity(draft.attachments.len());
                for (i, a) in draft.attachments.iter().enumerate() {
                    progress(&format!("读取附件 {}/{}：{}", i + 1, total - 1, a.name), i);
                    let blob = files::get(&a.id)
                        .await
                        .map_err(|e| e.to_string())?
                        .ok_or_else(|| format!("附件“{}”在本机找不到，请重新上传", a.name))?;
                    data.push((
                        a.id.clone(),
                        files::bytes(&blob).await.map_err(|e| e.to_string())?,
                    ));
                }
                progress("计算摘要并签名……", total - 1);
                let today = clock::today().to_string();
                let built = tools::package_build(
                    BuildInput {
                        campaign_json: &campaign_text,
                        draft: &draft,
                        seed: &seed,
                        created_at: clock::now_ms(),
                        today: &today,
                        app_version: APP_VERSION,
                    },
                    data,
                )
                .await?;
                download::download(&built.bytes, &built.file_name, "application/zip")
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>(built)
            }
            .await;
            stage.set(match outcome {
                Ok(b) => Stage::Done(b),
                Err(e) => Stage::Failed(e),
            });
        });
    };

    let cannot_build = move || errors.get() > 0 || matches!(stage.get(), Stage::Working { .. });

    let mailto = move |b: &Built| {
        let campaign = state.campaign.get_untracked();
        let draft = ctx.draft.get_untracked();
        let route = campaign.route(draft.values.text("route"));
        let to = route
            .map(|r| r.recipient.email.clone())
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| match route.map(|r| r.kind) {
                Some(RouteKind::City) => String::new(),
                _ => campaign.office.email.clone(),
            });
        let category = campaign
            .category(&draft.category)
            .map_or("", |c| c.name.as_str());
        let who = applicant(&campaign, &draft).unwrap_or("");
        let subject = format!("{}申报：{category}－{who}", campaign.title);
        let body = format!(
            "您好！\n\n现报送{category}申报材料，请查收。\n\n申报单位或个人：{who}\n申报包文件：{}\n文件大小：{}\nSHA-256：{}\n签名密钥指纹：{}\n\n（发送前请把已下载的申报包文件添加为邮件附件。）\n",
            b.file_name,
            human_size(b.bytes.len() as u64),
            b.sha256,
            b.fingerprint
        );
        format!(
            "mailto:{to}?subject={}&body={}",
            js_sys::encode_uri_component(&subject),
            js_sys::encode_uri_component(&body)
        )
    };

    let export_key = move |_: leptos::ev::MouseEvent| {
        if let Some(k) = key.get_untracked() {
            let result = download::download(
                keys::export(&k).as_bytes(),
                &format!("shenbao-签名密钥-{}.json", k.key_id),
                "application/json",
            );
            key_message.set(Some(match result {
                Ok(()) => {
                    Ok("已导出签名密钥备份。请妥善保管：持有它的人可以以本机名义签名。".to_owned())
                }
                Err(e) => Err(e.to_string()),
            }));
        }
    };
    let import_key = move |ev: leptos::ev::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match crate::store::campaign_file::read_text(&file).await {
                Ok(text) => keys::import(&text).await,
                Err(e) => Err(e.to_string()),
            };
            key_message.set(Some(result.map(|k| {
                let msg = format!("已导入签名密钥，指纹 {}", k.fingerprint);
                key.set(Some(k));
                msg
            })));
        });
    };

    view! {
        <section class="card package" aria-labelledby="package-title" data-testid="package-panel">
            <h2 id="package-title">"生成申报包"</h2>
            <p class="help">
                "申报包是一个经本机签名的 ZIP 文件，内含申报表、附件和清单。下载后用邮件发送给接收单位；审阅者可核验它在签名后未被改动。"
            </p>
            <p class="meta" data-testid="key-fingerprint">
                {move || match key.get() {
                    Some(k) => format!("本机签名密钥指纹：{}（打印的申报表上也会印出，供审阅者核对）", k.fingerprint),
                    None => "本机还没有签名密钥，首次生成申报包时会自动创建。".to_owned(),
                }}
            </p>
            <div class="row-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="build-package"
                    disabled=cannot_build
                    on:click=build
                >
                    "生成并下载申报包"
                </button>
                <Show when=move || { errors.get() > 0 }>
                    <span class="meta">
                        {move || format!("还有 {} 个错误（见“检查结果”），改正后才能生成。", errors.get())}
                    </span>
                </Show>
            </div>
            {move || match stage.get() {
                Stage::Idle => None,
                Stage::Working { step, done, total } => Some(
                    view! {
                        <div role="status" class="working">
                            <progress max=total.to_string() value=done.to_string()></progress>
                            <span>{step}</span>
                        </div>
                    }
                        .into_any(),
                ),
                Stage::Failed(e) => Some(
                    view! { <p class="notice notice-error" role="alert">{format!("没有生成申报包：{e}")}</p> }
                        .into_any(),
                ),
                Stage::Done(b) => {
                    let href = mailto(&b);
                    let again = b.clone();
                    let shared = b.clone();
                    let can_share = share::can_share(&b.file_name, "application/zip");
                    let share_it = move |_: leptos::ev::MouseEvent| {
                        let b = shared.clone();
                        leptos::task::spawn_local(async move {
                            let title = b.file_name.clone();
                            let text = format!("SHA-256：{}\n签名密钥指纹：{}", b.sha256, b.fingerprint);
                            if let Err(e) = share::share(&b.bytes, &b.file_name, "application/zip", &title, &text).await {
                                stage.set(Stage::Failed(e));
                            }
                        });
                    };
                    Some(
                        view! {
                            <div class="notice notice-ok built" data-testid="package-result">
                                <p>"申报包已生成并开始下载。"</p>
                                <dl>
                                    <dt>"文件名"</dt>
                                    <dd data-testid="package-name">{b.file_name.clone()}</dd>
                                    <dt>"大小"</dt>
                                    <dd>{human_size(b.bytes.len() as u64)}</dd>
                                    <dt>"SHA-256"</dt>
                                    <dd class="mono" data-testid="package-sha256">{grouped(&b.sha256)}</dd>
                                    <dt>"签名密钥指纹"</dt>
                                    <dd class="mono">{b.fingerprint.clone()}</dd>
                                </dl>
                                <div class="row-actions">
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            let _ = download::download(&again.bytes, &again.file_name, "application/zip");
                                        }
                                    >
                                        "再次下载"
                                    </button>
                                    <a class="button" href=href data-testid="mailto">
                                        "用邮件发送…"
                                    </a>
                                    {can_share
                                        .then(|| {
                                            view! {
                                                <button type="button" on:click=share_it>
                                                    "分享文件…"
                                                </button>
                                            }
                                        })}
                                </div>
                                <p class="help">
                                    "邮件程序打开后，请把刚下载的申报包作为附件添加到邮件中。"
                                </p>
                            </div>
                        }
                            .into_any(),
                    )
                }
            }}
            <details class="key-backup">
                <summary>"签名密钥的备份与迁移"</summary>
                <p class="help">
                    "签名密钥只保存在本浏览器中，不会随申报包发出。换电脑或清除浏览器数据前，可导出备份，在新电脑上导入后继续使用同一指纹。"
                </p>
                <div class="row-actions">
                    <button type="button" on:click=export_key disabled=move || key.get().is_none()>
                        "导出密钥备份"
                    </button>
                    <label class="button">
                        "导入密钥备份…"
                        <input type="file" accept=".json" class="visually-hidden" on:change=import_key />
                    </label>
                </div>
                {move || {
                    key_message
                        .get()
                        .map(|m| match m {
                            Ok(t) => view! { <p class="notice notice-ok">{t}</p> }.into_any(),
                            Err(t) => view! { <p class="notice notice-error">{t}</p> }.into_any(),
                        })
                }}
            </details>
        </section>
    }
}
