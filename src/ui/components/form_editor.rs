//! The form editor, generated from the campaign definition: the form's
//! sections and fields, with the findings summary beside them.

use std::sync::Arc;

use leptos::prelude::*;

use super::{EditorContext, FieldInput, FindingsPanel, MaterialsPanel, PackagePanel};
use crate::campaign::Campaign;
use crate::model::{Date, Draft};

/// Edits one draft. The caller owns the draft signal and saves it.
#[component]
pub fn FormEditor(
    /// The campaign the draft belongs to.
    campaign: Signal<Arc<Campaign>>,
    /// The draft being edited.
    draft: RwSignal<Draft>,
    /// Today, for deadline checks.
    today: Date,
) -> impl IntoView {
    EditorContext::provide(campaign, draft, today);
    // The form's layout depends on the category only, not on every edit.
    let category = Memo::new(move |_| draft.with(|d| d.category.clone()));
    let sections = move || {
        let campaign = campaign.get();
        let category = category.get();
        let Some(form) = campaign
            .category(&category)
            .and_then(|c| campaign.form(&c.form))
        else {
            return view! {
                <p class="notice notice-error">
                    {format!("当前活动定义中没有申报类别「{category}」，无法显示表单。")}
                </p>
            }
            .into_any();
        };
        campaign
            .form_sections(form)
            .map(|section| {
                let title_id = format!("s-{}", section.id);
                let labelled_by = title_id.clone();
                let fields = section
                    .fields
                    .iter()
                    .map(|f| view! { <FieldInput field=Arc::new(f.clone()) /> })
                    .collect_view();
                view! {
                    <section class="form-section card" aria-labelledby=labelled_by>
                        <h2 id=title_id>{section.title.clone()}</h2>
                        {(!section.help.is_empty())
                            .then(|| view! { <p class="help">{section.help.clone()}</p> })}
                        <div class="fields">{fields}</div>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="editor">
            <div class="editor-main">
                <form class="editor-form" novalidate on:submit=|ev| ev.prevent_default()>
                    {sections}
                </form>
                <MaterialsPanel />
                <PackagePanel />
            </div>
            <FindingsPanel />
        </div>
    }
}
