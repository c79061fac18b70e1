//! The keyboard grid of the survey page as plain data: its columns, what a
//! cell shows, typing into a cell, and pasting a block copied from a
//! spreadsheet (tab-separated rows), all or nothing.

use std::fmt;

use super::questionnaire::Questionnaire;
use super::responses::{parse_answer, Response, Responses};

/// A free-text column of a response (附件2's respondent fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// 服务日期.
    ServiceDate,
    /// 服务项目.
    ServiceItem,
    /// 联系方式.
    Contact,
    /// 意见和建议.
    Comment,
}

impl TextField {
    /// Every text column, in grid order.
    pub const ALL: [TextField; 4] = [
        Self::ServiceDate,
        Self::ServiceItem,
        Self::Contact,
        Self::Comment,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Self::ServiceDate => "服务日期",
            Self::ServiceItem => "服务项目",
            Self::Contact => "联系方式",
            Self::Comment => "意见和建议",
        }
    }

    fn get(self, r: &Response) -> &str {
        match self {
            Self::ServiceDate => &r.service_date,
            Self::ServiceItem => &r.service_item,
            Self::Contact => &r.contact,
            Self::Comment => &r.comment,
        }
    }

    fn get_mut(self, r: &mut Response) -> &mut String {
        match self {
            Self::ServiceDate => &mut r.service_date,
            Self::ServiceItem => &mut r.service_item,
            Self::Contact => &mut r.contact,
            Self::Comment => &mut r.comment,
        }
    }
}

/// A column of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The answer to the questionnaire's item at this index.
    Item(usize),
    /// A free-text field.
    Text(TextField),
}

/// The grid's columns: every item in questionnaire order, then the text
/// fields.
pub fn columns(q: &Questionnaire) -> Vec<Column> {
    (0..q.items().len())
        .map(Column::Item)
        .chain(TextField::ALL.into_iter().map(Column::Text))
        .collect()
}

/// The heading of a column.
pub fn column_label(q: &Questionnaire, column: Column) -> String {
    match column {
        Column::Item(i) => q.items().get(i).map(|i| i.name.clone()).unwrap_or_default(),
        Column::Text(t) => t.label().to_owned(),
    }
}

/// What a cell shows: the level's name for an answer, the text otherwise.
pub fn cell_text(q: &Questionnaire, r: &Response, column: Column) -> String {
    match column {
        Column::Item(i) => r
            .answers
            .get(i)
            .copied()
            .flatten()
            .and_then(|level| q.levels().get(level))
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        Column::Text(t) => t.get(r).to_owned(),
    }
}

/// Sets a cell from typed text ([`parse_answer`] for an answer). On an
/// error the response is unchanged and the message says what may be typed.
pub fn set_cell(
    q: &Questionnaire,
    r: &mut Response,
    column: Column,
    text: &str,
) -> Result<(), String> {
    match column {
        Column::Item(i) => {
            let answer = parse_answer(q, text).map_err(|e| e.to_string())?;
            if r.answers.len() < q.items().len() {
                r.answers.resize(q.items().len(), None);
            }
            match r.answers.get_mut(i) {
                Some(slot) => *slot = answer,
                None => return Err(format!("第 {} 题不存在", i + 1)),
            }
        }
        Column::Text(t) => *t.get_mut(r) = text.trim().to_owned(),
    }
    Ok(())
}

/// A pasted cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteProblem {
    /// The grid row it would have gone to (1-based, as the grid numbers).
    pub row: usize,
    /// The column's heading, or 第 N 列 past the grid's last column.
    pub column: String,
    /// Why.
    pub message: String,
}

impl fmt::Display for PasteProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行「{}」：{}", self.row, self.column, self.message)
    }
}

/// The most rows one paste may add (the notice asks for at most 200
/// responses; a whole sheet pasted by mistake is refused, not half-read).
pub const MAX_PASTE_ROWS: usize = 1000;

