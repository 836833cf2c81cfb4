//! Serving results: SQLFetch/SQLFetchScroll/SQLExtendedFetch into bound
//! buffers (column-wise or row-wise, with the bind offset), SQLGetData in
//! pieces, and the column descriptions of SQLDescribeCol/SQLColAttribute.

use crate::convert::{self, AppBuffer, CellStatus, PieceState};
use crate::cursor::Rowset;
use crate::desc::{element_address, fixed_c_type_size, indicator_address, FieldValue};
use crate::encoding::put;
use crate::error::{DriverError, DriverResult};
use crate::handles::{Done, Warnings};
use crate::odbc_type as ot;
use crate::runtime::CancelFlag;
use crate::statement::StmtState;
use crate::sys::*;

/// Where one fetch reports: the rowset size, the rows-fetched count and the row status array.
pub struct FetchTargets {
    pub array_size: usize,
    pub rows_fetched: *mut usize,
    pub row_status: *mut u16,
}

/// What SQLDescribeCol reports.
pub struct ColumnDescription {
    pub name: String,
    pub data_type: i16,
    pub column_size: u64,
    pub decimal_digits: i16,
    pub nullable: i16,
}

/// A value of SQLColAttribute.
#[derive(Clone, Debug, PartialEq)]
pub enum ColAttr {
    Num(isize),
    Str(String),
}

pub(crate) fn no_cursor(st: &StmtState) -> DriverError {
    if st.executed {
        DriverError::new("24000", "invalid cursor state: no result set")
    } else {
        DriverError::sequence("no statement executed")
    }
}

fn status_error(status: CellStatus, w: &mut Warnings, row: usize, col: usize) -> bool {
    let warning = match status {
        CellStatus::Truncated => DriverError::new("01004", "string data, right truncated"),
        CellStatus::FractionalTruncation => DriverError::new("01S07", "fractional truncation"),
        _ => return false,
    };
    w.push_at(warning, row as isize + 1, col as isize);
    true
}

impl StmtState {
    /// The fetch targets of SQLFetch and SQLFetchScroll (the ARD and IRD headers).
    pub fn fetch_targets(&self) -> FetchTargets {
        let array_size = self.ard().state.lock().desc.array_size.max(1);
        let ird = self.ird().state.lock();
        FetchTargets {
            array_size,
            rows_fetched: ird.desc.rows_processed_ptr,
            row_status: ird.desc.array_status_ptr,
        }
    }

    /// Fetches the next rowset into the bound columns.
    pub fn fetch(
        &mut self,
        targets: FetchTargets,
        cancel: &CancelFlag,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        let timeout = self.timeout();
        let Some(cursor) = self.cursor.as_mut() else {
            return Err(no_cursor(self));
        };
        let rows = cursor.next_rows(targets.array_size, cancel, timeout)?;
        self.rows_before += self.rowset.len();
        self.rowset = rows;
        self.getdata = None;
        self.current_row = 0;
        let n = self.rowset.len();
        unsafe { put(targets.rows_fetched, n) };
        if n == 0 {
            return Ok(Done::NoData);
        }
        let mut statuses = vec![SQL_ROW_SUCCESS; n];
        let mut first_error = None;
        if self.attrs.retrieve_data == SQL_RD_ON {
            self.write_bound(None, &mut statuses, &mut first_error, w)?;
        }
        if !targets.row_status.is_null() {
            for i in 0..targets.array_size {
                let status = statuses.get(i).copied().unwrap_or(SQL_ROW_NOROW);
                unsafe { put(targets.row_status.add(i), status) };
            }
        }
        if n == 1 && statuses[0] == SQL_ROW_ERROR {
            if let Some(e) = first_error {
                return Err(e);
            }
        }
        Ok(Done::Ok)
    }

