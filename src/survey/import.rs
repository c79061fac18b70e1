//! Reading responses from a file: a CSV or XLSX export of 问卷星 (wjx.cn) or
//! any spreadsheet with one response per row.
//!
//! Three steps, so the applicant sees and can correct each one:
//! 1. [`parse_table`]: bytes → [`Table`] (headers and rows of text), with
//!    bounded reads ([`Limits`]);
//! 2. [`guess_mapping`]: which column holds which item or respondent field,
//!    and how numbers are to be read ([`Mapping`]), for the applicant to
//!    check;
//! 3. [`preview`] then [`import`]: every cell read; the import is all or
//!    nothing, so a half-read file never enters the statistics.
//!
//! Row numbers are those the applicant sees when opening the file in Excel
//! or WPS: the header is row 1 in a 问卷星 export, and a cell holding line
//! breaks does not add rows.

use std::fmt;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde::{Deserialize, Serialize};

use super::parse_decimal;
use super::questionnaire::{Level, Questionnaire};
use super::responses::{
    is_skip_marker, normalise, parse_number, read_answer, AnswerError, NumberScale, Response,
    Responses,
};

/// Bounds on what a file may make us read and hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// The most data rows (the notice asks for at most 200 responses).
    pub max_rows: usize,
    /// The most columns.
    pub max_columns: usize,
    /// The longest cell, in characters.
    pub max_cell_chars: usize,
    /// For XLSX: the most bytes unpacked from the archive in all, which
    /// stops a small file that inflates to gigabytes (a zip bomb).
    pub max_unpacked_bytes: u64,
    /// For XLSX: the most entries in the archive.
    pub max_entries: usize,
    /// For XLSX: the most shared strings, which bounds the memory a table
    /// of many tiny strings takes (far more than its XML).
    pub max_shared_strings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 10 * 1024 * 1024,
            max_rows: 5000,
            max_columns: 300,
            max_cell_chars: 5000,
            max_unpacked_bytes: 64 * 1024 * 1024,
            max_entries: 2000,
            max_shared_strings: 250_000,
        }
    }
}

/// The kind of file, which decides the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Comma-, tab- or semicolon-separated text, UTF-8 (with or without
    /// BOM) or UTF-16 with BOM (Excel's “Unicode 文本”).
    Csv,
    /// An Excel 2007+ workbook; the first sheet is read.
    Xlsx,
}

impl FileKind {
    /// The kind for a file name, by extension.
    pub fn from_name(name: &str) -> Result<Self, ImportError> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Ok(Self::Csv),
            "xlsx" | "xlsm" => Ok(Self::Xlsx),
            "xls" | "et" => Err(ImportError::OldExcel),
            _ => Err(ImportError::UnknownKind {
                name: name.to_owned(),
            }),
        }
    }
}

/// A file read as text: a header row and data rows, every row as wide as
/// the widest. Serializable, so the tools module can read a file and hand
/// the page its table as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    /// The header's row number in the file (1 unless a title sits above).
    pub header_row: usize,
    /// The data rows below the header; rows with no content are left out.
    pub rows: Vec<TableRow>,
}

/// A data row of a [`Table`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// The row number as the applicant sees it in the file (1-based,
    /// counting the header).
    pub number: usize,
    /// The cells, as many as [`Table::headers`].
    pub cells: Vec<String>,
}

impl Table {
    /// The name of column `index` for messages: its header, or 第 N 列 when
    /// the header is empty.
    pub fn column_name(&self, index: usize) -> String {
        match self.headers.get(index) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("第 {} 列", index + 1),
        }
    }
}

/// Why a file could not be read or imported. `Display` gives the Chinese
/// sentence shown to the applicant.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is larger than [`Limits::max_file_bytes`].
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The extension is not one we read.
    UnknownKind {
        /// The file name.
        name: String,
    },
    /// An Excel 97–2003 `.xls` (or an encrypted workbook, which has the same
    /// container).
    OldExcel,
    /// Text that is not UTF-8: most often a CSV saved by Excel in the
    /// system's GBK encoding. Decoding GBK would add about 125 KB to the
    /// app, so the applicant is asked to save as UTF-8 instead.
    NotUtf8,
    /// The CSV reader failed.
    Csv {
        /// The row near which it failed.
        row: usize,
    },
    /// Not a readable XLSX archive.
    NotXlsx,
    /// An XLSX part is not well-formed.
    BrokenXlsx {
        /// The part, e.g. `xl/worksheets/sheet1.xml`.
        part: String,
    },
    /// The archive unpacks to more than [`Limits::max_unpacked_bytes`], or
    /// has more entries than [`Limits::max_entries`].
    UnpackedTooLarge {
        /// The limit in bytes.
        max: u64,
    },
    /// Nothing in the file: no header row.
    Empty,
    /// More data rows than [`Limits::max_rows`].
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// A row wider than [`Limits::max_columns`].
    TooManyColumns {
        /// The row.
        row: usize,
        /// The limit.
        max: usize,
    },
    /// A cell longer than [`Limits::max_cell_chars`].
    CellTooLong {
        /// The row.
        row: usize,
        /// The column, 1-based.
        column: usize,
        /// The limit.
        max: usize,
    },
    /// The mapping assigns no column to any item.
    NoItemColumns,
    /// The mapping names a column the table does not have (it was made for
    /// another file).
    NoSuchColumn {
        /// The column, 0-based.
        column: usize,
    },
    /// No row has an answer.
    NoResponses,
    /// Some cells could not be read; nothing was imported.
    Unreadable(Vec<CellProblem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes, max } => write!(
                f,
                "文件有 {:.1} MB，超过 {:.0} MB 的上限：调查问卷数据文件通常只有几百 KB，请确认选对了文件",
                *bytes as f64 / 1_048_576.0,
                *max as f64 / 1_048_576.0
            ),
            Self::UnknownKind { name } => write!(
                f,
                "无法识别“{name}”的文件类型：请导入 .xlsx 或 .csv 文件（问卷星“下载答卷数据”可导出这两种格式）"
            ),
            Self::OldExcel => write!(
                f,
                "不支持旧版 Excel（.xls）或加密的工作簿：请在 Excel/WPS 中“另存为” .xlsx 或“CSV UTF-8（逗号分隔）”后再导入"
            ),
            Self::NotUtf8 => write!(
                f,
                "文件不是 UTF-8 编码（Excel 默认保存的 CSV 多为 GBK 编码）：请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件"
            ),
            Self::Csv { row } => write!(f, "CSV 文件在第 {row} 行附近格式有误，无法读取"),
            Self::NotXlsx => write!(
                f,
                "文件不是有效的 .xlsx 工作簿，可能已损坏或扩展名不对：请用 Excel/WPS 打开后重新保存"
            ),
            Self::BrokenXlsx { part } => {
                write!(f, ".xlsx 文件内容损坏（{part}）：请用 Excel/WPS 打开后重新保存")
            }
            Self::UnpackedTooLarge { max } => write!(
                f,
                ".xlsx 文件解压后超过 {} MB，不像是调查数据（可能已损坏）：请只保留答卷数据后重新保存",
                max / 1_048_576
            ),
            Self::Empty => write!(f, "文件中没有表头和数据"),
            Self::TooManyRows { max } => {
                write!(f, "文件的数据超过 {max} 行：调查样本数通常在 200 份以内，请确认选对了文件")
            }
            Self::TooManyColumns { row, max } => {
                write!(f, "第 {row} 行超过 {max} 列，不像是调查问卷数据")
            }
            Self::CellTooLong { row, column, max } => write!(
                f,
                "第 {row} 行第 {column} 列的内容超过 {max} 字，请删减后再导入"
            ),
            Self::NoItemColumns => write!(
                f,
                "还没有为任何题目指定数据列：请在对应关系中为题目选择文件中的列"
            ),
            Self::NoSuchColumn { column } => write!(
                f,
                "对应关系中的第 {} 列在文件中不存在：请重新选择文件后核对对应关系",
                column + 1
            ),
            Self::NoResponses => write!(f, "文件中没有任何答卷数据"),
            Self::Unreadable(problems) => {
                write!(
                    f,
                    "有 {} 个单元格无法识别，未导入任何数据；请修改后重新导入",
                    problems.len()
                )?;
                for p in problems.iter().take(5) {
                    write!(f, "\n{p}")?;
                }
                if problems.len() > 5 {
                    write!(f, "\n……")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A cell that could not be read as an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The row number as seen in the file (1-based, counting the header).
    pub row: usize,
    /// The column's header (or 第 N 列).
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// Why it could not be read.
    pub reason: CellReason,
}

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CellReason {
    /// Not a level, a variant of one, or a number that picks one.
    Unrecognised {
        /// What may be entered ([`NumberScale::hint`]).
        hint: String,
    },
    /// A number that picks one level by position and another by score.
    Ambiguous {
        /// The level by position.
        by_position: String,
        /// The level by score.
        by_score: String,
    },
}

impl fmt::Display for CellProblem {
    /// 第 12 行「服务态度」的值“满意吧”无法识别，可填 1–5（1 = 很满意）或 很满意…很不满意
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (row, column, value) = (self.row, &self.column, &self.value);
        match &self.reason {
            CellReason::Unrecognised { hint } => {
                write!(f, "第 {row} 行「{column}」的值“{value}”无法识别，{hint}")
            }
            CellReason::Ambiguous {
                by_position,
                by_score,
            } => write!(
                f,
                "第 {row} 行「{column}」的值“{value}”既可以是等级序号（{by_position}），也可以是分值（{by_score}）：请填写等级名称"
            ),
        }
    }
}

