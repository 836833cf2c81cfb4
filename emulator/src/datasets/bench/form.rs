//! The form of the bench app: every queryable scalar type, the system
//! fields and one table, defined in the shape of `app/form/fields.json`.

use serde_json::{json, Map, Value as Json};

use super::words;
use crate::model::FieldDef;

/// `options` of a selection field, indexed in the given order.
fn options(names: &[&str]) -> Json {
    let mut map = Map::new();
    for (i, name) in names.iter().enumerate() {
        map.insert(
            name.to_string(),
            json!({"label": name, "index": i.to_string()}),
        );
    }
    Json::Object(map)
}

fn text(code: &str, label: &str, unique: bool, required: bool) -> Json {
    json!({"type": "SINGLE_LINE_TEXT", "code": code, "label": label, "noLabel": false,
           "required": required, "unique": unique, "maxLength": "", "minLength": "",
           "expression": "", "hideExpression": false, "defaultValue": ""})
}

fn number(code: &str, label: &str, scale: u32, unit: &str) -> Json {
    json!({"type": "NUMBER", "code": code, "label": label, "noLabel": false,
           "required": false, "unique": false, "maxValue": "", "minValue": "",
           "digit": true, "displayScale": scale.to_string(), "unit": unit,
           "unitPosition": "AFTER", "defaultValue": ""})
}

fn date_like(kind: &str, code: &str, label: &str) -> Json {
    let mut def = json!({"type": kind, "code": code, "label": label, "noLabel": false,
                         "required": false, "defaultValue": "", "defaultNowValue": false});
    if kind != "TIME" {
        def["unique"] = json!(false);
    }
    def
}

fn selection(kind: &str, code: &str, label: &str, names: &[&str], default: Json) -> Json {
    json!({"type": kind, "code": code, "label": label, "noLabel": false,
           "required": false, "options": options(names), "defaultValue": default})
}

fn system(kind: &str, code: &str, label: &str) -> Json {
    json!({"type": kind, "code": code, "label": label, "noLabel": false})
}

/// The top-level fields of the bench app, in form order.
pub fn properties() -> Vec<(&'static str, Json)> {
    let mut table_fields = Map::new();
    table_fields.insert("item_name".into(), text("item_name", "Item", false, false));
    table_fields.insert("item_qty".into(), number("item_qty", "Qty", 0, ""));
    table_fields.insert("item_price".into(), number("item_price", "単価", 2, "JPY"));
    vec![
        (
            "Record_number",
            json!({"type": "RECORD_NUMBER", "code": "Record_number",
            "label": "Record number", "noLabel": false}),
        ),
        ("title", text("title", "Title", false, true)),
        (
            "external_id",
            text("external_id", "External ID", true, true),
        ),
        ("customer", text("customer", "顧客名", false, false)),
        (
            "contact_name",
            text("contact_name", "Contact", false, false),
        ),
        ("city", text("city", "City", false, false)),
        ("sku", text("sku", "SKU", false, false)),
        ("keyword", text("keyword", "Keyword", false, false)),
        (
            "notes",
            json!({"type": "MULTI_LINE_TEXT", "code": "notes", "label": "Notes",
            "noLabel": false, "required": false, "defaultValue": ""}),
        ),
        ("amount", number("amount", "金額", 2, "JPY")),
        ("quantity", number("quantity", "Quantity", 0, "")),
        ("weight", number("weight", "Weight", 3, "kg")),
        ("score", number("score", "Score", 0, "")),
        (
            "total",
            json!({"type": "CALC", "code": "total", "label": "合計",
            "noLabel": false, "required": false, "expression": "amount * quantity",
            "format": "NUMBER_DIGIT", "displayScale": "2", "hideExpression": false,
            "unit": "JPY", "unitPosition": "AFTER"}),
        ),
        ("order_date", date_like("DATE", "order_date", "Order date")),
        ("due_date", date_like("DATE", "due_date", "Due date")),
        ("start_time", date_like("TIME", "start_time", "Start time")),
        (
            "shipped_at",
            date_like("DATETIME", "shipped_at", "Shipped at"),
        ),
        (
            "priority",
            selection(
                "DROP_DOWN",
                "priority",
                "Priority",
                words::PRIORITIES,
                json!(""),
            ),
        ),
        (
            "category",
            selection(
                "DROP_DOWN",
                "category",
                "カテゴリ",
                words::CATEGORIES,
                json!(""),
            ),
        ),
        (
            "channel",
            selection(
                "RADIO_BUTTON",
                "channel",
                "Channel",
                words::CHANNELS,
                json!("Web"),
            ),
        ),
        (
            "flags",
            selection("CHECK_BOX", "flags", "Flags", words::FLAGS, json!([])),
        ),
        (
            "teams",
            selection("MULTI_SELECT", "teams", "Teams", words::TEAMS, json!([])),
        ),
        (
            "owner",
            json!({"type": "USER_SELECT", "code": "owner", "label": "担当者",
            "noLabel": false, "required": false, "entities": [], "defaultValue": []}),
        ),
        (
            "website",
            json!({"type": "LINK", "code": "website", "label": "Website",
            "noLabel": false, "required": false, "unique": false, "maxLength": "",
            "minLength": "", "protocol": "WEB", "defaultValue": ""}),
        ),
        (
            "phone",
            json!({"type": "LINK", "code": "phone", "label": "Phone",
            "noLabel": false, "required": false, "unique": false, "maxLength": "",
            "minLength": "", "protocol": "CALL", "defaultValue": ""}),
        ),
        (
            "items",
            json!({"type": "SUBTABLE", "code": "items", "label": "Line items",
            "noLabel": false, "fields": Json::Object(table_fields)}),
        ),
        ("Created_by", system("CREATOR", "Created_by", "Created by")),
        (
            "Created_datetime",
            system("CREATED_TIME", "Created_datetime", "Created datetime"),
        ),
        ("Updated_by", system("MODIFIER", "Updated_by", "Updated by")),
        (
            "Updated_datetime",
            system("UPDATED_TIME", "Updated_datetime", "Updated datetime"),
        ),
    ]
}

/// The parsed form.
pub fn fields() -> Vec<FieldDef> {
    properties()
        .into_iter()
        .map(|(code, raw)| FieldDef::from_json(code, &raw).expect("the bench form is valid"))
        .collect()
}
