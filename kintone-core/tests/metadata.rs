//! Apps, fields, number precision and process management (facts §9),
//! cached per client and refreshable.

mod common;

use common::*;
use kintone_core::schema::FieldType;
use kintone_emulator::Config;
use serde_json::json;

#[tokio::test]
async fn apps_are_listed_and_cached() {
    let emu = demo().await;
    let c = admin(&emu);
    let apps = c.apps().await.unwrap();
    let names: Vec<&str> = apps.iter().map(|a| a.name.as_str()).collect();
    // Guest-space apps are not listed through /k/v1/.
    assert_eq!(names, vec!["Customers", "Deals", "Tasks"]);
    c.apps().await.unwrap();
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/apps.json"), 1);
    c.refresh_metadata();
    c.apps().await.unwrap();
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/apps.json"), 2);
}

#[tokio::test]
async fn app_id_restricts_and_orders_the_apps() {
    let emu = demo().await;
    let c = client(&emu, "User=demo-admin;Password=demo-password;AppId=3,1,99");
    let apps = c.apps().await.unwrap();
    let ids: Vec<u64> = apps.iter().map(|a| a.app_id).collect();
    assert_eq!(ids, vec![3, 1]);
}

#[tokio::test]
async fn more_than_one_page_of_apps() {
    let apps: Vec<serde_json::Value> = (1..=230)
        .map(|i| {
            json!({"appId": i, "code": "", "name": format!("App {i}"),
                   "properties": {}, "records": []})
        })
        .collect();
    let mut store = kintone_emulator::model::Store::default();
    kintone_emulator::fixture::load_json(
        &mut store,
        &json!({"users": [{"code": "u", "name": "U", "password": "p"}], "apps": apps}),
    )
    .unwrap();
    let emu = start(Config {
        store: Some(store),
        ..Config::default()
    })
    .await;
    let c = client(&emu, "User=u;Password=p");
    let listed = c.apps().await.unwrap();
    assert_eq!(listed.len(), 230);
    assert_eq!(listed[229].app_id, 230);
    assert_eq!(emu.stats().requests_to("GET", "/k/v1/apps.json"), 3);
}

#[tokio::test]
async fn fields_settings_and_states() {
    let emu = demo().await;
    let c = admin(&emu);
    let meta = c.app_metadata(3).await.unwrap();
    assert_eq!(meta.info.name, "Tasks");
    assert!(meta.status.enable);
    assert!(meta.status.states.len() >= 2);
    assert!(meta
        .fields
        .properties
        .values()
        .any(|f| f.field_type == FieldType::Status));
    let deals = c.app_metadata(2).await.unwrap();
    assert!(deals.fields.subtables().count() >= 1 || deals.fields.properties.len() > 3);
    let _precision = deals.settings.number_precision.decimal_type();
    // Cached: a second call sends nothing.
    let before = emu.stats().total_requests;
    c.app_metadata(3).await.unwrap();
    assert_eq!(emu.stats().total_requests, before);
}

#[tokio::test]
async fn guest_space_apps_through_the_guest_path() {
    let emu = demo().await;
    let c = client(
        &emu,
        &format!("APIToken={PARTNER_TOKEN};GuestSpaceId=2;AppId=4"),
    );
    let apps = c.apps().await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].name, "Partner Contacts");
    let fields = c.app_fields(4).await.unwrap();
    assert!(!fields.properties.is_empty());
}
