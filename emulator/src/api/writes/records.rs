//! `record.json` and `records.json` POST / PUT / DELETE (facts §7).

use serde_json::{json, Map, Value as Json};

use super::call::Call;
use super::params::{array, as_u64, boolean, object, required_id, revision, string};
use crate::api::params::REQUIRED;
use crate::api::{ApiError, Permission};
use crate::write::invalid;
use crate::write::records::{
    add_record, check_batch_size, check_distinct_targets, delete_records, run_batch, update_record,
    upsert_record, Target, Update, Written,
};

fn written_json(w: Written) -> Json {
    json!({"id": w.id.to_string(), "revision": w.revision.to_string()})
}

/// A record object (absent = empty: every field takes its default).
fn record_input<'j>(
    value: Option<&'j Json>,
    key: &str,
) -> Result<Option<&'j Map<String, Json>>, ApiError> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Object(obj)) => Ok(Some(obj)),
        Some(_) => Err(invalid(key, "The value must be an object.")),
    }
}

/// `POST record.json {app, record}` -> `{"id","revision"}`.
pub fn post_record(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::AddRecord)?;
    let empty = Map::new();
    let record = object(call.params(), "record")?.cloned().unwrap_or(empty);
    let written = call
        .with_env(|tx, env| add_record(tx, app, &record, env))
        .map_err(|e| e.with_key_prefix("record."))?;
    Ok(written_json(written))
}

/// `POST records.json {app, records[<=100]}` -> `{"ids":[...],"revisions":[...]}`.
pub fn post_records(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::AddRecord)?;
    let params = call.params().clone();
    let records = array(&params, "records")?;
    check_batch_size(records.len(), "records")?;
    let mut objects = Vec::with_capacity(records.len());
    for (n, record) in records.iter().enumerate() {
        let object = record.as_object();
        objects
            .push(object.ok_or_else(|| {
                invalid(format!("records[{n}]"), "The record must be an object.")
            })?);
    }
    let written = call.with_env(|tx, env| {
        run_batch(tx, objects, |tx, record| add_record(tx, app, record, env))
    })?;
    Ok(json!({
        "ids": written.iter().map(|w| w.id.to_string()).collect::<Vec<_>>(),
        "revisions": written.iter().map(|w| w.revision.to_string()).collect::<Vec<_>>(),
    }))
}

/// The target of an update entry: `id` or `updateKey {field, value}`.
fn target(entry: &Json) -> Result<Target, ApiError> {
    let id = entry.get("id").filter(|v| !v.is_null());
    let key = entry.get("updateKey").filter(|v| !v.is_null());
    match (id, key) {
        (Some(_), Some(_)) => Err(invalid("id", "Specify either id or updateKey, not both.")),
        (Some(id), None) => as_u64(id)
            .map(Target::Id)
            .ok_or_else(|| invalid("id", "Enter an integer value.")),
        (None, Some(key)) => {
            let field = string(key, "field")
                .ok()
                .flatten()
                .filter(|f| !f.is_empty())
                .ok_or_else(|| invalid("updateKey.field", REQUIRED))?;
            let value = key
                .get("value")
                .cloned()
                .ok_or_else(|| invalid("updateKey.value", REQUIRED))?;
            Ok(Target::Key {
                field: field.to_string(),
                value,
            })
        }
        (None, None) => Err(invalid("id", REQUIRED)),
    }
}

/// An update entry `{id|updateKey, revision?, record?}`.
fn update_of(entry: &Json) -> Result<Update<'_>, ApiError> {
    Ok(Update {
        target: target(entry)?,
        revision: revision(entry.get("revision"), "revision")?,
        record: record_input(entry.get("record"), "record")?,
    })
}

/// `PUT record.json {app, id|updateKey, revision?, record}` -> `{"revision"}`.
pub fn put_record(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let params = call.params().clone();
    let update = update_of(&params)?;
    let written = call.with_env(|tx, env| update_record(tx, app, &update, env))?;
    Ok(json!({"revision": written.revision.to_string()}))
}

/// `PUT records.json {app, records[<=100], upsert?}` ->
/// `{"records":[{id, revision[, operation]}]}`.
pub fn put_records(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    let upsert = boolean(call.params(), "upsert")?;
    call.authorize(app, Permission::EditRecord)?;
    if upsert {
        // An upsert may add records: it needs the add permission too.
        call.authorize(app, Permission::AddRecord)?;
    }
    let params = call.params().clone();
    let entries = array(&params, "records")?;
    check_batch_size(entries.len(), "records")?;
    let mut updates = Vec::with_capacity(entries.len());
    for (n, entry) in entries.iter().enumerate() {
        updates.push(update_of(entry).map_err(|e| e.with_key_prefix(&format!("records[{n}].")))?);
    }
    check_distinct_targets(call.tx, app, &updates)?;
    let results = call.with_env(|tx, env| {
        run_batch(tx, &updates, |tx, update| {
            if upsert {
                upsert_record(tx, app, update, env).map(|(w, op)| (w, Some(op)))
            } else {
                update_record(tx, app, update, env).map(|w| (w, None))
            }
        })
    })?;
    let records: Vec<Json> = results
        .into_iter()
        .map(|(w, op)| {
            let mut out = written_json(w);
            if let Some(op) = op {
                out["operation"] = json!(op.name());
            }
            out
        })
        .collect();
    Ok(json!({ "records": records }))
}

/// `DELETE records.json {app, ids[<=100], revisions?}` -> `{}`.
pub fn delete(call: &mut Call) -> Result<Json, ApiError> {
    let app = required_id(call.params(), "app")?;
    call.authorize(app, Permission::DeleteRecord)?;
    let params = call.params().clone();
    let ids = array(&params, "ids")?;
    if ids.is_empty() {
        return Err(invalid("ids", REQUIRED));
    }
    if ids.len() > crate::write::records::MAX_BATCH {
        return Err(invalid(
            "ids",
            "A maximum of 100 records can be deleted at once.",
        ));
    }
    let revisions = match params.get("revisions") {
        None | Some(Json::Null) => None,
        Some(_) => Some(array(&params, "revisions")?),
    };
    if revisions.is_some_and(|r| r.len() != ids.len()) {
        return Err(invalid(
            "revisions",
            "The number of revisions must match the number of ids.",
        ));
    }
    let mut targets = Vec::with_capacity(ids.len());
    for (n, id) in ids.iter().enumerate() {
        let id =
            as_u64(id).ok_or_else(|| invalid(format!("ids[{n}]"), "Enter an integer value."))?;
        let expected = match revisions {
            Some(list) => revision(Some(&list[n]), &format!("revisions[{n}]"))?,
            None => None,
        };
        targets.push((id, expected));
    }
    delete_records(call.tx, app, &targets)?;
    Ok(json!({}))
}
