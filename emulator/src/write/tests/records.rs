//! add / update / upsert / delete, revisions, update keys, unique fields,
//! batches and all-or-nothing (facts §7).

use serde_json::json;

use super::*;
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

fn key(field: &str, value: Json) -> Target {
    Target::Key {
        field: field.into(),
        value,
    }
}

#[test]
fn facts_7_add_returns_id_and_revision_1_and_fills_system_fields() {
    let mut store = store();
    let written = add(
        &mut store,
        1,
        json!({"Title": {"value": "first"}, "NoSuchField": {"value": "x"}}),
    )
    .unwrap();
    assert_eq!(written, Written { id: 1, revision: 1 });
    let app = store.app(1).unwrap();
    assert_eq!(
        text(app, 1, "Record_number"),
        "ORD-1",
        "facts §8: APPCODE-id"
    );
    assert_eq!(val(app, 1, "Created_by"), &Value::entity(env().actor));
    assert_eq!(
        text(app, 1, "Created_datetime"),
        "2026-04-23T14:11:00Z",
        "seconds are 00"
    );
    assert_eq!(text(app, 1, "Updated_datetime"), "2026-04-23T14:11:00Z");
    assert_eq!(text(app, 1, "Channel"), "Web", "the radio button's default");
    assert_eq!(
        add(&mut store, 1, json!({"Title": {"value": "second"}}))
            .unwrap()
            .id,
        2
    );
}

#[test]
fn facts_7_creator_and_times_may_be_set_on_create_only() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "t"}, "Created_by": {"value": {"code": "tanaka"}},
               "Created_datetime": {"value": "2020-01-02T03:04:05+09:00"}}),
    )
    .unwrap();
    let app = store.app(1).unwrap();
    assert_eq!(
        val(app, 1, "Created_by").clone(),
        Value::entity(Entity {
            code: "tanaka".into(),
            name: "Tanaka Taro".into()
        })
    );
    assert_eq!(text(app, 1, "Created_datetime"), "2020-01-01T18:04:00Z");
    // On update they are ignored [assumed]; MODIFIER and UPDATED_TIME follow the caller.
    update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Created_by": {"value": {"code": "suzuki"}}, "Updated_by": {"value": {"code": "suzuki"}}}),
    )
    .unwrap();
    let app = store.app(1).unwrap();
    assert_eq!(
        val(app, 1, "Created_by").clone(),
        Value::entity(Entity {
            code: "tanaka".into(),
            name: "Tanaka Taro".into()
        })
    );
    assert_eq!(val(app, 1, "Updated_by"), &Value::entity(env().actor));
}

#[test]
fn required_is_checked_on_create_and_when_blanked_on_update() {
    let mut store = store();
    let error = add(&mut store, 1, json!({"Plain": {"value": "x"}})).unwrap_err();
    assert_eq!((error.status, error.code), (400, "CB_VA01"));
    assert_eq!(keys(&error), vec!["Title.value"]);
    add(&mut store, 1, json!({"Title": {"value": "ok"}})).unwrap();
    let error = update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Title": {"value": " "}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Title.value"]);
    assert_eq!(
        text(store.app(1).unwrap(), 1, "Title"),
        "ok",
        "a refused update changes nothing"
    );
}

#[test]
fn facts_7_put_validates_the_whole_merged_record() {
    let mut store = store();
    add(&mut store, 1, json!({"Title": {"value": "ok"}})).unwrap();
    // A value that broke the form's rules got in before (say the options changed).
    let app = store.app_mut(1).unwrap();
    let Some(FieldSlot::Top(kind)) = app.slot("Kind") else {
        panic!()
    };
    app.records.get_mut(&1).unwrap().values[kind] = Value::Text("Z".into());
    let error = update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Plain": {"value": "x"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Kind.value"]);
}

