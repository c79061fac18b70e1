//! The ZIP container, in the one layout this format allows.
//!
//! A package is a plain ZIP (APPNOTE 6.3.x) with every choice fixed: local
//! headers one after another from offset 0, then the central directory,
//! then the end record; no ZIP64, comments, extra fields, data
//! descriptors or encryption; methods store (0) and deflate (8) only;
//! version 2.0 (made by MS-DOS, external attributes 0); every time
//! 1980-01-01 00:00:00. Pinning the layout makes the writer reproducible
//! and lets a reader refuse everything else, so no byte of a package can
//! change without being noticed.
//!
//! [`write`] makes an archive. [`directory`] walks the central directory
//! from the bytes (it does not trust any ZIP library's name map, which may
//! merge duplicates: zip2 issue #841), [`check_record`] holds each entry
//! to the layout and to its local header, and [`extract`] inflates one
//! entry with a hard bound.

use std::borrow::Cow;
use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

use super::error::shown;
use super::{Limits, Problem, WriteError};

const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;
const LOCAL_LEN: usize = 30;
const CENTRAL_LEN: usize = 46;
const END_LEN: usize = 22;

/// "Version needed to extract": 2.0, which covers deflate.
pub(crate) const VERSION_NEEDED: u16 = 20;
/// "Version made by": MS-DOS (0) and 2.0, so attributes mean nothing.
pub(crate) const VERSION_MADE_BY: u16 = 20;
/// MS-DOS time 00:00:00.
pub(crate) const DOS_TIME: u16 = 0;
/// MS-DOS date 1980-01-01, the earliest it can say.
pub(crate) const DOS_DATE: u16 = (1 << 5) | 1;

const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// How an entry's bytes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// As they are (method 0).
    Stored,
    /// Raw deflate, level 6 (method 8).
    Deflated,
}

/// An entry to write.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewEntry<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its uncompressed bytes.
    pub data: &'a [u8],
    /// How to keep them.
    pub method: Method,
}

/// An archive of these entries in this order.
pub(crate) fn write(entries: &[NewEntry<'_>]) -> Result<Vec<u8>, WriteError> {
    let count = u16::try_from(entries.len()).map_err(|_| WriteError::TooManyFiles {
        count: entries.len(),
        max: usize::from(u16::MAX),
    })?;
    // Sized once: a package is mostly stored attachments, and growing a
    // 100 MB vector by doubling would copy it about twice over.
    let headers: usize = entries
        .iter()
        .map(|e| LOCAL_LEN + CENTRAL_LEN + 2 * e.name.len())
        .sum();
    let data: usize = entries.iter().map(|e| e.data.len()).sum();
    let mut out = Vec::with_capacity(data + headers + END_LEN);
    let mut central = Vec::with_capacity(headers);
    for entry in entries {
        let (method, compressed) = match entry.method {
            Method::Stored => (STORED, Cow::Borrowed(entry.data)),
            Method::Deflated => (DEFLATED, Cow::Owned(deflate(entry.data)?)),
        };
        let offset = fits_u32(out.len(), "申报包")?;
        let fields = Fields {
            method,
            crc: crc32(entry.data),
            compressed_size: fits_u32(compressed.len(), entry.name)?,
            size: fits_u32(entry.data.len(), entry.name)?,
            name_len: u16::try_from(entry.name.len()).map_err(|_| WriteError::Encode {
                detail: "entry name too long".to_owned(),
            })?,
        };
        put32(&mut out, LOCAL_SIGNATURE);
        put16(&mut out, VERSION_NEEDED);
        fields.put(&mut out);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&compressed);

        put32(&mut central, CENTRAL_SIGNATURE);
        put16(&mut central, VERSION_MADE_BY);
        put16(&mut central, VERSION_NEEDED);
        fields.put(&mut central);
        put16(&mut central, 0); // extra field length
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number start
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(entry.name.as_bytes());
    }
    let central_offset = fits_u32(out.len(), "申报包")?;
    let central_size = fits_u32(central.len(), "申报包")?;
    out.extend_from_slice(&central);
    put32(&mut out, END_SIGNATURE);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

/// The fields a local header and a central record share, from
/// "general purpose bit flag" to "file name length".
struct Fields {
    method: u16,
    crc: u32,
    compressed_size: u32,
    size: u32,
    name_len: u16,
}

impl Fields {
    fn put(&self, out: &mut Vec<u8>) {
        put16(out, 0); // flags: names are ASCII, sizes are in the header
        put16(out, self.method);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, self.crc);
        put32(out, self.compressed_size);
        put32(out, self.size);
        put16(out, self.name_len);
    }
}

