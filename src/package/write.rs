//! Making a package from a draft: the form as JSON and as a printable page,
//! the attachments under app-made names, the manifest, the signature, and
//! the archive with the fixed layout. Same input, time and key give the same
//! bytes.

use serde::Serialize;

use super::key::{PublicKey, SigningKey};
use super::manifest::{
    clean_name, CampaignRef, CategoryRef, Entry, FindingRecord, Manifest, Recipient, RouteRef,
    Signer,
};
use super::path::{attachment_path, is_precompressed, is_slot_id, MAX_PER_SLOT};
use super::signature::SignatureFile;
use super::time::Timestamp;
use super::zip::{self, Method, NewEntry};
use super::{
    grouped_hex, sha256, Limits, WriteError, FORMAT, FORM_HTML_PATH, FORM_JSON_PATH, MANIFEST_PATH,
    MIMETYPE, MIMETYPE_PATH, SIGNATURE_PATH,
};
use crate::campaign::{Campaign, FieldType};
use crate::model::{applicant, Attachment, Draft, Finding, Values};
use crate::render::{form_html, Footer};

/// The media type a manifest gives a file whose own is unusable.
const FALLBACK_MEDIA_TYPE: &str = "application/octet-stream";

/// Everything a package is made from, besides the key and the time.
#[derive(Debug, Clone, Copy)]
pub struct PackageInput<'a> {
    /// The campaign the draft was filled against.
    pub campaign: &'a Campaign,
    /// The SHA-256 of the campaign definition file ([`sha256`] of its
    /// bytes).
    pub campaign_sha256: [u8; 32],
    /// The application.
    pub draft: &'a Draft,
    /// The bytes of every file attached to the draft, with its record.
    pub files: &'a [(&'a Attachment, &'a [u8])],
    /// What validation found; a final package may carry warnings only.
    pub findings: &'a [Finding],
    /// The app's name and version, e.g. `shenbao 0.1.0`.
    pub app_version: &'a str,
}

/// A package made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The package file.
    pub bytes: Vec<u8>,
    /// The SHA-256 of the file.
    pub sha256: [u8; 32],
    /// Its manifest.
    pub manifest: Manifest,
}

/// Makes and signs a package. `created_at_ms` is the signer's clock in
/// milliseconds since the Unix epoch; it goes into the manifest only (ZIP
/// times are fixed), so the same input, time and key give the same bytes.
pub fn write(
    input: &PackageInput<'_>,
    key: &SigningKey,
    created_at_ms: i64,
) -> Result<Written, WriteError> {
    let (bytes, manifest) = write_with_digests(input, key, created_at_ms, &[])?;
    Ok(Written {
        sha256: sha256(&bytes),
        bytes,
        manifest,
    })
}

