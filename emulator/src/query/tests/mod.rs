//! Behaviour tests of the query module against a small app with every
//! field type. Each test names the fact it checks.

mod dates;
mod errors;
mod numbers;
mod scale;
mod sorting;
mod tables;
mod text_and_choice;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;

use super::{run, Context, QueryUse};
use crate::api::ApiError;
use crate::model::{
    App, Entity, FieldDef, FieldSlot, FileRef, Record, Store, TableRow, User, Value,
};

/// The app's form: one field of every type, and a table.
fn fields() -> Vec<FieldDef> {
    let options = |names: &[&str]| {
        let mut map = serde_json::Map::new();
        for (i, n) in names.iter().enumerate() {
            map.insert(n.to_string(), json!({"label": n, "index": i.to_string()}));
        }
        serde_json::Value::Object(map)
    };
    let props = json!({
        "Rn": {"type": "RECORD_NUMBER"},
        "Creator": {"type": "CREATOR"},
        "Modifier": {"type": "MODIFIER"},
        "Created": {"type": "CREATED_TIME"},
        "Updated": {"type": "UPDATED_TIME"},
        "Title": {"type": "SINGLE_LINE_TEXT"},
        "Memo": {"type": "MULTI_LINE_TEXT"},
        "Rich": {"type": "RICH_TEXT"},
        "Amount": {"type": "NUMBER"},
        "Total": {"type": "CALC", "format": "NUMBER"},
        "CalcDay": {"type": "CALC", "format": "DATE"},
        "Radio": {"type": "RADIO_BUTTON", "options": options(&["B", "A", "C"])},
        "Checks": {"type": "CHECK_BOX", "options": options(&["x", "y", "z"])},
        "Multi": {"type": "MULTI_SELECT", "options": options(&["p", "q", "r"])},
        // Option order differs from alphabetical order on purpose.
        "Drop": {"type": "DROP_DOWN", "options": options(&["Low", "Mid", "High"])},
        "Users": {"type": "USER_SELECT"},
        "Orgs": {"type": "ORGANIZATION_SELECT"},
        "Groups": {"type": "GROUP_SELECT"},
        "Day": {"type": "DATE"},
        "At": {"type": "TIME"},
        "When": {"type": "DATETIME"},
        "Link": {"type": "LINK", "protocol": "WEB"},
        "Files": {"type": "FILE"},
        "Status": {"type": "STATUS"},
        "Assignee": {"type": "STATUS_ASSIGNEE"},
        "Cat": {"type": "CATEGORY"},
        "Grp": {"type": "GROUP"},
        "Ref": {"type": "REFERENCE_TABLE"},
        "Lines": {"type": "SUBTABLE", "fields": {
            "Item": {"type": "SINGLE_LINE_TEXT"},
            "Cost": {"type": "NUMBER"},
            "Tag": {"type": "DROP_DOWN", "options": options(&["t1", "t2"])},
            "Note": {"type": "MULTI_LINE_TEXT"},
        }},
        "Extra": {"type": "SUBTABLE", "fields": {
            "ExtraItem": {"type": "SINGLE_LINE_TEXT"},
        }},
    });
    props
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, raw)| FieldDef::from_json(code, raw).unwrap())
        .collect()
}

/// 2026-03-01T23:30Z: already Monday 2026-03-02 08:30 in Tokyo.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap()
}

pub fn text(s: &str) -> Value {
    Value::Text(s.into())
}

pub fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| s.to_string()).collect())
}

pub fn entity(code: &str) -> Value {
    Value::entity(Entity {
        code: code.into(),
        name: code.into(),
    })
}

pub fn entities(codes: &[&str]) -> Value {
    Value::Entities(
        codes
            .iter()
            .map(|c| Entity {
                code: c.to_string(),
                name: c.to_string(),
            })
            .collect(),
    )
}

pub fn files(names: &[&str]) -> Value {
    Value::Files(
        names
            .iter()
            .map(|n| FileRef {
                content_type: "text/plain".into(),
                file_key: format!("key-{n}"),
                name: n.to_string(),
                size: 1,
            })
            .collect(),
    )
}

/// A test domain: users, and app 1 with the form above.
pub struct Fixture {
    pub store: Store,
    pub login_user: Option<&'static str>,
    pub time_zone: chrono_tz::Tz,
    pub now: DateTime<Utc>,
}

