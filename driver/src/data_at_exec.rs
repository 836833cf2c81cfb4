//! Data at execution: parameters bound with SQL_DATA_AT_EXEC or
//! SQL_LEN_DATA_AT_EXEC(n) make SQLExecute/SQLExecDirect return
//! SQL_NEED_DATA; SQLParamData then names each such parameter (for each
//! parameter set, in order) by its value address, SQLPutData sends its value
//! (in pieces for character and binary data), and the SQLParamData after
//! the last one runs the statement. Any error but a sequence error ends the
//! sequence, as the driver manager's statement states do; SQLCancel and
//! SQLFreeStmt(SQL_CLOSE) end it too.

use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Arc;

use crate::convert::c_types::*;
use crate::convert::{self, ParamBinding};
use crate::encoding::put;
use crate::error::{DriverError, DriverResult};
use crate::handles::{Done, Warnings};
use crate::runtime::CancelFlag;
use crate::statement::StmtState;

/// Where the sequence stands (the specification's statement states S8 to S10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// SQLExecute returned SQL_NEED_DATA; SQLParamData comes next.
    Started,
    /// SQLParamData named a parameter; SQLPutData must send it.
    MustPut,
    /// SQLPutData sent (part of) it; more pieces or SQLParamData.
    CanPut,
}

/// The value of the parameter being sent, as it arrives.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    null: bool,
    count: usize,
}

/// A statement waiting for data-at-execution values.
pub struct NeedData {
    statement: Arc<sql::Statement>,
    bindings: Vec<ParamBinding>,
    /// Every data-at-execution parameter as (parameter set, parameter index), in order.
    pending: Vec<(usize, usize)>,
    current: usize,
    phase: Phase,
    pieces: Pieces,
    sent: HashMap<(usize, usize), sql::Param>,
}

impl NeedData {
    pub fn new(
        statement: Arc<sql::Statement>,
        bindings: Vec<ParamBinding>,
        pending: Vec<(usize, usize)>,
    ) -> Self {
        NeedData {
            statement,
            bindings,
            pending,
            current: 0,
            phase: Phase::Started,
            pieces: Pieces::default(),
            sent: HashMap::new(),
        }
    }

    /// Converts the value sent for the current parameter.
    fn finish_current(&mut self) -> DriverResult<()> {
        let key = self.pending[self.current];
        let binding = self.bindings[key.1];
        let pieces = std::mem::take(&mut self.pieces);
        let value = if pieces.null {
            sql::Param::Null
        } else {
            let length = pieces.bytes.len() as isize;
            // The assembled value read as a bound buffer of one parameter set.
            let assembled = ParamBinding {
                value_ptr: pieces.bytes.as_ptr().cast(),
                buffer_length: length,
                str_len_or_ind_ptr: &length,
                bind_offset: 0,
                row_size: 0,
                ..binding
            };
            convert::read_param(&assembled, 0)?
        };
        self.sent.insert(key, value);
        Ok(())
    }
}

fn is_character_or_binary_sql(sql_type: i16) -> bool {
    matches!(
        sql_type,
        SQL_CHAR
            | SQL_VARCHAR
            | SQL_LONGVARCHAR
            | SQL_WCHAR
            | SQL_WVARCHAR
            | SQL_WLONGVARCHAR
            | SQL_BINARY
            | SQL_VARBINARY
            | SQL_LONGVARBINARY
    )
}

impl Pieces {
    /// Appends one SQLPutData call's data.
    fn append(&mut self, b: &ParamBinding, data: *const c_void, len: isize) -> DriverResult<()> {
        let concatenate_null = || {
            DriverError::new(
                "HY020",
                "attempt to concatenate a null value: SQL_NULL_DATA and data for one parameter",
            )
        };
        if len == SQL_NULL_DATA {
            if self.count > 0 {
                return Err(concatenate_null());
            }
            self.null = true;
            self.count = 1;
            return Ok(());
        }
        if self.null {
            return Err(concatenate_null());
        }
        if len == SQL_DEFAULT_PARAM {
            return Err(DriverError::new(
                "07S01",
                "invalid use of default parameter (SQL_DEFAULT_PARAM)",
            ));
        }
        let c_type = convert::resolved_c_type(b);
        let fixed = fixed_c_type_size(c_type);
        if self.count > 0 && (fixed.is_some() || !is_character_or_binary_sql(b.sql_type)) {
            return Err(DriverError::new(
                "HY019",
                "non-character and non-binary data sent in pieces",
            ));
        }
        let n = match fixed {
            // A fixed-size C type is sent whole; the length is ignored.
            Some(size) => size,
            None if len == SQL_NTS => match c_type {
                SQL_C_CHAR if !data.is_null() => unsafe { terminated_len(data.cast(), 1) },
                SQL_C_WCHAR if !data.is_null() => unsafe { terminated_len(data.cast(), 2) },
                SQL_C_CHAR | SQL_C_WCHAR => 0,
                _ => {
                    return Err(DriverError::new(
                        "HY090",
                        "invalid string or buffer length: SQL_NTS for binary data",
                    ))
                }
            },
            None if len < 0 => {
                return Err(DriverError::new(
                    "HY090",
                    format!("invalid string or buffer length {len}"),
                ))
            }
            None => len as usize,
        };
        if n > 0 && data.is_null() {
            return Err(DriverError::new("HY009", "invalid use of null pointer"));
        }
        if n > 0 {
            // SAFETY: the application passes `n` readable bytes at `data`.
            self.bytes
                .extend_from_slice(unsafe { std::slice::from_raw_parts(data.cast::<u8>(), n) });
        }
        self.count += 1;
        Ok(())
    }
}

