//! Streaming decode of one record map (or one table row's `value` map)
//! into the columns of a [`FieldSet`], with serde's `DeserializeSeed`.
//!
//! Semantic errors (a bad value, a wrong type) are not returned through
//! serde at once: they are kept in [`Ctx::error`] and the record is read to
//! its end, so that the error can name the record's `$id` (which Kintone
//! sends last). Only JSON syntax errors abort at once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::column::Column;
use super::error::{DecodeError, DecodeErrorKind};
use super::plan::ColumnSpec;
use super::table::{TableRowsSeed, TableState};
use super::value::ValueSeed;
use crate::schema::FieldType;

/// The JSON shape of a field's `value`, by field type (facts §8).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A string (or `null`).
    Scalar,
    /// A `{code, name}` object (CREATOR, MODIFIER).
    Entity,
    /// An array of strings or of objects.
    List,
    /// SUBTABLE rows.
    Table,
}

/// A field code the plan reads, and the columns fed from it.
pub(super) struct Slot {
    /// The code in error messages (`table.field` inside a table).
    pub(super) label: Box<str>,
    pub(super) type_name: Box<str>,
    pub(super) shape: Shape,
    pub(super) columns: Vec<usize>,
    /// Every record must carry it (false for the `$id` kept only for errors).
    pub(super) required: bool,
    pub(super) is_record_id: bool,
}

/// State shared by every level of one page's decode.
#[derive(Default)]
pub(super) struct Ctx {
    /// The first semantic error of the current record.
    pub(super) error: Option<DecodeError>,
    /// The current record's `$id` text (empty until seen).
    pub(super) record_id: String,
}

impl Ctx {
    pub(super) fn fail(&mut self, field: &str, kind: DecodeErrorKind) {
        if self.error.is_none() {
            self.error = Some(DecodeError::new(kind).in_field(field));
        }
    }
}

/// Field code -> slot. Kintone lists the fields of every record of a page
/// in the same order, so the key at position `k` of a map is first compared
/// with the one seen at `k` in the previous map: no hashing on the hot path.
struct KeyIndex {
    map: HashMap<Box<str>, usize>,
    /// The key and slot seen at each position of the previous map.
    order: Vec<(Box<str>, Option<usize>)>,
}

impl KeyIndex {
    fn lookup(&mut self, position: usize, key: &str) -> Option<usize> {
        if let Some((seen, slot)) = self.order.get(position) {
            if seen.as_ref() == key {
                return *slot;
            }
        }
        let slot = self.map.get(key).copied();
        if position < self.order.len() {
            self.order[position] = (key.into(), slot);
        } else if position == self.order.len() {
            self.order.push((key.into(), slot));
        }
        slot
    }
}

/// The fields one map is decoded into: a lookup from field code to slot,
/// and the columns.
pub(super) struct FieldSet {
    index: KeyIndex,
    slots: Vec<Slot>,
    filled: Vec<bool>,
    /// Whether the fields' `type` has been checked: every record of a page
    /// has the same form, so the first map is enough.
    types_checked: bool,
    pub(super) columns: Vec<Column>,
}

fn shape_of(source: &FieldType) -> Shape {
    match source {
        FieldType::Creator | FieldType::Modifier => Shape::Entity,
        FieldType::Subtable => Shape::Table,
        t if t.is_multi_valued() => Shape::List,
        _ => Shape::Scalar,
    }
}

impl FieldSet {
    /// Columns in `specs` order. `prefix` names the table in error messages;
    /// `table` adds a slot for the SUBTABLE whose rows go to a [`TableState`].
    pub(super) fn new(
        specs: &[ColumnSpec],
        prefix: Option<&str>,
        table: Option<&str>,
        capacity: usize,
    ) -> Result<FieldSet, DecodeError> {
        let mut set = FieldSet {
            index: KeyIndex {
                map: HashMap::new(),
                order: Vec::new(),
            },
            slots: Vec::new(),
            filled: Vec::new(),
            types_checked: false,
            columns: Vec::with_capacity(specs.len()),
        };
        for (i, spec) in specs.iter().enumerate() {
            set.columns.push(Column::new(spec, capacity));
            let slot = set.slot_for(&spec.field_code, &spec.source, prefix)?;
            set.slots[slot].columns.push(i);
            set.slots[slot].required = true;
        }
        if prefix.is_none() {
            set.slot_for("$id", &FieldType::Id, None)?;
        }
        if let Some(code) = table {
            let slot = set.slot_for(code, &FieldType::Subtable, None)?;
            set.slots[slot].required = true;
        }
        set.filled = vec![false; set.slots.len()];
        Ok(set)
    }

