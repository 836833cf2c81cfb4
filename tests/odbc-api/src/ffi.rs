//! Raw ODBC calls, for the tests that must control every argument (the
//! recorded Power BI and Excel sequences, misuse with null pointers and odd
//! lengths). One table of function pointers, filled either from the
//! driver manager (`libodbc`, as applications link it) or straight from
//! the driver library (where the driver manager would intercept).
//!
//! Handles are opaque values that the driver manager and the driver
//! validate (that is under test); this module never dereferences them.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::c_void;
use std::path::Path;
use std::ptr::null_mut;

pub type Handle = *mut c_void;
pub type Ret = i16;

pub const SQL_SUCCESS: Ret = 0;
pub const SQL_SUCCESS_WITH_INFO: Ret = 1;
pub const SQL_NO_DATA: Ret = 100;
pub const SQL_ERROR: Ret = -1;
pub const SQL_INVALID_HANDLE: Ret = -2;
pub const SQL_NTS: i16 = -3;
pub const SQL_NTSL: i32 = -3;
pub const SQL_NULL_DATA: isize = -1;
pub const SQL_NEED_DATA: Ret = 99;
pub const SQL_DATA_AT_EXEC: isize = -2;
pub const SQL_HANDLE_DESC: i16 = 4;
pub const SQL_PARAM_INPUT: i16 = 1;

/// SQL_LEN_DATA_AT_EXEC(length).
pub const fn sql_len_data_at_exec(length: isize) -> isize {
    -100 - length
}

pub const SQL_HANDLE_ENV: i16 = 1;
pub const SQL_HANDLE_DBC: i16 = 2;
pub const SQL_HANDLE_STMT: i16 = 3;

pub const SQL_ATTR_ODBC_VERSION: i32 = 200;
pub const SQL_ATTR_CONNECTION_POOLING: i32 = 201;
pub const SQL_OV_ODBC2: usize = 2;
pub const SQL_OV_ODBC3: usize = 3;
pub const SQL_CP_ONE_PER_HENV: usize = 2;
pub const SQL_ATTR_LOGIN_TIMEOUT: i32 = 103;
pub const SQL_IS_UINTEGER: i32 = -5;
pub const SQL_DRIVER_NOPROMPT: u16 = 0;

pub const SQL_C_CHAR: i16 = 1;
pub const SQL_C_WCHAR: i16 = -8;
pub const SQL_C_DEFAULT: i16 = 99;
pub const SQL_C_SBIGINT: i16 = -25;
pub const SQL_C_SLONG: i16 = -16;
pub const SQL_C_SSHORT: i16 = -15;
pub const SQL_INTEGER: i16 = 4;
pub const SQL_BIGINT: i16 = -5;
pub const SQL_VARCHAR: i16 = 12;
pub const SQL_WVARCHAR: i16 = -9;

macro_rules! api {
    ($($name:ident: fn($($arg:ty),*);)*) => {
        /// The ODBC functions the raw tests call.
        #[allow(non_snake_case)]
        pub struct Api {
            $(pub $name: unsafe extern "system" fn($($arg),*) -> Ret,)*
            _library: Option<libloading::Library>,
        }

        #[link(name = "odbc")]
        extern "system" {
            $(fn $name($(_: $arg),*) -> Ret;)*
        }

        impl Api {
            /// The functions of the unixODBC driver manager.
            pub fn driver_manager() -> Api {
                crate::emulator::shared();
                Api { $($name,)* _library: None }
            }

            /// The functions exported by the driver library itself.
            pub fn driver(path: &Path) -> Api {
                // SAFETY: loading the driver runs no code but its initialisers.
                let library = unsafe { libloading::Library::new(path) }.expect("load the driver");
                // SAFETY: the symbols are the ODBC functions with these signatures.
                unsafe {
                    Api {
                        $($name: *library
                            .get::<unsafe extern "system" fn($($arg),*) -> Ret>(
                                concat!(stringify!($name), "\0").as_bytes(),
                            )
                            .unwrap_or_else(|e| panic!("{}: {e}", stringify!($name))),)*
                        _library: Some(library),
                    }
                }
            }
        }
    };
}

