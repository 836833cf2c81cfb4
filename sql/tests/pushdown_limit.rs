//! ORDER BY + LIMIT on 20,000 records is one request for the rows needed
//! (the `kintone_sort_limit_into_scan` rule), counted by the emulator.

use kintone_core::Properties;
use kintone_emulator::{Config, Emulator};
use sql::Session;

mod common;
use common::*;

async fn run(session: &Session, sql: &str) -> usize {
    count(&rows(session, sql, &[]).await)
}

#[tokio::test]
async fn order_by_limit_on_20000_records_is_one_request_for_10() {
    let emu = Emulator::start(Config {
        datasets: vec!["bench:20000".into()],
        ..Config::default()
    })
    .await
    .unwrap();
    let props = Properties::parse(&format!(
        "Url={};User=bench-admin;Password=bench-password;UseCodeForFieldName=true",
        emu.base_url()
    ))
    .unwrap();
    let session = Session::connect(&props).await.unwrap();
    let table = session
        .tables()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.app_id == Some(1000) && t.parent_table.is_none())
        .expect("the bench app")
        .name;
    for (sql, expected_rows) in [
        (format!("SELECT RecordId, amount FROM \"{table}\" ORDER BY amount LIMIT 10"), 10),
        (format!("SELECT amount FROM \"{table}\" WHERE amount >= 100 ORDER BY amount DESC, RecordId LIMIT 10 OFFSET 5"), 15),
    ] {
        let before = emu.stats();
        assert_eq!(run(&session, &sql).await, 10, "{sql}");
        let after = emu.stats();
        let reads = after.requests_to("GET", "/k/v1/records.json")
            - before.requests_to("GET", "/k/v1/records.json")
            + after.requests_to("POST", "/k/v1/records/cursor.json")
            - before.requests_to("POST", "/k/v1/records/cursor.json");
        assert_eq!(reads, 1, "{sql}");
        assert_eq!(after.records_returned - before.records_returned, expected_rows, "{sql}");
    }
    // A text key is sorted locally: the whole app is read.
    let before = emu.stats();
    run(
        &session,
        &format!("SELECT RecordId FROM \"{table}\" ORDER BY title LIMIT 10"),
    )
    .await;
    assert!(emu.stats().records_returned - before.records_returned >= 20_000);
}
