//! `space.json` (facts §9): a minimal space in the OpenAPI shape. Closed to
//! OAuth clients (facts §2) and [assumed] to API tokens.

use serde_json::json;

use crate::api::{access, params, ApiError, ApiRequest, ApiResponse, ApiResult, Principal};
use crate::state::State;

pub fn space(state: &State, req: &ApiRequest) -> ApiResult {
    access::refuse_oauth(req)?;
    if let Principal::Tokens(_) = req.principal {
        return Err(ApiError::token_cannot_run_api());
    }
    let id = params::id(req, "id")?;
    let store = state.store.read();
    let space = store.space(id).ok_or_else(|| {
        // [assumed] code for a missing space.
        ApiError::new(
            404,
            "GAIA_SP01",
            format!("The space (ID: {id}) is not found."),
        )
    })?;
    // A guest space only through its guest path, like its apps (facts §1).
    match (space.is_guest, req.guest_space) {
        (true, None) => return Err(access::guest_path_required()),
        (true, Some(path)) if path != id => return Err(ApiError::no_privilege()),
        (false, Some(_)) => return Err(ApiError::no_privilege()),
        _ => {}
    }
    let attached: Vec<_> = store
        .apps
        .values()
        .filter(|a| a.space_id == Some(id))
        .map(|a| {
            json!({
                "appId": a.id.to_string(), "code": a.code, "name": a.name,
                "description": a.description, "createdAt": a.created_at,
                "creator": {"code": a.creator.code, "name": a.creator.name},
                "modifiedAt": a.modified_at,
                "modifier": {"code": a.modifier.code, "name": a.modifier.name},
                "threadId": a.thread_id.map(|t| t.to_string()),
            })
        })
        .collect();
    Ok(ApiResponse::Json(json!({
        "id": id.to_string(),
        "name": space.name,
        "defaultThread": id.to_string(),
        "isPrivate": false,
        "creator": {"code": "Administrator", "name": "Administrator"},
        "modifier": {"code": "Administrator", "name": "Administrator"},
        "memberCount": store.users.len().to_string(),
        "coverType": "PRESET",
        "coverKey": "GREEN",
        "coverUrl": "",
        "body": "",
        "useMultiThread": false,
        "isGuest": space.is_guest,
        "attachedApps": attached,
        "fixedMember": false,
        "showAnnouncement": true,
        "showThreadList": true,
        "showAppList": true,
        "showMemberList": true,
        "showRelatedLinkList": true,
        "permissions": {"createApp": "EVERYONE"},
    })))
}