/// A row that could not be read, with its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row number as seen in the file.
    pub row: usize,
    /// The unreadable cells of the row.
    pub problems: Vec<CellProblem>,
}

/// Which column holds what. Columns are 0-based indices into
/// [`Table::headers`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Per questionnaire item, in questionnaire order: the column of its
    /// answers, or `None` when the file does not have it.
    pub items: Vec<(String, Option<usize>)>,
    /// The 服务日期 column.
    pub service_date: Option<usize>,
    /// The 服务项目 column.
    pub service_item: Option<usize>,
    /// The 联系方式 column.
    pub contact: Option<usize>,
    /// The 意见和建议 column.
    pub comment: Option<usize>,
    /// How numbers in answer cells are read.
    pub numbers: NumberScale,
}

impl Mapping {
    /// The column of the item with this id.
    pub fn column_of(&self, item_id: &str) -> Option<usize> {
        self.items
            .iter()
            .find(|(id, _)| id == item_id)
            .and_then(|(_, c)| *c)
    }
}

/// Every row read: a response, or the row's problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Per non-blank data row, in file order.
    pub rows: Vec<Result<Response, RowError>>,
    /// The row numbers that had nothing in any mapped column, left out.
    pub blank_rows: Vec<usize>,
    /// Every unreadable cell, in file order.
    pub problems: Vec<CellProblem>,
}

// ---------------------------------------------------------------------------
// Step 1: bytes → table.

/// Reads a file into a [`Table`] with the default [`Limits`].
pub fn parse_table(bytes: &[u8], kind: FileKind) -> Result<Table, ImportError> {
    parse_table_with(bytes, kind, &Limits::default())
}

/// Reads a file into a [`Table`] within `limits`.
pub fn parse_table_with(
    bytes: &[u8],
    kind: FileKind,
    limits: &Limits,
) -> Result<Table, ImportError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: limits.max_file_bytes,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The OLE2 container of .xls and of encrypted .xlsx, whatever the
        // extension says.
        return Err(ImportError::OldExcel);
    }
    let records = match kind {
        FileKind::Csv => csv_records(bytes, limits)?,
        FileKind::Xlsx => xlsx_records(bytes, limits)?,
    };
    build_table(records, limits)
}

/// A row number and its cells, before the header is found.
type Record = (usize, Vec<String>);

fn check_cell(row: usize, column: usize, text: &str, limits: &Limits) -> Result<(), ImportError> {
    // Bytes bound characters from above, so most cells skip the count.
    if text.len() > limits.max_cell_chars && text.chars().count() > limits.max_cell_chars {
        return Err(ImportError::CellTooLong {
            row,
            column: column + 1,
            max: limits.max_cell_chars,
        });
    }
    Ok(())
}

fn check_record(number: usize, cells: &[String], limits: &Limits) -> Result<(), ImportError> {
    if cells.len() > limits.max_columns {
        return Err(ImportError::TooManyColumns {
            row: number,
            max: limits.max_columns,
        });
    }
    for (c, cell) in cells.iter().enumerate() {
        check_cell(number, c, cell, limits)?;
    }
    Ok(())
}

/// Keeps a record that has content; blank ones only take a row number, so
/// thousands of trailing empty or merely formatted rows cost nothing. The
/// header, `max_rows` data rows and a few title rows fit; more fail early.
fn keep(out: &mut Vec<Record>, record: Record, limits: &Limits) -> Result<(), ImportError> {
    if record.1.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if out.len() > limits.max_rows.saturating_add(5) {
        return Err(ImportError::TooManyRows {
            max: limits.max_rows,
        });
    }
    out.push(record);
    Ok(())
}

