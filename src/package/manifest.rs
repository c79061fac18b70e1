//! `manifest.json`: what the package is, who signed it, and every file with
//! its SHA-256.
//!
//! The manifest is canonical JSON: keys sorted, no insignificant
//! whitespace, UTF-8 without `\u` escapes except for control characters,
//! integers and strings only, every key always present (`null` when
//! empty). That is what `serde_json` writes for these structs, whose fields
//! are declared in sorted order; a reader re-serializes what it parsed and
//! refuses the file unless the bytes are identical, so one manifest has one
//! spelling. For this subset it is also RFC 8785 (JCS) and Python's
//! `json.dumps(m, ensure_ascii=False, separators=(",", ":"),
//! sort_keys=True)`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::key::{KeyId, PublicKey};
use super::path::{classify, unsafe_reason, PathKind};
use super::time::Timestamp;
use super::{Problem, FORMAT, FORM_HTML_PATH, FORM_JSON_PATH};
use crate::campaign::Severity;
use crate::model::{Finding, Target};

/// The longest original file name kept, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 255;

/// The manifest of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    // Fields in sorted order: serde writes them in declaration order.
    /// The app that wrote the package, e.g. `shenbao 0.1.0`.
    pub app_version: String,
    /// The unit or person applying, from the category's applicant field.
    pub applicant: String,
    /// The campaign the application is for.
    pub campaign: CampaignRef,
    /// The award category.
    pub category: CategoryRef,
    /// When the signer says the package was made.
    pub created_at: Timestamp,
    /// Every file but `mimetype`, `manifest.json` and `manifest.sig`, in
    /// archive order.
    pub entries: Vec<Entry>,
    /// The validation findings when the package was made; warnings only.
    pub findings: Vec<FindingRecord>,
    /// The format version, [`FORMAT`].
    pub format: u32,
    /// Who the package is for.
    pub recipient: Recipient,
    /// The route the application travels.
    pub route: RouteRef,
    /// The key that signed.
    pub signer: Signer,
}

/// The campaign, and the exact definition the form was filled against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignRef {
    /// The campaign id, e.g. `jiangsu-2011`.
    pub id: String,
    /// The SHA-256 of the campaign definition file.
    #[serde(with = "hex32")]
    pub sha256: [u8; 32],
}

/// An award category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRef {
    /// The category id, e.g. `enterprise`.
    pub id: String,
    /// The award's full name.
    pub name: String,
}

/// Who receives the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Email address; empty when the campaign does not know it.
    pub email: String,
    /// The receiving body, e.g. 常州市质量协会.
    pub name: String,
}

/// A route: a city, or the province's industry associations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRef {
    /// The route id, e.g. `changzhou`.
    pub id: String,
    /// Its name, e.g. 常州市.
    pub name: String,
}

/// The signer's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// The first 8 bytes of the SHA-256 of the key, 16 hex digits.
    pub key_id: KeyId,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: PublicKey,
}

/// One file of the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its media type, e.g. `application/pdf`.
    pub media_type: String,
    /// For an attachment: the file name the user picked.
    pub original_name: Option<String>,
    /// Its name in the archive.
    pub path: String,
    /// The SHA-256 of its uncompressed bytes.
    #[serde(with = "hex32")]
    pub sha256: [u8; 32],
    /// Its uncompressed size in bytes.
    pub size: u64,
    /// For an attachment: the material slot, e.g. `summary`.
    pub slot: Option<String>,
}

/// A validation finding as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRecord {
    /// What is wrong, in Chinese.
    pub message: String,
    /// Error or warning; a final package has warnings only.
    pub severity: Severity,
    /// What it is about.
    pub target: TargetRecord,
}

/// What a finding is about, with every key present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetRecord {
    /// For a table cell: the column id.
    pub column: Option<String>,
    /// For a field or cell: the field id.
    pub field: Option<String>,
    /// Field or material.
    pub kind: TargetKind,
    /// For a table cell: the 0-based row.
    pub row: Option<u64>,
    /// For a material: the slot id.
    pub slot: Option<String>,
}

/// Whether a finding is about a field or a material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A field or table cell.
    Field,
    /// A material slot.
    Material,
}

