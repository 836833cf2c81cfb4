//! Descriptors (ARD, APD, IRD, IPD): the single source of truth for
//! bindings. SQLBindCol writes the ARD, SQLBindParameter the APD and IPD,
//! statement attributes like ROW_ARRAY_SIZE are header fields of them.

use std::ffi::c_void;

use sql::SqlType;

use crate::error::{DriverError, DriverResult};
use crate::odbc_type as ot;
use crate::sys::*;

/// Which of the four descriptors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescKind {
    Ard,
    Apd,
    Ird,
    Ipd,
}

impl DescKind {
    pub fn is_implementation(self) -> bool {
        matches!(self, DescKind::Ird | DescKind::Ipd)
    }
}

/// One record (a column or a parameter).
#[derive(Clone, Debug)]
pub struct DescRecord {
    pub concise_type: i16,
    pub verbose_type: i16,
    pub datetime_code: i16,
    pub length: u64,
    pub octet_length: isize,
    pub precision: i16,
    pub scale: i16,
    pub data_ptr: *mut c_void,
    pub indicator_ptr: *mut isize,
    pub octet_length_ptr: *mut isize,
    pub nullable: i16,
    pub name: String,
    pub parameter_type: i16,
    /// IRD/IPD: the SQL layer's type, for the fields derived from it.
    pub sql_type: Option<SqlType>,
    /// IRD: where the column comes from.
    pub base_table: Option<String>,
    pub base_column: Option<String>,
}

impl Default for DescRecord {
    fn default() -> Self {
        DescRecord {
            concise_type: SQL_C_DEFAULT,
            verbose_type: SQL_C_DEFAULT,
            datetime_code: 0,
            length: 0,
            octet_length: 0,
            precision: 0,
            scale: 0,
            data_ptr: std::ptr::null_mut(),
            indicator_ptr: std::ptr::null_mut(),
            octet_length_ptr: std::ptr::null_mut(),
            nullable: SQL_NULLABLE_UNKNOWN,
            name: String::new(),
            parameter_type: SQL_PARAM_INPUT,
            sql_type: None,
            base_table: None,
            base_column: None,
        }
    }
}

impl DescRecord {
    /// An implementation record describing a value of `sql_type`.
    pub fn implementation(sql_type: SqlType, name: &str, nullable: bool, odbc2: bool) -> Self {
        DescRecord {
            concise_type: ot::concise_type(&sql_type, odbc2),
            verbose_type: ot::verbose_type(&sql_type),
            datetime_code: ot::datetime_code(&sql_type).unwrap_or(0),
            length: ot::column_size(&sql_type) as u64,
            octet_length: ot::transfer_octet_length(&sql_type) as isize,
            precision: ot::desc_precision(&sql_type),
            scale: ot::desc_scale(&sql_type),
            nullable: if nullable { SQL_NULLABLE } else { SQL_NO_NULLS },
            name: name.to_owned(),
            sql_type: Some(sql_type),
            ..DescRecord::default()
        }
    }

    /// Sets the type through SQL_DESC_TYPE or SQL_DESC_CONCISE_TYPE, keeping
    /// the concise type, verbose type and datetime code consistent.
    pub fn set_type(&mut self, code: i16, concise: bool) {
        // SQL_DATETIME (verbose) and SQL_DATE (ODBC 2 concise) are both 9.
        let (verbose, dt) = match code {
            SQL_DATETIME if !concise => (SQL_DATETIME, self.datetime_code),
            SQL_TYPE_DATE | SQL_DATE => (SQL_DATETIME, SQL_CODE_DATE),
            SQL_TYPE_TIME | SQL_TIME => (SQL_DATETIME, SQL_CODE_TIME),
            SQL_TYPE_TIMESTAMP | SQL_TIMESTAMP => (SQL_DATETIME, SQL_CODE_TIMESTAMP),
            other => (other, 0),
        };
        self.verbose_type = verbose;
        self.datetime_code = dt;
        self.concise_type = if verbose == SQL_DATETIME {
            match dt {
                SQL_CODE_DATE => SQL_TYPE_DATE,
                SQL_CODE_TIME => SQL_TYPE_TIME,
                _ => SQL_TYPE_TIMESTAMP,
            }
        } else {
            code
        };
    }

