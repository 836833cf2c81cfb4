//! SQLGetInfo / SQLGetFunctions tests. The list of information types below
//! is written out independently of the implementation (numbers from
//! sql.h / sqlext.h, formats from the specification's SQLGetInfo page).

use super::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Str,
    U16,
    U32,
    Ulen,
}
use Format::*;

/// Every ODBC 3.8 information type (including ODBC 2 and 3.8 additions,
/// and the two Microsoft ones Power BI asks for), with its format.
const ALL_INFO_TYPES: &[(u16, &str, Format)] = &[
    (0, "SQL_MAX_DRIVER_CONNECTIONS", U16),
    (1, "SQL_MAX_CONCURRENT_ACTIVITIES", U16),
    (2, "SQL_DATA_SOURCE_NAME", Str),
    (3, "SQL_DRIVER_HDBC", Ulen),
    (4, "SQL_DRIVER_HENV", Ulen),
    (5, "SQL_DRIVER_HSTMT", Ulen),
    (6, "SQL_DRIVER_NAME", Str),
    (7, "SQL_DRIVER_VER", Str),
    (8, "SQL_FETCH_DIRECTION", U32),
    (9, "SQL_ODBC_API_CONFORMANCE", U16),
    (10, "SQL_ODBC_VER", Str),
    (11, "SQL_ROW_UPDATES", Str),
    (12, "SQL_ODBC_SAG_CLI_CONFORMANCE", U16),
    (13, "SQL_SERVER_NAME", Str),
    (14, "SQL_SEARCH_PATTERN_ESCAPE", Str),
    (15, "SQL_ODBC_SQL_CONFORMANCE", U16),
    (16, "SQL_DATABASE_NAME", Str),
    (17, "SQL_DBMS_NAME", Str),
    (18, "SQL_DBMS_VER", Str),
    (19, "SQL_ACCESSIBLE_TABLES", Str),
    (20, "SQL_ACCESSIBLE_PROCEDURES", Str),
    (21, "SQL_PROCEDURES", Str),
    (22, "SQL_CONCAT_NULL_BEHAVIOR", U16),
    (23, "SQL_CURSOR_COMMIT_BEHAVIOR", U16),
    (24, "SQL_CURSOR_ROLLBACK_BEHAVIOR", U16),
    (25, "SQL_DATA_SOURCE_READ_ONLY", Str),
    (26, "SQL_DEFAULT_TXN_ISOLATION", U32),
    (27, "SQL_EXPRESSIONS_IN_ORDERBY", Str),
    (28, "SQL_IDENTIFIER_CASE", U16),
    (29, "SQL_IDENTIFIER_QUOTE_CHAR", Str),
    (30, "SQL_MAX_COLUMN_NAME_LEN", U16),
    (31, "SQL_MAX_CURSOR_NAME_LEN", U16),
    (32, "SQL_MAX_SCHEMA_NAME_LEN", U16),
    (33, "SQL_MAX_PROCEDURE_NAME_LEN", U16),
    (34, "SQL_MAX_CATALOG_NAME_LEN", U16),
    (35, "SQL_MAX_TABLE_NAME_LEN", U16),
    (36, "SQL_MULT_RESULT_SETS", Str),
    (37, "SQL_MULTIPLE_ACTIVE_TXN", Str),
    (38, "SQL_OUTER_JOINS", Str),
    (39, "SQL_SCHEMA_TERM", Str),
    (40, "SQL_PROCEDURE_TERM", Str),
    (41, "SQL_CATALOG_NAME_SEPARATOR", Str),
    (42, "SQL_CATALOG_TERM", Str),
    (43, "SQL_SCROLL_CONCURRENCY", U32),
    (44, "SQL_SCROLL_OPTIONS", U32),
    (45, "SQL_TABLE_TERM", Str),
    (46, "SQL_TXN_CAPABLE", U16),
    (47, "SQL_USER_NAME", Str),
    (48, "SQL_CONVERT_FUNCTIONS", U32),
    (49, "SQL_NUMERIC_FUNCTIONS", U32),
    (50, "SQL_STRING_FUNCTIONS", U32),
    (51, "SQL_SYSTEM_FUNCTIONS", U32),
    (52, "SQL_TIMEDATE_FUNCTIONS", U32),
    (53, "SQL_CONVERT_BIGINT", U32),
    (54, "SQL_CONVERT_BINARY", U32),
    (55, "SQL_CONVERT_BIT", U32),
    (56, "SQL_CONVERT_CHAR", U32),
    (57, "SQL_CONVERT_DATE", U32),
    (58, "SQL_CONVERT_DECIMAL", U32),
    (59, "SQL_CONVERT_DOUBLE", U32),
    (60, "SQL_CONVERT_FLOAT", U32),
    (61, "SQL_CONVERT_INTEGER", U32),
    (62, "SQL_CONVERT_LONGVARCHAR", U32),
    (63, "SQL_CONVERT_NUMERIC", U32),
    (64, "SQL_CONVERT_REAL", U32),
    (65, "SQL_CONVERT_SMALLINT", U32),
    (66, "SQL_CONVERT_TIME", U32),
    (67, "SQL_CONVERT_TIMESTAMP", U32),
    (68, "SQL_CONVERT_TINYINT", U32),
    (69, "SQL_CONVERT_VARBINARY", U32),
    (70, "SQL_CONVERT_VARCHAR", U32),
    (71, "SQL_CONVERT_LONGVARBINARY", U32),
    (72, "SQL_TXN_ISOLATION_OPTION", U32),
    (73, "SQL_INTEGRITY", Str),
    (74, "SQL_CORRELATION_NAME", U16),
    (75, "SQL_NON_NULLABLE_COLUMNS", U16),
    (76, "SQL_DRIVER_HLIB", Ulen),
    (77, "SQL_DRIVER_ODBC_VER", Str),
    (78, "SQL_LOCK_TYPES", U32),
    (79, "SQL_POS_OPERATIONS", U32),
    (80, "SQL_POSITIONED_STATEMENTS", U32),
    (81, "SQL_GETDATA_EXTENSIONS", U32),
    (82, "SQL_BOOKMARK_PERSISTENCE", U32),
    (83, "SQL_STATIC_SENSITIVITY", U32),
    (84, "SQL_FILE_USAGE", U16),
    (85, "SQL_NULL_COLLATION", U16),
    (86, "SQL_ALTER_TABLE", U32),
    (87, "SQL_COLUMN_ALIAS", Str),
    (88, "SQL_GROUP_BY", U16),
    (89, "SQL_KEYWORDS", Str),
    (90, "SQL_ORDER_BY_COLUMNS_IN_SELECT", Str),
    (91, "SQL_SCHEMA_USAGE", U32),
    (92, "SQL_CATALOG_USAGE", U32),
    (93, "SQL_QUOTED_IDENTIFIER_CASE", U16),
    (94, "SQL_SPECIAL_CHARACTERS", Str),
    (95, "SQL_SUBQUERIES", U32),
    (96, "SQL_UNION", U32),
    (97, "SQL_MAX_COLUMNS_IN_GROUP_BY", U16),
    (98, "SQL_MAX_COLUMNS_IN_INDEX", U16),
    (99, "SQL_MAX_COLUMNS_IN_ORDER_BY", U16),
    (100, "SQL_MAX_COLUMNS_IN_SELECT", U16),
    (101, "SQL_MAX_COLUMNS_IN_TABLE", U16),
    (102, "SQL_MAX_INDEX_SIZE", U32),
    (103, "SQL_MAX_ROW_SIZE_INCLUDES_LONG", Str),
    (104, "SQL_MAX_ROW_SIZE", U32),
    (105, "SQL_MAX_STATEMENT_LEN", U32),
    (106, "SQL_MAX_TABLES_IN_SELECT", U16),
    (107, "SQL_MAX_USER_NAME_LEN", U16),
    (108, "SQL_MAX_CHAR_LITERAL_LEN", U32),
    (109, "SQL_TIMEDATE_ADD_INTERVALS", U32),
    (110, "SQL_TIMEDATE_DIFF_INTERVALS", U32),
    (111, "SQL_NEED_LONG_DATA_LEN", Str),
    (112, "SQL_MAX_BINARY_LITERAL_LEN", U32),
    (113, "SQL_LIKE_ESCAPE_CLAUSE", Str),
    (114, "SQL_CATALOG_LOCATION", U16),
    (115, "SQL_OJ_CAPABILITIES", U32),
    (116, "SQL_ACTIVE_ENVIRONMENTS", U16),
    (117, "SQL_ALTER_DOMAIN", U32),
    (118, "SQL_SQL_CONFORMANCE", U32),
    (119, "SQL_DATETIME_LITERALS", U32),
    (120, "SQL_BATCH_ROW_COUNT", U32),
    (121, "SQL_BATCH_SUPPORT", U32),
    (122, "SQL_CONVERT_WCHAR", U32),
    (123, "SQL_CONVERT_INTERVAL_DAY_TIME", U32),
    (124, "SQL_CONVERT_INTERVAL_YEAR_MONTH", U32),
    (125, "SQL_CONVERT_WLONGVARCHAR", U32),
    (126, "SQL_CONVERT_WVARCHAR", U32),
    (127, "SQL_CREATE_ASSERTION", U32),
    (128, "SQL_CREATE_CHARACTER_SET", U32),
    (129, "SQL_CREATE_COLLATION", U32),
    (130, "SQL_CREATE_DOMAIN", U32),
    (131, "SQL_CREATE_SCHEMA", U32),
    (132, "SQL_CREATE_TABLE", U32),
    (133, "SQL_CREATE_TRANSLATION", U32),
    (134, "SQL_CREATE_VIEW", U32),
    (135, "SQL_DRIVER_HDESC", Ulen),
    (136, "SQL_DROP_ASSERTION", U32),
    (137, "SQL_DROP_CHARACTER_SET", U32),
    (138, "SQL_DROP_COLLATION", U32),
    (139, "SQL_DROP_DOMAIN", U32),
    (140, "SQL_DROP_SCHEMA", U32),
    (141, "SQL_DROP_TABLE", U32),
    (142, "SQL_DROP_TRANSLATION", U32),
    (143, "SQL_DROP_VIEW", U32),
    (144, "SQL_DYNAMIC_CURSOR_ATTRIBUTES1", U32),
    (145, "SQL_DYNAMIC_CURSOR_ATTRIBUTES2", U32),
    (146, "SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1", U32),
    (147, "SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2", U32),
    (148, "SQL_INDEX_KEYWORDS", U32),
    (149, "SQL_INFO_SCHEMA_VIEWS", U32),
    (150, "SQL_KEYSET_CURSOR_ATTRIBUTES1", U32),
    (151, "SQL_KEYSET_CURSOR_ATTRIBUTES2", U32),
    (152, "SQL_ODBC_INTERFACE_CONFORMANCE", U32),
    (153, "SQL_PARAM_ARRAY_ROW_COUNTS", U32),
    (154, "SQL_PARAM_ARRAY_SELECTS", U32),
    (155, "SQL_SQL92_DATETIME_FUNCTIONS", U32),
    (156, "SQL_SQL92_FOREIGN_KEY_DELETE_RULE", U32),
    (157, "SQL_SQL92_FOREIGN_KEY_UPDATE_RULE", U32),
    (158, "SQL_SQL92_GRANT", U32),
    (159, "SQL_SQL92_NUMERIC_VALUE_FUNCTIONS", U32),
    (160, "SQL_SQL92_PREDICATES", U32),
    (161, "SQL_SQL92_RELATIONAL_JOIN_OPERATORS", U32),
    (162, "SQL_SQL92_REVOKE", U32),
    (163, "SQL_SQL92_ROW_VALUE_CONSTRUCTOR", U32),
    (164, "SQL_SQL92_STRING_FUNCTIONS", U32),
    (165, "SQL_SQL92_VALUE_EXPRESSIONS", U32),
    (166, "SQL_STANDARD_CLI_CONFORMANCE", U32),
    (167, "SQL_STATIC_CURSOR_ATTRIBUTES1", U32),
    (168, "SQL_STATIC_CURSOR_ATTRIBUTES2", U32),
    (169, "SQL_AGGREGATE_FUNCTIONS", U32),
    (170, "SQL_DDL_INDEX", U32),
    (171, "SQL_DM_VER", Str),
    (172, "SQL_INSERT_STATEMENT", U32),
    (173, "SQL_CONVERT_GUID", U32),
    (180, "SQL_RETURN_ESCAPE_CLAUSE", U32),
    (1750, "SQL_DTC_TRANSITION_COST", U32),
    (10000, "SQL_XOPEN_CLI_YEAR", Str),
    (10001, "SQL_CURSOR_SENSITIVITY", U32),
    (10002, "SQL_DESCRIBE_PARAMETER", Str),
    (10003, "SQL_CATALOG_NAME", Str),
    (10004, "SQL_COLLATION_SEQ", Str),
    (10005, "SQL_MAX_IDENTIFIER_LEN", U16),
    (10021, "SQL_ASYNC_MODE", U32),
    (10022, "SQL_MAX_ASYNC_CONCURRENT_STATEMENTS", U32),
    (10023, "SQL_ASYNC_DBC_FUNCTIONS", U32),
    (10024, "SQL_DRIVER_AWARE_POOLING_SUPPORTED", U32),
    (10025, "SQL_ASYNC_NOTIFICATION", U32),
];

