//! NUMBER values (facts §7): a decimal, rounded to the app's
//! `numberPrecision.decimalPlaces` with its rounding mode, refused when it has
//! more integer digits than `digits - decimalPlaces` allows.

use std::str::FromStr;

use bigdecimal::{BigDecimal, RoundingMode};

use crate::model::NumberPrecision;

/// Why a NUMBER value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a decimal number at all.
    NotANumber,
    /// More integer digits than the precision allows (the limit is given).
    TooManyDigits(u32),
}

impl NumberError {
    pub fn message(&self) -> String {
        match self {
            NumberError::NotANumber => "Only numbers are allowed.".into(),
            NumberError::TooManyDigits(n) => {
                format!("The integer part must be {n} digits or fewer.")
            }
        }
    }
}

/// True when `s` is a number in the syntax Kintone accepts: an optional sign,
/// digits with an optional `.`, and an optional exponent (`e`/`E`), ASCII only.
pub fn is_number_syntax(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - frac_start;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// Parses a decimal in Kintone's syntax.
pub fn parse_decimal(s: &str) -> Option<BigDecimal> {
    if !is_number_syntax(s) {
        return None;
    }
    // BigDecimal does not take a bare leading "." or a trailing "." everywhere.
    let mut text = s.trim_start_matches('+').to_string();
    if let Some(rest) = text.strip_prefix("-.") {
        text = format!("-0.{rest}");
    } else if text.starts_with('.') {
        text.insert(0, '0');
    }
    let text = text.replace(".e", "e").replace(".E", "E");
    let text = text.strip_suffix('.').unwrap_or(&text);
    BigDecimal::from_str(text).ok()
}

/// The rounding mode named in `numberPrecision.roundingMode`.
pub fn rounding_mode(name: &str) -> RoundingMode {
    match name {
        // Kintone's UP rounds away from zero, DOWN truncates toward zero.
        "UP" => RoundingMode::Up,
        "DOWN" => RoundingMode::Down,
        _ => RoundingMode::HalfEven,
    }
}

/// Number of digits before the decimal point of `|n|` (0 for `0.5`).
fn integer_digits(n: &BigDecimal) -> u32 {
    let int_part = n.abs().with_scale_round(0, RoundingMode::Down);
    let text = int_part.to_plain_string();
    let digits = text.trim_start_matches('0');
    digits.len() as u32
}

/// Normalises a NUMBER value for storage: rounds extra decimals, checks the
/// integer digits, and writes the decimal without an exponent. Trailing zeros
/// given by the client are kept (`"1.50"` stays `"1.50"`). [assumed]
pub fn normalize_number(input: &str, precision: &NumberPrecision) -> Result<String, NumberError> {
    let mut n = parse_decimal(input).ok_or(NumberError::NotANumber)?;
    let places = i64::from(precision.decimal_places);
    if n.fractional_digit_count() > places {
        n = n.with_scale_round(places, rounding_mode(&precision.rounding_mode));
    }
    let allowed = precision.digits.saturating_sub(precision.decimal_places);
    if integer_digits(&n) > allowed {
        return Err(NumberError::TooManyDigits(allowed));
    }
    let text = n.to_plain_string();
    // "-0" and "-0.00" are zero: store them without the sign. [assumed]
    if n == 0 {
        return Ok(text.trim_start_matches('-').to_string());
    }
    Ok(text)
}

/// Compares two stored decimals numerically (None when either is not a number).
pub fn compare(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    Some(parse_decimal(a)?.cmp(&parse_decimal(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn precision(digits: u32, places: u32, mode: &str) -> NumberPrecision {
        NumberPrecision {
            digits,
            decimal_places: places,
            rounding_mode: mode.into(),
        }
    }

    fn norm(input: &str, p: &NumberPrecision) -> Result<String, NumberError> {
        normalize_number(input, p)
    }

    #[test]
    fn syntax_accepts_signs_points_and_exponents() {
        for ok in ["0", "-12", "+3", "1.5", ".5", "5.", "1e3", "1.5E-2", "-0.0"] {
            assert!(is_number_syntax(ok), "{ok}");
        }
        for bad in [
            "", "-", ".", "1,000", "１２", "1e", "abc", " 1", "1 ", "0x10", "1..2",
        ] {
            assert!(!is_number_syntax(bad), "{bad}");
        }
    }

    #[test]
    fn facts_7_extra_decimals_round_half_even_by_default() {
        let p = NumberPrecision::default();
        assert_eq!(norm("1.23455", &p).unwrap(), "1.2346");
        assert_eq!(norm("1.23445", &p).unwrap(), "1.2344");
        assert_eq!(norm("2.00005", &p).unwrap(), "2.0000");
        assert_eq!(norm("-1.23455", &p).unwrap(), "-1.2346");
    }

    #[test]
    fn facts_7_rounding_modes_up_and_down() {
        let up = precision(16, 2, "UP");
        assert_eq!(norm("1.001", &up).unwrap(), "1.01");
        assert_eq!(norm("-1.001", &up).unwrap(), "-1.01");
        let down = precision(16, 2, "DOWN");
        assert_eq!(norm("1.999", &down).unwrap(), "1.99");
        assert_eq!(norm("-1.999", &down).unwrap(), "-1.99");
        let even = precision(16, 0, "HALF_EVEN");
        assert_eq!(norm("2.5", &even).unwrap(), "2");
        assert_eq!(norm("3.5", &even).unwrap(), "4");
    }

    #[test]
    fn facts_7_too_many_integer_digits_is_refused() {
        let p = precision(6, 2, "HALF_EVEN");
        assert_eq!(norm("9999.99", &p).unwrap(), "9999.99");
        assert_eq!(norm("-9999", &p).unwrap(), "-9999");
        assert_eq!(norm("10000", &p), Err(NumberError::TooManyDigits(4)));
        // Rounding can carry into a new integer digit.
        assert_eq!(norm("9999.999", &p), Err(NumberError::TooManyDigits(4)));
        assert_eq!(norm("0.001", &p).unwrap(), "0.00");
    }

    #[test]
    fn normalised_text_has_no_exponent_and_keeps_given_zeros() {
        let p = NumberPrecision::default();
        assert_eq!(norm("1.50", &p).unwrap(), "1.50");
        assert_eq!(norm("1.5e2", &p).unwrap(), "150");
        assert_eq!(norm("1E-2", &p).unwrap(), "0.01");
        assert_eq!(norm("+007", &p).unwrap(), "7");
        assert_eq!(norm(".5", &p).unwrap(), "0.5");
        assert_eq!(norm("5.", &p).unwrap(), "5");
        assert_eq!(norm("-0", &p).unwrap(), "0");
        assert_eq!(norm("abc", &p), Err(NumberError::NotANumber));
    }

    #[test]
    fn thirty_digit_numbers_fit_a_thirty_digit_precision() {
        let p = precision(30, 0, "HALF_EVEN");
        let big = "123456789012345678901234567890";
        assert_eq!(norm(big, &p).unwrap(), big);
        assert!(norm(&format!("{big}1"), &p).is_err());
    }

    #[test]
    fn compare_is_numeric() {
        assert_eq!(compare("10", "9.5"), Some(std::cmp::Ordering::Greater));
        assert_eq!(compare("1.0", "1"), Some(std::cmp::Ordering::Equal));
        assert_eq!(compare("x", "1"), None);
    }
}
