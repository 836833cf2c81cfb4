//! One field's value: from the write shape (facts §7) to a stored
//! [`Value`], and the constraints of its definition (required, lengths,
//! limits, options).
//!
//! Parsing turns JSON into a normalised value and refuses malformed input;
//! checking looks at a stored value against the field's settings. PUT
//! validates the whole merged record (facts §7), so checks run over every
//! field, parsing only over the fields sent.

use serde_json::Value as Json;

use super::{datetime, number};
use crate::model::{Entity, FieldDef, FieldType, NumberPrecision, Store, Value};

/// The `[assumed]` name of API-token callers and of fixture records without a
/// creator (facts §2: "Actions by token are recorded as user Administrator").
pub const ADMINISTRATOR: &str = "Administrator";

/// Length of a text in UTF-16 code units, as Kintone counts `maxLength`
/// and `minLength` (facts §7): an emoji outside the BMP counts 2.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A scalar from JSON: strings as they are, numbers and booleans as their
/// text [assumed], `null` as blank.
pub fn scalar_text(json: &Json) -> Result<String, String> {
    match json {
        Json::Null => Ok(String::new()),
        Json::String(s) => Ok(s.clone()),
        Json::Number(n) => Ok(n.to_string()),
        Json::Bool(b) => Ok(b.to_string()),
        _ => Err("The value must be a string.".into()),
    }
}

fn string_list(json: &Json) -> Result<Vec<String>, String> {
    match json {
        Json::Null => Ok(Vec::new()),
        Json::Array(items) => items.iter().map(scalar_text).collect(),
        _ => Err("The value must be an array.".into()),
    }
}

/// Codes of `[{code}]` (users, organizations, groups).
fn entity_codes(json: &Json) -> Result<Vec<String>, String> {
    let items = match json {
        Json::Null => return Ok(Vec::new()),
        Json::Array(items) => items,
        _ => return Err("The value must be an array.".into()),
    };
    items
        .iter()
        .map(|item| match item.get("code") {
            Some(code) => scalar_text(code),
            None => Err("Each entry needs a \"code\".".into()),
        })
        .collect()
}

/// The entity of an existing user, or an error naming the code.
pub fn user_entity(store: &Store, code: &str) -> Result<Entity, String> {
    store
        .user(code)
        .map(|u| u.entity())
        .ok_or_else(|| format!("The specified user (code: {code}) not found."))
}

/// The caller recorded as CREATOR/MODIFIER: a user, or "Administrator".
pub fn administrator() -> Entity {
    Entity {
        code: ADMINISTRATOR.into(),
        name: ADMINISTRATOR.into(),
    }
}

/// Parses one scalar, list or entity value (not FILE or SUBTABLE, which the
/// record builder handles) and normalises it for storage.
pub fn parse_value(
    def: &FieldDef,
    json: &Json,
    store: &Store,
    precision: &NumberPrecision,
) -> Result<Value, String> {
    use FieldType::*;
    let value = match def.kind {
        SingleLineText | MultiLineText | RichText | Link | RadioButton | DropDown | Calc
        | Status | RecordNumber => Value::Text(scalar_text(json)?),
        Number => {
            let text = scalar_text(json)?;
            if text.is_empty() {
                Value::Text(text)
            } else {
                Value::Text(number::normalize_number(&text, precision).map_err(|e| e.message())?)
            }
        }
        Date => normalized(
            json,
            datetime::normalize_date,
            "Enter a date in the format YYYY-MM-DD.",
        )?,
        Time => normalized(
            json,
            datetime::normalize_time,
            "Enter a time in the format HH:MM.",
        )?,
        DateTime | CreatedTime | UpdatedTime => normalized(
            json,
            datetime::normalize_datetime,
            "Enter a date and time in the format YYYY-MM-DDTHH:MM:SSZ.",
        )?,
        CheckBox | MultiSelect | Category => Value::List(string_list(json)?),
        UserSelect | StatusAssignee => Value::Entities(
            entity_codes(json)?
                .iter()
                .map(|code| user_entity(store, code))
                .collect::<Result<_, _>>()?,
        ),
        // [assumed] organizations and groups are not modelled: any code is
        // accepted and named after itself.
        OrganizationSelect | GroupSelect => Value::Entities(
            entity_codes(json)?
                .into_iter()
                .map(|code| Entity {
                    name: code.clone(),
                    code,
                })
                .collect(),
        ),
        Creator | Modifier => {
            let code = match json {
                Json::Object(_) => json
                    .get("code")
                    .map(scalar_text)
                    .transpose()?
                    .unwrap_or_default(),
                Json::Null => String::new(),
                _ => return Err("The value must be an object with a \"code\".".into()),
            };
            if code.is_empty() {
                Value::entity(Entity::default())
            } else {
                Value::entity(user_entity(store, &code)?)
            }
        }
        File | Subtable | Id | Revision | Group | ReferenceTable | Label | Spacer | Hr => {
            return Err(format!(
                "A {} value cannot be written here.",
                def.kind.name()
            ))
        }
    };
    Ok(value)
}

