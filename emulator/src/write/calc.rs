//! CALC fields: Kintone computes them on every save. This evaluates the
//! common part of Kintone's formula language: numbers, strings, field codes,
//! `+ - * / ^ &`, comparisons, and SUM, ROUND, ROUNDUP, ROUNDDOWN, IF, AND,
//! OR, NOT. DATE/TIME/DATETIME operands are seconds, as in Kintone.
//! An expression outside this subset, or an error such as a division by zero,
//! gives a blank value [assumed] (Kintone shows `#N/A!`).

use bigdecimal::{BigDecimal, RoundingMode, Zero};
use chrono::{DateTime, NaiveDate, NaiveTime, Timelike};

mod parse;

use parse::{parse, Expr};

use super::number::{parse_decimal, rounding_mode};
use crate::model::{App, FieldDef, FieldType, NumberPrecision, Value};

/// A value during evaluation.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Num(BigDecimal),
    Str(String),
    Bool(bool),
    /// A blank date or time: arithmetic on it stays blank.
    Blank,
    /// A column of a table, referenced from outside the table (for SUM).
    List(Vec<V>),
}

fn num(v: &V) -> Option<BigDecimal> {
    match v {
        V::Num(n) => Some(n.clone()),
        V::Bool(b) => Some(BigDecimal::from(*b as i32)),
        V::Str(s) if s.is_empty() => Some(BigDecimal::zero()),
        V::Str(s) => parse_decimal(s),
        _ => None,
    }
}

fn text(v: &V) -> String {
    match v {
        V::Num(n) => n.normalized().to_plain_string(),
        V::Str(s) => s.clone(),
        V::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        V::Blank => String::new(),
        V::List(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
    }
}

fn truth(v: &V) -> Option<bool> {
    match v {
        V::Bool(b) => Some(*b),
        other => num(other).map(|n| !n.is_zero()),
    }
}

/// Seconds since the epoch (DATETIME, DATE at 00:00 UTC) or since midnight (TIME).
fn seconds(kind: FieldType, s: &str) -> Option<V> {
    if s.is_empty() {
        return Some(V::Blank);
    }
    let secs = match kind {
        FieldType::Date => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)?
            .and_utc()
            .timestamp(),
        FieldType::Time => i64::from(
            NaiveTime::parse_from_str(s, "%H:%M")
                .ok()?
                .num_seconds_from_midnight(),
        ),
        _ => DateTime::parse_from_rfc3339(s).ok()?.timestamp(),
    };
    Some(V::Num(BigDecimal::from(secs)))
}

/// A field's value as a formula operand.
fn operand(def: &FieldDef, value: &Value) -> V {
    use FieldType::*;
    match (def.kind, value) {
        (Number | Calc, Value::Text(s)) => match def.format.as_deref() {
            Some("DATE" | "TIME" | "DATETIME") if def.kind == Calc => seconds(
                match def.format.as_deref() {
                    Some("DATE") => Date,
                    Some("TIME") => Time,
                    _ => DateTime,
                },
                s,
            )
            .unwrap_or(V::Blank),
            _ => V::Num(parse_decimal(s).unwrap_or_default()),
        },
        (Date | Time | DateTime | CreatedTime | UpdatedTime, Value::Text(s)) => {
            seconds(def.kind, s).unwrap_or(V::Blank)
        }
        (_, Value::Text(s)) => V::Str(s.clone()),
        (_, Value::List(items)) => V::Str(items.join(", ")),
        (_, Value::Entity(e)) => V::Str(e.name.clone()),
        (_, Value::Entities(list)) => V::Str(
            list.iter()
                .map(|e| e.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => V::Blank,
    }
}

/// Where a formula's field codes are looked up: the row it lives in (for
/// a CALC inside a table), then the record.
struct Scope<'a> {
    app: &'a App,
    values: &'a [Value],
    row: Option<(&'a [FieldDef], &'a [Value])>,
}

impl Scope<'_> {
    fn field(&self, code: &str) -> Option<V> {
        if let Some((defs, values)) = self.row {
            if let Some(j) = defs.iter().position(|d| d.code == code) {
                return Some(operand(&defs[j], &values[j]));
            }
        }
        for (i, def) in self.app.fields.iter().enumerate() {
            if def.code == code {
                return Some(operand(def, &self.values[i]));
            }
            if let (Some(j), Value::Table(rows)) = (
                def.subfields.iter().position(|s| s.code == code),
                &self.values[i],
            ) {
                return Some(V::List(
                    rows.iter()
                        .map(|r| operand(&def.subfields[j], &r.values[j]))
                        .collect(),
                ));
            }
        }
        None
    }
}

