//! Format and checksum checks for the identifiers and contact details typed
//! into the application form: 邮政编码, 联系电话 (landline and mobile),
//! 电子邮箱, 统一社会信用代码 (GB 32100-2015), 组织机构代码 (GB 11714-1997),
//! 居民身份证号码 (GB 11643-1999), and lenient year-month / date parsing.
//!
//! Every string reaching this module was typed or pasted by a user, so no
//! function here panics on any input: text is walked `char` by `char` (never
//! sliced at computed byte offsets) and tables are read through iterators or
//! checked accessors.
//!
//! Each check trims surrounding whitespace first. Full-width look-alikes of
//! ASCII (`０`–`９`, `－`, `Ｘ`, `＠`, `（` …) are rejected with their own error
//! instead of being converted silently, so that the value kept (and later
//! printed on the form) is exactly the one the user sees in the input box.
//!
//! There is one error enum per family. Their `Display` output is Simplified
//! Chinese intended to be shown to the user as is: it says what is wrong and
//! how to fix it.

use std::fmt;

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// Counts characters (Unicode scalar values), not bytes: `"江苏省"` counts 3
/// although it takes 9 bytes in UTF-8.
///
/// This is the unit in which the form's "不超过 N 字" limits are stated.
/// Line breaks count as characters: `"\n"` is one and a Windows `"\r\n"` is
/// two, so text pasted from Word may count a little higher than Word's own
/// statistics. The input is not trimmed; trim first if surrounding blanks
/// should not count.
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// The half-width twin of a full-width ASCII variant (U+FF01–U+FF5E).
fn half_width_of(c: char) -> Option<char> {
    let code = u32::from(c);
    if (0xFF01..=0xFF5E).contains(&code) {
        char::from_u32(code - 0xFEE0)
    } else {
        None
    }
}

fn find_full_width(s: &str) -> Option<char> {
    s.chars().find(|&c| half_width_of(c).is_some())
}

/// The advice shared by every "full-width character" error.
struct FullWidthAdvice(char);

impl fmt::Display for FullWidthAdvice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let half = half_width_of(self.0).unwrap_or(self.0);
        write!(
            f,
            "含有全角字符“{}”，请切换到半角（英文）输入状态，改为“{}”",
            self.0, half
        )
    }
}

/// Quotes a character for a message; blanks and control characters would be
/// invisible between quotes, so they are named instead.
struct Shown(char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ' ' => f.write_str("空格"),
            '\u{3000}' => f.write_str("全角空格"),
            c if c.is_whitespace() || c.is_control() => {
                write!(f, "不可见字符（U+{:04X}）", u32::from(c))
            }
            c => write!(f, "“{c}”"),
        }
    }
}

/// Splits `s` after its leading run of elements matching `pred`.
fn split_while<T>(s: &[T], pred: impl Fn(&T) -> bool) -> (&[T], &[T]) {
    let n = s.iter().take_while(|x| pred(x)).count();
    // `n` never exceeds `s.len()`, so this split cannot panic.
    s.split_at(n)
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether the proleptic Gregorian date exists (year 0 is not a year).
fn is_real_date(year: u16, month: u8, day: u8) -> bool {
    year >= 1 && (1..=days_in_month(year, month)).contains(&day)
}

// ---------------------------------------------------------------------------
// 邮政编码
// ---------------------------------------------------------------------------

/// Why a postcode was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostcodeError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `１` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// A character other than an ASCII digit.
    NotDigit {
        /// The offending character.
        found: char,
        /// Its 1-based position after trimming.
        position: usize,
    },
    /// All digits, but not six of them.
    WrongLength {
        /// Number of digits entered.
        len: usize,
    },
}

impl fmt::Display for PostcodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("邮政编码未填写，请填写 6 位数字的邮政编码，如 210000"),
            Self::FullWidth { found } => write!(f, "邮政编码{}", FullWidthAdvice(*found)),
            Self::NotDigit { found, position } => write!(
                f,
                "邮政编码第 {position} 位为{}，邮政编码只能由 6 位数字组成，请核对",
                Shown(*found)
            ),
            Self::WrongLength { len } => write!(
                f,
                "邮政编码应为 6 位数字，实际为 {len} 位，请核对是否多填或漏填"
            ),
        }
    }
}

impl std::error::Error for PostcodeError {}

/// Checks that `s` is a Chinese postcode: exactly six ASCII digits.
pub fn check_postcode(s: &str) -> Result<(), PostcodeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(PostcodeError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(PostcodeError::FullWidth { found });
    }
    if let Some((i, found)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(PostcodeError::NotDigit {
            found,
            position: i + 1,
        });
    }
    match s.chars().count() {
        6 => Ok(()),
        len => Err(PostcodeError::WrongLength { len }),
    }
}

/// Whether `s` is a valid postcode inside Jiangsu province.
///
/// Jiangsu's postal districts are 21xxxx (Nanjing, Changzhou, Suzhou, Wuxi,
/// Zhenjiang…) and 22xxxx (Xuzhou, Lianyungang, Huai'an, Yancheng, Yangzhou,
/// Nantong, Suqian…); Shanghai is 20 and Anhui 23–24.
pub fn is_jiangsu_postcode(s: &str) -> bool {
    let s = s.trim();
    check_postcode(s).is_ok() && (s.starts_with("21") || s.starts_with("22"))
}

// ---------------------------------------------------------------------------
// 联系电话
// ---------------------------------------------------------------------------

/// What kind of number [`check_phone`] accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    /// Fixed line with area code, e.g. `025-83231032`.
    Landline,
    /// Mainland mobile number, e.g. `138-1234-5678`.
    Mobile,
}

/// Why a phone number was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `１` or `－` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// A character that never occurs in an accepted phone number.
    InvalidChar {
        /// The offending character.
        found: char,
    },
    /// Seven or eight digits not starting with 0 or 1: a landline number
    /// written without its area code.
    MissingAreaCode,
    /// Starts like a landline but area code and number are not separated.
    MissingSeparator,
    /// `(` without a matching `)`.
    UnclosedParen,
    /// The area code is not 3–4 digits starting with a single 0.
    AreaCode {
        /// The area code as entered.
        area: String,
    },
    /// The landline number after the area code is not 7–8 digits.
    LocalLength {
        /// Number of digits found.
        len: usize,
    },
    /// The landline number after the area code starts with 0 or 1.
    LocalStart {
        /// Its first digit.
        first: char,
    },
    /// Text after the landline number is not a 1–6 digit extension
    /// introduced by `-`, `转`, `ext` or `x`.
    Extension,
    /// A mobile number whose digit count (without `+86`) is not 11.
    MobileLength {
        /// Number of digits found.
        digits: usize,
    },
    /// A mobile number not starting with 1.
    MobileStart {
        /// Its first digit.
        first: char,
    },
    /// A mobile number whose second digit is not 3–9.
    MobileSecondDigit {
        /// Its second digit.
        second: char,
    },
    /// Separators in a mobile number not in 3-4-4 grouping.
    MobileGrouping,
    /// A `+` country code other than `+86`.
    CountryCode,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LANDLINE_HINT: &str = "如为固定电话，请写成“区号-号码”，如 025-83231032";
        match self {
            Self::Empty => f.write_str(
                "联系电话未填写，请填写手机号码（如 13812345678）或带区号的固定电话（如 025-83231032）",
            ),
            Self::FullWidth { found } => write!(f, "电话号码{}", FullWidthAdvice(*found)),
            Self::InvalidChar { found } => write!(
                f,
                "电话号码中含有不允许的字符{}，请删除或改正：电话号码只能包含数字、“-”、空格和括号，分机号可用“-”或“转”引出",
                Shown(*found)
            ),
            Self::MissingAreaCode => f.write_str(
                "固定电话缺少区号，请在号码前加上区号并用“-”分隔，如 025-83231032",
            ),
            Self::MissingSeparator => f.write_str(
                "固定电话的区号与号码之间请用“-”分隔，如 025-83231032、0519-86681391",
            ),
            Self::UnclosedParen => f.write_str(
                "区号的括号没有闭合，请写成 (025)83231032 或 025-83231032",
            ),
            Self::AreaCode { area } => write!(
                f,
                "区号“{area}”无效：区号应为以 0 开头的 3–4 位数字（如 025、0519），请核对"
            ),
            Self::LocalLength { len } => write!(
                f,
                "固定电话区号后的号码应为 7–8 位数字，实际为 {len} 位，请核对（如 025-83231032）"
            ),
            Self::LocalStart { first } => write!(
                f,
                "固定电话区号后的号码不能以 {first} 开头，请核对是否重复填写了区号或多填了数字"
            ),
            Self::Extension => f.write_str(
                "分机号格式不正确：请写成“号码-分机号”或“号码转分机号”，分机号为 1–6 位数字，如 0519-86681391-8003",
            ),
            Self::MobileLength { digits } => write!(
                f,
                "手机号码应为 11 位数字，实际为 {digits} 位；{LANDLINE_HINT}"
            ),
            Self::MobileStart { first } => write!(
                f,
                "手机号码应以 1 开头，实际以 {first} 开头；{LANDLINE_HINT}"
            ),
            Self::MobileSecondDigit { second } => write!(
                f,
                "手机号码第 2 位应为 3–9 中的数字，实际为 {second}，请核对"
            ),
            Self::MobileGrouping => f.write_str(
                "手机号码的分隔方式不正确，请连写 11 位数字，或按 3-4-4 分组，如 138-1234-5678",
            ),
            Self::CountryCode => f.write_str(
                "仅支持中国大陆电话号码：国家代码只能是 +86，请改正，或不写国家代码直接填写 11 位手机号码",
            ),
        }
    }
}

