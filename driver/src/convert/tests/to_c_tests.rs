//! Every SQL-to-C conversion pair the specification allows, and its diagnostics.

use arrow_array::*;
use chrono::{Datelike, NaiveDate};
use sql::SqlType;

use super::{arr, one, state, Buf};
use crate::convert::c_types::*;
use crate::convert::memory::*;
use crate::convert::{default_c_type, CellStatus};

const DEC: SqlType = SqlType::Decimal {
    precision: 10,
    scale: 2,
};
const W: SqlType = SqlType::WVarchar { length: 100 };
const TS: SqlType = SqlType::Timestamp { fraction_digits: 6 };
const TM: SqlType = SqlType::Time { fraction_digits: 0 };

fn dec(v: i128) -> arrow_array::ArrayRef {
    arr(Decimal128Array::from(vec![v])
        .with_precision_and_scale(10, 2)
        .unwrap())
}

fn ts(micros: i64) -> arrow_array::ArrayRef {
    arr(TimestampMicrosecondArray::from(vec![micros]).with_timezone("UTC"))
}

fn date(y: i32, m: u32, d: u32) -> arrow_array::ArrayRef {
    let days = NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce() - 719_163;
    arr(Date32Array::from(vec![days]))
}

/// 2024-02-29 10:11:12 UTC in microseconds.
const TS_MICROS: i64 = 1_709_201_472_000_000;

#[test]
fn integers_to_every_integer_c_type_with_range_checks() {
    let big = arr(Int64Array::from(vec![300]));
    let cases: [(i16, usize, Option<i128>); 12] = [
        (SQL_C_TINYINT, 1, None),
        (SQL_C_STINYINT, 1, None),
        (SQL_C_UTINYINT, 1, None),
        (SQL_C_SHORT, 2, Some(300)),
        (SQL_C_SSHORT, 2, Some(300)),
        (SQL_C_USHORT, 2, Some(300)),
        (SQL_C_LONG, 4, Some(300)),
        (SQL_C_SLONG, 4, Some(300)),
        (SQL_C_ULONG, 4, Some(300)),
        (SQL_C_SBIGINT, 8, Some(300)),
        (SQL_C_UBIGINT, 8, Some(300)),
        (SQL_C_BIT, 1, None),
    ];
    for (c, size, expect) in cases {
        let (r, b) = one(&big, SqlType::BigInt, c, 8);
        match expect {
            None => assert_eq!(r, Err("22003"), "C type {c}"),
            Some(v) => {
                assert_eq!(r, Ok(CellStatus::Ok), "C type {c}");
                assert_eq!(b.ind(), size as isize);
                let got: i128 = match size {
                    2 => b.read::<i16>().into(),
                    4 => b.read::<i32>().into(),
                    _ => b.read::<i64>().into(),
                };
                assert_eq!(got, v, "C type {c}");
            }
        }
    }
    let neg = arr(Int32Array::from(vec![-1]));
    assert_eq!(state(&neg, SqlType::Integer, SQL_C_ULONG, 4), "22003");
    assert_eq!(state(&neg, SqlType::Integer, SQL_C_UBIGINT, 8), "22003");
    let (r, b) = one(&neg, SqlType::Integer, SQL_C_STINYINT, 1);
    assert_eq!((r, b.read::<i8>()), (Ok(CellStatus::Ok), -1));
    let max = arr(UInt64Array::from(vec![u64::MAX]));
    let (r, b) = one(&max, SqlType::BigInt, SQL_C_UBIGINT, 8);
    assert_eq!((r, b.read::<u64>()), (Ok(CellStatus::Ok), u64::MAX));
    assert_eq!(state(&max, SqlType::BigInt, SQL_C_SBIGINT, 8), "22003");
    for a in [
        arr(Int8Array::from(vec![7])),
        arr(Int16Array::from(vec![7])),
        arr(UInt8Array::from(vec![7])),
        arr(UInt16Array::from(vec![7])),
        arr(UInt32Array::from(vec![7])),
    ] {
        let (r, b) = one(&a, SqlType::Integer, SQL_C_SLONG, 4);
        assert_eq!((r, b.read::<i32>()), (Ok(CellStatus::Ok), 7));
    }
}

