//! The campaign definition as data: one year's programme, its routes,
//! categories, forms, materials, rules and survey defaults.
//!
//! These types mirror the JSON file in `campaigns/` one to one. Unknown keys
//! are refused (`deny_unknown_fields`) so that an organiser's typo is caught
//! at load instead of silently ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One year's award programme: everything an application depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// The version of this file format; this build reads format 1.
    pub format: u32,
    /// A stable identifier, e.g. `jiangsu-2011`; packages name it.
    pub id: String,
    /// The campaign year. Rules such as "registered at least three years"
    /// count from it.
    pub year: u16,
    /// The full title, e.g. 2011年江苏省用户满意服务明星创建活动.
    pub title: String,
    /// The notice that announced the campaign, e.g. 苏经信科技\[2011\]682号.
    pub document: String,
    /// The date of that notice, `YYYY-MM-DD`.
    pub issued: String,
    /// The bodies that issued it.
    #[serde(default)]
    pub issuers: Vec<String>,
    /// Who may apply, as the notice says it.
    #[serde(default)]
    pub eligibility: String,
    /// The province office that receives every application in the end.
    pub office: Office,
    /// The ways an application reaches the province office.
    pub routes: Vec<Route>,
    /// How many awards there are.
    #[serde(default)]
    pub quotas: Quotas,
    /// The award categories, each with its form.
    pub categories: Vec<Category>,
    /// Sections shared by forms, by id.
    pub sections: Vec<Section>,
    /// The forms 表1–表5, each a list of section ids.
    pub forms: Vec<Form>,
    /// Material slots and which category needs which.
    pub materials: Vec<Material>,
    /// Size limits for attachments.
    #[serde(default)]
    pub limits: AttachmentLimits,
    /// Checks across fields, with their severity and thresholds.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// The default customer questionnaire (附件2).
    pub survey: SurveyDefaults,
    /// What the reviewer's table shows of each application.
    #[serde(default)]
    pub review: ReviewSettings,
}

/// What the reviewer's table of packages shows besides status, category,
/// route and applicant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSettings {
    /// The heading of the score column, e.g. 满意度.
    #[serde(default)]
    pub score_label: String,
    /// The fields that give an application's score, the first filled one
    /// winning (forms differ: an index for enterprises, a rate for teams).
    #[serde(default)]
    pub score_fields: Vec<String>,
}

/// A contact: an office or a recipient of packages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The body's name.
    pub name: String,
    /// The body that does the work on its behalf, if another.
    #[serde(default)]
    pub handled_by: String,
    /// A contact person.
    #[serde(default)]
    pub contact: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
    /// Fax.
    #[serde(default)]
    pub fax: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Postcode.
    #[serde(default)]
    pub postcode: String,
    /// Email address that receives packages; empty when not yet known.
    #[serde(default)]
    pub email: String,
}

/// How a route hands applications on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    /// Through a city's quality association, which forwards to the province.
    City,
    /// A provincial industry association, which submits to the province.
    IndustryAssociation,
}

impl RouteKind {
    /// The name used in the campaign file, e.g. in `show_when`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::IndustryAssociation => "industry_association",
        }
    }
}

/// One way an application travels: who receives it, by when, how many
/// paper copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// A stable identifier, e.g. `changzhou`.
    pub id: String,
    /// City or industry association.
    pub kind: RouteKind,
    /// The name shown in the 所在市 choice, e.g. 常州市.
    pub name: String,
    /// Who receives the applicant's package on this route.
    pub recipient: Office,
    /// The applicant's deadline, `YYYY-MM-DD`.
    pub deadline: String,
    /// Paper copies of the stamped form the applicant sends.
    pub copies: u32,
    /// For a city: when it must forward to the province, `YYYY-MM-DD`.
    #[serde(default)]
    pub forward_deadline: Option<String>,
    /// For a city: paper copies it forwards to the province.
    #[serde(default)]
    pub forward_copies: Option<u32>,
}

/// Award numbers: province-wide totals per category, and optional per-city
/// values (附件3) when an organiser knows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Category id → awards in the whole province.
    #[serde(default)]
    pub province: BTreeMap<String, u32>,
    /// Route id → (category id → awards recommended by that city).
    #[serde(default)]
    pub routes: BTreeMap<String, BTreeMap<String, u32>>,
}

