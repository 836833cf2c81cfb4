//! Sorting, default order, limit and offset (facts §4, §5, §6).

use super::*;

#[test]
fn facts_4_without_order_by_records_come_in_id_descending_order() {
    let mut f = Fixture::new();
    for id in [3, 1, 10, 2] {
        f.add(id, &[]);
    }
    assert_eq!(f.ids(""), vec![10, 3, 2, 1]);
    assert_eq!(f.ids("order by $id asc"), vec![1, 2, 3, 10]);
    assert_eq!(f.ids("order by $id desc"), vec![10, 3, 2, 1]);
}

#[test]
fn facts_6_text_sorts_by_code_point_case_sensitive_blanks_first() {
    let mut f = Fixture::new();
    for (id, t) in [
        (1, "b"),
        (2, "B"),
        (3, "a"),
        (4, "é"),
        (5, ""),
        (6, "あ"),
        (7, "Z"),
        (8, "  "),
    ] {
        f.add(id, &[("Title", text(t))]);
    }
    // Blanks (ties among them in $id descending order) first ascending.
    assert_eq!(f.ids("order by Title asc"), vec![8, 5, 2, 7, 3, 1, 4, 6]);
    assert_eq!(f.ids("order by Title desc"), vec![6, 4, 1, 3, 7, 2, 8, 5]);
}

#[test]
fn facts_4_ties_come_back_in_id_descending_order_whatever_the_direction() {
    let mut f = Fixture::new();
    for (id, amount) in [(1, "5"), (2, "5"), (3, "1"), (4, "5")] {
        f.add(id, &[("Amount", text(amount))]);
    }
    assert_eq!(f.ids("order by Amount asc"), vec![3, 4, 2, 1]);
    assert_eq!(f.ids("order by Amount desc"), vec![4, 2, 1, 3]);
    assert_eq!(f.ids("order by Amount asc, $id asc"), vec![3, 1, 2, 4]);
    assert_eq!(f.ids("order by Amount desc, $id asc"), vec![1, 2, 4, 3]);
}

#[test]
fn facts_6_numbers_sort_numerically_blanks_first_ascending_last_descending() {
    let mut f = Fixture::new();
    for (id, amount) in [
        (1, "10"),
        (2, "9"),
        (3, ""),
        (4, "-100.5"),
        (5, "123456789012345678901234567890"),
        (6, "9.01"),
    ] {
        f.add(id, &[("Amount", text(amount)), ("Total", text(amount))]);
    }
    assert_eq!(f.ids("order by Amount asc"), vec![3, 4, 2, 6, 1, 5]);
    assert_eq!(f.ids("order by Amount desc"), vec![5, 1, 6, 2, 4, 3]);
    assert_eq!(f.ids("order by Total asc"), vec![3, 4, 2, 6, 1, 5]);
}

#[test]
fn facts_6_dates_and_datetimes_sort_blanks_first() {
    let mut f = Fixture::new();
    for (id, day, when) in [
        (1, "2026-03-02", "2026-03-02T10:00:00Z"),
        (2, "", ""),
        (3, "2025-12-31", "2026-03-02T09:59:00+09:00"),
    ] {
        f.add(
            id,
            &[
                ("Day", text(day)),
                ("When", text(when)),
                ("Created", text(when)),
            ],
        );
    }
    assert_eq!(f.ids("order by Day asc"), vec![2, 3, 1]);
    assert_eq!(f.ids("order by Day desc"), vec![1, 3, 2]);
    assert_eq!(f.ids("order by When asc"), vec![2, 3, 1]);
    assert_eq!(f.ids("order by Created desc"), vec![1, 3, 2]);
}

#[test]
fn facts_6_drop_down_sorts_by_option_order_and_radio_too() {
    let mut f = Fixture::new();
    for (id, drop, radio) in [
        (1, "High", "A"),
        (2, "Low", "C"),
        (3, "", "B"),
        (4, "Mid", "A"),
    ] {
        f.add(id, &[("Drop", text(drop)), ("Radio", text(radio))]);
    }
    assert_eq!(f.ids("order by Drop asc"), vec![3, 2, 4, 1]);
    assert_eq!(f.ids("order by Drop desc"), vec![1, 4, 2, 3]);
    // Radio options are B, A, C in that order.
    assert_eq!(f.ids("order by Radio asc"), vec![3, 4, 1, 2]);
}

#[test]
fn facts_6_status_sorts_by_state_order() {
    let mut f = Fixture::new();
    for (id, status) in [(1, "Done"), (2, "Open"), (3, "Doing"), (4, "Open")] {
        f.add(id, &[("Status", text(status))]);
    }
    assert_eq!(f.ids("order by Status asc"), vec![4, 2, 3, 1]);
    assert_eq!(f.ids("order by Status desc"), vec![1, 3, 4, 2]);
}