fn round(v: &V, places: Option<&V>, mode: RoundingMode) -> Option<V> {
    let n = num(v)?;
    let places = match places {
        Some(p) => num(p)?.to_string().parse::<i64>().ok()?,
        None => 0,
    };
    Some(V::Num(n.with_scale_round(places, mode)))
}

fn eval(expr: &Expr, scope: &Scope) -> Option<V> {
    Some(match expr {
        Expr::Num(n) => V::Num(n.clone()),
        Expr::Str(s) => V::Str(s.clone()),
        Expr::Field(code) => scope.field(code)?,
        Expr::Neg(inner) => match eval(inner, scope)? {
            V::Blank => V::Blank,
            v => V::Num(-num(&v)?),
        },
        Expr::Binary('&', a, b) => V::Str(text(&eval(a, scope)?) + &text(&eval(b, scope)?)),
        Expr::Binary(op, a, b) => {
            let (a, b) = (eval(a, scope)?, eval(b, scope)?);
            if a == V::Blank || b == V::Blank {
                return Some(V::Blank);
            }
            let (x, y) = (num(&a)?, num(&b)?);
            V::Num(match op {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' if y.is_zero() => return None,
                '/' => (x / y).with_prec(40),
                '^' => {
                    let exp: i64 = y.to_string().parse().ok()?;
                    if !(0..=100).contains(&exp) {
                        return None;
                    }
                    (0..exp).fold(BigDecimal::from(1), |acc, _| acc * &x)
                }
                _ => return None,
            })
        }
        Expr::Compare(op, a, b) => {
            let (a, b) = (eval(a, scope)?, eval(b, scope)?);
            let ordering = match (num(&a), num(&b), &a, &b) {
                (_, _, V::Str(x), V::Str(y)) => x.cmp(y),
                (Some(x), Some(y), _, _) => x.cmp(&y),
                _ => text(&a).cmp(&text(&b)),
            };
            V::Bool(match *op {
                "=" => ordering.is_eq(),
                "!=" => ordering.is_ne(),
                "<" => ordering.is_lt(),
                ">" => ordering.is_gt(),
                "<=" => ordering.is_le(),
                _ => ordering.is_ge(),
            })
        }
        Expr::Call(name, args) => call(name, args, scope)?,
    })
}

fn call(name: &str, args: &[Expr], scope: &Scope) -> Option<V> {
    let values = || {
        args.iter()
            .map(|a| eval(a, scope))
            .collect::<Option<Vec<V>>>()
    };
    Some(match (name, args.len()) {
        ("SUM", _) => {
            let mut total = BigDecimal::zero();
            for v in values()? {
                match v {
                    V::List(items) => {
                        for item in items {
                            total += num(&item).unwrap_or_default();
                        }
                    }
                    V::Blank => {}
                    other => total += num(&other)?,
                }
            }
            V::Num(total)
        }
        ("ROUND", 1 | 2) => {
            let v = values()?;
            round(&v[0], v.get(1), RoundingMode::HalfUp)?
        }
        ("ROUNDUP", 1 | 2) => {
            let v = values()?;
            round(&v[0], v.get(1), RoundingMode::Up)?
        }
        ("ROUNDDOWN", 1 | 2) => {
            let v = values()?;
            round(&v[0], v.get(1), RoundingMode::Down)?
        }
        ("IF", 3) => {
            if truth(&eval(&args[0], scope)?)? {
                eval(&args[1], scope)?
            } else {
                eval(&args[2], scope)?
            }
        }
        ("AND", _) => V::Bool(
            values()?
                .iter()
                .map(truth)
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .all(|b| b),
        ),
        ("OR", _) => V::Bool(
            values()?
                .iter()
                .map(truth)
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .any(|b| b),
        ),
        ("NOT", 1) => V::Bool(!truth(&values()?[0])?),
        _ => return None,
    })
}

