//! Every metadata path reports a column's type identically, through the
//! unixODBC driver manager, with the ANSI and the Unicode functions:
//! SQLColumns against SQLDescribeCol and SQLColAttribute of
//! `SELECT * FROM <table>` for every table of the demo DSN, SQLProcedureColumns
//! against the described result of `CALL DownloadFile(...)`, and each
//! column against the SQLGetTypeInfo row of its DATA_TYPE.

use std::collections::BTreeMap;
use std::ffi::c_void;
use std::ptr::{null, null_mut};

use odbc_api_tests::ffi::{narrow, wide, Api, Handle, SQL_HANDLE_STMT, SQL_NULL_DATA};
use odbc_api_tests::DEMO_DSN;

type Ret = i16;

#[rustfmt::skip]
#[link(name = "odbc")]
extern "system" {
    fn SQLTables(s: Handle, a: *const u8, b: i16, c: *const u8, d: i16, e: *const u8, f: i16, g: *const u8, h: i16) -> Ret;
    fn SQLTablesW(s: Handle, a: *const u16, b: i16, c: *const u16, d: i16, e: *const u16, f: i16, g: *const u16, h: i16) -> Ret;
    fn SQLColumns(s: Handle, a: *const u8, b: i16, c: *const u8, d: i16, e: *const u8, f: i16, g: *const u8, h: i16) -> Ret;
    fn SQLColumnsW(s: Handle, a: *const u16, b: i16, c: *const u16, d: i16, e: *const u16, f: i16, g: *const u16, h: i16) -> Ret;
    fn SQLProcedureColumns(s: Handle, a: *const u8, b: i16, c: *const u8, d: i16, e: *const u8, f: i16, g: *const u8, h: i16) -> Ret;
    fn SQLProcedureColumnsW(s: Handle, a: *const u16, b: i16, c: *const u16, d: i16, e: *const u16, f: i16, g: *const u16, h: i16) -> Ret;
    fn SQLGetTypeInfo(s: Handle, data_type: i16) -> Ret;
    fn SQLGetTypeInfoW(s: Handle, data_type: i16) -> Ret;
    fn SQLExecDirect(s: Handle, sql: *const u8, len: i32) -> Ret;
    fn SQLExecDirectW(s: Handle, sql: *const u16, len: i32) -> Ret;
    fn SQLPrepare(s: Handle, sql: *const u8, len: i32) -> Ret;
    fn SQLPrepareW(s: Handle, sql: *const u16, len: i32) -> Ret;
    fn SQLNumResultCols(s: Handle, n: *mut i16) -> Ret;
    fn SQLDescribeCol(s: Handle, c: u16, name: *mut u8, max: i16, len: *mut i16, ty: *mut i16, size: *mut usize, digits: *mut i16, nullable: *mut i16) -> Ret;
    fn SQLDescribeColW(s: Handle, c: u16, name: *mut u16, max: i16, len: *mut i16, ty: *mut i16, size: *mut usize, digits: *mut i16, nullable: *mut i16) -> Ret;
    fn SQLColAttribute(s: Handle, c: u16, field: u16, text: *mut c_void, max: i16, len: *mut i16, num: *mut isize) -> Ret;
    fn SQLColAttributeW(s: Handle, c: u16, field: u16, text: *mut c_void, max: i16, len: *mut i16, num: *mut isize) -> Ret;
    fn SQLFetch(s: Handle) -> Ret;
    fn SQLGetData(s: Handle, c: u16, c_type: i16, buf: *mut c_void, max: isize, ind: *mut isize) -> Ret;
    fn SQLFreeStmt(s: Handle, option: u16) -> Ret;
}

const SQL_NTS: i16 = -3;
const SQL_C_CHAR: i16 = 1;
const SQL_C_WCHAR: i16 = -8;
const SQL_C_SBIGINT: i16 = -25;
const SQL_CLOSE: u16 = 0;
const SQL_ALL_TYPES: i16 = 0;
const SQL_RESULT_COL: i64 = 3;

const SQL_DESC_CONCISE_TYPE: u16 = 2;
const SQL_COLUMN_PRECISION: u16 = 4;
const SQL_DESC_TYPE_NAME: u16 = 14;
const SQL_DESC_LENGTH: u16 = 1003;
const SQL_DESC_SCALE: u16 = 1006;
const SQL_DESC_NULLABLE: u16 = 1008;
const SQL_DESC_OCTET_LENGTH: u16 = 1013;

