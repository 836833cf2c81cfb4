//! `{fn name(args)}`: each ODBC scalar function mapped to its DataFusion
//! equivalent. The lists are exactly the names accepted (SQLGetInfo's
//! SQL_STRING_FUNCTIONS, SQL_NUMERIC_FUNCTIONS, SQL_TIMEDATE_FUNCTIONS,
//! SQL_SYSTEM_FUNCTIONS, SQL_CONVERT_FUNCTIONS and interval masks are built from them).

use super::scanner::{matching_paren, split_arguments};
use super::{quote_literal, EscapeContext};
use crate::error::{Error, Result};

/// ODBC string functions accepted in `{fn ...}`.
pub const STRING_FUNCTIONS: &[&str] = &[
    "ASCII",
    "BIT_LENGTH",
    "CHAR",
    "CHAR_LENGTH",
    "CHARACTER_LENGTH",
    "CONCAT",
    "INSERT",
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

/// ODBC numeric functions accepted in `{fn ...}`.
pub const NUMERIC_FUNCTIONS: &[&str] = &[
    "ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR",
    "LOG", "LOG10", "MOD", "PI", "POWER", "RADIANS", "RAND", "ROUND", "SIGN", "SIN", "SQRT", "TAN",
    "TRUNCATE",
];

/// ODBC time and date functions accepted in `{fn ...}`.
pub const TIMEDATE_FUNCTIONS: &[&str] = &[
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURDATE",
    "CURTIME",
    "DAYNAME",
    "DAYOFMONTH",
    "DAYOFWEEK",
    "DAYOFYEAR",
    "EXTRACT",
    "HOUR",
    "MINUTE",
    "MONTH",
    "MONTHNAME",
    "NOW",
    "QUARTER",
    "SECOND",
    "TIMESTAMPADD",
    "TIMESTAMPDIFF",
    "WEEK",
    "YEAR",
];

/// ODBC system functions accepted in `{fn ...}`.
pub const SYSTEM_FUNCTIONS: &[&str] = &["DATABASE", "IFNULL", "USER"];

/// Target types of `{fn CONVERT(x, SQL_type)}`.
pub const CONVERT_TYPES: &[&str] = &[
    "SQL_BIGINT",
    "SQL_BINARY",
    "SQL_BIT",
    "SQL_CHAR",
    "SQL_DATE",
    "SQL_DECIMAL",
    "SQL_DOUBLE",
    "SQL_FLOAT",
    "SQL_INTEGER",
    "SQL_LONGVARBINARY",
    "SQL_LONGVARCHAR",
    "SQL_NUMERIC",
    "SQL_REAL",
    "SQL_SMALLINT",
    "SQL_TIME",
    "SQL_TIMESTAMP",
    "SQL_TINYINT",
    "SQL_TYPE_DATE",
    "SQL_TYPE_TIME",
    "SQL_TYPE_TIMESTAMP",
    "SQL_VARBINARY",
    "SQL_VARCHAR",
    "SQL_WCHAR",
    "SQL_WLONGVARCHAR",
    "SQL_WVARCHAR",
];

/// Intervals of TIMESTAMPADD and TIMESTAMPDIFF (the `SQL_TSI_` prefix is optional).
pub const TIMESTAMP_INTERVALS: &[&str] = &[
    "SQL_TSI_FRAC_SECOND",
    "SQL_TSI_SECOND",
    "SQL_TSI_MINUTE",
    "SQL_TSI_HOUR",
    "SQL_TSI_DAY",
    "SQL_TSI_WEEK",
    "SQL_TSI_MONTH",
    "SQL_TSI_QUARTER",
    "SQL_TSI_YEAR",
];

/// The DataFusion type a CONVERT target becomes. DECIMAL without a
/// precision becomes DECIMAL(38,10); `SQL_DECIMAL(p,s)` keeps its own.
fn convert_type(name: &str) -> Option<String> {
    let upper = name.trim().to_ascii_uppercase();
    let (base, precision) = match upper.find('(') {
        Some(i) => (upper[..i].trim(), Some(&upper[i..])),
        None => (upper.as_str(), None),
    };
    let sql = match base {
        "SQL_BIGINT" => "BIGINT",
        "SQL_BIT" => "BOOLEAN",
        "SQL_CHAR" | "SQL_VARCHAR" | "SQL_LONGVARCHAR" | "SQL_WCHAR" | "SQL_WVARCHAR"
        | "SQL_WLONGVARCHAR" => "VARCHAR",
        "SQL_DATE" | "SQL_TYPE_DATE" => "DATE",
        "SQL_DECIMAL" | "SQL_NUMERIC" => {
            return Some(format!("DECIMAL{}", precision.unwrap_or("(38,10)")));
        }
        "SQL_DOUBLE" | "SQL_FLOAT" => "DOUBLE",
        "SQL_REAL" => "REAL",
        "SQL_INTEGER" => "INTEGER",
        "SQL_SMALLINT" => "SMALLINT",
        "SQL_TINYINT" => "TINYINT",
        "SQL_TIME" | "SQL_TYPE_TIME" => "TIME",
        "SQL_TIMESTAMP" | "SQL_TYPE_TIMESTAMP" => "TIMESTAMP",
        "SQL_BINARY" | "SQL_VARBINARY" | "SQL_LONGVARBINARY" => "BYTEA",
        _ => return None,
    };
    precision.is_none().then(|| sql.to_owned())
}

/// An interval name without its optional `SQL_TSI_` prefix, if known.
fn interval_name(text: &str) -> Option<&'static str> {
    let upper = text.trim().to_ascii_uppercase();
    let bare = upper.strip_prefix("SQL_TSI_").unwrap_or(&upper);
    TIMESTAMP_INTERVALS
        .iter()
        .map(|full| &full["SQL_TSI_".len()..])
        .find(|name| *name == bare)
}

