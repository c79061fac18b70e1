//! A small valid application and its package, for the unit tests.

use super::zip::{self, Method, NewEntry};
use super::{sha256, write, Limits, PackageInput, SigningKey, Written};
use crate::campaign::{builtin, Campaign, BUILTIN_JSON};
use crate::model::{Attachment, Draft, Finding};

/// A test key, never for real packages.
pub(crate) fn key() -> SigningKey {
    SigningKey::from_seed([0x5e; 32])
}

/// 2011-09-20T08:00:00.000Z.
pub(crate) const CREATED_AT_MS: i64 = 1_316_505_600_000;

pub(crate) fn campaign() -> Campaign {
    builtin().expect("the shipped campaign loads")
}

/// An enterprise draft with two attachments: a PDF summary and a Word
/// media file.
pub(crate) fn draft() -> (Draft, Vec<(Attachment, Vec<u8>)>) {
    let mut draft = Draft::new("draft-1", "jiangsu-2011", "enterprise");
    draft.values.set_text("route", "changzhou");
    draft.values.set_text("unit_name", "常州市某某服务有限公司");
    draft.values.set_text("deeds", "事迹。");
    let files = vec![
        file(
            "a1",
            "summary",
            "创建活动总结.pdf",
            "application/pdf",
            b"%PDF-1.4 summary",
        ),
        file(
            "a2",
            "media",
            "报道.doc",
            "application/msword",
            &b"doc doc doc ".repeat(20),
        ),
    ];
    draft.attachments = files.iter().map(|(a, _)| a.clone()).collect();
    (draft, files)
}

pub(crate) fn file(
    id: &str,
    slot: &str,
    name: &str,
    media_type: &str,
    bytes: &[u8],
) -> (Attachment, Vec<u8>) {
    (
        Attachment {
            id: id.into(),
            slot: slot.into(),
            name: name.into(),
            size: bytes.len() as u64,
            media_type: media_type.into(),
        },
        bytes.to_vec(),
    )
}

/// The package of [`draft`] with these findings.
pub(crate) fn package(findings: &[Finding]) -> Written {
    let campaign = campaign();
    let (draft, files) = draft();
    let refs: Vec<(&Attachment, &[u8])> = files.iter().map(|(a, b)| (a, b.as_slice())).collect();
    let input = PackageInput {
        campaign: &campaign,
        campaign_sha256: sha256(BUILTIN_JSON.as_bytes()),
        draft: &draft,
        files: &refs,
        findings,
        app_version: "shenbao test",
    };
    write(&input, &key(), CREATED_AT_MS).expect("writes")
}

/// An archive's entries: name, uncompressed bytes and method.
pub(crate) type Entries = Vec<(String, Vec<u8>, Method)>;

/// Unpacks an archive with the fixed layout, lets `edit` change its
/// entries, and packs them again with correct CRCs and sizes: what an
/// attacker with a ZIP tool would do.
pub(crate) fn rebuild(bytes: &[u8], edit: impl FnOnce(&mut Entries)) -> Vec<u8> {
    let dir = zip::directory(bytes, 1000).expect("directory");
    let spans = dir.check_layout(bytes, &Limits::default()).expect("layout");
    let mut entries: Entries = dir
        .records
        .iter()
        .zip(spans)
        .map(|(record, span)| {
            let data = zip::extract(record, &bytes[span.start..span.end])
                .expect("extract")
                .into_owned();
            let method = if record.is_stored() {
                Method::Stored
            } else {
                Method::Deflated
            };
            (
                String::from_utf8(record.name.to_vec()).expect("ascii"),
                data,
                method,
            )
        })
        .collect();
    edit(&mut entries);
    let new: Vec<NewEntry<'_>> = entries
        .iter()
        .map(|(name, data, method)| NewEntry {
            name,
            data,
            method: *method,
        })
        .collect();
    zip::write(&new).expect("write")
}
