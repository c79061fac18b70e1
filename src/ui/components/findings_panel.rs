//! The summary of every remaining error and warning, each a button that
//! takes the user to the input it is about.

use leptos::prelude::*;

use super::use_editor;
use crate::campaign::Severity;
use crate::model::{Finding, Summary, Target};
use crate::ui::dom::{focus, target_dom_id};

/// The findings summary beside the form.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let ctx = use_editor();
    let summary = Memo::new(move |_| ctx.findings.with(|f| Summary::of(f)));
    let field_findings = Memo::new(move |_| {
        ctx.findings.with(|all| {
            all.iter()
                .filter(|f| matches!(f.target, Target::Field { .. }))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let material_findings = Memo::new(move |_| {
        ctx.findings.with(|all| {
            all.iter()
                .filter(|f| matches!(f.target, Target::Material { .. }))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let go = move |f: &Finding| {
        let dom_id = target_dom_id(&f.target);
        ctx.touch(&dom_id);
        focus(&dom_id);
    };
    let item = move |f: Finding| {
        let (class, sign, kind) = match f.severity {
            Severity::Error => ("finding finding-error", "✕", "错误"),
            Severity::Warning => ("finding finding-warning", "!", "提醒"),
        };
        let text = f.message.clone();
        view! {
            <li class=class>
                <span class="sign" aria-hidden="true">{sign}</span>
                <span class="visually-hidden">{kind}</span>
                <button type="button" class="link" on:click=move |_| go(&f)>
                    {text}
                </button>
            </li>
        }
    };
    view! {
        <aside class="findings card" aria-labelledby="findings-title" data-testid="findings">
            <h2 id="findings-title">"检查结果"</h2>
            <p class="counts" aria-live="polite">
                "表单："
                <strong class="count-error" data-testid="field-error-count">
                    {move || summary.get().field_errors}
                </strong>
                " 个错误，"
                <strong class="count-warning" data-testid="field-warning-count">
                    {move || summary.get().field_warnings}
                </strong>
                " 个提醒"
            </p>
            <Show when=move || summary.get().field_errors == 0>
                <p class="notice notice-ok" data-testid="form-clean">
                    "表单没有错误。"
                    {move || {
                        (summary.get().field_warnings > 0)
                            .then_some("提醒不影响提交，但请核对。")
                    }}
                </p>
            </Show>
            <ul class="finding-list" data-testid="field-findings">
                <For
                    each=move || field_findings.get().into_iter().enumerate()
                    key=|(i, f)| (*i, f.message.clone())
                    children=move |(_, f)| item(f)
                />
            </ul>
            <h3>"材料"</h3>
            <p class="counts">
                "缺少 "
                <strong class="count-error" data-testid="material-error-count">
                    {move || summary.get().material_errors}
                </strong>
                " 项必需材料"
            </p>
            <ul class="finding-list" data-testid="material-findings">
                <For
                    each=move || material_findings.get().into_iter().enumerate()
                    key=|(i, f)| (*i, f.message.clone())
                    children=move |(_, f)| item(f)
                />
            </ul>
        </aside>
    }
}
