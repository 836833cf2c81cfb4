//! App settings (facts §9): form fields, layout, views, process management
//! and general settings. Revisions are strings.

use serde_json::{json, Map, Value as Json};

use crate::api::{access, params, ApiError, ApiRequest, ApiResponse, ApiResult, Permission};
use crate::model::{App, FieldType};
use crate::state::State;

/// Resolves the `app` parameter and runs `f` on the app under the read lock.
fn with_app(state: &State, req: &ApiRequest, f: impl FnOnce(&App) -> Json) -> ApiResult {
    if let Some(lang) = params::opt_str(req, "lang")? {
        if !["default", "user", "ja", "en", "zh"].contains(&lang.as_str()) {
            return Err(ApiError::param(
                "lang",
                "Enter one of default, user, ja, en, zh.",
            ));
        }
    }
    let id = params::id(req, "app")?;
    let store = state.store.read();
    let app = access::app_for(&store, req, id, Permission::ReadSettings)?;
    Ok(ApiResponse::Json(f(app)))
}

fn revision(app: &App) -> Json {
    Json::String(app.settings_revision.to_string())
}

/// `app/form/fields.json` -> `{"properties":{...},"revision":"N"}`. Layout-only
/// elements (labels, spaces, borders) are not fields and only appear in the layout.
pub fn fields(state: &State, req: &ApiRequest) -> ApiResult {
    with_app(state, req, |app| {
        let properties: Map<String, Json> = app
            .fields
            .iter()
            .filter(|f| !matches!(f.kind, FieldType::Label | FieldType::Spacer | FieldType::Hr))
            .map(|f| (f.code.clone(), Json::Object(f.raw.clone())))
            .collect();
        json!({"properties": properties, "revision": revision(app)})
    })
}

/// `app/form/layout.json` -> `{"layout":[...],"revision":"N"}`.
pub fn layout(state: &State, req: &ApiRequest) -> ApiResult {
    with_app(
        state,
        req,
        |app| json!({"layout": app.layout, "revision": revision(app)}),
    )
}

/// `app/views.json` -> `{"views":{...},"revision":"N"}`.
pub fn views(state: &State, req: &ApiRequest) -> ApiResult {
    with_app(
        state,
        req,
        |app| json!({"views": app.views, "revision": revision(app)}),
    )
}

/// `app/status.json` -> `{"enable":..,"states":..,"actions":..,"revision":".."}`.
pub fn status(state: &State, req: &ApiRequest) -> ApiResult {
    with_app(state, req, |app| {
        let get = |k: &str| app.status.get(k).cloned().unwrap_or(Json::Null);
        let revision = match app.status.get("revision") {
            Some(Json::String(r)) => Json::String(r.clone()),
            Some(Json::Number(n)) => Json::String(n.to_string()),
            _ => revision(app),
        };
        json!({
            "enable": app.status.get("enable").and_then(Json::as_bool).unwrap_or(false),
            "states": get("states"),
            "actions": get("actions"),
            "revision": revision,
        })
    })
}

/// `app/settings.json`: name, description, numberPrecision (string values), ...
pub fn settings(state: &State, req: &ApiRequest) -> ApiResult {
    with_app(state, req, |app| {
        let p = &app.number_precision;
        json!({
            "name": app.name,
            "description": app.description,
            "icon": {"type": "PRESET", "key": "APP72"},
            "theme": "WHITE",
            "titleField": {"selectionMode": "AUTO"},
            "enableThumbnails": true,
            "enableBulkDeletion": false,
            "enableComments": true,
            "enableDuplicateRecord": true,
            "enableInlineRecordEditing": true,
            "numberPrecision": {
                "digits": p.digits.to_string(),
                "decimalPlaces": p.decimal_places.to_string(),
                "roundingMode": p.rounding_mode,
            },
            "firstMonthOfFiscalYear": "4",
            "revision": revision(app),
        })
    })
}
