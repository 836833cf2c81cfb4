//! The page level: `{"records":[...], "totalCount":..., "next":...}` (or
//! `{"record":{...}}`) decoded into one `RecordBatch`.

use std::fmt;

use arrow_array::builder::Int64Builder;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions, UInt32Array};
use arrow_schema::SchemaRef;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Ctx, FieldSet, RecordSeed};
use super::plan::{ColumnSpec, ColumnType, RecordPlan, SubtablePlan};
use super::scalar;
use super::table::TableState;
use crate::schema::FieldType;

/// Initial builder capacity: Kintone's largest page.
const PAGE_CAPACITY: usize = 500;

/// A decoded page.
#[derive(Clone, Debug)]
pub struct DecodedPage {
    /// The rows: one per record, or one per table row for a [`SubtablePlan`].
    pub batch: RecordBatch,
    /// Records in the page.
    pub records: usize,
    /// `totalCount` when the response carried one (records.json with `totalCount=true`).
    pub total_count: Option<u64>,
    /// `next` of a cursor page.
    pub next: Option<bool>,
    /// `$id` of the page's last record, when records carry `$id` (for the seek method).
    pub last_record_id: Option<u64>,
}

/// Decode state of one page.
struct PageState {
    fields: FieldSet,
    table: Option<TableState>,
    ctx: Ctx,
    records: usize,
    total_count: Option<u64>,
    next: Option<bool>,
    last_record_id: Option<u64>,
    /// Whether some `records`/`record` member was found.
    saw_records: bool,
}

/// Message of the serde error that aborts a parse after a semantic error
/// (the real error is in `Ctx::error`).
const ABORT: &str = "aborted on a decode error";

impl PageState {
    fn record<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        single: bool,
    ) -> Result<(), A::Error> {
        self.saw_records = true;
        if single {
            map.next_value_seed(OneRecord(self))
        } else {
            map.next_value_seed(Records(self))
        }
    }

    /// Decodes one record at the current position of the records array or object.
    fn one<'de, D: de::Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        self.ctx.record_id.clear();
        if let Some(table) = &mut self.table {
            table.current_parent = self.records as u32;
        }
        RecordSeed {
            fields: &mut self.fields,
            table: self.table.as_mut(),
            ctx: &mut self.ctx,
        }
        .deserialize(d)?;
        if let Some(error) = &mut self.ctx.error {
            if !self.ctx.record_id.is_empty() {
                error.record_id = Some(self.ctx.record_id.clone());
            }
            error.record_index = Some(self.records);
            return Err(de::Error::custom(ABORT));
        }
        self.last_record_id = scalar::parse_i64(&self.ctx.record_id)
            .ok()
            .and_then(|id| u64::try_from(id).ok());
        self.records += 1;
        Ok(())
    }
}

struct PageSeed<'a>(&'a mut PageState);

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a records page object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "records" => self.0.record(&mut map, false)?,
                "record" => self.0.record(&mut map, true)?,
                "totalCount" => {
                    let text: Option<serde_json::Value> = map.next_value()?;
                    self.0.total_count = match text {
                        Some(serde_json::Value::String(s)) => s.parse().ok(),
                        Some(serde_json::Value::Number(n)) => n.as_u64(),
                        _ => None,
                    };
                }
                "next" => self.0.next = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Records<'a>(&'a mut PageState);

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(OneRecord(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

struct OneRecord<'a>(&'a mut PageState);

impl<'de> DeserializeSeed<'de> for OneRecord<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.one(d)
    }
}