impl Fixture {
    pub fn new() -> Fixture {
        let mut store = Store::default();
        for (id, code) in [(7, "sato"), (3, "tanaka"), (5, "suzuki")] {
            store.users.push(User {
                id,
                code: code.into(),
                name: code.into(),
                password: "pw".into(),
                // sato belongs to org1 first (PRIMARY_ORGANIZATION()).
                primary_organization: if code == "sato" {
                    "org1".into()
                } else {
                    String::new()
                },
            });
        }
        let mut app = App::new(1, "All types", fields());
        app.status = json!({"enable": true, "states": {
            "Done": {"name": "Done", "index": "2"},
            "Open": {"name": "Open", "index": "0"},
            "Doing": {"name": "Doing", "index": "1"},
        }, "actions": [], "revision": "1"});
        store.apps.insert(1, app);
        Fixture {
            store,
            login_user: Some("sato"),
            time_zone: chrono_tz::UTC,
            now: now(),
        }
    }

    pub fn tokyo() -> Fixture {
        Fixture {
            time_zone: chrono_tz::Asia::Tokyo,
            ..Fixture::new()
        }
    }

    pub fn app(&self) -> &App {
        self.store.app(1).unwrap()
    }

    /// Adds a record with the given top-level values (others blank).
    pub fn add(&mut self, id: u64, values: &[(&str, Value)]) -> &mut Self {
        let app = self.store.app_mut(1).unwrap();
        let mut record = Record {
            id,
            revision: 1,
            values: app.blank_values(),
        };
        for (code, v) in values {
            match app.slot(code) {
                Some(FieldSlot::Top(i)) => record.values[i] = v.clone(),
                other => panic!("{code} is not a top-level field: {other:?}"),
            }
        }
        app.records.insert(id, record);
        self
    }

    /// A table row for the table holding `values`' fields.
    pub fn row(&self, id: u64, values: &[(&str, Value)]) -> TableRow {
        let app = self.app();
        let (table, _) = match app.slot(values[0].0) {
            Some(FieldSlot::InTable(t, c)) => (t, c),
            other => panic!("{} is not in a table: {other:?}", values[0].0),
        };
        let mut row = TableRow {
            id,
            values: app.fields[table]
                .subfields
                .iter()
                .map(|f| Value::blank(f.kind))
                .collect(),
        };
        for (code, v) in values {
            let Some(FieldSlot::InTable(t, c)) = app.slot(code) else {
                panic!("{code} is not in a table");
            };
            assert_eq!(t, table, "{code} is in another table");
            row.values[c] = v.clone();
        }
        row
    }

    fn context(&self) -> Context<'_> {
        Context {
            store: &self.store,
            app: self.app(),
            login_user: self.login_user,
            now: self.now,
            time_zone: self.time_zone,
        }
    }

    /// The ids a `records.json` query returns, in order.
    pub fn ids(&self, query: &str) -> Vec<u64> {
        match run(&self.context(), query, QueryUse::Records) {
            Ok(r) => r.records.iter().map(|r| r.id).collect(),
            Err(e) => panic!("{query}: {e:?}"),
        }
    }

    /// The ids a query selects, sorted ascending (for set comparisons).
    pub fn set(&self, query: &str) -> Vec<u64> {
        let mut ids = self.ids(query);
        ids.sort_unstable();
        ids
    }

    pub fn total(&self, query: &str, usage: QueryUse) -> usize {
        run(&self.context(), query, usage).unwrap().total_count
    }

    pub fn run_ids(&self, query: &str, usage: QueryUse) -> Result<Vec<u64>, ApiError> {
        run(&self.context(), query, usage).map(|r| r.records.iter().map(|r| r.id).collect())
    }

    /// The error a query produces.
    pub fn err(&self, query: &str) -> ApiError {
        match run(&self.context(), query, QueryUse::Records) {
            Ok(r) => panic!(
                "{query}: expected an error, got {:?}",
                r.records.iter().map(|r| r.id).collect::<Vec<_>>()
            ),
            Err(e) => e,
        }
    }

    /// The Kintone error code a query produces.
    pub fn code(&self, query: &str) -> &'static str {
        self.err(query).code
    }
}
