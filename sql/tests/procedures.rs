//! `CALL DownloadFile(...)` against an emulator holding records with
//! attached files (a FILE field at top level and one in a table).

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::RecordBatch;
use kintone_emulator::EmulatorHandle;
use serde_json::json;
use sql::{Error, Param, Session, SqlType};

mod common;
use common::*;

fn file(name: &str, content_type: &str, content: &str) -> serde_json::Value {
    json!({"name": name, "contentType": content_type, "content": content})
}

async fn fixture() -> (EmulatorHandle, TempFile) {
    let doc = json!({
        "users": [{"code": "sato", "name": "Sato Hanako", "password": "pw-sato"}],
        "apps": [{
            "appId": 7, "code": "", "name": "Contracts", "spaceId": null, "threadId": null,
            "apiTokens": [{"token": "contractsToken", "viewRecord": true, "addRecord": false,
                           "editRecord": false, "deleteRecord": false}],
            "properties": {
                "Title": {"type": "SINGLE_LINE_TEXT", "code": "Title", "label": "Title"},
                "Scans": {"type": "FILE", "code": "Scans", "label": "Signed copies"},
                "Parts": {"type": "SUBTABLE", "code": "Parts", "label": "Parts", "fields": {
                    "Drawing": {"type": "FILE", "code": "Drawing", "label": "Drawing"}
                }}
            },
            "records": [
                {"Title": {"value": "with files"},
                 "Scans": {"value": [file("contract.txt", "text/plain", "signed by both"),
                                     file("annex.csv", "text/csv", "a,b\n1,2\n")]},
                 "Parts": {"value": [
                     {"value": {"Drawing": {"value": [file("bolt.svg", "image/svg+xml", "<svg/>")]}}},
                     {"value": {"Drawing": {"value": []}}},
                     {"value": {"Drawing": {"value": [file("nut.svg", "image/svg+xml", "<svg>nut</svg>")]}}}
                 ]}},
                {"Title": {"value": "without"}, "Scans": {"value": []}, "Parts": {"value": []}}
            ]
        }]
    });
    fixture_emulator("procedures", &doc).await
}

async fn call(s: &Session, sql: &str, params: &[Param]) -> sql::Result<Vec<RecordBatch>> {
    try_rows(s, sql, params).await
}

/// (name, content type, size, content) of each row.
fn files(batches: &[RecordBatch]) -> Vec<(String, String, i64, String)> {
    let mut out = Vec::new();
    for b in batches {
        for i in 0..b.num_rows() {
            out.push((
                b.column(0).as_string::<i32>().value(i).to_owned(),
                b.column(1).as_string::<i32>().value(i).to_owned(),
                b.column(2).as_primitive::<Int64Type>().value(i),
                String::from_utf8(b.column(3).as_binary::<i32>().value(i).to_vec()).unwrap(),
            ));
        }
    }
    out
}

#[tokio::test]
async fn download_file_returns_each_attached_file_with_its_bytes() {
    let (emu, _file) = fixture().await;
    let s = connect(&emu, "User=sato;Password=pw-sato").await;
    let statement = s.prepare("CALL DownloadFile(7, 1, 'Scans')").await.unwrap();
    let types: Vec<(String, SqlType)> = statement
        .columns()
        .iter()
        .map(|c| (c.name.clone(), c.sql_type))
        .collect();
    assert_eq!(types[0].0, "FileName");
    assert_eq!(
        types[3],
        (
            "Content".to_owned(),
            SqlType::LongVarBinary { length: 1 << 30 }
        )
    );
    let got = files(
        &call(&s, "CALL DownloadFile(7, 1, 'Scans')", &[])
            .await
            .unwrap(),
    );
    assert_eq!(
        got,
        vec![
            (
                "contract.txt".into(),
                "text/plain".into(),
                14,
                "signed by both".into()
            ),
            (
                "annex.csv".into(),
                "text/csv".into(),
                8,
                "a,b\n1,2\n".into()
            ),
        ]
    );
    // By label, one file by name, through the ODBC escape and markers.
    let one = call(
        &s,
        "{call DownloadFile(?, ?, 'Signed copies', ?)}",
        &[
            Param::Int(7),
            Param::Int(1),
            Param::Text("annex.csv".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(files(&one).len(), 1);
    assert_eq!(files(&one)[0].0, "annex.csv");
    // Named arguments; a FILE field inside a table gives every row's files.
    let drawings = call(
        &s,
        "CALL DownloadFile(RecordId => 1, AppId => 7, Field => 'drawing')",
        &[],
    )
    .await
    .unwrap();
    let names: Vec<String> = files(&drawings).into_iter().map(|f| f.0).collect();
    assert_eq!(names, vec!["bolt.svg", "nut.svg"]);
    assert_eq!(files(&drawings)[1].3, "<svg>nut</svg>");
    // No files: an empty result, not an error.
    let none = call(&s, "CALL DownloadFile(7, 2, 'Scans')", &[])
        .await
        .unwrap();
    assert!(files(&none).is_empty());
}

#[tokio::test]
async fn download_file_works_with_an_api_token() {
    let (emu, _file) = fixture().await;
    let s = connect(&emu, "APIToken=contractsToken;AppId=7").await;
    let got = files(
        &call(&s, "CALL DownloadFile(7, 1, 'Scans', 'contract.txt')", &[])
            .await
            .unwrap(),
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].3, "signed by both");
}

#[tokio::test]
async fn bad_calls_are_clear_errors() {
    let (emu, _file) = fixture().await;
    let s = connect(&emu, "User=sato;Password=pw-sato").await;
    let unknown = s.prepare("CALL Nope(1)").await.err().unwrap();
    assert!(
        matches!(&unknown, Error::Syntax(m) if m.contains("DownloadFile")),
        "{unknown}"
    );
    let missing = s.prepare("CALL DownloadFile(7)").await.err().unwrap();
    assert!(
        matches!(&missing, Error::Syntax(m) if m.contains("RecordId")),
        "{missing}"
    );
    let too_many = s
        .prepare("CALL DownloadFile(7, 1, 'Scans', 'a', 'b')")
        .await
        .err()
        .unwrap();
    assert!(matches!(too_many, Error::Syntax(_)));
    let expression = s
        .prepare("CALL DownloadFile(7 + 1, 1, 'Scans')")
        .await
        .err()
        .unwrap();
    assert!(matches!(expression, Error::Syntax(_)));
    let not_file = call(&s, "CALL DownloadFile(7, 1, 'Title')", &[])
        .await
        .err()
        .unwrap();
    assert!(
        matches!(not_file, Error::Parameter { index: 3, .. }),
        "{not_file}"
    );
    let negative = call(&s, "CALL DownloadFile(7, -1, 'Scans')", &[])
        .await
        .err()
        .unwrap();
    assert!(
        matches!(negative, Error::Parameter { index: 2, .. }),
        "{negative}"
    );
    let no_record = call(&s, "CALL DownloadFile(7, 99, 'Scans')", &[])
        .await
        .err()
        .unwrap();
    assert!(matches!(no_record, Error::Kintone(_)), "{no_record}");
    // The marker's type comes from the parameter it stands for.
    let typed = s.prepare("CALL DownloadFile(?, ?, ?)").await.unwrap();
    let types: Vec<SqlType> = typed.parameters().iter().map(|p| p.sql_type).collect();
    assert_eq!(types[0], SqlType::BigInt);
    assert_eq!(types[2], SqlType::WVarchar { length: 255 });
}
