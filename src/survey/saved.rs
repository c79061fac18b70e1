//! A draft's survey as saved in browser storage: the questionnaire, the
//! responses, and what the applicant typed for the report, under a schema
//! version so that a later layout can still read this one.
//!
//! | schema | layout |
//! |---|---|
//! | 1 | `{schema, questionnaire, responses, annual_clients, method, period, suggestions, report_attachment}` |

use std::fmt;

use serde::{Deserialize, Serialize};

use super::questionnaire::Questionnaire;
use super::responses::Responses;

/// The layout this build writes.
pub const SCHEMA: u32 = 1;

/// One draft's survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSurvey {
    /// The layout version.
    pub schema: u32,
    /// The questionnaire, as edited for this application.
    pub questionnaire: Questionnaire,
    /// The responses entered or imported.
    pub responses: Responses,
    /// 年服务对象数 as typed on the survey page, when the form has none yet.
    #[serde(default)]
    pub annual_clients: Option<u32>,
    /// 调查方式, for the report.
    #[serde(default)]
    pub method: String,
    /// 调查时间, for the report.
    #[serde(default)]
    pub period: String,
    /// 改进措施 as the applicant edited them; `None` until they do, so the
    /// report starts from the suggestions the figures give.
    #[serde(default)]
    pub suggestions: Option<String>,
    /// The attachment id of the report last attached to the draft, so a
    /// new report replaces it rather than piling up.
    #[serde(default)]
    pub report_attachment: Option<String>,
}

impl SavedSurvey {
    /// A fresh survey with this questionnaire and no responses.
    pub fn new(questionnaire: Questionnaire) -> Self {
        let responses = Responses::new(&questionnaire);
        Self {
            schema: SCHEMA,
            questionnaire,
            responses,
            annual_clients: None,
            method: String::new(),
            period: String::new(),
            suggestions: None,
            report_attachment: None,
        }
    }
}

/// Why a saved survey could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SavedSurveyError {
    /// Written by a newer version of the app.
    Newer {
        /// The schema found.
        found: u32,
    },
    /// Not a saved survey of any known layout (or its questionnaire breaks
    /// a rule).
    Unreadable {
        /// What the parser said.
        detail: String,
    },
}

impl fmt::Display for SavedSurveyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Newer { found } => write!(
                f,
                "这份调查由更新版本的本程序保存（格式 {found}，本版本只认识到 {SCHEMA}）：请使用最新版本打开"
            ),
            Self::Unreadable { detail } => write!(f, "调查数据无法识别（{detail}）"),
        }
    }
}

impl std::error::Error for SavedSurveyError {}

/// Reads a saved survey of any known layout.
pub fn read(text: &str) -> Result<SavedSurvey, SavedSurveyError> {
    let unreadable = |e: serde_json::Error| SavedSurveyError::Unreadable {
        detail: e.to_string(),
    };
    #[derive(Deserialize)]
    struct Head {
        schema: u32,
    }
    let head: Head = serde_json::from_str(text).map_err(unreadable)?;
    match head.schema {
        1 => serde_json::from_str(text).map_err(unreadable),
        found if found > SCHEMA => Err(SavedSurveyError::Newer { found }),
        found => Err(SavedSurveyError::Unreadable {
            detail: format!("未知的格式 {found}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::responses::Response;
    use crate::survey::test_questionnaire;

    #[test]
    fn round_trips() {
        let q = test_questionnaire();
        let mut s = SavedSurvey::new(q.clone());
        let mut r = Response::blank(q.items().len());
        r.answers[0] = Some(1);
        r.comment = "好".into();
        s.responses.rows.push(r);
        s.annual_clients = Some(1200);
        s.suggestions = Some("加强回访".into());
        let text = serde_json::to_string(&s).expect("serializes");
        assert_eq!(read(&text), Ok(s));
    }

    #[test]
    fn newer_and_broken_are_named() {
        assert_eq!(
            read(r#"{"schema": 9}"#),
            Err(SavedSurveyError::Newer { found: 9 })
        );
        assert!(matches!(
            read("not json"),
            Err(SavedSurveyError::Unreadable { .. })
        ));
        // A questionnaire that breaks its rules is refused, not loaded.
        let q = test_questionnaire();
        let mut value = serde_json::to_value(SavedSurvey::new(q)).expect("serializes");
        value["questionnaire"]["levels"] = serde_json::json!([]);
        assert!(matches!(
            read(&value.to_string()),
            Err(SavedSurveyError::Unreadable { .. })
        ));
    }
}
