//! Which operators each field type accepts and which types can be sort
//! keys (facts §6 tables).

use super::ast::Op;
use super::lexer::CmpOp;
use crate::model::FieldType;

/// facts §6: operators allowed per field type; anything else is `GAIA_IQ03`.
pub fn operator_allowed(kind: FieldType, op: Op) -> bool {
    use FieldType::*;
    let ordered = matches!(op, Op::Cmp(_));
    let equality = matches!(op, Op::Cmp(CmpOp::Eq | CmpOp::Ne));
    let in_list = matches!(op, Op::In | Op::NotIn);
    let like = matches!(op, Op::Like | Op::NotLike);
    let empty = matches!(op, Op::IsEmpty | Op::IsNotEmpty);
    match kind {
        Id | RecordNumber | Number | Calc => ordered || in_list,
        Date | Time | DateTime | CreatedTime | UpdatedTime => ordered,
        SingleLineText | Link => equality || in_list || like,
        MultiLineText | File => like || empty,
        RichText => like,
        CheckBox | RadioButton | DropDown | MultiSelect => in_list,
        UserSelect | OrganizationSelect | GroupSelect | Creator | Modifier | StatusAssignee => {
            in_list
        }
        Status => equality || in_list,
        // CATEGORY, GROUP, SUBTABLE are not queryable; [assumed] neither are
        // $revision, REFERENCE_TABLE and the layout elements.
        Category | Group | Subtable | Revision | ReferenceTable | Label | Spacer | Hr => false,
    }
}

/// facts §6: fields that cannot be sort keys (`GAIA_IS02`).
pub fn sortable(kind: FieldType) -> bool {
    use FieldType::*;
    !matches!(
        kind,
        MultiLineText
            | MultiSelect
            | CheckBox
            | UserSelect
            | OrganizationSelect
            | GroupSelect
            | StatusAssignee
            | Category
            | ReferenceTable
            | Subtable
            | File
            | Group
            // [assumed] not in the facts list, but they hold no sortable value.
            | Revision
            | Label
            | Spacer
            | Hr
    )
}

/// facts §6: the negative operators need every row of a table to match.
pub fn is_negative(op: Op) -> bool {
    matches!(op, Op::Cmp(CmpOp::Ne) | Op::NotIn | Op::NotLike)
}

/// Types whose `in` values are user codes, checked against the users (`GAIA_IL26`).
pub fn holds_users(kind: FieldType) -> bool {
    matches!(
        kind,
        FieldType::UserSelect
            | FieldType::Creator
            | FieldType::Modifier
            | FieldType::StatusAssignee
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_OPS: [Op; 12] = [
        Op::Cmp(CmpOp::Eq),
        Op::Cmp(CmpOp::Ne),
        Op::Cmp(CmpOp::Gt),
        Op::Cmp(CmpOp::Lt),
        Op::Cmp(CmpOp::Ge),
        Op::Cmp(CmpOp::Le),
        Op::In,
        Op::NotIn,
        Op::Like,
        Op::NotLike,
        Op::IsEmpty,
        Op::IsNotEmpty,
    ];

    fn allowed_symbols(kind: FieldType) -> Vec<&'static str> {
        ALL_OPS
            .iter()
            .filter(|op| operator_allowed(kind, **op))
            .map(|op| op.symbol())
            .collect()
    }

    #[test]
    fn facts_6_operator_table() {
        use FieldType::*;
        let table: [(&[FieldType], &[&str]); 9] = [
            (
                &[Id, RecordNumber, Number, Calc],
                &["=", "!=", ">", "<", ">=", "<=", "in", "not in"],
            ),
            (
                &[Date, Time, DateTime, CreatedTime, UpdatedTime],
                &["=", "!=", ">", "<", ">=", "<="],
            ),
            (
                &[SingleLineText, Link],
                &["=", "!=", "in", "not in", "like", "not like"],
            ),
            (
                &[MultiLineText, File],
                &["like", "not like", "is empty", "is not empty"],
            ),
            (&[RichText], &["like", "not like"]),
            (
                &[CheckBox, RadioButton, DropDown, MultiSelect],
                &["in", "not in"],
            ),
            (
                &[
                    UserSelect,
                    OrganizationSelect,
                    GroupSelect,
                    Creator,
                    Modifier,
                    StatusAssignee,
                ],
                &["in", "not in"],
            ),
            (&[Status], &["=", "!=", "in", "not in"]),
            (&[Category, Group, Subtable, ReferenceTable, Revision], &[]),
        ];
        for (kinds, ops) in table {
            for kind in kinds {
                assert_eq!(allowed_symbols(*kind), ops.to_vec(), "{kind:?}");
            }
        }
    }

    #[test]
    fn facts_6_sortable_types() {
        use FieldType::*;
        for kind in [
            MultiLineText,
            MultiSelect,
            CheckBox,
            UserSelect,
            OrganizationSelect,
            GroupSelect,
            StatusAssignee,
            Category,
            ReferenceTable,
            Subtable,
            File,
            Group,
        ] {
            assert!(!sortable(kind), "{kind:?}");
        }
        for kind in [
            Id,
            RecordNumber,
            Number,
            Calc,
            Date,
            Time,
            DateTime,
            CreatedTime,
            UpdatedTime,
            SingleLineText,
            Link,
            RichText,
            RadioButton,
            DropDown,
            Status,
            Creator,
            Modifier,
        ] {
            assert!(sortable(kind), "{kind:?}");
        }
    }
}