/// The header is the first row with two or more filled cells, so a title
/// row above it (one merged cell, e.g. “用户满意度调查表”) is passed over;
/// rows below it with no content are dropped.
fn build_table(records: Vec<Record>, limits: &Limits) -> Result<Table, ImportError> {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.trim().is_empty()).count();
    let widest = records.iter().map(|(_, c)| filled(c)).max().unwrap_or(0);
    let need = widest.min(2);
    if need == 0 {
        return Err(ImportError::Empty);
    }
    let mut records = records.into_iter();
    let (header_row, headers) = records
        .find(|(_, c)| filled(c) >= need)
        .ok_or(ImportError::Empty)?;
    let rows: Vec<TableRow> = records
        .filter(|(_, c)| filled(c) > 0)
        .map(|(number, cells)| TableRow { number, cells })
        .collect();
    if rows.len() > limits.max_rows {
        return Err(ImportError::TooManyRows {
            max: limits.max_rows,
        });
    }
    let width = rows
        .iter()
        .map(|r| r.cells.len())
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    let mut headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    headers.resize(width, String::new());
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.cells.resize(width, String::new());
            r
        })
        .collect();
    Ok(Table {
        headers,
        header_row,
        rows,
    })
}

fn csv_records(bytes: &[u8], limits: &Limits) -> Result<Vec<Record>, ImportError> {
    let text = decode_text(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let record = record.map_err(|_| ImportError::Csv { row: number })?;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        check_record(number, &cells, limits)?;
        keep(&mut out, (number, cells), limits)?;
    }
    Ok(out)
}

/// UTF-8 (a BOM is dropped) or UTF-16 with a BOM. Anything else is refused
/// with [`ImportError::NotUtf8`]; the browser's `TextDecoder('gb18030')`
/// can turn a GBK file into UTF-8 for free before calling here, which is how
/// the app should offer GBK without shipping the tables.
fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |be: bool, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| match p {
                [a, b] if be => u16::from_be_bytes([*a, *b]),
                [a, b] => u16::from_le_bytes([*a, *b]),
                _ => 0,
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ImportError::NotUtf8)
    };
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(false, body);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(true, body);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body)
        .map(str::to_owned)
        .map_err(|_| ImportError::NotUtf8)
}

/// Whether a file is text in a legacy encoding (GBK / GB 18030, as Excel
/// and 问卷星 save CSV on Chinese Windows) that the browser should decode to
/// UTF-8 before [`parse_table`]: a CSV that is neither UTF-8 nor UTF-16
/// with a BOM.
pub fn is_legacy_encoded(bytes: &[u8], kind: FileKind) -> bool {
    kind == FileKind::Csv && decode_text(bytes) == Err(ImportError::NotUtf8)
}

/// The separator that occurs most often outside quotes in the first record:
/// comma for 问卷星 and “CSV UTF-8”, tab for Excel's “Unicode 文本”,
/// semicolon for a European Excel. Comma on a tie.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, tab, semi] = counts;
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma && semi > tab {
        b';'
    } else {
        b','
    }
}

/// The parts of an XLSX archive we read, within an unpacking budget.
struct Xlsx<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    max: u64,
}

impl Xlsx<'_> {
    /// The part's text, `None` when absent. Sizes declared in the archive
    /// can lie, so the read itself is capped at the remaining budget.
    fn part(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let too_large = ImportError::UnpackedTooLarge { max: self.max };
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(ImportError::NotXlsx),
        };
        if file.size() > self.budget {
            return Err(too_large);
        }
        let mut out = Vec::new();
        file.take(self.budget.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|_| ImportError::BrokenXlsx {
                part: name.to_owned(),
            })?;
        let used = out.len() as u64;
        if used > self.budget {
            return Err(too_large);
        }
        self.budget -= used;
        String::from_utf8(out)
            .map(Some)
            .map_err(|_| ImportError::BrokenXlsx {
                part: name.to_owned(),
            })
    }
}

fn xlsx_records(bytes: &[u8], limits: &Limits) -> Result<Vec<Record>, ImportError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::NotXlsx)?;
    if zip.len() > limits.max_entries {
        return Err(ImportError::UnpackedTooLarge {
            max: limits.max_unpacked_bytes,
        });
    }
    let mut x = Xlsx {
        zip,
        budget: limits.max_unpacked_bytes,
        max: limits.max_unpacked_bytes,
    };
    let sheet = first_sheet_path(&mut x)?;
    let strings = match x.part("xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml, limits)?,
        None => Vec::new(),
    };
    let xml = x.part(&sheet)?.ok_or(ImportError::NotXlsx)?;
    sheet_records(&xml, &sheet, &strings, limits)
}

fn broken(part: &str) -> ImportError {
    ImportError::BrokenXlsx {
        part: part.to_owned(),
    }
}

/// The value of the attribute with this local name (`r`, `t`, `id`, …),
/// whatever its prefix.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    // Duplicate-attribute checks would bring a hash set; the first match
    // is all we need.
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(|v| v.into_owned())
    })
}

/// The first sheet in workbook order, through the workbook's relationships;
/// `xl/worksheets/sheet1.xml` when they are missing.
fn first_sheet_path(x: &mut Xlsx<'_>) -> Result<String, ImportError> {
    const FALLBACK: &str = "xl/worksheets/sheet1.xml";
    let Some(workbook) = x.part("xl/workbook.xml")? else {
        return Err(ImportError::NotXlsx);
    };
    let mut rid = None;
    let mut reader = Reader::from_str(&workbook);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                rid = attr(&e, "id");
                break;
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err(broken("xl/workbook.xml")),
            Ok(_) => {}
        }
    }
    let (Some(rid), Some(rels)) = (rid, x.part("xl/_rels/workbook.xml.rels")?) else {
        return Ok(FALLBACK.to_owned());
    };
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Id").as_deref() == Some(rid.as_str()) =>
            {
                let Some(target) = attr(&e, "Target") else {
                    break;
                };
                return Ok(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("xl/{target}"),
                });
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err(broken("xl/_rels/workbook.xml.rels")),
            Ok(_) => {}
        }
    }
    Ok(FALLBACK.to_owned())
}

/// Appends the text of a `Text`, `CData` or entity event to `out`.
fn push_text(event: &Event<'_>, out: &mut String) {
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            _ => out.push_str(quick_xml::escape::resolve_xml_entity(r).unwrap_or("")),
        },
        _ => {}
    }
}

