//! Running statements: SQLPrepare, SQLExecute, SQLExecDirect, parameter
//! sets, and installing a result (a query's stream or a catalog result set)
//! as the statement's cursor with its IRD.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use crate::convert::{self, ParamBinding};
use crate::cursor::{Cursor, Source};
use crate::data_at_exec::NeedData;
use crate::desc::DescRecord;
use crate::error::{DriverError, DriverResult};
use crate::handles::{Done, Warnings};
use crate::runtime::{self, CancelFlag};
use crate::statement::StmtState;
use crate::sys::*;

/// Writes one entry of SQL_ATTR_PARAM_STATUS_PTR, when the application set it.
fn set_param_status(array: *mut u16, set: usize, status: u16) {
    if !array.is_null() {
        unsafe { std::ptr::write_unaligned(array.add(set), status) };
    }
}

/// A materialised result set (what the catalog functions give).
pub use crate::catalog_fns::ResultSet;

impl StmtState {
    fn fill_ird(&self, columns: &[sql::ResultColumn]) {
        let odbc2 = self.odbc2();
        let mut ird = self.ird().state.lock();
        ird.desc.records = columns
            .iter()
            .map(|c| {
                let mut rec = DescRecord::implementation(c.sql_type, &c.name, c.nullable, odbc2);
                rec.base_table = c.base_table.clone();
                rec.base_column = c.base_column.clone();
                rec
            })
            .collect();
    }

