//! The application form as a printable page, laid out like the paper form
//! (表1–表5): the table number and title, a bordered grid of labels and
//! values by section, the honours table, and the opinion boxes that are
//! signed and stamped by hand. A4, system fonts, no scripts.

use super::escape;
use crate::campaign::{Campaign, Field, FieldType, Form, RouteKind, Section};
use crate::model::is_shown;
use crate::model::{Draft, Values};

/// What the foot of the page shows, to match a stamped paper copy with its
/// package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footer {
    /// The signer's key fingerprint, `3F2A 9C01 …`.
    pub fingerprint: String,
    /// A digest of the form data (`form.json`), grouped the same way.
    pub digest: String,
}

/// The section grid's columns: label, value, label, value.
const COLUMNS: &str = "<colgroup><col class=\"label\"><col class=\"value\">\
                       <col class=\"label\"><col class=\"value\"></colgroup>\n";

/// Text fields allowed more characters than this get a row of their own.
const WIDE_CHARS: u32 = 50;

/// The document-level style of `form.html`; the form's own comes from
/// `style/form.css`, the same file the app prints with.
const STYLE: &str = concat!(
    "html { background: #fff; }\n",
    "body { margin: 0 auto; max-width: 174mm; }\n",
    "@media screen { body { padding: 10mm 4mm; } }\n",
    include_str!("../../style/form.css")
);

/// The form of a draft as a complete HTML5 document, for printing and for
/// `form.html` in the package. Every value, and every text from the
/// campaign file, is escaped; there are no scripts.
pub fn form_html(campaign: &Campaign, draft: &Draft, footer: &Footer) -> String {
    let category = campaign.category(&draft.category);
    let form = category.and_then(|c| campaign.form(&c.form));
    let applicant = category
        .and_then(|c| draft.values.filled(&c.applicant_field))
        .unwrap_or_default();

    let mut html = String::with_capacity(16 * 1024);
    let (number, title) = form.map_or(("", "申报表"), |f| (f.number.as_str(), f.title.as_str()));
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<title>{} {}{}</title>\n",
        escape(number),
        escape(title),
        if applicant.is_empty() {
            String::new()
        } else {
            format!("（{}）", escape(applicant))
        }
    ));
    html.push_str("<style>");
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n");
    html.push_str(&form_body(campaign, draft));
    html.push_str(&footer_html(footer, ""));
    html.push_str("</body>\n</html>\n");
    html
}

/// The foot of a printed page, `<footer class="paper-footer">…</footer>`:
/// the signer's key fingerprint and the form data digest, and `qr` (an SVG
/// from [`super::qr_svg`], or empty for none) beside them.
pub fn footer_html(footer: &Footer, qr: &str) -> String {
    format!(
        "<footer class=\"paper-footer\"><div class=\"codes\">\
         <span>签名公钥指纹：<span class=\"mono\">{}</span></span>\
         <span>表单数据摘要（SHA-256）：<span class=\"mono\">{}</span></span></div>{qr}</footer>\n",
        escape(&footer.fingerprint),
        escape(&footer.digest)
    )
}

/// The form itself as an HTML fragment, `<div class="paper-form">…</div>`:
/// the table number and title, the section grids and the opinion boxes. The
/// app shows it read-only (review, print) with the same layout as
/// `form.html`; it has no scripts and no inline styles, so it is safe under
/// the app's Content-Security-Policy.
pub fn form_body(campaign: &Campaign, draft: &Draft) -> String {
    let category = campaign.category(&draft.category);
    let form = category.and_then(|c| campaign.form(&c.form));
    let values = &draft.values;
    let (number, title) = form.map_or(("", "申报表"), |f| (f.number.as_str(), f.title.as_str()));

    let mut html = String::with_capacity(16 * 1024);
    html.push_str("<div class=\"paper-form\">\n");
    html.push_str(&format!(
        "<p class=\"number heading\">{}</p>\n<h1>{}</h1>\n<p class=\"campaign\">{}（{}）</p>\n",
        escape(number),
        escape(title),
        escape(&campaign.title),
        escape(&campaign.document)
    ));

    match form {
        Some(form) => {
            for section in campaign.form_sections(form) {
                section_table(&mut html, campaign, form, section, values);
            }
        }
        None => html.push_str(&format!(
            "<p>本活动没有申报类别「{}」。</p>\n",
            escape(&draft.category)
        )),
    }

    opinions(&mut html, route_kind(campaign, form, values));
    html.push_str("</div>\n");
    html
}

