//! One text form per value, so that the engine's Arrow cells and SQLite's
//! cells compare: numbers by value (DECIMAL, BIGINT and REAL alike, to 6
//! decimals), booleans as 1/0, timestamps as `YYYY-MM-DD HH:MM:SS[.f]`.

use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use datafusion::arrow::util::display::array_value_to_string;

/// A number's text: integral values without decimals, others rounded to 6.
pub fn number(value: f64) -> String {
    if value == value.trunc() && value.abs() < 1e15 {
        let text = format!("{value:.0}");
        return if text == "-0" { "0".into() } else { text };
    }
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_owned()
    }
}

/// `2024-01-01T00:00:00Z` (SQLite's stored form, Arrow's UTC display) ->
/// `2024-01-01 00:00:00`; None for other text.
pub fn timestamp_text(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && (text.ends_with('Z') || text.ends_with("+00:00"));
    if !shaped || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let body = text.trim_end_matches('Z').trim_end_matches("+00:00");
    Some(body.replacen('T', " ", 1))
}

/// The rows of a batch as canonical text cells.
pub fn batch_rows(batch: &RecordBatch) -> Vec<Vec<String>> {
    let columns = batch.columns();
    (0..batch.num_rows())
        .map(|row| {
            columns
                .iter()
                .map(|column| cell(column.as_ref(), row))
                .collect()
        })
        .collect()
}

fn cell(column: &dyn Array, row: usize) -> String {
    if column.is_null(row) {
        return "NULL".into();
    }
    let shown = array_value_to_string(column, row).expect("displayable");
    match column.data_type() {
        DataType::Boolean => if shown == "true" { "1" } else { "0" }.into(),
        DataType::Float16
        | DataType::Float32
        | DataType::Float64
        | DataType::Decimal32(..)
        | DataType::Decimal64(..)
        | DataType::Decimal128(..)
        | DataType::Decimal256(..) => number(shown.parse::<f64>().expect("a number")),
        DataType::Timestamp(_, _) => {
            timestamp_text(&shown).unwrap_or_else(|| shown.replacen('T', " ", 1))
        }
        _ => shown,
    }
}
