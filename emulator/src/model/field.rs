//! Field definitions of an app, as returned by `app/form/fields.json`.

use serde_json::{Map, Value as Json};

/// Every field type Kintone reports in `app/form/fields.json`, plus the two
/// pseudo fields `$id` and `$revision` that only exist in records and queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    Id,
    Revision,
    RecordNumber,
    Creator,
    CreatedTime,
    Modifier,
    UpdatedTime,
    SingleLineText,
    MultiLineText,
    RichText,
    Number,
    Calc,
    RadioButton,
    CheckBox,
    MultiSelect,
    DropDown,
    UserSelect,
    OrganizationSelect,
    GroupSelect,
    Date,
    Time,
    DateTime,
    Link,
    File,
    Subtable,
    Category,
    Status,
    StatusAssignee,
    Group,
    ReferenceTable,
    Label,
    Spacer,
    Hr,
}

impl FieldType {
    /// Parses Kintone's type name (`"SINGLE_LINE_TEXT"`, `"__ID__"`, ...).
    pub fn parse(name: &str) -> Option<FieldType> {
        use FieldType::*;
        Some(match name {
            "__ID__" => Id,
            "__REVISION__" => Revision,
            "RECORD_NUMBER" => RecordNumber,
            "CREATOR" => Creator,
            "CREATED_TIME" => CreatedTime,
            "MODIFIER" => Modifier,
            "UPDATED_TIME" => UpdatedTime,
            "SINGLE_LINE_TEXT" => SingleLineText,
            "MULTI_LINE_TEXT" => MultiLineText,
            "RICH_TEXT" => RichText,
            "NUMBER" => Number,
            "CALC" => Calc,
            "RADIO_BUTTON" => RadioButton,
            "CHECK_BOX" => CheckBox,
            "MULTI_SELECT" => MultiSelect,
            "DROP_DOWN" => DropDown,
            "USER_SELECT" => UserSelect,
            "ORGANIZATION_SELECT" => OrganizationSelect,
            "GROUP_SELECT" => GroupSelect,
            "DATE" => Date,
            "TIME" => Time,
            "DATETIME" => DateTime,
            "LINK" => Link,
            "FILE" => File,
            "SUBTABLE" => Subtable,
            "CATEGORY" => Category,
            "STATUS" => Status,
            "STATUS_ASSIGNEE" => StatusAssignee,
            "GROUP" => Group,
            "REFERENCE_TABLE" => ReferenceTable,
            "LABEL" => Label,
            "SPACER" => Spacer,
            "HR" => Hr,
            _ => return None,
        })
    }

    /// Kintone's name for the type, as it appears in `"type"` of a field or value.
    pub fn name(self) -> &'static str {
        use FieldType::*;
        match self {
            Id => "__ID__",
            Revision => "__REVISION__",
            RecordNumber => "RECORD_NUMBER",
            Creator => "CREATOR",
            CreatedTime => "CREATED_TIME",
            Modifier => "MODIFIER",
            UpdatedTime => "UPDATED_TIME",
            SingleLineText => "SINGLE_LINE_TEXT",
            MultiLineText => "MULTI_LINE_TEXT",
            RichText => "RICH_TEXT",
            Number => "NUMBER",
            Calc => "CALC",
            RadioButton => "RADIO_BUTTON",
            CheckBox => "CHECK_BOX",
            MultiSelect => "MULTI_SELECT",
            DropDown => "DROP_DOWN",
            UserSelect => "USER_SELECT",
            OrganizationSelect => "ORGANIZATION_SELECT",
            GroupSelect => "GROUP_SELECT",
            Date => "DATE",
            Time => "TIME",
            DateTime => "DATETIME",
            Link => "LINK",
            File => "FILE",
            Subtable => "SUBTABLE",
            Category => "CATEGORY",
            Status => "STATUS",
            StatusAssignee => "STATUS_ASSIGNEE",
            Group => "GROUP",
            ReferenceTable => "REFERENCE_TABLE",
            Label => "LABEL",
            Spacer => "SPACER",
            Hr => "HR",
        }
    }

    /// Fields that hold a value in a record (layout-only elements and
    /// GROUP / REFERENCE_TABLE do not).
    pub fn has_value(self) -> bool {
        use FieldType::*;
        !matches!(self, Group | ReferenceTable | Label | Spacer | Hr)
    }

    /// Fields maintained by Kintone itself: a write may set CREATOR,
    /// MODIFIER, CREATED_TIME and UPDATED_TIME on create only (facts §7);
    /// the others are never written by clients.
    pub fn is_system(self) -> bool {
        use FieldType::*;
        matches!(
            self,
            Id | Revision
                | RecordNumber
                | Creator
                | CreatedTime
                | Modifier
                | UpdatedTime
                | Calc
                | Status
                | StatusAssignee
                | Category
        )
    }

    /// Blank values of these types are `null` in the read shape (facts §8);
    /// other scalar types use `""`.
    pub fn blank_is_null(self) -> bool {
        matches!(
            self,
            FieldType::DropDown | FieldType::Date | FieldType::Time
        )
    }

    /// Types whose value is a list of strings.
    pub fn is_string_list(self) -> bool {
        matches!(
            self,
            FieldType::CheckBox | FieldType::MultiSelect | FieldType::Category
        )
    }

    /// Types whose value is a list of `{code, name}` entities.
    pub fn is_entity_list(self) -> bool {
        matches!(
            self,
            FieldType::UserSelect
                | FieldType::OrganizationSelect
                | FieldType::GroupSelect
                | FieldType::StatusAssignee
        )
    }

    /// Types whose options (`"options"` in the field definition) restrict the value.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            FieldType::RadioButton
                | FieldType::CheckBox
                | FieldType::MultiSelect
                | FieldType::DropDown
        )
    }
}

