//! SQLColAttributeW's table and base names of result columns, through the
//! driver manager: a plain column reference names its table and column
//! (in the catalog's spelling, whatever case the statement used); an
//! expression names none.

use odbc_api_tests::ffi::*;
use odbc_api_tests::{DEMO_DSN, LABELS_DSN};

const SQL_DESC_TABLE_NAME: u16 = 15;
const SQL_DESC_LABEL: u16 = 18;
const SQL_DESC_BASE_COLUMN_NAME: u16 = 22;
const SQL_DESC_BASE_TABLE_NAME: u16 = 23;
/// The ODBC 2 id, which the driver manager passes through as it is 15 too.
const SQL_COLUMN_TABLE_NAME: u16 = 15;

/// (label, table name, base table, base column) of every result column.
fn describe(api: &Api, stmt: Handle) -> Vec<(String, String, String, String)> {
    let mut cols = 0i16;
    // SAFETY: valid out pointer.
    assert_eq!(
        unsafe { (api.SQLNumResultCols)(stmt, &mut cols) },
        SQL_SUCCESS
    );
    (1..=cols as u16)
        .map(|col| {
            let table = api.col_attr_text(stmt, col, SQL_DESC_TABLE_NAME);
            assert_eq!(api.col_attr_text(stmt, col, SQL_COLUMN_TABLE_NAME), table);
            (
                api.col_attr_text(stmt, col, SQL_DESC_LABEL),
                table,
                api.col_attr_text(stmt, col, SQL_DESC_BASE_TABLE_NAME),
                api.col_attr_text(stmt, col, SQL_DESC_BASE_COLUMN_NAME),
            )
        })
        .collect()
}

fn row(label: &str, table: &str, column: &str) -> (String, String, String, String) {
    (label.into(), table.into(), table.into(), column.into())
}

#[test]
fn plain_columns_report_their_base_table_and_column_and_expressions_none() {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN};"));
    let stmt = api.stmt(dbc);
    api.exec(
        stmt,
        "SELECT d.title AS t, d.RecordId + 1 AS next_id, li.RecordId, upper(d.title), \
         count(*) OVER () AS n FROM Deals d JOIN Deals_line_items li ON li.RecordId = d.RecordId \
         WHERE d.RecordId < 3",
    );
    assert_eq!(
        describe(&api, stmt),
        vec![
            row("t", "Deals", "title"),
            row("next_id", "", ""),
            row("RecordId", "Deals_line_items", "RecordId"),
            row("upper(d.title)", "", ""),
            row("n", "", ""),
        ]
    );
    // SAFETY: a statement handle of this API.
    assert_eq!(unsafe { (api.SQLCloseCursor)(stmt) }, SQL_SUCCESS);

    // A group key passes its column through; the aggregate has none.
    api.exec(
        stmt,
        "SELECT stage, count(*) AS deals FROM Deals GROUP BY stage",
    );
    assert_eq!(
        describe(&api, stmt),
        vec![row("stage", "Deals", "stage"), row("deals", "", "")]
    );
    api.close(env, dbc, stmt);
}

#[test]
fn names_written_in_another_case_report_the_catalog_spelling() {
    let api = Api::driver_manager();
    let env = api.env();
    // Labels as column names: `RecordId`, `Close date`...
    let dbc = api.connect(env, &format!("DSN={LABELS_DSN};"));
    let stmt = api.stmt(dbc);
    api.exec(stmt, "select recordid, deals.revision from deals");
    assert_eq!(
        describe(&api, stmt),
        vec![
            row("RecordId", "Deals", "RecordId"),
            row("Revision", "Deals", "Revision"),
        ]
    );
    api.close(env, dbc, stmt);
}
