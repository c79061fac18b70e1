//! Entry names: which are safe, which the format uses, and how attachments
//! are named (`attachments/<slot>/<NN>.<ext>`, ASCII made by the app; the
//! user's own file name is kept only in the manifest).

use super::{FORM_HTML_PATH, FORM_JSON_PATH, MANIFEST_PATH, MIMETYPE_PATH, SIGNATURE_PATH};

/// The longest entry name accepted.
pub(crate) const MAX_PATH_LEN: usize = 200;

/// The longest material slot id that can name a folder.
pub(crate) const MAX_SLOT_LEN: usize = 64;

/// The most files in one slot: numbers have at most three digits.
pub(crate) const MAX_PER_SLOT: usize = 999;

/// The folder holding attachments.
const ATTACHMENTS: &str = "attachments/";

/// What an entry is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathKind<'a> {
    /// `mimetype`.
    Mimetype,
    /// `manifest.json`.
    Manifest,
    /// `manifest.sig`.
    Signature,
    /// `form.json`.
    FormJson,
    /// `form.html`.
    FormHtml,
    /// `attachments/<slot>/<NN>.<ext>`.
    Attachment {
        /// The material slot.
        slot: &'a str,
    },
}

/// Why a name could be dangerous to extract, in Chinese; `None` when it is a
/// plain relative path of ASCII letters, digits, `.`, `_`, `-` and `/`.
pub(crate) fn unsafe_reason(name: &[u8]) -> Option<&'static str> {
    if name.is_empty() {
        return Some("名称为空");
    }
    if name.len() > MAX_PATH_LEN {
        return Some("名称过长");
    }
    if name.first() == Some(&b'/') {
        return Some("是绝对路径");
    }
    if name.contains(&b'\\') {
        return Some("含反斜杠");
    }
    if name.contains(&b':') {
        return Some("含冒号（可被当作盘符）");
    }
    if !name.is_ascii() {
        return Some("含非 ASCII 字符");
    }
    if name.iter().any(|b| b.is_ascii_control()) {
        return Some("含控制字符");
    }
    let mut segments = name.split(|&b| b == b'/');
    if segments.any(|s| s == b"..") {
        return Some("含上级目录 ..");
    }
    if name
        .split(|&b| b == b'/')
        .any(|s| s.is_empty() || s == b".")
    {
        return Some("含空路径段或 .（也可能是目录）");
    }
    let plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/');
    if !name.iter().all(plain) {
        return Some("含字母、数字、. _ - / 以外的字符");
    }
    None
}

/// What a safe name is in this format; `None` for a name the format does
/// not use.
pub(crate) fn classify(name: &str) -> Option<PathKind<'_>> {
    match name {
        MIMETYPE_PATH => return Some(PathKind::Mimetype),
        MANIFEST_PATH => return Some(PathKind::Manifest),
        SIGNATURE_PATH => return Some(PathKind::Signature),
        FORM_JSON_PATH => return Some(PathKind::FormJson),
        FORM_HTML_PATH => return Some(PathKind::FormHtml),
        _ => {}
    }
    let rest = name.strip_prefix(ATTACHMENTS)?;
    let (slot, file) = rest.split_once('/')?;
    let (number, ext) = file.split_once('.')?;
    let number_ok = (2..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    let ext_ok = (1..=8).contains(&ext.len())
        && ext
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (is_slot_id(slot) && number_ok && ext_ok).then_some(PathKind::Attachment { slot })
}