fn deflate(data: &[u8]) -> Result<Vec<u8>, WriteError> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(6));
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map_err(|e| WriteError::Encode {
            detail: e.to_string(),
        })
}

fn fits_u32(len: usize, what: &str) -> Result<u32, WriteError> {
    u32::try_from(len).map_err(|_| WriteError::Encode {
        detail: format!("{what} is over 4 GiB"),
    })
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(data);
    crc.sum()
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// One central-directory record, as found; nothing in it is trusted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record<'a> {
    /// The name bytes.
    pub name: &'a [u8],
    version_made_by: u16,
    version_needed: u16,
    flags: u16,
    /// The ZIP method number.
    pub method: u16,
    time: u16,
    date: u16,
    crc: u32,
    compressed_size: u32,
    /// The uncompressed size it declares.
    pub size: u32,
    extra_len: u16,
    comment_len: u16,
    disk_start: u16,
    internal: u16,
    external: u32,
    local_offset: u32,
}

impl Record<'_> {
    /// The name, fit to show.
    pub fn shown(&self) -> String {
        shown(self.name)
    }

    /// Whether its method is store.
    pub fn is_stored(&self) -> bool {
        self.method == STORED
    }
}

/// The central directory of an archive.
#[derive(Debug, Clone)]
pub(crate) struct Directory<'a> {
    /// The records in order.
    pub records: Vec<Record<'a>>,
    /// Where the central directory starts, which is where entry data must
    /// end.
    offset: usize,
}

/// Reads the end record and walks the central directory, with bounds
/// checks only; [`check_record`] holds each record to the layout.
pub(crate) fn directory(bytes: &[u8], max_entries: usize) -> Result<Directory<'_>, Problem> {
    let malformed = |detail| Problem::MalformedZip { detail };
    let end = bytes.len().checked_sub(END_LEN).ok_or(Problem::NotZip)?;
    if u32_at(bytes, end) != Some(END_SIGNATURE) {
        // An end record further back means a comment or bytes appended.
        let window = bytes.len().saturating_sub(END_LEN + usize::from(u16::MAX));
        let found = bytes
            .get(window..)
            .unwrap_or_default()
            .windows(4)
            .any(|w| w == END_SIGNATURE.to_le_bytes());
        return Err(if found {
            malformed("压缩包末尾有注释或多余的数据")
        } else {
            Problem::NotZip
        });
    }
    let field16 = |at: usize| u16_at(bytes, end + at).ok_or(Problem::NotZip);
    let field32 = |at: usize| u32_at(bytes, end + at).ok_or(Problem::NotZip);
    let (disk, central_disk) = (field16(4)?, field16(6)?);
    let (here, total) = (field16(8)?, field16(10)?);
    let (size, offset, comment) = (field32(12)?, field32(16)?, field16(20)?);
    if here == u16::MAX || size == u32::MAX || offset == u32::MAX {
        return Err(malformed("使用了 ZIP64，申报包不使用"));
    }
    if disk != 0 || central_disk != 0 || here != total {
        return Err(malformed("是分卷压缩包"));
    }
    if comment != 0 {
        return Err(malformed("压缩包末尾的注释长度与文件不符"));
    }
    if usize::from(total) > max_entries {
        return Err(Problem::TooManyEntries {
            count: u64::from(total),
            max: max_entries,
        });
    }
    let offset = offset as usize;
    let central_end = offset.checked_add(size as usize);
    if central_end != Some(end) {
        return Err(malformed(
            "中央目录的位置或大小不对（文件可能被截断或拼接）",
        ));
    }
    let central = bytes.get(offset..end).ok_or(Problem::NotZip)?;
    let mut records = Vec::with_capacity(usize::from(total));
    let mut at = 0usize;
    for _ in 0..total {
        let broken = || malformed("中央目录损坏");
        let f16 = |off: usize| u16_at(central, at + off).ok_or_else(broken);
        let f32 = |off: usize| u32_at(central, at + off).ok_or_else(broken);
        if f32(0)? != CENTRAL_SIGNATURE {
            return Err(broken());
        }
        let name_len = usize::from(f16(28)?);
        let (extra_len, comment_len) = (f16(30)?, f16(32)?);
        let name_start = at + CENTRAL_LEN;
        let name = central
            .get(name_start..name_start + name_len)
            .ok_or_else(broken)?;
        records.push(Record {
            name,
            version_made_by: f16(4)?,
            version_needed: f16(6)?,
            flags: f16(8)?,
            method: f16(10)?,
            time: f16(12)?,
            date: f16(14)?,
            crc: f32(16)?,
            compressed_size: f32(20)?,
            size: f32(24)?,
            extra_len,
            comment_len,
            disk_start: f16(34)?,
            internal: f16(36)?,
            external: f32(38)?,
            local_offset: f32(42)?,
        });
        at = name_start + name_len + usize::from(extra_len) + usize::from(comment_len);
    }
    if at != central.len() {
        return Err(malformed("中央目录的大小与记录数不符"));
    }
    Ok(Directory { records, offset })
}

