//! Bound parameters to [`Param`]: read the C value from the application's
//! buffer (column- or row-wise, with the bind offset), then convert it to
//! the declared SQL type ("Converting Data from C to SQL Data Types").

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use sql::Param;

use super::c_types::*;
use super::datetime::{self, Temporal};
use super::memory::{
    get, offset_ptr, DateStruct, Guid, NumericStruct, TimeStruct, TimestampStruct,
};
use super::number::{self, digit_count, Number};
use super::ParamBinding;
use crate::error::DriverError;

/// A value read from the application's buffer.
#[derive(Clone, Debug, PartialEq)]
enum CValue {
    Number(Number),
    Real(f32),
    Text(String),
    Binary(Vec<u8>),
    Date(NaiveDate),
    Time(NaiveTime),
    Timestamp(NaiveDateTime),
}

/// The C type SQL_C_DEFAULT means for a declared SQL type code.
pub fn default_c_type_for_sql_code(sql_type: i16) -> i16 {
    match sql_type {
        SQL_WCHAR | SQL_WVARCHAR | SQL_WLONGVARCHAR => SQL_C_WCHAR,
        SQL_BIT => SQL_C_BIT,
        SQL_TINYINT => SQL_C_STINYINT,
        SQL_SMALLINT => SQL_C_SSHORT,
        SQL_INTEGER => SQL_C_SLONG,
        SQL_BIGINT => SQL_C_SBIGINT,
        SQL_REAL => SQL_C_FLOAT,
        SQL_FLOAT | SQL_DOUBLE => SQL_C_DOUBLE,
        SQL_BINARY | SQL_VARBINARY | SQL_LONGVARBINARY => SQL_C_BINARY,
        SQL_TYPE_DATE | SQL_DATE => SQL_C_TYPE_DATE,
        SQL_TYPE_TIME | SQL_TIME => SQL_C_TYPE_TIME,
        SQL_TYPE_TIMESTAMP | SQL_TIMESTAMP => SQL_C_TYPE_TIMESTAMP,
        SQL_GUID => SQL_C_GUID,
        _ => SQL_C_CHAR,
    }
}

fn err(state: &'static str, message: impl Into<String>) -> DriverError {
    DriverError::new(state, message)
}

fn bad_address() -> DriverError {
    err(
        "HY090",
        "invalid string or buffer length: parameter address overflows",
    )
}

/// What the length/indicator says about the value.
enum Length {
    Null,
    Nts,
    Bytes(usize),
    DataAtExec,
}

/// The C type a binding's values are in (SQL_C_DEFAULT resolved).
pub fn resolved_c_type(b: &ParamBinding) -> i16 {
    match b.c_type {
        SQL_C_DEFAULT => default_c_type_for_sql_code(b.sql_type),
        other => other,
    }
}

/// Bytes between one row's value and the next.
fn element_size(b: &ParamBinding, c_type: i16) -> usize {
    fixed_c_type_size(c_type).unwrap_or(usize::try_from(b.buffer_length).unwrap_or(0))
}

/// `base` for parameter set `row`: row-wise (SQL_ATTR_PARAM_BIND_TYPE) or
/// column-wise (`column_stride`), plus the bind offset.
fn row_address(
    b: &ParamBinding,
    row: usize,
    base: *const std::ffi::c_void,
    column_stride: usize,
) -> Option<*const u8> {
    let stride = if b.row_size == 0 {
        column_stride
    } else {
        b.row_size
    };
    row.checked_mul(stride)
        .and_then(|o| o.checked_add(b.bind_offset))
        .and_then(|o| offset_ptr(base, o))
}

