//! The forwarding package: what a recommending body (a city's quality
//! association, or a provincial industry association) sends on to the
//! province. It holds the applicant's package byte for byte, the body's
//! recommendation opinion, and the body's own Ed25519 signature over both,
//! so the province checks a chain of two signatures: the applicant's over
//! the application, then the recommender's over the opinion and that exact
//! package.
//!
//! The container follows the package's rules (§1 of the format document):
//! fixed ZIP layout, times and names; every entry is stored.
//!
//! | # | name | content |
//! |---|------|---------|
//! | 1 | `mimetype` | `application/vnd.shenbao.forward+zip;version=1` |
//! | 2 | `forward.json` | canonical JSON: the opinion, the package's SHA-256 and size, the signer |
//! | 3 | `forward.sig` | minisign layout, over `forward.json` |
//! | 4 | `package.zip` | the applicant's package, unchanged |

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::key::{PublicKey, SigningKey};
use super::manifest::{clean_name, hex32, Signer};
use super::read::{open_archive, slice};
use super::signature::{self, SignatureFile};
use super::time::Timestamp;
use super::verify::{verify, Status, Verification};
use super::zip::{self, Method, NewEntry};
use super::{sha256, Limits, Problem, WriteError, MIMETYPE_PATH};

/// The content of a forwarding package's `mimetype`.
pub const FORWARD_MIMETYPE: &str = "application/vnd.shenbao.forward+zip;version=1";
/// What a forwarding `mimetype` of any version starts with.
pub const FORWARD_MIMETYPE_PREFIX: &str = "application/vnd.shenbao.forward+zip;version=";
/// The entry with the opinion and what it covers.
pub const FORWARD_MANIFEST_PATH: &str = "forward.json";
/// The recommender's signature over `forward.json`.
pub const FORWARD_SIGNATURE_PATH: &str = "forward.sig";
/// The applicant's package, unchanged.
pub const FORWARDED_PATH: &str = "package.zip";

/// The forwarding format this build writes and reads.
pub const FORWARD_FORMAT: u32 = 1;

/// The longest opinion, in characters (the paper box holds far less).
pub const MAX_OPINION_CHARS: usize = 2000;
/// The longest organisation or reviewer name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The recommending body's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 推荐: sent on with the body's support.
    Recommend,
    /// 不推荐: sent on for the record, without support.
    NotRecommend,
}

impl Decision {
    /// 推荐 or 不推荐.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Recommend => "推荐",
            Self::NotRecommend => "不推荐",
        }
    }
}

/// The recommendation opinion (推荐意见), as the reviewer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opinion {
    // Fields in sorted order: serde writes them in declaration order.
    /// Recommend or not.
    pub decision: Decision,
    /// The recommending body, e.g. 常州市质量协会.
    pub organisation: String,
    /// The person who wrote the opinion.
    pub reviewer: String,
    /// The opinion itself.
    pub text: String,
}

impl Opinion {
    /// What is wrong with it, in Chinese; `None` when it can be signed.
    pub fn problem(&self) -> Option<&'static str> {
        let text_chars = self.text.chars().count();
        if self.organisation.trim().is_empty() {
            Some("请填写推荐单位名称")
        } else if self.reviewer.trim().is_empty() {
            Some("请填写审核人姓名")
        } else if self.text.trim().is_empty() {
            Some("请填写推荐意见")
        } else if text_chars > MAX_OPINION_CHARS {
            Some("推荐意见超过 2000 字，请精简")
        } else if self.organisation.chars().count() > MAX_NAME_CHARS
            || self.reviewer.chars().count() > MAX_NAME_CHARS
        {
            Some("推荐单位或审核人名称超过 100 字")
        } else if [&self.organisation, &self.reviewer]
            .iter()
            .any(|s| clean_name(s) != **s)
            || self
                .text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            Some("推荐意见或名称含有不可见的控制字符")
        } else {
            None
        }
    }
}

/// The package forwarded, as the recommender saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forwarded {
    /// The applicant named in its manifest.
    pub applicant: String,
    /// The file name it arrived under.
    pub file_name: String,
    /// The SHA-256 of `package.zip`.
    #[serde(with = "hex32")]
    pub sha256: [u8; 32],
    /// Its size in bytes.
    pub size: u64,
}

