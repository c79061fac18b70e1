//! 用户评价调查分析报告: the survey's analysis as one printable HTML document
//! (A4, inline style and SVG, no script), which the app shows, prints to
//! PDF through the browser, and attaches as the `survey_report` material.
//!
//! Every piece of text that came from the applicant or the campaign file is
//! escaped ([`escape`]); the document has no script and loads nothing.

use super::chart::{distribution_bars, mean_bars};
use super::questionnaire::Questionnaire;
use super::stats::{
    alpha_reading, fmt_rate, fmt_score, scale_text, SampleRule, SampleStatus, Stats,
};

/// The method standards cited when the campaign file names none.
pub const DEFAULT_STANDARDS: [&str; 2] = [
    "GB/T 19038-2009 顾客满意测评模型和方法指南",
    "GB/T 19039-2009 顾客满意测评通则",
];

/// Everything the report states.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The unit (班组 and its 所在单位) or the person, as on the form.
    pub applicant: &'a str,
    /// The award category, e.g. 江苏省用户满意服务明星班组; may be empty.
    pub category: &'a str,
    /// The questionnaire used.
    pub questionnaire: &'a Questionnaire,
    /// Its figures.
    pub stats: &'a Stats,
    /// 年服务对象数, when known.
    pub annual_clients: Option<u32>,
    /// The sample-size rule of the campaign.
    pub rule: SampleRule,
    /// 调查方式, e.g. 现场问卷; may be empty.
    pub method: &'a str,
    /// 调查时间, e.g. 2011年7月—8月; may be empty.
    pub period: &'a str,
    /// The method standards (the campaign's `survey.standards`); empty
    /// means [`DEFAULT_STANDARDS`].
    pub standards: &'a [String],
    /// 改进措施, as the applicant edited it (start from
    /// [`default_suggestions`]); paragraphs separated by line breaks.
    pub suggestions: &'a str,
    /// The report's date, e.g. 2011年9月20日 (passed in: no clock here).
    pub date: &'a str,
}

/// Text made safe for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Paragraphs of escaped text, one per non-empty line.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>", escape(l)))
        .collect()
}

const STYLE: &str = "\
@page{size:A4;margin:20mm 18mm}\
body{font-family:'Noto Serif CJK SC','Source Han Serif SC','SimSun','Songti SC',serif;font-size:11pt;line-height:1.6;color:#000;margin:0 auto;max-width:174mm}\
h1{font-size:18pt;text-align:center;margin:0 0 4pt}\
h2{font-size:13pt;margin:16pt 0 6pt;page-break-after:avoid;break-after:avoid}\
.applicant{text-align:center;font-size:13pt;margin:0}\
.meta{text-align:center;color:#333;margin:2pt 0 12pt}\
table{border-collapse:collapse;width:100%;font-size:9.5pt;page-break-inside:auto}\
th,td{border:0.6pt solid #444;padding:2pt 4pt;vertical-align:top}\
th{background:#eee;font-weight:bold}\
td.n{text-align:right;white-space:nowrap}\
tr{page-break-inside:avoid;break-inside:avoid}\
figure{margin:8pt 0;page-break-inside:avoid;break-inside:avoid}\
figcaption{text-align:center;font-size:9.5pt}\
svg{max-width:100%;height:auto}\
.note{color:#333;font-size:9.5pt}\
";

