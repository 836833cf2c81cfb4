//! SQLPrimaryKeys, SQLForeignKeys, SQLStatistics and SQLSpecialColumns:
//! what the catalog knows about keys. An app table's key is RecordId
//! (Kintone's `$id`); a subtable table's is (RecordId, RowId) and its
//! RecordId refers to the parent app table; Revision is the row version.

use sql::{ColumnInfo, ForeignKey};

use super::pattern::NameFilter;
use super::result_set::{build, int, sized_text, small, text, Cell, ColumnSpec, ResultSet};
use crate::odbc_type as ot;
use crate::DriverError;

/// SQLPrimaryKeys' columns.
pub const PRIMARY_KEYS_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", false),
    text("COLUMN_NAME", false),
    small("KEY_SEQ", false),
    text("PK_NAME", true),
];

/// SQLForeignKeys' 14 columns.
pub const FOREIGN_KEYS_COLUMNS: &[ColumnSpec] = &[
    text("PKTABLE_CAT", true),
    text("PKTABLE_SCHEM", true),
    text("PKTABLE_NAME", false),
    text("PKCOLUMN_NAME", false),
    text("FKTABLE_CAT", true),
    text("FKTABLE_SCHEM", true),
    text("FKTABLE_NAME", false),
    text("FKCOLUMN_NAME", false),
    small("KEY_SEQ", false),
    small("UPDATE_RULE", true),
    small("DELETE_RULE", true),
    text("FK_NAME", true),
    text("PK_NAME", true),
    small("DEFERRABILITY", true),
];

/// SQLStatistics' 13 columns.
pub const STATISTICS_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", false),
    small("NON_UNIQUE", true),
    text("INDEX_QUALIFIER", true),
    text("INDEX_NAME", true),
    small("TYPE", false),
    small("ORDINAL_POSITION", true),
    text("COLUMN_NAME", true),
    sized_text("ASC_OR_DESC", 1, true),
    int("CARDINALITY", true),
    int("PAGES", true),
    text("FILTER_CONDITION", true),
];

/// SQLSpecialColumns' 8 columns.
pub const SPECIAL_COLUMNS_COLUMNS: &[ColumnSpec] = &[
    small("SCOPE", true),
    text("COLUMN_NAME", false),
    small("DATA_TYPE", false),
    text("TYPE_NAME", false),
    int("COLUMN_SIZE", true),
    int("BUFFER_LENGTH", true),
    small("DECIMAL_DIGITS", true),
    small("PSEUDO_COLUMN", true),
];

const SQL_NO_ACTION: i16 = 3;
const SQL_CASCADE: i16 = 0;
const SQL_NOT_DEFERRABLE: i16 = 7;
const SQL_TABLE_STAT: i16 = 0;
const SQL_INDEX_OTHER: i16 = 3;
const SQL_INDEX_UNIQUE: u16 = 0;
const SQL_INDEX_ALL: u16 = 1;
const SQL_QUICK: u16 = 0;
const SQL_ENSURE: u16 = 1;
/// SQLSpecialColumns' IdentifierType values.
pub const SQL_BEST_ROWID: u16 = 1;
pub const SQL_ROWVER: u16 = 2;
const SQL_SCOPE_SESSION: i16 = 2;
const SQL_NO_NULLS: u16 = 0;
const SQL_NULLABLE: u16 = 1;
const SQL_PC_NOT_PSEUDO: i16 = 1;

/// The name of a table's primary key.
pub fn primary_key_name(table: &str) -> String {
    format!("PK_{table}")
}

/// The key columns of one table, in key order.
fn key_columns(columns: &[ColumnInfo]) -> Vec<&ColumnInfo> {
    let mut keys: Vec<&ColumnInfo> = columns
        .iter()
        .filter(|c| c.primary_key_seq.is_some())
        .collect();
    keys.sort_by_key(|c| c.primary_key_seq);
    keys
}

/// Objects have no catalog or schema: an ordinary catalog/schema argument
/// other than null or "" selects nothing.
fn no_catalog_or_schema(catalog: Option<&str>, schema: Option<&str>) -> bool {
    NameFilter::ordinary(catalog).keeps_unnamed() && NameFilter::ordinary(schema).keeps_unnamed()
}

/// SQLPrimaryKeys over the columns of the one table asked for.
pub fn primary_keys_result(
    catalog: Option<&str>,
    schema: Option<&str>,
    columns: &[ColumnInfo],
) -> Result<ResultSet, DriverError> {
    if !no_catalog_or_schema(catalog, schema) {
        return build(PRIMARY_KEYS_COLUMNS, Vec::new());
    }
    let rows = key_columns(columns)
        .into_iter()
        .map(|c| {
            vec![
                Cell::Null,
                Cell::Null,
                Cell::text(&c.table),
                Cell::text(&c.name),
                Cell::opt_small(c.primary_key_seq.map(|s| s as i16)),
                Cell::text(primary_key_name(&c.table)),
            ]
        })
        .collect();
    build(PRIMARY_KEYS_COLUMNS, rows)
}