/// What parameter set `row`'s length/indicator says.
fn read_length(b: &ParamBinding, row: usize) -> Result<Length, DriverError> {
    if b.str_len_or_ind_ptr.is_null() {
        return Ok(Length::Nts);
    }
    let p = row_address(
        b,
        row,
        b.str_len_or_ind_ptr as *const _,
        std::mem::size_of::<isize>(),
    )
    .ok_or_else(bad_address)?;
    // SAFETY: the application's indicator array covers this row.
    Ok(match unsafe { get::<isize>(p) } {
        SQL_NULL_DATA => Length::Null,
        SQL_NTS => Length::Nts,
        SQL_DEFAULT_PARAM => {
            return Err(err(
                "07S01",
                "invalid use of default parameter (SQL_DEFAULT_PARAM)",
            ))
        }
        n if n == SQL_DATA_AT_EXEC || n <= SQL_LEN_DATA_AT_EXEC_OFFSET => Length::DataAtExec,
        n if n < 0 => return Err(err("HY090", format!("invalid string or buffer length {n}"))),
        n => Length::Bytes(n as usize),
    })
}

/// Whether parameter set `row` of a binding is sent at execution
/// (SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC(length)).
pub fn is_data_at_exec(b: &ParamBinding, row: usize) -> Result<bool, DriverError> {
    Ok(matches!(read_length(b, row)?, Length::DataAtExec))
}

/// What SQLParamData gives the application for a data-at-execution
/// parameter: the address of its value for this parameter set (the bound
/// ParameterValuePtr for a single set without a bind offset).
pub fn value_address(b: &ParamBinding, row: usize) -> *mut std::ffi::c_void {
    let element = element_size(b, resolved_c_type(b));
    row_address(b, row, b.value_ptr, element)
        .map_or(std::ptr::null_mut(), |p| p as *mut std::ffi::c_void)
}

pub fn read_param(b: &ParamBinding, row: usize) -> Result<Param, DriverError> {
    let c_type = resolved_c_type(b);
    if !is_known_c_type(c_type) {
        return Err(err(
            "HY003",
            format!("invalid application buffer type {c_type}"),
        ));
    }
    let element = element_size(b, c_type);
    let length = read_length(b, row)?;
    if matches!(length, Length::DataAtExec) {
        // Execution substitutes the values sent with SQLPutData first.
        return Err(DriverError::sequence(
            "a data-at-execution parameter has no value yet",
        ));
    }
    if matches!(length, Length::Null) {
        return Ok(Param::Null);
    }
    if b.value_ptr.is_null() {
        return Err(err(
            "HY009",
            "invalid use of null pointer: the parameter value pointer is null",
        ));
    }
    let ptr = row_address(b, row, b.value_ptr, element).ok_or_else(bad_address)?;
    // SAFETY: the application binds a buffer valid for this row's element.
    let (value, raw) = unsafe { read_c_value(c_type, ptr, &length, b.buffer_length)? };
    to_sql_type(value, raw, b)
}

