//! Reading records through the three paging methods (facts §4, §5): every
//! record exactly once, cursors always deleted, the 10-cursor limit, seek
//! past 10,000, sorted reads, limits, and failures on the way.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::*;
use kintone_core::read::{Paging, ReadRequest, RecordStream};
use kintone_core::{Client, ErrorCategory};
use kintone_emulator::{Config, EmulatorHandle};
use serde_json::json;

/// The `$id`s of every page, in the order delivered (only `take` of each).
async fn ids(mut stream: RecordStream) -> kintone_core::Result<Vec<u64>> {
    let mut out = Vec::new();
    while let Some(page) = stream.next_page().await {
        let page = page?;
        let ids = record_ids(&page.body);
        assert_eq!(ids.len(), page.records);
        out.extend_from_slice(&ids[..page.take]);
    }
    Ok(out)
}

fn exactly_once(ids: &[u64], n: u64) {
    let set: BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len(), "duplicates");
    assert_eq!(set, (1..=n).collect::<BTreeSet<u64>>(), "missing records");
}

async fn read_ids(c: &Client, request: ReadRequest) -> (Vec<u64>, Paging) {
    let mut stream = c.read(request).await.unwrap();
    let mut out = Vec::new();
    while let Some(page) = stream.next_page().await {
        let page = page.unwrap();
        out.extend_from_slice(&record_ids(&page.body)[..page.take]);
    }
    (out, stream.method())
}

async fn wait_for_no_live_cursor(emu: &EmulatorHandle) {
    let started = Instant::now();
    while emu.stats().live_cursors > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "a cursor is still live"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn seek_reads_every_record_in_id_order() {
    let emu = bench(1234).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(Paging::Seek)).await;
    assert_eq!(got, (1..=1234).collect::<Vec<u64>>());
    assert_eq!(method, Paging::Seek);
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/records.json"), 13);
}

#[tokio::test]
async fn a_large_unsorted_scan_is_read_in_parallel_ranges() {
    let emu = bench(3000).await;
    let c = bench_admin(&emu, "Pagesize=100;MaxConcurrentRequests=3");
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP)).await;
    assert_eq!(method, Paging::ParallelSeek);
    exactly_once(&got, 3000);
    let stats = emu.stats();
    assert!(stats.peak_concurrency <= 3, "{}", stats.peak_concurrency);
    assert!(stats.peak_concurrency >= 2, "{}", stats.peak_concurrency);
    // A small scan stays sequential.
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).condition("$id <= 250")).await;
    assert_eq!(method, Paging::Seek);
    assert_eq!(got, (1..=250).collect::<Vec<u64>>());
}

#[tokio::test]
async fn fields_and_conditions_are_kept() {
    let emu = bench(600).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let request = ReadRequest::new(BENCH_APP)
        .condition("$id > 100 and $id <= 450")
        .fields(["title"])
        .paging(Paging::ParallelSeek);
    let mut stream = c.read(request).await.unwrap();
    let mut got = Vec::new();
    while let Some(page) = stream.next_page().await {
        let body: serde_json::Value = serde_json::from_slice(&page.unwrap().body).unwrap();
        for r in body["records"].as_array().unwrap() {
            let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            assert_eq!(keys, BTreeSet::from(["$id", "title"]));
            got.push(r["$id"]["value"].as_str().unwrap().parse::<u64>().unwrap());
        }
    }
    got.sort();
    assert_eq!(got, (101..=450).collect::<Vec<u64>>());
    assert_eq!(
        c.count(BENCH_APP, Some("$id > 100 and $id <= 450"))
            .await
            .unwrap(),
        350
    );
    assert_eq!(c.count(BENCH_APP, None).await.unwrap(), 600);
}

#[tokio::test]
async fn cursor_reads_everything_and_is_gone_afterwards() {
    let emu = bench(777).await;
    let c = bench_admin(&emu, "Pagesize=200");
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(Paging::Cursor)).await;
    assert_eq!(method, Paging::Cursor);
    assert_eq!(got, (1..=777).collect::<Vec<u64>>());
    assert_eq!(emu.stats().live_cursors, 0);
    assert_eq!(
        emu.stats().requests_to("POST", "/k/v1/records/cursor.json"),
        1
    );
}

#[tokio::test]
async fn cursor_deleted_when_the_stream_is_dropped_early() {
    let emu = bench(2000).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let mut stream = c
        .read(ReadRequest::new(BENCH_APP).paging(Paging::Cursor))
        .await
        .unwrap();
    let first = stream.next_page().await.unwrap().unwrap();
    assert_eq!(first.records, 100);
    assert_eq!(emu.stats().live_cursors, 1);
    drop(stream);
    wait_for_no_live_cursor(&emu).await;
    assert_eq!(
        emu.stats()
            .requests_to("DELETE", "/k/v1/records/cursor.json"),
        1
    );
}