/// SQLForeignKeys: the keys referring to `pk_table`'s primary key, the keys
/// of `fk_table`, or the one between them when both are given.
#[allow(clippy::too_many_arguments)]
pub fn foreign_keys_result(
    keys: &[ForeignKey],
    pk_catalog: Option<&str>,
    pk_schema: Option<&str>,
    pk_table: Option<&str>,
    fk_catalog: Option<&str>,
    fk_schema: Option<&str>,
    fk_table: Option<&str>,
) -> Result<ResultSet, DriverError> {
    if pk_table.is_none() && fk_table.is_none() {
        return Err(DriverError::new(
            "HY009",
            "Invalid use of null pointer: PKTableName or FKTableName is required",
        ));
    }
    if !no_catalog_or_schema(pk_catalog, pk_schema) || !no_catalog_or_schema(fk_catalog, fk_schema)
    {
        return build(FOREIGN_KEYS_COLUMNS, Vec::new());
    }
    let pk = NameFilter::ordinary(pk_table);
    let fk = NameFilter::ordinary(fk_table);
    let mut selected: Vec<&ForeignKey> = keys
        .iter()
        .filter(|k| pk.matches(&k.pk_table) && fk.matches(&k.fk_table))
        .collect();
    // With an FK table the rows are ordered by the PK table, else by the FK table.
    if fk_table.is_some() {
        selected.sort_by(|a, b| (&a.pk_table, a.key_seq).cmp(&(&b.pk_table, b.key_seq)));
    } else {
        selected.sort_by(|a, b| (&a.fk_table, a.key_seq).cmp(&(&b.fk_table, b.key_seq)));
    }
    let rows = selected
        .into_iter()
        .map(|k| {
            vec![
                Cell::Null,
                Cell::Null,
                Cell::text(&k.pk_table),
                Cell::text(&k.pk_column),
                Cell::Null,
                Cell::Null,
                Cell::text(&k.fk_table),
                Cell::text(&k.fk_column),
                Cell::Small(k.key_seq as i16),
                // RecordId never changes; deleting a record deletes its rows.
                Cell::Small(SQL_NO_ACTION),
                Cell::Small(SQL_CASCADE),
                Cell::opt_text(Some(&k.fk_name)),
                Cell::opt_text(Some(&k.pk_name)),
                Cell::Small(SQL_NOT_DEFERRABLE),
            ]
        })
        .collect();
    build(FOREIGN_KEYS_COLUMNS, rows)
}

/// SQLStatistics of one table: a SQL_TABLE_STAT row (cardinality unknown
/// without reading the app) and the unique index behind the primary key.
pub fn statistics_result(
    catalog: Option<&str>,
    schema: Option<&str>,
    table: &str,
    columns: &[ColumnInfo],
    unique: u16,
    reserved: u16,
) -> Result<ResultSet, DriverError> {
    if unique != SQL_INDEX_UNIQUE && unique != SQL_INDEX_ALL {
        return Err(DriverError::new(
            "HY100",
            "Uniqueness option type out of range",
        ));
    }
    if reserved != SQL_QUICK && reserved != SQL_ENSURE {
        return Err(DriverError::new(
            "HY101",
            "Accuracy option type out of range",
        ));
    }
    if !no_catalog_or_schema(catalog, schema) || columns.is_empty() {
        return build(STATISTICS_COLUMNS, Vec::new());
    }
    let mut rows = vec![vec![
        Cell::Null,
        Cell::Null,
        Cell::text(table),
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Small(SQL_TABLE_STAT),
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
    ]];
    for c in key_columns(columns) {
        rows.push(vec![
            Cell::Null,
            Cell::Null,
            Cell::text(table),
            Cell::Small(0), // SQL_FALSE: unique
            Cell::Null,
            Cell::text(primary_key_name(table)),
            Cell::Small(SQL_INDEX_OTHER),
            Cell::opt_small(c.primary_key_seq.map(|s| s as i16)),
            Cell::text(&c.name),
            Cell::text("A"),
            Cell::Null,
            Cell::Null,
            Cell::Null,
        ]);
    }
    build(STATISTICS_COLUMNS, rows)
}

