//! Process management (facts §7, §9): the app's `status` settings
//! (`app/status.json` shape), the initial status of new records, running an
//! action (`record/status.json`, revision +2) and replacing assignees
//! (`record/assignees.json`).

use serde_json::Value as Json;

use super::datetime::{format_minute, truncate_to_minute};
use super::records::{check_revision, Written};
use super::{invalid, Tx, WriteEnv};
use crate::api::ApiError;
use crate::model::{App, Entity, FieldType, Record, Store, Value};

/// At most this many assignees (`record/assignees.json`).
pub const MAX_ASSIGNEES: usize = 100;

/// True when the app's process management is enabled.
pub fn enabled(app: &App) -> bool {
    app.status.get("enable").and_then(Json::as_bool) == Some(true)
}

/// The states in their `index` order: (name, settings).
fn states(app: &App) -> Vec<(String, &Json)> {
    let Some(states) = app.status.get("states").and_then(Json::as_object) else {
        return Vec::new();
    };
    let mut list: Vec<(i64, String, &Json)> = states
        .iter()
        .map(|(name, state)| {
            let index = match state.get("index") {
                Some(Json::String(s)) => s.parse().unwrap_or(i64::MAX),
                Some(Json::Number(n)) => n.as_i64().unwrap_or(i64::MAX),
                _ => i64::MAX,
            };
            let name = state
                .get("name")
                .and_then(Json::as_str)
                .unwrap_or(name)
                .to_string();
            (index, name, state)
        })
        .collect();
    list.sort_by_key(|(index, _, _)| *index);
    list.into_iter()
        .map(|(_, name, state)| (name, state))
        .collect()
}

/// State names in order.
pub fn state_names(app: &App) -> Vec<String> {
    states(app).into_iter().map(|(name, _)| name).collect()
}

/// The status of a new record: the state with the lowest index, when
/// process management is enabled.
pub fn initial_state(app: &App) -> Option<String> {
    if !enabled(app) {
        return None;
    }
    states(app).into_iter().next().map(|(name, _)| name)
}

/// The assignees of a new record: those of the initial state.
pub fn initial_assignees(store: &Store, app: &App, values: &[Value]) -> Vec<Entity> {
    if !enabled(app) {
        return Vec::new();
    }
    match states(app).first() {
        Some((_, state)) => candidates(store, app, values, state),
        None => Vec::new(),
    }
}

/// The users a state's assignee list designates for a record: users by code,
/// user fields (`FIELD_ENTITY`) and the creator. Organizations and groups are
/// not modelled and designate nobody [assumed].
fn candidates(store: &Store, app: &App, values: &[Value], state: &Json) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let entities = state
        .pointer("/assignee/entities")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for item in entities {
        let entity = item.get("entity").unwrap_or(item);
        let code = entity
            .get("code")
            .and_then(Json::as_str)
            .unwrap_or_default();
        let found: Vec<Entity> = match entity
            .get("type")
            .and_then(Json::as_str)
            .unwrap_or_default()
        {
            "USER" => store.user(code).map(|u| u.entity()).into_iter().collect(),
            "CREATOR" => match app.field_of_type(FieldType::Creator) {
                Some((i, _)) => match &values[i] {
                    Value::Entity(e) if !e.code.is_empty() => vec![(**e).clone()],
                    _ => Vec::new(),
                },
                None => Vec::new(),
            },
            "FIELD_ENTITY" => match app.fields.iter().position(|f| f.code == code) {
                Some(i) => match (&values[i], app.fields[i].kind) {
                    (Value::Entity(e), _) if !e.code.is_empty() => vec![(**e).clone()],
                    (Value::Entities(list), FieldType::UserSelect | FieldType::StatusAssignee) => {
                        list.clone()
                    }
                    _ => Vec::new(),
                },
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        for e in found {
            if !out.iter().any(|o| o.code == e.code) {
                out.push(e);
            }
        }
    }
    out
}

/// 400 `GAIA_ST02` [assumed status].
pub fn disabled_error() -> ApiError {
    ApiError::new(
        400,
        "GAIA_ST02",
        "Process management is not enabled for this app.",
    )
}

/// The record and the indices of STATUS and STATUS_ASSIGNEE, or the error.
fn target<'s>(
    tx: &'s Tx,
    app_id: u64,
    id: u64,
) -> Result<(&'s App, &'s Record, usize, usize), ApiError> {
    let app = tx
        .store()
        .app(app_id)
        .ok_or_else(|| ApiError::app_not_found(app_id))?;
    let (Some((status, _)), Some((assignee, _))) = (
        app.field_of_type(FieldType::Status),
        app.field_of_type(FieldType::StatusAssignee),
    ) else {
        return Err(disabled_error());
    };
    if !enabled(app) {
        return Err(disabled_error());
    }
    let record = app
        .records
        .get(&id)
        .ok_or_else(|| ApiError::record_not_found(id))?;
    Ok((app, record, status, assignee))
}

