//! The survey import and statistics against the 问卷星-style fixtures in
//! `tests/data/survey/`, written by `tests/data/survey/gen_wjx.py` with their expected
//! figures computed there independently (numpy).

use serde_json::Value;
use shenbao::campaign::builtin;
use shenbao::survey::{
    compute, guess_mapping, import, parse_table, CellReason, FileKind, ImportError, Mapping,
    NumberScale, Questionnaire, Stats,
};

const WJX_120_CSV: &[u8] = include_bytes!("../data/survey/wjx-120.csv");
const WJX_120_XLSX: &[u8] = include_bytes!("../data/survey/wjx-120.xlsx");
const WJX_120_EXPECTED: &str = include_str!("../data/survey/wjx-120.expected.json");
const WJX_BAD_ROWS: &[u8] = include_bytes!("../data/survey/wjx-bad-rows.csv");

fn questionnaire() -> Questionnaire {
    let campaign = builtin().expect("the shipped campaign is valid");
    Questionnaire::from_defaults(&campaign.survey).expect("the defaults are valid")
}

/// 问卷星's layout: six columns of its own, the eight items, then 服务日期,
/// 服务项目, 联系方式, 意见和建议.
fn assert_wjx_mapping(m: &Mapping) {
    let columns: Vec<Option<usize>> = m.items.iter().map(|(_, c)| *c).collect();
    assert_eq!(columns, (6..14).map(Some).collect::<Vec<_>>());
    assert_eq!(
        (m.service_date, m.service_item, m.contact, m.comment),
        (Some(14), Some(15), Some(16), Some(17))
    );
}

fn close(actual: Option<f64>, expected: &Value, what: &str) {
    let e = expected.as_f64().unwrap_or(f64::NAN);
    let a = actual.unwrap_or(f64::NAN);
    assert!((a - e).abs() < 1e-9, "{what}: {a} vs expected {e}");
}

fn assert_expected_figures(s: &Stats) {
    let expected: Value = serde_json::from_str(WJX_120_EXPECTED).expect("valid JSON");
    assert_eq!(Some(s.n as u64), expected["n"].as_u64());
    assert_eq!(Some(s.complete as u64), expected["complete"].as_u64());
    let items = expected["items"].as_array().expect("items");
    assert_eq!(items.len(), s.items.len());
    for (got, want) in s.items.iter().zip(items) {
        assert_eq!(Some(got.id.as_str()), want["id"].as_str());
        assert_eq!(Some(got.answered as u64), want["answered"].as_u64());
        close(got.mean, &want["mean"], &format!("{} mean", got.id));
        close(
            got.satisfaction_rate,
            &want["satisfaction_rate"],
            &format!("{} rate", got.id),
        );
    }
    close(s.overall_index, &expected["overall_index"], "overall index");
    close(
        s.satisfaction_rate(),
        &expected["satisfaction_rate"],
        "satisfaction rate",
    );
    close(s.alpha, &expected["alpha"], "alpha");
}

#[test]
fn wjx_120_csv_matches_the_independent_figures() {
    let q = questionnaire();
    let table = parse_table(WJX_120_CSV, FileKind::Csv).expect("readable");
    assert_eq!(table.headers[0], "序号", "the BOM is stripped");
    assert_eq!(table.rows.len(), 120);
    let mapping = guess_mapping(&table, &q);
    assert_wjx_mapping(&mapping);
    assert_eq!(mapping.numbers, NumberScale::BestFirst, "a text export");
    let responses = import(&table, &mapping, &q).expect("every cell is readable");
    assert_eq!(
        responses.rows.len(),
        120,
        "row 57 skipped every item but is kept"
    );
    assert!(
        responses
            .rows
            .iter()
            .any(|r| r.comment == "维修后说明\"保修期\"不够清楚"),
        "a quoted cell keeps its quotes"
    );
    assert!(
        responses.rows.iter().all(|r| r.contact != "(空)"),
        "(空) is read as empty"
    );
    assert!(
        responses
            .rows
            .iter()
            .any(|r| r.comment == "服务很好！\n希望继续保持"),
        "a quoted cell keeps its line break"
    );
    assert_expected_figures(&compute(&q, &responses));
}

#[test]
fn wjx_120_xlsx_gives_the_same_figures() {
    let q = questionnaire();
    let table = parse_table(WJX_120_XLSX, FileKind::Xlsx).expect("readable");
    assert_eq!(table.rows.len(), 120);
    assert_eq!(
        table.rows[0].cells[0], "1",
        "a number cell reads as written"
    );
    let mapping = guess_mapping(&table, &q);
    assert_wjx_mapping(&mapping);
    let responses = import(&table, &mapping, &q).expect("every cell is readable");
    assert_eq!(responses.rows.len(), 120);
    let csv_table = parse_table(WJX_120_CSV, FileKind::Csv).expect("readable");
    let csv = import(&csv_table, &guess_mapping(&csv_table, &q), &q).expect("readable");
    assert_eq!(responses, csv, "an Excel date cell reads as YYYY-MM-DD");
    assert_expected_figures(&compute(&q, &responses));
}

/// Three unreadable cells: nothing is imported and all three are listed,
/// with the row numbers Excel shows (row 5 holds a cell with line breaks,
/// which adds lines to the file but not rows).
#[test]
fn wjx_bad_rows_are_all_listed_and_nothing_is_imported() {
    let q = questionnaire();
    let table = parse_table(WJX_BAD_ROWS, FileKind::Csv).expect("readable");
    let mapping = guess_mapping(&table, &q);
    assert_wjx_mapping(&mapping);
    let Err(ImportError::Unreadable(problems)) = import(&table, &mapping, &q) else {
        panic!("the import must be refused with the unreadable cells");
    };
    let found: Vec<(usize, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "1、您对服务态度的评价：", "满意吧"),
            (6, "3、您对专业技能的评价：", "6"),
            (8, "8、您对本次服务的总体满意度：", "好评"),
        ]
    );
    assert!(problems
        .iter()
        .all(|p| matches!(p.reason, CellReason::Unrecognised { .. })));
    assert_eq!(
        problems[0].to_string(),
        "第 3 行「1、您对服务态度的评价：」的值“满意吧”无法识别，可填 1–5（1 = 很满意）或 很满意…很不满意"
    );
    let message = ImportError::Unreadable(problems).to_string();
    assert!(
        message.starts_with("有 3 个单元格无法识别，未导入任何数据"),
        "{message}"
    );
}
