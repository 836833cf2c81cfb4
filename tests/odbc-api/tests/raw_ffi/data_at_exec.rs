//! Data at execution through the driver manager: parameters bound with
//! SQL_DATA_AT_EXEC / SQL_LEN_DATA_AT_EXEC(n) make execution return
//! SQL_NEED_DATA, SQLParamData names each one by its value address,
//! SQLPutData sends the value (in pieces for text), and the last
//! SQLParamData runs the statement. Plus the errors the specification lists.
//! (`CAST(? AS VARCHAR)` in select lists: a bare `SELECT ?` has no type
//! in the SQL layer yet.)

use std::ffi::c_void;
use std::ptr::null_mut;

use odbc_api_tests::demo::{records, text, CUSTOMERS};
use odbc_api_tests::ffi::*;
use odbc_api_tests::DEMO_DSN;

const SQL_CLOSE: u16 = 0;
const SQL_ATTR_PARAM_BIND_TYPE: i32 = 18;
const SQL_ATTR_PARAMSET_SIZE: i32 = 22;

fn open() -> (Api, Handle, Handle, Handle) {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    let stmt = api.stmt(dbc);
    (api, env, dbc, stmt)
}

fn check(api: &Api, stmt: Handle, ret: Ret, expected: Ret, what: &str) {
    assert_eq!(
        ret,
        expected,
        "{what}: {:?}",
        api.diagnostics(SQL_HANDLE_STMT, stmt)
    );
}

/// Binds parameter `n` as data at execution, with `token` as its ParameterValuePtr.
fn bind_dae(
    api: &Api,
    stmt: Handle,
    n: u16,
    c_type: i16,
    sql_type: i16,
    token: *mut c_void,
    ind: &mut isize,
) {
    // SAFETY: `ind` outlives the execution in every caller.
    let ret = unsafe {
        (api.SQLBindParameter)(
            stmt,
            n,
            SQL_PARAM_INPUT,
            c_type,
            sql_type,
            100,
            0,
            token,
            0,
            ind,
        )
    };
    check(api, stmt, ret, SQL_SUCCESS, "SQLBindParameter");
}

/// SQLParamData, expecting SQL_NEED_DATA; gives the token.
fn next_param(api: &Api, stmt: Handle) -> *mut c_void {
    let mut token = null_mut();
    // SAFETY: valid out pointer.
    let ret = unsafe { (api.SQLParamData)(stmt, &mut token) };
    check(api, stmt, ret, SQL_NEED_DATA, "SQLParamData");
    token
}

fn put(api: &Api, stmt: Handle, data: *const c_void, len: isize) -> Ret {
    // SAFETY: `data` holds `len` bytes (or is NUL-terminated for SQL_NTS).
    unsafe { (api.SQLPutData)(stmt, data as *mut c_void, len) }
}

/// The last SQLParamData, which runs the statement.
fn finish(api: &Api, stmt: Handle) {
    let mut token = null_mut();
    // SAFETY: valid out pointer.
    let ret = unsafe { (api.SQLParamData)(stmt, &mut token) };
    check(api, stmt, ret, SQL_SUCCESS, "the last SQLParamData");
}

/// Fetches the one row of the result: column 1 as text (None for NULL).
fn single_value(api: &Api, stmt: Handle) -> Option<String> {
    // SAFETY: a statement with a result set.
    check(
        api,
        stmt,
        unsafe { (api.SQLFetch)(stmt) },
        SQL_SUCCESS,
        "SQLFetch",
    );
    let value = api.get_wtext(stmt, 1);
    check(
        api,
        stmt,
        unsafe { (api.SQLFetch)(stmt) },
        SQL_NO_DATA,
        "one row",
    );
    // SAFETY: open cursor.
    unsafe { (api.SQLCloseCursor)(stmt) };
    value
}

fn acme_industry() -> String {
    let acme = records(CUSTOMERS)
        .iter()
        .find(|r| text(r, "company_name").as_deref() == Some("Acme Corporation"))
        .expect("Acme in the demo");
    text(acme, "industry").unwrap()
}

const BY_COMPANY: &str = "SELECT industry FROM Customers WHERE company_name = ?";

