use super::*;
use crate::model::{FieldDef, TableRow};
use serde_json::json;

fn app(extra: serde_json::Value) -> App {
    let mut props = json!({
        "A": {"type": "NUMBER", "code": "A"},
        "B": {"type": "NUMBER", "code": "B"},
        "T": {"type": "SINGLE_LINE_TEXT", "code": "T"},
        "D": {"type": "DATE", "code": "D"},
        "Lines": {"type": "SUBTABLE", "code": "Lines", "fields": {
            "Q": {"type": "NUMBER", "code": "Q"},
            "P": {"type": "NUMBER", "code": "P"},
            "Sub": {"type": "CALC", "code": "Sub", "expression": "Q * P", "format": "NUMBER_DIGIT"}}}
    });
    for (k, v) in extra.as_object().unwrap() {
        props[k] = v.clone();
    }
    let fields = props
        .as_object()
        .unwrap()
        .iter()
        .map(|(c, d)| FieldDef::from_json(c, d).unwrap())
        .collect();
    App::new(1, "calc", fields)
}

fn record(app: &App, a: &str, b: &str, rows: &[(&str, &str)]) -> Vec<Value> {
    app.fields
        .iter()
        .map(|f| match f.code.as_str() {
            "A" => Value::Text(a.into()),
            "B" => Value::Text(b.into()),
            "T" => Value::Text("x".into()),
            "D" => Value::Text("2026-03-01".into()),
            "Lines" => Value::Table(
                rows.iter()
                    .enumerate()
                    .map(|(n, (q, p))| TableRow {
                        id: n as u64 + 1,
                        values: vec![
                            Value::Text((*q).into()),
                            Value::Text((*p).into()),
                            Value::Text(String::new()),
                        ],
                    })
                    .collect(),
            ),
            _ => Value::blank(f.kind),
        })
        .collect()
}

/// The value of calc field `C` after recomputing.
fn calc(expression: &str, format: &str, a: &str, b: &str) -> String {
    let app = app(
        json!({"C": {"type": "CALC", "code": "C", "expression": expression, "format": format}}),
    );
    let mut values = record(&app, a, b, &[("2", "3"), ("4", "0.5")]);
    recompute(&app, &mut values, &|_, _| false);
    let i = app.fields.iter().position(|f| f.code == "C").unwrap();
    values[i].as_text().to_string()
}

#[test]
fn arithmetic_and_precedence() {
    assert_eq!(calc("A * B", "NUMBER", "3", "30000"), "90000");
    assert_eq!(calc("A + B * 2", "NUMBER", "1", "2"), "5");
    assert_eq!(calc("(A + B) * 2", "NUMBER", "1", "2"), "6");
    assert_eq!(calc("-A ^ 2", "NUMBER", "3", "0"), "9");
    assert_eq!(calc("2 * A ^ 2", "NUMBER", "3", "0"), "18");
    assert_eq!(calc("A - -B", "NUMBER", "1", "2"), "3");
}

#[test]
fn results_are_rounded_with_the_app_precision() {
    // Default precision: 4 decimal places, HALF_EVEN, trailing zeros dropped.
    assert_eq!(calc("A / B", "NUMBER", "10", "3"), "3.3333");
    assert_eq!(calc("A / B", "NUMBER", "2", "3"), "0.6667");
    assert_eq!(calc("A * B", "NUMBER", "1.50", "2"), "3");
    assert_eq!(
        calc("A / B", "NUMBER", "1", "0"),
        "",
        "division by zero is blank"
    );
}

#[test]
fn rounding_functions() {
    assert_eq!(calc("ROUNDDOWN(A * 0.1, 0)", "NUMBER", "4200", ""), "420");
    assert_eq!(
        calc("ROUNDDOWN(A * 0.1, 0)", "NUMBER", "-1500.5", ""),
        "-150"
    );
    assert_eq!(calc("ROUND(A, 1)", "NUMBER", "2.25", ""), "2.3");
    assert_eq!(calc("ROUNDUP(A, -2)", "NUMBER", "101", ""), "200");
    assert_eq!(calc("ROUND(A)", "NUMBER", "2.5", ""), "3");
}

#[test]
fn blank_numbers_count_as_zero() {
    assert_eq!(calc("A + B", "NUMBER", "", "2"), "2");
}

#[test]
fn sum_over_a_table_column_and_row_calcs() {
    let app = app(
        json!({"Total": {"type": "CALC", "code": "Total", "expression": "SUM(Sub)", "format": "NUMBER"}}),
    );
    let mut values = record(&app, "", "", &[("2", "3"), ("4", "0.5")]);
    recompute(&app, &mut values, &|_, _| false);
    let table = app.fields.iter().position(|f| f.code == "Lines").unwrap();
    let Value::Table(rows) = &values[table] else {
        panic!()
    };
    assert_eq!(rows[0].values[2].as_text(), "6");
    assert_eq!(rows[1].values[2].as_text(), "2");
    let total = app.fields.iter().position(|f| f.code == "Total").unwrap();
    assert_eq!(
        values[total].as_text(),
        "8",
        "a CALC over other CALCs settles"
    );
}

#[test]
fn conditions_and_text() {
    assert_eq!(calc("IF(A > B, 1, 2)", "NUMBER", "5", "3"), "1");
    assert_eq!(
        calc("IF(AND(A >= 1, NOT(B = 0)), A, 0)", "NUMBER", "5", "3"),
        "5"
    );
    assert_eq!(calc("IF(OR(A < 0, B <> 3), 1, 0)", "NUMBER", "5", "3"), "0");
    assert_eq!(calc("T & \"-\" & A", "NUMBER", "7", ""), "x-7");
}

#[test]
fn dates_are_seconds() {
    assert_eq!(calc("D + 86400", "DATE", "", ""), "2026-03-02");
    assert_eq!(
        calc("D + 3600 * 9", "DATETIME", "", ""),
        "2026-03-01T09:00:00Z"
    );
    assert_eq!(calc("A * 60", "TIME", "90", ""), "01:30");
}

#[test]
fn unsupported_expressions_are_blank() {
    assert_eq!(calc("YEN(A, 0)", "NUMBER", "1", ""), "");
    assert_eq!(calc("A +", "NUMBER", "1", ""), "");
    assert_eq!(calc("Nope * 2", "NUMBER", "1", ""), "");
}

#[test]
fn kept_values_are_not_recomputed() {
    let app =
        app(json!({"C": {"type": "CALC", "code": "C", "expression": "A", "format": "NUMBER"}}));
    let mut values = record(&app, "5", "", &[]);
    let i = app.fields.iter().position(|f| f.code == "C").unwrap();
    values[i] = Value::Text("given".into());
    recompute(&app, &mut values, &|top, _| top == i);
    assert_eq!(values[i].as_text(), "given");
}