#[tokio::test]
async fn cursor_deleted_when_a_read_fails() {
    let emu = bench(1000).await;
    let c = bench_admin(&emu, "Pagesize=100");
    inject(
        &emu,
        json!({"pathPattern": "/k/v1/records/cursor.json", "skip": 3, "status": 400,
               "body": {"code": "CB_VA01", "id": "e", "message": "injected"}}),
    )
    .await;
    let err = ids(c
        .read(ReadRequest::new(BENCH_APP).paging(Paging::Cursor))
        .await
        .unwrap())
    .await
    .unwrap_err();
    assert_eq!(err.kintone_code(), Some("CB_VA01"));
    wait_for_no_live_cursor(&emu).await;
}

#[tokio::test]
async fn ten_cursors_taken_means_seek() {
    let emu = bench(450).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let mut held = Vec::new();
    for _ in 0..10 {
        let body = c
            .call(
                reqwest::Method::POST,
                "records/cursor",
                &json!({"app": BENCH_APP}),
                &[BENCH_APP],
                kintone_core::client::Retry::Never,
            )
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        held.push(v["id"].as_str().unwrap().to_owned());
    }
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(Paging::Cursor)).await;
    assert_eq!(method, Paging::Seek);
    assert_eq!(got, (1..=450).collect::<Vec<u64>>());
    // Sorted, the read cannot fall back to seek: the error says why.
    let err = ids(c
        .read(
            ReadRequest::new(BENCH_APP)
                .order_by("amount desc")
                .paging(Paging::Cursor),
        )
        .await
        .unwrap())
    .await
    .unwrap_err();
    assert!(err.is_too_many_cursors(), "{err:?}");
    assert_eq!(emu.stats().live_cursors, 10);
}

#[tokio::test]
async fn seek_past_ten_thousand_records() {
    let emu = bench(10_600).await;
    let c = bench_admin(&emu, "");
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(Paging::Seek)).await;
    assert_eq!(method, Paging::Seek);
    assert_eq!(got, (1..=10_600).collect::<Vec<u64>>());
}

async fn demo_and_bench(n: u64) -> EmulatorHandle {
    start(Config {
        datasets: vec!["demo".into(), format!("bench:{n}")],
        ..Config::default()
    })
    .await
}

/// The order Kintone gives for one query of at most 500 records.
async fn reference_order(c: &Client, condition: &str, order: &str) -> Vec<u64> {
    let q = format!("{condition} order by {order} limit 500");
    let body = c
        .get(
            "records",
            &json!({"app": BENCH_APP, "query": q, "fields": ["$id"]}),
            &[BENCH_APP],
        )
        .await
        .unwrap();
    record_ids(&body)
}

#[tokio::test]
async fn sorted_reads_offset_then_cursor_and_oauth_refused_plainly() {
    let emu = demo_and_bench(10_700).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let order = "amount desc, $id asc";
    // Within offset 10,000: offset paging, same order as one query.
    let cond = "$id <= 450";
    let (got, method) = read_ids(
        &c,
        ReadRequest::new(BENCH_APP)
            .condition(cond)
            .order_by(order)
            .limit(450),
    )
    .await;
    assert_eq!(method, Paging::Offset);
    assert_eq!(got, reference_order(&c, cond, order).await);
    // Offset paging forced, and the cursor forced: same answer.
    let (offset, _) = read_ids(
        &c,
        ReadRequest::new(BENCH_APP)
            .condition(cond)
            .order_by(order)
            .paging(Paging::Offset),
    )
    .await;
    let (cursor, _) = read_ids(
        &c,
        ReadRequest::new(BENCH_APP)
            .condition(cond)
            .order_by(order)
            .paging(Paging::Cursor),
    )
    .await;
    assert_eq!(offset, got);
    assert_eq!(cursor, got);
    // Unbounded and sorted: the cursor, with a limit cutting the last page.
    let (got, method) = read_ids(
        &c,
        ReadRequest::new(BENCH_APP).order_by(order).limit(10_650),
    )
    .await;
    assert_eq!(method, Paging::Cursor);
    assert_eq!(got.len(), 10_650);
    assert_eq!(&got[..450], &reference_order(&c, "", order).await[..450]);

    // OAuth has no cursor: past 10,000 the read is refused up front.
    let token = oauth_token(&emu, "k:app_record:read").await;
    let oauth = client(&emu, &format!("AuthScheme=OAuth;OAuthAccessToken={token}"));
    let err = oauth
        .read(ReadRequest::new(BENCH_APP).order_by(order))
        .await
        .err()
        .expect("refused");
    assert!(matches!(err, kintone_core::Error::Unsupported { .. }));
    assert!(err.to_string().contains("OAuth"), "{err}");
    let err = oauth
        .read(ReadRequest::new(BENCH_APP).paging(Paging::Cursor))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("OAuth"), "{err}");
    // ...but a sorted read within reach works, and so does an unsorted one.
    let (got, method) = read_ids(
        &oauth,
        ReadRequest::new(BENCH_APP).condition(cond).order_by(order),
    )
    .await;
    assert_eq!(method, Paging::Offset);
    assert_eq!(got, reference_order(&c, cond, order).await);
    let (got, _) = read_ids(&oauth, ReadRequest::new(BENCH_APP)).await;
    exactly_once(&got, 10_700);
    // UseCursor=false says so too.
    let no_cursor = bench_admin(&emu, "UseCursor=false");
    let err = no_cursor
        .read(ReadRequest::new(BENCH_APP).order_by(order))
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("UseCursor"), "{err}");
}

