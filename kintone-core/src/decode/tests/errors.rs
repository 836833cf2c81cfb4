//! Bad input gives typed errors naming the field and the record.

use super::*;
use crate::decode::{DecodeErrorKind, ValuePart};

#[test]
fn bad_values_name_field_and_record_id_even_when_id_comes_last() {
    let cases = [
        (FieldType::Number, ColumnType::Decimal128(10, 2), r#""12a""#),
        (FieldType::Number, ColumnType::Float64, r#""1,000""#),
        (FieldType::Date, ColumnType::Date32, r#""2026-02-30""#),
        (FieldType::Time, ColumnType::Time64Microsecond, r#""25:00""#),
        (
            FieldType::DateTime,
            ColumnType::TimestampMicrosecondUtc,
            r#""yesterday""#,
        ),
        (FieldType::Id, ColumnType::Int64, r#""x""#),
    ];
    for (t, target, value) in cases {
        let err = try_decode_one(t.clone(), target, value).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("f"), "{t}");
        assert_eq!(err.record_id.as_deref(), Some("7"), "{t}");
        assert_eq!(err.record_index, Some(0));
        assert!(
            matches!(err.kind, DecodeErrorKind::InvalidValue { .. }),
            "{t}: {err}"
        );
        let text = err.to_string();
        assert!(text.contains("field f") && text.contains("$id 7"), "{text}");
    }
}

#[test]
fn numbers_that_do_not_fit_are_errors() {
    let err = try_decode_one(
        FieldType::Number,
        ColumnType::Decimal128(5, 2),
        r#""1000.5""#,
    )
    .unwrap_err();
    assert!(
        matches!(err.kind, DecodeErrorKind::OutOfRange { .. }),
        "{err}"
    );
    // More decimals than the scale: Kintone rounded already, so this is an error, not a rounding.
    let err = try_decode_one(
        FieldType::Number,
        ColumnType::Decimal128(10, 2),
        r#""1.005""#,
    )
    .unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::OutOfRange { .. }));
    assert!(err.to_string().contains("1.005"));
}

#[test]
fn wrong_shapes_and_types_are_errors() {
    let err = try_decode_one(FieldType::CheckBox, ColumnType::Utf8, r#""a""#).unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnexpectedShape { .. }));
    let err =
        try_decode_one(FieldType::SingleLineText, ColumnType::Utf8, r#"{"a":1}"#).unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnexpectedShape { .. }));
    let err = try_decode_one(FieldType::Number, ColumnType::Float64, "12").unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnexpectedShape { .. }));
    let err = try_decode_one(FieldType::Creator, ColumnType::Utf8, "[1]").unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnexpectedShape { .. }));

    // The record says another type than the plan: the form changed.
    let body = page(&[record(7, &[field("f", "NUMBER", r#""1""#)])]);
    let plan = RecordPlan::new(vec![ColumnSpec::new(
        "f",
        FieldType::SingleLineText,
        ColumnType::Utf8,
    )])
    .unwrap();
    let err = plan.decode(body.as_bytes()).unwrap_err();
    assert_eq!(
        err.kind,
        DecodeErrorKind::TypeChanged {
            expected: "SINGLE_LINE_TEXT".into(),
            found: "NUMBER".into()
        }
    );
}

#[test]
fn missing_and_duplicate_fields() {
    let plan = RecordPlan::new(vec![ColumnSpec::new(
        "f",
        FieldType::SingleLineText,
        ColumnType::Utf8,
    )])
    .unwrap();
    let body = page(&[
        record(1, &[field("f", "SINGLE_LINE_TEXT", r#""a""#)]),
        record(2, &[]),
    ]);
    let err = plan.decode(body.as_bytes()).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::MissingField);
    assert_eq!(
        (err.record_id.as_deref(), err.record_index),
        (Some("2"), Some(1))
    );

    let f = field("f", "SINGLE_LINE_TEXT", r#""a""#);
    let body = page(&[record(3, &[f.clone(), f])]);
    let err = plan.decode(body.as_bytes()).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::DuplicateField);
}

#[test]
fn malformed_json_is_an_error_with_the_record_position() {
    let plan = RecordPlan::new(vec![ColumnSpec::new(
        "f",
        FieldType::SingleLineText,
        ColumnType::Utf8,
    )])
    .unwrap();
    let good = record(1, &[field("f", "SINGLE_LINE_TEXT", r#""a""#)]);
    let full = page(&[good.clone(), good]);
    for cut in [full.len() / 2, full.len() - 1, 5] {
        let err = plan.decode(&full.as_bytes()[..cut]).unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::Malformed(_)),
            "{cut}: {err}"
        );
    }
    let err = plan
        .decode(&full.as_bytes()[..full.len() / 2 + 20])
        .unwrap_err();
    assert_eq!(err.record_index, Some(1));
    for body in [
        &b"[]"[..],
        b"{}",
        b"{\"records\":{}}",
        b"{\"records\":[1]}",
        b"{\"records\":[]} x",
        b"\xff",
    ] {
        let err = plan.decode(body).unwrap_err();
        assert!(matches!(err.kind, DecodeErrorKind::Malformed(_)), "{err}");
    }
}

#[test]
fn plans_refuse_unsupported_conversions() {
    let bad = [
        ColumnSpec::new("t", FieldType::SingleLineText, ColumnType::Date32),
        ColumnSpec::new("t", FieldType::Number, ColumnType::Int64),
        ColumnSpec::new("t", FieldType::CheckBox, ColumnType::Float64),
        ColumnSpec::new("t", FieldType::SingleLineText, ColumnType::ListUtf8),
        ColumnSpec::new("t", FieldType::Label, ColumnType::Utf8),
        ColumnSpec::new("t", FieldType::Other("NEW".into()), ColumnType::Utf8),
        ColumnSpec::new("t", FieldType::Number, ColumnType::Decimal128(39, 2)),
        ColumnSpec::new("t", FieldType::Number, ColumnType::Decimal128(4, 5)),
        ColumnSpec::new("t", FieldType::SingleLineText, ColumnType::Utf8).part(ValuePart::Name),
        ColumnSpec::new("t", FieldType::UserSelect, ColumnType::Utf8).part(ValuePart::FileKey),
    ];
    for spec in bad {
        let err = RecordPlan::new(vec![spec.clone()]).unwrap_err();
        assert!(
            matches!(err.kind, DecodeErrorKind::UnsupportedColumn(_)),
            "{spec:?}"
        );
    }
    let err = RecordPlan::new(vec![
        ColumnSpec::new("t", FieldType::Number, ColumnType::Float64),
        ColumnSpec::new("t", FieldType::Calc, ColumnType::Float64).named("u"),
    ])
    .map(|plan| plan.decode(b"{\"records\":[]}"))
    .unwrap()
    .unwrap_err();
    assert!(matches!(err.kind, DecodeErrorKind::UnsupportedColumn(_)));
}

#[test]
fn decode_errors_convert_into_the_crate_error() {
    let err = try_decode_one(FieldType::Date, ColumnType::Date32, r#""x""#).unwrap_err();
    let crate_err: crate::Error = err.clone().into();
    assert_eq!(crate_err.to_string(), err.to_string());
}
