//! Power BI's and Excel's (Power Query "ODBC" connector) recorded call
//! sequences, replayed call by call as those clients make them.

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use odbc_api_tests::demo::{records, text, DEALS};
use odbc_api_tests::ffi::*;
use odbc_api_tests::DEMO_DSN;

const SQL_DRIVER_NAME: u16 = 6;
const SQL_DBMS_NAME: u16 = 17;
const SQL_DBMS_VER: u16 = 18;
const SQL_DRIVER_ODBC_VER: u16 = 77;
const SQL_GETDATA_EXTENSIONS: u16 = 81;
const SQL_DTC_TRANSITION_COST: u16 = 1750;
const SQL_RETURN_ESCAPE_CLAUSE: u16 = 180;
const SQL_API_SQLFETCHSCROLL: u16 = 1021;
const SQL_GD_ANY_COLUMN: u32 = 1;
const SQL_GD_ANY_ORDER: u32 = 2;

const SQL_DESC_CONCISE_TYPE: u16 = 2;
const SQL_DESC_UNSIGNED: u16 = 8;
const SQL_DESC_TYPE_NAME: u16 = 14;
const SQL_DESC_NAME: u16 = 1011;
const SQL_COLUMN_NAME: u16 = 1;
const SQL_COLUMN_LENGTH: u16 = 3;
const SQL_COLUMN_SCALE: u16 = 5;
const SQL_COLUMN_NULLABLE: u16 = 7;

/// SQLGetInfoW of a string: checks the byte length is even and matches the text.
fn info_text(api: &Api, dbc: Handle, info: u16) -> String {
    let mut buf = [0u16; 512];
    let mut len = 0i16;
    // SAFETY: buffer length in bytes as passed.
    let ret = unsafe {
        (api.SQLGetInfoW)(
            dbc,
            info,
            buf.as_mut_ptr().cast(),
            (buf.len() * 2) as i16,
            &mut len,
        )
    };
    assert_eq!(
        ret,
        SQL_SUCCESS,
        "SQLGetInfoW({info}): {:?}",
        api.diagnostics(SQL_HANDLE_DBC, dbc)
    );
    assert!(
        len >= 0 && len % 2 == 0,
        "SQLGetInfoW({info}) byte length {len}"
    );
    let chars = len as usize / 2;
    assert_eq!(buf[chars], 0, "SQLGetInfoW({info}) not NUL-terminated");
    String::from_utf16(&buf[..chars]).unwrap()
}

/// SQLGetInfoW of a 32-bit value.
fn info_u32(api: &Api, dbc: Handle, info: u16) -> u32 {
    let mut value = 0u32;
    // SAFETY: a 4-byte integer target.
    let ret =
        unsafe { (api.SQLGetInfoW)(dbc, info, (&mut value as *mut u32).cast(), 4, null_mut()) };
    assert_eq!(
        ret,
        SQL_SUCCESS,
        "SQLGetInfoW({info}): {:?}",
        api.diagnostics(SQL_HANDLE_DBC, dbc)
    );
    value
}

