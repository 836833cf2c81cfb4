//! Numbers between Arrow cells, text and the C numeric types: an exact
//! decimal or a double, with the specification's checks (22003 out of
//! range, 01S07 fraction lost, 22018 not a numeric literal).

use crate::error::DriverError;

/// A numeric value: exact (`mantissa * 10^-scale`) or approximate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Exact { mantissa: i128, scale: u8 },
    Approx(f64),
}

/// A conversion result with whether a fractional part was dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Converted<T> {
    pub value: T,
    pub fraction_lost: bool,
}

pub fn out_of_range(what: &str) -> DriverError {
    DriverError::new("22003", format!("numeric value out of range for {what}"))
}

pub fn invalid_character(text: &str) -> DriverError {
    let shown: String = text.chars().take(40).collect();
    DriverError::new(
        "22018",
        format!("invalid character value for cast specification: '{shown}'"),
    )
}

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

impl Number {
    pub fn int(v: i128) -> Number {
        Number::Exact {
            mantissa: v,
            scale: 0,
        }
    }

    /// An exact value from a decimal with any scale (negative scales are
    /// multiplied out; values beyond i128 become approximate).
    pub fn decimal(mantissa: i128, scale: i8) -> Number {
        if scale >= 0 {
            return Number::Exact {
                mantissa,
                scale: scale as u8,
            };
        }
        match pow10(u32::from(scale.unsigned_abs())).and_then(|p| mantissa.checked_mul(p)) {
            Some(m) => Number::int(m),
            None => Number::Approx(mantissa as f64 * 10f64.powi(-i32::from(scale))),
        }
    }

    /// Text as a numeric literal; 22018 when it is not one.
    pub fn parse(text: &str) -> Result<Number, DriverError> {
        let t = text.trim();
        let (sign, body) = match t.as_bytes().first() {
            Some(b'-') => (-1i128, &t[1..]),
            Some(b'+') => (1, &t[1..]),
            _ => (1, t),
        };
        let (mant, exp) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty())
            || !digits_ok(int_part)
            || !digits_ok(frac_part)
        {
            return Err(invalid_character(text));
        }
        if let Some(exp) = exp {
            let e = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if e.is_empty() || !digits_ok(e) {
                return Err(invalid_character(text));
            }
            return t
                .parse::<f64>()
                .map(Number::Approx)
                .map_err(|_| invalid_character(text));
        }
        let all: String = format!("{int_part}{frac_part}");
        match (all.parse::<i128>(), u8::try_from(frac_part.len())) {
            (Ok(m), Ok(scale)) if scale <= 38 => Ok(Number::Exact {
                mantissa: sign * m,
                scale,
            }),
            // Too many digits for an exact value: keep the approximation.
            _ => t
                .parse::<f64>()
                .map(Number::Approx)
                .map_err(|_| invalid_character(text)),
        }
    }

    /// The value as text: decimals keep their scale, doubles print the
    /// shortest text that reads back the same value.
    pub fn to_text(self) -> String {
        match self {
            Number::Exact { mantissa, scale } => decimal_text(mantissa, scale),
            Number::Approx(f) => double_text(f),
        }
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Number::Approx(f) => f,
            // Through text: correctly rounded.
            exact => exact.to_text().parse().unwrap_or(f64::NAN),
        }
    }

    /// The integral part (truncated toward zero) if it lies in `[min, max]`.
    pub fn to_integer(
        self,
        min: i128,
        max: i128,
        what: &str,
    ) -> Result<Converted<i128>, DriverError> {
        let (value, fraction_lost) = match self {
            Number::Exact { mantissa, scale } => {
                let p = pow10(u32::from(scale)).ok_or_else(|| out_of_range(what))?;
                (mantissa / p, mantissa % p != 0)
            }
            Number::Approx(f) => {
                let t = f.trunc();
                // Bounds are exact powers of two or small: compare as doubles.
                if !f.is_finite() || t < min as f64 || t >= (max as f64) + 1.0 {
                    return Err(out_of_range(what));
                }
                (t as i128, t != f)
            }
        };
        if value < min || value > max {
            return Err(out_of_range(what));
        }
        Ok(Converted {
            value,
            fraction_lost,
        })
    }

    /// An exact mantissa at `scale` (digits beyond it truncated), at most
    /// `precision` digits.
    pub fn to_scaled(
        self,
        precision: u8,
        scale: i8,
        what: &str,
    ) -> Result<Converted<i128>, DriverError> {
        let exact = match self {
            Number::Exact { .. } => self,
            Number::Approx(f) if f.is_finite() => {
                Number::parse(&plain_double_text(f)).map_err(|_| out_of_range(what))?
            }
            Number::Approx(_) => return Err(out_of_range(what)),
        };
        let Number::Exact {
            mantissa,
            scale: from,
        } = exact
        else {
            return Err(out_of_range(what));
        };
        let shift = i32::from(scale) - i32::from(from);
        let (value, fraction_lost) = if shift >= 0 {
            let p = pow10(shift as u32).ok_or_else(|| out_of_range(what))?;
            (
                mantissa.checked_mul(p).ok_or_else(|| out_of_range(what))?,
                false,
            )
        } else {
            match pow10(shift.unsigned_abs()) {
                Some(p) => (mantissa / p, mantissa % p != 0),
                None => (0, mantissa != 0),
            }
        };
        if digit_count(value.unsigned_abs()) > u32::from(precision.max(1)) {
            return Err(out_of_range(what));
        }
        Ok(Converted {
            value,
            fraction_lost,
        })
    }

    /// Characters before the decimal point (with the sign): what a text
    /// buffer must hold at least (spec: otherwise 22003).
    pub fn whole_text_len(text: &str) -> usize {
        text.find('.').unwrap_or(text.len())
    }
}