fn wrong_arguments(name: &str, expected: &str) -> Error {
    Error::Syntax(format!("{{fn {name}}} takes {expected}"))
}

/// Rewrites the body of `{fn ...}` (already free of nested escapes).
pub(super) fn rewrite_function(body: &str, context: &EscapeContext) -> Result<String> {
    let name_end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let name = body[..name_end].to_ascii_uppercase();
    let rest = body[name_end..].trim_start();
    let raw_args = if rest.is_empty() {
        ""
    } else {
        let close = matching_paren(rest, 0)
            .filter(|_| rest.starts_with('('))
            .ok_or_else(|| Error::Syntax(format!("{{fn {body}}}: expected name(arguments)")))?;
        if !rest[close + 1..].trim().is_empty() {
            return Err(Error::Syntax(format!(
                "{{fn {body}}}: unexpected text after the arguments"
            )));
        }
        rest[1..close].trim()
    };
    let args = split_arguments(raw_args);
    map_function(&name, raw_args, &args, context)
}

fn map_function(
    name: &str,
    raw_args: &str,
    args: &[String],
    context: &EscapeContext,
) -> Result<String> {
    let arity = |count: usize| -> Result<()> {
        if args.len() == count {
            Ok(())
        } else {
            Err(wrong_arguments(name, &format!("{count} argument(s)")))
        }
    };
    let call = |df_name: &str, count: usize| -> Result<String> {
        arity(count)?;
        Ok(format!("{df_name}({})", args.join(", ")))
    };
    let part = |part: &str| -> Result<String> {
        arity(1)?;
        Ok(format!("date_part('{part}', {})", args[0]))
    };
    let a = |i: usize| args[i].as_str();
    Ok(match name {
        // String functions.
        "ASCII" => call("ascii", 1)?,
        "BIT_LENGTH" => call("bit_length", 1)?,
        "CHAR" => call("chr", 1)?,
        "CHAR_LENGTH" | "CHARACTER_LENGTH" => call("character_length", 1)?,
        "CONCAT" => {
            arity(2)?;
            format!("({} || {})", a(0), a(1))
        }
        "INSERT" => {
            arity(4)?;
            format!("overlay({}, {}, {}, {})", a(0), a(3), a(1), a(2))
        }
        "LCASE" => call("lower", 1)?,
        "UCASE" => call("upper", 1)?,
        "LEFT" => call("left", 2)?,
        "RIGHT" => call("right", 2)?,
        // ODBC LENGTH excludes trailing blanks.
        "LENGTH" => {
            arity(1)?;
            format!("character_length(rtrim({}))", a(0))
        }
        "LOCATE" => locate(name, args)?,
        "LTRIM" => call("ltrim", 1)?,
        "RTRIM" => call("rtrim", 1)?,
        "OCTET_LENGTH" => call("octet_length", 1)?,
        "POSITION" => {
            if raw_args.is_empty() {
                return Err(wrong_arguments(name, "'needle IN haystack'"));
            }
            format!("position({raw_args})")
        }
        "REPEAT" => call("repeat", 2)?,
        "REPLACE" => call("replace", 3)?,
        "SPACE" => {
            arity(1)?;
            format!("repeat(' ', {})", a(0))
        }
        "SUBSTRING" => {
            if !(2..=3).contains(&args.len()) {
                return Err(wrong_arguments(name, "2 or 3 arguments"));
            }
            format!("substr({})", args.join(", "))
        }
        // Numeric functions.
        "ABS" => call("abs", 1)?,
        "ACOS" => call("acos", 1)?,
        "ASIN" => call("asin", 1)?,
        "ATAN" => call("atan", 1)?,
        "ATAN2" => call("atan2", 2)?,
        "CEILING" => call("ceil", 1)?,
        "COS" => call("cos", 1)?,
        "COT" => call("cot", 1)?,
        "DEGREES" => call("degrees", 1)?,
        "EXP" => call("exp", 1)?,
        "FLOOR" => call("floor", 1)?,
        // ODBC LOG is the natural logarithm (DataFusion's log is base 10).
        "LOG" => call("ln", 1)?,
        "LOG10" => call("log10", 1)?,
        "MOD" => {
            arity(2)?;
            format!("({} % {})", a(0), a(1))
        }
        "PI" => call("pi", 0)?,
        "POWER" => call("power", 2)?,
        "RADIANS" => call("radians", 1)?,
        // The seed cannot be honoured: DataFusion's random() takes none.
        "RAND" => {
            if args.len() > 1 {
                return Err(wrong_arguments(name, "0 or 1 argument"));
            }
            "random()".to_owned()
        }
        "ROUND" | "TRUNCATE" => {
            if !(1..=2).contains(&args.len()) {
                return Err(wrong_arguments(name, "1 or 2 arguments"));
            }
            let df = if name == "ROUND" { "round" } else { "trunc" };
            format!("{df}({})", args.join(", "))
        }
        // ODBC's SIGN is -1, 0 or 1 as an integer (signum gives a float).
        "SIGN" => {
            arity(1)?;
            format!("CAST(signum({}) AS INTEGER)", a(0))
        }
        "SIN" => call("sin", 1)?,
        "SQRT" => call("sqrt", 1)?,
        "TAN" => call("tan", 1)?,
        // Time and date functions.
        "CURRENT_DATE" | "CURDATE" => call("current_date", 0)?,
        "CURRENT_TIME" | "CURTIME" => {
            optional_precision(name, args)?;
            "current_time()".to_owned()
        }
        "CURRENT_TIMESTAMP" | "NOW" => {
            optional_precision(name, args)?;
            "now()".to_owned()
        }
        "DAYNAME" => {
            arity(1)?;
            format!("to_char({}, '%A')", a(0))
        }
        "MONTHNAME" => {
            arity(1)?;
            format!("to_char({}, '%B')", a(0))
        }
        "DAYOFMONTH" => part("day")?,
        // ODBC: 1 = Sunday; DataFusion's dow: 0 = Sunday.
        "DAYOFWEEK" => {
            arity(1)?;
            format!("(date_part('dow', {}) + 1)", a(0))
        }
        "DAYOFYEAR" => part("doy")?,
        "HOUR" => part("hour")?,
        "MINUTE" => part("minute")?,
        "SECOND" => part("second")?,
        "MONTH" => part("month")?,
        "QUARTER" => part("quarter")?,
        "YEAR" => part("year")?,
        "WEEK" => {
            arity(1)?;
            week(a(0))
        }
        "EXTRACT" => {
            if raw_args.is_empty() {
                return Err(wrong_arguments(name, "'field FROM value'"));
            }
            format!("extract({raw_args})")
        }
        "TIMESTAMPADD" => {
            arity(3)?;
            timestamp_add(a(0), a(1), a(2))?
        }
        "TIMESTAMPDIFF" => {
            arity(3)?;
            timestamp_diff(a(0), a(1), a(2))?
        }
        // System functions.
        "DATABASE" => {
            arity(0)?;
            quote_literal(&context.database)
        }
        "USER" => {
            arity(0)?;
            quote_literal(&context.user)
        }
        "IFNULL" => call("coalesce", 2)?,
        "CONVERT" => {
            arity(2)?;
            let target = convert_type(a(1)).ok_or_else(|| {
                Error::Syntax(format!("{{fn CONVERT}}: unsupported target type {}", a(1)))
            })?;
            format!("CAST({} AS {target})", a(0))
        }
        _ => {
            return Err(Error::Syntax(format!(
                "unsupported ODBC scalar function {{fn {name}(...)}}"
            )))
        }
    })
}

