//! WHERE coverage: every operator on every column type of `Items` (and
//! its subtable), NULL handling, NOT/AND/OR, and the values that trip a
//! naive translation to Kintone's query language (blanks as the minimum,
//! text `!=` matching blanks, whitespace-only text, token `like`).

use super::harness::{Mode, Query};

/// `SELECT RecordId FROM Items WHERE <condition>` for each condition.
fn items_where(conditions: &[&str]) -> Vec<Query> {
    conditions
        .iter()
        .map(|c| Query::set(format!("SELECT RecordId FROM Items WHERE {c}")))
        .collect()
}

pub fn queries() -> Vec<Query> {
    let mut q = Vec::new();
    // Every column, every value, in RecordId order: the type mapping itself.
    q.push(Query::ordered(
        "SELECT RecordId, Revision, No, Code, Title, Memo, Qty, Price, Score, Day, At, Start, \
         Kind, Channel, Flags, Teams, Owner, Link, Creator, Created, Modifier, Updated \
         FROM Items ORDER BY RecordId",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, Item, Cost, Due FROM Items_Lines ORDER BY RecordId, Item, Cost, Due",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, ItemCode, ItemTitle, Amount FROM Refs ORDER BY RecordId",
    ));
    // RecordId ($id) and RECORD_NUMBER.
    q.extend(items_where(&[
        "RecordId = 5",
        "RecordId = 10",
        "RecordId <> 5",
        "RecordId < 20",
        "RecordId <= 21",
        "RecordId > 100",
        "RecordId >= 101",
        "RecordId IN (1, 2, 3, 10, 999)",
        "RecordId NOT IN (1, 2, 3)",
        "RecordId BETWEEN 5 AND 15",
        "RecordId NOT BETWEEN 5 AND 125",
        "RecordId > 50 AND RecordId < 60",
        "RecordId < 5 OR RecordId > 125",
        "NOT (RecordId > 3)",
        "RecordId = 5.5",
        "No = 7",
        "No >= 120",
        "No IN (11, 12, 13)",
        "Revision = 1",
        "Revision <> 1",
    ]));
    // NUMBER: blanks are NULL (Kintone treats them as the minimum).
    q.extend(items_where(&[
        "Qty = 0",
        "Qty <> 0",
        "Qty < -5",
        "Qty <= -5",
        "Qty > 5",
        "Qty >= 5",
        "Qty < 100",
        "Qty >= -20",
        "Qty IN (1, 2, 3)",
        "Qty NOT IN (1, 2, 3)",
        "Qty BETWEEN -3 AND 3",
        "Qty NOT BETWEEN -3 AND 3",
        "Qty IS NULL",
        "Qty IS NOT NULL",
        "Qty = -20",
        "Qty < 0 OR Qty IS NULL",
        "NOT (Qty > 0)",
        "NOT (Qty IS NULL)",
        "Qty * 2 = Score",
        "Qty + 1 > 3",
        "-Qty > 3",
        "Qty = 2.5",
        "Qty > 2.5",
        "Price < 0",
        "Price > 499.75",
        "Price = 0",
        "Price = 0.0625",
        "Price <> 0",
        "Price BETWEEN 0 AND 1",
        "Price IN (0, 0.0625, 0.125)",
        "Price IS NULL",
        "Price >= 98765432109",
        "Price > 98765432109.5",
        "Price < -99999",
        "Price <= -50000.5",
        "Price > Qty",
        "Score > 10",
        "Score = -40",
        "Score IS NULL",
        "Score <= 0",
        "Qty > 0 AND Price > 100",
        "Qty > 0 OR Price > 100",
        "NOT (Qty > 0 OR Price > 100)",
        "NOT (Qty > 0 AND Price > 100)",
    ]));
    // SINGLE_LINE_TEXT: exact, case-sensitive, byte order; blank -> NULL,
    // whitespace-only text is a value.
    q.extend(items_where(&[
        "Title = 'apple'",
        "Title = 'Apple'",
        "Title <> 'apple'",
        "Title < 'a'",
        "Title > 'Z'",
        "Title >= 'ｱ'",
        "Title <= 'apple'",
        "Title IN ('apple', 'りんご')",
        "Title NOT IN ('apple', 'banana')",
        "Title IS NULL",
        "Title IS NOT NULL",
        "Title = '  '",
        "Title <> '  '",
        "Title = ''",
        "Title = 'O''Brien'",
        "Title = 'say \"hi\"'",
        r"Title = 'back\slash'",
        "Title = 'ｱｯﾌﾟﾙ'",
        "Title = '日本語テキスト'",
        "Title LIKE 'app%'",
        "Title LIKE '%pp%'",
        "Title LIKE 'A%'",
        "Title LIKE '_pple'",
        "Title LIKE 'apple'",
        "Title LIKE '%日本%'",
        "Title NOT LIKE '%e'",
        r"Title LIKE '100\%' {escape '\'}",
        r"Title LIKE '%\_%' {escape '\'}",
        "Title LIKE '% %'",
        "length(Title) > 5",
        "lower(Title) = 'apple'",
        "upper(Title) = 'APPLE'",
        "Title || 'x' = 'applex'",
        "substr(Title, 1, 2) = 'ap'",
        "trim(Title) = ''",
        "coalesce(Title, 'none') = 'none'",
        "NOT (Title = 'apple')",
        "NOT (Title <> 'apple')",
        "Title = 'apple' OR Title IS NULL",
        "Title > 'a' AND Title < 'b'",
        "Title BETWEEN 'A' AND 'Z'",
        "Code = 'I005'",
        "Code > 'I100'",
        "Code IN ('I001', 'I002', 'I999')",
        "Code LIKE 'I01%'",
        "Link IS NULL",
        "Link = 'https://example.com/1'",
        "Link LIKE 'https://%3'",
        "Link <> 'https://example.com/1'",
    ]));
    // MULTI_LINE_TEXT.
    q.extend(items_where(&[
        "Memo IS NULL",
        "Memo IS NOT NULL",
        "Memo = 'line1\nline2'",
        "Memo LIKE '%\n%'",
        "Memo LIKE '%\"%'",
        "Memo = 'plain'",
        "Memo <> 'plain'",
        "Memo LIKE '% '",
    ]));
    // DATE, DATETIME, TIME: midnight UTC and blanks.
    q.extend(items_where(&[
        "Day = {d '2024-01-01'}",
        "Day <> {d '2024-01-01'}",
        "Day < {d '2024-01-01'}",
        "Day <= {d '2024-01-01'}",
        "Day > {d '2024-01-01'}",
        "Day >= {d '2024-01-01'}",
        "Day BETWEEN {d '2023-12-31'} AND {d '2024-01-02'}",
        "Day IN ({d '2024-02-29'}, {d '1999-12-31'})",
        "Day NOT IN ({d '2024-02-29'}, {d '1999-12-31'})",
        "Day IS NULL",
        "Day IS NOT NULL",
        "NOT (Day >= {d '2024-01-01'})",
        "Day < {d '2024-01-01'} OR Day IS NULL",
        "At = {ts '2024-01-01 00:00:00'}",
        "At <> {ts '2024-01-01 00:00:00'}",
        "At < {ts '2024-01-01 00:00:00'}",
        "At <= {ts '2024-01-01 00:00:00'}",
        "At > {ts '2024-01-01 00:00:00'}",
        "At >= {ts '2024-01-01 00:00:00'}",
        "At >= {ts '2024-01-01 00:00:00'} AND At < {ts '2024-01-02 00:00:00'}",
        "At BETWEEN {ts '2023-12-31 23:59:00'} AND {ts '2024-01-01 00:01:00'}",
        "At > {ts '2023-12-31 23:59:30'}",
        "At = {ts '2024-01-01 00:00:30'}",
        "At IS NULL",
        "At IS NOT NULL",
        "NOT (At < {ts '2024-01-01 00:00:00'})",
        "Start = {t '09:30:00'}",
        "Start <> {t '09:30:00'}",
        "Start < {t '12:00:00'}",
        "Start <= {t '12:00:00'}",
        "Start > {t '00:00:00'}",
        "Start >= {t '00:00:00'}",
        "Start < {t '09:30:30'}",
        "Start >= {t '09:30:30'}",
        "Start = {t '09:30:30'}",
        "Start IS NULL",
        "Start BETWEEN {t '09:00:00'} AND {t '12:00:00'}",
        "Created > {ts '2024-03-10 00:00:00'}",
        "Created <= {ts '2024-03-10 09:09:00'}",
        "Updated >= {ts '2024-04-15 00:00:00'}",
        "Updated < {ts '2024-04-02 00:30:00'}",
    ]));
    // Selections, users, lists.
    q.extend(items_where(&[
        "Kind = 'A'",
        "Kind <> 'A'",
        "Kind IN ('A', '日本')",
        "Kind NOT IN ('A')",
        "Kind IS NULL",
        "Kind IS NOT NULL",
        "Kind = 'Z'",
        "Kind <> 'Z'",
        "Kind < 'B'",
        "Kind = 'A' OR Kind IS NULL",
        "NOT (Kind = 'A')",
        "Channel = 'Cash'",
        "Channel <> 'Card'",
        "Channel IN ('Card')",
        "Creator = 'sato'",
        "Creator IN ('sato', 'tanaka')",
        "Creator <> 'sato'",
        "Modifier = 'yamada'",
        "Flags IS NULL",
        "Flags IS NOT NULL",
        "Flags = '[\"receipt\"]'",
        "Flags LIKE '%urgent%'",
        "Teams IS NULL",
        "Teams LIKE '%Dev%'",
        "Owner IS NULL",
        "Owner LIKE '%tanaka%'",
    ]));
    // HAS_ANY is NULL on a blank list (the engine's documented meaning, like
    // any strict SQL function), so NOT HAS_ANY keeps only non-blank lists.
    let json_any = |column: &str, values: &str| {
        format!("EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({values}))")
    };
    for (column, values) in [
        ("Flags", "'urgent'"),
        ("Flags", "'urgent', 'receipt'"),
        ("Teams", "'Ops'"),
    ] {
        q.push(Query::pair(
            Mode::Set,
            format!("SELECT RecordId FROM Items WHERE HAS_ANY({column}, {values})"),
            format!(
                "SELECT RecordId FROM Items WHERE {}",
                json_any(column, values)
            ),
        ));
        q.push(Query::pair(
            Mode::Set,
            format!("SELECT RecordId FROM Items WHERE NOT HAS_ANY({column}, {values})"),
            format!(
                "SELECT RecordId FROM Items WHERE {column} IS NOT NULL AND NOT {}",
                json_any(column, values)
            ),
        ));
    }
    // Plain SQL date/time literals (not ODBC escapes) against the columns.
    for (engine, sqlite) in [
        ("Start = TIME '09:30:00'", "Start = '09:30:00'"),
        ("Start < TIME '12:00:00'", "Start < '12:00:00'"),
        ("Day = DATE '2024-01-01'", "Day = '2024-01-01'"),
        (
            "At >= TIMESTAMP '2024-01-01 00:00:00'",
            "At >= '2024-01-01T00:00:00.000000Z'",
        ),
        ("Day > '2024-01-01'", "Day > '2024-01-01'"),
    ] {
        q.push(Query::pair(
            Mode::Set,
            format!("SELECT RecordId FROM Items WHERE {engine}"),
            format!("SELECT RecordId FROM Items WHERE {sqlite}"),
        ));
    }
    // Subtable rows: any-row semantics must not leak into SQL's per-row rows.
    for c in [
        "Item = 'bolt'",
        "Item <> 'bolt'",
        "Item IN ('bolt', 'ネジ')",
        "Item NOT IN ('bolt')",
        "Item IS NULL",
        "Item IS NOT NULL",
        "Item LIKE 'b%'",
        "Cost > 20",
        "Cost <= 0",
        "Cost IS NULL",
        "Cost BETWEEN 0 AND 10",
        "Due = {d '2024-01-01'}",
        "Due < {d '2024-01-01'}",
        "Due IS NULL",
        "Item = 'bolt' AND Cost > 10",
        "Item = 'bolt' OR Cost > 30",
        "NOT (Cost > 20)",
        "RecordId = 3",
        "RecordId IN (1, 2, 3, 4, 5)",
        "RecordId > 100 AND Cost > 0",
    ] {
        q.push(Query::set(format!(
            "SELECT RecordId, Item, Cost, Due FROM Items_Lines WHERE {c}"
        )));
    }
    // Lookup app.
    for c in [
        "ItemCode = 'I001'",
        "ItemCode IS NULL",
        "ItemTitle = 'apple'",
        "ItemTitle IS NULL",
        "Amount < 0",
        "Amount IS NULL",
        "Amount >= 10 AND ItemCode IS NOT NULL",
    ] {
        q.push(Query::set(format!("SELECT RecordId FROM Refs WHERE {c}")));
    }
    q
}
