//! The fixed tables: `Apps`, `FormFields`, `Views`, `Comments`, `Spaces`.
//!
//! They are read whole when scanned (they are small), except that an
//! `AppId = n` (and, for `Comments`, `RecordId = n`) condition limits
//! which apps (records) are asked about. `Comments` needs both: Kintone
//! only lists comments of one record at a time.

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Int64Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Schema, SchemaRef};
use chrono::DateTime;
use kintone_core::Client;
use serde_json::{json, Value as Json};

use super::build::{ColumnDef, ColumnRole, TableDef, TableSource};
use super::{ColumnInfo, TableInfo, TableKind};
use crate::error::{Error, Result};
use crate::pushdown::ColumnBinding;
use crate::types::{SqlType, DEFAULT_TEXT_LENGTH};

/// One fixed table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedTable {
    Apps,
    FormFields,
    Views,
    Comments,
    Spaces,
}

pub const ALL: [FixedTable; 5] = [
    FixedTable::Apps,
    FixedTable::FormFields,
    FixedTable::Views,
    FixedTable::Comments,
    FixedTable::Spaces,
];

const TEXT: SqlType = SqlType::WVarchar {
    length: DEFAULT_TEXT_LENGTH,
};
const ID: SqlType = SqlType::BigInt;
const STAMP: SqlType = SqlType::Timestamp { fraction_digits: 0 };

/// Which rows a scan of a fixed table asks Kintone for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixedFilter {
    pub app_id: Option<u64>,
    pub record_id: Option<u64>,
}

