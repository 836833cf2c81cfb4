//! Prepared statements and parameters: result metadata before execution,
//! SQLNumParams/SQLDescribeParam, typed parameters (integer, text, double,
//! date, NULL), re-execution with other values, and parameter arrays.

use odbc_api::{sys, BindParamDesc, Cursor, IntoParameter, Nullable, ResultSetMetadata};
use odbc_api_tests::demo::{records, text, DEALS};
use odbc_api_tests::odbc::{all_text, column_names, demo};

fn deal_title(id: usize) -> Option<String> {
    text(&records(DEALS)[id - 1], "title")
}

#[test]
fn prepared_statement_describes_before_executing_and_runs_repeatedly() {
    let conn = demo();
    let mut prepared = conn
        .prepare("SELECT RecordId, title FROM Deals WHERE RecordId = ?")
        .unwrap();
    assert_eq!(prepared.num_result_cols().unwrap(), 2);
    assert_eq!(column_names(&mut prepared), vec!["RecordId", "title"]);
    assert_eq!(prepared.num_params().unwrap(), 1);
    prepared.describe_param(1).expect("SQLDescribeParam");
    for id in [5i64, 17, 60] {
        let cursor = prepared.execute(&id).unwrap().expect("a result set");
        let rows = all_text(cursor);
        assert_eq!(
            rows,
            vec![vec![Some(id.to_string()), deal_title(id as usize)]]
        );
    }
}

#[test]
fn text_double_and_date_parameters() {
    let conn = demo();
    let deals = records(DEALS);
    let customer = text(&deals[0], "customer").unwrap();
    let rows = all_text(
        conn.execute(
            "SELECT COUNT(*) FROM Deals WHERE customer = ?",
            &customer.as_str().into_parameter(),
            None,
        )
        .unwrap()
        .unwrap(),
    );
    let expected = deals
        .iter()
        .filter(|d| text(d, "customer").as_deref() == Some(customer.as_str()))
        .count();
    assert_eq!(rows[0][0].as_deref(), Some(expected.to_string().as_str()));

    let threshold = 1_000_000.5f64;
    let rows = all_text(
        conn.execute(
            "SELECT COUNT(*) FROM Deals WHERE amount > ?",
            &threshold,
            None,
        )
        .unwrap()
        .unwrap(),
    );
    let expected = deals
        .iter()
        .filter(|d| text(d, "amount").is_some_and(|a| a.parse::<f64>().unwrap() > threshold))
        .count();
    assert_eq!(rows[0][0].as_deref(), Some(expected.to_string().as_str()));

    let since = sys::Date {
        year: 2025,
        month: 5,
        day: 1,
    };
    let rows = all_text(
        conn.execute(
            "SELECT COUNT(*) FROM Deals WHERE close_date >= ?",
            &since,
            None,
        )
        .unwrap()
        .unwrap(),
    );
    let expected = deals
        .iter()
        .filter(|d| text(d, "close_date").is_some_and(|c| c.as_str() >= "2025-05-01"))
        .count();
    assert_eq!(rows[0][0].as_deref(), Some(expected.to_string().as_str()));
}

#[test]
fn two_parameters_and_a_null_one() {
    let conn = demo();
    let rows = all_text(
        conn.execute(
            "SELECT RecordId FROM Deals WHERE RecordId BETWEEN ? AND ? ORDER BY RecordId",
            (&3i64, &6i64),
            None,
        )
        .unwrap()
        .unwrap(),
    );
    let ids: Vec<_> = rows.into_iter().map(|r| r[0].clone().unwrap()).collect();
    assert_eq!(ids, ["3", "4", "5", "6"]);
    // `= NULL` is never true.
    let null = Nullable::<i64>::null();
    let rows = all_text(
        conn.execute("SELECT COUNT(*) FROM Deals WHERE RecordId = ?", &null, None)
            .unwrap()
            .unwrap(),
    );
    assert_eq!(rows[0][0].as_deref(), Some("0"));
}

#[test]
fn an_array_of_parameters_gives_one_result_per_set() {
    let conn = demo();
    let prepared = conn
        .prepare("SELECT title FROM Deals WHERE RecordId = ?")
        .unwrap();
    let ids = [2i64, 9, 33];
    let mut inserter = prepared
        .into_column_inserter(ids.len(), [BindParamDesc::i64(false)])
        .unwrap();
    inserter.set_num_rows(ids.len());
    inserter
        .column_mut(0)
        .as_slice::<i64>()
        .unwrap()
        .copy_from_slice(&ids);
    let mut cursor = inserter.execute().unwrap().expect("a result set");
    // SQL_PARAM_ARRAY_SELECTS: one result set per parameter set
    // (SQL_PAS_BATCH, read with SQLMoreResults) or one for all
    // (SQL_PAS_NO_BATCH); either way the rows come in parameter order.
    let mut titles = Vec::new();
    loop {
        let mut row_titles = Vec::new();
        while let Some(mut row) = cursor.next_row().unwrap() {
            let mut buf = Vec::new();
            row.get_text(1, &mut buf).unwrap();
            row_titles.push(String::from_utf8(buf).unwrap());
        }
        titles.extend(row_titles);
        match cursor.more_results().unwrap() {
            Some(next) => cursor = next,
            None => break,
        }
    }
    let expected: Vec<String> = ids
        .iter()
        .map(|&id| deal_title(id as usize).unwrap())
        .collect();
    assert_eq!(titles, expected);
}
