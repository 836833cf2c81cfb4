//! The schema parsers and the record decoder against real responses of the
//! in-process emulator over HTTP: every column of every record is checked
//! against the JSON the emulator sent.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Decimal128Type, Float64Type, Int64Type, Time64MicrosecondType,
    TimestampMicrosecondType,
};
use arrow_array::{Array, ArrayRef};
use kintone_core::decode::{ColumnSpec, ColumnType, RecordPlan, SubtablePlan, ValuePart};
use kintone_core::schema::{AppInfo, AppSettings, FieldType, FormFields};
use kintone_emulator::datasets::bench;
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use serde_json::Value as Json;

const DEALS_TOKEN: &str = "DemoDealsToken000000000000000000000000RW";
const TASKS_TOKEN: &str = "DemoTasksToken000000000000000000000000RW";

async fn emulator() -> EmulatorHandle {
    Emulator::start(Config {
        datasets: vec!["demo".into(), "bench:300".into()],
        ..Config::default()
    })
    .await
    .expect("the emulator starts")
}

async fn get(emu: &EmulatorHandle, token: &str, path_and_query: &str) -> Vec<u8> {
    let response = reqwest::Client::new()
        .get(format!("{}{path_and_query}", emu.base_url()))
        .header("X-Cybozu-API-Token", token)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{path_and_query}");
    response.bytes().await.unwrap().to_vec()
}

/// The app's metadata and a plan of every top-level value field (code and,
/// for users, name), plus `$id` and `$revision`.
async fn plan_for(emu: &EmulatorHandle, token: &str, app: u64) -> (FormFields, RecordPlan) {
    let form = FormFields::from_json(
        &get(emu, token, &format!("/k/v1/app/form/fields.json?app={app}")).await,
    )
    .unwrap();
    let settings = AppSettings::from_json(
        &get(emu, token, &format!("/k/v1/app/settings.json?app={app}")).await,
    )
    .unwrap();
    let info =
        AppInfo::from_json(&get(emu, token, &format!("/k/v1/app.json?id={app}")).await).unwrap();
    assert_eq!(info.app_id, app);
    let mut columns = vec![
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
        ColumnSpec::new("$revision", FieldType::Revision, ColumnType::Int64),
    ];
    for def in form.value_fields() {
        let Some(target) = ColumnType::for_field(
            def,
            &settings.number_precision,
            !info.code.is_empty(),
            false,
        ) else {
            continue;
        };
        columns.push(ColumnSpec::new(&def.code, def.field_type.clone(), target));
        if def.field_type.is_entity() {
            let names = if def.field_type.is_multi_valued() {
                ColumnType::ListUtf8
            } else {
                ColumnType::Utf8
            };
            columns.push(
                ColumnSpec::new(&def.code, def.field_type.clone(), names)
                    .named(format!("{}.names", def.code))
                    .part(ValuePart::Name),
            );
        }
    }
    (form, RecordPlan::new(columns).unwrap())
}

/// Kintone's text of an Arrow value, to compare with the JSON.
fn text_of(array: &ArrayRef, row: usize) -> String {
    use chrono::{DateTime, NaiveDate};
    match array.data_type() {
        arrow_schema::DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        arrow_schema::DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        arrow_schema::DataType::Float64 => {
            array.as_primitive::<Float64Type>().value(row).to_string()
        }
        arrow_schema::DataType::Decimal128(_, scale) => {
            let v = array.as_primitive::<Decimal128Type>().value(row);
            let scale = *scale as usize;
            let digits = format!("{:0>width$}", v.unsigned_abs(), width = scale + 1);
            let (int, frac) = digits.split_at(digits.len() - scale);
            let sign = if v < 0 { "-" } else { "" };
            format!("{sign}{int}.{frac}")
        }
        arrow_schema::DataType::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(row);
            (NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days as u64))
                .to_string()
        }
        arrow_schema::DataType::Time64(_) => {
            let micros = array.as_primitive::<Time64MicrosecondType>().value(row);
            format!(
                "{:02}:{:02}",
                micros / 3_600_000_000,
                micros / 60_000_000 % 60
            )
        }
        arrow_schema::DataType::Timestamp(..) => {
            let micros = array.as_primitive::<TimestampMicrosecondType>().value(row);
            DateTime::from_timestamp_micros(micros)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        }
        arrow_schema::DataType::List(_) => {
            let values = array.as_list::<i32>().value(row);
            let values: Vec<&str> = values
                .as_string::<i32>()
                .iter()
                .map(Option::unwrap)
                .collect();
            serde_json::to_string(&values).unwrap()
        }
        other => panic!("unexpected column type {other}"),
    }
}

