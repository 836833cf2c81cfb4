//! Bound parameters (column-wise, row-wise, offsets, misaligned) to Param.

use std::ffi::c_void;

use chrono::{NaiveDate, NaiveTime};
use sql::Param;

use crate::convert::c_types::*;
use crate::convert::memory::*;
use crate::convert::{read_param, ParamBinding};
use crate::error::DriverError;

fn binding(
    c_type: i16,
    sql_type: i16,
    value: *const c_void,
    buffer_length: isize,
    ind: *const isize,
) -> ParamBinding {
    ParamBinding {
        c_type,
        sql_type,
        column_size: 0,
        decimal_digits: 0,
        value_ptr: value,
        buffer_length,
        str_len_or_ind_ptr: ind,
        bind_offset: 0,
        row_size: 0,
    }
}

/// Reads one value held in `bytes` (at a misaligned offset) with indicator `ind`.
fn param(
    c_type: i16,
    sql_type: i16,
    bytes: &[u8],
    ind: Option<isize>,
) -> Result<Param, DriverError> {
    let mut mem = vec![0u8; bytes.len() + 8];
    mem[1..1 + bytes.len()].copy_from_slice(bytes);
    let mut ind_mem = [0u8; 16];
    if let Some(i) = ind {
        unsafe { std::ptr::write_unaligned(ind_mem.as_mut_ptr().add(3) as *mut isize, i) };
    }
    let ind_ptr = match ind {
        Some(_) => unsafe { ind_mem.as_ptr().add(3) as *const isize },
        None => std::ptr::null(),
    };
    let b = binding(
        c_type,
        sql_type,
        unsafe { mem.as_ptr().add(1) } as *const c_void,
        bytes.len() as isize,
        ind_ptr,
    );
    read_param(&b, 0)
}

fn bytes_of<T: Copy>(v: T) -> Vec<u8> {
    let mut out = vec![0u8; std::mem::size_of::<T>()];
    unsafe { std::ptr::write_unaligned(out.as_mut_ptr() as *mut T, v) };
    out
}

fn wide(s: &str) -> Vec<u8> {
    s.encode_utf16()
        .chain([0])
        .flat_map(u16::to_ne_bytes)
        .collect()
}

fn sqlstate(r: Result<Param, DriverError>) -> &'static str {
    r.unwrap_err().sqlstate
}

#[test]
fn column_wise_arrays_with_offset() {
    let values: [i32; 3] = [10, 20, 30];
    let inds: [isize; 3] = [4, SQL_NULL_DATA, 4];
    let mut b = binding(
        SQL_C_SLONG,
        SQL_INTEGER,
        values.as_ptr() as *const c_void,
        0,
        inds.as_ptr(),
    );
    assert_eq!(read_param(&b, 0).unwrap(), Param::Int(10));
    assert_eq!(read_param(&b, 1).unwrap(), Param::Null);
    assert_eq!(read_param(&b, 2).unwrap(), Param::Int(30));
    // Character arrays stride by buffer_length.
    let chars = b"ab\0\0cd\0\0";
    b = binding(
        SQL_C_CHAR,
        SQL_VARCHAR,
        chars.as_ptr() as *const c_void,
        4,
        std::ptr::null(),
    );
    assert_eq!(read_param(&b, 1).unwrap(), Param::Text("cd".into()));
    // The bind offset shifts every address (values and indicators).
    let shifted: [i64; 3] = [0, 7, 8];
    let shifted_inds: [isize; 3] = [0, 8, SQL_NULL_DATA];
    b = binding(
        SQL_C_SBIGINT,
        SQL_BIGINT,
        shifted.as_ptr() as *const c_void,
        0,
        shifted_inds.as_ptr(),
    );
    b.bind_offset = 8;
    assert_eq!(read_param(&b, 0).unwrap(), Param::Int(7));
    assert_eq!(read_param(&b, 1).unwrap(), Param::Null);
}

