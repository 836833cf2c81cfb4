//! Field values through the engine: numbers, datetimes, users, files,
//! lookups.

use serde_json::json;

use super::*;
use crate::model::StoredFile;
use crate::write::records::*;
use crate::write::Tx;

fn add(store: &mut Store, app: u64, record: Json) -> Result<Written, ApiError> {
    let mut tx = Tx::begin(store);
    let written = add_record(&mut tx, app, &rec(record), &env())?;
    tx.commit();
    Ok(written)
}

fn update(
    store: &mut Store,
    target: Target,
    revision: Option<u64>,
    record: Json,
) -> Result<Written, ApiError> {
    let record = rec(record);
    let mut tx = Tx::begin(store);
    let written = update_record(
        &mut tx,
        1,
        &Update {
            target,
            revision,
            record: Some(&record),
        },
        &env(),
    )?;
    tx.commit();
    Ok(written)
}

#[test]
fn numbers_are_rounded_and_limited_by_the_app_precision() {
    let mut store = store();
    // digits 8, decimalPlaces 2: six integer digits.
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Amount": {"value": "12.345"}}),
    )
    .unwrap();
    assert_eq!(
        text(store.app(1).unwrap(), 1, "Amount"),
        "12.34",
        "HALF_EVEN"
    );
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "b"}, "Serial": {"value": "1234567"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Serial.value"]);
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "b"}, "Amount": {"value": "1000.01"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Amount.value"], "maxValue");
}

#[test]
fn datetimes_and_users_are_normalised() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "When": {"value": "2026-01-01T09:00:59+09:00"}, "Owner": {"value": [{"code": "tanaka"}]}}),
    )
    .unwrap();
    let app = store.app(1).unwrap();
    assert_eq!(text(app, 1, "When"), "2026-01-01T00:00:00Z");
    assert_eq!(
        val(app, 1, "Owner"),
        &Value::Entities(vec![Entity {
            code: "tanaka".into(),
            name: "Tanaka Taro".into()
        }])
    );
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "b"}, "Owner": {"value": [{"code": "ghost"}]}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Owner.value"]);
}

#[test]
fn files_must_be_uploaded_and_get_a_new_key() {
    let mut store = store();
    store.files.insert(
        "upload-1".into(),
        StoredFile {
            name: "a.txt".into(),
            content_type: "text/plain".into(),
            bytes: bytes::Bytes::from_static(b"hello"),
        },
    );
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Docs": {"value": [{"fileKey": "nope"}]}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Docs.value"]);
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Docs": {"value": [{"fileKey": "upload-1"}]}}),
    )
    .unwrap();
    let Value::Files(files) = val(store.app(1).unwrap(), 1, "Docs").clone() else {
        panic!()
    };
    assert_eq!(files.len(), 1);
    assert_ne!(files[0].file_key, "upload-1");
    assert_eq!((files[0].name.as_str(), files[0].size), ("a.txt", 5));
    assert_eq!(
        store.files[&files[0].file_key].bytes,
        bytes::Bytes::from_static(b"hello")
    );
    // Sending the attached key again keeps the file as it is.
    update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Docs": {"value": [{"fileKey": files[0].file_key}]}}),
    )
    .unwrap();
    assert_eq!(val(store.app(1).unwrap(), 1, "Docs"), &Value::Files(files));
}

#[test]
fn lookups_copy_mapped_fields_and_an_unknown_key_is_gaia_lo04() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Customer": {"value": "Acme"}}),
    )
    .unwrap();
    assert_eq!(text(store.app(1).unwrap(), 1, "CustomerTel"), "03-1111");
    update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Customer": {"value": "Globex"}}),
    )
    .unwrap();
    assert_eq!(text(store.app(1).unwrap(), 1, "CustomerTel"), "06-2222");
    let error = update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Customer": {"value": "Initech"}}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (400, "GAIA_LO04"));
    assert_eq!(keys(&error), vec!["record.Customer.value"]);
    update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Customer": {"value": ""}}),
    )
    .unwrap();
    assert_eq!(
        text(store.app(1).unwrap(), 1, "CustomerTel"),
        "",
        "a cleared key clears the copies"
    );
    // facts §2: the caller must be allowed to read the source app.
    let deny = |app: u64| {
        Err(ApiError::new(
            403,
            "GAIA_NO01",
            format!("no access to app {app}"),
        ))
    };
    let mut env = env();
    env.related_app_access = Some(&deny);
    let mut tx = Tx::begin(&mut store);
    let error = add_record(
        &mut tx,
        1,
        &rec(json!({"Title": {"value": "x"}, "Customer": {"value": "Acme"}})),
        &env,
    )
    .unwrap_err();
    assert_eq!(
        (error.code, error.message.as_str()),
        ("GAIA_NO01", "no access to app 2")
    );
}

#[test]
fn fields_inside_tables_given_at_top_level_are_ignored() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Item": {"value": "stray"}}),
    )
    .unwrap();
    let Value::Table(rows) = val(store.app(1).unwrap(), 1, "Lines").clone() else {
        panic!()
    };
    assert_eq!(rows[0].values[0], Value::Text("item".into()));
}
