//! The driver library's dynamic symbol table (`nm -D`): every entry point
//! is exported, each string-taking one in both the ANSI and the Unicode
//! form, and nothing the driver does not implement.

use std::process::Command;

use odbc_api_tests::driver::library;

/// Every entry point is exported, and each string-taking one in both forms.
#[test]
fn every_entry_point_is_exported_in_ansi_and_unicode_form() {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(library())
        .output()
        .expect("nm runs");
    let symbols = String::from_utf8_lossy(&out.stdout);
    let exported = |name: &str| {
        symbols
            .lines()
            .any(|l| l.split_whitespace().last() == Some(name))
    };
    let both = [
        "SQLBrowseConnect",
        "SQLColAttribute",
        "SQLColumnPrivileges",
        "SQLColumns",
        "SQLConnect",
        "SQLDescribeCol",
        "SQLDriverConnect",
        "SQLError",
        "SQLExecDirect",
        "SQLForeignKeys",
        "SQLGetConnectAttr",
        "SQLGetCursorName",
        "SQLGetDescField",
        "SQLGetDescRec",
        "SQLGetDiagField",
        "SQLGetDiagRec",
        "SQLGetInfo",
        "SQLGetStmtAttr",
        "SQLGetTypeInfo",
        "SQLNativeSql",
        "SQLPrepare",
        "SQLPrimaryKeys",
        "SQLProcedureColumns",
        "SQLProcedures",
        "SQLSetConnectAttr",
        "SQLSetCursorName",
        "SQLSetDescField",
        "SQLSetStmtAttr",
        "SQLSpecialColumns",
        "SQLStatistics",
        "SQLTablePrivileges",
        "SQLTables",
    ];
    let single = [
        "SQLAllocHandle",
        "SQLBindCol",
        "SQLBindParameter",
        "SQLCancel",
        "SQLCloseCursor",
        "SQLCopyDesc",
        "SQLDescribeParam",
        "SQLDisconnect",
        "SQLEndTran",
        "SQLExecute",
        "SQLExtendedFetch",
        "SQLFetch",
        "SQLFetchScroll",
        "SQLFreeHandle",
        "SQLFreeStmt",
        "SQLGetData",
        "SQLGetEnvAttr",
        "SQLGetFunctions",
        "SQLMoreResults",
        "SQLNumParams",
        "SQLNumResultCols",
        "SQLParamData",
        "SQLPutData",
        "SQLRowCount",
        "SQLSetDescRec",
        "SQLSetEnvAttr",
        "SQLSetPos",
    ];
    let missing: Vec<String> = both
        .iter()
        .flat_map(|n| [n.to_string(), format!("{n}W")])
        .chain(single.iter().map(|n| n.to_string()))
        .filter(|n| !exported(n))
        .collect();
    assert!(missing.is_empty(), "not exported: {missing:?}");
    // Bulk writes belong with the write support; SQLGetFunctions says so too.
    assert!(!exported("SQLBulkOperations"));
}