/// [`write()`], taking the SHA-256 of attachments computed elsewhere (in the
/// browser, by WebCrypto: `(attachment id, digest)`; the rest are computed
/// here) and leaving the digest of the whole package to the caller. Returns
/// the package and its manifest.
pub fn write_with_digests(
    input: &PackageInput<'_>,
    key: &SigningKey,
    created_at_ms: i64,
    known: &[(&str, [u8; 32])],
) -> Result<(Vec<u8>, Manifest), WriteError> {
    let PackageInput {
        campaign, draft, ..
    } = *input;
    let limits = Limits::default();
    let errors = input.findings.iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        return Err(WriteError::HasErrors { count: errors });
    }
    if draft.campaign != campaign.id {
        return Err(WriteError::CampaignMismatch {
            draft: draft.campaign.clone(),
            campaign: campaign.id.clone(),
        });
    }
    let unknown_category = || WriteError::UnknownCategory {
        id: draft.category.clone(),
    };
    let category = campaign
        .category(&draft.category)
        .ok_or_else(unknown_category)?;
    let form = campaign.form(&category.form).ok_or_else(unknown_category)?;
    let route_id = campaign
        .form_fields(form)
        .find(|f| f.kind == FieldType::Route)
        .and_then(|f| draft.values.filled(&f.id))
        .ok_or(WriteError::MissingRoute)?;
    let route = campaign
        .route(route_id)
        .ok_or_else(|| WriteError::UnknownRoute {
            id: route_id.to_owned(),
        })?;
    let applicant = applicant(campaign, draft).ok_or(WriteError::MissingApplicant)?;
    let created_at = Timestamp::from_unix_ms(created_at_ms).ok_or(WriteError::ClockOutOfRange {
        unix_ms: created_at_ms,
    })?;

    let files = attachments_in_order(input)?;

    let form_json = form_json(draft)?;
    let footer = footer(draft, &key.public())?;
    let form_html = form_html(campaign, draft, &footer);

    let mut entries = vec![
        entry(FORM_JSON_PATH, "application/json", &form_json),
        entry(FORM_HTML_PATH, "text/html", form_html.as_bytes()),
    ];
    let mut paths = Vec::with_capacity(files.len());
    let mut per_slot: Vec<(&str, usize)> = Vec::new();
    for (attachment, bytes) in &files {
        let number = match per_slot.iter_mut().find(|(s, _)| *s == attachment.slot) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                per_slot.push((&attachment.slot, 1));
                1
            }
        };
        if number > MAX_PER_SLOT {
            return Err(WriteError::TooManyFiles {
                count: number,
                max: MAX_PER_SLOT,
            });
        }
        let media_type = usable_media_type(&attachment.media_type);
        let path = attachment_path(&attachment.slot, number, media_type);
        let digest = known
            .iter()
            .find(|(id, _)| *id == attachment.id)
            .map_or_else(|| sha256(bytes), |(_, d)| *d);
        entries.push(Entry {
            media_type: media_type.to_owned(),
            original_name: Some(clean_name(&attachment.name)),
            path: path.clone(),
            sha256: digest,
            size: bytes.len() as u64,
            slot: Some(attachment.slot.clone()),
        });
        paths.push((path, is_precompressed(media_type)));
    }
    for e in &entries {
        if e.size > limits.max_entry_bytes {
            return Err(WriteError::TooLarge {
                what: "单个文件",
                size: e.size,
                max: limits.max_entry_bytes,
            });
        }
    }

    let public = key.public();
    let manifest = Manifest {
        app_version: input.app_version.to_owned(),
        applicant: applicant.to_owned(),
        campaign: CampaignRef {
            id: campaign.id.clone(),
            sha256: input.campaign_sha256,
        },
        category: CategoryRef {
            id: category.id.clone(),
            name: category.name.clone(),
        },
        created_at,
        entries,
        findings: input.findings.iter().map(FindingRecord::from).collect(),
        format: FORMAT,
        recipient: Recipient {
            email: route.recipient.email.clone(),
            name: route.recipient.name.clone(),
        },
        route: RouteRef {
            id: route.id.clone(),
            name: route.name.clone(),
        },
        signer: Signer {
            key_id: public.key_id(),
            public_key: public,
        },
    };
    let manifest_bytes = manifest.to_json().map_err(|e| WriteError::Encode {
        detail: e.to_string(),
    })?;
    if manifest_bytes.len() as u64 > limits.max_manifest_bytes {
        return Err(WriteError::TooLarge {
            what: "文件清单",
            size: manifest_bytes.len() as u64,
            max: limits.max_manifest_bytes,
        });
    }
    let signature = SignatureFile::sign(key, &manifest_bytes, &manifest.trusted_comment()).encode();

    let mut archive = vec![
        stored(MIMETYPE_PATH, MIMETYPE.as_bytes()),
        deflated(MANIFEST_PATH, &manifest_bytes),
        stored(SIGNATURE_PATH, &signature),
        deflated(FORM_JSON_PATH, &form_json),
        deflated(FORM_HTML_PATH, form_html.as_bytes()),
    ];
    for ((_, bytes), (path, precompressed)) in files.iter().zip(&paths) {
        archive.push(if *precompressed {
            stored(path, bytes)
        } else {
            deflated(path, bytes)
        });
    }
    let bytes = zip::write(&archive)?;
    if bytes.len() as u64 > limits.max_package_bytes {
        return Err(WriteError::TooLarge {
            what: "申报包",
            size: bytes.len() as u64,
            max: limits.max_package_bytes,
        });
    }
    Ok((bytes, manifest))
}

/// `form.json`: the draft's campaign, category and values, as canonical
/// JSON (sorted keys, no whitespace).
pub fn form_json(draft: &Draft) -> Result<Vec<u8>, WriteError> {
    // Fields in sorted order; `Values` is a sorted map already.
    #[derive(Serialize)]
    struct FormJson<'a> {
        campaign: &'a str,
        category: &'a str,
        format: u32,
        values: &'a Values,
    }
    serde_json::to_vec(&FormJson {
        campaign: &draft.campaign,
        category: &draft.category,
        format: FORMAT,
        values: &draft.values,
    })
    .map_err(|e| WriteError::Encode {
        detail: e.to_string(),
    })
}

