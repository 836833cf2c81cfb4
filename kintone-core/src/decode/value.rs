//! One field's `value`: a scalar, a `{code, name}` entity or a list,
//! appended to every column the plan feeds from the field.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::column::Column;
use super::error::DecodeErrorKind;
use super::fields::{Ctx, Shape, Slot, Text};

/// One field's `value`, appended to each column of the slot.
pub(super) struct ValueSeed<'a> {
    pub(super) slot: &'a Slot,
    pub(super) columns: &'a mut [Column],
    pub(super) ctx: &'a mut Ctx,
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