#[test]
fn row_wise_structs_misaligned() {
    // Rows of 13 bytes: i32 at 0, isize indicator at 4, one spare byte.
    let row_size = 13;
    let mut mem = vec![0u8; row_size * 3 + 5];
    let base = 5;
    for (i, v) in [1i32, 2, 3].iter().enumerate() {
        let at = base + i * row_size;
        unsafe {
            std::ptr::write_unaligned(mem.as_mut_ptr().add(at) as *mut i32, *v);
            let ind = if i == 1 { SQL_NULL_DATA } else { 4 };
            std::ptr::write_unaligned(mem.as_mut_ptr().add(at + 4) as *mut isize, ind);
        }
    }
    let p = mem.as_ptr();
    let mut b = binding(
        SQL_C_SLONG,
        SQL_INTEGER,
        p as *const c_void,
        0,
        unsafe { p.add(4) } as *const isize,
    );
    b.row_size = row_size;
    b.bind_offset = base;
    assert_eq!(read_param(&b, 0).unwrap(), Param::Int(1));
    assert_eq!(read_param(&b, 1).unwrap(), Param::Null);
    assert_eq!(read_param(&b, 2).unwrap(), Param::Int(3));
}

#[test]
fn indicator_values() {
    let v = bytes_of(5i32);
    assert_eq!(
        param(SQL_C_SLONG, SQL_INTEGER, &v, Some(SQL_NULL_DATA)).unwrap(),
        Param::Null
    );
    assert_eq!(
        sqlstate(param(SQL_C_SLONG, SQL_INTEGER, &v, Some(SQL_DEFAULT_PARAM))),
        "07S01"
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_CHAR,
            SQL_VARCHAR,
            b"x\0",
            Some(SQL_DATA_AT_EXEC)
        )),
        "HY010"
    );
    // SQL_LEN_DATA_AT_EXEC(10) = -110: sent with SQLPutData, never read from the buffer.
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_VARCHAR, b"x\0", Some(-110))),
        "HY010"
    );
    for (ind, dae) in [
        (SQL_DATA_AT_EXEC, true),
        (-110, true),
        (-100, true),
        (5, false),
        (SQL_NULL_DATA, false),
    ] {
        let b = binding(SQL_C_CHAR, SQL_VARCHAR, c"x".as_ptr().cast(), 2, &ind);
        assert_eq!(
            crate::convert::is_data_at_exec(&b, 0).unwrap(),
            dae,
            "{ind}"
        );
    }
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_VARCHAR, b"x\0", Some(SQL_NO_TOTAL))),
        "HY090"
    );
    // A NULL needs no value pointer; a value does.
    let null_ind = SQL_NULL_DATA;
    let b = binding(SQL_C_SLONG, SQL_INTEGER, std::ptr::null(), 0, &null_ind);
    assert_eq!(read_param(&b, 0).unwrap(), Param::Null);
    let b = binding(
        SQL_C_SLONG,
        SQL_INTEGER,
        std::ptr::null(),
        0,
        std::ptr::null(),
    );
    assert_eq!(sqlstate(read_param(&b, 0)), "HY009");
    let b = binding(
        77,
        SQL_INTEGER,
        v.as_ptr() as *const c_void,
        0,
        std::ptr::null(),
    );
    assert_eq!(sqlstate(read_param(&b, 0)), "HY003");
    let b = binding(
        SQL_C_SLONG,
        SQL_INTEGER,
        v.as_ptr() as *const c_void,
        0,
        std::ptr::null(),
    );
    assert_eq!(sqlstate(read_param(&b, usize::MAX)), "HY090");
}