fn ctx() -> InfoContext {
    InfoContext {
        dsn: "KintoneDemo".into(),
        user: "demo-admin".into(),
        server_name: "example.cybozu.com".into(),
        connected: true,
    }
}

fn info(id: u16) -> InfoValue {
    get_info(id, &ctx()).unwrap_or_else(|| panic!("info type {id} unanswered"))
}

fn text(id: u16) -> String {
    match info(id) {
        InfoValue::Str(s) => s,
        other => panic!("{id}: {other:?} is not a string"),
    }
}

fn u16_of(id: u16) -> u16 {
    match info(id) {
        InfoValue::U16(v) => v,
        other => panic!("{id}: {other:?} is not an SQLUSMALLINT"),
    }
}

fn u32_of(id: u16) -> u32 {
    match info(id) {
        InfoValue::U32(v) => v,
        other => panic!("{id}: {other:?} is not an SQLUINTEGER"),
    }
}

#[test]
fn every_odbc_38_info_type_answers_in_its_format() {
    for &(id, name, format) in ALL_INFO_TYPES {
        let value = get_info(id, &ctx()).unwrap_or_else(|| panic!("{name} ({id}) unanswered"));
        let actual = match value {
            InfoValue::Str(_) => Str,
            InfoValue::U16(_) => U16,
            InfoValue::U32(_) => U32,
            InfoValue::U64(_) => Ulen,
        };
        assert_eq!(actual, format, "{name} ({id})");
    }
}

