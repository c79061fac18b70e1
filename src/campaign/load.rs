//! Reading a campaign file and checking that it makes sense.
//!
//! Parsing catches wrong shapes (an unknown field type, a misspelt key);
//! [`check`] then catches what a schema cannot: duplicate ids, a category
//! naming a missing form, a rule naming a missing field.

use std::collections::BTreeSet;
use std::fmt;

use super::types::*;
use crate::model::checks::parse_date;

/// The campaign file format this build reads.
pub const FORMAT: u32 = 1;

/// The largest campaign file accepted; the shipped one is about 40 KB.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Why a campaign file was refused. Every variant names the place.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CampaignError {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size in bytes.
        len: usize,
    },
    /// The file is not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The JSON does not have the campaign's shape.
    Shape {
        /// 1-based line.
        line: usize,
        /// That line of the file, trimmed and shortened, so the place can
        /// be found without a line-numbering editor.
        excerpt: String,
        /// What does not fit.
        message: String,
    },
    /// The file is of a format this build does not read.
    Format {
        /// The format the file states.
        found: u32,
    },
    /// The shape is right but the content contradicts itself.
    Invalid {
        /// Where, e.g. `forms.form1.sections`.
        place: String,
        /// What is wrong.
        problem: String,
    },
}

impl fmt::Display for CampaignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len } => write!(
                f,
                "活动定义文件有 {len} 字节，超过上限 {MAX_BYTES} 字节；请确认选择的是活动定义 JSON 文件"
            ),
            Self::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "活动定义文件不是有效的 JSON（第 {line} 行第 {column} 列：{}）；请检查括号、引号和逗号",
                zh_serde(message)
            ),
            Self::Shape {
                line,
                excerpt,
                message,
            } => write!(
                f,
                "活动定义文件第 {line} 行（{excerpt}）：{}",
                zh_serde(message)
            ),
            Self::Format { found } => write!(
                f,
                "活动定义文件的格式版本为 {found}，本程序只能读取版本 {FORMAT}；请使用与本程序配套的文件"
            ),
            Self::Invalid { place, problem } => {
                write!(f, "活动定义文件有误（{place}）：{problem}")
            }
        }
    }
}

impl std::error::Error for CampaignError {}

/// Puts serde's usual English messages into Chinese; keeps the names it
/// quotes, which are the file's own keys and values.
fn zh_serde(message: &str) -> String {
    // serde appends " at line L column C"; the place is reported separately.
    let message = message
        .find(" at line ")
        .map_or(message, |at| &message[..at]);
    let rest = |prefix: &str| message.strip_prefix(prefix).map(str::to_owned);
    if let Some(r) = rest("unknown variant ") {
        return format!(
            "未知的取值 {}",
            r.replace(", expected one of ", "，可用的取值：")
        );
    }
    if let Some(r) = rest("unknown field ") {
        return format!(
            "未知的键 {}",
            r.replace(", expected one of ", "，可用的键：")
        );
    }
    if let Some(r) = rest("missing field ") {
        return format!("缺少必需的键 {r}");
    }
    if let Some(r) = rest("invalid type: ") {
        return format!("类型不对：{}", r.replace(", expected ", "，应为 "));
    }
    if let Some(r) = rest("duplicate field ") {
        return format!("键 {r} 出现了两次");
    }
    message.to_owned()
}

impl Campaign {
    /// Reads and checks a campaign file.
    pub fn from_json(text: &str) -> Result<Self, CampaignError> {
        if text.len() > MAX_BYTES {
            return Err(CampaignError::TooLarge { len: text.len() });
        }
        // Look at the format first, so that a future file is refused for
        // its version rather than for a shape this build cannot know.
        #[derive(serde::Deserialize)]
        struct Head {
            format: Option<u32>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| syntax_or_shape(&e, text))?;
        if let Some(found) = head.format.filter(|f| *f != FORMAT) {
            return Err(CampaignError::Format { found });
        }
        let campaign: Campaign =
            serde_json::from_str(text).map_err(|e| syntax_or_shape(&e, text))?;
        check(&campaign)?;
        Ok(campaign)
    }
}

fn syntax_or_shape(e: &serde_json::Error, text: &str) -> CampaignError {
    if e.is_data() {
        let excerpt: String = text
            .lines()
            .nth(e.line().saturating_sub(1))
            .unwrap_or_default()
            .trim()
            .chars()
            .take(60)
            .collect();
        CampaignError::Shape {
            line: e.line(),
            excerpt,
            message: e.to_string(),
        }
    } else {
        CampaignError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }
}

