//! The catalog functions: each reads its (pattern) arguments and installs
//! the result set of [`crate::catalog_fns`] as the statement's cursor.

use std::future::Future;

use crate::catalog_fns::{self, ResultSet};
use crate::encoding::{read_str, Encoding, Narrow, Wide};
use crate::error::DriverResult;
use crate::handles::with_handle;
use crate::runtime;
use crate::statement::StmtState;
use crate::sys::*;

/// Runs one catalog function on the statement's connection.
fn run_catalog<F, Fut>(stmt: SqlHandle, make: F) -> SqlReturn
where
    F: FnOnce(sql::Session, bool) -> DriverResult<Fut>,
    Fut: Future<Output = DriverResult<ResultSet>> + Send,
{
    with_handle::<StmtState>(stmt, |h, _| {
        h.cancel.reset();
        let mut st = h.state.lock();
        if st.cursor.is_some() {
            return Err(crate::error::DriverError::new(
                "24000",
                "invalid cursor state: a cursor is open",
            ));
        }
        let session = st.dbc().state.lock().session()?;
        let work = make(session, st.attrs.metadata_id)?;
        let mut result = runtime::run(work, Some(&h.cancel), st.timeout())?;
        if st.odbc2() {
            result = result.with_odbc2_date_codes();
        }
        st.set_result_set(result)
    })
}

fn arg<E: Encoding>(ptr: *const E::Char, len: i16) -> DriverResult<Option<String>> {
    unsafe { read_str::<E>(ptr, len.into()) }
}

/// Exports the ANSI and Unicode forms of a catalog function: `S` marks a
/// string argument (`*const SQLCHAR` / `*const SQLWCHAR`).
macro_rules! export_both {
    ($narrow:ident, $wide:ident, $imp:ident, [$($p:ident : $t:tt),*]) => {
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub extern "system" fn $narrow(stmt: SqlHandle, $($p: export_both!(@ty u8, $t)),*) -> SqlReturn {
            $imp::<Narrow>(stmt, $($p),*)
        }
        #[no_mangle]
        #[allow(clippy::too_many_arguments)]
        pub extern "system" fn $wide(stmt: SqlHandle, $($p: export_both!(@ty u16, $t)),*) -> SqlReturn {
            $imp::<Wide>(stmt, $($p),*)
        }
    };
    (@ty $c:ty, S) => { *const $c };
    (@ty $c:ty, $t:ty) => { $t };
}

#[allow(clippy::too_many_arguments)]
fn tables<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
    types: *const E::Char,
    types_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, metadata_id| {
        let (cat, schema, table, types) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
            arg::<E>(types, types_len)?,
        );
        Ok(async move {
            catalog_fns::tables(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
                types.as_deref(),
                metadata_id,
            )
            .await
        })
    })
}
export_both!(SQLTables, SQLTablesW, tables, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16, types: S, types_len: i16]);

#[allow(clippy::too_many_arguments)]
fn columns<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
    column: *const E::Char,
    column_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, metadata_id| {
        let (cat, schema, table, column) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
            arg::<E>(column, column_len)?,
        );
        Ok(async move {
            catalog_fns::columns(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
                column.as_deref(),
                metadata_id,
            )
            .await
        })
    })
}
export_both!(SQLColumns, SQLColumnsW, columns, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16, column: S, column_len: i16]);

fn primary_keys<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (cat, schema, table) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
        );
        Ok(async move {
            catalog_fns::primary_keys(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
            )
            .await
        })
    })
}
export_both!(SQLPrimaryKeys, SQLPrimaryKeysW, primary_keys, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16]);

#[allow(clippy::too_many_arguments)]
fn foreign_keys<E: Encoding>(
    stmt: SqlHandle,
    pk_cat: *const E::Char,
    pk_cat_len: i16,
    pk_schema: *const E::Char,
    pk_schema_len: i16,
    pk_table: *const E::Char,
    pk_table_len: i16,
    fk_cat: *const E::Char,
    fk_cat_len: i16,
    fk_schema: *const E::Char,
    fk_schema_len: i16,
    fk_table: *const E::Char,
    fk_table_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (pc, ps, pt) = (
            arg::<E>(pk_cat, pk_cat_len)?,
            arg::<E>(pk_schema, pk_schema_len)?,
            arg::<E>(pk_table, pk_table_len)?,
        );
        let (fc, fs, ft) = (
            arg::<E>(fk_cat, fk_cat_len)?,
            arg::<E>(fk_schema, fk_schema_len)?,
            arg::<E>(fk_table, fk_table_len)?,
        );
        Ok(async move {
            catalog_fns::foreign_keys(
                &session,
                pc.as_deref(),
                ps.as_deref(),
                pt.as_deref(),
                fc.as_deref(),
                fs.as_deref(),
                ft.as_deref(),
            )
            .await
        })
    })
}
export_both!(SQLForeignKeys, SQLForeignKeysW, foreign_keys, [pk_cat: S, pk_cat_len: i16, pk_schema: S, pk_schema_len: i16, pk_table: S, pk_table_len: i16, fk_cat: S, fk_cat_len: i16, fk_schema: S, fk_schema_len: i16, fk_table: S, fk_table_len: i16]);