    pub fn is_bound(&self) -> bool {
        !self.data_ptr.is_null()
    }
}

/// A descriptor's header and records (record 1 is `records[0]`; no bookmarks).
#[derive(Clone, Debug)]
pub struct Descriptor {
    pub kind: DescKind,
    pub alloc_type: i16,
    pub array_size: usize,
    pub array_status_ptr: *mut u16,
    pub bind_offset_ptr: *mut isize,
    pub bind_type: usize,
    pub rows_processed_ptr: *mut usize,
    pub records: Vec<DescRecord>,
}

// Raw application pointers travel with the handle; the application owns
// the memory and uses a handle from one thread at a time.
unsafe impl Send for Descriptor {}

impl Descriptor {
    pub fn new(kind: DescKind, alloc_type: i16) -> Self {
        Descriptor {
            kind,
            alloc_type,
            array_size: 1,
            array_status_ptr: std::ptr::null_mut(),
            bind_offset_ptr: std::ptr::null_mut(),
            bind_type: SQL_BIND_BY_COLUMN,
            rows_processed_ptr: std::ptr::null_mut(),
            records: Vec::new(),
        }
    }

    pub fn count(&self) -> usize {
        self.records.len()
    }

    /// The record `n` (1-based), created (with its predecessors) if missing.
    pub fn record_mut(&mut self, n: usize) -> &mut DescRecord {
        if self.records.len() < n {
            self.records.resize_with(n, DescRecord::default);
        }
        &mut self.records[n - 1]
    }

    pub fn record(&self, n: usize) -> Option<&DescRecord> {
        n.checked_sub(1).and_then(|i| self.records.get(i))
    }

    /// Drops trailing unbound records (after an unbind, COUNT is the highest bound record).
    pub fn trim_unbound(&mut self) {
        while self.records.last().is_some_and(|r| !r.is_bound()) {
            self.records.pop();
        }
    }

    /// SQLFreeStmt(SQL_UNBIND) / (SQL_RESET_PARAMS).
    pub fn unbind_all(&mut self) {
        self.records.clear();
    }

    /// The bind offset the application set (ROW/PARAM_BIND_OFFSET_PTR), or 0.
    pub fn bind_offset(&self) -> isize {
        if self.bind_offset_ptr.is_null() {
            0
        } else {
            unsafe { std::ptr::read_unaligned(self.bind_offset_ptr) }
        }
    }

