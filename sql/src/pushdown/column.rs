//! What a column is to the translator: how Kintone compares its values,
//! which operators it takes, and whether its blanks are SQL's NULLs.

use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{Cast, Expr, TryCast};
use kintone_core::schema::{CalcFormat, FieldDef, FieldType};

use super::literal::NumericContext;
use super::{ColumnBinding, TableBinding};
use crate::types::SqlType;

/// How Kintone compares a column's values (facts §6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `$id`, RECORD_NUMBER without prefix: integers, never blank.
    Integer,
    /// NUMBER, numeric CALC as DECIMAL: exact decimals, blank is the
    /// minimum. `floor` is `-10^k` for k integer digits: every decodable
    /// value is above it, so `code > floor` is exactly "not blank".
    Number { floor: Option<String> },
    /// NUMBER, numeric CALC read as DOUBLE (`NumberMapToDouble`): SQL
    /// compares the rounded values, Kintone the exact ones. Rounding keeps
    /// order, so each comparison is sent as a range around the literal
    /// that holds every value rounding to the right side: a superset.
    Double,
    /// DATE (and CALC DATE): days, blank is the minimum.
    Date,
    /// TIME (and CALC TIME): minutes, blank is the minimum.
    Time,
    /// DATETIME, CREATED_TIME, UPDATED_TIME (and CALC DATETIME): minutes in
    /// UTC; blank is the minimum.
    DateTime,
    /// SINGLE_LINE_TEXT, LINK: exact `=`/`in`; whitespace-only is blank to
    /// Kintone but a value to SQL.
    Text,
    /// MULTI_LINE_TEXT: only `is empty` (whitespace-only counts as empty).
    LongText,
    /// DROP_DOWN, RADIO_BUTTON: `in`/`not in` with option names only.
    Choice,
    /// STATUS: `= != in not in` on state names.
    Status,
    /// CHECK_BOX, MULTI_SELECT: membership (`HAS_ANY`) with option names.
    Options,
    /// FILE: `is empty` / `is not empty`.
    File,
}

/// A column of the table, resolved from an expression.
pub(super) struct Resolved<'a> {
    pub binding: &'a ColumnBinding,
    pub field: &'a FieldDef,
    pub kind: Kind,
    pub numeric: NumericContext,
}

impl Resolved<'_> {
    pub fn code(&self) -> &str {
        &self.field.code
    }

    /// Whether Kintone fills the field on every record (no blanks).
    pub fn always_set(&self) -> bool {
        self.field.field_type.is_always_set()
    }

    pub fn in_row(&self) -> bool {
        self.binding.in_subtable_row
    }

    /// A condition true exactly for the non-blank values, when one exists.
    pub fn not_blank(&self) -> Option<String> {
        match &self.kind {
            Kind::Number { floor: Some(f) } => Some(format!("{} > {f}", self.code())),
            Kind::Time => Some(format!("{} >= \"00:00\"", self.code())),
            _ => None,
        }
    }
}

/// How a column's SQL type compares: the integer digits of a DECIMAL.
fn integer_digits(sql_type: &SqlType) -> Option<i32> {
    match sql_type {
        SqlType::Decimal { precision, scale } => Some(i32::from(*precision) - i32::from(*scale)),
        _ => None,
    }
}

fn kind_of(binding: &ColumnBinding, field: &FieldDef) -> Option<Kind> {
    let arrow = binding.sql_type.arrow_type();
    let calc = field.calc_format.as_ref();
    Some(match field.field_type {
        FieldType::Id => Kind::Integer,
        FieldType::RecordNumber if arrow == DataType::Int64 => Kind::Integer,
        FieldType::Number | FieldType::Calc if field.is_numeric() && arrow == DataType::Float64 => {
            Kind::Double
        }
        FieldType::Number | FieldType::Calc if field.is_numeric() => {
            let digits = integer_digits(&binding.sql_type)?;
            let floor = (0..=30)
                .contains(&digits)
                .then(|| format!("-1{}", "0".repeat(digits as usize)));
            Kind::Number { floor }
        }
        FieldType::Date => Kind::Date,
        FieldType::Calc if calc == Some(&CalcFormat::Date) => Kind::Date,
        FieldType::Time => Kind::Time,
        FieldType::Calc if calc == Some(&CalcFormat::Time) => Kind::Time,
        FieldType::DateTime | FieldType::CreatedTime | FieldType::UpdatedTime => Kind::DateTime,
        FieldType::Calc if calc == Some(&CalcFormat::DateTime) => Kind::DateTime,
        FieldType::SingleLineText | FieldType::Link => Kind::Text,
        FieldType::MultiLineText => Kind::LongText,
        FieldType::DropDown | FieldType::RadioButton if !field.options.is_empty() => Kind::Choice,
        FieldType::Status => Kind::Status,
        FieldType::CheckBox | FieldType::MultiSelect if !field.options.is_empty() => Kind::Options,
        FieldType::File => Kind::File,
        _ => return None,
    })
    .filter(|kind| arrow_matches(kind, &arrow))
}

