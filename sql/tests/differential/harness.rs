//! The emulator started with the generated fixture, a `sql::Session` on it,
//! the SQLite model, and the comparison of one query's two results.

use std::path::PathBuf;

use kintone_core::Properties;
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use rusqlite::Connection;
use sql::{ExecOptions, Param, Session};

use super::canonical::batch_rows;
use super::fixture::{self, LOGIN};
use super::model;

/// How two results must agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Equal as multisets (no ORDER BY, or one with ties that do not matter).
    Set,
    /// Equal sequences (the ORDER BY is total).
    Ordered,
    /// The first n columns (the sort keys) equal as sequences and the rows
    /// equal as multisets: the ORDER BY has ties.
    OrderedKeys(usize),
}

/// One differential query: the same text for both sides unless `sqlite` says otherwise.
#[derive(Clone, Debug)]
pub struct Query {
    pub sql: String,
    pub sqlite: Option<String>,
    pub mode: Mode,
    /// Values for the `?` markers (the same on both sides).
    pub params: Vec<Param>,
    /// SQL_ATTR_MAX_ROWS for the engine (SQLite's text says LIMIT itself).
    pub max_rows: Option<u64>,
}

impl Query {
    pub fn set(sql: impl Into<String>) -> Query {
        Query {
            sql: sql.into(),
            sqlite: None,
            mode: Mode::Set,
            params: Vec::new(),
            max_rows: None,
        }
    }
    pub fn ordered(sql: impl Into<String>) -> Query {
        Query {
            mode: Mode::Ordered,
            ..Query::set(sql)
        }
    }
    pub fn keys(n: usize, sql: impl Into<String>) -> Query {
        Query {
            mode: Mode::OrderedKeys(n),
            ..Query::set(sql)
        }
    }
    /// A query whose SQLite form differs beyond date escapes.
    pub fn pair(mode: Mode, sql: impl Into<String>, sqlite: impl Into<String>) -> Query {
        Query {
            sql: sql.into(),
            sqlite: Some(sqlite.into()),
            mode,
            params: Vec::new(),
            max_rows: None,
        }
    }
    pub fn with_params(mut self, params: Vec<Param>) -> Query {
        self.params = params;
        self
    }
    pub fn with_max_rows(mut self, max_rows: u64) -> Query {
        self.max_rows = Some(max_rows);
        self
    }
}

pub struct World {
    pub emulator: EmulatorHandle,
    pub session: Session,
    pub sqlite: Connection,
    _fixture_file: TempFile,
}

/// A fixture file removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The connection string's properties for the emulator at `base`.
pub fn properties(base: &str, extra: &str) -> Properties {
    Properties::parse(&format!(
        "Url={base};User={};Password={};UseCodeForFieldName=true;{extra}",
        LOGIN.0, LOGIN.1
    ))
    .expect("valid properties")
}

pub async fn world() -> World {
    let (fixture_json, tables) = fixture::build();
    let path = std::env::temp_dir().join(format!(
        "kintone-odbc-differential-{}-{:?}.json",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&path, serde_json::to_vec(&fixture_json).unwrap()).unwrap();
    let file = TempFile(path.clone());
    let emulator = Emulator::start(Config {
        fixtures: vec![path],
        ..Config::default()
    })
    .await
    .expect("the emulator starts with the differential fixture");
    let session = Session::connect(&properties(&emulator.base_url(), ""))
        .await
        .expect("a session");
    World {
        emulator,
        session,
        sqlite: model::load(&tables),
        _fixture_file: file,
    }
}

/// Runs `sql` through the engine (prepare + execute): canonical rows.
pub async fn run_engine(session: &Session, sql: &str) -> Result<Vec<Vec<String>>, String> {
    run_engine_with(session, sql, &[], None).await
}

/// [`run_engine`] with parameter values and a row cap.
pub async fn run_engine_with(
    session: &Session,
    sql: &str,
    params: &[Param],
    max_rows: Option<u64>,
) -> Result<Vec<Vec<String>>, String> {
    let statement = session
        .prepare(sql)
        .await
        .map_err(|e| format!("prepare: {e}"))?;
    let mut stream = statement
        .execute(params, &ExecOptions { max_rows })
        .await
        .map_err(|e| format!("execute: {e}"))?;
    let mut rows = Vec::new();
    while let Some(batch) = stream.next_batch().await {
        rows.extend(batch_rows(&batch.map_err(|e| format!("stream: {e}"))?));
    }
    Ok(rows)
}

fn sorted(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut rows = rows.to_vec();
    rows.sort();
    rows
}

fn show(rows: &[Vec<String>]) -> String {
    let shown: Vec<String> = rows.iter().take(8).map(|r| format!("{r:?}")).collect();
    let more = rows.len().saturating_sub(8);
    format!(
        "{} row(s){}\n      {}",
        rows.len(),
        if more > 0 { " (first 8)" } else { "" },
        shown.join("\n      ")
    )
}

/// Compares one query's results: None when they agree, else a report.
pub async fn check(world: &World, query: &Query) -> Option<String> {
    check_with(world, &world.session, query).await
}

/// [`check`] through another session over the same emulator (other
/// connection properties, e.g. `NumberMapToDouble`).
pub async fn check_with(world: &World, session: &Session, query: &Query) -> Option<String> {
    let sqlite_sql = query
        .sqlite
        .clone()
        .unwrap_or_else(|| model::translate(&query.sql));
    let expected = match model::run_with(&world.sqlite, &sqlite_sql, &query.params) {
        Ok(rows) => rows,
        Err(e) => return Some(format!("{}\n   the SQLite model failed: {e}", query.sql)),
    };
    let got = match run_engine_with(session, &query.sql, &query.params, query.max_rows).await {
        Ok(rows) => rows,
        Err(e) => return Some(format!("{}\n   engine error: {e}", query.sql)),
    };
    let agree = match query.mode {
        Mode::Set => sorted(&got) == sorted(&expected),
        Mode::Ordered => got == expected,
        Mode::OrderedKeys(n) => {
            let keys = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
                rows.iter().map(|r| r[..n.min(r.len())].to_vec()).collect()
            };
            keys(&got) == keys(&expected) && sorted(&got) == sorted(&expected)
        }
    };
    if agree {
        return None;
    }
    let (got, expected) = if query.mode == Mode::Set {
        (sorted(&got), sorted(&expected))
    } else {
        (got, expected)
    };
    let first_difference = got
        .iter()
        .zip(&expected)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(expected.len()));
    Some(format!(
        "{} ({:?})\n   engine: {}\n   sqlite: {}\n   first difference at row {first_difference}: engine {:?} / sqlite {:?}",
        query.sql,
        query.mode,
        show(&got),
        show(&expected),
        got.get(first_difference),
        expected.get(first_difference)
    ))
}