    /// Reads a field (SQLGetDescField).
    pub fn get_field(&self, rec: i16, field: i16) -> DriverResult<FieldValue> {
        use FieldValue::*;
        match field {
            SQL_DESC_ALLOC_TYPE => return Ok(I16(self.alloc_type)),
            SQL_DESC_ARRAY_SIZE => return Ok(ULen(self.array_size)),
            SQL_DESC_ARRAY_STATUS_PTR => return Ok(Ptr(self.array_status_ptr.cast())),
            SQL_DESC_BIND_OFFSET_PTR => return Ok(Ptr(self.bind_offset_ptr.cast())),
            SQL_DESC_BIND_TYPE => return Ok(I32(self.bind_type as i32)),
            SQL_DESC_COUNT => return Ok(I16(self.count() as i16)),
            SQL_DESC_ROWS_PROCESSED_PTR => return Ok(Ptr(self.rows_processed_ptr.cast())),
            _ => {}
        }
        if rec < 1 {
            return Err(DriverError::new("07009", "invalid descriptor index"));
        }
        let Some(r) = self.record(rec as usize) else {
            return Err(DriverError::new("07009", "invalid descriptor index"));
        };
        let t = r.sql_type;
        let derived = |f: fn(&SqlType) -> FieldValue, default: FieldValue| {
            t.as_ref().map(f).unwrap_or(default)
        };
        Ok(match field {
            SQL_DESC_CONCISE_TYPE => I16(r.concise_type),
            SQL_DESC_TYPE => I16(r.verbose_type),
            SQL_DESC_DATETIME_INTERVAL_CODE => I16(r.datetime_code),
            SQL_DESC_DATETIME_INTERVAL_PRECISION => I32(0),
            SQL_DESC_LENGTH => ULen(r.length as usize),
            SQL_DESC_OCTET_LENGTH => Len(r.octet_length),
            SQL_DESC_PRECISION => I16(r.precision),
            SQL_DESC_SCALE => I16(r.scale),
            SQL_DESC_NULLABLE => I16(r.nullable),
            SQL_DESC_NAME | SQL_DESC_LABEL | SQL_DESC_BASE_COLUMN_NAME => {
                if field == SQL_DESC_BASE_COLUMN_NAME {
                    Str(r.base_column.clone().unwrap_or_default())
                } else {
                    Str(r.name.clone())
                }
            }
            SQL_DESC_UNNAMED => I16(if r.name.is_empty() { 1 } else { 0 }),
            SQL_DESC_DATA_PTR => Ptr(r.data_ptr),
            SQL_DESC_INDICATOR_PTR => Ptr(r.indicator_ptr.cast()),
            SQL_DESC_OCTET_LENGTH_PTR => Ptr(r.octet_length_ptr.cast()),
            SQL_DESC_PARAMETER_TYPE => I16(r.parameter_type),
            SQL_DESC_BASE_TABLE_NAME | SQL_DESC_TABLE_NAME => {
                Str(r.base_table.clone().unwrap_or_default())
            }
            SQL_DESC_SCHEMA_NAME | SQL_DESC_CATALOG_NAME => Str(String::new()),
            SQL_DESC_TYPE_NAME | SQL_DESC_LOCAL_TYPE_NAME => {
                derived(|t| Str(ot::type_name(t).to_owned()), Str(String::new()))
            }
            SQL_DESC_DISPLAY_SIZE => derived(|t| Len(ot::display_size(t) as isize), Len(0)),
            SQL_DESC_UNSIGNED => derived(|t| I16(ot::desc_unsigned(t) as i16), I16(0)),
            SQL_DESC_FIXED_PREC_SCALE | SQL_DESC_AUTO_UNIQUE_VALUE | SQL_DESC_ROWVER => I16(0),
            SQL_DESC_CASE_SENSITIVE => derived(|t| I16(ot::case_sensitive(t) as i16), I16(0)),
            SQL_DESC_SEARCHABLE => derived(|t| I16(ot::searchable(t)), I16(0)),
            SQL_DESC_UPDATABLE => I16(SQL_ATTR_READONLY as i16),
            SQL_DESC_NUM_PREC_RADIX => {
                derived(|t| I32(ot::num_prec_radix(t).map_or(0, i32::from)), I32(0))
            }
            SQL_DESC_LITERAL_PREFIX => derived(
                |t| Str(ot::literal_prefix(t).unwrap_or_default().into()),
                Str(String::new()),
            ),
            SQL_DESC_LITERAL_SUFFIX => derived(
                |t| Str(ot::literal_suffix(t).unwrap_or_default().into()),
                Str(String::new()),
            ),
            SQL_DESC_MAXIMUM_SCALE | SQL_DESC_MINIMUM_SCALE => I16(r.scale),
            _ => {
                return Err(DriverError::new(
                    "HY091",
                    "invalid descriptor field identifier",
                ))
            }
        })
    }

