//! SQL literals (DataFusion `ScalarValue`s) as Kintone query literals.
//!
//! Every conversion is exact or refused (`None`): numbers as plain decimals
//! (no exponent), dates as `"YYYY-MM-DD"`, times and date-times on
//! Kintone's minute grid, text through [`quote_string`].

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike};
use datafusion::arrow::datatypes::TimeUnit;
use datafusion::common::ScalarValue;

use super::quote_string;

/// Writes `value / 10^scale` as a plain decimal without trailing zeros.
pub(super) fn decimal_text(value: i128, scale: i8) -> String {
    let negative = value < 0;
    let digits = value.unsigned_abs().to_string();
    let mut text = if scale <= 0 {
        let mut t = digits;
        if t != "0" {
            t.extend(std::iter::repeat_n('0', usize::from(scale.unsigned_abs())));
        }
        t
    } else {
        let scale = scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        }
    };
    if negative && text != "0" {
        text.insert(0, '-');
    }
    text
}

/// How the column side of a numeric comparison was cast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NumericContext {
    /// Compared as exact numbers (no cast, or a widening exact cast).
    Exact,
    /// The column was cast to a float; it holds at most 15 significant
    /// digits, so a float literal with at most 15 significant digits
    /// compares exactly as its shortest decimal form (both round-trip
    /// through f64 without collisions).
    Float,
}

/// Number of significant digits of a plain decimal text.
fn significant_digits(text: &str) -> usize {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if text.contains('.') {
        trimmed
    } else {
        trimmed.trim_end_matches('0')
    };
    trimmed.len().max(1)
}

/// A numeric literal as an exact Kintone number, `None` when it is not a
/// number or not exactly representable for this comparison.
pub(super) fn number(value: &ScalarValue, context: NumericContext) -> Option<String> {
    let text = match value {
        ScalarValue::Int8(Some(v)) => v.to_string(),
        ScalarValue::Int16(Some(v)) => v.to_string(),
        ScalarValue::Int32(Some(v)) => v.to_string(),
        ScalarValue::Int64(Some(v)) => v.to_string(),
        ScalarValue::UInt8(Some(v)) => v.to_string(),
        ScalarValue::UInt16(Some(v)) => v.to_string(),
        ScalarValue::UInt32(Some(v)) => v.to_string(),
        ScalarValue::UInt64(Some(v)) => v.to_string(),
        ScalarValue::Decimal128(Some(v), _, s) => decimal_text(*v, *s),
        ScalarValue::Float64(Some(f)) if context == NumericContext::Float => {
            return float_text(*f);
        }
        ScalarValue::Float32(Some(f)) if context == NumericContext::Float => {
            return float_text(f64::from(*f));
        }
        _ => return None,
    };
    // In a float comparison an exact literal with many digits may round.
    if context == NumericContext::Float && significant_digits(&text) > 15 {
        return None;
    }
    Some(text)
}

/// A float's shortest round-trip decimal, if it has at most 15 significant
/// digits and a modest magnitude (Rust's `Display` never uses an exponent).
fn float_text(f: f64) -> Option<String> {
    if !f.is_finite() || (f != 0.0 && !(1e-30..1e30).contains(&f.abs())) {
        return None;
    }
    let text = format!("{f}");
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    (significant_digits(&text) <= 15).then(|| if text == "-0" { "0".into() } else { text })
}