/// The same value in the record's JSON: scalars as text, lists as JSON text.
fn expected_text(value: &Json, part: &str) -> Option<String> {
    match value {
        Json::Null => None,
        Json::String(s) if s.is_empty() => None,
        Json::String(s) => Some(s.clone()),
        Json::Object(entity) => entity[part].as_str().map(str::to_string),
        Json::Array(items) if items.is_empty() => None,
        Json::Array(items) => {
            let parts: Vec<&str> = items
                .iter()
                .map(|item| {
                    item.as_str()
                        .unwrap_or_else(|| item[part].as_str().unwrap())
                })
                .collect();
            Some(serde_json::to_string(&parts).unwrap())
        }
        other => panic!("unexpected value {other}"),
    }
}

/// Decimals print with their scale (`"12.50"`); Kintone's text may not (`"12.5"`).
fn same_number(a: &str, b: &str) -> bool {
    let trim = |s: &str| {
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            s
        };
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    };
    trim(a) == trim(b)
}

fn check_page(body: &[u8], plan: &RecordPlan, expected_records: usize) {
    let page = plan.decode(body).unwrap();
    let json: Json = serde_json::from_slice(body).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(page.records, expected_records);
    assert_eq!(records.len(), expected_records);
    assert_eq!(page.batch.num_rows(), expected_records);
    let last_id = records
        .last()
        .map(|r| r["$id"]["value"].as_str().unwrap().parse().unwrap());
    assert_eq!(page.last_record_id, last_id);
    let mut non_null = 0;
    for (c, spec) in plan.columns().iter().enumerate() {
        let array = page.batch.column(c);
        let part = if spec.part == ValuePart::Name {
            "name"
        } else {
            "code"
        };
        for (row, record) in records.iter().enumerate() {
            let value = &record[&spec.field_code]["value"];
            let expected = expected_text(value, part);
            let actual = array.is_valid(row).then(|| text_of(array, row));
            let equal = match (&expected, &actual) {
                (Some(e), Some(a)) if matches!(spec.target, ColumnType::Decimal128(..)) => {
                    same_number(e, a)
                }
                _ => expected == actual,
            };
            assert!(equal, "{} row {row}: {expected:?} vs {actual:?}", spec.name);
            non_null += usize::from(actual.is_some());
        }
    }
    assert!(non_null > expected_records * plan.columns().len() / 2);
}

#[tokio::test]
async fn bench_pages_decode_to_exactly_the_values_sent() {
    let emu = emulator().await;
    let (form, plan) = plan_for(&emu, bench::API_TOKEN, bench::APP_ID).await;
    assert!(form.subtables().any(|t| t.code == "items"));
    assert!(plan.columns().len() >= 25, "{}", plan.columns().len());
    for (limit, offset) in [(500, 0), (100, 250)] {
        let body = get(
            &emu,
            bench::API_TOKEN,
            &format!(
                "/k/v1/records.json?app={}&query=limit%20{limit}%20offset%20{offset}&totalCount=true",
                bench::APP_ID
            ),
        )
        .await;
        let expected = (300usize - offset).min(limit);
        check_page(&body, &plan, expected);
        assert_eq!(plan.decode(&body).unwrap().total_count, Some(300));
    }
}

