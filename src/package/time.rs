//! The signer's claimed time, as milliseconds since the Unix epoch and as
//! RFC 3339 UTC text (`2011-09-20T08:00:00.000Z`, the form JavaScript's
//! `Date.prototype.toISOString` prints).
//!
//! The civil-date arithmetic is Howard Hinnant's `days_from_civil` and
//! `model::date::civil_from_days`, exact for the proleptic Gregorian calendar.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::date::civil_from_days;

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// The first instant written: 0000-01-01T00:00:00.000Z.
const MIN_MS: i64 = -62_167_219_200_000;

/// The last instant written: 9999-12-31T23:59:59.999Z.
const MAX_MS: i64 = 253_402_300_799_999;

/// An instant in years 0000–9999, to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_ms: i64,
}

impl Timestamp {
    /// The instant `unix_ms` milliseconds after 1970-01-01T00:00:00Z;
    /// `None` outside years 0000–9999, which RFC 3339 cannot write.
    pub fn from_unix_ms(unix_ms: i64) -> Option<Self> {
        (MIN_MS..=MAX_MS)
            .contains(&unix_ms)
            .then_some(Self { unix_ms })
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_ms(self) -> i64 {
        self.unix_ms
    }

    /// Parses exactly the form [`Display`](fmt::Display) writes,
    /// `YYYY-MM-DDTHH:MM:SS.sssZ`; any other spelling is `None`, so that one
    /// instant has one text.
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 24 {
            return None;
        }
        let punctuation = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if punctuation.iter().any(|&(i, c)| b.get(i) != Some(&c))
            || b.get(19) != Some(&b'.')
            || b.get(23) != Some(&b'Z')
        {
            return None;
        }
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits.iter().try_fold(0i64, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
            })
        };
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (hour, minute, second, milli) = (num(11, 2)?, num(14, 2)?, num(17, 2)?, num(20, 3)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let ms = days * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        Self::from_unix_ms(ms)
    }

    /// The calendar date and time of day in UTC:
    /// (year, month, day, hour, minute, second, millisecond).
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32, u32) {
        let days = self.unix_ms.div_euclid(DAY_MS);
        let in_day = self.unix_ms.rem_euclid(DAY_MS);
        let (year, month, day) = civil_from_days(days);
        // `in_day` is in 0..DAY_MS, so every part below fits in u32.
        let part = |v: i64| u32::try_from(v).unwrap_or(0);
        (
            year,
            part(month),
            part(day),
            part(in_day / 3_600_000),
            part(in_day / 60_000 % 60),
            part(in_day / 1000 % 60),
            part(in_day % 1000),
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s, ms) = self.civil();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("expected a time like 2011-09-20T08:00:00.000Z")
        })
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Count years from March, so that the leap day ends a year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ms: i64) -> String {
        Timestamp::from_unix_ms(ms).expect("in range").to_string()
    }

    #[test]
    fn known_instants() {
        assert_eq!(text(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(text(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(text(1_316_505_600_000), "2011-09-20T08:00:00.000Z");
        assert_eq!(text(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(text(1_709_164_799_123), "2024-02-28T23:59:59.123Z");
        assert_eq!(text(4_107_542_400_000), "2100-03-01T00:00:00.000Z");
        assert_eq!(text(MIN_MS), "0000-01-01T00:00:00.000Z");
        assert_eq!(text(MAX_MS), "9999-12-31T23:59:59.999Z");
        assert_eq!(Timestamp::from_unix_ms(MAX_MS + 1), None);
        assert_eq!(Timestamp::from_unix_ms(MIN_MS - 1), None);
        assert_eq!(Timestamp::from_unix_ms(i64::MIN), None);
    }

    #[test]
    fn leap_days_follow_the_gregorian_rule() {
        // 1900 and 2100 are not leap years; 2000 is.
        assert!(Timestamp::parse("1900-02-29T00:00:00.000Z").is_none());
        assert!(Timestamp::parse("2100-02-29T00:00:00.000Z").is_none());
        assert!(Timestamp::parse("2000-02-29T00:00:00.000Z").is_some());
        assert!(Timestamp::parse("2012-02-29T00:00:00.000Z").is_some());
        assert!(Timestamp::parse("2011-02-29T00:00:00.000Z").is_none());
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        // 146 097 days is one full Gregorian cycle; step a prime number of
        // milliseconds inside the day so times of day vary too.
        let start = days_from_civil(1900, 1, 1);
        let mut previous: Option<(i64, u32, u32)> = None;
        for day in start..start + 146_097 {
            let ms = day * DAY_MS + (day.rem_euclid(997)) * 86_311;
            let t = Timestamp::from_unix_ms(ms).expect("in range");
            let (y, m, d, ..) = t.civil();
            if let Some(prev) = previous {
                assert!((y, m, d) > prev, "dates increase");
            }
            previous = Some((y, m, d));
            assert_eq!(Timestamp::parse(&t.to_string()), Some(t), "{t}");
        }
    }

    #[test]
    fn only_the_canonical_spelling_parses() {
        for bad in [
            "2011-09-20T08:00:00Z",
            "2011-09-20T08:00:00.000+00:00",
            "2011-09-20t08:00:00.000Z",
            "2011-09-20 08:00:00.000Z",
            "2011-13-20T08:00:00.000Z",
            "2011-09-31T08:00:00.000Z",
            "2011-09-20T24:00:00.000Z",
            "2011-09-20T08:60:00.000Z",
            "2011-09-20T08:00:60.000Z",
            "2011-09-00T08:00:00.000Z",
            "+011-09-20T08:00:00.000Z",
            "2011-09-20T08:00:00.0000",
            "二〇一一-09-20T08:00:00Z",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn serde_uses_the_text() {
        let t = Timestamp::from_unix_ms(1_316_505_600_042).expect("in range");
        let json = serde_json::to_string(&t).expect("serialize");
        assert_eq!(json, "\"2011-09-20T08:00:00.042Z\"");
        let back: Timestamp = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, t);
        assert!(serde_json::from_str::<Timestamp>("\"2011-09-20\"").is_err());
    }
}
