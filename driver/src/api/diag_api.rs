//! SQLGetDiagRec, SQLGetDiagField and the ODBC 2 SQLError. These never
//! clear a handle's diagnostics and never add to them.

use std::ffi::c_void;

use parking_lot::Mutex;

use crate::connection::DbcState;
use crate::diag::{DiagArea, DiagRecord};
use crate::encoding::{len_i16, put, write_str, Encoding, Narrow, Unit, Wide};
use crate::env::EnvState;
use crate::handles::{entry, Handle, HandleState};
use crate::statement::{DescState, StmtState};
use crate::sys::*;

fn area<'a, S: HandleState>(raw: SqlHandle) -> Option<&'a Mutex<DiagArea>> {
    unsafe { Handle::<S>::from_raw(raw) }.map(|h| &h.diag)
}

fn diag_area<'a>(handle_type: i16, raw: SqlHandle) -> Option<&'a Mutex<DiagArea>> {
    match handle_type {
        SQL_HANDLE_ENV => area::<EnvState>(raw),
        SQL_HANDLE_DBC => area::<DbcState>(raw),
        SQL_HANDLE_STMT => area::<StmtState>(raw),
        SQL_HANDLE_DESC => area::<DescState>(raw),
        _ => None,
    }
}

/// Writes one record's SQLSTATE, native code and message; SQL_SUCCESS_WITH_INFO when the message was cut.
unsafe fn write_record<E: Encoding>(
    record: &DiagRecord,
    state: *mut E::Char,
    native: *mut i32,
    msg: *mut E::Char,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    if buf_len < 0 {
        return SQL_ERROR;
    }
    if write_str::<E>(record.sqlstate, state, 6, Unit::Chars).is_err() {
        return SQL_ERROR;
    }
    put(native, record.native_error);
    match write_str::<E>(&record.message, msg, buf_len.into(), Unit::Chars) {
        Ok(written) => {
            put(text_len, len_i16(written.full_len));
            if written.truncated {
                SQL_SUCCESS_WITH_INFO
            } else {
                SQL_SUCCESS
            }
        }
        Err(_) => SQL_ERROR,
    }
}

