//! Misuse, answered with the right SQLSTATE and no crash: null and wrong
//! handles, null pointers, zero and odd buffer lengths, buffers one byte
//! too small, fetching before executing. First through the driver manager
//! (what applications see), then straight into the driver for what the
//! driver manager intercepts.

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use odbc_api_tests::emulator::shared;
use odbc_api_tests::ffi::*;
use odbc_api_tests::odbc::driver_string;
use odbc_api_tests::{driver, DEMO_DSN, DEMO_PASSWORD, DEMO_USER};

const SQL_DBMS_NAME: u16 = 17;

fn through_dm() -> (Api, Handle, Handle, Handle) {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    let stmt = api.stmt(dbc);
    (api, env, dbc, stmt)
}

/// The driver loaded on its own, connected without a driver manager.
fn direct() -> (Api, Handle, Handle, Handle) {
    let url = &shared().url;
    let api = Api::driver(&driver::library());
    let env = api.env();
    let dbc = api.connect(
        env,
        &driver_string(
            url,
            &format!("User={DEMO_USER};Password={DEMO_PASSWORD};UseCodeForFieldName=true"),
        ),
    );
    let stmt = api.stmt(dbc);
    (api, env, dbc, stmt)
}

#[test]
fn null_handles_are_invalid_handles() {
    let (api, env, dbc, stmt) = through_dm();
    // SAFETY: null handles are what is being tested.
    unsafe {
        assert_eq!((api.SQLFetch)(null_mut()), SQL_INVALID_HANDLE);
        assert_eq!(
            (api.SQLFreeHandle)(SQL_HANDLE_STMT, null_mut()),
            SQL_INVALID_HANDLE
        );
        assert_eq!(
            (api.SQLGetInfoW)(null_mut(), SQL_DBMS_NAME, null_mut(), 0, null_mut()),
            SQL_INVALID_HANDLE
        );
    }
    api.close(env, dbc, stmt);
}

#[test]
fn null_and_wrong_handles_straight_into_the_driver() {
    let (api, env, dbc, stmt) = direct();
    // SAFETY: null handles and handles of the wrong kind, which the driver
    // must recognise without dereferencing them as the expected kind.
    unsafe {
        assert_eq!((api.SQLFetch)(null_mut()), SQL_INVALID_HANDLE);
        assert_eq!(
            (api.SQLFreeHandle)(SQL_HANDLE_STMT, null_mut()),
            SQL_INVALID_HANDLE
        );
        assert_eq!((api.SQLDisconnect)(null_mut()), SQL_INVALID_HANDLE);
        let sql = narrow("SELECT 1");
        assert_eq!(
            (api.SQLExecDirect)(null_mut(), sql.as_ptr(), SQL_NTSL),
            SQL_INVALID_HANDLE
        );
        // An environment where a statement is expected, and the reverse.
        assert_eq!((api.SQLFetch)(env), SQL_INVALID_HANDLE);
        assert_eq!(
            (api.SQLExecDirect)(dbc, sql.as_ptr(), SQL_NTSL),
            SQL_INVALID_HANDLE
        );
        assert_eq!(
            (api.SQLGetInfo)(stmt, SQL_DBMS_NAME, null_mut(), 0, null_mut()),
            SQL_INVALID_HANDLE
        );
        assert_eq!(
            (api.SQLFreeHandle)(SQL_HANDLE_DBC, stmt),
            SQL_INVALID_HANDLE
        );
        // An unknown handle type (the spec: SQL_INVALID_HANDLE).
        assert_eq!((api.SQLFreeHandle)(42, stmt), SQL_INVALID_HANDLE);
    }
    // Everything still works.
    api.exec(stmt, "SELECT COUNT(*) FROM Deals");
    api.close(env, dbc, stmt);
}

fn null_text_is_hy009(api: &Api, stmt: Handle) {
    // SAFETY: a null statement text.
    let ret = unsafe { (api.SQLExecDirectW)(stmt, null(), SQL_NTSL) };
    assert_eq!(ret, SQL_ERROR);
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY009");
    // SAFETY: a null target with a non-zero length.
    let ret = unsafe { (api.SQLPrepare)(stmt, null(), 10) };
    assert_eq!(ret, SQL_ERROR);
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY009");
}

