//! One field of the form: its label, the input that fits its type, help
//! text, and its findings once the user has left it.

use std::sync::Arc;

use leptos::prelude::*;

use super::{use_editor, TableInput};
use crate::campaign::Severity;
use crate::campaign::{Field, FieldType, RouteKind};
use crate::model::checks::char_count;
use crate::model::{Finding, Target};
use crate::ui::dom::field_dom_id;

/// A field of the form being edited. Renders nothing while its `show_when`
/// condition does not hold.
#[component]
pub fn FieldInput(
    /// The field's definition.
    field: Arc<Field>,
) -> impl IntoView {
    let ctx = use_editor();
    let shown = {
        let field = field.clone();
        Memo::new(move |_| {
            let Some(cond) = &field.show_when else {
                return true;
            };
            ctx.campaign.with(|c| {
                ctx.draft.with(|d| {
                    let value = d.values.text(&cond.field).trim();
                    value == cond.equals
                        || c.route(value)
                            .is_some_and(|r| r.kind.as_str() == cond.equals)
                })
            })
        })
    };
    move || shown.get().then(|| field_view(field.clone()))
}

fn field_view(field: Arc<Field>) -> AnyView {
    if field.kind == FieldType::Table {
        return view! { <TableInput field=field /> }.into_any();
    }
    let ctx = use_editor();
    let id = field.id.clone();
    let dom_id = field_dom_id(&id);
    let help_id = format!("h-{id}");
    let msg_id = format!("e-{id}");
    let target = Target::field(&id);

    let value = {
        let id = id.clone();
        Memo::new(move |_| ctx.draft.with(|d| d.values.text(&id).to_owned()))
    };
    let set = {
        let id = id.clone();
        Callback::new(move |v: String| ctx.draft.update(|d| d.values.set_text(&id, v)))
    };
    let shown_findings = ctx.shown_findings(dom_id.clone(), target);
    let has_error = Memo::new(move |_| shown_findings.with(|f| f.iter().any(Finding::is_error)));
    let on_leave = {
        let dom_id = dom_id.clone();
        Callback::new(move |()| ctx.touch(&dom_id))
    };
    let described_by = if field.help.is_empty() {
        msg_id.clone()
    } else {
        format!("{help_id} {msg_id}")
    };
    let input = Input {
        field: field.clone(),
        dom_id: dom_id.clone(),
        described_by,
        value,
        set,
        on_leave,
        invalid: has_error.into(),
    };
    let control = match field.kind {
        FieldType::LongText => long_text(input),
        FieldType::Choice => choice(input),
        FieldType::Route => route(input),
        _ => text_like(input),
    };
    let required = field.required;
    let help = (!field.help.is_empty()).then(|| {
        view! { <p class="help" id=help_id>{field.help.clone()}</p> }
    });
    view! {
        <div class="field" class:field-wide=field.kind == FieldType::LongText data-field=id>
            <label for=dom_id>
                {field.label.clone()}
                {required.then(|| view! { <span class="req" title="必填">"*"</span> })}
            </label>
            {control}
            {help}
            <FieldMessages id=msg_id findings=shown_findings.into() />
        </div>
    }
    .into_any()
}

/// What every kind of input needs.
struct Input {
    field: Arc<Field>,
    dom_id: String,
    described_by: String,
    value: Memo<String>,
    set: Callback<String>,
    on_leave: Callback<()>,
    invalid: Signal<bool>,
}

