//! Text and binary cells to every C type: parsing (22018, 22003, 01S07),
//! hex, GUIDs, and text/binary/numbers as SQL_C_BINARY.

use arrow_array::*;
use chrono::Datelike;
use sql::SqlType;

use super::{arr, one, state};
use crate::convert::c_types::*;
use crate::convert::memory::*;
use crate::convert::CellStatus;

const W: SqlType = SqlType::WVarchar { length: 100 };
const DEC: SqlType = SqlType::Decimal {
    precision: 10,
    scale: 2,
};

fn dec(v: i128) -> ArrayRef {
    arr(Decimal128Array::from(vec![v])
        .with_precision_and_scale(10, 2)
        .unwrap())
}

#[test]
fn text_to_numbers_dates_and_guids() {
    let t = |s: &str| arr(StringArray::from(vec![s]));
    let (r, b) = one(&t(" 42 "), W, SQL_C_SLONG, 4);
    assert_eq!((r, b.read::<i32>()), (Ok(CellStatus::Ok), 42));
    let (r, b) = one(&t("4.5"), W, SQL_C_SSHORT, 2);
    assert_eq!(
        (r, b.read::<i16>()),
        (Ok(CellStatus::FractionalTruncation), 4)
    );
    assert_eq!(state(&t("abc"), W, SQL_C_SLONG, 4), "22018");
    assert_eq!(state(&t("99999999999"), W, SQL_C_SLONG, 4), "22003");
    let (r, b) = one(&t("-1.5e2"), W, SQL_C_DOUBLE, 8);
    assert_eq!((r, b.read::<f64>()), (Ok(CellStatus::Ok), -150.0));
    let (r, b) = one(&t("12.345"), W, SQL_C_NUMERIC, 19);
    let n: NumericStruct = b.read();
    assert_eq!(
        (r, n.scale, u128::from_le_bytes(n.val)),
        (Ok(CellStatus::FractionalTruncation), 0, 12)
    );
    let (r, b) = one(&t("1"), W, SQL_C_BIT, 1);
    assert_eq!((r, b.read::<u8>()), (Ok(CellStatus::Ok), 1));
    assert_eq!(state(&t("yes"), W, SQL_C_BIT, 1), "22018");
    let (r, b) = one(&t("2024-02-29"), W, SQL_C_TYPE_DATE, 6);
    assert_eq!((r, b.read::<DateStruct>().month), (Ok(CellStatus::Ok), 2));
    let (r, b) = one(&t("2024-02-29 10:00:00"), W, SQL_C_TYPE_DATE, 6);
    assert_eq!(
        (r, b.read::<DateStruct>().day),
        (Ok(CellStatus::FractionalTruncation), 29)
    );
    assert_eq!(state(&t("2024-02-30"), W, SQL_C_TYPE_DATE, 6), "22018");
    assert_eq!(state(&t("10:11:12"), W, SQL_C_TYPE_DATE, 6), "22018");
    assert_eq!(state(&t("2024-02-29"), W, SQL_C_TYPE_TIME, 6), "22018");
    let (r, b) = one(&t("{t '10:11:12'}"), W, SQL_C_TYPE_TIMESTAMP, 16);
    let s: TimestampStruct = b.read();
    assert_eq!(
        (r, s.year as i32, s.hour),
        (Ok(CellStatus::Ok), chrono::Utc::now().year(), 10)
    );
    let (r, b) = one(&t("2024-02-29"), W, SQL_C_TYPE_TIMESTAMP, 16);
    assert_eq!(
        (r, b.read::<TimestampStruct>().hour),
        (Ok(CellStatus::Ok), 0)
    );
    let (r, b) = one(&t("2024-02-29 10:11:12.5"), W, SQL_C_TYPE_TIME, 6);
    assert_eq!(
        (r, b.read::<TimeStruct>().second),
        (Ok(CellStatus::FractionalTruncation), 12)
    );
    let (r, b) = one(
        &t("{6F9619FF-8B86-D011-B42D-00C04FC964FF}"),
        W,
        SQL_C_GUID,
        16,
    );
    let g: Guid = b.read();
    assert_eq!(
        (r, g.data1, g.data2, g.data4[7]),
        (Ok(CellStatus::Ok), 0x6F9619FF, 0x8B86, 0xFF)
    );
    assert_eq!(state(&t("not-a-guid"), W, SQL_C_GUID, 16), "22018");
    // LargeUtf8 and Utf8View are read the same way.
    let large = arr(LargeStringArray::from(vec!["7"]));
    assert_eq!(one(&large, W, SQL_C_SLONG, 4).1.read::<i32>(), 7);
    let view = arr(StringViewArray::from(vec![
        "a longer string than twelve bytes",
    ]));
    assert_eq!(
        one(&view, W, SQL_C_CHAR, 64).1.text(),
        "a longer string than twelve bytes"
    );
}

#[test]
fn binary_and_text_as_binary() {
    let bin = arr(BinaryArray::from(vec![&[0x0Au8, 0xFF, 0x00][..]]));
    let vb = SqlType::VarBinary { length: 10 };
    let (r, b) = one(&bin, vb, SQL_C_CHAR, 10);
    assert_eq!(
        (r, b.text(), b.ind()),
        (Ok(CellStatus::Ok), "0AFF00".into(), 6)
    );
    let (r, b) = one(&bin, vb, SQL_C_WCHAR, 20);
    assert_eq!(
        (r, b.wtext(), b.ind()),
        (Ok(CellStatus::Ok), "0AFF00".into(), 12)
    );
    let (r, b) = one(&bin, vb, SQL_C_BINARY, 3);
    assert_eq!(
        (r, b.data(), b.ind()),
        (Ok(CellStatus::Ok), &[0x0Au8, 0xFF, 0][..], 3)
    );
    for c in [SQL_C_SLONG, SQL_C_TYPE_DATE, SQL_C_BIT, SQL_C_DOUBLE] {
        assert_eq!(state(&bin, vb, c, 8), "07006");
    }
    let text = arr(StringArray::from(vec!["é"]));
    let (r, b) = one(&text, W, SQL_C_BINARY, 8);
    assert_eq!(
        (r, b.ind(), &b.data()[..2]),
        (Ok(CellStatus::Ok), 2, &0xE9u16.to_ne_bytes()[..])
    );
    let (r, b) = one(&text, SqlType::Varchar { length: 4 }, SQL_C_BINARY, 8);
    assert_eq!(
        (r, b.ind(), &b.data()[..2]),
        (Ok(CellStatus::Ok), 2, &[0xC3u8, 0xA9][..])
    );
    let int = arr(Int32Array::from(vec![0x01020304]));
    let (r, b) = one(&int, SqlType::Integer, SQL_C_BINARY, 4);
    assert_eq!(
        (r, b.ind(), b.read::<i32>()),
        (Ok(CellStatus::Ok), 4, 0x01020304)
    );
    assert_eq!(state(&int, SqlType::Integer, SQL_C_BINARY, 3), "22003");
    let (r, b) = one(&dec(-5), DEC, SQL_C_BINARY, 19);
    let n: NumericStruct = b.read();
    assert_eq!(
        (r, n.sign, n.scale, u128::from_le_bytes(n.val)),
        (Ok(CellStatus::Ok), 0, 2, 5)
    );
}
