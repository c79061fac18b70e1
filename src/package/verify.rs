//! Verifying an opened package: the key id, the signature, and every file
//! against the manifest, gathered into a report for the reviewer.
//!
//! The signature proves that the manifest, and through its digests every
//! file, is as the holder of the key made it. Who holds the key is another
//! question: the fingerprint printed at the foot of the stamped paper form
//! answers it, and the reviewer compares the two.

use std::collections::BTreeSet;
use std::fmt;

use super::key::{KeyId, PublicKey};
use super::manifest::Manifest;
use super::read::{open, Opened};
use super::time::Timestamp;
use super::{Limits, Problem, MANIFEST_PATH, MIMETYPE_PATH, SIGNATURE_PATH};

/// What a package is, in one word for the reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Signed, complete and unchanged, with no findings. 有效.
    Valid,
    /// Valid, and the manifest carries validation warnings to read.
    /// 有效（有警告）.
    ValidWithWarnings,
    /// A package of this format, but changed, incomplete or not signed
    /// properly. 无效.
    Invalid,
    /// Not a package of this format, or of a newer version. 无法识别.
    Unrecognized,
}

impl Status {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Valid => "有效",
            Self::ValidWithWarnings => "有效（有警告）",
            Self::Invalid => "无效",
            Self::Unrecognized => "无法识别",
        }
    }

    /// Whether the package may be accepted.
    pub fn is_valid(self) -> bool {
        matches!(self, Self::Valid | Self::ValidWithWarnings)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// How one file the manifest lists fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCheck {
    /// Its path.
    pub path: String,
    /// Its size according to the manifest.
    pub size: u64,
    /// The SHA-256 of the bytes found, when they could be read.
    pub sha256: Option<[u8; 32]>,
    /// Whether it matches the manifest.
    pub result: Result<(), Problem>,
}

/// The report on a package that could be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The verdict.
    pub status: Status,
    /// The SHA-256 of the package file, for the reviewer's records.
    pub sha256: [u8; 32],
    /// The key the manifest names; compare its fingerprint with the one on
    /// the stamped paper form.
    pub signer: PublicKey,
    /// Its id.
    pub key_id: KeyId,
    /// When the signer says the package was made (not proven).
    pub created_at: Timestamp,
    /// Every file the manifest lists, in manifest order.
    pub entries: Vec<EntryCheck>,
    /// Everything found wrong, most fundamental first; empty when valid.
    pub problems: Vec<Problem>,
    /// The manifest, as signed when the status is valid.
    pub manifest: Manifest,
}

/// Opens and verifies a package. A package that cannot be opened is an
/// `Err` whose [`Problem::status`] says whether it was recognized.
pub fn verify(bytes: &[u8], limits: &Limits) -> Result<Verification, Problem> {
    Ok(open(bytes, limits)?.verify())
}

