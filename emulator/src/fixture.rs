//! Fixture files: users, spaces, OAuth clients and apps with their records,
//! in Kintone's own shapes (issue 2; `shared/fixture-example.json`).
//!
//! Records go through the same record builder as the write APIs, so a
//! fixture is validated exactly like a write and a bad one is refused with a
//! message naming the app, the record and the field. Fixtures may also set
//! what clients cannot: `$id`, `$revision`, CREATOR/MODIFIER/times, STATUS,
//! STATUS_ASSIGNEE, CATEGORY and CALC values.
//!
//! Datasets that build large apps directly (without JSON) use
//! [`app_from_json`] or `App::new` and then [`finish_app`] to add the system
//! fields every Kintone app has.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value as Json};

use crate::model::{
    ApiToken, App, Entity, FieldDef, FieldType, NumberPrecision, OAuthClient, Record, Space, Store,
    User, Value,
};
use crate::write::records::insert_record;
use crate::write::{lookup, process, record_number, values::administrator, Tx, WriteEnv};

/// Loads a fixture file into the store.
pub fn load_file(store: &mut Store, path: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("fixture {}: {e}", path.display()))?;
    let json: Json = serde_json::from_str(&text)
        .map_err(|e| format!("fixture {}: invalid JSON: {e}", path.display()))?;
    load_json(store, &json).map_err(|e| format!("fixture {}: {e}", path.display()))
}

/// Loads a fixture document into the store. Times not given by the fixture
/// are the current time.
pub fn load_json(store: &mut Store, json: &Json) -> Result<(), String> {
    load_json_at(store, json, Utc::now())
}

/// Loads a fixture document, using `now` for times the fixture leaves out.
/// On error the store is left as it was.
pub fn load_json_at(store: &mut Store, json: &Json, now: DateTime<Utc>) -> Result<(), String> {
    let doc = json
        .as_object()
        .ok_or("the fixture must be a JSON object")?;
    let before = (
        store.users.len(),
        store.spaces.len(),
        store.oauth_clients.len(),
    );
    let files_before: HashSet<String> = store.files.keys().cloned().collect();
    let mut added_apps = Vec::new();
    let result = load_parts(store, doc, now, &mut added_apps);
    if result.is_err() {
        store.users.truncate(before.0);
        store.spaces.truncate(before.1);
        store.oauth_clients.truncate(before.2);
        for id in added_apps {
            store.apps.remove(&id);
        }
        store.files.retain(|k, _| files_before.contains(k));
    }
    result
}

fn load_parts(
    store: &mut Store,
    doc: &Map<String, Json>,
    now: DateTime<Utc>,
    added: &mut Vec<u64>,
) -> Result<(), String> {
    for user in list(doc, "users")? {
        add_user(store, user)?;
    }
    for space in list(doc, "spaces")? {
        add_space(store, space)?;
    }
    for client in list(doc, "oauthClients")? {
        add_oauth_client(store, client)?;
    }
    let apps = list(doc, "apps")?;
    for raw in apps {
        let app = app_from_json(raw)?;
        check_app_is_new(store, &app)?;
        if let Some(space) = app.space_id {
            if store.space(space).is_none() {
                return Err(format!("{}: space {space} is not defined", describe(&app)));
            }
        }
        added.push(app.id);
        store.apps.insert(app.id, app);
    }
    for &id in added.iter() {
        check_lookups(store, &store.apps[&id])?;
    }
    let order = lookup_order(store, added);
    let mut tx = Tx::begin(store);
    for id in order {
        let raw = apps
            .iter()
            .find(|a| json_u64(a.get("appId")) == Some(id))
            .expect("every added app comes from the fixture");
        for (index, record) in list_of(raw, "records")?.iter().enumerate() {
            add_record(&mut tx, id, index, record, now)?;
        }
    }
    tx.commit();
    Ok(())
}