#[tokio::test]
async fn demo_apps_decode_including_lookups_and_prefixed_record_numbers() {
    let emu = emulator().await;
    for (app, token) in [(2, DEALS_TOKEN), (3, TASKS_TOKEN)] {
        let (form, plan) = plan_for(&emu, token, app).await;
        let body = get(&emu, token, &format!("/k/v1/records.json?app={app}")).await;
        let count = serde_json::from_slice::<Json>(&body).unwrap()["records"]
            .as_array()
            .unwrap()
            .len();
        assert!(count > 0);
        check_page(&body, &plan, count);
        let number = plan
            .columns()
            .iter()
            .find(|c| c.source == FieldType::RecordNumber)
            .unwrap();
        // Tasks has the app code TASK: its record numbers are "TASK-n" text.
        let expected = if app == 3 {
            ColumnType::Utf8
        } else {
            ColumnType::Int64
        };
        assert_eq!(number.target, expected);
        if app == 2 {
            assert!(form.properties["customer"].lookup.is_some());
        }
    }
}

#[tokio::test]
async fn bench_table_rows_match_the_json() {
    let emu = emulator().await;
    let form = FormFields::from_json(
        &get(
            &emu,
            bench::API_TOKEN,
            &format!("/k/v1/app/form/fields.json?app={}", bench::APP_ID),
        )
        .await,
    )
    .unwrap();
    let table = &form.properties["items"];
    let fields: Vec<ColumnSpec> = table
        .fields
        .values()
        .map(|f| {
            let target = match f.field_type {
                FieldType::Number => ColumnType::Float64,
                _ => ColumnType::Utf8,
            };
            ColumnSpec::new(&f.code, f.field_type.clone(), target)
        })
        .collect();
    let plan = SubtablePlan::new(
        "items",
        "record_id",
        "row_id",
        vec![ColumnSpec::new(
            "title",
            FieldType::SingleLineText,
            ColumnType::Utf8,
        )],
        fields,
    )
    .unwrap();
    let body = get(
        &emu,
        bench::API_TOKEN,
        &format!("/k/v1/records.json?app={}&query=limit%20500", bench::APP_ID),
    )
    .await;
    let page = plan.decode(&body).unwrap();
    let json: Json = serde_json::from_slice(&body).unwrap();
    let mut expected_rows = Vec::new();
    for record in json["records"].as_array().unwrap() {
        for row in record["items"]["value"].as_array().unwrap() {
            expected_rows.push((
                record["$id"]["value"]
                    .as_str()
                    .unwrap()
                    .parse::<i64>()
                    .unwrap(),
                row["id"].as_str().unwrap().parse::<i64>().unwrap(),
                record["title"]["value"].as_str().unwrap().to_string(),
                row["value"]["item_name"]["value"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            ));
        }
    }
    assert_eq!(page.records, 300);
    assert_eq!(page.batch.num_rows(), expected_rows.len());
    assert!(expected_rows.len() > 300, "0-5 rows per record");
    let record_ids = page.batch.column(0).as_primitive::<Int64Type>();
    let row_ids = page.batch.column(1).as_primitive::<Int64Type>();
    let titles = page.batch.column(2).as_string::<i32>();
    let names = page
        .batch
        .column_by_name("item_name")
        .unwrap()
        .as_string::<i32>();
    for (i, (record_id, row_id, title, name)) in expected_rows.iter().enumerate() {
        assert_eq!(record_ids.value(i), *record_id);
        assert_eq!(row_ids.value(i), *row_id);
        assert_eq!(titles.value(i), title);
        assert_eq!(names.is_null(i), name.is_empty());
        if !name.is_empty() {
            assert_eq!(names.value(i), name);
        }
    }
}

#[tokio::test]
async fn cursor_pages_decode_with_next() {
    let emu = emulator().await;
    let client = reqwest::Client::new();
    let created: Json = client
        .post(format!("{}/k/v1/records/cursor.json", emu.base_url()))
        .header("X-Cybozu-API-Token", bench::API_TOKEN)
        .json(&serde_json::json!({"app": bench::APP_ID, "size": 200, "fields": ["$id", "title"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
        ColumnSpec::new("title", FieldType::SingleLineText, ColumnType::Utf8),
    ])
    .unwrap();
    let mut seen = 0;
    loop {
        let body = get(
            &emu,
            bench::API_TOKEN,
            &format!("/k/v1/records/cursor.json?id={id}"),
        )
        .await;
        let page = plan.decode(&body).unwrap();
        seen += page.records;
        assert_eq!(page.batch.column(1).null_count(), 0, "title is required");
        if !page.next.expect("cursor pages say next") {
            break;
        }
    }
    assert_eq!(seen, 300);
}