/// SQLSpecialColumns: the primary key (SQL_BEST_ROWID, valid for the
/// session) or the Revision column (SQL_ROWVER).
pub fn special_columns_result(
    identifier_type: u16,
    catalog: Option<&str>,
    schema: Option<&str>,
    columns: &[ColumnInfo],
    scope: u16,
    nullable: u16,
) -> Result<ResultSet, DriverError> {
    if identifier_type != SQL_BEST_ROWID && identifier_type != SQL_ROWVER {
        return Err(DriverError::new("HY097", "Column type out of range"));
    }
    if scope > SQL_SCOPE_SESSION as u16 {
        return Err(DriverError::new("HY098", "Scope type out of range"));
    }
    if nullable != SQL_NO_NULLS && nullable != SQL_NULLABLE {
        return Err(DriverError::new("HY099", "Nullable type out of range"));
    }
    if !no_catalog_or_schema(catalog, schema) {
        return build(SPECIAL_COLUMNS_COLUMNS, Vec::new());
    }
    let (chosen, row_scope): (Vec<&ColumnInfo>, Cell) = if identifier_type == SQL_BEST_ROWID {
        (key_columns(columns), Cell::Small(SQL_SCOPE_SESSION))
    } else {
        let versions = columns
            .iter()
            .filter(|c| c.field_code.as_deref() == Some("$revision"))
            .collect();
        (versions, Cell::Null)
    };
    let rows = chosen
        .into_iter()
        .filter(|c| nullable == SQL_NULLABLE || !c.nullable)
        .map(|c| {
            let t = &c.sql_type;
            vec![
                row_scope.clone(),
                Cell::text(&c.name),
                Cell::Small(ot::concise_type(t, false)),
                Cell::text(ot::type_name(t)),
                Cell::Int(ot::column_size(t)),
                Cell::Int(ot::transfer_octet_length(t)),
                Cell::opt_small(ot::decimal_digits(t)),
                Cell::Small(SQL_PC_NOT_PSEUDO),
            ]
        })
        .collect();
    build(SPECIAL_COLUMNS_COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use sql::SqlType;

    use super::super::result_set::testing::*;
    use super::super::test_data::*;
    use super::*;
    use Cell::{Int, Null, Small};

    const W: SqlType = SqlType::WVarchar { length: 128 };
    const S: SqlType = SqlType::SmallInt;
    const I: SqlType = SqlType::Integer;

    #[test]
    fn primary_keys_columns_and_rows() {
        let rs = primary_keys_result(None, None, &line_items_columns()).unwrap();
        assert_columns(
            &rs,
            &[
                ("TABLE_CAT", W, true),
                ("TABLE_SCHEM", W, true),
                ("TABLE_NAME", W, false),
                ("COLUMN_NAME", W, false),
                ("KEY_SEQ", S, false),
                ("PK_NAME", W, true),
            ],
        );
        assert_eq!(
            rows(&rs),
            [
                vec![
                    Null,
                    Null,
                    Cell::text("Deals_line_items"),
                    Cell::text("RecordId"),
                    Small(1),
                    Cell::text("PK_Deals_line_items")
                ],
                vec![
                    Null,
                    Null,
                    Cell::text("Deals_line_items"),
                    Cell::text("RowId"),
                    Small(2),
                    Cell::text("PK_Deals_line_items")
                ],
            ]
        );
        assert_eq!(
            primary_keys_result(Some("cat"), None, &deals_columns())
                .unwrap()
                .num_rows(),
            0
        );
        assert_eq!(
            primary_keys_result(Some(""), Some(""), &deals_columns())
                .unwrap()
                .num_rows(),
            1
        );
    }

    #[test]
    fn foreign_keys_columns_and_directions() {
        let keys = demo_foreign_keys();
        let rs = foreign_keys_result(&keys, None, None, Some("Deals"), None, None, None).unwrap();
        assert_columns(
            &rs,
            &[
                ("PKTABLE_CAT", W, true),
                ("PKTABLE_SCHEM", W, true),
                ("PKTABLE_NAME", W, false),
                ("PKCOLUMN_NAME", W, false),
                ("FKTABLE_CAT", W, true),
                ("FKTABLE_SCHEM", W, true),
                ("FKTABLE_NAME", W, false),
                ("FKCOLUMN_NAME", W, false),
                ("KEY_SEQ", S, false),
                ("UPDATE_RULE", S, true),
                ("DELETE_RULE", S, true),
                ("FK_NAME", W, true),
                ("PK_NAME", W, true),
                ("DEFERRABILITY", S, true),
            ],
        );
        assert_eq!(
            rows(&rs),
            [vec![
                Null,
                Null,
                Cell::text("Deals"),
                Cell::text("RecordId"),
                Null,
                Null,
                Cell::text("Deals_line_items"),
                Cell::text("RecordId"),
                Small(1),
                Small(3),
                Small(0),
                Cell::text("FK_Deals_line_items_Deals"),
                Cell::text("PK_Deals"),
                Small(7),
            ]]
        );
        let by_fk = foreign_keys_result(
            &keys,
            None,
            None,
            None,
            None,
            None,
            Some("Deals_line_items"),
        )
        .unwrap();
        assert_eq!(by_fk.num_rows(), 1);
        let both = foreign_keys_result(
            &keys,
            None,
            None,
            Some("Customers"),
            None,
            None,
            Some("Deals_line_items"),
        );
        assert_eq!(both.unwrap().num_rows(), 0);
        assert_eq!(
            foreign_keys_result(
                &keys,
                None,
                None,
                Some("Deals_line_items"),
                None,
                None,
                None
            )
            .unwrap()
            .num_rows(),
            0
        );
        let err = foreign_keys_result(&keys, None, None, None, None, None, None).unwrap_err();
        assert_eq!(err.sqlstate, "HY009");
    }

    #[test]
    fn statistics_columns_and_rows() {
        let rs = statistics_result(None, None, "Deals", &deals_columns(), 1, 0).unwrap();
        assert_columns(
            &rs,
            &[
                ("TABLE_CAT", W, true),
                ("TABLE_SCHEM", W, true),
                ("TABLE_NAME", W, false),
                ("NON_UNIQUE", S, true),
                ("INDEX_QUALIFIER", W, true),
                ("INDEX_NAME", W, true),
                ("TYPE", S, false),
                ("ORDINAL_POSITION", S, true),
                ("COLUMN_NAME", W, true),
                ("ASC_OR_DESC", SqlType::WVarchar { length: 1 }, true),
                ("CARDINALITY", I, true),
                ("PAGES", I, true),
                ("FILTER_CONDITION", W, true),
            ],
        );
        let r = rows(&rs);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0][6], Small(0), "SQL_TABLE_STAT first");
        assert_eq!(r[0][3], Null);
        assert_eq!(
            r[1],
            [
                Null,
                Null,
                Cell::text("Deals"),
                Small(0),
                Null,
                Cell::text("PK_Deals"),
                Small(3),
                Small(1),
                Cell::text("RecordId"),
                Cell::text("A"),
                Null,
                Null,
                Null
            ]
        );
        assert_eq!(
            statistics_result(None, None, "Nope", &[], 0, 0)
                .unwrap()
                .num_rows(),
            0
        );
        assert_eq!(
            statistics_result(None, None, "Deals", &deals_columns(), 2, 0)
                .unwrap_err()
                .sqlstate,
            "HY100"
        );
        assert_eq!(
            statistics_result(None, None, "Deals", &deals_columns(), 0, 2)
                .unwrap_err()
                .sqlstate,
            "HY101"
        );
    }

    #[test]
    fn special_columns_rowid_and_rowver() {
        let rs =
            special_columns_result(SQL_BEST_ROWID, None, None, &deals_columns(), 0, 0).unwrap();
        assert_columns(
            &rs,
            &[
                ("SCOPE", S, true),
                ("COLUMN_NAME", W, false),
                ("DATA_TYPE", S, false),
                ("TYPE_NAME", W, false),
                ("COLUMN_SIZE", I, true),
                ("BUFFER_LENGTH", I, true),
                ("DECIMAL_DIGITS", S, true),
                ("PSEUDO_COLUMN", S, true),
            ],
        );
        assert_eq!(
            rows(&rs),
            [vec![
                Small(2),
                Cell::text("RecordId"),
                Small(-5),
                Cell::text("BIGINT"),
                Int(19),
                Int(8),
                Small(0),
                Small(1)
            ]]
        );
        let sub = special_columns_result(SQL_BEST_ROWID, None, None, &line_items_columns(), 2, 1)
            .unwrap();
        assert_eq!(
            column(&sub, "COLUMN_NAME"),
            [Cell::text("RecordId"), Cell::text("RowId")]
        );
        let ver = special_columns_result(SQL_ROWVER, None, None, &deals_columns(), 0, 1).unwrap();
        assert_eq!(column(&ver, "COLUMN_NAME"), [Cell::text("Revision")]);
        assert_eq!(column(&ver, "SCOPE"), [Null]);
        let none =
            special_columns_result(SQL_ROWVER, None, None, &line_items_columns(), 0, 1).unwrap();
        assert_eq!(none.num_rows(), 0);
        assert_eq!(
            special_columns_result(3, None, None, &deals_columns(), 0, 0)
                .unwrap_err()
                .sqlstate,
            "HY097"
        );
        assert_eq!(
            special_columns_result(1, None, None, &deals_columns(), 3, 0)
                .unwrap_err()
                .sqlstate,
            "HY098"
        );
        assert_eq!(
            special_columns_result(1, None, None, &deals_columns(), 0, 2)
                .unwrap_err()
                .sqlstate,
            "HY099"
        );
    }
}
