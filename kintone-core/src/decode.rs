//! Records pages decoded straight into Arrow (the hot path).
//!
//! Input: the raw bytes of a `records.json` page, a cursor page
//! (`{"records":[...],"next":...}`) or a `record.json` body, and a plan that
//! says which fields become which columns: a [`RecordPlan`] (one row per
//! record) or a [`SubtablePlan`] (one row per row of one SUBTABLE).
//!
//! The body is read with serde's streaming deserializer: no
//! `serde_json::Value` tree is built, strings without escapes are borrowed
//! from the input, fields not in the plan are skipped with `IgnoredAny`,
//! and each value is appended to its Arrow builder as it is read.
//!
//! Value mapping (facts §8): blanks (`""`, `null`, `[]`) are NULL. Numbers
//! are exact into `Decimal128`. Multi-valued fields into `Utf8` are JSON
//! array text (`["a","b"]`, see [`ColumnType::Utf8`]) or `List(Utf8)`.
//! CREATOR/MODIFIER and the user lists give codes, or display names with
//! [`ValuePart::Name`]; FILE gives file names, or keys with [`ValuePart::FileKey`].
//!
//! Errors ([`DecodeError`]) name the field code and the record's `$id`.

mod column;
mod error;
mod fields;
mod page;
mod plan;
mod scalar;
mod table;
#[cfg(test)]
mod tests;
mod value;

use arrow_schema::SchemaRef;

pub use error::{DecodeError, DecodeErrorKind};
pub use page::DecodedPage;
pub use plan::{ColumnSpec, ColumnType, RecordPlan, SubtablePlan, ValuePart};

/// Either kind of plan, for code that pages through records without caring
/// which rows it produces.
#[derive(Clone, Debug)]
pub enum Projection {
    Records(RecordPlan),
    Subtable(SubtablePlan),
}

impl Projection {
    /// Decodes one page.
    pub fn decode(&self, body: &[u8]) -> Result<DecodedPage, DecodeError> {
        match self {
            Projection::Records(plan) => plan.decode(body),
            Projection::Subtable(plan) => plan.decode(body),
        }
    }

    /// The schema of the batches produced.
    pub fn schema(&self) -> SchemaRef {
        match self {
            Projection::Records(plan) => plan.schema(),
            Projection::Subtable(plan) => plan.schema(),
        }
    }
}
