//! Query functions (facts §6) and the date, time and date-time literals they
//! are compared with. Dates are evaluated in the user's time zone.
//!
//! Domains used for comparisons:
//! - DATE: days since the Common Era (`NaiveDate::num_days_from_ce`);
//! - DATETIME: Unix seconds;
//! - TIME: seconds since midnight.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc, Weekday};

/// The unit of `FROM_TODAY(n, unit)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// The argument of `THIS_MONTH(..)` and its siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthDay {
    Day(u32),
    Last,
}

/// A function used as a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    LoginUser,
    PrimaryOrganization,
    Now,
    /// `TODAY()` (0 days), `YESTERDAY()`, `TOMORROW()`, `FROM_TODAY(n, unit)`.
    Day {
        amount: i64,
        unit: Unit,
    },
    /// `THIS_WEEK` (0), `LAST_WEEK` (-1), `NEXT_WEEK` (+1); with a weekday
    /// argument, that day of the week.
    Week {
        offset: i64,
        day: Option<Weekday>,
    },
    /// `THIS_MONTH` (0), `LAST_MONTH` (-1), `NEXT_MONTH` (+1).
    Month {
        offset: i32,
        day: Option<MonthDay>,
    },
    /// `THIS_YEAR` (0), `LAST_YEAR` (-1), `NEXT_YEAR` (+1).
    Year {
        offset: i32,
    },
}

fn no_args(name: &str, args: &[String]) -> Result<(), String> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}() takes no argument"))
    }
}

fn weekday(name: &str, args: &[String]) -> Result<Option<Weekday>, String> {
    match args {
        [] => Ok(None),
        [day] => {
            let wd = match day.to_ascii_uppercase().as_str() {
                "SUNDAY" => Weekday::Sun,
                "MONDAY" => Weekday::Mon,
                "TUESDAY" => Weekday::Tue,
                "WEDNESDAY" => Weekday::Wed,
                "THURSDAY" => Weekday::Thu,
                "FRIDAY" => Weekday::Fri,
                "SATURDAY" => Weekday::Sat,
                _ => return Err(format!("{name}() takes a day of the week, not {day:?}")),
            };
            Ok(Some(wd))
        }
        _ => Err(format!("{name}() takes at most one argument")),
    }
}

fn month_day(name: &str, args: &[String]) -> Result<Option<MonthDay>, String> {
    match args {
        [] => Ok(None),
        [day] if day.eq_ignore_ascii_case("LAST") => Ok(Some(MonthDay::Last)),
        [day] => match day.parse::<u32>() {
            Ok(d) if (1..=31).contains(&d) && day.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Some(MonthDay::Day(d)))
            }
            _ => Err(format!("{name}() takes a day 1 to 31 or LAST, not {day:?}")),
        },
        _ => Err(format!("{name}() takes at most one argument")),
    }
}

impl Func {
    /// Recognises a call `NAME(args)`; the error names what is wrong.
    /// [assumed] Function names and their keyword arguments are case-insensitive.
    pub fn from_call(name: &str, args: &[String]) -> Result<Func, String> {
        let upper = name.to_ascii_uppercase();
        let name = upper.as_str();
        let day = |amount| Func::Day {
            amount,
            unit: Unit::Days,
        };
        let func = match name {
            "LOGINUSER" => no_args(name, args).map(|_| Func::LoginUser)?,
            "PRIMARY_ORGANIZATION" => no_args(name, args).map(|_| Func::PrimaryOrganization)?,
            "NOW" => no_args(name, args).map(|_| Func::Now)?,
            "TODAY" => no_args(name, args).map(|_| day(0))?,
            "YESTERDAY" => no_args(name, args).map(|_| day(-1))?,
            "TOMORROW" => no_args(name, args).map(|_| day(1))?,
            "FROM_TODAY" => {
                let [amount, unit] = args else {
                    return Err("FROM_TODAY() takes two arguments: a number and a unit".into());
                };
                let amount: i64 = amount
                    .parse()
                    .map_err(|_| format!("FROM_TODAY() takes a whole number, not {amount:?}"))?;
                let unit = match unit.to_ascii_uppercase().as_str() {
                    "DAYS" => Unit::Days,
                    "WEEKS" => Unit::Weeks,
                    "MONTHS" => Unit::Months,
                    "YEARS" => Unit::Years,
                    _ => {
                        return Err(format!(
                            "FROM_TODAY() takes DAYS, WEEKS, MONTHS or YEARS, not {unit:?}"
                        ))
                    }
                };
                Func::Day { amount, unit }
            }
            "THIS_WEEK" | "LAST_WEEK" | "NEXT_WEEK" => Func::Week {
                offset: relative(name),
                day: weekday(name, args)?,
            },
            "THIS_MONTH" | "LAST_MONTH" | "NEXT_MONTH" => Func::Month {
                offset: relative(name) as i32,
                day: month_day(name, args)?,
            },
            "THIS_YEAR" | "LAST_YEAR" | "NEXT_YEAR" => {
                no_args(name, args)?;
                Func::Year {
                    offset: relative(name) as i32,
                }
            }
            _ => return Err(format!("unknown function {name}()")),
        };
        Ok(func)
    }