/// The shared string table: each `<si>` is the text of its `<t>`s (rich
/// text has several runs), leaving out `<rPh>` phonetic guides.
fn shared_strings(xml: &str, limits: &Limits) -> Result<Vec<String>, ImportError> {
    const PART: &str = "xl/sharedStrings.xml";
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    let (mut current, mut in_t, mut in_phonetic) = (String::new(), false, false);
    loop {
        let event = reader.read_event().map_err(|_| broken(PART))?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(std::mem::take(&mut current)),
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Eof => break,
            // The text is not bounded here: the unpacking budget bounds
            // the part, and each cell is checked once placed in its row.
            _ if in_t && !in_phonetic => push_text(&event, &mut current),
            _ => {}
        }
        if out.len() > limits.max_shared_strings {
            return Err(ImportError::UnpackedTooLarge {
                max: limits.max_unpacked_bytes,
            });
        }
    }
    Ok(out)
}

/// `B12` → (column 1, row 12). Either may be missing from a malformed
/// reference.
fn cell_ref(r: &str) -> (Option<usize>, Option<usize>) {
    let split = r
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(r.len());
    let (letters, digits) = r.split_at(split);
    let col = (!letters.is_empty() && letters.len() <= 3).then(|| {
        letters.bytes().fold(0usize, |acc, b| {
            acc * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1
        }) - 1
    });
    (col, digits.parse().ok())
}

/// A number cell as written in Excel: `80` rather than `80.0`, and the
/// shortest form of a float Excel stored as 4.9999999999999991.
fn number_text(v: &str) -> String {
    match parse_decimal(v.trim()) {
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) if x.is_finite() => {
            let short = format!("{x:.10}");
            short.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        _ => v.to_owned(),
    }
}