    /// Writes a field (SQLSetDescField); `value` is the integer or pointer
    /// the application passed (strings are handled by the caller).
    pub fn set_field(&mut self, rec: i16, field: i16, value: *mut c_void) -> DriverResult<()> {
        let int = value as isize;
        let header_writable_on_ird = matches!(
            field,
            SQL_DESC_ARRAY_STATUS_PTR | SQL_DESC_ROWS_PROCESSED_PTR
        );
        if self.kind == DescKind::Ird && !header_writable_on_ird {
            return Err(DriverError::new(
                "HY016",
                "cannot modify an implementation row descriptor",
            ));
        }
        match field {
            SQL_DESC_ARRAY_SIZE => {
                if int <= 0 {
                    return Err(DriverError::new(
                        "HY024",
                        "invalid attribute value: array size must be positive",
                    ));
                }
                self.array_size = int as usize;
                return Ok(());
            }
            SQL_DESC_ARRAY_STATUS_PTR => {
                self.array_status_ptr = value.cast();
                return Ok(());
            }
            SQL_DESC_BIND_OFFSET_PTR => {
                self.bind_offset_ptr = value.cast();
                return Ok(());
            }
            SQL_DESC_BIND_TYPE => {
                self.bind_type = int as usize;
                return Ok(());
            }
            SQL_DESC_ROWS_PROCESSED_PTR => {
                self.rows_processed_ptr = value.cast();
                return Ok(());
            }
            SQL_DESC_COUNT => {
                let n = usize::try_from(int)
                    .map_err(|_| DriverError::new("07009", "invalid descriptor index"))?;
                if n < self.records.len() {
                    self.records.truncate(n);
                } else if n > 0 {
                    self.record_mut(n);
                }
                return Ok(());
            }
            SQL_DESC_ALLOC_TYPE => {
                return Err(DriverError::new(
                    "HY091",
                    "SQL_DESC_ALLOC_TYPE is read-only",
                ))
            }
            _ => {}
        }
        if rec < 1 {
            return Err(DriverError::new("07009", "invalid descriptor index"));
        }
        let r = self.record_mut(rec as usize);
        match field {
            SQL_DESC_TYPE => r.set_type(int as i16, false),
            SQL_DESC_CONCISE_TYPE => r.set_type(int as i16, true),
            SQL_DESC_DATETIME_INTERVAL_CODE => {
                r.datetime_code = int as i16;
                if r.verbose_type == SQL_DATETIME {
                    r.set_type(SQL_DATETIME, false);
                }
            }
            SQL_DESC_LENGTH => r.length = int as u64,
            SQL_DESC_OCTET_LENGTH => r.octet_length = int,
            SQL_DESC_PRECISION => r.precision = int as i16,
            SQL_DESC_SCALE => r.scale = int as i16,
            SQL_DESC_DATA_PTR => r.data_ptr = value,
            SQL_DESC_INDICATOR_PTR => r.indicator_ptr = value.cast(),
            SQL_DESC_OCTET_LENGTH_PTR => r.octet_length_ptr = value.cast(),
            SQL_DESC_PARAMETER_TYPE => r.parameter_type = int as i16,
            SQL_DESC_NULLABLE
            | SQL_DESC_UNNAMED
            | SQL_DESC_DATETIME_INTERVAL_PRECISION
            | SQL_DESC_NUM_PREC_RADIX => {}
            _ => {
                return Err(DriverError::new(
                    "HY091",
                    "invalid descriptor field identifier",
                ))
            }
        }
        Ok(())
    }
}

/// A descriptor field's value, typed as the API reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    I16(i16),
    I32(i32),
    Len(isize),
    ULen(usize),
    Ptr(*mut c_void),
    Str(String),
}

pub use crate::convert::c_types::fixed_c_type_size;

/// Where element `row` of a binding lives: column-wise (bind_type 0)
/// elements step by `element_size`, row-wise by the row size; both shifted
/// by the bind offset. Indicators step by SQLLEN column-wise.
pub fn element_address(
    base: *mut c_void,
    row: usize,
    bind_type: usize,
    element_size: usize,
    offset: isize,
) -> *mut c_void {
    if base.is_null() {
        return base;
    }
    let stride = if bind_type == SQL_BIND_BY_COLUMN {
        element_size
    } else {
        bind_type
    };
    (base as *mut u8)
        .wrapping_offset(offset)
        .wrapping_add(row * stride)
        .cast()
}

