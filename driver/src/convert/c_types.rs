//! ODBC type codes (C and SQL) and the sizes a column of an [`SqlType`]
//! reports through SQLDescribeCol, SQLColAttribute and SQLColumns. Every
//! metadata path takes its numbers from here so that they agree.

use sql::SqlType;

// C data types (sqlext.h).
pub const SQL_C_CHAR: i16 = 1;
pub const SQL_C_WCHAR: i16 = -8;
pub const SQL_C_BINARY: i16 = -2;
pub const SQL_C_BIT: i16 = -7;
pub const SQL_C_TINYINT: i16 = -6;
pub const SQL_C_STINYINT: i16 = -26;
pub const SQL_C_UTINYINT: i16 = -28;
pub const SQL_C_SHORT: i16 = 5;
pub const SQL_C_SSHORT: i16 = -15;
pub const SQL_C_USHORT: i16 = -17;
pub const SQL_C_LONG: i16 = 4;
pub const SQL_C_SLONG: i16 = -16;
pub const SQL_C_ULONG: i16 = -18;
pub const SQL_C_SBIGINT: i16 = -25;
pub const SQL_C_UBIGINT: i16 = -27;
pub const SQL_C_FLOAT: i16 = 7;
pub const SQL_C_DOUBLE: i16 = 8;
pub const SQL_C_NUMERIC: i16 = 2;
pub const SQL_C_TYPE_DATE: i16 = 91;
pub const SQL_C_TYPE_TIME: i16 = 92;
pub const SQL_C_TYPE_TIMESTAMP: i16 = 93;
/// ODBC 2 codes, still sent by ODBC 2 applications and some tools.
pub const SQL_C_DATE: i16 = 9;
pub const SQL_C_TIME: i16 = 10;
pub const SQL_C_TIMESTAMP: i16 = 11;
pub const SQL_C_DEFAULT: i16 = 99;
pub const SQL_ARD_TYPE: i16 = -99;
pub const SQL_APD_TYPE: i16 = -100;
pub const SQL_C_GUID: i16 = -11;

// SQL data types (sql.h, sqlext.h).
pub const SQL_UNKNOWN_TYPE: i16 = 0;
pub const SQL_CHAR: i16 = 1;
pub const SQL_NUMERIC: i16 = 2;
pub const SQL_DECIMAL: i16 = 3;
pub const SQL_INTEGER: i16 = 4;
pub const SQL_SMALLINT: i16 = 5;
pub const SQL_FLOAT: i16 = 6;
pub const SQL_REAL: i16 = 7;
pub const SQL_DOUBLE: i16 = 8;
/// Verbose type of dates and times (SQL_DESC_TYPE); also ODBC 2's SQL_DATE.
pub const SQL_DATETIME: i16 = 9;
pub const SQL_DATE: i16 = 9;
pub const SQL_TIME: i16 = 10;
pub const SQL_TIMESTAMP: i16 = 11;
pub const SQL_VARCHAR: i16 = 12;
pub const SQL_TYPE_DATE: i16 = 91;
pub const SQL_TYPE_TIME: i16 = 92;
pub const SQL_TYPE_TIMESTAMP: i16 = 93;
pub const SQL_LONGVARCHAR: i16 = -1;
pub const SQL_BINARY: i16 = -2;
pub const SQL_VARBINARY: i16 = -3;
pub const SQL_LONGVARBINARY: i16 = -4;
pub const SQL_BIGINT: i16 = -5;
pub const SQL_TINYINT: i16 = -6;
pub const SQL_BIT: i16 = -7;
pub const SQL_WCHAR: i16 = -8;
pub const SQL_WVARCHAR: i16 = -9;
pub const SQL_WLONGVARCHAR: i16 = -10;
pub const SQL_GUID: i16 = -11;

// SQL_DESC_DATETIME_INTERVAL_CODE of dates and times.
pub const SQL_CODE_DATE: i16 = 1;
pub const SQL_CODE_TIME: i16 = 2;
pub const SQL_CODE_TIMESTAMP: i16 = 3;

// Length and indicator values.
pub const SQL_NULL_DATA: isize = -1;
pub const SQL_DATA_AT_EXEC: isize = -2;
pub const SQL_NTS: isize = -3;
pub const SQL_NO_TOTAL: isize = -4;
pub const SQL_DEFAULT_PARAM: isize = -5;
/// `SQL_LEN_DATA_AT_EXEC(n)` is `-100 - n`: every value at or below this.
pub const SQL_LEN_DATA_AT_EXEC_OFFSET: isize = -100;

