//! One Arrow cell read as a value the conversions work on.

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::number::Number;
use crate::error::DriverError;

/// A non-NULL cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Bool(bool),
    Number(Number),
    /// REAL: kept as f32 so that its text is the short one.
    Real(f32),
    Text(&'a str),
    Binary(&'a [u8]),
    Date(NaiveDate),
    Time(NaiveTime),
    Timestamp(NaiveDateTime),
}

/// The key at `row` of a dictionary's keys (any integer type).
fn dictionary_key(keys: &dyn Array, row: usize) -> Option<usize> {
    let key: i128 = match keys.data_type() {
        DataType::Int8 => keys.as_primitive::<Int8Type>().value(row).into(),
        DataType::Int16 => keys.as_primitive::<Int16Type>().value(row).into(),
        DataType::Int32 => keys.as_primitive::<Int32Type>().value(row).into(),
        DataType::Int64 => keys.as_primitive::<Int64Type>().value(row).into(),
        DataType::UInt8 => keys.as_primitive::<UInt8Type>().value(row).into(),
        DataType::UInt16 => keys.as_primitive::<UInt16Type>().value(row).into(),
        DataType::UInt32 => keys.as_primitive::<UInt32Type>().value(row).into(),
        DataType::UInt64 => keys.as_primitive::<UInt64Type>().value(row).into(),
        _ => return None,
    };
    usize::try_from(key).ok()
}

fn unsupported(data_type: &DataType) -> DriverError {
    DriverError::new(
        "HY000",
        format!("cannot convert values of Arrow type {data_type}"),
    )
}

fn bad_temporal(data_type: &DataType) -> DriverError {
    DriverError::new("22007", format!("invalid {data_type} value"))
}

/// The value at `row`, `None` for NULL. `row` must be in bounds (checked
/// by the caller).
pub fn read(array: &dyn Array, row: usize) -> Result<Option<Value<'_>>, DriverError> {
    // `SELECT NULL` has the Null type, whose cells have no validity bitmap.
    if array.is_null(row) || array.data_type() == &DataType::Null {
        return Ok(None);
    }
    if let Some(dictionary) = array.as_any_dictionary_opt() {
        let values = dictionary.values();
        return match dictionary_key(dictionary.keys(), row) {
            Some(key) if key < values.len() => read(values.as_ref(), key),
            _ => Err(DriverError::new("HY000", "dictionary key out of range")),
        };
    }
    let int = |v: i128| Value::Number(Number::int(v));
    let dt = array.data_type();
    Ok(Some(match dt {
        DataType::Boolean => Value::Bool(array.as_boolean().value(row)),
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(row).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(row).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(row).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(row).into()),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(row).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(row).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(row).into()),
        DataType::UInt64 => int(array.as_primitive::<UInt64Type>().value(row).into()),
        DataType::Float32 => Value::Real(array.as_primitive::<Float32Type>().value(row)),
        DataType::Float64 => Value::Number(Number::Approx(
            array.as_primitive::<Float64Type>().value(row),
        )),
        DataType::Decimal32(_, s) => Value::Number(Number::decimal(
            array.as_primitive::<Decimal32Type>().value(row).into(),
            *s,
        )),
        DataType::Decimal64(_, s) => Value::Number(Number::decimal(
            array.as_primitive::<Decimal64Type>().value(row).into(),
            *s,
        )),
        DataType::Decimal128(_, s) => Value::Number(Number::decimal(
            array.as_primitive::<Decimal128Type>().value(row),
            *s,
        )),
        DataType::Utf8 => Value::Text(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => Value::Text(array.as_string::<i64>().value(row)),
        DataType::Utf8View => Value::Text(array.as_string_view().value(row)),
        DataType::Binary => Value::Binary(array.as_binary::<i32>().value(row)),
        DataType::LargeBinary => Value::Binary(array.as_binary::<i64>().value(row)),
        DataType::BinaryView => Value::Binary(array.as_binary_view().value(row)),
        DataType::FixedSizeBinary(_) => Value::Binary(array.as_fixed_size_binary().value(row)),
        DataType::Date32 => Value::Date(
            array
                .as_primitive::<Date32Type>()
                .value_as_date(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        DataType::Date64 => Value::Date(
            array
                .as_primitive::<Date64Type>()
                .value_as_date(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        DataType::Time32(TimeUnit::Second) => Value::Time(
            array
                .as_primitive::<Time32SecondType>()
                .value_as_time(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        DataType::Time32(TimeUnit::Millisecond) => Value::Time(
            array
                .as_primitive::<Time32MillisecondType>()
                .value_as_time(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        DataType::Time64(TimeUnit::Microsecond) => Value::Time(
            array
                .as_primitive::<Time64MicrosecondType>()
                .value_as_time(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        DataType::Time64(TimeUnit::Nanosecond) => Value::Time(
            array
                .as_primitive::<Time64NanosecondType>()
                .value_as_time(row)
                .ok_or_else(|| bad_temporal(dt))?,
        ),
        // Timestamps are UTC instants (or zone-less); shown as stored.
        DataType::Timestamp(unit, _) => {
            let ts = match unit {
                TimeUnit::Second => array
                    .as_primitive::<TimestampSecondType>()
                    .value_as_datetime(row),
                TimeUnit::Millisecond => array
                    .as_primitive::<TimestampMillisecondType>()
                    .value_as_datetime(row),
                TimeUnit::Microsecond => array
                    .as_primitive::<TimestampMicrosecondType>()
                    .value_as_datetime(row),
                TimeUnit::Nanosecond => array
                    .as_primitive::<TimestampNanosecondType>()
                    .value_as_datetime(row),
            };
            Value::Timestamp(ts.ok_or_else(|| bad_temporal(dt))?)
        }
        other => return Err(unsupported(other)),
    }))
}