#[test]
fn ansi_text_in_three_pieces_in_a_where_clause() {
    let (api, env, dbc, stmt) = open();
    let mut ind = SQL_DATA_AT_EXEC;
    let token = std::ptr::without_provenance_mut(0x5eed);
    bind_dae(&api, stmt, 1, SQL_C_CHAR, SQL_VARCHAR, token, &mut ind);
    let sql = narrow(BY_COMPANY);
    // SAFETY: NUL-terminated text.
    let ret = unsafe { (api.SQLExecDirect)(stmt, sql.as_ptr(), SQL_NTSL) };
    check(&api, stmt, ret, SQL_NEED_DATA, "SQLExecDirect");
    assert_eq!(next_param(&api, stmt), token, "the application's token");
    for (piece, len) in [
        (&b"Acme "[..], 5isize),
        (&b"Corpo"[..], 5),
        (&b"ration\0"[..], SQL_NTS as isize),
    ] {
        check(
            &api,
            stmt,
            put(&api, stmt, piece.as_ptr().cast(), len),
            SQL_SUCCESS,
            "SQLPutData",
        );
    }
    finish(&api, stmt);
    assert_eq!(single_value(&api, stmt), Some(acme_industry()));
    api.close(env, dbc, stmt);
}

#[test]
fn wide_text_in_pieces_with_len_data_at_exec_and_a_select_list_parameter() {
    let (api, env, dbc, stmt) = open();
    let value = "Ünïcode — 日本語 🚀 assembled";
    let units: Vec<u16> = value.encode_utf16().collect();
    let mut ind = sql_len_data_at_exec((units.len() * 2) as isize);
    let token = std::ptr::without_provenance_mut(7);
    bind_dae(&api, stmt, 1, SQL_C_WCHAR, SQL_WVARCHAR, token, &mut ind);
    let sql = wide("SELECT CAST(? AS VARCHAR) AS v");
    // SAFETY: NUL-terminated text.
    let ret = unsafe { (api.SQLPrepareW)(stmt, sql.as_ptr(), SQL_NTSL) };
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPrepareW");
    // Twice: a prepared statement runs the sequence again on each SQLExecute.
    for _ in 0..2 {
        check(
            &api,
            stmt,
            unsafe { (api.SQLExecute)(stmt) },
            SQL_NEED_DATA,
            "SQLExecute",
        );
        assert_eq!(next_param(&api, stmt), token);
        // Three pieces, split between UTF-16 units (the surrogate pair stays whole).
        let third = units.len() / 3;
        let cuts = [0, third, 2 * third, units.len()];
        for w in cuts.windows(2) {
            let piece = &units[w[0]..w[1]];
            let ret = put(
                &api,
                stmt,
                piece.as_ptr().cast(),
                (piece.len() * 2) as isize,
            );
            check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData");
        }
        finish(&api, stmt);
        assert_eq!(single_value(&api, stmt).as_deref(), Some(value));
    }
    api.close(env, dbc, stmt);
}

#[test]
fn integer_and_null_data_at_execution_and_several_parameters_in_order() {
    let (api, env, dbc, stmt) = open();
    let mut ind1 = SQL_DATA_AT_EXEC;
    let mut ind2 = SQL_DATA_AT_EXEC;
    bind_dae(
        &api,
        stmt,
        1,
        SQL_C_SBIGINT,
        SQL_BIGINT,
        std::ptr::without_provenance_mut(1),
        &mut ind1,
    );
    bind_dae(
        &api,
        stmt,
        2,
        SQL_C_CHAR,
        SQL_VARCHAR,
        std::ptr::without_provenance_mut(2),
        &mut ind2,
    );
    let sql = narrow("SELECT CAST(? AS BIGINT) + 1 AS v, ? AS w");
    // SAFETY: NUL-terminated text.
    let ret = unsafe { (api.SQLExecDirect)(stmt, sql.as_ptr(), SQL_NTSL) };
    check(&api, stmt, ret, SQL_NEED_DATA, "SQLExecDirect");
    assert_eq!(next_param(&api, stmt), std::ptr::without_provenance_mut(1));
    let n: i64 = 41;
    // The length of a fixed-size C type is ignored.
    let ret = put(&api, stmt, (&n as *const i64).cast(), 0);
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData(BIGINT)");
    assert_eq!(next_param(&api, stmt), std::ptr::without_provenance_mut(2));
    let ret = put(&api, stmt, std::ptr::null(), SQL_NULL_DATA);
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData(NULL)");
    finish(&api, stmt);
    // SAFETY: a result set is open.
    check(
        &api,
        stmt,
        unsafe { (api.SQLFetch)(stmt) },
        SQL_SUCCESS,
        "SQLFetch",
    );
    assert_eq!(api.get_wtext(stmt, 1).as_deref(), Some("42"));
    assert_eq!(api.get_wtext(stmt, 2), None);
    api.close(env, dbc, stmt);
}

