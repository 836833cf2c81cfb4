//! Result cells to the application's C types (SQLBindCol, SQLGetData),
//! following the specification's "Converting Data from SQL to C Data
//! Types" tables.

use arrow_array::Array;
use chrono::NaiveTime;
use sql::SqlType;

use super::c_types::*;
use super::datetime::{self, Temporal};
use super::memory::{put_value, Guid, NumericStruct};
use super::number::{self, Number};
use super::pieces::{write_fixed, write_pieces, Layout};
use super::value::{self, Value};
use super::{default_c_type, AppBuffer, CellStatus, PieceState};
use crate::error::DriverError;

pub fn restricted(value: &Value<'_>, c_type: i16) -> DriverError {
    let what = match value {
        Value::Bool(_) => "BIT",
        Value::Number(_) | Value::Real(_) => "numeric",
        Value::Text(_) => "character",
        Value::Binary(_) => "binary",
        Value::Date(_) => "DATE",
        Value::Time(_) => "TIME",
        Value::Timestamp(_) => "TIMESTAMP",
    };
    DriverError::new(
        "07006",
        format!("restricted data type attribute violation: {what} data cannot be converted to C type {c_type}"),
    )
}

pub fn write_cell(
    array: &dyn Array,
    row: usize,
    sql_type: SqlType,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    if piece.done {
        return Ok(CellStatus::NoMoreData);
    }
    if row >= array.len() {
        return Err(DriverError::new(
            "HY000",
            format!("row {row} is beyond the {} rows of the batch", array.len()),
        ));
    }
    let c_type = match target.c_type {
        SQL_C_DEFAULT => default_c_type(sql_type),
        other => other,
    };
    let Some(value) = value::read(array, row)? else {
        if target.str_len_or_ind.is_null() {
            return Err(DriverError::new(
                "22002",
                "indicator variable required but not supplied (the value is NULL)",
            ));
        }
        // SAFETY: a non-null indicator pointer is the application's buffer.
        unsafe { super::memory::put(target.str_len_or_ind, SQL_NULL_DATA) };
        piece.done = true;
        return Ok(CellStatus::Ok);
    };
    match c_type {
        SQL_C_CHAR | SQL_C_WCHAR => write_text(&value, c_type, target, piece),
        SQL_C_BINARY => write_binary(&value, sql_type, target, piece),
        SQL_C_BIT => {
            let n = as_number(&value, c_type)?;
            let c = n.to_integer(0, 1, "SQL_C_BIT")?;
            // Spec: 0 < value < 2 other than 1 truncates; negative or >= 2 is 22003.
            if c.value == 0 && c.fraction_lost && n.to_f64() < 0.0 {
                return Err(number::out_of_range("SQL_C_BIT"));
            }
            Ok(fixed(1, c.fraction_lost, target, piece, |p| unsafe {
                put_value(p, c.value as u8)
            }))
        }
        SQL_C_TINYINT | SQL_C_STINYINT => write_int::<i8>(&value, c_type, target, piece),
        SQL_C_UTINYINT => write_int::<u8>(&value, c_type, target, piece),
        SQL_C_SHORT | SQL_C_SSHORT => write_int::<i16>(&value, c_type, target, piece),
        SQL_C_USHORT => write_int::<u16>(&value, c_type, target, piece),
        SQL_C_LONG | SQL_C_SLONG => write_int::<i32>(&value, c_type, target, piece),
        SQL_C_ULONG => write_int::<u32>(&value, c_type, target, piece),
        SQL_C_SBIGINT => write_int::<i64>(&value, c_type, target, piece),
        SQL_C_UBIGINT => write_int::<u64>(&value, c_type, target, piece),
        SQL_C_DOUBLE => {
            let f = as_number(&value, c_type)?.to_f64();
            Ok(fixed(8, false, target, piece, |p| unsafe {
                put_value(p, f)
            }))
        }
        SQL_C_FLOAT => {
            let f = match value {
                Value::Real(r) => r,
                _ => {
                    let d = as_number(&value, c_type)?.to_f64();
                    if d.is_finite() && d.abs() > f64::from(f32::MAX) {
                        return Err(number::out_of_range("SQL_C_FLOAT"));
                    }
                    d as f32
                }
            };
            Ok(fixed(4, false, target, piece, |p| unsafe {
                put_value(p, f)
            }))
        }
        SQL_C_NUMERIC => {
            let n = as_number(&value, c_type)?;
            let (precision, scale) = numeric_target(target, sql_type);
            let c = n.to_scaled(precision, scale, "SQL_C_NUMERIC")?;
            let s = NumericStruct {
                precision,
                scale,
                sign: u8::from(c.value >= 0),
                val: c.value.unsigned_abs().to_le_bytes(),
            };
            Ok(fixed(19, c.fraction_lost, target, piece, |p| unsafe {
                put_value(p, s)
            }))
        }
        SQL_C_TYPE_DATE | SQL_C_DATE => {
            let (ts, lost) = match temporal_of(&value, c_type)? {
                Temporal::Date(d) => (d, false),
                Temporal::Timestamp(ts) => (ts.date(), ts.time() != NaiveTime::MIN),
                Temporal::Time(_) => return Err(mismatch(&value, c_type)),
            };
            let s = datetime::date_struct(ts);
            Ok(fixed(6, lost, target, piece, |p| unsafe {
                put_value(p, s)
            }))
        }
        SQL_C_TYPE_TIME | SQL_C_TIME => {
            let t = match temporal_of(&value, c_type)? {
                Temporal::Time(t) => t,
                Temporal::Timestamp(ts) => ts.time(),
                Temporal::Date(_) => return Err(mismatch(&value, c_type)),
            };
            let s = datetime::time_struct(t);
            let lost = datetime::nanos(t) != 0;
            Ok(fixed(6, lost, target, piece, |p| unsafe {
                put_value(p, s)
            }))
        }
        SQL_C_TYPE_TIMESTAMP | SQL_C_TIMESTAMP => {
            let ts = match temporal_of(&value, c_type)? {
                Temporal::Timestamp(ts) => ts,
                Temporal::Date(d) => d.and_time(NaiveTime::MIN),
                Temporal::Time(t) => datetime::today().and_time(t),
            };
            let s = datetime::timestamp_struct(ts);
            Ok(fixed(16, false, target, piece, |p| unsafe {
                put_value(p, s)
            }))
        }
        SQL_C_GUID => {
            let Value::Text(text) = value else {
                return Err(restricted(&value, c_type));
            };
            let g = parse_guid(text).ok_or_else(|| number::invalid_character(text))?;
            Ok(fixed(16, false, target, piece, |p| unsafe {
                put_value(p, g)
            }))
        }
        other => Err(DriverError::new(
            "HY003",
            format!("invalid application buffer type {other}"),
        )),
    }
}

