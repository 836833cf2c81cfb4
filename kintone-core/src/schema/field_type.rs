//! Kintone's field types and what each one allows (facts §6-§8).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every field type Kintone reports in `app/form/fields.json`, the two pseudo
/// fields `$id` (`__ID__`) and `$revision` (`__REVISION__`) that only exist
/// in records and queries, and [`FieldType::Other`] for a type this crate
/// does not know yet (kept, so that a new Kintone type never breaks metadata
/// loading; such fields are not queryable, sortable nor writable).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// A type name this crate does not know, as Kintone spelled it.
    Other(String),
}

/// Kintone's name of each known type, in one table used both ways.
const NAMES: &[(FieldType, &str)] = &[
    (FieldType::Id, "__ID__"),
    (FieldType::Revision, "__REVISION__"),
    (FieldType::RecordNumber, "RECORD_NUMBER"),
    (FieldType::Creator, "CREATOR"),
    (FieldType::CreatedTime, "CREATED_TIME"),
    (FieldType::Modifier, "MODIFIER"),
    (FieldType::UpdatedTime, "UPDATED_TIME"),
    (FieldType::SingleLineText, "SINGLE_LINE_TEXT"),
    (FieldType::MultiLineText, "MULTI_LINE_TEXT"),
    (FieldType::RichText, "RICH_TEXT"),
    (FieldType::Number, "NUMBER"),
    (FieldType::Calc, "CALC"),
    (FieldType::RadioButton, "RADIO_BUTTON"),
    (FieldType::CheckBox, "CHECK_BOX"),
    (FieldType::MultiSelect, "MULTI_SELECT"),
    (FieldType::DropDown, "DROP_DOWN"),
    (FieldType::UserSelect, "USER_SELECT"),
    (FieldType::OrganizationSelect, "ORGANIZATION_SELECT"),
    (FieldType::GroupSelect, "GROUP_SELECT"),
    (FieldType::Date, "DATE"),
    (FieldType::Time, "TIME"),
    (FieldType::DateTime, "DATETIME"),
    (FieldType::Link, "LINK"),
    (FieldType::File, "FILE"),
    (FieldType::Subtable, "SUBTABLE"),
    (FieldType::Category, "CATEGORY"),
    (FieldType::Status, "STATUS"),
    (FieldType::StatusAssignee, "STATUS_ASSIGNEE"),
    (FieldType::Group, "GROUP"),
    (FieldType::ReferenceTable, "REFERENCE_TABLE"),
    (FieldType::Label, "LABEL"),
    (FieldType::Spacer, "SPACER"),
    (FieldType::Hr, "HR"),
];

/// A comparison of the Kintone query language (facts §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryOperator {
    Eq,
    NotEq,
    Gt,
    Lt,
    GtEq,
    LtEq,
    In,
    NotIn,
    Like,
    NotLike,
    IsEmpty,
    IsNotEmpty,
}

impl QueryOperator {
    /// The operator as written in a Kintone query (`"not in"`, `"is empty"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            QueryOperator::Eq => "=",
            QueryOperator::NotEq => "!=",
            QueryOperator::Gt => ">",
            QueryOperator::Lt => "<",
            QueryOperator::GtEq => ">=",
            QueryOperator::LtEq => "<=",
            QueryOperator::In => "in",
            QueryOperator::NotIn => "not in",
            QueryOperator::Like => "like",
            QueryOperator::NotLike => "not like",
            QueryOperator::IsEmpty => "is empty",
            QueryOperator::IsNotEmpty => "is not empty",
        }
    }
}

