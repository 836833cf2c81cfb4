//! Building the catalog from Kintone's metadata: a table per app, a table
//! per SUBTABLE field, and the fixed tables; names made unique.

use std::collections::HashMap;
use std::sync::Arc;

use kintone_core::decode::{ColumnSpec, ColumnType, ValuePart};
use kintone_core::metadata::AppMetadata;
use kintone_core::properties::{SchemaOptions, SubtableScope};
use kintone_core::schema::{FieldDef, FieldType};
use kintone_core::Client;

use super::fixed::{self, FixedTable};
use super::naming::UniqueNames;
use super::{ColumnInfo, TableInfo, TableKind};
use crate::error::Result;
use crate::pushdown::{ColumnBinding, TableBinding, TableShape};
use crate::types::{SqlType, DEFAULT_TEXT_LENGTH, LONG_TEXT_LENGTH};

/// Name of the record id column (app and subtable tables).
pub const RECORD_ID: &str = "RecordId";
/// Name of the revision column of app tables.
pub const REVISION: &str = "Revision";
/// Name of the row id column of subtable tables.
pub const ROW_ID: &str = "RowId";
/// Suffix of the display-name companion of CREATOR/MODIFIER columns
/// (`Created by` -> `Created by_Name`).
pub const NAME_SUFFIX: &str = "_Name";

/// What a column reads.
#[derive(Clone, Debug)]
pub enum ColumnRole {
    /// `$id` (of the record; of the parent record in a subtable table).
    RecordId,
    /// `$revision`.
    Revision,
    /// The id of a SUBTABLE row.
    RowId,
    /// A field's value (or part of it).
    Field(ColumnSpec),
    /// A column of a fixed table.
    Fixed,
}

/// One column: what SQLColumns says, what the scan reads, what pushdown knows.
#[derive(Clone, Debug)]
pub struct ColumnDef {
    pub info: ColumnInfo,
    pub role: ColumnRole,
    pub binding: ColumnBinding,
}

/// Where a table's rows come from.
#[derive(Clone, Debug)]
pub enum TableSource {
    /// Records of an app; with `table_code`, the rows of that SUBTABLE.
    App {
        app: u64,
        table_code: Option<String>,
    },
    /// A fixed metadata table.
    Fixed(FixedTable),
}

/// One table of the catalog.
#[derive(Clone, Debug)]
pub struct TableDef {
    pub info: TableInfo,
    pub columns: Vec<ColumnDef>,
    pub source: TableSource,
}

impl TableDef {
    /// The pushdown view of the columns.
    pub fn binding(&self) -> TableBinding {
        let shape = match &self.source {
            TableSource::App {
                table_code: Some(code),
                ..
            } => TableShape::SubtableRows {
                table_code: code.clone(),
            },
            _ => TableShape::Records,
        };
        TableBinding {
            shape,
            columns: self.columns.iter().map(|c| c.binding.clone()).collect(),
        }
    }
}

/// The tables of one connection, at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub tables: Vec<Arc<TableDef>>,
    by_name: HashMap<String, usize>,
    by_lower: HashMap<String, Vec<usize>>,
}

impl Snapshot {
    fn new(tables: Vec<TableDef>) -> Snapshot {
        let tables: Vec<Arc<TableDef>> = tables.into_iter().map(Arc::new).collect();
        let mut by_name = HashMap::new();
        let mut by_lower: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in tables.iter().enumerate() {
            by_name.insert(t.info.name.clone(), i);
            by_lower
                .entry(t.info.name.to_lowercase())
                .or_default()
                .push(i);
        }
        Snapshot {
            tables,
            by_name,
            by_lower,
        }
    }

    /// A table by its exact name, else by a case-insensitive match when
    /// exactly one table matches (so unquoted names work in any case).
    pub fn find(&self, name: &str) -> Option<&Arc<TableDef>> {
        if let Some(i) = self.by_name.get(name) {
            return self.tables.get(*i);
        }
        match self.by_lower.get(&name.to_lowercase())?.as_slice() {
            [i] => self.tables.get(*i),
            _ => None,
        }
    }
}

