//! SQLGetInfo and SQLGetFunctions (the answers come from [`crate::info`]).

use std::ffi::c_void;

use super::out_str;
use crate::connection::DbcState;
use crate::encoding::{len_i16, put, Encoding, Narrow, Unit, Wide};
use crate::error::DriverError;
use crate::handles::{with_handle, Done};
use crate::info::{self, InfoContext, InfoValue};
use crate::sys::*;

fn get_info<E: Encoding>(
    dbc: SqlHandle,
    info_type: u16,
    value: *mut c_void,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |h, w| {
        let ctx = {
            let st = h.state.lock();
            let conn = st.connection.as_ref();
            InfoContext {
                dsn: conn.and_then(|c| c.dsn.clone()).unwrap_or_default(),
                user: conn.and_then(|c| c.user.clone()).unwrap_or_default(),
                server_name: conn.map(|c| c.server_name.clone()).unwrap_or_default(),
                connected: conn.is_some(),
            }
        };
        if info::HANDLE_INFO_TYPES.contains(&info_type) {
            // The driver's own handles: the connection's, its environment's,
            // or (statement/descriptor) the one the driver manager passed in.
            let handle = match info_type {
                info::ids::SQL_DRIVER_HDBC => h.as_raw() as usize,
                info::ids::SQL_DRIVER_HENV => h.state.lock().env as usize,
                info::ids::SQL_DRIVER_HSTMT | info::ids::SQL_DRIVER_HDESC if !value.is_null() => unsafe {
                    std::ptr::read_unaligned(value as *const usize)
                },
                _ => 0,
            };
            unsafe {
                put(value as *mut usize, handle);
                put(out_len, std::mem::size_of::<usize>() as i16);
            }
            return Ok(Done::Ok);
        }
        let answer = info::get_info(info_type, &ctx).ok_or_else(|| {
            DriverError::new("HY096", format!("invalid information type {info_type}"))
        })?;
        unsafe {
            let n = match answer {
                InfoValue::Str(s) => {
                    out_str::<E>(&s, value.cast(), buf_len.into(), Unit::Bytes, w)?
                }
                InfoValue::U16(v) => {
                    put(value as *mut u16, v);
                    2
                }
                InfoValue::U32(v) => {
                    put(value as *mut u32, v);
                    4
                }
                InfoValue::U64(v) => {
                    put(value as *mut u64, v);
                    8
                }
            };
            put(out_len, len_i16(n));
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetInfo(
    dbc: SqlHandle,
    info_type: u16,
    value: SqlPointer,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_info::<Narrow>(dbc, info_type, value, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetInfoW(
    dbc: SqlHandle,
    info_type: u16,
    value: SqlPointer,
    buf_len: i16,
    out_len: *mut i16,
) -> SqlReturn {
    get_info::<Wide>(dbc, info_type, value, buf_len, out_len)
}

#[no_mangle]
pub extern "system" fn SQLGetFunctions(
    dbc: SqlHandle,
    function: u16,
    supported: *mut u16,
) -> SqlReturn {
    with_handle::<DbcState>(dbc, |_, _| {
        if supported.is_null() {
            return Err(DriverError::new("HY009", "invalid use of null pointer"));
        }
        let functions = info::supported_functions();
        unsafe {
            match function {
                SQL_API_ALL_FUNCTIONS => {
                    for i in 0..100u16 {
                        put(supported.add(i as usize), functions.contains(&i) as u16);
                    }
                }
                SQL_API_ODBC3_ALL_FUNCTIONS => {
                    for (i, word) in info::odbc3_function_bitmap().iter().enumerate() {
                        put(supported.add(i), *word);
                    }
                }
                f => put(supported, functions.contains(&f) as u16),
            }
        }
        Ok(Done::Ok)
    })
}
