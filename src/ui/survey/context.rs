//! What the survey page's widgets share: the draft (as last read), its
//! survey (saved on every change), the figures, and one undo slot.

use std::sync::Arc;

use leptos::prelude::*;

use crate::campaign::Campaign;
use crate::model::Draft;
use crate::store::{clock, drafts, survey as survey_store, StoreError};
use crate::survey::saved::SavedSurvey;
use crate::survey::stats::{compute, SampleRule, FIELD_ANNUAL_CLIENTS};
use crate::survey::{Questionnaire, Stats};

/// A change that can be taken back: what it was, and the survey before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    /// What was done, e.g. 已删除第 3 行.
    pub message: String,
    /// The survey before.
    pub before: SavedSurvey,
}

/// The survey page's shared state, provided by the screen.
#[derive(Clone, Copy)]
pub struct SurveyContext {
    /// The active campaign.
    pub campaign: Signal<Arc<Campaign>>,
    /// The draft, as last read from or written to storage.
    pub draft: RwSignal<Draft>,
    /// The survey being edited; every change is saved.
    pub survey: RwSignal<SavedSurvey>,
    /// The questionnaire alone, so that widgets depending only on it do
    /// not rerun for each answer typed.
    pub questionnaire: Memo<Questionnaire>,
    /// The figures of the current responses.
    pub stats: Memo<Stats>,
    /// Why the last save failed, if it did.
    pub save_error: RwSignal<Option<String>>,
    /// The last change that can be undone.
    pub undo: RwSignal<Option<Undo>>,
}

impl SurveyContext {
    /// Creates and provides the context, and saves the survey on every
    /// change after the first.
    pub fn provide(campaign: Signal<Arc<Campaign>>, draft: Draft, survey: SavedSurvey) -> Self {
        let draft_id = draft.id.clone();
        let survey = RwSignal::new(survey);
        let questionnaire = Memo::new(move |_| survey.with(|s| s.questionnaire.clone()));
        let stats = Memo::new(move |_| survey.with(|s| compute(&s.questionnaire, &s.responses)));
        let ctx = Self {
            campaign,
            draft: RwSignal::new(draft),
            survey,
            questionnaire,
            stats,
            save_error: RwSignal::new(None),
            undo: RwSignal::new(None),
        };
        Effect::new(move |first_done: Option<()>| {
            survey.with(|s| {
                if first_done.is_some() {
                    ctx.save_error.set(
                        survey_store::save(&draft_id, s)
                            .err()
                            .map(|e| e.to_string()),
                    );
                }
            });
        });
        provide_context(ctx);
        ctx
    }

    /// Changes the survey, keeping the state before for one undo.
    pub fn change_with_undo(&self, message: String, change: impl FnOnce(&mut SavedSurvey)) {
        let before = self.survey.get_untracked();
        self.survey.update(change);
        self.undo.set(Some(Undo { message, before }));
    }

    /// 年服务对象数: the form's value when it has one, else the one typed on
    /// this page.
    pub fn annual_clients(&self) -> Option<u32> {
        let from_form = self.draft.with(|d| {
            d.values
                .filled(FIELD_ANNUAL_CLIENTS)
                .and_then(|v| v.parse::<u32>().ok())
        });
        from_form.or_else(|| self.survey.with(|s| s.annual_clients))
    }

    /// The campaign's sample-size rule (the notice's when it states none).
    pub fn sample_rule(&self) -> SampleRule {
        self.campaign
            .with(|c| SampleRule::from_campaign(c))
            .unwrap_or_default()
    }

    /// Changes the stored draft: reads the latest revision, applies
    /// `change` to it and saves with that revision, so nothing another tab
    /// saved is overwritten. Returns the error to show.
    pub fn update_draft(&self, change: impl FnOnce(&mut Draft)) -> Result<(), String> {
        let id = self.draft.with_untracked(|d| d.id.clone());
        let latest = drafts::load(&id)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "这份草稿已被删除（可能在另一个标签页中）：请返回首页".to_owned())?;
        let mut draft = latest.draft;
        change(&mut draft);
        match drafts::save(&draft, clock::now_ms(), &clock::tab_id(), latest.rev) {
            Ok(_) => {
                self.draft.set(draft);
                Ok(())
            }
            Err(StoreError::Conflict { .. }) => {
                Err("这份草稿刚在另一个标签页中保存过，本次修改没有写入：请再试一次".to_owned())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// Reads the draft from storage again (the form may have changed in
    /// another tab).
    pub fn reload_draft(&self) {
        let id = self.draft.with_untracked(|d| d.id.clone());
        if let Ok(Some(latest)) = drafts::load(&id) {
            self.draft.set(latest.draft);
        }
    }
}

/// The context of the survey page.
pub fn use_survey() -> SurveyContext {
    expect_context::<SurveyContext>()
}
