//! Fixtures through the server's configuration (issue 2: the shared example
//! must load; a bad fixture is refused naming app, record and field).

mod writes_common;

use std::path::PathBuf;

use kintone_emulator::http::server::{Config, Emulator};
use serde_json::json;
use writes_common::*;

fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixture_example.json")
}

#[tokio::test]
async fn the_example_fixture_loads_and_serves_its_records() {
    let config = Config {
        fixtures: vec![example_path()],
        ..Config::default()
    };
    let handle = Emulator::start(config).await.expect("the example loads");
    let emu = Emu {
        handle,
        client: reqwest::Client::new(),
    };
    let auth = Auth::Password("sato", "example-password");
    let answer = emu.get("record", &[("app", "1"), ("id", "1")], &auth).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let record = &answer.body["record"];
    assert_eq!(record["Title"]["value"], "Taxi to client");
    assert_eq!(
        record["Creator"]["value"],
        json!({"code": "sato", "name": "Sato Hanako"})
    );
    assert_eq!(record["Tax"]["value"], "420");
    assert_eq!(
        record["Lines"]["value"][1]["value"]["Item"]["value"],
        "toll"
    );
    let guest = emu
        .send_bare(
            "GET",
            &format!("{}?app=2&id=1", emu.guest_url(3, "record")),
            &auth,
        )
        .await;
    assert_eq!(
        guest.body["record"]["No"]["value"], "SUP-1",
        "{:?}",
        guest.body
    );
    // The example's token may add but not delete.
    let token = Auth::Token("exampleTokenExpensesRW");
    let added = emu
        .send(
            "POST",
            "record",
            json!({"app": 1, "record": {"Title": {"value": "by token"}}}),
            &token,
        )
        .await;
    assert_eq!(added.body["id"], "4");
    let answer = emu
        .send("DELETE", "records", json!({"app": 1, "ids": [4]}), &token)
        .await;
    assert_eq!(answer.code(), "GAIA_NO01");
}

#[tokio::test]
async fn a_bad_fixture_stops_the_start_with_app_record_and_field() {
    let mut bad: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    bad["apps"][0]["records"][1]["Amount"] = json!({"value": "twelve"});
    let path = std::env::temp_dir().join(format!("fixture-loading-{}.json", std::process::id()));
    std::fs::write(&path, bad.to_string()).unwrap();
    let config = Config {
        fixtures: vec![path.clone()],
        ..Config::default()
    };
    let error = Emulator::start(config)
        .await
        .err()
        .expect("refused")
        .to_string();
    std::fs::remove_file(&path).unwrap();
    assert!(error.contains("app 1 (Expenses)"), "{error}");
    assert!(error.contains("record 1"), "{error}");
    assert!(error.contains("Amount.value"), "{error}");
}

#[tokio::test]
async fn two_fixtures_with_the_same_app_id_collide() {
    let config = Config {
        fixtures: vec![example_path(), example_path()],
        ..Config::default()
    };
    let error = Emulator::start(config)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("defined twice"), "{error}");
}
