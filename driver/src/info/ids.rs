//! SQLGetInfo information types (the values of `sql.h`/`sqlext.h`),
//! grouped like the specification's SQLGetInfo page. ODBC 2 names that
//! were renamed in ODBC 3 share their number with the new name and are
//! not repeated.

// Driver information
pub const SQL_ACTIVE_ENVIRONMENTS: u16 = 116;
pub const SQL_ASYNC_DBC_FUNCTIONS: u16 = 10023;
pub const SQL_ASYNC_MODE: u16 = 10021;
pub const SQL_ASYNC_NOTIFICATION: u16 = 10025;
pub const SQL_BATCH_ROW_COUNT: u16 = 120;
pub const SQL_BATCH_SUPPORT: u16 = 121;
pub const SQL_DATA_SOURCE_NAME: u16 = 2;
pub const SQL_DRIVER_AWARE_POOLING_SUPPORTED: u16 = 10024;
pub const SQL_DRIVER_HDBC: u16 = 3;
pub const SQL_DRIVER_HDESC: u16 = 135;
pub const SQL_DRIVER_HENV: u16 = 4;
pub const SQL_DRIVER_HLIB: u16 = 76;
pub const SQL_DRIVER_HSTMT: u16 = 5;
pub const SQL_DRIVER_NAME: u16 = 6;
pub const SQL_DRIVER_ODBC_VER: u16 = 77;
pub const SQL_DRIVER_VER: u16 = 7;
pub const SQL_DYNAMIC_CURSOR_ATTRIBUTES1: u16 = 144;
pub const SQL_DYNAMIC_CURSOR_ATTRIBUTES2: u16 = 145;
pub const SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1: u16 = 146;
pub const SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2: u16 = 147;
pub const SQL_FILE_USAGE: u16 = 84;
pub const SQL_GETDATA_EXTENSIONS: u16 = 81;
pub const SQL_INFO_SCHEMA_VIEWS: u16 = 149;
pub const SQL_KEYSET_CURSOR_ATTRIBUTES1: u16 = 150;
pub const SQL_KEYSET_CURSOR_ATTRIBUTES2: u16 = 151;
pub const SQL_MAX_ASYNC_CONCURRENT_STATEMENTS: u16 = 10022;
pub const SQL_MAX_CONCURRENT_ACTIVITIES: u16 = 1;
pub const SQL_MAX_DRIVER_CONNECTIONS: u16 = 0;
pub const SQL_ODBC_INTERFACE_CONFORMANCE: u16 = 152;
pub const SQL_STANDARD_CLI_CONFORMANCE: u16 = 166;
pub const SQL_ODBC_VER: u16 = 10;
pub const SQL_PARAM_ARRAY_ROW_COUNTS: u16 = 153;
pub const SQL_PARAM_ARRAY_SELECTS: u16 = 154;
pub const SQL_ROW_UPDATES: u16 = 11;
pub const SQL_SEARCH_PATTERN_ESCAPE: u16 = 14;
pub const SQL_SERVER_NAME: u16 = 13;
pub const SQL_STATIC_CURSOR_ATTRIBUTES1: u16 = 167;
pub const SQL_STATIC_CURSOR_ATTRIBUTES2: u16 = 168;
pub const SQL_DM_VER: u16 = 171;
pub const SQL_XOPEN_CLI_YEAR: u16 = 10000;

// DBMS product information
pub const SQL_DATABASE_NAME: u16 = 16;
pub const SQL_DBMS_NAME: u16 = 17;
pub const SQL_DBMS_VER: u16 = 18;

// Data source information
pub const SQL_ACCESSIBLE_PROCEDURES: u16 = 20;
pub const SQL_ACCESSIBLE_TABLES: u16 = 19;
pub const SQL_BOOKMARK_PERSISTENCE: u16 = 82;
pub const SQL_CATALOG_TERM: u16 = 42;
pub const SQL_COLLATION_SEQ: u16 = 10004;
pub const SQL_CONCAT_NULL_BEHAVIOR: u16 = 22;
pub const SQL_CURSOR_COMMIT_BEHAVIOR: u16 = 23;
pub const SQL_CURSOR_ROLLBACK_BEHAVIOR: u16 = 24;
pub const SQL_CURSOR_SENSITIVITY: u16 = 10001;
pub const SQL_DATA_SOURCE_READ_ONLY: u16 = 25;
pub const SQL_DEFAULT_TXN_ISOLATION: u16 = 26;
pub const SQL_DESCRIBE_PARAMETER: u16 = 10002;
pub const SQL_MULT_RESULT_SETS: u16 = 36;
pub const SQL_MULTIPLE_ACTIVE_TXN: u16 = 37;
pub const SQL_NEED_LONG_DATA_LEN: u16 = 111;
pub const SQL_NULL_COLLATION: u16 = 85;
pub const SQL_PROCEDURE_TERM: u16 = 40;
pub const SQL_SCHEMA_TERM: u16 = 39;
pub const SQL_SCROLL_OPTIONS: u16 = 44;
pub const SQL_TABLE_TERM: u16 = 45;
pub const SQL_TXN_CAPABLE: u16 = 46;
pub const SQL_TXN_ISOLATION_OPTION: u16 = 72;
pub const SQL_USER_NAME: u16 = 47;