#[test]
fn character_parameters() {
    assert_eq!(
        param(SQL_C_CHAR, SQL_VARCHAR, b"hello\0", Some(SQL_NTS)).unwrap(),
        Param::Text("hello".into())
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_VARCHAR, b"hello", Some(3)).unwrap(),
        Param::Text("hel".into())
    );
    // No indicator: NUL-terminated, bounded by the buffer length.
    assert_eq!(
        param(SQL_C_CHAR, SQL_WVARCHAR, "日本".as_bytes(), None).unwrap(),
        Param::Text("日本".into())
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_VARCHAR, b"\xff\xfe", Some(2))),
        "22018"
    );
    let w = wide("a😀b");
    assert_eq!(
        param(SQL_C_WCHAR, SQL_WVARCHAR, &w, Some(SQL_NTS)).unwrap(),
        Param::Text("a😀b".into())
    );
    assert_eq!(
        param(SQL_C_WCHAR, SQL_WVARCHAR, &w, Some(2)).unwrap(),
        Param::Text("a".into())
    );
    assert_eq!(
        param(SQL_C_WCHAR, SQL_WVARCHAR, &w, Some(3)).unwrap(),
        Param::Text("a".into())
    );
    let lone: Vec<u8> = [0xD800u16, 0]
        .iter()
        .flat_map(|u| u.to_ne_bytes())
        .collect();
    assert_eq!(
        sqlstate(param(SQL_C_WCHAR, SQL_WVARCHAR, &lone, Some(SQL_NTS))),
        "22018"
    );
    // Text to the declared SQL type.
    assert_eq!(
        param(SQL_C_CHAR, SQL_DECIMAL, b"12.5\0", Some(SQL_NTS)).unwrap(),
        Param::Decimal {
            value: 125,
            precision: 3,
            scale: 1
        }
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_NUMERIC, b"-0.05", Some(5)).unwrap(),
        Param::Decimal {
            value: -5,
            precision: 2,
            scale: 2
        }
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_DECIMAL, b"1,5", Some(3))),
        "22018"
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_INTEGER, b" 42 ", Some(4)).unwrap(),
        Param::Int(42)
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_INTEGER, b"4.5", Some(3))),
        "22001"
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_SMALLINT, b"40000", Some(5))),
        "22003"
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_DOUBLE, b"1e3", Some(3)).unwrap(),
        Param::Double(1000.0)
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_BIT, b"1", Some(1)).unwrap(),
        Param::Bool(true)
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_BIT, b"false", Some(5)).unwrap(),
        Param::Bool(false)
    );
    assert_eq!(sqlstate(param(SQL_C_CHAR, SQL_BIT, b"2", Some(1))), "22003");
    let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(
        param(SQL_C_CHAR, SQL_TYPE_DATE, b"2024-02-29", Some(10)).unwrap(),
        Param::Date(d)
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_DATE, b"{d '2024-02-29'}", Some(16)).unwrap(),
        Param::Date(d)
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_TYPE_DATE, b"nope", Some(4))),
        "22018"
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_CHAR,
            SQL_TYPE_DATE,
            b"2024-02-29 10:00:00",
            Some(19)
        )),
        "22008"
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, b"2024-02-29", Some(10)).unwrap(),
        Param::Timestamp(d.and_time(NaiveTime::MIN))
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_TYPE_TIME, b"10:11:12", Some(8)).unwrap(),
        Param::Time(NaiveTime::from_hms_opt(10, 11, 12).unwrap())
    );
    assert_eq!(
        param(SQL_C_CHAR, SQL_VARBINARY, b"0A0b", Some(4)).unwrap(),
        Param::Binary(vec![10, 11])
    );
    assert_eq!(
        sqlstate(param(SQL_C_CHAR, SQL_VARBINARY, b"xyz", Some(3))),
        "22018"
    );
}

