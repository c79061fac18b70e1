//! The figures of the survey analysis report: per item the answered count,
//! mean score, distribution and satisfaction rate; the overall index;
//! Cronbach's α; the weakest items; the notice's sample-size rule; and the
//! values they suggest for the form's 用户评价调查 section.
//!
//! Scores are the questionnaire's level scores (0–100), so every mean and
//! the index are on the 0–100 scale of the form. Rates are fractions 0–1
//! here and percentages only when printed.

use crate::campaign::{Campaign, Rule};

use super::questionnaire::{Level, Questionnaire};
use super::responses::Responses;
use super::{fmt_fixed, fmt_number};

/// How many weakest items the report names.
pub const WEAKEST: usize = 3;

/// The figures of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStats {
    /// The item's id.
    pub id: String,
    /// The item's name.
    pub name: String,
    /// Its weight in the overall index.
    pub weight: f64,
    /// How many responses answered it.
    pub answered: usize,
    /// Answers per level, best level first.
    pub distribution: Vec<usize>,
    /// Mean score of those who answered; `None` when nobody did.
    pub mean: Option<f64>,
    /// Share (0–1) of those who answered that chose a satisfied level;
    /// `None` when nobody answered.
    pub satisfaction_rate: Option<f64>,
}

/// The figures of a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// The scale the figures use, best first.
    pub levels: Vec<Level>,
    /// Per item, in questionnaire order.
    pub items: Vec<ItemStats>,
    /// The sample: responses answering at least one item.
    pub n: usize,
    /// Weighted mean of the item means, over items someone answered;
    /// `None` when nobody answered anything or every answered item has
    /// weight 0.
    pub overall_index: Option<f64>,
    /// Names of the items nobody answered, left out of the index (the
    /// report says so).
    pub unanswered_items: Vec<String>,
    /// Answers, over all items, that chose a satisfied level.
    pub satisfied_answers: usize,
    /// Answers over all items.
    pub total_answers: usize,
    /// Responses that answered every item: the ones α is computed over.
    pub complete: usize,
    /// Cronbach's α over the complete responses; see [`cronbach_alpha`].
    pub alpha: Option<f64>,
    /// Indices into `items` of the weakest answered items: lowest mean
    /// first, ties broken by the lower satisfaction rate, then by order;
    /// at most [`WEAKEST`].
    pub weakest: Vec<usize>,
}

impl Stats {
    /// The overall satisfaction rate (0–1): of all answers to all items,
    /// the share choosing a satisfied level (很满意 or 满意). Pooling answers
    /// rather than averaging item rates keeps an item that few answered from
    /// weighing as much as one everybody answered.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        (self.total_answers > 0).then(|| self.satisfied_answers as f64 / self.total_answers as f64)
    }

    /// The weakest items' figures.
    pub fn weakest_items(&self) -> impl Iterator<Item = &ItemStats> + '_ {
        self.weakest.iter().filter_map(|&i| self.items.get(i))
    }
}

