//! The Kintone requests behind queries, as the client makes them (its
//! TRACE events carry each call's parameters): projection as `fields[]`,
//! filters in the query string, and the same text in EXPLAIN.

use std::io::Write;
use std::sync::{Arc, Mutex};

use kintone_core::Properties;
use kintone_emulator::{Config, Emulator};
use serde_json::Value as Json;
use sql::Session;

mod common;
use common::*;

/// Collects what the fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// The parameters of every records.json call logged so far, then forgets them.
    fn record_calls(&self) -> Vec<Json> {
        let text = String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap();
        text.lines()
            .filter(|l| l.contains("Kintone call method=GET api=\"records\""))
            .filter_map(|l| {
                let start = l.find("params=")? + "params=".len();
                let rest = &l[start..];
                let mut de = serde_json::Deserializer::from_str(rest).into_iter::<Json>();
                de.next()?.ok()
            })
            .collect()
    }
}

async fn run(session: &Session, sql: &str) -> Vec<String> {
    plan_lines(&rows(session, sql, &[]).await)
}

#[tokio::test]
async fn projection_and_filters_are_in_the_request() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Current-thread runtime: every task of this test logs here.
    let _guard = tracing::subscriber::set_default(subscriber);
    let emu = Emulator::start(Config {
        datasets: vec!["demo".into()],
        ..Config::default()
    })
    .await
    .unwrap();
    let props = Properties::parse(&format!(
        "Url={};User=demo-admin;Password=demo-password;UseCodeForFieldName=true",
        emu.base_url()
    ))
    .unwrap();
    let s = Session::connect(&props).await.unwrap();
    s.tables().await.unwrap();
    captured.record_calls();

    run(
        &s,
        "SELECT title, amount FROM Deals WHERE amount >= 1000000",
    )
    .await;
    let calls = captured.record_calls();
    assert!(!calls.is_empty(), "records were read");
    for call in &calls {
        let mut fields: Vec<&str> = call["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("fields[] in {call}"))
            .iter()
            .filter_map(Json::as_str)
            .collect();
        fields.sort();
        assert_eq!(fields, ["$id", "amount", "title"], "{call}");
        let query = call["query"].as_str().unwrap_or_default();
        assert!(query.contains("amount >= 1000000"), "{query}");
    }

    let plan = run(
        &s,
        "EXPLAIN SELECT title, amount FROM Deals WHERE amount >= 1000000",
    )
    .await
    .join("\n");
    assert!(
        plan.contains("KintoneScan: app=2 query='(amount >= 1000000)' fields=[$id, title, amount]"),
        "{plan}"
    );
    assert!(plan.contains("paging="), "{plan}");
    assert!(captured.record_calls().is_empty(), "EXPLAIN reads nothing");
}
