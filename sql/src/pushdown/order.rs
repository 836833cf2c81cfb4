//! ORDER BY into Kintone's `order by` (facts §6), when Kintone's order is
//! provably one of the orders SQL allows.
//!
//! Pushable keys: `$id`, RECORD_NUMBER without prefix, NUMBER/CALC as
//! DECIMAL or DOUBLE (numeric order; rounding to DOUBLE only creates ties,
//! so a DOUBLE key must be the last one: a later key would have to order
//! those ties, while Kintone orders them by their exact values),
//! DATE, TIME, DATETIME, CREATED_TIME, UPDATED_TIME (chronological). Blanks
//! sort as the minimum in Kintone, which is SQL's order with NULLs as the
//! smallest value (ASC NULLS FIRST, DESC NULLS LAST); the opposite NULL
//! placement is pushed only for columns that are never blank.
//!
//! Not pushable: text (Kintone sorts whitespace-only text among the blanks,
//! while SQL holds it as a string), DROP_DOWN/RADIO_BUTTON (option order),
//! STATUS (state order), CREATOR/MODIFIER (internal user id), RECORD_NUMBER
//! with an app-code prefix (sorted by number, text in SQL), subtable columns.
//!
//! `$id asc` is appended so that ties come back in one deterministic order
//! (Kintone's own tie order is `$id` descending whatever the key's
//! direction); SQL leaves the order of ties unspecified, so any
//! deterministic tie order is one SQL allows.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Expr, SortExpr};
use kintone_core::schema::{CalcFormat, FieldType};

use super::{TableBinding, TableShape};

impl TableBinding {
    pub(super) fn sort_keys(&self, sort: &[SortExpr]) -> Option<(String, Option<String>)> {
        if self.shape != TableShape::Records || sort.is_empty() {
            return None;
        }
        let mut keys = Vec::new();
        let mut after_double = false;
        for key in sort {
            if after_double {
                return None;
            }
            let Expr::Column(column) = &key.expr else {
                return None;
            };
            let binding = self.column(&column.name)?;
            let field = binding.field.as_ref()?;
            if binding.in_subtable_row || !field.is_sortable() {
                return None;
            }
            let arrow = binding.sql_type.arrow_type();
            let ordered = match &field.field_type {
                FieldType::Id => true,
                FieldType::RecordNumber => arrow == DataType::Int64,
                FieldType::Number => matches!(arrow, DataType::Decimal128(..) | DataType::Float64),
                FieldType::Calc => match field.calc_format.as_ref() {
                    Some(CalcFormat::Date) => arrow == DataType::Date32,
                    Some(CalcFormat::Time) => matches!(arrow, DataType::Time64(_)),
                    Some(CalcFormat::DateTime) => matches!(arrow, DataType::Timestamp(..)),
                    Some(f) if f.is_number() => {
                        matches!(arrow, DataType::Decimal128(..) | DataType::Float64)
                    }
                    _ => false,
                },
                FieldType::Date => arrow == DataType::Date32,
                FieldType::Time => matches!(arrow, DataType::Time64(_)),
                FieldType::DateTime | FieldType::CreatedTime | FieldType::UpdatedTime => {
                    matches!(arrow, DataType::Timestamp(..))
                }
                _ => false,
            };
            if !ordered {
                return None;
            }
            after_double = arrow == DataType::Float64;
            // Kintone: blanks first ascending, last descending.
            if key.nulls_first != key.asc && !field.field_type.is_always_set() {
                return None;
            }
            let direction = if key.asc { "asc" } else { "desc" };
            keys.push(format!("{} {direction}", field.code));
            // `$id` is unique: later keys never decide.
            if field.field_type == FieldType::Id {
                return Some((keys.join(", "), None));
            }
        }
        keys.push("$id asc".into());
        Some((keys.join(", "), None))
    }
}
