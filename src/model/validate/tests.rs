//! One test per rule of spec §5, against the shipped campaign file.

use super::*;
use crate::campaign::{builtin, Comparison, FieldType, TextFormat};
use crate::model::Attachment;

const BEFORE_DEADLINE: Date = Date {
    year: 2011,
    month: 9,
    day: 1,
};

fn campaign() -> Campaign {
    builtin().expect("the shipped campaign is valid")
}

/// A value that passes every check of its field, chosen by type and format.
fn valid_value(field: &Field) -> String {
    let by_id = match field.id.as_str() {
        // Below the warning thresholds of the later rules.
        "grumble_rate" | "complaint_rate" | "valid_complaint_rate" => Some("0.5"),
        "birth" => Some("1949-12"),
        "sex" => Some("女"),
        "annual_clients" => Some("1000"),
        "sample_size" | "measure_sample" => Some("150"),
        "original_year" => Some("2008"),
        "founded" | "team_founded" => Some("2001-05"),
        _ => None,
    };
    if let Some(v) = by_id {
        return v.to_owned();
    }
    match (field.kind, field.format) {
        (_, Some(TextFormat::Postcode)) => "213022".into(),
        (_, Some(TextFormat::Phone)) => "0519-86681391-8003".into(),
        (_, Some(TextFormat::Mobile)) => "13812345678".into(),
        (_, Some(TextFormat::Email)) => "jsaq2007@126.com".into(),
        // Huawei Technologies' published 统一社会信用代码.
        (_, Some(TextFormat::UnitCode)) => "914403001922038216".into(),
        // The example number printed in GB 11643-1999.
        (_, Some(TextFormat::IdCard)) => "11010519491231002X".into(),
        (FieldType::Integer | FieldType::Decimal | FieldType::Year, _) => {
            match (field.min, field.max) {
                (Some(_), Some(max)) => number(max),
                (Some(min), None) => number(min.max(1.0) + 10.0),
                _ => "100".into(),
            }
        }
        (FieldType::YearMonth, _) => "2005-06".into(),
        (FieldType::Date, _) => "2011-08-20".into(),
        (FieldType::Choice, _) => field.options[0].clone(),
        (FieldType::Route, _) => "changzhou".into(),
        _ => "江苏省常州市".into(),
    }
}

/// A draft of a category with every field valid and every required
/// material attached: the baseline each test breaks in one place.
fn complete(campaign: &Campaign, category: &str) -> Draft {
    let mut draft = Draft::new("d1", &campaign.id, category);
    let form = campaign
        .form(&campaign.category(category).expect("category").form)
        .expect("form");
    for field in campaign.form_fields(form) {
        if field.kind != FieldType::Table && field.show_when.is_none() {
            draft.values.set_text(&field.id, valid_value(field));
        }
    }
    for (m, r) in campaign.materials_for(category) {
        if matches!(r, Requirement::Required | Requirement::Recommended) && !m.generated {
            attach(&mut draft, &m.id);
        }
    }
    draft
}

fn attach(draft: &mut Draft, slot: &str) {
    let n = draft.attachments.len();
    draft.attachments.push(Attachment {
        id: format!("f{n}"),
        slot: slot.to_owned(),
        name: format!("{slot}.pdf"),
        size: 1000,
        media_type: "application/pdf".to_owned(),
    });
}

fn findings_for(campaign: &Campaign, draft: &Draft, field: &str) -> Vec<Finding> {
    validate(campaign, draft, BEFORE_DEADLINE)
        .into_iter()
        .filter(|f| f.target.field_id() == Some(field))
        .collect()
}

