//! The answers collected: one [`Response`] per returned questionnaire, and
//! the reader for one typed or imported answer ([`parse_answer`]).
//!
//! Answers are level indices (0 = the best level) rather than scores, so a
//! later change of the scores re-scores every response without re-entry.
//! A [`Responses`] list records the item ids its answer columns follow, so
//! items can be added, removed or moved after answers were entered
//! ([`Responses::aligned_to`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::questionnaire::{Level, Questionnaire};
use super::{fmt_number, parse_decimal};

/// One returned questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Per item, in the order of [`Responses::item_ids`]: the chosen level's
    /// index (0 = best), or `None` when the respondent skipped it.
    pub answers: Vec<Option<usize>>,
    /// 服务日期, as written by the respondent (free text).
    #[serde(default)]
    pub service_date: String,
    /// 服务项目.
    #[serde(default)]
    pub service_item: String,
    /// 联系方式 (optional).
    #[serde(default)]
    pub contact: String,
    /// 意见和建议.
    #[serde(default)]
    pub comment: String,
}

impl Response {
    /// A response with every item unanswered.
    pub fn blank(items: usize) -> Self {
        Self {
            answers: vec![None; items],
            ..Self::default()
        }
    }

    /// Whether at least one item is answered; only such responses count in
    /// the sample.
    pub fn is_answered(&self) -> bool {
        self.answers.iter().any(Option::is_some)
    }
}

/// The responses of one survey, with the item ids their answers follow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responses {
    /// The item ids, in the order of every [`Response::answers`].
    pub item_ids: Vec<String>,
    /// The responses, in the order entered or imported.
    pub rows: Vec<Response>,
}

impl Responses {
    /// No responses yet, for this questionnaire's items.
    pub fn new(q: &Questionnaire) -> Self {
        Self {
            item_ids: q.items().iter().map(|i| i.id.clone()).collect(),
            rows: Vec::new(),
        }
    }

    /// The same responses with answer columns in the questionnaire's item
    /// order: answers to removed items are dropped, new items are
    /// unanswered, and a level index past the scale (possible only in a
    /// hand-edited draft) becomes unanswered.
    pub fn aligned_to(&self, q: &Questionnaire) -> Responses {
        let from: Vec<Option<usize>> = q
            .items()
            .iter()
            .map(|item| self.item_ids.iter().position(|id| *id == item.id))
            .collect();
        let levels = q.levels().len();
        let rows = self
            .rows
            .iter()
            .map(|r| Response {
                answers: from
                    .iter()
                    .map(|col| {
                        col.and_then(|c| r.answers.get(c).copied().flatten())
                            .filter(|&level| level < levels)
                    })
                    .collect(),
                ..r.clone()
            })
            .collect();
        Responses {
            item_ids: q.items().iter().map(|i| i.id.clone()).collect(),
            rows,
        }
    }

    /// How many responses answer at least one item.
    pub fn answered(&self) -> usize {
        self.rows.iter().filter(|r| r.is_answered()).count()
    }
}

/// How bare numbers in an answer are read. Level names are always
/// understood; numbers depend on where they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberScale {
    /// The keyboard grid's rule: 1 … n pick a level, 1 being the best (the
    /// order the questionnaire prints); any other number is a score, read
    /// only when it names one level and does not also pick another by
    /// position.
    Typed,
    /// 1 … n pick a level, 1 being the best (问卷星 “按选项序号” export of a
    /// question listing 很满意 first).
    #[default]
    BestFirst,
    /// 1 … n pick a level, n being the best (问卷星's 量表题 default, where
    /// 很不满意 = 1 分 and 很满意 = 5 分).
    WorstFirst,
    /// Numbers are the levels' scores, e.g. 100/80/60/30/0.
    Scores,
}

impl NumberScale {
    /// What may be entered, for messages: “可填 1–5（1 = 很满意）、很满意…很不满意
    /// 或对应分数 100/80/60/30/0”.
    pub fn hint(self, levels: &[Level]) -> String {
        let n = levels.len();
        let best = levels.first().map_or("", |l| l.name.as_str());
        let worst = levels.last().map_or("", |l| l.name.as_str());
        let scores = levels
            .iter()
            .map(|l| fmt_number(l.score))
            .collect::<Vec<_>>()
            .join("/");
        match self {
            Self::Typed => {
                format!("可填 1–{n}（1 = {best}）、{best}…{worst} 或对应分数 {scores}")
            }
            Self::BestFirst => format!("可填 1–{n}（1 = {best}）或 {best}…{worst}"),
            Self::WorstFirst => format!("可填 1–{n}（{n} = {best}）或 {best}…{worst}"),
            Self::Scores => format!("可填 {best}…{worst} 或对应分数 {scores}"),
        }
    }
}

