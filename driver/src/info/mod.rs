//! SQLGetInfo and SQLGetFunctions data.
//!
//! [`get_info`] answers every information type of ODBC 3.8 (and the ODBC 2
//! ones, and SQL_DTC_TRANSITION_COST / SQL_RETURN_ESCAPE_CLAUSE that Power
//! BI asks for) with a value of the type the specification gives it;
//! `None` only for unknown types (the caller reports HY096). The answers
//! describe what the driver and the SQL layer really do: forward-only
//! read-only cursors, no transactions, no catalogs or schemas,
//! case-sensitive identifiers quoted with `"`.
//!
//! SQLGetTypeInfo's rows are in [`crate::catalog_fns::type_info`].

mod bits;
mod conversions;
mod driver_info;
mod escape_lists;
mod functions;
pub mod ids;
mod scalar_functions;
mod sql_support;

#[cfg(test)]
mod tests;

pub use driver_info::{driver_version, DRIVER_FILE_NAME, DRIVER_ODBC_VER};
pub use functions::{
    api, is_supported, odbc2_function_array, odbc3_function_bitmap, supported_functions,
};
pub use sql_support::MAX_NAME_LEN;

/// One SQLGetInfo answer, in the format the specification gives the type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InfoValue {
    /// A character string (returned null-terminated, in A or W form).
    Str(String),
    /// An SQLUSMALLINT.
    U16(u16),
    /// An SQLUINTEGER value or bitmask.
    U32(u32),
    /// An SQLULEN (the SQL_DRIVER_H* handles).
    U64(u64),
}

/// What the connection knows that some answers depend on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InfoContext {
    /// The DSN connected to ("" for a DSN-less connection).
    pub dsn: String,
    /// The Kintone user (login name), "" with API-token-only authentication.
    pub user: String,
    /// The host of the Kintone URL.
    pub server_name: String,
    pub connected: bool,
}

/// The information types whose answer is a handle the connection layer
/// owns (SQL_DRIVER_HDBC, _HENV, _HSTMT, _HDESC, _HLIB): [`get_info`]
/// answers them with `U64(0)`; the caller should substitute its handle.
pub const HANDLE_INFO_TYPES: &[u16] = &[
    ids::SQL_DRIVER_HDBC,
    ids::SQL_DRIVER_HENV,
    ids::SQL_DRIVER_HSTMT,
    ids::SQL_DRIVER_HDESC,
    ids::SQL_DRIVER_HLIB,
];

/// The SQLGetInfo answer for `info_type`; `None` only for an unknown type.
pub fn get_info(info_type: u16, ctx: &InfoContext) -> Option<InfoValue> {
    driver_info::driver(info_type, ctx)
        .or_else(|| driver_info::dbms(info_type, ctx))
        .or_else(|| driver_info::data_source(info_type, ctx))
        .or_else(|| sql_support::supported_sql(info_type))
        .or_else(|| sql_support::limits(info_type))
        .or_else(|| sql_support::scalar_functions(info_type))
        .or_else(|| conversions::convert_mask(info_type).map(InfoValue::U32))
        .or_else(|| sql_support::odbc2(info_type))
}
