//! Where the data lives, how much room is left, keeping it for good, and
//! backups: export everything, import a backup.

use leptos::prelude::*;

use crate::model::sniff::human_size;
use crate::store::{backup_io, download, files, quota};
use crate::ui::dom::picked_files;
use crate::ui::use_home_drafts;

/// The largest backup file accepted for import.
const MAX_BACKUP_BYTES: f64 = 2.0 * 1024.0 * 1024.0 * 1024.0;

/// The storage and backup panel of the home screen.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let home = use_home_drafts();
    let usage = RwSignal::new(None::<quota::Usage>);
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(None::<&'static str>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            usage.set(quota::usage().await);
        })
    };
    refresh();

    let persist = move |_| {
        leptos::task::spawn_local(async move {
            let granted = quota::request_persist().await;
            message.set(Some(if granted {
                Ok("浏览器已同意持久保存本站数据。".to_owned())
            } else {
                Err("浏览器没有同意持久保存（通常在常用网站、已安装或已加书签后才会同意）。请定期导出备份。".to_owned())
            }));
            refresh();
        });
    };
    let export_all = move |_| {
        busy.set(Some("正在打包全部草稿和附件……"));
        leptos::task::spawn_local(async move {
            let outcome = match backup_io::export(None).await {
                Ok((bytes, name)) => download::download(&bytes, &name, "application/zip")
                    .map(|()| {
                        format!(
                            "已导出备份文件 {name}（{}）",
                            human_size(bytes.len() as u64)
                        )
                    })
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            busy.set(None);
            message.set(Some(outcome));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        if file.size() > MAX_BACKUP_BYTES {
            message.set(Some(Err(format!(
                "未导入任何内容：文件有 {}，超过备份上限 {}",
                human_size(file.size() as u64),
                human_size(MAX_BACKUP_BYTES as u64)
            ))));
            return;
        }
        busy.set(Some("正在检查并导入备份……"));
        leptos::task::spawn_local(async move {
            let outcome = match files::bytes(&file).await {
                Err(e) => Err(e.to_string()),
                Ok(bytes) => backup_io::import(&bytes).await.map(|r| {
                    let mut text = format!("已导入 {} 份草稿、{} 个附件。", r.drafts, r.files);
                    if r.kept_newer > 0 {
                        text.push_str(&format!(
                            "另有 {} 份草稿本机的版本更新，未覆盖。",
                            r.kept_newer
                        ));
                    }
                    text
                }),
            };
            busy.set(None);
            message.set(Some(outcome));
            home.reload();
            refresh();
        });
    };

    view! {
        <section class="card storage-panel" aria-labelledby="storage-title" data-testid="storage-panel">
            <h2 id="storage-title">"数据保存在哪里"</h2>
            <p class="help">
                "草稿保存在本浏览器的本地存储中，附件保存在本浏览器的 IndexedDB 中，都只在这台电脑的这个浏览器里，不会上传。清除浏览器数据、使用无痕窗口或换一台电脑都会看不到它们，所以请在重要节点导出备份，备份文件可在其他电脑的本程序中导入。"
            </p>
            <p class="meta" data-testid="storage-usage">
                {move || match usage.get() {
                    Some(u) => format!(
                        "已用 {}，浏览器允许约 {}；{}",
                        human_size(u.used as u64),
                        human_size(u.quota as u64),
                        if u.persisted { "已开启持久保存" } else { "未开启持久保存（空间紧张时浏览器可能清理本站数据）" },
                    ),
                    None => "浏览器未提供存储用量信息。".to_owned(),
                }}
            </p>
            <div class="row-actions">
                <Show when=move || usage.get().is_some_and(|u| !u.persisted)>
                    <button type="button" on:click=persist>"申请持久保存"</button>
                </Show>
                <button type="button" on:click=export_all disabled=move || busy.get().is_some()>
                    "导出全部备份"
                </button>
                <label class="button">
                    "导入备份…"
                    <input
                        type="file"
                        accept=".zip,application/zip"
                        class="visually-hidden"
                        data-testid="import-backup"
                        on:change=import
                    />
                </label>
            </div>
            {move || busy.get().map(|b| view! { <p class="meta" role="status">{b}</p> })}
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(t) => {
                            view! { <p class="notice notice-ok" role="status" data-testid="storage-message">{t}</p> }
                                .into_any()
                        }
                        Err(t) => {
                            view! { <p class="notice notice-error" role="alert" data-testid="storage-message">{t}</p> }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
