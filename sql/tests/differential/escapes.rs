//! ODBC escape clauses through the engine: each rewritten function runs in
//! the engine's SQL dialect, on column values where SQLite has the same
//! function (compared with it) and on literals otherwise (compared with
//! the value the ODBC specification gives).

use super::harness::{Mode, Query};

/// `{fn ...}` over Items' columns against SQLite's own functions.
pub fn queries() -> Vec<Query> {
    let pairs: &[(&str, &str)] = &[
        ("{fn UCASE(Code)}", "upper(Code)"),
        ("{fn LCASE(Code)}", "lower(Code)"),
        ("{fn CONCAT(Code, Title)}", "Code || Title"),
        ("{fn LENGTH(Title)}", "length(rtrim(Title, ' '))"),
        ("{fn CHAR_LENGTH(Title)}", "length(Title)"),
        ("{fn LEFT(Code, 2)}", "substr(Code, 1, 2)"),
        ("{fn RIGHT(Code, 2)}", "substr(Code, -2)"),
        ("{fn SUBSTRING(Title, 2, 3)}", "substr(Title, 2, 3)"),
        ("{fn LTRIM(Title)}", "ltrim(Title, ' ')"),
        ("{fn RTRIM(Memo)}", "rtrim(Memo, ' ')"),
        ("{fn LOCATE('p', Title)}", "instr(Title, 'p')"),
        ("{fn REPLACE(Title, 'p', 'q')}", "replace(Title, 'p', 'q')"),
        ("{fn ASCII(Code)}", "unicode(Code)"),
        ("{fn ABS(Qty)}", "abs(Qty)"),
        ("{fn MOD(RecordId, 7)}", "RecordId % 7"),
        ("{fn SIGN(Qty)}", "sign(Qty)"),
        ("{fn ROUND(Price, 1)}", "round(Price, 1)"),
        (
            "{fn FLOOR(Price)}",
            "CAST(Price AS INTEGER) - (Price < CAST(Price AS INTEGER))",
        ),
        (
            "{fn CEILING(Price)}",
            "CAST(Price AS INTEGER) + (Price > CAST(Price AS INTEGER))",
        ),
        ("{fn POWER(Qty, 2)}", "Qty * Qty"),
        ("{fn IFNULL(Title, 'none')}", "ifnull(Title, 'none')"),
        ("{fn YEAR(Day)}", "CAST(strftime('%Y', Day) AS INTEGER)"),
        ("{fn MONTH(Day)}", "CAST(strftime('%m', Day) AS INTEGER)"),
        (
            "{fn DAYOFMONTH(Day)}",
            "CAST(strftime('%d', Day) AS INTEGER)",
        ),
        (
            "{fn DAYOFWEEK(Day)}",
            "CAST(strftime('%w', Day) AS INTEGER) + 1",
        ),
        (
            "{fn DAYOFYEAR(Day)}",
            "CAST(strftime('%j', Day) AS INTEGER)",
        ),
        ("{fn HOUR(At)}", "CAST(strftime('%H', At) AS INTEGER)"),
        ("{fn MINUTE(At)}", "CAST(strftime('%M', At) AS INTEGER)"),
        ("{fn SECOND(At)}", "CAST(strftime('%S', At) AS INTEGER)"),
        ("{fn HOUR(Start)}", "CAST(strftime('%H', Start) AS INTEGER)"),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_DAY, At, {ts '2024-01-01 00:00:00'})}",
            "CAST(julianday('2024-01-01') - julianday(date(At)) AS INTEGER)",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_DAY, 1, Day)}",
            "date(Day, '+1 day')",
        ),
        ("{fn CONVERT(Qty, SQL_INTEGER)}", "CAST(Qty AS INTEGER)"),
        (
            "{fn CONVERT(RecordId, SQL_VARCHAR)}",
            "CAST(RecordId AS TEXT)",
        ),
    ];
    let mut q: Vec<Query> = pairs
        .iter()
        .map(|(engine, sqlite)| {
            Query::pair(
                Mode::Set,
                format!("SELECT RecordId, {engine} FROM Items"),
                format!("SELECT RecordId, {sqlite} FROM Items"),
            )
        })
        .collect();
    q.push(Query::pair(
        Mode::Set,
        "SELECT RecordId FROM Items WHERE {fn UCASE(Title)} = 'APPLE' AND Day >= {d '2024-01-01'}",
        "SELECT RecordId FROM Items WHERE upper(Title) = 'APPLE' AND Day >= '2024-01-01'",
    ));
    q.push(Query::pair(
        Mode::Set,
        "SELECT RecordId FROM Items WHERE Title LIKE 'a!_%' {escape '!'} OR Title LIKE '%!%' {escape '!'}",
        "SELECT RecordId FROM Items WHERE Title LIKE 'a!_%' ESCAPE '!' OR Title LIKE '%!%' ESCAPE '!'",
    ));
    q
}

