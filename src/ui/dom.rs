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

/// The files of a FileList, in order.
pub fn list_files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files a file input's `change` event picked. The input is cleared,
/// so that picking the same file again fires `change` again.
pub fn picked_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = list_files(input.files());
    input.set_value("");
    files
}

/// The files dropped on an element.
pub fn dropped_files(ev: &leptos::ev::DragEvent) -> Vec<web_sys::File> {
    list_files(ev.data_transfer().and_then(|d| d.files()))
}