impl Opened<'_> {
    /// Checks the key id, then the signature, then every file.
    pub fn verify(&self) -> Verification {
        let manifest = self.manifest();
        let signer = manifest.signer.public_key;
        let signature = self.signature();
        let mut problems = Vec::new();

        // As minisign does: a signature by another key is reported as such,
        // before any cryptography.
        if signature.key_id != manifest.signer.key_id {
            problems.push(Problem::WrongKeyId {
                manifest: manifest.signer.key_id,
                signature: signature.key_id,
            });
        } else if !signature.verifies(&signer, self.manifest_bytes()) {
            problems.push(Problem::BadSignature);
        } else if signature.trusted_comment != manifest.trusted_comment() {
            problems.push(Problem::TrustedCommentMismatch {
                found: signature.trusted_comment.chars().take(100).collect(),
            });
        }

        let fixed = [MIMETYPE_PATH, MANIFEST_PATH, SIGNATURE_PATH];
        let archived: Vec<&str> = self.paths().filter(|p| !fixed.contains(p)).collect();
        let listed: BTreeSet<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
        let present: BTreeSet<&str> = archived.iter().copied().collect();
        for path in &archived {
            if !listed.contains(path) {
                problems.push(Problem::ExtraFile {
                    path: (*path).to_owned(),
                });
            }
        }
        let in_both = manifest
            .entries
            .iter()
            .map(|e| e.path.as_str())
            .filter(|p| present.contains(p));
        let archived_listed = archived.iter().copied().filter(|p| listed.contains(p));
        if let Some((path, _)) = in_both.zip(archived_listed).find(|(a, b)| a != b) {
            problems.push(Problem::EntryOrder {
                path: path.to_owned(),
            });
        }

        let mut entries = Vec::with_capacity(manifest.entries.len());
        for entry in &manifest.entries {
            let (digest, result) = match self.read_entry(entry) {
                Ok((_, digest)) if digest == entry.sha256 => (Some(digest), Ok(())),
                Ok((_, digest)) => (
                    Some(digest),
                    Err(Problem::Tampered {
                        path: entry.path.clone(),
                    }),
                ),
                Err(problem) => (None, Err(problem)),
            };
            if let Err(problem) = &result {
                problems.push(problem.clone());
            }
            entries.push(EntryCheck {
                path: entry.path.clone(),
                size: entry.size,
                sha256: digest,
                result,
            });
        }

        let errors = manifest.errors();
        if errors > 0 {
            problems.push(Problem::ErrorFindings { count: errors });
        }

        let status = match (problems.is_empty(), manifest.findings.is_empty()) {
            (false, _) => Status::Invalid,
            (true, true) => Status::Valid,
            (true, false) => Status::ValidWithWarnings,
        };
        Verification {
            status,
            sha256: self.sha256(),
            signer,
            key_id: manifest.signer.key_id,
            created_at: manifest.created_at,
            entries,
            problems,
            manifest: manifest.clone(),
        }
    }
}

impl Verification {
    /// The problems in Chinese, one a line, for the reviewer.
    pub fn summary_zh(&self) -> String {
        let mut out = format!("{}", self.status);
        for problem in &self.problems {
            out.push_str("\n· ");
            out.push_str(&problem.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, Target};
    use crate::package::zip::{self, directory};
    use crate::package::SignatureFile;
    use crate::package::{fixture, open, Written};

    fn check(bytes: &[u8]) -> Result<Verification, Problem> {
        verify(bytes, &Limits::default())
    }

    fn status(bytes: &[u8]) -> Status {
        check(bytes).map_or_else(|p| p.status(), |v| v.status)
    }

    #[test]
    fn a_written_package_is_valid() {
        let written = fixture::package(&[]);
        let v = check(&written.bytes).expect("opens");
        assert_eq!(v.status, Status::Valid, "{}", v.summary_zh());
        assert!(v.problems.is_empty());
        assert_eq!(v.signer, fixture::key().public());
        assert_eq!(v.key_id, fixture::key().public().key_id());
        assert_eq!(v.created_at.unix_ms(), fixture::CREATED_AT_MS);
        assert_eq!(v.sha256, written.sha256);
        assert_eq!(v.manifest, written.manifest);
        let paths: Vec<&str> = v.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "form.json",
                "form.html",
                "attachments/summary/01.pdf",
                "attachments/media/01.doc"
            ]
        );
        assert!(v.entries.iter().all(|e| e.result.is_ok()));
        let opened = open(&written.bytes, &Limits::default()).expect("opens");
        assert_eq!(
            opened.read("attachments/summary/01.pdf").expect("reads"),
            b"%PDF-1.4 summary"
        );
        assert!(opened.read("attachments/summary/02.pdf").is_err());
    }

    #[test]
    fn warnings_make_a_valid_package_with_warnings() {
        let warning = Finding::warning(Target::field("satisfaction_index"), "低于 80");
        let written = fixture::package(std::slice::from_ref(&warning));
        let v = check(&written.bytes).expect("opens");
        assert_eq!(v.status, Status::ValidWithWarnings);
        assert_eq!(v.status.label_zh(), "有效（有警告）");
        assert_eq!(v.manifest.findings[0].to_finding(), warning);
    }

