//! 材料: the checklist of material slots for the draft's category, what is
//! attached to each, and adding (pick or drop), replacing and removing
//! files. Bytes go to IndexedDB as Blobs; the draft keeps only metadata.

use std::sync::Arc;

use leptos::prelude::*;

use super::use_editor;
use crate::campaign::{Material, Requirement};
use crate::model::sniff::{accept, human_size, Candidate, FileLimits, SNIFF_LEN};
use crate::model::Attachment;
use crate::store::{clock, files};
use crate::ui::dom::{dropped_files, picked_files};

/// A file the panel refused, and why.
#[derive(Debug, Clone, PartialEq)]
struct Refused {
    name: String,
    reason: String,
}

/// The materials checklist of the draft being edited.
#[component]
pub fn MaterialsPanel() -> impl IntoView {
    let ctx = use_editor();
    let refused = RwSignal::new(Vec::<Refused>::new());
    let busy = RwSignal::new(0usize);
    let removed = RwSignal::new(None::<(usize, Attachment)>);

    let total = Memo::new(move |_| {
        ctx.draft
            .with(|d| d.attachments.iter().map(|a| a.size).sum::<u64>())
    });
    let limits = Memo::new(move |_| ctx.campaign.with(|c| c.limits));
    let slots = Memo::new(move |_| {
        let category = ctx.draft.with(|d| d.category.clone());
        ctx.campaign.with(|c| {
            c.materials_for(&category)
                .filter(|(m, _)| !m.generated)
                .map(|(m, r)| (Arc::new(m.clone()), r))
                .collect::<Vec<_>>()
        })
    });

    // Checks and stores picked files one at a time, so that the size limits
    // see the files accepted before.
    let add_files =
        move |material: Arc<Material>, picked: Vec<web_sys::File>, replace: Option<String>| {
            refused.set(Vec::new());
            busy.update(|b| *b += picked.len());
            leptos::task::spawn_local(async move {
                let draft_id = ctx.draft.with_untracked(|d| d.id.clone());
                for file in picked {
                    let name = file.name();
                    let outcome =
                        store_file(&ctx, &material, &file, &draft_id, replace.as_deref()).await;
                    if let Err(reason) = outcome {
                        refused.update(|r| r.push(Refused { name, reason }));
                    }
                    busy.update(|b| *b = b.saturating_sub(1));
                }
            });
        };

    let remove = move |id: String| {
        let mut taken = None;
        ctx.draft.update(|d| {
            if let Some(i) = d.attachments.iter().position(|a| a.id == id) {
                taken = Some((i, d.attachments.remove(i)));
            }
        });
        removed.set(taken);
    };
    let undo = move |_| {
        if let Some((i, a)) = removed.get_untracked() {
            ctx.draft
                .update(|d| d.attachments.insert(i.min(d.attachments.len()), a));
            removed.set(None);
        }
    };

    let size_note = move || {
        let (total, limits) = (total.get(), limits.get());
        let warn = limits.email_warn_bytes;
        let class = if total > warn {
            "notice notice-warn"
        } else {
            "meta"
        };
        let text = if total > warn {
            format!(
                "附件共 {}，超过常见邮箱的附件上限（约 {}）：发送时请使用邮箱的“超大附件”，或与接收单位商定其他方式。",
                human_size(total),
                human_size(warn)
            )
        } else if total * 10 > warn * 8 {
            format!(
                "附件共 {}，已接近常见邮箱的附件上限（约 {}）。",
                human_size(total),
                human_size(warn)
            )
        } else {
            format!(
                "附件共 {}（单个文件不超过 {}，合计不超过 {}）。",
                human_size(total),
                human_size(limits.max_file_bytes),
                human_size(limits.max_total_bytes)
            )
        };
        view! { <p class=class data-testid="materials-total">{text}</p> }
    };

    view! {
        <section class="card materials" aria-labelledby="materials-title" data-testid="materials">
            <h2 id="materials-title">"申报材料"</h2>
            <p class="help">
                "可点“选择文件”或把文件拖到对应的框内。文件只保存在本机浏览器中（IndexedDB），打包时才写入申报包。"
            </p>
            {size_note}
            <Show when=move || busy.get() != 0>
                <p class="meta" role="status">{move || format!("正在检查并保存 {} 个文件……", busy.get())}</p>
            </Show>
            <Show when=move || !refused.with(Vec::is_empty)>
                <div class="notice notice-error" role="alert" data-testid="refused">
                    <p>"以下文件没有添加："</p>
                    <ul>
                        {move || {
                            refused
                                .get()
                                .into_iter()
                                .map(|r| view! { <li><strong>{r.name}</strong>"：" {r.reason}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            {move || {
                removed
                    .get()
                    .map(|(_, a)| {
                        view! {
                            <p class="notice notice-warn undo" role="status">
                                {format!("已移除“{}”。", a.name)}
                                <button type="button" class="link" on:click=undo>
                                    "撤销"
                                </button>
                            </p>
                        }
                    })
            }}
            <ul class="slots">
                {move || {
                    slots
                        .get()
                        .into_iter()
                        .map(|(m, r)| view! { <Slot material=m requirement=r add_files=add_files remove=remove /> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// Checks one file against its slot and the limits, stores it, and records
/// it in the draft. The error is the reason shown to the user.
async fn store_file(
    ctx: &super::EditorContext,
    material: &Material,
    file: &web_sys::File,
    draft_id: &str,
    replace: Option<&str>,
) -> Result<(), String> {
    let head = files::head(file, SNIFF_LEN)
        .await
        .map_err(|e| e.to_string())?;
    let limits = ctx.campaign.with_untracked(|c| c.limits);
    let attached = ctx.draft.with_untracked(|d| {
        d.attachments
            .iter()
            .filter(|a| Some(a.id.as_str()) != replace)
            .map(|a| a.size)
            .sum()
    });
    let name = file.name();
    let size = file.size() as u64;
    let media_type = accept(
        Candidate {
            name: &name,
            size,
            head: &head,
        },
        &material.accept,
        FileLimits {
            max_file: limits.max_file_bytes,
            max_total: limits.max_total_bytes,
            attached,
        },
    )
    .map_err(|e| e.to_string())?;
    let id = clock::new_id();
    files::put(&id, draft_id, file)
        .await
        .map_err(|e| e.to_string())?;
    let attachment = Attachment {
        id,
        slot: material.id.clone(),
        name,
        size,
        media_type: media_type.to_owned(),
    };
    ctx.draft.update(|d| {
        match replace.and_then(|old| d.attachments.iter().position(|a| a.id == old)) {
            Some(i) => d.attachments[i] = attachment,
            None => d.attachments.push(attachment),
        }
    });
    Ok(())
}

fn requirement_label(r: Requirement) -> (&'static str, &'static str) {
    match r {
        Requirement::Required => ("必需", "badge badge-required"),
        Requirement::Conditional => ("填写荣誉时必需", "badge badge-conditional"),
        Requirement::Recommended => ("建议", "badge badge-recommended"),
        Requirement::Optional => ("可选", "badge badge-optional"),
    }
}

/// One material slot: its files, a picker and a drop zone.
#[component]
fn Slot<A, R>(
    /// The slot.
    material: Arc<Material>,
    /// Whether the category must attach it.
    requirement: Requirement,
    /// Adds (or with an id, replaces) files in a slot.
    add_files: A,
    /// Removes a file by id.
    remove: R,
) -> impl IntoView
where
    A: Fn(Arc<Material>, Vec<web_sys::File>, Option<String>) + Copy + Send + Sync + 'static,
    R: Fn(String) + Copy + Send + Sync + 'static,
{
    let ctx = use_editor();
    let slot_id = material.id.clone();
    let attached = {
        let slot_id = slot_id.clone();
        Memo::new(move |_| {
            ctx.draft.with(|d| {
                d.attachments
                    .iter()
                    .filter(|a| a.slot == slot_id)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let over = RwSignal::new(false);
    let (req_text, req_class) = requirement_label(requirement);
    let accept_attr = material
        .accept
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(",");
    let accepted_text = if material.accept.is_empty() {
        "任意格式".to_owned()
    } else {
        material.accept.join("、")
    };
    let on_pick = {
        let material = material.clone();
        move |ev: leptos::ev::Event| {
            add_files(material.clone(), picked_files(&ev), None);
        }
    };
    let on_drop = {
        let material = material.clone();
        move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            over.set(false);
            let picked = dropped_files(&ev);
            if !picked.is_empty() {
                add_files(material.clone(), picked, None);
            }
        }
    };
    let pick_id = format!("m-{slot_id}");
    let rows = {
        let material = material.clone();
        move || {
            attached
                .get()
                .into_iter()
                .map(|a| view! { <FileRow attachment=a material=material.clone() add_files=add_files remove=remove /> })
                .collect_view()
        }
    };
    view! {
        <li
            class="slot"
            class:drag-over=move || over.get()
            data-testid=format!("slot-{slot_id}")
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <div class="slot-head">
                <h3>{material.name.clone()}</h3>
                <span class=req_class>{req_text}</span>
            </div>
            {(!material.help.is_empty()).then(|| view! { <p class="help">{material.help.clone()}</p> })}
            <ul class="files">{rows}</ul>
            <div class="slot-actions">
                <label class="button" for=pick_id.clone()>"选择文件…"</label>
                <input
                    id=pick_id
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=accept_attr
                    aria-label=format!("为“{}”选择文件", material.name)
                    on:change=on_pick
                />
                <span class="meta">{format!("可上传：{accepted_text}；也可拖放到此处")}</span>
            </div>
        </li>
    }
}

/// One attached file: thumbnail for images, name, size, replace, remove.
#[component]
fn FileRow<A, R>(
    /// The file.
    attachment: Attachment,
    /// Its slot, for replacing.
    material: Arc<Material>,
    /// Adds or replaces files.
    add_files: A,
    /// Removes a file by id.
    remove: R,
) -> impl IntoView
where
    A: Fn(Arc<Material>, Vec<web_sys::File>, Option<String>) + Copy + Send + Sync + 'static,
    R: Fn(String) + Copy + Send + Sync + 'static,
{
    let thumb = RwSignal::new(None::<String>);
    if attachment.media_type.starts_with("image/") {
        let id = attachment.id.clone();
        leptos::task::spawn_local(async move {
            if let Ok(Some(blob)) = files::get(&id).await {
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                    thumb.set(Some(url));
                }
            }
        });
    }
    on_cleanup(move || {
        if let Some(url) = thumb.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    let replace_id = format!("r-{}", attachment.id);
    let id = attachment.id.clone();
    let old = attachment.id.clone();
    let on_replace = move |ev: leptos::ev::Event| {
        if let Some(first) = picked_files(&ev).into_iter().next() {
            add_files(material.clone(), vec![first], Some(old.clone()));
        }
    };
    let name = attachment.name.clone();
    view! {
        <li class="file" data-testid="attached-file">
            {move || match thumb.get() {
                Some(url) => view! { <img class="thumb" src=url alt="" /> }.into_any(),
                None => view! { <span class="thumb file-icon" aria-hidden="true">"▤"</span> }.into_any(),
            }}
            <span class="file-name">{attachment.name.clone()}</span>
            <span class="meta">{human_size(attachment.size)}</span>
            <label class="link-like" for=replace_id.clone()>"替换"</label>
            <input
                id=replace_id
                class="visually-hidden"
                type="file"
                aria-label=format!("替换“{name}”")
                on:change=on_replace
            />
            <button
                type="button"
                class="link danger"
                aria-label=format!("移除“{}”", attachment.name)
                on:click=move |_| remove(id.clone())
            >
                "移除"
            </button>
        </li>
    }
}