#[test]
fn parameter_arrays_ask_row_by_row_at_the_row_wise_addresses() {
    #[repr(C)]
    struct Row {
        value: [u8; 16],
        ind: isize,
    }
    let (api, env, dbc, stmt) = open();
    let mut rows = [
        Row {
            value: [0; 16],
            ind: SQL_DATA_AT_EXEC,
        },
        Row {
            value: [0; 16],
            ind: SQL_DATA_AT_EXEC,
        },
    ];
    // SAFETY: attribute values by value; the rows outlive the execution.
    unsafe {
        let size = std::mem::size_of::<Row>();
        let ret = (api.SQLSetStmtAttrW)(
            stmt,
            SQL_ATTR_PARAM_BIND_TYPE,
            std::ptr::without_provenance_mut(size),
            0,
        );
        check(&api, stmt, ret, SQL_SUCCESS, "PARAM_BIND_TYPE");
        let ret = (api.SQLSetStmtAttrW)(
            stmt,
            SQL_ATTR_PARAMSET_SIZE,
            std::ptr::without_provenance_mut(2),
            0,
        );
        check(&api, stmt, ret, SQL_SUCCESS, "PARAMSET_SIZE");
        let ret = (api.SQLBindParameter)(
            stmt,
            1,
            SQL_PARAM_INPUT,
            SQL_C_CHAR,
            SQL_VARCHAR,
            16,
            0,
            rows[0].value.as_mut_ptr().cast(),
            16,
            &mut rows[0].ind,
        );
        check(&api, stmt, ret, SQL_SUCCESS, "SQLBindParameter");
    }
    let sql = narrow(BY_COMPANY);
    // SAFETY: NUL-terminated text.
    let ret = unsafe { (api.SQLExecDirect)(stmt, sql.as_ptr(), SQL_NTSL) };
    check(&api, stmt, ret, SQL_NEED_DATA, "SQLExecDirect");
    let companies = ["Acme Corporation", "no such company"];
    for (row, company) in rows.iter().zip(companies) {
        let token = next_param(&api, stmt);
        assert_eq!(token as *const u8, row.value.as_ptr(), "row {company}");
        let ret = put(&api, stmt, company.as_ptr().cast(), company.len() as isize);
        check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData");
    }
    finish(&api, stmt);
    // One result set per parameter set: Acme's industry, then no row.
    check(
        &api,
        stmt,
        unsafe { (api.SQLFetch)(stmt) },
        SQL_SUCCESS,
        "set 1",
    );
    assert_eq!(api.get_wtext(stmt, 1), Some(acme_industry()));
    check(
        &api,
        stmt,
        unsafe { (api.SQLMoreResults)(stmt) },
        SQL_SUCCESS,
        "more",
    );
    check(
        &api,
        stmt,
        unsafe { (api.SQLFetch)(stmt) },
        SQL_NO_DATA,
        "set 2",
    );
    api.close(env, dbc, stmt);
}