/// `forward.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForwardManifest {
    /// The writing app, e.g. `shenbao 0.1.0`.
    pub app_version: String,
    /// When the recommender says it was made.
    pub created_at: Timestamp,
    /// [`FORWARD_FORMAT`].
    pub format: u32,
    /// The opinion.
    pub opinion: Opinion,
    /// The package it covers.
    pub package: Forwarded,
    /// The recommender's key.
    pub signer: Signer,
}

impl ForwardManifest {
    /// The canonical bytes.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }

    /// Parses canonical bytes of this format.
    pub fn parse(bytes: &[u8]) -> Result<Self, Problem> {
        let invalid = |detail: String| Problem::ForwardInvalid { detail };
        let manifest: Self = serde_json::from_slice(bytes)
            .map_err(|e| invalid(format!("forward.json 第 {} 列：{e}", e.column())))?;
        if manifest.format != FORWARD_FORMAT {
            return Err(invalid(format!(
                "forward.json 的版本 {} 不是本程序能读的 {FORWARD_FORMAT}",
                manifest.format
            )));
        }
        if manifest.to_json().ok().as_deref() != Some(bytes) {
            return Err(invalid("forward.json 不是规范格式".to_owned()));
        }
        if manifest.signer.public_key.key_id() != manifest.signer.key_id
            || !manifest.signer.public_key.is_usable()
        {
            return Err(invalid("forward.json 中的签名公钥无效".to_owned()));
        }
        if let Some(p) = manifest.opinion.problem() {
            return Err(invalid(format!("推荐意见无效（{p}）")));
        }
        if clean_name(&manifest.package.file_name) != manifest.package.file_name {
            return Err(invalid("原申报包的文件名含有不可见字符".to_owned()));
        }
        Ok(manifest)
    }

    /// The trusted comment of `forward.sig`.
    pub fn trusted_comment(&self) -> String {
        format!(
            "shenbao forwarding format {}, created_at {}, key id {}",
            self.format, self.created_at, self.signer.key_id
        )
    }
}

/// Makes a forwarding package: `package` (the applicant's file, which must
/// verify as valid) with `opinion`, signed by the recommender's `key`.
pub fn write_forward(
    package: &[u8],
    file_name: &str,
    opinion: &Opinion,
    key: &SigningKey,
    created_at_ms: i64,
    app_version: &str,
) -> Result<Vec<u8>, WriteError> {
    let not = |reason: String| WriteError::NotForwardable { reason };
    if let Some(p) = opinion.problem() {
        return Err(not(p.to_owned()));
    }
    let inner = verify(package, &Limits::default()).map_err(|p| not(p.to_string()))?;
    if !inner.status.is_valid() {
        return Err(not(format!(
            "申报包核验结果为“{}”，只能转发有效的申报包",
            inner.status.label_zh()
        )));
    }
    let created_at = Timestamp::from_unix_ms(created_at_ms).ok_or(WriteError::ClockOutOfRange {
        unix_ms: created_at_ms,
    })?;
    let public = key.public();
    let manifest = ForwardManifest {
        app_version: app_version.to_owned(),
        created_at,
        format: FORWARD_FORMAT,
        opinion: opinion.clone(),
        package: Forwarded {
            applicant: inner.manifest.applicant.clone(),
            file_name: clean_name(file_name),
            sha256: sha256(package),
            size: package.len() as u64,
        },
        signer: Signer {
            key_id: public.key_id(),
            public_key: public,
        },
    };
    let json = manifest.to_json().map_err(|e| WriteError::Encode {
        detail: e.to_string(),
    })?;
    let signature = SignatureFile::sign(key, &json, &manifest.trusted_comment()).encode();
    let stored = |name, data| NewEntry {
        name,
        data,
        method: Method::Stored,
    };
    zip::write(&[
        stored(MIMETYPE_PATH, FORWARD_MIMETYPE.as_bytes()),
        stored(FORWARD_MANIFEST_PATH, &json),
        stored(FORWARD_SIGNATURE_PATH, &signature),
        stored(FORWARDED_PATH, package),
    ])
}