impl<'a> Directory<'a> {
    /// Holds every record to the layout, in order, and checks that the
    /// entries fill the space before the central directory exactly: no
    /// bytes before the first, between two, or overlapping.
    pub fn check_layout(&self, bytes: &[u8], limits: &Limits) -> Result<Vec<Span>, Problem> {
        let mut spans = Vec::with_capacity(self.records.len());
        let mut next = 0usize;
        for record in &self.records {
            let span = check_record(bytes, record, next, limits)?;
            next = span.end;
            spans.push(span);
        }
        if next != self.offset {
            return Err(Problem::MalformedZip {
                detail: "最后一个条目与中央目录之间有多余的数据",
            });
        }
        Ok(spans)
    }
}

/// A stored entry's data, found through its local header without holding
/// anything to the layout: for telling a package from other ZIPs.
pub(crate) fn sniff<'a>(bytes: &'a [u8], record: &Record<'_>) -> Option<&'a [u8]> {
    // The offset is untrusted and may be near usize::MAX on wasm32: every
    // sum is checked.
    let at = usize::try_from(record.local_offset).ok()?;
    if u32_at(bytes, at)? != LOCAL_SIGNATURE {
        return None;
    }
    let name_len = usize::from(u16_at(bytes, at.checked_add(26)?)?);
    let extra_len = usize::from(u16_at(bytes, at.checked_add(28)?)?);
    let start = at.checked_add(LOCAL_LEN + name_len + extra_len)?;
    bytes.get(start..start.checked_add(usize::try_from(record.compressed_size).ok()?)?)
}