/// Which functions a pass calls: the A functions with UTF-8 text, or the W
/// functions with UTF-16 text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Enc {
    Ansi,
    Unicode,
}

fn ok(api: &Api, stmt: Handle, ret: Ret, what: &str) {
    assert!(
        ret == 0 || ret == 1,
        "{what}: {ret} {:?}",
        api.diagnostics(SQL_HANDLE_STMT, stmt)
    );
}

/// One row of a result set: text and integers, NULL as None.
type Row = Vec<Option<String>>;

fn get_text(api: &Api, stmt: Handle, col: u16, enc: Enc) -> Option<String> {
    let mut ind = 0isize;
    match enc {
        Enc::Ansi => {
            let mut buf = vec![0u8; 4096];
            // SAFETY: buffer length in bytes as passed.
            let ret = unsafe {
                SQLGetData(
                    stmt,
                    col,
                    SQL_C_CHAR,
                    buf.as_mut_ptr().cast(),
                    buf.len() as isize,
                    &mut ind,
                )
            };
            ok(api, stmt, ret, "SQLGetData");
            (ind != SQL_NULL_DATA).then(|| String::from_utf8(buf[..ind as usize].to_vec()).unwrap())
        }
        Enc::Unicode => {
            let mut buf = vec![0u16; 4096];
            // SAFETY: buffer length in bytes as passed.
            let ret = unsafe {
                SQLGetData(
                    stmt,
                    col,
                    SQL_C_WCHAR,
                    buf.as_mut_ptr().cast(),
                    (buf.len() * 2) as isize,
                    &mut ind,
                )
            };
            ok(api, stmt, ret, "SQLGetData");
            (ind != SQL_NULL_DATA).then(|| String::from_utf16(&buf[..ind as usize / 2]).unwrap())
        }
    }
}

fn get_int(api: &Api, stmt: Handle, col: u16) -> Option<i64> {
    let mut value = 0i64;
    let mut ind = 0isize;
    // SAFETY: an SQL_C_SBIGINT buffer.
    let ret = unsafe {
        SQLGetData(
            stmt,
            col,
            SQL_C_SBIGINT,
            (&mut value as *mut i64).cast(),
            8,
            &mut ind,
        )
    };
    ok(api, stmt, ret, "SQLGetData");
    (ind != SQL_NULL_DATA).then_some(value)
}

/// Every row of the open result set, each column read as text (`texts`
/// lists the 1-based columns to read as text, the others as integers).
fn rows(api: &Api, stmt: Handle, enc: Enc, cols: u16, texts: &[u16]) -> Vec<Row> {
    let mut all = Vec::new();
    // SAFETY: a statement with an open result set.
    while unsafe { SQLFetch(stmt) } == 0 {
        all.push(
            (1..=cols)
                .map(|c| {
                    if texts.contains(&c) {
                        get_text(api, stmt, c, enc)
                    } else {
                        get_int(api, stmt, c).map(|v| v.to_string())
                    }
                })
                .collect(),
        );
    }
    // SAFETY: valid statement.
    unsafe { SQLFreeStmt(stmt, SQL_CLOSE) };
    all
}

/// Calls a catalog function taking four (name, length) pairs, in `enc`.
fn catalog(api: &Api, stmt: Handle, enc: Enc, which: &str, args: [Option<&str>; 4]) {
    let ret = match enc {
        Enc::Ansi => {
            let texts: Vec<Option<Vec<u8>>> = args.iter().map(|a| a.map(narrow)).collect();
            let p = |i: usize| texts[i].as_ref().map_or(null(), |t| t.as_ptr());
            let f = match which {
                "tables" => SQLTables,
                "columns" => SQLColumns,
                _ => SQLProcedureColumns,
            };
            // SAFETY: NUL-terminated strings or nulls.
            unsafe {
                f(
                    stmt,
                    p(0),
                    SQL_NTS,
                    p(1),
                    SQL_NTS,
                    p(2),
                    SQL_NTS,
                    p(3),
                    SQL_NTS,
                )
            }
        }
        Enc::Unicode => {
            let texts: Vec<Option<Vec<u16>>> = args.iter().map(|a| a.map(wide)).collect();
            let p = |i: usize| texts[i].as_ref().map_or(null(), |t| t.as_ptr());
            let f = match which {
                "tables" => SQLTablesW,
                "columns" => SQLColumnsW,
                _ => SQLProcedureColumnsW,
            };
            // SAFETY: NUL-terminated strings or nulls.
            unsafe {
                f(
                    stmt,
                    p(0),
                    SQL_NTS,
                    p(1),
                    SQL_NTS,
                    p(2),
                    SQL_NTS,
                    p(3),
                    SQL_NTS,
                )
            }
        }
    };
    ok(api, stmt, ret, which);
}

