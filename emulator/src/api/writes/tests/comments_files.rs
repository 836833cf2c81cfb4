//! Comments and files (facts §9, §3).

use super::*;

fn comment(store: &mut Store, text: &str) -> Result<Json, ApiError> {
    call(
        store,
        "POST",
        "record/comment",
        json!({"app": 1, "record": 1, "comment": {"text": text}}),
    )
}

fn list(store: &mut Store, params: Json) -> Result<Json, ApiError> {
    call(store, "GET", "record/comments", params)
}

fn ids(page: &Json) -> Vec<&str> {
    page["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

#[test]
fn facts_9_comments_default_to_newest_first_ten_at_most() {
    let mut store = store();
    add_orders(&mut store, 1);
    for i in 0..12 {
        assert_eq!(
            comment(&mut store, &format!("c{i}")).unwrap(),
            json!({"id": (i + 1).to_string()})
        );
    }
    let page = list(&mut store, json!({"app": 1, "record": 1})).unwrap();
    assert_eq!(
        ids(&page),
        vec!["12", "11", "10", "9", "8", "7", "6", "5", "4", "3"]
    );
    assert_eq!(
        (page["older"].as_bool(), page["newer"].as_bool()),
        (Some(true), Some(false))
    );
    let first = &page["comments"][0];
    assert_eq!(first["text"], "c11");
    assert_eq!(
        first["creator"],
        json!({"code": "sato", "name": "Sato Hanako"})
    );
    assert_eq!(first["createdAt"], "2026-04-23T14:11:42Z");
    assert_eq!(first["mentions"], json!([]));
    let page = list(
        &mut store,
        json!({"app": "1", "record": "1", "order": "asc", "offset": "2", "limit": "3"}),
    )
    .unwrap();
    assert_eq!(ids(&page), vec!["3", "4", "5"]);
    assert_eq!(
        (page["older"].as_bool(), page["newer"].as_bool()),
        (Some(true), Some(true))
    );
    let page = list(&mut store, json!({"app": 1, "record": 1, "offset": 10})).unwrap();
    assert_eq!(ids(&page), vec!["2", "1"]);
    assert_eq!(
        (page["older"].as_bool(), page["newer"].as_bool()),
        (Some(false), Some(true))
    );
    let error = list(&mut store, json!({"app": 1, "record": 1, "limit": 11})).unwrap_err();
    assert_eq!(
        (error.code, keys(&error)),
        ("CB_VA01", vec!["limit".to_string()])
    );
    let error = list(&mut store, json!({"app": 1, "record": 9})).unwrap_err();
    assert_eq!(error.code, "GAIA_RE01");
}

#[test]
fn comment_text_and_mentions_are_validated() {
    let mut store = store();
    add_orders(&mut store, 1);
    assert_eq!(
        keys(&comment(&mut store, "").unwrap_err()),
        vec!["comment.text"]
    );
    let long = "x".repeat(65_536);
    assert_eq!(
        keys(&comment(&mut store, &long).unwrap_err()),
        vec!["comment.text"]
    );
    let mention = json!({"app": 1, "record": 1, "comment": {"text": "see this", "mentions": [{"code": "tanaka", "type": "USER"}]}});
    call(&mut store, "POST", "record/comment", mention).unwrap();
    let page = list(&mut store, json!({"app": 1, "record": 1})).unwrap();
    assert_eq!(page["comments"][0]["text"], "tanaka \nsee this");
    assert_eq!(
        page["comments"][0]["mentions"],
        json!([{"code": "tanaka", "type": "USER"}])
    );
    let ghost = json!({"app": 1, "record": 1, "comment": {"text": "x", "mentions": [{"code": "ghost", "type": "USER"}]}});
    assert_eq!(
        keys(&call(&mut store, "POST", "record/comment", ghost).unwrap_err()),
        vec!["comment.mentions[0].code"]
    );
}

#[test]
fn facts_3_deleting_a_missing_comment_is_gaia_re02() {
    let mut store = store();
    add_orders(&mut store, 1);
    comment(&mut store, "hello").unwrap();
    let error = call(
        &mut store,
        "DELETE",
        "record/comment",
        json!({"app": 1, "record": 1, "comment": 7}),
    )
    .unwrap_err();
    assert_eq!((error.status, error.code), (400, "GAIA_RE02"));
    // Someone else's comment cannot be deleted [assumed].
    let tanaka = request(
        "DELETE",
        "record/comment",
        json!({"app": 1, "record": 1, "comment": 1}),
        Principal::User {
            code: "tanaka".into(),
        },
    );
    assert_eq!(run(&mut store, &tanaka).unwrap_err().code, "CB_NO02");
    assert_eq!(
        call(
            &mut store,
            "DELETE",
            "record/comment",
            json!({"app": "1", "record": "1", "comment": "1"})
        )
        .unwrap(),
        json!({})
    );
    assert!(
        list(&mut store, json!({"app": 1, "record": 1})).unwrap()["comments"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

fn upload(store: &mut Store, body: &str, content_type: &str) -> Result<Json, ApiError> {
    let mut req = request("POST", "file", json!({}), sato());
    req.body = bytes::Bytes::from(body.to_string());
    req.content_type = Some(content_type.into());
    run(store, &req)
}

#[test]
fn facts_9_files_upload_attach_and_download() {
    let mut store = store();
    let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"memo.txt\"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n--b--\r\n";
    let out = upload(&mut store, body, "multipart/form-data; boundary=b").unwrap();
    let key = out["fileKey"].as_str().unwrap().to_string();
    let get = request("GET", "file", json!({"fileKey": key}), sato());
    match route_store(&mut store, &get, now()).unwrap().unwrap() {
        ApiResponse::Bytes { content_type, body } => {
            assert_eq!(content_type, "text/plain");
            assert_eq!(&body[..], b"hello file");
        }
        other => panic!("{other:?}"),
    }
    let added = call(&mut store, "POST", "record", json!({"app": 1, "record": {"Title": {"value": "t"}, "Docs": {"value": [{"fileKey": key}]}}})).unwrap();
    assert_eq!(added["id"], "1");
    let error = route_store(
        &mut store,
        &request("GET", "file", json!({"fileKey": "nope"}), sato()),
        now(),
    )
    .unwrap()
    .unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_BL01"));
    assert_eq!(
        keys(&upload(&mut store, "plain", "text/plain").unwrap_err()),
        vec!["file"]
    );
    let no_file_part = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n";
    assert_eq!(
        keys(&upload(&mut store, no_file_part, "multipart/form-data; boundary=b").unwrap_err()),
        vec!["file"]
    );
}
