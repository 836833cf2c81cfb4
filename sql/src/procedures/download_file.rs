//! `DownloadFile(AppId, RecordId, Field [, FileName])`: the files attached
//! to one record's FILE field (at top level, or in any row of a table),
//! one row per file with its bytes.
//!
//! It reads the record (`GET record.json`) for the files' keys, then each
//! file (`GET file.json?fileKey=`, facts §9), with the app's API token.

use std::sync::Arc;

use arrow_array::{ArrayRef, BinaryArray, Int64Array, RecordBatch, StringArray};
use arrow_schema::SchemaRef;
use kintone_core::schema::{FieldDef, FieldType, FormFields};
use kintone_core::Client;
use serde_json::{json, Value as Json};

use super::call::Arguments;
use super::{column, ProcedureInfo, DOWNLOAD_FILE};
use crate::error::{Error, Result};
use crate::types::SqlType;

/// Reported length of a file's contents (Kintone accepts files up to 1 GB).
const MAX_FILE_BYTES: u32 = 1 << 30;

pub(super) fn info() -> ProcedureInfo {
    let text = SqlType::WVarchar { length: 255 };
    ProcedureInfo {
        name: DOWNLOAD_FILE,
        remarks: "The files attached to a record's FILE field, with their contents",
        parameters: vec![
            column("AppId", SqlType::BigInt, false, "The app's id"),
            column("RecordId", SqlType::BigInt, false, "The record's id ($id)"),
            column(
                "Field",
                text,
                false,
                "The FILE field: its code, its label or its column name",
            ),
            column(
                "FileName",
                text,
                true,
                "Only the files of this name (all when left out or NULL)",
            ),
        ],
        columns: vec![
            column("FileName", text, false, "The file's name"),
            column("ContentType", text, false, "Its MIME type"),
            column("Size", SqlType::BigInt, false, "Its size in bytes"),
            column(
                "Content",
                SqlType::LongVarBinary {
                    length: MAX_FILE_BYTES,
                },
                false,
                "Its bytes",
            ),
        ],
    }
}

/// One attached file, as a FILE value lists it (`{name, contentType, fileKey, size}`).
struct FileRef {
    name: String,
    content_type: String,
    file_key: String,
}

impl FileRef {
    fn of(item: &Json) -> Option<FileRef> {
        let text = |key: &str| item.get(key)?.as_str().map(str::to_owned);
        Some(FileRef {
            name: text("name")?,
            content_type: text("contentType").unwrap_or_default(),
            file_key: text("fileKey")?,
        })
    }
}

pub(super) async fn run(
    client: &Client,
    args: &Arguments<'_>,
    schema: SchemaRef,
) -> Result<RecordBatch> {
    let app = args.integer(0)?;
    let record = args.integer(1)?;
    let field_name = args.text(2)?.ok_or_else(|| Error::Parameter {
        index: 3,
        message: format!("{DOWNLOAD_FILE} Field: must name a FILE field"),
    })?;
    let only = args.text(3)?;
    let fields = client.app_fields(app).await?;
    let field = file_field(&fields, &field_name).ok_or_else(|| Error::Parameter {
        index: 3,
        message: format!("app {app} has no FILE field '{field_name}'"),
    })?;
    let body: Json = client
        .get_json("record", &json!({"app": app, "id": record}), &[app])
        .await?;
    let files: Vec<FileRef> = attached(&body["record"], field)
        .into_iter()
        .filter(|f| only.as_ref().is_none_or(|name| &f.name == name))
        .collect();
    let mut contents = Vec::with_capacity(files.len());
    for file in &files {
        let bytes = client
            .get("file", &json!({"fileKey": file.file_key}), &[app])
            .await?;
        contents.push(bytes);
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(files.iter().map(|f| &f.name))),
        Arc::new(StringArray::from_iter_values(
            files.iter().map(|f| &f.content_type),
        )),
        Arc::new(Int64Array::from_iter_values(
            contents.iter().map(|c| c.len() as i64),
        )),
        Arc::new(BinaryArray::from_iter_values(
            contents.iter().map(|c| c.as_ref()),
        )),
    ];
    RecordBatch::try_new(schema, columns).map_err(|e| Error::Execution(e.to_string()))
}

/// The FILE field named by code, else by label (ignoring case when that is
/// unambiguous): the column name is the label or the code.
fn file_field<'a>(fields: &'a FormFields, name: &str) -> Option<&'a FieldDef> {
    let all: Vec<&FieldDef> = fields
        .properties
        .values()
        .chain(fields.subtables().flat_map(|t| t.fields.values()))
        .filter(|f| f.field_type == FieldType::File)
        .collect();
    let unique = |found: Vec<&'a FieldDef>| (found.len() == 1).then(|| found[0]);
    all.iter()
        .find(|f| f.code == name)
        .copied()
        .or_else(|| unique(all.iter().copied().filter(|f| f.label == name).collect()))
        .or_else(|| {
            unique(
                all.iter()
                    .copied()
                    .filter(|f| {
                        f.code.eq_ignore_ascii_case(name)
                            || f.label.to_lowercase() == name.to_lowercase()
                    })
                    .collect(),
            )
        })
}

/// The files of `field` in a record: its value, or its values in every
/// row of its table.
fn attached(record: &Json, field: &FieldDef) -> Vec<FileRef> {
    let lists: Vec<&Json> = match &field.subtable {
        None => vec![&record[&field.code]["value"]],
        Some(table) => record[table]["value"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|row| &row["value"][&field.code]["value"])
                    .collect()
            })
            .unwrap_or_default(),
    };
    lists
        .into_iter()
        .filter_map(Json::as_array)
        .flatten()
        .filter_map(FileRef::of)
        .collect()
}
