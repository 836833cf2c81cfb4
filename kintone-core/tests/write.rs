//! Writes (facts §7): batches of 100, updates by id and updateKey with
//! revisions, upsert, delete, bulkRequest all-or-nothing, status,
//! assignees, comments, files.

mod common;

use bytes::Bytes;
use common::*;
use kintone_core::write::{BulkOp, RecordKey, RecordUpdate, StatusChange};
use kintone_core::{Client, ErrorCategory};
use serde_json::{json, Value as Json};

fn company(name: &str) -> Json {
    json!({"company_name": {"value": name}, "employees": {"value": "10"}})
}

async fn customer_count(c: &Client) -> u64 {
    c.count(1, None).await.unwrap()
}

async fn employees(c: &Client, id: u64) -> (String, u64) {
    let v: Json = c
        .get_json("record", &json!({"app": 1, "id": id}), &[1])
        .await
        .unwrap();
    (
        v["record"]["employees"]["value"]
            .as_str()
            .unwrap()
            .to_owned(),
        v["record"]["$revision"]["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap(),
    )
}

#[tokio::test]
async fn add_update_upsert_delete_in_batches_of_100() {
    let emu = demo().await;
    let c = admin(&emu);
    let records: Vec<Json> = (0..250)
        .map(|i| company(&format!("Batch Co {i}")))
        .collect();
    let written = c.add_records(1, &records).await.unwrap();
    assert_eq!(written.len(), 250);
    assert!(written.iter().all(|w| w.revision == 1));
    assert_eq!(emu.stats().requests_to("POST", "/k/v1/records.json"), 3);
    assert_eq!(customer_count(&c).await, 275);

    // By id, with the right revision; then a stale one conflicts.
    let first = written[0];
    let update = RecordUpdate {
        key: RecordKey::Id(first.id),
        revision: Some(first.revision),
        record: json!({"employees": {"value": "11"}}),
    };
    let done = c
        .update_records(1, std::slice::from_ref(&update), false)
        .await
        .unwrap();
    assert_eq!(done[0].revision, 2);
    assert_eq!(employees(&c, first.id).await, ("11".to_owned(), 2));
    let err = c.update_records(1, &[update], false).await.unwrap_err();
    assert!(err.is_revision_conflict());
    assert_eq!(err.category(), ErrorCategory::Conflict);

    // By updateKey, and upsert adding what is missing.
    let by_key = |name: &str, n: &str| RecordUpdate {
        key: RecordKey::UpdateKey {
            field: "company_name".into(),
            value: name.into(),
        },
        revision: None,
        record: json!({"employees": {"value": n}}),
    };
    let done = c
        .update_records(
            1,
            &[by_key("Batch Co 1", "12"), by_key("Brand New KK", "3")],
            true,
        )
        .await
        .unwrap();
    assert_eq!(done[0].operation.as_deref(), Some("UPDATE"));
    assert_eq!(done[1].operation.as_deref(), Some("INSERT"));
    assert_eq!(employees(&c, written[1].id).await.0, "12");
    assert_eq!(customer_count(&c).await, 276);

    // Delete 250 in three requests; a stale revision refuses its batch.
    let ids: Vec<u64> = written.iter().map(|w| w.id).collect();
    let err = c
        .delete_records(1, &ids[..2], Some(&[1, 1]))
        .await
        .unwrap_err();
    assert!(err.is_revision_conflict(), "{err:?}");
    c.delete_records(1, &ids, None).await.unwrap();
    assert_eq!(customer_count(&c).await, 26);
}

#[tokio::test]
async fn a_failing_batch_reports_what_was_written() {
    let emu = demo().await;
    let c = admin(&emu);
    let mut records: Vec<Json> = (0..150).map(|i| company(&format!("Part Co {i}"))).collect();
    // A duplicate of a unique value in the second batch.
    records[120] = company("Part Co 0");
    let err = c.add_records(1, &records).await.unwrap_err();
    match &err {
        kintone_core::Error::Partial { committed, error } => {
            assert_eq!(*committed, 100);
            assert_eq!(error.http_status(), Some(400));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(customer_count(&c).await, 125);
}

#[tokio::test]
async fn bulk_request_is_all_or_nothing() {
    let emu = demo().await;
    let c = admin(&emu);
    let records: Vec<Json> = (0..150).map(|i| company(&format!("Bulk Co {i}"))).collect();
    let results = c
        .bulk(&[
            BulkOp::Add {
                app: 1,
                records: records.clone(),
            },
            BulkOp::Update {
                app: 1,
                updates: vec![RecordUpdate {
                    key: RecordKey::Id(1),
                    revision: None,
                    record: json!({"employees": {"value": "77"}}),
                }],
                upsert: false,
            },
        ])
        .await
        .unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(customer_count(&c).await, 175);
    assert_eq!(employees(&c, 1).await.0, "77");

    // One bad item: nothing is written.
    let err = c
        .bulk(&[
            BulkOp::Add {
                app: 1,
                records: vec![company("Bulk Fail KK")],
            },
            BulkOp::Delete {
                app: 1,
                ids: vec![999_999],
            },
        ])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("item 1"), "{err}");
    assert!(err.kintone_code().is_some(), "{err:?}");
    assert_eq!(customer_count(&c).await, 175);

    // More than 20 requests cannot be one transaction.
    let many: Vec<Json> = (0..2001)
        .map(|i| company(&format!("Too Many {i}")))
        .collect();
    let err = c
        .bulk(&[BulkOp::Add {
            app: 1,
            records: many,
        }])
        .await
        .unwrap_err();
    assert!(matches!(err, kintone_core::Error::Unsupported { .. }));
    assert_eq!(emu.stats().requests_to("POST", "/k/v1/bulkRequest.json"), 2);
}

#[tokio::test]
async fn status_assignees_and_comments() {
    let emu = demo().await;
    let c = admin(&emu);
    let added = c
        .add_records(3, &[json!({"task_name": {"value": "Write tests"}})])
        .await
        .unwrap();
    let id = added[0].id;
    let revision = c
        .set_status(
            3,
            &StatusChange {
                id,
                action: "Start".into(),
                assignee: Some("sato".into()),
                revision: Some(added[0].revision),
            },
        )
        .await
        .unwrap();
    assert_eq!(revision, added[0].revision + 2);
    let revision = c
        .set_assignees(3, id, &["tanaka"], Some(revision))
        .await
        .unwrap();
    let record: Json = c
        .get_json("record", &json!({"app": 3, "id": id}), &[3])
        .await
        .unwrap();
    assert_eq!(record["record"]["Status"]["value"], "In progress");
    assert_eq!(record["record"]["Assignee"]["value"][0]["code"], "tanaka");
    let done = c
        .set_statuses(
            3,
            &[StatusChange {
                id,
                action: "Complete".into(),
                assignee: None,
                revision: Some(revision),
            }],
        )
        .await
        .unwrap();
    assert_eq!(done[0].id, id);

    let first = c.add_comment(3, id, "first", &[]).await.unwrap();
    let second = c
        .add_comment(3, id, "second", &[json!({"code": "sato", "type": "USER"})])
        .await
        .unwrap();
    for i in 0..10 {
        c.add_comment(3, id, &format!("more {i}"), &[])
            .await
            .unwrap();
    }
    let comments = c.comments(3, id).await.unwrap();
    assert_eq!(comments.len(), 12);
    assert_eq!(comments.last().unwrap().id, first);
    c.delete_comment(3, id, second).await.unwrap();
    assert_eq!(c.comments(3, id).await.unwrap().len(), 11);
}

#[tokio::test]
async fn files_upload_and_download() {
    let emu = demo().await;
    let c = admin(&emu);
    let content = Bytes::from((0..70_000u32).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    let key = c
        .upload_file("data.bin", "application/octet-stream", content.clone())
        .await
        .unwrap();
    assert!(!key.is_empty());
    // Attach it to a record, read the record's file key, download.
    let deals: Json = c
        .get_json("app/form/fields", &json!({"app": 2}), &[2])
        .await
        .unwrap();
    let file_field = deals["properties"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, f)| f["type"] == "FILE")
        .map(|(code, _)| code.clone());
    let downloaded = match file_field {
        Some(code) => {
            let mut record = json!({});
            record[&code] = json!({"value": [{"fileKey": key}]});
            let id = c.add_records(2, &[record]).await.unwrap()[0].id;
            let v: Json = c
                .get_json("record", &json!({"app": 2, "id": id}), &[2])
                .await
                .unwrap();
            let stored_key = v["record"][&code]["value"][0]["fileKey"]
                .as_str()
                .unwrap()
                .to_owned();
            c.download_file(&stored_key).await.unwrap()
        }
        None => c.download_file(&key).await.unwrap(),
    };
    assert_eq!(downloaded, content);
    // An upload is never repeated.
    inject(
        &emu,
        json!({"pathPattern": "/k/v1/file.json", "status": 503, "body": "busy"}),
    )
    .await;
    let before = emu.stats().requests_to("POST", "/k/v1/file.json");
    assert!(c
        .upload_file("x.txt", "text/plain", Bytes::from_static(b"x"))
        .await
        .is_err());
    assert_eq!(
        emu.stats().requests_to("POST", "/k/v1/file.json"),
        before + 1
    );
}