// Supported SQL
pub const SQL_AGGREGATE_FUNCTIONS: u16 = 169;
pub const SQL_ALTER_DOMAIN: u16 = 117;
pub const SQL_ALTER_TABLE: u16 = 86;
/// SQL_ANSI_SQL_DATETIME_LITERALS in the specification's text.
pub const SQL_DATETIME_LITERALS: u16 = 119;
pub const SQL_CATALOG_LOCATION: u16 = 114;
pub const SQL_CATALOG_NAME: u16 = 10003;
pub const SQL_CATALOG_NAME_SEPARATOR: u16 = 41;
pub const SQL_CATALOG_USAGE: u16 = 92;
pub const SQL_COLUMN_ALIAS: u16 = 87;
pub const SQL_CORRELATION_NAME: u16 = 74;
pub const SQL_CREATE_ASSERTION: u16 = 127;
pub const SQL_CREATE_CHARACTER_SET: u16 = 128;
pub const SQL_CREATE_COLLATION: u16 = 129;
pub const SQL_CREATE_DOMAIN: u16 = 130;
pub const SQL_CREATE_SCHEMA: u16 = 131;
pub const SQL_CREATE_TABLE: u16 = 132;
pub const SQL_CREATE_TRANSLATION: u16 = 133;
pub const SQL_CREATE_VIEW: u16 = 134;
pub const SQL_DDL_INDEX: u16 = 170;
pub const SQL_DROP_ASSERTION: u16 = 136;
pub const SQL_DROP_CHARACTER_SET: u16 = 137;
pub const SQL_DROP_COLLATION: u16 = 138;
pub const SQL_DROP_DOMAIN: u16 = 139;
pub const SQL_DROP_SCHEMA: u16 = 140;
pub const SQL_DROP_TABLE: u16 = 141;
pub const SQL_DROP_TRANSLATION: u16 = 142;
pub const SQL_DROP_VIEW: u16 = 143;
pub const SQL_EXPRESSIONS_IN_ORDERBY: u16 = 27;
pub const SQL_GROUP_BY: u16 = 88;
pub const SQL_IDENTIFIER_CASE: u16 = 28;
pub const SQL_IDENTIFIER_QUOTE_CHAR: u16 = 29;
pub const SQL_INDEX_KEYWORDS: u16 = 148;
pub const SQL_INSERT_STATEMENT: u16 = 172;
pub const SQL_INTEGRITY: u16 = 73;
pub const SQL_KEYWORDS: u16 = 89;
pub const SQL_LIKE_ESCAPE_CLAUSE: u16 = 113;
pub const SQL_NON_NULLABLE_COLUMNS: u16 = 75;
pub const SQL_SQL_CONFORMANCE: u16 = 118;
pub const SQL_OJ_CAPABILITIES: u16 = 115;
pub const SQL_ORDER_BY_COLUMNS_IN_SELECT: u16 = 90;
pub const SQL_OUTER_JOINS: u16 = 38;
pub const SQL_PROCEDURES: u16 = 21;
pub const SQL_QUOTED_IDENTIFIER_CASE: u16 = 93;
pub const SQL_SCHEMA_USAGE: u16 = 91;
pub const SQL_SPECIAL_CHARACTERS: u16 = 94;
pub const SQL_SQL92_DATETIME_FUNCTIONS: u16 = 155;
pub const SQL_SQL92_FOREIGN_KEY_DELETE_RULE: u16 = 156;
pub const SQL_SQL92_FOREIGN_KEY_UPDATE_RULE: u16 = 157;
pub const SQL_SQL92_GRANT: u16 = 158;
pub const SQL_SQL92_NUMERIC_VALUE_FUNCTIONS: u16 = 159;
pub const SQL_SQL92_PREDICATES: u16 = 160;
pub const SQL_SQL92_RELATIONAL_JOIN_OPERATORS: u16 = 161;
pub const SQL_SQL92_REVOKE: u16 = 162;
pub const SQL_SQL92_ROW_VALUE_CONSTRUCTOR: u16 = 163;
pub const SQL_SQL92_STRING_FUNCTIONS: u16 = 164;
pub const SQL_SQL92_VALUE_EXPRESSIONS: u16 = 165;
pub const SQL_SUBQUERIES: u16 = 95;
pub const SQL_UNION: u16 = 96;