/// Formats a result for the CALC's `format`, rounding numbers with the
/// app's precision (trailing zeros dropped [assumed]).
fn format_result(def: &FieldDef, v: V, precision: &NumberPrecision) -> String {
    let format = def.format.as_deref().unwrap_or("NUMBER");
    let number = match &v {
        V::Str(s) => return s.clone(),
        V::Blank | V::List(_) => return String::new(),
        other => match num(other) {
            Some(n) => n,
            None => return String::new(),
        },
    };
    let whole = || {
        number
            .with_scale_round(0, RoundingMode::Floor)
            .to_string()
            .parse::<i64>()
            .ok()
    };
    match format {
        "DATETIME" => whole()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .map(super::datetime::format_minute)
            .unwrap_or_default(),
        "DATE" => whole()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        "TIME" => whole()
            .map(|s| {
                let s = s.rem_euclid(86_400);
                format!("{:02}:{:02}", s / 3600, s % 3600 / 60)
            })
            .unwrap_or_default(),
        _ => {
            let rounded = number.with_scale_round(
                i64::from(precision.decimal_places),
                rounding_mode(&precision.rounding_mode),
            );
            let allowed = precision.digits.saturating_sub(precision.decimal_places) as usize;
            let text = rounded.normalized().to_plain_string();
            let int_digits = text
                .trim_start_matches('-')
                .split('.')
                .next()
                .unwrap_or("")
                .trim_start_matches('0')
                .len();
            if int_digits > allowed {
                String::new()
            } else if text == "-0" {
                "0".into()
            } else {
                text
            }
        }
    }
}

/// Evaluates one CALC field in a scope; blank when it cannot be computed.
fn compute(def: &FieldDef, scope: &Scope) -> String {
    let expression = def
        .raw
        .get("expression")
        .and_then(|e| e.as_str())
        .unwrap_or_default();
    match parse(expression).and_then(|e| eval(&e, scope)) {
        Some(v) => format_result(def, v, &scope.app.number_precision),
        None => String::new(),
    }
}

/// Recomputes the CALC fields of a record (top level and in table rows)
/// except those in `keep` (top-level indices) or whose row cell is kept
/// (fixtures may give CALC values). CALCs may use other CALCs: a few passes
/// settle chains.
pub fn recompute(
    app: &App,
    values: &mut [Value],
    keep: &dyn Fn(usize, Option<(usize, usize)>) -> bool,
) {
    let passes = app
        .fields
        .iter()
        .filter(|f| f.kind == FieldType::Calc)
        .count()
        + app
            .fields
            .iter()
            .flat_map(|f| &f.subfields)
            .filter(|f| f.kind == FieldType::Calc)
            .count();
    for _ in 0..passes.min(8) {
        for (i, def) in app.fields.iter().enumerate() {
            if def.kind == FieldType::Calc && !keep(i, None) {
                let result = compute(
                    def,
                    &Scope {
                        app,
                        values: &*values,
                        row: None,
                    },
                );
                values[i] = Value::Text(result);
            }
            if def.kind != FieldType::Subtable
                || !def.subfields.iter().any(|s| s.kind == FieldType::Calc)
            {
                continue;
            }
            let Value::Table(rows) = &values[i] else {
                continue;
            };
            let mut rows = rows.clone();
            for (r, row) in rows.iter_mut().enumerate() {
                for (j, sub) in def.subfields.iter().enumerate() {
                    if sub.kind == FieldType::Calc && !keep(i, Some((r, j))) {
                        let scope = Scope {
                            app,
                            values: &*values,
                            row: Some((&def.subfields, &row.values)),
                        };
                        let result = compute(sub, &scope);
                        row.values[j] = Value::Text(result);
                    }
                }
            }
            values[i] = Value::Table(rows);
        }
    }
}

#[cfg(test)]
mod tests;