#[test]
fn unknown_types_are_none_and_nothing_else_is_answered() {
    for id in [
        174u16,
        179,
        181,
        999,
        1749,
        1751,
        9999,
        10006,
        10020,
        10026,
        20000,
        u16::MAX,
    ] {
        assert_eq!(get_info(id, &ctx()), None, "{id}");
    }
    // Nothing outside the list answers: the list and the implementation agree.
    for id in 0..=u16::MAX {
        if get_info(id, &ctx()).is_some() {
            assert!(
                ALL_INFO_TYPES.iter().any(|(known, _, _)| *known == id),
                "{id} answered but not an ODBC information type"
            );
        }
    }
}

#[test]
fn identity_of_the_driver_and_the_connection() {
    assert_eq!(text(ids::SQL_DRIVER_NAME), DRIVER_FILE_NAME);
    if cfg!(target_os = "linux") {
        assert_eq!(text(ids::SQL_DRIVER_NAME), "libkintone_odbc.so");
    }
    assert_eq!(text(ids::SQL_DRIVER_VER), "00.01.0000");
    assert_eq!(text(ids::SQL_DRIVER_ODBC_VER), "03.80");
    assert_eq!(text(ids::SQL_DBMS_NAME), "Kintone");
    assert!(text(ids::SQL_DBMS_VER).starts_with("01.00.0000"));
    assert_eq!(text(ids::SQL_DATA_SOURCE_NAME), "KintoneDemo");
    assert_eq!(text(ids::SQL_USER_NAME), "demo-admin");
    assert_eq!(text(ids::SQL_SERVER_NAME), "example.cybozu.com");
}