impl std::error::Error for PhoneError {}

fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '+' | '-' | ' ' | '(' | ')' | '转')
        || matches!(c.to_ascii_lowercase(), 'e' | 'x' | 't')
}

fn is_phone_separator(c: char) -> bool {
    c == ' ' || c == '-'
}

/// Drops one leading space or hyphen, if any.
fn skip_separator(s: &[char]) -> &[char] {
    match s.split_first() {
        Some((&c, rest)) if is_phone_separator(c) => rest,
        _ => s,
    }
}

/// Checks a mainland phone number and says whether it is a landline or a
/// mobile number.
///
/// Landline: area code of 3–4 digits starting with 0, then `-` or a space
/// (or the area code in parentheses, `(025)83231032`), then a 7–8 digit
/// number not starting with 0 or 1, then optionally an extension of 1–6
/// digits introduced by `-`, `转`, `ext` or `x`. A separator after the area
/// code is required because without it `025` + 8 digits and `0519` +
/// 7 digits cannot be told apart.
///
/// Mobile: 11 digits `1[3-9]xxxxxxxxx`, optionally preceded by `+86` or
/// `86`, written solid or grouped 3-4-4 with spaces or hyphens.
pub fn check_phone(s: &str) -> Result<PhoneKind, PhoneError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(PhoneError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(PhoneError::FullWidth { found });
    }
    if let Some(found) = s.chars().find(|&c| !is_phone_char(c)) {
        return Err(PhoneError::InvalidChar { found });
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.first() {
        Some('(' | '0') => check_landline(&chars),
        _ => check_mobile(&chars),
    }
}

fn check_landline(chars: &[char]) -> Result<PhoneKind, PhoneError> {
    let (area, rest) = match chars.strip_prefix(&['(']) {
        Some(inner) => {
            let (area, tail) = split_while(inner, |&c| c != ')');
            let after = tail.strip_prefix(&[')']).ok_or(PhoneError::UnclosedParen)?;
            (area, skip_separator(after))
        }
        None => {
            let (area, tail) = split_while(chars, char::is_ascii_digit);
            match tail.split_first() {
                // More than four digits means the number was run into the
                // area code.
                Some((&c, after)) if is_phone_separator(c) && area.len() <= 4 => (area, after),
                _ => return Err(PhoneError::MissingSeparator),
            }
        }
    };
    let area_ok = (3..=4).contains(&area.len())
        && area.iter().all(char::is_ascii_digit)
        && area.first() == Some(&'0')
        // "00" is the international call prefix, never an area code.
        && area.get(1) != Some(&'0');
    if !area_ok {
        return Err(PhoneError::AreaCode {
            area: area.iter().collect(),
        });
    }

    let (local, ext) = split_while(rest, char::is_ascii_digit);
    if !(7..=8).contains(&local.len()) {
        return Err(PhoneError::LocalLength { len: local.len() });
    }
    if let Some(&first @ ('0' | '1')) = local.first() {
        return Err(PhoneError::LocalStart { first });
    }
    if ext.is_empty() {
        Ok(PhoneKind::Landline)
    } else {
        check_extension(ext)
    }
}

fn check_extension(ext: &[char]) -> Result<PhoneKind, PhoneError> {
    let lower: Vec<char> = ext.iter().map(char::to_ascii_lowercase).collect();
    let (_, s) = split_while(&lower, |&c| c == ' ');
    let s = s
        .strip_prefix(&['e', 'x', 't'])
        .or_else(|| s.strip_prefix(&['x']))
        .or_else(|| s.strip_prefix(&['转']))
        .or_else(|| s.strip_prefix(&['-']))
        .ok_or(PhoneError::Extension)?;
    let (_, s) = split_while(s, |&c| c == ' ');
    let (digits, tail) = split_while(s, char::is_ascii_digit);
    if tail.is_empty() && (1..=6).contains(&digits.len()) {
        Ok(PhoneKind::Landline)
    } else {
        Err(PhoneError::Extension)
    }
}

fn check_mobile(chars: &[char]) -> Result<PhoneKind, PhoneError> {
    let total_digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    let mut rest = chars;
    let mut had_country_code = false;
    if let Some(after_plus) = rest.strip_prefix(&['+']) {
        rest = skip_separator(
            after_plus
                .strip_prefix(&['8', '6'])
                .ok_or(PhoneError::CountryCode)?,
        );
        had_country_code = true;
    } else if total_digits == 13 {
        // A bare "86" is only a country code when 11 digits remain after it.
        if let Some(after_cc) = rest.strip_prefix(&['8', '6']) {
            rest = skip_separator(after_cc);
            had_country_code = true;
        }
    }
    if let Some(&found) = rest
        .iter()
        .find(|&&c| !(c.is_ascii_digit() || is_phone_separator(c)))
    {
        return Err(PhoneError::InvalidChar { found });
    }

    let digits: Vec<char> = rest.iter().copied().filter(char::is_ascii_digit).collect();
    if !had_country_code
        && (7..=8).contains(&digits.len())
        && !matches!(digits.first(), Some('0' | '1'))
    {
        return Err(PhoneError::MissingAreaCode);
    }
    if digits.len() != 11 {
        return Err(PhoneError::MobileLength {
            digits: digits.len(),
        });
    }
    if let [first, second, ..] = digits.as_slice() {
        if *first != '1' {
            return Err(PhoneError::MobileStart { first: *first });
        }
        if !('3'..='9').contains(second) {
            return Err(PhoneError::MobileSecondDigit { second: *second });
        }
    }
    let groups: Vec<usize> = rest
        .split(|&c| is_phone_separator(c))
        .map(<[char]>::len)
        .collect();
    if groups == [11] || groups == [3, 4, 4] {
        Ok(PhoneKind::Mobile)
    } else {
        Err(PhoneError::MobileGrouping)
    }
}

// ---------------------------------------------------------------------------
// 电子邮箱
// ---------------------------------------------------------------------------

/// Why an e-mail address was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `＠` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// Longer than the 254 characters SMTP can carry.
    TooLong {
        /// Number of characters entered.
        len: usize,
    },
    /// No `@` at all.
    MissingAt,
    /// More than one `@`.
    MultipleAt {
        /// Number of `@` found.
        count: usize,
    },
    /// Nothing before the `@`.
    EmptyLocal,
    /// The part before the `@` exceeds 64 characters.
    LocalTooLong {
        /// Its length in characters.
        len: usize,
    },
    /// A character outside letters, digits and ``!#$%&'*+/=?^_`{|}~.-``
    /// before the `@`.
    LocalInvalidChar {
        /// The offending character.
        found: char,
    },
    /// The part before the `@` starts or ends with `.` or contains `..`.
    LocalDot,
    /// Nothing after the `@`.
    EmptyDomain,
    /// A character other than a letter, digit, `-` or `.` after the `@`.
    DomainInvalidChar {
        /// The offending character.
        found: char,
    },
    /// The domain has no `.`.
    DomainNoDot {
        /// The domain as entered.
        domain: String,
    },
    /// The domain starts or ends with `.` or contains `..`.
    DomainEmptyLabel,
    /// A domain label starts or ends with `-`.
    DomainLabelHyphen {
        /// The offending label.
        label: String,
    },
    /// A domain label exceeds 63 characters.
    DomainLabelTooLong {
        /// Its length in characters.
        len: usize,
    },
    /// The last label is not at least two letters.
    InvalidTld {
        /// The last label as entered.
        tld: String,
    },
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("电子邮箱未填写，请填写常用邮箱，如 name@126.com"),
            Self::FullWidth { found } => write!(f, "电子邮箱{}", FullWidthAdvice(*found)),
            Self::TooLong { len } => write!(
                f,
                "电子邮箱长 {len} 个字符，超过了 254 个字符的上限，请核对是否粘贴了多余内容"
            ),
            Self::MissingAt => f.write_str(
                "电子邮箱缺少“@”，请写成“用户名@域名”的形式，如 name@126.com",
            ),
            Self::MultipleAt { count } => write!(
                f,
                "电子邮箱中有 {count} 个“@”，只能有 1 个；如有多个邮箱，请只填写一个"
            ),
            Self::EmptyLocal => f.write_str(
                "电子邮箱“@”前面的用户名为空，请补全，如 name@126.com",
            ),
            Self::LocalTooLong { len } => write!(
                f,
                "电子邮箱“@”前面的用户名长 {len} 个字符，最多 64 个，请核对"
            ),
            Self::LocalInvalidChar { found } => write!(
                f,
                "电子邮箱“@”前面的用户名含有不允许的字符{}，请改正：用户名只能使用英文字母、数字和 . _ - + 等符号",
                Shown(*found)
            ),
            Self::LocalDot => f.write_str(
                "电子邮箱“@”前面的用户名不能以“.”开头或结尾，也不能出现连续的“..”，请核对",
            ),
            Self::EmptyDomain => f.write_str(
                "电子邮箱“@”后面的域名为空，请补全，如 126.com、qq.com",
            ),
            Self::DomainInvalidChar { found } => write!(
                f,
                "电子邮箱“@”后面的域名含有不允许的字符{}，只能使用英文字母、数字、“-”和“.”（请检查是否误用了中文句号或逗号）",
                Shown(*found)
            ),
            Self::DomainNoDot { domain } => write!(
                f,
                "电子邮箱的域名“{domain}”缺少“.”，请填写完整域名，如 126.com"
            ),
            Self::DomainEmptyLabel => f.write_str(
                "电子邮箱的域名不能以“.”开头或结尾，也不能出现连续的“..”，请核对",
            ),
            Self::DomainLabelHyphen { label } => write!(
                f,
                "电子邮箱域名中的“{label}”不能以“-”开头或结尾，请核对"
            ),
            Self::DomainLabelTooLong { len } => write!(
                f,
                "电子邮箱域名中有一段长 {len} 个字符，每段最多 63 个，请核对"
            ),
            Self::InvalidTld { tld } => write!(
                f,
                "电子邮箱域名的最后一段“{tld}”无效，应为至少 2 个英文字母（如 com、cn），请核对"
            ),
        }
    }
}

