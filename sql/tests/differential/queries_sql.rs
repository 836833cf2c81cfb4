//! Ordering, LIMIT/OFFSET, aggregates, joins, subqueries, CTEs, set
//! operations, CASE, window functions, and one query per pushdown rule
//! (RecordId filters, COUNT(*), ORDER BY + LIMIT) on the 10,500-row app.

use super::harness::Query;

pub fn queries() -> Vec<Query> {
    let mut q = Vec::new();
    ordering(&mut q);
    aggregates(&mut q);
    joins(&mut q);
    composition(&mut q);
    big(&mut q);
    q
}

fn ordering(q: &mut Vec<Query>) {
    // Total orders: every sortable column, both directions, RecordId last.
    for key in [
        "Qty", "Price", "Score", "Day", "At", "Start", "Title", "Code", "Kind", "Channel",
        "Creator", "Created", "Updated", "Link", "Memo", "No",
    ] {
        for direction in ["ASC", "DESC"] {
            q.push(Query::ordered(format!(
                "SELECT {key}, RecordId FROM Items ORDER BY {key} {direction}, RecordId"
            )));
        }
    }
    for key in ["Qty", "Day", "At", "Title", "Start"] {
        for nulls in [
            "ASC NULLS FIRST",
            "ASC NULLS LAST",
            "DESC NULLS FIRST",
            "DESC NULLS LAST",
        ] {
            q.push(Query::ordered(format!(
                "SELECT {key}, RecordId FROM Items ORDER BY {key} {nulls}, RecordId DESC"
            )));
        }
    }
    // Ties: only the keys' sequence is fixed.
    q.push(Query::keys(
        1,
        "SELECT Qty, RecordId FROM Items ORDER BY Qty",
    ));
    q.push(Query::keys(
        1,
        "SELECT Title, RecordId FROM Items ORDER BY Title DESC",
    ));
    q.push(Query::keys(
        2,
        "SELECT Kind, Channel, RecordId FROM Items ORDER BY Kind, Channel DESC",
    ));
    q.push(Query::keys(1, "SELECT Day, Title FROM Items ORDER BY Day"));
    q.push(Query::ordered(
        "SELECT RecordId FROM Items ORDER BY RecordId DESC",
    ));
    q.push(Query::ordered(
        "SELECT Title, Qty, RecordId FROM Items ORDER BY Qty DESC, Title, RecordId",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, Qty FROM Items ORDER BY Qty * -1, RecordId",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, Item, Cost FROM Items_Lines ORDER BY Cost DESC, RecordId, Item",
    ));
    // LIMIT / OFFSET over total orders.
    for (order, limit) in [
        ("Qty, RecordId", "LIMIT 10"),
        ("Qty, RecordId", "LIMIT 10 OFFSET 5"),
        ("Qty DESC, RecordId", "LIMIT 3"),
        ("Price DESC NULLS LAST, RecordId", "LIMIT 7 OFFSET 3"),
        ("Day, RecordId", "LIMIT 12"),
        ("At DESC, RecordId", "LIMIT 4"),
        ("Start, RecordId DESC", "LIMIT 6"),
        ("Title, RecordId", "LIMIT 15 OFFSET 20"),
        ("RecordId", "LIMIT 5"),
        ("RecordId DESC", "LIMIT 5 OFFSET 2"),
        ("RecordId", "LIMIT 0"),
        ("RecordId", "LIMIT 500 OFFSET 100"),
        ("Created DESC, RecordId", "LIMIT 8"),
    ] {
        q.push(Query::ordered(format!(
            "SELECT RecordId, Qty, Price, Day, At, Title FROM Items ORDER BY {order} {limit}"
        )));
    }
    q.push(Query::ordered(
        "SELECT RecordId, Qty FROM Items WHERE Qty > 0 ORDER BY Qty, RecordId LIMIT 5",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, Day FROM Items WHERE Day >= {d '2024-01-01'} ORDER BY Day DESC, RecordId LIMIT 5",
    ));
    q.push(Query::ordered(
        "SELECT RecordId, Title FROM Items WHERE Title LIKE '%a%' ORDER BY RecordId LIMIT 5",
    ));
}

