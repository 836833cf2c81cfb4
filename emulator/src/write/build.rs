//! Builds the values of one record from the write shape (facts §7):
//! parses what was sent, fills defaults and system fields, copies lookups,
//! then checks the whole merged record (required, lengths, limits, options,
//! unique). Error keys are relative to the record object (`Title.value`,
//! `Lines.value[0].value.Cost.value`); callers prefix them.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::datetime::{format_minute, truncate_to_minute};
use super::defaults::{default_value, DefaultContext};
use super::values::{check_value, parse_value, scalar_text};
use super::{calc, lookup, number, process, record_number, Origin, WriteEnv};
use crate::api::ApiError;
use crate::model::{
    App, FieldDef, FieldSlot, FieldType, FileRef, Record, Store, StoredFile, TableRow, Value,
};

/// What building a record allocates; the caller applies it to the store
/// together with the record.
#[derive(Debug, Default)]
pub struct Pending {
    /// The subtable row-id counter after this record.
    pub next_row_id: u64,
    /// Files attached by this record, under their new keys.
    pub files: Vec<(String, StoredFile)>,
}

impl Pending {
    pub fn new(store: &Store) -> Pending {
        Pending {
            next_row_id: store.next_row_id,
            files: Vec::new(),
        }
    }

    fn row_id(&mut self) -> u64 {
        self.next_row_id += 1;
        self.next_row_id
    }
}

/// Validation messages keyed relative to the record object.
pub type Problems = Vec<(String, String)>;

/// Which fields the write gave: top-level indices, and per table the
/// given subfields of each resulting row.
#[derive(Default)]
pub struct Given {
    pub top: Vec<bool>,
    pub rows: HashMap<usize, Vec<Vec<bool>>>,
}

/// May this write set a field of this type? (facts §7: CREATOR, MODIFIER,
/// CREATED_TIME and UPDATED_TIME on create only; STATUS and assignees only
/// through the status APIs; CALC values are computed, so only fixtures give them.)
fn writable(kind: FieldType, creating: bool, origin: Origin) -> bool {
    use FieldType::*;
    match kind {
        Id | Revision | RecordNumber | Group | ReferenceTable | Label | Spacer | Hr => false,
        // [assumed] on update these are silently ignored.
        Creator | Modifier | CreatedTime | UpdatedTime => creating,
        Calc | Status | StatusAssignee | Category => origin == Origin::Fixture,
        _ => true,
    }
}

/// The `value` of a `{"value": ...}` entry; `None` when the entry has none.
fn entry_value(entry: &Json) -> Result<Option<&Json>, String> {
    match entry {
        Json::Object(obj) => Ok(obj.get("value")),
        _ => Err("The field must be given as {\"value\": ...}.".into()),
    }
}

struct Builder<'a> {
    store: &'a Store,
    app: &'a App,
    env: &'a WriteEnv<'a>,
    creating: bool,
    pending: &'a mut Pending,
    problems: Problems,
}

