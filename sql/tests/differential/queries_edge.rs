//! The edges where a translation to Kintone's query language goes wrong
//! first: NULLs inside IN lists, empty and whitespace-only literals,
//! sub-minute date-times, COUNT(*) over conditions Kintone can only
//! approximate, LIKE's backslash, quoted names, parameters and MaxRows.

use chrono::{NaiveDate, NaiveTime};
use sql::Param;

use super::harness::{Mode, Query};

fn items(condition: &str) -> Query {
    Query::set(format!("SELECT RecordId FROM Items WHERE {condition}"))
}

pub fn queries() -> Vec<Query> {
    let mut q: Vec<Query> = [
        "Qty IN (1, NULL)",
        "Qty NOT IN (1, NULL)",
        "Title NOT IN ('apple', NULL)",
        "Title IN (NULL)",
        "Qty = NULL",
        "NOT (Qty IN (1, 2))",
        "Title = 'apple '",
        "Title IN ('  ', 'apple')",
        "Title NOT IN ('  ')",
        "Title > ''",
        "Title <> ''",
        "Kind IN ('A', 'Z')",
        "Kind NOT IN ('A', 'Z')",
        "Kind <> ''",
        "Channel NOT IN ('Card', 'Cash')",
        "Day <> {d '2024-01-01'} OR Day IS NULL",
        "Day BETWEEN {d '2024-01-02'} AND {d '2023-12-31'}",
        "Start > {t '09:29:59.999'}",
        "Start <= {t '09:30:00.000001'}",
        "At > {ts '2023-12-31 23:59:00.000001'}",
        "At <= {ts '2024-01-01 00:00:59.999999'}",
        "At < {ts '2024-01-01 00:00:00.5'}",
        "At <> {ts '2024-01-01 00:00:00'} AND At IS NOT NULL",
        "Created = {ts '2024-03-01 00:00:00'}",
        r"Title LIKE 'back\slash'",
        r"Title LIKE '%\%'",
        r"Memo LIKE '%\\%'",
        "Title LIKE '%''%'",
        "Title LIKE '%\"%'",
        "Title LIKE ''",
        "Title LIKE '%'",
        "Qty > -0.5 AND Qty < 0.5",
        "Price = 98765432109.0625 OR Price = -0.0",
        "Price * 16 = CAST(Price * 16 AS BIGINT)",
        "Score = Qty + Qty",
        "RecordId IN (SELECT RecordId FROM Items WHERE Qty > 10) AND Title IS NOT NULL",
        "RecordId = (SELECT MIN(RecordId) FROM Refs)",
        "RecordId BETWEEN 129 AND 500",
        "RecordId < 0",
        "RecordId >= 9223372036854775807",
    ]
    .iter()
    .map(|c| items(c))
    .collect();
    // COUNT(*) must not take Kintone's totalCount of a superset.
    for condition in [
        "Title <> 'apple'",
        "Title = '  '",
        "Day < {d '2024-01-01'}",
        "At <= {ts '2024-01-01 00:00:00'}",
        "Memo IS NULL",
        "Kind <> 'A'",
        "Qty IS NULL OR Qty > 3",
        "Title IS NULL OR Title = '  '",
        "Start < {t '09:30:30'}",
    ] {
        q.push(Query::set(format!(
            "SELECT COUNT(*) FROM Items WHERE {condition}"
        )));
    }
    q.push(Query::pair(
        Mode::Set,
        "SELECT COUNT(*) FROM Items WHERE NOT HAS_ANY(Flags, 'urgent')",
        "SELECT COUNT(*) FROM Items WHERE Flags IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each(Flags) WHERE value = 'urgent')",
    ));
    for sql in [
        "SELECT COUNT(*) FROM Items_Lines WHERE Item = 'bolt'",
        "SELECT COUNT(*) FROM Items_Lines WHERE RecordId < 50",
        "SELECT COUNT(*) FROM Items_Lines WHERE Cost > 0 AND Item <> 'bolt'",
        "SELECT COUNT(*) FROM Big WHERE N < 100",
        "SELECT COUNT(*) FROM Big WHERE N <= 0",
        "SELECT COUNT(*) FROM Big WHERE N <> 7",
        "SELECT COUNT(*) FROM Big WHERE N NOT IN (7, 14)",
        "SELECT COUNT(*) FROM Big WHERE N IS NOT NULL",
        "SELECT COUNT(*) FROM Big WHERE D < {d '2024-02-01'}",
        "SELECT COUNT(*) FROM Big WHERE K <> 'k00042'",
        "SELECT COUNT(*) FROM (SELECT RecordId FROM Big ORDER BY N, RecordId LIMIT 20) t",
        "SELECT COUNT(*) FROM Big WHERE RecordId > 10400 AND G IN ('A', 'B')",
        "SELECT COUNT(RecordId), COUNT(N) FROM Big WHERE RecordId <= 200",
        "SELECT COUNT(*) FROM \"Items\" WHERE \"Title\" = 'apple'",
        "SELECT COUNT(*) FROM [Items] WHERE [Qty] > 0",
        "SELECT \"i\".\"RecordId\" FROM \"Items\" AS \"i\" WHERE \"i\".\"Kind\" = 'B'",
    ] {
        q.push(Query::set(sql));
    }
    for sql in [
        "SELECT RecordId, N FROM Big WHERE N > 500 ORDER BY N DESC, RecordId LIMIT 5 OFFSET 4990",
        "SELECT RecordId, N FROM Big WHERE N IS NULL ORDER BY N, RecordId LIMIT 5",
        "SELECT RecordId, D FROM Big WHERE D >= {d '2024-12-01'} ORDER BY D, RecordId LIMIT 7",
        "SELECT RecordId, Qty FROM Items WHERE Title <> 'apple' ORDER BY Qty, RecordId LIMIT 6",
        "SELECT RecordId, Price FROM Items ORDER BY Price NULLS LAST, RecordId LIMIT 6",
        "SELECT RecordId, At FROM Items ORDER BY At DESC NULLS FIRST, RecordId LIMIT 6",
        "SELECT RecordId, No FROM Items ORDER BY No DESC LIMIT 3",
        "SELECT RecordId, Start FROM Items WHERE Start IS NOT NULL ORDER BY Start DESC, RecordId LIMIT 4",
        "SELECT RecordId, Updated FROM Items ORDER BY Updated, RecordId LIMIT 4 OFFSET 100",
    ] {
        q.push(Query::ordered(sql));
    }
    // Parameters: the same values bound on both sides.
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let params: Vec<(&str, Vec<Param>)> = vec![
        ("Qty > ?", vec![Param::Int(5)]),
        (
            "Qty BETWEEN ? AND ?",
            vec![Param::Int(-3), Param::Double(3.5)],
        ),
        ("Title = ?", vec![Param::Text("O'Brien".into())]),
        ("Title = ?", vec![Param::Text("say \"hi\"".into())]),
        ("Title <> ?", vec![Param::Text("apple".into())]),
        (
            "Title IN (?, ?)",
            vec![
                Param::Text("りんご".into()),
                Param::Text(r"back\slash".into()),
            ],
        ),
        ("Title = ?", vec![Param::Null]),
        ("Day >= ?", vec![Param::Date(date(2024, 1, 1))]),
        ("Day = ?", vec![Param::Date(date(2024, 2, 29))]),
        (
            "At < ?",
            vec![Param::Timestamp(
                date(2024, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            )],
        ),
        (
            "At >= ?",
            vec![Param::Timestamp(
                date(2024, 1, 1).and_hms_opt(0, 0, 30).unwrap(),
            )],
        ),
        (
            "Start >= ?",
            vec![Param::Time(NaiveTime::from_hms_opt(9, 30, 0).unwrap())],
        ),
        (
            "Price = ?",
            vec![Param::Decimal {
                value: 625,
                precision: 5,
                scale: 4,
            }],
        ),
        (
            "Price < ?",
            vec![Param::Decimal {
                value: -500005,
                precision: 10,
                scale: 1,
            }],
        ),
        (
            "RecordId IN (?, ?, ?)",
            vec![Param::Int(1), Param::Int(2), Param::Int(10)],
        ),
        (
            "RecordId = ? OR Kind = ?",
            vec![Param::Int(7), Param::Text("A".into())],
        ),
        ("Kind = ?", vec![Param::Text("日本".into())]),
    ];
    for (condition, values) in params {
        let sql = format!("SELECT RecordId FROM Items WHERE {condition}");
        let text = format!("{sql} -- {values:?}");
        q.push(Query::pair(Mode::Set, text.clone(), sql).with_params(values));
        // The engine's text carries the values as a comment so that each query is distinct.
        let last = q.last_mut().unwrap();
        last.sql = text;
    }
    // MaxRows caps an ordered result like LIMIT.
    for (sql, cap) in [
        ("SELECT RecordId, Qty FROM Items ORDER BY Qty, RecordId", 5),
        ("SELECT RecordId, N FROM Big ORDER BY N DESC, RecordId", 12),
        ("SELECT RecordId FROM Big ORDER BY RecordId", 600),
        (
            "SELECT RecordId, Title FROM Items WHERE Title > 'a' ORDER BY Title, RecordId",
            3,
        ),
    ] {
        q.push(
            Query::pair(
                Mode::Ordered,
                format!("{sql} /* max rows {cap} */"),
                format!("{sql} LIMIT {cap}"),
            )
            .with_max_rows(cap),
        );
    }
    q
}