/// What SQLDescribeCol and SQLColAttribute say of one result column.
#[derive(Debug)]
struct Described {
    name: String,
    data_type: i16,
    size: usize,
    digits: i16,
    nullable: i16,
    concise_type: isize,
    length: isize,
    precision_odbc2: isize,
    scale: isize,
    nullable_attr: isize,
    octet_length: isize,
    type_name: String,
}

fn num_attr(api: &Api, stmt: Handle, enc: Enc, col: u16, field: u16) -> isize {
    let mut value = isize::MIN;
    let f = match enc {
        Enc::Ansi => SQLColAttribute,
        Enc::Unicode => SQLColAttributeW,
    };
    // SAFETY: a numeric attribute into an SQLLEN.
    let ret = unsafe { f(stmt, col, field, null_mut(), 0, null_mut(), &mut value) };
    ok(api, stmt, ret, &format!("SQLColAttribute({col}, {field})"));
    value
}

fn text_attr(api: &Api, stmt: Handle, enc: Enc, col: u16, field: u16) -> String {
    let mut buf = vec![0u16; 256];
    let mut len = 0i16;
    let f = match enc {
        Enc::Ansi => SQLColAttribute,
        Enc::Unicode => SQLColAttributeW,
    };
    // SAFETY: buffer length in bytes as passed.
    let ret = unsafe {
        f(
            stmt,
            col,
            field,
            buf.as_mut_ptr().cast(),
            512,
            &mut len,
            null_mut(),
        )
    };
    ok(api, stmt, ret, &format!("SQLColAttribute({col}, {field})"));
    let len = len as usize;
    match enc {
        Enc::Ansi => {
            let bytes: Vec<u8> = buf.iter().flat_map(|u| u.to_ne_bytes()).take(len).collect();
            String::from_utf8(bytes).unwrap()
        }
        Enc::Unicode => String::from_utf16(&buf[..len / 2]).unwrap(),
    }
}

fn describe_all(api: &Api, stmt: Handle, enc: Enc) -> Vec<Described> {
    let mut cols = 0i16;
    // SAFETY: valid out pointer.
    ok(
        api,
        stmt,
        unsafe { SQLNumResultCols(stmt, &mut cols) },
        "SQLNumResultCols",
    );
    (1..=cols as u16)
        .map(|col| {
            let (mut data_type, mut size, mut digits, mut nullable, mut len) =
                (0i16, 0usize, 0i16, 0i16, 0i16);
            let name = match enc {
                Enc::Ansi => {
                    let mut buf = [0u8; 256];
                    // SAFETY: buffer sizes as passed.
                    let ret = unsafe {
                        SQLDescribeCol(
                            stmt,
                            col,
                            buf.as_mut_ptr(),
                            256,
                            &mut len,
                            &mut data_type,
                            &mut size,
                            &mut digits,
                            &mut nullable,
                        )
                    };
                    ok(api, stmt, ret, "SQLDescribeCol");
                    String::from_utf8(buf[..len as usize].to_vec()).unwrap()
                }
                Enc::Unicode => {
                    let mut buf = [0u16; 256];
                    // SAFETY: buffer sizes as passed (in characters).
                    let ret = unsafe {
                        SQLDescribeColW(
                            stmt,
                            col,
                            buf.as_mut_ptr(),
                            256,
                            &mut len,
                            &mut data_type,
                            &mut size,
                            &mut digits,
                            &mut nullable,
                        )
                    };
                    ok(api, stmt, ret, "SQLDescribeColW");
                    String::from_utf16(&buf[..len as usize]).unwrap()
                }
            };
            Described {
                name,
                data_type,
                size,
                digits,
                nullable,
                concise_type: num_attr(api, stmt, enc, col, SQL_DESC_CONCISE_TYPE),
                length: num_attr(api, stmt, enc, col, SQL_DESC_LENGTH),
                precision_odbc2: num_attr(api, stmt, enc, col, SQL_COLUMN_PRECISION),
                scale: num_attr(api, stmt, enc, col, SQL_DESC_SCALE),
                nullable_attr: num_attr(api, stmt, enc, col, SQL_DESC_NULLABLE),
                octet_length: num_attr(api, stmt, enc, col, SQL_DESC_OCTET_LENGTH),
                type_name: text_attr(api, stmt, enc, col, SQL_DESC_TYPE_NAME),
            }
        })
        .collect()
}

