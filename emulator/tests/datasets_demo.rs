//! `--dataset demo`: the CRM has what README promises: apps and counts, a
//! guest-space app, users, tokens, the OAuth client, a consistent lookup,
//! a line-item table, process management, Japanese labels and values.

use std::collections::{HashMap, HashSet};

use kintone_emulator::datasets;
use kintone_emulator::model::{App, FieldSlot, FieldType, Store, Value};

fn demo() -> Store {
    let mut store = Store::default();
    datasets::load(&mut store, "demo").expect("the demo dataset loads");
    store
}

fn top<'a>(app: &'a App, record: &'a kintone_emulator::model::Record, code: &str) -> &'a Value {
    match app.slot(code) {
        Some(FieldSlot::Top(i)) => &record.values[i],
        other => panic!("{code} is not a top-level field of {}: {other:?}", app.name),
    }
}

fn text<'a>(app: &'a App, record: &'a kintone_emulator::model::Record, code: &str) -> &'a str {
    top(app, record, code).as_text()
}

#[test]
fn demo_has_four_apps_with_the_promised_record_counts() {
    let store = demo();
    let apps: Vec<(u64, &str, usize)> = store
        .apps
        .values()
        .map(|a| (a.id, a.name.as_str(), a.records.len()))
        .collect();
    assert_eq!(
        apps,
        vec![
            (1, "Customers", 25),
            (2, "Deals", 60),
            (3, "Tasks", 30),
            (4, "Partner Contacts", 8)
        ]
    );
}

#[test]
fn partner_contacts_live_in_a_guest_space_with_an_app_code() {
    let store = demo();
    let app = store.app(4).unwrap();
    assert_eq!(app.code, "PARTNER");
    assert_eq!(store.guest_space_of(app), Some(2));
    assert!(store.space(2).unwrap().is_guest);
    for app_id in [1, 2, 3] {
        assert_eq!(store.guest_space_of(store.app(app_id).unwrap()), None);
    }
    for (id, record) in &app.records {
        assert_eq!(text(app, record, "Record_number"), format!("PARTNER-{id}"));
    }
}

#[test]
fn users_tokens_and_the_oauth_client_are_there() {
    let store = demo();
    for (code, password) in [
        ("demo-admin", "demo-password"),
        ("sato", "sato-password"),
        ("tanaka", "tanaka-password"),
        ("suzuki", "suzuki-password"),
        ("j.smith", "smith-password"),
    ] {
        assert_eq!(store.user(code).unwrap().password, password, "{code}");
    }
    let tokens = |app: u64| -> Vec<(String, [bool; 4])> {
        store
            .app(app)
            .unwrap()
            .api_tokens
            .iter()
            .map(|t| {
                (
                    t.token.clone(),
                    [t.view_record, t.add_record, t.edit_record, t.delete_record],
                )
            })
            .collect()
    };
    assert_eq!(
        tokens(1),
        vec![
            (
                "DemoCustomersReadOnlyToken00000000000RO".to_string(),
                [true, false, false, false]
            ),
            (
                "DemoCustomersReadWriteToken0000000000RW".to_string(),
                [true; 4]
            ),
        ]
    );
    assert_eq!(
        tokens(2),
        vec![(
            "DemoDealsToken000000000000000000000000RW".to_string(),
            [true; 4]
        )]
    );
    assert_eq!(
        tokens(3),
        vec![(
            "DemoTasksToken000000000000000000000000RW".to_string(),
            [true; 4]
        )]
    );
    assert_eq!(tokens(4).len(), 1);
    let client = &store.oauth_clients[0];
    assert_eq!(client.client_id, "demo-client");
    assert_eq!(client.client_secret, "demo-secret");
    assert_eq!(client.redirect_uris, vec!["http://localhost:33333"]);
    assert_eq!(client.user, "demo-admin");
}

#[test]
fn deals_look_up_customers_and_copy_consistent_values() {
    let store = demo();
    let customers = store.app(1).unwrap();
    let deals = store.app(2).unwrap();
    let lookup = &deals.field("customer").unwrap().raw["lookup"];
    assert_eq!(lookup["relatedApp"]["app"], "1");
    assert_eq!(lookup["relatedKeyField"], "company_name");
    assert!(customers.field("company_name").unwrap().unique);
    let by_name: HashMap<&str, _> = customers
        .records
        .values()
        .map(|r| (text(customers, r, "company_name"), r))
        .collect();
    let mut used = HashSet::new();
    for deal in deals.records.values() {
        let name = text(deals, deal, "customer");
        let customer = by_name
            .get(name)
            .unwrap_or_else(|| panic!("deal customer {name} exists"));
        used.insert(name);
        assert_eq!(
            text(deals, deal, "customer_country"),
            text(customers, customer, "country")
        );
        assert_eq!(
            text(deals, deal, "customer_industry"),
            text(customers, customer, "industry")
        );
    }
    assert!(used.len() > 10, "deals spread over many customers");
}

