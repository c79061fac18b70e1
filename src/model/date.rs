//! A calendar date without a time zone, for deadlines and 填表日期.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::checks::parse_date;

/// A calendar day. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

impl Date {
    /// Reads `2011-10-17`, `2011/10/17` or `2011年10月17日`; `None` when it
    /// is not a real date.
    pub fn parse(s: &str) -> Option<Self> {
        parse_date(s).map(|(year, month, day)| Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