/// The figures of `responses` under questionnaire `q`. Responses are first
/// aligned to the questionnaire's items ([`Responses::aligned_to`]), so an
/// edited questionnaire is handled.
pub fn compute(q: &Questionnaire, responses: &Responses) -> Stats {
    let responses = responses.aligned_to(q);
    let levels = q.levels();
    let score = |level: usize| levels.get(level).map(|l| l.score);
    let satisfied = |level: usize| levels.get(level).is_some_and(|l| l.satisfied);

    let rows: Vec<&Vec<Option<usize>>> = responses
        .rows
        .iter()
        .filter(|r| r.is_answered())
        .map(|r| &r.answers)
        .collect();

    let mut items = Vec::with_capacity(q.items().len());
    let (mut satisfied_answers, mut total_answers) = (0, 0);
    for (col, item) in q.items().iter().enumerate() {
        let mut distribution = vec![0usize; levels.len()];
        let (mut answered, mut sum, mut happy) = (0usize, 0.0, 0usize);
        for level in rows.iter().filter_map(|r| r.get(col).copied().flatten()) {
            let (Some(s), Some(slot)) = (score(level), distribution.get_mut(level)) else {
                continue;
            };
            *slot += 1;
            answered += 1;
            sum += s;
            if satisfied(level) {
                happy += 1;
            }
        }
        satisfied_answers += happy;
        total_answers += answered;
        let of_answered = |x: f64| (answered > 0).then(|| x / answered as f64);
        items.push(ItemStats {
            id: item.id.clone(),
            name: item.name.clone(),
            weight: item.weight,
            answered,
            distribution,
            mean: of_answered(sum),
            satisfaction_rate: of_answered(happy as f64),
        });
    }

    let unanswered_items = items
        .iter()
        .filter(|i| i.mean.is_none())
        .map(|i| i.name.clone())
        .collect();
    let (weighted, weights) = items
        .iter()
        .filter_map(|i| i.mean.map(|m| (m * i.weight, i.weight)))
        .fold((0.0, 0.0), |(a, b), (x, w)| (a + x, b + w));
    let overall_index = (weights > 0.0).then(|| weighted / weights);

    let complete_rows: Vec<Vec<f64>> = rows
        .iter()
        .filter_map(|r| {
            r.iter()
                .map(|a| a.and_then(score))
                .collect::<Option<Vec<f64>>>()
        })
        .collect();

    let key = |i: usize| {
        let s = items.get(i);
        (
            s.and_then(|s| s.mean).unwrap_or(f64::INFINITY),
            s.and_then(|s| s.satisfaction_rate).unwrap_or(f64::INFINITY),
        )
    };
    let before = |a: usize, b: usize| {
        let ((ma, ra), (mb, rb)) = (key(a), key(b));
        ma.total_cmp(&mb)
            .then(ra.total_cmp(&rb))
            .then(a.cmp(&b))
            .is_lt()
    };
    // Picking the lowest three by scanning, rather than sorting, keeps the
    // slice-sort code out of the wasm build; there are at most 40 items.
    // The index ends the key, so exact ties keep questionnaire order.
    let mut order: Vec<usize> = Vec::with_capacity(WEAKEST);
    for _ in 0..WEAKEST {
        let next = (0..items.len())
            .filter(|i| !order.contains(i) && items.get(*i).is_some_and(|s| s.mean.is_some()))
            .reduce(|a, b| if before(b, a) { b } else { a });
        match next {
            Some(i) => order.push(i),
            None => break,
        }
    }

    Stats {
        levels: levels.to_vec(),
        n: rows.len(),
        overall_index,
        unanswered_items,
        satisfied_answers,
        total_answers,
        complete: complete_rows.len(),
        alpha: cronbach_alpha(&complete_rows),
        items,
        weakest: order,
    }
}

/// Cronbach's α of `rows` (one row of k item scores per respondent):
/// α = k/(k−1) · (1 − Σσ²ᵢ / σ²ₜ), with sample variances (n − 1) of each
/// item and of the row totals. `None` when k < 2, n < 2, rows differ in
/// length, or the totals do not vary (σ²ₜ = 0, e.g. everyone chose the same
/// level everywhere), where α is undefined.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let n = rows.len();
    let k = rows.first()?.len();
    if k < 2 || n < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let item_var: f64 = (0..k)
        .map(|j| sample_variance(rows.iter().filter_map(|r| r.get(j).copied())))
        .sum();
    let total_var = sample_variance(rows.iter().map(|r| r.iter().sum::<f64>()));
    // Scores are multiples of 0.x on a 0–100 scale, so a variance this small
    // is rounding noise around zero, not spread.
    if total_var.is_nan() || total_var <= 1e-9 {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_var / total_var))
}

/// Sample variance (divisor n − 1) by the two-pass formula, which does not
/// lose precision when values are large relative to their spread.
fn sample_variance(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let (n, sum) = values
        .clone()
        .fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    if n < 2 {
        return 0.0;
    }
    let mean = sum / n as f64;
    values.map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
}

/// A plain-language reading of α for the report.
pub fn alpha_reading(alpha: f64) -> &'static str {
    if alpha >= 0.9 {
        "信度很高，各题目的评价高度一致"
    } else if alpha >= 0.8 {
        "信度良好，问卷结果稳定可靠"
    } else if alpha >= 0.7 {
        "信度可以接受"
    } else if alpha >= 0.6 {
        "信度偏低，结果可作参考，宜结合意见和建议分析"
    } else {
        "信度较低：各题目的评价不够一致，可能因样本较少或题目衡量的方面差异较大，解读时应谨慎"
    }
}