    /// The function's name as written in a query (for error messages).
    pub fn name(self) -> &'static str {
        match self {
            Func::LoginUser => "LOGINUSER",
            Func::PrimaryOrganization => "PRIMARY_ORGANIZATION",
            Func::Now => "NOW",
            Func::Day {
                amount: 0,
                unit: Unit::Days,
            } => "TODAY",
            Func::Day {
                amount: -1,
                unit: Unit::Days,
            } => "YESTERDAY",
            Func::Day {
                amount: 1,
                unit: Unit::Days,
            } => "TOMORROW",
            Func::Day { .. } => "FROM_TODAY",
            Func::Week { offset: -1, .. } => "LAST_WEEK",
            Func::Week { offset: 1, .. } => "NEXT_WEEK",
            Func::Week { .. } => "THIS_WEEK",
            Func::Month { offset: -1, .. } => "LAST_MONTH",
            Func::Month { offset: 1, .. } => "NEXT_MONTH",
            Func::Month { .. } => "THIS_MONTH",
            Func::Year { offset: -1 } => "LAST_YEAR",
            Func::Year { offset: 1 } => "NEXT_YEAR",
            Func::Year { .. } => "THIS_YEAR",
        }
    }

    /// True for the functions that denote a time (all but the user ones).
    pub fn is_temporal(self) -> bool {
        !matches!(self, Func::LoginUser | Func::PrimaryOrganization)
    }

    /// The inclusive range of local dates the function denotes on `today`.
    /// `NOW()` denotes today as a date.
    pub fn date_period(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Func::LoginUser | Func::PrimaryOrganization => None,
            Func::Now => Some((today, today)),
            Func::Day { amount, unit } => {
                let d = shift(today, amount, unit)?;
                Some((d, d))
            }
            Func::Week { offset, day } => {
                // [assumed] Weeks start on Sunday, as in Kintone's Japanese UI.
                let back = today.weekday().num_days_from_sunday() as i64;
                let sunday = today + chrono::Duration::days(7 * offset - back);
                match day {
                    Some(wd) => {
                        let d = sunday + chrono::Duration::days(wd.num_days_from_sunday() as i64);
                        Some((d, d))
                    }
                    None => Some((sunday, sunday + chrono::Duration::days(6))),
                }
            }
            Func::Month { offset, day } => {
                let first = shift_months(today.with_day(1)?, offset as i64)?;
                let last = shift_months(first, 1)?.pred_opt()?;
                match day {
                    None => Some((first, last)),
                    Some(MonthDay::Last) => Some((last, last)),
                    // [assumed] A day past the month's end means its last day.
                    Some(MonthDay::Day(d)) => {
                        let d = first.with_day(d).unwrap_or(last);
                        Some((d, d))
                    }
                }
            }
            Func::Year { offset } => {
                let y = today.year() + offset;
                Some((
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y, 12, 31)?,
                ))
            }
        }
    }
}

fn relative(name: &str) -> i64 {
    if name.starts_with("LAST") {
        -1
    } else if name.starts_with("NEXT") {
        1
    } else {
        0
    }
}

fn shift_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn shift(today: NaiveDate, amount: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Days => today.checked_add_signed(chrono::Duration::try_days(amount)?),
        Unit::Weeks => today.checked_add_signed(chrono::Duration::try_weeks(amount)?),
        Unit::Months => shift_months(today, amount),
        Unit::Years => shift_months(today, amount.checked_mul(12)?),
    }
}

