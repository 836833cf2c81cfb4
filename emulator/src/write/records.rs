//! Record operations of the write APIs (facts §7): add, update by id or
//! `updateKey`, upsert, delete. Each works inside a [`Tx`]; batch variants
//! validate every record and report all validation errors at once, keyed
//! `records[<n>]....`, and leave rolling back to the transaction.

use serde_json::{Map, Value as Json};

use super::build::{build_record, same_value, Pending};
use super::values::scalar_text;
use super::{invalid, number, Tx, WriteEnv};
use crate::api::ApiError;
use crate::model::{App, FieldSlot, FieldType, Record, Value};

/// At most this many records per batch call (facts §7: 101+ is `CB_VA01`).
pub const MAX_BATCH: usize = 100;

/// The id and new revision of a written record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub id: u64,
    pub revision: u64,
}

/// What an upsert did (`"operation"` of `PUT records.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Update,
    Insert,
}

impl Operation {
    pub fn name(self) -> &'static str {
        match self {
            Operation::Update => "UPDATE",
            Operation::Insert => "INSERT",
        }
    }
}

/// Which record an update designates.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Id(u64),
    /// `updateKey: {field, value}`: a unique field and its value.
    Key {
        field: String,
        value: Json,
    },
}

/// One update: the target, the expected revision (None = no check) and the
/// fields to change.
#[derive(Clone, Debug)]
pub struct Update<'j> {
    pub target: Target,
    pub revision: Option<u64>,
    pub record: Option<&'j Map<String, Json>>,
}

/// 409 `GAIA_CO02`.
pub fn revision_conflict() -> ApiError {
    ApiError::new(
        409,
        "GAIA_CO02",
        "The revision is not the latest. Someone may update a record after you opened it.",
    )
}

/// Checks an expected revision (facts §7: -1 or absent means no check).
pub fn check_revision(record: &Record, expected: Option<u64>) -> Result<(), ApiError> {
    match expected {
        Some(rev) if rev != record.revision => Err(revision_conflict()),
        _ => Ok(()),
    }
}

/// Refuses an empty batch or one over 100 records (facts §7).
pub fn check_batch_size(len: usize, key: &str) -> Result<(), ApiError> {
    if len == 0 {
        return Err(invalid(key, "Required."));
    }
    if len > MAX_BATCH {
        return Err(invalid(
            key,
            format!("A maximum of {MAX_BATCH} records can be specified."),
        ));
    }
    Ok(())
}

fn app_of<'s>(tx: &'s Tx, app_id: u64) -> Result<&'s App, ApiError> {
    tx.store()
        .app(app_id)
        .ok_or_else(|| ApiError::app_not_found(app_id))
}

fn apply(tx: &mut Tx, app_id: u64, pending: Pending, record: Record) {
    tx.set_next_row_id(pending.next_row_id);
    for (key, file) in pending.files {
        tx.add_file(key, file);
    }
    tx.put_record(app_id, record);
}

/// Adds a record with the next id. Error keys are relative to the record.
pub fn add_record(
    tx: &mut Tx,
    app_id: u64,
    input: &Map<String, Json>,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let id = app_of(tx, app_id)?.next_record_id;
    insert_record(tx, app_id, id, 1, input, env)
}

/// Adds a record with a given id and revision (fixtures give `$id`/`$revision`).
pub fn insert_record(
    tx: &mut Tx,
    app_id: u64,
    id: u64,
    revision: u64,
    input: &Map<String, Json>,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let (values, pending) = {
        let app = app_of(tx, app_id)?;
        let mut pending = Pending::new(tx.store());
        let values = build_record(tx.store(), app, None, id, input, env, &mut pending)?;
        (values, pending)
    };
    apply(
        tx,
        app_id,
        pending,
        Record {
            id,
            revision,
            values,
        },
    );
    Ok(Written { id, revision })
}

/// The normalised text of an `updateKey` value for its field.
fn key_value(app: &App, field: &str, value: &Json) -> Result<(usize, Value), ApiError> {
    let def = match app.slot(field) {
        Some(FieldSlot::Top(i)) => Some((i, &app.fields[i])),
        _ => None,
    };
    let Some((i, def)) = def.filter(|(_, d)| {
        d.unique && matches!(d.kind, FieldType::SingleLineText | FieldType::Number)
    }) else {
        return Err(invalid(
            "updateKey.field",
            "The field must be a unique text or number field.",
        ));
    };
    let text = scalar_text(value).map_err(|m| invalid("updateKey.value", m))?;
    if text.trim().is_empty() {
        return Err(invalid("updateKey.value", "Required."));
    }
    let text = if def.kind == FieldType::Number {
        number::normalize_number(&text, &app.number_precision)
            .map_err(|e| invalid("updateKey.value", e.message()))?
    } else {
        text
    };
    Ok((i, Value::Text(text)))
}

/// The id of the record a target designates, if it exists.
fn find_target(app: &App, target: &Target) -> Result<Option<u64>, ApiError> {
    match target {
        Target::Id(id) => Ok(app.records.contains_key(id).then_some(*id)),
        Target::Key { field, value } => {
            let (i, wanted) = key_value(app, field, value)?;
            let kind = app.fields[i].kind;
            Ok(app
                .records
                .values()
                .find(|r| same_value(kind, &r.values[i], &wanted))
                .map(|r| r.id))
        }
    }
}

fn target_not_found(target: &Target) -> ApiError {
    match target {
        Target::Id(id) => ApiError::record_not_found(id),
        // [assumed] the same 404 as a missing id.
        Target::Key { field, value } => ApiError::new(
            404,
            "GAIA_RE01",
            format!(
                "The specified record (updateKey: {field} = {}) is not found.",
                scalar_text(value).unwrap_or_default()
            ),
        ),
    }
}

