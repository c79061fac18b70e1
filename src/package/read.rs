//! Opening a package: recognizing it, holding the archive to the format's
//! layout, and reading the manifest and signature, with bounded reads
//! throughout. [`Opened::verify`] then checks the rest.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::error::shown;
use super::manifest::{Entry, Manifest};
use super::path::unsafe_reason;
use super::signature::{self, SignatureFile};
use super::zip::{self, Record, Span};
use super::{
    sha256, Limits, Problem, MANIFEST_PATH, MIMETYPE, MIMETYPE_PATH, MIMETYPE_PREFIX,
    SIGNATURE_PATH,
};

/// A package whose structure, manifest and signature file have been read;
/// nothing in it is trusted until [`Opened::verify`] says so.
#[derive(Debug, Clone)]
pub struct Opened<'a> {
    bytes: &'a [u8],
    records: Vec<Record<'a>>,
    spans: Vec<Span>,
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    signature: SignatureFile,
    known: Option<KnownDigests>,
}

/// SHA-256 digests of the package computed elsewhere over the same bytes
/// (in the browser, by WebCrypto, which uses the CPU's SHA instructions
/// that WebAssembly cannot): the whole file, and the data of stored
/// entries by their byte ranges ([`Opened::stored_ranges`]). A digest not
/// given is computed here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownDigests {
    /// The whole file's.
    pub file: Option<[u8; 32]>,
    /// `(start, end)` of a stored entry's data → its SHA-256.
    pub ranges: Vec<((usize, usize), [u8; 32])>,
}

/// Opens a package: checks that it is one, that the archive has the fixed
/// layout with safe, distinct names, and reads `manifest.json` and
/// `manifest.sig`. Entry data is not read until asked for.
pub fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Opened<'a>, Problem> {
    let (directory, spans) = open_archive(bytes, limits, MIMETYPE, MIMETYPE_PREFIX)?;
    let at = |i: usize, name: &str| {
        directory
            .records
            .get(i)
            .zip(spans.get(i))
            .filter(|(r, _)| r.name == name.as_bytes())
    };
    let (manifest_record, manifest_span) = at(1, MANIFEST_PATH).ok_or(Problem::MissingManifest)?;
    let (signature_record, signature_span) =
        at(2, SIGNATURE_PATH).ok_or(Problem::MissingSignature)?;

    if u64::from(manifest_record.size) > limits.max_manifest_bytes {
        return Err(Problem::EntryTooLarge {
            path: MANIFEST_PATH.to_owned(),
            size: u64::from(manifest_record.size),
            max: limits.max_manifest_bytes,
        });
    }
    let manifest_bytes = zip::extract(manifest_record, slice(bytes, *manifest_span)?)?.into_owned();
    let manifest = Manifest::parse(&manifest_bytes)?;

    if u64::from(signature_record.size) > signature::MAX_BYTES {
        return Err(Problem::MalformedSignature {
            detail: "文件过大"
        });
    }
    let signature_bytes = zip::extract(signature_record, slice(bytes, *signature_span)?)?;
    let signature = SignatureFile::parse(&signature_bytes)?;

    Ok(Opened {
        bytes,
        records: directory.records,
        spans,
        manifest,
        manifest_bytes,
        signature,
        known: None,
    })
}

impl<'a> Opened<'a> {
    /// The manifest, as the package claims it; see [`Opened::verify`].
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The exact bytes of `manifest.json`, which the signature covers.
    pub fn manifest_bytes(&self) -> &[u8] {
        &self.manifest_bytes
    }

    /// The signature file.
    pub fn signature(&self) -> &SignatureFile {
        &self.signature
    }

    /// The SHA-256 of the whole package file.
    pub fn sha256(&self) -> [u8; 32] {
        self.known
            .as_ref()
            .and_then(|k| k.file)
            .unwrap_or_else(|| sha256(self.bytes))
    }

    /// The byte ranges of the stored entries' data: what is worth hashing
    /// outside (deflated entries must be inflated here first).
    pub fn stored_ranges(&self) -> Vec<(usize, usize)> {
        self.records
            .iter()
            .zip(&self.spans)
            .filter(|(r, _)| r.is_stored())
            .map(|(_, s)| (s.start, s.end))
            .collect()
    }

    /// Uses digests computed elsewhere instead of hashing here.
    pub fn with_digests(mut self, known: KnownDigests) -> Self {
        self.known = Some(known);
        self
    }