/// Builds the stored values of a record. `existing` is the record being
/// updated (None on create); `record_id` is the id it has or will get.
pub fn build_record(
    store: &Store,
    app: &App,
    existing: Option<&Record>,
    record_id: u64,
    input: &Map<String, Json>,
    env: &WriteEnv,
    pending: &mut Pending,
) -> Result<Vec<Value>, ApiError> {
    let creating = existing.is_none();
    let defaults = DefaultContext {
        store,
        login_user: env.login_user.as_deref(),
        now: env.now,
        time_zone: env.time_zone,
    };
    let mut values: Vec<Value> = match existing {
        Some(record) => record.values.clone(),
        None => app
            .fields
            .iter()
            .map(|f| default_value(f, &defaults))
            .collect(),
    };
    let mut b = Builder {
        store,
        app,
        env,
        creating,
        pending,
        problems: Vec::new(),
    };
    let mut given = Given {
        top: vec![false; app.fields.len()],
        rows: HashMap::new(),
    };
    for (code, entry) in input {
        // Unknown codes and fields inside tables are silently ignored (facts §7).
        let Some(FieldSlot::Top(i)) = app.slot(code) else {
            continue;
        };
        let def = &app.fields[i];
        if !writable(def.kind, creating, env.origin) {
            continue;
        }
        let key = format!("{code}.value");
        let json = match entry_value(entry) {
            Ok(Some(json)) => json,
            Ok(None) => continue,
            Err(message) => {
                b.problems.push((code.clone(), message));
                continue;
            }
        };
        let parsed = match def.kind {
            FieldType::Subtable => {
                let old = match &values[i] {
                    Value::Table(rows) if !creating => rows.clone(),
                    _ => Vec::new(),
                };
                b.table(def, json, &old, &key).map(|(rows, row_given)| {
                    given.rows.insert(i, row_given);
                    Value::Table(rows)
                })
            }
            FieldType::File => {
                let old = match &values[i] {
                    Value::Files(files) if !creating => files.clone(),
                    _ => Vec::new(),
                };
                b.files(json, &old)
                    .map(Value::Files)
                    .map_err(|m| b.problems.push((key.clone(), m)))
            }
            _ => parse_value(def, json, store, &app.number_precision)
                .map_err(|m| b.problems.push((key.clone(), m))),
        };
        if let Ok(mut value) = parsed {
            // [assumed] a blank radio button takes its default on create.
            if creating && def.kind == FieldType::RadioButton && value.is_blank() {
                value = default_value(def, &defaults);
            }
            values[i] = value;
            given.top[i] = true;
        }
    }
    if creating {
        b.first_rows(&mut values, &given, &defaults);
    }
    b.system_fields(&mut values, &given, existing, record_id);
    lookup::apply_all(store, app, &mut values, &given, env)?;
    // CALC values are recomputed on every save; fixtures may give them.
    let keep = |i: usize, cell: Option<(usize, usize)>| {
        env.origin == Origin::Fixture
            && match cell {
                None => given.top[i],
                Some((r, j)) => given
                    .rows
                    .get(&i)
                    .and_then(|rows| rows.get(r))
                    .is_some_and(|g| g[j]),
            }
    };
    calc::recompute(app, &mut values, &keep);
    b.check(&values);
    b.check_unique(&values, record_id);
    if b.problems.is_empty() {
        Ok(values)
    } else {
        Err(ApiError::validation(b.problems))
    }
}

