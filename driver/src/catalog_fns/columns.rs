//! SQLColumns.

use sql::{ColumnInfo, SqlType, TableInfo};

use super::pattern::{self, NameFilter};
use super::result_set::{
    build, int, sized_text, small, text, Cell, ColumnSpec, ResultSet, REMARKS_LENGTH,
};
use crate::odbc_type as ot;
use crate::DriverError;

/// SQLColumns' 18 result set columns.
pub const COLUMNS_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", false),
    text("COLUMN_NAME", false),
    small("DATA_TYPE", false),
    text("TYPE_NAME", false),
    int("COLUMN_SIZE", true),
    int("BUFFER_LENGTH", true),
    small("DECIMAL_DIGITS", true),
    small("NUM_PREC_RADIX", true),
    small("NULLABLE", false),
    sized_text("REMARKS", REMARKS_LENGTH, true),
    sized_text("COLUMN_DEF", REMARKS_LENGTH, true),
    small("SQL_DATA_TYPE", false),
    small("SQL_DATETIME_SUB", true),
    int("CHAR_OCTET_LENGTH", true),
    int("ORDINAL_POSITION", false),
    text("IS_NULLABLE", true),
];

/// The tables whose columns SQLColumns (catalog, schema, table pattern) asks for.
pub fn matching_tables<'a>(
    tables: &'a [TableInfo],
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    metadata_id: bool,
) -> Result<Vec<&'a TableInfo>, DriverError> {
    if metadata_id {
        pattern::required(table, "TableName")?;
    }
    let catalog = NameFilter::pattern(catalog, metadata_id);
    let schema = NameFilter::pattern(schema, metadata_id);
    if !catalog.keeps_unnamed() || !schema.keeps_unnamed() {
        return Ok(Vec::new());
    }
    let name = NameFilter::pattern(table, metadata_id);
    Ok(tables.iter().filter(|t| name.matches(&t.name)).collect())
}

/// SQLColumns' rows for `columns` (of the matching tables), filtered by
/// the column pattern, ordered by table name and ordinal position.
pub fn columns_result(
    columns: &[ColumnInfo],
    column: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    if metadata_id {
        pattern::required(column, "ColumnName")?;
    }
    let name = NameFilter::pattern(column, metadata_id);
    let mut selected: Vec<&ColumnInfo> = columns.iter().filter(|c| name.matches(&c.name)).collect();
    selected.sort_by(|a, b| (&a.table, a.ordinal).cmp(&(&b.table, b.ordinal)));
    let rows = selected.into_iter().map(column_row).collect();
    build(COLUMNS_COLUMNS, rows)
}

fn column_row(c: &ColumnInfo) -> Vec<Cell> {
    let t = &c.sql_type;
    let mut row = vec![
        Cell::Null,
        Cell::Null,
        Cell::text(&c.table),
        Cell::text(&c.name),
    ];
    row.extend(type_cells(t));
    row.extend([
        Cell::Small(i16::from(c.nullable)), // SQL_NULLABLE 1 / SQL_NO_NULLS 0
        Cell::opt_text(Some(&c.remarks)),
        Cell::opt_text(c.default.as_deref()),
    ]);
    row.extend(verbose_cells(t));
    row.extend([
        Cell::Int(i32::try_from(c.ordinal).unwrap_or(i32::MAX)),
        Cell::text(if c.nullable { "YES" } else { "NO" }),
    ]);
    row
}

/// DATA_TYPE, TYPE_NAME, COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS,
/// NUM_PREC_RADIX: the run SQLColumns and SQLProcedureColumns share.
pub(super) fn type_cells(t: &SqlType) -> [Cell; 6] {
    [
        Cell::Small(ot::concise_type(t, false)),
        Cell::text(ot::type_name(t)),
        Cell::Int(ot::column_size(t)),
        Cell::Int(ot::transfer_octet_length(t)),
        Cell::opt_small(ot::decimal_digits(t)),
        Cell::opt_small(ot::num_prec_radix(t)),
    ]
}

/// SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH (shared likewise).
pub(super) fn verbose_cells(t: &SqlType) -> [Cell; 3] {
    [
        Cell::Small(ot::verbose_type(t)),
        Cell::opt_small(ot::datetime_code(t)),
        Cell::opt_int(ot::char_octet_length(t)),
    ]
}

#[cfg(test)]
mod tests {
    use sql::SqlType;

    use super::super::result_set::testing::*;
    use super::super::test_data::*;
    use super::*;

    fn all_columns() -> Vec<ColumnInfo> {
        let mut all = line_items_columns();
        all.extend(deals_columns());
        all.extend(customers_columns());
        all
    }

    #[test]
    fn columns_are_the_specifications_18() {
        let rs = columns_result(&deals_columns(), None, false).unwrap();
        let w = |n| SqlType::WVarchar { length: n };
        assert_columns(
            &rs,
            &[
                ("TABLE_CAT", w(128), true),
                ("TABLE_SCHEM", w(128), true),
                ("TABLE_NAME", w(128), false),
                ("COLUMN_NAME", w(128), false),
                ("DATA_TYPE", SqlType::SmallInt, false),
                ("TYPE_NAME", w(128), false),
                ("COLUMN_SIZE", SqlType::Integer, true),
                ("BUFFER_LENGTH", SqlType::Integer, true),
                ("DECIMAL_DIGITS", SqlType::SmallInt, true),
                ("NUM_PREC_RADIX", SqlType::SmallInt, true),
                ("NULLABLE", SqlType::SmallInt, false),
                ("REMARKS", w(254), true),
                ("COLUMN_DEF", w(254), true),
                ("SQL_DATA_TYPE", SqlType::SmallInt, false),
                ("SQL_DATETIME_SUB", SqlType::SmallInt, true),
                ("CHAR_OCTET_LENGTH", SqlType::Integer, true),
                ("ORDINAL_POSITION", SqlType::Integer, false),
                ("IS_NULLABLE", w(128), true),
            ],
        );
    }

