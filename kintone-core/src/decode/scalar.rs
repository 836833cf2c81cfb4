//! Exact parsers for Kintone's scalar text (facts §8): integers, decimals,
//! dates, times and UTC timestamps. Hand-written because they run once per
//! value on the hot path and must reject what Kintone never sends.

/// Why a text could not be converted.
#[derive(Debug, PartialEq, Eq)]
pub enum ScalarError {
    /// Not of the expected form.
    Invalid,
    /// Of the right form, but too large or too precise for the target.
    OutOfRange,
}

type Result<T> = std::result::Result<T, ScalarError>;

/// A decimal integer with an optional sign (`"14"`, `"-3"`).
pub fn parse_i64(s: &str) -> Result<i64> {
    let b = s.as_bytes();
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return Err(ScalarError::Invalid);
    }
    let mut v: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return Err(ScalarError::Invalid);
        }
        let d = i64::from(c - b'0');
        v = v
            .checked_mul(10)
            .and_then(|v| {
                if negative {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            })
            .ok_or(ScalarError::OutOfRange)?;
    }
    Ok(v)
}

/// An exact decimal (`"-12.50"`, `"1e3"`, `".5"`) as an integer scaled by
/// `10^scale`, with at most `precision` digits. Digits beyond `scale` must
/// be zeros: Kintone has already rounded its numbers, so a value that needs
/// rounding is out of range rather than silently changed.
pub fn parse_decimal(s: &str, precision: u8, scale: i8) -> Result<i128> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    // Significant digits: the mantissa without its point; `point` counts
    // the digits after the point.
    let mut mantissa: i128 = 0;
    let mut mantissa_digits = 0usize;
    let mut point: i64 = 0;
    let mut seen_point = false;
    let mut any_digit = false;
    let mut dropped_nonzero = false;
    let mut dropped_digits: i64 = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            any_digit = true;
            if seen_point {
                point += 1;
            }
            if mantissa_digits < 38 {
                if mantissa != 0 || c != b'0' {
                    mantissa_digits += 1;
                }
                mantissa = mantissa * 10 + i128::from(c - b'0');
            } else {
                // More than 38 significant digits: keep the magnitude, remember the tail.
                dropped_digits += 1;
                dropped_nonzero |= c != b'0';
            }
        } else if c == b'.' && !seen_point {
            seen_point = true;
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return Err(ScalarError::Invalid);
    }
    let mut exponent: i64 = 0;
    if i < b.len() {
        if b[i] != b'e' && b[i] != b'E' {
            return Err(ScalarError::Invalid);
        }
        let text = std::str::from_utf8(&b[i + 1..]).map_err(|_| ScalarError::Invalid)?;
        exponent = parse_i64(text).map_err(|_| ScalarError::Invalid)?;
        if exponent.abs() > 1000 {
            return Err(ScalarError::OutOfRange);
        }
    }
    if mantissa == 0 {
        return Ok(0);
    }
    // value = mantissa * 10^(dropped_digits + exponent - point); we want value * 10^scale.
    let shift = dropped_digits + exponent - point + i64::from(scale);
    let scaled = if shift >= 0 {
        let factor = 10i128
            .checked_pow(u32::try_from(shift).map_err(|_| ScalarError::OutOfRange)?)
            .ok_or(ScalarError::OutOfRange)?;
        mantissa
            .checked_mul(factor)
            .ok_or(ScalarError::OutOfRange)?
    } else {
        if dropped_nonzero {
            return Err(ScalarError::OutOfRange);
        }
        let drop = u32::try_from(-shift).map_err(|_| ScalarError::OutOfRange)?;
        match 10i128.checked_pow(drop) {
            Some(factor) if mantissa % factor == 0 => mantissa / factor,
            Some(_) => return Err(ScalarError::OutOfRange),
            None => return Err(ScalarError::OutOfRange),
        }
    };
    let limit = 10i128.pow(u32::from(precision.min(38)));
    if scaled >= limit {
        return Err(ScalarError::OutOfRange);
    }
    Ok(if negative { -scaled } else { scaled })
}

