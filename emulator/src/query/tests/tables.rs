//! Fields inside a table (facts §6): positive conditions match any row,
//! negative ones need rows and all of them; `and` on one table means the
//! same row; empty tables never match.

use super::*;

type Line = (&'static str, &'static str, &'static str);

fn table_app() -> Fixture {
    let mut f = Fixture::new();
    // (record id, rows of (Item, Cost, Tag))
    let rows: Vec<(u64, Vec<Line>)> = vec![
        (1, vec![("apple", "10", "t1"), ("pear", "20", "t2")]),
        (2, vec![("apple", "20", "t2")]),
        (3, vec![]),
        (4, vec![("pear", "5", "t1")]),
        (5, vec![("apple", "", "t1"), ("apple", "30", "")]),
    ];
    for (id, lines) in rows {
        let table = Value::Table(
            lines
                .iter()
                .enumerate()
                .map(|(i, (item, cost, tag))| {
                    f.row(
                        id * 100 + i as u64,
                        &[
                            ("Item", text(item)),
                            ("Cost", text(cost)),
                            ("Tag", text(tag)),
                        ],
                    )
                })
                .collect(),
        );
        let title = if id == 2 { "two" } else { "" };
        f.add(id, &[("Lines", table), ("Title", text(title))]);
    }
    let extra = Value::Table(vec![f.row(900, &[("ExtraItem", text("e"))])]);
    f.add(6, &[("Extra", extra)]);
    f
}

#[test]
fn facts_6_positive_condition_matches_any_row() {
    let f = table_app();
    assert_eq!(f.set("Item in (\"apple\")"), vec![1, 2, 5]);
    assert_eq!(f.set("Item like \"pear\""), vec![1, 4]);
    assert_eq!(f.set("Cost > 15"), vec![1, 2, 5]);
    // A blank cost in a row is the minimum, as at top level.
    assert_eq!(f.set("Cost < 15"), vec![1, 4, 5]);
    assert_eq!(f.set("Tag in (\"\")"), vec![5]);
    assert_eq!(f.set("Note is empty"), vec![1, 2, 4, 5]);
}

#[test]
fn facts_6_negative_condition_needs_rows_and_all_of_them() {
    let f = table_app();
    assert_eq!(f.set("Item not in (\"apple\")"), vec![4]);
    assert_eq!(f.set("Item not like \"apple\""), vec![4]);
    assert_eq!(f.set("Cost not in (20)"), vec![4, 5]);
    assert_eq!(f.set("Tag not in (\"t2\")"), vec![4, 5]);
}

#[test]
fn facts_6_empty_tables_never_match() {
    let f = table_app();
    assert_eq!(f.set("Item not in (\"zzz\")"), vec![1, 2, 4, 5]);
    assert_eq!(f.set("Cost < 1000000"), vec![1, 2, 4, 5]);
    assert_eq!(f.set("Item in (\"\")"), Vec::<u64>::new());
    assert!(!f.set("Item not like \"zzz\"").contains(&3));
}

#[test]
fn facts_6_and_on_one_table_means_the_same_row() {
    let f = table_app();
    assert_eq!(f.set("Item in (\"apple\") and Cost >= 20"), vec![2, 5]);
    assert_eq!(f.set("Item in (\"pear\") and Tag in (\"t2\")"), vec![1]);
    assert_eq!(
        f.set("Cost >= 20 and (Item in (\"apple\") and Tag in (\"t2\"))"),
        vec![2]
    );
    // A negative condition still needs every row, next to a positive one.
    assert_eq!(
        f.set("Item in (\"apple\") and Tag not in (\"t2\")"),
        vec![5]
    );
}

#[test]
fn or_between_table_conditions_is_per_record() {
    let f = table_app();
    assert_eq!(f.set("Item in (\"pear\") or Cost > 25"), vec![1, 4, 5]);
}

#[test]
fn conditions_on_different_tables_and_top_level_fields_are_independent() {
    let f = table_app();
    assert_eq!(f.set("Item in (\"apple\") and Title = \"two\""), vec![2]);
    assert_eq!(f.set("ExtraItem in (\"e\")"), vec![6]);
    assert_eq!(
        f.set("Item in (\"apple\") and ExtraItem in (\"e\")"),
        Vec::<u64>::new()
    );
    assert_eq!(
        f.set("Item in (\"apple\") or ExtraItem in (\"e\")"),
        vec![1, 2, 5, 6]
    );
}
