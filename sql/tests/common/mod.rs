//! Helpers shared by the engine's integration tests: emulators (the demo
//! dataset, or a fixture written to a temporary file), sessions, and
//! running a statement to its batches.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::RecordBatch;
use kintone_core::Properties;
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use sql::{ExecOptions, Param, Session};

/// An emulator with the demo dataset.
pub async fn demo_emulator() -> EmulatorHandle {
    Emulator::start(Config {
        datasets: vec!["demo".into()],
        ..Config::default()
    })
    .await
    .expect("the emulator starts")
}

/// Deletes a fixture file when the test ends.
pub struct TempFile(pub PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// An emulator loaded with `fixture` (written to a file unique to `name`
/// and this process, deleted with the returned guard).
pub async fn fixture_emulator(
    name: &str,
    fixture: &serde_json::Value,
) -> (EmulatorHandle, TempFile) {
    let path = std::env::temp_dir().join(format!(
        "kintone-odbc-{name}-{}-{:?}.json",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&path, serde_json::to_vec(fixture).unwrap()).unwrap();
    let emulator = Emulator::start(Config {
        fixtures: vec![path.clone()],
        ..Config::default()
    })
    .await
    .expect("the emulator starts with the fixture");
    (emulator, TempFile(path))
}

/// A session on `emu` with these connection properties (`Url` is added).
pub async fn connect(emu: &EmulatorHandle, properties: &str) -> Session {
    let props = Properties::parse(&format!("Url={};{properties}", emu.base_url()))
        .expect("valid properties");
    Session::connect(&props).await.expect("connects")
}

/// A session on the demo dataset as its administrator.
pub async fn demo_session(emu: &EmulatorHandle, extra: &str) -> Session {
    connect(
        emu,
        &format!("User=demo-admin;Password=demo-password;{extra}"),
    )
    .await
}

/// Runs `sql` to its end; any error is a test failure.
pub async fn rows(session: &Session, sql: &str, params: &[Param]) -> Vec<RecordBatch> {
    try_rows(session, sql, params)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs `sql` to its end.
pub async fn try_rows(
    session: &Session,
    sql: &str,
    params: &[Param],
) -> sql::Result<Vec<RecordBatch>> {
    let statement = session.prepare(sql).await?;
    let mut stream = statement.execute(params, &ExecOptions::default()).await?;
    let mut out = Vec::new();
    while let Some(batch) = stream.next_batch().await {
        out.push(batch?);
    }
    Ok(out)
}

pub fn count(batches: &[RecordBatch]) -> usize {
    batches.iter().map(|b| b.num_rows()).sum()
}

/// The first column of the first row, as BIGINT.
pub fn first_i64(batches: &[RecordBatch]) -> i64 {
    let b = batches.iter().find(|b| b.num_rows() > 0).expect("a row");
    b.column(0).as_primitive::<Int64Type>().value(0)
}

/// The plan lines of an EXPLAIN result (none for other results).
pub fn plan_lines(batches: &[RecordBatch]) -> Vec<String> {
    batches
        .iter()
        .filter(|b| b.num_columns() == 2 && b.schema().field(1).name() == "plan")
        .flat_map(|b| {
            let plans = b.column(1).as_string::<i32>().clone();
            (0..b.num_rows()).map(move |i| plans.value(i).to_owned())
        })
        .collect()
}
