//! What ODBC reports about a column of a given [`SqlType`]: type codes,
//! column size, decimal digits, octet length, display size. Clients size
//! their buffers from these, so they are realistic and never zero.

use sql::SqlType;

use crate::sys::*;

/// The concise SQL type code (SQL_DESC_CONCISE_TYPE, SQLDescribeCol's DataType).
/// `odbc2` reports the ODBC 2 date/time codes (9, 10, 11) to ODBC 2 applications.
pub fn concise_type(t: &SqlType, odbc2: bool) -> i16 {
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
        SqlType::Date if odbc2 => SQL_DATE,
        SqlType::Time { .. } if odbc2 => SQL_TIME,
        SqlType::Timestamp { .. } if odbc2 => SQL_TIMESTAMP,
        SqlType::Date => SQL_TYPE_DATE,
        SqlType::Time { .. } => SQL_TYPE_TIME,
        SqlType::Timestamp { .. } => SQL_TYPE_TIMESTAMP,
    }
}

/// The verbose type (SQL_DESC_TYPE): SQL_DATETIME for the date/time types.
pub fn verbose_type(t: &SqlType) -> i16 {
    match t {
        SqlType::Date | SqlType::Time { .. } | SqlType::Timestamp { .. } => SQL_DATETIME,
        _ => concise_type(t, false),
    }
}

/// SQL_DESC_DATETIME_INTERVAL_CODE (0 for other types).
pub fn datetime_code(t: &SqlType) -> i16 {
    match t {
        SqlType::Date => SQL_CODE_DATE,
        SqlType::Time { .. } => SQL_CODE_TIME,
        SqlType::Timestamp { .. } => SQL_CODE_TIMESTAMP,
        _ => 0,
    }
}

fn fraction_width(digits: u8) -> u64 {
    if digits == 0 {
        0
    } else {
        1 + u64::from(digits)
    }
}

/// The column size (SQLDescribeCol's ColumnSize, SQL_DESC_LENGTH for text).
pub fn column_size(t: &SqlType) -> u64 {
    match *t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 3,
        SqlType::SmallInt => 5,
        SqlType::Integer => 10,
        SqlType::BigInt => 19,
        SqlType::Real => 7,
        SqlType::Double => 15,
        SqlType::Decimal { precision, .. } => u64::from(precision.max(1)),
        SqlType::Varchar { length }
        | SqlType::WVarchar { length }
        | SqlType::WLongVarchar { length }
        | SqlType::VarBinary { length }
        | SqlType::LongVarBinary { length } => u64::from(length.max(1)),
        SqlType::Date => 10,
        SqlType::Time { fraction_digits } => 8 + fraction_width(fraction_digits),
        SqlType::Timestamp { fraction_digits } => 19 + fraction_width(fraction_digits),
    }
}

/// The decimal digits (scale of decimals, fraction digits of times).
pub fn decimal_digits(t: &SqlType) -> i16 {
    match *t {
        SqlType::Decimal { scale, .. } => i16::from(scale),
        SqlType::Time { fraction_digits } | SqlType::Timestamp { fraction_digits } => {
            i16::from(fraction_digits)
        }
        _ => 0,
    }
}

/// SQL_DESC_OCTET_LENGTH: bytes to transfer a value in its default C type
/// (UTF-16 for the W types, so twice the length).
pub fn octet_length(t: &SqlType) -> i64 {
    match *t {
        SqlType::Bit | SqlType::TinyInt => 1,
        SqlType::SmallInt => 2,
        SqlType::Integer | SqlType::Real => 4,
        SqlType::BigInt | SqlType::Double => 8,
        SqlType::Decimal { precision, .. } => i64::from(precision.max(1)) + 2,
        SqlType::Varchar { length }
        | SqlType::VarBinary { length }
        | SqlType::LongVarBinary { length } => i64::from(length.max(1)),
        SqlType::WVarchar { length } | SqlType::WLongVarchar { length } => {
            2 * i64::from(length.max(1))
        }
        SqlType::Date | SqlType::Time { .. } => 6,
        SqlType::Timestamp { .. } => 16,
    }
}

