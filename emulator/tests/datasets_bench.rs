//! `--dataset bench:N[:SEED]`: deterministic, N honoured, every queryable
//! scalar type, realistic blanks and value shapes, 0-5 table rows.

use std::collections::HashSet;

use kintone_emulator::datasets::{self, bench};
use kintone_emulator::model::{App, FieldSlot, FieldType, Store, Value};

fn load(spec: &str) -> Store {
    let mut store = Store::default();
    datasets::load(&mut store, spec).expect("the bench dataset loads");
    store
}

fn bench_app(store: &Store) -> &App {
    store.app(bench::APP_ID).expect("the bench app exists")
}

/// The values of one top-level field over all records, in id order.
fn column<'a>(app: &'a App, code: &str) -> Vec<&'a Value> {
    let Some(FieldSlot::Top(i)) = app.slot(code) else {
        panic!("no top-level field {code}");
    };
    app.records.values().map(|r| &r.values[i]).collect()
}

fn texts<'a>(app: &'a App, code: &str) -> Vec<&'a str> {
    column(app, code).into_iter().map(Value::as_text).collect()
}

#[test]
fn same_seed_gives_the_same_records() {
    let a = load("bench:300:7");
    let b = load("bench:300:7");
    let (a, b) = (bench_app(&a), bench_app(&b));
    assert_eq!(a.records.len(), 300);
    assert!(a.records.values().eq(b.records.values()));
}

#[test]
fn different_seeds_give_different_records() {
    let a = load("bench:300:7");
    let b = load("bench:300:8");
    let (a, b) = (bench_app(&a), bench_app(&b));
    let same = a
        .records
        .values()
        .zip(b.records.values())
        .filter(|(x, y)| x == y)
        .count();
    assert_eq!(same, 0, "every record differs between seeds 7 and 8");
}

#[test]
fn seed_defaults_to_one() {
    let a = load("bench:50");
    let b = load("bench:50:1");
    assert!(bench_app(&a)
        .records
        .values()
        .eq(bench_app(&b).records.values()));
}

#[test]
fn record_count_and_ids_follow_n() {
    for n in [0u64, 1, 1234] {
        let store = load(&format!("bench:{n}"));
        let app = bench_app(&store);
        assert_eq!(app.records.len() as u64, n);
        assert_eq!(app.next_record_id, n + 1);
        assert!(app.records.keys().copied().eq(1..=n));
        assert!(app
            .records
            .iter()
            .all(|(id, r)| r.id == *id && r.revision >= 1));
        let numbers = texts(app, "Record_number");
        assert!(numbers.iter().zip(1..).all(|(s, id)| *s == id.to_string()));
    }
}

#[test]
fn form_has_every_queryable_scalar_type_system_fields_and_a_table() {
    let store = load("bench:1");
    let app = bench_app(&store);
    let kinds: HashSet<FieldType> = app.fields.iter().map(|f| f.kind).collect();
    use FieldType::*;
    for kind in [
        SingleLineText,
        MultiLineText,
        Number,
        Calc,
        Date,
        Time,
        DateTime,
        DropDown,
        RadioButton,
        CheckBox,
        MultiSelect,
        UserSelect,
        Link,
        RecordNumber,
        Creator,
        CreatedTime,
        Modifier,
        UpdatedTime,
        Subtable,
    ] {
        assert!(kinds.contains(&kind), "missing {kind:?}");
    }
    let texts = app
        .fields
        .iter()
        .filter(|f| f.kind == SingleLineText)
        .count();
    assert!(texts >= 3, "several SINGLE_LINE_TEXT fields");
    let user_fields = app.fields.iter().filter(|f| !f.kind.is_system()).count();
    assert!(
        (22..=30).contains(&user_fields),
        "about 25 fields: {user_fields}"
    );
    let table = app.field("items").unwrap();
    assert!((2..=3).contains(&table.subfields.len()));
    assert!(app.field("amount").unwrap().label == "金額");
}

#[test]
fn nullable_fields_are_blank_about_one_time_in_ten() {
    let store = load("bench:3000:3");
    let app = bench_app(&store);
    for code in [
        "customer",
        "contact_name",
        "city",
        "sku",
        "notes",
        "amount",
        "quantity",
        "weight",
        "score",
        "order_date",
        "start_time",
        "shipped_at",
        "priority",
        "category",
        "owner",
        "website",
        "phone",
    ] {
        let values = column(app, code);
        let blank = values.iter().filter(|v| v.is_blank()).count();
        let share = blank as f64 / values.len() as f64;
        assert!(
            (0.06..=0.16).contains(&share),
            "{code}: {blank} blanks of {}",
            values.len()
        );
    }
    // Never blank: required, unique and radio fields.
    for code in ["title", "external_id", "channel"] {
        assert!(column(app, code).iter().all(|v| !v.is_blank()), "{code}");
    }
}

#[test]
fn table_rows_number_zero_to_five_with_unique_row_ids() {
    let store = load("bench:2000:5");
    let app = bench_app(&store);
    let mut counts = [0usize; 6];
    let mut row_ids = HashSet::new();
    for value in column(app, "items") {
        let Value::Table(rows) = value else {
            panic!("items is a table")
        };
        assert!(rows.len() <= 5);
        counts[rows.len()] += 1;
        for row in rows {
            assert_eq!(row.values.len(), 3);
            assert!(row_ids.insert(row.id), "row id {} repeats", row.id);
        }
    }
    assert!(
        counts.iter().all(|&c| c > 0),
        "every count 0..=5 occurs: {counts:?}"
    );
    assert!(store.next_row_id >= row_ids.iter().copied().max().unwrap());
}