impl std::error::Error for EmailError {}

/// RFC 5322 `atext`: what may appear in an unquoted local part besides dots.
fn is_email_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Checks an e-mail address pragmatically.
///
/// Quoted local parts, IP-literal domains and internationalised (Chinese)
/// addresses are rejected on purpose: they are legal but practically never
/// belong to an applicant, and are far more often typos.
pub fn check_email(s: &str) -> Result<(), EmailError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(EmailError::FullWidth { found });
    }
    let len = s.chars().count();
    if len > 254 {
        return Err(EmailError::TooLong { len });
    }
    let count = s.matches('@').count();
    if count > 1 {
        return Err(EmailError::MultipleAt { count });
    }
    let (local, domain) = s.split_once('@').ok_or(EmailError::MissingAt)?;
    check_email_local(local)?;
    check_email_domain(domain)
}

fn check_email_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocal);
    }
    let len = local.chars().count();
    if len > 64 {
        return Err(EmailError::LocalTooLong { len });
    }
    if let Some(found) = local.chars().find(|&c| !(is_email_atext(c) || c == '.')) {
        return Err(EmailError::LocalInvalidChar { found });
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::LocalDot);
    }
    Ok(())
}

fn check_email_domain(domain: &str) -> Result<(), EmailError> {
    if domain.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if let Some(found) = domain
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(EmailError::DomainInvalidChar { found });
    }
    if !domain.contains('.') {
        return Err(EmailError::DomainNoDot {
            domain: domain.to_owned(),
        });
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(EmailError::DomainEmptyLabel);
        }
        if label.len() > 63 {
            return Err(EmailError::DomainLabelTooLong { len: label.len() });
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(EmailError::DomainLabelHyphen {
                label: label.to_owned(),
            });
        }
    }
    let tld = domain.rsplit('.').next().unwrap_or_default();
    if tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(EmailError::InvalidTld {
            tld: tld.to_owned(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015)
// ---------------------------------------------------------------------------

/// The 31 code characters of GB 32100-2015, in value order. I, O, Z, S and V
/// are left out because they are easily confused with 1, 0, 2, 5 and U.
const USCC_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// 3^i mod 31 for i = 0..=16, the GB 32100-2015 weights.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a 统一社会信用代码 was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `１` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// Not 18 characters long.
    WrongLength {
        /// Number of characters entered.
        len: usize,
    },
    /// A character outside `0-9` and `A-Z` minus I, O, Z, S, V.
    InvalidChar {
        /// The offending character (upper-cased).
        found: char,
        /// Its 1-based position.
        position: usize,
    },
    /// The 18th character does not match the checksum of the first 17.
    CheckChar {
        /// The check character the first 17 characters require.
        expected: char,
        /// The check character entered (upper-cased).
        found: char,
    },
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "统一社会信用代码未填写，请按营业执照或登记证书填写 18 位统一社会信用代码",
            ),
            Self::FullWidth { found } => write!(f, "统一社会信用代码{}", FullWidthAdvice(*found)),
            Self::WrongLength { len } => write!(
                f,
                "统一社会信用代码应为 18 位，实际为 {len} 位，请对照营业执照核对，并去掉中间的空格或横线"
            ),
            Self::InvalidChar { found, position } => {
                let lookalike = match found {
                    'I' => Some('1'),
                    'O' => Some('0'),
                    'Z' => Some('2'),
                    'S' => Some('5'),
                    'V' => Some('U'),
                    _ => None,
                };
                match lookalike {
                    Some(l) => write!(
                        f,
                        "统一社会信用代码第 {position} 位为“{found}”，该代码不使用字母 I、O、Z、S、V，此处可能应为“{l}”，请对照营业执照核对"
                    ),
                    None => write!(
                        f,
                        "统一社会信用代码第 {position} 位为{}，只能是数字或大写英文字母（不含 I、O、Z、S、V），请核对",
                        Shown(*found)
                    ),
                }
            }
            Self::CheckChar { expected, found } => write!(
                f,
                "统一社会信用代码第 18 位校验码应为 {expected}，实际为 {found}，请对照营业执照逐位核对（任何一位填错都会导致校验不符）"
            ),
        }
    }
}

impl std::error::Error for UsccError {}

fn uscc_value(c: char) -> Option<u32> {
    USCC_CHARSET
        .chars()
        .position(|x| x == c)
        .and_then(|i| u32::try_from(i).ok())
}

/// Validates and returns the 18 upper-cased characters.
fn uscc_chars(s: &str) -> Result<Vec<char>, UsccError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(UsccError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(UsccError::FullWidth { found });
    }
    let chars: Vec<char> = s.chars().map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 18 {
        return Err(UsccError::WrongLength { len: chars.len() });
    }
    let mut values = Vec::with_capacity(18);
    for (i, &c) in chars.iter().enumerate() {
        let v = uscc_value(c).ok_or(UsccError::InvalidChar {
            found: c,
            position: i + 1,
        })?;
        values.push(v);
    }
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(&v, w)| v * w).sum();
    // 31 - (sum mod 31), where a result of 31 wraps to 0.
    let code = (31 - sum % 31) % 31;
    let expected = usize::try_from(code)
        .ok()
        .and_then(|i| USCC_CHARSET.chars().nth(i))
        .unwrap_or('?');
    let found = chars.last().copied().unwrap_or('?');
    if expected == found {
        Ok(chars)
    } else {
        Err(UsccError::CheckChar { expected, found })
    }
}

/// Checks a 统一社会信用代码 against GB 32100-2015: 18 characters from
/// the standard's 31-character set and a correct 18th (check) character.
/// Lower-case letters are accepted as their upper-case forms.
///
/// Positions 9–17 (the 主体标识码) are deliberately *not* checked against
/// GB 11714: codes issued to 个体工商户 and other entities without an old
/// 组织机构代码 do not always satisfy it, so enforcing it would reject
/// genuine codes.
pub fn check_uscc(s: &str) -> Result<(), UsccError> {
    uscc_chars(s).map(|_| ())
}

/// The 主体标识码 (positions 9–17) of a valid 统一社会信用代码, laid out as
/// a 组织机构代码 `XXXXXXXX-X`, or `None` if `s` fails [`check_uscc`].
///
/// For organisations that held a 组织机构代码 before 2015 this is that code,
/// which is handy for forms that still ask for it. It is not guaranteed to
/// pass [`check_org_code`] (see [`check_uscc`]).
pub fn uscc_embedded_org_code(s: &str) -> Option<String> {
    let chars = uscc_chars(s).ok()?;
    let body: String = chars.iter().skip(8).take(8).collect();
    let check = chars.get(16)?;
    Some(format!("{body}-{check}"))
}

// ---------------------------------------------------------------------------
// 组织机构代码 (GB 11714-1997)
// ---------------------------------------------------------------------------

const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Why a 组织机构代码 was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgCodeError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `１` or `－` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// Not nine characters once the hyphen is left out.
    WrongLength {
        /// Number of characters other than `-`.
        len: usize,
    },
    /// A hyphen anywhere but between the 8th and 9th characters, or more
    /// than one.
    MisplacedHyphen,
    /// A body character that is not a digit or letter, or a check character
    /// that is not a digit or `X`.
    InvalidChar {
        /// The offending character (upper-cased).
        found: char,
        /// Its 1-based position, not counting the hyphen.
        position: usize,
    },
    /// The check character does not match the first eight characters.
    CheckChar {
        /// The check character the body requires.
        expected: char,
        /// The check character entered (upper-cased).
        found: char,
    },
}