fn invalid(place: impl Into<String>, problem: impl Into<String>) -> CampaignError {
    CampaignError::Invalid {
        place: place.into(),
        problem: problem.into(),
    }
}

fn unique<'a>(place: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), CampaignError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(invalid(place, "有一项的 id 为空"));
        }
        if !seen.insert(id) {
            return Err(invalid(place, format!("id「{id}」重复")));
        }
    }
    Ok(())
}

fn check_date(place: String, value: &str) -> Result<(), CampaignError> {
    match parse_date(value) {
        Some(_) => Ok(()),
        None => Err(invalid(
            place,
            format!("「{value}」不是日期，应写作 YYYY-MM-DD"),
        )),
    }
}

/// Checks what the schema cannot: references, uniqueness and sense.
pub fn check(c: &Campaign) -> Result<(), CampaignError> {
    if c.format != FORMAT {
        return Err(CampaignError::Format { found: c.format });
    }
    check_date("issued".into(), &c.issued)?;
    unique("categories", c.categories.iter().map(|x| x.id.as_str()))?;
    unique("routes", c.routes.iter().map(|x| x.id.as_str()))?;
    unique("sections", c.sections.iter().map(|x| x.id.as_str()))?;
    unique("forms", c.forms.iter().map(|x| x.id.as_str()))?;
    unique("materials", c.materials.iter().map(|x| x.id.as_str()))?;
    if c.categories.is_empty() {
        return Err(invalid("categories", "至少需要一个申报类别"));
    }
    if c.routes.is_empty() {
        return Err(invalid("routes", "至少需要一条报送渠道"));
    }

    for route in &c.routes {
        let place = format!("routes.{}", route.id);
        check_date(format!("{place}.deadline"), &route.deadline)?;
        if let Some(d) = &route.forward_deadline {
            check_date(format!("{place}.forward_deadline"), d)?;
        }
    }

    for section in &c.sections {
        for field in &section.fields {
            check_field(
                &format!("sections.{}.fields.{}", section.id, field.id),
                field,
                false,
            )?;
        }
    }

    for form in &c.forms {
        let place = format!("forms.{}", form.id);
        if form.sections.is_empty() {
            return Err(invalid(place, "表单没有任何分区"));
        }
        for id in &form.sections {
            if c.section(id).is_none() {
                return Err(invalid(
                    format!("{place}.sections"),
                    format!("引用了不存在的分区「{id}」"),
                ));
            }
        }
        unique(
            &format!("{place} 的字段"),
            c.form_fields(form).map(|f| f.id.as_str()),
        )?;
        for field in c.form_fields(form) {
            if let Some(cond) = &field.show_when {
                if c.form_field(form, &cond.field).is_none() {
                    return Err(invalid(
                        format!("{place}.{}.show_when", field.id),
                        format!("条件引用了本表中不存在的字段「{}」", cond.field),
                    ));
                }
            }
        }
    }

    for cat in &c.categories {
        let place = format!("categories.{}", cat.id);
        let Some(form) = c.form(&cat.form) else {
            return Err(invalid(
                place,
                format!("引用了不存在的表单「{}」", cat.form),
            ));
        };
        if c.form_field(form, &cat.applicant_field).is_none() {
            return Err(invalid(
                format!("{place}.applicant_field"),
                format!("表单「{}」中没有字段「{}」", form.id, cat.applicant_field),
            ));
        }
    }

    for (i, rule) in c.rules.iter().enumerate() {
        check_rule(c, &format!("rules[{i}]"), rule)?;
    }

    for m in &c.materials {
        let place = format!("materials.{}", m.id);
        for cat in m.categories.keys() {
            if c.category(cat).is_none() {
                return Err(invalid(&place, format!("引用了不存在的申报类别「{cat}」")));
            }
        }
        let conditional = m
            .categories
            .values()
            .any(|r| *r == Requirement::Conditional);
        match (&m.required_when_rows, conditional) {
            (None, true) => {
                return Err(invalid(
                    place,
                    "conditional 材料需要 required_when_rows 指明哪张表格有行时必须提交",
                ))
            }
            (Some(table), _) => {
                let is_table = field_types(c, table).any(|t| t == FieldType::Table);
                if !is_table {
                    return Err(invalid(
                        format!("{place}.required_when_rows"),
                        format!("「{table}」不是任何表单中的表格字段"),
                    ));
                }
            }
            (None, false) => {}
        }
    }

    for cat in c.quotas.province.keys() {
        if c.category(cat).is_none() {
            return Err(invalid(
                "quotas.province",
                format!("引用了不存在的申报类别「{cat}」"),
            ));
        }
    }
    for (route, per_cat) in &c.quotas.routes {
        if c.route(route).is_none() {
            return Err(invalid(
                "quotas.routes",
                format!("引用了不存在的渠道「{route}」"),
            ));
        }
        for cat in per_cat.keys() {
            if c.category(cat).is_none() {
                return Err(invalid(
                    format!("quotas.routes.{route}"),
                    format!("引用了不存在的申报类别「{cat}」"),
                ));
            }
        }
    }

    let limits = &c.limits;
    if limits.max_file_bytes == 0 || limits.max_file_bytes > limits.max_total_bytes {
        return Err(invalid("limits", "单个文件上限须大于 0 且不超过总量上限"));
    }

    for id in &c.review.score_fields {
        if !field_types(c, id).any(|t| t.is_numeric()) {
            return Err(invalid(
                "review.score_fields",
                format!("「{id}」不是任何表中的数字字段"),
            ));
        }
    }
    check_survey(&c.survey)
}