#[test]
fn power_bi_keys_answer_zero_rather_than_failing() {
    assert_eq!(u32_of(1750), 0, "SQL_DTC_TRANSITION_COST");
    assert_eq!(u32_of(180), 0, "SQL_RETURN_ESCAPE_CLAUSE");
    assert_eq!(u32_of(ids::SQL_ASYNC_MODE), 0);
    assert_eq!(u32_of(ids::SQL_BATCH_SUPPORT), 0);
}

#[test]
fn identifiers_and_patterns() {
    assert_eq!(text(ids::SQL_IDENTIFIER_QUOTE_CHAR), "\"");
    assert_eq!(u16_of(ids::SQL_IDENTIFIER_CASE), 3, "SQL_IC_SENSITIVE");
    assert_eq!(u16_of(ids::SQL_QUOTED_IDENTIFIER_CASE), 3);
    assert_eq!(text(ids::SQL_SEARCH_PATTERN_ESCAPE), "\\");
    assert_eq!(text(ids::SQL_LIKE_ESCAPE_CLAUSE), "Y");
    // odbc-api sizes its buffers from these: never zero.
    for id in [30u16, 32, 34, 35, 10005] {
        assert!(u16_of(id) > 0, "{id}");
    }
}

#[test]
fn no_catalogs_no_schemas() {
    assert_eq!(u32_of(ids::SQL_CATALOG_USAGE), 0);
    assert_eq!(u32_of(ids::SQL_SCHEMA_USAGE), 0);
    assert_eq!(text(ids::SQL_CATALOG_NAME), "N");
    assert_eq!(text(ids::SQL_CATALOG_NAME_SEPARATOR), "");
    assert_eq!(u16_of(ids::SQL_CATALOG_LOCATION), 0);
}

