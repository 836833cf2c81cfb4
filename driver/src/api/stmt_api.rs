//! Statement attributes and execution: SQLSetStmtAttr, SQLGetStmtAttr,
//! SQLPrepare, SQLExecute, SQLExecDirect, parameters, SQLCancel,
//! SQLRowCount, SQLMoreResults, SQLCloseCursor, cursor names.

use super::out_str;
use crate::encoding::{len_i16, put, read_str, Encoding, Narrow, Unit, Wide};
use crate::error::DriverError;
use crate::handles::{with_handle, Done};
use crate::odbc_type as ot;
use crate::statement::StmtState;
use crate::sys::*;

#[no_mangle]
pub extern "system" fn SQLSetStmtAttr(
    stmt: SqlHandle,
    attr: i32,
    value: SqlPointer,
    len: i32,
) -> SqlReturn {
    set_stmt_attr(stmt, attr, value, len)
}

// The A and W exports share these bodies, called directly: calling the
// exported symbol could reach a driver manager's function of the same name.
fn set_stmt_attr(stmt: SqlHandle, attr: i32, value: SqlPointer, _len: i32) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        h.state.lock().set_attr(attr, value, w)?;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetStmtAttrW(
    stmt: SqlHandle,
    attr: i32,
    value: SqlPointer,
    len: i32,
) -> SqlReturn {
    set_stmt_attr(stmt, attr, value, len)
}

#[no_mangle]
pub extern "system" fn SQLGetStmtAttr(
    stmt: SqlHandle,
    attr: i32,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_stmt_attr(stmt, attr, value, buf_len, out_len)
}

