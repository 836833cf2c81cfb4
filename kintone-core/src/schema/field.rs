//! `app/form/fields.json`: the fields of an app's form (facts §9).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::field_type::{FieldType, QueryOperator, Writability};
use super::lenient;

/// The body of `GET app/form/fields.json`: every field in form order.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FormFields {
    /// Top-level fields by code, in the order Kintone lists them. Fields of
    /// a table live in the table's [`FieldDef::fields`].
    #[serde(deserialize_with = "deserialize_properties")]
    pub properties: IndexMap<String, FieldDef>,
    /// Revision of the app's settings.
    #[serde(deserialize_with = "lenient::parsed")]
    pub revision: u64,
}

impl FormFields {
    /// Parses the JSON body of `app/form/fields.json`.
    pub fn from_json(body: &[u8]) -> serde_json::Result<FormFields> {
        serde_json::from_slice(body)
    }

    /// A field by code, at top level or inside a table (codes are unique per app).
    pub fn field(&self, code: &str) -> Option<&FieldDef> {
        self.properties
            .get(code)
            .or_else(|| self.subtables().find_map(|table| table.fields.get(code)))
    }

    /// The SUBTABLE fields, in form order.
    pub fn subtables(&self) -> impl Iterator<Item = &FieldDef> {
        self.properties
            .values()
            .filter(|f| f.field_type == FieldType::Subtable)
    }

    /// Top-level fields that hold a value in records, in form order.
    pub fn value_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.properties
            .values()
            .filter(|f| f.field_type.has_value())
    }

    /// Whether a lookup copies into this field: such fields are filled by
    /// Kintone from the related app and are not written directly.
    pub fn is_lookup_target(&self, code: &str) -> bool {
        let lookups = self
            .properties
            .values()
            .chain(self.subtables().flat_map(|t| t.fields.values()))
            .filter_map(|f| f.lookup.as_ref());
        lookups
            .flat_map(|l| l.field_mappings.iter())
            .any(|m| m.field == code)
    }
}

/// One option of a RADIO_BUTTON, CHECK_BOX, MULTI_SELECT or DROP_DOWN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldOption {
    /// The option's value as records carry it.
    pub name: String,
    /// The label shown in the form (same as `name` unless localised).
    pub label: String,
    /// Position in the form; DROP_DOWN sorts by it (facts §6).
    pub index: u32,
}

/// The `format` of a CALC field: how its result is typed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CalcFormat {
    /// A number (the default).
    Number,
    /// A number displayed with thousands separators: still a number.
    NumberDigit,
    /// `"2012-01-11T11:30:00Z"`.
    DateTime,
    /// `"2012-01-11"`.
    Date,
    /// `"09:00"`.
    Time,
    /// A duration as hours and minutes (text in records).
    HourMinute,
    /// A duration as days, hours and minutes (text in records).
    DayHourMinute,
    /// A format this crate does not know, as Kintone spelled it.
    Other(String),
}

impl CalcFormat {
    fn parse(name: &str) -> CalcFormat {
        match name {
            "NUMBER" => CalcFormat::Number,
            "NUMBER_DIGIT" => CalcFormat::NumberDigit,
            "DATETIME" => CalcFormat::DateTime,
            "DATE" => CalcFormat::Date,
            "TIME" => CalcFormat::Time,
            "HOUR_MINUTE" => CalcFormat::HourMinute,
            "DAY_HOUR_MINUTE" => CalcFormat::DayHourMinute,
            other => CalcFormat::Other(other.to_string()),
        }
    }

    /// Whether the result is a decimal number.
    pub fn is_number(&self) -> bool {
        matches!(self, CalcFormat::Number | CalcFormat::NumberDigit)
    }
}

/// The app a lookup reads from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RelatedApp {
    /// The related app's id.
    #[serde(deserialize_with = "lenient::parsed")]
    pub app: u64,
    /// The related app's code (empty when it has none).
    #[serde(default, deserialize_with = "lenient::text")]
    pub code: String,
}

/// One copy of a lookup: the related app's `related_field` into this app's `field`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMapping {
    pub field: String,
    pub related_field: String,
}

