//! Conversions of each SQL type to the C types odbc-api asks for with
//! SQLGetData: integers, doubles, decimal text, dates, timestamps, bits,
//! NULLs, and the diagnostics of impossible ones.

use odbc_api::{sys, Bit, Cursor, Nullable};
use odbc_api_tests::demo::{records, text, CUSTOMERS, DEALS};
use odbc_api_tests::odbc::{demo, sqlstate};

/// Runs `sql` (one row) and hands its row to `check`.
fn one_row(sql: &str, check: impl FnOnce(&mut odbc_api::CursorRow<'_>)) {
    let conn = demo();
    let mut cursor = conn.execute(sql, (), None).unwrap().expect("a result set");
    let mut row = cursor.next_row().unwrap().expect("a row");
    check(&mut row);
}

/// Trailing zeros of a decimal's fraction removed: `1250.5000` -> `1250.5`.
fn normalized(decimal: &str) -> String {
    if decimal.contains('.') {
        decimal
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    } else {
        decimal.to_owned()
    }
}

#[test]
fn integers_from_bigint_and_decimal() {
    one_row(
        "SELECT RecordId, amount, Revision FROM Deals WHERE RecordId = 1",
        |row| {
            let mut id = 0i64;
            row.get_data(1, &mut id).unwrap();
            assert_eq!(id, 1);
            let mut amount = 0i64;
            row.get_data(2, &mut amount).unwrap();
            assert_eq!(amount, 1_140_000);
            let mut small = 0i32;
            row.get_data(3, &mut small).unwrap();
            assert!(small >= 1);
        },
    );
}

#[test]
fn doubles_and_decimal_text() {
    let customer = &records(CUSTOMERS)[0];
    let revenue = text(customer, "annual_revenue").unwrap();
    one_row(
        "SELECT annual_revenue, annual_revenue AS again, employees FROM Customers WHERE RecordId = 1",
        |row| {
            let mut as_double = 0f64;
            row.get_data(1, &mut as_double).unwrap();
            assert_eq!(as_double, revenue.parse::<f64>().unwrap());
            let mut as_text = Vec::new();
            assert!(row.get_text(2, &mut as_text).unwrap());
            let as_text = String::from_utf8(as_text).unwrap();
            assert_eq!(normalized(&as_text), normalized(&revenue), "{as_text}");
            let mut employees = Vec::new();
            row.get_text(3, &mut employees).unwrap();
            assert_eq!(
                normalized(std::str::from_utf8(&employees).unwrap()),
                text(customer, "employees").unwrap()
            );
        },
    );
}

#[test]
fn dates_and_timestamps() {
    // Deal 2 has both a close date and a closed-at time.
    let deal = &records(DEALS)[1];
    let close = text(deal, "close_date").unwrap();
    let closed_at = text(deal, "closed_at").unwrap();
    one_row(
        "SELECT close_date, closed_at, close_date AS d, closed_at AS t FROM Deals WHERE RecordId = 2",
        |row| {
            let mut date = sys::Date::default();
            row.get_data(1, &mut date).unwrap();
            assert_eq!(
                format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
                close
            );
            let mut ts = sys::Timestamp::default();
            row.get_data(2, &mut ts).unwrap();
            assert_eq!(
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                    ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second
                ),
                closed_at
            );
            assert_eq!(ts.fraction, 0);
            let mut date_text = Vec::new();
            row.get_text(3, &mut date_text).unwrap();
            assert_eq!(String::from_utf8(date_text).unwrap(), close);
            let mut ts_text = Vec::new();
            row.get_text(4, &mut ts_text).unwrap();
            let ts_text = String::from_utf8(ts_text).unwrap();
            // SQL_C_CHAR of a timestamp: `YYYY-MM-DD hh:mm:ss[.f...]`.
            assert!(
                ts_text.starts_with(&closed_at[..19].replace('T', " ")),
                "{ts_text} vs {closed_at}"
            );
        },
    );
}

#[test]
fn nulls_into_nullable_targets_and_text() {
    // Deal 1: no closed_at.
    assert!(text(&records(DEALS)[0], "closed_at").is_none());
    one_row(
        "SELECT closed_at, closed_at AS again, CAST(NULL AS BIGINT) FROM Deals WHERE RecordId = 1",
        |row| {
            let mut ts = Nullable::<sys::Timestamp>::null();
            row.get_data(1, &mut ts).unwrap();
            assert!(ts.as_opt().is_none());
            let mut buf = Vec::new();
            assert!(!row.get_text(2, &mut buf).unwrap(), "NULL as text");
            let mut n = Nullable::new(7i64);
            row.get_data(3, &mut n).unwrap();
            assert!(n.as_opt().is_none());
        },
    );
}

#[test]
fn null_without_an_indicator_is_22002() {
    one_row("SELECT closed_at FROM Deals WHERE RecordId = 1", |row| {
        let mut ts = sys::Timestamp::default();
        let err = row.get_data(1, &mut ts).unwrap_err();
        assert_eq!(sqlstate(&err).as_deref(), Some("22002"), "{err}");
    });
}

#[test]
fn bits_and_small_integers() {
    one_row(
        "SELECT RecordId = 3, RecordId <> 3, CAST(RecordId AS SMALLINT) FROM Deals WHERE RecordId = 3",
        |row| {
            let mut yes = Bit(0);
            row.get_data(1, &mut yes).unwrap();
            assert!(yes.as_bool());
            let mut no = Bit(1);
            row.get_data(2, &mut no).unwrap();
            assert!(!no.as_bool());
            let mut small = 0i16;
            row.get_data(3, &mut small).unwrap();
            assert_eq!(small, 3);
        },
    );
}

#[test]
fn impossible_conversions_have_their_sqlstates() {
    one_row(
        "SELECT amount, title FROM Deals WHERE RecordId = 1",
        |row| {
            // 1,140,000 does not fit in a signed byte.
            let mut tiny = 0i8;
            let err = row.get_data(1, &mut tiny).unwrap_err();
            assert_eq!(sqlstate(&err).as_deref(), Some("22003"), "{err}");
            // A title is no number.
            let mut n = 0i64;
            let err = row.get_data(2, &mut n).unwrap_err();
            assert_eq!(sqlstate(&err).as_deref(), Some("22018"), "{err}");
        },
    );
}
