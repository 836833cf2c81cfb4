//! `records.json` and `record.json` GET (facts §4). Pages are written
//! straight into bytes under the store's read lock: no `Value` tree.

use std::io::Write;

use crate::api::{access, params, ApiError, ApiRequest, ApiResponse, ApiResult, Permission};
use crate::query::{self, QueryUse};
use crate::state::State;

use super::selection::{write_records, Selection};

/// facts §4: the header a capped `like` search carries.
pub const LIKE_WARNING: &str = "Filter aborted because of too many search results";

/// `GET records.json?app&query&fields[]&totalCount`.
pub fn records(state: &State, req: &ApiRequest) -> ApiResult {
    let app_id = params::id(req, "app")?;
    let query_text = params::opt_str(req, "query")?.unwrap_or_default();
    let with_total = params::opt_bool(req, "totalCount")?.unwrap_or(false);
    let store = state.store.read();
    let app = access::app_for(&store, req, app_id, Permission::ViewRecord)?;
    let selection = Selection::from_request(app, req)?;
    let ctx = super::query_context(state, &store, app, req, state.clock.now());
    let result = query::run(&ctx, &query_text, QueryUse::Records)?;
    let mut out = Vec::with_capacity(64 + result.records.len() * 512);
    out.push(b'{');
    let n = write_records(&mut out, app, result.records.iter().copied(), &selection);
    if with_total {
        let _ = write!(out, ",\"totalCount\":\"{}\"}}", result.total_count);
    } else {
        out.extend_from_slice(b",\"totalCount\":null}");
    }
    let like_capped = result.like_capped;
    drop(result);
    drop(store);
    state.stats.add_records(n);
    let response = ApiResponse::RawJson(out);
    if like_capped {
        return Ok(ApiResponse::WithHeaders {
            headers: vec![("X-Cybozu-Warning", LIKE_WARNING.to_string())],
            response: Box::new(response),
        });
    }
    Ok(response)
}

/// `GET record.json?app&id` -> `{"record":{...}}`; missing: 404 `GAIA_RE01`.
pub fn record(state: &State, req: &ApiRequest) -> ApiResult {
    let app_id = params::id(req, "app")?;
    let id = params::id(req, "id")?;
    let store = state.store.read();
    let app = access::app_for(&store, req, app_id, Permission::ViewRecord)?;
    let record = app
        .records
        .get(&id)
        .ok_or_else(|| ApiError::record_not_found(id))?;
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"record\":");
    app.write_record_json(&mut out, record, None, true, true);
    out.push(b'}');
    drop(store);
    state.stats.add_records(1);
    Ok(ApiResponse::RawJson(out))
}