impl fmt::Display for OrgCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "组织机构代码未填写，请填写 9 位组织机构代码，格式如 19220382-1",
            ),
            Self::FullWidth { found } => write!(f, "组织机构代码{}", FullWidthAdvice(*found)),
            Self::WrongLength { len } => write!(
                f,
                "组织机构代码应为 8 位本体代码加 1 位校验码，共 9 位（写作 XXXXXXXX-X，如 19220382-1），实际为 {len} 位，请核对"
            ),
            Self::MisplacedHyphen => f.write_str(
                "组织机构代码中的“-”只能有一个，且应位于第 8 位和第 9 位之间，请改为 19220382-1 这样的格式",
            ),
            Self::InvalidChar { found, position: 9 } => write!(
                f,
                "组织机构代码的校验码（最后一位）为{}，只能是数字或字母 X，请核对",
                Shown(*found)
            ),
            Self::InvalidChar { found, position } => write!(
                f,
                "组织机构代码第 {position} 位为{}，前 8 位只能是数字或大写英文字母，请核对",
                Shown(*found)
            ),
            Self::CheckChar { expected, found } => write!(
                f,
                "组织机构代码的校验码（最后一位）应为 {expected}，实际为 {found}，请逐位核对代码"
            ),
        }
    }
}

impl std::error::Error for OrgCodeError {}

fn org_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        c.to_digit(10)
    } else if c.is_ascii_uppercase() {
        Some(10 + u32::from(c) - u32::from('A'))
    } else {
        None
    }
}

/// Checks a 组织机构代码 against GB 11714-1997, written either
/// `XXXXXXXX-X` or as nine characters without the hyphen. Lower-case letters
/// are accepted as their upper-case forms.
pub fn check_org_code(s: &str) -> Result<(), OrgCodeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(OrgCodeError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(OrgCodeError::FullWidth { found });
    }
    let chars: Vec<char> = s.chars().map(|c| c.to_ascii_uppercase()).collect();
    let compact: Vec<char> = chars.iter().copied().filter(|&c| c != '-').collect();
    if compact.len() != 9 {
        return Err(OrgCodeError::WrongLength { len: compact.len() });
    }
    let hyphens = chars.len() - compact.len();
    if hyphens > 1 || (hyphens == 1 && chars.get(8) != Some(&'-')) {
        return Err(OrgCodeError::MisplacedHyphen);
    }
    let Some((&found, body)) = compact.split_last() else {
        return Err(OrgCodeError::Empty);
    };
    let mut sum = 0;
    for ((i, &c), w) in body.iter().enumerate().zip(ORG_WEIGHTS) {
        let v = org_value(c).ok_or(OrgCodeError::InvalidChar {
            found: c,
            position: i + 1,
        })?;
        sum += v * w;
    }
    if !(found.is_ascii_digit() || found == 'X') {
        return Err(OrgCodeError::InvalidChar { found, position: 9 });
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from_digit(c, 10).unwrap_or('?'),
    };
    if expected == found {
        Ok(())
    } else {
        Err(OrgCodeError::CheckChar { expected, found })
    }
}

// ---------------------------------------------------------------------------
// 居民身份证号码 (GB 11643-1999)
// ---------------------------------------------------------------------------

/// ISO 7064 MOD 11-2 weights 2^(18-k) mod 11 for positions k = 1..=17.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check characters indexed by the weighted sum mod 11.
const ID_CHECK_CHARS: &str = "10X98765432";

/// Earliest accepted birth year. GB 11643-1999 moved to four-digit years so
/// that people born in the 1800s could be numbered, and its own annex uses
/// 440524188001010014 (born 1880); a floor of 1900 would reject the
/// standard's example.
const ID_MIN_YEAR: u16 = 1800;

/// Latest accepted birth year: only a sanity bound. "Not in the future"
/// needs today's date, which this module cannot read without panicking on
/// `wasm32-unknown-unknown`; callers that know the date should check it.
const ID_MAX_YEAR: u16 = 2100;

/// Sex as encoded in the 17th digit of an ID number (odd = male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Male => "男",
            Self::Female => "女",
        })
    }
}

/// What a valid 18-digit ID number says about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdCard {
    /// Birth year (positions 7–10).
    pub birth_year: u16,
    /// Birth month 1–12 (positions 11–12).
    pub birth_month: u8,
    /// Birth day 1–31 (positions 13–14).
    pub birth_day: u8,
    /// From the parity of position 17.
    pub sex: Sex,
}

/// Why an ID number was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdCardError {
    /// Nothing but whitespace was entered.
    Empty,
    /// A full-width character such as `１` or `Ｘ` was typed.
    FullWidth {
        /// The offending full-width character.
        found: char,
    },
    /// A 15-digit number from the first-generation cards.
    OldFifteenDigit,
    /// Neither 18 characters nor an old 15-digit number.
    WrongLength {
        /// Number of characters entered.
        len: usize,
    },
    /// One of the first 17 characters is not a digit.
    NotDigit {
        /// The offending character.
        found: char,
        /// Its 1-based position.
        position: usize,
    },
    /// The 18th character is neither a digit nor `X`.
    InvalidCheckChar {
        /// The offending character.
        found: char,
    },
    /// Positions 7–14 are not a calendar date.
    InvalidBirthDate {
        /// Year as written.
        year: u16,
        /// Month as written.
        month: u8,
        /// Day as written.
        day: u8,
    },
    /// The birth year lies outside 1800–2100.
    BirthYearOutOfRange {
        /// Year as written.
        year: u16,
    },
    /// The 18th character does not match the checksum of the first 17.
    CheckChar {
        /// The check character the first 17 digits require.
        expected: char,
        /// The check character entered (upper-cased).
        found: char,
    },
}

impl fmt::Display for IdCardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("身份证号码未填写，请填写 18 位居民身份证号码"),
            Self::FullWidth { found } => write!(f, "身份证号码{}", FullWidthAdvice(*found)),
            Self::OldFifteenDigit => f.write_str(
                "这是 15 位的旧版身份证号码，请改填现行的 18 位身份证号码（见第二代居民身份证或户口簿）",
            ),
            Self::WrongLength { len } => write!(
                f,
                "身份证号码应为 18 位，实际为 {len} 位，请核对是否多填、漏填或夹有空格"
            ),
            Self::NotDigit { found, position } => write!(
                f,
                "身份证号码第 {position} 位为{}，前 17 位只能是数字，请核对",
                Shown(*found)
            ),
            Self::InvalidCheckChar { found } => write!(
                f,
                "身份证号码第 18 位为{}，只能是数字或字母 X，请核对",
                Shown(*found)
            ),
            Self::InvalidBirthDate { year, month, day } => write!(
                f,
                "身份证号码第 7–14 位表示的出生日期 {year:04}年{month:02}月{day:02}日 不存在，请核对号码"
            ),
            Self::BirthYearOutOfRange { year } => write!(
                f,
                "身份证号码第 7–10 位表示的出生年份 {year:04} 年不在 {ID_MIN_YEAR}–{ID_MAX_YEAR} 年之间，请核对号码"
            ),
            Self::CheckChar { expected, found } => write!(
                f,
                "身份证号码第 18 位校验码应为 {expected}，实际为 {found}，请逐位核对号码（任何一位填错都会导致校验不符）"
            ),
        }
    }
}

impl std::error::Error for IdCardError {}

fn fold_digits(ds: &[u32]) -> u32 {
    ds.iter()
        .fold(0u32, |acc, &d| acc.saturating_mul(10).saturating_add(d))
}

