//! Decoder tests on real-shaped Kintone pages (facts §8).

mod errors;
mod tables;
mod values;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Decimal128Type, Float64Type, Int64Type, Time64MicrosecondType,
    TimestampMicrosecondType,
};
use arrow_array::{Array, RecordBatch};

use super::{ColumnSpec, ColumnType, DecodedPage, RecordPlan};
use crate::schema::FieldType;

/// `"code":{"type":"TYPE","value":VALUE}` with `value` given as JSON text.
fn field(code: &str, field_type: &str, value: &str) -> String {
    format!(r#""{code}":{{"type":"{field_type}","value":{value}}}"#)
}

/// A record with the given fields, `$revision` and `$id` last as Kintone sends them.
fn record(id: u64, fields: &[String]) -> String {
    let mut parts = fields.to_vec();
    parts.push(field("$revision", "__REVISION__", r#""3""#));
    parts.push(field("$id", "__ID__", &format!(r#""{id}""#)));
    format!("{{{}}}", parts.join(","))
}

/// A `records.json` page.
fn page(records: &[String]) -> String {
    format!(
        r#"{{"records":[{}],"totalCount":"{}"}}"#,
        records.join(","),
        records.len()
    )
}

/// One page of one record holding one field, decoded into one column.
fn decode_one(field_type: FieldType, target: ColumnType, value: &str) -> DecodedPage {
    try_decode_one(field_type, target, value).unwrap()
}

fn try_decode_one(
    field_type: FieldType,
    target: ColumnType,
    value: &str,
) -> Result<DecodedPage, super::DecodeError> {
    let body = page(&[record(7, &[field("f", field_type.name(), value)])]);
    let plan = RecordPlan::new(vec![ColumnSpec::new("f", field_type, target)]).unwrap();
    plan.decode(body.as_bytes())
}

fn strings(batch: &RecordBatch, column: usize) -> Vec<Option<String>> {
    let array = batch.column(column).as_string::<i32>();
    (0..array.len())
        .map(|i| array.is_valid(i).then(|| array.value(i).to_string()))
        .collect()
}

fn ints(batch: &RecordBatch, column: usize) -> Vec<Option<i64>> {
    batch
        .column(column)
        .as_primitive::<Int64Type>()
        .iter()
        .collect()
}

fn decimals(batch: &RecordBatch, column: usize) -> Vec<Option<i128>> {
    batch
        .column(column)
        .as_primitive::<Decimal128Type>()
        .iter()
        .collect()
}

fn floats(batch: &RecordBatch, column: usize) -> Vec<Option<f64>> {
    batch
        .column(column)
        .as_primitive::<Float64Type>()
        .iter()
        .collect()
}

fn dates(batch: &RecordBatch, column: usize) -> Vec<Option<i32>> {
    batch
        .column(column)
        .as_primitive::<Date32Type>()
        .iter()
        .collect()
}

fn times(batch: &RecordBatch, column: usize) -> Vec<Option<i64>> {
    batch
        .column(column)
        .as_primitive::<Time64MicrosecondType>()
        .iter()
        .collect()
}

fn timestamps(batch: &RecordBatch, column: usize) -> Vec<Option<i64>> {
    batch
        .column(column)
        .as_primitive::<TimestampMicrosecondType>()
        .iter()
        .collect()
}

fn lists(batch: &RecordBatch, column: usize) -> Vec<Option<Vec<String>>> {
    let array = batch.column(column).as_list::<i32>();
    (0..array.len())
        .map(|i| {
            array.is_valid(i).then(|| {
                let values = array.value(i);
                let values = values.as_string::<i32>();
                values.iter().map(|v| v.unwrap().to_string()).collect()
            })
        })
        .collect()
}