/// The concise SQL data type (SQL_DESC_CONCISE_TYPE, DATA_TYPE).
pub fn sql_data_type(t: SqlType) -> i16 {
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

/// The ODBC 2 code of a concise type (for applications that declared ODBC 2).
pub fn odbc2_data_type(t: SqlType) -> i16 {
    match t {
        SqlType::Date => SQL_DATE,
        SqlType::Time { .. } => SQL_TIME,
        SqlType::Timestamp { .. } => SQL_TIMESTAMP,
        other => sql_data_type(other),
    }
}

/// The verbose type (SQL_DESC_TYPE, SQL_DATA_TYPE): SQL_DATETIME for dates and times.
pub fn verbose_data_type(t: SqlType) -> i16 {
    match t {
        SqlType::Date | SqlType::Time { .. } | SqlType::Timestamp { .. } => SQL_DATETIME,
        other => sql_data_type(other),
    }
}

/// SQL_DESC_DATETIME_INTERVAL_CODE / SQL_DATETIME_SUB: 1, 2, 3 for date,
/// time, timestamp; 0 for other types (SQLColumns reports those as NULL).
pub fn datetime_sub_code(t: SqlType) -> i16 {
    match t {
        SqlType::Date => SQL_CODE_DATE,
        SqlType::Time { .. } => SQL_CODE_TIME,
        SqlType::Timestamp { .. } => SQL_CODE_TIMESTAMP,
        _ => 0,
    }
}

fn clamp(n: u64) -> i32 {
    i32::try_from(n.max(1)).unwrap_or(i32::MAX)
}

/// Characters of `hh:mm:ss` (8) or `yyyy-mm-dd hh:mm:ss` (19) plus a fraction.
fn with_fraction(base: u64, digits: u8) -> u64 {
    if digits == 0 {
        base
    } else {
        base + 1 + u64::from(digits)
    }
}

/// COLUMN_SIZE (SQLDescribeCol's ColumnSize): digits of numbers, characters
/// of text, bytes of binary, characters of a date/time literal. Never 0.
pub fn column_size(t: SqlType) -> i32 {
    clamp(match t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 3,
        SqlType::SmallInt => 5,
        SqlType::Integer => 10,
        SqlType::BigInt => 19,
        SqlType::Real => 7,
        SqlType::Double => 15,
        SqlType::Decimal { precision, .. } => u64::from(precision),
        SqlType::Varchar { length }
        | SqlType::WVarchar { length }
        | SqlType::WLongVarchar { length }
        | SqlType::VarBinary { length }
        | SqlType::LongVarBinary { length } => u64::from(length),
        SqlType::Date => 10,
        SqlType::Time { fraction_digits } => with_fraction(8, fraction_digits),
        SqlType::Timestamp { fraction_digits } => with_fraction(19, fraction_digits),
    })
}

/// DECIMAL_DIGITS: a decimal's scale, the fraction digits of times and
/// timestamps, 0 otherwise (negative scales report 0).
pub fn decimal_digits(t: SqlType) -> i16 {
    match t {
        SqlType::Decimal { scale, .. } => i16::from(scale.max(0)),
        SqlType::Time { fraction_digits } | SqlType::Timestamp { fraction_digits } => {
            i16::from(fraction_digits)
        }
        _ => 0,
    }
}

/// SQL_DESC_OCTET_LENGTH / BUFFER_LENGTH: bytes a value takes in its
/// default C type. Text counts UTF-16 bytes when `wide`, else UTF-8 bytes
/// (up to 3 per character of Unicode text; ASCII text is 1 per character).
pub fn octet_length(t: SqlType, wide: bool) -> i32 {
    clamp(match t {
        SqlType::Bit | SqlType::TinyInt => 1,
        SqlType::SmallInt => 2,
        SqlType::Integer | SqlType::Real => 4,
        SqlType::BigInt | SqlType::Double => 8,
        // Decimals default to text: digits, sign and point.
        SqlType::Decimal { precision, .. } => u64::from(precision) + 2,
        SqlType::Varchar { length } => u64::from(length) * if wide { 2 } else { 1 },
        SqlType::WVarchar { length } | SqlType::WLongVarchar { length } => {
            u64::from(length) * if wide { 2 } else { 3 }
        }
        SqlType::VarBinary { length } | SqlType::LongVarBinary { length } => u64::from(length),
        SqlType::Date | SqlType::Time { .. } => 6,
        SqlType::Timestamp { .. } => 16,
    })
}

/// SQL_DESC_DISPLAY_SIZE: characters needed to show any value as text.
pub fn display_size(t: SqlType) -> i32 {
    clamp(match t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 4,
        SqlType::SmallInt => 6,
        SqlType::Integer => 11,
        SqlType::BigInt => 20,
        SqlType::Real => 14,
        SqlType::Double => 24,
        SqlType::Decimal { precision, .. } => u64::from(precision) + 2,
        SqlType::Varchar { length }
        | SqlType::WVarchar { length }
        | SqlType::WLongVarchar { length } => u64::from(length),
        SqlType::VarBinary { length } | SqlType::LongVarBinary { length } => u64::from(length) * 2,
        SqlType::Date => 10,
        SqlType::Time { fraction_digits } => with_fraction(8, fraction_digits),
        SqlType::Timestamp { fraction_digits } => with_fraction(19, fraction_digits),
    })
}

