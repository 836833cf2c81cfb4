//! Result sets of the catalog functions (SQLTables, SQLColumns, ...,
//! SQLGetTypeInfo), with the ODBC 3 column names, order and types.
//!
//! The logic is pure functions over the SQL layer's catalog descriptions
//! ([`sql::TableInfo`], [`sql::ColumnInfo`], [`sql::ForeignKey`]); the async
//! functions here only fetch those from the [`sql::Session`]. The driver has
//! no catalogs and no schemas: TABLE_CAT and TABLE_SCHEM are NULL, and a
//! catalog or schema argument selects rows only if it matches the empty name.

mod columns;
mod empty_sets;
mod keys;
mod pattern;
mod procedures;
mod result_set;
mod tables;
mod type_info;

#[cfg(test)]
mod test_data;

use sql::{ColumnInfo, Session, TableInfo};

pub use columns::{columns_result, matching_tables, COLUMNS_COLUMNS};
pub use empty_sets::{
    column_privileges_result, table_privileges_result, COLUMN_PRIVILEGES_COLUMNS,
    PROCEDURES_COLUMNS, PROCEDURE_COLUMNS_COLUMNS, TABLE_PRIVILEGES_COLUMNS,
};
pub use keys::{
    foreign_keys_result, primary_key_name, primary_keys_result, special_columns_result,
    statistics_result, FOREIGN_KEYS_COLUMNS, PRIMARY_KEYS_COLUMNS, SPECIAL_COLUMNS_COLUMNS,
    SQL_BEST_ROWID, SQL_ROWVER, STATISTICS_COLUMNS,
};
pub use pattern::{NameFilter, ESCAPE};
pub use procedures::{procedure_columns_result, procedures_result};
pub use result_set::{Cell, ColumnSpec, ResultSet};
pub use tables::{tables_result, TABLES_COLUMNS, TABLE_TYPES};
pub use type_info::{type_info, REPORTED_TYPES, TYPE_INFO_COLUMNS};

use crate::DriverError;

/// Every table of the connection.
async fn all_tables(session: &Session) -> Result<Vec<TableInfo>, DriverError> {
    session.tables().await.map_err(DriverError::from)
}

/// The columns of one table named exactly `name` (none if there is no such
/// table: catalog functions return empty sets rather than 42S02).
async fn columns_of(session: &Session, name: &str) -> Result<Vec<ColumnInfo>, DriverError> {
    let tables = all_tables(session).await?;
    if !tables.iter().any(|t| t.name == name) {
        return Ok(Vec::new());
    }
    session.columns(name).await.map_err(DriverError::from)
}

/// SQLTables.
pub async fn tables(
    session: &Session,
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    table_types: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    let all = all_tables(session).await?;
    tables_result(&all, catalog, schema, table, table_types, metadata_id)
}

/// SQLColumns.
pub async fn columns(
    session: &Session,
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    column: Option<&str>,
    metadata_id: bool,
) -> Result<ResultSet, DriverError> {
    let all = all_tables(session).await?;
    let mut cols = Vec::new();
    for t in matching_tables(&all, catalog, schema, table, metadata_id)? {
        cols.extend(session.columns(&t.name).await.map_err(DriverError::from)?);
    }
    columns_result(&cols, column, metadata_id)
}

/// SQLPrimaryKeys (TableName is required).
pub async fn primary_keys(
    session: &Session,
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
) -> Result<ResultSet, DriverError> {
    let table = pattern::required(table, "TableName")?;
    let cols = columns_of(session, table).await?;
    primary_keys_result(catalog, schema, &cols)
}

/// SQLForeignKeys.
pub async fn foreign_keys(
    session: &Session,
    pk_catalog: Option<&str>,
    pk_schema: Option<&str>,
    pk_table: Option<&str>,
    fk_catalog: Option<&str>,
    fk_schema: Option<&str>,
    fk_table: Option<&str>,
) -> Result<ResultSet, DriverError> {
    if pk_table.is_none() && fk_table.is_none() {
        // Answer without a round trip.
        return foreign_keys_result(&[], None, None, None, None, None, None);
    }
    let keys = session.foreign_keys().await.map_err(DriverError::from)?;
    foreign_keys_result(
        &keys, pk_catalog, pk_schema, pk_table, fk_catalog, fk_schema, fk_table,
    )
}

/// SQLStatistics (TableName is required).
pub async fn statistics(
    session: &Session,
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    unique: u16,
    reserved: u16,
) -> Result<ResultSet, DriverError> {
    let table = pattern::required(table, "TableName")?;
    // Check the options before any request.
    statistics_result(None, None, table, &[], unique, reserved)?;
    let cols = columns_of(session, table).await?;
    statistics_result(catalog, schema, table, &cols, unique, reserved)
}

/// SQLSpecialColumns (TableName is required).
pub async fn special_columns(
    session: &Session,
    identifier_type: u16,
    catalog: Option<&str>,
    schema: Option<&str>,
    table: Option<&str>,
    scope: u16,
    nullable: u16,
) -> Result<ResultSet, DriverError> {
    let table = pattern::required(table, "TableName")?;
    special_columns_result(identifier_type, None, None, &[], scope, nullable)?;
    let cols = columns_of(session, table).await?;
    special_columns_result(identifier_type, catalog, schema, &cols, scope, nullable)
}

/// SQLTablePrivileges: no SQL grants.
pub async fn table_privileges(
    _session: &Session,
    _catalog: Option<&str>,
    _schema: Option<&str>,
    _table: Option<&str>,
) -> Result<ResultSet, DriverError> {
    table_privileges_result()
}

/// SQLColumnPrivileges: no SQL grants.
pub async fn column_privileges(
    _session: &Session,
    _catalog: Option<&str>,
    _schema: Option<&str>,
    _table: Option<&str>,
    _column: Option<&str>,
) -> Result<ResultSet, DriverError> {
    column_privileges_result()
}
