//! Names against the demo CRM: unquoted names in any case (tables,
//! qualified and unqualified columns, aliases, CTEs, EXPLAIN), ambiguity
//! as an error, and each result column's base table and column.

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::RecordBatch;
use kintone_core::Properties;
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use sql::{Error, ExecOptions, Session};

async fn emulator() -> EmulatorHandle {
    Emulator::start(Config {
        datasets: vec!["demo".into()],
        ..Config::default()
    })
    .await
    .expect("the emulator starts")
}

async fn session(emu: &EmulatorHandle, extra: &str) -> Session {
    let props = Properties::parse(&format!(
        "Url={};User=demo-admin;Password=demo-password;{extra}",
        emu.base_url()
    ))
    .expect("valid properties");
    Session::connect(&props).await.expect("connects")
}

async fn rows(session: &Session, sql: &str, params: &[sql::Param]) -> Vec<RecordBatch> {
    let statement = session
        .prepare(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut stream = statement
        .execute(params, &ExecOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut out = Vec::new();
    while let Some(batch) = stream.next_batch().await {
        out.push(batch.unwrap_or_else(|e| panic!("{sql}: {e}")));
    }
    out
}

fn count(batches: &[RecordBatch]) -> usize {
    batches.iter().map(|b| b.num_rows()).sum()
}

fn first_i64(batches: &[RecordBatch]) -> i64 {
    let b = batches.iter().find(|b| b.num_rows() > 0).expect("a row");
    b.column(0).as_primitive::<Int64Type>().value(0)
}

/// The plan text of an EXPLAIN result.
fn plan_text(batches: &[RecordBatch]) -> String {
    batches
        .iter()
        .flat_map(|b| {
            let col = b.column(1).as_string::<i32>().clone();
            (0..b.num_rows())
                .map(move |i| col.value(i).to_owned())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn result_columns_know_their_base_table_and_column() {
    let emu = emulator().await;
    let s = session(&emu, "UseCodeForFieldName=true").await;
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
    let emu = emulator().await;
    let s = session(&emu, "").await;
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
    let text = plan_text(&explained);
    assert!(text.contains("KintoneScan: app=2"), "{text}");
    assert!(text.contains("$id = 3"), "{text}");
    // And the standard LIKE (no escape character without ESCAPE).
    let explained = plan_text(
        &rows(
            &s,
            "EXPLAIN SELECT recordid FROM deals WHERE recordid = 1 AND \"案件名\" LIKE 'a\\b%'",
            &[],
        )
        .await,
    );
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
