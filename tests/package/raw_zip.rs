//! A second, independent ZIP reader and writer that checks nothing and
//! writes whatever it is told, for making hostile archives: duplicate
//! names, local headers that disagree, flags, extra fields, bombs.

use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

/// One entry as it will be written, field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    /// The name in the central directory.
    pub name: Vec<u8>,
    /// The name in the local header, when it should differ.
    pub local_name: Option<Vec<u8>>,
    pub method: u16,
    pub flags: u16,
    pub date: u16,
    pub crc: u32,
    /// The bytes as they lie in the archive (compressed for deflate).
    pub stored: Vec<u8>,
    /// The uncompressed size, in both headers.
    pub size: u32,
    /// The uncompressed size in the local header, when it should differ.
    pub local_size: Option<u32>,
    /// The extra field, in both headers.
    pub extra: Vec<u8>,
}

pub const STORED: u16 = 0;
pub const DEFLATED: u16 = 8;

impl RawEntry {
    /// An entry as the format writes it.
    pub fn new(name: &str, data: &[u8], method: u16) -> Self {
        let mut entry = Self {
            name: name.as_bytes().to_vec(),
            local_name: None,
            method,
            flags: 0,
            date: 0x21,
            crc: 0,
            stored: Vec::new(),
            size: 0,
            local_size: None,
            extra: Vec::new(),
        };
        entry.set_data(data);
        entry
    }

    /// The name as text.
    pub fn name(&self) -> &str {
        std::str::from_utf8(&self.name).expect("test names are UTF-8")
    }

    /// The uncompressed bytes.
    pub fn data(&self) -> Vec<u8> {
        if self.method == DEFLATED {
            let mut out = Vec::new();
            DeflateDecoder::new(self.stored.as_slice())
                .read_to_end(&mut out)
                .expect("inflates");
            out
        } else {
            self.stored.clone()
        }
    }

    /// Replaces the bytes, with a correct CRC and sizes: what an attacker
    /// with a ZIP tool does.
    pub fn set_data(&mut self, data: &[u8]) {
        self.crc = crc32(data);
        self.size = u32::try_from(data.len()).expect("small");
        self.stored = if self.method == DEFLATED {
            deflate(data)
        } else {
            data.to_vec()
        };
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(data);
    crc.sum()
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(6));
    encoder.write_all(data).expect("deflate");
    encoder.finish().expect("deflate")
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// The entries of a well-formed archive, through its central directory.
pub fn unpack(bytes: &[u8]) -> Vec<RawEntry> {
    let end = bytes.len() - 22;
    assert_eq!(u32_at(bytes, end), 0x0605_4b50, "end record");
    let count = u16_at(bytes, end + 10);
    let mut at = u32_at(bytes, end + 16) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(bytes, at), 0x0201_4b50, "central record");
        let name_len = usize::from(u16_at(bytes, at + 28));
        let extra_len = usize::from(u16_at(bytes, at + 30));
        let comment_len = usize::from(u16_at(bytes, at + 32));
        let offset = u32_at(bytes, at + 42) as usize;
        let compressed = u32_at(bytes, at + 20) as usize;
        let local_name_len = usize::from(u16_at(bytes, offset + 26));
        let local_extra_len = usize::from(u16_at(bytes, offset + 28));
        let data = offset + 30 + local_name_len + local_extra_len;
        out.push(RawEntry {
            name: bytes[at + 46..at + 46 + name_len].to_vec(),
            local_name: None,
            method: u16_at(bytes, at + 10),
            flags: u16_at(bytes, at + 8),
            date: u16_at(bytes, at + 14),
            crc: u32_at(bytes, at + 16),
            stored: bytes[data..data + compressed].to_vec(),
            size: u32_at(bytes, at + 24),
            local_size: None,
            extra: bytes[at + 46 + name_len..at + 46 + name_len + extra_len].to_vec(),
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    out
}

/// An archive with exactly these entries and fields.
pub fn pack(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let p16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let p32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for e in entries {
        let offset = out.len() as u32;
        let local_name = e.local_name.as_ref().unwrap_or(&e.name);
        p32(&mut out, 0x0403_4b50);
        p16(&mut out, 20);
        p16(&mut out, e.flags);
        p16(&mut out, e.method);
        p16(&mut out, 0);
        p16(&mut out, e.date);
        p32(&mut out, e.crc);
        p32(&mut out, e.stored.len() as u32);
        p32(&mut out, e.local_size.unwrap_or(e.size));
        p16(&mut out, local_name.len() as u16);
        p16(&mut out, e.extra.len() as u16);
        out.extend_from_slice(local_name);
        out.extend_from_slice(&e.extra);
        out.extend_from_slice(&e.stored);

        p32(&mut central, 0x0201_4b50);
        p16(&mut central, 20);
        p16(&mut central, 20);
        p16(&mut central, e.flags);
        p16(&mut central, e.method);
        p16(&mut central, 0);
        p16(&mut central, e.date);
        p32(&mut central, e.crc);
        p32(&mut central, e.stored.len() as u32);
        p32(&mut central, e.size);
        p16(&mut central, e.name.len() as u16);
        p16(&mut central, e.extra.len() as u16);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p32(&mut central, 0);
        p32(&mut central, offset);
        central.extend_from_slice(&e.name);
        central.extend_from_slice(&e.extra);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    p32(&mut out, 0x0605_4b50);
    p16(&mut out, 0);
    p16(&mut out, 0);
    p16(&mut out, entries.len() as u16);
    p16(&mut out, entries.len() as u16);
    p32(&mut out, central.len() as u32);
    p32(&mut out, central_offset);
    p16(&mut out, 0);
    out
}

#[test]
fn unpack_then_pack_gives_the_package_back() {
    // Two implementations of the layout agree to the byte.
    let written = super::fixture::Application::with_attachments().package();
    assert_eq!(pack(&unpack(&written.bytes)), written.bytes);
}
