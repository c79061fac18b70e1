//! `validate(campaign, draft, today)`: every field check, the materials
//! matrix and the campaign's rules, as findings with Chinese messages that
//! say how to fix each one.
//!
//! Field checks come from the field definitions (required, type, limits,
//! format); cross-field checks come from `Campaign::rules`, whose thresholds
//! and messages are campaign data.

use super::checks::{
    char_count, check_email, check_id_agrees, check_org_code, check_phone, check_postcode,
    check_uscc, parse_id_card, parse_year_month, PhoneKind, Sex,
};
use super::date::Date;
use super::draft::Draft;
use super::finding::{Finding, Target};
use super::values::Values;
use crate::campaign::{
    Campaign, Condition, Field, FieldType, Form, Requirement, Rule, Severity, TextFormat,
};

/// Checks a draft against its campaign. `today` is the date the check is
/// made, for deadlines. Findings come in form order: fields, then rules,
/// then materials.
pub fn validate(campaign: &Campaign, draft: &Draft, today: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(category) = campaign.category(&draft.category) else {
        out.push(Finding::error(
            Target::field("category"),
            format!(
                "本活动没有申报类别「{}」：草稿可能来自另一年度的活动定义，请新建草稿",
                draft.category
            ),
        ));
        return out;
    };
    let Some(form) = campaign.form(&category.form) else {
        return out;
    };
    let values = &draft.values;

    for field in campaign.form_fields(form) {
        if is_shown(campaign, form, field, values) {
            check_field(campaign, field, values, &mut out);
        }
    }
    for rule in &campaign.rules {
        apply_rule(campaign, form, rule, values, today, &mut out);
    }
    for (material, requirement) in campaign.materials_for(&category.id) {
        if material.generated || draft.attached(&material.id) > 0 {
            continue;
        }
        let target = Target::Material {
            slot: material.id.clone(),
        };
        match requirement {
            Requirement::Required => out.push(Finding::error(
                target,
                format!("缺少必需材料「{}」：请在“材料”中上传", material.name),
            )),
            Requirement::Recommended => out.push(Finding::warning(
                target,
                format!("建议上传「{}」", material.name),
            )),
            Requirement::Conditional => {
                let table = material.required_when_rows.as_deref().unwrap_or_default();
                let rows = filled_rows(values, table);
                if rows > 0 {
                    let label = campaign
                        .form_field(form, table)
                        .map_or(table, |f| f.label.as_str());
                    out.push(Finding::error(
                        target,
                        format!("「{label}」中填写了 {rows} 项，请上传「{}」", material.name),
                    ));
                }
            }
            Requirement::Optional => {}
        }
    }
    out
}

/// How far a draft has come: required fields filled without an error,
/// out of all required fields shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Required fields done.
    pub done: usize,
    /// Required fields in all.
    pub total: usize,
}

impl Progress {
    /// Percent done, 0–100.
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return 100;
        }
        (self.done * 100 / self.total) as u32
    }
}

/// Counts a draft's progress from its findings (as returned by
/// [`validate`]).
pub fn progress(campaign: &Campaign, draft: &Draft, findings: &[Finding]) -> Progress {
    let Some(form) = campaign
        .category(&draft.category)
        .and_then(|c| campaign.form(&c.form))
    else {
        return Progress::default();
    };
    let mut p = Progress::default();
    for field in campaign.form_fields(form) {
        if !field.required || !is_shown(campaign, form, field, &draft.values) {
            continue;
        }
        p.total += 1;
        let filled = if field.kind == FieldType::Table {
            filled_rows(&draft.values, &field.id) > 0
        } else {
            draft.values.filled(&field.id).is_some()
        };
        let has_error = findings
            .iter()
            .any(|f| f.is_error() && f.target.field_id() == Some(field.id.as_str()));
        if filled && !has_error {
            p.done += 1;
        }
    }
    p
}

/// The name of the unit or person applying, from the category's
/// applicant field; `None` while it is blank.
pub fn applicant<'a>(campaign: &Campaign, draft: &'a Draft) -> Option<&'a str> {
    let category = campaign.category(&draft.category)?;
    draft.values.filled(&category.applicant_field)
}

/// Rows of a table with at least one non-blank cell.
fn filled_rows(values: &Values, table: &str) -> usize {
    values
        .rows(table)
        .iter()
        .filter(|r| r.values().any(|v| !v.trim().is_empty()))
        .count()
}

/// Whether a field's `show_when` condition holds (always, without one).
pub fn is_shown(campaign: &Campaign, form: &Form, field: &Field, values: &Values) -> bool {
    field
        .show_when
        .as_ref()
        .is_none_or(|c| condition_holds(campaign, form, c, values))
}

