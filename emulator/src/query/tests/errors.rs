//! Refused queries: facts §3 codes and facts §6 rules.

use super::*;

/// A value of the right shape for each field, so that an allowed operator
/// succeeds and only the operator decides.
const SAMPLES: &[(&str, &str)] = &[
    ("$id", "1"),
    ("Rn", "1"),
    ("Amount", "1"),
    ("Total", "1"),
    ("CalcDay", "2026-03-02"),
    ("Day", "2026-03-02"),
    ("At", "09:00"),
    ("When", "2026-03-02T00:00:00Z"),
    ("Created", "2026-03-02T00:00:00Z"),
    ("Updated", "2026-03-02T00:00:00Z"),
    ("Title", "x"),
    ("Link", "x"),
    ("Memo", "x"),
    ("Rich", "x"),
    ("Files", "x"),
    ("Radio", "A"),
    ("Checks", "x"),
    ("Multi", "p"),
    ("Drop", "Low"),
    ("Users", "sato"),
    ("Orgs", "org1"),
    ("Groups", "g1"),
    ("Creator", "sato"),
    ("Modifier", "sato"),
    ("Assignee", "sato"),
    ("Status", "Open"),
    ("Cat", "c"),
    ("Grp", "x"),
    ("Ref", "x"),
    ("Lines", "x"),
];

const OPS: [&str; 12] = [
    "=",
    "!=",
    ">",
    "<",
    ">=",
    "<=",
    "in",
    "not in",
    "like",
    "not like",
    "is empty",
    "is not empty",
];

fn query(field: &str, op: &str, value: &str) -> String {
    match op {
        "in" | "not in" => format!("{field} {op} (\"{value}\")"),
        "is empty" | "is not empty" => format!("{field} {op}"),
        _ => format!("{field} {op} \"{value}\""),
    }
}

/// The facts §6 operator table, written out per field of the fixture.
fn allowed(field: &str) -> &'static [&'static str] {
    const ORDERED_IN: &[&str] = &["=", "!=", ">", "<", ">=", "<=", "in", "not in"];
    const ORDERED: &[&str] = &["=", "!=", ">", "<", ">=", "<="];
    const TEXT: &[&str] = &["=", "!=", "in", "not in", "like", "not like"];
    const LONG_TEXT: &[&str] = &["like", "not like", "is empty", "is not empty"];
    match field {
        "$id" | "Rn" | "Amount" | "Total" => ORDERED_IN,
        "CalcDay" => ORDERED_IN,
        "Day" | "At" | "When" | "Created" | "Updated" => ORDERED,
        "Title" | "Link" => TEXT,
        "Memo" | "Files" => LONG_TEXT,
        "Rich" => &["like", "not like"],
        "Radio" | "Checks" | "Multi" | "Drop" => &["in", "not in"],
        "Users" | "Orgs" | "Groups" | "Creator" | "Modifier" | "Assignee" => &["in", "not in"],
        "Status" => &["=", "!=", "in", "not in"],
        "Cat" | "Grp" | "Ref" | "Lines" => &[],
        other => panic!("no row for {other}"),
    }
}

#[test]
fn facts_6_operators_per_type_allowed_and_refused_with_gaia_iq03() {
    let f = Fixture::new();
    for (field, value) in SAMPLES {
        for op in OPS {
            let q = query(field, op, value);
            let result = f.run_ids(&q, QueryUse::Records);
            if allowed(field).contains(&op) {
                assert!(result.is_ok(), "{q}: {result:?}");
            } else {
                let e = result.expect_err(&q);
                assert_eq!((e.status, e.code), (400, "GAIA_IQ03"), "{q}");
            }
        }
    }
}

#[test]
fn facts_3_unknown_field_is_gaia_iq11_and_codes_are_case_sensitive() {
    let f = Fixture::new();
    let e = f.err("Nope = 1");
    assert_eq!((e.status, e.code), (400, "GAIA_IQ11"));
    assert_eq!(f.code("title = \"x\""), "GAIA_IQ11");
    assert_eq!(f.code("Title = \"x\" and amount > 1"), "GAIA_IQ11");
    assert_eq!(f.code("$revision = 1"), "GAIA_IQ11");
    assert_eq!(f.code("$ID = 1"), "GAIA_IQ11");
}

#[test]
fn facts_6_equality_on_table_fields_is_gaia_iq07() {
    let f = Fixture::new();
    for q in ["Item = \"x\"", "Item != \"x\"", "Cost = 1", "Cost != 1"] {
        let e = f.err(q);
        assert_eq!((e.status, e.code), (400, "GAIA_IQ07"), "{q}");
    }
    for q in [
        "Item in (\"x\")",
        "Item not in (\"x\")",
        "Item like \"x\"",
        "Cost > 1",
        "Cost <= 1",
        "Cost in (1)",
        "Tag in (\"t1\")",
        "Note is empty",
    ] {
        assert!(f.run_ids(q, QueryUse::Records).is_ok(), "{q}");
    }
    // The type check comes first: `=` is not allowed on a drop-down at all.
    assert_eq!(f.code("Tag = \"t1\""), "GAIA_IQ03");
}

