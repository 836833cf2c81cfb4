//! Write APIs: records, bulkRequest, statuses, assignees, comments, files.

use super::{ApiRequest, ApiResult};
use crate::state::State;

pub fn route(_state: &State, _req: &ApiRequest) -> Option<ApiResult> {
    None
}