#[allow(clippy::too_many_arguments)]
fn statistics<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
    unique: u16,
    reserved: u16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (cat, schema, table) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
        );
        Ok(async move {
            catalog_fns::statistics(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
                unique,
                reserved,
            )
            .await
        })
    })
}
export_both!(SQLStatistics, SQLStatisticsW, statistics, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16, unique: u16, reserved: u16]);

#[allow(clippy::too_many_arguments)]
fn special_columns<E: Encoding>(
    stmt: SqlHandle,
    identifier: u16,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
    scope: u16,
    nullable: u16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (cat, schema, table) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
        );
        Ok(async move {
            catalog_fns::special_columns(
                &session,
                identifier,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
                scope,
                nullable,
            )
            .await
        })
    })
}
export_both!(SQLSpecialColumns, SQLSpecialColumnsW, special_columns, [identifier: u16, cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16, scope: u16, nullable: u16]);

fn procedures<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    proc_: *const E::Char,
    proc_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |_session, metadata_id| {
        let (cat, schema, proc_) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(proc_, proc_len)?,
        );
        Ok(async move {
            catalog_fns::procedures_result(
                cat.as_deref(),
                schema.as_deref(),
                proc_.as_deref(),
                metadata_id,
            )
        })
    })
}
export_both!(SQLProcedures, SQLProceduresW, procedures, [cat: S, cat_len: i16, schema: S, schema_len: i16, proc_: S, proc_len: i16]);

#[allow(clippy::too_many_arguments)]
fn procedure_columns<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    proc_: *const E::Char,
    proc_len: i16,
    column: *const E::Char,
    column_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |_session, metadata_id| {
        let (cat, schema, proc_, column) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(proc_, proc_len)?,
            arg::<E>(column, column_len)?,
        );
        Ok(async move {
            catalog_fns::procedure_columns_result(
                cat.as_deref(),
                schema.as_deref(),
                proc_.as_deref(),
                column.as_deref(),
                metadata_id,
            )
        })
    })
}
export_both!(SQLProcedureColumns, SQLProcedureColumnsW, procedure_columns, [cat: S, cat_len: i16, schema: S, schema_len: i16, proc_: S, proc_len: i16, column: S, column_len: i16]);

fn table_privileges<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (cat, schema, table) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
        );
        Ok(async move {
            catalog_fns::table_privileges(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
            )
            .await
        })
    })
}
export_both!(SQLTablePrivileges, SQLTablePrivilegesW, table_privileges, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16]);

#[allow(clippy::too_many_arguments)]
fn column_privileges<E: Encoding>(
    stmt: SqlHandle,
    cat: *const E::Char,
    cat_len: i16,
    schema: *const E::Char,
    schema_len: i16,
    table: *const E::Char,
    table_len: i16,
    column: *const E::Char,
    column_len: i16,
) -> SqlReturn {
    run_catalog(stmt, |session, _| {
        let (cat, schema, table, column) = (
            arg::<E>(cat, cat_len)?,
            arg::<E>(schema, schema_len)?,
            arg::<E>(table, table_len)?,
            arg::<E>(column, column_len)?,
        );
        Ok(async move {
            catalog_fns::column_privileges(
                &session,
                cat.as_deref(),
                schema.as_deref(),
                table.as_deref(),
                column.as_deref(),
            )
            .await
        })
    })
}
export_both!(SQLColumnPrivileges, SQLColumnPrivilegesW, column_privileges, [cat: S, cat_len: i16, schema: S, schema_len: i16, table: S, table_len: i16, column: S, column_len: i16]);

#[allow(clippy::extra_unused_type_parameters)] // one generic per export pair, like the others
fn get_type_info<E: Encoding>(stmt: SqlHandle, data_type: i16) -> SqlReturn {
    run_catalog(stmt, |_session, _| {
        // Needs a connection (as every catalog function) but no request.
        Ok(async move { catalog_fns::type_info(data_type) })
    })
}
export_both!(SQLGetTypeInfo, SQLGetTypeInfoW, get_type_info, [data_type: i16]);