pub fn digit_count(mut v: u128) -> u32 {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// `mantissa * 10^-scale` in plain notation.
pub fn decimal_text(mantissa: i128, scale: u8) -> String {
    let digits = mantissa.unsigned_abs().to_string();
    let sign = if mantissa < 0 { "-" } else { "" };
    let scale = usize::from(scale);
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// A double as text: plain notation in the usual range, exponent beyond it.
pub fn double_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let a = f.abs();
    if a == 0.0 || (1e-5..1e17).contains(&a) {
        format!("{f}")
    } else {
        format!("{f:E}")
    }
}

/// A finite double in plain notation (no exponent), for exact conversion.
fn plain_double_text(f: f64) -> String {
    format!("{f}")
}

/// A float (REAL) as text: the shortest form of the f32 value.
pub fn real_text(f: f32) -> String {
    let a = f.abs();
    if f.is_finite() && (a == 0.0 || (1e-5..1e17).contains(&a)) {
        format!("{f}")
    } else {
        double_text(f64::from(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numeric_literals() {
        assert_eq!(
            Number::parse(" -12.50 ").unwrap(),
            Number::Exact {
                mantissa: -1250,
                scale: 2
            }
        );
        assert_eq!(
            Number::parse("+.5").unwrap(),
            Number::Exact {
                mantissa: 5,
                scale: 1
            }
        );
        assert_eq!(
            Number::parse("7.").unwrap(),
            Number::Exact {
                mantissa: 7,
                scale: 0
            }
        );
        assert_eq!(Number::parse("1.5E3").unwrap(), Number::Approx(1500.0));
        for bad in [
            "", "-", ".", "abc", "1.2.3", "1e", "1e+", "12a", "--1", "0x10", "1 2",
        ] {
            assert_eq!(Number::parse(bad).unwrap_err().sqlstate, "22018", "{bad}");
        }
        // More digits than i128 holds: approximate.
        let big = "9".repeat(60);
        assert!(matches!(Number::parse(&big).unwrap(), Number::Approx(_)));
    }

    #[test]
    fn integers_truncate_and_range_check() {
        let n = Number::parse("-12.75").unwrap();
        let c = n.to_integer(-128, 127, "x").unwrap();
        assert_eq!((c.value, c.fraction_lost), (-12, true));
        assert_eq!(
            Number::int(128)
                .to_integer(-128, 127, "x")
                .unwrap_err()
                .sqlstate,
            "22003"
        );
        assert_eq!(
            Number::Approx(9.3e18)
                .to_integer(i64::MIN.into(), i64::MAX.into(), "x")
                .unwrap_err()
                .sqlstate,
            "22003"
        );
        assert_eq!(
            Number::Approx(f64::NAN)
                .to_integer(0, 1, "x")
                .unwrap_err()
                .sqlstate,
            "22003"
        );
        let c = Number::Approx(-0.5).to_integer(0, 255, "x").unwrap();
        assert_eq!((c.value, c.fraction_lost), (0, true));
    }

    #[test]
    fn scaling_for_numeric_structs() {
        let n = Number::decimal(123456, 3); // 123.456
        let c = n.to_scaled(10, 2, "x").unwrap();
        assert_eq!((c.value, c.fraction_lost), (12345, true));
        assert_eq!(n.to_scaled(10, 5, "x").unwrap().value, 12_345_600);
        assert_eq!(n.to_scaled(4, 2, "x").unwrap_err().sqlstate, "22003");
        assert_eq!(Number::Approx(0.25).to_scaled(5, 2, "x").unwrap().value, 25);
        assert_eq!(
            Number::decimal(5, -2).to_scaled(5, 0, "x").unwrap().value,
            500
        );
    }

    #[test]
    fn text_forms() {
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(125050, 2), "1250.50");
        assert_eq!(double_text(0.1), "0.1");
        assert_eq!(double_text(3.0), "3");
        assert_eq!(double_text(1e300), "1E300");
        assert_eq!(real_text(0.1f32), "0.1");
        assert_eq!(Number::decimal(123, 2).to_f64(), 1.23);
        assert_eq!(Number::whole_text_len("-123.45"), 4);
    }
}