#[test]
fn misaligned_and_aligned_buffers_hold_the_same_values() {
    let a = arr(Float64Array::from(vec![1.25]));
    for off in 0..8 {
        let mut b = Buf::at(SQL_C_DOUBLE, 8, off);
        assert_eq!(b.get(&a, 0, SqlType::Double), Ok(CellStatus::Ok));
        assert_eq!(b.read::<f64>(), 1.25);
        assert_eq!(b.ind(), 8);
    }
}

#[test]
fn decimals_to_numbers_text_and_numeric_struct() {
    let a = dec(-125_050); // -1250.50
    let (r, b) = one(&a, DEC, SQL_C_SLONG, 4);
    assert_eq!(
        (r, b.read::<i32>()),
        (Ok(CellStatus::FractionalTruncation), -1250)
    );
    let (r, b) = one(&dec(125_000), DEC, SQL_C_SSHORT, 2);
    assert_eq!((r, b.read::<i16>()), (Ok(CellStatus::Ok), 1250));
    assert_eq!(state(&a, DEC, SQL_C_STINYINT, 1), "22003");
    let (r, b) = one(&a, DEC, SQL_C_DOUBLE, 8);
    assert_eq!((r, b.read::<f64>()), (Ok(CellStatus::Ok), -1250.5));
    let (r, b) = one(&a, DEC, SQL_C_FLOAT, 4);
    assert_eq!((r, b.read::<f32>()), (Ok(CellStatus::Ok), -1250.5));
    let (r, b) = one(&a, DEC, SQL_C_CHAR, 20);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Ok), "-1250.50".into(), 8)
    );
    let (r, b) = one(&a, DEC, SQL_C_WCHAR, 40);
    assert_eq!(
        (r, b.wtext(), b.ind()),
        (Ok(CellStatus::Ok), "-1250.50".into(), 16)
    );
    // Fraction cut: 01004 with the full length; whole digits cut: 22003.
    let (r, b) = one(&a, DEC, SQL_C_CHAR, 7);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Truncated), "-1250.".into(), 8)
    );
    assert_eq!(state(&a, DEC, SQL_C_CHAR, 4), "22003");
    assert_eq!(state(&a, DEC, SQL_C_WCHAR, 8), "22003");

    // SQL_C_NUMERIC with the column's precision/scale, then the ARD's.
    let (r, b) = one(&a, DEC, SQL_C_NUMERIC, 19);
    let n: NumericStruct = b.read();
    assert_eq!(r, Ok(CellStatus::Ok));
    assert_eq!((n.precision, n.scale, n.sign), (10, 2, 0));
    assert_eq!(u128::from_le_bytes(n.val), 125_050);
    assert_eq!(b.ind(), 19);
    let mut b = Buf::at(SQL_C_NUMERIC, 19, 1);
    (b.precision, b.scale) = (8, 1);
    assert_eq!(
        b.get(&dec(12_345), 0, DEC),
        Ok(CellStatus::FractionalTruncation)
    );
    let n: NumericStruct = b.read();
    assert_eq!(
        (n.precision, n.scale, n.sign, u128::from_le_bytes(n.val)),
        (8, 1, 1, 1234)
    );
    let mut b = Buf::new(SQL_C_NUMERIC, 19);
    (b.precision, b.scale) = (3, 2);
    assert_eq!(b.get(&dec(12_345), 0, DEC).unwrap_err().sqlstate, "22003");
    let mut b = Buf::new(SQL_C_NUMERIC, 19);
    (b.precision, b.scale) = (20, 4);
    assert_eq!(b.get(&dec(12_345), 0, DEC), Ok(CellStatus::Ok));
    assert_eq!(
        u128::from_le_bytes(b.read::<NumericStruct>().val),
        1_234_500
    );
}