fn condition_holds(campaign: &Campaign, form: &Form, cond: &Condition, values: &Values) -> bool {
    let value = values.text(&cond.field).trim();
    if value == cond.equals {
        return true;
    }
    let is_route = campaign
        .form_field(form, &cond.field)
        .is_some_and(|f| f.kind == FieldType::Route);
    is_route
        && campaign
            .route(value)
            .is_some_and(|r| r.kind.as_str() == cond.equals)
}

fn check_field(campaign: &Campaign, field: &Field, values: &Values, out: &mut Vec<Finding>) {
    if field.kind == FieldType::Table {
        check_table(field, values, out);
        return;
    }
    let target = Target::field(&field.id);
    match values.filled(&field.id) {
        None if field.required => out.push(Finding::error(target, required_message(field))),
        None => {}
        Some(text) => {
            if let Some(message) = value_problem(campaign, field, text) {
                out.push(Finding::error(target, with_label(&field.label, &message)));
            }
        }
    }
}

/// Puts the field's label before a problem, unless a format check's
/// message already starts with it (邮政编码应为 6 位数字…).
fn with_label(label: &str, problem: &str) -> String {
    match problem.strip_prefix('：') {
        Some(rest) if rest.starts_with(label) => rest.to_owned(),
        _ => format!("「{label}」{problem}"),
    }
}

fn required_message(field: &Field) -> String {
    let verb = match field.kind {
        FieldType::Choice | FieldType::Route => "请选择",
        _ => "请填写",
    };
    format!("{verb}「{}」", field.label)
}

fn check_table(field: &Field, values: &Values, out: &mut Vec<Finding>) {
    let rows = values.rows(&field.id);
    if field.required && filled_rows(values, &field.id) == 0 {
        out.push(Finding::error(
            Target::field(&field.id),
            format!("「{}」至少需要填写一行", field.label),
        ));
    }
    if let Some(max) = field.max_rows {
        if rows.len() > max as usize {
            out.push(Finding::error(
                Target::field(&field.id),
                format!(
                    "「{}」最多 {max} 行，现有 {} 行：请删去 {} 行",
                    field.label,
                    rows.len(),
                    rows.len() - max as usize
                ),
            ));
        }
    }
    for (i, row) in rows.iter().enumerate() {
        // A row left entirely blank is ignored, not an error: it is what an
        // "add row" click leaves behind.
        if row.values().all(|v| v.trim().is_empty()) {
            continue;
        }
        for col in &field.columns {
            let text = row.get(&col.id).map_or("", |s| s.trim());
            let place = format!("「{}」第 {} 行", field.label, i + 1);
            let message = if text.is_empty() {
                col.required
                    .then(|| format!("{place}请填写「{}」", col.label))
            } else {
                value_problem_plain(col, text)
                    .map(|m| format!("{place}{}", with_label(&col.label, &m)))
            };
            if let Some(message) = message {
                out.push(Finding::error(Target::cell(&field.id, i, &col.id), message));
            }
        }
    }
}

/// What is wrong with a non-empty value, as the tail of a sentence that
/// starts with the field's label; `None` when it is fine.
fn value_problem(campaign: &Campaign, field: &Field, text: &str) -> Option<String> {
    if field.kind == FieldType::Route {
        return campaign
            .route(text)
            .is_none()
            .then(|| "不是本活动的报送渠道：请从列表中重新选择".to_owned());
    }
    value_problem_plain(field, text)
}

fn value_problem_plain(field: &Field, text: &str) -> Option<String> {
    match field.kind {
        FieldType::Text | FieldType::LongText => {
            if let Some(max) = field.max_chars {
                let n = char_count(text);
                if n > max as usize {
                    return Some(format!(
                        "最多 {max} 字，现有 {n} 字：请删减 {} 字",
                        n - max as usize
                    ));
                }
            }
            field.format.and_then(|f| format_problem(f, text))
        }
        FieldType::Integer => match parse_integer(text) {
            None => Some(format!("应为整数，例如 {}", example_number(field, true))),
            Some(n) => range_problem(field, n as f64),
        },
        FieldType::Decimal => match parse_decimal(text) {
            None => Some(format!("应为数字，例如 {}", example_number(field, false))),
            Some(x) => range_problem(field, x),
        },
        FieldType::Year => match parse_year(text) {
            None => Some("应为四位年份，例如 2009".to_owned()),
            Some(y) => range_problem(field, f64::from(y)),
        },
        FieldType::YearMonth => parse_year_month(text)
            .is_none()
            .then(|| "应为年月，例如 2008-05".to_owned()),
        FieldType::Date => Date::parse(text)
            .is_none()
            .then(|| "应为日期，例如 2011-09-20".to_owned()),
        FieldType::Choice => (!field.options.iter().any(|o| o == text))
            .then(|| format!("请从以下选项中选择：{}", field.options.join("、"))),
        // Routes are checked by `value_problem`, which knows the campaign;
        // tables are never values of a single cell.
        FieldType::Route | FieldType::Table => None,
    }
}

