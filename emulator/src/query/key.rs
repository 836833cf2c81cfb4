//! Comparable keys of values, shared by comparisons and sorting.
//!
//! facts §6: a blank NUMBER, DATE, TIME or DATETIME behaves as the minimum,
//! so `Key::Blank` is the first variant and orders below every other key.

use super::datefn::{day_key, parse_date, parse_datetime, parse_time};
use super::decimal::{Dec, OwnedDec};
use crate::model::{FieldDef, FieldType};

/// A value reduced to what comparisons and sorting need. Keys of one field
/// are always of one variant (or `Blank`), so mixed variants never meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key<'a> {
    Blank,
    Int(i64),
    Dec(Dec<'a>),
    Str(&'a str),
}

/// How the text of a scalar value is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// NUMBER, numeric CALC, `$id`: exact decimals.
    Number,
    /// RECORD_NUMBER: the number after an app-code prefix (`SUP-3` -> 3).
    RecordNumber,
    /// DATE: days.
    Date,
    /// DATETIME, CREATED_TIME, UPDATED_TIME: Unix seconds.
    DateTime,
    /// TIME: seconds since midnight.
    Time,
}

impl Domain {
    /// The domain of an ordered field type, if it is one.
    pub fn of(def: &FieldDef) -> Option<Domain> {
        Some(match def.kind {
            FieldType::Id | FieldType::Number => Domain::Number,
            FieldType::RecordNumber => Domain::RecordNumber,
            FieldType::Date => Domain::Date,
            FieldType::DateTime | FieldType::CreatedTime | FieldType::UpdatedTime => {
                Domain::DateTime
            }
            FieldType::Time => Domain::Time,
            // [assumed] A CALC compares like the type its format displays;
            // durations (HOUR_MINUTE, DAY_HOUR_MINUTE) and numbers as numbers.
            FieldType::Calc => match def.format.as_deref() {
                Some("DATE") => Domain::Date,
                Some("DATETIME") => Domain::DateTime,
                Some("TIME") => Domain::Time,
                _ => Domain::Number,
            },
            _ => return None,
        })
    }

    /// The key of a stored scalar text. Unparseable text counts as blank.
    pub fn key<'a>(self, text: &'a str, tz: chrono_tz::Tz) -> Key<'a> {
        let parsed = match self {
            Domain::Number => Dec::parse(text).map(Key::Dec),
            Domain::RecordNumber => Dec::parse(record_number_digits(text)).map(Key::Dec),
            Domain::Date => parse_date(text).map(|d| Key::Int(day_key(d))),
            Domain::DateTime => parse_datetime(text, tz).map(Key::Int),
            Domain::Time => parse_time(text).map(Key::Int),
        };
        parsed.unwrap_or(Key::Blank)
    }
}

/// The number part of a record number: `"SUP-3"` -> `"3"`, `"14"` -> `"14"`.
/// [assumed] Record numbers with an app-code prefix compare by the number.
pub fn record_number_digits(text: &str) -> &str {
    match text.rfind('-') {
        Some(i) if i > 0 => &text[i + 1..],
        _ => text,
    }
}

/// One side of a comparison operand that owns its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bound {
    Blank,
    Int(i64),
    Dec(OwnedDec),
}

impl Bound {
    pub fn key(&self) -> Key<'_> {
        match self {
            Bound::Blank => Key::Blank,
            Bound::Int(i) => Key::Int(*i),
            Bound::Dec(d) => Key::Dec(d.as_dec()),
        }
    }
}

/// A literal as an inclusive range of keys: a point for a number or a
/// date-time, a whole day or period for dates and date functions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operand {
    pub lo: Bound,
    pub hi: Bound,
}

impl Operand {
    pub fn point(b: Bound) -> Operand {
        Operand {
            lo: b.clone(),
            hi: b,
        }
    }

    pub fn span(lo: i64, hi: i64) -> Operand {
        Operand {
            lo: Bound::Int(lo),
            hi: Bound::Int(hi),
        }
    }
}

/// Writes `n` in decimal into `buf` and returns the text (no allocation):
/// `$id` is compared through the same decimal code as numbers.
pub fn u64_text(n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII digits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_6_blank_key_is_the_minimum() {
        let tz = chrono_tz::UTC;
        let blank = Domain::Number.key("", tz);
        assert_eq!(blank, Key::Blank);
        assert!(blank < Domain::Number.key("-99999999999999999999", tz));
        assert!(Domain::Date.key("", tz) < Domain::Date.key("0001-01-01", tz));
        assert!(Domain::Time.key("", tz) < Domain::Time.key("00:00", tz));
        assert!(Domain::DateTime.key("", tz) < Domain::DateTime.key("1970-01-01T00:00:00Z", tz));
    }

    #[test]
    fn record_numbers_compare_by_their_number() {
        let tz = chrono_tz::UTC;
        let k = |s| Domain::RecordNumber.key(s, tz);
        assert!(k("SUP-3") < k("SUP-20"));
        assert_eq!(k("SUP-3"), k("3"));
        assert_eq!(record_number_digits("A-B-7"), "7");
    }

    #[test]
    fn u64_text_writes_digits() {
        let mut buf = [0u8; 20];
        assert_eq!(u64_text(0, &mut buf), "0");
        assert_eq!(u64_text(1234, &mut buf), "1234");
        assert_eq!(u64_text(u64::MAX, &mut buf), "18446744073709551615");
    }
}
