//! 用户评价调查: `/survey/?d=<draft id>`, the customer survey of a team or
//! individual application: questionnaire, responses (typed, pasted or
//! imported), figures, and the analysis report attached to the draft.

use leptos::prelude::*;

use crate::model::SavedDraft;
use crate::store::survey as survey_store;
use crate::survey::form::{needs_survey, subject};
use crate::survey::saved::SavedSurvey;
use crate::survey::Questionnaire;
use crate::ui::components::DraftPage;
use crate::ui::survey::{
    use_survey, ImportPanel, PrintQuestionnaire, QuestionnaireEditor, ReportPanel, ResponseGrid,
    StatsPanel, SurveyContext,
};
use crate::ui::use_app_state;

/// The survey screen.
#[component]
pub fn SurveyScreen() -> impl IntoView {
    view! {
        <section class="screen survey-screen" data-testid="screen-survey">
            <DraftPage title="用户评价调查" hint="打开一份班组或个人的申报草稿，再从填写页进入调查。" found=|saved| view! { <SurveyLoaded saved=saved /> } />
        </section>
    }
}

/// Loads the draft's survey (or starts one from the campaign's default
/// questionnaire) and shows the page.
#[component]
fn SurveyLoaded(saved: SavedDraft) -> impl IntoView {
    let state = use_app_state();
    let campaign = Signal::derive(move || state.campaign.get());
    let draft = saved.draft;
    let back = format!("/fill/?d={}", draft.id);
    if !campaign.with_untracked(|c| needs_survey(c, &draft.category)) {
        return view! {
            <h1>"用户评价调查"</h1>
            <p class="lead">
                "这一类别的申报引用第三方测评报告，不需要自行开展用户评价调查。"
                <a href=back rel="external">"返回申报表"</a>
            </p>
        }
        .into_any();
    }
    let stored = survey_store::load(&draft.id);
    let (survey, load_error) = match stored {
        Ok(Some(s)) => (Some(s), None),
        Ok(None) => (None, None),
        Err(e) => (None, Some(e.to_string())),
    };
    let survey =
        match survey {
            Some(s) => s,
            None => match campaign.with_untracked(|c| Questionnaire::from_defaults(&c.survey)) {
                Ok(q) => SavedSurvey::new(q),
                Err(e) => return view! {
                    <p class="notice notice-error" role="alert">
                        {format!("活动定义中的默认问卷无法使用：{e}。请在首页恢复内置活动定义。")}
                    </p>
                }
                .into_any(),
            },
        };
    // A stored survey that cannot be read is left as it is: this page
    // shows a fresh one but does not save over the old until the user
    // changes something, and says so.
    let ctx = SurveyContext::provide(campaign, draft, survey);
    let who = move || ctx.campaign.with(|c| ctx.draft.with(|d| subject(c, d)));
    view! {
        <div class="editor-head">
            <div>
                <h1>"用户评价调查"</h1>
                <p class="lead" data-testid="survey-subject">
                    {move || {
                        let w = who();
                        if w.is_empty() { "（申报表中尚未填写班组或个人名称）".to_owned() } else { w }
                    }}
                </p>
            </div>
            <p>
                <a href=back rel="external" class="button" data-testid="back-to-draft">
                    "← 返回申报表"
                </a>
            </p>
        </div>
        {load_error
            .map(|e| {
                view! {
                    <p class="notice notice-error" role="alert">
                        {format!("{e}。下面是一份新的调查；一旦修改，将替换无法读取的旧数据。")}
                    </p>
                }
            })}
        <SaveAndUndo />
        <QuestionnaireEditor />
        <ResponseGrid />
        <ImportPanel />
        <StatsPanel />
        <ReportPanel />
        <PrintQuestionnaire />
    }
    .into_any()
}

/// The save failure, if any, and the undo of the last change.
#[component]
fn SaveAndUndo() -> impl IntoView {
    let ctx = use_survey();
    let undo = move |_| {
        if let Some(u) = ctx.undo.get_untracked() {
            ctx.survey.set(u.before);
            ctx.undo.set(None);
        }
    };
    view! {
        <div class="survey-status" aria-live="polite">
            {move || {
                ctx.save_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="notice notice-error" role="alert" data-testid="survey-save-error">
                                {format!("未保存：{e}")}
                            </p>
                        }
                    })
            }}
            {move || {
                ctx.undo
                    .get()
                    .map(|u| {
                        view! {
                            <p class="notice notice-warn undo" role="status" data-testid="survey-undo">
                                {u.message}
                                <button type="button" class="link" on:click=undo>
                                    "撤销"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