fn normalized(
    json: &Json,
    normalize: fn(&str) -> Option<String>,
    message: &str,
) -> Result<Value, String> {
    let text = scalar_text(json)?;
    if text.is_empty() {
        return Ok(Value::Text(text));
    }
    normalize(&text)
        .map(Value::Text)
        .ok_or_else(|| message.to_string())
}

/// The messages for a stored value that breaks its field's settings:
/// required, text lengths (UTF-16), number limits, options.
pub fn check_value(def: &FieldDef, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if def.required && value.is_blank() {
        problems.push("Required.".to_string());
        return problems;
    }
    match (def.kind, value) {
        (
            FieldType::SingleLineText | FieldType::MultiLineText | FieldType::Link,
            Value::Text(s),
        ) if !s.is_empty() => {
            let len = utf16_len(s);
            if let Some(max) = def.max_length.filter(|max| len > *max) {
                problems.push(format!("Enter {max} or fewer characters."));
            }
            if let Some(min) = def.min_length.filter(|min| len < *min) {
                problems.push(format!("Enter {min} or more characters."));
            }
        }
        (FieldType::Number, Value::Text(s)) if !s.is_empty() => {
            if let Some(max) = &def.max_value {
                if number::compare(s, max) == Some(std::cmp::Ordering::Greater) {
                    problems.push(format!("The value must be {max} or less."));
                }
            }
            if let Some(min) = &def.min_value {
                if number::compare(s, min) == Some(std::cmp::Ordering::Less) {
                    problems.push(format!("The value must be {min} or more."));
                }
            }
        }
        (FieldType::DropDown | FieldType::RadioButton, Value::Text(s))
            if !s.is_empty() && def.option_index(s).is_none() =>
        {
            problems.push(not_an_option(s));
        }
        (FieldType::CheckBox | FieldType::MultiSelect, Value::List(items)) => {
            for item in items {
                if def.option_index(item).is_none() {
                    problems.push(not_an_option(item));
                }
            }
        }
        _ => {}
    }
    problems
}

