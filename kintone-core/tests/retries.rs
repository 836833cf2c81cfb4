//! Reads retried through injected failures (facts §3: 503 from load
//! balancers, 429 `GAIA_TO04`, resets, truncated bodies); writes never
//! sent twice; `Timeout` as a deadline for the whole call.

mod common;

use std::time::{Duration, Instant};

use common::*;
use kintone_core::{Client, ErrorCategory};
use serde_json::{json, Value as Json};

const RECORDS: &str = "/k/v1/records.json";

async fn read_all(c: &Client) -> kintone_core::Result<Vec<u64>> {
    let body = c
        .get(
            "records",
            &json!({"app": 1, "query": "order by $id asc"}),
            &[1],
        )
        .await?;
    Ok(record_ids(&body))
}

#[tokio::test]
async fn reads_survive_503_429_resets_and_truncation() {
    let emu = demo().await;
    let c = admin(&emu);
    let expected: Vec<u64> = (1..=25).collect();
    inject(
        &emu,
        json!([
            {"pathPattern": RECORDS, "status": 503, "body": "Service Unavailable"},
            {"pathPattern": RECORDS, "status": 429,
             "body": {"code": "GAIA_TO04", "id": "x", "message": "Too many concurrent requests."}},
            {"pathPattern": RECORDS, "reset": true},
            {"pathPattern": RECORDS, "truncate": true},
            {"pathPattern": RECORDS, "status": 502, "body": ""},
            {"pathPattern": RECORDS, "status": 500,
             "body": {"code": "GAIA_DA02", "id": "y", "message": "locked"}}
        ]),
    )
    .await;
    let started = Instant::now();
    // Six failures, then success: the default policy gives up after 6 attempts.
    let c2 = c.clone();
    let err = read_all(&c2).await.unwrap_err();
    assert_eq!(
        err.kintone_code(),
        Some("GAIA_DA02"),
        "the sixth failure: {err:?}"
    );
    assert_eq!(emu.stats().requests_to("GET", RECORDS), 6);
    assert_eq!(read_all(&c).await.unwrap(), expected);
    assert_eq!(emu.stats().requests_to("GET", RECORDS), 7);
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn a_few_failures_are_invisible() {
    let emu = demo().await;
    let c = admin(&emu);
    inject(
        &emu,
        json!([
            {"pathPattern": RECORDS, "reset": true},
            {"pathPattern": RECORDS, "truncate": true},
            {"pathPattern": RECORDS, "status": 503, "body": "<html>maintenance</html>"}
        ]),
    )
    .await;
    assert_eq!(read_all(&c).await.unwrap(), (1..=25).collect::<Vec<u64>>());
    assert_eq!(emu.stats().requests_to("GET", RECORDS), 4);
}

#[tokio::test]
async fn non_retryable_errors_are_not_retried() {
    let emu = demo().await;
    let c = admin(&emu);
    let err = c
        .get("records", &json!({"app": 1, "query": "bad query ("}), &[1])
        .await
        .unwrap_err();
    assert_eq!(err.http_status(), Some(400));
    assert_eq!(emu.stats().requests_to("GET", RECORDS), 1);
}

async fn customer_count(c: &Client) -> usize {
    read_all(c).await.unwrap().len()
}

#[tokio::test]
async fn a_write_is_never_repeated() {
    let emu = demo().await;
    let c = admin(&emu);
    let record = json!({"app": 1, "record": {"company_name": {"value": "Never Twice KK"}}});
    for fault in [
        json!({"pathPattern": "/k/v1/record.json", "status": 503, "body": "busy"}),
        json!({"pathPattern": "/k/v1/record.json", "reset": true}),
        json!({"pathPattern": "/k/v1/record.json", "truncate": true}),
        json!({"pathPattern": "/k/v1/record.json", "status": 429,
               "body": {"code": "GAIA_TO04", "id": "x", "message": "busy"}}),
    ] {
        let before = emu.stats().requests_to("POST", "/k/v1/record.json");
        inject(&emu, fault.clone()).await;
        let err = c
            .write_json::<Json>(reqwest::Method::POST, "record", &record, &[1])
            .await
            .unwrap_err();
        assert!(err.is_retryable(), "{fault}: {err:?}");
        assert_eq!(
            emu.stats().requests_to("POST", "/k/v1/record.json"),
            before + 1,
            "{fault}"
        );
    }
    // The truncated answer's write did happen (once); the others did not.
    assert_eq!(customer_count(&c).await, 26);
}

#[tokio::test]
async fn timeout_is_a_deadline_for_the_whole_call() {
    let emu = demo().await;
    let c = client(&emu, "User=demo-admin;Password=demo-password;Timeout=1");
    inject(&emu, json!({"pathPattern": RECORDS, "delayMs": 3000})).await;
    let started = Instant::now();
    let err = read_all(&c).await.unwrap_err();
    assert_eq!(err.category(), ErrorCategory::Timeout, "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1800));

    // Retries stop at the deadline too.
    emu.faults().clear();
    inject(
        &emu,
        json!({"pathPattern": RECORDS, "status": 503, "body": "down", "count": 1000}),
    )
    .await;
    let started = Instant::now();
    let err = read_all(&c).await.unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    assert!(emu.stats().requests_to("GET", RECORDS) >= 2);
}