/// The whole report as one HTML document.
pub fn report_html(input: &ReportInput<'_>) -> String {
    let s = input.stats;
    let q = input.questionnaire;
    let mut h = String::with_capacity(32 * 1024);
    let applicant = escape(input.applicant);
    h.push_str("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!(
        "<title>用户评价调查分析报告 — {applicant}</title><style>{STYLE}</style></head><body>"
    ));
    h.push_str("<h1>用户评价调查分析报告</h1>");
    h.push_str(&format!("<p class=\"applicant\">{applicant}</p>"));
    let mut meta = Vec::new();
    if !input.category.trim().is_empty() {
        meta.push(format!("申报类别：{}", escape(input.category.trim())));
    }
    if !input.date.trim().is_empty() {
        meta.push(format!("报告日期：{}", escape(input.date.trim())));
    }
    h.push_str(&format!("<p class=\"meta\">{}</p>", meta.join("　")));

    // 一、调查方法
    h.push_str("<h2>一、调查方法</h2>");
    let items = q
        .items()
        .iter()
        .map(|i| escape(&i.name))
        .collect::<Vec<_>>()
        .join("、");
    let satisfied = s
        .levels
        .iter()
        .filter(|l| l.satisfied)
        .map(|l| escape(&l.name))
        .collect::<Vec<_>>()
        .join("、");
    h.push_str(&format!(
        "<p>问卷：请用户对 {} 个方面逐项评价：{items}。</p><p>评价等级及分值：{}；其中评价为{satisfied}的计为满意。</p>",
        q.items().len(),
        escape(&scale_text(&s.levels))
    ));
    let mut how = Vec::new();
    if !input.method.trim().is_empty() {
        how.push(format!("调查方式：{}", escape(input.method.trim())));
    }
    if !input.period.trim().is_empty() {
        how.push(format!("调查时间：{}", escape(input.period.trim())));
    }
    let rule = input.rule;
    how.push(format!(
        "抽样：年服务对象少于 {} 个的全数调查，其余抽取 {}–{} 个服务对象调查",
        rule.everyone_below, rule.min, rule.max
    ));
    h.push_str(&format!("<p>{}。</p>", how.join("；")));
    let equal = q.items().windows(2).all(|w| match w {
        [a, b] => a.weight == b.weight,
        _ => true,
    });
    let weighting = if equal {
        "各题权重相同".to_owned()
    } else {
        format!(
            "各题权重依次为 {}",
            q.items()
                .iter()
                .map(|i| super::fmt_number(i.weight))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    h.push_str(&format!(
        "<p>计算方法：各题平均分为该题作答者所选等级分值的平均数；满意率为该题作答者中评价为满意等级的比例；用户评价综合指数为各题平均分的加权平均（{weighting}）；问卷信度用 Cronbach’s α 系数衡量。</p>"
    ));
    let standards: Vec<String> = if input.standards.is_empty() {
        DEFAULT_STANDARDS.iter().map(|s| escape(s)).collect()
    } else {
        input.standards.iter().map(|s| escape(s)).collect()
    };
    h.push_str(&format!("<p>方法依据：{}。</p>", standards.join("；")));

    // 二、样本情况
    h.push_str("<h2>二、样本情况</h2>");
    h.push_str(&format!(
        "<p>共收回有效问卷 {} 份（至少回答一题的问卷），其中各题全部作答的 {} 份。</p>",
        s.n, s.complete
    ));
    match input.annual_clients {
        Some(pop) => {
            let n = u32::try_from(s.n).unwrap_or(u32::MAX);
            let v = rule.verdict(pop, n);
            let mark = match v.status {
                SampleStatus::Meets => "",
                SampleStatus::MeetsWithNote => "（说明）",
                SampleStatus::Fails => "（不符合要求）",
            };
            h.push_str(&format!("<p>{mark}{}</p>", escape(&v.explanation)));
        }
        None => {
            h.push_str("<p class=\"note\">未填写年服务对象数，无法核对样本数是否符合要求。</p>")
        }
    }

    // 三、各题评价结果
    h.push_str("<h2>三、各题评价结果</h2>");
    h.push_str(&figures_table(s));
    h.push_str(&format!(
        "<figure>{}<figcaption>图1　各题平均分（满分 100）</figcaption></figure>",
        mean_bars(s)
    ));
    h.push_str(&format!(
        "<figure>{}<figcaption>图2　各题评价等级分布</figcaption></figure>",
        distribution_bars(s)
    ));

    // 四、综合指数
    h.push_str("<h2>四、用户评价综合指数</h2>");
    match s.overall_index {
        Some(index) => {
            let rate = s
                .satisfaction_rate()
                .map(|r| format!("；全部题目的评价中，满意（{satisfied}）占 {}", fmt_rate(r)))
                .unwrap_or_default();
            h.push_str(&format!(
                "<p>用户评价综合指数为 <b>{}</b>（满分 100）{rate}。</p>",
                fmt_score(index)
            ));
        }
        None => h.push_str("<p>没有有效的评价数据，无法计算综合指数。</p>"),
    }
    if !s.unanswered_items.is_empty() {
        let names: Vec<String> = s.unanswered_items.iter().map(|n| escape(n)).collect();
        h.push_str(&format!(
            "<p class=\"note\">{} 无人作答，未计入综合指数。</p>",
            names.join("、")
        ));
    }

    // 五、信度
    h.push_str("<h2>五、问卷信度</h2>");
    match s.alpha {
        Some(a) => h.push_str(&format!(
            "<p>按 {} 份各题全部作答的问卷计算，{} 个题目的 Cronbach’s α 系数为 <b>{:.3}</b>，{}。（α 越接近 1，说明用户对各题的评价越一致，问卷结果越可靠；一般认为 0.7 以上可以接受，0.8 以上良好。）</p>",
            s.complete,
            s.items.len(),
            a,
            alpha_reading(a)
        )),
        None => {
            let why = if s.items.len() < 2 {
                "问卷只有一个题目"
            } else if s.complete < 2 {
                "各题全部作答的问卷不足 2 份"
            } else {
                "各问卷的总分完全相同"
            };
            h.push_str(&format!("<p>{why}，无法计算 Cronbach’s α 系数。</p>"));
        }
    }

    // 六、薄弱环节
    h.push_str("<h2>六、薄弱环节</h2>");
    let weak: Vec<String> = s
        .weakest_items()
        .filter_map(|i| {
            let (mean, rate) = (i.mean?, i.satisfaction_rate?);
            Some(format!(
                "<li>{}：平均分 {}，满意率 {}</li>",
                escape(&i.name),
                fmt_score(mean),
                fmt_rate(rate)
            ))
        })
        .collect();
    if weak.is_empty() {
        h.push_str("<p>没有可比较的题目。</p>");
    } else {
        h.push_str(&format!(
            "<p>平均分最低的题目如下，是今后改进的重点：</p><ol>{}</ol>",
            weak.concat()
        ));
    }

    // 七、改进措施
    h.push_str("<h2>七、改进措施</h2>");
    let text = paragraphs(input.suggestions);
    if text.is_empty() {
        h.push_str("<p class=\"note\">（未填写）</p>");
    } else {
        h.push_str(&text);
    }
    h.push_str("</body></html>");
    h
}

/// The figures table: per item the answered count, mean, satisfaction rate,
/// and the count and share per level. (Weights are stated in the method
/// section when they differ.)
fn figures_table(s: &Stats) -> String {
    let mut t = String::from(
        "<table><thead><tr><th>题目</th><th>回答数</th><th>平均分</th><th>满意率</th>",
    );
    for l in &s.levels {
        t.push_str(&format!("<th>{}</th>", escape(&l.name)));
    }
    t.push_str("</tr></thead><tbody>");
    for i in &s.items {
        t.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            escape(&i.name),
            i.answered,
            i.mean.map(fmt_score).unwrap_or_else(|| "—".into()),
            i.satisfaction_rate
                .map(fmt_rate)
                .unwrap_or_else(|| "—".into())
        ));
        for &count in &i.distribution {
            let share = if i.answered > 0 {
                format!("<br>{}", fmt_rate(count as f64 / i.answered as f64))
            } else {
                String::new()
            };
            t.push_str(&format!("<td class=\"n\">{count}{share}</td>"));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table><p class=\"note\">表中各等级列为人数及占该题作答人数的比例。</p>");
    t
}