impl From<&Finding> for FindingRecord {
    fn from(finding: &Finding) -> Self {
        let target = match &finding.target {
            Target::Field { field, row, column } => TargetRecord {
                column: column.clone(),
                field: Some(field.clone()),
                kind: TargetKind::Field,
                row: row.map(|r| r as u64),
                slot: None,
            },
            Target::Material { slot } => TargetRecord {
                column: None,
                field: None,
                kind: TargetKind::Material,
                row: None,
                slot: Some(slot.clone()),
            },
        };
        Self {
            message: finding.message.clone(),
            severity: finding.severity,
            target,
        }
    }
}

impl FindingRecord {
    /// The finding as the model has it.
    pub fn to_finding(&self) -> Finding {
        let t = &self.target;
        let target = match t.kind {
            TargetKind::Field => Target::Field {
                field: t.field.clone().unwrap_or_default(),
                row: t.row.and_then(|r| usize::try_from(r).ok()),
                column: t.column.clone(),
            },
            TargetKind::Material => Target::Material {
                slot: t.slot.clone().unwrap_or_default(),
            },
        };
        Finding {
            severity: self.severity,
            target,
            message: self.message.clone(),
        }
    }
}

impl Manifest {
    /// The canonical bytes.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }

    /// Parses canonical bytes and checks that they describe a package of
    /// this format.
    pub fn parse(bytes: &[u8]) -> Result<Self, Problem> {
        // The version first: a newer package may have other keys, and
        // "please upgrade" is the useful answer then.
        #[derive(Deserialize)]
        struct Probe {
            format: Option<serde_json::Value>,
        }
        let invalid = |detail: String| Problem::ManifestInvalid { detail };
        let probe: Probe = serde_json::from_slice(bytes)
            .map_err(|e| invalid(format!("不是有效的 JSON（{e}）")))?;
        match probe.format {
            Some(v) if v == FORMAT => {}
            Some(v) => {
                let found = v.to_string().chars().take(20).collect();
                return Err(Problem::UnsupportedVersion { found });
            }
            None => return Err(invalid("缺少 format".to_owned())),
        }
        let manifest: Self = serde_json::from_slice(bytes)
            .map_err(|e| invalid(format!("第 {} 列：{e}", e.column())))?;
        if manifest.to_json().ok().as_deref() != Some(bytes) {
            return Err(Problem::ManifestNotCanonical);
        }
        manifest.check().map_err(|d| invalid(d.to_owned()))?;
        Ok(manifest)
    }

    /// The entry with this path.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The findings that are errors; a final package has none.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// The trusted comment the signature file carries, made from the
    /// manifest so that it can be checked.
    pub fn trusted_comment(&self) -> String {
        format!(
            "shenbao package format {}, created_at {}, key id {}",
            self.format, self.created_at, self.signer.key_id
        )
    }

    /// What a schema cannot say; the reason in Chinese.
    fn check(&self) -> Result<(), &'static str> {
        if self.signer.public_key.key_id() != self.signer.key_id {
            return Err("signer.key_id 不是公钥 SHA-256 的前 8 字节");
        }
        if !self.signer.public_key.is_usable() {
            return Err("signer.public_key 不是可用的 Ed25519 公钥");
        }
        let mut seen = BTreeSet::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if unsafe_reason(entry.path.as_bytes()).is_some() {
                return Err("entries 中有不安全的路径");
            }
            if !seen.insert(entry.path.to_ascii_lowercase()) {
                return Err("entries 中有重复的路径");
            }
            let expected_first = match i {
                0 => Some(FORM_JSON_PATH),
                1 => Some(FORM_HTML_PATH),
                _ => None,
            };
            let kind = classify(&entry.path);
            match (expected_first, kind) {
                (Some(first), _) if entry.path != first => {
                    return Err("entries 应以 form.json、form.html 开头")
                }
                (Some(_), _) => {
                    if entry.slot.is_some() || entry.original_name.is_some() {
                        return Err("form.json 和 form.html 的 slot、original_name 应为 null");
                    }
                }
                (None, Some(PathKind::Attachment { slot })) => {
                    if entry.slot.as_deref() != Some(slot) {
                        return Err("附件的 slot 与路径不符");
                    }
                    let name_ok = entry
                        .original_name
                        .as_deref()
                        .is_some_and(|n| clean_name(n) == n);
                    if !name_ok {
                        return Err("附件的 original_name 缺失或含不可见字符");
                    }
                }
                (None, _) => return Err("entries 中有申报包不使用的路径"),
            }
            let media_ok = (1..=100).contains(&entry.media_type.len())
                && entry.media_type.bytes().all(|b| (b' '..=b'~').contains(&b));
            if !media_ok {
                return Err("entries 中有无效的 media_type");
            }
        }
        if self.entries.len() < 2 {
            return Err("entries 应以 form.json、form.html 开头");
        }
        for finding in &self.findings {
            let t = &finding.target;
            let consistent = match t.kind {
                TargetKind::Field => t.field.is_some() && t.slot.is_none(),
                TargetKind::Material => {
                    t.slot.is_some() && t.field.is_none() && t.row.is_none() && t.column.is_none()
                }
            };
            if !consistent {
                return Err("findings 中的 target 不一致");
            }
        }
        Ok(())
    }
}

