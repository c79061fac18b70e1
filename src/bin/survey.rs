//! The 用户评价调查 page's entry point: install the panic hook and mount the
//! page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(shenbao::ui::SurveyApp);
}
