//! The widgets of the 用户评价调查 page (`/survey/?d=<draft>`), one per
//! file, sharing [`SurveyContext`].

mod context;
mod import_panel;
mod print_questionnaire;
mod questionnaire_editor;
mod report_panel;
mod response_grid;
mod sample_panel;
mod stats_panel;

pub use context::{use_survey, SurveyContext, Undo};
pub use import_panel::ImportPanel;
pub use print_questionnaire::PrintQuestionnaire;
pub use questionnaire_editor::QuestionnaireEditor;
pub use report_panel::ReportPanel;
pub use response_grid::ResponseGrid;
pub use sample_panel::SamplePanel;
pub use stats_panel::StatsPanel;
