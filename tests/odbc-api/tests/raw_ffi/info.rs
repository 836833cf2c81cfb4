//! SQLGetInfo answers every ODBC 3.8 information type, in both forms.

use std::ptr::null_mut;

use odbc_api_tests::ffi::*;
use odbc_api_tests::DEMO_DSN;

/// Every information type of ODBC 3.8 (sql.h, sqlext.h, sqlucode.h) that
/// the driver answers (the driver manager answers 3, 4, 5, 10, 76, 135
/// and 171 itself), plus the SQL Server ids Power BI and Excel ask for.
fn info_types() -> Vec<u16> {
    let dm_answers = [3u16, 4, 5, 10, 76, 135, 171];
    let mut ids: Vec<u16> = (0u16..=173).filter(|i| !dm_answers.contains(i)).collect();
    ids.extend([
        180, 1750, 10000, 10001, 10002, 10003, 10004, 10005, 10021, 10022, 10023, 10024, 10025,
    ]);
    ids
}

#[test]
fn every_information_type_answers_in_both_forms() {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    let mut failures = Vec::new();
    for id in info_types() {
        let mut wbuf = [0u8; 4096];
        let mut wlen = 0i16;
        let mut buf = [0u8; 4096];
        let mut len = 0i16;
        // SAFETY: 4096-byte buffers, lengths as passed.
        let (wret, ret) = unsafe {
            (
                (api.SQLGetInfoW)(dbc, id, wbuf.as_mut_ptr().cast(), 4096, &mut wlen),
                (api.SQLGetInfo)(dbc, id, buf.as_mut_ptr().cast(), 4096, &mut len),
            )
        };
        if wret != SQL_SUCCESS || ret != SQL_SUCCESS {
            failures.push(format!(
                "{id}: W {wret} {:?}, A {ret}",
                api.diagnostics(SQL_HANDLE_DBC, dbc)
            ));
        }
    }
    assert!(failures.is_empty(), "SQLGetInfo failed for {failures:#?}");
    api.close(env, dbc, null_mut());
}

#[test]
fn string_information_is_the_same_in_both_forms() {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    // DRIVER_NAME, DRIVER_VER, DBMS_NAME, DBMS_VER, IDENTIFIER_QUOTE_CHAR,
    // DRIVER_ODBC_VER, KEYWORDS, SPECIAL_CHARACTERS, SEARCH_PATTERN_ESCAPE.
    for id in [6u16, 7, 17, 18, 29, 77, 89, 94, 14] {
        let mut wbuf = [0u16; 4096];
        let mut wlen = 0i16;
        let mut buf = [0u8; 8192];
        let mut len = 0i16;
        // SAFETY: buffers sized as passed (bytes).
        unsafe {
            assert_eq!(
                (api.SQLGetInfoW)(dbc, id, wbuf.as_mut_ptr().cast(), 8192, &mut wlen),
                SQL_SUCCESS
            );
            assert_eq!(
                (api.SQLGetInfo)(dbc, id, buf.as_mut_ptr().cast(), 8192, &mut len),
                SQL_SUCCESS
            );
        }
        assert_eq!(wlen % 2, 0, "{id}: odd W byte length {wlen}");
        let w = String::from_utf16(&wbuf[..wlen as usize / 2]).unwrap();
        let a = String::from_utf8(buf[..len as usize].to_vec()).unwrap();
        assert_eq!(w, a, "info {id}");
    }
    api.close(env, dbc, null_mut());
}