/// Reads apps and their fields and builds the tables.
pub async fn load(client: &Client, options: &SchemaOptions) -> Result<Snapshot> {
    let mut apps = client.apps().await?.as_ref().clone();
    apps.sort_by_key(|a| a.app_id);
    let mut metadata = Vec::with_capacity(apps.len());
    for app in &apps {
        metadata.push(client.app_metadata(app.app_id).await?);
    }
    let mut names = UniqueNames::default();
    names.reserve(fixed::ALL.iter().map(|f| f.name()));
    // Apps claim their names before any subtable does, so that adding a
    // subtable to one app never renames another app's table.
    let app_names: Vec<String> = metadata
        .iter()
        .map(|meta| names.claim(&app_table_name(meta), &meta.info.app_id.to_string()))
        .collect();
    let mut tables: Vec<TableDef> = metadata
        .iter()
        .zip(&app_names)
        .map(|(meta, name)| app_table(name, meta, options))
        .collect();
    for (meta, name) in metadata.iter().zip(&app_names) {
        if subtables_wanted(&options.check_for_subtables_in, meta.info.app_id) {
            for table in meta.fields.subtables() {
                let label = column_label(table, options);
                let wanted = format!("{name}{}{label}", options.subtable_separator);
                let sub_name = names.claim(&wanted, &table.code);
                tables.push(subtable_table(&sub_name, name, meta, table, options));
            }
        }
    }
    tables.extend(fixed::ALL.iter().map(|f| f.table_def()));
    Ok(Snapshot::new(tables))
}

fn subtables_wanted(scope: &SubtableScope, app: u64) -> bool {
    match scope {
        SubtableScope::All => true,
        SubtableScope::Apps(ids) => ids.contains(&app),
    }
}

fn app_table_name(meta: &AppMetadata) -> String {
    let name = meta.info.name.trim();
    if name.is_empty() {
        format!("App{}", meta.info.app_id)
    } else {
        name.to_owned()
    }
}

/// The label (or code with `UseCodeForFieldName`) a field's column is named after.
fn column_label(field: &FieldDef, options: &SchemaOptions) -> String {
    let label = field.label.trim();
    if options.use_code_for_field_name || label.is_empty() {
        field.code.clone()
    } else {
        label.to_owned()
    }
}

/// A FieldDef standing for `$id` (for pushdown of RecordId conditions).
fn id_field() -> FieldDef {
    serde_json::from_value(serde_json::json!({"type": "__ID__", "code": "$id", "label": RECORD_ID}))
        .expect("a literal __ID__ field parses")
}

fn revision_field() -> FieldDef {
    serde_json::from_value(
        serde_json::json!({"type": "__REVISION__", "code": "$revision", "label": REVISION}),
    )
    .expect("a literal __REVISION__ field parses")
}

fn system_column(
    table: &str,
    name: &str,
    ordinal: u32,
    role: ColumnRole,
    field: Option<FieldDef>,
    remarks: &str,
    primary_key_seq: Option<u16>,
) -> ColumnDef {
    let sql_type = SqlType::BigInt;
    ColumnDef {
        info: ColumnInfo {
            table: table.to_owned(),
            name: name.to_owned(),
            ordinal,
            sql_type,
            nullable: false,
            remarks: remarks.to_owned(),
            field_code: field.as_ref().map(|f| f.code.clone()),
            primary_key_seq,
            writable: false,
            searchable: field.is_some(),
            default: None,
        },
        role,
        binding: ColumnBinding {
            name: name.to_owned(),
            field,
            sql_type,
            in_subtable_row: false,
        },
    }
}

fn app_table(name: &str, meta: &AppMetadata, options: &SchemaOptions) -> TableDef {
    let mut columns = vec![
        system_column(
            name,
            RECORD_ID,
            1,
            ColumnRole::RecordId,
            Some(id_field()),
            "$id (record id)",
            Some(1),
        ),
        system_column(
            name,
            REVISION,
            2,
            ColumnRole::Revision,
            Some(revision_field()),
            "$revision",
            None,
        ),
    ];
    let mut names = UniqueNames::default();
    names.reserve([RECORD_ID, REVISION]);
    let fields = meta
        .fields
        .properties
        .values()
        .filter(|f| !matches!(f.field_type, FieldType::Id | FieldType::Revision))
        .filter(|f| f.enabled != Some(false));
    for field in fields {
        field_columns(name, meta, field, options, false, &mut names, &mut columns);
    }
    TableDef {
        info: TableInfo {
            name: name.to_owned(),
            kind: TableKind::Table,
            remarks: app_remarks(meta),
            app_id: Some(meta.info.app_id),
            parent_table: None,
        },
        columns,
        source: TableSource::App {
            app: meta.info.app_id,
            table_code: None,
        },
    }
}

fn app_remarks(meta: &AppMetadata) -> String {
    let mut remarks = format!("Kintone app {}", meta.info.app_id);
    if !meta.info.code.is_empty() {
        remarks.push_str(&format!(" ({})", meta.info.code));
    }
    let description = meta.info.description.trim();
    if !description.is_empty() {
        remarks.push_str(": ");
        remarks.push_str(description);
    }
    remarks
}

