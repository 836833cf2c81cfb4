//! Benchmark (not a test): decoding a 500-record page into Arrow.
//!
//! cargo run --release -p kintone-core --example decode_bench -- [SECONDS] [FILTER]
//!
//! Starts the in-process emulator with `--dataset bench:500`, reads the
//! bench app's form and one `records.json` page of 500 records over HTTP,
//! then decodes that page repeatedly on one core for SECONDS (default 3)
//! with a plan of every top-level field (exact decimals, dates, timestamps,
//! lists as JSON text), and with a plan of the table rows. Prints records/s
//! and MB/s of each, and, for comparison, parsing the same page into a
//! `serde_json::Value` tree. With FILTER, only the runs whose name contains it.

use std::time::{Duration, Instant};

use kintone_core::decode::{ColumnSpec, ColumnType, RecordPlan, SubtablePlan};
use kintone_core::schema::{AppInfo, AppSettings, FieldType, FormFields};
use kintone_emulator::datasets::bench;
use kintone_emulator::{Config, Emulator};

async fn get(base: &str, path: &str) -> Vec<u8> {
    let response = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("X-Cybozu-API-Token", bench::API_TOKEN)
        .send()
        .await
        .expect("the emulator answers");
    assert!(response.status().is_success(), "{path}");
    response.bytes().await.expect("a body").to_vec()
}

/// Runs `f` for about `seconds` and returns (iterations, elapsed).
fn time(seconds: f64, mut f: impl FnMut() -> usize) -> (u64, Duration, usize) {
    let start = Instant::now();
    let mut iterations = 0;
    let mut rows = 0;
    while start.elapsed().as_secs_f64() < seconds {
        rows = f();
        iterations += 1;
    }
    (iterations, start.elapsed(), rows)
}

fn report(
    what: &str,
    body_len: usize,
    records: usize,
    run: impl FnOnce() -> (u64, Duration, usize),
) {
    if std::env::args()
        .nth(2)
        .is_some_and(|filter| !what.contains(&filter))
    {
        return;
    }
    let (n, elapsed, rows) = run();
    let secs = elapsed.as_secs_f64();
    println!(
        "{what:<38} {:>9.0} records/s {:>7.1} MB/s  ({} rows/page, {:.1} µs/page)",
        (n as f64 * records as f64) / secs,
        (n as f64 * body_len as f64) / secs / 1e6,
        rows,
        secs * 1e6 / n as f64
    );
}

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("SECONDS is a number"))
        .unwrap_or(3.0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (form, settings, info, body) = runtime.block_on(async {
        let emu = Emulator::start(Config {
            datasets: vec!["bench:500".into()],
            ..Config::default()
        })
        .await
        .expect("the emulator starts");
        let base = emu.base_url();
        let app = bench::APP_ID;
        let form = get(&base, &format!("/k/v1/app/form/fields.json?app={app}")).await;
        let settings = get(&base, &format!("/k/v1/app/settings.json?app={app}")).await;
        let info = get(&base, &format!("/k/v1/app.json?id={app}")).await;
        let body = get(
            &base,
            &format!("/k/v1/records.json?app={app}&query=limit%20500"),
        )
        .await;
        (
            FormFields::from_json(&form).expect("fields.json"),
            AppSettings::from_json(&settings).expect("settings.json"),
            AppInfo::from_json(&info).expect("app.json"),
            body,
        )
    });

    let mut columns = vec![
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
        ColumnSpec::new("$revision", FieldType::Revision, ColumnType::Int64),
    ];
    for def in form.value_fields() {
        if let Some(target) = ColumnType::for_field(
            def,
            &settings.number_precision,
            !info.code.is_empty(),
            false,
        ) {
            columns.push(ColumnSpec::new(&def.code, def.field_type.clone(), target));
        }
    }
    let top_level = columns.len();
    let plan = RecordPlan::new(columns).expect("a valid plan");
    let table = form.properties.get("items").expect("the bench table");
    let table_plan = SubtablePlan::new(
        "items",
        "record_id",
        "row_id",
        vec![ColumnSpec::new(
            "title",
            FieldType::SingleLineText,
            ColumnType::Utf8,
        )],
        table
            .fields
            .values()
            .filter_map(|f| {
                ColumnType::for_field(f, &settings.number_precision, false, false)
                    .map(|t| ColumnSpec::new(&f.code, f.field_type.clone(), t))
            })
            .collect(),
    )
    .expect("a valid table plan");

    let records = plan.decode(&body).expect("the page decodes").records;
    println!(
        "page: {records} records, {} top-level columns, {:.2} MB ({} bytes/record)",
        top_level,
        body.len() as f64 / 1e6,
        body.len() / records.max(1)
    );
    report("RecordPlan, every field", body.len(), records, || {
        time(seconds, || {
            plan.decode(&body).expect("decodes").batch.num_rows()
        })
    });
    let narrow = RecordPlan::new(vec![
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
        ColumnSpec::new("title", FieldType::SingleLineText, ColumnType::Utf8),
    ])
    .expect("a valid plan");
    report(
        "RecordPlan, 2 fields (rest skipped)",
        body.len(),
        records,
        || {
            time(seconds, || {
                narrow.decode(&body).expect("decodes").batch.num_rows()
            })
        },
    );
    report("SubtablePlan, items rows", body.len(), records, || {
        time(seconds, || {
            table_plan.decode(&body).expect("decodes").batch.num_rows()
        })
    });
    report(
        "baseline: serde_json::Value tree",
        body.len(),
        records,
        || {
            time(seconds, || {
                let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
                v["records"].as_array().map_or(0, Vec::len)
            })
        },
    );
}
