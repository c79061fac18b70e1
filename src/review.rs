//! The reviewer's batch of packages as plain data: one [`Row`] per package
//! opened, sorting and filtering, counts per category against the
//! campaign's quotas, and the table as a [`Sheet`] for CSV and XLSX.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::package::Report;
use crate::sheet::{Cell, Sheet};

/// One opened package in the batch table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Its place in the order opened, from 1.
    pub number: usize,
    /// The file name it was opened from.
    pub file_name: String,
    /// `valid`, `valid_with_warnings`, `invalid`, `unrecognized`.
    pub status: String,
    /// 有效, 有效（有警告）, 无效, 无法识别.
    pub status_zh: String,
    /// The first reason it is not valid, if any.
    pub reason: String,
    /// `package` or `forward`.
    pub kind: String,
    /// Category id and name.
    pub category_id: String,
    /// The category's name.
    pub category: String,
    /// Route id.
    pub route_id: String,
    /// The route's name (city or industry association).
    pub route: String,
    /// The unit or person applying.
    pub applicant: String,
    /// The score (满意度) as a number, when it is one.
    pub score: Option<f64>,
    /// The recommender's decision, for a forwarding package.
    pub decision: String,
    /// The applicant's key fingerprint.
    pub fingerprint: String,
    /// The form data digest.
    pub form_digest: String,
    /// The SHA-256 of the file.
    pub sha256: String,
}

impl Row {
    /// The row of a package's report.
    pub fn new(number: usize, file_name: &str, r: &Report) -> Self {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        Self {
            number,
            file_name: file_name.to_owned(),
            status: r.status.clone(),
            status_zh: r.status_zh.clone(),
            reason: r
                .problems
                .first()
                .map(|(_, m)| m.clone())
                .unwrap_or_default(),
            kind: r.kind.clone(),
            category_id: text(&r.category_id),
            category: text(&r.category),
            route_id: text(&r.route_id),
            route: text(&r.route),
            applicant: text(&r.applicant),
            score: r
                .score
                .as_deref()
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|x| x.is_finite()),
            decision: r
                .forward
                .as_ref()
                .map(|f| f.decision_zh.clone())
                .unwrap_or_default(),
            fingerprint: text(&r.fingerprint),
            form_digest: text(&r.form_digest),
            sha256: r.sha256.clone(),
        }
    }

    /// The row of a file that could not be inspected at all (too large,
    /// unreadable, or the tools module failed to load).
    pub fn failed(number: usize, file_name: &str, reason: &str) -> Self {
        Self {
            number,
            file_name: file_name.to_owned(),
            status: "unrecognized".to_owned(),
            status_zh: "无法识别".to_owned(),
            reason: reason.to_owned(),
            kind: "package".to_owned(),
            category_id: String::new(),
            category: String::new(),
            route_id: String::new(),
            route: String::new(),
            applicant: String::new(),
            score: None,
            decision: String::new(),
            fingerprint: String::new(),
            form_digest: String::new(),
            sha256: String::new(),
        }
    }

    /// Whether the package counts: valid, with or without warnings.
    pub fn is_valid(&self) -> bool {
        matches!(self.status.as_str(), "valid" | "valid_with_warnings")
    }

    fn status_rank(&self) -> u8 {
        match self.status.as_str() {
            "valid" => 0,
            "valid_with_warnings" => 1,
            "invalid" => 2,
            _ => 3,
        }
    }
}

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The order opened.
    Number,
    /// Valid first.
    Status,
    /// Category name.
    Category,
    /// Route name.
    Route,
    /// Applicant name.
    Applicant,
    /// Score, packages without one last.
    Score,
}

