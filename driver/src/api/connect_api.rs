//! SQLConnect, SQLDriverConnect, SQLBrowseConnect, SQLDisconnect,
//! connection attributes, SQLEndTran, SQLNativeSql.

use super::out_str;
use crate::connection::{AttrValue, DbcState};
use crate::encoding::{
    len_i16, len_i32, put, read_str, read_str_bytes, Encoding, Narrow, Unit, Wide,
};
use crate::error::DriverError;
use crate::handles::{with_handle, Done};
use crate::sys::*;

fn connect<E: Encoding>(
    dbc: SqlHandle,
    dsn: *const E::Char,
    dsn_len: i16,
    uid: *const E::Char,
    uid_len: i16,
    pwd: *const E::Char,
    pwd_len: i16,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, w| {
        let dsn = unsafe { read_str::<E>(dsn, dsn_len.into())? }.unwrap_or_default();
        let uid = unsafe { read_str::<E>(uid, uid_len.into())? };
        let pwd = unsafe { read_str::<E>(pwd, pwd_len.into())? };
        h.state
            .lock()
            .connect(&dsn, uid.as_deref(), pwd.as_deref(), w)?;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLConnect(
    dbc: SqlHandle,
    dsn: *const u8,
    dsn_len: i16,
    uid: *const u8,
    uid_len: i16,
    pwd: *const u8,
    pwd_len: i16,
) -> SqlReturn {
    connect::<Narrow>(dbc, dsn, dsn_len, uid, uid_len, pwd, pwd_len)
}

#[no_mangle]
pub extern "system" fn SQLConnectW(
    dbc: SqlHandle,
    dsn: *const u16,
    dsn_len: i16,
    uid: *const u16,
    uid_len: i16,
    pwd: *const u16,
    pwd_len: i16,
) -> SqlReturn {
    connect::<Wide>(dbc, dsn, dsn_len, uid, uid_len, pwd, pwd_len)
}

#[allow(clippy::too_many_arguments)]
fn driver_connect<E: Encoding>(
    dbc: SqlHandle,
    in_str: *const E::Char,
    in_len: i16,
    out: *mut E::Char,
    out_max: i16,
    out_len: *mut i16,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, w| {
        if out_max < 0 {
            return Err(DriverError::new("HY090", "invalid string or buffer length"));
        }
        let text = unsafe { read_str::<E>(in_str, in_len.into())? }.unwrap_or_default();
        // Every completion mode behaves as SQL_DRIVER_NOPROMPT: the driver has no dialog.
        let completed = h.state.lock().driver_connect(&text, w)?;
        let n = unsafe { out_str::<E>(&completed, out, out_max.into(), Unit::Chars, w)? };
        unsafe { put(out_len, len_i16(n)) };
        Ok(Done::Ok)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLDriverConnect(
    dbc: SqlHandle,
    _hwnd: SqlHandle,
    in_str: *const u8,
    in_len: i16,
    out: *mut u8,
    out_max: i16,
    out_len: *mut i16,
    _completion: u16,
) -> SqlReturn {
    driver_connect::<Narrow>(dbc, in_str, in_len, out, out_max, out_len)
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLDriverConnectW(
    dbc: SqlHandle,
    _hwnd: SqlHandle,
    in_str: *const u16,
    in_len: i16,
    out: *mut u16,
    out_max: i16,
    out_len: *mut i16,
    _completion: u16,
) -> SqlReturn {
    driver_connect::<Wide>(dbc, in_str, in_len, out, out_max, out_len)
}

fn browse_connect(dbc: SqlHandle) -> SqlReturn {
    with_handle::<DbcState>(dbc, |_, _| {
        Err(DriverError::not_supported(
            "SQLBrowseConnect: use SQLDriverConnect",
        ))
    })
}

#[no_mangle]
pub extern "system" fn SQLBrowseConnect(
    dbc: SqlHandle,
    _in: *const u8,
    _in_len: i16,
    _out: *mut u8,
    _out_max: i16,
    _out_len: *mut i16,
) -> SqlReturn {
    browse_connect(dbc)
}

#[no_mangle]
pub extern "system" fn SQLBrowseConnectW(
    dbc: SqlHandle,
    _in: *const u16,
    _in_len: i16,
    _out: *mut u16,
    _out_max: i16,
    _out_len: *mut i16,
) -> SqlReturn {
    browse_connect(dbc)
}

#[no_mangle]
pub extern "system" fn SQLDisconnect(dbc: SqlHandle) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, _| {
        crate::connection::disconnect(h)?;
        Ok(Done::Ok)
    })
}

fn is_string_attr(attr: i32) -> bool {
    matches!(
        attr,
        SQL_ATTR_CURRENT_CATALOG | SQL_ATTR_TRACEFILE | SQL_ATTR_TRANSLATE_LIB
    )
}

fn set_connect_attr<E: Encoding>(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    len: i32,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, _| {
        let text = if is_string_attr(attr) {
            unsafe { read_str_bytes::<E>(value as *const E::Char, len as isize)? }
        } else {
            None
        };
        h.state.lock().set_attr(attr, value, text)?;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetConnectAttr(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    len: i32,
) -> SqlReturn {
    set_connect_attr::<Narrow>(dbc, attr, value, len)
}

#[no_mangle]
pub extern "system" fn SQLSetConnectAttrW(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    len: i32,
) -> SqlReturn {
    set_connect_attr::<Wide>(dbc, attr, value, len)
}

fn get_connect_attr<E: Encoding>(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, w| {
        let v = h.state.lock().get_attr(attr)?;
        unsafe {
            match v {
                AttrValue::U32(n) => {
                    put(value as *mut u32, n);
                    put(out_len, 4);
                }
                AttrValue::Ptr(p) => {
                    put(value as *mut usize, p);
                    put(out_len, std::mem::size_of::<usize>() as i32);
                }
                AttrValue::Str(s) => {
                    let n =
                        out_str::<E>(&s, value as *mut E::Char, buf_len as isize, Unit::Bytes, w)?;
                    put(out_len, len_i32(n));
                }
            }
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetConnectAttr(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_connect_attr::<Narrow>(dbc, attr, value, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetConnectAttrW(
    dbc: SqlHandle,
    attr: i32,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_connect_attr::<Wide>(dbc, attr, value, buf_len, out_len)
}

/// An environment-wide SQLEndTran: nothing is kept per environment (each
/// connection answers for itself through its own handle).
fn end_tran(completion: i16) -> Result<Done, DriverError> {
    match completion {
        SQL_COMMIT | SQL_ROLLBACK => Ok(Done::Ok),
        _ => Err(DriverError::new(
            "HY012",
            "invalid transaction operation code",
        )),
    }
}

#[no_mangle]
pub extern "system" fn SQLEndTran(
    handle_type: i16,
    handle: SqlHandle,
    completion: i16,
) -> SqlReturn {
    match handle_type {
        SQL_HANDLE_ENV => with_handle::<crate::env::EnvState>(handle, |_, _| end_tran(completion)),
        SQL_HANDLE_DBC => with_handle::<DbcState>(handle, |h, _| {
            let mut state = h.state.lock();
            if state.connection.is_none() {
                return Err(DriverError::new("08003", "connection not open"));
            }
            state.end_transaction(completion).map(|()| Done::Ok)
        }),
        _ => SQL_INVALID_HANDLE,
    }
}

fn native_sql<E: Encoding>(
    dbc: SqlHandle,
    in_sql: *const E::Char,
    in_len: i32,
    out: *mut E::Char,
    out_max: i32,
    out_len: *mut i32,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |_, w| {
        let text = unsafe { read_str::<E>(in_sql, in_len as isize)? }
            .ok_or_else(|| DriverError::new("HY009", "invalid use of null pointer"))?;
        let native = sql::Session::native_sql(&text).map_err(DriverError::from)?;
        let n = unsafe { out_str::<E>(&native, out, out_max as isize, Unit::Chars, w)? };
        unsafe { put(out_len, len_i32(n)) };
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLNativeSql(
    dbc: SqlHandle,
    in_sql: *const u8,
    in_len: i32,
    out: *mut u8,
    out_max: i32,
    out_len: *mut i32,
) -> SqlReturn {
    native_sql::<Narrow>(dbc, in_sql, in_len, out, out_max, out_len)
}

#[no_mangle]
pub extern "system" fn SQLNativeSqlW(
    dbc: SqlHandle,
    in_sql: *const u16,
    in_len: i32,
    out: *mut u16,
    out_max: i32,
    out_len: *mut i32,
) -> SqlReturn {
    native_sql::<Wide>(dbc, in_sql, in_len, out, out_max, out_len)
}