/// The notice's survey rule: with fewer than `everyone_below` service
/// objects in the year, survey all of them; otherwise between `min` and
/// `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleRule {
    /// Below this many service objects, everyone is surveyed.
    pub everyone_below: u32,
    /// The smallest sample otherwise.
    pub min: u32,
    /// The largest sample otherwise.
    pub max: u32,
}

impl Default for SampleRule {
    /// The 2011 notice: fewer than 50 → everyone; otherwise 100–200.
    fn default() -> Self {
        Self {
            everyone_below: 50,
            min: 100,
            max: 200,
        }
    }
}

impl SampleRule {
    /// The rule as the campaign file states it, if it has one.
    pub fn from_campaign(c: &Campaign) -> Option<Self> {
        c.rules.iter().find_map(|r| match r {
            Rule::SampleSize {
                everyone_below,
                min,
                max,
                ..
            } => Some(Self {
                everyone_below: *everyone_below,
                min: *min,
                max: *max,
            }),
            _ => None,
        })
    }

    /// The verdict for a sample of `n` out of `annual_clients`.
    pub fn verdict(&self, annual_clients: u32, n: u32) -> SampleVerdict {
        sample_rule(annual_clients, n, self.everyone_below, self.min, self.max)
    }
}

/// Whether a sample meets the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleStatus {
    /// It does.
    Meets,
    /// It cannot and need not: 50–99 service objects, all surveyed, short of
    /// the 100 minimum; the report should say so (the form warns too).
    MeetsWithNote,
    /// It does not; the form will refuse the final package.
    Fails,
}

/// The sample the rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleTarget {
    /// Everyone: this many.
    Everyone(u32),
    /// Between these, inclusive.
    Range {
        /// The least.
        min: u32,
        /// The most.
        max: u32,
    },
}

/// The sample-size rule applied, with a Chinese explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleVerdict {
    /// Whether the sample meets the rule.
    pub status: SampleStatus,
    /// What the rule asks for.
    pub target: SampleTarget,
    /// One or two sentences for the report and the survey screen.
    pub explanation: String,
}

/// The notice's rule (对年内服务对象少于50个的，应进行全数调查；服务对象较多的，
/// 样本数应在100-200之间), decided as the form's check decides it
/// (`model::validate`): more surveyed than served fails; fewer than
/// `everyone_below` served needs everyone; otherwise `min`–`max`, except
/// that surveying everyone of fewer than `min` meets it with a note.
pub fn sample_rule(
    annual_clients: u32,
    n: u32,
    everyone_below: u32,
    min: u32,
    max: u32,
) -> SampleVerdict {
    let pop = annual_clients;
    let verdict = |status, target, explanation: String| SampleVerdict {
        status,
        target,
        explanation,
    };
    if pop < everyone_below {
        let target = SampleTarget::Everyone(pop);
        return if n == pop {
            verdict(
                SampleStatus::Meets,
                target,
                format!("年服务对象 {pop} 个，少于 {everyone_below} 个，已按要求全数调查，有效样本 {n} 份。"),
            )
        } else if n > pop {
            verdict(
                SampleStatus::Fails,
                target,
                format!("调查样本数（{n}）不能大于年服务对象数（{pop}）：请核对两个数字。"),
            )
        } else {
            verdict(
                SampleStatus::Fails,
                target,
                format!("年服务对象少于 {everyone_below} 个时应全数调查：调查样本数应为 {pop}，现为 {n}。"),
            )
        };
    }
    let target = SampleTarget::Range { min, max };
    if n > pop {
        return verdict(
            SampleStatus::Fails,
            target,
            format!("调查样本数（{n}）不能大于年服务对象数（{pop}）：请核对两个数字。"),
        );
    }
    if (min..=max).contains(&n) {
        return verdict(
            SampleStatus::Meets,
            target,
            format!("年服务对象 {pop} 个，有效样本 {n} 份，符合 {min}–{max} 份的要求。"),
        );
    }
    if pop < min && n == pop {
        return verdict(
            SampleStatus::MeetsWithNote,
            target,
            format!(
                "年服务对象只有 {pop} 个，达不到通知要求的 {min}–{max} 份样本；已全数调查（{n} 份），特此说明。"
            ),
        );
    }
    let hint = if pop < min {
        format!("服务对象不足 {min} 个，请全数调查（{pop} 份）")
    } else if n < min {
        format!("请补充调查至 {min} 份以上")
    } else {
        format!("请从中选取不超过 {max} 份")
    };
    verdict(
        SampleStatus::Fails,
        target,
        format!(
            "年服务对象 {everyone_below} 个及以上时，调查样本数应在 {min} 到 {max} 之间，现为 {n}：{hint}。"
        ),
    )
}

