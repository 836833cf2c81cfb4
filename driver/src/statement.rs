//! The statement handle's state and attributes, and the descriptor handles.
//!
//! Attributes that are descriptor fields (ROW_ARRAY_SIZE, ROW_STATUS_PTR,
//! PARAMSET_SIZE...) are stored in the descriptors only.

use std::collections::VecDeque;
use std::ffi::c_void;
use std::sync::Arc;
use std::time::Duration;

use crate::connection::DbcHandle;
use crate::convert::PieceState;
use crate::cursor::{Cursor, Rowset};
use crate::data_at_exec::NeedData;
use crate::desc::{DescKind, Descriptor};
use crate::error::{DriverError, DriverResult};
use crate::handles::{Handle, HandleState, Warnings};
use crate::sys::*;

/// A descriptor handle's state.
pub struct DescState {
    pub desc: Descriptor,
    /// The statement of an implicit descriptor.
    pub owner: Option<*const StmtHandle>,
    pub dbc: *const DbcHandle,
}

unsafe impl Send for DescState {}

impl HandleState for DescState {
    const TYPE: i16 = SQL_HANDLE_DESC;
}

pub type DescHandle = Handle<DescState>;

/// The largest rowset served in one fetch; a larger ROW_ARRAY_SIZE is lowered to it (01S02).
pub const MAX_ROW_ARRAY_SIZE: usize = 1 << 20;

/// Statement attributes that are not descriptor fields.
#[derive(Clone, Debug)]
pub struct StmtAttrs {
    pub query_timeout: usize,
    pub max_rows: usize,
    pub noscan: usize,
    pub max_length: usize,
    pub retrieve_data: usize,
    pub metadata_id: bool,
    pub rowset_size: usize,
    pub keyset_size: usize,
    pub fetch_bookmark_ptr: usize,
}

impl Default for StmtAttrs {
    fn default() -> Self {
        StmtAttrs {
            query_timeout: 0,
            max_rows: 0,
            noscan: 0,
            max_length: 0,
            retrieve_data: SQL_RD_ON,
            metadata_id: false,
            rowset_size: 1,
            keyset_size: 0,
            fetch_bookmark_ptr: 0,
        }
    }
}

/// A statement handle's state.
pub struct StmtState {
    pub dbc: *const DbcHandle,
    /// The implicit ARD, APD, IRD and IPD.
    pub implicit: [*mut DescHandle; 4],
    /// The ARD and APD in use (implicit unless the application set its own).
    pub ard: *const DescHandle,
    pub apd: *const DescHandle,
    pub attrs: StmtAttrs,
    pub prepared: Option<Arc<sql::Statement>>,
    /// SQLExecute/SQLExecDirect or a catalog function ran (a result exists).
    pub executed: bool,
    pub cursor: Option<Cursor>,
    /// Further result sets (one per parameter set), for SQLMoreResults.
    pub more: VecDeque<Cursor>,
    pub row_count: isize,
    /// The rowset last fetched; SQLGetData reads its first row.
    pub rowset: Rowset,
    /// Rows fetched so far (SQL_ATTR_ROW_NUMBER).
    pub rows_before: usize,
    /// The SQLGetData progress on the current row: (column, pieces).
    pub getdata: Option<(u16, PieceState)>,
    pub cursor_name: String,
    /// The data-at-execution sequence in progress, if any.
    pub need_data: Option<NeedData>,
    /// The row of the rowset SQLSetPos positioned on (0-based); SQLGetData reads it.
    pub current_row: usize,
}

unsafe impl Send for StmtState {}

impl HandleState for StmtState {
    const TYPE: i16 = SQL_HANDLE_STMT;
}

pub type StmtHandle = Handle<StmtState>;

const IMPLICIT: [DescKind; 4] = [DescKind::Ard, DescKind::Apd, DescKind::Ird, DescKind::Ipd];

/// Allocates a statement and its implicit descriptors.
pub fn allocate_statement(dbc: &DbcHandle) -> *mut StmtHandle {
    let dbc_ptr = dbc as *const DbcHandle;
    let id = {
        let mut state = dbc.state.lock();
        state.statements += 1;
        state.statements
    };
    let implicit = IMPLICIT.map(|kind| {
        Handle::allocate(DescState {
            desc: Descriptor::new(kind, SQL_DESC_ALLOC_AUTO),
            owner: None,
            dbc: dbc_ptr,
        })
    });
    let metadata_id = dbc.state.lock().metadata_id;
    let stmt = Handle::allocate(StmtState {
        dbc: dbc_ptr,
        implicit,
        ard: implicit[0],
        apd: implicit[1],
        attrs: StmtAttrs {
            metadata_id,
            ..StmtAttrs::default()
        },
        prepared: None,
        executed: false,
        cursor: None,
        more: VecDeque::new(),
        row_count: -1,
        rowset: Rowset::default(),
        rows_before: 0,
        getdata: None,
        cursor_name: format!("SQL_CUR{id}"),
        need_data: None,
        current_row: 0,
    });
    for desc in implicit {
        unsafe { (*desc).state.lock().owner = Some(stmt) };
    }
    dbc.state
        .lock()
        .owned
        .push((SQL_HANDLE_STMT, stmt as usize));
    stmt
}

