//! DATE, TIME and DATETIME values as Kintone accepts and stores them (facts §7, §8).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};

fn number(part: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if part.len() < min_len || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Parses `YYYY-MM-DD`, also with one-digit months and days (`2015-7-5`) and
/// without the day (`2015-7` means the first of the month [assumed]).
fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    let year = number(parts.next()?, 4, 4)?;
    let month = number(parts.next()?, 1, 2)?;
    let day = match parts.next() {
        Some(d) => number(d, 1, 2)?,
        None => 1,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Normalises a DATE value to `YYYY-MM-DD` (facts §7: `2015-7` style input is accepted).
pub fn normalize_date(s: &str) -> Option<String> {
    Some(parse_date(s)?.format("%Y-%m-%d").to_string())
}

/// Parses `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (one-digit parts accepted).
fn parse_time(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let hour = number(parts.next()?, 1, 2)?;
    let minute = number(parts.next()?, 1, 2)?;
    let second = match parts.next() {
        Some(sec) => {
            let whole = sec.split_once('.').map_or(sec, |(w, frac)| {
                if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                    "x"
                } else {
                    w
                }
            });
            number(whole, 1, 2)?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// Normalises a TIME value to `HH:MM`; seconds are dropped.
pub fn normalize_time(s: &str) -> Option<String> {
    Some(parse_time(s)?.format("%H:%M").to_string())
}

/// Parses a zone suffix: `Z`, `+09:00`, `+0900` or `+09`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s == "Z" || s == "z" {
        return FixedOffset::east_opt(0);
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let (h, m) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[..2], &rest[2..]),
        5 if rest.as_bytes()[2] == b':' => (&rest[..2], &rest[3..]),
        _ => return None,
    };
    let (h, m) = (number(h, 2, 2)?, number(m, 2, 2)?);
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60) as i32)
}

/// Parses a DATETIME in ISO 8601 form with `Z` or an offset. Without a zone
/// the time is taken as UTC [assumed].
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    let (date, rest) = s.split_once(['T', 't', ' '])?;
    let date = parse_date(date).filter(|_| date.split('-').count() == 3)?;
    let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let time = parse_time(time)?;
    let local = NaiveDateTime::new(date, time);
    let offset = if zone.is_empty() {
        FixedOffset::east_opt(0)?
    } else {
        parse_offset(zone)?
    };
    let at = offset.from_local_datetime(&local).single()?;
    Some(at.with_timezone(&Utc))
}

/// Writes a moment as Kintone stores DATETIME values: UTC, seconds zeroed.
pub fn format_minute(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// Truncates a moment to the minute (CREATED_TIME / UPDATED_TIME, facts §8).
pub fn truncate_to_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at)
}

/// Normalises a DATETIME value: converted to UTC, seconds dropped
/// (`2026-03-02T23:05:59+09:00` -> `2026-03-02T14:05:00Z`).
pub fn normalize_datetime(s: &str) -> Option<String> {
    Some(format_minute(parse_datetime(s)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_7_date_accepts_short_forms_and_normalises() {
        assert_eq!(normalize_date("2015-07-05").as_deref(), Some("2015-07-05"));
        assert_eq!(normalize_date("2015-7-5").as_deref(), Some("2015-07-05"));
        assert_eq!(normalize_date("2015-07-5").as_deref(), Some("2015-07-05"));
        assert_eq!(normalize_date("2015-7").as_deref(), Some("2015-07-01"));
        assert_eq!(normalize_date("2024-02-29").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn date_refuses_impossible_or_foreign_forms() {
        for bad in [
            "2015",
            "2015-13-01",
            "2023-02-29",
            "15-07-05",
            "2015/07/05",
            "2015-07-05T00:00:00Z",
            "",
            "2015-007-01",
        ] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn time_drops_seconds() {
        assert_eq!(normalize_time("09:30").as_deref(), Some("09:30"));
        assert_eq!(normalize_time("9:5").as_deref(), Some("09:05"));
        assert_eq!(normalize_time("23:59:59").as_deref(), Some("23:59"));
        assert_eq!(normalize_time("12:00:00.123").as_deref(), Some("12:00"));
        for bad in ["24:00", "12:60", "12", "noon", "12:00:00:00", ""] {
            assert_eq!(normalize_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn facts_7_datetime_accepts_offsets_converts_to_utc_and_drops_seconds() {
        assert_eq!(
            normalize_datetime("2026-03-02T14:05:00Z").as_deref(),
            Some("2026-03-02T14:05:00Z")
        );
        assert_eq!(
            normalize_datetime("2026-03-02T23:05:59+09:00").as_deref(),
            Some("2026-03-02T14:05:00Z")
        );
        assert_eq!(
            normalize_datetime("2026-03-02T01:30:00-0500").as_deref(),
            Some("2026-03-02T06:30:00Z")
        );
        assert_eq!(
            normalize_datetime("2026-01-01T08:00+09:00").as_deref(),
            Some("2025-12-31T23:00:00Z")
        );
        assert_eq!(
            normalize_datetime("2026-03-02T14:05:30.250Z").as_deref(),
            Some("2026-03-02T14:05:00Z")
        );
        // [assumed] no zone: UTC.
        assert_eq!(
            normalize_datetime("2026-03-02T14:05:00").as_deref(),
            Some("2026-03-02T14:05:00Z")
        );
    }

    #[test]
    fn datetime_refuses_dates_and_garbage() {
        for bad in [
            "2026-03-02",
            "2026-03-02T25:00:00Z",
            "2026-03-02T10:00:00+25:00",
            "yesterday",
            "2026-3-2T10:00:00X",
        ] {
            assert_eq!(normalize_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn minute_truncation() {
        let at = parse_datetime("2026-04-23T14:11:42.5Z").unwrap();
        assert_eq!(
            format_minute(truncate_to_minute(at)),
            "2026-04-23T14:11:00Z"
        );
        assert_eq!(truncate_to_minute(at).second(), 0);
    }
}
