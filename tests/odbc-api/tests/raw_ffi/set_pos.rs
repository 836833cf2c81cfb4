//! SQLSetPos through the driver manager on a block cursor: SQL_POSITION
//! (and SQL_REFRESH) choose the row SQLGetData reads; row 0 with
//! SQL_POSITION is HY109, a row past the rowset HY107, writes and locks
//! are not supported.

use std::ptr::null_mut;

use odbc_api_tests::demo::{records, text, CUSTOMERS};
use odbc_api_tests::ffi::*;
use odbc_api_tests::DEMO_DSN;

const SQL_ATTR_ROW_ARRAY_SIZE: i32 = 27;
const SQL_POSITION: u16 = 0;
const SQL_REFRESH: u16 = 1;
const SQL_UPDATE: u16 = 2;
const SQL_DELETE: u16 = 3;
const SQL_LOCK_NO_CHANGE: u16 = 0;
const SQL_LOCK_EXCLUSIVE: u16 = 1;
const SQL_GETDATA_EXTENSIONS: u16 = 81;
const SQL_GD_BLOCK: u32 = 4;
const SQL_API_SQLSETPOS: u16 = 68;
const SQL_API_SQLBULKOPERATIONS: u16 = 24;

fn company(row: usize) -> String {
    text(&records(CUSTOMERS)[row - 1], "company_name").unwrap()
}

#[test]
fn position_chooses_the_row_get_data_reads() {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    let stmt = api.stmt(dbc);
    let (mut gd, mut set_pos, mut bulk) = (0u32, 0u16, 0u16);
    // SAFETY: valid out pointers; attribute values by value.
    unsafe {
        let ret = (api.SQLGetInfoW)(
            dbc,
            SQL_GETDATA_EXTENSIONS,
            (&mut gd as *mut u32).cast(),
            4,
            null_mut(),
        );
        assert_eq!(ret, SQL_SUCCESS);
        assert_eq!(
            (api.SQLGetFunctions)(dbc, SQL_API_SQLSETPOS, &mut set_pos),
            SQL_SUCCESS
        );
        assert_eq!(
            (api.SQLGetFunctions)(dbc, SQL_API_SQLBULKOPERATIONS, &mut bulk),
            SQL_SUCCESS
        );
        let ret = (api.SQLSetStmtAttrW)(
            stmt,
            SQL_ATTR_ROW_ARRAY_SIZE,
            std::ptr::without_provenance_mut(5),
            0,
        );
        assert_eq!(ret, SQL_SUCCESS);
    }
    assert_ne!(gd & SQL_GD_BLOCK, 0, "SQL_GD_BLOCK");
    assert_eq!(
        (set_pos, bulk),
        (1, 0),
        "SQLSetPos yes, SQLBulkOperations no"
    );

    api.exec(stmt, "SELECT company_name FROM Customers ORDER BY RecordId");
    let set_pos = |row: usize, op: u16, lock: u16| unsafe { (api.SQLSetPos)(stmt, row, op, lock) };
    let expect_error = |ret: Ret, state: &str, what: &str| {
        assert_eq!(ret, SQL_ERROR, "{what}");
        assert_eq!(api.state(SQL_HANDLE_STMT, stmt), state, "{what}");
    };
    // Before the first fetch there is no rowset.
    expect_error(
        set_pos(1, SQL_POSITION, SQL_LOCK_NO_CHANGE),
        "24000",
        "before SQLFetch",
    );

    // SAFETY: a result set is open.
    assert_eq!(unsafe { (api.SQLFetch)(stmt) }, SQL_SUCCESS);
    // Without SQLSetPos, SQLGetData reads the first row of the rowset.
    assert_eq!(api.get_wtext(stmt, 1), Some(company(1)));
    assert_eq!(set_pos(3, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
    assert_eq!(api.get_wtext(stmt, 1), Some(company(3)));
    assert_eq!(set_pos(5, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
    assert_eq!(api.get_wtext(stmt, 1), Some(company(5)));
    assert_eq!(set_pos(2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
    expect_error(
        set_pos(6, SQL_POSITION, SQL_LOCK_NO_CHANGE),
        "HY107",
        "row 6 of 5",
    );
    expect_error(
        set_pos(0, SQL_POSITION, SQL_LOCK_NO_CHANGE),
        "HY109",
        "row 0",
    );
    expect_error(
        set_pos(1, SQL_UPDATE, SQL_LOCK_NO_CHANGE),
        "HYC00",
        "SQL_UPDATE",
    );
    expect_error(
        set_pos(1, SQL_DELETE, SQL_LOCK_NO_CHANGE),
        "HYC00",
        "SQL_DELETE",
    );
    expect_error(
        set_pos(1, SQL_POSITION, SQL_LOCK_EXCLUSIVE),
        "HYC00",
        "exclusive lock",
    );
    // The errors left the position where it was.
    assert_eq!(api.get_wtext(stmt, 1), Some(company(2)));
    // The whole value was read: SQLGetData on it again is SQL_NO_DATA, until
    // SQLSetPos positions again (even on the same row).
    let mut buf = [0u16; 64];
    let mut ind = 0isize;
    let get = |buf: &mut [u16; 64], ind: &mut isize| unsafe {
        (api.SQLGetData)(stmt, 1, SQL_C_WCHAR, buf.as_mut_ptr().cast(), 128, ind)
    };
    assert_eq!(get(&mut buf, &mut ind), SQL_NO_DATA);
    assert_eq!(set_pos(2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
    assert_eq!(get(&mut buf, &mut ind), SQL_SUCCESS);
    assert_eq!(
        String::from_utf16_lossy(&buf[..ind as usize / 2]),
        company(2)
    );
    // Row 0 with SQL_REFRESH is every row of the rowset.
    assert_eq!(set_pos(0, SQL_REFRESH, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);

    // The next rowset starts at its first row again.
    assert_eq!(unsafe { (api.SQLFetch)(stmt) }, SQL_SUCCESS);
    assert_eq!(api.get_wtext(stmt, 1), Some(company(6)));
    assert_eq!(set_pos(4, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_SUCCESS);
    assert_eq!(api.get_wtext(stmt, 1), Some(company(9)));
    api.close(env, dbc, stmt);
}
