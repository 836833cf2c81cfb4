//! The one description of an [`SqlType`] to ODBC. SQLDescribeCol,
//! SQLColAttribute and the IRD, SQLDescribeParam and the IPD, SQLColumns,
//! SQLProcedureColumns, SQLSpecialColumns and SQLGetTypeInfo all take their
//! codes, sizes and attributes from here, so a column is described the same
//! way on every path.
//!
//! Each function follows the rule of the ODBC specification's appendix D
//! ("Column Size, Decimal Digits, Transfer Octet Length, and Display Size")
//! or of the descriptor field it feeds. Two choices the specification
//! leaves to the driver: sizes are never 0 (clients allocate from them) and
//! never above 2^31-1 (SQLColumns' COLUMN_SIZE and BUFFER_LENGTH are
//! INTEGER columns). Where a value does not apply, functions return `None`:
//! catalog result sets show NULL and descriptors their documented default.

use sql::SqlType;

use crate::sys::*;

/// How character data is laid out in a C buffer: this driver's SQL_C_CHAR
/// is UTF-8, SQL_C_WCHAR is UTF-16.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharEncoding {
    /// SQL_C_CHAR.
    Utf8,
    /// SQL_C_WCHAR.
    Utf16,
}

fn clamp(n: u64) -> i32 {
    i32::try_from(n.max(1)).unwrap_or(i32::MAX)
}

// ---- type codes ------------------------------------------------------

/// The concise SQL type (SQL_DESC_CONCISE_TYPE, SQLDescribeCol's DataType,
/// DATA_TYPE of the catalog functions). An application that declared ODBC 2
/// (`odbc2`) gets the ODBC 2 date/time codes SQL_DATE, SQL_TIME,
/// SQL_TIMESTAMP (9, 10, 11) instead of 91, 92, 93 (appendix D, "Datetime
/// data types").
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

/// The verbose type (SQL_DESC_TYPE, SQL_DATA_TYPE of SQLColumns and
/// SQLGetTypeInfo): SQL_DATETIME for the date/time types, the concise type
/// otherwise (SQLSetDescField, SQL_DESC_TYPE).
pub fn verbose_type(t: &SqlType) -> i16 {
    match t {
        SqlType::Date | SqlType::Time { .. } | SqlType::Timestamp { .. } => SQL_DATETIME,
        _ => concise_type(t, false),
    }
}

/// The datetime subcode (SQL_DESC_DATETIME_INTERVAL_CODE, SQL_DATETIME_SUB):
/// SQL_CODE_DATE, SQL_CODE_TIME, SQL_CODE_TIMESTAMP; `None` for other types
/// (NULL in catalog result sets, 0 in descriptors).
pub fn datetime_code(t: &SqlType) -> Option<i16> {
    match t {
        SqlType::Date => Some(SQL_CODE_DATE),
        SqlType::Time { .. } => Some(SQL_CODE_TIME),
        SqlType::Timestamp { .. } => Some(SQL_CODE_TIMESTAMP),
        _ => None,
    }
}

/// TYPE_NAME and SQL_DESC_TYPE_NAME: the SQL layer's name of the type,
/// which SQLGetTypeInfo lists once per DATA_TYPE.
pub fn type_name(t: &SqlType) -> &'static str {
    t.type_name()
}

// ---- sizes -------------------------------------------------------------

/// Characters of `hh:mm:ss` (8) or `yyyy-mm-dd hh:mm:ss` (19), plus a point
/// and `digits` fraction digits when there are any.
fn with_fraction(base: u64, digits: u8) -> u64 {
    if digits == 0 {
        base
    } else {
        base + 1 + u64::from(digits)
    }
}

/// Digits a DECIMAL value can have: its precision, plus the zeros a
/// negative scale appends ("12" at scale -3 is 12000).
fn decimal_width(precision: u8, scale: i8) -> u64 {
    u64::from(precision) + u64::from((-i16::from(scale)).max(0) as u16)
}

