//! The exact Kintone text of every translation, operator by operator and
//! type by type. (Whether Kintone then returns SQL's rows is checked
//! against the emulator in `sql/tests/pushdown_*.rs`.)

use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::{
    cast, create_udf, ident, lit, not, ColumnarValue, Expr, ScalarUDF, SortExpr, Volatility,
};
use kintone_core::schema::FieldDef;

use super::{quote_string, ColumnBinding, Pushed, TableBinding, TableShape, HAS_ANY};
use crate::types::SqlType;

fn def(code: &str, ty: &str, extra: &str) -> FieldDef {
    let json = format!(r#"{{"code":"{code}","type":"{ty}","label":"{code}"{extra}}}"#);
    serde_json::from_str(&json).unwrap()
}

fn bind(name: &str, field: FieldDef, sql_type: SqlType) -> ColumnBinding {
    ColumnBinding {
        name: name.into(),
        field: Some(field),
        sql_type,
        in_subtable_row: false,
    }
}

const TEXT: SqlType = SqlType::WVarchar { length: 4000 };
const DEC: SqlType = SqlType::Decimal {
    precision: 20,
    scale: 4,
};
const OPTIONS: &str =
    r#","options":{"Travel":{"label":"Travel","index":"0"},"Meal":{"label":"Meal","index":"1"}}"#;
const FLAGS: &str = r#","options":{"receipt":{"label":"receipt","index":"0"},"urgent":{"label":"urgent","index":"1"}}"#;

pub(crate) fn binding() -> TableBinding {
    let mut columns = vec![
        bind("RecordId", def("$id", "__ID__", ""), SqlType::BigInt),
        bind("No", def("No", "RECORD_NUMBER", ""), SqlType::BigInt),
        bind("Amount", def("Amount", "NUMBER", ""), DEC),
        bind("Tax", def("Tax", "CALC", r#","format":"NUMBER""#), DEC),
        bind("Price", def("Price", "NUMBER", ""), SqlType::Double),
        bind("Day", def("Day", "DATE", ""), SqlType::Date),
        bind(
            "Start",
            def("Start", "TIME", ""),
            SqlType::Time { fraction_digits: 0 },
        ),
        bind(
            "PaidAt",
            def("PaidAt", "DATETIME", ""),
            SqlType::Timestamp { fraction_digits: 0 },
        ),
        bind(
            "Created",
            def("Created", "CREATED_TIME", ""),
            SqlType::Timestamp { fraction_digits: 0 },
        ),
        bind("Title", def("Title", "SINGLE_LINE_TEXT", ""), TEXT),
        bind("Memo", def("Memo", "MULTI_LINE_TEXT", ""), TEXT),
        bind("Body", def("Body", "RICH_TEXT", ""), TEXT),
        bind("Kind", def("Kind", "DROP_DOWN", OPTIONS), TEXT),
        bind("Flags", def("Flags", "CHECK_BOX", FLAGS), TEXT),
        bind("Approver", def("Approver", "USER_SELECT", ""), TEXT),
        bind("Creator", def("Creator", "CREATOR", ""), TEXT),
        bind("Status", def("Status", "STATUS", ""), TEXT),
        bind("Files", def("Files", "FILE", ""), TEXT),
    ];
    for (name, ty, sql) in [("Item", "SINGLE_LINE_TEXT", TEXT), ("Cost", "NUMBER", DEC)] {
        let mut field = def(name, ty, "");
        field.subtable = Some("Lines".into());
        let mut c = bind(name, field, sql);
        c.in_subtable_row = true;
        columns.push(c);
    }
    TableBinding {
        shape: TableShape::Records,
        columns,
    }
}

fn dec(v: i128) -> Expr {
    lit(ScalarValue::Decimal128(Some(v), 20, 4))
}

fn ts(seconds: i64) -> Expr {
    lit(ScalarValue::TimestampMicrosecond(
        Some(seconds * 1_000_000),
        Some("UTC".into()),
    ))
}

fn has_any(args: Vec<Expr>) -> Expr {
    let udf: ScalarUDF = create_udf(
        "has_any",
        vec![DataType::Utf8, DataType::Utf8],
        DataType::Boolean,
        Volatility::Immutable,
        Arc::new(|_: &[ColumnarValue]| unreachable!("never run")),
    );
    assert_eq!(udf.name(), HAS_ANY);
    Expr::ScalarFunction(ScalarFunction::new_udf(Arc::new(udf), args))
}

fn exact(s: &str) -> Option<Pushed> {
    Some(Pushed::Exact(s.into()))
}

fn sup(s: &str) -> Option<Pushed> {
    Some(Pushed::Superset(s.into()))
}

const FLOOR: &str = "-10000000000000000";

#[track_caller]
fn check(expr: Expr, expected: Option<Pushed>) {
    assert_eq!(binding().filter(&expr), expected, "{expr}");
}

#[test]
fn record_id_every_operator() {
    check(ident("RecordId").eq(lit(5i64)), exact("$id = 5"));
    check(ident("RecordId").not_eq(lit(5i64)), exact("$id != 5"));
    check(ident("RecordId").lt(lit(5i64)), exact("$id < 5"));
    check(ident("RecordId").lt_eq(lit(5i64)), exact("$id <= 5"));
    check(ident("RecordId").gt(lit(5i64)), exact("$id > 5"));
    check(ident("RecordId").gt_eq(lit(5i64)), exact("$id >= 5"));
    check(lit(5i64).lt(ident("RecordId")), exact("$id > 5"));
    check(
        ident("RecordId").in_list(vec![lit(1i64), lit(2i64)], false),
        exact("$id in (1, 2)"),
    );
    check(
        ident("RecordId").in_list(vec![lit(1i64), lit(2i64)], true),
        exact("$id not in (1, 2)"),
    );
    check(
        ident("RecordId").between(lit(3i64), lit(9i64)),
        exact("($id >= 3 and $id <= 9)"),
    );
    check(
        ident("RecordId").not_between(lit(3i64), lit(9i64)),
        exact("($id < 3 or $id > 9)"),
    );
    check(ident("No").gt_eq(lit(10i64)), exact("No >= 10"));
    // A fraction against an integer column is not pushed.
    check(
        cast(ident("RecordId"), DataType::Float64).lt(lit(2.5f64)),
        None,
    );
    check(
        cast(ident("RecordId"), DataType::Float64).lt(lit(2.0f64)),
        exact("$id < 2"),
    );
}

#[test]
fn numbers_blank_is_the_minimum() {
    check(ident("Amount").eq(dec(12_500)), exact("Amount = 1.25"));
    check(ident("Amount").gt(dec(-50_000)), exact("Amount > -5"));
    check(ident("Amount").gt_eq(dec(0)), exact("Amount >= 0"));
    check(
        ident("Amount").lt(dec(50_000)),
        exact(&format!("(Amount < 5 and Amount > {FLOOR})")),
    );
    check(
        ident("Amount").lt_eq(dec(50_000)),
        exact(&format!("(Amount <= 5 and Amount > {FLOOR})")),
    );
    check(
        ident("Amount").not_eq(dec(50_000)),
        exact(&format!("(Amount != 5 and Amount > {FLOOR})")),
    );
    check(
        ident("Amount").in_list(vec![dec(10_000), dec(-25_000)], false),
        exact("Amount in (1, -2.5)"),
    );
    check(
        ident("Amount").in_list(vec![dec(10_000)], true),
        exact(&format!("(Amount not in (1) and Amount > {FLOOR})")),
    );
    check(
        ident("Amount").is_null(),
        exact(&format!("Amount <= {FLOOR}")),
    );
    check(
        ident("Amount").is_not_null(),
        exact(&format!("Amount > {FLOOR}")),
    );
    check(
        not(ident("Amount").gt_eq(dec(10_000))),
        exact(&format!("(Amount < 1 and Amount > {FLOOR})")),
    );
    check(ident("Tax").gt(dec(1)), exact("Tax > 0.0001"));
    // A widening cast keeps the values; a float cast of a 20-digit column does not.
    check(
        cast(ident("Amount"), DataType::Decimal128(30, 6)).gt(lit(ScalarValue::Decimal128(
            Some(1_500_000),
            30,
            6,
        ))),
        exact("Amount > 1.5"),
    );
    check(
        cast(ident("Amount"), DataType::Float64).gt(lit(1.5f64)),
        None,
    );
    // DOUBLE columns compare rounded values: ranges around the literal
    // holding every exact value that can round to the kept side.
    check(ident("Price").gt(lit(1.5f64)), sup("Price > 1.5"));
    check(
        ident("Price").gt_eq(lit(1.5f64)),
        sup("Price > 1.4999999999999998"),
    );
    check(ident("Price").lt(lit(0.1f64)), sup("Price < 0.1"));
    check(
        ident("Price").lt_eq(lit(0.1f64)),
        sup("Price < 0.10000000000000002"),
    );
    check(
        ident("Price").eq(lit(2i64)),
        sup("(Price > 1.9999999999999998 and Price < 2.0000000000000004)"),
    );
    check(
        ident("Price").gt_eq(lit(0f64)),
        sup("Price > -0.000000000000000000000000000001"),
    );
    check(
        ident("Price").lt_eq(lit(0f64)),
        sup("Price < 0.000000000000000000000000000001"),
    );
    check(ident("Price").gt(lit(-0f64)), sup("Price > 0"));
    check(ident("Price").not_eq(lit(1f64)), None);
    check(ident("Price").gt(lit(1e40f64)), None);
    check(ident("Price").gt(lit(f64::NAN)), None);
    check(
        ident("Price").in_list(vec![lit(1f64), lit(-3f64)], false),
        sup("((Price > 0.9999999999999999 and Price < 1.0000000000000002) or (Price > -3.0000000000000004 and Price < -2.9999999999999996))"),
    );
    check(ident("Price").in_list(vec![lit(1f64)], true), None);
    check(ident("Price").is_null(), None);
    // 30-digit literals stay exact.
    check(
        ident("Amount").gt(lit(ScalarValue::Decimal128(
            Some(123_456_789_012_345_678_901_234_567_890),
            38,
            4,
        ))),
        exact("Amount > 12345678901234567890123456.789"),
    );
}

#[test]
fn dates_times_datetimes() {
    let day = lit(ScalarValue::Date32(Some(19724)));
    check(ident("Day").eq(day.clone()), exact("Day = \"2024-01-02\""));
    check(ident("Day").gt(day.clone()), exact("Day > \"2024-01-02\""));
    check(
        ident("Day").gt_eq(day.clone()),
        exact("Day >= \"2024-01-02\""),
    );
    // No guard for dates: blanks are re-checked locally.
    check(ident("Day").lt(day.clone()), sup("Day < \"2024-01-02\""));
    check(
        ident("Day").lt_eq(day.clone()),
        sup("Day <= \"2024-01-02\""),
    );
    check(
        ident("Day").not_eq(day.clone()),
        sup("Day != \"2024-01-02\""),
    );
    check(
        ident("Day").in_list(vec![day.clone(), lit(ScalarValue::Date32(Some(0)))], false),
        exact("(Day = \"2024-01-02\" or Day = \"1970-01-01\")"),
    );
    check(ident("Day").is_null(), None);

    let nine = lit(ScalarValue::Time64Microsecond(Some(9 * 3_600_000_000)));
    let nine_thirty_s = lit(ScalarValue::Time64Microsecond(Some(
        9 * 3_600_000_000 + 30_000_000,
    )));
    check(ident("Start").eq(nine.clone()), exact("Start = \"09:00\""));
    check(
        ident("Start").lt(nine.clone()),
        exact("(Start < \"09:00\" and Start >= \"00:00\")"),
    );
    check(
        ident("Start").gt(nine_thirty_s.clone()),
        exact("Start > \"09:00\""),
    );
    check(
        ident("Start").gt_eq(nine_thirty_s.clone()),
        exact("Start > \"09:00\""),
    );
    check(
        ident("Start").lt(nine_thirty_s.clone()),
        exact("(Start <= \"09:00\" and Start >= \"00:00\")"),
    );
    check(ident("Start").eq(nine_thirty_s), None);
    check(ident("Start").is_null(), exact("Start < \"00:00\""));
    check(ident("Start").is_not_null(), exact("Start >= \"00:00\""));

    let t = 1_704_164_640; // 2024-01-02T03:04:00Z
    check(
        ident("PaidAt").eq(ts(t)),
        exact("PaidAt = \"2024-01-02T03:04:00Z\""),
    );
    check(
        ident("PaidAt").gt(ts(t + 30)),
        exact("PaidAt > \"2024-01-02T03:04:00Z\""),
    );
    check(
        ident("PaidAt").lt_eq(ts(t + 30)),
        sup("PaidAt <= \"2024-01-02T03:04:00Z\""),
    );
    check(ident("PaidAt").not_eq(ts(t + 30)), None);
    // CREATED_TIME is never blank: `<` is exact.
    check(
        ident("Created").lt(ts(t)),
        exact("Created < \"2024-01-02T03:04:00Z\""),
    );
    check(
        ident("Created").not_eq(ts(t)),
        exact("Created != \"2024-01-02T03:04:00Z\""),
    );
}

#[test]
fn text_blanks_and_escapes() {
    check(
        ident("Title").eq(lit("a\"b\\c\nd")),
        exact(r#"Title in ("a\"b\\c\nd")"#),
    );
    check(
        ident("Title").eq(lit("日本語")),
        exact("Title in (\"日本語\")"),
    );
    check(ident("Title").not_eq(lit("x")), sup("Title not in (\"x\")"));
    check(
        ident("Title").in_list(vec![lit("x"), lit("y")], false),
        exact("Title in (\"x\", \"y\")"),
    );
    check(
        ident("Title").in_list(vec![lit("x")], true),
        sup("Title not in (\"x\")"),
    );
    // Kintone takes whitespace-only literals for blank.
    check(ident("Title").eq(lit("  ")), sup("Title in (\"  \")"));
    check(ident("Title").not_eq(lit(" ")), None);
    check(ident("Title").is_null(), sup("Title in (\"\")"));
    check(ident("Title").is_not_null(), None);
    check(ident("Title").lt(lit("x")), None);
    check(ident("Title").like(lit("%x%")), None);
    check(ident("Memo").is_null(), sup("Memo is empty"));
    check(ident("Memo").is_not_null(), None);
    check(ident("Memo").eq(lit("x")), None);
    check(ident("Body").is_null(), None);
}

#[test]
fn selections_users_status_files() {
    check(ident("Kind").eq(lit("Meal")), exact("Kind in (\"Meal\")"));
    check(
        ident("Kind").not_eq(lit("Meal")),
        exact("Kind not in (\"Meal\", \"\")"),
    );
    check(ident("Kind").eq(lit("NotAnOption")), None);
    check(
        ident("Kind").in_list(vec![lit("Meal"), lit("Travel")], true),
        exact("Kind not in (\"Meal\", \"Travel\", \"\")"),
    );
    check(ident("Kind").is_null(), exact("Kind in (\"\")"));
    check(ident("Kind").is_not_null(), exact("Kind not in (\"\")"));
    check(
        has_any(vec![ident("Flags"), lit("urgent"), lit("receipt")]),
        exact("Flags in (\"urgent\", \"receipt\")"),
    );
    check(
        not(has_any(vec![ident("Flags"), lit("urgent")])),
        sup("Flags not in (\"urgent\")"),
    );
    check(has_any(vec![ident("Flags"), lit("nope")]), None);
    check(ident("Flags").is_null(), exact("Flags in (\"\")"));
    check(ident("Flags").eq(lit("[\"urgent\"]")), None);
    // User codes cannot be checked: unknown ones are query errors.
    check(has_any(vec![ident("Approver"), lit("sato")]), None);
    check(ident("Approver").is_null(), None);
    check(ident("Creator").eq(lit("sato")), None);
    check(
        ident("Status").eq(lit("Done")),
        exact("Status in (\"Done\")"),
    );
    check(
        ident("Status").not_eq(lit("Done")),
        sup("Status not in (\"Done\")"),
    );
    check(ident("Files").is_null(), exact("Files is empty"));
    check(ident("Files").is_not_null(), exact("Files is not empty"));
}

#[test]
fn boolean_structure() {
    // AND with an untranslatable side keeps the other as a superset.
    check(
        ident("RecordId")
            .gt(lit(5i64))
            .and(ident("Title").like(lit("%x%"))),
        sup("$id > 5"),
    );
    check(
        ident("RecordId")
            .gt(lit(5i64))
            .or(ident("Title").like(lit("%x%"))),
        None,
    );
    check(
        ident("RecordId")
            .gt(lit(5i64))
            .or(ident("Day").lt(lit(ScalarValue::Date32(Some(0))))),
        sup("($id > 5 or Day < \"1970-01-01\")"),
    );
    // NOT goes down to the predicates (De Morgan), never over a superset.
    check(
        not(ident("RecordId")
            .gt(lit(5i64))
            .or(ident("Kind").eq(lit("Meal")))),
        exact("($id <= 5 and Kind not in (\"Meal\", \"\"))"),
    );
    check(
        not(ident("Title").eq(lit("x"))),
        sup("Title not in (\"x\")"),
    );
    check(
        not(ident("Title").not_eq(lit("x"))),
        exact("Title in (\"x\")"),
    );
    check(
        not(ident("Amount").is_null()),
        exact(&format!("Amount > {FLOOR}")),
    );
    check(ident("RecordId").eq(ident("No")), None);
    check(ident("RecordId").eq(lit(ScalarValue::Int64(None))), None);
}

#[test]
fn subtable_rows_are_supersets_and_never_negative() {
    check(ident("Item").eq(lit("fare")), sup("Item in (\"fare\")"));
    check(ident("Item").not_eq(lit("fare")), None);
    check(ident("Item").in_list(vec![lit("fare")], true), None);
    check(ident("Cost").eq(dec(40_000_000)), sup("Cost in (4000)"));
    check(ident("Cost").gt(dec(0)), sup("Cost > 0"));
    check(ident("Cost").lt(dec(0)), sup("Cost < 0"));
    check(ident("Cost").not_eq(dec(0)), None);
    check(not(ident("Cost").lt(dec(0))), sup("Cost >= 0"));
    check(ident("Cost").is_null(), sup(&format!("Cost <= {FLOOR}")));
    check(
        ident("Item").eq(lit("fare")).and(ident("Cost").gt(dec(0))),
        sup("(Item in (\"fare\") and Cost > 0)"),
    );
}

#[test]
fn condition_joins_the_pushable_conjuncts() {
    let b = binding();
    let filters = [
        ident("RecordId").gt(lit(1i64)),
        ident("Title").like(lit("%x")),
        ident("Kind").eq(lit("Meal")),
    ];
    assert_eq!(
        b.condition(&filters).as_deref(),
        Some("($id > 1) and (Kind in (\"Meal\"))")
    );
}

#[test]
fn quoting() {
    assert_eq!(quote_string("a\"b"), r#""a\"b""#);
    assert_eq!(quote_string("\\"), r#""\\""#);
    assert_eq!(quote_string("x\r\n\ty"), r#""x\r\n\ty""#);
    assert_eq!(quote_string("絵文字😀"), "\"絵文字😀\"");
}

fn sort(name: &str, asc: bool, nulls_first: bool) -> SortExpr {
    SortExpr::new(ident(name), asc, nulls_first)
}

#[test]
fn order_by_keys() {
    let b = binding();
    let keys = |s: &[SortExpr]| b.order_by(s).map(|(k, _)| k);
    assert_eq!(
        keys(&[sort("Amount", true, true)]).as_deref(),
        Some("Amount asc, $id asc")
    );
    assert_eq!(
        keys(&[sort("Day", false, false), sort("Start", true, true)]).as_deref(),
        Some("Day desc, Start asc, $id asc")
    );
    assert_eq!(keys(&[sort("Amount", true, false)]), None, "NULLS LAST");
    assert_eq!(
        keys(&[sort("Created", true, false)]).as_deref(),
        Some("Created asc, $id asc"),
        "never blank"
    );
    assert_eq!(
        keys(&[sort("RecordId", false, false), sort("Amount", true, true)]).as_deref(),
        Some("$id desc")
    );
    assert_eq!(
        keys(&[sort("Price", true, true)]).as_deref(),
        Some("Price asc, $id asc")
    );
    // Ties of rounded values would be ordered by exact value, not the next key.
    assert_eq!(
        keys(&[sort("Price", true, true), sort("Day", true, true)]),
        None
    );
    assert_eq!(
        keys(&[sort("Day", true, true), sort("Price", false, false)]).as_deref(),
        Some("Day asc, Price desc, $id asc")
    );
    for unpushable in [
        "Title", "Kind", "Status", "Creator", "Flags", "Memo", "Cost",
    ] {
        assert_eq!(keys(&[sort(unpushable, true, true)]), None, "{unpushable}");
    }
    let rows = TableBinding {
        shape: TableShape::SubtableRows {
            table_code: "Lines".into(),
        },
        columns: b.columns.clone(),
    };
    assert_eq!(rows.order_by(&[sort("Amount", true, true)]), None);
}

#[test]
fn blanks_excluded_by_another_conjunct_make_a_range_exact() {
    let b = binding();
    let (lo, hi) = (
        lit(ScalarValue::Date32(Some(0))),
        lit(ScalarValue::Date32(Some(10))),
    );
    check(
        ident("Day").between(lo.clone(), hi.clone()),
        exact("(Day >= \"1970-01-01\" and Day <= \"1970-01-11\")"),
    );
    let ge = ident("Day").gt_eq(lo);
    let le = ident("Day").lt_eq(hi.clone());
    let amount = ident("Amount").gt(dec(0));
    assert_eq!(
        b.filter_all(&[&le, &ge]),
        vec![
            exact("Day <= \"1970-01-11\""),
            exact("Day >= \"1970-01-01\"")
        ]
    );
    assert_eq!(
        b.filter_all(&[&le, &amount]),
        vec![sup("Day <= \"1970-01-11\""), exact("Amount > 0")]
    );
    use datafusion::logical_expr::TableProviderFilterPushDown as F;
    assert_eq!(b.supports(&[&le, &ge]), vec![F::Exact, F::Exact]);
    assert_eq!(b.supports(&[&le]), vec![F::Inexact]);
    assert_eq!(b.support(&le), F::Inexact);
    // `or` keeps only the blanks both sides exclude.
    let either = ident("Day").gt(hi.clone()).or(ident("Amount").gt(dec(0)));
    assert_eq!(
        b.filter_all(&[&le, &either])[0],
        sup("Day <= \"1970-01-11\"")
    );
}
