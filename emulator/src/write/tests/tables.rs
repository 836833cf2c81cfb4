//! SUBTABLE writes (facts §7): rows with an id update that row, rows without
//! are added with new ids, rows not sent are deleted.

use serde_json::json;

use super::*;
use crate::model::TableRow;
use crate::write::records::*;
use crate::write::Tx;

fn rows(store: &Store, id: u64) -> Vec<TableRow> {
    match val(store.app(1).unwrap(), id, "Lines") {
        Value::Table(rows) => rows.clone(),
        other => panic!("not a table: {other:?}"),
    }
}

fn cells(row: &TableRow) -> (String, String) {
    (
        row.values[0].as_text().to_string(),
        row.values[1].as_text().to_string(),
    )
}

fn write(store: &mut Store, id: Option<u64>, record: Json) -> Result<Written, ApiError> {
    let record = rec(record);
    let mut tx = Tx::begin(store);
    let written = match id {
        None => add_record(&mut tx, 1, &record, &env())?,
        Some(id) => update_record(
            &mut tx,
            1,
            &Update {
                target: Target::Id(id),
                revision: None,
                record: Some(&record),
            },
            &env(),
        )?,
    };
    tx.commit();
    Ok(written)
}

#[test]
fn facts_7_rows_are_added_updated_and_deleted() {
    let mut store = store();
    write(
        &mut store,
        None,
        json!({"Title": {"value": "t"}, "Lines": {"value": [
            {"value": {"Item": {"value": "a"}, "Cost": {"value": "1"}}},
            {"value": {"Item": {"value": "b"}, "Cost": {"value": "2"}}},
            {"value": {"Item": {"value": "c"}}}]}}),
    )
    .unwrap();
    let before = rows(&store, 1);
    assert_eq!(before.len(), 3);
    assert!(
        before[0].id < before[1].id && before[1].id < before[2].id,
        "new rows get fresh ids"
    );
    assert_eq!(cells(&before[2]), ("c".into(), "".into()));
    // Update row b by id (only its cost), drop rows a and c, add row d.
    write(
        &mut store,
        Some(1),
        json!({"Lines": {"value": [
            {"id": before[1].id.to_string(), "value": {"Cost": {"value": "20"}}},
            {"value": {"Item": {"value": "d"}}}]}}),
    )
    .unwrap();
    let after = rows(&store, 1);
    assert_eq!(after.len(), 2);
    assert_eq!(after[0].id, before[1].id);
    assert_eq!(
        cells(&after[0]),
        ("b".into(), "20".into()),
        "cells not sent keep their value"
    );
    assert_eq!(cells(&after[1]), ("d".into(), "".into()));
    assert!(after[1].id > before[2].id);
    // A row id given as a number works too; an empty list empties the table.
    write(
        &mut store,
        Some(1),
        json!({"Lines": {"value": [{"id": after[0].id, "value": {}}]}}),
    )
    .unwrap();
    assert_eq!(rows(&store, 1).len(), 1);
    write(&mut store, Some(1), json!({"Lines": {"value": []}})).unwrap();
    assert!(rows(&store, 1).is_empty());
    // Not sending the table leaves it alone.
    write(&mut store, Some(1), json!({"Title": {"value": "u"}})).unwrap();
    assert!(rows(&store, 1).is_empty());
}

#[test]
fn new_tables_get_one_default_row_when_not_sent() {
    let mut store = store();
    write(&mut store, None, json!({"Title": {"value": "t"}})).unwrap();
    let rows = rows(&store, 1);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        cells(&rows[0]),
        ("item".into(), "".into()),
        "subfield defaults"
    );
}

#[test]
fn row_errors_are_keyed_by_row_and_cell() {
    let mut store = store();
    let error = write(
        &mut store,
        None,
        json!({"Title": {"value": "t"}, "Lines": {"value": [
            {"value": {"Item": {"value": "ok"}, "Cost": {"value": "x"}}},
            {"value": {"Item": {"value": ""}}}]}}),
    )
    .unwrap_err();
    assert_eq!(error.code, "CB_VA01");
    assert_eq!(keys(&error), vec!["Lines.value[0].value.Cost.value"]);
    let error = write(
        &mut store,
        None,
        json!({"Title": {"value": "t"}, "Lines": {"value": [{"value": {"Item": {"value": ""}}}]}}),
    )
    .unwrap_err();
    assert_eq!(
        keys(&error),
        vec!["Lines.value[0].value.Item.value"],
        "required inside a row"
    );
    let error = write(
        &mut store,
        None,
        json!({"Title": {"value": "t"}, "Lines": {"value": "rows"}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["Lines.value"]);
}

#[test]
fn an_unknown_row_id_on_update_is_refused() {
    let mut store = store();
    write(&mut store, None, json!({"Title": {"value": "t"}})).unwrap();
    let error = write(
        &mut store,
        Some(1),
        json!({"Lines": {"value": [{"id": "999999", "value": {}}]}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Lines.value[0].id"]);
    let error = write(
        &mut store,
        Some(1),
        json!({"Lines": {"value": [{"id": "abc", "value": {}}]}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Lines.value[0].id"]);
}

#[test]
fn row_ids_are_shared_across_records_and_rolled_back_with_a_failed_write() {
    let mut store = store();
    write(&mut store, None, json!({"Title": {"value": "t"}})).unwrap();
    let counter = store.next_row_id;
    assert!(write(
        &mut store,
        None,
        json!({"Title": {"value": "far too long title"}})
    )
    .is_err());
    assert_eq!(
        store.next_row_id, counter,
        "a refused write allocates nothing"
    );
    write(&mut store, None, json!({"Title": {"value": "t2"}})).unwrap();
    assert_eq!(rows(&store, 2)[0].id, counter + 1);
}

#[test]
fn calc_fields_are_computed_on_every_save_and_cannot_be_written() {
    let mut store = store();
    let fields = json!({
        "Q": {"type": "NUMBER", "code": "Q"},
        "Lines": {"type": "SUBTABLE", "code": "Lines", "fields": {
            "N": {"type": "NUMBER", "code": "N"},
            "Double": {"type": "CALC", "code": "Double", "expression": "N * 2", "format": "NUMBER"}}},
        "Total": {"type": "CALC", "code": "Total", "expression": "SUM(Double) + Q", "format": "NUMBER"}});
    let app =
        crate::fixture::app_from_json(&json!({"appId": 9, "name": "C", "properties": fields}))
            .unwrap();
    store.apps.insert(9, app);
    let mut tx = Tx::begin(&mut store);
    let record = rec(json!({"Q": {"value": "1"}, "Total": {"value": "999"},
        "Lines": {"value": [{"value": {"N": {"value": "5"}, "Double": {"value": "0"}}}, {"value": {"N": {"value": "1.5"}}}]}}));
    add_record(&mut tx, 9, &record, &env()).unwrap();
    let record = rec(json!({"Q": {"value": "10"}}));
    update_record(
        &mut tx,
        9,
        &Update {
            target: Target::Id(1),
            revision: None,
            record: Some(&record),
        },
        &env(),
    )
    .unwrap();
    tx.commit();
    let app = store.app(9).unwrap();
    assert_eq!(text(app, 1, "Total"), "23");
    let Value::Table(rows) = val(app, 1, "Lines") else {
        panic!()
    };
    assert_eq!(rows[0].values[1].as_text(), "10");
    assert_eq!(rows[1].values[1].as_text(), "3");
}