api! {
    SQLAllocHandle: fn(i16, Handle, *mut Handle);
    SQLFreeHandle: fn(i16, Handle);
    SQLSetEnvAttr: fn(Handle, i32, *mut c_void, i32);
    SQLSetConnectAttrW: fn(Handle, i32, *mut c_void, i32);
    SQLSetStmtAttrW: fn(Handle, i32, *mut c_void, i32);
    SQLGetStmtAttrW: fn(Handle, i32, *mut c_void, i32, *mut i32);
    SQLDriverConnectW: fn(Handle, Handle, *const u16, i16, *mut u16, i16, *mut i16, u16);
    SQLDriverConnect: fn(Handle, Handle, *const u8, i16, *mut u8, i16, *mut i16, u16);
    SQLDisconnect: fn(Handle);
    SQLGetInfoW: fn(Handle, u16, *mut c_void, i16, *mut i16);
    SQLGetInfo: fn(Handle, u16, *mut c_void, i16, *mut i16);
    SQLGetFunctions: fn(Handle, u16, *mut u16);
    SQLTablesW: fn(Handle, *const u16, i16, *const u16, i16, *const u16, i16, *const u16, i16);
    SQLColumnsW: fn(Handle, *const u16, i16, *const u16, i16, *const u16, i16, *const u16, i16);
    SQLExecDirectW: fn(Handle, *const u16, i32);
    SQLExecDirect: fn(Handle, *const u8, i32);
    SQLPrepare: fn(Handle, *const u8, i32);
    SQLNumResultCols: fn(Handle, *mut i16);
    SQLColAttributeW: fn(Handle, u16, u16, *mut c_void, i16, *mut i16, *mut isize);
    SQLDescribeColW: fn(Handle, u16, *mut u16, i16, *mut i16, *mut i16, *mut usize, *mut i16, *mut i16);
    SQLFetch: fn(Handle);
    SQLGetData: fn(Handle, u16, i16, *mut c_void, isize, *mut isize);
    SQLMoreResults: fn(Handle);
    SQLCloseCursor: fn(Handle);
    SQLGetDiagRecW: fn(i16, Handle, i16, *mut u16, *mut i32, *mut u16, i16, *mut i16);
    SQLPrepareW: fn(Handle, *const u16, i32);
    SQLExecute: fn(Handle);
    SQLBindParameter: fn(Handle, u16, i16, i16, i16, usize, i16, *mut c_void, isize, *mut isize);
    SQLParamData: fn(Handle, *mut *mut c_void);
    SQLPutData: fn(Handle, *mut c_void, isize);
    SQLCancel: fn(Handle);
    SQLFreeStmt: fn(Handle, u16);
    SQLSetPos: fn(Handle, usize, u16, u16);
}

/// UTF-16 with a terminating zero.
pub fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

/// UTF-8 with a terminating zero.
pub fn narrow(text: &str) -> Vec<u8> {
    text.bytes().chain(std::iter::once(0)).collect()
}

/// One diagnostic record: (SQLSTATE, native error, message).
pub type Diag = (String, i32, String);

impl Api {
    /// Every diagnostic record of a handle.
    pub fn diagnostics(&self, handle_type: i16, handle: Handle) -> Vec<Diag> {
        let mut records = Vec::new();
        for rec in 1..=20i16 {
            let mut state = [0u16; 6];
            let mut native = 0i32;
            let mut message = [0u16; 1024];
            let mut len = 0i16;
            // SAFETY: buffers sized as passed.
            let ret = unsafe {
                (self.SQLGetDiagRecW)(
                    handle_type,
                    handle,
                    rec,
                    state.as_mut_ptr(),
                    &mut native,
                    message.as_mut_ptr(),
                    message.len() as i16,
                    &mut len,
                )
            };
            if ret != SQL_SUCCESS && ret != SQL_SUCCESS_WITH_INFO {
                break;
            }
            let len = (len.max(0) as usize).min(message.len() - 1);
            records.push((
                String::from_utf16_lossy(&state[..5]),
                native,
                String::from_utf16_lossy(&message[..len]),
            ));
        }
        records
    }

    /// The first SQLSTATE of a handle ("" when there is none).
    pub fn state(&self, handle_type: i16, handle: Handle) -> String {
        self.diagnostics(handle_type, handle)
            .into_iter()
            .next()
            .map(|d| d.0)
            .unwrap_or_default()
    }

    /// An environment with ODBC 3 behaviour.
    pub fn env(&self) -> Handle {
        self.env_with_version(SQL_OV_ODBC3)
    }

    /// An environment declaring ODBC `version` (SQL_OV_ODBC2, SQL_OV_ODBC3...).
    pub fn env_with_version(&self, version: usize) -> Handle {
        let mut env = null_mut();
        // SAFETY: plain ODBC calls with valid out pointers.
        unsafe {
            assert_eq!(
                (self.SQLAllocHandle)(SQL_HANDLE_ENV, null_mut(), &mut env),
                SQL_SUCCESS
            );
            assert_eq!(
                (self.SQLSetEnvAttr)(env, SQL_ATTR_ODBC_VERSION, version as *mut c_void, 0),
                SQL_SUCCESS
            );
        }
        env
    }