/// The Arrow type the translator expects for a kind (a mismatch means the
/// engine bound the column in a way this module does not know: refuse).
fn arrow_matches(kind: &Kind, arrow: &DataType) -> bool {
    match kind {
        Kind::Integer => *arrow == DataType::Int64,
        Kind::Number { .. } => matches!(arrow, DataType::Decimal128(..)),
        Kind::Double => *arrow == DataType::Float64,
        Kind::Date => *arrow == DataType::Date32,
        Kind::Time => matches!(arrow, DataType::Time64(_)),
        Kind::DateTime => matches!(arrow, DataType::Timestamp(..)),
        Kind::Text | Kind::LongText | Kind::Choice | Kind::Status | Kind::Options | Kind::File => {
            matches!(
                arrow,
                DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            ) || matches!(arrow, DataType::List(_))
        }
    }
}

/// Whether casting a column of type `from` to `to` keeps every value and
/// its order exactly (then the comparison is the column's own), or makes
/// it a float (see [`NumericContext::Float`]).
fn cast_context(from: &DataType, to: &DataType) -> Option<NumericContext> {
    use DataType::*;
    if from == to {
        return Some(NumericContext::Exact);
    }
    match (from, to) {
        (Decimal128(p, s), Decimal128(p2, s2))
            if s2 >= s && i16::from(*p2) - i16::from(*s2) >= i16::from(*p) - i16::from(*s) =>
        {
            Some(NumericContext::Exact)
        }
        (Int64, Decimal128(p2, s2)) if i16::from(*p2) - i16::from(*s2) >= 19 => {
            Some(NumericContext::Exact)
        }
        (Decimal128(p, _), Float64) if *p <= 15 => Some(NumericContext::Float),
        // Record ids stay far below 10^15.
        (Int64, Float64) => Some(NumericContext::Float),
        (Timestamp(_, tz1), Timestamp(u2, tz2))
            if matches!(
                u2,
                datafusion::arrow::datatypes::TimeUnit::Microsecond
                    | datafusion::arrow::datatypes::TimeUnit::Nanosecond
            ) && utc_like(tz1.as_deref())
                && utc_like(tz2.as_deref()) =>
        {
            Some(NumericContext::Exact)
        }
        (Time64(_), Time64(_)) => Some(NumericContext::Exact),
        (Utf8 | LargeUtf8 | Utf8View, Utf8 | LargeUtf8 | Utf8View) => Some(NumericContext::Exact),
        _ => None,
    }
}

fn utc_like(tz: Option<&str>) -> bool {
    matches!(tz, None | Some("UTC" | "+00:00" | "Z" | "Etc/UTC"))
}

impl TableBinding {
    /// The column an expression reads, through value-preserving casts.
    pub(super) fn resolve<'a>(&'a self, expr: &Expr) -> Option<Resolved<'a>> {
        let (inner, target) = match expr {
            Expr::Cast(Cast { expr, field }) => (expr.as_ref(), Some(field.data_type().clone())),
            Expr::TryCast(TryCast { expr, field }) => {
                (expr.as_ref(), Some(field.data_type().clone()))
            }
            Expr::Alias(alias) => return self.resolve(&alias.expr),
            other => (other, None),
        };
        let Expr::Column(column) = inner else {
            return None;
        };
        let binding = self.column(&column.name)?;
        let field = binding.field.as_ref()?;
        if field.queryable_operators().is_empty() {
            return None;
        }
        let kind = kind_of(binding, field)?;
        let numeric = match target {
            None => NumericContext::Exact,
            Some(to) => cast_context(&binding.sql_type.arrow_type(), &to)?,
        };
        Some(Resolved {
            binding,
            field,
            kind,
            numeric,
        })
    }
}