/// Power BI's connection: ODBC 3, pooling, login timeout,
/// SQLDriverConnectW with a 1024-character out buffer, then the identity keys.
fn power_bi_connect(api: &Api) -> (Handle, Handle) {
    let mut env = null_mut();
    let mut dbc = null_mut();
    // SAFETY: the calls Power BI makes, with valid pointers.
    unsafe {
        assert_eq!(
            (api.SQLAllocHandle)(SQL_HANDLE_ENV, null_mut(), &mut env),
            SQL_SUCCESS
        );
        assert_eq!(
            (api.SQLSetEnvAttr)(env, SQL_ATTR_ODBC_VERSION, SQL_OV_ODBC3 as *mut c_void, 0),
            SQL_SUCCESS
        );
        assert_eq!(
            (api.SQLSetEnvAttr)(
                env,
                SQL_ATTR_CONNECTION_POOLING,
                SQL_CP_ONE_PER_HENV as *mut c_void,
                SQL_IS_UINTEGER
            ),
            SQL_SUCCESS
        );
        assert_eq!(
            (api.SQLAllocHandle)(SQL_HANDLE_DBC, env, &mut dbc),
            SQL_SUCCESS
        );
        let ret = (api.SQLSetConnectAttrW)(
            dbc,
            SQL_ATTR_LOGIN_TIMEOUT,
            15 as *mut c_void,
            SQL_IS_UINTEGER,
        );
        assert!(
            ret == SQL_SUCCESS || ret == SQL_SUCCESS_WITH_INFO,
            "LOGIN_TIMEOUT: {ret}"
        );
        let input = wide(&format!("DSN={DEMO_DSN};"));
        let mut out = [0u16; 1024];
        let mut out_len = 0i16;
        let ret = (api.SQLDriverConnectW)(
            dbc,
            null_mut(),
            input.as_ptr(),
            SQL_NTS,
            out.as_mut_ptr(),
            out.len() as i16,
            &mut out_len,
            SQL_DRIVER_NOPROMPT,
        );
        assert!(
            ret == SQL_SUCCESS || ret == SQL_SUCCESS_WITH_INFO,
            "SQLDriverConnectW: {ret} {:?}",
            api.diagnostics(SQL_HANDLE_DBC, dbc)
        );
        // Characters, not bytes, for SQLDriverConnectW's out length.
        assert!(
            out_len > 0 && (out_len as usize) < out.len(),
            "out length {out_len}"
        );
        let completed = String::from_utf16(&out[..out_len as usize]).unwrap();
        assert!(
            completed.contains("DSN=") || completed.contains("Url="),
            "{completed}"
        );
    }
    assert!(!info_text(api, dbc, SQL_DRIVER_NAME).is_empty());
    assert!(!info_text(api, dbc, SQL_DBMS_NAME).is_empty());
    let dbms_ver = info_text(api, dbc, SQL_DBMS_VER);
    assert!(
        dbms_ver.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "{dbms_ver}"
    );
    assert_eq!(info_text(api, dbc, SQL_DRIVER_ODBC_VER), "03.80");
    // Keys that broke connections in other drivers must answer.
    info_u32(api, dbc, SQL_DTC_TRANSITION_COST);
    info_u32(api, dbc, SQL_RETURN_ESCAPE_CLAUSE);
    (env, dbc)
}

#[test]
fn power_bi_connect_and_navigator() {
    let api = Api::driver_manager();
    let (env, dbc) = power_bi_connect(&api);
    let stmt = api.stmt(dbc);
    let types = wide("TABLE,VIEW");
    // SAFETY: NULL catalog, schema and table; NUL-terminated types.
    let ret = unsafe {
        (api.SQLTablesW)(
            stmt,
            null(),
            0,
            null(),
            0,
            null(),
            0,
            types.as_ptr(),
            SQL_NTS,
        )
    };
    assert_eq!(
        ret,
        SQL_SUCCESS,
        "{:?}",
        api.diagnostics(SQL_HANDLE_STMT, stmt)
    );
    let mut tables = Vec::new();
    // SAFETY: fetch on an open cursor.
    while unsafe { (api.SQLFetch)(stmt) } == SQL_SUCCESS {
        let name = api.get_wtext(stmt, 3).expect("TABLE_NAME is never NULL");
        let kind = api.get_wtext(stmt, 4).expect("TABLE_TYPE is never NULL");
        assert!(kind == "TABLE" || kind == "VIEW", "{name}: {kind}");
        tables.push(name);
    }
    for t in ["Customers", "Deals", "Tasks", "Deals_line_items"] {
        assert!(tables.iter().any(|n| n == t), "{t} missing from {tables:?}");
    }
    api.close(env, dbc, stmt);
}