#[test]
fn numeric_parameters() {
    assert_eq!(
        param(SQL_C_SLONG, SQL_VARCHAR, &bytes_of(-7i32), None).unwrap(),
        Param::Text("-7".into())
    );
    assert_eq!(
        param(SQL_C_DOUBLE, SQL_WVARCHAR, &bytes_of(0.5f64), None).unwrap(),
        Param::Text("0.5".into())
    );
    assert_eq!(
        param(SQL_C_FLOAT, SQL_DECIMAL, &bytes_of(0.1f32), None).unwrap(),
        Param::Decimal {
            value: 1,
            precision: 1,
            scale: 1
        }
    );
    assert_eq!(
        param(SQL_C_FLOAT, SQL_REAL, &bytes_of(0.5f32), None).unwrap(),
        Param::Double(0.5)
    );
    assert_eq!(
        param(SQL_C_UBIGINT, SQL_BIGINT, &bytes_of(5u64), None).unwrap(),
        Param::Int(5)
    );
    assert_eq!(
        sqlstate(param(SQL_C_UBIGINT, SQL_BIGINT, &bytes_of(u64::MAX), None)),
        "22003"
    );
    assert_eq!(
        sqlstate(param(SQL_C_SLONG, SQL_TINYINT, &bytes_of(1000i32), None)),
        "22003"
    );
    assert_eq!(
        sqlstate(param(SQL_C_DOUBLE, SQL_INTEGER, &bytes_of(1.5f64), None)),
        "22001"
    );
    assert_eq!(
        param(SQL_C_STINYINT, SQL_SMALLINT, &[0xFF], None).unwrap(),
        Param::Int(-1)
    );
    assert_eq!(
        param(SQL_C_UTINYINT, SQL_SMALLINT, &[0xFF], None).unwrap(),
        Param::Int(255)
    );
    assert_eq!(
        param(SQL_C_USHORT, SQL_INTEGER, &bytes_of(65535u16), None).unwrap(),
        Param::Int(65535)
    );
    assert_eq!(
        param(SQL_C_BIT, SQL_BIT, &[1], None).unwrap(),
        Param::Bool(true)
    );
    assert_eq!(
        param(SQL_C_DEFAULT, SQL_INTEGER, &bytes_of(9i32), None).unwrap(),
        Param::Int(9)
    );
    let n = NumericStruct {
        precision: 10,
        scale: 2,
        sign: 0,
        val: 12345u128.to_le_bytes(),
    };
    assert_eq!(
        param(SQL_C_NUMERIC, SQL_DECIMAL, &bytes_of(n), None).unwrap(),
        Param::Decimal {
            value: -12345,
            precision: 5,
            scale: 2
        }
    );
    assert_eq!(
        param(SQL_C_NUMERIC, SQL_VARCHAR, &bytes_of(n), None).unwrap(),
        Param::Text("-123.45".into())
    );
    assert_eq!(
        sqlstate(param(SQL_C_NUMERIC, SQL_INTEGER, &bytes_of(n), None)),
        "22001"
    );
    let huge = NumericStruct {
        val: [0xFF; 16],
        ..n
    };
    assert_eq!(
        sqlstate(param(SQL_C_NUMERIC, SQL_DECIMAL, &bytes_of(huge), None)),
        "22003"
    );
    assert_eq!(
        sqlstate(param(SQL_C_SLONG, SQL_TYPE_DATE, &bytes_of(1i32), None)),
        "07006"
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_DOUBLE,
            SQL_DECIMAL,
            &bytes_of(f64::INFINITY),
            None
        )),
        "22003"
    );
    // An undeclared type keeps the C value's own kind.
    assert_eq!(
        param(SQL_C_SBIGINT, SQL_UNKNOWN_TYPE, &bytes_of(3i64), None).unwrap(),
        Param::Int(3)
    );
    assert_eq!(
        param(SQL_C_SLONG, SQL_VARBINARY, &bytes_of(1i32), None).unwrap(),
        Param::Binary(1i32.to_ne_bytes().to_vec())
    );
}

