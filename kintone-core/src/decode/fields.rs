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

use arrow_array::builder::Int64Builder;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::column::Column;
use super::error::{DecodeError, DecodeErrorKind};
use super::plan::ColumnSpec;
use super::scalar;
use crate::schema::FieldType;

/// The JSON shape of a field's `value`, by field type (facts §8).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
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
struct Slot {
    /// The code in error messages (`table.field` inside a table).
    label: Box<str>,
    type_name: Box<str>,
    shape: Shape,
    columns: Vec<usize>,
    /// Every record must carry it (false for the `$id` kept only for errors).
    required: bool,
    is_record_id: bool,
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
    fn fail(&mut self, field: &str, kind: DecodeErrorKind) {
        if self.error.is_none() {
            self.error = Some(DecodeError::new(kind).in_field(field));
        }
    }
}

/// The rows of one SUBTABLE being decoded (for a `SubtablePlan`).
pub(super) struct TableState {
    pub(super) fields: FieldSet,
    pub(super) row_ids: Int64Builder,
    /// For each table row, the index of its record in the page.
    pub(super) parent_index: Vec<u32>,
    /// Index of the current record.
    pub(super) current_parent: u32,
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
    fn check_complete(&mut self, ctx: &mut Ctx) {
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
struct Text;

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

/// One field's `value`, appended to each column of the slot.
struct ValueSeed<'a> {
    slot: &'a Slot,
    columns: &'a mut [Column],
    ctx: &'a mut Ctx,
}

impl ValueSeed<'_> {
    fn wrong_shape(&mut self) {
        let expected = match self.slot.shape {
            Shape::Scalar => "a string or null",
            Shape::Entity => "a {code, name} object",
            Shape::List => "an array",
            Shape::Table => "an array of rows",
        };
        self.ctx.fail(
            &self.slot.label,
            DecodeErrorKind::UnexpectedShape {
                expected: expected.into(),
            },
        );
    }

    fn append_nulls(&mut self) {
        for &c in &self.slot.columns {
            self.columns[c].append_null();
        }
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field value")
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        if self.slot.is_record_id {
            self.ctx.record_id.clear();
            self.ctx.record_id.push_str(v);
        }
        if self.slot.shape != Shape::Scalar {
            self.wrong_shape();
            return Ok(());
        }
        for &c in &self.slot.columns {
            if let Err(kind) = self.columns[c].append_str(v) {
                self.ctx.fail(&self.slot.label, kind);
                return Ok(());
            }
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.append_nulls();
        Ok(())
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.wrong_shape();
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        if self.slot.shape != Shape::Entity {
            self.wrong_shape();
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let entity = read_entity(&mut map)?;
        for &c in &self.slot.columns {
            let column = &mut self.columns[c];
            match entity.get(column.part_key) {
                Some(text) => {
                    if let Err(kind) = column.append_str(text) {
                        self.ctx.fail(&self.slot.label, kind);
                    }
                }
                None => column.append_null(),
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if self.slot.shape != Shape::List {
            self.wrong_shape();
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        for &c in &self.slot.columns {
            self.columns[c].list_begin();
        }
        while let Some(element) = seq.next_element_seed(ElementSeed)? {
            for &c in &self.slot.columns {
                let column = &mut self.columns[c];
                match element.get(column.part_key) {
                    Some(text) => column.list_push(text),
                    None => self.ctx.fail(
                        &self.slot.label,
                        DecodeErrorKind::UnexpectedShape {
                            expected: format!("list elements with a \"{}\"", column.part_key),
                        },
                    ),
                }
            }
        }
        for &c in &self.slot.columns {
            self.columns[c].list_end();
        }
        Ok(())
    }
}

/// A list element or entity: a plain string, or the parts of an object.
#[derive(Default)]
struct Element<'de> {
    plain: Option<Cow<'de, str>>,
    code: Option<Cow<'de, str>>,
    name: Option<Cow<'de, str>>,
    file_key: Option<Cow<'de, str>>,
}

impl Element<'_> {
    /// The part a column wants: a plain string is its own code and name.
    fn get(&self, part_key: &str) -> Option<&str> {
        if let Some(plain) = &self.plain {
            return Some(plain);
        }
        match part_key {
            "code" => self.code.as_deref(),
            "name" => self.name.as_deref(),
            _ => self.file_key.as_deref(),
        }
    }
}

fn read_entity<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Element<'de>, A::Error> {
    let mut element = Element::default();
    while let Some(key) = map.next_key_seed(Text)? {
        let target = match key.as_deref() {
            Some("code") => &mut element.code,
            Some("name") => &mut element.name,
            Some("fileKey") => &mut element.file_key,
            _ => {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
        };
        *target = map.next_value_seed(Text)?;
    }
    Ok(element)
}

struct ElementSeed;

impl<'de> DeserializeSeed<'de> for ElementSeed {
    type Value = Element<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ElementSeed {
    type Value = Element<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an object")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Element {
            plain: Some(Cow::Borrowed(v)),
            ..Element::default()
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Element {
            plain: Some(Cow::Owned(v.to_string())),
            ..Element::default()
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        read_entity(&mut map)
    }
}

/// The rows of a SUBTABLE: `[{"id": "48277", "value": {...}}, ...]`.
struct TableRowsSeed<'a> {
    table: &'a mut TableState,
    ctx: &'a mut Ctx,
    label: &'a str,
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