/// Reads the C value at `ptr`; also returns its raw bytes (for binary targets).
///
/// # Safety
/// `ptr` must be valid for the C type's size, or for the given length / up
/// to the NUL terminator for character and binary types.
unsafe fn read_c_value(
    c_type: i16,
    ptr: *const u8,
    length: &Length,
    buffer_length: isize,
) -> Result<(CValue, Vec<u8>), DriverError> {
    let limit = usize::try_from(buffer_length).ok().filter(|&n| n > 0);
    let raw = |n: usize| std::slice::from_raw_parts(ptr, n).to_vec();
    let int = |v: i128| CValue::Number(Number::int(v));
    let fixed = |v: CValue| {
        let size = fixed_c_type_size(c_type).unwrap_or(0);
        Ok((v, raw(size)))
    };
    match c_type {
        SQL_C_CHAR => {
            let n = match length {
                Length::Bytes(n) => *n,
                _ => nul_position(ptr, 1, limit),
            };
            let bytes = raw(n);
            let text = String::from_utf8(bytes.clone()).map_err(|_| {
                err(
                    "22018",
                    "invalid character value: the SQL_C_CHAR parameter is not valid UTF-8",
                )
            })?;
            Ok((CValue::Text(text), bytes))
        }
        SQL_C_WCHAR => {
            let n = match length {
                Length::Bytes(n) => *n & !1,
                _ => nul_position(ptr, 2, limit),
            };
            let bytes = raw(n);
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_ne_bytes([c[0], c[1]]))
                .collect();
            let text = String::from_utf16(&units).map_err(|_| {
                err(
                    "22018",
                    "invalid character value: the SQL_C_WCHAR parameter is not valid UTF-16",
                )
            })?;
            Ok((CValue::Text(text), bytes))
        }
        SQL_C_BINARY => {
            let n = match (length, limit) {
                (Length::Bytes(n), _) => *n,
                (_, Some(n)) => n,
                _ => {
                    return Err(err(
                        "HY090",
                        "invalid string or buffer length: binary parameter without a length",
                    ))
                }
            };
            let bytes = raw(n);
            Ok((CValue::Binary(bytes.clone()), bytes))
        }
        SQL_C_BIT | SQL_C_UTINYINT => fixed(int(get::<u8>(ptr).into())),
        SQL_C_TINYINT | SQL_C_STINYINT => fixed(int(get::<i8>(ptr).into())),
        SQL_C_SHORT | SQL_C_SSHORT => fixed(int(get::<i16>(ptr).into())),
        SQL_C_USHORT => fixed(int(get::<u16>(ptr).into())),
        SQL_C_LONG | SQL_C_SLONG => fixed(int(get::<i32>(ptr).into())),
        SQL_C_ULONG => fixed(int(get::<u32>(ptr).into())),
        SQL_C_SBIGINT => fixed(int(get::<i64>(ptr).into())),
        SQL_C_UBIGINT => fixed(int(get::<u64>(ptr).into())),
        SQL_C_FLOAT => fixed(CValue::Real(get::<f32>(ptr))),
        SQL_C_DOUBLE => fixed(CValue::Number(Number::Approx(get::<f64>(ptr)))),
        SQL_C_NUMERIC => {
            let s = get::<NumericStruct>(ptr);
            let magnitude = i128::try_from(u128::from_le_bytes(s.val))
                .map_err(|_| number::out_of_range("the SQL_NUMERIC_STRUCT parameter"))?;
            let value = if s.sign == 0 { -magnitude } else { magnitude };
            fixed(CValue::Number(Number::decimal(value, s.scale)))
        }
        SQL_C_TYPE_DATE | SQL_C_DATE => {
            let d =
                datetime::from_date_struct(get::<DateStruct>(ptr)).ok_or_else(field_overflow)?;
            fixed(CValue::Date(d))
        }
        SQL_C_TYPE_TIME | SQL_C_TIME => {
            let t =
                datetime::from_time_struct(get::<TimeStruct>(ptr)).ok_or_else(field_overflow)?;
            fixed(CValue::Time(t))
        }
        SQL_C_TYPE_TIMESTAMP | SQL_C_TIMESTAMP => {
            let ts = datetime::from_timestamp_struct(get::<TimestampStruct>(ptr))
                .ok_or_else(field_overflow)?;
            fixed(CValue::Timestamp(ts))
        }
        SQL_C_GUID => {
            let g = get::<Guid>(ptr);
            let d = g.data4;
            let text = format!(
                "{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}",
                g.data1, g.data2, g.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
            );
            fixed(CValue::Text(text))
        }
        other => Err(err(
            "HY003",
            format!("invalid application buffer type {other}"),
        )),
    }
}

/// A date/time struct with an impossible field (month 13, hour 24): the
/// spec's "not a valid date/time" (22007).
fn field_overflow() -> DriverError {
    err(
        "22007",
        "invalid datetime format: the parameter's date/time struct has an invalid field",
    )
}

/// Bytes before the NUL terminator (of `unit` zero bytes), at most `limit`.
///
/// # Safety
/// `ptr` must be NUL-terminated or valid for `limit` bytes.
unsafe fn nul_position(ptr: *const u8, unit: usize, limit: Option<usize>) -> usize {
    let mut n = 0;
    loop {
        if limit.is_some_and(|l| n + unit > l) {
            return n;
        }
        if (0..unit).all(|i| *ptr.add(n + i) == 0) {
            return n;
        }
        n += unit;
    }
}

