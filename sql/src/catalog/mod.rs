//! The catalog: which tables and columns a connection sees.
//!
//! A table per app the connection can see, a table per SUBTABLE field,
//! and fixed tables (`Apps`, `FormFields`, `Views`, `Comments`, `Spaces`).
//! The descriptions below are what SQLTables, SQLColumns, SQLPrimaryKeys
//! and SQLForeignKeys report; the same [`SqlType`]s are in the Arrow
//! schemas that queries return.

pub mod build;
mod cache;
pub mod fixed;
mod naming;

pub use build::{ColumnDef, ColumnRole, Snapshot, TableDef, TableSource};
pub use cache::Catalog;

use crate::types::SqlType;

/// What kind of table it is (SQLTables' TABLE_TYPE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// An app or a subtable: TABLE.
    Table,
    /// A read-only derived table: VIEW.
    View,
    /// A fixed metadata table (Apps, FormFields...): SYSTEM TABLE.
    SystemTable,
}

impl TableKind {
    /// The TABLE_TYPE text.
    pub fn as_str(&self) -> &'static str {
        match self {
            TableKind::Table => "TABLE",
            TableKind::View => "VIEW",
            TableKind::SystemTable => "SYSTEM TABLE",
        }
    }
}

/// One table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInfo {
    /// The SQL name (unique, case-preserving).
    pub name: String,
    pub kind: TableKind,
    /// A description for REMARKS (e.g. the app's description, or "Subtable x of app 5").
    pub remarks: String,
    /// The app behind it, for app and subtable tables.
    pub app_id: Option<u64>,
    /// For a subtable table, the name of its parent app table.
    pub parent_table: Option<String>,
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnInfo {
    pub table: String,
    /// The SQL name (unique within the table).
    pub name: String,
    /// 1-based position.
    pub ordinal: u32,
    pub sql_type: SqlType,
    /// False only for columns that are never NULL (RecordId, Revision, RowId...).
    pub nullable: bool,
    /// For REMARKS: the field code and Kintone type, e.g. `amount (NUMBER)`.
    pub remarks: String,
    /// The Kintone field code behind the column (`$id` for RecordId), if any.
    pub field_code: Option<String>,
    /// Part of the primary key (RecordId of an app table; RecordId + RowId of a subtable table).
    pub primary_key_seq: Option<u16>,
    /// Can be set by INSERT or UPDATE (the writes issue).
    pub writable: bool,
    /// The pushdown-relevant predicates Kintone supports on it (for SEARCHABLE).
    pub searchable: bool,
    /// The column default, as SQL literal text, if the field has one.
    pub default: Option<String>,
}

/// A foreign key: a subtable table's RecordId refers to its app's RecordId.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignKey {
    pub pk_table: String,
    pub pk_column: String,
    pub fk_table: String,
    pub fk_column: String,
    /// 1-based position in the key.
    pub key_seq: u16,
    pub fk_name: String,
    pub pk_name: String,
}