/// One section as a four-column grid (label, value, label, value); wide
/// text, long text and tables take whole rows.
fn section_table(
    html: &mut String,
    campaign: &Campaign,
    form: &Form,
    section: &Section,
    values: &Values,
) {
    let fields: Vec<&Field> = section
        .fields
        .iter()
        .filter(|f| is_shown(campaign, form, f, values))
        .collect();
    if fields.is_empty() {
        return;
    }
    html.push_str("<table class=\"section\">\n");
    html.push_str(COLUMNS);
    html.push_str(&format!(
        "<tr class=\"title-row\"><th colspan=\"4\" class=\"section-title\">{}</th></tr>\n",
        escape(&section.title)
    ));
    let mut pending: Option<&Field> = None;
    for field in fields {
        match layout(field) {
            Layout::Pair => match pending.take() {
                Some(left) => html.push_str(&format!(
                    "<tr><th>{}</th><td>{}</td><th>{}</th><td>{}</td></tr>\n",
                    escape(&left.label),
                    value_html(campaign, left, values),
                    escape(&field.label),
                    value_html(campaign, field, values)
                )),
                None => pending = Some(field),
            },
            other => {
                if let Some(left) = pending.take() {
                    wide_row(html, campaign, left, values);
                }
                match other {
                    Layout::Wide | Layout::Pair => wide_row(html, campaign, field, values),
                    Layout::Long => long_rows(html, field, values),
                    Layout::Table => table_rows(html, field, values),
                }
            }
        }
    }
    if let Some(left) = pending {
        wide_row(html, campaign, left, values);
    }
    html.push_str("</table>\n");
}

enum Layout {
    Pair,
    Wide,
    Long,
    Table,
}

fn layout(field: &Field) -> Layout {
    match field.kind {
        FieldType::LongText => Layout::Long,
        FieldType::Table => Layout::Table,
        FieldType::Text if field.max_chars.is_some_and(|n| n > WIDE_CHARS) => Layout::Wide,
        _ => Layout::Pair,
    }
}

fn wide_row(html: &mut String, campaign: &Campaign, field: &Field, values: &Values) {
    html.push_str(&format!(
        "<tr><th>{}</th><td colspan=\"3\">{}</td></tr>\n",
        escape(&field.label),
        value_html(campaign, field, values)
    ));
}

/// Long text under its label, a paragraph per line, free to continue on the
/// next page between lines but not inside one.
fn long_rows(html: &mut String, field: &Field, values: &Values) {
    let limit = field
        .max_chars
        .map(|n| format!("（限 {n} 字）"))
        .unwrap_or_default();
    html.push_str(&format!(
        "<tr class=\"long-label\"><th colspan=\"4\" class=\"section-title\">{}{}</th></tr>\n",
        escape(&field.label),
        limit
    ));
    // An empty box, left for handwriting, is kept on one page.
    let row_class = if values.filled(&field.id).is_some() {
        "long"
    } else {
        "long empty"
    };
    html.push_str(&format!(
        "<tr class=\"{row_class}\"><td colspan=\"4\" class=\"long\">"
    ));
    for paragraph in values.text(&field.id).lines() {
        let paragraph = paragraph.trim();
        if !paragraph.is_empty() {
            html.push_str(&format!("<p>{}</p>", escape(paragraph)));
        }
    }
    html.push_str("</td></tr>\n");
}

