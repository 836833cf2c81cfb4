//! Lookups: writing a lookup key field copies the mapped fields from the
//! related app's record whose `relatedKeyField` equals the value; no such
//! record is 400 `GAIA_LO04` (facts §3).

use serde_json::Value as Json;

use super::build::{same_value, Given};
use super::WriteEnv;
use crate::api::ApiError;
use crate::model::{App, FieldDef, FieldSlot, Record, Store, Value};

/// The `lookup` settings of a field definition.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupDef {
    /// `relatedApp.app` (an id) and `relatedApp.code`.
    pub app_id: Option<u64>,
    pub app_code: String,
    pub key_field: String,
    /// `fieldMappings`: (field of this app, field of the related app).
    pub mappings: Vec<(String, String)>,
}

/// The lookup settings of a field, if it is a lookup key field.
pub fn lookup_def(def: &FieldDef) -> Option<LookupDef> {
    let lookup = def.raw.get("lookup")?.as_object()?;
    let related = lookup.get("relatedApp")?;
    let text = |v: Option<&Json>| match v {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mappings = lookup
        .get("fieldMappings")
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .map(|m| (text(m.get("field")), text(m.get("relatedField"))))
                .collect()
        })
        .unwrap_or_default();
    Some(LookupDef {
        app_id: text(related.get("app")).parse().ok(),
        app_code: text(related.get("code")),
        key_field: text(lookup.get("relatedKeyField")),
        mappings,
    })
}

/// The related app of a lookup, by id or else by app code.
pub fn related_app<'s>(store: &'s Store, lookup: &LookupDef) -> Option<&'s App> {
    match lookup.app_id {
        Some(id) => store.app(id),
        None if !lookup.app_code.is_empty() => {
            store.apps.values().find(|a| a.code == lookup.app_code)
        }
        None => None,
    }
}

fn no_match(key: &str, code: &str, value: &str) -> ApiError {
    let mut error = ApiError::new(
        400,
        "GAIA_LO04",
        format!("Failed to copy the lookup field \"{code}\": no record of the source app has the value \"{value}\"."),
    );
    error.errors = ApiError::validation([(
        key.to_string(),
        "No matching record in the source app.".to_string(),
    )])
    .errors;
    error
}

/// The related record a key value designates (None for a blank key).
fn find_source<'s>(
    store: &'s Store,
    def: &FieldDef,
    lookup: &LookupDef,
    key_value: &Value,
    error_key: &str,
    env: &WriteEnv,
) -> Result<Option<(&'s App, &'s Record)>, ApiError> {
    if key_value.is_blank() {
        return Ok(None);
    }
    let shown = key_value.as_text();
    // [assumed] a missing source app behaves like a key without a match.
    let related =
        related_app(store, lookup).ok_or_else(|| no_match(error_key, &def.code, shown))?;
    if let Some(check) = env.related_app_access {
        check(related.id)?;
    }
    let Some(FieldSlot::Top(k)) = related.slot(&lookup.key_field) else {
        return Err(no_match(error_key, &def.code, shown));
    };
    let kind = related.fields[k].kind;
    // [assumed] several matches: the lowest record id wins.
    related
        .records
        .values()
        .find(|r| same_value(kind, &r.values[k], key_value))
        .map(|r| Some((related, r)))
        .ok_or_else(|| no_match(error_key, &def.code, shown))
}

/// A value copied into a field of another type keeps what fits [assumed].
fn convert(source: &Value, target: &FieldDef) -> Value {
    let blank = Value::blank(target.kind);
    match (source, &blank) {
        (Value::Text(_), Value::Text(_))
        | (Value::List(_), Value::List(_))
        | (Value::Entities(_), Value::Entities(_))
        | (Value::Files(_), Value::Files(_))
        | (Value::Entity(_), Value::Entity(_)) => source.clone(),
        (Value::Entity(e), Value::Entities(_)) => Value::Entities(vec![(**e).clone()]),
        _ => blank,
    }
}

/// Copies the mapped values of one lookup into `targets` (the fields and
/// values of the scope the lookup field lives in: the record, or a row).
fn copy_into(
    store: &Store,
    def: &FieldDef,
    key_value: &Value,
    error_key: &str,
    env: &WriteEnv,
    target_defs: &[FieldDef],
    target_values: &mut [Value],
) -> Result<(), ApiError> {
    let Some(lookup) = lookup_def(def) else {
        return Ok(());
    };
    let source = find_source(store, def, &lookup, key_value, error_key, env)?;
    for (field, related_field) in &lookup.mappings {
        let Some(t) = target_defs.iter().position(|f| &f.code == field) else {
            continue;
        };
        target_values[t] = match source {
            // A blank key clears the copied fields [assumed].
            None => Value::blank(target_defs[t].kind),
            Some((app, record)) => match app.slot(related_field) {
                Some(FieldSlot::Top(s)) => convert(&record.values[s], &target_defs[t]),
                _ => Value::blank(target_defs[t].kind),
            },
        };
    }
    Ok(())
}

/// Runs the lookups of every lookup field the write gave, at top level and
/// in the rows of tables.
pub fn apply_all(
    store: &Store,
    app: &App,
    values: &mut [Value],
    given: &Given,
    env: &WriteEnv,
) -> Result<(), ApiError> {
    for (i, def) in app.fields.iter().enumerate() {
        if given.top.get(i) == Some(&true) && def.raw.contains_key("lookup") {
            let key_value = values[i].clone();
            let key = format!("{}.value", def.code);
            copy_into(store, def, &key_value, &key, env, &app.fields, values)?;
        }
        let (Some(rows_given), Value::Table(rows)) = (given.rows.get(&i), &mut values[i]) else {
            continue;
        };
        for (r, (row, row_given)) in rows.iter_mut().zip(rows_given).enumerate() {
            for (j, sub) in def.subfields.iter().enumerate() {
                if row_given[j] && sub.raw.contains_key("lookup") {
                    let key_value = row.values[j].clone();
                    let key = format!("{}.value[{r}].value.{}.value", def.code, sub.code);
                    copy_into(
                        store,
                        sub,
                        &key_value,
                        &key,
                        env,
                        &def.subfields,
                        &mut row.values,
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_lookup_settings() {
        let def = FieldDef::from_json(
            "Customer",
            &json!({"type":"SINGLE_LINE_TEXT","code":"Customer","lookup":{
                "relatedApp":{"app":"3","code":"CUS"},
                "relatedKeyField":"Name",
                "fieldMappings":[{"field":"Phone","relatedField":"Tel"}],
                "lookupPickerFields":[],"filterCond":"","sort":""}}),
        )
        .unwrap();
        let lookup = lookup_def(&def).unwrap();
        assert_eq!(lookup.app_id, Some(3));
        assert_eq!(lookup.app_code, "CUS");
        assert_eq!(lookup.key_field, "Name");
        assert_eq!(
            lookup.mappings,
            vec![("Phone".to_string(), "Tel".to_string())]
        );
        let plain = FieldDef::from_json("X", &json!({"type":"NUMBER","code":"X"})).unwrap();
        assert_eq!(lookup_def(&plain), None);
    }
}
