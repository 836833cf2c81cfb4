//! 100,000 records: results stay right at scale. The elapsed times are
//! printed (`--nocapture`), not asserted: this is a benchmark, not a timed test.

use std::time::Instant;

use super::*;

const N: u64 = 100_000;

fn big_store() -> Store {
    let props = json!({
        "Title": {"type": "SINGLE_LINE_TEXT"},
        "Amount": {"type": "NUMBER"},
        "Day": {"type": "DATE"},
        "When": {"type": "DATETIME"},
        "Drop": {"type": "DROP_DOWN", "options": {
            "Low": {"label": "Low", "index": "0"},
            "High": {"label": "High", "index": "1"},
        }},
    });
    let fields = props
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, raw)| FieldDef::from_json(code, raw).unwrap())
        .collect();
    let mut app = App::new(1, "Big", fields);
    for id in 1..=N {
        // Every tenth amount is blank.
        let amount = if id % 10 == 0 {
            String::new()
        } else {
            format!("{}.{}", id % 1000, id % 7)
        };
        let day = format!("2026-{:02}-{:02}", id % 12 + 1, id % 25 + 1);
        let when = format!(
            "2026-03-{:02}T{:02}:{:02}:00Z",
            id % 28 + 1,
            id % 24,
            id % 60
        );
        let drop = if id % 3 == 0 { "High" } else { "Low" };
        let values = vec![
            Value::Text(format!("item {} word{}", id, id % 100)),
            Value::Text(amount),
            Value::Text(day),
            Value::Text(when),
            Value::Text(drop.into()),
        ];
        app.records.insert(
            id,
            Record {
                id,
                revision: 1,
                values,
            },
        );
    }
    let mut store = Store::default();
    store.apps.insert(1, app);
    store
}

fn timed(store: &Store, query: &str, usage: QueryUse) -> (Vec<u64>, usize) {
    let ctx = Context {
        store,
        app: store.app(1).unwrap(),
        login_user: None,
        now: now(),
        time_zone: chrono_tz::Asia::Tokyo,
    };
    let started = Instant::now();
    let result = run(&ctx, query, usage).unwrap();
    let elapsed = started.elapsed();
    println!("{elapsed:>10.2?}  {} matches  {query}", result.total_count);
    (
        result.records.iter().map(|r| r.id).collect(),
        result.total_count,
    )
}

#[test]
fn a_full_scan_of_100k_records_gives_exact_counts_and_order() {
    let store = big_store();
    // Amount < 500 holds for blanks (every tenth) and for id % 1000 < 500.
    let expected = (1..=N).filter(|id| id % 10 == 0 || id % 1000 < 500).count();
    let (page, total) = timed(&store, "Amount < 500", QueryUse::Records);
    assert_eq!(total, expected);
    assert_eq!(page.len(), 100);
    // The newest record first: its amount is blank.
    assert_eq!(page[0], N);

    let (_, total) = timed(
        &store,
        "Drop in (\"Low\") and Day = \"2026-03-02\"",
        QueryUse::Records,
    );
    let expected = (1..=N)
        .filter(|id| id % 3 != 0 && id % 12 == 2 && id % 25 == 1)
        .count();
    assert!(expected > 0);
    assert_eq!(total, expected);

    let (_, total) = timed(&store, "Title like \"word7\"", QueryUse::Records);
    assert_eq!(total, (N / 100) as usize);

    // In Tokyo 2026-03-28 starts at 2026-03-27T15:00Z.
    let (_, total) = timed(&store, "When >= \"2026-03-28\"", QueryUse::Records);
    let expected = (1..=N)
        .filter(|id| id % 28 == 27 || (id % 28 == 26 && id % 24 >= 15))
        .count();
    assert_eq!(total, expected);

    let (all, total) = timed(&store, "order by Amount desc, Drop asc", QueryUse::Cursor);
    assert_eq!((all.len(), total), (N as usize, N as usize));
    // Blank amounts sort last descending; the largest amount is 999.x.
    assert_eq!(all[0] % 1000, 999);
    assert!(all[all.len() - 10_000..].iter().all(|id| id % 10 == 0));

    let (page, _) = timed(&store, "order by Title asc limit 3", QueryUse::Records);
    assert_eq!(page, vec![1, 10, 100]);
}