/// Allocates an explicit descriptor (SQLAllocHandle(SQL_HANDLE_DESC)) owned by `dbc`.
pub fn allocate_descriptor(dbc: &DbcHandle) -> *mut DescHandle {
    let desc = Handle::allocate(DescState {
        desc: Descriptor::new(DescKind::Ard, SQL_DESC_ALLOC_USER),
        owner: None,
        dbc: dbc as *const DbcHandle,
    });
    dbc.state
        .lock()
        .owned
        .push((SQL_HANDLE_DESC, desc as usize));
    desc
}

/// Frees an explicit descriptor and forgets it in its connection.
///
/// # Safety
/// `desc` must be live and not used afterwards.
pub unsafe fn free_descriptor(desc: &DescHandle) {
    let dbc = desc.state.lock().dbc;
    forget_owned(dbc, desc as *const DescHandle as usize);
    Handle::free(desc as *const DescHandle);
}

/// Removes a freed handle from its connection's list (a later handle may reuse the address).
fn forget_owned(dbc: *const DbcHandle, address: usize) {
    if let Some(dbc) =
        unsafe { Handle::<crate::connection::DbcState>::from_raw(dbc as *mut c_void) }
    {
        dbc.state.lock().owned.retain(|&(_, a)| a != address);
    }
}

/// Frees a statement and its implicit descriptors.
///
/// # Safety
/// `stmt` must be live and not used afterwards.
pub unsafe fn free_statement(stmt: &StmtHandle) {
    let (implicit, dbc) = {
        let state = stmt.state.lock();
        (state.implicit, state.dbc)
    };
    forget_owned(dbc, stmt as *const StmtHandle as usize);
    for desc in implicit {
        Handle::free(desc);
    }
    Handle::free(stmt as *const StmtHandle);
}

/// A statement attribute's value as SQLGetStmtAttr writes it (SQLULEN or a pointer).
pub type StmtAttrValue = usize;

impl StmtState {
    fn desc_handle(&self, ptr: *const DescHandle, fallback: usize) -> &DescHandle {
        // An explicit descriptor freed by the application falls back to the implicit one.
        unsafe { Handle::<DescState>::from_raw(ptr as *mut c_void) }
            .unwrap_or_else(|| unsafe { &*self.implicit[fallback] })
    }

    pub fn ard(&self) -> &DescHandle {
        self.desc_handle(self.ard, 0)
    }

    pub fn apd(&self) -> &DescHandle {
        self.desc_handle(self.apd, 1)
    }

    pub fn ird(&self) -> &DescHandle {
        unsafe { &*self.implicit[2] }
    }

    pub fn ipd(&self) -> &DescHandle {
        unsafe { &*self.implicit[3] }
    }

    pub fn dbc(&self) -> &DbcHandle {
        unsafe { &*self.dbc }
    }

    pub fn timeout(&self) -> Option<Duration> {
        (self.attrs.query_timeout > 0).then(|| Duration::from_secs(self.attrs.query_timeout as u64))
    }

    pub fn odbc2(&self) -> bool {
        self.dbc().state.lock().odbc_version() == SQL_OV_ODBC2
    }