/// The SHA-256 of the `form.json` that a package of `draft` holds: what a
/// printed form's footer and QR code show, and what the manifest lists for
/// `form.json`.
pub fn form_digest(draft: &Draft) -> Result<[u8; 32], WriteError> {
    Ok(sha256(&form_json(draft)?))
}

/// What the printed form shows at its foot: the signer's key fingerprint
/// and the first 16 bytes of the SHA-256 of `form.json`, so a stamped paper
/// copy can be matched with the package.
pub fn footer(draft: &Draft, key: &PublicKey) -> Result<Footer, WriteError> {
    let digest = form_digest(draft)?;
    Ok(Footer {
        fingerprint: key.fingerprint(),
        digest: grouped_hex(&digest[..16]),
    })
}

/// The draft's files with their bytes, checked against the draft and the
/// campaign's limits, in the campaign's material order (then as attached).
fn attachments_in_order<'a>(
    input: &PackageInput<'a>,
) -> Result<Vec<(&'a Attachment, &'a [u8])>, WriteError> {
    let PackageInput {
        campaign,
        draft,
        files,
        ..
    } = *input;
    for attached in &draft.attachments {
        if !files.iter().any(|(a, _)| a.id == attached.id) {
            return Err(WriteError::MissingFile {
                name: attached.name.clone(),
            });
        }
    }
    let max_files = Limits::default().max_entries - 5;
    if files.len() > max_files {
        return Err(WriteError::TooManyFiles {
            count: files.len(),
            max: max_files,
        });
    }
    let limits = campaign.limits;
    let mut total = 0u64;
    let mut ordered = Vec::with_capacity(files.len());
    for (i, &(attachment, bytes)) in files.iter().enumerate() {
        let name = || attachment.name.clone();
        let in_draft = draft.attachments.iter().any(|a| a.id == attachment.id);
        let repeated = files.iter().take(i).any(|(a, _)| a.id == attachment.id);
        if !in_draft || repeated {
            return Err(WriteError::UnexpectedFile { name: name() });
        }
        let material = campaign
            .materials_for(&draft.category)
            .position(|(m, _)| m.id == attachment.slot && !m.generated);
        let Some(material) = material.filter(|_| is_slot_id(&attachment.slot)) else {
            return Err(WriteError::UnknownSlot {
                name: name(),
                slot: attachment.slot.clone(),
            });
        };
        let actual = bytes.len() as u64;
        if actual != attachment.size {
            return Err(WriteError::SizeMismatch {
                name: name(),
                declared: attachment.size,
                actual,
            });
        }
        if actual > limits.max_file_bytes {
            return Err(WriteError::FileTooLarge {
                name: name(),
                size: actual,
                max: limits.max_file_bytes,
            });
        }
        total += actual;
        ordered.push((material, attachment, bytes));
    }
    if total > limits.max_total_bytes {
        return Err(WriteError::TotalTooLarge {
            total,
            max: limits.max_total_bytes,
        });
    }
    // A stable sort keeps the order of attaching within a slot.
    ordered.sort_by_key(|(material, _, _)| *material);
    Ok(ordered.into_iter().map(|(_, a, b)| (a, b)).collect())
}

/// The media type as given when it is short printable ASCII, else
/// `application/octet-stream`.
fn usable_media_type(media_type: &str) -> &str {
    let usable = (1..=100).contains(&media_type.len())
        && media_type.bytes().all(|b| (b' '..=b'~').contains(&b));
    if usable {
        media_type
    } else {
        FALLBACK_MEDIA_TYPE
    }
}

/// The entry of `form.json` or `form.html`, which have no slot or name.
fn entry(path: &str, media_type: &str, bytes: &[u8]) -> Entry {
    Entry {
        media_type: media_type.to_owned(),
        original_name: None,
        path: path.to_owned(),
        sha256: sha256(bytes),
        size: bytes.len() as u64,
        slot: None,
    }
}

fn stored<'a>(name: &'a str, data: &'a [u8]) -> NewEntry<'a> {
    NewEntry {
        name,
        data,
        method: Method::Stored,
    }
}

