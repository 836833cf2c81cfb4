//! Shared by the write-API integration tests: an in-process emulator loaded
//! with `writes_fixture.json`, and a small HTTP client for it.
#![allow(dead_code)]

use base64::Engine;
use kintone_emulator::http::server::{Config, Emulator, EmulatorHandle};
use kintone_emulator::model::Store;
use serde_json::{json, Value as Json};

/// The test fixture: users sato/tanaka/suzuki; app 1 Orders (code ORD) with
/// tokens, app 2 Customers (lookup source), app 3 Tasks (process
/// management), app 4 in guest space 5.
pub const FIXTURE: &str = include_str!("../writes_fixture.json");

pub struct Emu {
    pub handle: EmulatorHandle,
    pub client: reqwest::Client,
}

/// Who calls.
#[derive(Clone, Debug)]
pub enum Auth {
    Password(&'static str, &'static str),
    Token(&'static str),
}

pub const SATO: Auth = Auth::Password("sato", "sato-pass");
pub const TANAKA: Auth = Auth::Password("tanaka", "tanaka-pass");

/// A status and a JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Json,
}

impl Answer {
    /// The Kintone error code of an error answer.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    /// The validation keys of a `CB_VA01` answer, sorted.
    pub fn error_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.body["errors"]
            .as_object()
            .map(|e| e.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }
}

pub async fn start() -> Emu {
    let mut store = Store::default();
    kintone_emulator::fixture::load_json(&mut store, &serde_json::from_str(FIXTURE).unwrap())
        .unwrap();
    start_with(store).await
}

pub async fn start_with(store: Store) -> Emu {
    let config = Config {
        store: Some(store),
        ..Config::default()
    };
    let handle = Emulator::start(config).await.expect("the emulator starts");
    Emu {
        handle,
        client: reqwest::Client::new(),
    }
}

impl Emu {
    pub fn url(&self, api: &str) -> String {
        format!("{}/k/v1/{api}.json", self.handle.base_url())
    }

    pub fn guest_url(&self, space: u64, api: &str) -> String {
        format!("{}/k/guest/{space}/v1/{api}.json", self.handle.base_url())
    }

    pub fn authorize(
        &self,
        request: reqwest::RequestBuilder,
        auth: &Auth,
    ) -> reqwest::RequestBuilder {
        match auth {
            Auth::Password(user, pass) => {
                let encoded =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
                request.header("X-Cybozu-Authorization", encoded)
            }
            Auth::Token(token) => request.header("X-Cybozu-API-Token", *token),
        }
    }

    /// Sends `method` to `url` with a JSON body.
    pub async fn send_to(&self, method: &str, url: &str, body: Json, auth: &Auth) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let request = self
            .authorize(self.client.request(method, url), auth)
            .json(&body);
        let response = request.send().await.expect("the request is answered");
        let status = response.status().as_u16();
        let body = response.json().await.unwrap_or(Json::Null);
        Answer { status, body }
    }

    /// Sends `method` to `url` without a body (parameters in the query string).
    pub async fn send_bare(&self, method: &str, url: &str, auth: &Auth) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = self
            .authorize(self.client.request(method, url), auth)
            .send()
            .await
            .expect("answered");
        let status = response.status().as_u16();
        Answer {
            status,
            body: response.json().await.unwrap_or(Json::Null),
        }
    }

    /// Sends `method` to `/k/v1/{api}.json` with a JSON body.
    pub async fn send(&self, method: &str, api: &str, body: Json, auth: &Auth) -> Answer {
        self.send_to(method, &self.url(api), body, auth).await
    }

    /// GET with parameters in the query string.
    pub async fn get(&self, api: &str, query: &[(&str, &str)], auth: &Auth) -> Answer {
        let request = self.authorize(self.client.get(self.url(api)).query(query), auth);
        let response = request.send().await.expect("the request is answered");
        let status = response.status().as_u16();
        Answer {
            status,
            body: response.json().await.unwrap_or(Json::Null),
        }
    }

    /// The record in the read shape (`GET record.json`).
    pub async fn record(&self, app: u64, id: &str) -> Json {
        let answer = self
            .get("record", &[("app", &app.to_string()), ("id", id)], &SATO)
            .await;
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        answer.body["record"].clone()
    }

    /// Adds an Orders record and returns its id.
    pub async fn add_order(&self, record: Json) -> String {
        let answer = self
            .send("POST", "record", json!({"app": 1, "record": record}), &SATO)
            .await;
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        answer.body["id"].as_str().unwrap().to_string()
    }

    /// The number of records of an app, read from the store.
    pub fn count(&self, app: u64) -> usize {
        self.handle
            .with_store(|s| s.app(app).unwrap().records.len())
    }
}