#[test]
fn facts_7_revision_absent_or_minus_one_skips_the_check_and_stale_is_409() {
    let mut store = store();
    add(&mut store, 1, json!({"Title": {"value": "a"}})).unwrap();
    assert_eq!(
        update(&mut store, Target::Id(1), None, json!({}))
            .unwrap()
            .revision,
        2
    );
    assert_eq!(
        update(
            &mut store,
            Target::Id(1),
            Some(2),
            json!({"Plain": {"value": "p"}})
        )
        .unwrap()
        .revision,
        3
    );
    let error = update(
        &mut store,
        Target::Id(1),
        Some(2),
        json!({"Plain": {"value": "q"}}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (409, "GAIA_CO02"));
    assert_eq!(text(store.app(1).unwrap(), 1, "Plain"), "p");
    let error = update(&mut store, Target::Id(9), None, json!({})).unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_RE01"));
}

#[test]
fn facts_7_update_key_needs_a_unique_field_and_a_value_not_in_record() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Key": {"value": "K-1"}, "Serial": {"value": "7"}}),
    )
    .unwrap();
    let error = update(&mut store, key("Plain", json!("x")), None, json!({})).unwrap_err();
    assert_eq!(keys(&error), vec!["updateKey.field"]);
    let error = update(
        &mut store,
        key("Key", json!("K-1")),
        None,
        json!({"Key": {"value": "K-2"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Key.value"]);
    let error = update(&mut store, key("Key", json!("K-9")), None, json!({})).unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_RE01"));
    let written = update(
        &mut store,
        key("Key", json!("K-1")),
        None,
        json!({"Plain": {"value": "by key"}}),
    )
    .unwrap();
    assert_eq!(written, Written { id: 1, revision: 2 });
    // A NUMBER key compares numerically.
    update(
        &mut store,
        key("Serial", json!("7.0")),
        None,
        json!({"Plain": {"value": "by number"}}),
    )
    .unwrap();
    assert_eq!(text(store.app(1).unwrap(), 1, "Plain"), "by number");
}

#[test]
fn facts_7_duplicate_update_keys_in_one_request_are_gaia_iq28() {
    let mut store = store();
    let tx = Tx::begin(&mut store);
    let record = rec(json!({}));
    let updates = |a: Target, b: Target| {
        vec![
            Update {
                target: a,
                revision: None,
                record: Some(&record),
            },
            Update {
                target: b,
                revision: None,
                record: Some(&record),
            },
        ]
    };
    let error = check_distinct_targets(
        &tx,
        1,
        &updates(key("Key", json!("A")), key("Key", json!("A"))),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (400, "GAIA_IQ28"));
    let error = check_distinct_targets(
        &tx,
        1,
        &updates(key("Serial", json!("1")), key("Serial", json!("1.00"))),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_IQ28");
    assert_eq!(
        check_distinct_targets(&tx, 1, &updates(Target::Id(1), Target::Id(1)))
            .unwrap_err()
            .code,
        "GAIA_IQ28"
    );
    assert!(check_distinct_targets(
        &tx,
        1,
        &updates(key("Key", json!("A")), key("Key", json!("B")))
    )
    .is_ok());
}

#[test]
fn upsert_updates_an_existing_key_and_inserts_a_missing_one() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Key": {"value": "K-1"}}),
    )
    .unwrap();
    let record = rec(json!({"Title": {"value": "b"}}));
    let mut tx = Tx::begin(&mut store);
    let (w, op) = upsert_record(
        &mut tx,
        1,
        &Update {
            target: key("Key", json!("K-1")),
            revision: None,
            record: Some(&record),
        },
        &env(),
    )
    .unwrap();
    assert_eq!((w, op), (Written { id: 1, revision: 2 }, Operation::Update));
    let (w, op) = upsert_record(
        &mut tx,
        1,
        &Update {
            target: key("Key", json!("K-2")),
            revision: None,
            record: Some(&record),
        },
        &env(),
    )
    .unwrap();
    assert_eq!((w, op), (Written { id: 2, revision: 1 }, Operation::Insert));
    tx.commit();
    assert_eq!(
        text(store.app(1).unwrap(), 2, "Key"),
        "K-2",
        "the inserted record holds the key"
    );
    assert_eq!(Operation::Insert.name(), "INSERT");
    // An insert is validated like an add; errors are keyed under record.
    let empty = rec(json!({}));
    let mut tx = Tx::begin(&mut store);
    let error = upsert_record(
        &mut tx,
        1,
        &Update {
            target: key("Key", json!("K-3")),
            revision: None,
            record: Some(&empty),
        },
        &env(),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Title.value"]);
    let error = upsert_record(
        &mut tx,
        1,
        &Update {
            target: key("Key", json!("")),
            revision: None,
            record: Some(&empty),
        },
        &env(),
    )
    .unwrap_err();
    assert_eq!(
        keys(&error),
        vec!["updateKey.value"],
        "an empty key is refused"
    );
}

#[test]
fn unique_values_may_not_repeat_across_records_but_blanks_may() {
    let mut store = store();
    add(
        &mut store,
        1,
        json!({"Title": {"value": "a"}, "Key": {"value": "K"}, "Serial": {"value": "1.5"}}),
    )
    .unwrap();
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "b"}, "Key": {"value": "K"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Key.value"]);
    let error = add(
        &mut store,
        1,
        json!({"Title": {"value": "b"}, "Serial": {"value": "1.50"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Serial.value"]);
    add(&mut store, 1, json!({"Title": {"value": "c"}})).unwrap();
    add(&mut store, 1, json!({"Title": {"value": "d"}})).unwrap();
    // A record may keep its own unique value.
    update(
        &mut store,
        Target::Id(1),
        None,
        json!({"Key": {"value": "K"}}),
    )
    .unwrap();
}

#[test]
fn facts_7_batches_hold_at_most_100_records() {
    assert!(check_batch_size(100, "records").is_ok());
    let error = check_batch_size(101, "records").unwrap_err();
    assert_eq!((error.status, error.code), (400, "CB_VA01"));
    assert_eq!(keys(&error), vec!["records"]);
    assert!(check_batch_size(0, "records").is_err());
}

#[test]
fn facts_7_a_batch_is_all_or_nothing_and_reports_every_bad_record() {
    let mut store = store();
    add(&mut store, 1, json!({"Title": {"value": "keep"}})).unwrap();
    let inputs = [
        json!({"Title": {"value": "ok"}, "Key": {"value": "dup"}}),
        json!({"Title": {"value": "much too long"}}),
        json!({"Title": {"value": "ok2"}, "Key": {"value": "dup"}}),
        json!({"Title": {"value": "ok3"}, "Kind": {"value": "Q"}}),
    ];
    {
        let mut tx = Tx::begin(&mut store);
        let error = run_batch(&mut tx, &inputs, |tx, input| {
            add_record(tx, 1, &rec(input.clone()), &env())
        })
        .unwrap_err();
        // Duplicates within one batch collide too.
        assert_eq!(
            keys(&error),
            vec![
                "records[1].Title.value",
                "records[2].Key.value",
                "records[3].Kind.value"
            ]
        );
    }
    let app = store.app(1).unwrap();
    assert_eq!(app.records.len(), 1, "nothing of the failed batch remains");
    assert_eq!(app.next_record_id, 2);
    // A non-validation error stops the batch and keeps its index in no key.
    let mut tx = Tx::begin(&mut store);
    let targets = [Target::Id(1), Target::Id(5)];
    let error = run_batch(&mut tx, targets, |tx, target| {
        update_record(
            tx,
            1,
            &Update {
                target,
                revision: None,
                record: None,
            },
            &env(),
        )
    })
    .unwrap_err();
    assert_eq!(error.code, "GAIA_RE01");
}

#[test]
fn delete_checks_every_id_and_revision_before_deleting() {
    let mut store = store();
    for title in ["a", "b", "c"] {
        add(&mut store, 1, json!({"Title": {"value": title}})).unwrap();
    }
    store.app_mut(1).unwrap().comments.insert(2, Vec::new());
    {
        let mut tx = Tx::begin(&mut store);
        let error = delete_records(&mut tx, 1, &[(1, None), (9, None)]).unwrap_err();
        assert_eq!((error.status, error.code), (404, "GAIA_RE01"));
        let error = delete_records(&mut tx, 1, &[(1, Some(1)), (2, Some(7))]).unwrap_err();
        assert_eq!((error.status, error.code), (409, "GAIA_CO02"));
    }
    assert_eq!(store.app(1).unwrap().records.len(), 3);
    let mut tx = Tx::begin(&mut store);
    delete_records(&mut tx, 1, &[(1, Some(1)), (2, None)]).unwrap();
    tx.commit();
    let app = store.app(1).unwrap();
    assert_eq!(app.records.keys().copied().collect::<Vec<_>>(), vec![3]);
    assert!(app.comments.is_empty(), "comments go with their record");
}
