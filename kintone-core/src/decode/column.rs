//! One output column under construction: an Arrow builder and the
//! conversion of Kintone's text into it.

use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Decimal128Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
    Time64MicrosecondBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::ArrayRef;

use super::error::DecodeErrorKind;
use super::plan::{ColumnSpec, ColumnType, ValuePart};
use super::scalar::{self, ScalarError};

enum Builder {
    Int64(Int64Builder),
    Utf8(StringBuilder),
    Decimal(Decimal128Builder, u8, i8),
    Float64(Float64Builder),
    Date32(Date32Builder),
    Time64(Time64MicrosecondBuilder),
    Timestamp(TimestampMicrosecondBuilder),
    List(ListBuilder<StringBuilder>),
}

/// A column being filled, one value per record (or table row).
pub(super) struct Column {
    builder: Builder,
    target: ColumnType,
    /// The key taken from `{code, name}` / file objects.
    pub(super) part_key: &'static str,
    /// JSON array text being built for a list into `Utf8`.
    list_text: String,
    list_len: usize,
}

fn scalar_error(value: &str, target: ColumnType, error: ScalarError) -> DecodeErrorKind {
    let target = format!("{:?}", target);
    match error {
        ScalarError::Invalid => DecodeErrorKind::InvalidValue {
            value: value.to_string(),
            expected: format!("a valid {target} value"),
        },
        ScalarError::OutOfRange => DecodeErrorKind::OutOfRange {
            value: value.to_string(),
            target,
        },
    }
}

/// Appends `s` to `out` as the body of a JSON string (without the quotes).
fn push_json_escaped(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(escape);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
}

impl Column {
    pub(super) fn new(spec: &ColumnSpec, capacity: usize) -> Column {
        let builder = match spec.target {
            ColumnType::Int64 => Builder::Int64(Int64Builder::with_capacity(capacity)),
            ColumnType::Utf8 => {
                Builder::Utf8(StringBuilder::with_capacity(capacity, capacity * 16))
            }
            ColumnType::Decimal128(p, s) => Builder::Decimal(
                Decimal128Builder::with_capacity(capacity)
                    .with_precision_and_scale(p, s)
                    .expect("validated by ColumnSpec::validate"),
                p,
                s,
            ),
            ColumnType::Float64 => Builder::Float64(Float64Builder::with_capacity(capacity)),
            ColumnType::Date32 => Builder::Date32(Date32Builder::with_capacity(capacity)),
            ColumnType::Time64Microsecond => {
                Builder::Time64(Time64MicrosecondBuilder::with_capacity(capacity))
            }
            ColumnType::TimestampMicrosecondUtc => Builder::Timestamp(
                TimestampMicrosecondBuilder::with_capacity(capacity).with_timezone("UTC"),
            ),
            ColumnType::ListUtf8 => {
                Builder::List(ListBuilder::with_capacity(StringBuilder::new(), capacity))
            }
        };
        let part_key = match spec.part {
            ValuePart::Value if spec.source == crate::schema::FieldType::File => "name",
            ValuePart::Value => "code",
            ValuePart::Name => "name",
            ValuePart::FileKey => "fileKey",
        };
        Column {
            builder,
            target: spec.target,
            part_key,
            list_text: String::new(),
            list_len: 0,
        }
    }

    pub(super) fn append_null(&mut self) {
        match &mut self.builder {
            Builder::Int64(b) => b.append_null(),
            Builder::Utf8(b) => b.append_null(),
            Builder::Decimal(b, ..) => b.append_null(),
            Builder::Float64(b) => b.append_null(),
            Builder::Date32(b) => b.append_null(),
            Builder::Time64(b) => b.append_null(),
            Builder::Timestamp(b) => b.append_null(),
            Builder::List(b) => b.append_null(),
        }
    }

    /// Appends a scalar value; `""` is NULL.
    pub(super) fn append_str(&mut self, s: &str) -> Result<(), DecodeErrorKind> {
        if s.is_empty() {
            self.append_null();
            return Ok(());
        }
        let target = self.target;
        let fail = |e| scalar_error(s, target, e);
        match &mut self.builder {
            Builder::Utf8(b) => b.append_value(s),
            Builder::Int64(b) => b.append_value(scalar::parse_i64(s).map_err(fail)?),
            Builder::Decimal(b, p, sc) => {
                b.append_value(scalar::parse_decimal(s, *p, *sc).map_err(fail)?)
            }
            Builder::Float64(b) => b.append_value(scalar::parse_f64(s).map_err(fail)?),
            Builder::Date32(b) => b.append_value(scalar::parse_date(s).map_err(fail)?),
            Builder::Time64(b) => b.append_value(scalar::parse_time(s).map_err(fail)?),
            Builder::Timestamp(b) => b.append_value(scalar::parse_timestamp(s).map_err(fail)?),
            Builder::List(_) => {
                return Err(DecodeErrorKind::UnexpectedShape {
                    expected: "a list".into(),
                })
            }
        }
        Ok(())
    }

    /// Starts a list value (for multi-valued fields).
    pub(super) fn list_begin(&mut self) {
        self.list_len = 0;
        self.list_text.clear();
        self.list_text.push('[');
    }

    /// Adds one element to the list begun by [`Column::list_begin`].
    pub(super) fn list_push(&mut self, element: &str) {
        match &mut self.builder {
            Builder::List(b) => b.values().append_value(element),
            _ => {
                if self.list_len > 0 {
                    self.list_text.push(',');
                }
                self.list_text.push('"');
                push_json_escaped(&mut self.list_text, element);
                self.list_text.push('"');
            }
        }
        self.list_len += 1;
    }

    /// Ends the list: an empty list is NULL.
    pub(super) fn list_end(&mut self) {
        let empty = self.list_len == 0;
        match &mut self.builder {
            Builder::List(b) => b.append(!empty),
            Builder::Utf8(b) if !empty => {
                self.list_text.push(']');
                b.append_value(&self.list_text);
            }
            _ => self.append_null(),
        }
    }

    pub(super) fn len(&self) -> usize {
        use arrow_array::builder::ArrayBuilder;
        match &self.builder {
            Builder::Int64(b) => b.len(),
            Builder::Utf8(b) => b.len(),
            Builder::Decimal(b, ..) => b.len(),
            Builder::Float64(b) => b.len(),
            Builder::Date32(b) => b.len(),
            Builder::Time64(b) => b.len(),
            Builder::Timestamp(b) => b.len(),
            Builder::List(b) => b.len(),
        }
    }

    pub(super) fn finish(self) -> ArrayRef {
        match self.builder {
            Builder::Int64(mut b) => Arc::new(b.finish()),
            Builder::Utf8(mut b) => Arc::new(b.finish()),
            Builder::Decimal(mut b, ..) => Arc::new(b.finish()),
            Builder::Float64(mut b) => Arc::new(b.finish()),
            Builder::Date32(mut b) => Arc::new(b.finish()),
            Builder::Time64(mut b) => Arc::new(b.finish()),
            Builder::Timestamp(mut b) => Arc::new(b.finish()),
            Builder::List(mut b) => Arc::new(b.finish()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::push_json_escaped;

    #[test]
    fn json_escaping_matches_serde_json() {
        for s in [
            "plain",
            "a\"b",
            "back\\slash",
            "line\nbreak\ttab",
            "\u{1}ctl",
            "日本語,[]",
        ] {
            let mut out = String::from("\"");
            push_json_escaped(&mut out, s);
            out.push('"');
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }
}
