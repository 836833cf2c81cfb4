//! The catalog and type mapping over a small fixture holding every field
//! type, colliding app and field names, blanks, and a subtable: names,
//! SQL types, decoded values (JSON-array lists, user codes and names,
//! file names, record numbers with an app code) and NULLs for blanks.

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use kintone_emulator::EmulatorHandle;
use serde_json::{json, Value as Json};
use sql::{Session, SqlType};

mod common;
use common::*;

fn text_field(code: &str, label: &str, kind: &str) -> Json {
    json!({"type": kind, "code": code, "label": label, "noLabel": false, "required": false})
}

fn options(values: &[&str]) -> Json {
    let mut map = serde_json::Map::new();
    for (i, v) in values.iter().enumerate() {
        map.insert((*v).to_owned(), json!({"label": v, "index": i.to_string()}));
    }
    Json::Object(map)
}

fn things_app() -> Json {
    let mut p = serde_json::Map::new();
    let mut add = |code: &str, def: Json| {
        p.insert(code.to_owned(), def);
    };
    add("no", text_field("no", "No", "RECORD_NUMBER"));
    add("creator", text_field("creator", "Created by", "CREATOR"));
    add("created", text_field("created", "Created", "CREATED_TIME"));
    add("modifier", text_field("modifier", "Updated by", "MODIFIER"));
    add("updated", text_field("updated", "Updated", "UPDATED_TIME"));
    let mut title = text_field("title", "Title", "SINGLE_LINE_TEXT");
    title["maxLength"] = json!("40");
    add("title", title);
    // Collides with "Title" ignoring case, and with the system column.
    add("title2", text_field("title2", "title", "SINGLE_LINE_TEXT"));
    add("rid", text_field("rid", "RecordId", "SINGLE_LINE_TEXT"));
    add("memo", text_field("memo", "メモ 欄", "MULTI_LINE_TEXT"));
    add("rich", text_field("rich", "Rich text", "RICH_TEXT"));
    add("amount", text_field("amount", "Amount", "NUMBER"));
    let mut total = text_field("total", "Total", "CALC");
    total["expression"] = json!("amount * 2");
    total["format"] = json!("NUMBER");
    add("total", total);
    let mut span = text_field("span", "Span", "CALC");
    span["expression"] = json!("3600");
    span["format"] = json!("HOUR_MINUTE");
    add("span", span);
    add("day", text_field("day", "Day", "DATE"));
    add("at", text_field("at", "At", "TIME"));
    add("when", text_field("when", "When", "DATETIME"));
    let mut kind = text_field("kind", "Kind", "DROP_DOWN");
    kind["options"] = options(&["Travel", "Meal"]);
    add("kind", kind);
    let mut channel = text_field("channel", "Channel", "RADIO_BUTTON");
    channel["options"] = options(&["Card", "Cash"]);
    channel["defaultValue"] = json!("Card");
    add("channel", channel);
    let mut flags = text_field("flags", "Flags", "CHECK_BOX");
    flags["options"] = options(&["receipt", "urgent"]);
    add("flags", flags);
    let mut teams = text_field("teams", "Teams", "MULTI_SELECT");
    teams["options"] = options(&["Sales", "Ops"]);
    add("teams", teams);
    add(
        "approver",
        text_field("approver", "Approver", "USER_SELECT"),
    );
    add("dept", text_field("dept", "Dept", "ORGANIZATION_SELECT"));
    add("group", text_field("group", "Group", "GROUP_SELECT"));
    add("link", text_field("link", "Link", "LINK"));
    add("files", text_field("files", "Attachments", "FILE"));
    add(
        "lines",
        json!({"type": "SUBTABLE", "code": "lines", "label": "Lines", "fields": {
            "item": text_field("item", "Item", "SINGLE_LINE_TEXT"),
            "cost": text_field("cost", "Cost", "NUMBER"),
        }}),
    );
    json!({
        "appId": 1, "code": "THG", "name": "Things", "spaceId": null, "threadId": null,
        "numberPrecision": {"digits": "12", "decimalPlaces": "2", "roundingMode": "HALF_EVEN"},
        "properties": Json::Object(p),
        "records": [
            {
                "title": {"value": "Taxi \"night\""}, "title2": {"value": "second"},
                "rid": {"value": "r-1"}, "memo": {"value": "line 1\nline 2"},
                "rich": {"value": "<b>bold</b>"}, "amount": {"value": "-1234.5"},
                "total": {"value": "-2469"}, "span": {"value": "1:00"},
                "day": {"value": "2026-03-02"}, "at": {"value": "09:30"},
                "when": {"value": "2026-03-02T14:05:00Z"}, "kind": {"value": "Travel"},
                "channel": {"value": "Cash"}, "flags": {"value": ["receipt", "urgent"]},
                "teams": {"value": ["Ops"]}, "approver": {"value": [{"code": "owner"}]},
                "dept": {"value": [{"code": "hq"}]}, "group": {"value": [{"code": "admins"}]},
                "link": {"value": "https://example.com/r/1"},
                "files": {"value": [{"name": "receipt.pdf", "contentType": "application/pdf", "content": "x"}]},
                "lines": {"value": [
                    {"value": {"item": {"value": "fare"}, "cost": {"value": "1000"}}},
                    {"value": {"item": {"value": "toll"}, "cost": {"value": "234.5"}}}
                ]},
                "creator": {"value": {"code": "owner"}}
            },
            {
                "title": {"value": ""}, "amount": {"value": ""}, "day": {"value": ""},
                "kind": {"value": ""}, "lines": {"value": []},
                "creator": {"value": {"code": "owner"}}
            }
        ]
    })
}