/// Sets MODIFIER and UPDATED_TIME of a record changed by a status API.
fn touch(app: &App, values: &mut [Value], env: &WriteEnv) {
    for (i, def) in app.fields.iter().enumerate() {
        match def.kind {
            FieldType::Modifier => values[i] = Value::entity(env.actor.clone()),
            FieldType::UpdatedTime => {
                values[i] = Value::Text(format_minute(truncate_to_minute(env.now)))
            }
            _ => {}
        }
    }
}

/// The record after a status API changed its `values`: MODIFIER and
/// UPDATED_TIME set, the revision raised by `step`.
fn changed(
    app: &App,
    record: &Record,
    mut values: Vec<Value>,
    env: &WriteEnv,
    step: u64,
) -> Record {
    touch(app, &mut values, env);
    Record {
        id: record.id,
        revision: record.revision + step,
        values,
    }
}

/// Stores a changed record; answers its id and new revision.
fn save(tx: &mut Tx, app_id: u64, record: Record) -> Written {
    let written = Written {
        id: record.id,
        revision: record.revision,
    };
    tx.put_record(app_id, record);
    written
}

/// Runs a process action on a record: the action must start from the
/// record's status; the new status's assignee list decides the assignees.
/// The revision rises by 2 (facts §7).
pub fn run_action(
    tx: &mut Tx,
    app_id: u64,
    id: u64,
    action: &str,
    assignee: Option<&str>,
    revision: Option<u64>,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let record = {
        let (app, record, status_i, assignee_i) = target(tx, app_id, id)?;
        check_revision(record, revision)?;
        let current = record.values[status_i].as_text();
        let actions = app
            .status
            .get("actions")
            .and_then(Json::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let chosen = actions.iter().find(|a| {
            a.get("name").and_then(Json::as_str) == Some(action)
                && a.get("from").and_then(Json::as_str) == Some(current)
        });
        // [assumed] CB_VA01 for an action that does not start from the current status.
        let Some(chosen) = chosen else {
            return Err(invalid(
                "action",
                format!("The action \"{action}\" cannot be run from the status \"{current}\"."),
            ));
        };
        let next = chosen
            .get("to")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        let next_state = states(app)
            .into_iter()
            .find(|(name, _)| *name == next)
            .map(|(_, s)| s);
        let Some(next_state) = next_state else {
            return Err(invalid(
                "action",
                format!("The status \"{next}\" does not exist."),
            ));
        };
        let candidates = candidates(tx.store(), app, &record.values, next_state);
        let list_type = next_state
            .pointer("/assignee/type")
            .and_then(Json::as_str)
            .unwrap_or("ONE");
        let assignees = match (list_type, assignee) {
            ("ONE", Some(code)) if !code.is_empty() => {
                let user = tx.store().user(code).ok_or_else(|| {
                    invalid(
                        "assignee",
                        format!("The specified user (code: {code}) not found."),
                    )
                })?;
                if !candidates.is_empty() && !candidates.iter().any(|c| c.code == code) {
                    return Err(invalid(
                        "assignee",
                        format!("The user ({code}) is not a candidate assignee."),
                    ));
                }
                vec![user.entity()]
            }
            // The API requires an assignee when the user must choose one;
            // a single candidate is taken as chosen [assumed].
            ("ONE", _) if candidates.len() > 1 => return Err(invalid("assignee", "Required.")),
            _ => candidates,
        };
        let mut values = record.values.clone();
        values[status_i] = Value::Text(next);
        values[assignee_i] = Value::Entities(assignees);
        changed(app, record, values, env, 2)
    };
    Ok(save(tx, app_id, record))
}

/// Replaces the assignees of a record's current status. The revision rises
/// by 1 [assumed: only actions count twice].
pub fn set_assignees(
    tx: &mut Tx,
    app_id: u64,
    id: u64,
    codes: &[String],
    revision: Option<u64>,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let record = {
        let (app, record, status_i, assignee_i) = target(tx, app_id, id)?;
        if codes.len() > MAX_ASSIGNEES {
            return Err(invalid(
                "assignees",
                format!("A maximum of {MAX_ASSIGNEES} assignees can be specified."),
            ));
        }
        check_revision(record, revision)?;
        let mut entities = Vec::new();
        for (n, code) in codes.iter().enumerate() {
            let user = tx.store().user(code).ok_or_else(|| {
                invalid(
                    format!("assignees[{n}]"),
                    format!("The specified user (code: {code}) not found."),
                )
            })?;
            if !entities.iter().any(|e: &Entity| e.code == *code) {
                entities.push(user.entity());
            }
        }
        let current = record.values[status_i].as_text();
        let list_type = states(app)
            .into_iter()
            .find(|(name, _)| name == current)
            .and_then(|(_, s)| {
                s.pointer("/assignee/type")
                    .and_then(Json::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "ONE".into());
        if list_type == "ONE" && entities.len() > 1 {
            return Err(invalid(
                "assignees",
                "Only one assignee can be set for this status.",
            ));
        }
        let mut values = record.values.clone();
        values[assignee_i] = Value::Entities(entities);
        changed(app, record, values, env, 1)
    };
    Ok(save(tx, app_id, record))
}
