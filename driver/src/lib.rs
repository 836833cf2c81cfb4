//! `kintone_odbc`: the ODBC 3.8 driver interface over [`sql::Session`].
//!
//! * [`error`]: [`DriverError`] and the one SQLSTATE table.
//! * [`convert`]: Arrow cells to the application's C types, C parameters to [`sql::Param`].
//! * [`info`]: SQLGetInfo, SQLGetFunctions, SQLGetTypeInfo data.
//! * [`catalog_fns`]: the result sets of SQLTables, SQLColumns and the other catalog functions.
//! * [`odbc_type`]: what every metadata path reports of an SQL type (codes, sizes, attributes).
//! * the C ABI (`api`): thin exports over [`handles`] (validation, panic
//!   boundary, diagnostics), [`connection`], [`statement`], [`exec`] and
//!   [`fetch`], with strings through [`encoding`] (ANSI and Unicode).

pub mod catalog_fns;
pub mod convert;
pub mod error;
pub mod info;

mod api;
pub mod connection;
pub mod cursor;
pub mod data_at_exec;
pub mod desc;
pub mod diag;
pub mod dsn;
pub mod encoding;
pub mod env;
pub mod exec;
pub mod fetch;
pub mod handles;
pub mod odbc_type;
pub mod panic_guard;
pub mod runtime;
pub mod set_pos;
pub mod statement;
pub mod sys;

pub use error::DriverError;