#[test]
fn datetime_and_binary_parameters() {
    let d = DateStruct {
        year: 2024,
        month: 2,
        day: 29,
    };
    let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(
        param(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &bytes_of(d), None).unwrap(),
        Param::Date(date)
    );
    assert_eq!(
        param(SQL_C_DATE, SQL_VARCHAR, &bytes_of(d), None).unwrap(),
        Param::Text("2024-02-29".into())
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_TYPE_DATE,
            SQL_TYPE_DATE,
            &bytes_of(DateStruct { month: 13, ..d }),
            None
        )),
        "22007"
    );
    assert_eq!(
        sqlstate(param(SQL_C_TYPE_DATE, SQL_INTEGER, &bytes_of(d), None)),
        "07006"
    );
    assert_eq!(
        sqlstate(param(SQL_C_TYPE_DATE, SQL_TYPE_TIME, &bytes_of(d), None)),
        "07006"
    );
    let ts = TimestampStruct {
        year: 2024,
        month: 2,
        day: 29,
        hour: 10,
        minute: 11,
        second: 12,
        fraction: 500_000_000,
    };
    let expect = date.and_hms_milli_opt(10, 11, 12, 500).unwrap();
    assert_eq!(
        param(
            SQL_C_TYPE_TIMESTAMP,
            SQL_TYPE_TIMESTAMP,
            &bytes_of(ts),
            None
        )
        .unwrap(),
        Param::Timestamp(expect)
    );
    assert_eq!(
        param(SQL_C_TIMESTAMP, SQL_TIMESTAMP, &bytes_of(ts), None).unwrap(),
        Param::Timestamp(expect)
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_TYPE_TIMESTAMP,
            SQL_TYPE_DATE,
            &bytes_of(ts),
            None
        )),
        "22008"
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_TYPE_TIMESTAMP,
            SQL_TYPE_TIME,
            &bytes_of(ts),
            None
        )),
        "22008"
    );
    let midnight = TimestampStruct {
        hour: 0,
        minute: 0,
        second: 0,
        fraction: 0,
        ..ts
    };
    assert_eq!(
        param(
            SQL_C_TYPE_TIMESTAMP,
            SQL_TYPE_DATE,
            &bytes_of(midnight),
            None
        )
        .unwrap(),
        Param::Date(date)
    );
    let t = TimeStruct {
        hour: 23,
        minute: 59,
        second: 59,
    };
    let time = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
    assert_eq!(
        param(SQL_C_TYPE_TIME, SQL_TYPE_TIME, &bytes_of(t), None).unwrap(),
        Param::Time(time)
    );
    assert_eq!(
        param(SQL_C_TIME, SQL_TYPE_TIMESTAMP, &bytes_of(t), None).unwrap(),
        Param::Timestamp(chrono::Utc::now().date_naive().and_time(time))
    );
    assert_eq!(
        sqlstate(param(
            SQL_C_TYPE_TIME,
            SQL_TYPE_TIME,
            &bytes_of(TimeStruct { hour: 24, ..t }),
            None
        )),
        "22007"
    );
    assert_eq!(
        param(SQL_C_BINARY, SQL_VARBINARY, &[1, 0, 2], Some(3)).unwrap(),
        Param::Binary(vec![1, 0, 2])
    );
    assert_eq!(
        param(SQL_C_BINARY, SQL_LONGVARBINARY, &[1, 0, 2], None).unwrap(),
        Param::Binary(vec![1, 0, 2])
    );
    assert_eq!(
        param(SQL_C_BINARY, SQL_VARCHAR, b"abc", Some(3)).unwrap(),
        Param::Text("abc".into())
    );
    assert_eq!(
        sqlstate(param(SQL_C_BINARY, SQL_DECIMAL, b"abc", Some(3))),
        "07006"
    );
    let g = Guid {
        data1: 0x6F9619FF,
        data2: 0x8B86,
        data3: 0xD011,
        data4: [0xB4, 0x2D, 0, 0xC0, 0x4F, 0xC9, 0x64, 0xFF],
    };
    assert_eq!(
        param(SQL_C_GUID, SQL_GUID, &bytes_of(g), None).unwrap(),
        Param::Text("6F9619FF-8B86-D011-B42D-00C04FC964FF".into())
    );
}
