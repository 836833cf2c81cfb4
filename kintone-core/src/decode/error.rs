//! The typed error of the record decoder.

use std::fmt;

/// What went wrong while decoding a records page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not the JSON Kintone sends (syntax error, truncation,
    /// a `records` that is not an array, ...).
    Malformed(String),
    /// A value that cannot be read as the column's type (`"12a"` into a
    /// number, `"2026-02-30"` into a date...).
    InvalidValue { value: String, expected: String },
    /// A well-formed value that the column's type cannot hold (too many
    /// digits for the decimal's precision, more decimals than its scale...).
    OutOfRange { value: String, target: String },
    /// The record says the field has another type than the plan expects:
    /// the app's form changed since its metadata was read.
    TypeChanged { expected: String, found: String },
    /// The value has the wrong JSON shape for the field's type (an object
    /// where a string was expected, ...).
    UnexpectedShape { expected: String },
    /// A field of the plan is absent from a record (or a table row).
    MissingField,
    /// A field appears twice in one record.
    DuplicateField,
    /// The plan asks for a conversion the decoder does not do.
    UnsupportedColumn(String),
}

/// A decode failure, naming the field code and the record `$id` where it
/// happened when they are known (the record's 0-based position in the page
/// otherwise), and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The field code (for a field in a table: `table.field`).
    pub field: Option<String>,
    /// The record's `$id` (when the record carries one).
    pub record_id: Option<String>,
    /// The record's 0-based position in the page.
    pub record_index: Option<usize>,
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    pub(crate) fn new(kind: DecodeErrorKind) -> Self {
        DecodeError {
            field: None,
            record_id: None,
            record_index: None,
            kind,
        }
    }

    pub(crate) fn in_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub(crate) fn unsupported(field: &str, message: String) -> Self {
        DecodeError::new(DecodeErrorKind::UnsupportedColumn(message)).in_field(field)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DecodeErrorKind::Malformed(m) => write!(f, "malformed records page: {m}")?,
            DecodeErrorKind::InvalidValue { value, expected } => {
                write!(f, "value {value:?} is not {expected}")?
            }
            DecodeErrorKind::OutOfRange { value, target } => {
                write!(f, "value {value:?} does not fit in {target}")?
            }
            DecodeErrorKind::TypeChanged { expected, found } => write!(
                f,
                "field is of type {found}, expected {expected} (the app's form changed: refresh its metadata)"
            )?,
            DecodeErrorKind::UnexpectedShape { expected } => {
                write!(f, "unexpected JSON shape, expected {expected}")?
            }
            DecodeErrorKind::MissingField => f.write_str("field missing from the record")?,
            DecodeErrorKind::DuplicateField => f.write_str("field given twice in one record")?,
            DecodeErrorKind::UnsupportedColumn(m) => write!(f, "unsupported column: {m}")?,
        }
        if let Some(field) = &self.field {
            write!(f, "; field {field}")?;
        }
        match (&self.record_id, self.record_index) {
            (Some(id), _) => write!(f, "; record $id {id}")?,
            (None, Some(i)) => write!(f, "; record #{i} of the page")?,
            (None, None) => {}
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}
