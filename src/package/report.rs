//! What the screens show of a package: the file name a package is saved
//! under, and a plain, serializable summary of a verification for the
//! reviewer (it crosses from the tools module to the app as JSON).

use serde::{Deserialize, Serialize};

use super::forward::{chain_status, is_forward, verify_link};
use super::{
    grouped_hex, hex, open, KnownDigests, Limits, Problem, Status, Timestamp, FORMAT,
    FORM_JSON_PATH,
};
use crate::campaign::{Campaign, Severity};
use crate::model::{applicant, validate, Attachment, Date, Draft, Finding, Values};

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
    /// The SHA-256 of the campaign file the form was filled against, hex.
    pub campaign_sha256: Option<String>,
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
    /// `package`, or `forward` for a recommender's forwarding package (the
    /// fields above then describe the applicant's package inside it, but
    /// `status`, `sha256` and `size` the whole file).
    pub kind: String,
    /// The category id.
    pub category_id: Option<String>,
    /// The route id.
    pub route_id: Option<String>,
    /// The first 16 bytes of the SHA-256 of `form.json`, grouped hex, as
    /// the printed form's foot shows it.
    pub form_digest: Option<String>,
    /// `form.json`, when it is intact (its digest matches the manifest).
    pub form_json: Option<String>,
    /// The score the campaign's review settings name (满意度), as typed.
    pub score: Option<String>,
    /// Validation run again against the reviewer's campaign definition.
    pub revalidation: Option<Revalidation>,
    /// The recommender's link, for a forwarding package.
    pub forward: Option<ForwardReport>,
}

/// Validation run again by the reviewer, against the campaign definition
/// the reviewer has loaded, compared with what the package recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revalidation {
    /// Whether the reviewer's campaign file is the one the applicant
    /// filled against (same SHA-256).
    pub same_campaign: bool,
    /// Errors found now.
    pub errors: usize,
    /// Warnings found now.
    pub warnings: usize,
    /// Findings now that the package did not record, 错误/警告-prefixed.
    pub added: Vec<String>,
    /// Findings the package recorded that are no longer found.
    pub gone: Vec<String>,
}

/// The recommender's link of a forwarding package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardReport {
    /// The link's verdict code (`valid` or `invalid`).
    pub status: String,
    /// 有效 or 无效.
    pub status_zh: String,
    /// What is wrong with the link.
    pub problems: Vec<(String, String)>,
    /// The applicant's link: the inner package's verdict code.
    pub inner_status: String,
    /// Its label.
    pub inner_status_zh: String,
    /// What is wrong with the applicant's package.
    pub inner_problems: Vec<(String, String)>,
    /// The recommender's key fingerprint.
    pub fingerprint: String,
    /// The recommender's claimed time.
    pub created_at: String,
    /// 推荐 or 不推荐.
    pub decision_zh: String,
    /// The recommending body.
    pub organisation: String,
    /// Who wrote the opinion.
    pub reviewer: String,
    /// The opinion.
    pub text: String,
    /// The file name the package arrived under.
    pub file_name: String,
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
    report_with(bytes, limits, None)
}

