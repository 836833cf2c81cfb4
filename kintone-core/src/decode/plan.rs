//! Projection plans: which fields of a records page become which Arrow columns.

use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

use super::error::DecodeError;
use crate::schema::{CalcFormat, FieldDef, FieldType, NumberPrecision};

/// The Arrow type of an output column, chosen by the caller (the SQL layer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnType {
    /// `$id`, `$revision`, RECORD_NUMBER of an app without a code.
    Int64,
    /// Text as Kintone sends it. For multi-valued fields (CHECK_BOX,
    /// MULTI_SELECT, CATEGORY, USER/ORGANIZATION/GROUP_SELECT,
    /// STATUS_ASSIGNEE, FILE) the value is the list as **JSON array text**:
    /// `["a","b"]`, elements in the order Kintone returns them, escaped as
    /// JSON (so commas, quotes and brackets inside elements stay
    /// unambiguous); an empty list is NULL.
    Utf8,
    /// An exact decimal (NUMBER, numeric CALC). A value needing more digits
    /// than the precision, or non-zero digits beyond the scale, is an error.
    Decimal128(u8, i8),
    /// NUMBER / numeric CALC as a double (`NumberMapToDouble`).
    Float64,
    /// DATE, CALC in DATE format.
    Date32,
    /// TIME, CALC in TIME format (`"09:00"`).
    Time64Microsecond,
    /// DATETIME, CREATED_TIME, UPDATED_TIME, CALC in DATETIME format.
    TimestampMicrosecondUtc,
    /// A multi-valued field as `List(Utf8)`; an empty list is NULL.
    ListUtf8,
}

impl ColumnType {
    /// The Arrow data type of the column.
    pub fn data_type(&self) -> DataType {
        match *self {
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Utf8 => DataType::Utf8,
            ColumnType::Decimal128(p, s) => DataType::Decimal128(p, s),
            ColumnType::Float64 => DataType::Float64,
            ColumnType::Date32 => DataType::Date32,
            ColumnType::Time64Microsecond => DataType::Time64(TimeUnit::Microsecond),
            ColumnType::TimestampMicrosecondUtc => {
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
            }
            ColumnType::ListUtf8 => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
            }
        }
    }
}

impl ColumnType {
    /// The natural column type of a top-level field or a field in a table:
    /// exact decimals from the app's `numberPrecision` (or `Float64` with
    /// `number_as_double`), RECORD_NUMBER as `Int64` unless the app has a
    /// code (`"APPCODE-14"`), CALC by its format (durations as text),
    /// multi-valued fields as JSON array text. `None` for fields without a
    /// value (layout, REFERENCE_TABLE, unknown types) and for SUBTABLE.
    pub fn for_field(
        field: &FieldDef,
        precision: &NumberPrecision,
        app_has_code: bool,
        number_as_double: bool,
    ) -> Option<ColumnType> {
        let number = if number_as_double {
            ColumnType::Float64
        } else {
            let (p, s) = precision.decimal_type();
            ColumnType::Decimal128(p, s)
        };
        Some(match &field.field_type {
            FieldType::Id | FieldType::Revision => ColumnType::Int64,
            FieldType::RecordNumber if app_has_code => ColumnType::Utf8,
            FieldType::RecordNumber => ColumnType::Int64,
            FieldType::Number => number,
            FieldType::Calc => match field.calc_format.as_ref().unwrap_or(&CalcFormat::Number) {
                CalcFormat::Number | CalcFormat::NumberDigit => number,
                CalcFormat::Date => ColumnType::Date32,
                CalcFormat::Time => ColumnType::Time64Microsecond,
                CalcFormat::DateTime => ColumnType::TimestampMicrosecondUtc,
                CalcFormat::HourMinute | CalcFormat::DayHourMinute | CalcFormat::Other(_) => {
                    ColumnType::Utf8
                }
            },
            FieldType::Date => ColumnType::Date32,
            FieldType::Time => ColumnType::Time64Microsecond,
            FieldType::DateTime | FieldType::CreatedTime | FieldType::UpdatedTime => {
                ColumnType::TimestampMicrosecondUtc
            }
            FieldType::Subtable => return None,
            t if !t.has_value() => return None,
            _ => ColumnType::Utf8,
        })
    }
}

/// Which part of a composite value a column takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ValuePart {
    /// The value itself; for users, departments and groups their code, for
    /// FILE the file names.
    #[default]
    Value,
    /// The display name of CREATOR, MODIFIER and the entity lists.
    Name,
    /// The `fileKey` of FILE attachments (for downloads).
    FileKey,
}

/// One output column: a field of the record, its Kintone type and the Arrow type wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Output column name (the field code unless renamed).
    pub name: String,
    /// Field code in the record (`$id`, `$revision`, or a form field's code).
    pub field_code: String,
    pub source: FieldType,
    pub target: ColumnType,
    pub part: ValuePart,
}

