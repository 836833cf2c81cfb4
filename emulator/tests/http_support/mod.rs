//! Shared by the HTTP integration tests: a small store (the example
//! fixture plus a generated app with several API tokens), an in-process
//! emulator, and request helpers.
#![allow(dead_code)]

use base64::Engine;
use kintone_emulator::model::Store;
use kintone_emulator::{Config, Emulator, EmulatorHandle};
use serde_json::{json, Value as Json};

/// The example fixture (users sato/tanaka, app 1 "Expenses" with 3 records
/// and token `exampleTokenExpensesRW`, guest space 3 with app 2 "SUP").
pub const EXAMPLE_FIXTURE: &str = include_str!("../fixture_example.json");

/// App 10 "Numbers": `NUMBERS_RECORDS` records with `n` = 1..=N and a table.
pub const NUMBERS_APP: u64 = 10;
pub const NUMBERS_RECORDS: u64 = 250;
/// App 11 "Other": no records, one token.
pub const OTHER_APP: u64 = 11;

pub const SATO: (&str, &str) = ("sato", "example-password");
pub const TOKEN_EXPENSES_RW: &str = "exampleTokenExpensesRW";
pub const TOKEN_NUMBERS_VIEW: &str = "numbersView";
pub const TOKEN_NUMBERS_VIEW_2: &str = "numbersViewTwo";
pub const TOKEN_NUMBERS_ADD_ONLY: &str = "numbersAddOnly";
pub const TOKEN_OTHER_VIEW: &str = "otherView";

fn token(token: &str, view: bool, add: bool) -> Json {
    json!({"token": token, "viewRecord": view, "addRecord": add, "editRecord": false, "deleteRecord": false})
}

/// The extra apps, in fixture format.
pub fn extra_fixture() -> Json {
    let records: Vec<Json> = (1..=NUMBERS_RECORDS)
        .map(|i| {
            json!({
                "n": {"value": i.to_string()},
                "t": {"value": format!("text {i}")},
                "rows": {"value": [{"value": {"sub": {"value": format!("row {i}")}}}]},
            })
        })
        .collect();
    json!({"apps": [
        {
            "appId": NUMBERS_APP, "code": "", "name": "Numbers",
            "properties": {
                "n": {"type": "NUMBER", "code": "n", "label": "n"},
                "t": {"type": "SINGLE_LINE_TEXT", "code": "t", "label": "t"},
                "rows": {"type": "SUBTABLE", "code": "rows", "fields": {
                    "sub": {"type": "SINGLE_LINE_TEXT", "code": "sub", "label": "sub"}
                }}
            },
            "apiTokens": [
                token(TOKEN_NUMBERS_VIEW, true, false),
                token(TOKEN_NUMBERS_VIEW_2, true, false),
                token(TOKEN_NUMBERS_ADD_ONLY, false, true),
            ],
            "records": records,
        },
        {
            "appId": OTHER_APP, "code": "OTHER", "name": "Other things",
            "properties": {"t": {"type": "SINGLE_LINE_TEXT", "code": "t", "label": "t"}},
            "apiTokens": [token(TOKEN_OTHER_VIEW, true, false)],
            "records": [],
        }
    ]})
}

pub fn store() -> Store {
    let mut store = Store::default();
    let example: Json = serde_json::from_str(EXAMPLE_FIXTURE).expect("example fixture is JSON");
    kintone_emulator::fixture::load_json(&mut store, &example).expect("example fixture loads");
    kintone_emulator::fixture::load_json(&mut store, &extra_fixture()).expect("extra apps load");
    store
}

/// Starts an emulator on the test store with `config` (its `store` is replaced).
pub async fn start_with(config: Config) -> EmulatorHandle {
    Emulator::start(Config {
        store: Some(store()),
        ..config
    })
    .await
    .expect("the emulator starts")
}

pub async fn start() -> EmulatorHandle {
    start_with(Config::default()).await
}

/// A client that does not follow redirects or decompress (tests look at raw responses).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .build()
        .expect("a reqwest client")
}

pub fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// `X-Cybozu-Authorization` for a user.
pub fn password_header((user, pass): (&str, &str)) -> (&'static str, String) {
    ("X-Cybozu-Authorization", b64(&format!("{user}:{pass}")))
}

/// A GET as sato with the query string `query`.
pub async fn get_as_sato(emu: &EmulatorHandle, path_and_query: &str) -> reqwest::Response {
    let (name, value) = password_header(SATO);
    client()
        .get(format!("{}{path_and_query}", emu.base_url()))
        .header(name, value)
        .send()
        .await
        .expect("the request is answered")
}

/// Status and JSON body of a response.
pub async fn json_of(response: reqwest::Response) -> (u16, Json) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| Json::String(text));
    (status, body)
}

/// Asserts a Kintone error body: status, code, a message and a 20-char id.
pub fn assert_error(status: u16, body: &Json, expected_status: u16, code: &str) {
    assert_eq!(status, expected_status, "status of {body}");
    assert_eq!(body["code"], code, "code of {body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(
        body["id"].as_str().is_some_and(|id| !id.is_empty()),
        "{body}"
    );
}