/// Pastes a block of tab-separated lines into the grid at (`row`, `col`),
/// both 0-based, adding rows past the end as needed. Every cell is read
/// first; any problem refuses the whole paste, so the grid never holds half
/// of it. `responses` must follow `q`'s items ([`Responses::aligned_to`]).
pub fn paste(
    q: &Questionnaire,
    responses: &Responses,
    row: usize,
    col: usize,
    text: &str,
) -> Result<Responses, Vec<PasteProblem>> {
    let cols = columns(q);
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    // A spreadsheet ends its copy with a line break.
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.len() > MAX_PASTE_ROWS {
        return Err(vec![PasteProblem {
            row: row + 1,
            column: String::new(),
            message: format!(
                "一次最多粘贴 {MAX_PASTE_ROWS} 行，这次有 {} 行：请分批粘贴，或用“导入文件”",
                lines.len()
            ),
        }]);
    }
    let mut out = responses.clone();
    let mut problems = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let at = row + i;
        while out.rows.len() <= at {
            out.rows.push(Response::blank(q.items().len()));
        }
        for (j, cell) in line.split('\t').enumerate() {
            let Some(&column) = cols.get(col + j) else {
                if !cell.trim().is_empty() {
                    problems.push(PasteProblem {
                        row: at + 1,
                        column: format!("第 {} 列", col + j + 1),
                        message: format!("“{}”超出了表格的最后一列", cell.trim()),
                    });
                }
                continue;
            };
            if let Some(target) = out.rows.get_mut(at) {
                if let Err(message) = set_cell(q, target, column, cell) {
                    problems.push(PasteProblem {
                        row: at + 1,
                        column: column_label(q, column),
                        message,
                    });
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::test_questionnaire;

    #[test]
    fn columns_are_items_then_text() {
        let q = test_questionnaire();
        let cols = columns(&q);
        assert_eq!(cols.len(), q.items().len() + 4);
        assert_eq!(cols[0], Column::Item(0));
        assert_eq!(cols[q.items().len()], Column::Text(TextField::ServiceDate));
        assert_eq!(column_label(&q, cols[0]), "服务态度");
    }

    #[test]
    fn typing_reads_digits_names_and_scores() {
        let q = test_questionnaire();
        let mut r = Response::blank(q.items().len());
        set_cell(&q, &mut r, Column::Item(0), "2").expect("a digit");
        set_cell(&q, &mut r, Column::Item(1), "非常满意").expect("a variant");
        set_cell(&q, &mut r, Column::Item(2), "60").expect("a score");
        assert_eq!(r.answers[..3], [Some(1), Some(0), Some(2)]);
        assert_eq!(cell_text(&q, &r, Column::Item(0)), "满意");
        assert_eq!(cell_text(&q, &r, Column::Item(1)), "很满意");
        set_cell(&q, &mut r, Column::Item(0), "").expect("blank clears");
        assert_eq!(r.answers[0], None);
        let before = r.clone();
        let err = set_cell(&q, &mut r, Column::Item(0), "满意吧").expect_err("not a level");
        assert!(err.contains("满意吧"), "{err}");
        assert_eq!(r, before, "a refused entry changes nothing");
        set_cell(&q, &mut r, Column::Text(TextField::Comment), " 很好 ").expect("text");
        assert_eq!(cell_text(&q, &r, Column::Text(TextField::Comment)), "很好");
    }

    #[test]
    fn a_block_pastes_into_new_rows() {
        let q = test_questionnaire();
        let start = Responses::new(&q);
        let text = "1\t2\t3\n很满意\t满意\t一般\r\n";
        let out = paste(&q, &start, 0, 0, text).expect("readable");
        assert_eq!(out.rows.len(), 2);
        assert_eq!(out.rows[0].answers[..4], [Some(0), Some(1), Some(2), None]);
        assert_eq!(out.rows[1].answers[..3], [Some(0), Some(1), Some(2)]);
        // At an offset, over existing rows, into the text columns.
        let n = q.items().len();
        let out = paste(&q, &out, 1, n - 1, "5\t2011-08-02\t维修").expect("readable");
        assert_eq!(out.rows.len(), 2);
        assert_eq!(out.rows[1].answers[n - 1], Some(4));
        assert_eq!(out.rows[1].service_date, "2011-08-02");
        assert_eq!(out.rows[1].service_item, "维修");
    }

    #[test]
    fn a_bad_cell_refuses_the_whole_paste() {
        let q = test_questionnaire();
        let start = Responses::new(&q);
        let problems = paste(&q, &start, 0, 0, "1\t2\n1\t好的\n3").expect_err("one bad cell");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 2);
        assert_eq!(problems[0].column, "服务及时性");
        assert!(problems[0].to_string().starts_with("第 2 行「服务及时性」"));
        // Past the last column.
        let cols = columns(&q).len();
        let problems = paste(&q, &start, 0, cols - 1, "好\t多余").expect_err("too wide");
        assert_eq!(problems[0].column, format!("第 {} 列", cols + 1));
    }
}
