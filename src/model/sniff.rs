//! What a file really is, by its first bytes, and whether a material slot
//! takes it. A `.pdf` that is not a PDF is refused with a reason: the
//! extension is only what the user (or their email client) says.

use std::fmt;

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_LEN: usize = 32;

/// A file kind the app recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// PDF (`%PDF-`).
    Pdf,
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
    Png,
    /// GIF (`GIF87a` / `GIF89a`).
    Gif,
    /// A legacy Office document (OLE compound file): .doc, .xls.
    Ole,
    /// A ZIP container: .docx, .xlsx, .zip.
    Zip,
    /// An HTML document (`<!DOCTYPE html` or `<html`, after an optional
    /// byte-order mark and blanks): the survey report this app writes.
    Html,
}

impl Kind {
    /// The media type recorded for files of this kind, given the extension
    /// the user's file had (a ZIP may be a .docx).
    pub fn media_type(self, ext: &str) -> &'static str {
        match (self, ext) {
            (Self::Pdf, _) => "application/pdf",
            (Self::Jpeg, _) => "image/jpeg",
            (Self::Png, _) => "image/png",
            (Self::Gif, _) => "image/gif",
            (Self::Ole, "xls") => "application/vnd.ms-excel",
            (Self::Ole, _) => "application/msword",
            (Self::Zip, "docx") => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            (Self::Zip, "xlsx") => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            (Self::Zip, _) => "application/zip",
            (Self::Html, _) => "text/html",
        }
    }

    /// The name users know the kind by.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Pdf => "PDF 文档",
            Self::Jpeg => "JPEG 图片",
            Self::Png => "PNG 图片",
            Self::Gif => "GIF 图片",
            Self::Ole => "旧版 Office 文档",
            Self::Zip => "ZIP 或新版 Office 文档",
            Self::Html => "HTML 网页",
        }
    }

    /// Whether it is an image the browser can show as a thumbnail.
    pub fn is_image(self) -> bool {
        matches!(self, Self::Jpeg | Self::Png | Self::Gif)
    }
}

/// Recognises a file by its first bytes; `None` for anything else.
pub fn sniff(head: &[u8]) -> Option<Kind> {
    const SIGNATURES: &[(&[u8], Kind)] = &[
        (b"%PDF-", Kind::Pdf),
        (&[0xFF, 0xD8, 0xFF], Kind::Jpeg),
        (&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A], Kind::Png),
        (b"GIF87a", Kind::Gif),
        (b"GIF89a", Kind::Gif),
        (&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Kind::Ole),
        (b"PK\x03\x04", Kind::Zip),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|(_, kind)| *kind)
}

/// Whether the bytes begin an HTML document. Checked only for files named
/// .html, so that any other file with HTML inside is still "not what its
/// extension says" rather than named as a web page.
fn is_html(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = text.get(start..).unwrap_or_default();
    [b"<!doctype html".as_slice(), b"<html"]
        .iter()
        .any(|sig| text.len() >= sig.len() && text[..sig.len()].eq_ignore_ascii_case(sig))
}

/// The kind a file name's extension promises.
fn promised(ext: &str) -> Option<Kind> {
    Some(match ext {
        "pdf" => Kind::Pdf,
        "jpg" | "jpeg" => Kind::Jpeg,
        "png" => Kind::Png,
        "gif" => Kind::Gif,
        "doc" | "xls" => Kind::Ole,
        "docx" | "xlsx" | "zip" => Kind::Zip,
        "html" | "htm" => Kind::Html,
        _ => return None,
    })
}

/// The lower-case extension of a file name, `""` without one.
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The slot does not take files with this extension.
    Extension {
        /// The file's extension (may be empty).
        ext: String,
        /// What the slot takes.
        accepted: Vec<String>,
    },
    /// The content is not what the extension says.
    Mismatch {
        /// The file's extension.
        ext: String,
        /// What the content is, if recognised.
        found: Option<Kind>,
    },
    /// The file is empty.
    Empty,
    /// Larger than the per-file limit.
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// Would take the application past its total limit.
    TotalTooLarge {
        /// The total with this file.
        total: u64,
        /// The limit.
        max: u64,
    },
}

