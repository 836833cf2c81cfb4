//! Dates, times and timestamps: their text forms (`yyyy-mm-dd`,
//! `hh:mm:ss`, `yyyy-mm-dd hh:mm:ss[.f...]`), parsing of text (plain or
//! ODBC escape form), and the ODBC structs.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::memory::{DateStruct, TimeStruct, TimestampStruct};

/// A parsed date/time literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Temporal {
    Date(NaiveDate),
    Time(NaiveTime),
    Timestamp(NaiveDateTime),
}

/// `.fffffffff` with trailing zeros removed; empty for a zero fraction.
fn fraction_text(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

pub fn date_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `hh:mm:ss`, plus the fraction when there is one.
pub fn time_text(t: NaiveTime) -> String {
    format!(
        "{:02}:{:02}:{:02}{}",
        t.hour(),
        t.minute(),
        t.second(),
        fraction_text(nanos(t))
    )
}

pub fn timestamp_text(ts: NaiveDateTime) -> String {
    format!("{} {}", date_text(ts.date()), time_text(ts.time()))
}

/// Nanoseconds of the second (a leap second's extra second folded in).
pub fn nanos(t: NaiveTime) -> u32 {
    t.nanosecond() % 1_000_000_000
}

/// Parses a date, time or timestamp literal: `yyyy-mm-dd`, `hh:mm:ss[.f]`,
/// `yyyy-mm-dd[ T]hh:mm:ss[.f][Z]`, or the escapes `{d '...'}`, `{t '...'}`,
/// `{ts '...'}`. `None` when it is none of them (22018 for the caller).
pub fn parse(text: &str) -> Option<Temporal> {
    let t = strip_escape(text.trim());
    let t = t.strip_suffix('Z').unwrap_or(t);
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        if t.len() >= 8 {
            return Some(Temporal::Date(d));
        }
    }
    if let Ok(tm) = NaiveTime::parse_from_str(t, "%H:%M:%S%.f") {
        return Some(Temporal::Time(tm));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(ts) = NaiveDateTime::parse_from_str(t, format) {
            return Some(Temporal::Timestamp(ts));
        }
    }
    None
}

/// `{d '2024-01-02'}` → `2024-01-02`; anything else unchanged.
fn strip_escape(t: &str) -> &str {
    let Some(inner) = t.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return t;
    };
    let inner = inner.trim();
    let body = ["ts", "d", "t"]
        .iter()
        .find_map(|k| inner.strip_prefix(k).filter(|r| r.starts_with([' ', '\''])));
    body.map(str::trim)
        .and_then(|b| b.strip_prefix('\'').and_then(|b| b.strip_suffix('\'')))
        .unwrap_or(t)
}

pub fn date_struct(d: NaiveDate) -> DateStruct {
    DateStruct {
        year: i16::try_from(d.year()).unwrap_or(i16::MAX),
        month: d.month() as u16,
        day: d.day() as u16,
    }
}

pub fn time_struct(t: NaiveTime) -> TimeStruct {
    TimeStruct {
        hour: t.hour() as u16,
        minute: t.minute() as u16,
        second: t.second() as u16,
    }
}

pub fn timestamp_struct(ts: NaiveDateTime) -> TimestampStruct {
    let d = date_struct(ts.date());
    let t = time_struct(ts.time());
    TimestampStruct {
        year: d.year,
        month: d.month,
        day: d.day,
        hour: t.hour,
        minute: t.minute,
        second: t.second,
        fraction: nanos(ts.time()),
    }
}

/// The date of a struct; `None` when a field is out of range (22008).
pub fn from_date_struct(s: DateStruct) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(s.year), u32::from(s.month), u32::from(s.day))
}

pub fn from_time_struct(s: TimeStruct) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(u32::from(s.hour), u32::from(s.minute), u32::from(s.second))
}

pub fn from_timestamp_struct(s: TimestampStruct) -> Option<NaiveDateTime> {
    if s.fraction >= 1_000_000_000 {
        return None;
    }
    let date = from_date_struct(DateStruct {
        year: s.year,
        month: s.month,
        day: s.day,
    })?;
    let time = NaiveTime::from_hms_nano_opt(
        u32::from(s.hour),
        u32::from(s.minute),
        u32::from(s.second),
        s.fraction,
    )?;
    Some(date.and_time(time))
}

/// Today's date, for times converted to timestamps (the spec's rule).
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
    }

    #[test]
    fn text_forms() {
        let d = NaiveDate::from_ymd_opt(987, 3, 4).unwrap();
        assert_eq!(date_text(d), "0987-03-04");
        assert_eq!(
            time_text(NaiveTime::from_hms_opt(1, 2, 3).unwrap()),
            "01:02:03"
        );
        assert_eq!(
            timestamp_text(ts("2024-01-02 03:04:05.120")),
            "2024-01-02 03:04:05.12"
        );
        assert_eq!(
            timestamp_text(ts("2024-01-02 03:04:05")),
            "2024-01-02 03:04:05"
        );
    }

    #[test]
    fn parses_literals_and_escapes() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(parse(" 2024-02-29 "), Some(Temporal::Date(d)));
        assert_eq!(parse("{d '2024-02-29'}"), Some(Temporal::Date(d)));
        assert_eq!(
            parse("{t '10:11:12'}"),
            Some(Temporal::Time(NaiveTime::from_hms_opt(10, 11, 12).unwrap()))
        );
        assert_eq!(
            parse("{ts '2024-02-29 10:11:12.5'}"),
            Some(Temporal::Timestamp(ts("2024-02-29 10:11:12.5")))
        );
        assert_eq!(
            parse("2024-02-29T10:11:12Z"),
            Some(Temporal::Timestamp(ts("2024-02-29 10:11:12")))
        );
        for bad in [
            "2023-02-29",
            "24:00:00",
            "yesterday",
            "",
            "{d 2024-01-01}",
            "2024-1",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn structs_round_trip_and_reject_bad_fields() {
        let v = ts("2024-02-29 23:59:58.123456789");
        assert_eq!(from_timestamp_struct(timestamp_struct(v)), Some(v));
        let mut bad = timestamp_struct(v);
        bad.month = 13;
        assert_eq!(from_timestamp_struct(bad), None);
        bad = timestamp_struct(v);
        bad.fraction = 1_000_000_000;
        assert_eq!(from_timestamp_struct(bad), None);
        assert_eq!(
            from_time_struct(TimeStruct {
                hour: 24,
                minute: 0,
                second: 0
            }),
            None
        );
    }
}