#[allow(clippy::too_many_arguments)]
fn get_diag_rec<E: Encoding>(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    state: *mut E::Char,
    native: *mut i32,
    msg: *mut E::Char,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    entry(|| {
        let Some(area) = diag_area(handle_type, handle) else {
            return SQL_INVALID_HANDLE;
        };
        if rec <= 0 {
            return SQL_ERROR;
        }
        let area = area.lock();
        match area.record(rec) {
            Some(record) => unsafe {
                write_record::<E>(record, state, native, msg, buf_len, text_len)
            },
            None => SQL_NO_DATA,
        }
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLGetDiagRec(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    state: *mut u8,
    native: *mut i32,
    msg: *mut u8,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    get_diag_rec::<Narrow>(
        handle_type,
        handle,
        rec,
        state,
        native,
        msg,
        buf_len,
        text_len,
    )
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLGetDiagRecW(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    state: *mut u16,
    native: *mut i32,
    msg: *mut u16,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    get_diag_rec::<Wide>(
        handle_type,
        handle,
        rec,
        state,
        native,
        msg,
        buf_len,
        text_len,
    )
}

enum Field {
    Int(i32),
    Short(i16),
    Len(isize),
    Text(String),
}

#[allow(clippy::too_many_arguments)]
fn get_diag_field<E: Encoding>(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    field: i16,
    info: *mut c_void,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    entry(|| {
        let Some(area_lock) = diag_area(handle_type, handle) else {
            return SQL_INVALID_HANDLE;
        };
        let stmt_row_count = || match unsafe { Handle::<StmtState>::from_raw(handle) } {
            Some(stmt) => stmt.state.try_lock().map_or(-1, |st| st.row_count),
            None => -1,
        };
        let area = area_lock.lock();
        let value = match field {
            SQL_DIAG_NUMBER => Field::Int(area.records.len() as i32),
            SQL_DIAG_RETURNCODE => Field::Short(area.return_code),
            SQL_DIAG_ROW_COUNT | SQL_DIAG_CURSOR_ROW_COUNT if handle_type != SQL_HANDLE_STMT => {
                return SQL_ERROR
            }
            SQL_DIAG_ROW_COUNT => {
                drop(area);
                let n = stmt_row_count();
                unsafe { put(info as *mut isize, n) };
                return SQL_SUCCESS;
            }
            SQL_DIAG_CURSOR_ROW_COUNT => Field::Len(area.cursor_row_count),
            SQL_DIAG_DYNAMIC_FUNCTION => Field::Text(area.dynamic_function.clone()),
            SQL_DIAG_DYNAMIC_FUNCTION_CODE => Field::Int(0),
            _ => {
                if rec <= 0 {
                    return SQL_ERROR;
                }
                let Some(r) = area.record(rec) else {
                    return SQL_NO_DATA;
                };
                match field {
                    SQL_DIAG_SQLSTATE => Field::Text(r.sqlstate.to_owned()),
                    SQL_DIAG_NATIVE => Field::Int(r.native_error),
                    SQL_DIAG_MESSAGE_TEXT => Field::Text(r.message.clone()),
                    SQL_DIAG_CLASS_ORIGIN => Field::Text(r.class_origin().to_owned()),
                    SQL_DIAG_SUBCLASS_ORIGIN => Field::Text(r.subclass_origin().to_owned()),
                    SQL_DIAG_CONNECTION_NAME | SQL_DIAG_SERVER_NAME => Field::Text(String::new()),
                    SQL_DIAG_ROW_NUMBER => Field::Len(r.row_number),
                    SQL_DIAG_COLUMN_NUMBER => Field::Int(r.column_number as i32),
                    _ => return SQL_ERROR,
                }
            }
        };
        unsafe {
            match value {
                Field::Int(n) => put(info as *mut i32, n),
                Field::Short(n) => put(info as *mut i16, n),
                Field::Len(n) => put(info as *mut isize, n),
                Field::Text(s) => {
                    match write_str::<E>(&s, info.cast(), buf_len.into(), Unit::Bytes) {
                        Ok(written) => {
                            put(out_len, len_i16(written.full_len));
                            if written.truncated {
                                return SQL_SUCCESS_WITH_INFO;
                            }
                        }
                        Err(_) => return SQL_ERROR,
                    }
                }
            }
        }
        SQL_SUCCESS
    })
}

#[no_mangle]
pub extern "system" fn SQLGetDiagField(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    field: i16,
    info: SqlPointer,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_diag_field::<Narrow>(handle_type, handle, rec, field, info, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetDiagFieldW(
    handle_type: i16,
    handle: SqlHandle,
    rec: i16,
    field: i16,
    info: SqlPointer,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_diag_field::<Wide>(handle_type, handle, rec, field, info, buf_len, out_len)
}

/// ODBC 2: the next record of the most specific handle given, removed once read.
#[allow(clippy::too_many_arguments)]
fn error<E: Encoding>(
    env: SqlHandle,
    dbc: SqlHandle,
    stmt: SqlHandle,
    state: *mut E::Char,
    native: *mut i32,
    msg: *mut E::Char,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    entry(|| {
        let area = if !stmt.is_null() {
            diag_area(SQL_HANDLE_STMT, stmt)
        } else if !dbc.is_null() {
            diag_area(SQL_HANDLE_DBC, dbc)
        } else {
            diag_area(SQL_HANDLE_ENV, env)
        };
        let Some(area) = area else {
            return SQL_INVALID_HANDLE;
        };
        let mut area = area.lock();
        if area.records.is_empty() {
            return SQL_NO_DATA;
        }
        let record = area.records.remove(0);
        unsafe { write_record::<E>(&record, state, native, msg, buf_len, text_len) }
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLError(
    env: SqlHandle,
    dbc: SqlHandle,
    stmt: SqlHandle,
    state: *mut u8,
    native: *mut i32,
    msg: *mut u8,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    error::<Narrow>(env, dbc, stmt, state, native, msg, buf_len, text_len)
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLErrorW(
    env: SqlHandle,
    dbc: SqlHandle,
    stmt: SqlHandle,
    state: *mut u16,
    native: *mut i32,
    msg: *mut u16,
    buf_len: i16,
    text_len: *mut i16,
) -> SqlReturn {
    error::<Wide>(env, dbc, stmt, state, native, msg, buf_len, text_len)
}