fn optional_precision(name: &str, args: &[String]) -> Result<()> {
    match args {
        [] => Ok(()),
        [p] if p.parse::<u8>().is_ok() => Ok(()),
        _ => Err(wrong_arguments(name, "an optional precision")),
    }
}

/// LOCATE(needle, haystack[, start]): 1-based position, 0 when absent.
fn locate(name: &str, args: &[String]) -> Result<String> {
    match args {
        [needle, haystack] => Ok(format!("strpos({haystack}, {needle})")),
        [needle, haystack, start] => {
            let found = format!("strpos(substr({haystack}, {start}), {needle})");
            Ok(format!(
                "(CASE WHEN {found} = 0 THEN 0 ELSE {found} + {start} - 1 END)"
            ))
        }
        _ => Err(wrong_arguments(name, "2 or 3 arguments")),
    }
}

/// WEEK: week of the year 1..53, weeks starting on Sunday, the week holding
/// January 1st being week 1 (as SQL Server's ODBC driver computes it).
fn week(x: &str) -> String {
    let doy = format!("date_part('doy', {x})");
    let dow = format!("date_part('dow', {x})");
    // Weekday of January 1st (0 = Sunday).
    let jan1 = format!("((({dow} - {doy} + 1) % 7 + 7) % 7)");
    format!("(({doy} - 1 + {jan1}) / 7 + 1)")
}