/// The form field with the year's number of service objects.
pub const FIELD_ANNUAL_CLIENTS: &str = "annual_clients";
/// The form field with the number surveyed (调查样本数).
pub const FIELD_SAMPLE_SIZE: &str = "sample_size";
/// The form field with the satisfaction rate in percent (满意率).
pub const FIELD_SATISFACTION_RATE: &str = "satisfaction_rate";

/// Values the survey suggests for the form's 用户评价调查 fields, as
/// `(field id, value)`: 调查样本数 = n; 满意率 = the overall satisfaction rate
/// in percent with one decimal (四舍五入); and 年服务对象数 when the applicant
/// entered it on the survey screen. The field ids are those of the campaign
/// file's `survey` section.
pub fn fill_form_fields(stats: &Stats, annual_clients: Option<u32>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(pop) = annual_clients {
        out.push((FIELD_ANNUAL_CLIENTS.to_owned(), pop.to_string()));
    }
    out.push((FIELD_SAMPLE_SIZE.to_owned(), stats.n.to_string()));
    if let Some(rate) = stats.satisfaction_rate() {
        out.push((
            FIELD_SATISFACTION_RATE.to_owned(),
            fmt_fixed(rate * 100.0, 1),
        ));
    }
    out
}

/// A score for text: one decimal.
pub(crate) fn fmt_score(x: f64) -> String {
    fmt_fixed(x, 1)
}

/// A rate (0–1) as a percentage with one decimal.
pub(crate) fn fmt_rate(x: f64) -> String {
    format!("{}%", fmt_fixed(x * 100.0, 1))
}

