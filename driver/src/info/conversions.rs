//! SQL_CONVERT_* masks: for each SQL type, the SQL types that
//! `CAST(value AS type)` converts it to. Only target types whose names the
//! planner accepts in CAST are listed (DataFusion rejects NVARCHAR, BINARY,
//! VARBINARY, and has no BIT type name), and only source types the driver
//! reports; the other SQL_CONVERT_* keys answer 0 as the specification asks.

use super::bits::*;
use super::ids::*;

/// Exact and approximate numbers (and BIT, a boolean): CAST turns them into
/// each other and into text.
const NUMERIC_TARGETS: u32 = SQL_CVT_CHAR
    | SQL_CVT_VARCHAR
    | SQL_CVT_NUMERIC
    | SQL_CVT_DECIMAL
    | SQL_CVT_INTEGER
    | SQL_CVT_SMALLINT
    | SQL_CVT_TINYINT
    | SQL_CVT_BIGINT
    | SQL_CVT_FLOAT
    | SQL_CVT_REAL
    | SQL_CVT_DOUBLE;

/// Text: parsed as any of the types.
const TEXT_TARGETS: u32 = NUMERIC_TARGETS | SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;

const TEXT: u32 = SQL_CVT_CHAR | SQL_CVT_VARCHAR;

/// The SQL_CONVERT_* answer for `info_type`, or `None` if it is not one.
pub fn convert_mask(info_type: u16) -> Option<u32> {
    Some(match info_type {
        SQL_CONVERT_BIGINT => NUMERIC_TARGETS,
        SQL_CONVERT_BIT => NUMERIC_TARGETS,
        SQL_CONVERT_DECIMAL => NUMERIC_TARGETS,
        SQL_CONVERT_DOUBLE => NUMERIC_TARGETS,
        SQL_CONVERT_INTEGER => NUMERIC_TARGETS,
        SQL_CONVERT_REAL => NUMERIC_TARGETS,
        SQL_CONVERT_SMALLINT => NUMERIC_TARGETS,
        SQL_CONVERT_TINYINT => NUMERIC_TARGETS,
        SQL_CONVERT_VARCHAR => TEXT_TARGETS,
        SQL_CONVERT_WVARCHAR => TEXT_TARGETS,
        SQL_CONVERT_WLONGVARCHAR => TEXT_TARGETS,
        SQL_CONVERT_DATE => TEXT | SQL_CVT_DATE | SQL_CVT_TIMESTAMP,
        SQL_CONVERT_TIME => TEXT | SQL_CVT_TIME,
        SQL_CONVERT_TIMESTAMP => TEXT | SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP,
        SQL_CONVERT_VARBINARY => TEXT,
        // SQL types the driver never reports.
        SQL_CONVERT_BINARY
        | SQL_CONVERT_CHAR
        | SQL_CONVERT_FLOAT
        | SQL_CONVERT_LONGVARCHAR
        | SQL_CONVERT_NUMERIC
        | SQL_CONVERT_LONGVARBINARY
        | SQL_CONVERT_WCHAR
        | SQL_CONVERT_INTERVAL_DAY_TIME
        | SQL_CONVERT_INTERVAL_YEAR_MONTH
        | SQL_CONVERT_GUID => 0,
        _ => return None,
    })
}
