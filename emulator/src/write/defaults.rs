//! Default values of fields on create (`defaultValue`, `defaultNowValue`).

use chrono::{DateTime, Utc};
use serde_json::Value as Json;

use super::datetime::format_minute;
use super::values::scalar_text;
use crate::model::{Entity, FieldDef, FieldType, Store, Value};

/// What defaults depend on besides the definition.
pub struct DefaultContext<'a> {
    pub store: &'a Store,
    /// The signed-in user, for `LOGINUSER()` defaults of user fields.
    pub login_user: Option<&'a str>,
    pub now: DateTime<Utc>,
    /// The users' time zone: "today" and "now" of DATE/TIME are local.
    pub time_zone: chrono_tz::Tz,
}

fn now_flag(def: &FieldDef) -> bool {
    def.raw.get("defaultNowValue").and_then(Json::as_bool) == Some(true)
}

fn default_text(def: &FieldDef) -> String {
    def.raw
        .get("defaultValue")
        .and_then(|v| scalar_text(v).ok())
        .unwrap_or_default()
}

/// The value a new record gets for a field that the write did not give.
/// System fields are left blank here: the record builder fills them.
pub fn default_value(def: &FieldDef, ctx: &DefaultContext) -> Value {
    use FieldType::*;
    let local_now = ctx.now.with_timezone(&ctx.time_zone);
    match def.kind {
        SingleLineText | MultiLineText | RichText | Link | Number | RadioButton | DropDown => {
            Value::Text(default_text(def))
        }
        Date if now_flag(def) => Value::Text(local_now.format("%Y-%m-%d").to_string()),
        Time if now_flag(def) => Value::Text(local_now.format("%H:%M").to_string()),
        DateTime if now_flag(def) => Value::Text(format_minute(ctx.now)),
        Date | Time | DateTime => Value::Text(default_text(def)),
        CheckBox | MultiSelect => Value::List(
            def.raw
                .get("defaultValue")
                .and_then(Json::as_array)
                .map(|items| items.iter().filter_map(|v| scalar_text(v).ok()).collect())
                .unwrap_or_default(),
        ),
        UserSelect | OrganizationSelect | GroupSelect => {
            Value::Entities(default_entities(def, ctx))
        }
        // [assumed] a new record's table starts with one row of defaults, as
        // the form does; the record builder adds it with a fresh row id.
        _ => Value::blank(def.kind),
    }
}

/// `defaultValue` of user/organization/group fields: `[{code, type}]`, where
/// type FUNCTION with code `LOGINUSER()` means the signed-in user.
fn default_entities(def: &FieldDef, ctx: &DefaultContext) -> Vec<Entity> {
    let Some(items) = def.raw.get("defaultValue").and_then(Json::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let code = item.get("code").and_then(Json::as_str).unwrap_or_default();
        let kind = item.get("type").and_then(Json::as_str).unwrap_or("USER");
        match kind {
            "FUNCTION" if code == "LOGINUSER()" => {
                if let Some(user) = ctx.login_user.and_then(|c| ctx.store.user(c)) {
                    out.push(user.entity());
                }
            }
            "USER" => {
                if let Some(user) = ctx.store.user(code) {
                    out.push(user.entity());
                }
            }
            "FUNCTION" => {}
            _ => out.push(Entity {
                code: code.to_string(),
                name: code.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::User;
    use serde_json::json;

    fn def(raw: Json) -> FieldDef {
        let code = raw["code"].as_str().unwrap().to_string();
        FieldDef::from_json(&code, &raw).unwrap()
    }

    fn with_ctx<R>(f: impl FnOnce(&DefaultContext) -> R) -> R {
        let mut store = Store::default();
        store.users.push(User {
            id: 1,
            code: "sato".into(),
            name: "Sato".into(),
            password: String::new(),
            primary_organization: String::new(),
        });
        let ctx = DefaultContext {
            store: &store,
            login_user: Some("sato"),
            now: "2026-03-01T20:30:45Z".parse().unwrap(),
            time_zone: chrono_tz::Asia::Tokyo,
        };
        f(&ctx)
    }

    #[test]
    fn text_and_option_defaults() {
        with_ctx(|ctx| {
            let t = def(json!({"type":"SINGLE_LINE_TEXT","code":"T","defaultValue":"hello"}));
            assert_eq!(default_value(&t, ctx), Value::Text("hello".into()));
            let c = def(json!({"type":"CHECK_BOX","code":"C","defaultValue":["a","b"]}));
            assert_eq!(
                default_value(&c, ctx),
                Value::List(vec!["a".into(), "b".into()])
            );
            let r = def(json!({"type":"RADIO_BUTTON","code":"R","defaultValue":"Card"}));
            assert_eq!(default_value(&r, ctx), Value::Text("Card".into()));
        });
    }

    #[test]
    fn now_defaults_use_the_time_zone_for_dates_and_times() {
        with_ctx(|ctx| {
            // 20:30 UTC is 05:30 the next day in Tokyo.
            let d = def(json!({"type":"DATE","code":"D","defaultNowValue":true}));
            assert_eq!(default_value(&d, ctx), Value::Text("2026-03-02".into()));
            let t = def(json!({"type":"TIME","code":"T","defaultNowValue":true}));
            assert_eq!(default_value(&t, ctx), Value::Text("05:30".into()));
            let dt = def(json!({"type":"DATETIME","code":"X","defaultNowValue":true}));
            assert_eq!(
                default_value(&dt, ctx),
                Value::Text("2026-03-01T20:30:00Z".into())
            );
            let off =
                def(json!({"type":"DATE","code":"E","defaultNowValue":false,"defaultValue":""}));
            assert_eq!(default_value(&off, ctx), Value::Text("".into()));
        });
    }

    #[test]
    fn loginuser_default() {
        with_ctx(|ctx| {
            let u = def(json!({"type":"USER_SELECT","code":"U","defaultValue":[
                {"code":"LOGINUSER()","type":"FUNCTION"},{"code":"ghost","type":"USER"}]}));
            assert_eq!(
                default_value(&u, ctx),
                Value::Entities(vec![Entity {
                    code: "sato".into(),
                    name: "Sato".into()
                }])
            );
        });
    }
}