fn messages(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn errors_for(campaign: &Campaign, draft: &Draft, field: &str) -> Vec<Finding> {
    findings_for(campaign, draft, field)
        .into_iter()
        .filter(Finding::is_error)
        .collect()
}

fn with(campaign: &Campaign, category: &str, field: &str, value: &str) -> Draft {
    let mut d = complete(campaign, category);
    d.values.set_text(field, value);
    d
}

#[test]
fn complete_drafts_of_every_category_have_no_findings() {
    let c = campaign();
    for cat in &c.categories {
        let d = complete(&c, &cat.id);
        let found = validate(&c, &d, BEFORE_DEADLINE);
        assert!(found.is_empty(), "{}: {}", cat.id, messages(&found));
    }
}

#[test]
fn empty_required_field_is_an_error_naming_it() {
    let c = campaign();
    let d = with(&c, "enterprise", "unit_name", "   ");
    let e = errors_for(&c, &d, "unit_name");
    assert_eq!(messages(&e), "请填写「单位名称」");
    let d = with(&c, "enterprise", "unit_nature", "");
    assert!(
        errors_for(&c, &d, "unit_nature").is_empty(),
        "单位性质 is optional"
    );
    let d = with(&c, "enterprise", "route", "");
    assert!(messages(&errors_for(&c, &d, "route")).starts_with("请选择"));
}

#[test]
fn postcode_must_be_six_digits() {
    let c = campaign();
    for bad in ["21300", "2130022", "21300a"] {
        let d = with(&c, "enterprise", "postcode", bad);
        assert_eq!(errors_for(&c, &d, "postcode").len(), 1, "{bad}");
    }
    let d = with(&c, "enterprise", "postcode", "210008");
    assert!(findings_for(&c, &d, "postcode").is_empty());
}

#[test]
fn phone_accepts_landlines_with_extensions_and_mobiles() {
    let c = campaign();
    for ok in [
        "025-83231032",
        "0519-86681391-8003",
        "0519-86681391转8003",
        "13812345678",
    ] {
        let d = with(&c, "enterprise", "phone", ok);
        assert!(errors_for(&c, &d, "phone").is_empty(), "{ok}");
    }
    for bad in ["83231032", "025-123", "12812345678", "电话"] {
        let d = with(&c, "enterprise", "phone", bad);
        assert_eq!(errors_for(&c, &d, "phone").len(), 1, "{bad}");
    }
    let d = with(&c, "enterprise", "mobile", "025-83231032");
    assert!(messages(&errors_for(&c, &d, "mobile")).contains("手机"));
}

#[test]
fn unit_code_takes_uscc_or_organisation_code_with_check_characters() {
    let c = campaign();
    // Tencent's 统一社会信用代码, then its embedded 组织机构代码.
    for ok in ["9144030071526726XG", "71526726-X", "91350100M000100Y43"] {
        let d = with(&c, "enterprise", "unit_code", ok);
        assert!(errors_for(&c, &d, "unit_code").is_empty(), "{ok}");
    }
    // The same codes with a wrong check character.
    for bad in ["9144030071526726XA", "71526726-5", "91350100M000100Y44"] {
        let d = with(&c, "enterprise", "unit_code", bad);
        let m = messages(&errors_for(&c, &d, "unit_code"));
        assert!(m.contains("校验"), "{bad}: {m}");
    }
}

#[test]
fn email_is_checked() {
    let c = campaign();
    let d = with(&c, "enterprise", "email", "jsaq2007@126");
    assert_eq!(errors_for(&c, &d, "email").len(), 1);
}

#[test]
fn text_limits_count_characters_not_bytes() {
    let c = campaign();
    let form = c.form("form1").expect("form1");
    let limit = c
        .form_field(form, "deeds")
        .and_then(|f| f.max_chars)
        .expect("limit") as usize;
    let at_limit = "事".repeat(limit);
    assert_eq!(at_limit.len(), limit * 3, "three bytes each in UTF-8");
    let d = with(&c, "enterprise", "deeds", &at_limit);
    assert!(errors_for(&c, &d, "deeds").is_empty());
    let over = "事".repeat(limit + 12);
    let d = with(&c, "enterprise", "deeds", &over);
    let m = messages(&errors_for(&c, &d, "deeds"));
    assert!(m.contains(&format!("现有 {} 字", limit + 12)), "{m}");
    assert!(m.contains("请删减 12 字"), "{m}");
}

#[test]
fn the_deeds_limit_differs_by_form() {
    let c = campaign();
    let limit = |form: &str| {
        let form = c.form(form).expect("form");
        c.form_field(form, "deeds").and_then(|f| f.max_chars)
    };
    assert_eq!(limit("form1"), Some(3000));
    assert_eq!(limit("form2"), Some(2000));
    assert_eq!(limit("form3"), Some(2000));
    assert_eq!(limit("form4"), Some(1500));
}

#[test]
fn indices_and_percentages_stay_within_0_to_100() {
    let c = campaign();
    let d = with(&c, "enterprise", "satisfaction_index", "100.5");
    let m = messages(&errors_for(&c, &d, "satisfaction_index"));
    assert!(m.contains("0 到 100"), "{m}");
    let d = with(&c, "team", "satisfaction_rate", "-1");
    assert_eq!(errors_for(&c, &d, "satisfaction_rate").len(), 1);
    let d = with(&c, "team", "satisfaction_rate", "九十");
    assert!(messages(&errors_for(&c, &d, "satisfaction_rate")).contains("应为数字"));
    let d = with(&c, "team", "satisfaction_rate", "96%");
    assert!(
        errors_for(&c, &d, "satisfaction_rate").is_empty(),
        "a typed % is fine"
    );
}

#[test]
fn counts_are_non_negative_integers() {
    let c = campaign();
    for bad in ["-3", "12.5", "十二"] {
        let d = with(&c, "enterprise", "employees", bad);
        assert_eq!(errors_for(&c, &d, "employees").len(), 1, "{bad}");
    }
}

#[test]
fn id_card_check_character_is_verified() {
    let c = campaign();
    let d = with(&c, "individual", "id_card", "110105194912310021");
    let m = messages(&errors_for(&c, &d, "id_card"));
    assert!(m.contains("校验"), "{m}");
}

#[test]
fn id_card_must_agree_with_birth_and_sex() {
    let c = campaign();
    let mut d = with(&c, "individual", "birth", "1950-01");
    let m = messages(&errors_for(&c, &d, "id_card"));
    assert!(m.contains("1949年12月") && m.contains("1950年01月"), "{m}");
    d.values.set_text("birth", "1949-12");
    d.values.set_text("sex", "男");
    let m = messages(&errors_for(&c, &d, "id_card"));
    assert!(m.contains("性别"), "{m}");
    // A male number (GB 11643's second example) agrees with 男.
    d.values.set_text("id_card", "440524188001010014");
    d.values.set_text("birth", "1880-01");
    assert!(errors_for(&c, &d, "id_card").is_empty());
    // The manager's form has the same rule.
    let d = with(&c, "manager", "birth", "1950-01");
    assert_eq!(errors_for(&c, &d, "id_card").len(), 1);
}

fn sample_finding(c: &Campaign, population: u32, sample: u32) -> Vec<Finding> {
    let mut d = complete(c, "team");
    d.values.set_text("annual_clients", population.to_string());
    d.values.set_text("sample_size", sample.to_string());
    findings_for(c, &d, "sample_size")
}

#[test]
fn survey_sample_size_rule_at_its_boundaries() {
    let c = campaign();
    // Fewer than 50 service objects: everyone is surveyed.
    assert!(sample_finding(&c, 49, 49).is_empty());
    let m = messages(&sample_finding(&c, 49, 40));
    assert!(m.contains("应为 49"), "{m}");
    // 50 and more: 100–200.
    for (n, ok) in [
        (49, false),
        (50, false),
        (99, false),
        (100, true),
        (200, true),
        (201, false),
    ] {
        let found = sample_finding(&c, 1000, n);
        assert_eq!(found.is_empty(), ok, "sample {n}: {}", messages(&found));
        if !ok {
            assert!(found[0].is_error(), "sample {n}");
        }
    }
    // 50–99 served: 100 cannot be reached; surveying all is a warning only.
    let found = sample_finding(&c, 50, 50);
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error(), "{}", messages(&found));
    let found = sample_finding(&c, 99, 60);
    assert!(found[0].is_error() && found[0].message.contains("全数调查"));
    // Never more than were served.
    let m = messages(&sample_finding(&c, 120, 150));
    assert!(m.contains("不能大于"), "{m}");
}