/// Parses an 18-character 居民身份证号码 (GB 11643-1999): 17 digits and an
/// ISO 7064 MOD 11-2 check character (digit or `X`, lower-case `x`
/// accepted). The birth date must exist in the calendar and fall in
/// 1800–2100: the floor is 1800, not 1900, because the standard's own
/// example 440524188001010014 was born in 1880; there is no "not in the
/// future" check because today's date cannot be read on
/// `wasm32-unknown-unknown` without panicking, so callers that know it
/// should compare.
///
/// Old 15-digit numbers are refused rather than converted: the conversion
/// has to assume the 19xx century, and the form must carry the number as
/// printed on the current card.
pub fn parse_id_card(s: &str) -> Result<IdCard, IdCardError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(IdCardError::Empty);
    }
    if let Some(found) = find_full_width(s) {
        return Err(IdCardError::FullWidth { found });
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
        return Err(IdCardError::OldFifteenDigit);
    }
    if chars.len() != 18 {
        return Err(IdCardError::WrongLength { len: chars.len() });
    }
    let Some((&last, body)) = chars.split_last() else {
        return Err(IdCardError::Empty);
    };
    let mut digits = Vec::with_capacity(17);
    for (i, &c) in body.iter().enumerate() {
        let d = c.to_digit(10).ok_or(IdCardError::NotDigit {
            found: c,
            position: i + 1,
        })?;
        digits.push(d);
    }
    let found = last.to_ascii_uppercase();
    if !(found.is_ascii_digit() || found == 'X') {
        return Err(IdCardError::InvalidCheckChar { found: last });
    }

    // At most four decimal digits, so the conversions cannot fail; the
    // fallbacks only keep the code panic-free.
    let year = u16::try_from(fold_digits(digits.get(6..10).unwrap_or_default())).unwrap_or(0);
    let month = u8::try_from(fold_digits(digits.get(10..12).unwrap_or_default())).unwrap_or(0);
    let day = u8::try_from(fold_digits(digits.get(12..14).unwrap_or_default())).unwrap_or(0);
    if !is_real_date(year, month, day) {
        return Err(IdCardError::InvalidBirthDate { year, month, day });
    }
    if !(ID_MIN_YEAR..=ID_MAX_YEAR).contains(&year) {
        return Err(IdCardError::BirthYearOutOfRange { year });
    }

    let sum: u32 = digits.iter().zip(ID_WEIGHTS).map(|(&d, w)| d * w).sum();
    let expected = usize::try_from(sum % 11)
        .ok()
        .and_then(|i| ID_CHECK_CHARS.chars().nth(i))
        .unwrap_or('?');
    if expected != found {
        return Err(IdCardError::CheckChar { expected, found });
    }

    let sex = match digits.get(16) {
        Some(d) if d % 2 == 1 => Sex::Male,
        _ => Sex::Female,
    };
    Ok(IdCard {
        birth_year: year,
        birth_month: month,
        birth_day: day,
        sex,
    })
}

/// A disagreement between an ID number and other fields of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdMismatch {
    /// The birth year and month encoded in the ID differ from those entered.
    BirthYearMonth {
        /// `(year, month)` from the ID number.
        from_id: (u16, u8),
        /// `(year, month)` entered in the form.
        entered: (u16, u8),
    },
    /// The sex encoded in the ID differs from the one entered.
    Sex {
        /// Sex from the ID number.
        from_id: Sex,
        /// Sex entered in the form.
        entered: Sex,
    },
}

impl fmt::Display for IdMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BirthYearMonth {
                from_id: (iy, im),
                entered: (ey, em),
            } => write!(
                f,
                "身份证号码中的出生年月为 {iy:04}年{im:02}月，与所填出生年月 {ey:04}年{em:02}月 不一致，请核对身份证号码或出生年月"
            ),
            Self::Sex { from_id, entered } => write!(
                f,
                "身份证号码第 17 位表示性别为“{from_id}”，与所填性别“{entered}”不一致，请核对身份证号码或性别"
            ),
        }
    }
}

