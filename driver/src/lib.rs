//! `kintone_odbc`: the ODBC 3.8 driver interface over [`sql::Session`].
//!
//! * [`error`]: [`DriverError`] and the one SQLSTATE table.
//! * [`convert`]: Arrow cells to the application's C types, C parameters to [`sql::Param`].
//! * [`info`]: SQLGetInfo, SQLGetFunctions, SQLGetTypeInfo data.
//! * [`catalog_fns`]: the result sets of SQLTables, SQLColumns and the other catalog functions.

pub mod catalog_fns;
pub mod convert;
pub mod error;
pub mod info;

pub use error::DriverError;
