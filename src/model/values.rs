//! What the user typed, keyed by field id. Values are kept as typed
//! (strings), never coerced, so nothing a user entered is lost to parsing;
//! validation reads them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One row of a table field: column id → text.
pub type Row = BTreeMap<String, String>;

/// A field's value: text for every scalar field, rows for a table.
/// In JSON, a string or an array of objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// The text as typed.
    Text(String),
    /// The rows of a table.
    Rows(Vec<Row>),
}

// Written by hand: serde's `untagged` buffers every value to try each
// variant in turn, which is slower and larger than looking at the JSON type.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a list of rows")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Value, E> {
                Ok(Value::Text(s.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Value, E> {
                Ok(Value::Text(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Value, A::Error> {
                let mut rows = Vec::new();
                while let Some(row) = seq.next_element::<Row>()? {
                    rows.push(row);
                }
                Ok(Value::Rows(rows))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// A form's values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Values(BTreeMap<String, Value>);

impl Values {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text of a field, `""` when empty or a table.
    pub fn text(&self, id: &str) -> &str {
        match self.0.get(id) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }

    /// The text of a field with surrounding blanks removed, `None` when
    /// nothing but blanks.
    pub fn filled(&self, id: &str) -> Option<&str> {
        Some(self.text(id).trim()).filter(|s| !s.is_empty())
    }

    /// The rows of a table field, empty when none.
    pub fn rows(&self, id: &str) -> &[Row] {
        match self.0.get(id) {
            Some(Value::Rows(rows)) => rows,
            _ => &[],
        }
    }

    /// Sets a field's text.
    pub fn set_text(&mut self, id: &str, text: impl Into<String>) {
        self.0.insert(id.to_owned(), Value::Text(text.into()));
    }

    /// Replaces a table's rows.
    pub fn set_rows(&mut self, id: &str, rows: Vec<Row>) {
        self.0.insert(id.to_owned(), Value::Rows(rows));
    }

    /// Appends an empty row to a table; returns its index.
    pub fn add_row(&mut self, id: &str) -> usize {
        let mut rows = self.rows(id).to_vec();
        rows.push(Row::new());
        let index = rows.len() - 1;
        self.set_rows(id, rows);
        index
    }

    /// Removes a table row, returning it; `None` when there is no such row.
    pub fn remove_row(&mut self, id: &str, index: usize) -> Option<Row> {
        let mut rows = self.rows(id).to_vec();
        if index >= rows.len() {
            return None;
        }
        let row = rows.remove(index);
        self.set_rows(id, rows);
        Some(row)
    }

    /// Puts a row back where it was (undo of [`Values::remove_row`]).
    pub fn insert_row(&mut self, id: &str, index: usize, row: Row) {
        let mut rows = self.rows(id).to_vec();
        rows.insert(index.min(rows.len()), row);
        self.set_rows(id, rows);
    }

    /// Sets one cell of a table; rows are added up to `index` if missing.
    pub fn set_cell(&mut self, id: &str, index: usize, column: &str, text: impl Into<String>) {
        let mut rows = self.rows(id).to_vec();
        if rows.len() <= index {
            rows.resize_with(index + 1, Row::new);
        }
        rows[index].insert(column.to_owned(), text.into());
        self.set_rows(id, rows);
    }

    /// Every field id with a value.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_text_and_rows() {
        let mut v = Values::new();
        v.set_text("unit_name", "常州市某某公司");
        v.set_cell("honours", 1, "title", "文明单位");
        let json = serde_json::to_string(&v).expect("serialize");
        let back: Values = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, v);
        assert_eq!(back.rows("honours").len(), 2);
        assert_eq!(back.text("unit_name"), "常州市某某公司");
    }

    #[test]
    fn rows_can_be_removed_and_restored() {
        let mut v = Values::new();
        v.set_cell("honours", 0, "title", "一");
        v.set_cell("honours", 1, "title", "二");
        let row = v.remove_row("honours", 0).expect("row 0 exists");
        assert_eq!(v.rows("honours")[0]["title"], "二");
        v.insert_row("honours", 0, row);
        assert_eq!(v.rows("honours")[0]["title"], "一");
        assert_eq!(v.remove_row("honours", 9), None);
    }

    #[test]
    fn blanks_are_not_filled() {
        let mut v = Values::new();
        v.set_text("a", "  \n ");
        assert_eq!(v.filled("a"), None);
        assert_eq!(v.filled("missing"), None);
        v.set_text("a", " 江苏 ");
        assert_eq!(v.filled("a"), Some("江苏"));
    }
}

#[cfg(test)]
mod value_tests {
    use super::*;

    #[test]
    fn other_json_types_are_refused() {
        assert!(serde_json::from_str::<Value>("12").is_err());
        assert!(serde_json::from_str::<Value>("{}").is_err());
        assert_eq!(
            serde_json::from_str::<Value>("\"江苏\"").ok(),
            Some(Value::Text("江苏".into()))
        );
        assert_eq!(
            serde_json::from_str::<Value>("[]").ok(),
            Some(Value::Rows(vec![]))
        );
    }
}
