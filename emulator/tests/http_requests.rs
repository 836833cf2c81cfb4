//! facts §1 (URLs, request conventions) and §3 (error shape, concurrency)
//! over real HTTP against the in-process emulator.

mod http_support;

use std::io::Read;
use std::time::{Duration, Instant};

use http_support::*;
use kintone_emulator::Config;
use serde_json::{json, Value as Json};

#[tokio::test]
async fn facts_1_base_url_with_a_path_prefix() {
    let emu = start().await;
    let (status, body) =
        json_of(get_as_sato(&emu, "/some/prefix/k/v1/records.json?app=1").await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn facts_1_unknown_api_paths_are_404_cb_ur01() {
    let emu = start().await;
    for path in [
        "/k/v1/nothing.json",
        "/k/v2/records.json",
        "/k/v1/records",
        "/elsewhere",
    ] {
        let (status, body) = json_of(get_as_sato(&emu, path).await).await;
        assert_error(status, &body, 404, "CB_UR01");
    }
}

#[tokio::test]
async fn facts_1_guest_app_through_the_normal_path_is_gaia_il23() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/records.json?app=2").await).await;
    assert_error(status, &body, 400, "GAIA_IL23");
    assert!(body["message"].as_str().unwrap().contains("/k/guest/"));
    // Through its guest path it works.
    let (status, body) = json_of(get_as_sato(&emu, "/k/guest/3/v1/records.json?app=2").await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn facts_1_guest_path_for_a_normal_app_is_403_cb_no02() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/guest/3/v1/records.json?app=1").await).await;
    assert_error(status, &body, 403, "CB_NO02");
    // Another (non-existent) guest space for the guest app.
    let (status, body) =
        json_of(get_as_sato(&emu, "/k/guest/4/v1/record.json?app=2&id=1").await).await;
    assert_error(status, &body, 403, "CB_NO02");
}

#[tokio::test]
async fn facts_1_query_string_arrays_and_json_body_are_equivalent() {
    let emu = start().await;
    let (status, by_query) = json_of(
        get_as_sato(&emu, "/k/v1/records.json?app=1&fields%5B0%5D=Title&fields%5B1%5D=%24id&query=Amount%20%3E%201000%20order%20by%20%24id%20asc").await,
    )
    .await;
    assert_eq!(status, 200, "{by_query}");
    let (name, value) = password_header(SATO);
    let response = client()
        .get(format!("{}/k/v1/records.json", emu.base_url()))
        .header(name, value)
        .json(&json!({"app": 1, "fields": ["Title", "$id"], "query": "Amount > 1000 order by $id asc"}))
        .send()
        .await
        .unwrap();
    let (status, by_body) = json_of(response).await;
    assert_eq!(status, 200, "{by_body}");
    assert_eq!(by_query, by_body);
    let first = &by_query["records"][0];
    assert_eq!(
        first.as_object().unwrap().len(),
        2,
        "only Title and $id: {first}"
    );
}

#[tokio::test]
async fn facts_1_method_override_get_carries_a_long_query_in_the_body() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    let long_query = format!(
        "Title not in ({}) order by $id asc",
        (0..400)
            .map(|i| format!("\"t{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let response = client()
        .post(format!("{}/k/v1/records.json", emu.base_url()))
        .header(name, &value)
        .header("X-HTTP-Method-Override", "GET")
        .json(&json!({"app": 1, "query": long_query}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 3);

    // The method name is case-sensitive: "get" is not an override.
    let response = client()
        .post(format!("{}/k/v1/records.json", emu.base_url()))
        .header(name, &value)
        .header("X-HTTP-Method-Override", "get")
        .json(&json!({"app": 1}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert!((400..500).contains(&status), "{status} {body}");
    assert!(body.get("records").is_none());
}

#[tokio::test]
async fn facts_1_urls_over_8kb_are_refused() {
    let emu = start().await;
    let query = "x".repeat(9000);
    let response = get_as_sato(&emu, &format!("/k/v1/records.json?app=1&query={query}")).await;
    assert_eq!(response.status().as_u16(), 414);
    // Just under the limit is served.
    let query = "Title%20!%3D%20%22".to_string() + &"y".repeat(7000) + "%22";
    let response = get_as_sato(&emu, &format!("/k/v1/records.json?app=1&query={query}")).await;
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn facts_3_invalid_json_body_is_cb_ij01() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    let response = client()
        .get(format!("{}/k/v1/records.json", emu.base_url()))
        .header(name, value)
        .header("Content-Type", "application/json")
        .body("{\"app\": 1,")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_error(status, &body, 400, "CB_IJ01");
}

#[tokio::test]
async fn facts_3_error_body_shape_and_content_type() {
    let emu = start().await;
    let response = get_as_sato(&emu, "/k/v1/records.json").await;
    assert_eq!(
        response.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    let (status, body) = json_of(response).await;
    assert_error(status, &body, 400, "CB_VA01");
    assert_eq!(
        body["errors"]["app"]["messages"].as_array().unwrap().len(),
        1
    );
    // Two errors get two different ids.
    let (_, again) = json_of(get_as_sato(&emu, "/k/v1/records.json").await).await;
    assert_ne!(body["id"], again["id"]);
}

#[tokio::test]
async fn facts_3_every_response_carries_the_concurrency_headers() {
    let emu = start().await;
    for path in [
        "/k/v1/records.json?app=1",
        "/k/v1/records.json?app=999",
        "/k/v1/none.json",
    ] {
        let response = get_as_sato(&emu, path).await;
        assert_eq!(
            response.headers()["x-concurrencylimit-limit"],
            "100",
            "{path}"
        );
        assert_eq!(
            response.headers()["x-concurrencylimit-running"],
            "1",
            "{path}"
        );
    }
}

#[tokio::test]
async fn facts_3_past_the_concurrency_limit_429_gaia_to04() {
    let emu = start_with(Config {
        max_concurrent: 2,
        latency: Duration::from_millis(400),
        ..Config::default()
    })
    .await;
    let requests = (0..6).map(|_| get_as_sato(&emu, "/k/v1/records.json?app=1"));
    let responses = futures_util::future::join_all(requests).await;
    let mut ok = 0;
    let mut refused = 0;
    for response in responses {
        assert_eq!(response.headers()["x-concurrencylimit-limit"], "2");
        let running: usize = response.headers()["x-concurrencylimit-running"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(running <= 2);
        let (status, body) = json_of(response).await;
        match status {
            200 => ok += 1,
            _ => {
                assert_error(status, &body, 429, "GAIA_TO04");
                refused += 1;
            }
        }
    }
    assert_eq!(ok, 2);
    assert_eq!(refused, 4);
    assert_eq!(emu.stats().peak_concurrency, 2);
    // Slots free up: the next request is served.
    let response = get_as_sato(&emu, "/k/v1/records.json?app=1").await;
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn latency_delays_every_api_response() {
    let emu = start_with(Config {
        latency: Duration::from_millis(150),
        ..Config::default()
    })
    .await;
    let started = Instant::now();
    let response = get_as_sato(&emu, "/k/v1/apps.json").await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn large_pages_are_gzipped_when_asked() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    let url = format!(
        "{}/k/v1/records.json?app={NUMBERS_APP}&query=limit%20500",
        emu.base_url()
    );
    let plain = client()
        .get(&url)
        .header(name, &value)
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.unwrap();
    let zipped = client()
        .get(&url)
        .header(name, &value)
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let zipped = zipped.bytes().await.unwrap();
    assert!(
        zipped.len() * 4 < plain.len(),
        "{} vs {}",
        zipped.len(),
        plain.len()
    );
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain);
    let body: Json = serde_json::from_slice(&unzipped).unwrap();
    assert_eq!(body["records"].as_array().unwrap().len(), 250);
}

#[tokio::test]
async fn http2_is_served_too() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    let client = reqwest::Client::builder()
        .http2_prior_knowledge()
        .build()
        .unwrap();
    let response = client
        .get(format!("{}/k/v1/app.json?id=1", emu.base_url()))
        .header(name, value)
        .send()
        .await
        .unwrap();
    assert_eq!(response.version(), reqwest::Version::HTTP_2);
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200);
    assert_eq!(body["appId"], "1");
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let emu = start().await;
    let addr = emu.addr();
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    drop(emu);
    let mut refused = false;
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "the port still accepts connections");
}