/// Updates one record. Error keys are relative to the update entry
/// (`record.Title.value`, `updateKey.value`).
pub fn update_record(
    tx: &mut Tx,
    app_id: u64,
    update: &Update,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let app = app_of(tx, app_id)?;
    if let Target::Key { field, .. } = &update.target {
        // facts §7: the updateKey's value cannot also be in `record`.
        if update.record.is_some_and(|r| r.contains_key(field)) {
            return Err(invalid(
                format!("record.{field}.value"),
                "The field specified as updateKey cannot be updated.",
            ));
        }
    }
    let id = find_target(app, &update.target)?.ok_or_else(|| target_not_found(&update.target))?;
    update_existing(tx, app_id, id, update, env)
}

fn update_existing(
    tx: &mut Tx,
    app_id: u64,
    id: u64,
    update: &Update,
    env: &WriteEnv,
) -> Result<Written, ApiError> {
    let empty = Map::new();
    let (values, pending, revision) = {
        let app = app_of(tx, app_id)?;
        let existing = &app.records[&id];
        check_revision(existing, update.revision)?;
        let mut pending = Pending::new(tx.store());
        let input = update.record.unwrap_or(&empty);
        let values = build_record(
            tx.store(),
            app,
            Some(existing),
            id,
            input,
            env,
            &mut pending,
        )
        .map_err(|e| e.with_key_prefix("record."))?;
        (values, pending, existing.revision + 1)
    };
    apply(
        tx,
        app_id,
        pending,
        Record {
            id,
            revision,
            values,
        },
    );
    Ok(Written { id, revision })
}

/// Updates the record a key designates, or adds one holding the key when
/// there is none (`PUT records.json` with `upsert: true`).
pub fn upsert_record(
    tx: &mut Tx,
    app_id: u64,
    update: &Update,
    env: &WriteEnv,
) -> Result<(Written, Operation), ApiError> {
    let app = app_of(tx, app_id)?;
    let found = match &update.target {
        Target::Key { field, .. } if update.record.is_some_and(|r| r.contains_key(field)) => {
            return Err(invalid(
                format!("record.{field}.value"),
                "The field specified as updateKey cannot be updated.",
            ))
        }
        target => find_target(app, target)?,
    };
    match (found, &update.target) {
        (Some(id), _) => Ok((
            update_existing(tx, app_id, id, update, env)?,
            Operation::Update,
        )),
        (None, Target::Key { field, value }) => {
            let mut input = update.record.cloned().unwrap_or_default();
            input.insert(field.clone(), serde_json::json!({ "value": value }));
            let written =
                add_record(tx, app_id, &input, env).map_err(|e| e.with_key_prefix("record."))?;
            Ok((written, Operation::Insert))
        }
        // [assumed] an upsert by id needs an existing record.
        (None, target) => Err(target_not_found(target)),
    }
}

/// Refuses a batch that designates the same record twice: `GAIA_IQ28` for
/// repeated update keys (facts §7) and, [assumed], repeated ids.
pub fn check_distinct_targets(tx: &Tx, app_id: u64, updates: &[Update]) -> Result<(), ApiError> {
    let app = app_of(tx, app_id)?;
    let mut seen: Vec<(String, FieldType, Value)> = Vec::new();
    for update in updates {
        let (field, kind, value) = match &update.target {
            Target::Id(id) => (
                "$id".to_string(),
                FieldType::Id,
                Value::Text(id.to_string()),
            ),
            Target::Key { field, value } => match key_value(app, field, value) {
                Ok((i, v)) => (field.clone(), app.fields[i].kind, v),
                // Reported with its index when the entry itself runs.
                Err(_) => continue,
            },
        };
        if seen
            .iter()
            .any(|(f, k, v)| *f == field && same_value(*k, v, &value))
        {
            return Err(ApiError::new(
                400,
                "GAIA_IQ28",
                format!(
                    "The record ({field} = {}) is specified more than once.",
                    value.as_text()
                ),
            ));
        }
        seen.push((field, kind, value));
    }
    Ok(())
}

/// Deletes records by id, each with an optional expected revision. Missing
/// ids are 404 `GAIA_RE01`; stale revisions 409 `GAIA_CO02`.
pub fn delete_records(
    tx: &mut Tx,
    app_id: u64,
    targets: &[(u64, Option<u64>)],
) -> Result<(), ApiError> {
    let app = app_of(tx, app_id)?;
    for (id, revision) in targets {
        let record = app
            .records
            .get(id)
            .ok_or_else(|| ApiError::record_not_found(id))?;
        check_revision(record, *revision)?;
    }
    for (id, _) in targets {
        tx.delete_record(app_id, *id);
    }
    Ok(())
}

/// Runs one step per entry of a batch, prefixing error keys with
/// `records[<n>].`; validation errors of all entries are reported together,
/// any other error stops the batch at once.
pub fn run_batch<I, T>(
    tx: &mut Tx,
    items: impl IntoIterator<Item = I>,
    mut step: impl FnMut(&mut Tx, I) -> Result<T, ApiError>,
) -> Result<Vec<T>, ApiError> {
    let mut problems: Map<String, Json> = Map::new();
    let mut out = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        match step(tx, item) {
            Ok(done) => out.push(done),
            Err(error) => {
                let error = error.with_key_prefix(&format!("records[{n}]."));
                if error.code != "CB_VA01" {
                    return Err(error);
                }
                problems.extend(error.errors.unwrap_or_default());
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        let mut error = ApiError::validation(Vec::<(String, String)>::new());
        error.errors = Some(problems);
        Err(error)
    }
}