#[test]
fn facts_6_creator_and_modifier_sort_by_internal_user_id() {
    let mut f = Fixture::new();
    // Internal ids: tanaka 3, suzuki 5, sato 7.
    for (id, user) in [(1, "sato"), (2, "tanaka"), (3, "suzuki")] {
        f.add(id, &[("Creator", entity(user)), ("Modifier", entity(user))]);
    }
    assert_eq!(f.ids("order by Creator asc"), vec![2, 3, 1]);
    assert_eq!(f.ids("order by Modifier desc"), vec![1, 3, 2]);
}

#[test]
fn facts_6_multiple_sort_keys_are_honoured() {
    let mut f = Fixture::new();
    for (id, drop, amount) in [
        (1, "Low", "2"),
        (2, "High", "1"),
        (3, "Low", "3"),
        (4, "High", "5"),
    ] {
        f.add(id, &[("Drop", text(drop)), ("Amount", text(amount))]);
    }
    assert_eq!(f.ids("order by Drop asc, Amount desc"), vec![3, 1, 4, 2]);
    assert_eq!(f.ids("order by Drop desc, Amount asc"), vec![2, 4, 1, 3]);
}

#[test]
fn order_by_without_direction_sorts_descending() {
    // [assumed] Kintone raises no error and sorts as with `desc`.
    let mut f = Fixture::new();
    for (id, amount) in [(1, "1"), (2, "3"), (3, "2")] {
        f.add(id, &[("Amount", text(amount))]);
    }
    assert_eq!(f.ids("order by Amount"), vec![2, 3, 1]);
}

fn many(n: u64) -> Fixture {
    let mut f = Fixture::new();
    for id in 1..=n {
        f.add(id, &[("Amount", text(&id.to_string()))]);
    }
    f
}

#[test]
fn facts_4_default_limit_is_100_and_total_count_ignores_paging() {
    let f = many(150);
    let ids = f.ids("");
    assert_eq!(ids.len(), 100);
    assert_eq!((ids[0], ids[99]), (150, 51));
    assert_eq!(f.total("", QueryUse::Records), 150);
    assert_eq!(
        f.total("Amount > 100 limit 5 offset 3", QueryUse::Records),
        50
    );
}

#[test]
fn facts_4_limit_and_offset_page_through_the_sorted_matches() {
    let f = many(150);
    assert_eq!(
        f.ids("order by $id asc limit 3 offset 10"),
        vec![11, 12, 13]
    );
    assert_eq!(
        f.ids("Amount > 140 order by Amount asc limit 20 offset 5"),
        vec![146, 147, 148, 149, 150]
    );
    assert_eq!(f.ids("limit 5 offset 148"), vec![2, 1]);
    assert_eq!(f.ids("offset 500"), Vec::<u64>::new());
    assert_eq!(f.ids("limit 0"), Vec::<u64>::new());
}

#[test]
fn facts_4_seek_method_reads_in_id_order() {
    let f = many(150);
    let mut seen = Vec::new();
    let mut last = 0;
    loop {
        let page = f.ids(&format!("$id > {last} order by $id asc limit 40"));
        if page.is_empty() {
            break;
        }
        last = *page.last().unwrap();
        seen.extend(page);
    }
    assert_eq!(seen, (1..=150).collect::<Vec<_>>());
}

#[test]
fn facts_5_cursor_query_has_no_limit() {
    let f = many(150);
    let all = f
        .run_ids("Amount > 10 order by Amount asc", QueryUse::Cursor)
        .unwrap();
    assert_eq!(all, (11..=150).collect::<Vec<_>>());
    assert_eq!(f.total("", QueryUse::Cursor), 150);
}

#[test]
fn facts_4_like_search_stops_at_the_match_cap() {
    let f = many(5);
    let app = f.app();
    let mut records: Vec<&Record> = app.records.values().rev().collect();
    assert!(!crate::query::cap_like_matches(&mut records, false, 2));
    assert_eq!(records.len(), 5);
    assert!(!crate::query::cap_like_matches(&mut records, true, 5));
    assert!(crate::query::cap_like_matches(&mut records, true, 2));
    assert_eq!(records.iter().map(|r| r.id).collect::<Vec<_>>(), vec![5, 4]);
}

#[test]
fn facts_4_like_cap_is_reported_only_for_like_queries() {
    let mut f = many(3);
    f.add(4, &[("Title", text("one word"))]);
    let ctx = Context {
        store: &f.store,
        app: f.app(),
        login_user: None,
        now: now(),
        time_zone: chrono_tz::UTC,
    };
    let r = run(&ctx, "Title like \"word\"", QueryUse::Records).unwrap();
    assert_eq!((r.total_count, r.like_capped), (1, false));
}
