//! The bitmask and enumeration values SQLGetInfo answers with (from
//! `sqlext.h`), only those this driver reports.

// SQL_AGGREGATE_FUNCTIONS
pub const SQL_AF_AVG: u32 = 0x01;
pub const SQL_AF_COUNT: u32 = 0x02;
pub const SQL_AF_MAX: u32 = 0x04;
pub const SQL_AF_MIN: u32 = 0x08;
pub const SQL_AF_SUM: u32 = 0x10;
pub const SQL_AF_DISTINCT: u32 = 0x20;
pub const SQL_AF_ALL: u32 = 0x40;

// SQL_ASYNC_MODE, SQL_TXN_CAPABLE, cursor behaviour
pub const SQL_AM_NONE: u32 = 0;
pub const SQL_TC_NONE: u16 = 0;
pub const SQL_CB_PRESERVE: u16 = 2;
pub const SQL_CB_NULL: u16 = 0;
pub const SQL_UNSPECIFIED: u32 = 0;

// SQL_CORRELATION_NAME, SQL_GROUP_BY, SQL_NULL_COLLATION, SQL_NON_NULLABLE_COLUMNS
pub const SQL_CN_ANY: u16 = 2;
pub const SQL_GB_GROUP_BY_CONTAINS_SELECT: u16 = 2;
pub const SQL_NC_LOW: u16 = 1;
pub const SQL_NNC_NULL: u16 = 0;

// SQL_IDENTIFIER_CASE, SQL_QUOTED_IDENTIFIER_CASE
pub const SQL_IC_SENSITIVE: u16 = 3;

// SQL_GETDATA_EXTENSIONS
pub const SQL_GD_ANY_COLUMN: u32 = 0x01;
pub const SQL_GD_ANY_ORDER: u32 = 0x02;
pub const SQL_GD_BLOCK: u32 = 0x04;
pub const SQL_GD_BOUND: u32 = 0x08;

// SQL_POS_OPERATIONS, SQL_LOCK_TYPES
pub const SQL_POS_POSITION: u32 = 0x01;
pub const SQL_POS_REFRESH: u32 = 0x02;
pub const SQL_LCK_NO_CHANGE: u32 = 0x01;

// SQL_SCROLL_OPTIONS, SQL_FETCH_DIRECTION, SQL_SCROLL_CONCURRENCY
pub const SQL_SO_FORWARD_ONLY: u32 = 0x01;
pub const SQL_FD_FETCH_NEXT: u32 = 0x01;
pub const SQL_SCCO_READ_ONLY: u32 = 0x01;

// SQL_*_CURSOR_ATTRIBUTES1 / 2
pub const SQL_CA1_NEXT: u32 = 0x01;
pub const SQL_CA1_LOCK_NO_CHANGE: u32 = 0x40;
pub const SQL_CA1_POS_POSITION: u32 = 0x200;
pub const SQL_CA1_POS_REFRESH: u32 = 0x1000;
pub const SQL_CA2_READ_ONLY_CONCURRENCY: u32 = 0x01;
pub const SQL_CA2_MAX_ROWS_SELECT: u32 = 0x80;

// Conformance levels
pub const SQL_OIC_CORE: u32 = 1;
pub const SQL_OAC_LEVEL1: u16 = 1;
pub const SQL_OSCC_COMPLIANT: u16 = 1;
pub const SQL_OSC_CORE: u16 = 1;
pub const SQL_SC_SQL92_ENTRY: u32 = 0x01;

// SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARAM_ARRAY_SELECTS
pub const SQL_PARC_NO_BATCH: u32 = 2;
pub const SQL_PAS_NO_SELECT: u32 = 3;

// SQL_DATETIME_LITERALS
pub const SQL_DL_SQL92_DATE: u32 = 0x01;
pub const SQL_DL_SQL92_TIME: u32 = 0x02;
pub const SQL_DL_SQL92_TIMESTAMP: u32 = 0x04;

// SQL_OJ_CAPABILITIES
pub const SQL_OJ_LEFT: u32 = 0x01;
pub const SQL_OJ_RIGHT: u32 = 0x02;
pub const SQL_OJ_FULL: u32 = 0x04;
pub const SQL_OJ_NESTED: u32 = 0x08;
pub const SQL_OJ_NOT_ORDERED: u32 = 0x10;
pub const SQL_OJ_INNER: u32 = 0x20;
pub const SQL_OJ_ALL_COMPARISON_OPS: u32 = 0x40;

