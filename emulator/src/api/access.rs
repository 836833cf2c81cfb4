//! Who may reach which app: the guest-space path rules (facts §1) and the
//! permission checks of API tokens and OAuth scopes (facts §2). Read and
//! write handlers both call these when they resolve an app id.

use super::{ApiError, ApiRequest, Permission, Principal};
use crate::model::{App, Entity, Store};

/// Finds the app and checks that it was called through the right path:
/// a guest-space app only through `/k/guest/{its space}/v1/`, any other app
/// only through `/k/v1/`.
pub fn resolve_app<'s>(
    store: &'s Store,
    req: &ApiRequest,
    app_id: u64,
) -> Result<&'s App, ApiError> {
    check_app_path(store, req, app_id)?;
    Ok(store.app(app_id).expect("checked by check_app_path"))
}

/// [`resolve_app`] for handlers that change the app.
pub fn resolve_app_mut<'s>(
    store: &'s mut Store,
    req: &ApiRequest,
    app_id: u64,
) -> Result<&'s mut App, ApiError> {
    check_app_path(store, req, app_id)?;
    Ok(store.app_mut(app_id).expect("checked by check_app_path"))
}

/// [`resolve_app`] followed by [`authorize`]: the usual first step of a handler.
pub fn app_for<'s>(
    store: &'s Store,
    req: &ApiRequest,
    app_id: u64,
    permission: Permission,
) -> Result<&'s App, ApiError> {
    let app = resolve_app(store, req, app_id)?;
    authorize(req, app_id, permission)?;
    Ok(app)
}

/// The app exists (404 `GAIA_AP01`) and the path matches its space.
pub fn check_app_path(store: &Store, req: &ApiRequest, app_id: u64) -> Result<(), ApiError> {
    let app = store
        .app(app_id)
        .ok_or_else(|| ApiError::app_not_found(app_id))?;
    match (store.guest_space_of(app), req.guest_space) {
        (Some(_), None) => Err(guest_path_required()),
        (Some(space), Some(path_space)) if space == path_space => Ok(()),
        (None, None) => Ok(()),
        // A guest path for a normal app, or for another guest space.
        _ => Err(ApiError::no_privilege()),
    }
}

/// A guest path must name an existing guest space (APIs that are not about
/// one app, such as `apps.json`). [assumed] 403 `CB_NO02` otherwise.
pub fn check_guest_space(store: &Store, req: &ApiRequest) -> Result<(), ApiError> {
    match req.guest_space {
        Some(id) if !store.space(id).is_some_and(|s| s.is_guest) => Err(ApiError::no_privilege()),
        _ => Ok(()),
    }
}

/// 400 `GAIA_IL23`: a guest-space app called through `/k/v1/` (facts §1).
pub fn guest_path_required() -> ApiError {
    ApiError::new(
        400,
        "GAIA_IL23",
        "To access an app in a guest space, send the request to /k/guest/(id)/v1/...",
    )
}

/// Checks that the caller may do `permission` on the app:
/// - password users may do everything;
/// - API-token callers need a token of that app granting it (403 `GAIA_NO01`);
/// - OAuth callers need the matching scope (403 `CB_NO02` [assumed]).
pub fn authorize(req: &ApiRequest, app_id: u64, permission: Permission) -> Result<(), ApiError> {
    match &req.principal {
        Principal::User { .. } => Ok(()),
        Principal::Tokens(tokens) => {
            let allowed = tokens
                .iter()
                .filter(|(app, _)| *app == app_id)
                .any(|(_, token)| token_grants(token, permission));
            if allowed {
                Ok(())
            } else {
                Err(ApiError::token_cannot_run_api())
            }
        }
        Principal::OAuth { scopes, .. } => {
            let needed = scope_for(permission);
            if scopes.iter().any(|s| s == needed) {
                Ok(())
            } else {
                Err(ApiError::no_privilege())
            }
        }
    }
}

fn token_grants(token: &crate::model::ApiToken, permission: Permission) -> bool {
    match permission {
        // [assumed] reading app settings and files needs the view permission.
        Permission::ViewRecord | Permission::ReadSettings | Permission::ReadFile => {
            token.view_record
        }
        Permission::AddRecord => token.add_record,
        Permission::EditRecord => token.edit_record,
        Permission::DeleteRecord => token.delete_record,
        // [assumed] uploading a file needs a token that may add or edit records.
        Permission::WriteFile => token.add_record || token.edit_record,
    }
}

/// The OAuth scope a permission needs (facts §2).
pub fn scope_for(permission: Permission) -> &'static str {
    match permission {
        Permission::ViewRecord => "k:app_record:read",
        Permission::AddRecord | Permission::EditRecord | Permission::DeleteRecord => {
            "k:app_record:write"
        }
        Permission::ReadSettings => "k:app_settings:read",
        Permission::ReadFile => "k:file:read",
        Permission::WriteFile => "k:file:write",
    }
}

/// APIs closed to OAuth clients: the cursor API and spaces (facts §2).
/// [assumed] 403 `CB_NO02`.
pub fn refuse_oauth(req: &ApiRequest) -> Result<(), ApiError> {
    match req.principal {
        Principal::OAuth { .. } => Err(ApiError::new(
            403,
            "CB_NO02",
            "This API cannot be used with OAuth authentication.",
        )),
        _ => Ok(()),
    }
}

/// The apps an API-token caller holds tokens for (None for users).
pub fn token_apps(principal: &Principal) -> Option<Vec<u64>> {
    match principal {
        Principal::Tokens(tokens) => Some(tokens.iter().map(|(app, _)| *app).collect()),
        _ => None,
    }
}

/// The signed-in user's code (None for API tokens), for `LOGINUSER()`.
pub fn login_user(principal: &Principal) -> Option<&str> {
    match principal {
        Principal::User { code } => Some(code),
        Principal::OAuth { user, .. } => Some(user),
        Principal::Tokens(_) => None,
    }
}

/// Recorded as CREATOR / MODIFIER: the user, or "Administrator" for API
/// tokens (facts §2).
pub fn actor(store: &Store, principal: &Principal) -> Entity {
    match login_user(principal) {
        Some(code) => store.user(code).map(|u| u.entity()).unwrap_or(Entity {
            code: code.to_string(),
            name: code.to_string(),
        }),
        None => crate::write::values::administrator(),
    }
}