#[test]
fn reevaluation_needs_a_title_from_2009_or_earlier() {
    let c = campaign();
    let d = with(&c, "reeval", "original_year", "2009");
    assert!(errors_for(&c, &d, "original_year").is_empty());
    let d = with(&c, "reeval", "original_year", "2010");
    let e = errors_for(&c, &d, "original_year");
    assert_eq!(e.len(), 1, "{}", messages(&e));
    assert!(e[0].message.contains("2009"), "{}", e[0].message);
}

#[test]
fn honours_listed_require_a_certificate() {
    let c = campaign();
    let mut d = complete(&c, "team");
    // An empty row, as left by "add row", asks for nothing.
    d.values.add_row("honours");
    let cert = |d: &Draft| {
        validate(&c, d, BEFORE_DEADLINE)
            .into_iter()
            .filter(|f| {
                f.target
                    == Target::Material {
                        slot: "honour_certificates".into(),
                    }
            })
            .collect::<Vec<_>>()
    };
    assert!(cert(&d).is_empty());
    d.values.set_cell("honours", 0, "year", "2010");
    d.values.set_cell("honours", 0, "title", "江苏省巾帼文明岗");
    d.values.set_cell("honours", 0, "grantor", "江苏省妇联");
    let found = cert(&d);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].is_error() && found[0].message.contains("1 项"),
        "{}",
        found[0].message
    );
    attach(&mut d, "honour_certificates");
    assert!(cert(&d).is_empty());
}