    /// SQLSetStmtAttr. A descriptor handle value is checked against the registry before use.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn set_attr(
        &mut self,
        attr: i32,
        value: *mut c_void,
        w: &mut Warnings,
    ) -> DriverResult<()> {
        let int = value as usize;
        let changed = |w: &mut Warnings| w.push(DriverError::new("01S02", "option value changed"));
        match attr {
            SQL_ATTR_QUERY_TIMEOUT => self.attrs.query_timeout = int,
            SQL_ATTR_MAX_ROWS => self.attrs.max_rows = int,
            SQL_ATTR_NOSCAN => self.attrs.noscan = int,
            SQL_ATTR_MAX_LENGTH => self.attrs.max_length = int,
            SQL_ATTR_RETRIEVE_DATA => self.attrs.retrieve_data = int,
            SQL_ATTR_METADATA_ID => self.attrs.metadata_id = int != 0,
            SQL_ATTR_KEYSET_SIZE => self.attrs.keyset_size = int,
            SQL_ATTR_FETCH_BOOKMARK_PTR => self.attrs.fetch_bookmark_ptr = int,
            SQL_ATTR_ASYNC_ENABLE | SQL_ATTR_ENABLE_AUTO_IPD => {
                if int != 0 {
                    return Err(DriverError::not_supported("this attribute value"));
                }
            }
            SQL_ATTR_USE_BOOKMARKS => {
                if int != SQL_UB_OFF {
                    return Err(DriverError::not_supported("bookmarks"));
                }
            }
            SQL_ATTR_CURSOR_TYPE => {
                if int != SQL_CURSOR_FORWARD_ONLY {
                    changed(w);
                }
            }
            SQL_ATTR_CONCURRENCY => {
                if int != SQL_CONCUR_READ_ONLY {
                    changed(w);
                }
            }
            SQL_ATTR_SIMULATE_CURSOR => {}
            SQL_ATTR_CURSOR_SCROLLABLE => {
                if int != SQL_NONSCROLLABLE {
                    return Err(DriverError::not_supported("scrollable cursors"));
                }
            }
            SQL_ATTR_CURSOR_SENSITIVITY => {
                if int != SQL_UNSPECIFIED && int != SQL_INSENSITIVE {
                    return Err(DriverError::not_supported("sensitive cursors"));
                }
            }
            SQL_ROWSET_SIZE => {
                if int == 0 {
                    return Err(DriverError::new("HY024", "invalid attribute value"));
                }
                self.attrs.rowset_size = int.min(MAX_ROW_ARRAY_SIZE);
                if int > MAX_ROW_ARRAY_SIZE {
                    changed(w);
                }
            }
            SQL_ATTR_ROW_ARRAY_SIZE => {
                if int == 0 {
                    return Err(DriverError::new(
                        "HY024",
                        "invalid attribute value: the row array size must be positive",
                    ));
                }
                self.ard().state.lock().desc.array_size = int.min(MAX_ROW_ARRAY_SIZE);
                if int > MAX_ROW_ARRAY_SIZE {
                    changed(w);
                }
            }
            SQL_ATTR_ROW_BIND_TYPE => self.ard().state.lock().desc.bind_type = int,
            SQL_ATTR_ROW_BIND_OFFSET_PTR => {
                self.ard().state.lock().desc.bind_offset_ptr = value.cast()
            }
            SQL_ATTR_ROW_OPERATION_PTR => {
                self.ard().state.lock().desc.array_status_ptr = value.cast()
            }
            SQL_ATTR_ROW_STATUS_PTR => self.ird().state.lock().desc.array_status_ptr = value.cast(),
            SQL_ATTR_ROWS_FETCHED_PTR => {
                self.ird().state.lock().desc.rows_processed_ptr = value.cast()
            }
            SQL_ATTR_PARAMSET_SIZE => {
                if int == 0 {
                    return Err(DriverError::new(
                        "HY024",
                        "invalid attribute value: the parameter set size must be positive",
                    ));
                }
                self.apd().state.lock().desc.array_size = int;
            }
            SQL_ATTR_PARAM_BIND_TYPE => self.apd().state.lock().desc.bind_type = int,
            SQL_ATTR_PARAM_BIND_OFFSET_PTR => {
                self.apd().state.lock().desc.bind_offset_ptr = value.cast()
            }
            SQL_ATTR_PARAM_OPERATION_PTR => {
                self.apd().state.lock().desc.array_status_ptr = value.cast()
            }
            SQL_ATTR_PARAM_STATUS_PTR => {
                self.ipd().state.lock().desc.array_status_ptr = value.cast()
            }
            SQL_ATTR_PARAMS_PROCESSED_PTR => {
                self.ipd().state.lock().desc.rows_processed_ptr = value.cast()
            }
            SQL_ATTR_APP_ROW_DESC | SQL_ATTR_APP_PARAM_DESC => {
                let slot = if attr == SQL_ATTR_APP_ROW_DESC { 0 } else { 1 };
                let chosen = if value.is_null() {
                    self.implicit[slot] as *const DescHandle
                } else {
                    let desc =
                        unsafe { Handle::<DescState>::from_raw(value) }.ok_or_else(|| {
                            DriverError::new(
                                "HY024",
                                "invalid attribute value: not a descriptor handle",
                            )
                        })?;
                    let state = desc.state.lock();
                    let is_own_implicit = std::ptr::eq(desc, self.implicit[slot]);
                    if state.desc.alloc_type != SQL_DESC_ALLOC_USER && !is_own_implicit {
                        return Err(DriverError::new(
                            "HY017",
                            "invalid use of an automatically allocated descriptor handle",
                        ));
                    }
                    desc as *const DescHandle
                };
                if slot == 0 {
                    self.ard = chosen;
                } else {
                    self.apd = chosen;
                }
            }
            SQL_ATTR_IMP_ROW_DESC | SQL_ATTR_IMP_PARAM_DESC | SQL_ATTR_ROW_NUMBER => {
                return Err(DriverError::new("HY017", "this attribute is read-only"));
            }
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute identifier {attr}"),
                ))
            }
        }
        Ok(())
    }

    /// SQLGetStmtAttr.
    pub fn get_attr(&self, attr: i32) -> DriverResult<StmtAttrValue> {
        Ok(match attr {
            SQL_ATTR_QUERY_TIMEOUT => self.attrs.query_timeout,
            SQL_ATTR_MAX_ROWS => self.attrs.max_rows,
            SQL_ATTR_NOSCAN => self.attrs.noscan,
            SQL_ATTR_MAX_LENGTH => self.attrs.max_length,
            SQL_ATTR_RETRIEVE_DATA => self.attrs.retrieve_data,
            SQL_ATTR_METADATA_ID => self.attrs.metadata_id as usize,
            SQL_ATTR_KEYSET_SIZE => self.attrs.keyset_size,
            SQL_ATTR_FETCH_BOOKMARK_PTR => self.attrs.fetch_bookmark_ptr,
            SQL_ATTR_ASYNC_ENABLE
            | SQL_ATTR_ENABLE_AUTO_IPD
            | SQL_ATTR_USE_BOOKMARKS
            | SQL_ATTR_SIMULATE_CURSOR => 0,
            SQL_ATTR_CURSOR_TYPE => SQL_CURSOR_FORWARD_ONLY,
            SQL_ATTR_CONCURRENCY => SQL_CONCUR_READ_ONLY,
            SQL_ATTR_CURSOR_SCROLLABLE => SQL_NONSCROLLABLE,
            SQL_ATTR_CURSOR_SENSITIVITY => SQL_INSENSITIVE,
            SQL_ROWSET_SIZE => self.attrs.rowset_size,
            SQL_ATTR_ROW_NUMBER => {
                if self.rowset.is_empty() {
                    0
                } else {
                    self.rows_before + self.current_row + 1
                }
            }
            SQL_ATTR_ROW_ARRAY_SIZE => self.ard().state.lock().desc.array_size,
            SQL_ATTR_ROW_BIND_TYPE => self.ard().state.lock().desc.bind_type,
            SQL_ATTR_ROW_BIND_OFFSET_PTR => self.ard().state.lock().desc.bind_offset_ptr as usize,
            SQL_ATTR_ROW_OPERATION_PTR => self.ard().state.lock().desc.array_status_ptr as usize,
            SQL_ATTR_ROW_STATUS_PTR => self.ird().state.lock().desc.array_status_ptr as usize,
            SQL_ATTR_ROWS_FETCHED_PTR => self.ird().state.lock().desc.rows_processed_ptr as usize,
            SQL_ATTR_PARAMSET_SIZE => self.apd().state.lock().desc.array_size,
            SQL_ATTR_PARAM_BIND_TYPE => self.apd().state.lock().desc.bind_type,
            SQL_ATTR_PARAM_BIND_OFFSET_PTR => self.apd().state.lock().desc.bind_offset_ptr as usize,
            SQL_ATTR_PARAM_OPERATION_PTR => self.apd().state.lock().desc.array_status_ptr as usize,
            SQL_ATTR_PARAM_STATUS_PTR => self.ipd().state.lock().desc.array_status_ptr as usize,
            SQL_ATTR_PARAMS_PROCESSED_PTR => {
                self.ipd().state.lock().desc.rows_processed_ptr as usize
            }
            SQL_ATTR_APP_ROW_DESC => self.ard() as *const DescHandle as usize,
            SQL_ATTR_APP_PARAM_DESC => self.apd() as *const DescHandle as usize,
            SQL_ATTR_IMP_ROW_DESC => self.implicit[2] as usize,
            SQL_ATTR_IMP_PARAM_DESC => self.implicit[3] as usize,
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute identifier {attr}"),
                ))
            }
        })
    }

    /// Closes the cursor (SQLCloseCursor, SQLFreeStmt(SQL_CLOSE)); pending results are discarded.
    pub fn close_cursor(&mut self) {
        self.need_data = None;
        self.current_row = 0;
        self.cursor = None;
        self.more.clear();
        self.rowset = Rowset::default();
        self.rows_before = 0;
        self.getdata = None;
    }

    /// Resets everything an execution left (before a new prepare or execution).
    pub fn reset_results(&mut self) {
        self.close_cursor();
        self.executed = false;
        self.row_count = -1;
    }

    /// The columns of the current result (prepared or executed).
    pub fn result_columns(&self) -> DriverResult<&[sql::ResultColumn]> {
        if let Some(cursor) = &self.cursor {
            return Ok(&cursor.columns);
        }
        if let Some(prepared) = &self.prepared {
            return Ok(prepared.columns());
        }
        if self.executed {
            return Ok(&[]);
        }
        Err(DriverError::sequence("no statement prepared or executed"))
    }
}