#[test]
fn doubles_and_reals() {
    let a = arr(Float64Array::from(vec![2.75]));
    let (r, b) = one(&a, SqlType::Double, SQL_C_SLONG, 4);
    assert_eq!(
        (r, b.read::<i32>()),
        (Ok(CellStatus::FractionalTruncation), 2)
    );
    let (r, b) = one(&a, SqlType::Double, SQL_C_CHAR, 10);
    assert_eq!((r, b.text()), (Ok(CellStatus::Ok), "2.75".into()));
    let huge = arr(Float64Array::from(vec![1e300]));
    assert_eq!(state(&huge, SqlType::Double, SQL_C_FLOAT, 4), "22003");
    assert_eq!(state(&huge, SqlType::Double, SQL_C_SBIGINT, 8), "22003");
    let (r, b) = one(&huge, SqlType::Double, SQL_C_CHAR, 20);
    assert_eq!((r, b.text()), (Ok(CellStatus::Ok), "1E300".into()));
    let real = arr(Float32Array::from(vec![0.1f32]));
    let (r, b) = one(&real, SqlType::Real, SQL_C_CHAR, 10);
    assert_eq!((r, b.text()), (Ok(CellStatus::Ok), "0.1".into()));
    let (r, b) = one(&real, SqlType::Real, SQL_C_FLOAT, 4);
    assert_eq!((r, b.read::<f32>()), (Ok(CellStatus::Ok), 0.1f32));
    let (r, b) = one(&real, SqlType::Real, SQL_C_NUMERIC, 19);
    assert_eq!(r, Ok(CellStatus::FractionalTruncation)); // scale 0 by default
    assert_eq!(u128::from_le_bytes(b.read::<NumericStruct>().val), 0);
    assert_eq!(
        state(
            &arr(Float64Array::from(vec![f64::NAN])),
            SqlType::Double,
            SQL_C_SLONG,
            4
        ),
        "22003"
    );
}

#[test]
fn bit_rules() {
    let ok = |a: arrow_array::ArrayRef, t: SqlType| {
        let (r, b) = one(&a, t, SQL_C_BIT, 1);
        (r, b.read::<u8>())
    };
    assert_eq!(
        ok(arr(BooleanArray::from(vec![true])), SqlType::Bit),
        (Ok(CellStatus::Ok), 1)
    );
    assert_eq!(
        ok(arr(Int32Array::from(vec![0])), SqlType::Integer),
        (Ok(CellStatus::Ok), 0)
    );
    assert_eq!(ok(dec(150), DEC), (Ok(CellStatus::FractionalTruncation), 1));
    assert_eq!(ok(dec(50), DEC), (Ok(CellStatus::FractionalTruncation), 0));
    assert_eq!(state(&dec(-50), DEC, SQL_C_BIT, 1), "22003");
    assert_eq!(state(&dec(200), DEC, SQL_C_BIT, 1), "22003");
    assert_eq!(
        state(
            &arr(Int32Array::from(vec![-1])),
            SqlType::Integer,
            SQL_C_BIT,
            1
        ),
        "22003"
    );
    let bools = arr(BooleanArray::from(vec![true]));
    let (r, b) = one(&bools, SqlType::Bit, SQL_C_CHAR, 4);
    assert_eq!((r, b.text(), b.ind()), (Ok(CellStatus::Ok), "1".into(), 1));
    let (r, b) = one(&bools, SqlType::Bit, SQL_C_SLONG, 4);
    assert_eq!((r, b.read::<i32>()), (Ok(CellStatus::Ok), 1));
    let (r, b) = one(&bools, SqlType::Bit, SQL_C_DOUBLE, 8);
    assert_eq!((r, b.read::<f64>()), (Ok(CellStatus::Ok), 1.0));
    let (r, b) = one(&bools, SqlType::Bit, SQL_C_BINARY, 4);
    assert_eq!((r, b.ind(), b.data()[0]), (Ok(CellStatus::Ok), 1, 1));
    assert_eq!(state(&bools, SqlType::Bit, SQL_C_TYPE_DATE, 6), "07006");
}