fn not_an_option(value: &str) -> String {
    format!("The value, \"{value}\", is not in options.")
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

    fn store() -> Store {
        let mut store = Store::default();
        store.users.push(User {
            id: 1,
            code: "sato".into(),
            name: "Sato Hanako".into(),
            password: "p".into(),
            primary_organization: String::new(),
        });
        store
    }

    fn parse(def: &FieldDef, json: Json) -> Result<Value, String> {
        parse_value(def, &json, &store(), &NumberPrecision::default())
    }

    #[test]
    fn facts_7_text_lengths_count_utf16_code_units() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("日本"), 2);
        assert_eq!(utf16_len("😀"), 2);
        let title =
            def(json!({"type":"SINGLE_LINE_TEXT","code":"T","maxLength":"3","minLength":"2"}));
        assert!(check_value(&title, &Value::Text("abc".into())).is_empty());
        assert!(check_value(&title, &Value::Text("日本語".into())).is_empty());
        // One emoji plus two letters is four code units: too long.
        assert_eq!(check_value(&title, &Value::Text("😀ab".into())).len(), 1);
        // One emoji alone is two code units: long enough.
        assert!(check_value(&title, &Value::Text("😀".into())).is_empty());
        assert_eq!(check_value(&title, &Value::Text("a".into())).len(), 1);
        // Length limits do not apply to a blank, optional value.
        assert!(check_value(&title, &Value::Text(String::new())).is_empty());
    }

    #[test]
    fn required_refuses_blank_and_whitespace() {
        let title = def(json!({"type":"SINGLE_LINE_TEXT","code":"T","required":true}));
        assert_eq!(
            check_value(&title, &Value::Text(String::new())),
            vec!["Required."]
        );
        assert_eq!(
            check_value(&title, &Value::Text("  ".into())),
            vec!["Required."]
        );
        assert!(check_value(&title, &Value::Text("x".into())).is_empty());
        let users = def(json!({"type":"USER_SELECT","code":"U","required":true}));
        assert_eq!(check_value(&users, &Value::Entities(vec![])).len(), 1);
    }

    #[test]
    fn number_limits_compare_numerically() {
        let n = def(json!({"type":"NUMBER","code":"N","maxValue":"100","minValue":"-5"}));
        assert!(check_value(&n, &Value::Text("100".into())).is_empty());
        assert!(check_value(&n, &Value::Text("-5".into())).is_empty());
        assert_eq!(check_value(&n, &Value::Text("100.01".into())).len(), 1);
        assert_eq!(check_value(&n, &Value::Text("-6".into())).len(), 1);
        assert!(check_value(&n, &Value::Text("".into())).is_empty());
    }

    #[test]
    fn number_parse_normalises_and_refuses_text() {
        let n = def(json!({"type":"NUMBER","code":"N"}));
        assert_eq!(
            parse(&n, json!("1.23456")).unwrap(),
            Value::Text("1.2346".into())
        );
        assert_eq!(parse(&n, json!(42)).unwrap(), Value::Text("42".into()));
        assert_eq!(parse(&n, json!(null)).unwrap(), Value::Text("".into()));
        assert!(parse(&n, json!("12abc")).is_err());
        assert!(parse(&n, json!("12345678901234567")).is_err());
    }

    #[test]
    fn options_must_exist() {
        let opts = json!({"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}});
        let drop = def(json!({"type":"DROP_DOWN","code":"D","options":opts}));
        assert!(check_value(&drop, &Value::Text("A".into())).is_empty());
        assert!(check_value(&drop, &Value::Text("".into())).is_empty());
        assert_eq!(check_value(&drop, &Value::Text("C".into())).len(), 1);
        let check = def(json!({"type":"CHECK_BOX","code":"C","options":opts}));
        assert!(check_value(&check, &Value::List(vec!["A".into(), "B".into()])).is_empty());
        assert_eq!(
            check_value(&check, &Value::List(vec!["A".into(), "a".into()])).len(),
            1
        );
        assert!(
            parse(&check, json!("A")).is_err(),
            "a check box takes an array"
        );
    }

    #[test]
    fn users_must_exist_and_get_their_names() {
        let users = def(json!({"type":"USER_SELECT","code":"U"}));
        assert_eq!(
            parse(&users, json!([{"code":"sato"}])).unwrap(),
            Value::Entities(vec![Entity {
                code: "sato".into(),
                name: "Sato Hanako".into()
            }])
        );
        assert!(parse(&users, json!([{"code":"nobody"}]))
            .unwrap_err()
            .contains("nobody"));
        assert!(parse(&users, json!([{"name":"x"}])).is_err());
        let orgs = def(json!({"type":"ORGANIZATION_SELECT","code":"O"}));
        assert_eq!(
            parse(&orgs, json!([{"code":"sales"}])).unwrap(),
            Value::Entities(vec![Entity {
                code: "sales".into(),
                name: "sales".into()
            }])
        );
    }

    #[test]
    fn dates_times_and_datetimes_are_normalised() {
        let d = def(json!({"type":"DATE","code":"D"}));
        assert_eq!(
            parse(&d, json!("2015-7")).unwrap(),
            Value::Text("2015-07-01".into())
        );
        assert!(parse(&d, json!("2015-02-30")).is_err());
        let t = def(json!({"type":"TIME","code":"T"}));
        assert_eq!(
            parse(&t, json!("09:30:59")).unwrap(),
            Value::Text("09:30".into())
        );
        let dt = def(json!({"type":"DATETIME","code":"X"}));
        assert_eq!(
            parse(&dt, json!("2026-03-02T09:00:30+09:00")).unwrap(),
            Value::Text("2026-03-02T00:00:00Z".into())
        );
        assert_eq!(parse(&dt, json!("")).unwrap(), Value::Text("".into()));
    }

    #[test]
    fn creator_takes_a_user_object() {
        let c = def(json!({"type":"CREATOR","code":"C"}));
        assert_eq!(
            parse(&c, json!({"code":"sato"})).unwrap(),
            Value::entity(Entity {
                code: "sato".into(),
                name: "Sato Hanako".into()
            })
        );
        assert!(parse(&c, json!({"code":"ghost"})).is_err());
        assert!(parse(&c, json!("sato")).is_err());
    }
}