#[test]
fn power_bi_data_query() {
    let api = Api::driver_manager();
    let (env, dbc) = power_bi_connect(&api);
    let stmt = api.stmt(dbc);
    api.exec(
        stmt,
        "SELECT \"RecordId\", \"title\", \"amount\", \"close_date\", \"closed_at\" FROM \"Deals\" WHERE \"RecordId\" <= 3 ORDER BY \"RecordId\"",
    );
    let mut supported = 0u16;
    let mut gd = 0u32;
    let mut cols = 0i16;
    // SAFETY: valid out pointers.
    unsafe {
        assert_eq!(
            (api.SQLGetFunctions)(dbc, SQL_API_SQLFETCHSCROLL, &mut supported),
            SQL_SUCCESS
        );
        assert_eq!(supported, 1, "SQLFetchScroll is implemented (forward only)");
        assert_eq!(
            (api.SQLGetInfoW)(
                dbc,
                SQL_GETDATA_EXTENSIONS,
                (&mut gd as *mut u32).cast(),
                4,
                null_mut()
            ),
            SQL_SUCCESS
        );
        assert_eq!((api.SQLNumResultCols)(stmt, &mut cols), SQL_SUCCESS);
    }
    assert_eq!(
        gd & (SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER),
        SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER
    );
    assert_eq!(cols, 5);
    let expected_names = ["RecordId", "title", "amount", "close_date", "closed_at"];
    // SQL_BIGINT, SQL_WVARCHAR, SQL_DECIMAL, SQL_TYPE_DATE, SQL_TYPE_TIMESTAMP.
    let expected_types = [-5isize, -9, 3, 91, 93];
    for col in 1..=cols as u16 {
        let i = col as usize - 1;
        let numeric = |field: u16| -> isize {
            let mut n = 0isize;
            // SAFETY: numeric attribute into n.
            let ret = unsafe {
                (api.SQLColAttributeW)(stmt, col, field, null_mut(), 0, null_mut(), &mut n)
            };
            assert_eq!(
                ret,
                SQL_SUCCESS,
                "field {field} of {col}: {:?}",
                api.diagnostics(SQL_HANDLE_STMT, stmt)
            );
            n
        };
        let string = |field: u16| api.col_attr_text(stmt, col, field);
        assert_eq!(
            numeric(SQL_DESC_CONCISE_TYPE),
            expected_types[i],
            "{}",
            expected_names[i]
        );
        // SQL_TRUE for unsigned or non-numeric columns (text, dates).
        let unsigned = numeric(SQL_DESC_UNSIGNED);
        assert_eq!(unsigned, [0, 1, 0, 1, 1][i], "{}", expected_names[i]);
        // The ODBC 2 ids, as Power BI asks for them.
        assert_eq!(string(SQL_COLUMN_NAME), expected_names[i]);
        assert_eq!(string(SQL_DESC_NAME), expected_names[i]);
        let nullable = numeric(SQL_COLUMN_NULLABLE);
        assert_eq!(
            nullable,
            if col == 1 { 0 } else { 1 },
            "{}",
            expected_names[i]
        );
        assert!(!string(SQL_DESC_TYPE_NAME).is_empty());
        assert!(numeric(SQL_COLUMN_LENGTH) > 0, "{}", expected_names[i]);
        let scale = numeric(SQL_COLUMN_SCALE);
        assert!(scale >= 0, "{}", expected_names[i]);
    }
    let deals = records(DEALS);
    let mut row = 0usize;
    // SAFETY: fetch on an open cursor; SQLGetData targets sized per default C type.
    while unsafe { (api.SQLFetch)(stmt) } == SQL_SUCCESS {
        let deal = &deals[row];
        row += 1;
        // SQL_C_DEFAULT of BIGINT is SQL_C_SBIGINT.
        let mut id = 0i64;
        let mut ind = 0isize;
        let ret = unsafe {
            (api.SQLGetData)(
                stmt,
                1,
                SQL_C_DEFAULT,
                (&mut id as *mut i64).cast(),
                8,
                &mut ind,
            )
        };
        assert_eq!((ret, id, ind), (SQL_SUCCESS, row as i64, 8));
        // Of WVARCHAR: SQL_C_WCHAR.
        let mut title = [0u16; 512];
        let ret = unsafe {
            (api.SQLGetData)(
                stmt,
                2,
                SQL_C_DEFAULT,
                title.as_mut_ptr().cast(),
                1024,
                &mut ind,
            )
        };
        assert_eq!(ret, SQL_SUCCESS);
        assert_eq!(
            Some(String::from_utf16(&title[..ind as usize / 2]).unwrap()),
            text(deal, "title")
        );
        // Of DECIMAL: SQL_C_CHAR.
        let mut amount = [0u8; 64];
        let ret = unsafe {
            (api.SQLGetData)(
                stmt,
                3,
                SQL_C_DEFAULT,
                amount.as_mut_ptr().cast(),
                64,
                &mut ind,
            )
        };
        assert_eq!(ret, SQL_SUCCESS);
        let amount: f64 = std::str::from_utf8(&amount[..ind as usize])
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            Some(amount),
            text(deal, "amount").map(|a| a.parse().unwrap())
        );
        // Of DATE: SQL_C_TYPE_DATE (year i16, month u16, day u16).
        let mut date = [0u16; 3];
        let ret = unsafe {
            (api.SQLGetData)(
                stmt,
                4,
                SQL_C_DEFAULT,
                date.as_mut_ptr().cast(),
                6,
                &mut ind,
            )
        };
        assert_eq!(ret, SQL_SUCCESS);
        let date_text =
            (ind != SQL_NULL_DATA).then(|| format!("{:04}-{:02}-{:02}", date[0], date[1], date[2]));
        assert_eq!(date_text, text(deal, "close_date"));
        // Of TIMESTAMP: SQL_C_TYPE_TIMESTAMP (16 bytes).
        let mut ts = [0u16; 8];
        let ret = unsafe {
            (api.SQLGetData)(stmt, 5, SQL_C_DEFAULT, ts.as_mut_ptr().cast(), 16, &mut ind)
        };
        assert_eq!(ret, SQL_SUCCESS);
        let ts_text = (ind != SQL_NULL_DATA).then(|| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                ts[0], ts[1], ts[2], ts[3], ts[4], ts[5]
            )
        });
        assert_eq!(ts_text, text(deal, "closed_at"));
    }
    assert_eq!(row, 3);
    // SAFETY: the statement is open.
    assert_eq!(unsafe { (api.SQLMoreResults)(stmt) }, SQL_NO_DATA);
    api.close(env, dbc, stmt);
}