#[test]
fn forward_only_read_only_cursors_without_transactions() {
    assert_eq!(u32_of(ids::SQL_SCROLL_OPTIONS), 1, "SQL_SO_FORWARD_ONLY");
    assert_eq!(
        u32_of(ids::SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1),
        0x1 | 0x40 | 0x200 | 0x1000,
        "SQL_CA1_NEXT | LOCK_NO_CHANGE | POS_POSITION | POS_REFRESH"
    );
    assert_eq!(
        u32_of(ids::SQL_POS_OPERATIONS),
        0x1 | 0x2,
        "POSITION | REFRESH"
    );
    assert_eq!(u32_of(ids::SQL_LOCK_TYPES), 1, "SQL_LCK_NO_CHANGE");
    // ANY_COLUMN | ANY_ORDER | BLOCK | BOUND
    assert_eq!(u32_of(ids::SQL_GETDATA_EXTENSIONS), 0x1 | 0x2 | 0x4 | 0x8);
    assert_eq!(text(ids::SQL_NEED_LONG_DATA_LEN), "N");
    assert_ne!(u32_of(ids::SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2) & 1, 0);
    for id in [144u16, 145, 150, 151, 167, 168] {
        assert_eq!(u32_of(id), 0, "{id}");
    }
    assert_eq!(u16_of(ids::SQL_TXN_CAPABLE), 0, "SQL_TC_NONE");
    assert_eq!(u32_of(ids::SQL_DEFAULT_TXN_ISOLATION), 0);
    assert_eq!(text(ids::SQL_DATA_SOURCE_READ_ONLY), "Y");
}