#[tokio::test]
async fn limits_and_max_rows() {
    let emu = bench(1000).await;
    let c = bench_admin(&emu, "Pagesize=100");
    for paging in [Paging::Auto, Paging::Seek, Paging::Cursor, Paging::Offset] {
        let (got, _) = read_ids(&c, ReadRequest::new(BENCH_APP).limit(250).paging(paging)).await;
        assert_eq!(got.len(), 250, "{paging:?}");
    }
    let capped = bench_admin(&emu, "Pagesize=100;MaxRows=120");
    let (got, _) = read_ids(&capped, ReadRequest::new(BENCH_APP)).await;
    assert_eq!(got, (1..=120).collect::<Vec<u64>>());
    let (got, _) = read_ids(&c, ReadRequest::new(BENCH_APP).limit(0)).await;
    assert!(got.is_empty());
}

#[tokio::test]
async fn reads_survive_injected_failures_without_losing_or_repeating_rows() {
    let emu = bench(2500).await;
    let c = bench_admin(&emu, "Pagesize=100;MaxConcurrentRequests=4");
    let faults = |path: &str| {
        json!([
            {"pathPattern": path, "skip": 2, "status": 503, "body": "Service Unavailable"},
            {"pathPattern": path, "skip": 4, "reset": true},
            {"pathPattern": path, "skip": 6, "truncate": true},
            {"pathPattern": path, "skip": 8, "status": 429,
             "body": {"code": "GAIA_TO04", "id": "x", "message": "busy"}},
            {"pathPattern": path, "skip": 10, "status": 502, "body": "Bad Gateway"}
        ])
    };
    for paging in [Paging::Seek, Paging::ParallelSeek, Paging::Auto] {
        inject(&emu, faults("/k/v1/records.json")).await;
        let (got, _) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(paging)).await;
        exactly_once(&got, 2500);
        assert_eq!(emu.faults().pending(), 0, "{paging:?}");
    }
    // The cursor: refused reads are asked again, a lost page resumes by seek.
    let cursor = "/k/v1/records/cursor.json";
    inject(
        &emu,
        json!([
            {"pathPattern": cursor, "skip": 2, "status": 503, "body": "Service Unavailable"},
            {"pathPattern": cursor, "skip": 3, "status": 429,
             "body": {"code": "GAIA_TO04", "id": "x", "message": "busy"}},
            {"pathPattern": cursor, "skip": 6, "reset": true}
        ]),
    )
    .await;
    let (got, method) = read_ids(&c, ReadRequest::new(BENCH_APP).paging(Paging::Cursor)).await;
    assert_eq!(got, (1..=2500).collect::<Vec<u64>>());
    assert_eq!(emu.faults().pending(), 0);
    assert_eq!(method, Paging::Seek, "the reset lost a cursor page");
    wait_for_no_live_cursor(&emu).await;
}

#[tokio::test]
async fn a_failing_read_ends_the_stream_with_the_error() {
    let emu = bench(300).await;
    let c = bench_admin(&emu, "Pagesize=100");
    let err = ids(c
        .read(ReadRequest::new(BENCH_APP).condition("no_such_field = 1"))
        .await
        .unwrap())
    .await
    .unwrap_err();
    assert_eq!(err.kintone_code(), Some("GAIA_IQ11"));
    assert_eq!(err.category(), ErrorCategory::Other);
}