/// What a catalog function says of one column.
#[derive(Debug)]
struct Listed {
    name: String,
    data_type: i16,
    type_name: String,
    size: Option<i64>,
    buffer_length: Option<i64>,
    digits: Option<i64>,
    nullable: i16,
    char_octet_length: Option<i64>,
}

fn int(cell: &Option<String>) -> Option<i64> {
    cell.as_ref().map(|s| s.parse().unwrap())
}

/// (TYPE_NAME, COLUMN_SIZE) of SQLGetTypeInfo's row for each DATA_TYPE.
fn type_info(api: &Api, stmt: Handle, enc: Enc) -> BTreeMap<i16, (String, i64)> {
    let f = match enc {
        Enc::Ansi => SQLGetTypeInfo,
        Enc::Unicode => SQLGetTypeInfoW,
    };
    // SAFETY: valid statement.
    ok(
        api,
        stmt,
        unsafe { f(stmt, SQL_ALL_TYPES) },
        "SQLGetTypeInfo",
    );
    let mut types = BTreeMap::new();
    for row in rows(api, stmt, enc, 3, &[1]) {
        let code = int(&row[1]).unwrap() as i16;
        let entry = (row[0].clone().unwrap(), int(&row[2]).unwrap());
        assert!(
            types.insert(code, entry).is_none(),
            "two rows for DATA_TYPE {code}"
        );
    }
    types
}

/// Asserts that the catalog's and the result set's descriptions agree, and
/// that SQLGetTypeInfo has the type, wide enough.
fn assert_agree(
    what: &str,
    listed: &[Listed],
    described: &[Described],
    types: &BTreeMap<i16, (String, i64)>,
) {
    assert_eq!(
        listed.len(),
        described.len(),
        "{what}: {listed:?} vs {described:?}"
    );
    for (l, d) in listed.iter().zip(described) {
        let at = format!("{what}.{}", l.name);
        assert_eq!(l.name, d.name, "{at}");
        assert_eq!(
            l.data_type, d.data_type,
            "{at}: DATA_TYPE vs SQLDescribeCol"
        );
        assert_eq!(
            l.data_type as isize, d.concise_type,
            "{at}: SQL_DESC_CONCISE_TYPE"
        );
        assert_eq!(l.type_name, d.type_name, "{at}: SQL_DESC_TYPE_NAME");
        let size = l.size.expect("COLUMN_SIZE");
        assert!(size > 0, "{at}: COLUMN_SIZE {size}");
        assert_eq!(size as usize, d.size, "{at}: COLUMN_SIZE vs SQLDescribeCol");
        assert_eq!(size as isize, d.length, "{at}: SQL_DESC_LENGTH");
        assert_eq!(
            size as isize, d.precision_odbc2,
            "{at}: SQL_COLUMN_PRECISION"
        );
        // DECIMAL_DIGITS is NULL where it does not apply; SQLDescribeCol says 0.
        let digits = l.digits.unwrap_or(0);
        assert_eq!(
            digits, d.digits as i64,
            "{at}: DECIMAL_DIGITS vs SQLDescribeCol"
        );
        assert_eq!(digits as isize, d.scale, "{at}: SQL_DESC_SCALE");
        assert_eq!(l.nullable, d.nullable, "{at}: NULLABLE vs SQLDescribeCol");
        assert_eq!(
            l.nullable as isize, d.nullable_attr,
            "{at}: SQL_DESC_NULLABLE"
        );
        let octets = l.buffer_length.expect("BUFFER_LENGTH");
        assert!(octets > 0, "{at}: BUFFER_LENGTH {octets}");
        assert_eq!(
            octets as isize, d.octet_length,
            "{at}: BUFFER_LENGTH vs SQL_DESC_OCTET_LENGTH"
        );
        if let Some(char_octets) = l.char_octet_length {
            assert_eq!(
                char_octets, octets,
                "{at}: CHAR_OCTET_LENGTH vs BUFFER_LENGTH"
            );
        }
        let (type_name, max_size) = types
            .get(&l.data_type)
            .unwrap_or_else(|| panic!("{at}: SQLGetTypeInfo has no DATA_TYPE {}", l.data_type));
        assert_eq!(type_name, &l.type_name, "{at}: TYPE_NAME vs SQLGetTypeInfo");
        assert!(
            *max_size >= size,
            "{at}: SQLGetTypeInfo COLUMN_SIZE {max_size} < {size}"
        );
    }
}