fn named_app(id: u64, name: &str) -> Json {
    json!({
        "appId": id, "code": "", "name": name, "spaceId": null, "threadId": null,
        "properties": {
            "title": text_field("title", "Title", "SINGLE_LINE_TEXT"),
            "lines": {"type": "SUBTABLE", "code": "lines", "label": "Lines", "fields": {
                "item": text_field("item", "Item", "SINGLE_LINE_TEXT")
            }}
        },
        "records": [{"title": {"value": format!("in {name}")}}]
    })
}

async fn emulator(test: &str) -> (EmulatorHandle, TempFile) {
    let fixture = json!({
        "users": [{"code": "owner", "name": "Owner Person", "password": "owner-password"}],
        "spaces": [], "oauthClients": [],
        "apps": [
            things_app(),
            named_app(2, "Things"),
            named_app(3, "Apps"),
            named_app(4, "Things_Lines"),
        ]
    });
    fixture_emulator(&format!("engine-types-{test}"), &fixture).await
}

async fn session(emu: &EmulatorHandle, extra: &str) -> Session {
    connect(emu, &format!("User=owner;Password=owner-password;{extra}")).await
}

async fn query(session: &Session, sql: &str) -> RecordBatch {
    let batches = rows(session, sql, &[]).await;
    let schema = session.prepare(sql).await.unwrap().schema();
    datafusion::arrow::compute::concat_batches(&schema, &batches).expect("batches concatenate")
}

/// The value at (row, column) as text, `None` for NULL.
fn cell(batch: &RecordBatch, row: usize, column: &str) -> Option<String> {
    let array = batch
        .column_by_name(column)
        .unwrap_or_else(|| panic!("{column}"));
    if array.is_null(row) {
        return None;
    }
    let text = datafusion::arrow::util::display::ArrayFormatter::try_new(
        array.as_ref(),
        &Default::default(),
    )
    .unwrap()
    .value(row)
    .to_string();
    Some(text)
}

