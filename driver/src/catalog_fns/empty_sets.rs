//! The result-set columns of SQLProcedures and SQLProcedureColumns (their
//! rows are in `procedures`), and SQLTablePrivileges and
//! SQLColumnPrivileges: Kintone's permissions are not SQL grants, so these
//! two return their specification columns and no rows
//! (SQL_ACCESSIBLE_TABLES "Y" says every listed table can be read).

use super::result_set::{
    build, int, sized_text, small, text, ColumnSpec, ResultSet, REMARKS_LENGTH,
};
use crate::DriverError;

/// SQLProcedures' 8 columns.
pub const PROCEDURES_COLUMNS: &[ColumnSpec] = &[
    text("PROCEDURE_CAT", true),
    text("PROCEDURE_SCHEM", true),
    text("PROCEDURE_NAME", false),
    int("NUM_INPUT_PARAMS", true),
    int("NUM_OUTPUT_PARAMS", true),
    int("NUM_RESULT_SETS", true),
    sized_text("REMARKS", REMARKS_LENGTH, true),
    small("PROCEDURE_TYPE", true),
];

/// SQLProcedureColumns' 19 columns.
pub const PROCEDURE_COLUMNS_COLUMNS: &[ColumnSpec] = &[
    text("PROCEDURE_CAT", true),
    text("PROCEDURE_SCHEM", true),
    text("PROCEDURE_NAME", false),
    text("COLUMN_NAME", false),
    small("COLUMN_TYPE", false),
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

/// SQLTablePrivileges' 7 columns.
pub const TABLE_PRIVILEGES_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", false),
    text("GRANTOR", true),
    text("GRANTEE", false),
    text("PRIVILEGE", false),
    text("IS_GRANTABLE", true),
];

/// SQLColumnPrivileges' 8 columns.
pub const COLUMN_PRIVILEGES_COLUMNS: &[ColumnSpec] = &[
    text("TABLE_CAT", true),
    text("TABLE_SCHEM", true),
    text("TABLE_NAME", false),
    text("COLUMN_NAME", false),
    text("GRANTOR", true),
    text("GRANTEE", false),
    text("PRIVILEGE", false),
    text("IS_GRANTABLE", true),
];

pub fn table_privileges_result() -> Result<ResultSet, DriverError> {
    build(TABLE_PRIVILEGES_COLUMNS, Vec::new())
}

pub fn column_privileges_result() -> Result<ResultSet, DriverError> {
    build(COLUMN_PRIVILEGES_COLUMNS, Vec::new())
}

#[cfg(test)]
mod tests {
    use sql::SqlType;

    use super::super::result_set::testing::*;
    use super::*;

    const W: SqlType = SqlType::WVarchar { length: 128 };
    const R: SqlType = SqlType::WVarchar { length: 254 };
    const S: SqlType = SqlType::SmallInt;
    const I: SqlType = SqlType::Integer;

    #[test]
    fn procedures_columns() {
        let rs = super::super::procedures_result(None, None, None, false).unwrap();
        assert_eq!(rs.num_rows(), 1);
        assert_columns(
            &rs,
            &[
                ("PROCEDURE_CAT", W, true),
                ("PROCEDURE_SCHEM", W, true),
                ("PROCEDURE_NAME", W, false),
                ("NUM_INPUT_PARAMS", I, true),
                ("NUM_OUTPUT_PARAMS", I, true),
                ("NUM_RESULT_SETS", I, true),
                ("REMARKS", R, true),
                ("PROCEDURE_TYPE", S, true),
            ],
        );
    }

    #[test]
    fn procedure_columns_columns() {
        let rs = super::super::procedure_columns_result(None, None, None, None, false).unwrap();
        assert_eq!(rs.num_rows(), 8);
        assert_columns(
            &rs,
            &[
                ("PROCEDURE_CAT", W, true),
                ("PROCEDURE_SCHEM", W, true),
                ("PROCEDURE_NAME", W, false),
                ("COLUMN_NAME", W, false),
                ("COLUMN_TYPE", S, false),
                ("DATA_TYPE", S, false),
                ("TYPE_NAME", W, false),
                ("COLUMN_SIZE", I, true),
                ("BUFFER_LENGTH", I, true),
                ("DECIMAL_DIGITS", S, true),
                ("NUM_PREC_RADIX", S, true),
                ("NULLABLE", S, false),
                ("REMARKS", R, true),
                ("COLUMN_DEF", R, true),
                ("SQL_DATA_TYPE", S, false),
                ("SQL_DATETIME_SUB", S, true),
                ("CHAR_OCTET_LENGTH", I, true),
                ("ORDINAL_POSITION", I, false),
                ("IS_NULLABLE", W, true),
            ],
        );
    }

    #[test]
    fn privileges_columns() {
        let rs = table_privileges_result().unwrap();
        assert_eq!(rs.num_rows(), 0);
        assert_columns(
            &rs,
            &[
                ("TABLE_CAT", W, true),
                ("TABLE_SCHEM", W, true),
                ("TABLE_NAME", W, false),
                ("GRANTOR", W, true),
                ("GRANTEE", W, false),
                ("PRIVILEGE", W, false),
                ("IS_GRANTABLE", W, true),
            ],
        );
        let rs = column_privileges_result().unwrap();
        assert_columns(
            &rs,
            &[
                ("TABLE_CAT", W, true),
                ("TABLE_SCHEM", W, true),
                ("TABLE_NAME", W, false),
                ("COLUMN_NAME", W, false),
                ("GRANTOR", W, true),
                ("GRANTEE", W, false),
                ("PRIVILEGE", W, false),
                ("IS_GRANTABLE", W, true),
            ],
        );
    }
}