/// The rows of a worksheet. Rows are kept sparse (only those with cells),
/// so a cell at row 1 048 576 costs nothing; columns are bounded.
fn sheet_records(
    xml: &str,
    part: &str,
    strings: &[String],
    limits: &Limits,
) -> Result<Vec<Record>, ImportError> {
    let mut out: Vec<Record> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut row: Option<Record> = None;
    let mut last_row = 0usize;
    // The cell being read: column, type, text of <v> or <is><t>.
    let mut cell: Option<(usize, String, String)> = None;
    let mut next_col = 0usize;
    let mut in_value = false;
    loop {
        let event = reader.read_event().map_err(|_| broken(part))?;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                let number = attr(e, "r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(last_row + 1);
                last_row = number;
                next_col = 0;
                if matches!(event, Event::Start(_)) {
                    row = Some((number, Vec::new()));
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let col = attr(e, "r")
                    .and_then(|r| cell_ref(&r).0)
                    .unwrap_or(next_col);
                if col >= limits.max_columns {
                    return Err(ImportError::TooManyColumns {
                        row: last_row,
                        max: limits.max_columns,
                    });
                }
                next_col = col + 1;
                let kind = attr(e, "t").unwrap_or_default();
                if matches!(event, Event::Start(_)) {
                    cell = Some((col, kind, String::new()));
                }
            }
            Event::Start(e) if matches!(e.local_name().as_ref(), "v" | "t") => in_value = true,
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => in_value = false,
                "c" => {
                    if let (Some((col, kind, raw)), Some((number, cells))) = (cell.take(), &mut row)
                    {
                        let text = match kind.as_str() {
                            "s" => raw
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| strings.get(i))
                                .cloned()
                                .ok_or_else(|| broken(part))?,
                            "inlineStr" | "str" | "e" => raw,
                            "b" => if raw.trim() == "1" { "TRUE" } else { "FALSE" }.to_owned(),
                            _ => number_text(&raw),
                        };
                        check_cell(*number, col, &text, limits)?;
                        if cells.len() <= col {
                            cells.resize(col + 1, String::new());
                        }
                        if let Some(slot) = cells.get_mut(col) {
                            *slot = text;
                        }
                    }
                }
                "row" => {
                    if let Some(r) = row.take() {
                        keep(&mut out, r, limits)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ if in_value && cell.is_some() => {
                if let Some((_, _, raw)) = &mut cell {
                    push_text(&event, raw);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Step 2: guessing the mapping.

/// Full-width ASCII folded to ASCII, lower case, and only letters and
/// digits kept (CJK counts as letters), so 「1、服务态度：」 and “服务态度” compare.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .filter(|&c| c.is_ascii_alphanumeric() || (c > '\u{7F}' && !is_punctuation(c)))
        .collect()
}

/// Punctuation and spaces outside ASCII that headers carry: Latin-1 signs,
/// general punctuation (“ ” … —), CJK symbols (、。「」【】) and what is left
/// of the full-width forms. A range test instead of `char::is_alphanumeric`,
/// whose Unicode tables would cost the wasm build several KB.
fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{BF}'
        | '\u{2000}'..='\u{206F}'
        | '\u{2190}'..='\u{2BFF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFE0}'..='\u{FFEF}'
    )
}

/// The question number at the start of a header: `1、…`, `1.…`, `Q1`,
/// `第1题`, `(1)…`; with the rest of the header.
fn question_number(header: &str) -> (Option<usize>, &str) {
    let h = header.trim_start();
    let h = h
        .strip_prefix(['Q', 'q'])
        .or_else(|| h.strip_prefix('第'))
        .or_else(|| h.strip_prefix(['(', '（']))
        .unwrap_or(h);
    let digits: String = h.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return (None, header);
    }
    let rest = &h[digits.len()..];
    let rest = rest.strip_prefix('题').unwrap_or(rest);
    let rest = rest.trim_start_matches(['、', '.', '．', ')', '）', ':', '：', ' ', '-', '_']);
    (digits.parse().ok(), rest)
}

/// 问卷星's own columns and other bookkeeping, never answers.
const META: &[&str] = &[
    "序号",
    "编号",
    "提交答卷时间",
    "答卷时间",
    "提交时间",
    "开始时间",
    "结束时间",
    "所用时间",
    "来源",
    "来源详情",
    "来自ip",
    "ip",
    "ip地址",
    "总分",
    "用户名",
    "微信昵称",
];

fn is_meta(header: &str) -> bool {
    let f = fold(header);
    META.contains(&f.as_str()) || f.starts_with("来自ip")
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

/// How well a header names an item, 0–1: 1 when the header contains the
/// item's name (or its name without the bracketed note, e.g. 服务规范 for
/// 服务规范(仪容仪表/用语)); otherwise the share of the name's character pairs
/// found in the header, which tolerates reordering (问题解决能力 for
/// 解决问题能力) and added words (您对服务态度的评价).
fn similarity(header: &str, item: &str) -> f64 {
    let (_, rest) = question_number(header);
    let h = fold(rest);
    if h.is_empty() {
        return 0.0;
    }
    let short = item.split(['(', '（']).next().unwrap_or(item);
    let mut best: f64 = 0.0;
    for name in [fold(item), fold(short)] {
        if name.is_empty() {
            continue;
        }
        if h == name {
            return 1.0;
        }
        if h.contains(&name) {
            best = best.max(0.95);
            continue;
        }
        // A header naming part of a long item, e.g. 仪容仪表.
        if h.chars().count() >= 2 && name.contains(&h) {
            best = best.max(0.8);
            continue;
        }
        let pairs = bigrams(&name);
        if pairs.is_empty() {
            continue;
        }
        let hp = bigrams(&h);
        let hits = pairs.iter().filter(|p| hp.contains(p)).count();
        best = best.max(hits as f64 / pairs.len() as f64);
    }
    best
}

/// The least similarity for a header to be taken as an item's column.
const MATCH: f64 = 0.5;

/// Keywords of the respondent fields, strongest first.
const DATE_WORDS: &[&str] = &["服务日期", "服务时间", "接受服务日期", "日期"];
const SERVICE_WORDS: &[&str] = &["服务项目", "服务内容", "业务类型", "办理业务", "项目"];
const CONTACT_WORDS: &[&str] = &["联系方式", "联系电话", "电话", "手机", "联系"];
const COMMENT_WORDS: &[&str] = &["意见和建议", "意见建议", "意见", "建议", "留言", "备注"];

/// Guesses which column holds each item and respondent field:
/// 1. items by header similarity to their names ([`MATCH`] or better),
///    best pairs first, each column used once; 问卷星's own columns (序号,
///    提交答卷时间, 来自IP, …) are never items;
/// 2. items still without a column take a bare question-number header
///    (`Q3`, `3`, `第3题`) by position: Q3 → the third item;
/// 3. respondent fields by keywords (服务日期/日期, 服务项目, 联系/电话,
///    意见/建议) among the columns left;
/// 4. the number scale from the data: all numbers within 1…n → positions,
///    read worst-first when their mean is above the middle (问卷星 量表题
///    give 5 to 很满意, and most customers are satisfied), best-first
///    otherwise; numbers that are the levels' scores → scores.
pub fn guess_mapping(table: &Table, q: &Questionnaire) -> Mapping {
    let columns: Vec<usize> = (0..table.headers.len())
        .filter(|&c| {
            table
                .headers
                .get(c)
                .is_some_and(|h| !h.is_empty() && !is_meta(h))
        })
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, item) in q.items().iter().enumerate() {
        for &c in &columns {
            let s = table
                .headers
                .get(c)
                .map_or(0.0, |h| similarity(h, &item.name));
            if s >= MATCH {
                pairs.push((s, i, c));
            }
        }
    }
    // Greedy, best pair first; among equals the earlier item and the
    // leftmost column. Scanning for the best remaining pair (at most 40
    // rounds) instead of sorting keeps the slice-sort code out of the wasm
    // build.
    let mut item_cols: Vec<Option<usize>> = vec![None; q.items().len()];
    let mut used: Vec<usize> = Vec::new();
    loop {
        let best = pairs
            .iter()
            .filter(|(_, i, c)| !used.contains(c) && item_cols.get(*i).is_some_and(Option::is_none))
            .reduce(|a, b| {
                let b_first =
                    b.0.total_cmp(&a.0)
                        .then(a.1.cmp(&b.1))
                        .then(a.2.cmp(&b.2))
                        .is_gt();
                if b_first {
                    b
                } else {
                    a
                }
            });
        let Some(&(_, i, c)) = best else {
            break;
        };
        if let Some(slot) = item_cols.get_mut(i) {
            *slot = Some(c);
        }
        used.push(c);
    }
    for &c in &columns {
        let Some(h) = table.headers.get(c) else {
            continue;
        };
        if used.contains(&c) {
            continue;
        }
        if let (Some(k), "") = question_number(h) {
            if let Some(slot @ None) = k.checked_sub(1).and_then(|i| item_cols.get_mut(i)) {
                *slot = Some(c);
                used.push(c);
            }
        }
    }
    let mut field = |words: &[&str]| {
        let found = words.iter().find_map(|w| {
            columns.iter().copied().find(|c| {
                !used.contains(c)
                    && table
                        .headers
                        .get(*c)
                        .is_some_and(|h| fold(question_number(h).1).contains(w))
            })
        });
        if let Some(c) = found {
            used.push(c);
        }
        found
    };
    let service_date = field(DATE_WORDS);
    let service_item = field(SERVICE_WORDS);
    let contact = field(CONTACT_WORDS);
    let comment = field(COMMENT_WORDS);
    let numbers = guess_numbers(table, &item_cols, q.levels());
    Mapping {
        items: q
            .items()
            .iter()
            .zip(item_cols)
            .map(|(item, c)| (item.id.clone(), c))
            .collect(),
        service_date,
        service_item,
        contact,
        comment,
        numbers,
    }
}

fn guess_numbers(table: &Table, item_cols: &[Option<usize>], levels: &[Level]) -> NumberScale {
    let n = levels.len();
    let numbers: Vec<f64> = table
        .rows
        .iter()
        .flat_map(|r| item_cols.iter().flatten().filter_map(|&c| r.cells.get(c)))
        .filter_map(|cell| parse_number(&normalise(cell)))
        .collect();
    if numbers.is_empty() {
        return NumberScale::BestFirst;
    }
    let positional = |x: &&f64| x.fract() == 0.0 && **x >= 1.0 && **x <= n as f64;
    let score = |x: &&f64| levels.iter().any(|l| l.score == **x);
    let positions: Vec<f64> = numbers.iter().filter(positional).copied().collect();
    let fits_scores = numbers.iter().filter(score).count();
    if fits_scores > positions.len() {
        return NumberScale::Scores;
    }
    // Stray numbers that fit neither way say nothing about the scale.
    if positions.is_empty() {
        return NumberScale::BestFirst;
    }
    let mean = positions.iter().sum::<f64>() / positions.len() as f64;
    if mean > (n as f64 + 1.0) / 2.0 {
        NumberScale::WorstFirst
    } else {
        NumberScale::BestFirst
    }
}

// ---------------------------------------------------------------------------
// Step 3: reading every row.

/// The Excel serial day number for a date cell that lost its format, e.g.
/// 40763 → 2011-08-08 (day 1 is 1900-01-01, and Excel counts a 29 Feb 1900
/// that never was, hence the epoch 1899-12-30). Only 20000–80000 (1954–2119)
/// are taken as dates.
fn excel_serial_date(text: &str) -> Option<String> {
    let x = parse_decimal(text.trim())?;
    if !(20_000.0..80_000.0).contains(&x) {
        return None;
    }
    // Days since 1970-01-01.
    let (y, m, d) = crate::model::date::civil_from_days(x.floor() as i64 - 25_569);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn check_mapping(table: &Table, mapping: &Mapping) -> Result<(), ImportError> {
    let columns = mapping.items.iter().filter_map(|(_, c)| *c).chain(
        [
            mapping.service_date,
            mapping.service_item,
            mapping.contact,
            mapping.comment,
        ]
        .into_iter()
        .flatten(),
    );
    for column in columns {
        if column >= table.headers.len() {
            return Err(ImportError::NoSuchColumn { column });
        }
    }
    if mapping.items.iter().all(|(_, c)| c.is_none()) {
        return Err(ImportError::NoItemColumns);
    }
    Ok(())
}

/// Reads every data row with `mapping`: a response per row, or the row's
/// unreadable cells. Rows with nothing in any mapped column are left out
/// and listed in [`Preview::blank_rows`]. Items of `q` the mapping does not
/// name are unanswered.
pub fn preview(table: &Table, mapping: &Mapping, q: &Questionnaire) -> Preview {
    let levels = q.levels();
    let item_cols: Vec<Option<usize>> = q
        .items()
        .iter()
        .map(|item| mapping.column_of(&item.id))
        .collect();
    let text = |row: &TableRow, col: Option<usize>| {
        col.and_then(|c| row.cells.get(c))
            .map(|s| s.trim())
            .filter(|s| !is_skip_marker(s, mapping.numbers))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let mut out = Preview {
        rows: Vec::new(),
        blank_rows: Vec::new(),
        problems: Vec::new(),
    };
    for row in &table.rows {
        let mut problems = Vec::new();
        let mut answers = Vec::with_capacity(item_cols.len());
        let mut any = false;
        for &col in &item_cols {
            let cell = text(row, col);
            any |= !cell.is_empty();
            match read_answer(levels, &cell, mapping.numbers) {
                Ok(a) => answers.push(a),
                Err(e) => {
                    answers.push(None);
                    let reason = match e {
                        AnswerError::Ambiguous {
                            by_position,
                            by_score,
                            ..
                        } => CellReason::Ambiguous {
                            by_position,
                            by_score,
                        },
                        AnswerError::Unrecognised { hint, .. } => CellReason::Unrecognised { hint },
                    };
                    problems.push(CellProblem {
                        row: row.number,
                        column: col.map(|c| table.column_name(c)).unwrap_or_default(),
                        value: cell,
                        reason,
                    });
                }
            }
        }
        let date = text(row, mapping.service_date);
        let response = Response {
            answers,
            service_date: excel_serial_date(&date).unwrap_or(date),
            service_item: text(row, mapping.service_item),
            contact: text(row, mapping.contact),
            comment: text(row, mapping.comment),
        };
        let blank = !any
            && response.service_date.is_empty()
            && response.service_item.is_empty()
            && response.contact.is_empty()
            && response.comment.is_empty();
        if blank {
            out.blank_rows.push(row.number);
        } else if problems.is_empty() {
            out.rows.push(Ok(response));
        } else {
            out.problems.extend(problems.iter().cloned());
            out.rows.push(Err(RowError {
                row: row.number,
                problems,
            }));
        }
    }
    out
}

/// Imports every row, or nothing: any unreadable cell refuses the whole
/// file with every problem listed ([`ImportError::Unreadable`]), so the
/// applicant fixes the file once and the statistics never rest on part of
/// it.
pub fn import(
    table: &Table,
    mapping: &Mapping,
    q: &Questionnaire,
) -> Result<Responses, ImportError> {
    check_mapping(table, mapping)?;
    let p = preview(table, mapping, q);
    if !p.problems.is_empty() {
        return Err(ImportError::Unreadable(p.problems));
    }
    let rows: Vec<Response> = p.rows.into_iter().flatten().collect();
    if !rows.iter().any(Response::is_answered) {
        return Err(ImportError::NoResponses);
    }
    Ok(Responses {
        item_ids: q.items().iter().map(|i| i.id.clone()).collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::test_questionnaire;
    use std::io::Write;

    fn csv(text: &str) -> Table {
        parse_table(text.as_bytes(), FileKind::Csv).expect("readable")
    }

    /// A minimal XLSX: workbook, relationships, shared strings and one
    /// sheet given as rows of (reference, type, value).
    fn xlsx(strings: &[&str], rows: &[&[(&str, &str, &str)]]) -> Vec<u8> {
        let mut sheet = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (i, row) in rows.iter().enumerate() {
            sheet.push_str(&format!(r#"<row r="{}">"#, i + 1));
            for (r, t, v) in row.iter() {
                match *t {
                    "inlineStr" => sheet.push_str(&format!(
                        r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#
                    )),
                    "" => sheet.push_str(&format!(r#"<c r="{r}"><v>{v}</v></c>"#)),
                    t => sheet.push_str(&format!(r#"<c r="{r}" t="{t}"><v>{v}</v></c>"#)),
                }
            }
            sheet.push_str("</row>");
        }
        sheet.push_str("</sheetData></worksheet>");
        let mut sst = String::from(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        );
        for s in strings {
            sst.push_str(&format!("<si><t>{s}</t></si>"));
        }
        sst.push_str("</sst>");
        let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="答卷" sheetId="1" r:id="rId7"/></sheets></workbook>"#;
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>"#;
        zip_of(&[
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/sharedStrings.xml", sst.as_bytes()),
            ("xl/worksheets/data.xml", sheet.as_bytes()),
        ])
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            w.start_file(*name, opts).expect("entry");
            w.write_all(body).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn csv_with_bom_quotes_and_newlines() {
        let t = csv("\u{FEFF}序号,\"1、您对服务态度的评价：\",意见\r\n1,很满意,\"好，很好\n谢谢\"\r\n2,满意,\r\n,,\r\n");
        assert_eq!(t.headers, ["序号", "1、您对服务态度的评价：", "意见"]);
        assert_eq!(t.header_row, 1);
        assert_eq!(t.rows.len(), 2, "the empty row is dropped");
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(t.rows[0].cells[2], "好，很好\n谢谢");
        assert_eq!(t.rows[1].number, 3, "a newline inside a cell adds no row");
    }

    #[test]
    fn legacy_encoding_is_told_apart() {
        // 满意 in GBK: C2 FA D2 E2.
        let gbk = [b'a', b',', 0xC2, 0xFA, 0xD2, 0xE2, b'\n'];
        assert!(is_legacy_encoded(&gbk, FileKind::Csv));
        assert!(!is_legacy_encoded("a,满意\n".as_bytes(), FileKind::Csv));
        assert!(!is_legacy_encoded(&[0xFF, 0xFE, b'a', 0], FileKind::Csv));
        assert!(!is_legacy_encoded(&gbk, FileKind::Xlsx));
    }

    #[test]
    fn tables_round_trip_as_json() {
        let t = csv("a,b\n1,2\n");
        let json = serde_json::to_string(&t).expect("serializes");
        assert_eq!(serde_json::from_str::<Table>(&json).expect("reads"), t);
    }

    #[test]
    fn csv_delimiters_and_utf16() {
        let t = csv("a;b;c\n1;2;3\n");
        assert_eq!(t.headers, ["a", "b", "c"]);
        let text = "服务态度\t意见\n很满意\t无\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let t = parse_table(&bytes, FileKind::Csv).expect("UTF-16");
        assert_eq!(t.headers, ["服务态度", "意见"]);
        assert_eq!(t.rows[0].cells, ["很满意", "无"]);
    }

    #[test]
    fn gbk_is_refused_with_advice() {
        // 服务 in GBK.
        let err = parse_table(&[0xB7, 0xFE, 0xCE, 0xF1, b',', b'a'], FileKind::Csv)
            .expect_err("not UTF-8");
        assert_eq!(err, ImportError::NotUtf8);
        assert!(err.to_string().contains("CSV UTF-8"));
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped() {
        let t = csv("用户满意度调查表,,\n服务态度,服务及时性,意见\n很满意,满意,\n");
        assert_eq!(t.header_row, 2);
        assert_eq!(t.headers[0], "服务态度");
        assert_eq!(t.rows[0].number, 3);
    }

    #[test]
    fn limits_are_enforced() {
        let small = Limits {
            max_file_bytes: 100,
            max_rows: 2,
            max_columns: 3,
            max_cell_chars: 5,
            ..Limits::default()
        };
        let p = |s: &str| parse_table_with(s.as_bytes(), FileKind::Csv, &small);
        assert!(matches!(
            p(&"x".repeat(101)),
            Err(ImportError::TooLarge { .. })
        ));
        assert_eq!(
            p("a,b\n1,2\n3,4\n5,6\n"),
            Err(ImportError::TooManyRows { max: 2 })
        );
        assert_eq!(
            p("a,b,c,d\n"),
            Err(ImportError::TooManyColumns { row: 1, max: 3 })
        );
        assert_eq!(
            p("a,b\n1,很满意很满意\n"),
            Err(ImportError::CellTooLong {
                row: 2,
                column: 2,
                max: 5
            })
        );
        assert_eq!(p(""), Err(ImportError::Empty));
        assert_eq!(p("\n\n,,\n"), Err(ImportError::Empty));
    }

    #[test]
    fn xlsx_with_shared_and_inline_strings() {
        let bytes = xlsx(
            &[
                "序号",
                "1、服务态度",
                "2、服务及时性",
                "很满意",
                "意见",
                "A &amp; B",
            ],
            &[
                &[
                    ("A1", "s", "0"),
                    ("B1", "s", "1"),
                    ("C1", "s", "2"),
                    ("E1", "s", "4"),
                ],
                &[
                    ("A2", "", "1"),
                    ("B2", "s", "3"),
                    ("C2", "", "4.0"),
                    ("E2", "s", "5"),
                ],
                &[
                    ("A3", "", "2"),
                    ("B3", "inlineStr", "满意"),
                    ("C3", "", "80"),
                ],
            ],
        );
        let t = parse_table(&bytes, FileKind::Xlsx).expect("readable");
        assert_eq!(
            t.headers,
            ["序号", "1、服务态度", "2、服务及时性", "", "意见"]
        );
        assert_eq!(t.rows[0].cells, ["1", "很满意", "4", "", "A & B"]);
        assert_eq!(t.rows[1].cells, ["2", "满意", "80", "", ""]);
        assert_eq!(t.rows[1].number, 3);
        assert_eq!(t.column_name(3), "第 4 列");
    }

    #[test]
    fn xlsx_zip_bomb_and_junk_are_refused() {
        let zeros = vec![b' '; 2 * 1024 * 1024];
        let bomb = zip_of(&[
            (
                "xl/workbook.xml",
                b"<workbook><sheets><sheet r:id=\"r1\"/></sheets></workbook>",
            ),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        assert!(bomb.len() < 64 * 1024, "it compresses well");
        let limits = Limits {
            max_unpacked_bytes: 1024 * 1024,
            ..Limits::default()
        };
        assert_eq!(
            parse_table_with(&bomb, FileKind::Xlsx, &limits),
            Err(ImportError::UnpackedTooLarge { max: 1024 * 1024 })
        );
        assert_eq!(
            parse_table(b"not a zip", FileKind::Xlsx),
            Err(ImportError::NotXlsx)
        );
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert_eq!(
            parse_table(&ole, FileKind::Xlsx),
            Err(ImportError::OldExcel)
        );
        let broken = zip_of(&[
            (
                "xl/workbook.xml",
                b"<workbook><sheets><sheet/></sheets></workbook>",
            ),
            (
                "xl/worksheets/sheet1.xml",
                b"<worksheet><sheetData><row><c><v>1</v></row>",
            ),
        ]);
        assert!(matches!(
            parse_table(&broken, FileKind::Xlsx),
            Err(ImportError::BrokenXlsx { .. })
        ));
    }

    #[test]
    fn xlsx_blank_rows_and_many_strings_are_bounded() {
        // Formatted but empty rows far past the row limit are not rows.
        let mut rows: Vec<Vec<(String, &str, String)>> = vec![vec![
            ("A1".into(), "s", "0".into()),
            ("B1".into(), "s", "0".into()),
        ]];
        for r in 2..40 {
            rows.push(vec![(format!("A{r}"), "inlineStr", String::new())]);
        }
        let rows: Vec<Vec<(&str, &str, &str)>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(a, b, c)| (a.as_str(), *b, c.as_str()))
                    .collect()
            })
            .collect();
        let rows: Vec<&[(&str, &str, &str)]> = rows.iter().map(Vec::as_slice).collect();
        let bytes = xlsx(&["题"], &rows);
        let limits = Limits {
            max_rows: 5,
            ..Limits::default()
        };
        let t = parse_table_with(&bytes, FileKind::Xlsx, &limits).expect("blank rows are free");
        assert!(t.rows.is_empty());
        let many: Vec<String> = (0..20).map(|n| n.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let bytes = xlsx(&many, &[&[("A1", "s", "0")]]);
        let limits = Limits {
            max_shared_strings: 10,
            ..Limits::default()
        };
        assert!(matches!(
            parse_table_with(&bytes, FileKind::Xlsx, &limits),
            Err(ImportError::UnpackedTooLarge { .. })
        ));
    }

    #[test]
    fn xlsx_far_cells_are_bounded() {
        let bytes = xlsx(&["a"], &[&[("A1", "s", "0"), ("ZZZ1", "s", "0")]]);
        assert!(matches!(
            parse_table(&bytes, FileKind::Xlsx),
            Err(ImportError::TooManyColumns { .. })
        ));
    }

    #[test]
    fn file_kinds_by_name() {
        assert_eq!(FileKind::from_name("答卷.CSV"), Ok(FileKind::Csv));
        assert_eq!(FileKind::from_name("a.b.xlsx"), Ok(FileKind::Xlsx));
        assert_eq!(FileKind::from_name("old.xls"), Err(ImportError::OldExcel));
        assert!(matches!(
            FileKind::from_name("scan.pdf"),
            Err(ImportError::UnknownKind { .. })
        ));
    }

    #[test]
    fn headers_map_by_similarity_and_keywords() {
        let q = test_questionnaire();
        let t = csv(concat!(
            "序号,提交答卷时间,所用时间,来源,来自IP,",
            "1、您对服务态度的评价：,2.服务及时性,3、专业技能,4、服务规范,",
            "5、问题解决能力,Q6,7、承诺兑现情况,8、总体满意度,",
            "9、服务日期,10、服务项目,11、联系电话,12、您的意见和建议\n",
            "1,2011/8/8 10:00:00,100秒,手机提交,1.2.3.4(江苏),5,5,4,5,5,5,5,5,2011-08-01,维修,,好\n",
        ));
        let m = guess_mapping(&t, &q);
        let cols: Vec<Option<usize>> = m.items.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            cols,
            [
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12)
            ]
        );
        assert_eq!(m.column_of("communication"), Some(10), "Q6 by position");
        assert_eq!(m.service_date, Some(13));
        assert_eq!(m.service_item, Some(14));
        assert_eq!(m.contact, Some(15));
        assert_eq!(m.comment, Some(16));
        assert_eq!(m.numbers, NumberScale::WorstFirst, "mostly 5s: 5 = best");
    }

    #[test]
    fn number_scale_guesses() {
        let q = test_questionnaire();
        let guess =
            |body: &str| guess_mapping(&csv(&format!("服务态度,总体满意度\n{body}")), &q).numbers;
        assert_eq!(guess("1,1\n2,1\n1,3\n"), NumberScale::BestFirst);
        assert_eq!(guess("5,4\n4,5\n5,5\n"), NumberScale::WorstFirst);
        assert_eq!(guess("100,80\n60,100\n"), NumberScale::Scores);
        assert_eq!(guess("很满意,满意\n"), NumberScale::BestFirst);
        assert_eq!(
            guess("很满意,6\n满意,满意\n"),
            NumberScale::BestFirst,
            "a stray number"
        );
    }

    #[test]
    fn preview_and_all_or_nothing_import() {
        let q = test_questionnaire();
        let t = csv("服务态度,服务及时性,意见,服务日期\n很满意,满意吧,,40763\n,,,\n1,2,好,\n,,,\n优,很满意,,\n");
        let mut m = guess_mapping(&t, &q);
        m.numbers = NumberScale::BestFirst;
        let p = preview(&t, &m, &q);
        assert_eq!(p.rows.len(), 3);
        assert!(
            p.blank_rows.is_empty(),
            "fully empty rows never reach the table"
        );
        assert_eq!(p.problems.len(), 2);
        assert_eq!(
            p.problems[0].to_string(),
            "第 2 行「服务及时性」的值“满意吧”无法识别，可填 1–5（1 = 很满意）或 很满意…很不满意"
        );
        assert_eq!(p.problems[1].row, 6, "empty rows still count");
        assert_eq!(p.problems[1].value, "优");
        let err = import(&t, &m, &q).expect_err("refused");
        assert_eq!(err, ImportError::Unreadable(p.problems.clone()));
        assert!(err
            .to_string()
            .starts_with("有 2 个单元格无法识别，未导入任何数据"));

        let t = csv("服务态度,服务及时性,意见,服务日期\n很满意,满意,,40763\n1,2,好,\n");
        let rs = import(&t, &m, &q).expect("all readable");
        assert_eq!(rs.rows.len(), 2);
        assert_eq!(rs.rows[0].answers[..2], [Some(0), Some(1)]);
        assert_eq!(rs.rows[0].service_date, "2011-08-08");
        assert_eq!(rs.rows[1].answers[..2], [Some(0), Some(1)]);
        assert_eq!(rs.rows[1].comment, "好");
        assert_eq!(rs.item_ids.len(), 8);
    }

    #[test]
    fn mapping_errors() {
        let q = test_questionnaire();
        let t = csv("甲,乙\n1,2\n");
        let m = guess_mapping(&t, &q);
        assert_eq!(import(&t, &m, &q), Err(ImportError::NoItemColumns));
        let mut m = m;
        m.items[0].1 = Some(9);
        assert_eq!(
            import(&t, &m, &q),
            Err(ImportError::NoSuchColumn { column: 9 })
        );
        let t = csv("服务态度,意见\n,好\n");
        let m = guess_mapping(&t, &q);
        assert_eq!(import(&t, &m, &q), Err(ImportError::NoResponses));
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_serial_date("40763").as_deref(), Some("2011-08-08"));
        assert_eq!(excel_serial_date("40602.5").as_deref(), Some("2011-02-28"));
        assert_eq!(excel_serial_date("40603").as_deref(), Some("2011-03-01"));
        assert_eq!(excel_serial_date("2011-08-08"), None);
        assert_eq!(excel_serial_date("5"), None);
    }

    /// Every prefix and a sample of byte flips of a CSV and an XLSX file
    /// parse or fail with an error, never a panic.
    #[test]
    fn truncated_and_corrupted_files_do_not_panic() {
        let q = test_questionnaire();
        let csv_bytes = "\u{FEFF}序号,\"1、服务态度\",意见\n1,很满意,\"a,\nb\"\n2,5,\n"
            .as_bytes()
            .to_vec();
        let xlsx_bytes = xlsx(
            &["1、服务态度", "很满意"],
            &[&[("A1", "s", "0")], &[("A2", "s", "1")], &[("A3", "", "5")]],
        );
        for (bytes, kind) in [(csv_bytes, FileKind::Csv), (xlsx_bytes, FileKind::Xlsx)] {
            let mut variants: Vec<Vec<u8>> =
                (0..bytes.len()).map(|n| bytes[..n].to_vec()).collect();
            for i in (0..bytes.len()).step_by(7) {
                let mut b = bytes.clone();
                b[i] ^= 0x5A;
                variants.push(b);
            }
            for b in variants {
                if let Ok(t) = parse_table(&b, kind) {
                    let m = guess_mapping(&t, &q);
                    let _ = import(&t, &m, &q);
                }
            }
        }
    }
}