/// An entry's data (borrowed when stored) and where it lies in the file.
type Part<'a> = (Cow<'a, [u8]>, (usize, usize));

/// Whether these bytes start like a forwarding package (any version).
pub fn is_forward(bytes: &[u8]) -> bool {
    super::read::mimetype_of(bytes)
        .is_some_and(|m| m.starts_with(FORWARD_MIMETYPE_PREFIX.as_bytes()))
}

/// A forwarding package checked: the recommender's link, and the
/// applicant's package inside it verified on its own.
#[derive(Debug, Clone)]
pub struct ForwardVerification {
    /// The link's verdict: [`Status::Valid`] when the recommender's
    /// signature holds and `package.zip` is the package it signed.
    pub status: Status,
    /// What is wrong with the link, most fundamental first.
    pub problems: Vec<Problem>,
    /// `forward.json` as found (trusted only when `status` is valid).
    pub manifest: ForwardManifest,
    /// The SHA-256 of the whole forwarding package.
    pub sha256: [u8; 32],
    /// The applicant's package, verified independently of the link.
    pub inner: Result<Verification, Problem>,
    /// Where `package.zip`'s bytes are in the forwarding package.
    pub inner_range: (usize, usize),
}

impl ForwardVerification {
    /// The verdict of the chain: valid only when both links are; "with
    /// warnings" when the applicant's package has warnings.
    pub fn chain_status(&self) -> Status {
        let inner = self.inner.as_ref().map_or(Status::Invalid, |v| v.status);
        chain_status(self.status, inner)
    }

    /// The recommender's key.
    pub fn signer(&self) -> PublicKey {
        self.manifest.signer.public_key
    }
}

/// The verdict of a chain from its two links' verdicts.
pub(crate) fn chain_status(link: Status, inner: Status) -> Status {
    match (link, inner) {
        (Status::Valid, s @ (Status::Valid | Status::ValidWithWarnings)) => s,
        _ => Status::Invalid,
    }
}

/// The recommender's link of a forwarding package, checked; the package
/// inside is left to the caller.
pub(crate) struct ForwardLink {
    pub status: Status,
    pub problems: Vec<Problem>,
    pub manifest: ForwardManifest,
    pub inner_range: (usize, usize),
}

/// Opens and checks a forwarding package. An `Err` means it is not one
/// (or is broken before its opinion can be read).
pub fn verify_forward(bytes: &[u8], limits: &Limits) -> Result<ForwardVerification, Problem> {
    let link = verify_link(bytes, limits)?;
    let (start, end) = link.inner_range;
    Ok(ForwardVerification {
        status: link.status,
        problems: link.problems,
        manifest: link.manifest,
        sha256: sha256(bytes),
        inner: verify(bytes.get(start..end).unwrap_or_default(), limits),
        inner_range: link.inner_range,
    })
}