impl FixedTable {
    pub fn name(&self) -> &'static str {
        match self {
            FixedTable::Apps => "Apps",
            FixedTable::FormFields => "FormFields",
            FixedTable::Views => "Views",
            FixedTable::Comments => "Comments",
            FixedTable::Spaces => "Spaces",
        }
    }

    fn remarks(&self) -> &'static str {
        match self {
            FixedTable::Apps => "The apps this connection exposes",
            FixedTable::FormFields => "The fields of each app (filter by AppId)",
            FixedTable::Views => "The views of each app (filter by AppId)",
            FixedTable::Comments => "Comments of one record (needs AppId = n AND RecordId = n)",
            FixedTable::Spaces => "The spaces holding the exposed apps",
        }
    }

    /// Column names and types, in order.
    fn columns(&self) -> &'static [(&'static str, SqlType, bool)] {
        match self {
            FixedTable::Apps => &[
                ("AppId", ID, false),
                ("Code", TEXT, true),
                ("Name", TEXT, false),
                ("Description", TEXT, true),
                ("SpaceId", ID, true),
                ("ThreadId", ID, true),
                ("CreatedAt", STAMP, true),
                ("Creator", TEXT, true),
                ("ModifiedAt", STAMP, true),
                ("Modifier", TEXT, true),
            ],
            FixedTable::FormFields => &[
                ("AppId", ID, false),
                ("FieldCode", TEXT, false),
                ("Label", TEXT, true),
                ("Type", TEXT, false),
                ("Required", SqlType::Bit, false),
                ("Unique", SqlType::Bit, false),
                ("Subtable", TEXT, true),
                ("MaxLength", ID, true),
                ("Options", TEXT, true),
            ],
            FixedTable::Views => &[
                ("AppId", ID, false),
                ("ViewId", ID, true),
                ("Name", TEXT, false),
                ("Type", TEXT, true),
                ("FilterCond", TEXT, true),
                ("Sort", TEXT, true),
                ("Index", ID, true),
            ],
            FixedTable::Comments => &[
                ("AppId", ID, false),
                ("RecordId", ID, false),
                ("CommentId", ID, false),
                ("Text", TEXT, true),
                ("CreatedAt", STAMP, true),
                ("Creator", TEXT, true),
                ("CreatorName", TEXT, true),
                ("Mentions", TEXT, true),
            ],
            FixedTable::Spaces => &[
                ("SpaceId", ID, false),
                ("Name", TEXT, true),
                ("IsGuest", SqlType::Bit, true),
                ("Creator", TEXT, true),
            ],
        }
    }

    pub fn table_def(&self) -> TableDef {
        let name = self.name();
        let columns = self
            .columns()
            .iter()
            .enumerate()
            .map(|(i, (column, sql_type, nullable))| ColumnDef {
                info: ColumnInfo {
                    table: name.to_owned(),
                    name: (*column).to_owned(),
                    ordinal: i as u32 + 1,
                    sql_type: *sql_type,
                    nullable: *nullable,
                    remarks: String::new(),
                    field_code: None,
                    primary_key_seq: None,
                    writable: false,
                    searchable: true,
                    default: None,
                },
                role: ColumnRole::Fixed,
                binding: ColumnBinding {
                    name: (*column).to_owned(),
                    field: None,
                    sql_type: *sql_type,
                    in_subtable_row: false,
                },
            })
            .collect();
        TableDef {
            info: TableInfo {
                name: name.to_owned(),
                kind: TableKind::SystemTable,
                remarks: self.remarks().to_owned(),
                app_id: None,
                parent_table: None,
            },
            columns,
            source: TableSource::Fixed(*self),
        }
    }

    /// The Arrow schema (SqlTypes in the metadata).
    pub fn schema(&self) -> SchemaRef {
        Arc::new(Schema::new(
            self.columns()
                .iter()
                .map(|(name, t, nullable)| t.field(*name, *nullable))
                .collect::<Vec<_>>(),
        ))
    }

    /// Reads the rows.
    pub async fn load(&self, client: &Client, filter: &FixedFilter) -> Result<RecordBatch> {
        let mut rows = Rows::new(self.schema());
        let apps = client.apps().await?;
        let wanted = |id: u64| filter.app_id.is_none_or(|a| a == id);
        match self {
            FixedTable::Apps => {
                for app in apps.iter().filter(|a| wanted(a.app_id)) {
                    rows.row(vec![
                        Cell::Int(Some(app.app_id as i64)),
                        Cell::text(&app.code),
                        Cell::text(&app.name),
                        Cell::text(&app.description),
                        Cell::Int(app.space_id.map(|v| v as i64)),
                        Cell::Int(app.thread_id.map(|v| v as i64)),
                        Cell::Stamp(Some(app.created_at.timestamp_micros())),
                        Cell::text(&app.creator.code),
                        Cell::Stamp(Some(app.modified_at.timestamp_micros())),
                        Cell::text(&app.modifier.code),
                    ]);
                }
            }
            FixedTable::FormFields => {
                for app in apps.iter().filter(|a| wanted(a.app_id)) {
                    let fields = client.app_fields(app.app_id).await?;
                    let tables = fields.subtables().flat_map(|t| t.fields.values());
                    for field in fields.properties.values().chain(tables) {
                        let options: Vec<&str> = field.option_names().collect();
                        rows.row(vec![
                            Cell::Int(Some(app.app_id as i64)),
                            Cell::text(&field.code),
                            Cell::text(&field.label),
                            Cell::text(field.field_type.name()),
                            Cell::Bool(Some(field.required)),
                            Cell::Bool(Some(field.unique)),
                            Cell::Text(field.subtable.clone()),
                            Cell::Int(field.max_length.map(|v| v as i64)),
                            Cell::Text((!options.is_empty()).then(|| json!(options).to_string())),
                        ]);
                    }
                }
            }
            FixedTable::Views => {
                for app in apps.iter().filter(|a| wanted(a.app_id)) {
                    let body: Json = client
                        .get_json("app/views", &json!({"app": app.app_id}), &[app.app_id])
                        .await?;
                    let views = body.get("views").and_then(Json::as_object);
                    for (name, view) in views.into_iter().flatten() {
                        let text = |k: &str| view.get(k).and_then(Json::as_str).map(str::to_owned);
                        let int = |k: &str| {
                            view.get(k)
                                .and_then(|v| v.as_str().map(str::to_owned).or(Some(v.to_string())))
                                .and_then(|s| s.parse::<i64>().ok())
                        };
                        rows.row(vec![
                            Cell::Int(Some(app.app_id as i64)),
                            Cell::Int(int("id")),
                            Cell::text(name),
                            Cell::Text(text("type")),
                            Cell::Text(text("filterCond").filter(|s| !s.is_empty())),
                            Cell::Text(text("sort").filter(|s| !s.is_empty())),
                            Cell::Int(int("index")),
                        ]);
                    }
                }
            }
            FixedTable::Comments => {
                let (Some(app), Some(record)) = (filter.app_id, filter.record_id) else {
                    return Err(Error::Unsupported(
                        "Comments must be filtered by AppId = n AND RecordId = n".into(),
                    ));
                };
                for c in client.comments(app, record).await? {
                    let creator =
                        |k: &str| c.creator.get(k).and_then(Json::as_str).map(str::to_owned);
                    let mentions: Vec<&str> = c
                        .mentions
                        .iter()
                        .filter_map(|m| m.get("code").and_then(Json::as_str))
                        .collect();
                    rows.row(vec![
                        Cell::Int(Some(app as i64)),
                        Cell::Int(Some(record as i64)),
                        Cell::Int(Some(c.id as i64)),
                        Cell::text(&c.text),
                        Cell::Stamp(
                            DateTime::parse_from_rfc3339(&c.created_at)
                                .ok()
                                .map(|d| d.timestamp_micros()),
                        ),
                        Cell::Text(creator("code")),
                        Cell::Text(creator("name")),
                        Cell::Text((!mentions.is_empty()).then(|| json!(mentions).to_string())),
                    ]);
                }
            }
            FixedTable::Spaces => {
                let mut ids: Vec<u64> = apps.iter().filter_map(|a| a.space_id).collect();
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    // A space the user cannot open is left out rather than failing the scan.
                    let Ok(space) = client
                        .get_json::<Json>("space", &json!({"id": id}), &[])
                        .await
                    else {
                        continue;
                    };
                    let text = |k: &str| space.get(k).and_then(Json::as_str).map(str::to_owned);
                    rows.row(vec![
                        Cell::Int(Some(id as i64)),
                        Cell::Text(text("name")),
                        Cell::Bool(space.get("isGuest").and_then(Json::as_bool)),
                        Cell::Text(
                            space
                                .get("creator")
                                .and_then(|c| c.get("code"))
                                .and_then(Json::as_str)
                                .map(str::to_owned),
                        ),
                    ]);
                }
            }
        }
        rows.finish()
    }
}

