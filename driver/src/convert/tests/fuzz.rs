//! A deterministic property loop: random cells, C types, buffer lengths,
//! null pointers and parameter bytes never panic, never write outside the
//! buffer, and SQLGetData always ends.

use arrow_array::*;
use sql::SqlType;

use super::{arr, Buf};
use crate::convert::c_types::*;
use crate::convert::{read_param, CellStatus, ParamBinding};

/// xorshift64*: reproducible without extra crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const C_TYPES: [i16; 27] = [
    SQL_C_CHAR,
    SQL_C_WCHAR,
    SQL_C_BINARY,
    SQL_C_BIT,
    SQL_C_TINYINT,
    SQL_C_STINYINT,
    SQL_C_UTINYINT,
    SQL_C_SHORT,
    SQL_C_SSHORT,
    SQL_C_USHORT,
    SQL_C_LONG,
    SQL_C_SLONG,
    SQL_C_ULONG,
    SQL_C_SBIGINT,
    SQL_C_UBIGINT,
    SQL_C_FLOAT,
    SQL_C_DOUBLE,
    SQL_C_NUMERIC,
    SQL_C_TYPE_DATE,
    SQL_C_TYPE_TIME,
    SQL_C_TYPE_TIMESTAMP,
    SQL_C_DATE,
    SQL_C_TIME,
    SQL_C_TIMESTAMP,
    SQL_C_DEFAULT,
    SQL_C_GUID,
    1234,
];

const PIECES: [&str; 12] = [
    "a",
    "é",
    "漢",
    "😀",
    "0",
    "9",
    ".",
    "-",
    " ",
    "e",
    ":",
    "2024-02-29 10:11:12.5",
];

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(12)).map(|_| rng.pick(&PIECES)).collect()
}

fn random_cell(rng: &mut Rng) -> (ArrayRef, SqlType) {
    let i = rng.next() as i64;
    match rng.below(11) {
        0 => (
            arr(Int64Array::from(vec![i >> rng.below(64)])),
            SqlType::BigInt,
        ),
        1 => (arr(Int32Array::from(vec![i as i32])), SqlType::Integer),
        2 => (
            arr(Float64Array::from(vec![f64::from_bits(rng.next())])),
            SqlType::Double,
        ),
        3 => (
            arr(Float32Array::from(vec![f32::from_bits(rng.next() as u32)])),
            SqlType::Real,
        ),
        4 => {
            let p = 1 + rng.below(38) as u8;
            let s = rng.below(u64::from(p) + 1) as i8;
            let v = (i as i128) % 10i128.pow(u32::from(p.min(18)));
            let a = Decimal128Array::from(vec![v])
                .with_precision_and_scale(p, s)
                .unwrap();
            (
                arr(a),
                SqlType::Decimal {
                    precision: p,
                    scale: s,
                },
            )
        }
        5 => (
            arr(StringArray::from(vec![random_text(rng)])),
            SqlType::WVarchar { length: 100 },
        ),
        6 => {
            let bytes: Vec<u8> = (0..rng.below(20)).map(|_| rng.next() as u8).collect();
            (
                arr(BinaryArray::from(vec![&bytes[..]])),
                SqlType::VarBinary { length: 20 },
            )
        }
        7 => (
            arr(Date32Array::from(vec![(i % 3_000_000) as i32])),
            SqlType::Date,
        ),
        8 => (
            arr(Time64MicrosecondArray::from(vec![
                i.rem_euclid(86_400_000_000)
            ])),
            SqlType::Time { fraction_digits: 6 },
        ),
        9 => (
            arr(
                TimestampMicrosecondArray::from(vec![i % 100_000_000_000_000_000])
                    .with_timezone("UTC"),
            ),
            SqlType::Timestamp { fraction_digits: 6 },
        ),
        _ => (
            arr(BooleanArray::from(vec![Some(i & 1 == 1), None])),
            SqlType::Bit,
        ),
    }
}

