//! Process management over HTTP (facts §7, §9): actions raise the revision by
//! 2, assignees, and `GAIA_ST02` for apps without process management.

mod writes_common;

use serde_json::json;
use writes_common::*;

async fn new_task(emu: &Emu) -> String {
    let answer = emu
        .send(
            "POST",
            "record",
            json!({"app": 3, "record": {"Subject": {"value": "s"}}}),
            &SATO,
        )
        .await;
    answer.body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn facts_7_an_action_raises_the_revision_by_2() {
    let emu = start().await;
    let id = new_task(&emu).await;
    let record = emu
        .get("record", &[("app", "3"), ("id", &id)], &SATO)
        .await
        .body["record"]
        .clone();
    assert_eq!(record["Status"]["value"], "Open");
    assert_eq!(
        record["Assignee"]["value"],
        json!([{"code": "sato", "name": "Sato Hanako"}])
    );
    let answer = emu
        .send(
            "PUT",
            "record/status",
            json!({"app": 3, "id": id, "action": "Submit", "assignee": "suzuki", "revision": 1}),
            &SATO,
        )
        .await;
    assert_eq!(answer.body, json!({"revision": "3"}));
    let record = emu
        .get("record", &[("app", "3"), ("id", &id)], &SATO)
        .await
        .body["record"]
        .clone();
    assert_eq!(record["Status"]["value"], "Review");
    assert_eq!(
        record["Assignee"]["value"],
        json!([{"code": "suzuki", "name": "Suzuki Ichiro"}])
    );
    assert_eq!(record["$revision"]["value"], "3");
    let answer = emu
        .send(
            "PUT",
            "record/status",
            json!({"app": 3, "id": id, "action": "Accept", "revision": 1}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (409, "GAIA_CO02"));
}

#[tokio::test]
async fn records_status_and_assignees() {
    let emu = start().await;
    let a = new_task(&emu).await;
    let b = new_task(&emu).await;
    let answer = emu
        .send(
            "PUT",
            "records/status",
            json!({"app": 3, "records": [
                {"id": a, "action": "Submit", "assignee": "tanaka"},
                {"id": b, "action": "Submit", "assignee": "suzuki"}]}),
            &SATO,
        )
        .await;
    assert_eq!(
        answer.body,
        json!({"records": [{"id": a, "revision": "3"}, {"id": b, "revision": "3"}]})
    );
    let answer = emu
        .send(
            "PUT",
            "record/assignees",
            json!({"app": 3, "id": a, "assignees": ["suzuki"], "revision": "3"}),
            &SATO,
        )
        .await;
    assert_eq!(answer.body, json!({"revision": "4"}));
    let answer = emu
        .send(
            "PUT",
            "record/assignees",
            json!({"app": 3, "id": a, "assignees": ["nobody"]}),
            &SATO,
        )
        .await;
    assert_eq!(answer.code(), "CB_VA01");
    // A bad entry stops the whole batch.
    let answer = emu
        .send("PUT", "records/status", json!({"app": 3, "records": [{"id": a, "action": "Accept"}, {"id": b, "action": "Nope"}]}), &SATO)
        .await;
    assert_eq!(answer.error_keys(), vec!["records[1].action"]);
    let record = emu
        .get("record", &[("app", "3"), ("id", &a)], &SATO)
        .await
        .body["record"]
        .clone();
    assert_eq!(record["Status"]["value"], "Review");
}

#[tokio::test]
async fn facts_3_process_management_disabled_is_gaia_st02() {
    let emu = start().await;
    let id = emu.add_order(json!({"Title": {"value": "t"}})).await;
    let answer = emu
        .send(
            "PUT",
            "record/status",
            json!({"app": 1, "id": id, "action": "Submit"}),
            &SATO,
        )
        .await;
    assert_eq!(answer.code(), "GAIA_ST02");
}

#[tokio::test]
async fn status_writes_need_the_edit_permission() {
    let emu = start().await;
    let id = new_task(&emu).await;
    let body = json!({"app": 3, "id": id, "action": "Submit", "assignee": "tanaka"});
    let answer = emu
        .send(
            "PUT",
            "record/status",
            body.clone(),
            &Auth::Token("OrdersAll"),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (403, "GAIA_NO01"));
    let answer = emu
        .send("PUT", "record/status", body, &Auth::Token("TasksEdit"))
        .await;
    assert_eq!(answer.body, json!({"revision": "3"}));
    let record = emu
        .get("record", &[("app", "3"), ("id", &id)], &SATO)
        .await
        .body["record"]
        .clone();
    assert_eq!(
        record["Updated_by"]["value"]["code"], "Administrator",
        "facts §2"
    );
}
