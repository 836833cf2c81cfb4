//! SQLGetInfo: supported SQL, SQL limits, scalar functions, and the types
//! deprecated in ODBC 3 that ODBC 2 applications still ask for.
//!
//! The SQL masks describe what the planner (DataFusion behind `sql::Session`)
//! accepts: SQL-92 entry level queries, no DDL, no writes yet.

use super::bits::*;
use super::ids::*;
use super::scalar_functions as fns;
use super::InfoValue::{self, Str, U16, U32};

/// Longest table / column / identifier name reported (bytes). Kintone app
/// names and field labels are shorter; subtable tables join two names.
pub const MAX_NAME_LEN: u16 = 256;

fn yes_no(flag: bool) -> InfoValue {
    Str(if flag { "Y" } else { "N" }.into())
}

/// Supported SQL.
#[rustfmt::skip]
pub fn supported_sql(info_type: u16) -> Option<InfoValue> {
    Some(match info_type {
        SQL_AGGREGATE_FUNCTIONS => U32(SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM),
        SQL_ALTER_DOMAIN => U32(0),
        SQL_ALTER_TABLE => U32(0),
        SQL_DATETIME_LITERALS => U32(SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP),
        SQL_CATALOG_LOCATION => U16(0), // no catalogs
        SQL_CATALOG_NAME => yes_no(false),
        SQL_CATALOG_NAME_SEPARATOR => Str(String::new()),
        SQL_CATALOG_USAGE => U32(0),
        SQL_COLUMN_ALIAS => yes_no(true),
        SQL_CORRELATION_NAME => U16(SQL_CN_ANY),
        SQL_CREATE_ASSERTION => U32(0),
        SQL_CREATE_CHARACTER_SET => U32(0),
        SQL_CREATE_COLLATION => U32(0),
        SQL_CREATE_DOMAIN => U32(0),
        SQL_CREATE_SCHEMA => U32(0),
        SQL_CREATE_TABLE => U32(0),
        SQL_CREATE_TRANSLATION => U32(0),
        SQL_CREATE_VIEW => U32(0),
        SQL_DDL_INDEX => U32(0),
        SQL_DROP_ASSERTION => U32(0),
        SQL_DROP_CHARACTER_SET => U32(0),
        SQL_DROP_COLLATION => U32(0),
        SQL_DROP_DOMAIN => U32(0),
        SQL_DROP_SCHEMA => U32(0),
        SQL_DROP_TABLE => U32(0),
        SQL_DROP_TRANSLATION => U32(0),
        SQL_DROP_VIEW => U32(0),
        SQL_EXPRESSIONS_IN_ORDERBY => yes_no(true),
        SQL_GROUP_BY => U16(SQL_GB_GROUP_BY_CONTAINS_SELECT),
        SQL_IDENTIFIER_CASE => U16(SQL_IC_SENSITIVE),
        SQL_IDENTIFIER_QUOTE_CHAR => Str("\"".into()),
        SQL_INDEX_KEYWORDS => U32(0), // SQL_IK_NONE
        SQL_INSERT_STATEMENT => U32(0),
        SQL_INTEGRITY => yes_no(false),
        SQL_KEYWORDS => Str(String::new()),
        SQL_LIKE_ESCAPE_CLAUSE => yes_no(true),
        SQL_NON_NULLABLE_COLUMNS => U16(SQL_NNC_NULL), // no DDL
        SQL_SQL_CONFORMANCE => U32(SQL_SC_SQL92_ENTRY),
        SQL_OJ_CAPABILITIES => U32(SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED | SQL_OJ_NOT_ORDERED | SQL_OJ_INNER | SQL_OJ_ALL_COMPARISON_OPS),
        SQL_ORDER_BY_COLUMNS_IN_SELECT => yes_no(false),
        SQL_OUTER_JOINS => yes_no(true),
        SQL_PROCEDURES => yes_no(true), // CALL DownloadFile(...)
        SQL_QUOTED_IDENTIFIER_CASE => U16(SQL_IC_SENSITIVE),
        SQL_SCHEMA_USAGE => U32(0), // no schemas
        // Quoted identifiers may hold any character; these are the ASCII ones.
        SQL_SPECIAL_CHARACTERS => Str(" !#$%&'()*+,-./:;<=>?@[\\]^`{|}~".into()),
        SQL_SQL92_DATETIME_FUNCTIONS => U32(SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIME | SQL_SDF_CURRENT_TIMESTAMP),
        SQL_SQL92_FOREIGN_KEY_DELETE_RULE => U32(0),
        SQL_SQL92_FOREIGN_KEY_UPDATE_RULE => U32(0),
        SQL_SQL92_GRANT => U32(0),
        SQL_SQL92_NUMERIC_VALUE_FUNCTIONS => U32(SQL_SNVF_BIT_LENGTH | SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH | SQL_SNVF_EXTRACT | SQL_SNVF_OCTET_LENGTH | SQL_SNVF_POSITION),
        SQL_SQL92_PREDICATES => U32(SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL | SQL_SP_LIKE),
        SQL_SQL92_RELATIONAL_JOIN_OPERATORS => U32(SQL_SRJO_CROSS_JOIN | SQL_SRJO_EXCEPT_JOIN | SQL_SRJO_FULL_OUTER_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_INTERSECT_JOIN | SQL_SRJO_LEFT_OUTER_JOIN | SQL_SRJO_NATURAL_JOIN | SQL_SRJO_RIGHT_OUTER_JOIN),
        SQL_SQL92_REVOKE => U32(0),
        SQL_SQL92_ROW_VALUE_CONSTRUCTOR => U32(SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL),
        SQL_SQL92_STRING_FUNCTIONS => U32(SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING | SQL_SSF_TRIM_BOTH | SQL_SSF_TRIM_LEADING | SQL_SSF_TRIM_TRAILING),
        SQL_SQL92_VALUE_EXPRESSIONS => U32(SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF),
        SQL_SUBQUERIES => U32(SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_CORRELATED_SUBQUERIES),
        SQL_UNION => U32(SQL_U_UNION | SQL_U_UNION_ALL),
        // Not on the specification's page (Microsoft's sqlext.h): no
        // distributed transactions, no RETURNING-style escape.
        SQL_DTC_TRANSITION_COST => U32(0),
        SQL_RETURN_ESCAPE_CLAUSE => U32(0), // SQL_RC_NONE
        _ => return None,
    })
}

