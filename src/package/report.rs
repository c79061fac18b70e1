//! What the screens show of a package: the file name a package is saved
//! under, and a plain, serializable summary of a verification for the
//! reviewer (it crosses from the tools module to the app as JSON).

use serde::{Deserialize, Serialize};

use super::{hex, open, Limits, Problem, Status, Timestamp};
use crate::campaign::Campaign;
use crate::model::{applicant, Draft};

/// China Standard Time, for the date in file names: the campaign's
/// applicants and reviewers are all in Jiangsu.
const CST_OFFSET_MS: i64 = 8 * 60 * 60 * 1000;

/// `2011_<类别>_<单位或姓名>_<日期>.zip`, with only characters that every
/// file system and mail client accepts.
pub fn file_name(campaign: &Campaign, draft: &Draft, created_at_ms: i64) -> String {
    let category = campaign
        .category(&draft.category)
        .map_or(draft.category.as_str(), |c| c.short.as_str());
    let who = applicant(campaign, draft).unwrap_or("未命名");
    let date = Timestamp::from_unix_ms(created_at_ms.saturating_add(CST_OFFSET_MS))
        .map(|t| {
            let (y, m, d, ..) = t.civil();
            format!("{y:04}{m:02}{d:02}")
        })
        .unwrap_or_default();
    format!(
        "{}_{}_{}_{date}.zip",
        campaign.year,
        safe(category, 20),
        safe(who, 40)
    )
}

/// Keeps letters (any script), digits and `-_()（）`; anything else becomes
/// `_`, runs of `_` collapse, and the result is at most `max` characters.
fn safe(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let keep = c.is_alphanumeric() || "-()（）".contains(c);
        let c = if keep { c } else { '_' };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let out: String = out.trim_matches('_').chars().take(max).collect();
    if out.is_empty() {
        "_".to_owned()
    } else {
        out
    }
}

/// One file of a package as the reviewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    /// Its path in the package.
    pub path: String,
    /// The file name the applicant gave it, if any.
    pub original_name: Option<String>,
    /// Its size according to the manifest.
    pub size: u64,
    /// The SHA-256 of the bytes found, hex.
    pub sha256: Option<String>,
    /// What is wrong with it, in Chinese; `None` when it matches.
    pub problem: Option<String>,
}

/// A package's verification, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// `valid`, `valid_with_warnings`, `invalid` or `unrecognized`.
    pub status: String,
    /// 有效, 有效（有警告）, 无效 or 无法识别.
    pub status_zh: String,
    /// The SHA-256 of the whole file, hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Why it is not valid, in Chinese, each with its stable code.
    pub problems: Vec<(String, String)>,
    /// The signer's key fingerprint, grouped hex.
    pub fingerprint: Option<String>,
    /// The creation time the signer claims (not proven).
    pub created_at: Option<String>,
    /// The campaign id.
    pub campaign: Option<String>,
    /// The category's name.
    pub category: Option<String>,
    /// The unit or person applying.
    pub applicant: Option<String>,
    /// The route (city or industry association).
    pub route: Option<String>,
    /// The warnings validation recorded when the package was made.
    pub warnings: Vec<String>,
    /// Every file the manifest lists.
    pub entries: Vec<ReportEntry>,
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Valid => "valid",
        Status::ValidWithWarnings => "valid_with_warnings",
        Status::Invalid => "invalid",
        Status::Unrecognized => "unrecognized",
    }
}

fn problem(p: &Problem) -> (String, String) {
    (p.code().to_owned(), p.to_string())
}

/// Opens and verifies a package and summarises the outcome. Never fails:
/// a package that cannot be opened gets a report saying why.
pub fn report(bytes: &[u8], limits: &Limits) -> Report {
    let opened = match open(bytes, limits) {
        Ok(o) => o,
        Err(p) => {
            let status = p.status();
            return Report {
                status: status_code(status).to_owned(),
                status_zh: status.label_zh().to_owned(),
                sha256: hex(&super::sha256(bytes)),
                size: bytes.len() as u64,
                problems: vec![problem(&p)],
                fingerprint: None,
                created_at: None,
                campaign: None,
                category: None,
                applicant: None,
                route: None,
                warnings: Vec::new(),
                entries: Vec::new(),
            };
        }
    };
    let v = opened.verify();
    let m = &v.manifest;
    Report {
        status: status_code(v.status).to_owned(),
        status_zh: v.status.label_zh().to_owned(),
        sha256: hex(&v.sha256),
        size: bytes.len() as u64,
        problems: v.problems.iter().map(problem).collect(),
        fingerprint: Some(v.signer.fingerprint()),
        created_at: Some(v.created_at.to_string()),
        campaign: Some(m.campaign.id.clone()),
        category: Some(m.category.name.clone()),
        applicant: Some(m.applicant.clone()),
        route: Some(m.route.name.clone()),
        warnings: m.findings.iter().map(|f| f.message.clone()).collect(),
        entries: v
            .entries
            .iter()
            .map(|e| ReportEntry {
                path: e.path.clone(),
                original_name: m.entry(&e.path).and_then(|x| x.original_name.clone()),
                size: e.size,
                sha256: e.sha256.as_ref().map(|h| hex(h)),
                problem: e.result.as_ref().err().map(ToString::to_string),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::builtin;

    #[test]
    fn file_names_are_readable_and_safe() {
        let c = builtin().expect("campaign");
        let mut d = Draft::new("x", &c.id, "enterprise");
        d.values.set_text("unit_name", "常州/新区 某某:公司*");
        // 2011-09-30 20:00 UTC is 2011-10-01 in Jiangsu.
        let name = file_name(&c, &d, 1_317_412_800_000);
        assert_eq!(name, "2011_企(事)业_常州_新区_某某_公司_20111001.zip");
        let d = Draft::new("y", &c.id, "individual");
        assert_eq!(file_name(&c, &d, 0), "2011_个人_未命名_19700101.zip");
    }

    #[test]
    fn a_tampered_entry_is_named() {
        let written = crate::package::fixture::package(&[]);
        let ok = report(&written.bytes, &Limits::default());
        assert_eq!(ok.status, "valid", "{:?}", ok.problems);
        assert!(ok.entries.iter().all(|e| e.problem.is_none()));
        assert_eq!(
            ok.fingerprint,
            Some(crate::package::fixture::key().public().fingerprint())
        );
        // Flip a byte inside the first stored attachment's data.
        let victim = ok
            .entries
            .iter()
            .find(|e| e.path.starts_with("attachments/"))
            .expect("the fixture has attachments");
        let mut bytes = written.bytes.clone();
        let name = victim.path.as_bytes();
        let at = bytes
            .windows(name.len())
            .position(|w| w == name)
            .expect("local header name");
        bytes[at + name.len() + 10] ^= 0x01;
        let bad = report(&bytes, &Limits::default());
        assert_eq!(bad.status, "invalid");
        let named = bad
            .entries
            .iter()
            .find(|e| e.path == victim.path)
            .and_then(|e| e.problem.clone());
        assert!(named.is_some(), "{:?}", bad.problems);
    }

    #[test]
    fn garbage_gets_a_report_not_a_panic() {
        let r = report(b"not a zip", &Limits::default());
        assert_eq!(r.status, "unrecognized");
        assert_eq!(r.status_zh, "无法识别");
        assert_eq!(r.problems.len(), 1);
        assert!(r.entries.is_empty());
    }
}
