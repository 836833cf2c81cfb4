//! Routes an [`ApiRequest`] to its handler. Read APIs live in
//! `api::reads`, write APIs in `api::writes`; each offers
//! `route(state, req) -> Option<ApiResult>` (None = not its API).

use super::{ApiError, ApiRequest, ApiResult};
use crate::state::State;

pub fn dispatch(state: &State, req: &ApiRequest) -> ApiResult {
    if let Some(result) = super::reads::route(state, req) {
        return result;
    }
    if let Some(result) = super::writes::route(state, req) {
        return result;
    }
    Err(ApiError::new(
        404,
        "CB_UR01",
        format!("The API ({} {}) is not found.", req.method, req.api),
    ))
}