/// The scale as text, e.g. 很满意 100、满意 80、….
pub(crate) fn scale_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| format!("{} {}", l.name, fmt_number(l.score)))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::questionnaire::Item;
    use crate::survey::responses::Response;
    use crate::survey::test_questionnaire;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn three_items() -> Questionnaire {
        let item = |id: &str, name: &str, weight: f64| Item {
            id: id.into(),
            name: name.into(),
            weight,
        };
        Questionnaire::new(
            vec![
                item("a", "服务态度", 1.0),
                item("b", "服务及时性", 1.0),
                item("c", "专业技能", 2.0),
            ],
            test_questionnaire().levels().to_vec(),
        )
        .expect("valid")
    }

    fn responses(q: &Questionnaire, rows: &[[Option<usize>; 3]]) -> Responses {
        let mut rs = Responses::new(q);
        for r in rows {
            rs.rows.push(Response {
                answers: r.to_vec(),
                ..Response::default()
            });
        }
        rs
    }

    /// Levels 0–4 score 100/80/60/30/0; 0 and 1 count as satisfied.
    ///
    /// ```text
    ///        A(w1)  B(w1)  C(w2)
    /// r1     100    80     80
    /// r2     80     60     100
    /// r3     80     —      30
    /// r4     0      80     60
    /// r5     —      —      —      (blank: not in the sample)
    /// ```
    /// n = 4.
    /// A: 4 answers, (100+80+80+0)/4 = 65; dist [1,2,0,0,1]; satisfied 3/4.
    /// B: 3 answers, (80+60+80)/3 = 73.333…; dist [0,2,1,0,0]; satisfied 2/3.
    /// C: 4 answers, (80+100+30+60)/4 = 67.5; dist [1,1,1,1,0]; satisfied 2/4.
    /// Index = (1·65 + 1·73.333… + 2·67.5) / 4 = 273.333…/4 = 68.333….
    /// Overall rate = (3+2+2)/(4+3+4) = 7/11.
    /// α over the complete r1, r2, r4 (k = 3):
    ///   A 100,80,0: mean 60, SS 1600+400+3600 = 5600, s² = 2800
    ///   B 80,60,80: mean 73.3, SS 44.4+177.8+44.4 = 266.7, s² = 133.3
    ///   C 80,100,60: mean 80, SS 0+400+400 = 800, s² = 400
    ///   Σs²ᵢ = 10000/3; totals 260,240,140: mean 213.3,
    ///   SS 2177.8+711.1+5377.8 = 8266.7, s²ₜ = 12400/3
    ///   α = 3/2 · (1 − 10000/12400) = 3/2 · 6/31 = 9/31 = 0.290322…
    /// Weakest: A (65) < C (67.5) < B (73.3).
    #[test]
    fn small_dataset_by_hand() {
        let q = three_items();
        let rs = responses(
            &q,
            &[
                [Some(0), Some(1), Some(1)],
                [Some(1), Some(2), Some(0)],
                [Some(1), None, Some(3)],
                [Some(4), Some(1), Some(2)],
                [None, None, None],
            ],
        );
        let s = compute(&q, &rs);
        assert_eq!(s.n, 4);
        let [a, b, c] = [&s.items[0], &s.items[1], &s.items[2]];
        assert_eq!((a.answered, b.answered, c.answered), (4, 3, 4));
        assert_eq!(a.distribution, [1, 2, 0, 0, 1]);
        assert_eq!(b.distribution, [0, 2, 1, 0, 0]);
        assert_eq!(c.distribution, [1, 1, 1, 1, 0]);
        assert!(close(a.mean.unwrap_or_default(), 65.0));
        assert!(close(b.mean.unwrap_or_default(), 220.0 / 3.0));
        assert!(close(c.mean.unwrap_or_default(), 67.5));
        assert!(close(a.satisfaction_rate.unwrap_or_default(), 0.75));
        assert!(close(b.satisfaction_rate.unwrap_or_default(), 2.0 / 3.0));
        assert!(close(c.satisfaction_rate.unwrap_or_default(), 0.5));
        assert!(close(s.overall_index.unwrap_or_default(), 205.0 / 3.0));
        assert!(close(s.satisfaction_rate().unwrap_or_default(), 7.0 / 11.0));
        assert_eq!(s.complete, 3);
        assert!(close(s.alpha.unwrap_or_default(), 9.0 / 31.0));
        assert_eq!(s.weakest, [0, 2, 1]);
        assert!(s.unanswered_items.is_empty());
        assert_eq!(
            fill_form_fields(&s, Some(40)),
            [
                ("annual_clients".to_owned(), "40".to_owned()),
                ("sample_size".to_owned(), "4".to_owned()),
                ("satisfaction_rate".to_owned(), "63.6".to_owned()),
            ]
        );
    }

    #[test]
    fn an_item_nobody_answered_is_skipped_and_named() {
        let q = three_items();
        let rs = responses(&q, &[[Some(0), None, Some(1)], [Some(1), None, Some(1)]]);
        let s = compute(&q, &rs);
        assert_eq!(s.items[1].mean, None);
        assert_eq!(s.items[1].satisfaction_rate, None);
        assert_eq!(s.unanswered_items, ["服务及时性"]);
        // (1·90 + 2·80) / 3
        assert!(close(s.overall_index.unwrap_or_default(), 250.0 / 3.0));
        assert_eq!(s.complete, 0);
        assert_eq!(s.alpha, None);
        assert_eq!(s.weakest, [2, 0], "only answered items are ranked");
    }

    #[test]
    fn no_responses_no_figures() {
        let q = three_items();
        let s = compute(&q, &Responses::new(&q));
        assert_eq!(s.n, 0);
        assert_eq!(s.overall_index, None);
        assert_eq!(s.satisfaction_rate(), None);
        assert_eq!(s.alpha, None);
        assert!(s.weakest.is_empty());
        assert_eq!(s.unanswered_items.len(), 3);
        assert_eq!(
            fill_form_fields(&s, None),
            [("sample_size".to_owned(), "0".to_owned())]
        );
    }

    #[test]
    fn weakest_ties_break_by_satisfaction_rate() {
        // A: 100 and 30 → mean 65, rate 1/2. B: 80 and 50? No level scores
        // 50, so use a scale with it: levels 100/80/65/50/0.
        let mut q = three_items();
        q.set_score(3, 50.0).expect("50 < 60");
        q.set_score(2, 65.0).expect("65 < 80");
        // A: 80, 50 → 65, rate 1/2. B: 65, 65 → 65, rate 0. C: 100, 100.
        let rs = responses(
            &q,
            &[[Some(1), Some(2), Some(0)], [Some(3), Some(2), Some(0)]],
        );
        let s = compute(&q, &rs);
        assert_eq!(s.items[0].mean, Some(65.0));
        assert_eq!(s.items[1].mean, Some(65.0));
        assert_eq!(s.weakest, [1, 0, 2]);
    }

    #[test]
    fn alpha_is_undefined_without_spread_or_items() {
        assert_eq!(cronbach_alpha(&[]), None);
        assert_eq!(cronbach_alpha(&[vec![1.0, 2.0]]), None, "n < 2");
        assert_eq!(cronbach_alpha(&[vec![1.0], vec![2.0]]), None, "k < 2");
        assert_eq!(
            cronbach_alpha(&[vec![80.0, 80.0], vec![80.0, 80.0]]),
            None,
            "no variance"
        );
        assert_eq!(cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]), None, "ragged");
    }

    /// Checked against numpy (2.4):
    /// ```text
    /// python3 -c "
    /// import numpy as np
    /// X=np.array([[4,5,4,3],[3,4,3,3],[5,5,4,4],[2,3,2,2],[4,4,5,4],[3,3,3,2]],dtype=float)
    /// k=X.shape[1]
    /// print(repr(k/(k-1)*(1-X.var(axis=0,ddof=1).sum()/X.sum(axis=1).var(ddof=1))))"
    /// # 0.9375
    /// X=np.array([[100,80,80,60],[80,80,60,60],[60,30,60,30],[100,100,80,100],
    ///             [80,60,80,80],[30,60,30,0],[80,80,100,80]],dtype=float)
    /// # 0.9028400597907323
    /// ```
    #[test]
    fn alpha_matches_numpy() {
        let rows = |m: &[&[f64]]| m.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        let a = cronbach_alpha(&rows(&[
            &[4.0, 5.0, 4.0, 3.0],
            &[3.0, 4.0, 3.0, 3.0],
            &[5.0, 5.0, 4.0, 4.0],
            &[2.0, 3.0, 2.0, 2.0],
            &[4.0, 4.0, 5.0, 4.0],
            &[3.0, 3.0, 3.0, 2.0],
        ]));
        assert!(close(a.unwrap_or_default(), 0.9375), "{a:?}");
        let b = cronbach_alpha(&rows(&[
            &[100.0, 80.0, 80.0, 60.0],
            &[80.0, 80.0, 60.0, 60.0],
            &[60.0, 30.0, 60.0, 30.0],
            &[100.0, 100.0, 80.0, 100.0],
            &[80.0, 60.0, 80.0, 80.0],
            &[30.0, 60.0, 30.0, 0.0],
            &[80.0, 80.0, 100.0, 80.0],
        ]));
        assert!(
            close(b.unwrap_or_default(), 0.902_840_059_790_732_3),
            "{b:?}"
        );
    }

    /// A deterministic 120-row dataset (a 32-bit LCG, a skew towards the
    /// satisfied levels, some skipped answers), checked against figures
    /// computed here by a separate, naive route: running sums per item and
    /// the one-pass variance Σx²/… formula for α.
    #[test]
    fn dataset_of_120_against_a_separate_computation() {
        let mut q = test_questionnaire();
        q.set_weight("overall", 2.0).expect("weight");
        q.set_weight("promise", 0.5).expect("weight");
        let scores = [100.0, 80.0, 60.0, 30.0, 0.0];
        let k = q.items().len();
        let mut seed: u32 = 20_111_017;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            seed >> 8
        };
        let mut rs = Responses::new(&q);
        for _ in 0..120 {
            let answers = (0..k)
                .map(|_| match next() % 100 {
                    0..=4 => None,
                    5..=44 => Some(0),
                    45..=79 => Some(1),
                    80..=91 => Some(2),
                    92..=97 => Some(3),
                    _ => Some(4),
                })
                .collect();
            rs.rows.push(Response {
                answers,
                ..Response::default()
            });
        }
        let s = compute(&q, &rs);

        // Separate computation.
        let n = rs
            .rows
            .iter()
            .filter(|r| r.answers.iter().any(|a| a.is_some()))
            .count();
        assert_eq!(s.n, n);
        let (mut num, mut den, mut sat, mut all) = (0.0, 0.0, 0usize, 0usize);
        for (j, item) in q.items().iter().enumerate() {
            let (mut cnt, mut sum, mut good) = (0usize, 0.0, 0usize);
            for r in &rs.rows {
                if let Some(l) = r.answers[j] {
                    cnt += 1;
                    sum += scores[l];
                    if l <= 1 {
                        good += 1;
                    }
                }
            }
            let mean = sum / cnt as f64;
            assert!(
                close(s.items[j].mean.unwrap_or_default(), mean),
                "{}",
                item.id
            );
            let rate = good as f64 / cnt as f64;
            assert!(close(
                s.items[j].satisfaction_rate.unwrap_or_default(),
                rate
            ));
            assert_eq!(s.items[j].answered, cnt);
            num += item.weight * mean;
            den += item.weight;
            sat += good;
            all += cnt;
        }
        assert!(close(s.overall_index.unwrap_or_default(), num / den));
        assert!(close(
            s.satisfaction_rate().unwrap_or_default(),
            sat as f64 / all as f64
        ));

        let complete: Vec<Vec<f64>> = rs
            .rows
            .iter()
            .filter(|r| r.answers.iter().all(|a| a.is_some()))
            .map(|r| r.answers.iter().map(|a| scores[a.unwrap_or(0)]).collect())
            .collect();
        let m = complete.len() as f64;
        let one_pass = |xs: &mut dyn Iterator<Item = f64>| {
            let (s1, s2) = xs.fold((0.0, 0.0), |(a, b), x| (a + x, b + x * x));
            (s2 - s1 * s1 / m) / (m - 1.0)
        };
        let item_vars: f64 = (0..k)
            .map(|j| one_pass(&mut complete.iter().map(|r| r[j])))
            .sum();
        let total_var = one_pass(&mut complete.iter().map(|r| r.iter().sum::<f64>()));
        let alpha = k as f64 / (k as f64 - 1.0) * (1.0 - item_vars / total_var);
        assert_eq!(s.complete, complete.len());
        assert!(s.complete > 60, "the generator leaves most rows complete");
        assert!(
            close(s.alpha.unwrap_or_default(), alpha),
            "{:?} {alpha}",
            s.alpha
        );
    }

    #[test]
    fn sample_rule_at_its_boundaries() {
        use SampleStatus::*;
        let v = |pop, n| sample_rule(pop, n, 50, 100, 200);
        assert_eq!(v(49, 49).status, Meets);
        assert_eq!(v(49, 49).target, SampleTarget::Everyone(49));
        assert_eq!(v(49, 48).status, Fails);
        assert_eq!(v(49, 50).status, Fails);
        assert_eq!(v(50, 50).status, MeetsWithNote);
        assert_eq!(v(99, 99).status, MeetsWithNote);
        assert_eq!(v(99, 98).status, Fails);
        assert_eq!(v(100, 100).status, Meets);
        assert_eq!(v(1000, 99).status, Fails);
        assert_eq!(v(1000, 200).status, Meets);
        assert_eq!(v(1000, 201).status, Fails);
        assert_eq!(v(150, 160).status, Fails, "more surveyed than served");
        assert_eq!(
            v(1200, 80).explanation,
            "年服务对象 50 个及以上时，调查样本数应在 100 到 200 之间，现为 80：请补充调查至 100 份以上。"
        );
        assert_eq!(
            v(60, 60).explanation,
            "年服务对象只有 60 个，达不到通知要求的 100–200 份样本；已全数调查（60 份），特此说明。"
        );
        assert_eq!(
            v(30, 30).explanation,
            "年服务对象 30 个，少于 50 个，已按要求全数调查，有效样本 30 份。"
        );
    }

    #[test]
    fn rule_and_field_ids_come_from_the_campaign() {
        let c = crate::campaign::builtin().expect("valid");
        assert_eq!(SampleRule::from_campaign(&c), Some(SampleRule::default()));
        let survey = c.section("survey").expect("a survey section");
        for id in [
            FIELD_ANNUAL_CLIENTS,
            FIELD_SAMPLE_SIZE,
            FIELD_SATISFACTION_RATE,
        ] {
            assert!(survey.fields.iter().any(|f| f.id == id), "{id}");
        }
    }
}
