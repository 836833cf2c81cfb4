//! SQLGetData in pieces: CHAR (UTF-8, never cutting a character), WCHAR
//! (never cutting a surrogate pair), BINARY; lengths and the end.

use arrow_array::*;
use sql::SqlType;

use super::{arr, Buf};
use crate::convert::c_types::*;
use crate::convert::CellStatus;

const W: SqlType = SqlType::WVarchar { length: 100 };

/// Calls until NoMoreData; returns the pieces' contents, indicators and statuses.
fn drain(
    array: &ArrayRef,
    sql_type: SqlType,
    c_type: i16,
    len: usize,
) -> (Vec<u8>, Vec<isize>, Vec<CellStatus>) {
    let mut b = Buf::at(c_type, len, 1);
    let (mut all, mut inds, mut statuses) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..100 {
        let status = b.get(array, 0, sql_type).unwrap();
        statuses.push(status);
        if status == CellStatus::NoMoreData {
            return (all, inds, statuses);
        }
        let ind = b.ind();
        inds.push(ind);
        let unit = if c_type == SQL_C_WCHAR { 2 } else { 1 };
        let written = match c_type {
            SQL_C_BINARY => (ind as usize).min(len),
            // Up to the terminator.
            _ => {
                let d = b.data();
                (0..d.len() / unit)
                    .find(|&i| d[i * unit..i * unit + unit].iter().all(|&x| x == 0))
                    .map(|i| i * unit)
                    .unwrap()
            }
        };
        all.extend_from_slice(&b.data()[..written]);
    }
    panic!("never reached NoMoreData");
}

#[test]
fn char_pieces_never_cut_utf8_and_report_the_remaining_length() {
    let text = "héllo wörld ✓ 漢字";
    let a = arr(StringArray::from(vec![text]));
    let (all, inds, statuses) = drain(&a, W, SQL_C_CHAR, 5);
    assert_eq!(String::from_utf8(all).unwrap(), text);
    // The first indicator is the full byte length, then what remains.
    assert_eq!(inds[0], text.len() as isize);
    assert!(inds.windows(2).all(|w| w[1] < w[0]));
    assert_eq!(statuses.last(), Some(&CellStatus::NoMoreData));
    assert!(statuses[..statuses.len() - 2]
        .iter()
        .all(|s| *s == CellStatus::Truncated));
    assert_eq!(statuses[statuses.len() - 2], CellStatus::Ok);
}

#[test]
fn wchar_pieces_never_split_a_surrogate_pair() {
    let text = "a😀b😀😀c";
    let a = arr(StringArray::from(vec![text]));
    let utf16_len = text.encode_utf16().count() as isize * 2;
    // 6 bytes: two units of data + terminator; 7 (odd) behaves the same.
    for len in [6, 7, 8] {
        let (all, inds, _) = drain(&a, W, SQL_C_WCHAR, len);
        let units: Vec<u16> = all
            .chunks_exact(2)
            .map(|c| u16::from_ne_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(String::from_utf16(&units).unwrap(), text, "buffer {len}");
        assert_eq!(inds[0], utf16_len);
        assert!(inds.iter().all(|i| i % 2 == 0));
    }
    // A buffer holding one unit of data cannot take 😀: nothing advances.
    let emoji = arr(StringArray::from(vec!["😀"]));
    let mut b = Buf::new(SQL_C_WCHAR, 4);
    assert_eq!(b.get(&emoji, 0, W), Ok(CellStatus::Truncated));
    assert_eq!(b.ind(), 4);
    assert_eq!(&b.data()[..2], &[0, 0]);
}

#[test]
fn binary_pieces() {
    let bytes: Vec<u8> = (0u8..10).collect();
    let a = arr(BinaryArray::from(vec![&bytes[..]]));
    let (all, inds, statuses) = drain(&a, SqlType::VarBinary { length: 10 }, SQL_C_BINARY, 4);
    assert_eq!(all, bytes);
    assert_eq!(inds, vec![10, 6, 2]);
    assert_eq!(
        statuses,
        vec![
            CellStatus::Truncated,
            CellStatus::Truncated,
            CellStatus::Ok,
            CellStatus::NoMoreData
        ]
    );
    let text = arr(StringArray::from(vec!["abcdef"]));
    let (all, inds, _) = drain(&text, SqlType::Varchar { length: 6 }, SQL_C_BINARY, 4);
    assert_eq!((all, inds), (b"abcdef".to_vec(), vec![6, 2]));
}

#[test]
fn hex_of_binary_in_char_pieces() {
    let a = arr(BinaryArray::from(vec![&[0xDEu8, 0xAD, 0xBE, 0xEF][..]]));
    let (all, inds, _) = drain(&a, SqlType::VarBinary { length: 4 }, SQL_C_CHAR, 4);
    assert_eq!(
        (String::from_utf8(all).unwrap(), inds[0]),
        ("DEADBEEF".into(), 8)
    );
}

#[test]
fn zero_length_buffers_and_empty_values() {
    let a = arr(StringArray::from(vec!["abc", ""]));
    let mut b = Buf::new(SQL_C_CHAR, 0);
    assert_eq!(b.get(&a, 0, W), Ok(CellStatus::Truncated));
    assert_eq!(b.ind(), 3);
    b.check_canaries();
    let mut b = Buf::new(SQL_C_WCHAR, 0);
    assert_eq!(b.get(&a, 0, W), Ok(CellStatus::Truncated));
    assert_eq!(b.ind(), 6);
    // One byte: only the terminator, 01004 with the whole length.
    let mut b = Buf::new(SQL_C_CHAR, 1);
    assert_eq!(b.get(&a, 0, W), Ok(CellStatus::Truncated));
    assert_eq!((b.data()[0], b.ind()), (0, 3));
    // Empty text: success with length 0, then no more data.
    let mut b = Buf::new(SQL_C_CHAR, 4);
    assert_eq!(b.get(&a, 1, W), Ok(CellStatus::Ok));
    assert_eq!((b.text(), b.ind()), (String::new(), 0));
    assert_eq!(b.get(&a, 1, W), Ok(CellStatus::NoMoreData));
    let mut b = Buf::new(SQL_C_BINARY, 0);
    assert_eq!(b.get(&a, 1, W), Ok(CellStatus::Ok));
    assert_eq!(b.ind(), 0);
}

#[test]
fn a_three_byte_character_waits_for_a_big_enough_buffer() {
    let a = arr(StringArray::from(vec!["漢"]));
    let mut b = Buf::new(SQL_C_CHAR, 3);
    assert_eq!(b.get(&a, 0, W), Ok(CellStatus::Truncated));
    assert_eq!((b.text(), b.ind()), (String::new(), 3));
    let mut bigger = Buf::new(SQL_C_CHAR, 4);
    bigger.piece = std::mem::take(&mut b.piece);
    assert_eq!(bigger.get(&a, 0, W), Ok(CellStatus::Ok));
    assert_eq!(bigger.text(), "漢");
}

#[test]
fn numbers_as_text_in_pieces_after_the_whole_digits() {
    let a = arr(Float64Array::from(vec![-12.0625]));
    let (all, inds, _) = drain(&a, SqlType::Double, SQL_C_CHAR, 5);
    assert_eq!(
        (String::from_utf8(all).unwrap(), inds[0]),
        ("-12.0625".into(), 8)
    );
}