fn aggregates(q: &mut Vec<Query>) {
    for sql in [
        "SELECT COUNT(*) FROM Items",
        "SELECT COUNT(*) FROM Items WHERE Qty > 0",
        "SELECT COUNT(*) FROM Items WHERE Title = 'apple'",
        "SELECT COUNT(*) FROM Items WHERE Title IS NULL",
        "SELECT COUNT(*) FROM Items WHERE Title LIKE '%p%'",
        "SELECT COUNT(*) FROM Items WHERE RecordId BETWEEN 10 AND 50",
        "SELECT COUNT(*) FROM Items_Lines",
        "SELECT COUNT(*) FROM Items_Lines WHERE Cost > 0",
        "SELECT COUNT(Qty), COUNT(Title), COUNT(Day), COUNT(At), COUNT(Flags) FROM Items",
        "SELECT SUM(Qty), MIN(Qty), MAX(Qty), AVG(Qty) FROM Items",
        "SELECT SUM(Price), MIN(Price), MAX(Price) FROM Items",
        "SELECT SUM(Score), MAX(Score) FROM Items WHERE Kind = 'A'",
        "SELECT MIN(Title), MAX(Title) FROM Items",
        "SELECT MIN(Day), MAX(Day), MIN(At), MAX(At), MIN(Start), MAX(Start) FROM Items",
        "SELECT COUNT(DISTINCT Title), COUNT(DISTINCT Qty), COUNT(DISTINCT Kind) FROM Items",
        "SELECT Kind, COUNT(*) FROM Items GROUP BY Kind",
        "SELECT Kind, SUM(Qty), MIN(Price), MAX(Day) FROM Items GROUP BY Kind",
        "SELECT Channel, Kind, COUNT(*), SUM(Score) FROM Items GROUP BY Channel, Kind",
        "SELECT Title, COUNT(*) FROM Items GROUP BY Title HAVING COUNT(*) > 1",
        "SELECT Title, COUNT(*) FROM Items GROUP BY Title HAVING COUNT(*) > 1 AND Title IS NOT NULL",
        "SELECT Qty, COUNT(*) FROM Items GROUP BY Qty HAVING SUM(Price) > 1000",
        "SELECT Day, COUNT(*) FROM Items GROUP BY Day",
        "SELECT At, COUNT(*) FROM Items GROUP BY At",
        "SELECT Creator, COUNT(*), MIN(Created) FROM Items GROUP BY Creator",
        "SELECT Flags, COUNT(*) FROM Items GROUP BY Flags",
        "SELECT RecordId, COUNT(*), SUM(Cost) FROM Items_Lines GROUP BY RecordId",
        "SELECT Item, COUNT(*), MIN(Cost), MAX(Due) FROM Items_Lines GROUP BY Item",
        "SELECT COUNT(*) FROM Items WHERE Qty IS NULL AND Price IS NULL",
        "SELECT SUM(CASE WHEN Qty > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN Qty IS NULL THEN 1 ELSE 0 END) FROM Items",
        "SELECT Kind, AVG(Price) FROM Items WHERE Price IS NOT NULL GROUP BY Kind",
        "SELECT DISTINCT Kind FROM Items",
        "SELECT DISTINCT Title FROM Items",
        "SELECT DISTINCT Kind, Channel FROM Items",
        "SELECT DISTINCT Day FROM Items WHERE Day IS NOT NULL",
        "SELECT DISTINCT Item FROM Items_Lines",
        "SELECT ItemCode, SUM(Amount) FROM Refs GROUP BY ItemCode",
        "SELECT COUNT(*) FROM Refs WHERE ItemTitle IS NULL",
    ] {
        q.push(Query::set(sql));
    }
    q.push(Query::ordered(
        "SELECT Kind, COUNT(*) AS n FROM Items GROUP BY Kind ORDER BY n DESC, Kind NULLS FIRST",
    ));
    q.push(Query::ordered(
        "SELECT Title, COUNT(*) AS n FROM Items GROUP BY Title ORDER BY Title LIMIT 5",
    ));
}