fn format_problem(format: TextFormat, text: &str) -> Option<String> {
    let problem = |e: &dyn std::fmt::Display| Some(format!("：{e}"));
    match format {
        TextFormat::Postcode => check_postcode(text).err().and_then(|e| problem(&e)),
        TextFormat::Phone => check_phone(text).err().and_then(|e| problem(&e)),
        TextFormat::Mobile => match check_phone(text) {
            Ok(PhoneKind::Mobile) => None,
            Ok(PhoneKind::Landline) => {
                Some("：这是固定电话号码，此处请填写 11 位手机号码".to_owned())
            }
            Err(e) => problem(&e),
        },
        TextFormat::Email => check_email(text).err().and_then(|e| problem(&e)),
        TextFormat::UnitCode => unit_code_problem(text),
        TextFormat::IdCard => parse_id_card(text).err().and_then(|e| problem(&e)),
    }
}

/// 统一社会信用代码 (18 characters) or, for units registered before it,
/// 组织机构代码 (9 characters, often written with a hyphen).
fn unit_code_problem(text: &str) -> Option<String> {
    let len = text.chars().filter(|c| *c != '-').count();
    let result = if len == 9 {
        check_org_code(text).map_err(|e| e.to_string())
    } else {
        check_uscc(text).map_err(|e| e.to_string())
    };
    result.err().map(|e| format!("：{e}"))
}

fn parse_integer(text: &str) -> Option<i64> {
    let t = text.trim().replace([',', '，'], "");
    if t.is_empty()
        || !t
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    t.parse().ok()
}

