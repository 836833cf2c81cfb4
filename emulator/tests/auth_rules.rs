//! facts §2: password, API tokens, the Basic gate, and authorization of
//! tokens against apps and permissions.

mod http_support;

use http_support::*;
use kintone_emulator::Config;
use serde_json::Value as Json;

async fn get_with(
    emu: &kintone_emulator::EmulatorHandle,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, Json) {
    let mut request = client().get(format!("{}{path}", emu.base_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    json_of(request.send().await.unwrap()).await
}

#[tokio::test]
async fn facts_2_missing_credentials_are_401_cb_au01() {
    let emu = start().await;
    let (status, body) = get_with(&emu, "/k/v1/records.json?app=1", &[]).await;
    assert_error(status, &body, 401, "CB_AU01");
}

#[tokio::test]
async fn facts_2_wrong_password_is_401_cb_wa01() {
    let emu = start().await;
    for creds in [
        b64("sato:wrong"),
        b64("nobody:x"),
        "not base64!".to_string(),
    ] {
        let (status, body) = get_with(
            &emu,
            "/k/v1/records.json?app=1",
            &[("X-Cybozu-Authorization", &creds)],
        )
        .await;
        assert_error(status, &body, 401, "CB_WA01");
    }
}

#[tokio::test]
async fn facts_2_password_user_reads_every_app() {
    let emu = start().await;
    let creds = b64("tanaka:another-password");
    for app in [1, NUMBERS_APP, OTHER_APP] {
        let (status, body) = get_with(
            &emu,
            &format!("/k/v1/records.json?app={app}"),
            &[("X-Cybozu-Authorization", &creds)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test]
async fn facts_2_token_reads_its_app() {
    let emu = start().await;
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/records.json?app={NUMBERS_APP}&totalCount=true"),
        &[("X-Cybozu-API-Token", TOKEN_NUMBERS_VIEW)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["totalCount"], NUMBERS_RECORDS.to_string());
}

#[tokio::test]
async fn facts_2_unknown_token_is_400_gaia_ia02() {
    let emu = start().await;
    let (status, body) = get_with(
        &emu,
        "/k/v1/records.json?app=1",
        &[("X-Cybozu-API-Token", "noSuchToken")],
    )
    .await;
    assert_error(status, &body, 400, "GAIA_IA02");
}

#[tokio::test]
async fn facts_2_token_without_the_permission_is_403_gaia_no01() {
    let emu = start().await;
    // An add-only token may not read.
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/records.json?app={NUMBERS_APP}"),
        &[("X-Cybozu-API-Token", TOKEN_NUMBERS_ADD_ONLY)],
    )
    .await;
    assert_error(status, &body, 403, "GAIA_NO01");
    // A token of another app may not read this one.
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/record.json?app={NUMBERS_APP}&id=1"),
        &[("X-Cybozu-API-Token", TOKEN_OTHER_VIEW)],
    )
    .await;
    assert_error(status, &body, 403, "GAIA_NO01");
}

#[tokio::test]
async fn facts_2_several_tokens_as_a_comma_list() {
    let emu = start().await;
    let tokens = format!("{TOKEN_OTHER_VIEW},{TOKEN_NUMBERS_VIEW}");
    for app in [NUMBERS_APP, OTHER_APP] {
        let (status, body) = get_with(
            &emu,
            &format!("/k/v1/records.json?app={app}"),
            &[("X-Cybozu-API-Token", &tokens)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    // The add-only token with the view token of the same app: two tokens of one app.
    let tokens = format!("{TOKEN_NUMBERS_ADD_ONLY},{TOKEN_NUMBERS_VIEW}");
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/records.json?app={NUMBERS_APP}"),
        &[("X-Cybozu-API-Token", &tokens)],
    )
    .await;
    assert_error(status, &body, 400, "GAIA_DA03");
}

#[tokio::test]
async fn facts_2_two_tokens_of_one_app_are_400_gaia_da03() {
    let emu = start().await;
    let tokens = format!("{TOKEN_NUMBERS_VIEW},{TOKEN_NUMBERS_VIEW_2}");
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/records.json?app={NUMBERS_APP}"),
        &[("X-Cybozu-API-Token", &tokens)],
    )
    .await;
    assert_error(status, &body, 400, "GAIA_DA03");
}

#[tokio::test]
async fn facts_2_at_most_9_tokens_per_request() {
    let emu = start().await;
    let ten = [TOKEN_OTHER_VIEW; 10].join(",");
    let (status, body) = get_with(
        &emu,
        &format!("/k/v1/records.json?app={OTHER_APP}"),
        &[("X-Cybozu-API-Token", &ten)],
    )
    .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn facts_2_password_wins_over_tokens() {
    let emu = start().await;
    let (name, value) = password_header(SATO);
    // A bad token is ignored when a password is given.
    let (status, body) = get_with(
        &emu,
        "/k/v1/records.json?app=1",
        &[(name, &value), ("X-Cybozu-API-Token", "noSuchToken")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // A wrong password is not rescued by a good token.
    let (status, body) = get_with(
        &emu,
        "/k/v1/records.json?app=1",
        &[
            ("X-Cybozu-Authorization", &b64("sato:wrong")),
            ("X-Cybozu-API-Token", TOKEN_EXPENSES_RW),
        ],
    )
    .await;
    assert_error(status, &body, 401, "CB_WA01");
}

#[tokio::test]
async fn facts_2_apps_json_with_tokens_lists_only_their_apps() {
    let emu = start().await;
    let tokens = format!("{TOKEN_OTHER_VIEW},{TOKEN_EXPENSES_RW}");
    let (status, body) =
        get_with(&emu, "/k/v1/apps.json", &[("X-Cybozu-API-Token", &tokens)]).await;
    assert_eq!(status, 200, "{body}");
    let ids: Vec<&str> = body["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["appId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["1", "11"]);
}

#[tokio::test]
async fn facts_2_basic_gate_comes_before_everything() {
    let emu = start_with(Config {
        basic_auth: Some(("gate".into(), "open".into())),
        ..Config::default()
    })
    .await;
    let (name, value) = password_header(SATO);
    for gate in [None, Some(b64("gate:wrong"))] {
        let mut request = client()
            .get(format!("{}/k/v1/records.json?app=1", emu.base_url()))
            .header(name, &value);
        if let Some(gate) = gate {
            request = request.header("Authorization", format!("Basic {gate}"));
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
        assert!(response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic"));
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
    }
    let gate = format!("Basic {}", b64("gate:open"));
    // Through the gate, Kintone's own authentication still applies.
    let (status, body) = get_with(
        &emu,
        "/k/v1/records.json?app=1",
        &[("Authorization", &gate)],
    )
    .await;
    assert_error(status, &body, 401, "CB_AU01");
    let (status, body) = get_with(
        &emu,
        "/k/v1/records.json?app=1",
        &[("Authorization", &gate), (name, &value)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // The test hooks are never gated.
    let (status, _) = get_with(&emu, "/__emulator/stats", &[]).await;
    assert_eq!(status, 200);
}