/// Whether a material slot id can name a folder: 1–64 of `a-z 0-9 _ -`.
pub(crate) fn is_slot_id(slot: &str) -> bool {
    (1..=MAX_SLOT_LEN).contains(&slot.len())
        && slot
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// The path of the `number`th (1-based) file of a slot.
pub(crate) fn attachment_path(slot: &str, number: usize, media_type: &str) -> String {
    format!(
        "{ATTACHMENTS}{slot}/{number:02}.{}",
        kind_of(media_type).extension
    )
}

/// Whether a file of this media type is stored as is rather than deflated,
/// because its content is compressed already.
pub(crate) fn is_precompressed(media_type: &str) -> bool {
    kind_of(media_type).precompressed
}

struct FileKind {
    extension: &'static str,
    precompressed: bool,
}

fn kind_of(media_type: &str) -> FileKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (extension, precompressed) = match essence.as_str() {
        // A PDF's streams are deflated already, and scans are JPEG inside.
        "application/pdf" => ("pdf", true),
        "image/jpeg" => ("jpg", true),
        "image/png" => ("png", true),
        "image/gif" => ("gif", true),
        "image/webp" => ("webp", true),
        "application/zip" => ("zip", true),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ("docx", true),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ("xlsx", true),
        "application/msword" => ("doc", false),
        "application/vnd.ms-excel" => ("xls", false),
        "text/plain" => ("txt", false),
        "application/json" => ("json", false),
        "text/html" => ("html", false),
        _ => ("bin", false),
    };
    FileKind {
        extension,
        precompressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_names_are_named() {
        let cases: [(&[u8], &str); 13] = [
            (b"", "空"),
            (b"/etc/passwd", "绝对"),
            (b"attachments\\a\\01.pdf", "反斜杠"),
            (b"C:/x", "冒号"),
            (b"../x", ".."),
            (b"attachments/../../x", ".."),
            (b"a//b", "空路径段"),
            (b"a/./b", "空路径段"),
            (b"attachments/", "空路径段"),
            ("附件.pdf".as_bytes(), "ASCII"),
            (b"a\0b", "控制"),
            (b"a b", "以外"),
            (&[b'a'; 201], "过长"),
        ];
        for (name, reason) in cases {
            let found = unsafe_reason(name).unwrap_or("safe");
            assert!(
                found.contains(reason),
                "{:?}: {found}",
                String::from_utf8_lossy(name)
            );
        }
        assert_eq!(unsafe_reason(b"attachments/summary/01.pdf"), None);
    }

    #[test]
    fn the_format_uses_fixed_names_and_attachment_paths() {
        assert_eq!(classify("manifest.json"), Some(PathKind::Manifest));
        assert_eq!(classify("form.html"), Some(PathKind::FormHtml));
        assert_eq!(
            classify("attachments/summary/01.pdf"),
            Some(PathKind::Attachment { slot: "summary" })
        );
        assert_eq!(
            classify("attachments/honour_certificates/100.jpg"),
            Some(PathKind::Attachment {
                slot: "honour_certificates"
            })
        );
        for other in [
            "Manifest.json",
            "attachments/summary/1.pdf",
            "attachments/summary/0001.pdf",
            "attachments/summary/01.PDF",
            "attachments/summary/01",
            "attachments/summary/01.tar.gz",
            "attachments/Summary/01.pdf",
            "attachments/a/b/01.pdf",
            "attachments//01.pdf",
            "readme.txt",
        ] {
            assert_eq!(classify(other), None, "{other}");
        }
    }

    #[test]
    fn attachment_paths_come_from_the_media_type() {
        assert_eq!(
            attachment_path("summary", 1, "application/pdf"),
            "attachments/summary/01.pdf"
        );
        assert_eq!(
            attachment_path("photo", 12, "IMAGE/JPEG; q=1"),
            "attachments/photo/12.jpg"
        );
        assert_eq!(
            attachment_path("media", 100, "application/x-unknown"),
            "attachments/media/100.bin"
        );
        for media_type in ["application/pdf", "image/png", "image/jpeg"] {
            let path = attachment_path("summary", 3, media_type);
            assert!(classify(&path).is_some(), "{path}");
            assert!(is_precompressed(media_type));
        }
        assert!(!is_precompressed("application/msword"));
        assert!(!is_precompressed("text/html"));
    }
}
