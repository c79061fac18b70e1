//! Small DOM helpers for the components.

use wasm_bindgen::JsCast;

use crate::model::Target;

/// The DOM id of the input a finding is about.
pub fn target_dom_id(target: &Target) -> String {
    match target {
        Target::Field {
            field,
            row: Some(row),
            column: Some(column),
        } => cell_dom_id(field, *row, column),
        Target::Field { field, .. } => field_dom_id(field),
        Target::Material { slot } => format!("m-{slot}"),
    }
}

/// The DOM id of a field's input.
pub fn field_dom_id(field: &str) -> String {
    format!("f-{field}")
}

/// The DOM id of a table cell's input.
pub fn cell_dom_id(field: &str, row: usize, column: &str) -> String {
    format!("f-{field}-{row}-{column}")
}

/// Moves keyboard focus to an element and brings it into view.
pub fn focus(id: &str) {
    let Some(el) = leptos::prelude::document().get_element_by_id(id) else {
        return;
    };
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