    /// Where each part of a package lies, to change bytes region by region.
    fn regions(written: &Written) -> Vec<(String, usize, usize)> {
        let bytes = &written.bytes;
        let dir = directory(bytes, 100).expect("directory");
        let spans = dir.check_layout(bytes, &Limits::default()).expect("layout");
        let mut out = Vec::new();
        let mut header_start = 0;
        for (record, span) in dir.records.iter().zip(&spans) {
            let name = String::from_utf8_lossy(record.name).into_owned();
            out.push((format!("{name} header"), header_start, span.start));
            out.push((format!("{name} data"), span.start, span.end));
            header_start = span.end;
        }
        out.push(("central directory".into(), header_start, bytes.len()));
        out
    }

    #[test]
    fn no_single_byte_change_leaves_a_valid_package() {
        let written = fixture::package(&[]);
        let original = check(&written.bytes).expect("opens");
        let regions = regions(&written);
        let deflated: Vec<std::ops::Range<usize>> = {
            let dir = directory(&written.bytes, 100).expect("directory");
            let spans = dir
                .check_layout(&written.bytes, &Limits::default())
                .expect("layout");
            dir.records
                .iter()
                .zip(spans)
                .filter(|(r, _)| !r.is_stored())
                .map(|(_, s)| s.start..s.end)
                .collect()
        };
        let mut seen_regions = std::collections::BTreeSet::new();
        for i in 0..written.bytes.len() {
            for flip in [0x01, 0x80] {
                let mut changed = written.bytes.clone();
                changed[i] ^= flip;
                if let Ok(v) = check(&changed).map(|v| (v.status.is_valid(), v)) {
                    if v.0 {
                        // Only bits of a deflate stream that do not change
                        // what it inflates to (the padding after the last
                        // block, and some redundancy of a block's code
                        // tables) can change; the content is the same.
                        assert!(
                            deflated.iter().any(|r| r.contains(&i)),
                            "byte {i} ^ {flip:#x} changed unnoticed"
                        );
                        assert_eq!(v.1.entries, original.entries);
                        assert_eq!(v.1.manifest, original.manifest);
                    }
                }
            }
            let region = regions
                .iter()
                .find(|(_, start, end)| (*start..*end).contains(&i))
                .map(|(name, ..)| name.clone())
                .expect("every byte is in a region");
            seen_regions.insert(region);
        }
        assert_eq!(
            seen_regions.len(),
            regions.len(),
            "every region was changed"
        );
    }

    #[test]
    fn truncations_are_never_valid_and_never_panic() {
        let written = fixture::package(&[]);
        for len in 0..written.bytes.len() {
            assert!(!status(&written.bytes[..len]).is_valid(), "{len}");
        }
    }

    #[test]
    fn another_key_is_reported_before_the_signature_is_checked() {
        let written = fixture::package(&[]);
        let bytes = fixture::rebuild(&written.bytes, |entries| {
            let signature = &mut entries[2].1;
            let mut file = SignatureFile::parse(signature).expect("parses");
            file.key_id = KeyId([9; 8]);
            *signature = file.encode();
        });
        let v = check(&bytes).expect("opens");
        assert_eq!(v.status, Status::Invalid);
        assert_eq!(
            v.problems,
            [Problem::WrongKeyId {
                manifest: fixture::key().public().key_id(),
                signature: KeyId([9; 8]),
            }]
        );
    }

    #[test]
    fn rebuilding_without_changes_keeps_the_bytes() {
        let written = fixture::package(&[]);
        assert_eq!(fixture::rebuild(&written.bytes, |_| {}), written.bytes);
    }

    #[test]
    fn a_replaced_attachment_is_tampering() {
        let written = fixture::package(&[]);
        let bytes = fixture::rebuild(&written.bytes, |entries| {
            entries[5].1 = b"%PDF-1.4 forged!".to_vec();
        });
        let v = check(&bytes).expect("opens");
        assert_eq!(v.status, Status::Invalid);
        let problem = Problem::Tampered {
            path: "attachments/summary/01.pdf".into(),
        };
        assert_eq!(v.problems, std::slice::from_ref(&problem));
        assert_eq!(v.entries[2].result, Err(problem));
        assert!(v.entries[2].sha256.is_some());
    }