impl ColumnSpec {
    /// A column named after the field, taking its value.
    pub fn new(field_code: impl Into<String>, source: FieldType, target: ColumnType) -> Self {
        let field_code = field_code.into();
        ColumnSpec {
            name: field_code.clone(),
            field_code,
            source,
            target,
            part: ValuePart::Value,
        }
    }

    /// The same column under another output name.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The same column taking another part of the value.
    pub fn part(mut self, part: ValuePart) -> Self {
        self.part = part;
        self
    }

    /// The Arrow field of the column (always nullable: blanks are NULL).
    pub fn arrow_field(&self) -> Field {
        Field::new(&self.name, self.target.data_type(), true)
    }

    /// Checks that the decoder can turn this field type into this column type.
    pub(crate) fn validate(&self) -> Result<(), DecodeError> {
        use FieldType as T;
        let source = &self.source;
        let unsupported = || {
            DecodeError::unsupported(
                &self.field_code,
                format!(
                    "{source} cannot be decoded as {:?} ({:?})",
                    self.target, self.part
                ),
            )
        };
        match self.part {
            ValuePart::Value => {}
            ValuePart::Name if source.is_entity() => {}
            ValuePart::FileKey if *source == T::File => {}
            _ => return Err(unsupported()),
        }
        let ok = match self.target {
            _ if *source == T::Subtable => {
                return Err(DecodeError::unsupported(
                    &self.field_code,
                    "a SUBTABLE is read with a SubtablePlan, one row per table row".into(),
                ))
            }
            _ if !source.has_value() => false,
            ColumnType::Utf8 => true,
            ColumnType::ListUtf8 => source.is_multi_valued(),
            ColumnType::Int64 => matches!(source, T::Id | T::Revision | T::RecordNumber),
            ColumnType::Decimal128(p, s) => {
                if p == 0 || p > 38 || s < 0 || s as u8 > p {
                    return Err(DecodeError::unsupported(
                        &self.field_code,
                        format!("Decimal128({p}, {s}) is not a valid decimal type"),
                    ));
                }
                matches!(source, T::Number | T::Calc)
            }
            ColumnType::Float64 => matches!(source, T::Number | T::Calc),
            ColumnType::Date32 => matches!(source, T::Date | T::Calc),
            ColumnType::Time64Microsecond => matches!(source, T::Time | T::Calc),
            ColumnType::TimestampMicrosecondUtc => matches!(
                source,
                T::DateTime | T::CreatedTime | T::UpdatedTime | T::Calc
            ),
        };
        if ok {
            Ok(())
        } else {
            Err(unsupported())
        }
    }
}

/// One output row per record: the given columns, in this order.
#[derive(Clone, Debug)]
pub struct RecordPlan {
    pub(crate) columns: Vec<ColumnSpec>,
    schema: SchemaRef,
}

impl RecordPlan {
    /// Validates the columns (every conversion must be supported).
    pub fn new(columns: Vec<ColumnSpec>) -> Result<RecordPlan, DecodeError> {
        for c in &columns {
            c.validate()?;
        }
        let schema = Arc::new(Schema::new(
            columns
                .iter()
                .map(ColumnSpec::arrow_field)
                .collect::<Vec<_>>(),
        ));
        Ok(RecordPlan { columns, schema })
    }

    /// The schema of the batches this plan produces.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    pub fn columns(&self) -> &[ColumnSpec] {
        &self.columns
    }
}

/// One output row per row of one SUBTABLE: the parent record's `$id`
/// (`Int64`), the row's id (`Int64`), the parent columns (repeated on each
/// of the record's rows) and the table's fields. A record whose table is
/// empty gives no row.
#[derive(Clone, Debug)]
pub struct SubtablePlan {
    pub(crate) table_code: String,
    pub(crate) record_id_name: String,
    pub(crate) parent: Vec<ColumnSpec>,
    pub(crate) fields: Vec<ColumnSpec>,
    schema: SchemaRef,
}

impl SubtablePlan {
    /// `record_id_name` / `row_id_name` name the two id columns; `parent`
    /// are top-level columns, `fields` columns of fields inside the table.
    /// The records page must include `$id` and the table.
    pub fn new(
        table_code: impl Into<String>,
        record_id_name: impl Into<String>,
        row_id_name: impl Into<String>,
        parent: Vec<ColumnSpec>,
        fields: Vec<ColumnSpec>,
    ) -> Result<SubtablePlan, DecodeError> {
        for c in parent.iter().chain(&fields) {
            c.validate()?;
        }
        let record_id_name = record_id_name.into();
        let row_id_name = row_id_name.into();
        let mut arrow_fields = vec![
            Field::new(&record_id_name, DataType::Int64, false),
            Field::new(&row_id_name, DataType::Int64, false),
        ];
        arrow_fields.extend(parent.iter().chain(&fields).map(ColumnSpec::arrow_field));
        Ok(SubtablePlan {
            table_code: table_code.into(),
            record_id_name,
            parent,
            fields,
            schema: Arc::new(Schema::new(arrow_fields)),
        })
    }

    /// The schema of the batches this plan produces.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    pub fn table_code(&self) -> &str {
        &self.table_code
    }
}