/// Today's date in the user's time zone.
pub fn today(now: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The DATE-domain key of a date.
pub fn day_key(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

/// The instant (Unix seconds) a local day starts in `tz`.
pub fn day_start(d: NaiveDate, tz: chrono_tz::Tz) -> i64 {
    let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
    match tz.from_local_datetime(&midnight).earliest() {
        Some(t) => t.timestamp(),
        // A DST gap at midnight: the day starts an hour later.
        None => tz
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp()),
    }
}

/// The instants (inclusive, seconds) covered by the local days `from..=to`.
pub fn days_as_instants(from: NaiveDate, to: NaiveDate, tz: chrono_tz::Tz) -> (i64, i64) {
    let end = to
        .succ_opt()
        .map_or(i64::MAX, |next| day_start(next, tz) - 1);
    (day_start(from, tz), end)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + (d - b'0') as u32))
}

/// A strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[5..7])?, digits(&b[8..])?)
}

/// `HH:MM` or `HH:MM:SS` as seconds since midnight.
pub fn parse_time(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (h, m) = (digits(&b[..2])?, digits(&b[3..5])?);
    let sec = match &b[5..] {
        [] => 0,
        [b':', rest @ ..] if rest.len() == 2 => digits(rest)?,
        _ => return None,
    };
    (h < 24 && m < 60 && sec < 60).then_some((h * 3600 + m * 60 + sec) as i64)
}

