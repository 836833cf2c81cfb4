//! SubtablePlan: one output row per table row.

use super::*;
use crate::decode::{DecodeErrorKind, SubtablePlan};

fn row(id: u64, item: &str, cost: &str) -> String {
    format!(
        r#"{{"id":"{id}","value":{{{},{}}}}}"#,
        field("Item", "SINGLE_LINE_TEXT", &format!("\"{item}\"")),
        field("Cost", "NUMBER", &format!("\"{cost}\""))
    )
}

fn lines(rows: &[String]) -> String {
    field("Lines", "SUBTABLE", &format!("[{}]", rows.join(",")))
}

fn plan() -> SubtablePlan {
    SubtablePlan::new(
        "Lines",
        "record_id",
        "row_id",
        vec![ColumnSpec::new(
            "Title",
            FieldType::SingleLineText,
            ColumnType::Utf8,
        )],
        vec![
            ColumnSpec::new("Item", FieldType::SingleLineText, ColumnType::Utf8),
            ColumnSpec::new("Cost", FieldType::Number, ColumnType::Decimal128(12, 2)),
        ],
    )
    .unwrap()
}

#[test]
fn rows_repeat_their_parent_and_empty_tables_give_none() {
    let body = page(&[
        record(
            3,
            &[
                lines(&[
                    row(101, "Pen", "1.5"),
                    row(102, "Ink", ""),
                    row(103, "Box", "-2"),
                ]),
                field("Title", "SINGLE_LINE_TEXT", r#""Office""#),
            ],
        ),
        record(
            2,
            &[field("Title", "SINGLE_LINE_TEXT", r#""Empty""#), lines(&[])],
        ),
        record(
            1,
            &[
                field("Title", "SINGLE_LINE_TEXT", r#""""#),
                lines(&[row(90, "Cup", "3")]),
            ],
        ),
    ]);
    let page = plan().decode(body.as_bytes()).unwrap();
    assert_eq!(page.records, 3);
    assert_eq!(page.last_record_id, Some(1));
    let b = &page.batch;
    let names: Vec<String> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, ["record_id", "row_id", "Title", "Item", "Cost"]);
    assert_eq!(ints(b, 0), [Some(3), Some(3), Some(3), Some(1)]);
    assert_eq!(ints(b, 1), [Some(101), Some(102), Some(103), Some(90)]);
    assert_eq!(
        strings(b, 2),
        [
            Some("Office".into()),
            Some("Office".into()),
            Some("Office".into()),
            None
        ]
    );
    assert_eq!(
        strings(b, 3),
        [
            Some("Pen".into()),
            Some("Ink".into()),
            Some("Box".into()),
            Some("Cup".into())
        ]
    );
    assert_eq!(decimals(b, 4), [Some(150), None, Some(-200), Some(300)]);
}

#[test]
fn a_page_without_rows_is_an_empty_batch() {
    let body = page(&[record(
        4,
        &[field("Title", "SINGLE_LINE_TEXT", r#""x""#), lines(&[])],
    )]);
    let page = plan().decode(body.as_bytes()).unwrap();
    assert_eq!((page.records, page.batch.num_rows()), (1, 0));
    assert_eq!(page.batch.num_columns(), 5);
}

#[test]
fn other_tables_and_unplanned_row_fields_are_skipped() {
    let other = field(
        "Other",
        "SUBTABLE",
        r#"[{"id":"1","value":{"Item":{"type":"DATE","value":"x"}}}]"#,
    );
    let extra_row = format!(
        r#"{{"id":"7","value":{{{},{},{}}}}}"#,
        field("Note", "MULTI_LINE_TEXT", r#""ignored""#),
        field("Item", "SINGLE_LINE_TEXT", r#""A""#),
        field("Cost", "NUMBER", r#""1""#)
    );
    let body = page(&[record(
        5,
        &[
            other,
            lines(&[extra_row]),
            field("Title", "SINGLE_LINE_TEXT", r#""t""#),
        ],
    )]);
    let page = plan().decode(body.as_bytes()).unwrap();
    assert_eq!(strings(&page.batch, 3), [Some("A".into())]);
    assert_eq!(ints(&page.batch, 1), [Some(7)]);
}

#[test]
fn bad_row_values_name_the_table_field_and_record() {
    let body = page(&[record(
        12,
        &[
            lines(&[row(1, "x", "1.234")]),
            field("Title", "SINGLE_LINE_TEXT", r#""t""#),
        ],
    )]);
    let err = plan().decode(body.as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("Lines.Cost"));
    assert_eq!(err.record_id.as_deref(), Some("12"));
    assert!(matches!(err.kind, DecodeErrorKind::OutOfRange { .. }));

    let missing = page(&[record(12, &[field("Title", "SINGLE_LINE_TEXT", r#""t""#)])]);
    let err = plan().decode(missing.as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("Lines"));
    assert_eq!(err.kind, DecodeErrorKind::MissingField);

    let no_row_id = page(&[record(
        12,
        &[
            lines(&[row(1, "x", "1").replace(r#""id":"1","#, "")]),
            field("Title", "SINGLE_LINE_TEXT", r#""t""#),
        ],
    )]);
    let err = plan().decode(no_row_id.as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("Lines"));

    let not_rows = page(&[record(
        12,
        &[
            field("Lines", "SUBTABLE", &row(1, "x", "1")),
            field("Title", "SINGLE_LINE_TEXT", r#""t""#),
        ],
    )]);
    let err = plan().decode(not_rows.as_bytes()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("Lines"));
    assert_eq!(err.record_id.as_deref(), Some("12"));
    assert!(matches!(err.kind, DecodeErrorKind::UnexpectedShape { .. }));
}

#[test]
fn a_subtable_in_a_record_plan_is_refused() {
    let err = RecordPlan::new(vec![ColumnSpec::new(
        "Lines",
        FieldType::Subtable,
        ColumnType::Utf8,
    )])
    .unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnsupportedColumn(_)));
    assert_eq!(err.field.as_deref(), Some("Lines"));
}