/// SQL_DESC_DISPLAY_SIZE: characters needed to show any value.
pub fn display_size(t: &SqlType) -> i64 {
    match *t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 4,
        SqlType::SmallInt => 6,
        SqlType::Integer => 11,
        SqlType::BigInt => 20,
        SqlType::Real => 14,
        SqlType::Double => 24,
        SqlType::Decimal { precision, .. } => i64::from(precision.max(1)) + 2,
        SqlType::VarBinary { length } | SqlType::LongVarBinary { length } => {
            2 * i64::from(length.max(1))
        }
        _ => column_size(t) as i64,
    }
}

/// SQL_DESC_PRECISION: digits of numbers, fraction digits of times.
pub fn desc_precision(t: &SqlType) -> i16 {
    match t {
        SqlType::Date => 0,
        SqlType::Time { .. } | SqlType::Timestamp { .. } => decimal_digits(t),
        _ => i16::try_from(column_size(t)).unwrap_or(i16::MAX),
    }
}

/// SQL_DESC_NUM_PREC_RADIX: 10 for numbers (sizes are in decimal digits), else 0.
pub fn num_prec_radix(t: &SqlType) -> i32 {
    if is_numeric(t) {
        10
    } else {
        0
    }
}

pub fn is_numeric(t: &SqlType) -> bool {
    matches!(
        t,
        SqlType::Bit
            | SqlType::TinyInt
            | SqlType::SmallInt
            | SqlType::Integer
            | SqlType::BigInt
            | SqlType::Real
            | SqlType::Double
            | SqlType::Decimal { .. }
    )
}

pub fn is_character(t: &SqlType) -> bool {
    matches!(
        t,
        SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. }
    )
}

/// SQL_DESC_UNSIGNED: true for non-numeric types and BIT (as the spec says).
pub fn unsigned(t: &SqlType) -> bool {
    !is_numeric(t) || matches!(t, SqlType::Bit)
}

/// SQL_DESC_SEARCHABLE, as SQLGetTypeInfo reports it: text with every
/// predicate, other types (binary included) with all but LIKE.
pub fn searchable(t: &SqlType) -> i32 {
    if is_character(t) {
        SQL_PRED_SEARCHABLE
    } else {
        SQL_PRED_BASIC
    }
}

/// SQL_DESC_LITERAL_PREFIX / SUFFIX.
pub fn literal_affixes(t: &SqlType) -> (&'static str, &'static str) {
    match t {
        SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => {
            ("'", "'")
        }
        SqlType::VarBinary { .. } | SqlType::LongVarBinary { .. } => ("X'", "'"),
        SqlType::Date => ("DATE '", "'"),
        SqlType::Time { .. } => ("TIME '", "'"),
        SqlType::Timestamp { .. } => ("TIMESTAMP '", "'"),
        _ => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_realistic_and_non_zero() {
        let w = SqlType::WVarchar { length: 64 };
        assert_eq!(
            (column_size(&w), octet_length(&w), display_size(&w)),
            (64, 128, 64)
        );
        let d = SqlType::Decimal {
            precision: 19,
            scale: 4,
        };
        assert_eq!(
            (column_size(&d), decimal_digits(&d), octet_length(&d)),
            (19, 4, 21)
        );
        assert_eq!(column_size(&SqlType::Date), 10);
        assert_eq!(column_size(&SqlType::Time { fraction_digits: 0 }), 8);
        assert_eq!(column_size(&SqlType::Timestamp { fraction_digits: 0 }), 19);
        assert_eq!(column_size(&SqlType::Timestamp { fraction_digits: 3 }), 23);
        assert_eq!(
            (
                column_size(&SqlType::BigInt),
                display_size(&SqlType::BigInt)
            ),
            (19, 20)
        );
        assert_eq!(
            (
                column_size(&SqlType::Double),
                display_size(&SqlType::Double)
            ),
            (15, 24)
        );
        assert_eq!(column_size(&SqlType::WVarchar { length: 0 }), 1);
    }

    #[test]
    fn date_codes_follow_the_application_version() {
        assert_eq!(concise_type(&SqlType::Date, false), SQL_TYPE_DATE);
        assert_eq!(concise_type(&SqlType::Date, true), SQL_DATE);
        assert_eq!(
            verbose_type(&SqlType::Timestamp { fraction_digits: 0 }),
            SQL_DATETIME
        );
        assert_eq!(
            datetime_code(&SqlType::Timestamp { fraction_digits: 0 }),
            SQL_CODE_TIMESTAMP
        );
        assert_eq!(
            concise_type(&SqlType::WVarchar { length: 1 }, false),
            SQL_WVARCHAR
        );
    }
}