#[tokio::test]
async fn colliding_names_are_made_unique_stably() {
    let (emu, _file) = emulator("names").await;
    let s = session(&emu, "").await;
    let names: Vec<String> = s
        .tables()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    // Apps first (by id), a later app with a taken name gets _<appId>;
    // fixed table names are reserved; subtables come after every app.
    for expected in [
        "Things",
        "Things_2",
        "Apps_3",
        "Things_Lines",
        "Things_Lines_lines",
        "Things_2_Lines",
        "Apps_3_Lines",
        // Its own subtable name collides (ignoring case) with the one above.
        "Things_Lines_Lines_lines",
        "Apps",
    ] {
        assert!(
            names.contains(&expected.to_owned()),
            "{expected} in {names:?}"
        );
    }
    assert_eq!(
        names
            .iter()
            .filter(|n| n.as_str() == "Things_Lines")
            .count(),
        1
    );
    let app4 = s.tables().await.unwrap();
    let app4 = app4
        .iter()
        .find(|t| t.app_id == Some(4) && t.parent_table.is_none());
    assert_eq!(
        app4.unwrap().name,
        "Things_Lines",
        "an app keeps its name before subtables"
    );
    let columns: Vec<String> = s
        .columns("Things")
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    for expected in [
        "RecordId",
        "Revision",
        "Title",
        "title_title2",
        "RecordId_rid",
        "メモ 欄",
    ] {
        assert!(
            columns.contains(&expected.to_owned()),
            "{expected} in {columns:?}"
        );
    }
    // Both quoting styles reach the renamed and the Japanese names.
    let b = query(
        &s,
        "SELECT [title_title2], \"メモ 欄\", [RecordId_rid] FROM [Things] WHERE \"RecordId\" = 1",
    )
    .await;
    assert_eq!(cell(&b, 0, "title_title2").as_deref(), Some("second"));
    assert_eq!(cell(&b, 0, "メモ 欄").as_deref(), Some("line 1\nline 2"));
    let b = query(&s, "SELECT Title FROM [Apps_3]").await;
    assert_eq!(cell(&b, 0, "Title").as_deref(), Some("in Apps"));

    // Field codes, another separator, subtables only where asked.
    let s = session(
        &emu,
        "UseCodeForFieldName=true;SubtableSeparatorCharacter=.;CheckForSubtablesIn=1",
    )
    .await;
    let names: Vec<String> = s
        .tables()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert!(names.contains(&"Things.lines".to_owned()), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("Things_2.")),
        "{names:?}"
    );
    let columns: Vec<String> = s
        .columns("Things")
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    for expected in ["title", "title2", "rid", "memo", "creator", "creator_Name"] {
        assert!(
            columns.contains(&expected.to_owned()),
            "{expected} in {columns:?}"
        );
    }
}