fn get_stmt_attr(
    stmt: SqlHandle,
    attr: i32,
    value: SqlPointer,
    _buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        if value.is_null() {
            return Err(DriverError::new("HY009", "invalid use of null pointer"));
        }
        let v = h.state.lock().get_attr(attr)?;
        unsafe {
            put(value as *mut usize, v);
            put(out_len, std::mem::size_of::<usize>() as i32);
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetStmtAttrW(
    stmt: SqlHandle,
    attr: i32,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_stmt_attr(stmt, attr, value, buf_len, out_len)
}

fn read_sql<E: Encoding>(text: *const E::Char, len: i32) -> Result<String, DriverError> {
    unsafe { read_str::<E>(text, len as isize)? }
        .ok_or_else(|| DriverError::new("HY009", "invalid use of null pointer"))
}

fn exec_direct<E: Encoding>(stmt: SqlHandle, text: *const E::Char, len: i32) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        let sql = read_sql::<E>(text, len)?;
        h.cancel.reset();
        h.state.lock().exec_direct(&sql, &h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLExecDirect(stmt: SqlHandle, text: *const u8, len: i32) -> SqlReturn {
    exec_direct::<Narrow>(stmt, text, len)
}

#[no_mangle]
pub extern "system" fn SQLExecDirectW(stmt: SqlHandle, text: *const u16, len: i32) -> SqlReturn {
    exec_direct::<Wide>(stmt, text, len)
}

fn prepare<E: Encoding>(stmt: SqlHandle, text: *const E::Char, len: i32) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let sql = read_sql::<E>(text, len)?;
        h.cancel.reset();
        h.state.lock().prepare(&sql, &h.cancel)?;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLPrepare(stmt: SqlHandle, text: *const u8, len: i32) -> SqlReturn {
    prepare::<Narrow>(stmt, text, len)
}

#[no_mangle]
pub extern "system" fn SQLPrepareW(stmt: SqlHandle, text: *const u16, len: i32) -> SqlReturn {
    prepare::<Wide>(stmt, text, len)
}

#[no_mangle]
pub extern "system" fn SQLExecute(stmt: SqlHandle) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        h.cancel.reset();
        h.state.lock().execute(&h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLNumParams(stmt: SqlHandle, count: *mut i16) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let st = h.state.lock();
        let prepared = st
            .prepared
            .as_ref()
            .ok_or_else(|| DriverError::sequence("SQLNumParams before SQLPrepare"))?;
        unsafe { put(count, prepared.parameters().len() as i16) };
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLDescribeParam(
    stmt: SqlHandle,
    n: u16,
    data_type: *mut i16,
    size: *mut usize,
    digits: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let st = h.state.lock();
        let prepared = st
            .prepared
            .as_ref()
            .ok_or_else(|| DriverError::sequence("SQLDescribeParam before SQLPrepare"))?;
        let param = (n as usize)
            .checked_sub(1)
            .and_then(|i| prepared.parameters().get(i))
            .ok_or_else(|| DriverError::new("07009", format!("invalid descriptor index {n}")))?;
        let t = &param.sql_type;
        unsafe {
            put(data_type, ot::concise_type(t, st.odbc2()));
            put(size, ot::column_size(t) as usize);
            put(digits, ot::desc_scale(t));
            put(nullable, SQL_NULLABLE_UNKNOWN);
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLBindParameter(
    stmt: SqlHandle,
    n: u16,
    io_type: i16,
    c_type: i16,
    sql_type: i16,
    column_size: usize,
    digits: i16,
    value: SqlPointer,
    buffer_length: isize,
    str_len_or_ind: *mut isize,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        if n == 0 {
            return Err(DriverError::new("07009", "invalid descriptor index 0"));
        }
        if io_type != SQL_PARAM_INPUT {
            return Err(DriverError::not_supported("output parameters"));
        }
        if buffer_length < 0 {
            return Err(DriverError::new("HY090", "invalid string or buffer length"));
        }
        if value.is_null() && str_len_or_ind.is_null() {
            return Err(DriverError::new(
                "HY009",
                "invalid use of null pointer: no value and no indicator",
            ));
        }
        let st = h.state.lock();
        {
            let mut apd = st.apd().state.lock();
            let rec = apd.desc.record_mut(n as usize);
            rec.set_type(c_type, true);
            rec.data_ptr = value;
            rec.octet_length = buffer_length;
            rec.indicator_ptr = str_len_or_ind;
            rec.octet_length_ptr = str_len_or_ind;
        }
        let mut ipd = st.ipd().state.lock();
        let rec = ipd.desc.record_mut(n as usize);
        rec.set_type(sql_type, true);
        rec.sql_type = None;
        rec.length = column_size as u64;
        rec.precision = i16::try_from(column_size).unwrap_or(i16::MAX);
        rec.scale = digits;
        rec.parameter_type = io_type;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLCancel(stmt: SqlHandle) -> SqlReturn {
    // Never waits for the statement's lock: the call to cancel holds it.
    with_handle::<StmtState>(stmt, |h, _| {
        if let Some(mut st) = h.state.try_lock() {
            // Cancels a data-at-execution sequence: back to prepared/allocated.
            if st.cancel_need_data() {
                return Ok(Done::Ok);
            }
        }
        h.cancel.cancel();
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLParamData(stmt: SqlHandle, token: *mut SqlPointer) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        h.cancel.reset();
        h.state.lock().param_data(token, &h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLPutData(stmt: SqlHandle, data: SqlPointer, len: isize) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| h.state.lock().put_data(data, len))
}

#[no_mangle]
pub extern "system" fn SQLRowCount(stmt: SqlHandle, count: *mut isize) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let n = h.state.lock().row_count()?;
        unsafe { put(count, n) };
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLMoreResults(stmt: SqlHandle) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| h.state.lock().more_results())
}

#[no_mangle]
pub extern "system" fn SQLCloseCursor(stmt: SqlHandle) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let mut st = h.state.lock();
        if st.cursor.is_none() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: no cursor is open",
            ));
        }
        st.close_cursor();
        Ok(Done::Ok)
    })
}

fn get_cursor_name<E: Encoding>(
    stmt: SqlHandle,
    buf: *mut E::Char,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        let name = h.state.lock().cursor_name.clone();
        let n = unsafe { out_str::<E>(&name, buf, buf_len.into(), Unit::Chars, w)? };
        unsafe { put(out_len, len_i16(n)) };
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetCursorName(
    stmt: SqlHandle,
    buf: *mut u8,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_cursor_name::<Narrow>(stmt, buf, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetCursorNameW(
    stmt: SqlHandle,
    buf: *mut u16,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_cursor_name::<Wide>(stmt, buf, buf_len, out_len)
}

fn set_cursor_name<E: Encoding>(stmt: SqlHandle, name: *const E::Char, len: i16) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let name = unsafe { read_str::<E>(name, len.into())? }
            .ok_or_else(|| DriverError::new("HY009", "invalid use of null pointer"))?;
        if name.is_empty() || name.to_ascii_uppercase().starts_with("SQL_CUR") {
            return Err(DriverError::new("34000", "invalid cursor name"));
        }
        let mut st = h.state.lock();
        if st.cursor.is_some() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: a cursor is open",
            ));
        }
        st.cursor_name = name;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetCursorName(stmt: SqlHandle, name: *const u8, len: i16) -> SqlReturn {
    set_cursor_name::<Narrow>(stmt, name, len)
}

#[no_mangle]
pub extern "system" fn SQLSetCursorNameW(stmt: SqlHandle, name: *const u16, len: i16) -> SqlReturn {
    set_cursor_name::<Wide>(stmt, name, len)
}