#[test]
fn dates() {
    let a = date(2024, 2, 29);
    let (r, b) = one(&a, SqlType::Date, SQL_C_TYPE_DATE, 6);
    assert_eq!(r, Ok(CellStatus::Ok));
    assert_eq!(
        b.read::<DateStruct>(),
        DateStruct {
            year: 2024,
            month: 2,
            day: 29
        }
    );
    assert_eq!(b.ind(), 6);
    let (r, b) = one(&a, SqlType::Date, SQL_C_DATE, 6);
    assert_eq!((r, b.read::<DateStruct>().day), (Ok(CellStatus::Ok), 29));
    let (r, b) = one(&a, SqlType::Date, SQL_C_TYPE_TIMESTAMP, 16);
    let t: TimestampStruct = b.read();
    assert_eq!(r, Ok(CellStatus::Ok));
    assert_eq!(
        (t.year, t.month, t.day, t.hour, t.minute, t.second, t.fraction),
        (2024, 2, 29, 0, 0, 0, 0)
    );
    let (r, b) = one(&a, SqlType::Date, SQL_C_CHAR, 11);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Ok), "2024-02-29".into(), 10)
    );
    assert_eq!(state(&a, SqlType::Date, SQL_C_CHAR, 10), "22003");
    let (r, b) = one(&a, SqlType::Date, SQL_C_WCHAR, 22);
    assert_eq!(
        (r, b.wtext(), b.ind()),
        (Ok(CellStatus::Ok), "2024-02-29".into(), 20)
    );
    let (r, b) = one(&a, SqlType::Date, SQL_C_BINARY, 6);
    assert_eq!((r, b.read::<DateStruct>().year), (Ok(CellStatus::Ok), 2024));
    assert_eq!(state(&a, SqlType::Date, SQL_C_BINARY, 5), "22003");
    for c in [
        SQL_C_SLONG,
        SQL_C_DOUBLE,
        SQL_C_BIT,
        SQL_C_NUMERIC,
        SQL_C_TYPE_TIME,
        SQL_C_GUID,
    ] {
        assert_eq!(state(&a, SqlType::Date, c, 16), "07006", "C type {c}");
    }
}

#[test]
fn times() {
    let a = arr(Time64MicrosecondArray::from(vec![36_672_000_000])); // 10:11:12
    let (r, b) = one(&a, TM, SQL_C_TYPE_TIME, 6);
    assert_eq!(
        (r, b.read::<TimeStruct>()),
        (
            Ok(CellStatus::Ok),
            TimeStruct {
                hour: 10,
                minute: 11,
                second: 12
            }
        )
    );
    let (r, b) = one(&a, TM, SQL_C_TIME, 6);
    assert_eq!((r, b.read::<TimeStruct>().second), (Ok(CellStatus::Ok), 12));
    let (r, b) = one(&a, TM, SQL_C_TYPE_TIMESTAMP, 16);
    let t: TimestampStruct = b.read();
    let today = chrono::Utc::now().date_naive();
    assert_eq!(r, Ok(CellStatus::Ok));
    assert_eq!(
        (t.year as i32, t.month as u32, t.hour, t.second),
        (today.year(), today.month(), 10, 12)
    );
    let (r, b) = one(&a, TM, SQL_C_CHAR, 9);
    assert_eq!((r, b.text()), (Ok(CellStatus::Ok), "10:11:12".into()));
    assert_eq!(state(&a, TM, SQL_C_CHAR, 8), "22003");
    assert_eq!(state(&a, TM, SQL_C_TYPE_DATE, 6), "07006");
    assert_eq!(state(&a, TM, SQL_C_SBIGINT, 8), "07006");
    let frac = arr(Time64MicrosecondArray::from(vec![36_672_500_000]));
    let (r, b) = one(
        &frac,
        SqlType::Time { fraction_digits: 6 },
        SQL_C_TYPE_TIME,
        6,
    );
    assert_eq!(
        (r, b.read::<TimeStruct>().second),
        (Ok(CellStatus::FractionalTruncation), 12)
    );
    let (r, b) = one(&frac, SqlType::Time { fraction_digits: 6 }, SQL_C_CHAR, 9);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Truncated), "10:11:12".into(), 10)
    );
}

