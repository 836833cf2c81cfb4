//! facts §2 OAuth: authorization code grant, token endpoint, refresh
//! without a new refresh token, scopes, expiry, and the APIs closed to
//! bearer tokens.

mod http_support;

use http_support::*;
use kintone_emulator::EmulatorHandle;
use serde_json::{json, Value as Json};

const CLIENT: &str = "example-client";
const SECRET: &str = "example-secret";
const REDIRECT: &str = "http://localhost:33333";

fn query_of(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The authorization request; returns the redirect's query parameters.
async fn authorize(emu: &EmulatorHandle, scope: &str) -> Vec<(String, String)> {
    let query = query_of(&[
        ("client_id", CLIENT),
        ("redirect_uri", REDIRECT),
        ("state", "st-42"),
        ("response_type", "code"),
        ("scope", scope),
    ]);
    let response = client()
        .get(format!("{}/oauth2/authorization?{query}", emu.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let (base, query) = location.split_once('?').expect("a query in the redirect");
    assert_eq!(base, REDIRECT);
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn token_request(
    emu: &EmulatorHandle,
    basic: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> (u16, Json) {
    let mut request = client()
        .post(format!("{}/oauth2/token", emu.base_url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(query_of(form));
    if let Some((id, secret)) = basic {
        request = request.header(
            "Authorization",
            format!("Basic {}", b64(&format!("{id}:{secret}"))),
        );
    }
    json_of(request.send().await.unwrap()).await
}

/// The whole flow: returns the token response.
async fn grant(emu: &EmulatorHandle, scope: &str) -> Json {
    let redirect = authorize(emu, scope).await;
    assert_eq!(param(&redirect, "state"), Some("st-42"));
    let code = param(&redirect, "code").expect("a code").to_string();
    let (status, body) = token_request(
        emu,
        Some((CLIENT, SECRET)),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn bearer_get(emu: &EmulatorHandle, token: &str, path: &str) -> (u16, Json) {
    let response = client()
        .get(format!("{}{path}", emu.base_url()))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    json_of(response).await
}

#[tokio::test]
async fn facts_2_oauth_full_flow_and_bearer_requests() {
    let emu = start().await;
    let token = grant(&emu, "k:app_record:read k:app_settings:read").await;
    assert_eq!(token["token_type"], "Bearer");
    assert_eq!(token["expires_in"], 3600);
    assert_eq!(token["scope"], "k:app_record:read k:app_settings:read");
    assert!(token["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    let access = token["access_token"].as_str().unwrap();
    let (status, body) = bearer_get(&emu, access, "/k/v1/records.json?app=1").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"].as_array().unwrap().len(), 3);
    let (status, body) = bearer_get(&emu, access, "/k/v1/app/form/fields.json?app=1").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn facts_2_oauth_scopes_limit_the_apis() {
    let emu = start().await;
    let token = grant(&emu, "k:app_record:read").await;
    let access = token["access_token"].as_str().unwrap();
    let (status, body) = bearer_get(&emu, access, "/k/v1/app/form/fields.json?app=1").await;
    assert_error(status, &body, 403, "CB_NO02");
    let token = grant(&emu, "k:app_settings:read").await;
    let access = token["access_token"].as_str().unwrap();
    let (status, body) = bearer_get(&emu, access, "/k/v1/records.json?app=1").await;
    assert_error(status, &body, 403, "CB_NO02");
    let (status, _) = bearer_get(&emu, access, "/k/v1/apps.json").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn facts_2_refresh_gives_no_new_refresh_token_and_the_old_one_keeps_working() {
    let emu = start().await;
    let first = grant(&emu, "k:app_record:read").await;
    let refresh = first["refresh_token"].as_str().unwrap();
    for _ in 0..2 {
        let (status, body) = token_request(
            &emu,
            Some((CLIENT, SECRET)),
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("refresh_token").is_none(), "{body}");
        assert_eq!(body["expires_in"], 3600);
        assert_ne!(body["access_token"], first["access_token"]);
        let (status, _) = bearer_get(
            &emu,
            body["access_token"].as_str().unwrap(),
            "/k/v1/records.json?app=1",
        )
        .await;
        assert_eq!(status, 200);
    }
    let (status, body) = token_request(
        &emu,
        Some((CLIENT, SECRET)),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", "unknown"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn facts_2_bearer_tokens_expire_after_3600_seconds_of_the_clock() {
    let emu = start().await;
    let token = grant(&emu, "k:app_record:read").await;
    let access = token["access_token"].as_str().unwrap();
    emu.clock().advance(chrono::Duration::seconds(3590));
    let (status, _) = bearer_get(&emu, access, "/k/v1/records.json?app=1").await;
    assert_eq!(status, 200);
    emu.clock().advance(chrono::Duration::seconds(11));
    let (status, body) = bearer_get(&emu, access, "/k/v1/records.json?app=1").await;
    assert_eq!(status, 401, "{body}");
    let (status, _) = bearer_get(&emu, "made-up", "/k/v1/records.json?app=1").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn facts_2_authorization_codes_are_single_use_and_checked() {
    let emu = start().await;
    let redirect = authorize(&emu, "k:app_record:read").await;
    let code = param(&redirect, "code").unwrap().to_string();
    // Wrong redirect_uri: refused, and the code is spent.
    let (status, body) = token_request(
        &emu,
        Some((CLIENT, SECRET)),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://localhost:1"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, body) = token_request(
        &emu,
        Some((CLIENT, SECRET)),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    // Client credentials as form fields work too; a code older than 10 minutes does not.
    let redirect = authorize(&emu, "k:app_record:read").await;
    let code = param(&redirect, "code").unwrap().to_string();
    emu.clock().advance(chrono::Duration::seconds(601));
    let (status, body) = token_request(
        &emu,
        None,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", CLIENT),
            ("client_secret", SECRET),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn facts_2_token_endpoint_refuses_a_bad_client_secret() {
    let emu = start().await;
    let (status, body) = token_request(
        &emu,
        Some((CLIENT, "wrong")),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_client");
}

#[tokio::test]
async fn facts_2_authorization_refuses_unknown_clients_and_redirects() {
    let emu = start().await;
    for (client_id, redirect) in [("nobody", REDIRECT), (CLIENT, "http://evil.example/cb")] {
        let query = query_of(&[
            ("client_id", client_id),
            ("redirect_uri", redirect),
            ("response_type", "code"),
            ("scope", "k:app_record:read"),
        ]);
        let response = client()
            .get(format!("{}/oauth2/authorization?{query}", emu.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400);
        assert!(response.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn facts_2_cursor_api_is_refused_to_bearer_tokens() {
    let emu = start().await;
    let token = grant(&emu, "k:app_record:read").await;
    let access = token["access_token"].as_str().unwrap();
    let response = client()
        .post(format!("{}/k/v1/records/cursor.json", emu.base_url()))
        .header("Authorization", format!("Bearer {access}"))
        .json(&json!({"app": 1}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_error(status, &body, 403, "CB_NO02");
    assert_eq!(emu.stats().live_cursors, 0);
    // Spaces are closed to OAuth clients as well.
    let (status, body) = bearer_get(&emu, access, "/k/guest/3/v1/space.json?id=3").await;
    assert_error(status, &body, 403, "CB_NO02");
}