#[tokio::test]
async fn every_field_type_has_its_sql_type() {
    let (emu, _file) = emulator("types").await;
    let s = session(&emu, "").await;
    let columns = s.columns("Things").await.unwrap();
    let ty = |name: &str| {
        columns
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .sql_type
    };
    let text = |length| SqlType::WVarchar { length };
    assert_eq!(ty("RecordId"), SqlType::BigInt);
    assert_eq!(ty("Revision"), SqlType::BigInt);
    assert_eq!(
        ty("No"),
        SqlType::Varchar { length: 64 },
        "an app with a code"
    );
    assert_eq!(ty("Created by"), text(4000));
    assert_eq!(ty("Created by_Name"), text(4000));
    assert_eq!(ty("Updated by_Name"), text(4000));
    assert_eq!(ty("Created"), SqlType::Timestamp { fraction_digits: 0 });
    assert_eq!(ty("Updated"), SqlType::Timestamp { fraction_digits: 0 });
    assert_eq!(ty("Title"), text(40), "maxLength");
    assert_eq!(ty("title_title2"), text(4000));
    assert_eq!(ty("メモ 欄"), SqlType::WLongVarchar { length: 65535 });
    assert_eq!(ty("Rich text"), SqlType::WLongVarchar { length: 65535 });
    let decimal = SqlType::Decimal {
        precision: 12,
        scale: 2,
    };
    assert_eq!(ty("Amount"), decimal, "the app's number precision");
    assert_eq!(ty("Total"), decimal);
    assert_eq!(ty("Span"), text(64), "a duration is text");
    assert_eq!(ty("Day"), SqlType::Date);
    assert_eq!(ty("At"), SqlType::Time { fraction_digits: 0 });
    assert_eq!(ty("When"), SqlType::Timestamp { fraction_digits: 0 });
    for list in [
        "Kind",
        "Channel",
        "Flags",
        "Teams",
        "Approver",
        "Dept",
        "Group",
        "Attachments",
    ] {
        assert_eq!(ty(list), text(4000), "{list}");
    }
    assert_eq!(ty("Link"), text(4000));
    let sub = s.columns("Things_Lines_lines").await.unwrap();
    let sub_ty: Vec<(&str, SqlType, bool)> = sub
        .iter()
        .map(|c| (c.name.as_str(), c.sql_type, c.nullable))
        .collect();
    assert_eq!(
        sub_ty,
        [
            ("RecordId", SqlType::BigInt, false),
            ("RowId", SqlType::BigInt, false),
            ("Item", text(4000), true),
            ("Cost", decimal, true),
        ]
    );
    // The statement reports the same types as the catalog.
    let st = s.prepare("SELECT * FROM Things").await.unwrap();
    for (result, catalog) in st.columns().iter().zip(&columns) {
        assert_eq!(result.name, catalog.name);
        assert_eq!(result.sql_type, catalog.sql_type, "{}", catalog.name);
        assert_eq!(result.base_column.as_deref(), Some(catalog.name.as_str()));
    }

    // Without an app code the record number is a number; DOUBLE on request.
    let s = session(&emu, "NumberMapToDouble=true").await;
    let columns = s.columns("Things").await.unwrap();
    let amount = columns.iter().find(|c| c.name == "Amount").unwrap();
    assert_eq!(amount.sql_type, SqlType::Double);
    let st = s.prepare("SELECT Amount FROM Things").await.unwrap();
    assert_eq!(st.schema().field(0).data_type(), &DataType::Float64);

    // STATUS and STATUS_ASSIGNEE (the demo's process management app).
    let demo = demo_emulator().await;
    let d = demo_session(&demo, "").await;
    let tasks = d.columns("Tasks").await.unwrap();
    let ty = |name: &str| tasks.iter().find(|c| c.name == name).unwrap().sql_type;
    assert_eq!(ty("Status"), text(4000));
    assert_eq!(ty("Assignee"), text(4000));
    let record_number = |columns: &[sql::ColumnInfo]| {
        columns
            .iter()
            .find(|c| c.field_code.as_deref() == Some("Record_number"))
            .expect("a RECORD_NUMBER column")
            .sql_type
    };
    assert_eq!(
        record_number(&d.columns("Customers").await.unwrap()),
        SqlType::BigInt,
        "a record number without an app code"
    );
    assert_eq!(
        record_number(&tasks),
        SqlType::Varchar { length: 64 },
        "TASK-1"
    );
}

