//! SQLDisconnect frees every statement and explicitly allocated descriptor
//! of the connection (closing open cursors); their handles become invalid
//! and the connection handle can connect again. Through the driver
//! manager (which frees its own statement handles too) and straight into
//! the driver, where the old handles reach the driver's own checks.

use std::ffi::c_void;
use std::ptr::null_mut;

use odbc_api_tests::demo::{records, text, CUSTOMERS};
use odbc_api_tests::emulator::shared;
use odbc_api_tests::ffi::*;
use odbc_api_tests::odbc::driver_string;
use odbc_api_tests::{driver, DEMO_DSN, DEMO_PASSWORD, DEMO_USER};

fn first_company() -> String {
    text(&records(CUSTOMERS)[0], "company_name").unwrap()
}

/// Two statements (one with an open cursor, mid-result) and a descriptor,
/// then SQLDisconnect; the connection is reusable. Straight into the driver
/// (`freed_handles_answer`), the old handles answer SQL_INVALID_HANDLE. The
/// driver manager frees its own handles at SQLDisconnect, and using them
/// afterwards is undefined behaviour there (unixODBC may crash), so that
/// path does not try.
fn disconnect_with_open_statements(api: &Api, conn: &str, freed_handles_answer: bool) {
    let env = api.env();
    let dbc = api.connect(env, conn);
    let busy = api.stmt(dbc);
    let idle = api.stmt(dbc);
    let mut desc = null_mut();
    // SAFETY: valid out pointer.
    let ret = unsafe { (api.SQLAllocHandle)(SQL_HANDLE_DESC, dbc, &mut desc) };
    assert_eq!(ret, SQL_SUCCESS);
    api.exec(busy, "SELECT company_name FROM Customers ORDER BY RecordId");
    // SAFETY: a result set is open; plain calls on the handles under test.
    unsafe {
        assert_eq!((api.SQLFetch)(busy), SQL_SUCCESS);
        assert_eq!(
            (api.SQLDisconnect)(dbc),
            SQL_SUCCESS,
            "{:?}",
            api.diagnostics(SQL_HANDLE_DBC, dbc)
        );
    }
    if freed_handles_answer {
        // SAFETY: the driver's registry checks handles before using them.
        unsafe { assert_freed(api, busy, idle, desc) };
    }
    // The same connection handle connects again and runs a query.
    api.driver_connect(dbc, conn);
    let stmt = api.stmt(dbc);
    api.exec(stmt, "SELECT company_name FROM Customers ORDER BY RecordId");
    // SAFETY: a result set is open.
    assert_eq!(unsafe { (api.SQLFetch)(stmt) }, SQL_SUCCESS);
    assert_eq!(api.get_wtext(stmt, 1), Some(first_company()));
    // Freeing the connection needs SQLDisconnect first; close does both.
    api.close(env, dbc, stmt);
}

/// The handles SQLDisconnect freed are refused, not dereferenced.
unsafe fn assert_freed(api: &Api, busy: Handle, idle: Handle, desc: Handle) {
    unsafe {
        assert_eq!((api.SQLFetch)(busy), SQL_INVALID_HANDLE);
        let sql = wide("SELECT 1");
        assert_eq!(
            (api.SQLExecDirectW)(idle, sql.as_ptr(), SQL_NTSL),
            SQL_INVALID_HANDLE
        );
        assert_eq!(
            (api.SQLFreeHandle)(SQL_HANDLE_STMT, idle),
            SQL_INVALID_HANDLE
        );
        assert_eq!(
            (api.SQLFreeHandle)(SQL_HANDLE_DESC, desc),
            SQL_INVALID_HANDLE
        );
    }
}

#[test]
fn disconnect_frees_statements_through_the_driver_manager() {
    let api = Api::driver_manager();
    disconnect_with_open_statements(&api, &format!("DSN={DEMO_DSN}"), false);
}

#[test]
fn disconnect_frees_statements_straight_in_the_driver() {
    let url = &shared().url;
    let api = Api::driver(&driver::library());
    let conn = driver_string(
        url,
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"),
    );
    disconnect_with_open_statements(&api, &conn, true);
}

/// A statement waiting for data-at-execution values keeps the connection
/// open: HY010 from the driver manager and from the driver alike.
fn disconnect_while_needing_data(api: &Api, conn: &str) {
    let env = api.env();
    let dbc = api.connect(env, conn);
    let stmt = api.stmt(dbc);
    let mut ind = SQL_DATA_AT_EXEC;
    let sql = narrow("SELECT CAST(? AS VARCHAR) AS v");
    // SAFETY: `ind` outlives the sequence; NUL-terminated text.
    unsafe {
        let ret = (api.SQLBindParameter)(
            stmt,
            1,
            SQL_PARAM_INPUT,
            SQL_C_CHAR,
            SQL_VARCHAR,
            10,
            0,
            std::ptr::without_provenance_mut(1),
            0,
            &mut ind,
        );
        assert_eq!(ret, SQL_SUCCESS);
        assert_eq!(
            (api.SQLExecDirect)(stmt, sql.as_ptr(), SQL_NTSL),
            SQL_NEED_DATA
        );
        assert_eq!((api.SQLDisconnect)(dbc), SQL_ERROR);
        assert_eq!(api.state(SQL_HANDLE_DBC, dbc), "HY010");
        // Still connected: finish the sequence and read the value.
        let mut token = null_mut();
        assert_eq!((api.SQLParamData)(stmt, &mut token), SQL_NEED_DATA);
        assert_eq!(
            (api.SQLPutData)(stmt, c"ok".as_ptr() as *mut c_void, SQL_NTS as isize),
            SQL_SUCCESS
        );
        assert_eq!((api.SQLParamData)(stmt, &mut token), SQL_SUCCESS);
        assert_eq!((api.SQLFetch)(stmt), SQL_SUCCESS);
    }
    assert_eq!(api.get_wtext(stmt, 1).as_deref(), Some("ok"));
    api.close(env, dbc, stmt);
}

#[test]
fn disconnect_while_a_statement_needs_data_is_a_sequence_error() {
    disconnect_while_needing_data(&Api::driver_manager(), &format!("DSN={DEMO_DSN}"));
    let url = &shared().url;
    let conn = driver_string(
        url,
        &format!("User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"),
    );
    disconnect_while_needing_data(&Api::driver(&driver::library()), &conn);
}
