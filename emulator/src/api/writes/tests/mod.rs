//! Handler tests over a bare store: request shapes, response shapes (ids
//! and revisions as strings), error keys, access checks, bulkRequest.

mod bulk;
mod comments_files;

use serde_json::{json, Value as Json};

use super::route_store;
use crate::api::{ApiError, ApiRequest, ApiResponse, Principal};
use crate::model::{ApiToken, Store};
use crate::write::tests::{now, store};

fn request(method: &str, api: &str, params: Json, principal: Principal) -> ApiRequest {
    ApiRequest {
        method: http::Method::from_bytes(method.as_bytes()).unwrap(),
        api: api.into(),
        guest_space: None,
        preview: false,
        params,
        principal,
        body: bytes::Bytes::new(),
        content_type: None,
    }
}

fn sato() -> Principal {
    Principal::User {
        code: "sato".into(),
    }
}

fn token(store: &Store, app: u64, value: &str) -> Principal {
    let t: ApiToken = store
        .app(app)
        .unwrap()
        .api_tokens
        .iter()
        .find(|t| t.token == value)
        .unwrap()
        .clone();
    Principal::Tokens(vec![(app, t)])
}

fn run(store: &mut Store, req: &ApiRequest) -> Result<Json, ApiError> {
    match route_store(store, req, now()).expect("a write API")? {
        ApiResponse::Json(json) => Ok(json),
        other => panic!("not JSON: {other:?}"),
    }
}

fn call(store: &mut Store, method: &str, api: &str, params: Json) -> Result<Json, ApiError> {
    run(store, &request(method, api, params, sato()))
}