/// SQL limits (0 means no limit or unknown, as the specification says).
pub fn limits(info_type: u16) -> Option<InfoValue> {
    Some(match info_type {
        SQL_MAX_BINARY_LITERAL_LEN => U32(0),
        // No catalogs or schemas, but clients size buffers from these: never 0.
        SQL_MAX_CATALOG_NAME_LEN => U16(128),
        SQL_MAX_CHAR_LITERAL_LEN => U32(0),
        SQL_MAX_COLUMN_NAME_LEN => U16(MAX_NAME_LEN),
        SQL_MAX_COLUMNS_IN_GROUP_BY => U16(0),
        SQL_MAX_COLUMNS_IN_INDEX => U16(0),
        SQL_MAX_COLUMNS_IN_ORDER_BY => U16(0),
        SQL_MAX_COLUMNS_IN_SELECT => U16(0),
        SQL_MAX_COLUMNS_IN_TABLE => U16(0),
        SQL_MAX_CURSOR_NAME_LEN => U16(0), // no cursor names
        SQL_MAX_IDENTIFIER_LEN => U16(MAX_NAME_LEN),
        SQL_MAX_INDEX_SIZE => U32(0),
        SQL_MAX_PROCEDURE_NAME_LEN => U16(128),
        SQL_MAX_ROW_SIZE => U32(0),
        SQL_MAX_ROW_SIZE_INCLUDES_LONG => yes_no(false),
        SQL_MAX_SCHEMA_NAME_LEN => U16(128),
        SQL_MAX_STATEMENT_LEN => U32(0),
        SQL_MAX_TABLE_NAME_LEN => U16(MAX_NAME_LEN),
        SQL_MAX_TABLES_IN_SELECT => U16(0),
        SQL_MAX_USER_NAME_LEN => U16(128),
        _ => return None,
    })
}

/// Scalar function information.
pub fn scalar_functions(info_type: u16) -> Option<InfoValue> {
    Some(match info_type {
        SQL_CONVERT_FUNCTIONS => U32(fns::convert_functions()),
        SQL_NUMERIC_FUNCTIONS => U32(fns::numeric_functions()),
        SQL_STRING_FUNCTIONS => U32(fns::string_functions()),
        SQL_SYSTEM_FUNCTIONS => U32(fns::system_functions()),
        SQL_TIMEDATE_ADD_INTERVALS => U32(fns::timedate_add_intervals()),
        SQL_TIMEDATE_DIFF_INTERVALS => U32(fns::timedate_diff_intervals()),
        SQL_TIMEDATE_FUNCTIONS => U32(fns::timedate_functions()),
        _ => return None,
    })
}

/// Deprecated in ODBC 3, still answered for ODBC 2 applications (MS Query).
pub fn odbc2(info_type: u16) -> Option<InfoValue> {
    Some(match info_type {
        SQL_FETCH_DIRECTION => U32(SQL_FD_FETCH_NEXT),
        SQL_LOCK_TYPES => U32(SQL_LCK_NO_CHANGE),
        SQL_ODBC_API_CONFORMANCE => U16(SQL_OAC_LEVEL1),
        SQL_ODBC_SAG_CLI_CONFORMANCE => U16(SQL_OSCC_COMPLIANT),
        SQL_ODBC_SQL_CONFORMANCE => U16(SQL_OSC_CORE),
        SQL_POS_OPERATIONS => U32(SQL_POS_POSITION | SQL_POS_REFRESH),
        SQL_POSITIONED_STATEMENTS => U32(0),
        SQL_SCROLL_CONCURRENCY => U32(SQL_SCCO_READ_ONLY),
        SQL_STATIC_SENSITIVITY => U32(0),
        _ => return None,
    })
}