/// Why an answer could not be read. `Display` gives the Chinese sentence,
/// with what may be entered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerError {
    /// Neither a level name, a known variant of one, nor a number that
    /// picks a level.
    Unrecognised {
        /// The text as entered.
        input: String,
        /// What may be entered ([`NumberScale::hint`]).
        hint: String,
    },
    /// A number that could be a level's position and another level's score.
    Ambiguous {
        /// The text as entered.
        input: String,
        /// The level it picks by position.
        by_position: String,
        /// The level whose score it is.
        by_score: String,
    },
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unrecognised { input, hint } => write!(f, "“{input}”无法识别，{hint}"),
            Self::Ambiguous {
                input,
                by_position,
                by_score,
            } => write!(
                f,
                "“{input}”既可以是等级序号（{by_position}），也可以是分值（{by_score}）：请填写等级名称"
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

/// Groups of names that mean the same level. A typed or imported name in a
/// group picks the questionnaire level whose name is in the same group.
///
/// Decisions: 非常/十分/特别满意 = 很满意; 比较满意/较满意 = 满意; 基本满意 = 一般
/// (the middle of the common five-level scale 非常满意/满意/基本满意/不满意/
/// 非常不满意 — note it therefore does not count as satisfied); 不太满意/较不满意
/// = 不满意 (the fourth level of 很满意/满意/一般/不太满意/很不满意);
/// 非常/十分/特别/极不满意 = 很不满意.
const VARIANTS: &[&[&str]] = &[
    &["很满意", "非常满意", "十分满意", "特别满意"],
    &["满意", "比较满意", "较满意"],
    &["一般", "基本满意", "一般般", "中立", "还行"],
    &["不满意", "不太满意", "较不满意", "比较不满意", "不大满意"],
    &[
        "很不满意",
        "非常不满意",
        "十分不满意",
        "特别不满意",
        "极不满意",
    ],
];

/// Reads one answer typed into the keyboard grid, by the [`NumberScale::Typed`]
/// rule: the digit 1 … n (1 = the best level, as printed first), the level
/// name or a common variant (非常满意 = 很满意, see [`VARIANTS`]), or the
/// level's score (100/80/60/30/0) when that is unambiguous. Blank means
/// unanswered (`Ok(None)`). Full-width digits and a trailing 分 are accepted.
pub fn parse_answer(q: &Questionnaire, input: &str) -> Result<Option<usize>, AnswerError> {
    read_answer(q.levels(), input, NumberScale::Typed)
}

/// Reads one answer with numbers read by `numbers`.
pub fn read_answer(
    levels: &[Level],
    input: &str,
    numbers: NumberScale,
) -> Result<Option<usize>, AnswerError> {
    let text = normalise(input);
    if text.is_empty() || is_skip_marker(&text, numbers) {
        return Ok(None);
    }
    if let Some(i) = levels.iter().position(|l| normalise(&l.name) == text) {
        return Ok(Some(i));
    }
    if let Some(group) = VARIANTS.iter().find(|g| g.contains(&text.as_str())) {
        let mut hits = levels
            .iter()
            .enumerate()
            .filter(|(_, l)| group.contains(&normalise(&l.name).as_str()));
        if let (Some((i, _)), None) = (hits.next(), hits.next()) {
            return Ok(Some(i));
        }
    }
    let unrecognised = || AnswerError::Unrecognised {
        input: input.trim().to_owned(),
        hint: numbers.hint(levels),
    };
    let number = parse_number(&text).ok_or_else(unrecognised)?;
    let n = levels.len();
    let by_position = (number.fract() == 0.0 && number >= 1.0 && number <= n as f64)
        // Exact: a whole number between 1 and n (at most 9).
        .then_some(number as usize);
    let by_score = || levels.iter().position(|l| l.score == number);
    let found = match numbers {
        NumberScale::BestFirst => by_position.map(|k| k - 1),
        NumberScale::WorstFirst => by_position.map(|k| n - k),
        NumberScale::Scores => by_score(),
        NumberScale::Typed => match (by_position.map(|k| k - 1), by_score()) {
            (Some(a), Some(b)) if a != b => {
                return Err(AnswerError::Ambiguous {
                    input: input.trim().to_owned(),
                    by_position: level_name(levels, a),
                    by_score: level_name(levels, b),
                })
            }
            (Some(a), _) => Some(a),
            (None, b) => b,
        },
    };
    found.map(Some).ok_or_else(unrecognised)
}

/// 问卷星 writes (跳过) for a question the respondent skipped and (空) for
/// an empty one in its text export, and -3 / -2 (跳过 / 未显示) in its
/// numeric exports; all mean “no answer”. The negative codes are read only
/// from files, never from the keyboard grid.
pub fn is_skip_marker(text: &str, numbers: NumberScale) -> bool {
    let t = normalise(text);
    matches!(t.as_str(), "(跳过)" | "(空)" | "跳过")
        || (numbers != NumberScale::Typed && matches!(t.as_str(), "-3" | "-2"))
}

fn level_name(levels: &[Level], i: usize) -> String {
    levels.get(i).map(|l| l.name.clone()).unwrap_or_default()
}

/// Full-width ASCII to ASCII, and no white space at all (Excel cells and
/// typists leave stray spaces inside 很 满意 as well as around it).
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A plain decimal number, optionally followed by 分: digits with at most
/// one point. Refuses what `f64::from_str` would also take (`inf`, `1e2`,
/// `-0`), which no respondent means.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.strip_suffix('分').unwrap_or(s);
    let ok = !s.is_empty()
        && s.len() <= 12
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.chars().filter(|&c| c == '.').count() <= 1
        && s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if ok {
        parse_decimal(s)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::test_questionnaire;

    fn typed(s: &str) -> Result<Option<usize>, AnswerError> {
        parse_answer(&test_questionnaire(), s)
    }

    #[test]
    fn digits_pick_levels_best_first() {
        assert_eq!(typed("1"), Ok(Some(0)));
        assert_eq!(typed("3"), Ok(Some(2)));
        assert_eq!(typed("5"), Ok(Some(4)));
        assert_eq!(typed(" ２ "), Ok(Some(1)), "full-width digit");
    }

    #[test]
    fn names_and_variants() {
        assert_eq!(typed("很满意"), Ok(Some(0)));
        assert_eq!(typed("非常满意"), Ok(Some(0)));
        assert_eq!(typed("满意"), Ok(Some(1)));
        assert_eq!(typed("比较满意"), Ok(Some(1)));
        assert_eq!(typed("一般"), Ok(Some(2)));
        assert_eq!(typed("基本满意"), Ok(Some(2)));
        assert_eq!(typed("不满意"), Ok(Some(3)));
        assert_eq!(typed("不太满意"), Ok(Some(3)));
        assert_eq!(typed("很不满意"), Ok(Some(4)));
        assert_eq!(typed("非常不满意"), Ok(Some(4)));
        assert_eq!(typed("很 满意"), Ok(Some(0)), "inner space");
    }

    #[test]
    fn variants_follow_renamed_levels() {
        let mut q = test_questionnaire();
        q.rename_level(0, "非常满意").expect("rename");
        assert_eq!(parse_answer(&q, "很满意"), Ok(Some(0)));
        assert_eq!(parse_answer(&q, "非常满意"), Ok(Some(0)));
    }

    #[test]
    fn scores_when_unambiguous() {
        assert_eq!(typed("100"), Ok(Some(0)));
        assert_eq!(typed("80"), Ok(Some(1)));
        assert_eq!(typed("60分"), Ok(Some(2)));
        assert_eq!(typed("30.0"), Ok(Some(3)));
        assert_eq!(typed("0"), Ok(Some(4)));
    }

    #[test]
    fn blank_is_unanswered() {
        assert_eq!(typed(""), Ok(None));
        assert_eq!(typed(" \u{3000}\t"), Ok(None));
        assert_eq!(typed("(跳过)"), Ok(None));
        assert_eq!(typed("（空）"), Ok(None), "full-width brackets");
        assert!(typed("-3").is_err(), "a typed -3 is a typo");
        let levels = test_questionnaire().levels().to_vec();
        assert_eq!(
            read_answer(&levels, "-3", NumberScale::WorstFirst),
            Ok(None)
        );
    }

    #[test]
    fn unreadable_answers_are_typed_errors() {
        let err = typed("满意吧").expect_err("refused");
        assert_eq!(
            err.to_string(),
            "“满意吧”无法识别，可填 1–5（1 = 很满意）、很满意…很不满意 或对应分数 100/80/60/30/0"
        );
        for bad in [
            "6",
            "7",
            "85",
            "-1",
            "1e2",
            "inf",
            "NaN",
            "1.5",
            "A",
            "满意满意",
        ] {
            assert!(
                matches!(typed(bad), Err(AnswerError::Unrecognised { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_number_that_is_both_position_and_score_is_refused() {
        // A 5…1 scale: “5” is the fifth level by position and the first by
        // score.
        let mut q = test_questionnaire();
        for (i, s) in [5.0, 4.0, 3.0, 2.0, 1.0].into_iter().enumerate().rev() {
            q.set_score(i, s)
                .expect("scores stay descending when set from the end");
        }
        assert_eq!(
            parse_answer(&q, "5"),
            Err(AnswerError::Ambiguous {
                input: "5".into(),
                by_position: "很不满意".into(),
                by_score: "很满意".into(),
            })
        );
        // “3” is the third level either way.
        assert_eq!(parse_answer(&q, "3"), Ok(Some(2)));
    }

    /// Every combination of a few awkward fragments reads or fails with a
    /// typed error under every number scale, never a panic.
    #[test]
    fn odd_input_does_not_panic() {
        let q = test_questionnaire();
        let parts = [
            "",
            "1",
            "9",
            "0",
            ".",
            "-",
            "分",
            "满意",
            "很",
            "不",
            "（",
            "）",
            "\u{3000}",
            "é",
            "𝟙",
            "１",
            "99999999999999999999",
            "e5",
            "\u{0}",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("{a}{b}{c}");
                    let _ = parse_answer(&q, &text);
                    for scale in [
                        NumberScale::BestFirst,
                        NumberScale::WorstFirst,
                        NumberScale::Scores,
                    ] {
                        let _ = read_answer(q.levels(), &text, scale);
                    }
                }
            }
        }
    }

    #[test]
    fn import_scales() {
        let q = test_questionnaire();
        let levels = q.levels();
        assert_eq!(
            read_answer(levels, "5", NumberScale::WorstFirst),
            Ok(Some(0))
        );
        assert_eq!(
            read_answer(levels, "1", NumberScale::WorstFirst),
            Ok(Some(4))
        );
        assert_eq!(
            read_answer(levels, "1", NumberScale::BestFirst),
            Ok(Some(0))
        );
        assert_eq!(read_answer(levels, "80", NumberScale::Scores), Ok(Some(1)));
        assert!(read_answer(levels, "5", NumberScale::Scores).is_err());
        assert!(read_answer(levels, "80", NumberScale::BestFirst).is_err());
        assert_eq!(
            read_answer(levels, "满意", NumberScale::Scores),
            Ok(Some(1)),
            "names are read whatever the number scale"
        );
    }

    #[test]
    fn aligning_follows_item_edits() {
        let mut q = test_questionnaire();
        let mut rs = Responses::new(&q);
        let mut r = Response::blank(8);
        r.answers[0] = Some(0);
        r.answers[1] = Some(1);
        r.answers[7] = Some(9); // out of the scale: dropped
        r.comment = "好".into();
        rs.rows.push(r);
        q.move_item("timeliness", 0).expect("move");
        q.remove_item("attitude").expect("remove");
        q.add_item("收费").expect("add");
        let a = rs.aligned_to(&q);
        assert_eq!(a.item_ids.len(), 8);
        assert_eq!(a.item_ids[0], "timeliness");
        assert_eq!(a.rows[0].answers[0], Some(1));
        assert_eq!(a.rows[0].answers[6], None, "overall was out of the scale");
        assert_eq!(a.rows[0].answers[7], None, "the new item is unanswered");
        assert_eq!(a.rows[0].comment, "好");
        assert_eq!(a.answered(), 1);
    }
}