fn keys(e: &ApiError) -> Vec<String> {
    e.errors
        .as_ref()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn add_orders(store: &mut Store, n: usize) -> Vec<String> {
    let records: Vec<Json> = (0..n)
        .map(|i| json!({"Title": {"value": format!("o{i}")}}))
        .collect();
    let out = call(
        store,
        "POST",
        "records",
        json!({"app": 1, "records": records}),
    )
    .unwrap();
    out["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn facts_7_post_record_answers_id_and_revision_as_strings() {
    let mut store = store();
    let out = call(
        &mut store,
        "POST",
        "record",
        json!({"app": "1", "record": {"Title": {"value": "a"}}}),
    )
    .unwrap();
    assert_eq!(out, json!({"id": "1", "revision": "1"}));
    let error = call(
        &mut store,
        "POST",
        "record",
        json!({"app": 1, "record": {"Title": {"value": ""}}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Title.value"]);
    let error = call(&mut store, "POST", "record", json!({"record": {}})).unwrap_err();
    assert_eq!(keys(&error), vec!["app"]);
    let error = call(
        &mut store,
        "POST",
        "record",
        json!({"app": 99, "record": {}}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_AP01"));
}

#[test]
fn facts_7_post_records_answers_ids_and_revisions_and_refuses_101() {
    let mut store = store();
    let records: Vec<Json> = (0..100)
        .map(|i| json!({"Title": {"value": format!("r{i}")}}))
        .collect();
    let out = call(
        &mut store,
        "POST",
        "records",
        json!({"app": 1, "records": records}),
    )
    .unwrap();
    assert_eq!(out["ids"].as_array().unwrap().len(), 100);
    assert_eq!(out["ids"][0], "1");
    assert_eq!(out["revisions"][99], "1");
    let records: Vec<Json> = (0..101)
        .map(|i| json!({"Title": {"value": format!("r{i}")}}))
        .collect();
    let error = call(
        &mut store,
        "POST",
        "records",
        json!({"app": 1, "records": records}),
    )
    .unwrap_err();
    assert_eq!(
        (error.status, error.code, keys(&error)),
        (400, "CB_VA01", vec!["records".to_string()])
    );
    assert_eq!(store.app(1).unwrap().records.len(), 100);
}

#[test]
fn facts_3_batch_errors_are_keyed_by_record_index() {
    let mut store = store();
    let records = json!([{"Title": {"value": "ok"}}, {"Title": {"value": ""}}, 5]);
    let error = call(
        &mut store,
        "POST",
        "records",
        json!({"app": 1, "records": records}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["records[2]"]);
    let records = json!([{"Title": {"value": "ok"}}, {"Title": {"value": ""}}]);
    let error = call(
        &mut store,
        "POST",
        "records",
        json!({"app": 1, "records": records}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["records[1].Title.value"]);
    assert!(store.app(1).unwrap().records.is_empty(), "all-or-nothing");
}

#[test]
fn facts_7_put_record_by_id_or_update_key() {
    let mut store = store();
    call(
        &mut store,
        "POST",
        "record",
        json!({"app": 1, "record": {"Title": {"value": "a"}, "Key": {"value": "K1"}}}),
    )
    .unwrap();
    let out = call(
        &mut store,
        "PUT",
        "record",
        json!({"app": 1, "id": "1", "record": {"Plain": {"value": "x"}}}),
    )
    .unwrap();
    assert_eq!(out, json!({"revision": "2"}));
    let out = call(
        &mut store,
        "PUT",
        "record",
        json!({"app": 1, "updateKey": {"field": "Key", "value": "K1"}, "revision": "2", "record": {"Plain": {"value": "y"}}}),
    )
    .unwrap();
    assert_eq!(out, json!({"revision": "3"}));
    let error = call(
        &mut store,
        "PUT",
        "record",
        json!({"app": 1, "id": 1, "revision": 2, "record": {}}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (409, "GAIA_CO02"));
    let out = call(
        &mut store,
        "PUT",
        "record",
        json!({"app": 1, "id": 1, "revision": -1, "record": {}}),
    )
    .unwrap();
    assert_eq!(out, json!({"revision": "4"}));
    let error = call(&mut store, "PUT", "record", json!({"app": 1, "record": {}})).unwrap_err();
    assert_eq!(keys(&error), vec!["id"]);
    let error = call(
        &mut store,
        "PUT",
        "record",
        json!({"app": 1, "id": 1, "record": {"Title": {"value": ""}}}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["record.Title.value"]);
}

#[test]
fn facts_7_put_records_with_upsert_reports_operations() {
    let mut store = store();
    call(
        &mut store,
        "POST",
        "record",
        json!({"app": 1, "record": {"Title": {"value": "a"}, "Key": {"value": "K1"}}}),
    )
    .unwrap();
    let entries = json!([
        {"updateKey": {"field": "Key", "value": "K1"}, "record": {"Title": {"value": "b"}}},
        {"updateKey": {"field": "Key", "value": "K2"}, "record": {"Title": {"value": "c"}}}]);
    let out = call(
        &mut store,
        "PUT",
        "records",
        json!({"app": 1, "upsert": true, "records": entries}),
    )
    .unwrap();
    assert_eq!(
        out,
        json!({"records": [
            {"id": "1", "revision": "2", "operation": "UPDATE"},
            {"id": "2", "revision": "1", "operation": "INSERT"}]})
    );
    let out = call(
        &mut store,
        "PUT",
        "records",
        json!({"app": 1, "records": [{"id": 2, "record": {}}]}),
    )
    .unwrap();
    assert_eq!(
        out,
        json!({"records": [{"id": "2", "revision": "2"}]}),
        "no operation without upsert"
    );
    let twice = json!([{"updateKey": {"field": "Key", "value": "K1"}}, {"updateKey": {"field": "Key", "value": "K1"}}]);
    let error = call(
        &mut store,
        "PUT",
        "records",
        json!({"app": 1, "records": twice}),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_IQ28");
    let error = call(
        &mut store,
        "PUT",
        "records",
        json!({"app": 1, "records": [{"id": 1, "revision": 1}]}),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_CO02");
    let error = call(
        &mut store,
        "PUT",
        "records",
        json!({"app": 1, "records": [{"id": 1, "record": {"Title": {"value": ""}}}]}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["records[0].record.Title.value"]);
}

#[test]
fn facts_7_delete_records_with_query_string_values() {
    let mut store = store();
    add_orders(&mut store, 3);
    // Query strings deliver strings: ids[0]=1&ids[1]=2&revisions[0]=1&revisions[1]=-1.
    let out = call(
        &mut store,
        "DELETE",
        "records",
        json!({"app": "1", "ids": ["1", "2"], "revisions": ["1", "-1"]}),
    )
    .unwrap();
    assert_eq!(out, json!({}));
    assert_eq!(store.app(1).unwrap().records.len(), 1);
    let error = call(
        &mut store,
        "DELETE",
        "records",
        json!({"app": 1, "ids": [3, 4]}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_RE01"));
    let error = call(
        &mut store,
        "DELETE",
        "records",
        json!({"app": 1, "ids": [3], "revisions": [1, 1]}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["revisions"]);
    let ids: Vec<u64> = (1..=101).collect();
    assert_eq!(
        keys(
            &call(
                &mut store,
                "DELETE",
                "records",
                json!({"app": 1, "ids": ids})
            )
            .unwrap_err()
        ),
        vec!["ids"]
    );
    assert_eq!(store.app(1).unwrap().records.len(), 1);
}

#[test]
fn facts_2_tokens_need_the_permission_and_write_as_administrator() {
    let mut store = store();
    let add_only = token(&store, 1, "tokAddOnly");
    let out = run(
        &mut store,
        &request(
            "POST",
            "record",
            json!({"app": 1, "record": {"Title": {"value": "t"}}}),
            add_only.clone(),
        ),
    )
    .unwrap();
    assert_eq!(out["id"], "1");
    let app = store.app(1).unwrap();
    let creator = crate::write::tests::val(app, 1, "Created_by");
    assert_eq!(
        creator,
        &crate::model::Value::entity(crate::write::values::administrator())
    );
    let error = run(
        &mut store,
        &request(
            "PUT",
            "record",
            json!({"app": 1, "id": 1, "record": {}}),
            add_only.clone(),
        ),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (403, "GAIA_NO01"));
    let error = run(
        &mut store,
        &request("DELETE", "records", json!({"app": 1, "ids": [1]}), add_only),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_NO01");
    // A token of another app cannot write this one.
    let other = token(&store, 2, "tokCustView");
    let error = run(
        &mut store,
        &request("POST", "record", json!({"app": 1, "record": {}}), other),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_NO01");
    // A lookup into app 2 needs app 2's token as well.
    let all = token(&store, 1, "tokAll");
    let lookup =
        json!({"app": 1, "record": {"Title": {"value": "t"}, "Customer": {"value": "Acme"}}});
    let error = run(
        &mut store,
        &request("POST", "record", lookup.clone(), all.clone()),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_NO01");
    let Principal::Tokens(mut both) = all else {
        panic!()
    };
    let Principal::Tokens(view) = token(&store, 2, "tokCustView") else {
        panic!()
    };
    both.extend(view);
    assert!(run(
        &mut store,
        &request("POST", "record", lookup, Principal::Tokens(both))
    )
    .is_ok());
}

#[test]
fn facts_1_guest_space_path_rules() {
    let mut store = store();
    let error = call(
        &mut store,
        "POST",
        "record",
        json!({"app": 4, "record": {}}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (400, "GAIA_IL23"));
    let mut guest = request("POST", "record", json!({"app": 4, "record": {}}), sato());
    guest.guest_space = Some(5);
    assert_eq!(run(&mut store, &guest).unwrap()["id"], "1");
    let mut wrong = request(
        "POST",
        "record",
        json!({"app": 1, "record": {"Title": {"value": "t"}}}),
        sato(),
    );
    wrong.guest_space = Some(5);
    let error = run(&mut store, &wrong).unwrap_err();
    assert_eq!((error.status, error.code), (403, "CB_NO02"));
}

#[test]
fn oauth_writes_need_the_write_scope() {
    let mut store = store();
    let read_only = Principal::OAuth {
        user: "sato".into(),
        scopes: vec!["k:app_record:read".into()],
    };
    let params = json!({"app": 1, "record": {"Title": {"value": "t"}}});
    assert_eq!(
        run(
            &mut store,
            &request("POST", "record", params.clone(), read_only)
        )
        .unwrap_err()
        .status,
        403
    );
    let write = Principal::OAuth {
        user: "tanaka".into(),
        scopes: vec!["k:app_record:write".into()],
    };
    run(&mut store, &request("POST", "record", params, write)).unwrap();
    let creator = crate::write::tests::val(store.app(1).unwrap(), 1, "Created_by").clone();
    let crate::model::Value::Entity(e) = creator else {
        panic!()
    };
    assert_eq!(e.code, "tanaka", "OAuth writes as its user");
}

#[test]
fn status_and_assignee_handlers() {
    let mut store = store();
    let out = call(
        &mut store,
        "POST",
        "record",
        json!({"app": 3, "record": {"Subject": {"value": "s"}}}),
    )
    .unwrap();
    let id = out["id"].as_str().unwrap().to_string();
    let out = call(
        &mut store,
        "PUT",
        "record/status",
        json!({"app": 3, "id": id, "action": "Submit", "assignee": "tanaka", "revision": "1"}),
    )
    .unwrap();
    assert_eq!(out, json!({"revision": "3"}));
    let out = call(
        &mut store,
        "PUT",
        "record/assignees",
        json!({"app": 3, "id": id, "assignees": ["suzuki"]}),
    )
    .unwrap();
    assert_eq!(out, json!({"revision": "4"}));
    let out = call(
        &mut store,
        "PUT",
        "records/status",
        json!({"app": 3, "records": [{"id": id, "action": "Accept"}]}),
    )
    .unwrap();
    assert_eq!(out, json!({"records": [{"id": id, "revision": "6"}]}));
    let error = call(
        &mut store,
        "PUT",
        "record/status",
        json!({"app": 1, "id": 1, "action": "Submit"}),
    )
    .unwrap_err();
    assert_eq!(error.code, "GAIA_ST02");
    let error = call(
        &mut store,
        "PUT",
        "record/status",
        json!({"app": 3, "id": id}),
    )
    .unwrap_err();
    assert_eq!(keys(&error), vec!["action"]);
}

#[test]
fn preview_paths_and_other_apis_are_not_write_apis() {
    let mut store = store();
    let mut preview = request("POST", "record", json!({}), sato());
    preview.preview = true;
    assert!(route_store(&mut store, &preview, now()).is_none());
    assert!(route_store(
        &mut store,
        &request("GET", "records", json!({}), sato()),
        now()
    )
    .is_none());
}
