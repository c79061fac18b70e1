//! 分析报告: the 用户评价调查分析报告 generated from the figures (with the
//! improvement suggestions the applicant edits first), attached to the
//! draft's report slot; and the form's survey fields filled from the
//! figures, previewed, applied and undoable.

use leptos::prelude::*;

use super::use_survey;
use crate::model::Attachment;
use crate::store::{clock, download, files};
use crate::survey::form::{
    apply_changes, form_changes, report_date, subject, FieldChange, Side, REPORT_FILE_NAME,
    REPORT_MEDIA_TYPE, REPORT_SLOT,
};
use crate::survey::{default_suggestions, report_html, ReportInput};

/// The form field with 调查方式, used when the report's method is blank.
const FIELD_METHOD: &str = "survey_method";

/// The report panel.
#[component]
pub fn ReportPanel() -> impl IntoView {
    let ctx = use_survey();
    let status = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let pending = RwSignal::new(None::<Vec<FieldChange>>);
    let applied = RwSignal::new(None::<Vec<FieldChange>>);
    let fill_status = RwSignal::new(None::<Result<String, String>>);

    let suggestions = move || {
        ctx.survey
            .with(|s| s.suggestions.clone())
            .unwrap_or_else(|| ctx.stats.with(default_suggestions))
    };

    let build = move || -> String {
        let c = ctx.campaign.get_untracked();
        let draft = ctx.draft.get_untracked();
        let s = ctx.survey.get_untracked();
        let stats = ctx.stats.get_untracked();
        let who = subject(&c, &draft);
        let category = c
            .category(&draft.category)
            .map(|cat| cat.name.clone())
            .unwrap_or_default();
        let method = if s.method.trim().is_empty() {
            draft.values.text(FIELD_METHOD).to_owned()
        } else {
            s.method.clone()
        };
        let text = s
            .suggestions
            .clone()
            .unwrap_or_else(|| default_suggestions(&stats));
        let date = report_date(clock::today());
        report_html(&ReportInput {
            applicant: &who,
            category: &category,
            questionnaire: &s.questionnaire,
            stats: &stats,
            annual_clients: ctx.annual_clients(),
            rule: ctx.sample_rule(),
            method: &method,
            period: &s.period,
            standards: &c.survey.standards,
            suggestions: &text,
            date: &date,
        })
    };

    // Stores the bytes, then names them in the draft (replacing the report
    // attached before), then remembers which attachment is ours.
    let attach_report = move |html: String| async move {
        let draft_id = ctx.draft.with_untracked(|d| d.id.clone());
        let blob =
            files::blob_from(html.as_bytes(), REPORT_MEDIA_TYPE).map_err(|e| e.to_string())?;
        let id = clock::new_id();
        files::put(&id, &draft_id, &blob)
            .await
            .map_err(|e| e.to_string())?;
        let old = ctx.survey.with_untracked(|s| s.report_attachment.clone());
        let attachment = Attachment {
            id: id.clone(),
            slot: REPORT_SLOT.to_owned(),
            name: REPORT_FILE_NAME.to_owned(),
            size: html.len() as u64,
            media_type: REPORT_MEDIA_TYPE.to_owned(),
        };
        let result = ctx.update_draft(|d| {
            match old
                .as_deref()
                .and_then(|old| d.attachments.iter().position(|a| a.id == old))
            {
                Some(i) => d.attachments[i] = attachment,
                None => d.attachments.push(attachment),
            }
        });
        if let Err(e) = result {
            let _ = files::delete(&[id]).await;
            return Err(e);
        }
        if let Some(old) = old {
            let _ = files::delete(&[old]).await;
        }
        ctx.survey.update(|s| s.report_attachment = Some(id));
        Ok(format!(
            "已生成并附到申报材料“用户评价调查分析报告”：{REPORT_FILE_NAME}（{} 字节）。打包时会一并写入申报包。",
            html.len()
        ))
    };

    let attach = move |_| {
        if ctx.stats.with_untracked(|s| s.n) == 0 {
            status.set(Some(Err(
                "还没有有效答卷：请先录入或导入答卷，再生成报告".to_owned()
            )));
            return;
        }
        busy.set(true);
        status.set(None);
        let html = build();
        leptos::task::spawn_local(async move {
            let outcome = attach_report(html).await;
            busy.set(false);
            status.set(Some(outcome));
        });
    };

    let save_copy = move |_| {
        let html = build();
        if let Err(e) =
            download::download(html.as_bytes(), REPORT_FILE_NAME, "text/html;charset=utf-8")
        {
            status.set(Some(Err(e.to_string())));
        }
    };

    let preview_fill = move |_| {
        ctx.reload_draft();
        let c = ctx.campaign.get_untracked();
        let changes = ctx.draft.with_untracked(|d| {
            ctx.stats.with_untracked(|s| {
                form_changes(&c, d, s, ctx.survey.with_untracked(|s| s.annual_clients))
            })
        });
        fill_status.set(None);
        applied.set(None);
        if changes.is_empty() {
            fill_status.set(Some(Ok(
                "申报表中的调查数据已与统计结果一致，无需修改。".to_owned()
            )));
        }
        pending.set(Some(changes).filter(|c| !c.is_empty()));
    };
    let apply_fill = move |_| {
        let Some(changes) = pending.get_untracked() else {
            return;
        };
        match ctx.update_draft(|d| apply_changes(d, &changes, Side::New)) {
            Ok(()) => {
                fill_status.set(Some(Ok(format!("已填写申报表中的 {} 项。", changes.len()))));
                pending.set(None);
                applied.set(Some(changes));
            }
            Err(e) => fill_status.set(Some(Err(e))),
        }
    };
    let undo_fill = move |_| {
        let Some(changes) = applied.get_untracked() else {
            return;
        };
        match ctx.update_draft(|d| apply_changes(d, &changes, Side::Old)) {
            Ok(()) => {
                fill_status.set(Some(Ok("已撤销，申报表恢复为填写前的数值。".to_owned())));
                applied.set(None);
            }
            Err(e) => fill_status.set(Some(Err(e))),
        }
    };

    let show = |s: Option<Result<String, String>>, testid: &'static str| {
        s.map(|s| match s {
            Ok(m) => view! { <p class="notice notice-ok" role="status" data-testid=testid>{m}</p> }
                .into_any(),
            Err(m) => {
                view! { <p class="notice notice-error" role="alert" data-testid=testid>{m}</p> }
                    .into_any()
            }
        })
    };

    let attached = move || {
        ctx.draft.with(|d| {
            d.attachments
                .iter()
                .filter(|a| a.slot == REPORT_SLOT)
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="card survey-card" aria-labelledby="report-title" data-testid="report">
            <h2 id="report-title">"五、分析报告"</h2>
            <p class="help">
                "报告包括调查方法、样本、各题得分和满意率、图表、薄弱环节和改进措施，依据 GB/T 19038-2009、GB/T 19039-2009。生成后附到本申报的“用户评价调查分析报告”材料中；下载的 HTML 文件可用浏览器打开并打印或另存为 PDF。"
            </p>
            <div class="report-fields">
                <label>
                    "调查方式"
                    <input
                        type="text"
                        placeholder="如：现场问卷与电话回访"
                        prop:value=move || ctx.survey.with(|s| s.method.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.survey.update(|s| s.method = v);
                        }
                    />
                </label>
                <label>
                    "调查时间"
                    <input
                        type="text"
                        placeholder="如：2011年7月—8月"
                        prop:value=move || ctx.survey.with(|s| s.period.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.survey.update(|s| s.period = v);
                        }
                    />
                </label>
            </div>
            <label for="suggestions">"改进措施（根据薄弱题目生成的初稿，请修改后再生成报告；每行一段）"</label>
            <textarea
                id="suggestions"
                rows="6"
                data-testid="suggestions"
                prop:value=suggestions
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.survey.update(|s| s.suggestions = Some(v));
                }
            ></textarea>
            <div class="row-actions">
                <button type="button" on:click=move |_| ctx.survey.update(|s| s.suggestions = None)>
                    "按统计结果重新生成初稿"
                </button>
            </div>
            <div class="row-actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="attach-report"
                    disabled=move || busy.get()
                    on:click=attach
                >
                    "生成报告并附到申报材料"
                </button>
                <button type="button" data-testid="download-report" on:click=save_copy>
                    "下载报告（HTML）"
                </button>
            </div>
            {move || show(status.get(), "report-status")}
            <p class="meta" data-testid="report-attached">
                {move || {
                    let a = attached();
                    if a.is_empty() {
                        "本申报尚未附“用户评价调查分析报告”。".to_owned()
                    } else {
                        format!("已附：{}", a.join("、"))
                    }
                }}
            </p>
            <h3>"填写申报表中的调查数据"</h3>
            <div class="row-actions">
                <button type="button" data-testid="fill-preview" on:click=preview_fill>
                    "用统计结果填写申报表…"
                </button>
            </div>
            {move || {
                pending
                    .get()
                    .map(|changes| {
                        let rows = changes
                            .iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <th scope="row">{c.label.clone()}</th>
                                        <td>{if c.old.is_empty() { "（空）".to_owned() } else { c.old.clone() }}</td>
                                        <td>{c.new.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <table class="fill-preview" data-testid="fill-changes">
                                <thead>
                                    <tr>
                                        <th scope="col">"栏目"</th>
                                        <th scope="col">"现在"</th>
                                        <th scope="col">"改为"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <div class="row-actions">
                                <button type="button" class="primary" data-testid="fill-apply" on:click=apply_fill>
                                    "确认填写"
                                </button>
                                <button type="button" on:click=move |_| pending.set(None)>"取消"</button>
                            </div>
                        }
                    })
            }}
            {move || show(fill_status.get(), "fill-status")}
            <Show when=move || applied.with(Option::is_some)>
                <button type="button" class="link" data-testid="fill-undo" on:click=undo_fill>
                    "撤销填写"
                </button>
            </Show>
        </section>
    }
}