fn restricted(c: &CValue, sql_type: i16) -> DriverError {
    err(
        "07006",
        format!("restricted data type attribute violation: a {} parameter cannot be sent as SQL type {sql_type}", kind(c)),
    )
}

fn kind(c: &CValue) -> &'static str {
    match c {
        CValue::Number(_) | CValue::Real(_) => "numeric",
        CValue::Text(_) => "character",
        CValue::Binary(_) => "binary",
        CValue::Date(_) => "date",
        CValue::Time(_) => "time",
        CValue::Timestamp(_) => "timestamp",
    }
}

fn text_of(c: CValue) -> Result<String, DriverError> {
    Ok(match c {
        CValue::Number(n) => n.to_text(),
        CValue::Real(r) => number::real_text(r),
        CValue::Text(t) => t,
        CValue::Binary(b) => String::from_utf8(b).map_err(|_| {
            err(
                "22018",
                "invalid character value: binary parameter is not UTF-8 text",
            )
        })?,
        CValue::Date(d) => datetime::date_text(d),
        CValue::Time(t) => datetime::time_text(t),
        CValue::Timestamp(ts) => datetime::timestamp_text(ts),
    })
}

fn number_of(c: &CValue, sql_type: i16) -> Result<Number, DriverError> {
    match c {
        CValue::Number(n) => Ok(*n),
        // Through its short text: 0.1f32 stays 0.1.
        CValue::Real(r) => {
            Number::parse(&number::real_text(*r)).or(Ok(Number::Approx(f64::from(*r))))
        }
        CValue::Text(t) => Number::parse(t),
        other => Err(restricted(other, sql_type)),
    }
}

fn temporal_of(c: &CValue, sql_type: i16) -> Result<Temporal, DriverError> {
    match c {
        CValue::Date(d) => Ok(Temporal::Date(*d)),
        CValue::Time(t) => Ok(Temporal::Time(*t)),
        CValue::Timestamp(ts) => Ok(Temporal::Timestamp(*ts)),
        CValue::Text(t) => datetime::parse(t).ok_or_else(|| number::invalid_character(t)),
        other => Err(restricted(other, sql_type)),
    }
}

fn integer(n: Number, min: i128, max: i128, sql_type: i16) -> Result<i64, DriverError> {
    let c = n.to_integer(min, max, &format!("SQL type {sql_type}"))?;
    if c.fraction_lost {
        return Err(err(
            "22001",
            "string data, right truncated: the parameter's fractional digits would be lost",
        ));
    }
    i64::try_from(c.value).map_err(|_| number::out_of_range("BIGINT"))
}

