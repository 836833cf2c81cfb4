//! The test hooks: `/__emulator/faults` (status, body, delay, reset,
//! truncate, skip, count, clear), `/__emulator/stats`, `/__emulator/clock`.

mod http_support;

use std::time::{Duration, Instant};

use http_support::*;
use kintone_emulator::{EmulatorHandle, Fault};
use serde_json::{json, Value as Json};

async fn push_fault(emu: &EmulatorHandle, fault: Json) {
    let response = client()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .json(&fault)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

async fn records(emu: &EmulatorHandle) -> reqwest::Response {
    get_as_sato(emu, "/k/v1/records.json?app=1").await
}

#[tokio::test]
async fn fault_with_a_text_body_answers_plain_text() {
    let emu = start().await;
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records", "status": 503, "body": "Service Unavailable"}),
    )
    .await;
    let response = records(&emu).await;
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(response.text().await.unwrap(), "Service Unavailable");
    // Used up: the next request is served.
    assert_eq!(records(&emu).await.status().as_u16(), 200);
}

#[tokio::test]
async fn fault_with_an_object_body_answers_json() {
    let emu = start().await;
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records.json", "status": 500, "body": {"code": "GAIA_DA02", "id": "x", "message": "locked"}}),
    )
    .await;
    let response = records(&emu).await;
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let (status, body) = json_of(response).await;
    assert_eq!(status, 500);
    assert_eq!(body["code"], "GAIA_DA02");
}

#[tokio::test]
async fn fault_skip_and_count_pick_the_requests() {
    let emu = start().await;
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records", "skip": 2, "count": 2, "status": 502}),
    )
    .await;
    // Other paths are not counted.
    assert_eq!(
        get_as_sato(&emu, "/k/v1/apps.json").await.status().as_u16(),
        200
    );
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(records(&emu).await.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 502, 502, 200]);
}

#[tokio::test]
async fn several_faults_queue_in_order_and_delete_clears_them() {
    let emu = start().await;
    push_fault(&emu, json!([
        {"pathPattern": "/k/", "status": 503},
        {"pathPattern": "/k/", "status": 429, "body": {"code": "GAIA_TO04", "id": "1", "message": "busy"}}
    ]))
    .await;
    assert_eq!(records(&emu).await.status().as_u16(), 503);
    assert_eq!(records(&emu).await.status().as_u16(), 429);
    assert_eq!(records(&emu).await.status().as_u16(), 200);

    emu.faults().push(Fault::status("/k/", 503));
    emu.faults().push(Fault::status("/k/", 503));
    let response = client()
        .delete(format!("{}/__emulator/faults", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(records(&emu).await.status().as_u16(), 200);
}

#[tokio::test]
async fn fault_delay_then_normal_service() {
    let emu = start().await;
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records", "delayMs": 300}),
    )
    .await;
    let started = Instant::now();
    let response = records(&emu).await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn fault_reset_drops_the_connection_without_a_response() {
    let emu = start().await;
    push_fault(&emu, json!({"pathPattern": "/k/v1/records", "reset": true})).await;
    let (name, value) = password_header(SATO);
    let result = client()
        .get(format!("{}/k/v1/records.json?app=1", emu.base_url()))
        .header(name, value)
        .send()
        .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(records(&emu).await.status().as_u16(), 200);
}

#[tokio::test]
async fn fault_truncate_cuts_the_body_short() {
    let emu = start().await;
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records", "truncate": true}),
    )
    .await;
    let response = records(&emu).await;
    assert_eq!(response.status().as_u16(), 200);
    let promised: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(promised > 100);
    assert!(response.bytes().await.is_err(), "the body must fail midway");
    let whole = records(&emu).await.bytes().await.unwrap();
    assert_eq!(whole.len(), promised);

    // On the wire: the headers promise the whole body, half of it arrives,
    // then the connection closes.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    push_fault(
        &emu,
        json!({"pathPattern": "/k/v1/records", "truncate": true}),
    )
    .await;
    let mut stream = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    let (name, value) = password_header(SATO);
    let request =
        format!("GET /k/v1/records.json?app=1 HTTP/1.1\r\nHost: x\r\n{name}: {value}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw).await;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("headers arrive");
    assert!(
        head.contains(&format!("content-length: {promised}")),
        "{head}"
    );
    assert!(
        !body.is_empty() && body.len() < promised,
        "{} of {promised}",
        body.len()
    );
}

#[tokio::test]
async fn faults_apply_to_oauth_requests_too() {
    let emu = start().await;
    emu.faults().push(Fault::status("/oauth2/token", 503));
    let response = client()
        .post(format!("{}/oauth2/token", emu.base_url()))
        .body("grant_type=refresh_token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
}

#[tokio::test]
async fn a_bad_fault_is_refused() {
    let emu = start().await;
    let response = client()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .json(&json!({"pathPatern": "/k/"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(emu.faults().pending(), 0);
}

#[tokio::test]
async fn stats_count_requests_records_cursors_and_concurrency() {
    let emu = start().await;
    records(&emu).await;
    records(&emu).await;
    get_as_sato(&emu, &format!("/k/v1/record.json?app={NUMBERS_APP}&id=5")).await;
    let (name, value) = password_header(SATO);
    let response = client()
        .post(format!("{}/k/v1/records/cursor.json", emu.base_url()))
        .header(name, value)
        .json(&json!({"app": NUMBERS_APP}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let (status, stats) = json_of(
        client()
            .get(format!("{}/__emulator/stats", emu.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(stats["requests"]["GET /k/v1/records.json"], 2);
    assert_eq!(stats["requests"]["GET /k/v1/record.json"], 1);
    assert_eq!(stats["requests"]["POST /k/v1/records/cursor.json"], 1);
    assert_eq!(stats["totalRequests"], 4);
    assert_eq!(stats["recordsReturned"], 7);
    assert_eq!(stats["liveCursors"], 1);
    assert_eq!(stats["peakConcurrency"], 1);
    assert_eq!(stats["currentConcurrency"], 0);
    // The hooks themselves are not counted; the in-process snapshot agrees.
    let snapshot = emu.stats();
    assert_eq!(snapshot.total_requests, 4);
    assert_eq!(snapshot.requests_to("GET", "/k/v1/records.json"), 2);
}

#[tokio::test]
async fn clock_hook_moves_the_clock() {
    let emu = start().await;
    let before = emu.clock().now();
    let (status, body) = json_of(
        client()
            .post(format!("{}/__emulator/clock", emu.base_url()))
            .json(&json!({"advanceSeconds": 3600}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let moved = emu.clock().now() - before;
    assert!(moved >= chrono::Duration::seconds(3600) && moved < chrono::Duration::seconds(3660));
}