// SQL limits
pub const SQL_MAX_BINARY_LITERAL_LEN: u16 = 112;
pub const SQL_MAX_CATALOG_NAME_LEN: u16 = 34;
pub const SQL_MAX_CHAR_LITERAL_LEN: u16 = 108;
pub const SQL_MAX_COLUMN_NAME_LEN: u16 = 30;
pub const SQL_MAX_COLUMNS_IN_GROUP_BY: u16 = 97;
pub const SQL_MAX_COLUMNS_IN_INDEX: u16 = 98;
pub const SQL_MAX_COLUMNS_IN_ORDER_BY: u16 = 99;
pub const SQL_MAX_COLUMNS_IN_SELECT: u16 = 100;
pub const SQL_MAX_COLUMNS_IN_TABLE: u16 = 101;
pub const SQL_MAX_CURSOR_NAME_LEN: u16 = 31;
pub const SQL_MAX_IDENTIFIER_LEN: u16 = 10005;
pub const SQL_MAX_INDEX_SIZE: u16 = 102;
pub const SQL_MAX_PROCEDURE_NAME_LEN: u16 = 33;
pub const SQL_MAX_ROW_SIZE: u16 = 104;
pub const SQL_MAX_ROW_SIZE_INCLUDES_LONG: u16 = 103;
pub const SQL_MAX_SCHEMA_NAME_LEN: u16 = 32;
pub const SQL_MAX_STATEMENT_LEN: u16 = 105;
pub const SQL_MAX_TABLE_NAME_LEN: u16 = 35;
pub const SQL_MAX_TABLES_IN_SELECT: u16 = 106;
pub const SQL_MAX_USER_NAME_LEN: u16 = 107;

// Scalar function information
pub const SQL_CONVERT_FUNCTIONS: u16 = 48;
pub const SQL_NUMERIC_FUNCTIONS: u16 = 49;
pub const SQL_STRING_FUNCTIONS: u16 = 50;
pub const SQL_SYSTEM_FUNCTIONS: u16 = 51;
pub const SQL_TIMEDATE_ADD_INTERVALS: u16 = 109;
pub const SQL_TIMEDATE_DIFF_INTERVALS: u16 = 110;
pub const SQL_TIMEDATE_FUNCTIONS: u16 = 52;

// Conversion information (the CONVERT scalar function)
pub const SQL_CONVERT_BIGINT: u16 = 53;
pub const SQL_CONVERT_BINARY: u16 = 54;
pub const SQL_CONVERT_BIT: u16 = 55;
pub const SQL_CONVERT_CHAR: u16 = 56;
pub const SQL_CONVERT_DATE: u16 = 57;
pub const SQL_CONVERT_DECIMAL: u16 = 58;
pub const SQL_CONVERT_DOUBLE: u16 = 59;
pub const SQL_CONVERT_FLOAT: u16 = 60;
pub const SQL_CONVERT_INTEGER: u16 = 61;
pub const SQL_CONVERT_LONGVARCHAR: u16 = 62;
pub const SQL_CONVERT_NUMERIC: u16 = 63;
pub const SQL_CONVERT_REAL: u16 = 64;
pub const SQL_CONVERT_SMALLINT: u16 = 65;
pub const SQL_CONVERT_TIME: u16 = 66;
pub const SQL_CONVERT_TIMESTAMP: u16 = 67;
pub const SQL_CONVERT_TINYINT: u16 = 68;
pub const SQL_CONVERT_VARBINARY: u16 = 69;
pub const SQL_CONVERT_VARCHAR: u16 = 70;
pub const SQL_CONVERT_LONGVARBINARY: u16 = 71;
pub const SQL_CONVERT_WCHAR: u16 = 122;
pub const SQL_CONVERT_INTERVAL_DAY_TIME: u16 = 123;
pub const SQL_CONVERT_INTERVAL_YEAR_MONTH: u16 = 124;
pub const SQL_CONVERT_WLONGVARCHAR: u16 = 125;
pub const SQL_CONVERT_WVARCHAR: u16 = 126;
pub const SQL_CONVERT_GUID: u16 = 173;

// Deprecated in ODBC 3 (answered for ODBC 2 applications)
pub const SQL_FETCH_DIRECTION: u16 = 8;
pub const SQL_LOCK_TYPES: u16 = 78;
pub const SQL_ODBC_API_CONFORMANCE: u16 = 9;
pub const SQL_ODBC_SAG_CLI_CONFORMANCE: u16 = 12;
pub const SQL_ODBC_SQL_CONFORMANCE: u16 = 15;
pub const SQL_POS_OPERATIONS: u16 = 79;
pub const SQL_POSITIONED_STATEMENTS: u16 = 80;
pub const SQL_SCROLL_CONCURRENCY: u16 = 43;
pub const SQL_STATIC_SENSITIVITY: u16 = 83;

// Not on the specification's page but in Microsoft's sqlext.h, and asked by
// Power BI / Excel (an error on them breaks the connection).
pub const SQL_DTC_TRANSITION_COST: u16 = 1750;
pub const SQL_RETURN_ESCAPE_CLAUSE: u16 = 180;