/// A numeric literal as the f64 SQL compares a DOUBLE column with.
pub(super) fn double(value: &ScalarValue) -> Option<f64> {
    let v = match value
        .cast_to(&datafusion::arrow::datatypes::DataType::Float64)
        .ok()?
    {
        ScalarValue::Float64(Some(v)) => v,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// Magnitudes beyond which no decimal text is written (Rust's `Display`
/// of an f64 never uses an exponent, so they would be very long).
const TINY: f64 = 1e-30;
const HUGE: f64 = 1e30;

/// A short decimal text `d` with `f64(d) <= v` and no decimal strictly
/// between `d` and `v` that matters: `v`'s shortest round-trip form when
/// its magnitude is moderate, a bound just below a tiny `v`.
pub(super) fn decimal_at_most(v: f64) -> Option<String> {
    if v.abs() > HUGE {
        return None;
    }
    if v != 0.0 && v.abs() < TINY {
        return Some(if v > 0.0 {
            "0".into()
        } else {
            format!("-{}", TINY)
        });
    }
    Some(shortest(v))
}

/// The mirror of [`decimal_at_most`]: `f64(d) >= v`.
pub(super) fn decimal_at_least(v: f64) -> Option<String> {
    decimal_at_most(-v).map(|d| match d.strip_prefix('-') {
        Some(positive) => positive.to_owned(),
        None if d == "0" => d,
        None => format!("-{d}"),
    })
}

/// The next double above `v` (`f64::next_up`, which needs Rust 1.86).
pub(super) fn next_up(v: f64) -> f64 {
    if v.is_nan() || v == f64::INFINITY {
        return v;
    }
    if v == 0.0 {
        return f64::from_bits(1);
    }
    let bits = v.to_bits();
    f64::from_bits(if v > 0.0 { bits + 1 } else { bits - 1 })
}

/// The next double below `v`.
pub(super) fn next_down(v: f64) -> f64 {
    -next_up(-v)
}

/// The shortest decimal that reads back as `v` (`-0` as `0`).
fn shortest(v: f64) -> String {
    let text = format!("{v}");
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

/// Whether a number text is an integer (for `$id` and record numbers).
pub(super) fn is_integer(text: &str) -> bool {
    !text.contains('.')
}

/// A date literal: `"2024-01-02"`, years 1000-9999 only (the range Kintone
/// surely accepts in a query).
pub(super) fn date(value: &ScalarValue) -> Option<String> {
    let day = match value {
        ScalarValue::Date32(Some(days)) => NaiveDate::from_ymd_opt(1970, 1, 1)?
            .checked_add_signed(chrono::Duration::days(i64::from(*days)))?,
        _ => return None,
    };
    let text = day.format("%Y-%m-%d").to_string();
    (text.len() == 10 && !text.starts_with('0')).then(|| quote_string(&text))
}

/// A literal on Kintone's minute grid (TIME, DATETIME): the minute it falls
/// in, and whether it lies strictly inside that minute (seconds or
/// fractions other than zero).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct GridLiteral {
    pub text: String,
    pub inside_minute: bool,
}

/// A time-of-day literal as `"HH:MM"`.
pub(super) fn time(value: &ScalarValue) -> Option<GridLiteral> {
    let micros: i64 = match value {
        ScalarValue::Time64Microsecond(Some(v)) => *v,
        ScalarValue::Time64Nanosecond(Some(v)) => {
            // Sub-microsecond parts only matter for "inside the minute".
            return time_of(v.div_euclid(1_000), v.rem_euclid(1_000) != 0);
        }
        ScalarValue::Time32Second(Some(v)) => i64::from(*v) * 1_000_000,
        ScalarValue::Time32Millisecond(Some(v)) => i64::from(*v) * 1_000,
        _ => return None,
    };
    time_of(micros, false)
}

fn time_of(micros: i64, extra_fraction: bool) -> Option<GridLiteral> {
    let t = NaiveTime::from_num_seconds_from_midnight_opt(
        u32::try_from(micros.div_euclid(1_000_000)).ok()?,
        0,
    )?;
    Some(GridLiteral {
        text: quote_string(&format!("{:02}:{:02}", t.hour(), t.minute())),
        inside_minute: extra_fraction || micros.rem_euclid(60_000_000) != 0,
    })
}

/// A timestamp literal as `"YYYY-MM-DDTHH:MM:00Z"` (UTC). Literals with a
/// time zone other than UTC are instants too; naive ones are taken as UTC,
/// like the columns (which are UTC).
pub(super) fn timestamp(value: &ScalarValue) -> Option<GridLiteral> {
    let (v, unit) = match value {
        ScalarValue::TimestampSecond(Some(v), _) => (*v, TimeUnit::Second),
        ScalarValue::TimestampMillisecond(Some(v), _) => (*v, TimeUnit::Millisecond),
        ScalarValue::TimestampMicrosecond(Some(v), _) => (*v, TimeUnit::Microsecond),
        ScalarValue::TimestampNanosecond(Some(v), _) => (*v, TimeUnit::Nanosecond),
        _ => return None,
    };
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let seconds = v.div_euclid(per_second);
    let inside_minute = v.rem_euclid(per_second) != 0 || seconds.rem_euclid(60) != 0;
    let at = DateTime::from_timestamp(seconds - seconds.rem_euclid(60), 0)?;
    let text = at.format("%Y-%m-%dT%H:%M:00Z").to_string();
    if text.len() != 20 || text.starts_with('0') {
        return None;
    }
    Some(GridLiteral {
        text: quote_string(&text),
        inside_minute,
    })
}

/// A text literal (any of Arrow's string types).
pub(super) fn text(value: &ScalarValue) -> Option<&str> {
    match value {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) => Some(s),
        ScalarValue::Utf8View(Some(s)) => Some(s),
        _ => None,
    }
}

/// Whether Kintone might take this text for blank: empty or made only of
/// characters that some definition of whitespace includes (Kintone treats
/// whitespace-only text as empty, facts §6; which characters count is not
/// measured, so this errs on the broad side: every Unicode White_Space
/// character, zero-width characters, BOM).
pub(super) fn maybe_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_plain_and_exact() {
        assert_eq!(decimal_text(12345, 2), "123.45");
        assert_eq!(decimal_text(-5, 3), "-0.005");
        assert_eq!(decimal_text(500, 2), "5");
        assert_eq!(decimal_text(0, 4), "0");
        assert_eq!(decimal_text(7, -2), "700");
        assert_eq!(decimal_text(-120, 1), "-12");
        assert_eq!(
            decimal_text(123_456_789_012_345_678_901_234_567_890, 10),
            "12345678901234567890.123456789"
        );
    }

    #[test]
    fn floats_only_with_few_digits_in_a_float_comparison() {
        let f = |x: f64| number(&ScalarValue::Float64(Some(x)), NumericContext::Float);
        assert_eq!(f(10.5).as_deref(), Some("10.5"));
        assert_eq!(f(0.1).as_deref(), Some("0.1"));
        assert_eq!(f(-3.0).as_deref(), Some("-3"));
        assert_eq!(f(1e20).as_deref(), Some("100000000000000000000"));
        assert_eq!(f(0.1 + 0.2), None, "17 significant digits");
        assert_eq!(f(f64::NAN), None);
        assert_eq!(
            number(&ScalarValue::Float64(Some(1.5)), NumericContext::Exact),
            None
        );
        assert_eq!(
            number(
                &ScalarValue::Int64(Some(1234567890123456)),
                NumericContext::Float
            ),
            None
        );
    }

    #[test]
    fn dates_times_and_timestamps() {
        assert_eq!(
            date(&ScalarValue::Date32(Some(19724))).as_deref(),
            Some("\"2024-01-02\"")
        );
        assert_eq!(date(&ScalarValue::Date32(Some(-800_000))), None);
        let t = time(&ScalarValue::Time64Microsecond(Some(9 * 3_600_000_000))).unwrap();
        assert_eq!((t.text.as_str(), t.inside_minute), ("\"09:00\"", false));
        let t = time(&ScalarValue::Time64Microsecond(Some(9 * 3_600_000_000 + 1))).unwrap();
        assert_eq!((t.text.as_str(), t.inside_minute), ("\"09:00\"", true));
        let ts = ScalarValue::TimestampMicrosecond(Some(1_704_164_670_000_000), Some("UTC".into()));
        let g = timestamp(&ts).unwrap();
        assert_eq!(g.text, "\"2024-01-02T03:04:00Z\"");
        assert!(g.inside_minute);
        let ts = ScalarValue::TimestampSecond(Some(-60), None);
        assert_eq!(timestamp(&ts).unwrap().text, "\"1969-12-31T23:59:00Z\"");
    }

    #[test]
    fn blank_like_text() {
        assert!(maybe_blank(""));
        assert!(maybe_blank(" \t\u{3000}\u{200B}"));
        assert!(!maybe_blank(" a "));
    }
}
