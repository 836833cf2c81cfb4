//! The conversions the fetch and parameter paths call. They are
//! `crate::convert`'s (branch driver-convert); until that lands, this
//! interim fallback serves every column as text (SQL_C_CHAR / SQL_C_WCHAR,
//! in pieces) and reads text and integer parameters, so the vertical slice
//! (connect, execute, describe, fetch, SQLGetData as text) works. Other C
//! types answer 07006 (restricted data type attribute violation).

use std::ffi::c_void;

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use sql::SqlType;

use crate::encoding::put;
use crate::error::DriverError;
use crate::sys::*;

/// The application's buffer for one cell.
pub struct AppBuffer {
    pub c_type: i16,
    pub ptr: *mut c_void,
    pub buffer_length: isize,
    pub str_len_or_ind: *mut isize,
    pub octet_length: *mut isize,
    pub precision: i16,
    pub scale: i16,
}

/// What writing a cell did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    Ok,
    Truncated,
    FractionalTruncation,
    NoMoreData,
}

/// What SQLGetData already returned of the current cell.
#[derive(Default, Debug)]
pub struct PieceState {
    /// Bytes (of the cell's encoding) already returned.
    offset: usize,
    /// The whole value has been returned.
    done: bool,
}

/// An application's parameter binding.
pub struct ParamBinding {
    pub c_type: i16,
    pub sql_type: i16,
    pub column_size: u64,
    pub decimal_digits: i16,
    pub value_ptr: *const c_void,
    pub buffer_length: isize,
    pub str_len_or_ind_ptr: *const isize,
    pub bind_offset: usize,
    /// 0 = column-wise.
    pub row_size: usize,
}

/// The default C type of a column: text in this interim fallback.
pub fn default_c_type(_sql_type: SqlType) -> i16 {
    SQL_C_CHAR
}

