//! The customer survey that team and individual applicants attach as
//! 用户评价调查分析报告 (spec §5–§6): the questionnaire, the responses, reading
//! them from 问卷星 or Excel files, the statistics, and the printable report.
//!
//! Everything here is plain Rust over values and bytes, with no browser
//! types, so it is tested natively and runs unchanged in the app:
//!
//! - [`questionnaire`]: items and rating scale, edited with checks;
//! - [`responses`]: the answers, and the reader for one typed answer;
//! - [`import`]: CSV/XLSX → table → column mapping → responses, all or
//!   nothing;
//! - [`stats`]: per-item figures, the overall index, Cronbach's α, the
//!   sample-size rule, and suggested values for the form;
//! - [`report`] and [`chart`]: the report as one HTML document with inline
//!   SVG charts;
//! - [`grid`]: the keyboard grid's cells and pasted blocks;
//! - [`form`]: who the survey is about and what it fills in the form;
//! - [`saved`]: a draft's survey as stored, with its schema version.

pub mod chart;
pub mod form;
pub mod grid;
pub mod import;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod saved;
pub mod stats;

pub use import::{
    guess_mapping, import, is_legacy_encoded, parse_table, parse_table_with, preview, CellProblem,
    CellReason, FileKind, ImportError, Limits, Mapping, Preview, RowError, Table, TableRow,
};
pub use questionnaire::{Item, Level, Questionnaire, QuestionnaireError};
pub use report::{default_suggestions, report_html, ReportInput};
pub use responses::{parse_answer, read_answer, AnswerError, NumberScale, Response, Responses};
pub use stats::{
    compute, cronbach_alpha, fill_form_fields, sample_rule, ItemStats, SampleRule, SampleStatus,
    SampleTarget, SampleVerdict, Stats,
};

/// A number as people write it: `80`, `65.5`, never `80.0` or `-0`.
pub(crate) fn fmt_number(x: f64) -> String {
    if x == 0.0 {
        "0".to_owned()
    } else {
        format!("{x}")
    }
}

/// `x` rounded half away from zero to `places` decimals and printed with
/// exactly that many (四舍五入, as the form expects), e.g. 96.25 → `96.3`.
pub(crate) fn fmt_fixed(x: f64, places: u8) -> String {
    let factor = 10f64.powi(i32::from(places));
    // The product can land a hair below .5 (96.25 is exact, 0.9625 × 100 is
    // not); nudging by a relative epsilon keeps 四舍五入 honest for values
    // computed from ratios.
    let scaled = x * factor;
    let rounded = (scaled + scaled.signum() * scaled.abs() * 1e-12).round() / factor;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.prec$}", prec = usize::from(places))
}

/// A decimal number: optional `-`, digits with at most one `.`, and an
/// optional exponent (`1.5E-3`, as Excel stores some numbers).
///
/// Hand-written rather than `str::parse::<f64>` because the standard
/// parser brings about 10 KB of tables into the wasm build; for up to 15
/// significant digits and exponents within ±22 the result is the same
/// (both operands of the final multiplication or division are exact, so
/// IEEE rounding makes it the correctly rounded value).
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (number, exponent) = match s.find(['e', 'E']) {
        Some(at) => {
            let (m, e) = s.split_at(at);
            let e = e.get(1..)?;
            let (sign, digits) = match e.strip_prefix(['+', '-']) {
                Some(d) => (if e.starts_with('-') { -1 } else { 1 }, d),
                None => (1, e),
            };
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            (m, sign * digits.parse::<i32>().ok()?)
        }
        None => (s, 0),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut scale = exponent;
    let mut digits = 0;
    for (part, in_fraction) in [(int, false), (frac, true)] {
        for b in part.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            if digits < 18 {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                if mantissa > 0 {
                    digits += 1;
                }
                if in_fraction {
                    scale -= 1;
                }
            } else if !in_fraction {
                // Digits past 18 only scale the integer part.
                scale += 1;
            }
        }
    }
    let m = mantissa as f64;
    let value = match scale {
        0 => m,
        1..=22 => m * 10f64.powi(scale),
        -22..=-1 => m / 10f64.powi(-scale),
        _ => m * 10f64.powi(scale),
    };
    Some(if negative { -value } else { value })
}

/// The shipped questionnaire, for tests across the module.
#[cfg(test)]
pub(crate) fn test_questionnaire() -> Questionnaire {
    let campaign = crate::campaign::builtin().expect("the shipped campaign is valid");
    Questionnaire::from_defaults(&campaign.survey).expect("the defaults are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_written() {
        assert_eq!(fmt_number(80.0), "80");
        assert_eq!(fmt_number(65.5), "65.5");
        assert_eq!(fmt_number(-0.0), "0");
    }

    #[test]
    fn decimals_parse_like_std() {
        for text in [
            "0",
            "80",
            "65.5",
            "0.1",
            "4.9999999999999991",
            "40763.5",
            "1E-3",
            "1.5e+2",
            "-3",
            "123456789012345",
            "0.30000000000000004",
            ".5",
            "5.",
        ] {
            let std: f64 = text.parse().expect("std parses it");
            assert_eq!(parse_decimal(text), Some(std), "{text}");
        }
        for bad in [
            "", ".", "-", "1.2.3", "1e", "e5", "inf", "NaN", "1,5", " 1", "+1", "1e99999",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn fixed_rounds_half_up() {
        assert_eq!(fmt_fixed(96.25, 1), "96.3");
        assert_eq!(fmt_fixed(0.9625 * 100.0, 1), "96.3");
        assert_eq!(fmt_fixed(7.0 / 11.0 * 100.0, 1), "63.6");
        assert_eq!(fmt_fixed(100.0, 1), "100.0");
        assert_eq!(fmt_fixed(-0.04, 1), "0.0");
        assert_eq!(fmt_fixed(68.333_333, 2), "68.33");
    }
}