/// Sorts rows by a key, ties kept in the order opened.
pub fn sort(rows: &mut [Row], key: SortKey, ascending: bool) {
    rows.sort_by(|a, b| {
        let order = match key {
            SortKey::Number => a.number.cmp(&b.number),
            SortKey::Status => a.status_rank().cmp(&b.status_rank()),
            SortKey::Category => a.category.cmp(&b.category),
            SortKey::Route => a.route.cmp(&b.route),
            SortKey::Applicant => a.applicant.cmp(&b.applicant),
            SortKey::Score => match (a.score, b.score) {
                (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                // Missing scores stay last whichever the direction.
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        let order = if ascending { order } else { order.reverse() };
        order.then(a.number.cmp(&b.number))
    });
}

/// Which rows to show; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A category id.
    pub category: String,
    /// A route id.
    pub route: String,
    /// `valid` (valid with or without warnings), `warnings`, `invalid`
    /// (invalid or unrecognized).
    pub status: String,
    /// Text to find in the applicant or file name.
    pub text: String,
}

impl Filter {
    /// Whether a row passes.
    pub fn matches(&self, row: &Row) -> bool {
        let status_ok = match self.status.as_str() {
            "" => true,
            "valid" => row.is_valid(),
            "warnings" => row.status == "valid_with_warnings",
            "invalid" => !row.is_valid(),
            _ => false,
        };
        let text = self.text.trim();
        (self.category.is_empty() || row.category_id == self.category)
            && (self.route.is_empty() || row.route_id == self.route)
            && status_ok
            && (text.is_empty() || row.applicant.contains(text) || row.file_name.contains(text))
    }
}

/// Valid packages of a category against its quota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaLine {
    /// Where the quota applies: 全省, or a route's name.
    pub scope: String,
    /// The category's short name.
    pub category: String,
    /// Valid packages.
    pub valid: usize,
    /// The awards (province) or recommendations (route) allowed, if set.
    pub quota: Option<u32>,
}

impl QuotaLine {
    /// How many more valid packages than the quota.
    pub fn over(&self) -> usize {
        self.quota
            .map_or(0, |q| self.valid.saturating_sub(q as usize))
    }
}

/// The counts per category for the province, then for every route that
/// has quotas and packages in the batch. Duplicates (the same file opened
/// twice) count once.
pub fn quotas(campaign: &Campaign, rows: &[Row]) -> Vec<QuotaLine> {
    let mut seen = std::collections::BTreeSet::new();
    let valid: Vec<&Row> = rows
        .iter()
        .filter(|r| r.is_valid() && seen.insert(r.sha256.as_str()))
        .collect();
    let mut lines = Vec::new();
    for category in &campaign.categories {
        lines.push(QuotaLine {
            scope: "全省".to_owned(),
            category: category.short.clone(),
            valid: valid
                .iter()
                .filter(|r| r.category_id == category.id)
                .count(),
            quota: campaign.quotas.province.get(&category.id).copied(),
        });
    }
    for (route_id, per_category) in &campaign.quotas.routes {
        let here: Vec<&&Row> = valid.iter().filter(|r| &r.route_id == route_id).collect();
        if here.is_empty() {
            continue;
        }
        let scope = campaign
            .route(route_id)
            .map_or(route_id.clone(), |r| r.name.clone());
        for category in &campaign.categories {
            if let Some(quota) = per_category.get(&category.id) {
                lines.push(QuotaLine {
                    scope: scope.clone(),
                    category: category.short.clone(),
                    valid: here.iter().filter(|r| r.category_id == category.id).count(),
                    quota: Some(*quota),
                });
            }
        }
    }
    lines
}

/// The table as a sheet, with the campaign's name for the score column.
pub fn sheet(score_label: &str, rows: &[Row]) -> Sheet {
    let score_label = if score_label.is_empty() {
        "得分"
    } else {
        score_label
    };
    let header = [
        "序号",
        "文件名",
        "核验结果",
        "原因",
        "类型",
        "申报类别",
        "报送渠道",
        "申报单位或个人",
        score_label,
        "推荐意见",
        "签名公钥指纹",
        "表单数据摘要",
        "文件 SHA-256",
    ];
    let text = |s: &str| Cell::Text(s.to_owned());
    Sheet {
        name: "申报包".to_owned(),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Number(r.number as f64),
                    text(&r.file_name),
                    text(&r.status_zh),
                    text(&r.reason),
                    text(if r.kind == "forward" {
                        "转发包"
                    } else {
                        "申报包"
                    }),
                    text(&r.category),
                    text(&r.route),
                    text(&r.applicant),
                    r.score.map_or_else(|| text(""), Cell::Number),
                    text(&r.decision),
                    text(&r.fingerprint),
                    text(&r.form_digest),
                    text(&r.sha256),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::builtin;

    fn row(number: usize, status: &str, category: &str, route: &str, score: Option<f64>) -> Row {
        Row {
            number,
            file_name: format!("{number}.zip"),
            status: status.to_owned(),
            status_zh: String::new(),
            reason: String::new(),
            kind: "package".to_owned(),
            category_id: category.to_owned(),
            category: category.to_owned(),
            route_id: route.to_owned(),
            route: route.to_owned(),
            applicant: format!("单位{number}"),
            score,
            decision: String::new(),
            fingerprint: String::new(),
            form_digest: String::new(),
            sha256: format!("{number:064}"),
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            row(1, "invalid", "team", "changzhou", Some(90.0)),
            row(2, "valid", "enterprise", "nanjing", Some(86.5)),
            row(3, "valid_with_warnings", "enterprise", "changzhou", None),
            row(4, "valid", "team", "changzhou", Some(95.0)),
        ]
    }

    fn numbers(rows: &[Row]) -> Vec<usize> {
        rows.iter().map(|r| r.number).collect()
    }

    #[test]
    fn sorting_keeps_missing_scores_last_both_ways() {
        let mut r = rows();
        sort(&mut r, SortKey::Score, true);
        assert_eq!(numbers(&r), [2, 1, 4, 3]);
        sort(&mut r, SortKey::Score, false);
        assert_eq!(numbers(&r), [4, 1, 2, 3]);
        sort(&mut r, SortKey::Status, true);
        assert_eq!(numbers(&r), [2, 4, 3, 1]);
        sort(&mut r, SortKey::Number, false);
        assert_eq!(numbers(&r), [4, 3, 2, 1]);
    }

    #[test]
    fn filters_combine() {
        let r = rows();
        let shown = |f: &Filter| -> Vec<usize> {
            r.iter()
                .filter(|x| f.matches(x))
                .map(|x| x.number)
                .collect()
        };
        assert_eq!(shown(&Filter::default()), [1, 2, 3, 4]);
        let valid_team = Filter {
            category: "team".to_owned(),
            status: "valid".to_owned(),
            ..Filter::default()
        };
        assert_eq!(shown(&valid_team), [4]);
        let changzhou_bad = Filter {
            route: "changzhou".to_owned(),
            status: "invalid".to_owned(),
            ..Filter::default()
        };
        assert_eq!(shown(&changzhou_bad), [1]);
        let text = Filter {
            text: " 单位3 ".to_owned(),
            ..Filter::default()
        };
        assert_eq!(shown(&text), [3]);
    }

    #[test]
    fn quotas_count_valid_packages_once() {
        let mut c = builtin().expect("campaign");
        let mut r = rows();
        r.push(row(5, "valid", "team", "changzhou", None));
        r[4].sha256 = r[3].sha256.clone(); // the same file opened twice
        let lines = quotas(&c, &r);
        let team = lines
            .iter()
            .find(|l| l.scope == "全省" && l.category == "班组")
            .expect("team line");
        assert_eq!((team.valid, team.quota), (1, Some(100)));
        let enterprise = lines
            .iter()
            .find(|l| l.scope == "全省" && l.category == "企(事)业")
            .expect("enterprise line");
        assert_eq!(enterprise.valid, 2);
        assert!(!lines.iter().any(|l| l.scope != "全省"));

        // A city quota, when the organiser sets one.
        c.quotas.routes.insert(
            "changzhou".to_owned(),
            [("enterprise".to_owned(), 0)].into_iter().collect(),
        );
        let lines = quotas(&c, &r);
        let city = lines
            .iter()
            .find(|l| l.scope == "常州市")
            .expect("city line");
        assert_eq!((city.valid, city.quota, city.over()), (1, Some(0), 1));
    }

    #[test]
    fn the_sheet_has_a_row_per_package() {
        let s = sheet("满意度", &rows());
        assert_eq!(s.rows.len(), 4);
        assert!(s.header.contains(&"满意度".to_owned()));
        assert_eq!(s.rows[1][8], Cell::Number(86.5));
        assert_eq!(s.rows[2][8], Cell::Text(String::new()));
        assert_eq!(s.rows[0][7], Cell::Text("单位1".to_owned()));
    }
}
