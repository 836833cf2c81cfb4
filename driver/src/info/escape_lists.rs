//! The `{fn ...}` scalar functions the SQL layer's escape rewriter accepts,
//! by ODBC name. SQLGetInfo's function masks are computed from these lists
//! (see `scalar_functions`).
//!
//! Provisional: these mirror the functions DataFusion can evaluate for each
//! ODBC escape. When the escape rewriter (`sql::escape`, branch `sql-proof`)
//! exports its own lists, these constants become re-exports of them.

pub const STRING_FUNCTIONS: &[&str] = &[
    "ASCII",
    "BIT_LENGTH",
    "CHAR",
    "CHAR_LENGTH",
    "CHARACTER_LENGTH",
    "CONCAT",
    "LCASE",
    "LEFT",
    "LENGTH",
    "LOCATE",
    "LTRIM",
    "OCTET_LENGTH",
    "POSITION",
    "REPEAT",
    "REPLACE",
    "RIGHT",
    "RTRIM",
    "SPACE",
    "SUBSTRING",
    "UCASE",
];

pub const NUMERIC_FUNCTIONS: &[&str] = &[
    "ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR",
    "LOG", "LOG10", "MOD", "PI", "POWER", "RADIANS", "RAND", "ROUND", "SIGN", "SIN", "SQRT", "TAN",
    "TRUNCATE",
];

pub const TIMEDATE_FUNCTIONS: &[&str] = &[
    "CURDATE",
    "CURTIME",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "DAYOFMONTH",
    "DAYOFWEEK",
    "DAYOFYEAR",
    "EXTRACT",
    "HOUR",
    "MINUTE",
    "MONTH",
    "NOW",
    "QUARTER",
    "SECOND",
    "WEEK",
    "YEAR",
];

pub const SYSTEM_FUNCTIONS: &[&str] = &["DATABASE", "IFNULL", "USER"];

/// `{fn CONVERT(value, SQL_type)}`: not provisioned until the rewriter has it.
pub const CONVERT_FUNCTIONS: &[&str] = &[];

pub const TIMESTAMPADD_INTERVALS: &[&str] = &[];
pub const TIMESTAMPDIFF_INTERVALS: &[&str] = &[];