/// Checks the recommender's link only: the container, `forward.json`, its
/// signature, and that `package.zip` is the package signed.
pub(crate) fn verify_link(bytes: &[u8], limits: &Limits) -> Result<ForwardLink, Problem> {
    // The inner package may be as large as a package; the wrapper adds
    // little.
    let outer = Limits {
        max_entry_bytes: limits.max_package_bytes,
        max_unpacked_bytes: limits.max_package_bytes.saturating_add(2 * 1024 * 1024),
        max_package_bytes: limits.max_package_bytes.saturating_add(2 * 1024 * 1024),
        ..*limits
    };
    let (directory, spans) =
        open_archive(bytes, &outer, FORWARD_MIMETYPE, FORWARD_MIMETYPE_PREFIX)?;
    let names: Vec<&[u8]> = directory.records.iter().map(|r| r.name).collect();
    let expected: [&[u8]; 4] = [
        MIMETYPE_PATH.as_bytes(),
        FORWARD_MANIFEST_PATH.as_bytes(),
        FORWARD_SIGNATURE_PATH.as_bytes(),
        FORWARDED_PATH.as_bytes(),
    ];
    if names != expected {
        return Err(Problem::ForwardInvalid {
            detail: "应恰好依次包含 mimetype、forward.json、forward.sig、package.zip".to_owned(),
        });
    }
    // Stored entries are borrowed from `bytes`, not copied.
    let entry = |i: usize, max: u64| -> Result<Part<'_>, Problem> {
        let (record, span) =
            directory
                .records
                .get(i)
                .zip(spans.get(i))
                .ok_or(Problem::MalformedZip {
                    detail: "条目缺失"
                })?;
        if !record.is_stored() || u64::from(record.size) > max {
            return Err(Problem::ForwardInvalid {
                detail: format!("{} 的存储方式或大小不对", record.shown()),
            });
        }
        let data = zip::extract(record, slice(bytes, *span)?)?;
        Ok((data, (span.start, span.end)))
    };
    let (json, _) = entry(1, limits.max_manifest_bytes)?;
    let manifest = ForwardManifest::parse(&json)?;
    let (sig, _) = entry(2, signature::MAX_BYTES)?;
    let (package, inner_range) = entry(3, limits.max_package_bytes)?;

    let mut problems = Vec::new();
    match SignatureFile::parse(&sig) {
        Err(_) => problems.push(Problem::ForwardInvalid {
            detail: "forward.sig 不是有效的签名文件".to_owned(),
        }),
        Ok(s) if s.key_id != manifest.signer.key_id => problems.push(Problem::ForwardInvalid {
            detail: "forward.sig 由另一把密钥签名".to_owned(),
        }),
        Ok(s) if !s.verifies(&manifest.signer.public_key, &json) => {
            problems.push(Problem::ForwardBadSignature);
        }
        Ok(s) if s.trusted_comment != manifest.trusted_comment() => {
            problems.push(Problem::ForwardBadSignature);
        }
        Ok(_) => {}
    }
    if sha256(&package) != manifest.package.sha256 || package.len() as u64 != manifest.package.size
    {
        problems.push(Problem::ForwardPackageChanged);
    }
    let status = if problems.is_empty() {
        Status::Valid
    } else {
        Status::Invalid
    };
    Ok(ForwardLink {
        status,
        problems,
        manifest,
        inner_range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::fixture;

    fn opinion() -> Opinion {
        Opinion {
            decision: Decision::Recommend,
            organisation: "常州市质量协会".to_owned(),
            reviewer: "王审核".to_owned(),
            text: "经审核，该单位创建活动扎实，材料齐全，同意推荐。".to_owned(),
        }
    }

    fn city_key() -> SigningKey {
        SigningKey::from_seed([7; 32])
    }

    fn forwarded() -> (Vec<u8>, Vec<u8>) {
        let package = fixture::package(&[]).bytes;
        let bytes = write_forward(
            &package,
            "2011_企(事)业_某某_20110920.zip",
            &opinion(),
            &city_key(),
            1_317_000_000_000,
            "shenbao test",
        )
        .expect("forwards");
        (package, bytes)
    }

    /// Replaces the data of a stored entry in place (same length) and fixes
    /// its CRC in both headers, so only the content check can notice.
    fn patch(bytes: &mut [u8], range: (usize, usize), f: impl FnOnce(&mut [u8])) {
        let mut old = flate2::Crc::new();
        old.update(&bytes[range.0..range.1]);
        f(&mut bytes[range.0..range.1]);
        let mut new = flate2::Crc::new();
        new.update(&bytes[range.0..range.1]);
        let (from, to) = (old.sum().to_le_bytes(), new.sum().to_le_bytes());
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(4).position(|w| w == from) {
            bytes[at + i..at + i + 4].copy_from_slice(&to);
            at += i + 4;
        }
    }

    fn range_of(bytes: &[u8], name: &str) -> (usize, usize) {
        let at = bytes
            .windows(name.len())
            .position(|w| w == name.as_bytes())
            .expect("local header");
        let size = u32::from_le_bytes(bytes[at - 12..at - 8].try_into().expect("4 bytes")) as usize;
        (at + name.len(), at + name.len() + size)
    }

    #[test]
    fn a_forwarded_package_verifies_as_a_chain() {
        let (package, bytes) = forwarded();
        assert!(is_forward(&bytes));
        assert!(!is_forward(&package));
        let v = verify_forward(&bytes, &Limits::default()).expect("opens");
        assert_eq!(v.status, Status::Valid, "{:?}", v.problems);
        assert_eq!(v.chain_status(), Status::Valid);
        assert_eq!(v.manifest.opinion, opinion());
        assert_eq!(v.signer(), city_key().public());
        let inner = v.inner.as_ref().expect("inner opens");
        assert_eq!(inner.status, Status::Valid);
        assert_eq!(inner.signer, fixture::key().public());
        assert_eq!(&bytes[v.inner_range.0..v.inner_range.1], &package[..]);
        // The same input, time and key give the same bytes.
        assert_eq!(forwarded().1, bytes);
    }

    #[test]
    fn a_changed_opinion_breaks_the_recommenders_link() {
        let (_, mut bytes) = forwarded();
        let range = range_of(&bytes, FORWARD_MANIFEST_PATH);
        patch(&mut bytes, range, |data| {
            let text = String::from_utf8(data.to_vec()).expect("utf-8");
            let changed = text.replace("同意推荐", "不予推荐");
            data.copy_from_slice(changed.as_bytes());
        });
        let v = verify_forward(&bytes, &Limits::default()).expect("opens");
        assert_eq!(v.problems, vec![Problem::ForwardBadSignature]);
        assert_eq!(v.chain_status(), Status::Invalid);
        // The applicant's own link still holds.
        assert_eq!(v.inner.as_ref().map(|i| i.status), Ok(Status::Valid));
    }

    #[test]
    fn a_changed_inner_package_breaks_both_links() {
        let (_, mut bytes) = forwarded();
        let range = range_of(&bytes, FORWARDED_PATH);
        // A byte inside form.json's compressed data of the inner package
        // would break its CRC; change a stored attachment instead.
        let inner = &bytes[range.0..range.1];
        let name = b"attachments/summary/01.pdf";
        let at = inner
            .windows(name.len())
            .position(|w| w == name)
            .expect("stored attachment")
            + name.len()
            + 5;
        patch(&mut bytes, range, |d| d[at] ^= 1);
        let v = verify_forward(&bytes, &Limits::default()).expect("opens");
        assert_eq!(v.problems, vec![Problem::ForwardPackageChanged]);
        let inner = v.inner.as_ref().expect("inner opens");
        assert_eq!(inner.status, Status::Invalid);
        assert_eq!(v.chain_status(), Status::Invalid);
    }

    #[test]
    fn only_valid_packages_with_an_opinion_are_forwarded() {
        let package = fixture::package(&[]).bytes;
        let mut broken = package.clone();
        let last = broken.len() - 30;
        broken[last] ^= 1;
        let key = city_key();
        let err = write_forward(&broken, "x.zip", &opinion(), &key, 0, "t");
        assert!(matches!(err, Err(WriteError::NotForwardable { .. })));
        let mut empty = opinion();
        empty.text = "  ".to_owned();
        let err = write_forward(&package, "x.zip", &empty, &key, 0, "t");
        assert!(err.is_err_and(|e| e.to_string().contains("请填写推荐意见")));
    }

    #[test]
    fn truncations_never_panic_and_are_never_valid() {
        let (_, bytes) = forwarded();
        for len in (0..bytes.len()).step_by(97) {
            if let Ok(v) = verify_forward(&bytes[..len], &Limits::default()) {
                assert_ne!(v.chain_status(), Status::Valid, "cut at {len}");
            }
        }
    }

    #[test]
    fn no_single_byte_change_leaves_a_valid_chain() {
        let (_, bytes) = forwarded();
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x20;
            let status = verify_forward(&changed, &Limits::default())
                .map_or(Status::Invalid, |v| v.chain_status());
            assert_ne!(status, Status::Valid, "byte {at} changed unnoticed");
        }
    }

    #[test]
    fn a_package_is_not_a_forwarding_package() {
        let package = fixture::package(&[]).bytes;
        let err = verify_forward(&package, &Limits::default()).expect_err("refused");
        assert_eq!(err.status(), Status::Unrecognized);
    }
}
