//! `apps.json` and `app.json` (facts §9): app metadata, ids as strings.

use serde_json::{json, Value as Json};

use crate::api::{
    access, params, ApiError, ApiRequest, ApiResponse, ApiResult, Permission, Principal,
};
use crate::model::{App, Store};
use crate::state::State;

/// facts §9: `limit` 1..100, default 100.
pub const MAX_APPS_LIMIT: u64 = 100;

/// One app in the shape of `app.json` and the items of `apps.json`.
pub fn app_json(app: &App) -> Json {
    let id_or_null = |v: Option<u64>| v.map_or(Json::Null, |v| Json::String(v.to_string()));
    json!({
        "appId": app.id.to_string(),
        "code": app.code,
        "name": app.name,
        "description": app.description,
        "spaceId": id_or_null(app.space_id),
        "threadId": id_or_null(app.thread_id),
        "createdAt": app.created_at,
        "creator": {"code": app.creator.code, "name": app.creator.name},
        "modifiedAt": app.modified_at,
        "modifier": {"code": app.modifier.code, "name": app.modifier.name},
    })
}

/// Whether the caller sees the app in `apps.json`: apps reached through the
/// request's path ([assumed] `/k/v1/` lists no guest-space apps, a guest
/// path lists that space's apps), and for API tokens only their apps
/// [assumed]; OAuth needs `k:app_settings:read`.
fn visible(store: &Store, req: &ApiRequest, app: &App) -> bool {
    access::check_app_path(store, req, app.id).is_ok()
        && match &req.principal {
            Principal::User { .. } => true,
            _ => access::authorize(req, app.id, Permission::ReadSettings).is_ok(),
        }
}

/// `GET apps.json` with `ids[]`, `codes[]`, `name`, `spaceIds[]`, `limit`, `offset`.
pub fn apps(state: &State, req: &ApiRequest) -> ApiResult {
    let ids = params::opt_id_array(req, "ids")?;
    let codes = params::opt_str_array(req, "codes")?;
    let name = params::opt_str(req, "name")?.map(|n| n.to_lowercase());
    let space_ids = params::opt_id_array(req, "spaceIds")?;
    let limit = params::opt_count(req, "limit")?.unwrap_or(MAX_APPS_LIMIT);
    if !(1..=MAX_APPS_LIMIT).contains(&limit) {
        return Err(ApiError::param("limit", "must be between 1 and 100."));
    }
    let offset = params::opt_count(req, "offset")?.unwrap_or(0);
    if let Principal::OAuth { scopes, .. } = &req.principal {
        if !scopes
            .iter()
            .any(|s| s == access::scope_for(Permission::ReadSettings))
        {
            return Err(ApiError::no_privilege());
        }
    }
    let store = state.store.read();
    access::check_guest_space(&store, req)?;
    let apps: Vec<Json> = store
        .apps
        .values()
        .filter(|app| visible(&store, req, app))
        .filter(|app| ids.as_ref().is_none_or(|ids| ids.contains(&app.id)))
        .filter(|app| codes.as_ref().is_none_or(|c| c.contains(&app.code)))
        .filter(|app| {
            name.as_ref()
                .is_none_or(|n| app.name.to_lowercase().contains(n.as_str()))
        })
        .filter(|app| {
            space_ids
                .as_ref()
                .is_none_or(|s| app.space_id.is_some_and(|id| s.contains(&id)))
        })
        .skip(offset as usize)
        .take(limit as usize)
        .map(app_json)
        .collect();
    Ok(ApiResponse::Json(json!({ "apps": apps })))
}

/// `GET app.json?id=`.
pub fn app(state: &State, req: &ApiRequest) -> ApiResult {
    let id = params::id(req, "id")?;
    let store = state.store.read();
    let app = access::app_for(&store, req, id, Permission::ReadSettings)?;
    Ok(ApiResponse::Json(app_json(app)))
}
