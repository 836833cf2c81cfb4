//! Tests of the record-write engine over a small store built by the
//! fixture loader.

mod fields;
mod process;
mod records;
mod tables;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value as Json};

use super::{Origin, WriteEnv};
use crate::api::ApiError;
use crate::model::{App, Entity, FieldSlot, Store, Value};

pub fn now() -> DateTime<Utc> {
    "2026-04-23T14:11:42Z".parse().unwrap()
}

/// sato as the caller, at `now()`, in Tokyo.
pub fn env() -> WriteEnv<'static> {
    WriteEnv {
        actor: Entity {
            code: "sato".into(),
            name: "Sato Hanako".into(),
        },
        login_user: Some("sato".into()),
        now: now(),
        time_zone: chrono_tz::Asia::Tokyo,
        origin: Origin::Api,
        related_app_access: None,
    }
}

/// Users sato, tanaka and suzuki; a guest space 5 holding app 4; app 1 "Orders" (code ORD) with a unique key, a
/// required title, a table, files, users and a lookup into app 2
/// "Customers"; app 3 "Tasks" with process management.
pub fn store() -> Store {
    let fixture = json!({
        "users": [
            {"code": "sato", "name": "Sato Hanako", "password": "p"},
            {"code": "tanaka", "name": "Tanaka Taro", "password": "p"},
            {"code": "suzuki", "name": "Suzuki Ichiro", "password": "p"}],
        "spaces": [{"id": 5, "name": "Guests", "isGuest": true}],
        "apps": [
            {"appId": 4, "name": "Guest app", "spaceId": 5, "threadId": 5, "properties": {
                "Name": {"type": "SINGLE_LINE_TEXT", "code": "Name"}}},
            {"appId": 2, "name": "Customers",
             "apiTokens": [{"token": "tokCustView", "viewRecord": true, "addRecord": false, "editRecord": false, "deleteRecord": false}],
             "properties": {
                "Name": {"type": "SINGLE_LINE_TEXT", "code": "Name", "unique": true},
                "Tel": {"type": "SINGLE_LINE_TEXT", "code": "Tel"},
                "Rank": {"type": "NUMBER", "code": "Rank"}},
             "records": [
                {"Name": {"value": "Acme"}, "Tel": {"value": "03-1111"}, "Rank": {"value": "1"}},
                {"Name": {"value": "Globex"}, "Tel": {"value": "06-2222"}, "Rank": {"value": "2"}}]},
            {"appId": 1, "code": "ORD", "name": "Orders",
             "apiTokens": [
                {"token": "tokAll", "viewRecord": true, "addRecord": true, "editRecord": true, "deleteRecord": true},
                {"token": "tokAddOnly", "viewRecord": true, "addRecord": true, "editRecord": false, "deleteRecord": false}],
             "numberPrecision": {"digits": "8", "decimalPlaces": "2", "roundingMode": "HALF_EVEN"},
             "properties": {
                "Title": {"type": "SINGLE_LINE_TEXT", "code": "Title", "required": true, "maxLength": "10"},
                "Key": {"type": "SINGLE_LINE_TEXT", "code": "Key", "unique": true},
                "Serial": {"type": "NUMBER", "code": "Serial", "unique": true},
                "Plain": {"type": "SINGLE_LINE_TEXT", "code": "Plain"},
                "Kind": {"type": "DROP_DOWN", "code": "Kind", "options": {
                    "A": {"label": "A", "index": "0"}, "B": {"label": "B", "index": "1"}}},
                "Channel": {"type": "RADIO_BUTTON", "code": "Channel", "defaultValue": "Web", "options": {
                    "Web": {"label": "Web", "index": "0"}, "Shop": {"label": "Shop", "index": "1"}}},
                "Amount": {"type": "NUMBER", "code": "Amount", "maxValue": "1000"},
                "When": {"type": "DATETIME", "code": "When"},
                "Owner": {"type": "USER_SELECT", "code": "Owner"},
                "Docs": {"type": "FILE", "code": "Docs"},
                "Customer": {"type": "SINGLE_LINE_TEXT", "code": "Customer", "lookup": {
                    "relatedApp": {"app": "2", "code": ""}, "relatedKeyField": "Name",
                    "fieldMappings": [{"field": "CustomerTel", "relatedField": "Tel"}],
                    "lookupPickerFields": [], "filterCond": "", "sort": ""}},
                "CustomerTel": {"type": "SINGLE_LINE_TEXT", "code": "CustomerTel"},
                "Lines": {"type": "SUBTABLE", "code": "Lines", "fields": {
                    "Item": {"type": "SINGLE_LINE_TEXT", "code": "Item", "required": true, "defaultValue": "item"},
                    "Cost": {"type": "NUMBER", "code": "Cost"}}}},
             "records": []},
            {"appId": 3, "name": "Tasks",
             "status": {"enable": true,
                "states": {
                    "Open": {"name": "Open", "index": "0", "assignee": {"type": "ONE", "entities": [
                        {"entity": {"type": "CREATOR", "code": null}, "includeSubs": false}]}},
                    "Review": {"name": "Review", "index": "1", "assignee": {"type": "ONE", "entities": [
                        {"entity": {"type": "USER", "code": "tanaka"}, "includeSubs": false},
                        {"entity": {"type": "USER", "code": "suzuki"}, "includeSubs": false}]}},
                    "Approve": {"name": "Approve", "index": "2", "assignee": {"type": "ALL", "entities": [
                        {"entity": {"type": "USER", "code": "tanaka"}, "includeSubs": false},
                        {"entity": {"type": "FIELD_ENTITY", "code": "Reviewer"}, "includeSubs": false},
                        {"entity": {"type": "CREATOR", "code": null}, "includeSubs": false}]}},
                    "Done": {"name": "Done", "index": "3", "assignee": {"type": "ONE", "entities": []}}},
                "actions": [
                    {"name": "Submit", "from": "Open", "to": "Review", "filterCond": ""},
                    {"name": "Escalate", "from": "Open", "to": "Approve", "filterCond": ""},
                    {"name": "Accept", "from": "Review", "to": "Done", "filterCond": ""}]},
             "properties": {
                "Subject": {"type": "SINGLE_LINE_TEXT", "code": "Subject"},
                "Reviewer": {"type": "USER_SELECT", "code": "Reviewer"}},
             "records": []}]});
    let mut store = Store::default();
    crate::fixture::load_json_at(&mut store, &fixture, now()).unwrap();
    store
}

/// A record object from JSON.
pub fn rec(json: Json) -> Map<String, Json> {
    json.as_object().expect("a record object").clone()
}

/// The stored value of a top-level field.
pub fn val<'a>(app: &'a App, id: u64, code: &str) -> &'a Value {
    let Some(FieldSlot::Top(i)) = app.slot(code) else {
        panic!("no top-level field {code}")
    };
    &app.records[&id].values[i]
}

pub fn text<'a>(app: &'a App, id: u64, code: &str) -> &'a str {
    val(app, id, code).as_text()
}

/// The validation keys of an error.
pub fn keys(error: &ApiError) -> Vec<String> {
    error
        .errors
        .as_ref()
        .map(|e| e.keys().cloned().collect())
        .unwrap_or_default()
}