fn run_sql(api: &Api, stmt: Handle, enc: Enc, sql: &str, prepare_only: bool) {
    let ret = match (enc, prepare_only) {
        // SAFETY: NUL-terminated statements.
        (Enc::Ansi, false) => unsafe { SQLExecDirect(stmt, narrow(sql).as_ptr(), -3) },
        (Enc::Ansi, true) => unsafe { SQLPrepare(stmt, narrow(sql).as_ptr(), -3) },
        (Enc::Unicode, false) => unsafe { SQLExecDirectW(stmt, wide(sql).as_ptr(), -3) },
        (Enc::Unicode, true) => unsafe { SQLPrepareW(stmt, wide(sql).as_ptr(), -3) },
    };
    ok(api, stmt, ret, sql);
}

fn check(enc: Enc) {
    let api = Api::driver_manager();
    let env = api.env();
    let dbc = api.connect(env, &format!("DSN={DEMO_DSN}"));
    let stmt = api.stmt(dbc);
    let types = type_info(&api, stmt, enc);

    catalog(&api, stmt, enc, "tables", [None, None, Some("%"), None]);
    let tables: Vec<String> = rows(&api, stmt, enc, 3, &[1, 2, 3])
        .into_iter()
        .map(|r| r[2].clone().unwrap())
        .collect();
    for expected in ["Customers", "Deals", "Deals_line_items", "Tasks"] {
        assert!(
            tables.iter().any(|t| t == expected),
            "{expected} missing from {tables:?}"
        );
    }
    let mut checked = 0;
    for table in &tables {
        catalog(&api, stmt, enc, "columns", [None, None, Some(table), None]);
        let listed: Vec<Listed> = rows(&api, stmt, enc, 18, &[1, 2, 3, 4, 6, 12, 13, 18])
            .iter()
            .map(|r| Listed {
                name: r[3].clone().unwrap(),
                data_type: int(&r[4]).unwrap() as i16,
                type_name: r[5].clone().unwrap(),
                size: int(&r[6]),
                buffer_length: int(&r[7]),
                digits: int(&r[8]),
                nullable: int(&r[10]).unwrap() as i16,
                char_octet_length: int(&r[15]),
            })
            .collect();
        assert!(!listed.is_empty(), "{table}: no columns");
        // Kintone lists comments per record only (README, "System tables").
        let filter = match table.as_str() {
            "Comments" => " WHERE AppId = 1 AND RecordId = 1",
            _ => "",
        };
        let sql = format!("SELECT * FROM \"{table}\"{filter}");
        run_sql(&api, stmt, enc, &sql, false);
        let described = describe_all(&api, stmt, enc);
        // SAFETY: valid statement.
        unsafe { SQLFreeStmt(stmt, SQL_CLOSE) };
        assert_agree(table, &listed, &described, &types);
        checked += listed.len();
    }
    assert!(checked > 20, "only {checked} columns checked");

    // DownloadFile's result columns, as SQLProcedureColumns lists them and
    // as the prepared CALL describes them before execution.
    catalog(
        &api,
        stmt,
        enc,
        "procedure columns",
        [None, None, Some("DownloadFile"), None],
    );
    let listed: Vec<Listed> = rows(&api, stmt, enc, 19, &[1, 2, 3, 4, 7, 13, 14, 19])
        .iter()
        .filter(|r| int(&r[4]) == Some(SQL_RESULT_COL))
        .map(|r| Listed {
            name: r[3].clone().unwrap(),
            data_type: int(&r[5]).unwrap() as i16,
            type_name: r[6].clone().unwrap(),
            size: int(&r[7]),
            buffer_length: int(&r[8]),
            digits: int(&r[9]),
            nullable: int(&r[11]).unwrap() as i16,
            char_octet_length: int(&r[16]),
        })
        .collect();
    let names: Vec<&str> = listed.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["FileName", "ContentType", "Size", "Content"]);
    run_sql(&api, stmt, enc, "CALL DownloadFile(?, ?, ?)", true);
    let described = describe_all(&api, stmt, enc);
    assert_agree("DownloadFile", &listed, &described, &types);

    api.close(env, dbc, stmt);
}

#[test]
fn ansi_functions_report_every_column_the_same_way() {
    check(Enc::Ansi);
}

#[test]
fn unicode_functions_report_every_column_the_same_way() {
    check(Enc::Unicode);
}
