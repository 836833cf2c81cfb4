//! Read APIs: apps, app settings, records, cursors, spaces. One file per
//! API family; each handler resolves the app through `api::access`.

pub mod apps;
pub mod cursor;
pub mod form;
pub mod records;
pub mod selection;
pub mod space;

use http::Method;

use super::{access, ApiRequest, ApiResult};
use crate::model::{App, Store};
use crate::query::Context;
use crate::state::State;

/// The context a read request's query runs in: the caller (for
/// `LOGINUSER()`), the emulator's clock and the users' time zone.
fn query_context<'a>(
    state: &State,
    store: &'a Store,
    app: &'a App,
    req: &'a ApiRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> Context<'a> {
    Context {
        store,
        app,
        login_user: access::login_user(&req.principal),
        now,
        time_zone: state.time_zone,
    }
}

/// Runs the read API this request names, or None when it is not one.
pub fn route(state: &State, req: &ApiRequest) -> Option<ApiResult> {
    let get = req.method == Method::GET;
    // Settings APIs also exist under `/preview/` (the settings being edited;
    // the emulator has no pending edits, so both answer the same).
    let result = match (req.api.as_str(), req.preview) {
        ("apps", false) if get => apps::apps(state, req),
        ("app", false) if get => apps::app(state, req),
        ("app/form/fields", _) if get => form::fields(state, req),
        ("app/form/layout", _) if get => form::layout(state, req),
        ("app/views", _) if get => form::views(state, req),
        ("app/status", _) if get => form::status(state, req),
        ("app/settings", _) if get => form::settings(state, req),
        ("records", false) if get => records::records(state, req),
        ("record", false) if get => records::record(state, req),
        ("records/cursor", false) => match req.method {
            Method::GET => cursor::get(state, req),
            Method::POST => cursor::create(state, req),
            Method::DELETE => cursor::delete(state, req),
            _ => return None,
        },
        ("space", false) if get => space::space(state, req),
        _ => return None,
    };
    Some(result)
}