    #[test]
    fn added_removed_and_reordered_files_are_reported() {
        let written = fixture::package(&[]);
        let added = fixture::rebuild(&written.bytes, |entries| {
            entries.push((
                "attachments/summary/02.pdf".into(),
                b"%PDF extra".to_vec(),
                zip::Method::Stored,
            ));
        });
        assert_eq!(
            check(&added).expect("opens").problems,
            [Problem::ExtraFile {
                path: "attachments/summary/02.pdf".into()
            }]
        );
        let removed = fixture::rebuild(&written.bytes, |entries| {
            entries.remove(6);
        });
        assert_eq!(
            check(&removed).expect("opens").problems,
            [Problem::MissingFile {
                path: "attachments/media/01.doc".into()
            }]
        );
        let reordered = fixture::rebuild(&written.bytes, |entries| entries.swap(5, 6));
        assert_eq!(
            check(&reordered).expect("opens").problems,
            [Problem::EntryOrder {
                path: "attachments/summary/01.pdf".into()
            }]
        );
    }

    #[test]
    fn a_changed_manifest_breaks_the_signature() {
        let written = fixture::package(&[]);
        let bytes = fixture::rebuild(&written.bytes, |entries| {
            let mut manifest = Manifest::parse(&entries[1].1).expect("parses");
            manifest.applicant = "另一家公司".into();
            entries[1].1 = manifest.to_json().expect("json");
        });
        assert_eq!(
            check(&bytes).expect("opens").problems,
            [Problem::BadSignature]
        );
    }

    #[test]
    fn a_resigned_manifest_with_errors_is_invalid() {
        // Someone with the key can sign anything; a package carrying error
        // findings is still not a final package.
        let written = fixture::package(&[]);
        let bytes = fixture::rebuild(&written.bytes, |entries| {
            let mut manifest = Manifest::parse(&entries[1].1).expect("parses");
            manifest
                .findings
                .push((&Finding::error(Target::field("unit_name"), "请填写")).into());
            let json = manifest.to_json().expect("json");
            entries[2].1 =
                SignatureFile::sign(&fixture::key(), &json, &manifest.trusted_comment()).encode();
            entries[1].1 = json;
        });
        let v = check(&bytes).expect("opens");
        assert_eq!(v.problems, [Problem::ErrorFindings { count: 1 }]);
    }

    #[test]
    fn other_zips_are_unrecognized() {
        let other = zip::write(&[zip::NewEntry {
            name: "readme.txt",
            data: b"hello",
            method: zip::Method::Stored,
        }])
        .expect("zip");
        assert_eq!(check(&other), Err(Problem::NoMimetype));
        let epub = zip::write(&[zip::NewEntry {
            name: "mimetype",
            data: b"application/epub+zip",
            method: zip::Method::Stored,
        }])
        .expect("zip");
        assert_eq!(
            check(&epub),
            Err(Problem::WrongMimetype {
                found: "application/epub+zip".into()
            })
        );
        let written = fixture::package(&[]);
        let newer = fixture::rebuild(&written.bytes, |entries| {
            entries[0].1 = b"application/vnd.shenbao.package+zip;version=2".to_vec();
        });
        assert_eq!(
            check(&newer),
            Err(Problem::UnsupportedVersion { found: "2".into() })
        );
        assert_eq!(status(b"%PDF-1.4"), Status::Unrecognized);
    }

    #[test]
    fn limits_bound_the_reader() {
        let written = fixture::package(&[]);
        let tight = |f: fn(&mut Limits)| {
            let mut limits = Limits::default();
            f(&mut limits);
            verify(&written.bytes, &limits).map(|v| v.status)
        };
        assert!(matches!(
            tight(|l| l.max_package_bytes = 100),
            Err(Problem::TooLarge { .. })
        ));
        assert!(matches!(
            tight(|l| l.max_entries = 3),
            Err(Problem::TooManyEntries { count: 7, max: 3 })
        ));
        assert!(matches!(
            tight(|l| l.max_entry_bytes = 100),
            Err(Problem::EntryTooLarge { .. })
        ));
        assert!(matches!(
            tight(|l| l.max_manifest_bytes = 100),
            Err(Problem::EntryTooLarge { .. })
        ));
        assert!(matches!(
            tight(|l| l.max_unpacked_bytes = 100),
            Err(Problem::UnpackedTooLarge { .. })
        ));
    }
}