fn deflated<'a>(name: &'a str, data: &'a [u8]) -> NewEntry<'a> {
    NewEntry {
        name,
        data,
        method: Method::Deflated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::BUILTIN_JSON;
    use crate::model::Target;
    use crate::package::fixture::{self, campaign, draft, file, key, CREATED_AT_MS};
    use crate::package::{verify, zip::directory, Status};

    fn try_write(
        draft: &Draft,
        files: &[(Attachment, Vec<u8>)],
        findings: &[Finding],
    ) -> Result<Written, WriteError> {
        let campaign = campaign();
        let refs: Vec<(&Attachment, &[u8])> =
            files.iter().map(|(a, b)| (a, b.as_slice())).collect();
        write(
            &input(&campaign, draft, &refs, findings),
            &key(),
            CREATED_AT_MS,
        )
    }

    /// The input of a test package with the shipped campaign.
    fn input<'a>(
        campaign: &'a Campaign,
        draft: &'a Draft,
        files: &'a [(&'a Attachment, &'a [u8])],
        findings: &'a [Finding],
    ) -> PackageInput<'a> {
        PackageInput {
            campaign,
            campaign_sha256: sha256(BUILTIN_JSON.as_bytes()),
            draft,
            files,
            findings,
            app_version: "shenbao test",
        }
    }

    #[test]
    fn the_manifest_describes_the_application() {
        let written = fixture::package(&[]);
        let m = &written.manifest;
        assert_eq!(m.format, 1);
        assert_eq!(m.applicant, "常州市某某服务有限公司");
        assert_eq!(m.campaign.id, "jiangsu-2011");
        assert_eq!(m.campaign.sha256, sha256(BUILTIN_JSON.as_bytes()));
        assert_eq!(m.category.id, "enterprise");
        assert_eq!(m.category.name, "江苏省用户满意服务明星企(事)业");
        assert_eq!(m.route.id, "changzhou");
        assert_eq!(m.route.name, "常州市");
        assert_eq!(m.recipient.name, "常州市质量协会");
        assert_eq!(m.created_at.to_string(), "2011-09-20T08:00:00.000Z");
        assert_eq!(m.signer.public_key, key().public());
        let summary = &m.entries[2];
        assert_eq!(summary.path, "attachments/summary/01.pdf");
        assert_eq!(summary.slot.as_deref(), Some("summary"));
        assert_eq!(summary.original_name.as_deref(), Some("创建活动总结.pdf"));
        assert_eq!(summary.sha256, sha256(b"%PDF-1.4 summary"));
        assert_eq!(written.sha256, sha256(&written.bytes));
    }

    #[test]
    fn same_input_time_and_key_give_the_same_bytes() {
        let a = fixture::package(&[]);
        let b = fixture::package(&[]);
        assert_eq!(a.bytes, b.bytes);
        let (draft, files) = draft();
        let later = {
            let campaign = campaign();
            let refs: Vec<(&Attachment, &[u8])> =
                files.iter().map(|(a, b)| (a, b.as_slice())).collect();
            write(
                &input(&campaign, &draft, &refs, &[]),
                &key(),
                CREATED_AT_MS + 1,
            )
            .expect("writes")
        };
        assert_ne!(later.bytes, a.bytes);
    }

    #[test]
    fn digests_computed_elsewhere_give_the_same_package() {
        let campaign = campaign();
        let (draft, files) = draft();
        let refs: Vec<(&Attachment, &[u8])> =
            files.iter().map(|(a, b)| (a, b.as_slice())).collect();
        let input = input(&campaign, &draft, &refs, &[]);
        let plain = write(&input, &key(), CREATED_AT_MS).expect("writes");
        let right: Vec<(&str, [u8; 32])> = files
            .iter()
            .map(|(a, b)| (a.id.as_str(), sha256(b)))
            .collect();
        let (bytes, manifest) =
            write_with_digests(&input, &key(), CREATED_AT_MS, &right).expect("writes");
        assert_eq!(bytes, plain.bytes);
        assert_eq!(manifest, plain.manifest);
        // A given digest is what goes into the manifest.
        let wrong: Vec<(&str, [u8; 32])> = right.iter().map(|(id, _)| (*id, [7; 32])).collect();
        let (_, manifest) =
            write_with_digests(&input, &key(), CREATED_AT_MS, &wrong).expect("writes");
        assert!(manifest
            .entries
            .iter()
            .filter(|e| e.slot.is_some())
            .all(|e| e.sha256 == [7; 32]));
    }

    #[test]
    fn entries_are_in_the_fixed_order_with_fitting_compression() {
        let written = fixture::package(&[]);
        let dir = directory(&written.bytes, 100).expect("directory");
        let entries: Vec<(&[u8], bool)> = dir
            .records
            .iter()
            .map(|r| (r.name, r.is_stored()))
            .collect();
        assert_eq!(
            entries,
            [
                (&b"mimetype"[..], true),
                (b"manifest.json", false),
                (b"manifest.sig", true),
                (b"form.json", false),
                (b"form.html", false),
                (b"attachments/summary/01.pdf", true),
                (b"attachments/media/01.doc", false),
            ]
        );
        // A reader can identify the format from the first bytes alone.
        assert_eq!(&written.bytes[30..38], b"mimetype");
        assert_eq!(&written.bytes[38..38 + MIMETYPE.len()], MIMETYPE.as_bytes());
    }

    #[test]
    fn attachments_follow_the_campaign_material_order_and_are_numbered_per_slot() {
        let (mut draft, mut files) = draft();
        files.insert(
            0,
            file("a3", "summary", "总结附表.png", "image/png", b"\x89PNG two"),
        );
        files.push(file("a4", "media", "bad\u{202e}fdp.exe", "", b"?"));
        draft.attachments = files.iter().map(|(a, _)| a.clone()).collect();
        let written = try_write(&draft, &files, &[]).expect("writes");
        let paths: Vec<(&str, Option<&str>)> = written
            .manifest
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.original_name.as_deref()))
            .collect();
        assert_eq!(
            paths[2..],
            [
                ("attachments/summary/01.png", Some("总结附表.png")),
                ("attachments/summary/02.pdf", Some("创建活动总结.pdf")),
                ("attachments/media/01.doc", Some("报道.doc")),
                ("attachments/media/02.bin", Some("bad_fdp.exe")),
            ]
        );
        assert_eq!(
            written.manifest.entries[5].media_type,
            "application/octet-stream"
        );
        let v = verify(&written.bytes, &Limits::default()).expect("opens");
        assert_eq!(v.status, Status::Valid, "{}", v.summary_zh());
    }

    #[test]
    fn errors_block_a_final_package_and_warnings_do_not() {
        let (draft, files) = draft();
        let error = Finding::error(Target::field("unit_code"), "请填写");
        let warning = Finding::warning(Target::field("postcode"), "不在江苏");
        assert_eq!(
            try_write(&draft, &files, &[warning.clone(), error]),
            Err(WriteError::HasErrors { count: 1 })
        );
        assert!(try_write(&draft, &files, &[warning]).is_ok());
    }

    #[test]
    fn files_must_match_the_draft() {
        let (draft, files) = draft();
        let mut short = files.clone();
        short[0].1.pop();
        assert!(matches!(
            try_write(&draft, &short, &[]),
            Err(WriteError::SizeMismatch {
                declared: 16,
                actual: 15,
                ..
            })
        ));
        assert!(matches!(
            try_write(&draft, &files[..1], &[]),
            Err(WriteError::MissingFile { .. })
        ));
        let mut extra = files.clone();
        extra.push(file("zz", "summary", "x.pdf", "application/pdf", b"x"));
        assert!(matches!(
            try_write(&draft, &extra, &[]),
            Err(WriteError::UnexpectedFile { .. })
        ));
        let mut twice = files.clone();
        twice.push(files[0].clone());
        assert!(matches!(
            try_write(&draft, &twice, &[]),
            Err(WriteError::UnexpectedFile { .. })
        ));
        let (mut draft, mut files) = fixture::draft();
        files[0].0.slot = "third_party_report_x".into();
        draft.attachments[0].slot = "third_party_report_x".into();
        assert!(matches!(
            try_write(&draft, &files, &[]),
            Err(WriteError::UnknownSlot { .. })
        ));
    }

    #[test]
    fn campaign_limits_apply() {
        let (mut draft, mut files) = draft();
        let big = vec![0u8; 20 * 1024 * 1024 + 1];
        files[0] = file("a1", "summary", "大.pdf", "application/pdf", &big);
        draft.attachments[0] = files[0].0.clone();
        assert!(matches!(
            try_write(&draft, &files, &[]),
            Err(WriteError::FileTooLarge { .. })
        ));
    }

    #[test]
    fn the_draft_must_name_route_and_applicant() {
        let (mut draft, files) = draft();
        draft.values.set_text("route", "");
        assert_eq!(
            try_write(&draft, &files, &[]),
            Err(WriteError::MissingRoute)
        );
        draft.values.set_text("route", "beijing");
        assert_eq!(
            try_write(&draft, &files, &[]),
            Err(WriteError::UnknownRoute {
                id: "beijing".into()
            })
        );
        draft.values.set_text("route", "industry");
        draft.values.set_text("unit_name", " ");
        assert_eq!(
            try_write(&draft, &files, &[]),
            Err(WriteError::MissingApplicant)
        );
        draft.values.set_text("unit_name", "某协会会员单位");
        let written = try_write(&draft, &files, &[]).expect("writes");
        assert_eq!(written.manifest.route.name, "省行业协会");
        assert_eq!(written.manifest.recipient.email, "jsaq2007@126.com");
        draft.campaign = "jiangsu-2012".into();
        assert!(matches!(
            try_write(&draft, &files, &[]),
            Err(WriteError::CampaignMismatch { .. })
        ));
        draft.campaign = "jiangsu-2011".into();
        draft.category = "nobody".into();
        assert!(matches!(
            try_write(&draft, &files, &[]),
            Err(WriteError::UnknownCategory { .. })
        ));
    }

    #[test]
    fn the_clock_must_be_writable() {
        let (draft, files) = draft();
        let campaign = campaign();
        let refs: Vec<(&Attachment, &[u8])> =
            files.iter().map(|(a, b)| (a, b.as_slice())).collect();
        let input = PackageInput {
            campaign: &campaign,
            campaign_sha256: [0; 32],
            draft: &draft,
            files: &refs,
            findings: &[],
            app_version: "t",
        };
        assert_eq!(
            write(&input, &key(), i64::MAX),
            Err(WriteError::ClockOutOfRange { unix_ms: i64::MAX })
        );
    }

    #[test]
    fn form_json_is_canonical_and_the_footer_matches_it() {
        let (draft, _) = draft();
        let json = form_json(&draft).expect("json");
        let text = String::from_utf8(json.clone()).expect("utf-8");
        assert!(text.starts_with(
            r#"{"campaign":"jiangsu-2011","category":"enterprise","format":1,"values":{"#
        ));
        let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(serde_json::to_vec(&value).expect("json"), json);
        let footer = footer(&draft, &key().public()).expect("footer");
        assert_eq!(footer.digest, grouped_hex(&sha256(&json)[..16]));
        assert_eq!(footer.fingerprint, key().public().fingerprint());
        let written = fixture::package(&[]);
        assert_eq!(written.manifest.entries[0].sha256, sha256(&json));
    }

    #[test]
    fn the_printed_form_carries_the_fingerprint_and_digest() {
        let written = fixture::package(&[]);
        let opened = crate::package::open(&written.bytes, &Limits::default()).expect("opens");
        let html = String::from_utf8(opened.read("form.html").expect("reads")).expect("utf-8");
        let (draft, _) = draft();
        let footer = footer(&draft, &key().public()).expect("footer");
        assert!(html.contains(&footer.fingerprint));
        assert!(html.contains(&footer.digest));
        assert!(html.contains("常州市某某服务有限公司"));
    }

    /// The digest a printed form shows (and its QR code encodes) is that of
    /// the `form.json` bytes inside the package, and the manifest agrees.
    #[test]
    fn the_print_digest_is_that_of_form_json_in_the_package() {
        use crate::package::hex;
        let (draft, _) = draft();
        let written = fixture::package(&[]);
        let opened = crate::package::open(&written.bytes, &Limits::default()).expect("opens");
        let inside = opened.read(FORM_JSON_PATH).expect("reads");
        let digest = form_digest(&draft).expect("digest");
        assert_eq!(digest, sha256(&inside));
        let listed = written
            .manifest
            .entries
            .iter()
            .find(|e| e.path == FORM_JSON_PATH)
            .expect("listed");
        assert_eq!(listed.sha256, digest);
        // The QR code's text, made from what a reviewer sees in the package.
        let signer = written.manifest.signer.public_key.fingerprint();
        let code = crate::render::print_code(&signer, &hex(&listed.sha256)).expect("code");
        assert_eq!(
            code,
            crate::render::print_code(&key().public().fingerprint(), &hex(&digest)).expect("code")
        );
        assert!(code.ends_with(&hex(&sha256(&inside)).to_ascii_uppercase()));
        // Another value, another digest.
        let mut changed = draft.clone();
        changed.values.set_text("unit_name", "另一家单位");
        assert_ne!(form_digest(&changed).expect("digest"), digest);
    }
}