/// An award category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// A stable identifier: `enterprise`, `manager`, `team`, `individual`,
    /// `reeval`.
    pub id: String,
    /// The award's full name.
    pub name: String,
    /// A short name for lists and file names, e.g. 班组.
    pub short: String,
    /// The form this category fills.
    pub form: String,
    /// A sentence on who this category is for.
    #[serde(default)]
    pub description: String,
    /// The field whose value names the applicant (unit or person) in lists
    /// and file names.
    pub applicant_field: String,
}

/// An application form, e.g. 表1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// A stable identifier, e.g. `form1`.
    pub id: String,
    /// The table number printed on the form, e.g. 表1.
    pub number: String,
    /// The form's title.
    pub title: String,
    /// Section ids in order.
    pub sections: Vec<String>,
}

/// A titled group of fields, shared by any forms that list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// A stable identifier.
    pub id: String,
    /// The heading.
    pub title: String,
    /// A note under the heading.
    #[serde(default)]
    pub help: String,
    /// The fields in order.
    pub fields: Vec<Field>,
}

/// What kind of value a field holds, which decides its input and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several paragraphs, with a character counter.
    LongText,
    /// A whole number.
    Integer,
    /// A number that may have decimals (indices, percentages, money).
    Decimal,
    /// A year, four digits.
    Year,
    /// A year and month, e.g. 2011-07.
    YearMonth,
    /// A calendar date, e.g. 2011-07-08.
    Date,
    /// One of `options`.
    Choice,
    /// The route: one of the campaign's routes (所在市 or 省行业协会).
    Route,
    /// A repeating table with `columns`, e.g. 获得荣誉.
    Table,
}

impl FieldType {
    /// Whether the value is a number that thresholds can compare.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Decimal | Self::Year)
    }
}

/// A syntax a text value must follow, beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextFormat {
    /// 邮政编码: six digits.
    Postcode,
    /// A landline with area code (and extension) or a mobile number.
    Phone,
    /// A mobile number only.
    Mobile,
    /// An email address.
    Email,
    /// 统一社会信用代码 (18 characters) or 组织机构代码 (9).
    UnitCode,
    /// 居民身份证号码.
    IdCard,
}

/// A field of a form, or a column of a table field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique within its form; values are stored under it.
    pub id: String,
    /// The label printed beside the value.
    pub label: String,
    /// What the field holds.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether an empty value is an error.
    #[serde(default)]
    pub required: bool,
    /// A syntax check for text.
    #[serde(default)]
    pub format: Option<TextFormat>,
    /// For text: the most characters (not bytes) allowed.
    #[serde(default)]
    pub max_chars: Option<u32>,
    /// For numbers and years: the smallest value allowed.
    #[serde(default)]
    pub min: Option<f64>,
    /// For numbers and years: the largest value allowed.
    #[serde(default)]
    pub max: Option<f64>,
    /// A unit shown after the input, e.g. 万元 or %.
    #[serde(default)]
    pub unit: String,
    /// For choices: the options.
    #[serde(default)]
    pub options: Vec<String>,
    /// For tables: the columns.
    #[serde(default)]
    pub columns: Vec<Field>,
    /// For tables: the most rows.
    #[serde(default)]
    pub max_rows: Option<u32>,
    /// A hint shown under the input.
    #[serde(default)]
    pub help: String,
    /// An example shown inside an empty input.
    #[serde(default)]
    pub placeholder: String,
    /// Show (and require) this field only when another field has a value.
    #[serde(default)]
    pub show_when: Option<Condition>,
}

/// `field` equals `equals`, or for a route field, the route is of a kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The field to look at.
    pub field: String,
    /// The value it must have; for a route field, a route id or a route
    /// kind (`city`, `industry_association`).
    pub equals: String,
}

/// Whether a category must attach a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Missing is an error.
    Required,
    /// Missing is a warning.
    Recommended,
    /// May be attached.
    Optional,
    /// Required when the table field named by the material's
    /// `required_when_rows` has at least one row.
    Conditional,
}

