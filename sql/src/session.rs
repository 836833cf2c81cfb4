//! Sessions, prepared statements and result streams: the API the ODBC
//! driver drives (one `Session` per connection, entered from the driver's
//! tokio runtime with `block_on`).

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use kintone_core::{Client, Properties};

use crate::catalog::{ColumnInfo, ForeignKey, TableInfo};
use crate::error::Result;
use crate::types::SqlType;

/// One connection's SQL front: the Kintone client, the catalog (built
/// lazily and cached) and the DataFusion context. Cheap to clone; usable
/// from several threads.
#[derive(Clone)]
pub struct Session {}

impl Session {
    /// Opens a session: builds the client from the properties and checks
    /// that Kintone answers and accepts the credentials (one request).
    pub async fn connect(_props: &Properties) -> Result<Session> {
        todo!()
    }

    /// The Kintone client (for writes, files, procedures).
    pub fn client(&self) -> &Client {
        todo!()
    }

    /// The connection's properties.
    pub fn properties(&self) -> &Properties {
        todo!()
    }

    /// Every table, in a stable order (apps by name, then their subtables, then fixed tables).
    pub async fn tables(&self) -> Result<Vec<TableInfo>> {
        todo!()
    }

    /// The columns of one table (exact name), in ordinal order.
    pub async fn columns(&self, _table: &str) -> Result<Vec<ColumnInfo>> {
        todo!()
    }

    /// Every foreign key (subtable RecordId -> app RecordId).
    pub async fn foreign_keys(&self) -> Result<Vec<ForeignKey>> {
        todo!()
    }

    /// Parses and plans `sql` (ODBC escapes allowed, `?` markers for
    /// parameters). The result columns and parameters are known after this.
    pub async fn prepare(&self, _sql: &str) -> Result<Statement> {
        todo!()
    }

    /// SQLNativeSql: the text with ODBC escape clauses rewritten.
    pub fn native_sql(sql: &str) -> Result<String> {
        crate::escape::rewrite(sql)
    }

    /// Forgets cached apps and fields (they are re-read on next use).
    pub fn refresh_metadata(&self) {
        todo!()
    }
}

/// A result column, as SQLDescribeCol and SQLColAttribute report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumn {
    /// The column label (never empty: unnamed expressions get `EXPR$n`-style names).
    pub name: String,
    pub sql_type: SqlType,
    pub nullable: bool,
    /// The table and column it comes from, when it is a plain column.
    pub base_table: Option<String>,
    pub base_column: Option<String>,
}

/// A `?` parameter, as SQLDescribeParam reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterInfo {
    /// The type inferred from its use (WVARCHAR when it cannot be).
    pub sql_type: SqlType,
}

/// A parameter value bound by the application.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Null,
    Bool(bool),
    Int(i64),
    Double(f64),
    /// An exact decimal: `value * 10^-scale`.
    Decimal {
        value: i128,
        precision: u8,
        scale: i8,
    },
    Text(String),
    Binary(Vec<u8>),
    Date(chrono::NaiveDate),
    Time(chrono::NaiveTime),
    /// A timestamp in UTC.
    Timestamp(chrono::NaiveDateTime),
}

/// Per-execution options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecOptions {
    /// SQL_ATTR_MAX_ROWS: at most this many rows (0/None = no limit);
    /// the connection's `MaxRows` applies too.
    pub max_rows: Option<u64>,
}

/// A prepared statement.
pub struct Statement {}

impl Statement {
    /// The text as given.
    pub fn sql(&self) -> &str {
        todo!()
    }

    /// The result columns (empty for statements without a result set).
    pub fn columns(&self) -> &[ResultColumn] {
        todo!()
    }

    /// The Arrow schema of the batches `execute` yields.
    pub fn schema(&self) -> SchemaRef {
        todo!()
    }

    /// The `?` parameters, in order.
    pub fn parameters(&self) -> &[ParameterInfo] {
        todo!()
    }

    /// Runs the statement with these parameter values (one per `?`).
    pub async fn execute(&self, _params: &[Param], _options: &ExecOptions) -> Result<ResultStream> {
        todo!()
    }
}

/// The rows of one execution, batch by batch. Dropping it stops the work
/// (pending Kintone requests are abandoned, cursors deleted).
pub struct ResultStream {}

impl ResultStream {
    /// The schema of the batches (same as the statement's).
    pub fn schema(&self) -> SchemaRef {
        todo!()
    }

    /// The next batch; `None` at the end.
    pub async fn next_batch(&mut self) -> Option<Result<RecordBatch>> {
        todo!()
    }

    /// Rows changed, for statements without a result set (the writes issue).
    pub fn rows_affected(&self) -> Option<u64> {
        todo!()
    }
}