#[test]
fn timestamps() {
    let a = ts(TS_MICROS + 123_456);
    let (r, b) = one(&a, TS, SQL_C_TYPE_TIMESTAMP, 16);
    let t: TimestampStruct = b.read();
    assert_eq!(r, Ok(CellStatus::Ok));
    assert_eq!(
        t,
        TimestampStruct {
            year: 2024,
            month: 2,
            day: 29,
            hour: 10,
            minute: 11,
            second: 12,
            fraction: 123_456_000
        }
    );
    let (r, b) = one(&a, TS, SQL_C_TIMESTAMP, 16);
    assert_eq!(
        (r, b.read::<TimestampStruct>().fraction),
        (Ok(CellStatus::Ok), 123_456_000)
    );
    let (r, b) = one(&a, TS, SQL_C_TYPE_DATE, 6);
    assert_eq!(
        (r, b.read::<DateStruct>().day),
        (Ok(CellStatus::FractionalTruncation), 29)
    );
    let midnight = ts(1_709_164_800_000_000);
    assert_eq!(one(&midnight, TS, SQL_C_TYPE_DATE, 6).0, Ok(CellStatus::Ok));
    let (r, b) = one(&a, TS, SQL_C_TYPE_TIME, 6);
    assert_eq!(
        (r, b.read::<TimeStruct>().minute),
        (Ok(CellStatus::FractionalTruncation), 11)
    );
    assert_eq!(
        one(&ts(TS_MICROS), TS, SQL_C_TYPE_TIME, 6).0,
        Ok(CellStatus::Ok)
    );
    let (r, b) = one(&a, TS, SQL_C_CHAR, 40);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Ok), "2024-02-29 10:11:12.123456".into(), 26)
    );
    let (r, b) = one(&a, TS, SQL_C_CHAR, 20);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Truncated), "2024-02-29 10:11:12".into(), 26)
    );
    assert_eq!(state(&a, TS, SQL_C_CHAR, 19), "22003");
    let (r, b) = one(&a, TS, SQL_C_BINARY, 16);
    assert_eq!(
        (r, b.read::<TimestampStruct>().hour),
        (Ok(CellStatus::Ok), 10)
    );
    assert_eq!(state(&a, TS, SQL_C_DOUBLE, 8), "07006");
    let plain = arr(TimestampMicrosecondArray::from(vec![TS_MICROS]));
    let (r, b) = one(&plain, TS, SQL_C_CHAR, 40);
    assert_eq!(
        (r, b.text()),
        (Ok(CellStatus::Ok), "2024-02-29 10:11:12".into())
    );
}

#[test]
fn nulls_indicators_and_defaults() {
    let a = arr(Int64Array::from(vec![None, Some(5)]));
    let mut b = Buf::new(SQL_C_SBIGINT, 8);
    assert_eq!(b.get(&a, 0, SqlType::BigInt), Ok(CellStatus::Ok));
    assert_eq!(b.ind(), SQL_NULL_DATA);
    assert!(b.data().iter().all(|&x| x == 0xA5), "NULL writes no data");
    assert_eq!(b.get(&a, 0, SqlType::BigInt), Ok(CellStatus::NoMoreData));
    let mut b = Buf::new(SQL_C_CHAR, 8);
    b.null_ind = true;
    assert_eq!(b.get(&a, 0, SqlType::BigInt).unwrap_err().sqlstate, "22002");
    // Non-NULL values need no indicator.
    assert_eq!(b.get(&a, 1, SqlType::BigInt), Ok(CellStatus::Ok));
    assert_eq!(b.text(), "5");
    let mut b = Buf::new(SQL_C_SBIGINT, 8);
    assert_eq!(b.get(&a, 2, SqlType::BigInt).unwrap_err().sqlstate, "HY000");
    // Fixed types: the second call has no more data.
    let mut b = Buf::new(SQL_C_SBIGINT, 8);
    assert_eq!(b.get(&a, 1, SqlType::BigInt), Ok(CellStatus::Ok));
    assert_eq!(b.get(&a, 1, SqlType::BigInt), Ok(CellStatus::NoMoreData));
    // SQL_C_DEFAULT.
    let (r, b) = one(&a.slice(1, 1), SqlType::BigInt, SQL_C_DEFAULT, 8);
    assert_eq!((r, b.read::<i64>(), b.ind()), (Ok(CellStatus::Ok), 5, 8));
    let (r, b) = one(&dec(12_345), DEC, SQL_C_DEFAULT, 10);
    assert_eq!((r, b.text()), (Ok(CellStatus::Ok), "123.45".into()));
    let (r, b) = one(&arr(StringArray::from(vec!["ü"])), W, SQL_C_DEFAULT, 10);
    assert_eq!((r, b.wtext()), (Ok(CellStatus::Ok), "ü".into()));
    assert_eq!(default_c_type(SqlType::Date), SQL_C_TYPE_DATE);
    assert_eq!(default_c_type(SqlType::Varchar { length: 1 }), SQL_C_CHAR);
    assert_eq!(default_c_type(SqlType::TinyInt), SQL_C_STINYINT);
    assert_eq!(state(&a.slice(1, 1), SqlType::BigInt, 1234, 8), "HY003");
    assert_eq!(
        state(&a.slice(1, 1), SqlType::BigInt, SQL_ARD_TYPE, 8),
        "HY003"
    );
    // An unsupported Arrow type is an error, not a panic.
    let duration = arr(DurationSecondArray::from(vec![5]));
    assert_eq!(state(&duration, W, SQL_C_CHAR, 8), "HY000");
}

