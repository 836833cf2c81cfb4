//! bulkRequest over HTTP (facts §7): one all-or-nothing transaction;
//! failures answer `{"results":[{}, ..., error, ...]}`.

mod writes_common;

use serde_json::json;
use writes_common::*;

#[tokio::test]
async fn facts_7_bulk_request_answers_every_result_in_order() {
    let emu = start().await;
    let requests = json!([
        {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [
            {"Title": {"value": "a"}, "Key": {"value": "A"}}, {"Title": {"value": "b"}}]}},
        {"method": "PUT", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [
            {"updateKey": {"field": "Key", "value": "A"}, "record": {"Plain": {"value": "p"}}}]}},
        {"method": "DELETE", "api": "/k/v1/records.json", "payload": {"app": 1, "ids": [2]}},
        {"method": "POST", "api": "/k/guest/5/v1/record.json", "payload": {"app": 4, "record": {"Note": {"value": "g"}}}},
        {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 3, "record": {"Subject": {"value": "s"}}}},
        {"method": "PUT", "api": "/k/v1/record/status.json", "payload": {"app": 3, "id": 1, "action": "Submit", "assignee": "tanaka"}}]);
    let answer = emu
        .send("POST", "bulkRequest", json!({"requests": requests}), &SATO)
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(
        answer.body,
        json!({"results": [
            {"ids": ["1", "2"], "revisions": ["1", "1"]},
            {"records": [{"id": "1", "revision": "2"}]},
            {},
            {"id": "2", "revision": "1"},
            {"id": "1", "revision": "1"},
            {"revision": "3"}]})
    );
    assert_eq!(emu.record(1, "1").await["Plain"]["value"], "p");
    assert_eq!(emu.count(1), 1);
}

#[tokio::test]
async fn facts_7_a_failed_bulk_request_rolls_everything_back() {
    let emu = start().await;
    let id = emu.add_order(json!({"Title": {"value": "keep"}})).await;
    let requests = json!([
        {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [{"Title": {"value": "new"}}]}},
        {"method": "PUT", "api": "/k/v1/record.json", "payload": {"app": 1, "id": id, "record": {"Title": {"value": "changed"}}}},
        {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [
            {"Title": {"value": "fine"}}, {"Title": {"value": "much too long"}}]}},
        {"method": "DELETE", "api": "/k/v1/records.json", "payload": {"app": 1, "ids": [id]}}]);
    let answer = emu
        .send("POST", "bulkRequest", json!({"requests": requests}), &SATO)
        .await;
    assert_eq!(answer.status, 400);
    let results = answer.body["results"].as_array().expect("a results array");
    assert_eq!(results.len(), 4);
    assert_eq!(results[0], json!({}));
    assert_eq!(results[1], json!({}));
    assert_eq!(results[3], json!({}));
    assert_eq!(results[2]["code"], "CB_VA01");
    assert!(results[2]["errors"]["records[1].Title.value"]["messages"].is_array());
    assert_eq!(emu.count(1), 1, "the add before the failure is undone");
    let record = emu.record(1, &id).await;
    assert_eq!(
        record["Title"]["value"], "keep",
        "the update before the failure is undone"
    );
    assert_eq!(record["$revision"]["value"], "1");
}

#[tokio::test]
async fn bulk_request_takes_at_most_20_requests() {
    let emu = start().await;
    let one = json!({"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "x"}}}});
    let answer = emu
        .send(
            "POST",
            "bulkRequest",
            json!({"requests": vec![one.clone(); 21]}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "CB_VA01"));
    let answer = emu
        .send(
            "POST",
            "bulkRequest",
            json!({"requests": vec![one; 20]}),
            &SATO,
        )
        .await;
    assert_eq!(answer.body["results"].as_array().unwrap().len(), 20);
    assert_eq!(emu.count(1), 20);
}

#[tokio::test]
async fn a_bulk_request_with_a_token_checks_each_request() {
    let emu = start().await;
    let requests = json!([
        {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "x"}}}},
        {"method": "DELETE", "api": "/k/v1/records.json", "payload": {"app": 1, "ids": [1]}}]);
    let answer = emu
        .send(
            "POST",
            "bulkRequest",
            json!({"requests": requests}),
            &Auth::Token("OrdersAddOnly"),
        )
        .await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.body["results"][1]["code"], "GAIA_NO01");
    assert_eq!(emu.count(1), 0);
}