/// [`report`], using digests computed elsewhere where given.
fn report_with(bytes: &[u8], limits: &Limits, known: Option<KnownDigests>) -> Report {
    let opened = match open(bytes, limits) {
        Ok(o) => match known {
            Some(k) => o.with_digests(k),
            None => o,
        },
        Err(p) => {
            let status = p.status();
            return Report {
                status: status_code(status).to_owned(),
                status_zh: status.label_zh().to_owned(),
                sha256: hex(&known
                    .and_then(|k| k.file)
                    .unwrap_or_else(|| super::sha256(bytes))),
                size: bytes.len() as u64,
                problems: vec![problem(&p)],
                fingerprint: None,
                created_at: None,
                campaign: None,
                campaign_sha256: None,
                category: None,
                applicant: None,
                route: None,
                warnings: Vec::new(),
                entries: Vec::new(),
                kind: "package".to_owned(),
                category_id: None,
                route_id: None,
                form_digest: None,
                form_json: None,
                score: None,
                revalidation: None,
                forward: None,
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
        campaign_sha256: Some(hex(&m.campaign.sha256)),
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
        kind: "package".to_owned(),
        category_id: Some(m.category.id.clone()),
        route_id: Some(m.route.id.clone()),
        form_digest: m
            .entry(FORM_JSON_PATH)
            .map(|e| grouped_hex(&e.sha256[..16])),
        form_json: opened
            .read(FORM_JSON_PATH)
            .ok()
            .and_then(|b| String::from_utf8(b).ok()),
        score: None,
        revalidation: None,
        forward: None,
    }
}

/// The reviewer's campaign, to score and validate applications again.
#[derive(Debug, Clone, Copy)]
pub struct Against<'a> {
    /// The campaign definition.
    pub campaign: &'a Campaign,
    /// The SHA-256 of its file.
    pub campaign_sha256: [u8; 32],
    /// The reviewer's today, for date rules.
    pub today: Date,
}

/// [`report`] for a package or a forwarding package, with the score and
/// validation run again against the reviewer's campaign. Never fails.
pub fn inspect(
    bytes: &[u8],
    limits: &Limits,
    against: Option<Against<'_>>,
    known: Option<KnownDigests>,
) -> Report {
    let mut r = if is_forward(bytes) {
        // The link only: the package inside is verified once, by `report`.
        match verify_link(bytes, limits) {
            Ok(link) => {
                let (start, end) = link.inner_range;
                let mut r = report(bytes.get(start..end).unwrap_or_default(), limits);
                let inner = match r.status.as_str() {
                    "valid" => Status::Valid,
                    "valid_with_warnings" => Status::ValidWithWarnings,
                    _ => Status::Invalid,
                };
                let chain = chain_status(link.status, inner);
                let m = &link.manifest;
                let link_problems: Vec<_> = link.problems.iter().map(problem).collect();
                let inner_problems = std::mem::take(&mut r.problems);
                r.forward = Some(ForwardReport {
                    status: status_code(link.status).to_owned(),
                    status_zh: link.status.label_zh().to_owned(),
                    problems: link_problems.clone(),
                    inner_status: r.status.clone(),
                    inner_status_zh: r.status_zh.clone(),
                    inner_problems: inner_problems.clone(),
                    fingerprint: m.signer.public_key.fingerprint(),
                    created_at: m.created_at.to_string(),
                    decision_zh: m.opinion.decision.label_zh().to_owned(),
                    organisation: m.opinion.organisation.clone(),
                    reviewer: m.opinion.reviewer.clone(),
                    text: m.opinion.text.clone(),
                    file_name: m.package.file_name.clone(),
                });
                r.problems = link_problems.into_iter().chain(inner_problems).collect();
                r.status = status_code(chain).to_owned();
                r.status_zh = chain.label_zh().to_owned();
                r.sha256 = hex(&super::sha256(bytes));
                r.size = bytes.len() as u64;
                r.kind = "forward".to_owned();
                r
            }
            Err(p) => {
                let mut r = report(bytes, limits);
                r.status = status_code(p.status()).to_owned();
                r.status_zh = p.status().label_zh().to_owned();
                r.problems = vec![problem(&p)];
                r.kind = "forward".to_owned();
                r
            }
        }
    } else {
        report_with(bytes, limits, known)
    };
    if let Some(a) = against {
        if let Some(draft) = form_draft(&r) {
            r.score = a
                .campaign
                .review
                .score_fields
                .iter()
                .find_map(|id| draft.values.filled(id))
                .map(str::to_owned);
            r.revalidation = Some(revalidate(a, &draft, &r));
        }
    }
    r
}

/// A report's `form.json` back into a draft, with the manifest's
/// attachments (for the material checks). `None` if the form is missing
/// or not of this format.
pub fn form_draft(r: &Report) -> Option<Draft> {
    let json = r.form_json.as_deref()?;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FormJson {
        campaign: String,
        category: String,
        format: u32,
        values: Values,
    }
    let form: FormJson = serde_json::from_str(json).ok()?;
    if form.format != FORMAT {
        return None;
    }
    let mut draft = Draft::new("package", &form.campaign, &form.category);
    draft.values = form.values;
    draft.attachments = r
        .entries
        .iter()
        .filter_map(|e| {
            let slot = e.path.strip_prefix("attachments/")?.split('/').next()?;
            Some(Attachment {
                id: e.path.clone(),
                slot: slot.to_owned(),
                name: e.original_name.clone().unwrap_or_default(),
                size: e.size,
                media_type: String::new(),
            })
        })
        .collect();
    Some(draft)
}

fn revalidate(a: Against<'_>, draft: &Draft, r: &Report) -> Revalidation {
    let now = validate(a.campaign, draft, a.today);
    let label = |f: &Finding| {
        let kind = match f.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        format!("{kind}：{}", f.message)
    };
    let now_labels: Vec<String> = now.iter().map(label).collect();
    let recorded: Vec<String> = r.warnings.iter().map(|w| format!("警告：{w}")).collect();
    Revalidation {
        same_campaign: r.campaign.as_deref() == Some(a.campaign.id.as_str())
            && r.campaign_sha256.as_deref() == Some(hex(&a.campaign_sha256).as_str()),
        errors: now.iter().filter(|f| f.is_error()).count(),
        warnings: now.iter().filter(|f| !f.is_error()).count(),
        added: now_labels
            .iter()
            .filter(|l| !recorded.contains(l))
            .cloned()
            .collect(),
        gone: recorded
            .iter()
            .filter(|l| !now_labels.contains(l))
            .cloned()
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

    fn against(campaign: &Campaign) -> Against<'_> {
        Against {
            campaign,
            campaign_sha256: crate::package::sha256(crate::campaign::BUILTIN_JSON.as_bytes()),
            today: Date::parse("2011-09-25").expect("date"),
        }
    }

    #[test]
    fn inspection_reads_the_form_and_validates_it_again() {
        let c = builtin().expect("campaign");
        let written = crate::package::fixture::package(&[]);
        let r = inspect(&written.bytes, &Limits::default(), Some(against(&c)), None);
        assert_eq!(r.status, "valid");
        assert_eq!(r.kind, "package");
        assert_eq!(r.category_id.as_deref(), Some("enterprise"));
        assert_eq!(r.route_id.as_deref(), Some("changzhou"));
        let form = r.form_json.as_deref().expect("form.json is intact");
        assert!(form.contains("常州市某某服务有限公司"));
        let digest = crate::package::sha256(form.as_bytes());
        assert_eq!(r.form_digest, Some(grouped_hex(&digest[..16])));
        let again = r.revalidation.expect("validated again");
        assert!(again.same_campaign);
        // The fixture is far from complete: the reviewer sees the errors the
        // applicant's package did not record.
        assert!(again.errors > 0);
        assert_eq!(again.added.len(), again.errors + again.warnings);
        assert!(again
            .added
            .iter()
            .all(|m| m.starts_with("错误：") || m.starts_with("警告：")));
        assert!(again.gone.is_empty());
    }

    #[test]
    fn the_score_comes_from_the_campaigns_review_fields() {
        let c = builtin().expect("campaign");
        let written = crate::package::fixture::package(&[]);
        let mut other = c.clone();
        other.review.score_fields = vec!["unit_name".to_owned()];
        let r = inspect(
            &written.bytes,
            &Limits::default(),
            Some(against(&other)),
            None,
        );
        assert_eq!(r.score.as_deref(), Some("常州市某某服务有限公司"));
        let r = inspect(&written.bytes, &Limits::default(), Some(against(&c)), None);
        assert_eq!(r.score, None);
        let other_sha = Against {
            campaign_sha256: [0; 32],
            ..against(&c)
        };
        let r = inspect(&written.bytes, &Limits::default(), Some(other_sha), None);
        assert!(!r.revalidation.expect("validated").same_campaign);
    }

    #[test]
    fn a_forwarding_package_reports_both_links() {
        use crate::package::{write_forward, Decision, Opinion, SigningKey};
        let written = crate::package::fixture::package(&[]);
        let opinion = Opinion {
            decision: Decision::Recommend,
            organisation: "常州市质量协会".to_owned(),
            reviewer: "王审核".to_owned(),
            text: "同意推荐。".to_owned(),
        };
        let city = SigningKey::from_seed([9; 32]);
        let bytes =
            write_forward(&written.bytes, "a.zip", &opinion, &city, 0, "t").expect("forwards");
        let r = inspect(&bytes, &Limits::default(), None, None);
        assert_eq!(r.kind, "forward");
        assert_eq!(r.status, "valid", "{:?}", r.problems);
        assert_eq!(r.sha256, hex(&crate::package::sha256(&bytes)));
        assert_eq!(r.applicant.as_deref(), Some("常州市某某服务有限公司"));
        let f = r.forward.expect("forward link");
        assert_eq!(f.status, "valid");
        assert_eq!(f.inner_status, "valid");
        assert_eq!(f.fingerprint, city.public().fingerprint());
        assert_eq!(
            r.fingerprint,
            Some(crate::package::fixture::key().public().fingerprint())
        );
        assert_eq!(f.decision_zh, "推荐");

        // A forwarding package cut short is reported, not a panic.
        let r = inspect(&bytes[..bytes.len() - 10], &Limits::default(), None, None);
        assert_eq!(r.kind, "forward");
        assert_ne!(r.status, "valid");
    }

    #[test]
    fn digests_computed_elsewhere_are_used() {
        let written = crate::package::fixture::package(&[]);
        let bytes = &written.bytes;
        let opened = open(bytes, &Limits::default()).expect("opens");
        let ranges = opened.stored_ranges();
        assert!(!ranges.is_empty());
        let right = KnownDigests {
            file: Some(crate::package::sha256(bytes)),
            ranges: ranges
                .iter()
                .map(|&(s, e)| ((s, e), crate::package::sha256(&bytes[s..e])))
                .collect(),
        };
        let plain = report(bytes, &Limits::default());
        assert_eq!(
            report_with(bytes, &Limits::default(), Some(right.clone())),
            plain
        );
        // A wrong digest is believed, which shows it is used: the entry it
        // names is reported as changed.
        let mut wrong = right;
        let last = wrong.ranges.len() - 1;
        wrong.ranges[last].1[0] ^= 1;
        let r = report_with(bytes, &Limits::default(), Some(wrong));
        assert_eq!(r.status, "invalid");
        assert_eq!(r.problems.len(), 1);
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
