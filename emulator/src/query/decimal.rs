//! Exact decimal comparison on the text of a number (facts §6: numbers
//! compare as exact decimals, 30-digit literals accepted), without
//! allocating: a record's value is compared as the slices of its text.

use std::cmp::Ordering;

/// A decimal number viewed as its parts: no leading zeros in `int`, no
/// trailing zeros in `frac`; zero is never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec<'a> {
    neg: bool,
    int: &'a str,
    frac: &'a str,
}

impl<'a> Dec<'a> {
    /// Parses `[-]digits[.digits]` (a leading `+` is accepted for stored values).
    pub fn parse(s: &'a str) -> Option<Dec<'a>> {
        let (neg, unsigned) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (unsigned.ends_with('.')) {
            return None;
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let neg = neg && !(int.is_empty() && frac.is_empty());
        Some(Dec { neg, int, frac })
    }

    fn cmp_magnitude(&self, other: &Dec) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(other.int))
            .then_with(|| self.frac.cmp(other.frac))
    }
}

impl Ord for Dec<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Dec<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A decimal that owns its digits (a parsed literal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedDec {
    neg: bool,
    int: String,
    frac: String,
}

impl OwnedDec {
    pub fn parse(s: &str) -> Option<OwnedDec> {
        let d = Dec::parse(s)?;
        Some(OwnedDec {
            neg: d.neg,
            int: d.int.to_string(),
            frac: d.frac.to_string(),
        })
    }

    pub fn as_dec(&self) -> Dec<'_> {
        Dec {
            neg: self.neg,
            int: &self.int,
            frac: &self.frac,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bigdecimal::BigDecimal;
    use std::str::FromStr;

    #[test]
    fn facts_6_numbers_compare_as_exact_decimals() {
        let values = [
            "0",
            "-0",
            "0.000",
            "1",
            "01",
            "1.0",
            "-1",
            "-1.5",
            "-1.25",
            "1.25",
            "1.3",
            "10",
            "9.99999999999999999999999999999",
            "123456789012345678901234567890",
            "123456789012345678901234567891",
            "-123456789012345678901234567890.000000001",
            "0.1",
            "0.01",
            "100",
            "99.999",
        ];
        for a in values {
            for b in values {
                let mine = Dec::parse(a).unwrap().cmp(&Dec::parse(b).unwrap());
                let exact = BigDecimal::from_str(a)
                    .unwrap()
                    .cmp(&BigDecimal::from_str(b).unwrap());
                assert_eq!(mine, exact, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn non_numbers_do_not_parse() {
        for bad in [
            "", "-", "abc", "1.2.3", "1e5", "1.", ".5", " 1", "1 ", "--1", "0x10",
        ] {
            assert_eq!(Dec::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn owned_matches_borrowed_and_zero_has_no_sign() {
        let owned = OwnedDec::parse("-0012.500").unwrap();
        assert_eq!(owned.as_dec(), Dec::parse("-12.5").unwrap());
        assert_eq!(Dec::parse("-0").unwrap(), Dec::parse("0").unwrap());
    }
}
