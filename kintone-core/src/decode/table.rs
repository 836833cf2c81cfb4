//! SUBTABLE rows for a `SubtablePlan`: `[{"id": "48277", "value": {...}}, ...]`,
//! each row's fields decoded like a record's, with the row id and the
//! index of its record kept to repeat the parent columns.

use std::borrow::Cow;
use std::fmt;

use arrow_array::builder::Int64Builder;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::DecodeErrorKind;
use super::fields::{Ctx, FieldSet, RecordSeed, Text};
use super::scalar;

/// The rows of one SUBTABLE being decoded (for a `SubtablePlan`).
pub(super) struct TableState {
    pub(super) fields: FieldSet,
    pub(super) row_ids: Int64Builder,
    /// For each table row, the index of its record in the page.
    pub(super) parent_index: Vec<u32>,
    /// Index of the current record.
    pub(super) current_parent: u32,
}

/// The rows of a SUBTABLE: `[{"id": "48277", "value": {...}}, ...]`.
pub(super) struct TableRowsSeed<'a> {
    pub(super) table: &'a mut TableState,
    pub(super) ctx: &'a mut Ctx,
    pub(super) label: &'a str,
}

impl TableRowsSeed<'_> {
    fn wrong_shape(self) {
        let kind = DecodeErrorKind::UnexpectedShape {
            expected: "an array of table rows".into(),
        };
        self.ctx.fail(self.label, kind);
    }
}

impl<'de> DeserializeSeed<'de> for TableRowsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TableRowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of table rows")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.wrong_shape();
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(row_id) = seq.next_element_seed(RowSeed {
            table: &mut *self.table,
            ctx: &mut *self.ctx,
        })? {
            match row_id.as_deref().map(scalar::parse_i64) {
                Some(Ok(id)) => self.table.row_ids.append_value(id),
                other => {
                    let kind = match other {
                        Some(Err(_)) => DecodeErrorKind::InvalidValue {
                            value: row_id.unwrap_or_default().into_owned(),
                            expected: "a table row id".into(),
                        },
                        _ => DecodeErrorKind::UnexpectedShape {
                            expected: "a row \"id\"".into(),
                        },
                    };
                    self.ctx.fail(self.label, kind);
                    self.table.row_ids.append_null();
                }
            }
            self.table.parent_index.push(self.table.current_parent);
        }
        Ok(())
    }
}

/// One table row; returns its `id`.
struct RowSeed<'a> {
    table: &'a mut TableState,
    ctx: &'a mut Ctx,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table row object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let mut seen_value = false;
        while let Some(key) = map.next_key_seed(Text)? {
            match key.as_deref() {
                Some("id") => id = map.next_value_seed(Text)?,
                Some("value") => {
                    seen_value = true;
                    map.next_value_seed(RecordSeed {
                        fields: &mut self.table.fields,
                        table: None,
                        ctx: &mut *self.ctx,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_value {
            // Keep the columns aligned with the row ids: a row without fields is all blank.
            for column in &mut self.table.fields.columns {
                column.append_null();
            }
            self.table.fields.check_complete(self.ctx);
        }
        Ok(id)
    }
}
