//! ODBC codes and sizes of an [`SqlType`], as SQLColumns, SQLGetTypeInfo and
//! SQLSpecialColumns report them (the specification's appendix D).
//!
//! Provisional: `convert::c_types` (branch `driver-convert`) owns these
//! numbers for SQLDescribeCol / SQLColAttribute; once merged, these
//! functions delegate to it so that every metadata path agrees.

use sql::SqlType;

pub const SQL_WLONGVARCHAR: i16 = -10;
pub const SQL_WVARCHAR: i16 = -9;
pub const SQL_BIT: i16 = -7;
pub const SQL_TINYINT: i16 = -6;
pub const SQL_BIGINT: i16 = -5;
pub const SQL_VARBINARY: i16 = -3;
pub const SQL_LONGVARBINARY: i16 = -4;
pub const SQL_DECIMAL: i16 = 3;
pub const SQL_INTEGER: i16 = 4;
pub const SQL_SMALLINT: i16 = 5;
pub const SQL_REAL: i16 = 7;
pub const SQL_DOUBLE: i16 = 8;
pub const SQL_DATETIME: i16 = 9;
pub const SQL_VARCHAR: i16 = 12;
pub const SQL_TYPE_DATE: i16 = 91;
pub const SQL_TYPE_TIME: i16 = 92;
pub const SQL_TYPE_TIMESTAMP: i16 = 93;

/// The concise SQL data type (DATA_TYPE).
pub fn sql_data_type(t: &SqlType) -> i16 {
    match t {
        SqlType::Bit => SQL_BIT,
        SqlType::TinyInt => SQL_TINYINT,
        SqlType::SmallInt => SQL_SMALLINT,
        SqlType::Integer => SQL_INTEGER,
        SqlType::BigInt => SQL_BIGINT,
        SqlType::Real => SQL_REAL,
        SqlType::Double => SQL_DOUBLE,
        SqlType::Decimal { .. } => SQL_DECIMAL,
        SqlType::Varchar { .. } => SQL_VARCHAR,
        SqlType::WVarchar { .. } => SQL_WVARCHAR,
        SqlType::WLongVarchar { .. } => SQL_WLONGVARCHAR,
        SqlType::VarBinary { .. } => SQL_VARBINARY,
        SqlType::LongVarBinary { .. } => SQL_LONGVARBINARY,
        SqlType::Date => SQL_TYPE_DATE,
        SqlType::Time { .. } => SQL_TYPE_TIME,
        SqlType::Timestamp { .. } => SQL_TYPE_TIMESTAMP,
    }
}

/// The verbose type (SQL_DATA_TYPE): SQL_DATETIME for dates and times.
pub fn verbose_type(t: &SqlType) -> i16 {
    match t {
        SqlType::Date | SqlType::Time { .. } | SqlType::Timestamp { .. } => SQL_DATETIME,
        other => sql_data_type(other),
    }
}

/// SQL_DATETIME_SUB: SQL_CODE_DATE / TIME / TIMESTAMP, NULL otherwise.
pub fn datetime_sub(t: &SqlType) -> Option<i16> {
    match t {
        SqlType::Date => Some(1),
        SqlType::Time { .. } => Some(2),
        SqlType::Timestamp { .. } => Some(3),
        _ => None,
    }
}

/// Characters in `hh:mm:ss` or `yyyy-mm-dd hh:mm:ss`, plus the fraction.
fn with_fraction(base: i32, digits: u8) -> i32 {
    if digits == 0 {
        base
    } else {
        base + 1 + i32::from(digits)
    }
}

/// COLUMN_SIZE.
pub fn column_size(t: &SqlType) -> i32 {
    match *t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 3,
        SqlType::SmallInt => 5,
        SqlType::Integer => 10,
        SqlType::BigInt => 19,
        SqlType::Real => 7,
        SqlType::Double => 15,
        SqlType::Decimal { precision, .. } => i32::from(precision),
        SqlType::Varchar { length }
        | SqlType::WVarchar { length }
        | SqlType::WLongVarchar { length }
        | SqlType::VarBinary { length }
        | SqlType::LongVarBinary { length } => clamp(length),
        SqlType::Date => 10,
        SqlType::Time { fraction_digits } => with_fraction(8, fraction_digits),
        SqlType::Timestamp { fraction_digits } => with_fraction(19, fraction_digits),
    }
}

fn clamp(length: u32) -> i32 {
    i32::try_from(length).unwrap_or(i32::MAX)
}

/// DECIMAL_DIGITS: the scale, the fraction digits, 0 for integers, NULL
/// where it does not apply.
pub fn decimal_digits(t: &SqlType) -> Option<i16> {
    match *t {
        SqlType::Bit
        | SqlType::TinyInt
        | SqlType::SmallInt
        | SqlType::Integer
        | SqlType::BigInt => Some(0),
        SqlType::Decimal { scale, .. } => Some(i16::from(scale)),
        SqlType::Time { fraction_digits } | SqlType::Timestamp { fraction_digits } => {
            Some(i16::from(fraction_digits))
        }
        _ => None,
    }
}

/// NUM_PREC_RADIX: 10 for numbers (their sizes are decimal digits), NULL otherwise.
pub fn num_prec_radix(t: &SqlType) -> Option<i16> {
    match t {
        SqlType::TinyInt
        | SqlType::SmallInt
        | SqlType::Integer
        | SqlType::BigInt
        | SqlType::Real
        | SqlType::Double
        | SqlType::Decimal { .. } => Some(10),
        _ => None,
    }
}

/// BUFFER_LENGTH: bytes transferred to a buffer of the default C type.
pub fn buffer_length(t: &SqlType) -> i32 {
    match *t {
        SqlType::Bit | SqlType::TinyInt => 1,
        SqlType::SmallInt => 2,
        SqlType::Integer | SqlType::Real => 4,
        SqlType::BigInt | SqlType::Double => 8,
        // As text: digits, sign and decimal point.
        SqlType::Decimal { precision, .. } => i32::from(precision) + 2,
        SqlType::Date | SqlType::Time { .. } => 6,
        SqlType::Timestamp { .. } => 16,
        _ => char_octet_length(t).unwrap_or(0),
    }
}

/// CHAR_OCTET_LENGTH: bytes of a character or binary column (UTF-16 for
/// the W types), NULL for other types.
pub fn char_octet_length(t: &SqlType) -> Option<i32> {
    match *t {
        SqlType::Varchar { length } | SqlType::VarBinary { length } => Some(clamp(length)),
        SqlType::WVarchar { length } | SqlType::WLongVarchar { length } => {
            Some(clamp(length).saturating_mul(2))
        }
        _ => None,
    }
}