#[test]
fn sql_capabilities() {
    assert_eq!(u32_of(ids::SQL_SQL_CONFORMANCE), 1, "SQL_SC_SQL92_ENTRY");
    assert_eq!(u32_of(ids::SQL_AGGREGATE_FUNCTIONS), 0x7F);
    let predicates = u32_of(ids::SQL_SQL92_PREDICATES);
    for bit in [0x1u32, 0x2, 0x4, 0x200, 0x400, 0x800, 0x1000] {
        assert_ne!(predicates & bit, 0, "predicate bit {bit:#x}");
    }
    assert_eq!(predicates & 0x0100, 0, "no UNIQUE predicate");
    let joins = u32_of(ids::SQL_SQL92_RELATIONAL_JOIN_OPERATORS);
    assert_ne!(joins & 0x40, 0, "LEFT OUTER JOIN");
    assert_eq!(joins & 0x200, 0, "no UNION JOIN");
    assert_eq!(text(ids::SQL_ORDER_BY_COLUMNS_IN_SELECT), "N");
    assert_eq!(u16_of(ids::SQL_GROUP_BY), 2);
    assert_eq!(u32_of(ids::SQL_CONVERT_FUNCTIONS) & 2, 2, "CAST");
    assert_ne!(u32_of(ids::SQL_OJ_CAPABILITIES) & 0x1, 0);
}

#[test]
fn conversions_are_symmetric_where_cast_is() {
    // Text converts to every reported type that converts back to text.
    let text_targets = u32_of(ids::SQL_CONVERT_WVARCHAR);
    for (id, bit) in [
        (ids::SQL_CONVERT_BIGINT, 0x4000u32),
        (ids::SQL_CONVERT_DECIMAL, 0x4),
        (ids::SQL_CONVERT_DOUBLE, 0x80),
        (ids::SQL_CONVERT_DATE, 0x8000),
        (ids::SQL_CONVERT_TIME, 0x1_0000),
        (ids::SQL_CONVERT_TIMESTAMP, 0x2_0000),
    ] {
        assert_ne!(text_targets & bit, 0, "text to {id}");
        assert_ne!(u32_of(id) & 0x100, 0, "{id} to VARCHAR");
    }
    assert_eq!(
        u32_of(ids::SQL_CONVERT_DATE) & 0x1_0000,
        0,
        "DATE does not cast to TIME"
    );
    assert_eq!(u32_of(ids::SQL_CONVERT_GUID), 0);
}

#[test]
fn function_bitmap_matches_supported_functions() {
    let bitmap = odbc3_function_bitmap();
    let exists = |id: u16| bitmap[usize::from(id >> 4)] & (1 << (id & 0xF)) != 0;
    for id in 0..(250 * 16) as u16 {
        assert_eq!(
            exists(id),
            supported_functions().contains(&id),
            "function {id}"
        );
        assert_eq!(exists(id), is_supported(id));
    }
    let odbc2 = odbc2_function_array();
    for id in 0..100u16 {
        assert_eq!(
            odbc2[usize::from(id)] == 1,
            supported_functions().contains(&id),
            "function {id}"
        );
    }
}

#[test]
fn supported_functions_are_the_entry_points_of_issue_5() {
    // The ids of issue 5's entry point list.
    let expected: &[u16] = &[
        1001, 1006, 1019, 1012, 1016, 1007, 1020, 1014, 1008, 1009, 1017, 1018,
        1004, // handles, descriptors
        7, 41, 9, // connecting
        11, 19, 12, 63, 58, 72, 62, 5, 1005, 20, 61, 1003, 16, // running
        48, 49, // data at execution
        18, 8, 6, 4, 13, 1021, 59, 43, 68, // results, SQLSetPos
        54, 40, 65, 60, 53, 52, 67, 66, 70, 56, 47, // catalog
        45, 44, 1011, 1010, // information, diagnostics
    ];
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    let mut actual = supported_functions().to_vec();
    actual.sort_unstable();
    assert_eq!(actual, expected);
    // Not exported: the driver manager maps the ODBC 2 forms itself.
    // SQLBulkOperations (24) belongs with writes.
    for id in [1u16, 2, 3, 10, 14, 15, 23, 42, 50, 24, 1022] {
        assert!(!is_supported(id), "{id}");
    }
}