/// Bytes of a fixed-size C type; `None` for CHAR, WCHAR, BINARY (sized by
/// the buffer length) and unknown codes.
pub fn fixed_c_type_size(c_type: i16) -> Option<usize> {
    Some(match c_type {
        SQL_C_BIT | SQL_C_TINYINT | SQL_C_STINYINT | SQL_C_UTINYINT => 1,
        SQL_C_SHORT | SQL_C_SSHORT | SQL_C_USHORT => 2,
        SQL_C_LONG | SQL_C_SLONG | SQL_C_ULONG | SQL_C_FLOAT => 4,
        SQL_C_SBIGINT | SQL_C_UBIGINT | SQL_C_DOUBLE => 8,
        SQL_C_NUMERIC => 19,
        SQL_C_TYPE_DATE | SQL_C_DATE | SQL_C_TYPE_TIME | SQL_C_TIME => 6,
        SQL_C_TYPE_TIMESTAMP | SQL_C_TIMESTAMP | SQL_C_GUID => 16,
        _ => return None,
    })
}

/// Whether `c_type` is a C type this driver converts to or from.
pub fn is_known_c_type(c_type: i16) -> bool {
    matches!(c_type, SQL_C_CHAR | SQL_C_WCHAR | SQL_C_BINARY) || fixed_c_type_size(c_type).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_types() -> Vec<SqlType> {
        vec![
            SqlType::Bit,
            SqlType::TinyInt,
            SqlType::SmallInt,
            SqlType::Integer,
            SqlType::BigInt,
            SqlType::Real,
            SqlType::Double,
            SqlType::Decimal {
                precision: 19,
                scale: 4,
            },
            SqlType::Decimal {
                precision: 0,
                scale: -2,
            },
            SqlType::Varchar { length: 0 },
            SqlType::WVarchar { length: 4000 },
            SqlType::WLongVarchar { length: u32::MAX },
            SqlType::VarBinary { length: 8000 },
            SqlType::Date,
            SqlType::Time { fraction_digits: 0 },
            SqlType::Timestamp { fraction_digits: 6 },
        ]
    }

    #[test]
    fn sizes_are_never_zero_nor_negative() {
        for t in all_types() {
            assert!(column_size(t) > 0, "{t}");
            assert!(octet_length(t, false) > 0, "{t}");
            assert!(octet_length(t, true) > 0, "{t}");
            assert!(display_size(t) > 0, "{t}");
            assert!(decimal_digits(t) >= 0, "{t}");
        }
    }

    #[test]
    fn sizes_follow_the_specification() {
        assert_eq!(column_size(SqlType::BigInt), 19);
        assert_eq!(display_size(SqlType::BigInt), 20);
        assert_eq!(display_size(SqlType::Integer), 11);
        let ts = SqlType::Timestamp { fraction_digits: 3 };
        assert_eq!(column_size(ts), 23);
        assert_eq!(decimal_digits(ts), 3);
        assert_eq!(column_size(SqlType::Time { fraction_digits: 0 }), 8);
        let w = SqlType::WVarchar { length: 64 };
        assert_eq!(octet_length(w, true), 128);
        assert_eq!(octet_length(w, false), 192);
        assert_eq!(
            octet_length(SqlType::WLongVarchar { length: u32::MAX }, true),
            i32::MAX
        );
        let d = SqlType::Decimal {
            precision: 19,
            scale: 2,
        };
        assert_eq!(
            (column_size(d), decimal_digits(d), display_size(d)),
            (19, 2, 21)
        );
        assert_eq!(display_size(SqlType::VarBinary { length: 10 }), 20);
    }

    #[test]
    fn type_codes() {
        assert_eq!(sql_data_type(SqlType::WVarchar { length: 1 }), SQL_WVARCHAR);
        assert_eq!(sql_data_type(SqlType::Date), SQL_TYPE_DATE);
        assert_eq!(odbc2_data_type(SqlType::Date), SQL_DATE);
        assert_eq!(
            verbose_data_type(SqlType::Timestamp { fraction_digits: 0 }),
            SQL_DATETIME
        );
        assert_eq!(
            datetime_sub_code(SqlType::Time { fraction_digits: 0 }),
            SQL_CODE_TIME
        );
        assert_eq!(datetime_sub_code(SqlType::Integer), 0);
        assert_eq!(fixed_c_type_size(SQL_C_TYPE_TIMESTAMP), Some(16));
        assert_eq!(fixed_c_type_size(SQL_C_NUMERIC), Some(19));
        assert_eq!(fixed_c_type_size(SQL_C_CHAR), None);
        assert!(is_known_c_type(SQL_C_WCHAR));
        assert!(!is_known_c_type(1234));
    }
}