/// A user's file name fit for the manifest: control, invisible and
/// direction-changing characters (which can disguise an extension, as in
/// `invoice\u{202e}fdp.exe`) become `_`, and at most 255 characters are
/// kept. A reader accepts a name only if this leaves it unchanged.
pub(crate) fn clean_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .take(MAX_NAME_CHARS)
        .map(|c| {
            let hidden = c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}');
            if hidden {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".to_owned()
    } else {
        cleaned
    }
}

/// 32 bytes as 64 lowercase hex digits.
pub(crate) mod hex32 {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::package::{hex, parse_hex};

    pub fn serialize<S: Serializer>(bytes: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_hex(&text).ok_or_else(|| serde::de::Error::custom("expected 64 lowercase hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::{sha256, SigningKey};

    fn sample() -> Manifest {
        let public = SigningKey::from_seed([1; 32]).public();
        Manifest {
            app_version: "shenbao 0.1.0".into(),
            applicant: "常州市\"某某\"公司".into(),
            campaign: CampaignRef {
                id: "jiangsu-2011".into(),
                sha256: sha256(b"campaign"),
            },
            category: CategoryRef {
                id: "enterprise".into(),
                name: "江苏省用户满意服务明星企(事)业".into(),
            },
            created_at: Timestamp::from_unix_ms(1_316_505_600_000).expect("in range"),
            entries: vec![
                Entry {
                    media_type: "application/json".into(),
                    original_name: None,
                    path: "form.json".into(),
                    sha256: sha256(b"{}"),
                    size: 2,
                    slot: None,
                },
                Entry {
                    media_type: "text/html".into(),
                    original_name: None,
                    path: "form.html".into(),
                    sha256: sha256(b"<p>"),
                    size: 3,
                    slot: None,
                },
                Entry {
                    media_type: "application/pdf".into(),
                    original_name: Some("创建活动总结（定稿）.pdf".into()),
                    path: "attachments/summary/01.pdf".into(),
                    sha256: sha256(b"%PDF"),
                    size: 4,
                    slot: Some("summary".into()),
                },
            ],
            findings: vec![
                (&Finding::warning(Target::cell("honours", 0, "year"), "tab\there")).into(),
            ],
            format: FORMAT,
            recipient: Recipient {
                email: String::new(),
                name: "常州市质量协会".into(),
            },
            route: RouteRef {
                id: "changzhou".into(),
                name: "常州市".into(),
            },
            signer: Signer {
                key_id: public.key_id(),
                public_key: public,
            },
        }
    }

    fn json(m: &Manifest) -> Vec<u8> {
        m.to_json().expect("serialize")
    }

    #[test]
    fn round_trips_and_keys_are_sorted() {
        let m = sample();
        let bytes = json(&m);
        assert_eq!(Manifest::parse(&bytes), Ok(m));
        // serde_json's Value sorts keys (no preserve_order here), so going
        // through it gives the sorted form, which must be the same bytes.
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(serde_json::to_vec(&value).expect("json"), bytes);
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.contains("创建活动总结"), "no \\u escapes for CJK");
        assert!(text.contains(r#""row":0"#));
        assert!(text.contains(r#""slot":null"#));
        assert!(text.contains(r#"tab\there"#));
        assert!(!text.contains(": ") && !text.contains('\n'));
    }

    #[test]
    fn other_spellings_of_the_same_manifest_are_refused() {
        let text = String::from_utf8(json(&sample())).expect("utf-8");
        let variants = [
            text.replacen('{', "{ ", 1),
            format!("{text}\n"),
            text.replace("常州市质量协会", "\\u5e38州市质量协会"),
            text.replace(r#""slot":null"#, r#""slot":null,"slot":null"#),
        ];
        for (i, variant) in variants.iter().enumerate() {
            let got = Manifest::parse(variant.as_bytes());
            assert!(got.is_err(), "variant {i} accepted");
        }
        // Keys out of order: same content, different bytes.
        let swapped = text.replacen(
            r#""email":"","name":"常州市质量协会""#,
            r#""name":"常州市质量协会","email":"""#,
            1,
        );
        assert_ne!(swapped, text);
        assert_eq!(
            Manifest::parse(swapped.as_bytes()),
            Err(Problem::ManifestNotCanonical)
        );
        let without_row = text.replacen(r#","row":0"#, "", 1);
        assert_eq!(
            Manifest::parse(without_row.as_bytes()),
            Err(Problem::ManifestNotCanonical)
        );
    }

    #[test]
    fn floats_and_unknown_keys_are_not_a_manifest() {
        let text = String::from_utf8(json(&sample())).expect("utf-8");
        let float = text.replacen(r#""size":2"#, r#""size":2.0"#, 1);
        assert!(matches!(
            Manifest::parse(float.as_bytes()),
            Err(Problem::ManifestInvalid { .. })
        ));
        let extra = text.replacen(r#"{"app_version""#, r#"{"aaa":1,"app_version""#, 1);
        assert!(matches!(
            Manifest::parse(extra.as_bytes()),
            Err(Problem::ManifestInvalid { .. })
        ));
    }

    #[test]
    fn a_newer_format_asks_for_an_upgrade() {
        let text = String::from_utf8(json(&sample())).expect("utf-8");
        let newer = text.replacen(r#""format":1"#, r#""format":2,"future":true"#, 1);
        assert_eq!(
            Manifest::parse(newer.as_bytes()),
            Err(Problem::UnsupportedVersion { found: "2".into() })
        );
    }

    #[test]
    fn semantic_checks() {
        let refused = |m: Manifest| Manifest::parse(&json(&m)).is_err();
        let mut m = sample();
        m.signer.key_id = KeyId([0; 8]);
        assert!(refused(m));
        let mut m = sample();
        m.entries.swap(0, 1);
        assert!(refused(m));
        let mut m = sample();
        m.entries[2].path = "attachments/photo/01.pdf".into();
        assert!(refused(m));
        let mut m = sample();
        m.entries[2].original_name = Some("a\u{202e}fdp.exe".into());
        assert!(refused(m));
        let mut m = sample();
        m.entries[2].path = "../evil.pdf".into();
        assert!(refused(m));
        let mut m = sample();
        let dup = m.entries[2].clone();
        m.entries.push(Entry {
            path: "attachments/summary/01.PDF".into(),
            ..dup
        });
        assert!(refused(m));
        let mut m = sample();
        m.entries.truncate(1);
        assert!(refused(m));
        let mut m = sample();
        m.findings[0].target.slot = Some("summary".into());
        assert!(refused(m));
    }

    #[test]
    fn findings_convert_both_ways() {
        for finding in [
            Finding::warning(Target::cell("honours", 2, "title"), "a"),
            Finding::error(Target::field("unit_name"), "b"),
            Finding::warning(
                Target::Material {
                    slot: "media".into(),
                },
                "c",
            ),
        ] {
            assert_eq!(FindingRecord::from(&finding).to_finding(), finding);
        }
    }

    #[test]
    fn names_are_cleaned_of_hidden_characters() {
        assert_eq!(clean_name("总结.pdf"), "总结.pdf");
        assert_eq!(clean_name("a\u{202e}fdp.exe"), "a_fdp.exe");
        assert_eq!(clean_name("a\nb"), "a_b");
        assert_eq!(clean_name(""), "_");
        assert_eq!(clean_name(&"长".repeat(300)).chars().count(), 255);
    }
}