#[test]
fn excel_navigator_sees_every_schema_and_no_other_types() {
    let api = Api::driver_manager();
    let (env, dbc) = power_bi_connect(&api);
    // None: a NULL argument (no filter).
    let list = |schema: Option<&str>, types: Option<&str>| -> Vec<(String, String)> {
        let stmt = api.stmt(dbc);
        let (schema_w, types_w) = (schema.map(wide), types.map(wide));
        let arg = |w: &Option<Vec<u16>>| match w {
            Some(s) => (s.as_ptr(), SQL_NTS),
            None => (null(), 0),
        };
        let ((sp, sl), (tp, tl)) = (arg(&schema_w), arg(&types_w));
        // SAFETY: NUL-terminated or NULL arguments.
        let ret = unsafe { (api.SQLTablesW)(stmt, null(), 0, sp, sl, null(), 0, tp, tl) };
        assert_eq!(
            ret,
            SQL_SUCCESS,
            "{:?}",
            api.diagnostics(SQL_HANDLE_STMT, stmt)
        );
        let mut rows = Vec::new();
        while unsafe { (api.SQLFetch)(stmt) } == SQL_SUCCESS {
            rows.push((
                api.get_wtext(stmt, 3).unwrap(),
                api.get_wtext(stmt, 4).unwrap(),
            ));
        }
        unsafe { (api.SQLFreeHandle)(SQL_HANDLE_STMT, stmt) };
        rows
    };
    let no_schema = list(None, Some("TABLE,VIEW"));
    let any_schema = list(Some("%"), Some("TABLE,VIEW"));
    assert!(!no_schema.is_empty());
    assert_eq!(no_schema, any_schema);
    let everything = list(None, None);
    let system: Vec<_> = everything
        .iter()
        .filter(|(_, t)| t != "TABLE" && t != "VIEW")
        .collect();
    assert_eq!(no_schema.len() + system.len(), everything.len());
    api.close(env, dbc, null_mut());
}