#[test]
fn facts_6_in_value_not_an_option_is_gaia_iq10() {
    let f = Fixture::new();
    for q in [
        "Drop in (\"Nope\")",
        "Drop in (\"low\")",
        "Checks in (\"x\", \"w\")",
        "Radio not in (\"D\")",
        "Multi in (\"p \")",
        "Tag in (\"t3\")",
    ] {
        let e = f.err(q);
        assert_eq!((e.status, e.code), (400, "GAIA_IQ10"), "{q}");
    }
    for q in [
        "Drop in (\"\")",
        "Radio in (\"\", \"A\")",
        "Checks not in (\"\")",
    ] {
        assert!(f.run_ids(q, QueryUse::Records).is_ok(), "{q}");
    }
}

#[test]
fn facts_6_unknown_user_code_is_gaia_il26() {
    let f = Fixture::new();
    for q in [
        "Users in (\"nobody\")",
        "Creator in (\"sato\", \"ghost\")",
        "Modifier not in (\"ghost\")",
        "Assignee in (\"ghost\")",
    ] {
        let e = f.err(q);
        assert_eq!((e.status, e.code), (400, "GAIA_IL26"), "{q}");
    }
    for q in [
        "Users in (LOGINUSER())",
        "Creator in (LOGINUSER(), \"tanaka\")",
        "Creator in (\"Administrator\")",
        "Orgs in (\"any-org\", PRIMARY_ORGANIZATION())",
        "Groups in (\"any-group\")",
    ] {
        assert!(f.run_ids(q, QueryUse::Records).is_ok(), "{q}");
    }
}

#[test]
fn facts_6_non_sortable_fields_are_gaia_is02() {
    let f = Fixture::new();
    for field in [
        "Memo", "Multi", "Checks", "Users", "Orgs", "Groups", "Assignee", "Cat", "Ref", "Lines",
        "Files", "Grp", "Item",
    ] {
        let e = f.err(&format!("order by {field} asc"));
        assert_eq!((e.status, e.code), (400, "GAIA_IS02"), "{field}");
    }
    assert_eq!(f.code("order by Nope asc"), "GAIA_IQ11");
    for field in [
        "$id", "Rn", "Amount", "Total", "CalcDay", "Day", "At", "When", "Created", "Updated",
        "Title", "Link", "Rich", "Radio", "Drop", "Status", "Creator", "Modifier",
    ] {
        assert!(
            f.run_ids(&format!("order by {field} desc"), QueryUse::Records)
                .is_ok(),
            "{field}"
        );
    }
}

#[test]
fn facts_4_limit_over_500_is_gaia_qu01_offset_over_10000_is_gaia_qu02() {
    let f = Fixture::new();
    let e = f.err("limit 501");
    assert_eq!((e.status, e.code), (400, "GAIA_QU01"));
    assert_eq!(
        f.code("order by $id asc limit 99999999999999999999999"),
        "GAIA_QU01"
    );
    let e = f.err("limit 10 offset 10001");
    assert_eq!((e.status, e.code), (400, "GAIA_QU02"));
    assert!(f
        .run_ids("limit 500 offset 10000", QueryUse::Records)
        .is_ok());
}

#[test]
fn facts_5_cursor_query_refuses_limit_and_offset() {
    let f = Fixture::new();
    for q in [
        "limit 10",
        "Amount > 1 offset 5",
        "order by $id asc limit 1 offset 1",
    ] {
        let e = f.run_ids(q, QueryUse::Cursor).unwrap_err();
        assert_eq!((e.status, e.code), (400, "CB_VA01"), "{q}");
        assert!(e.errors.as_ref().unwrap().contains_key("query"), "{q}");
    }
    assert!(f
        .run_ids("Amount > 1 order by Amount asc", QueryUse::Cursor)
        .is_ok());
}

#[test]
fn facts_6_syntax_errors_are_cb_va01_on_query() {
    let f = Fixture::new();
    for q in [
        "Title = 'x'",
        "Title = \"a\nb\"",
        "Title = \"a\tb\"",
        "Title = \"x\" limit 1 order by $id asc",
        "Title = \"x\" offset 1 limit 1",
        "Title == \"x\"",
        "Title = \"x\" and",
        "(Title = \"x\"",
    ] {
        let e = f.err(q);
        assert_eq!((e.status, e.code), (400, "CB_VA01"), "{q:?}");
        let body = e.body();
        let messages = &body["errors"]["query"]["messages"];
        assert!(
            messages.as_array().is_some_and(|m| !m.is_empty()),
            "{q:?}: {body}"
        );
    }
}

#[test]
fn literals_that_do_not_fit_the_field_are_cb_va01() {
    let f = Fixture::new();
    for q in [
        "Amount = \"abc\"",
        "Amount > \"1,000\"",
        "$id = \"x\"",
        "Day = \"2026-02-30\"",
        "Day = 20260302",
        "Day = \"2026-03-02T00:00:00Z\"",
        "When = \"yesterday\"",
        "At = \"25:00\"",
        "Amount = TODAY()",
        "Title in (LOGINUSER())",
        "At = NOW()",
        "Users in (TODAY())",
        "Orgs in (LOGINUSER())",
        "Day = LOGINUSER()",
    ] {
        let e = f.err(q);
        assert_eq!((e.status, e.code), (400, "CB_VA01"), "{q}");
    }
}