fn decimal(n: Number) -> Result<Param, DriverError> {
    let exact = match n {
        Number::Approx(f) if !f.is_finite() => return Err(number::out_of_range("DECIMAL")),
        Number::Approx(f) => {
            Number::parse(&format!("{f}")).map_err(|_| number::out_of_range("DECIMAL"))?
        }
        exact => exact,
    };
    let Number::Exact { mantissa, scale } = exact else {
        return Err(number::out_of_range("DECIMAL"));
    };
    let digits = digit_count(mantissa.unsigned_abs())
        .max(u32::from(scale))
        .max(1);
    if digits > 38 {
        return Err(number::out_of_range("DECIMAL"));
    }
    Ok(Param::Decimal {
        value: mantissa,
        precision: digits as u8,
        scale: scale as i8,
    })
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let t = text.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    if t.len() % 2 != 0 || !t.is_ascii() {
        return None;
    }
    (0..t.len())
        .step_by(2)
        .map(|i| t.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// Converts the C value to the declared SQL type.
fn to_sql_type(c: CValue, raw: Vec<u8>, b: &ParamBinding) -> Result<Param, DriverError> {
    let t = b.sql_type;
    Ok(match t {
        SQL_CHAR | SQL_VARCHAR | SQL_LONGVARCHAR | SQL_WCHAR | SQL_WVARCHAR | SQL_WLONGVARCHAR | SQL_GUID => {
            Param::Text(text_of(c)?)
        }
        SQL_DECIMAL | SQL_NUMERIC => decimal(number_of(&c, t)?)?,
        SQL_BIT => {
            if let CValue::Text(s) = &c {
                match s.trim().to_ascii_lowercase().as_str() {
                    "true" => return Ok(Param::Bool(true)),
                    "false" => return Ok(Param::Bool(false)),
                    _ => {}
                }
            }
            Param::Bool(integer(number_of(&c, t)?, 0, 1, t)? == 1)
        }
        SQL_TINYINT => Param::Int(integer(number_of(&c, t)?, i8::MIN.into(), u8::MAX.into(), t)?),
        SQL_SMALLINT => Param::Int(integer(number_of(&c, t)?, i16::MIN.into(), i16::MAX.into(), t)?),
        SQL_INTEGER => Param::Int(integer(number_of(&c, t)?, i32::MIN.into(), i32::MAX.into(), t)?),
        SQL_BIGINT => Param::Int(integer(number_of(&c, t)?, i64::MIN.into(), i64::MAX.into(), t)?),
        SQL_REAL | SQL_FLOAT | SQL_DOUBLE => Param::Double(match c {
            CValue::Real(r) => f64::from(r),
            ref other => number_of(other, t)?.to_f64(),
        }),
        SQL_TYPE_DATE | SQL_DATE => match temporal_of(&c, t)? {
            Temporal::Date(d) => Param::Date(d),
            Temporal::Timestamp(ts) if ts.time() == NaiveTime::MIN => Param::Date(ts.date()),
            Temporal::Timestamp(_) => {
                return Err(err("22008", "datetime field overflow: the timestamp has a time part but the parameter is a DATE"))
            }
            Temporal::Time(_) => return Err(restricted(&c, t)),
        },
        SQL_TYPE_TIME | SQL_TIME => match temporal_of(&c, t)? {
            Temporal::Time(tm) => Param::Time(tm),
            Temporal::Timestamp(ts) if datetime::nanos(ts.time()) == 0 => Param::Time(ts.time()),
            Temporal::Timestamp(_) => {
                return Err(err("22008", "datetime field overflow: the timestamp has fractional seconds but the parameter is a TIME"))
            }
            Temporal::Date(_) => return Err(restricted(&c, t)),
        },
        SQL_TYPE_TIMESTAMP | SQL_TIMESTAMP => Param::Timestamp(match temporal_of(&c, t)? {
            Temporal::Timestamp(ts) => ts,
            Temporal::Date(d) => d.and_time(NaiveTime::MIN),
            Temporal::Time(tm) => datetime::today().and_time(tm),
        }),
        SQL_BINARY | SQL_VARBINARY | SQL_LONGVARBINARY => match c {
            CValue::Text(s) => Param::Binary(hex_decode(&s).ok_or_else(|| {
                err("22018", "invalid character value: a character parameter sent as binary must be hexadecimal")
            })?),
            _ => Param::Binary(raw),
        },
        // Undeclared or unknown SQL type: the C value as it is.
        _ => match c {
            CValue::Number(n @ Number::Exact { scale: 0, mantissa }) => match i64::try_from(mantissa) {
                Ok(v) => Param::Int(v),
                Err(_) => decimal(n)?,
            },
            CValue::Number(n @ Number::Exact { .. }) => decimal(n)?,
            CValue::Number(Number::Approx(f)) => Param::Double(f),
            CValue::Real(r) => Param::Double(f64::from(r)),
            CValue::Text(s) => Param::Text(s),
            CValue::Binary(bytes) => Param::Binary(bytes),
            CValue::Date(d) => Param::Date(d),
            CValue::Time(tm) => Param::Time(tm),
            CValue::Timestamp(ts) => Param::Timestamp(ts),
        },
    })
}