/// Sizes as users read them: `1.5 MB`.
pub fn human_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= MB {
        format!("{:.1} MB", b / MB)
    } else if bytes >= 1024 {
        format!("{:.0} KB", b / 1024.0)
    } else {
        format!("{bytes} 字节")
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Extension { ext, accepted } => {
                let shown = if ext.is_empty() { "无扩展名".to_owned() } else { format!(".{ext}") };
                write!(
                    f,
                    "此处不接受 {shown} 文件，可上传：{}",
                    accepted
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join("、")
                )
            }
            Self::Mismatch { ext, found } => match found {
                Some(kind) => write!(
                    f,
                    "文件扩展名是 .{ext}，但内容是{}：请确认文件，或改为正确的扩展名后再上传",
                    kind.name_zh()
                ),
                None => write!(
                    f,
                    "文件扩展名是 .{ext}，但内容不是这种格式（文件可能已损坏，或只是改了扩展名）：请重新导出或扫描后上传"
                ),
            },
            Self::Empty => f.write_str("文件是空的（0 字节）：请确认选对了文件"),
            Self::TooLarge { size, max } => write!(
                f,
                "文件有 {}，超过单个文件上限 {}：请压缩或降低扫描分辨率后再上传",
                human_size(*size),
                human_size(*max)
            ),
            Self::TotalTooLarge { total, max } => write!(
                f,
                "加上此文件后附件共 {}，超过本申报的上限 {}：请压缩较大的文件",
                human_size(*total),
                human_size(*max)
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// A file's facts, as the browser reports them before reading it all.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The file name.
    pub name: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// Its first bytes (at least [`SNIFF_LEN`] when the file has them).
    pub head: &'a [u8],
}

/// Limits that apply to one application's files.
#[derive(Debug, Clone, Copy)]
pub struct FileLimits {
    /// The largest single file.
    pub max_file: u64,
    /// The largest total.
    pub max_total: u64,
    /// Bytes already attached.
    pub attached: u64,
}

/// Decides whether a slot takes a file; on success, the media type to
/// record. Checks in the order a user can act on: type, then size.
pub fn accept(
    file: Candidate<'_>,
    accepted: &[String],
    limits: FileLimits,
) -> Result<&'static str, Refusal> {
    let ext = extension(file.name);
    if !accepted.is_empty() && !accepted.iter().any(|a| a.eq_ignore_ascii_case(&ext)) {
        return Err(Refusal::Extension {
            ext,
            accepted: accepted.to_vec(),
        });
    }
    if file.size == 0 {
        return Err(Refusal::Empty);
    }
    let found = sniff(file.head).or_else(|| {
        (promised(&ext) == Some(Kind::Html) && is_html(file.head)).then_some(Kind::Html)
    });
    let kind = match (promised(&ext), found) {
        (Some(want), Some(got)) if want == got => got,
        // An extension the app has no signature for, in a slot that
        // accepts anything: keep it as opaque bytes.
        (None, _) if accepted.is_empty() => {
            return size_checks(file, limits).map(|()| "application/octet-stream")
        }
        _ => return Err(Refusal::Mismatch { ext, found }),
    };
    size_checks(file, limits)?;
    Ok(kind.media_type(&ext))
}

