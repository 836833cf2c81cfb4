//! facts §4 (reading records) and §8 (the read shape) through records.json
//! and record.json.

mod http_support;

use http_support::*;
use serde_json::Value as Json;

#[tokio::test]
async fn facts_4_records_default_order_and_limit() {
    let emu = start().await;
    let (status, body) =
        json_of(get_as_sato(&emu, &format!("/k/v1/records.json?app={NUMBERS_APP}")).await).await;
    assert_eq!(status, 200, "{body}");
    let records = body["records"].as_array().unwrap();
    assert_eq!(records.len(), 100, "default limit");
    assert_eq!(
        records[0]["$id"]["value"],
        NUMBERS_RECORDS.to_string(),
        "$id descending"
    );
    assert_eq!(records[0]["$id"]["type"], "__ID__");
    assert_eq!(records[0]["$revision"]["type"], "__REVISION__");
    assert_eq!(body["totalCount"], Json::Null, "only when asked for");
}

#[tokio::test]
async fn facts_4_total_count_is_a_string_when_asked_for() {
    let emu = start().await;
    for flag in ["true", "TRUE_NOT_A_FLAG"] {
        let (status, body) = json_of(
            get_as_sato(
                &emu,
                &format!(
                    "/k/v1/records.json?app={NUMBERS_APP}&query=n%20%3E%20200&totalCount={flag}"
                ),
            )
            .await,
        )
        .await;
        if flag == "true" {
            assert_eq!(status, 200);
            assert_eq!(body["totalCount"], "50");
        } else {
            assert_error(status, &body, 400, "CB_VA01");
        }
    }
    let (_, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}&totalCount=false"),
        )
        .await,
    )
    .await;
    assert_eq!(body["totalCount"], Json::Null);
}

#[tokio::test]
async fn facts_4_fields_limits_the_returned_fields() {
    let emu = start().await;
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}&fields%5B0%5D=t&fields%5B1%5D=rows"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let record = body["records"][0].as_object().unwrap();
    let mut keys: Vec<&str> = record.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec!["rows", "t"],
        "$id and $revision only when listed"
    );
    assert_eq!(
        record["rows"]["value"][0]["value"]["sub"]["type"],
        "SINGLE_LINE_TEXT"
    );
    let (_, body) = json_of(
        get_as_sato(&emu, &format!("/k/v1/records.json?app={NUMBERS_APP}&fields%5B0%5D=%24id&fields%5B1%5D=%24revision")).await,
    )
    .await;
    let mut keys: Vec<&str> = body["records"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, vec!["$id", "$revision"]);
}

#[tokio::test]
async fn facts_4_fields_inside_a_table_cannot_be_listed() {
    let emu = start().await;
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}&fields%5B0%5D=t&fields%5B1%5D=sub"),
        )
        .await,
    )
    .await;
    assert_error(status, &body, 400, "CB_VA01");
    assert!(body["errors"]["fields[1]"].is_object(), "{body}");
}

#[tokio::test]
async fn facts_4_query_errors_come_from_the_query_language() {
    let emu = start().await;
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}&query=limit%20501"),
        )
        .await,
    )
    .await;
    assert_error(status, &body, 400, "GAIA_QU01");
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}&query=nope%20%3D%201"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn facts_4_record_by_id_and_missing_record() {
    let emu = start().await;
    let (status, body) =
        json_of(get_as_sato(&emu, &format!("/k/v1/record.json?app={NUMBERS_APP}&id=7")).await)
            .await;
    assert_eq!(status, 200, "{body}");
    let record = &body["record"];
    assert_eq!(record["$id"]["value"], "7");
    assert_eq!(
        record["n"],
        serde_json::json!({"type": "NUMBER", "value": "7"})
    );
    assert_eq!(record["t"]["value"], "text 7");
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/record.json?app={NUMBERS_APP}&id=9999"),
        )
        .await,
    )
    .await;
    assert_error(status, &body, 404, "GAIA_RE01");
    let (status, body) =
        json_of(get_as_sato(&emu, &format!("/k/v1/record.json?app={NUMBERS_APP}")).await).await;
    assert_error(status, &body, 400, "CB_VA01");
    assert!(body["errors"]["id"].is_object());
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/record.json?app=99&id=1").await).await;
    assert_error(status, &body, 404, "GAIA_AP01");
}

#[tokio::test]
async fn facts_8_read_shape_of_the_example_record() {
    let emu = start().await;
    let (status, body) = json_of(get_as_sato(&emu, "/k/v1/record.json?app=1&id=1").await).await;
    assert_eq!(status, 200, "{body}");
    let r = &body["record"];
    assert_eq!(r["Title"]["value"], "Taxi to client");
    assert_eq!(r["Amount"]["value"], "4200");
    assert_eq!(r["Day"]["value"], "2026-03-02");
    assert_eq!(r["Flags"]["value"], serde_json::json!(["receipt"]));
    assert_eq!(r["Approver"]["value"][0]["code"], "tanaka");
    assert_eq!(r["Creator"]["value"]["code"], "sato");
    let rows = r["Lines"]["value"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["id"].as_str().unwrap().parse::<u64>().is_ok());
}

#[tokio::test]
async fn facts_4_fields_take_up_to_100_entries_in_a_query_string_more_in_a_body() {
    let emu = start().await;
    let many: Vec<String> = (0..101).map(|_| "t".to_string()).collect();
    let query: String = many
        .iter()
        .enumerate()
        .map(|(i, f)| format!("&fields%5B{i}%5D={f}"))
        .collect();
    let (status, body) = json_of(
        get_as_sato(
            &emu,
            &format!("/k/v1/records.json?app={NUMBERS_APP}{query}"),
        )
        .await,
    )
    .await;
    assert_error(status, &body, 400, "CB_VA01");
    let (name, value) = password_header(SATO);
    let response = client()
        .get(format!("{}/k/v1/records.json", emu.base_url()))
        .header(name, value)
        .json(&serde_json::json!({"app": NUMBERS_APP, "fields": many}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["records"][0].as_object().unwrap().len(), 1);
}
