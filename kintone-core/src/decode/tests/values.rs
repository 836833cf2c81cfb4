//! Every field type into every column type it supports.

use super::*;
use crate::decode::ValuePart;

const DAY_MICROS: i64 = 86_400_000_000;

#[test]
fn ids_revisions_and_record_numbers() {
    let body = page(&[
        record(14, &[field("No", "RECORD_NUMBER", r#""14""#)]),
        record(9, &[field("No", "RECORD_NUMBER", r#""9""#)]),
    ]);
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
        ColumnSpec::new("$revision", FieldType::Revision, ColumnType::Int64),
        ColumnSpec::new("No", FieldType::RecordNumber, ColumnType::Int64),
        ColumnSpec::new("No", FieldType::RecordNumber, ColumnType::Utf8).named("No_text"),
    ])
    .unwrap();
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(page.records, 2);
    assert_eq!(page.total_count, Some(2));
    assert_eq!(page.last_record_id, Some(9));
    assert_eq!(ints(&page.batch, 0), [Some(14), Some(9)]);
    assert_eq!(ints(&page.batch, 1), [Some(3), Some(3)]);
    assert_eq!(ints(&page.batch, 2), [Some(14), Some(9)]);
    assert_eq!(
        strings(&page.batch, 3),
        [Some("14".into()), Some("9".into())]
    );
    assert_eq!(page.batch.schema().field(3).name(), "No_text");
}

#[test]
fn prefixed_record_numbers_are_text() {
    let page = decode_one(FieldType::RecordNumber, ColumnType::Utf8, r#""DEALS-14""#);
    assert_eq!(strings(&page.batch, 0), [Some("DEALS-14".into())]);
    // Into Int64 a prefix is an error, not a silent NULL.
    let err =
        try_decode_one(FieldType::RecordNumber, ColumnType::Int64, r#""DEALS-14""#).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("f"));
    assert_eq!(err.record_id.as_deref(), Some("7"));
}

#[test]
fn text_types_keep_escapes_and_unicode() {
    for t in [
        FieldType::SingleLineText,
        FieldType::MultiLineText,
        FieldType::RichText,
        FieldType::Link,
        FieldType::RadioButton,
        FieldType::DropDown,
        FieldType::Status,
    ] {
        let page = decode_one(t.clone(), ColumnType::Utf8, r#""a\"b\\c\nd\u00e9 件名 😀""#);
        assert_eq!(
            strings(&page.batch, 0),
            [Some("a\"b\\c\nd\u{e9} 件名 😀".into())],
            "{t}"
        );
    }
    let page = decode_one(FieldType::SingleLineText, ColumnType::Utf8, r#""件名""#);
    assert_eq!(strings(&page.batch, 0), [Some("件名".into())]);
}

#[test]
fn blanks_are_null() {
    let cases = [
        (FieldType::SingleLineText, ColumnType::Utf8, r#""""#),
        (FieldType::Number, ColumnType::Decimal128(10, 2), r#""""#),
        (FieldType::Number, ColumnType::Float64, r#""""#),
        (FieldType::Calc, ColumnType::Decimal128(10, 2), r#""""#),
        (FieldType::DropDown, ColumnType::Utf8, "null"),
        (FieldType::Date, ColumnType::Date32, "null"),
        (FieldType::Time, ColumnType::Time64Microsecond, "null"),
        (
            FieldType::DateTime,
            ColumnType::TimestampMicrosecondUtc,
            r#""""#,
        ),
        (FieldType::CheckBox, ColumnType::Utf8, "[]"),
        (FieldType::MultiSelect, ColumnType::ListUtf8, "[]"),
        (FieldType::UserSelect, ColumnType::Utf8, "[]"),
        (FieldType::File, ColumnType::ListUtf8, "[]"),
    ];
    for (t, target, value) in cases {
        let page = decode_one(t.clone(), target, value);
        assert_eq!(page.batch.num_rows(), 1);
        assert!(page.batch.column(0).is_null(0), "{t} {value}");
    }
}

#[test]
fn numbers_into_exact_decimals_and_doubles() {
    let body = page(&[
        record(
            1,
            &[field("n", "NUMBER", r#""123456789012345678901234567890""#)],
        ),
        record(2, &[field("n", "NUMBER", r#""-0.5""#)]),
        record(3, &[field("n", "NUMBER", r#""-12.25""#)]),
        record(4, &[field("n", "NUMBER", r#""0""#)]),
    ]);
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("n", FieldType::Number, ColumnType::Decimal128(38, 4)),
        ColumnSpec::new("n", FieldType::Number, ColumnType::Float64).named("d"),
    ])
    .unwrap();
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(
        decimals(&page.batch, 0),
        [
            Some(1_234_567_890_123_456_789_012_345_678_900_000),
            Some(-5_000),
            Some(-122_500),
            Some(0)
        ]
    );
    assert_eq!(
        floats(&page.batch, 1),
        [
            Some(1.2345678901234568e29),
            Some(-0.5),
            Some(-12.25),
            Some(0.0)
        ]
    );
    let calc = decode_one(FieldType::Calc, ColumnType::Decimal128(16, 4), r#""420.1""#);
    assert_eq!(decimals(&calc.batch, 0), [Some(4_201_000)]);
}

#[test]
fn dates_times_and_timestamps() {
    let d = decode_one(FieldType::Date, ColumnType::Date32, r#""2012-01-11""#);
    assert_eq!(dates(&d.batch, 0), [Some(15_350)]);
    let t = decode_one(FieldType::Time, ColumnType::Time64Microsecond, r#""09:00""#);
    assert_eq!(times(&t.batch, 0), [Some(9 * 3_600_000_000)]);
    for ty in [
        FieldType::DateTime,
        FieldType::CreatedTime,
        FieldType::UpdatedTime,
    ] {
        let ts = decode_one(
            ty,
            ColumnType::TimestampMicrosecondUtc,
            r#""2012-01-11T11:30:00Z""#,
        );
        assert_eq!(
            timestamps(&ts.batch, 0),
            [Some(15_350 * DAY_MICROS + 41_400_000_000)]
        );
        assert_eq!(
            ts.batch.schema().field(0).data_type().to_string(),
            "Timestamp(µs, \"UTC\")"
        );
    }
    // CALC in DATE / TIME / DATETIME formats, and durations as text.
    let c = decode_one(FieldType::Calc, ColumnType::Date32, r#""2026-03-02""#);
    assert_eq!(dates(&c.batch, 0), [Some(20_514)]);
    let c = decode_one(FieldType::Calc, ColumnType::Time64Microsecond, r#""23:59""#);
    assert_eq!(times(&c.batch, 0), [Some((23 * 60 + 59) * 60_000_000)]);
    let c = decode_one(
        FieldType::Calc,
        ColumnType::TimestampMicrosecondUtc,
        r#""1969-12-31T23:59:00Z""#,
    );
    assert_eq!(timestamps(&c.batch, 0), [Some(-60_000_000)]);
    let c = decode_one(
        FieldType::Calc,
        ColumnType::Utf8,
        r#""2 days 3 hours 5 minutes""#,
    );
    assert_eq!(
        strings(&c.batch, 0),
        [Some("2 days 3 hours 5 minutes".into())]
    );
}

#[test]
fn creator_and_modifier_give_code_and_name() {
    let body = page(&[record(
        3,
        &[
            field(
                "Created_by",
                "CREATOR",
                r#"{"code":"sato","name":"Sato \"Hanako\""}"#,
            ),
            field(
                "Updated_by",
                "MODIFIER",
                r#"{"name":"Tanaka Taro","code":"tanaka"}"#,
            ),
        ],
    )]);
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("Created_by", FieldType::Creator, ColumnType::Utf8),
        ColumnSpec::new("Created_by", FieldType::Creator, ColumnType::Utf8)
            .named("Created_by_name")
            .part(ValuePart::Name),
        ColumnSpec::new("Updated_by", FieldType::Modifier, ColumnType::Utf8),
    ])
    .unwrap();
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(strings(&page.batch, 0), [Some("sato".into())]);
    assert_eq!(strings(&page.batch, 1), [Some("Sato \"Hanako\"".into())]);
    assert_eq!(strings(&page.batch, 2), [Some("tanaka".into())]);
}

#[test]
fn option_lists_as_json_text_and_as_lists() {
    for t in [
        FieldType::CheckBox,
        FieldType::MultiSelect,
        FieldType::Category,
    ] {
        let value = r#"["b","a, \"quoted\"","日本"]"#;
        let text = decode_one(t.clone(), ColumnType::Utf8, value);
        let rendered = strings(&text.batch, 0)[0].clone().unwrap();
        assert_eq!(rendered, r#"["b","a, \"quoted\"","日本"]"#, "{t}");
        let back: Vec<String> = serde_json::from_str(&rendered).unwrap();
        assert_eq!(back, ["b", "a, \"quoted\"", "日本"]);
        let list = decode_one(t.clone(), ColumnType::ListUtf8, value);
        assert_eq!(
            lists(&list.batch, 0),
            [Some(vec![
                "b".into(),
                "a, \"quoted\"".into(),
                "日本".into()
            ])]
        );
    }
}

#[test]
fn entity_lists_give_codes_or_names() {
    let value = r#"[{"code":"sato","name":"Sato"},{"code":"j.smith","name":"John Smith"}]"#;
    for t in [
        FieldType::UserSelect,
        FieldType::OrganizationSelect,
        FieldType::GroupSelect,
        FieldType::StatusAssignee,
    ] {
        let body = page(&[record(1, &[field("u", t.name(), value)])]);
        let plan = RecordPlan::new(vec![
            ColumnSpec::new("u", t.clone(), ColumnType::Utf8),
            ColumnSpec::new("u", t.clone(), ColumnType::ListUtf8)
                .named("names")
                .part(ValuePart::Name),
        ])
        .unwrap();
        let page = plan.decode(body.as_bytes()).unwrap();
        assert_eq!(
            strings(&page.batch, 0),
            [Some(r#"["sato","j.smith"]"#.into())],
            "{t}"
        );
        assert_eq!(
            lists(&page.batch, 1),
            [Some(vec!["Sato".into(), "John Smith".into()])]
        );
    }
}

#[test]
fn files_give_names_or_keys() {
    let value = r#"[{"contentType":"text/plain","fileKey":"k1","name":"a.txt","size":"12"},
                    {"contentType":"image/png","fileKey":"k2","name":"b \"c\".png","size":"3"}]"#;
    let body = page(&[record(1, &[field("Attachments", "FILE", value)])]);
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("Attachments", FieldType::File, ColumnType::Utf8),
        ColumnSpec::new("Attachments", FieldType::File, ColumnType::ListUtf8)
            .named("keys")
            .part(ValuePart::FileKey),
    ])
    .unwrap();
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(
        strings(&page.batch, 0),
        [Some(r#"["a.txt","b \"c\".png"]"#.into())]
    );
    assert_eq!(
        lists(&page.batch, 1),
        [Some(vec!["k1".into(), "k2".into()])]
    );
}

#[test]
fn unknown_fields_and_members_are_skipped() {
    let body = r#"{"records":[{"skipped":{"type":"SUBTABLE","value":[{"id":"1","value":
        {"x":{"type":"NUMBER","value":"1"}}}]},"other":{"type":"FILE","value":[{"name":"n"}]},
        "t":{"type":"SINGLE_LINE_TEXT","value":"kept","extra":{"deep":[1,2,{"a":null}]}},
        "$id":{"type":"__ID__","value":"5"}}],"totalCount":null,"future":{"x":[1]}}"#;
    let plan = RecordPlan::new(vec![ColumnSpec::new(
        "t",
        FieldType::SingleLineText,
        ColumnType::Utf8,
    )])
    .unwrap();
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(strings(&page.batch, 0), [Some("kept".into())]);
    assert_eq!(page.total_count, None);
    assert_eq!(page.last_record_id, Some(5));
}

#[test]
fn cursor_pages_single_records_and_empty_pages() {
    let plan = RecordPlan::new(vec![ColumnSpec::new(
        "t",
        FieldType::SingleLineText,
        ColumnType::Utf8,
    )])
    .unwrap();
    let cursor = format!(
        r#"{{"records":[{}],"next":true}}"#,
        record(8, &[field("t", "SINGLE_LINE_TEXT", r#""x""#)])
    );
    let page = plan.decode(cursor.as_bytes()).unwrap();
    assert_eq!((page.next, page.records), (Some(true), 1));
    let empty = plan.decode(br#"{"records":[],"next":false}"#).unwrap();
    assert_eq!(
        (empty.next, empty.records, empty.batch.num_rows()),
        (Some(false), 0, 0)
    );
    let single = format!(
        r#"{{"record":{}}}"#,
        record(8, &[field("t", "SINGLE_LINE_TEXT", r#""one""#)])
    );
    let page = plan.decode(single.as_bytes()).unwrap();
    assert_eq!(strings(&page.batch, 0), [Some("one".into())]);
}

#[test]
fn an_empty_projection_still_counts_rows() {
    let plan = RecordPlan::new(vec![]).unwrap();
    let body = page(&[record(1, &[]), record(2, &[])]);
    let page = plan.decode(body.as_bytes()).unwrap();
    assert_eq!(page.batch.num_rows(), 2);
    assert_eq!(page.batch.num_columns(), 0);
}

#[test]
fn records_with_fields_in_varying_order() {
    let a = |v: &str| field("a", "SINGLE_LINE_TEXT", &format!("\"{v}\""));
    let b = |v: &str| field("b", "NUMBER", &format!("\"{v}\""));
    let extra = field("zz", "DATE", "null");
    let body = page(&[
        record(1, &[a("a1"), b("1")]),
        record(2, &[b("2"), extra.clone(), a("a2")]),
        record(3, &[extra, a("a3"), b("3")]),
        record(4, &[a("a4"), b("4")]),
    ]);
    let plan = RecordPlan::new(vec![
        ColumnSpec::new("b", FieldType::Number, ColumnType::Float64),
        ColumnSpec::new("a", FieldType::SingleLineText, ColumnType::Utf8),
        ColumnSpec::new("$id", FieldType::Id, ColumnType::Int64),
    ]);
    let page = plan.unwrap().decode(body.as_bytes()).unwrap();
    assert_eq!(
        floats(&page.batch, 0),
        [Some(1.0), Some(2.0), Some(3.0), Some(4.0)]
    );
    assert_eq!(
        strings(&page.batch, 1),
        ["a1", "a2", "a3", "a4"].map(|s| Some(s.to_string()))
    );
    assert_eq!(ints(&page.batch, 2), [Some(1), Some(2), Some(3), Some(4)]);
}