#[test]
fn honours_rows_are_checked_cell_by_cell() {
    let c = campaign();
    let mut d = complete(&c, "enterprise");
    attach(&mut d, "honour_certificates");
    d.values.set_cell("honours", 0, "title", "文明单位");
    d.values.set_cell("honours", 0, "year", "二〇一〇");
    let found = findings_for(&c, &d, "honours");
    let m = messages(&found);
    assert!(m.contains("第 1 行「年份」"), "{m}");
    assert!(m.contains("第 1 行请填写「授予单位」"), "{m}");
    assert!(found
        .iter()
        .any(|f| f.target == Target::cell("honours", 0, "grantor")));
}

#[test]
fn required_materials_missing_are_errors_and_recommended_are_warnings() {
    let c = campaign();
    let mut d = complete(&c, "individual");
    d.attachments.clear();
    let found = validate(&c, &d, BEFORE_DEADLINE);
    let slots = |errors: bool| {
        found
            .iter()
            .filter(|f| f.is_error() == errors)
            .filter_map(|f| match &f.target {
                Target::Material { slot } => Some(slot.as_str()),
                Target::Field { .. } => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(slots(true), ["summary", "survey_report"]);
    assert_eq!(slots(false), ["stamped_form"]);
}

#[test]
fn warnings_use_thresholds_from_the_campaign_data() {
    let mut c = campaign();
    let d = with(&c, "enterprise", "satisfaction_index", "79.9");
    let found = findings_for(&c, &d, "satisfaction_index");
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
    assert!(found[0].message.contains("79.9"), "{}", found[0].message);
    assert!(found[0].message.contains("80"), "{}", found[0].message);
    let d = with(&c, "enterprise", "satisfaction_index", "80");
    assert!(findings_for(&c, &d, "satisfaction_index").is_empty());

    // An organiser raises the threshold to 85: the same value now warns.
    for rule in &mut c.rules {
        if let Rule::Threshold {
            field, threshold, ..
        } = rule
        {
            if field == "satisfaction_index" {
                *threshold = 85.0;
            }
        }
    }
    let d = with(&c, "enterprise", "satisfaction_index", "80");
    let m = messages(&findings_for(&c, &d, "satisfaction_index"));
    assert!(m.contains("85"), "{m}");
}

#[test]
fn every_threshold_rule_of_the_later_rules_warns() {
    let c = campaign();
    let mut seen = 0;
    for rule in &c.rules {
        let Rule::Threshold {
            field,
            when,
            threshold,
            severity: Severity::Warning,
            ..
        } = rule
        else {
            continue;
        };
        let cat = if [
            "satisfaction_index",
            "service_index",
            "valid_complaint_rate",
        ]
        .contains(&field.as_str())
        {
            "enterprise"
        } else {
            "team"
        };
        let at = number(*threshold);
        let d = with(&c, cat, field, &at);
        let warns = !findings_for(&c, &d, field).is_empty();
        let expected = matches!(when, Comparison::Le | Comparison::Ge);
        assert_eq!(warns, expected, "{field} at {at}");
        seen += 1;
    }
    assert!(
        seen >= 8,
        "spec §5 lists eight threshold warnings, found {seen}"
    );
}

#[test]
fn units_registered_recently_are_warned() {
    let c = campaign();
    let d = with(&c, "enterprise", "founded", "2009-05");
    let found = findings_for(&c, &d, "founded");
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
    let d = with(&c, "enterprise", "founded", "2008-12");
    assert!(findings_for(&c, &d, "founded").is_empty());
}

#[test]
fn postcodes_outside_jiangsu_are_warned() {
    let c = campaign();
    let d = with(&c, "enterprise", "postcode", "100080");
    let found = findings_for(&c, &d, "postcode");
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
}

#[test]
fn past_the_route_deadline_is_a_warning() {
    let c = campaign();
    let d = complete(&c, "enterprise");
    let after = Date::parse("2011-10-18").expect("date");
    let late: Vec<_> = validate(&c, &d, after)
        .into_iter()
        .filter(|f| f.target.field_id() == Some("route"))
        .collect();
    assert_eq!(late.len(), 1);
    assert!(!late[0].is_error());
    assert!(
        late[0].message.contains("2011-10-17"),
        "{}",
        late[0].message
    );
    // The industry associations' route runs to the province's deadline.
    let mut d = d;
    d.values.set_text("route", "industry");
    d.values
        .set_text("industry_association", "江苏省电力行业协会");
    assert!(validate(&c, &d, after).is_empty());
}

#[test]
fn industry_association_name_is_required_only_on_that_route() {
    let c = campaign();
    let mut d = complete(&c, "enterprise");
    assert!(findings_for(&c, &d, "industry_association").is_empty());
    d.values.set_text("route", "industry");
    let m = messages(&errors_for(&c, &d, "industry_association"));
    assert!(m.contains("请填写"), "{m}");
}

#[test]
fn an_extra_field_in_the_campaign_file_is_validated_without_code() {
    let mut json: serde_json::Value =
        serde_json::from_str(crate::campaign::BUILTIN_JSON).expect("json");
    let sections = json["sections"].as_array_mut().expect("sections");
    let unit = sections
        .iter_mut()
        .find(|s| {
            s["fields"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["id"] == "unit_name"))
        })
        .expect("the unit section");
    unit["fields"]
        .as_array_mut()
        .expect("fields")
        .push(serde_json::json!({
            "id": "brand_count", "label": "自主品牌数", "type": "integer",
            "required": true, "min": 0, "max": 50
        }));
    let c = Campaign::from_json(&json.to_string()).expect("the edited campaign loads");
    let d = complete(&campaign(), "enterprise");
    assert_eq!(
        messages(&errors_for(&c, &d, "brand_count")),
        "请填写「自主品牌数」"
    );
    let mut d = d;
    d.values.set_text("brand_count", "51");
    assert!(messages(&errors_for(&c, &d, "brand_count")).contains("0 到 50"));
}

#[test]
fn a_draft_of_an_unknown_category_says_so() {
    let c = campaign();
    let d = Draft::new("x", "jiangsu-2011", "astronaut");
    let found = validate(&c, &d, BEFORE_DEADLINE);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("astronaut"));
}

#[test]
fn progress_counts_required_fields_done() {
    let c = campaign();
    let mut d = complete(&c, "enterprise");
    let p = progress(&c, &d, &validate(&c, &d, BEFORE_DEADLINE));
    assert_eq!(p.done, p.total);
    assert_eq!(p.percent(), 100);
    d.values.set_text("unit_name", "");
    d.values.set_text("postcode", "2130");
    let p = progress(&c, &d, &validate(&c, &d, BEFORE_DEADLINE));
    assert_eq!(p.done + 2, p.total, "blank and wrong fields are not done");
    assert_eq!(applicant(&c, &d), None);
    d.values.set_text("unit_name", "常州某公司");
    assert_eq!(applicant(&c, &d), Some("常州某公司"));
    let empty = Draft::new("e", &c.id, "individual");
    let p = progress(&c, &empty, &validate(&c, &empty, BEFORE_DEADLINE));
    assert_eq!(p.done, 0);
    assert!(p.total >= 10, "表4 has many required fields: {}", p.total);
}
