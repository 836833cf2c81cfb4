//! SQLTables.

use sql::{TableInfo, TableKind};

use super::pattern::{self, NameFilter};
use super::result_set::{build, sized_text, text, Cell, ColumnSpec, ResultSet, REMARKS_LENGTH};
use crate::DriverError;

/// SQLTables' result set columns.
pub const TABLES_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", true),
    text("TABLE_TYPE", true),
    sized_text("REMARKS", REMARKS_LENGTH, true),
];

/// Every table type the driver has, in TABLE_TYPE order.
pub const TABLE_TYPES: &[TableKind] = &[TableKind::SystemTable, TableKind::Table, TableKind::View];

/// SQLTables over the connection's tables.
///
/// Special enumerations (ODBC 3): catalog `%` with empty schema and table
/// lists catalogs; schema `%` with empty catalog and table lists schemas
/// (the driver has neither, so both are empty); table type `%` with the
/// three names empty lists the table types.
pub fn tables_result(
    tables: &[TableInfo],
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    table_types: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    let empty = |arg: Option<&str>| arg == Some("");
    if catalog == Some("%") && empty(schema) && empty(table) {
        return build(TABLES_COLUMNS, Vec::new());
    }
    if schema == Some("%") && empty(catalog) && empty(table) {
        return build(TABLES_COLUMNS, Vec::new());
    }
    if table_types == Some("%") && empty(catalog) && empty(schema) && empty(table) {
        let rows = TABLE_TYPES
            .iter()
            .map(|kind| {
                vec![
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::text(kind.as_str()),
                    Cell::Null,
                ]
            })
            .collect();
        return build(TABLES_COLUMNS, rows);
    }
    if metadata_id {
        pattern::required(table, "TableName")?;
    }
    let catalog = NameFilter::pattern(catalog, metadata_id);
    let schema = NameFilter::pattern(schema, metadata_id);
    if !catalog.keeps_unnamed() || !schema.keeps_unnamed() {
        return build(TABLES_COLUMNS, Vec::new());
    }
    let name = NameFilter::pattern(table, metadata_id);
    let wanted = pattern::table_types(table_types);
    let mut selected: Vec<&TableInfo> = tables
        .iter()
        .filter(|t| name.matches(&t.name))
        .filter(|t| {
            wanted
                .as_ref()
                .is_none_or(|w| w.iter().any(|k| k == t.kind.as_str()))
        })
        .collect();
    selected.sort_by(|a, b| (a.kind.as_str(), &a.name).cmp(&(b.kind.as_str(), &b.name)));
    let rows = selected
        .into_iter()
        .map(|t| {
            vec![
                Cell::Null,
                Cell::Null,
                Cell::text(&t.name),
                Cell::text(t.kind.as_str()),
                Cell::opt_text(Some(&t.remarks)),
            ]
        })
        .collect();
    build(TABLES_COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use sql::SqlType;

    use super::super::result_set::testing::*;
    use super::super::test_data::demo_tables;
    use super::*;

    fn names_of(rs: &ResultSet) -> Vec<String> {
        column(rs, "TABLE_NAME")
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => s,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    fn run(c: Option<&str>, s: Option<&str>, t: Option<&str>, types: Option<&str>) -> ResultSet {
        tables_result(&demo_tables(), c, s, t, types, false).unwrap()
    }

    #[test]
    fn columns_are_the_specifications() {
        let w = |n| SqlType::WVarchar { length: n };
        assert_columns(
            &run(None, None, None, None),
            &[
                ("TABLE_CAT", w(128), true),
                ("TABLE_SCHEM", w(128), true),
                ("TABLE_NAME", w(128), true),
                ("TABLE_TYPE", w(128), true),
                ("REMARKS", w(254), true),
            ],
        );
    }

    #[test]
    fn all_tables_ordered_by_type_then_name() {
        let rs = run(None, None, None, None);
        assert_eq!(
            names_of(&rs),
            [
                "Apps",
                "FormFields",
                "Customers",
                "Deals",
                "Deals_line_items",
                "Tasks",
                "OpenDeals"
            ]
        );
        let first = &rows(&rs)[0];
        assert_eq!(first[0], Cell::Null, "no catalogs");
        assert_eq!(first[1], Cell::Null, "no schemas");
        assert_eq!(first[3], Cell::text("SYSTEM TABLE"));
        assert_eq!(rows(&rs)[2][4], Cell::text("Customers of the demo"));
        assert_eq!(rows(&rs)[3][4], Cell::Null, "empty remarks are NULL");
    }

    #[test]
    fn power_bi_table_view_filter() {
        let rs = run(None, None, None, Some("TABLE,VIEW"));
        assert_eq!(
            names_of(&rs),
            [
                "Customers",
                "Deals",
                "Deals_line_items",
                "Tasks",
                "OpenDeals"
            ]
        );
        let quoted = run(None, None, None, Some("'TABLE','VIEW'"));
        assert_eq!(names_of(&quoted), names_of(&rs));
        assert_eq!(
            names_of(&run(None, None, None, Some("'SYSTEM TABLE'"))),
            ["Apps", "FormFields"]
        );
        assert_eq!(
            names_of(&run(None, None, None, Some("SYNONYM"))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn name_patterns() {
        assert_eq!(
            names_of(&run(None, None, Some("Deals%"), None)),
            ["Deals", "Deals_line_items"]
        );
        assert_eq!(
            names_of(&run(None, None, Some("Deals\\_%"), None)),
            ["Deals_line_items"]
        );
        assert_eq!(names_of(&run(None, None, Some("_asks"), None)), ["Tasks"]);
        assert_eq!(
            names_of(&run(None, None, Some("deals"), None)),
            Vec::<String>::new()
        );
        assert_eq!(
            names_of(&run(None, None, Some(""), None)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn catalog_and_schema_arguments() {
        assert_eq!(run(Some(""), Some(""), None, None).num_rows(), 7);
        assert_eq!(run(Some("%"), Some("%"), None, None).num_rows(), 7);
        assert_eq!(run(Some("main"), None, None, None).num_rows(), 0);
        assert_eq!(run(None, Some("public"), None, None).num_rows(), 0);
    }

    #[test]
    fn special_enumerations() {
        let catalogs = run(Some("%"), Some(""), Some(""), None);
        assert_eq!(catalogs.num_rows(), 0, "no catalogs");
        assert_eq!(names(&catalogs).len(), 5);
        assert_eq!(
            run(Some(""), Some("%"), Some(""), None).num_rows(),
            0,
            "no schemas"
        );
        let types = run(Some(""), Some(""), Some(""), Some("%"));
        assert_eq!(
            column(&types, "TABLE_TYPE"),
            [
                Cell::text("SYSTEM TABLE"),
                Cell::text("TABLE"),
                Cell::text("VIEW")
            ]
        );
        assert_eq!(
            column(&types, "TABLE_NAME"),
            [Cell::Null, Cell::Null, Cell::Null]
        );
    }

    #[test]
    fn identifiers_with_metadata_id() {
        let tables = demo_tables();
        let rs = tables_result(&tables, None, None, Some("customers"), None, true).unwrap();
        assert_eq!(names_of(&rs), ["Customers"]);
        let rs = tables_result(&tables, None, None, Some("\"customers\""), None, true).unwrap();
        assert_eq!(rs.num_rows(), 0);
        let rs = tables_result(&tables, None, None, Some("Deals%"), None, true).unwrap();
        assert_eq!(rs.num_rows(), 0, "% is a character in an identifier");
        let err = tables_result(&tables, None, None, None, None, true).unwrap_err();
        assert_eq!(err.sqlstate, "HY009");
    }
}
