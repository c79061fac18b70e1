//! What can go wrong: [`WriteError`] when making a package, [`Problem`]
//! when reading or verifying one. Both print Chinese for the applicant or
//! reviewer; [`Problem::code`] gives a stable English identifier.

use std::fmt;

use super::key::KeyId;
use super::verify::Status;
use super::FORMAT;

/// Why a package could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WriteError {
    /// Validation found errors; a final package carries warnings only.
    HasErrors {
        /// How many errors.
        count: usize,
    },
    /// The draft belongs to another campaign.
    CampaignMismatch {
        /// The draft's campaign id.
        draft: String,
        /// The campaign given.
        campaign: String,
    },
    /// The draft's category is not in the campaign.
    UnknownCategory {
        /// The category id.
        id: String,
    },
    /// The category's form has no route field, or it is empty.
    MissingRoute,
    /// The route chosen is not in the campaign.
    UnknownRoute {
        /// The route id.
        id: String,
    },
    /// The field naming the applicant is empty.
    MissingApplicant,
    /// A file attached to the draft was not given.
    MissingFile {
        /// The user's file name.
        name: String,
    },
    /// A file was given that is not attached to the draft.
    UnexpectedFile {
        /// The user's file name.
        name: String,
    },
    /// A file is attached to a slot the category does not use.
    UnknownSlot {
        /// The user's file name.
        name: String,
        /// The slot id.
        slot: String,
    },
    /// A file's bytes are not as long as its record says.
    SizeMismatch {
        /// The user's file name.
        name: String,
        /// The size recorded when it was attached.
        declared: u64,
        /// The length of the bytes given.
        actual: u64,
    },
    /// A file is larger than the campaign allows.
    FileTooLarge {
        /// The user's file name.
        name: String,
        /// Its size in bytes.
        size: u64,
        /// The campaign's limit.
        max: u64,
    },
    /// All files together are larger than the campaign allows.
    TotalTooLarge {
        /// Their total size in bytes.
        total: u64,
        /// The campaign's limit.
        max: u64,
    },
    /// Too many files, in all or in one slot.
    TooManyFiles {
        /// How many.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// The clock given is outside years 0000–9999.
    ClockOutOfRange {
        /// Milliseconds since the Unix epoch.
        unix_ms: i64,
    },
    /// Part of the package would be larger than a reader accepts
    /// ([`Limits::default`](super::Limits)).
    TooLarge {
        /// Which part, in Chinese.
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The package to forward does not verify, or the opinion is unusable.
    NotForwardable {
        /// Why, in Chinese.
        reason: String,
    },
    /// Encoding JSON or compressing failed; a bug, not the user's doing.
    Encode {
        /// What the encoder said.
        detail: String,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HasErrors { count } => {
                write!(f, "还有 {count} 处错误，不能生成正式申报包：请先按提示改正")
            }
            Self::CampaignMismatch { draft, campaign } => write!(
                f,
                "草稿属于活动「{draft}」，当前活动是「{campaign}」：请在对应活动中生成申报包"
            ),
            Self::UnknownCategory { id } => {
                write!(f, "本活动没有申报类别「{id}」：请新建草稿")
            }
            Self::MissingRoute => write!(f, "请先选择所在市或省行业协会（报送渠道）"),
            Self::UnknownRoute { id } => {
                write!(f, "报送渠道「{id}」不在本活动中：请重新选择所在市")
            }
            Self::MissingApplicant => write!(f, "请先填写申报单位或申报人名称"),
            Self::MissingFile { name } => {
                write!(f, "找不到附件「{name}」的文件内容：请删除后重新上传")
            }
            Self::UnexpectedFile { name } => {
                write!(f, "文件「{name}」不在草稿的附件列表中")
            }
            Self::UnknownSlot { name, slot } => write!(
                f,
                "附件「{name}」放在了本类别不使用的材料栏「{slot}」中：请删除后重新上传"
            ),
            Self::SizeMismatch {
                name,
                declared,
                actual,
            } => write!(
                f,
                "附件「{name}」上传时为 {declared} 字节，现在读到 {actual} 字节：请删除后重新上传"
            ),
            Self::FileTooLarge { name, size, max } => write!(
                f,
                "附件「{name}」有 {}，超过单个文件上限 {}：请压缩后重新上传",
                size_text(*size),
                size_text(*max)
            ),
            Self::TotalTooLarge { total, max } => write!(
                f,
                "附件合计 {}，超过上限 {}：请压缩或删减附件",
                size_text(*total),
                size_text(*max)
            ),
            Self::TooManyFiles { count, max } => {
                write!(f, "附件有 {count} 个，最多 {max} 个：请合并或删减")
            }
            Self::ClockOutOfRange { unix_ms } => {
                write!(f, "系统时间不正确（{unix_ms} 毫秒）：请校准电脑时间后重试")
            }
            Self::TooLarge { what, size, max } => write!(
                f,
                "{what}有 {}，超过上限 {}：请删减内容或附件",
                size_text(*size),
                size_text(*max)
            ),
            Self::NotForwardable { reason } => write!(f, "不能转发：{reason}"),
            Self::Encode { detail } => write!(f, "生成申报包时出错（{detail}）：请重试"),
        }
    }
}