fn check_field(place: &str, field: &Field, in_table: bool) -> Result<(), CampaignError> {
    if field.id.trim().is_empty() {
        return Err(invalid(place, "字段 id 为空"));
    }
    if field.label.trim().is_empty() {
        return Err(invalid(place, "字段没有标签（label）"));
    }
    match field.kind {
        FieldType::Choice if field.options.is_empty() => {
            return Err(invalid(place, "选择题（choice）需要 options"));
        }
        FieldType::Table => {
            if in_table {
                return Err(invalid(place, "表格中不能再嵌套表格"));
            }
            if field.columns.is_empty() {
                return Err(invalid(place, "表格（table）需要 columns"));
            }
            unique(
                &format!("{place}.columns"),
                field.columns.iter().map(|f| f.id.as_str()),
            )?;
            for col in &field.columns {
                if col.kind == FieldType::Route || col.show_when.is_some() {
                    return Err(invalid(
                        format!("{place}.columns.{}", col.id),
                        "表格的列不能是报送渠道，也不能带 show_when",
                    ));
                }
                check_field(&format!("{place}.columns.{}", col.id), col, true)?;
            }
        }
        _ if !field.columns.is_empty() => {
            return Err(invalid(place, "只有表格（table）字段可以有 columns"));
        }
        _ => {}
    }
    if field.format.is_some() && field.kind != FieldType::Text {
        return Err(invalid(place, "格式（format）只能用于单行文本（text）"));
    }
    if field.max_chars == Some(0) {
        return Err(invalid(place, "max_chars 须大于 0"));
    }
    if let (Some(min), Some(max)) = (field.min, field.max) {
        if min > max {
            return Err(invalid(place, format!("min（{min}）大于 max（{max}）")));
        }
    }
    if (field.min.is_some() || field.max.is_some()) && !field.kind.is_numeric() {
        return Err(invalid(place, "min / max 只能用于数字和年份字段"));
    }
    Ok(())
}

/// The types a field id has across all sections (a rule applies wherever
/// its fields appear, so every appearance must suit it).
fn field_types<'a>(c: &'a Campaign, id: &'a str) -> impl Iterator<Item = FieldType> + 'a {
    c.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(move |f| f.id == id)
        .map(|f| f.kind)
}

fn check_rule(c: &Campaign, place: &str, rule: &Rule) -> Result<(), CampaignError> {
    for id in rule.fields() {
        if field_types(c, id).next().is_none() {
            return Err(invalid(place, format!("规则引用了不存在的字段「{id}」")));
        }
    }
    let all = |id: &str, ok: &dyn Fn(FieldType) -> bool, what: &str| {
        if field_types(c, id).all(ok) {
            Ok(())
        } else {
            Err(invalid(place, format!("字段「{id}」应为{what}")))
        }
    };
    match rule {
        Rule::Threshold { field, .. } => all(field, &|t| t.is_numeric(), "数字或年份"),
        Rule::SampleSize {
            population,
            sample,
            min,
            max,
            ..
        } => {
            if min > max {
                return Err(invalid(place, format!("min（{min}）大于 max（{max}）")));
            }
            all(population, &|t| t == FieldType::Integer, "整数")?;
            all(sample, &|t| t == FieldType::Integer, "整数")
        }
        Rule::IdCardAgrees { birth, sex, .. } => {
            all(birth, &|t| t == FieldType::YearMonth, "年月")?;
            all(sex, &|t| t == FieldType::Choice, "选择题")
        }
        Rule::MinYearsSince { field, .. } => all(
            field,
            &|t| matches!(t, FieldType::YearMonth | FieldType::Date | FieldType::Year),
            "年份、年月或日期",
        ),
        Rule::PostcodePrefix { field, .. } => all(field, &|t| t == FieldType::Text, "文本"),
        Rule::Deadline { route, .. } => all(route, &|t| t == FieldType::Route, "报送渠道"),
    }
}

