//! Kintone's query language (facts §6): parsing, type checks, evaluation and
//! sorting, with Kintone's semantics rather than SQL's.
//!
//! INTERFACE STUB: the query module's owner replaces the body of `run` with
//! the real implementation; the signatures below are the contract the HTTP
//! handlers use.

use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::model::{App, Record, Store};

/// What a query is evaluated against.
pub struct Context<'a> {
    pub store: &'a Store,
    pub app: &'a App,
    /// The signed-in user, for `LOGINUSER()` and `PRIMARY_ORGANIZATION()`
    /// (None for API-token callers).
    pub login_user: Option<&'a str>,
    /// The current time, from the emulator's clock.
    pub now: DateTime<Utc>,
    /// The user's time zone: date functions are evaluated in it.
    pub time_zone: chrono_tz::Tz,
}

/// Where the query came from: `records.json` allows `limit`/`offset`
/// (bounded by `GAIA_QU01` / `GAIA_QU02`), the cursor API refuses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryUse {
    Records,
    Cursor,
}

/// The records a query selects, in order, after `offset` and `limit`.
pub struct QueryResult<'a> {
    pub records: Vec<&'a Record>,
    /// Matches before `limit`/`offset` (for `totalCount`).
    pub total_count: usize,
}

/// Parses, checks and runs `query` over the app's records.
pub fn run<'a>(
    ctx: &Context<'a>,
    query: &str,
    usage: QueryUse,
) -> Result<QueryResult<'a>, ApiError> {
    let _ = (query, usage);
    // Stub: no filter, Kintone's default order ($id descending), limit 100.
    let records: Vec<&Record> = ctx.app.records.values().rev().collect();
    let total_count = records.len();
    Ok(QueryResult {
        records: records.into_iter().take(100).collect(),
        total_count,
    })
}
