//! SQLGetInfo: driver, DBMS product and data source information.

use super::bits::*;
use super::ids::*;
use super::{InfoContext, InfoValue};
use InfoValue::{Str, U16, U32, U64};

/// The file name of the driver library on this platform.
pub const DRIVER_FILE_NAME: &str = if cfg!(windows) {
    "kintone_odbc.dll"
} else if cfg!(target_os = "macos") {
    "libkintone_odbc.dylib"
} else {
    "libkintone_odbc.so"
};

/// The ODBC version the driver implements.
pub const DRIVER_ODBC_VER: &str = "03.80";

/// `##.##.####` from the crate version (`0.1.0` gives `00.01.0000`).
pub fn driver_version() -> String {
    let part = |s: &str| s.parse::<u32>().unwrap_or(0);
    format!(
        "{:02}.{:02}.{:04}",
        part(env!("CARGO_PKG_VERSION_MAJOR")),
        part(env!("CARGO_PKG_VERSION_MINOR")),
        part(env!("CARGO_PKG_VERSION_PATCH"))
    )
}

fn yes_no(flag: bool) -> InfoValue {
    Str(if flag { "Y" } else { "N" }.into())
}

/// Driver information (the specification's first group).
#[rustfmt::skip]
pub fn driver(info_type: u16, ctx: &InfoContext) -> Option<InfoValue> {
    Some(match info_type {
        SQL_ACTIVE_ENVIRONMENTS => U16(0),
        SQL_ASYNC_DBC_FUNCTIONS => U32(0), // SQL_ASYNC_DBC_NOT_CAPABLE
        SQL_ASYNC_MODE => U32(SQL_AM_NONE),
        SQL_ASYNC_NOTIFICATION => U32(0), // SQL_ASYNC_NOTIFICATION_NOT_CAPABLE
        SQL_BATCH_ROW_COUNT => U32(0),
        SQL_BATCH_SUPPORT => U32(0),
        SQL_DATA_SOURCE_NAME => Str(ctx.dsn.clone()),
        SQL_DRIVER_AWARE_POOLING_SUPPORTED => U32(0), // SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE
        // Handles: the connection layer answers these with its own handles
        // (see `HANDLE_INFO_TYPES`); 0 here means "not known at this level".
        SQL_DRIVER_HDBC | SQL_DRIVER_HDESC | SQL_DRIVER_HENV | SQL_DRIVER_HLIB
        | SQL_DRIVER_HSTMT => U64(0),
        SQL_DRIVER_NAME => Str(DRIVER_FILE_NAME.into()),
        SQL_DRIVER_ODBC_VER => Str(DRIVER_ODBC_VER.into()),
        SQL_DRIVER_VER => Str(driver_version()),
        SQL_DYNAMIC_CURSOR_ATTRIBUTES1 => U32(0),
        SQL_DYNAMIC_CURSOR_ATTRIBUTES2 => U32(0),
        // SQLSetPos positions within the rowset (and refreshes it); no locks, no writes.
        SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1 => U32(
            SQL_CA1_NEXT | SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION | SQL_CA1_POS_REFRESH,
        ),
        SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2 => U32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
        SQL_FILE_USAGE => U16(0), // SQL_FILE_NOT_SUPPORTED: not a file-based driver
        SQL_GETDATA_EXTENSIONS => U32(
            SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BLOCK | SQL_GD_BOUND,
        ),
        SQL_INFO_SCHEMA_VIEWS => U32(0),
        SQL_KEYSET_CURSOR_ATTRIBUTES1 => U32(0),
        SQL_KEYSET_CURSOR_ATTRIBUTES2 => U32(0),
        SQL_MAX_ASYNC_CONCURRENT_STATEMENTS => U32(0),
        SQL_MAX_CONCURRENT_ACTIVITIES => U16(0), // no limit
        SQL_MAX_DRIVER_CONNECTIONS => U16(0),    // no limit
        SQL_ODBC_INTERFACE_CONFORMANCE => U32(SQL_OIC_CORE),
        SQL_STANDARD_CLI_CONFORMANCE => U32(0),
        SQL_ODBC_VER => Str("03.80.0000".into()), // the driver manager answers this one itself
        SQL_PARAM_ARRAY_ROW_COUNTS => U32(SQL_PARC_NO_BATCH),
        SQL_PARAM_ARRAY_SELECTS => U32(SQL_PAS_NO_SELECT),
        SQL_ROW_UPDATES => yes_no(false),
        SQL_SEARCH_PATTERN_ESCAPE => Str("\\".into()),
        SQL_SERVER_NAME => Str(ctx.server_name.clone()),
        SQL_STATIC_CURSOR_ATTRIBUTES1 => U32(0),
        SQL_STATIC_CURSOR_ATTRIBUTES2 => U32(0),
        SQL_DM_VER => Str("03.80.0000.0000".into()), // the driver manager answers this one itself
        SQL_XOPEN_CLI_YEAR => Str("1995".into()),
        _ => return None,
    })
}

/// DBMS product information.
pub fn dbms(info_type: u16, _ctx: &InfoContext) -> Option<InfoValue> {
    Some(match info_type {
        SQL_DATABASE_NAME => Str(String::new()), // no catalogs
        SQL_DBMS_NAME => Str("Kintone".into()),
        // Kintone has no version number; its REST API is v1.
        SQL_DBMS_VER => Str("01.00.0000 Kintone REST API v1".into()),
        _ => return None,
    })
}

/// Data source information.
pub fn data_source(info_type: u16, ctx: &InfoContext) -> Option<InfoValue> {
    Some(match info_type {
        SQL_ACCESSIBLE_PROCEDURES => yes_no(false),
        // SQLTables lists only the apps Kintone shows to these credentials.
        SQL_ACCESSIBLE_TABLES => yes_no(true),
        SQL_BOOKMARK_PERSISTENCE => U32(0),
        SQL_CATALOG_TERM => Str(String::new()),
        // Text compares by Unicode code point (UTF-8 byte order).
        SQL_COLLATION_SEQ => Str("UCS_BASIC".into()),
        SQL_CONCAT_NULL_BEHAVIOR => U16(SQL_CB_NULL),
        SQL_CURSOR_COMMIT_BEHAVIOR => U16(SQL_CB_PRESERVE),
        SQL_CURSOR_ROLLBACK_BEHAVIOR => U16(SQL_CB_PRESERVE),
        SQL_CURSOR_SENSITIVITY => U32(SQL_UNSPECIFIED),
        // The SQL layer reads only (writes are a later issue).
        SQL_DATA_SOURCE_READ_ONLY => yes_no(true),
        SQL_DEFAULT_TXN_ISOLATION => U32(0), // no transactions
        SQL_DESCRIBE_PARAMETER => yes_no(true),
        SQL_MULT_RESULT_SETS => yes_no(false),
        SQL_MULTIPLE_ACTIVE_TXN => yes_no(false),
        SQL_NEED_LONG_DATA_LEN => yes_no(false),
        SQL_NULL_COLLATION => U16(SQL_NC_LOW), // NULLs sort as the smallest value
        SQL_PROCEDURE_TERM => Str("procedure".into()),
        SQL_SCHEMA_TERM => Str(String::new()),
        SQL_SCROLL_OPTIONS => U32(SQL_SO_FORWARD_ONLY),
        SQL_TABLE_TERM => Str("table".into()),
        SQL_TXN_CAPABLE => U16(SQL_TC_NONE),
        SQL_TXN_ISOLATION_OPTION => U32(0),
        SQL_USER_NAME => Str(ctx.user.clone()),
        _ => return None,
    })
}
