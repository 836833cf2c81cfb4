//! Catalog functions through odbc-api: SQLTables (bound row-wise, as
//! `Connection::tables()` does), SQLColumns, SQLPrimaryKeys,
//! SQLForeignKeys, and their agreement with SQLDescribeCol.

use odbc_api::{DataType, Nullability, ResultSetMetadata};
use odbc_api_tests::odbc::{column_names, connect, demo, query};
use odbc_api_tests::LABELS_DSN;

/// (TABLE_NAME, TABLE_TYPE) of every row of SQLTables.
fn tables(conn: &odbc_api::Connection<'_>, name: &str, types: &str) -> Vec<(String, String)> {
    conn.tables("", "", name, types)
        .expect("SQLTables")
        .map(|row| {
            let row = row.expect("a SQLTables row");
            (
                row.table.as_str().unwrap().unwrap().to_owned(),
                row.table_type.as_str().unwrap().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn tables_lists_apps_and_subtables() {
    let conn = demo();
    let all = tables(&conn, "", "");
    for expected in ["Customers", "Deals", "Tasks", "Deals_line_items"] {
        assert!(
            all.iter().any(|(t, ty)| t == expected && ty == "TABLE"),
            "{expected} missing from {all:?}"
        );
    }
    let unique: std::collections::BTreeSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "duplicate rows: {all:?}");
}

#[test]
fn tables_filtered_by_pattern_and_type() {
    let conn = demo();
    let mut deals = tables(&conn, "Deal%", "");
    deals.sort();
    assert_eq!(
        deals,
        vec![
            ("Deals".to_owned(), "TABLE".to_owned()),
            ("Deals_line_items".to_owned(), "TABLE".to_owned())
        ]
    );
    // Power BI's and Excel's filter: only TABLE and VIEW rows.
    let shown = tables(&conn, "", "TABLE,VIEW");
    assert!(
        shown.iter().all(|(_, ty)| ty == "TABLE" || ty == "VIEW"),
        "{shown:?}"
    );
    assert!(shown.iter().any(|(t, _)| t == "Deals"));
    // The quoted form of the list is accepted too.
    let quoted = tables(&conn, "", "'TABLE','VIEW'");
    assert_eq!(quoted.len(), shown.len());
    let none = tables(&conn, "NoSuchTable%", "");
    assert!(none.is_empty());
}

struct Column {
    name: String,
    data_type: i16,
    type_name: String,
    nullable: i16,
    ordinal: i32,
}

fn columns(conn: &odbc_api::Connection<'_>, table: &str) -> Vec<Column> {
    conn.columns("", "", table, "")
        .expect("SQLColumns")
        .map(|row| {
            let row = row.expect("a SQLColumns row");
            Column {
                name: row.column_name.as_str().unwrap().unwrap().to_owned(),
                data_type: row.data_type,
                type_name: row.type_name.as_str().unwrap().unwrap().to_owned(),
                nullable: row.nullable,
                ordinal: row.ordinal_position,
            }
        })
        .collect()
}

#[test]
fn columns_of_deals_with_their_types() {
    let conn = demo();
    let cols = columns(&conn, "Deals");
    let ordinals: Vec<i32> = cols.iter().map(|c| c.ordinal).collect();
    assert_eq!(ordinals, (1..=cols.len() as i32).collect::<Vec<_>>());
    let find = |n: &str| {
        cols.iter()
            .find(|c| c.name == n)
            .unwrap_or_else(|| panic!("column {n} missing"))
    };
    // SQL_BIGINT -5, SQL_DECIMAL 3, SQL_TYPE_DATE 91, SQL_TYPE_TIMESTAMP 93,
    // SQL_WVARCHAR -9, SQL_WLONGVARCHAR -10.
    assert_eq!(
        (find("RecordId").data_type, find("RecordId").nullable),
        (-5, 0)
    );
    assert_eq!(find("amount").data_type, 3);
    assert_eq!(find("amount").type_name, "DECIMAL");
    assert_eq!(find("close_date").data_type, 91);
    assert_eq!(find("closed_at").data_type, 93);
    assert_eq!(find("title").data_type, -9);
    assert_eq!(find("memo").data_type, -10);
    assert_eq!(find("closed_at").nullable, 1);
    let subtable = columns(&conn, "Deals_line_items");
    let names: Vec<&str> = subtable.iter().map(|c| c.name.as_str()).collect();
    for n in [
        "RecordId",
        "RowId",
        "product",
        "quantity",
        "unit_price",
        "subtotal",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}

#[test]
fn columns_agree_with_the_described_result_set() {
    let conn = demo();
    let cols = columns(&conn, "Deals");
    let mut cursor = conn
        .execute("SELECT * FROM Deals", (), None)
        .unwrap()
        .unwrap();
    assert_eq!(
        column_names(&mut cursor),
        cols.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    );
    for (i, col) in cols.iter().enumerate() {
        let n = i as u16 + 1;
        let described = cursor.col_data_type(n).unwrap();
        let sql_type = match described {
            DataType::BigInt => -5,
            DataType::Decimal { .. } | DataType::Numeric { .. } => 3,
            DataType::Date => 91,
            DataType::Timestamp { .. } => 93,
            DataType::WVarchar { .. } => -9,
            DataType::WLongVarchar { .. } => -10,
            DataType::Varchar { .. } => 12,
            DataType::Integer => 4,
            DataType::Double => 8,
            DataType::Time { .. } => 92,
            other => panic!("{}: unexpected {other:?}", col.name),
        };
        // Decimal vs Numeric aside, the two paths report one type.
        assert_eq!(sql_type, col.data_type, "{}", col.name);
        let nullable = cursor.col_nullability(n).unwrap();
        let expected = if col.nullable == 0 {
            Nullability::NoNulls
        } else {
            Nullability::Nullable
        };
        assert_eq!(nullable, expected, "{}", col.name);
        // Clients size their buffers from these: never zero.
        assert!(
            cursor.col_display_size(n).unwrap().is_some(),
            "{}",
            col.name
        );
    }
}

#[test]
fn primary_keys() {
    let conn = demo();
    let keys = |table: &str| -> Vec<(String, i16)> {
        conn.primary_keys(None, None, table)
            .expect("SQLPrimaryKeys")
            .map(|r| {
                let r = r.unwrap();
                (r.column.as_str().unwrap().unwrap().to_owned(), r.key_seq)
            })
            .collect()
    };
    assert_eq!(keys("Deals"), vec![("RecordId".to_owned(), 1)]);
    assert_eq!(
        keys("Deals_line_items"),
        vec![("RecordId".to_owned(), 1), ("RowId".to_owned(), 2)]
    );
}

#[test]
fn foreign_keys_from_the_subtable_to_its_app() {
    let conn = demo();
    let fks = |pk: &str, fk: &str| -> Vec<(String, String, String, String)> {
        conn.foreign_keys("", "", pk, "", "", fk)
            .expect("SQLForeignKeys")
            .map(|r| {
                let r = r.unwrap();
                let s = |v: &odbc_api::parameter::VarCharArray<255>| {
                    v.as_str().unwrap().unwrap_or("").to_owned()
                };
                (
                    s(&r.pk_table),
                    s(&r.pk_column),
                    s(&r.fk_table),
                    s(&r.fk_column),
                )
            })
            .collect()
    };
    let expected = vec![(
        "Deals".to_owned(),
        "RecordId".to_owned(),
        "Deals_line_items".to_owned(),
        "RecordId".to_owned(),
    )];
    // Keys exported by Deals, and keys imported by the subtable table.
    assert_eq!(fks("Deals", ""), expected);
    assert_eq!(fks("", "Deals_line_items"), expected);
    assert!(fks("Customers", "").is_empty());
}

#[test]
fn label_names_with_japanese_work_quoted() {
    let conn = connect(&format!("DSN={LABELS_DSN}")).unwrap();
    let rows = query(
        &conn,
        "SELECT \"金額\", \"顧客名\" FROM Deals WHERE \"RecordId\" = 1",
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][0].as_deref().unwrap().parse::<f64>().unwrap(),
        1_140_000.0
    );
    assert_eq!(rows[0][1].as_deref(), Some("株式会社山田商事"));
    let names: Vec<String> = conn
        .columns("", "", "Deals", "")
        .unwrap()
        .map(|r| r.unwrap().column_name.as_str().unwrap().unwrap().to_owned())
        .collect();
    assert!(names.iter().any(|n| n == "金額"), "{names:?}");
}
