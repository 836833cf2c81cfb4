//! SQLProcedures and SQLProcedureColumns: the SQL layer's procedures
//! (`sql::procedures()`), with the specification's result-set columns.

use sql::{ProcedureColumn, ProcedureInfo};

use super::columns::{type_cells, verbose_cells};
use super::empty_sets::{PROCEDURES_COLUMNS, PROCEDURE_COLUMNS_COLUMNS};
use super::pattern::NameFilter;
use super::result_set::{build, Cell, ResultSet};
use crate::DriverError;

/// SQL_PT_PROCEDURE: returns no value of its own.
const SQL_PT_PROCEDURE: i16 = 1;
/// SQLProcedureColumns' COLUMN_TYPE values.
const SQL_PARAM_INPUT: i16 = 1;
const SQL_RESULT_COL: i16 = 3;

/// The procedures whose name matches (no catalogs or schemas: a catalog or
/// schema that excludes unnamed ones selects none).
fn matching(
    catalog: Option<&str>,
    schema: Option<&str>,
    procedure: Option<&str>,
    metadata_id: bool,
) -> Vec<ProcedureInfo> {
    let catalog = NameFilter::pattern(catalog, metadata_id);
    let schema = NameFilter::pattern(schema, metadata_id);
    if !catalog.keeps_unnamed() || !schema.keeps_unnamed() {
        return Vec::new();
    }
    let name = NameFilter::pattern(procedure, metadata_id);
    sql::procedures()
        .into_iter()
        .filter(|p| name.matches(p.name))
        .collect()
}

/// SQLProcedures' rows, ordered by name.
pub fn procedures_result(
    catalog: Option<&str>,
    schema: Option<&str>,
    procedure: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    let rows = matching(catalog, schema, procedure, metadata_id)
        .into_iter()
        .map(|p| {
            vec![
                Cell::Null,
                Cell::Null,
                Cell::text(p.name),
                Cell::Int(i32::try_from(p.parameters.len()).unwrap_or(i32::MAX)),
                Cell::Int(0),
                Cell::Int(1),
                Cell::text(p.remarks),
                Cell::Small(SQL_PT_PROCEDURE),
            ]
        })
        .collect();
    build(PROCEDURES_COLUMNS, rows)
}

/// SQLProcedureColumns' rows: each procedure's parameters, then its result
/// columns, as the specification orders them.
pub fn procedure_columns_result(
    catalog: Option<&str>,
    schema: Option<&str>,
    procedure: Option<&str>,
    column: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    let column = NameFilter::pattern(column, metadata_id);
    let mut rows = Vec::new();
    for p in matching(catalog, schema, procedure, metadata_id) {
        let parameters = p.parameters.iter().map(|c| (c, SQL_PARAM_INPUT));
        let results = p.columns.iter().map(|c| (c, SQL_RESULT_COL));
        for (ordinal, (c, kind)) in parameters.enumerate() {
            if column.matches(c.name) {
                rows.push(row(p.name, c, kind, ordinal as i32 + 1));
            }
        }
        // Result columns have ORDINAL_POSITION from 1 too.
        for (ordinal, (c, kind)) in results.enumerate() {
            if column.matches(c.name) {
                rows.push(row(p.name, c, kind, ordinal as i32 + 1));
            }
        }
    }
    build(PROCEDURE_COLUMNS_COLUMNS, rows)
}

fn row(procedure: &str, c: &ProcedureColumn, kind: i16, ordinal: i32) -> Vec<Cell> {
    let t = &c.sql_type;
    let mut row = vec![
        Cell::Null,
        Cell::Null,
        Cell::text(procedure),
        Cell::text(c.name),
        Cell::Small(kind),
    ];
    row.extend(type_cells(t));
    row.extend([
        Cell::Small(i16::from(c.nullable)),
        Cell::text(c.remarks),
        Cell::Null,
    ]);
    row.extend(verbose_cells(t));
    row.extend([
        Cell::Int(ordinal),
        Cell::text(if c.nullable { "YES" } else { "NO" }),
    ]);
    row
}

#[cfg(test)]
mod tests {
    use super::super::result_set::testing::*;
    use super::*;

    #[test]
    fn download_file_is_listed_with_its_parameters_and_result_columns() {
        let rs = procedures_result(None, None, Some("Download%"), false).unwrap();
        assert_eq!(
            column(&rs, "PROCEDURE_NAME"),
            vec![Cell::text("DownloadFile")]
        );
        assert_eq!(column(&rs, "NUM_INPUT_PARAMS"), vec![Cell::Int(4)]);
        assert_eq!(column(&rs, "NUM_RESULT_SETS"), vec![Cell::Int(1)]);
        assert_eq!(
            procedures_result(Some("x"), None, None, false)
                .unwrap()
                .num_rows(),
            0
        );
        assert_eq!(
            procedures_result(None, None, Some("Nope"), false)
                .unwrap()
                .num_rows(),
            0
        );

        let rs = procedure_columns_result(None, None, Some("DownloadFile"), None, false).unwrap();
        let names = column(&rs, "COLUMN_NAME");
        assert_eq!(
            names,
            [
                "AppId",
                "RecordId",
                "Field",
                "FileName",
                "FileName",
                "ContentType",
                "Size",
                "Content"
            ]
            .map(Cell::text)
            .to_vec()
        );
        let kinds = column(&rs, "COLUMN_TYPE");
        assert_eq!(kinds[0], Cell::Small(SQL_PARAM_INPUT));
        assert_eq!(kinds[7], Cell::Small(SQL_RESULT_COL));
        assert_eq!(
            column(&rs, "DATA_TYPE")[7],
            Cell::Small(-4),
            "LONGVARBINARY"
        );
        assert_eq!(
            column(&rs, "NULLABLE")[3],
            Cell::Small(1),
            "FileName may be left out"
        );
        let only = procedure_columns_result(None, None, None, Some("Content"), false).unwrap();
        assert_eq!(only.num_rows(), 1);
    }
}
