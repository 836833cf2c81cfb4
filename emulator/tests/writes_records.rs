//! Writing records over HTTP (facts §7, §3, §8).

mod writes_common;

use serde_json::json;
use writes_common::*;

#[tokio::test]
async fn facts_7_post_record_answers_string_id_and_revision_and_stores_normalised_values() {
    let emu = start().await;
    let answer = emu
        .send(
            "POST",
            "record",
            json!({"app": 1, "record": {
                "Title": {"value": "first"},
                "Amount": {"value": "12.345"},
                "Day": {"value": "2015-7-5"},
                "At": {"value": "09:30:59"},
                "When": {"value": "2026-03-02T23:05:59+09:00"},
                "Owner": {"value": [{"code": "tanaka"}]},
                "Unknown": {"value": "silently ignored"}}}),
            &SATO,
        )
        .await;
    assert_eq!(
        (answer.status, &answer.body),
        (200, &json!({"id": "1", "revision": "1"}))
    );
    let record = emu.record(1, "1").await;
    assert_eq!(
        record["Amount"]["value"], "12.34",
        "facts §7: rounded HALF_EVEN to 2 places"
    );
    assert_eq!(
        record["Day"]["value"], "2015-07-05",
        "facts §7: 2015-7 style input normalised"
    );
    assert_eq!(record["At"]["value"], "09:30");
    assert_eq!(
        record["When"]["value"], "2026-03-02T14:05:00Z",
        "facts §7: offset applied, seconds dropped"
    );
    assert_eq!(
        record["Owner"]["value"],
        json!([{"code": "tanaka", "name": "Tanaka Taro"}])
    );
    assert_eq!(
        record["Record_number"]["value"], "ORD-1",
        "facts §8: APPCODE-id"
    );
    assert_eq!(
        record["Created_by"]["value"],
        json!({"code": "sato", "name": "Sato Hanako"})
    );
    let created = record["Created_datetime"]["value"].as_str().unwrap();
    assert!(
        created.ends_with(":00Z"),
        "facts §8: seconds are 00, got {created}"
    );
    assert!(record.get("Unknown").is_none());
}