/// Literal cases: (expression, the value ODBC specifies), evaluated through
/// the engine on one Items record.
pub const LITERAL_CASES: &[(&str, &str)] = &[
    ("{fn DAYNAME({d '2024-03-03'})}", "Sunday"),
    ("{fn MONTHNAME({d '2024-03-03'})}", "March"),
    ("{fn QUARTER({d '2024-08-03'})}", "3"),
    ("{fn WEEK({d '2022-12-31'})}", "53"),
    ("{fn DAYOFWEEK({d '2024-03-09'})}", "7"),
    ("{fn INSERT('abcdef', 2, 3, 'XY')}", "aXYef"),
    ("{fn LOCATE('b', 'abcabc', 3)}", "5"),
    ("{fn SPACE(2)} || 'x'", "  x"),
    ("{fn REPEAT('ab', 2)}", "abab"),
    ("{fn CHAR(65)}", "A"),
    ("{fn OCTET_LENGTH('日本')}", "6"),
    ("{fn BIT_LENGTH('ab')}", "16"),
    ("{fn POSITION('c' IN 'abc')}", "3"),
    ("{fn TRUNCATE(2.567, 2)}", "2.56"),
    ("{fn LOG10(100)}", "2"),
    ("round({fn LOG(1)}, 3)", "0"),
    ("round({fn PI()}, 4)", "3.1416"),
    ("round({fn DEGREES({fn RADIANS(90)})}, 4)", "90"),
    ("{fn SQRT(9)}", "3"),
    ("round({fn EXP(0)}, 1)", "1"),
    ("round({fn SIN(0)} + {fn COS(0)} + {fn TAN(0)}, 3)", "1"),
    ("round({fn ATAN2(0, 1)} + {fn ASIN(0)} + {fn ACOS(1)} + {fn ATAN(0)}, 3)", "0"),
    ("round({fn COT(1)}, 3)", "0.642"),
    ("{fn RAND()} < 1", "1"),
    ("{fn CURDATE()} = current_date", "1"),
    ("{fn NOW()} IS NOT NULL", "1"),
    ("{fn CURTIME()} IS NOT NULL", "1"),
    ("{fn CURRENT_TIMESTAMP()} IS NOT NULL", "1"),
    ("{fn CURRENT_DATE()} IS NOT NULL", "1"),
    ("{fn CURRENT_TIME()} IS NOT NULL", "1"),
    ("{fn EXTRACT(MONTH FROM {d '2024-03-03'})}", "3"),
    ("{fn YEAR({ts '2024-12-31 23:59:59'})}", "2024"),
    (
        "{fn TIMESTAMPADD(SQL_TSI_MONTH, 1, {d '2024-01-31'})}",
        "2024-02-29",
    ),
    (
        "{fn TIMESTAMPADD(SQL_TSI_HOUR, 1, {ts '2024-01-01 23:30:00'})}",
        "2024-01-02 00:30:00",
    ),
    (
        "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, {d '2023-12-31'}, {d '2024-01-01'})}",
        "1",
    ),
    (
        "{fn TIMESTAMPDIFF(SQL_TSI_MINUTE, {ts '2024-01-01 10:00:59'}, {ts '2024-01-01 10:01:00'})}",
        "1",
    ),
    ("{fn DATABASE()} IS NOT NULL", "1"),
    // The login of the connection (escape::rewrite_with's context).
    ("{fn USER()}", "sato"),
    ("{fn CONVERT('2024-01-02', SQL_DATE)}", "2024-01-02"),
    ("{fn CONVERT('1.25', SQL_DECIMAL(5,2))}", "1.25"),
    ("{fn CONVERT('7', SQL_DOUBLE)} / 2", "3.5"),
    ("{fn CONVERT(1, SQL_BIT)}", "1"),
    ("{d '2024-01-02'} + {INTERVAL '3' DAY}", "2024-01-05"),
    ("{t '10:11:12'}", "10:11:12"),
    ("{ts '2024-01-01 00:00:00'}", "2024-01-01 00:00:00"),
];
