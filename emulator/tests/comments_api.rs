//! Record comments over HTTP (facts §9, §3).

mod writes_common;

use serde_json::json;
use writes_common::*;

#[tokio::test]
async fn facts_9_comments_newest_first_at_most_10() {
    let emu = start().await;
    let id = emu.add_order(json!({"Title": {"value": "t"}})).await;
    for i in 1..=12 {
        let answer = emu
            .send(
                "POST",
                "record/comment",
                json!({"app": 1, "record": id, "comment": {"text": format!("c{i}")}}),
                &SATO,
            )
            .await;
        assert_eq!(answer.body, json!({"id": i.to_string()}));
    }
    let page = emu
        .get("record/comments", &[("app", "1"), ("record", &id)], &SATO)
        .await;
    let comments = page.body["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 10);
    assert_eq!(comments[0]["text"], "c12");
    assert_eq!(
        comments[0]["creator"],
        json!({"code": "sato", "name": "Sato Hanako"})
    );
    assert_eq!(
        (page.body["older"].as_bool(), page.body["newer"].as_bool()),
        (Some(true), Some(false))
    );
    let page = emu
        .get(
            "record/comments",
            &[
                ("app", "1"),
                ("record", &id),
                ("order", "asc"),
                ("offset", "10"),
                ("limit", "5"),
            ],
            &SATO,
        )
        .await;
    let texts: Vec<&str> = page.body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec!["c11", "c12"]);
    assert_eq!(
        (page.body["older"].as_bool(), page.body["newer"].as_bool()),
        (Some(true), Some(false))
    );
    let answer = emu
        .get(
            "record/comments",
            &[("app", "1"), ("record", &id), ("limit", "11")],
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "CB_VA01"));
}

#[tokio::test]
async fn facts_3_deleting_a_missing_comment_is_gaia_re02() {
    let emu = start().await;
    let id = emu.add_order(json!({"Title": {"value": "t"}})).await;
    let answer = emu
        .send(
            "POST",
            "record/comment",
            json!({"app": 1, "record": id, "comment": {"text": ""}}),
            &SATO,
        )
        .await;
    assert_eq!(answer.code(), "CB_VA01", "empty text");
    emu.send(
        "POST",
        "record/comment",
        json!({"app": 1, "record": id, "comment": {"text": "hi"}}),
        &SATO,
    )
    .await;
    let answer = emu
        .send(
            "DELETE",
            "record/comment",
            json!({"app": 1, "record": id, "comment": 5}),
            &SATO,
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "GAIA_RE02"));
    let url = format!("{}?app=1&record={id}&comment=1", emu.url("record/comment"));
    let answer = emu.send_bare("DELETE", &url, &SATO).await;
    assert_eq!((answer.status, &answer.body), (200, &json!({})));
    let page = emu
        .get("record/comments", &[("app", "1"), ("record", &id)], &SATO)
        .await;
    assert_eq!(page.body["comments"], json!([]));
    let answer = emu
        .get("record/comments", &[("app", "1"), ("record", "99")], &SATO)
        .await;
    assert_eq!((answer.status, answer.code()), (404, "GAIA_RE01"));
}
