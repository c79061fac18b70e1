//! The three pages of the app, each its own WebAssembly module: 首页
//! (`/`), 填写 (`/fill/?d=<draft>`) and 审阅 (`/review/`). Every page reads
//! its data from browser storage, so moving between them loses nothing,
//! and each page loads only the code it needs.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::screens::{FillScreen, HomeScreen, NotFound, PrintScreen, ReviewScreen, SurveyScreen};
use super::state::provide_app_state;
use crate::campaign;

/// A page of the app, for the navigation's current marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// 首页
    Home,
    /// 填写
    Fill,
    /// 审阅
    Review,
    /// 打印 (`/print/?d=<draft>`), reached from 填写.
    Print,
    /// 用户评价调查 (reached from 填写)
    Survey,
}

/// The 首页 page.
#[component]
pub fn HomeApp() -> impl IntoView {
    view! {
        <Shell page=Page::Home>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomeScreen />
            </Routes>
        </Shell>
    }
}

/// The 填写 page.
#[component]
pub fn FillApp() -> impl IntoView {
    view! {
        <Shell page=Page::Fill>
            <Routes fallback=FillScreen>
                <Route path=path!("/fill") view=FillScreen />
            </Routes>
        </Shell>
    }
}

/// The 审阅 page.
#[component]
pub fn ReviewApp() -> impl IntoView {
    view! {
        <Shell page=Page::Review>
            <Routes fallback=ReviewScreen>
                <Route path=path!("/review") view=ReviewScreen />
            </Routes>
        </Shell>
    }
}

/// The 打印 page.
#[component]
pub fn PrintApp() -> impl IntoView {
    view! {
        <Shell page=Page::Print>
            <Routes fallback=PrintScreen>
                <Route path=path!("/print") view=PrintScreen />
            </Routes>
        </Shell>
    }
}

/// The 用户评价调查 page of a draft.
#[component]
pub fn SurveyApp() -> impl IntoView {
    view! {
        <Shell page=Page::Survey>
            <Routes fallback=SurveyScreen>
                <Route path=path!("/survey") view=SurveyScreen />
            </Routes>
        </Shell>
    }
}

/// The header, the page's routes and the footer, with the campaign
/// provided to everything inside.
#[component]
fn Shell(
    /// Which page this is.
    page: Page,
    /// The page's routes.
    children: Children,
) -> impl IntoView {
    let builtin = match campaign::builtin() {
        Ok(c) => c,
        // Only a broken build gets here: the shipped file is tested.
        Err(e) => {
            return view! {
                <main class="app-main">
                    <p class="notice notice-error" role="alert">
                        {format!("内置活动定义无法读取，请使用正式发布的版本：{e}")}
                    </p>
                </main>
            }
            .into_any()
        }
    };
    provide_app_state(builtin);
    // Links between pages are ordinary page loads (rel="external" keeps the
    // router from handling them): each page is its own module.
    let link = move |href: &'static str, label: &'static str, this: Page| {
        view! {
            <a href=href rel="external" aria-current=(page == this).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        <Router>
            <header class="app-header">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"申"</span>
                    <span class="brand-name">"申报"</span>
                    <span class="brand-sub">"用户满意服务明星申报助手"</span>
                </div>
                <nav class="app-nav" aria-label="主导航">
                    {link("/", "首页", Page::Home)}
                    {link("/fill/", "填写", Page::Fill)}
                    {link("/review/", "审阅", Page::Review)}
                </nav>
            </header>
            <main class="app-main" id="main">{children()}</main>
            <footer class="app-footer">
                <p>"所有数据只保存在本机浏览器中，不会上传到任何服务器。"</p>
            </footer>
        </Router>
    }
    .into_any()
}
