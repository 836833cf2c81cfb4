//! `record/status.json`, `records/status.json` and `record/assignees.json`
//! (facts §7, §9): process actions (revision +2) and assignees.

use serde_json::{json, Value as Json};

use super::call::Call;
use super::params::{array, required_id, revision, string};
use crate::api::params::REQUIRED;
use crate::api::{ApiError, Permission};
use crate::write::invalid;
use crate::write::process::{run_action, set_assignees};
use crate::write::records::{check_batch_size, run_batch, Written};

/// One action request `{id, action, assignee?, revision?}`.
struct ActionRequest {
    id: u64,
    action: String,
    assignee: Option<String>,
    revision: Option<u64>,
}

fn action_request(entry: &Json) -> Result<ActionRequest, ApiError> {
    let action = string(entry, "action")?
        .filter(|a| !a.is_empty())
        .ok_or_else(|| invalid("action", REQUIRED))?;
    Ok(ActionRequest {
        id: required_id(entry, "id")?,
        action: action.to_string(),
        assignee: string(entry, "assignee")?.map(str::to_string),
        revision: revision(entry.get("revision"), "revision")?,
    })
}

fn run(call: &mut Call, app: u64, request: &ActionRequest) -> Result<Written, ApiError> {
    call.with_env(|tx, env| {
        run_action(
            tx,
            app,
            request.id,
            &request.action,
            request.assignee.as_deref(),
            request.revision,
            env,
        )
    })
}

/// `PUT record/status.json {app, id, action, assignee?, revision?}` -> `{"revision"}`.
pub fn put_status(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let request = action_request(call.params())?;
    let written = run(call, app, &request)?;
    Ok(json!({"revision": written.revision.to_string()}))
}

/// `PUT records/status.json {app, records[<=100]}` -> `{"records":[{id, revision}]}`.
pub fn put_statuses(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let params = call.params().clone();
    let entries = array(&params, "records")?;
    check_batch_size(entries.len(), "records")?;
    let mut requests = Vec::with_capacity(entries.len());
    for (n, entry) in entries.iter().enumerate() {
        requests
            .push(action_request(entry).map_err(|e| e.with_key_prefix(&format!("records[{n}].")))?);
    }
    let written = call.with_env(|tx, env| {
        run_batch(tx, &requests, |tx, r| {
            run_action(
                tx,
                app,
                r.id,
                &r.action,
                r.assignee.as_deref(),
                r.revision,
                env,
            )
        })
    })?;
    let records: Vec<Json> = written
        .iter()
        .map(|w| json!({"id": w.id.to_string(), "revision": w.revision.to_string()}))
        .collect();
    Ok(json!({ "records": records }))
}

/// `PUT record/assignees.json {app, id, assignees[], revision?}` -> `{"revision"}`.
pub fn put_assignees(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let params = call.params().clone();
    let id = required_id(&params, "id")?;
    let mut codes = Vec::new();
    for (n, code) in array(&params, "assignees")?.iter().enumerate() {
        match code {
            Json::String(s) => codes.push(s.clone()),
            _ => {
                return Err(invalid(
                    format!("assignees[{n}]"),
                    "The value must be a string.",
                ))
            }
        }
    }
    let expected = revision(params.get("revision"), "revision")?;
    let written = call.with_env(|tx, env| set_assignees(tx, app, id, &codes, expected, env))?;
    Ok(json!({"revision": written.revision.to_string()}))
}
