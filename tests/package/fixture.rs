//! Valid packages made with a fixed test key and time.

use shenbao::campaign::{builtin, BUILTIN_JSON};
use shenbao::model::{Attachment, Draft, Finding, Target};
use shenbao::package::{sha256, write, PackageInput, SigningKey, Written};

/// The seed of the key that signs the test vectors. A test key: anyone can
/// sign with it, so a package it signed proves nothing.
pub const TEST_SEED: [u8; 32] = *b"shenbao test vectors; not secret";

/// Another test key, for signatures by the wrong key.
pub const OTHER_SEED: [u8; 32] = *b"shenbao other test key; public!!";

/// 2011-09-20T08:00:00.000Z.
pub const CREATED_AT_MS: i64 = 1_316_505_600_000;

pub fn key() -> SigningKey {
    SigningKey::from_seed(TEST_SEED)
}

pub fn other_key() -> SigningKey {
    SigningKey::from_seed(OTHER_SEED)
}

/// What a package is made of.
pub struct Application {
    pub draft: Draft,
    pub files: Vec<(Attachment, Vec<u8>)>,
    pub findings: Vec<Finding>,
}

impl Application {
    /// An enterprise applying through 常州市, with no files.
    pub fn minimal() -> Self {
        let mut draft = Draft::new("draft-1", "jiangsu-2011", "enterprise");
        draft.values.set_text("route", "changzhou");
        draft.values.set_text("unit_name", "常州市某某服务有限公司");
        draft.values.set_text("fill_date", "2011-09-20");
        Self {
            draft,
            files: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// [`Application::minimal`] with a PDF summary (stored), a PNG
    /// certificate (stored) and a Word media report (deflated).
    pub fn with_attachments() -> Self {
        let mut app = Self::minimal();
        app.draft.values.set_text(
            "deeds",
            "我公司自2008年开展用户满意服务明星创建活动以来……\n\n一是健全服务制度；二是开展用户满意度测评。",
        );
        app.draft.values.set_cell("honours", 0, "year", "2010");
        app.draft
            .values
            .set_cell("honours", 0, "title", "江苏省文明单位");
        app.draft
            .values
            .set_cell("honours", 0, "grantor", "江苏省精神文明建设指导委员会");
        app.attach(
            "a1",
            "summary",
            "创建活动总结（定稿）.pdf",
            "application/pdf",
            b"%PDF-1.4\n% test summary\n%%EOF\n",
        );
        app.attach(
            "a2",
            "honour_certificates",
            "文明单位证书.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n test certificate",
        );
        app.attach(
            "a3",
            "media",
            "报纸报道.doc",
            "application/msword",
            &b"\xd0\xcf\x11\xe0 test report, repeated text compresses well. ".repeat(40),
        );
        app
    }

    /// [`Application::with_attachments`] with a warning.
    pub fn with_warning() -> Self {
        let mut app = Self::with_attachments();
        app.findings.push(Finding::warning(
            Target::field("satisfaction_index"),
            "用户满意度综合指数为 78，低于 80：请确认与测评报告一致",
        ));
        app
    }

    pub fn attach(&mut self, id: &str, slot: &str, name: &str, media_type: &str, bytes: &[u8]) {
        let attachment = Attachment {
            id: id.into(),
            slot: slot.into(),
            name: name.into(),
            size: bytes.len() as u64,
            media_type: media_type.into(),
        };
        self.draft.attachments.push(attachment.clone());
        self.files.push((attachment, bytes.to_vec()));
    }

    /// The package, signed with the test key at [`CREATED_AT_MS`].
    pub fn package(&self) -> Written {
        let campaign = builtin().expect("the shipped campaign loads");
        let files: Vec<(&Attachment, &[u8])> =
            self.files.iter().map(|(a, b)| (a, b.as_slice())).collect();
        let input = PackageInput {
            campaign: &campaign,
            campaign_sha256: sha256(BUILTIN_JSON.as_bytes()),
            draft: &self.draft,
            files: &files,
            findings: &self.findings,
            app_version: "shenbao 0.1.0",
        };
        write(&input, &key(), CREATED_AT_MS).expect("the test application packs")
    }
}