#[test]
fn null_pointers_are_hy009() {
    let (api, env, dbc, stmt) = through_dm();
    null_text_is_hy009(&api, stmt);
    api.close(env, dbc, stmt);
    let (api, env, dbc, stmt) = direct();
    null_text_is_hy009(&api, stmt);
    api.close(env, dbc, stmt);
}

fn bad_lengths(api: &Api, dbc: Handle, stmt: Handle) {
    let sql = narrow("SELECT 1");
    // SAFETY: lengths are what is tested; buffers are as large as claimed.
    unsafe {
        // A negative length other than SQL_NTS.
        assert_eq!((api.SQLExecDirect)(stmt, sql.as_ptr(), -7), SQL_ERROR);
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY090");
        // An odd byte length for a W function's string output.
        let mut buf = [0u16; 16];
        let mut len = 0i16;
        let ret = (api.SQLGetInfoW)(dbc, SQL_DBMS_NAME, buf.as_mut_ptr().cast(), 7, &mut len);
        assert_eq!(ret, SQL_ERROR);
        assert_eq!(api.state(SQL_HANDLE_DBC, dbc), "HY090");
        // A zero-length buffer: nothing written, the full length reported.
        let mut untouched = [0xAAu8; 8];
        let ret = (api.SQLGetInfo)(
            dbc,
            SQL_DBMS_NAME,
            untouched.as_mut_ptr().cast(),
            0,
            &mut len,
        );
        assert_eq!(ret, SQL_SUCCESS_WITH_INFO);
        assert!(len > 0);
        assert_eq!(untouched, [0xAA; 8]);
    }
}

#[test]
fn zero_negative_and_odd_lengths() {
    let (api, env, dbc, stmt) = through_dm();
    bad_lengths(&api, dbc, stmt);
    api.close(env, dbc, stmt);
    let (api, env, dbc, stmt) = direct();
    bad_lengths(&api, dbc, stmt);
    api.close(env, dbc, stmt);
}

fn one_byte_too_small(api: &Api, dbc: Handle, stmt: Handle, ansi_info: bool) {
    // SQLGetInfo: the DBMS name into a buffer one character short of its
    // terminator. (Through unixODBC only the W form: a connection made with
    // SQLDriverConnectW has the driver manager map A calls onto W ones and
    // convert the text itself.)
    let unit = if ansi_info { 1 } else { 2 };
    let get_info = if ansi_info {
        api.SQLGetInfo
    } else {
        api.SQLGetInfoW
    };
    let mut full = [0u8; 256];
    let mut full_len = 0i16;
    // SAFETY: buffers sized as passed.
    unsafe {
        let ret = get_info(
            dbc,
            SQL_DBMS_NAME,
            full.as_mut_ptr().cast(),
            256,
            &mut full_len,
        );
        assert_eq!(ret, SQL_SUCCESS);
        let n = full_len as usize;
        let mut short = vec![0xAAu8; n + unit];
        let mut len = 0i16;
        let ret = get_info(
            dbc,
            SQL_DBMS_NAME,
            short.as_mut_ptr().cast(),
            n as i16,
            &mut len,
        );
        assert_eq!(ret, SQL_SUCCESS_WITH_INFO);
        assert_eq!(api.state(SQL_HANDLE_DBC, dbc), "01004");
        assert_eq!(len, full_len, "the full length is reported");
        assert_eq!(&short[..n - unit], &full[..n - unit]);
        assert!(
            short[n - unit..n].iter().all(|b| *b == 0),
            "truncated text is NUL-terminated"
        );
        assert!(
            short[n..].iter().all(|b| *b == 0xAA),
            "nothing written past the buffer"
        );
    }
    // SQLGetData: "Deals" needs 6 bytes as SQL_C_CHAR; give 5, then read the rest.
    api.exec(stmt, "SELECT 'Deals' AS t");
    // SAFETY: buffers sized as passed.
    unsafe {
        assert_eq!((api.SQLFetch)(stmt), SQL_SUCCESS);
        let mut buf = [0xAAu8; 6];
        let mut ind = 0isize;
        let ret = (api.SQLGetData)(stmt, 1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 5, &mut ind);
        assert_eq!(ret, SQL_SUCCESS_WITH_INFO);
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "01004");
        assert_eq!(ind, 5, "the full length");
        assert_eq!(&buf, b"Deal\0\xAA");
        let ret = (api.SQLGetData)(stmt, 1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 5, &mut ind);
        assert_eq!(ret, SQL_SUCCESS);
        assert_eq!((ind, &buf[..2]), (1, &b"s\0"[..]));
        let ret = (api.SQLGetData)(stmt, 1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 5, &mut ind);
        assert_eq!(ret, SQL_NO_DATA);
        // The same with SQL_C_WCHAR: 12 bytes needed, 10 given.
        assert_eq!((api.SQLCloseCursor)(stmt), SQL_SUCCESS);
    }
    api.exec(stmt, "SELECT 'Deals' AS t");
    // SAFETY: buffers sized as passed.
    unsafe {
        assert_eq!((api.SQLFetch)(stmt), SQL_SUCCESS);
        let mut wbuf = [0xAAAAu16; 6];
        let mut ind = 0isize;
        let ret = (api.SQLGetData)(stmt, 1, SQL_C_WCHAR, wbuf.as_mut_ptr().cast(), 10, &mut ind);
        assert_eq!(ret, SQL_SUCCESS_WITH_INFO);
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "01004");
        assert_eq!(ind, 10, "the full length in bytes");
        assert_eq!(String::from_utf16(&wbuf[..4]).unwrap(), "Deal");
        assert_eq!(wbuf[4], 0);
        assert_eq!(wbuf[5], 0xAAAA);
        assert_eq!((api.SQLCloseCursor)(stmt), SQL_SUCCESS);
    }
}