#[test]
fn pieces_of_an_integer_and_calls_out_of_order_are_errors() {
    let (api, env, dbc, stmt) = open();
    // SQLPutData with no statement needing data: the driver manager's HY010.
    let n: i32 = 5;
    check(
        &api,
        stmt,
        put(&api, stmt, (&n as *const i32).cast(), 4),
        SQL_ERROR,
        "SQLPutData first",
    );
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY010");

    let mut ind = SQL_DATA_AT_EXEC;
    bind_dae(
        &api,
        stmt,
        1,
        SQL_C_SLONG,
        SQL_INTEGER,
        std::ptr::without_provenance_mut(3),
        &mut ind,
    );
    let sql = narrow("SELECT CAST(? AS INTEGER) AS v");
    let exec = || {
        // SAFETY: NUL-terminated text.
        let ret = unsafe { (api.SQLExecDirect)(stmt, sql.as_ptr(), SQL_NTSL) };
        check(&api, stmt, ret, SQL_NEED_DATA, "SQLExecDirect");
    };
    exec();
    // SQLPutData before SQLParamData named the parameter: HY010.
    check(
        &api,
        stmt,
        put(&api, stmt, (&n as *const i32).cast(), 4),
        SQL_ERROR,
        "SQLPutData before SQLParamData",
    );
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY010");
    next_param(&api, stmt);
    check(
        &api,
        stmt,
        put(&api, stmt, (&n as *const i32).cast(), 4),
        SQL_SUCCESS,
        "first piece",
    );
    // An integer in two pieces: HY019, and the sequence is over.
    check(
        &api,
        stmt,
        put(&api, stmt, (&n as *const i32).cast(), 4),
        SQL_ERROR,
        "second piece",
    );
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY019");
    let mut token = null_mut();
    // SAFETY: valid out pointer.
    let ret = unsafe { (api.SQLParamData)(stmt, &mut token) };
    check(&api, stmt, ret, SQL_ERROR, "SQLParamData after the error");
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY010");

    // The statement runs again from the start, this time to the end.
    exec();
    next_param(&api, stmt);
    let ret = put(&api, stmt, (&n as *const i32).cast(), 4);
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData");
    finish(&api, stmt);
    assert_eq!(single_value(&api, stmt).as_deref(), Some("5"));
    api.close(env, dbc, stmt);
}

#[test]
fn cancel_ends_the_sequence_and_free_stmt_waits() {
    let (api, env, dbc, stmt) = open();
    let mut ind = SQL_DATA_AT_EXEC;
    bind_dae(
        &api,
        stmt,
        1,
        SQL_C_CHAR,
        SQL_VARCHAR,
        std::ptr::without_provenance_mut(9),
        &mut ind,
    );
    let sql = wide(BY_COMPANY);
    // SAFETY: NUL-terminated text.
    let ret = unsafe { (api.SQLPrepareW)(stmt, sql.as_ptr(), SQL_NTSL) };
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPrepareW");
    let execute = || {
        check(
            &api,
            stmt,
            unsafe { (api.SQLExecute)(stmt) },
            SQL_NEED_DATA,
            "SQLExecute",
        )
    };
    let param_data_is_out_of_sequence = || {
        let mut token = null_mut();
        // SAFETY: valid out pointer.
        let ret = unsafe { (api.SQLParamData)(stmt, &mut token) };
        check(&api, stmt, ret, SQL_ERROR, "SQLParamData after the end");
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY010");
    };

    // SQLCancel in the middle of sending a value: back to prepared.
    execute();
    next_param(&api, stmt);
    let ret = put(&api, stmt, b"Acme".as_ptr().cast(), 4);
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData");
    check(
        &api,
        stmt,
        unsafe { (api.SQLCancel)(stmt) },
        SQL_SUCCESS,
        "SQLCancel",
    );
    param_data_is_out_of_sequence();

    // SQLFreeStmt is a sequence error while data is needed (the driver
    // manager says so first); the sequence goes on.
    execute();
    let ret = unsafe { (api.SQLFreeStmt)(stmt, SQL_CLOSE) };
    check(&api, stmt, ret, SQL_ERROR, "SQLFreeStmt(SQL_CLOSE)");
    assert_eq!(api.state(SQL_HANDLE_STMT, stmt), "HY010");
    next_param(&api, stmt);
    check(
        &api,
        stmt,
        unsafe { (api.SQLCancel)(stmt) },
        SQL_SUCCESS,
        "SQLCancel",
    );
    param_data_is_out_of_sequence();

    // Still prepared: the whole sequence works afterwards.
    execute();
    next_param(&api, stmt);
    let ret = put(&api, stmt, b"Acme Corporation".as_ptr().cast(), 16);
    check(&api, stmt, ret, SQL_SUCCESS, "SQLPutData");
    finish(&api, stmt);
    assert_eq!(single_value(&api, stmt), Some(acme_industry()));
    api.close(env, dbc, stmt);
}