/// A value of a fixed table's row.
enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Stamp(Option<i64>),
}

impl Cell {
    /// Text, blank as NULL.
    fn text(s: &str) -> Cell {
        Cell::Text((!s.is_empty()).then(|| s.to_owned()))
    }
}

/// Column builders of a fixed table.
struct Rows {
    schema: SchemaRef,
    columns: Vec<Vec<Cell>>,
}

impl Rows {
    fn new(schema: SchemaRef) -> Rows {
        let columns = schema.fields().iter().map(|_| Vec::new()).collect();
        Rows { schema, columns }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            column.push(cell);
        }
    }

    fn finish(self) -> Result<RecordBatch> {
        let arrays: Vec<ArrayRef> = self
            .schema
            .fields()
            .iter()
            .zip(self.columns)
            .map(|(field, cells)| column_array(field.data_type(), cells))
            .collect();
        RecordBatch::try_new(self.schema, arrays).map_err(|e| Error::Execution(e.to_string()))
    }
}

fn column_array(data_type: &DataType, cells: Vec<Cell>) -> ArrayRef {
    match data_type {
        DataType::Boolean => {
            let mut b = BooleanBuilder::new();
            cells
                .iter()
                .for_each(|c| b.append_option(if let Cell::Bool(v) = c { *v } else { None }));
            Arc::new(b.finish())
        }
        DataType::Timestamp(..) => {
            let mut b = TimestampMicrosecondBuilder::new().with_timezone("UTC");
            cells
                .iter()
                .for_each(|c| b.append_option(if let Cell::Stamp(v) = c { *v } else { None }));
            Arc::new(b.finish())
        }
        DataType::Utf8 => {
            let mut b = StringBuilder::new();
            cells.iter().for_each(|c| {
                b.append_option(if let Cell::Text(v) = c {
                    v.as_deref()
                } else {
                    None
                })
            });
            Arc::new(b.finish())
        }
        _ => {
            let mut b = Int64Builder::new();
            cells
                .iter()
                .for_each(|c| b.append_option(if let Cell::Int(v) = c { *v } else { None }));
            Arc::new(b.finish())
        }
    }
}
