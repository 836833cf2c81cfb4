//! facts §9: apps, app, form fields (+ preview), layout, views, status,
//! settings and space.

mod http_support;

use http_support::*;
use serde_json::Value as Json;

async fn get(path: &str) -> (u16, Json) {
    let emu = start().await;
    json_of(get_as_sato(&emu, path).await).await
}

fn app_ids(body: &Json) -> Vec<String> {
    body["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["appId"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn facts_9_apps_lists_apps_with_ids_as_strings() {
    let (status, body) = get("/k/v1/apps.json").await;
    assert_eq!(status, 200, "{body}");
    // [assumed] the normal path lists no guest-space app.
    assert_eq!(app_ids(&body), vec!["1", "10", "11"]);
    let first = &body["apps"][0];
    for key in [
        "appId",
        "code",
        "name",
        "description",
        "spaceId",
        "threadId",
        "createdAt",
        "creator",
        "modifiedAt",
        "modifier",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["spaceId"], Json::Null);
    assert_eq!(first["threadId"], Json::Null);
    assert!(first["creator"]["code"].is_string());
}

#[tokio::test]
async fn facts_9_apps_filters_and_paging() {
    let emu = start().await;
    let cases = [
        ("ids%5B0%5D=11&ids%5B1%5D=1", vec!["1", "11"]),
        ("codes%5B0%5D=OTHER", vec!["11"]),
        ("name=umb", vec!["10"]),
        ("limit=1&offset=1", vec!["10"]),
        ("offset=5", vec![]),
    ];
    for (query, expected) in cases {
        let (status, body) =
            json_of(get_as_sato(&emu, &format!("/k/v1/apps.json?{query}")).await).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert_eq!(app_ids(&body), expected, "{query}");
    }
    for bad in ["limit=0", "limit=101", "offset=x"] {
        let (status, body) =
            json_of(get_as_sato(&emu, &format!("/k/v1/apps.json?{bad}")).await).await;
        assert_error(status, &body, 400, "CB_VA01");
    }
}

#[tokio::test]
async fn facts_9_apps_in_a_guest_space() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/guest/3/v1/apps.json").await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(app_ids(&body), vec!["2"]);
    assert_eq!(body["apps"][0]["code"], "SUP");
    assert_eq!(body["apps"][0]["spaceId"], "3");
    let (status, body) =
        json_of(get_as_sato(&emu, "/k/v1/apps.json?spaceIds%5B0%5D=3").await).await;
    assert_eq!((status, app_ids(&body).len()), (200, 0));
}

#[tokio::test]
async fn facts_9_app_by_id_and_missing_app() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app.json?id=11").await).await;
    assert_eq!(status, 200);
    assert_eq!(body["appId"], "11");
    assert_eq!(body["name"], "Other things");
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app.json?id=99").await).await;
    assert_error(status, &body, 404, "GAIA_AP01");
}

#[tokio::test]
async fn facts_3_missing_or_invalid_app_parameter_is_cb_va01() {
    let emu = start().await;
    for path in [
        "/k/v1/app/form/fields.json",
        "/k/v1/app/form/fields.json?app=abc",
        "/k/v1/records.json?app=0",
    ] {
        let (status, body) = json_of(get_as_sato(&emu, path).await).await;
        assert_error(status, &body, 400, "CB_VA01");
        assert!(
            body["errors"]["app"]["messages"].is_array(),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn facts_9_form_fields_return_the_raw_definitions() {
    let emu = start().await;
    for path in [
        "/k/v1/app/form/fields.json?app=1",
        "/k/v1/preview/app/form/fields.json?app=1&lang=en",
    ] {
        let (status, body) = json_of(get_as_sato(&emu, path).await).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["revision"].as_str().unwrap().parse::<u64>().is_ok());
        let props = &body["properties"];
        assert_eq!(props["Title"]["type"], "SINGLE_LINE_TEXT");
        assert_eq!(props["Title"]["label"], "件名");
        assert_eq!(props["Title"]["maxLength"], "64");
        assert_eq!(props["Lines"]["type"], "SUBTABLE");
        assert!(props["Lines"]["fields"].is_object());
    }
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app/form/fields.json?app=2").await).await;
    assert_error(status, &body, 400, "GAIA_IL23");
    let (status, body) =
        json_of(get_as_sato(&emu, "/k/guest/3/v1/app/form/fields.json?app=2").await).await;
    assert_eq!(status, 200);
    assert!(body["properties"]["Name"].is_object());
}

#[tokio::test]
async fn facts_9_layout_views_status_settings() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app/form/layout.json?app=1").await).await;
    assert_eq!(status, 200);
    assert!(body["layout"].is_array() && body["revision"].is_string());
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app/views.json?app=1").await).await;
    assert_eq!(status, 200);
    assert!(body["views"].is_object() && body["revision"].is_string());
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app/status.json?app=1").await).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["enable"].is_boolean());
    assert!(body["revision"].is_string());
    assert!(body.get("states").is_some() && body.get("actions").is_some());
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/app/settings.json?app=1").await).await;
    assert_eq!(status, 200);
    assert_eq!(body["name"], "Expenses");
    assert_eq!(body["numberPrecision"]["digits"], "16");
    assert_eq!(body["numberPrecision"]["decimalPlaces"], "4");
    assert_eq!(body["numberPrecision"]["roundingMode"], "HALF_EVEN");
    assert!(body["revision"].is_string());
}

#[tokio::test]
async fn facts_9_settings_apis_need_the_view_permission_of_a_token() {
    let emu = start().await;
    let response = client()
        .get(format!(
            "{}/k/v1/app/form/fields.json?app={NUMBERS_APP}",
            emu.base_url()
        ))
        .header("X-Cybozu-API-Token", TOKEN_NUMBERS_VIEW)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let response = client()
        .get(format!(
            "{}/k/v1/app/form/fields.json?app=1",
            emu.base_url()
        ))
        .header("X-Cybozu-API-Token", TOKEN_NUMBERS_VIEW)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_error(status, &body, 403, "GAIA_NO01");
}

#[tokio::test]
async fn facts_9_space_through_its_guest_path() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/guest/3/v1/space.json?id=3").await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], "3");
    assert_eq!(body["name"], "Suppliers");
    assert_eq!(body["isGuest"], true);
    assert_eq!(body["attachedApps"][0]["appId"], "2");
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/space.json?id=3").await).await;
    assert_error(status, &body, 400, "GAIA_IL23");
}