/// A date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` as Unix
/// seconds. [assumed] Without a zone the time is local to `tz`.
pub fn parse_datetime(s: &str, tz: chrono_tz::Tz) -> Option<i64> {
    if s.len() < 16 || !s.is_char_boundary(10) || !s.is_char_boundary(16) {
        return None;
    }
    let date = parse_date(&s[..10])?;
    if !matches!(s.as_bytes()[10], b'T' | b't') {
        return None;
    }
    let rest = &s[11..];
    let time_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time_text, zone) = rest.split_at(time_len);
    let time_text = time_text.split('.').next()?;
    let secs = parse_time(time_text)?;
    let local = date.and_hms_opt(0, 0, 0)?.and_utc().timestamp() + secs;
    let offset = match zone.as_bytes() {
        [] => {
            let naive = DateTime::from_timestamp(local, 0)?.naive_utc();
            return Some(tz.from_local_datetime(&naive).earliest()?.timestamp());
        }
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, rest @ ..] => {
            let h = digits(&[*h1, *h2])? as i64;
            let m = match rest {
                [b':', m1, m2] | [m1, m2] => digits(&[*m1, *m2])? as i64,
                _ => return None,
            };
            let off = h * 3600 + m * 60;
            if *sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    Some(local - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn call(name: &str, args: &[&str]) -> Result<Func, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        Func::from_call(name, &args)
    }

    fn period(f: &str, args: &[&str], today: &str) -> (NaiveDate, NaiveDate) {
        call(f, args).unwrap().date_period(d(today)).unwrap()
    }

    #[test]
    fn facts_6_day_functions() {
        // 2026-03-04 is a Wednesday.
        assert_eq!(
            period("TODAY", &[], "2026-03-04"),
            (d("2026-03-04"), d("2026-03-04"))
        );
        assert_eq!(period("YESTERDAY", &[], "2026-03-01").0, d("2026-02-28"));
        assert_eq!(period("TOMORROW", &[], "2026-12-31").0, d("2027-01-01"));
        assert_eq!(
            period("FROM_TODAY", &["-3", "DAYS"], "2026-03-04").0,
            d("2026-03-01")
        );
        assert_eq!(
            period("FROM_TODAY", &["2", "WEEKS"], "2026-03-04").0,
            d("2026-03-18")
        );
        assert_eq!(
            period("FROM_TODAY", &["1", "MONTHS"], "2026-01-31").0,
            d("2026-02-28")
        );
        assert_eq!(
            period("FROM_TODAY", &["-1", "YEARS"], "2024-02-29").0,
            d("2023-02-28")
        );
        assert_eq!(
            period("from_today", &["5", "days"], "2026-03-04").0,
            d("2026-03-09")
        );
    }

    #[test]
    fn facts_6_week_functions_start_on_sunday() {
        let w = period("THIS_WEEK", &[], "2026-03-04");
        assert_eq!(w, (d("2026-03-01"), d("2026-03-07")));
        // A Sunday is the first day of its own week.
        assert_eq!(period("THIS_WEEK", &[], "2026-03-01").0, d("2026-03-01"));
        assert_eq!(period("THIS_WEEK", &[], "2026-03-07").0, d("2026-03-01"));
        assert_eq!(
            period("THIS_WEEK", &["MONDAY"], "2026-03-04").0,
            d("2026-03-02")
        );
        assert_eq!(
            period("THIS_WEEK", &["SATURDAY"], "2026-03-04").0,
            d("2026-03-07")
        );
        assert_eq!(
            period("LAST_WEEK", &[], "2026-03-04"),
            (d("2026-02-22"), d("2026-02-28"))
        );
        assert_eq!(
            period("NEXT_WEEK", &["SUNDAY"], "2026-03-04").0,
            d("2026-03-08")
        );
    }

    #[test]
    fn facts_6_month_and_year_functions() {
        assert_eq!(
            period("THIS_MONTH", &[], "2026-02-14"),
            (d("2026-02-01"), d("2026-02-28"))
        );
        assert_eq!(
            period("THIS_MONTH", &["15"], "2026-02-14").0,
            d("2026-02-15")
        );
        assert_eq!(
            period("THIS_MONTH", &["LAST"], "2024-02-14").0,
            d("2024-02-29")
        );
        assert_eq!(
            period("THIS_MONTH", &["31"], "2026-02-14").0,
            d("2026-02-28")
        );
        assert_eq!(
            period("LAST_MONTH", &[], "2026-01-31"),
            (d("2025-12-01"), d("2025-12-31"))
        );
        assert_eq!(
            period("NEXT_MONTH", &["LAST"], "2026-01-31").0,
            d("2026-02-28")
        );
        assert_eq!(
            period("THIS_YEAR", &[], "2026-06-01"),
            (d("2026-01-01"), d("2026-12-31"))
        );
        assert_eq!(period("LAST_YEAR", &[], "2026-06-01").0, d("2025-01-01"));
        assert_eq!(period("NEXT_YEAR", &[], "2026-06-01").1, d("2027-12-31"));
    }

    #[test]
    fn bad_function_calls_are_refused() {
        assert!(call("TODAY", &["1"]).is_err());
        assert!(call("FROM_TODAY", &["1"]).is_err());
        assert!(call("FROM_TODAY", &["x", "DAYS"]).is_err());
        assert!(call("FROM_TODAY", &["1", "HOURS"]).is_err());
        assert!(call("THIS_WEEK", &["FUNDAY"]).is_err());
        assert!(call("THIS_MONTH", &["0"]).is_err());
        assert!(call("THIS_MONTH", &["32"]).is_err());
        assert!(call("THIS_MONTH", &["+5"]).is_err());
        assert!(call("THIS_YEAR", &["2026"]).is_err());
        assert!(call("SOMEDAY", &[]).is_err());
        assert_eq!(call("LOGINUSER", &[]), Ok(Func::LoginUser));
    }

    #[test]
    fn literals_parse_strictly() {
        assert_eq!(parse_date("2026-03-02"), Some(d("2026-03-02")));
        assert_eq!(parse_date("2026-3-2"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_time("09:30"), Some(9 * 3600 + 30 * 60));
        assert_eq!(parse_time("23:59:59"), Some(86399));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("9:30"), None);
        let utc = chrono_tz::UTC;
        let tokyo = chrono_tz::Asia::Tokyo;
        let t = Utc
            .with_ymd_and_hms(2026, 3, 2, 14, 5, 0)
            .unwrap()
            .timestamp();
        assert_eq!(parse_datetime("2026-03-02T14:05:00Z", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T14:05Z", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T14:05:00.000Z", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T23:05:00+09:00", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T23:05:00+0900", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T09:05:00-05:00", utc), Some(t));
        assert_eq!(parse_datetime("2026-03-02T23:05:00", tokyo), Some(t));
        assert_eq!(parse_datetime("2026-03-02", utc), None);
        assert_eq!(parse_datetime("2026-03-02 14:05:00Z", utc), None);
        assert_eq!(parse_datetime("2026-03-02T14:05:00+9", utc), None);
    }

    #[test]
    fn local_days_as_instants_in_tokyo() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let (from, to) = days_as_instants(d("2026-03-02"), d("2026-03-02"), tokyo);
        let start = Utc
            .with_ymd_and_hms(2026, 3, 1, 15, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!((from, to), (start, start + 86400 - 1));
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 15, 30, 0).unwrap();
        assert_eq!(today(now, tokyo), d("2026-03-02"));
        assert_eq!(today(now, chrono_tz::UTC), d("2026-03-01"));
    }
}