/// A table field (获得荣誉) as its own grid, between two parts of the
/// section's grid: a header of column labels and one row per filled row.
fn table_rows(html: &mut String, field: &Field, values: &Values) {
    html.push_str("</table>\n<table class=\"rows\">\n<tr class=\"title-row\">");
    html.push_str("<th class=\"ordinal\">序号</th>");
    for column in &field.columns {
        html.push_str(&format!("<th>{}</th>", escape(&column.label)));
    }
    html.push_str("</tr>\n");
    let rows = values
        .rows(&field.id)
        .iter()
        .filter(|r| r.values().any(|v| !v.trim().is_empty()));
    let mut count = 0;
    for (i, row) in rows.enumerate() {
        count += 1;
        html.push_str(&format!("<tr><td class=\"none\">{}</td>", i + 1));
        for column in &field.columns {
            let cell = row.get(&column.id).map_or("", |s| s.trim());
            html.push_str(&format!("<td>{}</td>", escape(cell)));
        }
        html.push_str("</tr>\n");
    }
    if count == 0 {
        html.push_str(&format!(
            "<tr><td colspan=\"{}\" class=\"none\">无</td></tr>\n",
            field.columns.len() + 1
        ));
    }
    html.push_str("</table>\n<table class=\"section\">\n");
    html.push_str(COLUMNS);
}

/// A scalar value as escaped HTML: a route by its name, a number with its
/// unit; empty when not filled, to be written by hand.
fn value_html(campaign: &Campaign, field: &Field, values: &Values) -> String {
    let Some(text) = values.filled(&field.id) else {
        return String::new();
    };
    if field.kind == FieldType::Route {
        let name = campaign.route(text).map_or(text, |r| r.name.as_str());
        return escape(name);
    }
    if field.unit.is_empty() {
        escape(text)
    } else {
        format!(
            "{}<span class=\"unit\">{}</span>",
            escape(text),
            escape(&field.unit)
        )
    }
}

/// The route's kind, from the form's route field; `None` when not chosen.
fn route_kind(campaign: &Campaign, form: Option<&Form>, values: &Values) -> Option<RouteKind> {
    let field = campaign
        .form_fields(form?)
        .find(|f| f.kind == FieldType::Route)?;
    campaign.route(values.filled(&field.id)?).map(|r| r.kind)
}