    fn slot_for(
        &mut self,
        code: &str,
        source: &FieldType,
        prefix: Option<&str>,
    ) -> Result<usize, DecodeError> {
        if let Some(&slot) = self.index.map.get(code) {
            if self.slots[slot].type_name.as_ref() != source.name() {
                return Err(DecodeError::unsupported(
                    code,
                    format!(
                        "the plan gives the field two types, {} and {source}",
                        self.slots[slot].type_name
                    ),
                ));
            }
            return Ok(slot);
        }
        let label = match prefix {
            Some(table) => format!("{table}.{code}"),
            None => code.to_string(),
        };
        self.slots.push(Slot {
            label: label.into(),
            type_name: source.name().into(),
            shape: shape_of(source),
            columns: Vec::new(),
            required: false,
            is_record_id: prefix.is_none() && code == "$id",
        });
        self.index.map.insert(code.into(), self.slots.len() - 1);
        Ok(self.slots.len() - 1)
    }

    /// Number of rows appended so far.
    pub(super) fn rows(&self) -> Option<usize> {
        self.columns.first().map(Column::len)
    }

    /// After a map: every required slot must have been seen.
    pub(super) fn check_complete(&mut self, ctx: &mut Ctx) {
        for (slot, filled) in self.slots.iter().zip(&mut self.filled) {
            if !*filled && slot.required {
                ctx.fail(&slot.label, DecodeErrorKind::MissingField);
            }
            *filled = false;
        }
        self.types_checked = true;
    }
}

/// Decodes one record (or table row `value`) map into `fields`.
pub(super) struct RecordSeed<'a> {
    pub(super) fields: &'a mut FieldSet,
    pub(super) table: Option<&'a mut TableState>,
    pub(super) ctx: &'a mut Ctx,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut position = 0;
        while let Some(slot) = map.next_key_seed(KeySeed {
            index: &mut self.fields.index,
            position,
        })? {
            position += 1;
            let Some(slot) = slot else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if std::mem::replace(&mut self.fields.filled[slot], true) {
                self.ctx.fail(
                    &self.fields.slots[slot].label,
                    DecodeErrorKind::DuplicateField,
                );
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(FieldSeed {
                fields: &mut *self.fields,
                slot,
                table: self.table.as_deref_mut(),
                ctx: &mut *self.ctx,
            })?;
        }
        self.fields.check_complete(self.ctx);
        Ok(())
    }
}

/// Looks the key at `position` of a map up among the slots.
struct KeySeed<'a> {
    index: &'a mut KeyIndex,
    position: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<usize>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field code")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.index.lookup(self.position, v))
    }
}

/// A string that borrows from the input when it has no escapes; `null` is `None`.
pub(super) struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The `{"type": ..., "value": ...}` object of one field.
struct FieldSeed<'a> {
    fields: &'a mut FieldSet,
    slot: usize,
    table: Option<&'a mut TableState>,
    ctx: &'a mut Ctx,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a {\"type\", \"value\"} object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let FieldSet {
            slots,
            columns,
            types_checked,
            ..
        } = self.fields;
        let slot = &slots[self.slot];
        let mut seen_value = false;
        while let Some(key) = map.next_key_seed(Text)? {
            match key.as_deref() {
                Some("type") if *types_checked => {
                    map.next_value::<IgnoredAny>()?;
                }
                Some("type") => {
                    let found = map.next_value_seed(Text)?;
                    if found.as_deref() != Some(&slot.type_name) {
                        let kind = DecodeErrorKind::TypeChanged {
                            expected: slot.type_name.to_string(),
                            found: found.unwrap_or_default().into_owned(),
                        };
                        self.ctx.fail(&slot.label, kind);
                    }
                }
                Some("value") if slot.shape == Shape::Table => {
                    seen_value = true;
                    match self.table.as_deref_mut() {
                        Some(table) => map.next_value_seed(TableRowsSeed {
                            table,
                            ctx: &mut *self.ctx,
                            label: &slot.label,
                        })?,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Some("value") => {
                    seen_value = true;
                    map.next_value_seed(ValueSeed {
                        slot,
                        columns: &mut *columns,
                        ctx: &mut *self.ctx,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_value {
            self.ctx.fail(
                &slot.label,
                DecodeErrorKind::UnexpectedShape {
                    expected: "a \"value\" member".into(),
                },
            );
        }
        Ok(())
    }
}
