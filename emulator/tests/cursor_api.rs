//! facts §5: the cursor API's lifecycle, limits and expiry.

mod http_support;

use http_support::*;
use kintone_emulator::EmulatorHandle;
use serde_json::{json, Value as Json};

async fn call(emu: &EmulatorHandle, method: reqwest::Method, body: Json) -> (u16, Json) {
    let (name, value) = password_header(SATO);
    let response = client()
        .request(
            method,
            format!("{}/k/v1/records/cursor.json", emu.base_url()),
        )
        .header(name, value)
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

async fn create(emu: &EmulatorHandle, body: Json) -> (u16, Json) {
    call(emu, reqwest::Method::POST, body).await
}

async fn page(emu: &EmulatorHandle, id: &str) -> (u16, Json) {
    json_of(get_as_sato(emu, &format!("/k/v1/records/cursor.json?id={id}")).await).await
}

async fn delete(emu: &EmulatorHandle, id: &str) -> (u16, Json) {
    call(emu, reqwest::Method::DELETE, json!({"id": id})).await
}

fn ids_of(body: &Json) -> Vec<u64> {
    body["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["$id"]["value"].as_str().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn facts_5_cursor_lifecycle_pages_then_deleted() {
    let emu = start().await;
    let (status, created) = create(
        &emu,
        json!({"app": NUMBERS_APP, "fields": ["$id", "n"], "query": "n > 100 order by $id asc", "size": 60}),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a uuid");
    assert_eq!(created["totalCount"], "150");
    let mut seen = Vec::new();
    let mut nexts = Vec::new();
    loop {
        let (status, body) = page(&emu, &id).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["records"][0].as_object().unwrap().len(), 2);
        seen.extend(ids_of(&body));
        let next = body["next"].as_bool().unwrap();
        nexts.push(next);
        if !next {
            break;
        }
    }
    assert_eq!(nexts, vec![true, true, false]);
    assert_eq!(seen, (101..=NUMBERS_RECORDS).collect::<Vec<_>>());
    // After the page with next:false the cursor is gone.
    let (status, body) = page(&emu, &id).await;
    assert_error(status, &body, 404, "GAIA_CN01");
    let (status, body) = delete(&emu, &id).await;
    assert_error(status, &body, 404, "GAIA_CN01");
    assert_eq!(emu.stats().live_cursors, 0);
}

#[tokio::test]
async fn facts_5_size_bounds_and_default() {
    let emu = start().await;
    for size in [0, 501] {
        let (status, body) = create(&emu, json!({"app": NUMBERS_APP, "size": size})).await;
        assert_error(status, &body, 400, "CB_VA01");
    }
    let (_, created) = create(&emu, json!({"app": NUMBERS_APP})).await;
    let (_, body) = page(&emu, created["id"].as_str().unwrap()).await;
    assert_eq!(body["records"].as_array().unwrap().len(), 100);
    assert_eq!(body["next"], true);
    let (_, created) = create(&emu, json!({"app": NUMBERS_APP, "size": 500})).await;
    let (_, body) = page(&emu, created["id"].as_str().unwrap()).await;
    assert_eq!(body["records"].as_array().unwrap().len(), 250);
    assert_eq!(body["next"], false);
}

#[tokio::test]
async fn facts_5_query_may_not_contain_limit_or_offset() {
    let emu = start().await;
    for query in ["limit 10", "order by $id asc offset 5"] {
        let (status, body) = create(&emu, json!({"app": NUMBERS_APP, "query": query})).await;
        assert_error(status, &body, 400, "CB_VA01");
    }
    assert_eq!(emu.stats().live_cursors, 0);
}

#[tokio::test]
async fn facts_5_delete_frees_the_cursor() {
    let emu = start().await;
    let (_, created) = create(&emu, json!({"app": NUMBERS_APP})).await;
    let id = created["id"].as_str().unwrap();
    let (status, body) = delete(&emu, id).await;
    assert_eq!((status, body), (200, json!({})));
    let (status, body) = delete(&emu, id).await;
    assert_error(status, &body, 404, "GAIA_CN01");
    let (status, body) = page(&emu, "00000000-0000-0000-0000-000000000000").await;
    assert_error(status, &body, 404, "GAIA_CN01");
}

#[tokio::test]
async fn facts_5_at_most_10_live_cursors_then_429_gaia_tm12() {
    let emu = start().await;
    let mut ids = Vec::new();
    for _ in 0..10 {
        let (status, body) = create(&emu, json!({"app": NUMBERS_APP})).await;
        assert_eq!(status, 200, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    assert_eq!(emu.stats().live_cursors, 10);
    let (status, body) = create(&emu, json!({"app": NUMBERS_APP})).await;
    assert_error(status, &body, 429, "GAIA_TM12");
    // A freed slot is reusable at once.
    delete(&emu, &ids[3]).await;
    let (status, _) = create(&emu, json!({"app": NUMBERS_APP})).await;
    assert_eq!(status, 200);
    let (status, _) = create(&emu, json!({"app": NUMBERS_APP})).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn facts_5_cursor_expires_10_minutes_after_creation() {
    let emu = start().await;
    let (_, created) = create(&emu, json!({"app": NUMBERS_APP})).await;
    let id = created["id"].as_str().unwrap();
    emu.clock().advance(chrono::Duration::seconds(601));
    let (status, body) = page(&emu, id).await;
    assert_error(status, &body, 404, "GAIA_CN01");
    assert_eq!(emu.stats().live_cursors, 0);
}

#[tokio::test]
async fn facts_5_each_get_that_leaves_records_extends_the_life() {
    let emu = start().await;
    let (_, created) = create(&emu, json!({"app": NUMBERS_APP, "size": 10})).await;
    let id = created["id"].as_str().unwrap();
    for _ in 0..3 {
        emu.clock().advance(chrono::Duration::seconds(500));
        let (status, body) = page(&emu, id).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["next"], true);
    }
    emu.clock().advance(chrono::Duration::seconds(601));
    let (status, body) = page(&emu, id).await;
    assert_error(status, &body, 404, "GAIA_CN01");
}

#[tokio::test]
async fn facts_5_record_set_is_fixed_but_values_are_read_at_each_get() {
    let emu = start().await;
    let (_, created) = create(
        &emu,
        json!({"app": NUMBERS_APP, "query": "n <= 3 order by $id asc", "fields": ["$id", "t"]}),
    )
    .await;
    let id = created["id"].as_str().unwrap();
    emu.with_store(|store| {
        let app = store.app_mut(NUMBERS_APP).unwrap();
        let t = match app.slot("t").unwrap() {
            kintone_emulator::model::FieldSlot::Top(i) => i,
            _ => unreachable!(),
        };
        // A changed value shows; a record that now matches does not join;
        // a deleted record is skipped.
        app.records.get_mut(&1).unwrap().values[t] =
            kintone_emulator::model::Value::Text("changed".into());
        app.records.remove(&2);
        let mut extra = app.records[&3].clone();
        extra.id = 1000;
        app.records.insert(1000, extra);
    });
    let (status, body) = page(&emu, id).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(ids_of(&body), vec![1, 3]);
    assert_eq!(body["records"][0]["t"]["value"], "changed");
    assert_eq!(body["next"], false);
}

#[tokio::test]
async fn facts_5_cursor_through_a_guest_path() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    let response = client()
        .post(format!(
            "{}/k/guest/3/v1/records/cursor.json",
            emu.base_url()
        ))
        .header(name, &value)
        .json(&json!({"app": 2}))
        .send()
        .await
        .unwrap();
    let (status, created) = json_of(response).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();
    // Read through the normal path: the guest rule applies.
    let (status, body) = page(&emu, id).await;
    assert_error(status, &body, 400, "GAIA_IL23");
    let (status, body) =
        json_of(get_as_sato(&emu, &format!("/k/guest/3/v1/records/cursor.json?id={id}")).await)
            .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn facts_5_token_callers_use_cursors_with_view_permission() {
    let emu = start().await;
    let response = client()
        .post(format!("{}/k/v1/records/cursor.json", emu.base_url()))
        .header("X-Cybozu-API-Token", TOKEN_NUMBERS_ADD_ONLY)
        .json(&json!({"app": NUMBERS_APP}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_error(status, &body, 403, "GAIA_NO01");
    let response = client()
        .post(format!("{}/k/v1/records/cursor.json", emu.base_url()))
        .header("X-Cybozu-API-Token", TOKEN_NUMBERS_VIEW)
        .json(&json!({"app": NUMBERS_APP, "size": 500}))
        .send()
        .await
        .unwrap();
    let (status, created) = json_of(response).await;
    assert_eq!(status, 200);
    let response = client()
        .get(format!(
            "{}/k/v1/records/cursor.json?id={}",
            emu.base_url(),
            created["id"].as_str().unwrap()
        ))
        .header("X-Cybozu-API-Token", TOKEN_NUMBERS_VIEW)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(body["records"].as_array().unwrap().len(), 250);
    assert_eq!(emu.stats().records_returned, 250);
}
