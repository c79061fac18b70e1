//! Browser tests: mount the app in headless Chromium and drive it.
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn body() -> web_sys::HtmlElement {
    document().body().expect("a test page has a body")
}

#[wasm_bindgen_test]
fn app_shell_mounts_with_chinese_navigation() {
    let _handle = leptos::mount::mount_to(body(), shenbao::ui::App);
    let nav = document()
        .query_selector(".app-nav")
        .expect("valid selector")
        .expect("the app renders its navigation");
    let text = nav.text_content().unwrap_or_default();
    for label in ["首页", "填写", "审阅"] {
        assert!(text.contains(label), "navigation lacks {label}: {text}");
    }
}