#[test]
fn buffers_one_byte_too_small_are_01004_with_the_full_length() {
    let (api, env, dbc, stmt) = through_dm();
    one_byte_too_small(&api, dbc, stmt, false);
    api.close(env, dbc, stmt);
    for ansi_info in [true, false] {
        let (api, env, dbc, stmt) = direct();
        one_byte_too_small(&api, dbc, stmt, ansi_info);
        api.close(env, dbc, stmt);
    }
}

fn fetch_before_execute(api: &Api, stmt: Handle) {
    // SAFETY: a fresh statement without a cursor.
    let ret = unsafe { (api.SQLFetch)(stmt) };
    assert_eq!(ret, SQL_ERROR);
    let state = api.state(SQL_HANDLE_STMT, stmt);
    assert!(state == "HY010" || state == "24000", "{state}");
    let mut buf = [0u8; 8];
    let mut ind = 0isize;
    // SAFETY: as above.
    let ret =
        unsafe { (api.SQLGetData)(stmt, 1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 8, &mut ind) };
    assert_eq!(ret, SQL_ERROR);
    let state = api.state(SQL_HANDLE_STMT, stmt);
    assert!(state == "HY010" || state == "24000", "{state}");
    let mut cols = -1i16;
    // SAFETY: as above; no result set: 0 columns.
    let ret = unsafe { (api.SQLNumResultCols)(stmt, &mut cols) };
    assert!(
        ret == SQL_SUCCESS && cols == 0 || ret == SQL_ERROR,
        "{ret} {cols}"
    );
}

#[test]
fn fetching_before_executing() {
    let (api, env, dbc, stmt) = through_dm();
    fetch_before_execute(&api, stmt);
    api.close(env, dbc, stmt);
    let (api, env, dbc, stmt) = direct();
    fetch_before_execute(&api, stmt);
    api.close(env, dbc, stmt);
}

#[test]
fn column_numbers_out_of_range_are_07009() {
    let (api, env, dbc, stmt) = direct();
    api.exec(stmt, "SELECT RecordId FROM Deals WHERE RecordId = 1");
    let mut n = 0isize;
    // SAFETY: numeric attribute target.
    unsafe {
        assert_eq!(
            (api.SQLColAttributeW)(stmt, 2, 2, null_mut(), 0, null_mut(), &mut n),
            SQL_ERROR
        );
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "07009");
        assert_eq!((api.SQLFetch)(stmt), SQL_SUCCESS);
        let mut v = 0i64;
        let mut ind = 0isize;
        let ret = (api.SQLGetData)(
            stmt,
            5,
            SQL_C_SBIGINT,
            (&mut v as *mut i64).cast::<c_void>(),
            8,
            &mut ind,
        );
        assert_eq!(ret, SQL_ERROR);
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "07009");
    }
    api.close(env, dbc, stmt);
}
