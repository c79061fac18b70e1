//! Starting an application: one card per category of the campaign.

use leptos::prelude::*;

use crate::model::Draft;
use crate::store::{clock, drafts, quota};
use crate::ui::use_app_state;

/// Cards that create a draft of a category and open it.
#[component]
pub fn CategoryPicker() -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let cards = move || {
        let campaign = state.campaign.get();
        campaign
            .categories
            .iter()
            .map(|cat| {
                let form = campaign.form(&cat.form);
                let number = form.map(|f| f.number.clone()).unwrap_or_default();
                let (cat_id, campaign_id) = (cat.id.clone(), campaign.id.clone());
                let start = move |_| {
                    let draft = Draft::new(clock::new_id(), &campaign_id, &cat_id);
                    // A good moment to ask the browser to keep the data: the
                    // user has just committed to an application.
                    leptos::task::spawn_local(async {
                        quota::request_persist().await;
                    });
                    match drafts::save(&draft, clock::now_ms(), &clock::tab_id(), 0) {
                        // The editor is its own page (and module).
                        Ok(_) => {
                            let _ = window()
                                .location()
                                .set_href(&format!("/fill/?d={}", draft.id));
                        }
                        Err(e) => error.set(Some(e.to_string())),
                    }
                };
                view! {
                    <article class="card category" data-testid=format!("category-{}", cat.id)>
                        <p class="form-number">{number}</p>
                        <h3>{cat.name.clone()}</h3>
                        <p class="help">{cat.description.clone()}</p>
                        <button type="button" class="primary" on:click=start>
                            {format!("新建{}申报", cat.short)}
                        </button>
                    </article>
                }
            })
            .collect_view()
    };
    view! {
        <div class="grid-cards">{cards}</div>
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
    }
}
