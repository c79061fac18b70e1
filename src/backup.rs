//! Backups: drafts and their attachments in one ZIP file, to move them to
//! another browser or machine or keep them safe from cleared site data.
//!
//! Layout: `shenbao-backup.json` first (what is inside, with the SHA-256 of
//! every file), then `files/<id>` for each attachment, stored as is.
//! [`read`] checks everything before returning anything, so an import of a
//! damaged or foreign file changes nothing.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{Cursor, Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::model::saved::{self, SavedDraft};

/// The manifest's name, first in the archive.
pub const MANIFEST: &str = "shenbao-backup.json";
/// The `kind` every backup manifest states.
pub const KIND: &str = "shenbao-backup";
/// The manifest layout this build writes and reads.
pub const VERSION: u32 = 1;

/// Bounds on what [`read`] accepts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The manifest's largest size.
    pub max_manifest: u64,
    /// The largest file inside.
    pub max_file: u64,
    /// The largest total of the files inside.
    pub max_total: u64,
    /// The most entries.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_manifest: 16 << 20,
            max_file: 256 << 20,
            max_total: 2 << 30,
            max_entries: 10_000,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    kind: String,
    version: u32,
    created_at: f64,
    app_version: String,
    drafts: Vec<serde_json::Value>,
    files: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    id: String,
    size: u64,
    sha256: String,
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// When it was made, ms since the epoch.
    pub created_at: f64,
    /// The drafts, migrated to the current layout.
    pub drafts: Vec<SavedDraft>,
    /// Attachment id → bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Why a backup could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupError {
    /// Not a ZIP file.
    NotZip,
    /// A ZIP, but not one this app made.
    Foreign,
    /// Made by a newer version of the app.
    Newer {
        /// The version found.
        found: u32,
    },
    /// The manifest does not parse.
    Manifest(String),
    /// A draft inside does not read.
    Draft {
        /// Its position in the backup, 1-based.
        index: usize,
        /// Why.
        detail: String,
    },
    /// A file listed is missing from the archive.
    MissingFile(String),
    /// A file's bytes do not match the manifest.
    Damaged(String),
    /// An attachment a draft needs is not in the backup.
    Dangling {
        /// The draft's id.
        draft: String,
        /// The attachment's name.
        name: String,
    },
    /// Larger than the limits.
    TooLarge(String),
    /// Writing the archive failed.
    Write(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("未导入任何内容：")?;
        match self {
            Self::NotZip => f.write_str("这不是 ZIP 文件，请选择本程序导出的备份（.zip）"),
            Self::Foreign => f.write_str(
                "这是 ZIP 文件，但不是本程序导出的备份（可能是申报包或其他压缩包）；申报包请在“审阅”中打开",
            ),
            Self::Newer { found } => write!(
                f,
                "备份由更新版本的本程序导出（格式 {found}，本版本只认识 {VERSION}），请使用最新版本"
            ),
            Self::Manifest(d) => write!(f, "备份的目录文件无法读取（{d}），文件可能已损坏"),
            Self::Draft { index, detail } => {
                write!(f, "备份中第 {index} 份草稿无法读取（{detail}）")
            }
            Self::MissingFile(id) => write!(f, "备份缺少附件文件 {id}，文件可能不完整"),
            Self::Damaged(id) => write!(
                f,
                "附件文件 {id} 的内容与备份记录不符，备份已损坏（可能下载不完整）"
            ),
            Self::Dangling { draft, name } => write!(
                f,
                "草稿 {draft} 的附件“{name}”不在备份中，备份不完整"
            ),
            Self::TooLarge(what) => write!(f, "备份超出大小限制（{what}）"),
            Self::Write(d) => write!(f, "生成备份失败：{d}"),
        }
    }
}

