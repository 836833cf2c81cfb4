//! Kintone's query language (facts §6): parsing, type checks, evaluation and
//! sorting, with Kintone's semantics rather than SQL's.
//!
//! The pipeline: `lexer` -> `parser` (into `ast`) -> `compile` (checks
//! against the app's fields with `check`, literals parsed into `key`s via
//! `decimal` and `datefn`, `like` patterns prepared) -> `eval` per record ->
//! `order` (decorate-sort) -> limit/offset. `errors` builds the Kintone
//! error responses.

mod ast;
mod check;
mod compile;
mod datefn;
mod decimal;
mod errors;
mod eval;
mod id_range;
mod key;
mod lexer;
mod like;
mod order;
mod parser;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::model::{App, Record, Store};

pub use ast::{Cond, Literal, Op, OrderKey, Pred, Query};
pub use datefn::{Func, MonthDay, Unit};
pub use errors::SyntaxError;
pub use lexer::CmpOp;

/// `limit` when the query gives none (facts §4).
pub const DEFAULT_LIMIT: u64 = 100;
/// Largest `limit` (`GAIA_QU01` above it).
pub const MAX_LIMIT: u64 = 500;
/// Largest `offset` (`GAIA_QU02` above it).
pub const MAX_OFFSET: u64 = 10_000;
/// A `like` search stops at this many matches (facts §4 [measured]); the
/// response then carries the `X-Cybozu-Warning` header.
pub const LIKE_MATCH_CAP: usize = 100_000;

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
    /// True when a `like` search stopped at [`LIKE_MATCH_CAP`] matches: the
    /// handler adds the `X-Cybozu-Warning` header (facts §4).
    pub like_capped: bool,
}

/// Parses a query without looking at any app (syntax only; `CB_VA01`).
pub fn parse(query: &str) -> Result<Query, ApiError> {
    parser::parse(query).map_err(ApiError::from)
}

/// Parses, checks and runs `query` over the app's records.
pub fn run<'a>(
    ctx: &Context<'a>,
    query: &str,
    usage: QueryUse,
) -> Result<QueryResult<'a>, ApiError> {
    let parsed = parse(query)?;
    let (limit, offset) = paging(&parsed, usage)?;
    let filter = parsed
        .cond
        .as_ref()
        .map(|c| compile::compile(ctx, c))
        .transpose()?;
    let keys = order::compile_order(ctx, &parsed.order)?;

    let tz = ctx.time_zone;
    // Scanned in Kintone's default order, `$id` descending: the sort below
    // is stable, so ties keep that order (facts §4).
    let first_id = parsed.cond.as_ref().map_or(0, id_range::lower_bound);
    let scanned = ctx.app.records.range(first_id..).map(|(_, r)| r).rev();
    let mut records: Vec<&'a Record> = match &filter {
        None => scanned.collect(),
        Some(f) => scanned.filter(|r| f.node.matches(r, tz)).collect(),
    };
    let uses_like = filter.as_ref().is_some_and(|f| f.uses_like);
    let like_capped = cap_like_matches(&mut records, uses_like, LIKE_MATCH_CAP);
    let total_count = records.len();
    order::sort(&mut records, &keys, tz);
    let page = records
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    Ok(QueryResult {
        records: page,
        total_count,
        like_capped,
    })
}

/// facts §4: a `like` search stops at `cap` matches. Returns true when it
/// did. [assumed] The search keeps the newest matches (`$id` descending).
fn cap_like_matches(records: &mut Vec<&Record>, uses_like: bool, cap: usize) -> bool {
    let capped = uses_like && records.len() > cap;
    if capped {
        records.truncate(cap);
    }
    capped
}

/// The effective `limit` (None: no limit) and `offset`, checked (facts §4, §5).
fn paging(q: &Query, usage: QueryUse) -> Result<(Option<usize>, usize), ApiError> {
    if usage == QueryUse::Cursor {
        if q.limit.is_some() || q.offset.is_some() {
            // [assumed] message; facts §5: the cursor query may not contain them.
            return Err(ApiError::param(
                "query",
                "limit and offset cannot be used in a cursor query",
            ));
        }
        return Ok((None, 0));
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(errors::limit_too_large());
    }
    let offset = q.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(errors::offset_too_large());
    }
    Ok((Some(limit as usize), offset as usize))
}