#[tokio::test]
async fn values_decode_with_lists_as_json_and_blanks_as_null() {
    let (emu, _file) = emulator("values").await;
    let s = session(&emu, "").await;
    let b = query(&s, "SELECT * FROM Things ORDER BY RecordId").await;
    assert_eq!(b.num_rows(), 2);
    let full = |c: &str| cell(&b, 0, c);
    assert_eq!(full("No").as_deref(), Some("THG-1"));
    assert_eq!(full("Created by").as_deref(), Some("owner"));
    assert_eq!(full("Created by_Name").as_deref(), Some("Owner Person"));
    assert_eq!(full("Title").as_deref(), Some("Taxi \"night\""));
    assert_eq!(full("Amount").as_deref(), Some("-1234.50"));
    assert_eq!(full("Day").as_deref(), Some("2026-03-02"));
    assert_eq!(full("At").as_deref(), Some("09:30:00"));
    assert!(full("When").unwrap().starts_with("2026-03-02T14:05:00"));
    assert_eq!(full("Kind").as_deref(), Some("Travel"));
    assert_eq!(full("Flags").as_deref(), Some(r#"["receipt","urgent"]"#));
    assert_eq!(full("Teams").as_deref(), Some(r#"["Ops"]"#));
    assert_eq!(full("Approver").as_deref(), Some(r#"["owner"]"#));
    assert_eq!(full("Dept").as_deref(), Some(r#"["hq"]"#));
    assert_eq!(full("Group").as_deref(), Some(r#"["admins"]"#));
    assert_eq!(full("Attachments").as_deref(), Some(r#"["receipt.pdf"]"#));
    assert_eq!(full("Rich text").as_deref(), Some("<b>bold</b>"));
    let blank = |c: &str| cell(&b, 1, c);
    for column in [
        "Title",
        "Amount",
        "Day",
        "At",
        "When",
        "Kind",
        "Flags",
        "Teams",
        "Approver",
        "Attachments",
        "メモ 欄",
        "Link",
    ] {
        assert_eq!(blank(column), None, "a blank {column} is NULL");
    }
    assert_eq!(
        blank("Channel").as_deref(),
        Some("Card"),
        "the default value"
    );
    let id = b
        .column_by_name("RecordId")
        .unwrap()
        .as_primitive::<Int64Type>();
    assert_eq!((id.value(0), id.value(1)), (1, 2));

    // Subtable rows: parent RecordId, RowId, the row's columns; records
    // without rows give none. Filters on row columns are re-checked per row.
    let rows = query(
        &s,
        "SELECT RecordId, RowId, Item, Cost FROM Things_Lines_lines ORDER BY RowId",
    )
    .await;
    assert_eq!(rows.num_rows(), 2);
    assert_eq!(cell(&rows, 0, "Item").as_deref(), Some("fare"));
    assert_eq!(cell(&rows, 1, "Cost").as_deref(), Some("234.50"));
    let cheap = query(
        &s,
        "SELECT Item FROM Things_Lines_lines WHERE Cost < 500 AND RecordId = 1",
    )
    .await;
    assert_eq!(cheap.num_rows(), 1);
    assert_eq!(cell(&cheap, 0, "Item").as_deref(), Some("toll"));
    let joined = query(
        &s,
        "SELECT t.Title, l.Item FROM Things t JOIN Things_Lines_lines l ON l.RecordId = t.RecordId \
         WHERE HAS_ANY(t.Flags, 'urgent') ORDER BY l.Item",
    )
    .await;
    assert_eq!(joined.num_rows(), 2);
}

#[tokio::test]
async fn unquoted_columns_resolve_through_their_qualifier_or_fail_when_ambiguous() {
    let (emu, _file) = emulator("case").await;
    // With field codes, Things has `creator`; the fixed table Apps has `Creator`.
    let s = session(&emu, "UseCodeForFieldName=true").await;
    let join = "FROM Things t JOIN Apps a ON a.AppId = 1 WHERE t.RecordId = 1";
    let b = query(
        &s,
        &format!("SELECT T.CREATOR AS c1, A.creator AS c2 {join}"),
    )
    .await;
    let exact = query(
        &s,
        &format!("SELECT t.\"creator\" AS c1, a.\"Creator\" AS c2 {join}"),
    )
    .await;
    assert_eq!(cell(&b, 0, "c1").as_deref(), Some("owner"));
    assert_eq!(b, exact, "each qualifier finds its own table's column");
    // Written exactly, each name is its own column.
    let b = query(&s, &format!("SELECT creator AS c1, Creator AS c2 {join}")).await;
    assert_eq!(b, exact);
    // Unqualified and matching both only ignoring case: an error naming both.
    let err = s
        .prepare(&format!("SELECT CREATOR {join}"))
        .await
        .err()
        .expect("ambiguous");
    let message = err.to_string();
    assert!(
        message.contains("\"Creator\"") && message.contains("\"creator\""),
        "{message}"
    );
    assert!(matches!(err, sql::Error::Plan(_)), "{err:?}");
    // Quoted names never match in another case.
    assert!(matches!(
        s.prepare("SELECT \"CREATOR\" FROM Things").await,
        Err(sql::Error::UnknownColumn(_))
    ));
}
