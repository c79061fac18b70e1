//! A table of cells saved as a spreadsheet: CSV in UTF-8 with a byte-order
//! mark (so Excel and WPS read the Chinese correctly) or an XLSX workbook of
//! one sheet (Office Open XML, SpreadsheetML, with inline strings).
//!
//! Cells come from applicants' packages, so nothing in them is trusted:
//! XML-invalid characters are dropped, and text that a spreadsheet would
//! take for a formula in a CSV (`=`, `+`, `-`, `@`, tab, carriage return
//! first) is prefixed with `'`, as OWASP advises against CSV injection. In
//! XLSX a text cell is never a formula.

use serde::{Deserialize, Serialize};

use crate::package::zip::{self, Method, NewEntry};
use crate::package::WriteError;

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Text, shown as typed.
    Text(String),
    /// A number, which the spreadsheet can sort and sum.
    Number(f64),
}

/// A sheet: its name, the column headings and the rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's name (XLSX tab), at most 31 characters.
    pub name: String,
    /// Column headings.
    pub header: Vec<String>,
    /// The rows, each as long as the header or shorter.
    pub rows: Vec<Vec<Cell>>,
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The sheet as CSV (RFC 4180, CRLF line ends) with a byte-order mark.
pub fn csv(sheet: &Sheet) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024 + sheet.rows.len() * 256);
    out.extend_from_slice(BOM);
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    let header: Vec<String> = sheet.header.iter().map(|h| csv_text(h)).collect();
    // Writing to a Vec cannot fail; a failure would only lose the row.
    let _ = writer.write_record(&header);
    for row in &sheet.rows {
        let mut record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(t) => csv_text(t),
                Cell::Number(n) => number(*n),
            })
            .collect();
        // Short rows are padded, so every line has the header's columns.
        if record.len() < header.len() {
            record.resize(header.len(), String::new());
        }
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}

/// Text safe to open in a spreadsheet: no formula, no XML-invalid
/// characters.
fn csv_text(text: &str) -> String {
    let clean = xml_chars(text);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}")
    } else {
        clean
    }
}

fn number(n: f64) -> String {
    if n.is_finite() {
        format!("{n}")
    } else {
        String::new()
    }
}

/// The characters XML 1.0 allows; others (most control characters,
/// unpaired surrogates cannot occur in a `str`) are dropped.
fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_chars(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// One font, the default, and a bold one for the heading row (style 1).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// The sheet as an XLSX workbook.
pub fn xlsx(sheet: &Sheet) -> Result<Vec<u8>, WriteError> {
    let name: String = xml_chars(&sheet.name)
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let name = if name.trim().is_empty() {
        "Sheet1".to_owned()
    } else {
        name
    };
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        xml_escape(&name)
    );

    let mut data = String::with_capacity(4096 + sheet.rows.len() * 512);
    data.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let text_cell = |out: &mut String, r: usize, c: usize, text: &str, style: &str| {
        out.push_str(&format!(
            r#"<c r="{}{r}" t="inlineStr"{style}><is><t xml:space="preserve">{}</t></is></c>"#,
            column_name(c),
            xml_escape(text)
        ));
    };
    data.push_str(r#"<row r="1">"#);
    for (c, heading) in sheet.header.iter().enumerate() {
        text_cell(&mut data, 1, c, heading, r#" s="1""#);
    }
    data.push_str("</row>");
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = i + 2;
        data.push_str(&format!(r#"<row r="{r}">"#));
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) => text_cell(&mut data, r, c, t, ""),
                Cell::Number(n) if n.is_finite() => {
                    data.push_str(&format!(r#"<c r="{}{r}"><v>{n}</v></c>"#, column_name(c)));
                }
                Cell::Number(_) => {}
            }
        }
        data.push_str("</row>");
    }
    data.push_str("</sheetData></worksheet>");

    let entry = |name, data: &'static str| NewEntry {
        name,
        data: data.as_bytes(),
        method: Method::Deflated,
    };
    zip::write(&[
        entry("[Content_Types].xml", CONTENT_TYPES),
        entry("_rels/.rels", ROOT_RELS),
        NewEntry {
            name: "xl/workbook.xml",
            data: workbook.as_bytes(),
            method: Method::Deflated,
        },
        entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        entry("xl/styles.xml", STYLES),
        NewEntry {
            name: "xl/worksheets/sheet1.xml",
            data: data.as_bytes(),
            method: Method::Deflated,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "申报包".to_owned(),
            header: vec!["申报单位".to_owned(), "满意度".to_owned()],
            rows: vec![
                vec![Cell::Text("常州市某某公司".to_owned()), Cell::Number(86.5)],
                vec![
                    Cell::Text("=HYPERLINK(\"http://x\")".to_owned()),
                    Cell::Number(f64::NAN),
                ],
                vec![Cell::Text("甲,乙\"丙\"\n丁\u{0007}".to_owned())],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_quotes_and_no_formulas() {
        let bytes = csv(&sheet());
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "申报单位,满意度");
        assert_eq!(lines[1], "常州市某某公司,86.5");
        assert_eq!(lines[2], "\"'=HYPERLINK(\"\"http://x\"\")\",");
        // A quoted field keeps its comma, quotes and line break; the bell
        // character is gone.
        assert_eq!(lines[3], "\"甲,乙\"\"丙\"\"\n丁\",");
        assert!(!text.contains('\u{0007}'));
    }

    #[test]
    fn column_names_go_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn xlsx_is_a_zip_with_the_workbook_parts() {
        let bytes = xlsx(&sheet()).expect("writes");
        let dir = zip::directory(&bytes, 100).expect("a zip");
        let names: Vec<&str> = dir
            .records
            .iter()
            .map(|r| std::str::from_utf8(r.name).expect("ascii"))
            .collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/worksheets/sheet1.xml"
            ]
        );
        let spans = dir
            .check_layout(&bytes, &crate::package::Limits::default())
            .expect("layout");
        let data =
            zip::extract(&dir.records[5], &bytes[spans[5].start..spans[5].end]).expect("inflates");
        let xml = String::from_utf8(data.into_owned()).expect("utf-8");
        assert!(xml.contains(
            r#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">常州市某某公司</t></is></c>"#
        ));
        assert!(xml.contains(r#"<c r="B2"><v>86.5</v></c>"#));
        assert!(xml.contains("=HYPERLINK(&quot;http://x&quot;)"));
        assert!(!xml.contains("B3"), "a NaN is an empty cell");
        assert!(!xml.contains('\u{0007}'));
    }
}