/// The `lookup` settings of a SINGLE_LINE_TEXT, NUMBER, ... field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lookup {
    pub related_app: RelatedApp,
    /// The key field in the related app.
    pub related_key_field: String,
    #[serde(default)]
    pub field_mappings: Vec<FieldMapping>,
    #[serde(default)]
    pub lookup_picker_fields: Vec<String>,
    /// Query restricting the related records (empty: none).
    #[serde(default, deserialize_with = "lenient::text")]
    pub filter_cond: String,
    /// `order by` of the picker (empty: none).
    #[serde(default, deserialize_with = "lenient::text")]
    pub sort: String,
}

/// A field's `defaultValue`; absent, `""` and `[]` are no default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DefaultValue {
    /// Text, number, date, DROP_DOWN/RADIO_BUTTON option...
    Text(String),
    /// CHECK_BOX / MULTI_SELECT options.
    List(Vec<String>),
    /// USER/ORGANIZATION/GROUP_SELECT entities: their codes.
    Entities(Vec<String>),
}

/// One field of a form, parsed from an entry of `properties`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldDef {
    pub code: String,
    pub label: String,
    pub no_label: bool,
    pub field_type: FieldType,
    pub required: bool,
    pub unique: bool,
    /// Options ordered by their `index` (DROP_DOWN's sort order).
    pub options: Vec<FieldOption>,
    /// Text length limits, in UTF-16 code units (facts §7).
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    /// NUMBER limits, as exact decimal text.
    pub max_value: Option<String>,
    pub min_value: Option<String>,
    pub default_value: Option<DefaultValue>,
    /// DATE/TIME/DATETIME: the default is the moment of creation.
    pub default_now_value: bool,
    /// CALC result type.
    pub calc_format: Option<CalcFormat>,
    /// CALC expression (also given for auto-calculated text fields).
    pub expression: Option<String>,
    /// Decimal places shown for NUMBER and CALC (display only: values keep
    /// the app's `numberPrecision`).
    pub display_scale: Option<u32>,
    /// NUMBER/CALC unit (`"JPY"`, `"%"`) and whether it goes BEFORE or AFTER.
    pub unit: Option<String>,
    pub unit_position: Option<String>,
    /// LINK protocol: `WEB`, `CALL` or `MAIL`.
    pub protocol: Option<String>,
    pub lookup: Option<Lookup>,
    /// STATUS, STATUS_ASSIGNEE, CATEGORY: whether the feature is on.
    pub enabled: Option<bool>,
    /// A SUBTABLE's fields by code, in form order (empty for other types).
    pub fields: IndexMap<String, FieldDef>,
    /// The code of the SUBTABLE holding this field; `None` at top level.
    pub subtable: Option<String>,
}

impl FieldDef {
    /// Whether the field lives inside a SUBTABLE.
    pub fn is_in_subtable(&self) -> bool {
        self.subtable.is_some()
    }

    /// The option names, in index order.
    pub fn option_names(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|o| o.name.as_str())
    }

    /// The query operators Kintone accepts on this field: those of its type,
    /// without `=`/`!=` inside a table (`GAIA_IQ07`, facts §6).
    pub fn queryable_operators(&self) -> Vec<QueryOperator> {
        let ops = self.field_type.queryable_operators().iter().copied();
        if self.is_in_subtable() {
            ops.filter(|op| !matches!(op, QueryOperator::Eq | QueryOperator::NotEq))
                .collect()
        } else {
            ops.collect()
        }
    }

    /// Whether `order by` accepts this field: by type, and never inside a table.
    pub fn is_sortable(&self) -> bool {
        self.field_type.is_sortable() && !self.is_in_subtable()
    }

    /// When a client may set this field (see [`FieldType::writability`]).
    pub fn writability(&self) -> Writability {
        self.field_type.writability()
    }

    /// Whether a CALC (or NUMBER) field yields a decimal number.
    pub fn is_numeric(&self) -> bool {
        match self.field_type {
            FieldType::Number => true,
            FieldType::Calc => self.calc_format.as_ref().is_none_or(CalcFormat::is_number),
            _ => false,
        }
    }
}

