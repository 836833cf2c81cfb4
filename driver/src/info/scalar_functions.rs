//! The scalar-function masks of SQLGetInfo (SQL_STRING_FUNCTIONS,
//! SQL_NUMERIC_FUNCTIONS, SQL_TIMEDATE_FUNCTIONS, SQL_SYSTEM_FUNCTIONS,
//! SQL_TIMEDATE_ADD/DIFF_INTERVALS, SQL_CONVERT_FUNCTIONS), computed from
//! the names of the `{fn ...}` functions the SQL layer accepts, so that the
//! masks cannot drift from what the escape rewriter really does.

use super::escape_lists as supported;

/// ODBC `{fn}` string functions and their SQL_FN_STR_* bits.
const STRING_BITS: &[(&str, u32)] = &[
    ("CONCAT", 0x0000_0001),
    ("INSERT", 0x0000_0002),
    ("LEFT", 0x0000_0004),
    ("LTRIM", 0x0000_0008),
    ("LENGTH", 0x0000_0010),
    ("LOCATE", 0x0000_0020 | 0x0001_0000), // SQL_FN_STR_LOCATE | SQL_FN_STR_LOCATE_2
    ("LCASE", 0x0000_0040),
    ("REPEAT", 0x0000_0080),
    ("REPLACE", 0x0000_0100),
    ("RIGHT", 0x0000_0200),
    ("RTRIM", 0x0000_0400),
    ("SUBSTRING", 0x0000_0800),
    ("UCASE", 0x0000_1000),
    ("ASCII", 0x0000_2000),
    ("CHAR", 0x0000_4000),
    ("DIFFERENCE", 0x0000_8000),
    ("SOUNDEX", 0x0002_0000),
    ("SPACE", 0x0004_0000),
    ("BIT_LENGTH", 0x0008_0000),
    ("CHAR_LENGTH", 0x0010_0000),
    ("CHARACTER_LENGTH", 0x0020_0000),
    ("OCTET_LENGTH", 0x0040_0000),
    ("POSITION", 0x0080_0000),
];

/// ODBC `{fn}` numeric functions and their SQL_FN_NUM_* bits.
const NUMERIC_BITS: &[(&str, u32)] = &[
    ("ABS", 0x0000_0001),
    ("ACOS", 0x0000_0002),
    ("ASIN", 0x0000_0004),
    ("ATAN", 0x0000_0008),
    ("ATAN2", 0x0000_0010),
    ("CEILING", 0x0000_0020),
    ("COS", 0x0000_0040),
    ("COT", 0x0000_0080),
    ("EXP", 0x0000_0100),
    ("FLOOR", 0x0000_0200),
    ("LOG", 0x0000_0400),
    ("MOD", 0x0000_0800),
    ("SIGN", 0x0000_1000),
    ("SIN", 0x0000_2000),
    ("SQRT", 0x0000_4000),
    ("TAN", 0x0000_8000),
    ("PI", 0x0001_0000),
    ("RAND", 0x0002_0000),
    ("DEGREES", 0x0004_0000),
    ("LOG10", 0x0008_0000),
    ("POWER", 0x0010_0000),
    ("RADIANS", 0x0020_0000),
    ("ROUND", 0x0040_0000),
    ("TRUNCATE", 0x0080_0000),
];

/// ODBC `{fn}` time and date functions and their SQL_FN_TD_* bits.
const TIMEDATE_BITS: &[(&str, u32)] = &[
    ("NOW", 0x0000_0001),
    ("CURDATE", 0x0000_0002),
    ("DAYOFMONTH", 0x0000_0004),
    ("DAYOFWEEK", 0x0000_0008),
    ("DAYOFYEAR", 0x0000_0010),
    ("MONTH", 0x0000_0020),
    ("QUARTER", 0x0000_0040),
    ("WEEK", 0x0000_0080),
    ("YEAR", 0x0000_0100),
    ("CURTIME", 0x0000_0200),
    ("HOUR", 0x0000_0400),
    ("MINUTE", 0x0000_0800),
    ("SECOND", 0x0000_1000),
    ("TIMESTAMPADD", 0x0000_2000),
    ("TIMESTAMPDIFF", 0x0000_4000),
    ("DAYNAME", 0x0000_8000),
    ("MONTHNAME", 0x0001_0000),
    ("CURRENT_DATE", 0x0002_0000),
    ("CURRENT_TIME", 0x0004_0000),
    ("CURRENT_TIMESTAMP", 0x0008_0000),
    ("EXTRACT", 0x0010_0000),
];