#[test]
fn random_cells_and_buffers_never_panic_nor_overflow() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut errors = std::collections::HashMap::new();
    let mut statuses = std::collections::HashMap::new();
    for _ in 0..20_000 {
        let (array, sql_type) = random_cell(&mut rng);
        let row = rng.below(array.len() as u64 + 1) as usize;
        let c_type = rng.pick(&C_TYPES);
        let len = rng.below(40) as usize;
        let mut b = Buf::at(c_type, len, rng.below(8) as usize);
        b.null_ptr = rng.below(10) == 0;
        b.null_ind = rng.below(10) == 0;
        b.precision = rng.below(45) as i16 - 2;
        b.scale = rng.below(45) as i16 - 5;
        // Calls end: every piece either progresses or the buffer is too small.
        for _ in 0..200 {
            match b.get(&array, row, sql_type) {
                Ok(CellStatus::NoMoreData) => break,
                Err(e) => {
                    *errors.entry(e.sqlstate).or_insert(0) += 1;
                    break;
                }
                Ok(status) => *statuses.entry(format!("{status:?}")).or_insert(0) += 1,
            }
        }
    }
    // The loop reaches every outcome, so it is not vacuous.
    for state in ["07006", "22002", "22003", "22018", "HY003", "HY000"] {
        assert!(
            errors.contains_key(state),
            "{state} never produced: {errors:?}"
        );
    }
    for status in ["Ok", "Truncated", "FractionalTruncation"] {
        assert!(
            statuses.contains_key(status),
            "{status} never produced: {statuses:?}"
        );
    }
}

#[test]
fn random_parameter_bytes_never_panic() {
    let sql_types = [
        SQL_CHAR,
        SQL_VARCHAR,
        SQL_WVARCHAR,
        SQL_DECIMAL,
        SQL_NUMERIC,
        SQL_INTEGER,
        SQL_SMALLINT,
        SQL_TINYINT,
        SQL_BIGINT,
        SQL_BIT,
        SQL_REAL,
        SQL_DOUBLE,
        SQL_FLOAT,
        SQL_TYPE_DATE,
        SQL_TYPE_TIME,
        SQL_TYPE_TIMESTAMP,
        SQL_DATE,
        SQL_TIMESTAMP,
        SQL_VARBINARY,
        SQL_GUID,
        SQL_UNKNOWN_TYPE,
        555,
    ];
    let mut rng = Rng(42);
    let (mut ok, mut errors) = (0, std::collections::HashSet::new());
    for _ in 0..20_000 {
        // Random bytes, then zeros so that NUL-terminated reads end in the allocation.
        let size = rng.below(48) as usize;
        let mut mem: Vec<u8> = (0..size).map(|_| rng.next() as u8).collect();
        for _ in 0..rng.below(3) {
            mem.extend_from_slice(PIECES[rng.below(12) as usize].as_bytes());
        }
        let data_len = mem.len();
        mem.extend_from_slice(&[0u8; 24]);
        let c_type = rng.pick(&C_TYPES);
        let ind: isize = match rng.below(8) {
            0 => SQL_NTS,
            1 => SQL_NULL_DATA,
            2 => SQL_DEFAULT_PARAM,
            3 => SQL_DATA_AT_EXEC,
            4 => -(rng.below(200) as isize),
            _ => rng.below(data_len as u64 + 1) as isize,
        };
        // The value must fit in the allocation for fixed types.
        let fixed = fixed_c_type_size(c_type).unwrap_or(0);
        if fixed > mem.len() {
            continue;
        }
        let b = ParamBinding {
            c_type,
            sql_type: rng.pick(&sql_types),
            column_size: rng.below(50),
            decimal_digits: rng.below(10) as i16,
            value_ptr: mem.as_ptr() as *const _,
            buffer_length: rng.below(data_len as u64 + 1) as isize,
            str_len_or_ind_ptr: if rng.below(4) == 0 {
                std::ptr::null()
            } else {
                &ind
            },
            bind_offset: 0,
            row_size: 0,
        };
        match read_param(&b, 0) {
            Ok(_) => ok += 1,
            Err(e) => {
                errors.insert(e.sqlstate);
            }
        }
    }
    assert!(ok > 1000, "{ok} successes");
    for state in [
        "07006", "07S01", "HY010", "HY090", "22018", "22003", "22001", "HY003",
    ] {
        assert!(errors.contains(state), "{state} never produced: {errors:?}");
    }
}