fn text_like(i: Input) -> AnyView {
    let (kind, mode) = match i.field.kind {
        FieldType::Integer | FieldType::Year => ("text", "numeric"),
        FieldType::Decimal => ("text", "decimal"),
        FieldType::YearMonth => ("month", "text"),
        FieldType::Date => ("date", "text"),
        _ => match i.field.format {
            Some(crate::campaign::TextFormat::Email) => ("email", "email"),
            Some(crate::campaign::TextFormat::Phone | crate::campaign::TextFormat::Mobile) => {
                ("tel", "tel")
            }
            Some(crate::campaign::TextFormat::Postcode) => ("text", "numeric"),
            _ => ("text", "text"),
        },
    };
    let unit = i.field.unit.clone();
    let input = view! {
        <input
            id=i.dom_id
            type=kind
            inputmode=mode
            placeholder=i.field.placeholder.clone()
            aria-required=i.field.required.then_some("true")
            aria-invalid=move || i.invalid.get().then_some("true")
            aria-describedby=i.described_by
            prop:value=move || i.value.get()
            on:input=move |ev| i.set.run(event_target_value(&ev))
            on:change=move |ev| i.set.run(event_target_value(&ev))
            on:blur=move |_| i.on_leave.run(())
        />
    };
    if unit.is_empty() {
        input.into_any()
    } else {
        view! {
            <div class="with-unit">
                {input}
                <span class="unit">{unit}</span>
            </div>
        }
        .into_any()
    }
}

fn long_text(i: Input) -> AnyView {
    let max = i.field.max_chars;
    let count = Memo::new(move |_| i.value.with(|v| char_count(v)));
    let counter_id = format!("{}-count", i.dom_id);
    let described_by = format!("{} {counter_id}", i.described_by);
    view! {
        <textarea
            id=i.dom_id
            rows="8"
            placeholder=i.field.placeholder.clone()
            aria-required=i.field.required.then_some("true")
            aria-invalid=move || i.invalid.get().then_some("true")
            aria-describedby=described_by
            prop:value=move || i.value.get()
            on:input=move |ev| i.set.run(event_target_value(&ev))
            on:blur=move |_| i.on_leave.run(())
        ></textarea>
        <p
            class="counter"
            id=counter_id
            class:over=move || max.is_some_and(|m| count.get() > m as usize)
            aria-live="polite"
        >
            {move || match max {
                Some(m) => format!("{} / {m} 字", count.get()),
                None => format!("{} 字", count.get()),
            }}
        </p>
    }
    .into_any()
}

fn choice(i: Input) -> AnyView {
    let options = i.field.options.clone();
    view! {
        <select
            id=i.dom_id
            aria-required=i.field.required.then_some("true")
            aria-invalid=move || i.invalid.get().then_some("true")
            aria-describedby=i.described_by
            prop:value=move || i.value.get()
            on:change=move |ev| i.set.run(event_target_value(&ev))
            on:blur=move |_| i.on_leave.run(())
        >
            <option value="">"请选择"</option>
            {options
                .into_iter()
                .map(|o| {
                    let selected = {
                        let o = o.clone();
                        move || i.value.with(|v| *v == o)
                    };
                    view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}

fn route(i: Input) -> AnyView {
    let ctx = use_editor();
    let group = move |kind: RouteKind| {
        ctx.campaign.with(|c| {
            c.routes
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| {
                    let id = r.id.clone();
                    let selected = {
                        let id = id.clone();
                        move || i.value.with(|v| *v == id)
                    };
                    view! { <option value=id selected=selected>{r.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <select
            id=i.dom_id
            aria-required=i.field.required.then_some("true")
            aria-invalid=move || i.invalid.get().then_some("true")
            aria-describedby=i.described_by
            prop:value=move || i.value.get()
            on:change=move |ev| i.set.run(event_target_value(&ev))
            on:blur=move |_| i.on_leave.run(())
        >
            <option value="">"请选择"</option>
            <optgroup label="省辖市">{group(RouteKind::City)}</optgroup>
            <optgroup label="省行业协会直接推荐">{group(RouteKind::IndustryAssociation)}</optgroup>
        </select>
    }
    .into_any()
}

/// The findings shown under an input: errors and warnings look different
/// (colour and sign), and screen readers hear them.
#[component]
pub fn FieldMessages(
    /// The element id, referenced by the input's `aria-describedby`.
    id: String,
    /// The findings to show.
    findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    view! {
        <div class="field-messages" id=id aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| {
                        let (class, sign) = match f.severity {
                            Severity::Error => ("message message-error", "✕"),
                            Severity::Warning => ("message message-warning", "!"),
                        };
                        view! {
                            <p class=class>
                                <span class="sign" aria-hidden="true">{sign}</span>
                                {f.message}
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