    #[test]
    fn ordered_by_table_then_ordinal() {
        let mut shuffled = all_columns();
        shuffled.reverse();
        let rs = columns_result(&shuffled, None, false).unwrap();
        let keys: Vec<(Cell, Cell)> = column(&rs, "TABLE_NAME")
            .into_iter()
            .zip(column(&rs, "ORDINAL_POSITION"))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_by(|a, b| {
            format!("{:?}", a.0)
                .cmp(&format!("{:?}", b.0))
                .then(match (&a.1, &b.1) {
                    (Cell::Int(x), Cell::Int(y)) => x.cmp(y),
                    _ => unreachable!(),
                })
        });
        assert_eq!(keys, sorted);
        assert_eq!(keys[0], (Cell::text("Customers"), Cell::Int(1)));
        assert_eq!(keys.len(), 18);
    }

    #[test]
    fn values_of_each_type() {
        let rs = columns_result(&deals_columns(), None, false).unwrap();
        let rows = rows(&rs);
        let row = |name: &str| {
            rows.iter()
                .find(|r| r[3] == Cell::text(name))
                .unwrap()
                .clone()
        };
        use Cell::{Int, Null, Small};
        // DATA_TYPE, TYPE_NAME, COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS, NUM_PREC_RADIX
        let typed = |r: &Vec<Cell>| r[4..10].to_vec();
        assert_eq!(
            typed(&row("RecordId")),
            [
                Small(-5),
                Cell::text("BIGINT"),
                Int(19),
                Int(8),
                Small(0),
                Small(10)
            ]
        );
        assert_eq!(
            typed(&row("Amount")),
            [
                Small(3),
                Cell::text("DECIMAL"),
                Int(19),
                Int(21),
                Small(2),
                Small(10)
            ]
        );
        assert_eq!(
            typed(&row("Title")),
            [
                Small(-9),
                Cell::text("WVARCHAR"),
                Int(4000),
                Int(8000),
                Null,
                Null
            ]
        );
        assert_eq!(
            typed(&row("Notes")),
            [
                Small(-10),
                Cell::text("WLONGVARCHAR"),
                Int(65535),
                Int(131070),
                Null,
                Null
            ]
        );
        assert_eq!(
            typed(&row("Code")),
            [
                Small(12),
                Cell::text("VARCHAR"),
                Int(32),
                Int(32),
                Null,
                Null
            ]
        );
        assert_eq!(
            typed(&row("CloseDate")),
            [Small(91), Cell::text("DATE"), Int(10), Int(6), Null, Null]
        );
        assert_eq!(
            typed(&row("Start")),
            [
                Small(92),
                Cell::text("TIME"),
                Int(8),
                Int(6),
                Small(0),
                Null
            ]
        );
        assert_eq!(
            typed(&row("UpdatedAt")),
            [
                Small(93),
                Cell::text("TIMESTAMP"),
                Int(19),
                Int(16),
                Small(0),
                Null
            ]
        );
        assert_eq!(
            typed(&row("Score")),
            [
                Small(8),
                Cell::text("DOUBLE"),
                Int(15),
                Int(8),
                Null,
                Small(10)
            ]
        );
        // NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL, IS_NULLABLE
        assert_eq!(
            row("RecordId")[10..].to_vec(),
            [
                Small(0),
                Cell::text("$id (FIELD)"),
                Null,
                Small(-5),
                Null,
                Null,
                Int(1),
                Cell::text("NO")
            ]
        );
        assert_eq!(
            row("Stage")[10..].to_vec(),
            [
                Small(1),
                Cell::text("stage (FIELD)"),
                Cell::text("'Lead'"),
                Small(-9),
                Null,
                Int(8000),
                Int(5),
                Cell::text("YES")
            ]
        );
        assert_eq!(row("CloseDate")[13..15].to_vec(), [Small(9), Small(1)]);
        assert_eq!(row("Start")[13..15].to_vec(), [Small(9), Small(2)]);
        assert_eq!(row("UpdatedAt")[13..15].to_vec(), [Small(9), Small(3)]);
    }

    #[test]
    fn column_patterns_and_identifiers() {
        let cols = all_columns();
        let names = |rs: &ResultSet| column(rs, "COLUMN_NAME");
        let rs = columns_result(&cols, Some("Re%"), false).unwrap();
        assert_eq!(
            names(&rs),
            [
                Cell::text("RecordId"),
                Cell::text("Revision"),
                Cell::text("RecordId"),
                Cell::text("Revision"),
                Cell::text("RecordId")
            ]
        );
        let rs = columns_result(&cols, Some("recordid"), true).unwrap();
        assert_eq!(rs.num_rows(), 3);
        assert_eq!(
            columns_result(&cols, None, true).unwrap_err().sqlstate,
            "HY009"
        );
    }

    #[test]
    fn table_selection() {
        let tables = demo_tables();
        let pick = |t: Option<&str>| -> Vec<String> {
            matching_tables(&tables, None, None, t, false)
                .unwrap()
                .iter()
                .map(|t| t.name.clone())
                .collect()
        };
        assert_eq!(pick(Some("Deals%")), ["Deals", "Deals_line_items"]);
        assert_eq!(pick(None).len(), 7);
        assert!(matching_tables(&tables, Some("cat"), None, None, false)
            .unwrap()
            .is_empty());
        assert!(matching_tables(&tables, None, None, None, true).is_err());
    }
}