/// A finite decimal as `f64` (correctly rounded by the standard library).
pub fn parse_f64(s: &str) -> Result<f64> {
    let valid = !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'));
    match s.parse::<f64>() {
        Ok(v) if valid && v.is_finite() => Ok(v),
        Ok(_) if valid => Err(ScalarError::OutOfRange),
        _ => Err(ScalarError::Invalid),
    }
}

fn digits(b: &[u8]) -> Result<u32> {
    if b.is_empty() {
        return Err(ScalarError::Invalid);
    }
    b.iter().try_fold(0u32, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + u32::from(c - b'0'))
        } else {
            Err(ScalarError::Invalid)
        }
    })
}

/// Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// `YYYY-MM-DD` as days since the Unix epoch (Arrow `Date32`).
pub fn parse_date(s: &str) -> Result<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(ScalarError::Invalid);
    }
    let year = i64::from(digits(&b[0..4])?);
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(ScalarError::Invalid);
    }
    Ok(days_from_civil(year, month, day) as i32)
}

/// `HH:MM[:SS[.ffffff]]` as microseconds since midnight.
fn parse_clock(b: &[u8]) -> Result<i64> {
    if b.len() < 5 || b[2] != b':' {
        return Err(ScalarError::Invalid);
    }
    let hour = digits(&b[0..2])?;
    let minute = digits(&b[3..5])?;
    let mut second = 0;
    let mut micros = 0;
    let rest = &b[5..];
    if !rest.is_empty() {
        if rest.len() < 3 || rest[0] != b':' {
            return Err(ScalarError::Invalid);
        }
        second = digits(&rest[1..3])?;
        let fraction = &rest[3..];
        if !fraction.is_empty() {
            if fraction[0] != b'.' || fraction.len() < 2 || fraction.len() > 10 {
                return Err(ScalarError::Invalid);
            }
            let f = &fraction[1..];
            let mut value = i64::from(digits(&f[..f.len().min(6)])?);
            for _ in f.len()..6 {
                value *= 10;
            }
            if f.len() > 6 {
                digits(&f[6..])?;
            }
            micros = value;
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(ScalarError::Invalid);
    }
    Ok((i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)) * 1_000_000 + micros)
}

/// `HH:MM` (or with seconds) as microseconds since midnight (Arrow `Time64(µs)`).
pub fn parse_time(s: &str) -> Result<i64> {
    parse_clock(s.as_bytes())
}

/// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`, as
/// microseconds since the Unix epoch in UTC (Arrow `Timestamp(µs, "UTC")`).
pub fn parse_timestamp(s: &str) -> Result<i64> {
    let b = s.as_bytes();
    if b.len() < 17 || b[10] != b'T' {
        return Err(ScalarError::Invalid);
    }
    let date = std::str::from_utf8(&b[..10]).map_err(|_| ScalarError::Invalid)?;
    let days = i64::from(parse_date(date)?);
    let (clock, offset_seconds) = match b[b.len() - 1] {
        b'Z' => (&b[11..b.len() - 1], 0),
        _ if b.len() >= 22 && matches!(b[b.len() - 6], b'+' | b'-') && b[b.len() - 3] == b':' => {
            let tz = &b[b.len() - 6..];
            let hours = i64::from(digits(&tz[1..3])?);
            let minutes = i64::from(digits(&tz[4..6])?);
            if hours > 23 || minutes > 59 {
                return Err(ScalarError::Invalid);
            }
            let sign = if tz[0] == b'-' { -1 } else { 1 };
            (&b[11..b.len() - 6], sign * (hours * 3600 + minutes * 60))
        }
        _ => return Err(ScalarError::Invalid),
    };
    let micros = parse_clock(clock)?;
    Ok((days * 86_400 - offset_seconds) * 1_000_000 + micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(parse_i64("14"), Ok(14));
        assert_eq!(parse_i64("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            parse_i64("9223372036854775808"),
            Err(ScalarError::OutOfRange)
        );
        assert_eq!(parse_i64("APP-14"), Err(ScalarError::Invalid));
        assert_eq!(parse_i64(""), Err(ScalarError::Invalid));
        assert_eq!(parse_i64("-"), Err(ScalarError::Invalid));
        assert_eq!(parse_i64("1.0"), Err(ScalarError::Invalid));
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(parse_decimal("12.5", 10, 2), Ok(1250));
        assert_eq!(parse_decimal("-0.0001", 10, 4), Ok(-1));
        assert_eq!(parse_decimal("-12", 10, 0), Ok(-12));
        assert_eq!(parse_decimal(".5", 10, 1), Ok(5));
        assert_eq!(parse_decimal("5.", 10, 1), Ok(50));
        assert_eq!(parse_decimal("1.2300", 10, 2), Ok(123));
        assert_eq!(parse_decimal("1e3", 10, 2), Ok(100_000));
        assert_eq!(parse_decimal("1.5E-1", 10, 2), Ok(15));
        assert_eq!(parse_decimal("1.234", 10, 2), Err(ScalarError::OutOfRange));
        assert_eq!(parse_decimal("100", 3, 1), Err(ScalarError::OutOfRange));
        assert_eq!(parse_decimal("99.9", 3, 1), Ok(999));
        let thirty = "123456789012345678901234567890";
        assert_eq!(
            parse_decimal(thirty, 38, 4),
            Ok(1_234_567_890_123_456_789_012_345_678_900_000)
        );
        assert_eq!(
            parse_decimal(thirty, 38, 8),
            Ok(12_345_678_901_234_567_890_123_456_789_000_000_000)
        );
        assert_eq!(parse_decimal(thirty, 38, 9), Err(ScalarError::OutOfRange));
        assert_eq!(
            parse_decimal("-99999999999999999999999999999999999999", 38, 0),
            Ok(-99_999_999_999_999_999_999_999_999_999_999_999_999)
        );
        assert_eq!(parse_decimal("0.000", 38, 0), Ok(0));
        assert_eq!(parse_decimal("-0e-20", 38, 0), Ok(0));
        assert_eq!(
            parse_decimal("0e-2000", 38, 0),
            Err(ScalarError::OutOfRange)
        );
        for bad in ["", "-", "1,000", "1.2.3", "abc", "1e", "1e+", " 1", "0x10"] {
            assert_eq!(
                parse_decimal(bad, 38, 2),
                Err(ScalarError::Invalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn floats() {
        assert_eq!(parse_f64("-12.5"), Ok(-12.5));
        assert_eq!(parse_f64("1e400"), Err(ScalarError::OutOfRange));
        assert_eq!(parse_f64("NaN"), Err(ScalarError::Invalid));
        assert_eq!(parse_f64("inf"), Err(ScalarError::Invalid));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(parse_date("2012-01-11"), Ok(15_350));
        assert_eq!(parse_date("1969-12-31"), Ok(-1));
        assert_eq!(parse_date("2024-02-29"), Ok(19_782));
        assert_eq!(parse_date("2023-02-29"), Err(ScalarError::Invalid));
        assert_eq!(parse_date("2000-02-29"), Ok(11_016));
        assert_eq!(parse_date("1900-02-29"), Err(ScalarError::Invalid));
        assert_eq!(parse_date("2012-13-01"), Err(ScalarError::Invalid));
        assert_eq!(parse_date("2012-1-11"), Err(ScalarError::Invalid));
    }

    #[test]
    fn times_and_timestamps() {
        assert_eq!(parse_time("09:00"), Ok(9 * 3_600_000_000));
        assert_eq!(parse_time("23:59:59.5"), Ok(86_399_500_000));
        assert_eq!(parse_time("24:00"), Err(ScalarError::Invalid));
        assert_eq!(parse_time("9:00"), Err(ScalarError::Invalid));
        assert_eq!(
            parse_timestamp("2012-01-11T11:30:00Z"),
            Ok((15_350 * 86_400 + 11 * 3600 + 30 * 60) * 1_000_000)
        );
        assert_eq!(
            parse_timestamp("2012-01-11T20:30:00+09:00"),
            parse_timestamp("2012-01-11T11:30:00Z")
        );
        assert_eq!(
            parse_timestamp("2012-01-11T11:30Z"),
            parse_timestamp("2012-01-11T11:30:00.000Z")
        );
        assert_eq!(parse_timestamp("1969-12-31T23:59:59Z"), Ok(-1_000_000));
        assert_eq!(
            parse_timestamp("2012-01-11 11:30:00Z"),
            Err(ScalarError::Invalid)
        );
        assert_eq!(
            parse_timestamp("2012-01-11T11:30:00"),
            Err(ScalarError::Invalid)
        );
    }
}
