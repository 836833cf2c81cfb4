//! Conversions between result cells / parameters and the application's C
//! buffers, as the ODBC specification's appendix D tables define them.
//!
//! * [`write_cell`]: one Arrow cell into an application buffer (SQLBindCol
//!   rowsets and SQLGetData, in pieces for text and binary).
//! * [`read_param`]: one bound parameter value into a [`sql::Param`].
//! * [`c_types`]: the type codes and the sizes columns report.

use std::ffi::c_void;

use arrow_array::Array;
use sql::SqlType;

use crate::error::DriverError;

pub mod c_types;
mod datetime;
pub mod memory;
mod number;
mod params;
mod pieces;
mod to_c;
mod value;

#[cfg(test)]
mod tests;

pub use memory::{DateStruct, Guid, NumericStruct, TimeStruct, TimestampStruct};

/// The application's buffer for one cell (an ARD record, or SQLGetData's
/// arguments), already offset for the row being written.
#[derive(Clone, Copy, Debug)]
pub struct AppBuffer {
    /// A SQL_C_* code (SQL_C_DEFAULT allowed; SQL_ARD_TYPE is resolved by the caller).
    pub c_type: i16,
    /// The data buffer; may be null (then only the length is returned).
    pub ptr: *mut c_void,
    /// Bytes available at `ptr` (character and binary types).
    pub buffer_length: isize,
    /// Receives SQL_NULL_DATA for NULL; the length too when it is also
    /// `octet_length` or `octet_length` is null.
    pub str_len_or_ind: *mut isize,
    /// Receives the length of a non-NULL value (may be null).
    pub octet_length: *mut isize,
    /// SQL_C_NUMERIC's precision and scale (SQL_DESC_PRECISION / SCALE).
    pub precision: i16,
    pub scale: i16,
}

/// What writing a cell did, beyond success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    Ok,
    /// 01004: string data, right truncated (more pieces remain).
    Truncated,
    /// 01S07: fractional truncation.
    FractionalTruncation,
    /// SQLGetData after the whole value was returned (SQL_NO_DATA).
    NoMoreData,
}

/// What SQLGetData already returned of the current cell; the caller
/// resets it (`PieceState::default()`) when the column or row changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PieceState {
    /// Bytes (in the C type's encoding) already returned.
    offset: usize,
    /// The whole value has been returned.
    done: bool,
}

impl PieceState {
    /// Whether the whole value has been returned.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

/// An application's parameter binding (APD and IPD records of one parameter).
#[derive(Clone, Copy, Debug)]
pub struct ParamBinding {
    /// SQL_C_* (SQL_C_DEFAULT allowed).
    pub c_type: i16,
    /// The SQL type the application declared (SQLBindParameter's ParameterType).
    pub sql_type: i16,
    pub column_size: u64,
    pub decimal_digits: i16,
    pub value_ptr: *const c_void,
    pub buffer_length: isize,
    pub str_len_or_ind_ptr: *const isize,
    /// SQL_ATTR_PARAM_BIND_OFFSET_PTR's value (bytes).
    pub bind_offset: usize,
    /// SQL_ATTR_PARAM_BIND_TYPE: 0 = column-wise, else the row size.
    pub row_size: usize,
}

/// Writes the cell at `row` of `array` (reported as `sql_type`) into
/// `target`. NULL gives SQL_NULL_DATA (22002 without an indicator);
/// text and binary continue from `piece` on repeated calls.
pub fn write_cell(
    array: &dyn Array,
    row: usize,
    sql_type: SqlType,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    to_c::write_cell(array, row, sql_type, target, piece)
}

/// The C type SQL_C_DEFAULT stands for (the specification's table).
pub fn default_c_type(sql_type: SqlType) -> i16 {
    use c_types::*;
    match sql_type {
        SqlType::Bit => SQL_C_BIT,
        SqlType::TinyInt => SQL_C_STINYINT,
        SqlType::SmallInt => SQL_C_SSHORT,
        SqlType::Integer => SQL_C_SLONG,
        SqlType::BigInt => SQL_C_SBIGINT,
        SqlType::Real => SQL_C_FLOAT,
        SqlType::Double => SQL_C_DOUBLE,
        SqlType::Decimal { .. } | SqlType::Varchar { .. } => SQL_C_CHAR,
        SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => SQL_C_WCHAR,
        SqlType::VarBinary { .. } | SqlType::LongVarBinary { .. } => SQL_C_BINARY,
        SqlType::Date => SQL_C_TYPE_DATE,
        SqlType::Time { .. } => SQL_C_TYPE_TIME,
        SqlType::Timestamp { .. } => SQL_C_TYPE_TIMESTAMP,
    }
}

/// Reads parameter set `row` of a binding as the value of its declared SQL type.
pub fn read_param(binding: &ParamBinding, row: usize) -> Result<sql::Param, DriverError> {
    params::read_param(binding, row)
}

pub use params::{default_c_type_for_sql_code, is_data_at_exec, resolved_c_type, value_address};