/// Parses `body` into `state`, mapping serde's errors to [`DecodeError`].
fn run(body: &[u8], state: &mut PageState) -> Result<(), DecodeError> {
    // One UTF-8 check of the whole body is cheaper than one per string.
    let text = std::str::from_utf8(body).map_err(|e| {
        DecodeError::new(DecodeErrorKind::Malformed(format!(
            "the body is not UTF-8: {e}"
        )))
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let result =
        de::Deserializer::deserialize_map(&mut de, PageSeed(state)).and_then(|()| de.end());
    if let Err(e) = result {
        if let Some(error) = state.ctx.error.take() {
            return Err(error);
        }
        let mut error = DecodeError::new(DecodeErrorKind::Malformed(e.to_string()));
        error.record_index = Some(state.records);
        return Err(error);
    }
    if !state.saw_records {
        return Err(DecodeError::new(DecodeErrorKind::Malformed(
            "the body has no \"records\" (or \"record\")".into(),
        )));
    }
    Ok(())
}

fn batch(
    schema: SchemaRef,
    columns: Vec<ArrayRef>,
    rows: usize,
) -> Result<RecordBatch, DecodeError> {
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(schema, columns, &options)
        .map_err(|e| DecodeError::new(DecodeErrorKind::Malformed(e.to_string())))
}

fn new_state(fields: FieldSet, table: Option<TableState>) -> PageState {
    PageState {
        fields,
        table,
        ctx: Ctx::default(),
        records: 0,
        total_count: None,
        next: None,
        last_record_id: None,
        saw_records: false,
    }
}

impl RecordPlan {
    /// Decodes a page of `records.json`, the cursor GET or `record.json`
    /// into one row per record.
    pub fn decode(&self, body: &[u8]) -> Result<DecodedPage, DecodeError> {
        let fields = FieldSet::new(&self.columns, None, None, PAGE_CAPACITY)?;
        let mut state = new_state(fields, None);
        run(body, &mut state)?;
        let records = state.records;
        debug_assert!(state.fields.rows().is_none_or(|rows| rows == records));
        let columns = state
            .fields
            .columns
            .into_iter()
            .map(|c| c.finish())
            .collect();
        Ok(DecodedPage {
            batch: batch(self.schema(), columns, records)?,
            records,
            total_count: state.total_count,
            next: state.next,
            last_record_id: state.last_record_id,
        })
    }
}

impl SubtablePlan {
    /// Decodes a page into one row per row of the plan's table.
    pub fn decode(&self, body: &[u8]) -> Result<DecodedPage, DecodeError> {
        let mut parent = Vec::with_capacity(self.parent.len() + 1);
        parent.push(
            ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64).named(&self.record_id_name),
        );
        parent.extend(self.parent.iter().cloned());
        let fields = FieldSet::new(&parent, None, Some(&self.table_code), PAGE_CAPACITY)?;
        let table = TableState {
            fields: FieldSet::new(&self.fields, Some(&self.table_code), None, PAGE_CAPACITY)?,
            row_ids: Int64Builder::with_capacity(PAGE_CAPACITY),
            parent_index: Vec::with_capacity(PAGE_CAPACITY),
            current_parent: 0,
        };
        let mut state = new_state(fields, Some(table));
        run(body, &mut state)?;
        let mut table = state.table.take().expect("set above");
        let rows = table.parent_index.len();
        let indices = UInt32Array::from(std::mem::take(&mut table.parent_index));
        let take = |array: ArrayRef| {
            arrow_select::take::take(&array, &indices, None)
                .map_err(|e| DecodeError::new(DecodeErrorKind::Malformed(e.to_string())))
        };
        let mut parents = state.fields.columns.into_iter().map(|c| c.finish());
        let mut columns = Vec::with_capacity(self.schema().fields().len());
        columns.push(take(parents.next().expect("the $id column"))?);
        columns.push(std::sync::Arc::new(table.row_ids.finish()) as ArrayRef);
        for array in parents {
            columns.push(take(array)?);
        }
        columns.extend(table.fields.columns.into_iter().map(|c| c.finish()));
        Ok(DecodedPage {
            batch: batch(self.schema(), columns, rows)?,
            records: state.records,
            total_count: state.total_count,
            next: state.next,
            last_record_id: state.last_record_id,
        })
    }
}