impl std::error::Error for WriteError {}

/// Something wrong with a package, found by [`open`](super::open) or
/// [`Opened::verify`](super::Opened::verify). Paths from the package are
/// shown with control and other unusual characters escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The file is not a ZIP archive, or it was cut short.
    NotZip,
    /// The archive has no `mimetype` entry: it is some other ZIP.
    NoMimetype,
    /// The archive has a `mimetype` entry, but not first.
    MimetypeNotFirst {
        /// Its 1-based position.
        position: usize,
    },
    /// `mimetype` names some other format.
    WrongMimetype {
        /// What it says, escaped and shortened.
        found: String,
    },
    /// A format version this build does not read.
    UnsupportedVersion {
        /// The version the package states.
        found: String,
    },
    /// The file is larger than the reader accepts.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The archive has more entries than the reader accepts.
    TooManyEntries {
        /// How many it declares.
        count: u64,
        /// The limit.
        max: usize,
    },
    /// The ZIP structure is broken or not laid out as this format requires.
    MalformedZip {
        /// What is wrong, in Chinese.
        detail: &'static str,
    },
    /// An entry name that could write outside the folder it is extracted
    /// into, or is otherwise not a plain relative ASCII path.
    UnsafePath {
        /// The name.
        path: String,
        /// Why, in Chinese.
        reason: &'static str,
    },
    /// Two entries with the same name, exactly or but for ASCII case.
    DuplicateName {
        /// The second entry's name.
        path: String,
        /// The first entry's name.
        first: String,
    },
    /// An entry is encrypted.
    Encrypted {
        /// Its name.
        path: String,
    },
    /// An entry's sizes follow its data (a data descriptor) instead of
    /// being in its header.
    DataDescriptor {
        /// Its name.
        path: String,
    },
    /// An entry is compressed with a method other than store or deflate.
    UnsupportedCompression {
        /// Its name.
        path: String,
        /// The ZIP method number.
        method: u16,
    },
    /// An entry carries an extra field.
    ExtraField {
        /// Its name.
        path: String,
    },
    /// A header field differs from the fixed value this format writes.
    NonCanonicalHeader {
        /// The entry's name.
        path: String,
        /// Which field, in Chinese.
        field: &'static str,
    },
    /// An entry's local header disagrees with the central directory.
    LocalHeaderMismatch {
        /// The name in the central directory.
        path: String,
        /// Which field, in Chinese.
        field: &'static str,
    },
    /// `mimetype` is compressed; it must be stored.
    MimetypeNotStored,
    /// An entry is larger than the reader accepts.
    EntryTooLarge {
        /// Its name.
        path: String,
        /// Its declared size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// All entries together are larger than the reader accepts.
    UnpackedTooLarge {
        /// Their declared total.
        total: u64,
        /// The limit.
        max: u64,
    },
    /// An entry inflates to more than its declared size (a zip bomb).
    ZipBomb {
        /// Its name.
        path: String,
        /// The declared size, where reading stopped.
        declared: u64,
    },
    /// An entry's data is damaged.
    Corrupt {
        /// Its name.
        path: String,
        /// What is wrong, in Chinese.
        detail: &'static str,
    },
    /// `manifest.json` is not the second entry.
    MissingManifest,
    /// `manifest.sig` is not the third entry.
    MissingSignature,
    /// `manifest.json` is JSON but not in canonical form.
    ManifestNotCanonical,
    /// `manifest.json` is not a manifest of this format.
    ManifestInvalid {
        /// What is wrong, in Chinese or from the JSON parser.
        detail: String,
    },
    /// `manifest.sig` is not a signature file of this format.
    MalformedSignature {
        /// What is wrong, in Chinese.
        detail: &'static str,
    },
    /// The signature names another key than the manifest's signer.
    WrongKeyId {
        /// The key id in the manifest.
        manifest: KeyId,
        /// The key id in the signature file.
        signature: KeyId,
    },
    /// The signature does not verify with the manifest's key.
    BadSignature,
    /// The trusted comment is not the one this format writes.
    TrustedCommentMismatch {
        /// The comment found.
        found: String,
    },
    /// A file in the archive that the manifest does not list.
    ExtraFile {
        /// Its name.
        path: String,
    },
    /// A file the manifest lists that is not in the archive.
    MissingFile {
        /// Its name.
        path: String,
    },
    /// The archive's files are not in manifest order.
    EntryOrder {
        /// The first file out of place.
        path: String,
    },
    /// A file's size differs from the manifest.
    SizeMismatch {
        /// Its name.
        path: String,
        /// The size in the manifest.
        declared: u64,
        /// The size in the archive.
        actual: u64,
    },
    /// A file's SHA-256 differs from the manifest: it changed after signing.
    Tampered {
        /// Its name.
        path: String,
    },
    /// The manifest carries validation errors, which a final package may
    /// not have.
    ErrorFindings {
        /// How many.
        count: usize,
    },
    /// A forwarding package (`forward.json`, `forward.sig`, the entry
    /// list) is not of its format.
    ForwardInvalid {
        /// What is wrong, in Chinese.
        detail: String,
    },
    /// The recommending body's signature over `forward.json` fails.
    ForwardBadSignature,
    /// `package.zip` in a forwarding package is not the package that was
    /// signed when forwarding.
    ForwardPackageChanged,
}

