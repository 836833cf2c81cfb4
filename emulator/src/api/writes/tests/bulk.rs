//! bulkRequest (facts §7): up to 20 calls as one all-or-nothing transaction.

use super::*;

fn bulk(store: &mut Store, requests: Json) -> Result<Json, ApiError> {
    call(
        store,
        "POST",
        "bulkRequest",
        json!({ "requests": requests }),
    )
}

#[test]
fn facts_7_bulk_request_runs_calls_in_order_and_answers_each() {
    let mut store = store();
    let out = bulk(
        &mut store,
        json!([
            {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "a"}, "Key": {"value": "K"}}}},
            {"method": "PUT", "api": "/k/v1/record.json", "payload": {"app": 1, "updateKey": {"field": "Key", "value": "K"}, "record": {"Plain": {"value": "x"}}}},
            {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [{"Title": {"value": "b"}}]}},
            {"method": "DELETE", "api": "/k/v1/records.json", "payload": {"app": 1, "ids": [2]}},
            {"method": "POST", "api": "/k/guest/5/v1/record.json", "payload": {"app": 4, "record": {}}}]),
    )
    .unwrap();
    assert_eq!(
        out,
        json!({"results": [
            {"id": "1", "revision": "1"},
            {"revision": "2"},
            {"ids": ["2"], "revisions": ["1"]},
            {},
            {"id": "1", "revision": "1"}]})
    );
    assert_eq!(store.app(1).unwrap().records.len(), 1);
}

#[test]
fn facts_7_a_failing_bulk_request_changes_nothing_and_reports_at_its_index() {
    let mut store = store();
    add_orders(&mut store, 1);
    let error = bulk(
        &mut store,
        json!([
            {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [{"Title": {"value": "new"}}]}},
            {"method": "PUT", "api": "/k/v1/record.json", "payload": {"app": 1, "id": 1, "record": {"Title": {"value": "changed"}}}},
            {"method": "POST", "api": "/k/v1/records.json", "payload": {"app": 1, "records": [{"Title": {"value": "ok"}}, {"Title": {"value": ""}}]}},
            {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "never"}}}}]),
    )
    .unwrap_err();
    assert_eq!(error.status, 400, "the failing request's status [assumed]");
    let body = error.body();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(
        (&results[0], &results[1], &results[3]),
        (&json!({}), &json!({}), &json!({}))
    );
    assert_eq!(results[2]["code"], "CB_VA01");
    assert!(results[2]["errors"]["records[1].Title.value"].is_object());
    let app = store.app(1).unwrap();
    assert_eq!(
        app.records.len(),
        1,
        "the records added before the failure are gone"
    );
    assert_eq!(crate::write::tests::text(app, 1, "Title"), "o0");
    assert_eq!(app.records[&1].revision, 1);
    // A revision conflict keeps its 409.
    let error = bulk(
        &mut store,
        json!([{"method": "PUT", "api": "/k/v1/record.json", "payload": {"app": 1, "id": 1, "revision": 9, "record": {}}}]),
    )
    .unwrap_err();
    assert_eq!(
        (error.status, error.body()["results"][0]["code"].as_str()),
        (409, Some("GAIA_CO02"))
    );
}

#[test]
fn bulk_request_limits_and_shapes() {
    let mut store = store();
    let one = json!({"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "a"}}}});
    let twenty: Vec<Json> = (0..20).map(|_| one.clone()).collect();
    assert_eq!(
        bulk(&mut store, Json::Array(twenty)).unwrap()["results"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
    let twenty_one: Vec<Json> = (0..21).map(|_| one.clone()).collect();
    assert_eq!(
        keys(&bulk(&mut store, Json::Array(twenty_one)).unwrap_err()),
        vec!["requests"]
    );
    assert_eq!(
        keys(&bulk(&mut store, json!([])).unwrap_err()),
        vec!["requests"]
    );
    let error = bulk(
        &mut store,
        json!([{"method": "GET", "api": "/k/v1/records.json", "payload": {"app": 1}}]),
    )
    .unwrap_err();
    assert!(
        error.body()["results"][0]["errors"]["requests[0].api"].is_object(),
        "only write APIs"
    );
    let error = bulk(
        &mut store,
        json!([{"method": "POST", "api": "records", "payload": {}}]),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["requests[0].api"]);
    assert_eq!(store.app(1).unwrap().records.len(), 20);
}

#[test]
fn bulk_request_checks_each_requests_guest_path_and_permission() {
    let mut store = store();
    let error = bulk(&mut store, json!([{"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 4, "record": {}}}])).unwrap_err();
    assert_eq!(error.body()["results"][0]["code"], "GAIA_IL23");
    let add_only = token(&store, 1, "tokAddOnly");
    let req = request(
        "POST",
        "bulkRequest",
        json!({"requests": [
            {"method": "POST", "api": "/k/v1/record.json", "payload": {"app": 1, "record": {"Title": {"value": "a"}}}},
            {"method": "PUT", "api": "/k/v1/record.json", "payload": {"app": 1, "id": 1, "record": {}}}]}),
        add_only,
    );
    let error = run(&mut store, &req).unwrap_err();
    assert_eq!(
        (error.status, error.body()["results"][1]["code"].as_str()),
        (403, Some("GAIA_NO01"))
    );
    assert!(store.app(1).unwrap().records.is_empty());
}
