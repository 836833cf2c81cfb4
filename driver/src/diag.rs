//! Diagnostic records of a handle (SQLGetDiagRec / SQLGetDiagField).
//!
//! Each handle owns one [`DiagArea`], cleared at the start of every call
//! except the diagnostic functions themselves.

use crate::error::DriverError;
use crate::sys::{SqlReturn, SQL_NO_COLUMN_NUMBER, SQL_NO_ROW_NUMBER};

/// The prefix ODBC wants on every message: the vendor and component.
pub const MESSAGE_PREFIX: &str = "[kintone-odbc]";

/// One diagnostic record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagRecord {
    pub sqlstate: &'static str,
    pub native_error: i32,
    /// The full message, prefix included.
    pub message: String,
    /// SQL_DIAG_ROW_NUMBER (1-based row in the rowset or parameter set) or -1.
    pub row_number: isize,
    /// SQL_DIAG_COLUMN_NUMBER or -1.
    pub column_number: isize,
}

impl DiagRecord {
    pub fn from_error(err: &DriverError) -> Self {
        DiagRecord {
            sqlstate: err.sqlstate,
            native_error: err.native_error,
            message: format!("{MESSAGE_PREFIX}{}", with_space(&err.message)),
            row_number: SQL_NO_ROW_NUMBER,
            column_number: SQL_NO_COLUMN_NUMBER,
        }
    }

    /// SQL_DIAG_CLASS_ORIGIN: ODBC's own classes (HY, IM) versus ISO SQL's.
    pub fn class_origin(&self) -> &'static str {
        if self.sqlstate.starts_with("HY") || self.sqlstate.starts_with("IM") {
            "ODBC 3.0"
        } else {
            "ISO 9075"
        }
    }

    /// SQL_DIAG_SUBCLASS_ORIGIN: subclasses ODBC defined (01S00, 08S01, 42S02...).
    pub fn subclass_origin(&self) -> &'static str {
        let odbc_subclass = self.sqlstate.as_bytes().get(2) == Some(&b'S');
        if odbc_subclass || self.class_origin() == "ODBC 3.0" {
            "ODBC 3.0"
        } else {
            "ISO 9075"
        }
    }
}

fn with_space(message: &str) -> String {
    if message.starts_with('[') {
        message.to_owned()
    } else {
        format!(" {message}")
    }
}

/// The diagnostics of one handle: the header and the records.
#[derive(Debug, Default)]
pub struct DiagArea {
    pub records: Vec<DiagRecord>,
    /// SQL_DIAG_RETURNCODE of the last call.
    pub return_code: SqlReturn,
    /// SQL_DIAG_ROW_COUNT: rows affected by the last statement.
    pub row_count: isize,
    /// SQL_DIAG_CURSOR_ROW_COUNT (unknown: 0).
    pub cursor_row_count: isize,
    /// SQL_DIAG_DYNAMIC_FUNCTION: the kind of the statement last run.
    pub dynamic_function: String,
}

impl DiagArea {
    pub fn clear(&mut self) {
        self.records.clear();
        self.return_code = 0;
    }

    pub fn push(&mut self, err: &DriverError) {
        self.records.push(DiagRecord::from_error(err));
    }

    pub fn push_at(&mut self, err: &DriverError, row: isize, column: isize) {
        let mut record = DiagRecord::from_error(err);
        record.row_number = row;
        record.column_number = column;
        self.records.push(record);
    }

    /// The record numbered `n` (1-based).
    pub fn record(&self, n: i16) -> Option<&DiagRecord> {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.records.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_the_prefix_and_origins_follow_the_state() {
        let rec = DiagRecord::from_error(&DriverError::new("42S02", "[Kintone] unknown table: x"));
        assert_eq!(rec.message, "[kintone-odbc][Kintone] unknown table: x");
        assert_eq!(rec.class_origin(), "ISO 9075");
        assert_eq!(rec.subclass_origin(), "ODBC 3.0");
        let rec = DiagRecord::from_error(&DriverError::new("HY010", "sequence"));
        assert_eq!(rec.message, "[kintone-odbc] sequence");
        assert_eq!(rec.class_origin(), "ODBC 3.0");
        let rec = DiagRecord::from_error(&DriverError::new("22003", "range"));
        assert_eq!(rec.subclass_origin(), "ISO 9075");
        let mut area = DiagArea::default();
        area.push(&DriverError::new("01004", "t"));
        assert!(area.record(1).is_some());
        assert!(area.record(0).is_none() && area.record(2).is_none());
    }
}
