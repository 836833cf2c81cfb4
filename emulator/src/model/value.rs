//! Field values as the emulator stores them.
//!
//! Values are kept close to Kintone's read shape (facts §8): scalars are
//! strings, with `""` meaning blank. Types are not repeated per value: the
//! app's field definition says how a value is written out.

use std::io::Write;

/// A `{code, name}` pair: users, organizations, groups, creator, modifier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entity {
    pub code: String,
    pub name: String,
}

/// An attached file, as listed in a FILE field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub content_type: String,
    pub file_key: String,
    pub name: String,
    pub size: u64,
}

/// One row of a SUBTABLE: its row id and the values of the table's fields,
/// in the order of the table's `subfields`.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub id: u64,
    pub values: Vec<Value>,
}

/// The value of one field in one record.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Every scalar type (text, number, calc, date, time, datetime, link,
    /// radio button, drop-down, status, record number). `""` is blank.
    Text(String),
    /// CHECK_BOX, MULTI_SELECT, CATEGORY.
    List(Vec<String>),
    /// CREATOR, MODIFIER. Boxed so that `Value` stays at 32 bytes: a
    /// million-record app holds tens of millions of values.
    Entity(Box<Entity>),
    /// USER_SELECT, ORGANIZATION_SELECT, GROUP_SELECT, STATUS_ASSIGNEE.
    Entities(Vec<Entity>),
    /// FILE.
    Files(Vec<FileRef>),
    /// SUBTABLE.
    Table(Vec<TableRow>),
}

// A million records of ~30 fields: every byte of `Value` costs ~30 MB.
const _: () = assert!(std::mem::size_of::<Value>() <= 32);

impl Value {
    /// A CREATOR/MODIFIER value.
    pub fn entity(e: Entity) -> Value {
        Value::Entity(Box::new(e))
    }

    /// The blank value of a field of the given type.
    pub fn blank(kind: super::FieldType) -> Value {
        use super::FieldType::*;
        match kind {
            CheckBox | MultiSelect | Category => Value::List(Vec::new()),
            Creator | Modifier => Value::entity(Entity::default()),
            UserSelect | OrganizationSelect | GroupSelect | StatusAssignee => {
                Value::Entities(Vec::new())
            }
            File => Value::Files(Vec::new()),
            Subtable => Value::Table(Vec::new()),
            _ => Value::Text(String::new()),
        }
    }

    /// The scalar text, or `""` for non-scalar values.
    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(s) => s,
            _ => "",
        }
    }

    /// True when the value is blank in Kintone's sense (whitespace-only text
    /// counts as empty, facts §6).
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::List(v) => v.is_empty(),
            Value::Entity(e) => e.code.is_empty(),
            Value::Entities(v) => v.is_empty(),
            Value::Files(v) => v.is_empty(),
            Value::Table(v) => v.is_empty(),
        }
    }
}

/// Writes a JSON string literal (with escaping) to `out`.
pub fn write_json_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing to a Vec cannot fail");
}

fn write_entity(out: &mut Vec<u8>, e: &Entity) {
    out.extend_from_slice(b"{\"code\":");
    write_json_str(out, &e.code);
    out.extend_from_slice(b",\"name\":");
    write_json_str(out, &e.name);
    out.push(b'}');
}

/// Writes a value in Kintone's read shape (the part after `"value":`).
pub fn write_value_json(
    out: &mut Vec<u8>,
    kind: super::FieldType,
    value: &Value,
    subfields: &[super::FieldDef],
) {
    match value {
        Value::Text(s) => {
            if s.is_empty() && kind.blank_is_null() {
                out.extend_from_slice(b"null");
            } else {
                write_json_str(out, s);
            }
        }
        Value::List(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json_str(out, item);
            }
            out.push(b']');
        }
        Value::Entity(e) => write_entity(out, e),
        Value::Entities(items) => {
            out.push(b'[');
            for (i, e) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_entity(out, e);
            }
            out.push(b']');
        }
        Value::Files(files) => {
            out.push(b'[');
            for (i, f) in files.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(b"{\"contentType\":");
                write_json_str(out, &f.content_type);
                out.extend_from_slice(b",\"fileKey\":");
                write_json_str(out, &f.file_key);
                out.extend_from_slice(b",\"name\":");
                write_json_str(out, &f.name);
                let _ = write!(out, ",\"size\":\"{}\"}}", f.size);
            }
            out.push(b']');
        }
        Value::Table(rows) => {
            out.push(b'[');
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let _ = write!(out, "{{\"id\":\"{}\",\"value\":{{", row.id);
                for (j, (def, v)) in subfields.iter().zip(&row.values).enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    write_field_json(out, def, v);
                }
                out.extend_from_slice(b"}}");
            }
            out.push(b']');
        }
    }
}

/// Writes `"code":{"type":"...","value":...}`.
pub fn write_field_json(out: &mut Vec<u8>, def: &super::FieldDef, value: &Value) {
    write_json_str(out, &def.code);
    out.extend_from_slice(b":{\"type\":\"");
    out.extend_from_slice(def.kind.name().as_bytes());
    out.extend_from_slice(b"\",\"value\":");
    write_value_json(out, def.kind, value, &def.subfields);
    out.push(b'}');
}