// SQL_SQL92_PREDICATES
pub const SQL_SP_EXISTS: u32 = 0x0001;
pub const SQL_SP_ISNOTNULL: u32 = 0x0002;
pub const SQL_SP_ISNULL: u32 = 0x0004;
pub const SQL_SP_LIKE: u32 = 0x0200;
pub const SQL_SP_IN: u32 = 0x0400;
pub const SQL_SP_BETWEEN: u32 = 0x0800;
pub const SQL_SP_COMPARISON: u32 = 0x1000;

// SQL_SQL92_RELATIONAL_JOIN_OPERATORS
pub const SQL_SRJO_CROSS_JOIN: u32 = 0x002;
pub const SQL_SRJO_EXCEPT_JOIN: u32 = 0x004;
pub const SQL_SRJO_FULL_OUTER_JOIN: u32 = 0x008;
pub const SQL_SRJO_INNER_JOIN: u32 = 0x010;
pub const SQL_SRJO_INTERSECT_JOIN: u32 = 0x020;
pub const SQL_SRJO_LEFT_OUTER_JOIN: u32 = 0x040;
pub const SQL_SRJO_NATURAL_JOIN: u32 = 0x080;
pub const SQL_SRJO_RIGHT_OUTER_JOIN: u32 = 0x100;

// SQL_SQL92_ROW_VALUE_CONSTRUCTOR, SQL_SQL92_VALUE_EXPRESSIONS
pub const SQL_SRVC_VALUE_EXPRESSION: u32 = 0x01;
pub const SQL_SRVC_NULL: u32 = 0x02;
pub const SQL_SVE_CASE: u32 = 0x01;
pub const SQL_SVE_CAST: u32 = 0x02;
pub const SQL_SVE_COALESCE: u32 = 0x04;
pub const SQL_SVE_NULLIF: u32 = 0x08;

// SQL_SQL92_DATETIME_FUNCTIONS, SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, SQL_SQL92_STRING_FUNCTIONS
pub const SQL_SDF_CURRENT_DATE: u32 = 0x01;
pub const SQL_SDF_CURRENT_TIME: u32 = 0x02;
pub const SQL_SDF_CURRENT_TIMESTAMP: u32 = 0x04;
pub const SQL_SNVF_BIT_LENGTH: u32 = 0x01;
pub const SQL_SNVF_CHAR_LENGTH: u32 = 0x02;
pub const SQL_SNVF_CHARACTER_LENGTH: u32 = 0x04;
pub const SQL_SNVF_EXTRACT: u32 = 0x08;
pub const SQL_SNVF_OCTET_LENGTH: u32 = 0x10;
pub const SQL_SNVF_POSITION: u32 = 0x20;
pub const SQL_SSF_LOWER: u32 = 0x02;
pub const SQL_SSF_UPPER: u32 = 0x04;
pub const SQL_SSF_SUBSTRING: u32 = 0x08;
pub const SQL_SSF_TRIM_BOTH: u32 = 0x20;
pub const SQL_SSF_TRIM_LEADING: u32 = 0x40;
pub const SQL_SSF_TRIM_TRAILING: u32 = 0x80;

// SQL_SUBQUERIES, SQL_UNION
pub const SQL_SQ_COMPARISON: u32 = 0x01;
pub const SQL_SQ_EXISTS: u32 = 0x02;
pub const SQL_SQ_IN: u32 = 0x04;
pub const SQL_SQ_CORRELATED_SUBQUERIES: u32 = 0x10;
pub const SQL_U_UNION: u32 = 0x01;
pub const SQL_U_UNION_ALL: u32 = 0x02;

// SQL_CONVERT_FUNCTIONS
pub const SQL_FN_CVT_CONVERT: u32 = 0x01;
pub const SQL_FN_CVT_CAST: u32 = 0x02;

// SQL_CONVERT_* targets (only those CAST accepts by name: see conversions.rs)
pub const SQL_CVT_CHAR: u32 = 0x0000_0001;
pub const SQL_CVT_NUMERIC: u32 = 0x0000_0002;
pub const SQL_CVT_DECIMAL: u32 = 0x0000_0004;
pub const SQL_CVT_INTEGER: u32 = 0x0000_0008;
pub const SQL_CVT_SMALLINT: u32 = 0x0000_0010;
pub const SQL_CVT_FLOAT: u32 = 0x0000_0020;
pub const SQL_CVT_REAL: u32 = 0x0000_0040;
pub const SQL_CVT_DOUBLE: u32 = 0x0000_0080;
pub const SQL_CVT_VARCHAR: u32 = 0x0000_0100;
pub const SQL_CVT_TINYINT: u32 = 0x0000_2000;
pub const SQL_CVT_BIGINT: u32 = 0x0000_4000;
pub const SQL_CVT_DATE: u32 = 0x0000_8000;
pub const SQL_CVT_TIME: u32 = 0x0001_0000;
pub const SQL_CVT_TIMESTAMP: u32 = 0x0002_0000;