fn joins(q: &mut Vec<Query>) {
    for sql in [
        "SELECT i.RecordId, i.Title, l.Item, l.Cost FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId",
        "SELECT i.RecordId, l.Item FROM Items i LEFT JOIN Items_Lines l ON l.RecordId = i.RecordId",
        "SELECT i.RecordId FROM Items i LEFT JOIN Items_Lines l ON l.RecordId = i.RecordId WHERE l.RecordId IS NULL",
        "SELECT i.RecordId, COUNT(l.RecordId) FROM Items i LEFT JOIN Items_Lines l ON l.RecordId = i.RecordId GROUP BY i.RecordId",
        "SELECT i.Kind, SUM(l.Cost) FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId GROUP BY i.Kind",
        "SELECT i.RecordId, l.Cost FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId WHERE i.Qty > 0 AND l.Cost > 10",
        "SELECT i.RecordId, l.Item FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId WHERE l.Item = 'bolt' AND i.Kind = 'A'",
        "SELECT i.RecordId, l.Due FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId AND l.Due = i.Day",
        "SELECT r.RecordId, i.RecordId, i.Title FROM Refs r JOIN Items i ON i.Code = r.ItemCode",
        "SELECT r.RecordId, i.Qty FROM Refs r LEFT JOIN Items i ON i.Code = r.ItemCode",
        "SELECT i.Code, COUNT(r.RecordId) FROM Items i LEFT JOIN Refs r ON r.ItemCode = i.Code GROUP BY i.Code",
        "SELECT r.RecordId FROM Refs r JOIN Items i ON i.Code = r.ItemCode WHERE (r.ItemTitle = i.Title) IS NOT TRUE",
        "SELECT r.RecordId, i.RecordId FROM Refs r RIGHT JOIN Items i ON i.Code = r.ItemCode WHERE i.RecordId < 30",
        "SELECT r.RecordId, i.RecordId FROM Refs r FULL OUTER JOIN Items i ON i.Code = r.ItemCode",
        "SELECT a.RecordId, b.RecordId FROM Items a JOIN Items b ON a.Title = b.Title AND a.RecordId < b.RecordId",
        "SELECT a.RecordId, b.RecordId FROM Items a JOIN Items b ON a.Day = b.Day AND a.At = b.At AND a.RecordId <> b.RecordId",
        "SELECT a.RecordId, b.RecordId FROM Items a JOIN Items b ON b.RecordId = a.RecordId + 1 WHERE a.Qty < b.Qty",
        "SELECT a.RecordId, b.K FROM Items a JOIN Big b ON b.RecordId = a.RecordId",
        "SELECT a.RecordId, b.N FROM Items a JOIN Big b ON b.RecordId = a.RecordId WHERE a.Qty > 0",
        // Joins on RecordId whose probe side may be read as `$id in (...)` batches.
        "SELECT a.RecordId, b.K FROM Items a JOIN Big b ON b.RecordId = a.RecordId WHERE a.Kind = 'B'",
        "SELECT a.RecordId, b.K FROM Items a LEFT JOIN Big b ON b.RecordId = a.RecordId AND b.N > 500",
        "SELECT a.RecordId, b.RecordId FROM Items a RIGHT JOIN Big b ON b.RecordId = a.RecordId WHERE b.RecordId <= 300",
        "SELECT a.RecordId, b.RecordId FROM (SELECT * FROM Items WHERE Qty > 0) a FULL JOIN Big b ON b.RecordId = a.RecordId WHERE b.RecordId IS NULL OR b.RecordId <= 150",
        "SELECT b.RecordId FROM Big b WHERE b.RecordId IN (SELECT RecordId FROM Items WHERE Kind = 'A')",
        "SELECT b.RecordId FROM Big b WHERE b.RecordId <= 200 AND b.RecordId NOT IN (SELECT RecordId FROM Items)",
        "SELECT i.RecordId, b.K, l.Item FROM Items i JOIN Big b ON b.RecordId = i.RecordId JOIN Items_Lines l ON l.RecordId = b.RecordId",
        "SELECT a.RecordId, b.K FROM Items a JOIN Big b ON b.RecordId = a.RecordId + 100 WHERE a.Kind = 'A'",
        "WITH RECURSIVE r(id, depth) AS (SELECT RecordId, 0 FROM Items WHERE RecordId <= 2 UNION ALL SELECT b.RecordId, r.depth + 1 FROM r JOIN Big b ON b.RecordId = r.id + 7 WHERE r.depth < 4) SELECT id, depth FROM r",
        "SELECT a.RecordId, b.RecordId FROM Items a CROSS JOIN Refs b WHERE a.RecordId < 4 AND b.RecordId < 4",
        "SELECT i.RecordId FROM Items i WHERE i.RecordId IN (SELECT RecordId FROM Items_Lines WHERE Item = 'ネジ')",
        "SELECT i.RecordId FROM Items i WHERE i.RecordId NOT IN (SELECT RecordId FROM Items_Lines)",
        "SELECT i.RecordId FROM Items i WHERE EXISTS (SELECT 1 FROM Items_Lines l WHERE l.RecordId = i.RecordId AND l.Cost > 30)",
        "SELECT i.RecordId FROM Items i WHERE NOT EXISTS (SELECT 1 FROM Items_Lines l WHERE l.RecordId = i.RecordId AND l.Cost IS NULL)",
        "SELECT i.RecordId FROM Items i {oj LEFT OUTER JOIN Items_Lines l ON l.RecordId = i.RecordId} WHERE l.Cost IS NULL",
    ] {
        q.push(translate_oj(sql));
    }
}