/// Like [`element_address`] for the SQLLEN indicator and length arrays.
pub fn indicator_address(
    base: *mut isize,
    row: usize,
    bind_type: usize,
    offset: isize,
) -> *mut isize {
    element_address(
        base.cast(),
        row,
        bind_type,
        std::mem::size_of::<isize>(),
        offset,
    )
    .cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_fields_stay_consistent() {
        let mut d = Descriptor::new(DescKind::Ard, SQL_DESC_ALLOC_AUTO);
        d.set_field(
            2,
            SQL_DESC_CONCISE_TYPE,
            std::ptr::without_provenance_mut(SQL_TYPE_TIMESTAMP as usize),
        )
        .unwrap();
        assert_eq!(d.count(), 2);
        let r = d.record(2).unwrap();
        assert_eq!(
            (r.verbose_type, r.datetime_code),
            (SQL_DATETIME, SQL_CODE_TIMESTAMP)
        );
        d.set_field(
            1,
            SQL_DESC_TYPE,
            std::ptr::without_provenance_mut(SQL_DATETIME as usize),
        )
        .unwrap();
        d.set_field(
            1,
            SQL_DESC_DATETIME_INTERVAL_CODE,
            std::ptr::without_provenance_mut(SQL_CODE_DATE as usize),
        )
        .unwrap();
        assert_eq!(d.record(1).unwrap().concise_type, SQL_TYPE_DATE);
        assert_eq!(
            d.get_field(1, SQL_DESC_TYPE).unwrap(),
            FieldValue::I16(SQL_DATETIME)
        );
    }

    #[test]
    fn ird_is_read_only_except_status_pointers() {
        let mut d = Descriptor::new(DescKind::Ird, SQL_DESC_ALLOC_AUTO);
        d.records.push(DescRecord::implementation(
            SqlType::WVarchar { length: 10 },
            "name",
            true,
            false,
        ));
        assert_eq!(
            d.set_field(1, SQL_DESC_DATA_PTR, std::ptr::null_mut())
                .unwrap_err()
                .sqlstate,
            "HY016"
        );
        let mut rows = 0usize;
        d.set_field(
            0,
            SQL_DESC_ROWS_PROCESSED_PTR,
            (&mut rows as *mut usize).cast(),
        )
        .unwrap();
        assert_eq!(
            d.get_field(1, SQL_DESC_OCTET_LENGTH).unwrap(),
            FieldValue::Len(20)
        );
        assert_eq!(
            d.get_field(1, SQL_DESC_TYPE_NAME).unwrap(),
            FieldValue::Str("WVARCHAR".into())
        );
        assert_eq!(d.get_field(3, SQL_DESC_NAME).unwrap_err().sqlstate, "07009");
        assert_eq!(d.get_field(1, 9999).unwrap_err().sqlstate, "HY091");
    }

    #[test]
    fn count_and_unbinding() {
        let mut d = Descriptor::new(DescKind::Ard, SQL_DESC_ALLOC_AUTO);
        let mut x = 0i32;
        d.record_mut(1).data_ptr = (&mut x as *mut i32).cast();
        d.record_mut(3);
        d.trim_unbound();
        assert_eq!(d.count(), 1);
        assert_eq!(
            d.set_field(0, SQL_DESC_ARRAY_SIZE, std::ptr::null_mut())
                .unwrap_err()
                .sqlstate,
            "HY024"
        );
    }

    #[test]
    fn element_addresses_column_and_row_wise() {
        let base = 1000usize as *mut c_void;
        assert_eq!(element_address(base, 3, 0, 8, 0) as usize, 1024);
        assert_eq!(element_address(base, 3, 40, 8, 4) as usize, 1124);
        let ind = 2000usize as *mut isize;
        assert_eq!(indicator_address(ind, 2, 0, 0) as usize, 2016);
        assert_eq!(indicator_address(ind, 2, 40, 0) as usize, 2080);
        assert!(element_address(std::ptr::null_mut(), 5, 0, 8, 16).is_null());
    }
}