fn size_checks(file: Candidate<'_>, limits: FileLimits) -> Result<(), Refusal> {
    if file.size > limits.max_file {
        return Err(Refusal::TooLarge {
            size: file.size,
            max: limits.max_file,
        });
    }
    let total = limits.attached.saturating_add(file.size);
    if total > limits.max_total {
        return Err(Refusal::TotalTooLarge {
            total,
            max: limits.max_total,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'];
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

    #[test]
    fn html_is_recognised_and_checked() {
        assert!(is_html(b"<!DOCTYPE html><html lang"));
        assert!(is_html(b"\xEF\xBB\xBF\n  <html>"));
        assert!(!is_html(b"<htm"));
        assert!(!is_html(b"<?xml version"));
        // HTML named .pdf is only "not a PDF".
        assert_eq!(sniff(b"<!DOCTYPE html><html lang"), None);
        let ok = accept(
            Candidate {
                name: "报告.html",
                size: 100,
                head: b"<!doctype html><html>",
            },
            &exts(&["pdf", "html"]),
            ROOMY,
        );
        assert_eq!(ok, Ok("text/html"));
        let renamed = accept(
            Candidate {
                name: "报告.html",
                size: 100,
                head: PDF,
            },
            &exts(&["pdf", "html"]),
            ROOMY,
        );
        assert!(matches!(renamed, Err(Refusal::Mismatch { .. })));
    }

    fn exts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    const ROOMY: FileLimits = FileLimits {
        max_file: 20 << 20,
        max_total: 100 << 20,
        attached: 0,
    };

    fn file<'a>(name: &'a str, head: &'a [u8]) -> Candidate<'a> {
        Candidate {
            name,
            size: 1000,
            head,
        }
    }

    #[test]
    fn recognises_common_kinds() {
        assert_eq!(sniff(PDF), Some(Kind::Pdf));
        assert_eq!(sniff(JPEG), Some(Kind::Jpeg));
        assert_eq!(sniff(PNG), Some(Kind::Png));
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Some(Kind::Zip));
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_pdf_that_is_not_a_pdf_is_refused_with_a_reason() {
        let slot = exts(&["pdf", "jpg", "png"]);
        let err = accept(file("总结.pdf", b"<html>"), &slot, ROOMY).expect_err("not a PDF");
        assert_eq!(
            err,
            Refusal::Mismatch {
                ext: "pdf".into(),
                found: None
            }
        );
        assert!(err.to_string().contains("内容不是这种格式"));
        // A PNG renamed to .pdf says what it really is.
        let err = accept(file("scan.PDF", PNG), &slot, ROOMY).expect_err("a PNG");
        assert!(err.to_string().contains("PNG 图片"), "{err}");
    }

    #[test]
    fn extension_outside_the_slot_is_refused() {
        let err = accept(file("photo.exe", b"MZ"), &exts(&["jpg", "png"]), ROOMY).expect_err("exe");
        assert!(err.to_string().contains(".jpg、.png"), "{err}");
        let err = accept(file("noext", PDF), &exts(&["pdf"]), ROOMY).expect_err("no ext");
        assert!(err.to_string().contains("无扩展名"), "{err}");
    }

    #[test]
    fn accepted_files_get_their_media_type() {
        let slot = exts(&["pdf", "jpg", "jpeg", "png", "docx"]);
        assert_eq!(
            accept(file("a.pdf", PDF), &slot, ROOMY),
            Ok("application/pdf")
        );
        assert_eq!(accept(file("a.JPEG", JPEG), &slot, ROOMY), Ok("image/jpeg"));
        assert_eq!(
            accept(file("a.docx", b"PK\x03\x04"), &slot, ROOMY),
            Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
    }

    #[test]
    fn sizes_are_limited_per_file_and_in_total() {
        let slot = exts(&["pdf"]);
        let big = Candidate {
            name: "a.pdf",
            size: (20 << 20) + 1,
            head: PDF,
        };
        let err = accept(big, &slot, ROOMY).expect_err("too large");
        assert!(err.to_string().contains("20.0 MB"), "{err}");
        let limits = FileLimits {
            attached: 99 << 20,
            ..ROOMY
        };
        let two_mb = Candidate {
            size: 2 << 20,
            ..big
        };
        assert!(matches!(
            accept(two_mb, &slot, limits),
            Err(Refusal::TotalTooLarge { .. })
        ));
        let empty = Candidate { size: 0, ..big };
        assert_eq!(accept(empty, &slot, ROOMY), Err(Refusal::Empty));
    }

    #[test]
    fn extensions_and_sizes_read_as_people_say_them() {
        assert_eq!(extension("报告.final.PDF"), "pdf");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("README"), "");
        assert_eq!(human_size(512), "512 字节");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