/// The boxes signed and stamped by hand: the applicant's unit, the
/// recommending body of the route, and the province's decision.
fn opinions(html: &mut String, kind: Option<RouteKind>) {
    let recommender = match kind {
        Some(RouteKind::City) => "所在市创建活动办公室推荐意见",
        Some(RouteKind::IndustryAssociation) => "省行业协会推荐意见",
        None => "推荐单位（所在市创建活动办公室或省行业协会）意见",
    };
    html.push_str("<table class=\"opinions\">\n");
    for (title, signer) in [
        ("申报单位意见", "负责人签字："),
        (recommender, "负责人签字："),
        ("省创建活动领导小组审定意见", "负责人签字："),
    ] {
        html.push_str(&format!(
            "<tr class=\"opinion\"><th>{}</th><td><div class=\"signature\"><span>{}</span>\
             <span>（盖章）</span></div><div class=\"signature\"><span>年　　月　　日</span></div></td></tr>\n",
            escape(title),
            escape(signer)
        ));
    }
    html.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::builtin;
    use crate::model::Draft;

    fn campaign() -> Campaign {
        builtin().expect("the shipped campaign loads")
    }

    fn footer() -> Footer {
        Footer {
            fingerprint: "3F2A 9C01 D4E5 B6A7 0000 1111 2222 3333".into(),
            digest: "ABCD EF01 2345 6789 ABCD EF01 2345 6789".into(),
        }
    }

    fn enterprise(route: &str) -> Draft {
        let mut d = Draft::new("d1", "jiangsu-2011", "enterprise");
        d.values.set_text("route", route);
        d.values.set_text("unit_name", "常州市某某服务有限公司");
        d.values.set_text("employees", "120");
        d.values
            .set_text("deeds", "第一段事迹。\n\n第二段事迹，含数据 98.5%。");
        d.values.set_cell("honours", 0, "year", "2010");
        d.values.set_cell("honours", 0, "title", "江苏省文明单位");
        d.values
            .set_cell("honours", 0, "grantor", "江苏省精神文明建设指导委员会");
        d
    }

    /// Every tag in a document: (name, attribute names).
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            let after = &rest[start + 1..];
            let end = after.find('>').expect("every < closes");
            let inside = &after[..end];
            let mut parts = inside.split_whitespace();
            let name = parts.next().unwrap_or_default().to_ascii_lowercase();
            let attributes = inside
                .split_whitespace()
                .skip(1)
                .filter_map(|a| a.split('=').next())
                .map(|a| a.to_ascii_lowercase())
                .collect();
            out.push((name, attributes));
            rest = &after[end + 1..];
        }
        out
    }

    #[test]
    fn renders_the_paper_form() {
        let html = form_html(&campaign(), &enterprise("changzhou"), &footer());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains(">表1</p>"));
        assert!(html.contains("<h1>江苏省用户满意服务明星企(事)业申报表</h1>"));
        assert!(html.contains("@page {\n  size: A4;"));
        assert!(html.contains("counter(pages)"), "page numbers");
        assert!(html.contains("\"SimSun\", \"宋体\", \"Songti SC\""));
        assert!(
            html.contains("<th>所在市</th><td>常州市</td>"),
            "route by name"
        );
        assert!(!html.contains(">changzhou<"));
        assert!(html.contains("120<span class=\"unit\">人</span>"));
        assert!(html.contains("<p>第一段事迹。</p><p>第二段事迹，含数据 98.5%。</p>"));
        assert!(html.contains("<td>江苏省文明单位</td>"));
        assert!(html.contains("申报单位意见"));
        assert!(html.contains("所在市创建活动办公室推荐意见"));
        assert!(!html.contains("省行业协会推荐意见"));
        assert!(html.contains("省创建活动领导小组审定意见"));
        assert!(html.contains("（盖章）"));
        assert!(html.contains("年　　月　　日"));
        assert!(html.contains("3F2A 9C01 D4E5 B6A7"));
        assert!(html.contains("ABCD EF01"));
        // Hidden unless the route is an industry association.
        assert!(!html.contains("行业协会名称"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn an_industry_association_gets_its_own_opinion_box() {
        let mut draft = enterprise("industry");
        draft
            .values
            .set_text("industry_association", "江苏省商业联合会");
        let html = form_html(&campaign(), &draft, &footer());
        assert!(html.contains("省行业协会推荐意见"));
        assert!(!html.contains("所在市创建活动办公室推荐意见"));
        assert!(html.contains("<td>江苏省商业联合会</td>"));
    }

    #[test]
    fn every_form_renders() {
        let campaign = campaign();
        for category in &campaign.categories {
            let draft = Draft::new("d", "jiangsu-2011", category.id.as_str());
            let html = form_html(&campaign, &draft, &Footer::default());
            let form = campaign.form(&category.form).expect("form");
            assert!(html.contains(&format!("<h1>{}</h1>", escape(&form.title))));
            assert!(html.contains("无</td>"), "empty honours say so");
        }
    }

    #[test]
    fn hostile_values_stay_text() {
        let hostile = [
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "'><svg onload=alert(1)>",
            "</style><script>alert(1)</script>",
            "</title><iframe src=javascript:alert(1)>",
            "&lt;script&gt;",
        ];
        let campaign = campaign();
        let mut draft = enterprise("changzhou");
        for (i, text) in hostile.iter().enumerate() {
            draft.values.set_text("unit_name", *text);
            draft.values.set_text("deeds", *text);
            draft.values.set_text("employees", *text);
            draft.values.set_text("route", *text);
            draft.values.set_cell("honours", i, "title", *text);
            let footer = Footer {
                fingerprint: (*text).into(),
                digest: (*text).into(),
            };
            let html = form_html(&campaign, &draft, &footer);
            assert!(!html.to_ascii_lowercase().contains("<script"), "{text}");
            let allowed = [
                "!doctype",
                "html",
                "/html",
                "head",
                "/head",
                "meta",
                "title",
                "/title",
                "style",
                "/style",
                "body",
                "/body",
                "p",
                "/p",
                "h1",
                "/h1",
                "table",
                "/table",
                "colgroup",
                "/colgroup",
                "col",
                "tr",
                "/tr",
                "th",
                "/th",
                "td",
                "/td",
                "span",
                "/span",
                "div",
                "/div",
                "footer",
                "/footer",
            ];
            for (name, attributes) in tags(&html) {
                assert!(allowed.contains(&name.as_str()), "tag <{name}> from {text}");
                for attribute in attributes {
                    assert!(!attribute.starts_with("on"), "{attribute} from {text}");
                    assert!(!attribute.starts_with("src"), "{attribute} from {text}");
                }
            }
            assert!(html.contains("&lt;"), "the text is shown, escaped");
        }
    }
}