/// The `{oj}` escape is rewritten by the engine; SQLite reads the plain join.
fn translate_oj(sql: &str) -> Query {
    if let Some(start) = sql.find("{oj ") {
        let end = sql.rfind('}').unwrap();
        let plain = format!(
            "{}{}{}",
            &sql[..start],
            &sql[start + 4..end],
            &sql[end + 1..]
        );
        return Query::pair(super::harness::Mode::Set, sql, plain);
    }
    Query::set(sql)
}

fn composition(q: &mut Vec<Query>) {
    for sql in [
        "SELECT RecordId FROM Items WHERE Qty = (SELECT MAX(Qty) FROM Items)",
        "SELECT RecordId FROM Items WHERE Price > (SELECT AVG(Price) FROM Items WHERE Price < 100000)",
        "SELECT RecordId, (SELECT COUNT(*) FROM Items_Lines l WHERE l.RecordId = i.RecordId) FROM Items i",
        "SELECT k, n FROM (SELECT Kind AS k, COUNT(*) AS n FROM Items GROUP BY Kind) t WHERE n > 5",
        "WITH pos AS (SELECT RecordId, Qty FROM Items WHERE Qty > 0) SELECT COUNT(*), SUM(Qty) FROM pos",
        "WITH t AS (SELECT Title, COUNT(*) AS n FROM Items GROUP BY Title) SELECT Title FROM t WHERE n = (SELECT MAX(n) FROM t)",
        "WITH a AS (SELECT RecordId FROM Items WHERE Kind = 'A'), b AS (SELECT RecordId FROM Items_Lines) SELECT a.RecordId FROM a JOIN b ON a.RecordId = b.RecordId",
        "SELECT Title FROM Items WHERE Kind = 'A' UNION SELECT Title FROM Items WHERE Kind = 'B'",
        "SELECT Title FROM Items WHERE Kind = 'A' UNION ALL SELECT Title FROM Items WHERE Kind = 'B'",
        "SELECT Code FROM Items INTERSECT SELECT ItemCode FROM Refs",
        "SELECT Code FROM Items EXCEPT SELECT ItemCode FROM Refs",
        "SELECT Day FROM Items UNION SELECT Due FROM Items_Lines",
        "SELECT RecordId, CASE WHEN Qty > 0 THEN 'pos' WHEN Qty < 0 THEN 'neg' WHEN Qty = 0 THEN 'zero' ELSE 'blank' END FROM Items",
        "SELECT RecordId, CASE Kind WHEN 'A' THEN 1 WHEN 'B' THEN 2 END FROM Items",
        "SELECT RecordId, CASE WHEN Title IS NULL THEN Code ELSE Title END FROM Items",
        "SELECT RecordId, coalesce(Qty, Score, -1), nullif(Kind, 'A') FROM Items",
        "SELECT RecordId, Qty + Score, Qty - 1, Qty * 3, Price * 2 FROM Items",
        "SELECT RecordId, abs(Qty), round(Price), -Price FROM Items",
        "SELECT RecordId, length(Title), substr(Code, 2), replace(Title, 'p', 'P'), Title || '/' || Code FROM Items",
        "SELECT RecordId, trim(Title), ltrim(Title), rtrim(Memo) FROM Items",
        "SELECT RecordId, Qty > 0, Title = 'apple', Day IS NULL FROM Items",
        "SELECT RecordId, CAST(Qty AS BIGINT), CAST(RecordId AS VARCHAR) FROM Items",
        "SELECT RecordId, Qty / 4 FROM Items WHERE Qty IS NOT NULL",
        "SELECT RecordId, RecordId % 7, RecordId / 7 FROM Items",
        "SELECT RecordId, Day = Due FROM Items JOIN Items_Lines USING (RecordId)",
        "SELECT Title, MAX(RecordId) FROM Items WHERE Title IN (SELECT ItemTitle FROM Refs) GROUP BY Title",
        "SELECT DISTINCT i.Kind FROM Items i JOIN Refs r ON r.ItemCode = i.Code",
        "SELECT x.Title FROM (SELECT Title, Qty FROM Items WHERE Qty > 10) x WHERE x.Title IS NOT NULL",
    ] {
        q.push(Query::set(sql));
    }
    // Window functions over total orders.
    for sql in [
        "SELECT RecordId, ROW_NUMBER() OVER (ORDER BY Qty, RecordId) FROM Items",
        "SELECT RecordId, RANK() OVER (ORDER BY Qty) FROM Items",
        "SELECT RecordId, DENSE_RANK() OVER (PARTITION BY Kind ORDER BY Price) FROM Items",
        "SELECT RecordId, SUM(Qty) OVER (PARTITION BY Kind) FROM Items",
        "SELECT RecordId, COUNT(*) OVER (PARTITION BY Title) FROM Items",
        "SELECT RecordId, LAG(Qty) OVER (ORDER BY RecordId), LEAD(Title) OVER (ORDER BY RecordId) FROM Items",
        "SELECT RecordId, SUM(Qty) OVER (ORDER BY RecordId ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM Items",
    ] {
        q.push(Query::set(sql));
    }
    q.push(Query::ordered(
        "SELECT Title, Code FROM Items WHERE Title IS NOT NULL UNION ALL SELECT ItemTitle, ItemCode FROM Refs WHERE ItemTitle IS NOT NULL ORDER BY 2, 1",
    ));
    q.push(Query::ordered(
        "WITH r AS (SELECT RecordId, ROW_NUMBER() OVER (PARTITION BY Kind ORDER BY RecordId DESC) AS rn FROM Items) SELECT RecordId FROM r WHERE rn = 1 ORDER BY RecordId",
    ));
}

