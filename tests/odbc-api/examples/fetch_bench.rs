//! End-to-end read figures: queries over the emulator's `bench:N` app
//! through unixODBC, the driver, the SQL layer and the HTTP client, fetched
//! by odbc-api in blocks (as arrow-odbc, pyodbc's fetchmany or Power BI do).
//!
//! Run: `cargo run --release -p odbc-api-tests --example fetch_bench -- [N] [ROWS_PER_BLOCK]`
//! (defaults 100000 and 5000). The emulator runs in this process on its
//! own threads, so the memory figures include its copy of the records.

use std::time::Instant;

use odbc_api::buffers::TextRowSet;
use odbc_api::{ConnectionOptions, Cursor, Environment, ResultSetMetadata};
use odbc_api_tests::config::OdbcConfig;
use odbc_api_tests::emulator::scratch_dir;
use odbc_api_tests::DRIVER_NAME;

/// Longest text fetched per cell (clients cap WVARCHAR(4000) columns so).
const MAX_TEXT: usize = 256;

fn main() {
    let mut args = std::env::args().skip(1);
    let records: u64 = args.next().map_or(100_000, |a| a.parse().expect("N"));
    let block: usize = args
        .next()
        .map_or(5_000, |a| a.parse().expect("ROWS_PER_BLOCK"));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let started = Instant::now();
    let emulator = runtime.block_on(async {
        kintone_emulator::Emulator::start(kintone_emulator::Config {
            datasets: vec![format!("bench:{records}")],
            ..Default::default()
        })
        .await
        .expect("the emulator starts")
    });
    println!(
        "emulator with bench:{records} ready in {:.1} s, resident {} MiB",
        started.elapsed().as_secs_f64(),
        memory_kib("VmRSS") / 1024
    );
    let odbc = OdbcConfig::write(
        &scratch_dir("bench"),
        &odbc_api_tests::driver::library(),
        &[],
    );
    odbc.apply_to_process();
    let env = Environment::new().expect("an ODBC environment");
    let conn = env
        .connect_with_connection_string(
            &format!(
                "Driver={{{DRIVER_NAME}}};Url={};User=bench-admin;Password=bench-password;UseCodeForFieldName=true",
                emulator.base_url()
            ),
            ConnectionOptions::default(),
        )
        .expect("connects");

    let queries = [
        ("every column, as text", "SELECT * FROM Bench"),
        (
            "4 columns (projection sent as fields[])",
            "SELECT RecordId, title, amount, order_date FROM Bench",
        ),
        ("COUNT(*) (one totalCount request)", "SELECT COUNT(*) FROM Bench"),
        (
            "GROUP BY over 2 columns",
            "SELECT customer, SUM(amount), COUNT(*) FROM Bench GROUP BY customer",
        ),
        (
            "ORDER BY amount LIMIT 10 (pushed)",
            "SELECT RecordId, amount FROM Bench ORDER BY amount LIMIT 10",
        ),
        (
            "selective filter (pushed)",
            "SELECT RecordId, amount FROM Bench WHERE score >= 95",
        ),
        (
            "join with the subtable table",
            "SELECT b.RecordId, i.item_name, i.item_qty FROM Bench b JOIN Bench_items i ON i.RecordId = b.RecordId WHERE b.score >= 90",
        ),
    ];
    println!("| query | rows | seconds | rows/s | cells/s |");
    println!("|---|---|---|---|---|");
    for (label, sql) in queries {
        let started = Instant::now();
        let mut cursor = conn
            .execute(sql, (), None)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .expect("a result set");
        let columns = cursor.num_result_cols().expect("columns") as u64;
        let buffer = TextRowSet::for_cursor(block, &mut cursor, Some(MAX_TEXT)).expect("buffers");
        let mut blocks = cursor.bind_buffer(buffer).expect("bind");
        let mut rows = 0u64;
        while let Some(batch) = blocks.fetch().expect("fetch") {
            rows += batch.num_rows() as u64;
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "| {label} | {rows} | {seconds:.2} | {:.0} | {:.0} |",
            rows as f64 / seconds,
            (rows * columns) as f64 / seconds
        );
    }
    println!(
        "peak resident memory {} MiB (emulator, driver and buffers together)",
        memory_kib("VmHWM") / 1024
    );
}

/// A `/proc/self/status` figure in KiB (0 where there is none).
fn memory_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                let rest = line.strip_prefix(key)?.strip_prefix(':')?;
                rest.trim().trim_end_matches(" kB").trim().parse().ok()
            })
        })
        .unwrap_or(0)
}
