//! SQLSTATEs of failing statements, with the statement usable afterwards.

use odbc_api_tests::odbc::{demo, query, sqlstate};

fn state(sql: &str) -> String {
    let conn = demo();
    let result = conn.execute(sql, (), None).map(|_| ());
    match result {
        Ok(()) => panic!("{sql} succeeded"),
        Err(e) => sqlstate(&e).unwrap_or_else(|| panic!("{sql}: no SQLSTATE in {e:?}")),
    }
}

#[test]
fn unknown_table_is_42s02() {
    assert_eq!(state("SELECT * FROM NoSuchTable"), "42S02");
}

#[test]
fn unknown_column_is_42s22() {
    assert_eq!(state("SELECT no_such_column FROM Deals"), "42S22");
}

#[test]
fn syntax_error_is_42000() {
    assert_eq!(state("SELEC * FROM Deals"), "42000");
    assert_eq!(state("SELECT * FROM Deals WHERE"), "42000");
}

#[test]
fn the_connection_works_after_an_error() {
    let conn = demo();
    assert!(conn.execute("SELECT * FROM NoSuchTable", (), None).is_err());
    let rows = query(&conn, "SELECT COUNT(*) FROM Customers");
    assert_eq!(rows[0][0].as_deref(), Some("25"));
}

#[test]
fn diagnostics_name_the_driver() {
    let conn = demo();
    let err = conn
        .execute("SELECT * FROM NoSuchTable", (), None)
        .map(|_| ())
        .expect_err("an error");
    let text = err.to_string();
    assert!(text.contains("kintone-odbc"), "{text}");
    assert!(text.contains("NoSuchTable"), "{text}");
}
