//! Every escape clause: how it is rewritten, what is left alone, what is
//! refused; and every function run through DataFusion for its value.

use datafusion::prelude::SessionContext;

use super::*;
use crate::error::Error;

fn rw(sql: &str) -> String {
    rewrite(sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn syntax_error(sql: &str) -> String {
    match rewrite(sql) {
        Err(Error::Syntax(message)) => message,
        other => panic!("{sql}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn text_without_escapes_is_unchanged() {
    for sql in ["SELECT 1", "SELECT a FROM t WHERE b = 'x'", ""] {
        assert_eq!(rw(sql), sql);
    }
}

#[test]
fn date_time_and_timestamp_literals() {
    assert_eq!(rw("SELECT {d '2024-02-29'}"), "SELECT DATE '2024-02-29'");
    assert_eq!(rw("SELECT {D'2024-02-29'}"), "SELECT DATE '2024-02-29'");
    assert_eq!(rw("SELECT {t '23:59:59'}"), "SELECT TIME '23:59:59'");
    assert_eq!(
        rw("x >= { ts '2024-01-01 00:00:00.123' }"),
        "x >= TIMESTAMP '2024-01-01 00:00:00.123'"
    );
    assert!(syntax_error("SELECT {d '2024-02-30'}").contains("yyyy-mm-dd"));
    assert!(syntax_error("SELECT {t '25:00:00'}").contains("hh:mm:ss"));
    assert!(syntax_error("SELECT {ts '2024-01-01'}").contains("hh:mm:ss"));
    assert!(syntax_error("SELECT {d 2024}").contains("quoted literal"));
}

#[test]
fn outer_join_is_unwrapped() {
    assert_eq!(
        rw("SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id} WHERE 1=1"),
        "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id WHERE 1=1"
    );
    assert_eq!(
        rw("SELECT * FROM {OJ a LEFT JOIN {oj b RIGHT JOIN c ON b.x = c.x} ON a.y = b.y}"),
        "SELECT * FROM a LEFT JOIN b RIGHT JOIN c ON b.x = c.x ON a.y = b.y"
    );
    syntax_error("SELECT * FROM {oj }");
}

#[test]
fn like_escape_character() {
    assert_eq!(
        rw(r"SELECT * FROM t WHERE a LIKE 'x\_%' {escape '\'}"),
        r"SELECT * FROM t WHERE a LIKE 'x\_%' ESCAPE '\'"
    );
    // Another escape character is translated inside the literal pattern.
    assert_eq!(
        rw(r"WHERE a LIKE 'a!%b\c' {escape '!'}"),
        r"WHERE a LIKE 'a\%b\\c' ESCAPE '\'"
    );
    assert_eq!(
        rw("WHERE a LIKE 'it''s!_' {escape '!'}"),
        r"WHERE a LIKE 'it''s\_' ESCAPE '\'"
    );
    assert!(matches!(
        rewrite("WHERE a LIKE ? {escape '!'}"),
        Err(Error::Unsupported(_))
    ));
    syntax_error("WHERE a LIKE 'x' {escape '!!'}");
}

#[test]
fn procedure_calls() {
    assert_eq!(rw("{call refresh()}"), "CALL refresh()");
    assert_eq!(rw("{CALL refresh}"), "CALL refresh()");
    assert_eq!(rw("{call p(1, 'a,b', ?)}"), "CALL p(1, 'a,b', ?)");
    assert_eq!(rw("{?= call p(?)}"), "CALL p(?)");
    assert_eq!(
        rw("{ ? = CALL p({d '2024-01-01'})}"),
        "CALL p(DATE '2024-01-01')"
    );
    syntax_error("{call }");
    syntax_error("{call p(1) x}");
    syntax_error("{? call p}");
}

#[test]
fn interval_literals() {
    assert_eq!(rw("{INTERVAL '3' DAY}"), "INTERVAL '3 days'");
    assert_eq!(rw("{interval -'3' hour}"), "INTERVAL '-3 hours'");
    assert_eq!(
        rw("{INTERVAL '1-2' YEAR TO MONTH}"),
        "INTERVAL '1 years 2 months'"
    );
    assert_eq!(
        rw("{INTERVAL '1 02:03:04.5' DAY(2) TO SECOND(1)}"),
        "INTERVAL '1 days 02 hours 03 minutes 04.5 seconds'"
    );
    assert_eq!(
        rw("{INTERVAL '-5:30' MINUTE TO SECOND}"),
        "INTERVAL '-5 minutes -30 seconds'"
    );
    syntax_error("{INTERVAL '1-2' YEAR TO DAY}");
    syntax_error("{INTERVAL '1 2' DAY}");
    syntax_error("{INTERVAL 3 DAY}");
}

#[test]
fn functions_are_mapped_case_insensitively_and_nest() {
    assert_eq!(
        rw("SELECT {fn UCASE(name)} FROM t"),
        "SELECT upper(name) FROM t"
    );
    assert_eq!(rw("SELECT {FN lcase( name )}"), "SELECT lower(name)");
    assert_eq!(
        rw("SELECT {fn CONCAT({fn LEFT(a, 2)}, {fn RIGHT(b, 3)})}"),
        "SELECT (left(a, 2) || right(b, 3))"
    );
    assert_eq!(rw("{fn CURDATE}"), "current_date()");
    assert_eq!(rw("{fn CONVERT(x, SQL_INTEGER)}"), "CAST(x AS INTEGER)");
    assert_eq!(
        rw("{fn convert(x, sql_decimal(10,2))}"),
        "CAST(x AS DECIMAL(10,2))"
    );
    assert_eq!(
        rw("{fn CONVERT(x, SQL_NUMERIC)}"),
        "CAST(x AS DECIMAL(38,10))"
    );
    assert_eq!(rw("{fn IFNULL(a, 'x,y')}"), "coalesce(a, 'x,y')");
    assert_eq!(
        rewrite_with(
            "{fn USER()} {fn DATABASE()}",
            &EscapeContext {
                database: "kin'tone".into(),
                user: "sato".into()
            }
        )
        .unwrap(),
        "'sato' 'kin''tone'"
    );
}

#[test]
fn functions_refused() {
    assert!(syntax_error("{fn SOUNDEX(a)}").contains("SOUNDEX"));
    assert!(syntax_error("{fn LEFT(a)}").contains("2 argument"));
    syntax_error("{fn CONVERT(a, SQL_GUID)}");
    syntax_error("{fn TIMESTAMPADD(SQL_TSI_DECADE, 1, a)}");
    syntax_error("{fn UCASE(a) b}");
    syntax_error("{fn UCASE(a}");
}

#[test]
fn literals_identifiers_and_comments_are_left_alone() {
    let untouched = [
        "SELECT '{fn UCASE(x)}' FROM t",
        "SELECT \"{d\" FROM t",
        "SELECT [a{b}] FROM t",
        "SELECT `{oj}` FROM t",
        "SELECT 1 -- {fn nope}\n",
        "SELECT 1 /* {fn nope} /* nested } */ still comment { */",
        "SELECT 'it''s {' || \"a\"\"{\" FROM t",
    ];
    for sql in untouched {
        assert_eq!(rw(sql), sql);
    }
    assert_eq!(
        rw("SELECT '{', {fn UCASE('}')}, \"}\" FROM t -- }"),
        "SELECT '{', upper('}'), \"}\" FROM t -- }"
    );
    assert_eq!(
        rw("SELECT {fn UCASE('日本{語')} AS 名前"),
        "SELECT upper('日本{語') AS 名前"
    );
}

#[test]
fn unbalanced_and_unknown_escapes() {
    assert!(syntax_error("SELECT {fn UCASE(a)").contains("unterminated"));
    assert!(syntax_error("SELECT a }").contains("without an opening"));
    assert!(syntax_error("SELECT {vendor x}").contains("unknown ODBC escape clause"));
    assert!(syntax_error("SELECT { 1 }").contains("does not start"));
    assert!(syntax_error("SELECT {fn UCASE({d '2024-01-01')}").contains("quoted literal"));
    assert!(syntax_error("SELECT {fn UCASE({d '2024-01-01'})").contains("unterminated"));
}

#[test]
fn the_lists_name_only_accepted_functions() {
    let sample_args = |name: &str| -> &'static str {
        match name {
            "PI" | "RAND" | "CURRENT_DATE" | "CURRENT_TIME" | "CURRENT_TIMESTAMP" | "CURDATE"
            | "CURTIME" | "NOW" | "DATABASE" | "USER" => "",
            "CONCAT" | "LEFT" | "RIGHT" | "REPEAT" | "ATAN2" | "MOD" | "POWER" | "IFNULL"
            | "LOCATE" | "SUBSTRING" => "a, b",
            "REPLACE" => "a, b, c",
            "INSERT" => "a, 1, 2, b",
            "TIMESTAMPADD" | "TIMESTAMPDIFF" => "SQL_TSI_DAY, a, b",
            "POSITION" => "a IN b",
            "EXTRACT" => "YEAR FROM a",
            _ => "a",
        }
    };
    for name in STRING_FUNCTIONS
        .iter()
        .chain(NUMERIC_FUNCTIONS)
        .chain(TIMEDATE_FUNCTIONS)
        .chain(SYSTEM_FUNCTIONS)
    {
        rw(&format!("{{fn {name}({})}}", sample_args(name)));
    }
    for ty in CONVERT_TYPES {
        rw(&format!("{{fn CONVERT(a, {ty})}}"));
    }
    for interval in TIMESTAMP_INTERVALS {
        rw(&format!("{{fn TIMESTAMPADD({interval}, 1, a)}}"));
        rw(&format!("{{fn TIMESTAMPDIFF({interval}, a, b)}}"));
    }
}

/// Runs one rewritten expression through DataFusion; its value as text.
async fn value(ctx: &SessionContext, expr: &str) -> String {
    let sql = match rewrite(&format!("SELECT {expr} AS v")) {
        Ok(sql) => sql,
        Err(e) => return format!("rewrite error: {e}"),
    };
    let batches = match ctx.sql(&sql).await {
        Ok(frame) => frame.collect().await,
        Err(e) => Err(e),
    };
    match batches {
        Ok(batches) => {
            datafusion::arrow::util::display::array_value_to_string(batches[0].column(0), 0)
                .unwrap()
        }
        Err(e) => format!("{sql}: {e}"),
    }
}

#[tokio::test]
async fn every_function_runs_in_datafusion_with_the_odbc_result() {
    let ctx = SessionContext::new();
    let cases: &[(&str, &str)] = &[
        ("{fn ASCII('A')}", "65"),
        ("{fn BIT_LENGTH('ab')}", "16"),
        ("{fn CHAR(66)}", "B"),
        ("{fn CHAR_LENGTH('日本語')}", "3"),
        ("{fn CHARACTER_LENGTH('abc')}", "3"),
        ("{fn CONCAT('ab', 'cd')}", "abcd"),
        ("{fn CONCAT('ab', NULL)} IS NULL", "true"),
        ("{fn INSERT('abcdef', 2, 3, 'XY')}", "aXYef"),
        ("{fn LCASE('AbC')}", "abc"),
        ("{fn LEFT('abcdef', 2)}", "ab"),
        ("{fn LENGTH('ab  ')}", "2"),
        ("{fn LOCATE('b', 'abcabc')}", "2"),
        ("{fn LOCATE('b', 'abcabc', 3)}", "5"),
        ("{fn LOCATE('z', 'abcabc', 3)}", "0"),
        ("{fn LTRIM('  a ')}", "a "),
        ("{fn OCTET_LENGTH('日')}", "3"),
        ("{fn POSITION('c' IN 'abc')}", "3"),
        ("{fn REPEAT('ab', 3)}", "ababab"),
        ("{fn REPLACE('aXbX', 'X', 'y')}", "ayby"),
        ("{fn RIGHT('abcdef', 2)}", "ef"),
        ("{fn RTRIM(' a  ')}", " a"),
        ("{fn SPACE(3)} = '   '", "true"),
        ("{fn SUBSTRING('abcdef', 2, 3)}", "bcd"),
        ("{fn SUBSTRING('abcdef', 4)}", "def"),
        ("{fn UCASE('abc')}", "ABC"),
        ("{fn ABS(-2)}", "2"),
        ("round({fn ACOS(1)}, 6)", "0.0"),
        ("round({fn ASIN(1)}, 6)", "1.570796"),
        ("round({fn ATAN(1)}, 6)", "0.785398"),
        ("round({fn ATAN2(1, 1)}, 6)", "0.785398"),
        ("{fn CEILING(1.2)}", "2.0"),
        ("round({fn COS(0)}, 6)", "1.0"),
        ("round({fn COT(1)}, 6)", "0.642093"),
        ("round({fn DEGREES({fn PI()})}, 6)", "180.0"),
        ("round({fn EXP(1)}, 6)", "2.718282"),
        ("{fn FLOOR(-1.5)}", "-2.0"),
        ("round({fn LOG(10)}, 6)", "2.302585"),
        ("{fn LOG10(1000)}", "3.0"),
        ("{fn MOD(17, 5)}", "2"),
        ("{fn MOD(-17, 5)}", "-2"),
        ("round({fn PI()}, 6)", "3.141593"),
        ("{fn POWER(2, 10)}", "1024.0"),
        ("round({fn RADIANS(180)}, 6)", "3.141593"),
        ("{fn RAND()} < 1", "true"),
        ("{fn RAND(7)} >= 0", "true"),
        ("{fn ROUND(2.567, 2)}", "2.57"),
        ("{fn SIGN(-3)}", "-1"),
        ("{fn SIGN(2.5)}", "1"),
        ("{fn SIGN(0)}", "0"),
        ("round({fn SIN(0)}, 6)", "0.0"),
        ("{fn SQRT(16)}", "4.0"),
        ("round({fn TAN(0)}, 6)", "0.0"),
        ("{fn TRUNCATE(2.567, 1)}", "2.5"),
        ("{fn CURDATE()} = current_date", "true"),
        ("{fn CURRENT_DATE()} = current_date", "true"),
        ("{fn CURTIME()} IS NOT NULL", "true"),
        ("{fn CURRENT_TIME(0)} IS NOT NULL", "true"),
        ("{fn NOW()} IS NOT NULL", "true"),
        ("{fn CURRENT_TIMESTAMP()} IS NOT NULL", "true"),
        ("{fn DAYNAME({d '2024-03-03'})}", "Sunday"),
        ("{fn MONTHNAME({d '2024-03-03'})}", "March"),
        ("{fn DAYOFMONTH({d '2024-03-03'})}", "3"),
        ("{fn DAYOFWEEK({d '2024-03-03'})}", "1"),
        ("{fn DAYOFWEEK({d '2024-03-09'})}", "7"),
        ("{fn DAYOFYEAR({d '2024-03-03'})}", "63"),
        ("{fn EXTRACT(YEAR FROM {d '2024-03-03'})}", "2024"),
        ("{fn HOUR({ts '2024-03-03 13:14:15'})}", "13"),
        ("{fn MINUTE({ts '2024-03-03 13:14:15'})}", "14"),
        ("{fn SECOND({ts '2024-03-03 13:14:15'})}", "15"),
        ("{fn HOUR({t '07:08:09'})}", "7"),
        // The driver's TIME columns are Time64(ns) (SqlType::Time).
        ("arrow_typeof({t '07:08:09'})", "Time64(ns)"),
        ("{t '07:08:09'} = arrow_cast('07:08:09', 'Time64(ns)')", "true"),
        ("{t '07:08:09.5'} > {t '07:08:09'}", "true"),
        ("{fn MONTH({d '2024-03-03'})}", "3"),
        ("{fn QUARTER({d '2024-08-03'})}", "3"),
        ("{fn YEAR({ts '1999-12-31 23:59:59'})}", "1999"),
        // 2023-01-01 is a Sunday: week 1 from it; 2022-01-01 a Saturday.
        ("{fn WEEK({d '2023-01-07'})}", "1"),
        ("{fn WEEK({d '2023-01-08'})}", "2"),
        ("{fn WEEK({d '2022-01-01'})}", "1"),
        ("{fn WEEK({d '2022-01-02'})}", "2"),
        ("{fn WEEK({d '2022-12-31'})}", "53"),
        (
            "{fn TIMESTAMPADD(SQL_TSI_DAY, 2, {ts '2024-02-28 10:00:00'})}",
            "2024-03-01T10:00:00",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_MONTH, 1, {d '2024-01-31'})}",
            "2024-02-29",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_QUARTER, -1, {d '2024-05-15'})}",
            "2024-02-15",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_WEEK, 1, {d '2024-05-15'})}",
            "2024-05-22",
        ),
        (
            "{fn TIMESTAMPADD(HOUR, 3 - 1, {ts '2024-01-01 23:00:00'})}",
            "2024-01-02T01:00:00",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_YEAR, 1, {ts '2024-02-29 00:00:00'})}",
            "2025-02-28T00:00:00",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_SECOND, 61, {ts '2024-01-01 00:00:00'})}",
            "2024-01-01T00:01:01",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_MINUTE, 1, {ts '2024-01-01 00:00:00'})}",
            "2024-01-01T00:01:00",
        ),
        (
            "{fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 1000, {ts '2024-01-01 00:00:00'})}",
            "2024-01-01T00:00:00.000001",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_DAY, {ts '2024-01-01 23:59:00'}, {ts '2024-01-02 00:01:00'})}",
            "1",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_HOUR, {ts '2024-01-01 10:59:59'}, {ts '2024-01-01 08:00:00'})}",
            "-2",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_MINUTE, {ts '2024-01-01 10:00:59'}, {ts '2024-01-01 10:01:00'})}",
            "1",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_SECOND, {ts '2024-01-01 10:00:00.9'}, {ts '2024-01-01 10:00:01'})}",
            "1",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, {ts '2024-01-01 10:00:00.5'}, {ts '2024-01-01 10:00:01'})}",
            "500000000",
        ),
        // 2024-03-02 is a Saturday, 2024-03-03 a Sunday.
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_WEEK, {d '2024-03-02'}, {d '2024-03-03'})}",
            "1",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_WEEK, {d '2024-03-03'}, {d '2024-03-09'})}",
            "0",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, {d '2023-12-31'}, {d '2024-01-01'})}",
            "1",
        ),
        (
            "{fn TIMESTAMPDIFF(SQL_TSI_QUARTER, {d '2023-12-31'}, {d '2024-06-30'})}",
            "2",
        ),
        (
            "{fn TIMESTAMPDIFF(YEAR, {d '2024-12-31'}, {d '2023-01-01'})}",
            "-1",
        ),
        ("{fn DATABASE()}", "kintone"),
        ("{fn USER()} = ''", "true"),
        ("{fn IFNULL(NULL, 'x')}", "x"),
        ("{fn CONVERT('12', SQL_INTEGER)} + 1", "13"),
        ("{fn CONVERT('12', SQL_BIGINT)}", "12"),
        ("{fn CONVERT(12, SQL_VARCHAR)} || 'x'", "12x"),
        ("{fn CONVERT(12, SQL_WVARCHAR)}", "12"),
        ("{fn CONVERT('1.25', SQL_DECIMAL(5,2))}", "1.25"),
        ("{fn CONVERT('1.25', SQL_DOUBLE)}", "1.25"),
        ("{fn CONVERT('1.5', SQL_REAL)}", "1.5"),
        ("{fn CONVERT('7', SQL_SMALLINT)}", "7"),
        ("{fn CONVERT('7', SQL_TINYINT)}", "7"),
        ("{fn CONVERT('true', SQL_BIT)}", "true"),
        ("{fn CONVERT('2024-01-02', SQL_DATE)}", "2024-01-02"),
        ("{fn CONVERT('2024-01-02', SQL_TYPE_DATE)}", "2024-01-02"),
        ("{fn CONVERT('10:11:12', SQL_TIME)}", "10:11:12"),
        (
            "{fn CONVERT('2024-01-02 03:04:05', SQL_TIMESTAMP)}",
            "2024-01-02T03:04:05",
        ),
        ("CAST({fn CONVERT('ab', SQL_VARBINARY)} AS VARCHAR)", "ab"),
        ("CAST({fn CONVERT('ab', SQL_BINARY)} AS VARCHAR)", "ab"),
        ("CAST({fn CONVERT('ab', SQL_LONGVARBINARY)} AS VARCHAR)", "ab"),
        ("{fn CONVERT(1, SQL_CHAR)}", "1"),
        ("{fn CONVERT(1, SQL_WCHAR)}", "1"),
        ("{fn CONVERT(1, SQL_LONGVARCHAR)}", "1"),
        ("{fn CONVERT(1, SQL_WLONGVARCHAR)}", "1"),
        ("{fn CONVERT('2.5', SQL_FLOAT)}", "2.5"),
        ("{fn CONVERT('2.5', SQL_NUMERIC)}", "2.5000000000"),
        ("{fn CONVERT('2.5', SQL_DECIMAL)}", "2.5000000000"),
        ("{fn CONVERT('10:11:12', SQL_TYPE_TIME)}", "10:11:12"),
        (
            "{fn CONVERT('2024-01-02 03:04:05', SQL_TYPE_TIMESTAMP)}",
            "2024-01-02T03:04:05",
        ),
        ("{d '2024-01-02'} + {INTERVAL '3' DAY}", "2024-01-05"),
        (
            "{ts '2024-01-02 00:00:00'} - {INTERVAL '1 01:00' DAY TO MINUTE}",
            "2023-12-31T23:00:00",
        ),
        ("'a_c' LIKE 'a!_c' {escape '!'}", "true"),
        ("'abc' LIKE 'a!_c' {escape '!'}", "false"),
        (r"'a\c' LIKE 'a\c' {escape '!'}", "true"),
        (r"'a%' LIKE 'a\%' {escape '\'}", "true"),
        (r"'ab' LIKE 'a\%' {escape '\'}", "false"),
    ];
    let mut wrong = Vec::new();
    for (expr, expected) in cases {
        let got = value(&ctx, expr).await;
        if got != *expected {
            wrong.push(format!("{expr}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
