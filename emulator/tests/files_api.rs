//! Files over HTTP (facts §9, §3): multipart upload, attach, download.

mod writes_common;

use serde_json::json;
use writes_common::*;

async fn upload(
    emu: &Emu,
    name: &str,
    content_type: &str,
    bytes: &'static [u8],
    auth: &Auth,
) -> Answer {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(content_type)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let request = emu
        .authorize(emu.client.post(emu.url("file")), auth)
        .multipart(form);
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    Answer {
        status,
        body: response.json().await.unwrap_or_default(),
    }
}

async fn download(emu: &Emu, key: &str) -> (u16, String, Vec<u8>) {
    let request = emu.authorize(
        emu.client.get(emu.url("file")).query(&[("fileKey", key)]),
        &SATO,
    );
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (
        status,
        content_type,
        response.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test]
async fn facts_9_upload_attach_and_download_a_file() {
    let emu = start().await;
    let answer = upload(&emu, "report.csv", "text/csv", b"a,b\n1,2\n", &SATO).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let key = answer.body["fileKey"].as_str().unwrap().to_string();
    let (status, content_type, bytes) = download(&emu, &key).await;
    assert_eq!(
        (status, content_type.as_str(), bytes.as_slice()),
        (200, "text/csv", b"a,b\n1,2\n".as_slice())
    );

    let id = emu
        .add_order(json!({"Title": {"value": "t"}, "Docs": {"value": [{"fileKey": key}]}}))
        .await;
    let docs = emu.record(1, &id).await["Docs"]["value"].clone();
    assert_eq!(docs[0]["name"], "report.csv");
    assert_eq!(docs[0]["contentType"], "text/csv");
    assert_eq!(docs[0]["size"], "8");
    let attached = docs[0]["fileKey"].as_str().unwrap();
    assert_ne!(attached, key, "an attached file gets its own key [assumed]");
    assert_eq!(download(&emu, attached).await.2, b"a,b\n1,2\n");
}

#[tokio::test]
async fn facts_3_unknown_files_are_gaia_bl01() {
    let emu = start().await;
    let (status, _, body) = download(&emu, "no-such-key").await;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((status, body["code"].as_str()), (404, Some("GAIA_BL01")));
    let answer = emu.send("POST", "record", json!({"app": 1, "record": {"Title": {"value": "t"}, "Docs": {"value": [{"fileKey": "nope"}]}}}), &SATO).await;
    assert_eq!(answer.error_keys(), vec!["record.Docs.value"]);
}

#[tokio::test]
async fn uploads_need_a_file_part() {
    let emu = start().await;
    let form = reqwest::multipart::Form::new().text("other", "x");
    let request = emu
        .authorize(emu.client.post(emu.url("file")), &SATO)
        .multipart(form);
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer = upload(&emu, "a.txt", "text/plain", b"x", &Auth::Token("OrdersAll")).await;
    assert_eq!(answer.status, 200, "a token may upload [assumed]");
}