/// Column size (SQLDescribeCol's ColumnSize, SQLDescribeParam's
/// ParameterSize, SQL_DESC_LENGTH, ODBC 2's SQL_COLUMN_PRECISION, COLUMN_SIZE),
/// per appendix D "Column Size": the defined precision of DECIMAL; 1, 3, 5,
/// 10, 19 for BIT, TINYINT, SMALLINT, INTEGER and signed BIGINT; 7 for REAL
/// and 15 for DOUBLE; the maximum length in characters of text and in bytes
/// of binary; 10 for dates; 8 or 9 + s for times and 19 or 20 + s for
/// timestamps with s fraction digits.
pub fn column_size(t: &SqlType) -> i32 {
    clamp(match *t {
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

/// Decimal digits (SQLDescribeCol's DecimalDigits, DECIMAL_DIGITS), per
/// appendix D "Decimal Digits": the defined scale of DECIMAL (negative
/// scales included, as the appendix allows); 0 for the other exact numeric
/// types; the fraction-of-second digits of times and timestamps; `None`
/// ("n/a": NULL in catalog result sets, 0 from SQLDescribeCol) for BIT,
/// approximate numbers, text, binary and dates.
pub fn decimal_digits(t: &SqlType) -> Option<i16> {
    match *t {
        SqlType::TinyInt | SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => Some(0),
        SqlType::Decimal { scale, .. } => Some(i16::from(scale)),
        SqlType::Time { fraction_digits } | SqlType::Timestamp { fraction_digits } => {
            Some(i16::from(fraction_digits))
        }
        _ => None,
    }
}

/// The encoding of character data in the type's default C type (appendix
/// D, "Default C data types"): SQL_C_CHAR for VARCHAR and for DECIMAL (which
/// this driver transfers as text), SQL_C_WCHAR for the W types; `None` for
/// the types whose default C type is not character data.
pub fn default_char_encoding(t: &SqlType) -> Option<CharEncoding> {
    match t {
        SqlType::Varchar { .. } | SqlType::Decimal { .. } => Some(CharEncoding::Utf8),
        SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => Some(CharEncoding::Utf16),
        _ => None,
    }
}

/// Bytes of the longest value of a text or DECIMAL type as character data
/// in `encoding`, without the NUL: the only place where the C type changes
/// an octet length. A character of the W types (a UTF-16 code unit) takes
/// up to 3 bytes in UTF-8 and 2 in UTF-16; VARCHAR holds ASCII only (1
/// byte in UTF-8); a DECIMAL takes its digits plus a sign and a point
/// (appendix D, "Transfer Octet Length": NUMERIC(10,3) is 12 characters,
/// "twice this number if the character set is UNICODE"). `None` for the
/// other types.
pub fn text_octet_length(t: &SqlType, encoding: CharEncoding) -> Option<i32> {
    let unit = |utf8: u64| match encoding {
        CharEncoding::Utf8 => utf8,
        CharEncoding::Utf16 => 2,
    };
    Some(clamp(match *t {
        SqlType::Varchar { length } => u64::from(length.max(1)) * unit(1),
        SqlType::WVarchar { length } | SqlType::WLongVarchar { length } => {
            u64::from(length.max(1)) * unit(3)
        }
        SqlType::Decimal { precision, scale } => (decimal_width(precision, scale) + 2) * unit(1),
        _ => return None,
    }))
}

/// Transfer octet length (SQL_DESC_OCTET_LENGTH of the IRD, ODBC 2's
/// SQL_COLUMN_LENGTH, BUFFER_LENGTH of the catalog functions), per appendix
/// D "Transfer Octet Length": the bytes of the longest value in the type's
/// default C type, without a NUL. Text and DECIMAL as
/// [`text_octet_length`] in their default C type (so the same for ANSI and
/// Unicode applications: the default C type does not change with the
/// calling function); 1, 1, 2, 4, 8 for BIT, TINYINT, SMALLINT, INTEGER,
/// BIGINT; 4 for REAL and 8 for DOUBLE; the maximum length of binary; 6 for
/// SQL_DATE_STRUCT and SQL_TIME_STRUCT, 16 for SQL_TIMESTAMP_STRUCT.
pub fn transfer_octet_length(t: &SqlType) -> i32 {
    if let Some(encoding) = default_char_encoding(t) {
        if let Some(n) = text_octet_length(t, encoding) {
            return n;
        }
    }
    clamp(match *t {
        SqlType::Bit | SqlType::TinyInt => 1,
        SqlType::SmallInt => 2,
        SqlType::Integer | SqlType::Real => 4,
        SqlType::BigInt | SqlType::Double => 8,
        SqlType::VarBinary { length } | SqlType::LongVarBinary { length } => u64::from(length),
        SqlType::Date | SqlType::Time { .. } => 6,
        _ => 16, // timestamps (text and decimals were answered above)
    })
}

/// CHAR_OCTET_LENGTH of SQLColumns and SQLProcedureColumns: "the maximum
/// length in bytes of a character or binary data type column", i.e. its
/// transfer octet length; `None` (NULL) for every other type.
pub fn char_octet_length(t: &SqlType) -> Option<i32> {
    match t {
        SqlType::Varchar { .. }
        | SqlType::WVarchar { .. }
        | SqlType::WLongVarchar { .. }
        | SqlType::VarBinary { .. }
        | SqlType::LongVarBinary { .. } => Some(transfer_octet_length(t)),
        _ => None,
    }
}

/// Display size (SQL_DESC_DISPLAY_SIZE, ODBC 2's SQL_COLUMN_DISPLAY_SIZE),
/// per appendix D "Display Size": the length of text; precision + 2 for
/// DECIMAL (sign and point; with a negative scale, the appended zeros
/// too); 1 for BIT; 4, 6, 11, 20 for the signed integers (a sign and the
/// digits); 14 for REAL and 24 for DOUBLE (sign, digits, point, E, exponent
/// sign and digits); twice the length of binary (hex); 10 for dates, 8 or
/// 9 + s for times and 19 or 20 + s for timestamps.
pub fn display_size(t: &SqlType) -> i32 {
    clamp(match *t {
        SqlType::Bit => 1,
        SqlType::TinyInt => 4,
        SqlType::SmallInt => 6,
        SqlType::Integer => 11,
        SqlType::BigInt => 20,
        SqlType::Real => 14,
        SqlType::Double => 24,
        SqlType::Decimal { precision, scale } => decimal_width(precision, scale) + 2,
        SqlType::VarBinary { length } | SqlType::LongVarBinary { length } => u64::from(length) * 2,
        _ => column_size(t) as u64,
    })
}

/// SQL_DESC_PRECISION of the IRD and IPD. Appendix D maps column size to
/// PRECISION for the numeric types and decimal digits to PRECISION for
/// times and timestamps (their fraction digits); 0 for dates; for text and
/// binary, where it is undefined, the column size.
pub fn desc_precision(t: &SqlType) -> i16 {
    match t {
        SqlType::Date => 0,
        SqlType::Time { .. } | SqlType::Timestamp { .. } => decimal_digits(t).unwrap_or(0),
        _ => i16::try_from(column_size(t)).unwrap_or(i16::MAX),
    }
}

/// SQL_DESC_SCALE of the IRD and IPD and SQLColAttribute's SQL_DESC_SCALE /
/// SQL_COLUMN_SCALE: the decimal digits, 0 where they do not apply.
pub fn desc_scale(t: &SqlType) -> i16 {
    decimal_digits(t).unwrap_or(0)
}

/// NUM_PREC_RADIX and SQL_DESC_NUM_PREC_RADIX: 10 for the exact and
/// approximate numeric types, whose column sizes above are decimal digits
/// (SQLColumns: "if it is 10, COLUMN_SIZE and DECIMAL_DIGITS give the
/// number of decimal digits"); `None` for the others, BIT included (NULL
/// in catalog result sets, 0 in descriptors: "0 for all non-numeric data
/// types").
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

// ---- attributes --------------------------------------------------------

/// Whether the type holds text: TYPE_INFO's and SQL_DESC_CASE_SENSITIVE
/// (comparisons of text are case-sensitive; other types have no case).
pub fn is_character(t: &SqlType) -> bool {
    matches!(
        t,
        SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. }
    )
}

/// CASE_SENSITIVE and SQL_DESC_CASE_SENSITIVE.
pub fn case_sensitive(t: &SqlType) -> bool {
    is_character(t)
}

/// UNSIGNED_ATTRIBUTE of SQLGetTypeInfo: `Some(false)` for the numeric
/// types (all signed), `None` where the attribute does not apply (NULL).
/// SQL_DESC_UNSIGNED is SQL_TRUE for those ("SQL_TRUE if the column is
/// unsigned or not numeric"): see [`desc_unsigned`].
pub fn unsigned(t: &SqlType) -> Option<bool> {
    num_prec_radix(t).map(|_| false)
}

/// SQL_DESC_UNSIGNED: SQL_TRUE for unsigned or non-numeric types.
pub fn desc_unsigned(t: &SqlType) -> bool {
    unsigned(t).unwrap_or(true)
}

/// SEARCHABLE and SQL_DESC_SEARCHABLE: text with every predicate
/// (SQL_PRED_SEARCHABLE: LIKE is evaluated by the SQL layer when Kintone
/// cannot), the other types with all but LIKE (SQL_PRED_BASIC).
pub fn searchable(t: &SqlType) -> i16 {
    if is_character(t) {
        SQL_PRED_SEARCHABLE as i16
    } else {
        SQL_PRED_BASIC as i16
    }
}

/// LITERAL_PREFIX and SQL_DESC_LITERAL_PREFIX: the characters that open a
/// literal of the type in this driver's SQL; `None` for numbers, which
/// need none (NULL in SQLGetTypeInfo, "" in SQLColAttribute).
pub fn literal_prefix(t: &SqlType) -> Option<&'static str> {
    match t {
        SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => {
            Some("'")
        }
        SqlType::VarBinary { .. } | SqlType::LongVarBinary { .. } => Some("X'"),
        SqlType::Date => Some("DATE '"),
        SqlType::Time { .. } => Some("TIME '"),
        SqlType::Timestamp { .. } => Some("TIMESTAMP '"),
        _ => None,
    }
}

/// LITERAL_SUFFIX and SQL_DESC_LITERAL_SUFFIX: the closing quote of every
/// quoted literal.
pub fn literal_suffix(t: &SqlType) -> Option<&'static str> {
    literal_prefix(t).map(|_| "'")
}

#[cfg(test)]
#[path = "odbc_type_tests.rs"]
mod tests;
