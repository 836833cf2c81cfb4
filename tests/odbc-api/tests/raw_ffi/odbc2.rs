//! An application that declares ODBC 2 (SQL_OV_ODBC2) sees the ODBC 2 codes
//! of dates and times (SQL_DATE 9, SQL_TIMESTAMP 11) everywhere: in
//! SQLDescribeCol and in the DATA_TYPE of catalog results (SQLColumns).

use std::ptr::null_mut;

use odbc_api_tests::emulator::shared;
use odbc_api_tests::ffi::*;
use odbc_api_tests::DEMO_DSN;

/// DATA_TYPE (column 5) of SQLColumns for one column of Deals.
fn columns_data_type(api: &Api, dbc: Handle, column: &str) -> i16 {
    let stmt = api.stmt(dbc);
    let (table, column) = (wide("Deals"), wide(column));
    let mut code = 0i16;
    // SAFETY: NUL-terminated names, a 2-byte target for SQL_C_SSHORT.
    unsafe {
        let ret = (api.SQLColumnsW)(
            stmt,
            null_mut(),
            0,
            null_mut(),
            0,
            table.as_ptr(),
            SQL_NTS,
            column.as_ptr(),
            SQL_NTS,
        );
        assert_eq!(
            ret,
            SQL_SUCCESS,
            "{:?}",
            api.diagnostics(SQL_HANDLE_STMT, stmt)
        );
        assert_eq!((api.SQLFetch)(stmt), SQL_SUCCESS);
        let mut ind = 0isize;
        let ret = (api.SQLGetData)(
            stmt,
            5,
            SQL_C_SSHORT,
            (&mut code as *mut i16).cast(),
            2,
            &mut ind,
        );
        assert_eq!(ret, SQL_SUCCESS);
        assert_eq!((api.SQLFreeHandle)(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
    }
    code
}

#[test]
fn catalog_results_give_odbc2_applications_odbc2_date_codes() {
    shared();
    let api = Api::driver_manager();
    for (version, date, timestamp) in [(SQL_OV_ODBC3, 91, 93), (SQL_OV_ODBC2, 9, 11)] {
        let env = api.env_with_version(version);
        let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
        assert_eq!(
            columns_data_type(&api, dbc, "close_date"),
            date,
            "ODBC {version}"
        );
        assert_eq!(
            columns_data_type(&api, dbc, "Created_datetime"),
            timestamp,
            "ODBC {version}"
        );
        assert_eq!(
            columns_data_type(&api, dbc, "amount"),
            3,
            "DECIMAL either way"
        );
        api.close(env, dbc, null_mut());
    }
}