/// The JSON shape of one entry of `properties`, before normalisation.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFieldDef {
    #[serde(rename = "type")]
    field_type: FieldType,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    label: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    no_label: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    required: bool,
    #[serde(default, deserialize_with = "lenient::flag")]
    unique: bool,
    #[serde(default)]
    options: Option<IndexMap<String, RawOption>>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    max_length: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    min_length: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    max_value: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    min_value: Option<String>,
    #[serde(default)]
    default_value: Option<RawDefault>,
    #[serde(default, deserialize_with = "lenient::flag")]
    default_now_value: bool,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    format: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    expression: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    display_scale: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    unit: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    unit_position: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_text")]
    protocol: Option<String>,
    #[serde(default)]
    lookup: Option<Lookup>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    fields: Option<IndexMap<String, RawFieldDef>>,
}

#[derive(Deserialize)]
struct RawOption {
    #[serde(default, deserialize_with = "lenient::opt_text")]
    label: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    index: Option<u32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDefault {
    Text(String),
    Number(serde_json::Number),
    List(Vec<RawDefaultItem>),
    Null(()),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDefaultItem {
    Text(String),
    Entity { code: String },
}

fn default_value(raw: Option<RawDefault>) -> Option<DefaultValue> {
    match raw? {
        RawDefault::Text(s) if s.is_empty() => None,
        RawDefault::Text(s) => Some(DefaultValue::Text(s)),
        RawDefault::Number(n) => Some(DefaultValue::Text(n.to_string())),
        RawDefault::Null(()) => None,
        RawDefault::List(items) if items.is_empty() => None,
        RawDefault::List(items) => {
            let entities = matches!(items[0], RawDefaultItem::Entity { .. });
            let codes = items.into_iter().map(|item| match item {
                RawDefaultItem::Text(s) | RawDefaultItem::Entity { code: s } => s,
            });
            Some(if entities {
                DefaultValue::Entities(codes.collect())
            } else {
                DefaultValue::List(codes.collect())
            })
        }
    }
}

impl RawFieldDef {
    /// Normalises the definition found under `key` (inside `subtable`, if any).
    fn into_def(self, key: &str, subtable: Option<&str>) -> FieldDef {
        let code = self
            .code
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| key.to_string());
        let mut options: Vec<FieldOption> = self
            .options
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(position, (name, opt))| FieldOption {
                label: opt.label.unwrap_or_else(|| name.clone()),
                index: opt.index.unwrap_or(position as u32),
                name,
            })
            .collect();
        options.sort_by_key(|o| o.index);
        let fields = self
            .fields
            .unwrap_or_default()
            .into_iter()
            .map(|(sub_key, raw)| {
                let def = raw.into_def(&sub_key, Some(&code));
                (def.code.clone(), def)
            })
            .collect();
        let calc_format = match self.field_type {
            FieldType::Calc => Some(
                self.format
                    .as_deref()
                    .map_or(CalcFormat::Number, CalcFormat::parse),
            ),
            _ => None,
        };
        FieldDef {
            label: if self.label.is_empty() {
                code.clone()
            } else {
                self.label
            },
            no_label: self.no_label,
            field_type: self.field_type,
            required: self.required,
            unique: self.unique,
            options,
            max_length: self.max_length,
            min_length: self.min_length,
            max_value: self.max_value,
            min_value: self.min_value,
            default_value: default_value(self.default_value),
            default_now_value: self.default_now_value,
            calc_format,
            expression: self.expression,
            display_scale: self.display_scale,
            unit: self.unit,
            unit_position: self.unit_position,
            protocol: self.protocol,
            lookup: self.lookup,
            enabled: self.enabled,
            fields,
            subtable: subtable.map(str::to_string),
            code,
        }
    }
}

fn deserialize_properties<'de, D>(d: D) -> Result<IndexMap<String, FieldDef>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let raw = IndexMap::<String, RawFieldDef>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(key, raw)| {
            let def = raw.into_def(&key, None);
            (def.code.clone(), def)
        })
        .collect())
}

impl<'de> Deserialize<'de> for FieldDef {
    /// One field definition on its own (as in `properties`, without its key:
    /// `code` must then be present).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawFieldDef::deserialize(d)?;
        let key = raw.code.clone().unwrap_or_default();
        Ok(raw.into_def(&key, None))
    }
}