/// A material slot, e.g. 创建活动总结.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// A stable identifier; packages file attachments under it.
    pub id: String,
    /// The name shown and printed.
    pub name: String,
    /// What belongs here.
    #[serde(default)]
    pub help: String,
    /// Category id → requirement; a category not named does not use the
    /// slot.
    pub categories: BTreeMap<String, Requirement>,
    /// For `conditional`: the table field whose rows make it required.
    #[serde(default)]
    pub required_when_rows: Option<String>,
    /// The app makes this material itself (the form); nothing to attach.
    #[serde(default)]
    pub generated: bool,
    /// Accepted file kinds, by extension: `pdf`, `jpg`, `png`, `doc`, ….
    #[serde(default)]
    pub accept: Vec<String>,
}

/// Size limits for attachments, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentLimits {
    /// The largest single file.
    pub max_file_bytes: u64,
    /// The largest total of one application.
    pub max_total_bytes: u64,
    /// Warn when the total passes this, the usual email attachment limit.
    pub email_warn_bytes: u64,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 20 * 1024 * 1024,
            max_total_bytes: 100 * 1024 * 1024,
            email_warn_bytes: 20 * 1024 * 1024,
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks a final package.
    Error,
    /// Shown and carried into the package; never blocks.
    Warning,
}

/// A comparison for threshold rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// value < threshold
    Lt,
    /// value ≤ threshold
    Le,
    /// value ≥ threshold
    Ge,
    /// value > threshold
    Gt,
}

impl Comparison {
    /// Whether `value` compared with `threshold` holds.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Self::Lt => value < threshold,
            Self::Le => value <= threshold,
            Self::Ge => value >= threshold,
            Self::Gt => value > threshold,
        }
    }
}

/// A check across fields or against campaign data. Each rule applies to
/// every form that has the fields it names.
///
/// In the file a rule is one flat object with a `kind`; it is read through
/// [`RuleDef`] rather than as an internally tagged enum, which would make
/// serde buffer every rule (and cost the WebAssembly module 20 KB).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RuleDef")]
pub enum Rule {
    /// A finding when a number compares with a threshold, e.g. a warning
    /// when 用户满意度综合指数 < 80. `message` may use `{label}`, `{value}`
    /// and `{threshold}`.
    Threshold {
        /// The numeric field.
        field: String,
        /// When the finding is raised.
        when: Comparison,
        /// The threshold.
        threshold: f64,
        /// Error or warning.
        severity: Severity,
        /// The message, with placeholders.
        message: String,
    },
    /// The notice's survey rule: with fewer than `everyone_below` service
    /// objects in the year, survey all of them; otherwise survey between
    /// `min` and `max`.
    SampleSize {
        /// The field with the year's number of service objects.
        population: String,
        /// The field with the number surveyed.
        sample: String,
        /// Below this population, everyone is surveyed.
        everyone_below: u32,
        /// The smallest sample otherwise.
        min: u32,
        /// The largest sample otherwise.
        max: u32,
    },
    /// 身份证号码 must agree with 出生年月 and 性别.
    IdCardAgrees {
        /// The ID number field.
        id_card: String,
        /// The year-month of birth field.
        birth: String,
        /// The sex choice field (男 / 女).
        sex: String,
    },
    /// A warning when a unit was registered fewer than `min_years` before the
    /// campaign year.
    MinYearsSince {
        /// The year-month or date field.
        field: String,
        /// The fewest whole years.
        min_years: u32,
        /// Error or warning.
        severity: Severity,
        /// The message; may use `{label}`, `{years}` and `{min_years}`.
        message: String,
    },
    /// A warning when a postcode lies outside the province (by prefix).
    PostcodePrefix {
        /// The postcode field.
        field: String,
        /// Accepted prefixes, e.g. `21`, `22`.
        prefixes: Vec<String>,
        /// Error or warning.
        severity: Severity,
        /// The message; may use `{label}` and `{value}`.
        message: String,
    },
    /// A finding when the application is prepared after its route's deadline.
    Deadline {
        /// The route field.
        route: String,
        /// Error or warning.
        severity: Severity,
    },
}

/// The kinds of [`Rule`], as the file names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// [`Rule::Threshold`]
    Threshold,
    /// [`Rule::SampleSize`]
    SampleSize,
    /// [`Rule::IdCardAgrees`]
    IdCardAgrees,
    /// [`Rule::MinYearsSince`]
    MinYearsSince,
    /// [`Rule::PostcodePrefix`]
    PostcodePrefix,
    /// [`Rule::Deadline`]
    Deadline,
}

