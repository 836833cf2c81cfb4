//! ODBC C type codes, length and indicator values, and the sizes of the
//! fixed-size C types. What an SQL type reports (codes, column sizes,
//! octet lengths) is [`crate::odbc_type`]'s.

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

// SQL data types and datetime subcodes: the crate's one list, for the
// conversions that read them next to the C types.
pub use crate::sys::{
    SQL_BIGINT, SQL_BINARY, SQL_BIT, SQL_CHAR, SQL_CODE_DATE, SQL_CODE_TIME, SQL_CODE_TIMESTAMP,
    SQL_DATE, SQL_DATETIME, SQL_DECIMAL, SQL_DOUBLE, SQL_FLOAT, SQL_GUID, SQL_INTEGER,
    SQL_LONGVARBINARY, SQL_LONGVARCHAR, SQL_NUMERIC, SQL_REAL, SQL_SMALLINT, SQL_TIME,
    SQL_TIMESTAMP, SQL_TINYINT, SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP, SQL_UNKNOWN_TYPE,
    SQL_VARBINARY, SQL_VARCHAR, SQL_WCHAR, SQL_WLONGVARCHAR, SQL_WVARCHAR,
};

// Length and indicator values.
pub const SQL_NULL_DATA: isize = -1;
pub const SQL_DATA_AT_EXEC: isize = -2;
pub const SQL_NTS: isize = -3;
pub const SQL_NO_TOTAL: isize = -4;
pub const SQL_DEFAULT_PARAM: isize = -5;
/// `SQL_LEN_DATA_AT_EXEC(n)` is `-100 - n`: every value at or below this.
pub const SQL_LEN_DATA_AT_EXEC_OFFSET: isize = -100;

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

    #[test]
    fn c_type_sizes() {
        assert_eq!(fixed_c_type_size(SQL_C_TYPE_TIMESTAMP), Some(16));
        assert_eq!(fixed_c_type_size(SQL_C_NUMERIC), Some(19));
        assert_eq!(fixed_c_type_size(SQL_C_CHAR), None);
        assert!(is_known_c_type(SQL_C_WCHAR));
        assert!(!is_known_c_type(1234));
    }
}
