//! The cursor API (facts §5): a fixed set of record ids read page by page,
//! at most 10 live cursors per domain, 10 minutes of life extended by each
//! GET that leaves records. Closed to OAuth clients (facts §2).

use std::collections::HashMap;
use std::io::Write;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::api::{access, params, ApiError, ApiRequest, ApiResponse, ApiResult, Permission};
use crate::query::{self, QueryUse};
use crate::state::State;

use super::selection::{write_records, Selection};

pub const MAX_LIVE_CURSORS: usize = 10;
pub const DEFAULT_SIZE: u64 = 100;
pub const MAX_SIZE: u64 = 500;
/// Life after creation and after each GET that leaves records.
pub const LIFETIME_SECONDS: i64 = 600;

/// One live cursor.
#[derive(Clone, Debug)]
pub struct Cursor {
    pub app_id: u64,
    /// The records, in query order, fixed at creation.
    ids: Vec<u64>,
    /// Index of the next id to return.
    position: usize,
    size: usize,
    selection: Selection,
    expires: DateTime<Utc>,
}

/// All live cursors of the domain.
#[derive(Default)]
pub struct CursorRegistry {
    cursors: HashMap<String, Cursor>,
}

impl CursorRegistry {
    fn purge(&mut self, now: DateTime<Utc>) {
        self.cursors.retain(|_, c| c.expires > now);
    }

    /// Cursors alive at `now` (expired ones are dropped).
    pub fn live(&mut self, now: DateTime<Utc>) -> usize {
        self.purge(now);
        self.cursors.len()
    }

    fn insert(&mut self, cursor: Cursor, now: DateTime<Utc>) -> Result<String, ApiError> {
        if self.live(now) >= MAX_LIVE_CURSORS {
            return Err(ApiError::new(
                429,
                "GAIA_TM12",
                "The number of cursors has reached the limit (10). Delete cursors you no longer need.",
            ));
        }
        let id = uuid::Uuid::new_v4().to_string();
        self.cursors.insert(id.clone(), cursor);
        Ok(id)
    }

    fn get(&mut self, id: &str, now: DateTime<Utc>) -> Result<&mut Cursor, ApiError> {
        self.purge(now);
        self.cursors.get_mut(id).ok_or_else(cursor_not_found)
    }
}

fn cursor_not_found() -> ApiError {
    ApiError::new(
        404,
        "GAIA_CN01",
        "The specified cursor does not exist. It may have expired or been deleted.",
    )
}

fn cursor_id(req: &ApiRequest) -> Result<String, ApiError> {
    params::opt_str(req, "id")?.ok_or_else(|| ApiError::param("id", params::REQUIRED))
}

/// `POST records/cursor.json {app, fields?, query?, size?}` -> `{"id","totalCount"}`.
pub fn create(state: &State, req: &ApiRequest) -> ApiResult {
    access::refuse_oauth(req)?;
    let app_id = params::id(req, "app")?;
    let size = params::opt_count(req, "size")?.unwrap_or(DEFAULT_SIZE);
    if !(1..=MAX_SIZE).contains(&size) {
        return Err(ApiError::param("size", "must be between 1 and 500."));
    }
    let query_text = params::opt_str(req, "query")?.unwrap_or_default();
    let now = state.clock.now();
    let (ids, selection) = {
        let store = state.store.read();
        let app = access::app_for(&store, req, app_id, Permission::ViewRecord)?;
        let selection = Selection::from_request(app, req)?;
        let ctx = super::query_context(state, &store, app, req, now);
        let result = query::run(&ctx, &query_text, QueryUse::Cursor)?;
        let ids: Vec<u64> = result.records.iter().map(|r| r.id).collect();
        (ids, selection)
    };
    let total = ids.len();
    let cursor = Cursor {
        app_id,
        ids,
        position: 0,
        size: size as usize,
        selection,
        expires: now + Duration::seconds(LIFETIME_SECONDS),
    };
    let id = state.cursors.lock().insert(cursor, now)?;
    Ok(ApiResponse::Json(
        json!({"id": id, "totalCount": total.to_string()}),
    ))
}

/// `GET records/cursor.json?id=` -> `{"records":[...],"next":bool}`. The
/// cursor is deleted after the page with `next:false`.
pub fn get(state: &State, req: &ApiRequest) -> ApiResult {
    access::refuse_oauth(req)?;
    let id = cursor_id(req)?;
    let now = state.clock.now();
    // The registry lock is never held together with the store lock.
    let (app_id, selection, page, end, next) = {
        let mut registry = state.cursors.lock();
        let cursor = registry.get(&id, now)?;
        let end = (cursor.position + cursor.size).min(cursor.ids.len());
        let page = cursor.ids[cursor.position..end].to_vec();
        let next = end < cursor.ids.len();
        (cursor.app_id, cursor.selection.clone(), page, end, next)
    };
    let mut out = Vec::with_capacity(64 + page.len() * 1024);
    let n = {
        let store = state.store.read();
        let app = access::app_for(&store, req, app_id, Permission::ViewRecord)?;
        let selection = selection.valid_for(app);
        // Field values are read now; records deleted since creation are skipped.
        let records = page.iter().filter_map(|id| app.records.get(id));
        out.push(b'{');
        let n = write_records(&mut out, app, records, &selection);
        let _ = write!(out, ",\"next\":{next}}}");
        n
    };
    {
        let mut registry = state.cursors.lock();
        if next {
            if let Ok(cursor) = registry.get(&id, now) {
                cursor.position = end;
                cursor.expires = now + Duration::seconds(LIFETIME_SECONDS);
            }
        } else {
            registry.cursors.remove(&id);
        }
    }
    state.stats.add_records(n);
    Ok(ApiResponse::RawJson(out))
}

/// `DELETE records/cursor.json {id}` -> `{}`; unknown, expired, deleted or
/// exhausted: 404 `GAIA_CN01`.
pub fn delete(state: &State, req: &ApiRequest) -> ApiResult {
    access::refuse_oauth(req)?;
    let id = cursor_id(req)?;
    let now = state.clock.now();
    let mut registry = state.cursors.lock();
    registry.get(&id, now)?;
    registry.cursors.remove(&id);
    Ok(ApiResponse::Json(json!({})))
}