/// A date where a time is wanted or the reverse: text that is not the
/// wanted literal is 22018; a typed value is a restricted conversion.
fn mismatch(value: &Value<'_>, c_type: i16) -> DriverError {
    match value {
        Value::Text(t) => number::invalid_character(t),
        other => restricted(other, c_type),
    }
}

fn fixed(
    size: usize,
    fraction_lost: bool,
    target: &AppBuffer,
    piece: &mut PieceState,
    write: impl FnOnce(*mut std::ffi::c_void),
) -> CellStatus {
    let status = if fraction_lost {
        CellStatus::FractionalTruncation
    } else {
        CellStatus::Ok
    };
    write_fixed(size, status, target, piece, write)
}

/// Precision and scale for SQL_C_NUMERIC: the descriptor's when its
/// precision is set (1..=38); else the decimal column's own; else 38
/// digits with scale 0 (the specification's default).
fn numeric_target(target: &AppBuffer, sql_type: SqlType) -> (u8, i8) {
    let precision = u8::try_from(target.precision)
        .ok()
        .filter(|p| (1..=38).contains(p));
    let scale = i8::try_from(target.scale)
        .ok()
        .filter(|s| (-38..=38).contains(s));
    match (precision, sql_type) {
        (Some(p), _) => (p, scale.unwrap_or(0)),
        (None, SqlType::Decimal { precision, scale }) => (precision.clamp(1, 38), scale),
        (None, _) => (38, 0),
    }
}