/// What to do about a weak item, by the default questionnaire's ids.
fn advice(id: &str) -> &'static str {
    match id {
        "attitude" => "建议加强服务礼仪和服务意识培训，建立服务态度回访和奖惩机制。",
        "timeliness" => "建议梳理服务流程、明确各环节响应时限，对超时服务跟踪督办。",
        "skill" => "建议开展岗位技能培训和考核，推广典型案例和操作规范。",
        "conduct" => "建议严格执行仪容仪表和服务用语规范，加强日常检查和讲评。",
        "problem_solving" => "建议落实首问负责和问题闭环跟踪，提高一次解决率。",
        "communication" => "建议统一解释口径，主动告知用户服务进度和处理结果。",
        "promise" => "建议公开服务承诺并逐项跟踪兑现，对未能兑现的事项及时说明和补救。",
        "overall" => "建议针对上述薄弱环节制定整改计划，定期回访并复测用户满意度。",
        _ => "建议分析用户意见中反映的原因，制定具体改进措施并跟踪落实。",
    }
}

/// A first draft of 改进措施: one sentence per weakest item, with its
/// figures and a suggestion; the applicant edits it before printing.
pub fn default_suggestions(stats: &Stats) -> String {
    stats
        .weakest_items()
        .filter_map(|i| {
            let (mean, rate) = (i.mean?, i.satisfaction_rate?);
            Some(format!(
                "“{}”平均分 {}、满意率 {}，在各题中相对较低，{}",
                i.name,
                fmt_score(mean),
                fmt_rate(rate),
                advice(&i.id)
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::responses::{Response, Responses};
    use crate::survey::stats::compute;
    use crate::survey::test_questionnaire;

    const XSS: &str = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    fn sample() -> (Questionnaire, Stats) {
        let mut q = test_questionnaire();
        q.rename_item("skill", XSS).expect("rename");
        let mut rs = Responses::new(&q);
        for k in 0..10usize {
            let mut r = Response::blank(8);
            for (j, a) in r.answers.iter_mut().enumerate() {
                *a = Some((k + j) % 3);
            }
            r.comment = XSS.into();
            rs.rows.push(r);
        }
        let s = compute(&q, &rs);
        (q, s)
    }

    fn input<'a>(q: &'a Questionnaire, s: &'a Stats, standards: &'a [String]) -> ReportInput<'a> {
        ReportInput {
            applicant: XSS,
            category: XSS,
            questionnaire: q,
            stats: s,
            annual_clients: Some(10),
            rule: SampleRule::default(),
            method: XSS,
            period: XSS,
            standards,
            suggestions: XSS,
            date: XSS,
        }
    }

    #[test]
    fn no_markup_gets_through() {
        let (q, s) = sample();
        let standards = vec![XSS.to_owned()];
        let html = report_html(&input(&q, &s, &standards));
        // Escaped text holds no `<`, so every `<` opens one of our tags:
        // each must be on the list and carry no event handler.
        const TAGS: &[&str] = &[
            "!doctype",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "h1",
            "h2",
            "p",
            "b",
            "br",
            "ol",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "figure",
            "figcaption",
            "svg",
            "rect",
            "line",
            "text",
        ];
        for tag in html.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or_default().to_lowercase();
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap_or_default();
            assert!(TAGS.contains(&name), "unexpected tag <{tag}>");
            assert!(!tag.contains(" on"), "event handler in <{tag}>");
        }
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img"));
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</body></html>"));
        assert!(html.contains("@page{size:A4"));
    }

    #[test]
    fn sections_and_figures() {
        let (q, s) = sample();
        let html = report_html(&ReportInput {
            applicant: "常州某公司客服班组",
            category: "江苏省用户满意服务明星班组",
            suggestions: "第一条\n\n第二条",
            standards: &[],
            ..input(&q, &s, &[])
        });
        for part in [
            "<h1>用户评价调查分析报告</h1>",
            "常州某公司客服班组",
            "GB/T 19038-2009 顾客满意测评模型和方法指南",
            "GB/T 19039-2009 顾客满意测评通则",
            "一、调查方法",
            "年服务对象 10 个，少于 50 个，已按要求全数调查，有效样本 10 份。",
            "Cronbach’s α",
            "六、薄弱环节",
            "<p>第一条</p><p>第二条</p>",
            "图1",
            "图2",
        ] {
            assert!(html.contains(part), "{part}");
        }
        assert_eq!(html.matches("<svg ").count(), 2);
        let index = s.overall_index.map(fmt_score).unwrap_or_default();
        assert!(html.contains(&format!("<b>{index}</b>")));
    }

    #[test]
    fn suggestions_name_the_weakest_items() {
        let (_, s) = sample();
        let text = default_suggestions(&s);
        assert_eq!(text.lines().count(), 3);
        let first = s.weakest_items().next().expect("a weakest item");
        assert!(
            text.starts_with(&format!("“{}”平均分", first.name)),
            "{text}"
        );
        assert!(text.contains("建议"));
        let empty = compute(&test_questionnaire(), &Responses::default());
        assert_eq!(default_suggestions(&empty), "");
    }
}