fn check_survey(s: &SurveyDefaults) -> Result<(), CampaignError> {
    if s.levels.len() < 2 {
        return Err(invalid("survey.levels", "评价等级至少需要两级"));
    }
    if s.items.is_empty() {
        return Err(invalid("survey.items", "问卷至少需要一个题目"));
    }
    unique("survey.items", s.items.iter().map(|i| i.id.as_str()))?;
    if s.items
        .iter()
        .any(|i| !(i.weight.is_finite() && i.weight >= 0.0))
    {
        return Err(invalid("survey.items", "权重须为非负数"));
    }
    if s.items.iter().map(|i| i.weight).sum::<f64>() <= 0.0 {
        return Err(invalid("survey.items", "权重之和须大于 0"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::BUILTIN_JSON;

    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Campaign, CampaignError> {
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN_JSON).expect("json");
        edit(&mut v);
        let text = serde_json::to_string_pretty(&v).expect("serialize");
        Campaign::from_json(&text)
    }

    fn message(r: Result<Campaign, CampaignError>) -> String {
        match r {
            Ok(_) => panic!("the edited campaign should be refused"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn unknown_field_type_is_refused_with_its_path() {
        let m = message(edited(|v| {
            v["sections"][0]["fields"][0]["type"] = "colour".into()
        }));
        assert!(m.contains("\"type\": \"colour\""), "{m}");
        assert!(m.contains("未知的取值"), "{m}");
        assert!(m.contains("colour"), "{m}");
    }

    #[test]
    fn misspelt_key_is_refused() {
        let m = message(edited(|v| {
            v["sections"][0]["fields"][0]["requird"] = true.into();
        }));
        assert!(m.contains("未知的键"), "{m}");
        assert!(m.contains("requird"), "{m}");
    }

    #[test]
    fn duplicate_field_id_in_a_form_is_refused() {
        let m = message(edited(|v| {
            let fields = v["sections"][1]["fields"].as_array_mut().expect("fields");
            let copy = fields[0].clone();
            fields.push(copy);
        }));
        assert!(m.contains("重复"), "{m}");
    }

    #[test]
    fn rule_naming_a_missing_field_is_refused() {
        let m = message(edited(|v| {
            v["rules"][0]["field"] = "no_such_field".into();
        }));
        assert!(m.contains("rules[0]"), "{m}");
        assert!(m.contains("no_such_field"), "{m}");
    }

    #[test]
    fn rule_missing_a_key_of_its_kind_is_refused() {
        let m = message(edited(|v| {
            v["rules"][0]
                .as_object_mut()
                .expect("rule object")
                .remove("threshold");
        }));
        assert!(m.contains("缺少键 `threshold`"), "{m}");
    }

    #[test]
    fn category_naming_a_missing_form_is_refused() {
        let m = message(edited(|v| v["categories"][0]["form"] = "form9".into()));
        assert!(m.contains("categories.enterprise"), "{m}");
        assert!(m.contains("form9"), "{m}");
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let m = message(Campaign::from_json("{\n  \"format\": 1,\n  oops\n}"));
        assert!(m.contains("第 3 行"), "{m}");
    }

    #[test]
    fn newer_format_is_refused_for_its_version() {
        let m = message(edited(|v| v["format"] = 2.into()));
        assert!(m.contains("版本为 2"), "{m}");
    }

    #[test]
    fn oversized_file_is_refused_before_parsing() {
        let big = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            Campaign::from_json(&big),
            Err(CampaignError::TooLarge { len: MAX_BYTES + 1 })
        );
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A cheap no-panic property: truncations and byte flips of the real
        // file must all come back as errors or campaigns, never a panic.
        let bytes = BUILTIN_JSON.as_bytes();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for i in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut b = bytes.to_vec();
            let at = (seed as usize) % b.len();
            if i % 2 == 0 {
                b.truncate(at);
            } else {
                b[at] = (seed >> 32) as u8;
            }
            let text = String::from_utf8_lossy(&b);
            let _ = Campaign::from_json(&text);
        }
    }
}