/// ODBC `{fn}` system functions and their SQL_FN_SYS_* bits.
const SYSTEM_BITS: &[(&str, u32)] = &[
    ("USER", 0x0000_0001),
    ("DATABASE", 0x0000_0002),
    ("IFNULL", 0x0000_0004),
];

/// TIMESTAMPADD / TIMESTAMPDIFF interval names and their SQL_FN_TSI_* bits.
const INTERVAL_BITS: &[(&str, u32)] = &[
    ("SQL_TSI_FRAC_SECOND", 0x0000_0001),
    ("SQL_TSI_SECOND", 0x0000_0002),
    ("SQL_TSI_MINUTE", 0x0000_0004),
    ("SQL_TSI_HOUR", 0x0000_0008),
    ("SQL_TSI_DAY", 0x0000_0010),
    ("SQL_TSI_WEEK", 0x0000_0020),
    ("SQL_TSI_MONTH", 0x0000_0040),
    ("SQL_TSI_QUARTER", 0x0000_0080),
    ("SQL_TSI_YEAR", 0x0000_0100),
];

/// The OR of the bits of every name in `names` (case-insensitive).
fn mask(table: &[(&str, u32)], names: &[&str]) -> u32 {
    table
        .iter()
        .filter(|(name, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .fold(0, |acc, (_, bit)| acc | bit)
}

pub fn string_functions() -> u32 {
    mask(STRING_BITS, supported::STRING_FUNCTIONS)
}

pub fn numeric_functions() -> u32 {
    mask(NUMERIC_BITS, supported::NUMERIC_FUNCTIONS)
}

pub fn timedate_functions() -> u32 {
    mask(TIMEDATE_BITS, supported::TIMEDATE_FUNCTIONS)
}

pub fn system_functions() -> u32 {
    mask(SYSTEM_BITS, supported::SYSTEM_FUNCTIONS)
}

/// The intervals TIMESTAMPADD accepts (0 when TIMESTAMPADD is not supported).
pub fn timedate_add_intervals() -> u32 {
    if timedate_functions() & 0x0000_2000 == 0 {
        return 0;
    }
    mask(INTERVAL_BITS, supported::TIMESTAMPADD_INTERVALS)
}

/// The intervals TIMESTAMPDIFF accepts (0 when TIMESTAMPDIFF is not supported).
pub fn timedate_diff_intervals() -> u32 {
    if timedate_functions() & 0x0000_4000 == 0 {
        return 0;
    }
    mask(INTERVAL_BITS, supported::TIMESTAMPDIFF_INTERVALS)
}

/// SQL_CONVERT_FUNCTIONS: CAST always (the planner accepts it), CONVERT
/// when the escape rewriter accepts `{fn CONVERT(value, SQL_type)}`.
pub fn convert_functions() -> u32 {
    let convert = supported::SYSTEM_FUNCTIONS
        .iter()
        .chain(supported::CONVERT_FUNCTIONS)
        .any(|n| n.eq_ignore_ascii_case("CONVERT"));
    super::bits::SQL_FN_CVT_CAST
        | if convert {
            super::bits::SQL_FN_CVT_CONVERT
        } else {
            0
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_supported_name_is_an_odbc_function() {
        // A misspelt name would silently drop its bit.
        for (list, table) in [
            (supported::STRING_FUNCTIONS, STRING_BITS),
            (supported::NUMERIC_FUNCTIONS, NUMERIC_BITS),
            (supported::TIMEDATE_FUNCTIONS, TIMEDATE_BITS),
            (supported::SYSTEM_FUNCTIONS, SYSTEM_BITS),
            (supported::TIMESTAMPADD_INTERVALS, INTERVAL_BITS),
            (supported::TIMESTAMPDIFF_INTERVALS, INTERVAL_BITS),
        ] {
            for name in list {
                assert!(
                    table.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)),
                    "{name} is not an ODBC scalar function of its group"
                );
            }
        }
    }

    #[test]
    fn masks_follow_the_lists() {
        assert_eq!(mask(STRING_BITS, &["ucase", "LCASE"]), 0x1040);
        assert_eq!(mask(NUMERIC_BITS, &[]), 0);
        assert_eq!(mask(TIMEDATE_BITS, &["EXTRACT", "NOW"]), 0x0010_0001);
        assert_eq!(
            mask(STRING_BITS, &["LOCATE"]),
            0x0000_0020 | 0x0001_0000,
            "LOCATE covers both forms"
        );
        assert_ne!(string_functions() & 0x1000, 0, "UCASE is supported");
        assert_eq!(convert_functions() & super::super::bits::SQL_FN_CVT_CAST, 2);
    }
}