impl std::error::Error for BackupError {}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An id is used as a path inside the archive: only plain ASCII.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Writes a backup of drafts and the files their attachments name.
pub fn write(
    drafts: &[SavedDraft],
    files: &[(String, Vec<u8>)],
    created_at: f64,
    app_version: &str,
) -> Result<Vec<u8>, BackupError> {
    let write_err = |e: &dyn fmt::Display| BackupError::Write(e.to_string());
    let entries = files
        .iter()
        .map(|(id, bytes)| {
            if !safe_id(id) {
                return Err(BackupError::Write(format!(
                    "附件 id「{id}」含有不安全的字符"
                )));
            }
            Ok(FileEntry {
                id: id.clone(),
                size: bytes.len() as u64,
                sha256: hex(&Sha256::digest(bytes)),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let manifest = Manifest {
        kind: KIND.to_owned(),
        version: VERSION,
        created_at,
        app_version: app_version.to_owned(),
        drafts: drafts
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| write_err(&e))?,
        files: entries,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| write_err(&e))?;

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    // Attachments are mostly scans and PDFs, already compressed.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    zip.start_file(MANIFEST, deflated)
        .map_err(|e| write_err(&e))?;
    zip.write_all(&json).map_err(|e| write_err(&e))?;
    for (id, bytes) in files {
        zip.start_file(format!("files/{id}"), stored)
            .map_err(|e| write_err(&e))?;
        zip.write_all(bytes).map_err(|e| write_err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| write_err(&e))?;
    Ok(cursor.into_inner())
}

/// Reads one entry, at most `cap` bytes; `label` names it in errors.
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    label: &str,
    cap: u64,
) -> Result<Option<Vec<u8>>, BackupError> {
    let mut entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(BackupError::Manifest(e.to_string())),
    };
    if entry.size() > cap {
        return Err(BackupError::TooLarge(format!(
            "{name} 有 {} 字节",
            entry.size()
        )));
    }
    let mut out = Vec::new();
    // Never trust the declared size: read at most one byte past the cap.
    (&mut entry)
        .take(cap + 1)
        .read_to_end(&mut out)
        // The zip reader checks each entry's CRC-32 as it reads.
        .map_err(|_| BackupError::Damaged(label.to_owned()))?;
    if out.len() as u64 > cap {
        return Err(BackupError::TooLarge(format!(
            "{name} 解压后超过 {cap} 字节"
        )));
    }
    Ok(Some(out))
}

/// Reads and checks a backup completely; nothing is returned unless every
/// draft parses, every file is present with the right hash, and every
/// attachment a draft names is there.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Backup, BackupError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| BackupError::NotZip)?;
    if archive.len() > limits.max_entries {
        return Err(BackupError::TooLarge(format!("{} 个条目", archive.len())));
    }
    let Some(json) = read_entry(&mut archive, MANIFEST, MANIFEST, limits.max_manifest)? else {
        return Err(BackupError::Foreign);
    };
    #[derive(Deserialize)]
    struct Head {
        kind: Option<String>,
        version: Option<u32>,
    }
    let head: Head =
        serde_json::from_slice(&json).map_err(|e| BackupError::Manifest(e.to_string()))?;
    if head.kind.as_deref() != Some(KIND) {
        return Err(BackupError::Foreign);
    }
    match head.version {
        Some(VERSION) => {}
        Some(found) if found > VERSION => return Err(BackupError::Newer { found }),
        _ => return Err(BackupError::Foreign),
    }
    let manifest: Manifest =
        serde_json::from_slice(&json).map_err(|e| BackupError::Manifest(e.to_string()))?;

    let drafts = manifest
        .drafts
        .iter()
        .enumerate()
        .map(|(i, v)| {
            saved::read(&v.to_string()).map_err(|e| BackupError::Draft {
                index: i + 1,
                detail: e.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut total = 0u64;
    let mut files = Vec::with_capacity(manifest.files.len());
    for entry in &manifest.files {
        if !safe_id(&entry.id) {
            return Err(BackupError::Manifest(format!(
                "附件 id「{}」不合规",
                entry.id
            )));
        }
        total = total.saturating_add(entry.size);
        if entry.size > limits.max_file || total > limits.max_total {
            return Err(BackupError::TooLarge(format!(
                "附件 {} 有 {} 字节",
                entry.id, entry.size
            )));
        }
        let name = format!("files/{}", entry.id);
        let data = read_entry(&mut archive, &name, &entry.id, entry.size)?
            .ok_or_else(|| BackupError::MissingFile(entry.id.clone()))?;
        if data.len() as u64 != entry.size || hex(&Sha256::digest(&data)) != entry.sha256 {
            return Err(BackupError::Damaged(entry.id.clone()));
        }
        files.push((entry.id.clone(), data));
    }

    let present: BTreeSet<&str> = files.iter().map(|(id, _)| id.as_str()).collect();
    for d in &drafts {
        if let Some(a) = d
            .draft
            .attachments
            .iter()
            .find(|a| !present.contains(a.id.as_str()))
        {
            return Err(BackupError::Dangling {
                draft: d.draft.id.clone(),
                name: a.name.clone(),
            });
        }
    }
    Ok(Backup {
        created_at: manifest.created_at,
        drafts,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attachment, Draft};

    fn sample() -> (Vec<SavedDraft>, Vec<(String, Vec<u8>)>) {
        let mut d = Draft::new("d1", "jiangsu-2011", "team");
        d.values.set_text("team_name", "常州供电公司客服班");
        let pdf = b"%PDF-1.7 sample".to_vec();
        let jpg: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        for (id, name, bytes) in [("f1", "总结.pdf", &pdf), ("f2", "照片.jpg", &jpg)] {
            d.attachments.push(Attachment {
                id: id.into(),
                slot: "summary".into(),
                name: name.into(),
                size: bytes.len() as u64,
                media_type: "application/pdf".into(),
            });
        }
        let saved = SavedDraft {
            schema: saved::SCHEMA,
            saved_at: 1.5e12,
            rev: 3,
            tab: "t".into(),
            draft: d,
        };
        (vec![saved], vec![("f1".into(), pdf), ("f2".into(), jpg)])
    }

    #[test]
    fn round_trip_is_identical() {
        let (drafts, files) = sample();
        let zip = write(&drafts, &files, 1.6e12, "0.1.0").expect("written");
        let back = read(&zip, &Limits::default()).expect("read back");
        assert_eq!(back.drafts, drafts);
        assert_eq!(back.files, files);
        assert_eq!(back.created_at, 1.6e12);
    }

    #[test]
    fn not_a_zip_and_a_foreign_zip_are_refused() {
        assert_eq!(read(b"hello", &Limits::default()), Err(BackupError::NotZip));
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("readme.txt", SimpleFileOptions::default())
            .expect("start");
        zip.write_all(b"hi").expect("write");
        let foreign = zip.finish().expect("finish").into_inner();
        let err = read(&foreign, &Limits::default()).expect_err("foreign");
        assert_eq!(err, BackupError::Foreign);
        assert!(err.to_string().starts_with("未导入任何内容"));
    }

    #[test]
    fn a_changed_byte_in_a_file_is_caught() {
        let (drafts, files) = sample();
        let mut zip = write(&drafts, &files, 0.0, "0.1.0").expect("written");
        // The stored JPEG-like bytes are in the clear; flip one of them.
        let needle: Vec<u8> = files[1].1[100..116].to_vec();
        let at = zip
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .expect("stored bytes are findable");
        zip[at] ^= 0xFF;
        let err = read(&zip, &Limits::default()).expect_err("damaged");
        assert!(
            matches!(err, BackupError::Damaged(ref id) if id == "f2"),
            "{err:?}"
        );
    }

    #[test]
    fn a_draft_naming_a_missing_file_is_refused() {
        let (drafts, mut files) = sample();
        files.pop();
        let zip = write(&drafts, &files, 0.0, "0.1.0").expect("written");
        assert!(matches!(
            read(&zip, &Limits::default()),
            Err(BackupError::Dangling { .. })
        ));
    }

    #[test]
    fn limits_hold_whatever_the_sizes_claim() {
        let (drafts, files) = sample();
        let zip = write(&drafts, &files, 0.0, "0.1.0").expect("written");
        let tight = Limits {
            max_file: 1000,
            ..Limits::default()
        };
        assert!(matches!(read(&zip, &tight), Err(BackupError::TooLarge(_))));
    }

    #[test]
    fn mutations_never_panic() {
        let (drafts, files) = sample();
        let zip = write(&drafts, &files, 0.0, "0.1.0").expect("written");
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut z = zip.clone();
            let at = (seed as usize) % z.len();
            if i % 3 == 0 {
                z.truncate(at);
            } else {
                z[at] = (seed >> 40) as u8;
            }
            let _ = read(&z, &Limits::default());
        }
    }
}