/// Bytes before the NUL terminator of `unit` zero bytes.
///
/// # Safety
/// `ptr` must be NUL-terminated.
unsafe fn terminated_len(ptr: *const u8, unit: usize) -> usize {
    let mut n = 0;
    while (0..unit).any(|i| *ptr.add(n + i) != 0) {
        n += unit;
    }
    n
}

impl StmtState {
    /// Whether SQLExecute/SQLExecDirect returned SQL_NEED_DATA and the sequence is not over.
    pub fn needs_data(&self) -> bool {
        self.need_data.is_some()
    }

    /// HY010 while the statement waits for data-at-execution values.
    pub fn refuse_while_waiting(&self) -> DriverResult<()> {
        if self.needs_data() {
            return Err(DriverError::sequence(
                "the statement is waiting for data-at-execution values (SQLParamData/SQLPutData)",
            ));
        }
        Ok(())
    }

    /// Ends a data-at-execution sequence (SQLCancel, SQLFreeStmt(SQL_CLOSE)); whether there was one.
    pub fn cancel_need_data(&mut self) -> bool {
        self.need_data.take().is_some()
    }

    /// The data-at-execution parameters of every parameter set to run, in order.
    pub(crate) fn data_at_exec_params(&self, bindings: &[ParamBinding]) -> Vec<(usize, usize)> {
        let mut pending = Vec::new();
        for set in 0..self.param_set_size() {
            if self.set_ignored(set) {
                continue;
            }
            for (i, b) in bindings.iter().enumerate() {
                // An unreadable indicator is reported when the set runs.
                if convert::is_data_at_exec(b, set).unwrap_or(false) {
                    pending.push((set, i));
                }
            }
        }
        pending
    }

    /// SQLParamData: names the next parameter (its value address in
    /// `token`, SQL_NEED_DATA) or, after the last one, runs the statement.
    /// `token` is the application's output pointer (null is skipped).
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn param_data(
        &mut self,
        token: *mut *mut c_void,
        cancel: &CancelFlag,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        let Some(waiting) = self.need_data.as_mut() else {
            return Err(DriverError::sequence(
                "SQLParamData without a statement needing data",
            ));
        };
        let next = match waiting.phase {
            Phase::Started => 0,
            Phase::MustPut => {
                return Err(DriverError::sequence(
                    "SQLParamData before SQLPutData sent the parameter's value",
                ))
            }
            Phase::CanPut => {
                if let Err(e) = waiting.finish_current() {
                    self.need_data = None;
                    return Err(e);
                }
                waiting.current + 1
            }
        };
        if let Some(&(set, index)) = waiting.pending.get(next) {
            waiting.current = next;
            waiting.phase = Phase::MustPut;
            let address = convert::value_address(&waiting.bindings[index], set);
            unsafe { put(token, address) };
            return Ok(Done::NeedData);
        }
        let Some(done) = self.need_data.take() else {
            return Err(DriverError::sequence("no statement needing data"));
        };
        self.run_sets(&done.statement, &done.bindings, done.sent, cancel, w)
    }

    /// SQLPutData: (part of) the value of the parameter SQLParamData named.
    pub fn put_data(&mut self, data: *const c_void, len: isize) -> DriverResult<Done> {
        let Some(waiting) = self.need_data.as_mut() else {
            return Err(DriverError::sequence(
                "SQLPutData without a statement needing data",
            ));
        };
        if waiting.phase == Phase::Started {
            return Err(DriverError::sequence(
                "SQLPutData before SQLParamData named a parameter",
            ));
        }
        let binding = waiting.bindings[waiting.pending[waiting.current].1];
        match waiting.pieces.append(&binding, data, len) {
            Ok(()) => {
                waiting.phase = Phase::CanPut;
                Ok(Done::Ok)
            }
            Err(e) => {
                self.need_data = None;
                Err(e)
            }
        }
    }
}