#[test]
fn values_have_kintone_read_shapes() {
    let store = load("bench:1500:11");
    let app = bench_app(&store);
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    for s in texts(app, "order_date")
        .into_iter()
        .filter(|s| !s.is_empty())
    {
        assert!(s.len() == 10 && &s[4..5] == "-" && &s[7..8] == "-", "{s}");
    }
    for s in texts(app, "start_time")
        .into_iter()
        .filter(|s| !s.is_empty())
    {
        assert!(s.len() == 5 && &s[2..3] == ":" && digits(&s[..2]), "{s}");
    }
    for code in ["shipped_at", "Created_datetime", "Updated_datetime"] {
        for s in texts(app, code).into_iter().filter(|s| !s.is_empty()) {
            assert!(
                s.len() == 20 && s.ends_with(":00Z") && &s[10..11] == "T",
                "{code} {s}"
            );
        }
    }
    for (code, places) in [("amount", 2), ("weight", 3), ("quantity", 0)] {
        for s in texts(app, code).into_iter().filter(|s| !s.is_empty()) {
            let unsigned = s.strip_prefix('-').unwrap_or(s);
            match unsigned.split_once('.') {
                Some((int, frac)) => {
                    assert!(
                        digits(int) && digits(frac) && frac.len() == places,
                        "{code} {s}"
                    )
                }
                None => assert!(places == 0 && digits(unsigned), "{code} {s}"),
            }
        }
    }
    for (code, field) in [
        ("priority", "priority"),
        ("category", "category"),
        ("channel", "channel"),
    ] {
        let options = &app.field(field).unwrap().options;
        for s in texts(app, code).into_iter().filter(|s| !s.is_empty()) {
            assert!(options.iter().any(|o| o == s), "{code} {s}");
        }
    }
    for code in ["flags", "teams"] {
        let options = &app.field(code).unwrap().options;
        for v in column(app, code) {
            let Value::List(items) = v else {
                panic!("{code} is a list")
            };
            assert!(
                items.iter().all(|i| options.contains(i)),
                "{code} {items:?}"
            );
        }
    }
    for v in column(app, "owner") {
        let Value::Entities(users) = v else {
            panic!("owner is a user list")
        };
        for u in users {
            let user = store.user(&u.code).expect("owners are users");
            assert_eq!(user.name, u.name);
        }
    }
    for v in column(app, "Created_by") {
        let Value::Entity(u) = v else {
            panic!("creator is an entity")
        };
        assert!(store.user(&u.code).is_some());
    }
}

#[test]
fn calc_total_is_amount_times_quantity() {
    let store = load("bench:500:2");
    let app = bench_app(&store);
    let amounts = texts(app, "amount");
    let quantities = texts(app, "quantity");
    let totals = texts(app, "total");
    let mut checked = 0;
    for ((a, q), t) in amounts.iter().zip(&quantities).zip(&totals) {
        if a.is_empty() || q.is_empty() {
            assert_eq!(*t, "0", "a blank operand counts as 0");
            continue;
        }
        let cents: i64 = a.replace('.', "").parse().unwrap();
        let expected = cents * q.parse::<i64>().unwrap();
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let got: i64 = format!("{int}{frac:0<2}").parse().unwrap();
        assert_eq!(got, expected, "{a} * {q} = {t}");
        checked += 1;
    }
    assert!(checked > 300);
}

#[test]
fn calc_values_agree_with_the_write_engine() {
    let store = load("bench:400:9");
    let app = bench_app(&store);
    for record in app.records.values() {
        let mut values = record.values.clone();
        kintone_emulator::write::calc::recompute(app, &mut values, &|_, _| false);
        assert_eq!(values, record.values, "record {}", record.id);
    }
}

#[test]
fn texts_repeat_and_mix_languages() {
    let store = load("bench:1000:4");
    let app = bench_app(&store);
    let titles = texts(app, "title");
    let distinct: HashSet<&str> = titles.iter().copied().collect();
    assert!(distinct.len() < titles.len(), "some titles repeat");
    let ids: HashSet<&str> = texts(app, "external_id").into_iter().collect();
    assert_eq!(ids.len(), 1000, "external_id is unique");
    assert!(app.field("external_id").unwrap().unique);
    let japanese = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    assert!(titles.iter().filter(|s| japanese(s)).count() > 50);
    assert!(texts(app, "customer").iter().any(|s| japanese(s)));
    assert!(texts(app, "notes").iter().any(|s| s.contains('\n')));
}

#[test]
fn bench_has_a_user_and_a_token_to_sign_in_with() {
    let store = load("bench:3");
    let admin = store.user(bench::ADMIN.0).expect("bench admin");
    assert_eq!(admin.password, bench::ADMIN.1);
    let app = bench_app(&store);
    let token = app
        .api_tokens
        .iter()
        .find(|t| t.token == bench::API_TOKEN)
        .expect("bench token");
    assert!(token.view_record && token.add_record && token.edit_record && token.delete_record);
    assert_eq!(app.name, "Bench");
}

#[test]
fn bench_twice_and_unknown_datasets_are_refused() {
    let mut store = load("bench:2");
    let err = datasets::load(&mut store, "bench:2").unwrap_err();
    assert!(err.contains("1000"), "{err}");
    for bad in ["bench:", "bench:x", "bench:1:2:3", "nothing", "BENCH:1"] {
        assert!(datasets::load(&mut Store::default(), bad).is_err(), "{bad}");
    }
}