/// The value as a number (text parsed, 22018 when not numeric).
fn as_number(value: &Value<'_>, c_type: i16) -> Result<Number, DriverError> {
    match *value {
        Value::Number(n) => Ok(n),
        Value::Real(r) => Ok(Number::Approx(f64::from(r))),
        Value::Bool(b) => Ok(Number::int(b.into())),
        Value::Text(t) => Number::parse(t),
        _ => Err(restricted(value, c_type)),
    }
}

fn temporal_of(value: &Value<'_>, c_type: i16) -> Result<Temporal, DriverError> {
    match *value {
        Value::Date(d) => Ok(Temporal::Date(d)),
        Value::Time(t) => Ok(Temporal::Time(t)),
        Value::Timestamp(ts) => Ok(Temporal::Timestamp(ts)),
        Value::Text(t) => datetime::parse(t).ok_or_else(|| {
            DriverError::new(
                "22018",
                format!("invalid character value for cast specification: '{}' is not a date, time or timestamp", t.chars().take(40).collect::<String>()),
            )
        }),
        _ => Err(restricted(value, c_type)),
    }
}

/// Integer C types: their range, their size, how they are stored.
trait CInt: Copy {
    const MIN: i128;
    const MAX: i128;
    fn from_i128(v: i128) -> Self;
}

macro_rules! c_int {
    ($($t:ty),*) => {$(
        impl CInt for $t {
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = <$t>::MAX as i128;
            fn from_i128(v: i128) -> Self {
                v as $t
            }
        }
    )*};
}
c_int!(i8, u8, i16, u16, i32, u32, i64, u64);

fn write_int<T: CInt>(
    value: &Value<'_>,
    c_type: i16,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    let c = as_number(value, c_type)?.to_integer(T::MIN, T::MAX, &format!("C type {c_type}"))?;
    let v = T::from_i128(c.value);
    Ok(fixed(
        std::mem::size_of::<T>(),
        c.fraction_lost,
        target,
        piece,
        |p| unsafe { put_value(p, v) },
    ))
}

