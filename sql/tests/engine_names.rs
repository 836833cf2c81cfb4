//! Names against the demo CRM: unquoted names in any case (tables,
//! qualified and unqualified columns, aliases, CTEs, EXPLAIN), ambiguity
//! as an error, and each result column's base table and column.

use sql::Error;

mod common;
use common::*;

#[tokio::test]
async fn result_columns_know_their_base_table_and_column() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "UseCodeForFieldName=true").await;
    let st = s
        .prepare(
            "SELECT d.title AS t, d.RecordId + 1, li.RecordId FROM Deals d \
             JOIN Deals_line_items li ON li.RecordId = d.RecordId WHERE d.RecordId < 5",
        )
        .await
        .unwrap();
    let base = |i: usize| {
        let c = &st.columns()[i];
        (c.base_table.as_deref(), c.base_column.as_deref())
    };
    assert_eq!(st.columns()[0].name, "t");
    assert_eq!(base(0), (Some("Deals"), Some("title")));
    assert_eq!(base(1), (None, None), "an expression has no base column");
    assert_eq!(base(2), (Some("Deals_line_items"), Some("RecordId")));
    let grouped = s
        .prepare("SELECT stage, count(*) FROM (SELECT * FROM Deals) x GROUP BY stage")
        .await
        .unwrap();
    assert_eq!(
        grouped.columns()[0].base_column.as_deref(),
        Some("stage"),
        "a group key passes its column through"
    );
    assert_eq!(grouped.columns()[1].base_column, None);
    let fixed = s.prepare("SELECT Name FROM Apps").await.unwrap();
    assert_eq!(fixed.columns()[0].base_table.as_deref(), Some("Apps"));
    // The catalog's spelling, whatever case the statement used.
    let lower = s.prepare("SELECT TITLE FROM deals").await.unwrap();
    assert_eq!(
        (
            lower.columns()[0].base_table.as_deref(),
            lower.columns()[0].base_column.as_deref()
        ),
        (Some("Deals"), Some("title"))
    );
    // Aggregates, literals, window functions and UNION columns have none.
    let computed = s
        .prepare(
            "SELECT max(title), 1, row_number() OVER (ORDER BY RecordId) FROM Deals \
             GROUP BY RecordId",
        )
        .await
        .unwrap();
    assert!(computed
        .columns()
        .iter()
        .all(|c| c.base_table.is_none() && c.base_column.is_none()));
    let union = s
        .prepare("SELECT title FROM Deals UNION ALL SELECT title FROM Deals")
        .await
        .unwrap();
    assert_eq!(union.columns()[0].base_column, None);
}

#[tokio::test]
async fn unquoted_names_match_ignoring_case_when_unambiguous() {
    let emu = demo_emulator().await;
    let s = demo_session(&emu, "").await;
    // Labels are mixed case ("Close date", "RecordId"); unquoted names in
    // another case find them, quoted ones must match exactly.
    let a = rows(
        &s,
        "SELECT recordid, REVISION FROM deals d WHERE D.RECORDID <= 3 ORDER BY RecordID",
        &[],
    )
    .await;
    assert_eq!(count(&a), 3);
    assert!(matches!(
        s.prepare("SELECT \"recordid\" FROM Deals").await,
        Err(Error::UnknownColumn(_))
    ));
    // The companion display-name column of CREATOR.
    let names = rows(&s, "SELECT \"Created by_Name\" FROM Deals", &[]).await;
    assert_eq!(count(&names), 60);
    // EXPLAIN of such a query plans the same scan.
    let explained = rows(
        &s,
        "EXPLAIN SELECT recordid FROM deals WHERE RECORDID = 3",
        &[],
    )
    .await;
    let text = plan_lines(&explained).join("\n");
    assert!(text.contains("KintoneScan: app=2"), "{text}");
    assert!(text.contains("$id = 3"), "{text}");
    // And the standard LIKE (no escape character without ESCAPE).
    let explained = plan_lines(
        &rows(
            &s,
            "EXPLAIN SELECT recordid FROM deals WHERE recordid = 1 AND \"案件名\" LIKE 'a\\b%'",
            &[],
        )
        .await,
    )
    .join("\n");
    // `\` matches itself: the pattern reaches DataFusion with it doubled.
    assert!(explained.contains(r"LIKE a\\b%"), "{explained}");
    // Aliases too.
    let b = rows(
        &s,
        "SELECT RecordId AS Id FROM Deals ORDER BY id DESC LIMIT 2",
        &[],
    )
    .await;
    assert_eq!(first_i64(&b), 60);
    // A table written in another case qualifies its columns in any case.
    let c = rows(
        &s,
        "SELECT deals.recordid FROM deals WHERE DEALS.RecordId = 7",
        &[],
    )
    .await;
    assert_eq!(first_i64(&c), 7);
    let all = rows(&s, "SELECT deals.* FROM deals", &[]).await;
    assert_eq!(count(&all), 60);
    // A correlated subquery reaches the outer table's columns in any case.
    let e = rows(
        &s,
        "SELECT count(*) FROM Deals d WHERE EXISTS \
         (SELECT 1 FROM \"Deals_Line items\" li WHERE li.recordid = D.RECORDID)",
        &[],
    )
    .await;
    let with_items = first_i64(&e);
    assert!(with_items > 0 && with_items <= 60, "{with_items}");
    // A CTE is not a catalog table, even with a table's name in another case.
    let d = rows(&s, "WITH deals AS (SELECT 5 AS n) SELECT N FROM deals", &[]).await;
    assert_eq!(first_i64(&d), 5);
    // Two names differing only in case: an error naming both, not a pick.
    let err = s
        .prepare("SELECT RecordId AS recordId FROM Deals ORDER BY RECORDID")
        .await
        .err()
        .expect("ambiguous");
    assert!(matches!(err, Error::Plan(_)), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("\"RecordId\"") && message.contains("\"recordId\""),
        "{message}"
    );
    // Quoting picks one.
    let e = rows(
        &s,
        "SELECT RecordId AS recordId FROM Deals ORDER BY \"RecordId\" LIMIT 1",
        &[],
    )
    .await;
    assert_eq!(first_i64(&e), 1);
}