/// Compares a parsed ID with the birth year-month and sex entered elsewhere
/// on the form; `None` means the field is blank and is not compared.
/// Returns every disagreement (empty when consistent).
pub fn check_id_agrees(
    card: &IdCard,
    birth_year_month: Option<(u16, u8)>,
    sex: Option<Sex>,
) -> Vec<IdMismatch> {
    let mut out = Vec::new();
    let from_id = (card.birth_year, card.birth_month);
    if let Some(entered) = birth_year_month {
        if entered != from_id {
            out.push(IdMismatch::BirthYearMonth { from_id, entered });
        }
    }
    if let Some(entered) = sex {
        if entered != card.sex {
            out.push(IdMismatch::Sex {
                from_id: card.sex,
                entered,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// A run of ASCII digits or a single other character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Num(&'a str),
    Sep(char),
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
        } else {
            if let Some(st) = start.take() {
                toks.push(Tok::Num(s.get(st..i).unwrap_or_default()));
            }
            toks.push(Tok::Sep(c));
        }
    }
    if let Some(st) = start {
        toks.push(Tok::Num(s.get(st..).unwrap_or_default()));
    }
    toks
}

fn parse_year(s: &str) -> Option<u16> {
    if s.len() != 4 {
        return None;
    }
    s.parse().ok().filter(|&y| y >= 1)
}

fn parse_month_or_day(s: &str) -> Option<u8> {
    if !(1..=2).contains(&s.len()) {
        return None;
    }
    s.parse().ok()
}

/// Parses a year and month written as `2011-07`, `2011-7`, `2011.07`,
/// `2011/07`, `2011年7月` (the `月` may be left off) or `201107`.
/// The year must have four digits and the month must be 1–12.
pub fn parse_year_month(s: &str) -> Option<(u16, u8)> {
    let toks = tokenize(s.trim());
    let (y, m) = match toks.as_slice() {
        [Tok::Num(ym)] if ym.len() == 6 => (ym.get(..4)?, ym.get(4..)?),
        [Tok::Num(y), Tok::Sep('-' | '.' | '/'), Tok::Num(m)]
        | [Tok::Num(y), Tok::Sep('年'), Tok::Num(m)]
        | [Tok::Num(y), Tok::Sep('年'), Tok::Num(m), Tok::Sep('月')] => (*y, *m),
        _ => return None,
    };
    let year = parse_year(y)?;
    let month = parse_month_or_day(m)?;
    (1..=12).contains(&month).then_some((year, month))
}

/// Parses a calendar date written as `2011-07-08`, `2011/7/8`, `2011.7.8`,
/// `2011年7月8日` (the `日` may be left off) or `20110708`. Both separators
/// must be the same, the year must have four digits and the date must exist
/// (2000-02-29 does, 1900-02-29 does not).
pub fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let toks = tokenize(s.trim());
    let (y, m, d) = match toks.as_slice() {
        [Tok::Num(ymd)] if ymd.len() == 8 => (ymd.get(..4)?, ymd.get(4..6)?, ymd.get(6..)?),
        [Tok::Num(y), Tok::Sep(a @ ('-' | '.' | '/')), Tok::Num(m), Tok::Sep(b), Tok::Num(d)]
            if a == b =>
        {
            (*y, *m, *d)
        }
        [Tok::Num(y), Tok::Sep('年'), Tok::Num(m), Tok::Sep('月'), Tok::Num(d)]
        | [Tok::Num(y), Tok::Sep('年'), Tok::Num(m), Tok::Sep('月'), Tok::Num(d), Tok::Sep('日')] => {
            (*y, *m, *d)
        }
        _ => return None,
    };
    let year = parse_year(y)?;
    let month = parse_month_or_day(m)?;
    let day = parse_month_or_day(d)?;
    is_real_date(year, month, day).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    // ----- char_count -----------------------------------------------------

    #[test]
    fn char_count_counts_characters_not_bytes() {
        assert_eq!(char_count("江苏省"), 3);
        assert_eq!("江苏省".len(), 9);
        assert_eq!(char_count(""), 0);
        assert_eq!(char_count("a\nb"), 3);
        assert_eq!(char_count("\r\n"), 2);
        assert_eq!(char_count("😀"), 1);
        assert_eq!(char_count(" 江苏 "), 4);
    }

    // ----- full width -----------------------------------------------------

    #[test]
    fn full_width_maps_to_half_width() {
        assert_eq!(half_width_of('０'), Some('0'));
        assert_eq!(half_width_of('９'), Some('9'));
        assert_eq!(half_width_of('－'), Some('-'));
        assert_eq!(half_width_of('Ｘ'), Some('X'));
        assert_eq!(half_width_of('＠'), Some('@'));
        assert_eq!(half_width_of('0'), None);
        assert_eq!(half_width_of('江'), None);
        let msg = PostcodeError::FullWidth { found: '２' }.to_string();
        assert!(msg.contains("全角") && msg.contains("“2”"), "{msg}");
    }

    // ----- postcode -------------------------------------------------------

    #[test]
    fn postcode_accepts_six_digits() {
        // 210000 南京市, 213000 常州市, 221000 徐州市: published postal codes.
        assert_eq!(check_postcode("210000"), Ok(()));
        assert_eq!(check_postcode(" 213000\n"), Ok(()));
        assert_eq!(check_postcode("221000"), Ok(()));
    }

    #[test]
    fn postcode_rejections() {
        assert_eq!(check_postcode(""), Err(PostcodeError::Empty));
        assert_eq!(check_postcode("   "), Err(PostcodeError::Empty));
        assert_eq!(
            check_postcode("21000"),
            Err(PostcodeError::WrongLength { len: 5 })
        );
        assert_eq!(
            check_postcode("2130001"),
            Err(PostcodeError::WrongLength { len: 7 })
        );
        assert_eq!(
            check_postcode("21O000"),
            Err(PostcodeError::NotDigit {
                found: 'O',
                position: 3
            })
        );
        assert_eq!(
            check_postcode("２１００００"),
            Err(PostcodeError::FullWidth { found: '２' })
        );
    }

    #[test]
    fn jiangsu_postcodes() {
        assert!(is_jiangsu_postcode("210000")); // 南京
        assert!(is_jiangsu_postcode("221000")); // 徐州
        assert!(is_jiangsu_postcode(" 226000 ")); // 南通
        assert!(!is_jiangsu_postcode("200000")); // 上海
        assert!(!is_jiangsu_postcode("230000")); // 合肥
        assert!(!is_jiangsu_postcode("21000"));
        assert!(!is_jiangsu_postcode("21000x"));
    }

    // ----- phone ----------------------------------------------------------

    #[test]
    fn landlines_accepted() {
        // Formats from the brief (Nanjing 025, Changzhou 0519).
        for s in [
            "025-83231032",
            "0519-86681391-8003",
            "0519-86681391转8003",
            "(025)83231032",
            "(025) 83231032",
            "(0519)86681391-8003",
            "025 83231032",
            "0519-8668139",
            "0519-86681391 转 8003",
            "0519-86681391ext8003",
            "0519-86681391 EXT 8003",
            "0519-86681391x8003",
            " 025-83231032 ",
        ] {
            assert_eq!(check_phone(s), Ok(PhoneKind::Landline), "{s}");
        }
    }

    #[test]
    fn mobiles_accepted() {
        for s in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+8613812345678",
            "+86 138 1234 5678",
            "+86-138-1234-5678",
            "8613812345678",
            "86 13812345678",
            "19912345678",
        ] {
            assert_eq!(check_phone(s), Ok(PhoneKind::Mobile), "{s}");
        }
    }

    #[test]
    fn phone_rejections() {
        use PhoneError::*;
        let cases: &[(&str, PhoneError)] = &[
            ("", Empty),
            ("12345", MobileLength { digits: 5 }),
            ("025-123", LocalLength { len: 3 }),
            ("20000000000", MobileStart { first: '2' }),
            ("12812345678", MobileSecondDigit { second: '2' }),
            ("1381234567", MobileLength { digits: 10 }),
            ("1381 234 5678", MobileGrouping),
            ("138--1234-5678", MobileGrouping),
            ("83231032", MissingAreaCode),
            ("02583231032", MissingSeparator),
            ("025/83231032", InvalidChar { found: '/' }),
            ("(025 83231032", UnclosedParen),
            (
                "0025-83231032",
                AreaCode {
                    area: "0025".into(),
                },
            ),
            ("02-83231032", AreaCode { area: "02".into() }),
            ("(25)83231032", AreaCode { area: "25".into() }),
            ("025-03231032", LocalStart { first: '0' }),
            ("025-13231032", LocalStart { first: '1' }),
            ("025-832310321", LocalLength { len: 9 }),
            ("0519-86681391-1234567", Extension),
            ("0519-86681391转", Extension),
            ("0519-86681391 8003", Extension),
            ("+1 2025550123", CountryCode),
            ("０２５-83231032", FullWidth { found: '０' }),
            ("025－83231032", FullWidth { found: '－' }),
            ("025—83231032", InvalidChar { found: '—' }),
            ("电话13812345678", InvalidChar { found: '电' }),
        ];
        for (s, want) in cases {
            assert_eq!(check_phone(s).as_ref(), Err(want), "{s}");
        }
    }

    // ----- email ----------------------------------------------------------

    #[test]
    fn emails_accepted() {
        // jsaq2007@126.com is the contact address given in the brief.
        for s in [
            "jsaq2007@126.com",
            " jsaq2007@126.com ",
            "first.last+tag@mail.example.com.cn",
            "a_b-c@sub-domain.example.org",
            "JSAQ2007@126.COM",
        ] {
            assert_eq!(check_email(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn email_rejections() {
        use EmailError::*;
        let long_local = format!("{}@126.com", "a".repeat(65));
        let long_label = format!("a@{}.com", "b".repeat(64));
        let too_long = format!("a@{}.com", "b.".repeat(130));
        let cases: Vec<(&str, EmailError)> = vec![
            ("", Empty),
            ("jsaq2007126.com", MissingAt),
            ("a@b@c.com", MultipleAt { count: 2 }),
            ("@126.com", EmptyLocal),
            ("jsaq2007@", EmptyDomain),
            (
                "jsaq2007@126",
                DomainNoDot {
                    domain: "126".into(),
                },
            ),
            ("jsaq2007@126..com", DomainEmptyLabel),
            ("jsaq2007@.126.com", DomainEmptyLabel),
            ("jsaq2007@126.com.", DomainEmptyLabel),
            (
                "jsaq2007@-126.com",
                DomainLabelHyphen {
                    label: "-126".into(),
                },
            ),
            ("jsaq2007@126.c", InvalidTld { tld: "c".into() }),
            ("jsaq2007@126.c0m", InvalidTld { tld: "c0m".into() }),
            ("张三@126.com", LocalInvalidChar { found: '张' }),
            ("a b@126.com", LocalInvalidChar { found: ' ' }),
            ("jsaq2007@126。com", DomainInvalidChar { found: '。' }),
            ("jsaq2007@126,com", DomainInvalidChar { found: ',' }),
            (".a@126.com", LocalDot),
            ("a.@126.com", LocalDot),
            ("a..b@126.com", LocalDot),
            ("jsaq2007＠126.com", FullWidth { found: '＠' }),
            (&long_local, LocalTooLong { len: 65 }),
            (&long_label, DomainLabelTooLong { len: 64 }),
            (&too_long, TooLong { len: 266 }),
        ];
        for (s, want) in &cases {
            assert_eq!(check_email(s).as_ref(), Err(want), "{s}");
        }
    }

    // ----- USCC -----------------------------------------------------------

    #[test]
    fn uscc_weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for &expected in &USCC_WEIGHTS {
            assert_eq!(expected, w);
            w = w * 3 % 31;
        }
        assert_eq!(USCC_CHARSET.chars().count(), 31);
        assert!(!USCC_CHARSET.contains(['I', 'O', 'Z', 'S', 'V']));
    }

    // 91350100M000100Y43: the worked example printed in GB 32100-2015.
    // 914403001922038216: published code of 华为技术有限公司.
    // 9144030071526726XG: published code of 深圳市腾讯计算机系统有限公司.
    // 91330100716105852F: 阿里巴巴（中国）网络技术有限公司, as listed by
    //   several unrelated public sources. None of these were re-checked
    //   against the official registry; the checksums were verified here.
    const REAL_USCCS: [&str; 4] = [
        "91350100M000100Y43",
        "914403001922038216",
        "9144030071526726XG",
        "91330100716105852F",
    ];

    #[test]
    fn uscc_real_examples_pass() {
        for s in REAL_USCCS {
            assert_eq!(check_uscc(s), Ok(()), "{s}");
        }
        assert_eq!(check_uscc(" 9144030071526726xg "), Ok(()));
    }

    #[test]
    fn uscc_every_single_substitution_is_caught() {
        // 31 is prime and no weight is 0 mod 31, so changing any one of the
        // 17 body characters must change the required check character.
        for s in REAL_USCCS {
            let chars: Vec<char> = s.chars().collect();
            for pos in 0..17 {
                for c in USCC_CHARSET.chars() {
                    if c == chars[pos] {
                        continue;
                    }
                    let mut m = chars.clone();
                    m[pos] = c;
                    let m: String = m.into_iter().collect();
                    assert!(
                        matches!(check_uscc(&m), Err(UsccError::CheckChar { .. })),
                        "{m}"
                    );
                }
            }
        }
    }

    #[test]
    fn uscc_rejections() {
        use UsccError::*;
        assert_eq!(check_uscc(""), Err(Empty));
        assert_eq!(
            check_uscc("91350100M000100Y42"),
            Err(CheckChar {
                expected: '3',
                found: '2'
            })
        );
        assert_eq!(
            check_uscc("91350100M000100Y4"),
            Err(WrongLength { len: 17 })
        );
        assert_eq!(
            check_uscc("91350100M000100Y433"),
            Err(WrongLength { len: 19 })
        );
        assert_eq!(
            check_uscc("9135010OM000100Y43"),
            Err(InvalidChar {
                found: 'O',
                position: 8
            })
        );
        assert_eq!(
            check_uscc("91350100M000100I43"),
            Err(InvalidChar {
                found: 'I',
                position: 16
            })
        );
        assert_eq!(
            check_uscc("9135 100M000100Y43"),
            Err(InvalidChar {
                found: ' ',
                position: 5
            })
        );
        assert_eq!(
            check_uscc("９1350100M000100Y43"),
            Err(FullWidth { found: '９' })
        );
        let msg = check_uscc("91350100M000100Y42").unwrap_err().to_string();
        assert!(msg.contains("应为 3") && msg.contains("实际为 2"), "{msg}");
        let msg = check_uscc("91350100M000100I43").unwrap_err().to_string();
        assert!(msg.contains("“1”"), "{msg}");
    }

    #[test]
    fn uscc_embedded_org_codes() {
        assert_eq!(
            uscc_embedded_org_code("914403001922038216").as_deref(),
            Some("19220382-1")
        );
        assert_eq!(
            uscc_embedded_org_code("9144030071526726XG").as_deref(),
            Some("71526726-X")
        );
        assert_eq!(
            uscc_embedded_org_code("91350100M000100Y43").as_deref(),
            Some("M000100Y-4")
        );
        assert_eq!(uscc_embedded_org_code("91350100M000100Y42"), None);
        // The three real codes also carry valid GB 11714 codes.
        for s in REAL_USCCS {
            let org = uscc_embedded_org_code(s).unwrap();
            assert_eq!(check_org_code(&org), Ok(()), "{org}");
        }
    }

    // ----- organisation code ----------------------------------------------

    #[test]
    fn org_codes_accepted() {
        // Taken from positions 9–17 of the real USCCs above.
        for s in [
            "19220382-1",
            "192203821",
            "71526726-X",
            "71526726-x",
            "M000100Y-4",
            " M000100Y4 ",
            // Widely repeated as a sample code online; origin not verified,
            // but its checksum holds.
            "D2143569-X",
        ] {
            assert_eq!(check_org_code(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn org_code_rejections() {
        use OrgCodeError::*;
        let cases: &[(&str, OrgCodeError)] = &[
            ("", Empty),
            (
                "19220382-2",
                CheckChar {
                    expected: '1',
                    found: '2',
                },
            ),
            (
                "71526726-0",
                CheckChar {
                    expected: 'X',
                    found: '0',
                },
            ),
            ("19220382", WrongLength { len: 8 }),
            ("19220382-12", WrongLength { len: 10 }),
            ("1922038-21", MisplacedHyphen),
            ("19220382--1", MisplacedHyphen),
            ("1922-0382-1", MisplacedHyphen),
            (
                "1922038#-1",
                InvalidChar {
                    found: '#',
                    position: 8,
                },
            ),
            (
                "19220382-Y",
                InvalidChar {
                    found: 'Y',
                    position: 9,
                },
            ),
            ("19220382－1", FullWidth { found: '－' }),
        ];
        for (s, want) in cases {
            assert_eq!(check_org_code(s).as_ref(), Err(want), "{s}");
        }
    }

    #[test]
    fn org_code_hyphen_rules() {
        // Two hyphens with nine other characters.
        assert_eq!(
            check_org_code("1922038-2-1"),
            Err(OrgCodeError::MisplacedHyphen)
        );
        // Wrong check digit in every position.
        for c in "023456789X".chars() {
            let s = format!("19220382-{c}");
            assert!(
                matches!(check_org_code(&s), Err(OrgCodeError::CheckChar { .. })),
                "{s}"
            );
        }
    }

    // ----- ID card --------------------------------------------------------

    /// Appends the MOD 11-2 check character, computed independently of the
    /// code under test: weight of position k is 2^(18-k) mod 11 and the
    /// check value c (X = 10) satisfies (sum + c) mod 11 == 1.
    fn with_check(body: &str) -> String {
        assert_eq!(body.len(), 17);
        let mut sum = 0u64;
        for (k, ch) in body.chars().enumerate() {
            let weight = (1u64 << (17 - k)) % 11;
            sum += weight * u64::from(ch.to_digit(10).unwrap());
        }
        let c = (12 - sum % 11) % 11;
        let check = if c == 10 {
            'X'
        } else {
            char::from_digit(c as u32, 10).unwrap()
        };
        format!("{body}{check}")
    }

    #[test]
    fn id_weights_match_mod_11_2() {
        for (k, &w) in ID_WEIGHTS.iter().enumerate() {
            assert_eq!(u64::from(w), (1u64 << (17 - k)) % 11);
        }
    }

    #[test]
    fn id_standard_examples() {
        // GB 11643-1999 Annex A: 北京市朝阳区, female, born 1949-12-31.
        assert_eq!(
            parse_id_card("11010519491231002X"),
            Ok(IdCard {
                birth_year: 1949,
                birth_month: 12,
                birth_day: 31,
                sex: Sex::Female
            })
        );
        assert_eq!(with_check("11010519491231002"), "11010519491231002X");
        assert!(parse_id_card(" 11010519491231002x ").is_ok());
        // GB 11643-1999 Annex A: 广东省 (440524), male, born 1880-01-01.
        assert_eq!(
            parse_id_card("440524188001010014"),
            Ok(IdCard {
                birth_year: 1880,
                birth_month: 1,
                birth_day: 1,
                sex: Sex::Male
            })
        );
        assert_eq!(with_check("44052418800101001"), "440524188001010014");
    }

    #[test]
    fn id_every_wrong_check_char_is_reported() {
        for wrong in "0123456789".chars() {
            let s = format!("11010519491231002{wrong}");
            assert_eq!(
                parse_id_card(&s),
                Err(IdCardError::CheckChar {
                    expected: 'X',
                    found: wrong
                }),
                "{s}"
            );
        }
        for wrong in "0123456789X".chars().filter(|&c| c != '4') {
            let s = format!("44052418800101001{wrong}");
            assert_eq!(
                parse_id_card(&s),
                Err(IdCardError::CheckChar {
                    expected: '4',
                    found: wrong
                }),
                "{s}"
            );
        }
        let msg = parse_id_card("110105194912310025").unwrap_err().to_string();
        assert!(
            msg.contains("第 18 位校验码应为 X，实际为 5，请逐位核对号码"),
            "{msg}"
        );
    }

    #[test]
    fn id_dates() {
        use IdCardError::*;
        assert_eq!(
            parse_id_card(&with_check("11010519490230002")),
            Err(InvalidBirthDate {
                year: 1949,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            parse_id_card(&with_check("11010519491301002")),
            Err(InvalidBirthDate {
                year: 1949,
                month: 13,
                day: 1
            })
        );
        assert_eq!(
            parse_id_card(&with_check("11010519490100002")),
            Err(InvalidBirthDate {
                year: 1949,
                month: 1,
                day: 0
            })
        );
        // 1900 is not a leap year (divisible by 100, not by 400); 2000 is.
        assert_eq!(
            parse_id_card(&with_check("11010519000229002")),
            Err(InvalidBirthDate {
                year: 1900,
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            parse_id_card(&with_check("11010520000229002")).map(|c| c.birth_day),
            Ok(29)
        );
        assert_eq!(
            parse_id_card(&with_check("11010517991231002")),
            Err(BirthYearOutOfRange { year: 1799 })
        );
        assert_eq!(
            parse_id_card(&with_check("11010521010101002")),
            Err(BirthYearOutOfRange { year: 2101 })
        );
        assert!(parse_id_card(&with_check("11010518000101002")).is_ok());
        assert!(parse_id_card(&with_check("11010521001231002")).is_ok());
        let msg = parse_id_card(&with_check("11010519490230002"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("1949年02月30日 不存在"), "{msg}");
    }

    #[test]
    fn id_format_rejections() {
        use IdCardError::*;
        assert_eq!(parse_id_card(""), Err(Empty));
        // The 15-digit form of the standard's example (pre-1999 layout).
        assert_eq!(parse_id_card("110105491231002"), Err(OldFifteenDigit));
        assert_eq!(
            parse_id_card("11010519491231002"),
            Err(WrongLength { len: 17 })
        );
        assert_eq!(
            parse_id_card("11010519491231002X1"),
            Err(WrongLength { len: 19 })
        );
        assert_eq!(
            parse_id_card("11010519491231O02X"),
            Err(NotDigit {
                found: 'O',
                position: 15
            })
        );
        assert_eq!(
            parse_id_card("11010519491231002Y"),
            Err(InvalidCheckChar { found: 'Y' })
        );
        assert_eq!(
            parse_id_card("１1010519491231002X"),
            Err(FullWidth { found: '１' })
        );
        assert_eq!(
            parse_id_card("11010519491231002Ｘ"),
            Err(FullWidth { found: 'Ｘ' })
        );
        assert_eq!(
            parse_id_card("110105 19491231002X"),
            Err(WrongLength { len: 19 })
        );
    }

    #[test]
    fn id_sex_parity() {
        // Same person, sequence 001..=009: odd is male.
        for seq in 1..=9u32 {
            let card = parse_id_card(&with_check(&format!("1101051949123100{seq}"))).unwrap();
            let want = if seq % 2 == 1 { Sex::Male } else { Sex::Female };
            assert_eq!(card.sex, want, "{seq}");
        }
    }

    #[test]
    fn id_agreement() {
        let card = parse_id_card("11010519491231002X").unwrap();
        assert!(check_id_agrees(&card, Some((1949, 12)), Some(Sex::Female)).is_empty());
        assert!(check_id_agrees(&card, None, None).is_empty());
        let m = check_id_agrees(&card, Some((1950, 1)), Some(Sex::Female));
        assert_eq!(
            m,
            vec![IdMismatch::BirthYearMonth {
                from_id: (1949, 12),
                entered: (1950, 1)
            }]
        );
        assert_eq!(
            m[0].to_string(),
            "身份证号码中的出生年月为 1949年12月，与所填出生年月 1950年01月 不一致，请核对身份证号码或出生年月"
        );
        let m = check_id_agrees(&card, Some((1950, 1)), Some(Sex::Male));
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[1],
            IdMismatch::Sex {
                from_id: Sex::Female,
                entered: Sex::Male
            }
        );
        assert!(m[1].to_string().contains("“女”"));
    }

    // ----- dates ----------------------------------------------------------

    #[test]
    fn year_month_formats() {
        for s in [
            "2011-07",
            "2011-7",
            "2011.07",
            "2011/7",
            "2011年7月",
            "2011年07月",
            "2011年7",
            "201107",
            " 2011-07 ",
        ] {
            assert_eq!(parse_year_month(s), Some((2011, 7)), "{s}");
        }
        for s in [
            "",
            "2011",
            "2011-13",
            "2011-0",
            "2011-007",
            "11-07",
            "2011-07-08",
            "2011 07",
            "2011月7年",
            "２０１１-07",
            "0000-01",
            "2011-",
        ] {
            assert_eq!(parse_year_month(s), None, "{s}");
        }
    }

    #[test]
    fn date_formats() {
        for s in [
            "2011-07-08",
            "2011/7/8",
            "2011.07.08",
            "2011年7月8日",
            "2011年07月08日",
            "2011年7月8",
            "20110708",
        ] {
            assert_eq!(parse_date(s), Some((2011, 7, 8)), "{s}");
        }
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date("2012-02-29"), Some((2012, 2, 29)));
        for s in [
            "1900-02-29",
            "2011-02-29",
            "2011-04-31",
            "2011-7-32",
            "2011-13-01",
            "2011-07/08",
            "2011-07",
            "2011年7月8号",
            "2011-07-08-",
            "",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    // ----- robustness -----------------------------------------------------

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const POOL: &[char] = &[
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '0',
        '1',
        '8',
        '6',
        'X',
        'x',
        'A',
        'M',
        'Y',
        'I',
        'O',
        'e',
        't',
        '-',
        '+',
        '(',
        ')',
        ' ',
        '@',
        '.',
        '/',
        '年',
        '月',
        '日',
        '转',
        '江',
        '苏',
        '省',
        'é',
        'ß',
        '😀',
        '０',
        '９',
        '－',
        'Ｘ',
        '＠',
        '（',
        '\u{3000}',
        '\n',
        '\t',
        '\u{0}',
        '\u{FEFF}',
        '\u{10FFFF}',
        '\u{301}',
    ];

    const SEEDS: &[&str] = &[
        "11010519491231002X",
        "440524188001010014",
        "91350100M000100Y43",
        "19220382-1",
        "025-83231032",
        "0519-86681391转8003",
        "(025)83231032",
        "+86 138 1234 5678",
        "jsaq2007@126.com",
        "2011年7月8日",
        "210000",
    ];

    fn exercise(s: &str) {
        let _ = char_count(s);
        let _ = is_jiangsu_postcode(s);
        if let Err(e) = check_postcode(s) {
            assert!(!e.to_string().is_empty());
        }
        if let Err(e) = check_phone(s) {
            assert!(!e.to_string().is_empty());
        }
        if let Err(e) = check_email(s) {
            assert!(!e.to_string().is_empty());
        }
        if let Err(e) = check_uscc(s) {
            assert!(!e.to_string().is_empty());
        }
        if let Some(org) = uscc_embedded_org_code(s) {
            let _ = check_org_code(&org);
        }
        if let Err(e) = check_org_code(s) {
            assert!(!e.to_string().is_empty());
        }
        match parse_id_card(s) {
            Ok(card) => {
                for m in check_id_agrees(&card, parse_year_month(s), Some(Sex::Male)) {
                    assert!(!m.to_string().is_empty());
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        let _ = parse_year_month(s);
        let _ = parse_date(s);
    }

    #[test]
    fn random_input_never_panics() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..100_000 {
            let s: String = if rng.below(2) == 0 {
                let len = rng.below(40);
                (0..len).map(|_| POOL[rng.below(POOL.len())]).collect()
            } else {
                // Mutate a valid value so that deep branches are reached.
                let mut chars: Vec<char> = SEEDS[rng.below(SEEDS.len())].chars().collect();
                for _ in 0..=rng.below(3) {
                    let c = POOL[rng.below(POOL.len())];
                    let at = rng.below(chars.len() + 1);
                    match rng.below(3) {
                        0 => chars.insert(at, c),
                        1 if at < chars.len() => chars[at] = c,
                        _ if at < chars.len() => {
                            chars.remove(at);
                        }
                        _ => chars.push(c),
                    }
                }
                chars.into_iter().collect()
            };
            exercise(&s);
        }
    }

    #[test]
    fn every_error_variant_displays_in_chinese() {
        let c = 'x';
        let messages = [
            PostcodeError::Empty.to_string(),
            PostcodeError::FullWidth { found: '１' }.to_string(),
            PostcodeError::NotDigit {
                found: c,
                position: 1,
            }
            .to_string(),
            PostcodeError::WrongLength { len: 5 }.to_string(),
            PhoneError::Empty.to_string(),
            PhoneError::FullWidth { found: '１' }.to_string(),
            PhoneError::InvalidChar { found: c }.to_string(),
            PhoneError::MissingAreaCode.to_string(),
            PhoneError::MissingSeparator.to_string(),
            PhoneError::UnclosedParen.to_string(),
            PhoneError::AreaCode { area: "1".into() }.to_string(),
            PhoneError::LocalLength { len: 3 }.to_string(),
            PhoneError::LocalStart { first: '0' }.to_string(),
            PhoneError::Extension.to_string(),
            PhoneError::MobileLength { digits: 5 }.to_string(),
            PhoneError::MobileStart { first: '2' }.to_string(),
            PhoneError::MobileSecondDigit { second: '2' }.to_string(),
            PhoneError::MobileGrouping.to_string(),
            PhoneError::CountryCode.to_string(),
            EmailError::Empty.to_string(),
            EmailError::FullWidth { found: '＠' }.to_string(),
            EmailError::TooLong { len: 300 }.to_string(),
            EmailError::MissingAt.to_string(),
            EmailError::MultipleAt { count: 2 }.to_string(),
            EmailError::EmptyLocal.to_string(),
            EmailError::LocalTooLong { len: 65 }.to_string(),
            EmailError::LocalInvalidChar { found: c }.to_string(),
            EmailError::LocalDot.to_string(),
            EmailError::EmptyDomain.to_string(),
            EmailError::DomainInvalidChar { found: c }.to_string(),
            EmailError::DomainNoDot {
                domain: "126".into(),
            }
            .to_string(),
            EmailError::DomainEmptyLabel.to_string(),
            EmailError::DomainLabelHyphen { label: "-a".into() }.to_string(),
            EmailError::DomainLabelTooLong { len: 64 }.to_string(),
            EmailError::InvalidTld { tld: "c".into() }.to_string(),
            UsccError::Empty.to_string(),
            UsccError::FullWidth { found: '１' }.to_string(),
            UsccError::WrongLength { len: 3 }.to_string(),
            UsccError::InvalidChar {
                found: 'S',
                position: 3,
            }
            .to_string(),
            UsccError::InvalidChar {
                found: '#',
                position: 3,
            }
            .to_string(),
            UsccError::CheckChar {
                expected: '3',
                found: '2',
            }
            .to_string(),
            OrgCodeError::Empty.to_string(),
            OrgCodeError::FullWidth { found: '１' }.to_string(),
            OrgCodeError::WrongLength { len: 8 }.to_string(),
            OrgCodeError::MisplacedHyphen.to_string(),
            OrgCodeError::InvalidChar {
                found: c,
                position: 9,
            }
            .to_string(),
            OrgCodeError::InvalidChar {
                found: '#',
                position: 2,
            }
            .to_string(),
            OrgCodeError::CheckChar {
                expected: '1',
                found: '2',
            }
            .to_string(),
            IdCardError::Empty.to_string(),
            IdCardError::FullWidth { found: '１' }.to_string(),
            IdCardError::OldFifteenDigit.to_string(),
            IdCardError::WrongLength { len: 17 }.to_string(),
            IdCardError::NotDigit {
                found: c,
                position: 3,
            }
            .to_string(),
            IdCardError::InvalidCheckChar { found: 'Y' }.to_string(),
            IdCardError::InvalidBirthDate {
                year: 1949,
                month: 2,
                day: 30,
            }
            .to_string(),
            IdCardError::BirthYearOutOfRange { year: 1799 }.to_string(),
            IdCardError::CheckChar {
                expected: 'X',
                found: '5',
            }
            .to_string(),
            IdMismatch::Sex {
                from_id: Sex::Male,
                entered: Sex::Female,
            }
            .to_string(),
        ];
        let without_advice: Vec<&String> = messages.iter().filter(|m| !m.contains('请')).collect();
        assert!(without_advice.is_empty(), "{without_advice:#?}");
        assert_eq!(
            Shown('\t').to_string(),
            "不可见字符（U+0009）",
            "invisible characters are named"
        );
    }
}