    /// Every entry name in archive order, `mimetype` first. Names are safe
    /// ASCII paths (checked by [`open`]).
    pub fn paths(&self) -> impl Iterator<Item = &str> + '_ {
        self.records
            .iter()
            .map(|r| std::str::from_utf8(r.name).unwrap_or_default())
    }

    /// The bytes of a file the manifest lists, checked against the
    /// manifest (size, then SHA-256). Only the signature makes the manifest
    /// worth trusting: read from a package that [`Opened::verify`] found
    /// valid.
    pub fn read(&self, path: &str) -> Result<Vec<u8>, Problem> {
        let entry = self
            .manifest
            .entry(path)
            .ok_or_else(|| Problem::ExtraFile {
                path: shown(path.as_bytes()),
            })?;
        let (data, digest) = self.read_entry(entry)?;
        if digest != entry.sha256 {
            return Err(Problem::Tampered {
                path: entry.path.clone(),
            });
        }
        Ok(data.into_owned())
    }

    /// An entry's bytes and their SHA-256, bounded by the manifest's size;
    /// the digest is not compared. A stored entry is borrowed from the
    /// package, so verifying one reads its bytes without copying them.
    pub(crate) fn read_entry(&self, entry: &Entry) -> Result<(Cow<'a, [u8]>, [u8; 32]), Problem> {
        let found = self
            .records
            .iter()
            .zip(&self.spans)
            .find(|(r, _)| r.name == entry.path.as_bytes());
        let Some((record, span)) = found else {
            return Err(Problem::MissingFile {
                path: entry.path.clone(),
            });
        };
        if u64::from(record.size) != entry.size {
            return Err(Problem::SizeMismatch {
                path: entry.path.clone(),
                declared: entry.size,
                actual: u64::from(record.size),
            });
        }
        let data = zip::extract(record, slice(self.bytes, *span)?)?;
        let known = self
            .known
            .as_ref()
            .filter(|_| record.is_stored())
            .and_then(|k| {
                k.ranges
                    .iter()
                    .find(|(range, _)| *range == (span.start, span.end))
                    .map(|(_, d)| *d)
            });
        let digest = known.unwrap_or_else(|| sha256(&data));
        Ok((data, digest))
    }
}

/// Opens an archive of this format's family (a package, or a forwarding
/// package): recognizes it by its `mimetype`, holds it to the fixed layout
/// with safe, distinct names, and bounds what it unpacks to.
pub(crate) fn open_archive<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    mimetype: &str,
    prefix: &str,
) -> Result<(zip::Directory<'a>, Vec<Span>), Problem> {
    if bytes.len() as u64 > limits.max_package_bytes {
        return Err(Problem::TooLarge {
            size: bytes.len() as u64,
            max: limits.max_package_bytes,
        });
    }
    let directory = zip::directory(bytes, limits.max_entries)?;
    recognize(bytes, &directory.records, mimetype, prefix)?;
    check_names(&directory.records)?;
    let spans = directory.check_layout(bytes, limits)?;
    let total: u64 = directory.records.iter().map(|r| u64::from(r.size)).sum();
    if total > limits.max_unpacked_bytes {
        return Err(Problem::UnpackedTooLarge {
            total,
            max: limits.max_unpacked_bytes,
        });
    }
    Ok((directory, spans))
}

/// The content of an archive's `mimetype` entry, if it starts with one
/// (read leniently, from the first local header only): tells a package
/// from a forwarding package before either is opened.
pub(crate) fn mimetype_of(bytes: &[u8]) -> Option<&[u8]> {
    let name = bytes.get(30..38)?;
    if bytes.get(..4)? != b"PK\x03\x04" || name != MIMETYPE_PATH.as_bytes() {
        return None;
    }
    let size = u32::from_le_bytes(bytes.get(22..26)?.try_into().ok()?) as usize;
    bytes.get(38..38usize.checked_add(size.min(100))?)
}

/// Tells a package from any other ZIP by its first entry, reading it
/// leniently: a package of another format should be called that, not
/// "malformed".
fn recognize(
    bytes: &[u8],
    records: &[Record<'_>],
    mimetype: &str,
    prefix: &str,
) -> Result<(), Problem> {
    let is_mimetype = |r: &Record<'_>| r.name == MIMETYPE_PATH.as_bytes();
    let Some(first) = records.first().filter(|r| is_mimetype(r)) else {
        return Err(match records.iter().position(is_mimetype) {
            Some(i) => Problem::MimetypeNotFirst { position: i + 1 },
            None => Problem::NoMimetype,
        });
    };
    if !first.is_stored() {
        return Err(Problem::MimetypeNotStored);
    }
    let content = zip::sniff(bytes, first).ok_or(Problem::MalformedZip {
        detail: "mimetype 条目损坏",
    })?;
    if content == mimetype.as_bytes() {
        return Ok(());
    }
    let found = |b: &[u8]| shown(b.get(..60).unwrap_or(b));
    Err(match content.strip_prefix(prefix.as_bytes()) {
        Some(version) => Problem::UnsupportedVersion {
            found: found(version),
        },
        None => Problem::WrongMimetype {
            found: found(content),
        },
    })
}

/// Every name is a safe relative path, and no two are the same, exactly or
/// but for ASCII case (on Windows and macOS they would be one file). Names
/// are ASCII, so Unicode normalization cannot make two alike.
fn check_names(records: &[Record<'_>]) -> Result<(), Problem> {
    let mut seen: BTreeMap<Vec<u8>, &[u8]> = BTreeMap::new();
    for record in records {
        if let Some(reason) = unsafe_reason(record.name) {
            return Err(Problem::UnsafePath {
                path: record.shown(),
                reason,
            });
        }
        if let Some(first) = seen.insert(record.name.to_ascii_lowercase(), record.name) {
            return Err(Problem::DuplicateName {
                path: record.shown(),
                first: shown(first),
            });
        }
    }
    Ok(())
}

pub(crate) fn slice(bytes: &[u8], span: Span) -> Result<&[u8], Problem> {
    bytes
        .get(span.start..span.end)
        .ok_or(Problem::MalformedZip {
            detail: "条目数据超出文件范围（文件可能被截断）",
        })
}