impl Problem {
    /// A stable identifier, e.g. `duplicate_name`, for tests and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotZip => "not_zip",
            Self::NoMimetype => "no_mimetype",
            Self::MimetypeNotFirst { .. } => "mimetype_not_first",
            Self::WrongMimetype { .. } => "wrong_mimetype",
            Self::UnsupportedVersion { .. } => "unsupported_version",
            Self::TooLarge { .. } => "too_large",
            Self::TooManyEntries { .. } => "too_many_entries",
            Self::MalformedZip { .. } => "malformed_zip",
            Self::UnsafePath { .. } => "unsafe_path",
            Self::DuplicateName { .. } => "duplicate_name",
            Self::Encrypted { .. } => "encrypted",
            Self::DataDescriptor { .. } => "data_descriptor",
            Self::UnsupportedCompression { .. } => "unsupported_compression",
            Self::ExtraField { .. } => "extra_field",
            Self::NonCanonicalHeader { .. } => "noncanonical_header",
            Self::LocalHeaderMismatch { .. } => "local_header_mismatch",
            Self::MimetypeNotStored => "mimetype_not_stored",
            Self::EntryTooLarge { .. } => "entry_too_large",
            Self::UnpackedTooLarge { .. } => "unpacked_too_large",
            Self::ZipBomb { .. } => "zip_bomb",
            Self::Corrupt { .. } => "corrupt",
            Self::MissingManifest => "missing_manifest",
            Self::MissingSignature => "missing_signature",
            Self::ManifestNotCanonical => "manifest_not_canonical",
            Self::ManifestInvalid { .. } => "manifest_invalid",
            Self::MalformedSignature { .. } => "malformed_signature",
            Self::WrongKeyId { .. } => "wrong_key_id",
            Self::BadSignature => "bad_signature",
            Self::TrustedCommentMismatch { .. } => "trusted_comment_mismatch",
            Self::ExtraFile { .. } => "extra_file",
            Self::MissingFile { .. } => "missing_file",
            Self::EntryOrder { .. } => "entry_order",
            Self::SizeMismatch { .. } => "size_mismatch",
            Self::Tampered { .. } => "tampered",
            Self::ErrorFindings { .. } => "error_findings",
            Self::ForwardInvalid { .. } => "forward_invalid",
            Self::ForwardBadSignature => "forward_bad_signature",
            Self::ForwardPackageChanged => "forward_package_changed",
        }
    }

    /// What a package with this problem is: [`Status::Unrecognized`] when
    /// it is not a package of this format at all, else [`Status::Invalid`].
    pub fn status(&self) -> Status {
        match self {
            Self::NotZip
            | Self::NoMimetype
            | Self::MimetypeNotFirst { .. }
            | Self::WrongMimetype { .. }
            | Self::UnsupportedVersion { .. } => Status::Unrecognized,
            _ => Status::Invalid,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotZip => write!(
                f,
                "不是 ZIP 文件，或文件不完整（可能下载或复制时被截断）：请让申报单位重新发送"
            ),
            Self::NoMimetype => write!(
                f,
                "这是一个普通 ZIP 文件，不是申报包（没有 mimetype 条目）"
            ),
            Self::MimetypeNotFirst { position } => write!(
                f,
                "mimetype 条目是第 {position} 个，应为第 1 个：文件被其他压缩软件重新打包过，不是原始申报包"
            ),
            Self::WrongMimetype { found } => {
                write!(f, "mimetype 为「{found}」，不是申报包")
            }
            Self::UnsupportedVersion { found } => write!(
                f,
                "申报包格式版本为 {found}，本程序只能读取版本 {FORMAT}：请升级申报程序"
            ),
            Self::TooLarge { size, max } => write!(
                f,
                "文件有 {}，超过上限 {}",
                size_text(*size),
                size_text(*max)
            ),
            Self::TooManyEntries { count, max } => {
                write!(f, "压缩包有 {count} 个条目，超过上限 {max} 个")
            }
            Self::MalformedZip { detail } => write!(f, "ZIP 结构不符合申报包格式：{detail}"),
            Self::UnsafePath { path, reason } => write!(
                f,
                "条目名称「{path}」{reason}，解压时可能写到别处：已拒绝"
            ),
            Self::DuplicateName { path, first } => write!(
                f,
                "有两个同名条目「{first}」和「{path}」：不同软件会读到不同的内容，已拒绝"
            ),
            Self::Encrypted { path } => write!(f, "条目「{path}」已加密：申报包不应加密"),
            Self::DataDescriptor { path } => write!(
                f,
                "条目「{path}」的大小写在数据之后（数据描述符），申报包不使用这种写法"
            ),
            Self::UnsupportedCompression { path, method } => write!(
                f,
                "条目「{path}」使用压缩方法 {method}，申报包只用存储（0）和 deflate（8）"
            ),
            Self::ExtraField { path } => {
                write!(f, "条目「{path}」带有扩展字段，申报包不使用扩展字段")
            }
            Self::NonCanonicalHeader { path, field } => write!(
                f,
                "条目「{path}」的{field}与申报包的固定写法不符：文件被改动或重新打包过"
            ),
            Self::LocalHeaderMismatch { path, field } => write!(
                f,
                "条目「{path}」的本地文件头与中央目录的{field}不一致：不同软件会读到不同的内容，已拒绝"
            ),
            Self::MimetypeNotStored => write!(
                f,
                "mimetype 条目被压缩了，应为不压缩存储：文件被重新打包过"
            ),
            Self::EntryTooLarge { path, size, max } => write!(
                f,
                "条目「{path}」有 {}，超过上限 {}",
                size_text(*size),
                size_text(*max)
            ),
            Self::UnpackedTooLarge { total, max } => write!(
                f,
                "解压后合计 {}，超过上限 {}",
                size_text(*total),
                size_text(*max)
            ),
            Self::ZipBomb { path, declared } => write!(
                f,
                "{} 解压后超过声明的 {declared} 字节（压缩炸弹）：已停止解压",
                what(path)
            ),
            Self::Corrupt { path, detail } => {
                write!(f, "{} 已损坏：{detail}", what(path))
            }
            Self::MissingManifest => write!(
                f,
                "第 2 个条目不是 manifest.json（文件清单）：无法核对内容"
            ),
            Self::MissingSignature => write!(
                f,
                "第 3 个条目不是 manifest.sig（签名）：无法确认申报包来源"
            ),
            Self::ManifestNotCanonical => write!(
                f,
                "manifest.json 不是规范格式（键的顺序、空白或转义被改动过）"
            ),
            Self::ManifestInvalid { detail } => {
                write!(f, "manifest.json 不符合申报包格式：{detail}")
            }
            Self::MalformedSignature { detail } => {
                write!(f, "manifest.sig 不是有效的签名文件：{detail}")
            }
            Self::WrongKeyId {
                manifest,
                signature,
            } => write!(
                f,
                "签名使用的密钥（{signature}）不是清单中声明的签名人密钥（{manifest}）"
            ),
            Self::BadSignature => write!(
                f,
                "签名验证失败：manifest.json 或 manifest.sig 在签名后被改动"
            ),
            Self::TrustedCommentMismatch { found } => write!(
                f,
                "签名中的可信注释「{found}」与清单不符"
            ),
            Self::ExtraFile { path } => write!(
                f,
                "压缩包中的「{path}」不在签名的清单中：文件在签名后被加入"
            ),
            Self::MissingFile { path } => write!(
                f,
                "清单中的 {} 不在压缩包中：文件在签名后被删除",
                what(path)
            ),
            Self::EntryOrder { path } => write!(
                f,
                "{} 的位置与清单顺序不符：文件被重新打包过",
                what(path)
            ),
            Self::SizeMismatch {
                path,
                declared,
                actual,
            } => write!(
                f,
                "{} 有 {actual} 字节，清单中为 {declared} 字节：文件在签名后被改动",
                what(path)
            ),
            Self::Tampered { path } => write!(
                f,
                "{} 的 SHA-256 与清单不符：文件在签名后被改动",
                what(path)
            ),
            Self::ErrorFindings { count } => write!(
                f,
                "清单记录了 {count} 处填写错误：正式申报包只能带警告，不能带错误"
            ),
            Self::ForwardInvalid { detail } => {
                write!(f, "转发包不符合格式：{detail}")
            }
            Self::ForwardBadSignature => write!(
                f,
                "推荐单位的签名验证失败：推荐意见或转发信息（forward.json）在签名后被改动"
            ),
            Self::ForwardPackageChanged => write!(
                f,
                "转发包中的原申报包（package.zip）与推荐单位签名时的不一致：它在转发后被改动或替换"
            ),
        }
    }
}