impl Builder<'_> {
    /// A table of rows `[{id?, value:{...}}]`: rows with an id update that
    /// row, rows without are added, rows not sent are deleted (facts §7).
    fn table(
        &mut self,
        def: &FieldDef,
        json: &Json,
        old: &[TableRow],
        key: &str,
    ) -> Result<(Vec<TableRow>, Vec<Vec<bool>>), ()> {
        let items: &[Json] = match json {
            Json::Array(items) => items,
            Json::Null => &[],
            _ => {
                self.problems
                    .push((key.to_string(), "The value must be an array.".into()));
                return Err(());
            }
        };
        let defaults = DefaultContext {
            store: self.store,
            login_user: self.env.login_user.as_deref(),
            now: self.env.now,
            time_zone: self.env.time_zone,
        };
        let before = self.problems.len();
        let mut rows = Vec::new();
        let mut row_given = Vec::new();
        for (r, item) in items.iter().enumerate() {
            let row_key = format!("{key}[{r}]");
            let Some(obj) = item.as_object() else {
                self.problems
                    .push((row_key, "Each row must be an object.".into()));
                continue;
            };
            let given_id = match obj.get("id") {
                None | Some(Json::Null) => None,
                Some(Json::String(s)) if s.is_empty() => None,
                Some(v) => match scalar_text(v).ok().and_then(|t| t.parse::<u64>().ok()) {
                    Some(id) => Some(id),
                    None => {
                        self.problems.push((
                            format!("{row_key}.id"),
                            "The row id must be a number.".into(),
                        ));
                        continue;
                    }
                },
            };
            let (id, mut values) = match given_id {
                Some(id) if !self.creating => match old.iter().find(|row| row.id == id) {
                    Some(row) => (id, row.values.clone()),
                    None => {
                        // [assumed] an id that is not a row of this record is refused.
                        self.problems.push((
                            format!("{row_key}.id"),
                            format!("The row (id: {id}) does not exist."),
                        ));
                        continue;
                    }
                },
                // Fixtures keep their row ids; API creates ignore them [assumed].
                Some(id) if self.env.origin == Origin::Fixture => {
                    self.pending.next_row_id = self.pending.next_row_id.max(id);
                    (
                        id,
                        def.subfields
                            .iter()
                            .map(|f| default_value(f, &defaults))
                            .collect(),
                    )
                }
                _ => (
                    self.pending.row_id(),
                    def.subfields
                        .iter()
                        .map(|f| default_value(f, &defaults))
                        .collect(),
                ),
            };
            let mut given = vec![false; def.subfields.len()];
            match obj.get("value") {
                None | Some(Json::Null) => {}
                Some(Json::Object(cells)) => {
                    for (code, entry) in cells {
                        let Some(j) = def.subfields.iter().position(|f| &f.code == code) else {
                            continue;
                        };
                        let sub = &def.subfields[j];
                        if !writable(sub.kind, self.creating, self.env.origin) {
                            continue;
                        }
                        let cell_key = format!("{row_key}.value.{code}.value");
                        let json = match entry_value(entry) {
                            Ok(Some(json)) => json,
                            Ok(None) => continue,
                            Err(message) => {
                                self.problems
                                    .push((format!("{row_key}.value.{code}"), message));
                                continue;
                            }
                        };
                        let parsed = if sub.kind == FieldType::File {
                            let old_files = match &values[j] {
                                Value::Files(files) => files.clone(),
                                _ => Vec::new(),
                            };
                            self.files(json, &old_files).map(Value::Files)
                        } else {
                            parse_value(sub, json, self.store, &self.app.number_precision)
                        };
                        match parsed {
                            Ok(value) => {
                                values[j] = value;
                                given[j] = true;
                            }
                            Err(message) => self.problems.push((cell_key, message)),
                        }
                    }
                }
                Some(_) => {
                    self.problems.push((
                        format!("{row_key}.value"),
                        "The row value must be an object.".into(),
                    ));
                    continue;
                }
            }
            rows.push(TableRow { id, values });
            row_given.push(given);
        }
        if self.problems.len() > before {
            return Err(());
        }
        Ok((rows, row_given))
    }

    /// FILE values `[{fileKey}]`: each key must be an uploaded file (or a
    /// file already attached to this field); newly attached files get a new,
    /// permanent key [assumed]. Fixtures may describe files inline.
    fn files(&mut self, json: &Json, old: &[FileRef]) -> Result<Vec<FileRef>, String> {
        let items: &[Json] = match json {
            Json::Array(items) => items,
            Json::Null => &[],
            _ => return Err("The value must be an array.".into()),
        };
        let mut out = Vec::new();
        for item in items {
            let key = item
                .get("fileKey")
                .map(scalar_text)
                .transpose()?
                .unwrap_or_default();
            if let Some(kept) = old.iter().find(|f| f.file_key == key) {
                out.push(kept.clone());
                continue;
            }
            let file = match self.store.files.get(&key) {
                Some(file) => file.clone(),
                None if self.env.origin == Origin::Fixture && item.get("name").is_some() => {
                    fixture_file(item)?
                }
                None => return Err(format!("The file (fileKey: {key}) not found.")),
            };
            let new_key = permanent_file_key(self.env.now);
            out.push(FileRef {
                content_type: file.content_type.clone(),
                file_key: new_key.clone(),
                name: file.name.clone(),
                size: file.bytes.len() as u64,
            });
            self.pending.files.push((new_key, file));
        }
        Ok(out)
    }

    /// On create, a table that was not sent starts with one row of defaults
    /// [assumed], like the form.
    fn first_rows(&mut self, values: &mut [Value], given: &Given, defaults: &DefaultContext) {
        for (i, def) in self.app.fields.iter().enumerate() {
            if def.kind == FieldType::Subtable && !given.top[i] {
                let row = TableRow {
                    id: self.pending.row_id(),
                    values: def
                        .subfields
                        .iter()
                        .map(|f| default_value(f, defaults))
                        .collect(),
                };
                values[i] = Value::Table(vec![row]);
            }
        }
    }

    /// RECORD_NUMBER, creator, modifier, times, and the initial status.
    fn system_fields(
        &mut self,
        values: &mut [Value],
        given: &Given,
        existing: Option<&Record>,
        record_id: u64,
    ) {
        let now = format_minute(truncate_to_minute(self.env.now));
        let fixture = self.env.origin == Origin::Fixture;
        let given_of = |kind: FieldType, values: &[Value]| -> Option<Value> {
            self.app
                .fields
                .iter()
                .position(|f| f.kind == kind)
                .filter(|&i| given.top[i] && !values[i].is_blank())
                .map(|i| values[i].clone())
        };
        let creator = given_of(FieldType::Creator, values);
        let created = given_of(FieldType::CreatedTime, values);
        if let Some(Value::Text(status)) = given_of(FieldType::Status, values) {
            if process::enabled(self.app) && !process::state_names(self.app).contains(&status) {
                let code = &self
                    .app
                    .field_of_type(FieldType::Status)
                    .expect("given")
                    .1
                    .code;
                self.problems.push((
                    format!("{code}.value"),
                    format!("The status \"{status}\" is not a state of the app."),
                ));
            }
        }
        for (i, def) in self.app.fields.iter().enumerate() {
            let sent = given.top[i] && !values[i].is_blank();
            match def.kind {
                FieldType::RecordNumber => {
                    values[i] = Value::Text(record_number(&self.app.code, record_id))
                }
                FieldType::Creator if existing.is_none() && !sent => {
                    values[i] = Value::entity(self.env.actor.clone())
                }
                FieldType::CreatedTime if existing.is_none() && !sent => {
                    values[i] = Value::Text(now.clone())
                }
                FieldType::Modifier if existing.is_some() || !sent => {
                    // [assumed] a fixture record's modifier defaults to its creator.
                    values[i] = match (&creator, fixture) {
                        (Some(c), true) => c.clone(),
                        _ => Value::entity(self.env.actor.clone()),
                    }
                }
                FieldType::UpdatedTime if existing.is_some() || !sent => {
                    values[i] = match (&created, fixture) {
                        (Some(c), true) => c.clone(),
                        _ => Value::Text(now.clone()),
                    }
                }
                FieldType::Status if existing.is_none() && !sent => {
                    values[i] = Value::Text(process::initial_state(self.app).unwrap_or_default());
                }
                _ => {}
            }
        }
        if existing.is_none() {
            if let Some((i, _)) = self.app.field_of_type(FieldType::StatusAssignee) {
                // A fixture may give an empty list on purpose (a finished task).
                if !given.top[i] {
                    values[i] =
                        Value::Entities(process::initial_assignees(self.store, self.app, values));
                }
            }
        }
    }

    /// Checks every field of the merged record (facts §7: PUT validates the
    /// whole merged record).
    fn check(&mut self, values: &[Value]) {
        for (i, def) in self.app.fields.iter().enumerate() {
            if !def.kind.has_value() || def.kind.is_system() {
                continue;
            }
            if let (FieldType::Subtable, Value::Table(rows)) = (def.kind, &values[i]) {
                for (r, row) in rows.iter().enumerate() {
                    for (sub, value) in def.subfields.iter().zip(&row.values) {
                        if sub.kind.is_system() {
                            continue;
                        }
                        for message in check_value(sub, value) {
                            let key = format!("{}.value[{r}].value.{}.value", def.code, sub.code);
                            self.problems.push((key, message));
                        }
                    }
                }
                continue;
            }
            for message in check_value(def, &values[i]) {
                self.problems.push((format!("{}.value", def.code), message));
            }
        }
    }

    /// Unique fields: a value already held by another record is refused.
    /// Blanks never collide [assumed].
    fn check_unique(&mut self, values: &[Value], record_id: u64) {
        for (i, def) in self.app.fields.iter().enumerate() {
            if !def.unique || values[i].is_blank() {
                continue;
            }
            let taken = self.app.records.values().any(|other| {
                other.id != record_id && same_value(def.kind, &other.values[i], &values[i])
            });
            if taken {
                self.problems.push((
                    format!("{}.value", def.code),
                    "This value already exists in another record.".into(),
                ));
            }
        }
    }
}

/// Equality of stored values as unique fields and update keys compare them:
/// numbers numerically, everything else exactly.
pub fn same_value(kind: FieldType, a: &Value, b: &Value) -> bool {
    match (kind, a, b) {
        (FieldType::Number | FieldType::Calc, Value::Text(x), Value::Text(y)) => {
            number::compare(x, y).map_or(x == y, |o| o.is_eq())
        }
        _ => a == b,
    }
}

/// A file described inline in a fixture: `{name, contentType?, content?, fileKey?}`.
fn fixture_file(item: &Json) -> Result<StoredFile, String> {
    let text = |k: &str| {
        item.get(k)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(StoredFile {
        name: text("name"),
        content_type: match text("contentType") {
            t if t.is_empty() => "application/octet-stream".into(),
            t => t,
        },
        bytes: bytes::Bytes::from(text("content")),
    })
}

/// A new key for an attached file: a timestamp and random hex, the shape of
/// Kintone's download keys [assumed].
pub fn permanent_file_key(now: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{}{}",
        now.format("%Y%m%d%H%M%S"),
        uuid::Uuid::new_v4().simple().to_string().to_uppercase()
    )
}
