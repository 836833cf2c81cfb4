//! `sql`: Kintone apps as SQL tables.
//!
//! SQL text goes through [`escape`] (ODBC escape clauses), is parsed by
//! sqlparser and planned by DataFusion over the [`catalog`] of Kintone
//! tables. Scans push down to Kintone everything that translates exactly
//! (or as a superset re-checked locally, see [`pushdown`]); DataFusion runs
//! the rest. The rule behind every pushdown: results equal what a SQL
//! database holding the same rows would return.
//!
//! The API is meant to be driven from a C ABI: a [`Session`] per
//! connection, a [`Statement`] per prepared text (its result schema and
//! parameters known before execution), and a [`ResultStream`] of Arrow
//! record batches. Each result column carries its [`SqlType`].

pub mod catalog;
mod context;
pub mod error;
pub mod escape;
mod functions;
mod idents;
mod lineage;
mod markers;
mod naming;
pub mod procedures;
pub mod provider;
pub mod pushdown;
pub mod session;
pub mod types;

pub use catalog::{ColumnInfo, ForeignKey, TableInfo, TableKind};
pub use error::{Error, Result};
pub use procedures::{procedures, ProcedureColumn, ProcedureInfo};
pub use session::{
    ExecOptions, Param, ParameterInfo, ResultColumn, ResultStream, Session, Statement,
};
pub use types::SqlType;