/// Where an entry's compressed bytes lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Holds a record to the fixed layout and to its local header, which must
/// start at `expected_offset`; returns where its data lies.
pub(crate) fn check_record(
    bytes: &[u8],
    record: &Record<'_>,
    expected_offset: usize,
    limits: &Limits,
) -> Result<Span, Problem> {
    let path = || record.shown();
    let pinned = |field| Problem::NonCanonicalHeader {
        path: path(),
        field,
    };
    if record.flags & 0x0001 != 0 {
        return Err(Problem::Encrypted { path: path() });
    }
    if record.flags & 0x0008 != 0 {
        return Err(Problem::DataDescriptor { path: path() });
    }
    if record.flags != 0 {
        return Err(pinned("标志位"));
    }
    if record.method != STORED && record.method != DEFLATED {
        return Err(Problem::UnsupportedCompression {
            path: path(),
            method: record.method,
        });
    }
    if record.extra_len != 0 {
        return Err(Problem::ExtraField { path: path() });
    }
    let fixed = [
        (record.comment_len == 0, "注释"),
        (record.version_made_by == VERSION_MADE_BY, "创建版本"),
        (record.version_needed == VERSION_NEEDED, "所需版本"),
        (
            record.time == DOS_TIME && record.date == DOS_DATE,
            "修改时间",
        ),
        (record.disk_start == 0, "分卷号"),
        (record.internal == 0, "内部属性"),
        (record.external == 0, "外部属性"),
    ];
    if let Some((_, field)) = fixed.iter().find(|(ok, _)| !ok) {
        return Err(pinned(field));
    }
    if u64::from(record.size) > limits.max_entry_bytes {
        return Err(Problem::EntryTooLarge {
            path: path(),
            size: u64::from(record.size),
            max: limits.max_entry_bytes,
        });
    }
    if record.is_stored() && record.compressed_size != record.size {
        return Err(pinned("压缩后大小"));
    }
    if record.local_offset as usize != expected_offset {
        return Err(Problem::MalformedZip {
            detail: "条目之间有多余的数据，或条目相互重叠",
        });
    }
    let truncated = Problem::MalformedZip {
        detail: "条目数据超出文件范围（文件可能被截断）",
    };
    let at = expected_offset;
    let local = |off: usize| u16_at(bytes, at + off);
    if u32_at(bytes, at) != Some(LOCAL_SIGNATURE) {
        return Err(Problem::MalformedZip {
            detail: "本地文件头不在中央目录所指的位置",
        });
    }
    let name_len = usize::from(local(26).ok_or(truncated.clone())?);
    let name_start = at + LOCAL_LEN;
    let local_name = bytes.get(name_start..name_start + name_len);
    let local32 = |off: usize| u32_at(bytes, at + off);
    let agree = [
        (local(4) == Some(record.version_needed), "所需版本"),
        (local(6) == Some(record.flags), "标志位"),
        (local(8) == Some(record.method), "压缩方法"),
        (local(10) == Some(record.time), "修改时间"),
        (local(12) == Some(record.date), "修改日期"),
        (local32(14) == Some(record.crc), "CRC"),
        (local32(18) == Some(record.compressed_size), "压缩后大小"),
        (local32(22) == Some(record.size), "大小"),
        (local_name == Some(record.name), "文件名"),
        (local(28) == Some(0), "扩展字段"),
    ];
    if let Some((_, field)) = agree.iter().find(|(ok, _)| !ok) {
        return Err(Problem::LocalHeaderMismatch {
            path: path(),
            field,
        });
    }
    let start = name_start + name_len;
    let end = start
        .checked_add(record.compressed_size as usize)
        .filter(|&end| end <= bytes.len())
        .ok_or(truncated)?;
    Ok(Span { start, end })
}