/// One field of an app's form. `raw` keeps the definition exactly as it was
/// given, so that `app/form/fields.json` returns it unchanged; the other
/// members are the parsed parts the emulator needs.
#[derive(Clone, Debug)]
pub struct FieldDef {
    pub code: String,
    pub kind: FieldType,
    pub label: String,
    pub required: bool,
    pub unique: bool,
    /// `maxLength` / `minLength` of text fields, in UTF-16 code units.
    pub max_length: Option<usize>,
    pub min_length: Option<usize>,
    /// `maxValue` / `minValue` of NUMBER fields, as decimal strings.
    pub max_value: Option<String>,
    pub min_value: Option<String>,
    /// Option names ordered by their `index` (the sort order of DROP_DOWN).
    pub options: Vec<String>,
    /// CALC `format` (`NUMBER`, `NUMBER_DIGIT`, `DATETIME`, `DATE`, `TIME`,
    /// `HOUR_MINUTE`, `DAY_HOUR_MINUTE`).
    pub format: Option<String>,
    /// Fields of a SUBTABLE, in order.
    pub subfields: Vec<FieldDef>,
    /// The definition as JSON, exactly as `fields.json` returns it.
    pub raw: Map<String, Json>,
}

impl FieldDef {
    /// Builds a definition from one entry of `properties`. The error is a
    /// human-readable reason naming the field.
    pub fn from_json(code: &str, raw: &Json) -> Result<FieldDef, String> {
        let obj = raw
            .as_object()
            .ok_or_else(|| format!("field {code}: the definition is not an object"))?;
        let type_name = obj
            .get("type")
            .and_then(Json::as_str)
            .ok_or_else(|| format!("field {code}: missing \"type\""))?;
        let kind = FieldType::parse(type_name)
            .ok_or_else(|| format!("field {code}: unknown type {type_name:?}"))?;
        if let Some(given) = obj.get("code").and_then(Json::as_str) {
            if given != code {
                return Err(format!(
                    "field {code}: \"code\" is {given:?}, not the property name"
                ));
            }
        }
        let text = |k: &str| -> Option<String> {
            match obj.get(k) {
                Some(Json::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(Json::Number(n)) => Some(n.to_string()),
                _ => None,
            }
        };
        let length = |k: &str| -> Result<Option<usize>, String> {
            text(k)
                .map(|s| {
                    s.parse::<usize>()
                        .map_err(|_| format!("field {code}: {k} {s:?} is not a whole number"))
                })
                .transpose()
        };
        let mut options: Vec<(i64, String)> = Vec::new();
        if let Some(Json::Object(opts)) = obj.get("options") {
            for (name, opt) in opts {
                let index = match opt.get("index") {
                    Some(Json::String(s)) => s.parse().unwrap_or(i64::MAX),
                    Some(Json::Number(n)) => n.as_i64().unwrap_or(i64::MAX),
                    _ => i64::MAX,
                };
                options.push((index, name.clone()));
            }
        }
        options.sort_by_key(|(index, _)| *index);
        let mut subfields = Vec::new();
        if kind == FieldType::Subtable {
            let fields = obj
                .get("fields")
                .and_then(Json::as_object)
                .ok_or_else(|| format!("field {code}: a SUBTABLE needs \"fields\""))?;
            for (sub_code, sub_raw) in fields {
                let sub = FieldDef::from_json(sub_code, sub_raw)?;
                if sub.kind == FieldType::Subtable
                    || sub.kind.is_system() && sub.kind != FieldType::Calc
                {
                    return Err(format!(
                        "field {code}: a {} field cannot be inside a table",
                        sub.kind.name()
                    ));
                }
                subfields.push(sub);
            }
        }
        let mut raw = obj.clone();
        raw.insert("code".into(), Json::String(code.to_string()));
        Ok(FieldDef {
            code: code.to_string(),
            kind,
            label: obj
                .get("label")
                .and_then(Json::as_str)
                .unwrap_or(code)
                .to_string(),
            required: obj.get("required").and_then(Json::as_bool).unwrap_or(false),
            unique: obj.get("unique").and_then(Json::as_bool).unwrap_or(false),
            max_length: length("maxLength")?,
            min_length: length("minLength")?,
            max_value: text("maxValue"),
            min_value: text("minValue"),
            options: options.into_iter().map(|(_, name)| name).collect(),
            format: text("format"),
            subfields,
            raw,
        })
    }

    /// A minimal definition of the given type, as Kintone would report it.
    pub fn new(code: &str, kind: FieldType, label: &str) -> FieldDef {
        let raw = serde_json::json!({
            "type": kind.name(),
            "code": code,
            "label": label,
            "noLabel": false,
        });
        FieldDef::from_json(code, &raw).expect("a minimal definition is valid")
    }

    /// Position of an option in the option order (DROP_DOWN sorts by it).
    pub fn option_index(&self, name: &str) -> Option<usize> {
        self.options.iter().position(|o| o == name)
    }
}