impl fmt::Display for QueryOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a client may give a field a value (facts §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Writability {
    /// On insert and on update.
    Always,
    /// On insert only (CREATOR, MODIFIER, CREATED_TIME, UPDATED_TIME).
    InsertOnly,
    /// Never through record writes (ids, RECORD_NUMBER, CALC, process
    /// management fields, CATEGORY, layout elements, unknown types).
    Never,
}

use QueryOperator as Op;

const COMPARE_IN: &[Op] = &[
    Op::Eq,
    Op::NotEq,
    Op::Gt,
    Op::Lt,
    Op::GtEq,
    Op::LtEq,
    Op::In,
    Op::NotIn,
];
const COMPARE: &[Op] = &[Op::Eq, Op::NotEq, Op::Gt, Op::Lt, Op::GtEq, Op::LtEq];
const TEXT: &[Op] = &[Op::Eq, Op::NotEq, Op::In, Op::NotIn, Op::Like, Op::NotLike];
const LIKE_EMPTY: &[Op] = &[Op::Like, Op::NotLike, Op::IsEmpty, Op::IsNotEmpty];
const LIKE: &[Op] = &[Op::Like, Op::NotLike];
const IN: &[Op] = &[Op::In, Op::NotIn];
const STATUS: &[Op] = &[Op::Eq, Op::NotEq, Op::In, Op::NotIn];

impl FieldType {
    /// Parses Kintone's type name; an unknown name becomes [`FieldType::Other`].
    pub fn parse(name: &str) -> FieldType {
        NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(t, _)| t.clone())
            .unwrap_or_else(|| FieldType::Other(name.to_string()))
    }

    /// Kintone's name of the type (`"SINGLE_LINE_TEXT"`, `"__ID__"`, ...).
    pub fn name(&self) -> &str {
        if let FieldType::Other(name) = self {
            return name;
        }
        NAMES
            .iter()
            .find(|(t, _)| t == self)
            .map(|(_, n)| *n)
            .unwrap_or_default()
    }

    /// Whether records carry a value for fields of this type. Layout elements
    /// (LABEL, SPACER, HR, GROUP), REFERENCE_TABLE and unknown types do not.
    pub fn has_value(&self) -> bool {
        !matches!(
            self,
            FieldType::Group
                | FieldType::ReferenceTable
                | FieldType::Label
                | FieldType::Spacer
                | FieldType::Hr
                | FieldType::Other(_)
        )
    }

    /// When a client may set this field (facts §7).
    pub fn writability(&self) -> Writability {
        use FieldType::*;
        match self {
            Creator | Modifier | CreatedTime | UpdatedTime => Writability::InsertOnly,
            SingleLineText | MultiLineText | RichText | Number | RadioButton | CheckBox
            | MultiSelect | DropDown | UserSelect | OrganizationSelect | GroupSelect | Date
            | Time | DateTime | Link | File | Subtable => Writability::Always,
            Id | Revision | RecordNumber | Calc | Status | StatusAssignee | Category | Group
            | ReferenceTable | Label | Spacer | Hr | Other(_) => Writability::Never,
        }
    }

    /// Whether an INSERT (`POST record(s).json`) may give this field a value.
    pub fn is_writable_on_insert(&self) -> bool {
        self.writability() != Writability::Never
    }

    /// Whether an UPDATE (`PUT record(s).json`) may give this field a value.
    pub fn is_writable(&self) -> bool {
        self.writability() == Writability::Always
    }

    /// The query operators Kintone allows on a top-level field of this type
    /// (facts §6; anything else is refused with `GAIA_IQ03`). Empty: the
    /// field cannot appear in a query. Inside a table `=`/`!=` are refused
    /// too: see [`super::FieldDef::queryable_operators`].
    pub fn queryable_operators(&self) -> &'static [QueryOperator] {
        use FieldType::*;
        match self {
            Id | Revision | RecordNumber | Number | Calc => COMPARE_IN,
            Date | Time | DateTime | CreatedTime | UpdatedTime => COMPARE,
            SingleLineText | Link => TEXT,
            MultiLineText | File => LIKE_EMPTY,
            RichText => LIKE,
            CheckBox | RadioButton | DropDown | MultiSelect | UserSelect | OrganizationSelect
            | GroupSelect | Creator | Modifier | StatusAssignee => IN,
            Status => STATUS,
            Category | Group | Subtable | ReferenceTable | Label | Spacer | Hr | Other(_) => &[],
        }
    }

    /// Whether the type may follow `order by` (facts §6; the others give `GAIA_IS02`).
    pub fn is_sortable(&self) -> bool {
        use FieldType::*;
        match self {
            Id | Revision | RecordNumber | Creator | CreatedTime | Modifier | UpdatedTime
            | SingleLineText | RichText | Number | Calc | RadioButton | DropDown | Date | Time
            | DateTime | Link | Status => true,
            MultiLineText | MultiSelect | CheckBox | UserSelect | OrganizationSelect
            | GroupSelect | StatusAssignee | Category | ReferenceTable | Subtable | File
            | Group | Label | Spacer | Hr | Other(_) => false,
        }
    }

    /// Whether a blank value of this type reads as SQL NULL. True for every
    /// type that holds a value: Kintone's blanks (`""`, `null`, `[]`, facts
    /// §8) all decode to NULL, so that `IS NULL` has one meaning.
    pub fn blank_is_null(&self) -> bool {
        self.has_value()
    }

    /// Whether Kintone fills the field on every record, so that it is never
    /// blank (a NOT NULL column): `$id`, `$revision`, RECORD_NUMBER, CREATOR,
    /// MODIFIER, CREATED_TIME, UPDATED_TIME.
    pub fn is_always_set(&self) -> bool {
        use FieldType::*;
        matches!(
            self,
            Id | Revision | RecordNumber | Creator | Modifier | CreatedTime | UpdatedTime
        )
    }

    /// Whether the value is a list (several options, users or files) rather than one scalar.
    pub fn is_multi_valued(&self) -> bool {
        use FieldType::*;
        matches!(
            self,
            CheckBox
                | MultiSelect
                | Category
                | UserSelect
                | OrganizationSelect
                | GroupSelect
                | StatusAssignee
                | File
        )
    }

    /// Whether the value is a `{code, name}` entity or a list of them.
    pub fn is_entity(&self) -> bool {
        use FieldType::*;
        matches!(
            self,
            Creator | Modifier | UserSelect | OrganizationSelect | GroupSelect | StatusAssignee
        )
    }

    /// Whether a field definition of this type lists `options`.
    pub fn has_options(&self) -> bool {
        use FieldType::*;
        matches!(self, RadioButton | CheckBox | MultiSelect | DropDown)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Ok(FieldType::parse(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_types_are_kept() {
        for (t, name) in NAMES {
            assert_eq!(FieldType::parse(name), *t);
            assert_eq!(t.name(), *name);
        }
        let other = FieldType::parse("NEW_FANCY_TYPE");
        assert_eq!(other, FieldType::Other("NEW_FANCY_TYPE".into()));
        assert_eq!(other.name(), "NEW_FANCY_TYPE");
        assert!(!other.has_value() && !other.is_sortable());
        assert!(other.queryable_operators().is_empty());
        let parsed: FieldType = serde_json::from_str("\"RECORD_NUMBER\"").unwrap();
        assert_eq!(parsed, FieldType::RecordNumber);
        assert_eq!(
            serde_json::to_string(&FieldType::Other("X".into())).unwrap(),
            "\"X\""
        );
    }

    #[test]
    fn writability_follows_facts_section_7() {
        for t in [
            FieldType::Creator,
            FieldType::Modifier,
            FieldType::CreatedTime,
            FieldType::UpdatedTime,
        ] {
            assert_eq!(t.writability(), Writability::InsertOnly, "{t}");
            assert!(t.is_writable_on_insert() && !t.is_writable());
        }
        for t in [
            FieldType::RecordNumber,
            FieldType::Calc,
            FieldType::Status,
            FieldType::StatusAssignee,
            FieldType::Category,
            FieldType::Id,
            FieldType::Revision,
            FieldType::Label,
        ] {
            assert!(!t.is_writable_on_insert() && !t.is_writable(), "{t}");
        }
        for t in [
            FieldType::SingleLineText,
            FieldType::Number,
            FieldType::Subtable,
            FieldType::File,
            FieldType::UserSelect,
        ] {
            assert!(t.is_writable(), "{t}");
        }
    }

    #[test]
    fn operators_follow_facts_section_6() {
        use QueryOperator::*;
        assert!(FieldType::Number.queryable_operators().contains(&In));
        assert!(!FieldType::Date.queryable_operators().contains(&In));
        assert!(FieldType::Date.queryable_operators().contains(&LtEq));
        assert_eq!(
            FieldType::MultiLineText.queryable_operators(),
            &[Like, NotLike, IsEmpty, IsNotEmpty]
        );
        assert_eq!(FieldType::RichText.queryable_operators(), &[Like, NotLike]);
        assert_eq!(FieldType::Creator.queryable_operators(), &[In, NotIn]);
        assert_eq!(
            FieldType::Status.queryable_operators(),
            &[Eq, NotEq, In, NotIn]
        );
        assert!(FieldType::SingleLineText
            .queryable_operators()
            .contains(&Like));
        assert!(!FieldType::SingleLineText
            .queryable_operators()
            .contains(&IsEmpty));
        assert!(FieldType::Category.queryable_operators().is_empty());
        assert!(FieldType::Subtable.queryable_operators().is_empty());
        assert_eq!(NotIn.as_str(), "not in");
    }

    #[test]
    fn sortability_follows_facts_section_6() {
        assert!(FieldType::DropDown.is_sortable());
        assert!(FieldType::Status.is_sortable());
        assert!(FieldType::Creator.is_sortable());
        assert!(!FieldType::MultiLineText.is_sortable());
        assert!(!FieldType::CheckBox.is_sortable());
        assert!(!FieldType::File.is_sortable());
        assert!(!FieldType::StatusAssignee.is_sortable());
    }

    #[test]
    fn blanks_and_lists() {
        assert!(FieldType::Date.blank_is_null());
        assert!(!FieldType::Hr.blank_is_null());
        assert!(FieldType::UpdatedTime.is_always_set());
        assert!(!FieldType::Number.is_always_set());
        assert!(FieldType::File.is_multi_valued());
        assert!(!FieldType::Creator.is_multi_valued() && FieldType::Creator.is_entity());
    }
}
