//! SQLAllocHandle, SQLFreeHandle, SQLFreeStmt, SQLSetEnvAttr, SQLGetEnvAttr.

use crate::connection::{DbcHandle, DbcState};
use crate::encoding::put;
use crate::env::{EnvHandle, EnvState};
use crate::error::DriverError;
use crate::handles::{entry, with_handle, Done, Handle};
use crate::statement::{
    allocate_descriptor, allocate_statement, free_descriptor, free_statement, DescState, StmtState,
};
use crate::sys::*;

#[no_mangle]
pub extern "system" fn SQLAllocHandle(
    handle_type: i16,
    input: SqlHandle,
    output: *mut SqlHandle,
) -> SqlReturn {
    match handle_type {
        SQL_HANDLE_ENV => entry(|| {
            if output.is_null() {
                return SQL_ERROR;
            }
            let env = Handle::allocate(EnvState::default());
            unsafe { put(output, env.cast()) };
            SQL_SUCCESS
        }),
        SQL_HANDLE_DBC => with_handle::<EnvState>(input, |env, _| {
            if output.is_null() {
                return Err(DriverError::new("HY009", "invalid use of null pointer"));
            }
            let dbc = Handle::allocate(DbcState::new(env as *const EnvHandle));
            unsafe { put(output, dbc.cast()) };
            Ok(Done::Ok)
        }),
        SQL_HANDLE_STMT | SQL_HANDLE_DESC => with_handle::<DbcState>(input, |dbc, _| {
            if output.is_null() {
                return Err(DriverError::new("HY009", "invalid use of null pointer"));
            }
            unsafe { put(output, std::ptr::null_mut()) };
            if dbc.state.lock().connection.is_none() {
                return Err(DriverError::new("08003", "connection not open"));
            }
            let handle: SqlHandle = if handle_type == SQL_HANDLE_STMT {
                allocate_statement(dbc).cast()
            } else {
                allocate_descriptor(dbc).cast()
            };
            unsafe { put(output, handle) };
            Ok(Done::Ok)
        }),
        _ => entry(|| {
            if !output.is_null() {
                unsafe { put(output, std::ptr::null_mut()) };
            }
            SQL_ERROR
        }),
    }
}

#[no_mangle]
pub extern "system" fn SQLFreeHandle(handle_type: i16, handle: SqlHandle) -> SqlReturn {
    free_handle(handle_type, handle)
}

/// SQLFreeHandle's work. Called directly (not through the exported
/// symbol) so that a driver manager's same-named export loaded in the same
/// process cannot intercept the call.
fn free_handle(handle_type: i16, handle: SqlHandle) -> SqlReturn {
    entry(|| unsafe {
        match handle_type {
            SQL_HANDLE_ENV => match Handle::<EnvState>::from_raw(handle) {
                Some(env) => {
                    Handle::free(env as *const EnvHandle);
                    SQL_SUCCESS
                }
                None => SQL_INVALID_HANDLE,
            },
            SQL_HANDLE_DBC => match Handle::<DbcState>::from_raw(handle) {
                Some(dbc) if dbc.state.lock().connection.is_some() => {
                    let mut diag = dbc.diag.lock();
                    diag.clear();
                    diag.push(&DriverError::sequence(
                        "SQLFreeHandle on a connected connection (call SQLDisconnect first)",
                    ));
                    SQL_ERROR
                }
                Some(dbc) => {
                    Handle::free(dbc as *const DbcHandle);
                    SQL_SUCCESS
                }
                None => SQL_INVALID_HANDLE,
            },
            SQL_HANDLE_STMT => match Handle::<StmtState>::from_raw(handle) {
                Some(stmt) => {
                    free_statement(stmt);
                    SQL_SUCCESS
                }
                None => SQL_INVALID_HANDLE,
            },
            SQL_HANDLE_DESC => match Handle::<DescState>::from_raw(handle) {
                Some(desc) if desc.state.lock().owner.is_some() => {
                    let mut diag = desc.diag.lock();
                    diag.clear();
                    diag.push(&DriverError::new(
                        "HY017",
                        "invalid use of an automatically allocated descriptor handle",
                    ));
                    SQL_ERROR
                }
                Some(desc) => {
                    free_descriptor(desc);
                    SQL_SUCCESS
                }
                None => SQL_INVALID_HANDLE,
            },
            // No handle of an unknown type can be valid.
            _ => SQL_INVALID_HANDLE,
        }
    })
}

#[no_mangle]
pub extern "system" fn SQLFreeStmt(stmt: SqlHandle, option: u16) -> SqlReturn {
    if option == SQL_DROP {
        return free_handle(SQL_HANDLE_STMT, stmt);
    }
    with_handle::<StmtState>(stmt, |h, _| {
        let mut st = h.state.lock();
        // The specification's HY010: not before every data-at-execution value is sent.
        st.refuse_while_waiting()?;
        match option {
            SQL_CLOSE => st.close_cursor(),
            SQL_UNBIND => st.ard().state.lock().desc.unbind_all(),
            SQL_RESET_PARAMS => st.apd().state.lock().desc.unbind_all(),
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    "invalid attribute/option identifier",
                ))
            }
        }
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLSetEnvAttr(
    env: SqlHandle,
    attr: i32,
    value: SqlPointer,
    _len: i32,
) -> SqlReturn {
    with_handle::<EnvState>(env, |h, _| {
        h.state.lock().set_attr(attr, value as usize)?;
        Ok(Done::Ok)
    })
}

#[no_mangle]
pub extern "system" fn SQLGetEnvAttr(
    env: SqlHandle,
    attr: i32,
    value: SqlPointer,
    _buf_len: i32,
    out_len: *mut i32,
) -> SqlReturn {
    with_handle::<EnvState>(env, |h, _| {
        let v = h.state.lock().get_attr(attr)?;
        unsafe {
            put(value as *mut u32, v);
            put(out_len, 4);
        }
        Ok(Done::Ok)
    })
}
