//! SQLSetPos on the read-only, forward-only cursor: SQL_POSITION chooses
//! the row of the rowset SQLGetData reads; SQL_REFRESH positions too and
//! writes the row(s) into the bound buffers again (the data cannot change
//! under the cursor). Writes (SQL_UPDATE, SQL_DELETE, SQL_ADD) and locks
//! are not supported.

use crate::error::{DriverError, DriverResult};
use crate::fetch::no_cursor;
use crate::handles::{Done, Warnings};
use crate::statement::StmtState;
use crate::sys::*;

pub const SQL_POSITION: u16 = 0;
pub const SQL_REFRESH: u16 = 1;
pub const SQL_UPDATE: u16 = 2;
pub const SQL_DELETE: u16 = 3;
pub const SQL_ADD: u16 = 4;

pub const SQL_LOCK_NO_CHANGE: u16 = 0;
pub const SQL_LOCK_EXCLUSIVE: u16 = 1;
pub const SQL_LOCK_UNLOCK: u16 = 2;

impl StmtState {
    /// SQLSetPos. `row` is 1-based in the rowset; 0 means every row (not for SQL_POSITION).
    pub fn set_pos(
        &mut self,
        row: usize,
        operation: u16,
        lock: u16,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        self.refuse_while_waiting()?;
        match operation {
            SQL_POSITION | SQL_REFRESH => {}
            SQL_UPDATE | SQL_DELETE | SQL_ADD => {
                return Err(DriverError::not_supported(
                    "SQLSetPos updates, deletes and adds (the cursor is read-only)",
                ))
            }
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute/option identifier: operation {operation}"),
                ))
            }
        }
        match lock {
            SQL_LOCK_NO_CHANGE => {}
            SQL_LOCK_EXCLUSIVE | SQL_LOCK_UNLOCK => {
                return Err(DriverError::not_supported("row locks"))
            }
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute/option identifier: lock type {lock}"),
                ))
            }
        }
        if self.cursor.is_none() {
            return Err(no_cursor(self));
        }
        if self.rowset.is_empty() {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: no rowset (call SQLFetch or SQLFetchScroll first)",
            ));
        }
        if row > self.rowset.len() {
            return Err(DriverError::new(
                "HY107",
                format!(
                    "row value out of range: row {row} of a rowset of {}",
                    self.rowset.len()
                ),
            ));
        }
        if row == 0 && operation == SQL_POSITION {
            return Err(DriverError::new(
                "HY109",
                "invalid cursor position: SQL_POSITION needs a row number",
            ));
        }
        if row > 0 {
            self.current_row = row - 1;
            self.getdata = None;
        }
        if operation == SQL_REFRESH && self.attrs.retrieve_data == SQL_RD_ON {
            let only = row.checked_sub(1);
            let mut statuses = vec![SQL_ROW_SUCCESS; self.rowset.len()];
            let mut first_error = None;
            self.write_bound(only, &mut statuses, &mut first_error, w)?;
            if let Some(e) = first_error {
                return Err(e);
            }
        }
        Ok(Done::Ok)
    }
}
