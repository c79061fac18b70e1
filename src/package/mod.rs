//! The signed submission package: a ZIP that an applicant emails and a
//! reviewer opens, format 1 (described for third parties in
//! `docs/package-format.md`).
//!
//! A package holds the form as data (`form.json`) and as a printable page
//! (`form.html`), the attached files, a manifest naming every file with its
//! SHA-256, and an Ed25519 signature over the manifest in a minisign-style
//! file. Everything here takes bytes and returns bytes: the clock and the key
//! are passed in, so a package is reproducible.
//!
//! - [`write()`] makes a package from a draft ([`PackageInput`]).
//! - [`open`] parses one with bounded reads; [`Opened::verify`] checks the
//!   signature and every file and says how it went ([`Verification`]).
//! - [`verify`] does both.

mod error;
#[cfg(test)]
mod fixture;
mod forward;
mod key;
mod manifest;
mod path;
mod read;
mod report;
mod signature;
mod time;
mod verify;
mod write;
pub(crate) mod zip;

pub use error::{Problem, WriteError};
pub use forward::{
    is_forward, verify_forward, write_forward, Decision, ForwardManifest, ForwardVerification,
    Forwarded, Opinion, FORWARDED_PATH, FORWARD_MIMETYPE, MAX_OPINION_CHARS,
};
pub use key::{KeyId, PublicKey, SigningKey};
pub use manifest::{
    CampaignRef, CategoryRef, Entry, FindingRecord, Manifest, Recipient, RouteRef, Signer,
    TargetKind, TargetRecord,
};
pub use read::{open, KnownDigests, Opened};
pub use report::{
    file_name, form_draft, inspect, report, Against, ForwardReport, Report, ReportEntry,
    Revalidation,
};
pub use signature::SignatureFile;
pub use time::Timestamp;
pub use verify::{verify, EntryCheck, Status, Verification};
pub use write::{footer, form_digest, form_json, write, write_with_digests, PackageInput, Written};

use sha2::{Digest, Sha256};

/// The package format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The content of the first entry, `mimetype`, which names the format.
pub const MIMETYPE: &str = "application/vnd.shenbao.package+zip;version=1";

/// What a `mimetype` entry of any version starts with; the version follows.
pub const MIMETYPE_PREFIX: &str = "application/vnd.shenbao.package+zip;version=";

/// The entry naming the format.
pub const MIMETYPE_PATH: &str = "mimetype";
/// The entry listing every other file with its digest.
pub const MANIFEST_PATH: &str = "manifest.json";
/// The entry with the signature over the manifest.
pub const SIGNATURE_PATH: &str = "manifest.sig";
/// The entry with the form's values as JSON.
pub const FORM_JSON_PATH: &str = "form.json";
/// The entry with the printable form.
pub const FORM_HTML_PATH: &str = "form.html";

/// Bounds on what a reader accepts, so that a hostile package cannot make it
/// allocate or inflate without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest package file.
    pub max_package_bytes: u64,
    /// The largest single entry, uncompressed.
    pub max_entry_bytes: u64,
    /// The most entries in the archive.
    pub max_entries: usize,
    /// The largest `manifest.json`.
    pub max_manifest_bytes: u64,
    /// The largest total of all entries, uncompressed.
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    /// Room for the campaign's own limits (100 MiB of attachments, 20 MiB a
    /// file) with margin; a package [`write()`] makes always fits.
    fn default() -> Self {
        Self {
            max_package_bytes: 256 * 1024 * 1024,
            max_entry_bytes: 64 * 1024 * 1024,
            max_entries: 512,
            max_manifest_bytes: 1024 * 1024,
            max_unpacked_bytes: 512 * 1024 * 1024,
        }
    }
}

/// The SHA-256 of some bytes, e.g. of the campaign file for
/// [`PackageInput::campaign_sha256`].
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Lowercase hex, as `sha256sum` prints it.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Uppercase hex in groups of four digits, `3F2A 9C01 …`, for people to
/// compare by eye.
pub fn grouped_hex(bytes: &[u8]) -> String {
    let upper = hex(bytes).to_ascii_uppercase();
    let mut out = String::with_capacity(upper.len() * 5 / 4);
    for (i, c) in upper.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Parses exactly `N` bytes of lowercase hex; `None` for anything else,
/// including uppercase, so that one value has one spelling.
pub(crate) fn parse_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let digits = text.as_bytes();
    if digits.len() != N * 2 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *byte = (nibble(*hi)? << 4) | nibble(*lo)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_is_the_fips_vector() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hex_round_trips_and_refuses_other_spellings() {
        let bytes = [0x3f, 0x2a, 0x9c, 0x01];
        assert_eq!(hex(&bytes), "3f2a9c01");
        assert_eq!(parse_hex::<4>("3f2a9c01"), Some(bytes));
        assert_eq!(parse_hex::<4>("3F2A9C01"), None);
        assert_eq!(parse_hex::<4>("3f2a9c0"), None);
        assert_eq!(parse_hex::<4>("3f2a9c0g"), None);
        assert_eq!(parse_hex::<4>("3f2a9c01ff"), None);
    }

    #[test]
    fn grouped_hex_is_in_fours() {
        assert_eq!(grouped_hex(&[0x3f, 0x2a, 0x9c, 0x01, 0xab]), "3F2A 9C01 AB");
        assert_eq!(grouped_hex(&[]), "");
    }

    #[test]
    fn mimetype_names_this_format() {
        assert_eq!(MIMETYPE, format!("{MIMETYPE_PREFIX}{FORMAT}"));
    }
}

/// The fuzz target's body (`fuzz/fuzz_targets/open_package.rs`): open,
/// verify and report on arbitrary bytes, as a package or a forwarding
/// package. It must return, whatever the bytes, within the reader's memory
/// bounds.
#[cfg(fuzzing)]
pub fn fuzz_open(data: &[u8]) {
    let _ = inspect(data, &Limits::default(), None, None);
}