/// TIMESTAMPADD(interval, count, ts).
fn timestamp_add(interval: &str, count: &str, ts: &str) -> Result<String> {
    let unit = interval_name(interval)
        .ok_or_else(|| Error::Syntax(format!("TIMESTAMPADD: unknown interval {interval}")))?;
    let (factor, df_unit) = match unit {
        "FRAC_SECOND" => (1, "nanoseconds"),
        "SECOND" => (1, "seconds"),
        "MINUTE" => (1, "minutes"),
        "HOUR" => (1, "hours"),
        "DAY" => (1, "days"),
        "WEEK" => (7, "days"),
        "MONTH" => (1, "months"),
        "QUARTER" => (3, "months"),
        _ => (1, "years"),
    };
    let interval = match count.parse::<i64>() {
        Ok(n) => format!("INTERVAL '{} {df_unit}'", n.saturating_mul(factor)),
        Err(_) => format!(
            "CAST(concat(CAST(CAST({count} AS BIGINT) * {factor} AS VARCHAR), ' {df_unit}') AS INTERVAL)"
        ),
    };
    Ok(format!("({ts} + {interval})"))
}

/// TIMESTAMPDIFF(interval, t1, t2): how many interval boundaries lie
/// between t1 and t2 (negative when t2 is earlier), in UTC.
fn timestamp_diff(interval: &str, t1: &str, t2: &str) -> Result<String> {
    let unit = interval_name(interval)
        .ok_or_else(|| Error::Syntax(format!("TIMESTAMPDIFF: unknown interval {interval}")))?;
    let epoch = |t: &str| format!("date_part('epoch', {t})");
    let boundaries = |seconds: u32| {
        format!(
            "CAST(floor({} / {seconds}) - floor({} / {seconds}) AS BIGINT)",
            epoch(t2),
            epoch(t1)
        )
    };
    let calendar = |per_year: u32, part: &str| {
        format!(
            "((date_part('year', {t2}) * {per_year} + date_part('{part}', {t2})) - (date_part('year', {t1}) * {per_year} + date_part('{part}', {t1})))"
        )
    };
    Ok(match unit {
        // Timestamps hold microseconds: epoch * 1e6 is exact once rounded.
        "FRAC_SECOND" => format!(
            "(CAST(round({} * 1000000) AS BIGINT) - CAST(round({} * 1000000) AS BIGINT)) * 1000",
            epoch(t2),
            epoch(t1)
        ),
        "SECOND" => boundaries(1),
        "MINUTE" => boundaries(60),
        "HOUR" => boundaries(3600),
        "DAY" => boundaries(86400),
        // Weeks start on Sunday; 1970-01-01 was a Thursday (4 days after one).
        "WEEK" => format!(
            "CAST(floor(({} / 86400 + 4) / 7) - floor(({} / 86400 + 4) / 7) AS BIGINT)",
            epoch(t2),
            epoch(t1)
        ),
        "MONTH" => calendar(12, "month"),
        "QUARTER" => calendar(4, "quarter"),
        _ => format!("(date_part('year', {t2}) - date_part('year', {t1}))"),
    })
}
