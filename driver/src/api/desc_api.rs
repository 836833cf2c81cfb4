//! SQLGetDescField, SQLSetDescField, SQLGetDescRec, SQLSetDescRec, SQLCopyDesc.

use std::ffi::c_void;

use super::out_str;
use crate::desc::{DescKind, FieldValue};
use crate::encoding::{len_i16, len_i32, put, read_str_bytes, Encoding, Narrow, Unit, Wide};
use crate::error::DriverError;
use crate::handles::{with_handle, Done, Handle};
use crate::statement::DescState;
use crate::sys::*;

fn get_desc_field<E: Encoding>(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: *mut c_void,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    with_handle::<DescState>(desc, |h, w| {
        let v = h.state.lock().desc.get_field(rec, field)?;
        unsafe {
            let size = match v {
                FieldValue::I16(n) => {
                    put(value as *mut i16, n);
                    2
                }
                FieldValue::I32(n) => {
                    put(value as *mut i32, n);
                    4
                }
                FieldValue::Len(n) => {
                    put(value as *mut isize, n);
                    std::mem::size_of::<isize>()
                }
                FieldValue::ULen(n) => {
                    put(value as *mut usize, n);
                    std::mem::size_of::<usize>()
                }
                FieldValue::Ptr(p) => {
                    put(value as *mut *mut c_void, p);
                    std::mem::size_of::<usize>()
                }
                FieldValue::Str(s) => {
                    out_str::<E>(&s, value.cast(), buf_len as isize, Unit::Bytes, w)?
                }
            };
            put(out_len, len_i32(size));
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetDescField(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_desc_field::<Narrow>(desc, rec, field, value, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetDescFieldW(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: SqlPointer,
    buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    get_desc_field::<Wide>(desc, rec, field, value, buf_len, out_len)
}

fn set_desc_field<E: Encoding>(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: *mut c_void,
    buf_len: i32,
) -> SqlReturn {
    with_handle::<DescState>(desc, |h, _| {
        let mut st = h.state.lock();
        if field == SQL_DESC_NAME {
            if st.desc.kind == DescKind::Ird {
                return Err(DriverError::new(
                    "HY016",
                    "cannot modify an implementation row descriptor",
                ));
            }
            if rec < 1 {
                return Err(DriverError::new("07009", "invalid descriptor index"));
            }
            let name = unsafe { read_str_bytes::<E>(value as *const E::Char, buf_len as isize)? }
                .unwrap_or_default();
            st.desc.record_mut(rec as usize).name = name;
        } else {
            st.desc.set_field(rec, field, value)?;
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetDescField(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: SqlPointer,
    buf_len: i32,
) -> SqlReturn {
    set_desc_field::<Narrow>(desc, rec, field, value, buf_len)
}

#[no_mangle]
pub extern "system" fn SQLSetDescFieldW(
    desc: SqlHandle,
    rec: i16,
    field: i16,
    value: SqlPointer,
    buf_len: i32,
) -> SqlReturn {
    set_desc_field::<Wide>(desc, rec, field, value, buf_len)
}

#[allow(clippy::too_many_arguments)]
fn get_desc_rec<E: Encoding>(
    desc: SqlHandle,
    rec: i16,
    name: *mut E::Char,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    subtype: *mut i16,
    length: *mut isize,
    precision: *mut i16,
    scale: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    with_handle::<DescState>(desc, |h, w| {
        let st = h.state.lock();
        if rec < 1 {
            return Err(DriverError::new("07009", "invalid descriptor index"));
        }
        let Some(r) = st.desc.record(rec as usize) else {
            return Ok(Done::NoData);
        };
        unsafe {
            let n = out_str::<E>(&r.name, name, buf_len.into(), Unit::Chars, w)?;
            put(name_len, len_i16(n));
            put(data_type, r.verbose_type);
            put(subtype, r.datetime_code);
            put(length, r.octet_length);
            put(precision, r.precision);
            put(scale, r.scale);
            put(nullable, r.nullable);
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLGetDescRec(
    desc: SqlHandle,
    rec: i16,
    name: *mut u8,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    subtype: *mut i16,
    length: *mut isize,
    precision: *mut i16,
    scale: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    get_desc_rec::<Narrow>(
        desc, rec, name, buf_len, name_len, data_type, subtype, length, precision, scale, nullable,
    )
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLGetDescRecW(
    desc: SqlHandle,
    rec: i16,
    name: *mut u16,
    buf_len: i16,
    name_len: *mut i16,
    data_type: *mut i16,
    subtype: *mut i16,
    length: *mut isize,
    precision: *mut i16,
    scale: *mut i16,
    nullable: *mut i16,
) -> SqlReturn {
    get_desc_rec::<Wide>(
        desc, rec, name, buf_len, name_len, data_type, subtype, length, precision, scale, nullable,
    )
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn SQLSetDescRec(
    desc: SqlHandle,
    rec: i16,
    data_type: i16,
    subtype: i16,
    length: isize,
    precision: i16,
    scale: i16,
    data: SqlPointer,
    str_len: *mut isize,
    ind: *mut isize,
) -> SqlReturn {
    with_handle::<DescState>(desc, |h, _| {
        let mut st = h.state.lock();
        if st.desc.kind == DescKind::Ird {
            return Err(DriverError::new(
                "HY016",
                "cannot modify an implementation row descriptor",
            ));
        }
        if rec < 1 {
            return Err(DriverError::new("07009", "invalid descriptor index"));
        }
        let r = st.desc.record_mut(rec as usize);
        r.set_type(data_type, false);
        if data_type == SQL_DATETIME {
            r.datetime_code = subtype;
            r.set_type(SQL_DATETIME, false);
        }
        r.octet_length = length;
        r.precision = precision;
        r.scale = scale;
        r.data_ptr = data;
        r.octet_length_ptr = str_len;
        r.indicator_ptr = ind;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLCopyDesc(source: SqlHandle, target: SqlHandle) -> SqlReturn {
    with_handle::<DescState>(target, |h, _| {
        let src = unsafe { Handle::<DescState>::from_raw(source) }
            .ok_or_else(|| DriverError::new("HY024", "invalid source descriptor handle"))?;
        if std::ptr::eq(src, h) {
            return Ok(Done::Ok);
        }
        let copy = src.state.lock().desc.clone();
        let mut dst = h.state.lock();
        if dst.desc.kind == DescKind::Ird {
            return Err(DriverError::new(
                "HY016",
                "cannot modify an implementation row descriptor",
            ));
        }
        let (kind, alloc) = (dst.desc.kind, dst.desc.alloc_type);
        dst.desc = copy;
        dst.desc.kind = kind;
        dst.desc.alloc_type = alloc;
        Ok(Done::Ok)
    })
}
