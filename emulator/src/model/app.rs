//! Apps and their records.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use serde_json::Value as Json;

use super::field::{FieldDef, FieldType};
use super::value::{write_field_json, Value};

/// `app/settings.json` number precision (facts §7: extra decimals are rounded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberPrecision {
    /// Total significant digits allowed (1..=30).
    pub digits: u32,
    /// Decimal places kept (0..=10).
    pub decimal_places: u32,
    /// `HALF_EVEN` (the default), `UP` or `DOWN`.
    pub rounding_mode: String,
}

impl Default for NumberPrecision {
    fn default() -> Self {
        NumberPrecision {
            digits: 16,
            decimal_places: 4,
            rounding_mode: "HALF_EVEN".into(),
        }
    }
}

/// One API token of an app with its permissions (facts §2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiToken {
    pub token: String,
    pub view_record: bool,
    pub add_record: bool,
    pub edit_record: bool,
    pub delete_record: bool,
}

/// A record: `$id`, `$revision` and one value per top-level field of the app
/// (`values[i]` belongs to `App::fields[i]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: u64,
    pub revision: u64,
    pub values: Vec<Value>,
}

/// A comment on a record.
#[derive(Clone, Debug)]
pub struct Comment {
    pub id: u64,
    pub text: String,
    pub created_at: String,
    pub creator: super::Entity,
    pub mentions: Json,
}

/// Where a field code lives inside an app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldSlot {
    /// A top-level field: index into `App::fields` and `Record::values`.
    Top(usize),
    /// A field inside a table: the table's top-level index and the field's
    /// index among the table's subfields.
    InTable(usize, usize),
}

/// An app: its settings, form and records.
#[derive(Clone, Debug)]
pub struct App {
    pub id: u64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub space_id: Option<u64>,
    pub thread_id: Option<u64>,
    pub created_at: String,
    pub creator: super::Entity,
    pub modified_at: String,
    pub modifier: super::Entity,
    /// Top-level fields in `properties` order (value-less layout fields are
    /// kept too, so that `fields.json` returns them).
    pub fields: Vec<FieldDef>,
    slots: HashMap<String, FieldSlot>,
    pub number_precision: NumberPrecision,
    /// `app/status.json` shape: `{"enable":bool,"states":{...},"actions":[...]}`.
    pub status: Json,
    /// `app/views.json` `views` object.
    pub views: Json,
    /// `app/form/layout.json` `layout` array.
    pub layout: Json,
    pub api_tokens: Vec<ApiToken>,
    pub records: BTreeMap<u64, Record>,
    pub next_record_id: u64,
    pub comments: BTreeMap<u64, Vec<Comment>>,
    /// Revision of the app's settings (`"revision"` of fields.json etc.).
    pub settings_revision: u64,
}

impl App {
    /// Creates an app with the given fields and no records.
    pub fn new(id: u64, name: &str, fields: Vec<FieldDef>) -> App {
        let mut app = App {
            id,
            code: String::new(),
            name: name.to_string(),
            description: String::new(),
            space_id: None,
            thread_id: None,
            created_at: "2026-01-05T00:00:00.000Z".into(),
            creator: super::Entity::default(),
            modified_at: "2026-01-05T00:00:00.000Z".into(),
            modifier: super::Entity::default(),
            fields: Vec::new(),
            slots: HashMap::new(),
            number_precision: NumberPrecision::default(),
            status: serde_json::json!({"enable": false, "states": null, "actions": null, "revision": "1"}),
            views: serde_json::json!({}),
            layout: serde_json::json!([]),
            api_tokens: Vec::new(),
            records: BTreeMap::new(),
            next_record_id: 1,
            comments: BTreeMap::new(),
            settings_revision: 1,
        };
        app.set_fields(fields);
        app
    }

    /// Replaces the form and rebuilds the code index. Records must be
    /// re-shaped by the caller if any exist.
    pub fn set_fields(&mut self, fields: Vec<FieldDef>) {
        self.slots.clear();
        for (i, f) in fields.iter().enumerate() {
            self.slots.insert(f.code.clone(), FieldSlot::Top(i));
            for (j, sub) in f.subfields.iter().enumerate() {
                self.slots
                    .insert(sub.code.clone(), FieldSlot::InTable(i, j));
            }
        }
        self.fields = fields;
    }

    /// Where the field with this code is, if the app has it.
    pub fn slot(&self, code: &str) -> Option<FieldSlot> {
        self.slots.get(code).copied()
    }

    /// The definition of a field by code, at top level or inside a table.
    pub fn field(&self, code: &str) -> Option<&FieldDef> {
        match self.slot(code)? {
            FieldSlot::Top(i) => Some(&self.fields[i]),
            FieldSlot::InTable(i, j) => Some(&self.fields[i].subfields[j]),
        }
    }

    /// The first top-level field of a type (e.g. the RECORD_NUMBER field).
    pub fn field_of_type(&self, kind: FieldType) -> Option<(usize, &FieldDef)> {
        self.fields.iter().enumerate().find(|(_, f)| f.kind == kind)
    }

    /// A record with every field blank, shaped for this app.
    pub fn blank_values(&self) -> Vec<Value> {
        self.fields.iter().map(|f| Value::blank(f.kind)).collect()
    }

    /// Writes one record in the read shape of `records.json`, with only the
    /// selected top-level fields (`None` = all). `$id` and `$revision` are
    /// included when selected or when no selection is given.
    pub fn write_record_json(
        &self,
        out: &mut Vec<u8>,
        record: &Record,
        selection: Option<&[usize]>,
        with_id: bool,
        with_revision: bool,
    ) {
        out.push(b'{');
        let mut first = true;
        let mut sep = |out: &mut Vec<u8>| {
            if !first {
                out.push(b',');
            }
            first = false;
        };
        let mut write_one = |out: &mut Vec<u8>, i: usize| {
            let def = &self.fields[i];
            if def.kind.has_value() {
                sep(out);
                write_field_json(out, def, &record.values[i]);
            }
        };
        match selection {
            Some(indices) => indices.iter().for_each(|&i| write_one(out, i)),
            None => (0..self.fields.len()).for_each(|i| write_one(out, i)),
        }
        if with_revision {
            sep(out);
            let _ = write!(
                out,
                "\"$revision\":{{\"type\":\"__REVISION__\",\"value\":\"{}\"}}",
                record.revision
            );
        }
        if with_id {
            sep(out);
            let _ = write!(
                out,
                "\"$id\":{{\"type\":\"__ID__\",\"value\":\"{}\"}}",
                record.id
            );
        }
        out.push(b'}');
    }
}
