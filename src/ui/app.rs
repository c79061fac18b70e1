//! The app shell: header, navigation between the three screens, and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use super::screens::{FillScreen, HomeScreen, NotFound, ReviewScreen};
use super::state::provide_app_state;
use crate::campaign;

/// The whole application: a header with the three screens and the router
/// that shows one of them.
#[component]
pub fn App() -> impl IntoView {
    match campaign::builtin() {
        Ok(builtin) => {
            provide_app_state(builtin);
            view! { <Shell /> }.into_any()
        }
        // Only a broken build gets here: the shipped file is tested.
        Err(e) => view! {
            <main class="app-main">
                <p class="notice notice-error" role="alert">
                    {format!("内置活动定义无法读取，请使用正式发布的版本：{e}")}
                </p>
            </main>
        }
        .into_any(),
    }
}

/// The header, the routed screens and the footer.
#[component]
fn Shell() -> impl IntoView {
    view! {
        <Router>
            <header class="app-header">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"申"</span>
                    <span class="brand-name">"申报"</span>
                    <span class="brand-sub">"用户满意服务明星申报助手"</span>
                </div>
                <nav class="app-nav" aria-label="主导航">
                    <A href="/" exact=true>"首页"</A>
                    <A href="/fill">"填写"</A>
                    <A href="/review">"审阅"</A>
                </nav>
            </header>
            <main class="app-main" id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomeScreen />
                    <Route path=path!("/fill") view=FillScreen />
                    <Route path=path!("/fill/:id") view=FillScreen />
                    <Route path=path!("/review") view=ReviewScreen />
                </Routes>
            </main>
            <footer class="app-footer">
                <p>"所有数据只保存在本机浏览器中，不会上传到任何服务器。"</p>
            </footer>
        </Router>
    }
}