#[tokio::test]
async fn facts_3_validation_errors_have_kintone_shape() {
    let emu = start().await;
    let answer = emu
        .send(
            "POST",
            "record",
            json!({"app": 1, "record": {"Title": {"value": "😀😀😀😀😀😀"}, "Amount": {"value": "1234567"}, "Kind": {"value": "Z"}}}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "CB_VA01"));
    assert!(answer.body["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(answer.body["message"].is_string());
    // facts §7: six emoji are twelve UTF-16 code units, over maxLength 10;
    // seven integer digits are more than digits 8 - decimalPlaces 2 allow.
    assert_eq!(
        answer.error_keys(),
        vec![
            "record.Amount.value",
            "record.Kind.value",
            "record.Title.value"
        ]
    );
    assert!(answer.body["errors"]["record.Title.value"]["messages"][0].is_string());
    assert_eq!(emu.count(1), 0);
}

#[tokio::test]
async fn facts_7_post_records_takes_at_most_100_and_is_all_or_nothing() {
    let emu = start().await;
    let records: Vec<_> = (0..100)
        .map(|i| json!({"Title": {"value": format!("r{i}")}}))
        .collect();
    let answer = emu
        .send(
            "POST",
            "records",
            json!({"app": 1, "records": records}),
            &SATO,
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["ids"].as_array().unwrap().len(), 100);
    assert_eq!(answer.body["revisions"][0], "1");
    let records: Vec<_> = (0..101)
        .map(|i| json!({"Title": {"value": format!("s{i}")}}))
        .collect();
    let answer = emu
        .send(
            "POST",
            "records",
            json!({"app": 1, "records": records}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "CB_VA01"));
    let mut records: Vec<_> = (0..5)
        .map(|i| json!({"Title": {"value": format!("t{i}")}}))
        .collect();
    records[3] = json!({"Title": {"value": ""}});
    let answer = emu
        .send(
            "POST",
            "records",
            json!({"app": 1, "records": records}),
            &SATO,
        )
        .await;
    assert_eq!(
        answer.error_keys(),
        vec!["records[3].Title.value"],
        "facts §3: keyed records[n]"
    );
    assert_eq!(emu.count(1), 100);
}

#[tokio::test]
async fn facts_7_put_revisions_minus_one_and_conflicts() {
    let emu = start().await;
    let id = emu.add_order(json!({"Title": {"value": "a"}})).await;
    let put = |revision: serde_json::Value| json!({"app": 1, "id": id, "revision": revision, "record": {"Plain": {"value": "x"}}});
    let answer = emu.send("PUT", "record", put(json!("1")), &SATO).await;
    assert_eq!(answer.body, json!({"revision": "2"}));
    let answer = emu.send("PUT", "record", put(json!(-1)), &SATO).await;
    assert_eq!(answer.body, json!({"revision": "3"}));
    let answer = emu.send("PUT", "record", put(json!(2)), &SATO).await;
    assert_eq!((answer.status, answer.code()), (409, "GAIA_CO02"));
    let record = emu.record(1, &id).await;
    assert_eq!(record["$revision"]["value"], "3");
    let answer = emu
        .send(
            "PUT",
            "record",
            json!({"app": 1, "id": 999, "record": {}}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (404, "GAIA_RE01"));
}

#[tokio::test]
async fn facts_7_update_keys_upsert_and_duplicates() {
    let emu = start().await;
    emu.add_order(json!({"Title": {"value": "a"}, "Key": {"value": "K1"}}))
        .await;
    let answer = emu
        .send(
            "PUT",
            "record",
            json!({"app": 1, "updateKey": {"field": "Plain", "value": "x"}, "record": {}}),
            &SATO,
        )
        .await;
    assert_eq!(
        answer.error_keys(),
        vec!["updateKey.field"],
        "the key must be a unique field"
    );
    let answer = emu
        .send(
            "PUT",
            "record",
            json!({"app": 1, "updateKey": {"field": "Key", "value": "K1"}, "record": {"Key": {"value": "K9"}}}),
            &SATO,
        )
        .await;
    assert_eq!(
        answer.code(),
        "CB_VA01",
        "the key's field cannot also be in record"
    );
    let entries = json!([
        {"updateKey": {"field": "Key", "value": "K1"}, "record": {"Plain": {"value": "updated"}}},
        {"updateKey": {"field": "Key", "value": "K2"}, "record": {"Title": {"value": "inserted"}}}]);
    let answer = emu
        .send(
            "PUT",
            "records",
            json!({"app": 1, "upsert": true, "records": entries}),
            &SATO,
        )
        .await;
    assert_eq!(
        answer.body,
        json!({"records": [
            {"id": "1", "revision": "2", "operation": "UPDATE"},
            {"id": "2", "revision": "1", "operation": "INSERT"}]})
    );
    assert_eq!(emu.record(1, "2").await["Key"]["value"], "K2");
    let twice = json!([{"updateKey": {"field": "Key", "value": "K1"}, "record": {}}, {"updateKey": {"field": "Key", "value": "K1"}, "record": {}}]);
    let answer = emu
        .send("PUT", "records", json!({"app": 1, "records": twice}), &SATO)
        .await;
    assert_eq!((answer.status, answer.code()), (400, "GAIA_IQ28"));
}

#[tokio::test]
async fn facts_7_delete_records_by_query_string_checks_revisions() {
    let emu = start().await;
    for t in ["a", "b", "c"] {
        emu.add_order(json!({"Title": {"value": t}})).await;
    }
    let url = format!(
        "{}?app=1&ids[0]=1&ids[1]=2&revisions[0]=1&revisions[1]=5",
        emu.url("records")
    );
    let answer = emu.send_bare("DELETE", &url, &SATO).await;
    assert_eq!((answer.status, answer.code()), (409, "GAIA_CO02"));
    assert_eq!(emu.count(1), 3, "nothing deleted");
    let url = format!(
        "{}?app=1&ids[0]=1&ids[1]=2&revisions[0]=1&revisions[1]=-1",
        emu.url("records")
    );
    let answer = emu.send_bare("DELETE", &url, &SATO).await;
    assert_eq!((answer.status, &answer.body), (200, &json!({})));
    assert_eq!(emu.count(1), 1);
    let answer = emu
        .send(
            "DELETE",
            "records",
            json!({"app": 1, "ids": [3, 42]}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (404, "GAIA_RE01"));
    assert_eq!(emu.count(1), 1);
}

#[tokio::test]
async fn facts_7_creator_and_times_are_settable_on_create_only() {
    let emu = start().await;
    let id = emu
        .add_order(
            json!({"Title": {"value": "a"}, "Created_by": {"value": {"code": "tanaka"}},
            "Created_datetime": {"value": "2020-01-02T03:04:05Z"}}),
        )
        .await;
    let record = emu.record(1, &id).await;
    assert_eq!(record["Created_by"]["value"]["code"], "tanaka");
    assert_eq!(record["Created_datetime"]["value"], "2020-01-02T03:04:00Z");
    let body = json!({"app": 1, "id": id, "record": {"Created_by": {"value": {"code": "suzuki"}}}});
    assert_eq!(emu.send("PUT", "record", body, &TANAKA).await.status, 200);
    let record = emu.record(1, &id).await;
    assert_eq!(
        record["Created_by"]["value"]["code"], "tanaka",
        "ignored on update"
    );
    assert_eq!(
        record["Updated_by"]["value"]["code"], "tanaka",
        "the modifier is the caller"
    );
}

#[tokio::test]
async fn facts_7_table_rows_are_added_updated_and_deleted_and_calc_recomputed() {
    let emu = start().await;
    let id = emu
        .add_order(json!({"Title": {"value": "t"}, "Lines": {"value": [
            {"value": {"Item": {"value": "a"}, "Qty": {"value": "2"}, "Price": {"value": "10"}}},
            {"value": {"Item": {"value": "b"}, "Qty": {"value": "1"}, "Price": {"value": "5"}}}]}}))
        .await;
    let record = emu.record(1, &id).await;
    let rows = record["Lines"]["value"].as_array().unwrap().clone();
    assert_eq!(rows[0]["value"]["Subtotal"]["value"], "20");
    assert_eq!(record["Total"]["value"], "25");
    let keep = rows[1]["id"].as_str().unwrap().to_string();
    let body = json!({"app": 1, "id": id, "record": {"Lines": {"value": [
        {"id": keep, "value": {"Qty": {"value": "3"}}},
        {"value": {"Item": {"value": "c"}, "Qty": {"value": "1"}, "Price": {"value": "1"}}}]}}});
    assert_eq!(emu.send("PUT", "record", body, &SATO).await.status, 200);
    let record = emu.record(1, &id).await;
    let rows = record["Lines"]["value"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "the row not sent is deleted");
    assert_eq!(rows[0]["id"], keep.as_str());
    assert_eq!(
        rows[0]["value"]["Item"]["value"], "b",
        "cells not sent keep their values"
    );
    assert_eq!(rows[0]["value"]["Subtotal"]["value"], "15");
    assert_eq!(rows[1]["value"]["Item"]["value"], "c");
    assert_eq!(record["Total"]["value"], "16");
}

#[tokio::test]
async fn lookups_copy_fields_and_unknown_keys_are_gaia_lo04() {
    let emu = start().await;
    let id = emu
        .add_order(json!({"Title": {"value": "t"}, "Customer": {"value": "Globex"}}))
        .await;
    assert_eq!(emu.record(1, &id).await["CustomerTel"]["value"], "06-2222");
    let answer = emu
        .send("POST", "record", json!({"app": 1, "record": {"Title": {"value": "t"}, "Customer": {"value": "Initech"}}}), &SATO)
        .await;
    assert_eq!((answer.status, answer.code()), (400, "GAIA_LO04"));
}

#[tokio::test]
async fn facts_2_tokens_write_as_administrator_within_their_permissions() {
    let emu = start().await;
    let add_only = Auth::Token("OrdersAddOnly");
    let answer = emu
        .send(
            "POST",
            "record",
            json!({"app": 1, "record": {"Title": {"value": "t"}}}),
            &add_only,
        )
        .await;
    assert_eq!(answer.status, 200);
    let record = emu.record(1, "1").await;
    assert_eq!(
        record["Created_by"]["value"],
        json!({"code": "Administrator", "name": "Administrator"})
    );
    let answer = emu
        .send(
            "PUT",
            "record",
            json!({"app": 1, "id": 1, "record": {}}),
            &add_only,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (403, "GAIA_NO01"));
    // facts §2: a lookup into another app needs that app's token as well.
    let lookup =
        json!({"app": 1, "record": {"Title": {"value": "t"}, "Customer": {"value": "Acme"}}});
    let answer = emu
        .send("POST", "record", lookup.clone(), &Auth::Token("OrdersAll"))
        .await;
    assert_eq!((answer.status, answer.code()), (403, "GAIA_NO01"));
    let answer = emu
        .send(
            "POST",
            "record",
            lookup,
            &Auth::Token("OrdersAll,CustomersView"),
        )
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
}

#[tokio::test]
async fn facts_1_guest_space_apps_are_written_through_the_guest_path() {
    let emu = start().await;
    let body = json!({"app": 4, "record": {"Note": {"value": "n"}}});
    let answer = emu.send("POST", "record", body.clone(), &SATO).await;
    assert_eq!((answer.status, answer.code()), (400, "GAIA_IL23"));
    let answer = emu
        .send_to("POST", &emu.guest_url(5, "record"), body, &SATO)
        .await;
    assert_eq!(answer.body, json!({"id": "2", "revision": "1"}));
    let answer = emu
        .send_to(
            "POST",
            &emu.guest_url(5, "record"),
            json!({"app": 1, "record": {"Title": {"value": "t"}}}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (403, "CB_NO02"));
}