    /// SQLPrepare.
    pub fn prepare(&mut self, text: &str, cancel: &CancelFlag) -> DriverResult<()> {
        self.refuse_while_waiting()?;
        if self.cursor.is_some() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: a cursor is open",
            ));
        }
        let session = self.dbc().state.lock().session()?;
        self.reset_results();
        self.prepared = None;
        let timeout = self.timeout();
        let statement = runtime::run(
            async { session.prepare(text).await.map_err(DriverError::from) },
            Some(cancel),
            timeout,
        )?;
        self.fill_ird(statement.columns());
        let odbc2 = self.odbc2();
        {
            // The IPD describes the markers until the application binds them.
            let mut ipd = self.ipd().state.lock();
            for (i, p) in statement.parameters().iter().enumerate() {
                let rec = ipd.desc.record_mut(i + 1);
                if rec.sql_type.is_none() && rec.concise_type == SQL_C_DEFAULT {
                    *rec = DescRecord::implementation(p.sql_type, "", true, odbc2);
                }
            }
        }
        self.prepared = Some(Arc::new(statement));
        Ok(())
    }

    /// SQLExecute: one execution per parameter set. Data-at-execution
    /// parameters make it SQL_NEED_DATA; SQLParamData runs it once they are sent.
    pub fn execute(&mut self, cancel: &CancelFlag, w: &mut Warnings) -> DriverResult<Done> {
        self.refuse_while_waiting()?;
        let Some(statement) = self.prepared.clone() else {
            return Err(DriverError::sequence("SQLExecute without SQLPrepare"));
        };
        if self.cursor.is_some() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: a cursor is open",
            ));
        }
        self.reset_results();
        self.fill_ird(statement.columns());
        let bindings = self.param_bindings(statement.parameters().len())?;
        let pending = self.data_at_exec_params(&bindings);
        if !pending.is_empty() {
            self.need_data = Some(NeedData::new(statement, bindings, pending));
            return Ok(Done::NeedData);
        }
        self.run_sets(&statement, &bindings, HashMap::new(), cancel, w)
    }

    /// Whether parameter set `set` is marked SQL_PARAM_IGNORE in the operation array.
    pub(crate) fn set_ignored(&self, set: usize) -> bool {
        let operations = self.apd().state.lock().desc.array_status_ptr;
        !operations.is_null() && unsafe { std::ptr::read_unaligned(operations.add(set)) } == 1
    }

    pub(crate) fn param_set_size(&self) -> usize {
        self.apd().state.lock().desc.array_size.max(1)
    }

    /// Runs the statement once per parameter set, with `sent` (the
    /// data-at-execution values by (set, parameter index)) in place of the buffers.
    pub(crate) fn run_sets(
        &mut self,
        statement: &Arc<sql::Statement>,
        bindings: &[ParamBinding],
        mut sent: HashMap<(usize, usize), sql::Param>,
        cancel: &CancelFlag,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        let set_size = self.param_set_size();
        let (status_ptr, processed_ptr) = {
            let ipd = self.ipd().state.lock();
            (ipd.desc.array_status_ptr, ipd.desc.rows_processed_ptr)
        };
        unsafe { crate::encoding::put(processed_ptr, 0) };
        let options = sql::ExecOptions {
            max_rows: (self.attrs.max_rows > 0).then_some(self.attrs.max_rows as u64),
        };
        let timeout = self.timeout();
        let mut cursors = VecDeque::new();
        let mut affected: Option<u64> = None;
        let mut failures = Vec::new();
        for set in 0..set_size {
            if self.set_ignored(set) {
                set_param_status(status_ptr, set, SQL_PARAM_UNUSED);
                continue;
            }
            let params: DriverResult<Vec<sql::Param>> = bindings
                .iter()
                .enumerate()
                .map(|(i, b)| match sent.remove(&(set, i)) {
                    Some(value) => Ok(value),
                    None => convert::read_param(b, set),
                })
                .collect();
            let outcome = params.and_then(|params| {
                runtime::run(
                    async {
                        statement
                            .execute(&params, &options)
                            .await
                            .map_err(DriverError::from)
                    },
                    Some(cancel),
                    timeout,
                )
            });
            unsafe { crate::encoding::put(processed_ptr, set + 1) };
            match outcome {
                Ok(stream) => {
                    if let Some(n) = stream.rows_affected() {
                        *affected.get_or_insert(0) += n;
                    }
                    if !statement.columns().is_empty() {
                        cursors.push_back(Cursor::new(
                            statement.columns().to_vec(),
                            Source::Stream(stream),
                        ));
                    }
                    set_param_status(status_ptr, set, SQL_PARAM_SUCCESS);
                }
                Err(e) => {
                    if e.sqlstate == "HY008" {
                        return Err(e);
                    }
                    set_param_status(status_ptr, set, SQL_PARAM_ERROR);
                    failures.push((set, e));
                }
            }
        }
        self.executed = true;
        self.row_count = affected.map_or(-1, |n| n as isize);
        if let Some(rows) = affected.filter(|n| *n > 0) {
            self.dbc().state.lock().record_changes(rows);
        }
        if failures.len() == set_size {
            return Err(failures.swap_remove(0).1);
        }
        for (set, e) in failures {
            w.push_at(e, set as isize + 1, SQL_NO_COLUMN_NUMBER);
            w.row_errors += 1;
        }
        self.cursor = cursors.pop_front();
        self.more = cursors;
        Ok(Done::Ok)
    }

    /// The application's binding of each parameter (APD and IPD records).
    fn param_bindings(&self, n_params: usize) -> DriverResult<Vec<ParamBinding>> {
        let apd = self.apd().state.lock();
        let ipd = self.ipd().state.lock();
        (1..=n_params)
            .map(|i| {
                let app = apd
                    .desc
                    .record(i)
                    .filter(|r| r.is_bound() || !r.indicator_ptr.is_null());
                let Some(app) = app else {
                    return Err(DriverError::new(
                        "07002",
                        format!("COUNT field incorrect: parameter {i} is not bound"),
                    ));
                };
                let imp = ipd.desc.record(i).cloned().unwrap_or_default();
                Ok(ParamBinding {
                    c_type: app.concise_type,
                    sql_type: imp.concise_type,
                    column_size: imp.length,
                    decimal_digits: imp.scale,
                    value_ptr: app.data_ptr as *const _,
                    buffer_length: app.octet_length,
                    str_len_or_ind_ptr: app.indicator_ptr as *const isize,
                    bind_offset: apd.desc.bind_offset() as usize,
                    row_size: apd.desc.bind_type,
                })
            })
            .collect()
    }

    /// SQLExecDirect.
    pub fn exec_direct(
        &mut self,
        text: &str,
        cancel: &CancelFlag,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        self.refuse_while_waiting()?;
        self.prepare(text, cancel)?;
        self.execute(cancel, w)
    }

    /// Installs a catalog function's result set as the cursor.
    pub fn set_result_set(&mut self, result: ResultSet) -> DriverResult<Done> {
        self.refuse_while_waiting()?;
        if self.cursor.is_some() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: a cursor is open",
            ));
        }
        self.reset_results();
        self.prepared = None;
        self.fill_ird(&result.columns);
        self.cursor = Some(Cursor::new(
            result.columns,
            Source::Batches(result.batches.into()),
        ));
        self.executed = true;
        Ok(Done::Ok)
    }

    /// SQLMoreResults.
    pub fn more_results(&mut self) -> DriverResult<Done> {
        self.refuse_while_waiting()?;
        if !self.executed {
            return Err(DriverError::sequence("no statement executed"));
        }
        self.rowset = Default::default();
        self.getdata = None;
        self.rows_before = 0;
        match self.more.pop_front() {
            Some(next) => {
                self.cursor = Some(next);
                Ok(Done::Ok)
            }
            None => {
                self.cursor = None;
                Ok(Done::NoData)
            }
        }
    }
}
