//! The browser's clock and a source of ids: passed into the pure core,
//! never read by it.

use crate::model::Date;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date in the user's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date {
        year: now.get_full_year() as u16,
        month: now.get_month() as u8 + 1,
        day: now.get_date() as u8,
    }
}

/// `12:03:41`, local time, for "已保存" notes.
pub fn time_of_day(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// `2011-09-20 12:03`, local time, for lists.
pub fn date_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A new id, unique in practice: time plus randomness, base 36.
pub fn new_id() -> String {
    let time = now_ms() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(52)) as u64;
    format!("{}{}", base36(time), base36(random))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

thread_local! {
    static TAB: String = new_id();
}

/// This tab's id, made once per page load; saves carry it so a draft
/// knows who wrote it last.
pub fn tab_id() -> String {
    TAB.with(Clone::clone)
}