#[test]
fn separate_indicator_and_length_buffers() {
    let a = arr(StringArray::from(vec![Some("hello"), None]));
    let mut data = [0u8; 16];
    let mut ind: isize = 99;
    let mut len: isize = 99;
    let target = crate::convert::AppBuffer {
        c_type: SQL_C_CHAR,
        ptr: data.as_mut_ptr() as *mut _,
        buffer_length: 16,
        str_len_or_ind: &mut ind,
        octet_length: &mut len,
        precision: 0,
        scale: 0,
    };
    let mut piece = Default::default();
    assert_eq!(
        crate::convert::write_cell(a.as_ref(), 0, W, &target, &mut piece),
        Ok(CellStatus::Ok)
    );
    assert_eq!((ind, len), (0, 5));
    let mut piece = Default::default();
    assert_eq!(
        crate::convert::write_cell(a.as_ref(), 1, W, &target, &mut piece),
        Ok(CellStatus::Ok)
    );
    assert_eq!(ind, SQL_NULL_DATA);
}

#[test]
fn null_data_pointer_returns_only_the_length() {
    let a = arr(Int32Array::from(vec![5]));
    let mut b = Buf::new(SQL_C_SLONG, 4);
    b.null_ptr = true;
    assert_eq!(b.get(&a, 0, SqlType::Integer), Ok(CellStatus::Ok));
    assert_eq!(b.ind(), 4);
    let s = arr(StringArray::from(vec!["abc"]));
    let mut b = Buf::new(SQL_C_CHAR, 10);
    b.null_ptr = true;
    assert_eq!(b.get(&s, 0, W), Ok(CellStatus::Truncated));
    assert_eq!(b.ind(), 3);
    // Nothing was consumed: a real buffer then gets the whole value.
    b.null_ptr = false;
    assert_eq!(b.get(&s, 0, W), Ok(CellStatus::Ok));
    assert_eq!(b.text(), "abc");
}

#[test]
fn dictionary_and_null_typed_columns() {
    let dict: DictionaryArray<arrow_array::types::Int32Type> =
        vec![Some("b"), None, Some("a"), Some("b")]
            .into_iter()
            .collect();
    let a = arr(dict);
    let mut b = Buf::new(SQL_C_CHAR, 8);
    assert_eq!(b.get(&a, 3, W), Ok(CellStatus::Ok));
    assert_eq!(b.text(), "b");
    let mut b = Buf::new(SQL_C_CHAR, 8);
    assert_eq!(b.get(&a, 1, W), Ok(CellStatus::Ok));
    assert_eq!(b.ind(), SQL_NULL_DATA);
    let nulls = arr(NullArray::new(2));
    let mut b = Buf::new(SQL_C_WCHAR, 8);
    assert_eq!(b.get(&nulls, 1, W), Ok(CellStatus::Ok));
    assert_eq!(b.ind(), SQL_NULL_DATA);
}
