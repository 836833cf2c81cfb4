//! Write APIs: records, bulkRequest, statuses, assignees, comments, files.
//!
//! Each call takes the store's write lock once and runs in one
//! [`Tx`](crate::write::Tx): it commits when the handler succeeds and rolls
//! back otherwise (facts §7: every batch is all-or-nothing). GET of comments
//! and files only reads, under the read lock.

mod bulk;
mod call;
mod comments;
mod files;
mod params;
mod records;
mod status;

use serde_json::Value as Json;

use super::{ApiError, ApiRequest, ApiResponse, ApiResult};
use crate::model::Store;
use crate::state::State;
use crate::write::Tx;
use call::Call;

type WriteHandler = fn(&mut Call) -> Result<Json, ApiError>;
type ReadHandler = fn(&Store, &ApiRequest) -> ApiResult;

/// The record APIs that bulkRequest may run, by method and api name.
fn record_handler(method: &str, api: &str) -> Option<WriteHandler> {
    Some(match (method, api) {
        ("POST", "record") => records::post_record,
        ("POST", "records") => records::post_records,
        ("PUT", "record") => records::put_record,
        ("PUT", "records") => records::put_records,
        ("DELETE", "records") => records::delete,
        ("PUT", "record/status") => status::put_status,
        ("PUT", "records/status") => status::put_statuses,
        ("PUT", "record/assignees") => status::put_assignees,
        _ => return None,
    })
}

/// Runs a record API inside an existing call (used by bulkRequest).
fn record_api(call: &mut Call) -> Option<Result<Json, ApiError>> {
    let handler = record_handler(call.req.method.as_str(), &call.req.api)?;
    Some(handler(call))
}

enum Handler {
    Write(WriteHandler),
    Read(ReadHandler),
}

fn handler(req: &ApiRequest) -> Option<Handler> {
    if req.preview {
        return None;
    }
    let method = req.method.as_str();
    if let Some(write) = record_handler(method, &req.api) {
        return Some(Handler::Write(write));
    }
    Some(match (method, req.api.as_str()) {
        ("POST", "bulkRequest") => Handler::Write(bulk::run),
        ("POST", "record/comment") => Handler::Write(comments::add),
        ("DELETE", "record/comment") => Handler::Write(comments::delete),
        ("POST", "file") => Handler::Write(files::upload),
        ("GET", "record/comments") => {
            Handler::Read(|store, req| comments::list(store, req).map(ApiResponse::Json))
        }
        ("GET", "file") => Handler::Read(files::download),
        _ => return None,
    })
}

/// Runs a write handler in one transaction: committed when it succeeds,
/// rolled back otherwise.
fn run_write(
    store: &mut Store,
    req: &ApiRequest,
    now: chrono::DateTime<chrono::Utc>,
    time_zone: chrono_tz::Tz,
    handler: WriteHandler,
) -> ApiResult {
    let mut tx = Tx::begin(store);
    let mut call = Call {
        tx: &mut tx,
        req,
        now,
        time_zone,
    };
    let result = handler(&mut call);
    if result.is_ok() {
        tx.commit();
    }
    result.map(ApiResponse::Json)
}

pub fn route(state: &State, req: &ApiRequest) -> Option<ApiResult> {
    Some(match handler(req)? {
        Handler::Write(write) => run_write(
            &mut state.store.write(),
            req,
            state.clock.now(),
            state.time_zone,
            write,
        ),
        Handler::Read(read) => read(&state.store.read(), req),
    })
}

/// The same as [`route`] over a bare store (for tests without a server).
#[cfg(test)]
fn route_store(
    store: &mut Store,
    req: &ApiRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<ApiResult> {
    Some(match handler(req)? {
        Handler::Write(write) => run_write(store, req, now, chrono_tz::UTC, write),
        Handler::Read(read) => read(store, req),
    })
}

#[cfg(test)]
mod tests;
