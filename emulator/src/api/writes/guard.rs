//! Access checks of the write handlers: the guest-space path rules (facts
//! §1) and the caller's permission for an app (facts §2: token permissions,
//! OAuth scopes).

use crate::api::{ApiError, ApiRequest, Permission, Principal};
use crate::model::Store;

/// The OAuth scope a permission needs.
fn scope(permission: Permission) -> &'static str {
    match permission {
        Permission::ViewRecord => "k:app_record:read",
        Permission::AddRecord | Permission::EditRecord | Permission::DeleteRecord => {
            "k:app_record:write"
        }
        Permission::ReadSettings => "k:app_settings:read",
        Permission::WriteFile => "k:file:write",
        Permission::ReadFile => "k:file:read",
    }
}

/// 403 for an OAuth token without the scope [assumed code].
fn missing_scope(scope: &str) -> ApiError {
    ApiError::new(
        403,
        "CB_NO02",
        format!("No privilege to proceed: the OAuth scope {scope} is required."),
    )
}

/// Checks the caller's permission for an app, without looking at the app
/// itself: users may do anything [assumed: no app permissions modelled];
/// OAuth clients need the scope; API tokens need a token of this app with
/// the permission (facts §2: otherwise 403 `GAIA_NO01`).
pub fn check_permission(
    req: &ApiRequest,
    app_id: u64,
    permission: Permission,
) -> Result<(), ApiError> {
    match &req.principal {
        Principal::User { .. } => Ok(()),
        Principal::OAuth { scopes, .. } => {
            let needed = scope(permission);
            if scopes.iter().any(|s| s == needed) {
                Ok(())
            } else {
                Err(missing_scope(needed))
            }
        }
        Principal::Tokens(tokens) => {
            let allowed = tokens
                .iter()
                .filter(|(app, _)| *app == app_id)
                .any(|(_, t)| match permission {
                    Permission::ViewRecord | Permission::ReadSettings | Permission::ReadFile => {
                        t.view_record
                    }
                    Permission::AddRecord => t.add_record,
                    Permission::EditRecord => t.edit_record,
                    Permission::DeleteRecord => t.delete_record,
                    Permission::WriteFile => t.add_record || t.edit_record,
                });
            if allowed {
                Ok(())
            } else {
                Err(ApiError::token_cannot_run_api())
            }
        }
    }
}

/// The app exists, is reached through the right path, and the caller may
/// do `permission` on it.
pub fn check_app(
    store: &Store,
    req: &ApiRequest,
    app_id: u64,
    permission: Permission,
) -> Result<(), ApiError> {
    let app = store
        .app(app_id)
        .ok_or_else(|| ApiError::app_not_found(app_id))?;
    match (store.guest_space_of(app), req.guest_space) {
        (Some(space), None) => {
            return Err(ApiError::new(
                400,
                "GAIA_IL23",
                format!("The app is in a guest space: send the request to /k/guest/{space}/v1/..."),
            ))
        }
        (Some(space), Some(given)) if space != given => return Err(ApiError::no_privilege()),
        (None, Some(_)) => return Err(ApiError::no_privilege()),
        _ => {}
    }
    check_permission(req, app_id, permission)
}

/// Files belong to no app: any token may upload or download [assumed], and
/// OAuth needs the file scope.
pub fn check_files(req: &ApiRequest, permission: Permission) -> Result<(), ApiError> {
    match &req.principal {
        Principal::OAuth { scopes, .. } if !scopes.iter().any(|s| s == scope(permission)) => {
            Err(missing_scope(scope(permission)))
        }
        _ => Ok(()),
    }
}
