//! What every input of the form editor shares: the draft, its findings,
//! and which inputs the user has left (errors show only after that).

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::campaign::Campaign;
use crate::model::{validate, Date, Draft, Finding, Target};

/// The editor's shared state, provided by [`super::FormEditor`].
#[derive(Clone, Copy)]
pub struct EditorContext {
    /// The campaign the draft is checked against.
    pub campaign: Signal<Arc<Campaign>>,
    /// The draft being edited.
    pub draft: RwSignal<Draft>,
    /// Its findings, recomputed on every change.
    pub findings: Memo<Vec<Finding>>,
    /// DOM ids of inputs the user has left at least once.
    touched: RwSignal<BTreeSet<String>>,
}

impl EditorContext {
    /// Creates and provides the context for a draft.
    pub fn provide(campaign: Signal<Arc<Campaign>>, draft: RwSignal<Draft>, today: Date) -> Self {
        let findings = Memo::new(move |_| campaign.with(|c| draft.with(|d| validate(c, d, today))));
        let ctx = Self {
            campaign,
            draft,
            findings,
            touched: RwSignal::new(BTreeSet::new()),
        };
        provide_context(ctx);
        ctx
    }

    /// Marks an input as left, so its findings show.
    pub fn touch(&self, dom_id: &str) {
        if !self.touched.with_untracked(|t| t.contains(dom_id)) {
            self.touched.update(|t| {
                t.insert(dom_id.to_owned());
            });
        }
    }

    /// Whether the user has left this input (reactive).
    pub fn is_touched(&self, dom_id: &str) -> bool {
        self.touched.with(|t| t.contains(dom_id))
    }

    /// The findings about `target`, once the user has left the input
    /// `dom_id` (empty before): what an input shows under itself.
    pub fn shown_findings(&self, dom_id: String, target: Target) -> Memo<Vec<Finding>> {
        let ctx = *self;
        Memo::new(move |_| {
            if ctx.is_touched(&dom_id) {
                ctx.findings_for(&target)
            } else {
                Vec::new()
            }
        })
    }

    /// The findings about exactly this target (reactive).
    pub fn findings_for(&self, target: &Target) -> Vec<Finding> {
        self.findings.with(|all| {
            all.iter()
                .filter(|f| &f.target == target)
                .cloned()
                .collect()
        })
    }
}

/// The editor context of the enclosing [`super::FormEditor`].
pub fn use_editor() -> EditorContext {
    expect_context::<EditorContext>()
}
