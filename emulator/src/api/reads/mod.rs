//! Read APIs: apps, app settings, records, cursors, spaces.

use super::{ApiRequest, ApiResult};
use crate::state::State;

pub fn route(_state: &State, _req: &ApiRequest) -> Option<ApiResult> {
    None
}