/// An entry's bytes, which must be exactly `record.size` long: inflation
/// stops one byte past it (a zip bomb), and the CRC must match.
/// A stored entry is borrowed from the archive, not copied.
pub(crate) fn extract<'a>(
    record: &Record<'_>,
    compressed: &'a [u8],
) -> Result<Cow<'a, [u8]>, Problem> {
    let size = u64::from(record.size);
    let corrupt = |detail| Problem::Corrupt {
        path: record.shown(),
        detail,
    };
    let data = if record.is_stored() {
        if compressed.len() as u64 != size {
            return Err(corrupt("长度与声明的大小不符"));
        }
        Cow::Borrowed(compressed)
    } else {
        // `size` is at most the reader's entry limit; deflate cannot expand
        // more than 1032 times, so a short stream gets a small buffer.
        let capacity = (record.size as usize).min(compressed.len().saturating_mul(1032));
        let mut out = Vec::with_capacity(capacity);
        let mut decoder = DeflateDecoder::new(compressed);
        (&mut decoder)
            .take(size + 1)
            .read_to_end(&mut out)
            .map_err(|_| corrupt("压缩数据无法解压"))?;
        if out.len() as u64 > size {
            return Err(Problem::ZipBomb {
                path: record.shown(),
                declared: size,
            });
        }
        if (out.len() as u64) < size {
            return Err(corrupt("解压后比声明的大小短"));
        }
        if decoder.total_in() != compressed.len() as u64 {
            return Err(corrupt("压缩数据后面有多余的字节"));
        }
        Cow::Owned(out)
    };
    if crc32(&data) != record.crc {
        return Err(corrupt("CRC 校验不符"));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(&[
            NewEntry {
                name: "mimetype",
                data: b"text/plain",
                method: Method::Stored,
            },
            NewEntry {
                name: "a.txt",
                data: &[b'a'; 1000],
                method: Method::Deflated,
            },
        ])
        .expect("write")
    }

    fn read_all(bytes: &[u8]) -> Result<Vec<Vec<u8>>, Problem> {
        let limits = Limits::default();
        let dir = directory(bytes, limits.max_entries)?;
        let spans = dir.check_layout(bytes, &limits)?;
        dir.records
            .iter()
            .zip(spans)
            .map(|(record, span)| {
                extract(record, &bytes[span.start..span.end]).map(Cow::into_owned)
            })
            .collect()
    }

    #[test]
    fn writes_what_it_reads() {
        let bytes = sample();
        let entries = read_all(&bytes).expect("read");
        assert_eq!(entries[0], b"text/plain");
        assert_eq!(entries[1], vec![b'a'; 1000]);
        // The first entry's name sits at offset 30, its data right after:
        // what "mimetype first, stored" buys a sniffer.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..48], b"text/plain");
    }

    #[test]
    fn the_writer_is_deterministic() {
        assert_eq!(sample(), sample());
    }

    #[test]
    fn short_files_are_not_zips() {
        assert_eq!(read_all(b""), Err(Problem::NotZip));
        assert_eq!(read_all(b"PK\x05\x06"), Err(Problem::NotZip));
        let bytes = sample();
        for len in 0..bytes.len() {
            assert!(read_all(&bytes[..len]).is_err(), "{len}");
        }
    }

    #[test]
    fn every_single_byte_change_is_noticed() {
        let bytes = sample();
        let original = read_all(&bytes).expect("read");
        // The last byte of a deflate stream may end in padding bits that
        // carry nothing; a change there is harmless and cannot be seen.
        let dir = directory(&bytes, 10).expect("directory");
        let last_deflated_byte = dir.offset - 1;
        for i in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut changed = bytes.clone();
                changed[i] ^= flip;
                match read_all(&changed) {
                    Err(_) => {}
                    Ok(entries) => {
                        assert_eq!(i, last_deflated_byte, "byte {i} ^ {flip:#x} went unnoticed");
                        assert_eq!(entries, original, "padding changed the content");
                    }
                }
            }
        }
    }

    #[test]
    fn appended_or_prepended_bytes_are_refused() {
        let bytes = sample();
        let mut appended = bytes.clone();
        appended.extend_from_slice(b"comment");
        assert!(matches!(
            read_all(&appended),
            Err(Problem::MalformedZip { .. })
        ));
        let mut prepended = b"#!/bin/sh\n".to_vec();
        prepended.extend_from_slice(&bytes);
        assert!(read_all(&prepended).is_err());
    }

    #[test]
    fn inflation_stops_at_the_declared_size() {
        let bomb = deflate(&vec![0u8; 1 << 20]).expect("deflate");
        let record = Record {
            name: b"bomb",
            version_made_by: VERSION_MADE_BY,
            version_needed: VERSION_NEEDED,
            flags: 0,
            method: DEFLATED,
            time: DOS_TIME,
            date: DOS_DATE,
            crc: 0,
            compressed_size: bomb.len() as u32,
            size: 100,
            extra_len: 0,
            comment_len: 0,
            disk_start: 0,
            internal: 0,
            external: 0,
            local_offset: 0,
        };
        assert_eq!(
            extract(&record, &bomb),
            Err(Problem::ZipBomb {
                path: "bomb".into(),
                declared: 100
            })
        );
    }
}