fn text_of(array: &dyn Array, row: usize) -> String {
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_owned(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_owned(),
        DataType::Utf8View => array.as_string_view().value(row).to_owned(),
        DataType::Boolean => (array.as_boolean().value(row) as u8).to_string(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(row).to_string(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(row).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(row).to_string(),
        DataType::Float32 => array.as_primitive::<Float32Type>().value(row).to_string(),
        DataType::Float64 => array.as_primitive::<Float64Type>().value(row).to_string(),
        DataType::Decimal128(_, scale) => {
            let v = array.as_primitive::<Decimal128Type>().value(row);
            decimal_text(v, *scale)
        }
        DataType::Date32 => array
            .as_primitive::<Date32Type>()
            .value_as_date(row)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        DataType::Time64(TimeUnit::Microsecond) => array
            .as_primitive::<Time64MicrosecondType>()
            .value_as_time(row)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        DataType::Timestamp(TimeUnit::Microsecond, _) => array
            .as_primitive::<TimestampMicrosecondType>()
            .value_as_datetime(row)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S%.f").to_string())
            .unwrap_or_default(),
        other => format!("<{other}>"),
    }
}

fn decimal_text(value: i128, scale: i8) -> String {
    if scale <= 0 {
        return (value * 10i128.pow((-scale) as u32)).to_string();
    }
    let digits = value.unsigned_abs().to_string();
    let scale = scale as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{}{int}.{frac}", if value < 0 { "-" } else { "" })
}

/// Writes one cell into the application's buffer (text only, in pieces).
pub fn write_cell(
    array: &dyn Array,
    row: usize,
    _sql_type: SqlType,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    if piece.done {
        return Ok(CellStatus::NoMoreData);
    }
    if array.is_null(row) {
        if target.str_len_or_ind.is_null() {
            return Err(DriverError::new(
                "22002",
                "indicator variable required but not supplied",
            ));
        }
        unsafe { put(target.str_len_or_ind, SQL_NULL_DATA) };
        piece.done = true;
        return Ok(CellStatus::Ok);
    }
    let text = text_of(array, row);
    let units: Vec<u8> = match target.c_type {
        SQL_C_CHAR => text.into_bytes(),
        SQL_C_WCHAR => text.encode_utf16().flat_map(u16::to_ne_bytes).collect(),
        other => {
            return Err(DriverError::new(
                "07006",
                format!("restricted data type attribute violation: C type {other}"),
            ))
        }
    };
    let unit = if target.c_type == SQL_C_WCHAR { 2 } else { 1 };
    let rest = &units[piece.offset.min(units.len())..];
    let length = rest.len() as isize;
    unsafe {
        put(target.str_len_or_ind, length);
        if target.octet_length != target.str_len_or_ind {
            put(target.octet_length, length);
        }
    }
    let capacity = (target.buffer_length.max(0) as usize / unit) * unit;
    if target.ptr.is_null() || capacity < unit {
        return Ok(if rest.is_empty() {
            CellStatus::Ok
        } else {
            CellStatus::Truncated
        });
    }
    let mut n = rest.len().min(capacity - unit);
    // Never cut a UTF-8 sequence.
    while unit == 1 && n < rest.len() && n > 0 && (rest[n] & 0xC0) == 0x80 {
        n -= 1;
    }
    unsafe {
        std::ptr::copy_nonoverlapping(rest.as_ptr(), target.ptr as *mut u8, n);
        std::ptr::write_bytes((target.ptr as *mut u8).add(n), 0, unit);
    }
    piece.offset += n;
    if n < rest.len() {
        Ok(CellStatus::Truncated)
    } else {
        piece.done = true;
        Ok(CellStatus::Ok)
    }
}

/// Reads one parameter value of parameter set `row` (text and integers).
pub fn read_param(binding: &ParamBinding, row: usize) -> Result<sql::Param, DriverError> {
    let element = match binding.c_type {
        SQL_C_SLONG | SQL_C_LONG => 4,
        SQL_C_SBIGINT => 8,
        SQL_C_DOUBLE => 8,
        _ => binding.buffer_length.max(0) as usize,
    };
    let stride = |size: usize| {
        if binding.row_size == 0 {
            size
        } else {
            binding.row_size
        }
    };
    let ind_ptr = if binding.str_len_or_ind_ptr.is_null() {
        None
    } else {
        Some(unsafe {
            (binding.str_len_or_ind_ptr as *const u8).add(binding.bind_offset + row * stride(8))
                as *const isize
        })
    };
    let ind = ind_ptr.map(|p| unsafe { std::ptr::read_unaligned(p) });
    if ind == Some(SQL_NULL_DATA) {
        return Ok(sql::Param::Null);
    }
    if binding.value_ptr.is_null() {
        return Err(DriverError::new(
            "HY009",
            "invalid use of null pointer: parameter value",
        ));
    }
    let value = unsafe {
        (binding.value_ptr as *const u8).add(binding.bind_offset + row * stride(element))
    };
    unsafe {
        Ok(match binding.c_type {
            SQL_C_SLONG | SQL_C_LONG => {
                sql::Param::Int(std::ptr::read_unaligned(value as *const i32).into())
            }
            SQL_C_SBIGINT => sql::Param::Int(std::ptr::read_unaligned(value as *const i64)),
            SQL_C_DOUBLE => sql::Param::Double(std::ptr::read_unaligned(value as *const f64)),
            SQL_C_CHAR | SQL_C_WCHAR => {
                let len = match ind {
                    Some(n) if n >= 0 => n as usize,
                    _ => {
                        let unit = if binding.c_type == SQL_C_WCHAR { 2 } else { 1 };
                        let mut n = 0;
                        while (0..unit).any(|i| *value.add(n + i) != 0) {
                            n += unit;
                        }
                        n
                    }
                };
                let bytes = std::slice::from_raw_parts(value, len);
                if binding.c_type == SQL_C_CHAR {
                    sql::Param::Text(String::from_utf8_lossy(bytes).into_owned())
                } else {
                    let units: Vec<u16> = bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_ne_bytes([c[0], c[1]]))
                        .collect();
                    sql::Param::Text(String::from_utf16_lossy(&units))
                }
            }
            other => {
                return Err(DriverError::new(
                    "07006",
                    format!("restricted data type attribute violation: C type {other}"),
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_render_with_their_scale() {
        assert_eq!(decimal_text(125050, 2), "1250.50");
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(7, -2), "700");
    }
}