impl std::error::Error for Problem {}

/// "附件 attachments/…" or "文件 form.json".
fn what(path: &str) -> String {
    if path.starts_with("attachments/") {
        format!("附件 {path}")
    } else {
        format!("文件 {path}")
    }
}

/// A size for people: bytes, KB or MB.
pub(crate) fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{}.{} MB", bytes / MB, bytes % MB * 10 / MB)
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} 字节")
    }
}

/// A name from a package, fit to show: invalid UTF-8 replaced, control and
/// direction-changing characters escaped, at most 100 characters.
pub(crate) fn shown(name: &[u8]) -> String {
    let text = String::from_utf8_lossy(name);
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 100 {
            out.push('…');
            break;
        }
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if invisible {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampering_is_explained_with_the_path() {
        let p = Problem::Tampered {
            path: "attachments/summary/01.pdf".into(),
        };
        assert_eq!(
            p.to_string(),
            "附件 attachments/summary/01.pdf 的 SHA-256 与清单不符：文件在签名后被改动"
        );
        assert_eq!(p.code(), "tampered");
        assert_eq!(p.status(), Status::Invalid);
        assert_eq!(Problem::NotZip.status(), Status::Unrecognized);
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size_text(512), "512 字节");
        assert_eq!(size_text(1536), "2 KB");
        assert_eq!(size_text(20 * 1024 * 1024), "20.0 MB");
        assert_eq!(size_text(1024 * 1024 * 3 / 2), "1.5 MB");
    }

    #[test]
    fn hostile_names_are_shown_escaped() {
        assert_eq!(shown(b"a\nb"), "a\\u{a}b");
        assert_eq!(
            shown("invoice\u{202e}fdp.exe".as_bytes()),
            "invoice\\u{202e}fdp.exe"
        );
        assert_eq!(shown(&[0xff, b'a']), "\u{fffd}a");
        assert_eq!(shown(&[b'x'; 300]).chars().count(), 101);
    }

    #[test]
    fn write_errors_carry_the_numbers() {
        let e = WriteError::FileTooLarge {
            name: "总结.pdf".into(),
            size: 25 * 1024 * 1024,
            max: 20 * 1024 * 1024,
        };
        assert_eq!(
            e.to_string(),
            "附件「总结.pdf」有 25.0 MB，超过单个文件上限 20.0 MB：请压缩后重新上传"
        );
    }
}