#[test]
fn deal_line_items_have_subtotals_and_vary_in_number() {
    let store = demo();
    let deals = store.app(2).unwrap();
    let table = deals.field("line_items").unwrap();
    let sub: Vec<&str> = table.subfields.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(sub, ["product", "quantity", "unit_price", "subtotal"]);
    assert_eq!(table.subfields[3].kind, FieldType::Calc);
    let mut sizes = HashSet::new();
    for deal in deals.records.values() {
        let Value::Table(rows) = top(deals, deal, "line_items") else {
            panic!("line_items is a table");
        };
        sizes.insert(rows.len());
        let mut sum = 0i64;
        for row in rows {
            let n = |i: usize| row.values[i].as_text().parse::<i64>().unwrap();
            assert_eq!(n(3), n(1) * n(2), "subtotal = quantity * unit_price");
            sum += n(3);
        }
        if !rows.is_empty() {
            assert_eq!(text(deals, deal, "amount"), sum.to_string());
        }
    }
    assert!(sizes.contains(&0) && sizes.len() >= 4, "{sizes:?}");
}

#[test]
fn tasks_use_process_management() {
    let store = demo();
    let tasks = store.app(3).unwrap();
    assert_eq!(tasks.code, "TASK");
    assert_eq!(tasks.status["enable"], true);
    let states: Vec<&String> = tasks.status["states"].as_object().unwrap().keys().collect();
    assert_eq!(states, ["Not started", "In progress", "Done"]);
    let actions = tasks.status["actions"].as_array().unwrap();
    assert!(actions.len() >= 2);
    assert_eq!(tasks.field("Status").unwrap().raw["enabled"], true);
    let mut seen = HashSet::new();
    for record in tasks.records.values() {
        let state = text(tasks, record, "Status");
        seen.insert(state.to_string());
        let Value::Entities(assignees) = top(tasks, record, "Assignee") else {
            panic!("Assignee is a user list");
        };
        assert_eq!(assignees.is_empty(), state == "Done", "{state}");
    }
    assert_eq!(seen.len(), 3, "every state occurs: {seen:?}");
    // Process management is off in the other apps.
    assert_eq!(store.app(1).unwrap().status["enable"], false);
}

#[test]
fn labels_and_values_include_japanese_and_blanks() {
    let store = demo();
    let customers = store.app(1).unwrap();
    let deals = store.app(2).unwrap();
    assert_eq!(customers.field("company_name").unwrap().label, "顧客名");
    assert_eq!(deals.field("amount").unwrap().label, "金額");
    let japanese = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    let names: Vec<&str> = customers
        .records
        .values()
        .map(|r| text(customers, r, "company_name"))
        .collect();
    assert!(names.iter().filter(|n| japanese(n)).count() >= 5);
    for code in ["employees", "annual_revenue", "website", "since", "notes"] {
        assert!(
            customers
                .records
                .values()
                .any(|r| top(customers, r, code).is_blank()),
            "some customer has no {code}"
        );
    }
    let kinds: HashSet<FieldType> = deals.fields.iter().map(|f| f.kind).collect();
    for kind in [
        FieldType::DropDown,
        FieldType::Number,
        FieldType::Date,
        FieldType::DateTime,
        FieldType::CheckBox,
        FieldType::Subtable,
        FieldType::UserSelect,
    ] {
        assert!(kinds.contains(&kind), "deals have a {kind:?} field");
    }
}

#[test]
fn demo_is_the_same_on_every_load_with_fixed_dates() {
    let (a, b) = (demo(), demo());
    for (x, y) in a.apps.values().zip(b.apps.values()) {
        assert!(x.records.values().eq(y.records.values()), "{}", x.name);
    }
    for app in a.apps.values() {
        for record in app.records.values() {
            for code in ["Created_datetime", "Updated_datetime"] {
                let at = text(app, record, code);
                assert!(("2024".."2026").contains(&at), "{} {code} {at}", app.name);
            }
        }
    }
}

#[test]
fn demo_and_bench_load_together() {
    let mut store = demo();
    datasets::load(&mut store, "bench:10").expect("bench after demo");
    assert_eq!(store.apps.len(), 5);
    // Shared users are not duplicated; the demo's own names win.
    assert_eq!(store.users.iter().filter(|u| u.code == "sato").count(), 1);
    assert_eq!(store.user("sato").unwrap().password, "sato-password");
    assert!(datasets::load(&mut store, "demo").is_err(), "demo twice");
}

#[test]
fn demo_calc_values_agree_with_the_write_engine() {
    let store = demo();
    for app in store.apps.values() {
        for record in app.records.values() {
            let mut values = record.values.clone();
            kintone_emulator::write::calc::recompute(app, &mut values, &|_, _| false);
            assert_eq!(values, record.values, "{} record {}", app.name, record.id);
        }
    }
}