fn subtable_table(
    name: &str,
    parent: &str,
    meta: &AppMetadata,
    table: &FieldDef,
    options: &SchemaOptions,
) -> TableDef {
    let mut columns = vec![
        system_column(
            name,
            RECORD_ID,
            1,
            ColumnRole::RecordId,
            Some(id_field()),
            "$id of the parent record",
            Some(1),
        ),
        system_column(
            name,
            ROW_ID,
            2,
            ColumnRole::RowId,
            None,
            "id of the table row",
            Some(2),
        ),
    ];
    let mut names = UniqueNames::default();
    names.reserve([RECORD_ID, ROW_ID]);
    for field in table.fields.values() {
        field_columns(name, meta, field, options, true, &mut names, &mut columns);
    }
    TableDef {
        info: TableInfo {
            name: name.to_owned(),
            kind: TableKind::Table,
            remarks: format!(
                "Rows of table {} of Kintone app {}",
                table.code, meta.info.app_id
            ),
            app_id: Some(meta.info.app_id),
            parent_table: Some(parent.to_owned()),
        },
        columns,
        source: TableSource::App {
            app: meta.info.app_id,
            table_code: Some(table.code.clone()),
        },
    }
}

/// The column(s) of one field: its value, and for CREATOR/MODIFIER the
/// display name as a companion column.
fn field_columns(
    table: &str,
    meta: &AppMetadata,
    field: &FieldDef,
    options: &SchemaOptions,
    in_row: bool,
    names: &mut UniqueNames,
    columns: &mut Vec<ColumnDef>,
) {
    let Some(column_type) = ColumnType::for_field(
        field,
        &meta.settings.number_precision,
        !meta.info.code.is_empty(),
        options.number_map_to_double,
    ) else {
        return;
    };
    let sql_type = sql_type_of(field, column_type);
    let name = names.claim(&column_label(field, options), &field.code);
    let spec = ColumnSpec::new(&field.code, field.field_type.clone(), column_type).named(&name);
    let writable = field.field_type.is_writable() && !meta.fields.is_lookup_target(&field.code);
    columns.push(ColumnDef {
        info: ColumnInfo {
            table: table.to_owned(),
            name: name.clone(),
            ordinal: columns.len() as u32 + 1,
            sql_type,
            nullable: true,
            remarks: format!("{} ({})", field.code, field.field_type.name()),
            field_code: Some(field.code.clone()),
            primary_key_seq: None,
            writable,
            searchable: !field.field_type.queryable_operators().is_empty(),
            default: None,
        },
        role: ColumnRole::Field(spec.clone()),
        binding: ColumnBinding {
            name: name.clone(),
            field: Some(field.clone()),
            sql_type,
            in_subtable_row: in_row,
        },
    });
    if matches!(field.field_type, FieldType::Creator | FieldType::Modifier) {
        let companion = names.claim(
            &format!("{name}{NAME_SUFFIX}"),
            &format!("{}_name", field.code),
        );
        let sql_type = SqlType::WVarchar {
            length: DEFAULT_TEXT_LENGTH,
        };
        columns.push(ColumnDef {
            info: ColumnInfo {
                table: table.to_owned(),
                name: companion.clone(),
                ordinal: columns.len() as u32 + 1,
                sql_type,
                nullable: true,
                remarks: format!(
                    "display name of {} ({})",
                    field.code,
                    field.field_type.name()
                ),
                field_code: Some(field.code.clone()),
                primary_key_seq: None,
                writable: false,
                searchable: false,
                default: None,
            },
            role: ColumnRole::Field(spec.named(&companion).part(ValuePart::Name)),
            binding: ColumnBinding {
                name: companion,
                field: None,
                sql_type,
                in_subtable_row: in_row,
            },
        });
    }
}

/// The SQL type reported for a field decoded as `column_type`.
fn sql_type_of(field: &FieldDef, column_type: ColumnType) -> SqlType {
    match column_type {
        ColumnType::Int64 => SqlType::BigInt,
        ColumnType::Float64 => SqlType::Double,
        ColumnType::Decimal128(precision, scale) => SqlType::Decimal { precision, scale },
        ColumnType::Date32 => SqlType::Date,
        ColumnType::Time64Microsecond => SqlType::Time { fraction_digits: 0 },
        ColumnType::TimestampMicrosecondUtc => SqlType::Timestamp { fraction_digits: 0 },
        ColumnType::Utf8 | ColumnType::ListUtf8 => match field.field_type {
            FieldType::RecordNumber => SqlType::Varchar { length: 64 },
            FieldType::MultiLineText | FieldType::RichText => SqlType::WLongVarchar {
                length: LONG_TEXT_LENGTH,
            },
            FieldType::SingleLineText | FieldType::Link => SqlType::WVarchar {
                length: field
                    .max_length
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n > 0)
                    .unwrap_or(DEFAULT_TEXT_LENGTH),
            },
            FieldType::Calc => SqlType::WVarchar { length: 64 },
            _ => SqlType::WVarchar {
                length: DEFAULT_TEXT_LENGTH,
            },
        },
    }
}