/// The 10,500-row app: every pushdown rule has a query here.
fn big(q: &mut Vec<Query>) {
    for sql in [
        "SELECT COUNT(*) FROM Big",
        "SELECT COUNT(*) FROM Big WHERE N > 500",
        "SELECT COUNT(*) FROM Big WHERE N IS NULL",
        "SELECT COUNT(*) FROM Big WHERE G = 'C'",
        "SELECT COUNT(*) FROM Big WHERE K = 'k00042'",
        "SELECT COUNT(*) FROM Big WHERE RecordId > 10000",
        "SELECT COUNT(*) FROM Big WHERE D >= {d '2024-06-01'}",
        "SELECT COUNT(*) FROM Big WHERE K LIKE 'k1%'",
        "SELECT COUNT(N), SUM(N), MIN(N), MAX(N) FROM Big",
        "SELECT G, COUNT(*), SUM(N) FROM Big GROUP BY G",
        "SELECT D, COUNT(*) FROM Big GROUP BY D",
        "SELECT COUNT(DISTINCT K) FROM Big",
        "SELECT RecordId, K, N FROM Big WHERE RecordId = 10499",
        "SELECT RecordId, N FROM Big WHERE RecordId IN (1, 500, 501, 10000, 10001, 10500, 10501)",
        "SELECT RecordId FROM Big WHERE RecordId BETWEEN 9990 AND 10010",
        "SELECT RecordId FROM Big WHERE RecordId > 10450 AND N < 500",
        "SELECT RecordId FROM Big WHERE N = 7",
        "SELECT RecordId FROM Big WHERE N = 499.5",
        "SELECT RecordId FROM Big WHERE N IN (1, 2, 3.5)",
        "SELECT RecordId, K FROM Big WHERE K IN ('k00001', 'k19999', 'k00500')",
        "SELECT RecordId FROM Big WHERE G = 'A' AND N > 990",
        "SELECT RecordId FROM Big WHERE N IS NULL",
        "SELECT K, COUNT(*) FROM Big GROUP BY K HAVING COUNT(*) > 2",
        "SELECT b.RecordId, i.Code FROM Big b JOIN Items i ON i.RecordId = b.RecordId",
        "SELECT RecordId, K, N, G, D FROM Big",
    ] {
        q.push(Query::set(sql));
    }
    for sql in [
        "SELECT RecordId, N FROM Big ORDER BY N, RecordId LIMIT 10",
        "SELECT RecordId, N FROM Big ORDER BY N DESC, RecordId LIMIT 10",
        "SELECT RecordId, N FROM Big ORDER BY N DESC NULLS FIRST, RecordId LIMIT 10",
        "SELECT RecordId, N FROM Big ORDER BY N, RecordId LIMIT 10 OFFSET 10000",
        "SELECT RecordId, N FROM Big ORDER BY N, RecordId LIMIT 10 OFFSET 10490",
        "SELECT RecordId FROM Big ORDER BY RecordId DESC LIMIT 5",
        "SELECT RecordId FROM Big ORDER BY RecordId LIMIT 5 OFFSET 10498",
        "SELECT RecordId, D FROM Big ORDER BY D, RecordId LIMIT 20",
        "SELECT RecordId, D FROM Big WHERE G = 'B' ORDER BY D DESC, RecordId LIMIT 20",
        "SELECT RecordId, N FROM Big WHERE N > 900 ORDER BY N, RecordId LIMIT 15 OFFSET 5",
        "SELECT RecordId, K FROM Big ORDER BY K, RecordId LIMIT 10",
        "SELECT RecordId, K FROM Big ORDER BY K DESC, RecordId LIMIT 10",
        "SELECT RecordId, N FROM Big WHERE K LIKE '%9' ORDER BY N, RecordId LIMIT 10",
    ] {
        q.push(Query::ordered(sql));
    }
    q.push(Query::keys(1, "SELECT N, RecordId FROM Big ORDER BY N"));
}
