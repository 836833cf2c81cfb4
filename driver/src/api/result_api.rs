//! Results: SQLNumResultCols, SQLDescribeCol, SQLColAttribute, SQLBindCol,
//! SQLFetch, SQLFetchScroll, SQLExtendedFetch, SQLGetData, SQLSetPos.

use std::ffi::c_void;

use super::out_str;
use crate::encoding::{len_i16, put, Encoding, Narrow, Unit, Wide};
use crate::error::DriverError;
use crate::fetch::{ColAttr, FetchTargets};
use crate::handles::{with_handle, Done};
use crate::statement::StmtState;
use crate::sys::*;

#[no_mangle]
pub extern "system" fn SQLNumResultCols(stmt: SqlHandle, count: *mut i16) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        let n = h.state.lock().num_result_cols()?;
        unsafe { put(count, n as i16) };
        Ok(Done::Ok)
    })
}

#[allow(clippy::too_many_arguments)]
fn describe_col<E: Encoding>(
    stmt: SqlHandle,
    col: u16,
    name: *mut E::Char,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    size: *mut usize,
    digits: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        let d = h.state.lock().describe_col(col)?;
        unsafe {
            let n = out_str::<E>(&d.name, name, buf_len.into(), Unit::Chars, w)?;
            put(name_len, len_i16(n));
            put(data_type, d.data_type);
            put(size, d.column_size as usize);
            put(digits, d.decimal_digits);
            put(nullable, d.nullable);
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLDescribeCol(
    stmt: SqlHandle,
    col: u16,
    name: *mut u8,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    size: *mut usize,
    digits: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    describe_col::<Narrow>(
        stmt, col, name, buf_len, name_len, data_type, size, digits, nullable,
    )
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLDescribeColW(
    stmt: SqlHandle,
    col: u16,
    name: *mut u16,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    size: *mut usize,
    digits: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    describe_col::<Wide>(
        stmt, col, name, buf_len, name_len, data_type, size, digits, nullable,
    )
}

fn col_attribute<E: Encoding>(
    stmt: SqlHandle,
    col: u16,
    field: u16,
    text: *mut c_void,
    buf_len: i16,
    text_len: *mut i16,
    num: *mut isize,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        let value = h.state.lock().col_attribute(col, field)?;
        unsafe {
            match value {
                ColAttr::Num(n) => put(num, n),
                ColAttr::Str(s) => {
                    let n = out_str::<E>(&s, text.cast(), buf_len.into(), Unit::Bytes, w)?;
                    put(text_len, len_i16(n));
                }
            }
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLColAttribute(
    stmt: SqlHandle,
    col: u16,
    field: u16,
    text: SqlPointer,
    buf_len: i16,
    text_len: *mut i16,
    num: *mut isize,
) -> SqlReturn {
    col_attribute::<Narrow>(stmt, col, field, text, buf_len, text_len, num)
}

#[no_mangle]
pub extern "system" fn SQLColAttributeW(
    stmt: SqlHandle,
    col: u16,
    field: u16,
    text: SqlPointer,
    buf_len: i16,
    text_len: *mut i16,
    num: *mut isize,
) -> SqlReturn {
    col_attribute::<Wide>(stmt, col, field, text, buf_len, text_len, num)
}

#[no_mangle]
pub extern "system" fn SQLBindCol(
    stmt: SqlHandle,
    col: u16,
    c_type: i16,
    value: SqlPointer,
    buf_len: isize,
    ind: *mut isize,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, _| {
        if col == 0 {
            return Err(DriverError::new(
                "07009",
                "invalid descriptor index 0: bookmarks are not supported",
            ));
        }
        if buf_len < 0 {
            return Err(DriverError::new("HY090", "invalid string or buffer length"));
        }
        let st = h.state.lock();
        let mut ard = st.ard().state.lock();
        if value.is_null() && ind.is_null() {
            // Unbinding one column.
            if let Some(rec) = ard.desc.records.get_mut(col as usize - 1) {
                rec.data_ptr = std::ptr::null_mut();
                rec.indicator_ptr = std::ptr::null_mut();
                rec.octet_length_ptr = std::ptr::null_mut();
            }
            ard.desc.trim_unbound();
            return Ok(Done::Ok);
        }
        let rec = ard.desc.record_mut(col as usize);
        rec.set_type(c_type, true);
        rec.data_ptr = value;
        rec.octet_length = buf_len;
        rec.indicator_ptr = ind;
        rec.octet_length_ptr = ind;
        rec.precision = 0;
        rec.scale = 0;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLFetch(stmt: SqlHandle) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        h.cancel.reset();
        let mut st = h.state.lock();
        let targets = st.fetch_targets();
        st.fetch(targets, &h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLFetchScroll(
    stmt: SqlHandle,
    orientation: i16,
    _offset: isize,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        if orientation != SQL_FETCH_NEXT {
            return Err(DriverError::new(
                "HY106",
                "fetch type out of range: the cursor is forward-only",
            ));
        }
        h.cancel.reset();
        let mut st = h.state.lock();
        let targets = st.fetch_targets();
        st.fetch(targets, &h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLExtendedFetch(
    stmt: SqlHandle,
    orientation: u16,
    _offset: isize,
    row_count: *mut usize,
    row_status: *mut u16,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        if orientation as i16 != SQL_FETCH_NEXT {
            return Err(DriverError::new(
                "HY106",
                "fetch type out of range: the cursor is forward-only",
            ));
        }
        h.cancel.reset();
        let mut st = h.state.lock();
        let targets = FetchTargets {
            array_size: st.attrs.rowset_size.max(1),
            rows_fetched: row_count,
            row_status,
        };
        st.fetch(targets, &h.cancel, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetData(
    stmt: SqlHandle,
    col: u16,
    c_type: i16,
    value: SqlPointer,
    buf_len: isize,
    ind: *mut isize,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| {
        h.cancel.reset();
        h.state.lock().get_data(col, c_type, value, buf_len, ind, w)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetPos(
    stmt: SqlHandle,
    row: usize,
    operation: u16,
    lock: u16,
) -> SqlReturn {
    with_handle::<StmtState>(stmt, |h, w| h.state.lock().set_pos(row, operation, lock, w))
}
