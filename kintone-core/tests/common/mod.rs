//! Shared by the integration tests: an in-process emulator and properties
//! pointing at it.
#![allow(dead_code)]

pub mod pki;
pub mod proxy;

use kintone_core::{Client, Properties};
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use serde_json::Value as Json;

/// The demo dataset's administrator.
pub const DEMO_ADMIN: (&str, &str) = ("demo-admin", "demo-password");
/// Read-only and read-write tokens of demo app 1 ("Customers").
pub const CUSTOMERS_RO: &str = "DemoCustomersReadOnlyToken00000000000RO";
/// Token of demo app 2 ("Deals").
pub const DEALS_TOKEN: &str = "DemoDealsToken000000000000000000000000RW";
/// Token of demo app 4 (in guest space 2).
pub const PARTNER_TOKEN: &str = "DemoPartnerToken0000000000000000000000RW";
/// The bench dataset's app and credentials.
pub const BENCH_APP: u64 = 1000;
pub const BENCH_ADMIN: (&str, &str) = ("bench-admin", "bench-password");

pub async fn start(config: Config) -> EmulatorHandle {
    Emulator::start(config).await.expect("the emulator starts")
}

pub async fn demo() -> EmulatorHandle {
    start(Config {
        datasets: vec!["demo".into()],
        ..Config::default()
    })
    .await
}

pub async fn bench(records: u64) -> EmulatorHandle {
    start(Config {
        datasets: vec![format!("bench:{records}")],
        ..Config::default()
    })
    .await
}

/// Properties for `Url=<base>;<extra>`.
pub fn props(base: &str, extra: &str) -> Properties {
    Properties::parse(&format!("Url={base};{extra}")).expect("valid properties")
}

pub fn admin(emu: &EmulatorHandle) -> Client {
    client(
        emu,
        &format!("User={};Password={}", DEMO_ADMIN.0, DEMO_ADMIN.1),
    )
}

pub fn bench_admin(emu: &EmulatorHandle, extra: &str) -> Client {
    client(
        emu,
        &format!("User={};Password={};{extra}", BENCH_ADMIN.0, BENCH_ADMIN.1),
    )
}

pub fn client(emu: &EmulatorHandle, extra: &str) -> Client {
    Client::new(&props(&emu.base_url(), extra)).expect("a client")
}

/// An OAuth access token for the demo's client (user demo-admin), through
/// the authorization-code flow.
pub async fn oauth_token(emu: &EmulatorHandle, scope: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap();
    let redirect = "http://localhost:33333";
    let response = http
        .get(format!("{}/oauth2/authorization", emu.base_url()))
        .query(&[
            ("client_id", "demo-client"),
            ("redirect_uri", redirect),
            ("state", "s"),
            ("response_type", "code"),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let url = url::Url::parse(&location).unwrap();
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("a code");
    let token: Json = http
        .post(format!("{}/oauth2/token", emu.base_url()))
        .basic_auth("demo-client", Some("demo-secret"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    token["access_token"].as_str().expect("a token").to_owned()
}

/// Queues faults through the hook, as a test client of a real server would.
pub async fn inject(emu: &EmulatorHandle, faults: Json) {
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/__emulator/faults", emu.base_url()))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
}

/// `records.json` ids of a response body.
pub fn record_ids(body: &[u8]) -> Vec<u64> {
    let v: Json = serde_json::from_slice(body).unwrap();
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["$id"]["value"].as_str().unwrap().parse().unwrap())
        .collect()
}