fn parse_decimal(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .trim_end_matches(['%', '％'])
        .trim()
        .replace([',', '，'], "");
    let plain = t
        .trim_start_matches(['-', '+'])
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    if t.is_empty() || !plain {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn parse_year(text: &str) -> Option<u16> {
    let t = text.trim().trim_end_matches('年');
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn example_number(field: &Field, integer: bool) -> String {
    match (field.min, field.max) {
        (Some(min), Some(max)) if max - min >= 1.0 => number(((min + max) / 2.0).round()),
        _ if integer => "120".to_owned(),
        _ => "85.6".to_owned(),
    }
}

fn range_problem(field: &Field, x: f64) -> Option<String> {
    let unit = &field.unit;
    match (field.min, field.max) {
        (Some(min), Some(max)) if x < min || x > max => Some(format!(
            "应在 {}{unit} 到 {}{unit} 之间，现为 {}{unit}",
            number(min),
            number(max),
            number(x)
        )),
        (Some(min), None) if x < min => Some(format!(
            "不能小于 {}{unit}，现为 {}{unit}",
            number(min),
            number(x)
        )),
        (None, Some(max)) if x > max => Some(format!(
            "不能大于 {}{unit}，现为 {}{unit}",
            number(max),
            number(x)
        )),
        _ => None,
    }
}

/// A field's label and numeric value, when the form has the field and the
/// value reads as a number. Rules skip fields that are absent, empty or
/// malformed: the field checks already report those.
fn numeric<'a>(
    campaign: &'a Campaign,
    form: &'a Form,
    values: &Values,
    id: &str,
) -> Option<(&'a Field, f64)> {
    let field = campaign.form_field(form, id)?;
    let text = values.filled(id)?;
    let x = match field.kind {
        FieldType::Integer => parse_integer(text)? as f64,
        FieldType::Year => f64::from(parse_year(text)?),
        _ => parse_decimal(text)?,
    };
    Some((field, x))
}

fn apply_rule(
    campaign: &Campaign,
    form: &Form,
    rule: &Rule,
    values: &Values,
    today: Date,
    out: &mut Vec<Finding>,
) {
    let finding = |severity: Severity, target: Target, message: String| Finding {
        severity,
        target,
        message,
    };
    match rule {
        Rule::Threshold {
            field,
            when,
            threshold,
            severity,
            message,
        } => {
            if let Some((f, x)) = numeric(campaign, form, values, field) {
                if when.holds(x, *threshold) {
                    let text = message
                        .replace("{label}", &f.label)
                        .replace("{value}", &number(x))
                        .replace("{threshold}", &number(*threshold));
                    out.push(finding(*severity, Target::field(field), text));
                }
            }
        }
        Rule::SampleSize {
            population,
            sample,
            everyone_below,
            min,
            max,
        } => {
            let (Some((_, pop)), Some((_, n))) = (
                numeric(campaign, form, values, population),
                numeric(campaign, form, values, sample),
            ) else {
                return;
            };
            if let Some(f) = sample_size_finding(pop, n, *everyone_below, *min, *max) {
                out.push(Finding {
                    target: Target::field(sample),
                    ..f
                });
            }
        }
        Rule::IdCardAgrees {
            id_card,
            birth,
            sex,
        } => {
            if campaign.form_field(form, id_card).is_none() {
                return;
            }
            let Some(Ok(card)) = values.filled(id_card).map(parse_id_card) else {
                return;
            };
            let birth = values.filled(birth).and_then(parse_year_month);
            let sex = match values.filled(sex) {
                Some("男") => Some(Sex::Male),
                Some("女") => Some(Sex::Female),
                _ => None,
            };
            for mismatch in check_id_agrees(&card, birth, sex) {
                out.push(Finding::error(Target::field(id_card), mismatch.to_string()));
            }
        }
        Rule::MinYearsSince {
            field,
            min_years,
            severity,
            message,
        } => {
            let Some(f) = campaign.form_field(form, field) else {
                return;
            };
            let Some(text) = values.filled(field) else {
                return;
            };
            let year = match f.kind {
                FieldType::Year => parse_year(text),
                FieldType::Date => Date::parse(text).map(|d| d.year),
                _ => parse_year_month(text).map(|(y, _)| y),
            };
            let Some(year) = year else { return };
            let years = i32::from(campaign.year) - i32::from(year);
            if years < *min_years as i32 {
                let text = message
                    .replace("{label}", &f.label)
                    .replace("{years}", &years.max(0).to_string())
                    .replace("{min_years}", &min_years.to_string());
                out.push(finding(*severity, Target::field(field), text));
            }
        }
        Rule::PostcodePrefix {
            field,
            prefixes,
            severity,
            message,
        } => {
            let Some(f) = campaign.form_field(form, field) else {
                return;
            };
            let Some(text) = values.filled(field) else {
                return;
            };
            if check_postcode(text).is_ok()
                && !prefixes.iter().any(|p| text.starts_with(p.as_str()))
            {
                let text = message
                    .replace("{label}", &f.label)
                    .replace("{value}", text);
                out.push(finding(*severity, Target::field(field), text));
            }
        }
        Rule::Deadline { route, severity } => {
            if campaign.form_field(form, route).is_none() {
                return;
            }
            let Some(r) = values.filled(route).and_then(|id| campaign.route(id)) else {
                return;
            };
            let Some(deadline) = Date::parse(&r.deadline) else {
                return;
            };
            if today > deadline {
                out.push(finding(
                    *severity,
                    Target::field(route),
                    format!(
                        "{}的报送截止日期是 {deadline}，今天（{today}）已过：请先联系{}确认是否仍可报送",
                        r.name, r.recipient.name
                    ),
                ));
            }
        }
    }
}

/// The notice's survey rule (对年内服务对象少于50个的，应进行全数调查；服务对象较多的，
/// 样本数应在100-200之间). The target is filled in by the caller.
fn sample_size_finding(
    pop: f64,
    n: f64,
    everyone_below: u32,
    min: u32,
    max: u32,
) -> Option<Finding> {
    let (below, min, max) = (f64::from(everyone_below), f64::from(min), f64::from(max));
    let target = Target::field("");
    let (pop_s, n_s) = (number(pop), number(n));
    if n > pop {
        return Some(Finding::error(
            target,
            format!("调查样本数（{n_s}）不能大于年服务对象数（{pop_s}）：请核对两个数字"),
        ));
    }
    if pop < below {
        return (n != pop).then(|| {
            Finding::error(
                target,
                format!(
                    "年服务对象少于 {} 个时应全数调查：调查样本数应为 {pop_s}，现为 {n_s}",
                    number(below)
                ),
            )
        });
    }
    if (min..=max).contains(&n) {
        return None;
    }
    if pop < min && n == pop {
        // Everyone was surveyed but the 100–200 range cannot be reached.
        return Some(Finding::warning(
            target,
            format!(
                "年服务对象只有 {pop_s} 个，达不到通知要求的 {}–{} 份样本；已全数调查，请在调查分析报告中说明",
                number(min),
                number(max)
            ),
        ));
    }
    let hint = if pop < min {
        format!("服务对象不足 {} 个，请全数调查（{pop_s} 份）", number(min))
    } else {
        format!("请调整为 {}–{} 份", number(min), number(max))
    };
    Some(Finding::error(
        target,
        format!(
            "年服务对象 {} 个及以上时，调查样本数应在 {} 到 {} 之间，现为 {n_s}：{hint}",
            number(below),
            number(min),
            number(max)
        ),
    ))
}

#[cfg(test)]
mod tests;
