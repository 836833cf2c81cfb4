//! Pushdown efficiency, measured by the emulator's statistics (the same
//! snapshot `/__emulator/stats` serves), and the EXPLAIN text for the same
//! queries (it names the Kintone query string and the fields sent).

use kintone_emulator::StatsSnapshot;

use super::harness::{run_engine, World};
use super::model;

/// Record requests (records.json and the cursor API) and records served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traffic {
    pub record_requests: u64,
    pub records: u64,
}

fn record_requests(stats: &StatsSnapshot) -> u64 {
    stats
        .requests
        .iter()
        .filter(|(key, _)| key.contains("/records.json") || key.contains("/records/cursor.json"))
        .map(|(_, n)| n)
        .sum()
}

/// Runs `sql` and returns its rows with the traffic it caused.
pub async fn measure(world: &World, sql: &str) -> (Vec<Vec<String>>, Traffic) {
    let before = world.emulator.stats();
    let rows = run_engine(&world.session, sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let after = world.emulator.stats();
    let traffic = Traffic {
        record_requests: record_requests(&after) - record_requests(&before),
        records: after.records_returned - before.records_returned,
    };
    (rows, traffic)
}

/// The EXPLAIN output as one text.
pub async fn explain(world: &World, sql: &str) -> String {
    let rows = run_engine(&world.session, &format!("EXPLAIN {sql}"))
        .await
        .unwrap_or_else(|e| panic!("EXPLAIN {sql}: {e}"));
    rows.iter()
        .map(|r| r.join(" | "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn sqlite_count(world: &World, sql: &str) -> u64 {
    let rows = model::run(&world.sqlite, sql).unwrap();
    rows[0][0].parse().unwrap()
}

/// A query, the traffic (and row count) it may cause, fragments its
/// EXPLAIN must show and fragments it must not.
type Case = (
    &'static str,
    Box<dyn Fn(Traffic, usize) -> bool>,
    &'static [&'static str],
    &'static [&'static str],
);

/// Each case: the query, what the emulator must have served, and fragments
/// its EXPLAIN must show. Returns the failures.
pub async fn check_all(world: &World) -> Vec<String> {
    let mut failures = Vec::new();
    // Metadata is read once per session; warm it up so that only record traffic is measured.
    let _ = run_engine(
        &world.session,
        "SELECT RecordId FROM Big WHERE RecordId = 1",
    )
    .await;

    let k_matches = sqlite_count(world, "SELECT COUNT(*) FROM Big WHERE K = 'k00042'");
    let bolt_records = sqlite_count(
        world,
        "SELECT COUNT(DISTINCT RecordId) FROM Items_Lines WHERE Item = 'bolt'",
    );
    let kind_a = sqlite_count(world, "SELECT COUNT(*) FROM Items WHERE Kind = 'A'");
    let n_high = sqlite_count(world, "SELECT COUNT(*) FROM Big WHERE N > 995");
    let n_over_950 = sqlite_count(world, "SELECT COUNT(*) FROM Big WHERE N > 950");
    let cases: Vec<Case> = vec![
        (
            "SELECT RecordId, N FROM Big WHERE RecordId = 10499",
            Box::new(|t, rows| rows == 1 && t.records == 1 && t.record_requests == 1),
            &["$id = 10499"],
            &[],
        ),
        (
            "SELECT RecordId FROM Big WHERE RecordId IN (3, 5000, 10500)",
            Box::new(|t, rows| rows == 3 && t.records == 3 && t.record_requests == 1),
            // DataFusion turns a short IN list into ORs; each is pushed.
            &["$id = 3", "$id = 5000", "$id = 10500"],
            &[],
        ),
        (
            "SELECT RecordId FROM Big WHERE RecordId BETWEEN 10001 AND 10010",
            Box::new(|t, rows| rows == 10 && t.records == 10 && t.record_requests == 1),
            &["$id >= 10001", "$id <= 10010"],
            &[],
        ),
        (
            "SELECT RecordId, K FROM Big WHERE K = 'k00042'",
            Box::new(move |t, rows| rows as u64 == k_matches && t.records == k_matches),
            &["K in (", "k00042"],
            &[],
        ),
        (
            "SELECT RecordId, N FROM Big WHERE N > 995",
            Box::new(move |t, rows| rows as u64 == n_high && t.records == n_high),
            &["N > 995"],
            &["\"K\""],
        ),
        (
            "SELECT COUNT(*) FROM Big WHERE G = 'C'",
            Box::new(|t, rows| rows == 1 && t.record_requests == 1 && t.records <= 1),
            &["G in ("],
            &[],
        ),
        (
            // Subtable rows: the parent records having a matching row, no more.
            "SELECT RecordId, Item FROM Items_Lines WHERE Item = 'bolt'",
            Box::new(move |t, _| t.records == bolt_records && t.record_requests == 1),
            &["Item in ("],
            &[],
        ),
        (
            // A join on RecordId reads the big side by the small side's ids
            // (`$id in (...)` batches of 100), not all of it.
            "SELECT b.RecordId, b.K FROM Items i JOIN Big b ON b.RecordId = i.RecordId WHERE i.Kind = 'A'",
            Box::new(move |t, rows| {
                rows as u64 == kind_a
                    && t.records <= 2 * kind_a + 5
                    && t.record_requests <= 2 + kind_a.div_ceil(100)
            }),
            &["Kind in ("],
            &[],
        ),
        (
            // The same for a subtable table: its rows are read from the
            // parent records with those ids.
            "SELECT l.RecordId, l.Item FROM Items i JOIN Items_Lines l ON l.RecordId = i.RecordId WHERE i.Kind = 'A'",
            Box::new(move |t, _| t.records <= 2 * kind_a && t.record_requests <= 2 + kind_a.div_ceil(100)),
            &["Kind in ("],
            &[],
        ),
        (
            // Hundreds of keys spread over the whole app: still `$id in`
            // lists (not their range, which would span nearly every record).
            "SELECT b.RecordId, b.K FROM Big a JOIN Big b ON b.RecordId = a.RecordId WHERE a.N > 950",
            Box::new(move |t, rows| {
                rows as u64 == n_over_950
                    && n_over_950 > 150
                    && t.records <= 2 * n_over_950
                    && t.record_requests <= 2 + n_over_950.div_ceil(100)
            }),
            &["N > 950"],
            &[],
        ),
        (
            "SELECT COUNT(*) FROM Big",
            Box::new(|t, rows| rows == 1 && t.record_requests == 1 && t.records <= 1),
            &[],
            &[],
        ),
        (
            "SELECT RecordId, N FROM Big ORDER BY N, RecordId LIMIT 10",
            Box::new(|t, rows| rows == 10 && t.record_requests == 1 && t.records == 10),
            &["order by N asc", "limit 10"],
            &[],
        ),
        (
            "SELECT RecordId, D FROM Big ORDER BY D DESC, RecordId LIMIT 10 OFFSET 5",
            Box::new(|t, rows| rows == 10 && t.record_requests == 1 && t.records == 15),
            &["order by D desc", "limit 15"],
            &[],
        ),
    ];
    for (sql, expectation, shown, hidden) in cases {
        let (rows, traffic) = measure(world, sql).await;
        if !expectation(traffic, rows.len()) {
            failures.push(format!(
                "{sql}: {} row(s) with {traffic:?} is not the expected pushdown",
                rows.len()
            ));
        }
        let plan = explain(world, sql).await;
        for fragment in shown {
            if !plan.contains(fragment) {
                failures.push(format!("EXPLAIN {sql}: no '{fragment}' in\n{plan}"));
            }
        }
        for fragment in hidden {
            if plan.contains(fragment) {
                failures.push(format!(
                    "EXPLAIN {sql}: '{fragment}' should not be in\n{plan}"
                ));
            }
        }
    }
    // Projection: only the needed fields (and $id) are requested.
    let plan = explain(world, "SELECT N FROM Big WHERE N > 995").await;
    if !plan.contains("fields=[$id, N]") {
        failures.push(format!(
            "EXPLAIN of a projection does not show fields [$id, N] only:\n{plan}"
        ));
    }
    failures
}