    /// A connection handle of `env`, connected with `connection_string`
    /// through SQLDriverConnectW.
    pub fn connect(&self, env: Handle, connection_string: &str) -> Handle {
        let mut dbc = null_mut();
        // SAFETY: valid out pointer.
        let ret = unsafe { (self.SQLAllocHandle)(SQL_HANDLE_DBC, env, &mut dbc) };
        assert_eq!(ret, SQL_SUCCESS);
        self.driver_connect(dbc, connection_string);
        dbc
    }

    /// Connects an allocated (or disconnected) `dbc` with SQLDriverConnectW.
    pub fn driver_connect(&self, dbc: Handle, connection_string: &str) {
        let text = wide(connection_string);
        // SAFETY: NUL-terminated text; no output buffer.
        let ret = unsafe {
            (self.SQLDriverConnectW)(
                dbc,
                null_mut(),
                text.as_ptr(),
                SQL_NTS,
                null_mut(),
                0,
                null_mut(),
                SQL_DRIVER_NOPROMPT,
            )
        };
        assert!(
            ret == SQL_SUCCESS || ret == SQL_SUCCESS_WITH_INFO,
            "SQLDriverConnectW: {ret} {:?}",
            self.diagnostics(SQL_HANDLE_DBC, dbc)
        );
    }

    /// A column attribute as text, through SQLColAttributeW (checks the
    /// byte length and the terminating NUL).
    pub fn col_attr_text(&self, stmt: Handle, col: u16, field: u16) -> String {
        let mut buf = [0xFFFFu16; 256];
        let mut len = -1i16;
        // SAFETY: buffer length in bytes as passed.
        let ret = unsafe {
            (self.SQLColAttributeW)(
                stmt,
                col,
                field,
                buf.as_mut_ptr().cast(),
                (buf.len() * 2) as i16,
                &mut len,
                null_mut(),
            )
        };
        assert_eq!(
            ret,
            SQL_SUCCESS,
            "field {field} of {col}: {:?}",
            self.diagnostics(SQL_HANDLE_STMT, stmt)
        );
        assert!(len >= 0 && len % 2 == 0, "byte length {len}");
        let chars = len as usize / 2;
        assert_eq!(buf[chars], 0, "field {field} of {col} not NUL-terminated");
        String::from_utf16(&buf[..chars]).unwrap()
    }

    /// A statement handle of `dbc`.
    pub fn stmt(&self, dbc: Handle) -> Handle {
        let mut stmt = null_mut();
        // SAFETY: valid out pointer.
        let ret = unsafe { (self.SQLAllocHandle)(SQL_HANDLE_STMT, dbc, &mut stmt) };
        assert_eq!(ret, SQL_SUCCESS);
        stmt
    }

    /// Runs `sql` with SQLExecDirectW, asserting success.
    pub fn exec(&self, stmt: Handle, sql: &str) {
        let text = wide(sql);
        // SAFETY: NUL-terminated text.
        let ret = unsafe { (self.SQLExecDirectW)(stmt, text.as_ptr(), SQL_NTSL) };
        assert!(
            ret == SQL_SUCCESS || ret == SQL_SUCCESS_WITH_INFO,
            "{sql}: {ret} {:?}",
            self.diagnostics(SQL_HANDLE_STMT, stmt)
        );
    }

    /// Frees a statement, disconnects and frees the connection and the environment.
    pub fn close(&self, env: Handle, dbc: Handle, stmt: Handle) {
        // SAFETY: handles allocated by this API.
        unsafe {
            if !stmt.is_null() {
                assert_eq!((self.SQLFreeHandle)(SQL_HANDLE_STMT, stmt), SQL_SUCCESS);
            }
            assert_eq!((self.SQLDisconnect)(dbc), SQL_SUCCESS);
            assert_eq!((self.SQLFreeHandle)(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
            assert_eq!((self.SQLFreeHandle)(SQL_HANDLE_ENV, env), SQL_SUCCESS);
        }
    }

    /// SQLGetData as SQL_C_WCHAR into a large buffer: the text, or None for NULL.
    pub fn get_wtext(&self, stmt: Handle, col: u16) -> Option<String> {
        let mut buf = vec![0u16; 8192];
        let mut ind = 0isize;
        // SAFETY: buffer length in bytes as passed.
        let ret = unsafe {
            (self.SQLGetData)(
                stmt,
                col,
                SQL_C_WCHAR,
                buf.as_mut_ptr().cast(),
                (buf.len() * 2) as isize,
                &mut ind,
            )
        };
        assert!(
            ret == SQL_SUCCESS,
            "SQLGetData col {col}: {ret} {:?}",
            self.diagnostics(SQL_HANDLE_STMT, stmt)
        );
        if ind == SQL_NULL_DATA {
            return None;
        }
        assert!(
            ind >= 0 && ind % 2 == 0,
            "odd or negative byte length {ind}"
        );
        Some(String::from_utf16(&buf[..ind as usize / 2]).expect("UTF-16"))
    }
}
