//! `{call DownloadFile(...)}` through the driver manager: prepared with
//! markers, described before execution, the file's bytes read with
//! SQLGetData (in pieces, larger than one buffer).

use odbc_api::{Cursor, IntoParameter};
use odbc_api_tests::emulator::{scratch_dir, Private};
use odbc_api_tests::odbc::{column_names, connect, driver_string};
use odbc_api_tests::{DEMO_PASSWORD, DEMO_USER};

/// An app with a FILE field holding a text file and a 100 KB binary file.
fn emulator_with_files(big: &[u8]) -> Private {
    let big_text: String = big.iter().map(|b| char::from(*b)).collect();
    let fixture = serde_json::json!({"apps": [{
        "appId": 7, "code": "", "name": "Contracts", "spaceId": null, "threadId": null,
        "properties": {
            "Title": {"type": "SINGLE_LINE_TEXT", "code": "Title", "label": "Title"},
            "Scans": {"type": "FILE", "code": "Scans", "label": "Signed copies"}
        },
        "records": [{"Title": {"value": "with files"}, "Scans": {"value": [
            {"name": "contract.txt", "contentType": "text/plain", "content": "signed by both"},
            {"name": "scan.bin", "contentType": "application/octet-stream", "content": big_text}
        ]}}]
    }]});
    let path = scratch_dir("procedures").join("contracts.json");
    std::fs::write(&path, serde_json::to_vec(&fixture).unwrap()).unwrap();
    Private::start(kintone_emulator::Config {
        fixtures: vec![path],
        ..Default::default()
    })
}

#[test]
fn download_file_returns_the_bytes_through_sqlgetdata() {
    // ASCII bytes: the fixture's `content` is text.
    let big: Vec<u8> = (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let emu = emulator_with_files(&big);
    let conn = connect(&driver_string(
        &emu.url,
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD}"),
    ))
    .expect("connects");
    let mut prepared = conn.prepare("{call DownloadFile(?, ?, ?)}").unwrap();
    assert_eq!(prepared.num_params().unwrap(), 3);
    assert_eq!(
        column_names(&mut prepared),
        vec!["FileName", "ContentType", "Size", "Content"]
    );
    let mut cursor = prepared
        .execute((&7i64, &1i64, &"Scans".into_parameter()))
        .unwrap()
        .expect("a result set");
    let mut files = Vec::new();
    while let Some(mut row) = cursor.next_row().unwrap() {
        let mut name = Vec::new();
        row.get_text(1, &mut name).unwrap();
        let mut content = Vec::new();
        row.get_binary(4, &mut content).unwrap();
        files.push((String::from_utf8(name).unwrap(), content));
    }
    assert_eq!(files.len(), 2);
    assert_eq!(
        files[0],
        ("contract.txt".to_owned(), b"signed by both".to_vec())
    );
    assert_eq!(files[1].0, "scan.bin");
    assert_eq!(files[1].1, big);
}