/// A rule as written in the file: every key any kind may use. Converted
/// to [`Rule`], which requires the keys of its kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RuleDef {
    kind: RuleKind,
    field: Option<String>,
    when: Option<Comparison>,
    threshold: Option<f64>,
    severity: Option<Severity>,
    message: Option<String>,
    population: Option<String>,
    sample: Option<String>,
    everyone_below: Option<u32>,
    min: Option<u32>,
    max: Option<u32>,
    id_card: Option<String>,
    birth: Option<String>,
    sex: Option<String>,
    min_years: Option<u32>,
    prefixes: Option<Vec<String>>,
    route: Option<String>,
}

fn needs<T>(value: Option<T>, kind: RuleKind, key: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("{kind:?} 规则缺少键 `{key}`"))
}

impl TryFrom<RuleDef> for Rule {
    type Error = String;

    fn try_from(d: RuleDef) -> Result<Self, String> {
        use RuleKind as K;
        let k = d.kind;
        Ok(match k {
            K::Threshold => Self::Threshold {
                field: needs(d.field, k, "field")?,
                when: needs(d.when, k, "when")?,
                threshold: needs(d.threshold, k, "threshold")?,
                severity: needs(d.severity, k, "severity")?,
                message: needs(d.message, k, "message")?,
            },
            K::SampleSize => Self::SampleSize {
                population: needs(d.population, k, "population")?,
                sample: needs(d.sample, k, "sample")?,
                everyone_below: needs(d.everyone_below, k, "everyone_below")?,
                min: needs(d.min, k, "min")?,
                max: needs(d.max, k, "max")?,
            },
            K::IdCardAgrees => Self::IdCardAgrees {
                id_card: needs(d.id_card, k, "id_card")?,
                birth: needs(d.birth, k, "birth")?,
                sex: needs(d.sex, k, "sex")?,
            },
            K::MinYearsSince => Self::MinYearsSince {
                field: needs(d.field, k, "field")?,
                min_years: needs(d.min_years, k, "min_years")?,
                severity: needs(d.severity, k, "severity")?,
                message: needs(d.message, k, "message")?,
            },
            K::PostcodePrefix => Self::PostcodePrefix {
                field: needs(d.field, k, "field")?,
                prefixes: needs(d.prefixes, k, "prefixes")?,
                severity: needs(d.severity, k, "severity")?,
                message: needs(d.message, k, "message")?,
            },
            K::Deadline => Self::Deadline {
                route: needs(d.route, k, "route")?,
                severity: needs(d.severity, k, "severity")?,
            },
        })
    }
}

impl Rule {
    /// The field ids this rule reads, for checking the definition.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Self::Threshold { field, .. }
            | Self::MinYearsSince { field, .. }
            | Self::PostcodePrefix { field, .. } => vec![field],
            Self::SampleSize {
                population, sample, ..
            } => vec![population, sample],
            Self::IdCardAgrees {
                id_card,
                birth,
                sex,
                ..
            } => vec![id_card, birth, sex],
            Self::Deadline { route, .. } => vec![route],
        }
    }
}

/// A level of the survey's rating scale, e.g. 很满意 = 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyLevel {
    /// The level's name.
    pub name: String,
    /// Its score.
    pub score: f64,
    /// Whether it counts towards the satisfaction rate.
    #[serde(default)]
    pub satisfied: bool,
}

/// An item of the questionnaire, e.g. 服务态度.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyItem {
    /// A stable identifier.
    pub id: String,
    /// The question as printed.
    pub name: String,
    /// Its weight in the overall index.
    #[serde(default = "one")]
    pub weight: f64,
}

fn one() -> f64 {
    1.0
}

/// The default questionnaire the app offers (附件2 reference design).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefaults {
    /// The rating scale, best first.
    pub levels: Vec<SurveyLevel>,
    /// The items.
    pub items: Vec<SurveyItem>,
    /// The respondent block printed on each questionnaire.
    #[serde(default)]
    pub respondent_fields: Vec<String>,
    /// The method standards cited in the report.
    #[serde(default)]
    pub standards: Vec<String>,
}