/// The array under `key` (absent = empty).
fn list<'j>(doc: &'j Map<String, Json>, key: &str) -> Result<&'j [Json], String> {
    match doc.get(key) {
        None | Some(Json::Null) => Ok(&[]),
        Some(Json::Array(items)) => Ok(items),
        Some(_) => Err(format!("\"{key}\" must be an array")),
    }
}

fn list_of<'j>(json: &'j Json, key: &str) -> Result<&'j [Json], String> {
    match json.as_object() {
        Some(obj) => list(obj, key),
        None => Ok(&[]),
    }
}

/// A number given as a JSON number or a string.
fn json_u64(v: Option<&Json>) -> Option<u64> {
    match v? {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text(json: &Json, key: &str) -> String {
    match json.get(key) {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn flag(json: &Json, key: &str) -> bool {
    match json.get(key) {
        Some(Json::Bool(b)) => *b,
        Some(Json::String(s)) => s == "true",
        _ => false,
    }
}

/// `{"code", "name"?, "password"?, "primaryOrganization"?}`: the organization
/// code answers `PRIMARY_ORGANIZATION()` for this user (facts §6).
fn add_user(store: &mut Store, raw: &Json) -> Result<(), String> {
    let code = text(raw, "code");
    if code.is_empty() {
        return Err("a user needs a \"code\"".into());
    }
    if store.user(&code).is_some() {
        return Err(format!("user \"{code}\" is defined twice"));
    }
    let name = match text(raw, "name") {
        n if n.is_empty() => code.clone(),
        n => n,
    };
    // Internal ids in definition order: CREATOR/MODIFIER sort by them (facts §6).
    let id = store.users.iter().map(|u| u.id).max().unwrap_or(0) + 1;
    store.users.push(User {
        id,
        code,
        name,
        password: text(raw, "password"),
        primary_organization: text(raw, "primaryOrganization"),
    });
    Ok(())
}

fn add_space(store: &mut Store, raw: &Json) -> Result<(), String> {
    let id = json_u64(raw.get("id")).ok_or("a space needs a numeric \"id\"")?;
    if store.space(id).is_some() {
        return Err(format!("space {id} is defined twice"));
    }
    store.spaces.push(Space {
        id,
        name: text(raw, "name"),
        is_guest: flag(raw, "isGuest"),
    });
    Ok(())
}

fn add_oauth_client(store: &mut Store, raw: &Json) -> Result<(), String> {
    let client_id = text(raw, "clientId");
    if client_id.is_empty() {
        return Err("an OAuth client needs a \"clientId\"".into());
    }
    if store.oauth_clients.iter().any(|c| c.client_id == client_id) {
        return Err(format!("OAuth client \"{client_id}\" is defined twice"));
    }
    let user = text(raw, "user");
    if store.user(&user).is_none() {
        return Err(format!(
            "OAuth client \"{client_id}\": user \"{user}\" is not defined"
        ));
    }
    let redirect_uris = raw
        .get("redirectUris")
        .and_then(Json::as_array)
        .map(|uris| {
            uris.iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    store.oauth_clients.push(OAuthClient {
        client_id,
        client_secret: text(raw, "clientSecret"),
        redirect_uris,
        user,
    });
    Ok(())
}

/// "app 1 (Expenses)" for messages.
fn describe(app: &App) -> String {
    format!("app {} ({})", app.id, app.name)
}

fn check_app_is_new(store: &Store, app: &App) -> Result<(), String> {
    if store.apps.contains_key(&app.id) {
        return Err(format!("app {} is defined twice", app.id));
    }
    if !app.code.is_empty() && store.apps.values().any(|a| a.code == app.code) {
        return Err(format!(
            "{}: app code \"{}\" is already used",
            describe(app),
            app.code
        ));
    }
    for token in &app.api_tokens {
        if store
            .apps
            .values()
            .any(|a| a.api_tokens.iter().any(|t| t.token == token.token))
        {
            return Err(format!(
                "{}: API token {} is already used by another app",
                describe(app),
                token.token
            ));
        }
    }
    Ok(())
}

/// Builds an app (settings and form, no records) from the fixture shape and
/// adds the system fields it lacks.
pub fn app_from_json(raw: &Json) -> Result<App, String> {
    let id = json_u64(raw.get("appId")).ok_or("an app needs a numeric \"appId\"")?;
    let name = text(raw, "name");
    let label = format!("app {id} ({name})");
    let mut fields = Vec::new();
    match raw.get("properties") {
        Some(Json::Object(props)) => {
            for (code, def) in props {
                fields.push(FieldDef::from_json(code, def).map_err(|e| format!("{label}: {e}"))?);
            }
        }
        None | Some(Json::Null) => {}
        Some(_) => return Err(format!("{label}: \"properties\" must be an object")),
    }
    let mut app = App::new(id, &name, fields);
    app.code = text(raw, "code");
    app.description = text(raw, "description");
    app.space_id = json_u64(raw.get("spaceId"));
    app.thread_id = json_u64(raw.get("threadId")).or(app.space_id);
    for (key, slot) in [
        ("createdAt", &mut app.created_at),
        ("modifiedAt", &mut app.modified_at),
    ] {
        if let Some(Json::String(s)) = raw.get(key) {
            *slot = s.clone();
        }
    }
    for (key, slot) in [
        ("creator", &mut app.creator),
        ("modifier", &mut app.modifier),
    ] {
        if let Some(entity) = raw.get(key).filter(|e| e.is_object()) {
            *slot = Entity {
                code: text(entity, "code"),
                name: text(entity, "name"),
            };
        }
    }
    if let Some(p) = raw.get("numberPrecision").filter(|p| p.is_object()) {
        app.number_precision = number_precision(p).map_err(|e| format!("{label}: {e}"))?;
    }
    if let Some(status) = raw.get("status").filter(|s| s.is_object()) {
        app.status = status.clone();
        if app.status.get("revision").is_none() {
            app.status["revision"] = Json::String("1".into());
        }
    }
    if let Some(views) = raw.get("views").filter(|v| v.is_object()) {
        app.views = views.clone();
    }
    if let Some(layout) = raw.get("layout").filter(|l| l.is_array()) {
        app.layout = layout.clone();
    }
    let tokens = list_of(raw, "apiTokens")?;
    // facts §2: an app has at most 20 API tokens.
    if tokens.len() > MAX_TOKENS_PER_APP {
        return Err(format!(
            "{label}: an app has at most {MAX_TOKENS_PER_APP} API tokens, {} given",
            tokens.len()
        ));
    }
    for token in tokens {
        let value = text(token, "token");
        if value.is_empty() {
            return Err(format!("{label}: an API token needs a \"token\""));
        }
        app.api_tokens.push(ApiToken {
            token: value,
            view_record: flag(token, "viewRecord"),
            add_record: flag(token, "addRecord"),
            edit_record: flag(token, "editRecord"),
            delete_record: flag(token, "deleteRecord"),
        });
    }
    finish_app(&mut app);
    Ok(app)
}

/// facts §2: the most API tokens one app may have.
pub const MAX_TOKENS_PER_APP: usize = 20;

/// `numberPrecision` with values as strings or numbers.
fn number_precision(raw: &Json) -> Result<NumberPrecision, String> {
    let mut p = NumberPrecision::default();
    if raw.get("digits").is_some() {
        p.digits =
            json_u64(raw.get("digits")).ok_or("numberPrecision.digits must be a number")? as u32;
    }
    if raw.get("decimalPlaces").is_some() {
        p.decimal_places = json_u64(raw.get("decimalPlaces"))
            .ok_or("numberPrecision.decimalPlaces must be a number")?
            as u32;
    }
    match text(raw, "roundingMode").as_str() {
        "" => {}
        mode @ ("HALF_EVEN" | "UP" | "DOWN") => p.rounding_mode = mode.into(),
        other => {
            return Err(format!(
                "numberPrecision.roundingMode {other:?} is not HALF_EVEN, UP or DOWN"
            ))
        }
    }
    if !(1..=30).contains(&p.digits) || p.decimal_places > 10 || p.decimal_places > p.digits {
        return Err(
            "numberPrecision: digits must be 1..30 and decimalPlaces 0..10, at most digits".into(),
        );
    }
    Ok(p)
}

/// The system fields every app has, with Kintone's English default codes
/// [assumed] and labels.
const SYSTEM_FIELDS: [(FieldType, &str, &str); 8] = [
    (FieldType::RecordNumber, "Record_number", "Record number"),
    (FieldType::Creator, "Created_by", "Created by"),
    (
        FieldType::CreatedTime,
        "Created_datetime",
        "Created datetime",
    ),
    (FieldType::Modifier, "Updated_by", "Updated by"),
    (
        FieldType::UpdatedTime,
        "Updated_datetime",
        "Updated datetime",
    ),
    (FieldType::Status, "Status", "Status"),
    (FieldType::StatusAssignee, "Assignee", "Assignee"),
    (FieldType::Category, "Categories", "Categories"),
];

/// Adds the system fields an app lacks (RECORD_NUMBER, CREATOR, CREATED_TIME,
/// MODIFIER, UPDATED_TIME, STATUS, STATUS_ASSIGNEE, CATEGORY), keeps the
/// `enabled` flag of STATUS/STATUS_ASSIGNEE in step with process management,
/// gives existing records values for added fields, and lays out a default
/// form when the app has no layout.
pub fn finish_app(app: &mut App) {
    let mut fields = app.fields.clone();
    let added_from = fields.len();
    let status_enabled = process::enabled(app);
    for (kind, code, label) in SYSTEM_FIELDS {
        if let Some(existing) = fields.iter_mut().find(|f| f.kind == kind) {
            if matches!(kind, FieldType::Status | FieldType::StatusAssignee) {
                existing
                    .raw
                    .insert("enabled".into(), Json::Bool(status_enabled));
            }
            continue;
        }
        let mut code = code.to_string();
        let mut n = 0;
        while fields
            .iter()
            .any(|f| f.code == code || f.subfields.iter().any(|s| s.code == code))
        {
            n += 1;
            code = format!(
                "{}_{n}",
                code.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_')
            );
        }
        let mut raw = serde_json::json!({"type": kind.name(), "code": code, "label": label});
        match kind {
            FieldType::Status | FieldType::StatusAssignee => {
                raw["enabled"] = Json::Bool(status_enabled)
            }
            FieldType::Category => raw["enabled"] = Json::Bool(false),
            _ => raw["noLabel"] = Json::Bool(false),
        }
        fields.push(FieldDef::from_json(&code, &raw).expect("system field definitions are valid"));
    }
    let added: Vec<FieldDef> = fields[added_from..].to_vec();
    app.set_fields(fields);
    if !added.is_empty() {
        let created = app.created_at.clone();
        let code = app.code.clone();
        for record in app.records.values_mut() {
            for def in &added {
                record
                    .values
                    .push(system_value(def.kind, &code, record, &created));
            }
        }
    }
    if app.layout.as_array().is_some_and(Vec::is_empty) {
        app.layout = default_layout(&app.fields);
    }
}

/// The value of a system field added to an existing record.
fn system_value(kind: FieldType, app_code: &str, record: &Record, app_created: &str) -> Value {
    match kind {
        FieldType::RecordNumber => Value::Text(record_number(app_code, record.id)),
        FieldType::Creator | FieldType::Modifier => Value::entity(administrator()),
        FieldType::CreatedTime | FieldType::UpdatedTime => {
            Value::Text(crate::write::datetime::normalize_datetime(app_created).unwrap_or_default())
        }
        other => Value::blank(other),
    }
}

/// One row per field, tables as SUBTABLE blocks; system fields are not on
/// the form by default.
fn default_layout(fields: &[FieldDef]) -> Json {
    let element = |f: &FieldDef| serde_json::json!({"type": f.kind.name(), "code": f.code, "size": {"width": "193"}});
    let rows: Vec<Json> = fields
        .iter()
        .filter(|f| !f.kind.is_system() || f.kind == FieldType::Calc)
        .map(|f| match f.kind {
            FieldType::Subtable => serde_json::json!({
                "type": "SUBTABLE",
                "code": f.code,
                "fields": f.subfields.iter().map(element).collect::<Vec<_>>(),
            }),
            FieldType::Group => serde_json::json!({"type": "GROUP", "code": f.code, "layout": []}),
            _ => serde_json::json!({"type": "ROW", "fields": [element(f)]}),
        })
        .collect();
    Json::Array(rows)
}

/// Every lookup must point at an existing app and field.
fn check_lookups(store: &Store, app: &App) -> Result<(), String> {
    let all = app
        .fields
        .iter()
        .chain(app.fields.iter().flat_map(|f| f.subfields.iter()));
    for def in all {
        let Some(l) = lookup::lookup_def(def) else {
            continue;
        };
        let related = lookup::related_app(store, &l).ok_or_else(|| {
            format!(
                "{}: lookup field {} refers to an app that is not defined",
                describe(app),
                def.code
            )
        })?;
        if related.field(&l.key_field).is_none() {
            return Err(format!(
                "{}: lookup field {} refers to field {} that {} does not have",
                describe(app),
                def.code,
                l.key_field,
                describe(related)
            ));
        }
    }
    Ok(())
}

/// The fixture's apps in an order where a lookup's source app comes before
/// the apps that look into it (file order otherwise, and for cycles).
fn lookup_order(store: &Store, ids: &[u64]) -> Vec<u64> {
    let sources = |id: u64| -> Vec<u64> {
        let app = &store.apps[&id];
        app.fields
            .iter()
            .chain(app.fields.iter().flat_map(|f| f.subfields.iter()))
            .filter_map(lookup::lookup_def)
            .filter_map(|l| lookup::related_app(store, &l).map(|a| a.id))
            .filter(|source| *source != id && ids.contains(source))
            .collect()
    };
    let mut order: Vec<u64> = Vec::new();
    let mut left: Vec<u64> = ids.to_vec();
    while !left.is_empty() {
        let ready = left
            .iter()
            .position(|&id| sources(id).iter().all(|s| order.contains(s)))
            .unwrap_or(0);
        order.push(left.remove(ready));
    }
    order
}

/// Validates and adds one fixture record, with its `$id` and `$revision`.
fn add_record(
    tx: &mut Tx,
    app_id: u64,
    index: usize,
    raw: &Json,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let app = &tx.store().apps[&app_id];
    let label = format!("{}, record {index}", describe(app));
    let input = raw
        .as_object()
        .ok_or_else(|| format!("{label}: a record must be an object"))?;
    let system = |key: &str| -> Result<Option<u64>, String> {
        match input.get(key) {
            None => Ok(None),
            Some(entry) => json_u64(entry.get("value").or(Some(entry)))
                .map(Some)
                .ok_or_else(|| format!("{label}: {key} must be a number")),
        }
    };
    let id = system("$id")?.unwrap_or(app.next_record_id);
    let revision = system("$revision")?.unwrap_or(1);
    if id == 0 || revision == 0 {
        return Err(format!("{label}: $id and $revision start at 1"));
    }
    if app.records.contains_key(&id) {
        return Err(format!("{label}: record id {id} is used twice"));
    }
    let env = WriteEnv::fixture(now);
    insert_record(tx, app_id, id, revision, input, &env)
        .map_err(|e| format!("{label}: {}", describe_error(&e)))?;
    Ok(())
}

/// A write error as one line naming the fields.
fn describe_error(error: &crate::api::ApiError) -> String {
    match &error.errors {
        Some(errors) if !errors.is_empty() => errors
            .iter()
            .map(|(key, v)| {
                let messages: Vec<&str> = v["messages"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Json::as_str)
                    .collect();
                format!("field {key}: {}", messages.join(" "))
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => format!("{} {}", error.code, error.message),
    }
}

#[cfg(test)]
mod tests;