/// The text form of a value and how many leading bytes must fit at once.
fn text_form(value: &Value<'_>) -> (String, usize) {
    match *value {
        Value::Bool(b) => (if b { "1" } else { "0" }.into(), 1),
        Value::Number(n) => {
            let t = n.to_text();
            let whole = Number::whole_text_len(&t);
            (t, whole)
        }
        Value::Real(r) => {
            let t = number::real_text(r);
            let whole = Number::whole_text_len(&t);
            (t, whole)
        }
        Value::Text(t) => (t.to_owned(), 0),
        Value::Binary(b) => (hex(b), 0),
        Value::Date(d) => (datetime::date_text(d), 10),
        Value::Time(t) => (datetime::time_text(t), 8),
        Value::Timestamp(ts) => (datetime::timestamp_text(ts), 19),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

fn utf16_bytes(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_ne_bytes).collect()
}

fn write_text(
    value: &Value<'_>,
    c_type: i16,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    // The common case (text fetched as SQL_C_CHAR) needs no copy.
    if let (Value::Text(t), SQL_C_CHAR) = (value, c_type) {
        return write_pieces(t.as_bytes(), Layout::Char, 0, target, piece);
    }
    let (text, min_first) = text_form(value);
    if c_type == SQL_C_WCHAR {
        // The significant prefix is ASCII: 2 bytes per character.
        write_pieces(
            &utf16_bytes(&text),
            Layout::WChar,
            min_first * 2,
            target,
            piece,
        )
    } else {
        write_pieces(text.as_bytes(), Layout::Char, min_first, target, piece)
    }
}

/// SQL_C_BINARY: text and binary in pieces (text as UTF-16 for the
/// Unicode SQL types, UTF-8 otherwise); other values as the bytes of their
/// C struct or number, which must fit whole (22003 otherwise).
fn write_binary(
    value: &Value<'_>,
    sql_type: SqlType,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    let bytes: Vec<u8> = match *value {
        Value::Text(t) => {
            return match sql_type {
                SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => {
                    write_pieces(&utf16_bytes(t), Layout::Binary, 0, target, piece)
                }
                _ => write_pieces(t.as_bytes(), Layout::Binary, 0, target, piece),
            };
        }
        Value::Binary(b) => return write_pieces(b, Layout::Binary, 0, target, piece),
        Value::Bool(b) => vec![u8::from(b)],
        Value::Real(r) => r.to_ne_bytes().to_vec(),
        Value::Number(n) => number_bytes(n, sql_type),
        Value::Date(d) => struct_bytes(datetime::date_struct(d)),
        Value::Time(t) => struct_bytes(datetime::time_struct(t)),
        Value::Timestamp(ts) => struct_bytes(datetime::timestamp_struct(ts)),
    };
    write_pieces(&bytes, Layout::Binary, bytes.len(), target, piece)
}

/// A number's bytes in the C type of its SQL type (NUMERIC struct for decimals).
fn number_bytes(n: Number, sql_type: SqlType) -> Vec<u8> {
    let int = |min: i128, max: i128| n.to_integer(min, max, "binary").ok().map(|c| c.value);
    let bytes = match sql_type {
        SqlType::TinyInt => {
            int(i8::MIN.into(), i8::MAX.into()).map(|v| (v as i8).to_ne_bytes().to_vec())
        }
        SqlType::SmallInt => {
            int(i16::MIN.into(), i16::MAX.into()).map(|v| (v as i16).to_ne_bytes().to_vec())
        }
        SqlType::Integer => {
            int(i32::MIN.into(), i32::MAX.into()).map(|v| (v as i32).to_ne_bytes().to_vec())
        }
        SqlType::BigInt | SqlType::Bit => {
            int(i64::MIN.into(), i64::MAX.into()).map(|v| (v as i64).to_ne_bytes().to_vec())
        }
        SqlType::Real => Some((n.to_f64() as f32).to_ne_bytes().to_vec()),
        SqlType::Decimal { precision, scale } => n
            .to_scaled(precision.clamp(1, 38), scale, "binary")
            .ok()
            .map(|c| {
                struct_bytes(NumericStruct {
                    precision: precision.clamp(1, 38),
                    scale,
                    sign: u8::from(c.value >= 0),
                    val: c.value.unsigned_abs().to_le_bytes(),
                })
            }),
        _ => None,
    };
    bytes.unwrap_or_else(|| n.to_f64().to_ne_bytes().to_vec())
}

/// The bytes of a padding-free `#[repr(C)]` struct.
fn struct_bytes<T: Copy>(value: T) -> Vec<u8> {
    let mut out = vec![0u8; std::mem::size_of::<T>()];
    // SAFETY: `out` holds exactly size_of::<T>() bytes.
    unsafe { put_value(out.as_mut_ptr() as *mut _, value) };
    out
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, braces allowed.
fn parse_guid(text: &str) -> Option<Guid> {
    let t = text.trim();
    let t = t
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(t);
    let parts: Vec<&str> = t.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if lens != [8, 4, 4, 4, 12] || !t.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()) {
        return None;
    }
    let tail = format!("{}{}", parts[3], parts[4]);
    let mut data4 = [0u8; 8];
    for (i, slot) in data4.iter_mut().enumerate() {
        *slot = u8::from_str_radix(tail.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(Guid {
        data1: u32::from_str_radix(parts[0], 16).ok()?,
        data2: u16::from_str_radix(parts[1], 16).ok()?,
        data3: u16::from_str_radix(parts[2], 16).ok()?,
        data4,
    })
}
