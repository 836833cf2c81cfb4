//! Every authentication scheme against the emulator (facts §2), the Basic
//! gate, guest spaces and a base URL with a path prefix (facts §1).

mod common;

use common::*;
use kintone_core::{Client, ErrorCategory};
use kintone_emulator::Config;
use serde_json::{json, Value as Json};

async fn app_name(client: &Client, app: u64) -> kintone_core::Result<String> {
    let v: Json = client.get_json("app", &json!({"id": app}), &[app]).await?;
    Ok(v["name"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn password_right_and_wrong() {
    let emu = demo().await;
    assert_eq!(app_name(&admin(&emu), 1).await.unwrap(), "Customers");
    let wrong = client(&emu, "User=demo-admin;Password=nope");
    let err = app_name(&wrong, 1).await.unwrap_err();
    assert_eq!(err.kintone_code(), Some("CB_WA01"));
    assert!(err.is_auth_failure());
    assert_eq!(err.category(), ErrorCategory::Auth);
}

#[tokio::test]
async fn api_tokens_and_their_permissions() {
    let emu = demo().await;
    let c = client(
        &emu,
        &format!("APIToken={CUSTOMERS_RO},{DEALS_TOKEN};AppId=1,2"),
    );
    let body = c.get("records", &json!({"app": 2}), &[2]).await.unwrap();
    assert_eq!(record_ids(&body).len(), 60);
    let bad = client(&emu, "APIToken=NotAToken");
    let err = app_name(&bad, 1).await.unwrap_err();
    assert_eq!(err.kintone_code(), Some("GAIA_IA02"));
    assert_eq!(err.category(), ErrorCategory::Auth);
    // A token of app 1 cannot read app 2: a permission error, not an auth one.
    let other = client(&emu, &format!("APIToken={CUSTOMERS_RO}"));
    let err = other
        .get("records", &json!({"app": 2}), &[2])
        .await
        .unwrap_err();
    assert_eq!(err.kintone_code(), Some("GAIA_NO01"));
    assert_eq!(err.category(), ErrorCategory::Permission);
}

/// Twelve apps with a token each: at most nine go with a request, so the
/// client finds each app's group of tokens by trying, or by position in AppId.
fn twelve_apps() -> Json {
    let apps: Vec<Json> = (1..=12)
        .map(|i| {
            json!({
                "appId": 100 + i, "code": "", "name": format!("App {i}"),
                "properties": {"t": {"type": "SINGLE_LINE_TEXT", "code": "t", "label": "t"}},
                "apiTokens": [{"token": format!("tok{i:02}"), "viewRecord": true,
                    "addRecord": false, "editRecord": false, "deleteRecord": false}],
                "records": [{"t": {"value": format!("row of {i}")}}],
            })
        })
        .collect();
    json!({"apps": apps})
}

async fn twelve_app_emulator() -> kintone_emulator::EmulatorHandle {
    let mut store = kintone_emulator::model::Store::default();
    kintone_emulator::fixture::load_json(&mut store, &twelve_apps()).unwrap();
    start(Config {
        store: Some(store),
        ..Config::default()
    })
    .await
}

#[tokio::test]
async fn more_than_nine_tokens_discovered_by_trying() {
    let emu = twelve_app_emulator().await;
    let tokens: Vec<String> = (1..=12).map(|i| format!("tok{i:02}")).collect();
    let c = client(&emu, &format!("APIToken={}", tokens.join(",")));
    for app in [111, 101, 112] {
        let body = c
            .get("records", &json!({"app": app}), &[app])
            .await
            .unwrap();
        assert_eq!(record_ids(&body), vec![1]);
    }
    let before = emu.stats().requests_to("GET", "/k/v1/records.json");
    // App 111's group is remembered: one request, not two.
    c.get("records", &json!({"app": 111}), &[111])
        .await
        .unwrap();
    assert_eq!(
        emu.stats().requests_to("GET", "/k/v1/records.json"),
        before + 1
    );
}

#[tokio::test]
async fn more_than_nine_tokens_matched_by_position_in_app_id() {
    let emu = twelve_app_emulator().await;
    let tokens: Vec<String> = (1..=12).map(|i| format!("tok{i:02}")).collect();
    let apps: Vec<String> = (101..=112).map(|i| i.to_string()).collect();
    let c = client(
        &emu,
        &format!("APIToken={};AppId={}", tokens.join(","), apps.join(",")),
    );
    for app in [112, 110, 101] {
        let body = c
            .get("records", &json!({"app": app}), &[app])
            .await
            .unwrap();
        assert_eq!(record_ids(&body), vec![1]);
    }
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/records.json"), 3);
}

#[tokio::test]
async fn oauth_bearer_token() {
    let emu = demo().await;
    let token = oauth_token(&emu, "k:app_record:read k:app_settings:read").await;
    let c = client(&emu, &format!("AuthScheme=OAuth;OAuthAccessToken={token}"));
    assert!(!c.cursor_allowed());
    let body = c.get("records", &json!({"app": 1}), &[1]).await.unwrap();
    assert_eq!(record_ids(&body).len(), 25);
    let stale = client(&emu, "AuthScheme=OAuth;OAuthAccessToken=expired-or-unknown");
    let err = stale
        .get("records", &json!({"app": 1}), &[1])
        .await
        .unwrap_err();
    assert!(err.is_auth_failure(), "{err:?}");
}

#[tokio::test]
async fn password_wins_over_tokens_when_both_are_given() {
    let emu = demo().await;
    // The token cannot read app 2, the password user can.
    let c = client(
        &emu,
        &format!("User=demo-admin;Password=demo-password;APIToken={CUSTOMERS_RO}"),
    );
    assert_eq!(app_name(&c, 2).await.unwrap(), "Deals");
}

#[tokio::test]
async fn basic_gate_on_top_of_every_scheme() {
    let emu = start(Config {
        datasets: vec!["demo".into()],
        basic_auth: Some(("gate".into(), "gate-pass".into())),
        ..Config::default()
    })
    .await;
    let gate = "BasicAuthUser=gate;BasicAuthPassword=gate-pass";
    let without = admin(&emu);
    let err = app_name(&without, 1).await.unwrap_err();
    assert_eq!(err.http_status(), Some(401));
    assert!(err.is_auth_failure());
    assert!(matches!(err, kintone_core::Error::Http { .. }), "{err:?}");
    let with = client(
        &emu,
        &format!("User=demo-admin;Password=demo-password;{gate}"),
    );
    assert_eq!(app_name(&with, 1).await.unwrap(), "Customers");
    let tokens = client(&emu, &format!("APIToken={CUSTOMERS_RO};{gate}"));
    assert_eq!(app_name(&tokens, 1).await.unwrap(), "Customers");
    let wrong = client(
        &emu,
        "User=demo-admin;Password=demo-password;BasicAuthUser=gate;BasicAuthPassword=x",
    );
    assert!(app_name(&wrong, 1).await.unwrap_err().is_auth_failure());
    // OAuth and the gate both need the Authorization header.
    let err = Client::new(&props(
        &emu.base_url(),
        &format!("AuthScheme=OAuth;OAuthAccessToken=t;{gate}"),
    ))
    .unwrap_err();
    assert!(
        matches!(err, kintone_core::Error::InvalidProperty { ref key, .. } if key == "BasicAuthUser")
    );
}

#[tokio::test]
async fn guest_space_paths() {
    let emu = demo().await;
    let normal = client(&emu, &format!("APIToken={PARTNER_TOKEN}"));
    let err = app_name(&normal, 4).await.unwrap_err();
    assert_eq!(err.kintone_code(), Some("GAIA_IL23"));
    let guest = client(&emu, &format!("APIToken={PARTNER_TOKEN};GuestSpaceId=2"));
    assert_eq!(app_name(&guest, 4).await.unwrap(), "Partner Contacts");
    assert_eq!(emu.stats().requests_to("GET", "/k/guest/2/v1/app.json"), 1);
}

#[tokio::test]
async fn the_base_urls_path_prefix_is_kept() {
    let emu = demo().await;
    let c = Client::new(&props(
        &format!("{}/kintone/tenant", emu.base_url()),
        "User=demo-admin;Password=demo-password",
    ))
    .unwrap();
    assert_eq!(app_name(&c, 1).await.unwrap(), "Customers");
    assert_eq!(
        emu.stats()
            .requests_to("GET", "/kintone/tenant/k/v1/app.json"),
        1
    );
}

#[tokio::test]
async fn kintone_errors_arrive_intact() {
    let emu = demo().await;
    let c = admin(&emu);
    let err = c
        .get(
            "records",
            &json!({"app": 1, "query": "no_such_field = 1"}),
            &[1],
        )
        .await
        .unwrap_err();
    match &err {
        kintone_core::Error::Api {
            status,
            code,
            message,
            id,
            ..
        } => {
            assert_eq!(*status, 400);
            assert_eq!(code, "GAIA_IQ11");
            assert!(!message.is_empty());
            assert!(id.as_deref().is_some_and(|i| !i.is_empty()));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("GAIA_IQ11"));
    let err = c
        .write_json::<Json>(
            reqwest::Method::POST,
            "record",
            &json!({"app": 1, "record": {"company_name": {"value": ""}}}),
            &[1],
        )
        .await
        .unwrap_err();
    assert_eq!(err.kintone_code(), Some("CB_VA01"));
    let kintone_core::Error::Api {
        errors: Some(errors),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(
        errors.as_object().is_some_and(|m| !m.is_empty()),
        "{errors}"
    );
}

#[tokio::test]
async fn long_gets_travel_as_posts() {
    let emu = demo().await;
    let c = admin(&emu);
    let ids: Vec<String> = (1..=900).map(|i| i.to_string()).collect();
    let query = format!("$id in ({}) order by $id asc", ids.join(", "));
    assert!(query.len() > 4096);
    let body = c
        .get("records", &json!({"app": 1, "query": query}), &[1])
        .await
        .unwrap();
    assert_eq!(record_ids(&body), (1..=25).collect::<Vec<u64>>());
    assert_eq!(emu.stats().requests_to("POST", "/k/v1/records.json"), 1);
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/records.json"), 0);
}
