//! The differential suite (issue 4, Proof): one generated fixture loaded
//! into the emulator and into SQLite; every query's result through
//! `sql::Session` (prepare + execute) must equal SQLite's.
//!
//! Run: `cargo test -p sql --test differential -- --nocapture` (prints the
//! number of queries and the runtime).

#[path = "differential/canonical.rs"]
mod canonical;
#[path = "differential/escapes.rs"]
mod escapes;
#[path = "differential/fixture.rs"]
mod fixture;
#[path = "differential/harness.rs"]
mod harness;
#[path = "differential/model.rs"]
mod model;
#[path = "differential/pushdown.rs"]
mod pushdown;
#[path = "differential/queries_edge.rs"]
mod queries_edge;
#[path = "differential/queries_filters.rs"]
mod queries_filters;
#[path = "differential/queries_sql.rs"]
mod queries_sql;

use std::time::Instant;

use harness::{check, run_engine, world, Query};

fn all_queries() -> Vec<Query> {
    let mut queries = queries_filters::queries();
    queries.extend(queries_sql::queries());
    queries.extend(queries_edge::queries());
    queries.extend(escapes::queries());
    queries
}

#[test]
fn the_suite_has_at_least_300_distinct_queries() {
    let queries = all_queries();
    let mut texts: Vec<&str> = queries.iter().map(|q| q.sql.as_str()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), queries.len(), "duplicate queries");
    println!("{} differential queries", queries.len());
    assert!(queries.len() >= 300, "only {} queries", queries.len());
}

#[test]
fn the_sqlite_model_answers_every_query() {
    let (_, tables) = fixture::build();
    let db = model::load(&tables);
    let big = model::run(&db, "SELECT COUNT(*) FROM Big").unwrap();
    assert_eq!(big, vec![vec![fixture::BIG_RECORDS.to_string()]]);
    for query in all_queries() {
        let sql = query
            .sqlite
            .clone()
            .unwrap_or_else(|| model::translate(&query.sql));
        if let Err(e) = model::run_with(&db, &sql, &query.params) {
            panic!("{sql}: {e}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_query_equals_sqlite() {
    let world = world().await;
    let queries = all_queries();
    let started = Instant::now();
    let mut failures = Vec::new();
    for query in &queries {
        if let Some(report) = check(&world, query).await {
            failures.push(report);
        }
    }
    let elapsed = started.elapsed();
    println!(
        "differential: {} queries, {} equal to SQLite, {} different, in {:.1} s",
        queries.len(),
        queries.len() - failures.len(),
        failures.len(),
        elapsed.as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} queries differ from SQLite:\n\n{}",
        failures.len(),
        queries.len(),
        failures.join("\n\n")
    );
}

/// With `NumberMapToDouble=true` NUMBER columns are DOUBLE, as SQLite's
/// REAL model holds them: the filter queries again, their comparisons
/// sent as ranges around the literals and re-checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_as_doubles_equal_sqlite() {
    let world = world().await;
    let session = sql::Session::connect(&harness::properties(
        &world.emulator.base_url(),
        "NumberMapToDouble=true",
    ))
    .await
    .expect("a session with DOUBLE numbers");
    // The comparison is sent (as a range), not only evaluated locally.
    let plan = run_engine(
        &session,
        "EXPLAIN SELECT RecordId FROM Items WHERE Price >= 100",
    )
    .await
    .unwrap();
    let plan = format!("{plan:?}");
    assert!(plan.contains("Price > 99.99999999999999"), "{plan}");
    let queries = queries_filters::queries();
    let mut failures = Vec::new();
    for query in &queries {
        if let Some(report) = harness::check_with(&world, &session, query).await {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries differ from SQLite with DOUBLE numbers:\n\n{}",
        failures.len(),
        queries.len(),
        failures.join("\n\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_functions_run_in_the_engine_with_the_odbc_values() {
    let world = world().await;
    let mut failures = Vec::new();
    for (expr, expected) in escapes::LITERAL_CASES {
        let sql = format!("SELECT {expr} FROM Items WHERE RecordId = 1");
        match run_engine(&world.session, &sql).await {
            Ok(rows) if rows == vec![vec![expected.to_string()]] => {}
            Ok(rows) => failures.push(format!("{sql}: expected {expected}, got {rows:?}")),
            Err(e) => failures.push(format!("{sql}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushdown_transfers_only_what_is_needed_and_explain_shows_it() {
    let world = world().await;
    let failures = pushdown::check_all(&world).await;
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The emulator holds what the model says (independently of the engine):
/// record counts, lookup copies, text kept byte for byte, numbers exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_holds_the_modeled_rows() {
    use kintone_core::read::ReadRequest;
    let (fixture_json, tables) = fixture::build();
    let path = std::env::temp_dir().join(format!(
        "kintone-odbc-fixture-check-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, serde_json::to_vec(&fixture_json).unwrap()).unwrap();
    let emulator = kintone_emulator::Emulator::start(kintone_emulator::Config {
        fixtures: vec![path.clone()],
        ..Default::default()
    })
    .await
    .expect("the fixture loads");
    std::fs::remove_file(&path).unwrap();
    let client = kintone_core::Client::new(&harness::properties(&emulator.base_url(), "")).unwrap();
    for (app, table) in [
        (fixture::ITEMS_APP, &tables[0]),
        (fixture::REFS_APP, &tables[2]),
        (fixture::BIG_APP, &tables[3]),
    ] {
        assert_eq!(
            client.count(app, None).await.unwrap(),
            table.rows.len() as u64,
            "{}",
            table.name
        );
    }
    // Every text and number field of Items and Refs, as Kintone serves it.
    for (app, table, codes) in [
        (
            fixture::ITEMS_APP,
            &tables[0],
            &["Title", "Memo", "Qty", "Price", "Score", "Day", "At"][..],
        ),
        (
            fixture::REFS_APP,
            &tables[2],
            &["ItemCode", "ItemTitle", "Amount"][..],
        ),
    ] {
        let mut stream = client.read(ReadRequest::new(app)).await.unwrap();
        let mut seen = 0;
        while let Some(page) = stream.next_page().await {
            let body: serde_json::Value = serde_json::from_slice(&page.unwrap().body).unwrap();
            for record in body["records"].as_array().unwrap() {
                seen += 1;
                let id: i64 = record["$id"]["value"].as_str().unwrap().parse().unwrap();
                let row = table
                    .rows
                    .iter()
                    .find(|r| r[0] == fixture::Cell::Int(id))
                    .unwrap();
                for code in codes {
                    let index = table.columns.iter().position(|(c, _)| c == code).unwrap();
                    let served = record[*code]["value"].as_str().unwrap_or("").to_owned();
                    let modeled = match &row[index] {
                        fixture::Cell::Null => String::new(),
                        fixture::Cell::Real(f) => fixture::number_text(*f),
                        fixture::Cell::Text(t) => t.clone(),
                        fixture::Cell::Int(i) => i.to_string(),
                    };
                    let served = if matches!(table.columns[index].1, fixture::Affinity::Real)
                        && !served.is_empty()
                    {
                        fixture::number_text(served.parse().unwrap())
                    } else if *code == "At" {
                        match fixture::timestamp_cell(&served) {
                            fixture::Cell::Text(t) => t,
                            _ => String::new(),
                        }
                    } else {
                        served
                    };
                    assert_eq!(served, modeled, "{} record {id} field {code}", table.name);
                }
            }
        }
        assert_eq!(seen, table.rows.len(), "{}", table.name);
    }
}