    /// Writes the rowset (or only row `only`, 0-based) into the bound columns.
    pub(crate) fn write_bound(
        &self,
        only: Option<usize>,
        statuses: &mut [u16],
        first_error: &mut Option<DriverError>,
        w: &mut Warnings,
    ) -> DriverResult<()> {
        let Some(cursor) = &self.cursor else {
            return Ok(());
        };
        let ard = self.ard().state.lock();
        let offset = ard.desc.bind_offset();
        let bind_type = ard.desc.bind_type;
        for (index, rec) in ard.desc.records.iter().enumerate() {
            if !rec.is_bound() && rec.indicator_ptr.is_null() && rec.octet_length_ptr.is_null() {
                continue;
            }
            let col = index + 1;
            let Some(column) = cursor.columns.get(index) else {
                return Err(DriverError::new("07009", format!("invalid descriptor index: column {col} is bound but the result has {} columns", cursor.columns.len())));
            };
            let c_type = resolve_c_type(rec.concise_type, column.sql_type);
            let element = fixed_c_type_size(c_type).unwrap_or(rec.octet_length.max(0) as usize);
            for (i, batch, row) in self.rowset.rows() {
                if only.is_some_and(|o| o != i) {
                    continue;
                }
                let target = AppBuffer {
                    c_type,
                    ptr: element_address(rec.data_ptr, i, bind_type, element, offset),
                    buffer_length: rec.octet_length,
                    str_len_or_ind: indicator_address(rec.indicator_ptr, i, bind_type, offset),
                    octet_length: indicator_address(rec.octet_length_ptr, i, bind_type, offset),
                    precision: rec.precision,
                    scale: rec.scale,
                };
                let mut piece = PieceState::default();
                match convert::write_cell(
                    batch.column(index).as_ref(),
                    row,
                    column.sql_type,
                    &target,
                    &mut piece,
                ) {
                    Ok(status) => {
                        if status_error(status, w, i, col) && statuses[i] == SQL_ROW_SUCCESS {
                            statuses[i] = SQL_ROW_SUCCESS_WITH_INFO;
                        }
                    }
                    Err(e) => {
                        statuses[i] = SQL_ROW_ERROR;
                        if first_error.is_none() {
                            *first_error = Some(e.clone());
                        }
                        if self.rowset.len() > 1 {
                            w.push_at(e, i as isize + 1, col as isize);
                            w.row_errors += 1;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// SQLGetData on the current row (the first of the rowset, or the one SQLSetPos chose).
    pub fn get_data(
        &mut self,
        col: u16,
        c_type: i16,
        ptr: *mut std::ffi::c_void,
        buffer_length: isize,
        ind: *mut isize,
        w: &mut Warnings,
    ) -> DriverResult<Done> {
        let Some(cursor) = &self.cursor else {
            return Err(no_cursor(self));
        };
        let Some((batch, row)) = self
            .rowset
            .rows()
            .nth(self.current_row)
            .map(|(_, batch, row)| (batch.clone(), row))
        else {
            return Err(DriverError::new(
                "24000",
                "invalid cursor state: no current row (call SQLFetch first)",
            ));
        };
        if col == 0 || col as usize > cursor.columns.len() {
            return Err(DriverError::new(
                "07009",
                format!("invalid descriptor index {col}"),
            ));
        }
        if buffer_length < 0 {
            return Err(DriverError::new("HY090", "invalid string or buffer length"));
        }
        let column = &cursor.columns[col as usize - 1];
        let (mut c_type, mut precision, mut scale) = (c_type, 0i16, 0i16);
        if let (Some(p), s) = match column.sql_type {
            sql::SqlType::Decimal { precision, scale } => (Some(precision as i16), scale as i16),
            _ => (None, 0),
        } {
            precision = p;
            scale = s;
        }
        if c_type == SQL_ARD_TYPE {
            let ard = self.ard().state.lock();
            let rec = ard.desc.record(col as usize).ok_or_else(|| {
                DriverError::new(
                    "07009",
                    "SQL_ARD_TYPE without an ARD record for this column",
                )
            })?;
            c_type = rec.concise_type;
            precision = rec.precision;
            scale = rec.scale;
        }
        let c_type = resolve_c_type(c_type, column.sql_type);
        let target = AppBuffer {
            c_type,
            ptr,
            buffer_length,
            str_len_or_ind: ind,
            octet_length: std::ptr::null_mut(),
            precision,
            scale,
        };
        let piece = match &mut self.getdata {
            Some((c, piece)) if *c == col => piece,
            slot => &mut slot.insert((col, PieceState::default())).1,
        };
        let status = convert::write_cell(
            batch.column(col as usize - 1).as_ref(),
            row,
            column.sql_type,
            &target,
            piece,
        )?;
        if status == CellStatus::NoMoreData {
            return Ok(Done::NoData);
        }
        status_error(status, w, 0, col as usize);
        Ok(Done::Ok)
    }

    /// SQLNumResultCols.
    pub fn num_result_cols(&self) -> DriverResult<usize> {
        Ok(self.result_columns()?.len())
    }

    /// SQLDescribeCol.
    pub fn describe_col(&self, col: u16) -> DriverResult<ColumnDescription> {
        let columns = self.result_columns()?;
        let Some(c) = (col as usize).checked_sub(1).and_then(|i| columns.get(i)) else {
            return Err(DriverError::new(
                "07009",
                format!("invalid descriptor index {col}"),
            ));
        };
        Ok(ColumnDescription {
            name: c.name.clone(),
            data_type: ot::concise_type(&c.sql_type, self.odbc2()),
            column_size: ot::column_size(&c.sql_type) as u64,
            decimal_digits: ot::desc_scale(&c.sql_type),
            nullable: if c.nullable {
                SQL_NULLABLE
            } else {
                SQL_NO_NULLS
            },
        })
    }

    /// SQLColAttribute: the ODBC 3 fields and the ODBC 2 `SQL_COLUMN_*` ids.
    pub fn col_attribute(&self, col: u16, field: u16) -> DriverResult<ColAttr> {
        let columns = self.result_columns()?;
        let field = field as i16;
        if field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT {
            return Ok(ColAttr::Num(columns.len() as isize));
        }
        let Some(c) = (col as usize).checked_sub(1).and_then(|i| columns.get(i)) else {
            return Err(DriverError::new(
                "07009",
                format!("invalid descriptor index {col}"),
            ));
        };
        let t = &c.sql_type;
        let value = match field {
            SQL_COLUMN_NAME | SQL_DESC_NAME | SQL_DESC_LABEL => ColAttr::Str(c.name.clone()),
            SQL_COLUMN_LENGTH | SQL_DESC_OCTET_LENGTH => {
                ColAttr::Num(ot::transfer_octet_length(t) as isize)
            }
            SQL_COLUMN_PRECISION => ColAttr::Num(ot::column_size(t) as isize),
            SQL_COLUMN_SCALE | SQL_DESC_SCALE => ColAttr::Num(ot::desc_scale(t) as isize),
            SQL_COLUMN_NULLABLE | SQL_DESC_NULLABLE => ColAttr::Num(if c.nullable { 1 } else { 0 }),
            SQL_DESC_CONCISE_TYPE => ColAttr::Num(ot::concise_type(t, self.odbc2()) as isize),
            SQL_DESC_TYPE => ColAttr::Num(ot::verbose_type(t) as isize),
            SQL_DESC_LENGTH => ColAttr::Num(ot::column_size(t) as isize),
            SQL_DESC_PRECISION => ColAttr::Num(ot::desc_precision(t) as isize),
            // The table and column a plain column reference passes
            // through; empty for expressions, as the specification says.
            SQL_DESC_TABLE_NAME | SQL_DESC_BASE_TABLE_NAME => {
                ColAttr::Str(c.base_table.clone().unwrap_or_default())
            }
            SQL_DESC_BASE_COLUMN_NAME => ColAttr::Str(c.base_column.clone().unwrap_or_default()),
            SQL_DESC_UNNAMED => ColAttr::Num(0),
            _ => {
                let ird = self.ird().state.lock();
                match ird.desc.get_field(col as i16, field)? {
                    FieldValue::I16(v) => ColAttr::Num(v as isize),
                    FieldValue::I32(v) => ColAttr::Num(v as isize),
                    FieldValue::Len(v) => ColAttr::Num(v),
                    FieldValue::ULen(v) => ColAttr::Num(v as isize),
                    FieldValue::Str(s) => ColAttr::Str(s),
                    FieldValue::Ptr(_) => {
                        return Err(DriverError::new(
                            "HY091",
                            "invalid descriptor field identifier",
                        ))
                    }
                }
            }
        };
        Ok(value)
    }

    /// SQLRowCount.
    pub fn row_count(&self) -> DriverResult<isize> {
        if !self.executed {
            return Err(DriverError::sequence("no statement executed"));
        }
        Ok(self.row_count)
    }

    /// Rows of the rowset (for tests and SQL_ATTR_ROW_NUMBER).
    pub fn rowset(&self) -> &Rowset {
        &self.rowset
    }
}

/// SQL_C_DEFAULT means the column's default C type.
fn resolve_c_type(c_type: i16, sql_type: sql::SqlType) -> i16 {
    if c_type == SQL_C_DEFAULT {
        convert::default_c_type(sql_type)
    } else {
        c_type
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use sql::{ResultColumn, SqlType};

    use super::*;
    use crate::connection::{DbcHandle, DbcState};
    use crate::exec::ResultSet;
    use crate::handles::Handle;
    use crate::statement::{allocate_statement, free_statement};

    fn names(values: &[&str]) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![Field::new("name", DataType::Utf8, true)]));
        RecordBatch::try_new(schema, vec![Arc::new(StringArray::from(values.to_vec()))]).unwrap()
    }

    /// A statement whose cursor serves `batches` of one text column.
    fn statement_over(
        batches: Vec<RecordBatch>,
    ) -> (*mut DbcHandle, *mut crate::statement::StmtHandle) {
        let dbc = Handle::allocate(DbcState::new(std::ptr::null()));
        let stmt = allocate_statement(unsafe { &*dbc });
        let columns = vec![ResultColumn {
            name: "name".into(),
            sql_type: SqlType::WVarchar { length: 32 },
            nullable: true,
            base_table: None,
            base_column: None,
        }];
        unsafe { &*stmt }
            .state
            .lock()
            .set_result_set(ResultSet { columns, batches })
            .unwrap();
        (dbc, stmt)
    }

    fn release(dbc: *mut DbcHandle, stmt: *mut crate::statement::StmtHandle) {
        unsafe {
            free_statement(&*stmt);
            Handle::free(dbc);
        }
    }

    fn text(buf: &[u8]) -> &str {
        std::str::from_utf8(&buf[..buf.iter().position(|b| *b == 0).unwrap()]).unwrap()
    }

    #[test]
    fn column_wise_rowsets_span_batches_and_report_rows_and_statuses() {
        let (dbc, stmt) = statement_over(vec![names(&["a", "bb"]), names(&["ccc", "d", "e"])]);
        let handle = unsafe { &*stmt };
        let mut st = handle.state.lock();
        let mut data = [0u8; 3 * 8];
        let mut ind = [0isize; 3];
        let mut fetched = 0usize;
        let mut status = [99u16; 3];
        {
            let mut ard = st.ard().state.lock();
            ard.desc.array_size = 3;
            let rec = ard.desc.record_mut(1);
            rec.set_type(SQL_C_CHAR, true);
            rec.data_ptr = data.as_mut_ptr().cast();
            rec.octet_length = 8;
            rec.indicator_ptr = ind.as_mut_ptr();
            rec.octet_length_ptr = ind.as_mut_ptr();
        }
        {
            let mut ird = st.ird().state.lock();
            ird.desc.rows_processed_ptr = &mut fetched;
            ird.desc.array_status_ptr = status.as_mut_ptr();
        }
        let mut w = Warnings::default();
        let targets = st.fetch_targets();
        assert_eq!(st.fetch(targets, &handle.cancel, &mut w).unwrap(), Done::Ok);
        assert_eq!(fetched, 3);
        assert_eq!(
            [text(&data[..8]), text(&data[8..16]), text(&data[16..])],
            ["a", "bb", "ccc"]
        );
        assert_eq!(ind, [1, 2, 3]);
        assert_eq!(status, [SQL_ROW_SUCCESS; 3]);
        let targets = st.fetch_targets();
        assert_eq!(st.fetch(targets, &handle.cancel, &mut w).unwrap(), Done::Ok);
        assert_eq!(fetched, 2);
        assert_eq!(status, [SQL_ROW_SUCCESS, SQL_ROW_SUCCESS, SQL_ROW_NOROW]);
        assert_eq!(text(&data[8..16]), "e");
        let targets = st.fetch_targets();
        assert_eq!(
            st.fetch(targets, &handle.cancel, &mut w).unwrap(),
            Done::NoData
        );
        assert_eq!(fetched, 0);
        drop(st);
        release(dbc, stmt);
    }

    #[repr(C)]
    struct Row {
        ind: isize,
        name: [u8; 6],
    }

    #[test]
    fn row_wise_binding_with_a_bind_offset() {
        let (dbc, stmt) = statement_over(vec![names(&["x", "yy"])]);
        let handle = unsafe { &*stmt };
        let mut st = handle.state.lock();
        // Two spare rows before the array: the bind offset skips them.
        let mut rows: Vec<Row> = (0..4)
            .map(|_| Row {
                ind: 0,
                name: [0; 6],
            })
            .collect();
        let row_size = std::mem::size_of::<Row>();
        let mut offset = (2 * row_size) as isize;
        {
            let mut ard = st.ard().state.lock();
            ard.desc.array_size = 2;
            ard.desc.bind_type = row_size;
            ard.desc.bind_offset_ptr = &mut offset;
            let rec = ard.desc.record_mut(1);
            rec.set_type(SQL_C_CHAR, true);
            rec.data_ptr = rows[0].name.as_mut_ptr().cast();
            rec.octet_length = 6;
            rec.indicator_ptr = &mut rows[0].ind;
            rec.octet_length_ptr = &mut rows[0].ind;
        }
        let mut w = Warnings::default();
        let targets = st.fetch_targets();
        assert_eq!(st.fetch(targets, &handle.cancel, &mut w).unwrap(), Done::Ok);
        assert_eq!(
            (rows[0].ind, rows[1].ind),
            (0, 0),
            "the offset rows are untouched"
        );
        assert_eq!((text(&rows[2].name), rows[2].ind), ("x", 1));
        assert_eq!((text(&rows[3].name), rows[3].ind), ("yy", 2));
        drop(st);
        release(dbc, stmt);
    }

    #[test]
    fn get_data_in_pieces_then_no_data_and_column_errors() {
        let (dbc, stmt) = statement_over(vec![names(&["Acme Corp"])]);
        let handle = unsafe { &*stmt };
        let mut st = handle.state.lock();
        let mut w = Warnings::default();
        let mut buf = [0u8; 5];
        let mut ind = 0isize;
        assert_eq!(
            st.get_data(1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 5, &mut ind, &mut w)
                .unwrap_err()
                .sqlstate,
            "24000",
            "no row fetched yet"
        );
        let targets = st.fetch_targets();
        st.fetch(targets, &handle.cancel, &mut w).unwrap();
        assert_eq!(
            st.get_data(1, SQL_C_CHAR, buf.as_mut_ptr().cast(), 5, &mut ind, &mut w)
                .unwrap(),
            Done::Ok
        );
        assert!(!w.is_empty(), "01004 on the first piece");
        assert_eq!((text(&buf), ind), ("Acme", 9));
        let mut rest = [0u8; 16];
        assert_eq!(
            st.get_data(
                1,
                SQL_C_CHAR,
                rest.as_mut_ptr().cast(),
                16,
                &mut ind,
                &mut w
            )
            .unwrap(),
            Done::Ok
        );
        assert_eq!((text(&rest), ind), (" Corp", 5));
        assert_eq!(
            st.get_data(
                1,
                SQL_C_CHAR,
                rest.as_mut_ptr().cast(),
                16,
                &mut ind,
                &mut w
            )
            .unwrap(),
            Done::NoData
        );
        assert_eq!(
            st.get_data(
                2,
                SQL_C_CHAR,
                rest.as_mut_ptr().cast(),
                16,
                &mut ind,
                &mut w
            )
            .unwrap_err()
            .sqlstate,
            "07009"
        );
        assert_eq!(
            st.get_data(
                0,
                SQL_C_CHAR,
                rest.as_mut_ptr().cast(),
                16,
                &mut ind,
                &mut w
            )
            .unwrap_err()
            .sqlstate,
            "07009"
        );
        assert_eq!(
            st.col_attribute(1, SQL_DESC_OCTET_LENGTH as u16).unwrap(),
            ColAttr::Num(64)
        );
        assert_eq!(
            st.col_attribute(1, SQL_COLUMN_NAME as u16).unwrap(),
            ColAttr::Str("name".into())
        );
        assert_eq!(
            st.col_attribute(2, SQL_DESC_CONCISE_TYPE as u16)
                .unwrap_err()
                .sqlstate,
            "07009"
        );
        drop(st);
        release(dbc, stmt);
    }
}
