//! Where the survey meets the application: which categories survey their
//! customers, who the survey is about, and the changes the figures would
//! make to the form's 用户评价调查 fields, previewed before they are applied.

use crate::campaign::{Campaign, Rule};
use crate::model::{applicant, Date, Draft};

use super::stats::{fill_form_fields, Stats};

/// The material slot the report is attached to (the campaign file's
/// `materials`, 用户评价调查分析报告).
pub const REPORT_SLOT: &str = "survey_report";

/// The report's file name in the draft and the package.
pub const REPORT_FILE_NAME: &str = "用户评价调查分析报告.html";

/// The report's media type.
pub const REPORT_MEDIA_TYPE: &str = "text/html";

/// The form field with the applicant's unit (所在单位 / 工作单位).
const FIELD_EMPLOYER: &str = "employer";

/// Whether applicants of this category survey their own customers: their
/// form has the sample field of the campaign's sample-size rule (team and
/// individual in 2011; enterprises cite a third-party measurement).
pub fn needs_survey(campaign: &Campaign, category: &str) -> bool {
    let Some(form) = campaign
        .category(category)
        .and_then(|c| campaign.form(&c.form))
    else {
        return false;
    };
    campaign.rules.iter().any(|r| match r {
        Rule::SampleSize { sample, .. } => campaign.form_field(form, sample).is_some(),
        _ => false,
    })
}

/// Who the survey is about, as the questionnaire and report name them: the
/// team or person, followed by their unit when the form has one, e.g.
/// `维修一班（常州供电公司）`. Empty when nothing is filled yet.
pub fn subject(campaign: &Campaign, draft: &Draft) -> String {
    let who = applicant(campaign, draft).unwrap_or_default();
    match (who, draft.values.filled(FIELD_EMPLOYER)) {
        ("", Some(unit)) => unit.to_owned(),
        (who, Some(unit)) if who != unit => format!("{who}（{unit}）"),
        (who, _) => who.to_owned(),
    }
}

/// The unit's name for the blank questionnaire's heading: 所在单位 when
/// filled, else the applicant.
pub fn unit_name(campaign: &Campaign, draft: &Draft) -> String {
    draft
        .values
        .filled(FIELD_EMPLOYER)
        .or_else(|| applicant(campaign, draft))
        .unwrap_or_default()
        .to_owned()
}

/// A date as the report prints it: 2011年9月20日.
pub fn report_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// One change the survey would make to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field id.
    pub field: String,
    /// Its label on the form.
    pub label: String,
    /// The value now (may be empty).
    pub old: String,
    /// The value the survey gives.
    pub new: String,
}

/// The changes [`fill_form_fields`] would make to the draft's form, for
/// fields its form has and whose value differs; applying them and undoing
/// them is [`apply_changes`] with `new` or `old`.
pub fn form_changes(
    campaign: &Campaign,
    draft: &Draft,
    stats: &Stats,
    annual_clients: Option<u32>,
) -> Vec<FieldChange> {
    let Some(form) = campaign
        .category(&draft.category)
        .and_then(|c| campaign.form(&c.form))
    else {
        return Vec::new();
    };
    // The form's own 年服务对象数 wins over the one typed on the survey page.
    let annual = annual_clients.filter(|_| {
        draft
            .values
            .filled(super::stats::FIELD_ANNUAL_CLIENTS)
            .is_none()
    });
    fill_form_fields(stats, annual)
        .into_iter()
        .filter_map(|(field, new)| {
            let label = campaign.form_field(form, &field)?.label.clone();
            let old = draft.values.text(&field).trim().to_owned();
            (old != new).then_some(FieldChange {
                field,
                label,
                old,
                new,
            })
        })
        .collect()
}

/// Which side of a change to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The survey's values (apply).
    New,
    /// The values before (undo).
    Old,
}

/// Writes one side of the changes into the draft.
pub fn apply_changes(draft: &mut Draft, changes: &[FieldChange], side: Side) {
    for c in changes {
        let value = match side {
            Side::New => &c.new,
            Side::Old => &c.old,
        };
        draft.values.set_text(&c.field, value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::builtin;
    use crate::survey::responses::{Response, Responses};
    use crate::survey::stats::compute;
    use crate::survey::test_questionnaire;

    #[test]
    fn team_and_individual_survey_their_customers() {
        let c = builtin().expect("valid");
        let surveying: Vec<&str> = c
            .categories
            .iter()
            .filter(|cat| needs_survey(&c, &cat.id))
            .map(|cat| cat.id.as_str())
            .collect();
        assert_eq!(surveying, ["team", "individual"]);
        assert!(!needs_survey(&c, "nonesuch"));
        // The report's slot exists and is a team material.
        assert!(c.materials_for("team").any(|(m, _)| m.id == REPORT_SLOT));
    }

    #[test]
    fn subject_names_team_and_unit() {
        let c = builtin().expect("valid");
        let mut d = Draft::new("d", "jiangsu-2011", "team");
        assert_eq!(subject(&c, &d), "");
        d.values.set_text("employer", "常州供电公司");
        assert_eq!(subject(&c, &d), "常州供电公司");
        assert_eq!(unit_name(&c, &d), "常州供电公司");
        d.values.set_text("team_name", "维修一班");
        assert_eq!(subject(&c, &d), "维修一班（常州供电公司）");
        assert_eq!(
            report_date(Date {
                year: 2011,
                month: 9,
                day: 2
            }),
            "2011年9月2日"
        );
    }

    #[test]
    fn changes_preview_apply_and_undo() {
        let c = builtin().expect("valid");
        let q = test_questionnaire();
        let mut responses = Responses::new(&q);
        // 3 responses, every item: 很满意, 满意, 一般 → 6 of 9 per item
        // satisfied = 66.7 %.
        for level in [0, 1, 2] {
            let mut r = Response::blank(q.items().len());
            r.answers.iter_mut().for_each(|a| *a = Some(level));
            responses.rows.push(r);
        }
        let stats = compute(&q, &responses);
        let mut d = Draft::new("d", "jiangsu-2011", "individual");
        d.values.set_text("sample_size", "3");
        let changes = form_changes(&c, &d, &stats, Some(40));
        let got: Vec<(&str, &str, &str)> = changes
            .iter()
            .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
            .collect();
        // sample_size already says 3: not a change.
        assert_eq!(
            got,
            [
                ("annual_clients", "", "40"),
                ("satisfaction_rate", "", "66.7")
            ]
        );
        assert_eq!(changes[0].label, "年服务对象数");
        let before = d.clone();
        apply_changes(&mut d, &changes, Side::New);
        assert_eq!(d.values.text("satisfaction_rate"), "66.7");
        assert!(form_changes(&c, &d, &stats, Some(40)).is_empty());
        apply_changes(&mut d, &changes, Side::Old);
        assert_eq!(d.values.text("satisfaction_rate"), "");
        assert_eq!(
            d.values.text("annual_clients"),
            before.values.text("annual_clients")
        );
        // An enterprise form has no survey fields.
        let e = Draft::new("e", "jiangsu-2011", "enterprise");
        assert!(form_changes(&c, &e, &stats, Some(40)).is_empty());
    }
}
